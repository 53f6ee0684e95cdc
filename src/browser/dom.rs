//! The few direct DOM calls the views need, each failing quietly: a missing
//! element is never a reason to panic.

use crate::models::shortcuts::{shortcut, step, KeyPress, Shortcut};
use wasm_bindgen::JsCast;

fn html_element(id: &str) -> Option<web_sys::HtmlElement> {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
}

/// Moves keyboard focus to the element with `id` and brings it into view.
/// Returns whether the element was found.
pub fn focus_by_id(id: &str) -> bool {
    let Some(element) = html_element(id) else {
        return false;
    };
    element.scroll_into_view();
    element.focus().is_ok()
}

/// Moves keyboard focus to the element with `id`, leaving the scroll alone.
pub fn focus_quietly(id: &str) -> bool {
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    html_element(id).is_some_and(|e| e.focus_with_options(&options).is_ok())
}

/// Scrolls the element with `id` into view, if it exists.
pub fn scroll_to_id(id: &str) -> bool {
    match web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        Some(element) => {
            element.scroll_into_view();
            true
        }
        None => false,
    }
}

/// Whether keyboard focus is where keys type: a text field, a select, or
/// editable content.
pub fn typing_in_field() -> bool {
    let Some(active) = document().and_then(|d| d.active_element()) else {
        return false;
    };
    let tag = active.tag_name().to_ascii_lowercase();
    let editable = active
        .dyn_ref::<web_sys::HtmlElement>()
        .is_some_and(|e| e.is_content_editable());
    matches!(tag.as_str(), "input" | "textarea" | "select") || editable
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

/// The answers and comments on the page, in reading order.
fn reading_items() -> Vec<web_sys::HtmlElement> {
    let Some(list) = document().and_then(|d| d.query_selector_all(".answer, .comment").ok()) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// Moves focus to the next (or previous) answer or comment after the one
/// holding focus, as [`step`] decides, and scrolls it to the top. Returns
/// whether focus moved.
pub fn move_reading_focus(forward: bool) -> bool {
    let items = reading_items();
    let active = document().and_then(|d| d.active_element());
    // The innermost item holding focus: a reply's row sits inside its parent's.
    let current = active.and_then(|active| {
        items
            .iter()
            .rposition(|item| item.contains(Some(active.as_ref())))
    });
    let Some(next) = step(current, items.len(), forward).and_then(|i| items.get(i)) else {
        return false;
    };
    if !next.has_attribute("tabindex") {
        _ = next.set_attribute("tabindex", "-1");
    }
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    _ = next.focus_with_options(&options);
    let scroll = web_sys::ScrollIntoViewOptions::new();
    scroll.set_block(web_sys::ScrollLogicalPosition::Start);
    next.scroll_into_view_with_scroll_into_view_options(&scroll);
    true
}

/// Opens the reply box of the comment holding focus (its "Reply" link).
/// Returns whether there was one.
pub fn reply_to_focused() -> bool {
    let link = document()
        .and_then(|d| d.active_element())
        .and_then(|active| active.closest(".comment").ok().flatten())
        .and_then(|comment| {
            comment
                .query_selector(":scope > .reply:not([hidden]) > .comment-reply-link")
                .ok()
                .flatten()
        })
        .and_then(|link| link.dyn_into::<web_sys::HtmlElement>().ok());
    link.map(|link| link.click()).is_some()
}

/// Opens the `<dialog>` with `id` as a modal (Escape closes it).
pub fn open_dialog(id: &str) -> bool {
    document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlDialogElement>().ok())
        .is_some_and(|dialog| dialog.open() || dialog.show_modal().is_ok())
}

/// Whether keyboard focus is inside the element with `id`.
pub fn focus_within(id: &str) -> bool {
    let active = document().and_then(|d| d.active_element());
    html_element(id).is_some_and(|e| e.contains(active.as_ref().map(|a| a.unchecked_ref())))
}

/// Closes the `<dialog>` with `id`.
pub fn close_dialog(id: &str) {
    if let Some(dialog) = document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlDialogElement>().ok())
    {
        dialog.close();
    }
}

/// The text of HTML from WordPress (a comment), read by the browser's own
/// HTML parser into a separate, inert document (its scripts never run and
/// nothing of it is shown): paragraphs become blank-line separated, line
/// breaks stay. Only text comes out, and the views show it as text.
pub fn html_to_text(html: &str) -> String {
    let Some(document) = web_sys::DomParser::new().ok().and_then(|parser| {
        parser
            .parse_from_string(html, web_sys::SupportedType::TextHtml)
            .ok()
    }) else {
        return String::new();
    };
    let Some(body) = document.body() else {
        return String::new();
    };
    // Scripts and styles are not text a reader sees.
    if let Ok(hidden) = body.query_selector_all("script, style, template, noscript") {
        for i in 0..hidden.length() {
            if let Some(node) = hidden.item(i) {
                if let Some(parent) = node.parent_node() {
                    let _ = parent.remove_child(&node);
                }
            }
        }
    }
    if let Ok(breaks) = body.query_selector_all("br") {
        for i in 0..breaks.length() {
            if let Some(node) = breaks.item(i) {
                node.set_text_content(Some("\n"));
            }
        }
    }
    let mut paragraphs = Vec::new();
    if let Ok(blocks) = body.query_selector_all("p, li, h1, h2, h3, h4, h5, h6") {
        for i in 0..blocks.length() {
            if let Some(text) = blocks.item(i).and_then(|node| node.text_content()) {
                paragraphs.push(text);
            }
        }
    }
    if paragraphs.is_empty() {
        paragraphs.extend(body.text_content());
    }
    paragraphs
        .iter()
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// The head tags a page's `PageMeta` writes (the template has none).
const PAGE_HEAD_TAGS: &str = "meta[name=description], meta[property^='og:'], \
    meta[name^='twitter:'], link[rel=canonical], script[type='application/ld+json']";

/// Empties a prerendered page's body, and drops the head tags the app
/// writes itself, so the app can draw the same page in their place, in the
/// same task: nothing is painted in between.
pub fn clear_prerendered_page() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Ok(tags) = document.query_selector_all(PAGE_HEAD_TAGS) {
        for i in 0..tags.length() {
            if let Some(tag) = tags
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                tag.remove();
            }
        }
    }
    if let Some(body) = document.body() {
        body.set_text_content(None);
    }
}

/// The page's address as the app routes it: path and query, as the browser
/// has them (percent-encoded).
pub fn current_address() -> String {
    web_sys::window()
        .map(|w| w.location())
        .map(|l| {
            format!(
                "{}{}",
                l.pathname().unwrap_or_default(),
                l.search().unwrap_or_default()
            )
        })
        .unwrap_or_default()
}

/// The value of the form field with id `id` as the page holds it now (""
/// when there is none, and outside a browser): what a reader typed into a
/// prerendered field before the app took the page over, which hydration
/// would otherwise replace with the view's own value.
pub fn field_value(id: &str) -> String {
    field_property(id, "value")
        .and_then(|value| value.as_string())
        .unwrap_or_default()
}

/// Whether the checkbox with id `id` is ticked now (`false` when there is
/// none, and outside a browser); see [`field_value`].
pub fn field_ticked(id: &str) -> bool {
    field_property(id, "checked").is_some_and(|checked| checked.is_truthy())
}

fn field_property(id: &str, name: &str) -> Option<wasm_bindgen::JsValue> {
    if cfg!(not(target_arch = "wasm32")) {
        return None;
    }
    let field = web_sys::window()?.document()?.get_element_by_id(id)?;
    js_sys::Reflect::get(&field, &name.into()).ok()
}

/// Whether the page is in a tab the reader cannot see (the Page Visibility
/// API's `hidden`); `false` when that cannot be told.
pub fn page_is_hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
}

/// Marks the document as being taken over by the app
/// (`<html data-app="taking-over">`): index.html's script that runs the
/// phone's menu until then stops, leaving the state the app then reads
/// with [`expanded_before_takeover`].
pub fn mark_app_taking_over() {
    if let Some(root) = document().and_then(|d| d.document_element()) {
        _ = root.set_attribute("data-app", "taking-over");
    }
}

/// Whether the button with `id` was left expanded (`aria-expanded="true"`)
/// by index.html's script before the app took the page over; `false` when
/// there is no such button.
pub fn expanded_before_takeover(id: &str) -> bool {
    html_element(id).is_some_and(|e| e.get_attribute("aria-expanded").as_deref() == Some("true"))
}

/// Marks the document as run by the app (`<html data-app="live">`): from
/// then on its buttons, keys and forms answer. Before that a prerendered page
/// is plain HTML (its links work, its controls do not yet).
pub fn mark_app_live() {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        _ = root.set_attribute("data-app", "live");
    }
}

/// Arrow keys among the links inside the element with id `container`:
/// `forward` from outside them goes to the first; back from the first goes
/// to the element with id `back_to` (the field they belong to).
pub fn move_focus_among_links(container: &str, forward: bool, back_to: &str) {
    let Some(found) = html_element(container).and_then(|c| c.query_selector_all("a").ok()) else {
        return;
    };
    let links: Vec<web_sys::HtmlElement> = (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|node| node.dyn_into().ok())
        .collect();
    let active = document().and_then(|d| d.active_element());
    let current = links
        .iter()
        .position(|link| active.as_ref() == Some(link.unchecked_ref::<web_sys::Element>()));
    match (current, step(current, links.len(), forward)) {
        (_, Some(next)) => _ = links[next].focus(),
        (Some(0), None) if !forward => _ = html_element(back_to).map(|e| e.focus()),
        _ => {}
    }
}

/// The shortcut a key press means (`models::shortcuts` decides; keys typed
/// in a field or with Ctrl, Alt or Meta are never shortcuts).
pub fn shortcut_of(e: &web_sys::KeyboardEvent) -> Option<Shortcut> {
    let key = e.key();
    shortcut(&KeyPress {
        key: &key,
        modifier: e.ctrl_key() || e.alt_key() || e.meta_key(),
        in_field: typing_in_field(),
    })
}

/// Whether focus crosses the edge of the element listening, rather than
/// moving within it: for `focusout`, leaving it (tabbing past it, clicking
/// elsewhere); for `focusin`, arriving from outside.
pub fn focus_crosses(e: &web_sys::FocusEvent) -> bool {
    let current = e
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    let other = e
        .related_target()
        .and_then(|t| t.dyn_into::<web_sys::Node>().ok());
    current.is_some_and(|current| !current.contains(other.as_ref()))
}
