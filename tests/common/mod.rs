//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `revue` binary under test, run from the repository root.
pub fn revue() -> Command {
    let mut cmd = Command::cargo_bin("revue").expect("the binary is built");
    cmd.current_dir(root());
    // A user's own ~/.config/revue/revue.toml must not change what the tests see.
    cmd.env("XDG_CONFIG_HOME", NO_CONFIG);
    cmd
}

/// A configuration directory that does not exist.
pub const NO_CONFIG: &str = "/nonexistent/revue-tests-config";

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file below the repository root.
pub fn repo_path(relative: &str) -> PathBuf {
    root().join(relative)
}

/// Standard output of a successful run, checking that nothing went to standard error.
pub fn run_ok(args: &[&str]) -> String {
    let output = revue().args(args).output().expect("revue runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "revue {args:?} failed: {stderr}");
    assert!(
        stderr.is_empty(),
        "revue {args:?} wrote to stderr: {stderr}"
    );
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

/// Exit code and standard error of a failing run, checking it did not panic.
pub fn run_err(args: &[&str]) -> (i32, String) {
    let output = revue().args(args).output().expect("revue runs");
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(!output.status.success(), "revue {args:?} should fail");
    assert!(
        !stderr.contains("panicked"),
        "revue {args:?} panicked: {stderr}"
    );
    (output.status.code().unwrap_or(-1), stderr)
}

/// Writes `text` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("temp dir is writable");
    path
}
