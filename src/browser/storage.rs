//! The one way to localStorage. Every call returns a value: storage that is
//! blocked, missing or full never panics (gloo-storage's `LocalStorage`
//! panics when the browser blocks storage, so it is not used), and each
//! outcome updates [`BrowserStorage::health`] so the comment box can say
//! when drafts cannot be saved.

use crate::models::comments::store::{KeyValueStore, StorageError};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

/// localStorage, as a [`KeyValueStore`]. One is provided by the app; views
/// and the comment sink take it with [`use_storage`] when created.
#[derive(Clone, Copy, Debug)]
pub struct BrowserStorage {
    health: RwSignal<Option<StorageError>>,
}

impl BrowserStorage {
    pub fn new() -> Self {
        BrowserStorage {
            health: RwSignal::new(None),
        }
    }

    /// The last storage failure, or `None` while storage works.
    pub fn health(&self) -> RwSignal<Option<StorageError>> {
        self.health
    }

    /// Records the outcome of a call in the health signal.
    fn report<T>(&self, result: Result<T, StorageError>, wrote: bool) -> Result<T, StorageError> {
        let health = self.health;
        match &result {
            Err(e) if health.try_get_untracked().flatten() != Some(*e) => {
                _ = health.try_set(Some(*e));
            }
            // Only a successful write proves storage is usable again.
            Ok(_) if wrote && health.try_get_untracked().flatten().is_some() => {
                _ = health.try_set(None);
            }
            _ => {}
        }
        result
    }
}

impl Default for BrowserStorage {
    fn default() -> Self {
        Self::new()
    }
}

/// The app's storage (a fresh one where none is provided, as in tests).
pub fn use_storage() -> BrowserStorage {
    use_context().unwrap_or_default()
}

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

impl KeyValueStore for BrowserStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.report(
            local_storage().and_then(|s| s.get_item(key).map_err(classify)),
            false,
        )
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.report(
            local_storage().and_then(|s| s.set_item(key, value).map_err(classify)),
            true,
        )
    }

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        self.report(
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
        self.report(keys, false)
    }
}
