//! Pure comment logic: threading, validation, the flood/duplicate guard,
//! the comment box's decisions, and what is kept in the browser (drafts,
//! commenter, posted comments).

pub mod form;
pub mod guard;
pub mod store;
pub(crate) mod thread;
pub mod validation;
pub mod wordpress;

pub use thread::{build_thread, ThreadIndex, ThreadNode, MAX_DEPTH};
