//! The sidebar: Popular Posts, Categories and Recent Comments.

use crate::{
    browser::{api::use_site, comment_sink::use_local_comments},
    components::layout::SIDEBAR_ID,
    components::status::{LoadErrorPanel, Skeleton},
    components::warm_link::{CategoryLink, PostLink},
    models::{content::RecentComment, urls},
};
use leptos::prelude::*;

/// Popular Posts, Categories (with counts) and Recent Comments.
#[component]
pub fn Sidebar() -> impl IntoView {
    let site = use_site();
    let local = use_local_comments();
    // The reader's own comments come first, newest first, then the site's.
    let recent_comments = move |site_recent: &[RecentComment]| {
        let mut recent: Vec<RecentComment> = local.0.with(|all| {
            all.iter()
                .rev()
                .map(|c| RecentComment {
                    author: c.comment.author.clone(),
                    post_slug: c.post_slug.clone(),
                    post_title: c.post_title.clone(),
                    comment_id: c.comment.id,
                    date: c.comment.date.clone(),
                })
                .collect()
        });
        recent.extend(site_recent.iter().cloned());
        recent.truncate(site_recent.len().max(5));
        recent
    };
    view! {
        <aside class="sidebar sidebar-primary" id=SIDEBAR_ID tabindex="-1" aria-label="Primary Sidebar">
            <h2 class="visually-hidden">"Primary Sidebar"</h2>
            {move || match site.get() {
                None => view! { <Skeleton label="the sidebar" lines=8 /> }.into_any(),
                Some(Err(error)) => view! {
                    <LoadErrorPanel what="the sidebar" reason=error.to_string() retry=Callback::new(move |_| site.refetch()) />
                }
                .into_any(),
                Some(Ok(site)) => {
                    // The site's own images, or its import's (the CSP's).
                    let popular: Vec<_> = site
                        .popular_posts
                        .iter()
                        .map(|post| {
                            let thumbnail = post.thumbnail.clone().filter(|src| site.shows_image(src));
                            (post.clone(), thumbnail)
                        })
                        .collect();
                    view! {
                    <section class="widget popular-posts">
                        <h3 class="widget-title">"Popular Posts"</h3>
                        <ul>
                            {popular
                                .into_iter()
                                .map(|(post, thumbnail)| {
                                    view! {
                                        <li>
                                            <PostLink slug=post.slug.clone()>
                                                {thumbnail
                                                    .map(|src| {
                                                        view! { <img src=src alt="" width="64" height="64" loading="lazy" decoding="async" /> }
                                                    })}
                                                <span>{post.title}</span>
                                            </PostLink>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                    <section class="widget categories">
                        <h3 class="widget-title">"Categories"</h3>
                        <ul>
                            {site
                                .categories
                                .iter()
                                .map(|c| {
                                    view! {
                                        <li>
                                            <CategoryLink slug=c.slug.clone() name=c.name.clone() />
                                            {format!(" ({})", c.count)}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                    <section class="widget recent-comments">
                        <h3 class="widget-title">"Recent Comments"</h3>
                        <ul>
                            {move || recent_comments(&site.recent_comments)
                                .into_iter()
                                .map(|c| {
                                    view! {
                                        <li>
                                            <span class="comment-author">{c.author}</span>
                                            " on "
                                            <a href=urls::comment(&c.post_slug, c.comment_id)>
                                                {c.post_title}
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                    }
                    .into_any()
                }
            }}
        </aside>
    }
}
