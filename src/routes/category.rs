use crate::components::reactive::reactive;
use crate::content::Loaded;
use crate::{
    components::post_list::PostListView,
    content::{load, ContentFile},
    listing::page_from_query,
    routes::{not_found::NotFoundPage, Breadcrumb, PageMeta},
    use_site,
};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/category/<slug>`: the archive of one category, paged.
#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let slug = Memo::new(move |_| params.read().get("slug").unwrap_or_default());
    let page = Memo::new(move |_| page_from_query(query.read().get_str("page")));
    let list = Loaded::new(move || {
        load::list(ContentFile::Category {
            slug: slug.get(),
            page: page.get(),
        })
    });
    let site = use_site();
    let name = Signal::derive(move || {
        site.get()
            .and_then(Result::ok)
            .and_then(|s| s.category(&slug.get()).map(|c| c.name.clone()))
    });
    // Known once site.json is in: a category the site does not have is a 404.
    let unknown = move || matches!(site.get(), Some(Ok(s)) if s.category(&slug.get()).is_none());
    let page_href = Callback::new(move |n: u32| {
        let slug = slug.get_untracked();
        if n > 1 {
            format!("/category/{slug}?page={n}")
        } else {
            format!("/category/{slug}")
        }
    });
    let what = Signal::derive(move || {
        ContentFile::Category {
            slug: slug.get(),
            page: page.get(),
        }
        .description()
    });
    reactive(move || {
        if unknown() {
            return view! { <NotFoundPage /> }.into_any();
        }
        let title = name.get().unwrap_or_default();
        view! {
            <PageMeta
                title=title.clone()
                description=format!("Questions, answers and articles in {title}.")
            />
            <Breadcrumb items=vec![(title.clone(), None)] />
            <header class="archive-description">
                <h1 class="archive-title">{title}</h1>
            </header>
            <PostListView list what page_href />
        }
        .into_any()
    })
}
