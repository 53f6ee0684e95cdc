//! The one way to localStorage. Every call returns a value: storage that is
//! blocked, missing or full never panics (gloo-storage's `LocalStorage`
//! panics when the browser blocks storage, so it is not used), and each
//! outcome updates [`storage_health`] so the comment box can say when
//! drafts cannot be saved.

use crate::models::comments::store::{KeyValueStore, StorageError};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    static HEALTH: RwSignal<Option<StorageError>> = RwSignal::new(None);
}

/// The last storage failure, or `None` while storage works.
pub fn storage_health() -> RwSignal<Option<StorageError>> {
    HEALTH.with(|h| *h)
}

/// localStorage, as a [`KeyValueStore`].
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserStorage;

fn local_storage() -> Result<web_sys::Storage, StorageError> {
    // The prerenderer renders natively: no browser, no storage.
    if cfg!(not(target_arch = "wasm32")) {
        return Err(StorageError::Unavailable);
    }
    web_sys::window()
        .ok_or(StorageError::Unavailable)?
        .local_storage()
        .map_err(|_| StorageError::Unavailable)?
        .ok_or(StorageError::Unavailable)
}

fn classify(error: JsValue) -> StorageError {
    let is_quota = error
        .dyn_ref::<web_sys::DomException>()
        .is_some_and(|e| e.name() == "QuotaExceededError" || e.code() == 22);
    if is_quota {
        StorageError::Full
    } else {
        StorageError::Unavailable
    }
}

/// Records the outcome of a call in the health signal.
fn report<T>(result: Result<T, StorageError>, wrote: bool) -> Result<T, StorageError> {
    let health = storage_health();
    match &result {
        Err(e) if health.get_untracked() != Some(*e) => health.set(Some(*e)),
        // Only a successful write proves storage is usable again.
        Ok(_) if wrote && health.get_untracked().is_some() => health.set(None),
        _ => {}
    }
    result
}

impl KeyValueStore for BrowserStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        report(
            local_storage().and_then(|s| s.get_item(key).map_err(classify)),
            false,
        )
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        report(
            local_storage().and_then(|s| s.set_item(key, value).map_err(classify)),
            true,
        )
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        report(
            local_storage().and_then(|s| s.remove_item(key).map_err(classify)),
            false,
        )
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let keys = local_storage().and_then(|s| {
            let length = s.length().map_err(classify)?;
            Ok((0..length)
                .filter_map(|i| s.key(i).ok().flatten())
                .collect())
        });
        report(keys, false)
    }
}
