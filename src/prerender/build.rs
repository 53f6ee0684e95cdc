//! `prerender <dist>`: every address of a built site rendered into its file
//! (`--features ssr`; `tools/build-release.sh` runs it after Trunk).

use super::{
    addresses::{addresses, Address, NOT_FOUND_FILE, SEARCH_FILE},
    feeds::{robots, rss, sitemap, xml_text, SitemapEntry},
    files_in,
    manifest::{web_manifest, MANIFEST_FILE},
    redirects::{netlify, nginx, NETLIFY_FILE, NGINX_FILE},
    render,
    shell::{page_document, PageData, DATA_ID},
};
use crate::models::{
    content::{
        decode_response, ContentFile, ListPage, PostKind, PostSummary, Redirects, Site,
        REDIRECTS_FILE,
    },
    urls,
};
use std::{collections::HashMap, fs, path::Path, time::Instant};

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
/// app fetches it) into `dist`, keeps the template as [`APP_SHELL`], and
/// writes the sitemap, robots.txt, the feed and the web app manifest. `site_url` replaces the
/// site's public address (in `content/site.json` too, so the app agrees).
/// Errors name the file or page that failed, in plain words.
pub fn prerender_site(dist: &Path, site_url: Option<&str>) -> Result<Summary, String> {
    let started = Instant::now();
    let template = app_shell(dist)?;
    if let Some(url) = site_url {
        set_site_url(dist, url)?;
    }
    let read = files_in(dist.join("content"));
    let site: Site = read_json(&*read, &ContentFile::Site)?;
    let posts = post_summaries(&*read)?;
    let slugs: Vec<String> = posts.iter().map(|p| p.slug.clone()).collect();
    let all = addresses(&site, &slugs);
    write(dist, "robots.txt", &robots(&site))?;
    write(dist, MANIFEST_FILE, &web_manifest(&site))?;
    write_redirects(dist)?;
    let feed_link = match rss(&site, &posts) {
        Some(feed) => {
            write(dist, "feed.xml", &feed)?;
            let entries = sitemap_entries(&site, &posts, &all);
            write(
                dist,
                "sitemap.xml",
                &sitemap(&site, &entries).unwrap_or_default(),
            )?;
            format!(
                r#"<link rel="alternate" type="application/rss+xml" title="{}" href="/feed.xml">"#,
                xml_text(&site.title)
            )
        }
        None => {
            eprintln!("prerender: the site has no public address (site.json's url, or SITE_URL=https://…): no sitemap or feed");
            String::new()
        }
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the renderer: {e}"))?;
    let local = tokio::task::LocalSet::new();
    let mut summary = Summary::default();
    for Address { url, file } in all {
        let page = local.block_on(&runtime, render(&url, read.clone()));
        let data = PageData {
            url: url.clone(),
            files: page.files,
        };
        // leptos_meta hydrates the page's head tags from after this marker.
        let head = format!("<!--HEAD-->{}{feed_link}", page.head);
        let html = page_document(&template, &head, &page.body, &data).map_err(|e| e.to_string())?;
        write(dist, &file, &html)?;
        summary.pages += 1;
        summary.bytes += html.len() as u64;
    }
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// An import's old addresses, for hosts: none for a site of our own files.
fn write_redirects(dist: &Path) -> Result<(), String> {
    let path = dist.join("content").join(REDIRECTS_FILE);
    let Ok(text) = fs::read_to_string(&path) else {
        return Ok(());
    };
    let redirects: Redirects =
        crate::models::content::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    write(dist, NETLIFY_FILE, &netlify(&redirects.redirects))?;
    write(dist, NGINX_FILE, &nginx(&redirects.redirects))
}

fn write(dist: &Path, file: &str, text: &str) -> Result<(), String> {
    let path = dist.join(file);
    if let Some(folder) = path.parent() {
        fs::create_dir_all(folder)
            .map_err(|e| format!("cannot create {}: {e}", folder.display()))?;
    }
    fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Sets `url` in the built `content/site.json`.
fn set_site_url(dist: &Path, url: &str) -> Result<(), String> {
    let url = url.trim().trim_end_matches('/');
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(format!("SITE_URL must be an http(s) address, not {url:?}"));
    }
    let path = dist.join("content").join(ContentFile::Site.path());
    let text =
        fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut site: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    site["url"] = url.into();
    fs::write(&path, site.to_string()).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The sitemap: every prerendered address but "Page not found" and the
/// search page (nothing to index there), each list dated by its newest
/// post, each post by its own date.
fn sitemap_entries(site: &Site, posts: &[PostSummary], all: &[Address]) -> Vec<SitemapEntry> {
    let newest = |keep: &dyn Fn(&PostSummary) -> bool| {
        posts
            .iter()
            .filter(|p| keep(p))
            .map(|p| p.date.clone())
            .max()
    };
    // A post's date by its address (a lookup per address, not a search).
    let post_dates: HashMap<String, &str> = posts
        .iter()
        .map(|p| (urls::post(&p.slug), p.date.as_str()))
        .collect();
    all.iter()
        .filter(|a| a.file != NOT_FOUND_FILE && a.file != SEARCH_FILE)
        .map(|Address { url, .. }| {
            let url = url.clone();
            let lastmod = if url == "/" {
                newest(&|_| true)
            } else if url == urls::articles(1) {
                newest(&|p| p.kind == PostKind::Article)
            } else if let Some(date) = post_dates.get(&url) {
                Some(date.to_string())
            } else {
                let category = site
                    .categories
                    .iter()
                    .find(|c| urls::category(&c.slug, 1) == url);
                category.and_then(|c| newest(&|p| p.category == c.slug))
            };
            SitemapEntry { path: url, lastmod }
        })
        .collect()
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

/// Every post once, newest first, from the latest-posts index (every
/// published post is on one of its pages). The index's first page leads
/// with the sticky posts, which later pages list again in date order; the
/// feed and the sitemap take each post once, by date, as WordPress's feed
/// ignores stickiness.
fn post_summaries(
    read: &dyn Fn(&ContentFile) -> Option<String>,
) -> Result<Vec<PostSummary>, String> {
    let mut posts: Vec<PostSummary> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut page = 1;
    loop {
        let list: ListPage = read_json(read, &ContentFile::Latest { page })?;
        let new = list.posts.iter().filter(|p| seen.insert(p.slug.clone()));
        posts.extend(new.cloned());
        if page >= list.pages {
            break;
        }
        page += 1;
    }
    // ISO dates sort as text; the sort is stable for posts of one date.
    posts.sort_by(|a, b| b.date.cmp(&a.date));
    Ok(posts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_post_once_newest_first_whatever_is_sticky() {
        // Page 1: a sticky old post, then the newest; page 2 lists the
        // sticky post again in date order.
        let page = |page: u32, posts: &[(&str, &str)]| {
            let posts: Vec<String> = posts
                .iter()
                .map(|(slug, date)| {
                    format!(
                        r#"{{"slug":"{slug}","title":"{slug}","category":"c","date":"{date}"}}"#
                    )
                })
                .collect();
            format!(
                r#"{{"page":{page},"pages":2,"total":3,"posts":[{}]}}"#,
                posts.join(",")
            )
        };
        let first = page(1, &[("old-sticky", "2010-01-01"), ("newest", "2012-05-01")]);
        let second = page(2, &[("middle", "2011-06-01"), ("old-sticky", "2010-01-01")]);
        let read = |file: &ContentFile| match file {
            ContentFile::Latest { page: 1 } => Some(first.clone()),
            ContentFile::Latest { page: 2 } => Some(second.clone()),
            _ => None,
        };
        let slugs: Vec<String> = post_summaries(&read)
            .unwrap()
            .into_iter()
            .map(|p| p.slug)
            .collect();
        assert_eq!(slugs, ["newest", "middle", "old-sticky"]);
    }
}
