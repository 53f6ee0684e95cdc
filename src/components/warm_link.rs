//! Links that start loading what they lead to before the click.

use crate::{
    browser::api,
    models::content::{ContentFile, ListPage, Post},
    models::urls,
};
use leptos::prelude::*;

/// A post's link, warmed on intent.
#[component]
pub fn PostLink(slug: String, children: Children) -> impl IntoView {
    let href = urls::post(&slug);
    let warm = move || api::warm::<Post>(ContentFile::Post { slug: slug.clone() });
    view! {
        <a href=href on:pointerenter={let warm = warm.clone(); move |_| warm()} on:focus=move |_| warm()>
            {children()}
        </a>
    }
}

/// A category's archive link, warmed on intent.
#[component]
pub fn CategoryLink(slug: String, name: String) -> impl IntoView {
    let href = urls::category(&slug, 1);
    let warm = move || {
        api::warm::<ListPage>(ContentFile::Category {
            slug: slug.clone(),
            page: 1,
        })
    };
    view! {
        <a href=href on:pointerenter={let warm = warm.clone(); move |_| warm()} on:focus=move |_| warm()>
            {name}
        </a>
    }
}
