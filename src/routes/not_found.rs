use crate::routes::PageMeta;
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <PageMeta title="Page not found" description="There is no page at this address." />
        <article class="entry not-found">
            <h1 class="entry-title">"Page not found"</h1>
            <p>"Sorry, there is nothing at this address. It may have moved, or the link may be mistyped."</p>
            <p>
                <a href="/" class="button">"Go to the home page"</a>
            </p>
        </article>
    }
}
