//! What the reader sees of offline reading: that a page is the copy saved on
//! this device, and that a new version of the site is ready.

use crate::{
    browser::offline::{self, UpdateReady},
    models::text::format_date_time,
};
use leptos::{ev, prelude::*};
use leptos_router::hooks::use_location;

/// "You are offline: this is the copy … saved on …", above a page whose
/// content file (`url`, e.g. `/content/posts/<slug>.json`) came from what
/// this browser kept. Only while the browser says it is offline; gone when
/// the connection is back. Never in the prerendered page (effects do not
/// run there).
#[component]
pub fn SavedCopyNotice(#[prop(into)] url: Signal<String>) -> impl IntoView {
    let saved = RwSignal::new(None::<f64>);
    Effect::new(move || {
        let file = url.get();
        saved.set(None);
        if offline::is_offline() {
            leptos::task::spawn_local(async move {
                let at = offline::saved_at(&file).await;
                // Unless the reader has moved on to another page meanwhile.
                if url.get_untracked() == file {
                    saved.set(at);
                }
            });
        }
    });
    Effect::new(move || {
        let online = window_event_listener(ev::online, move |_| saved.set(None));
        on_cleanup(move || online.remove());
    });
    move || {
        saved.get().and_then(local_time).map(|when| {
            view! {
                <p class="saved-copy" role="status">
                    {format!("You are offline: this is the copy saved on this device on {when}.")}
                </p>
            }
        })
    }
}

/// `ms` since 1970 as the reader's local date and time, in words.
fn local_time(ms: f64) -> Option<String> {
    let date = js_sys::Date::new(&ms.into());
    format_date_time(
        date.get_full_year() as i32,
        date.get_month() + 1,
        date.get_date(),
        date.get_hours(),
        date.get_minutes(),
    )
}

/// "A new version of this site is available — Reload", once a new version's
/// worker has taken over ("Later" hides it). This page runs on, whole, in
/// its own version until then; the reader's next navigation loads the new
/// one: a link or Back/Forward loads its address afresh (`offline.js`), any
/// other change of address reloads.
#[component]
pub fn UpdateNotice() -> impl IntoView {
    let UpdateReady(ready) = expect_context();
    let dismissed = RwSignal::new(false);
    let location = use_location();
    Effect::watch(
        move || location.pathname.get(),
        move |_, _, _| {
            if ready.get_untracked() {
                offline::load_new_version();
            }
        },
        false,
    );
    move || {
        (ready.get() && !dismissed.get()).then(|| {
            view! {
                <div class="update-notice" role="status">
                    <p>"A new version of this site is available."</p>
                    <button type="button" class="button button-small" on:click=move |_| offline::load_new_version()>
                        "Reload"
                    </button>
                    <button type="button" class="button-plain" on:click=move |_| dismissed.set(true)>
                        "Later"
                    </button>
                </div>
            }
        })
    }
}
