//! Which page a URL shows, and which links the app follows itself: plain
//! string logic, tested natively. The browser side (history, link clicks)
//! is `location.rs`.

/// The pages of the app, each with what its path names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`: the latest posts (filter and page are in the query).
    Home,
    /// `/articles`
    Articles,
    /// `/category/<slug>`
    Category(String),
    /// `/post/<slug>`
    Post(String),
    /// `/page/<slug>`: About, Privacy Policy, Disclaimer.
    Page(String),
    NotFound,
}

impl Route {
    /// The route of a URL's path (as `location.pathname` gives it:
    /// percent-encoded). One trailing slash is allowed; a slug is one
    /// non-empty segment, decoded. Whether the slug exists is the page's
    /// business.
    pub fn from_path(path: &str) -> Self {
        let path = path.strip_prefix('/').unwrap_or(path);
        if path.is_empty() {
            return Self::Home;
        }
        let path = path.strip_suffix('/').unwrap_or(path);
        let mut segments = path.split('/');
        let first = segments.next().unwrap_or_default();
        let second = segments.next().map(percent_decode);
        if segments.next().is_some() {
            return Self::NotFound;
        }
        match (first, second) {
            // What some hosts and bookmarks call the home page.
            ("index.html", None) => Self::Home,
            ("articles", None) => Self::Articles,
            (_, Some(slug)) if slug.is_empty() => Self::NotFound,
            ("category", Some(slug)) => Self::Category(slug),
            ("post", Some(slug)) => Self::Post(slug),
            ("page", Some(slug)) => Self::Page(slug),
            _ => Self::NotFound,
        }
    }
}

/// The first value of `key` in a query string (with or without its `?`),
/// decoded as a form would encode it (`+` is a space, `%XX` a byte).
pub fn query_value(query: &str, key: &str) -> Option<String> {
    let query = query.strip_prefix('?').unwrap_or(query);
    query.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        (form_decode(name) == key).then(|| form_decode(value))
    })
}

fn form_decode(text: &str) -> String {
    percent_decode(&text.replace('+', " "))
}

/// Decodes `%XX` escapes; a malformed escape stays as written, and bytes
/// that are not UTF-8 become U+FFFD.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i..i + 3) {
            Some([b'%', high, low]) => hex_value(*high).zip(hex_value(*low)),
            _ => None,
        };
        match escaped {
            Some((high, low)) => {
                out.push(high << 4 | low);
                i += 3;
            }
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn hex_value(digit: u8) -> Option<u8> {
    (digit as char).to_digit(16).map(|d| d as u8)
}

/// Whether a link's `href` is one of the app's own pages, which it shows
/// without reloading: a path on this site (`/…`, not `//host/…`). Links
/// to other sites, `mailto:` and the like are left to the browser.
pub fn is_in_app_href(href: &str) -> bool {
    href.starts_with('/') && !href.starts_with("//") && !href.starts_with("/\\")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_name_their_pages() {
        assert_eq!(Route::from_path("/"), Route::Home);
        assert_eq!(Route::from_path(""), Route::Home);
        assert_eq!(Route::from_path("/index.html"), Route::Home);
        assert_eq!(Route::from_path("/articles"), Route::Articles);
        assert_eq!(Route::from_path("/articles/"), Route::Articles);
        assert_eq!(
            Route::from_path("/post/what-was-khrushchevs-secret-speech"),
            Route::Post("what-was-khrushchevs-secret-speech".into())
        );
        assert_eq!(
            Route::from_path("/category/food/"),
            Route::Category("food".into())
        );
        assert_eq!(Route::from_path("/page/about"), Route::Page("about".into()));
    }

    #[test]
    fn anything_else_is_not_found() {
        for path in [
            "/post",
            "/post/",
            "/post//",
            "/post/a/b",
            "/articles/x",
            "/posts/a",
            "//",
            "/category//food",
            "/Post/a",
        ] {
            assert_eq!(Route::from_path(path), Route::NotFound, "{path}");
        }
    }

    #[test]
    fn slugs_are_decoded_but_not_judged() {
        assert_eq!(
            Route::from_path("/post/caf%C3%A9"),
            Route::Post("café".into())
        );
        assert_eq!(Route::from_path("/post/%3Cb%3E"), Route::Post("<b>".into()));
        // An encoded slash stays inside the one segment.
        assert_eq!(Route::from_path("/post/a%2Fb"), Route::Post("a/b".into()));
    }

    #[test]
    fn query_values_are_found_and_decoded() {
        let query = "?category=food%2Chistory&page=2&q=a+b&empty=&flag";
        assert_eq!(
            query_value(query, "category").as_deref(),
            Some("food,history")
        );
        assert_eq!(query_value(query, "page").as_deref(), Some("2"));
        assert_eq!(query_value(query, "q").as_deref(), Some("a b"));
        assert_eq!(query_value(query, "empty").as_deref(), Some(""));
        assert_eq!(query_value(query, "flag").as_deref(), Some(""));
        assert_eq!(query_value(query, "missing"), None);
        assert_eq!(query_value("", "page"), None);
        // The first of repeated keys wins; names are decoded too.
        assert_eq!(query_value("page=3&page=4", "page").as_deref(), Some("3"));
        assert_eq!(query_value("pa%67e=5", "page").as_deref(), Some("5"));
    }

    #[test]
    fn malformed_escapes_do_not_fail() {
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz%4"), "%zz%4");
        assert_eq!(percent_decode("%FF"), "\u{FFFD}");
        assert_eq!(percent_decode("%e2%82%ac"), "€");
    }

    #[test]
    fn only_paths_on_this_site_are_followed_in_app() {
        assert!(is_in_app_href("/"));
        assert!(is_in_app_href("/post/a#comment-2"));
        assert!(is_in_app_href("/?category=food"));
        for href in [
            "//evil.example/x",
            "/\\evil.example",
            "https://example.com/",
            "mailto:a@b.c",
            "#comments",
            "post/a",
            "javascript:alert(1)",
            "",
        ] {
            assert!(!is_in_app_href(href), "{href}");
        }
    }
}
