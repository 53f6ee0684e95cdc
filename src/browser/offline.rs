//! Reading offline: the service worker (Workbox's `sw.js`, written by
//! `tools/service-worker.mjs`) registered after the first paint, asked to
//! keep what this page showed, asked when a kept copy was saved, and told
//! of a new version. The calls are `offline.js`'s; every one fails quietly
//! (no worker means no offline reading, nothing else).

use crate::browser::api;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/browser/offline.js")]
extern "C" {
    #[wasm_bindgen(js_name = registerWorker)]
    fn register_worker(on_update: &Closure<dyn Fn()>);

    #[wasm_bindgen(js_name = whenControlled)]
    async fn when_controlled();

    #[wasm_bindgen(js_name = isControlled)]
    fn is_controlled() -> bool;

    async fn keep(urls: js_sys::Array);

    #[wasm_bindgen(js_name = savedAt)]
    async fn saved_at_js(url: &str) -> JsValue;

    #[wasm_bindgen(js_name = loadNewVersion)]
    fn load_new_version_js(to: Option<String>);
}

/// Whether a new version of the site's worker has taken over while this page
/// runs on in its own version (set by the registration; provided by `App`).
#[derive(Clone, Copy, Default)]
pub struct UpdateReady(pub RwSignal<bool>);

/// Registers the service worker and, once it controls the page, has it keep
/// the content files this page already showed. `make dev` has no `sw.js`:
/// debug builds register nothing.
pub fn start(UpdateReady(ready): UpdateReady) {
    if cfg!(debug_assertions) {
        return;
    }
    let on_update = Closure::<dyn Fn()>::new(move || ready.set(true));
    register_worker(&on_update);
    // The registration holds it for as long as the page lives.
    on_update.forget();
    leptos::task::spawn_local(async {
        when_controlled().await;
        let urls: js_sys::Array = api::session_files()
            .into_iter()
            .map(JsValue::from)
            .collect();
        keep(urls).await;
    });
}

/// Whether pages opened here are being kept for reading offline.
pub fn keeps_pages() -> bool {
    is_controlled()
}

/// Whether the browser says it has no connection.
pub fn is_offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// When the copy of `url` kept for offline reading was fetched, in ms since
/// 1970; `None` when none is kept.
pub async fn saved_at(url: &str) -> Option<f64> {
    saved_at_js(url).await.as_f64()
}

/// Loads this page again, in the new version. (Links, Back and Forward are
/// loaded afresh by `offline.js` itself once a new version is in.)
pub fn load_new_version() {
    load_new_version_js(None);
}
