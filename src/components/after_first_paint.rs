//! Parts of the first page that are built after its first paint.

use crate::{browser::dom::page_is_hidden, components::hydrate_later::is_hydrating};
use leptos::prelude::*;
use leptos_router::hooks::use_location;
use std::{cell::Cell, time::Duration};

thread_local! {
    /// Whether the app has painted once; from then on nothing waits.
    static PAINTED: Cell<bool> = const { Cell::new(false) };
}

/// Runs `then` once the coming frame has been painted (a frame callback runs
/// before its paint; the task queued from it, after).
pub fn after_next_paint(then: impl FnOnce() + 'static) {
    on_next_frame(move || set_timeout(then, Duration::ZERO));
}

/// Runs `then` in the coming frame, before its paint; in a hidden tab (one
/// opened in the background), in a task of its own: such a tab runs no
/// frames until it is shown, and what waits for a paint (hydration, reading
/// storage, the outbox's first send, the comment form) need not wait for
/// the reader to look.
pub fn on_next_frame(then: impl FnOnce() + 'static) {
    match page_is_hidden() {
        true => set_timeout(then, Duration::ZERO),
        false => request_animation_frame(then),
    }
}

/// Called once by the app as it mounts: after its first paint, every
/// [`AfterFirstPaint`] shows its children at once.
pub fn note_first_paint() {
    after_next_paint(|| PAINTED.set(true));
}

/// Shows `children` at once, except while the app's first page has not been
/// painted yet: then one frame later, so the content above them is painted
/// sooner.
///
/// Why: on a cold load of a post, building and laying out the comment form
/// (five form controls) before the first paint delayed the post's largest
/// paint by ~20 ms (a tenth of it). The form is below the fold, and the
/// page keeps a screen's height, so nothing visible moves when it arrives.
/// A URL with a `#fragment` shows everything at once: the page scrolls to
/// the fragment as soon as its content is in.
#[component]
pub fn AfterFirstPaint(children: ChildrenFn) -> impl IntoView {
    // Hydrated, it starts as the server rendered it: not shown.
    let shown = RwSignal::new(PAINTED.get() && !is_hydrating());
    // The fragment and frames are the browser's: the prerenderer leaves the
    // part out (effects never run there).
    let hash = use_location().hash;
    Effect::new(move || {
        if shown.get_untracked() {
        } else if hash.with_untracked(|hash| hash.len() > 1) {
            shown.set(true);
        } else {
            after_next_paint(move || shown.set(true));
        }
    });
    move || shown.get().then(|| children()).into_any()
}
