pub mod content;
pub mod listing;
pub mod text;
