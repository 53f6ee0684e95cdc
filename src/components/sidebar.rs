use crate::{
    components::layout::SIDEBAR_ID, components::status::LoadErrorPanel,
    components::status::Skeleton, use_site,
};
use leptos::prelude::*;

/// Popular Posts, Categories (with counts) and Recent Comments.
#[component]
pub fn Sidebar() -> impl IntoView {
    let site = use_site();
    view! {
        <aside class="sidebar sidebar-primary" id=SIDEBAR_ID tabindex="-1" aria-label="Primary Sidebar">
            <h2 class="visually-hidden">"Primary Sidebar"</h2>
            {move || match site.get() {
                None => view! { <Skeleton label="the sidebar" lines=8 /> }.into_any(),
                Some(Err(error)) => view! {
                    <LoadErrorPanel what="the sidebar" error retry=Callback::new(move |_| site.refetch()) />
                }
                .into_any(),
                Some(Ok(site)) => view! {
                    <section class="widget popular-posts">
                        <h3 class="widget-title">"Popular Posts"</h3>
                        <ul>
                            {site
                                .popular_posts
                                .iter()
                                .map(|post| {
                                    view! {
                                        <li>
                                            <a href=format!("/post/{}", post.slug)>
                                                {post
                                                    .thumbnail
                                                    .clone()
                                                    .filter(|src| src.starts_with('/'))
                                                    .map(|src| {
                                                        view! { <img src=src alt="" width="64" height="64" loading="lazy" decoding="async" /> }
                                                    })}
                                                <span>{post.title.clone()}</span>
                                            </a>
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
                                            <a href=format!("/category/{}", c.slug)>{c.name.clone()}</a>
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
                            {site
                                .recent_comments
                                .iter()
                                .map(|c| {
                                    view! {
                                        <li>
                                            <span class="comment-author">{c.author.clone()}</span>
                                            " on "
                                            <a href=format!("/post/{}#comment-{}", c.post_slug, c.comment_id)>
                                                {c.post_title.clone()}
                                            </a>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    </section>
                }
                .into_any(),
            }}
        </aside>
    }
}
