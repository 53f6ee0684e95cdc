//! WordPress's two checks before a comment is accepted.

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

/// Checks a new comment against the post's comments and the reader's last
/// comment time (ms since the epoch).
pub fn check_submission<'a>(
    text: &str,
    existing_on_post: impl IntoIterator<Item = &'a str>,
    last_posted_ms: Option<u64>,
    now_ms: u64,
) -> Result<(), Refusal> {
    let text = text.trim();
    if existing_on_post
        .into_iter()
        .any(|existing| existing.trim() == text)
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

    #[test]
    fn duplicates_are_refused_whatever_the_surrounding_space() {
        let existing = ["Nice answer.", "Thanks"];
        assert_eq!(
            check_submission("  Nice answer.\n", existing, None, 0),
            Err(Refusal::Duplicate)
        );
        assert_eq!(check_submission("Nice answer!", existing, None, 0), Ok(()));
    }

    #[test]
    fn a_second_comment_within_15_seconds_is_refused() {
        assert_eq!(
            check_submission("a", [], Some(1_000), 15_999),
            Err(Refusal::TooFast)
        );
        assert_eq!(check_submission("a", [], Some(1_000), 16_000), Ok(()));
        assert_eq!(
            Refusal::Duplicate.to_string(),
            "Duplicate comment detected; it looks as though you’ve already said that!"
        );
    }
}
