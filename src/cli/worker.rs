//! `newskg worker --db postgres://…`: one of a fleet's workers. Claims
//! queued URLs, fetches, analyses and stores them until SIGINT/SIGTERM
//! (which lets the claimed articles finish), or with `--until-empty` until
//! the queue is drained. Takes every fetch flag `ingest` takes; the
//! per-host delay and concurrency hold for the whole fleet when the store
//! is PostgreSQL.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use clap::Args;

use super::ingest::{DbArgs, WorkArgs, ingester, log_failures, runtime, stop_on_signals};
use super::source::{FailureLog, SourceArgs};
use super::watch::parse_duration;
use crate::ingest::{RoundReport, Until};
use crate::store::Store as _;

/// Flags of `newskg worker`.
#[derive(Debug, Args)]
pub struct WorkerArgs {
    /// The store whose queue to work.
    #[command(flatten)]
    pub store: DbArgs,
    /// Stop once nothing is due and no worker holds a claim (batch jobs),
    /// instead of waiting for more.
    #[arg(long)]
    pub until_empty: bool,
    /// Print a progress line this often: `30s`, `5m`.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "1m")]
    pub progress_every: Duration,
    /// Working the queue.
    #[command(flatten)]
    pub work: WorkArgs,
    /// Fetching (as `ingest`; a worker takes no inputs: queue them with
    /// `newskg ingest --enqueue-only` or `newskg watch`).
    #[command(flatten)]
    pub source: SourceArgs,
}

/// Runs `newskg worker`.
pub fn run(args: WorkerArgs) -> anyhow::Result<ExitCode> {
    if !args.source.inputs.is_empty() || !args.source.urls.is_empty() {
        anyhow::bail!(
            "newskg worker takes no inputs: it works the queue of --db; queue feeds with \
             newskg ingest --enqueue-only or newskg watch"
        );
    }
    let mut log = FailureLog::create(args.source.failures.as_ref())?;
    let failed = Arc::new(AtomicUsize::new(0));
    let ingester = ingester(&args.store, &args.work, &args.source)?;
    let me = ingester.worker_id().to_string();
    eprintln!("newskg: worker {me} on {}", ingester.store().describe());
    let (count, name) = (failed.clone(), me.clone());
    let mut ingester = ingester.on_progress(args.progress_every, move |r| {
        count.fetch_add(r.failures.len(), Ordering::SeqCst);
        if let Err(e) = log_failures(r, log.as_mut()) {
            eprintln!("newskg: {e:#}");
        }
        // Printed, then forgotten: a worker may run for weeks.
        r.failures.clear();
        r.feed_failures.clear();
        eprintln!(
            "newskg: worker {name}: {} added, {} updated, {} unchanged, {} failed ({} to retry later)",
            r.added,
            r.updated,
            r.unchanged,
            count.load(Ordering::SeqCst),
            r.retry_later
        );
    });
    let until = if args.until_empty {
        Until::Drained
    } else {
        Until::Stopped
    };
    let mut report = RoundReport::default();
    runtime()?.block_on(async {
        stop_on_signals(ingester.stop_flag());
        ingester.work(until, &mut report).await
    })?;
    let q = ingester.store().queue_stats()?;
    eprintln!(
        "newskg: worker stopped{}; queue: {} due, {} waiting to be retried, {} claimed, {} done, {} failed",
        if report.interrupted { " (signal)" } else { "" },
        q.due,
        q.waiting,
        q.claimed,
        q.done,
        q.failed
    );
    Ok(if failed.load(Ordering::SeqCst) == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
