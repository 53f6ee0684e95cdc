//! The importer against a real WordPress (Debian's, seeded by
//! tools/wordpress/seed.php). `make test` starts it and runs these with
//! `--ignored`, `WP_TEST_URL` and `WP_TEST_DIR` set; alone, they are skipped.
#![cfg(not(target_arch = "wasm32"))]

use russian_best::import::{run, wordpress::ImportError, Progress, Summary};
use russian_best::models::content::{
    CommentStatus, ListPage, Page, Post, PostKind, Redirects, Site,
};
use russian_best::models::text::{parse_body, plain_text, Block, Inline};
use std::path::{Path, PathBuf};
use std::process::Command;

struct Quiet;
impl Progress for Quiet {
    fn step(&mut self, _: &str, _: u64, _: u64) {}
}

fn site() -> String {
    std::env::var("WP_TEST_URL").expect("WP_TEST_URL: start tools/wordpress/wordpress.sh first")
}

/// Runs SQL against the test site's database.
fn sql(statement: &str) {
    let dir = std::env::var("WP_TEST_DIR").expect("WP_TEST_DIR");
    let status = Command::new("mysql")
        .arg(format!("--socket={dir}/run/mysqld.sock"))
        .args(["-u", "root", "wordpress", "-e", statement])
        .status()
        .expect("mysql");
    assert!(status.success(), "{statement}");
}

fn out_dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn import(out: &Path) -> Summary {
    run(&site(), out, &mut Quiet).expect("import")
}

fn read<T: serde::de::DeserializeOwned>(path: PathBuf) -> T {
    serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("parse")
}

/// Every file of an import, as one text.
fn everything(dir: &Path) -> String {
    let mut all = String::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            all.push_str(&everything(&path));
        } else {
            all.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
    all
}

#[test]
#[ignore = "needs a WordPress: make test starts one"]
fn all_published_content_comes_in_and_nothing_unpublished() {
    let out = out_dir("import-all");
    let summary = import(&out);
    // 104 notes, the question, the hostile post, the Cyrillic one, Hello
    // world, the closed one, the five the sync test changes and the three
    // with unusual slugs, the one with tables and code, the pictured one and
    // the four of the list test, and the one linking to others.
    assert_eq!(summary.posts, 124, "{summary:?}");
    // Sample Page, About the site, Old page, Our team and Anna, editor.
    assert_eq!(summary.pages, 5);
    assert!(summary
        .skipped
        .iter()
        .any(|s| s.contains("password-protected")));
    let all = everything(&out);
    for never in [
        "Secret draft",
        "Private thoughts",
        "Pending review",
        "Password protected",
        "protected</p>",
        "Draft page",
        "Held Harry",
        "Awaiting moderation, never imported",
        "Spammer",
        "Trashy",
        "Slow Sasha",
        "Waiting Wanda",
    ] {
        assert!(!all.contains(never), "{never} was imported");
    }
    let imported: Site = read(out.join("site.json"));
    assert_eq!(imported.title, "Volga Notes & Queries");
    assert_eq!(imported.tagline, "Questions “from” the river");
    assert_eq!(imported.post_count, 124);
    assert_eq!(imported.wordpress, Some(format!("{}/wp-json/", site())));
    // More than one REST page of posts: the category holds all 104.
    let kitchen = imported.category("kitchen").expect("kitchen");
    assert_eq!(kitchen.count, 104);
}

#[test]
#[ignore = "needs a WordPress: make test starts one"]
fn questions_threads_entities_and_encoded_slugs() {
    let out = out_dir("import-shapes");
    import(&out);
    let question: Post = read(out.join("posts/why-do-trains-run-late-near-kazan.json"));
    assert_eq!(question.kind, PostKind::Question);
    assert_eq!(question.author, "Lena");
    assert_eq!(question.question, "why do trains run late near Kazan?");
    assert_eq!(question.answers.len(), 2);
    assert_eq!(question.answers[0].author, "Oleg");
    assert!(
        question.answers[0].body.contains("*Oleg’s*"),
        "{}",
        question.answers[0].body
    );
    assert!(question.wp_id.is_some());
    let anya = question
        .comments
        .iter()
        .find(|c| c.author == "Anya")
        .expect("Anya");
    let boris = question
        .comments
        .iter()
        .find(|c| c.author == "Boris")
        .expect("Boris");
    assert_eq!(boris.parent, Some(anya.id));
    assert_eq!(anya.body, "Thanks, this helped & I agree.");

    // The percent-encoded slugs, decoded.
    let site: Site = read(out.join("site.json"));
    assert!(site.category("чтение").is_some());
    let cyrillic: Post = read(out.join("posts/что-почитать-о-волге.json"));
    assert_eq!(cyrillic.category, "чтение");
    assert_eq!(cyrillic.title, "Что почитать о Волге?");

    // The hostile post: no script, only http(s) links, text kept; its
    // frame is a link to what it would show.
    let hostile: Post = read(out.join("posts/placeholder.json"));
    assert_eq!(hostile.title, "Hostile & friends");
    assert!(!hostile.body.contains("alert") && !hostile.body.contains("display:none"));
    let mut links = Vec::new();
    for block in parse_body(&hostile.body) {
        for inline in block.into_runs().concat() {
            if let Inline::Link { href, .. } = inline {
                links.push(href);
            }
        }
    }
    assert_eq!(links, ["https://evil.example/", "https://example.org/ok"]);
    assert!(hostile.body.starts_with("## A heading"));
    let eve = &hostile.comments[0];
    assert_eq!((eve.author.as_str(), eve.body.as_str()), ("Eve", "bold?"));
}

#[test]
#[ignore = "needs a WordPress: make test starts one"]
fn every_slug_wordpress_allows_comes_in_under_it() {
    let out = out_dir("import-slugs");
    let summary = import(&out);
    assert!(summary.renamed.is_empty(), "{summary:?}");
    let site: Site = read(out.join("site.json"));
    let streets = site
        .category("улицы-№1")
        .expect("the category named with №");
    assert_eq!(streets.count, 3);
    assert!(out.join("index/category/улицы-№1/1.json").is_file());
    for (slug, title) in [
        ("samovar_care", "Samovar care, step by step"),
        ("tram-№7-after-midnight", "Tram №7 after midnight"),
        (
            "pelmeni-🥟-at-the-night-market",
            "Pelmeni 🥟 at the night market",
        ),
    ] {
        let post: Post = read(out.join(format!("posts/{slug}.json")));
        assert_eq!(
            (post.title.as_str(), post.category.as_str()),
            (title, "улицы-№1")
        );
    }
}

#[test]
#[ignore = "needs a WordPress: make test starts one"]
fn tables_code_links_in_bold_and_every_page_keep_their_shape() {
    let out = out_dir("import-html-shapes");
    import(&out);
    let post: Post = read(out.join("posts/dumplings-compared-with-a-recipe-script.json"));
    let blocks = parse_body(&post.body);
    let table = blocks.iter().find_map(|b| match b {
        Block::Table { head, rows } => Some((*head, rows.clone())),
        _ => None,
    });
    let (head, rows) = table.unwrap_or_else(|| panic!("no table in {}", post.body));
    assert_eq!(head, 1);
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| plain_text(cell)).collect())
        .collect();
    assert_eq!(
        cells,
        [
            ["Dish", "Filling", "Served with"],
            ["Pelmeni", "Meat", "Sour cream"],
            ["Vareniki", "Potato | cherry", "Butter"],
        ]
    );
    assert!(
        blocks.contains(&Block::Preformatted(
            "dough = flour + water\nfor each in dumplings:\n    fold(each)\n\n    boil(each, minutes=7)".into()
        )),
        "{}",
        post.body
    );
    let links: Vec<Inline> = blocks
        .into_iter()
        .flat_map(Block::into_runs)
        .flatten()
        .collect();
    assert!(links.contains(&Inline::Link {
        label: "the full recipe".into(),
        href: "https://recipes.example/pelmeni".into()
    }));
    // Both pages of a post split with <!--nextpage-->.
    assert!(post.body.contains("Page two: freezing them for winter."));
}

#[test]
#[ignore = "needs a WordPress: make test starts one"]
fn images_and_featured_images_come_in_with_their_origin() {
    let out = out_dir("import-images");
    import(&out);
    let post: Post = read(out.join("posts/a-samovar-photographed.json"));
    let uploads = format!("{}/wp-content/uploads/2021/08", site());
    assert_eq!(
        post.thumbnail,
        Some(format!("{uploads}/samovar-150x150.png"))
    );
    assert!(
        parse_body(&post.body).contains(&Block::Image {
            src: format!("{uploads}/samovar.png"),
            alt: "A brass samovar on a table".into(),
            width: Some(192),
            height: Some(192),
            // Linked to its media file, as WordPress's "Link to: Media File" writes it.
            link: Some(format!("{uploads}/samovar.png")),
        }),
        "{}",
        post.body
    );
    // A lazy-loading plugin's image inside a <picture>: its real source,
    // once (not again from its <noscript>); a video: a link to it.
    let blocks = parse_body(&post.body);
    let smaller: Vec<&str> = blocks
        .iter()
        .filter_map(|block| match block {
            Block::Image { src, alt, .. } if alt == "The samovar, smaller" => Some(src.as_str()),
            _ => None,
        })
        .map(|src| src.strip_prefix(&uploads).unwrap_or(src))
        .collect::<Vec<_>>();
    assert_eq!(smaller, ["/samovar-150x150.png"], "{}", post.body);
    assert!(post.body.contains(
        "[Embedded content: Tea from a samovar (video.example)](https://video.example/embed/samovar-tea)"
    ));
    let imported: Site = read(out.join("site.json"));
    assert_eq!(imported.image_origins, [site()]);
    assert!(imported.shows_image(&format!("{uploads}/samovar.png")));
    assert!(!imported.shows_image("https://tracker.example/pixel.gif"));
    // Among Popular Posts (its one comment), with its thumbnail.
    let popular = imported
        .popular_posts
        .iter()
        .find(|p| p.slug == "a-samovar-photographed");
    assert_eq!(popular.and_then(|p| p.thumbnail.clone()), post.thumbnail);
}

#[test]
#[ignore = "needs a WordPress: make test starts one"]
fn lists_as_wordpress_shows_them_several_categories_sticky_excerpt_no_title() {
    let out = out_dir("import-lists");
    import(&out);
    let imported: Site = read(out.join("site.json"));
    // In two categories: listed and counted in both; Ferries holds only it.
    let both: Post = read(out.join("posts/crossing-the-volga-by-ferry-in-spring.json"));
    assert!(
        both.in_category("rivers-lakes") && both.in_category("ferries"),
        "{both:?}"
    );
    assert_eq!(imported.category("ferries").map(|c| c.count), Some(1));
    let ferries: ListPage = read(out.join("index/category/ferries/1.json"));
    assert_eq!(ferries.posts[0].slug, both.slug);
    // Sticky: first on the home page's first page, before newer posts.
    let home: ListPage = read(out.join("index/latest/1.json"));
    assert_eq!(home.posts[0].slug, "house-rules-for-commenters");
    assert!(home.posts[0].sticky);
    // The author's own excerpt, not the start of the text.
    let excerpted: Post = read(out.join("posts/why-astrakhan-freezes-late.json"));
    assert_eq!(
        excerpted.excerpt,
        "Two sentences on the warm delta, written by hand."
    );
    let plain: Post = read(out.join("posts/crossing-the-volga-by-ferry-in-spring.json"));
    assert!(
        plain.excerpt.starts_with("The ice goes out in April"),
        "{}",
        plain.excerpt
    );
    // No title: WordPress's "(no title)", under the slug WordPress made from its id.
    let reading: ListPage = read(out.join("index/category/чтение/1.json"));
    let untitled = reading.posts.iter().find(|p| p.title == "(no title)");
    let untitled = untitled.expect("(no title)");
    let post: Post = read(out.join(format!("posts/{}.json", untitled.slug)));
    assert_eq!(post.body, "A note that never got a title.");

    // Made sticky without an edit (no new modification time): the next run sees it.
    let sticky: Post = read(out.join("posts/house-rules-for-commenters.json"));
    let stick = |id: u64| {
        format!("UPDATE wp_options SET option_value = 'a:1:{{i:0;i:{id};}}' WHERE option_name = 'sticky_posts'")
    };
    let _restore = Restore(vec![stick(sticky.wp_id.unwrap())]);
    sql(&stick(both.wp_id.unwrap()));
    import(&out);
    let home: ListPage = read(out.join("index/latest/1.json"));
    assert_eq!(home.posts[0].slug, both.slug);
    assert_eq!(home.posts.iter().filter(|p| p.sticky).count(), 1);
}

#[test]
#[ignore = "needs a WordPress: make test starts one"]
fn links_between_the_site_s_posts_point_at_the_app_and_old_addresses_are_kept() {
    let out = out_dir("import-links");
    import(&out);
    let post: Post = read(out.join("posts/further-reading-on-the-river.json"));
    let links: Vec<String> = parse_body(&post.body)
        .into_iter()
        .flat_map(Block::into_runs)
        .flatten()
        .filter_map(|inline| match inline {
            Inline::Link { href, .. } => Some(href),
            _ => None,
        })
        .collect();
    assert_eq!(
        links,
        [
            "/post/why-do-trains-run-late-near-kazan".to_string(),
            "/post/ferry-timetables-discussion-closed".into(),
            "/category/kitchen".into(),
            "/page/about-the-site#team".into(),
            format!("{}/tag/ice/", site()),
            "https://volga.example/".into(),
            // Relative links, read against the site.
            "/post/samovar_care".into(),
            "/post/ferry-timetables-discussion-closed".into(),
            format!("{}/wp-content/uploads/timetable.pdf", site()),
        ]
    );
    let redirects: Redirects = read(out.join("redirects.json"));
    let to = |from: &str| {
        let found = redirects.redirects.iter().find(|r| r.from == from);
        found.map(|r| r.to.clone())
    };
    let question: Post = read(out.join("posts/why-do-trains-run-late-near-kazan.json"));
    let app = Some("/post/why-do-trains-run-late-near-kazan".to_string());
    assert_eq!(to("/why-do-trains-run-late-near-kazan/"), app);
    assert_eq!(to(&format!("/?p={}", question.wp_id.unwrap())), app);
    assert_eq!(to("/about-the-site/"), Some("/page/about-the-site".into()));
    // The category's archive is the app's address already (but its ?cat= is not).
    assert!(!redirects
        .redirects
        .iter()
        .any(|r| r.from == "/category/kitchen/"));
    assert!(redirects
        .redirects
        .iter()
        .any(|r| r.from.starts_with("/?cat=")));
    // A list's later pages, as far as the app's list goes (10 a page).
    let site_json: Site = read(out.join("site.json"));
    let kitchen = site_json.category("kitchen").unwrap().count;
    let last = kitchen.div_ceil(10);
    assert!(last >= 2, "the seed's kitchen category has {kitchen} posts");
    for n in 2..=last {
        let from = format!("/category/kitchen/page/{n}/");
        assert_eq!(to(&from), Some(format!("/category/kitchen?page={n}")));
    }
    assert_eq!(to(&format!("/category/kitchen/page/{}/", last + 1)), None);
    let home_pages = site_json.post_count.div_ceil(10);
    assert_eq!(
        to(&format!("/page/{home_pages}/")),
        Some(format!("/?page={home_pages}"))
    );
    assert_eq!(to(&format!("/page/{}/", home_pages + 1)), None);
}

#[test]
#[ignore = "needs a WordPress: make test starts one"]
fn an_address_that_redirects_is_followed_and_where_the_api_lives_is_recorded() {
    let out = out_dir("import-redirected");
    let old = redirecting_server(&site());
    let summary = run(&old, &out, &mut Quiet).expect("through a redirect");
    assert_eq!(
        summary.posts,
        import(&out_dir("import-redirect-direct")).posts
    );
    let imported: Site = read(out.join("site.json"));
    // Comments go where the API answers, not to the address that redirects.
    assert_eq!(imported.wordpress, Some(format!("{}/wp-json/", site())));
    assert!(
        summary
            .warnings
            .iter()
            .any(|w| w.contains(&old) && w.contains(&site())),
        "{summary:?}"
    );
}

/// A slug renamed on WordPress between two runs: posts kept from the first
/// run (unchanged, not fetched again) link to the new address, and the
/// app's old address keeps working.
#[test]
#[ignore = "needs a WordPress: make test starts one"]
fn a_slug_renamed_between_runs_moves_links_and_keeps_old_addresses() {
    let out = out_dir("import-renames");
    import(&out);
    let _restore = Restore(vec![
        "UPDATE wp_posts SET post_name = 'ferry-timetables-discussion-closed' WHERE post_name = 'winter-ferries'".into(),
        "UPDATE wp_terms SET slug = 'kitchen' WHERE slug = 'kitchen-notes'".into(),
    ]);
    // As the editor does: a renamed post has a new modification time; a
    // renamed category changes no post.
    sql("UPDATE wp_posts SET post_name = 'winter-ferries', post_modified_gmt = UTC_TIMESTAMP(), post_modified = UTC_TIMESTAMP() WHERE post_name = 'ferry-timetables-discussion-closed'");
    sql("UPDATE wp_terms SET slug = 'kitchen-notes' WHERE slug = 'kitchen'");
    let second = import(&out);
    assert!(
        out.join("posts/winter-ferries.json").is_file(),
        "{second:?}"
    );
    let linking: Post = read(out.join("posts/further-reading-on-the-river.json"));
    assert!(
        linking.body.contains("](/post/winter-ferries)"),
        "{}",
        linking.body
    );
    assert!(
        linking.body.contains("](/category/kitchen-notes)"),
        "{}",
        linking.body
    );
    assert!(!linking
        .body
        .contains("/post/ferry-timetables-discussion-closed"));
    let redirects: Redirects = read(out.join("redirects.json"));
    let to = |from: &str| {
        let found = redirects.redirects.iter().find(|r| r.from == from);
        found.map(|r| r.to.clone())
    };
    let ferries = Some("/post/winter-ferries".to_string());
    assert_eq!(to("/post/ferry-timetables-discussion-closed"), ferries);
    assert_eq!(to("/ferry-timetables-discussion-closed/"), ferries);
    assert_eq!(to("/winter-ferries/"), ferries);
    assert_eq!(
        to("/category/kitchen"),
        Some("/category/kitchen-notes".into())
    );
}

#[test]
#[ignore = "needs a WordPress: make test starts one"]
fn pages_keep_their_parents_and_the_footer_lists_the_top_ones() {
    let out = out_dir("import-pages");
    import(&out);
    let site: Site = read(out.join("site.json"));
    let chain: Vec<&str> = site
        .page_ancestors("anna-editor")
        .iter()
        .map(|p| p.slug.as_str())
        .collect();
    assert_eq!(chain, ["about-the-site", "our-team"]);
    let top: Vec<&str> = site.top_level_pages().map(|p| p.slug.as_str()).collect();
    assert!(
        top.contains(&"about-the-site") && !top.contains(&"our-team"),
        "{top:?}"
    );
    // Every page has its file, children too.
    for page in &site.footer_pages {
        assert!(
            out.join(format!("pages/{}.json", page.slug)).is_file(),
            "{}",
            page.slug
        );
    }
    // A page's approved comments come with it, threaded; a held one does not.
    let team: Page = read(out.join("pages/our-team.json"));
    let authors: Vec<&str> = team.comments.iter().map(|c| c.author.as_str()).collect();
    assert_eq!(authors, ["Visiting Vera", "Anna"]);
    assert_eq!(team.comments[1].parent, Some(team.comments[0].id));
    // A second run keeps them without fetching them again.
    let again = import(&out);
    assert_eq!(again.comments_added, 0, "{again:?}");
    let kept: Page = read(out.join("pages/our-team.json"));
    assert_eq!(kept.comments, team.comments);
}

#[test]
#[ignore = "needs a WordPress: make test starts one"]
fn paging_is_followed_where_a_proxy_strips_wordpress_counts() {
    let direct = import(&out_dir("import-paging-direct"));
    for (strip, name) in [
        (Middlebox::StripCounts, "counts stripped, Link kept"),
        (Middlebox::StripPaging, "counts and Link stripped"),
    ] {
        let out = out_dir("import-paging");
        let summary = run(&middlebox(strip), &out, &mut Quiet).expect(name);
        assert_eq!(summary.posts, direct.posts, "{name}: {summary:?}");
        assert_eq!(summary.comments, direct.comments, "{name}");
        let site: Site = read(out.join("site.json"));
        assert_eq!(
            site.category("kitchen").map(|c| c.count),
            Some(104),
            "{name}"
        );
    }
}

#[test]
#[ignore = "needs a WordPress: make test starts one"]
fn a_byte_order_mark_is_ignored_and_php_notices_are_named() {
    let direct = import(&out_dir("import-bom-direct"));
    let out = out_dir("import-bom");
    let summary = run(&middlebox(Middlebox::ByteOrderMark), &out, &mut Quiet).expect("with a BOM");
    assert_eq!(summary.posts, direct.posts);

    let out = out_dir("import-notice");
    match run(&middlebox(Middlebox::PhpNotice), &out, &mut Quiet) {
        Err(error @ ImportError::TextBeforeJson { .. }) => {
            let message = error.to_string();
            assert!(
                message.contains("Deprecated: Creation of dynamic property"),
                "{message}"
            );
            assert!(message.contains("PHP notice"), "{message}");
        }
        other => panic!("expected the notice named, got {other:?}"),
    }
    assert!(!out.exists(), "a failed import writes nothing");
}

#[test]
#[ignore = "needs a WordPress: make test starts one"]
fn a_second_run_is_incremental_and_a_failed_run_changes_nothing() {
    let out = out_dir("import-again");
    import(&out);
    let before = everything(&out);
    let again = import(&out);
    assert!(!again.changed, "{again:?}");
    assert!(
        again.fetched <= 1,
        "only the protected post is asked for again: {again:?}"
    );
    assert_eq!(everything(&out), before);

    // One post edited and one comment approved since: just those come in.
    sql("UPDATE wp_posts SET post_title = 'Kitchen note 7, revised', post_modified_gmt = UTC_TIMESTAMP(), post_modified = UTC_TIMESTAMP() WHERE post_title = 'Kitchen note 7'");
    sql("INSERT INTO wp_comments (comment_post_ID, comment_author, comment_author_email, comment_date, comment_date_gmt, comment_content, comment_approved) SELECT ID, 'Late Lara', 'lara@example.org', UTC_TIMESTAMP(), UTC_TIMESTAMP(), 'Approved after the import.', '1' FROM wp_posts WHERE post_name = 'why-do-trains-run-late-near-kazan'");
    let third = import(&out);
    assert!(third.changed);
    assert!(third.fetched <= 2, "{third:?}");
    let note: Post = read(out.join("posts/kitchen-note-7.json"));
    assert_eq!(note.title, "Kitchen note 7, revised");
    let question: Post = read(out.join("posts/why-do-trains-run-late-near-kazan.json"));
    assert!(question.comments.iter().any(|c| c.author == "Late Lara"));
    assert!(
        question.comments.iter().any(|c| c.author == "Anya"),
        "older comments stay"
    );

    // Failures leave the output as it was.
    let kept = everything(&out);
    let dead = format!("http://127.0.0.1:{}", free_port());
    let error = run(&dead, &out, &mut Quiet).unwrap_err().to_string();
    assert!(error.contains("could not connect"), "{error}");
    let error = run(&web_page_server(), &out, &mut Quiet)
        .unwrap_err()
        .to_string();
    assert!(error.contains("not a WordPress site"), "{error}");
    sql("INSERT INTO wp_options (option_name, option_value) VALUES ('rbtest_refuse_rest', '1')");
    let refused = run(&site(), &out, &mut Quiet);
    sql("DELETE FROM wp_options WHERE option_name = 'rbtest_refuse_rest'");
    let error = refused.unwrap_err().to_string();
    assert!(
        error.contains("(401)") && error.contains("without logging in"),
        "{error}"
    );
    assert_eq!(everything(&out), kept);
}

/// Puts the test site back as the seed left it when dropped, so a failing
/// test does not change what later tests (and the e2e import) see.
struct Restore(Vec<String>);

impl Drop for Restore {
    fn drop(&mut self) {
        for statement in &self.0 {
            sql(statement);
        }
    }
}

#[test]
#[ignore = "needs a WordPress: make test starts one"]
fn a_post_the_site_fails_to_send_is_skipped_kept_and_asked_for_again() {
    let out = out_dir("import-failing-post");
    let slug = "why-astrakhan-freezes-late";
    let file = out.join(format!("posts/{slug}.json"));
    let unset = "DELETE FROM wp_options WHERE option_name = 'rbtest_fail_post'";
    let _restore = Restore(vec![unset.into()]);
    // One post's rendering fails with a PHP error: the rest come in.
    sql(&format!(
        "INSERT INTO wp_options (option_name, option_value) VALUES ('rbtest_fail_post', '{slug}')"
    ));
    let first = import(&out);
    let failed: Vec<&String> = first
        .skipped
        .iter()
        .filter(|s| s.contains("the site failed to send it"))
        .collect();
    assert_eq!(failed.len(), 1, "{first:?}");
    assert!(!file.exists());
    assert!(out
        .join("posts/crossing-the-volga-by-ferry-in-spring.json")
        .exists());
    // Mended, the next run asks for it again.
    sql(unset);
    let second = import(&out);
    assert!(file.exists(), "{second:?}");
    // Failing again after an edit, the copy imported before stays.
    sql(&format!(
        "INSERT INTO wp_options (option_name, option_value) VALUES ('rbtest_fail_post', '{slug}')"
    ));
    sql(&format!(
        "UPDATE wp_posts SET post_modified_gmt = UTC_TIMESTAMP() WHERE post_name = '{slug}'"
    ));
    let third = import(&out);
    let failed = third
        .skipped
        .iter()
        .filter(|s| s.contains("the site failed to send it"));
    assert_eq!(failed.count(), 1, "{third:?}");
    assert!(file.exists(), "{third:?}");
}

fn comment_authors(post: &Post) -> Vec<String> {
    post.comments.iter().map(|c| c.author.clone()).collect()
}

#[test]
#[ignore = "needs a WordPress: make test starts one"]
fn sync_follows_moderation_removals_and_closing() {
    let out = out_dir("import-sync");
    let first = import(&out);
    let sync_file = || out.join("posts/comments-that-change-after-the-import.json");
    let before: Post = read(sync_file());
    assert_eq!(
        comment_authors(&before),
        ["Keeper", "To Spam", "To Unapprove", "To Trash", "To Delete"]
    );
    let closed: Post = read(out.join("posts/ferry-timetables-discussion-closed.json"));
    assert_eq!(closed.comment_status, CommentStatus::Closed);
    assert_eq!(closed.comments.len(), 1, "its earlier comment stays");
    assert_eq!(before.comment_status, CommentStatus::Open);
    assert_eq!(first.closed, 1, "{first:?}");

    // On WordPress, after the import, in a time zone west of UTC: a held
    // comment with an old date approved, one written now (local date 5 h
    // behind its GMT date), four moderated away, posts and a page removed,
    // a category deleted, comments closed on a post without touching its
    // modification time.
    let _restore = Restore(vec![
        "UPDATE wp_options SET option_value = 'UTC' WHERE option_name = 'timezone_string'".into(),
    ]);
    sql("UPDATE wp_options SET option_value = 'America/New_York' WHERE option_name = 'timezone_string'");
    sql("UPDATE wp_comments SET comment_approved = '1' WHERE comment_author = 'Waiting Wanda'");
    sql("INSERT INTO wp_comments (comment_post_ID, comment_author, comment_author_email, comment_date, comment_date_gmt, comment_content, comment_approved) SELECT ID, 'West Will', 'will@example.org', DATE_SUB(UTC_TIMESTAMP(), INTERVAL 5 HOUR), UTC_TIMESTAMP(), 'Written in New York just now.', '1' FROM wp_posts WHERE post_name = 'comments-that-change-after-the-import'");
    sql("UPDATE wp_comments SET comment_approved = 'spam' WHERE comment_author = 'To Spam'");
    sql("UPDATE wp_comments SET comment_approved = '0' WHERE comment_author = 'To Unapprove'");
    sql("UPDATE wp_comments SET comment_approved = 'trash' WHERE comment_author = 'To Trash'");
    sql("DELETE FROM wp_comments WHERE comment_author = 'To Delete'");
    sql("UPDATE wp_posts SET post_status = 'draft' WHERE post_name = 'a-post-to-unpublish'");
    sql("UPDATE wp_posts SET post_status = 'private' WHERE post_name = 'a-post-to-make-private'");
    // As the editor does: a new password is a new modification time.
    sql("UPDATE wp_posts SET post_password = 'secret', post_modified_gmt = UTC_TIMESTAMP(), post_modified = UTC_TIMESTAMP() WHERE post_name = 'a-post-to-protect'");
    sql("UPDATE wp_posts SET post_status = 'trash' WHERE post_name = 'old-page'");
    // As wp_delete_term does: its posts go to the default category.
    sql("UPDATE wp_term_relationships r JOIN wp_term_taxonomy t ON t.term_taxonomy_id = r.term_taxonomy_id JOIN wp_terms n ON n.term_id = t.term_id SET r.term_taxonomy_id = 1 WHERE n.slug = 'passing'");
    sql("DELETE t, n FROM wp_term_taxonomy t JOIN wp_terms n ON n.term_id = t.term_id WHERE n.slug = 'passing'");
    sql("UPDATE wp_posts SET comment_status = 'closed' WHERE post_name = 'comments-that-change-after-the-import'");

    let second = import(&out);
    let after: Post = read(sync_file());
    assert_eq!(
        comment_authors(&after),
        ["Keeper", "Waiting Wanda", "West Will"],
        "{second:?}"
    );
    assert_eq!(
        (second.comments_added, second.comments_removed),
        (2, 4),
        "{second:?}"
    );
    assert_eq!(after.comment_status, CommentStatus::Closed);
    // The summary names the posts taken out, and their comments with them.
    let removed = |slug: &str| {
        second
            .removed
            .iter()
            .filter(|r| r.starts_with(slug))
            .count()
    };
    assert_eq!(removed("a-post-to-unpublish"), 1, "{second:?}");
    assert_eq!(removed("a-post-to-make-private"), 1, "{second:?}");
    // Protected since, it is fetched again, and taken out: removed too.
    assert_eq!(removed("a-post-to-protect"), 1, "{second:?}");
    assert_eq!(second.removed.len(), 3, "{second:?}");
    for gone in [
        "posts/a-post-to-unpublish.json",
        "posts/a-post-to-make-private.json",
        "posts/a-post-to-protect.json",
        "pages/old-page.json",
    ] {
        assert!(!out.join(gone).exists(), "{gone} is still there");
    }
    let moved: Post = read(out.join("posts/a-post-in-a-passing-category.json"));
    assert_eq!(moved.category, "uncategorized");
    let site: Site = read(out.join("site.json"));
    assert!(site.category("passing").is_none());
    assert!(site.footer_pages.iter().all(|p| p.slug != "old-page"));
    let all = everything(&out);
    for never in [
        "To Spam",
        "To Unapprove",
        "To Trash",
        "To Delete",
        "Password-protected later",
    ] {
        assert!(!all.contains(never), "{never} is still in the import");
    }

    // Comments closed site-wide on posts older than a number of days:
    // WordPress's post data still says "open"; the import finds them.
    let _restore_age = Restore(vec![
        "DELETE FROM wp_options WHERE option_name IN ('close_comments_for_old_posts', 'close_comments_days_old')".into(),
    ]);
    sql("DELETE FROM wp_options WHERE option_name IN ('close_comments_for_old_posts', 'close_comments_days_old')");
    sql("INSERT INTO wp_options (option_name, option_value) VALUES ('close_comments_for_old_posts', '1'), ('close_comments_days_old', DATEDIFF(UTC_DATE(), '2021-03-01'))");
    let third = import(&out);
    let question: Post = read(out.join("posts/why-do-trains-run-late-near-kazan.json"));
    let note: Post = read(out.join("posts/kitchen-note-1.json"));
    let hostile: Post = read(out.join("posts/placeholder.json"));
    assert_eq!(question.comment_status, CommentStatus::Closed, "{third:?}");
    assert_eq!(note.comment_status, CommentStatus::Closed);
    assert_eq!(hostile.comment_status, CommentStatus::Open);
    // The 104 notes and the question by age, two by their own setting.
    assert_eq!(third.closed, 107, "{third:?}");
}

/// The WordPress Theme Unit Test data (tests/data/, the export theme authors
/// test against), loaded by tools/wordpress/load-wxr.php into a second test
/// WordPress: every kind of edge post imports, and reads as WordPress has it.
#[test]
#[ignore = "needs a WordPress: make test starts one"]
fn the_theme_unit_test_data_imports_whole() {
    let site = std::env::var("WP_WXR_URL").expect("WP_WXR_URL: make test starts it");
    let out = out_dir("import-theme-unit-test");
    let summary = run(&site, &out, &mut Quiet).expect("the Theme Unit Test data imports");
    // 49 published posts; the password-protected one is left out, and said so.
    assert_eq!(summary.posts, 48, "{summary:?}");
    assert_eq!(summary.skipped.len(), 1, "{summary:?}");
    assert!(
        summary.skipped[0].ends_with(": password-protected"),
        "{summary:?}"
    );
    assert!(summary.renamed.is_empty(), "{summary:?}");
    let post = |slug: &str| -> Post { read(out.join(format!("posts/{slug}.json"))) };
    assert_eq!(post("edge-case-no-title").title, "(no title)");
    assert_eq!(
        post("markup-title-with-markup").title,
        "Markup: Title With Markup"
    );
    let many = post("edge-case-many-categories");
    assert!(many.categories.len() > 50, "{}", many.categories.len());
    let home: ListPage = read(out.join("index/latest/1.json"));
    assert_eq!(home.posts[0].slug, "template-sticky");
    assert!(post("template-excerpt-defined")
        .excerpt
        .starts_with("This is a user-defined post excerpt."));
    let paginated = post("template-paginated").body;
    for page in ["Post Page 1", "Post Page 2", "Post Page 3"] {
        assert!(paginated.contains(page), "{paginated}");
    }
    // Threads deeper than the app shows (it nests five levels, as WordPress does).
    let comments = post("template-comments").comments;
    let parent = |id: u64| comments.iter().find(|c| c.id == id).and_then(|c| c.parent);
    let depth = |mut id: u64| {
        std::iter::from_fn(|| {
            id = parent(id)?;
            Some(id)
        })
        .count()
    };
    assert!(comments.iter().map(|c| depth(c.id)).max() >= Some(9));
    // Greek page slugs, three levels of pages.
    let imported: Site = read(out.join("site.json"));
    let chain: Vec<&str> = imported
        .page_ancestors("επίπεδο-3")
        .iter()
        .map(|p| p.slug.as_str())
        .collect();
    assert_eq!(chain, ["greek", "επίπεδο-2"]);
    assert!(out.join("pages/επίπεδο-3.json").is_file());
    // "Page with comments": its three approved comments, not the held reply.
    let commented: Page = read(out.join("pages/page-with-comments.json"));
    assert_eq!(commented.comments.len(), 3, "{:?}", commented.comments);
    // Every category holds a post (one that holds only posts in several is kept).
    assert_eq!(summary.categories, imported.categories.len());
    assert!(imported.categories.iter().all(|c| c.count > 0));
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A server that answers every request with a web page: a site that is not
/// WordPress.
fn web_page_server() -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut request = [0; 4096];
            let _ = stream.read(&mut request);
            let body = "<!doctype html><title>A shop</title><p>Not WordPress.</p>";
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    url
}

/// What a [`middlebox`] does to the test WordPress's answers.
#[derive(Clone, Copy)]
enum Middlebox {
    /// Drops `X-WP-Total` and `X-WP-TotalPages`, as some CDNs do.
    StripCounts,
    /// Drops those and `Link` too.
    StripPaging,
    /// Puts a byte-order mark before every body (a plugin file saved with one).
    ByteOrderMark,
    /// Puts a PHP notice before every body (`display_errors` on).
    PhpNotice,
}

/// A proxy in front of the test WordPress that changes its answers as
/// `kind` says; returns its address.
fn middlebox(kind: Middlebox) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let upstream = site();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let upstream = upstream.clone();
            std::thread::spawn(move || forward(stream, &upstream, kind));
        }
    });
    url
}

/// Forwards one request to `upstream` and its answer back, changed.
fn forward(stream: std::net::TcpStream, upstream: &str, kind: Middlebox) {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    let mut words = line.split_whitespace();
    let (method, target) = (
        words.next().unwrap().to_string(),
        words.next().unwrap().to_string(),
    );
    let (mut length, mut content_type) = (0, None);
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).unwrap();
        let Some((name, value)) = header.trim_end().split_once(':') else {
            break;
        };
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().unwrap(),
            "content-type" => content_type = Some(value.trim().to_string()),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    let agent = ureq::AgentBuilder::new().redirects(0).build();
    let mut request = agent.request(&method, &format!("{upstream}{target}"));
    if let Some(content_type) = content_type {
        request = request.set("Content-Type", &content_type);
    }
    let response = match request.send_bytes(&body) {
        Ok(response) | Err(ureq::Error::Status(_, response)) => response,
        Err(error) => panic!("{error}"),
    };
    let status = response.status();
    let dropped: &[&str] = match kind {
        Middlebox::StripCounts => &["x-wp-total", "x-wp-totalpages"],
        Middlebox::StripPaging => &["x-wp-total", "x-wp-totalpages", "link"],
        _ => &[],
    };
    let mut head = format!("HTTP/1.1 {status} {}\r\n", response.status_text());
    for name in response.headers_names() {
        let lower = name.to_ascii_lowercase();
        if dropped.contains(&lower.as_str())
            || ["content-length", "transfer-encoding", "connection"].contains(&lower.as_str())
        {
            continue;
        }
        for value in response.all(&name) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    let mut answer = match kind {
        Middlebox::ByteOrderMark => "\u{feff}".as_bytes().to_vec(),
        Middlebox::PhpNotice => b"<br />\n<b>Deprecated</b>:  Creation of dynamic property Shop::$cart is deprecated in <b>/var/www/wp-content/plugins/shop/shop.php</b> on line <b>12</b><br />\n".to_vec(),
        _ => Vec::new(),
    };
    response.into_reader().read_to_end(&mut answer).unwrap();
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        answer.len()
    ));
    let mut stream = stream;
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&answer);
}

/// A server that answers every request with a 301 to the same path at
/// `target`, as a site moved to https or to www does; returns its address.
fn redirecting_server(target: &str) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let target = target.to_string();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut line = String::new();
            let _ = BufReader::new(&stream).read_line(&mut line);
            let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
            let _ = write!(
                stream,
                "HTTP/1.1 301 Moved Permanently\r\nLocation: {target}{path}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    url
}
