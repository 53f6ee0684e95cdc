//! Glue to the browser (wasm only): fetching content, localStorage, the few
//! direct DOM calls, where posted comments go, the search engine, and the
//! service worker that keeps pages for reading offline. Every call here can
//! fail and turns its failure into a value.

pub mod api;
pub mod comment_sink;
pub mod dom;
pub mod offline;
pub mod search;
pub mod storage;
