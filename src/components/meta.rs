//! The document's head for a page, through leptos_meta: title, description,
//! and what crawlers and link previews read (canonical link, Open Graph,
//! Twitter card, JSON-LD). Prerendered pages carry it in their HTML.

use crate::{
    browser::api::loaded_site,
    models::{
        content::Post,
        metadata::{post_json_ld, script_json},
    },
};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Script, Title};
use leptos_router::hooks::use_location;
use std::sync::Arc;

/// The title and meta description of a page. The app's `<Title formatter>`
/// adds the site's name; an empty description falls back to the site's.
/// The canonical link and `og:url` name the page's own address (path and
/// query) under the site's public address, when the site has one.
#[component]
pub fn PageMeta(
    #[prop(into)] title: String,
    #[prop(into, optional)] description: String,
    /// The post the page shows: `og:type` "article" and its JSON-LD
    /// (`QAPage` or `Article`); other pages are "website"s.
    #[prop(optional)]
    post: Option<Arc<Post>>,
    /// Whether the page has an address of its own (not "Page not found").
    #[prop(default = true)]
    canonical: bool,
) -> impl IntoView {
    let description = StoredValue::new(description);
    let description = move || match loaded_site() {
        Some(site) if description.with_value(String::is_empty) => site.description.clone(),
        _ => description.get_value(),
    };
    let location = use_location();
    let address = move || {
        let path = format!("{}{}", location.pathname.get(), location.search.get());
        loaded_site()
            .and_then(|site| site.absolute(&path))
            .filter(|_| canonical)
    };
    let site_name = move || {
        loaded_site()
            .map(|site| site.title.clone())
            .unwrap_or_default()
    };
    let og_title = StoredValue::new(title.clone());
    let og_title = move || match og_title.with_value(String::is_empty) {
        true => site_name(),
        false => og_title.get_value(),
    };
    let article = post.is_some();
    let json_ld = move || {
        let (site, post) = (loaded_site()?, post.clone()?);
        let json = script_json(&post_json_ld(&site, &post));
        Some(view! { <Script type_="application/ld+json">{json}</Script> })
    };
    view! {
        <Title text=title />
        <Meta name="description" content=description />
        {move || address().map(|href| view! {
            <Link rel="canonical" href=href.clone() />
            <Meta property="og:url" content=href />
        })}
        <Meta property="og:type" content=if article { "article" } else { "website" } />
        <Meta property="og:title" content=og_title />
        <Meta property="og:description" content=description />
        <Meta property="og:site_name" content=site_name />
        <Meta name="twitter:card" content="summary" />
        {json_ld}
    }
}
