//! What the comment box keeps in the browser: drafts, the commenter's
//! remembered details, and comments posted from this browser. Written over a
//! [`KeyValueStore`] so it is tested natively; in the app that is
//! localStorage, through `storage.rs`.
//!
//! Every value is versioned JSON. A value that cannot be read (corrupt, an
//! old format, written by something else) is skipped, never a panic.

use super::wordpress::Outgoing;
use crate::models::content::{from_json, Comment};
use serde::{de::DeserializeOwned, Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::HashMap;

/// Drafts older than this are dropped.
pub const DRAFT_MAX_AGE_MS: u64 = 30 * 24 * 60 * 60 * 1000;

const DRAFT_PREFIX: &str = "russianbest.draft.";
const COMMENT_PREFIX: &str = "russianbest.comment.";
const COMMENTER_KEY: &str = "russianbest.commenter";
const OUTBOX_PREFIX: &str = "russianbest.outbox.";
const VERSION: u32 = 1;

/// Why a storage call failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// Storage is blocked or missing (private mode, disabled cookies).
    Unavailable,
    /// The quota is used up.
    Full,
}

/// A string key-value store that may fail on any call.
pub trait KeyValueStore {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
    fn remove(&self, key: &str) -> Result<(), StorageError>;
    fn keys(&self) -> Result<Vec<String>, StorageError>;
}

/// Which draft: a post's own comment, or a reply to one of its comments.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct DraftKey {
    pub post_slug: String,
    pub reply_to: Option<u64>,
}

impl DraftKey {
    pub fn storage_key(&self) -> String {
        match self.reply_to {
            None => format!("{DRAFT_PREFIX}{}", self.post_slug),
            Some(id) => format!("{DRAFT_PREFIX}{}.reply-{id}", self.post_slug),
        }
    }
}

/// What the reader typed, and when it was saved (ms since the epoch).
/// Name, email and website are kept only with the reader's consent.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CommentDraft {
    pub text: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub website: String,
    pub saved_at: u64,
}

impl CommentDraft {
    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
            && self.name.trim().is_empty()
            && self.email.trim().is_empty()
            && self.website.trim().is_empty()
    }

    pub fn is_expired(&self, now_ms: u64) -> bool {
        now_ms.saturating_sub(self.saved_at) > DRAFT_MAX_AGE_MS
    }
}

/// Drafts also kept in memory for the page's life, so moving between reply
/// targets never loses text when storage fails.
#[derive(Clone, Debug, Default)]
pub struct DraftMemory(HashMap<DraftKey, CommentDraft>);

impl DraftMemory {
    pub fn get(&self, key: &DraftKey) -> Option<&CommentDraft> {
        self.0.get(key)
    }

    pub fn keep(&mut self, key: DraftKey, draft: CommentDraft) {
        self.0.insert(key, draft);
    }

    pub fn forget(&mut self, key: &DraftKey) {
        self.0.remove(key);
    }
}

/// The details a consenting commenter asked us to remember.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commenter {
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub website: String,
}

/// A comment posted from this browser.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LocalComment {
    pub post_slug: String,
    pub post_title: String,
    pub comment: Comment,
    /// When it was posted, ms since the epoch.
    pub posted_at: u64,
    #[serde(default)]
    pub state: LocalState,
    /// Why WordPress refused it for good (state [`LocalState::NotSent`]),
    /// in its words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal: Option<String>,
}

/// Where a comment posted from this browser stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LocalState {
    /// Kept for the site's moderators (or, without WordPress, in this
    /// browser only): "awaiting moderation".
    #[default]
    AwaitingModeration,
    /// WordPress published it at once.
    Approved,
    /// In the outbox: not sent yet.
    Queued,
    /// Sent from the outbox and refused for good (comments closed, the post
    /// gone, a field WordPress would not take): never sent again, kept with
    /// its text until the reader removes it.
    NotSent,
}

impl LocalState {
    /// Where a comment WordPress accepted stands: held for moderation, or
    /// published at once.
    pub fn accepted(held: bool) -> Self {
        match held {
            true => LocalState::AwaitingModeration,
            false => LocalState::Approved,
        }
    }
}

/// How every value is stored: `{"v":1,"value":…}`.
#[derive(Serialize, Deserialize)]
struct Stored<T> {
    v: u32,
    value: T,
}

fn read<T: DeserializeOwned>(
    store: &dyn KeyValueStore,
    key: &str,
) -> Result<Option<T>, StorageError> {
    Ok(store.get(key)?.and_then(|raw| decode(&raw)))
}

/// Decodes a stored value; `None` for anything unreadable or of another
/// version. The version is read first, so a value of another version is
/// never mistaken for this one's.
fn decode<T: DeserializeOwned>(raw: &str) -> Option<T> {
    let stored: Stored<Box<RawValue>> = from_json(raw).ok()?;
    (stored.v == VERSION)
        .then(|| from_json(stored.value.get()).ok())
        .flatten()
}

fn write<T: Serialize>(
    store: &dyn KeyValueStore,
    key: &str,
    value: &T,
) -> Result<(), StorageError> {
    let stored = Stored { v: VERSION, value };
    // Our plain structs always serialize; a failure would be a bug, kept a value.
    let text = serde_json::to_string(&stored).map_err(|_| StorageError::Unavailable)?;
    store.set(key, &text)
}

/// The draft for `key`, unless there is none, it is unreadable, or expired
/// (an expired or unreadable draft is removed).
pub fn load_draft(
    store: &dyn KeyValueStore,
    key: &DraftKey,
    now_ms: u64,
) -> Result<Option<CommentDraft>, StorageError> {
    let storage_key = key.storage_key();
    let Some(raw) = store.get(&storage_key)? else {
        return Ok(None);
    };
    match decode::<CommentDraft>(&raw) {
        Some(draft) if !draft.is_expired(now_ms) && !draft.is_empty() => Ok(Some(draft)),
        _ => {
            store.remove(&storage_key)?;
            Ok(None)
        }
    }
}

/// Every readable, unexpired draft with text on the post `slug` (its own
/// box's and its replies'), oldest first: where the box was last typed in
/// when the post opens again, and what a post that no longer takes
/// comments shows, so nothing typed there is lost from sight.
pub fn drafts_on_post(
    store: &dyn KeyValueStore,
    slug: &str,
    now_ms: u64,
) -> Result<Vec<(DraftKey, CommentDraft)>, StorageError> {
    let own = DraftKey {
        post_slug: slug.to_string(),
        reply_to: None,
    };
    let own_key = own.storage_key();
    let replies = format!("{own_key}.reply-");
    let mut drafts = Vec::new();
    for key in store.keys()? {
        let reply_to = match key.strip_prefix(&replies) {
            // Only the form the app writes (`reply-9`, not `reply-09`), so
            // the key found is the key removed.
            Some(id) => match id.parse::<u64>() {
                Ok(n) if n.to_string() == id => Some(n),
                _ => continue,
            },
            None if key == own_key => None,
            None => continue,
        };
        if let Some(draft) = read::<CommentDraft>(store, &key)? {
            if !draft.is_expired(now_ms) && !draft.text.trim().is_empty() {
                let key = DraftKey {
                    reply_to,
                    ..own.clone()
                };
                drafts.push((key, draft));
            }
        }
    }
    drafts.sort_by_key(|(_, d)| d.saved_at);
    Ok(drafts)
}

/// Reads a draft from a raw stored value (as a storage event carries it).
pub fn decode_draft(raw: &str) -> Option<CommentDraft> {
    decode(raw)
}

/// Saves a draft; an empty draft removes the stored one.
pub fn save_draft(
    store: &dyn KeyValueStore,
    key: &DraftKey,
    draft: &CommentDraft,
) -> Result<(), StorageError> {
    if draft.is_empty() {
        store.remove(&key.storage_key())
    } else {
        write(store, &key.storage_key(), draft)
    }
}

pub fn remove_draft(store: &dyn KeyValueStore, key: &DraftKey) -> Result<(), StorageError> {
    store.remove(&key.storage_key())
}

/// Removes every draft older than 30 days (or unreadable); returns how many.
pub fn purge_expired_drafts(store: &dyn KeyValueStore, now_ms: u64) -> Result<usize, StorageError> {
    let mut removed = 0;
    for key in store
        .keys()?
        .into_iter()
        .filter(|k| k.starts_with(DRAFT_PREFIX))
    {
        let keep = read::<CommentDraft>(store, &key)?.is_some_and(|d| !d.is_expired(now_ms));
        if !keep {
            store.remove(&key)?;
            removed += 1;
        }
    }
    Ok(removed)
}

pub fn load_commenter(store: &dyn KeyValueStore) -> Result<Option<Commenter>, StorageError> {
    read(store, COMMENTER_KEY)
}

pub fn save_commenter(
    store: &dyn KeyValueStore,
    commenter: &Commenter,
) -> Result<(), StorageError> {
    write(store, COMMENTER_KEY, commenter)
}

/// Forgets the remembered details, and the details kept in every draft.
pub fn forget_commenter(store: &dyn KeyValueStore) -> Result<(), StorageError> {
    store.remove(COMMENTER_KEY)?;
    for key in store
        .keys()?
        .into_iter()
        .filter(|k| k.starts_with(DRAFT_PREFIX))
    {
        if let Some(mut draft) = read::<CommentDraft>(store, &key)? {
            draft.name.clear();
            draft.email.clear();
            draft.website.clear();
            if draft.is_empty() {
                store.remove(&key)?;
            } else {
                write(store, &key, &draft)?;
            }
        }
    }
    Ok(())
}

/// The storage key of a posted comment. One key per comment: two tabs
/// posting at once never overwrite each other.
pub fn comment_key(comment: &LocalComment) -> String {
    format!(
        "{COMMENT_PREFIX}{}.{}",
        comment.post_slug, comment.comment.id
    )
}

/// Whether a storage key holds a posted comment (for storage events).
pub fn is_comment_key(key: &str) -> bool {
    key.starts_with(COMMENT_PREFIX)
}

pub fn save_comment(store: &dyn KeyValueStore, comment: &LocalComment) -> Result<(), StorageError> {
    write(store, &comment_key(comment), comment)
}

/// Every comment posted from this browser, oldest first; unreadable ones
/// are skipped and counted.
pub fn load_comments(
    store: &dyn KeyValueStore,
) -> Result<(Vec<LocalComment>, usize), StorageError> {
    let mut comments = Vec::new();
    let mut unreadable = 0;
    for key in store.keys()?.into_iter().filter(|k| is_comment_key(k)) {
        match read::<LocalComment>(store, &key)? {
            Some(comment) => comments.push(comment),
            None => unreadable += 1,
        }
    }
    sort_by_posting_order(&mut comments);
    Ok((comments, unreadable))
}

/// The storage key of a comment waiting to be sent, by its local id.
fn outbox_key(outgoing: &Outgoing) -> String {
    outbox_key_of(outgoing.local.comment.id)
}

fn outbox_key_of(local_id: u64) -> String {
    format!("{OUTBOX_PREFIX}{local_id}")
}

/// Whether a storage key holds a comment waiting to be sent.
pub fn is_outbox_key(key: &str) -> bool {
    key.starts_with(OUTBOX_PREFIX)
}

pub fn save_outgoing(store: &dyn KeyValueStore, outgoing: &Outgoing) -> Result<(), StorageError> {
    write(store, &outbox_key(outgoing), outgoing)
}

/// Whether the outbox still holds the comment with this local id (another
/// tab may have sent it meanwhile).
pub fn is_in_outbox(store: &dyn KeyValueStore, local_id: u64) -> Result<bool, StorageError> {
    Ok(store.get(&outbox_key_of(local_id))?.is_some())
}

/// Removes the outbox's comment with this local id: WordPress has it, or
/// the reader removed it after WordPress refused it.
pub fn remove_outgoing_id(store: &dyn KeyValueStore, local_id: u64) -> Result<(), StorageError> {
    store.remove(&outbox_key_of(local_id))
}

/// Every comment waiting to be sent, oldest first; unreadable ones skipped.
pub fn load_outbox(store: &dyn KeyValueStore) -> Result<Vec<Outgoing>, StorageError> {
    let mut outbox = Vec::new();
    for key in store.keys()?.into_iter().filter(|k| is_outbox_key(k)) {
        if let Some(outgoing) = read::<Outgoing>(store, &key)? {
            outbox.push(outgoing);
        }
    }
    outbox.sort_by_key(|o| (o.local.posted_at, o.local.comment.id));
    Ok(outbox)
}

/// Oldest first; comments posted in the same millisecond by their id.
pub fn sort_by_posting_order(comments: &mut [LocalComment]) {
    comments.sort_by_key(|c| (c.posted_at, c.comment.id));
}

#[cfg(test)]
pub mod memory {
    //! An in-memory store for tests, which can be told to fail.
    use super::*;
    use std::cell::{Cell, RefCell};
    use std::collections::BTreeMap;

    #[derive(Default)]
    pub struct MemoryStore {
        pub values: RefCell<BTreeMap<String, String>>,
        pub failure: Cell<Option<StorageError>>,
    }

    impl KeyValueStore for MemoryStore {
        fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
            match self.failure.get() {
                Some(StorageError::Unavailable) => Err(StorageError::Unavailable),
                _ => Ok(self.values.borrow().get(key).cloned()),
            }
        }
        fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
            match self.failure.get() {
                Some(e) => Err(e),
                None => {
                    self.values.borrow_mut().insert(key.into(), value.into());
                    Ok(())
                }
            }
        }
        fn remove(&self, key: &str) -> Result<(), StorageError> {
            match self.failure.get() {
                Some(StorageError::Unavailable) => Err(StorageError::Unavailable),
                _ => {
                    self.values.borrow_mut().remove(key);
                    Ok(())
                }
            }
        }
        fn keys(&self) -> Result<Vec<String>, StorageError> {
            match self.failure.get() {
                Some(StorageError::Unavailable) => Err(StorageError::Unavailable),
                _ => Ok(self.values.borrow().keys().cloned().collect()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::memory::MemoryStore;
    use super::*;

    const DAY: u64 = 24 * 60 * 60 * 1000;

    #[test]
    fn draft_memory_keeps_one_draft_per_target() {
        let mut memory = DraftMemory::default();
        let draft = |text: &str| CommentDraft {
            text: text.into(),
            ..CommentDraft::default()
        };
        memory.keep(key(None), draft("a"));
        memory.keep(key(Some(1)), draft("b"));
        memory.keep(key(None), draft("c"));
        assert_eq!(memory.get(&key(None)).map(|d| d.text.as_str()), Some("c"));
        assert_eq!(
            memory.get(&key(Some(1))).map(|d| d.text.as_str()),
            Some("b")
        );
        memory.forget(&key(Some(1)));
        assert_eq!(memory.get(&key(Some(1))), None);
        assert_eq!(memory.get(&key(Some(2))), None);
    }

    fn key(reply_to: Option<u64>) -> DraftKey {
        DraftKey {
            post_slug: "a-post".into(),
            reply_to,
        }
    }

    fn draft(text: &str, saved_at: u64) -> CommentDraft {
        CommentDraft {
            text: text.into(),
            saved_at,
            ..Default::default()
        }
    }

    fn local(id: u64, posted_at: u64) -> LocalComment {
        LocalComment {
            post_slug: "a-post".into(),
            post_title: "A post".into(),
            comment: Comment {
                id,
                author: "Ann".into(),
                date: "2026-01-01".into(),
                body: format!("c{id}"),
                ..Default::default()
            },
            posted_at,
            state: LocalState::default(),
            refusal: None,
        }
    }

    #[test]
    fn drafts_round_trip_per_post_and_reply_target() {
        let store = MemoryStore::default();
        save_draft(&store, &key(None), &draft("top", 1)).unwrap();
        save_draft(&store, &key(Some(7)), &draft("reply", 2)).unwrap();
        assert_eq!(
            load_draft(&store, &key(None), 3).unwrap().unwrap().text,
            "top"
        );
        assert_eq!(
            load_draft(&store, &key(Some(7)), 3).unwrap().unwrap().text,
            "reply"
        );
        assert_eq!(load_draft(&store, &key(Some(8)), 3).unwrap(), None);
        remove_draft(&store, &key(None)).unwrap();
        assert_eq!(load_draft(&store, &key(None), 3).unwrap(), None);
        // An emptied draft is removed, not stored.
        save_draft(&store, &key(Some(7)), &draft("  ", 4)).unwrap();
        assert!(store.values.borrow().is_empty());
    }

    #[test]
    fn drafts_expire_after_30_days() {
        let store = MemoryStore::default();
        save_draft(&store, &key(None), &draft("old", 0)).unwrap();
        save_draft(&store, &key(Some(1)), &draft("new", 25 * DAY)).unwrap();
        assert!(load_draft(&store, &key(None), 29 * DAY).unwrap().is_some());
        assert_eq!(purge_expired_drafts(&store, 31 * DAY).unwrap(), 1);
        assert_eq!(load_draft(&store, &key(None), 31 * DAY).unwrap(), None);
        assert!(load_draft(&store, &key(Some(1)), 31 * DAY)
            .unwrap()
            .is_some());
        assert_eq!(load_draft(&store, &key(Some(1)), 56 * DAY).unwrap(), None);
        assert!(
            store.values.borrow().is_empty(),
            "expired drafts are removed when read"
        );
    }

    #[test]
    fn unreadable_values_are_skipped_never_a_panic() {
        let store = MemoryStore::default();
        for (k, v) in [
            (key(None).storage_key(), "{not json"),
            (
                key(Some(1)).storage_key(),
                r#"{"v":99,"value":{"text":"future","saved_at":1}}"#,
            ),
            (
                key(Some(2)).storage_key(),
                r#"{"text":"no version","saved_at":1}"#,
            ),
            ("russianbest.comment.a-post.1".to_string(), "null"),
            (
                "russianbest.comment.a-post.2".to_string(),
                r#"{"v":1,"value":{"post_slug":5}}"#,
            ),
            ("russianbest.commenter".to_string(), "[]"),
        ] {
            store.values.borrow_mut().insert(k, v.into());
        }
        save_comment(&store, &local(3, 1)).unwrap();
        assert_eq!(load_draft(&store, &key(None), 0).unwrap(), None);
        assert_eq!(load_draft(&store, &key(Some(1)), 0).unwrap(), None);
        assert_eq!(load_draft(&store, &key(Some(2)), 0).unwrap(), None);
        let (comments, unreadable) = load_comments(&store).unwrap();
        assert_eq!(
            comments.iter().map(|c| c.comment.id).collect::<Vec<_>>(),
            [3]
        );
        assert_eq!(unreadable, 2);
        assert_eq!(load_commenter(&store).unwrap(), None);
    }

    #[test]
    fn comments_are_stored_one_key_each_and_read_oldest_first() {
        let store = MemoryStore::default();
        save_comment(&store, &local(2, 20)).unwrap();
        save_comment(&store, &local(1, 10)).unwrap();
        let (comments, unreadable) = load_comments(&store).unwrap();
        assert_eq!(comments, vec![local(1, 10), local(2, 20)]);
        assert_eq!(unreadable, 0);
        assert_eq!(store.values.borrow().len(), 2);
    }

    #[test]
    fn forgetting_the_commenter_clears_every_draft_of_their_details() {
        let store = MemoryStore::default();
        let commenter = Commenter {
            name: "Ann".into(),
            email: "ann@example.org".into(),
            website: String::new(),
        };
        save_commenter(&store, &commenter).unwrap();
        assert_eq!(load_commenter(&store).unwrap(), Some(commenter));
        let with_details = CommentDraft {
            text: "hi".into(),
            name: "Ann".into(),
            email: "a@b.co".into(),
            saved_at: 1,
            ..Default::default()
        };
        save_draft(&store, &key(None), &with_details).unwrap();
        let only_details = CommentDraft {
            name: "Ann".into(),
            saved_at: 1,
            ..Default::default()
        };
        save_draft(&store, &key(Some(3)), &only_details).unwrap();
        forget_commenter(&store).unwrap();
        assert_eq!(load_commenter(&store).unwrap(), None);
        let left = load_draft(&store, &key(None), 2).unwrap().unwrap();
        assert_eq!(
            (left.text.as_str(), left.name.as_str(), left.email.as_str()),
            ("hi", "", "")
        );
        assert_eq!(load_draft(&store, &key(Some(3)), 2).unwrap(), None);
    }

    #[test]
    fn the_outbox_keeps_each_comment_once_until_removed() {
        use super::super::wordpress::NewComment;
        let store = MemoryStore::default();
        let outgoing = |id, at| Outgoing {
            local: local(id, at),
            request: NewComment {
                post: 7,
                parent: 0,
                author_name: "Ann".into(),
                author_email: "ann@example.org".into(),
                author_url: String::new(),
                content: format!("c{id}"),
            },
            root: "https://a.org/wp-json/".into(),
            attempts: 0,
            next_try_at: 0,
            failing_since: None,
            failed_tries: 0,
        };
        save_outgoing(&store, &outgoing(2, 20)).unwrap();
        save_outgoing(&store, &outgoing(1, 10)).unwrap();
        let mut retried = outgoing(1, 10);
        retried.attempts = 3;
        save_outgoing(&store, &retried).unwrap();
        let outbox = load_outbox(&store).unwrap();
        assert_eq!(outbox.len(), 2);
        assert_eq!((outbox[0].local.comment.id, outbox[0].attempts), (1, 3));
        remove_outgoing_id(&store, outbox[0].local.comment.id).unwrap();
        assert_eq!(load_outbox(&store).unwrap().len(), 1);
        assert!(!is_in_outbox(&store, 1).unwrap());
        assert!(is_in_outbox(&store, 2).unwrap());
        // Outgoing comments are not posted comments.
        assert!(load_comments(&store).unwrap().0.is_empty());
        // A refused one keeps its text and reason until the reader removes it.
        let mut refused = outgoing(2, 20);
        refused.local.state = LocalState::NotSent;
        refused.local.refusal = Some("Comments are closed.".into());
        save_outgoing(&store, &refused).unwrap();
        assert_eq!(load_outbox(&store).unwrap(), vec![refused]);
        remove_outgoing_id(&store, 2).unwrap();
        assert!(load_outbox(&store).unwrap().is_empty());
    }

    #[test]
    fn a_posts_drafts_are_found_and_no_other_posts() {
        let store = MemoryStore::default();
        save_draft(&store, &key(None), &draft("own", 3)).unwrap();
        save_draft(&store, &key(Some(9)), &draft("reply", 2)).unwrap();
        save_draft(&store, &key(Some(8)), &draft("  ", 1)).unwrap();
        let other = DraftKey {
            post_slug: "a-post-too".into(),
            reply_to: None,
        };
        save_draft(&store, &other, &draft("elsewhere", 1)).unwrap();
        let found = drafts_on_post(&store, "a-post", 4).unwrap();
        let texts: Vec<&str> = found.iter().map(|(_, d)| d.text.as_str()).collect();
        assert_eq!(texts, ["reply", "own"]);
        let targets: Vec<Option<u64>> = found.iter().map(|(k, _)| k.reply_to).collect();
        assert_eq!(targets, [Some(9), None]);
        remove_draft(&store, &found[0].0).unwrap();
        assert_eq!(drafts_on_post(&store, "a-post", 4).unwrap().len(), 1);
        assert!(drafts_on_post(&store, "a-post", 4 + DRAFT_MAX_AGE_MS)
            .unwrap()
            .is_empty());
    }

    #[test]
    fn failures_are_values() {
        let store = MemoryStore::default();
        store.failure.set(Some(StorageError::Full));
        assert_eq!(
            save_draft(&store, &key(None), &draft("x", 1)),
            Err(StorageError::Full)
        );
        assert_eq!(save_comment(&store, &local(1, 1)), Err(StorageError::Full));
        store.failure.set(Some(StorageError::Unavailable));
        assert_eq!(
            load_draft(&store, &key(None), 1),
            Err(StorageError::Unavailable)
        );
        assert_eq!(
            load_comments(&store).map(|c| c.0.len()),
            Err(StorageError::Unavailable)
        );
    }
}
