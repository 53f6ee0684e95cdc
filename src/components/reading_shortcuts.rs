//! Keyboard reading on a post: `j`/`k` through the answers and comments,
//! `r` to reply, `?` for the list (`models::shortcuts` decides, this
//! listens and moves focus). Keys typed in a field are never shortcuts.

use crate::{
    browser::dom::{
        close_dialog, focus_quietly, focus_within, move_reading_focus, open_dialog,
        reply_to_focused, shortcut_of,
    },
    components::layout::MAIN_ID,
    models::shortcuts::{Shortcut, SHORTCUTS},
};
use leptos::{ev, prelude::*};

const DIALOG_ID: &str = "shortcuts-dialog";

#[component]
pub fn ReadingShortcuts() -> impl IntoView {
    // Listened to from the first run in the browser (effects never run in
    // the prerenderer).
    Effect::new(move || {
        let keys = window_event_listener(ev::keydown, move |e| {
            let done = match shortcut_of(&e) {
                Some(Shortcut::Next) => move_reading_focus(true),
                Some(Shortcut::Previous) => move_reading_focus(false),
                Some(Shortcut::Reply) => reply_to_focused(),
                Some(Shortcut::Help) => open_dialog(DIALOG_ID),
                // The header's search box answers `/` on every page.
                Some(Shortcut::Search) | None => false,
            };
            if done {
                e.prevent_default();
            }
        });
        on_cleanup(move || keys.remove());
    });
    view! {
        // Closed (Escape, Close), the browser gives focus back to where it
        // was; where that was nowhere, it would stay on the hidden Close
        // button: the main content takes it instead.
        <dialog
            id=DIALOG_ID
            class="shortcuts-dialog"
            aria-labelledby="shortcuts-title"
            on:close=move |_| {
                if focus_within(DIALOG_ID) {
                    focus_quietly(MAIN_ID);
                }
            }
        >
            <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
            <dl class="shortcuts-list">
                {SHORTCUTS
                    .iter()
                    .map(|(key, what)| view! {
                        <div>
                            <dt><kbd>{*key}</kbd></dt>
                            <dd>{*what}</dd>
                        </div>
                    })
                    .collect_view()}
            </dl>
            <button type="button" class="button" on:click=move |_| close_dialog(DIALOG_ID)>"Close"</button>
        </dialog>
    }
}
