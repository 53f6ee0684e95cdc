//! Links that start loading what they lead to before the click.

use crate::{
    browser::api,
    models::content::{ContentFile, ListPage, Post},
    models::urls,
};
use leptos::prelude::*;

/// A link that runs `warm` as soon as the pointer or keyboard focus is on
/// it, so the click finds its content ready.
#[component]
fn WarmLink(href: String, warm: Callback<()>, children: Children) -> impl IntoView {
    view! {
        <a href=href on:pointerenter=move |_| warm.run(()) on:focus=move |_| warm.run(())>
            {children()}
        </a>
    }
}

/// A post's link, warmed on intent.
#[component]
pub fn PostLink(slug: String, children: Children) -> impl IntoView {
    let href = urls::post(&slug);
    let warm = Callback::new(move |()| api::warm::<Post>(ContentFile::Post { slug: slug.clone() }));
    view! { <WarmLink href warm>{children()}</WarmLink> }
}

/// A category's archive link, warmed on intent.
#[component]
pub fn CategoryLink(slug: String, name: String) -> impl IntoView {
    let href = urls::category(&slug, 1);
    let warm = Callback::new(move |()| {
        api::warm::<ListPage>(ContentFile::Category {
            slug: slug.clone(),
            page: 1,
        })
    });
    view! { <WarmLink href warm>{name}</WarmLink> }
}
