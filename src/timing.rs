//! Where a batch's time goes, stage by stage (`newskg extract --timings`).
//!
//! Each stage adds the time it spent to one shared [`Timings`]: a handful of
//! relaxed atomic additions per article, cheap enough to leave on. A stage's
//! time is the CPU time of the thread that ran it ([`CpuClock`]), not the
//! wall-clock time between two reads: on a machine other processes share,
//! wall time counts their turns on the core too. Stages that run on several
//! worker threads add up, so the total can exceed the wall-clock time of the
//! run. [`process_cpu`] is the CPU time of the whole process, for the part no
//! stage accounts for (start-up: dictionary and data; reading the inputs).

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// The CPU time the calling thread has used so far, or `None` where the
/// platform does not tell.
#[cfg(unix)]
pub fn thread_cpu() -> Option<Duration> {
    cpu_clock(libc::CLOCK_THREAD_CPUTIME_ID)
}

/// The CPU time the calling thread has used so far, or `None` where the
/// platform does not tell.
#[cfg(not(unix))]
pub fn thread_cpu() -> Option<Duration> {
    None
}

/// The CPU time (user and system, all threads) the process has used so far,
/// or `None` where the platform does not tell.
#[cfg(unix)]
pub fn process_cpu() -> Option<Duration> {
    cpu_clock(libc::CLOCK_PROCESS_CPUTIME_ID)
}

/// The CPU time (user and system, all threads) the process has used so far,
/// or `None` where the platform does not tell.
#[cfg(not(unix))]
pub fn process_cpu() -> Option<Duration> {
    None
}

#[cfg(unix)]
fn cpu_clock(clock: libc::clockid_t) -> Option<Duration> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; clock_gettime only writes it.
    let rc = unsafe { libc::clock_gettime(clock, &mut ts) };
    if rc != 0 {
        return None;
    }
    Some(Duration::new(
        u64::try_from(ts.tv_sec).ok()?,
        u32::try_from(ts.tv_nsec).ok()?,
    ))
}

/// Measures the CPU time of the calling thread from [`CpuClock::start`] on
/// (falling back to wall-clock time where thread CPU time is not available).
/// Read it on the thread that started it.
#[derive(Debug, Clone, Copy)]
pub struct CpuClock {
    cpu: Option<Duration>,
    wall: std::time::Instant,
}

impl CpuClock {
    /// Starts the clock now.
    pub fn start() -> Self {
        CpuClock {
            cpu: thread_cpu(),
            wall: std::time::Instant::now(),
        }
    }

    /// The time since the clock started (or was last [`lap`](Self::lap)ped).
    pub fn elapsed(&self) -> Duration {
        match (self.cpu, thread_cpu()) {
            (Some(then), Some(now)) => now.saturating_sub(then),
            _ => self.wall.elapsed(),
        }
    }

    /// The time since the last lap (or the start), restarting the clock.
    pub fn lap(&mut self) -> Duration {
        let now = CpuClock::start();
        let d = match (self.cpu, now.cpu) {
            (Some(then), Some(cpu)) => cpu.saturating_sub(then),
            _ => now.wall.saturating_duration_since(self.wall),
        };
        *self = now;
        d
    }
}

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

    /// Runs `f`, adding the CPU time it took to `stage`.
    pub fn time<R>(&self, stage: Stage, f: impl FnOnce() -> R) -> R {
        let started = CpuClock::start();
        let r = f();
        self.add(stage, started.elapsed());
        r
    }

    /// The time spent in `stage` so far.
    pub fn get(&self, stage: Stage) -> Duration {
        Duration::from_nanos(self.nanos[stage as usize].load(Ordering::Relaxed))
    }

    /// A table of the stages: CPU seconds, share of the total, and
    /// microseconds per article for a batch of `articles`.
    pub fn report(&self, articles: usize) -> String {
        let total: Duration = Stage::ALL.iter().map(|&s| self.get(s)).sum();
        let mut out = String::from("stage                 CPU seconds   share   µs/article\n");
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
            "total of the stages",
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

    #[test]
    fn cpu_clock_counts_work_not_sleep() {
        let clock = CpuClock::start();
        std::thread::sleep(Duration::from_millis(50));
        let slept = clock.elapsed();
        if thread_cpu().is_some() {
            // A sleeping thread uses next to no CPU.
            assert!(slept < Duration::from_millis(25), "{slept:?}");
        }
        let mut clock = CpuClock::start();
        let mut x = 0u64;
        while clock.elapsed() < Duration::from_millis(5) {
            x = std::hint::black_box(x.wrapping_add(1));
        }
        assert!(clock.lap() >= Duration::from_millis(5));
        assert!(clock.lap() < Duration::from_millis(5));
        assert!(process_cpu().is_none_or(|d| d >= Duration::from_millis(5)));
    }
}
