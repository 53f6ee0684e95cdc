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

/// nginx `map`s from the address asked for (`$request_uri`, as the browser
/// sent it) to the app's address, in `$russian_best_redirect`. A permalink
/// is matched on its path alone, with and without its trailing slash, so a
/// query a link added (`?fbclid=…`, `?utm_source=…`) does not hide it;
/// `/?p=12`, `/?page_id=3` and `/?cat=5` on those arguments alone, in any
/// order among others. Everything else (`/?page=2`) maps to "".
pub fn nginx(redirects: &[Redirect]) -> String {
    let mut by_path = String::new();
    let mut by_id = String::new();
    for Redirect { from, to } in redirects
        .iter()
        .filter(|r| writable(&r.from) && writable(&r.to))
    {
        match from.split_once('?') {
            Some((path, query)) => {
                if let Some(key) = id_key(path, query) {
                    by_id.push_str(&format!("    \"{key}\" \"{to}\";\n"));
                }
            }
            None => {
                let bare = from.trim_end_matches('/');
                let forms: &[&str] = match bare.is_empty() || bare == from {
                    true => &[from],
                    false => &[from, bare],
                };
                for form in forms {
                    by_path.push_str(&format!("    \"{form}\" \"{to}\";\n"));
                }
            }
        }
    }
    format!(
        "# Old WordPress addresses (make import). In http {{}}: include this file,\n\
         # with map_hash_bucket_size 256; (percent-encoded addresses are long);\n\
         # in server {{}}, before other rewrites:\n\
         #     if ($russian_best_redirect) {{ return 301 $russian_best_redirect; }}\n\
         map $request_uri $russian_best_path {{\n    default $request_uri;\n    \"~^(?<russian_best_p>[^?]*)[?]\" $russian_best_p;\n}}\n\
         map $russian_best_path $russian_best_by_path {{\n    default \"\";\n{by_path}}}\n\
         map \"$russian_best_path?{ID_ARGS}\" $russian_best_by_id {{\n    default \"\";\n{by_id}}}\n\
         map $russian_best_by_path $russian_best_redirect {{\n    default $russian_best_by_path;\n    \"\" $russian_best_by_id;\n}}\n"
    )
}

/// The arguments WordPress reads an id from, as the by-id map's source
/// lists them.
const ID_ARGS: &str = "p=$arg_p&page_id=$arg_page_id&cat=$arg_cat";

/// The by-id map's key for `path?query` (`/?p=12` → `/?p=12&page_id=&cat=`),
/// when the query names exactly one of WordPress's id arguments.
fn id_key(path: &str, query: &str) -> Option<String> {
    let (name, value) = query.split_once('=')?;
    let args = ["p", "page_id", "cat"];
    if !args.contains(&name) || value.contains('&') {
        return None;
    }
    let values = args.map(|arg| if arg == name { value } else { "" });
    Some(format!(
        "{path}?p={}&page_id={}&cat={}",
        values[0], values[1], values[2]
    ))
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
    fn an_nginx_map_by_path_with_and_without_the_slash_and_by_id() {
        let map = nginx(&redirects());
        for line in [
            "    \"/2011/03/ferry-times/\" \"/post/ferry-times\";",
            "    \"/2011/03/ferry-times\" \"/post/ferry-times\";",
            "    \"/?p=12&page_id=&cat=\" \"/post/ferry-times\";",
            "    \"/%d1%87%d1%82\" \"/post/%D1%87%D1%82\";",
        ] {
            assert!(map.lines().any(|l| l == line), "{line} in\n{map}");
        }
        assert!(!map.contains("quote"));
        assert!(map.starts_with('#') && map.ends_with("}\n"));
    }
}
