//! The flags and the batch loop shared by every command that reads
//! articles (`article`, `entities`, `extract`, `report`).
//!
//! [`SourceArgs`] holds the inputs (URLs, files, directories, `--urls`
//! lists, `-`), the site-profile flags and the fetcher's politeness, retry
//! and cache flags; it builds the [`Fetcher`], [`Extractor`] and
//! [`Acquirer`] and runs a batch ([`SourceArgs::run_batch`], on
//! [`crate::batch`]'s worker threads, or [`SourceArgs::for_each_article`]),
//! which reports failures, progress and a summary on standard error and
//! hands each result to the command.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};

use crate::acquire::Acquirer;
use crate::article::{Article, Extractor, Profiles};
use crate::batch::{self, BatchOptions};
use crate::fetch::{self, Fetcher};
use crate::input;
use crate::text::structure::Structure;
use crate::timing::Timings;

use super::output::count;

/// Where articles come from and how they are fetched.
#[derive(Debug, Args)]
pub struct SourceArgs {
    /// URLs (http/https), .html/.htm/.txt files, directories of them, or `-`
    /// for a list on standard input.
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// File with one URL or path per line (blank lines and `#` comments
    /// ignored); repeatable; `-` reads standard input.
    #[arg(long = "urls", value_name = "FILE")]
    pub urls: Vec<PathBuf>,
    /// Extra site profiles (TOML, same format as data/sites.toml), tried
    /// before the built-in ones.
    #[arg(long, value_name = "FILE")]
    pub sites: Option<PathBuf>,
    /// Use only the generic extractor, no site profiles.
    #[arg(long)]
    pub no_profiles: bool,
    /// Extra article-structure words (TOML, same format as
    /// data/structure.toml: markers, caption cues, credit roles, sign-off
    /// endings, footer cues, programme header keys), added to the built-in
    /// ones.
    #[arg(long, value_name = "FILE")]
    pub structure: Option<PathBuf>,
    /// Answer from the cache only; never touch the network.
    #[arg(long)]
    pub offline: bool,
    /// Cache directory [default: $XDG_CACHE_HOME/newskg/http or ~/.cache/newskg/http].
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
    /// Seconds a cached article page is reused without asking the server (0:
    /// always revalidate with If-None-Match/If-Modified-Since); feeds and
    /// sitemaps always revalidate [default: 604800 (a week); ingest, watch
    /// and worker: 0].
    #[arg(long, value_name = "SECS")]
    pub cache_ttl: Option<f64>,
    /// Do not read or write the cache.
    #[arg(long, conflicts_with = "offline")]
    pub no_cache: bool,
    /// Minimum seconds between two requests to one host (robots.txt
    /// Crawl-delay may raise it).
    #[arg(long, value_name = "SECS", default_value_t = fetch::DEFAULT_HOST_DELAY.as_secs_f64())]
    pub delay: f64,
    /// Requests in flight per host.
    #[arg(long, value_name = "N", default_value_t = fetch::DEFAULT_HOST_CONCURRENCY)]
    pub host_concurrency: usize,
    /// Requests in flight overall.
    #[arg(long, value_name = "N", default_value_t = fetch::DEFAULT_TOTAL_CONCURRENCY)]
    pub concurrency: usize,
    /// Total seconds allowed per request, body included.
    #[arg(long, value_name = "SECS", default_value_t = fetch::DEFAULT_TIMEOUT.as_secs_f64())]
    pub timeout: f64,
    /// Seconds allowed to connect.
    #[arg(long, value_name = "SECS", default_value_t = fetch::DEFAULT_CONNECT_TIMEOUT.as_secs_f64())]
    pub connect_timeout: f64,
    /// Retries on 429, 5xx and connection errors.
    #[arg(long, value_name = "N", default_value_t = fetch::DEFAULT_MAX_RETRIES)]
    pub retries: u32,
    /// Largest body accepted, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = fetch::DEFAULT_MAX_BODY_BYTES)]
    pub max_body: u64,
    /// Contact URL or e-mail for the User-Agent, so site owners can reach you.
    #[arg(long, value_name = "URL")]
    pub contact: Option<String>,
    /// Replace the whole User-Agent string.
    #[arg(long, value_name = "STRING")]
    pub user_agent: Option<String>,
    /// Print a progress bar even when standard error is not a terminal
    /// (`auto`: only on a terminal).
    #[arg(long, value_enum, default_value_t = Progress::Auto)]
    pub progress: Progress,
    /// Also record every failed input as a JSON line
    /// (`{"input", "kind", "error"}`) in FILE, e.g. to retry them later.
    #[arg(long, value_name = "FILE")]
    pub failures: Option<PathBuf>,
}

/// When to draw a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Progress {
    /// A bar on a terminal, plain log lines otherwise.
    Auto,
    /// Always a bar.
    Bar,
    /// Plain log lines.
    Lines,
}

/// The default cache directory.
fn default_cache_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("newskg").join("http"))
}

fn secs(value: f64, flag: &str) -> anyhow::Result<Duration> {
    Duration::try_from_secs_f64(value)
        .with_context(|| format!("--{flag} {value}: not a valid number of seconds"))
}

/// `--failures FILE`: one JSON line per failed input
/// (`{"input", "kind", "error"}`), the same for every command.
#[derive(Debug)]
pub struct FailureLog {
    path: PathBuf,
    out: std::io::BufWriter<std::fs::File>,
}

impl FailureLog {
    /// Creates (truncates) the log at `path`, if one was asked for.
    pub fn create(path: Option<&PathBuf>) -> anyhow::Result<Option<FailureLog>> {
        let Some(path) = path else { return Ok(None) };
        let file = std::fs::File::create(path)
            .with_context(|| format!("cannot create {}", path.display()))?;
        Ok(Some(FailureLog {
            path: path.clone(),
            out: std::io::BufWriter::new(file),
        }))
    }

    /// Records one failure (flushed, so a killed run keeps what it logged).
    pub fn record(&mut self, input: &str, kind: &str, error: &str) -> anyhow::Result<()> {
        let record = serde_json::json!({ "input": input, "kind": kind, "error": error });
        writeln!(self.out, "{record}")
            .and_then(|()| self.out.flush())
            .with_context(|| format!("cannot write the failure log {}", self.path.display()))
    }
}

impl SourceArgs {
    /// Builds the fetcher these flags describe, for reading article pages
    /// (`--cache-ttl` defaults to [`fetch::DEFAULT_PAGE_CACHE_TTL`]).
    pub fn fetcher(&self) -> anyhow::Result<Fetcher> {
        Ok(self
            .fetcher_builder(fetch::DEFAULT_PAGE_CACHE_TTL)?
            .build()?)
    }

    /// The fetcher these flags describe, still to be built (ingestion adds
    /// the fleet's shared per-host budget to it), with `ttl` as the cache
    /// TTL unless `--cache-ttl` says otherwise.
    pub fn fetcher_builder(&self, ttl: Duration) -> anyhow::Result<fetch::FetcherBuilder> {
        let args = self;
        let ttl = match args.cache_ttl {
            Some(secs_given) => secs(secs_given, "cache-ttl")?,
            None => ttl,
        };
        let mut b = Fetcher::builder()
            .host_delay(secs(args.delay, "delay")?)
            .host_concurrency(args.host_concurrency)
            .total_concurrency(args.concurrency)
            .timeout(secs(args.timeout, "timeout")?)
            .connect_timeout(secs(args.connect_timeout, "connect-timeout")?)
            .max_retries(args.retries)
            .max_body_bytes(args.max_body)
            .cache_ttl(ttl)
            .offline(args.offline);
        if let Some(c) = &args.contact {
            b = b.contact(c.clone());
        }
        if let Some(ua) = &args.user_agent {
            b = b.user_agent(ua.clone());
        }
        if !args.no_cache {
            match args.cache_dir.clone().or_else(default_cache_dir) {
                Some(dir) => b = b.cache_dir(dir),
                None if args.offline => anyhow::bail!("--offline needs a cache: pass --cache-dir"),
                None => {}
            }
        }
        Ok(b)
    }

    /// Builds the extractor these flags describe.
    pub fn extractor(&self) -> anyhow::Result<Extractor> {
        let args = self;
        let builtin = if args.no_profiles {
            Profiles::none()
        } else {
            Profiles::builtin()
        };
        let profiles = match &args.sites {
            Some(path) => Profiles::from_file(path)?.then(builtin),
            None => builtin,
        };
        let extractor = Extractor::new(profiles);
        Ok(match &args.structure {
            Some(path) => extractor.with_structure(Structure::with_file(path)?),
            None => extractor,
        })
    }
}

/// What a batch came to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchSummary {
    /// Inputs after expanding directories and lists.
    pub inputs: usize,
    /// Articles handed to the command.
    pub articles: usize,
    /// Failures by reason class ("http 404", "robots.txt"...).
    pub failures: BTreeMap<String, usize>,
    /// Inputs never started because the run was interrupted (SIGINT or
    /// SIGTERM); 0 for a run that went to its end.
    pub not_started: usize,
}

impl BatchSummary {
    /// How many inputs failed.
    pub fn failed(&self) -> usize {
        self.failures.values().sum()
    }
}

/// Writes `line` and a line break to standard error in one write: standard
/// error is unbuffered, and `eprintln!` with arguments makes a system call
/// per piece (seven for a progress line).
fn say_line(mut line: String) {
    use std::io::Write as _;
    line.push('\n');
    // As `eprintln!`, except that a closed standard error is not a panic.
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// The number of CPU cores (the default for `--jobs`).
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
}

impl SourceArgs {
    /// Runs the batch: every input is fetched or loaded and extracted, each
    /// article goes to `on_article` in input order, each failure is reported
    /// on standard error naming the input, and a summary line ends the run.
    /// An error from `on_article` (e.g. a closed stdout) stops the batch.
    pub fn for_each_article(
        &self,
        on_article: impl FnMut(Article) -> anyhow::Result<()> + Send,
    ) -> anyhow::Result<BatchSummary> {
        let options = BatchOptions::new(default_jobs()).ordered(true);
        self.run_batch(options, None, || |article| article, on_article)
    }

    /// The batch behind every command that reads articles: loads every
    /// input, extracts its article and applies a `work` function (one per
    /// thread, from `make_work`) to it on `options.jobs` threads, then hands each result to `on_result` (in
    /// input order if `options.ordered`). Failures are reported on standard
    /// error (and in `--failures`) naming the input, with a progress bar or
    /// log lines, and a summary line ends the run. An error from
    /// `on_result` stops the batch.
    pub fn run_batch<T: Send, W: FnMut(Article) -> T>(
        &self,
        options: BatchOptions,
        timings: Option<&Timings>,
        make_work: impl Fn() -> W + Sync,
        mut on_result: impl FnMut(T) -> anyhow::Result<()> + Send,
    ) -> anyhow::Result<BatchSummary> {
        let args = self;
        if args.inputs.is_empty() && args.urls.is_empty() {
            anyhow::bail!("no input: give URLs, files, directories, --urls FILE or - (see --help)");
        }
        let acquirer = Acquirer::new(args.fetcher()?, args.extractor()?);
        // The message alone: it names the list and the reason already.
        let items = input::expand(&args.inputs, &args.urls).map_err(|e| anyhow::anyhow!("{e}"))?;
        let total = items.len();
        let chatty = super::output::chatty();
        let bar = match args.progress {
            Progress::Bar => true,
            Progress::Lines => false,
            Progress::Auto => chatty && std::io::stderr().is_terminal(),
        };
        let progress = bar.then(|| {
            let pb = ProgressBar::new(total as u64);
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} {msg}",
            ) {
                pb.set_style(style);
            }
            pb
        });
        let mut failure_log = FailureLog::create(args.failures.as_ref())?;
        let mut ok = 0usize;
        let mut n = 0usize;
        let mut failures: BTreeMap<String, usize> = BTreeMap::new();
        // Ctrl-C (or SIGTERM) stops starting inputs; what is done is
        // delivered and written, as `ingest` does.
        let interrupted = interrupt_flag();
        let options = options.stop_on(interrupted.clone());
        let sources: Vec<String> = items.iter().map(|i| i.source.clone()).collect();
        let mut done_inputs = vec![false; total];
        batch::run(&acquirer, items, options, timings, make_work, |done| {
            n += 1;
            if let Some(d) = done_inputs.get_mut(done.index) {
                *d = true;
            }
            match done.result {
                Ok(result) => {
                    ok += 1;
                    on_result(result)?;
                    match &progress {
                        Some(pb) => pb.inc(1),
                        None if chatty => {
                            say_line(format!("newskg: [{n}/{total}] ok {}", done.source))
                        }
                        None => {}
                    }
                }
                Err(err) => {
                    *failures.entry(err.kind()).or_default() += 1;
                    if let Some(log) = failure_log.as_mut() {
                        log.record(
                            &done.source,
                            &err.kind(),
                            &reason(&err.to_string(), &done.source),
                        )?;
                    }
                    let msg = format!("newskg: [{n}/{total}] FAILED {err}");
                    match &progress {
                        Some(pb) => {
                            pb.println(&msg);
                            pb.inc(1);
                        }
                        None => say_line(msg),
                    }
                }
            }
            anyhow::Ok(())
        })?;
        let not_started: Vec<&String> = sources
            .iter()
            .zip(&done_inputs)
            .filter(|(_, done)| !**done)
            .map(|(s, _)| s)
            .collect();
        if let Some(log) = failure_log.as_mut() {
            // Recorded so that a retry picks them up, but not failures.
            for source in &not_started {
                log.record(
                    source,
                    "interrupted",
                    "not started: the run was interrupted",
                )?;
            }
        }
        if let Some(pb) = progress {
            pb.finish_and_clear();
        }
        if !not_started.is_empty() {
            eprintln!(
                "newskg: interrupted: {} of {} not started",
                not_started.len(),
                count(total, "input", "inputs")
            );
        }
        let failed: usize = failures.values().sum();
        let reasons: Vec<String> = failures.iter().map(|(k, v)| format!("{v} {k}")).collect();
        let counts = format!(
            "newskg: {}, {}, {failed} failed",
            count(total, "input", "inputs"),
            count(ok, "article", "articles")
        );
        if failed == 0 {
            if chatty {
                eprintln!("{counts}");
            }
        } else {
            eprintln!("{counts} ({})", reasons.join(", "));
        }
        Ok(BatchSummary {
            inputs: total,
            articles: ok,
            failures,
            not_started: not_started.len(),
        })
    }
}

/// The exit status of a batch command: 0 when every input became an
/// article, 1 when some failed, 130 (as for SIGINT) when the run was
/// interrupted before all inputs were started.
pub fn exit_status(summary: &BatchSummary) -> std::process::ExitCode {
    if summary.not_started > 0 {
        std::process::ExitCode::from(130)
    } else if summary.failed() > 0 {
        std::process::ExitCode::from(1)
    } else {
        std::process::ExitCode::SUCCESS
    }
}

/// Set by the first SIGINT or SIGTERM of the process (a batch then starts
/// no new input, finishes the ones in progress and writes what is done);
/// a second one ends the process at once with status 130. The handler is
/// installed on first use, on a thread of its own.
pub fn interrupt_flag() -> Arc<AtomicBool> {
    static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    FLAG.get_or_init(|| {
        let flag = Arc::new(AtomicBool::new(false));
        let set = flag.clone();
        let watcher = std::thread::Builder::new()
            .name("newskg-signals".into())
            .spawn(move || {
                let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return;
                };
                runtime.block_on(async move {
                    loop {
                        super::ingest::wait_for_signal().await;
                        if set.swap(true, Ordering::SeqCst) {
                            eprintln!("newskg: second signal, exiting now");
                            std::process::exit(130);
                        }
                        eprintln!(
                            "newskg: signal received: finishing the inputs in progress, then writing what is done (again to quit now)"
                        );
                    }
                });
            });
        if let Err(e) = watcher {
            tracing::warn!("cannot watch for signals: {e}");
        }
        flag
    })
    .clone()
}

/// The reason of a failure without the input's name in front: error
/// messages name their input ("URL: HTTP 404") for the log, while a failure
/// record has the input in a field of its own. The name in a message may be
/// the input as resolved (a URL with a trailing slash, a `file://` URL).
pub fn reason(message: &str, input: &str) -> String {
    if let Some(rest) = message
        .strip_prefix(input)
        .and_then(|r| r.strip_prefix(": "))
    {
        return rest.to_string();
    }
    match message.split_once(": ") {
        Some((name, rest))
            if !name.contains(' ')
                && (name.contains("://") || name.starts_with('/') || name.contains(input)) =>
        {
            rest.to_string()
        }
        _ => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::reason;

    #[test]
    fn failure_reasons_do_not_repeat_the_input() {
        assert_eq!(
            reason("https://a.test/x: HTTP 404", "https://a.test/x"),
            "HTTP 404"
        );
        assert_eq!(
            reason("https://a.test/: HTTP 404", "https://a.test"),
            "HTTP 404"
        );
        assert_eq!(
            reason(
                "file:///tmp/a.html: not an article (empty page)",
                "/tmp/a.html"
            ),
            "not an article (empty page)"
        );
        assert_eq!(
            reason(
                "nothere.html: no such file or directory (and not an http(s) URL)",
                "nothere.html"
            ),
            "no such file or directory (and not an http(s) URL)"
        );
        assert_eq!(
            reason("cannot parse \"x y\" as a URL: bad", "x y"),
            "cannot parse \"x y\" as a URL: bad"
        );
    }
}
