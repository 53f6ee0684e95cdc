//! Content: the JSON format, where each file lives, and how a response
//! becomes a value or a [`LoadError`]. Only this module knows URLs and the
//! file layout (see `docs/content-format.md`).

mod lenient;
mod types;
pub use lenient::Lenient;
pub use types::*;

#[cfg(not(target_arch = "wasm32"))]
pub mod build;

use serde::de::DeserializeOwned;
use std::fmt;

/// An import's old addresses, in the content folder ([`Redirects`]).
pub const REDIRECTS_FILE: &str = "redirects.json";

/// Where the content files are served from.
pub const CONTENT_ROOT: &str = "/content";

/// The `id` of a prerendered page's data block: the content files it was
/// rendered from, as `{"url": …, "files": {<file URL>: <text>}}` (written by
/// `prerender::shell`, read by `browser::api::adopt_prerendered_files`).
pub const PRERENDERED_DATA_ID: &str = "prerendered";

/// A slug is what WordPress's `sanitize_title_with_dashes` leaves, decoded:
/// lowercase ASCII letters, digits, `-` and `_`, and any other character
/// beyond ASCII that is not uppercase, a space or a control character
/// (Cyrillic, `№`, emoji: WordPress percent-encodes them, the content stores
/// them decoded). At most 200 bytes (WordPress's `post_name` column), not
/// `-` at either end. Every other string is never fetched: a slug is also a
/// file name, so `/`, `.`, `%` and the like never pass.
pub fn is_valid_slug(slug: &str) -> bool {
    let allowed = |c: char| match c {
        'a'..='z' | '0'..='9' | '-' | '_' => true,
        c if c.is_ascii() => false,
        c => !c.is_uppercase() && !c.is_whitespace() && !c.is_control(),
    };
    !slug.is_empty()
        && slug.len() <= 200
        && slug.chars().all(allowed)
        && !slug.starts_with('-')
        && !slug.ends_with('-')
}

/// The content files, each with the name a reader sees when it fails.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContentFile {
    Site,
    Latest { page: u32 },
    Category { slug: String, page: u32 },
    Articles { page: u32 },
    Post { slug: String },
    Page { slug: String },
}

impl ContentFile {
    /// The file's path relative to the content root.
    pub fn path(&self) -> String {
        match self {
            ContentFile::Site => "site.json".into(),
            ContentFile::Latest { page } => format!("index/latest/{page}.json"),
            ContentFile::Category { slug, page } => format!("index/category/{slug}/{page}.json"),
            ContentFile::Articles { page } => format!("index/articles/{page}.json"),
            ContentFile::Post { slug } => format!("posts/{slug}.json"),
            ContentFile::Page { slug } => format!("pages/{slug}.json"),
        }
    }

    /// Whether the file's slug (if any) is a real slug; others are never fetched.
    pub fn has_valid_slug(&self) -> bool {
        match self {
            ContentFile::Category { slug, .. }
            | ContentFile::Post { slug }
            | ContentFile::Page { slug } => is_valid_slug(slug),
            _ => true,
        }
    }

    /// The file's URL: its path with every non-ASCII slug percent-encoded.
    pub fn url(&self) -> String {
        let mut url = format!("{CONTENT_ROOT}/");
        for byte in self.path().bytes() {
            match byte {
                0x80.. => url.push_str(&format!("%{byte:02X}")),
                _ => url.push(byte as char),
            }
        }
        url
    }

    /// What the file is, in a reader's words.
    pub fn description(&self) -> String {
        match self {
            ContentFile::Site => "the site's menus and sidebar".into(),
            ContentFile::Latest { page } => format!("page {page} of the latest posts"),
            ContentFile::Category { slug, page } => category_description(slug, *page),
            ContentFile::Articles { page } => format!("page {page} of the articles"),
            ContentFile::Post { slug } => format!("the post “{slug}”"),
            ContentFile::Page { slug } => format!("the page “{slug}”"),
        }
    }
}

/// A category's list page as an error names it: by the category's name
/// where it is known (site.json is in), else by its slug.
pub fn category_description(name: &str, page: u32) -> String {
    format!("page {page} of the “{name}” category")
}

/// Why a content file could not be used, said plainly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The request never got an answer (offline, DNS, refused).
    Network,
    /// No answer within the time limit.
    Timeout,
    /// The file does not exist.
    NotFound,
    /// The server answered with another error status.
    Status(u16),
    /// The answer was a web page, not JSON (a misconfigured SPA fallback).
    NotJson,
    /// The JSON was broken, cut short, or of the wrong shape.
    Malformed(String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Network => f.write_str("the network request failed; check your connection"),
            LoadError::Timeout => f.write_str("the server took too long to answer"),
            LoadError::NotFound => f.write_str("it does not exist (404)"),
            LoadError::Status(code) => write!(f, "the server answered with an error ({code})"),
            LoadError::NotJson => f.write_str("the server sent a web page instead of content"),
            LoadError::Malformed(why) => write!(f, "the file is damaged: {why}"),
        }
    }
}

/// Turns an HTTP answer into a value. Pure, so every failure is testable natively.
pub fn decode_response<T: DeserializeOwned>(
    status: u16,
    content_type: &str,
    body: &str,
) -> Result<T, LoadError> {
    match status {
        200..=299 => {}
        404 | 410 => return Err(LoadError::NotFound),
        other => return Err(LoadError::Status(other)),
    }
    let looks_like_html = content_type.contains("html") || body.trim_start().starts_with('<');
    if looks_like_html {
        return Err(LoadError::NotJson);
    }
    from_json(body).map_err(LoadError::Malformed)
}

/// Reads a content file's JSON, or says in plain words why it cannot:
/// where it is broken, or which field has the wrong shape.
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    let deserializer = &mut serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let path = error.path().to_string();
        let error = error.into_inner();
        let (line, column) = (error.line(), error.column());
        match error.classify() {
            serde_json::error::Category::Eof => {
                format!("it ends too early (line {line}, column {column})")
            }
            serde_json::error::Category::Syntax | serde_json::error::Category::Io => {
                format!("it is not valid JSON (line {line}, column {column})")
            }
            serde_json::error::Category::Data => {
                // serde's own words, without its position (added below in ours).
                let message = error.to_string();
                let message = message
                    .rsplit_once(" at line ")
                    .map_or(message.as_str(), |(message, _)| message);
                let field = match path.as_str() {
                    "." | "" => String::new(),
                    path => format!("“{path}”: "),
                };
                format!("it has the wrong shape: {field}{message} (line {line}, column {column})")
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_strict() {
        assert!(is_valid_slug("what-was-khrushchevs-secret-speech"));
        assert!(is_valid_slug("b2"));
        assert!(is_valid_slug("что-почитать"));
        assert!(is_valid_slug("é"));
        // What WordPress keeps in a slug: underscores, symbols, emoji.
        assert!(is_valid_slug("a_b"));
        assert!(is_valid_slug("_"));
        assert!(is_valid_slug("дом-№5"));
        assert!(is_valid_slug("кот-🐈"));
        for bad in [
            "", "-a", "a-", "A", "Ч", "a/b", "..", "a b", "a.json", "a%2f", "a\\b", "a\u{a0}b",
            "a\u{85}b", "a?b", "a#b", "a,b",
        ] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }

    #[test]
    fn a_child_page_knows_the_pages_above_it_and_the_footer_only_the_top() {
        let page = |slug: &str, parent: Option<&str>| PageLink {
            slug: slug.into(),
            title: slug.to_uppercase(),
            parent: parent.map(str::to_string),
        };
        let site = Site {
            footer_pages: vec![
                page("about", None),
                page("team", Some("about")),
                page("anna", Some("team")),
                page("orphan", Some("gone")),
                page("loop-a", Some("loop-b")),
                page("loop-b", Some("loop-a")),
            ],
            ..Site::default()
        };
        let chain = |slug| -> Vec<String> {
            site.page_ancestors(slug)
                .iter()
                .map(|p| p.slug.clone())
                .collect()
        };
        assert_eq!(chain("anna"), ["about", "team"]);
        assert_eq!(chain("about"), Vec::<String>::new());
        assert_eq!(chain("orphan"), Vec::<String>::new());
        assert_eq!(chain("loop-a"), ["loop-b"]);
        let top: Vec<&str> = site.top_level_pages().map(|p| p.slug.as_str()).collect();
        assert_eq!(top, ["about", "orphan"]);
    }

    #[test]
    fn files_have_stable_urls() {
        assert_eq!(ContentFile::Site.url(), "/content/site.json");
        assert_eq!(
            ContentFile::Category {
                slug: "food-and-drinks".into(),
                page: 2
            }
            .url(),
            "/content/index/category/food-and-drinks/2.json"
        );
        assert_eq!(
            ContentFile::Post { slug: "x".into() }.url(),
            "/content/posts/x.json"
        );
        assert_eq!(
            ContentFile::Post {
                slug: "чт".into()
            }
            .url(),
            "/content/posts/%D1%87%D1%82.json"
        );
    }

    /// index.html starts the route's download early with its own copy of
    /// these paths; they must not drift apart.
    #[test]
    fn the_early_download_script_uses_these_paths() {
        let html =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/index.html")).unwrap();
        let slug = "\" + m[1] + \"";
        let post = ContentFile::Post {
            slug: "SLUG".into(),
        }
        .path()
        .replace("SLUG", slug);
        let category = ContentFile::Category {
            slug: "SLUG".into(),
            page: 1,
        }
        .path()
        .replace("SLUG", slug);
        for expected in [
            format!("\"{}\"", ContentFile::Latest { page: 1 }.path()),
            format!("\"{}\"", ContentFile::Articles { page: 1 }.path()),
            format!("\"{post}\""),
            format!("\"{category}\""),
            format!("\"{CONTENT_ROOT}/\""),
            format!("href=\"{}\"", ContentFile::Site.url()),
        ] {
            assert!(html.contains(&expected), "index.html lacks {expected}");
        }
    }

    #[test]
    fn every_failure_is_named() {
        let ok: Result<Category, _> = decode_response(
            200,
            "application/json",
            r#"{"slug":"a","name":"A","extra":1}"#,
        );
        assert_eq!(
            ok.unwrap().count,
            0,
            "unknown fields ignored, missing count defaults"
        );
        let d = |s, ct, b| decode_response::<Category>(s, ct, b).unwrap_err();
        assert_eq!(d(404, "text/plain", ""), LoadError::NotFound);
        assert_eq!(d(500, "application/json", "{}"), LoadError::Status(500));
        assert_eq!(d(200, "text/html", "<!doctype html>"), LoadError::NotJson);
        assert_eq!(
            d(200, "application/octet-stream", "  <html>"),
            LoadError::NotJson
        );
        assert!(
            matches!(d(200, "application/json", r#"{"slug":"a""#), LoadError::Malformed(m) if m.contains("ends too early"))
        );
        assert_eq!(
            d(200, "application/json", r#"{"slug":1,"name":"A"}"#),
            LoadError::Malformed(
                "it has the wrong shape: “slug”: invalid type: integer `1`, expected a string (line 1, column 9)".into()
            )
        );
        assert_eq!(
            d(200, "application/json", r#"{"slug":"a""#),
            LoadError::Malformed("it ends too early (line 1, column 11)".into())
        );
        assert!(
            matches!(d(200, "application/json", r#"{"name":"A"}"#), LoadError::Malformed(m) if m.contains("missing field `slug`"))
        );
        assert!(
            matches!(d(200, "application/json", "nope"), LoadError::Malformed(m) if m.contains("not valid JSON"))
        );
        assert!(LoadError::Timeout.to_string().contains("too long"));
    }

    #[test]
    fn null_counts_as_missing() {
        let post: Post = decode_response(
            200,
            "application/json",
            r#"{"slug":"a","title":"A","category":"c","date":"2020-01-01","author":"Ann",
                "kind":null,"question":null,"answers":null,"comments":[{"id":1,"parent":null,
                "author":"B","url":null,"date":"2020-01-02","body":"x"}],"thumbnail":null}"#,
        )
        .unwrap();
        assert_eq!(post.kind, PostKind::Question);
        assert_eq!((post.question.as_str(), post.answers.len()), ("", 0));
        assert_eq!(post.comments.len(), 1);
        assert_eq!(post.comments[0].parent, None);
        // A required field may not be null.
        let error =
            decode_response::<Category>(200, "application/json", r#"{"slug":null,"name":"A"}"#);
        assert!(matches!(error, Err(LoadError::Malformed(m)) if m.contains("“slug”")));
    }

    #[test]
    fn comment_status_is_open_unless_closed() {
        let read = |status: &str| {
            let json = format!(
                r#"{{"slug":"a","title":"A","category":"c","date":"2020-01-01","author":"Ann"{status}}}"#
            );
            decode_response::<Post>(200, "application/json", &json)
                .unwrap()
                .comment_status
        };
        assert_eq!(read(""), CommentStatus::Open);
        assert_eq!(read(r#","comment_status":null"#), CommentStatus::Open);
        assert_eq!(read(r#","comment_status":"closed""#), CommentStatus::Closed);
        assert_eq!(read(r#","comment_status":"open""#), CommentStatus::Open);
        // A value from a newer WordPress never makes the post unreadable.
        assert_eq!(
            read(r#","comment_status":"registered""#),
            CommentStatus::Open
        );
        // Open is the default and is not written.
        let open = Post::default();
        assert!(!serde_json::to_string(&open)
            .unwrap()
            .contains("comment_status"));
        let closed = Post {
            comment_status: CommentStatus::Closed,
            ..Post::default()
        };
        assert!(serde_json::to_string(&closed)
            .unwrap()
            .contains(r#""comment_status":"closed""#));
    }
}
