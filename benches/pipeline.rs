//! Benchmarks of the hot path, stage by stage, on the bundled corpus: repairing text, the
//! analyser chain, the caching vectoriser, and the sparse scorer. Throughput is reported in
//! bytes of article text, the unit of the classify figures in the README.
//!
//!     cargo bench --bench pipeline

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use revue::ingest::{read_inputs, Article, Columns};
use revue::model::Model;
use revue::text::analyzer::tokenize;
use revue::text::repair;

fn corpus() -> Vec<Article> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/corpus");
    read_inputs(&[path], &Columns::default()).expect("the bundled corpus reads")
}

fn text_bytes(articles: &[Article]) -> u64 {
    articles
        .iter()
        .map(|a| (a.title.len() + a.body.len()) as u64)
        .sum()
}

fn stages(c: &mut Criterion) {
    let articles = corpus();
    let model = Model::embedded().expect("this build embeds the default model");
    let bytes = text_bytes(&articles);
    let mut group = c.benchmark_group("pipeline");
    group.throughput(Throughput::Bytes(bytes));
    group.sample_size(20);

    group.bench_function("repair", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(repair(&a.body));
            }
        })
    });
    group.bench_function("tokenizer", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(tokenize(&a.body).count());
            }
        })
    });
    group.bench_function("analyzer", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(model.analyzer().terms(&a.body));
            }
        })
    });
    group.bench_function("vectorizer (warm cache)", |b| {
        let mut vectorizer = model.vectorizer();
        b.iter(|| {
            for a in &articles {
                black_box(vectorizer.vectorize(a));
            }
        })
    });
    let documents: Vec<_> = articles.iter().map(|a| model.vectorize(a)).collect();
    group.bench_function("scorer (both heads)", |b| {
        b.iter(|| {
            for d in &documents {
                black_box(model.classify_vector(d));
            }
        })
    });
    group.bench_function("vectorise and score (the classify path)", |b| {
        let mut vectorizer = model.vectorizer();
        b.iter(|| {
            for a in &articles {
                black_box(model.classify_with(&mut vectorizer, a));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
