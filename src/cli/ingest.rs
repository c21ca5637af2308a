//! `newskg ingest --db DB [--feeds FILE] [INPUT...]`: one ingestion round
//! over feeds, sitemaps and article URLs into the store: discover and queue,
//! then work the queue until it is drained (unless `--enqueue-only`). Also
//! builds the ingester and the signal handling `newskg watch` and
//! `newskg worker` share.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Context as _;
use clap::Args;

use super::extract::load_pipeline;
use super::source::{FailureLog, SourceArgs, default_jobs};
use super::watch::parse_duration;
use crate::ingest::{Ingester, RoundReport};
use crate::input::list_entries;
use crate::store::{self, OpenOptions, Store};

/// The store every ingestion command works on.
#[derive(Debug, Args)]
pub struct DbArgs {
    /// The store: an SQLite file (created if missing), or a PostgreSQL
    /// server shared by many workers, `postgres://user@host[:port]/db`
    /// (see README "Running on several machines").
    #[arg(long, value_name = "DB", env = "NEWSKG_DB")]
    pub db: String,
    /// SQLite: seconds a writer waits for another newskg process holding
    /// the database before giving up.
    #[arg(long, value_name = "SECS", default_value_t = crate::store::sqlite::DEFAULT_BUSY_TIMEOUT.as_secs())]
    pub busy_timeout: u64,
    /// PostgreSQL: how long to keep retrying while the server is
    /// unreachable (restarting, failing over) before giving up: `90s`, `10m`.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "10m")]
    pub db_retry: Duration,
}

impl DbArgs {
    /// Opens the store (creating an SQLite file if `create`).
    pub fn open(&self, create: bool) -> anyhow::Result<Box<dyn Store + Send>> {
        Ok(store::open(
            &self.db,
            OpenOptions {
                create,
                busy_timeout: Duration::from_secs(self.busy_timeout),
                retry_for: self.db_retry,
            },
        )?)
    }
}

/// How this process works the queue (`ingest`, `watch`, `worker`).
#[derive(Debug, Args)]
pub struct WorkArgs {
    /// Extra gazetteer file(s), after the built-in one.
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,
    /// Extra entity word list(s) (descriptors, name endings, not-names,
    /// abbreviations: `word<TAB>list[<TAB>value]`), after the built-in ones.
    #[arg(long = "entity-words", value_name = "FILE")]
    pub entity_words: Vec<PathBuf>,
    /// Extra relation pattern file(s) (TOML, see data/relations/README.md),
    /// after the built-in ones.
    #[arg(long = "relations", value_name = "FILE")]
    pub relations: Vec<PathBuf>,
    /// Threads analysing articles [default: the number of CPU cores].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// How long a claimed URL stays this worker's without renewal (it is
    /// renewed every third of it); a crashed worker's URLs return to the
    /// queue after it: `30s`, `2m`.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "2m")]
    pub lease: Duration,
}

/// Flags of `newskg ingest` (and `newskg watch`).
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// The store.
    #[command(flatten)]
    pub store: DbArgs,
    /// File listing feed, sitemap or article URLs, one per line (`#`
    /// comments allowed); repeatable. Positional INPUTs are added to it.
    #[arg(long = "feeds", value_name = "FILE")]
    pub feeds: Vec<PathBuf>,
    /// Only discover and queue: workers (`newskg worker`) fetch and store.
    /// Pages given directly (files, or URLs that are not feeds) are still
    /// stored by this process, which has them in hand.
    #[arg(long)]
    pub enqueue_only: bool,
    /// Working the queue.
    #[command(flatten)]
    pub work: WorkArgs,
    /// Inputs (feed, sitemap or article URLs; `--urls` lists) and fetching.
    #[command(flatten)]
    pub source: SourceArgs,
}

impl IngestArgs {
    /// Every source: positional INPUTs, then `--feeds` and `--urls` lists.
    pub fn sources(&self) -> anyhow::Result<Vec<String>> {
        let mut out = self.source.inputs.clone();
        for list in self.feeds.iter().chain(&self.source.urls) {
            let text = std::fs::read(list)
                .with_context(|| format!("cannot read the feed list {}", list.display()))?;
            out.extend(list_entries(&String::from_utf8_lossy(&text)));
        }
        if out.is_empty() {
            anyhow::bail!("no feeds: give --feeds FILE or feed/sitemap URLs (see --help)");
        }
        Ok(out)
    }

    /// Opens the store and builds the ingester.
    pub fn ingester(&self) -> anyhow::Result<Ingester<Box<dyn Store + Send>>> {
        Ok(ingester(&self.store, &self.work, &self.source)?.enqueue_only(self.enqueue_only))
    }
}

/// Opens the store and builds the fetcher (sharing the fleet's per-host
/// budget when the store keeps one), extractor and pipeline.
pub fn ingester(
    db: &DbArgs,
    work: &WorkArgs,
    source: &SourceArgs,
) -> anyhow::Result<Ingester<Box<dyn Store + Send>>> {
    let store = db.open(true)?;
    let pipeline = load_pipeline(&work.gazetteer, &work.entity_words, &work.relations)?;
    // No cache TTL by default: an article fetched again because its feed
    // says it changed must not come from the cache.
    let mut fetcher = source.fetcher_builder(std::time::Duration::ZERO)?;
    if let Some(shared) = store.shared_hosts() {
        fetcher = fetcher.shared_hosts(shared);
    }
    Ok(
        Ingester::new(fetcher.build()?, source.extractor()?, pipeline, store)
            .concurrency(source.concurrency)
            .jobs(work.jobs.unwrap_or_else(default_jobs))
            .lease(work.lease),
    )
}

/// A Tokio runtime for ingestion.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start Tokio")
}

/// Sets `stop` on the first SIGINT or SIGTERM (the work in flight is then
/// finished); a second one ends the process at once. Must be called inside
/// the runtime.
pub fn stop_on_signals(stop: Arc<AtomicBool>) {
    tokio::spawn(async move {
        loop {
            wait_for_signal().await;
            if stop.swap(true, Ordering::SeqCst) {
                eprintln!(
                    "{} newskg: second signal, exiting now",
                    super::output::timestamp()
                );
                std::process::exit(130);
            }
            eprintln!(
                "{} newskg: signal received, finishing the articles in flight (again to quit now)",
                super::output::timestamp()
            );
        }
    });
}

/// Resolves at the next SIGINT or SIGTERM.
#[cfg(unix)]
pub(crate) async fn wait_for_signal() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
        }
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}

/// Resolves at the next Ctrl-C.
#[cfg(not(unix))]
pub(crate) async fn wait_for_signal() {
    let _ = tokio::signal::ctrl_c().await;
}

/// Prints the failures a report holds (and records them in the failure
/// log), then forgets them, so a long-running worker does not pile them up.
/// Each line starts with the local time (these commands run from cron and
/// as watchers and workers, their logs read later).
pub fn log_failures(report: &mut RoundReport, log: Option<&mut FailureLog>) -> anyhow::Result<()> {
    let now = super::output::timestamp();
    // Every message already names its feed or article.
    for f in &report.feed_failures {
        eprintln!("{now} newskg: feed FAILED {}", f.error);
    }
    for f in &report.failures {
        eprintln!("{now} newskg: article FAILED {}", f.error);
    }
    if let Some(log) = log {
        for f in report.feed_failures.iter().chain(&report.failures) {
            log.record(&f.input, &f.kind, &f.error)?;
        }
    }
    Ok(())
}

/// Prints a round's failures and (unless `-q`) its summary line on
/// standard error, each line starting with the local time.
pub fn log_round(report: &RoundReport, log: Option<&mut FailureLog>) -> anyhow::Result<()> {
    let mut shown = report.clone();
    log_failures(&mut shown, log)?;
    if !super::output::chatty() {
        return Ok(());
    }
    let now = super::output::timestamp();
    let retry = if report.retry_later > 0 {
        format!(" ({} will be retried later)", report.retry_later)
    } else {
        String::new()
    };
    eprintln!(
        "{now} newskg: {} ({} failed), {}, {}: {} already stored, {} queued; \
         {} added, {} updated, {} unchanged, {} failed{retry}{}",
        super::output::count(
            report.feeds_ok + report.feed_failures.len(),
            "feed",
            "feeds"
        ),
        report.feed_failures.len(),
        super::output::count(report.pages, "page", "pages"),
        super::output::count(report.found, "entry", "entries"),
        report.known,
        report.queued,
        report.added,
        report.updated,
        report.unchanged,
        report.failures.len(),
        if report.interrupted {
            " (interrupted)"
        } else {
            ""
        }
    );
    Ok(())
}

/// Runs `newskg ingest`.
pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let sources = args.sources()?;
    let mut log = FailureLog::create(args.source.failures.as_ref())?;
    let mut ingester = args.ingester()?;
    let report = runtime()?.block_on(async {
        stop_on_signals(ingester.stop_flag());
        ingester.round(&sources).await
    })?;
    log_round(&report, log.as_mut())?;
    Ok(
        if report.failures.is_empty() && report.feed_failures.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        },
    )
}
