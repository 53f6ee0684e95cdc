//! WordPress items in the content format: posts in the seed's pattern
//! ("Question by <asker>: …", "Answers and Views:", "Answer by <author>")
//! become questions with their answers, all others articles.

use super::{html, wordpress as wp};
use crate::models::{
    content::{is_valid_slug, Answer, Comment, Page, Post, PostKind},
    text::{parse_body, parse_inline, plain_text, Block},
};
use std::collections::HashMap;

/// Excerpts are cut to about this many characters.
const EXCERPT_CHARS: usize = 200;

/// A question found in a post's body.
#[derive(Debug, PartialEq)]
pub struct Question {
    pub asker: String,
    pub question: String,
    pub body: String,
    pub answers: Vec<(String, String)>,
}

/// The text of one line of markup, as a reader sees it.
fn line_text(line: &str) -> String {
    plain_text(&parse_inline(line)).trim().to_string()
}

/// Finds the seed's question pattern in a body's markup.
pub fn split_question(markup: &str) -> Option<Question> {
    let blocks: Vec<&str> = markup.split("\n\n").collect();
    let start = blocks.iter().position(|b| {
        line_text(b.lines().next().unwrap_or_default()).starts_with("Question by ")
    })?;
    let mut lines = blocks[start].lines();
    let first = line_text(lines.next()?);
    let (asker, question) = first.strip_prefix("Question by ")?.split_once(':')?;
    let mut body: Vec<String> = blocks[..start].iter().map(|b| b.to_string()).collect();
    let rest_of_first: Vec<&str> = lines.collect();
    if !rest_of_first.is_empty() {
        body.push(rest_of_first.join("\n"));
    }
    let mut answers: Vec<(String, Vec<String>)> = Vec::new();
    let mut in_answers = false;
    for block in &blocks[start + 1..] {
        let mut lines = block.lines();
        let first = line_text(lines.next().unwrap_or_default());
        if first == "Answers and Views:" {
            in_answers = true;
            continue;
        }
        if let Some(author) = first.strip_prefix("Answer by ") {
            in_answers = true;
            let rest: Vec<&str> = lines.collect();
            answers.push((author.trim().to_string(), vec![rest.join("\n")]));
            continue;
        }
        // The seed's own links under the answers: the app shows its own.
        if matches!(
            first.as_str(),
            "Read all the answers in the comments." | "Add your own answer!"
        ) {
            continue;
        }
        match (in_answers, answers.last_mut()) {
            (true, Some((_, answer))) => answer.push(block.to_string()),
            _ => body.push(block.to_string()),
        }
    }
    let join = |blocks: Vec<String>| {
        blocks
            .into_iter()
            .filter(|b| !b.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    Some(Question {
        asker: asker.trim().to_string(),
        question: question.trim().to_string(),
        body: join(body),
        answers: answers
            .into_iter()
            .map(|(author, blocks)| (author, join(blocks)))
            .collect(),
    })
}

/// An excerpt of body markup: its text, cut at a word. (WordPress's own
/// excerpt runs the seed's lines together: "Lena: why…?I have noticed".)
pub fn excerpt(markup: &str) -> String {
    let text: Vec<String> = parse_body(markup)
        .into_iter()
        .flat_map(Block::into_runs)
        .map(|run| plain_text(&run))
        .collect();
    let text = text
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if text.chars().count() <= EXCERPT_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', '.', ';', ':']))
}

/// A WordPress slug as the content's slug, which is also a file name: the
/// slug decoded where it is a valid one (`is_valid_slug`), else `<kind>-<id>`
/// (`post-12`), as stable across imports as WordPress's id.
pub fn content_slug(wp_slug: &str, kind: &str, id: u64) -> String {
    let slug = wp::decode_slug(wp_slug);
    match is_valid_slug(&slug) {
        true => slug,
        false => format!("{kind}-{id}"),
    }
}

/// A post's categories (WordPress ids) as the content's: its first category
/// the site lists, or WordPress's default, `uncategorized`; and the others,
/// once each.
pub fn category_slugs(
    categories: &[u64],
    category_slugs: &HashMap<u64, String>,
) -> (String, Vec<String>) {
    let mut slugs: Vec<String> = Vec::new();
    for slug in categories.iter().filter_map(|id| category_slugs.get(id)) {
        if !slugs.contains(slug) {
            slugs.push(slug.clone());
        }
    }
    if slugs.is_empty() {
        slugs.push("uncategorized".into());
    }
    let first = slugs.remove(0);
    (first, slugs)
}

/// A title as the reader sees it: WordPress's own words for an empty one,
/// so every link to the post has a name and its page a heading.
pub fn title(rendered: &str) -> String {
    let title = html::to_text(rendered);
    match title.is_empty() {
        true => "(no title)".into(),
        false => title,
    }
}

/// The post's own excerpt when its author wrote one: WordPress's REST
/// `excerpt` is always filled, and the one it makes is the start of the
/// content's text (then "[…]" or a theme's "Continue reading"); one that is
/// not is the author's.
pub fn handwritten_excerpt(excerpt: &str, content: &str) -> Option<String> {
    let excerpt = html::to_text(excerpt);
    let content = html::to_text(content);
    let words: Vec<&str> = excerpt.split_whitespace().collect();
    // WordPress cuts at a word and adds its "more" text: compare all but
    // the last few words (at most a theme's "Continue reading …").
    let compared = words.len().saturating_sub(4).max(words.len().min(3));
    let start = words[..compared].join(" ");
    let made_by_wordpress = excerpt.is_empty() || content.starts_with(&start);
    (!made_by_wordpress).then_some(excerpt)
}

/// A published post in the content format, with its approved comments;
/// `home` is the site's address, for relative image sources.
pub fn post(
    post: &wp::Post,
    slugs: &HashMap<u64, String>,
    authors: &HashMap<u64, String>,
    comments: Vec<Comment>,
    home: Option<&str>,
) -> Post {
    let body = html::to_markup(&post.content.rendered, home);
    let author = authors.get(&post.author).cloned().unwrap_or_default();
    let (category, categories) = category_slugs(&post.categories, slugs);
    let mut converted = Post {
        slug: content_slug(&post.slug, "post", post.id),
        title: title(&post.title.rendered),
        kind: PostKind::Article,
        category,
        date: post
            .date_gmt
            .get(..10)
            .unwrap_or(&post.date_gmt)
            .to_string(),
        author,
        question: String::new(),
        body: body.clone(),
        answers: Default::default(),
        comments: comments.into(),
        thumbnail: None,
        excerpt: excerpt(&body),
        wp_id: Some(post.id),
        comment_status: post.comment_status,
        categories,
        sticky: post.sticky,
    };
    if let Some(question) = split_question(&body) {
        converted.kind = PostKind::Question;
        converted.author = question.asker;
        converted.excerpt = excerpt(&format!("{}\n\n{}", question.question, question.body));
        converted.question = question.question;
        converted.body = question.body;
        converted.answers = question
            .answers
            .into_iter()
            .enumerate()
            .map(|(i, (author, body))| Answer {
                id: i as u32 + 1,
                author,
                body,
            })
            .collect();
    }
    if let Some(excerpt) = handwritten_excerpt(&post.excerpt.rendered, &post.content.rendered) {
        converted.excerpt = excerpt;
    }
    converted
}

/// A published page; `home` as for [`post`].
pub fn page(page: &wp::Post, home: Option<&str>) -> Page {
    Page {
        slug: content_slug(&page.slug, "page", page.id),
        title: title(&page.title.rendered),
        body: html::to_markup(&page.content.rendered, home),
        comments: Default::default(),
        wp_id: Some(page.id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_pattern_is_a_question_with_answers() {
        let markup = html::to_markup(
            "<p><strong>Question by Lena</strong>: why do trains run late?<br />Every trip &#8211; really.</p>\
             <p><strong>Answers and Views:</strong></p>\
             <p><strong>Answer by Oleg</strong><br />Single track.</p><p>More from Oleg.</p>\
             <p><strong>Answer by Marta</strong><br />Snow.</p>\
             <p>Read all the answers in the comments.</p><p>Add your own answer!</p>",
            None,
        );
        let question = split_question(&markup).unwrap();
        assert_eq!(question.asker, "Lena");
        assert_eq!(question.question, "why do trains run late?");
        assert_eq!(question.body, "Every trip – really.");
        assert_eq!(
            question.answers,
            vec![
                (
                    "Oleg".to_string(),
                    "Single track.\n\nMore from Oleg.".to_string()
                ),
                ("Marta".to_string(), "Snow.".to_string()),
            ]
        );
    }

    #[test]
    fn every_slug_becomes_a_file_name() {
        assert_eq!(
            content_slug("%d0%b4%d0%be%d0%bc_%e2%84%96", "post", 3),
            "дом_№"
        );
        assert_eq!(content_slug("%f0%9f%90%88", "post", 3), "🐈");
        assert_eq!(content_slug("a.b", "post", 3), "post-3");
        assert_eq!(content_slug("%2e%2e", "page", 4), "page-4");
        assert_eq!(content_slug("", "category", 5), "category-5");
        assert_eq!(content_slug("%ff", "post", 6), "post-6");
    }

    #[test]
    fn handwritten_excerpts_are_told_from_wordpress_s_own() {
        let content = "<p>Pelmeni are boiled dumplings from the Urals, eaten with sour cream and vinegar all winter long.</p>";
        for made in [
            "<p>Pelmeni are boiled dumplings from the Urals, eaten with sour cream and vinegar all winter long.</p>",
            "<p>Pelmeni are boiled dumplings from the Urals, eaten [&hellip;]</p>",
            "<p>Pelmeni are boiled dumplings from the Urals, eaten <a href=\"x\">Continue reading<span> Pelmeni</span></a></p>",
            "",
        ] {
            assert_eq!(handwritten_excerpt(made, content), None, "{made}");
        }
        assert_eq!(
            handwritten_excerpt("<p>Why the Urals eat them all winter.</p>", content).as_deref(),
            Some("Why the Urals eat them all winter.")
        );
    }

    #[test]
    fn a_post_in_several_categories_and_one_without_a_title() {
        let slugs: HashMap<u64, String> = [(1, "a".to_string()), (2, "b".to_string())].into();
        assert_eq!(
            category_slugs(&[2, 9, 1, 2], &slugs),
            ("b".into(), vec!["a".into()])
        );
        assert_eq!(
            category_slugs(&[9], &slugs),
            ("uncategorized".into(), vec![])
        );
        assert_eq!(title(" <b></b> "), "(no title)");
        assert_eq!(title("A &amp; B"), "A & B");
    }

    #[test]
    fn other_posts_are_articles() {
        assert_eq!(split_question("Just an article.\n\nAnswer by nobody"), None);
    }

    #[test]
    fn excerpts_are_text_and_short() {
        assert_eq!(
            excerpt("Short **&** sweet\n\n- and more"),
            "Short & sweet and more"
        );
        let long = "word ".repeat(100);
        let cut = excerpt(&long);
        assert!(
            cut.chars().count() <= EXCERPT_CHARS + 1 && cut.ends_with("word…"),
            "{cut}"
        );
    }
}
