//! A WordPress site's REST API, as the importer reads it: its types (serde),
//! finding the API (`/wp-json/`, or `/?rest_route=/` when pretty permalinks
//! are off), paging, retries with backoff, and errors that name the cause.

pub use crate::models::comments::wordpress::{PublishedComment as Comment, Rendered};
use crate::models::content::CommentStatus;
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
}

/// What the importer reads of every post on every run: enough to know
/// whether it changed, and what can change without changing it (a deleted
/// category moves it, comments can be closed in a bulk edit).
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
}

/// The `_fields` of a [`PostStamp`].
pub const STAMP_FIELDS: &str = "id,date_gmt,modified_gmt,categories,comment_status";

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
                root,
                info: SiteInfo {
                    name: String::new(),
                    description: String::new(),
                    namespaces: Vec::new(),
                    home: String::new(),
                },
            };
            match client.get_json::<SiteInfo>(&client.root.clone()) {
                Ok(info) if info.namespaces.iter().any(|n| n == "wp/v2") => {
                    client.info = info;
                    return Ok(client);
                }
                Ok(_) => {
                    last = Some(ImportError::NotWordPress {
                        url: client.root.clone(),
                        why: "its API has no wp/v2 routes".into(),
                    })
                }
                Err(error @ (ImportError::Refused { .. } | ImportError::Timeout { .. })) => {
                    return Err(error)
                }
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
    /// page. An item that is not a `T` is skipped and reported, not fatal.
    pub fn all<T: DeserializeOwned>(
        &self,
        route: &str,
        query: &[(&str, String)],
        mut on_page: impl FnMut(u32, u32),
    ) -> Result<Items<T>, ImportError> {
        let mut items = Vec::new();
        let mut skipped = Vec::new();
        let mut page = 1;
        loop {
            let mut query = query.to_vec();
            query.push(("per_page", PER_PAGE.to_string()));
            query.push(("page", page.to_string()));
            let url = self.url(route, &query);
            let (values, pages): (Vec<serde_json::Value>, u32) = self.get_page(&url)?;
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
            on_page(page, pages);
            if page >= pages {
                return Ok(Items { items, skipped });
            }
            page += 1;
        }
    }

    /// One page of a list and how many pages there are (`X-WP-TotalPages`).
    fn get_page<T: DeserializeOwned>(&self, url: &str) -> Result<(T, u32), ImportError> {
        let response = self.get(url)?;
        let pages = response
            .header("X-WP-TotalPages")
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(1);
        Ok((read_json(url, response)?, pages))
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

    fn get_json<T: DeserializeOwned>(&self, url: &str) -> Result<T, ImportError> {
        read_json(url, self.get(url)?)
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
    if content_type.contains("html") || body.trim_start().starts_with('<') {
        return Err(ImportError::Malformed {
            url: url.into(),
            why: "a web page, not JSON".into(),
        });
    }
    crate::models::content::from_json(&body).map_err(|why| ImportError::Malformed {
        url: url.into(),
        why,
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
    let bytes = slug.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).and_then(|&b| hex(b)),
            bytes.get(i + 2).and_then(|&b| hex(b)),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8(out)
        .unwrap_or_else(|_| slug.to_string())
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
    fn percent_encoded_slugs_are_decoded() {
        assert_eq!(
            decode_slug("%d1%87%d1%82%d0%b5%d0%bd%d0%b8%d0%b5"),
            "чтение"
        );
        assert_eq!(decode_slug("plain-slug"), "plain-slug");
        assert_eq!(decode_slug("%ff%fe"), "%ff%fe");
        assert_eq!(decode_slug("100%"), "100%");
    }
}
