//! Writing results: to standard output, or to a file replaced atomically (a temporary file
//! in the same directory, then a rename), so a reader never sees half a digest or half a
//! model, and a failed or killed run leaves the previous file as it was. While one run
//! replaces a file it holds a lock beside it (`.NAME.lock`); a second run waits for it up
//! to `--wait` seconds, then gives up with a clear message: never two writers.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// Writes `bytes` to `path` atomically, or to standard output when `path` is `None` or `-`.
pub fn write_output(path: Option<&Path>, bytes: &[u8], wait: Duration) -> Result<()> {
    match path {
        Some(path) if path.as_os_str() != "-" => write_atomically(path, bytes, wait),
        _ => write_stdout(bytes),
    }
}

/// Takes the write lock of `path`, waiting up to `wait` for another run to release it.
pub fn lock_for_writing(path: &Path, wait: Duration) -> Result<File> {
    let dir = parent_dir(path);
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy());
    let lock_path = dir.join(format!(".{name}.lock"));
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(|e| Error::io(&lock_path, e))?;
    let deadline = Instant::now() + wait;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(Error::Busy {
                    path: path.to_path_buf(),
                    waited: wait.as_secs(),
                })
            }
            Err(TryLockError::Error(e)) => return Err(Error::io(&lock_path, e)),
        }
    }
}

fn parent_dir(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Writes to standard output; a closed pipe surfaces as [`Error::Output`] with
/// `BrokenPipe`, which the binary treats as a quiet end.
pub fn write_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes).map_err(Error::Output)?;
    stdout.flush().map_err(Error::Output)
}

/// Replaces `path` with `bytes` through a temporary file in the same directory and a
/// rename, holding the file's write lock meanwhile.
pub fn write_atomically(path: &Path, bytes: &[u8], wait: Duration) -> Result<()> {
    let _lock = lock_for_writing(path, wait)?;
    let dir = parent_dir(path);
    let mut temp = tempfile::Builder::new()
        .prefix(".revue-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    temp.write_all(bytes).map_err(|e| Error::io(path, e))?;
    temp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    temp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("digest.md");
        write_atomically(&path, b"old", Duration::ZERO).unwrap();
        write_atomically(&path, b"new", Duration::ZERO).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        assert_eq!(
            names.len(),
            2,
            "the file and its lock, no temporary left: {names:?}"
        );
    }

    #[test]
    fn a_second_writer_waits_then_gives_up() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("digest.md");
        let held = lock_for_writing(&path, Duration::ZERO).unwrap();
        let started = Instant::now();
        let err = write_atomically(&path, b"x", Duration::from_millis(300)).unwrap_err();
        assert!(started.elapsed() >= Duration::from_millis(300));
        assert!(err.to_string().contains("another revue run"), "{err}");
        drop(held);
        write_atomically(&path, b"x", Duration::ZERO).unwrap();
    }

    #[test]
    fn missing_directory_is_named() {
        let err =
            write_atomically(Path::new("/nonexistent-dir/x.md"), b"x", Duration::ZERO).unwrap_err();
        assert!(err.to_string().contains("/nonexistent-dir"), "{err}");
    }
}
