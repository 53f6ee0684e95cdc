//! What the app does around its search engine (Pagefind, run in the browser
//! by `browser/search.rs`): the search as it lives in the URL, the hits the
//! engine hands over, and what a result shows — a snippet with the matched
//! words marked, and whether the match is in the question, an answer or a
//! comment. Pure: the engine's output is data here, never markup.

use crate::models::{content::is_valid_slug, listing::page_from_query, text::format_date, urls};
use serde::Deserialize;

/// Results on one page of `/search`.
pub const RESULTS_PER_PAGE: usize = 10;
/// Results shown under the header's box while the reader types.
pub const SUGGESTIONS: usize = 5;
/// Words in a result's snippet.
pub const SNIPPET_WORDS: usize = 30;
/// Results show under the box once the words have this many characters:
/// one letter matches nearly every word and is the slowest search there is,
/// for nothing a reader wants (Enter still searches it).
pub const MIN_LIVE_CHARS: usize = 2;
/// At most this many characters of a query are searched (longer ones are
/// cut at a character boundary: a pasted page is not a question).
pub const MAX_QUERY_CHARS: usize = 200;

/// A search as `/search?q=<words>&category=<slug>&page=<n>` holds it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// The words, trimmed, runs of whitespace made one space.
    pub words: String,
    /// Only posts in this category (a valid slug), if any.
    pub category: Option<String>,
    /// The results page, from 1.
    pub page: u32,
}

impl SearchQuery {
    /// Reads the query values `q`, `category` and `page`; what does not make
    /// sense (an invalid slug, page 0) is dropped, never an error.
    pub fn from_query(q: Option<&str>, category: Option<&str>, page: Option<&str>) -> Self {
        SearchQuery {
            words: tidy_words(q.unwrap_or_default()),
            category: category
                .map(str::trim)
                .filter(|slug| is_valid_slug(slug))
                .map(str::to_string),
            page: page_from_query(page),
        }
    }

    /// Nothing to search for.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// This search's address (page 1 and an empty category left out).
    pub fn url(&self) -> String {
        urls::search(&self.words, self.category.as_deref(), self.page)
    }

    /// The same search on results page `page`.
    pub fn on_page(&self, page: u32) -> Self {
        SearchQuery {
            page,
            ..self.clone()
        }
    }

    /// Index of this page's first result among all results.
    pub fn offset(&self) -> usize {
        (self.page.max(1) as usize - 1) * RESULTS_PER_PAGE
    }
}

/// Whether words are worth searching while the reader is still typing.
pub fn worth_live_search(words: &str) -> bool {
    words.chars().count() >= MIN_LIVE_CHARS
}

/// Words as searched: trimmed, whitespace runs made one space, invisible
/// characters left out, at most `MAX_QUERY_CHARS` characters.
pub fn tidy_words(text: &str) -> String {
    // Invisible characters (zero-width spaces and joiners, the BOM) are not
    // words either.
    let visible: String = text
        .chars()
        .filter(|c| !matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'))
        .collect();
    let words: Vec<&str> = visible.split_whitespace().collect();
    words.join(" ").chars().take(MAX_QUERY_CHARS).collect()
}

/// One page of results as the browser glue hands them over (JSON written by
/// `browser/search.js` from Pagefind's results).
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct SearchPage {
    /// Posts that match, on all pages.
    pub total: usize,
    /// The requested page's hits, best first.
    pub hits: Vec<Hit>,
}

/// A matching post, as Pagefind's `result.data()` describes it.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Hit {
    /// The prerendered file's address, percent-encoded: `/post/<slug>.html`.
    pub url: String,
    /// The post's indexed text (title, question, answers, comments) as
    /// plain text; words are separated by whitespace.
    #[serde(default)]
    pub content: String,
    #[serde(default)]
    pub meta: HitMeta,
    /// Positions of the matched words, counted in words of `content`.
    #[serde(default)]
    pub locations: Vec<usize>,
    /// The elements with an `id` in the post (`answer-2`, `comment-7`, …)
    /// and the word each starts at.
    #[serde(default)]
    pub anchors: Vec<Anchor>,
}

/// What the prerendered post page declares with `data-pagefind-meta`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct HitMeta {
    /// The post's `<h1>`.
    #[serde(default)]
    pub title: String,
    /// ISO date (`2012-04-22`).
    #[serde(default)]
    pub date: Option<String>,
    /// The category's name.
    #[serde(default)]
    pub category: Option<String>,
}

/// An element with an `id` and the word it starts at.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
pub struct Anchor {
    pub id: String,
    pub location: usize,
}

/// Where in a post a match is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The title or the question.
    Question,
    /// The answer with this number (`#answer-N`).
    Answer(u64),
    /// The comment with this id (`#comment-N`).
    Comment(u64),
}

impl Place {
    /// "in the question", as a result says it.
    pub fn label(self) -> &'static str {
        match self {
            Place::Question => "in the question",
            Place::Answer(_) => "in an answer",
            Place::Comment(_) => "in a comment",
        }
    }

    /// The permalink fragment, without `#`.
    pub fn fragment(self) -> Option<String> {
        match self {
            Place::Question => None,
            Place::Answer(n) => Some(format!("answer-{n}")),
            Place::Comment(id) => Some(format!("comment-{id}")),
        }
    }
}

/// The place a word at `location` is in: the last answer or comment that
/// starts at or before it (ids inside one, like `answer-2-title`, are part
/// of it); before any, the question.
pub fn place_of(location: usize, anchors: &[Anchor]) -> Place {
    anchors
        .iter()
        .filter(|a| a.location <= location)
        .filter_map(|a| anchor_place(&a.id))
        .next_back()
        .unwrap_or(Place::Question)
}

fn anchor_place(id: &str) -> Option<Place> {
    let number = |rest: &str| {
        let digits = rest.split('-').next()?;
        digits.parse::<u64>().ok()
    };
    if let Some(rest) = id.strip_prefix("answer-") {
        return number(rest).map(Place::Answer);
    }
    if let Some(rest) = id.strip_prefix("comment-") {
        return number(rest).map(Place::Comment);
    }
    // The title and the comments' heading: back to no answer or comment.
    matches!(id, "post-title" | "comments").then_some(Place::Question)
}

/// A piece of a snippet: plain text, or a matched word (shown in `<mark>`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Mark(String),
}

/// A snippet of `content` around its densest run of matches.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Snippet {
    pub segments: Vec<Segment>,
    /// The first matched word in the snippet (its place is the result's).
    pub first_match: Option<usize>,
}

/// Splits text into words as Pagefind counts them (its `word_separators`:
/// whitespace runs, U+FEFF not included). Rust's whitespace adds U+0085,
/// which JavaScript's `\s` lacks.
pub fn words(content: &str) -> Vec<&str> {
    let separator = |c: char| c.is_whitespace() && c != '\u{85}';
    content.split(separator).filter(|w| !w.is_empty()).collect()
}

/// The `length` words of `content` with the most matched `locations`
/// (the earliest such run, moved back a quarter for context), with "…"
/// where text is left out on either side.
pub fn snippet(content: &str, locations: &[usize], length: usize) -> Snippet {
    let words = words(content);
    let length = length.max(1);
    // Pagefind lists each matched word once, in order; a few hundred at
    // most, so the scans below stay cheap (and need no sorting code).
    let matched: Vec<usize> = locations
        .iter()
        .copied()
        .filter(|&l| l < words.len())
        .collect();
    let start = densest_start(&matched, length)
        .map(|s| s.saturating_sub(length / 4))
        .unwrap_or(0)
        .min(words.len().saturating_sub(length));
    let end = (start + length).min(words.len());
    let mut segments = Vec::new();
    let mut text = String::from(if start > 0 { "…" } else { "" });
    for (i, word) in words.iter().enumerate().take(end).skip(start) {
        if matched.contains(&i) {
            if !text.is_empty() {
                segments.push(Segment::Text(std::mem::take(&mut text)));
            }
            segments.push(Segment::Mark(word.to_string()));
        } else {
            text.push_str(word);
        }
        if i + 1 < end {
            text.push(' ');
        }
    }
    if end < words.len() {
        text.push('…');
    }
    if !text.is_empty() {
        segments.push(Segment::Text(text));
    }
    let first_match = matched
        .iter()
        .copied()
        .filter(|&l| l >= start && l < end)
        .min();
    Snippet {
        segments,
        first_match,
    }
}

/// Where the window of `length` words holding the most `matched` positions
/// starts (the earliest of equals); `None` without matches.
fn densest_start(matched: &[usize], length: usize) -> Option<usize> {
    let in_window = |start: usize| {
        matched
            .iter()
            .filter(|&&l| l >= start && l < start + length)
            .count()
    };
    let mut best: Option<(usize, usize)> = None;
    for &start in matched {
        let count = in_window(start);
        if best.is_none_or(|(at, most)| count > most || (count == most && start < at)) {
            best = Some((start, count));
        }
    }
    best.map(|(start, _)| start)
}

/// A result as the reader sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub title: String,
    /// The post's address, with the answer's or comment's fragment when the
    /// snippet's match is in one.
    pub href: String,
    /// "April 22, 2012", if the post has a date.
    pub date: Option<String>,
    pub category: Option<String>,
    pub place: Place,
    pub snippet: Vec<Segment>,
}

impl Found {
    pub fn new(hit: &Hit) -> Self {
        let snippet = snippet(&hit.content, &hit.locations, SNIPPET_WORDS);
        let place = snippet
            .first_match
            .map_or(Place::Question, |l| place_of(l, &hit.anchors));
        let address = post_address(&hit.url);
        let href = match place.fragment() {
            Some(fragment) => format!("{address}#{fragment}"),
            None => address,
        };
        let title = match hit.meta.title.trim() {
            "" => "(untitled)".to_string(),
            title => title.to_string(),
        };
        Found {
            title,
            href,
            date: hit.meta.date.as_deref().map(format_date),
            category: hit.meta.category.clone().filter(|c| !c.trim().is_empty()),
            place,
            snippet: snippet.segments,
        }
    }
}

/// The app's address of an indexed file: `/post/a.html` → `/post/a`
/// (prerendered files are the app's addresses plus `.html`; both are
/// percent-encoded). Anything that is not a path on this site becomes `/`.
pub fn post_address(url: &str) -> String {
    if !url.starts_with('/') || url.starts_with("//") {
        return "/".to_string();
    }
    let path = url.split(['?', '#']).next().unwrap_or(url);
    path.strip_suffix(".html").unwrap_or(path).to_string()
}

/// Why a search could not be made, in a reader's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SearchError {
    /// The runtime or the index did not load (offline, not on the server,
    /// blocked).
    Unavailable { offline: bool },
    /// The engine answered something that is not a page of results.
    Damaged(String),
}

impl std::fmt::Display for SearchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SearchError::Unavailable { offline: true } => {
                f.write_str("the search index could not be loaded: you seem to be offline")
            }
            SearchError::Unavailable { offline: false } => {
                f.write_str("the search index could not be loaded from this site")
            }
            SearchError::Damaged(why) => write!(f, "the search index is damaged: {why}"),
        }
    }
}

/// The link from the results under the box to the results page.
pub fn all_results_text(total: usize, words: &str) -> String {
    match total {
        1 => format!("The result for “{words}” on the results page"),
        n => format!("All {n} results for “{words}”"),
    }
}

/// "3 results for “tea”", for the polite live region.
pub fn count_text(total: usize, words: &str) -> String {
    match total {
        0 => format!("No results for “{words}”"),
        1 => format!("1 result for “{words}”"),
        n => format!("{n} results for “{words}”"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchor(id: &str, location: usize) -> Anchor {
        Anchor {
            id: id.to_string(),
            location,
        }
    }

    fn marks(snippet: &Snippet) -> Vec<&str> {
        snippet
            .segments
            .iter()
            .filter_map(|s| match s {
                Segment::Mark(w) => Some(w.as_str()),
                Segment::Text(_) => None,
            })
            .collect()
    }

    fn plain(snippet: &Snippet) -> String {
        snippet
            .segments
            .iter()
            .map(|s| match s {
                Segment::Mark(w) | Segment::Text(w) => w.as_str(),
            })
            .collect()
    }

    #[test]
    fn the_query_reads_and_writes_its_url() {
        let query = SearchQuery::from_query(
            Some("  white   nights "),
            Some("traveling-russia"),
            Some("2"),
        );
        assert_eq!(query.words, "white nights");
        assert_eq!(query.category.as_deref(), Some("traveling-russia"));
        assert_eq!(query.page, 2);
        assert_eq!(query.offset(), RESULTS_PER_PAGE);
        let url = query.url();
        assert_eq!(
            url,
            "/search?q=white%20nights&category=traveling-russia&page=2"
        );
        assert_eq!(
            query.on_page(1).url(),
            "/search?q=white%20nights&category=traveling-russia"
        );
        let bad = SearchQuery::from_query(None, Some("../x"), Some("0"));
        assert!(bad.is_empty());
        assert_eq!(bad.category, None);
        assert_eq!(bad.page, 1);
        assert_eq!(bad.url(), "/search");
    }

    #[test]
    fn one_letter_waits_for_the_next() {
        assert!(!worth_live_search(""));
        assert!(!worth_live_search("ж"));
        assert!(worth_live_search("жи"));
        assert!(worth_live_search("ab"));
    }

    #[test]
    fn invisible_characters_are_not_words() {
        assert_eq!(tidy_words("\u{200B}\u{200B}"), "");
        assert_eq!(tidy_words(" te\u{200D}a \u{FEFF} cup "), "tea cup");
        assert_eq!(
            all_results_text(1, "x"),
            "The result for “x” on the results page"
        );
        assert_eq!(all_results_text(4, "x"), "All 4 results for “x”");
    }

    #[test]
    fn long_queries_are_cut_at_a_character() {
        let long = "ж".repeat(MAX_QUERY_CHARS + 50);
        assert_eq!(tidy_words(&long).chars().count(), MAX_QUERY_CHARS);
    }

    #[test]
    fn words_are_counted_as_pagefind_counts_them() {
        assert_eq!(words("a  b\tc\n d"), vec!["a", "b", "c", "d"]);
        assert_eq!(words("a\u{feff}b c"), vec!["a\u{feff}b", "c"]);
        assert_eq!(words("a\u{85}b\u{a0}c"), vec!["a\u{85}b", "c"]);
    }

    #[test]
    fn the_snippet_marks_matches_and_shows_text_as_text() {
        let content = "Hostile <img src=x onerror=alert(1)> title. The samovar is here";
        let s = snippet(content, &[6], 30);
        assert_eq!(marks(&s), vec!["samovar"]);
        assert_eq!(plain(&s), content);
        assert_eq!(s.first_match, Some(6));
    }

    #[test]
    fn the_snippet_is_the_densest_window_with_ellipses() {
        let content: Vec<String> = (0..100).map(|i| format!("w{i}")).collect();
        let content = content.join(" ");
        let s = snippet(&content, &[64, 5, 60, 62, 500, 60], 10);
        assert_eq!(marks(&s), vec!["w60", "w62", "w64"]);
        let text = plain(&s);
        assert!(text.starts_with("…w58 w59 "), "{text}");
        assert!(text.ends_with("w67…"), "{text}");
        assert_eq!(s.first_match, Some(60));
        // No match: the beginning.
        let s = snippet(&content, &[], 3);
        assert_eq!(plain(&s), "w0 w1 w2…");
        // Near the end, the window still holds `length` words.
        let s = snippet(&content, &[99], 10);
        assert_eq!(plain(&s), "…w90 w91 w92 w93 w94 w95 w96 w97 w98 w99");
        assert_eq!(snippet("", &[0, 3], 10), Snippet::default());
    }

    #[test]
    fn a_match_is_placed_in_its_answer_or_comment() {
        let anchors = vec![
            anchor("post-title", 0),
            anchor("answer-1", 11),
            anchor("answer-1-title", 11),
            anchor("answer-2", 30),
            anchor("comments", 50),
            anchor("comment-7", 52),
            anchor("comment-9", 60),
            anchor("some-id-from-content", 61),
        ];
        assert_eq!(place_of(3, &anchors), Place::Question);
        assert_eq!(place_of(11, &anchors), Place::Answer(1));
        assert_eq!(place_of(29, &anchors), Place::Answer(1));
        assert_eq!(place_of(45, &anchors), Place::Answer(2));
        assert_eq!(place_of(51, &anchors), Place::Question);
        assert_eq!(place_of(55, &anchors), Place::Comment(7));
        assert_eq!(place_of(70, &anchors), Place::Comment(9));
        assert_eq!(place_of(5, &[]), Place::Question);
    }

    #[test]
    fn a_result_links_to_where_its_snippet_matched() {
        let hit = Hit {
            url: "/post/%D1%87%D0%B0%D0%B9.html".to_string(),
            content: "Tea question here. Answer by Ann. Samovar tea.".to_string(),
            meta: HitMeta {
                title: "Чай".to_string(),
                date: Some("2012-04-22".to_string()),
                category: Some("Food & Drinks".to_string()),
            },
            locations: vec![6],
            anchors: vec![anchor("answer-3", 3)],
        };
        let found = Found::new(&hit);
        assert_eq!(found.href, "/post/%D1%87%D0%B0%D0%B9#answer-3");
        assert_eq!(found.place, Place::Answer(3));
        assert_eq!(found.place.label(), "in an answer");
        assert_eq!(found.date.as_deref(), Some("April 22, 2012"));
        let question = Found::new(&Hit {
            locations: vec![0],
            ..hit
        });
        assert_eq!(question.href, "/post/%D1%87%D0%B0%D0%B9");
    }

    #[test]
    fn only_paths_on_this_site_become_links() {
        assert_eq!(post_address("/post/a.html"), "/post/a");
        assert_eq!(post_address("/post/a.html?x#y"), "/post/a");
        assert_eq!(post_address("javascript:alert(1)"), "/");
        assert_eq!(post_address("//evil.example/post"), "/");
        assert_eq!(post_address("https://evil.example/"), "/");
    }

    #[test]
    fn the_count_is_said_in_words() {
        assert_eq!(count_text(0, "x"), "No results for “x”");
        assert_eq!(count_text(1, "x"), "1 result for “x”");
        assert_eq!(count_text(12, "x"), "12 results for “x”");
    }

    #[test]
    fn hits_decode_with_missing_fields() {
        let page: SearchPage =
            serde_json::from_str(r#"{"total":1,"hits":[{"url":"/post/a.html"}]}"#).unwrap();
        assert_eq!(page.hits[0].meta, HitMeta::default());
        assert!(page.hits[0].locations.is_empty());
    }
}
