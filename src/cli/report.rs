//! `newskg report INPUT... -o report.html`: the graph as one self-contained
//! HTML page for analysts (see [`crate::report`]). Takes the same inputs as
//! `newskg extract`, or a graph written earlier with `--graph GRAPH.json`,
//! or both (the articles are added to that graph), or a store (`--db`, with
//! `--since`/`--until`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

use super::extract::{BuildOptions, build_graph, keep_old_output, load_graph};
use super::output::count;
use super::source::SourceArgs;
use crate::graph::DEFAULT_MAX_EVIDENCE;
use crate::report::{self, ReportOptions};

/// Flags of `newskg report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Inputs and fetching (optional with --graph).
    #[command(flatten)]
    pub source: SourceArgs,
    /// Output HTML file (`-`: standard output).
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
    /// Extra relation pattern file(s) (TOML, see data/relations/README.md),
    /// after the built-in ones.
    #[arg(long = "relations", value_name = "FILE")]
    pub relations: Vec<PathBuf>,
}

/// The report is HTML: refuses an output named otherwise (`r.pdf` got
/// HTML under a PDF's name); `-` is standard output.
pub fn check_output(output: &Path) -> anyhow::Result<()> {
    let html = output
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
    if html || crate::export::is_stdout(output) {
        return Ok(());
    }
    anyhow::bail!(
        "{}: the report is an HTML page; name the output .html (or - for standard output)",
        output.display()
    )
}

/// Runs `newskg report`.
pub fn run(args: ReportArgs) -> anyhow::Result<ExitCode> {
    check_output(&args.output)?;
    let no_inputs = args.source.inputs.is_empty() && args.source.urls.is_empty();
    let (graph, summary) = match (&args.db, &args.graph, no_inputs) {
        (Some(_), _, false) => anyhow::bail!("--db renders a store: give no inputs with it"),
        (Some(db), _, true) => {
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
            (graph, None)
        }
        (None, Some(path), true) => (load_graph(path, args.max_evidence)?, None),
        (None, start, _) => {
            let (graph, summary) = build_graph(
                &args.source,
                BuildOptions {
                    start: start.as_deref(),
                    max_evidence: args.max_evidence,
                    gazetteer: &args.gazetteer,
                    entity_words: &args.entity_words,
                    relations: &args.relations,
                    jobs: args.jobs,
                    co_occurrence: args.co_occurrence,
                    timings: None,
                },
            )?;
            if keep_old_output(&summary, None, &args.output) {
                return Ok(ExitCode::from(1));
            }
            (graph, Some(summary))
        }
    };
    let opts = ReportOptions {
        title: args.title,
        co_occurrence: args.co_occurrence,
        ..ReportOptions::default()
    };
    report::write_file(&graph, &opts, &args.output)?;
    if super::output::chatty() {
        let relations = graph
            .edges()
            .iter()
            .filter(|(_, _, e)| args.co_occurrence || !e.is_co_occurrence())
            .count();
        eprintln!(
            "newskg: report of {}: {}, {} → {}",
            count(graph.article_count(), "article", "articles"),
            count(graph.node_count(), "entity", "entities"),
            count(relations, "relation", "relations"),
            if crate::export::is_stdout(&args.output) {
                "standard output".to_string()
            } else {
                args.output.display().to_string()
            }
        );
    }
    Ok(summary.map_or(ExitCode::SUCCESS, |s| super::source::exit_status(&s)))
}
