//! A rendered page put into Trunk's `index.html` (the template): the page's
//! own head tags and body, and the content files it was rendered from, for
//! the wasm to start from without downloading them again.
//!
//! Only the template is edited here, and it is ours; content goes in as the
//! renderer escaped it, or as JSON made inert (see [`data_block`]).

use crate::models::metadata::script_json;
use serde::Serialize;
use std::collections::BTreeMap;

pub use crate::models::content::PRERENDERED_DATA_ID as DATA_ID;

/// What a prerendered page carries for the wasm: the address it was
/// rendered for and the content files read to render it (URL → text), as
/// `{"url": …, "files": {…}}`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PageData {
    pub url: String,
    pub files: BTreeMap<String, String>,
}

/// Why the template cannot take a page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError(pub &'static str);

impl std::fmt::Display for TemplateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "dist/index.html (Trunk's output) has no {}", self.0)
    }
}

/// The page's document: the template with its `<title>` and description
/// replaced by `head`, its body (the "needs JavaScript" notice) by `body`
/// and the data block, and without what only an empty page needs (the
/// early download of content, which the data block already holds, and the
/// wasm's preload, which would slow the page's first paint).
pub fn page_document(
    template: &str,
    head: &str,
    body: &str,
    data: &PageData,
) -> Result<String, TemplateError> {
    let mut html = template.to_string();
    remove_element(&mut html, "<title", "</title>").ok_or(TemplateError("<title>"))?;
    remove_tags(&mut html, "<meta", |tag| is_named(tag, "description"));
    remove_tags(&mut html, "<link", |tag| {
        tag.contains("/content/") || is_wasm_preload(tag)
    });
    while remove_inline_script_with(&mut html, "earlyContent") {}
    let head_end = html.find("</head>").ok_or(TemplateError("</head>"))?;
    html.insert_str(head_end, head);
    let body_start = html.find("<body>").ok_or(TemplateError("<body>"))? + "<body>".len();
    let body_end = html.rfind("</body>").ok_or(TemplateError("</body>"))?;
    html.replace_range(body_start..body_end, &format!("{body}{}", data_block(data)));
    Ok(html)
}

/// `<script type="application/json" id="prerendered">…</script>`: never run
/// (so the CSP needs no hash for it), and inert whatever the content holds:
/// `<`, `>` and `&` are written as JSON escapes, so no text in it can close
/// the element or open a comment.
pub fn data_block(data: &PageData) -> String {
    let inert = script_json(data);
    format!(r#"<script type="application/json" id="{DATA_ID}">{inert}</script>"#)
}

/// Removes the first element from `open` through `close`; `None` if absent.
fn remove_element(html: &mut String, open: &str, close: &str) -> Option<()> {
    let start = html.find(open)?;
    let end = start + html[start..].find(close)? + close.len();
    html.replace_range(start..end, "");
    Some(())
}

/// Removes every tag starting with `open` (e.g. `<meta`) that `matches`.
fn remove_tags(html: &mut String, open: &str, matches: impl Fn(&str) -> bool) {
    let mut from = 0;
    while let Some(found) = html[from..].find(open) {
        let start = from + found;
        let Some(len) = html[start..].find('>') else {
            return;
        };
        let end = start + len + 1;
        if matches(&html[start..end]) {
            html.replace_range(start..end, "");
            from = start;
        } else {
            from = end;
        }
    }
}

/// Whether a `<link>` is Trunk's preload of the wasm: on a page that
/// already shows its content, that download would compete with the
/// stylesheet for the first paint; the loader fetches the wasm itself.
fn is_wasm_preload(tag: &str) -> bool {
    tag.contains("preload") && !tag.contains("modulepreload") && tag.contains(".wasm")
}

/// Whether a `<meta>` tag is `name=<name>` (quoted or not, as minifiers write it).
fn is_named(tag: &str, name: &str) -> bool {
    [
        format!("name={name}"),
        format!("name=\"{name}\""),
        format!("name='{name}'"),
    ]
    .iter()
    .any(|attr| tag.contains(attr.as_str()))
}

/// Removes the first attribute-less `<script>` whose text contains `marker`.
fn remove_inline_script_with(html: &mut String, marker: &str) -> bool {
    let mut from = 0;
    while let Some(found) = html[from..].find("<script>") {
        let start = from + found;
        let Some(len) = html[start..].find("</script>") else {
            return false;
        };
        let end = start + len + "</script>".len();
        if html[start..end].contains(marker) {
            html.replace_range(start..end, "");
            return true;
        }
        from = end;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    // The shape of Trunk's minified output.
    const TEMPLATE: &str = concat!(
        "<!doctype html><html lang=en><meta charset=utf-8><title>Site — Tagline</title>",
        "<meta content=\"About the site.\" name=description><link href=/favicon.svg rel=icon>",
        "<link as=fetch crossorigin href=/content/site.json rel=preload>",
        "<script>(()=>{window.earlyContent={}})()</script>",
        "<script type=module>import init from '/app.js';await init();</script>",
        "<link href=/main.css rel=stylesheet><link crossorigin href=/app.js rel=modulepreload>",
        "<link as=fetch crossorigin href=/app_bg.wasm integrity=sha384-x rel=preload type=application/wasm></head><body><noscript><p>Needs JavaScript.</p></noscript></body></html>"
    );

    fn page() -> String {
        let data = PageData {
            url: "/post/a".into(),
            files: BTreeMap::from([("/content/posts/a.json".into(), "{\"title\":\"A\"}".into())]),
        };
        page_document(
            TEMPLATE,
            "<title>A — Site</title><meta name=\"description\" content=\"Q\">",
            "<main>A</main>",
            &data,
        )
        .unwrap()
    }

    #[test]
    fn the_page_head_replaces_the_template_title_and_description() {
        let html = page();
        assert_eq!(html.matches("<title>").count(), 1, "{html}");
        assert!(html.contains("<title>A — Site</title>"));
        assert!(!html.contains("About the site."));
        assert!(html.contains("<link href=/favicon.svg rel=icon>"));
        assert!(html.contains("<link href=/main.css rel=stylesheet>"));
        assert!(
            html.contains("import init from '/app.js'"),
            "the wasm loader stays"
        );
    }

    #[test]
    fn the_body_is_the_page_and_its_data_and_early_downloads_go() {
        let html = page();
        assert!(html
            .contains("<body><main>A</main><script type=\"application/json\" id=\"prerendered\">"));
        assert!(!html.contains("Needs JavaScript."));
        assert!(!html.contains("earlyContent"));
        assert!(!html.contains("/content/site.json"));
        assert!(!html.contains("app_bg.wasm"), "no wasm preload");
        assert!(html.contains("href=/app.js rel=modulepreload"));
        assert!(html.ends_with("</script></body></html>"));
    }

    #[test]
    fn a_template_without_its_parts_is_an_error() {
        let data = PageData::default();
        assert_eq!(
            page_document("<html><body></body>", "", "", &data),
            Err(TemplateError("<title>"))
        );
    }

    #[test]
    fn data_can_never_close_its_script_element() {
        let hostile = "</script><script>alert(1)</script><!-- & -->";
        let data = PageData {
            url: hostile.into(),
            files: BTreeMap::from([(hostile.into(), hostile.into())]),
        };
        let block = data_block(&data);
        let inner = &block[block.find('>').unwrap() + 1..block.len() - "</script>".len()];
        assert!(
            !inner.contains('<') && !inner.contains('>') && !inner.contains('&'),
            "{inner}"
        );
        let back: serde_json::Value = serde_json::from_str(inner).unwrap();
        assert_eq!(back["url"], hostile);
        assert_eq!(back["files"][hostile], hostile);
    }
}
