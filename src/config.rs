//! The configuration file, `revue.toml`, for runs nobody watches: the inputs, the model and
//! templates, where each format's digest goes, and the digest's options. It is found at
//! `--config PATH`, else `./revue.toml`, else `$XDG_CONFIG_HOME/revue/revue.toml`
//! (`~/.config/revue/revue.toml`). Relative paths in it are relative to the file itself, so
//! a cron job works from any directory. Flags given on the command line override it; both
//! are resolved once, in the command layer, into the settings a run uses.
//!
//! ```toml
//! inputs = ["dispatches/", "feeds/*.jsonl"]
//! output = "digests/{date}.{ext}"
//! formats = ["markdown", "html"]
//! model = "models/mine.revue"        # default: the embedded model
//! templates = "my-templates/"        # default: the embedded templates
//! lang = "fr"
//! group_by = "region,theme"
//! min_confidence = 0.5
//! wait = 30
//! new_only = true                    # leave out what an earlier morning digested
//! history_days = 7
//! history = "state/history.sqlite"   # default: $XDG_STATE_HOME/revue/history.sqlite
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::digest::OutputFormat;
use crate::error::{Error, Result};
use crate::model::Lang;

/// The keys of `revue.toml`; any other key is an error that names it.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Files, directories or glob patterns to read.
    #[serde(default)]
    pub inputs: Vec<String>,
    /// Model file.
    pub model: Option<PathBuf>,
    /// Templates directory.
    pub templates: Option<PathBuf>,
    /// Output path pattern: `{date}` becomes YYYY-MM-DD, `{ext}` the format's extension.
    pub output: Option<String>,
    /// Formats to render in one run.
    pub formats: Option<Vec<OutputFormat>>,
    /// Language of names and of the digest's words.
    pub lang: Option<Lang>,
    /// Grouping levels, outermost first.
    pub group_by: Option<String>,
    /// Below this probability an article goes to "À trier".
    pub min_confidence: Option<f64>,
    /// Seconds to wait for another run writing the same output.
    pub wait: Option<u64>,
    /// Leave out articles already digested in the last `history_days` days.
    pub new_only: Option<bool>,
    /// The history database [default: $XDG_STATE_HOME/revue/history.sqlite].
    pub history: Option<PathBuf>,
    /// How many days `new_only` looks back [default: 7].
    pub history_days: Option<u32>,
}

/// A configuration file that was found and read.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedConfig {
    /// Where it was read from (absolute).
    pub path: PathBuf,
    /// What it says, with paths resolved against its directory.
    pub config: Config,
}

/// An XDG base directory: `$VAR` when it is an absolute path, else `$HOME/FALLBACK`.
pub fn base_dir(var: &str, home_fallback: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(home_fallback)))
}

/// A file of revue's state, `$XDG_STATE_HOME/revue/NAME` (`~/.local/state/revue/NAME`);
/// `flag` is the option that names another place, for the error when there is no home.
pub fn state_file(name: &str, flag: &str) -> Result<PathBuf> {
    base_dir("XDG_STATE_HOME", ".local/state")
        .map(|state| state.join("revue").join(name))
        .ok_or_else(|| Error::Usage(format!("no place for {name}: set HOME or pass {flag} PATH")))
}

/// The default places of the configuration file, in the order they are tried.
pub fn default_locations() -> Vec<PathBuf> {
    let mut places = vec![PathBuf::from("revue.toml")];
    if let Some(home) = base_dir("XDG_CONFIG_HOME", ".config") {
        places.push(home.join("revue").join("revue.toml"));
    }
    places
}

/// Finds and reads the configuration: `explicit` must exist; otherwise the first default
/// location that exists is read, and none at all is fine.
pub fn load(explicit: Option<&Path>) -> Result<Option<LoadedConfig>> {
    let path = match explicit {
        Some(path) => path.to_path_buf(),
        None => match default_locations().into_iter().find(|p| p.is_file()) {
            Some(path) => path,
            None => return Ok(None),
        },
    };
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    let path = path.canonicalize().map_err(|e| Error::io(&path, e))?;
    let mut config = parse(&text, &path.display().to_string())?;
    let dir = path.parent().unwrap_or(Path::new("/"));
    let resolve = |p: &Path| {
        if p.is_absolute() {
            p.to_path_buf()
        } else {
            dir.join(p)
        }
    };
    config.model = config.model.as_deref().map(resolve);
    config.templates = config.templates.as_deref().map(resolve);
    config.history = config.history.as_deref().map(resolve);
    config.inputs = config
        .inputs
        .iter()
        .map(|i| resolve(Path::new(i)).display().to_string())
        .collect();
    config.output = config
        .output
        .as_deref()
        .map(|o| resolve(Path::new(o)).display().to_string());
    Ok(Some(LoadedConfig { path, config }))
}

/// Parses the text of a configuration file; `name` is used in errors, which name the line
/// and the key at fault.
pub fn parse(text: &str, name: &str) -> Result<Config> {
    toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map_or(1, |span| 1 + text[..span.start].matches('\n').count());
        Error::bad_input(name, line, e.message().trim().to_string())
    })
}

/// Expands the inputs: glob patterns become the files they match (sorted); plain paths
/// stay as they are. A pattern that matches nothing is an error naming it.
pub fn expand_inputs(inputs: &[String]) -> Result<Vec<PathBuf>> {
    let mut paths = Vec::new();
    for input in inputs {
        if !input.contains(['*', '?', '[']) {
            paths.push(PathBuf::from(input));
            continue;
        }
        let pattern = glob::glob(input)
            .map_err(|e| Error::Usage(format!("inputs: bad pattern {input}: {e}")))?;
        let mut matched: Vec<PathBuf> = pattern.filter_map(|p| p.ok()).collect();
        if matched.is_empty() {
            return Err(Error::Usage(format!("inputs: no file matches {input}")));
        }
        matched.sort();
        paths.extend(matched);
    }
    Ok(paths)
}

/// The output path for `format` from a pattern with `{date}` and `{ext}`.
pub fn output_path(pattern: &str, date: &str, format: OutputFormat) -> PathBuf {
    PathBuf::from(
        pattern
            .replace("{date}", date)
            .replace("{ext}", format.extension()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_key() {
        let config = parse(
            "inputs = [\"a/\", \"b/*.jsonl\"]\noutput = \"digests/{date}.{ext}\"\nformats = [\"markdown\", \"html\"]\nlang = \"en\"\ngroup_by = \"theme\"\nmin_confidence = 0.7\nwait = 5\nmodel = \"m.revue\"\ntemplates = \"t/\"\n",
            "revue.toml",
        )
        .unwrap();
        assert_eq!(
            config.formats,
            Some(vec![OutputFormat::Markdown, OutputFormat::Html])
        );
        assert_eq!(config.lang, Some(Lang::En));
        assert_eq!(config.wait, Some(5));
    }

    #[test]
    fn unknown_key_and_wrong_type_are_named() {
        let err = parse("inputs = []\nfromats = [\"html\"]\n", "revue.toml")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("revue.toml:2:") && err.contains("fromats"),
            "{err}"
        );
        let err = parse("min_confidence = \"high\"\n", "revue.toml")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("revue.toml:1:") && err.contains("expected f64"),
            "{err}"
        );
    }

    #[test]
    fn output_pattern() {
        let path = output_path("digests/{date}.{ext}", "2025-07-12", OutputFormat::Html);
        assert_eq!(path, PathBuf::from("digests/2025-07-12.html"));
    }
}
