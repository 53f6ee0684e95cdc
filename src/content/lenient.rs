//! A list in which one bad item does not spoil the rest.

use crate::json::{FromJson, Json, JsonError, ToJson};
use std::ops::Deref;

/// The items of a JSON array that decoded, and how many did not (a post or
/// comment with a wrong field is skipped and counted, not fatal to the list).
#[derive(Clone, Debug, PartialEq)]
pub struct Lenient<T> {
    items: Vec<T>,
    skipped: usize,
}

impl<T> Lenient<T> {
    pub fn with_skipped(items: Vec<T>, skipped: usize) -> Self {
        Lenient { items, skipped }
    }

    /// How many items were skipped because they could not be read.
    pub fn skipped(&self) -> usize {
        self.skipped
    }
}

impl<T> Default for Lenient<T> {
    fn default() -> Self {
        Lenient {
            items: Vec::new(),
            skipped: 0,
        }
    }
}

impl<T> From<Vec<T>> for Lenient<T> {
    fn from(items: Vec<T>) -> Self {
        Lenient { items, skipped: 0 }
    }
}

impl<T> Deref for Lenient<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.items
    }
}

impl<T> FromIterator<T> for Lenient<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Vec::from_iter(iter).into()
    }
}

impl<'a, T> IntoIterator for &'a Lenient<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<T> IntoIterator for Lenient<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<T: FromJson> FromJson for Lenient<T> {
    fn from_json(value: Json) -> Result<Self, JsonError> {
        let Json::Array(elements) = value else {
            return Err(JsonError::shape("a list"));
        };
        let mut items = Vec::with_capacity(elements.len());
        let mut skipped = 0;
        for element in elements {
            match T::from_json(element) {
                Ok(item) => items.push(item),
                Err(_) => skipped += 1,
            }
        }
        Ok(Lenient { items, skipped })
    }
}

impl<T: ToJson> ToJson for Lenient<T> {
    fn write_json(&self, out: &mut String) {
        self.items.write_json(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Comment, ListPage};

    #[test]
    fn bad_items_are_skipped_and_counted() {
        let page: ListPage = crate::json::from_str(
            r#"{"page":1,"pages":1,"total":3,"posts":[
                {"slug":"a","title":"A","category":"c","date":"2020-01-01"},
                {"slug":"b","title":7,"category":"c","date":"2020-01-01"},
                "not a post",
                {"slug":"d","title":"D","category":"c","date":"2020-01-02","unknown":[1,2]}
            ]}"#,
        )
        .unwrap();
        assert_eq!(
            page.posts
                .iter()
                .map(|p| p.slug.as_str())
                .collect::<Vec<_>>(),
            ["a", "d"]
        );
        assert_eq!(page.posts.skipped(), 2);
        let comments: Lenient<Comment> = crate::json::from_str(r#"[{"id":-1}]"#).unwrap();
        assert_eq!((comments.len(), comments.skipped()), (0, 1));
        assert!(crate::json::from_str::<Lenient<Comment>>(r#"{"not":"a list"}"#).is_err());
    }

    #[test]
    fn round_trips_as_a_plain_array() {
        let list: Lenient<u32> = vec![1, 2].into();
        assert_eq!(crate::json::to_string(&list), "[1,2]");
    }
}
