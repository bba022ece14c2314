//! The gazetteer: French names of countries, capitals, cities, demonyms and institutions,
//! each mapped to a region id. The analyser turns every hit into an `@geo:<region>` feature,
//! so an article naming Pyongyang carries evidence for `asie-pacifique` even if no training
//! article named it. Multi-word names ("Corée du Nord", "Nations unies") match as one, over
//! the token stream, through a token trie: one pass, leftmost-longest, never one scan per name.

use rustc_hash::FxHashMap as HashMap;

use serde::{Deserialize, Serialize};

use super::analyzer::{elide, fold_accents, fold_case, tokenize};
use crate::error::{Error, Result};

/// One gazetteer name and the region it points to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GazetteerEntry {
    /// The name as French copy writes it.
    pub name: String,
    /// The region id it is evidence for.
    pub region: String,
}

/// The list of names, as stored in the model file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gazetteer {
    /// Every entry, in file order.
    pub entries: Vec<GazetteerEntry>,
}

impl Gazetteer {
    /// Reads the TSV layout of `data/gazetteer.tsv`: a header row, then `name`, `region` and
    /// an optional `kind` column.
    pub fn from_tsv(text: &str) -> Result<Self> {
        let mut entries = Vec::new();
        for (index, line) in text.lines().enumerate().skip(1) {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut fields = line.split('\t');
            match (fields.next(), fields.next()) {
                (Some(name), Some(region))
                    if !name.trim().is_empty() && !region.trim().is_empty() =>
                {
                    entries.push(GazetteerEntry {
                        name: name.trim().to_string(),
                        region: region.trim().to_string(),
                    })
                }
                _ => {
                    return Err(Error::bad_input(
                        "gazetteer",
                        index + 1,
                        "expected a name and a region separated by a tab",
                    ))
                }
            }
        }
        Ok(Gazetteer { entries })
    }

    /// The gazetteer shipped in `data/gazetteer.tsv`.
    pub fn bundled() -> Self {
        Self::from_tsv(include_str!("../../data/gazetteer.tsv"))
            .expect("data/gazetteer.tsv is checked by the test suite")
    }
}

/// A token trie over the gazetteer's names, built once per analyser. Words are interned:
/// a token is looked up once, by its accent-folded lower-case form, and the trie walks on
/// word ids. The trie is kept flat, in a few kilobytes of arrays and one map of edges, so
/// that the walk, taken at every word that starts a name, stays in cache: most names are a
/// single word, and their match reads two small integers and no map.
#[derive(Debug)]
pub struct GazetteerMatcher {
    words: HashMap<String, u32>,
    /// Each node's region index, or [`ABSENT`] where no name ends; the [`CONTINUES`] bit
    /// is set when longer names go on from the node. Node 0 is the root.
    nodes: Vec<u32>,
    /// The child of a node for a word: `(node, word id) -> node`.
    edges: HashMap<(u32, u32), u32>,
    /// The root's child for each word id, or [`ABSENT`]: the first step of every match.
    roots: Vec<u32>,
    regions: Vec<String>,
}

/// In `nodes`, no name ends at the node; in `roots`, no name starts with the word.
const ABSENT: u32 = u32::MAX >> 1;

/// The bit of [`GazetteerMatcher::nodes`] set when a node has children.
const CONTINUES: u32 = 1 << 31;

impl GazetteerMatcher {
    /// Builds the trie; names are tokenised exactly like article text.
    pub fn new(gazetteer: &Gazetteer) -> Self {
        let mut matcher = GazetteerMatcher {
            words: HashMap::default(),
            nodes: vec![ABSENT],
            edges: HashMap::default(),
            roots: Vec::new(),
            regions: Vec::new(),
        };
        for entry in &gazetteer.entries {
            let keys: Vec<u32> = tokenize(&entry.name)
                .map(|w| fold_accents(&fold_case(elide(w))))
                .map(|key| {
                    let next = matcher.words.len() as u32;
                    *matcher.words.entry(key).or_insert(next)
                })
                .collect();
            if keys.is_empty() {
                continue;
            }
            let region = match matcher.regions.iter().position(|r| *r == entry.region) {
                Some(i) => i,
                None => {
                    matcher.regions.push(entry.region.clone());
                    matcher.regions.len() - 1
                }
            };
            let mut node = 0;
            for key in keys {
                node = match matcher.edges.get(&(node, key)) {
                    Some(&child) => child,
                    None => {
                        let child = matcher.nodes.len() as u32;
                        matcher.nodes.push(ABSENT);
                        matcher.nodes[node as usize] |= CONTINUES;
                        matcher.edges.insert((node, key), child);
                        child
                    }
                };
            }
            // The first entry for a name wins, so the file order settles rare ambiguities.
            let ends = &mut matcher.nodes[node as usize];
            if *ends & !CONTINUES == ABSENT {
                *ends = (*ends & CONTINUES) | region as u32;
            }
        }
        matcher.roots = (0..matcher.words.len() as u32)
            .map(|w| matcher.edges.get(&(0, w)).copied().unwrap_or(ABSENT))
            .collect();
        matcher
    }

    /// The region of the names ending at `node`, if some do.
    fn region_at(&self, node: u32) -> Option<usize> {
        let region = self.nodes[node as usize] & !CONTINUES;
        (region != ABSENT).then_some(region as usize)
    }

    /// Whether longer names go on from `node`.
    fn continues(&self, node: u32) -> bool {
        self.nodes[node as usize] & CONTINUES != 0
    }

    /// The id of a word (lower-cased, elided, accents folded) among the names' words.
    pub fn word_id(&self, key: &str) -> Option<u32> {
        self.words.get(key).copied()
    }

    /// The name of the region with index `index` (as returned by [`Self::regions_in`]).
    pub fn region(&self, index: usize) -> &str {
        &self.regions[index]
    }

    /// The index of `region`, if some name points to it.
    pub fn region_index(&self, region: &str) -> Option<usize> {
        self.regions.iter().position(|r| r == region)
    }

    /// Number of regions the names point to.
    pub fn region_count(&self) -> usize {
        self.regions.len()
    }

    /// Whether some name starts with the word of this id.
    pub fn starts_name(&self, word: u32) -> bool {
        self.roots[word as usize] != ABSENT
    }

    /// The region index of every name found in a text's words (their [`Self::word_id`]s),
    /// leftmost-longest and without overlaps.
    pub fn regions_in(&self, words: &[Option<u32>]) -> Vec<usize> {
        let mut text = PlaceWords::default();
        for &word in words {
            text.push(word, word.is_some_and(|w| self.starts_name(w)));
        }
        let mut found = Vec::new();
        self.regions_of(&text, &mut found);
        found
    }

    /// [`Self::regions_in`] into `found`, for words gathered as a text was read: only the
    /// words that start a name are tried (a few in a text), not every word.
    pub fn regions_of(&self, text: &PlaceWords, found: &mut Vec<usize>) {
        found.clear();
        let mut free_from = 0;
        for &start in &text.starts {
            let start = start as usize;
            if start < free_from {
                continue;
            }
            if let Some((length, region)) = self.longest_name_at(&text.words[start..]) {
                found.push(region);
                free_from = start + length;
            }
        }
    }

    /// The longest name the words start with: its length in words and its region.
    fn longest_name_at(&self, words: &[Option<u32>]) -> Option<(usize, usize)> {
        let first = (*words.first()?)?;
        let mut node = self.roots[first as usize];
        if node == ABSENT {
            return None;
        }
        let mut longest = self.region_at(node).map(|region| (1, region));
        for (offset, word) in words.iter().enumerate().skip(1) {
            if !self.continues(node) {
                break;
            }
            let Some(&child) = word.and_then(|w| self.edges.get(&(node, w))) else {
                break;
            };
            node = child;
            if let Some(region) = self.region_at(node) {
                longest = Some((offset + 1, region));
            }
        }
        longest
    }
}

/// A text's words as the gazetteer sees them (their [`GazetteerMatcher::word_id`]s),
/// gathered one by one, with the places where a name may start.
#[derive(Debug, Clone, Default)]
pub struct PlaceWords {
    words: Vec<Option<u32>>,
    /// Indices into `words` of the words that start some name, in order.
    starts: Vec<u32>,
}

impl PlaceWords {
    /// Forgets the words, keeping the memory.
    pub fn clear(&mut self) {
        self.words.clear();
        self.starts.clear();
    }

    /// Adds the next word of the text: its id (`None` when it is in no name) and whether
    /// some name starts with it ([`GazetteerMatcher::starts_name`]).
    #[inline]
    pub fn push(&mut self, word: Option<u32>, starts_name: bool) {
        if starts_name {
            self.starts.push(self.words.len() as u32);
        }
        self.words.push(word);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(matcher: &GazetteerMatcher, text: &str) -> Vec<String> {
        let ids: Vec<Option<u32>> = tokenize(text)
            .map(|w| matcher.word_id(&fold_accents(&fold_case(elide(w)))))
            .collect();
        matcher
            .regions_in(&ids)
            .into_iter()
            .map(|r| matcher.region(r).to_string())
            .collect()
    }

    fn matcher() -> GazetteerMatcher {
        let gazetteer = Gazetteer::from_tsv(
            "name\tregion\tkind\nCorée\tasie-pacifique\tcountry\nCorée du Nord\tasie-pacifique\tcountry\nNations unies\tmonde\tinstitution\nBurkina Faso\tafrique\tcountry\nÉtats-Unis\tameriques\tcountry\n",
        )
        .unwrap();
        GazetteerMatcher::new(&gazetteer)
    }

    #[test]
    fn multi_word_names_match_once_and_longest() {
        assert_eq!(
            found(&matcher(), "la Corée du Nord"),
            vec!["asie-pacifique"]
        );
        assert_eq!(
            found(&matcher(), "les Nations unies et le Burkina Faso"),
            vec!["monde", "afrique"]
        );
    }

    #[test]
    fn a_name_inside_a_longer_match_is_passed_over() {
        let gazetteer = Gazetteer::from_tsv(
            "name\tregion\nCorée du Nord\tasie-pacifique\nNord\teurope\nNord Kivu\tafrique\n",
        )
        .unwrap();
        let matcher = GazetteerMatcher::new(&gazetteer);
        assert_eq!(found(&matcher, "la Corée du Nord"), vec!["asie-pacifique"]);
        assert_eq!(
            found(
                &matcher,
                "Corée du Nord Kivu, Nord, Corée du Sud, Nord Kivu"
            ),
            vec!["asie-pacifique", "europe", "afrique"]
        );
    }

    #[test]
    fn accents_and_case_do_not_matter() {
        assert_eq!(found(&matcher(), "aux ETATS-UNIS"), vec!["ameriques"]);
    }

    #[test]
    fn partial_names_do_not_match() {
        assert!(found(&matcher(), "Burkina seul").is_empty());
    }

    #[test]
    fn bundled_gazetteer_parses_with_known_regions() {
        let gazetteer = Gazetteer::bundled();
        assert!(gazetteer.entries.len() > 1000);
        let taxonomy = crate::model::Taxonomy::bundled();
        let known: Vec<&str> = taxonomy.regions.iter().map(|r| r.id.as_str()).collect();
        for entry in &gazetteer.entries {
            assert!(known.contains(&entry.region.as_str()), "{entry:?}");
        }
    }
}
