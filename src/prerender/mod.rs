//! Prerendering (native, `--features ssr`): the app's own components
//! rendered to HTML at build time, one file per address, so a page's content
//! arrives before the wasm does (and without it).

use crate::{browser::api::PrerenderFiles, App};
use futures::StreamExt;
use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;
use std::sync::Arc;

/// One page as rendered: what goes in `<head>` (title, meta) and in `<body>`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RenderedPage {
    pub head: String,
    pub body: String,
}

/// Renders the app at `url` (a path, e.g. `/post/the-slug`), reading
/// content files through `files`. Every `<Suspense>` is rendered with its
/// content: the files are read from disk while the page renders.
///
/// Must run inside a `tokio::task::LocalSet` with Leptos's executor set to
/// tokio ([`any_spawner::Executor::init_tokio`]).
pub async fn render(url: &str, files: PrerenderFiles) -> RenderedPage {
    let owner = Owner::new_root(None);
    let (meta, meta_output) = ServerMetaContext::new();
    let url = url.to_string();
    let body = owner
        .with(|| {
            provide_context(RequestUrl::new(&url));
            provide_context(files);
            provide_context(meta);
            let html = view! { <App /> }.to_html_stream_in_order();
            ScopedFuture::new(html.collect::<String>())
        })
        .await;
    let head_doc = meta_output
        .inject_meta_context(futures::stream::once(async { String::from("<head></head>") }).boxed())
        .await
        .collect::<String>()
        .await;
    owner.unset();
    let head = head_doc
        .trim_start_matches("<head>")
        .trim_end_matches("</head>")
        .to_string();
    RenderedPage { head, body }
}

/// [`PrerenderFiles`] over a content directory on disk (e.g. `dist/content`).
pub fn files_in(root: std::path::PathBuf) -> PrerenderFiles {
    PrerenderFiles(Arc::new(move |path: &str| {
        std::fs::read_to_string(root.join(path)).ok()
    }))
}
