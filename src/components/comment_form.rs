//! "Leave a Reply": the comment box, its draft and its submission.

use crate::{
    comment_sink::{use_comment_sink, use_local_comments, CommentSink, Kept, LocalComments},
    comments::{
        guard::check_submission,
        store::{self, CommentDraft, Commenter, DraftKey, DraftMemory, LocalComment, StorageError},
        validation::{validate, CommentInput, Field, FieldError},
    },
    components::reactive::reactive,
    content::Comment,
    dom::focus_by_id,
    storage::{storage_health, BrowserStorage},
};
use leptos::{ev, prelude::*};
use std::time::Duration;

/// Typing is saved at most this long after the keystroke.
const SAVE_DELAY: Duration = Duration::from_millis(600);
/// Clicks right after a post are the rest of a double click, not a new comment.
const DOUBLE_CLICK_GUARD_MS: u64 = 1_500;

/// The comment a reply answers.
#[derive(Clone, Debug, PartialEq)]
pub struct ReplyTarget {
    pub id: u64,
    pub author: String,
}

/// What the reader is told after pressing "Post Comment".
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Posted { id: u64, kept: Kept },
    Refused(String),
}

/// The comment box's state, one per post page. It outlives the form's DOM,
/// which moves under the comment being replied to, so nothing typed is lost.
#[derive(Clone, Copy)]
pub struct CommentFormState {
    memory: StoredValue<FormMemory>,
    pub reply_to: RwSignal<Option<ReplyTarget>>,
    text: RwSignal<String>,
    name: RwSignal<String>,
    email: RwSignal<String>,
    website: RwSignal<String>,
    consent: RwSignal<bool>,
    errors: RwSignal<Vec<FieldError>>,
    outcome: RwSignal<Option<Outcome>>,
    /// When the draft on screen was restored from storage.
    restored_at: RwSignal<Option<u64>>,
    local: LocalComments,
    sink: CommentSink,
}

/// What the comment box keeps that is not on screen (one stored value, not
/// one per field: each stored type is compiled code in the wasm).
struct FormMemory {
    post_slug: String,
    post_title: String,
    /// Bodies of the post's own comments, for the duplicate check.
    post_comment_bodies: Vec<String>,
    /// A save is scheduled.
    save_scheduled: bool,
    /// When the reader last changed something here.
    edited_at: u64,
    posted_at: u64,
    submitting: bool,
    /// Every draft of this page, so moving between reply targets never
    /// loses text when storage fails.
    drafts: DraftMemory,
}

/// Milliseconds since the epoch.
fn now() -> u64 {
    js_sys::Date::now() as u64
}

impl CommentFormState {
    pub fn new(post_slug: String, post_title: String, post_comment_bodies: Vec<String>) -> Self {
        let remembered = store::load_commenter(&BrowserStorage).ok().flatten();
        let state = CommentFormState {
            memory: StoredValue::new(FormMemory {
                post_slug,
                post_title,
                post_comment_bodies,
                save_scheduled: false,
                edited_at: 0,
                posted_at: 0,
                submitting: false,
                drafts: DraftMemory::default(),
            }),
            reply_to: RwSignal::new(None),
            text: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            email: RwSignal::new(String::new()),
            website: RwSignal::new(String::new()),
            consent: RwSignal::new(remembered.is_some()),
            errors: RwSignal::new(Vec::new()),
            outcome: RwSignal::new(None),
            restored_at: RwSignal::new(None),
            local: use_local_comments(),
            sink: use_comment_sink(),
        };
        if let Some(commenter) = remembered {
            state.name.set(commenter.name);
            state.email.set(commenter.email);
            state.website.set(commenter.website);
        }
        state.restore_draft();
        state.follow_other_tabs();
        state.save_when_leaving();
        state
    }

    fn draft_key(&self) -> DraftKey {
        DraftKey {
            post_slug: self.memory.with_value(|m| m.post_slug.clone()),
            reply_to: self.reply_to.get_untracked().map(|t| t.id),
        }
    }

    /// Puts the stored draft for the current target (if any) on screen.
    fn restore_draft(&self) {
        let key = self.draft_key();
        let stored = store::load_draft(&BrowserStorage, &key, now())
            .ok()
            .flatten();
        let in_memory = self.memory.with_value(|m| m.drafts.get(&key).cloned());
        // The newer of the two: memory wins when storage could not be written.
        let draft = match (stored, in_memory) {
            (Some(s), Some(m)) => Some(if m.saved_at > s.saved_at { m } else { s }),
            (s, m) => s.or(m),
        }
        .filter(|d| !d.is_empty());
        match draft {
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
        Some(CommentDraft {
            text: self.text.try_get_untracked()?,
            name: detail(self.name),
            email: detail(self.email),
            website: detail(self.website),
            saved_at: now(),
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
            _ = store::save_draft(&BrowserStorage, &key, &draft);
            self.memory.update_value(|m| m.drafts.keep(key, draft));
        }
    }

    /// Called on every change: saves within [`SAVE_DELAY`], however fast
    /// the reader types (a throttle, not a debounce, so it is never more
    /// than that far behind).
    fn edited(&self) {
        let first_change = self.memory.with_value(|m| !m.save_scheduled);
        self.memory.update_value(|m| {
            m.edited_at = now();
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
            if draft.saved_at > state.memory.with_value(|m| m.edited_at) {
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

    fn discard_draft(&self) {
        let key = self.draft_key();
        _ = store::remove_draft(&BrowserStorage, &key);
        self.memory.update_value(|m| m.drafts.forget(&key));
        self.text.set(String::new());
        self.restored_at.set(None);
        focus_by_id(Field::Comment.input_id());
    }

    fn set_consent(&self, consent: bool) {
        self.consent.set(consent);
        if !consent {
            _ = store::forget_commenter(&BrowserStorage);
        }
        self.edited();
    }

    fn submit(&self) {
        let now = now();
        let (submitting, posted_at) = self.memory.with_value(|m| (m.submitting, m.posted_at));
        if submitting || now.saturating_sub(posted_at) < DOUBLE_CLICK_GUARD_MS {
            return;
        }
        let input = CommentInput {
            comment: self.text.get_untracked(),
            name: self.name.get_untracked(),
            email: self.email.get_untracked(),
            website: self.website.get_untracked(),
        };
        let valid = match validate(&input) {
            Ok(valid) => valid,
            Err(errors) => {
                let first = errors[0].field;
                self.errors.set(errors);
                self.outcome.set(None);
                request_animation_frame(move || {
                    focus_by_id(first.input_id());
                });
                return;
            }
        };
        self.errors.set(Vec::new());
        let local = self.local;
        let (slug, mut bodies) = self
            .memory
            .with_value(|m| (m.post_slug.clone(), m.post_comment_bodies.clone()));
        bodies.extend(local.on_post(&slug).into_iter().map(|c| c.comment.body));
        if let Err(refusal) = check_submission(
            &valid.comment,
            bodies.iter().map(String::as_str),
            local.last_posted_at(),
            now,
        ) {
            self.outcome
                .set(Some(Outcome::Refused(refusal.to_string())));
            return;
        }

        self.memory.update_value(|m| m.submitting = true);
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
                body: valid.comment,
            },
            posted_at: now,
        };
        let remember = self.consent.get_untracked();
        let sink = self.sink;
        let state = *self;
        leptos::task::spawn_local(async move {
            let kept = sink.post(comment).await;
            // The draft goes only once its comment is stored.
            if kept == Kept::Stored {
                _ = store::remove_draft(&BrowserStorage, &draft_key);
            }
            state.memory.update_value(|m| m.drafts.forget(&draft_key));
            if remember {
                let commenter = Commenter {
                    name: valid.name,
                    email: valid.email,
                    website: valid.website.unwrap_or_default(),
                };
                _ = store::save_commenter(&BrowserStorage, &commenter);
            }
            state.memory.update_value(|m| {
                m.posted_at = now;
                m.submitting = false;
                m.save_scheduled = false;
            });
            state.text.set(String::new());
            state.restored_at.set(None);
            state.reply_to.set(None);
            state.outcome.set(Some(Outcome::Posted { id, kept }));
            request_animation_frame(move || {
                crate::dom::scroll_to_id(&format!("comment-{id}"));
            });
        });
    }
}

/// The form, wherever the reader is replying. Fields carry no `maxlength`:
/// the browser would silently cut a long paste, while validation says what
/// is too long and keeps every character.
#[component]
pub fn CommentForm() -> impl IntoView {
    let form = expect_context::<CommentFormState>();
    let heading = move || match form.reply_to.get() {
        Some(target) => format!("Leave a Reply to {}", target.author),
        None => "Leave a Reply".to_string(),
    };
    let cancel = move |e: ev::MouseEvent| {
        e.prevent_default();
        form.reply(None);
    };
    view! {
        <div id="respond" class="comment-respond">
            <h2 id="reply-title" class="comment-reply-title">
                {move || heading()}
                {move || {
                    form.reply_to.get().is_some().then(|| view! {
                        " "
                        <small>
                            <a href="#respond" id="cancel-comment-reply-link" on:click=cancel>"Cancel reply"</a>
                        </small>
                    }.into_any())
                    .into_any()
                }}
            </h2>
            <DraftNotice form />
            <StorageNotice />
            <form class="comment-form" novalidate on:submit=move |e: ev::SubmitEvent| {
                e.prevent_default();
                form.submit();
            }>
                <p class="comment-notes">
                    <span id="email-notes">"Your email address will not be published."</span>
                    " Required fields are marked "
                    <span class="required">"*"</span>
                </p>
                <FormField form field=Field::Comment label="Comment" required=true value=form.text />
                <FormField form field=Field::Name label="Name" required=true value=form.name />
                <FormField form field=Field::Email label="Email" required=true value=form.email />
                <FormField form field=Field::Website label="Website" required=false value=form.website />
                <p class="comment-form-cookies-consent">
                    <input
                        id="wp-comment-cookies-consent"
                        type="checkbox"
                        prop:checked=form.consent
                        on:change=move |e| form.set_consent(event_target_checked(&e))
                    />
                    <label for="wp-comment-cookies-consent">
                        "Save my name, email, and website in this browser for the next time I comment."
                    </label>
                </p>
                <p class="form-submit">
                    <button type="submit" id="submit" class="button">"Post Comment"</button>
                </p>
                <OutcomeMessage form />
            </form>
        </div>
    }
}

// Closures written out in the view (`move || invalid()`), not passed by
// name: the view! macro shares the compiled rendering of written-out closures.
#[allow(clippy::redundant_closure)]
#[component]
fn FormField(
    form: CommentFormState,
    field: Field,
    label: &'static str,
    required: bool,
    value: RwSignal<String>,
) -> impl IntoView {
    let id = field.input_id();
    let error_id = format!("{id}-error");
    let error = move || {
        form.errors.with(|errors| {
            errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone())
        })
    };
    let described_by = {
        let error_id = error_id.clone();
        move || {
            let mut ids = Vec::new();
            if field == Field::Email {
                ids.push("email-notes".to_string());
            }
            if error().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || error().is_some().then_some("true");
    let on_input = move |e: ev::Event| {
        value.set(event_target_value(&e));
        form.edited();
    };
    let input = match field {
        Field::Comment => view! {
            <textarea
                id=id
                name=id
                rows="8"
                required=required
                aria-required=required.then_some("true")
                aria-invalid=move || invalid()
                aria-describedby=move || described_by()
                prop:value=value
                on:input=on_input
            ></textarea>
        }
        .into_any(),
        _ => {
            let (kind, autocomplete) = match field {
                Field::Email => ("email", "email"),
                Field::Website => ("url", "url"),
                _ => ("text", "name"),
            };
            view! {
                <input
                    id=id
                    name=id
                    type=kind
                    autocomplete=autocomplete
                    required=required
                    aria-required=required.then_some("true")
                    aria-invalid=move || invalid()
                    aria-describedby=move || described_by()
                    prop:value=value
                    on:input=on_input
                />
            }
            .into_any()
        }
    };
    view! {
        <p class=format!("comment-form-{id}")>
            <label for=id>
                {label}
                {required.then(|| view! { " " <span class="required">"*"</span> }.into_any())}
            </label>
            {input}
            {move || error().map(|message| view! { <span class="field-error" id=error_id.clone()>{message}</span> }.into_any()).into_any()}
        </p>
    }
}

#[component]
fn DraftNotice(form: CommentFormState) -> impl IntoView {
    reactive(move || {
        form.restored_at.get().map(|saved_at| {
            let when = js_sys::Date::new(&(saved_at as f64).into()).to_locale_string("en-US", &wasm_bindgen::JsValue::UNDEFINED);
            view! {
                <div class="draft-notice" role="status">
                    <span>{format!("Draft restored (saved {}).", String::from(when))}</span>
                    " "
                    <button type="button" class="button button-small" on:click=move |_| form.discard_draft()>
                        "Discard draft"
                    </button>
                </div>
            }
        })
        .into_any()
    })
}

#[component]
fn StorageNotice() -> impl IntoView {
    let health = storage_health();
    reactive(move || {
        health.get().map(|error| {
            let why = match error {
                StorageError::Full => "this browser’s storage for the site is full",
                StorageError::Unavailable => "this browser does not allow the site to store data",
            };
            view! {
                <p class="storage-notice" role="status">
                    {format!(
                        "Drafts can’t be saved: {why}. What you type stays on this page, and comments you post are kept until you leave.",
                    )}
                </p>
            }
        })
        .into_any()
    })
}

#[component]
fn OutcomeMessage(form: CommentFormState) -> impl IntoView {
    reactive(move || match form.outcome.get() {
        Some(Outcome::Refused(message)) => {
            view! { <p class="form-refusal" role="alert">{message}</p> }.into_any()
        }
        Some(Outcome::Posted { id, kept }) => {
            let note = match kept {
                Kept::Stored => "Your comment was posted and is awaiting moderation.",
                Kept::ForThisVisit(_) => {
                    "Your comment was posted and is awaiting moderation. It could not be saved in this browser, so it will be gone after you leave."
                }
            };
            view! {
                <p class="form-posted" role="status">
                    {note} " " <a href=format!("#comment-{id}")>"See your comment"</a>
                </p>
            }
            .into_any()
        }
        None => ().into_any(),
    })
}
