//! What crawlers and link previews read in a page's `<head>`: schema.org
//! JSON-LD for a post (Google's documented `QAPage` shape for a question,
//! `Article` for an article), made safe to put inside a `<script>` element.

use crate::models::{
    content::{Post, PostKind, Site},
    text::{parse_body, plain_text, Block},
    urls,
};
use serde_json::{json, Value};

/// A post's body markup as the plain text a reader sees, blocks apart.
pub fn body_text(source: &str) -> String {
    let blocks: Vec<String> = parse_body(source)
        .iter()
        .map(|block| match block {
            Block::Paragraph(inlines) | Block::Heading(_, inlines) | Block::Quote(inlines) => {
                plain_text(inlines)
            }
            Block::List(items) => items
                .iter()
                .map(|item| plain_text(item))
                .collect::<Vec<_>>()
                .join("\n"),
        })
        .collect();
    blocks.join("\n\n")
}

fn person(name: &str) -> Value {
    json!({ "@type": "Person", "name": name })
}

/// The post's schema.org JSON-LD: a `QAPage` whose `mainEntity` is the
/// `Question` (name, text, answerCount, dateCreated, author, and each
/// answer a `suggestedAnswer` with text, author and its `#answer-N` URL),
/// or an `Article`. URLs are absolute when the site has a public address.
pub fn post_json_ld(site: &Site, post: &Post) -> Value {
    let page = urls::post(&post.slug);
    let url = |fragment: &str| {
        site.absolute(&format!("{page}{fragment}"))
            .unwrap_or(format!("{page}{fragment}"))
    };
    match post.kind {
        PostKind::Question => {
            let question_text = [post.question.clone(), body_text(&post.body)]
                .into_iter()
                .filter(|t| !t.trim().is_empty())
                .collect::<Vec<_>>()
                .join("\n\n");
            let answers: Vec<Value> = post
                .answers
                .iter()
                .map(|answer| {
                    json!({
                        "@type": "Answer",
                        "text": body_text(&answer.body),
                        "author": person(&answer.author),
                        "url": url(&format!("#answer-{}", answer.id)),
                    })
                })
                .collect();
            json!({
                "@context": "https://schema.org",
                "@type": "QAPage",
                "mainEntity": {
                    "@type": "Question",
                    "name": post.title,
                    "text": if question_text.is_empty() { post.title.clone() } else { question_text },
                    "answerCount": answers.len(),
                    "dateCreated": post.date,
                    "author": person(&post.author),
                    "suggestedAnswer": answers,
                }
            })
        }
        PostKind::Article => json!({
            "@context": "https://schema.org",
            "@type": "Article",
            "headline": post.title,
            "datePublished": post.date,
            "author": person(&post.author),
            "description": post.excerpt,
            "mainEntityOfPage": url(""),
        }),
    }
}

/// JSON as the text of a `<script type="application/ld+json">`: `<`, `>`
/// and `&` written as JSON escapes, so no content can close the element or
/// be read as a character reference, whatever the HTML serializer does.
pub fn script_json(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::content::{Answer, Lenient};

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
        let ld = post_json_ld(&site(), &question());
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
        let ld = post_json_ld(&Site::default(), &post);
        assert_eq!(ld["@type"], "Article");
        assert_eq!(ld["headline"], post.title);
        assert_eq!(
            ld["mainEntityOfPage"], "/post/khrushchev",
            "relative without a site address"
        );
    }

    #[test]
    fn script_json_can_never_close_its_element_and_reads_back_the_same() {
        let ld = post_json_ld(&site(), &question());
        let text = script_json(&ld);
        assert!(
            !text.contains('<') && !text.contains('>') && !text.contains('&'),
            "{text}"
        );
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, ld);
    }
}
