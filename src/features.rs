//! The bag of words: a vocabulary built at training time (minimum document frequency, an
//! optional cap on its size) and the vectoriser that maps an article's terms to sparse
//! counts over it. No dense documents × vocabulary matrix is ever built.

use std::collections::HashMap;

use rustc_hash::FxBuildHasher;
use serde::{Deserialize, Serialize};

use crate::ingest::Article;
use crate::text::analyzer::tokenize;
use crate::text::gazetteer::{GazetteerMatcher, PlaceWords};
use crate::text::Analyzer;

/// How documents become vectors; stored in the model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VectorizerSettings {
    /// A term enters the vocabulary when at least this many training articles contain it.
    pub min_df: usize,
    /// Keep at most this many terms (the most frequent by document frequency).
    pub max_features: Option<usize>,
    /// The headline's terms count this many times: a headline says what the story is about.
    pub title_weight: u32,
}

impl Default for VectorizerSettings {
    fn default() -> Self {
        VectorizerSettings {
            min_df: 2,
            max_features: None,
            title_weight: 2,
        }
    }
}

/// The terms of an article as the model sees them: the headline's `title_weight` times,
/// then the body's.
pub fn article_terms(
    analyzer: &Analyzer,
    settings: &VectorizerSettings,
    article: &Article,
) -> Vec<String> {
    let title = analyzer.terms(&article.title);
    let mut terms = Vec::with_capacity(title.len() * settings.title_weight as usize + 64);
    for _ in 0..settings.title_weight {
        terms.extend(title.iter().cloned());
    }
    terms.extend(analyzer.terms(&article.body));
    terms
}

/// A document as sorted `(term id, count)` pairs.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVector {
    /// Non-zero entries, sorted by term id.
    pub entries: Vec<(u32, f64)>,
}

impl SparseVector {
    /// Counts term ids given in any order, each once per occurrence.
    pub fn from_ids(mut ids: Vec<u32>) -> Self {
        ids.sort_unstable();
        let mut entries: Vec<(u32, f64)> = Vec::with_capacity(ids.len());
        for id in ids {
            match entries.last_mut() {
                Some((last, count)) if *last == id => *count += 1.0,
                _ => entries.push((id, 1.0)),
            }
        }
        SparseVector { entries }
    }
}

/// The model's terms, each with a stable id (its index in alphabetical order).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Vocabulary {
    terms: Vec<String>,
    ids: HashMap<String, u32>,
}

impl Vocabulary {
    /// A vocabulary of exactly these terms, in the order given.
    pub fn from_terms(terms: Vec<String>) -> Self {
        let ids = terms
            .iter()
            .enumerate()
            .map(|(i, t)| (t.clone(), i as u32))
            .collect();
        Vocabulary { terms, ids }
    }

    /// Builds the vocabulary from training documents: terms found in at least `min_df` of
    /// them, the `max_features` most frequent if capped, sorted alphabetically.
    pub fn build<'a>(
        documents: impl IntoIterator<Item = &'a [String]>,
        settings: &VectorizerSettings,
    ) -> Self {
        let mut document_frequency: HashMap<String, usize> = HashMap::new();
        for document in documents {
            let mut seen: Vec<&str> = document.iter().map(String::as_str).collect();
            seen.sort_unstable();
            seen.dedup();
            for term in seen {
                *document_frequency.entry(term.to_string()).or_default() += 1;
            }
        }
        Self::from_document_frequencies(document_frequency, settings)
    }

    /// Builds the vocabulary from each term's document frequency.
    pub fn from_document_frequencies(
        document_frequency: impl IntoIterator<Item = (String, usize)>,
        settings: &VectorizerSettings,
    ) -> Self {
        let mut kept: Vec<(String, usize)> = document_frequency
            .into_iter()
            .filter(|(_, df)| *df >= settings.min_df.max(1))
            .collect();
        if let Some(cap) = settings.max_features {
            kept.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            kept.truncate(cap);
        }
        let mut terms: Vec<String> = kept.into_iter().map(|(t, _)| t).collect();
        terms.sort_unstable();
        Self::from_terms(terms)
    }

    /// Number of terms.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// True when there is no term at all.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The term with this id.
    pub fn term(&self, id: u32) -> &str {
        &self.terms[id as usize]
    }

    /// Every term, by id.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// The id of a term, if the vocabulary has it.
    pub fn id(&self, term: &str) -> Option<u32> {
        self.ids.get(term).copied()
    }

    /// Counts the known terms of a document; unknown terms are ignored.
    pub fn vectorize(&self, terms: &[String]) -> SparseVector {
        SparseVector::from_ids(terms.iter().filter_map(|t| self.id(t)).collect())
    }
}

/// Counts in how many articles each term appears, at training time: terms are interned as
/// they are first met, each distinct token is analysed once, and an article costs a pass
/// over small integers, not a string per term. Each article's terms are handed back too (as
/// indices into the terms met so far), so that one pass over the corpus can also count
/// them per label. One per worker thread; their counts add up.
pub struct DocumentFrequencies<'m> {
    analyzer: &'m Analyzer,
    settings: &'m VectorizerSettings,
    /// Each token's term (as an index into `terms`) and gazetteer word.
    cache: TokenCache<CachedToken>,
    /// The current text's tokens, cut before any is looked up.
    tokens: Vec<CutToken>,
    terms: Vec<String>,
    term_ids: HashMap<String, u32, FxBuildHasher>,
    /// Articles containing each term, by index into `terms`, and the number of the last
    /// one counted.
    counts: Vec<(usize, usize)>,
    /// Articles added so far.
    articles: usize,
    /// The `@geo:` term of each gazetteer region, once interned.
    geo_terms: Vec<Option<u32>>,
    places: PlaceWords,
    regions: Vec<usize>,
    /// The article's terms, each as often as it counts (headline terms `title_weight` times).
    article_terms: Vec<u32>,
}

impl<'m> DocumentFrequencies<'m> {
    /// A counter for an analyser and its settings.
    pub fn new(analyzer: &'m Analyzer, settings: &'m VectorizerSettings) -> Self {
        DocumentFrequencies {
            analyzer,
            settings,
            cache: TokenCache::default(),
            tokens: Vec::new(),
            terms: Vec::new(),
            term_ids: HashMap::default(),
            counts: Vec::new(),
            articles: 0,
            geo_terms: vec![None; analyzer.places().region_count()],
            places: PlaceWords::default(),
            regions: Vec::new(),
            article_terms: Vec::new(),
        }
    }

    /// Counts the distinct terms of one article (those of [`article_terms`]), and returns
    /// all of them as indices into [`Self::into_counts`]'s order, each as often as
    /// [`Vectorizer::term_ids`] would give it.
    pub fn add(&mut self, article: &Article) -> &[u32] {
        self.article_terms.clear();
        if self.analyzer.bigrams() {
            for term in article_terms(self.analyzer, self.settings, article) {
                let id = self.intern(&term);
                self.article_terms.push(id);
            }
        } else {
            self.add_text(&article.title, self.settings.title_weight);
            self.add_text(&article.body, 1);
        }
        // A term counts once per article: the article it was last counted for is kept
        // beside its count, which spares sorting the article's terms.
        self.articles += 1;
        for &id in &self.article_terms {
            let (count, last_article) = &mut self.counts[id as usize];
            if *last_article != self.articles {
                *last_article = self.articles;
                *count += 1;
            }
        }
        &self.article_terms
    }

    fn add_text(&mut self, text: &str, weight: u32) {
        self.places.clear();
        let analyzer = self.analyzer;
        let places = analyzer.places();
        let mut tokens = std::mem::take(&mut self.tokens);
        self.cache.cut(text, &mut tokens);
        for cut in &tokens {
            let token = match self.cache.get_cut(cut) {
                Some(cached) => cached,
                None => {
                    let raw = cut.text(text);
                    let word = analyzer.word(raw);
                    let term = word.term.map(|t| self.intern(&t));
                    let cached = CachedToken::new(term, word.place, places);
                    self.cache.insert(raw, cached);
                    cached
                }
            };
            if let Some(id) = token.term() {
                self.article_terms
                    .extend(std::iter::repeat_n(id, weight as usize));
            }
            token.push_place(&mut self.places);
        }
        self.tokens = tokens;
        places.regions_of(&self.places, &mut self.regions);
        for found in 0..self.regions.len() {
            let region = self.regions[found];
            let id = match self.geo_terms[region] {
                Some(id) => id,
                None => {
                    let id = self.intern(&format!("@geo:{}", places.region(region)));
                    self.geo_terms[region] = Some(id);
                    id
                }
            };
            self.article_terms
                .extend(std::iter::repeat_n(id, weight as usize));
        }
    }

    fn intern(&mut self, term: &str) -> u32 {
        if let Some(&id) = self.term_ids.get(term) {
            return id;
        }
        let id = self.terms.len() as u32;
        self.terms.push(term.to_string());
        self.term_ids.insert(term.to_string(), id);
        self.counts.push((0, 0));
        id
    }

    /// Every term met, with the number of articles it appeared in.
    pub fn into_counts(self) -> impl Iterator<Item = (String, usize)> {
        self.terms
            .into_iter()
            .zip(self.counts.into_iter().map(|(count, _)| count))
    }
}

/// What a token resolves to, cached, in eight bytes (so that a slot of the cache is 24):
/// its term, its gazetteer word id, and whether a gazetteer name starts with it.
#[derive(Debug, Clone, Copy, Default)]
struct CachedToken {
    /// The term's id, or [`NONE`].
    term: u32,
    /// The gazetteer word id, or [`NONE`]; the top bit is set when a name starts with it.
    place: u32,
}

/// No term, or no gazetteer word.
const NONE: u32 = u32::MAX;

/// The top bit of [`CachedToken::place`]: a name starts with the word.
const STARTS_NAME: u32 = 1 << 31;

impl CachedToken {
    fn new(term: Option<u32>, place: Option<u32>, places: &GazetteerMatcher) -> Self {
        let place = match place {
            Some(word) if places.starts_name(word) => word | STARTS_NAME,
            Some(word) => word,
            None => NONE,
        };
        CachedToken {
            term: term.unwrap_or(NONE),
            place,
        }
    }

    #[inline(always)]
    fn term(self) -> Option<u32> {
        (self.term != NONE).then_some(self.term)
    }

    /// Adds the token's gazetteer word to the text's.
    #[inline(always)]
    fn push_place(self, text: &mut PlaceWords) {
        let word = (self.place != NONE).then_some(self.place & !STARTS_NAME);
        text.push(word, self.place != NONE && self.place & STARTS_NAME != 0);
    }
}

/// Distinct tokens remembered before the cache starts over (bounds its memory: at most
/// 2 M slots of 24 bytes).
const CACHE_LIMIT: usize = 1 << 20;

/// What each distinct token resolved to, for the hot loops of training and scoring. A token
/// of up to 16 bytes (nearly all of them) is its own key, packed into two words, in an
/// open-addressing table with linear probing that is at most three quarters full (so that
/// it stays small enough to sit mostly in the processor's cache): a look-up is a
/// multiplication and, nearly always, a slot or two read, with no pointer to follow and no
/// `memcmp`: about half the time of hashbrown's grouped probing (which reads a control
/// byte group first) on the corpus's tokens, and look-ups are the largest single cost of
/// scoring. Longer tokens go to an ordinary map.
struct TokenCache<V> {
    /// A power of two long; `EMPTY` keys mark free slots.
    slots: Vec<(ShortKey, V)>,
    /// `64 - log2(slots.len())`: a slot's index is the top bits of the key's hash.
    shift: u32,
    filled: usize,
    long: HashMap<Box<str>, V, FxBuildHasher>,
}

/// A token of 1 to 16 bytes, zero-padded. A token never contains a NUL byte, so no two
/// tokens share a key and none has the key of a free slot.
type ShortKey = [u64; 2];

const EMPTY: ShortKey = [0, 0];

impl<V: Copy + Default> Default for TokenCache<V> {
    fn default() -> Self {
        const START: usize = 1 << 12;
        TokenCache {
            slots: vec![(EMPTY, V::default()); START],
            shift: 64 - START.trailing_zeros(),
            filled: 0,
            long: HashMap::default(),
        }
    }
}

impl<V: Copy + Default> TokenCache<V> {
    /// The value of `token`, if it was seen (and not forgotten since).
    #[cfg(test)]
    fn get(&self, token: &str) -> Option<&V> {
        match short_key(token.as_bytes()) {
            Some(key) => self.get_short(key, hash_key(key)),
            None => self.long.get(token),
        }
    }

    /// Asks the processor to start loading the slot of a short token's key, so that a
    /// look-up made a little later finds it in cache: a text's tokens are all cut and
    /// their slots fetched before the first is looked up, and the loads overlap instead of
    /// each waiting in turn (most of the table is out of the first two cache levels).
    #[inline(always)]
    fn prefetch(&self, hash: u64) {
        let index = (hash >> self.shift) as usize;
        #[cfg(target_arch = "x86_64")]
        {
            use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
            // SAFETY: SSE is part of the x86-64 baseline; a prefetch never faults and reads
            // nothing into the program, and the address is that of an element of `slots`.
            unsafe { _mm_prefetch::<_MM_HINT_T0>(self.slots.as_ptr().add(index).cast()) };
        }
        #[cfg(not(target_arch = "x86_64"))]
        let _ = index;
    }

    /// Cuts `text` into tokens, into `tokens`, and fetches the slot of each: looked up
    /// afterwards in a second loop ([`Self::get_cut`]), they are found in cache.
    #[inline(always)]
    fn cut(&self, text: &str, tokens: &mut Vec<CutToken>) {
        tokens.clear();
        for raw in tokenize(text) {
            let start = raw.as_ptr() as usize - text.as_ptr() as usize;
            let end = start + raw.len();
            let key = short_key_in(text.as_bytes(), start, end).unwrap_or(EMPTY);
            let hash = hash_key(key);
            if key != EMPTY {
                self.prefetch(hash);
            }
            tokens.push(CutToken {
                key,
                hash,
                start: start as u32,
                end: end as u32,
            });
        }
    }

    /// The value of a token cut by [`Self::cut`], if it is a short one that was seen; for
    /// others, [`Self::get_or_insert_with`] with [`CutToken::text`].
    #[inline(always)]
    fn get_cut(&self, token: &CutToken) -> Option<V> {
        match token.key {
            EMPTY => None,
            key => self.get_short(key, token.hash).copied(),
        }
    }

    /// The value stored under a short token's key (whose [`hash_key`] is `hash`), if any.
    #[inline(always)]
    fn get_short(&self, key: ShortKey, hash: u64) -> Option<&V> {
        let (slot_key, value) = &self.slots[self.find(key, hash)];
        (*slot_key == key).then_some(value)
    }

    /// Remembers the value of `token`.
    fn insert(&mut self, token: &str, value: V) {
        self.get_or_insert_with(token, || value);
    }

    /// The value of `token`, made by `make` the first time it is seen.
    #[inline]
    fn get_or_insert_with(&mut self, token: &str, make: impl FnOnce() -> V) -> &V {
        let Some(key) = short_key(token.as_bytes()) else {
            if !self.long.contains_key(token) {
                let value = make();
                self.make_room();
                self.long.insert(token.into(), value);
            }
            return &self.long[token];
        };
        let hash = hash_key(key);
        let mut index = self.find(key, hash);
        if self.slots[index].0 != key {
            let value = make();
            if self.make_room() {
                index = self.find(key, hash);
            }
            self.slots[index] = (key, value);
            self.filled += 1;
        }
        &self.slots[index].1
    }

    /// The slot holding `key` (whose [`hash_key`] is `hash`), or the free slot where it
    /// would go.
    #[inline(always)]
    fn find(&self, key: ShortKey, hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut index = (hash >> self.shift) as usize;
        loop {
            let slot_key = self.slots[index].0;
            if slot_key == key || slot_key == EMPTY {
                return index;
            }
            index = (index + 1) & mask;
        }
    }

    /// Before an insertion: forgets everything at [`CACHE_LIMIT`], and keeps the table at
    /// most three quarters full by doubling it. True when slots moved.
    fn make_room(&mut self) -> bool {
        if self.filled + self.long.len() >= CACHE_LIMIT {
            self.slots.fill((EMPTY, V::default()));
            self.filled = 0;
            self.long.clear();
            return true;
        }
        if 4 * (self.filled + 1) <= 3 * self.slots.len() {
            return false;
        }
        let doubled = vec![(EMPTY, V::default()); 2 * self.slots.len()];
        let old = std::mem::replace(&mut self.slots, doubled);
        self.shift -= 1;
        for (key, value) in old.into_iter().filter(|(key, _)| *key != EMPTY) {
            let index = self.find(key, hash_key(key));
            self.slots[index] = (key, value);
        }
        true
    }
}

/// The bytes of a token of 1 to 16 bytes as two little-endian words, zero-padded; read
/// with overlapping loads, so no copy of variable length is made.
#[inline(always)]
fn short_key(token: &[u8]) -> Option<ShortKey> {
    let n = token.len();
    let u64_at = |at: usize| u64::from_le_bytes(token[at..at + 8].try_into().unwrap());
    let u32_at = |at: usize| u32::from_le_bytes(token[at..at + 4].try_into().unwrap()) as u64;
    Some(match n {
        1..=3 => {
            let (first, middle, last) = (token[0] as u64, token[n / 2] as u64, token[n - 1] as u64);
            [first | middle << ((n / 2) * 8) | last << ((n - 1) * 8), 0]
        }
        4..=8 => [u32_at(0) | (u32_at(n - 4) >> ((8 - n) * 8)) << 32, 0],
        9..=16 => [u64_at(0), u64_at(n - 8) >> ((16 - n) * 8)],
        _ => return None,
    })
}

/// [`short_key`] of the token at `start..end` of `text`, without a branch on its length
/// where sixteen bytes of the text start at the token: they are read at once and masked to
/// its length (the length's three cases in [`short_key`] were a mispredicted branch for
/// about two tokens in three).
#[inline(always)]
fn short_key_in(text: &[u8], start: usize, end: usize) -> Option<ShortKey> {
    let n = end - start;
    match text.get(start..start + 16) {
        Some(window) if (1..=16).contains(&n) => {
            let word = |at: usize| u64::from_le_bytes(window[at..at + 8].try_into().unwrap());
            let [low, high] = KEY_MASKS[n];
            Some([word(0) & low, word(8) & high])
        }
        _ => short_key(&text[start..end]),
    }
}

/// For each length from 0 to 16, the masks that keep that many bytes of two words.
const KEY_MASKS: [[u64; 2]; 17] = {
    let mut masks = [[0; 2]; 17];
    let mut n = 1;
    while n <= 16 {
        masks[n] = [bytes_mask(n), bytes_mask(n.saturating_sub(8))];
        n += 1;
    }
    masks
};

/// The mask of a word's first `bytes` bytes (all of it from 8 on).
const fn bytes_mask(bytes: usize) -> u64 {
    match bytes {
        0 => 0,
        8.. => u64::MAX,
        b => (1 << (8 * b)) - 1,
    }
}

/// Multiplicative hashing: every bit of the key reaches the top bits, which pick the slot.
#[inline(always)]
fn hash_key([low, high]: ShortKey) -> u64 {
    const K1: u64 = 0x9e37_79b9_7f4a_7c15;
    const K2: u64 = 0xd6e8_feb8_6659_fd93;
    (low.wrapping_mul(K1).rotate_left(29) ^ high).wrapping_mul(K2)
}

/// The scoring-time vectoriser: maps tokens straight to vocabulary ids, running the
/// analyser chain (elision, folding, stemming) once per distinct token and caching the
/// result. One per worker thread; it gives exactly what
/// `vocabulary.vectorize(&article_terms(..))` gives (a test holds it to that).
pub struct Vectorizer<'m> {
    analyzer: &'m Analyzer,
    vocabulary: &'m Vocabulary,
    settings: &'m VectorizerSettings,
    geo_ids: Vec<Option<u32>>,
    cache: TokenCache<CachedToken>,
    /// The current text's tokens, cut before any is looked up.
    tokens: Vec<CutToken>,
    ids: Vec<u32>,
    places: PlaceWords,
    regions: Vec<usize>,
}

/// A token of the text being vectorised: its cache key ([`EMPTY`] for a token too long
/// for one), the key's hash (computed once, for the prefetch and the look-up) and where it
/// lies in the text.
#[derive(Debug, Clone, Copy)]
struct CutToken {
    key: ShortKey,
    hash: u64,
    start: u32,
    end: u32,
}

impl CutToken {
    /// The token, in the text it was cut from.
    fn text(self, text: &str) -> &str {
        &text[self.start as usize..self.end as usize]
    }
}

impl<'m> Vectorizer<'m> {
    /// A vectoriser for a model's analyser, vocabulary and settings.
    pub fn new(
        analyzer: &'m Analyzer,
        vocabulary: &'m Vocabulary,
        settings: &'m VectorizerSettings,
    ) -> Self {
        let places = analyzer.places();
        let geo_ids = (0..places.region_count())
            .map(|r| vocabulary.id(&format!("@geo:{}", places.region(r))))
            .collect();
        Vectorizer {
            analyzer,
            vocabulary,
            settings,
            geo_ids,
            cache: TokenCache::default(),
            tokens: Vec::new(),
            ids: Vec::new(),
            places: PlaceWords::default(),
            regions: Vec::new(),
        }
    }

    /// The article as sparse counts over the vocabulary.
    pub fn vectorize(&mut self, article: &Article) -> SparseVector {
        SparseVector::from_ids(self.term_ids(article).to_vec())
    }

    /// The vocabulary ids of the article's terms, in no particular order, each as many
    /// times as it counts (headline terms `title_weight` times): what scoring sums over,
    /// with no sorting or counting on the way.
    pub fn term_ids(&mut self, article: &Article) -> &[u32] {
        self.ids.clear();
        if self.analyzer.bigrams() {
            let terms = article_terms(self.analyzer, self.settings, article);
            self.ids
                .extend(terms.iter().filter_map(|t| self.vocabulary.id(t)));
            return &self.ids;
        }
        self.add_text(&article.title, self.settings.title_weight);
        self.add_text(&article.body, 1);
        &self.ids
    }

    fn add_text(&mut self, text: &str, weight: u32) {
        let Vectorizer {
            analyzer,
            vocabulary,
            cache,
            tokens,
            ids,
            places: place_words,
            ..
        } = self;
        let places = analyzer.places();
        cache.cut(text, tokens);
        place_words.clear();
        for cut in tokens.iter() {
            let token = cache.get_cut(cut).unwrap_or_else(|| {
                let raw = cut.text(text);
                *cache.get_or_insert_with(raw, || {
                    let word = analyzer.word(raw);
                    let term = word.term.and_then(|t| vocabulary.id(&t));
                    CachedToken::new(term, word.place, places)
                })
            });
            if let Some(id) = token.term() {
                ids.extend(std::iter::repeat_n(id, weight as usize));
            }
            token.push_place(place_words);
        }
        places.regions_of(&self.places, &mut self.regions);
        for &region in &self.regions {
            if let Some(id) = self.geo_ids[region] {
                self.ids.extend(std::iter::repeat_n(id, weight as usize));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs() -> Vec<Vec<String>> {
        [["a", "b", "b"].as_slice(), &["b", "c"], &["b", "a", "d"]]
            .iter()
            .map(|d| d.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn min_df_filters_rare_terms() {
        let docs = docs();
        let vocabulary = Vocabulary::build(
            docs.iter().map(Vec::as_slice),
            &VectorizerSettings::default(),
        );
        assert_eq!(vocabulary.terms(), &["a".to_string(), "b".to_string()]);
    }

    #[test]
    fn cap_keeps_most_frequent() {
        let docs = docs();
        let settings = VectorizerSettings {
            min_df: 1,
            max_features: Some(1),
            title_weight: 1,
        };
        let vocabulary = Vocabulary::build(docs.iter().map(Vec::as_slice), &settings);
        assert_eq!(vocabulary.terms(), &["b".to_string()]);
    }

    #[test]
    fn short_keys_are_the_zero_padded_bytes() {
        let text = "abcdefghijklmnopqrstuvwxyzé";
        for n in 0..=text.len() {
            let token = &text.as_bytes()[..n];
            let mut padded = [0u8; 16];
            match short_key(token) {
                Some([lo, hi]) => {
                    padded[..n].copy_from_slice(token);
                    assert_eq!(lo.to_le_bytes(), padded[..8], "{n}");
                    assert_eq!(hi.to_le_bytes(), padded[8..], "{n}");
                }
                None => assert!(n == 0 || n > 16, "{n}"),
            }
        }
    }

    #[test]
    fn keys_read_in_place_are_the_keys_of_the_tokens() {
        let text = "abcdefghijklmnopqrstuvwxyzéèà0123456789".repeat(2);
        let bytes = text.as_bytes();
        for start in 0..bytes.len() {
            for end in start..=bytes.len() {
                let token = &bytes[start..end];
                assert_eq!(
                    short_key_in(bytes, start, end),
                    short_key(token),
                    "{start}..{end}"
                );
            }
        }
    }

    #[test]
    fn token_cache_remembers_every_token_as_it_grows() {
        let mut cache: TokenCache<u32> = TokenCache::default();
        // Short and long tokens, enough to double the table several times.
        let tokens: Vec<String> = (0..20_000)
            .map(|i| match i % 3 {
                0 => format!("w{i}"),
                1 => format!("mot{i}é"),
                _ => format!("anticonstitutionnellement{i}"),
            })
            .collect();
        for (i, token) in tokens.iter().enumerate() {
            assert_eq!(*cache.get_or_insert_with(token, || i as u32), i as u32);
        }
        for (i, token) in tokens.iter().enumerate() {
            assert_eq!(cache.get(token), Some(&(i as u32)), "{token}");
            assert_eq!(*cache.get_or_insert_with(token, || u32::MAX), i as u32);
        }
        assert_eq!(cache.get("absent"), None);
        assert_eq!(cache.get(""), None);
    }

    #[test]
    fn token_cache_starts_over_at_its_limit() {
        let mut cache: TokenCache<u32> = TokenCache::default();
        for i in 0..CACHE_LIMIT + 10 {
            cache.insert(&i.to_string(), 1);
        }
        assert!(cache.filled + cache.long.len() <= CACHE_LIMIT);
        assert_eq!(cache.get(&(CACHE_LIMIT + 9).to_string()), Some(&1));
        assert_eq!(cache.get("0"), None);
    }

    #[test]
    fn vectorize_counts_known_terms() {
        let vocabulary = Vocabulary::from_terms(vec!["a".into(), "b".into()]);
        let doc: Vec<String> = ["b", "z", "b", "a"].iter().map(|s| s.to_string()).collect();
        assert_eq!(vocabulary.vectorize(&doc).entries, vec![(0, 1.0), (1, 2.0)]);
    }
}
