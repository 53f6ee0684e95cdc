//! WordPress's two checks before a comment is accepted.

use crate::models::content::Comment;
use std::fmt;

/// A second comment sooner than this after the last one is refused.
pub const FLOOD_INTERVAL_MS: u64 = 15_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The same text is already on the post.
    Duplicate,
    /// The reader's previous comment was less than 15 s ago.
    TooFast,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Refusal::Duplicate => {
                "Duplicate comment detected; it looks as though you’ve already said that!"
            }
            Refusal::TooFast => "You are posting comments too quickly. Slow down.",
        })
    }
}

/// A comment as WordPress's duplicate check reads it: where it replies
/// (`None`: to the post), who wrote it, what it says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CommentKey<'a> {
    pub parent: Option<u64>,
    pub author: &'a str,
    pub text: &'a str,
}

impl<'a> From<&'a Comment> for CommentKey<'a> {
    fn from(comment: &'a Comment) -> Self {
        CommentKey {
            parent: comment.parent,
            author: &comment.author,
            text: &comment.body,
        }
    }
}

impl CommentKey<'_> {
    /// WordPress's rule (`wp_allow_comment`): a duplicate has the same post,
    /// parent, author and text, trimmed. Another reader saying "Thanks!" is
    /// not one. WordPress compares in MySQL's case-insensitive collation and
    /// also by email, which the app does not know for others' comments; it
    /// compares case-insensitively in ASCII only (Unicode's case tables
    /// would add 8 KB to the wasm): the duplicates it misses are
    /// WordPress's to refuse, in its words.
    fn repeats(&self, earlier: &CommentKey) -> bool {
        let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
        self.parent == earlier.parent
            && same(self.author, earlier.author)
            && same(self.text, earlier.text)
    }
}

/// Checks a new comment against the post's comments and the reader's last
/// comment time (ms since the epoch).
pub fn check_submission<'a>(
    new: &CommentKey,
    existing_on_post: impl IntoIterator<Item = CommentKey<'a>>,
    last_posted_ms: Option<u64>,
    now_ms: u64,
) -> Result<(), Refusal> {
    if existing_on_post
        .into_iter()
        .any(|existing| new.repeats(&existing))
    {
        return Err(Refusal::Duplicate);
    }
    if last_posted_ms.is_some_and(|last| now_ms.saturating_sub(last) < FLOOD_INTERVAL_MS) {
        return Err(Refusal::TooFast);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key<'a>(parent: Option<u64>, author: &'a str, text: &'a str) -> CommentKey<'a> {
        CommentKey {
            parent,
            author,
            text,
        }
    }

    #[test]
    fn a_duplicate_is_the_same_author_saying_the_same_to_the_same_comment() {
        let existing = [
            key(None, "Ann", "Nice answer."),
            key(Some(7), "Pat", "Thanks"),
        ];
        let refused = |new: CommentKey| check_submission(&new, existing, None, 0);
        // Whatever the surrounding space and case, as WordPress compares.
        assert_eq!(
            refused(key(None, " ann ", "  nice answer.\n")),
            Err(Refusal::Duplicate)
        );
        assert_eq!(
            refused(key(Some(7), "Pat", "Thanks")),
            Err(Refusal::Duplicate)
        );
        // Other words, another reader, another comment replied to: not one.
        assert_eq!(refused(key(None, "Ann", "Nice answer!")), Ok(()));
        assert_eq!(refused(key(None, "Oleg", "Nice answer.")), Ok(()));
        assert_eq!(refused(key(Some(7), "Ann", "Thanks")), Ok(()));
        assert_eq!(refused(key(Some(8), "Pat", "Thanks")), Ok(()));
        assert_eq!(refused(key(None, "Pat", "Thanks")), Ok(()));
    }

    #[test]
    fn a_second_comment_within_15_seconds_is_refused() {
        let new = key(None, "Ann", "a");
        assert_eq!(
            check_submission(&new, [], Some(1_000), 15_999),
            Err(Refusal::TooFast)
        );
        assert_eq!(check_submission(&new, [], Some(1_000), 16_000), Ok(()));
        assert_eq!(
            Refusal::Duplicate.to_string(),
            "Duplicate comment detected; it looks as though you’ve already said that!"
        );
    }
}
