//! Retraining as a user does it: another layout and other labels, cross-validation stored
//! in the model, and the feedback loop (classify to JSON Lines, correct, update).

mod common;

use std::path::Path;

use common::{repo_path, run_err, run_ok, write};
use revue::ingest::{read_inputs, Columns};

/// Five made-up labels, as a public news data set would have them.
const LABELS: [(&str, &str); 5] = [
    ("sport", "desk-sport"),
    ("economie", "marches"),
    ("culture", "arts-spectacles"),
    ("sante", "medecine"),
    ("sciences-tech", "technologie"),
];

/// Writes the articles of `source` with one of the five themes in the public layout
/// (columns category, headline, text), as CSV or TSV.
fn public_layout(source: &str, dir: &Path, name: &str, delimiter: u8) -> std::path::PathBuf {
    let articles = read_inputs(&[repo_path(source)], &Columns::default()).unwrap();
    let path = dir.join(name);
    let mut writer = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .quote_style(if delimiter == b'\t' {
            csv::QuoteStyle::Never
        } else {
            csv::QuoteStyle::Necessary
        })
        .from_path(&path)
        .unwrap();
    writer
        .write_record(["category", "headline", "text"])
        .unwrap();
    for article in &articles {
        let theme = article.theme.as_deref().unwrap_or("");
        if let Some((_, label)) = LABELS.iter().find(|(t, _)| *t == theme) {
            writer
                .write_record([*label, article.title.as_str(), article.body.as_str()])
                .unwrap();
        }
    }
    writer.flush().unwrap();
    path
}

fn theme_macro_f1(report: &str) -> f64 {
    let json: serde_json::Value = serde_json::from_str(report).unwrap();
    assert!(
        json.get("region").is_none(),
        "a theme-only model has no region head: {report}"
    );
    json["theme"]["macro_f1"].as_f64().unwrap()
}

#[test]
fn public_csv_and_tsv_layouts_train_without_any_option() {
    let dir = tempfile::tempdir().unwrap();
    for (delimiter, ext) in [(b',', "csv"), (b'\t', "tsv")] {
        let train = public_layout(
            "data/corpus",
            dir.path(),
            &format!("train.{ext}"),
            delimiter,
        );
        let test = public_layout(
            "data/holdout",
            dir.path(),
            &format!("test.{ext}"),
            delimiter,
        );
        let model = dir.path().join(format!("public-{ext}.revue"));
        let out = run_ok(&[
            "train",
            train.to_str().unwrap(),
            "--output",
            model.to_str().unwrap(),
        ]);
        assert!(out.contains("theme head: 5 labels"), "{out}");
        let report = run_ok(&[
            "evaluate",
            test.to_str().unwrap(),
            "--model",
            model.to_str().unwrap(),
            "--format",
            "json",
        ]);
        let f1 = theme_macro_f1(&report);
        assert!(f1 >= 0.8, "{ext}: theme macro-F1 {f1}");
        let classified = run_ok(&[
            "classify",
            test.to_str().unwrap(),
            "--model",
            model.to_str().unwrap(),
            "--format",
            "jsonl",
        ]);
        let first: serde_json::Value =
            serde_json::from_str(classified.lines().next().unwrap()).unwrap();
        let label = first["theme"].as_str().unwrap();
        assert!(
            LABELS.iter().any(|(_, l)| *l == label),
            "unknown labels display as they are: {label}"
        );
    }
}

#[test]
fn folds_are_stored_and_inspect_prints_them() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.revue");
    let out = run_ok(&[
        "train",
        "data/corpus",
        "--output",
        model.to_str().unwrap(),
        "--folds",
        "3",
    ]);
    assert!(out.contains("region macro-F1"), "{out}");
    let inspect = run_ok(&["inspect", "--model", model.to_str().unwrap(), "--top", "3"]);
    assert!(
        inspect.contains("stratified 3-fold cross-validation"),
        "{inspect}"
    );
    assert!(inspect.contains("asie-pacifique"), "{inspect}");
}

#[test]
fn feedback_loop_classify_correct_update() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("m.revue");
    run_ok(&["train", "data/corpus", "--output", model.to_str().unwrap()]);
    let tagged = run_ok(&[
        "classify",
        "tests/fixtures/three.txt",
        "--format",
        "jsonl",
        "--model",
        model.to_str().unwrap(),
    ]);
    // The user corrects every theme to a label of their own.
    let corrected: String = tagged
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["theme"] = serde_json::json!("a-relire");
            format!("{v}\n")
        })
        .collect();
    let corrected = write(dir.path(), "corrected.jsonl", corrected);
    let m = model.to_str().unwrap();
    let out = run_ok(&[
        "train",
        "--update",
        m,
        corrected.to_str().unwrap(),
        "--output",
        m,
    ]);
    assert!(out.contains("theme head: 12 labels"), "{out}");
    let inspect = run_ok(&["inspect", "--model", m]);
    assert!(inspect.contains("updates: 1"), "{inspect}");
}

#[test]
fn training_refuses_what_cannot_work() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("m.revue");
    let (code, err) = run_err(&[
        "train",
        "tests/fixtures/three.txt",
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("label"), "{err}");
    let (code, err) = run_err(&[
        "train",
        "data/corpus",
        "--output",
        out.to_str().unwrap(),
        "--alpha",
        "0",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("--alpha"), "{err}");
    assert!(!out.exists(), "no partial model is written");
}
