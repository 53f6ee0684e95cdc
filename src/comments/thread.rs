//! Arranging comments as WordPress does: oldest first, replies under their
//! parent, nested at most [`MAX_DEPTH`] levels deep.

use crate::content::Comment;
use std::collections::BTreeMap;

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
pub fn build_thread(comments: &[Comment]) -> Vec<ThreadNode> {
    let by_id: BTreeMap<u64, &Comment> = comments.iter().map(|c| (c.id, c)).collect();
    let mut children: BTreeMap<Option<u64>, Vec<&Comment>> = BTreeMap::new();
    for comment in comments {
        let ancestors = ancestors(comment, &by_id);
        // ancestors[0] is the parent; the last one is top-level (depth 1).
        let parent = match ancestors.len() {
            0 => None,
            n if n < MAX_DEPTH => Some(ancestors[0]),
            n => Some(ancestors[n - (MAX_DEPTH - 1)]),
        };
        children.entry(parent).or_default().push(comment);
    }
    for list in children.values_mut() {
        list.sort_unstable_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    }
    grow(None, 1, &children)
}

fn ancestors(comment: &Comment, by_id: &BTreeMap<u64, &Comment>) -> Vec<u64> {
    let mut chain = Vec::new();
    let mut next = comment.parent;
    while let Some(id) = next {
        if id == comment.id || chain.contains(&id) {
            return Vec::new(); // a cycle: treat as top-level
        }
        match by_id.get(&id) {
            Some(parent) => {
                chain.push(id);
                next = parent.parent;
            }
            None => break, // a missing parent ends the chain here
        }
    }
    chain
}

fn grow(
    parent: Option<u64>,
    depth: usize,
    children: &BTreeMap<Option<u64>, Vec<&Comment>>,
) -> Vec<ThreadNode> {
    children
        .get(&parent)
        .map(|list| {
            list.iter()
                .map(|c| ThreadNode {
                    comment: (*c).clone(),
                    depth,
                    children: grow(Some(c.id), depth + 1, children),
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every comment in reading order, with its depth.
    fn flatten(nodes: &[ThreadNode]) -> Vec<(usize, u64)> {
        nodes
            .iter()
            .flat_map(|n| std::iter::once((n.depth, n.comment.id)).chain(flatten(&n.children)))
            .collect()
    }

    fn c(id: u64, parent: Option<u64>, date: &str) -> Comment {
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
}
