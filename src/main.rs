//! The `newskg` binary: parse the command line, run one subcommand, turn its
//! outcome into an exit code. Everything else lives in the library.

use std::io::IsTerminal;
use std::process::ExitCode;

/// mimalloc instead of the C library's allocator: the pipeline makes many
/// small, short-lived allocations (DOM nodes, strings, token vectors), and
/// glibc's malloc/free took about a tenth of `newskg extract`'s CPU time.
/// The binary only; the library leaves the choice to whoever links it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match newskg::cli::parse_command_line() {
        Ok(cli) => cli,
        Err(err) => {
            eprintln!("newskg: error: {err:#}");
            return ExitCode::from(2);
        }
    };
    // Library log lines (retries, cache problems) go to stderr, with colour
    // only on a terminal (a log file gets no escape codes). NEWSKG_LOG takes
    // tracing's filter syntax (NEWSKG_LOG=newskg=debug) and overrides -q/-v.
    let level = match cli.verbosity() {
        ..=-1 => "error",
        0 => "warn",
        1 => "newskg=info,warn",
        _ => "newskg=debug,info",
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("NEWSKG_LOG")
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(level)),
        )
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .init();
    match newskg::cli::run(cli) {
        Ok(code) => code,
        // The reader of our output (`| head`) has had enough: not a failure.
        Err(err) if newskg::cli::output::is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            // `{:#}` prints the whole cause chain on one line, so the message
            // names both what failed and why.
            eprintln!("newskg: error: {err:#}");
            ExitCode::from(2)
        }
    }
}
