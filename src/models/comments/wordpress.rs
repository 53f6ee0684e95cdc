//! Readers' comments sent to the site's WordPress (`POST wp/v2/comments`):
//! what is sent, what each answer means, and the outbox's retry schedule.
//! Pure, so every answer WordPress can give is tested natively; the browser
//! side is `browser/comment_sink.rs`.

use super::store::LocalComment;
use crate::models::content::Comment;
use serde::{Deserialize, Serialize};

/// The body of `POST <root>wp/v2/comments`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewComment {
    pub post: u64,
    /// 0 for a comment on the post itself.
    pub parent: u64,
    pub author_name: String,
    pub author_email: String,
    pub author_url: String,
    pub content: String,
}

/// What WordPress answered, in the app's terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// Created (201): its WordPress id, and whether it waits for moderation.
    Accepted { id: u64, held: bool },
    /// WordPress already has it (409 `comment_duplicate` on a resend, or it
    /// is among the post's comments): an earlier try arrived.
    AlreadyThere,
    /// Refused for what the reader wrote or did, in WordPress's words
    /// (`comment_flood`, `comment_duplicate`, invalid fields): the text stays.
    Refused(String),
    /// 401/403: the site does not take comments from readers without an
    /// account through its API.
    NotAllowed,
    /// No answer, a timeout, 429 or a 5xx: try again later.
    TryLater,
}

#[derive(Deserialize)]
struct Created {
    id: u64,
    #[serde(default)]
    status: String,
}

#[derive(Deserialize)]
struct WpError {
    #[serde(default)]
    code: String,
    #[serde(default)]
    message: String,
}

/// The meaning of WordPress's answer to a POST (`status` 0: no answer).
/// `resend` says whether an earlier try of the same comment may have arrived.
pub fn delivery(status: u16, body: &str, resend: bool) -> Delivery {
    match status {
        200 | 201 => match serde_json::from_str::<Created>(body) {
            Ok(created) => Delivery::Accepted {
                id: created.id,
                held: created.status != "approved",
            },
            // Created, but the answer is unreadable (a proxy cut it short):
            // a resend will find it as a duplicate.
            Err(_) => Delivery::TryLater,
        },
        401 | 403 => Delivery::NotAllowed,
        0 | 408 | 429 | 500..=599 => Delivery::TryLater,
        _ => {
            let error = serde_json::from_str::<WpError>(body).ok();
            match error {
                Some(error) if resend && error.code == "comment_duplicate" => {
                    Delivery::AlreadyThere
                }
                Some(error) if !error.message.is_empty() => {
                    Delivery::Refused(decode_entities(&strip_tags(&error.message)))
                }
                _ => Delivery::Refused(format!(
                    "The site refused the comment ({status}). Please try again later."
                )),
            }
        }
    }
}

/// A comment as WordPress lists it (`GET wp/v2/comments`): the app reads
/// newer approved comments with it, the importer every approved one.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct PublishedComment {
    pub id: u64,
    /// The post's WordPress id.
    #[serde(default)]
    pub post: u64,
    #[serde(default)]
    pub parent: u64,
    #[serde(default)]
    pub author_name: String,
    #[serde(default)]
    pub author_url: String,
    pub date_gmt: String,
    #[serde(default)]
    pub content: Rendered,
    /// `approved` for every comment an anonymous reader can list.
    #[serde(default)]
    pub status: String,
}

impl PublishedComment {
    /// The comment as the content format keeps it. `name` and `body` turn
    /// WordPress's HTML (the author's name, the comment) into plain text:
    /// html5ever in the importer, the browser's own parser in the app.
    pub fn to_comment(
        &self,
        name: impl Fn(&str) -> String,
        body: impl Fn(&str) -> String,
    ) -> Comment {
        let url = self.author_url.trim();
        Comment {
            id: self.id,
            parent: (self.parent != 0).then_some(self.parent),
            author: name(&self.author_name),
            url: (!url.is_empty()).then(|| url.to_string()),
            date: format!("{}Z", self.date_gmt.trim_end_matches('Z')),
            body: body(&self.content.rendered),
        }
    }
}

/// HTML as WordPress renders it: `{"rendered": "…", "protected": false}`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Rendered {
    #[serde(default)]
    pub rendered: String,
    /// A password-protected post's content: never imported.
    #[serde(default)]
    pub protected: bool,
}

/// The query for a post's approved comments newer than `after` (a GMT date).
pub fn newer_comments_query(post_id: u64, after: &str) -> String {
    let after: String = after
        .trim_end_matches('Z')
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '-' | 'T' | ':'))
        .collect();
    // WordPress wants a whole date-time; a post's date is a day.
    let after = match after.len() {
        10 => format!("{after}T00:00:00"),
        _ => after,
    };
    let mut query = format!("post={post_id}&per_page=100&orderby=id&order=asc");
    if !after.is_empty() {
        query.push_str("&after=");
        query.push_str(&after.replace(':', "%3A"));
    }
    query
}

/// What the reader is told when the site does not take anonymous comments.
pub const NOT_ALLOWED: &str = "This site does not accept comments from this reader app yet: its owner has to allow comments without an account. Your text is still in the box.";

/// A comment waiting to be sent to WordPress, in localStorage.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Outgoing {
    /// The comment as the reader sees it meanwhile.
    pub local: LocalComment,
    /// What is sent.
    pub request: NewComment,
    /// The REST root it goes to.
    pub root: String,
    /// Tries so far.
    pub attempts: u32,
    /// Not before this time (ms since the epoch).
    pub next_try_at: u64,
}

/// Every queued comment is tried at least this often while the page is open.
pub const MAX_RETRY_MS: u64 = 30_000;

/// When to try again after `attempts` failed tries: 5, 10, 20, then every 30 s.
pub fn retry_delay_ms(attempts: u32) -> u64 {
    (5_000u64 << attempts.saturating_sub(1).min(8)).min(MAX_RETRY_MS)
}

/// The WordPress comments URL under a REST root (`…/wp-json/` or
/// `…/?rest_route=/`), with an optional query.
pub fn comments_url(root: &str, query: &str) -> String {
    let separator = if root.contains('?') { '&' } else { '?' };
    match query.is_empty() {
        true => format!("{root}wp/v2/comments"),
        false => format!("{root}wp/v2/comments{separator}{query}"),
    }
}

/// The origin (`https://host:port`) of a URL, for the CSP and for checks.
pub fn origin(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&url[..url.len() - rest.len() + host_end])
}

fn strip_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Decodes the entities WordPress puts in its messages (`&#8217;`, `&amp;`).
pub fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let candidate = &rest[start..];
        let decoded = candidate
            .find(';')
            .filter(|&end| end <= 10)
            .and_then(|end| {
                let name = &candidate[1..end];
                let c = match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "hellip" => Some('…'),
                    _ => name
                        .strip_prefix("#x")
                        .or_else(|| name.strip_prefix("#X"))
                        .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                        .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                        .and_then(char::from_u32),
                };
                c.map(|c| (c, end))
            });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &candidate[end + 1..];
            }
            None => {
                out.push('&');
                rest = &candidate[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn created_comments_are_held_or_approved() {
        assert_eq!(
            delivery(201, r#"{"id":41,"status":"hold","post":7}"#, false),
            Delivery::Accepted { id: 41, held: true }
        );
        assert_eq!(
            delivery(201, r#"{"id":42,"status":"approved"}"#, false),
            Delivery::Accepted {
                id: 42,
                held: false
            }
        );
        assert_eq!(delivery(201, "<html>", false), Delivery::TryLater);
    }

    #[test]
    fn refusals_are_in_wordpress_words() {
        let flood = r#"{"code":"comment_flood","message":"You are posting comments too quickly. Slow down.","data":{"status":400}}"#;
        assert_eq!(
            delivery(400, flood, false),
            Delivery::Refused("You are posting comments too quickly. Slow down.".into())
        );
        let duplicate = r#"{"code":"comment_duplicate","message":"Duplicate comment detected; it looks as though you&#8217;ve already said that!","data":{"status":409}}"#;
        assert_eq!(
            delivery(409, duplicate, false),
            Delivery::Refused(
                "Duplicate comment detected; it looks as though you’ve already said that!".into()
            )
        );
        // On a resend, a duplicate means the earlier try arrived.
        assert_eq!(delivery(409, duplicate, true), Delivery::AlreadyThere);
        let invalid = r#"{"code":"rest_invalid_param","message":"Invalid parameter(s): author_email","data":{}}"#;
        assert_eq!(
            delivery(400, invalid, false),
            Delivery::Refused("Invalid parameter(s): author_email".into())
        );
        assert!(
            matches!(delivery(400, "garbage", false), Delivery::Refused(m) if m.contains("(400)"))
        );
        assert!(
            matches!(delivery(400, r#"{"message":"<b>No</b> &lt;script&gt;"}"#, false), Delivery::Refused(m) if m == "No <script>")
        );
    }

    #[test]
    fn what_to_retry_and_what_not() {
        assert_eq!(delivery(401, "{}", false), Delivery::NotAllowed);
        assert_eq!(delivery(403, "{}", false), Delivery::NotAllowed);
        for status in [0, 408, 429, 500, 502, 503] {
            assert_eq!(delivery(status, "", true), Delivery::TryLater, "{status}");
        }
    }

    #[test]
    fn retries_back_off_to_every_30_seconds() {
        let delays: Vec<u64> = (1..=6).map(retry_delay_ms).collect();
        assert_eq!(delays, [5_000, 10_000, 20_000, 30_000, 30_000, 30_000]);
        assert_eq!(retry_delay_ms(0), 5_000);
        assert_eq!(retry_delay_ms(u32::MAX), 30_000);
    }

    #[test]
    fn urls_under_either_root() {
        assert_eq!(
            comments_url("https://a.org/wp-json/", "post=7"),
            "https://a.org/wp-json/wp/v2/comments?post=7"
        );
        assert_eq!(
            comments_url("https://a.org/?rest_route=/", "post=7"),
            "https://a.org/?rest_route=/wp/v2/comments&post=7"
        );
        assert_eq!(
            origin("https://a.org:8443/wp-json/"),
            Some("https://a.org:8443")
        );
        assert_eq!(
            origin("http://127.0.0.1:9/?rest_route=/"),
            Some("http://127.0.0.1:9")
        );
        assert_eq!(origin("javascript:alert(1)"), None);
    }

    #[test]
    fn newer_comments_are_asked_for_after_the_newest_known() {
        assert_eq!(
            newer_comments_query(7, "2021-02-04T10:00:00Z"),
            "post=7&per_page=100&orderby=id&order=asc&after=2021-02-04T10%3A00%3A00"
        );
        assert_eq!(
            newer_comments_query(7, ""),
            "post=7&per_page=100&orderby=id&order=asc"
        );
        let listed: Vec<PublishedComment> = serde_json::from_str(
            r#"[{"id":9,"post":7,"parent":2,"author_name":"Lara","author_url":"","date_gmt":"2021-02-05T00:00:00","content":{"rendered":"<p>Hi</p>"},"status":"approved"}]"#,
        )
        .unwrap();
        assert_eq!((listed[0].id, listed[0].parent), (9, 2));
        let comment = listed[0].to_comment(str::to_uppercase, |html| {
            html.replace("<p>", "").replace("</p>", "")
        });
        assert_eq!(comment.author, "LARA");
        assert_eq!(comment.parent, Some(2));
        assert_eq!(comment.url, None);
        assert_eq!(comment.date, "2021-02-05T00:00:00Z");
        assert_eq!(comment.body, "Hi");
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &amp; b &#8217; &#x2014; &bogus; & &;"),
            "a & b ’ — &bogus; & &;"
        );
    }
}
