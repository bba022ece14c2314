//! CSV and TSV with a header row. Columns are recognised by the usual names (`title`,
//! `headline`, `body`, `text`, `region`, `theme`, `category`...) or by the names given in
//! [`Columns`]. A row with a missing or an extra field is an error naming its line.

use std::io::BufRead;

#[cfg(test)]
use super::Article;
use super::{Columns, Field, Origin, RawArticle, RawFields};
use crate::error::{Error, Result};

/// Streams the rows of a CSV or TSV input as articles.
pub(super) fn stream<R: BufRead>(
    input: R,
    delimiter: u8,
    name: &str,
    columns: &Columns,
) -> Result<impl Iterator<Item = Result<RawArticle>>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .flexible(false)
        // TSV has no quoting: a `"` inside a field is text (IANA text/tab-separated-values).
        .quoting(delimiter != b'\t')
        .from_reader(input);
    let header = reader
        .headers()
        .map_err(|e| Error::bad_input(name, 1, format!("cannot read the header row ({e})")))?
        .clone();
    let fields: Vec<Option<Field>> = header
        .iter()
        .map(|h| Field::from_name(h, columns))
        .collect();
    let has = |f: Field| fields.contains(&Some(f));
    if !has(Field::Title) && !has(Field::Body) {
        let found: Vec<&str> = header.iter().collect();
        return Err(Error::bad_input(
            name,
            1,
            format!(
                "the header has no title or text column (found: {}); name them with --title-col and --text-col",
                found.join(", ")
            ),
        ));
    }
    let name = name.to_string();
    // A bad row is an error item; the rows after it are still read.
    Ok(reader
        .into_records()
        .map(move |record| to_article(record, &fields, &name)))
}

fn to_article(
    record: std::result::Result<csv::StringRecord, csv::Error>,
    fields: &[Option<Field>],
    name: &str,
) -> Result<RawArticle> {
    let record = record.map_err(|e| {
        let line = e.position().map_or(0, |p| p.line() as usize);
        let message = match e.kind() {
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => {
                format!("this row has {len} fields where the header has {expected_len}")
            }
            csv::ErrorKind::Utf8 { .. } => {
                "the file is not valid UTF-8 text; convert it to UTF-8 first".to_string()
            }
            _ => e.to_string(),
        };
        Error::bad_input(name, line, message)
    })?;
    let line = record.position().map_or(0, |p| p.line() as usize);
    let mut raw = RawFields::default();
    for (field, value) in fields.iter().zip(record.iter()) {
        if let Some(field) = field {
            field.fill(&mut raw, value.to_string());
        }
    }
    let origin = Origin {
        path: name.to_string(),
        line,
    };
    Ok(RawArticle::new(raw, origin))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str, delimiter: u8, name: &str, columns: &Columns) -> Result<Vec<Article>> {
        stream(text.as_bytes(), delimiter, name, columns)?
            .map(|a| a.map(RawArticle::repair))
            .collect()
    }

    #[test]
    fn public_layout_reads_category_as_theme() {
        let text = "category,headline,text\nsport,Un titre,\"Un corps, avec virgule.\"\n";
        let articles = parse(text, b',', "p.csv", &Columns::default()).unwrap();
        assert_eq!(articles[0].theme.as_deref(), Some("sport"));
        assert_eq!(articles[0].body, "Un corps, avec virgule.");
        assert_eq!(articles[0].origin.line, 2);
    }

    #[test]
    fn missing_and_extra_columns_name_the_line() {
        let text = "title\tbody\nA\tB\nC\n";
        let err = parse(text, b'\t', "p.tsv", &Columns::default())
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("p.tsv:3: this row has 1 fields where the header has 2"),
            "{err}"
        );
        let text = "title,body\nA,B,C\n";
        let err = parse(text, b',', "p.csv", &Columns::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("p.csv:2"), "{err}");
    }

    #[test]
    fn quotes_inside_tsv_fields_are_text() {
        let text = "title\tbody\n\"Oui\" dit-il\tIl a dit \"non\" puis \"oui\".\n";
        let articles = parse(text, b'\t', "q.tsv", &Columns::default()).unwrap();
        assert_eq!(articles[0].title, "“Oui” dit-il");
        assert_eq!(articles[0].body, "Il a dit “non” puis “oui”.");
    }

    #[test]
    fn custom_column_names() {
        let columns = Columns {
            title: Some("sujet".into()),
            text: Some("contenu".into()),
            ..Columns::default()
        };
        let articles = parse("sujet,contenu\nA,B\n", b',', "c.csv", &columns).unwrap();
        assert_eq!(articles[0].title, "A");
    }
}
