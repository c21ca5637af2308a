//! Command-line interface: clap argument types and one file per subcommand.
//!
//! Each subcommand parses its flags, builds the library objects it needs and
//! reports the outcome as an exit code: 0 when everything succeeded, 1 when a
//! batch finished but some items failed, 2 (from `main`) when the whole run failed.

pub mod article;
pub mod config;
pub mod lines;
pub mod output;
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
    /// Say less: failures and errors only (no progress, no per-input lines,
    /// no summaries).
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// Say more: -v logs what newskg does (fetches, retries, stored
    /// articles), -vv adds debugging detail. NEWSKG_LOG overrides both.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Read settings from FILE instead of ./newskg.toml or
    /// $XDG_CONFIG_HOME/newskg/config.toml (see README, "Configuration").
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<std::path::PathBuf>,
    /// Read no configuration file.
    #[arg(long, global = true, conflicts_with = "config")]
    pub no_config: bool,
}

/// Parses the process's command line, with the configuration file's
/// settings (see [`config`]) as the defaults of the flags they name. A
/// malformed command line ends the process with clap's message (exit 2); a
/// bad configuration file is an error.
pub fn parse_command_line() -> anyhow::Result<Cli> {
    use clap::{CommandFactory, FromArgMatches};
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let mut cmd = Cli::command();
    if let Some(path) = config::locate(&args)? {
        cmd = config::Settings::load(&path, &cmd)?.apply(cmd);
    }
    let matches = cmd.get_matches_from(args);
    Cli::from_arg_matches(&matches).map_err(|e| e.exit())
}

impl Cli {
    /// -1 with `-q`, 0 by default, the number of `-v`s otherwise.
    pub fn verbosity(&self) -> i8 {
        if self.quiet {
            -1
        } else {
            i8::try_from(self.verbose).unwrap_or(i8::MAX)
        }
    }
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
    output::set_verbosity(cli.verbosity());
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
