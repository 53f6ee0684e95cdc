//! Pure list logic: the category filter as it lives in the URL, paging, and
//! merging per-category index pages into one newest-first list.

use crate::models::content::{is_valid_slug, ListPage, PostSummary, Site, PAGE_SIZE};
use std::cmp::Ordering;

/// The categories a reader picked on the home list, as in `?category=a,b`.
/// Kept sorted and without duplicates so that one choice has one URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CategoryFilter {
    slugs: Vec<String>,
}

/// At most this many categories are read from a filter URL.
pub const MAX_FILTER_CATEGORIES: usize = 100;

impl CategoryFilter {
    fn sorted(mut slugs: Vec<String>) -> Self {
        slugs.sort();
        slugs.dedup();
        Self { slugs }
    }

    /// Reads the `category` query value; unknown shapes are dropped, not errors.
    pub fn from_query(value: Option<&str>) -> Self {
        let slugs: Vec<String> = value
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|s| is_valid_slug(s))
            // A site has a handful of categories; a crafted URL with
            // thousands must not cost more than this.
            .take(MAX_FILTER_CATEGORIES)
            .map(String::from)
            .collect();
        Self::sorted(slugs)
    }

    /// The filter without the categories `known` does not accept (a shared
    /// link to a category that no longer exists shows the unfiltered list).
    pub fn known_only(self, known: impl Fn(&str) -> bool) -> Self {
        Self {
            slugs: self.slugs.into_iter().filter(|s| known(s)).collect(),
        }
    }

    /// The filter without the categories `site` does not have.
    pub fn known_in(self, site: &Site) -> Self {
        self.known_only(|slug| site.category(slug).is_some())
    }

    pub fn slugs(&self) -> &[String] {
        &self.slugs
    }

    pub fn is_empty(&self) -> bool {
        self.slugs.is_empty()
    }

    pub fn contains(&self, slug: &str) -> bool {
        self.slugs.iter().any(|s| s == slug)
    }

    /// The filter with `slug` added or removed.
    pub fn toggled(&self, slug: &str) -> Self {
        let mut slugs = self.slugs.clone();
        if self.contains(slug) {
            slugs.retain(|s| s != slug);
        } else if is_valid_slug(slug) {
            slugs.push(slug.to_string());
        }
        Self::sorted(slugs)
    }

    /// The `category` query value of this filter (empty for none).
    pub fn query_value(&self) -> String {
        self.slugs.join(",")
    }

    /// The home list's URL for this filter at `page`.
    pub fn home_url(&self, page: u32) -> String {
        crate::models::urls::home(self, page)
    }
}

/// Reads `?page=`: a positive number, else page 1.
pub fn page_from_query(value: Option<&str>) -> u32 {
    value
        .and_then(|v| v.trim().parse::<u32>().ok())
        .filter(|&p| p >= 1)
        .unwrap_or(1)
}

/// Pages needed to show `total` posts.
pub fn page_count(total: u32) -> u32 {
    total.div_ceil(PAGE_SIZE as u32).max(1)
}

/// The order of every list: newest first, then by slug so ties are stable.
pub fn newest_first(a: &PostSummary, b: &PostSummary) -> Ordering {
    b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug))
}

/// Page `page` (1-based) of the union of several newest-first lists.
///
/// Each input holds the first pages of one category's index. To be exact for
/// page `p`, each input must hold at least its first `p * PAGE_SIZE` posts (or
/// all of them): any post on page `p` of the union is within the first
/// `p * PAGE_SIZE` of its own category.
pub fn merge_page(lists: &[Vec<PostSummary>], page: u32) -> Vec<PostSummary> {
    let start = (page.saturating_sub(1) as usize).saturating_mul(PAGE_SIZE);
    // A k-way merge of the already sorted lists, up to the end of the page.
    let mut next = vec![0; lists.len()];
    let mut merged: Vec<&PostSummary> = Vec::new();
    while merged.len() < start.saturating_add(PAGE_SIZE) {
        let newest = lists
            .iter()
            .enumerate()
            .filter_map(|(i, list)| Some((i, list.get(next[i])?)))
            .min_by(|(_, a), (_, b)| newest_first(a, b));
        let Some((i, post)) = newest else { break };
        next[i] += 1;
        // The same post in two lists comes out twice in a row: keep one.
        if merged.last().is_none_or(|last| last.slug != post.slug) {
            merged.push(post);
        }
    }
    merged.into_iter().skip(start).cloned().collect()
}

/// How many posts are in any of `filter`'s categories (slugs), from each
/// one's first index page (`firsts`, in the same order): a post in `k` of
/// them is in `k` of their totals and counted once (inclusion–exclusion
/// over the sets of categories posts share, [`ListPage::overlaps`]).
pub fn posts_in_any(filter: &[String], firsts: &[ListPage]) -> u32 {
    let mut count: u32 = 0;
    let mut repeats: u32 = 0;
    for (slug, first) in filter.iter().zip(firsts) {
        count = count.saturating_add(first.total);
        for overlap in &first.overlaps {
            // A set is on the first page of each of its categories: it is
            // counted on the first of them in the filter (whatever the
            // set's own order, or a slug listed twice in it).
            let mut picked = filter.iter().filter(|s| overlap.categories.contains(s));
            if picked.next() == Some(slug) {
                let more = picked.count() as u32;
                repeats = repeats.saturating_add(overlap.posts.saturating_mul(more));
            }
        }
    }
    count.saturating_sub(repeats)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(slug: &str, category: &str, date: &str) -> PostSummary {
        PostSummary {
            slug: slug.into(),
            category: category.into(),
            date: date.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_crafted_filter_url_is_bounded() {
        let query: Vec<String> = (0..100_000).map(|i| format!("c{i}")).collect();
        let filter = CategoryFilter::from_query(Some(&query.join(",")));
        assert_eq!(filter.slugs().len(), MAX_FILTER_CATEGORIES);
        assert!(filter.slugs().windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn filter_reads_and_writes_one_canonical_url() {
        let f = CategoryFilter::from_query(Some("food-and-drinks, russian-sports,food-and-drinks"));
        assert_eq!(f.slugs(), ["food-and-drinks", "russian-sports"]);
        assert_eq!(f.home_url(1), "/?category=food-and-drinks,russian-sports");
        assert_eq!(
            f.home_url(3),
            "/?category=food-and-drinks,russian-sports&page=3"
        );
        assert_eq!(CategoryFilter::default().home_url(1), "/");
        assert_eq!(CategoryFilter::default().home_url(2), "/?page=2");
        assert_eq!(f.query_value(), "food-and-drinks,russian-sports");
        assert_eq!(CategoryFilter::from_query(Some(&f.query_value())), f);
        assert_eq!(CategoryFilter::default().query_value(), "");
    }

    #[test]
    fn filter_drops_what_is_not_a_slug() {
        let f = CategoryFilter::from_query(Some("../etc,<b>,,Food,ok-1"));
        assert_eq!(f.slugs(), ["ok-1"]);
        assert!(CategoryFilter::from_query(None).is_empty());
    }

    #[test]
    fn unknown_categories_are_dropped() {
        let f = CategoryFilter::from_query(Some("food,gone,sports")).known_only(|s| s != "gone");
        assert_eq!(f.slugs(), ["food", "sports"]);
        assert_eq!(f.home_url(1), "/?category=food,sports");
    }

    #[test]
    fn toggling_adds_and_removes() {
        let f = CategoryFilter::default().toggled("b").toggled("a");
        assert_eq!(f.slugs(), ["a", "b"]);
        let f = f.toggled("b");
        assert_eq!(f.slugs(), ["a"]);
        assert!(f.toggled("a").is_empty());
    }

    #[test]
    fn page_query_is_forgiving() {
        assert_eq!(page_from_query(None), 1);
        assert_eq!(page_from_query(Some("3")), 3);
        assert_eq!(page_from_query(Some("0")), 1);
        assert_eq!(page_from_query(Some("-2")), 1);
        assert_eq!(page_from_query(Some("two")), 1);
        assert_eq!(page_count(0), 1);
        assert_eq!(page_count(10), 1);
        assert_eq!(page_count(11), 2);
    }

    #[test]
    fn merge_is_newest_first_and_paged() {
        let a: Vec<_> = (0..15)
            .map(|i| {
                post(
                    &format!("a{i:02}"),
                    "a",
                    &format!("2020-01-{:02}", 30 - i * 2),
                )
            })
            .collect();
        let b: Vec<_> = (0..15)
            .map(|i| {
                post(
                    &format!("b{i:02}"),
                    "b",
                    &format!("2020-01-{:02}", 29 - i * 2),
                )
            })
            .collect();
        let page1 = merge_page(&[a.clone(), b.clone()], 1);
        assert_eq!(page1.len(), PAGE_SIZE);
        assert!(page1.windows(2).all(|w| newest_first(&w[0], &w[1]).is_le()));
        assert_eq!(page1[0].slug, "a00");
        assert_eq!(page1[1].slug, "b00");
        let page3 = merge_page(&[a, b], 3);
        assert_eq!(page3.len(), 10);
        assert!(merge_page(&[vec![post("x", "a", "2020-01-01")]], 2).is_empty());
    }

    #[test]
    fn a_shared_set_counts_once_whatever_its_order_in_each_file() {
        use crate::models::content::CategoryOverlap;
        let first = |total, sets: &[(&[&str], u32)]| ListPage {
            total,
            overlaps: sets
                .iter()
                .map(|(categories, posts)| CategoryOverlap {
                    categories: categories.iter().map(|s| s.to_string()).collect(),
                    posts: *posts,
                })
                .collect(),
            ..ListPage::default()
        };
        let filter = ["a".to_string(), "b".to_string()];
        // Two posts in a and b, listed in each one's own order; one slug twice.
        let a = first(5, &[(&["b", "a"], 2)]);
        let b = first(4, &[(&["a", "b", "a"], 2)]);
        assert_eq!(posts_in_any(&filter, &[a.clone(), b.clone()]), 7);
        // Only a picked: its total as it is.
        assert_eq!(posts_in_any(&filter[..1], &[a]), 5);
    }
}
