//! Few compiled view types for many views: the parts of a page rendered
//! again when what they read changes, lists, and optional parts.

use leptos::prelude::*;
use std::sync::{Arc, Mutex};

/// A part of a page rendered again whenever the signals it reads change.
///
/// Every such part has this one type, so tachys's reactive rendering is
/// compiled once for all of them rather than once per closure type. (Under
/// `erase_components` the `view!` macro does the same for closures written
/// inline, but once per output type, and not for closures a component
/// returns.) Moving the app's reactive parts to it cut ~3 KB brotli.
pub type Reactive = Arc<Mutex<dyn FnMut() -> AnyView + Send>>;

/// Wraps `render` as a [`Reactive`] part.
pub fn reactive(render: impl FnMut() -> AnyView + Send + 'static) -> Reactive {
    Arc::new(Mutex::new(render))
}

/// Lists in views are `Vec<AnyView>`, whatever their items: tachys's list
/// diffing is then compiled once, not once per item type (~1 KB of wasm
/// each). Likewise optional parts are written `Option<AnyView>`.
pub trait CollectAnyView: Iterator<Item: IntoAny> + Sized {
    /// Like leptos's `collect_view`, into the one shared list type.
    fn collect_any_view(self) -> Vec<AnyView> {
        self.map(IntoAny::into_any).collect()
    }
}

impl<I: Iterator<Item: IntoAny>> CollectAnyView for I {}
