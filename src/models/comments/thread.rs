//! Arranging comments as WordPress does: oldest first, replies under their
//! parent, nested at most [`MAX_DEPTH`] levels deep.

use crate::models::content::Comment;
use std::collections::HashMap;

/// WordPress's default depth for threaded comments.
pub const MAX_DEPTH: usize = 5;

#[derive(Clone, Debug, PartialEq)]
pub struct ThreadNode {
    pub comment: Comment,
    /// 1 for a top-level comment.
    pub depth: usize,
    pub children: Vec<ThreadNode>,
}

/// Builds the thread. A reply to a missing comment (or a cycle of parents)
/// is shown at the top level; a reply deeper than [`MAX_DEPTH`] is shown
/// beside its ancestor at that depth, so no comment is ever dropped.
///
/// Linear in the number of comments after two sorts, however long the reply
/// chains; plain vectors of indexes rather than maps keep the wasm small.
pub fn build_thread(comments: &[Comment]) -> Vec<ThreadNode> {
    let shown_under = shown_under(comments);
    let reading_order = sorted_indexes(comments, &|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    // children[i]: the replies shown under comment i; the last list is the top level.
    let mut children = vec![Vec::new(); comments.len() + 1];
    for i in reading_order {
        children[shown_under[i].unwrap_or(comments.len())].push(i);
    }
    grow(comments.len(), 1, comments, &children)
}

/// Where each comment is shown: under which comment (an index), or at the
/// top level.
fn shown_under(comments: &[Comment]) -> Vec<Option<usize>> {
    // Each comment's parent, as an index, found once.
    let by_id = sorted_indexes(comments, &|a, b| a.id.cmp(&b.id));
    let parents: Vec<Option<usize>> = comments
        .iter()
        .map(|c| {
            let found = by_id
                .binary_search_by_key(&c.parent?, |&j| comments[j].id)
                .ok()?;
            Some(by_id[found])
        })
        .collect();
    let parent = |i: usize| parents[i];
    // Depth 0 is "not yet known"; a comment being resolved is marked in_chain.
    let mut depth = vec![0usize; comments.len()];
    let mut under = vec![None; comments.len()];
    let mut in_chain = vec![false; comments.len()];
    let mut loops = vec![false; comments.len()];
    for start in 0..comments.len() {
        if depth[start] > 0 {
            continue; // placed as part of an earlier chain
        }
        // Walk up to a comment already placed, the top, or a cycle ...
        let mut chain = vec![start];
        in_chain[start] = true;
        let mut cycle = false;
        while let Some(p) = parent(*chain.last().unwrap_or(&start)) {
            if depth[p] > 0 {
                break;
            }
            if in_chain[p] {
                cycle = true;
                break;
            }
            in_chain[p] = true;
            chain.push(p);
        }
        // ... then place the chain from the top down. A chain that loops,
        // or leads to one that did, is all shown at the top level.
        let last = *chain.last().unwrap_or(&start);
        cycle |= parent(last).is_some_and(|p| loops[p]);
        for &i in chain.iter().rev() {
            in_chain[i] = false;
            loops[i] = cycle;
            match parent(i).filter(|_| !cycle) {
                Some(p) if depth[p] > 0 => {
                    depth[i] = depth[p] + 1;
                    under[i] = if depth[i] <= MAX_DEPTH {
                        Some(p)
                    } else {
                        under[p]
                    };
                }
                _ => depth[i] = 1,
            }
        }
    }
    under
}

/// The thread as keyed lists render it: each comment (with its depth) by
/// id, and the ids shown under each comment (`None`: the top level), in
/// reading order. Rows are keyed by id, so a comment arriving keeps every
/// other row (and a reply box open in one) as it is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ThreadIndex {
    comments: HashMap<u64, (Comment, usize)>,
    children: HashMap<Option<u64>, Vec<u64>>,
}

impl ThreadIndex {
    /// Threads `comments` as [`build_thread`] does; a repeated id is shown
    /// once (the first in reading order), as a key must be unique.
    pub fn new(comments: &[Comment]) -> Self {
        let mut index = ThreadIndex::default();
        index.add(None, build_thread(comments));
        index
    }

    fn add(&mut self, parent: Option<u64>, nodes: Vec<ThreadNode>) {
        for node in nodes {
            let id = node.comment.id;
            if self.comments.contains_key(&id) {
                continue;
            }
            self.comments.insert(id, (node.comment, node.depth));
            self.children.entry(parent).or_default().push(id);
            self.add(Some(id), node.children);
        }
    }

    /// How many comments the thread shows.
    pub fn len(&self) -> usize {
        self.comments.len()
    }

    pub fn is_empty(&self) -> bool {
        self.comments.is_empty()
    }

    /// The ids shown under `parent` (`None`: the top level), oldest first.
    pub fn under(&self, parent: Option<u64>) -> Vec<u64> {
        self.children.get(&parent).cloned().unwrap_or_default()
    }

    /// Whether any comment is shown under `parent`.
    pub fn has_replies(&self, parent: u64) -> bool {
        self.children.contains_key(&Some(parent))
    }

    /// A comment and its depth (1: top level).
    pub fn comment(&self, id: u64) -> Option<(Comment, usize)> {
        self.comments.get(&id).cloned()
    }
}

/// The indexes of `comments` in `order`.
fn sorted_indexes(
    comments: &[Comment],
    order: &dyn Fn(&Comment, &Comment) -> std::cmp::Ordering,
) -> Vec<usize> {
    let mut indexes: Vec<usize> = (0..comments.len()).collect();
    indexes.sort_unstable_by(|&a, &b| order(&comments[a], &comments[b]));
    indexes
}

fn grow(
    parent: usize,
    depth: usize,
    comments: &[Comment],
    children: &[Vec<usize>],
) -> Vec<ThreadNode> {
    children[parent]
        .iter()
        .map(|&i| ThreadNode {
            comment: comments[i].clone(),
            depth,
            children: grow(i, depth + 1, comments, children),
        })
        .collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Every comment in reading order, with its depth.
    pub fn flatten(nodes: &[ThreadNode]) -> Vec<(usize, u64)> {
        nodes
            .iter()
            .flat_map(|n| std::iter::once((n.depth, n.comment.id)).chain(flatten(&n.children)))
            .collect()
    }

    pub fn c(id: u64, parent: Option<u64>, date: &str) -> Comment {
        Comment {
            id,
            parent,
            author: format!("a{id}"),
            date: date.into(),
            body: "x".into(),
            url: None,
        }
    }

    #[test]
    fn oldest_first_with_replies_nested() {
        let comments = [
            c(3, None, "2020-01-03"),
            c(1, None, "2020-01-01"),
            c(2, Some(1), "2020-01-02"),
            c(4, Some(1), "2020-01-01T12:00"),
        ];
        let thread = build_thread(&comments);
        assert_eq!(flatten(&thread), vec![(1, 1), (2, 4), (2, 2), (1, 3)]);
    }

    #[test]
    fn depth_is_capped_and_nothing_is_lost() {
        let comments: Vec<_> = (1..=8)
            .map(|i| {
                c(
                    i,
                    if i == 1 { None } else { Some(i - 1) },
                    &format!("2020-01-0{i}"),
                )
            })
            .collect();
        let flat = flatten(&build_thread(&comments));
        assert_eq!(flat.len(), 8);
        assert_eq!(flat.iter().map(|f| f.0).max(), Some(MAX_DEPTH));
        assert_eq!(flat[5..], [(5, 6), (5, 7), (5, 8)]);
    }

    #[test]
    fn the_index_holds_each_comment_once_under_its_parent() {
        let comments = [
            c(3, None, "2020-01-03"),
            c(1, None, "2020-01-01"),
            c(2, Some(1), "2020-01-02"),
            c(2, None, "2020-01-05"),
            c(4, Some(1), "2020-01-01T12:00"),
        ];
        let index = ThreadIndex::new(&comments);
        assert_eq!(index.len(), 4);
        assert_eq!(index.under(None), [1, 3]);
        assert_eq!(index.under(Some(1)), [4, 2]);
        assert!(index.has_replies(1) && !index.has_replies(3));
        assert_eq!(
            index.comment(4).map(|(c, depth)| (c.id, depth)),
            Some((4, 2))
        );
        assert_eq!(index.comment(9), None);
        assert!(ThreadIndex::new(&[]).is_empty());
    }

    #[test]
    fn orphans_and_cycles_become_top_level() {
        let comments = [
            c(1, Some(99), "2020-01-01"),
            c(2, Some(3), "2020-01-02"),
            c(3, Some(2), "2020-01-03"),
        ];
        let flat = flatten(&build_thread(&comments));
        assert_eq!(flat.len(), 3);
        assert!(flat.iter().all(|(d, _)| *d == 1));
    }

    #[test]
    fn a_very_long_reply_chain_is_fast_and_capped() {
        let n = 20_000u64;
        let comments: Vec<_> = (1..=n)
            .map(|i| c(i, (i > 1).then(|| i - 1), &format!("2020-01-01T{i:08}")))
            .collect();
        let started = std::time::Instant::now();
        let flat = flatten(&build_thread(&comments));
        assert!(
            started.elapsed().as_secs() < 2,
            "took {:?}",
            started.elapsed()
        );
        assert_eq!(flat.len(), n as usize);
        assert!(flat.iter().all(|(d, _)| *d <= MAX_DEPTH));
    }
}
