//! What crawlers and link previews read in a page's `<head>`: schema.org
//! JSON-LD for a post (Google's documented `QAPage` shape for a question,
//! `Article` for an article), made safe to put inside a `<script>` element.

use crate::models::{
    content::{Post, PostKind, Site},
    text::{parse_body, plain_text},
    urls,
};
use serde::Serialize;

/// A post's body markup as the plain text a reader sees, blocks apart.
pub fn body_text(source: &str) -> String {
    let blocks: Vec<String> = parse_body(source)
        .into_iter()
        .map(|block| {
            let runs = block.into_runs();
            let lines: Vec<String> = runs.iter().map(|run| plain_text(run)).collect();
            lines.join("\n")
        })
        .collect();
    blocks.join("\n\n")
}

/// schema.org's `Person`.
#[derive(Serialize)]
pub struct Person<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

/// The author, unless the name is unknown (a site that hides its users).
fn person(name: &str) -> Option<Person<'_>> {
    (!name.trim().is_empty()).then_some(Person {
        kind: "Person",
        name,
    })
}

/// A post's JSON-LD: Google's `QAPage` shape, or an `Article`.
#[derive(Serialize)]
#[serde(untagged)]
pub enum PostJsonLd<'a> {
    QaPage {
        #[serde(rename = "@context")]
        context: &'static str,
        #[serde(rename = "@type")]
        kind: &'static str,
        #[serde(rename = "mainEntity")]
        main_entity: Question<'a>,
    },
    Article {
        #[serde(rename = "@context")]
        context: &'static str,
        #[serde(rename = "@type")]
        kind: &'static str,
        headline: &'a str,
        #[serde(rename = "datePublished")]
        date_published: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        author: Option<Person<'a>>,
        description: &'a str,
        #[serde(rename = "mainEntityOfPage")]
        main_entity_of_page: String,
    },
}

#[derive(Serialize)]
pub struct Question<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    text: String,
    #[serde(rename = "answerCount")]
    answer_count: usize,
    #[serde(rename = "dateCreated")]
    date_created: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Person<'a>>,
    #[serde(rename = "suggestedAnswer")]
    suggested_answer: Vec<SuggestedAnswer<'a>>,
}

#[derive(Serialize)]
pub struct SuggestedAnswer<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Person<'a>>,
    url: String,
}

/// The post's schema.org JSON-LD: a `QAPage` whose `mainEntity` is the
/// `Question` (name, text, answerCount, dateCreated, author, and each
/// answer a `suggestedAnswer` with text, author and its `#answer-N` URL),
/// or an `Article`. URLs are absolute when the site has a public address.
pub fn post_json_ld<'a>(site: &Site, post: &'a Post) -> PostJsonLd<'a> {
    let page = urls::post(&post.slug);
    let url = |fragment: &str| {
        let path = format!("{page}{fragment}");
        site.absolute(&path).unwrap_or(path)
    };
    match post.kind {
        PostKind::Question => {
            let text = [post.question.clone(), body_text(&post.body)]
                .into_iter()
                .filter(|t| !t.trim().is_empty())
                .collect::<Vec<_>>()
                .join("\n\n");
            let suggested_answer: Vec<SuggestedAnswer> = post
                .answers
                .iter()
                .map(|answer| SuggestedAnswer {
                    kind: "Answer",
                    text: body_text(&answer.body),
                    author: person(&answer.author),
                    url: url(&format!("#answer-{}", answer.id)),
                })
                .collect();
            PostJsonLd::QaPage {
                context: "https://schema.org",
                kind: "QAPage",
                main_entity: Question {
                    kind: "Question",
                    name: &post.title,
                    text: if text.is_empty() {
                        post.title.clone()
                    } else {
                        text
                    },
                    answer_count: suggested_answer.len(),
                    date_created: &post.date,
                    author: person(&post.author),
                    suggested_answer,
                },
            }
        }
        PostKind::Article => PostJsonLd::Article {
            context: "https://schema.org",
            kind: "Article",
            headline: &post.title,
            date_published: &post.date,
            author: person(&post.author),
            description: &post.excerpt,
            main_entity_of_page: url(""),
        },
    }
}

/// JSON as the text of a `<script>` data element (JSON-LD, a prerendered
/// page's data block): `<`, `>` and `&` written as JSON escapes, so no
/// content can close the element or be read as a character reference,
/// whatever the HTML serializer does.
pub fn script_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_default()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::content::{Answer, Lenient};
    use serde_json::Value;

    fn question() -> Post {
        Post {
            slug: "khrushchev".into(),
            title: "What was the </script><script>alert(1)</script> speech?".into(),
            kind: PostKind::Question,
            category: "history".into(),
            date: "2011-03-01".into(),
            author: "Ann & Bob".into(),
            question: "in short?".into(),
            body: "Some **detail**.".into(),
            answers: Lenient::with_skipped(
                vec![
                    Answer {
                        id: 1,
                        author: "Mac".into(),
                        body: "It denounced [Stalin](https://example.org).".into(),
                    },
                    Answer {
                        id: 2,
                        author: "Lee".into(),
                        body: "- one\n- two".into(),
                    },
                ],
                0,
            ),
            ..Post::default()
        }
    }

    fn site() -> Site {
        Site {
            url: Some("https://example.org".into()),
            ..Site::default()
        }
    }

    #[test]
    fn a_question_is_a_qa_page_in_googles_shape() {
        let post = question();
        let ld = serde_json::to_value(post_json_ld(&site(), &post)).unwrap();
        assert_eq!(ld["@type"], "QAPage");
        let q = &ld["mainEntity"];
        assert_eq!(q["@type"], "Question");
        assert_eq!(q["name"], question().title);
        assert_eq!(q["text"], "in short?\n\nSome detail.");
        assert_eq!(q["answerCount"], 2);
        assert_eq!(q["dateCreated"], "2011-03-01");
        assert_eq!(q["author"]["name"], "Ann & Bob");
        let answers = q["suggestedAnswer"].as_array().unwrap();
        assert_eq!(answers[0]["text"], "It denounced Stalin.");
        assert_eq!(
            answers[0]["url"],
            "https://example.org/post/khrushchev#answer-1"
        );
        assert_eq!(answers[1]["text"], "one\ntwo");
        assert_eq!(answers[1]["author"]["name"], "Lee");
    }

    #[test]
    fn an_article_is_an_article() {
        let post = Post {
            kind: PostKind::Article,
            excerpt: "Short.".into(),
            ..question()
        };
        let ld = serde_json::to_value(post_json_ld(&Site::default(), &post)).unwrap();
        assert_eq!(ld["@type"], "Article");
        assert_eq!(ld["headline"], post.title);
        assert_eq!(
            ld["mainEntityOfPage"], "/post/khrushchev",
            "relative without a site address"
        );
    }

    #[test]
    fn an_unknown_author_is_left_out_not_named_empty() {
        let post = Post {
            kind: PostKind::Article,
            author: String::new(),
            ..question()
        };
        let ld = serde_json::to_value(post_json_ld(&Site::default(), &post)).unwrap();
        assert!(ld.get("author").is_none(), "{ld}");
    }

    #[test]
    fn script_json_can_never_close_its_element_and_reads_back_the_same() {
        let post = question();
        let ld = serde_json::to_value(post_json_ld(&site(), &post)).unwrap();
        let text = script_json(&post_json_ld(&site(), &post));
        assert!(
            !text.contains('<') && !text.contains('>') && !text.contains('&'),
            "{text}"
        );
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, ld);
    }
}
