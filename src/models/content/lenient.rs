//! A list in which one bad item does not spoil the rest.

use super::from_json;
use serde::de::{DeserializeOwned, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::value::RawValue;
use std::{fmt, marker::PhantomData, ops::Deref};

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

    /// Whether there are no items (skipped ones are not items).
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
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

/// Reads a JSON array item by item: each is first taken as raw JSON text
/// (so the array itself must be well-formed), then read as a `T` the same
/// way as a whole file (`content::from_json`); an item that is not a `T` is
/// counted, not fatal.
impl<'de, T: DeserializeOwned> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LenientVisitor<T>(PhantomData<T>);

        impl<'de, T: DeserializeOwned> Visitor<'de> for LenientVisitor<T> {
            type Value = Lenient<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a list")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                let mut list = Lenient::default();
                while let Some(item) = seq.next_element::<Box<RawValue>>()? {
                    match from_json::<T>(item.get()) {
                        Ok(item) => list.items.push(item),
                        Err(_) => list.skipped += 1,
                    }
                }
                Ok(list)
            }
        }

        deserializer.deserialize_seq(LenientVisitor(PhantomData))
    }
}

/// Written as the plain array of its items.
impl<T: Serialize> Serialize for Lenient<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.items.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::content::{Comment, ListPage};

    #[test]
    fn bad_items_are_skipped_and_counted() {
        let page: ListPage = serde_json::from_str(
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
        let comments: Lenient<Comment> = serde_json::from_str(r#"[{"id":-1}]"#).unwrap();
        assert_eq!((comments.len(), comments.skipped()), (0, 1));
        assert!(serde_json::from_str::<Lenient<Comment>>(r#"{"not":"a list"}"#).is_err());
    }

    #[test]
    fn round_trips_as_a_plain_array() {
        let list: Lenient<u32> = vec![1, 2].into();
        assert_eq!(serde_json::to_string(&list).unwrap(), "[1,2]");
    }
}
