//! `newskg report INPUT... -o report.html`: the graph as one self-contained
//! HTML page for analysts (see [`crate::report`]). Takes the same inputs as
//! `newskg extract`, or a graph written earlier with `--graph GRAPH.json`,
//! or both (the articles are added to that graph), or a store (`--db`, with
//! `--since`/`--until`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use super::extract::{BuildOptions, build_graph, load_graph};
use super::source::SourceArgs;
use crate::graph::DEFAULT_MAX_EVIDENCE;
use crate::report::{self, ReportOptions};

/// Flags of `newskg report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Inputs and fetching (optional with --graph).
    #[command(flatten)]
    pub source: SourceArgs,
    /// Output HTML file.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Render this graph (a .json written by `newskg extract`); inputs, if
    /// any, are added to it.
    #[arg(long, value_name = "GRAPH.json")]
    pub graph: Option<PathBuf>,
    /// Render the graph of this store (SQLite file or `postgres://` URL)
    /// instead of inputs.
    #[arg(long, value_name = "DB", conflicts_with = "graph")]
    pub db: Option<String>,
    /// With --db: first publication day included (`YYYY-MM-DD`, RFC 3339, `7d`).
    #[arg(long, value_name = "DATE", requires = "db", value_parser = super::export::parse_day)]
    pub since: Option<String>,
    /// With --db: last publication day included.
    #[arg(long, value_name = "DATE", requires = "db", value_parser = super::export::parse_day)]
    pub until: Option<String>,
    /// Page title.
    #[arg(long, default_value = report::DEFAULT_TITLE)]
    pub title: String,
    /// Evidence sentences kept per edge (the earliest ones).
    #[arg(long, default_value_t = DEFAULT_MAX_EVIDENCE)]
    pub max_evidence: usize,
    /// Include plain sentence co-occurrence edges (`co_occurs_with`).
    #[arg(long)]
    pub co_occurrence: bool,
    /// Threads analysing articles [default: the number of CPU cores].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,
    /// Extra gazetteer file(s), after the built-in one.
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,
    /// Extra entity word list(s) (descriptors, name endings, not-names,
    /// abbreviations: `word<TAB>list[<TAB>value]`), after the built-in ones.
    #[arg(long = "entity-words", value_name = "FILE")]
    pub entity_words: Vec<PathBuf>,
}

/// Runs `newskg report`.
pub fn run(args: ReportArgs) -> anyhow::Result<ExitCode> {
    let no_inputs = args.source.inputs.is_empty() && args.source.urls.is_empty();
    if let Some(db) = &args.db {
        if !no_inputs {
            anyhow::bail!("--db renders a store: give no inputs with it");
        }
        let store = crate::store::open(
            db,
            crate::store::OpenOptions {
                create: false,
                ..Default::default()
            },
        )?;
        let window = crate::store::Window {
            since: args.since.clone(),
            until: args.until.clone(),
        };
        let graph = crate::ingest::select::window_graph(
            &store,
            &window,
            args.max_evidence,
            args.co_occurrence,
        )?;
        let opts = ReportOptions {
            title: args.title,
            co_occurrence: args.co_occurrence,
            ..ReportOptions::default()
        };
        report::write_file(&graph, &opts, &args.output)?;
        eprintln!(
            "newskg: report of {} articles: {} entities, {} relations → {}",
            graph.article_count(),
            graph.node_count(),
            graph.edge_count(),
            args.output.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let (graph, failed) = match (&args.graph, no_inputs) {
        (Some(path), true) => (load_graph(path, args.max_evidence)?, 0),
        (start, _) => {
            let (graph, summary) = build_graph(
                &args.source,
                BuildOptions {
                    start: start.as_deref(),
                    max_evidence: args.max_evidence,
                    gazetteer: &args.gazetteer,
                    entity_words: &args.entity_words,
                    jobs: args.jobs,
                    co_occurrence: args.co_occurrence,
                    timings: None,
                },
            )?;
            (graph, summary.failed())
        }
    };
    let opts = ReportOptions {
        title: args.title,
        co_occurrence: args.co_occurrence,
        ..ReportOptions::default()
    };
    report::write_file(&graph, &opts, &args.output)?;
    eprintln!(
        "newskg: report of {} articles: {} entities, {} relations → {}",
        graph.article_count(),
        graph.node_count(),
        graph.edge_count(),
        args.output.display()
    );
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
