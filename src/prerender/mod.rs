//! Prerendering (native, `make build`): every address the content has,
//! rendered to an HTML file by the app's own components, so a page's
//! content arrives before the wasm does, and without it.
//!
//! - [`addresses`]: which pages exist and the file each is written to (pure);
//! - [`shell`]: a rendered page put into Trunk's `index.html` (pure);
//! - [`feeds`]: the sitemap, robots.txt and the RSS feed (pure);
//! - [`manifest`]: the web app manifest (pure);
//! - [`redirects`]: an import's old addresses for hosts (pure);
//! - `render` (`--features ssr`): the app rendered at one address.

pub mod addresses;
pub mod feeds;
pub mod manifest;
pub mod redirects;
pub mod shell;

#[cfg(feature = "ssr")]
pub mod build;
#[cfg(feature = "ssr")]
mod render;
#[cfg(feature = "ssr")]
pub use render::{files_in, render, RenderedPage};
