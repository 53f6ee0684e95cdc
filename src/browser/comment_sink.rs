//! Where posted comments go. Views hand a comment to [`CommentSink::post`]
//! and read [`LocalComments`]. Without a WordPress site, comments are kept in
//! this browser; with one (the content names it), they are sent to it, and
//! those that cannot be sent yet wait in an outbox in localStorage, sent when
//! the browser is back online, on the next visit, and every ≤ 30 s while a
//! page is open — once: a resend that WordPress finds to be a duplicate of an
//! earlier try means that try arrived (its duplicate check also sees held
//! comments, which an anonymous reader cannot list). Outbox sends are spaced
//! past WordPress's 15 s flood interval, and a flood answer means "later".
//! A comment leaves the outbox only when WordPress has it, or when WordPress
//! refused it for good and the reader removed it, having seen why and its text.

use crate::{
    browser::{
        api::Deadline,
        dom::html_to_text,
        storage::{use_storage, BrowserStorage},
    },
    models::{
        comments::{
            store::{self, DraftKey, LocalComment, LocalState, StorageError},
            wordpress::{
                comments_url, delivery, retry_delay_ms, Delivery, Failure, NewComment, Outgoing,
                COMMENTS_CLOSED, MOVED, NOT_ALLOWED_QUEUED, SEND_SPACING_MS,
            },
        },
        text::format_date,
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
#[derive(Clone, Copy, Default)]
pub struct LocalComments(pub RwSignal<Vec<LocalComment>>);

/// Whether a comment's place is the outbox (queued, or refused there).
fn in_outbox(state: LocalState) -> bool {
    matches!(state, LocalState::Queued | LocalState::NotSent)
}

/// Posted comments and queued ones, from storage.
fn stored_comments(storage: &BrowserStorage) -> Result<Vec<LocalComment>, StorageError> {
    let (mut comments, _) = store::load_comments(storage)?;
    comments.extend(store::load_outbox(storage)?.into_iter().map(|o| {
        let state = match o.local.state {
            LocalState::NotSent => LocalState::NotSent,
            _ => LocalState::Queued,
        };
        LocalComment { state, ..o.local }
    }));
    store::sort_by_posting_order(&mut comments);
    Ok(comments)
}

impl LocalComments {
    /// Re-reads storage (another tab posted or sent), keeping this
    /// session's comments that could not be stored.
    pub fn refresh(&self, storage: &BrowserStorage) {
        let Ok(stored) = stored_comments(storage) else {
            return;
        };
        self.0.update(|current| {
            let session_only: Vec<LocalComment> = current
                .iter()
                .filter(|c| !in_outbox(c.state))
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
    /// The post takes no more comments; nothing was kept.
    Closed,
    /// The site does not take anonymous comments; nothing was kept.
    NotAllowed,
}

/// The seam between the comment box and wherever comments are kept.
#[derive(Clone, Copy)]
pub struct CommentSink {
    comments: LocalComments,
    storage: BrowserStorage,
    /// A flush of the outbox is under way.
    flushing: RwSignal<bool>,
    /// When a comment from this tab last reached WordPress (ms since the
    /// epoch): the outbox waits [`SEND_SPACING_MS`] after it.
    last_sent: StoredValue<Option<u64>>,
    /// Queued comments that storage could not keep (blocked or full): sent
    /// from here while the page is open.
    session_outbox: StoredValue<Vec<Outgoing>>,
}

impl CommentSink {
    pub fn new(comments: LocalComments) -> Self {
        CommentSink {
            comments,
            storage: use_storage(),
            flushing: RwSignal::new(false),
            last_sent: StoredValue::new(None),
            session_outbox: StoredValue::new(Vec::new()),
        }
    }

    /// When a comment from this tab last reached WordPress, for the form's
    /// own flood check.
    pub fn last_sent_at(&self) -> Option<u64> {
        self.last_sent.get_value()
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
        let request = NewComment::from_text(
            target.post_id,
            comment.comment.parent,
            &comment.comment.author,
            &email,
            comment.comment.url.as_deref(),
            &comment.comment.body,
        );
        match send(&target.root, &request, false).await {
            Delivery::Accepted { id, held, rendered } => {
                self.last_sent.set_value(Some(now()));
                self.space_out_outbox();
                comment.comment.id = id;
                show_as_wordpress_does(&mut comment, &rendered);
                self.keep(comment, LocalState::accepted(held))
            }
            Delivery::AlreadyThere => self.keep(comment, LocalState::AwaitingModeration),
            // The reader is here: WordPress's words, the text in the box.
            Delivery::Refused(message) | Delivery::TooSoon(message) => Posted::Refused(message),
            Delivery::Closed => Posted::Closed,
            Delivery::NotAllowed => Posted::NotAllowed,
            Delivery::Moved => Posted::Refused(format!("{MOVED} Your text is still in the box.")),
            Delivery::TryLater(failure) => {
                comment.state = LocalState::Queued;
                let mut outgoing = Outgoing {
                    local: comment.clone(),
                    request,
                    root: target.root,
                    attempts: 1,
                    next_try_at: now() + retry_delay_ms(1),
                    failing_since: None,
                    failed_tries: 0,
                };
                // The first try counts towards the day (it cannot end it).
                outgoing.record_failure(failure, is_online(), now());
                let kept = self.save_outgoing(&outgoing);
                let id = comment.comment.id;
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
        let kept = Kept::from(store::save_comment(&self.storage, &comment));
        let id = comment.comment.id;
        self.comments.replace(id, Some(comment));
        Posted::Kept { id, kept, state }
    }

    /// Sends the outbox's comments that are due every few seconds, and all of
    /// them whenever the browser comes back online (the first send is
    /// [`CommentSink::send_due`]'s, which the app calls after its first paint).
    pub fn start_outbox(&self) {
        let sink = *self;
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

    /// Sends the outbox's comments that are due now.
    pub fn send_due(&self) {
        self.flush(false);
    }

    /// Sends queued comments, oldest first (a newer one never overtakes an
    /// older one): those that are due, or all with `all_now`, until one
    /// reaches WordPress or fails; the next goes on a later call,
    /// [`SEND_SPACING_MS`] on, so WordPress never sees a flood. Only the tab
    /// holding the outbox's lock sends: two tabs never send one comment.
    fn flush(&self, all_now: bool) {
        // The list holds the outbox (another tab's too, through storage
        // events): nothing queued, no storage to read.
        let queued = self
            .comments
            .0
            .with_untracked(|all| all.iter().any(|c| c.state == LocalState::Queued));
        let spaced = self
            .last_sent
            .get_value()
            .is_none_or(|at| now().saturating_sub(at) >= SEND_SPACING_MS);
        if !queued || !spaced || self.flushing.get_untracked() {
            return;
        }
        self.flushing.set(true);
        let sink = *self;
        let started = with_outbox_lock(
            async move {
                for outgoing in sink.outbox() {
                    if !all_now && outgoing.next_try_at > now() {
                        break;
                    }
                    if sink.resend(outgoing).await {
                        break;
                    }
                }
            },
            move || _ = sink.flushing.try_set(false),
        );
        if !started {
            self.flushing.set(false);
        }
    }

    /// The comments waiting to be sent, oldest first: the stored outbox
    /// (every tab's) and this page's that storage could not keep.
    fn outbox(&self) -> Vec<Outgoing> {
        let mut outbox = store::load_outbox(&self.storage).unwrap_or_default();
        let session = self.session_outbox.get_value();
        for outgoing in session {
            let id = outgoing.local.comment.id;
            if !outbox.iter().any(|o| o.local.comment.id == id) {
                outbox.push(outgoing);
            }
        }
        outbox.retain(|o| o.local.state != LocalState::NotSent);
        outbox.sort_by_key(|o| (o.local.posted_at, o.local.comment.id));
        outbox
    }

    /// Keeps a queued comment: in storage, or for this visit if storage fails.
    fn save_outgoing(&self, outgoing: &Outgoing) -> Kept {
        let kept = Kept::from(store::save_outgoing(&self.storage, outgoing));
        let id = outgoing.local.comment.id;
        self.session_outbox.update_value(|session| {
            session.retain(|o| o.local.comment.id != id);
            if kept != Kept::Stored {
                session.push(outgoing.clone());
            }
        });
        kept
    }

    /// A comment reached WordPress: every comment still in the stored
    /// outbox waits [`SEND_SPACING_MS`] from now, so that no tab sends the
    /// next sooner (each tab's `last_sent` spaces only its own sends, and
    /// two tabs opened together take the lock in turn).
    fn space_out_outbox(&self) {
        let due = now() + SEND_SPACING_MS;
        for mut outgoing in store::load_outbox(&self.storage).unwrap_or_default() {
            if outgoing.next_try_at < due {
                outgoing.next_try_at = due;
                _ = store::save_outgoing(&self.storage, &outgoing);
            }
        }
    }

    /// A comment leaves the outbox (storage and this visit's), by local id.
    fn forget_outgoing(&self, local_id: u64) {
        let _ = store::remove_outgoing_id(&self.storage, local_id);
        self.session_outbox
            .update_value(|session| session.retain(|o| o.local.comment.id != local_id));
    }

    /// Whether the outbox still holds this comment: another tab may have
    /// sent it meanwhile (then it is that tab's to keep).
    fn still_queued(&self, local_id: u64) -> bool {
        let in_session = self
            .session_outbox
            .with_value(|s| s.iter().any(|o| o.local.comment.id == local_id));
        in_session || store::is_in_outbox(&self.storage, local_id) != Ok(false)
    }

    /// Sends one queued comment again; returns whether this round stops
    /// here: WordPress took a comment (the next must wait), or could not be
    /// reached or asked to wait (the next would fare no better, and must
    /// not overtake this one).
    async fn resend(&self, mut outgoing: Outgoing) -> bool {
        let draft = DraftKey {
            post_slug: outgoing.local.post_slug.clone(),
            reply_to: outgoing.local.comment.parent,
        };
        let answer = send(&outgoing.root, &outgoing.request, true).await;
        if !self.still_queued(outgoing.local.comment.id) {
            self.comments.refresh(&self.storage);
            return true;
        }
        match answer {
            Delivery::Accepted { id, held, rendered } => {
                self.last_sent.set_value(Some(now()));
                let mut local = outgoing.local.clone();
                local.comment.id = id;
                show_as_wordpress_does(&mut local, &rendered);
                self.delivered(&outgoing, local, held, &draft);
                self.space_out_outbox();
                true
            }
            Delivery::AlreadyThere => {
                let local = outgoing.local.clone();
                self.delivered(&outgoing, local, true, &draft);
                false
            }
            Delivery::TooSoon(_) => {
                // Another comment of this reader's reached WordPress within
                // 15 s: this one waits its turn, without counting a try.
                self.last_sent.set_value(Some(now()));
                outgoing.next_try_at = now() + SEND_SPACING_MS;
                self.save_outgoing(&outgoing);
                true
            }
            Delivery::Refused(message) => self.not_sent(outgoing, message, &draft),
            Delivery::Closed => self.not_sent(outgoing, COMMENTS_CLOSED.into(), &draft),
            Delivery::NotAllowed => self.not_sent(outgoing, NOT_ALLOWED_QUEUED.into(), &draft),
            Delivery::Moved => self.not_sent(outgoing, MOVED.into(), &draft),
            Delivery::TryLater(failure) => {
                if outgoing.record_failure(failure, is_online(), now()) {
                    let since = outgoing.failing_since.unwrap_or_default();
                    return self.not_sent(outgoing, undeliverable_reason(since), &draft);
                }
                outgoing.attempts += 1;
                outgoing.next_try_at = now() + retry_delay_ms(outgoing.attempts);
                self.save_outgoing(&outgoing);
                true
            }
        }
    }

    /// WordPress has the comment: it leaves the outbox, is kept as posted,
    /// and its draft goes (unless the reader has typed another since).
    fn delivered(&self, outgoing: &Outgoing, local: LocalComment, held: bool, draft: &DraftKey) {
        let local = LocalComment {
            state: LocalState::accepted(held),
            ..local
        };
        let _ = store::save_comment(&self.storage, &local);
        self.forget_outgoing(outgoing.local.comment.id);
        let stored = store::load_draft(&self.storage, draft, now())
            .ok()
            .flatten();
        if stored.is_some_and(|d| d.text.trim() == outgoing.local.comment.body.trim()) {
            let _ = store::remove_draft(&self.storage, draft);
        }
        self.comments
            .replace(outgoing.local.comment.id, Some(local));
    }

    /// WordPress refused a queued comment for good: it stays in the outbox,
    /// no longer sent, shown with WordPress's reason and its whole text
    /// until the reader removes it; an empty box for its target gets the
    /// text back too. The reader typing elsewhere loses nothing.
    fn not_sent(&self, mut outgoing: Outgoing, reason: String, draft: &DraftKey) -> bool {
        outgoing.local.state = LocalState::NotSent;
        outgoing.local.refusal = Some(reason);
        self.save_outgoing(&outgoing);
        let box_is_empty = store::load_draft(&self.storage, draft, now())
            .ok()
            .is_some_and(|d| d.is_none());
        if box_is_empty {
            let _ = store::save_draft(
                &self.storage,
                draft,
                &store::CommentDraft {
                    text: outgoing.local.comment.body.clone(),
                    saved_at: now(),
                    ..Default::default()
                },
            );
        }
        let id = outgoing.local.comment.id;
        self.comments.replace(id, Some(outgoing.local));
        false
    }

    /// The reader removes a comment WordPress refused for good.
    pub fn remove_not_sent(&self, local_id: u64) {
        self.forget_outgoing(local_id);
        self.comments.replace(local_id, None);
    }
}

/// The Web Locks API's lock that a tab holds while it sends the outbox.
const OUTBOX_LOCK: &str = "russianbest-outbox";

/// Runs `task` while this tab holds [`OUTBOX_LOCK`] (`navigator.locks`,
/// shared by every tab of the site), or not at all when another tab holds
/// it; `done` runs after, in both cases. Where the API is missing (a page
/// not served over https or from localhost), `task` runs unlocked. Returns
/// false if the lock could not even be asked for (nothing runs).
fn with_outbox_lock(
    task: impl std::future::Future<Output = ()> + 'static,
    done: impl FnOnce() + 'static,
) -> bool {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    let locks = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"locks".into()).ok())
        .filter(JsValue::is_object);
    let request = locks
        .as_ref()
        .and_then(|locks| js_sys::Reflect::get(locks, &"request".into()).ok())
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let (Some(locks), Some(request)) = (locks, request) else {
        leptos::task::spawn_local(async move {
            task.await;
            done();
        });
        return true;
    };
    let options = js_sys::Object::new();
    _ = js_sys::Reflect::set(&options, &"ifAvailable".into(), &JsValue::TRUE);
    let callback = Closure::once_into_js(move |lock: JsValue| {
        wasm_bindgen_futures::future_to_promise(async move {
            if !lock.is_null() {
                task.await;
            }
            done();
            Ok(JsValue::UNDEFINED)
        })
    });
    request
        .call3(&locks, &OUTBOX_LOCK.into(), &options, &callback)
        .is_ok()
}

/// A comment accepted by WordPress is shown as WordPress will show it to
/// everyone (its `content.rendered`, read as text), when that differs.
fn show_as_wordpress_does(comment: &mut LocalComment, rendered: &str) {
    let text = html_to_text(rendered);
    if !text.trim().is_empty() && text != comment.comment.body {
        comment.comment.body = text;
    }
}

pub fn use_comment_sink() -> CommentSink {
    expect_context::<CommentSink>()
}

fn now() -> u64 {
    js_sys::Date::now() as u64
}

/// Whether the browser believes it is online (`navigator.onLine`; true
/// where it cannot tell).
fn is_online() -> bool {
    web_sys::window().is_none_or(|w| w.navigator().on_line())
}

/// Why an outbox comment the site has not taken for a day is given up on.
fn undeliverable_reason(since_ms: u64) -> String {
    let since = js_sys::Date::new(&(since_ms as f64).into());
    let date = format_date(&String::from(since.to_iso_string()));
    format!("It has not taken this comment since {date}, though it was tried while this browser was online (its address may have moved, or something between blocks the app), so it is given up on.")
}

/// POSTs a comment to WordPress; what the answer means. No answer within
/// [`SEND_TIMEOUT`] counts as no answer.
async fn send(root: &str, request: &NewComment, resend: bool) -> Delivery {
    let deadline = Deadline::start(SEND_TIMEOUT);
    let Ok(body) = serde_json::to_string(request) else {
        return Delivery::Refused("The comment could not be prepared for sending.".into());
    };
    // A redirect is not followed: a browser would re-send the comment as a
    // GET, which WordPress answers with a list, and the comment is lost.
    let sent = Request::post(&comments_url(root, ""))
        .redirect(web_sys::RequestRedirect::Manual)
        .header("Content-Type", "application/json")
        .abort_signal(deadline.signal().as_ref())
        .body(body);
    match sent {
        Ok(request) => match request.send().await {
            Ok(response) if response.type_() == web_sys::ResponseType::Opaqueredirect => {
                Delivery::Moved
            }
            Ok(response) => {
                let status = response.status();
                let text = response.text().await.unwrap_or_default();
                delivery(status, &text, resend, html_to_text)
            }
            Err(_) => Delivery::TryLater(Failure::NoAnswer),
        },
        Err(_) => Delivery::TryLater(Failure::NoAnswer),
    }
}
