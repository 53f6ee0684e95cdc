//! The comment box's state: what is on screen, its drafts and its posting.
//! It outlives the form's DOM, which moves under the comment being replied
//! to, so nothing typed is lost. The decisions are `models::comments::form`.

use crate::{
    browser::{
        api::{use_site, SiteResource, ThreadChanges},
        comment_sink::{
            use_comment_sink, use_local_comments, CommentSink, Kept, LocalComments, Posted,
            WordPressPost,
        },
        dom::{focus_by_id, scroll_to_id},
        storage::{use_storage, BrowserStorage},
    },
    components::hydrate_later::once_taken_over,
    models::{
        comments::{
            form::{decide_submit, draft_to_show, other_tab_wins, Submission, SubmitAction},
            guard::CommentKey,
            store::{
                self, CommentDraft, Commenter, DraftKey, DraftMemory, LocalComment, LocalState,
            },
            validation::{CommentInput, Field, FieldError, ValidComment},
            wordpress::{COMMENTS_CLOSED, NOT_ALLOWED},
        },
        content::Comment,
    },
};
use leptos::{ev, prelude::*};
use std::time::Duration;

/// Typing is saved at most this long after the keystroke.
const SAVE_DELAY: Duration = Duration::from_millis(600);

/// The comment a reply answers.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplyTarget {
    pub id: u64,
    pub author: String,
}

/// What the reader is told after pressing "Post Comment".
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Outcome {
    Posted {
        id: u64,
        kept: Kept,
        state: LocalState,
        /// Sent to the site's WordPress (not only kept in this browser).
        to_wordpress: bool,
    },
    Refused(String),
}

/// The comment box's state, one per post page. It outlives the form's DOM,
/// which moves under the comment being replied to, so nothing typed is lost.
#[derive(Clone, Copy)]
pub struct CommentFormState {
    memory: StoredValue<FormMemory>,
    pub reply_to: RwSignal<Option<ReplyTarget>>,
    pub(super) text: RwSignal<String>,
    pub(super) name: RwSignal<String>,
    pub(super) email: RwSignal<String>,
    pub(super) website: RwSignal<String>,
    pub(super) consent: RwSignal<bool>,
    pub(super) errors: RwSignal<Vec<FieldError>>,
    pub(super) outcome: RwSignal<Option<Outcome>>,
    /// When the draft on screen was restored from storage.
    pub(super) restored_at: RwSignal<Option<u64>>,
    /// Whether a comment is on its way (to WordPress: up to 15 s): the
    /// button says "Posting…" meanwhile.
    pub(super) posting_now: RwSignal<bool>,
    local: LocalComments,
    storage: BrowserStorage,
    sink: CommentSink,
    site: SiteResource,
}

/// A comment on its way, with what the form does once the sink answers.
struct PendingPost {
    comment: LocalComment,
    valid: ValidComment,
    wordpress: Option<WordPressPost>,
    draft_key: DraftKey,
    /// The reader asked to remember their name, email and website.
    remember: bool,
    now: u64,
}

/// What the comment box keeps that is not on screen.
struct FormMemory {
    post_slug: String,
    post_title: String,
    /// The post's own comments: their bodies for the duplicate check, their
    /// authors for a reply draft opened again.
    post_comments: Vec<Comment>,
    /// The post's id on the site's WordPress, if it came from one.
    wp_post: Option<u64>,
    /// A save is scheduled.
    save_scheduled: bool,
    /// When the reader last changed something here.
    edited_at: u64,
    /// The box holds text the reader typed in this tab (not only what came
    /// from storage or another tab).
    typed_here: bool,
    /// When this form last posted a comment.
    posted_at: Option<u64>,
    /// Every draft of this page, so moving between reply targets never
    /// loses text when storage fails.
    drafts: DraftMemory,
}

/// Milliseconds since the epoch.
fn now() -> u64 {
    js_sys::Date::now() as u64
}

impl CommentFormState {
    pub fn new(
        post_slug: String,
        post_title: String,
        post_comments: Vec<Comment>,
        wp_post: Option<u64>,
    ) -> Self {
        let state = CommentFormState {
            memory: StoredValue::new(FormMemory {
                post_slug,
                post_title,
                post_comments,
                wp_post,
                save_scheduled: false,
                edited_at: 0,
                typed_here: false,
                posted_at: None,
                drafts: DraftMemory::default(),
            }),
            reply_to: RwSignal::new(None),
            text: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            website: RwSignal::new(String::new()),
            consent: RwSignal::new(false),
            errors: RwSignal::new(Vec::new()),
            outcome: RwSignal::new(None),
            restored_at: RwSignal::new(None),
            posting_now: RwSignal::new(false),
            local: use_local_comments(),
            storage: use_storage(),
            sink: use_comment_sink(),
            site: use_site(),
        };
        // The remembered commenter, drafts and other tabs are this
        // browser's: they join once the page is taken over, never in the
        // prerendered page.
        once_taken_over(move || state.join_browser());
        state
    }

    /// What the browser holds joins what is on screen; anything the reader
    /// already typed stays.
    fn join_browser(&self) {
        if let Some(commenter) = store::load_commenter(&self.storage).ok().flatten() {
            self.consent.set(true);
            for (field, value) in [
                (self.name, commenter.name),
                (self.email, commenter.email),
                (self.website, commenter.website),
            ] {
                if field.with_untracked(String::is_empty) {
                    field.set(value);
                }
            }
        }
        if !self.memory.with_value(|m| m.typed_here) {
            // The box opens where it was last typed in: a reply's draft
            // newer than the post's own opens under its comment.
            if let Some(target) = self.last_reply_draft() {
                self.reply_to.set(Some(target));
            }
            self.restore_draft();
        }
        self.follow_other_tabs();
        self.save_when_leaving();
    }

    /// The comment whose reply draft is this post's newest draft, if it is
    /// one of the post's comments.
    fn last_reply_draft(&self) -> Option<ReplyTarget> {
        let slug = self.memory.with_value(|m| m.post_slug.clone());
        let drafts = store::drafts_on_post(&self.storage, &slug, now()).ok()?;
        let id = drafts.last()?.0.reply_to?;
        self.memory.with_value(|m| {
            let comment = m.post_comments.iter().find(|c| c.id == id)?;
            let author = comment.author.clone();
            Some(ReplyTarget { id, author })
        })
    }

    fn draft_key(&self) -> DraftKey {
        DraftKey {
            post_slug: self.memory.with_value(|m| m.post_slug.clone()),
            reply_to: self.reply_to.get_untracked().map(|t| t.id),
        }
    }

    /// Puts the stored draft for the current target (if any) on screen.
    fn restore_draft(&self) {
        self.memory.update_value(|m| m.typed_here = false);
        let key = self.draft_key();
        let stored = store::load_draft(&self.storage, &key, now()).ok().flatten();
        let in_memory = self.memory.with_value(|m| m.drafts.get(&key).cloned());
        match draft_to_show(stored, in_memory) {
            Some(draft) => self.show_draft(draft),
            None => {
                self.text.set(String::new());
                self.restored_at.set(None);
            }
        }
    }

    fn show_draft(&self, draft: CommentDraft) {
        self.text.set(draft.text);
        for (field, value) in [
            (self.name, draft.name),
            (self.email, draft.email),
            (self.website, draft.website),
        ] {
            if !value.is_empty() {
                field.set(value);
            }
        }
        self.restored_at.set(Some(draft.saved_at));
    }

    fn current_draft(&self) -> Option<CommentDraft> {
        let with_details = self.consent.try_get_untracked()?;
        let detail = |field: RwSignal<String>| {
            if with_details {
                field.get_untracked()
            } else {
                String::new()
            }
        };
        // The time of the reader's last change here, not of the (later,
        // throttled) save: another tab compares it with its own last change.
        let edited_at = self.memory.try_with_value(|m| m.edited_at)?;
        Some(CommentDraft {
            text: self.text.try_get_untracked()?,
            name: detail(self.name),
            email: detail(self.email),
            website: detail(self.website),
            saved_at: if edited_at == 0 { now() } else { edited_at },
        })
    }

    /// Writes the draft now. Storage failures show up as a notice (through
    /// the health signal); the text stays on screen either way.
    fn save_now(&self) {
        if self
            .memory
            .try_update_value(|m| m.save_scheduled = false)
            .is_none()
        {
            return; // the page is gone
        }
        if let Some(draft) = self.current_draft() {
            let key = self.draft_key();
            _ = store::save_draft(&self.storage, &key, &draft);
            self.memory.update_value(|m| m.drafts.keep(key, draft));
        }
    }

    /// Called on every change: saves within [`SAVE_DELAY`], however fast
    /// the reader types (a throttle, not a debounce, so it is never more
    /// than that far behind).
    pub(super) fn edited(&self) {
        let first_change = self.memory.with_value(|m| !m.save_scheduled);
        self.memory.update_value(|m| {
            m.edited_at = now();
            m.typed_here = true;
            m.save_scheduled = true;
        });
        self.errors.update(|e| e.clear());
        if first_change {
            let state = *self;
            set_timeout(move || state.save_now(), SAVE_DELAY);
        }
    }

    /// Another tab of this post saved a newer draft: show it here.
    fn follow_other_tabs(&self) {
        let state = *self;
        let handle = window_event_listener(ev::storage, move |event| {
            let Some(key) = event.key() else { return };
            if key != state.draft_key().storage_key() {
                return;
            }
            let Some(draft) = event.new_value().as_deref().and_then(store::decode_draft) else {
                return;
            };
            let (edited_at, typed_here) = state.memory.with_value(|m| (m.edited_at, m.typed_here));
            let box_is_empty = state.text.with_untracked(|t| t.trim().is_empty());
            if other_tab_wins(&draft, edited_at, typed_here, box_is_empty) {
                state.memory.update_value(|m| m.edited_at = draft.saved_at);
                state.show_draft(draft);
            }
        });
        on_cleanup(move || handle.remove());
    }

    /// Saves at once when the page is hidden or closed, and when the post
    /// page goes away.
    fn save_when_leaving(&self) {
        let state = *self;
        let on_pagehide = window_event_listener(ev::pagehide, move |_| state.save_now());
        let on_hidden = window_event_listener(ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                state.save_now();
            }
        });
        on_cleanup(move || {
            on_pagehide.remove();
            on_hidden.remove();
            if state.memory.try_with_value(|m| m.save_scheduled) == Some(true) {
                state.save_now();
            }
        });
    }

    /// Moves the box to reply to `target` (or back to the post), keeping
    /// each target's own draft.
    pub fn reply(&self, target: Option<ReplyTarget>) {
        if self.memory.with_value(|m| m.save_scheduled) || !self.text.get_untracked().is_empty() {
            self.save_now();
        }
        self.reply_to.set(target);
        self.errors.set(Vec::new());
        self.outcome.set(None);
        self.restore_draft();
        request_animation_frame(|| {
            focus_by_id(Field::Comment.input_id());
        });
    }

    /// The post's comments on its WordPress differ from the built ones
    /// (`api::thread_changes`; those removed are [`Self::thread_settled`]'s).
    /// Approved ones join those the form knows: the duplicate check reads
    /// them, and when the post's newest draft is a reply to one of them, the
    /// box opens under it with that draft, as for a built comment (unless
    /// the reader has typed here since the page opened).
    pub fn wordpress_changed(&self, changes: &ThreadChanges) {
        self.memory.update_value(|m| {
            for comment in &changes.added {
                if !m.post_comments.iter().any(|c| c.id == comment.id) {
                    m.post_comments.push(comment.clone());
                }
            }
        });
        let untouched =
            self.reply_to.get_untracked().is_none() && !self.memory.with_value(|m| m.typed_here);
        let reply_to_added = || {
            let target = self.last_reply_draft()?;
            changes
                .added
                .iter()
                .any(|c| c.id == target.id)
                .then_some(target)
        };
        if let Some(target) = untouched.then(reply_to_added).flatten() {
            self.reply_to.set(Some(target));
            self.restore_draft();
        }
    }

    /// The post's thread as shown (`shown`: its comments' ids) is settled:
    /// WordPress has answered, or the site has none. What was typed to a
    /// comment not in it (WordPress removed it since the build, or while
    /// the reader was away) joins the post's own draft, so no typed text is
    /// left where no Reply reaches it: a box open under such a comment goes
    /// back under the post, showing the post's draft and then its text;
    /// other reply drafts to such comments are added to the post's draft.
    pub fn thread_settled(&self, shown: &[u64]) {
        let gone = |id: &u64| !shown.contains(id);
        if self.reply_to.get_untracked().is_some_and(|t| gone(&t.id)) {
            let reply_key = self.draft_key();
            let reply = self.text.get_untracked();
            self.reply_to.set(None);
            self.restore_draft();
            self.append_to_post_draft(&[reply]);
            self.forget_draft(&reply_key);
        }
        let slug = self.memory.with_value(|m| m.post_slug.clone());
        let Ok(drafts) = store::drafts_on_post(&self.storage, &slug, now()) else {
            return;
        };
        let orphans: Vec<(DraftKey, CommentDraft)> = drafts
            .into_iter()
            .filter(|(key, _)| key.reply_to.as_ref().is_some_and(gone))
            .collect();
        if orphans.is_empty() {
            return;
        }
        let texts: Vec<String> = orphans.iter().map(|(_, d)| d.text.clone()).collect();
        self.append_to_post_draft(&texts);
        for (key, _) in orphans {
            self.forget_draft(&key);
        }
    }

    /// Appends `texts` to the post's own draft, a blank line apart, and
    /// saves it: on screen when the box is under the post, else in storage
    /// (and in memory, should storage fail).
    fn append_to_post_draft(&self, texts: &[String]) {
        let join = |own: &str| {
            let parts = std::iter::once(own.trim_end()).chain(texts.iter().map(|t| t.trim()));
            parts
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join("\n\n")
        };
        if texts.iter().all(|t| t.trim().is_empty()) {
            return;
        }
        if self.reply_to.get_untracked().is_none() {
            let own = self.text.get_untracked();
            self.text.set(join(&own));
            self.save_now();
            return;
        }
        let key = DraftKey {
            post_slug: self.memory.with_value(|m| m.post_slug.clone()),
            reply_to: None,
        };
        let stored = store::load_draft(&self.storage, &key, now()).ok().flatten();
        let in_memory = self.memory.with_value(|m| m.drafts.get(&key).cloned());
        let mut draft = draft_to_show(stored, in_memory).unwrap_or_default();
        draft.text = join(&draft.text);
        draft.saved_at = now();
        _ = store::save_draft(&self.storage, &key, &draft);
        self.memory.update_value(|m| m.drafts.keep(key, draft));
    }

    fn forget_draft(&self, key: &DraftKey) {
        _ = store::remove_draft(&self.storage, key);
        self.memory.update_value(|m| m.drafts.forget(key));
    }

    pub(super) fn discard_draft(&self) {
        let key = self.draft_key();
        _ = store::remove_draft(&self.storage, &key);
        self.memory.update_value(|m| {
            m.drafts.forget(&key);
            m.typed_here = false;
        });
        self.text.set(String::new());
        self.restored_at.set(None);
        focus_by_id(Field::Comment.input_id());
    }

    pub(super) fn set_consent(&self, consent: bool) {
        self.consent.set(consent);
        if !consent {
            _ = store::forget_commenter(&self.storage);
        }
        self.edited();
    }

    /// "Post Comment": checks, then hands the comment to the sink. The
    /// draft goes only once the comment is kept.
    pub(super) fn submit(&self) {
        let now = now();
        let input = CommentInput {
            comment: self.text.get_untracked(),
            name: self.name.get_untracked(),
            email: self.email.get_untracked(),
            website: self.website.get_untracked(),
        };
        let local = self.local;
        let (slug, mut existing) = self
            .memory
            .with_value(|m| (m.post_slug.clone(), m.post_comments.clone()));
        // This reader's own comments, but not one the site refused: its
        // text is back in the box to be posted again.
        let mine = local.on_post(&slug).into_iter();
        existing.extend(
            mine.filter(|c| c.state != LocalState::NotSent)
                .map(|c| c.comment),
        );
        let form_posted_at = self.memory.with_value(|m| m.posted_at);
        let action = decide_submit(&Submission {
            input,
            submitting: self.posting_now.get_untracked(),
            form_posted_at,
            reader_posted_at: local.last_posted_at().max(self.sink.last_sent_at()),
            parent: self.reply_to.get_untracked().map(|t| t.id),
            existing: existing.iter().map(CommentKey::from).collect(),
            now,
        });
        let valid = match action {
            SubmitAction::Ignore => return,
            SubmitAction::Invalid(errors) => {
                let first = errors[0].field;
                self.errors.set(errors);
                self.outcome.set(None);
                request_animation_frame(move || {
                    focus_by_id(first.input_id());
                });
                return;
            }
            SubmitAction::Refuse(refusal) => {
                self.errors.set(Vec::new());
                self.outcome
                    .set(Some(Outcome::Refused(refusal.to_string())));
                return;
            }
            SubmitAction::Post(valid) => valid,
        };
        self.errors.set(Vec::new());

        let draft_key = self.draft_key();
        // Unique across tabs posting in the same millisecond.
        let id = now * 1_000_000 + (js_sys::Math::random() * 1_000_000.0) as u64;
        let comment = LocalComment {
            post_slug: slug,
            post_title: self.memory.with_value(|m| m.post_title.clone()),
            comment: Comment {
                id,
                parent: draft_key.reply_to,
                author: valid.name.clone(),
                url: valid.website.clone(),
                date: String::from(js_sys::Date::new_0().to_iso_string()),
                body: valid.comment.clone(),
            },
            posted_at: now,
            state: LocalState::default(),
            refusal: None,
        };
        self.posting_now.set(true);
        let form = *self;
        let pending = PendingPost {
            comment,
            valid,
            wordpress: untrack(|| self.wordpress()),
            draft_key,
            remember: self.consent.get_untracked(),
            now,
        };
        leptos::task::spawn_local(async move {
            form.finish(pending).await;
            _ = form.posting_now.try_set(false);
        });
    }

    /// The rest of "Post Comment", while `posting_now` holds: the sink's
    /// answer, then the box emptied — unless the reader typed on or
    /// moved to another comment meanwhile: then what is on screen stays.
    async fn finish(&self, pending: PendingPost) {
        let PendingPost {
            comment,
            valid,
            wordpress,
            draft_key,
            remember,
            now,
            ..
        } = pending;
        let to_wordpress = wordpress.is_some();
        let (id, kept, local_state) = match self
            .sink
            .post(comment, valid.email.clone(), wordpress)
            .await
        {
            Posted::Kept { id, kept, state } => (id, kept, state),
            // Refused: the text stays in the box, with WordPress's words.
            Posted::Refused(message) => return self.refused(message),
            Posted::Closed => {
                return self.refused(format!("{COMMENTS_CLOSED} Your text is still in the box."))
            }
            Posted::NotAllowed => return self.refused(NOT_ALLOWED.to_string()),
        };
        // The draft goes only once its comment is kept: stored here, or
        // accepted by WordPress (a queued one's goes when it is sent).
        let kept_for_good = kept == Kept::Stored && local_state != LocalState::Queued;
        if remember {
            let commenter = Commenter {
                name: valid.name.clone(),
                email: valid.email.clone(),
                website: valid.website.clone().unwrap_or_default(),
            };
            _ = store::save_commenter(&self.storage, &commenter);
        }
        if self.memory.try_with_value(|_| ()).is_none() {
            // The reader left the page meanwhile: the sink has the comment,
            // and the draft saved on leaving goes if it holds just its words.
            let stored = store::load_draft(&self.storage, &draft_key, now)
                .ok()
                .flatten();
            if kept_for_good && stored.is_some_and(|d| d.text.trim() == valid.comment.trim()) {
                _ = store::remove_draft(&self.storage, &draft_key);
            }
            return;
        }
        let untouched = self.draft_key() == draft_key
            && self.text.get_untracked().trim() == valid.comment.trim();
        if untouched && kept_for_good {
            _ = store::remove_draft(&self.storage, &draft_key);
        }
        self.memory.update_value(|m| m.posted_at = Some(now));
        if untouched {
            self.memory.update_value(|m| {
                m.drafts.forget(&draft_key);
                m.save_scheduled = false;
                m.typed_here = false;
            });
            self.text.set(String::new());
            self.restored_at.set(None);
            self.reply_to.set(None);
        }
        self.outcome.set(Some(Outcome::Posted {
            id,
            kept,
            state: local_state,
            to_wordpress,
        }));
        request_animation_frame(move || {
            scroll_to_id(&format!("comment-{id}"));
        });
    }

    /// Where the comment with `id` posted from here stands now (tracked):
    /// the outbox may since have sent it, or WordPress refused it for good.
    pub(super) fn standing(&self, id: u64) -> Option<LocalState> {
        self.local
            .0
            .with(|all| all.iter().find(|c| c.comment.id == id).map(|c| c.state))
    }

    /// WordPress refused the comment: its words, the text kept in the box.
    fn refused(&self, message: String) {
        _ = self.outcome.try_set(Some(Outcome::Refused(message)));
    }

    /// Where this post's comments go (tracked): the site's WordPress, when
    /// the content names one and the post came from it.
    fn wordpress(&self) -> Option<WordPressPost> {
        let root = self.site.get()?.ok()?.wordpress.clone()?;
        let post_id = self.memory.with_value(|m| m.wp_post)?;
        Some(WordPressPost { root, post_id })
    }

    /// Whether comments here go to a WordPress site (tracked).
    pub fn sends_to_wordpress(&self) -> bool {
        self.wordpress().is_some()
    }

    /// The same, untracked.
    pub fn sends_to_wordpress_untracked(&self) -> bool {
        untrack(|| self.sends_to_wordpress())
    }
}
