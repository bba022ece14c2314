//! Reading articles: files, directories (recursively) and standard input, in the dispatch
//! text format, JSON Lines, or CSV/TSV with a header. The format comes from the extension,
//! else from the content. Every title and body is repaired ([`crate::text::repair`]) on the
//! way in, so later stages only ever see clean text.

mod delimited;
mod dispatch;
mod jsonl;

use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::text::repair;

/// Where an article came from, for error messages and `classify` output.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The file's path as given, or `<stdin>`.
    pub path: String,
    /// The line the article starts on, 1-based.
    pub line: usize,
}

/// One news article, repaired, with its labels when the input carries them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The headline.
    pub title: String,
    /// The body text, one paragraph per line.
    pub body: String,
    /// The agency or outlet, if given.
    pub source: Option<String>,
    /// The article's address, if given.
    pub url: Option<String>,
    /// Publication time (RFC 3339), if given.
    pub published: Option<String>,
    /// Region label, for training and evaluation.
    pub region: Option<String>,
    /// Theme label, for training and evaluation.
    pub theme: Option<String>,
    /// Where it was read.
    pub origin: Origin,
}

impl Article {
    /// An unlabelled article from a headline and a body, repaired like any input.
    pub fn new(title: &str, body: &str) -> Self {
        Article {
            title: repair(title),
            body: repair(body),
            ..Article::default()
        }
    }

    /// The label of the head called `head` (`"region"` or `"theme"`).
    pub fn label(&self, head: &str) -> Option<&str> {
        match head {
            "region" => self.region.as_deref(),
            "theme" => self.theme.as_deref(),
            _ => None,
        }
    }
}

/// The input formats revue reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Headline paragraph, body paragraph(s), articles separated by blank lines.
    Dispatch,
    /// One JSON object per line.
    JsonLines,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
}

impl Format {
    /// The format an extension stands for, if it names one.
    pub fn from_extension(path: &Path) -> Option<Format> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "txt" | "text" => Some(Format::Dispatch),
            "jsonl" | "ndjson" | "json" => Some(Format::JsonLines),
            "csv" => Some(Format::Csv),
            "tsv" | "tab" => Some(Format::Tsv),
            _ => None,
        }
    }

    /// Guesses the format from the first line of the content.
    pub fn sniff(text: &str) -> Format {
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        let header = first.to_ascii_lowercase();
        let names_columns = ["title", "headline", "body", "text", "category"]
            .iter()
            .any(|c| header.contains(c));
        if first.trim_start().starts_with('{') {
            Format::JsonLines
        } else if names_columns && first.contains('\t') {
            Format::Tsv
        } else if names_columns && first.contains(',') && first.len() < 200 {
            Format::Csv
        } else {
            Format::Dispatch
        }
    }
}

/// Column names for CSV/TSV inputs whose header does not use the usual names.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    /// Column holding the headline.
    pub title: Option<String>,
    /// Column holding the body text.
    pub text: Option<String>,
    /// Column holding the region label.
    pub region: Option<String>,
    /// Column holding the theme label.
    pub theme: Option<String>,
}

/// Reads every article from `inputs`: files, directories (recursively, files with a known
/// extension, in name order) or `-` for standard input; no input at all means standard input.
pub fn read_inputs(inputs: &[PathBuf], columns: &Columns) -> Result<Vec<Article>> {
    let mut articles = Vec::new();
    if inputs.is_empty() {
        articles.extend(read_stdin(columns)?);
    }
    for input in inputs {
        if input.as_os_str() == "-" {
            articles.extend(read_stdin(columns)?);
        } else if input.is_dir() {
            for file in files_in(input)? {
                articles.extend(read_file(&file, columns)?);
            }
        } else {
            articles.extend(read_file(input, columns)?);
        }
    }
    Ok(articles)
}

/// The input files below `dir`, recursively, with a known extension, in a stable order.
pub fn files_in(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            Error::io(path, e.into())
        })?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if entry.file_type().is_file() && !hidden && Format::from_extension(entry.path()).is_some()
        {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// Reads one file, with the format its extension names or its content suggests.
pub fn read_file(path: &Path, columns: &Columns) -> Result<Vec<Article>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let name = path.display().to_string();
    let text = decode(&bytes, &name)?;
    let format = Format::from_extension(path).unwrap_or_else(|| Format::sniff(text));
    parse(text, format, &name, columns)
}

fn read_stdin(columns: &Columns) -> Result<Vec<Article>> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("<stdin>", e))?;
    let text = decode(&bytes, "<stdin>")?;
    parse(text, Format::sniff(text), "<stdin>", columns)
}

/// Checks that `bytes` are UTF-8 text (not empty, not binary) and returns them as a string.
pub fn decode<'a>(bytes: &'a [u8], name: &str) -> Result<&'a str> {
    let line_of = |offset: usize| 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::bad_input(
            name,
            1,
            "the file is empty: there is no article to read",
        ));
    }
    if let Some(offset) = bytes.iter().take(8192).position(|&b| b == 0) {
        return Err(Error::bad_input(
            name,
            line_of(offset),
            "this looks like a binary file, not text (it contains NUL bytes)",
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: name.to_string(),
        line: line_of(e.valid_up_to()),
        offset: e.valid_up_to(),
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Parses `text` in `format`; `name` is used in error messages.
pub fn parse(text: &str, format: Format, name: &str, columns: &Columns) -> Result<Vec<Article>> {
    let articles = match format {
        Format::Dispatch => dispatch::parse(text, name),
        Format::JsonLines => jsonl::parse(text, name)?,
        Format::Csv => delimited::parse(text, b',', name, columns)?,
        Format::Tsv => delimited::parse(text, b'\t', name, columns)?,
    };
    if articles.is_empty() {
        return Err(Error::bad_input(name, 1, "no article found in this input"));
    }
    Ok(articles)
}

/// Builds an article from raw fields, repairing text and dropping empty labels.
fn article_from_fields(fields: RawFields, origin: Origin) -> Article {
    let clean = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
    Article {
        title: repair(&fields.title),
        body: repair(&fields.body),
        source: clean(fields.source),
        url: clean(fields.url),
        published: clean(fields.published),
        region: clean(fields.region),
        theme: clean(fields.theme),
        origin,
    }
}

/// Fields as read, before repair.
#[derive(Debug, Default)]
struct RawFields {
    title: String,
    body: String,
    source: Option<String>,
    url: Option<String>,
    published: Option<String>,
    region: Option<String>,
    theme: Option<String>,
}

/// Which field a column or JSON key fills, by the names DESIGN.md lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Body,
    Source,
    Url,
    Published,
    Region,
    Theme,
}

impl Field {
    fn from_name(name: &str, columns: &Columns) -> Option<Field> {
        let name = name.trim();
        let is = |custom: &Option<String>| custom.as_deref() == Some(name);
        if is(&columns.title) {
            return Some(Field::Title);
        }
        if is(&columns.text) {
            return Some(Field::Body);
        }
        if is(&columns.region) {
            return Some(Field::Region);
        }
        if is(&columns.theme) {
            return Some(Field::Theme);
        }
        match name.to_ascii_lowercase().as_str() {
            "title" | "headline" | "titre" => Some(Field::Title),
            "body" | "text" | "content" | "texte" => Some(Field::Body),
            "source" => Some(Field::Source),
            "url" | "link" => Some(Field::Url),
            "published" | "date" => Some(Field::Published),
            "region" => Some(Field::Region),
            "theme" | "category" | "topic" | "label" => Some(Field::Theme),
            _ => None,
        }
    }

    fn fill(self, fields: &mut RawFields, value: String) {
        match self {
            Field::Title => fields.title = value,
            Field::Body => fields.body = value,
            Field::Source => fields.source = Some(value),
            Field::Url => fields.url = Some(value),
            Field::Published => fields.published = Some(value),
            Field::Region => fields.region = Some(value),
            Field::Theme => fields.theme = Some(value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_extension_and_content() {
        assert_eq!(
            Format::from_extension(Path::new("a.JSONL")),
            Some(Format::JsonLines)
        );
        assert_eq!(Format::from_extension(Path::new("a.md")), None);
        assert_eq!(Format::sniff("{\"title\": 1}"), Format::JsonLines);
        assert_eq!(Format::sniff("category\theadline\ttext\n"), Format::Tsv);
        assert_eq!(Format::sniff("title,body\n"), Format::Csv);
        assert_eq!(Format::sniff("Un titre\n\nUn corps."), Format::Dispatch);
    }

    #[test]
    fn bad_bytes_are_named() {
        let err = decode(b"ok\n\xff\xfe", "f.txt").unwrap_err().to_string();
        assert!(err.starts_with("f.txt:2:"), "{err}");
        assert!(decode(b"  \n", "e.txt")
            .unwrap_err()
            .to_string()
            .contains("empty"));
        assert!(decode(b"ab\0cd", "b.bin")
            .unwrap_err()
            .to_string()
            .contains("binary"));
    }
}
