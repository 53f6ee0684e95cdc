//! Reusable view pieces. Views render text as text, link with
//! `models::urls`, and load through `browser::api`; they never import from
//! `routes/`.

pub mod after_first_paint;
pub mod comment_form;
pub mod comment_thread;
pub mod hydrate_later;
pub mod layout;
pub mod meta;
pub mod offline;
pub mod post_list;
pub mod reading_shortcuts;
pub mod rich_text;
pub mod search;
pub mod sidebar;
pub mod status;
pub mod warm_link;
