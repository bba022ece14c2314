//! The dispatch text format: articles separated by blank lines, each a one-line headline
//! paragraph followed by its body paragraph(s). Copy pasted from agency wires puts a blank
//! line between the headline and the body too, so a paragraph is read as a new headline
//! only when it looks like one: a single short line that does not end like a sentence.
//! A file with no blank line at all is read line by line the same way.

use super::{article_from_fields, Article, Origin, RawFields};

/// The longest line (in characters) still read as a headline.
const MAX_HEADLINE_CHARS: usize = 220;

struct Paragraph<'a> {
    line: usize,
    lines: Vec<&'a str>,
}

/// Parses dispatch text; `name` is the file name for [`Origin`].
pub(super) fn parse(text: &str, name: &str) -> Vec<Article> {
    let paragraphs = paragraphs(text);
    let mut articles = Vec::new();
    let mut current: Option<(Origin, String, Vec<String>)> = None;
    for paragraph in paragraphs {
        let starts_article = looks_like_headline(&paragraph)
            && current.as_ref().is_none_or(|(_, _, body)| !body.is_empty());
        if starts_article {
            articles.extend(current.take().map(finish));
            let origin = Origin {
                path: name.to_string(),
                line: paragraph.line,
            };
            current = Some((origin, paragraph.lines[0].to_string(), Vec::new()));
        } else {
            let text = paragraph.lines.join(" ");
            match current.as_mut() {
                Some((_, _, body)) => body.push(text),
                // Body text before any headline: its first sentence stands in as the title.
                None => {
                    let origin = Origin {
                        path: name.to_string(),
                        line: paragraph.line,
                    };
                    let title = crate::text::split_sentences(&text)
                        .first()
                        .map(|s| s.to_string())
                        .unwrap_or_default();
                    current = Some((origin, title, vec![text]));
                }
            }
        }
    }
    articles.extend(current.map(finish));
    articles
}

fn finish((origin, title, body): (Origin, String, Vec<String>)) -> Article {
    let fields = RawFields {
        title,
        body: body.join("\n"),
        ..RawFields::default()
    };
    let mut article = article_from_fields(fields, origin);
    // `repair` joins lines; keep one paragraph per line in the body.
    article.body = body
        .iter()
        .map(|p| crate::text::repair(p))
        .collect::<Vec<_>>()
        .join("\n");
    article
}

/// Splits into paragraphs at blank lines; without any blank line, every line is a paragraph.
fn paragraphs(text: &str) -> Vec<Paragraph<'_>> {
    let has_blank_line = text
        .lines()
        .skip_while(|l| l.trim().is_empty())
        .any(|l| l.trim().is_empty());
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let mut open = false;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            open = false;
            continue;
        }
        if open && has_blank_line {
            if let Some(last) = paragraphs.last_mut() {
                last.lines.push(line.trim());
            }
        } else {
            paragraphs.push(Paragraph {
                line: index + 1,
                lines: vec![line.trim()],
            });
            open = true;
        }
    }
    paragraphs
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

    #[test]
    fn headline_and_body_separated_by_blank_lines() {
        let text =
            "Premier titre\n\nPremier corps. Deuxième phrase.\n\nSecond titre\n\nSecond corps.\n";
        let articles = parse(text, "d.txt");
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[0].title, "Premier titre");
        assert_eq!(articles[0].body, "Premier corps. Deuxième phrase.");
        assert_eq!(articles[1].origin.line, 5);
    }

    #[test]
    fn body_paragraphs_stay_with_their_headline() {
        let text = "Titre\n\nUn paragraphe.\n\nUn autre paragraphe.\n\n- Intertitre -\n\nFin.\n";
        let articles = parse(text, "d.txt");
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].body.lines().count(), 4);
    }

    #[test]
    fn headline_directly_above_body() {
        let articles = parse("Titre\nCorps de l’article.\n", "d.txt");
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].title, "Titre");
    }

    #[test]
    fn file_without_blank_lines_reads_line_by_line() {
        let text = "Titre un\nCorps un.\nTitre deux\nCorps deux.\n";
        let articles = parse(text, "d.txt");
        assert_eq!(articles.len(), 2);
        assert_eq!(articles[1].title, "Titre deux");
    }

    #[test]
    fn glued_body_is_repaired() {
        let articles = parse("Titre\n\nIl a serré la main.M. Lavrov a parlé.\n", "d.txt");
        assert_eq!(articles[0].body, "Il a serré la main. M. Lavrov a parlé.");
    }
}
