//! JSON Lines: one object per line with `title`/`headline`, `body`/`text`/`content`, and
//! optionally `source`, `url`, `published`, `region`, `theme` (or `category`/`topic`/`label`).
//! Read line by line, so a file of any size streams.

use std::io::BufRead;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde_json::Value;

use super::lines::Lines;
#[cfg(test)]
use super::Article;
use super::{Columns, Field, Origin, RawArticle, RawFields};
use crate::error::{Error, Result};

/// Streams the articles of a JSON Lines input; a bad line is an error item, and reading
/// goes on after it (the caller stops, or skips it under `--skip-bad`).
pub(super) struct JsonLinesReader<R> {
    lines: Lines<R>,
}

impl<R: BufRead> JsonLinesReader<R> {
    pub(super) fn new(lines: Lines<R>) -> Self {
        JsonLinesReader { lines }
    }
}

impl<R: BufRead> Iterator for JsonLinesReader<R> {
    type Item = Result<RawArticle>;

    fn next(&mut self) -> Option<Result<RawArticle>> {
        loop {
            let (number, line) = match self.lines.next_line()? {
                Ok(l) => l,
                Err(e) => return Some(Err(e)),
            };
            if line.trim().is_empty() {
                continue;
            }
            return Some(parse_line(&line, self.lines.name(), number));
        }
    }
}

fn parse_line(line: &str, name: &str, line_no: usize) -> Result<RawArticle> {
    let bad = |what: String| Error::bad_input(name, line_no, what);
    let object: Object = serde_json::from_str(line).map_err(|e| {
        if e.is_data() {
            // Valid JSON, but not an object.
            return bad("expected a JSON object".to_string());
        }
        let what = if e.is_eof() {
            "the JSON object is cut short"
        } else {
            "invalid JSON"
        };
        bad(format!("{what} ({e})"))
    })?;
    if let Some((key, value)) = object.not_text {
        return Err(bad(format!(
            "field \"{key}\" should be a string, not {value}"
        )));
    }
    let fields = object.fields;
    if fields.title.trim().is_empty() && fields.body.trim().is_empty() {
        return Err(bad(
            "the object has neither a \"title\" nor a \"body\" field".to_string(),
        ));
    }
    let origin = Origin {
        path: name.to_string(),
        line: line_no,
    };
    Ok(RawArticle::new(fields, origin))
}

/// One line's object, read straight into the article's fields: no tree of
/// `serde_json::Value`s and no allocation per key. Of two keys filling the same field, the
/// later one wins.
#[derive(Default)]
struct Object {
    fields: RawFields,
    /// The first known field whose value is neither text, a number nor null.
    not_text: Option<(String, Value)>,
}

impl<'de> Deserialize<'de> for Object {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        deserializer.deserialize_map(ObjectVisitor)
    }
}

struct ObjectVisitor;

impl<'de> Visitor<'de> for ObjectVisitor {
    type Value = Object;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Object, A::Error> {
        let mut object = Object::default();
        while let Some(key) = map.next_key::<Key>()? {
            let Some(field) = key.field else {
                map.next_value::<IgnoredAny>()?;
                continue;
            };
            match map.next_value::<Value>()? {
                Value::String(text) => field.fill(&mut object.fields, text),
                Value::Number(n) => field.fill(&mut object.fields, n.to_string()),
                Value::Null => {}
                other => {
                    object.not_text.get_or_insert((key.name, other));
                }
            }
        }
        Ok(object)
    }
}

/// A key of the object: the field it names, if any, and the key itself for messages.
struct Key {
    field: Option<Field>,
    name: String,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> std::result::Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a key")
            }
            fn visit_str<E: serde::de::Error>(self, key: &str) -> std::result::Result<Key, E> {
                let field = Field::from_name(key, &Columns::default());
                // Only a known key can be named in a message: spare the others a copy.
                let name = if field.is_some() {
                    key.to_string()
                } else {
                    String::new()
                };
                Ok(Key { field, name })
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Article>> {
        JsonLinesReader::new(Lines::new(text.as_bytes(), "a.jsonl"))
            .map(|a| a.map(RawArticle::repair))
            .collect()
    }

    #[test]
    fn reads_alternative_names() {
        let text = "{\"headline\": \"T\", \"content\": \"B\", \"category\": \"sport\"}\n";
        let articles = parse(text).unwrap();
        assert_eq!(articles[0].title, "T");
        assert_eq!(articles[0].body, "B");
        assert_eq!(articles[0].theme.as_deref(), Some("sport"));
    }

    #[test]
    fn values_other_than_text_are_read_or_named() {
        let text = "{\"title\": 2025, \"body\": \"B\", \"source\": null, \"extra\": [1]}\n";
        let articles = parse(text).unwrap();
        assert_eq!(articles[0].title, "2025");
        assert_eq!(articles[0].source, None);
        let err = parse("{\"title\": \"T\", \"body\": {\"p\": 1}}\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.ends_with("field \"body\" should be a string, not {\"p\":1}"),
            "{err}"
        );
    }

    #[test]
    fn a_line_that_is_not_an_object_says_so() {
        for line in ["[1, 2]", "\"text\"", "3"] {
            let err = parse(&format!("{line}\n")).unwrap_err().to_string();
            assert_eq!(err, "a.jsonl:1: expected a JSON object", "{line}");
        }
        let err = parse("{\"title\": x}\n").unwrap_err().to_string();
        assert!(err.starts_with("a.jsonl:1: invalid JSON ("), "{err}");
    }

    #[test]
    fn of_two_keys_for_one_field_the_later_wins() {
        let articles = parse("{\"headline\": \"A\", \"title\": \"B\", \"Body\": \"x\"}\n").unwrap();
        assert_eq!(articles[0].title, "B");
        assert_eq!(articles[0].body, "x");
    }

    #[test]
    fn truncated_line_is_named() {
        let text = "{\"title\": \"T\", \"body\": \"B\"}\n{\"title\": \"T2\", \"bo";
        let err = parse(text).unwrap_err().to_string();
        assert!(
            err.starts_with("a.jsonl:2: the JSON object is cut short"),
            "{err}"
        );
    }

    #[test]
    fn bad_utf8_names_its_line() {
        let err = JsonLinesReader::new(Lines::new(
            &b"{\"title\": \"ok\"}\n{\"title\": \"\xff\"}\n"[..],
            "a.jsonl",
        ))
        .collect::<Result<Vec<_>>>()
        .unwrap_err()
        .to_string();
        assert!(err.starts_with("a.jsonl:2:"), "{err}");
    }
}
