//! The real binary on real-looking inputs: the digest, its escaping and templates, the
//! commands' outputs, exit codes, and every model-file error.

mod common;

use std::io::Read;
use std::process::Stdio;

use common::{repo_path, revue, run_err, run_ok, write};

#[test]
fn digest_of_the_bundled_sample_matches_its_snapshot() {
    let digest = run_ok(&["digest", "data/sample", "--date", "2025-07-12"]);
    let snapshot_path = repo_path("tests/snapshots/sample-digest.md");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&snapshot_path, &digest).unwrap();
    }
    let snapshot = std::fs::read_to_string(&snapshot_path)
        .expect("snapshot exists (UPDATE_SNAPSHOTS=1 writes it)");
    assert_eq!(
        digest, snapshot,
        "the digest changed: review it, then UPDATE_SNAPSHOTS=1 cargo test"
    );
}

#[test]
fn digest_folds_duplicates_and_repairs_text() {
    let digest = run_ok(&["digest", "tests/fixtures/three.txt", "--date", "2025-07-12"]);
    assert!(
        digest.starts_with("# Revue de presse — samedi 12 juillet 2025\n"),
        "{digest}"
    );
    assert!(
        digest.contains("2 articles · 1 dépêches fusionnées"),
        "{digest}"
    );
    assert_eq!(
        digest.matches("#### Japon: un séisme").count(),
        1,
        "{digest}"
    );
    assert!(
        digest.contains("japonaise. Aucune alerte"),
        "glued sentences are split: {digest}"
    );
    assert!(digest.contains("## Sommaire"), "{digest}");
    assert!(digest.contains("Asie-Pacifique"), "{digest}");
    assert!(digest.contains("Sport"), "{digest}");
}

#[test]
fn group_by_changes_the_levels() {
    let digest = run_ok(&[
        "digest",
        "tests/fixtures/three.txt",
        "--group-by",
        "theme",
        "--date",
        "2025-07-12",
    ]);
    assert!(
        digest.contains("## <a id=\"sport\"></a>Sport (1)"),
        "{digest}"
    );
    assert!(!digest.contains("### <a id"), "one level only: {digest}");
    let (code, err) = run_err(&["digest", "tests/fixtures/three.txt", "--group-by", "source"]);
    assert_eq!(code, 2);
    assert!(err.contains("--group-by"), "{err}");
}

#[test]
fn low_confidence_goes_to_the_visible_to_sort_group() {
    let digest = run_ok(&[
        "digest",
        "tests/fixtures/vague.jsonl",
        "--date",
        "2025-07-12",
    ]);
    let to_sort = digest
        .find("## <a id=\"a-trier\"></a>À trier (1)")
        .expect("an À trier group");
    assert!(digest[to_sort..].contains("#### Déclaration"), "{digest}");
    assert!(
        digest[..to_sort].contains("#### Football: le PSG bat Marseille"),
        "{digest}"
    );
    let confident = run_ok(&[
        "digest",
        "tests/fixtures/vague.jsonl",
        "--min-confidence",
        "0",
        "--date",
        "2025-07-12",
    ]);
    assert!(!confident.contains("À trier"), "{confident}");
}

#[test]
fn html_digest_escapes_article_text_and_links() {
    let html = run_ok(&[
        "digest",
        "tests/fixtures/hostile.jsonl",
        "--format",
        "html",
        "--date",
        "2025-07-12",
    ]);
    assert!(html.starts_with("<!DOCTYPE html>"), "{html}");
    assert!(html.contains("<html lang=\"fr\">"));
    assert!(html.contains("name=\"viewport\""));
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(!html.contains("<b>AFP"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");
    assert!(!html.contains("href=\"javascript"), "{html}");
    assert!(
        html.contains("href=\"https:&#x2F;&#x2F;example.org")
            || html.contains("href=\"https://example.org"),
        "{html}"
    );
}

#[test]
fn markdown_digest_escapes_article_text() {
    let md = run_ok(&[
        "digest",
        "tests/fixtures/hostile.jsonl",
        "--date",
        "2025-07-12",
    ]);
    assert!(!md.contains("<script>"), "{md}");
    assert!(md.contains(r"\<script\>"), "{md}");
    assert!(md.contains(r"\# Pas un titre \*gras\*"), "{md}");
    assert!(!md.contains("[clic](javascript"), "{md}");
    assert!(md.contains(r"\[clic\](javascript"), "{md}");
    assert!(md.contains(r"1\. Les bureaux"), "{md}");
}

#[test]
fn templates_are_overridable_and_errors_name_template_and_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "digest.md.tera",
        "Édition du {{ date }} : {{ total }} articles\n",
    );
    let dir_arg = dir.path().to_str().unwrap();
    let out = run_ok(&[
        "digest",
        "tests/fixtures/three.txt",
        "--templates",
        dir_arg,
        "--date",
        "2025-07-12",
    ]);
    assert_eq!(out, "Édition du samedi 12 juillet 2025 : 2 articles\n");

    write(dir.path(), "digest.md.tera", "ligne un\n{% for x in %}\n");
    let (code, err) = run_err(&["digest", "tests/fixtures/three.txt", "--templates", dir_arg]);
    assert_eq!(code, 1);
    assert!(err.contains("template digest.md.tera, line 2"), "{err}");

    write(dir.path(), "digest.md.tera", "{{ nothing_here.at_all }}\n");
    let (_, err) = run_err(&["digest", "tests/fixtures/three.txt", "--templates", dir_arg]);
    assert!(err.contains("template digest.md.tera, line 1"), "{err}");
}

#[test]
fn english_labels_and_dates() {
    let md = run_ok(&[
        "digest",
        "tests/fixtures/three.txt",
        "--lang",
        "en",
        "--date",
        "2025-07-12",
    ]);
    assert!(
        md.starts_with("# News digest — Saturday 12 July 2025"),
        "{md}"
    );
}

#[test]
fn digest_to_a_file_prints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("digest.html");
    let out = run_ok(&[
        "digest",
        "tests/fixtures/three.txt",
        "--format",
        "html",
        "--output",
        path.to_str().unwrap(),
    ]);
    assert!(out.is_empty());
    assert!(std::fs::read_to_string(&path).unwrap().contains("</html>"));
}

#[test]
fn classify_formats() {
    let table = run_ok(&["classify", "tests/fixtures/three.txt"]);
    assert!(table.starts_with("REGION"), "{table}");
    assert_eq!(table.lines().count(), 4);

    let jsonl = run_ok(&[
        "classify",
        "tests/fixtures/three.txt",
        "--format",
        "jsonl",
        "--explain",
        "3",
    ]);
    for line in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for key in [
            "title",
            "body",
            "region",
            "region_confidence",
            "theme",
            "theme_confidence",
        ] {
            assert!(v.get(key).is_some(), "{key} missing in {line}");
        }
        let p = v["region_confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&p));
        assert_eq!(v["region_evidence"].as_array().unwrap().len(), 3, "{line}");
    }

    let csv = run_ok(&["classify", "tests/fixtures/three.txt", "--format", "csv"]);
    assert!(
        csv.starts_with("file,line,title,region,region_confidence,theme,theme_confidence\n"),
        "{csv}"
    );
}

#[test]
fn stdin_is_read_when_no_input_is_given() {
    let text = std::fs::read_to_string(repo_path("tests/fixtures/three.txt")).unwrap();
    let output = revue()
        .args(["classify", "--format", "jsonl"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 3);
}

#[test]
fn usage_errors_exit_2_and_runtime_errors_exit_1() {
    let (code, _) = run_err(&["digest", "--format", "pdf"]);
    assert_eq!(code, 2);
    let (code, err) = run_err(&["digest", "--date", "12/07/2025", "tests/fixtures/three.txt"]);
    assert_eq!(code, 2);
    assert!(err.contains("YYYY-MM-DD"), "{err}");
    let (code, err) = run_err(&["digest", "no/such/file.txt"]);
    assert_eq!(code, 1);
    assert!(err.contains("no/such/file.txt"), "{err}");
    assert_eq!(err.lines().count(), 1, "one sentence: {err}");
}

#[test]
fn bad_input_names_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let truncated = write(
        dir.path(),
        "cut.jsonl",
        "{\"title\": \"A\", \"body\": \"B\"}\n{\"title\": \"A\", \"bo",
    );
    let (code, err) = run_err(&["classify", truncated.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("cut.jsonl:2:"), "{err}");
    let latin1 = write(dir.path(), "latin1.txt", b"Titre\n\nCorps d\xe9j\xe0 vu.\n");
    let (_, err) = run_err(&["classify", latin1.to_str().unwrap()]);
    assert!(
        err.contains("latin1.txt:3:") && err.contains("UTF-8"),
        "{err}"
    );
    let empty = write(dir.path(), "empty.txt", "");
    let (_, err) = run_err(&["classify", empty.to_str().unwrap()]);
    assert!(err.contains("empty"), "{err}");
    let csv = write(dir.path(), "short.csv", "title,body\nA,B\nC\n");
    let (_, err) = run_err(&["classify", csv.to_str().unwrap()]);
    assert!(err.contains("short.csv:3:"), "{err}");
}

#[test]
fn model_file_errors_are_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let model = std::fs::read(repo_path("models/default.revue")).unwrap();
    let not_model = write(dir.path(), "notes.txt", "this is not a model");
    let truncated = write(dir.path(), "cut.revue", &model[..model.len() / 2]);
    let mut other = model.clone();
    other[8] = 99;
    let other_version = write(dir.path(), "v99.revue", &other);
    let mut flipped = model.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0xff;
    let corrupt = write(dir.path(), "corrupt.revue", &flipped);
    for (path, expected) in [
        (&not_model, "is not a revue model file"),
        (&truncated, "truncated"),
        (&other_version, "format version 99"),
        (&corrupt, "corrupt"),
    ] {
        let (code, err) = run_err(&[
            "classify",
            "tests/fixtures/three.txt",
            "--model",
            path.to_str().unwrap(),
        ]);
        assert_eq!(code, 1);
        assert!(err.contains(expected), "{err}");
        assert!(
            err.contains(path.file_name().unwrap().to_str().unwrap()),
            "{err}"
        );
        assert_eq!(err.lines().count(), 1, "{err}");
    }
}

#[test]
fn broken_pipe_ends_quietly() {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_revue"))
        .env("XDG_CONFIG_HOME", common::NO_CONFIG)
        .current_dir(common::root())
        .args(["classify", "data/corpus"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The read end is now closed; revue must stop without a message.
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{:?}", output.status);
    assert!(
        output.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn inspect_shows_vocabulary_and_top_words() {
    let out = run_ok(&["inspect"]);
    assert!(out.contains("Vocabulary:"), "{out}");
    assert!(out.contains("region head (7 labels)"), "{out}");
    assert!(out.contains("theme head (11 labels)"), "{out}");
    assert!(
        out.contains("stratified 5-fold cross-validation"),
        "the shipped model stores its figures: {out}"
    );
}

#[test]
fn help_teaches_each_command() {
    let help = run_ok(&["--help"]);
    for command in ["digest", "classify", "train", "evaluate", "inspect"] {
        assert!(help.contains(command), "{help}");
    }
    let help = run_ok(&["train", "--help"]);
    assert!(
        help.contains("--folds") && help.contains("--update") && help.contains("Examples"),
        "{help}"
    );
}

#[test]
fn results_are_identical_with_one_thread_or_several() {
    let one = run_ok(&[
        "classify",
        "data/corpus",
        "--format",
        "jsonl",
        "--threads",
        "1",
    ]);
    let many = run_ok(&[
        "classify",
        "data/corpus",
        "--format",
        "jsonl",
        "--threads",
        "3",
    ]);
    assert_eq!(one.lines().count(), 1495);
    assert!(
        one == many,
        "classify output differs between 1 and 3 threads"
    );

    let dir = tempfile::tempdir().unwrap();
    let mut outputs = Vec::new();
    for threads in ["1", "3"] {
        let model = dir.path().join(format!("m{threads}.revue"));
        let m = model.to_str().unwrap();
        run_ok(&["train", "data/corpus", "--output", m, "--threads", threads]);
        outputs.push(run_ok(&[
            "classify",
            "data/holdout",
            "--format",
            "jsonl",
            "--model",
            m,
        ]));
        outputs.push(run_ok(&[
            "evaluate",
            "data/corpus",
            "--folds",
            "3",
            "--format",
            "json",
            "--threads",
            threads,
        ]));
    }
    assert!(
        outputs[0] == outputs[2],
        "models trained with 1 and 3 threads disagree"
    );
    assert!(
        outputs[1] == outputs[3],
        "cross-validation differs between 1 and 3 threads"
    );
}

#[test]
fn a_template_cannot_reach_outside_its_directory() {
    let outside = tempfile::tempdir().unwrap();
    let secret = write(
        outside.path(),
        "secret.md.tera",
        "{{ words.digest }} secret\n",
    );
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("digest.md.tera")).unwrap();
    let (code, err) = run_err(&[
        "digest",
        "tests/fixtures/three.txt",
        "--templates",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("outside the templates directory"), "{err}");
}
