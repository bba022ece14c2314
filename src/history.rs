//! The history of digested articles, in SQLite: each story's fingerprint and the date of the
//! first digest that carried it, so that `digest --new-only` leaves out what an earlier
//! morning already showed. The file is created on first use; its schema is versioned
//! (`PRAGMA user_version`) and migrated forward; a file that is not a revue history, or not
//! a database at all, is a clear error. Every change is one transaction, and a second run
//! waits for the first (SQLite's own lock, up to `--wait`).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};

/// Marks a revue history (`PRAGMA application_id`, "REVU").
const APPLICATION_ID: i32 = 0x5245_5655;
/// The schema version this build writes.
const SCHEMA_VERSION: i32 = 1;
/// Each migration takes the schema from version `index` to `index + 1`.
const MIGRATIONS: &[&str] = &["CREATE TABLE digested (
        fingerprint TEXT PRIMARY KEY,
        first_digest TEXT NOT NULL,
        title TEXT NOT NULL
    );
    CREATE INDEX digested_by_date ON digested (first_digest);"];

/// An open history.
pub struct History {
    connection: Connection,
    path: PathBuf,
}

/// One line of `revue history`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Date of the first digest that carried it.
    pub first_digest: String,
    /// Its headline.
    pub title: String,
    /// Its fingerprint (hex).
    pub fingerprint: String,
}

impl History {
    /// Opens (creating it and its directory if needed) the history at `path`, waiting up to
    /// `wait` for another run that holds it.
    pub fn open(path: &Path, wait: Duration) -> Result<History> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        let bad = |message: String| Error::History {
            path: path.to_path_buf(),
            message,
        };
        let sql = |e: rusqlite::Error| bad(format!("the history database cannot be used ({e})"));
        let mut connection = Connection::open(path).map_err(sql)?;
        connection.busy_timeout(wait).map_err(sql)?;
        let not_a_database = |e: rusqlite::Error| {
            bad(format!(
                "this is not an SQLite database, so not a revue history ({e}); move it away or pass another --history"
            ))
        };
        let application_id: i32 = connection
            .pragma_query_value(None, "application_id", |r| r.get(0))
            .map_err(not_a_database)?;
        let version: i32 = connection
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(not_a_database)?;
        let tables: i64 = connection
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(not_a_database)?;
        if application_id != APPLICATION_ID && (application_id != 0 || tables > 0) {
            return Err(bad(
                "this SQLite database is not a revue history; move it away or pass another --history".to_string(),
            ));
        }
        if version > SCHEMA_VERSION {
            return Err(bad(format!(
                "this history has schema version {version}, newer than this revue's {SCHEMA_VERSION}; upgrade revue"
            )));
        }
        let transaction = connection.transaction().map_err(sql)?;
        for migration in &MIGRATIONS[version as usize..] {
            transaction.execute_batch(migration).map_err(sql)?;
        }
        transaction
            .pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(sql)?;
        transaction
            .pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(sql)?;
        transaction.commit().map_err(sql)?;
        Ok(History {
            connection,
            path: path.to_path_buf(),
        })
    }

    /// The fingerprints among `fingerprints` first digested in the `days` days before `date`.
    pub fn seen_before(
        &self,
        fingerprints: &[u64],
        date: NaiveDate,
        days: u32,
    ) -> Result<HashSet<u64>> {
        let since = (date - chrono::Days::new(days.into()))
            .format("%Y-%m-%d")
            .to_string();
        let until = date.format("%Y-%m-%d").to_string();
        let mut statement = self
            .connection
            .prepare_cached("SELECT 1 FROM digested WHERE fingerprint = ?1 AND first_digest >= ?2 AND first_digest < ?3")
            .map_err(|e| db_error(&self.path, e))?;
        let mut seen = HashSet::new();
        for &fingerprint in fingerprints {
            let found: Option<i64> = statement
                .query_row(params![format!("{fingerprint:016x}"), since, until], |r| {
                    r.get(0)
                })
                .optional()
                .map_err(|e| db_error(&self.path, e))?;
            if found.is_some() {
                seen.insert(fingerprint);
            }
        }
        Ok(seen)
    }

    /// Records the stories of the digest of `date`, in one transaction; a story already
    /// recorded keeps the date it was first digested.
    pub fn record(&mut self, stories: &[(u64, &str)], date: NaiveDate) -> Result<()> {
        let day = date.format("%Y-%m-%d").to_string();
        let transaction = self
            .connection
            .transaction()
            .map_err(|e| db_error(&self.path, e))?;
        {
            let mut insert = transaction
                .prepare_cached("INSERT OR IGNORE INTO digested (fingerprint, first_digest, title) VALUES (?1, ?2, ?3)")
                .map_err(|e| db_error(&self.path, e))?;
            for (fingerprint, title) in stories {
                insert
                    .execute(params![format!("{fingerprint:016x}"), day, title])
                    .map_err(|e| db_error(&self.path, e))?;
            }
        }
        transaction.commit().map_err(|e| db_error(&self.path, e))
    }

    /// The most recent entries, newest first.
    pub fn list(&self, limit: usize) -> Result<Vec<Entry>> {
        let mut statement = self
            .connection
            .prepare("SELECT first_digest, title, fingerprint FROM digested ORDER BY first_digest DESC, title LIMIT ?1")
            .map_err(|e| db_error(&self.path, e))?;
        let rows = statement
            .query_map(params![limit as i64], |r| {
                Ok(Entry {
                    first_digest: r.get(0)?,
                    title: r.get(1)?,
                    fingerprint: r.get(2)?,
                })
            })
            .map_err(|e| db_error(&self.path, e))?;
        rows.collect::<std::result::Result<Vec<_>, _>>()
            .map_err(|e| db_error(&self.path, e))
    }

    /// Forgets the entries first digested more than `days` days before `today`; returns how many.
    pub fn prune(&mut self, today: NaiveDate, days: u32) -> Result<usize> {
        let before = (today - chrono::Days::new(days.into()))
            .format("%Y-%m-%d")
            .to_string();
        self.connection
            .execute(
                "DELETE FROM digested WHERE first_digest < ?1",
                params![before],
            )
            .map_err(|e| db_error(&self.path, e))
    }
}

fn db_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::History {
        path: path.to_path_buf(),
        message: format!("the history database cannot be used ({e})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 7, d).unwrap()
    }

    #[test]
    fn remembers_what_was_digested_on_earlier_days() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/history.sqlite");
        let mut history = History::open(&path, Duration::ZERO).unwrap();
        history.record(&[(1, "un"), (2, "deux")], day(10)).unwrap();
        let history = History::open(&path, Duration::ZERO).unwrap();
        assert_eq!(
            history.seen_before(&[1, 2, 3], day(11), 7).unwrap(),
            HashSet::from([1, 2])
        );
        assert!(
            history.seen_before(&[1], day(10), 7).unwrap().is_empty(),
            "the same morning again is whole"
        );
        assert!(
            history.seen_before(&[1], day(20), 7).unwrap().is_empty(),
            "older than the window"
        );
    }

    #[test]
    fn prune_and_list() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("h.sqlite");
        let mut history = History::open(&path, Duration::ZERO).unwrap();
        history.record(&[(1, "ancien")], day(1)).unwrap();
        history.record(&[(2, "récent")], day(9)).unwrap();
        assert_eq!(history.prune(day(10), 5).unwrap(), 1);
        let entries = history.list(10).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].title, "récent");
    }

    #[test]
    fn foreign_and_corrupt_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let text = dir.path().join("notes.sqlite");
        std::fs::write(
            &text,
            "this is not a database at all, just some text that is long enough",
        )
        .unwrap();
        let err = History::open(&text, Duration::ZERO)
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("not an SQLite database"), "{err}");
        let foreign = dir.path().join("other.sqlite");
        Connection::open(&foreign)
            .unwrap()
            .execute_batch("CREATE TABLE t (x);")
            .unwrap();
        let err = History::open(&foreign, Duration::ZERO)
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("not a revue history"), "{err}");
    }
}
