//! Sentence boundaries in repaired French text, and the lead of an article: its first one or
//! two sentences, always cut at a boundary.

/// Abbreviations that end with a dot without ending a sentence (compared without the dot).
const ABBREVIATIONS: &[&str] = &[
    "M", "MM", "Mme", "Mmes", "Mlle", "Mlles", "Dr", "Pr", "Me", "Mgr", "St", "Ste", "av", "apr",
    "env", "cf", "ex", "art", "vol", "p", "n°", "No", "gén", "Gén", "col", "Col", "lt", "sgt",
    "cdt", "J.-C",
];

/// Cuts `text` into sentences. A sentence ends at `.`, `!`, `?` or `…` (with any closing
/// quote or bracket that follows) when a space and a sentence start follow, unless the dot
/// closes an abbreviation (`M.`, `Mme.`) or an initial (`J. K. Rowling`).
///
/// ```
/// let s = revue::text::split_sentences("M. Lavrov est arrivé. Il a dit “oui.” Puis il est parti");
/// assert_eq!(s, vec!["M. Lavrov est arrivé.", "Il a dit “oui.”", "Puis il est parti"]);
/// ```
pub fn split_sentences(text: &str) -> Vec<&str> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, n)) = iter.peek() {
            if matches!(n, '”' | '»' | ')' | '"' | '’' | '.' | '!' | '?') {
                end = j + n.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        let rest = &text[end..];
        let followed_by_start = rest.starts_with(' ')
            && rest[1..].chars().next().is_some_and(|n| {
                n.is_uppercase() || n.is_ascii_digit() || matches!(n, '“' | '«' | '"' | '-' | '—')
            });
        if followed_by_start && !(c == '.' && ends_with_abbreviation(&text[start..i])) {
            sentences.push(text[start..end].trim());
            start = end;
        }
    }
    let tail = text[start..].trim();
    if !tail.is_empty() {
        sentences.push(tail);
    }
    sentences
}

fn ends_with_abbreviation(before_dot: &str) -> bool {
    let word = before_dot
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“')
        .next()
        .unwrap_or("");
    let mut letters = word.chars();
    let single_initial =
        matches!((letters.next(), letters.next()), (Some(l), None) if l.is_uppercase());
    single_initial || ABBREVIATIONS.contains(&word)
}

/// The lead of a body: its first sentence, and the second too when the first is short, so
/// that a reader gets one or two full sentences of at most about `max_chars` characters.
///
/// ```
/// let body = "Le Sénat a voté. La loi entre en vigueur lundi. Elle concerne 2 millions de foyers.";
/// assert_eq!(revue::text::lead(body, 300), "Le Sénat a voté. La loi entre en vigueur lundi.");
/// ```
pub fn lead(body: &str, max_chars: usize) -> String {
    let sentences = split_sentences(body);
    let Some(first) = sentences.first() else {
        return String::new();
    };
    let mut lead = first.to_string();
    if let Some(second) = sentences.get(1) {
        let short_first = first.chars().count() < max_chars / 2;
        if short_first && lead.chars().count() + 1 + second.chars().count() <= max_chars {
            lead.push(' ');
            lead.push_str(second);
        }
    }
    lead
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            split_sentences("Selon M. Dupont et Mme. Durand, J. K. Rowling viendra. Oui."),
            vec![
                "Selon M. Dupont et Mme. Durand, J. K. Rowling viendra.",
                "Oui."
            ]
        );
    }

    #[test]
    fn numbers_with_dots_do_not_end_sentences() {
        assert_eq!(
            split_sentences("Au moins 57.882 morts. Le bilan monte."),
            vec!["Au moins 57.882 morts.", "Le bilan monte."]
        );
    }

    #[test]
    fn questions_exclamations_and_quotes() {
        assert_eq!(
            split_sentences("Vraiment ? Non ! « C’est fini. » Le reste"),
            vec!["Vraiment ?", "Non !", "« C’est fini. » Le reste"]
        );
    }

    #[test]
    fn long_first_sentence_is_the_whole_lead() {
        let first = "a".repeat(200);
        let body = format!("{first}. Deuxième phrase.");
        assert_eq!(lead(&body, 300), format!("{first}."));
    }

    #[test]
    fn empty_body_has_empty_lead() {
        assert_eq!(lead("", 300), "");
    }
}
