//! Working through article streams in parallel, in bounded memory: the stream is cut into
//! batches read in order, each batch is processed across the worker threads (rayon), and
//! results come back in input order, so the output is the same with any number of threads.
//! Also the progress display, shown on standard error only when it is a terminal.

use std::cell::RefCell;
use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use thread_local::ThreadLocal;

use crate::error::{Error, Result};
use crate::ingest::Article;

/// Articles read and processed at a time: enough to keep every core busy, few enough to
/// keep memory small whatever the input's size.
pub const BATCH: usize = 2048;

/// Sets the number of worker threads (default: one per core). Call once, before any work.
pub fn set_threads(threads: Option<usize>) -> Result<()> {
    let Some(threads) = threads else {
        return Ok(());
    };
    if threads == 0 {
        return Err(Error::Usage("--threads must be at least 1".to_string()));
    }
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build_global()
        .map_err(|e| Error::Usage(format!("cannot start {threads} threads: {e}")))
}

/// Cuts a stream into batches of [`BATCH`], stopping at the first error.
pub fn batches<I, A>(articles: I) -> impl Iterator<Item = Result<Vec<A>>>
where
    I: Iterator<Item = Result<A>>,
{
    let mut articles = articles;
    let mut failed = false;
    std::iter::from_fn(move || {
        if failed {
            return None;
        }
        let mut batch = Vec::with_capacity(BATCH);
        for article in articles.by_ref() {
            match article {
                Ok(a) => {
                    batch.push(a);
                    if batch.len() == BATCH {
                        break;
                    }
                }
                Err(e) => {
                    failed = true;
                    return Some(Err(e));
                }
            }
        }
        (!batch.is_empty()).then_some(Ok(batch))
    })
}

/// Works through a stream of articles in batches (see [`batches`]), stopping at the first
/// error: `map` runs on every article across the worker threads, then `consume` gets each
/// batch with its results, in input order.
///
/// Articles as read ([`crate::ingest::RawArticle`]) are repaired by the worker that maps
/// them, just before `map`, while the text is in its cache. With more than one worker
/// thread, nothing waits in line: the next batch is read and parsed on a thread of its own,
/// and a batch is consumed (its output written, say) while the workers map the next one.
/// At most three batches are held at once, so memory stays bounded.
pub fn map_batches<I, A, R, M, C>(articles: I, map: M, mut consume: C) -> Result<()>
where
    I: Iterator<Item = Result<A>> + Send,
    A: Into<Article> + Send,
    R: Send,
    M: Fn(&Article) -> R + Sync,
    C: FnMut(Vec<Article>, Vec<R>) -> Result<()> + Send,
{
    let map_one = |raw: A| {
        let article: Article = raw.into();
        let result = map(&article);
        (article, result)
    };
    if rayon::current_num_threads() == 1 {
        for batch in batches(articles) {
            let (articles, results) = batch?.into_iter().map(map_one).unzip();
            consume(articles, results)?;
        }
        return Ok(());
    }
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel(1);
        scope.spawn(move || {
            for batch in batches(articles) {
                // The receiver is gone when the work stopped early: stop reading too.
                if sender.send(batch).is_err() {
                    break;
                }
            }
        });
        let mut mapped: Option<(Vec<Article>, Vec<R>)> = None;
        for batch in receiver {
            let batch = batch?;
            let (consumed, next) = rayon::join(
                || match mapped.take() {
                    Some((articles, results)) => consume(articles, results),
                    None => Ok(()),
                },
                || batch.into_par_iter().map(map_one).unzip(),
            );
            consumed?;
            mapped = Some(next);
        }
        match mapped {
            Some((articles, results)) => consume(articles, results),
            None => Ok(()),
        }
    })
}

/// One value per worker thread, kept across batches: a vectoriser's token cache then
/// survives from one batch to the next (rayon's `map_init` would start a new one for every
/// piece of work it splits off).
pub struct PerThread<T: Send> {
    values: ThreadLocal<RefCell<T>>,
}

impl<T: Send> Default for PerThread<T> {
    fn default() -> Self {
        PerThread {
            values: ThreadLocal::new(),
        }
    }
}

impl<T: Send> PerThread<T> {
    /// Runs `f` on this thread's value, made by `init` on first use.
    pub fn with<R>(&self, init: impl FnOnce() -> T, f: impl FnOnce(&mut T) -> R) -> R {
        let cell = self.values.get_or(|| RefCell::new(init()));
        f(&mut cell.borrow_mut())
    }

    /// Every thread's value, once the work is done.
    pub fn into_values(self) -> impl Iterator<Item = T> {
        self.values.into_iter().map(RefCell::into_inner)
    }
}

/// A count of articles processed, drawn on standard error when it is a terminal and
/// invisible otherwise (cron, pipes, tests).
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// A progress display for `what` ("classifying", "training"...).
    pub fn new(what: &str) -> Progress {
        let bar = if std::io::stderr().is_terminal() {
            let bar = ProgressBar::new_spinner();
            let style = ProgressStyle::with_template(
                "{spinner} {msg}: {human_pos} articles ({per_sec}, {elapsed})",
            )
            .unwrap_or_else(|_| ProgressStyle::default_spinner());
            bar.set_style(style);
            bar.set_message(what.to_string());
            bar
        } else {
            ProgressBar::hidden()
        };
        Progress { bar }
    }

    /// Counts `n` more articles.
    pub fn add(&self, n: usize) {
        self.bar.inc(n as u64);
    }

    /// Removes the display.
    pub fn finish(self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_keep_order_and_stop_at_errors() {
        let articles = (0..5000).map(|i| Ok::<_, Error>(Article::new(&i.to_string(), "")));
        let sizes: Vec<usize> = batches(articles).map(|b| b.unwrap().len()).collect();
        assert_eq!(sizes, vec![BATCH, BATCH, 5000 - 2 * BATCH]);
        let with_error = vec![
            Ok(Article::new("a", "")),
            Err(Error::Usage("x".into())),
            Ok(Article::new("b", "")),
        ];
        let results: Vec<_> = batches(with_error.into_iter()).collect();
        assert_eq!(results.len(), 1);
        assert!(results[0].is_err());
    }
}
