//! The app: contexts every page shares, the routes, and what surrounds the
//! page (skip links, header, sidebar, footer).

use crate::{
    browser::{
        api::{self, ContentResource, PendingLoads, SiteResource},
        comment_sink::{CommentSink, LocalComments},
        dom::focus_quietly,
        offline::{self, UpdateReady},
        storage::BrowserStorage,
    },
    components::{
        after_first_paint::{after_next_paint, on_next_frame},
        hydrate_later::{once_taken_over, HydrateLater, LaterHydrations},
        layout::{PhoneMenu, SiteFooter, SiteHeader, SkipLinks, MAIN_ID},
        offline::UpdateNotice,
        sidebar::Sidebar,
        status::{NotFoundPage, ProgressBar},
    },
    models::{comments::store, text::html_text},
    routes::{
        articles::ArticlesPage, category::CategoryPage, home::HomePage, page::StaticPage,
        post::PostPage, search::SearchPage,
    },
};
use leptos::{ev, prelude::*};
use leptos_meta::{provide_meta_context, Title};
use leptos_router::{
    components::{FlatRoutes, Route, Router},
    hooks::use_location,
    path,
};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let site: SiteResource = ContentResource::new(api::site);
    provide_context(site);

    provide_context(PendingLoads::default());
    let later = LaterHydrations::new();
    provide_context(later);
    provide_context(PhoneMenu::as_left());
    let update_ready = UpdateReady::default();
    provide_context(update_ready);
    let storage = BrowserStorage::new();
    provide_context(storage);
    let local_comments = LocalComments::default();
    provide_context(local_comments);
    let sink = CommentSink::new(local_comments);
    provide_context(sink);
    Effect::new(move || {
        // Comments waiting to be sent to the site's WordPress go soon and later.
        sink.start_outbox();
        crate::components::after_first_paint::note_first_paint();
        // The service worker is not part of the first paint.
        after_next_paint(move || offline::start(update_ready));
        // A comment posted (or sent) in another tab shows up here too
        // (before the takeover, the reading below will find it).
        let storage_events = window_event_listener(ev::storage, move |event| {
            let ours = event
                .key()
                .is_none_or(|key| store::is_comment_key(&key) || store::is_outbox_key(&key));
            if ours && later.taken_over() {
                local_comments.refresh(&storage);
            }
        });
        on_cleanup(move || storage_events.remove());
    });
    // What only this browser knows (comments posted here, the outbox,
    // drafts) joins once the page is taken over: it is never in the
    // prerendered page (effects never run in the prerenderer). Reading
    // storage waits for the first paint too: it need not be in the takeover's
    // tasks (Lighthouse's blocking time).
    once_taken_over(move || {
        after_next_paint(move || {
            local_comments.refresh(&storage);
            sink.send_due();
            _ = store::purge_expired_drafts(&storage, js_sys::Date::now() as u64);
        });
        // After this render's effects (the pages' listeners) have run.
        on_next_frame(crate::browser::dom::mark_app_live);
    });

    // Each page's <Title> is its own name; the site's name follows once
    // site.json is in. The home page's title is empty: the site's own.
    // leptos_meta writes a prerendered title as it is given, unescaped, so
    // the prerenderer is given it as HTML text.
    let as_html = api::is_prerendering();
    let formatter = move |title: String| {
        let title = match site.get().and_then(Result::ok) {
            Some(site) if title.is_empty() => format!("{} — {}", site.title, site.tagline),
            Some(site) => format!("{title} — {}", site.title),
            None => title,
        };
        match as_html {
            true => html_text(&title),
            false => title,
        }
    };

    view! {
        <Title formatter />
        <Router>
            <FocusOnNavigation />
            <ProgressBar />
            <SkipLinks />
            <div class="site-container">
                <HydrateLater>
                    <SiteHeader />
                </HydrateLater>
                <div class="site-inner wrap">
                    <main class="content" id=MAIN_ID tabindex="-1">
                        <FlatRoutes fallback=NotFoundPage>
                            <Route path=path!("/") view=HomePage />
                            // What some hosts and bookmarks call the home page.
                            <Route path=path!("/index.html") view=HomePage />
                            <Route path=path!("/articles") view=ArticlesPage />
                            <Route path=path!("/category/:slug") view=CategoryPage />
                            <Route path=path!("/post/:slug") view=PostPage />
                            <Route path=path!("/page/:slug") view=StaticPage />
                            <Route path=path!("/search") view=SearchPage />
                        </FlatRoutes>
                    </main>
                    <HydrateLater>
                        <Sidebar />
                    </HydrateLater>
                </div>
                <SiteFooter />
            </div>
            <UpdateNotice />
        </Router>
    }
}

/// After following a link to another page, keyboard and screen-reader focus
/// moves to the main content (not left on a link that is gone). Changes of
/// the query (the home filter, paging) and of the hash keep focus where it is.
#[component]
fn FocusOnNavigation() -> impl IntoView {
    let location = use_location();
    Effect::watch(
        move || location.pathname.get(),
        move |_, _, _| {
            if location.hash.get_untracked().is_empty() {
                request_animation_frame(|| {
                    focus_quietly(MAIN_ID);
                });
            }
        },
        false,
    );
}
