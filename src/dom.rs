//! The few direct DOM calls the views need, each failing quietly: a missing
//! element is never a reason to panic.

use wasm_bindgen::JsCast;

/// Moves keyboard focus to the element with `id` and brings it into view.
/// Returns whether the element was found.
pub fn focus_by_id(id: &str) -> bool {
    let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return false;
    };
    element.scroll_into_view();
    element.focus().is_ok()
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
