//! Search in the browser: Pagefind's runtime, loaded on first use by
//! `search.js`, asked for one page of results at a time. What the results
//! mean is `models::search`.

use crate::browser::offline::is_offline;
use crate::models::{
    search::{SearchError, SearchPage, SearchQuery},
    urls,
};
use wasm_bindgen::prelude::*;

/// Where `make build` writes Pagefind's bundle (runtime, index, fragments).
pub const BUNDLE: &str = "/pagefind/";

#[wasm_bindgen(module = "/src/browser/search.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = loadSearch)]
    async fn load_search(bundle: &str) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(catch, js_name = runSearch)]
    async fn run_search(
        bundle: &str,
        words: &str,
        category: Option<String>,
        offset: u32,
        limit: u32,
    ) -> Result<JsValue, JsValue>;
}

/// Loads the runtime and the index's entry point ahead of the first query
/// (the reader focused the box).
pub async fn preload() -> Result<(), SearchError> {
    load_search(BUNDLE)
        .await
        .map(|_| ())
        .map_err(|_| unavailable())
}

/// `limit` results of `query` from its `offset`-th, with the total.
pub async fn search(
    query: &SearchQuery,
    offset: usize,
    limit: usize,
) -> Result<SearchPage, SearchError> {
    let category = query
        .category
        .as_deref()
        .map(|slug| urls::category(slug, 1));
    let answer = run_search(BUNDLE, &query.words, category, offset as u32, limit as u32)
        .await
        .map_err(|_| unavailable())?;
    let text = answer.as_string().unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| SearchError::Damaged(e.to_string()))
}

fn unavailable() -> SearchError {
    SearchError::Unavailable {
        offline: is_offline(),
    }
}
