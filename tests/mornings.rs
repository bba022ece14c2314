//! Three mornings with overlapping input folders: each morning's digest holds only that
//! morning's new articles, the history remembers, and an empty morning can say so (exit 3).

mod common;

use std::path::Path;

use common::{revue, run_ok, write};

const SEISME: &str = "Japon: un séisme secoue Niigata\n\nUn séisme de magnitude 6,8 a frappé mardi la préfecture de Niigata, a annoncé l’agence météorologique japonaise.\n\n";
const PSG: &str = "Football: le PSG s’impose à Marseille\n\nLe Paris Saint-Germain a battu l’Olympique de Marseille 2 à 0 dimanche au Vélodrome, en Ligue 1.\n\n";
const SENEGAL: &str = "Sénégal: l’Assemblée adopte le budget\n\nLes députés sénégalais ont adopté samedi à Dakar le budget de l’Etat pour l’an prochain.\n\n";
const CANADA: &str = "Canada: des feux de forêt au Québec\n\nDes milliers d’habitants de Chibougamau ont été évacués jeudi face à l’avancée des flammes.\n\n";

fn morning(dir: &Path, date: &str, extra: &[&str]) -> std::process::Output {
    let history = dir.join("state/history.sqlite");
    let pattern = dir.join("digests/{date}.md");
    let mut args = vec![
        "digest".to_string(),
        dir.join("in").display().to_string(),
        "--new-only".into(),
        "--history".into(),
        history.display().to_string(),
        "--date".into(),
        date.into(),
        "--output".into(),
        pattern.display().to_string(),
    ];
    args.extend(extra.iter().map(|s| s.to_string()));
    revue().args(&args).output().unwrap()
}

fn digest_of(dir: &Path, date: &str) -> String {
    std::fs::read_to_string(dir.join(format!("digests/{date}.md"))).unwrap()
}

#[test]
fn each_morning_holds_only_its_new_articles() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("in")).unwrap();

    write(&d.join("in"), "lundi.txt", format!("{SEISME}{PSG}"));
    assert!(morning(d, "2025-07-07", &[]).status.success());
    let first = digest_of(d, "2025-07-07");
    assert!(
        first.contains("séisme secoue Niigata") && first.contains("PSG"),
        "{first}"
    );

    // Tuesday: Monday's file is still there, with one new file beside it.
    write(&d.join("in"), "mardi.txt", SENEGAL);
    assert!(morning(d, "2025-07-08", &[]).status.success());
    let second = digest_of(d, "2025-07-08");
    assert!(second.contains("Sénégal"), "{second}");
    assert!(
        !second.contains("Niigata") && !second.contains("PSG"),
        "{second}"
    );

    // Wednesday: Monday's file is gone, Tuesday's stays, and Monday's quake is pasted again.
    std::fs::remove_file(d.join("in/lundi.txt")).unwrap();
    write(&d.join("in"), "mercredi.txt", format!("{CANADA}{SEISME}"));
    assert!(morning(d, "2025-07-09", &[]).status.success());
    let third = digest_of(d, "2025-07-09");
    assert!(third.contains("Chibougamau"), "{third}");
    assert!(
        !third.contains("Sénégal") && !third.contains("Niigata"),
        "{third}"
    );

    // The same morning run again gives the same digest, not an empty one.
    assert!(morning(d, "2025-07-09", &[]).status.success());
    assert_eq!(digest_of(d, "2025-07-09"), third);

    // Thursday, nothing new: with --fail-if-empty the run exits 3 and writes nothing.
    let thursday = morning(d, "2025-07-10", &["--fail-if-empty"]);
    assert_eq!(thursday.status.code(), Some(3));
    assert!(
        thursday.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&thursday.stderr)
    );
    assert!(!d.join("digests/2025-07-10.md").exists());

    let history = d.join("state/history.sqlite");
    let listed = run_ok(&["history", "--history", history.to_str().unwrap()]);
    assert_eq!(listed.lines().count(), 4, "{listed}");
    assert!(
        listed.lines().next().unwrap().starts_with("2025-07-09"),
        "{listed}"
    );
}

#[test]
fn a_foreign_history_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let history = write(
        dir.path(),
        "history.sqlite",
        "not a database, only some text here to read",
    );
    let (code, err) = common::run_err(&[
        "digest",
        "tests/fixtures/three.txt",
        "--new-only",
        "--history",
        history.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("history.sqlite") && err.contains("not an SQLite database"),
        "{err}"
    );
}
