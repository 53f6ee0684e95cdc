//! Validation of the comment form, with WordPress's limits.

use super::wordpress::text_as_html;
use crate::models::text::safe_href;

/// WordPress's limits (`wp_get_comment_fields_max_lengths`), in bytes of
/// UTF-8 as WordPress receives the field (`mb_strlen(…, '8bit')`): a
/// Cyrillic letter is two bytes, and in the name and the comment `<`, `>`
/// and `&` are sent as `&lt;`, `&gt;` and `&amp;` (4–5 bytes).
pub const MAX_NAME: usize = 245;
pub const MAX_EMAIL: usize = 100;
pub const MAX_WEBSITE: usize = 200;
/// The comment column's 65,535 bytes less WordPress's margin of 10.
pub const MAX_COMMENT: usize = 65_525;

/// The form's fields, in the order they appear on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Comment,
    Name,
    Email,
    Website,
}

impl Field {
    /// The `id` of the field's input, as on WordPress's form.
    pub fn input_id(self) -> &'static str {
        match self {
            Field::Comment => "comment",
            Field::Name => "author",
            Field::Email => "email",
            Field::Website => "url",
        }
    }
}

/// What the reader typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommentInput {
    pub comment: String,
    pub name: String,
    pub email: String,
    pub website: String,
}

/// A problem with one field, in words for the reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: String,
}

/// A comment that passed validation, trimmed and normalized.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidComment {
    pub comment: String,
    pub name: String,
    pub email: String,
    /// An http(s) URL, or `None`.
    pub website: Option<String>,
}

/// Checks every field; errors come in the order of the form.
pub fn validate<'a>(input: &'a CommentInput) -> Result<ValidComment, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut fail = |field, message: String| errors.push(FieldError { field, message });

    // A required field: present, and within WordPress's limit as it counts.
    let mut required =
        |field, value: &'a str, max: usize, missing: &str, what: &str| -> Option<&'a str> {
            let value = value.trim();
            if value.is_empty() {
                fail(field, missing.into());
                None
            } else if let Some(message) = too_long(field, value, max, what) {
                fail(field, message);
                None
            } else {
                Some(value)
            }
        };
    let comment = required(
        Field::Comment,
        &input.comment,
        MAX_COMMENT,
        "Please type your comment.",
        "Your comment",
    );
    let name = required(
        Field::Name,
        &input.name,
        MAX_NAME,
        "Please enter your name.",
        "Your name",
    );
    let email = required(
        Field::Email,
        &input.email,
        MAX_EMAIL,
        "Please enter your email address.",
        "Your email address",
    );
    if email.is_some_and(|email| !looks_like_email(email)) {
        fail(
            Field::Email,
            "Please enter a valid email address, like name@example.com (WordPress takes Latin letters, digits and . _ - only).".into(),
        );
    }

    let website = normalize_website(input.website.trim());
    if let Some(url) = website.as_deref() {
        if let Some(message) = too_long(Field::Website, url, MAX_WEBSITE, "Your website address") {
            fail(Field::Website, message);
        } else if safe_href(url).is_none() {
            fail(Field::Website, website_error(url).into());
        }
    }

    match (comment, name, email) {
        (Some(comment), Some(name), Some(email)) if errors.is_empty() => Ok(ValidComment {
            comment: comment.to_string(),
            name: name.to_string(),
            email: email.to_string(),
            website,
        }),
        _ => Err(errors),
    }
}

/// The bytes WordPress counts for a field: the name and the comment as
/// they are sent (HTML), the others as typed.
pub fn wordpress_bytes(field: Field, value: &str) -> usize {
    match field {
        Field::Comment | Field::Name => text_as_html(value).len(),
        Field::Email | Field::Website => value.len(),
    }
}

/// Why a field is over WordPress's limit, in words: its size as WordPress
/// counts it, and why that can exceed the letters the reader sees.
fn too_long(field: Field, value: &str, max: usize, what: &str) -> Option<String> {
    let bytes = wordpress_bytes(field, value);
    if bytes <= max {
        return None;
    }
    let letters = value.chars().count();
    let why = if letters < bytes {
        " Letters outside plain English (Cyrillic, accents, emoji) count as two to four, and <, > and & as four or five."
    } else {
        ""
    };
    Some(format!(
        "{what} is too long for the site: WordPress takes at most {} bytes, and this is {}.{why}",
        group_thousands(max),
        group_thousands(bytes)
    ))
}

/// 65525 → "65,525".
fn group_thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `example.org` means `http://example.org`, as WordPress reads it. Anything
/// with a scheme of its own (`javascript:`, `ftp://`) stays as typed, to be
/// refused by [`safe_href`].
/// Why a website address cannot be taken, in the words that help: one
/// that starts with http(s) already is refused for what is in it.
fn website_error(url: &str) -> &'static str {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    match lower.starts_with("http://") || lower.starts_with("https://") {
        true => "Please enter a website address without spaces, quotes or < > \\ `, and with a site name after http:// or https:// (like https://example.com).",
        false => "Please enter a website address starting with http:// or https://.",
    }
}

fn normalize_website(url: &str) -> Option<String> {
    if url.is_empty() {
        return None;
    }
    let has_scheme = url.split_once(':').is_some_and(|(scheme, _)| {
        scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-'))
    });
    Some(if has_scheme {
        url.to_string()
    } else {
        format!("http://{url}")
    })
}

/// WordPress's `is_email`, which its REST API applies to `author_email`:
/// at least 6 bytes; a local part of ASCII letters, digits and
/// ``!#$%&'*+/=?^_`{|}~.-``; a domain of two or more labels of ASCII letters,
/// digits and inner hyphens, without empty labels.
fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    email.len() >= 6 && local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(comment: &str, name: &str, email: &str, website: &str) -> CommentInput {
        CommentInput {
            comment: comment.into(),
            name: name.into(),
            email: email.into(),
            website: website.into(),
        }
    }

    fn fields(result: Result<ValidComment, Vec<FieldError>>) -> Vec<Field> {
        result.unwrap_err().into_iter().map(|e| e.field).collect()
    }

    #[test]
    fn a_good_comment_passes_trimmed() {
        let ok = validate(&input("  Hello  ", " Ann ", "ann@example.org", "")).unwrap();
        assert_eq!(
            (ok.comment.as_str(), ok.name.as_str(), ok.website),
            ("Hello", "Ann", None)
        );
        let ok = validate(&input(
            "Hi",
            "Ann",
            "ann@example.org",
            "ann.example.org/blog",
        ))
        .unwrap();
        assert_eq!(ok.website.as_deref(), Some("http://ann.example.org/blog"));
    }

    #[test]
    fn missing_fields_are_reported_in_form_order() {
        assert_eq!(
            fields(validate(&input(" ", "", "", ""))),
            [Field::Comment, Field::Name, Field::Email]
        );
    }

    #[test]
    fn wordpress_limits_are_counted_in_bytes_as_sent() {
        let ascii = |n: usize| "a".repeat(n);
        assert!(validate(&input(&ascii(MAX_COMMENT), &ascii(MAX_NAME), "a@b.co", "")).is_ok());
        // Cyrillic letters are two bytes: half as many fit.
        let cyrillic = |n: usize| "ж".repeat(n);
        assert!(validate(&input(&cyrillic(MAX_COMMENT / 2), "Ann", "a@b.co", "")).is_ok());
        let errors =
            validate(&input(&cyrillic(MAX_COMMENT / 2 + 1), "Ann", "a@b.co", "")).unwrap_err();
        assert_eq!(errors[0].field, Field::Comment);
        assert!(
            errors[0]
                .message
                .contains("at most 65,525 bytes, and this is 65,526")
                && errors[0].message.contains("Cyrillic"),
            "{}",
            errors[0].message
        );
        // `<` goes as `&lt;`: four bytes.
        let angles = "<".repeat(MAX_COMMENT / 4 + 1);
        assert_eq!(
            fields(validate(&input(&angles, "Ann", "a@b.co", ""))),
            [Field::Comment]
        );
        let long_email = format!("{}@b.co", "a".repeat(MAX_EMAIL));
        let long_site = format!("https://{}.example", "a".repeat(MAX_WEBSITE));
        assert_eq!(
            fields(validate(&input(
                &ascii(MAX_COMMENT + 1),
                &cyrillic(MAX_NAME / 2 + 1),
                &long_email,
                &long_site
            ))),
            [Field::Comment, Field::Name, Field::Email, Field::Website]
        );
        assert_eq!(group_thousands(245), "245");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn emails_need_a_real_shape() {
        for bad in [
            "ann",
            "ann@",
            "@example.org",
            "ann@example",
            "a b@example.org",
            "a@b@c.org",
            "a@.org",
            "a@b..org",
            "<a>@b.org",
            // What WordPress's is_email refuses too.
            "a@b.c",
            "иван@пример.рф",
            "ann@-example.org",
            "ann@example.org-",
            "an n@example.org",
        ] {
            assert_eq!(
                fields(validate(&input("x", "y", bad, ""))),
                [Field::Email],
                "{bad}"
            );
        }
    }

    #[test]
    fn a_refused_website_is_explained_by_what_is_wrong_with_it() {
        let message = |website: &str| match validate(&input("x", "y", "a@b.co", website)) {
            Err(errors) => errors[0].message.clone(),
            Ok(_) => String::new(),
        };
        assert!(message("ftp://example.org").contains("starting with http:// or https://"));
        for bad in [
            "https://ann.example/?q=<x>",
            "https://ann.example/a b",
            "https://",
        ] {
            let said = message(bad);
            assert!(!said.contains("starting with"), "{bad}: {said}");
            assert!(said.contains("without spaces"), "{bad}: {said}");
        }
    }

    #[test]
    fn websites_must_be_http() {
        for bad in [
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:text/html,x",
            "ftp://example.org",
            "http://exa mple.org",
        ] {
            assert_eq!(
                fields(validate(&input("x", "y", "a@b.co", bad))),
                [Field::Website],
                "{bad}"
            );
        }
    }
}
