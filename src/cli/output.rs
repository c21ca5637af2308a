//! How the commands talk to the user: counts in words ("1 input", "2
//! inputs"), the graph summary line, how much to say (`-q`, `-v`), time
//! stamps on the log lines of long-running commands, and a closed pipe
//! treated as the reader having had enough.

use std::sync::atomic::{AtomicI8, Ordering};

use crate::export::Written;
use crate::graph::KnowledgeGraph;

/// `n` and the noun, singular for one: "1 input", "3 inputs".
pub fn count(n: usize, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// -1 with `-q`, 0 by default, 1 with `-v`, 2 with `-vv`.
static VERBOSITY: AtomicI8 = AtomicI8::new(0);

/// Sets how much the commands say (from `-q`/`-v`).
pub fn set_verbosity(level: i8) {
    VERBOSITY.store(level, Ordering::Relaxed);
}

/// How much the commands say: -1 quiet, 0 normal, 1 and more verbose.
pub fn verbosity() -> i8 {
    VERBOSITY.load(Ordering::Relaxed)
}

/// Whether progress, per-input `ok` lines and summaries are printed (not
/// with `-q`; failures and errors always are).
pub fn chatty() -> bool {
    verbosity() >= 0
}

/// The line that ends `extract` and `export`: what the graph holds and what
/// was written, where.
pub fn graph_line(graph: &KnowledgeGraph, written: &Written) -> String {
    let mut line = format!(
        "graph of {}: {}, {} → {}",
        count(graph.article_count(), "article", "articles"),
        count(written.entities, "entity", "entities"),
        count(written.relations, "relation", "relations"),
        written.names()
    );
    if written.left_out > 0 {
        line.push_str(&format!(
            " ({} left out; --co-occurrence keeps them)",
            count(
                written.left_out,
                "co-occurrence edge",
                "co-occurrence edges"
            )
        ));
    }
    line
}

/// The local time for log lines, RFC 3339 to the second.
pub fn timestamp() -> String {
    chrono::Local::now()
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// Whether `err` (or what caused it) is a write to a closed pipe: the
/// reader (`| head`) has had enough, which is not a failure.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<serde_json::Error>()
                .and_then(|e| e.io_error_kind())
                .is_some_and(|k| k == std::io::ErrorKind::BrokenPipe)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(count(1, "input", "inputs"), "1 input");
        assert_eq!(count(0, "input", "inputs"), "0 inputs");
        assert_eq!(count(2, "entity", "entities"), "2 entities");
    }

    #[test]
    fn broken_pipes_are_recognised_through_context() {
        let io = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        let err = anyhow::Error::new(io).context("cannot write to standard output");
        assert!(is_broken_pipe(&err));
        let other = anyhow::anyhow!("disk full");
        assert!(!is_broken_pipe(&other));
    }
}
