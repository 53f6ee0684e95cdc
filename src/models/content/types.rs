//! The content format. These types are the single source of truth for
//! every JSON file under `public/content/` (see `docs/content-format.md`).
//! Unknown fields are ignored; optional fields default.

use super::lenient::Lenient;
use serde::{Deserialize, Deserializer, Serialize};

/// An optional field: missing or `null`, it takes its default.
fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// Posts per index page: the home list, category archives and the Articles list.
pub const PAGE_SIZE: usize = 10;

/// `content/site.json`: everything every page needs, bounded in size
/// whatever the number of posts.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Site {
    pub title: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub tagline: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub description: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub categories: Vec<Category>,
    /// The site's pages, e.g. About / Privacy Policy / Disclaimer, in the
    /// footer's order; the footer links those without a `parent` (a child
    /// page is reached from its parent and names it in its breadcrumb).
    #[serde(default, deserialize_with = "null_as_default")]
    pub footer_pages: Vec<PageLink>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub copyright: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub disclaimer: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub popular_posts: Vec<PostLink>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub recent_comments: Vec<RecentComment>,
    /// Number of posts on the site, of every kind.
    #[serde(default, deserialize_with = "null_as_default")]
    pub post_count: u32,
    /// Number of them that are articles.
    #[serde(default, deserialize_with = "null_as_default")]
    pub article_count: u32,
    /// The WordPress site the content was imported from, as the root of its
    /// REST API (`https://example.org/wp-json/`): readers' comments are sent
    /// there. `None` for a site of our own files: comments stay in the browser.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wordpress: Option<String>,
    /// The site's public address, e.g. `https://example.org` (no trailing
    /// slash): canonical links, Open Graph, the sitemap and the feed are
    /// absolute under it. `None`: they are left out (or relative).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The origins (`https://example.org`) the content's images come from,
    /// besides the site's own: an imported site's uploads or its CDN. The
    /// CSP's `img-src` names them (`tools/csp.mjs`); a thumbnail elsewhere
    /// is not shown.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "null_as_default"
    )]
    pub image_origins: Vec<String>,
}

impl Site {
    /// `path` (an app address, e.g. `/post/x`) as an absolute URL under the
    /// site's public address; `None` when the site has none.
    pub fn absolute(&self, path: &str) -> Option<String> {
        let base = self.url.as_deref()?.trim_end_matches('/');
        Some(format!("{base}{path}"))
    }

    /// Whether an image at `src` may be shown: the site's own (a path), or
    /// an http(s) URL on one of [`Site::image_origins`].
    pub fn shows_image(&self, src: &str) -> bool {
        if src.starts_with('/') {
            return !src.starts_with("//");
        }
        let Some(origin) = crate::models::text::http_origin(src) else {
            return false;
        };
        self.image_origins
            .iter()
            .any(|o| o.eq_ignore_ascii_case(&origin))
    }

    /// The pages above page `slug`, outermost first (a parent missing from
    /// the site, or a loop, ends the chain).
    pub fn page_ancestors(&self, slug: &str) -> Vec<&PageLink> {
        let find = |slug: &str| self.footer_pages.iter().find(|p| p.slug == slug);
        let mut chain: Vec<&PageLink> = Vec::new();
        let mut next = find(slug).and_then(|p| p.parent.as_deref());
        while let Some(parent) = next.and_then(find) {
            if parent.slug == slug || chain.iter().any(|p| p.slug == parent.slug) {
                break;
            }
            chain.push(parent);
            next = parent.parent.as_deref();
        }
        chain.reverse();
        chain
    }

    /// The pages the footer links: those without a parent on the site.
    pub fn top_level_pages(&self) -> impl Iterator<Item = &PageLink> {
        let known = |slug: &String| self.footer_pages.iter().any(|p| &p.slug == slug);
        self.footer_pages
            .iter()
            .filter(move |p| !p.parent.as_ref().is_some_and(known))
    }

    pub fn category(&self, slug: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.slug == slug)
    }

    /// The display name of a category, or its slug when the site does not know it.
    pub fn category_name<'a>(&'a self, slug: &'a str) -> &'a str {
        self.category(slug).map_or(slug, |c| c.name.as_str())
    }
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Category {
    pub slug: String,
    pub name: String,
    /// Number of posts in the category (written by the index builder).
    #[serde(default, deserialize_with = "null_as_default")]
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct PageLink {
    pub slug: String,
    pub title: String,
    /// The slug of the page this one is under (WordPress's page parent).
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Option::is_none"
    )]
    pub parent: Option<String>,
}

/// A post named in the sidebar's "Popular Posts".
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct PostLink {
    pub slug: String,
    pub title: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub thumbnail: Option<String>,
}

/// One line of the sidebar's "Recent Comments": "<author> on <post title>".
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct RecentComment {
    pub author: String,
    pub post_slug: String,
    pub post_title: String,
    pub comment_id: u64,
    #[serde(default, deserialize_with = "null_as_default")]
    pub date: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PostKind {
    /// A question with its asker, then answers each by an author.
    #[default]
    Question,
    /// A plain article with an author.
    Article,
}

/// What a list shows of a post.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct PostSummary {
    pub slug: String,
    pub title: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub kind: PostKind,
    pub category: String,
    /// ISO date, `YYYY-MM-DD`.
    pub date: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub excerpt: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub answer_count: u32,
    #[serde(default, deserialize_with = "null_as_default")]
    pub comment_count: u32,
    /// Marked "Featured": set on the home list's first page only, where a
    /// sticky post ([`Post::sticky`]) is listed first, as WordPress's themes
    /// mark it.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "is_false"
    )]
    pub sticky: bool,
}

fn is_false(value: &bool) -> bool {
    !value
}

/// One page of a post list: `index/latest/<n>.json`,
/// `index/category/<slug>/<n>.json`, `index/articles/<n>.json`.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct ListPage {
    /// 1-based page number.
    pub page: u32,
    pub pages: u32,
    /// Posts in the whole list, not just this page.
    pub total: u32,
    #[serde(default, deserialize_with = "null_as_default")]
    pub posts: Lenient<PostSummary>,
    /// On a category's first page: the sets of categories, this one among
    /// them, that posts share (WordPress lets a post be in several), so the
    /// home filter counts a post in two of its categories once, not once
    /// per category's `total`. Empty elsewhere, and left out.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub overlaps: Vec<CategoryOverlap>,
}

/// `posts` posts are in exactly the categories `categories` (slugs, sorted,
/// at least two). One entry per distinct set, not per post.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CategoryOverlap {
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub posts: u32,
}

/// `posts/<slug>.json`: one whole post with its answers and comments.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Post {
    pub slug: String,
    pub title: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub kind: PostKind,
    pub category: String,
    pub date: String,
    /// The asker of a question, the author of an article.
    pub author: String,
    /// A question's one-line form, shown after "Question by <asker>:".
    #[serde(default, deserialize_with = "null_as_default")]
    pub question: String,
    /// Body markup (see `text::parse_body`): the question's details or the article.
    #[serde(default, deserialize_with = "null_as_default")]
    pub body: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub answers: Lenient<Answer>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub comments: Lenient<Comment>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub thumbnail: Option<String>,
    #[serde(default, deserialize_with = "null_as_default")]
    pub excerpt: String,
    /// The post's id on the WordPress site it was imported from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wp_id: Option<u64>,
    /// Whether the post takes comments (WordPress's `comment_status`).
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "CommentStatus::is_open"
    )]
    pub comment_status: CommentStatus,
    /// The other categories the post is in, besides `category` (a WordPress
    /// post can be in several): it is listed and counted under each.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub categories: Vec<String>,
    /// WordPress's sticky post: first on the home page's first page, before
    /// the newest (and again in its own place on later pages, as WordPress does).
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "is_false"
    )]
    pub sticky: bool,
}

/// WordPress's `comment_status`: `open` (the default) or `closed`, per post,
/// or closed site-wide on posts older than the site's limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CommentStatus {
    Closed,
    /// Also what any value but `closed` means, so a value of a newer
    /// WordPress never makes a post unreadable.
    #[default]
    #[serde(other)]
    Open,
}

impl CommentStatus {
    pub fn is_open(&self) -> bool {
        *self == CommentStatus::Open
    }
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Answer {
    pub id: u32,
    pub author: String,
    pub body: String,
}

#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Comment {
    pub id: u64,
    /// The comment this one replies to.
    #[serde(default, deserialize_with = "null_as_default")]
    pub parent: Option<u64>,
    pub author: String,
    /// The commenter's website; shown as a link only when it is http(s).
    #[serde(default, deserialize_with = "null_as_default")]
    pub url: Option<String>,
    /// ISO date-time or date.
    pub date: String,
    pub body: String,
}

/// `pages/<slug>.json`: About, Privacy Policy, Disclaimer.
#[derive(Clone, Debug, PartialEq, Default, Serialize, Deserialize)]
pub struct Page {
    pub slug: String,
    pub title: String,
    #[serde(default, deserialize_with = "null_as_default")]
    pub body: String,
    /// The page's approved comments (WordPress takes comments on pages as
    /// on posts); shown under it, oldest first.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Lenient::is_empty"
    )]
    pub comments: Lenient<Comment>,
    /// The page's id on the WordPress site it was imported from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wp_id: Option<u64>,
}

impl Post {
    pub fn summary(&self) -> PostSummary {
        PostSummary {
            slug: self.slug.clone(),
            title: self.title.clone(),
            kind: self.kind,
            category: self.category.clone(),
            date: self.date.clone(),
            excerpt: self.excerpt.clone(),
            answer_count: self.answers.len() as u32,
            comment_count: self.comments.len() as u32,
            sticky: self.sticky,
        }
    }

    /// Whether the post is in the category `slug` (its own or another of its).
    pub fn in_category(&self, slug: &str) -> bool {
        self.category == slug || self.categories.iter().any(|c| c == slug)
    }
}

/// `redirects.json` (an import's): the site's old addresses and the app's
/// for each, for `make run` to answer with a 301 and for `make build` to
/// write in hosts' formats (`_redirects`, an nginx map).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Redirects {
    #[serde(default, deserialize_with = "null_as_default")]
    pub redirects: Lenient<Redirect>,
}

/// One old address: a path (with a `?p=`, `?page_id=` or `?cat=` query
/// for WordPress's addresses by id), as WordPress wrote it, and the app's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Redirect {
    pub from: String,
    pub to: String,
}
