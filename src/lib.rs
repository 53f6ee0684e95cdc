//! Russian Best: a reading front end for Q&A digest sites.
//!
//! Pure modules (`content` types, `json`, `listing`, `comments`, `routing`,
//! `text`) compile natively and are tested with `cargo test`; the views, the
//! location and storage are wasm only.

pub mod comments;

pub mod content;
pub mod json;
pub mod listing;
pub mod routing;
pub mod text;

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties;

#[cfg(target_arch = "wasm32")]
mod app;
#[cfg(target_arch = "wasm32")]
pub mod comment_sink;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
mod dom;
#[cfg(target_arch = "wasm32")]
pub mod location;
#[cfg(target_arch = "wasm32")]
pub mod routes;
#[cfg(target_arch = "wasm32")]
pub mod storage;

#[cfg(target_arch = "wasm32")]
pub use app::{use_site, App, SiteResource};
