//! Flags as the user types them. Help texts here are the `--help` a user reads: each says
//! what the flag does and what it defaults to.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::digest::OutputFormat;
use crate::model::Lang;

/// Turns a morning's French news dispatches into a digest grouped by region and theme.
///
/// revue reads dispatches (text, JSON Lines, CSV/TSV), folds duplicates, tags every article
/// with a region and a theme using a naive Bayes model (an embedded default, or your own),
/// and renders the digest as Markdown or HTML.
#[derive(Debug, Parser)]
#[command(
    name = "revue",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(
    after_help = "Examples:\n  revue digest data/sample/ > digest.md\n  revue digest dispatches/ --format html --output digest.html\n  revue classify data/sample/ --explain 5\n  revue train data/corpus --output my.revue --folds 5\n  revue evaluate data/holdout\n  revue inspect"
)]
pub struct Cli {
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
    /// Explain what is being done, on standard error.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// Say nothing on standard error but errors (not even the count of skipped inputs).
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Leave out bad files and lines (not UTF-8, binary, empty, malformed), counting them in
    /// one warning line, instead of stopping at the first.
    #[arg(long, global = true)]
    pub skip_bad: bool,
    /// Worker threads for classify, digest, train and evaluate [default: one per core].
    #[arg(long, global = true, value_name = "N")]
    pub threads: Option<usize>,
    /// When another run is writing the same output file, wait this long for it, then fail
    /// [default: 30].
    #[arg(long, global = true, value_name = "SECONDS")]
    pub wait: Option<u64>,
    /// Configuration file for `digest` and `schedule` [default: ./revue.toml, else
    /// $XDG_CONFIG_HOME/revue/revue.toml, if they exist].
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
}

/// revue's commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render the digest of the given dispatches.
    #[command(
        after_help = "Examples:\n  revue digest data/sample/\n  revue digest a.txt b.jsonl --format html --output digest.html --date 2025-07-12\n  cat dispatches.txt | revue digest --group-by theme"
    )]
    Digest(DigestArgs),
    /// Tag each article with a region and a theme.
    #[command(
        after_help = "Examples:\n  revue classify data/sample/\n  revue classify dispatches/ --format jsonl > tagged.jsonl   # correct by hand, then `revue train --update`\n  revue classify a.txt --explain 5"
    )]
    Classify(ClassifyArgs),
    /// Train a model on labelled articles.
    #[command(
        after_help = "Examples:\n  revue train data/corpus --output my.revue --folds 5\n  revue train mine.csv --output mine.revue --alpha 0.5 --ngrams 2\n  revue train --update my.revue corrected.jsonl --output my.revue"
    )]
    Train(TrainArgs),
    /// Measure a model on labelled articles (held-out set or cross-validation).
    #[command(
        after_help = "Examples:\n  revue evaluate data/holdout                 # the embedded model on held-out articles\n  revue evaluate data/corpus --folds 5        # train and test on each fold\n  revue evaluate test.jsonl --model my.revue --format json"
    )]
    Evaluate(EvaluateArgs),
    /// Show a model's metadata, vocabulary size and top words per label.
    Inspect(InspectArgs),
    /// List the history of digested articles, or prune it.
    #[command(
        after_help = "Examples:\n  revue history --limit 20\n  revue history --prune 30     # forget what was first digested over 30 days ago"
    )]
    History(HistoryArgs),
    /// Print a crontab line that runs the configured digest every morning.
    #[command(
        after_help = "Example:\n  revue schedule --at 06:30 --config ~/.config/revue/revue.toml >> my-crontab"
    )]
    Schedule(ScheduleArgs),
}

/// `revue history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// History database [default: the config's, else $XDG_STATE_HOME/revue/history.sqlite].
    #[arg(long, value_name = "PATH")]
    pub history: Option<PathBuf>,
    /// How many entries to list, newest first.
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub limit: usize,
    /// Forget the articles first digested more than DAYS days ago.
    #[arg(long, value_name = "DAYS")]
    pub prune: Option<u32>,
}

/// `revue schedule`.
#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// Time of day, HH:MM (24-hour clock, the machine's time zone).
    #[arg(long, value_name = "HH:MM")]
    pub at: String,
    /// Where the run's messages go; its directory is created [default:
    /// $XDG_STATE_HOME/revue/revue.log].
    #[arg(long, value_name = "PATH")]
    pub log: Option<PathBuf>,
}

/// Column names for CSV/TSV inputs with other headers.
#[derive(Debug, Clone, Default, Args)]
pub struct ColumnArgs {
    /// CSV/TSV column holding the headline (default: title, headline or titre).
    #[arg(long, value_name = "NAME")]
    pub title_col: Option<String>,
    /// CSV/TSV column holding the body (default: body, text, content or texte).
    #[arg(long, value_name = "NAME")]
    pub text_col: Option<String>,
    /// CSV/TSV column holding the region label (default: region).
    #[arg(long, value_name = "NAME")]
    pub region_col: Option<String>,
    /// CSV/TSV column holding the theme label (default: theme, category, topic or label).
    #[arg(long, value_name = "NAME", alias = "label-col")]
    pub theme_col: Option<String>,
}

/// `revue digest`.
#[derive(Debug, Args)]
pub struct DigestArgs {
    /// Dispatch files or directories (read recursively); `-` reads standard input
    /// [default: the config's inputs, else standard input].
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output format; repeat it to render several in one run [default: markdown].
    #[arg(short, long, value_enum)]
    pub format: Vec<OutputFormat>,
    /// Write the digest to this file (replaced atomically) instead of standard output;
    /// `{date}` and `{ext}` are replaced by the date and the format's extension.
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<String>,
    /// The digest's date, YYYY-MM-DD [default: today].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// Model file [default: the embedded model].
    #[arg(short, long, value_name = "PATH")]
    pub model: Option<PathBuf>,
    /// Directory of templates that replace the embedded ones by file name.
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Grouping levels, outermost first: region,theme | theme,region | region | theme
    /// [default: region,theme].
    #[arg(long, value_name = "LEVELS")]
    pub group_by: Option<String>,
    /// Language of label names and of the digest's own words [default: fr].
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,
    /// Articles whose region or theme probability is below this go to "À trier"
    /// [default: 0.5].
    #[arg(long, value_name = "P")]
    pub min_confidence: Option<f64>,
    /// Leave out articles already digested in the last --days days (kept in the history).
    #[arg(long)]
    pub new_only: bool,
    /// How many days --new-only looks back [default: 7].
    #[arg(long, value_name = "N")]
    pub days: Option<u32>,
    /// History database [default: $XDG_STATE_HOME/revue/history.sqlite].
    #[arg(long, value_name = "PATH")]
    pub history: Option<PathBuf>,
    /// Exit with code 3, writing nothing, when there is no article (or, with --new-only,
    /// no new one) to digest.
    #[arg(long)]
    pub fail_if_empty: bool,
    #[command(flatten)]
    pub columns: ColumnArgs,
}

/// Output formats of `classify`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ClassifyFormat {
    /// An aligned table for reading.
    Table,
    /// One JSON object per article (with the body, so it can be corrected and retrained on).
    Jsonl,
    /// Comma-separated values with a header.
    Csv,
}

/// `revue classify`.
#[derive(Debug, Args)]
pub struct ClassifyArgs {
    /// Files or directories (read recursively); `-` or nothing reads standard input.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = ClassifyFormat::Table)]
    pub format: ClassifyFormat,
    /// Model file [default: the embedded model].
    #[arg(short, long, value_name = "PATH")]
    pub model: Option<PathBuf>,
    /// Also show the N terms that weighed most for each tag.
    #[arg(long, value_name = "N")]
    pub explain: Option<usize>,
    #[command(flatten)]
    pub columns: ColumnArgs,
}

/// Hyper-parameters shared by `train` and `evaluate --folds`.
#[derive(Debug, Clone, Args)]
pub struct TrainingArgs {
    /// Additive smoothing of naive Bayes.
    #[arg(long, value_name = "A", default_value_t = 1.0)]
    pub alpha: f64,
    /// Keep only terms found in at least N training articles.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_df: usize,
    /// 1 for single words, 2 to add pairs of adjacent words.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub ngrams: usize,
    /// Keep at most N terms (the most frequent) [default: no cap].
    #[arg(long, value_name = "N")]
    pub max_features: Option<usize>,
    /// How many times a headline's words count.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub title_weight: u32,
    /// Taxonomy file (TOML) [default: the bundled data/taxonomy.toml].
    #[arg(long, value_name = "PATH")]
    pub taxonomy: Option<PathBuf>,
    /// Gazetteer file (TSV: name, region, kind) [default: the bundled data/gazetteer.tsv].
    #[arg(long, value_name = "PATH")]
    pub gazetteer: Option<PathBuf>,
}

/// `revue train`.
#[derive(Debug, Args)]
pub struct TrainArgs {
    /// Labelled articles: JSON Lines, CSV or TSV files, or directories of them.
    #[arg(value_name = "LABELLED", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Where to write the model (replaced atomically).
    #[arg(short, long, value_name = "PATH")]
    pub output: PathBuf,
    /// Also run stratified K-fold cross-validation and store the figures in the model.
    #[arg(long, value_name = "K")]
    pub folds: Option<usize>,
    /// Add the articles to this existing model instead of training from scratch.
    #[arg(long, value_name = "MODEL")]
    pub update: Option<PathBuf>,
    #[command(flatten)]
    pub training: TrainingArgs,
    #[command(flatten)]
    pub columns: ColumnArgs,
}

/// Output formats of `evaluate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Tables for reading.
    Text,
    /// One JSON object, by head.
    Json,
}

/// `revue evaluate`.
#[derive(Debug, Args)]
pub struct EvaluateArgs {
    /// Labelled articles: JSON Lines, CSV or TSV files, or directories of them.
    #[arg(value_name = "LABELLED", required = true)]
    pub inputs: Vec<PathBuf>,
    /// Model to evaluate on these articles [default: the embedded model].
    #[arg(short, long, value_name = "PATH", conflicts_with = "folds")]
    pub model: Option<PathBuf>,
    /// Instead, cross-validate: train on K − 1 folds, test on the last, K times.
    #[arg(long, value_name = "K")]
    pub folds: Option<usize>,
    /// Output format.
    #[arg(short, long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    #[command(flatten)]
    pub training: TrainingArgs,
    #[command(flatten)]
    pub columns: ColumnArgs,
}

/// `revue inspect`.
#[derive(Debug, Args)]
pub struct InspectArgs {
    /// Model file [default: the embedded model].
    #[arg(short, long, value_name = "PATH")]
    pub model: Option<PathBuf>,
    /// How many top words to show per label.
    #[arg(long, value_name = "N", default_value_t = 8)]
    pub top: usize,
}
