//! The comment box's decisions, apart from its signals, timers and storage:
//! what "Post Comment" does, which draft a target shows, and when another
//! tab's draft replaces the one on screen. `components/comment_form/state.rs`
//! carries them out.

use super::{
    guard::{check_submission, CommentKey, Refusal},
    store::CommentDraft,
    validation::{validate, CommentInput, FieldError, ValidComment},
};

/// A click this soon after a comment was posted, with nothing typed since,
/// is the second click of the same double click.
pub const DOUBLE_CLICK_MS: u64 = 1_500;

/// What the form knows when "Post Comment" is pressed.
#[derive(Clone, Debug, Default)]
pub struct Submission<'a> {
    pub input: CommentInput,
    /// A post from this form is under way.
    pub submitting: bool,
    /// When this form last posted a comment (ms since the epoch).
    pub form_posted_at: Option<u64>,
    /// When the reader last posted anywhere, for the flood check.
    pub reader_posted_at: Option<u64>,
    /// The comment the box replies to (`None`: the post).
    pub parent: Option<u64>,
    /// The comments already on the post, for the duplicate check.
    pub existing: Vec<CommentKey<'a>>,
    pub now: u64,
}

/// What pressing "Post Comment" does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SubmitAction {
    /// Nothing: a post is under way, or this is the rest of the double
    /// click that posted (the box was emptied by that post).
    Ignore,
    /// Show these field errors (in the order of the form).
    Invalid(Vec<FieldError>),
    /// Say why, in WordPress's words; the text stays in the box.
    Refuse(Refusal),
    /// Post it.
    Post(ValidComment),
}

pub fn decide_submit(submission: &Submission) -> SubmitAction {
    if submission.submitting {
        return SubmitAction::Ignore;
    }
    let just_posted = submission
        .form_posted_at
        .is_some_and(|at| submission.now.saturating_sub(at) < DOUBLE_CLICK_MS);
    if just_posted && submission.input.comment.trim().is_empty() {
        return SubmitAction::Ignore;
    }
    let valid = match validate(&submission.input) {
        Ok(valid) => valid,
        Err(errors) => return SubmitAction::Invalid(errors),
    };
    let new = CommentKey {
        parent: submission.parent,
        author: &valid.name,
        text: &valid.comment,
    };
    match check_submission(
        &new,
        submission.existing.iter().copied(),
        submission.reader_posted_at,
        submission.now,
    ) {
        Ok(()) => SubmitAction::Post(valid),
        Err(refusal) => SubmitAction::Refuse(refusal),
    }
}

/// The draft a reply target shows: the newer of the stored one and the one
/// kept in memory (memory wins when storage could not be written), unless
/// it is empty.
pub fn draft_to_show(
    stored: Option<CommentDraft>,
    in_memory: Option<CommentDraft>,
) -> Option<CommentDraft> {
    match (stored, in_memory) {
        (Some(s), Some(m)) => Some(if m.saved_at > s.saved_at { m } else { s }),
        (s, m) => s.or(m),
    }
    .filter(|draft| !draft.is_empty())
}

/// Whether a draft another tab saved replaces what is on screen: only when
/// it is newer than the reader's last change here, and the box holds no
/// text typed in this tab (it is empty, or shows only what came from
/// storage). Text typed here is never replaced: two tabs typing different
/// words each keep their own.
pub fn other_tab_wins(
    other: &CommentDraft,
    edited_here_at: u64,
    typed_here: bool,
    box_is_empty: bool,
) -> bool {
    other.saved_at > edited_here_at && (!typed_here || box_is_empty)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::comments::guard::FLOOD_INTERVAL_MS;

    fn input(comment: &str) -> CommentInput {
        CommentInput {
            comment: comment.into(),
            name: "Ann".into(),
            email: "ann@example.org".into(),
            website: String::new(),
        }
    }

    fn submission(comment: &str, now: u64) -> Submission<'static> {
        Submission {
            input: input(comment),
            now,
            ..Submission::default()
        }
    }

    #[test]
    fn a_valid_comment_is_posted() {
        let action = decide_submit(&submission("  Hello  ", 10_000));
        assert!(matches!(action, SubmitAction::Post(v) if v.comment == "Hello"));
    }

    #[test]
    fn only_the_rest_of_a_double_click_is_ignored() {
        // The second click of the double click that posted: the box is empty.
        let mut second_click = submission("", 10_500);
        second_click.form_posted_at = Some(10_000);
        second_click.reader_posted_at = Some(10_000);
        assert_eq!(decide_submit(&second_click), SubmitAction::Ignore);

        // A new comment pasted and posted at once is not swallowed: the
        // reader hears why it cannot go yet.
        let mut new_comment = submission("A second thought", 10_500);
        new_comment.form_posted_at = Some(10_000);
        new_comment.reader_posted_at = Some(10_000);
        assert_eq!(
            decide_submit(&new_comment),
            SubmitAction::Refuse(Refusal::TooFast)
        );

        // After the double-click window an empty box says so.
        let mut later = submission("", 10_000 + DOUBLE_CLICK_MS);
        later.form_posted_at = Some(10_000);
        assert!(matches!(decide_submit(&later), SubmitAction::Invalid(_)));

        // And once the flood interval is over, a new comment goes.
        let mut after_flood = submission("A second thought", 10_000 + FLOOD_INTERVAL_MS);
        after_flood.form_posted_at = Some(10_000);
        after_flood.reader_posted_at = Some(10_000);
        assert!(matches!(decide_submit(&after_flood), SubmitAction::Post(_)));
    }

    #[test]
    fn nothing_is_posted_twice_while_a_post_is_under_way() {
        let mut busy = submission("Hello", 10_000);
        busy.submitting = true;
        assert_eq!(decide_submit(&busy), SubmitAction::Ignore);
    }

    #[test]
    fn invalid_fields_come_before_the_guard() {
        let mut no_name = submission("Hello", 10_000);
        no_name.input.name.clear();
        no_name.reader_posted_at = Some(9_999);
        assert!(
            matches!(decide_submit(&no_name), SubmitAction::Invalid(errors) if errors.len() == 1)
        );
    }

    #[test]
    fn duplicates_are_refused() {
        let mut again = submission("Nice answer.", 100_000);
        again.existing = vec![CommentKey {
            parent: None,
            author: "Ann",
            text: "Nice answer.",
        }];
        assert_eq!(
            decide_submit(&again),
            SubmitAction::Refuse(Refusal::Duplicate)
        );
        // The same words as a reply are a comment of their own.
        again.parent = Some(3);
        assert!(matches!(decide_submit(&again), SubmitAction::Post(_)));
    }

    fn draft(text: &str, saved_at: u64) -> CommentDraft {
        CommentDraft {
            text: text.into(),
            saved_at,
            ..CommentDraft::default()
        }
    }

    #[test]
    fn the_newer_draft_is_shown() {
        assert_eq!(
            draft_to_show(Some(draft("stored", 2)), Some(draft("memory", 1))),
            Some(draft("stored", 2))
        );
        assert_eq!(
            draft_to_show(Some(draft("stored", 1)), Some(draft("memory", 2))),
            Some(draft("memory", 2))
        );
        assert_eq!(
            draft_to_show(None, Some(draft("memory", 2))),
            Some(draft("memory", 2))
        );
        assert_eq!(draft_to_show(Some(draft("  ", 5)), None), None);
        assert_eq!(draft_to_show(None, None), None);
    }

    #[test]
    fn another_tab_wins_only_when_newer_and_nothing_typed_here_is_replaced() {
        assert!(other_tab_wins(&draft("x", 5), 4, false, false));
        assert!(!other_tab_wins(&draft("x", 4), 4, false, false));
        // The reader typed here: their text stays, however new the other.
        assert!(!other_tab_wins(&draft("x", 9), 4, true, false));
        // Unless they emptied the box.
        assert!(other_tab_wins(&draft("x", 9), 4, true, true));
    }
}
