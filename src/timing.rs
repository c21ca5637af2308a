//! Where a batch's time goes, stage by stage (`newskg extract --timings`).
//!
//! Each stage adds the time it spent to one shared [`Timings`]: a handful of
//! relaxed atomic additions per article, cheap enough to leave on. Times of
//! stages that run on several worker threads add up, so they are CPU time
//! (and can exceed the wall-clock time of the run).

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// A stage of the pipeline, in data order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// HTML (or text) → [`crate::article::Article`]: decoding, parsing,
    /// metadata, body.
    Article,
    /// Morphological analysis of the article text.
    Tokenize,
    /// Entities and aliases.
    Entities,
    /// Sentences and relations between the entities.
    Relations,
    /// Merging each article's facts into the graph.
    Merge,
    /// Writing the output file.
    Write,
}

impl Stage {
    /// Every stage, in data order.
    pub const ALL: [Stage; 6] = [
        Stage::Article,
        Stage::Tokenize,
        Stage::Entities,
        Stage::Relations,
        Stage::Merge,
        Stage::Write,
    ];

    /// The stage's name in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Article => "article (html → text)",
            Stage::Tokenize => "tokenize",
            Stage::Entities => "entities",
            Stage::Relations => "relations",
            Stage::Merge => "graph merge",
            Stage::Write => "write",
        }
    }
}

/// Time spent per stage, shared by the threads of a batch.
#[derive(Debug, Default)]
pub struct Timings {
    nanos: [AtomicU64; Stage::ALL.len()],
}

impl Timings {
    /// Adds `d` to `stage`.
    pub fn add(&self, stage: Stage, d: Duration) {
        let n = u64::try_from(d.as_nanos()).unwrap_or(u64::MAX);
        self.nanos[stage as usize].fetch_add(n, Ordering::Relaxed);
    }

    /// Runs `f`, adding its duration to `stage`.
    pub fn time<R>(&self, stage: Stage, f: impl FnOnce() -> R) -> R {
        let started = std::time::Instant::now();
        let r = f();
        self.add(stage, started.elapsed());
        r
    }

    /// The time spent in `stage` so far.
    pub fn get(&self, stage: Stage) -> Duration {
        Duration::from_nanos(self.nanos[stage as usize].load(Ordering::Relaxed))
    }

    /// A table of the stages: seconds, share of the total, and microseconds
    /// per article for a batch of `articles`.
    pub fn report(&self, articles: usize) -> String {
        let total: Duration = Stage::ALL.iter().map(|&s| self.get(s)).sum();
        let mut out = String::from("stage                     seconds   share   µs/article\n");
        for stage in Stage::ALL {
            let d = self.get(stage);
            let share = if total.is_zero() {
                0.0
            } else {
                100.0 * d.as_secs_f64() / total.as_secs_f64()
            };
            let per = d.as_secs_f64() * 1e6 / articles.max(1) as f64;
            let _ = writeln!(
                out,
                "{:<24} {:>8.3} {:>6.1} % {:>12.0}",
                stage.as_str(),
                d.as_secs_f64(),
                share,
                per
            );
        }
        let per = total.as_secs_f64() * 1e6 / articles.max(1) as f64;
        let _ = writeln!(
            out,
            "{:<24} {:>8.3} {:>6.1} % {:>12.0}",
            "total (CPU, all threads)",
            total.as_secs_f64(),
            100.0,
            per
        );
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_add_up_and_report() {
        let t = Timings::default();
        t.add(Stage::Tokenize, Duration::from_millis(30));
        t.add(Stage::Tokenize, Duration::from_millis(10));
        t.add(Stage::Write, Duration::from_millis(60));
        assert_eq!(t.get(Stage::Tokenize), Duration::from_millis(40));
        let report = t.report(4);
        assert!(report.contains("tokenize"), "{report}");
        assert!(report.contains("40.0 %"), "{report}");
        assert!(report.contains("10000"), "{report}"); // 40 ms / 4 articles
    }
}
