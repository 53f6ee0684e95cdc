//! `prerender <dist>`: every address of a built site rendered into its file
//! (`--features ssr`; `tools/build-release.sh` runs it after Trunk).

use super::{
    addresses::{addresses, Address},
    files_in, render,
    shell::{page_document, PageData, DATA_ID},
};
use crate::models::content::{decode_response, ContentFile, ListPage, Site};
use std::{fs, path::Path, time::Instant};

/// The template kept beside the pages: Trunk's `index.html`, the app with no
/// page in it (hosts serve it for addresses the build cannot know).
pub const APP_SHELL: &str = "app.html";

/// What a prerender did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub pages: usize,
    pub bytes: u64,
    pub seconds: f64,
}

/// Renders every address of the site in `dist` (its `content/` as the
/// app fetches it) into `dist`, and keeps the template as [`APP_SHELL`].
/// Errors name the file or page that failed, in plain words.
pub fn prerender_site(dist: &Path) -> Result<Summary, String> {
    let started = Instant::now();
    let template = app_shell(dist)?;
    let read = files_in(dist.join("content"));
    let site: Site = read_json(&*read, &ContentFile::Site)?;
    let slugs = post_slugs(&*read)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the renderer: {e}"))?;
    let local = tokio::task::LocalSet::new();
    let mut summary = Summary::default();
    for Address { url, file } in addresses(&site, &slugs) {
        let page = local.block_on(&runtime, render(&url, read.clone()));
        let data = PageData {
            url: url.clone(),
            files: page.files,
        };
        let html =
            page_document(&template, &page.head, &page.body, &data).map_err(|e| e.to_string())?;
        let path = dist.join(&file);
        if let Some(folder) = path.parent() {
            fs::create_dir_all(folder)
                .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
        }
        fs::write(&path, &html).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        summary.pages += 1;
        summary.bytes += html.len() as u64;
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Trunk's template: `index.html` the first time (then kept as
/// [`APP_SHELL`]), `app.html` when `index.html` is already a page.
fn app_shell(dist: &Path) -> Result<String, String> {
    let read = |name: &str| {
        fs::read_to_string(dist.join(name))
            .map_err(|e| format!("cannot read {}/{name}: {e}", dist.display()))
    };
    let index = read("index.html")?;
    if index.contains(DATA_ID) {
        return read(APP_SHELL);
    }
    fs::write(dist.join(APP_SHELL), &index)
        .map_err(|e| format!("cannot write {APP_SHELL}: {e}"))?;
    Ok(index)
}

fn read_json<T: serde::de::DeserializeOwned>(
    read: &dyn Fn(&ContentFile) -> Option<String>,
    file: &ContentFile,
) -> Result<T, String> {
    let text = read(file).ok_or_else(|| format!("content/{} is missing", file.path()))?;
    decode_response(200, "application/json", &text)
        .map_err(|e| format!("content/{}: {e}", file.path()))
}

/// Every post's slug, from the latest-posts index (every published post is
/// on one of its pages).
fn post_slugs(read: &dyn Fn(&ContentFile) -> Option<String>) -> Result<Vec<String>, String> {
    let mut slugs = Vec::new();
    let mut page = 1;
    loop {
        let list: ListPage = read_json(read, &ContentFile::Latest { page })?;
        slugs.extend(list.posts.iter().map(|p| p.slug.clone()));
        if page >= list.pages {
            return Ok(slugs);
        }
        page += 1;
    }
}
