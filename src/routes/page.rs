use crate::{
    browser::api::{self, loaded_site, ContentResource},
    components::{
        comment_thread::CommentThread,
        layout::Breadcrumb,
        meta::PageMeta,
        offline::SavedCopyNotice,
        rich_text::RichText,
        status::{loaded_content, Skeleton, SkippedNotice},
    },
    models::{content::ContentFile, urls},
    routes::slug_param,
};
use leptos::prelude::*;

/// `/page/<slug>`: About, Privacy Policy, Disclaimer.
#[component]
pub fn StaticPage() -> impl IntoView {
    let slug = slug_param();
    // An invalid slug is never fetched: it loads as "not found" at once.
    let page = ContentResource::new(move || api::page(slug()));
    let what = move || ContentFile::Page { slug: slug() }.description();
    let file = Signal::derive(move || ContentFile::Page { slug: slug() }.url());
    view! {
        <SavedCopyNotice url=file />
        <Suspense fallback=|| view! { <Skeleton label="the page" lines=6 /> }>
            {loaded_content(page, what, |page| {
                let excerpt: String = page.body.chars().take(155).collect();
                // A child page names the pages it is under (WordPress's page parents).
                let site = loaded_site().unwrap_or_default();
                let mut crumbs: Vec<(String, Option<String>)> = site
                    .page_ancestors(&page.slug)
                    .into_iter()
                    .map(|p| (p.title.clone(), Some(urls::page(&p.slug))))
                    .collect();
                crumbs.push((page.title.clone(), None));
                // A page's comments as imported from WordPress, read-only:
                // the reply form and outbox are a post's.
                let comments = page.comments.to_vec();
                let has_comments = !comments.is_empty();
                let comments = Callback::new(move |()| comments.clone());
                view! {
                    <PageMeta title=page.title.clone() description=excerpt />
                    <Breadcrumb items=crumbs />
                    <article class="entry page">
                        <h1 class="entry-title">{page.title.clone()}</h1>
                        <div class="entry-content">
                            <RichText source=page.body.clone() />
                        </div>
                    </article>
                    {has_comments.then(|| view! { <CommentThread comments /> }.into_any())}
                    <SkippedNotice count=page.comments.skipped() what="comment" />
                }
                .into_any()
            })}
        </Suspense>
    }
}
