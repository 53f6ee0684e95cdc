//! Readers' comments sent to the site's WordPress (`POST wp/v2/comments`):
//! what is sent, what each answer means, and the outbox's retry schedule.
//! Pure, so every answer WordPress can give is tested natively; the browser
//! side is `browser/comment_sink.rs`.

use super::store::LocalComment;
use crate::models::content::Comment;
use serde::{Deserialize, Serialize};

/// The body of `POST <root>wp/v2/comments`. `author_name` and `content`
/// are HTML, as WordPress reads them: build it with [`NewComment::from_text`].
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

impl NewComment {
    /// The request for a comment the reader typed as plain text: its name
    /// and text escaped with [`text_as_html`], so WordPress stores what was
    /// typed; the e-mail and website go as they are.
    pub fn from_text(
        post: u64,
        parent: Option<u64>,
        name: &str,
        email: &str,
        website: Option<&str>,
        text: &str,
    ) -> Self {
        NewComment {
            post,
            parent: parent.unwrap_or(0),
            author_name: text_as_html(name),
            author_email: email.to_string(),
            author_url: website.unwrap_or_default().to_string(),
            content: text_as_html(text),
        }
    }
}

/// Plain text as HTML that WordPress keeps as the same text: `&`, `<` and
/// `>` as entities. WordPress treats a comment and a commenter's name as
/// HTML and strips whatever looks like a tag it does not allow (kses), so
/// "2<3 and 5>4" sent as typed is stored as "24". `&` goes as `&#38;`, not
/// `&amp;`: kses turns `&amp;#39;` back into the entity `&#039;`, so typed
/// entities ("&#39;") would come out as the characters they name.
pub fn text_as_html(text: &str) -> String {
    let mut html = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => html.push_str("&#38;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            _ => html.push(c),
        }
    }
    html
}

/// What WordPress answered, in the app's terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Delivery {
    /// Created (201): its WordPress id, whether it waits for moderation, and
    /// the comment as WordPress will show it (`content.rendered`, HTML).
    Accepted {
        id: u64,
        held: bool,
        rendered: String,
    },
    /// WordPress already has it (409 `comment_duplicate` on a resend, or it
    /// is among the post's comments): an earlier try arrived.
    AlreadyThere,
    /// `comment_flood`: the reader's previous comment reached WordPress less
    /// than 15 s ago. Not a verdict on the comment: it can go a little later.
    TooSoon(String),
    /// Refused for what the reader wrote, in WordPress's words
    /// (`comment_duplicate`, invalid fields, too long): the text stays.
    Refused(String),
    /// 403 `rest_comment_closed`: the post takes no more comments.
    Closed,
    /// 401/403: the site does not take comments from readers without an
    /// account through its API.
    NotAllowed,
    /// The comments address answers with a redirect (the site moved, to
    /// https or another host, after the import): a comment sent there is
    /// never taken, since a browser re-sends a redirected POST as a GET.
    Moved,
    /// No verdict yet: try again later (see [`Failure`]).
    TryLater(Failure),
}

/// Why a try brought no verdict. An outbox comment is given up on when the
/// site has answered this way for a day ([`Outgoing::record_failure`]),
/// unless the answers were server errors or the browser was offline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// No answer the browser could read: offline, a timeout, the site down,
    /// or a request the browser blocked (a redirect to another origin).
    NoAnswer,
    /// A 5xx: the site is there but failing; it may mend.
    ServerError,
    /// An answer that neither takes nor refuses the comment: a 200 page that
    /// is not WordPress's answer (a proxy, a login or captive portal), 408, 429.
    NoVerdict,
}

/// An outbox comment the site has not taken for this long, in answers that
/// are not server errors, is undeliverable: the reader is told, with the text.
pub const UNDELIVERABLE_AFTER_MS: u64 = 24 * 60 * 60 * 1000;

/// ... and in at least this many such answers: two failed tries a weekend
/// apart (the last before a laptop closed, the first after it opened, on a
/// network still waking) are no day of failing. An open page tries every
/// ≤ 30 s, so these take a few minutes of a page open.
pub const UNDELIVERABLE_AFTER_TRIES: u32 = 10;

/// What the reader is told of a comment sent to an address that moved.
pub const MOVED: &str = "Its address for comments answers with a redirect (the site has moved since this copy was made), so the comment can never reach it.";

/// WordPress's own words for a closed post (its themes' "Comments are closed.").
pub const COMMENTS_CLOSED: &str = "Comments are closed.";

/// What the reader is told when the post went from the site (trashed,
/// unpublished, made private) after the import.
pub const POST_GONE: &str =
    "This post is no longer published on the site, so it takes no comments.";

#[derive(Deserialize)]
struct Created {
    id: u64,
    #[serde(default)]
    status: String,
    #[serde(default)]
    content: Rendered,
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
/// `text` turns WordPress's message (HTML: `<strong>Error</strong>: …`)
/// into the plain text shown: the browser's own HTML parser in the app.
pub fn delivery(status: u16, body: &str, resend: bool, text: impl Fn(&str) -> String) -> Delivery {
    match status {
        200 | 201 => match serde_json::from_str::<Created>(body) {
            Ok(created) => Delivery::Accepted {
                id: created.id,
                held: created.status != "approved",
                rendered: created.content.rendered,
            },
            // Created, but the answer is unreadable (a proxy cut it short):
            // a resend will find it as a duplicate.
            Err(_) => Delivery::TryLater(Failure::NoVerdict),
        },
        // A redirect a browser does not follow (`redirect: "manual"`).
        300..=399 => Delivery::Moved,
        0 => Delivery::TryLater(Failure::NoAnswer),
        500..=599 => Delivery::TryLater(Failure::ServerError),
        408 | 429 => Delivery::TryLater(Failure::NoVerdict),
        _ => {
            let error = serde_json::from_str::<WpError>(body).ok();
            let code = error.as_ref().map_or("", |e| e.code.as_str());
            let message = error.as_ref().map(|e| text(&e.message)).unwrap_or_default();
            match (status, code) {
                (_, "rest_comment_closed") => Delivery::Closed,
                (
                    _,
                    "rest_comment_invalid_post_id"
                    | "rest_comment_draft_post"
                    | "rest_comment_trash_post"
                    | "rest_cannot_read_post",
                ) => Delivery::Refused(POST_GONE.into()),
                (401 | 403, _) => Delivery::NotAllowed,
                (_, "comment_duplicate") if resend => Delivery::AlreadyThere,
                (_, "comment_flood") => Delivery::TooSoon(message),
                _ if !message.trim().is_empty() => Delivery::Refused(message.trim().to_string()),
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

/// REST list pages are at most this long (WordPress's maximum `per_page`).
pub const LIST_PAGE: usize = 100;

/// The fields of a comment the app and the importer read (`_fields`).
pub const COMMENT_FIELDS: &str = "id,post,parent,author_name,author_url,date_gmt,content,status";

/// The query for page `page` (from 1) of the ids of a post's approved
/// comments. Approval and removal are found by ids, never by date: a
/// comment approved late keeps the date it was written, and WordPress reads
/// `after` in the site's own time zone.
pub fn comment_ids_query(post_id: u64, page: u32) -> String {
    format!("post={post_id}&per_page={LIST_PAGE}&page={page}&orderby=id&order=asc&_fields=id")
}

/// The query for the comments with these ids (at most [`LIST_PAGE`]).
pub fn comments_by_id_query(ids: &[u64]) -> String {
    let ids: Vec<String> = ids.iter().map(u64::to_string).collect();
    format!(
        "include={}&per_page={LIST_PAGE}&orderby=id&order=asc&_fields={}",
        ids.join("%2C"),
        COMMENT_FIELDS.replace(',', "%2C")
    )
}

/// How the comments a copy holds differ from those WordPress lists as
/// approved now.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IdChanges {
    /// Listed by WordPress, not held here: approved since (or new), to fetch.
    pub added: Vec<u64>,
    /// Held here, no longer listed: unapproved, spam, trashed or deleted.
    pub removed: Vec<u64>,
}

/// Compares the ids held (`known`) with those WordPress lists (`listed`);
/// both lists come out in ascending order, without repeats.
pub fn compare_ids(known: &[u64], listed: &[u64]) -> IdChanges {
    let known: std::collections::BTreeSet<u64> = known.iter().copied().collect();
    let listed: std::collections::BTreeSet<u64> = listed.iter().copied().collect();
    IdChanges {
        added: listed.difference(&known).copied().collect(),
        removed: known.difference(&listed).copied().collect(),
    }
}

/// The pages of ids a reader's browser asks for, at most: past this many
/// comments on one post, the post page adds what is new on the first pages
/// and hides nothing (the next import does the rest).
pub const MAX_ID_PAGES: u32 = 20;

/// What the reader is told when the site does not take anonymous comments.
pub const NOT_ALLOWED: &str = "This site does not accept comments from this reader app yet: its owner has to allow comments without an account. Your text is still in the box.";

/// The same, for a comment that waited in the outbox.
pub const NOT_ALLOWED_QUEUED: &str = "This site does not accept comments from this reader app yet: its owner has to allow comments without an account.";

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
    /// Since when (ms since the epoch) the site has answered without taking
    /// the comment while the browser was online; `None` before that.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failing_since: Option<u64>,
    /// How many tries since then the site answered without taking it.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub failed_tries: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Outgoing {
    /// Notes a try that brought no verdict at `now`, the browser `online`
    /// or not; returns whether the comment is now undeliverable: the site
    /// has answered without taking it for [`UNDELIVERABLE_AFTER_MS`] and in
    /// [`UNDELIVERABLE_AFTER_TRIES`] answers, the last not a server error
    /// (one may mend) nor the browser offline (neither counts).
    pub fn record_failure(&mut self, failure: Failure, online: bool, now: u64) -> bool {
        if !online || failure == Failure::ServerError {
            return false;
        }
        let since = *self.failing_since.get_or_insert(now);
        self.failed_tries = self.failed_tries.saturating_add(1);
        now.saturating_sub(since) >= UNDELIVERABLE_AFTER_MS
            && self.failed_tries >= UNDELIVERABLE_AFTER_TRIES
    }
}

/// Every queued comment is tried at least this often while the page is open.
pub const MAX_RETRY_MS: u64 = 30_000;

/// Comments from the outbox reach WordPress at least this far apart:
/// WordPress refuses a second comment from one reader within 15 s
/// (`comment_flood`), so two written offline must not go back to back.
pub const SEND_SPACING_MS: u64 = super::guard::FLOOD_INTERVAL_MS + 1_000;

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

#[cfg(test)]
mod tests {
    use super::*;

    /// What the page's HTML reading does, as far as these tests look.
    fn text(html: &str) -> String {
        html.replace("<b>", "")
            .replace("</b>", "")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&#8217;", "’")
    }

    fn delivery(status: u16, body: &str, resend: bool) -> Delivery {
        super::delivery(status, body, resend, text)
    }

    #[test]
    fn created_comments_are_held_or_approved() {
        assert_eq!(
            delivery(
                201,
                r#"{"id":41,"status":"hold","post":7,"content":{"rendered":"<p>2&lt;3</p>\n"}}"#,
                false
            ),
            Delivery::Accepted {
                id: 41,
                held: true,
                rendered: "<p>2&lt;3</p>\n".into()
            }
        );
        assert_eq!(
            delivery(201, r#"{"id":42,"status":"approved"}"#, false),
            Delivery::Accepted {
                id: 42,
                held: false,
                rendered: String::new()
            }
        );
        assert_eq!(
            delivery(201, "<html>", false),
            Delivery::TryLater(Failure::NoVerdict)
        );
    }

    #[test]
    fn refusals_are_in_wordpress_words() {
        let flood = r#"{"code":"comment_flood","message":"You are posting comments too quickly. Slow down.","data":{"status":400}}"#;
        // A flood is "later", never a verdict: the outbox waits and resends.
        for resend in [false, true] {
            assert_eq!(
                delivery(400, flood, resend),
                Delivery::TooSoon("You are posting comments too quickly. Slow down.".into())
            );
        }
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
    fn closed_posts_and_posts_gone_are_told_apart_from_a_site_that_refuses() {
        let closed = r#"{"code":"rest_comment_closed","message":"Sorry, comments are closed for this item.","data":{"status":403}}"#;
        assert_eq!(delivery(403, closed, false), Delivery::Closed);
        assert_eq!(delivery(403, closed, true), Delivery::Closed);
        let login = r#"{"code":"rest_comment_login_required","message":"Sorry, you must be logged in to comment.","data":{"status":401}}"#;
        assert_eq!(delivery(401, login, false), Delivery::NotAllowed);
        for gone in [
            "rest_comment_invalid_post_id",
            "rest_comment_trash_post",
            "rest_cannot_read_post",
        ] {
            let body = format!(r#"{{"code":"{gone}","message":"x","data":{{"status":403}}}}"#);
            assert_eq!(
                delivery(403, &body, true),
                Delivery::Refused(POST_GONE.into())
            );
        }
        let long = r#"{"code":"comment_content_column_length","message":"Comment field exceeds maximum length allowed.","data":{"status":400}}"#;
        assert_eq!(
            delivery(400, long, false),
            Delivery::Refused("Comment field exceeds maximum length allowed.".into())
        );
    }

    #[test]
    fn text_goes_as_html_that_means_the_same_text() {
        assert_eq!(text_as_html("2<3 and 5>4"), "2&lt;3 and 5&gt;4");
        assert_eq!(
            text_as_html("Press <Enter> & &amp; &#39; go"),
            "Press &lt;Enter&gt; &#38; &#38;amp; &#38;#39; go"
        );
        let request = NewComment::from_text(7, None, "A<B", "a@b.co", None, "x > y");
        assert_eq!(
            (
                request.parent,
                request.author_name.as_str(),
                request.content.as_str()
            ),
            (0, "A&lt;B", "x &gt; y")
        );
    }

    #[test]
    fn what_to_retry_and_what_not() {
        assert_eq!(delivery(401, "{}", false), Delivery::NotAllowed);
        assert_eq!(delivery(403, "{}", false), Delivery::NotAllowed);
        let cases = [
            (0, Failure::NoAnswer),
            (408, Failure::NoVerdict),
            (429, Failure::NoVerdict),
            (500, Failure::ServerError),
            (502, Failure::ServerError),
            (503, Failure::ServerError),
        ];
        for (status, failure) in cases {
            assert_eq!(
                delivery(status, "", true),
                Delivery::TryLater(failure),
                "{status}"
            );
        }
        // The opaque answer of a redirect not followed; the status a
        // server-side client would see.
        for status in [301, 302, 307, 308] {
            assert_eq!(delivery(status, "", true), Delivery::Moved, "{status}");
        }
    }

    #[test]
    fn an_outbox_comment_is_undeliverable_after_a_day_of_answers_that_take_nothing() {
        let mut outgoing = Outgoing {
            local: LocalComment {
                post_slug: "p".into(),
                post_title: "P".into(),
                comment: Default::default(),
                posted_at: 0,
                state: Default::default(),
                refusal: None,
            },
            request: NewComment::from_text(7, None, "Ann", "a@example.org", None, "hi"),
            root: "https://example.org/wp-json/".into(),
            attempts: 1,
            next_try_at: 0,
            failing_since: None,
            failed_tries: 0,
        };
        let start = 1_000_000;
        let day = UNDELIVERABLE_AFTER_MS;
        // Offline for two days, and server errors, start no clock.
        assert!(!outgoing.record_failure(Failure::NoAnswer, false, start));
        assert!(!outgoing.record_failure(Failure::ServerError, true, start));
        assert_eq!(outgoing.failing_since, None);
        assert!(!outgoing.record_failure(Failure::NoVerdict, true, start));
        // A day later, one more failed try is not a day of failing.
        assert!(!outgoing.record_failure(Failure::NoAnswer, true, start + day));
        for _ in 3..UNDELIVERABLE_AFTER_TRIES {
            assert!(!outgoing.record_failure(Failure::NoAnswer, true, start + day - 1));
        }
        // A server error at the end keeps it trying; then a day is a day.
        assert!(!outgoing.record_failure(Failure::ServerError, true, start + day));
        assert!(!outgoing.record_failure(Failure::NoAnswer, false, start + day));
        assert!(outgoing.record_failure(Failure::NoAnswer, true, start + day));
        // Kept across reloads: the clock is in the stored outbox.
        let json = serde_json::to_string(&outgoing).unwrap();
        let read: Outgoing = serde_json::from_str(&json).unwrap();
        assert_eq!(read.failing_since, Some(start));
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
        // A REST root's origin, as the CSP names it.
        let origin = crate::models::text::http_origin;
        assert_eq!(
            origin("https://a.org:8443/wp-json/").as_deref(),
            Some("https://a.org:8443")
        );
        assert_eq!(
            origin("http://127.0.0.1:9/?rest_route=/").as_deref(),
            Some("http://127.0.0.1:9")
        );
        assert_eq!(origin("javascript:alert(1)"), None);
    }

    #[test]
    fn comments_are_synced_by_id_not_by_date() {
        assert_eq!(
            comment_ids_query(7, 2),
            "post=7&per_page=100&page=2&orderby=id&order=asc&_fields=id"
        );
        assert_eq!(
            comments_by_id_query(&[3, 41]),
            "include=3%2C41&per_page=100&orderby=id&order=asc&_fields=id%2Cpost%2Cparent%2Cauthor_name%2Cauthor_url%2Cdate_gmt%2Ccontent%2Cstatus"
        );
        // A comment held for a week and approved today has an old id and
        // an old date: it is found because its id is new here.
        assert_eq!(
            compare_ids(&[1, 2, 5, 9], &[9, 1, 3, 5, 3]),
            IdChanges {
                added: vec![3],
                removed: vec![2]
            }
        );
        assert_eq!(compare_ids(&[], &[]), IdChanges::default());
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
}
