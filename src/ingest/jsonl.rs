//! JSON Lines: one object per line with `title`/`headline`, `body`/`text`/`content`, and
//! optionally `source`, `url`, `published`, `region`, `theme` (or `category`/`topic`/`label`).

use serde_json::Value;

use super::{article_from_fields, Article, Columns, Field, Origin, RawFields};
use crate::error::{Error, Result};

pub(super) fn parse(text: &str, name: &str) -> Result<Vec<Article>> {
    let mut articles = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let line_no = index + 1;
        if line.trim().is_empty() {
            continue;
        }
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
        articles.push(article_from_fields(fields, origin));
    }
    Ok(articles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_alternative_names() {
        let text = "{\"headline\": \"T\", \"content\": \"B\", \"category\": \"sport\"}\n";
        let articles = parse(text, "a.jsonl").unwrap();
        assert_eq!(articles[0].title, "T");
        assert_eq!(articles[0].body, "B");
        assert_eq!(articles[0].theme.as_deref(), Some("sport"));
    }

    #[test]
    fn truncated_line_is_named() {
        let text = "{\"title\": \"T\", \"body\": \"B\"}\n{\"title\": \"T2\", \"bo";
        let err = parse(text, "a.jsonl").unwrap_err().to_string();
        assert!(
            err.starts_with("a.jsonl:2: the JSON object is cut short"),
            "{err}"
        );
    }
}
