//! Pure comment logic: threading (and, with the comment form, validation,
//! drafts and the flood/duplicate guard).

mod thread;
pub use thread::{build_thread, ThreadNode, MAX_DEPTH};
