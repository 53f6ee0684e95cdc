//! WordPress's addresses of what was imported, and the app's for each: a
//! link between the site's own posts is rewritten to the app's address, and
//! every old address (a post's permalink, `/?p=<id>`, a category's or a
//! page's) is kept as a redirect, so links from elsewhere keep working
//! (`redirects.json`; `make build` writes it for hosts, `make run` answers
//! it with 301s).

use crate::models::{
    content::{Redirect, Redirects},
    text::{fence, http_origin},
};
use std::collections::BTreeMap;

/// The app's address for each WordPress address of the site at `home`.
pub struct Addresses {
    host: String,
    /// Keyed by [`key`]; values are app addresses.
    by_key: BTreeMap<String, String>,
    /// The app addresses of the last run that moved (a slug renamed on
    /// WordPress), keyed by [`key`]: links to them in bodies kept from the
    /// last run are rewritten too.
    moved: BTreeMap<String, String>,
    redirects: Vec<Redirect>,
}

impl Addresses {
    /// For the site whose address (WordPress's `home`) is `home`.
    pub fn new(home: &str) -> Addresses {
        let host = http_origin(home)
            .and_then(|o| o.split_once("://").map(|(_, host)| host.to_string()))
            .unwrap_or_default();
        Addresses {
            host,
            by_key: BTreeMap::new(),
            moved: BTreeMap::new(),
            redirects: Vec::new(),
        }
    }

    /// Records that WordPress's `link` (a permalink) and `/?<id_query>=<id>`
    /// are the app's `to` now.
    /// An address recorded before keeps its target (pages are recorded
    /// first: where a page and a post share a slug, WordPress serves the
    /// page there), so every host reads one target for it.
    pub fn add(&mut self, link: &str, id_query: &str, id: u64, to: String) {
        let by_id = format!("/?{id_query}={id}");
        for from in [self.path_of(link), Some(by_id)].into_iter().flatten() {
            self.record(from, to.clone());
        }
    }

    /// Records the later pages of a list at WordPress's `link` (the home
    /// page, a category archive): its `…/page/<n>/` for `n` in
    /// `2..=pages` is the app's `to(n)`. The app lists 10 posts a page, as
    /// WordPress does by default ("Blog pages show at most"); a site that
    /// shows another number has its page `n` at the app's page `n` all the
    /// same, and past the app's last page no old address is kept.
    pub fn add_paged(&mut self, link: &str, pages: u32, to: impl Fn(u32) -> String) {
        let Some(base) = self.path_of(link) else {
            return;
        };
        // Plain permalinks page with `?paged=<n>`, which no host's map reads.
        if base.contains('?') {
            return;
        }
        let base = base.trim_end_matches('/');
        for n in 2..=pages {
            self.record(format!("{base}/page/{n}/"), to(n));
        }
    }

    /// `from` (a path and query on the site) leads to the app's `to`,
    /// unless an address recorded before already took it.
    fn record(&mut self, from: String, to: String) {
        let Some(key) = key(&from).filter(|k| !is_root(k)) else {
            return;
        };
        if self.by_key.contains_key(&key) {
            return;
        }
        // `/category/a/` is `/category/a` already: no redirect to itself.
        if key != key_of_app(&to) {
            self.redirects.push(Redirect {
                from,
                to: to.clone(),
            });
        }
        self.by_key.insert(key, to);
    }

    /// WordPress's feed addresses, to the app's feed.
    pub fn add_feed(&mut self, feed: &str) {
        for from in ["/feed/", "/comments/feed/"] {
            self.record(from.to_string(), feed.to_string());
        }
    }

    /// Keeps the last run's redirects (`previous`, from the same site),
    /// called once everything of this run is recorded. An item whose app
    /// address changed since (its slug renamed on WordPress: the same
    /// `/?p=<id>`, `/?page_id=<id>` or `/?cat=<id>` now leads elsewhere)
    /// gets its old app address redirected, and links to it rewritten; the
    /// other old addresses lead where their item is now, in one hop, and
    /// go with it when it is gone.
    pub fn keep_previous(&mut self, previous: &Redirects) {
        self.follow_renames(previous);
        self.keep_old_addresses(previous);
    }

    /// The last run's app addresses whose item is at another now.
    fn follow_renames(&mut self, previous: &Redirects) {
        for old in previous.redirects.iter() {
            let Some(now) = key(&old.from).and_then(|k| self.by_key.get(&k)).cloned() else {
                continue;
            };
            let by_id = old.from.starts_with("/?");
            let was = key_of_app(&old.to);
            if by_id && was != key_of_app(&now) && !self.by_key.contains_key(&was) {
                self.moved.insert(was.clone(), now.clone());
                self.by_key.insert(was, now.clone());
                self.redirects.push(Redirect {
                    from: old.to.clone(),
                    to: now,
                });
            }
        }
    }

    /// The last run's other old addresses, to where their item is now.
    fn keep_old_addresses(&mut self, previous: &Redirects) {
        let targets: std::collections::BTreeSet<String> = self.by_key.values().cloned().collect();
        for old in previous.redirects.iter() {
            let Some(from) = key(&old.from).filter(|k| !self.by_key.contains_key(k) && !is_root(k))
            else {
                continue;
            };
            let to = match self.moved.get(&key_of_app(&old.to)) {
                Some(moved) => moved.clone(),
                None if targets.contains(&old.to) => old.to.clone(),
                None => continue, // its item is gone
            };
            // A slug renamed back: its address is the app's own again.
            if key_of_app(&to) == from {
                continue;
            }
            self.by_key.insert(from, to.clone());
            self.redirects.push(Redirect {
                from: old.from.clone(),
                to,
            });
        }
    }

    /// The old addresses, in the order recorded, less any that is the
    /// app's own address now: a route of the app's (a WordPress page with
    /// the slug `articles` or `search` has its permalink there), or an
    /// item's (a slug freed by a rename and taken by another post, as
    /// WordPress gives an old slug up to a post that holds it). Hosts read
    /// redirects before files, so such a redirect would hide that page;
    /// links in bodies are still rewritten by them.
    pub fn redirects(&self) -> Redirects {
        let live: std::collections::BTreeSet<String> = self
            .by_key
            .values()
            .map(|to| key_of_app(to))
            .chain(APP_ROUTES.iter().map(|route| route.to_string()))
            .collect();
        let kept = self
            .redirects
            .iter()
            .filter(|r| key(&r.from).is_none_or(|k| !live.contains(&k)));
        Redirects {
            redirects: kept.cloned().collect::<Vec<_>>().into(),
        }
    }

    /// Body markup with each link to one of the site's own addresses
    /// pointing at the app's instead (its `#fragment` kept). Preformatted
    /// text (between fences) is shown as written, links and all: it stays.
    pub fn rewrite_links(&self, markup: &str) -> String {
        let mut out = String::with_capacity(markup.len());
        let mut open_fence = None;
        for line in markup.split_inclusive('\n') {
            // A fence line, and every line between two, is written as is.
            let verbatim = match open_fence {
                Some(open) => {
                    if line.trim_end() == open {
                        open_fence = None;
                    }
                    true
                }
                None => {
                    open_fence = fence(line);
                    open_fence.is_some()
                }
            };
            match verbatim {
                true => out.push_str(line),
                false => out.push_str(&self.rewrite_line(line)),
            }
        }
        out
    }

    fn rewrite_line(&self, markup: &str) -> String {
        let mut out = String::with_capacity(markup.len());
        let mut rest = markup;
        while let Some(at) = link_target(rest) {
            let (before, target) = rest.split_at(at);
            out.push_str(before);
            let end = target.find(')').unwrap_or(target.len());
            let href = &target[..end];
            match self.app_address(href) {
                Some(app) => out.push_str(&app),
                None => out.push_str(href),
            }
            rest = &target[end..];
        }
        out.push_str(rest);
        out
    }

    /// The app's address for `href` when it is one of the site's own, or
    /// an app address of the last run that moved.
    fn app_address(&self, href: &str) -> Option<String> {
        let (address, fragment) = href
            .split_once('#')
            .map_or((href, None), |(a, f)| (a, Some(f)));
        let to = match address.starts_with('/') && !address.starts_with("//") {
            true => self.moved.get(&key(address)?)?,
            false => self.by_key.get(&key(&self.path_of(address)?)?)?,
        };
        Some(match fragment {
            Some(fragment) => format!("{to}#{fragment}"),
            None => to.clone(),
        })
    }

    /// The path and query of `url` when it is on the site's host (either
    /// scheme, with or without `www.`).
    fn path_of(&self, url: &str) -> Option<String> {
        let origin = http_origin(url)?;
        let host = origin.split_once("://")?.1;
        let bare = |h: &str| h.strip_prefix("www.").unwrap_or(h).to_string();
        if bare(host) != bare(&self.host) {
            return None;
        }
        let rest = &url[origin.len()..];
        Some(if rest.starts_with('/') {
            rest.to_string()
        } else {
            format!("/{rest}")
        })
    }
}

/// Where the next link target starts in body markup: just after an
/// unescaped `](` (an odd run of backslashes before `]` escapes it).
fn link_target(markup: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = markup[from..].find("](") {
        let at = from + at;
        let backslashes = markup[..at]
            .bytes()
            .rev()
            .take_while(|&b| b == b'\\')
            .count();
        if backslashes % 2 == 0 {
            return Some(at + 2);
        }
        from = at + 2;
    }
    None
}

/// An address's path and query as compared: percent-decoded, without a
/// trailing slash, and only the queries naming a post, page or category.
fn key(path_and_query: &str) -> Option<String> {
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let path = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let path = path.trim_end_matches('/');
    let id = query.split('&').find(|pair| {
        let name = pair.split('=').next().unwrap_or_default();
        matches!(name, "p" | "page_id" | "cat")
    });
    Some(match id {
        Some(pair) => format!("{path}/?{pair}"),
        None if path.is_empty() => "/".to_string(),
        None => path.to_string(),
    })
}

/// The app's own routes that no item's address can be (src/app.rs).
const APP_ROUTES: [&str; 3] = ["/articles", "/search", "/index.html"];

/// Whether a key is the site's root (`/`), which is the app's home page
/// whatever WordPress shows there: a static front page's permalink is the
/// root, and a redirect from it would hide the app's post list.
fn is_root(key: &str) -> bool {
    key == "/"
}

fn key_of_app(to: &str) -> String {
    key(to).unwrap_or_else(|| to.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Addresses {
        let mut addresses = Addresses::new("https://volga.example");
        addresses.add(
            "https://volga.example/2011/03/ferry-times/",
            "p",
            12,
            "/post/ferry-times".into(),
        );
        addresses.add(
            "https://volga.example/%d1%87%d1%82/",
            "p",
            13,
            "/post/%D1%87%D1%82".into(),
        );
        addresses.add(
            "https://volga.example/category/rivers/",
            "cat",
            3,
            "/category/rivers".into(),
        );
        addresses.add(
            "https://volga.example/about/",
            "page_id",
            2,
            "/page/about".into(),
        );
        addresses
    }

    #[test]
    fn links_written_inside_preformatted_text_stay_as_written() {
        let markup = "[this](http://www.volga.example/?p=13)\n```\nWrite [this](https://volga.example/?p=13)\n````\n```\n[this](http://www.volga.example/?p=13)";
        assert_eq!(
            site().rewrite_links(markup),
            "[this](/post/%D1%87%D1%82)\n```\nWrite [this](https://volga.example/?p=13)\n````\n```\n[this](/post/%D1%87%D1%82)"
        );
        // Unclosed, a fence runs to the end, as the markup reads it.
        let unclosed = "```\n[this](https://volga.example/?p=13)";
        assert_eq!(site().rewrite_links(unclosed), unclosed);
    }

    #[test]
    fn links_to_the_site_s_own_posts_become_app_addresses() {
        let markup = "See [times](https://volga.example/2011/03/ferry-times/#comment-4), \
                      [this](http://www.volga.example/?p=13), [that](https://volga.example/%D1%87%D1%82), \
                      [rivers](https://volga.example/category/rivers/) and [about](https://volga.example/?page_id=2). \
                      Not [a tag](https://volga.example/tag/x/), [elsewhere](https://other.example/2011/03/ferry-times/) \
                      or text \\](https://volga.example/?p=12).";
        assert_eq!(
            site().rewrite_links(markup),
            "See [times](/post/ferry-times#comment-4), \
             [this](/post/%D1%87%D1%82), [that](/post/%D1%87%D1%82), \
             [rivers](/category/rivers) and [about](/page/about). \
             Not [a tag](https://volga.example/tag/x/), [elsewhere](https://other.example/2011/03/ferry-times/) \
             or text \\](https://volga.example/?p=12)."
        );
    }

    #[test]
    fn an_address_two_items_share_has_one_target_the_first_recorded() {
        let mut addresses = Addresses::new("https://volga.example");
        addresses.add(
            "https://volga.example/contact/",
            "page_id",
            2,
            "/page/contact".into(),
        );
        addresses.add(
            "https://volga.example/contact/",
            "p",
            9,
            "/post/contact".into(),
        );
        addresses.add_feed("/feed.xml");
        let redirects = addresses.redirects().redirects;
        let to: Vec<(&str, &str)> = redirects
            .iter()
            .map(|r| (r.from.as_str(), r.to.as_str()))
            .collect();
        assert_eq!(
            to,
            [
                ("/contact/", "/page/contact"),
                ("/?page_id=2", "/page/contact"),
                ("/?p=9", "/post/contact"),
                ("/feed/", "/feed.xml"),
                ("/comments/feed/", "/feed.xml"),
            ]
        );
    }

    #[test]
    fn an_address_that_is_the_app_s_own_is_never_a_redirect() {
        // WordPress's "Posts page" at /articles/, a page at /search/, a
        // category at /post/ (category base stripped).
        let mut addresses = Addresses::new("https://volga.example");
        addresses.add(
            "https://volga.example/articles/",
            "page_id",
            4,
            "/page/articles".into(),
        );
        addresses.add(
            "https://volga.example/search/",
            "page_id",
            5,
            "/page/search".into(),
        );
        let froms: Vec<String> = addresses
            .redirects()
            .redirects
            .iter()
            .map(|r| r.from.clone())
            .collect();
        assert_eq!(froms, ["/?page_id=4", "/?page_id=5"]);
        // Its links still lead to the page.
        assert_eq!(
            addresses.rewrite_links("[all](https://volga.example/articles/)"),
            "[all](/page/articles)"
        );

        // A post renamed, and its old slug taken by a new post: the new
        // post's address is its own, not a redirect to the renamed one.
        let previous = site().redirects();
        let mut now = Addresses::new("https://volga.example");
        now.add(
            "https://volga.example/2011/03/ferry-times-2011/",
            "p",
            12,
            "/post/ferry-times-2011".into(),
        );
        now.add(
            "https://volga.example/2024/05/ferry-times/",
            "p",
            40,
            "/post/ferry-times".into(),
        );
        now.keep_previous(&previous);
        let redirects = now.redirects().redirects;
        assert!(
            redirects.iter().all(|r| r.from != "/post/ferry-times"),
            "{redirects:?}"
        );
        assert!(redirects
            .iter()
            .any(|r| r.from == "/?p=12" && r.to == "/post/ferry-times-2011"));
    }

    #[test]
    fn a_renamed_slug_keeps_its_old_app_address_and_links_to_it_follow() {
        let previous = site().redirects();
        // Post 12 and category 3 renamed; post 13 and page 2 gone.
        let renamed = |post: &str, category: &str| {
            let mut now = Addresses::new("https://volga.example");
            now.add(
                &format!("https://volga.example/2011/03/{post}/"),
                "p",
                12,
                format!("/post/{post}"),
            );
            now.add(
                &format!("https://volga.example/category/{category}/"),
                "cat",
                3,
                format!("/category/{category}"),
            );
            now
        };
        let mut now = renamed("winter-ferries", "volga");
        now.keep_previous(&previous);
        let target = |addresses: &Addresses, from: &str| {
            let redirects = addresses.redirects().redirects;
            redirects
                .iter()
                .find(|r| r.from == from)
                .map(|r| r.to.clone())
        };
        let ferries = Some("/post/winter-ferries".to_string());
        assert_eq!(target(&now, "/post/ferry-times"), ferries);
        assert_eq!(target(&now, "/2011/03/ferry-times/"), ferries);
        assert_eq!(
            target(&now, "/category/rivers"),
            Some("/category/volga".into())
        );
        assert_eq!(target(&now, "/%d1%87%d1%82/"), None);
        assert_eq!(target(&now, "/about/"), None);
        // A body kept from the last run, with its app addresses.
        assert_eq!(
            now.rewrite_links(
                "[a](/post/ferry-times#x), [b](/category/rivers), [c](/post/%D1%87%D1%82)"
            ),
            "[a](/post/winter-ferries#x), [b](/category/volga), [c](/post/%D1%87%D1%82)"
        );
        // Renamed again: every old address leads to the newest in one hop.
        let mut again = renamed("ferries-in-winter", "volga");
        again.keep_previous(&now.redirects());
        let newest = Some("/post/ferries-in-winter".to_string());
        for from in [
            "/post/winter-ferries",
            "/post/ferry-times",
            "/2011/03/ferry-times/",
        ] {
            assert_eq!(target(&again, from), newest, "{from}");
        }
        // Renamed back: the app's address again, never a redirect to itself.
        let mut back = renamed("winter-ferries", "volga");
        back.keep_previous(&again.redirects());
        assert_eq!(target(&back, "/post/winter-ferries"), None);
        assert_eq!(target(&back, "/post/ferries-in-winter"), ferries);
        assert_eq!(target(&back, "/post/ferry-times"), ferries);
        let froms: Vec<String> = again
            .redirects()
            .redirects
            .iter()
            .map(|r| r.from.clone())
            .collect();
        let mut unique = froms.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), froms.len(), "{froms:?}");
    }

    #[test]
    fn every_old_address_but_the_app_s_own_is_a_redirect() {
        let redirects: Vec<(String, String)> = site()
            .redirects()
            .redirects
            .into_iter()
            .map(|r| (r.from, r.to))
            .collect();
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            redirects,
            [
                pair("/2011/03/ferry-times/", "/post/ferry-times"),
                pair("/?p=12", "/post/ferry-times"),
                pair("/%d1%87%d1%82/", "/post/%D1%87%D1%82"),
                pair("/?p=13", "/post/%D1%87%D1%82"),
                pair("/?cat=3", "/category/rivers"),
                pair("/about/", "/page/about"),
                pair("/?page_id=2", "/page/about"),
            ]
        );
    }

    #[test]
    fn a_list_s_later_pages_lead_to_the_app_s_and_links_to_them_follow() {
        let mut addresses = site();
        let category = |n| format!("/category/rivers?page={n}");
        addresses.add_paged("https://volga.example/category/rivers/", 3, category);
        addresses.add_paged("https://volga.example", 2, |n| format!("/?page={n}"));
        // Plain permalinks (`?cat=3&paged=2`) and other hosts are left alone.
        addresses.add_paged("https://volga.example/?cat=3", 3, category);
        addresses.add_paged("https://elsewhere.example/category/rivers/", 5, category);
        let paged: Vec<(String, String)> = addresses
            .redirects()
            .redirects
            .iter()
            .filter(|r| r.from.contains("/page/"))
            .map(|r| (r.from.clone(), r.to.clone()))
            .collect();
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            paged,
            [
                pair("/category/rivers/page/2/", "/category/rivers?page=2"),
                pair("/category/rivers/page/3/", "/category/rivers?page=3"),
                pair("/page/2/", "/?page=2"),
            ]
        );
        assert_eq!(
            addresses.rewrite_links("[more](https://volga.example/category/rivers/page/3)"),
            "[more](/category/rivers?page=3)"
        );
        // A static front page's permalink is the site's root: the app's home
        // stays the app's (its id address still leads to the page).
        let mut front = Addresses::new("https://volga.example");
        front.add(
            "https://volga.example/",
            "page_id",
            7,
            "/page/welcome".into(),
        );
        let kept = |a: &Addresses| -> Vec<String> {
            a.redirects()
                .redirects
                .iter()
                .map(|r| r.from.clone())
                .collect()
        };
        assert_eq!(kept(&front), ["/?page_id=7"]);
        let mut previous = Addresses::new("https://volga.example");
        previous.keep_previous(&Redirects {
            redirects: vec![Redirect {
                from: "/".into(),
                to: "/page/welcome".into(),
            }]
            .into(),
        });
        assert!(kept(&previous).is_empty());
        // A page recorded first keeps an address a list's page would take.
        let mut pages_first = Addresses::new("https://volga.example");
        pages_first.add(
            "https://volga.example/page/2/",
            "page_id",
            9,
            "/page/2".into(),
        );
        pages_first.add_paged("https://volga.example/", 2, |n| format!("/?page={n}"));
        assert!(pages_first
            .redirects()
            .redirects
            .iter()
            .all(|r| r.to != "/?page=2"));
    }
}
