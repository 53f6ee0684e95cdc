//! "Leave a Reply": the comment box's view. Its state (drafts, reply
//! targets, posting) is [`CommentFormState`], in `state.rs`.

mod state;

pub use state::{CommentFormState, ReplyTarget};

use crate::{
    browser::{comment_sink::Kept, storage::use_storage},
    models::comments::{
        store::{self, CommentDraft, DraftKey, LocalState, StorageError},
        validation::Field,
        wordpress::COMMENTS_CLOSED,
    },
};
use leptos::{ev, prelude::*};
use state::Outcome;

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
                    {move || (!form.sends_to_wordpress()).then(|| view! {
                        <span class="comments-kept-here">"Comments on this site are kept in your browser only: other readers do not see them. "</span>
                    })}
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
                    <button type="submit" id="submit" class="button" disabled=form.posting_now>
                        {move || if form.posting_now.get() { "Posting…" } else { "Post Comment" }}
                    </button>
                    <span class="visually-hidden" role="status">
                        {move || form.posting_now.get().then_some("Posting your comment…")}
                    </span>
                </p>
                <OutcomeMessage form />
            </form>
        </div>
    }
}

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
                aria-invalid=invalid
                aria-describedby=described_by.clone()
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
                    aria-invalid=invalid
                    aria-describedby=described_by.clone()
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
    move || {
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
    }
}

#[component]
fn StorageNotice() -> impl IntoView {
    let health = use_storage().health();
    move || {
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
    }
}

#[component]
fn OutcomeMessage(form: CommentFormState) -> impl IntoView {
    move || match form.outcome.get() {
        Some(Outcome::Refused(message)) => {
            view! { <p class="form-refusal" role="alert">{message}</p> }.into_any()
        }
        Some(Outcome::Posted {
            id,
            kept,
            state,
            to_wordpress,
        }) => {
            // What became of it since (the outbox sent it, or the site
            // refused it for good), else as it was when posted.
            let state = form.standing(id).unwrap_or(state);
            let note = match (state, to_wordpress) {
                (LocalState::NotSent, _) => "Your comment could not be sent: the site refused it. Its words are kept with it below.",
                (LocalState::Queued, _) if kept != Kept::Stored => "The site could not be reached, so your comment waits on this page and will be sent as soon as it can be.",
                (LocalState::Queued, _) => "The site could not be reached, so your comment waits in this browser and will be sent as soon as it can be, even after you leave.",
                (LocalState::Approved, _) => "Your comment was posted.",
                (LocalState::AwaitingModeration, true) => "Your comment was sent and is awaiting moderation.",
                (LocalState::AwaitingModeration, false) => "Your comment was posted and is awaiting moderation.",
            };
            let lost = match (kept, state) {
                (Kept::ForThisVisit(_), LocalState::Queued) => " It could not be saved in this browser, so keep this page open until it is sent.",
                (Kept::ForThisVisit(_), _) => " It could not be saved in this browser, so it will be gone after you leave.",
                (Kept::Stored, _) => "",
            };
            view! {
                <p class="form-posted" role="status">
                    {note} {lost} " " <a href=format!("#comment-{id}")>"See your comment"</a>
                </p>
            }
            .into_any()
        }
        None => ().into_any(),
    }
}

/// Where the box would be on a post that takes no comments: WordPress's
/// words (and class), and any draft the reader left on the post before it
/// closed, shown whole so it can be kept elsewhere, until removed. Drafts
/// are read after the first render: only the browser knows them.
#[component]
pub fn CommentsClosed(slug: String) -> impl IntoView {
    let drafts = RwSignal::new(Vec::<(DraftKey, CommentDraft)>::new());
    let storage = use_storage();
    Effect::new(move |_| {
        let now = js_sys::Date::now() as u64;
        let found = store::drafts_on_post(&storage, &slug, now).unwrap_or_default();
        drafts.set(found);
    });
    let remove = move |key: DraftKey| {
        _ = store::remove_draft(&storage, &key);
        drafts.update(|all| all.retain(|(k, _)| *k != key));
    };
    view! {
        <p class="no-comments">{COMMENTS_CLOSED}</p>
        {move || {
            drafts
                .get()
                .into_iter()
                .map(|(key, draft)| view! {
                    <div class="unsent-draft" role="status">
                        <p>"You started a comment here before comments were closed. It was not sent; here it is, so you can keep a copy:"</p>
                        <blockquote class="unsent-draft-text">{draft.text}</blockquote>
                        <button type="button" class="button button-small" on:click=move |_| remove(key.clone())>
                            "Remove draft"
                        </button>
                    </div>
                })
                .collect_view()
        }}
    }
}
