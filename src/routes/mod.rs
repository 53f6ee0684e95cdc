//! One file per page. Each reads its URL, asks `content` for what it needs,
//! and renders loading, error-with-retry, or the page.

pub mod articles;
pub mod category;
pub mod home;
pub mod not_found;
pub mod page;
pub mod post;

use crate::use_site;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The document title and meta description of a route. The site's name is
/// appended once `site.json` has loaded; an empty description falls back to
/// the site's.
///
/// leptos_meta may read these after the route is gone, so the closures hold
/// only owned strings and the app-wide site resource, never route signals.
#[component]
pub fn PageMeta(
    #[prop(into)] title: String,
    #[prop(into, optional)] description: String,
) -> impl IntoView {
    let site = use_site();
    let loaded = move || site.get().and_then(Result::ok);
    let full_title = move || match loaded() {
        Some(site) if title.is_empty() => format!("{} — {}", site.title, site.tagline),
        Some(site) => format!("{title} — {}", site.title),
        None => title.clone(),
    };
    let full_description = move || match loaded() {
        Some(site) if description.is_empty() => site.description.clone(),
        _ => description.clone(),
    };
    view! {
        <Title text=full_title />
        <Meta name="description" content=full_description />
    }
}

/// "Browse: Home / …": each item a link but the last.
#[component]
pub fn Breadcrumb(
    /// Label and link of the items after Home; the last is the current page.
    items: Vec<(String, Option<String>)>,
) -> impl IntoView {
    view! {
        <nav class="breadcrumb" aria-label="Breadcrumb">
            "Browse: "
            <a href="/">"Home"</a>
            {items
                .into_iter()
                .map(|(label, href)| {
                    view! {
                        " / "
                        {match href {
                            Some(href) => view! { <a href=href>{label}</a> }.into_any(),
                            None => view! { <span aria-current="page">{label}</span> }.into_any(),
                        }}
                    }
                })
                .collect_view()}
        </nav>
    }
}
