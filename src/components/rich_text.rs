//! Body text and comments, as DOM elements and text.

use crate::models::text::{parse_body, parse_comment, Block, Inline, ListItem, UNTRUSTED_LINK_REL};
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

/// An `AnyView`, not `impl IntoView`: a list item holds the blocks of the
/// lists nested in it, so this view is recursive.
fn blocks_view(blocks: Vec<Block>) -> AnyView {
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
            Block::List(items) => view! { <ul>{list_items(items)}</ul> }.into_any(),
            Block::OrderedList {
                start,
                reversed,
                items,
            } => {
                // Counting down, the browser would start at the item count.
                let start = (start != 1 || reversed).then(|| start.to_string());
                view! { <ol start=start reversed=reversed>{list_items(items)}</ol> }.into_any()
            }
            Block::Preformatted(text) => view! { <pre tabindex="0">{text}</pre> }.into_any(),
            Block::Table { head, rows } => table_view(head, rows).into_any(),
            // Lazy, and sized when the size is known, so nothing below it
            // moves as it arrives (the CSP names the origins images may use).
            Block::Image {
                src,
                alt,
                width,
                height,
                link,
            } => {
                // A link holding only an image is named by its alt text;
                // WordPress's are often empty.
                let label = (link.is_some() && alt.is_empty()).then_some("Image");
                let image = view! {
                    <img
                        src=src
                        alt=alt
                        width=width.map(|w| w.to_string())
                        height=height.map(|h| h.to_string())
                        loading="lazy"
                        decoding="async"
                    />
                };
                let image = match link {
                    Some(href) => {
                        let rel = link_rel(&href);
                        view! { <a href=href rel=rel aria-label=label>{image}</a> }.into_any()
                    }
                    None => image.into_any(),
                };
                view! { <figure class="content-image">{image}</figure> }.into_any()
            }
        })
        .collect_view()
        .into_any()
}

/// A table, scrolled sideways on its own when wider than the column (the
/// page never is); focusable so a keyboard can scroll it.
fn table_view(head: usize, mut rows: Vec<Vec<Vec<Inline>>>) -> impl IntoView {
    let body = rows.split_off(head.min(rows.len()));
    let row = |cells: Vec<Vec<Inline>>, header: bool| {
        let cells = cells.into_iter().map(move |cell| match header {
            true => view! { <th scope="col">{inline_view(cell)}</th> }.into_any(),
            false => view! { <td>{inline_view(cell)}</td> }.into_any(),
        });
        view! { <tr>{cells.collect_view()}</tr> }
    };
    let thead = (!rows.is_empty()).then(|| {
        view! { <thead>{rows.into_iter().map(|r| row(r, true)).collect_view()}</thead> }
    });
    view! {
        <div class="table-scroll" tabindex="0">
            <table>
                {thead}
                <tbody>{body.into_iter().map(|r| row(r, false)).collect_view()}</tbody>
            </table>
        </div>
    }
}

/// A list's `<li>`s (one view for `<ul>` and `<ol>`), each with the lists
/// nested in it.
fn list_items(items: Vec<ListItem>) -> impl IntoView {
    items
        .into_iter()
        .map(|item| view! { <li>{inline_view(item.text)}{blocks_view(item.lists)}</li> })
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
                let rel = link_rel(&href);
                view! { <a href=href rel=rel>{label}</a> }.into_any()
            }
        })
        .collect_view()
}

/// A link to the site's own pages is the site's; any other is the
/// content's or a commenter's.
fn link_rel(href: &str) -> Option<&'static str> {
    (!href.starts_with('/')).then_some(UNTRUSTED_LINK_REL)
}
