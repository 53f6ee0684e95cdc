use crate::{
    browser::api::{self, ContentResource},
    components::{meta::PageMeta, offline::SavedCopyNotice, post_list::PostListView},
    models::{content::ContentFile, urls},
    routes::page_param,
};
use leptos::prelude::*;

/// `/articles`: the plain articles, newest first, paged.
#[component]
pub fn ArticlesPage() -> impl IntoView {
    let page = page_param();
    let list = ContentResource::new(move || api::list(ContentFile::Articles { page: page() }));
    let what = Callback::new(move |()| {
        ContentFile::Articles {
            page: untrack(page),
        }
        .description()
    });
    let file = Signal::derive(move || ContentFile::Articles { page: page() }.url());
    view! {
        <SavedCopyNotice url=file />
        <PageMeta title="Articles" description="Articles about Russian life, food, history and books." />
        <header class="archive-description">
            <h1 class="archive-title">"Articles"</h1>
        </header>
        <PostListView list what page_href=Callback::new(urls::articles) />
    }
}
