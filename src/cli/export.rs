//! `newskg export --db PATH [--since DATE] [--until DATE] [--entity NAME
//! --hops N] -o FILE`: the graph of a publication-date window, or of an
//! entity's neighbourhood, rebuilt from the store and written like
//! `newskg extract` writes it.

use std::process::ExitCode;

use clap::Args;

use super::extract::GraphOutputArgs;
use crate::export;
use crate::ingest::select;
use crate::store::{self, OpenOptions, Window};

/// Flags of `newskg export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The store written by `newskg ingest`: an SQLite file or a
    /// `postgres://` URL.
    #[arg(long, value_name = "DB", env = "NEWSKG_DB")]
    pub db: String,
    /// First publication day included: `YYYY-MM-DD`, an RFC 3339 time, or
    /// `7d` (seven days before today). Undated articles are left out of any window.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub since: Option<String>,
    /// Last publication day included (same forms as --since).
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub until: Option<String>,
    /// Keep only this entity's neighbourhood (matched against ids, labels and aliases).
    #[arg(long, value_name = "NAME")]
    pub entity: Option<String>,
    /// Relations to follow from --entity.
    #[arg(long, value_name = "N", default_value_t = 1, requires = "entity")]
    pub hops: usize,
    /// Where and how the graph is written.
    #[command(flatten)]
    pub graph: GraphOutputArgs,
    /// Write the self-contained HTML report (as `newskg report`) instead of
    /// a graph file; implied by an `.html` output.
    #[arg(long)]
    pub report: bool,
}

/// A day `YYYY-MM-DD` from `YYYY-MM-DD`, an RFC 3339 time or `Nd`.
pub fn parse_day(s: &str) -> Result<String, String> {
    let s = s.trim();
    if let Some(n) = s.strip_suffix('d').and_then(|n| n.parse::<u32>().ok()) {
        let day = chrono::Local::now().date_naive() - chrono::Days::new(n.into());
        return Ok(day.format("%Y-%m-%d").to_string());
    }
    let day = s.get(..10).unwrap_or(s);
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| format!("{s:?}: expected YYYY-MM-DD, an RFC 3339 time or Nd (days ago)"))
}

/// Runs `newskg export`.
pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let out = &args.graph;
    let report = args.report
        || out
            .output
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    // A report is HTML; only a graph file needs a graph format.
    let format = if report {
        None
    } else {
        Some(super::extract::output_format(out.format, &out.output)?)
    };
    let store = store::open(
        &args.db,
        OpenOptions {
            create: false,
            ..OpenOptions::default()
        },
    )?;
    let window = Window {
        since: args.since.clone(),
        until: args.until.clone(),
    };
    let graph = match &args.entity {
        Some(name) => select::neighbourhood_graph(
            &store,
            &window,
            (name, args.hops),
            out.co_occurrence,
            out.max_evidence,
        )?,
        None => select::window_graph(&store, &window, out.max_evidence, out.co_occurrence)?,
    };
    let opts = out.export_options();
    let files = if let Some(format) = format {
        export::write(&graph, format, &opts, &out.output)?
    } else {
        let ropts = crate::report::ReportOptions {
            co_occurrence: out.co_occurrence,
            ..Default::default()
        };
        crate::report::write_file(&graph, &ropts, &out.output)?;
        vec![out.output.clone()]
    };
    let names: Vec<String> = files.iter().map(|p| p.display().to_string()).collect();
    eprintln!(
        "newskg: graph of {} articles: {} entities, {} relations → {}",
        graph.article_count(),
        graph.node_count(),
        graph.edge_count(),
        names.join(", ")
    );
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::parse_day;

    #[test]
    fn days() {
        assert_eq!(parse_day("2026-11-02").as_deref(), Ok("2026-11-02"));
        assert_eq!(
            parse_day("2026-11-02T09:00:00+09:00").as_deref(),
            Ok("2026-11-02")
        );
        assert!(parse_day("7d").is_ok());
        assert!(parse_day("yesterday").is_err());
    }
}
