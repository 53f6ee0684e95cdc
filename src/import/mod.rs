//! The WordPress importer (native only): `make import WP=<site>` reads a
//! site through its REST API and writes it in the content format, with the
//! site's REST root recorded so the app sends readers' comments there.
//!
//! Only what a visitor of the site can see comes in: published posts and
//! pages (not password-protected), approved comments. A second run into the
//! same folder is incremental: it asks for every post's modification time,
//! fetches only what changed, and only comments newer than the last seen. The
//! output is written beside the old one and swapped in only once the run
//! succeeded, so a failed run leaves the previous import as it was.

pub mod convert;
pub mod html;
pub mod wordpress;

use crate::models::content::{
    build::{build_site, SiteConfig},
    Category, Comment, ContentFile, PageLink, Post,
};
use serde::{Deserialize, Serialize};
use std::{
    collections::{BTreeMap, HashMap},
    fs,
    path::{Path, PathBuf},
};
use wordpress::{Client, ImportError};

/// What the importer remembers between runs, in `<out>/import-state.json`.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct ImportState {
    /// The REST root the output came from.
    pub root: String,
    /// Each imported post's WordPress id and modification time.
    pub posts: BTreeMap<u64, String>,
    /// The newest comment seen (its GMT date), for the next run's `after`.
    pub newest_comment: String,
}

/// What a run did, for its summary.
#[derive(Debug, Default)]
pub struct Summary {
    pub posts: usize,
    pub pages: usize,
    pub comments: usize,
    pub categories: usize,
    /// Posts fetched in full this run (all on a first run).
    pub fetched: usize,
    /// Whether the output changed.
    pub changed: bool,
    /// What was left out, and why.
    pub skipped: Vec<String>,
}

/// Where progress goes: a progress bar on a terminal, plain lines otherwise.
pub trait Progress {
    fn step(&mut self, what: &str, done: u64, total: u64);
}

/// The file holding [`ImportState`] inside the output folder.
pub const STATE_FILE: &str = "import-state.json";

/// Imports the site at `site` into `out`.
pub fn run(site: &str, out: &Path, progress: &mut dyn Progress) -> Result<Summary, ImportError> {
    let client = Client::connect(site)?;
    let previous = read_previous(out, client.root());
    let mut summary = Summary::default();

    progress.step("categories", 0, 1);
    let categories = client.all::<wordpress::Category>("wp/v2/categories", &[], |_, _| {})?;
    summary.skipped.extend(categories.skipped);
    let category_slugs: HashMap<u64, String> = categories
        .items
        .iter()
        .map(|c| (c.id, wordpress::decode_slug(&c.slug)))
        .collect();
    // Users are public only where they have published posts; a site that
    // hides them leaves authors' names empty rather than failing.
    let authors: HashMap<u64, String> = client
        .all::<wordpress::User>("wp/v2/users", &[], |_, _| {})
        .map(|users| {
            users
                .items
                .into_iter()
                .map(|u| (u.id, html::to_text(&u.name)))
                .collect()
        })
        .unwrap_or_default();

    // Which posts exist now, and which changed since the last run.
    let stamps = client.all::<wordpress::PostStamp>(
        "wp/v2/posts",
        &[("_fields", "id,modified_gmt".into())],
        |page, pages| progress.step("post list", page.into(), pages.into()),
    )?;
    summary.skipped.extend(stamps.skipped);
    let changed: Vec<u64> = stamps
        .items
        .iter()
        .filter(|s| previous.state.posts.get(&s.id) != Some(&s.modified_gmt))
        .map(|s| s.id)
        .collect();
    let mut fetched = Vec::new();
    for ids in changed.chunks(wordpress::PER_PAGE as usize) {
        let include = ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
        let posts =
            client.all::<wordpress::Post>("wp/v2/posts", &[("include", include)], |_, _| {})?;
        summary.skipped.extend(posts.skipped);
        fetched.extend(posts.items);
        progress.step("posts", fetched.len() as u64, changed.len() as u64);
    }
    summary.fetched = fetched.len();

    // Comments: all on a first run, then those newer than the newest seen.
    let mut comment_query = vec![("orderby", "id".to_string()), ("order", "asc".to_string())];
    let incremental = !previous.posts.is_empty();
    if incremental && !previous.state.newest_comment.is_empty() {
        comment_query.push(("after", previous.state.newest_comment.clone()));
    }
    let comments =
        client.all::<wordpress::Comment>("wp/v2/comments", &comment_query, |page, pages| {
            progress.step("comments", page.into(), pages.into())
        })?;
    summary.skipped.extend(comments.skipped);
    let mut new_comments: HashMap<u64, Vec<Comment>> = HashMap::new();
    let mut newest_comment = previous.state.newest_comment.clone();
    for comment in comments.items {
        if comment.status != "approved" {
            summary
                .skipped
                .push(format!("comment {}: not approved", comment.id));
            continue;
        }
        newest_comment = newest_comment.max(comment.date_gmt.clone());
        new_comments
            .entry(comment.post)
            .or_default()
            .push(comment.to_comment(html::to_text, html::to_comment_text));
    }

    // The posts: those kept from last time, those fetched now.
    let published: HashMap<u64, &String> = stamps
        .items
        .iter()
        .map(|s| (s.id, &s.modified_gmt))
        .collect();
    let mut posts: BTreeMap<u64, Post> = previous
        .posts
        .into_iter()
        .filter(|(id, _)| published.contains_key(id))
        .collect();
    for post in fetched {
        if post.status != "publish" {
            summary
                .skipped
                .push(format!("post {}: {}", post.id, post.status));
            continue;
        }
        if post.content.protected {
            summary
                .skipped
                .push(format!("post {}: password-protected", post.id));
            continue;
        }
        // A changed post keeps the comments imported before.
        let kept: Vec<Comment> = posts
            .get(&post.id)
            .map(|p| p.comments.to_vec())
            .unwrap_or_default();
        let converted = convert::post(&post, &category_slugs, &authors, kept);
        if !crate::models::content::is_valid_slug(&converted.slug) {
            summary.skipped.push(format!(
                "post {}: its slug {:?} cannot be a file name",
                post.id, converted.slug
            ));
            continue;
        }
        posts.insert(post.id, converted);
    }
    for (post_id, comments) in new_comments {
        match posts.get_mut(&post_id) {
            Some(post) => {
                let mut all = post.comments.to_vec();
                for comment in comments {
                    if !all.iter().any(|c| c.id == comment.id) {
                        all.push(comment);
                    }
                }
                post.comments = all.into();
            }
            None => summary.skipped.extend(
                comments
                    .iter()
                    .map(|c| format!("comment {}: its post {post_id} is not published", c.id)),
            ),
        }
    }
    let state_posts: BTreeMap<u64, String> = posts
        .keys()
        .filter_map(|id| published.get(id).map(|modified| (*id, (*modified).clone())))
        .collect();

    progress.step("pages", 0, 1);
    let wp_pages = client.all::<wordpress::Post>("wp/v2/pages", &[], |_, _| {})?;
    summary.skipped.extend(wp_pages.skipped);
    let pages: Vec<_> = wp_pages
        .items
        .iter()
        .filter(|p| p.status == "publish" && !p.content.protected)
        .map(convert::page)
        .filter(|p| crate::models::content::is_valid_slug(&p.slug))
        .collect();

    // The site: categories that hold imported posts, in WordPress's order.
    let posts: Vec<Post> = posts.into_values().collect();
    let categories: Vec<Category> = categories
        .items
        .iter()
        .map(|c| Category {
            slug: wordpress::decode_slug(&c.slug),
            name: html::to_text(&c.name),
            count: 0,
        })
        .filter(|c| posts.iter().any(|p| p.category == c.slug))
        .collect();
    let mut popular: Vec<&Post> = posts.iter().collect();
    popular.sort_by(|a, b| {
        b.comments
            .len()
            .cmp(&a.comments.len())
            .then(b.date.cmp(&a.date))
    });
    let title = html::to_text(&client.info.name);
    let tagline = html::to_text(&client.info.description);
    let config = SiteConfig {
        title: title.clone(),
        tagline: tagline.clone(),
        description: tagline,
        categories,
        footer_pages: pages
            .iter()
            .map(|p| PageLink {
                slug: p.slug.clone(),
                title: p.title.clone(),
            })
            .collect(),
        copyright: format!("© {title}"),
        disclaimer: String::new(),
        popular: popular.iter().take(5).map(|p| p.slug.clone()).collect(),
        wordpress: Some(client.root().to_string()),
    };

    let mut files = build_site(&config, &posts);
    for post in &posts {
        files.push((
            ContentFile::Post {
                slug: post.slug.clone(),
            }
            .path(),
            to_json(post),
        ));
    }
    for page in &pages {
        files.push((
            ContentFile::Page {
                slug: page.slug.clone(),
            }
            .path(),
            to_json(page),
        ));
    }
    let state = ImportState {
        root: client.root().to_string(),
        posts: state_posts,
        newest_comment,
    };
    files.push((STATE_FILE.to_string(), to_json(&state)));

    summary.posts = posts.len();
    summary.pages = pages.len();
    summary.comments = posts.iter().map(|p| p.comments.len()).sum();
    summary.categories = config.categories.len();
    summary.changed = write_output(out, &files)?;
    Ok(summary)
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// The previous import in `out`, if it came from the same site.
struct Previous {
    state: ImportState,
    posts: BTreeMap<u64, Post>,
}

fn read_previous(out: &Path, root: &str) -> Previous {
    let state: ImportState = fs::read_to_string(out.join(STATE_FILE))
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .filter(|state: &ImportState| state.root == root)
        .unwrap_or_default();
    let mut posts = BTreeMap::new();
    if !state.posts.is_empty() {
        if let Ok(entries) = fs::read_dir(out.join("posts")) {
            for entry in entries.flatten() {
                let post: Option<Post> = fs::read_to_string(entry.path())
                    .ok()
                    .and_then(|text| serde_json::from_str(&text).ok());
                if let Some(post) = post {
                    if let Some(id) = post.wp_id.filter(|id| state.posts.contains_key(id)) {
                        posts.insert(id, post);
                    }
                }
            }
        }
    }
    // Without every post of the last run, start over.
    if posts.len() != state.posts.len() {
        return Previous {
            state: ImportState::default(),
            posts: BTreeMap::new(),
        };
    }
    Previous { state, posts }
}

/// Writes `files` as the folder `out`: into a new folder beside it, swapped
/// in at the end. Returns whether anything differs from what was there.
fn write_output(out: &Path, files: &[(String, String)]) -> Result<bool, ImportError> {
    let failed = |path: &Path, error: std::io::Error| ImportError::Output {
        path: path.display().to_string(),
        why: error.to_string(),
    };
    let unchanged = files
        .iter()
        .all(|(path, text)| fs::read_to_string(out.join(path)).is_ok_and(|old| old == *text))
        && count_files(out) == files.len();
    if unchanged {
        return Ok(false);
    }
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| failed(parent, e))?;
    let staging = parent.join(format!(".{name}.new"));
    let old = parent.join(format!(".{name}.old"));
    for dir in [&staging, &old] {
        if dir.exists() {
            fs::remove_dir_all(dir).map_err(|e| failed(dir, e))?;
        }
    }
    for (path, text) in files {
        let target = staging.join(path);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(|e| failed(dir, e))?;
        }
        fs::write(&target, text).map_err(|e| failed(&target, e))?;
    }
    if out.exists() {
        fs::rename(out, &old).map_err(|e| failed(out, e))?;
    }
    fs::rename(&staging, out).map_err(|e| failed(out, e))?;
    if old.exists() {
        fs::remove_dir_all(&old).map_err(|e| failed(&old, e))?;
    }
    Ok(true)
}

fn count_files(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .map(|entry| {
            let path: PathBuf = entry.path();
            if path.is_dir() {
                count_files(&path)
            } else {
                1
            }
        })
        .sum()
}
