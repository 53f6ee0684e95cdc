use crate::{
    comment_sink::{CommentSink, LocalComments},
    comments::store,
    components::{
        layout::{SiteFooter, SiteHeader, SkipLinks, MAIN_ID},
        sidebar::Sidebar,
        status::ProgressBar,
    },
    content::{load, Loaded, Site},
    routes::{
        articles::ArticlesPage, category::CategoryPage, home::HomePage, not_found::NotFoundPage,
        page::StaticPage, post::PostPage,
    },
};
use crate::{
    location::{provide_location, use_location},
    routing::Route,
};
use leptos::{ev, prelude::*};

/// `site.json`, loaded once and shared by every part of the page.
pub type SiteResource = Loaded<Site>;

/// The site's shared content, provided by [`App`].
pub fn use_site() -> SiteResource {
    expect_context::<SiteResource>()
}

#[component]
pub fn App() -> impl IntoView {
    let site: SiteResource = Loaded::new(load::site);
    provide_context(site);

    let local_comments = LocalComments::load();
    provide_context(local_comments);
    provide_context(CommentSink::new(local_comments));
    // A comment posted in another tab shows up here too.
    let storage_events = window_event_listener(ev::storage, move |event| {
        if event.key().is_none_or(|key| store::is_comment_key(&key)) {
            local_comments.refresh();
        }
    });
    on_cleanup(move || storage_events.remove());
    _ = store::purge_expired_drafts(&crate::storage::BrowserStorage, js_sys::Date::now() as u64);

    crate::components::after_first_paint::note_first_paint();
    let location = provide_location();
    // A new `?page=` or `#hash` keeps the page; only a new path (the
    // signal notifies only when it differs) rebuilds it.
    let route = move || location.path.with(|path| Route::from_path(path));

    view! {
        <FocusOnNavigation />
        <ProgressBar />
        <SkipLinks />
        <div class="site-container">
            <SiteHeader />
            <div class="site-inner wrap">
                <main class="content" id=MAIN_ID tabindex="-1">
                    {move || page_view(route())}
                </main>
                <Sidebar />
            </div>
            <SiteFooter />
        </div>
    }
}

/// The page a route shows.
fn page_view(route: Route) -> AnyView {
    match route {
        Route::Home => view! { <HomePage /> }.into_any(),
        Route::Articles => view! { <ArticlesPage /> }.into_any(),
        Route::Category(slug) => view! { <CategoryPage slug /> }.into_any(),
        Route::Post(slug) => view! { <PostPage slug /> }.into_any(),
        Route::Page(slug) => view! { <StaticPage slug /> }.into_any(),
        Route::NotFound => view! { <NotFoundPage /> }.into_any(),
    }
}

/// After following a link to another page, keyboard and screen-reader focus
/// moves to the main content (not left on a link that is gone). Changes of
/// the query (the home filter, paging) and of the hash keep focus where it is.
#[component]
fn FocusOnNavigation() -> impl IntoView {
    let location = use_location();
    Effect::new(move |ran_before: Option<()>| {
        location.path.track();
        if ran_before.is_some() && location.hash.get_untracked().is_empty() {
            request_animation_frame(|| {
                crate::dom::focus_quietly(MAIN_ID);
            });
        }
    });
}
