//! The app rendered natively at one address (`--features ssr`).

use crate::{
    browser::api::{PrerenderFiles, ReadFile},
    models::content::ContentFile,
    App,
};
use futures::StreamExt;
use leptos::prelude::*;
use leptos_meta::ServerMetaContext;
use leptos_router::location::RequestUrl;
use std::{
    collections::BTreeMap,
    path::PathBuf,
    sync::{Arc, Mutex},
};

/// One page as rendered.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RenderedPage {
    /// What goes in `<head>`: the page's `<title>` and meta tags.
    pub head: String,
    /// What goes in `<body>`.
    pub body: String,
    /// The content files read to render it: URL (as the app fetches it) → text.
    pub files: BTreeMap<String, String>,
}

/// Renders the app at `url` (a path, e.g. `/post/the-slug`), reading content
/// files with `read`. Every `<Suspense>` is rendered with its content: files
/// are read while the page renders, so none is ever pending.
///
/// Must run inside a `tokio::task::LocalSet` with Leptos's executor set to
/// tokio (`any_spawner::Executor::init_tokio`).
pub async fn render(url: &str, read: ReadFile) -> RenderedPage {
    let files = Arc::new(Mutex::new(BTreeMap::new()));
    let recorded = Arc::clone(&files);
    let reader = PrerenderFiles(Arc::new(move |file: &ContentFile| {
        let text = read(file)?;
        if let Ok(mut files) = recorded.lock() {
            files.insert(file.url(), text.clone());
        }
        Some(text)
    }));
    let owner = Owner::new_root(None);
    let (meta, meta_output) = ServerMetaContext::new();
    let body = owner
        .with(|| {
            provide_context(RequestUrl::new(url));
            provide_context(reader);
            provide_context(meta);
            let html = view! { <App /> }.to_html_stream_in_order();
            ScopedFuture::new(html.collect::<String>())
        })
        .await;
    let head = meta_output
        .inject_meta_context(futures::stream::once(async { String::from("</head>") }).boxed())
        .await
        .collect::<String>()
        .await;
    owner.unset();
    let files = files.lock().map(|f| f.clone()).unwrap_or_default();
    RenderedPage {
        head: head.trim_end_matches("</head>").to_string(),
        body,
        files,
    }
}

/// Reads content files from a content root on disk (e.g. `dist/content`).
pub fn files_in(root: PathBuf) -> ReadFile {
    Arc::new(move |file: &ContentFile| std::fs::read_to_string(root.join(file.path())).ok())
}
