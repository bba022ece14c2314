//! JSON Lines: one object per line with `title`/`headline`, `body`/`text`/`content`, and
//! optionally `source`, `url`, `published`, `region`, `theme` (or `category`/`topic`/`label`).
//! Read line by line, so a file of any size streams.

use std::io::BufRead;

use serde_json::Value;

use super::lines::Lines;
use super::{article_from_fields, Article, Columns, Field, Origin, RawFields};
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
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Result<Article>> {
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

fn parse_line(line: &str, name: &str, line_no: usize) -> Result<Article> {
    let value: Value = serde_json::from_str(line).map_err(|e| {
        let what = if e.is_eof() {
            "the JSON object is cut short"
        } else {
            "invalid JSON"
        };
        Error::bad_input(name, line_no, format!("{what} ({e})"))
    })?;
    let Value::Object(object) = value else {
        return Err(Error::bad_input(name, line_no, "expected a JSON object"));
    };
    let mut fields = RawFields::default();
    for (key, value) in object {
        let Some(field) = Field::from_name(&key, &Columns::default()) else {
            continue;
        };
        let text = match value {
            Value::String(s) => s,
            Value::Null => continue,
            Value::Number(n) => n.to_string(),
            other => {
                return Err(Error::bad_input(
                    name,
                    line_no,
                    format!("field \"{key}\" should be a string, not {other}"),
                ))
            }
        };
        field.fill(&mut fields, text);
    }
    if fields.title.trim().is_empty() && fields.body.trim().is_empty() {
        return Err(Error::bad_input(
            name,
            line_no,
            "the object has neither a \"title\" nor a \"body\" field",
        ));
    }
    let origin = Origin {
        path: name.to_string(),
        line: line_no,
    };
    Ok(article_from_fields(fields, origin))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Vec<Article>> {
        JsonLinesReader::new(Lines::new(text.as_bytes(), "a.jsonl")).collect()
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
