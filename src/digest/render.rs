//! Rendering a [`DigestView`] with tera. The default templates are embedded in the binary; a
//! `--templates DIR` overrides any of them by file name (and may add partials). Names are
//! taken from the directory's own listing, and a file that resolves outside the directory is
//! refused, so no template name can climb out of it.
//!
//! Escaping is explicit: tera escapes only templates whose name ends in `.html`, so the HTML
//! templates (`*.html.tera`) are declared autoescaped, and the Markdown templates
//! (`*.md.tera`) autoescape through [`super::markdown::escape`].

use std::path::Path;

use tera::{Context, ErrorKind, Tera};

use super::DigestView;
use crate::error::{Error, Result};

/// Output formats of the digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// Markdown (CommonMark).
    Markdown,
    /// One self-contained HTML5 page.
    Html,
}

impl OutputFormat {
    /// The main template's name.
    pub fn template(self) -> &'static str {
        match self {
            OutputFormat::Markdown => "digest.md.tera",
            OutputFormat::Html => "digest.html.tera",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            OutputFormat::Markdown => "md",
            OutputFormat::Html => "html",
        }
    }
}

const MARKDOWN_SUFFIX: &str = ".md.tera";
const HTML_SUFFIX: &str = ".html.tera";

/// The templates embedded in the binary, by name.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "digest.md.tera",
        include_str!("../../templates/digest.md.tera"),
    ),
    (
        "partials/entry.md.tera",
        include_str!("../../templates/partials/entry.md.tera"),
    ),
    (
        "digest.html.tera",
        include_str!("../../templates/digest.html.tera"),
    ),
    (
        "partials/entry.html.tera",
        include_str!("../../templates/partials/entry.html.tera"),
    ),
    (
        "partials/style.html.tera",
        include_str!("../../templates/partials/style.html.tera"),
    ),
];

/// The parsed templates for both formats.
pub struct Templates {
    markdown: Tera,
    html: Tera,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Templates")
    }
}

impl Templates {
    /// The embedded templates, with those of `dir` (and `dir/partials`) in their place.
    pub fn load(dir: Option<&Path>) -> Result<Templates> {
        let mut sources: Vec<(String, String)> = EMBEDDED
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        if let Some(dir) = dir {
            for (name, text) in read_template_dir(dir)? {
                match sources.iter_mut().find(|(n, _)| *n == name) {
                    Some(slot) => slot.1 = text,
                    None => sources.push((name, text)),
                }
            }
        }
        let mut markdown = Tera::new();
        markdown.autoescape_on([MARKDOWN_SUFFIX]);
        markdown.set_escape_fn(super::markdown::escape);
        let mut html = Tera::new();
        html.autoescape_on([HTML_SUFFIX]);
        let of_suffix = |suffix: &str| {
            sources
                .iter()
                .filter(|(n, _)| n.ends_with(suffix))
                .map(|(n, s)| (n.as_str(), s.as_str()))
                .collect::<Vec<_>>()
        };
        markdown
            .add_raw_templates(of_suffix(MARKDOWN_SUFFIX))
            .map_err(template_error)?;
        html.add_raw_templates(of_suffix(HTML_SUFFIX))
            .map_err(template_error)?;
        Ok(Templates { markdown, html })
    }
}

/// Renders the digest in `format`.
pub fn render(templates: &Templates, format: OutputFormat, view: &DigestView) -> Result<String> {
    let context = Context::from_serialize(view).map_err(template_error)?;
    let tera = match format {
        OutputFormat::Markdown => &templates.markdown,
        OutputFormat::Html => &templates.html,
    };
    tera.render(format.template(), &context)
        .map_err(template_error)
}

/// The `*.tera` files of `dir` and `dir/partials`, by template name.
fn read_template_dir(dir: &Path) -> Result<Vec<(String, String)>> {
    let root = dir.canonicalize().map_err(|e| Error::io(dir, e))?;
    let mut found = Vec::new();
    for (sub, prefix) in [(root.clone(), ""), (root.join("partials"), "partials/")] {
        let Ok(entries) = std::fs::read_dir(&sub) else {
            continue;
        };
        let mut names: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
        names.sort();
        for path in names {
            let Some(file_name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if !file_name.ends_with(".tera") || !path.is_file() {
                continue;
            }
            let real = path.canonicalize().map_err(|e| Error::io(&path, e))?;
            if !real.starts_with(&root) {
                return Err(Error::Usage(format!(
                    "{}: this template points outside the templates directory {}",
                    path.display(),
                    dir.display()
                )));
            }
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            found.push((format!("{prefix}{file_name}"), text));
        }
    }
    Ok(found)
}

fn template_error(error: tera::Error) -> Error {
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => Error::Template {
            name: report.filename().to_string(),
            line: report.span().start_line,
            message: report.message().to_string(),
        },
        other => Error::Template {
            name: "digest".to_string(),
            line: 0,
            message: other.to_string(),
        },
    }
}
