//! The web app manifest (`/manifest.webmanifest`, W3C "Web Application
//! Manifest"): what a browser needs to offer installing the site — its
//! name and description from `site.json`, where it starts, its icons
//! (`public/icons/`) and colours.

use crate::models::content::Site;

/// The manifest's file, at the site's root.
pub const MANIFEST_FILE: &str = "manifest.webmanifest";

/// `style/main.css`'s light page background (`--bg`): the splash screen.
pub const BACKGROUND_COLOUR: &str = "#ffffff";

/// `style/main.css`'s light accent (`--accent`): an installed app's title bar.
/// (The page's own `<meta name="theme-color">` pair follows light and dark.)
pub const THEME_COLOUR: &str = "#a3102a";

/// Longest `short_name`: what launchers show under an icon without cutting
/// it (Chrome's guidance is 12 characters).
pub const SHORT_NAME_CHARS: usize = 12;

/// The manifest as JSON text for `site`.
pub fn web_manifest(site: &Site) -> String {
    let icon = |src: &str, sizes: &str, kind: &str, purpose: &str| serde_json::json!({ "src": src, "sizes": sizes, "type": kind, "purpose": purpose });
    let manifest = serde_json::json!({
        "name": site.title,
        "short_name": short_name(&site.title),
        "description": if site.tagline.is_empty() { &site.description } else { &site.tagline },
        "lang": "en",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": BACKGROUND_COLOUR,
        "theme_color": THEME_COLOUR,
        "icons": [
            icon("/favicon.svg", "any", "image/svg+xml", "any"),
            icon("/icons/icon-192.png", "192x192", "image/png", "any"),
            icon("/icons/icon-512.png", "512x512", "image/png", "any"),
            icon("/icons/maskable-512.png", "512x512", "image/png", "maskable"),
        ],
    });
    serde_json::to_string_pretty(&manifest).unwrap_or_default()
}

/// `title` if it fits in [`SHORT_NAME_CHARS`]; else its first words that
/// fit; else its first [`SHORT_NAME_CHARS`] characters.
pub fn short_name(title: &str) -> String {
    let title = title.trim();
    if title.chars().count() <= SHORT_NAME_CHARS {
        return title.to_string();
    }
    let mut name = String::new();
    for word in title.split_whitespace() {
        let longer = match name.is_empty() {
            true => word.to_string(),
            false => format!("{name} {word}"),
        };
        if longer.chars().count() > SHORT_NAME_CHARS {
            break;
        }
        name = longer;
    }
    match name.is_empty() {
        true => title.chars().take(SHORT_NAME_CHARS).collect(),
        false => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(title: &str, tagline: &str) -> Site {
        serde_json::from_value(serde_json::json!({ "title": title, "tagline": tagline })).unwrap()
    }

    #[test]
    fn a_short_title_is_its_own_short_name() {
        assert_eq!(short_name("Russian Best"), "Russian Best");
        assert_eq!(short_name("  Блог  "), "Блог");
    }

    #[test]
    fn a_long_title_keeps_the_first_words_that_fit() {
        assert_eq!(short_name("Russian Life and People Digest"), "Russian Life");
        assert_eq!(short_name("Что почитать о Волге"), "Что почитать");
        assert_eq!(short_name("Supercalifragilistic blog"), "Supercalifra");
    }

    #[test]
    fn the_manifest_names_the_site_and_its_icons() {
        let text = web_manifest(&site("Tom & \"Jerry\" <Weekly> Digest", "Cats, mice"));
        let manifest: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(manifest["name"], "Tom & \"Jerry\" <Weekly> Digest");
        assert_eq!(manifest["short_name"], "Tom &");
        assert_eq!(manifest["description"], "Cats, mice");
        assert_eq!(manifest["start_url"], "/");
        assert_eq!(manifest["display"], "standalone");
        let icons = manifest["icons"].as_array().unwrap();
        assert!(icons
            .iter()
            .any(|i| i["sizes"] == "512x512" && i["purpose"] == "maskable"));
        assert!(icons.iter().any(|i| i["sizes"] == "192x192"));
    }
}
