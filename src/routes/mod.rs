//! One file per page. Each reads its URL, asks `content` for what it needs,
//! and renders loading, error-with-retry, or the page.

pub mod articles;
pub mod category;
pub mod home;
pub mod not_found;
pub mod page;
pub mod post;

use crate::components::reactive::CollectAnyView;
use crate::use_site;
use leptos::prelude::*;

/// The document title and meta description of a route. The site's name is
/// appended once `site.json` has loaded; an empty description falls back to
/// the site's.
///
/// Written straight to `document.title` and index.html's one description
/// tag: leptos_meta's general head management cost ~3 KB brotli for two
/// strings a client-side app sets.
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
    Effect::new(move |_| {
        let document = document();
        document.set_title(&full_title());
        if let Ok(Some(tag)) = document.query_selector("meta[name=description]") {
            _ = tag.set_attribute("content", &full_description());
        }
    });
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
                .collect_any_view()}
        </nav>
    }
}
