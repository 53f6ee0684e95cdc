//! The app's own URLs, built in one place. `app.rs` routes the same paths
//! (`/post/:slug`, `/category/:slug`, …); views link with these functions,
//! never with `format!`.

use crate::models::listing::CategoryFilter;
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// `/`, optionally filtered and paged: `/?category=a,b&page=2`. Page 1 is
/// left out, so every list has one URL.
pub fn home(filter: &CategoryFilter, page: u32) -> String {
    let category = (!filter.is_empty()).then(|| filter.query_value());
    with_query("/", &[("category", category)], page)
}

/// `/articles`, paged.
pub fn articles(page: u32) -> String {
    paged("/articles".to_string(), page)
}

/// `/category/<slug>`, paged.
pub fn category(slug: &str, page: u32) -> String {
    paged(format!("/category/{}", encode_component(slug)), page)
}

/// `/post/<slug>`.
pub fn post(slug: &str) -> String {
    format!("/post/{}", encode_component(slug))
}

/// A comment's permalink on its post.
pub fn comment(post_slug: &str, comment_id: u64) -> String {
    format!("{}#comment-{comment_id}", post(post_slug))
}

/// `/page/<slug>`: About, Privacy Policy, Disclaimer.
pub fn page(slug: &str) -> String {
    format!("/page/{}", encode_component(slug))
}

/// `/search?q=<words>&category=<slug>&page=<n>`: the results page (no
/// words: `/search`; page 1 and no category left out).
pub fn search(words: &str, category: Option<&str>, page: u32) -> String {
    let words = (!words.is_empty()).then(|| words.to_string());
    let category = category.filter(|s| !s.is_empty()).map(str::to_string);
    with_query("/search", &[("q", words), ("category", category)], page)
}

/// `path` with the `values` that are set (encoded, in order) and `page`
/// when past the first, as its query string.
fn with_query(path: &str, values: &[(&str, Option<String>)], page: u32) -> String {
    let mut query: Vec<String> = values
        .iter()
        .filter_map(|(name, value)| Some(format!("{name}={}", encode_component(value.as_ref()?))))
        .collect();
    if page > 1 {
        query.push(format!("page={page}"));
    }
    match query.is_empty() {
        true => path.to_string(),
        false => format!("{path}?{}", query.join("&")),
    }
}

fn paged(path: String, page: u32) -> String {
    match page {
        0 | 1 => path,
        n => format!("{path}?page={n}"),
    }
}

/// Everything but RFC 3986's unreserved characters and the comma (which
/// separates a filter's categories) is percent-encoded.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b',');

/// Percent-encodes `text` (UTF-8) so a slug or query value is one URL
/// segment whatever it holds: `a b/ч` → `a%20b%2F%D1%87`.
pub fn encode_component(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_leave_page_one_out() {
        assert_eq!(articles(1), "/articles");
        assert_eq!(articles(3), "/articles?page=3");
        assert_eq!(category("food", 1), "/category/food");
        assert_eq!(category("food", 2), "/category/food?page=2");
        assert_eq!(home(&CategoryFilter::default(), 1), "/");
        assert_eq!(home(&CategoryFilter::default(), 4), "/?page=4");
    }

    #[test]
    fn the_home_filter_is_in_the_query() {
        let filter = CategoryFilter::from_query(Some("history,food"));
        let url = home(&filter, 2);
        assert!(url.starts_with("/?category="), "{url}");
        assert!(url.ends_with("&page=2"), "{url}");
        let value = url["/?category=".len()..url.len() - "&page=2".len()].to_string();
        assert_eq!(CategoryFilter::from_query(Some(&value)), filter);
    }

    #[test]
    fn pages_and_permalinks() {
        assert_eq!(
            post("what-was-khrushchevs-secret-speech"),
            "/post/what-was-khrushchevs-secret-speech"
        );
        assert_eq!(comment("a", 7), "/post/a#comment-7");
        assert_eq!(page("about"), "/page/about");
        assert_eq!(search("", None, 1), "/search");
        assert_eq!(search("a&b c", None, 3), "/search?q=a%26b%20c&page=3");
    }

    #[test]
    fn slugs_are_one_segment_whatever_they_hold() {
        assert_eq!(post("a/b"), "/post/a%2Fb");
        assert_eq!(post("чт"), "/post/%D1%87%D1%82");
        assert_eq!(category("a b?c#d", 1), "/category/a%20b%3Fc%23d");
        assert_eq!(
            encode_component("2021-01-01T00:00:00"),
            "2021-01-01T00%3A00%3A00"
        );
    }
}
