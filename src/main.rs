//! The `newskg` binary: parse the command line, run one subcommand, turn its
//! outcome into an exit code. Everything else lives in the library.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
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
