//! `newskg watch --db DB --feeds FILE --every 15m`: an ingestion round
//! every interval until SIGINT/SIGTERM, which lets the round in progress
//! finish its articles in flight and then exits cleanly. With
//! `--enqueue-only` it is the fleet's scheduler: it discovers and queues,
//! and `newskg worker`s do the rest.

use std::process::ExitCode;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

use anyhow::Context as _;
use clap::Args;

use super::ingest::{IngestArgs, log_round, runtime, stop_on_signals};
use super::source::FailureLog;
use crate::store::Location;

/// Flags of `newskg watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Time between the starts of two rounds: `90s`, `15m`, `1h`, or seconds.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub every: Duration,
    /// Stop after this many rounds (default: until a signal).
    #[arg(long, value_name = "N")]
    pub rounds: Option<u64>,
    /// Database, feeds and fetching (as `newskg ingest`).
    #[command(flatten)]
    pub ingest: IngestArgs,
}

/// `90s`, `15m`, `2h`, `1d` or plain seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let (num, unit) = match s.find(|c: char| !c.is_ascii_digit() && c != '.') {
        Some(i) => (&s[..i], s[i..].trim()),
        None => (s, "s"),
    };
    let n: f64 = num
        .parse()
        .map_err(|_| format!("{s:?}: expected a duration such as 90s, 15m, 1h"))?;
    let secs = match unit {
        "s" | "sec" => n,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        "d" => n * 86400.0,
        _ => return Err(format!("{s:?}: unknown unit {unit:?} (use s, m, h or d)")),
    };
    Duration::try_from_secs_f64(secs)
        .ok()
        .filter(|d| !d.is_zero())
        .ok_or_else(|| format!("{s:?}: not a positive duration"))
}

/// Runs `newskg watch`.
pub fn run(args: WatchArgs) -> anyhow::Result<ExitCode> {
    if args.ingest.feeds.is_empty() && args.ingest.source.inputs.is_empty() {
        anyhow::bail!("newskg watch needs --feeds FILE (or feed URLs)");
    }
    let mut ingester = args.ingest.ingester()?;
    let mut log = FailureLog::create(args.ingest.source.failures.as_ref())?;
    let stop = ingester.stop_flag();
    let db = Location::parse(&args.ingest.store.db).describe();
    runtime()?.block_on(async {
        stop_on_signals(stop.clone());
        let mut round = 0u64;
        while !stop.load(Ordering::SeqCst) {
            round += 1;
            let started = Instant::now();
            // Re-read the list each round so feeds can be added while watching.
            let sources = args.ingest.sources()?;
            eprintln!("newskg: round {round}: {} feeds → {db}", sources.len());
            let report = ingester
                .round(&sources)
                .await
                .with_context(|| format!("round {round}"))?;
            log_round(&report, log.as_mut())?;
            if args.rounds.is_some_and(|n| round >= n) {
                break;
            }
            let next = started + args.every;
            while !stop.load(Ordering::SeqCst) && Instant::now() < next {
                let left = next.saturating_duration_since(Instant::now());
                tokio::time::sleep(left.min(Duration::from_millis(200))).await;
            }
        }
        eprintln!("newskg: watch stopped after {round} rounds");
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::parse_duration;
    use std::time::Duration;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("15m"), Ok(Duration::from_secs(900)));
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        assert_eq!(parse_duration("0.5s"), Ok(Duration::from_millis(500)));
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("5y").is_err());
    }
}
