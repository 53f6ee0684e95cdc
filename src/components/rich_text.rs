//! Body text and comments, as DOM elements and text.

use crate::models::text::{parse_body, parse_comment, Block, Inline, UNTRUSTED_LINK_REL};
use leptos::prelude::*;

/// A body in the content markup: paragraphs, lists and safe links, all as
/// DOM text and elements, never as HTML.
#[component]
pub fn RichText(#[prop(into)] source: String) -> impl IntoView {
    blocks_view(parse_body(&source))
}

/// A reader's comment: paragraphs, with bare http(s) URLs linked.
#[component]
pub fn CommentText(#[prop(into)] source: String) -> impl IntoView {
    blocks_view(parse_comment(&source))
}

fn blocks_view(blocks: Vec<Block>) -> impl IntoView {
    blocks
        .into_iter()
        .map(|block| match block {
            Block::Paragraph(inlines) => view! { <p>{inline_view(inlines)}</p> }.into_any(),
            Block::Heading(2, inlines) => view! { <h2>{inline_view(inlines)}</h2> }.into_any(),
            Block::Heading(3, inlines) => view! { <h3>{inline_view(inlines)}</h3> }.into_any(),
            Block::Heading(_, inlines) => view! { <h4>{inline_view(inlines)}</h4> }.into_any(),
            Block::Quote(inlines) => {
                view! { <blockquote><p>{inline_view(inlines)}</p></blockquote> }.into_any()
            }
            Block::List(items) => view! {
                <ul>
                    {items
                        .into_iter()
                        .map(|item| view! { <li>{inline_view(item)}</li> })
                        .collect_view()}
                </ul>
            }
            .into_any(),
        })
        .collect_view()
}

fn inline_view(inlines: Vec<Inline>) -> impl IntoView {
    inlines
        .into_iter()
        .map(|inline| match inline {
            Inline::Text(text) => text.into_any(),
            Inline::Break => view! { <br /> }.into_any(),
            Inline::Emphasis(text) => view! { <em>{text}</em> }.into_any(),
            Inline::Strong(text) => view! { <strong>{text}</strong> }.into_any(),
            Inline::Link { label, href } => {
                view! { <a href=href rel=UNTRUSTED_LINK_REL>{label}</a> }.into_any()
            }
        })
        .collect_view()
}
