use crate::components::reactive::CollectAnyView;
use crate::content::Loaded;
use crate::{
    components::reactive::{reactive, Reactive},
    content::{load::pending_loads, LoadError},
    routes::not_found::NotFoundPage,
};
use leptos::{ev, prelude::*};
use std::sync::Arc;

/// Says which content failed and why, with a way to try again. The rest of
/// the page keeps working around it.
#[component]
pub fn LoadErrorPanel(
    /// What failed, in a reader's words, e.g. "the post".
    #[prop(into)]
    what: String,
    error: LoadError,
    retry: Callback<()>,
) -> impl IntoView {
    // Coming back online retries by itself.
    let online = window_event_listener(ev::online, move |_| retry.run(()));
    on_cleanup(move || online.remove());
    let offline = !window().navigator().on_line();
    view! {
        <div class="load-error" role="alert">
            <p class="load-error-title">{format!("Sorry, {what} could not be loaded.")}</p>
            <p class="load-error-reason">{format!("Reason: {error}.")}</p>
            {offline.then(|| view! { <p>"You seem to be offline. This will load again as soon as you are back online."</p> }.into_any())}
            <button type="button" class="button" on:click=move |_| retry.run(())>
                "Retry"
            </button>
        </div>
    }
}

/// A slim bar at the top of the page while content is loading.
#[component]
pub fn ProgressBar() -> impl IntoView {
    let pending = pending_loads();
    view! {
        <div
            class="progress-bar"
            class:is-loading=move || pending.get() != 0
            role="progressbar"
            aria-label="Loading content"
            aria-hidden=move || (pending.get() == 0).to_string()
        ></div>
    }
}

/// Placeholder lines of the same size as what will replace them, so the
/// layout does not jump when content arrives.
#[component]
pub fn Skeleton(
    /// What is loading, announced to screen readers.
    #[prop(into)]
    label: String,
    #[prop(default = 3)] lines: usize,
) -> impl IntoView {
    view! {
        <div class="skeleton" role="status" aria-live="polite">
            <span class="visually-hidden">{format!("Loading {label}…")}</span>
            {(0..lines).map(|_| view! { <span class="skeleton-line" aria-hidden="true"></span> }).collect_any_view()}
        </div>
    }
}

/// Says how many items of a list were left out because their data is damaged.
#[component]
pub fn SkippedNotice(count: usize, what: &'static str) -> impl IntoView {
    (count > 0).then(|| {
        let text = if count == 1 {
            format!("1 {what} could not be shown because its data is damaged.")
        } else {
            format!("{count} {what}s could not be shown because their data is damaged.")
        };
        view! { <p class="notice skipped-notice" role="status">{text}</p> }
    })
}

/// What a page shows for the one content file it is about: `skeleton` while
/// it loads, the 404 page if it does not exist, the error panel with Retry
/// if it failed, or `ready` with the content.
pub fn page_content<T: Send + Sync + 'static>(
    resource: Loaded<T>,
    what: impl Fn() -> String + Send + 'static,
    skeleton: impl Fn() -> AnyView + Send + 'static,
    ready: impl Fn(Arc<T>) -> AnyView + Send + 'static,
) -> Reactive {
    reactive(move || match resource.get() {
        None => skeleton(),
        Some(Err(LoadError::NotFound)) => view! { <NotFoundPage /> }.into_any(),
        Some(Err(error)) => view! {
            <LoadErrorPanel what=what() error retry=Callback::new(move |_| resource.refetch()) />
        }
        .into_any(),
        Some(Ok(content)) => ready(content),
    })
}
