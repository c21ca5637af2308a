//! `newskg ingest --db PATH [--feeds FILE] [INPUT...]`: one ingestion round
//! over feeds, sitemaps and article URLs into the store. Also builds the
//! ingester and the signal handling `newskg watch` shares.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::Context as _;
use clap::Args;

use super::extract::{load_gazetteer, load_vocabulary};
use super::source::SourceArgs;
use crate::ingest::{Ingester, RoundReport};
use crate::input::list_entries;
use crate::pipeline::Pipeline;
use crate::store::SqliteStore;

/// Flags of `newskg ingest` (and `newskg watch`).
#[derive(Debug, Args)]
pub struct IngestArgs {
    /// The database file (SQLite; created if missing).
    #[arg(long, value_name = "PATH")]
    pub db: PathBuf,
    /// File listing feed, sitemap or article URLs, one per line (`#`
    /// comments allowed); repeatable. Positional INPUTs are added to it.
    #[arg(long = "feeds", value_name = "FILE")]
    pub feeds: Vec<PathBuf>,
    /// Seconds a writer waits for another newskg process holding the
    /// database before giving up.
    #[arg(long, value_name = "SECS", default_value_t = crate::store::sqlite::DEFAULT_BUSY_TIMEOUT.as_secs())]
    pub busy_timeout: u64,
    /// Extra gazetteer file(s), after the built-in one.
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,
    /// Extra entity word list(s) (descriptors, name endings, not-names,
    /// abbreviations: `word<TAB>list[<TAB>value]`), after the built-in ones.
    #[arg(long = "entity-words", value_name = "FILE")]
    pub entity_words: Vec<PathBuf>,
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

    /// Opens the store and builds the fetcher, extractor and pipeline.
    pub fn ingester(&self) -> anyhow::Result<Ingester<SqliteStore>> {
        let store = SqliteStore::open_with_timeout(
            &self.db,
            std::time::Duration::from_secs(self.busy_timeout),
        )?;
        let pipeline = Pipeline::with_data(
            load_gazetteer(&self.gazetteer)?,
            load_vocabulary(&self.entity_words)?,
        )?;
        Ok(Ingester::new(
            self.source.fetcher()?,
            self.source.extractor()?,
            pipeline,
            store,
        )
        .concurrency(self.source.concurrency))
    }
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
                eprintln!("newskg: second signal, exiting now");
                std::process::exit(130);
            }
            eprintln!(
                "newskg: signal received, finishing the articles in flight (again to quit now)"
            );
        }
    });
}

#[cfg(unix)]
async fn wait_for_signal() {
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

#[cfg(not(unix))]
async fn wait_for_signal() {
    let _ = tokio::signal::ctrl_c().await;
}

/// Prints a round's failures and its summary line on standard error.
pub fn log_round(report: &RoundReport) {
    // Every reason already names its feed or article URL.
    for (_, reason) in &report.feed_failures {
        eprintln!("newskg: feed FAILED {reason}");
    }
    for (_, reason) in &report.failures {
        eprintln!("newskg: article FAILED {reason}");
    }
    eprintln!(
        "newskg: {} feeds ({} failed), {} entries: {} already stored, {} added, {} updated, {} unchanged, {} failed{}",
        report.feeds_ok + report.feed_failures.len(),
        report.feed_failures.len(),
        report.found,
        report.known,
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
}

/// Runs `newskg ingest`.
pub fn run(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let sources = args.sources()?;
    let mut ingester = args.ingester()?;
    let report = runtime()?.block_on(async {
        stop_on_signals(ingester.stop_flag());
        ingester.round(&sources).await
    })?;
    log_round(&report);
    Ok(
        if report.failures.is_empty() && report.feed_failures.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::from(1)
        },
    )
}
