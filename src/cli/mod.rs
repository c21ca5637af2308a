//! Command-line interface: clap argument types and one file per subcommand.
//!
//! Each subcommand parses its flags, builds the library objects it needs and
//! reports the outcome as an exit code: 0 when everything succeeded, 1 when a
//! batch finished but some items failed, 2 (from `main`) when the whole run failed.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub mod dict;
pub mod relate;
pub mod tokenize;

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
    /// Dictionary maintenance (importing mecab-ko-dic).
    Dict(dict::DictArgs),
    /// Morphological analysis (MeCab-ko format or JSON), one input line at a time.
    Tokenize(tokenize::TokenizeArgs),
    /// Relation between two marked arguments of a sentence, one JSON line at a time.
    Relate(relate::RelateArgs),
}

/// Runs one parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Dict(args) => dict::run(args),
        Command::Tokenize(args) => tokenize::run(args),
        Command::Relate(args) => relate::run(args),
    }
}
