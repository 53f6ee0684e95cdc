//! The index builder (native only): from the site's config and its posts,
//! writes `site.json` and the paged index files the app reads. Run by
//! `cargo run --bin build-content`; the shipped files are checked against it
//! in tests, so they can never drift from the posts.

use super::{
    is_valid_slug, Category, CategoryOverlap, ContentFile, ListPage, PageLink, Post, PostKind,
    PostLink, PostSummary, RecentComment, Site, PAGE_SIZE,
};
use crate::models::listing::{newest_first, page_count};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// How many comments the sidebar's "Recent Comments" lists.
pub const RECENT_COMMENTS: usize = 5;

/// `content/site.json` in the repository: what a site owner writes by hand.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SiteConfig {
    pub title: String,
    #[serde(default)]
    pub tagline: String,
    #[serde(default)]
    pub description: String,
    pub categories: Vec<Category>,
    #[serde(default)]
    pub footer_pages: Vec<PageLink>,
    #[serde(default)]
    pub copyright: String,
    #[serde(default)]
    pub disclaimer: String,
    /// Slugs of the posts the sidebar calls popular.
    #[serde(default)]
    pub popular: Vec<String>,
    /// The WordPress site's REST root, for an imported site.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wordpress: Option<String>,
    /// The site's public address (see [`Site::url`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Where the content's images come from (see [`Site::image_origins`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub image_origins: Vec<String>,
}

/// A generated file: its path under the content root and its JSON.
pub type OutputFile = (String, String);

/// Checks posts against the config; returns every problem found.
pub fn validate(config: &SiteConfig, posts: &[Post]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for post in posts {
        if !is_valid_slug(&post.slug) {
            problems.push(format!("post slug {:?} is not a valid slug", post.slug));
        }
        if !seen.insert(post.slug.as_str()) {
            problems.push(format!("post slug {:?} is used twice", post.slug));
        }
        for category in std::iter::once(&post.category).chain(&post.categories) {
            if !config.categories.iter().any(|c| &c.slug == category) {
                problems.push(format!(
                    "post {:?} has unknown category {category:?}",
                    post.slug
                ));
            }
        }
        let ids: std::collections::HashSet<u64> = post.comments.iter().map(|c| c.id).collect();
        for comment in &post.comments {
            if let Some(parent) = comment.parent {
                if !ids.contains(&parent) {
                    problems.push(format!(
                        "comment {} on {:?} replies to missing comment {parent}",
                        comment.id, post.slug
                    ));
                }
            }
        }
    }
    for slug in &config.popular {
        if !posts.iter().any(|p| &p.slug == slug) {
            problems.push(format!("popular post {slug:?} does not exist"));
        }
    }
    problems
}

/// Builds `site.json` and every index page.
pub fn build_site(config: &SiteConfig, posts: &[Post]) -> Vec<OutputFile> {
    let mut summaries: Vec<PostSummary> = posts.iter().map(Post::summary).collect();
    summaries.sort_by(newest_first);

    let mut files = Vec::new();
    let all: Vec<&PostSummary> = summaries.iter().collect();
    push_list(&mut files, &all, &[], &|page| ContentFile::Latest { page });
    stick_to_the_top(&mut files, &all);
    let articles: Vec<&PostSummary> = summaries
        .iter()
        .filter(|p| p.kind == PostKind::Article)
        .collect();
    push_list(&mut files, &articles, &[], &|page| ContentFile::Articles {
        page,
    });

    let overlaps = category_overlaps(&config.categories, posts);
    let mut categories = config.categories.clone();
    for category in &mut categories {
        let mut in_category: Vec<PostSummary> = posts
            .iter()
            .filter(|p| p.in_category(&category.slug))
            .map(Post::summary)
            .collect();
        in_category.sort_by(newest_first);
        let in_category: Vec<&PostSummary> = in_category.iter().collect();
        category.count = in_category.len() as u32;
        let slug = category.slug.clone();
        let shared: Vec<CategoryOverlap> = overlaps
            .iter()
            .filter(|o| o.categories.contains(&category.slug))
            .cloned()
            .collect();
        push_list(&mut files, &in_category, &shared, &|page| {
            ContentFile::Category {
                slug: slug.clone(),
                page,
            }
        });
    }

    let popular_posts = config
        .popular
        .iter()
        .filter_map(|slug| posts.iter().find(|p| &p.slug == slug))
        .map(|p| PostLink {
            slug: p.slug.clone(),
            title: p.title.clone(),
            thumbnail: p.thumbnail.clone(),
        })
        .collect();

    let mut recent_comments: Vec<RecentComment> = posts
        .iter()
        .flat_map(|post| {
            post.comments.iter().map(move |c| RecentComment {
                author: c.author.clone(),
                post_slug: post.slug.clone(),
                post_title: post.title.clone(),
                comment_id: c.id,
                date: c.date.clone(),
            })
        })
        .collect();
    recent_comments.sort_by(|a, b| b.date.cmp(&a.date).then(b.comment_id.cmp(&a.comment_id)));
    recent_comments.truncate(RECENT_COMMENTS);

    let site = Site {
        title: config.title.clone(),
        tagline: config.tagline.clone(),
        description: config.description.clone(),
        categories,
        footer_pages: config.footer_pages.clone(),
        copyright: config.copyright.clone(),
        disclaimer: config.disclaimer.clone(),
        popular_posts,
        recent_comments,
        post_count: summaries.len() as u32,
        article_count: articles.len() as u32,
        wordpress: config.wordpress.clone(),
        url: config.url.clone(),
        image_origins: config.image_origins.clone(),
    };
    files.push((ContentFile::Site.path(), to_json(&site)));
    files
}

/// The sets of two or more of `categories` that posts share, each with how
/// many posts are in exactly that set (slugs sorted, sets in order).
fn category_overlaps(categories: &[Category], posts: &[Post]) -> Vec<CategoryOverlap> {
    let mut sets = std::collections::BTreeMap::<Vec<String>, u32>::new();
    for post in posts {
        let mut set: Vec<String> = categories
            .iter()
            .filter(|c| post.in_category(&c.slug))
            .map(|c| c.slug.clone())
            .collect();
        if set.len() >= 2 {
            set.sort();
            *sets.entry(set).or_default() += 1;
        }
    }
    sets.into_iter()
        .map(|(categories, posts)| CategoryOverlap { categories, posts })
        .collect()
}

/// WordPress's home page: sticky posts first on page 1 (newest first), then
/// the rest of that page; later pages as they are. Rewrites `Latest` page 1
/// of `latest` (all posts, newest first) when there is a sticky post.
fn stick_to_the_top(files: &mut Vec<OutputFile>, latest: &[&PostSummary]) {
    if !latest.iter().any(|p| p.sticky) {
        return;
    }
    let first = latest.iter().filter(|p| p.sticky);
    let rest = latest.iter().take(PAGE_SIZE).filter(|p| !p.sticky);
    let total = latest.len() as u32;
    let body = ListPage {
        page: 1,
        pages: page_count(total),
        total,
        posts: first.chain(rest).map(|p| (*p).clone()).collect(),
        overlaps: Vec::new(),
    };
    let page_one = ContentFile::Latest { page: 1 }.path();
    files.retain(|(path, _)| *path != page_one);
    files.push((page_one, to_json(&body)));
}

/// Writes one list as its index pages; `overlaps` go on the first. No post
/// is marked sticky there: WordPress's themes mark ("Featured") a sticky
/// post on the home page's first page only ([`stick_to_the_top`] writes it),
/// and list it as any other elsewhere.
fn push_list(
    files: &mut Vec<OutputFile>,
    list: &[&PostSummary],
    overlaps: &[CategoryOverlap],
    file: &dyn Fn(u32) -> ContentFile,
) {
    let total = list.len() as u32;
    let pages = page_count(total);
    for page in 1..=pages {
        let start = (page as usize - 1) * PAGE_SIZE;
        let posts = list
            .iter()
            .skip(start)
            .take(PAGE_SIZE)
            .map(|p| PostSummary {
                sticky: false,
                ..(*p).clone()
            })
            .collect();
        let body = ListPage {
            page,
            pages,
            total,
            posts,
            overlaps: if page == 1 {
                overlaps.to_vec()
            } else {
                Vec::new()
            },
        };
        files.push((file(page).path(), to_json(&body)));
    }
}

fn to_json<T: Serialize>(value: &T) -> String {
    // Serializing our own plain structs cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

/// Reads every `*.json` post under `dir`, sorted by file name.
pub fn read_posts(dir: &Path) -> Result<Vec<Post>, String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let text =
                std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            super::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))
        })
        .collect()
}

pub fn read_config(path: &Path) -> Result<SiteConfig, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    super::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Replaces `site.json` and `index/` under `content_root` with `files`.
pub fn write_files(content_root: &Path, files: &[OutputFile]) -> std::io::Result<()> {
    let index = content_root.join("index");
    if index.exists() {
        std::fs::remove_dir_all(&index)?;
    }
    for (path, json) in files {
        let target = content_root.join(path);
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(target, json)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::content::Page;
    use std::path::PathBuf;

    fn root() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
    }

    fn shipped() -> (SiteConfig, Vec<Post>) {
        let config = read_config(&root().join("content/site.json")).unwrap();
        let posts = read_posts(&root().join("public/content/posts")).unwrap();
        (config, posts)
    }

    #[test]
    fn shipped_posts_are_valid() {
        let (config, posts) = shipped();
        assert_eq!(validate(&config, &posts), Vec::<String>::new());
        assert!(posts.len() >= 30, "at least 30 posts, got {}", posts.len());
        for category in &config.categories {
            let n = posts.iter().filter(|p| p.category == category.slug).count();
            assert!(n >= 2, "{} has {n} posts", category.slug);
        }
        for post in &posts {
            assert!(
                !post.title.is_empty() && !post.author.is_empty(),
                "{}",
                post.slug
            );
            if post.kind == PostKind::Question {
                assert!(
                    !post.answers.is_empty(),
                    "question {} has no answer",
                    post.slug
                );
            }
        }
    }

    #[test]
    fn shipped_indexes_match_the_posts() {
        let (config, posts) = shipped();
        let content = root().join("public/content");
        let files = build_site(&config, &posts);
        for (path, json) in &files {
            let on_disk = std::fs::read_to_string(content.join(path))
                .unwrap_or_else(|e| panic!("{path}: {e}; run `cargo run --bin build-content`"));
            assert_eq!(
                &on_disk, json,
                "{path} is stale; run `cargo run --bin build-content`"
            );
        }
        let on_disk = walk(&content.join("index")).len();
        assert_eq!(
            on_disk + 1,
            files.len(),
            "index/ holds files the builder did not write"
        );
    }

    #[test]
    fn every_shipped_file_decodes() {
        let content = root().join("public/content");
        for path in walk(&content) {
            let text = std::fs::read_to_string(&path).unwrap();
            let rel = path
                .strip_prefix(&content)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let result = if rel == "site.json" {
                serde_json::from_str::<Site>(&text).map(drop)
            } else if rel.starts_with("index/") {
                serde_json::from_str::<ListPage>(&text).map(drop)
            } else if rel.starts_with("posts/") {
                serde_json::from_str::<Post>(&text).map(drop)
            } else if rel.starts_with("pages/") {
                serde_json::from_str::<Page>(&text).map(drop)
            } else {
                panic!("unexpected file {rel}");
            };
            result.unwrap_or_else(|e| panic!("{rel}: {e}"));
        }
    }

    #[test]
    fn the_seed_post_and_sidebar_are_there() {
        let (config, posts) = shipped();
        let files = build_site(&config, &posts);
        let site: Site = serde_json::from_str(&files.last().unwrap().1).unwrap();
        let khrushchev = posts
            .iter()
            .find(|p| p.slug == "what-was-khrushchevs-secret-speech")
            .unwrap();
        assert_eq!(khrushchev.title, "What was khrushchev’s secret speech?");
        assert_eq!(khrushchev.author, "Tori Frost");
        assert_eq!(khrushchev.category, "history-and-politics");
        assert!(khrushchev.answers.iter().any(|a| a.author == "Mac"));
        assert!(khrushchev.comments.iter().any(|c| c.author == "Spellbound"));
        let recent: Vec<_> = site
            .recent_comments
            .iter()
            .map(|c| (c.author.as_str(), c.post_title.as_str()))
            .collect();
        assert_eq!(recent[0], ("Pat", "What does Nazdrovia actually mean?"));
        assert!(recent.contains(&(
            "HAMISH A McDONALD",
            "What Russia would be like today if Nicholas II had not been executed?"
        )));
        assert_eq!(site.categories.len(), 10);
        assert_eq!(site.popular_posts.len(), 5);
    }

    #[test]
    fn lists_are_paged_and_counted() {
        let config = SiteConfig {
            title: "T".into(),
            categories: vec![
                Category {
                    slug: "a".into(),
                    name: "A".into(),
                    count: 0,
                },
                Category {
                    slug: "b".into(),
                    name: "B".into(),
                    count: 0,
                },
            ],
            ..Default::default()
        };
        let posts: Vec<Post> = (0..23)
            .map(|i| Post {
                slug: format!("p{i}"),
                title: format!("P{i}"),
                category: if i % 3 == 0 { "a".into() } else { "b".into() },
                kind: if i % 2 == 0 {
                    PostKind::Article
                } else {
                    PostKind::Question
                },
                date: format!("2020-01-{:02}", i + 1),
                author: "x".into(),
                ..Default::default()
            })
            .collect();
        let files = build_site(&config, &posts);
        let get = |p: &str| -> ListPage {
            serde_json::from_str(&files.iter().find(|f| f.0 == p).unwrap().1).unwrap()
        };
        let latest1 = get("index/latest/1.json");
        assert_eq!(
            (latest1.total, latest1.pages, latest1.posts.len()),
            (23, 3, 10)
        );
        assert_eq!(latest1.posts[0].slug, "p22");
        assert_eq!(get("index/latest/3.json").posts.len(), 3);
        let a = get("index/category/a/1.json");
        assert_eq!(a.total, 8);
        assert!(a.posts.iter().all(|p| p.category == "a"));
        assert_eq!(get("index/articles/2.json").total, 12);
        let site: Site = serde_json::from_str(&files.last().unwrap().1).unwrap();
        assert_eq!(site.categories[0].count + site.categories[1].count, 23);
    }

    #[test]
    fn sticky_posts_lead_the_home_page_and_a_post_counts_in_each_category() {
        let category = |slug: &str| Category {
            slug: slug.into(),
            name: slug.to_uppercase(),
            count: 0,
        };
        let config = SiteConfig {
            title: "T".into(),
            categories: vec![category("a"), category("b"), category("only-shared")],
            ..Default::default()
        };
        let mut posts: Vec<Post> = (0..15)
            .map(|i| Post {
                slug: format!("p{i:02}"),
                title: format!("P{i}"),
                category: "a".into(),
                date: format!("2020-01-{:02}", i + 1),
                ..Default::default()
            })
            .collect();
        // The oldest is sticky; the second oldest is also in b and only-shared.
        posts[0].sticky = true;
        posts[1].categories = vec!["b".into(), "only-shared".into()];
        assert!(validate(&config, &posts).is_empty());
        let files = build_site(&config, &posts);
        let get = |p: &str| -> ListPage {
            serde_json::from_str(&files.iter().find(|f| f.0 == p).unwrap().1).unwrap()
        };
        let first = get("index/latest/1.json");
        let slugs: Vec<&str> = first.posts.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(slugs[..3], ["p00", "p14", "p13"]);
        assert_eq!((first.posts.len(), first.total, first.pages), (11, 15, 2));
        assert!(first.posts[0].sticky);
        // In its own place on page 2 too, as WordPress does.
        let second = get("index/latest/2.json");
        assert_eq!(second.posts.last().unwrap().slug, "p00");
        // Marked on the home list's first page only.
        assert!(!second.posts.last().unwrap().sticky);
        let in_a = get("index/category/a/2.json");
        assert_eq!(in_a.posts.last().unwrap().slug, "p00");
        assert!(!in_a.posts.last().unwrap().sticky);
        assert_eq!(get("index/category/b/1.json").posts[0].slug, "p01");
        let site: Site = serde_json::from_str(&files.last().unwrap().1).unwrap();
        let counts: Vec<u32> = site.categories.iter().map(|c| c.count).collect();
        assert_eq!(counts, [15, 1, 1]);
        // A category no post lists is a problem in the site's own files.
        posts[2].categories = vec!["nowhere".into()];
        assert_eq!(validate(&config, &posts).len(), 1);
    }

    fn walk(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(walk(&path));
            } else {
                out.push(path);
            }
        }
        out
    }
}
