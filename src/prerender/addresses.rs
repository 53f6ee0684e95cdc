//! The addresses a build prerenders, and the file each is written to.
//!
//! Every page the content has an address for: `/`, `/articles`, each
//! category, post and footer page, the search page, and the "Page not
//! found" page. Lists' later pages (`?page=N`) and the home filter
//! (`?category=a,b`) live in the query string: the first page's file is
//! served for them, and the client renders what the query asks for.

use crate::models::{
    content::{is_valid_slug, Site},
    urls,
};

/// One page to prerender.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    /// The path the app routes, percent-encoded as a browser sends it,
    /// e.g. `/post/%D1%87%D1%82`.
    pub url: String,
    /// The file under the build's root, decoded (static hosts look a path
    /// up decoded), e.g. `post/чт.html`.
    pub file: String,
}

/// The file the "Page not found" page is written to: the name Netlify and
/// most static hosts serve, with status 404, for an unknown address.
pub const NOT_FOUND_FILE: &str = "404.html";

/// The address of the "Page not found" page (no route matches it).
pub const NOT_FOUND_URL: &str = "/404";

/// The search page's file: served for every `/search?q=…` (the app runs
/// the search; without JavaScript the page says search needs it).
pub const SEARCH_FILE: &str = "search.html";

/// Every address of a site whose posts are `post_slugs` (in any order),
/// home page first. Slugs that could not be a path segment (see
/// [`is_valid_slug`]) are left out: the app never links to them either.
pub fn addresses(site: &Site, post_slugs: &[String]) -> Vec<Address> {
    let mut all = vec![
        address("/", "index.html"),
        address(&urls::articles(1), "articles.html"),
    ];
    let categories = site.categories.iter().map(|c| &c.slug);
    all.extend(
        valid(categories)
            .map(|slug| address(&urls::category(slug, 1), &format!("category/{slug}.html"))),
    );
    all.extend(
        valid(post_slugs.iter())
            .map(|slug| address(&urls::post(slug), &format!("post/{slug}.html"))),
    );
    let pages = site.footer_pages.iter().map(|p| &p.slug);
    all.extend(valid(pages).map(|slug| address(&urls::page(slug), &format!("page/{slug}.html"))));
    all.push(address(&urls::search("", None, 1), SEARCH_FILE));
    all.push(address(NOT_FOUND_URL, NOT_FOUND_FILE));
    all
}

fn valid<'a>(slugs: impl Iterator<Item = &'a String>) -> impl Iterator<Item = &'a String> {
    slugs.filter(|slug| is_valid_slug(slug))
}

fn address(url: &str, file: &str) -> Address {
    Address {
        url: url.to_string(),
        file: file.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::content::{Category, PageLink};

    fn site() -> Site {
        Site {
            title: "T".into(),
            categories: vec![Category {
                slug: "food".into(),
                name: "Food".into(),
                count: 1,
            }],
            footer_pages: vec![PageLink {
                parent: None,
                slug: "about".into(),
                title: "About".into(),
            }],
            ..Site::default()
        }
    }

    #[test]
    fn every_kind_of_page_has_one_file() {
        let all = addresses(&site(), &["pelmeni".to_string()]);
        let pairs: Vec<(&str, &str)> = all
            .iter()
            .map(|a| (a.url.as_str(), a.file.as_str()))
            .collect();
        assert_eq!(
            pairs,
            vec![
                ("/", "index.html"),
                ("/articles", "articles.html"),
                ("/category/food", "category/food.html"),
                ("/post/pelmeni", "post/pelmeni.html"),
                ("/page/about", "page/about.html"),
                ("/search", "search.html"),
                ("/404", "404.html"),
            ]
        );
    }

    #[test]
    fn cyrillic_slugs_are_encoded_in_the_url_and_decoded_in_the_file() {
        let all = addresses(&site(), &["пельмени".to_string()]);
        let post = all.iter().find(|a| a.file.starts_with("post/")).unwrap();
        assert_eq!(
            post.url,
            "/post/%D0%BF%D0%B5%D0%BB%D1%8C%D0%BC%D0%B5%D0%BD%D0%B8"
        );
        assert_eq!(post.file, "post/пельмени.html");
    }

    #[test]
    fn slugs_that_could_escape_the_folder_are_left_out() {
        let hostile = ["../../etc/passwd", "a/b", "", "-x", "UPPER", "a b"].map(String::from);
        let all = addresses(&site(), &hostile);
        assert!(all.iter().all(|a| !a.file.starts_with("post/")), "{all:?}");
        let files: Vec<&str> = all.iter().map(|a| a.file.as_str()).collect();
        assert!(files.iter().all(|f| !f.contains("..")));
    }
}
