//! A small JSON reader and writer for the content format and stored values.
//!
//! Hand-written rather than serde + serde_json: serde's generated code was
//! about a fifth of the wasm a reader downloads, and the content format needs
//! only objects, arrays, text, whole numbers, booleans and null. Types list
//! their fields once with [`json_object!`], which writes both directions.

use std::fmt;

/// A parsed JSON value. Numbers keep their text, so whole numbers of any
/// size read exactly and no float parser is shipped.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Json {
    #[default]
    Null,
    Bool(bool),
    Number(Box<str>),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Why a text is not the value asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JsonError {
    /// The text stops in the middle of a value.
    Eof { line: usize, column: usize },
    /// The text is not JSON at this point.
    Syntax { line: usize, column: usize },
    /// Valid JSON, but not the expected shape: where, and what was expected.
    Shape {
        path: String,
        expected: &'static str,
    },
}

impl JsonError {
    /// Not the expected shape: `expected` says what should be there.
    pub fn shape(expected: &'static str) -> Self {
        JsonError::Shape {
            path: String::new(),
            expected,
        }
    }

    /// Puts `segment` (a field name, or `[i]`) in front of a shape error's path.
    fn within(self, segment: &str) -> Self {
        match self {
            JsonError::Shape { path, expected } => {
                let joined = match (path.is_empty(), path.starts_with('[')) {
                    (true, _) => segment.to_owned(),
                    (false, true) => format!("{segment}{path}"),
                    (false, false) => format!("{segment}.{path}"),
                };
                JsonError::Shape {
                    path: joined,
                    expected,
                }
            }
            other => other,
        }
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JsonError::Eof { line, column } => {
                write!(f, "it ends too early (line {line}, column {column})")
            }
            JsonError::Syntax { line, column } => {
                write!(f, "it is not valid JSON (line {line}, column {column})")
            }
            JsonError::Shape { path, expected } if path.is_empty() => {
                write!(f, "it has the wrong shape: expected {expected}")
            }
            JsonError::Shape { path, expected } => {
                write!(f, "it has the wrong shape: “{path}” should be {expected}")
            }
        }
    }
}

/// Deeper nesting than this is refused rather than risking the stack.
const MAX_DEPTH: usize = 128;

/// Parses one JSON document (RFC 8259); anything after it but whitespace is an error.
pub fn parse(text: &str) -> Result<Json, JsonError> {
    let mut parser = Parser {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let value = parser.value(0)?;
    parser.skip_whitespace();
    if parser.at < parser.bytes.len() {
        return Err(parser.syntax());
    }
    Ok(value)
}

/// Parses `text` and reads it as a `T`.
pub fn from_str<T: FromJson>(text: &str) -> Result<T, JsonError> {
    T::from_json(parse(text)?)
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn position(&self) -> (usize, usize) {
        let before = &self.text[..self.at.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, column)
    }

    /// An error at the current place: "ends too early" when the text ran out.
    fn syntax(&self) -> JsonError {
        let (line, column) = self.position();
        if self.at >= self.bytes.len() {
            JsonError::Eof { line, column }
        } else {
            JsonError::Syntax { line, column }
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r' | b'\t')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), JsonError> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.syntax())
        }
    }

    fn literal(&mut self, word: &str, value: Json) -> Result<Json, JsonError> {
        for &b in word.as_bytes() {
            self.expect(b)?;
        }
        Ok(value)
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        if depth > MAX_DEPTH {
            return Err(self.syntax());
        }
        self.skip_whitespace();
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Json::String),
            Some(b't') => self.literal("true", Json::Bool(true)),
            Some(b'f') => self.literal("false", Json::Bool(false)),
            Some(b'n') => self.literal("null", Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            _ => Err(self.syntax()),
        }
    }

    /// Reads `open`, then items separated by commas until `close`.
    fn sequence(
        &mut self,
        open: u8,
        close: u8,
        mut item: impl FnMut(&mut Self) -> Result<(), JsonError>,
    ) -> Result<(), JsonError> {
        self.expect(open)?;
        self.skip_whitespace();
        if self.peek() == Some(close) {
            self.at += 1;
            return Ok(());
        }
        loop {
            item(self)?;
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b) if b == close => {
                    self.at += 1;
                    return Ok(());
                }
                _ => return Err(self.syntax()),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Json, JsonError> {
        let mut items = Vec::new();
        self.sequence(b'[', b']', |p| {
            items.push(p.value(depth + 1)?);
            Ok(())
        })?;
        Ok(Json::Array(items))
    }

    fn object(&mut self, depth: usize) -> Result<Json, JsonError> {
        let mut fields = Vec::new();
        self.sequence(b'{', b'}', |p| {
            p.skip_whitespace();
            let key = p.string()?;
            p.skip_whitespace();
            p.expect(b':')?;
            fields.push((key, p.value(depth + 1)?));
            Ok(())
        })?;
        Ok(Json::Object(fields))
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Json, JsonError> {
        let start = self.at;
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let leading_zero = self.peek() == Some(b'0');
        match self.digits() {
            0 => return Err(self.syntax()),
            n if leading_zero && n > 1 => return Err(self.syntax()),
            _ => {}
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.syntax());
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.syntax());
            }
        }
        Ok(Json::Number(self.text[start..self.at].into()))
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let mut code = 0;
        for _ in 0..4 {
            let digit = self
                .peek()
                .and_then(|b| (b as char).to_digit(16))
                .ok_or_else(|| self.syntax())?;
            code = code * 16 + digit;
            self.at += 1;
        }
        Ok(code)
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.expect(b'"')?;
        let mut out = String::new();
        loop {
            // Copy the run of plain characters at once; the text is already UTF-8.
            let run = self.at;
            while matches!(self.peek(), Some(b) if b != b'"' && b != b'\\' && b >= 0x20) {
                self.at += 1;
            }
            out.push_str(&self.text[run..self.at]);
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.at += 1;
                    let escaped = match self.peek() {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'n') => '\n',
                        Some(b'r') => '\r',
                        Some(b't') => '\t',
                        Some(b'u') => {
                            self.at += 1;
                            out.push(self.escaped_char()?);
                            continue;
                        }
                        _ => return Err(self.syntax()),
                    };
                    self.at += 1;
                    out.push(escaped);
                }
                // A raw control character, or the end of the text.
                _ => return Err(self.syntax()),
            }
        }
    }

    /// The character of a `\uXXXX` escape (the `\u` already read), joining
    /// a surrogate pair; a lone surrogate is an error.
    fn escaped_char(&mut self) -> Result<char, JsonError> {
        let first = self.hex4()?;
        let code = if (0xD800..0xDC00).contains(&first) {
            self.expect(b'\\')?;
            self.expect(b'u')?;
            let second = self.hex4()?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(self.syntax());
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code).ok_or_else(|| self.syntax())
    }
}

/// A type read from JSON.
pub trait FromJson: Sized {
    fn from_json(value: Json) -> Result<Self, JsonError>;
}

/// A type written as JSON.
pub trait ToJson {
    fn write_json(&self, out: &mut String);
}

/// `value` as compact JSON.
pub fn to_string<T: ToJson + ?Sized>(value: &T) -> String {
    let mut out = String::new();
    value.write_json(&mut out);
    out
}

impl FromJson for Json {
    fn from_json(value: Json) -> Result<Self, JsonError> {
        Ok(value)
    }
}

impl FromJson for String {
    fn from_json(value: Json) -> Result<Self, JsonError> {
        match value {
            Json::String(s) => Ok(s),
            _ => Err(JsonError::shape("text")),
        }
    }
}

impl FromJson for bool {
    fn from_json(value: Json) -> Result<Self, JsonError> {
        match value {
            Json::Bool(b) => Ok(b),
            _ => Err(JsonError::shape("true or false")),
        }
    }
}

impl FromJson for u64 {
    fn from_json(value: Json) -> Result<Self, JsonError> {
        match value {
            Json::Number(text) => text.parse().ok(),
            _ => None,
        }
        .ok_or(JsonError::shape("a whole number ≥ 0"))
    }
}

impl FromJson for u32 {
    fn from_json(value: Json) -> Result<Self, JsonError> {
        u64::from_json(value)?
            .try_into()
            .map_err(|_| JsonError::shape("a whole number ≥ 0"))
    }
}

impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: Json) -> Result<Self, JsonError> {
        match value {
            Json::Null => Ok(None),
            other => T::from_json(other).map(Some),
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: Json) -> Result<Self, JsonError> {
        let Json::Array(items) = value else {
            return Err(JsonError::shape("a list"));
        };
        let mut list = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            list.push(T::from_json(item).map_err(|e| e.within(&format!("[{i}]")))?);
        }
        Ok(list)
    }
}

/// The fields of a JSON object, taken out one by one.
///
/// [`Fields::take`] records the first error instead of returning it, and
/// [`Fields::finish`] reports it: a struct's decoding then has one exit,
/// not one per field, each dropping the fields decoded so far (that code
/// was most of the decoders' size in the wasm).
pub struct Fields {
    fields: Vec<(String, Json)>,
    error: Option<JsonError>,
}

impl Fields {
    pub fn of(value: Json) -> Result<Self, JsonError> {
        match value {
            Json::Object(fields) => Ok(Fields {
                fields,
                error: None,
            }),
            _ => Err(JsonError::shape("an object")),
        }
    }

    /// Takes field `name`. When it is missing or null, a `required` field is
    /// an error and another one is `T::default()`. Unknown fields are ignored;
    /// of repeated ones the last counts, as in JavaScript. On an error the
    /// value is `T::default()` and the error is kept for [`Fields::finish`].
    pub fn take<T: FromJson + Default>(&mut self, name: &str, required: bool) -> T {
        match self.take_value(name, required).map(T::from_json) {
            Some(Ok(value)) => value,
            Some(Err(error)) => {
                self.fail(error, name);
                T::default()
            }
            None => T::default(),
        }
    }

    /// `Ok(value)` unless a field failed; then the first failure.
    pub fn finish<T>(self, value: T) -> Result<T, JsonError> {
        match self.error {
            None => Ok(value),
            Some(error) => Err(error),
        }
    }

    /// The value of field `name`, if it has one; a missing `required` one is
    /// recorded as the error. Not generic: compiled once.
    fn take_value(&mut self, name: &str, required: bool) -> Option<Json> {
        let value = match self.fields.iter().rposition(|(key, _)| key == name) {
            Some(i) => std::mem::replace(&mut self.fields[i].1, Json::Null),
            None => Json::Null,
        };
        match value {
            Json::Null if required => {
                self.fail(JsonError::shape("present"), name);
                None
            }
            Json::Null => None,
            value => Some(value),
        }
    }

    fn fail(&mut self, error: JsonError, name: &str) {
        if self.error.is_none() {
            self.error = Some(error.within(name));
        }
    }
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        // The same escapes as serde_json, so generated files stay byte-identical.
        out.push('"');
        for c in self.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                '\u{8}' => out.push_str("\\b"),
                '\u{c}' => out.push_str("\\f"),
                c if (c as u32) < 0x20 => {
                    const HEX: &[u8; 16] = b"0123456789abcdef";
                    out.push_str("\\u00");
                    out.push(HEX[(c as usize) >> 4] as char);
                    out.push(HEX[(c as usize) & 15] as char);
                }
                c => out.push(c),
            }
        }
        out.push('"');
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        self.as_str().write_json(out)
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" })
    }
}

impl ToJson for u64 {
    fn write_json(&self, out: &mut String) {
        use fmt::Write;
        _ = write!(out, "{self}");
    }
}

impl ToJson for u32 {
    fn write_json(&self, out: &mut String) {
        u64::from(*self).write_json(out)
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, out: &mut String) {
        match self {
            Some(value) => value.write_json(out),
            None => out.push_str("null"),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.write_json(out);
        }
        out.push(']');
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out)
    }
}

/// Writes an object's fields in order.
pub struct ObjectWriter<'a> {
    out: &'a mut String,
    first: bool,
}

impl<'a> ObjectWriter<'a> {
    pub fn start(out: &'a mut String) -> Self {
        out.push('{');
        ObjectWriter { out, first: true }
    }

    pub fn field<T: ToJson + ?Sized>(&mut self, name: &str, value: &T) -> &mut Self {
        if !self.first {
            self.out.push(',');
        }
        self.first = false;
        name.write_json(self.out);
        self.out.push(':');
        value.write_json(self.out);
        self
    }

    pub fn end(&mut self) {
        self.out.push('}');
    }
}

/// Implements [`FromJson`] and [`ToJson`] for a struct from its field list,
/// in the order they are written. `field = default` may be missing or null.
///
/// ```ignore
/// json_object!(Category { slug, name, count = default });
/// ```
#[macro_export]
macro_rules! json_object {
    ($type:ident { $($field:ident $(= $default:ident)?),* $(,)? }) => {
        impl $crate::json::FromJson for $type {
            fn from_json(value: $crate::json::Json) -> Result<Self, $crate::json::JsonError> {
                let mut fields = $crate::json::Fields::of(value)?;
                let value = $type {
                    $($field: fields.take(
                        stringify!($field),
                        $crate::json_object!(@required $($default)?),
                    ),)*
                };
                fields.finish(value)
            }
        }
        impl $crate::json::ToJson for $type {
            fn write_json(&self, out: &mut String) {
                $crate::json::ObjectWriter::start(out)
                    $(.field(stringify!($field), &self.$field))*
                    .end();
            }
        }
    };
    (@required) => { true };
    (@required default) => { false };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, PartialEq)]
    struct Sample {
        name: String,
        count: u32,
        tags: Vec<String>,
        link: Option<String>,
    }
    json_object!(Sample { name, count = default, tags = default, link = default });

    #[test]
    fn parses_every_kind_of_value() {
        let value =
            parse(r#" {"a": [1, -2.5e3, true, false, null, "x\"\u00e9\ud83d\ude00\n"], "b": {}} "#)
                .unwrap();
        assert_eq!(
            value,
            Json::Object(vec![
                (
                    "a".into(),
                    Json::Array(vec![
                        Json::Number("1".into()),
                        Json::Number("-2.5e3".into()),
                        Json::Bool(true),
                        Json::Bool(false),
                        Json::Null,
                        Json::String("x\"é😀\n".into()),
                    ])
                ),
                ("b".into(), Json::Object(vec![])),
            ])
        );
    }

    #[test]
    fn names_where_the_text_breaks() {
        assert_eq!(
            parse(r#"{"a":"#),
            Err(JsonError::Eof { line: 1, column: 6 })
        );
        assert_eq!(
            parse("{\n  \"a\" 1}"),
            Err(JsonError::Syntax { line: 2, column: 7 })
        );
        for bad in [
            "",
            "nope",
            "{,}",
            "[1,]",
            "[1 2]",
            "01",
            "1.",
            "-",
            "1e",
            "\"\\x\"",
            "\"a\nb\"",
            "\"\\ud800\"",
            "{\"a\":1}x",
            "'a'",
            "[\"\\u12\"]",
            "{1:2}",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} parsed");
        }
    }

    #[test]
    fn refuses_deep_nesting_without_overflowing() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).is_err());
        let fine = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn reads_objects_with_defaults_and_paths() {
        let s: Sample =
            from_str(r#"{"name":"A","tags":["x"],"extra":{"deep":[1]},"link":null}"#).unwrap();
        assert_eq!(
            s,
            Sample {
                name: "A".into(),
                tags: vec!["x".into()],
                ..Sample::default()
            }
        );
        let err = |text| from_str::<Sample>(text).unwrap_err().to_string();
        assert_eq!(
            err(r#"{"count":1}"#),
            "it has the wrong shape: “name” should be present"
        );
        assert_eq!(
            err(r#"{"name":"A","tags":["x",3]}"#),
            "it has the wrong shape: “tags[1]” should be text"
        );
        assert_eq!(
            err(r#"{"name":"A","count":-1}"#),
            "it has the wrong shape: “count” should be a whole number ≥ 0"
        );
        assert_eq!(
            err(r#"{"name":"A","count":4294967296}"#),
            "it has the wrong shape: “count” should be a whole number ≥ 0"
        );
        assert_eq!(
            err(r#"{"name":"A","count":1.5}"#),
            "it has the wrong shape: “count” should be a whole number ≥ 0"
        );
        assert_eq!(err("[]"), "it has the wrong shape: expected an object");
        assert_eq!(
            from_str::<Sample>(r#"{"name":"A","name":"B"}"#)
                .unwrap()
                .name,
            "B"
        );
    }

    #[test]
    fn writes_what_it_reads() {
        let s = Sample {
            name: "q\"\\\n\t\u{1}é😀</script>".into(),
            count: 7,
            tags: vec!["a".into(), "b".into()],
            link: None,
        };
        let text = to_string(&s);
        assert_eq!(
            text,
            r#"{"name":"q\"\\\n\t\u0001é😀</script>","count":7,"tags":["a","b"],"link":null}"#
        );
        assert_eq!(from_str::<Sample>(&text).unwrap(), s);
        assert_eq!(to_string(&u64::MAX), "18446744073709551615");
        assert_eq!(from_str::<u64>("18446744073709551615").unwrap(), u64::MAX);
    }
}
