//! Runs each command: resolves the typed flags into the stages' own options once, then
//! drives the pipeline `ingest → dedupe → classify → digest/render → output`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use serde_json::json;

use super::args::{
    ClassifyArgs, ClassifyFormat, ColumnArgs, Command, DigestArgs, EvaluateArgs, HistoryArgs,
    InspectArgs, ReportFormat, ScheduleArgs, TrainArgs, TrainingArgs,
};
use super::Cli;
use crate::config::{self, Config};
use crate::dedupe::{fingerprint, fold_duplicates};
use crate::digest::{self, DigestOptions, GroupKey, OutputFormat, Templates};
use crate::error::{Error, Result};
use crate::eval;
use crate::features::Vectorizer;
use crate::history::History;
use crate::ingest::{self, Article, ArticleStream, Columns, Skipped};
use crate::model::{self, CheckedTrainOptions, Model, Tag, Taxonomy, TrainOptions};
use crate::output::{write_atomically, write_output, write_stdout};
use crate::parallel::{map_batches, PerThread, Progress};
use crate::text::Gazetteer;
use rayon::prelude::*;

/// Runs the command the user asked for.
pub fn run(cli: Cli) -> Result<()> {
    crate::parallel::set_threads(cli.threads)?;
    let verbose = cli.verbose;
    let default_wait = Duration::from_secs(cli.wait.unwrap_or(DEFAULT_WAIT));
    let reader = Reader {
        skipped: cli.skip_bad.then(|| Arc::new(Skipped::default())),
    };
    let outcome = match cli.command {
        Command::Digest(args) => {
            let config = config::load(cli.config.as_deref())?;
            if let Some(loaded) = &config {
                note(verbose, || {
                    format!("configuration: {}", loaded.path.display())
                });
            }
            let settings = DigestSettings::resolve(args, config.map(|c| c.config), cli.wait)?;
            digest(settings, &reader, verbose)
        }
        Command::Schedule(args) => schedule(args, cli.config.as_deref()),
        Command::History(args) => {
            let config = config::load(cli.config.as_deref())?
                .map(|c| c.config)
                .unwrap_or_default();
            history(args, config, default_wait)
        }
        Command::Classify(args) => classify(args, &reader),
        Command::Train(args) => train(args, &reader, verbose, default_wait),
        Command::Evaluate(args) => evaluate(args, &reader),
        Command::Inspect(args) => inspect(args),
    };
    reader.report(verbose, cli.quiet);
    outcome
}

/// How inputs are read in this run: stopping at the first bad one, or, with `--skip-bad`,
/// leaving each out and counting it.
struct Reader {
    skipped: Option<Arc<Skipped>>,
}

impl Reader {
    fn stream(&self, inputs: &[PathBuf], columns: &Columns) -> Result<ArticleStream> {
        let stream = ingest::stream_inputs(inputs, columns)?;
        Ok(match &self.skipped {
            Some(skipped) => ingest::skip_bad(stream, skipped.clone()),
            None => stream,
        })
    }

    fn read(&self, inputs: &[PathBuf], columns: &Columns) -> Result<Vec<Article>> {
        ingest::collect_repaired(self.stream(inputs, columns)?)
    }

    /// One line on standard error for what was skipped (every message with `-v`), unless
    /// `--quiet`.
    fn report(&self, verbose: bool, quiet: bool) {
        let Some(skipped) = &self.skipped else { return };
        let messages = skipped.messages();
        if messages.is_empty() || quiet {
            return;
        }
        if verbose {
            for message in &messages {
                eprintln!("revue: skipped {message}");
            }
        }
        let more = if verbose || messages.len() == 1 {
            String::new()
        } else {
            " (-v lists them all)".to_string()
        };
        eprintln!(
            "revue: warning: skipped {} bad input(s), first: {}{more}",
            messages.len(),
            messages[0]
        );
    }
}

/// Prints progress on standard error when `-v` was given; silent otherwise.
fn note(verbose: bool, message: impl FnOnce() -> String) {
    if verbose {
        eprintln!("revue: {}", message());
    }
}

impl From<&ColumnArgs> for Columns {
    fn from(args: &ColumnArgs) -> Columns {
        Columns {
            title: args.title_col.clone(),
            text: args.text_col.clone(),
            region: args.region_col.clone(),
            theme: args.theme_col.clone(),
        }
    }
}

/// Seconds a run waits for another one writing the same file, unless told otherwise.
const DEFAULT_WAIT: u64 = 30;

/// Everything a digest run needs, resolved once from the flags and the configuration file
/// (flags win), with the defaults filled in and every value checked.
#[derive(Debug)]
struct DigestSettings {
    inputs: Vec<std::path::PathBuf>,
    model: Option<std::path::PathBuf>,
    templates: Option<std::path::PathBuf>,
    /// Each format, and its file (`None`: standard output).
    outputs: Vec<(OutputFormat, Option<std::path::PathBuf>)>,
    options: DigestOptions,
    columns: Columns,
    wait: Duration,
    /// The history to read (`--new-only`) and to record the digest in, and its window.
    history: Option<(PathBuf, u32)>,
    new_only: bool,
    fail_if_empty: bool,
}

impl DigestSettings {
    fn resolve(args: DigestArgs, config: Option<Config>, wait: Option<u64>) -> Result<Self> {
        let config = config.unwrap_or_default();
        let date = match &args.date {
            Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                Error::Usage(format!("--date {text}: expected a date as YYYY-MM-DD"))
            })?,
            None => chrono::Local::now().date_naive(),
        };
        let min_confidence = args.min_confidence.or(config.min_confidence).unwrap_or(0.5);
        if !(0.0..=1.0).contains(&min_confidence) {
            return Err(Error::Usage(format!(
                "--min-confidence (min_confidence in revue.toml) must be between 0 and 1, not {min_confidence}"
            )));
        }
        let group_by = args
            .group_by
            .or(config.group_by)
            .unwrap_or_else(|| "region,theme".to_string());
        let options = DigestOptions {
            date,
            lang: args.lang.or(config.lang).unwrap_or_default(),
            group_by: GroupKey::parse_list(&group_by)
                .map_err(|e| Error::Usage(format!("--group-by (group_by in revue.toml): {e}")))?,
            min_confidence,
        };
        let inputs = if args.inputs.is_empty() {
            config::expand_inputs(&config.inputs)?
        } else {
            args.inputs
        };
        let mut formats = if args.format.is_empty() {
            config.formats.unwrap_or_default()
        } else {
            args.format
        };
        if formats.is_empty() {
            formats.push(OutputFormat::Markdown);
        }
        formats.dedup();
        let output = args.output.or(config.output).filter(|o| o != "-");
        let day = date.format("%Y-%m-%d").to_string();
        let outputs = match &output {
            Some(pattern) => {
                if formats.len() > 1 && !pattern.contains("{ext}") {
                    return Err(Error::Usage(format!(
                        "several formats need an output pattern with {{ext}}, such as digests/{{date}}.{{ext}} (got {pattern})"
                    )));
                }
                formats
                    .iter()
                    .map(|&f| (f, Some(config::output_path(pattern, &day, f))))
                    .collect()
            }
            None if formats.len() > 1 => {
                return Err(Error::Usage(
                    "several formats cannot all go to standard output: give --output with {ext}"
                        .to_string(),
                ))
            }
            None => vec![(formats[0], None)],
        };
        let new_only = args.new_only || config.new_only.unwrap_or(false);
        let history_path = args.history.or(config.history);
        let history = if new_only || history_path.is_some() {
            let path = match history_path {
                Some(path) => path,
                None => config::state_file("history.sqlite", "--history")?,
            };
            Some((path, args.days.or(config.history_days).unwrap_or(7)))
        } else {
            None
        };
        Ok(DigestSettings {
            history,
            new_only,
            fail_if_empty: args.fail_if_empty,
            inputs,
            model: args.model.or(config.model),
            templates: args.templates.or(config.templates),
            outputs,
            options,
            columns: Columns::from(&args.columns),
            wait: Duration::from_secs(wait.or(config.wait).unwrap_or(DEFAULT_WAIT)),
        })
    }
}

fn digest(settings: DigestSettings, reader: &Reader, verbose: bool) -> Result<()> {
    // Templates and model first: a broken template fails before any input is read.
    let templates = Templates::load(settings.templates.as_deref())?;
    let model = Model::load_or_embedded(settings.model.as_deref())?;
    let articles = reader.read(&settings.inputs, &settings.columns)?;
    let read = articles.len();
    let mut stories = fold_duplicates(articles);
    note(verbose, || {
        format!(
            "{read} articles read, {} stories after folding duplicates",
            stories.len()
        )
    });
    let mut history = match &settings.history {
        Some((path, _)) => Some(History::open(path, settings.wait)?),
        None => None,
    };
    if let (true, Some(history), Some((_, days))) = (settings.new_only, &history, &settings.history)
    {
        let fingerprints: Vec<u64> = stories.iter().map(|s| fingerprint(&s.article)).collect();
        let seen = history.seen_before(&fingerprints, settings.options.date, *days)?;
        let before = stories.len();
        stories.retain(|s| !seen.contains(&fingerprint(&s.article)));
        note(verbose, || {
            format!(
                "{} stories already digested in the last {days} days left out",
                before - stories.len()
            )
        });
    }
    if settings.fail_if_empty && stories.is_empty() {
        return Err(Error::NothingNew);
    }
    let vectorizers: PerThread<Vectorizer> = PerThread::default();
    let tagged: Vec<_> = stories
        .into_par_iter()
        .map(|story| {
            let tags = vectorizers.with(
                || model.vectorizer(),
                |v| model.classify_with(v, &story.article),
            );
            (story, tags)
        })
        .collect();
    let view = digest::build_view(&tagged, &model.taxonomy, &settings.options);
    // Render every format before writing any, so a template error leaves no file changed.
    let mut rendered = Vec::new();
    for (format, path) in &settings.outputs {
        rendered.push((digest::render(&templates, *format, &view)?, path));
    }
    for (text, path) in rendered {
        if let Some(dir) = path
            .as_deref()
            .and_then(Path::parent)
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        write_output(path.as_deref(), text.as_bytes(), settings.wait)?;
        if let Some(path) = path {
            note(verbose, || format!("wrote {}", path.display()));
        }
    }
    // Recorded once the digest is out: a run that failed before leaves the history as it was.
    if let Some(history) = history.as_mut() {
        let entries: Vec<(u64, &str)> = tagged
            .iter()
            .map(|(s, _)| (fingerprint(&s.article), s.article.title.as_str()))
            .collect();
        history.record(&entries, settings.options.date)?;
    }
    Ok(())
}

fn history(args: HistoryArgs, config: Config, wait: Duration) -> Result<()> {
    let path = match args.history.or(config.history) {
        Some(path) => path,
        None => config::state_file("history.sqlite", "--history")?,
    };
    let mut history = History::open(&path, wait)?;
    let mut out = String::new();
    if let Some(days) = args.prune {
        let removed = history.prune(chrono::Local::now().date_naive(), days)?;
        let _ = writeln!(
            out,
            "Forgot {removed} articles first digested more than {days} days ago."
        );
    } else {
        for entry in history.list(args.limit)? {
            let _ = writeln!(
                out,
                "{}  {}  {}",
                entry.first_digest, entry.fingerprint, entry.title
            );
        }
    }
    write_stdout(out.as_bytes())
}

fn schedule(args: ScheduleArgs, config: Option<&Path>) -> Result<()> {
    let bad_time = || {
        Error::Usage(format!(
            "--at {}: expected a time as HH:MM, such as 06:30",
            args.at
        ))
    };
    let (hour, minute) = args.at.split_once(':').ok_or_else(bad_time)?;
    let (hour, minute): (u32, u32) = (
        hour.parse().map_err(|_| bad_time())?,
        minute.parse().map_err(|_| bad_time())?,
    );
    if hour > 23 || minute > 59 {
        return Err(bad_time());
    }
    let Some(loaded) = config::load(config)? else {
        return Err(Error::Usage(
            "no configuration file: write a revue.toml (see the README, \"Every morning\") and pass --config PATH".to_string(),
        ));
    };
    if loaded.config.inputs.is_empty() || loaded.config.output.is_none() {
        return Err(Error::Usage(format!(
            "{}: a scheduled run needs `inputs` and `output` in its configuration",
            loaded.path.display()
        )));
    }
    let binary = std::env::current_exe().map_err(|e| Error::io("revue", e))?;
    let log = match args.log {
        Some(log) => log,
        None => config::state_file("revue.log", "--log")?,
    };
    if let Some(dir) = log.parent() {
        // The shell opens the log before revue starts: its directory must exist.
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let quote = |p: &Path| format!("'{}'", p.display().to_string().replace('\'', "'\\''"));
    let line = format!(
        "{minute} {hour} * * * {} --config {} digest >> {} 2>&1\n",
        quote(&binary),
        quote(&loaded.path),
        quote(&log)
    );
    write_stdout(line.as_bytes())
}

fn classify(args: ClassifyArgs, reader: &Reader) -> Result<()> {
    let model = Model::load_or_embedded(args.model.as_deref())?;
    let articles = reader.stream(&args.inputs, &Columns::from(&args.columns))?;
    let explain = args.explain.unwrap_or(0);
    let header = match args.format {
        ClassifyFormat::Table => format!(
            "{:<16} {:>5}  {:<14} {:>5}  TITLE\n",
            "REGION", "P", "THEME", "P"
        ),
        ClassifyFormat::Csv => {
            "file,line,title,region,region_confidence,theme,theme_confidence\n".to_string()
        }
        ClassifyFormat::Jsonl => String::new(),
    };
    write_stdout(header.as_bytes())?;
    let progress = Progress::new("classifying");
    let vectorizers: PerThread<Vectorizer> = PerThread::default();
    map_batches(
        articles,
        |article| {
            vectorizers.with(
                || model.vectorizer(),
                |vectorizer| classified_line(&model, vectorizer, article, args.format, explain),
            )
        },
        |batch, lines| {
            write_stdout(lines.concat().as_bytes())?;
            progress.add(batch.len());
            Ok(())
        },
    )?;
    progress.finish();
    Ok(())
}

/// One article's line of `classify` output, in `format`.
fn classified_line(
    model: &Model,
    vectorizer: &mut Vectorizer,
    article: &Article,
    format: ClassifyFormat,
    explain: usize,
) -> String {
    // Only explaining needs the document as a sorted vector.
    let document = (explain > 0).then(|| vectorizer.vectorize(article));
    let tags = match &document {
        Some(document) => model.classify_vector(document),
        None => model.classify_with(vectorizer, article),
    };
    let evidence = |head: &str, tag: &Option<Tag>| -> Vec<(String, f64)> {
        match (tag, &document) {
            (Some(tag), Some(document)) => model
                .explain(document, head, tag, explain)
                .into_iter()
                .map(|e| (e.term, e.weight))
                .collect(),
            _ => Vec::new(),
        }
    };
    let region_evidence = evidence("region", &tags.region);
    let theme_evidence = evidence("theme", &tags.theme);
    let mut out = String::new();
    match format {
        ClassifyFormat::Table => {
            let cell = |t: &Option<Tag>| match t {
                Some(t) => (t.label.clone(), probability_text(t.confidence, 2)),
                None => ("-".to_string(), "-".to_string()),
            };
            let (region, rp) = cell(&tags.region);
            let (theme, tp) = cell(&tags.theme);
            let _ = writeln!(
                out,
                "{region:<16} {rp:>5}  {theme:<14} {tp:>5}  {}",
                article.title
            );
            for (head, list) in [("region", &region_evidence), ("theme", &theme_evidence)] {
                if !list.is_empty() {
                    let terms: Vec<String> =
                        list.iter().map(|(t, w)| format!("{t} ({w:.1})")).collect();
                    let _ = writeln!(out, "    {head}: {}", terms.join(", "));
                }
            }
        }
        ClassifyFormat::Jsonl => {
            let mut object = json!({
                "title": article.title,
                "body": article.body,
                "file": article.origin.path,
                "line": article.origin.line,
            });
            for (head, tag, list) in [
                ("region", &tags.region, &region_evidence),
                ("theme", &tags.theme, &theme_evidence),
            ] {
                if let Some(tag) = tag {
                    object[head] = json!(tag.label);
                    object[format!("{head}_confidence")] = json!(tag.confidence);
                    if let Some((label, p)) = &tag.runner_up {
                        object[format!("{head}_runner_up")] =
                            json!({"label": label, "confidence": p});
                    }
                    if explain > 0 {
                        object[format!("{head}_evidence")] = json!(list
                            .iter()
                            .map(|(t, w)| json!({"term": t, "weight": w}))
                            .collect::<Vec<_>>());
                    }
                }
            }
            let _ = writeln!(out, "{object}");
        }
        ClassifyFormat::Csv => {
            fn field(tag: &Option<Tag>) -> (&str, String) {
                match tag {
                    Some(t) => (t.label.as_str(), probability_text(t.confidence, 4)),
                    None => ("", String::new()),
                }
            }
            let (region, rp) = field(&tags.region);
            let (theme, tp) = field(&tags.theme);
            let line = article.origin.line.to_string();
            // A small buffer: the default (8 KB, zeroed) would cost more than the line.
            let mut writer = csv::WriterBuilder::new()
                .buffer_capacity(256)
                .from_writer(Vec::with_capacity(256));
            // Writing to memory cannot fail.
            let _ = writer.write_record([
                article.origin.path.as_str(),
                &line,
                &article.title,
                region,
                &rp,
                theme,
                &tp,
            ]);
            // The fields are text, so the bytes are UTF-8: checked, not copied again.
            let bytes = writer.into_inner().unwrap_or_default();
            out.push_str(
                &String::from_utf8(bytes)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            );
        }
    }
    out
}

/// `format!("{p:.decimals$}")` for a probability, by integer arithmetic: std's exact
/// formatting falls back to big-number arithmetic for most such values, which was 2 % of
/// a classify run. `p × 10^decimals` is rounded to the nearest integer (its error is
/// below 1e-11, so that is the exact decimal's rounding) unless it lies within 1e-6 of a
/// tie, which std's rules settle.
fn probability_text(p: f64, decimals: usize) -> String {
    let unit = 10u32.pow(decimals as u32);
    let scaled = p * f64::from(unit);
    if !(0.0..=1.0).contains(&p) || (scaled - scaled.floor() - 0.5).abs() < 1e-6 {
        return format!("{p:.decimals$}");
    }
    let n = scaled.round() as u32;
    format!("{}.{:0decimals$}", n / unit, n % unit)
}

fn train_options(args: &TrainingArgs) -> Result<CheckedTrainOptions> {
    TrainOptions {
        alpha: args.alpha,
        min_df: args.min_df,
        max_features: args.max_features,
        ngrams: args.ngrams,
        title_weight: args.title_weight,
    }
    .check()
}

fn taxonomy_and_gazetteer(args: &TrainingArgs) -> Result<(Taxonomy, Gazetteer)> {
    let taxonomy = match &args.taxonomy {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            Taxonomy::from_toml(&text)
                .map_err(|e| Error::Usage(format!("{}: {e}", path.display())))?
        }
        None => Taxonomy::bundled(),
    };
    let gazetteer = match &args.gazetteer {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
            Gazetteer::from_tsv(&text)
                .map_err(|e| Error::Usage(format!("{}: {e}", path.display())))?
        }
        None => Gazetteer::bundled(),
    };
    Ok((taxonomy, gazetteer))
}

/// Reads labelled articles and checks that some carry a label.
fn read_labelled(
    reader: &Reader,
    inputs: &[PathBuf],
    columns: &ColumnArgs,
) -> Result<Vec<Article>> {
    let articles = reader.read(inputs, &Columns::from(columns))?;
    if !articles
        .iter()
        .any(|a| a.region.is_some() || a.theme.is_some())
    {
        return Err(Error::Training(
            "none of these articles carries a region or theme label (columns region, theme, category, topic or label)"
                .to_string(),
        ));
    }
    Ok(articles)
}

fn train(args: TrainArgs, reader: &Reader, verbose: bool, wait: Duration) -> Result<()> {
    let options = train_options(&args.training)?;
    let model = match &args.update {
        Some(path) => {
            let base = Model::load(path)?;
            let articles = read_labelled(reader, &args.inputs, &args.columns)?;
            note(verbose, || {
                format!("adding {} articles to {}", articles.len(), path.display())
            });
            base.update(&articles, &options)?
        }
        None => {
            let (taxonomy, gazetteer) = taxonomy_and_gazetteer(&args.training)?;
            let reads_stdin = args.inputs.iter().any(|p| p.as_os_str() == "-");
            if args.folds.is_some() || reads_stdin {
                // Cross-validation and standard input need the articles at hand.
                let articles = read_labelled(reader, &args.inputs, &args.columns)?;
                let model = model::train(&articles, &options, taxonomy.clone(), gazetteer.clone())?;
                match args.folds {
                    Some(k) => {
                        let report =
                            eval::cross_validate(&articles, k, &options, &taxonomy, &gazetteer)?;
                        model.with_evaluation(report)
                    }
                    None => model,
                }
            } else {
                // Files are streamed: memory follows the terms, not the corpus.
                let columns = Columns::from(&args.columns);
                model::train_from(
                    reader.stream(&args.inputs, &columns)?,
                    &options,
                    taxonomy,
                    gazetteer,
                )?
            }
        }
    };
    let bytes = model.to_bytes()?;
    write_atomically(&args.output, &bytes, wait)?;
    let mut summary = format!(
        "Trained on {} articles ({} terms); ",
        model.metadata.articles,
        model.vocabulary().len()
    );
    let heads: Vec<String> = model
        .heads()
        .iter()
        .map(|h| format!("{} head: {} labels", h.name(), h.classes().len()))
        .collect();
    summary.push_str(&heads.join(", "));
    if let Some(report) = &model.metadata.evaluation {
        for (head, r) in &report.heads {
            let _ = write!(summary, "; {head} macro-F1 {:.3}", r.macro_f1);
        }
    }
    let _ = writeln!(
        summary,
        ". Wrote {} ({} KB).",
        args.output.display(),
        bytes.len().div_ceil(1024)
    );
    write_stdout(summary.as_bytes())
}

fn evaluate(args: EvaluateArgs, reader: &Reader) -> Result<()> {
    let columns = Columns::from(&args.columns);
    let report = match args.folds {
        Some(k) => {
            let options = train_options(&args.training)?;
            let (taxonomy, gazetteer) = taxonomy_and_gazetteer(&args.training)?;
            let articles = read_labelled(reader, &args.inputs, &args.columns)?;
            eval::cross_validate(&articles, k, &options, &taxonomy, &gazetteer)?
        }
        None => {
            let model = Model::load_or_embedded(args.model.as_deref())?;
            eval::evaluate_stream(&model, reader.stream(&args.inputs, &columns)?)?
        }
    };
    let text = match args.format {
        ReportFormat::Text => report.to_text(),
        ReportFormat::Json => {
            let mut json =
                serde_json::to_string_pretty(&report.heads).map_err(|e| Error::Output(e.into()))?;
            json.push('\n');
            json
        }
    };
    write_stdout(text.as_bytes())
}

fn inspect(args: InspectArgs) -> Result<()> {
    let model = Model::load_or_embedded(args.model.as_deref())?;
    let name = args
        .model
        .as_deref()
        .map_or("<embedded>".to_string(), |p: &Path| p.display().to_string());
    let m = &model.metadata;
    let mut out = String::new();
    let _ = writeln!(out, "Model: {name}");
    let _ = writeln!(
        out,
        "Trained: {} by revue {}",
        m.trained_at, m.revue_version
    );
    let _ = writeln!(
        out,
        "Articles: {} (updates: {}); data hash {}",
        m.articles, m.updates, m.data_hash
    );
    let o = &m.options;
    let _ = writeln!(
        out,
        "Options: alpha {}, min-df {}, ngrams {}, title weight {}, max features {}",
        o.alpha,
        o.min_df,
        o.ngrams,
        o.title_weight,
        o.max_features.map_or("none".to_string(), |n| n.to_string())
    );
    let _ = writeln!(
        out,
        "Vocabulary: {} terms ({} gazetteer names)",
        model.vocabulary().len(),
        model.analyzer().settings().gazetteer.entries.len()
    );
    for head in model.heads() {
        let _ = writeln!(
            out,
            "\n{} head ({} labels):",
            head.name(),
            head.classes().len()
        );
        let counts = &m.class_counts.get(head.name());
        for (label, terms) in model.top_terms(head.name(), args.top) {
            let n = counts.and_then(|c| c.get(&label)).copied().unwrap_or(0);
            let _ = writeln!(out, "  {label:<16} {n:>5} articles  {}", terms.join(", "));
        }
    }
    match &m.evaluation {
        Some(report) => {
            let _ = writeln!(
                out,
                "\nEvaluation stored at training time:\n{}",
                report.to_text()
            );
        }
        None => {
            let _ = writeln!(
                out,
                "\nNo evaluation stored (train with --folds K to store one)."
            );
        }
    }
    write_stdout(out.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probabilities_are_written_as_std_writes_them() {
        let mut values = vec![
            0.0, 1.0, 1e-300, 0.5, 0.00005, 0.00015, 0.12345, 0.99995, 0.995,
        ];
        // Every tie and near-tie of four and of two decimals, and a spread of others.
        for k in 0..=20_000 {
            let tie = k as f64 / 20_000.0;
            values.extend([tie, tie.next_up(), tie.next_down()]);
        }
        values.extend((1..100_000).map(|k| (k as f64 * 0.618_033_988_749_895) % 1.0));
        for p in values.into_iter().filter(|p| (0.0..=1.0).contains(p)) {
            assert_eq!(probability_text(p, 4), format!("{p:.4}"), "{p:e}");
            assert_eq!(probability_text(p, 2), format!("{p:.2}"), "{p:e}");
        }
        assert_eq!(probability_text(f64::NAN, 4), "NaN");
    }
}
