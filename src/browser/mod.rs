//! Glue to the browser (wasm only): fetching content, localStorage, the few
//! direct DOM calls, where posted comments go, and the search engine. Every
//! call here can fail and turns its failure into a value.

pub mod api;
pub mod comment_sink;
pub mod dom;
pub mod search;
pub mod storage;
