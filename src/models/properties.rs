//! Property tests over the pure logic: what must hold for any input.

use crate::models::comments::{
    build_thread,
    thread::tests::{c, flatten},
    MAX_DEPTH,
};
use crate::models::content::{
    build::{build_site, SiteConfig},
    Category, Comment, PostSummary, PAGE_SIZE,
};
use crate::models::listing::{merge_page, newest_first, posts_in_any};
use crate::models::{
    comments::{
        store::{self, memory::MemoryStore, CommentDraft, DraftKey},
        validation::{validate, CommentInput},
    },
    content::{decode_response, ListPage, Post, Site},
    text::{
        autolink, escape, parse_body, parse_comment, parse_inline, plain_text, safe_href, Block,
        Inline,
    },
};
use proptest::prelude::*;

/// Text with the characters attacks and URLs are made of.
fn hostile_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "http://",
        "https://",
        "HTTP://",
        "javascript:",
        "data:",
        "vbscript:",
        "<script>",
        "</textarea>",
        "\"",
        "'",
        "(",
        ")",
        "[",
        "]",
        "](",
        ".",
        ",",
        "…",
        " ",
        "\n",
        "\n\n",
        "- ",
        "example.org",
        "/path",
        "?q=1",
        "#x",
        "@",
        "\t",
        "\u{202e}",
        "\u{200b}",
        "ж",
        "&lt;",
        "onerror=",
        "|",
        "`",
        "```",
        "| --- |",
        "](/",
        "](//",
        "/\\",
        "![",
        "[![",
        "{2x3}",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(String::from), any::<String>()],
        0..24,
    )
    .prop_map(|parts| parts.concat())
}

fn links(inlines: &[Inline]) -> Vec<String> {
    inlines
        .iter()
        .filter_map(|i| match i {
            Inline::Link { href, .. } => Some(href.clone()),
            _ => None,
        })
        .collect()
}

/// Where the images link to, and their sources.
fn image_urls(blocks: &[Block]) -> Vec<String> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Image { src, link, .. } => Some([Some(src.clone()), link.clone()]),
            _ => None,
        })
        .flatten()
        .flatten()
        .collect()
}

fn all_inlines(blocks: &[Block]) -> Vec<Inline> {
    blocks
        .iter()
        .flat_map(|b| b.clone().into_runs().concat())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_content_decoder_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512), status in 0u16..600) {
        let text = String::from_utf8_lossy(&bytes);
        let _ = decode_response::<Post>(status, "application/json", &text);
        let _ = decode_response::<ListPage>(status, "application/json", &text);
        let _ = decode_response::<Site>(status, "text/html", &text);
    }

    #[test]
    fn the_content_decoder_never_panics_on_json_like_text(text in "[\\[\\]{}\":,0-9a-z \\\\-]{0,200}") {
        let _ = decode_response::<Post>(200, "application/json", &text);
        let _ = decode_response::<ListPage>(200, "application/json", &text);
    }

    #[test]
    fn any_post_text_survives_writing_and_reading(text in prop_oneof![hostile_text(), any::<String>()], id in any::<u64>()) {
        let post = Post {
            slug: "a".into(),
            title: text.clone(),
            comments: vec![Comment { id, body: text.clone(), ..Comment::default() }].into(),
            ..Post::default()
        };
        let written = serde_json::to_string(&post).unwrap();
        let read: Post = decode_response(200, "application/json", &written).unwrap();
        prop_assert_eq!(read, post);
    }

    #[test]
    fn escaped_text_reads_back_as_itself(text in prop_oneof![hostile_text(), "[-*#>|`\\\\\\[\\]() a-z]{0,40}".prop_map(String::from)]) {
        // One line of text, as the importer writes it.
        let line = text.replace(['\n', '\r'], " ");
        let inlines = parse_inline(&escape(&line));
        prop_assert_eq!(plain_text(&inlines), line.clone());
        // Nothing but bare URLs becomes a link or a style.
        for inline in &inlines {
            match inline {
                Inline::Text(_) => {}
                Inline::Link { label, href } => prop_assert_eq!(label, href),
                other => prop_assert!(false, "{:?} from {:?}", other, line),
            }
        }
        // And it stays one paragraph.
        let blocks = parse_body(&escape(&line));
        prop_assert!(blocks.len() <= 1);
        prop_assert!(blocks.iter().all(|b| matches!(b, Block::Paragraph(_))), "{:?}", blocks);
    }

    #[test]
    fn autolinking_keeps_the_text_and_links_only_http(text in hostile_text()) {
        let inlines = autolink(&text);
        prop_assert_eq!(plain_text(&inlines), text);
        for href in links(&inlines) {
            let lower = href.to_ascii_lowercase();
            prop_assert!(lower.starts_with("http://") || lower.starts_with("https://"), "{}", href);
            prop_assert_eq!(safe_href(&href), Some(href.as_str()));
        }
    }

    #[test]
    fn body_and_comment_markup_only_link_http(text in hostile_text()) {
        for (blocks, site_paths) in [(parse_body(&text), true), (parse_comment(&text), false)] {
            for href in links(&all_inlines(&blocks)).into_iter().chain(image_urls(&blocks)) {
                let lower = href.to_ascii_lowercase();
                let http = lower.starts_with("http://") || lower.starts_with("https://");
                // A body may link to a path on the site: one slash, never two.
                let path = site_paths && href.starts_with('/') && !href.starts_with("//") && !href.starts_with("/\\");
                prop_assert!(http || path, "{}", href);
                prop_assert!(!href.chars().any(|c| c.is_whitespace() || c.is_control() || "<>\"`".contains(c)));
            }
        }
    }

    #[test]
    fn a_valid_comment_validates_to_its_trimmed_self(
        comment in "[a-zA-Z0-9 .,!?ж]{1,300}",
        name in "[a-zA-Z ]{1,40}",
        user in "[a-z0-9]{1,20}",
        domain in "[a-z]{1,20}",
        space in "[ \t\n]{0,3}",
    ) {
        prop_assume!(!comment.trim().is_empty() && !name.trim().is_empty());
        let input = CommentInput {
            comment: format!("{space}{comment}{space}"),
            name: name.clone(),
            email: format!("{user}@{domain}.org"),
            website: format!("https://{domain}.example/"),
        };
        let valid = validate(&input).unwrap();
        prop_assert_eq!(valid.comment, comment.trim());
        prop_assert_eq!(valid.name, name.trim());
        prop_assert_eq!(valid.website, Some(format!("https://{domain}.example/")));
        // Validating twice changes nothing.
        let again = CommentInput { comment: input.comment.trim().into(), ..input.clone() };
        prop_assert!(validate(&again).is_ok());
    }

    #[test]
    fn validation_never_panics(comment in any::<String>(), name in any::<String>(), email in any::<String>(), website in any::<String>()) {
        let _ = validate(&CommentInput { comment, name, email, website });
    }

    #[test]
    fn drafts_round_trip_through_the_store(
        text in any::<String>(),
        name in any::<String>(),
        slug in "[a-z0-9]{1,12}(-[a-z0-9]{1,8}){0,3}",
        reply_to in proptest::option::of(any::<u64>()),
        saved_at in 0u64..4_000_000_000_000,
    ) {
        let store = MemoryStore::default();
        let key = DraftKey { post_slug: slug, reply_to };
        let draft = CommentDraft { text, name, saved_at, ..Default::default() };
        store::save_draft(&store, &key, &draft).unwrap();
        let loaded = store::load_draft(&store, &key, saved_at).unwrap();
        if draft.is_empty() {
            prop_assert_eq!(loaded, None);
        } else {
            prop_assert_eq!(loaded, Some(draft));
        }
    }

    #[test]
    fn stored_garbage_is_never_a_panic(raw in any::<String>()) {
        let store = MemoryStore::default();
        let key = DraftKey { post_slug: "p".into(), reply_to: None };
        store.values.borrow_mut().insert(key.storage_key(), raw.clone());
        store.values.borrow_mut().insert("russianbest.comment.p.1".into(), raw.clone());
        store.values.borrow_mut().insert("russianbest.commenter".into(), raw);
        let _ = store::load_draft(&store, &key, 0).unwrap();
        let _ = store::load_comments(&store).unwrap();
        let _ = store::load_commenter(&store).unwrap();
        let _ = store::purge_expired_drafts(&store, 0).unwrap();
    }
}

/// The thread as first written: walk every comment's ancestors.
fn reference_thread(comments: &[Comment]) -> Vec<(usize, u64)> {
    use std::collections::BTreeMap;
    let by_id: BTreeMap<u64, &Comment> = comments.iter().map(|c| (c.id, c)).collect();
    let ancestors = |comment: &Comment| {
        let mut chain = Vec::new();
        let mut next = comment.parent;
        while let Some(id) = next {
            if id == comment.id || chain.contains(&id) {
                return Vec::new();
            }
            match by_id.get(&id) {
                Some(parent) => {
                    chain.push(id);
                    next = parent.parent;
                }
                None => break,
            }
        }
        chain
    };
    let mut children: BTreeMap<Option<u64>, Vec<&Comment>> = BTreeMap::new();
    for comment in comments {
        let chain = ancestors(comment);
        let parent = match chain.len() {
            0 => None,
            n if n < MAX_DEPTH => Some(chain[0]),
            n => Some(chain[n - (MAX_DEPTH - 1)]),
        };
        children.entry(parent).or_default().push(comment);
    }
    for list in children.values_mut() {
        list.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    }
    fn walk(
        parent: Option<u64>,
        depth: usize,
        children: &BTreeMap<Option<u64>, Vec<&Comment>>,
        out: &mut Vec<(usize, u64)>,
    ) {
        for c in children.get(&parent).into_iter().flatten() {
            out.push((depth, c.id));
            walk(Some(c.id), depth + 1, children, out);
        }
    }
    let mut out = Vec::new();
    walk(None, 1, &children, &mut out);
    out
}

proptest! {
    #[test]
    fn matches_the_reference_threading(
        links in prop::collection::vec((prop::option::of(0u64..30), 0u8..5), 0..40)
    ) {
        // Unique ids 1..=n; parents may be missing, self, or form cycles.
        let comments: Vec<_> = links
            .iter()
            .enumerate()
            .map(|(i, (parent, day))| c(i as u64 + 1, *parent, &format!("2020-01-0{day}")))
            .collect();
        prop_assert_eq!(flatten(&build_thread(&comments)), reference_thread(&comments));
    }
}

proptest! {
    #[test]
    fn merging_category_pages_equals_sorting_their_union(
        lists in prop::collection::vec(
            prop::collection::vec(("[a-e]{1,2}", 1u8..20), 0..25),
            0..4,
        ),
        page in 1u32..5,
    ) {
        let lists: Vec<Vec<PostSummary>> = lists
            .into_iter()
            .map(|posts| {
                let mut posts: Vec<PostSummary> = posts
                    .into_iter()
                    .map(|(slug, day)| PostSummary {
                        slug,
                        date: format!("2020-01-{day:02}"),
                        ..PostSummary::default()
                    })
                    .collect();
                posts.sort_by(newest_first);
                posts
            })
            .collect();
        let mut union: Vec<&PostSummary> = lists.iter().flatten().collect();
        union.sort_by(|a, b| newest_first(a, b));
        union.dedup_by(|a, b| a.slug == b.slug);
        let start = (page as usize - 1) * PAGE_SIZE;
        let expected: Vec<PostSummary> = union.into_iter().skip(start).take(PAGE_SIZE).cloned().collect();
        prop_assert_eq!(merge_page(&lists, page), expected);
    }
}

proptest! {
    /// The home filter's count from the built index files equals the number
    /// of distinct posts in any of the picked categories.
    #[test]
    fn the_filter_counts_a_post_in_several_categories_once(
        memberships in prop::collection::vec(prop::collection::vec(any::<bool>(), 4), 0..40),
        picked in prop::collection::vec(any::<bool>(), 4),
    ) {
        let slugs = ["a", "b", "c", "d"];
        let config = SiteConfig {
            title: "T".into(),
            categories: slugs.iter().map(|s| Category { slug: (*s).into(), name: (*s).into(), count: 0 }).collect(),
            ..SiteConfig::default()
        };
        let posts: Vec<Post> = memberships
            .iter()
            .enumerate()
            .filter_map(|(i, member)| {
                let mut own = slugs.iter().zip(member).filter(|(_, m)| **m).map(|(s, _)| s.to_string());
                Some(Post {
                    slug: format!("p{i}"),
                    date: format!("2020-01-{:02}", i % 28 + 1),
                    category: own.next()?,
                    categories: own.collect(),
                    ..Post::default()
                })
            })
            .collect();
        let files = build_site(&config, &posts);
        let read = |path: &str| files.iter().find(|f| f.0 == path).map(|f| f.1.clone());
        let filter: Vec<String> = slugs.iter().zip(&picked).filter(|(_, p)| **p).map(|(s, _)| s.to_string()).collect();
        let firsts: Vec<ListPage> = filter
            .iter()
            .map(|slug| serde_json::from_str(&read(&format!("index/category/{slug}/1.json")).unwrap()).unwrap())
            .collect();
        let expected = posts.iter().filter(|p| filter.iter().any(|slug| p.in_category(slug))).count() as u32;
        prop_assert_eq!(posts_in_any(&filter, &firsts), expected);
    }
}

proptest! {
    /// A search snippet is a run of the content's own words, in order, with
    /// exactly the matched ones marked, whatever the engine hands over.
    #[test]
    fn a_snippet_is_a_window_of_the_content_with_its_matches_marked(
        separators in prop::collection::vec(prop::sample::select(vec![" ", "\n", "\u{a0}", "  \t"]), 0..60),
        locations in prop::collection::vec(0usize..80, 0..20),
        length in 0usize..40,
    ) {
        use crate::models::search::{snippet, Segment};
        // Distinct words (with markup characters in them), so a window has
        // one place.
        let all: Vec<String> = (0..separators.len()).map(|i| format!("<w{i}&>")).collect();
        let content: String = all.iter().zip(&separators).map(|(w, s)| format!("{w}{s}")).collect();
        let cut = snippet(&content, &locations, length);
        let mut shown = String::new();
        let mut marked = Vec::new();
        for segment in &cut.segments {
            match segment {
                Segment::Text(text) => shown.push_str(text),
                Segment::Mark(word) => {
                    marked.push(word.clone());
                    shown.push_str(word);
                }
            }
        }
        let inner = shown.trim_start_matches('…').trim_end_matches('…');
        let got: Vec<&str> = inner.split(' ').filter(|w| !w.is_empty()).collect();
        prop_assert_eq!(got.len(), all.len().min(length.max(1)));
        if let Some(first) = got.first() {
            let start = all.iter().position(|w| w == first).unwrap();
            prop_assert_eq!(&all[start..start + got.len()], got.as_slice());
            let expected: Vec<String> = (start..start + got.len())
                .filter(|i| locations.contains(i))
                .map(|i| all[i].clone())
                .collect();
            prop_assert_eq!(marked, expected);
            prop_assert_eq!(shown.starts_with('…'), start > 0);
        }
    }
}
