//! The model against linfa-bayes and against its own promises: sparse joint log-likelihoods
//! equal linfa-bayes's on the same features, posteriors stay finite for huge articles,
//! updating equals retraining, the shipped model is the one the corpus trains, and it holds
//! up on the held-out set.

use std::path::PathBuf;

use linfa_bayes::NaiveBayes;
use ndarray::Array2;
use revue::features::{article_terms, VectorizerSettings, Vocabulary};
use revue::ingest::{read_inputs, Article, Columns};
use revue::model::{self, data_hash, ClassStats, Model, Taxonomy, TrainOptions};
use revue::text::Gazetteer;

fn read(path: &str) -> Vec<Article> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    read_inputs(&[path], &Columns::default()).expect("bundled data reads")
}

#[test]
fn sparse_scores_equal_linfa_bayes_on_the_shipped_model() {
    let model = Model::embedded().unwrap();
    let articles = read("data/holdout");
    let documents: Vec<_> = articles
        .iter()
        .take(40)
        .map(|a| model.vectorize(a))
        .collect();
    let mut dense = Array2::<f64>::zeros((documents.len(), model.vocabulary().len()));
    for (row, document) in documents.iter().enumerate() {
        for &(id, count) in &document.entries {
            dense[[row, id as usize]] = count;
        }
    }
    for head in model.heads() {
        let linfa = head.to_linfa().unwrap();
        let expected = linfa.joint_log_likelihood(dense.view());
        for (row, document) in documents.iter().enumerate() {
            let ours = head.joint_log_likelihood(document);
            for (c, label) in head.classes().iter().enumerate() {
                let theirs = expected[label][row];
                assert!(
                    (ours[c] - theirs).abs() < 1e-9,
                    "{} {label}: {} vs {theirs}",
                    head.name(),
                    ours[c]
                );
            }
        }
    }
}

#[test]
fn the_fast_scorer_equals_the_heads() {
    let model = Model::embedded().unwrap();
    let mut vectorizer = model.vectorizer();
    for article in read("data/holdout").iter().chain(&read("data/sample")) {
        let fast = model.classify_with(&mut vectorizer, article);
        let reference = model.classify_vector(&model.vectorize(article));
        for head in ["region", "theme"] {
            let (f, r) = (fast.get(head).unwrap(), reference.get(head).unwrap());
            assert_eq!(f.label, r.label, "{}", article.title);
            assert!(
                (f.confidence - r.confidence).abs() < 1e-9,
                "{}",
                article.title
            );
            let (fr, rr) = (f.runner_up.as_ref().unwrap(), r.runner_up.as_ref().unwrap());
            assert_eq!(fr.0, rr.0);
            assert!((fr.1 - rr.1).abs() < 1e-9, "{}", article.title);
        }
    }
}

#[test]
fn the_caching_vectoriser_equals_the_plain_chain() {
    let model = Model::embedded().unwrap();
    let mut vectorizer = model.vectorizer();
    for article in read("data/corpus")
        .iter()
        .chain(&read("data/holdout"))
        .chain(&read("data/sample"))
    {
        let plain = model.vocabulary().vectorize(&model.terms(article));
        assert_eq!(vectorizer.vectorize(article), plain, "{}", article.title);
    }
}

#[test]
fn a_twenty_thousand_word_article_has_finite_normalised_posteriors() {
    let model = Model::embedded().unwrap();
    let words = "armée frappes ministre élection hôpital séisme football tribunal climat ";
    let body = words.repeat(2_000);
    let document = model.vectorize(&Article::new("Un très long article", &body));
    for head in model.heads() {
        let jll = head.joint_log_likelihood(&document);
        assert!(
            jll.iter().all(|j| *j < -1_000.0),
            "linfa-bayes's own predict_proba overflows here"
        );
        let posteriors = head.posteriors(&document);
        assert!(posteriors
            .iter()
            .all(|p| p.is_finite() && (0.0..=1.0).contains(p)));
        assert!((posteriors.iter().sum::<f64>() - 1.0).abs() < 1e-9);
    }
}

#[test]
fn one_pass_training_counts_what_the_plain_chain_counts() {
    let corpus = read("data/corpus");
    let settings = [(1, 2, None), (2, 3, None), (1, 1, Some(500))];
    for (ngrams, title_weight, max_features) in settings {
        let options = TrainOptions {
            ngrams,
            title_weight,
            max_features,
            ..TrainOptions::default()
        }
        .check()
        .unwrap();
        let trained =
            model::train(&corpus, &options, Taxonomy::bundled(), Gazetteer::bundled()).unwrap();
        // The reference: every article's terms as strings, counted one article at a time.
        let vectorizer = VectorizerSettings {
            min_df: options.min_df,
            max_features,
            title_weight,
        };
        let terms: Vec<Vec<String>> = corpus
            .iter()
            .map(|a| article_terms(trained.analyzer(), &vectorizer, a))
            .collect();
        let vocabulary = Vocabulary::build(terms.iter().map(Vec::as_slice), &vectorizer);
        assert_eq!(trained.vocabulary(), &vocabulary, "ngrams {ngrams}");
        for head in trained.heads() {
            let mut stats = ClassStats::new(vocabulary.len());
            for (article, terms) in corpus.iter().zip(&terms) {
                if let Some(label) = article.label(head.name()) {
                    stats.add(label, &vocabulary.vectorize(terms));
                }
            }
            assert_eq!(head.stats(), stats, "{} head, ngrams {ngrams}", head.name());
        }
    }
}

#[test]
fn update_then_score_equals_training_on_everything() {
    let corpus = read("data/corpus");
    let mut first = Vec::new();
    let mut second = Vec::new();
    for (i, article) in corpus.into_iter().enumerate() {
        if i % 3 == 0 {
            second.push(article)
        } else {
            first.push(article)
        }
    }
    let options = TrainOptions::default().check().unwrap();
    let base = model::train(&first, &options, Taxonomy::bundled(), Gazetteer::bundled()).unwrap();
    let updated = base.update(&second, &options).unwrap();
    let everything: Vec<Article> = first.iter().chain(&second).cloned().collect();
    let retrained = base.refit(&everything, &options).unwrap();
    for article in read("data/holdout").iter().take(50) {
        let document = updated.vectorize(article);
        for (u, r) in updated.heads().iter().zip(retrained.heads()) {
            assert_eq!(u.classes(), r.classes());
            for (a, b) in u
                .joint_log_likelihood(&document)
                .iter()
                .zip(r.joint_log_likelihood(&document))
            {
                assert!((a - b).abs() < 1e-9, "{a} vs {b}");
            }
        }
    }
    assert_eq!(updated.metadata.articles, everything.len());
    assert_eq!(updated.metadata.updates, 1);
}

#[test]
fn a_file_labelled_for_one_head_trains_that_head_only() {
    let mut articles = read("data/corpus");
    for a in &mut articles {
        a.region = None;
    }
    let options = TrainOptions::default().check().unwrap();
    let model = model::train(
        &articles,
        &options,
        Taxonomy::bundled(),
        Gazetteer::bundled(),
    )
    .unwrap();
    assert!(model.head("region").is_none());
    assert!(model.head("theme").is_some());
    let tags = model.classify(&articles[0]);
    assert!(tags.region.is_none() && tags.theme.is_some());
}

#[test]
fn the_shipped_model_was_trained_on_the_current_corpus() {
    let model = Model::embedded().unwrap();
    assert_eq!(
        model.metadata.data_hash,
        data_hash(&read("data/corpus")),
        "data/corpus changed since models/default.revue was trained: retrain it (see models/README.md)"
    );
}

#[test]
fn the_shipped_model_holds_up_on_the_held_out_set() {
    let model = Model::embedded().unwrap();
    let report = revue::eval::evaluate(&model, &read("data/holdout")).unwrap();
    let region = report.heads["region"].macro_f1;
    let theme = report.heads["theme"].macro_f1;
    assert!(region >= 0.85, "region macro-F1 {region}");
    assert!(theme >= 0.75, "theme macro-F1 {theme}");
}

#[test]
fn model_bytes_round_trip() {
    let model = Model::embedded().unwrap();
    let bytes = model.to_bytes().unwrap();
    let back = Model::from_bytes(&bytes, "copy").unwrap();
    assert_eq!(back.heads(), model.heads());
    assert_eq!(back.vocabulary(), model.vocabulary());
    assert!(
        bytes.len() < 5 * 1024 * 1024,
        "the model file must stay under 5 MB"
    );
}
