use crate::content::Loaded;
use crate::{
    components::post_list::PostListView,
    content::{load, ContentFile},
    location::use_location,
    routes::PageMeta,
};
use leptos::prelude::*;

/// `/articles`: the plain articles, newest first, paged.
#[component]
pub fn ArticlesPage() -> impl IntoView {
    let location = use_location();
    let page = move || location.page();
    let list = Loaded::new(move || load::list(ContentFile::Articles { page: page() }));
    let page_href = Callback::new(|n: u32| {
        if n > 1 {
            format!("/articles?page={n}")
        } else {
            "/articles".into()
        }
    });
    view! {
        <PageMeta title="Articles" description="Articles about Russian life, food, history and books." />
        <header class="archive-description">
            <h1 class="archive-title">"Articles"</h1>
        </header>
        <PostListView list what=Callback::new(move |()| ContentFile::Articles { page: untrack(page) }.description()) page_href />
    }
}
