//! Links that start loading what they lead to before the click.

use crate::content::{load, ContentFile};
use leptos::prelude::*;

/// A link that starts loading the content it leads to as soon as the
/// pointer or keyboard focus is on it, so the click finds it ready.
#[component]
pub fn WarmLink(href: String, file: ContentFile, children: Children) -> impl IntoView {
    let warm = move || load::warm(file.clone());
    let warm_on_focus = warm.clone();
    view! {
        <a href=href on:pointerenter=move |_| warm() on:focus=move |_| warm_on_focus()>
            {children()}
        </a>
    }
}

/// A category's archive link, warmed on intent.
#[component]
pub fn CategoryLink(slug: String, name: String) -> impl IntoView {
    view! {
        <WarmLink href=format!("/category/{slug}") file=ContentFile::Category { slug, page: 1 }>
            {name}
        </WarmLink>
    }
}
