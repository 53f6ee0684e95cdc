use crate::{
    browser::api::{self, use_site, ContentResource},
    components::{
        layout::Breadcrumb, meta::PageMeta, offline::SavedCopyNotice, post_list::PostListView,
        status::NotFoundPage,
    },
    models::{
        content::{category_description, ContentFile},
        urls,
    },
    routes::{page_param, slug_param},
};
use leptos::prelude::*;

/// `/category/<slug>`: the archive of one category, paged.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let slug = slug_param();
    let page = page_param();
    let list = ContentResource::new(move || {
        api::list(ContentFile::Category {
            slug: slug(),
            page: page(),
        })
    });
    let site = use_site();
    let name = move || {
        site.get()
            .and_then(Result::ok)
            .and_then(|s| s.category(&slug()).map(|c| c.name.clone()))
    };
    // Known once site.json is in: a category the site does not have is a 404.
    let unknown = move || matches!(site.get(), Some(Ok(s)) if s.category(&slug()).is_none());
    let page_href = Callback::new(move |n: u32| urls::category(&slug(), n));
    // Named as the reader knows it once site.json is in (the list re-renders
    // when it arrives, so an earlier error is named again).
    let what = Callback::new(move |()| {
        let name = name().unwrap_or_else(|| untrack(slug));
        category_description(&name, untrack(page))
    });
    // The heading follows the slug; the list (and its Transition, which
    // keeps the old page on screen while the next loads) is built once.
    let heading = move || {
        let title = name().unwrap_or_default();
        view! {
            <PageMeta
                title=title.clone()
                description=format!("Questions, answers and articles in {title}.")
            />
            <Breadcrumb items=vec![(title.clone(), None)] />
            <header class="archive-description">
                <h1 class="archive-title">{title}</h1>
            </header>
        }
    };
    let file = Signal::derive(move || {
        ContentFile::Category {
            slug: slug(),
            page: page(),
        }
        .url()
    });
    view! {
        <SavedCopyNotice url=file />
        <Show when=move || !unknown() fallback=|| view! { <NotFoundPage /> }>
            {heading}
            <PostListView list what page_href />
        </Show>
    }
}
