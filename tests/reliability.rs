//! Running unattended: a run killed with SIGKILL while it writes leaves the previous file
//! whole, and two runs writing the same file never write it at once.

mod common;

use std::fs::OpenOptions;
use std::os::unix::process::ExitStatusExt;
use std::time::{Duration, Instant};

use common::{repo_path, run_err, run_ok};

#[test]
fn sigkill_while_writing_leaves_the_previous_file_intact() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("digest.html");
    let dates = ["2025-07-12", "2025-07-13"];
    let started = Instant::now();
    let expected: Vec<String> = dates
        .iter()
        .map(|d| run_ok(&["digest", "data/corpus", "--format", "html", "--date", d]))
        .collect();
    // Kill moments spread over the length of one whole run, however fast this build is.
    let run_ms = (started.elapsed().as_millis() as u64 / 2).max(10);
    let mut killed = 0;
    // A small linear congruential generator: random moments, the same ones every run.
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    for round in 0..40 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let delay = Duration::from_millis((seed >> 33) % run_ms);
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_revue"))
            .env("XDG_CONFIG_HOME", common::NO_CONFIG)
            .current_dir(repo_path(""))
            .args([
                "digest",
                "data/corpus",
                "--format",
                "html",
                "--date",
                dates[round % 2],
            ])
            .arg("--output")
            .arg(&out)
            .spawn()
            .unwrap();
        let started = Instant::now();
        while started.elapsed() < delay && child.try_wait().unwrap().is_none() {
            std::thread::sleep(Duration::from_millis(5));
        }
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.signal() == Some(9) {
            killed += 1;
        }
        if out.exists() {
            let content = std::fs::read_to_string(&out).unwrap();
            assert!(
                expected.contains(&content),
                "round {round}: the digest is not a whole one"
            );
        }
    }
    assert!(
        killed >= 10,
        "only {killed} of 40 runs were killed while working"
    );
}

#[test]
fn a_second_run_waits_for_the_first_then_gives_up() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("digest.md");
    // The first run is this test, holding the lock a run takes while it replaces the file.
    let lock = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.path().join(".digest.md.lock"))
        .unwrap();
    lock.lock().unwrap();
    let out_arg = out.to_str().unwrap();
    let started = Instant::now();
    let (code, err) = run_err(&[
        "digest",
        "tests/fixtures/three.txt",
        "--output",
        out_arg,
        "--wait",
        "1",
    ]);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "it waited first"
    );
    assert_eq!(code, 1);
    assert!(
        err.contains("another revue run is writing this file"),
        "{err}"
    );
    assert!(!out.exists(), "nothing was written");
    lock.unlock().unwrap();
    run_ok(&[
        "digest",
        "tests/fixtures/three.txt",
        "--output",
        out_arg,
        "--wait",
        "0",
    ]);
    assert!(out.exists());
}
