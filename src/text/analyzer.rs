//! The French analyser: text in, model terms out, as a chain of small steps that each do one
//! thing and can be tested alone:
//!
//! `tokenize → elide → fold_case → (gazetteer) → drop stop words and numbers → stem → fold_accents`
//!
//! Its [`AnalyzerSettings`] are stored in the model file, so the terms seen at training time
//! and at scoring time can never disagree.

use std::collections::HashSet;

use rust_stemmers::{Algorithm, Stemmer};
use serde::{Deserialize, Serialize};
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

use super::gazetteer::{Gazetteer, GazetteerMatcher};

/// Elided articles and conjunctions (`l’armée`, `qu’il`, `jusqu’à`), without the apostrophe.
const ELISIONS: &[&str] = &[
    "l", "d", "qu", "n", "s", "j", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// Everything that decides which terms a text yields; stored in the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalyzerSettings {
    /// Stop words, compared after case folding and before stemming.
    pub stop_words: Vec<String>,
    /// Tokens shorter than this (in characters) are dropped.
    pub min_token_chars: usize,
    /// Also emit pairs of adjacent terms (`"cess feu"` for « cessez-le-feu »).
    pub bigrams: bool,
    /// Place and institution names turned into `@geo:<region>` features.
    pub gazetteer: Gazetteer,
}

impl AnalyzerSettings {
    /// The French defaults: NLTK's French stop words, tokens of two characters or more, no
    /// bigrams, and the given gazetteer.
    pub fn french(gazetteer: Gazetteer) -> Self {
        let stop_words = stop_words::lookup("fr")
            .unwrap_or_default()
            .iter()
            .map(|w| w.to_string())
            .collect();
        AnalyzerSettings {
            stop_words,
            min_token_chars: 2,
            bigrams: false,
            gazetteer,
        }
    }
}

/// A ready-to-run analyser built from [`AnalyzerSettings`].
pub struct Analyzer {
    settings: AnalyzerSettings,
    stop_words: HashSet<String>,
    stemmer: Stemmer,
    places: GazetteerMatcher,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl Analyzer {
    /// Builds the analyser (stemmer, stop-word set, gazetteer trie) from its settings.
    pub fn new(settings: AnalyzerSettings) -> Self {
        let stop_words = settings.stop_words.iter().map(|w| fold_case(w)).collect();
        let places = GazetteerMatcher::new(&settings.gazetteer);
        Analyzer {
            settings,
            stop_words,
            stemmer: Stemmer::create(Algorithm::French),
            places,
        }
    }

    /// The settings this analyser was built from.
    pub fn settings(&self) -> &AnalyzerSettings {
        &self.settings
    }

    /// The terms of `text`, in order: stems, then one `@geo:<region>` feature per gazetteer
    /// match, then bigrams when enabled.
    ///
    /// ```
    /// use revue::text::{Analyzer, AnalyzerSettings, Gazetteer};
    /// let gazetteer = Gazetteer::from_tsv("name\tregion\tkind\nCorée du Nord\tasie-pacifique\tcountry\n").unwrap();
    /// let analyzer = Analyzer::new(AnalyzerSettings::french(gazetteer));
    /// assert_eq!(
    ///     analyzer.terms("L’armée de Corée du Nord"),
    ///     vec!["arme", "cor", "nord", "@geo:asie-pacifique"]
    /// );
    /// ```
    pub fn terms(&self, text: &str) -> Vec<String> {
        let words: Vec<Word> = tokenize(text).map(|raw| self.word(raw)).collect();
        let place_ids: Vec<Option<u32>> = words.iter().map(|w| w.place).collect();
        let mut terms: Vec<String> = words.into_iter().filter_map(|w| w.term).collect();
        if self.settings.bigrams {
            let pairs: Vec<String> = terms
                .windows(2)
                .map(|p| format!("{} {}", p[0], p[1]))
                .collect();
            terms.extend(pairs);
        }
        terms.extend(
            self.places
                .regions_in(&place_ids)
                .into_iter()
                .map(|region| format!("@geo:{}", self.places.region(region))),
        );
        terms
    }

    /// What one token (as [`tokenize`] cut it) yields: the chain `elide → fold_case → drop
    /// stop words and numbers → stem → fold_accents` for its term, and its id among the
    /// gazetteer's words. Depends on the token alone, so callers may cache it.
    pub fn word(&self, raw: &str) -> Word {
        let lower = fold_case(elide(raw));
        let place = self.places.word_id(&fold_accents(&lower));
        let term = self
            .keeps(&lower)
            .then(|| fold_accents(&self.stemmer.stem(&lower)));
        Word { term, place }
    }

    /// Whether bigrams are emitted (then terms depend on their neighbours, not only on
    /// the token).
    pub fn bigrams(&self) -> bool {
        self.settings.bigrams
    }

    /// The gazetteer matcher.
    pub fn places(&self) -> &GazetteerMatcher {
        &self.places
    }

    fn keeps(&self, word: &str) -> bool {
        word.chars().count() >= self.settings.min_token_chars
            && !is_number(word)
            && !self.stop_words.contains(word)
    }
}

/// What the analyser makes of one token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Its term, unless it is a stop word, a number or too short.
    pub term: Option<String>,
    /// Its id among the words of gazetteer names, if it is one.
    pub place: Option<u32>,
}

/// Splits text into words by Unicode's word boundaries (UAX #29): `l’armée` stays one word,
/// `nord-coréens` is two, `57.882` is one.
///
/// The text is cut at white space of every kind first (UAX #29 alone would join words
/// across U+202F, a narrow no-break space). A piece
/// made only of Latin letters, the punctuation that always separates them (`,`, `-`, `«`…)
/// and the marks that join two letters (`’`, `.`, `:`) is cut right here, by the rules
/// UAX #29 applies to those characters; only the other pieces (digits, other scripts,
/// combining marks) go through the full segmentation. A test holds this to `unicode_words`
/// on the whole corpus and on each of those characters.
pub fn tokenize(text: &str) -> Tokens<'_> {
    Tokens {
        text,
        position: 0,
        segmented: None,
    }
}

/// The words of a text, as [`tokenize`] cuts them.
pub struct Tokens<'a> {
    text: &'a str,
    /// Where the search for the next word starts: the end of the last word.
    position: usize,
    /// The words of a piece handed to the full segmentation.
    segmented: Option<unicode_segmentation::UnicodeWords<'a>>,
}

/// What a character is to the tokenizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharClass {
    Space,
    /// A Latin letter (UAX #29 ALetter).
    Letter,
    /// Joins two letters it stands between (MidLetter, MidNumLet, Single_Quote).
    Joiner,
    /// Never part of a word next to letters.
    Separator,
    /// Anything else: the piece needs the full segmentation.
    Other,
}

/// Classes of ASCII bytes, built at compile time.
const ASCII_CLASS: [CharClass; 128] = {
    let mut table = [CharClass::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphabetic() {
            CharClass::Letter
        } else if matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) {
            CharClass::Space
        } else if matches!(c, b'\'' | b'.' | b':') {
            CharClass::Joiner
        } else if c.is_ascii_punctuation() && c != b'_' {
            CharClass::Separator
        } else {
            CharClass::Other
        };
        b += 1;
    }
    table
};

/// Separators outside ASCII that French copy is full of.
const SEPARATORS: &[char] = &['«', '»', '“', '”', '„', '‹', '›', '—', '–', '…', '°'];

fn char_class(c: char) -> CharClass {
    if c.is_ascii() {
        ASCII_CLASS[c as usize]
    } else if is_latin_letter(c) {
        CharClass::Letter
    } else if matches!(c, '’' | '‘' | '·') {
        CharClass::Joiner
    } else if c.is_whitespace() {
        CharClass::Space
    } else if SEPARATORS.contains(&c) {
        CharClass::Separator
    } else {
        CharClass::Other
    }
}

/// The class of the character at byte `i` of `text`, and its length in bytes.
#[inline(always)]
fn class_at(text: &str, i: usize) -> (CharClass, usize) {
    let bytes = text.as_bytes();
    let byte = bytes[i];
    if byte < 0x80 {
        return (ASCII_CLASS[byte as usize], 1);
    }
    if is_two_byte_letter(bytes, i) {
        return (CharClass::Letter, 2);
    }
    let c = text[i..].chars().next().expect("i is a char boundary");
    (char_class(c), c.len_utf8())
}

/// Whether a two-byte letter of U+00C0–U+024F (`é`, `ç`, `ł`…) starts at byte `i`, told
/// without decoding: all of them are letters but × (C3 97) and ÷ (C3 B7). A test holds
/// this to `char_class`.
#[inline(always)]
fn is_two_byte_letter(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        0xC3 => !matches!(bytes[i + 1], 0x97 | 0xB7),
        0xC4..=0xC8 => true,
        0xC9 => bytes[i + 1] <= 0x8F,
        _ => false,
    }
}

/// Where the run of Latin letters (ASCII, or of two bytes) from byte `i` ends: the body
/// of most words, passed over without a dispatch per character, ASCII letters sixteen at
/// a time.
#[inline(always)]
fn letters_end(bytes: &[u8], mut i: usize) -> usize {
    loop {
        while let Some(window) = bytes.get(i..i + 16) {
            let run = ascii_letters_at_start(window.try_into().expect("16 bytes"));
            i += run;
            if run < 16 {
                break;
            }
        }
        if i == bytes.len() {
            return i;
        }
        if bytes[i].is_ascii_alphabetic() {
            i += 1;
        } else if is_two_byte_letter(bytes, i) {
            i += 2;
        } else {
            return i;
        }
    }
}

/// How many ASCII letters the sixteen bytes start with.
#[inline(always)]
fn ascii_letters_at_start(window: &[u8; 16]) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::*;
        // SAFETY: SSE2 is part of the x86-64 baseline, so these instructions exist on every
        // processor this code is built for; the one load reads exactly the 16 bytes of
        // `window` (unaligned loads are allowed).
        let letters = unsafe {
            let v = _mm_loadu_si128(window.as_ptr().cast());
            // Setting bit 5 maps `A`–`Z` onto `a`–`z` and no other byte into that range;
            // bytes from 0x80 up compare as negative numbers, below `a`.
            let lower = _mm_or_si128(v, _mm_set1_epi8(0x20));
            let from_a = _mm_cmpgt_epi8(lower, _mm_set1_epi8(b'a' as i8 - 1));
            let to_z = _mm_cmplt_epi8(lower, _mm_set1_epi8(b'z' as i8 + 1));
            _mm_movemask_epi8(_mm_and_si128(from_a, to_z)) as u32
        };
        (!letters).trailing_zeros() as usize
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        ascii_letters_at_start_portable(window)
    }
}

/// [`ascii_letters_at_start`] one byte at a time (other processors, and the test).
#[cfg_attr(target_arch = "x86_64", allow(dead_code))]
fn ascii_letters_at_start_portable(window: &[u8; 16]) -> usize {
    window
        .iter()
        .take_while(|b| b.is_ascii_alphabetic())
        .count()
}

/// What one search for a word found.
enum Found<'a> {
    Word(&'a str),
    /// A piece went to the full segmentation: its words come next.
    Segmented,
    End,
}

impl<'a> Tokens<'a> {
    /// Finds the next word, in one pass over the characters after the last one. A word is
    /// handed out as soon as what ends it is certain: white space, a separator, or a joiner
    /// not followed by a letter. Everything before it is then settled too, as no rule of
    /// UAX #29 joins across those; so when a character of another class turns up, only the
    /// piece from the end of the last word on (never across white space) needs the full
    /// segmentation.
    #[inline(always)]
    fn search(&mut self) -> Found<'a> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = self.position;
        // Where the full segmentation would start: the end of the last word, or the start
        // of the piece after white space.
        let mut settled = i;
        // Most words follow one ASCII space and start with an ASCII letter: that case is
        // told by two byte comparisons, not through the class dispatch below (whose jump
        // table the processor predicts poorly).
        if bytes.get(i) == Some(&b' ') {
            i += 1;
            settled = i;
        }
        loop {
            if i == bytes.len() {
                self.position = i;
                return Found::End;
            }
            if bytes[i].is_ascii_alphabetic() {
                break;
            }
            let (class, len) = class_at(text, i);
            match class {
                CharClass::Letter => break,
                CharClass::Space => {
                    i += len;
                    settled = i;
                }
                CharClass::Joiner | CharClass::Separator => i += len,
                CharClass::Other => return self.segment(settled, i),
            }
        }
        let start = i;
        loop {
            i = letters_end(bytes, i);
            if i == bytes.len() || bytes[i] == b' ' {
                break;
            }
            let (class, len) = class_at(text, i);
            match class {
                CharClass::Letter => i += len,
                CharClass::Space | CharClass::Separator => break,
                // A joiner between two letters keeps the word going (`l’armée`, `a.b`).
                CharClass::Joiner => {
                    match (i + len < bytes.len()).then(|| class_at(text, i + len).0) {
                        Some(CharClass::Letter) => i += len,
                        Some(CharClass::Other) => return self.segment(settled, i + len),
                        _ => break,
                    }
                }
                CharClass::Other => return self.segment(settled, i),
            }
        }
        self.position = i;
        Found::Word(&text[start..i])
    }

    /// Hands the text from `settled` to the end of the piece that byte `i` is in to the
    /// full segmentation.
    #[cold]
    #[inline(never)]
    fn segment(&mut self, settled: usize, mut i: usize) -> Found<'a> {
        let text = self.text;
        while i < text.len() {
            let (class, len) = class_at(text, i);
            if class == CharClass::Space {
                break;
            }
            i += len;
        }
        self.position = i;
        self.segmented = Some(text[settled..i].unicode_words());
        Found::Segmented
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = &'a str;

    /// The common case, a word cut right here, is small enough to be inlined into the
    /// loops that read tokens; the words of fully segmented pieces come from
    /// [`Tokens::next_segmented`].
    #[inline(always)]
    fn next(&mut self) -> Option<&'a str> {
        if self.segmented.is_some() {
            return self.next_segmented();
        }
        match self.search() {
            Found::Word(word) => Some(word),
            Found::Segmented => self.next_segmented(),
            Found::End => None,
        }
    }
}

impl<'a> Tokens<'a> {
    /// The next word while a piece is being segmented, and whatever follows it.
    #[cold]
    #[inline(never)]
    fn next_segmented(&mut self) -> Option<&'a str> {
        loop {
            if let Some(words) = &mut self.segmented {
                match words.next() {
                    Some(word) => return Some(word),
                    None => self.segmented = None,
                }
            }
            match self.search() {
                Found::Word(word) => return Some(word),
                Found::Segmented => continue,
                Found::End => return None,
            }
        }
    }
}

/// Letters of the Latin blocks, which UAX #29 treats alike (ALetter).
fn is_latin_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (('\u{C0}'..='\u{24F}').contains(&c) && c.is_alphabetic())
}

/// Removes an elided article or conjunction: `l’armée` → `armée`, `jusqu'à` → `à`.
pub fn elide(word: &str) -> &str {
    for apostrophe in ['’', '\''] {
        if let Some((head, tail)) = word.split_once(apostrophe) {
            if !tail.is_empty() && ELISIONS.iter().any(|e| head.eq_ignore_ascii_case(e)) {
                return tail;
            }
        }
    }
    word
}

/// Lower-cases a word.
pub fn fold_case(word: &str) -> String {
    word.to_lowercase()
}

/// Removes accents and splits ligatures: `économie` → `economie`, `œuvre` → `oeuvre`.
pub fn fold_accents(word: &str) -> String {
    // Most words are plain ASCII, which has nothing to fold: the decomposition costs
    // hundreds of instructions a character.
    if word.is_ascii() {
        return word.to_string();
    }
    let mut out = String::with_capacity(word.len());
    for c in word.nfd() {
        match c {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            c if is_combining_mark(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// True for numbers (`2025`, `57.882`, `12,5`), which carry no topic.
pub fn is_number(word: &str) -> bool {
    word.chars().next().is_some_and(|c| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '\''))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_runs_counted_sixteen_at_a_time_match_one_at_a_time() {
        // Every byte value at every position, after a run of letters of every length.
        for run in 0..=16 {
            for at in run..16 {
                for byte in 0..=255u8 {
                    let mut window = [b'q'; 16];
                    window[..run].fill(b'Z');
                    window[at] = byte;
                    assert_eq!(
                        ascii_letters_at_start(&window),
                        ascii_letters_at_start_portable(&window),
                        "{window:?}"
                    );
                }
            }
        }
    }

    fn analyzer() -> Analyzer {
        let gazetteer = Gazetteer::from_tsv(
            "name\tregion\tkind\nCorée du Nord\tasie-pacifique\tcountry\nnord-coréens\tasie-pacifique\tdemonym\nPyongyang\tasie-pacifique\tcapital\nCôte d’Ivoire\tafrique\tcountry\n",
        )
        .unwrap();
        Analyzer::new(AnalyzerSettings::french(gazetteer))
    }

    #[test]
    fn tokenizer_keeps_elisions_and_numbers_whole() {
        let tokens: Vec<&str> = tokenize("L’armée nord-coréenne, 57.882 morts.").collect();
        assert_eq!(
            tokens,
            vec!["L’armée", "nord", "coréenne", "57.882", "morts"]
        );
    }

    #[test]
    fn tokenizer_equals_unicode_word_segmentation() {
        let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = ["data/corpus", "data/holdout", "data/sample"]
            .iter()
            .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap())
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        texts.push(
            "L’armée, l'ONU; 57.882 morts (2025) — «Oui» ×3 東京 a\u{a0}b e\u{301}t\u{e9} can't."
                .to_string(),
        );
        for text in &texts {
            let ours: Vec<&str> = tokenize(text).collect();
            let reference: Vec<&str> = text.unicode_words().collect();
            assert_eq!(ours, reference);
        }
    }

    #[test]
    fn tokenizer_cuts_like_unicode_around_every_punctuation_mark() {
        let marks = (0u8..128)
            .map(char::from)
            .filter(|c| c.is_ascii_punctuation())
            .chain(SEPARATORS.iter().copied())
            .chain(['’', '‘', '·', '\u{a0}', '\u{202f}', '\u{2009}']);
        for mark in marks {
            for pattern in [
                "ab{}cd",
                "{}ab",
                "ab{}",
                "a{}{}b",
                "{}",
                "é{}É",
                "a{}b{}c",
                "a{}1",
                "1{}a",
                "x {}y{} z",
            ] {
                let text = pattern.replace("{}", &mark.to_string());
                let ours: Vec<&str> = tokenize(&text).collect();
                // White space of any kind cuts (U+202F would otherwise join, as ExtendNumLet).
                let reference: Vec<&str> = text
                    .split(char::is_whitespace)
                    .flat_map(|piece| piece.unicode_words())
                    .collect();
                assert_eq!(ours, reference, "{text:?}");
            }
        }
    }

    #[test]
    fn tokenizer_cuts_every_short_string_of_letters_digits_and_marks_like_unicode() {
        let alphabet = [
            "a", "B", "é", "1", "2", ".", ",", ";", ":", "'", "’", "‘", "·", "-", " ", "«", "%",
            "\u{a0}", "東", "\u{301}", "_",
        ];
        for text in &crate::text::every_string(&alphabet, 4) {
            let ours: Vec<&str> = tokenize(text).collect();
            let reference: Vec<&str> = text
                .split(char::is_whitespace)
                .flat_map(|piece| piece.unicode_words())
                .collect();
            assert_eq!(ours, reference, "{text:?}");
        }
    }

    #[test]
    fn byte_level_letters_agree_with_char_classes() {
        for c in ('\u{80}'..='\u{7FF}').chain(['’', '«', '\u{a0}', '東']) {
            let text = c.to_string();
            assert_eq!(class_at(&text, 0), (char_class(c), c.len_utf8()), "{c:?}");
        }
    }

    #[test]
    fn elisions_with_both_apostrophes() {
        for (word, expected) in [
            ("l’armée", "armée"),
            ("L'armée", "armée"),
            ("qu’il", "il"),
            ("jusqu’à", "à"),
            ("lorsqu'elle", "elle"),
            ("puisqu’on", "on"),
            ("aujourd’hui", "aujourd’hui"),
            ("d’", "d’"),
        ] {
            assert_eq!(elide(word), expected, "{word}");
        }
    }

    #[test]
    fn accents_and_ligatures_fold() {
        assert_eq!(fold_accents("économie"), "economie");
        assert_eq!(fold_accents("œuvre"), "oeuvre");
        assert_eq!(fold_accents("Noël"), "Noel");
    }

    #[test]
    fn stop_words_and_numbers_are_dropped() {
        assert_eq!(
            analyzer().terms("Le 12 juillet, 57.882 et de la"),
            vec!["juillet"]
        );
    }

    #[test]
    fn stems_unify_inflections() {
        let a = analyzer();
        assert_eq!(a.terms("élections"), a.terms("élection"));
        assert_eq!(a.terms("Économie"), a.terms("économie"));
    }

    #[test]
    fn gazetteer_hits_become_region_features() {
        let terms = analyzer().terms("Des soldats nord-coréens à Pyongyang, en Corée du Nord");
        let geo: Vec<&String> = terms.iter().filter(|t| t.starts_with("@geo:")).collect();
        assert_eq!(geo.len(), 3, "{terms:?}");
        assert!(!terms.contains(&"@geo:afrique".to_string()));
        let ivoire = analyzer().terms("en Côte d'Ivoire");
        assert!(ivoire.contains(&"@geo:afrique".to_string()), "{ivoire:?}");
    }

    #[test]
    fn bigrams_when_enabled() {
        let mut settings = AnalyzerSettings::french(Gazetteer::default());
        settings.bigrams = true;
        let terms = Analyzer::new(settings).terms("cessez feu immédiat");
        assert!(terms.contains(&"cess feu".to_string()), "{terms:?}");
    }
}
