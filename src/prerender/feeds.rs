//! The files crawlers and feed readers fetch: `/sitemap.xml` (sitemaps.org
//! 0.9), `/robots.txt` naming it, and an RSS 2.0 feed of the newest posts at
//! `/feed.xml`. All URLs are absolute under the site's public address.
//!
//! XML is written element by element through [`xml_text`], which escapes
//! markup and drops what XML 1.0 cannot hold, so no title can break a file.

use crate::models::{
    content::{PostSummary, Site},
    urls,
};

/// Posts in the feed: the newest.
pub const FEED_SIZE: usize = 20;

/// `text` as XML character data or an attribute value: `&`, `<`, `>`, `"`
/// and `'` escaped, and the characters XML 1.0 does not allow (controls
/// other than tab and line breaks, U+FFFE, U+FFFF) left out.
pub fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// One `<url>` of the sitemap: an app address and its last change.
#[derive(Clone, Debug, PartialEq)]
pub struct SitemapEntry {
    pub path: String,
    /// `YYYY-MM-DD`, when known.
    pub lastmod: Option<String>,
}

/// The sitemap of `entries`; `None` without a public address (sitemaps
/// hold absolute URLs only).
pub fn sitemap(site: &Site, entries: &[SitemapEntry]) -> Option<String> {
    let mut xml = String::from(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    xml.push_str("\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for entry in entries {
        xml.push_str("<url><loc>");
        xml.push_str(&xml_text(&site.absolute(&entry.path)?));
        xml.push_str("</loc>");
        if let Some(date) = entry.lastmod.as_deref().and_then(w3c_date) {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    Some(xml)
}

/// `robots.txt`: everything may be crawled; the sitemap is named when the
/// site has a public address.
pub fn robots(site: &Site) -> String {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(sitemap) = site.absolute("/sitemap.xml") {
        text.push_str(&format!("\nSitemap: {sitemap}\n"));
    }
    text
}

/// The RSS 2.0 feed of `posts` (newest first; the first [`FEED_SIZE`] are
/// used): title, link, guid, pubDate (RFC 822), description (the excerpt)
/// and category per item. `None` without a public address.
pub fn rss(site: &Site, posts: &[PostSummary]) -> Option<String> {
    let home = site.absolute("/")?;
    let mut xml = String::from(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    xml.push_str("\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>\n");
    xml.push_str(&element("title", &site.title));
    xml.push_str(&element("link", &home));
    xml.push_str(&element(
        "description",
        if site.tagline.is_empty() {
            &site.description
        } else {
            &site.tagline
        },
    ));
    let feed = site.absolute("/feed.xml")?;
    xml.push_str(&format!(
        "<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        xml_text(&feed)
    ));
    for post in posts.iter().take(FEED_SIZE) {
        let link = site.absolute(&urls::post(&post.slug))?;
        xml.push_str("<item>");
        xml.push_str(&element("title", &post.title));
        xml.push_str(&element("link", &link));
        xml.push_str(&format!(
            "<guid isPermaLink=\"true\">{}</guid>",
            xml_text(&link)
        ));
        if let Some(date) = rfc822_date(&post.date) {
            xml.push_str(&element("pubDate", &date));
        }
        xml.push_str(&element("description", &post.excerpt));
        xml.push_str(&element("category", site.category_name(&post.category)));
        xml.push_str("</item>\n");
    }
    xml.push_str("</channel></rss>\n");
    Some(xml)
}

fn element(name: &str, text: &str) -> String {
    format!("<{name}>{}</{name}>", xml_text(text))
}

/// The date part of an ISO date or date-time, if it is a real date.
fn parse_date(iso: &str) -> Option<(i64, u32, u32)> {
    let date = iso.get(..10)?;
    let mut parts = date.split('-');
    let (y, m, d) = (
        parts.next()?.parse().ok()?,
        parts.next()?.parse().ok()?,
        parts.next()?.parse().ok()?,
    );
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    (date.len() == 10 && (1..=12).contains(&m) && d >= 1 && d <= days[m as usize - 1])
        .then_some((y, m, d))
}

/// `YYYY-MM-DD` (the W3C date a sitemap's `lastmod` takes).
fn w3c_date(iso: &str) -> Option<String> {
    parse_date(iso).map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

/// `Sun, 22 Apr 2012 00:00:00 +0000`: RSS 2.0's RFC 822 date, at midnight
/// UTC of the post's day (the content holds days, not times).
pub fn rfc822_date(iso: &str) -> Option<String> {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let (y, m, d) = parse_date(iso)?;
    let weekday = DAYS[days_since_epoch(y, m, d).rem_euclid(7) as usize];
    Some(format!(
        "{weekday}, {d:02} {} {y:04} 00:00:00 +0000",
        MONTHS[m as usize - 1]
    ))
}

/// Days from 1970-01-01 (a Thursday) to the date (Howard Hinnant's
/// days-from-civil).
fn days_since_epoch(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        Site {
            title: "Russian Best & Co <3".into(),
            tagline: "Life".into(),
            url: Some("https://example.org".into()),
            ..Site::default()
        }
    }

    fn post(title: &str, date: &str) -> PostSummary {
        PostSummary {
            slug: "пельмени".into(),
            title: title.into(),
            category: "food".into(),
            date: date.into(),
            excerpt: "]]></description><script>alert(1)</script>".into(),
            ..PostSummary::default()
        }
    }

    #[test]
    fn rfc822_dates_have_the_right_weekday() {
        assert_eq!(
            rfc822_date("2012-04-22").as_deref(),
            Some("Sun, 22 Apr 2012 00:00:00 +0000")
        );
        assert_eq!(
            rfc822_date("1970-01-01").as_deref(),
            Some("Thu, 01 Jan 1970 00:00:00 +0000")
        );
        assert_eq!(
            rfc822_date("2000-02-29T10:00:00").as_deref(),
            Some("Tue, 29 Feb 2000 00:00:00 +0000")
        );
        assert_eq!(rfc822_date("1900-02-29"), None);
        assert_eq!(rfc822_date("2012-13-01"), None);
        assert_eq!(rfc822_date("yesterday"), None);
        assert_eq!(rfc822_date(""), None);
    }

    #[test]
    fn xml_text_escapes_markup_and_drops_what_xml_cannot_hold() {
        assert_eq!(
            xml_text("a & <b> \"c\" 'd'"),
            "a &amp; &lt;b&gt; &quot;c&quot; &apos;d&apos;"
        );
        assert_eq!(xml_text("bell\u{7}\u{0}nul\u{FFFF}\ttab"), "bellnul\ttab");
        assert_eq!(xml_text("Пельмени ✓"), "Пельмени ✓");
    }

    #[test]
    fn the_feed_holds_hostile_titles_as_text() {
        let hostile = "</title></item><item><title>x</title>&amp; <![CDATA[ \u{1} ]]>";
        let xml = rss(&site(), &[post(hostile, "2012-04-22")]).unwrap();
        assert_eq!(xml.matches("<item>").count(), 1, "{xml}");
        assert!(xml.contains("<title>&lt;/title&gt;&lt;/item&gt;&lt;item&gt;"));
        assert!(!xml.contains('\u{1}'));
        assert!(xml.contains("<link>https://example.org/post/%D0%BF%D0%B5%D0%BB%D1%8C%D0%BC%D0%B5%D0%BD%D0%B8</link>"));
        assert!(xml.contains("<pubDate>Sun, 22 Apr 2012 00:00:00 +0000</pubDate>"));
        assert!(xml.contains("<title>Russian Best &amp; Co &lt;3</title>"));
    }

    #[test]
    fn the_feed_keeps_the_newest_twenty() {
        let posts: Vec<PostSummary> = (0..25)
            .map(|i| post(&format!("P{i}"), "2020-01-01"))
            .collect();
        let xml = rss(&site(), &posts).unwrap();
        assert_eq!(xml.matches("<item>").count(), FEED_SIZE);
        assert!(xml.contains("<title>P19</title>") && !xml.contains("<title>P20</title>"));
    }

    #[test]
    fn without_a_public_address_there_is_no_sitemap_or_feed() {
        let site = Site::default();
        assert_eq!(
            sitemap(
                &site,
                &[SitemapEntry {
                    path: "/".into(),
                    lastmod: None
                }]
            ),
            None
        );
        assert_eq!(rss(&site, &[]), None);
        assert_eq!(robots(&site), "User-agent: *\nAllow: /\n");
    }

    #[test]
    fn the_sitemap_lists_absolute_addresses_with_their_dates() {
        let entries = [
            SitemapEntry {
                path: "/".into(),
                lastmod: Some("2013-05-05".into()),
            },
            SitemapEntry {
                path: "/post/a?b=1&c=2".into(),
                lastmod: Some("not a date".into()),
            },
        ];
        let xml = sitemap(&site(), &entries).unwrap();
        assert!(
            xml.contains("<url><loc>https://example.org/</loc><lastmod>2013-05-05</lastmod></url>")
        );
        assert!(xml.contains("<url><loc>https://example.org/post/a?b=1&amp;c=2</loc></url>"));
        assert_eq!(
            robots(&site()),
            "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"
        );
    }
}
