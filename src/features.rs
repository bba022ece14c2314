//! The bag of words: a vocabulary built at training time (minimum document frequency, an
//! optional cap on its size) and the vectoriser that maps an article's terms to sparse
//! counts over it. No dense documents × vocabulary matrix is ever built.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::ingest::Article;
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
        let mut document_frequency: HashMap<&str, usize> = HashMap::new();
        for document in documents {
            let mut seen: Vec<&str> = document.iter().map(String::as_str).collect();
            seen.sort_unstable();
            seen.dedup();
            for term in seen {
                *document_frequency.entry(term).or_default() += 1;
            }
        }
        let mut kept: Vec<(&str, usize)> = document_frequency
            .into_iter()
            .filter(|&(_, df)| df >= settings.min_df.max(1))
            .collect();
        if let Some(cap) = settings.max_features {
            kept.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            kept.truncate(cap);
        }
        let mut terms: Vec<String> = kept.into_iter().map(|(t, _)| t.to_string()).collect();
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
        let mut ids: Vec<u32> = terms.iter().filter_map(|t| self.id(t)).collect();
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
    fn vectorize_counts_known_terms() {
        let vocabulary = Vocabulary::from_terms(vec!["a".into(), "b".into()]);
        let doc: Vec<String> = ["b", "z", "b", "a"].iter().map(|s| s.to_string()).collect();
        assert_eq!(vocabulary.vectorize(&doc).entries, vec![(0, 1.0), (1, 2.0)]);
    }
}
