//! The WordPress importer (native only): `make import WP=<site>` reads a
//! site through its REST API and writes it in the content format, with the
//! site's REST root recorded so the app sends readers' comments there.
//!
//! Only what a visitor of the site can see comes in: published posts and
//! pages (not password-protected), approved comments. A second run into the
//! same folder is incremental: it asks for every post's modification time
//! and fetches only what changed, and compares the ids of every approved
//! comment with those it holds, fetching the new and dropping the removed
//! (the REST API has no feed of deletions, and a comment approved late keeps
//! its old date). The output is written beside the old one and swapped in
//! only once the run succeeded, so a failed run leaves the previous import
//! as it was.

pub mod addresses;
pub mod convert;
pub mod html;
pub mod wordpress;

use crate::models::comments::wordpress::{compare_ids, COMMENT_FIELDS};
use crate::models::content::{
    build::{build_site, SiteConfig},
    Category, Comment, CommentStatus, ContentFile, Lenient, Page, PageLink, Post, Redirects,
    REDIRECTS_FILE,
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
}

/// What a run did, for its summary.
#[derive(Debug, Default)]
pub struct Summary {
    pub posts: usize,
    pub pages: usize,
    pub comments: usize,
    /// Comments new since the last run (all on a first run), and those
    /// dropped because WordPress no longer shows them.
    pub comments_added: usize,
    pub comments_removed: usize,
    /// Posts whose comments are closed (per post or for their age).
    pub closed: usize,
    pub categories: usize,
    /// Posts fetched in full this run (all on a first run).
    pub fetched: usize,
    /// Whether the output changed.
    pub changed: bool,
    /// What was left out, and why.
    pub skipped: Vec<String>,
    /// Posts the last run imported that the site no longer publishes
    /// (trashed, deleted, back to draft, made private), with their comments.
    pub removed: Vec<String>,
    /// Posts at another address than their WordPress slug, and why.
    pub renamed: Vec<String>,
    /// What the owner should know that did not stop the import.
    pub warnings: Vec<String>,
}

/// Where progress goes: a progress bar on a terminal, plain lines otherwise.
pub trait Progress {
    fn step(&mut self, what: &str, done: u64, total: u64);
}

/// The file holding [`ImportState`] inside the output folder.
pub const STATE_FILE: &str = "import-state.json";

/// Imports the site at `site` into `out`: reads what WordPress shows
/// (categories, authors, the posts that changed, comments by id, pages),
/// converts it, and writes the content folder.
pub fn run(site: &str, out: &Path, progress: &mut dyn Progress) -> Result<Summary, ImportError> {
    let client = Client::connect(site)?;
    let previous = read_previous(out, client.root());
    let mut summary = Summary::default();
    if let Some(asked) = &client.moved_from {
        summary.warnings.push(format!(
            "{asked} redirects to {}: the app sends readers' comments there (a comment sent to a redirecting address is lost); use that address for imports",
            client.root()
        ));
    }
    let taxonomy = fetch_taxonomy(&client, &mut summary, progress)?;
    let stamps = fetch_stamps(&client, &mut summary, progress)?;
    let (fetched, failed) =
        fetch_changed(&client, &stamps, &previous.state, &mut summary, progress)?;
    let mut posts = convert_posts(
        &client,
        previous.posts,
        &stamps,
        fetched,
        &taxonomy,
        &mut summary,
    );
    let mut pages = fetch_pages(&client, previous.page_comments, &mut summary, progress)?;
    // Posts and pages share WordPress's ids, and both take comments.
    let post_threads = posts.iter_mut().map(|(id, post)| (*id, &mut post.comments));
    let page_threads =
        (pages.converted.iter_mut()).filter_map(|page| Some((page.wp_id?, &mut page.comments)));
    let threads = post_threads.chain(page_threads).collect();
    sync_comments(&client, threads, &mut summary, progress)?;
    close_old_posts(&client, &mut posts, &stamps, progress);

    // Links between the site's own posts, and their old addresses.
    let mut addresses = old_addresses(&client, &stamps, &posts, &taxonomy, &pages);
    addresses.keep_previous(&previous.redirects);
    rewrite_links(&addresses, &mut posts, &mut pages.converted);

    // A post the site failed to send keeps its earlier stamp (if any), so
    // the next run asks for it again.
    let stamp = |id: &u64| match failed.contains(id) {
        true => previous.state.posts.get(id).cloned(),
        false => stamps.get(id).map(|s| s.modified_gmt.clone()),
    };
    let state = ImportState {
        root: client.root().to_string(),
        posts: posts
            .keys()
            .filter_map(|id| Some((*id, stamp(id)?)))
            .collect(),
    };
    let posts: Vec<Post> = posts.into_values().collect();
    let config = site_config(&client, &taxonomy, &posts, &pages);
    let mut files = build_site(&config, &posts);
    files.extend(posts.iter().map(|post| {
        let file = ContentFile::Post {
            slug: post.slug.clone(),
        };
        (file.path(), to_json(post))
    }));
    files.extend(pages.converted.iter().map(|page| {
        let file = ContentFile::Page {
            slug: page.slug.clone(),
        };
        (file.path(), to_json(page))
    }));
    files.push((STATE_FILE.to_string(), to_json(&state)));
    files.push((REDIRECTS_FILE.to_string(), to_json(&addresses.redirects())));

    summary.posts = posts.len();
    summary.pages = pages.converted.len();
    let page_comments: usize = pages.converted.iter().map(|p| p.comments.len()).sum();
    summary.comments = page_comments + posts.iter().map(|p| p.comments.len()).sum::<usize>();
    summary.closed = posts
        .iter()
        .filter(|p| p.comment_status == CommentStatus::Closed)
        .count();
    summary.categories = config.categories.len();
    summary.changed = write_output(out, &files)?;
    Ok(summary)
}

/// The site's categories (with their content slugs) and its authors' names.
struct Taxonomy {
    categories: Vec<wordpress::Category>,
    slugs: HashMap<u64, String>,
    authors: HashMap<u64, String>,
}

fn fetch_taxonomy(
    client: &Client,
    summary: &mut Summary,
    progress: &mut dyn Progress,
) -> Result<Taxonomy, ImportError> {
    progress.step("categories", 0, 1);
    let categories = client.all::<wordpress::Category>("wp/v2/categories", &[], |_, _| {})?;
    summary.skipped.extend(categories.skipped);
    let slugs = categories
        .items
        .iter()
        .map(|c| (c.id, convert::content_slug(&c.slug, "category", c.id)))
        .collect();
    // Users are public only where they have published posts; a site that
    // hides them (a security plugin's 401) leaves authors' names empty
    // rather than failing, and the summary says so.
    let authors = match client.all::<wordpress::User>("wp/v2/users", &[], |_, _| {}) {
        Ok(users) => {
            let names = users.items.into_iter();
            names.map(|u| (u.id, html::to_text(&u.name))).collect()
        }
        Err(error) => {
            summary.skipped.push(format!(
                "authors' names (the site does not list its users: {error}); posts show no author"
            ));
            HashMap::new()
        }
    };
    Ok(Taxonomy {
        categories: categories.items,
        slugs,
        authors,
    })
}

/// Every published post's stamp, by id: which posts exist now.
fn fetch_stamps(
    client: &Client,
    summary: &mut Summary,
    progress: &mut dyn Progress,
) -> Result<BTreeMap<u64, wordpress::PostStamp>, ImportError> {
    let stamps = client.all::<wordpress::PostStamp>(
        "wp/v2/posts",
        &[("_fields", wordpress::STAMP_FIELDS.into())],
        |page, pages| progress.step("post list", page.into(), pages.into()),
    )?;
    summary.skipped.extend(stamps.skipped);
    Ok(stamps.items.into_iter().map(|s| (s.id, s)).collect())
}

/// Posts the site may fail to send, one by one, before the import takes
/// the site itself to be failing and stops with its error.
const MAX_FAILED_POSTS: usize = 5;

/// The posts changed since the last run (all on a first run), in full, and
/// those the site failed to send (see [`fetch_posts`]).
fn fetch_changed(
    client: &Client,
    stamps: &BTreeMap<u64, wordpress::PostStamp>,
    previous: &ImportState,
    summary: &mut Summary,
    progress: &mut dyn Progress,
) -> Result<(Vec<wordpress::Post>, Vec<u64>), ImportError> {
    let changed: Vec<u64> = stamps
        .values()
        .filter(|s| previous.posts.get(&s.id) != Some(&s.modified_gmt))
        .map(|s| s.id)
        .collect();
    let mut fetched = Vec::new();
    let mut failed = Vec::new();
    for ids in changed.chunks(wordpress::PER_PAGE as usize) {
        fetched.extend(fetch_posts(client, ids, &mut failed, summary)?);
        let done = fetched.len() + failed.len();
        progress.step("posts", done as u64, changed.len() as u64);
    }
    summary.fetched = fetched.len();
    Ok((fetched, failed))
}

/// The full posts `ids`, asked for together. A batch the site fails to
/// send (a 5xx or no answer, after the client's retries: a page builder's
/// heavy output past PHP's limits, one post's shortcode failing) is asked
/// for in halves, down to single posts; a post that still fails is skipped
/// and reported, and added to `failed` (an earlier run's copy stays, and it
/// is asked for again next run), unless [`MAX_FAILED_POSTS`] have failed:
/// then the site is failing, not a post, and the import stops.
fn fetch_posts(
    client: &Client,
    ids: &[u64],
    failed: &mut Vec<u64>,
    summary: &mut Summary,
) -> Result<Vec<wordpress::Post>, ImportError> {
    let include = ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
    let error =
        match client.all::<wordpress::Post>("wp/v2/posts", &[("include", include)], |_, _| {}) {
            Ok(posts) => {
                summary.skipped.extend(posts.skipped);
                return Ok(posts.items);
            }
            Err(
                error @ (ImportError::Timeout { .. } | ImportError::Status { status: 500.., .. }),
            ) => error,
            Err(error) => return Err(error),
        };
    if let [id] = ids {
        if failed.len() >= MAX_FAILED_POSTS {
            return Err(error);
        }
        failed.push(*id);
        summary.skipped.push(format!(
            "post {id}: the site failed to send it ({error}); an earlier import's copy is kept, and the next import asks again"
        ));
        return Ok(Vec::new());
    }
    let (first, second) = ids.split_at(ids.len() / 2);
    let mut posts = fetch_posts(client, first, failed, summary)?;
    posts.extend(fetch_posts(client, second, failed, summary)?);
    Ok(posts)
}

/// The posts to write: those kept from last time (still published) and
/// those fetched now, converted, with what can change without a new
/// modification time brought up to date, each under a slug of its own.
fn convert_posts(
    client: &Client,
    kept: BTreeMap<u64, Post>,
    stamps: &BTreeMap<u64, wordpress::PostStamp>,
    fetched: Vec<wordpress::Post>,
    taxonomy: &Taxonomy,
    summary: &mut Summary,
) -> BTreeMap<u64, Post> {
    let thumbnails = featured_images(client, &fetched, summary);
    let home = Some(client.info.home.as_str()).filter(|h| !h.is_empty());
    let (mut posts, gone): (BTreeMap<u64, Post>, BTreeMap<u64, Post>) = kept
        .into_iter()
        .partition(|(id, _)| stamps.contains_key(id));
    summary.removed.extend(gone.values().map(removed_post));
    for post in fetched {
        // A changed post keeps the comments imported before; one that
        // changed into a post not to show (password-protected) goes.
        let before = posts.remove(&post.id);
        let comments = before.as_ref().map(|p| p.comments.to_vec());
        let comments = comments.unwrap_or_default();
        match convert_fetched(&post, taxonomy, comments, home, summary) {
            Some(mut converted) => {
                converted.thumbnail = thumbnails.get(&post.featured_media).cloned();
                posts.insert(post.id, converted);
            }
            None => summary.removed.extend(before.as_ref().map(removed_post)),
        }
    }
    // The category (one deleted moves its posts), whether comments are
    // open and whether the post is sticky change without an edit.
    for (id, post) in posts.iter_mut() {
        if let Some(stamp) = stamps.get(id) {
            (post.category, post.categories) =
                convert::category_slugs(&stamp.categories, &taxonomy.slugs);
            post.comment_status = stamp.comment_status;
            post.sticky = stamp.sticky;
        }
    }
    // The post with the lower id keeps a shared slug.
    unique_slugs(posts.iter_mut().map(|(id, post)| (*id, &mut post.slug)));
    posts
}

/// How the summary names a post an earlier run imported and this one
/// took out: its slug, and its comments, which went with it.
fn removed_post(post: &Post) -> String {
    match post.comments.len() {
        0 => post.slug.clone(),
        1 => format!("{} (and its comment)", post.slug),
        n => format!("{} (and its {n} comments)", post.slug),
    }
}

/// The published pages, in WordPress's order, as fetched and converted.
struct Pages {
    wp: Vec<wordpress::Post>,
    converted: Vec<Page>,
}

/// `kept_comments`: each page's comments from the last run, by id (pages
/// are fetched whole every run; their comments are brought up to date by
/// [`sync_comments`] like a post's).
fn fetch_pages(
    client: &Client,
    mut kept_comments: HashMap<u64, Lenient<Comment>>,
    summary: &mut Summary,
    progress: &mut dyn Progress,
) -> Result<Pages, ImportError> {
    progress.step("pages", 0, 1);
    let fetched = client.all::<wordpress::Post>("wp/v2/pages", &[], |_, _| {})?;
    summary.skipped.extend(fetched.skipped);
    let mut wp: Vec<wordpress::Post> = fetched
        .items
        .into_iter()
        .filter(|p| p.status == "publish" && !p.content.protected)
        .collect();
    // WordPress's own page order (wp_list_pages): menu order, then title.
    wp.sort_by_cached_key(|p| {
        (
            p.menu_order,
            html::to_text(&p.title.rendered).to_lowercase(),
        )
    });
    let home = Some(client.info.home.as_str()).filter(|h| !h.is_empty());
    let mut converted: Vec<_> = wp.iter().map(|page| convert::page(page, home)).collect();
    for page in &mut converted {
        let kept = page.wp_id.and_then(|id| kept_comments.remove(&id));
        page.comments = kept.unwrap_or_default();
    }
    // WordPress allows one slug under two parents (`/shop/faq/`,
    // `/help/faq/`): the app's pages are flat, so the second gets its id.
    unique_slugs(
        wp.iter()
            .map(|p| p.id)
            .zip(converted.iter_mut().map(|p| &mut p.slug)),
    );
    Ok(Pages { wp, converted })
}

/// Every body's links to the site's own addresses, pointed at the app's.
fn rewrite_links(
    addresses: &addresses::Addresses,
    posts: &mut BTreeMap<u64, Post>,
    pages: &mut [Page],
) {
    for post in posts.values_mut() {
        post.body = addresses.rewrite_links(&post.body);
        let answers = post.answers.iter().cloned().map(|mut answer| {
            answer.body = addresses.rewrite_links(&answer.body);
            answer
        });
        post.answers = answers.collect::<Vec<_>>().into();
    }
    for page in pages {
        page.body = addresses.rewrite_links(&page.body);
    }
}

/// The site's settings: its name, categories that hold imported posts (in
/// WordPress's order), pages, the five most commented posts, where
/// comments go and where images come from.
fn site_config(client: &Client, taxonomy: &Taxonomy, posts: &[Post], pages: &Pages) -> SiteConfig {
    let categories: Vec<Category> = taxonomy
        .categories
        .iter()
        .map(|c| Category {
            slug: taxonomy.slugs[&c.id].clone(),
            name: html::to_text(&c.name),
            count: 0,
        })
        .filter(|c| posts.iter().any(|p| p.in_category(&c.slug)))
        .collect();
    let mut popular: Vec<&Post> = posts.iter().collect();
    popular.sort_by(|a, b| {
        let comments = b.comments.len().cmp(&a.comments.len());
        comments.then(b.date.cmp(&a.date))
    });
    let title = html::to_text(&client.info.name);
    let tagline = html::to_text(&client.info.description);
    SiteConfig {
        title: title.clone(),
        tagline: tagline.clone(),
        description: tagline,
        categories,
        footer_pages: page_links(&pages.wp, &pages.converted),
        copyright: format!("© {title}"),
        disclaimer: String::new(),
        popular: popular.iter().take(5).map(|p| p.slug.clone()).collect(),
        wordpress: Some(client.root().to_string()),
        url: public_address(&client.info.home),
        image_origins: image_origins(posts, &pages.converted),
    }
}

/// A fetched post in the content format, or `None` when it is not to be
/// shown (not published, password-protected; recorded in the summary). A
/// slug that cannot be a file name is replaced (recorded too).
fn convert_fetched(
    post: &wordpress::Post,
    taxonomy: &Taxonomy,
    comments: Vec<Comment>,
    home: Option<&str>,
    summary: &mut Summary,
) -> Option<Post> {
    let why = if post.status != "publish" {
        Some(post.status.clone())
    } else if post.content.protected {
        Some("password-protected".to_string())
    } else {
        None
    };
    if let Some(why) = why {
        summary.skipped.push(format!("post {}: {why}", post.id));
        return None;
    }
    let converted = convert::post(post, &taxonomy.slugs, &taxonomy.authors, comments, home);
    let wanted = wordpress::decode_slug(&post.slug);
    if converted.slug != wanted {
        summary.renamed.push(format!(
            "post {}: its slug {wanted:?} cannot be a file name; it is at {}",
            post.id,
            crate::models::urls::post(&converted.slug)
        ));
    }
    Some(converted)
}

/// Gives each item (its WordPress id, its slug) a slug of its own: the first
/// keeps a slug, a later one gets `-<id>` added. WordPress's slugs can become
/// one here (`%d0%a7` and `%d1%87` are both `ч` once lowercased; a page's
/// slug is unique only among its siblings).
fn unique_slugs<'a>(items: impl IntoIterator<Item = (u64, &'a mut String)>) {
    let mut taken = std::collections::HashSet::new();
    for (id, slug) in items {
        if !taken.insert(slug.clone()) {
            *slug = format!("{slug}-{id}");
            taken.insert(slug.clone());
        }
    }
}

/// The pages as site.json lists them, each with its parent's slug when its
/// parent was imported too (`wp_pages` and `pages` are the same pages).
fn page_links(wp_pages: &[wordpress::Post], pages: &[Page]) -> Vec<PageLink> {
    let slug_of = |id: u64| {
        let at = wp_pages.iter().position(|p| p.id == id)?;
        pages.get(at).map(|p| p.slug.clone())
    };
    wp_pages
        .iter()
        .zip(pages)
        .map(|(wp_page, page)| PageLink {
            slug: page.slug.clone(),
            title: page.title.clone(),
            parent: (wp_page.parent > 0)
                .then(|| slug_of(wp_page.parent))
                .flatten(),
        })
        .collect()
}

/// The app's address for every WordPress address of what was imported:
/// posts (permalink and `?p=`), categories (`?cat=` too) and pages
/// (`?page_id=` too).
fn old_addresses(
    client: &Client,
    stamps: &BTreeMap<u64, wordpress::PostStamp>,
    posts: &BTreeMap<u64, Post>,
    taxonomy: &Taxonomy,
    pages: &Pages,
) -> addresses::Addresses {
    use crate::models::{
        listing::{page_count, CategoryFilter},
        urls,
    };
    let mut addresses = addresses::Addresses::new(&client.info.home);
    for (wp_page, page) in pages.wp.iter().zip(&pages.converted) {
        addresses.add(&wp_page.link, "page_id", wp_page.id, urls::page(&page.slug));
    }
    for (id, post) in posts {
        let link = stamps.get(id).map_or("", |s| s.link.as_str());
        addresses.add(link, "p", *id, urls::post(&post.slug));
    }
    for category in &taxonomy.categories {
        let slug = &taxonomy.slugs[&category.id];
        let count = posts.values().filter(|p| p.in_category(slug)).count();
        if count > 0 {
            addresses.add(&category.link, "cat", category.id, urls::category(slug, 1));
            let pages = page_count(count as u32);
            addresses.add_paged(&category.link, pages, |n| urls::category(slug, n));
        }
    }
    // The home page's later pages (on a site whose front page is a page,
    // WordPress has none there, and these lead nowhere old links go).
    let pages = page_count(posts.len() as u32);
    let filter = CategoryFilter::default();
    addresses.add_paged(&client.info.home, pages, |n| urls::home(&filter, n));
    addresses.add_feed("/feed.xml");
    addresses
}

/// The thumbnails of the posts' featured images (`featured_media`), by
/// media id. They are extras: a media library that cannot be read leaves
/// posts without one, with a line in the summary.
fn featured_images(
    client: &Client,
    posts: &[wordpress::Post],
    summary: &mut Summary,
) -> HashMap<u64, String> {
    let mut ids: Vec<u64> = posts
        .iter()
        .map(|p| p.featured_media)
        .filter(|&id| id > 0)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let mut thumbnails = HashMap::new();
    for chunk in ids.chunks(wordpress::PER_PAGE as usize) {
        let include = chunk
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join(",");
        let query = [
            ("include", include),
            ("_fields", wordpress::MEDIA_FIELDS.into()),
        ];
        match client.all::<wordpress::Media>("wp/v2/media", &query, |_, _| {}) {
            Ok(media) => {
                summary.skipped.extend(media.skipped);
                thumbnails.extend(
                    media
                        .items
                        .iter()
                        .filter_map(|m| Some((m.id, m.thumbnail()?))),
                );
            }
            Err(error) => summary.skipped.push(format!("featured images: {error}")),
        }
    }
    thumbnails
}

/// The origins the content's images come from (body images, thumbnails),
/// for the CSP's `img-src`: `https://example.org`, sorted, once each.
fn image_origins(posts: &[Post], pages: &[Page]) -> Vec<String> {
    use crate::models::text::{parse_body, Block};
    let bodies = posts
        .iter()
        .flat_map(|p| std::iter::once(&p.body).chain(p.answers.iter().map(|a| &a.body)))
        .chain(pages.iter().map(|p| &p.body));
    let mut sources: Vec<String> = bodies
        .flat_map(|body| parse_body(body))
        .filter_map(|block| match block {
            Block::Image { src, .. } => Some(src),
            _ => None,
        })
        .chain(posts.iter().filter_map(|p| p.thumbnail.clone()))
        .filter_map(|src| crate::models::text::http_origin(&src))
        .collect();
    sources.sort();
    sources.dedup();
    sources
}

/// Brings the comments of each post and page in `threads` (by WordPress
/// id) in line with the comments WordPress shows now, by ids: every
/// approved comment's id and post are listed (cheap with `_fields`), the
/// ones not held are fetched in full, and held ones no longer listed
/// (unapproved, spam, trashed, deleted) are dropped.
fn sync_comments(
    client: &Client,
    mut threads: BTreeMap<u64, &mut Lenient<Comment>>,
    summary: &mut Summary,
    progress: &mut dyn Progress,
) -> Result<(), ImportError> {
    let listed = client.all::<wordpress::CommentStamp>(
        "wp/v2/comments",
        &[
            ("_fields", "id,post".into()),
            ("orderby", "id".into()),
            ("order", "asc".into()),
        ],
        |page, pages| progress.step("comment list", page.into(), pages.into()),
    )?;
    summary.skipped.extend(listed.skipped);
    // Comments on what is not imported (drafts, protected posts) are not asked for.
    let listed: Vec<u64> = listed
        .items
        .iter()
        .filter(|c| threads.contains_key(&c.post))
        .map(|c| c.id)
        .collect();
    let known: Vec<u64> = threads
        .values()
        .flat_map(|comments| comments.iter().map(|c| c.id))
        .collect();
    let changes = compare_ids(&known, &listed);
    let mut added: HashMap<u64, Vec<Comment>> = HashMap::new();
    let mut done = 0;
    for ids in changes.added.chunks(wordpress::PER_PAGE as usize) {
        let include = ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
        let query = [
            ("include", include),
            ("_fields", COMMENT_FIELDS.into()),
            ("orderby", "id".into()),
            ("order", "asc".into()),
        ];
        let comments = client.all::<wordpress::Comment>("wp/v2/comments", &query, |_, _| {})?;
        summary.skipped.extend(comments.skipped);
        for comment in comments.items {
            if comment.status != "approved" {
                let why = format!("comment {}: not approved", comment.id);
                summary.skipped.push(why);
                continue;
            }
            let converted = comment.to_comment(html::to_text, html::to_comment_text);
            added.entry(comment.post).or_default().push(converted);
            summary.comments_added += 1;
        }
        done += ids.len();
        progress.step("comments", done as u64, changes.added.len() as u64);
    }
    summary.comments_removed = changes.removed.len();
    for (id, comments) in threads.iter_mut() {
        let mut all = comments.to_vec();
        all.retain(|c| !changes.removed.contains(&c.id));
        all.extend(added.remove(id).unwrap_or_default());
        // In WordPress's order of creation, whatever the order they came in.
        all.sort_by_key(|c| c.id);
        **comments = all.into();
    }
    Ok(())
}

/// Marks closed the posts WordPress closed for their age, which their
/// `comment_status` does not show (see [`Client::probe_comments`]).
fn close_old_posts(
    client: &Client,
    posts: &mut BTreeMap<u64, Post>,
    stamps: &BTreeMap<u64, wordpress::PostStamp>,
    progress: &mut dyn Progress,
) {
    let mut open: Vec<(&str, u64)> = posts
        .iter()
        .filter(|(_, p)| p.comment_status == CommentStatus::Open)
        .filter_map(|(id, _)| Some((stamps.get(id)?.date_gmt.as_str(), *id)))
        .collect();
    open.sort();
    let oldest_first: Vec<u64> = open.iter().map(|(_, id)| *id).collect();
    progress.step("open comments", 0, 1);
    let closed = wordpress::closed_for_age(&oldest_first, |id| client.probe_comments(id));
    for id in &oldest_first[..closed] {
        if let Some(post) = posts.get_mut(id) {
            post.comment_status = CommentStatus::Closed;
        }
    }
}

fn to_json<T: Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default()
}

/// The previous import in `out`, if it came from the same site.
#[derive(Default)]
struct Previous {
    state: ImportState,
    posts: BTreeMap<u64, Post>,
    /// Each page's comments, by the page's WordPress id.
    page_comments: HashMap<u64, Lenient<Comment>>,
    /// The old addresses the last run kept.
    redirects: Redirects,
}

fn read_previous(out: &Path, root: &str) -> Previous {
    let state: ImportState = read_json(&out.join(STATE_FILE))
        .filter(|state: &ImportState| state.root == root)
        .unwrap_or_default();
    let mut posts = BTreeMap::new();
    if !state.posts.is_empty() {
        for post in read_json_files::<Post>(&out.join("posts")) {
            if let Some(id) = post.wp_id.filter(|id| state.posts.contains_key(id)) {
                posts.insert(id, post);
            }
        }
    }
    // Without every post of the last run (or without a last run), start over.
    if posts.len() != state.posts.len() || state.posts.is_empty() {
        return Previous::default();
    }
    let page_comments = read_json_files::<Page>(&out.join("pages"))
        .filter_map(|page| Some((page.wp_id?, page.comments)))
        .collect();
    let redirects = read_json(&out.join(REDIRECTS_FILE)).unwrap_or_default();
    Previous {
        state,
        posts,
        page_comments,
        redirects,
    }
}

/// The file at `path` as a `T`; `None` when it cannot be read or is not one.
fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    serde_json::from_str(&fs::read_to_string(path).ok()?).ok()
}

/// Every file in `dir` that reads as a `T` (none when `dir` cannot be read).
fn read_json_files<T: serde::de::DeserializeOwned>(dir: &Path) -> impl Iterator<Item = T> {
    let entries = fs::read_dir(dir).into_iter().flatten().flatten();
    entries.filter_map(|entry| read_json(&entry.path()))
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
/// WordPress's home URL as the site's public address: http(s) only, without
/// a trailing slash.
fn public_address(home: &str) -> Option<String> {
    let home = home.trim().trim_end_matches('/');
    let scheme_ok = home.starts_with("https://") || home.starts_with("http://");
    (scheme_ok && home.len() > "https://".len()).then(|| home.to_string())
}
