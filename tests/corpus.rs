//! The labelled data holds what data/README.md promises: enough articles per region and per
//! theme, known labels, no repeated headline, no near-duplicate articles within the corpus
//! or between the corpus and the held-out set.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use revue::ingest::{read_inputs, Article, Columns};
use revue::model::Taxonomy;

fn read(path: &str) -> Vec<Article> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path);
    read_inputs(&[path], &Columns::default()).expect("bundled data reads")
}

fn count<'a>(labels: impl Iterator<Item = &'a str>) -> HashMap<&'a str, usize> {
    let mut counts = HashMap::new();
    for label in labels {
        *counts.entry(label).or_default() += 1;
    }
    counts
}

#[test]
fn corpus_covers_every_label() {
    let corpus = read("data/corpus");
    let taxonomy = Taxonomy::bundled();
    assert!(corpus.len() >= 1400, "{} articles", corpus.len());
    let regions = count(
        corpus
            .iter()
            .map(|a| a.region.as_deref().expect("labelled")),
    );
    let themes = count(corpus.iter().map(|a| a.theme.as_deref().expect("labelled")));
    for region in &taxonomy.regions {
        let n = regions.get(region.id.as_str()).copied().unwrap_or(0);
        assert!(n >= 120, "{}: {n} articles", region.id);
    }
    for theme in &taxonomy.themes {
        let n = themes.get(theme.id.as_str()).copied().unwrap_or(0);
        assert!(n >= 80, "{}: {n} articles", theme.id);
    }
    assert_eq!(
        regions.len(),
        taxonomy.regions.len(),
        "only known regions: {regions:?}"
    );
    assert_eq!(
        themes.len(),
        taxonomy.themes.len(),
        "only known themes: {themes:?}"
    );
}

#[test]
fn holdout_is_large_enough_and_labelled() {
    let holdout = read("data/holdout");
    assert!(holdout.len() >= 150, "{} articles", holdout.len());
    assert!(holdout
        .iter()
        .all(|a| a.region.is_some() && a.theme.is_some()));
}

#[test]
fn articles_are_dispatch_sized() {
    for article in read("data/corpus").iter().chain(&read("data/holdout")) {
        let words = article.body.split_whitespace().count();
        assert!(
            (60..=300).contains(&words),
            "{}: {words} words",
            article.title
        );
    }
}

/// Word trigrams of an article's body, lower-cased.
fn shingles(article: &Article) -> HashSet<String> {
    let words: Vec<String> = article
        .body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.windows(3).map(|w| w.join(" ")).collect()
}

/// The highest Jaccard similarity of word trigrams between an article of `left` and one of
/// `right` (or between two articles of `left` when `right` is `None`).
fn max_similarity(left: &[Article], right: Option<&[Article]>) -> (f64, String, String) {
    let left_sets: Vec<HashSet<String>> = left.iter().map(shingles).collect();
    let (right_articles, right_sets) = match right {
        Some(r) => (r, r.iter().map(shingles).collect::<Vec<_>>()),
        None => (left, left_sets.clone()),
    };
    let mut postings: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, set) in right_sets.iter().enumerate() {
        for s in set {
            postings.entry(s.as_str()).or_default().push(j);
        }
    }
    let mut best = (0.0, String::new(), String::new());
    for (i, set) in left_sets.iter().enumerate() {
        let mut shared: HashMap<usize, usize> = HashMap::new();
        for s in set {
            for &j in postings.get(s.as_str()).into_iter().flatten() {
                if right.is_some() || j > i {
                    *shared.entry(j).or_default() += 1;
                }
            }
        }
        for (j, n) in shared {
            let jaccard = n as f64 / (set.len() + right_sets[j].len() - n) as f64;
            if jaccard > best.0 {
                best = (
                    jaccard,
                    left[i].title.clone(),
                    right_articles[j].title.clone(),
                );
            }
        }
    }
    best
}

#[test]
fn no_near_duplicates() {
    let corpus = read("data/corpus");
    let holdout = read("data/holdout");
    let (within, a, b) = max_similarity(&corpus, None);
    assert!(within < 0.3, "corpus: {within:.2} between «{a}» and «{b}»");
    let (across, a, b) = max_similarity(&holdout, Some(&corpus));
    assert!(
        across < 0.3,
        "holdout vs corpus: {across:.2} between «{a}» and «{b}»"
    );
    let mut titles = HashSet::new();
    for article in corpus.iter().chain(&holdout) {
        assert!(
            titles.insert(article.title.to_lowercase()),
            "headline used twice: {}",
            article.title
        );
    }
}
