//! Validation of the comment form, with WordPress's limits.

use crate::models::text::safe_href;

/// WordPress's column limits, in characters.
pub const MAX_NAME: usize = 245;
pub const MAX_EMAIL: usize = 100;
pub const MAX_WEBSITE: usize = 200;
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

    // A required field: present, and within WordPress's limit.
    let mut required =
        |field, value: &'a str, max: usize, missing: &str, what: &str| -> Option<&'a str> {
            let value = value.trim();
            if value.is_empty() {
                fail(field, missing.into());
                None
            } else if too_long(value, max) {
                fail(
                    field,
                    format!("{what} is too long: at most {max} characters."),
                );
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
            "Please enter a valid email address, like name@example.com.".into(),
        );
    }

    let website = normalize_website(input.website.trim());
    match &website {
        Some(url) if too_long(url, MAX_WEBSITE) => fail(
            Field::Website,
            format!("Your website address is too long: at most {MAX_WEBSITE} characters."),
        ),
        Some(url) if safe_href(url).is_none() => fail(
            Field::Website,
            "Please enter a website address starting with http:// or https://.".into(),
        ),
        _ => {}
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

fn too_long(value: &str, max: usize) -> bool {
    value.chars().nth(max).is_some()
}

/// `example.org` means `http://example.org`, as WordPress reads it. Anything
/// with a scheme of its own (`javascript:`, `ftp://`) stays as typed, to be
/// refused by [`safe_href`].
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

/// The same test as WordPress's `is_email`, in short: one `@`, a local part,
/// and a domain with a dot, no spaces.
fn looks_like_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"' | ','))
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
    fn wordpress_limits_are_enforced_in_characters() {
        let at = |n: usize| "ж".repeat(n);
        assert!(validate(&input(&at(MAX_COMMENT), &at(MAX_NAME), "a@b.co", "")).is_ok());
        let long_email = format!("{}@b.co", "a".repeat(MAX_EMAIL));
        let long_site = format!("https://{}.example", "a".repeat(MAX_WEBSITE));
        assert_eq!(
            fields(validate(&input(
                &at(MAX_COMMENT + 1),
                &at(MAX_NAME + 1),
                &long_email,
                &long_site
            ))),
            [Field::Comment, Field::Name, Field::Email, Field::Website]
        );
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
        ] {
            assert_eq!(
                fields(validate(&input("x", "y", bad, ""))),
                [Field::Email],
                "{bad}"
            );
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
