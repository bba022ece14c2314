//! The configuration file and the schedule: a cron run configured once, flags that
//! override it, and errors that name the key.

mod common;

use common::{repo_path, revue, run_err, run_ok, write};

fn config_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    std::fs::copy(
        repo_path("tests/fixtures/three.txt"),
        dir.path().join("in/matin.txt"),
    )
    .unwrap();
    write(
        dir.path(),
        "revue.toml",
        "inputs = [\"in/*.txt\"]\noutput = \"digests/{date}.{ext}\"\nformats = [\"markdown\", \"html\"]\nlang = \"en\"\n",
    );
    dir
}

#[test]
fn a_configured_run_writes_every_format_and_prints_nothing() {
    let dir = config_dir();
    let config = dir.path().join("revue.toml");
    let out = run_ok(&[
        "--config",
        config.to_str().unwrap(),
        "digest",
        "--date",
        "2025-07-12",
    ]);
    assert!(out.is_empty(), "{out}");
    let md = std::fs::read_to_string(dir.path().join("digests/2025-07-12.md")).unwrap();
    let html = std::fs::read_to_string(dir.path().join("digests/2025-07-12.html")).unwrap();
    assert!(
        md.starts_with("# News digest — Saturday 12 July 2025"),
        "{md}"
    );
    assert!(html.contains("<html lang=\"en\">"));
}

#[test]
fn revue_toml_in_the_working_directory_is_found_and_flags_override_it() {
    let dir = config_dir();
    let output = revue()
        .current_dir(dir.path())
        .args([
            "digest",
            "--date",
            "2025-07-12",
            "--format",
            "markdown",
            "--output",
            "-",
            "--lang",
            "fr",
        ])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let md = String::from_utf8(output.stdout).unwrap();
    assert!(
        md.starts_with("# Revue de presse — samedi 12 juillet 2025"),
        "{md}"
    );
    assert!(!dir.path().join("digests").exists());
}

#[test]
fn unknown_keys_and_wrong_types_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let config = write(
        dir.path(),
        "revue.toml",
        "inputs = [\"in/\"]\nfromats = [\"html\"]\n",
    );
    let (code, err) = run_err(&["--config", config.to_str().unwrap(), "digest"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("revue.toml:2:") && err.contains("fromats"),
        "{err}"
    );
    let config = write(dir.path(), "bad.toml", "min_confidence = \"high\"\n");
    let (_, err) = run_err(&["--config", config.to_str().unwrap(), "digest"]);
    assert!(err.contains("bad.toml:1:"), "{err}");
    let (code, err) = run_err(&["--config", "no/such/revue.toml", "digest"]);
    assert_eq!(code, 1);
    assert!(err.contains("no/such/revue.toml"), "{err}");
}

#[test]
fn several_formats_need_a_pattern() {
    let (code, err) = run_err(&[
        "digest",
        "tests/fixtures/three.txt",
        "--format",
        "html",
        "--format",
        "markdown",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("{ext}"), "{err}");
}

#[test]
fn schedule_prints_a_crontab_line_with_absolute_paths() {
    let dir = config_dir();
    let config = dir.path().join("revue.toml");
    let log = dir.path().join("logs/revue.log");
    let line = run_ok(&[
        "--config",
        config.to_str().unwrap(),
        "schedule",
        "--at",
        "06:30",
        "--log",
        log.to_str().unwrap(),
    ]);
    let fields: Vec<&str> = line.split_whitespace().collect();
    assert_eq!(&fields[..5], &["30", "6", "*", "*", "*"], "{line}");
    assert!(
        fields[5].starts_with("'/") && fields[5].ends_with("revue'"),
        "{line}"
    );
    assert!(
        line.contains(&format!(
            "--config '{}' digest",
            config.canonicalize().unwrap().display()
        )),
        "{line}"
    );
    assert!(
        line.trim_end()
            .ends_with(&format!(">> '{}' 2>&1", log.display())),
        "{line}"
    );
    assert!(
        dir.path().join("logs").is_dir(),
        "the log's directory is made"
    );
    let (code, _) = run_err(&[
        "--config",
        config.to_str().unwrap(),
        "schedule",
        "--at",
        "25:00",
    ]);
    assert_eq!(code, 2);
}
