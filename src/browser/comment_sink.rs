//! Where posted comments go. Views hand a comment to [`CommentSink::post`]
//! and read [`LocalComments`]; today the sink keeps comments in this browser,
//! and a server endpoint can be added here without touching the views.

use crate::{
    browser::storage::BrowserStorage,
    models::comments::store::{self, LocalComment, StorageError},
};
use leptos::prelude::*;

/// Comments posted from this browser (this session's included), oldest first.
/// One signal feeds the thread, the counts and the sidebar at once.
#[derive(Clone, Copy)]
pub struct LocalComments(pub RwSignal<Vec<LocalComment>>);

impl LocalComments {
    /// Reads the stored comments; a storage failure starts an empty list.
    pub fn load() -> Self {
        let comments = store::load_comments(&BrowserStorage)
            .map(|(c, _)| c)
            .unwrap_or_default();
        LocalComments(RwSignal::new(comments))
    }

    /// Re-reads storage (another tab posted), keeping this session's
    /// comments that could not be stored.
    pub fn refresh(&self) {
        let Ok((stored, _)) = store::load_comments(&BrowserStorage) else {
            return;
        };
        self.0.update(|current| {
            let session_only: Vec<LocalComment> = current
                .iter()
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
}

pub fn use_local_comments() -> LocalComments {
    expect_context::<LocalComments>()
}

/// How a posted comment was kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    /// Stored: it survives reloads.
    Stored,
    /// Storage failed: it is shown for this visit only.
    ForThisVisit(StorageError),
}

/// The seam between the comment box and wherever comments are kept.
#[derive(Clone, Copy)]
pub struct CommentSink {
    comments: LocalComments,
}

impl CommentSink {
    pub fn new(comments: LocalComments) -> Self {
        CommentSink { comments }
    }

    /// Keeps a new comment and shows it everywhere at once.
    pub async fn post(&self, comment: LocalComment) -> Kept {
        let kept = match store::save_comment(&BrowserStorage, &comment) {
            Ok(()) => Kept::Stored,
            Err(e) => Kept::ForThisVisit(e),
        };
        self.comments.0.update(|all| all.push(comment));
        kept
    }
}

pub fn use_comment_sink() -> CommentSink {
    expect_context::<CommentSink>()
}
