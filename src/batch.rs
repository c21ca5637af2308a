//! Runs a batch of inputs through the CPU stages on several threads, with
//! bounded memory.
//!
//! `jobs` worker threads each take one page at a time, extract its article
//! ([`Acquirer::extract_page`]), apply the caller's `work` to it (for
//! `extract`, the whole NLP pipeline) and hand the result to one `consume`
//! callback, under a lock, in input order or as they complete. Where the
//! pages come from depends on the inputs: with URLs among them, the calling
//! thread fetches asynchronously ([`Acquirer::load`] in a Tokio runtime)
//! into a bounded queue; with only files, each worker reads its next file
//! itself.
//!
//! Why no thread of its own for reading files or for `consume`: both take a
//! small fraction of an article's time, and a thread that is woken for every
//! article takes a core from a worker each time when there are as many
//! workers as cores (it cost a tenth of the speed-up on two cores).
//!
//! Why the parsing runs on the same workers as the pipeline: it is half the
//! CPU time of a batch, and a separate parsing pool would let finished
//! articles pile up in front of a slower pipeline. Here a worker holds one
//! page at a time and the URL queue is bounded, so a batch of 10,000 pages
//! holds only a few in memory, whatever the balance between stages.
//!
//! One input never stops the batch: a load or extraction failure, or a crash
//! in `work` (a bug), becomes that input's [`ItemError`]. Only an error from
//! `consume` (a closed output, say) stops it.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use futures_util::StreamExt;

use crate::acquire::{Acquirer, ItemError, Outcome, Page};
use crate::article::Article;
use crate::input::{Input, InputItem};
use crate::timing::Timings;

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
/// runtime: the workers read the files themselves.
fn has_urls(items: &[InputItem]) -> bool {
    items.iter().any(|i| matches!(i.input, Ok(Input::Url(_))))
}

/// Runs the batch: loads `items` through `acquirer`, extracts and applies a
/// `work` function on `options.jobs` threads, and hands every input's
/// [`Outcome`] to `consume`. Each thread makes its own `work` with `make_work`,
/// so it can keep state from one article to the next (a
/// [`crate::pipeline::Worker`]). Returns the first error of `consume`,
/// which stops the batch, or of the runtime. `timings`, when given, collects
/// the CPU time of article extraction.
///
/// `consume` runs on the worker that finished the input, under a lock (it
/// is meant to be short: merging facts, printing a line). A separate
/// collector thread would have to be woken for every article, and on a
/// machine with as many workers as cores each wake-up takes a core from a
/// worker.
pub fn run<T, W, E>(
    acquirer: &Acquirer,
    items: Vec<InputItem>,
    options: BatchOptions,
    timings: Option<&Timings>,
    make_work: impl Fn() -> W + Sync,
    consume: impl FnMut(Outcome<T>) -> Result<(), E> + Send,
) -> Result<(), E>
where
    T: Send,
    W: FnMut(Article) -> T,
    E: Send + From<std::io::Error>,
{
    let jobs = options.jobs.max(1);
    let sink = Mutex::new(Sink::new(options.ordered, consume));
    let stop = AtomicBool::new(false);
    let make_work = &make_work;
    let (sink_ref, stop_ref) = (&sink, &stop);
    if has_urls(&items) {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()?;
        let (page_tx, page_rx) = sync_channel::<Outcome<Page>>(2 * jobs);
        // Shared by the workers only: when the last one ends, the receiver
        // is dropped and the loader's next send fails instead of blocking.
        let page_rx = Arc::new(Mutex::new(page_rx));
        std::thread::scope(|scope| {
            for _ in 0..jobs {
                let page_rx = Arc::clone(&page_rx);
                scope.spawn(move || {
                    // The lock is held only while taking one page.
                    let next = || page_rx.lock().ok()?.recv().ok();
                    worker(acquirer, next, sink_ref, stop_ref, timings, make_work())
                });
            }
            drop(page_rx);
            runtime.block_on(load(acquirer, items, options, page_tx));
        });
    } else {
        // Files: each worker reads its next file itself. A local read takes
        // a fraction of the time spent on its page, and a reading thread
        // would have to be woken for every page.
        let items = Mutex::new(items.into_iter().enumerate());
        let items = &items;
        std::thread::scope(|scope| {
            for _ in 0..jobs {
                scope.spawn(move || {
                    let next = || {
                        let (index, item) = items.lock().ok()?.next()?;
                        Some(read_item(acquirer, index, item))
                    };
                    worker(acquirer, next, sink_ref, stop_ref, timings, make_work())
                });
            }
        });
    }
    match sink.into_inner() {
        Ok(sink) => sink.finish(),
        // `consume` panicked; the scope has re-raised that panic already.
        Err(poisoned) => poisoned.into_inner().finish(),
    }
}

/// The I/O half when there are URLs: loads every item (see
/// [`Acquirer::load`]) and queues it for the workers; stops early when
/// nobody takes pages any more (`consume` failed).
async fn load(
    acquirer: &Acquirer,
    items: Vec<InputItem>,
    options: BatchOptions,
    page_tx: SyncSender<Outcome<Page>>,
) {
    let mut pages = std::pin::pin!(acquirer.load(items, options.ordered));
    while let Some(loaded) = pages.next().await {
        // Blocks this thread while the workers are busy: that is the
        // back-pressure that bounds memory. Loads already started go on
        // in the runtime.
        if page_tx.send(loaded).is_err() {
            return;
        }
    }
}

/// Reads one input of a batch of files.
fn read_item(acquirer: &Acquirer, index: usize, item: InputItem) -> Outcome<Page> {
    let result = match item.input {
        Ok(input) => acquirer.read_local(&input).unwrap_or_else(|| {
            Err(ItemError::Internal {
                input: item.source.clone(),
                message: "a URL among the files to read".to_string(),
            })
        }),
        Err(e) => Err(ItemError::Input(e)),
    };
    Outcome {
        index,
        source: item.source,
        result,
    }
}

/// One worker: takes loaded pages from `next` until there are none or the
/// batch stops, and delivers what became of each to the sink.
fn worker<T, F, E>(
    acquirer: &Acquirer,
    mut next: impl FnMut() -> Option<Outcome<Page>>,
    sink: &Mutex<Sink<T, F, E>>,
    stop: &AtomicBool,
    timings: Option<&Timings>,
    mut work: impl FnMut(Article) -> T,
) where
    F: FnMut(Outcome<T>) -> Result<(), E>,
{
    while !stop.load(Ordering::Relaxed) {
        let Some(loaded) = next() else { return };
        let result = loaded
            .result
            .and_then(|page| acquirer.process_page(page, timings, &mut work));
        let done = Outcome {
            index: loaded.index,
            source: loaded.source,
            result,
        };
        let delivered = sink.lock().is_ok_and(|mut sink| sink.deliver(done));
        if !delivered {
            stop.store(true, Ordering::Relaxed);
            return;
        }
    }
}

/// Where results go: `consume`, through a reorder buffer when the results
/// are wanted in input order.
struct Sink<T, F, E> {
    consume: F,
    ordered: bool,
    /// Results that came before an earlier input's (ordered only).
    waiting: BTreeMap<usize, Outcome<T>>,
    /// The index `consume` expects next (ordered only).
    next: usize,
    /// `consume`'s error, which stops the batch.
    error: Option<E>,
}

impl<T, F, E> Sink<T, F, E>
where
    F: FnMut(Outcome<T>) -> Result<(), E>,
{
    fn new(ordered: bool, consume: F) -> Self {
        Sink {
            consume,
            ordered,
            waiting: BTreeMap::new(),
            next: 0,
            error: None,
        }
    }

    /// Hands `done` (and any results it was holding back) to `consume`;
    /// false once `consume` has failed.
    fn deliver(&mut self, done: Outcome<T>) -> bool {
        if self.error.is_some() {
            return false;
        }
        let result = if self.ordered {
            self.waiting.insert(done.index, done);
            self.drain()
        } else {
            (self.consume)(done)
        };
        match result {
            Ok(()) => true,
            Err(e) => {
                self.error = Some(e);
                false
            }
        }
    }

    fn drain(&mut self) -> Result<(), E> {
        while let Some(done) = self.waiting.remove(&self.next) {
            self.next += 1;
            (self.consume)(done)?;
        }
        Ok(())
    }

    /// `consume`'s error, if any. Every index arrives exactly once, so
    /// nothing is left waiting unless the batch stopped early.
    fn finish(mut self) -> Result<(), E> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        for (_, done) in std::mem::take(&mut self.waiting) {
            (self.consume)(done)?;
        }
        Ok(())
    }
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
    fn a_crash_in_consume_is_not_swallowed() {
        let dir = tempfile::tempdir().unwrap();
        let items = text_items(dir.path(), 50);
        let crashed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run(
                &acquirer(),
                items,
                BatchOptions::new(2).ordered(true),
                None,
                || |a: Article| a.text.len(),
                |done| {
                    assert!(done.index != 7, "boom");
                    Ok::<_, std::io::Error>(())
                },
            )
        }));
        assert!(crashed.is_err());
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
