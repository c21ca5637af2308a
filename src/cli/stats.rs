//! `newskg stats --db DB`: what the store holds: articles, entities,
//! relations, the date range, the work queue, and every feed with its last
//! success and failure.

use std::process::ExitCode;

use clap::Args;

use crate::store::{self, OpenOptions};

/// Flags of `newskg stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The store written by `newskg ingest`: an SQLite file or a
    /// `postgres://` URL.
    #[arg(long, value_name = "DB", env = "NEWSKG_DB")]
    pub db: String,
}

/// Runs `newskg stats`.
pub fn run(args: StatsArgs) -> anyhow::Result<ExitCode> {
    let store = store::open(
        &args.db,
        OpenOptions {
            create: false,
            ..OpenOptions::default()
        },
    )?;
    let s = store.stats()?;
    println!(
        "database   {} ({} bytes, schema {})",
        store.describe(),
        s.bytes.unwrap_or(0),
        store.schema_version()?
    );
    println!("articles   {}", s.articles);
    println!("entities   {}", s.entities);
    println!(
        "relations  {} (typed; co-occurrence not counted)",
        s.relations
    );
    println!("mentions   {} (entity × article)", s.mentions);
    if let Some((first, last)) = &s.dates {
        println!("published  {first} .. {last}");
    }
    let q = &s.queue;
    println!(
        "queue      {} due, {} waiting to be retried{}, {} claimed by {} workers, {} done, {} failed",
        q.due,
        q.waiting,
        q.next_retry
            .as_deref()
            .map(|t| format!(" (next at {t})"))
            .unwrap_or_default(),
        q.claimed,
        q.workers,
        q.done,
        q.failed
    );
    println!("feeds      {}", s.feeds.len());
    for f in &s.feeds {
        let failing = match (&f.last_success, &f.last_failure) {
            (Some(ok), Some(bad)) => bad > ok,
            (None, Some(_)) => true,
            _ => false,
        };
        println!(
            "  {} {}\n    last success {}  ({} entries)\n    last failure {}{}",
            if failing { "FAILING" } else { "ok     " },
            f.url,
            f.last_success.as_deref().unwrap_or("never"),
            f.entries,
            f.last_failure.as_deref().unwrap_or("never"),
            f.last_error
                .as_deref()
                .map(|e| format!(": {e}"))
                .unwrap_or_default()
        );
    }
    Ok(ExitCode::SUCCESS)
}
