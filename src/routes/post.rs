use crate::{
    browser::{
        api::{self, loaded_site, ContentResource, ThreadChanges},
        comment_sink::use_local_comments,
        dom::{focus_by_id, scroll_to_id},
    },
    components::{
        after_first_paint::AfterFirstPaint,
        comment_form::{CommentForm, CommentFormState, CommentsClosed},
        comment_thread::CommentThread,
        hydrate_later::{use_taken_over, HydrateLater},
        layout::Breadcrumb,
        meta::PageMeta,
        offline::SavedCopyNotice,
        reading_shortcuts::ReadingShortcuts,
        rich_text::RichText,
        status::{loaded_content, Skeleton, SkippedNotice},
    },
    models::{
        content::{Comment, ContentFile, Post, PostKind},
        text::{credited, format_date},
        urls,
    },
    routes::slug_param,
};
use leptos::{ev, prelude::*};
use leptos_router::hooks::use_location;
use std::sync::Arc;

/// `/post/<slug>`: a question with its answers, or an article; then comments.
#[component]
pub fn PostPage() -> impl IntoView {
    let slug = slug_param();
    let post = ContentResource::new(move || api::post(slug()));

    // A permalink (#answer-2, #comment-7) is scrolled to once the post is in.
    // (Once the page is taken over: the comments may be a part of it
    // taken over later.)
    let hash = use_location().hash;
    let taken_over = use_taken_over();
    Effect::new(move |_| {
        let hash = hash.get();
        if matches!(post.get(), Some(Ok(_))) && hash.len() > 1 && taken_over() {
            request_animation_frame(move || {
                scroll_to_id(&hash[1..]);
            });
        }
    });

    let what = move || ContentFile::Post { slug: slug() }.description();
    let file = Signal::derive(move || ContentFile::Post { slug: slug() }.url());
    view! {
        <SavedCopyNotice url=file />
        <Suspense fallback=|| view! { <PostSkeleton /> }>
            {loaded_content(post, what, |post| view! { <PostView post /> }.into_any())}
        </Suspense>
    }
}

#[component]
fn PostView(post: Arc<Post>) -> impl IntoView {
    let category = post.category.clone();
    // Read reactively: the post may arrive before site.json.
    let category_name = Callback::new(move |()| {
        loaded_site()
            .map(|site| site.category_name(&category).to_string())
            .unwrap_or_default()
    });
    let category_href = urls::category(&post.category, 1);
    let category_href_crumb = category_href.clone();
    let description = if post.excerpt.is_empty() {
        post.question.clone()
    } else {
        post.excerpt.clone()
    };

    // Comments: the post's own less those its WordPress no longer shows,
    // those it approved since the import, then those posted from this browser.
    let local = use_local_comments();
    let shipped = post.comments.clone();
    let form = post.comment_status.is_open().then(|| {
        CommentFormState::new(
            post.slug.clone(),
            post.title.clone(),
            shipped.to_vec(),
            post.wp_id,
        )
    });
    if let Some(form) = form {
        provide_context(form);
    }
    let (changes, settled) = wordpress_changes(&post);
    // The comment box follows WordPress's changes to the thread (a reply
    // box under a comment since removed goes back under the post).
    if let Some(form) = form {
        Effect::new(move || {
            if let Some(found) = changes.get() {
                form.wordpress_changed(&found);
            }
        });
    }
    let slug = post.slug.clone();
    let comments = Callback::new(move |()| {
        let changes = changes.get().unwrap_or_default();
        let mut all: Vec<Comment> = shipped
            .iter()
            .filter(|c| !changes.removed.contains(&c.id))
            .cloned()
            .collect();
        let added = changes.added.into_iter();
        all.extend(added.filter(|n| !shipped.iter().any(|c| c.id == n.id)));
        // This reader's own comments, unless WordPress shows them already
        // (by id, or by author and text: a resend that found its earlier
        // try keeps the browser's id) or no longer shows them at all.
        let here = local.on_post(&slug).into_iter().map(|c| c.comment);
        let here: Vec<Comment> = here
            .filter(|c| !changes.removed.contains(&c.id))
            .filter(|c| !all.iter().any(|a| a.id == c.id || same_comment(a, c)))
            .collect();
        all.extend(here);
        all
    });
    // Once the thread is settled, a reply draft to a comment no longer in
    // it joins the post's own draft.
    let taken_over = use_taken_over();
    if let Some(form) = form {
        Effect::new(move || {
            if settled.get() && taken_over() {
                let shown: Vec<u64> = comments.run(()).iter().map(|c| c.id).collect();
                form.thread_settled(&shown);
            }
        });
    }
    let slug = post.slug.clone();
    // A comment of this reader's that WordPress now shows as approved is
    // no longer "awaiting moderation".
    let posted_here = Callback::new(move |()| {
        let approved: Vec<u64> = changes.with(|c| {
            c.as_ref()
                .map(|c| c.added.iter().map(|a| a.id).collect())
                .unwrap_or_default()
        });
        let mut mine = local.on_post(&slug);
        mine.retain(|c| !approved.contains(&c.comment.id));
        mine
    });

    let add_answer = form.map(|form| {
        move |e: ev::MouseEvent| {
            e.prevent_default();
            if form.reply_to.get_untracked().is_some() {
                form.reply(None);
            } else {
                focus_by_id("comment");
            }
        }
    });
    let main = match post.kind {
        PostKind::Question => view! {
            <p class="entry-question">
                <strong>{credited("Question", &post.author)}</strong>
                {(!post.question.is_empty()).then(|| format!(": {}", post.question))}
            </p>
            <RichText source=post.body.clone() />
            <h2 class="answers-title" data-pagefind-ignore>"Answers and Views:"</h2>
            <SkippedNotice count=post.answers.skipped() what="answer" />
            {post
                .answers
                .iter()
                .map(|answer| {
                    let anchor = format!("answer-{}", answer.id);
                    view! {
                        <section class="answer" id=anchor.clone() aria-labelledby=format!("{anchor}-title")>
                            <h3 class="answer-title" id=format!("{anchor}-title")>
                                <a href=format!("#{anchor}")>{credited("Answer", &answer.author)}</a>
                            </h3>
                            <RichText source=answer.body.clone() />
                        </section>
                    }
                })
                .collect_view()}
            <p class="read-comments" data-pagefind-ignore>"Read all the answers in the " <a href="#comments">"comments"</a> "."</p>
            {add_answer.map(|add_answer| view! {
                <p class="add-answer" data-pagefind-ignore>
                    <a href="#respond" on:click=add_answer>"Add your own answer!"</a>
                </p>
            })}
        }
        .into_any(),
        PostKind::Article => view! { <RichText source=post.body.clone() /> }.into_any(),
    };
    view! {
        <PageMeta title=post.title.clone() description=description post=Arc::clone(&post) />
        {move || view! { <Breadcrumb items=vec![(category_name.run(()), Some(category_href_crumb.clone()))] /> }}
        // What the search index reads (`make build` runs Pagefind over the
        // prerendered pages): this article and the comments, with the date
        // and category as the result's details and the category as a filter.
        <article class="entry post" aria-labelledby="post-title" data-pagefind-body>
            <header class="entry-header">
                <h1 class="entry-title" id="post-title">{post.title.clone()}</h1>
                <p class="entry-meta" data-pagefind-ignore>
                    {(post.kind == PostKind::Article && !post.author.trim().is_empty())
                        .then(|| format!("By {} · ", post.author))}
                    <time datetime=post.date.clone() data-pagefind-meta="date[datetime]">{format_date(&post.date)}</time>
                    " · "
                    <a href=category_href.clone() data-pagefind-meta="category" data-pagefind-filter="category[href]">
                        {move || category_name.run(())}
                    </a>
                    {other_categories(&post.categories)}
                </p>
            </header>
            <div class="entry-content"><HydrateLater>{main}</HydrateLater></div>
            <footer class="entry-footer" data-pagefind-ignore>
                <p>"See other posts in " <a href=category_href>{move || category_name.run(())}</a></p>
            </footer>
        </article>
        // Taken over in tasks of their own: the article first.
        <HydrateLater>
        <CommentThread comments posted_here />
        <SkippedNotice count=post.comments.skipped() what="comment" />
        {match form {
            // The form is the app's (it is not in the prerendered page):
            // said where it will be, until the app runs the page.
            Some(form) => view! {
                <AfterFirstPaint>
                    {move || form.reply_to.with(Option::is_none).then(|| view! { <CommentForm /> })}
                </AfterFirstPaint>
                <p class="needs-js comment-needs-js">
                    "Leaving a reply needs JavaScript: the form appears here once the page has loaded."
                </p>
            }
            .into_any(),
            None => view! { <CommentsClosed slug=post.slug.clone() /> }.into_any(),
        }}
        <ReadingShortcuts />
        </HydrateLater>
    }
}

/// The other categories a post is in, besides its own, as WordPress's
/// themes list them (", Ferries, Rivers & Lakes"): each a link, and each a
/// value of the search's category filter, so "Search in Ferries" finds the
/// post as Ferries' list shows it.
fn other_categories(slugs: &[String]) -> impl IntoView {
    slugs
        .iter()
        .map(|slug| {
            let href = urls::category(slug, 1);
            let slug = slug.clone();
            let name = move || loaded_site().map(|site| site.category_name(&slug).to_string());
            view! {
                ", "
                <a href=href data-pagefind-filter="category[href]">{name}</a>
            }
        })
        .collect_view()
}

/// Whether two comments are one written once: the same author, parent and
/// text (ids may differ: the browser's and WordPress's).
fn same_comment(a: &Comment, b: &Comment) -> bool {
    a.author == b.author && a.parent == b.parent && a.body.trim() == b.body.trim()
}

/// The post's comments on its WordPress compared with the imported ones,
/// asked for once site.json names the WordPress. Kept out of the post's
/// `<Suspense>`: the post shows at once whatever WordPress does, and the
/// changes join when (and if) they come, within `api::WORDPRESS_TIMEOUT`.
/// With them, whether the thread is settled: WordPress answered, or there
/// is none to ask (read only by an Effect: never acted on in the
/// prerenderer).
fn wordpress_changes(post: &Post) -> (RwSignal<Option<ThreadChanges>>, RwSignal<bool>) {
    let changes = RwSignal::new(None);
    // A post not from a WordPress has nothing to ask: settled at once.
    let settled = RwSignal::new(post.wp_id.is_none());
    let Some(post_id) = post.wp_id else {
        return (changes, settled);
    };
    let known: Vec<u64> = post.comments.iter().map(|c| c.id).collect();
    let taken_over = use_taken_over();
    Effect::new(move |asked: Option<bool>| {
        if asked == Some(true) {
            return true;
        }
        // The thread is in the server's HTML until the page is taken over.
        if !taken_over() {
            return false;
        }
        let Some(site) = loaded_site() else {
            return false;
        };
        let Some(root) = site.wordpress.clone() else {
            settled.set(true);
            return true;
        };
        let known = known.clone();
        leptos::task::spawn_local(async move {
            let Some(found) = api::thread_changes(root, post_id, known).await else {
                return;
            };
            // Only a real change redraws the thread (and a reply box open
            // in it); the reader may have left the page meanwhile.
            if !found.added.is_empty() || !found.removed.is_empty() {
                _ = changes.try_set(Some(found));
            }
            _ = settled.try_set(true);
        });
        true
    });
    (changes, settled)
}

/// A post-shaped placeholder.
#[component]
fn PostSkeleton() -> impl IntoView {
    view! {
        <div class="entry post is-loading">
            <div class="skeleton-title" aria-hidden="true"></div>
            <Skeleton label="the post" lines=12 />
        </div>
    }
}
