//! `newskg extract INPUT... -o graph.graphml`: the main job. Reads articles
//! like `newskg article` (URLs, saved pages, text files, lists), runs the
//! pipeline on each, merges everything into one knowledge graph and writes
//! it as GraphML, GEXF, JSON or CSV.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use clap::Args;

use super::source::{BatchSummary, SourceArgs, default_jobs};
use crate::article::Article;
use crate::batch::BatchOptions;
use crate::entities::{Gazetteer, Vocabulary};
use crate::export::{self, ExportFormat, ExportOptions};
use crate::graph::{DEFAULT_MAX_EVIDENCE, KnowledgeGraph, json};
use crate::pipeline::Pipeline;
use crate::relations::Patterns;
use crate::timing::{CpuClock, Stage, Timings};

/// Flags of `newskg extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Inputs and fetching.
    #[command(flatten)]
    pub source: SourceArgs,
    /// Where and how the graph is written.
    #[command(flatten)]
    pub graph: GraphOutputArgs,
    /// Start from this graph (a .json written by newskg) and add the new articles to it.
    #[arg(long, value_name = "GRAPH.json")]
    pub merge: Option<PathBuf>,
    /// Threads analysing articles [default: the number of CPU cores]. The
    /// graph does not depend on it.
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
    /// Print where the time went, stage by stage (CPU seconds summed over
    /// threads), after the run.
    #[arg(long)]
    pub timings: bool,
}

/// The graph-file flags `extract` and `export` share.
#[derive(Debug, Args)]
pub struct GraphOutputArgs {
    /// Output file; the format follows its extension (.graphml, .gexf, .json, .csv).
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// Output format, overriding the extension.
    #[arg(long, value_enum)]
    pub format: Option<ExportFormat>,
    /// Evidence sentences kept per edge (the earliest ones).
    #[arg(long, default_value_t = DEFAULT_MAX_EVIDENCE)]
    pub max_evidence: usize,
    /// Add a node per article, linked to the entities it mentions.
    #[arg(long)]
    pub with_articles: bool,
    /// Include plain sentence co-occurrence edges (`co_occurs_with`).
    #[arg(long)]
    pub co_occurrence: bool,
    /// One edge per relation kind between two entities (by default one edge
    /// per pair, with all kinds in its `kinds` column; see README).
    #[arg(long)]
    pub parallel_edges: bool,
}

impl GraphOutputArgs {
    /// The export options these flags ask for.
    pub fn export_options(&self) -> ExportOptions {
        ExportOptions {
            co_occurrence: self.co_occurrence,
            with_articles: self.with_articles,
            parallel_edges: self.parallel_edges,
        }
    }
}

/// The pipeline every command that extracts facts runs: the built-in
/// gazetteer, entity word lists and relation patterns, each followed by the
/// user's files.
pub fn load_pipeline(
    gazetteer: &[PathBuf],
    entity_words: &[PathBuf],
    relations: &[PathBuf],
) -> anyhow::Result<Pipeline> {
    let pipeline = Pipeline::with_data(load_gazetteer(gazetteer)?, load_vocabulary(entity_words)?)?;
    Ok(if relations.is_empty() {
        pipeline
    } else {
        pipeline.relation_patterns(Patterns::with_files(relations)?)
    })
}

/// The gazetteer: built-in plus the user's files.
pub fn load_gazetteer(files: &[PathBuf]) -> anyhow::Result<Gazetteer> {
    let mut gazetteer = Gazetteer::embedded()?;
    for path in files {
        gazetteer.load(path)?;
    }
    Ok(gazetteer)
}

/// The entity word lists: built-in plus the user's files.
pub fn load_vocabulary(files: &[PathBuf]) -> anyhow::Result<Vocabulary> {
    let mut vocabulary = Vocabulary::embedded()?;
    for path in files {
        vocabulary.load(path)?;
    }
    Ok(vocabulary)
}

/// Reads a graph written by `newskg extract -o FILE.json`.
pub fn load_graph(path: &Path, max_evidence: usize) -> anyhow::Result<KnowledgeGraph> {
    let file = std::fs::File::open(path)
        .with_context(|| format!("cannot open the graph {}", path.display()))?;
    json::read(std::io::BufReader::new(file), Some(max_evidence))
        .with_context(|| format!("cannot read the graph {}", path.display()))
}

/// How [`build_graph`] runs.
#[derive(Debug, Clone, Copy)]
pub struct BuildOptions<'a> {
    /// Start from this saved graph (JSON) instead of an empty one.
    pub start: Option<&'a Path>,
    /// Evidence records kept per edge.
    pub max_evidence: usize,
    /// Extra gazetteer files.
    pub gazetteer: &'a [PathBuf],
    /// Extra entity word lists.
    pub entity_words: &'a [PathBuf],
    /// Extra relation pattern files.
    pub relations: &'a [PathBuf],
    /// Worker threads (default: one per CPU core).
    pub jobs: Option<usize>,
    /// Build `co_occurs_with` edges (only worth it when they are exported).
    pub co_occurrence: bool,
    /// Where to add the time of each stage.
    pub timings: Option<&'a Timings>,
}

/// The shared middle of `extract` and `report`: starts from the saved
/// graph (or an empty one), runs the pipeline on every article of `source`
/// on the worker threads and merges them in. The graph does not depend on
/// the number of threads (merging is order-independent).
pub fn build_graph(
    source: &SourceArgs,
    opts: BuildOptions<'_>,
) -> anyhow::Result<(KnowledgeGraph, BatchSummary)> {
    let mut graph = match opts.start {
        Some(path) => load_graph(path, opts.max_evidence)?,
        None => KnowledgeGraph::new(opts.max_evidence),
    };
    let pipeline = load_pipeline(opts.gazetteer, opts.entity_words, opts.relations)?
        .co_occurrence(opts.co_occurrence);
    let jobs = opts.jobs.unwrap_or_else(default_jobs);
    let timings = opts.timings;
    let mut again = 0usize;
    let summary = source.run_batch(
        BatchOptions::new(jobs),
        timings,
        || {
            let worker = pipeline.worker();
            move |article: Article| worker.process_timed(&article, timings)
        },
        |facts| {
            let started = timings.map(|_| CpuClock::start());
            if !graph.add_article(&facts) {
                again += 1;
            }
            // Dropping the facts is part of the merge's cost.
            drop(facts);
            if let (Some(t), Some(c)) = (timings, started) {
                t.add(Stage::Merge, c.elapsed());
            }
            Ok(())
        },
    )?;
    if again > 0 {
        eprintln!(
            "newskg: {again} {} already in the graph, not added again",
            if again == 1 {
                "article was"
            } else {
                "articles were"
            }
        );
    }
    Ok((graph, summary))
}

/// The format to write: `--format` if given, else the output's extension;
/// a folder (an existing one, or a path ending in `/`) means CSV, and `-`
/// (standard output) GraphML.
pub fn output_format(format: Option<ExportFormat>, output: &Path) -> anyhow::Result<ExportFormat> {
    let folder = output.is_dir() || output.to_string_lossy().ends_with(['/', '\\']);
    match format {
        Some(f) if folder && f != ExportFormat::Csv => anyhow::bail!(
            "{} is a folder: only --format csv writes into one (nodes.csv, edges.csv)",
            output.display()
        ),
        Some(ExportFormat::Csv) if export::is_stdout(output) => anyhow::bail!(
            "CSV is two files (nodes and edges): give -o a file name or a folder, not -"
        ),
        Some(f) => Ok(f),
        None if folder => Ok(ExportFormat::Csv),
        None if export::is_stdout(output) => Ok(ExportFormat::Graphml),
        None => ExportFormat::from_path(output).with_context(|| {
            format!(
                "cannot tell the format of {} from its extension; use .graphml, .gexf, .json, .csv, a folder/ or --format",
                output.display()
            )
        }),
    }
}

/// Whether to keep the output as it is rather than write the graph:
/// nothing was added to it (no input became an article) and its file (or,
/// for CSV, one of its two files) is there, so writing would replace a
/// graph with an empty one. Says so.
pub fn keep_old_output(
    summary: &BatchSummary,
    format: Option<ExportFormat>,
    output: &Path,
) -> bool {
    if summary.articles > 0 || export::is_stdout(output) {
        return false;
    }
    let exists = match format {
        Some(ExportFormat::Csv) => {
            let (nodes, edges) = export::csv::paths(output);
            nodes.exists() || edges.exists()
        }
        _ => output.exists(),
    };
    if exists {
        eprintln!(
            "newskg: no input became an article; {} is left as it was",
            output.display()
        );
    }
    exists
}

/// Runs `newskg extract`.
pub fn run(args: ExtractArgs) -> anyhow::Result<ExitCode> {
    let out = &args.graph;
    let format = output_format(out.format, &out.output)?;
    let started = Instant::now();
    let timings = Timings::default();
    let (graph, summary) = build_graph(
        &args.source,
        BuildOptions {
            start: args.merge.as_deref(),
            max_evidence: out.max_evidence,
            gazetteer: &args.gazetteer,
            entity_words: &args.entity_words,
            relations: &args.relations,
            jobs: args.jobs,
            co_occurrence: out.co_occurrence,
            // Stage times only when asked for: they cost two clock reads and
            // shared atomic adds per stage and article.
            timings: args.timings.then_some(&timings),
        },
    )?;
    if !keep_old_output(&summary, Some(format), &out.output) {
        let opts = out.export_options();
        let written = timings.time(Stage::Write, || {
            export::write(&graph, format, &opts, &out.output)
        })?;
        if super::output::chatty() {
            eprintln!("newskg: {}", super::output::graph_line(&graph, &written));
        }
    }
    if args.timings {
        let wall = started.elapsed().as_secs_f64();
        eprint!("{}", timings.report(summary.articles));
        if let Some(cpu) = crate::timing::process_cpu() {
            // Start-up (dictionary, data) and reading the inputs are in no
            // stage.
            eprintln!("process CPU {:.3} s (all threads)", cpu.as_secs_f64());
        }
        eprintln!(
            "wall clock {wall:.3} s, {:.1} articles/s",
            summary.articles as f64 / wall.max(1e-9)
        );
    }
    Ok(super::source::exit_status(&summary))
}
