//! `newskg report INPUT... -o report.html`: the graph as one self-contained
//! HTML page for analysts (see [`crate::report`]). Takes the same inputs as
//! `newskg extract`, or a graph written earlier with `--graph GRAPH.json`,
//! or both (the articles are added to that graph).

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
