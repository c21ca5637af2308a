//! `newskg stats --db PATH`: what the store holds: articles, entities,
//! relations, the date range, and every feed with its last success and
//! failure.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::store::{SqliteStore, Store};

/// Flags of `newskg stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The database written by `newskg ingest`.
    #[arg(long, value_name = "PATH")]
    pub db: PathBuf,
}

/// Runs `newskg stats`.
pub fn run(args: StatsArgs) -> anyhow::Result<ExitCode> {
    if !args.db.exists() {
        anyhow::bail!("{}: no such database", args.db.display());
    }
    let store = SqliteStore::open(&args.db)?;
    let s = store.stats()?;
    let bytes = std::fs::metadata(&args.db).map(|m| m.len()).unwrap_or(0);
    println!(
        "database   {} ({} bytes, schema {})",
        args.db.display(),
        bytes,
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
