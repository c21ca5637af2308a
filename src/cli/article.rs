//! `newskg article INPUT...`: print each input's article as one JSON line.
//!
//! The inputs, fetching and batch reporting are [`SourceArgs`], shared with
//! every command that reads articles; this command only writes each
//! [`crate::article::Article`] to standard output as one JSON object per
//! line, in input order. Exit status 0 when every input became an article,
//! 1 when some failed.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;

use super::source::SourceArgs;

/// Flags of `newskg article`.
#[derive(Debug, Args)]
pub struct ArticleArgs {
    /// Inputs and fetching.
    #[command(flatten)]
    pub source: SourceArgs,
}

/// Runs `newskg article`.
pub fn run(args: ArticleArgs) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let summary = args.source.for_each_article(|article| {
        let line = serde_json::to_string(&article).context("cannot serialise an article")?;
        let mut out = stdout.lock();
        writeln!(out, "{line}")
            .and_then(|_| out.flush())
            .context("cannot write to standard output")
    })?;
    Ok(super::source::exit_status(&summary))
}
