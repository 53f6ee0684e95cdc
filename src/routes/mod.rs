//! One file per page. Each reads its URL (`use_params_map`,
//! `use_query_map`), loads what it needs through a `ContentResource` over
//! `browser::api`, and renders a placeholder, an error with Retry, or the page.

pub mod articles;
pub mod category;
pub mod home;
pub mod page;
pub mod post;
pub mod search;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::models::listing::page_from_query;

/// The `:slug` of the route, decoded (tracked).
fn slug_param() -> impl Fn() -> String + Copy + Send + Sync {
    let params = use_params_map();
    move || params.read().get("slug").unwrap_or_default()
}

/// The list page the URL asks for (`?page=`, else 1), tracked.
fn page_param() -> impl Fn() -> u32 + Copy + Send + Sync {
    let query = use_query_map();
    move || page_from_query(query.read().get("page").as_deref())
}
