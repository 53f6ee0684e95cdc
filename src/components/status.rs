//! Loading, failure and emptiness, said the same way everywhere.

use crate::{
    browser::{
        api::{ContentResource, PendingLoads},
        offline::{is_offline, keeps_pages},
    },
    components::meta::PageMeta,
    models::content::LoadError,
};
use leptos::{ev, prelude::*};

/// Says which content failed and why, with a way to try again. The rest of
/// the page keeps working around it.
#[component]
pub fn LoadErrorPanel(
    /// What failed, in a reader's words, e.g. "the post".
    #[prop(into)]
    what: String,
    /// Why, in a reader's words (a `LoadError`'s text).
    #[prop(into)]
    reason: String,
    retry: Callback<()>,
    /// Whether the panel is the page itself (its heading is then the page's
    /// `<h1>`), not one part of a page.
    #[prop(optional)]
    whole_page: bool,
) -> impl IntoView {
    // Coming back online retries by itself. The browser's state is read
    // after the first render (the prerenderer has no browser).
    let offline = RwSignal::new(false);
    let kept = RwSignal::new(false);
    Effect::new(move || {
        offline.set(is_offline());
        kept.set(keeps_pages());
        let online = window_event_listener(ev::online, move |_| retry.run(()));
        on_cleanup(move || online.remove());
    });
    let title = format!("Sorry, {what} could not be loaded.");
    view! {
        <div class="load-error" role="alert">
            {match whole_page {
                true => view! { <h1 class="load-error-title">{title}</h1> }.into_any(),
                false => view! { <p class="load-error-title">{title}</p> }.into_any(),
            }}
            <p class="load-error-reason">{format!("Reason: {reason}.")}</p>
            {move || offline.get().then(|| view! { <p>"You seem to be offline. This will load again as soon as you are back online."</p> })}
            {move || (offline.get() && kept.get()).then(|| view! {
                <p>"It is not saved on this device: only what you opened here while online can be read offline."</p>
            })}
            <button type="button" class="button" on:click=move |_| retry.run(())>
                "Retry"
            </button>
        </div>
    }
}

/// What a page shows for the one content file it is about, once its
/// resource has an answer: `ready` with the content, the 404 page if it does
/// not exist, or the error panel with Retry. Used inside `<Suspense>` or
/// `<Transition>`, which show the placeholder while it loads.
pub fn loaded_content<T: Clone + Send + Sync + 'static>(
    resource: ContentResource<T>,
    what: impl Fn() -> String + Send + Sync + 'static,
    ready: impl Fn(T) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    move || {
        resource.get().map(|loaded| match loaded {
            Ok(content) => ready(content),
            Err(LoadError::NotFound) => view! { <NotFoundPage /> }.into_any(),
            Err(error) => view! {
                <PageMeta title="Could not be loaded" canonical=false />
                <LoadErrorPanel
                    what=what()
                    reason=error.to_string()
                    retry=Callback::new(move |_| resource.refetch())
                    whole_page=true
                />
            }
            .into_any(),
        })
    }
}

/// A slim bar at the top of the page while content is loading.
#[component]
pub fn ProgressBar() -> impl IntoView {
    let PendingLoads(pending) = use_context().unwrap_or_default();
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
            {(0..lines).map(|_| view! { <span class="skeleton-line" aria-hidden="true"></span> }).collect_view()}
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

/// The page for an address that shows nothing: an unknown route, or a post,
/// page or category that does not exist.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <PageMeta title="Page not found" description="There is no page at this address." canonical=false />
        <article class="entry not-found">
            <h1 class="entry-title">"Page not found"</h1>
            <p>"Sorry, there is nothing at this address. It may have moved, or the link may be mistyped."</p>
            <p>
                <a href="/" class="button">"Go to the home page"</a>
            </p>
        </article>
    }
}
