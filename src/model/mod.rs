//! The model: the analyser and vocabulary it was trained with, its two naive Bayes heads
//! (region and theme), the taxonomy, and the metadata of its training. Trained from
//! labelled articles ([`train`]), grown with new ones ([`Model::update`]), saved to and loaded
//! from one file ([`file`]). A `Model` is immutable; scoring takes `&self`.

pub mod file;
pub mod head;
mod scorer;
pub mod taxonomy;

use std::collections::BTreeMap;
use std::hash::Hasher;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::eval::Report;
use rustc_hash::FxHashMap;

use crate::features::{
    article_terms, DocumentFrequencies, SparseVector, Vectorizer, VectorizerSettings, Vocabulary,
};
use crate::ingest::Article;
use crate::parallel::{map_batches, PerThread, Progress};
use crate::text::{Analyzer, AnalyzerSettings, Gazetteer};
use head::softmax_in_place;
pub use head::{ClassStats, Head};
use scorer::Scorer;
pub use taxonomy::{Lang, Taxonomy};

/// The heads revue trains, in order.
pub const HEAD_NAMES: [&str; 2] = ["region", "theme"];

/// The bytes of the default model, embedded at build time from `models/default.revue`.
const EMBEDDED_MODEL: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default.revue"));

/// Training hyper-parameters, checked once with [`TrainOptions::check`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrainOptions {
    /// Additive (Laplace/Lidstone) smoothing of both heads.
    pub alpha: f64,
    /// Minimum number of training articles a term must appear in.
    pub min_df: usize,
    /// Cap on the vocabulary size.
    pub max_features: Option<usize>,
    /// 1 for words, 2 to add pairs of adjacent words.
    pub ngrams: usize,
    /// How many times headline terms count.
    pub title_weight: u32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            alpha: 1.0,
            min_df: 2,
            max_features: None,
            ngrams: 1,
            title_weight: 2,
        }
    }
}

/// Training options that passed [`TrainOptions::check`].
#[derive(Debug, Clone, PartialEq)]
pub struct CheckedTrainOptions(TrainOptions);

impl std::ops::Deref for CheckedTrainOptions {
    type Target = TrainOptions;
    fn deref(&self) -> &TrainOptions {
        &self.0
    }
}

impl TrainOptions {
    /// Validates the options.
    pub fn check(self) -> Result<CheckedTrainOptions> {
        if !(self.alpha.is_finite() && self.alpha > 0.0) {
            return Err(Error::Usage(format!(
                "--alpha must be a positive number, not {}",
                self.alpha
            )));
        }
        if !(1..=2).contains(&self.ngrams) {
            return Err(Error::Usage(format!(
                "--ngrams must be 1 or 2, not {}",
                self.ngrams
            )));
        }
        if self.max_features == Some(0) {
            return Err(Error::Usage(
                "--max-features must be at least 1".to_string(),
            ));
        }
        if self.title_weight == 0 {
            return Err(Error::Usage(
                "--title-weight must be at least 1".to_string(),
            ));
        }
        Ok(CheckedTrainOptions(self))
    }
}

/// How a model was trained.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    /// When (RFC 3339).
    pub trained_at: String,
    /// The revue version that trained it.
    pub revue_version: String,
    /// Articles learnt, updates included.
    pub articles: usize,
    /// Articles per label, per head.
    pub class_counts: BTreeMap<String, BTreeMap<String, usize>>,
    /// FNV-1a hash of the training articles (titles, bodies, labels), in hex.
    pub data_hash: String,
    /// The options it was trained with.
    pub options: TrainOptions,
    /// Cross-validation figures, when trained with `--folds`.
    pub evaluation: Option<Report>,
    /// How many `train --update` runs added articles to it.
    pub updates: usize,
}

/// Heads and their per-label article counts.
type FittedHeads = (Vec<Head>, BTreeMap<String, BTreeMap<String, usize>>);

/// A head's verdict on one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tag {
    /// The chosen label.
    pub label: String,
    /// Its posterior probability.
    pub confidence: f64,
    /// The second most probable label and its probability.
    pub runner_up: Option<(String, f64)>,
}

/// Both heads' verdicts; a model without a head leaves it `None`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Tags {
    /// The region head's verdict.
    pub region: Option<Tag>,
    /// The theme head's verdict.
    pub theme: Option<Tag>,
}

impl Tags {
    /// Records the verdict of the head called `head`; other heads are not kept.
    fn set(&mut self, head: &str, tag: Tag) {
        match head {
            "region" => self.region = Some(tag),
            "theme" => self.theme = Some(tag),
            _ => {}
        }
    }

    /// The verdict of the head called `head` (`"region"` or `"theme"`).
    pub fn get(&self, head: &str) -> Option<&Tag> {
        match head {
            "region" => self.region.as_ref(),
            "theme" => self.theme.as_ref(),
            _ => None,
        }
    }
}

/// A term and how much it weighed for a tag over the runner-up (in log-probability).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// The stem or `@geo:` feature.
    pub term: String,
    /// Its weight: count × (log P(term | tag) − log P(term | runner-up)).
    pub weight: f64,
}

/// A trained model.
#[derive(Debug)]
pub struct Model {
    analyzer: Analyzer,
    vectorizer: VectorizerSettings,
    vocabulary: Vocabulary,
    heads: Vec<Head>,
    /// The heads laid out for fast scoring.
    scorer: Scorer,
    /// Display names and order of the labels.
    pub taxonomy: Taxonomy,
    /// How it was trained.
    pub metadata: Metadata,
}

impl Model {
    /// The default model embedded in this binary.
    pub fn embedded() -> Result<Model> {
        if EMBEDDED_MODEL.is_empty() {
            return Err(Error::BadModel {
                path: "<embedded>".to_string(),
                message: "this build has no embedded model; pass --model PATH".to_string(),
            });
        }
        Self::from_bytes(EMBEDDED_MODEL, "<embedded>")
    }

    /// Loads a model file.
    pub fn load(path: &Path) -> Result<Model> {
        Self::from_stored(file::read(path)?, &path.display().to_string())
    }

    /// The model at `path`, or the embedded default when `None`.
    pub fn load_or_embedded(path: Option<&Path>) -> Result<Model> {
        match path {
            Some(path) => Self::load(path),
            None => Self::embedded(),
        }
    }

    /// Decodes a model from the bytes of a model file.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Model> {
        Self::from_stored(file::decode(bytes, name)?, name)
    }

    fn from_stored(stored: file::StoredModel, name: &str) -> Result<Model> {
        let vocabulary = Vocabulary::from_terms(stored.vocabulary);
        let mut heads = Vec::new();
        for h in &stored.heads {
            let head =
                Head::from_bytes(&h.name, h.alpha, &h.multinomial_nb).map_err(|message| {
                    Error::BadModel {
                        path: name.to_string(),
                        message: format!("the model file is corrupt ({message})"),
                    }
                })?;
            if head.vocabulary_size() != vocabulary.len() {
                return Err(Error::BadModel {
                    path: name.to_string(),
                    message: format!(
                        "the model file is corrupt (the {} head does not fit the vocabulary)",
                        h.name
                    ),
                });
            }
            heads.push(head);
        }
        Ok(Model {
            analyzer: Analyzer::new(stored.analyzer),
            vectorizer: stored.vectorizer,
            vocabulary,
            scorer: Scorer::new(&heads),
            heads,
            taxonomy: stored.taxonomy,
            metadata: stored.metadata,
        })
    }

    /// The model as the bytes of a model file.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let heads = self
            .heads
            .iter()
            .map(|h| {
                Ok(file::StoredHead {
                    name: h.name().to_string(),
                    alpha: h.alpha(),
                    multinomial_nb: h.to_bytes()?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        file::encode(&file::StoredModel {
            revue_version: env!("CARGO_PKG_VERSION").to_string(),
            analyzer: self.analyzer.settings().clone(),
            vectorizer: self.vectorizer.clone(),
            vocabulary: self.vocabulary.terms().to_vec(),
            taxonomy: self.taxonomy.clone(),
            heads,
            metadata: self.metadata.clone(),
        })
    }

    /// The heads, in [`HEAD_NAMES`] order.
    pub fn heads(&self) -> &[Head] {
        &self.heads
    }

    /// The head called `name`, if the model has one.
    pub fn head(&self, name: &str) -> Option<&Head> {
        self.heads.iter().find(|h| h.name() == name)
    }

    /// The vocabulary.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// The analyser.
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// The article's terms as the model sees them.
    pub fn terms(&self, article: &Article) -> Vec<String> {
        article_terms(&self.analyzer, &self.vectorizer, article)
    }

    /// The article as a sparse bag of words over the model's vocabulary.
    pub fn vectorize(&self, article: &Article) -> SparseVector {
        self.vectorizer().vectorize(article)
    }

    /// A caching vectoriser for many articles (one per worker thread).
    pub fn vectorizer(&self) -> Vectorizer<'_> {
        Vectorizer::new(&self.analyzer, &self.vocabulary, &self.vectorizer)
    }

    /// Tags an article with each head's most probable label.
    pub fn classify(&self, article: &Article) -> Tags {
        self.classify_vector(&self.vectorize(article))
    }

    /// Tags an already vectorised article.
    pub fn classify_vector(&self, document: &SparseVector) -> Tags {
        let mut scores: Vec<f64> = self
            .heads
            .iter()
            .flat_map(|head| head.joint_log_likelihood(document))
            .collect();
        self.tags(&mut scores)
    }

    /// Tags an article through a worker's caching vectoriser, summing log-probabilities
    /// straight over its term ids (no sorted vector is built): the fast path of
    /// `classify` and `digest`.
    pub fn classify_with(&self, vectorizer: &mut Vectorizer, article: &Article) -> Tags {
        let mut scores = Vec::new();
        self.scorer
            .joint_log_likelihoods(vectorizer.term_ids(article), &mut scores);
        self.tags(&mut scores)
    }

    /// Every head's tag from the heads' joint log-likelihoods side by side, laid out as
    /// [`Scorer::span`] says (turned into posteriors in place).
    fn tags(&self, scores: &mut [f64]) -> Tags {
        let mut tags = Tags::default();
        for (i, head) in self.heads.iter().enumerate() {
            let posteriors = &mut scores[self.scorer.span(i)];
            softmax_in_place(posteriors);
            tags.set(head.name(), best_tag(head, posteriors));
        }
        tags
    }

    /// The `n` terms that weighed most for `tag` against its runner-up in `head`.
    pub fn explain(
        &self,
        document: &SparseVector,
        head: &str,
        tag: &Tag,
        n: usize,
    ) -> Vec<Evidence> {
        let Some(head) = self.head(head) else {
            return Vec::new();
        };
        let index = |label: &str| head.classes().iter().position(|c| c == label);
        let (Some(chosen), Some(other)) = (
            index(&tag.label),
            tag.runner_up.as_ref().and_then(|(l, _)| index(l)),
        ) else {
            return Vec::new();
        };
        let mut evidence: Vec<Evidence> = document
            .entries
            .iter()
            .map(|&(id, count)| Evidence {
                term: self.vocabulary.term(id).to_string(),
                weight: count * (head.log_prob(id, chosen) - head.log_prob(id, other)),
            })
            .filter(|e| e.weight > 0.0)
            .collect();
        evidence.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.term.cmp(&b.term)));
        evidence.truncate(n);
        evidence
    }

    /// The `n` terms most characteristic of each label of `head`: frequent in the label and
    /// far more probable there than on average elsewhere.
    pub fn top_terms(&self, head: &str, n: usize) -> Vec<(String, Vec<String>)> {
        let Some(head) = self.head(head) else {
            return Vec::new();
        };
        let classes = head.classes().len();
        let stats = head.stats();
        let counts = stats.feature_counts();
        head.classes()
            .iter()
            .enumerate()
            .map(|(c, label)| {
                let mut scored: Vec<(f64, u32)> = (0..self.vocabulary.len() as u32)
                    .map(|id| {
                        let mean_other = (0..classes)
                            .filter(|&k| k != c)
                            .map(|k| head.log_prob(id, k))
                            .sum::<f64>()
                            / (classes - 1) as f64;
                        let lift = head.log_prob(id, c) - mean_other;
                        (counts[c][id as usize] * lift, id)
                    })
                    .collect();
                scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                let terms = scored
                    .iter()
                    .take(n)
                    .map(|&(_, id)| self.vocabulary.term(id).to_string())
                    .collect();
                (label.clone(), terms)
            })
            .collect()
    }

    /// A new model that has also learnt `articles`, without the original corpus: the heads'
    /// counts add up. The vocabulary stays the same, so words it lacks are not learnt.
    pub fn update(&self, articles: &[Article], options: &CheckedTrainOptions) -> Result<Model> {
        let (heads, class_counts) = self.fit_heads(articles, options.alpha, true)?;
        let mut metadata = self.metadata.clone();
        metadata.trained_at = now();
        metadata.articles += articles.len();
        metadata.class_counts = class_counts;
        metadata.data_hash = format!("{}+{}", self.metadata.data_hash, data_hash(articles));
        metadata.updates += 1;
        metadata.evaluation = None;
        Ok(self.with_heads(heads, metadata))
    }

    /// A model fitted from scratch on `articles` with this model's analyser and vocabulary
    /// (what [`Model::update`] must agree with).
    pub fn refit(&self, articles: &[Article], options: &CheckedTrainOptions) -> Result<Model> {
        let (heads, class_counts) = self.fit_heads(articles, options.alpha, false)?;
        let mut metadata = self.metadata.clone();
        metadata.trained_at = now();
        metadata.articles = articles.len();
        metadata.class_counts = class_counts;
        metadata.data_hash = data_hash(articles);
        metadata.updates = 0;
        metadata.evaluation = None;
        Ok(self.with_heads(heads, metadata))
    }

    /// A model with this one's analyser, vocabulary and taxonomy, and other heads.
    fn with_heads(&self, heads: Vec<Head>, metadata: Metadata) -> Model {
        Model {
            analyzer: Analyzer::new(self.analyzer.settings().clone()),
            vectorizer: self.vectorizer.clone(),
            vocabulary: self.vocabulary.clone(),
            scorer: Scorer::new(&heads),
            heads,
            taxonomy: self.taxonomy.clone(),
            metadata,
        }
    }

    /// Fits each head on `articles`, starting from this model's counts when `keep_counts`.
    fn fit_heads(
        &self,
        articles: &[Article],
        alpha: f64,
        keep_counts: bool,
    ) -> Result<FittedHeads> {
        let mut vectorizer = self.vectorizer();
        let documents: Vec<SparseVector> =
            articles.iter().map(|a| vectorizer.vectorize(a)).collect();
        let mut heads = Vec::new();
        let mut class_counts = BTreeMap::new();
        for name in HEAD_NAMES {
            let existing = self.head(name);
            let mut stats = match existing {
                Some(head) if keep_counts => head.stats(),
                _ => ClassStats::new(self.vocabulary.len()),
            };
            for (article, document) in articles.iter().zip(&documents) {
                if let Some(label) = article.label(name) {
                    stats.add(label, document);
                }
            }
            if stats.class_counts().is_empty() {
                continue;
            }
            class_counts.insert(name.to_string(), stats.class_counts());
            heads.push(Head::fit(
                name,
                existing.map_or(alpha, Head::alpha),
                &stats,
            )?);
        }
        Ok((heads, class_counts))
    }

    /// The same model with cross-validation figures recorded in its metadata.
    pub fn with_evaluation(mut self, report: Report) -> Model {
        self.metadata.evaluation = Some(report);
        self
    }
}

fn best_tag(head: &Head, posteriors: &[f64]) -> Tag {
    let (best, second) = top_two(posteriors);
    let label = |i: usize| head.classes()[i].clone();
    Tag {
        label: label(best),
        confidence: posteriors[best],
        runner_up: second.map(|i| (label(i), posteriors[i])),
    }
}

/// The indices of the highest value and of the next, in one pass; on a tie the earlier
/// index ranks higher.
fn top_two(values: &[f64]) -> (usize, Option<usize>) {
    let ranks_above = |a: usize, b: usize| values[a].total_cmp(&values[b]).is_gt();
    let (mut best, mut second) = (0, None);
    for i in 1..values.len() {
        if ranks_above(i, best) {
            second = Some(best);
            best = i;
        } else if second.is_none_or(|s| ranks_above(i, s)) {
            second = Some(i);
        }
    }
    (best, second)
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// XXH3 (64 bits) over every article's title, body and labels, in order, as hex. FNV-1a,
/// used before, takes a multiplication per byte, one after the other: 3.5 % of a training
/// run's instructions, on the thread that hands out the batches.
pub fn data_hash(articles: &[Article]) -> String {
    let mut hasher = DataHasher::default();
    articles.iter().for_each(|a| hasher.add(a));
    hasher.finish()
}

/// [`data_hash`], one article at a time.
#[derive(Default)]
pub struct DataHasher(twox_hash::XxHash3_64);

impl DataHasher {
    /// Adds an article.
    pub fn add(&mut self, a: &Article) {
        for part in [
            a.title.as_str(),
            a.body.as_str(),
            a.region.as_deref().unwrap_or(""),
            a.theme.as_deref().unwrap_or(""),
        ] {
            self.0.write(part.as_bytes());
            self.0.write_u8(0);
        }
    }

    /// The hash, in hex.
    pub fn finish(&self) -> String {
        format!("{:016x}", self.0.finish())
    }
}

/// Trains a model on labelled articles held in memory; see [`train_from`].
pub fn train(
    articles: &[Article],
    options: &CheckedTrainOptions,
    taxonomy: Taxonomy,
    gazetteer: Gazetteer,
) -> Result<Model> {
    train_from(
        articles.iter().cloned().map(Ok),
        options,
        taxonomy,
        gazetteer,
    )
}

/// Trains a model on a stream of labelled articles, read once: the pass counts each
/// term's document frequency and, per label, how often each term occurs; the vocabulary is
/// then fixed and the counts of the terms it keeps become the heads' statistics. Memory
/// grows with the terms met times the labels, not with the corpus. One head is trained for
/// each label kind the articles carry (a corpus labelled for themes only trains the theme
/// head only). Articles as read ([`crate::ingest::RawArticle`]) are repaired on the worker
/// threads.
pub fn train_from<I, A>(
    articles: I,
    options: &CheckedTrainOptions,
    taxonomy: Taxonomy,
    gazetteer: Gazetteer,
) -> Result<Model>
where
    I: Iterator<Item = Result<A>> + Send,
    A: Into<Article> + Send,
{
    let mut analyzer_settings = AnalyzerSettings::french(gazetteer);
    analyzer_settings.bigrams = options.ngrams >= 2;
    let analyzer = Analyzer::new(analyzer_settings);
    let vectorizer = VectorizerSettings {
        min_df: options.min_df,
        max_features: options.max_features,
        title_weight: options.title_weight,
    };
    let progress = Progress::new("training");
    let workers = PerThread::default();
    let mut hasher = DataHasher::default();
    let mut article_count = 0;
    map_batches(
        articles,
        |article| {
            workers.with(
                || TermCounts::new(DocumentFrequencies::new(&analyzer, &vectorizer)),
                |counts| counts.add(article),
            )
        },
        |batch, _| {
            batch.iter().for_each(|a| hasher.add(a));
            article_count += batch.len();
            progress.add(batch.len());
            Ok(())
        },
    )?;
    // Each worker's terms (in the order of its indices) and counts per label.
    let workers: Vec<(Vec<String>, Vec<usize>, [LabelCounts; HEAD_NAMES.len()])> = workers
        .into_values()
        .map(|counts| {
            let (terms, frequencies) = counts.terms.into_counts().unzip();
            (terms, frequencies, counts.heads)
        })
        .collect();
    let mut document_frequency: FxHashMap<&str, usize> = FxHashMap::default();
    for (terms, frequencies, _) in &workers {
        for (term, count) in terms.iter().zip(frequencies) {
            *document_frequency.entry(term.as_str()).or_default() += count;
        }
    }
    let vocabulary = Vocabulary::from_document_frequencies(
        document_frequency
            .into_iter()
            .map(|(term, count)| (term.to_string(), count)),
        &vectorizer,
    );
    if vocabulary.is_empty() {
        return Err(Error::Training(format!(
            "no term appears in at least {} articles: add articles or lower --min-df",
            options.min_df
        )));
    }
    // Counts are whole numbers, so adding them up in any order gives the same model.
    let mut stats = HEAD_NAMES.map(|_| ClassStats::new(vocabulary.len()));
    for (terms, _, heads) in &workers {
        let ids: Vec<Option<u32>> = terms.iter().map(|t| vocabulary.id(t)).collect();
        for (stats, head) in stats.iter_mut().zip(heads) {
            for (label, documents, counts) in &head.labels {
                let kept = counts
                    .iter()
                    .zip(&ids)
                    .filter_map(|(&c, &id)| Some((id?, c)));
                stats.add_counts(label, *documents, kept);
            }
        }
    }
    progress.finish();
    let mut heads = Vec::new();
    let mut class_counts = BTreeMap::new();
    for (name, stats) in HEAD_NAMES.iter().zip(&stats) {
        if stats.class_counts().is_empty() {
            continue;
        }
        class_counts.insert(name.to_string(), stats.class_counts());
        heads.push(Head::fit(name, options.alpha, stats)?);
    }
    if heads.is_empty() {
        return Err(Error::Training(
            "no article carries a region or theme label, so there is nothing to learn".to_string(),
        ));
    }
    Ok(Model {
        analyzer,
        vectorizer,
        vocabulary,
        scorer: Scorer::new(&heads),
        heads,
        taxonomy,
        metadata: Metadata {
            trained_at: now(),
            revue_version: env!("CARGO_PKG_VERSION").to_string(),
            articles: article_count,
            class_counts,
            data_hash: hasher.finish(),
            options: (**options).clone(),
            evaluation: None,
            updates: 0,
        },
    })
}

/// One worker's counts in the training pass.
struct TermCounts<'m> {
    terms: DocumentFrequencies<'m>,
    heads: [LabelCounts; HEAD_NAMES.len()],
}

impl<'m> TermCounts<'m> {
    fn new(terms: DocumentFrequencies<'m>) -> Self {
        TermCounts {
            terms,
            heads: Default::default(),
        }
    }

    fn add(&mut self, article: &Article) {
        let terms = self.terms.add(article);
        for (head, name) in self.heads.iter_mut().zip(HEAD_NAMES) {
            if let Some(label) = article.label(name) {
                head.add(label, terms);
            }
        }
    }
}

/// One head's counts in a worker: per label, its articles and how often each term (by
/// the worker's index) occurred in them.
#[derive(Default)]
struct LabelCounts {
    labels: Vec<(String, usize, Vec<f64>)>,
}

impl LabelCounts {
    /// Adds an article of `label` with these terms.
    fn add(&mut self, label: &str, terms: &[u32]) {
        // A head has a few labels: a scan is quicker than a map.
        let index = match self.labels.iter().position(|(l, _, _)| l == label) {
            Some(index) => index,
            None => {
                self.labels.push((label.to_string(), 0, Vec::new()));
                self.labels.len() - 1
            }
        };
        let (_, articles, counts) = &mut self.labels[index];
        *articles += 1;
        let needed = terms.iter().max().map_or(0, |&last| last as usize + 1);
        if counts.len() < needed {
            counts.resize(needed, 0.0);
        }
        for &term in terms {
            counts[term as usize] += 1.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_two_ranks_like_a_stable_sort() {
        let cases: [&[f64]; 6] = [
            &[0.2],
            &[0.1, 0.9],
            &[0.5, 0.5, 0.0],
            &[0.0, 0.3, 0.3, 0.4],
            &[0.25, 0.25, 0.25, 0.25],
            &[0.1, 0.6, 0.05, 0.2, 0.05],
        ];
        for values in cases {
            let mut order: Vec<usize> = (0..values.len()).collect();
            order.sort_by(|&a, &b| values[b].total_cmp(&values[a]).then(a.cmp(&b)));
            assert_eq!(
                top_two(values),
                (order[0], order.get(1).copied()),
                "{values:?}"
            );
        }
    }
}
