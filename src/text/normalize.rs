//! Repairs the artefacts of real dispatches before anything else reads them: Unicode
//! normalisation (NFC), non-breaking and odd spaces, sentences glued without a space
//! (`la main.M. Lavrov`), and quotes typed the wrong way round (`”Nous`, `2025″`).
//!
//! Numbers with dot thousands separators (`57.882`) and abbreviations (`M. Lavrov`) are left
//! whole: a space is only inserted where a sentence visibly ends and the next one begins.

use std::borrow::Cow;

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
    repaired(text).into_owned()
}

/// [`repair`] for text already owned: clean text (most of it) is returned as it is, with no
/// copy.
pub fn repair_owned(text: String) -> String {
    let changed = match repaired(&text) {
        Cow::Owned(changed) => Some(changed),
        Cow::Borrowed(_) => None,
    };
    changed.unwrap_or(text)
}

/// Every repair, copying the text only when one of them changes something. One scan of
/// the text ([`Needed::of`]) tells which repairs would change it; while none before it has
/// changed the text, a repair that scan found nothing for is passed over.
fn repaired(text: &str) -> Cow<'_, str> {
    let needed = Needed::of(text);
    let composed = if needed.composition {
        Cow::Owned(text.nfc().collect())
    } else {
        Cow::Borrowed(text)
    };
    let spaced = then_if(composed, needed.spaces, normalize_spaces);
    let unglued = then_if(spaced, needed.glue, unglue_sentences);
    then_if(unglued, needed.quotes, normalize_quotes)
}

/// [`then`], if the scan ahead found something for this repair or an earlier repair copied
/// (changed) the text, which the scan's flags then no longer describe.
fn then_if<'a>(
    text: Cow<'a, str>,
    needed: bool,
    repair: impl Fn(&str) -> Cow<'_, str>,
) -> Cow<'a, str> {
    if needed || matches!(text, Cow::Owned(_)) {
        then(text, repair)
    } else {
        text
    }
}

/// Which repairs would change a text, from one scan of it: a block of bytes with no
/// candidate character for any of them is passed over at once, and each candidate is
/// decoded once for all of them. For the text as given, each flag but `composition` is
/// exact, and `composition` errs only towards normalising.
#[derive(Debug, Default, PartialEq, Eq)]
struct Needed {
    /// Some character may not be in NFC (told conservatively: any that the quick check
    /// does not pass alone, or that combines).
    composition: bool,
    spaces: bool,
    glue: bool,
    quotes: bool,
}

/// Lead bytes of every character some repair looks at: the union of the candidate sets.
const ANY_REPAIR_CANDIDATES: LeadBytes = LeadBytes {
    any_of: b".!?-\"'`\xC2\xCA",
    from: Some(0xCC),
};

impl Needed {
    fn of(text: &str) -> Needed {
        let mut needed = Needed {
            spaces: needs_ascii_space_repair(text),
            ..Needed::default()
        };
        for (i, c) in candidates(text, ANY_REPAIR_CANDIDATES) {
            if c >= '\u{300}' && !PUNCTUATION_COMPOSED.contains(&c) && may_need_composition(c) {
                // The text is composed anew and every repair runs after it.
                needed.composition = true;
                return needed;
            }
            needed.spaces |= !c.is_ascii() && is_space_or_invisible(c);
            needed.glue |= space_after(text, i, c);
            needed.quotes |= quote_replacement(text, i, c).is_some();
        }
        needed
    }
}

/// Whether a character (from U+0300 up) may change under NFC or combine with its
/// neighbours, which sends the whole text through the normalisation.
fn may_need_composition(c: char) -> bool {
    unicode_normalization::char::canonical_combining_class(c) != 0
        || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes
}

/// General punctuation (’ “ ” — – … ‰), all composed and never combining (a test holds
/// every character of the range to that), so the NFC quick check may pass over them.
const PUNCTUATION_COMPOSED: std::ops::RangeInclusive<char> = '\u{2010}'..='\u{206F}';

/// Applies one repair to text that an earlier one may already have copied.
fn then<'a>(text: Cow<'a, str>, repair: impl Fn(&str) -> Cow<'_, str>) -> Cow<'a, str> {
    let changed = match repair(&text) {
        Cow::Owned(changed) => Some(changed),
        Cow::Borrowed(_) => None,
    };
    match changed {
        Some(changed) => Cow::Owned(changed),
        None => text,
    }
}

/// Bytes looked at together when searching for candidates: a block with none of them is
/// passed over in a few vector instructions.
const BLOCK: usize = 32;

/// A set of first bytes of characters: ASCII characters and lead bytes of longer UTF-8
/// sequences (never continuation bytes), so that every byte found starts a character.
#[derive(Debug, Clone, Copy)]
struct LeadBytes {
    /// These bytes...
    any_of: &'static [u8],
    /// ...and every byte from this one up.
    from: Option<u8>,
}

impl LeadBytes {
    #[inline(always)]
    fn contains(self, b: u8) -> bool {
        self.any_of.contains(&b) || self.from.is_some_and(|from| b >= from)
    }

    /// Bit `j` set when byte `j` of the block is in the set.
    #[inline(always)]
    fn mask(self, block: &[u8; BLOCK]) -> u32 {
        #[cfg(target_arch = "x86_64")]
        {
            let (low, high) = block.split_at(BLOCK / 2);
            let half = |bytes: &[u8]| self.mask16(bytes.try_into().expect("half a block"));
            half(low) | half(high) << (BLOCK / 2)
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            self.mask_of(block)
        }
    }

    /// [`Self::mask`] one byte at a time, for the last, shorter block (and other processors).
    #[inline(always)]
    fn mask_of(self, bytes: &[u8]) -> u32 {
        bytes
            .iter()
            .enumerate()
            .fold(0, |mask, (j, &b)| mask | (self.contains(b) as u32) << j)
    }

    /// Sixteen bytes compared at once (SSE2, which every x86-64 processor has).
    #[cfg(target_arch = "x86_64")]
    #[inline(always)]
    fn mask16(self, bytes: &[u8; 16]) -> u32 {
        use std::arch::x86_64::*;
        // SAFETY: SSE2 is part of the x86-64 baseline, so these instructions exist on every
        // processor this code is built for; the one load reads exactly the 16 bytes `bytes`
        // refers to (unaligned loads are allowed).
        unsafe {
            let v = _mm_loadu_si128(bytes.as_ptr().cast());
            let mut hits = _mm_setzero_si128();
            for &b in self.any_of {
                hits = _mm_or_si128(hits, _mm_cmpeq_epi8(v, _mm_set1_epi8(b as i8)));
            }
            if let Some(from) = self.from {
                let at_least = _mm_cmpeq_epi8(_mm_max_epu8(v, _mm_set1_epi8(from as i8)), v);
                hits = _mm_or_si128(hits, at_least);
            }
            _mm_movemask_epi8(hits) as u32
        }
    }
}

/// The characters of `text` that start with a byte of `set`, with their byte offsets. The
/// bytes are compared a block at a time into a bit mask (a few vector instructions), and
/// only the characters found are decoded: this is what keeps the repairs fast on clean
/// text.
fn candidates(text: &str, set: LeadBytes) -> Candidates<'_> {
    Candidates {
        text,
        set,
        block_start: 0,
        mask: 0,
        next_block: 0,
    }
}

struct Candidates<'a> {
    text: &'a str,
    set: LeadBytes,
    /// Where the block of `mask` starts.
    block_start: usize,
    /// Bit `j` set: the byte at `block_start + j` is a candidate not handed out yet.
    mask: u32,
    next_block: usize,
}

impl Iterator for Candidates<'_> {
    type Item = (usize, char);

    // Inlined into each repair, where the set is a constant the vector code is built from.
    #[inline(always)]
    fn next(&mut self) -> Option<(usize, char)> {
        let bytes = self.text.as_bytes();
        while self.mask == 0 {
            let start = self.next_block;
            if start >= bytes.len() {
                return None;
            }
            let block = &bytes[start..bytes.len().min(start + BLOCK)];
            self.mask = match <&[u8; BLOCK]>::try_from(block) {
                Ok(block) => self.set.mask(block),
                Err(_) => self.set.mask_of(block),
            };
            self.block_start = start;
            self.next_block = start + BLOCK;
        }
        let i = self.block_start + self.mask.trailing_zeros() as usize;
        self.mask &= self.mask - 1;
        let c = self.text[i..]
            .chars()
            .next()
            .expect("a candidate byte starts a char");
        Some((i, c))
    }
}

/// The character before byte offset `i`.
fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

/// Lead bytes of every white space or invisible character outside ASCII (U+0080–U+00AD,
/// U+1680, U+2000–U+2060, U+3000, U+FEFF).
const WIDE_SPACE_CANDIDATES: LeadBytes = LeadBytes {
    any_of: &[0xC2, 0xE1, 0xE2, 0xE3, 0xEF],
    from: None,
};

/// Whether [`normalize_spaces`] would change anything: a space at either end or twice in a
/// row, an ASCII control character (tabs and newlines included), or a wider space or
/// invisible character.
fn needs_space_repair(text: &str) -> bool {
    needs_ascii_space_repair(text)
        || candidates(text, WIDE_SPACE_CANDIDATES).any(|(_, c)| is_space_or_invisible(c))
}

/// The ASCII part of [`needs_space_repair`], whose checks run over whole blocks of bytes at
/// once.
fn needs_ascii_space_repair(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.first() == Some(&b' ')
        || bytes.last() == Some(&b' ')
        || bytes
            .iter()
            .fold(false, |found, &b| found | (b < 0x20) | (b == 0x7F))
        || memchr::memmem::find(bytes, b"  ").is_some()
}

/// Maps every kind of space (non-breaking, thin, tabs, newlines) to one ASCII space, drops
/// zero-width and control characters, collapses runs and trims the ends.
pub fn normalize_spaces(text: &str) -> Cow<'_, str> {
    if !needs_space_repair(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    // Text is copied in runs of characters that need no change; only the rest is looked at.
    let mut run_start = 0;
    let mut pending_space = false;
    let mut last_was_space = true;
    for (i, c) in text.char_indices() {
        let plain = match c {
            ' ' => !last_was_space,
            '!'..='~' => true,
            _ => !is_space_or_invisible(c),
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
    Cow::Owned(out)
}

/// What [`normalize_spaces`] maps to a space or drops: white space of every kind and the
/// invisible characters.
fn is_space_or_invisible(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
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

/// First bytes of the characters [`unglue_sentences`] looks at: `.`, `!`, `?`, `-`, and
/// `…`, `”`, `»`.
const GLUE_CANDIDATES: LeadBytes = LeadBytes {
    any_of: b".!?-\xE2\xC2",
    from: None,
};

/// Inserts the missing space where one sentence ends and the next begins without one.
///
/// A space goes after `.`, `!`, `?` or `…` when the character before it is a lower-case
/// letter, a digit or a closing bracket or quote, and the next one starts a sentence: an
/// upper-case letter, a quote opening on a letter, or an AFP-style sub-heading dash. An
/// upper-case letter before the dot (`M.`, `J.-C.`) never triggers it, and neither does a
/// digit after it (`57.882`).
pub fn unglue_sentences(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut run_start = 0;
    for (i, c) in candidates(text, GLUE_CANDIDATES) {
        if space_after(text, i, c) {
            let end = i + c.len_utf8();
            out.push_str(&text[run_start..end]);
            out.push(' ');
            run_start = end;
        }
    }
    if run_start == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[run_start..]);
    Cow::Owned(out)
}

/// Whether [`unglue_sentences`] inserts a space after the character `c` at byte `i`.
#[inline(always)]
fn space_after(text: &str, i: usize, c: char) -> bool {
    if !(is_sentence_end(c) || c == '-' || c == '”' || c == '»') {
        return false;
    }
    // After most dots comes a space or the end: nothing to insert, nothing to decode.
    if matches!(text.as_bytes().get(i + c.len_utf8()), None | Some(b' ')) {
        return false;
    }
    let before = char_before(text, i);
    let (next, after_next) = next_two(text, i, c);
    if is_sentence_end(c) {
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
    }
}

/// First bytes of the characters [`normalize_quotes`] may replace: `"`, `'`, `` ` ``, and
/// `“”„‟″‘` (U+2018–U+2033), `ʼ` (U+02BC), `´` (U+00B4).
const QUOTE_CANDIDATES: LeadBytes = LeadBytes {
    any_of: b"\"'`\xE2\xCA\xC2",
    from: None,
};

/// Turns every double quote into an opening “ or a closing ” according to where it stands,
/// and typewriter or reversed apostrophes between letters into ’.
pub fn normalize_quotes(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut run_start = 0;
    let mut changed = false;
    for (i, c) in candidates(text, QUOTE_CANDIDATES) {
        if let Some(r) = quote_replacement(text, i, c) {
            out.push_str(&text[run_start..i]);
            out.push(r);
            run_start = i + c.len_utf8();
            changed = true;
        }
    }
    if !changed {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[run_start..]);
    Cow::Owned(out)
}

/// What [`normalize_quotes`] puts in place of the character `c` at byte `i`, if it changes
/// it.
#[inline(always)]
fn quote_replacement(text: &str, i: usize, c: char) -> Option<char> {
    let replacement = if is_double_quote(c) {
        let opening = match char_before(text, i) {
            None => true,
            Some(p) => p.is_whitespace() || matches!(p, '(' | '[' | '-' | '—' | '–' | '/'),
        };
        if opening {
            '“'
        } else {
            '”'
        }
    } else if matches!(c, '\'' | '‘' | 'ʼ' | '`' | '´')
        && char_before(text, i).is_some_and(char::is_alphabetic)
        && next_two(text, i, c).0.is_some_and(char::is_alphanumeric)
    {
        '’'
    } else {
        return None;
    };
    (replacement != c).then_some(replacement)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::every_string;

    #[test]
    fn candidate_sets_hold_first_bytes_only_and_masks_agree() {
        let sets = [
            WIDE_SPACE_CANDIDATES,
            GLUE_CANDIDATES,
            QUOTE_CANDIDATES,
            ANY_REPAIR_CANDIDATES,
        ];
        let all: Vec<u8> = (0..=255).collect();
        for set in sets {
            for b in 0x80..0xC0 {
                assert!(!set.contains(b), "{set:?} holds continuation byte {b:#x}");
            }
            for block in all.chunks(BLOCK) {
                let block: &[u8; BLOCK] = block.try_into().unwrap();
                assert_eq!(set.mask(block), set.mask_of(block), "{set:?}");
            }
        }
        let text = "a\u{a0}b.C “d” e\u{301} ".repeat(5);
        let found: Vec<usize> = candidates(&text, GLUE_CANDIDATES).map(|(i, _)| i).collect();
        let expected: Vec<usize> = text
            .char_indices()
            .filter(|&(_, c)| GLUE_CANDIDATES.contains(c.to_string().as_bytes()[0]))
            .map(|(i, _)| i)
            .collect();
        assert_eq!(found, expected);
    }

    #[test]
    fn the_union_of_candidates_holds_every_set_and_every_character_from_u300() {
        for b in 0..=255u8 {
            let in_a_set = [WIDE_SPACE_CANDIDATES, GLUE_CANDIDATES, QUOTE_CANDIDATES]
                .iter()
                .any(|set| set.contains(b));
            assert!(!in_a_set || ANY_REPAIR_CANDIDATES.contains(b), "{b:#x}");
        }
        let from_u300 = '\u{300}'.to_string();
        assert!(ANY_REPAIR_CANDIDATES.contains(from_u300.as_bytes()[0]));
    }

    /// Every repair run in turn on whatever the previous gave, with no scan ahead: what
    /// [`repaired`] must give.
    fn repaired_step_by_step(text: &str) -> String {
        let composed: String = text.nfc().collect();
        let spaced = normalize_spaces(&composed).into_owned();
        let unglued = unglue_sentences(&spaced).into_owned();
        normalize_quotes(&unglued).into_owned()
    }

    #[test]
    fn one_scan_ahead_gives_what_every_repair_in_turn_gives() {
        let alphabet = [
            " ", "a", "L", ".", "'", "\"", "”", "»", "-", "\u{a0}", "é", "e\u{301}", "7", "…",
        ];
        for text in &every_string(&alphabet, 5) {
            let repaired = repaired(text);
            assert_eq!(repaired, repaired_step_by_step(text), "{text:?}");
            let needed = Needed::of(text);
            assert_eq!(
                matches!(repaired, Cow::Borrowed(_)),
                needed == Needed::default(),
                "{text:?}: {needed:?}"
            );
        }
    }

    #[test]
    fn general_punctuation_passed_over_by_the_nfc_check_is_composed_and_never_combines() {
        use unicode_normalization::char::canonical_combining_class;
        for c in PUNCTUATION_COMPOSED {
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(
                c.to_string().nfc().collect::<String>(),
                c.to_string(),
                "{c:?}"
            );
        }
    }

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
        let alphabet = [" ", "a", "\u{a0}", "\n", "\u{200b}", "é"];
        for text in &every_string(&alphabet, 5) {
            assert_eq!(normalize_spaces(text), spaces_reference(text), "{text:?}");
        }
    }

    #[test]
    fn every_space_and_invisible_character_is_a_candidate() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if is_space_or_invisible(c) {
                let text = format!("a{c}b");
                assert_eq!(normalize_spaces(&text), spaces_reference(&text), "{c:?}");
            }
        }
    }

    #[test]
    fn clean_text_is_not_copied() {
        let text = "« L’armée a dit : “oui”. » Au moins 57.882 morts — en 2025.";
        assert!(matches!(repaired(text), Cow::Borrowed(_)));
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
