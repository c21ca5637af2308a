//! The `newskg` binary: parse the command line, run one subcommand, turn its
//! outcome into an exit code. Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Library log lines (retries, cache problems) go to stderr; NEWSKG_LOG
    // takes tracing's filter syntax, e.g. NEWSKG_LOG=newskg=debug.
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("NEWSKG_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = newskg::cli::Cli::parse();
    match newskg::cli::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // `{:#}` prints the whole cause chain on one line, so the message
            // names both what failed and why.
            eprintln!("newskg: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
