//! What revue does with bad input: one sentence naming the file and line, or, under
//! `--skip-bad`, the bad part left out and counted; never a panic, never a partial output
//! file. The README's table "What revue does with bad input" lists these cases.

mod common;

use std::io::Write;

use common::{revue, run_err, run_ok, write};

fn fails_naming(path: &std::path::Path, line: usize, words: &str) {
    let (code, err) = run_err(&["classify", path.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    let name = path.file_name().unwrap().to_str().unwrap();
    assert!(
        err.contains(&format!("{name}:{line}:")),
        "expected {name}:{line}: in {err}"
    );
    assert!(err.contains(words), "expected «{words}» in {err}");
    assert_eq!(err.lines().count(), 1, "one sentence: {err}");
}

#[test]
fn binary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "photo.txt",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
    );
    fails_naming(&path, 3, "binary");
}

#[test]
fn a_hundred_megabyte_single_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.txt");
    let mut file = std::fs::File::create(&path).unwrap();
    let block = "mot ".repeat(1 << 18);
    for _ in 0..100 {
        file.write_all(block.as_bytes()).unwrap();
    }
    drop(file);
    fails_naming(&path, 1, "longer than 16 MiB");
}

#[test]
fn csv_with_an_extra_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "extra.csv", "title,body\nA,B\nC,D,E\n");
    fails_naming(&path, 3, "3 fields where the header has 2");
}

#[test]
fn csv_without_a_text_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "cols.csv", "id,when\n1,2\n");
    fails_naming(&path, 1, "no title or text column");
}

#[test]
fn quotes_inside_tsv_fields_are_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "q.tsv",
        "title\tbody\nLe \"oui\" l'emporte\tLes électeurs ont dit \"oui\" dimanche au référendum.\n",
    );
    let out = run_ok(&["classify", path.to_str().unwrap(), "--format", "jsonl"]);
    let row: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(row["title"], "Le “oui” l’emporte");
}

#[test]
fn dispatch_file_without_blank_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "serre.txt",
        "Séisme au Japon\nUn séisme a frappé Niigata mardi.\nVictoire du PSG à Marseille\nLe PSG a gagné 2 à 0 dimanche.\n",
    );
    let out = run_ok(&["classify", path.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(out.lines().count(), 2, "{out}");
}

#[test]
fn unreadable_file_in_a_directory() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "secret.txt", "Titre\n\nCorps.\n");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        // Root reads every file whatever its mode: nothing to check here.
        eprintln!("skipped: this user can read a file of mode 000");
        return;
    }
    let (code, err) = run_err(&["classify", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        err.contains("secret.txt") && err.contains("ermission"),
        "{err}"
    );
}

#[test]
fn skip_bad_leaves_bad_files_and_lines_out_and_counts_them() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a-good.txt",
        "Séisme au Japon\n\nUn séisme a frappé Niigata mardi.\n",
    );
    write(
        dir.path(),
        "b-latin1.txt",
        b"Titre\n\nCorps d\xe9j\xe0 vu.\n",
    );
    write(dir.path(), "c-empty.txt", "");
    write(dir.path(), "d-binary.txt", b"\0\0\0\0");
    write(
        dir.path(),
        "e-mixed.jsonl",
        "{\"title\": \"Le PSG gagne\", \"body\": \"Le PSG a gagné 2 à 0.\"}\n{\"title\": \"coupé\", \"bo\n{\"title\": \"Grève à la SNCF\", \"body\": \"Les trains sont à l’arrêt.\"}\n",
    );
    let dir_arg = dir.path().to_str().unwrap();
    let output = revue()
        .args(["--skip-bad", "classify", dir_arg, "--format", "jsonl"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 3);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("skipped 4 bad input(s)"), "{stderr}");

    let quiet = revue()
        .args(["--skip-bad", "--quiet", "classify", dir_arg])
        .output()
        .unwrap();
    assert!(quiet.status.success());
    assert!(quiet.stderr.is_empty());

    let (code, _) = run_err(&["classify", dir_arg]);
    assert_eq!(
        code, 1,
        "without --skip-bad the first bad file stops the run"
    );
}

#[test]
fn a_failed_digest_leaves_the_previous_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("digest.md");
    std::fs::write(&out, "yesterday").unwrap();
    let bad = write(
        dir.path(),
        "bad.jsonl",
        "{\"title\": \"A\", \"body\": \"B\"}\n{\"title\": ",
    );
    let (code, _) = run_err(&[
        "digest",
        bad.to_str().unwrap(),
        "--output",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "yesterday");
}
