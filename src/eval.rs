//! Measuring a model on labelled articles: accuracy, macro-F1, per-class precision, recall
//! and F1, and the confusion matrix, per head; either on a held-out set with a trained model,
//! or by stratified k-fold cross-validation (each fold trained on the others, predictions
//! pooled over all folds).

use std::collections::BTreeMap;
use std::hash::Hasher;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::ingest::Article;
use rayon::prelude::*;

use crate::features::Vectorizer;
use crate::model::{self, CheckedTrainOptions, Model, Taxonomy, HEAD_NAMES};
use crate::parallel::{map_batches, PerThread};
use crate::text::Gazetteer;

/// Precision, recall, F1 and support of one label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClassScores {
    /// Of the articles tagged with it, the share that carry it.
    pub precision: f64,
    /// Of the articles that carry it, the share tagged with it.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Articles that carry it.
    pub support: usize,
}

/// Rows are true labels, columns predicted labels, both in `labels` order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Confusion {
    /// Labels, in row and column order.
    pub labels: Vec<String>,
    /// Article counts.
    pub matrix: Vec<Vec<usize>>,
}

/// The figures of one head.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeadReport {
    /// Articles evaluated.
    pub articles: usize,
    /// Share of articles tagged correctly.
    pub accuracy: f64,
    /// Unweighted mean of the per-class F1 over the labels in the truth.
    pub macro_f1: f64,
    /// Scores per label.
    pub per_class: BTreeMap<String, ClassScores>,
    /// The confusion matrix.
    pub confusion: Confusion,
}

/// The figures of every head that had labels, and how they were obtained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// `"k-fold cross-validation (k = 5)"` or `"held-out articles"`.
    pub method: String,
    /// Per head.
    pub heads: BTreeMap<String, HeadReport>,
}

/// Scores predictions against the truth.
pub fn score(truth: &[&str], predicted: &[&str]) -> HeadReport {
    let mut labels: Vec<String> = truth
        .iter()
        .chain(predicted)
        .map(|s| s.to_string())
        .collect();
    labels.sort();
    labels.dedup();
    let index = |l: &str| labels.iter().position(|x| x == l).expect("label listed");
    let mut matrix = vec![vec![0usize; labels.len()]; labels.len()];
    for (t, p) in truth.iter().zip(predicted) {
        matrix[index(t)][index(p)] += 1;
    }
    let correct: usize = (0..labels.len()).map(|i| matrix[i][i]).sum();
    let mut per_class = BTreeMap::new();
    for (i, label) in labels.iter().enumerate() {
        let support: usize = matrix[i].iter().sum();
        let predicted_as: usize = matrix.iter().map(|row| row[i]).sum();
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(matrix[i][i], predicted_as);
        let recall = ratio(matrix[i][i], support);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        per_class.insert(
            label.clone(),
            ClassScores {
                precision,
                recall,
                f1,
                support,
            },
        );
    }
    let in_truth: Vec<&ClassScores> = per_class.values().filter(|c| c.support > 0).collect();
    let macro_f1 = in_truth.iter().map(|c| c.f1).sum::<f64>() / in_truth.len().max(1) as f64;
    HeadReport {
        articles: truth.len(),
        accuracy: correct as f64 / truth.len().max(1) as f64,
        macro_f1,
        per_class,
        confusion: Confusion { labels, matrix },
    }
}

/// True and predicted labels per head, gathered article by article (only the labels are
/// kept), then scored.
#[derive(Default)]
struct LabelPairs {
    heads: BTreeMap<&'static str, (Vec<String>, Vec<String>)>,
}

impl LabelPairs {
    fn add(&mut self, article: &Article, tags: &model::Tags) {
        for name in HEAD_NAMES {
            if let (Some(label), Some(tag)) = (article.label(name), tags.get(name)) {
                let (truth, predicted) = self.heads.entry(name).or_default();
                truth.push(label.to_string());
                predicted.push(tag.label.clone());
            }
        }
    }

    fn score(self) -> BTreeMap<String, HeadReport> {
        self.heads
            .into_iter()
            .map(|(name, (truth, predicted))| {
                let truth: Vec<&str> = truth.iter().map(String::as_str).collect();
                let predicted: Vec<&str> = predicted.iter().map(String::as_str).collect();
                (name.to_string(), score(&truth, &predicted))
            })
            .collect()
    }
}

/// Evaluates a trained model on labelled (held-out) articles.
pub fn evaluate(model: &Model, articles: &[Article]) -> Result<Report> {
    evaluate_stream(model, articles.iter().cloned().map(Ok))
}

/// Evaluates a trained model on a stream of labelled articles, in parallel batches; only the
/// labels are kept, so the stream may be of any size. Articles as read
/// ([`crate::ingest::RawArticle`]) are repaired on the worker threads.
pub fn evaluate_stream<A: Into<Article> + Send>(
    model: &Model,
    articles: impl Iterator<Item = Result<A>> + Send,
) -> Result<Report> {
    let mut pairs = LabelPairs::default();
    let vectorizers: PerThread<Vectorizer> = PerThread::default();
    map_batches(
        articles,
        |a| vectorizers.with(|| model.vectorizer(), |v| model.classify_with(v, a)),
        |batch, tags| {
            for (article, tags) in batch.iter().zip(&tags) {
                pairs.add(article, tags);
            }
            Ok(())
        },
    )?;
    let heads = pairs.score();
    if heads.is_empty() {
        return Err(Error::Usage(
            "none of these articles carries a label the model predicts, so there is nothing to evaluate".to_string(),
        ));
    }
    Ok(Report {
        method: "held-out articles".to_string(),
        heads,
    })
}

/// The fold (0..k) of each article: within each (region, theme) stratum, articles are ordered
/// by a hash of their title and dealt round-robin, so folds are stratified and reproducible.
pub fn fold_assignment(articles: &[Article], k: usize) -> Vec<usize> {
    type Stratum<'a> = (Option<&'a str>, Option<&'a str>);
    let mut strata: BTreeMap<Stratum, Vec<(u64, usize)>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        let mut hasher = fnv::FnvHasher::default();
        hasher.write(a.title.as_bytes());
        hasher.write(a.body.as_bytes());
        strata
            .entry((a.region.as_deref(), a.theme.as_deref()))
            .or_default()
            .push((hasher.finish(), i));
    }
    let mut folds = vec![0; articles.len()];
    let mut next = 0;
    for members in strata.values_mut() {
        members.sort_unstable();
        for &(_, i) in members.iter() {
            folds[i] = next % k;
            next += 1;
        }
    }
    folds
}

/// Stratified k-fold cross-validation: trains on k − 1 folds, predicts the held-out one, and
/// scores the predictions pooled over all k folds.
pub fn cross_validate(
    articles: &[Article],
    k: usize,
    options: &CheckedTrainOptions,
    taxonomy: &Taxonomy,
    gazetteer: &Gazetteer,
) -> Result<Report> {
    if k < 2 {
        return Err(Error::Usage(format!("--folds must be at least 2, not {k}")));
    }
    if articles.len() < k {
        return Err(Error::Usage(format!(
            "{k}-fold cross-validation needs at least {k} articles (found {})",
            articles.len()
        )));
    }
    let folds = fold_assignment(articles, k);
    let per_fold: Vec<Vec<(usize, model::Tags)>> = (0..k)
        .into_par_iter()
        .map(|fold| {
            let train: Vec<Article> = articles
                .iter()
                .zip(&folds)
                .filter(|(_, &f)| f != fold)
                .map(|(a, _)| a.clone())
                .collect();
            let model = model::train(&train, options, taxonomy.clone(), gazetteer.clone())?;
            let mut vectorizer = model.vectorizer();
            Ok(folds
                .iter()
                .enumerate()
                .filter(|(_, &f)| f == fold)
                .map(|(i, _)| (i, model.classify_with(&mut vectorizer, &articles[i])))
                .collect())
        })
        .collect::<Result<_>>()?;
    let mut pairs = LabelPairs::default();
    for (i, tags) in per_fold.into_iter().flatten() {
        pairs.add(&articles[i], &tags);
    }
    let heads = pairs.score();
    Ok(Report {
        method: format!("stratified {k}-fold cross-validation"),
        heads,
    })
}

impl Report {
    /// The report as text: one block per head with accuracy, macro-F1, the per-class table
    /// and the confusion matrix.
    pub fn to_text(&self) -> String {
        let mut out = format!("Method: {}\n", self.method);
        for (name, head) in &self.heads {
            out.push_str(&format!(
                "\n{name}: {} articles, accuracy {:.3}, macro-F1 {:.3}\n\n",
                head.articles, head.accuracy, head.macro_f1
            ));
            let width = head
                .confusion
                .labels
                .iter()
                .map(|l| l.chars().count())
                .max()
                .unwrap_or(5)
                .max(5);
            out.push_str(&format!(
                "  {:width$}  precision  recall     f1  support\n",
                "label"
            ));
            for (label, c) in &head.per_class {
                out.push_str(&format!(
                    "  {label:width$}  {:>9.3}  {:>6.3}  {:>5.3}  {:>7}\n",
                    c.precision, c.recall, c.f1, c.support
                ));
            }
            out.push_str("\n  confusion (rows: true label, columns: predicted, same order)\n");
            for (label, row) in head.confusion.labels.iter().zip(&head.confusion.matrix) {
                let cells: Vec<String> = row.iter().map(|n| format!("{n:>4}")).collect();
                out.push_str(&format!("  {label:width$} {}\n", cells.join("")));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_by_hand() {
        let report = score(&["a", "a", "b", "b"], &["a", "b", "b", "b"]);
        assert_eq!(report.accuracy, 0.75);
        let a = &report.per_class["a"];
        assert_eq!((a.precision, a.recall), (1.0, 0.5));
        let b = &report.per_class["b"];
        assert!((b.precision - 2.0 / 3.0).abs() < 1e-12);
        assert!((report.macro_f1 - (2.0 / 3.0 + 0.8) / 2.0).abs() < 1e-12);
        assert_eq!(report.confusion.matrix, vec![vec![1, 1], vec![0, 2]]);
    }

    #[test]
    fn predicted_only_labels_do_not_count_in_macro_f1() {
        let report = score(&["a", "a"], &["a", "c"]);
        assert_eq!(report.per_class["c"].support, 0);
        assert!((report.macro_f1 - report.per_class["a"].f1).abs() < 1e-12);
    }

    #[test]
    fn folds_are_stratified() {
        let articles: Vec<Article> = (0..20)
            .map(|i| {
                let mut a = Article::new(&format!("titre {i}"), "corps");
                a.theme = Some(if i % 2 == 0 { "x" } else { "y" }.to_string());
                a
            })
            .collect();
        let folds = fold_assignment(&articles, 5);
        for f in 0..5 {
            let xs = articles
                .iter()
                .zip(&folds)
                .filter(|(a, &g)| g == f && a.theme.as_deref() == Some("x"))
                .count();
            assert_eq!(xs, 2);
        }
    }
}
