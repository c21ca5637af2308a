//! Command-line interface: clap argument types and one file per subcommand.
//!
//! Each subcommand parses its flags, builds the library objects it needs and
//! reports the outcome as an exit code: 0 when everything succeeded, 1 when a
//! batch finished but some items failed, 2 (from `main`) when the whole run failed.

pub mod article;
pub mod lines;
pub mod source;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub mod db;
pub mod dict;
pub mod entities;
pub mod export;
pub mod extract;
pub mod ingest;
pub mod ner;
pub mod places;
pub mod relate;
pub mod report;
pub mod stats;
pub mod tokenize;
pub mod watch;
pub mod worker;

/// Command-line arguments of `newskg`.
#[derive(Debug, Parser)]
#[command(
    name = "newskg",
    version,
    about = "Korean news articles → knowledge graph"
)]
pub struct Cli {
    /// The subcommand to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build a knowledge graph from articles: the main job (`-o graph.graphml`).
    Extract(extract::ExtractArgs),
    /// Write the graph as one self-contained HTML page (`-o report.html`).
    Report(report::ReportArgs),
    /// Dictionary maintenance (importing mecab-ko-dic).
    Dict(dict::DictArgs),
    /// Place data maintenance (importing the 법정동 table, countries, cities).
    Places(places::PlacesArgs),
    /// Morphological analysis (MeCab-ko format or JSON), one input line at a time.
    Tokenize(tokenize::TokenizeArgs),
    /// Fetch or load articles and print each as one JSON line.
    Article(article::ArticleArgs),
    /// Entities of each article (same inputs as `article`), one JSON object per article.
    Entities(entities::EntitiesArgs),
    /// Line-mode NER for evaluation: one sentence per line in, one JSON object per line out.
    Ner(ner::NerArgs),
    /// Relation between two marked arguments of a sentence, one JSON line at a time.
    Relate(relate::RelateArgs),
    /// Read feeds and sitemaps, fetch the new articles and store their facts (`--db`).
    Ingest(ingest::IngestArgs),
    /// `ingest` on a schedule (`--every 15m`) until SIGINT/SIGTERM.
    Watch(watch::WatchArgs),
    /// Work the shared queue of a store: claim, fetch, analyse, store (many at once, on many machines).
    Worker(worker::WorkerArgs),
    /// Store maintenance: `db copy --from news.db --to postgres://…`, `db migrate`.
    Db(db::DbCommandArgs),
    /// The graph of a time window or an entity's neighbourhood, from the store.
    Export(export::ExportArgs),
    /// What the store holds: articles, entities, relations, feeds.
    Stats(stats::StatsArgs),
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Dict(args) => dict::run(args),
        Command::Places(args) => places::run(args),
        Command::Extract(args) => extract::run(args),
        Command::Report(args) => report::run(args),
        Command::Tokenize(args) => tokenize::run(args),
        Command::Article(args) => article::run(args),
        Command::Entities(args) => entities::run(args),
        Command::Ner(args) => ner::run(args),
        Command::Relate(args) => relate::run(args),
        Command::Ingest(args) => ingest::run(args),
        Command::Watch(args) => watch::run(args),
        Command::Worker(args) => worker::run(args),
        Command::Db(args) => db::run(args),
        Command::Export(args) => export::run(args),
        Command::Stats(args) => stats::run(args),
    }
}
