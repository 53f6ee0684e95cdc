//! The prerenderer (`--features ssr`; `make test` runs these with it): the
//! HTML it writes for hostile content, read back by a browser's parser
//! (html5ever, through scraper).
#![cfg(feature = "ssr")]

use russian_best::models::content::{
    Answer, Comment, ContentFile, Lenient, ListPage, Post, PostSummary, Site,
};
use russian_best::prerender::{
    build::prerender_site,
    render,
    shell::{page_document, PageData},
};
use scraper::{Html, Selector};
use std::{collections::HashMap, sync::Arc};

const PAYLOADS: &[&str] = &[
    "</script><script>window.__xss=1</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "</title><script>alert(1)</script>",
    "<!-- <script>alert(1)</script> -->",
    "&lt;script&gt;alert(1)&lt;/script&gt; & &amp;",
    "javascript:alert(1)",
    "<style>body{display:none}</style>",
    "]]><![CDATA[<script>alert(1)</script>",
    "\u{202E}gnp.exe \u{200B}",
];

fn hostile_site() -> HashMap<String, String> {
    let site = Site {
        title: PAYLOADS[0].into(),
        tagline: PAYLOADS[1].into(),
        description: PAYLOADS[2].into(),
        ..Site::default()
    };
    let joined = PAYLOADS.join("\n\n");
    let post = Post {
        slug: "hostile".into(),
        title: PAYLOADS[3].into(),
        category: "food".into(),
        date: "2020-01-01".into(),
        author: PAYLOADS[4].into(),
        question: PAYLOADS[5].into(),
        body: joined.clone(),
        excerpt: PAYLOADS[0].into(),
        answers: Lenient::with_skipped(
            PAYLOADS
                .iter()
                .enumerate()
                .map(|(i, p)| Answer {
                    id: i as u32 + 1,
                    author: p.to_string(),
                    body: joined.clone(),
                })
                .collect(),
            0,
        ),
        comments: Lenient::with_skipped(
            PAYLOADS
                .iter()
                .enumerate()
                .map(|(i, p)| Comment {
                    id: 100 + i as u64,
                    parent: None,
                    author: p.to_string(),
                    url: Some(PAYLOADS[(i + 6) % PAYLOADS.len()].to_string()),
                    date: "2020-01-02".into(),
                    body: joined.clone(),
                })
                .collect(),
            0,
        ),
        ..Post::default()
    };
    HashMap::from([
        (
            ContentFile::Site.path(),
            serde_json::to_string(&site).unwrap(),
        ),
        (
            ContentFile::Post {
                slug: "hostile".into(),
            }
            .path(),
            serde_json::to_string(&post).unwrap(),
        ),
    ])
}

fn render_page(
    url: &str,
    files: HashMap<String, String>,
) -> (String, russian_best::prerender::RenderedPage) {
    let _ = any_spawner::Executor::init_tokio();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let local = tokio::task::LocalSet::new();
    let read = Arc::new(move |file: &ContentFile| files.get(&file.path()).cloned());
    let page = local.block_on(&runtime, render(url, read));
    let template = "<!doctype html><html><head><title>x</title><script type=module>import '/app.js'</script></head><body></body></html>";
    let data = PageData {
        url: url.into(),
        files: page.files.clone(),
    };
    (
        page_document(template, &page.head, &page.body, &data).unwrap(),
        page,
    )
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

#[test]
fn hostile_content_stays_text_in_the_prerendered_html() {
    let (html, _) = render_page("/post/hostile", hostile_site());
    let doc = Html::parse_document(&html);
    // Only the template's loader, the JSON-LD and the data block are
    // scripts, and the last two are data.
    let scripts: Vec<String> = select(&doc, "script")
        .iter()
        .map(|s| s.value().attr("type").unwrap_or("").to_string())
        .collect();
    assert_eq!(
        scripts,
        vec!["module", "application/ld+json", "application/json"],
        "{html}"
    );
    let ld: String = select(&doc, "script[type='application/ld+json']")[0]
        .text()
        .collect();
    let ld: serde_json::Value = serde_json::from_str(&ld).unwrap();
    assert_eq!(ld["mainEntity"]["name"], PAYLOADS[3]);
    assert_eq!(ld["mainEntity"]["author"]["name"], PAYLOADS[4]);
    for css in [
        "iframe",
        "object",
        "embed",
        "svg",
        "style",
        "base",
        "body meta",
        "img[onerror]",
        "[onload]",
        "[onerror]",
    ] {
        assert!(select(&doc, css).is_empty(), "{css} in the HTML");
    }
    for link in select(&doc, "a[href]") {
        let href = link.value().attr("href").unwrap();
        assert!(
            href.starts_with('/') || href.starts_with('#') || href.starts_with("http"),
            "{href}"
        );
    }
    // The texts are the payloads, as written.
    let title: String = select(&doc, "title")[0].text().collect();
    assert_eq!(title, format!("{} — {}", PAYLOADS[3], PAYLOADS[0]));
    let h1: String = select(&doc, "h1")[0].text().collect();
    assert_eq!(h1, PAYLOADS[3]);
    let description = select(&doc, "meta[name=description]")[0]
        .value()
        .attr("content")
        .unwrap()
        .to_string();
    assert_eq!(description, PAYLOADS[0]);
    // What Pagefind indexes (tools/build-release.sh): the article and the
    // comment list; commenters' names outside a <footer> (Pagefind leaves
    // footers out); the date and category as the result's details.
    assert_eq!(select(&doc, "[data-pagefind-body]").len(), 2);
    assert_eq!(select(&doc, "article[data-pagefind-body] h1").len(), 1);
    assert!(!select(&doc, "ol.comment-list[data-pagefind-body] .comment-author").is_empty());
    assert!(select(&doc, "[data-pagefind-body] footer .comment-author").is_empty());
    assert_eq!(
        select(&doc, "time[data-pagefind-meta='date[datetime]']").len(),
        1
    );
    assert_eq!(
        select(
            &doc,
            "a[data-pagefind-filter='category[href]'][data-pagefind-meta=category]"
        )
        .len(),
        1
    );
    let authors: Vec<String> = select(&doc, ".answer-title")
        .iter()
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(
        authors,
        PAYLOADS
            .iter()
            .map(|p| format!("Answer by {p}"))
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_data_block_gives_back_exactly_the_files_read() {
    let files = hostile_site();
    let (html, page) = render_page("/post/hostile", files.clone());
    let doc = Html::parse_document(&html);
    let block: String = select(&doc, "script#prerendered")[0].text().collect();
    let data: serde_json::Value = serde_json::from_str(&block).unwrap();
    assert_eq!(data["url"], "/post/hostile");
    assert_eq!(
        data["files"]["/content/site.json"],
        files[&ContentFile::Site.path()]
    );
    assert_eq!(
        data["files"]["/content/posts/hostile.json"],
        files["posts/hostile.json"]
    );
    assert_eq!(page.files.len(), 2, "{:?}", page.files.keys());
}

#[test]
fn a_missing_post_renders_the_not_found_page() {
    let (html, _) = render_page("/post/nothing-here", hostile_site());
    let doc = Html::parse_document(&html);
    let h1: String = select(&doc, "h1")[0].text().collect();
    assert_eq!(h1, "Page not found");
}

/// A built site in a temporary folder: Trunk's template and `files`
/// (content paths → text) under `content/`.
fn built_site(files: &HashMap<String, String>) -> std::path::PathBuf {
    let dist = std::env::temp_dir().join(format!(
        "prerender-test-{}-{}",
        std::process::id(),
        files.len()
    ));
    let _ = std::fs::remove_dir_all(&dist);
    for (path, text) in files {
        let file = dist.join("content").join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    std::fs::write(
        dist.join("index.html"),
        "<!doctype html><html><head><title>x</title><meta content=\"d\" name=description></head><body><noscript>JS</noscript></body></html>",
    )
    .unwrap();
    dist
}

#[test]
fn a_build_writes_every_page_the_feeds_and_takes_site_url() {
    let _ = any_spawner::Executor::init_tokio();
    let mut files = hostile_site();
    let summary = PostSummary {
        slug: "hostile".into(),
        title: PAYLOADS[3].into(),
        category: "food".into(),
        date: "2020-01-01".into(),
        excerpt: PAYLOADS[0].into(),
        ..PostSummary::default()
    };
    let list = ListPage {
        page: 1,
        pages: 1,
        total: 1,
        posts: Lenient::with_skipped(vec![summary], 0),
        ..ListPage::default()
    };
    files.insert(
        ContentFile::Latest { page: 1 }.path(),
        serde_json::to_string(&list).unwrap(),
    );
    let dist = built_site(&files);
    let done = prerender_site(&dist, Some("https://reader.example/")).unwrap();
    // Home, articles, the post, search and "Page not found" (the site has
    // no categories or footer pages).
    assert_eq!(done.pages, 5);
    for file in [
        "index.html",
        "articles.html",
        "post/hostile.html",
        "search.html",
        "404.html",
        "app.html",
    ] {
        assert!(dist.join(file).exists(), "{file}");
    }
    let site: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dist.join("content/site.json")).unwrap())
            .unwrap();
    assert_eq!(site["url"], "https://reader.example");
    let post = std::fs::read_to_string(dist.join("post/hostile.html")).unwrap();
    assert!(
        post.contains(r#"href="https://reader.example/post/hostile""#),
        "the canonical link is under SITE_URL"
    );
    let sitemap = std::fs::read_to_string(dist.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains(
            "<loc>https://reader.example/post/hostile</loc><lastmod>2020-01-01</lastmod>"
        ),
        "{sitemap}"
    );
    assert!(!sitemap.contains("/search"), "{sitemap}");
    let search = std::fs::read_to_string(dist.join("search.html")).unwrap();
    assert!(search.contains("Search needs JavaScript"), "{search}");
    let feed = std::fs::read_to_string(dist.join("feed.xml")).unwrap();
    assert_eq!(feed.matches("<item>").count(), 1);
    assert!(!feed.contains("<script>"), "{feed}");
    assert!(std::fs::read_to_string(dist.join("robots.txt"))
        .unwrap()
        .contains("Sitemap: https://reader.example/sitemap.xml"));
    // A second run (index.html is now a page) starts again from app.html.
    assert_eq!(prerender_site(&dist, None).unwrap().pages, 5);
    assert!(std::fs::read_to_string(dist.join("index.html"))
        .unwrap()
        .contains("<!--HEAD-->"));
    assert_eq!(
        std::fs::read_to_string(dist.join("index.html"))
            .unwrap()
            .matches("<title>")
            .count(),
        1
    );
    let _ = std::fs::remove_dir_all(&dist);
}

#[test]
fn a_site_url_that_is_not_http_is_refused() {
    let dist = built_site(&hostile_site());
    let error = prerender_site(&dist, Some("javascript:alert(1)")).unwrap_err();
    assert!(
        error.contains("SITE_URL must be an http(s) address"),
        "{error}"
    );
    let _ = std::fs::remove_dir_all(&dist);
}
