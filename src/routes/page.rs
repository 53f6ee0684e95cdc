use crate::{
    components::{
        rich_text::RichText,
        status::{LoadErrorPanel, Skeleton},
    },
    content::{is_valid_slug, load, ContentFile, LoadError},
    routes::{not_found::NotFoundPage, PageMeta},
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/page/<slug>`: About, Privacy Policy, Disclaimer.
#[component]
pub fn StaticPage() -> impl IntoView {
    let params = use_params_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let page = LocalResource::new(move || load::page(slug.get()));
    move || {
        if !is_valid_slug(&slug.get()) {
            return view! { <NotFoundPage /> }.into_any();
        }
        match page.get() {
            None => view! { <Skeleton label="the page" lines=6 /> }.into_any(),
            Some(Err(LoadError::NotFound)) => view! { <NotFoundPage /> }.into_any(),
            Some(Err(error)) => view! {
                <LoadErrorPanel
                    what=ContentFile::Page { slug: slug.get() }.description()
                    error
                    retry=Callback::new(move |_| page.refetch())
                />
            }
            .into_any(),
            Some(Ok(page)) => {
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
            }
        }
    }
}
