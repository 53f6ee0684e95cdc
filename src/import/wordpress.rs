//! A WordPress site's REST API, as the importer reads it: its types (serde),
//! finding the API (`/wp-json/`, or `/?rest_route=/` when pretty permalinks
//! are off), paging, retries with backoff, and errors that name the cause.

pub use crate::models::comments::wordpress::{PublishedComment as Comment, Rendered};
use crate::models::content::CommentStatus;
use crate::models::text::safe_href;
use crate::models::urls::encode_component;
use serde::{de::DeserializeOwned, Deserialize};
use std::{fmt, thread, time::Duration};

/// How long one request may take before it is retried.
const TIMEOUT: Duration = Duration::from_secs(30);
/// Tries per request for timeouts, network errors, 429 and 5xx.
const TRIES: u32 = 4;
/// REST pages are this long (WordPress's maximum).
pub const PER_PAGE: u32 = 100;

/// Why an import stopped, in words for the site owner.
#[derive(Debug)]
pub enum ImportError {
    /// The address answered, but not as a WordPress REST API.
    NotWordPress { url: String, why: String },
    /// 401 or 403: the site refuses anonymous reading of the API.
    Refused { url: String, status: u16 },
    /// No answer within the time limit, after every retry.
    Timeout { url: String },
    /// Another error status, after every retry where that helps.
    Status { url: String, status: u16 },
    /// No connection (DNS, refused, TLS).
    Network { url: String, why: String },
    /// The answer was not the JSON asked for.
    Malformed { url: String, why: String },
    /// The JSON came after other text: PHP's notices and warnings, printed
    /// by a plugin or theme before WordPress's answer (`text` is their start).
    TextBeforeJson { url: String, text: String },
    /// Writing the output failed.
    Output { path: String, why: String },
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::NotWordPress { url, why } => write!(
                f,
                "{url} is not a WordPress site with its REST API enabled ({why})"
            ),
            ImportError::Refused { url, status } => write!(
                f,
                "{url} refused to answer ({status}): the site does not allow reading its REST API without logging in"
            ),
            ImportError::Timeout { url } => write!(
                f,
                "{url} did not answer within {} seconds, {TRIES} times",
                TIMEOUT.as_secs()
            ),
            ImportError::Status { url, status } => {
                write!(f, "{url} answered with an error ({status})")
            }
            ImportError::Network { url, why } => write!(f, "could not connect to {url}: {why}"),
            ImportError::Malformed { url, why } => {
                write!(f, "{url} sent something that is not the expected JSON: {why}")
            }
            ImportError::TextBeforeJson { url, text } => write!(
                f,
                "{url} sent text before its JSON, which breaks every reader of the API: \"{text}\". \
                 It is usually a PHP notice or warning from a plugin or theme: turn off \
                 display_errors (WP_DEBUG_DISPLAY false in wp-config.php) or fix that plugin"
            ),
            ImportError::Output { path, why } => write!(f, "could not write {path}: {why}"),
        }
    }
}

impl std::error::Error for ImportError {}

/// `/wp-json/`: the site's name and tagline.
#[derive(Clone, Debug, Deserialize)]
pub struct SiteInfo {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub namespaces: Vec<String>,
    /// The site's public address (WordPress's "Site Address (URL)").
    #[serde(default)]
    pub home: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Category {
    pub id: u64,
    pub name: String,
    pub slug: String,
    #[serde(default)]
    pub count: u32,
    /// Its archive's address on WordPress.
    #[serde(default)]
    pub link: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct User {
    pub id: u64,
    #[serde(default)]
    pub name: String,
}

/// A post or a page.
#[derive(Clone, Debug, Deserialize)]
pub struct Post {
    pub id: u64,
    pub date_gmt: String,
    #[serde(default)]
    pub modified_gmt: String,
    pub slug: String,
    pub status: String,
    #[serde(default)]
    pub title: Rendered,
    #[serde(default)]
    pub content: Rendered,
    #[serde(default)]
    pub excerpt: Rendered,
    #[serde(default)]
    pub categories: Vec<u64>,
    #[serde(default)]
    pub author: u64,
    #[serde(default)]
    pub comment_status: CommentStatus,
    /// The id of the post's featured image (0: none).
    #[serde(default)]
    pub featured_media: u64,
    #[serde(default)]
    pub sticky: bool,
    /// Its permalink on WordPress.
    #[serde(default)]
    pub link: String,
    /// A page's parent page (0: none) and its place among its siblings.
    #[serde(default)]
    pub parent: u64,
    #[serde(default)]
    pub menu_order: i64,
}

/// An item of the media library, as `wp/v2/media` lists it.
#[derive(Clone, Debug, Deserialize)]
pub struct Media {
    pub id: u64,
    #[serde(default)]
    pub source_url: String,
    /// `{"sizes": {"thumbnail": {"source_url": …}, …}}`; PHP writes an
    /// empty array where an item has none, so it is read loosely.
    #[serde(default)]
    pub media_details: serde_json::Value,
}

/// The `_fields` of a [`Media`].
pub const MEDIA_FIELDS: &str = "id,source_url,media_details";

impl Media {
    /// The image to show as a thumbnail: WordPress's `thumbnail` size (150
    /// px square by default), else `medium`, else the original; http(s) only.
    pub fn thumbnail(&self) -> Option<String> {
        let sizes = self.media_details.get("sizes");
        ["thumbnail", "medium"]
            .iter()
            .filter_map(|size| sizes?.get(size)?.get("source_url")?.as_str())
            .chain(std::iter::once(self.source_url.as_str()))
            .find_map(safe_href)
            .map(str::to_string)
    }
}

/// What the importer reads of every post on every run: enough to know
/// whether it changed, and what can change without changing it (a deleted
/// category moves it, comments can be closed in a bulk edit, it can be made
/// sticky).
#[derive(Clone, Debug, Deserialize)]
pub struct PostStamp {
    pub id: u64,
    #[serde(default)]
    pub date_gmt: String,
    #[serde(default)]
    pub modified_gmt: String,
    #[serde(default)]
    pub categories: Vec<u64>,
    #[serde(default)]
    pub comment_status: CommentStatus,
    /// Sticky is a site option, not the post's: making a post sticky does
    /// not change its modification time.
    #[serde(default)]
    pub sticky: bool,
    /// Its permalink on WordPress (a new permalink structure changes it).
    #[serde(default)]
    pub link: String,
}

/// The `_fields` of a [`PostStamp`].
pub const STAMP_FIELDS: &str = "id,date_gmt,modified_gmt,categories,comment_status,sticky,link";

/// Just the ids of a comment and its post.
#[derive(Clone, Debug, Deserialize)]
pub struct CommentStamp {
    pub id: u64,
    #[serde(default)]
    pub post: u64,
}

/// Whether a post takes comments from a reader without an account, as
/// WordPress answers a comment it can never create (see [`Client::probe_comments`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Probe {
    Open,
    Closed,
    /// Anything else (anonymous comments not allowed, a security plugin):
    /// nothing can be learnt.
    Unknown,
}

/// Whether a list has pages after the one read: WordPress says how many
/// (`X-WP-TotalPages`); where a proxy or CDN stripped that, its `Link`
/// header's `rel="next"` says whether there is another. Proxies strip it
/// too: then only an empty page (or WordPress's 400 past the last) ends
/// the list, since a page may hold fewer items than asked and not be the
/// last (WordPress drops, after counting, the comments a visitor may not
/// see: those on drafts and private posts).
enum More {
    Counted(u32),
    Next(bool),
    Unknown,
}

/// Whether a `Link` header (RFC 8288) names a `rel="next"` target.
pub fn has_next_link(link: &str) -> bool {
    link.split(',').any(|target| {
        target.split(';').skip(1).any(|param| {
            let param = param.trim().to_ascii_lowercase();
            let value = param.strip_prefix("rel=").map(|v| v.trim_matches('"'));
            value.is_some_and(|rels| rels.split_whitespace().any(|r| r == "next"))
        })
    })
}

/// Items of a list that could be read, and why the others could not.
pub struct Items<T> {
    pub items: Vec<T>,
    pub skipped: Vec<String>,
}

/// One WordPress site's REST API.
pub struct Client {
    agent: ureq::Agent,
    /// The API's root: `https://site/wp-json/` or `https://site/?rest_route=/`.
    root: String,
    /// The root asked for, when it redirected to [`Client::root`].
    pub moved_from: Option<String>,
    pub info: SiteInfo,
}

impl Client {
    /// Finds the REST API of the site at `site` (its home address).
    pub fn connect(site: &str) -> Result<Client, ImportError> {
        let agent = ureq::AgentBuilder::new()
            .timeout(TIMEOUT)
            .user_agent("russian-best-importer")
            .build();
        let site = site.trim_end_matches('/');
        let mut last = None;
        for root in [format!("{site}/wp-json/"), format!("{site}/?rest_route=/")] {
            let mut client = Client {
                agent: agent.clone(),
                moved_from: None,
                root,
                info: SiteInfo {
                    name: String::new(),
                    description: String::new(),
                    namespaces: Vec::new(),
                    home: String::new(),
                },
            };
            match client.get_index() {
                Ok((info, at)) if info.namespaces.iter().any(|n| n == "wp/v2") => {
                    client.info = info;
                    // Where the API really is once redirects (http → https,
                    // www) are followed: comments are POSTed there, and a
                    // POST answered with a redirect is lost.
                    if at != client.root {
                        client.moved_from = Some(std::mem::replace(&mut client.root, at));
                    }
                    return Ok(client);
                }
                Ok(_) => {
                    last = Some(ImportError::NotWordPress {
                        url: client.root.clone(),
                        why: "its API has no wp/v2 routes".into(),
                    })
                }
                Err(
                    error @ (ImportError::Refused { .. }
                    | ImportError::Timeout { .. }
                    | ImportError::TextBeforeJson { .. }),
                ) => return Err(error),
                Err(ImportError::Network { url, why }) => {
                    return Err(ImportError::Network { url, why })
                }
                Err(error) => last = Some(error),
            }
        }
        Err(match last {
            Some(ImportError::Malformed { url, .. }) | Some(ImportError::Status { url, .. }) => {
                ImportError::NotWordPress {
                    url,
                    why: "no REST API answered at /wp-json/ or /?rest_route=/".into(),
                }
            }
            Some(other) => other,
            None => ImportError::NotWordPress {
                url: site.into(),
                why: "no answer".into(),
            },
        })
    }

    /// The API's root, as the app will post comments to it.
    pub fn root(&self) -> &str {
        &self.root
    }

    /// The URL of `route` (`wp/v2/posts`) with `query`.
    pub fn url(&self, route: &str, query: &[(&str, String)]) -> String {
        let mut url = format!("{}{route}", self.root);
        for (i, (key, value)) in query.iter().enumerate() {
            let separator = if i == 0 && !url.contains('?') {
                '?'
            } else {
                '&'
            };
            url.push(separator);
            url.push_str(key);
            url.push('=');
            url.push_str(&encode_component(value));
        }
        url
    }

    /// Every item of a paged list, `on_page(page, pages)` called after each
    /// page (`pages` is a guess where WordPress's count was stripped). An
    /// item that is not a `T` is skipped and reported, not fatal.
    pub fn all<T: DeserializeOwned>(
        &self,
        route: &str,
        query: &[(&str, String)],
        mut on_page: impl FnMut(u32, u32),
    ) -> Result<Items<T>, ImportError> {
        let mut items = Vec::new();
        let mut skipped = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut page = 1;
        loop {
            let mut query = query.to_vec();
            query.push(("per_page", PER_PAGE.to_string()));
            query.push(("page", page.to_string()));
            let url = self.url(route, &query);
            let (values, more): (Vec<serde_json::Value>, More) = match self.get_page(&url) {
                Ok(answer) => answer,
                // Uncounted, the end shows as WordPress's 400 for a page
                // past the last (`rest_post_invalid_page_number`).
                Err(ImportError::Status { status: 400, .. }) if page > 1 => break,
                Err(error) => return Err(error),
            };
            let key = |v: &serde_json::Value| v.get("id").unwrap_or(v).to_string();
            let new = values.iter().filter(|v| seen.insert(key(v))).count();
            if new == 0 && page > 1 {
                // A server that ignores `page` answers the same items forever.
                skipped.push(format!(
                    "{route}: page {page} repeated earlier items; stopped there"
                ));
                break;
            }
            let empty = values.is_empty();
            for value in values {
                let id = value.get("id").and_then(|id| id.as_u64());
                match serde_json::from_value::<T>(value) {
                    Ok(item) => items.push(item),
                    Err(why) => skipped.push(format!(
                        "{route} item {}: {why}",
                        id.map_or("without an id".into(), |id| id.to_string())
                    )),
                }
            }
            let last = match more {
                More::Counted(pages) => page >= pages,
                More::Next(next) => !next,
                More::Unknown => empty,
            };
            on_page(page, if last { page } else { page + 1 });
            if last {
                break;
            }
            page += 1;
        }
        Ok(Items { items, skipped })
    }

    /// One page of a list and whether more follow.
    fn get_page<T: DeserializeOwned>(&self, url: &str) -> Result<(T, More), ImportError> {
        let response = self.get(url)?;
        let more = match response
            .header("X-WP-TotalPages")
            .and_then(|p| p.trim().parse().ok())
        {
            Some(pages) => More::Counted(pages),
            None => match response.header("Link") {
                Some(link) => More::Next(has_next_link(link)),
                None => More::Unknown,
            },
        };
        Ok((read_json(url, response)?, more))
    }

    /// Asks WordPress whether `post_id` takes comments now, without creating
    /// one: `POST wp/v2/comments` with an `id` is refused as "Cannot create
    /// existing comment" (400 `rest_comment_exists`) only after the
    /// permission check, which answers 403 `rest_comment_closed` for a
    /// closed post — including posts closed site-wide for their age, which
    /// the post's own `comment_status` does not show.
    pub fn probe_comments(&self, post_id: u64) -> Probe {
        let url = self.url("wp/v2/comments", &[]);
        let body = format!(r#"{{"post":{post_id},"id":1}}"#);
        let answer = self
            .agent
            .post(&url)
            .set("Content-Type", "application/json")
            .send_string(&body);
        let (status, response) = match answer {
            Err(ureq::Error::Status(status, response)) => (status, response),
            _ => return Probe::Unknown,
        };
        let code = response
            .into_string()
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .and_then(|error| error.get("code")?.as_str().map(str::to_string))
            .unwrap_or_default();
        probe_meaning(status, &code)
    }

    /// The API's index (`/wp-json/`) and the URL it was read from in the
    /// end, after any redirects.
    fn get_index(&self) -> Result<(SiteInfo, String), ImportError> {
        let response = self.get(&self.root)?;
        let at = response.get_url().to_string();
        Ok((read_json(&self.root, response)?, at))
    }

    /// A GET, retried with backoff (0.5, 1, 2 s) on timeouts, lost
    /// connections, 429 and 5xx.
    fn get(&self, url: &str) -> Result<ureq::Response, ImportError> {
        let mut delay = Duration::from_millis(500);
        let mut tries = 0;
        loop {
            tries += 1;
            let error = match self.agent.get(url).call() {
                Ok(response) => return Ok(response),
                Err(ureq::Error::Status(status @ (401 | 403), _)) => {
                    return Err(ImportError::Refused {
                        url: url.into(),
                        status,
                    })
                }
                Err(ureq::Error::Status(status, _)) if status != 429 && status < 500 => {
                    return Err(ImportError::Status {
                        url: url.into(),
                        status,
                    })
                }
                Err(ureq::Error::Status(status, _)) => ImportError::Status {
                    url: url.into(),
                    status,
                },
                Err(ureq::Error::Transport(transport)) => {
                    let why = transport.to_string();
                    let timed_out = why.contains("timed out") || why.contains("Timeout");
                    match (timed_out, transport.kind()) {
                        (true, _) | (_, ureq::ErrorKind::Io) => {
                            ImportError::Timeout { url: url.into() }
                        }
                        (false, ureq::ErrorKind::ConnectionFailed | ureq::ErrorKind::Dns) => {
                            // Nothing listens there: retrying will not help.
                            return Err(ImportError::Network {
                                url: url.into(),
                                why,
                            });
                        }
                        _ => ImportError::Network {
                            url: url.into(),
                            why,
                        },
                    }
                }
            };
            if tries >= TRIES {
                return Err(error);
            }
            thread::sleep(delay);
            delay *= 2;
        }
    }
}

fn read_json<T: DeserializeOwned>(url: &str, response: ureq::Response) -> Result<T, ImportError> {
    let content_type = response.content_type().to_string();
    let body = response.into_string().map_err(|e| ImportError::Timeout {
        url: format!("{url} ({e})"),
    })?;
    parse_answer(url, &content_type, &body)
}

/// A REST answer's JSON, read as WordPress's own clients read it: a
/// byte-order mark before it (saved into a plugin or theme file by an
/// editor) is ignored; other text before it is named as the cause.
pub fn parse_answer<T: DeserializeOwned>(
    url: &str,
    content_type: &str,
    body: &str,
) -> Result<T, ImportError> {
    let body = body.trim_start_matches('\u{feff}');
    let why = match crate::models::content::from_json(body) {
        Ok(value) => return Ok(value),
        Err(why) => why,
    };
    if let Some(text) = text_before_json(body) {
        return Err(ImportError::TextBeforeJson {
            url: url.into(),
            text,
        });
    }
    let page = content_type.contains("html") || body.trim_start().starts_with('<');
    Err(ImportError::Malformed {
        url: url.into(),
        why: if page {
            "a web page, not JSON".into()
        } else {
            why
        },
    })
}

/// The start of the text before a body's JSON (as a reader sees it, tags
/// out), when the body is JSON after some text.
fn text_before_json(body: &str) -> Option<String> {
    let start = body
        .match_indices(['{', '['])
        .take(50)
        .map(|(at, _)| at)
        .find(|&at| at > 0 && serde_json::from_str::<serde::de::IgnoredAny>(&body[at..]).is_ok())?;
    let text = super::html::to_text(&body[..start]);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = text.chars().take(160).collect();
    Some(if cut.len() < text.len() {
        format!("{cut}…")
    } else {
        cut
    })
}

/// What WordPress's answer to [`Client::probe_comments`] means.
pub fn probe_meaning(status: u16, code: &str) -> Probe {
    match (status, code) {
        (400, "rest_comment_exists") => Probe::Open,
        (403, "rest_comment_closed") => Probe::Closed,
        _ => Probe::Unknown,
    }
}

/// The posts (oldest first) whose comments WordPress closed for their age,
/// found with `probe` in about log₂(n) questions: WordPress closes comments
/// on every post older than a number of days (`close_comments_for_old_posts`),
/// so the closed ones are a prefix of the oldest. Returns how many of the
/// oldest are closed; 0 when the oldest is open or nothing can be learnt.
pub fn closed_for_age(oldest_first: &[u64], mut probe: impl FnMut(u64) -> Probe) -> usize {
    let Some(&oldest) = oldest_first.first() else {
        return 0;
    };
    if probe(oldest) != Probe::Closed {
        return 0;
    }
    // posts[..low] are closed; posts[high..] are open (or unknown).
    let (mut low, mut high) = (1, oldest_first.len());
    while low < high {
        let middle = low + (high - low) / 2;
        match probe(oldest_first[middle]) {
            Probe::Closed => low = middle + 1,
            Probe::Open | Probe::Unknown => high = middle,
        }
    }
    low
}

/// Decodes WordPress's percent-encoded slugs (`%d1%87…` → `ч…`); a slug
/// that is not valid UTF-8 once decoded stays as it was.
pub fn decode_slug(slug: &str) -> String {
    percent_encoding::percent_decode_str(slug)
        .decode_utf8()
        .map_or_else(|_| slug.to_string(), |s| s.into_owned())
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_closed_for_their_age_are_found_by_halving() {
        let posts: Vec<u64> = (1..=100).collect();
        for closed in [0, 1, 2, 37, 99, 100] {
            let mut asked = 0;
            let found = closed_for_age(&posts, |id| {
                asked += 1;
                if id as usize <= closed {
                    Probe::Closed
                } else {
                    Probe::Open
                }
            });
            assert_eq!(found, closed);
            assert!(asked <= 9, "{asked} questions for {closed}");
        }
        assert_eq!(closed_for_age(&posts, |_| Probe::Unknown), 0);
        assert_eq!(closed_for_age(&[], |_| Probe::Closed), 0);
        assert_eq!(probe_meaning(400, "rest_comment_exists"), Probe::Open);
        assert_eq!(probe_meaning(403, "rest_comment_closed"), Probe::Closed);
        assert_eq!(
            probe_meaning(401, "rest_comment_login_required"),
            Probe::Unknown
        );
    }

    #[test]
    fn next_links_are_found_in_link_headers() {
        assert!(has_next_link(
            r#"<https://a/wp-json/wp/v2/posts?page=2>; rel="next""#
        ));
        assert!(has_next_link(
            r#"<https://a/?page=1>; rel="prev", <https://a/?page=3>; rel=next"#
        ));
        assert!(has_next_link(
            r#"<https://a/x>; title="b"; REL="alternate next""#
        ));
        assert!(!has_next_link(r#"<https://a/?page=1>; rel="prev""#));
        assert!(!has_next_link(r#"<https://a/next>; rel="prev""#));
        assert!(!has_next_link(""));
    }

    #[test]
    fn a_byte_order_mark_is_ignored_and_text_before_json_is_named() {
        let read = |body: &str| parse_answer::<Vec<u32>>("u", "application/json", body);
        assert_eq!(read("\u{feff}[1,2]").unwrap(), vec![1, 2]);
        assert_eq!(read("\u{feff}\u{feff} [3]").unwrap(), vec![3]);
        let notice = "<br />\n<b>Notice</b>:  Undefined index: foo in <b>/var/www/wp-content/plugins/x.php</b> on line <b>3</b><br />\n[1]";
        match read(notice) {
            Err(ImportError::TextBeforeJson { text, .. }) => {
                assert!(
                    text.starts_with("Notice: Undefined index: foo in /var/www"),
                    "{text}"
                );
                let message = ImportError::TextBeforeJson {
                    url: "u".into(),
                    text,
                }
                .to_string();
                assert!(message.contains("PHP notice"), "{message}");
            }
            other => panic!("{other:?}"),
        }
        match read("Deprecated: something [1] {") {
            Err(ImportError::Malformed { .. }) => {}
            other => panic!("{other:?}"),
        }
        match parse_answer::<Vec<u32>>("u", "text/html", "<!doctype html><p>shop</p>") {
            Err(ImportError::Malformed { why, .. }) => assert_eq!(why, "a web page, not JSON"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn percent_encoded_slugs_are_decoded() {
        assert_eq!(
            decode_slug("%d1%87%d1%82%d0%b5%d0%bd%d0%b8%d0%b5"),
            "чтение"
        );
        assert_eq!(decode_slug("plain-slug"), "plain-slug");
        assert_eq!(decode_slug("%ff%fe"), "%ff%fe");
        assert_eq!(decode_slug("100%"), "100%");
        assert_eq!(decode_slug("%e2%84%96-5_%f0%9f%90%88"), "№-5_🐈");
        assert_eq!(decode_slug("%D0%A7"), "ч");
    }
}
