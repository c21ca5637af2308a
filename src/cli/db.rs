//! `newskg db copy --from news.db --to postgres://…` (and back): one store
//! into another, so moving from one machine to a server keeps everything;
//! `newskg db migrate --db …`: bring a database's schema up to date (run by
//! the role that owns the tables, before workers with fewer rights start).

use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Args, Subcommand};

use crate::store::{self, Location, OpenOptions, copy};

/// `newskg db ...`
#[derive(Debug, Args)]
pub struct DbCommandArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: DbAction,
}

/// Store maintenance.
#[derive(Debug, Subcommand)]
pub enum DbAction {
    /// Copy every article, URL, entity, feed and queue entry of one store
    /// into another (SQLite file or postgres:// URL, either way); merging
    /// into a store that already holds articles, and safe to run again.
    Copy {
        /// The store to read.
        #[arg(long, value_name = "DB")]
        from: String,
        /// The store to write (an SQLite file is created if missing).
        #[arg(long, value_name = "DB")]
        to: String,
    },
    /// Create the tables or bring them to this newskg's schema version.
    Migrate {
        /// The store.
        #[arg(long, value_name = "DB", env = "NEWSKG_DB")]
        db: String,
    },
}

/// Runs `newskg db`.
pub fn run(args: DbCommandArgs) -> anyhow::Result<ExitCode> {
    match args.action {
        DbAction::Copy { from, to } => {
            if Location::parse(&from) == Location::parse(&to) {
                anyhow::bail!(
                    "--from and --to are the same store ({})",
                    Location::parse(&from).describe()
                );
            }
            let source = store::open(
                &from,
                OpenOptions {
                    create: false,
                    ..OpenOptions::default()
                },
            )?;
            let mut target = store::open(&to, OpenOptions::default())?;
            let started = Instant::now();
            let mut last = Instant::now();
            let report = copy::copy(source.as_ref(), target.as_mut(), |n| {
                if last.elapsed() >= Duration::from_secs(5) {
                    eprintln!("newskg: {n} articles copied");
                    last = Instant::now();
                }
            })?;
            eprintln!(
                "newskg: copied {} articles, {} entities, {} feeds, {} queue entries from {} to {} in {:.1} s",
                report.articles,
                report.entities,
                report.feeds,
                report.queue,
                source.describe(),
                target.describe(),
                started.elapsed().as_secs_f64()
            );
        }
        DbAction::Migrate { db } => {
            let store = store::open(&db, OpenOptions::default())?;
            eprintln!(
                "newskg: {} is at schema version {}",
                store.describe(),
                store.schema_version()?
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
