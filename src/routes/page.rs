use crate::content::Loaded;
use crate::{
    components::{
        rich_text::RichText,
        status::{page_content, Skeleton},
    },
    content::{load, ContentFile},
    routes::PageMeta,
};
use leptos::prelude::*;

/// `/page/<slug>`: About, Privacy Policy, Disclaimer.
#[component]
pub fn StaticPage(slug: String) -> impl IntoView {
    let page = Loaded::new({
        let slug = slug.clone();
        move || load::page(slug.clone())
    });
    // An invalid slug is never fetched: it loads as "not found" at once.
    page_content(
        page,
        move || ContentFile::Page { slug: slug.clone() }.description(),
        || view! { <Skeleton label="the page" lines=6 /> }.into_any(),
        |page| {
            let excerpt: String = page.body.chars().take(155).collect();
            view! {
                <PageMeta title=page.title.clone() description=excerpt />
                <article class="entry page">
                    <h1 class="entry-title">{page.title.clone()}</h1>
                    <div class="entry-content">
                        <RichText source=page.body.clone() />
                    </div>
                </article>
            }
            .into_any()
        },
    )
}
