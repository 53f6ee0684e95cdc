//! The document's title and description, through leptos_meta.

use crate::browser::api::loaded_site;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The title and meta description of a page. The app's `<Title formatter>`
/// adds the site's name; an empty description falls back to the site's.
#[component]
pub fn PageMeta(
    #[prop(into)] title: String,
    #[prop(into, optional)] description: String,
) -> impl IntoView {
    let content = move || match loaded_site() {
        Some(site) if description.is_empty() => site.description.clone(),
        _ => description.clone(),
    };
    view! {
        <Title text=title />
        <Meta name="description" content=content />
    }
}
