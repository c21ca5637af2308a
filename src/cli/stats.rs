//! `newskg stats --db PATH`: what the store holds: articles, entities,
//! relations, the date range, and every feed with its last success and
//! failure.

use std::io::Write as _;
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

/// Runs `newskg stats`. Written with `writeln!`, not `println!`, so a
/// closed pipe (`| head`) is an error `main` ends quietly on, not a panic.
pub fn run(args: StatsArgs) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if !args.db.exists() {
        anyhow::bail!("{}: no such database", args.db.display());
    }
    let store = SqliteStore::open(&args.db)?;
    let s = store.stats()?;
    let bytes = std::fs::metadata(&args.db).map(|m| m.len()).unwrap_or(0);
    writeln!(
        out,
        "database   {} ({} bytes, schema {})",
        args.db.display(),
        bytes,
        store.schema_version()?
    )?;
    writeln!(out, "articles   {}", s.articles)?;
    writeln!(out, "entities   {}", s.entities)?;
    writeln!(
        out,
        "relations  {} (typed; co-occurrence not counted)",
        s.relations
    )?;
    writeln!(out, "mentions   {} (entity × article)", s.mentions)?;
    if let Some((first, last)) = &s.dates {
        writeln!(out, "published  {first} .. {last}")?;
    }
    writeln!(out, "feeds      {}", s.feeds.len())?;
    for f in &s.feeds {
        let failing = match (&f.last_success, &f.last_failure) {
            (Some(ok), Some(bad)) => bad > ok,
            (None, Some(_)) => true,
            _ => false,
        };
        writeln!(
            out,
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
        )?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
