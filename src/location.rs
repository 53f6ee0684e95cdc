//! The reader's URL as signals, and following the app's own links without
//! reloading, through the browser's History API.
//!
//! Why not leptos_router: the app has five fixed routes and reads two query
//! values; the router's general matching, nested routes and transitions
//! cost ~20 KB brotli of the wasm (of a 150 KB budget). What it did for
//! us is here: links and back/forward without a reload, scroll to the top
//! on a new page. Which page a path shows is `routing::Route`.

use crate::{
    listing::page_from_query,
    routing::{is_in_app_href, query_value},
};
use leptos::{ev, prelude::*};
use wasm_bindgen::{JsCast, JsValue};

/// The parts of the URL the pages read; each notifies only when it changes,
/// so a new `?page=` does not rebuild the page around it and a new `#hash`
/// does not reload a post.
#[derive(Clone, Copy)]
pub struct Location {
    /// `location.pathname`, percent-encoded as the browser gives it.
    pub path: RwSignal<String>,
    /// `location.search`, with its `?`, or empty.
    pub query: RwSignal<String>,
    /// `location.hash`, with its `#`, or empty.
    pub hash: RwSignal<String>,
}

impl Location {
    /// The decoded value of `key` in the query, tracked.
    pub fn query_value(&self, key: &str) -> Option<String> {
        self.query.with(|query| query_value(query, key))
    }

    /// The list page the URL asks for (`?page=`, else 1), tracked.
    pub fn page(&self) -> u32 {
        page_from_query(self.query_value("page").as_deref())
    }

    /// Shows `href`, a path on this site, as a new history entry (unless it
    /// is the page already shown). With `scroll_to_top`, a new page starts
    /// at its top (a `#fragment` is scrolled to by the page once its content
    /// is in).
    pub fn navigate(&self, href: &str, scroll_to_top: bool) {
        let window = window();
        let here =
            self.path.get_untracked() + &self.query.get_untracked() + &self.hash.get_untracked();
        let pushed = window.history().and_then(|history| match href == here {
            true => history.replace_state_with_url(&JsValue::NULL, "", Some(href)),
            false => history.push_state_with_url(&JsValue::NULL, "", Some(href)),
        });
        if pushed.is_err() {
            // No history (a sandboxed frame, say): an ordinary page load.
            _ = window.location().set_href(href);
            return;
        }
        self.sync();
        if scroll_to_top && !href.contains('#') {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    }

    /// Re-reads the browser's URL into the signals that differ.
    fn sync(&self) {
        let location = window().location();
        set_if_changed(self.path, location.pathname());
        set_if_changed(self.query, location.search());
        set_if_changed(self.hash, location.hash());
    }
}

fn set_if_changed(signal: RwSignal<String>, value: Result<String, JsValue>) {
    let value = value.unwrap_or_default();
    if signal.with_untracked(|current| *current != value) {
        signal.set(value);
    }
}

/// The reader's location, provided by [`provide_location`].
pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// Reads the current URL, provides it to the views below, and from now on
/// follows in-app link clicks and back/forward without reloading.
pub fn provide_location() -> Location {
    let location = Location {
        path: RwSignal::new(String::new()),
        query: RwSignal::new(String::new()),
        hash: RwSignal::new(String::new()),
    };
    location.sync();
    provide_context(location);
    let clicks = window_event_listener(ev::click, move |event| {
        if let Some(href) = in_app_link(&event) {
            event.prevent_default();
            location.navigate(&href, true);
        }
    });
    // Back/forward, and the browser's own `#fragment` links.
    let history = window_event_listener(ev::popstate, move |_| location.sync());
    let fragments = window_event_listener(ev::hashchange, move |_| location.sync());
    on_cleanup(move || {
        clicks.remove();
        history.remove();
        fragments.remove();
    });
    location
}

/// The `href` of the link a plain click followed, when it is one of the
/// app's pages. Clicks meant for a new tab or window, downloads, links
/// with a target and clicks a view already handled (its own `on:click`,
/// attached to the element, runs first and prevented the default) are left
/// alone.
fn in_app_link(event: &ev::MouseEvent) -> Option<String> {
    if event.default_prevented()
        || event.button() != 0
        || event.ctrl_key()
        || event.meta_key()
        || event.shift_key()
        || event.alt_key()
    {
        return None;
    }
    let link = event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??;
    if link.has_attribute("download") || link.get_attribute("target").is_some_and(|t| t != "_self")
    {
        return None;
    }
    link.get_attribute("href")
        .filter(|href| is_in_app_href(href))
}
