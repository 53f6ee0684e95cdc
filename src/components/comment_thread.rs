//! "Comments ( N )" and the threaded list.

use crate::{
    browser::comment_sink::use_comment_sink,
    components::{
        comment_form::{CommentForm, CommentFormState, ReplyTarget},
        rich_text::CommentText,
    },
    models::comments::{ThreadIndex, MAX_DEPTH},
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
/// Each level is a keyed `<For>` (by comment id): a comment arriving from
/// another tab, from WordPress or from the outbox adds its own row and
/// never rebuilds the others, nor a reply box being typed in.
#[component]
pub fn CommentThread(
    /// The comments, read reactively.
    comments: Callback<(), Vec<Comment>>,
    /// The comments posted from this browser, and where each stands.
    #[prop(optional)]
    posted_here: Option<Callback<(), Vec<LocalComment>>>,
) -> impl IntoView {
    // The address's fragment is the browser's alone (a prerendered page
    // never has one): it marks its comment from an effect, after the first
    // render.
    let hash = RwSignal::new(String::new());
    let location_hash = use_location().hash;
    Effect::new(move || hash.set(location_hash.get()));
    let thread = Thread {
        index: Memo::new(move |_| ThreadIndex::new(&comments.run(()))),
        posted_here: Memo::new(move |_| posted_here.map(|p| p.run(())).unwrap_or_default()),
        form: use_context::<CommentFormState>(),
        hash,
    };
    view! {
        <section class="entry-comments" id="comments" aria-labelledby="comments-title">
            <h2 id="comments-title">{move || format!("Comments ( {} )", thread.index.with(ThreadIndex::len))}</h2>
            <Show when=move || thread.index.with(|index| !index.is_empty())>
                // Searched (`data-pagefind-body`): authors and texts.
                <ol class="comment-list" data-pagefind-body>
                    <CommentRows thread parent=None />
                </ol>
            </Show>
        </section>
    }
}

/// What every row of one thread reads.
#[derive(Clone, Copy)]
struct Thread {
    index: Memo<ThreadIndex>,
    posted_here: Memo<Vec<LocalComment>>,
    form: Option<CommentFormState>,
    /// The address's fragment (`#comment-7`), once the page is in the browser.
    hash: RwSignal<String>,
}

/// The rows shown under `parent` (`None`: the top level), keyed by id.
#[component]
fn CommentRows(thread: Thread, parent: Option<u64>) -> impl IntoView {
    view! {
        <For
            each=move || thread.index.with(|index| index.under(parent))
            key=|id| *id
            children=move |id| comment_item(thread, id)
        />
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

fn comment_item(thread: Thread, id: u64) -> AnyView {
    let Some((comment, depth)) = thread.index.with_untracked(|index| index.comment(id)) else {
        return ().into_any();
    };
    let anchor = format!("comment-{id}");
    let target = format!("#{anchor}");
    let author = match comment.url.as_deref().and_then(safe_href) {
        Some(href) => view! { <a href=href.to_string() rel=UNTRUSTED_LINK_REL class="url">{comment.author.clone()}</a> }.into_any(),
        None => comment.author.clone().into_any(),
    };
    let note = move || {
        thread.posted_here.with(|posted| {
            posted
                .iter()
                .find(|posted| posted.comment.id == id)
                .and_then(|posted| posted_note(id, posted))
        })
    };
    // No replies to this reader's comments that WordPress does not show
    // yet: a reply's parent would be an id WordPress does not know. Once
    // WordPress shows one (approved since), Reply appears: the row itself
    // stays (keyed by id), so this is read reactively, and only hides it.
    let unsent = Memo::new(move |_| {
        thread.posted_here.with(|posted| {
            posted.iter().any(|p| {
                p.comment.id == id
                    && match p.state {
                        LocalState::Queued | LocalState::NotSent => true,
                        LocalState::AwaitingModeration => thread
                            .form
                            .is_some_and(|f| f.sends_to_wordpress_untracked()),
                        LocalState::Approved => false,
                    }
            })
        })
    });
    let reply = thread.form.filter(|_| depth < MAX_DEPTH).map(|form| {
        let target = ReplyTarget {
            id,
            author: comment.author.clone(),
        };
        let label = format!("Reply to {}", comment.author);
        view! {
            <div class="reply" hidden=move || unsent.get() data-pagefind-ignore>
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
            // `try_with`: leaving for a post without a comment form
            // disposes this form before the rows that name it.
            <Show when=move || form.reply_to.try_with(|t| t.as_ref().map(|t| t.id)).flatten() == Some(id)>
                <CommentForm />
            </Show>
        }
    });
    let hash = thread.hash;
    view! {
        <li class=format!("comment depth-{depth}") class:is-target=move || hash.get() == target id=anchor.clone()>
            <article class="comment-body">
                // A header, not WordPress's footer: Pagefind leaves footers
                // out of its index, and the author's name is searched.
                <header class="comment-meta">
                    <p class="comment-author">
                        <span class="fn">{author}</span>
                        " "
                        <span class="says" data-pagefind-ignore>"says"</span>
                    </p>
                    <p class="comment-metadata" data-pagefind-ignore>
                        <a href=format!("#{anchor}") class="comment-permalink">
                            <time datetime=comment.date.clone()>{format_date(&comment.date)}</time>
                        </a>
                    </p>
                    {note}
                </header>
                <div class="comment-content">
                    <CommentText source=comment.body />
                </div>
            </article>
            {reply}
            <Show when=move || thread.index.with(|index| index.has_replies(id))>
                <ol class="children">
                    <CommentRows thread parent=Some(id) />
                </ol>
            </Show>
        </li>
    }
    .into_any()
}
