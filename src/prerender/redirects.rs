//! An import's old addresses (`content/redirects.json`) in the forms hosts
//! read, written by `make build` beside the pages: Netlify's (and
//! Cloudflare Pages') `_redirects`, and an nginx `map` to include.

use crate::models::content::Redirect;

/// The file names in `dist/`.
pub const NETLIFY_FILE: &str = "_redirects";
pub const NGINX_FILE: &str = "redirects.nginx.conf";

/// Whether an address can be written in both formats as it is: a path,
/// nothing a line or an nginx string would read differently.
fn writable(address: &str) -> bool {
    address.starts_with('/')
        && !address.chars().any(|c| {
            c.is_whitespace()
                || c.is_control()
                || matches!(c, '"' | '\\' | '$' | ';' | '{' | '}' | '#')
        })
}

/// `_redirects`: `from to 301`, one a line; WordPress's `/?p=12` as
/// Netlify matches a query (`/ p=12 /post/x 301`).
pub fn netlify(redirects: &[Redirect]) -> String {
    let mut out = String::from("# Old WordPress addresses (make import), 301 to the app's.\n");
    for Redirect { from, to } in redirects
        .iter()
        .filter(|r| writable(&r.from) && writable(&r.to))
    {
        match from.split_once('?') {
            Some((path, query)) => out.push_str(&format!("{path} {query} {to} 301\n")),
            None => out.push_str(&format!("{from} {to} 301\n")),
        }
    }
    out
}

/// An nginx `map` from `$request_uri` (as the browser sent it: a
/// permalink with and without its trailing slash) to the app's address.
pub fn nginx(redirects: &[Redirect]) -> String {
    let mut out = String::from(
        "# Old WordPress addresses (make import). In http {}: include this file,\n\
         # with map_hash_bucket_size 256; (percent-encoded addresses are long);\n\
         # in server {}: if ($russian_best_redirect) { return 301 $russian_best_redirect; }\n\
         map $request_uri $russian_best_redirect {\n    default \"\";\n",
    );
    for Redirect { from, to } in redirects
        .iter()
        .filter(|r| writable(&r.from) && writable(&r.to))
    {
        let bare = from.trim_end_matches('/');
        let forms: &[&str] = if bare.is_empty() || bare == from || from.contains('?') {
            &[from]
        } else {
            &[from, bare]
        };
        for form in forms {
            out.push_str(&format!("    \"{form}\" \"{to}\";\n"));
        }
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redirects() -> Vec<Redirect> {
        [
            ("/2011/03/ferry-times/", "/post/ferry-times"),
            ("/?p=12", "/post/ferry-times"),
            ("/%d1%87%d1%82/", "/post/%D1%87%D1%82"),
            ("/bad\"quote/", "/post/x"),
        ]
        .into_iter()
        .map(|(from, to)| Redirect {
            from: from.into(),
            to: to.into(),
        })
        .collect()
    }

    #[test]
    fn netlify_lines_with_queries_as_netlify_matches_them() {
        assert_eq!(
            netlify(&redirects()).lines().skip(1).collect::<Vec<_>>(),
            [
                "/2011/03/ferry-times/ /post/ferry-times 301",
                "/ p=12 /post/ferry-times 301",
                "/%d1%87%d1%82/ /post/%D1%87%D1%82 301",
            ]
        );
    }

    #[test]
    fn an_nginx_map_with_and_without_the_slash() {
        let map = nginx(&redirects());
        for line in [
            "    \"/2011/03/ferry-times/\" \"/post/ferry-times\";",
            "    \"/2011/03/ferry-times\" \"/post/ferry-times\";",
            "    \"/?p=12\" \"/post/ferry-times\";",
            "    \"/%d1%87%d1%82\" \"/post/%D1%87%D1%82\";",
        ] {
            assert!(map.lines().any(|l| l == line), "{line} in\n{map}");
        }
        assert!(!map.contains("quote"));
        assert!(map.starts_with('#') && map.ends_with("}\n"));
    }
}
