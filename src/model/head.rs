//! One naive Bayes head (region or theme): linfa-bayes's multinomial model, fitted from
//! per-class sufficient statistics and scored sparsely.
//!
//! linfa-bayes fits from a dense records matrix, prints its whole state through a leftover
//! `dbg!`, and its `predict_proba` overflows to `inf` for real articles. A head therefore
//! accumulates the same sufficient statistics linfa-bayes keeps (per-class document and
//! feature counts), computes `feature_log_prob` exactly as it does, and stores the result in
//! linfa-bayes's own serde form, so [`Head::to_linfa`] yields a genuine `MultinomialNb`.
//! Scoring adds a class's log prior to the sum of log-probabilities over a document's
//! non-zero features; posteriors come from a stable log-sum-exp.

use std::collections::BTreeMap;

use linfa_bayes::MultinomialNb;
use ndarray::Array1;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::features::SparseVector;

/// Per-class document counts and feature counts: all a multinomial naive Bayes needs, and
/// they add up, so new articles can be learnt without the old ones.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClassStats {
    vocabulary_size: usize,
    classes: BTreeMap<String, (usize, Vec<f64>)>,
}

impl ClassStats {
    /// Empty statistics over a vocabulary of `vocabulary_size` terms.
    pub fn new(vocabulary_size: usize) -> Self {
        ClassStats {
            vocabulary_size,
            classes: BTreeMap::new(),
        }
    }

    /// Adds one labelled document.
    pub fn add(&mut self, label: &str, document: &SparseVector) {
        self.add_counts(label, 1, document.entries.iter().copied());
    }

    /// Adds `documents` articles of `label` whose terms, all together, counted as given
    /// (`(term id, count)`, ids in any order).
    pub fn add_counts(
        &mut self,
        label: &str,
        documents: usize,
        counts: impl IntoIterator<Item = (u32, f64)>,
    ) {
        let size = self.vocabulary_size;
        let (count, features) = self
            .classes
            .entry(label.to_string())
            .or_insert_with(|| (0, vec![0.0; size]));
        *count += documents;
        for (id, value) in counts {
            features[id as usize] += value;
        }
    }

    /// Size of the vocabulary the counts run over.
    pub fn vocabulary_size(&self) -> usize {
        self.vocabulary_size
    }

    /// Feature counts per class, in label order.
    pub fn feature_counts(&self) -> Vec<&[f64]> {
        self.classes.values().map(|(_, f)| f.as_slice()).collect()
    }

    /// Number of documents seen per class.
    pub fn class_counts(&self) -> BTreeMap<String, usize> {
        self.classes
            .iter()
            .map(|(l, (c, _))| (l.clone(), *c))
            .collect()
    }
}

/// linfa-bayes's serialised form of a class (`ClassHistogram`), field for field, so the same
/// bytes deserialise into `MultinomialNb` and into this mirror.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct ClassHistogramForm {
    class_count: usize,
    prior: f64,
    feature_count: Array1<f64>,
    feature_log_prob: Array1<f64>,
}

/// linfa-bayes's serialised form of `MultinomialNb` (a map ordered for stable bytes).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct MultinomialNbForm {
    class_info: BTreeMap<String, ClassHistogramForm>,
}

/// A fitted head, ready to score.
#[derive(Debug, Clone, PartialEq)]
pub struct Head {
    name: String,
    alpha: f64,
    classes: Vec<String>,
    class_counts: Vec<usize>,
    feature_counts: Vec<Vec<f64>>,
    log_priors: Vec<f64>,
    /// Log-probabilities, feature-major: `log_probs[feature * classes + class]`, so a sparse
    /// document touches one contiguous row per term.
    log_probs: Vec<f64>,
    vocabulary_size: usize,
}

impl Head {
    /// Fits a head from sufficient statistics with additive smoothing `alpha`, computing
    /// exactly what linfa-bayes's `MultinomialNb::fit` computes.
    pub fn fit(name: &str, alpha: f64, stats: &ClassStats) -> Result<Head> {
        if stats.classes.len() < 2 {
            return Err(Error::Training(format!(
                "the {name} head needs articles of at least two different labels (found {})",
                stats.classes.len()
            )));
        }
        let form = MultinomialNbForm {
            class_info: stats
                .classes
                .iter()
                .map(|(label, (count, features))| {
                    let feature_count = Array1::from(features.clone());
                    let smoothed = feature_count.mapv(|x| x + alpha);
                    let total = smoothed.sum();
                    let feature_log_prob = smoothed.mapv(|x| x.ln() - total.ln());
                    let histogram = ClassHistogramForm {
                        class_count: *count,
                        prior: 0.0,
                        feature_count,
                        feature_log_prob,
                    };
                    (label.clone(), histogram)
                })
                .collect(),
        };
        Ok(Self::from_form(name, alpha, with_priors(form)))
    }

    fn from_form(name: &str, alpha: f64, form: MultinomialNbForm) -> Head {
        let classes: Vec<String> = form.class_info.keys().cloned().collect();
        let vocabulary_size = form
            .class_info
            .values()
            .next()
            .map_or(0, |h| h.feature_count.len());
        let n = classes.len();
        let mut log_probs = vec![0.0; vocabulary_size * n];
        for (c, histogram) in form.class_info.values().enumerate() {
            for (f, &lp) in histogram.feature_log_prob.iter().enumerate() {
                log_probs[f * n + c] = lp;
            }
        }
        Head {
            name: name.to_string(),
            alpha,
            class_counts: form.class_info.values().map(|h| h.class_count).collect(),
            feature_counts: form
                .class_info
                .values()
                .map(|h| h.feature_count.to_vec())
                .collect(),
            log_priors: form.class_info.values().map(|h| h.prior.ln()).collect(),
            log_probs,
            classes,
            vocabulary_size,
        }
    }

    fn to_form(&self) -> MultinomialNbForm {
        let n = self.classes.len();
        let total: usize = self.class_counts.iter().sum();
        MultinomialNbForm {
            class_info: self
                .classes
                .iter()
                .enumerate()
                .map(|(c, label)| {
                    let histogram = ClassHistogramForm {
                        class_count: self.class_counts[c],
                        prior: self.class_counts[c] as f64 / total as f64,
                        feature_count: Array1::from(self.feature_counts[c].clone()),
                        feature_log_prob: (0..self.vocabulary_size)
                            .map(|f| self.log_probs[f * n + c])
                            .collect(),
                    };
                    (label.clone(), histogram)
                })
                .collect(),
        }
    }

    /// The head's sufficient statistics, to learn more articles from.
    pub fn stats(&self) -> ClassStats {
        ClassStats {
            vocabulary_size: self.vocabulary_size,
            classes: self
                .classes
                .iter()
                .enumerate()
                .map(|(c, l)| {
                    (
                        l.clone(),
                        (self.class_counts[c], self.feature_counts[c].clone()),
                    )
                })
                .collect(),
        }
    }

    /// The head's name (`region`, `theme`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Size of the vocabulary it scores.
    pub fn vocabulary_size(&self) -> usize {
        self.vocabulary_size
    }

    /// The smoothing it was fitted with.
    pub fn alpha(&self) -> f64 {
        self.alpha
    }

    /// Its labels, sorted.
    pub fn classes(&self) -> &[String] {
        &self.classes
    }

    /// Training documents per label.
    pub fn class_counts(&self) -> &[usize] {
        &self.class_counts
    }

    /// The log prior of each class.
    pub fn log_priors(&self) -> &[f64] {
        &self.log_priors
    }

    /// How many times the training articles used each term, over all classes.
    pub fn term_counts(&self) -> Vec<f64> {
        let mut counts = vec![0.0; self.vocabulary_size];
        for class in &self.feature_counts {
            for (total, count) in counts.iter_mut().zip(class) {
                *total += count;
            }
        }
        counts
    }

    /// The log-probability of feature `id` under class index `class`.
    pub fn log_prob(&self, id: u32, class: usize) -> f64 {
        self.log_probs[id as usize * self.classes.len() + class]
    }

    /// The joint log-likelihood of the document under each class (same order as
    /// [`Head::classes`]): what linfa-bayes's `joint_log_likelihood` returns, computed sparsely.
    pub fn joint_log_likelihood(&self, document: &SparseVector) -> Vec<f64> {
        let n = self.classes.len();
        let mut jll = self.log_priors.clone();
        for &(id, count) in &document.entries {
            let row = &self.log_probs[id as usize * n..(id as usize + 1) * n];
            for (j, lp) in jll.iter_mut().zip(row) {
                *j += count * lp;
            }
        }
        jll
    }

    /// Posterior probabilities of each class: finite, in [0, 1], summing to one, however long
    /// the document (log-sum-exp with the maximum subtracted).
    pub fn posteriors(&self, document: &SparseVector) -> Vec<f64> {
        softmax(&self.joint_log_likelihood(document))
    }

    /// The model as a genuine linfa-bayes `MultinomialNb`, decoded from the stored form.
    pub fn to_linfa(&self) -> Result<MultinomialNb<f64, String>> {
        postcard::from_bytes(&self.to_bytes()?).map_err(|e| Error::BadModel {
            path: self.name.clone(),
            message: format!("linfa-bayes cannot read the {} head ({e})", self.name),
        })
    }

    /// The head in linfa-bayes's serde form, as postcard bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        postcard::to_allocvec(&self.to_form())
            .map_err(|e| Error::Training(format!("cannot encode the {} head: {e}", self.name)))
    }

    /// A head from linfa-bayes's serde form; fails on anything else.
    pub fn from_bytes(name: &str, alpha: f64, bytes: &[u8]) -> std::result::Result<Head, String> {
        let form: MultinomialNbForm = postcard::from_bytes(bytes).map_err(|e| e.to_string())?;
        let sizes: Vec<usize> = form
            .class_info
            .values()
            .map(|h| h.feature_log_prob.len())
            .collect();
        if form.class_info.len() < 2 || sizes.windows(2).any(|w| w[0] != w[1]) {
            return Err(format!("the {name} head is inconsistent"));
        }
        Ok(Self::from_form(name, alpha, form))
    }
}

fn with_priors(mut form: MultinomialNbForm) -> MultinomialNbForm {
    let total: usize = form.class_info.values().map(|h| h.class_count).sum();
    for histogram in form.class_info.values_mut() {
        histogram.prior = histogram.class_count as f64 / total as f64;
    }
    form
}

/// Normalises log-scores into probabilities without overflow.
pub fn softmax(log_scores: &[f64]) -> Vec<f64> {
    let mut probabilities = log_scores.to_vec();
    softmax_in_place(&mut probabilities);
    probabilities
}

/// [`softmax`] over the scores themselves, with no allocation.
pub fn softmax_in_place(scores: &mut [f64]) {
    let max = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    for s in scores.iter_mut() {
        *s = (*s - max).exp();
    }
    let sum: f64 = scores.iter().sum();
    for s in scores.iter_mut() {
        *s /= sum;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linfa::prelude::*;
    use linfa_bayes::NaiveBayes;
    use ndarray::{array, Array2};

    fn sparse(dense: &[f64]) -> SparseVector {
        SparseVector {
            entries: dense
                .iter()
                .enumerate()
                .filter(|(_, &v)| v != 0.0)
                .map(|(i, &v)| (i as u32, v))
                .collect(),
        }
    }

    #[test]
    fn fit_matches_linfa_bayes_fit() {
        let x: Array2<f64> = array![
            [1., 0., 2.],
            [2., 0., 0.],
            [0., 3., 1.],
            [0., 1., 0.],
            [1., 1., 1.]
        ];
        let y = array![
            "a".to_string(),
            "a".into(),
            "b".into(),
            "b".into(),
            "c".into()
        ];
        let linfa_model = MultinomialNb::params()
            .alpha(0.5)
            .fit(&Dataset::new(x.clone(), y.clone()))
            .unwrap();
        let mut stats = ClassStats::new(3);
        for (row, label) in x.rows().into_iter().zip(y.iter()) {
            stats.add(label, &sparse(row.as_slice().unwrap()));
        }
        let head = Head::fit("theme", 0.5, &stats).unwrap();
        assert_eq!(head.to_linfa().unwrap(), linfa_model);
        let jll = linfa_model.joint_log_likelihood(x.view());
        for (i, row) in x.rows().into_iter().enumerate() {
            let ours = head.joint_log_likelihood(&sparse(row.as_slice().unwrap()));
            for (c, label) in head.classes().iter().enumerate() {
                assert!((ours[c] - jll[label][i]).abs() < 1e-9);
            }
        }
    }

    #[test]
    fn posteriors_stay_finite_for_huge_documents() {
        let mut stats = ClassStats::new(2);
        stats.add("a", &sparse(&[5.0, 1.0]));
        stats.add("b", &sparse(&[1.0, 5.0]));
        let head = Head::fit("region", 1.0, &stats).unwrap();
        let posteriors = head.posteriors(&sparse(&[40_000.0, 39_000.0]));
        assert!(posteriors
            .iter()
            .all(|p| p.is_finite() && (0.0..=1.0).contains(p)));
        assert!((posteriors.iter().sum::<f64>() - 1.0).abs() < 1e-12);
    }

    #[test]
    fn one_class_is_refused() {
        let mut stats = ClassStats::new(1);
        stats.add("a", &sparse(&[1.0]));
        assert!(Head::fit("theme", 1.0, &stats).is_err());
    }

    #[test]
    fn bytes_round_trip() {
        let mut stats = ClassStats::new(2);
        stats.add("a", &sparse(&[2.0, 0.0]));
        stats.add("b", &sparse(&[0.0, 2.0]));
        let head = Head::fit("theme", 1.0, &stats).unwrap();
        let back = Head::from_bytes("theme", 1.0, &head.to_bytes().unwrap()).unwrap();
        assert_eq!(back, head);
        assert!(Head::from_bytes("theme", 1.0, b"nonsense").is_err());
    }
}
