//! Reusable view pieces. Views render text as text and never build content
//! URLs themselves (that is `content`'s job).

pub mod after_first_paint;
pub mod comment_form;
pub mod comment_thread;
pub mod layout;
pub mod post_list;
pub mod reactive;
pub mod rich_text;
pub mod sidebar;
pub mod status;
pub mod warm_link;
