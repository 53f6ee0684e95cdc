//! Russian Best: a reading front end for Q&A digest sites.
//!
//! - `models/`: pure logic (content format, listing, comments, text, URLs),
//!   compiled natively and tested with `cargo test`;
//! - `browser/`: glue to the browser (content fetching, localStorage, DOM
//!   helpers, where posted comments go), wasm only;
//! - `components/` and `routes/`: the views, wasm only; `app.rs` wires
//!   routes and app-wide contexts;
//! - `import/`: the WordPress importer, native only (`src/bin/import.rs`).

pub mod models;

#[cfg(not(target_arch = "wasm32"))]
pub mod import;

#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
mod app;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod browser;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod components;
#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub mod routes;

#[cfg(any(target_arch = "wasm32", feature = "ssr"))]
pub use app::App;

#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
