//! Runs a batch of inputs through the CPU stages on several threads, with
//! bounded memory.
//!
//! The I/O half runs on the calling thread: with URLs among the inputs it
//! is asynchronous ([`Acquirer::load`] in a Tokio runtime), with only files
//! it reads them one after the other. Everything after it is CPU work and
//! runs on `jobs` worker threads: each worker takes one loaded page,
//! extracts its article ([`Acquirer::extract_page`]) and applies the
//! caller's `work` to it (for `extract`, the whole NLP pipeline). Results go
//! to one `consume` callback on a collector thread, in input order or as
//! they complete.
//!
//! Why the parsing runs on the same workers as the pipeline: it is half the
//! CPU time of a batch, and a separate parsing pool would let finished
//! articles pile up in front of a slower pipeline. Here every queue is
//! bounded, so a batch of 10,000 pages holds only a few dozen in memory,
//! whatever the balance between stages.
//!
//! One input never stops the batch: a load or extraction failure, or a crash
//! in `work` (a bug), becomes that input's [`ItemError`]. Only an error from
//! `consume` (a closed output, say) stops it.

use std::collections::BTreeMap;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use futures_util::StreamExt;

use crate::acquire::{Acquirer, BATCH_WINDOW, ItemError, Loaded, panic_message};
use crate::article::Article;
use crate::input::{Input, InputItem};
use crate::timing::{Stage, Timings};

/// How a batch is run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BatchOptions {
    /// Worker threads for the CPU stages (at least 1).
    pub jobs: usize,
    /// Deliver results in input order (a reorder buffer waits for late
    /// ones) rather than as they complete.
    pub ordered: bool,
}

impl BatchOptions {
    /// `jobs` workers, results as they complete.
    pub fn new(jobs: usize) -> Self {
        BatchOptions {
            jobs: jobs.max(1),
            ordered: false,
        }
    }

    /// Results in input order.
    pub fn ordered(mut self, ordered: bool) -> Self {
        self.ordered = ordered;
        self
    }
}

/// Whether any input is a URL. Without one, the batch needs no Tokio
/// runtime: the calling thread reads the files one after the other.
fn has_urls(items: &[InputItem]) -> bool {
    items.iter().any(|i| matches!(i.input, Ok(Input::Url(_))))
}

/// What became of one input.
#[derive(Debug)]
pub struct Done<T> {
    /// Position in the input list.
    pub index: usize,
    /// The input as given.
    pub source: String,
    /// `work`'s result for its article, or why there is none.
    pub result: Result<T, ItemError>,
}

/// Runs the batch: loads `items` through `acquirer` (inside a Tokio runtime
/// it builds), extracts and applies a `work` function on `options.jobs`
/// threads, and hands every input's [`Done`] to `consume`. Each thread makes
/// its own `work` with `make_work`, so it can keep state from one article to
/// the next (a [`crate::pipeline::Worker`]). Returns the first error of
/// `consume`, which stops the batch, or of the runtime. `timings`, when
/// given, collects the CPU time of article extraction.
pub fn run<T, W, E>(
    acquirer: &Acquirer,
    items: Vec<InputItem>,
    options: BatchOptions,
    timings: Option<&Timings>,
    make_work: impl Fn() -> W + Sync,
    consume: impl FnMut(Done<T>) -> Result<(), E> + Send,
) -> Result<(), E>
where
    T: Send,
    W: FnMut(Article) -> T,
    E: Send + From<std::io::Error>,
{
    let jobs = options.jobs.max(1);
    let runtime = if has_urls(&items) {
        Some(
            tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()?,
        )
    } else {
        None
    };
    let (page_tx, page_rx) = sync_channel::<Loaded>(2 * jobs);
    let (done_tx, done_rx) = sync_channel::<Done<T>>(2 * jobs);
    // Shared by the workers only: when the last one ends, the receiver is
    // dropped and the loader's next send fails instead of blocking forever.
    let page_rx = Arc::new(Mutex::new(page_rx));
    let make_work = &make_work;
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            let page_rx = Arc::clone(&page_rx);
            let done_tx = done_tx.clone();
            scope.spawn(move || worker(acquirer, &page_rx, &done_tx, timings, make_work()));
        }
        drop(page_rx);
        drop(done_tx);
        let collector = scope.spawn(move || collect(done_rx, options.ordered, consume));
        match runtime {
            Some(runtime) => runtime.block_on(load(acquirer, items, options, page_tx)),
            None => read_files(acquirer, items, page_tx),
        }
        collector
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// The I/O half when there are URLs: loads every item, up to
/// [`BATCH_WINDOW`] at once, and queues it for the workers; stops early when
/// nobody takes pages any more (`consume` failed). The window is wide
/// because a URL mostly waits (for its host's politeness delay, for the
/// network) and a narrow window of URLs of one host would hold back every
/// other host; the fetcher's own limits decide how many requests are really
/// in flight, and a page only takes memory once its body has arrived.
async fn load(
    acquirer: &Acquirer,
    items: Vec<InputItem>,
    options: BatchOptions,
    page_tx: SyncSender<Loaded>,
) {
    let mut pages = std::pin::pin!(acquirer.load(items, BATCH_WINDOW, options.ordered));
    while let Some(loaded) = pages.next().await {
        // Blocks this thread while the workers are busy: that is the
        // back-pressure that bounds memory. Loads already started go on
        // in the runtime.
        if page_tx.send(loaded).is_err() {
            return;
        }
    }
}

/// The I/O half when there are only files: reads them in input order on
/// this thread. A local read takes a fraction of the time the workers spend
/// on its page, so one thread keeps them fed, and handing reads to a pool
/// would only add thread switches; the queue's bound is the back-pressure.
fn read_files(acquirer: &Acquirer, items: Vec<InputItem>, page_tx: SyncSender<Loaded>) {
    for (index, item) in items.into_iter().enumerate() {
        let result = match item.input {
            Ok(input) => acquirer.read_local(&input).unwrap_or_else(|| {
                Err(ItemError::Internal {
                    input: item.source.clone(),
                    message: "a URL among the files to read".to_string(),
                })
            }),
            Err(e) => Err(ItemError::Input(e)),
        };
        let loaded = Loaded {
            index,
            source: item.source,
            result,
        };
        if page_tx.send(loaded).is_err() {
            return;
        }
    }
}

fn worker<T>(
    acquirer: &Acquirer,
    page_rx: &Mutex<Receiver<Loaded>>,
    done_tx: &SyncSender<Done<T>>,
    timings: Option<&Timings>,
    mut work: impl FnMut(Article) -> T,
) {
    loop {
        // The lock is held only while taking one page.
        let next = match page_rx.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(loaded) = next else { return };
        let result = loaded.result.and_then(|page| {
            let started = Instant::now();
            let article = acquirer.extract_page(page);
            if let Some(t) = timings {
                t.add(Stage::Article, started.elapsed());
            }
            let article = article?;
            let name = article.url.clone().unwrap_or_else(|| loaded.source.clone());
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(article))).map_err(
                |panic| ItemError::Internal {
                    input: name,
                    message: panic_message(panic.as_ref()),
                },
            )
        });
        let done = Done {
            index: loaded.index,
            source: loaded.source,
            result,
        };
        if done_tx.send(done).is_err() {
            return;
        }
    }
}

/// The collector: hands results to `consume`, reordered if asked. Returning
/// drops the receiver, which stops the workers and then the loader.
fn collect<T, E>(
    done_rx: Receiver<Done<T>>,
    ordered: bool,
    mut consume: impl FnMut(Done<T>) -> Result<(), E>,
) -> Result<(), E> {
    let mut waiting: BTreeMap<usize, Done<T>> = BTreeMap::new();
    let mut next = 0;
    for done in done_rx {
        if !ordered {
            consume(done)?;
            continue;
        }
        waiting.insert(done.index, done);
        while let Some(done) = waiting.remove(&next) {
            next += 1;
            consume(done)?;
        }
    }
    // Every index arrives exactly once, so nothing is left unless the batch
    // stopped early.
    for (_, done) in waiting {
        consume(done)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Extractor;
    use crate::fetch::Fetcher;

    fn text_items(dir: &std::path::Path, n: usize) -> Vec<InputItem> {
        let mut args = Vec::new();
        for i in 0..n {
            let path = dir.join(format!("{i:03}.txt"));
            std::fs::write(&path, format!("기사 {i}번의 본문입니다.\n")).unwrap();
            args.push(path.display().to_string());
        }
        args.push(dir.join("missing.html").display().to_string());
        crate::input::expand(&args, &[])
    }

    fn acquirer() -> Acquirer {
        Acquirer::new(Fetcher::builder().build().unwrap(), Extractor::default())
    }

    #[test]
    fn only_batches_with_urls_need_the_async_loader() {
        let dir = tempfile::tempdir().unwrap();
        let files = text_items(dir.path(), 30);
        assert!(!has_urls(&files));
        let mixed = crate::input::expand(
            &[
                dir.path().join("000.txt").display().to_string(),
                "https://news.example.kr/a/1".to_string(),
            ],
            &[],
        );
        assert!(has_urls(&mixed));
    }

    #[test]
    fn ordered_results_come_in_input_order_with_failures_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let items = text_items(dir.path(), 40);
        let mut seen = Vec::new();
        let options = BatchOptions::new(3).ordered(true);
        run(
            &acquirer(),
            items,
            options,
            None,
            || |a: Article| a.text.clone(),
            |done| {
                seen.push((done.index, done.result.is_ok()));
                Ok::<_, std::io::Error>(())
            },
        )
        .unwrap();
        assert_eq!(seen.len(), 41);
        for (i, (index, ok)) in seen.iter().enumerate() {
            assert_eq!(*index, i);
            assert_eq!(*ok, i < 40, "input {i}");
        }
    }

    #[test]
    fn a_crash_in_work_is_that_inputs_failure() {
        let dir = tempfile::tempdir().unwrap();
        let items = text_items(dir.path(), 5);
        let mut failed = Vec::new();
        run(
            &acquirer(),
            items,
            BatchOptions::new(2),
            None,
            || {
                |a: Article| {
                    assert!(!a.text.contains("3번"), "boom");
                    a.text.len()
                }
            },
            |done| {
                if let Err(e) = done.result {
                    failed.push((done.index, e.kind()));
                }
                Ok::<_, std::io::Error>(())
            },
        )
        .unwrap();
        failed.sort();
        assert_eq!(
            failed,
            vec![(3, "internal".to_string()), (5, "bad input".to_string())]
        );
    }

    #[test]
    fn an_error_from_consume_stops_the_batch() {
        let dir = tempfile::tempdir().unwrap();
        let items = text_items(dir.path(), 200);
        let mut consumed = 0;
        let result = run(
            &acquirer(),
            items,
            BatchOptions::new(2),
            None,
            || |a: Article| a.text.len(),
            |_| {
                consumed += 1;
                if consumed == 3 {
                    Err(std::io::Error::other("closed"))
                } else {
                    Ok(())
                }
            },
        );
        assert!(result.is_err());
        assert_eq!(consumed, 3);
    }
}
