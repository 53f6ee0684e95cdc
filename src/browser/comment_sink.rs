//! Where posted comments go. Views hand a comment to [`CommentSink::post`]
//! and read [`LocalComments`]. Without a WordPress site, comments are kept in
//! this browser; with one (the content names it), they are sent to it, and
//! those that cannot be sent yet wait in an outbox in localStorage, sent when
//! the browser is back online, on the next visit, and every ≤ 30 s while a
//! page is open — once: a resend that WordPress finds to be a duplicate of an
//! earlier try means that try arrived (its duplicate check also sees held
//! comments, which an anonymous reader cannot list).

use crate::{
    browser::{api::Deadline, storage::BrowserStorage},
    models::comments::{
        store::{self, DraftKey, LocalComment, LocalState, StorageError},
        wordpress::{comments_url, delivery, retry_delay_ms, Delivery, NewComment, Outgoing},
    },
};
use gloo_net::http::Request;
use leptos::{ev, prelude::*};
use std::time::Duration;

/// A POST to WordPress is abandoned after this long (and retried later).
const SEND_TIMEOUT: Duration = Duration::from_secs(15);

/// Comments posted from this browser (this session's included), oldest
/// first, with those still waiting to be sent. One signal feeds the thread,
/// the counts and the sidebar at once.
#[derive(Clone, Copy)]
pub struct LocalComments(pub RwSignal<Vec<LocalComment>>);

/// Posted comments and queued ones, from storage.
fn stored_comments() -> Result<Vec<LocalComment>, StorageError> {
    let (mut comments, _) = store::load_comments(&BrowserStorage)?;
    comments.extend(
        store::load_outbox(&BrowserStorage)?
            .into_iter()
            .map(|outgoing| LocalComment {
                state: LocalState::Queued,
                ..outgoing.local
            }),
    );
    store::sort_by_posting_order(&mut comments);
    Ok(comments)
}

impl LocalComments {
    /// Reads the stored comments; a storage failure starts an empty list.
    pub fn load() -> Self {
        LocalComments(RwSignal::new(stored_comments().unwrap_or_default()))
    }

    /// Re-reads storage (another tab posted or sent), keeping this
    /// session's comments that could not be stored.
    pub fn refresh(&self) {
        let Ok(stored) = stored_comments() else {
            return;
        };
        self.0.update(|current| {
            let session_only: Vec<LocalComment> = current
                .iter()
                .filter(|c| c.state != LocalState::Queued)
                .filter(|c| !stored.iter().any(|s| s.comment.id == c.comment.id))
                .cloned()
                .collect();
            *current = stored;
            current.extend(session_only);
            store::sort_by_posting_order(current);
        });
    }

    /// Comments on one post.
    pub fn on_post(&self, slug: &str) -> Vec<LocalComment> {
        self.0.with(|all| {
            all.iter()
                .filter(|c| c.post_slug == slug)
                .cloned()
                .collect()
        })
    }

    pub fn count_on(&self, slug: &str) -> u32 {
        self.0
            .with(|all| all.iter().filter(|c| c.post_slug == slug).count() as u32)
    }

    /// When the reader last posted, for the flood check.
    pub fn last_posted_at(&self) -> Option<u64> {
        self.0.with(|all| all.iter().map(|c| c.posted_at).max())
    }

    fn replace(&self, old_id: u64, comment: Option<LocalComment>) {
        self.0.update(|all| {
            all.retain(|c| c.comment.id != old_id);
            all.extend(comment);
            store::sort_by_posting_order(all);
        });
    }
}

pub fn use_local_comments() -> LocalComments {
    expect_context::<LocalComments>()
}

/// How a posted comment was kept in this browser.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// Stored: it survives reloads.
    Stored,
    /// Storage failed: it is shown for this visit only.
    ForThisVisit(StorageError),
}

impl From<Result<(), StorageError>> for Kept {
    fn from(saved: Result<(), StorageError>) -> Self {
        match saved {
            Ok(()) => Kept::Stored,
            Err(e) => Kept::ForThisVisit(e),
        }
    }
}

/// Where a comment goes: the site's WordPress, and the post there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordPressPost {
    /// The REST root (`https://site/wp-json/`).
    pub root: String,
    pub post_id: u64,
}

/// What became of a comment handed to the sink.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Posted {
    /// Kept (and, with WordPress, accepted or queued): where it stands.
    Kept {
        id: u64,
        kept: Kept,
        state: LocalState,
    },
    /// WordPress refused it, in its words; nothing was kept.
    Refused(String),
    /// The site does not take anonymous comments; nothing was kept.
    NotAllowed,
}

/// The seam between the comment box and wherever comments are kept.
#[derive(Clone, Copy)]
pub struct CommentSink {
    comments: LocalComments,
    /// A flush of the outbox is under way.
    flushing: RwSignal<bool>,
}

impl CommentSink {
    pub fn new(comments: LocalComments) -> Self {
        CommentSink {
            comments,
            flushing: RwSignal::new(false),
        }
    }

    /// Keeps a new comment, or sends it to WordPress, and shows it
    /// everywhere at once. `email` goes to WordPress only.
    pub async fn post(
        &self,
        mut comment: LocalComment,
        email: String,
        wordpress: Option<WordPressPost>,
    ) -> Posted {
        let Some(target) = wordpress else {
            return self.keep(comment, LocalState::AwaitingModeration);
        };
        let request = NewComment {
            post: target.post_id,
            parent: comment.comment.parent.unwrap_or(0),
            author_name: comment.comment.author.clone(),
            author_email: email,
            author_url: comment.comment.url.clone().unwrap_or_default(),
            content: comment.comment.body.clone(),
        };
        match send(&target.root, &request, false).await {
            Delivery::Accepted { id, held } => {
                comment.comment.id = id;
                self.keep(comment, LocalState::accepted(held))
            }
            Delivery::AlreadyThere => self.keep(comment, LocalState::AwaitingModeration),
            Delivery::Refused(message) => Posted::Refused(message),
            Delivery::NotAllowed => Posted::NotAllowed,
            Delivery::TryLater => {
                let outgoing = Outgoing {
                    local: comment.clone(),
                    request,
                    root: target.root,
                    attempts: 1,
                    next_try_at: now() + retry_delay_ms(1),
                };
                let kept = Kept::from(store::save_outgoing(&BrowserStorage, &outgoing));
                let id = comment.comment.id;
                comment.state = LocalState::Queued;
                self.comments.replace(id, Some(comment));
                Posted::Kept {
                    id,
                    kept,
                    state: LocalState::Queued,
                }
            }
        }
    }

    fn keep(&self, comment: LocalComment, state: LocalState) -> Posted {
        let comment = LocalComment { state, ..comment };
        let kept = Kept::from(store::save_comment(&BrowserStorage, &comment));
        let id = comment.comment.id;
        self.comments.replace(id, Some(comment));
        Posted::Kept { id, kept, state }
    }

    /// Sends the outbox's comments that are due, now, on the next visit and
    /// whenever the browser comes back online; called every few seconds.
    pub fn start_outbox(&self) {
        let sink = *self;
        sink.flush(false);
        let online = window_event_listener(ev::online, move |_| sink.flush(true));
        let timer =
            set_interval_with_handle(move || sink.flush(false), Duration::from_secs(5)).ok();
        on_cleanup(move || {
            online.remove();
            if let Some(timer) = timer {
                timer.clear();
            }
        });
    }

    /// Tries the queued comments that are due (all of them with `now`).
    fn flush(&self, all_now: bool) {
        // The list holds the outbox (another tab's too, through storage
        // events): nothing queued, no storage to read.
        let queued = self
            .comments
            .0
            .with_untracked(|all| all.iter().any(|c| c.state == LocalState::Queued));
        if !queued || self.flushing.get_untracked() {
            return;
        }
        let Ok(outbox) = store::load_outbox(&BrowserStorage) else {
            return;
        };
        let due: Vec<Outgoing> = outbox
            .into_iter()
            .filter(|o| all_now || o.next_try_at <= now())
            .collect();
        if due.is_empty() {
            return;
        }
        self.flushing.set(true);
        let sink = *self;
        leptos::task::spawn_local(async move {
            for outgoing in due {
                sink.resend(outgoing).await;
            }
            sink.flushing.set(false);
        });
    }

    async fn resend(&self, mut outgoing: Outgoing) {
        let queued_id = outgoing.local.comment.id;
        let draft = DraftKey {
            post_slug: outgoing.local.post_slug.clone(),
            reply_to: outgoing.local.comment.parent,
        };
        let accepted = |id: Option<u64>, held: bool| {
            let mut local = outgoing.local.clone();
            if let Some(id) = id {
                local.comment.id = id;
            }
            local.state = LocalState::accepted(held);
            local
        };
        match send(&outgoing.root, &outgoing.request, true).await {
            Delivery::Accepted { id, held } => {
                self.delivered(&outgoing, accepted(Some(id), held), &draft)
            }
            Delivery::AlreadyThere => self.delivered(&outgoing, accepted(None, true), &draft),
            Delivery::Refused(_) | Delivery::NotAllowed => {
                // Nothing is lost: the text goes back into its draft.
                let _ = store::remove_outgoing(&BrowserStorage, &outgoing);
                if store::load_draft(&BrowserStorage, &draft, now())
                    .ok()
                    .flatten()
                    .is_none()
                {
                    let _ = store::save_draft(
                        &BrowserStorage,
                        &draft,
                        &store::CommentDraft {
                            text: outgoing.request.content.clone(),
                            saved_at: now(),
                            ..Default::default()
                        },
                    );
                }
                self.comments.replace(queued_id, None);
            }
            Delivery::TryLater => {
                outgoing.attempts += 1;
                outgoing.next_try_at = now() + retry_delay_ms(outgoing.attempts);
                let _ = store::save_outgoing(&BrowserStorage, &outgoing);
            }
        }
    }

    /// WordPress has the comment: it leaves the outbox, is kept as posted,
    /// and its draft goes (unless the reader has typed another since).
    fn delivered(&self, outgoing: &Outgoing, local: LocalComment, draft: &DraftKey) {
        let _ = store::save_comment(&BrowserStorage, &local);
        let _ = store::remove_outgoing(&BrowserStorage, outgoing);
        let stored = store::load_draft(&BrowserStorage, draft, now())
            .ok()
            .flatten();
        if stored.is_some_and(|d| d.text.trim() == outgoing.request.content.trim()) {
            let _ = store::remove_draft(&BrowserStorage, draft);
        }
        self.comments
            .replace(outgoing.local.comment.id, Some(local));
    }
}

pub fn use_comment_sink() -> CommentSink {
    expect_context::<CommentSink>()
}

fn now() -> u64 {
    js_sys::Date::now() as u64
}

/// POSTs a comment to WordPress; what the answer means. No answer within
/// [`SEND_TIMEOUT`] counts as no answer.
async fn send(root: &str, request: &NewComment, resend: bool) -> Delivery {
    let deadline = Deadline::start(SEND_TIMEOUT);
    let Ok(body) = serde_json::to_string(request) else {
        return Delivery::Refused("The comment could not be prepared for sending.".into());
    };
    let sent = Request::post(&comments_url(root, ""))
        .header("Content-Type", "application/json")
        .abort_signal(deadline.signal().as_ref())
        .body(body);
    match sent {
        Ok(request) => match request.send().await {
            Ok(response) => {
                let status = response.status();
                let text = response.text().await.unwrap_or_default();
                delivery(status, &text, resend)
            }
            Err(_) => Delivery::TryLater,
        },
        Err(_) => Delivery::TryLater,
    }
}
