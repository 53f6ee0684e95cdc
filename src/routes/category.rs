use crate::components::reactive::reactive;
use crate::content::Loaded;
use crate::{
    components::post_list::PostListView,
    content::{load, ContentFile},
    location::use_location,
    routes::{not_found::NotFoundPage, Breadcrumb, PageMeta},
    use_site,
};
use leptos::prelude::*;

/// `/category/<slug>`: the archive of one category, paged.
#[component]
pub fn CategoryPage(slug: String) -> impl IntoView {
    let location = use_location();
    // Shared by the closures below; a new slug is a new page.
    let slug = StoredValue::new(slug);
    let page = move || location.page();
    let list = Loaded::new(move || {
        load::list(ContentFile::Category {
            slug: slug.get_value(),
            page: page(),
        })
    });
    let site = use_site();
    let name = move || {
        site.get()
            .and_then(Result::ok)
            .and_then(|s| s.category(&slug.read_value()).map(|c| c.name.clone()))
    };
    // Known once site.json is in: a category the site does not have is a 404.
    let unknown =
        move || matches!(site.get(), Some(Ok(s)) if s.category(&slug.read_value()).is_none());
    let page_href = Callback::new(move |n: u32| {
        let slug = slug.get_value();
        if n > 1 {
            format!("/category/{slug}?page={n}")
        } else {
            format!("/category/{slug}")
        }
    });
    let what = Callback::new(move |()| {
        ContentFile::Category {
            slug: slug.get_value(),
            page: untrack(page),
        }
        .description()
    });
    reactive(move || {
        if unknown() {
            return view! { <NotFoundPage /> }.into_any();
        }
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
            <PostListView list what page_href />
        }
        .into_any()
    })
}
