//! The library's error type: every failure a user can cause, each with a sentence that names
//! the file (and line, or article) at fault and, where it helps, what to do about it.

use std::io;
use std::path::PathBuf;

/// Result with the library's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in revue, described for the person who runs it.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file at fault.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// Writing to standard output failed (a closed pipe is handled by the caller).
    #[error("could not write the output: {0}")]
    Output(#[source] io::Error),
    /// An input file is not UTF-8 text.
    #[error("{path}:{line}: the file is not valid UTF-8 text (first bad byte at offset {offset}); convert it to UTF-8 first")]
    NotUtf8 {
        /// The file at fault.
        path: String,
        /// Line of the first invalid byte.
        line: usize,
        /// Byte offset of the first invalid byte.
        offset: usize,
    },
    /// An input file holds something revue cannot read as articles.
    #[error("{path}:{line}: {message}")]
    BadInput {
        /// The file at fault (`<stdin>` for standard input).
        path: String,
        /// Line number, 1-based.
        line: usize,
        /// What is wrong there.
        message: String,
    },
    /// A file is not a revue model, or is damaged.
    #[error("{path}: {message}")]
    BadModel {
        /// The model file (or `<embedded>`).
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// A template failed to parse or render.
    #[error("template {name}, line {line}: {message}")]
    Template {
        /// The template's file name.
        name: String,
        /// Line of the fault, 1-based (0 when tera gives none).
        line: usize,
        /// What tera found wrong there.
        message: String,
    },
    /// Another run holds the write lock of an output file.
    #[error("{}: another revue run is writing this file; gave up after waiting {waited} s (see --wait)", path.display())]
    Busy {
        /// The output file.
        path: PathBuf,
        /// Seconds waited.
        waited: u64,
    },
    /// The history database cannot be used.
    #[error("history {}: {message}", path.display())]
    History {
        /// The database file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
    /// `--fail-if-empty` was given and there is nothing new to digest (exit code 3).
    #[error("nothing new to digest")]
    NothingNew,
    /// A command was given options that cannot work together or values out of range.
    #[error("{0}")]
    Usage(String),
    /// Training could not proceed (no labelled articles, one class only...).
    #[error("{0}")]
    Training(String),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// A bad-input error at `path:line`.
    pub fn bad_input(path: &str, line: usize, message: impl Into<String>) -> Self {
        Error::BadInput {
            path: path.to_string(),
            line,
            message: message.into(),
        }
    }

    /// True when the error is a closed pipe on standard output (`revue … | head`).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Output(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }

    /// True when the user gave a wrong combination of options (exit code 2).
    pub fn is_usage(&self) -> bool {
        matches!(self, Error::Usage(_))
    }
}
