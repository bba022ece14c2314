//! Reading articles: files, directories (recursively) and standard input, in the dispatch
//! text format, JSON Lines, or CSV/TSV with a header. The format comes from the extension,
//! else from the content. Readers hand out articles as read ([`RawArticle`]); every title
//! and body is repaired ([`crate::text::repair`]) before anything else sees it, so later
//! stages only ever see clean text. Repairing is left out of the reading itself so that the
//! worker threads do it, in parallel, instead of the one thread that reads.

mod delimited;
mod dispatch;
mod jsonl;
mod lines;

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};

use lines::Lines;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::text::normalize::repair_owned;
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

/// An article as a reader found it, before its text is repaired: what the streams of this
/// module yield. [`RawArticle::repair`] (or `Article::from`) makes it an [`Article`].
#[derive(Debug, Default)]
pub struct RawArticle {
    fields: RawFields,
    /// The body's paragraphs, each repaired on its own and kept one per line, when the
    /// format gives them apart (dispatch text); otherwise the body is `fields.body`.
    paragraphs: Vec<String>,
    origin: Origin,
}

impl RawArticle {
    fn new(fields: RawFields, origin: Origin) -> Self {
        Self::with_paragraphs(fields, Vec::new(), origin)
    }

    fn with_paragraphs(fields: RawFields, paragraphs: Vec<String>, origin: Origin) -> Self {
        RawArticle {
            fields,
            paragraphs,
            origin,
        }
    }

    /// The article, its headline and body repaired, empty labels dropped.
    pub fn repair(self) -> Article {
        let RawArticle {
            fields,
            paragraphs,
            origin,
        } = self;
        let body = if paragraphs.is_empty() {
            repair_owned(fields.body)
        } else {
            let repaired: Vec<String> = paragraphs.into_iter().map(repair_owned).collect();
            repaired.join("\n")
        };
        let clean = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        Article {
            title: repair_owned(fields.title),
            body,
            source: clean(fields.source),
            url: clean(fields.url),
            published: clean(fields.published),
            region: clean(fields.region),
            theme: clean(fields.theme),
            origin,
        }
    }
}

impl From<RawArticle> for Article {
    /// Repairs the article ([`RawArticle::repair`]).
    fn from(raw: RawArticle) -> Article {
        raw.repair()
    }
}

/// Reads a whole stream into memory, stopping at its first error, and repairs the
/// articles on every worker thread, keeping their order.
pub fn collect_repaired(stream: ArticleStream) -> Result<Vec<Article>> {
    let articles: Vec<RawArticle> = stream.collect::<Result<_>>()?;
    Ok(articles.into_par_iter().map(RawArticle::repair).collect())
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

/// A stream of articles as read (not yet repaired), one at a time.
pub type ArticleStream = Box<dyn Iterator<Item = Result<RawArticle>> + Send>;

/// Reads every article from `inputs` into memory, repaired; see [`stream_inputs`].
pub fn read_inputs(inputs: &[PathBuf], columns: &Columns) -> Result<Vec<Article>> {
    collect_repaired(stream_inputs(inputs, columns)?)
}

/// Streams every article of `inputs`: files, directories (recursively, files with a known
/// extension, in name order) or `-` for standard input; no input at all means standard
/// input. Directories are listed at once; files are opened one after the other as the
/// stream reaches them, and read without holding them whole.
pub fn stream_inputs(inputs: &[PathBuf], columns: &Columns) -> Result<ArticleStream> {
    let mut sources: Vec<Option<PathBuf>> = Vec::new();
    if inputs.is_empty() {
        sources.push(None);
    }
    for input in inputs {
        if input.as_os_str() == "-" {
            sources.push(None);
        } else if input.is_dir() {
            sources.extend(files_in(input)?.into_iter().map(Some));
        } else {
            sources.push(Some(input.clone()));
        }
    }
    let columns = columns.clone();
    Ok(Box::new(sources.into_iter().flat_map(move |source| {
        let stream = match source {
            Some(path) => stream_file(&path, &columns),
            None => stream_reader(
                Box::new(BufReader::new(std::io::stdin())),
                "<stdin>",
                None,
                &columns,
            ),
        };
        match stream {
            Ok(articles) => articles,
            Err(e) => Box::new(std::iter::once(Err(e))),
        }
    })))
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

/// Reads one file into memory, repaired; see [`stream_file`].
pub fn read_file(path: &Path, columns: &Columns) -> Result<Vec<Article>> {
    collect_repaired(stream_file(path, columns)?)
}

/// Streams one file, in the format its extension names or its content suggests.
pub fn stream_file(path: &Path, columns: &Columns) -> Result<ArticleStream> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let reader = BufReader::with_capacity(BLOCK, file);
    stream_reader(
        Box::new(reader),
        &path.display().to_string(),
        Format::from_extension(path),
        columns,
    )
}

/// Bytes read at a time; also how far the format sniffing and the blank-line check look.
const BLOCK: usize = 1 << 20;

/// Streams articles from any buffered input; `format` `None` sniffs it from the first block.
pub fn stream_reader(
    reader: Box<dyn BufRead + Send>,
    name: &str,
    format: Option<Format>,
    columns: &Columns,
) -> Result<ArticleStream> {
    let mut lines = Lines::new(reader, name);
    let format = match format {
        Some(format) => format,
        None => {
            let block = lines.peek()?;
            let cut = block.len().min(64 * 1024);
            Format::sniff(&String::from_utf8_lossy(&block[..cut]))
        }
    };
    let articles: ArticleStream = match format {
        Format::Dispatch => Box::new(dispatch::DispatchReader::new(lines)),
        Format::JsonLines => Box::new(jsonl::JsonLinesReader::new(lines)),
        Format::Csv | Format::Tsv => {
            lines.peek()?;
            let delimiter = if format == Format::Csv { b',' } else { b'\t' };
            Box::new(delimited::stream(
                lines.into_inner(),
                delimiter,
                name,
                columns,
            )?)
        }
    };
    Ok(Box::new(NonEmpty {
        inner: articles,
        name: name.to_string(),
        seen: false,
    }))
}

/// What `--skip-bad` left out: each distinct error once (a stream read twice reports its
/// errors once).
#[derive(Debug, Default)]
pub struct Skipped {
    messages: std::sync::Mutex<std::collections::BTreeSet<String>>,
}

impl Skipped {
    fn lock(&self) -> std::sync::MutexGuard<'_, std::collections::BTreeSet<String>> {
        // A panic elsewhere cannot leave a set of strings half-written.
        self.messages
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// How many bad inputs (files or lines) were skipped.
    pub fn count(&self) -> usize {
        self.lock().len()
    }

    /// Their messages, sorted.
    pub fn messages(&self) -> Vec<String> {
        self.lock().iter().cloned().collect()
    }
}

/// The same stream without its errors, each recorded in `skipped`.
pub fn skip_bad(stream: ArticleStream, skipped: std::sync::Arc<Skipped>) -> ArticleStream {
    Box::new(stream.filter_map(move |item| match item {
        Ok(article) => Some(Ok(article)),
        Err(error) => {
            skipped.lock().insert(error.to_string());
            None
        }
    }))
}

/// Parses text held in memory (tests, small inputs), repaired.
pub fn parse(text: &str, format: Format, name: &str, columns: &Columns) -> Result<Vec<Article>> {
    let reader: Box<dyn BufRead + Send> = Box::new(std::io::Cursor::new(text.as_bytes().to_vec()));
    collect_repaired(stream_reader(reader, name, Some(format), columns)?)
}

/// Ends a stream that yielded nothing with an error: an empty input is a mistake worth
/// a sentence, not a silent empty digest.
struct NonEmpty {
    inner: ArticleStream,
    name: String,
    seen: bool,
}

impl Iterator for NonEmpty {
    type Item = Result<RawArticle>;

    fn next(&mut self) -> Option<Result<RawArticle>> {
        match self.inner.next() {
            Some(item) => {
                self.seen = true;
                Some(item)
            }
            None if !self.seen => {
                self.seen = true;
                Some(Err(Error::bad_input(
                    &self.name,
                    1,
                    "no article found: the input is empty, blank, or holds only a header",
                )))
            }
            None => None,
        }
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

/// Which field a column or JSON key fills, by the names the README's "Input formats" lists.
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
        // The names of the JSON Lines layout first: most keys are found at once.
        const NAMES: [(&str, Field); 17] = [
            ("title", Field::Title),
            ("body", Field::Body),
            ("region", Field::Region),
            ("theme", Field::Theme),
            ("source", Field::Source),
            ("url", Field::Url),
            ("published", Field::Published),
            ("headline", Field::Title),
            ("titre", Field::Title),
            ("text", Field::Body),
            ("content", Field::Body),
            ("texte", Field::Body),
            ("link", Field::Url),
            ("date", Field::Published),
            ("category", Field::Theme),
            ("topic", Field::Theme),
            ("label", Field::Theme),
        ];
        NAMES
            .iter()
            .find(|(known, _)| known.eq_ignore_ascii_case(name))
            .map(|&(_, field)| field)
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
        let parse_bytes = |bytes: &'static [u8], name: &str| {
            stream_reader(
                Box::new(bytes),
                name,
                Some(Format::Dispatch),
                &Columns::default(),
            )
            .and_then(|s| s.collect::<Result<Vec<_>>>())
            .unwrap_err()
            .to_string()
        };
        let err = parse_bytes(b"ok\n\xff\xfe", "f.txt");
        assert!(err.starts_with("f.txt:2:"), "{err}");
        assert!(parse_bytes(b"  \n", "e.txt").contains("empty"));
        assert!(parse_bytes(b"ab\0cd", "b.bin").contains("binary"));
    }
}
