//! Glue to the browser (wasm only): fetching content, localStorage, the few
//! direct DOM calls, and where posted comments go. Every call here can fail
//! and turns its failure into a value.

pub mod api;
pub mod comment_sink;
pub mod dom;
pub mod storage;
