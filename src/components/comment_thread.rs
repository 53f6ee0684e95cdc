use crate::{
    comments::{build_thread, ThreadNode},
    components::rich_text::CommentText,
    content::Comment,
    text::{format_date, safe_href, UNTRUSTED_LINK_REL},
};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The id of a comment's element, the target of its permalink.
pub fn comment_anchor(id: u64) -> String {
    format!("comment-{id}")
}

/// "Comments ( N )" and the threaded list, oldest first.
#[component]
pub fn CommentThread(comments: Vec<Comment>) -> impl IntoView {
    let count = comments.len();
    let thread = build_thread(&comments);
    view! {
        <section class="entry-comments" id="comments" aria-labelledby="comments-title">
            <h2 id="comments-title">{format!("Comments ( {count} )")}</h2>
            {(!thread.is_empty()).then(|| view! { <ol class="comment-list">{thread.into_iter().map(comment_item).collect_view()}</ol> })}
        </section>
    }
}

fn comment_item(node: ThreadNode) -> AnyView {
    let ThreadNode {
        comment,
        depth,
        children,
    } = node;
    let anchor = comment_anchor(comment.id);
    let hash = use_location().hash;
    let target = format!("#{anchor}");
    let is_target = move || hash.get() == target;
    let author = match comment.url.as_deref().and_then(safe_href) {
        Some(href) => view! { <a href=href.to_string() rel=UNTRUSTED_LINK_REL class="url">{comment.author.clone()}</a> }.into_any(),
        None => comment.author.clone().into_any(),
    };
    view! {
        <li class=format!("comment depth-{depth}") class:is-target=is_target id=anchor.clone()>
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
                </footer>
                <div class="comment-content">
                    <CommentText source=comment.body />
                </div>
            </article>
            {(!children.is_empty()).then(|| view! { <ol class="children">{children.into_iter().map(comment_item).collect_view()}</ol> })}
        </li>
    }
    .into_any()
}
