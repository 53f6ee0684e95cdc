//! The few direct DOM calls the views need, each failing quietly: a missing
//! element is never a reason to panic.

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
