//! "Comments ( N )" and the threaded list.

use crate::{
    browser::comment_sink::use_comment_sink,
    components::{
        comment_form::{CommentForm, CommentFormState, ReplyTarget},
        rich_text::CommentText,
    },
    models::comments::{build_thread, ThreadNode, MAX_DEPTH},
    models::text::{format_date, safe_href, UNTRUSTED_LINK_REL},
    models::{
        comments::store::{LocalComment, LocalState},
        content::Comment,
    },
};
use leptos::{ev, prelude::*};
use leptos_router::hooks::use_location;

/// "Comments ( N )" and the threaded list, oldest first. Comments awaiting
/// moderation say so. With a comment form in context, each comment (above
/// the deepest level) has a "Reply" link, and the form opens under it.
#[component]
pub fn CommentThread(
    /// The comments, read reactively.
    comments: Callback<(), Vec<Comment>>,
    /// The comments posted from this browser, and where each stands.
    #[prop(optional)]
    posted_here: Option<Callback<(), Vec<LocalComment>>>,
) -> impl IntoView {
    let form = use_context::<CommentFormState>();
    let hash = use_location().hash;
    view! {
        <section class="entry-comments" id="comments" aria-labelledby="comments-title">
            <h2 id="comments-title">{move || format!("Comments ( {} )", comments.run(()).len())}</h2>
            {move || {
                let thread = build_thread(&comments.run(()));
                let posted_here = posted_here.map(|p| p.run(())).unwrap_or_default();
                (!thread.is_empty()).then(|| view! {
                    <ol class="comment-list">
                        {thread.into_iter().map(|node| comment_item(node, &posted_here, form, hash)).collect_view()}
                    </ol>
                }.into_any())
                .into_any()
            }}
        </section>
    }
}

/// What a comment posted from this browser says about where it stands.
fn posted_note(id: u64, posted: &LocalComment) -> Option<AnyView> {
    let note = match posted.state {
        LocalState::AwaitingModeration => "Your comment is awaiting moderation.",
        LocalState::Queued => "Not sent yet: it will be sent as soon as the site can be reached.",
        LocalState::Approved => return None,
        LocalState::NotSent => {
            let reason = posted.refusal.clone().unwrap_or_default();
            let sink = use_comment_sink();
            return Some(
                view! {
                    <p class="comment-not-sent" role="status">
                        {format!("Not sent: the site refused it. {reason} Your text is below, so you can keep a copy.")}
                        " "
                        <button type="button" class="button button-small" on:click=move |_| sink.remove_not_sent(id)>
                            "Remove"
                        </button>
                    </p>
                }
                .into_any(),
            );
        }
    };
    Some(view! { <p class="comment-awaiting-moderation">{note}</p> }.into_any())
}

fn comment_item(
    node: ThreadNode,
    posted_here: &[LocalComment],
    form: Option<CommentFormState>,
    hash: Memo<String>,
) -> AnyView {
    let ThreadNode {
        comment,
        depth,
        children,
    } = node;
    let id = comment.id;
    let anchor = format!("comment-{id}");
    let target = format!("#{anchor}");
    let author = match comment.url.as_deref().and_then(safe_href) {
        Some(href) => view! { <a href=href.to_string() rel=UNTRUSTED_LINK_REL class="url">{comment.author.clone()}</a> }.into_any(),
        None => comment.author.clone().into_any(),
    };
    let note = posted_here
        .iter()
        .find(|posted| posted.comment.id == id)
        .and_then(|posted| posted_note(id, posted));
    let reply = form.filter(|_| depth < MAX_DEPTH).map(|form| {
        let target = ReplyTarget { id, author: comment.author.clone() };
        let label = format!("Reply to {}", comment.author);
        view! {
            <div class="reply">
                <a
                    href="#respond"
                    class="comment-reply-link"
                    aria-label=label
                    on:click=move |e: ev::MouseEvent| {
                        e.prevent_default();
                        form.reply(Some(target.clone()));
                    }
                >
                    "Reply"
                </a>
            </div>
            {move || (form.reply_to.with(|t| t.as_ref().map(|t| t.id)) == Some(id)).then(|| view! { <CommentForm /> }.into_any()).into_any()}
        }
    });
    view! {
        <li class=format!("comment depth-{depth}") class:is-target=move || hash.get() == target id=anchor.clone()>
            <article class="comment-body">
                <footer class="comment-meta">
                    <p class="comment-author">
                        <span class="fn">{author}</span>
                        " "
                        <span class="says">"says"</span>
                    </p>
                    <p class="comment-metadata">
                        <a href=format!("#{anchor}") class="comment-permalink">
                            <time datetime=comment.date.clone()>{format_date(&comment.date)}</time>
                        </a>
                    </p>
                    {note}
                </footer>
                <div class="comment-content">
                    <CommentText source=comment.body />
                </div>
            </article>
            {reply}
            {(!children.is_empty()).then(|| view! {
                <ol class="children">{children.into_iter().map(|child| comment_item(child, posted_here, form, hash)).collect_view()}</ol>
            }.into_any())}
        </li>
    }
    .into_any()
}
