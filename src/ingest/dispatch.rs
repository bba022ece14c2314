//! The dispatch text format: articles separated by blank lines, each a one-line headline
//! paragraph followed by its body paragraph(s). Copy pasted from agency wires puts a blank
//! line between the headline and the body too, so a paragraph is read as a new headline
//! only when it looks like one: a single short line that does not end like a sentence.
//! A file with no blank line at all (in its first block) is read line by line the same way.
//! Articles are produced one at a time, so a file of any size streams.

use std::io::BufRead;

use super::lines::Lines;
#[cfg(test)]
use super::Article;
use super::{Origin, RawArticle, RawFields};
use crate::error::Result;
use crate::text::split_sentences;

/// The longest line (in characters) still read as a headline.
const MAX_HEADLINE_CHARS: usize = 220;

struct Paragraph {
    line: usize,
    lines: Vec<String>,
}

/// An article being assembled: where it starts, its headline, its body paragraphs.
struct Draft {
    origin: Origin,
    title: String,
    body: Vec<String>,
}

/// Streams the articles of dispatch text.
pub(super) struct DispatchReader<R> {
    lines: Lines<R>,
    line_mode: Option<bool>,
    paragraph: Option<Paragraph>,
    draft: Option<Draft>,
    done: bool,
}

impl<R: BufRead> DispatchReader<R> {
    pub(super) fn new(lines: Lines<R>) -> Self {
        DispatchReader {
            lines,
            line_mode: None,
            paragraph: None,
            draft: None,
            done: false,
        }
    }

    /// Whether every line is its own paragraph: when the first block holds no blank line.
    fn line_mode(&mut self) -> Result<bool> {
        if let Some(mode) = self.line_mode {
            return Ok(mode);
        }
        let block = self.lines.peek()?;
        let text = String::from_utf8_lossy(block);
        let mut seen_text = false;
        let mut has_blank_line = false;
        for line in text.lines() {
            if line.trim().is_empty() {
                has_blank_line |= seen_text;
            } else {
                seen_text = true;
            }
        }
        let mode = !has_blank_line;
        self.line_mode = Some(mode);
        Ok(mode)
    }

    /// The next complete paragraph, or `None` at the end of the input.
    fn next_paragraph(&mut self) -> Option<Result<Paragraph>> {
        let line_mode = match self.line_mode() {
            Ok(mode) => mode,
            Err(e) => return Some(Err(e)),
        };
        loop {
            match self.lines.next_line() {
                None => return self.paragraph.take().map(Ok),
                Some(Err(e)) => return Some(Err(e)),
                Some(Ok((number, line))) => {
                    if line.trim().is_empty() {
                        if let Some(done) = self.paragraph.take() {
                            return Some(Ok(done));
                        }
                        continue;
                    }
                    let line = line.trim().to_string();
                    match self.paragraph.as_mut() {
                        Some(open) if !line_mode => open.lines.push(line),
                        _ => {
                            let finished = self.paragraph.replace(Paragraph {
                                line: number,
                                lines: vec![line],
                            });
                            if let Some(finished) = finished {
                                return Some(Ok(finished));
                            }
                        }
                    }
                }
            }
        }
    }

    fn origin(&self, line: usize) -> Origin {
        Origin {
            path: self.lines.name().to_string(),
            line,
        }
    }
}

impl<R: BufRead> Iterator for DispatchReader<R> {
    type Item = Result<RawArticle>;

    fn next(&mut self) -> Option<Result<RawArticle>> {
        if self.done {
            return None;
        }
        loop {
            let paragraph = match self.next_paragraph() {
                Some(Ok(p)) => p,
                Some(Err(e)) => {
                    self.done = true;
                    return Some(Err(e));
                }
                None => {
                    self.done = true;
                    return self.draft.take().map(|d| Ok(finish(d)));
                }
            };
            let starts_article = looks_like_headline(&paragraph)
                && self.draft.as_ref().is_none_or(|d| !d.body.is_empty());
            if starts_article {
                let origin = self.origin(paragraph.line);
                let next = Draft {
                    origin,
                    title: paragraph.lines[0].clone(),
                    body: Vec::new(),
                };
                if let Some(finished) = self.draft.replace(next) {
                    return Some(Ok(finish(finished)));
                }
                continue;
            }
            let text = paragraph.lines.join(" ");
            match self.draft.as_mut() {
                Some(draft) => draft.body.push(text),
                // Body text before any headline: its first sentence stands in as the title.
                None => {
                    let title = split_sentences(&text)
                        .first()
                        .map(|s| s.to_string())
                        .unwrap_or_default();
                    let origin = self.origin(paragraph.line);
                    self.draft = Some(Draft {
                        origin,
                        title,
                        body: vec![text],
                    });
                }
            }
        }
    }
}

fn finish(draft: Draft) -> RawArticle {
    let fields = RawFields {
        title: draft.title,
        ..RawFields::default()
    };
    RawArticle::with_paragraphs(fields, draft.body, draft.origin)
}

fn looks_like_headline(paragraph: &Paragraph) -> bool {
    let [line] = paragraph.lines.as_slice() else {
        return false;
    };
    let ends_like_sentence = line.ends_with('.') && !line.ends_with("...");
    line.chars().count() <= MAX_HEADLINE_CHARS && !ends_like_sentence && !line.starts_with("- ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<Article> {
        DispatchReader::new(Lines::new(text.as_bytes(), "d.txt"))
            .map(|a| a.map(RawArticle::repair))
            .collect::<Result<Vec<_>>>()
            .unwrap()
    }

    #[test]
    fn headline_and_body_separated_by_blank_lines() {
        let text =
            "Premier titre\n\nPremier corps. Deuxième phrase.\n\nSecond titre\n\nSecond corps.\n";
        let articles = parse(text);
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].title, "Premier titre");
        assert_eq!(articles[0].body, "Premier corps. Deuxième phrase.");
        assert_eq!(articles[1].origin.line, 5);
    }

    #[test]
    fn body_paragraphs_stay_with_their_headline() {
        let text = "Titre\n\nUn paragraphe.\n\nUn autre paragraphe.\n\n- Intertitre -\n\nFin.\n";
        let articles = parse(text);
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].body.lines().count(), 4);
    }

    #[test]
    fn headline_directly_above_body() {
        let articles = parse("Titre\nCorps de l’article.\n");
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].title, "Titre");
    }

    #[test]
    fn file_without_blank_lines_reads_line_by_line() {
        let articles = parse("Titre un\nCorps un.\nTitre deux\nCorps deux.\n");
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[1].title, "Titre deux");
        assert_eq!(articles[1].origin.line, 3);
    }

    #[test]
    fn glued_body_is_repaired() {
        let articles = parse("Titre\n\nIl a serré la main.M. Lavrov a parlé.\n");
        assert_eq!(articles[0].body, "Il a serré la main. M. Lavrov a parlé.");
    }

    #[test]
    fn windows_line_breaks() {
        let articles = parse("Titre\r\n\r\nCorps.\r\n");
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].body, "Corps.");
    }
}
