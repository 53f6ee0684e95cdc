//! One compiled form for every part of a page that is rendered again when
//! what it reads changes.

use leptos::prelude::*;
use std::sync::{Arc, Mutex};

/// A part of a page rendered again whenever the signals it reads change.
///
/// Every such part has this one type, so tachys's reactive rendering is
/// compiled once for all of them rather than once per closure type. (Under
/// `erase_components` the `view!` macro does the same for closures written
/// inline, but once per output type, and not for closures a component
/// returns.) Moving the app's reactive parts to it cut the wasm by ~N KB.
pub type Reactive = Arc<Mutex<dyn FnMut() -> AnyView + Send>>;

/// Wraps `render` as a [`Reactive`] part.
pub fn reactive(render: impl FnMut() -> AnyView + Send + 'static) -> Reactive {
    Arc::new(Mutex::new(render))
}
