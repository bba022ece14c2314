//! Repairs the artefacts of real dispatches before anything else reads them: Unicode
//! normalisation (NFC), non-breaking and odd spaces, sentences glued without a space
//! (`la main.M. Lavrov`), and quotes typed the wrong way round (`”Nous`, `2025″`).
//!
//! Numbers with dot thousands separators (`57.882`) and abbreviations (`M. Lavrov`) are left
//! whole: a space is only inserted where a sentence visibly ends and the next one begins.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Every repair in order: NFC, spaces, glued sentences, quotes and apostrophes.
///
/// ```
/// let text = "Il a serré la main.M. Lavrov a dit\u{a0}: ”oui″. Au moins 57.882 morts.";
/// assert_eq!(
///     revue::text::repair(text),
///     "Il a serré la main. M. Lavrov a dit : “oui”. Au moins 57.882 morts."
/// );
/// ```
pub fn repair(text: &str) -> String {
    // Most copy is already composed: the quick check spares the full normalisation.
    let spaced = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        normalize_spaces(text)
    } else {
        normalize_spaces(&text.nfc().collect::<String>())
    };
    let unglued = unglue_sentences(&spaced);
    normalize_quotes(&unglued)
}

/// Maps every kind of space (non-breaking, thin, tabs, newlines) to one ASCII space, drops
/// zero-width and control characters, collapses runs and trims the ends.
pub fn normalize_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Text is copied in runs of characters that need no change; only the rest is looked at.
    let mut run_start = 0;
    let mut pending_space = false;
    let mut last_was_space = true;
    for (i, c) in text.char_indices() {
        let plain = match c {
            ' ' => !last_was_space,
            '!'..='~' => true,
            _ => !c.is_whitespace() && !is_invisible(c),
        };
        if plain {
            if pending_space {
                out.push(' ');
                pending_space = false;
                run_start = i;
            }
            last_was_space = c == ' ';
            continue;
        }
        out.push_str(&text[run_start..i]);
        run_start = i + c.len_utf8();
        if c.is_whitespace() {
            // An ASCII space already copied counts as the pending one.
            if out.ends_with(' ') {
                out.pop();
            }
            pending_space = !out.is_empty();
            last_was_space = true;
        }
    }
    if !pending_space {
        out.push_str(&text[run_start..]);
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
    ) || c.is_control()
}

/// Characters that may stand for a double quote in pasted copy.
fn is_double_quote(c: char) -> bool {
    matches!(c, '“' | '”' | '„' | '‟' | '″' | '"')
}

fn is_sentence_end(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

/// The character after byte offset `i + c.len_utf8()`, and the one after it.
fn next_two(text: &str, i: usize, c: char) -> (Option<char>, Option<char>) {
    let mut rest = text[i + c.len_utf8()..].chars();
    (rest.next(), rest.next())
}

/// Inserts the missing space where one sentence ends and the next begins without one.
///
/// A space goes after `.`, `!`, `?` or `…` when the character before it is a lower-case
/// letter, a digit or a closing bracket or quote, and the next one starts a sentence: an
/// upper-case letter, a quote opening on a letter, or an AFP-style sub-heading dash. An
/// upper-case letter before the dot (`M.`, `J.-C.`) never triggers it, and neither does a
/// digit after it (`57.882`).
pub fn unglue_sentences(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut run_start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let before = prev;
        prev = Some(c);
        if !(is_sentence_end(c) || c == '-' || c == '”' || c == '»') {
            continue;
        }
        let (next, after_next) = next_two(text, i, c);
        let insert = if is_sentence_end(c) {
            let ends_sentence = before.is_some_and(|p| {
                p.is_lowercase() || p.is_ascii_digit() || matches!(p, ')' | ']' | '»' | '”')
            });
            let starts_sentence = match next {
                Some(n) if n.is_uppercase() => true,
                Some(n) if is_double_quote(n) || n == '«' => {
                    after_next.is_some_and(char::is_alphabetic)
                }
                Some('-') => true,
                _ => false,
            };
            ends_sentence && starts_sentence
        } else if c == '-' {
            // A sub-heading closed by a dash glued to the next sentence: "tout -Israël".
            before == Some(' ') && next.is_some_and(char::is_uppercase)
        } else {
            next == Some('-')
        };
        if insert {
            let end = i + c.len_utf8();
            out.push_str(&text[run_start..end]);
            out.push(' ');
            run_start = end;
        }
    }
    out.push_str(&text[run_start..]);
    out
}

/// Turns every double quote into an opening “ or a closing ” according to where it stands,
/// and typewriter or reversed apostrophes between letters into ’.
pub fn normalize_quotes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut run_start = 0;
    let mut prev: Option<char> = None;
    for (i, c) in text.char_indices() {
        let before = prev;
        prev = Some(c);
        let replacement = if is_double_quote(c) {
            let opening = match before {
                None => true,
                Some(p) => p.is_whitespace() || matches!(p, '(' | '[' | '-' | '—' | '–' | '/'),
            };
            Some(if opening { '“' } else { '”' })
        } else if matches!(c, '\'' | '‘' | 'ʼ' | '`' | '´')
            && before.is_some_and(char::is_alphabetic)
            && next_two(text, i, c).0.is_some_and(char::is_alphanumeric)
        {
            Some('’')
        } else {
            None
        };
        if let Some(r) = replacement {
            if r != c {
                out.push_str(&text[run_start..i]);
                out.push(r);
                run_start = i + c.len_utf8();
            }
        }
    }
    out.push_str(&text[run_start..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glued_sentences_are_split() {
        assert_eq!(unglue_sentences("la main.M. Lavrov"), "la main. M. Lavrov");
        assert_eq!(unglue_sentences("prévu.Sergueï"), "prévu. Sergueï");
        assert_eq!(unglue_sentences("en 2024.Le"), "en 2024. Le");
        assert_eq!(unglue_sentences("(israélien).Les"), "(israélien). Les");
        assert_eq!(unglue_sentences("Vraiment?Oui"), "Vraiment? Oui");
    }

    #[test]
    fn abbreviations_and_numbers_stay_whole() {
        assert_eq!(unglue_sentences("M. Lavrov"), "M. Lavrov");
        assert_eq!(unglue_sentences("M.Lavrov"), "M.Lavrov");
        assert_eq!(unglue_sentences("57.882 morts"), "57.882 morts");
        assert_eq!(unglue_sentences("l’ONU.17718"), "l’ONU.17718");
        assert_eq!(unglue_sentences("lemonde.fr"), "lemonde.fr");
    }

    #[test]
    fn glued_quotes_and_subheadings() {
        assert_eq!(
            repair("selon Tass.”Nous partons"),
            "selon Tass. “Nous partons"
        );
        assert_eq!(
            repair("la famine”.- “Des progrès” malgré tout -Israël a"),
            "la famine”. - “Des progrès” malgré tout - Israël a"
        );
        assert_eq!(repair("le 2 mars 2025″, a-t-il"), "le 2 mars 2025”, a-t-il");
    }

    /// The plain definition of `normalize_spaces`, which the run-copying version must match.
    fn spaces_reference(text: &str) -> String {
        let words: Vec<String> = text
            .split(char::is_whitespace)
            .map(|w| w.chars().filter(|&c| !is_invisible(c)).collect::<String>())
            .filter(|w| !w.is_empty())
            .collect();
        words.join(" ")
    }

    #[test]
    fn spaces_match_their_definition_on_every_short_string() {
        let alphabet = [' ', 'a', '\u{a0}', '\n', '\u{200b}', 'é'];
        let mut strings = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = strings
                .iter()
                .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                .collect();
            for text in &longer {
                assert_eq!(normalize_spaces(text), spaces_reference(text), "{text:?}");
            }
            strings = longer;
        }
    }

    #[test]
    fn spaces_are_normalised() {
        assert_eq!(
            normalize_spaces(" a\u{a0}\u{202f}b\n\tc\u{200b}d "),
            "a b cd"
        );
    }

    #[test]
    fn apostrophes_between_letters_become_typographic() {
        assert_eq!(normalize_quotes("l'armée d‘Israël"), "l’armée d’Israël");
        assert_eq!(normalize_quotes("'cité'"), "'cité'");
    }

    #[test]
    fn decomposed_accents_are_composed() {
        assert_eq!(repair("e\u{301}te\u{301}"), "été");
    }
}
