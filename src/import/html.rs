//! WordPress's HTML reduced to the content format, with a real HTML parser
//! (html5ever, through scraper): what a reader can see stays, as text and
//! our body markup; everything that could run or load something goes.
//!
//! Kept: paragraphs, line breaks, headings, bulleted and numbered lists (as
//! bullets), quotations, emphasis, strong text and http(s) links. Dropped
//! with their contents: scripts, styles, frames, objects, forms, SVG and the
//! like. Dropped alone: every other tag and every attribute but a link's
//! `href`. Text is escaped (`text::escape`), so nothing in it becomes markup.

use crate::models::text::{escape, safe_href};
use ego_tree::NodeRef;
use scraper::{Html, Node};

/// Elements whose contents are never shown.
const DROPPED: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "noscript",
    "template", "svg", "math", "form", "input", "button", "select", "option", "textarea", "head",
    "title", "meta", "link", "base", "canvas", "video", "audio", "source", "track", "map", "img",
    "picture", "dialog",
];

/// Elements that end the paragraph before them and start a new one after.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "main",
    "aside",
    "nav",
    "figure",
    "figcaption",
    "address",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "dl",
    "dt",
    "dd",
    "center",
    "details",
    "summary",
    "hr",
];

/// A post or page body, as body markup.
pub fn to_markup(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let mut writer = Writer::default();
    for child in fragment.root_element().children() {
        writer.node(child);
    }
    writer.finish_paragraph();
    writer.blocks.join("\n\n")
}

/// A title, name or excerpt: its text only, entities decoded, whitespace
/// collapsed, scripts and styles dropped.
pub fn to_text(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let mut text = String::new();
    for child in fragment.root_element().children() {
        plain_text(child, &mut text);
    }
    collapse_whitespace(&text)
}

/// A comment: plain text (comments have no markup), paragraphs separated by
/// a blank line, line breaks kept; a link is its text, followed by where it
/// goes when that differs, so the reader sees it.
pub fn to_comment_text(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let mut out = Vec::new();
    let mut current = String::new();
    for child in fragment.root_element().children() {
        comment_node(child, &mut current, &mut out);
    }
    end_comment_paragraph(&mut current, &mut out);
    out.join("\n\n")
}

fn comment_node(node: NodeRef<Node>, current: &mut String, out: &mut Vec<String>) {
    match node.value() {
        Node::Text(text) => current.push_str(&text.replace(['\n', '\r', '\t'], " ")),
        Node::Element(element) => {
            let name = element.name();
            if DROPPED.contains(&name) {
                return;
            }
            if name == "br" {
                current.push('\n');
                return;
            }
            let block = BLOCKS.contains(&name) || matches!(name, "ul" | "ol" | "li" | "blockquote");
            if block {
                end_comment_paragraph(current, out);
            }
            if name == "a" {
                let mut label = String::new();
                plain_text(node, &mut label);
                let label = collapse_whitespace(&label);
                current.push_str(&label);
                if let Some(href) = element.attr("href").and_then(safe_href) {
                    if href != label {
                        current.push_str(&format!(" ({href})"));
                    }
                }
                return;
            }
            for child in node.children() {
                comment_node(child, current, out);
            }
            if block {
                end_comment_paragraph(current, out);
            }
        }
        _ => {}
    }
}

fn end_comment_paragraph(current: &mut String, out: &mut Vec<String>) {
    let lines: Vec<String> = current
        .split('\n')
        .map(collapse_whitespace)
        .filter(|line| !line.is_empty())
        .collect();
    if !lines.is_empty() {
        out.push(lines.join("\n"));
    }
    current.clear();
}

/// The visible text under `node`.
fn plain_text(node: NodeRef<Node>, out: &mut String) {
    match node.value() {
        Node::Text(text) => out.push_str(text),
        Node::Element(element) if DROPPED.contains(&element.name()) => {}
        Node::Element(element) if element.name() == "br" => out.push(' '),
        Node::Element(_) => {
            for child in node.children() {
                plain_text(child, out);
            }
        }
        _ => {}
    }
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Builds body markup block by block.
#[derive(Default)]
struct Writer {
    blocks: Vec<String>,
    /// The paragraph being written: markup, with `\n` for line breaks.
    paragraph: String,
}

impl Writer {
    fn node(&mut self, node: NodeRef<Node>) {
        match node.value() {
            Node::Text(text) => self
                .paragraph
                .push_str(&escape(&text.replace(['\n', '\r', '\t'], " "))),
            Node::Element(element) => {
                let name = element.name();
                if DROPPED.contains(&name) {
                    return;
                }
                match name {
                    "br" => self.paragraph.push('\n'),
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                        self.finish_paragraph();
                        let marker = match name {
                            "h1" | "h2" => "##",
                            "h3" => "###",
                            _ => "####",
                        };
                        let text = collapse_whitespace(&self.inline_of(node).replace('\n', " "));
                        if !text.is_empty() {
                            self.blocks.push(format!("{marker} {text}"));
                        }
                    }
                    "ul" | "ol" => {
                        self.finish_paragraph();
                        let mut items = Vec::new();
                        list_items(node, &mut items);
                        if !items.is_empty() {
                            self.blocks.push(items.join("\n"));
                        }
                    }
                    "blockquote" => {
                        self.finish_paragraph();
                        let mut inner = Writer::default();
                        for child in node.children() {
                            inner.node(child);
                        }
                        inner.finish_paragraph();
                        let lines: Vec<String> = inner
                            .blocks
                            .iter()
                            .flat_map(|block| block.lines())
                            .map(|line| format!("> {line}"))
                            .collect();
                        if !lines.is_empty() {
                            self.blocks.push(lines.join("\n"));
                        }
                    }
                    "em" | "i" | "strong" | "b" => {
                        let marker = if matches!(name, "em" | "i") {
                            "*"
                        } else {
                            "**"
                        };
                        let mut text = String::new();
                        plain_text(node, &mut text);
                        let text = text.replace(['\n', '\r', '\t'], " ");
                        self.styled(&text, marker);
                    }
                    "a" => {
                        let mut label = String::new();
                        plain_text(node, &mut label);
                        let label = collapse_whitespace(&label);
                        match element.attr("href").and_then(safe_href) {
                            Some(href) if !label.is_empty() => {
                                let href = href.replace('(', "%28").replace(')', "%29");
                                self.paragraph
                                    .push_str(&format!("[{}]({href})", escape(&label)));
                            }
                            _ => self.paragraph.push_str(&escape(&label)),
                        }
                    }
                    _ if BLOCKS.contains(&name) => {
                        self.finish_paragraph();
                        for child in node.children() {
                            self.node(child);
                        }
                        self.finish_paragraph();
                    }
                    // Any other element (span, code, u, …): its contents.
                    _ => {
                        for child in node.children() {
                            self.node(child);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// `text` wrapped in `marker`, the markers inside its outer spaces.
    fn styled(&mut self, text: &str, marker: &str) {
        let inner = text.trim();
        if inner.is_empty() {
            self.paragraph.push_str(text);
            return;
        }
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        let inner = collapse_whitespace(inner);
        self.paragraph
            .push_str(&format!("{lead}{marker}{}{marker}{trail}", escape(&inner)));
    }

    /// The inline markup of `node`'s children, as one paragraph would hold it.
    fn inline_of(&mut self, node: NodeRef<Node>) -> String {
        let mut inner = Writer::default();
        for child in node.children() {
            inner.node(child);
        }
        inner.finish_paragraph();
        inner.blocks.join(" ")
    }

    /// Ends the paragraph being written: lines trimmed and whitespace
    /// collapsed, empty lines dropped.
    fn finish_paragraph(&mut self) {
        let lines: Vec<String> = self
            .paragraph
            .split('\n')
            .map(collapse_whitespace)
            .filter(|line| !line.is_empty())
            .collect();
        if !lines.is_empty() {
            self.blocks.push(lines.join("\n"));
        }
        self.paragraph.clear();
    }
}

/// The items of a list (nested lists flattened into further items).
fn list_items(list: NodeRef<Node>, items: &mut Vec<String>) {
    for child in list.children() {
        let Node::Element(element) = child.value() else {
            continue;
        };
        match element.name() {
            "li" => {
                let mut item = Writer::default();
                let mut nested = Vec::new();
                for part in child.children() {
                    match part.value() {
                        Node::Element(e) if matches!(e.name(), "ul" | "ol") => {
                            list_items(part, &mut nested)
                        }
                        _ => item.node(part),
                    }
                }
                item.finish_paragraph();
                let text = collapse_whitespace(&item.blocks.join(" ").replace('\n', " "));
                if !text.is_empty() {
                    items.push(format!("- {text}"));
                }
                items.extend(nested);
            }
            "ul" | "ol" => list_items(child, items),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::text::{parse_body, plain_text, Block, Inline};
    use proptest::prelude::*;

    /// The links and the visible text of reduced markup, as the app shows it.
    fn shown(markup: &str) -> (Vec<String>, String) {
        let mut links = Vec::new();
        let mut text = String::new();
        for block in parse_body(markup) {
            let lines = match block {
                Block::Paragraph(i) | Block::Heading(_, i) | Block::Quote(i) => vec![i],
                Block::List(items) => items,
            };
            for inlines in lines {
                for inline in &inlines {
                    if let Inline::Link { href, .. } = inline {
                        links.push(href.clone());
                    }
                }
                text.push_str(&plain_text(&inlines));
                text.push('\n');
            }
        }
        (links, text)
    }

    #[test]
    fn structure_is_kept_as_markup() {
        let markup = to_markup(
            "<h2>Title &amp; more</h2><p>One<br>two <em>soft</em> and <strong>loud</strong>.</p>\
             <ul><li>a</li><li>b <a href=\"https://example.org/x\">link</a></li></ul>\
             <ol><li>first</li></ol><blockquote><p>Quoted</p><p>twice</p></blockquote>",
        );
        assert_eq!(
            markup,
            "## Title & more\n\nOne\ntwo *soft* and **loud**.\n\n- a\n- b [link](https://example.org/x)\n\n- first\n\n> Quoted\n> twice"
        );
        assert!(matches!(parse_body(&markup)[0], Block::Heading(2, _)));
        assert!(matches!(parse_body(&markup)[4], Block::Quote(_)));
    }

    #[test]
    fn entities_are_decoded_and_text_that_looks_like_markup_stays_text() {
        assert_eq!(
            to_text("Oleg&#8217;s &amp; <b>bold</b> &lt;script&gt;"),
            "Oleg’s & bold <script>"
        );
        let (links, text) = shown(&to_markup(
            "<p>- not a list, # not a heading, &gt; not a quote, *not em*, [not](a link)</p>",
        ));
        assert!(links.is_empty());
        assert_eq!(
            text,
            "- not a list, # not a heading, > not a quote, *not em*, [not](a link)\n"
        );
    }

    #[test]
    fn comments_become_plain_paragraphs() {
        assert_eq!(
            to_comment_text("<p>Great &amp; useful<br>thanks</p><p>See <a href=\"https://example.org/x\">this</a> and <a href=\"javascript:alert(1)\">that</a></p>"),
            "Great & useful\nthanks\n\nSee this (https://example.org/x) and that"
        );
        assert_eq!(
            to_comment_text("<b>bold?</b> <script>alert(2)</script>"),
            "bold?"
        );
    }

    /// Hostile inputs: what must never be shown or linked, and what must stay.
    const HOSTILE: &[(&str, &str, &str)] = &[
        ("<script>alert(1)</script>ok", "alert", "ok"),
        ("<SCRIPT SRC=//evil.example/x.js></SCRIPT>ok", "evil", "ok"),
        ("<img src=x onerror=alert(1)>ok", "alert", "ok"),
        ("<svg onload=alert(1)><script>alert(2)</script></svg>ok", "alert", "ok"),
        ("<iframe src=\"https://evil.example\">inside</iframe>ok", "inside", "ok"),
        ("<object data=\"x.swf\">fallback</object>ok", "fallback", "ok"),
        ("<embed src=\"x.swf\">ok", "swf", "ok"),
        ("<style>body{display:none}</style>ok", "display", "ok"),
        ("<p style=\"color:red\" onclick=\"alert(1)\">ok</p>", "alert", "ok"),
        ("<a href=\"javascript:alert(1)\">ok</a>", "javascript", "ok"),
        ("<a href=\"JaVaScRiPt:alert(1)\">ok</a>", "alert", "ok"),
        ("<a href=\"java&#x09;script:alert(1)\">ok</a>", "alert", "ok"),
        ("<a href=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\">ok</a>", "data:", "ok"),
        ("<a href=\"vbscript:msgbox(1)\">ok</a>", "vbscript", "ok"),
        ("<a href=\"//evil.example/\">ok</a>", "evil", "ok"),
        ("<a href=\"https://user@evil.example/\">ok</a>", "evil", "ok"),
        ("<form action=\"https://evil.example\"><input value=\"steal\"><button>go</button></form>ok", "steal", "ok"),
        ("<textarea>typed</textarea>ok", "typed", "ok"),
        ("<noscript><img src=x onerror=alert(1)>hidden</noscript>ok", "hidden", "ok"),
        ("<template><script>alert(1)</script>tpl</template>ok", "tpl", "ok"),
        ("<math><mtext><script>alert(1)</script></mtext></math>ok", "alert", "ok"),
        ("<div><p>unclosed <b>bold <i>italic</p>ok", "<", "ok"),
        ("<scr<script>ipt>alert(1)</script>ok", "alert(1)</", "ok"),
        ("<!-- <script>alert(1)</script> -->ok", "alert", "ok"),
        ("<![CDATA[<script>alert(1)</script>]]>ok", "<script", "ok"),
        ("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">ok", "evil", "ok"),
        ("<base href=\"https://evil.example/\">ok", "evil", "ok"),
        ("<link rel=stylesheet href=\"https://evil.example/x.css\">ok", "evil", "ok"),
        ("<video><source src=x onerror=alert(1)></video>ok", "alert", "ok"),
        ("<p>[click](javascript:alert(1))</p>ok", "<p>", "[click](javascript:alert(1))"),
    ];

    #[test]
    fn hostile_html_is_reduced_to_text_and_safe_links() {
        for (html, never, kept) in HOSTILE {
            let markup = to_markup(html);
            let (links, text) = shown(&markup);
            assert!(links.is_empty(), "{html}: links {links:?}");
            assert!(!text.contains(never), "{html}: shows {never:?} in {text:?}");
            assert!(text.contains(kept), "{html}: lost {kept:?} in {text:?}");
            let title = to_text(html);
            assert!(
                title.contains(kept) && !title.contains("<script"),
                "{html}: title {title:?}"
            );
        }
    }

    #[test]
    fn only_http_links_survive_with_their_text() {
        let (links, text) = shown(&to_markup(
            "<p><a href=\"https://example.org/a(b)\" onclick=\"x()\">fine</a> <a href=\"http://example.org/\">plain</a> <a href=\"mailto:a@b.c\">mail</a></p>",
        ));
        assert_eq!(
            links,
            ["https://example.org/a%28b%29", "http://example.org/"]
        );
        assert_eq!(text, "fine plain mail\n");
    }

    fn html_piece() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "<p>",
            "</p>",
            "<br>",
            "<h2>",
            "</h2>",
            "<ul>",
            "<li>",
            "</li>",
            "</ul>",
            "<em>",
            "</em>",
            "<strong>",
            "</strong>",
            "<blockquote>",
            "</blockquote>",
            "<script>",
            "</script>",
            "<a href=\"https://example.org/\">",
            "<a href=\"javascript:alert(1)\">",
            "</a>",
            "&amp;",
            "&lt;",
            "*",
            "**",
            "[",
            "](",
            ")",
            "#",
            "- ",
            "> ",
            "\\",
            "\n",
            " ",
            "text",
            "https://x.org",
            "<img onerror=alert(1)>",
            "<style>",
            "</style>",
            "<iframe>",
            "</iframe>",
        ])
        .prop_map(String::from)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        #[test]
        fn any_html_reduces_to_markup_with_only_http_links(pieces in prop::collection::vec(html_piece(), 0..40)) {
            let html = pieces.concat();
            let markup = to_markup(&html);
            let (links, text) = shown(&markup);
            for link in links {
                prop_assert!(link.starts_with("https://") || link.starts_with("http://"), "{} from {:?}", link, html);
            }
            prop_assert!(!text.contains("<img"), "{:?}", text);
            // Reducing again changes nothing but what the markup means.
            let _ = to_text(&html);
            let _ = to_comment_text(&html);
        }

        #[test]
        fn a_comment_sent_as_escaped_text_is_imported_as_that_text(
            words in prop::collection::vec(prop_oneof![html_piece(), "[a-zа-я0-9&;#<>/=\"']{1,8}".prop_map(String::from)], 1..12)
        ) {
            // What the app sends for a one-line comment, as WordPress's
            // wpautop wraps it: the importer reads back what was typed.
            let typed = collapse_whitespace(&words.join(" "));
            prop_assume!(!typed.is_empty());
            let stored = format!("<p>{}</p>\n", crate::models::comments::wordpress::text_as_html(&typed));
            prop_assert_eq!(to_comment_text(&stored), typed);
        }
    }
}
