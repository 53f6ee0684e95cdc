//! Pure logic, native and wasm alike, tested with `cargo test`: the content
//! format, listing and paging, comments (threading, validation, the guard,
//! what is stored), body text, the post page's shortcuts, search results
//! around the engine, and the app's URLs. Nothing here touches the browser.

pub mod comments;
pub mod content;
pub mod listing;
pub mod metadata;
pub mod search;
pub mod shortcuts;
pub mod text;
pub mod urls;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties;
