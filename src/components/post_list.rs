//! A page of a post list, its pagination, and their placeholders.

use crate::{
    browser::{
        api::{loaded_site, ContentResource},
        comment_sink::use_local_comments,
    },
    components::{
        status::{LoadErrorPanel, Skeleton, SkippedNotice},
        warm_link::PostLink,
    },
    models::{
        content::{ListPage, LoadError, PostKind, PostSummary, Site, PAGE_SIZE},
        text::format_date,
        urls,
    },
};
use leptos::prelude::*;
use std::sync::Arc;

/// A list's resource as the reader sees it: the list page, a placeholder
/// while the first one loads (a new page or filter keeps the old list on
/// screen until it is in), or an error with Retry.
#[component]
pub fn PostListView(
    list: ContentResource<Arc<ListPage>>,
    /// What the list is, for the error panel, e.g. "the latest posts".
    what: Callback<(), String>,
    /// The URL of page `n` of this list.
    page_href: Callback<u32, String>,
) -> impl IntoView {
    let loaded = move || {
        let site = loaded_site().unwrap_or_default();
        list.get().map(|loaded| match loaded {
            Ok(page) => view! { <PostList page site page_href /> }.into_any(),
            Err(LoadError::NotFound) => view! {
                <div class="notice" role="status">
                    <p>"There is nothing on this page of the list."</p>
                    <p><a href=page_href.run(1)>"Go to the first page"</a></p>
                </div>
            }
            .into_any(),
            Err(error) => view! {
                <LoadErrorPanel what=what.run(()) reason=error.to_string() retry=Callback::new(move |_| list.refetch()) />
            }
            .into_any(),
        })
    };
    view! {
        <Transition fallback=|| view! { <ListSkeleton /> }>{loaded}</Transition>
    }
}

#[component]
fn PostList(
    page: Arc<ListPage>,
    site: Arc<Site>,
    page_href: Callback<u32, String>,
) -> impl IntoView {
    let skipped = page.posts.skipped();
    if page.posts.is_empty() {
        return view! {
            <SkippedNotice count=skipped what="post" />
            <p class="notice">"No posts yet."</p>
        }
        .into_any();
    }
    view! {
        <SkippedNotice count=skipped what="post" />
        <div class="post-list">
            {page.posts.iter().map(|post| view! { <PostSummaryItem post=post.clone() site=site.clone() /> }).collect_view()}
        </div>
        <Pagination current=page.page pages=page.pages page_href />
    }
    .into_any()
}

#[component]
fn PostSummaryItem(post: PostSummary, site: Arc<Site>) -> impl IntoView {
    let category_name = site.category_name(&post.category).to_string();
    let answers = match (post.kind, post.answer_count) {
        (PostKind::Article, _) => None,
        (_, 1) => Some(" · 1 answer".to_string()),
        (_, n) => Some(format!(" · {n} answers")),
    };
    // Comments posted from this browser count too.
    let local = use_local_comments();
    let slug = post.slug.clone();
    let comments = move || match post.comment_count + local.count_on(&slug) {
        1 => " · 1 comment".to_string(),
        n => format!(" · {n} comments"),
    };
    view! {
        <article class="entry entry-summary">
            <h2 class="entry-title">
                <PostLink slug=post.slug.clone()>{post.title}</PostLink>
            </h2>
            <p class="entry-meta">
                {post.sticky.then(|| view! { <span class="sticky-label">"Featured"</span> " · " })}
                <a href=urls::category(&post.category, 1)>{category_name}</a>
                " · "
                <time datetime=post.date.clone()>{format_date(&post.date)}</time>
                <span class="answer-count">{answers}</span>
                <span class="comment-count">{move || comments()}</span>
            </p>
            <p class="entry-excerpt">{post.excerpt}</p>
        </article>
    }
}

/// Links to the pages of a list: first, last, and two either side of the
/// current one.
#[component]
pub fn Pagination(current: u32, pages: u32, page_href: Callback<u32, String>) -> impl IntoView {
    (pages > 1).then(|| {
        view! {
            <nav class="pagination" aria-label="Pages">
                {(current > 1).then(|| view! { <a rel="prev" href=page_href.run(current - 1)>"‹ Previous"</a> })}
                <ul>
                    {(1..=pages)
                        .filter(|&n| n == 1 || n == pages || n.abs_diff(current) <= 2)
                        .map(|n| {
                            view! {
                                <li>
                                    <a
                                        href=page_href.run(n)
                                        aria-current=(n == current).then_some("page")
                                        aria-label=format!("Page {n}")
                                    >
                                        {n}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                {(current < pages).then(|| view! { <a rel="next" href=page_href.run(current + 1)>"Next ›"</a> })}
            </nav>
        }
    })
}

/// A list-shaped placeholder of one page's height.
#[component]
pub fn ListSkeleton() -> impl IntoView {
    view! {
        <div class="post-list is-loading">
            <Skeleton label="posts" lines=0 />
            {(0..PAGE_SIZE).map(|_| view! { <div class="entry entry-summary skeleton-entry" aria-hidden="true"></div> }).collect_view()}
        </div>
    }
}
