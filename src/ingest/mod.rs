//! Scheduled ingestion: feeds and sitemaps → the work queue → articles →
//! facts → the [`Store`].
//!
//! Ingestion is split in two halves that meet in the store's work queue
//! (see [`crate::store::queue`]), so that any number of workers on any
//! number of machines can share one job:
//!
//! - **Discovery** ([`Ingester::discover`]) reads the sources: feeds (RSS,
//!   Atom, sitemaps) are read and their entries queued, except URLs the
//!   store already knows and whose feed gives no later modification time;
//!   article pages given directly (URLs or files) are processed on the spot
//!   (their page is already in hand), and an article URL the store knows is
//!   not fetched at all. A source is a feed only if it reads as one: an
//!   article URL is never recorded as a (failing) feed.
//! - **Work** ([`Ingester::work`]) claims queued URLs, fetches them with the
//!   polite [`Fetcher`], extracts and analyses them and stores each article
//!   in the transaction that marks its queue entry done. A failed URL goes
//!   back to the queue with a back-off; a worker renews its claims while it
//!   works, and a dead worker's claims return to the queue.
//!
//! `newskg ingest` runs both (or only discovery, `--enqueue-only`), `watch`
//! both every interval, `worker` only the second, until stopped or drained.
//! Every page, whatever the command, goes through the one path from input to
//! facts: [`Acquirer`] (fetch or read, then extract) and [`Pipeline`]. A
//! signal ([`Ingester::stop_flag`]) stops new work; what is in flight is
//! finished and stored.
//!
//! # Architecture
//!
//! - [`feeds`]: RSS/Atom/sitemap parsing with the fetcher's charset decoding.
//! - [`url`]: the de-duplication key of a URL.
//! - [`select`]: stored facts → the graph of a window or a neighbourhood.

pub mod feeds;
pub mod select;
pub mod url;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use futures_util::FutureExt;
use futures_util::stream::{self, FuturesUnordered, StreamExt};
use sha2::{Digest, Sha256};
use tokio::sync::Semaphore;

use crate::acquire::{Acquirer, ItemError, Page};
use crate::article::{self, Article};
use crate::fetch::Fetcher;
use crate::graph::ArticleFacts;
use crate::input::{self, Input, InputError};
use crate::pipeline::{Pipeline, article_key};
use crate::store::queue::{self, DEFAULT_LEASE};
use crate::store::{
    ArticleRecord, Claim, PutOutcome, QueueEntry, Release, Store, StoreError, WorkerId, blocking,
};

pub use feeds::{Feed, FeedEntry, FeedError, FeedKind};

/// Child sitemaps followed per sitemap index (one level deep).
pub const MAX_CHILD_SITEMAPS: usize = 1000;

/// Articles fetched and processed at once (the fetcher's per-host limits
/// still apply).
pub const DEFAULT_ARTICLE_CONCURRENCY: usize = 16;

/// Articles given directly as sources (their pages already read) held at
/// most before they are processed: a round over 10,000 saved pages held
/// them all, a gigabyte, before processing the first.
const PENDING_PAGES: usize = 64;

/// How often an idle worker looks at the queue again.
const IDLE_POLL: Duration = Duration::from_millis(500);

/// One input that failed: what `--failures FILE` records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The feed, URL or file.
    pub input: String,
    /// A short reason class ("http 404", "not an article"...).
    pub kind: String,
    /// The message (names the input).
    pub error: String,
}

impl Failure {
    fn of(input: &str, e: &ItemError) -> Failure {
        Failure {
            input: input.to_string(),
            kind: e.kind(),
            error: e.to_string(),
        }
    }
}

/// What a round (or a worker's run) did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoundReport {
    /// Feeds read successfully.
    pub feeds_ok: usize,
    /// Feeds that failed.
    pub feed_failures: Vec<Failure>,
    /// Article pages given directly as sources (URLs or files).
    pub pages: usize,
    /// Entry URLs found in the feeds (after removing duplicates).
    pub found: usize,
    /// Of those (and of article URLs given directly), already stored and
    /// not modified since.
    pub known: usize,
    /// URLs newly put in the queue.
    pub queued: usize,
    /// New articles stored.
    pub added: usize,
    /// Stored articles replaced by a changed version.
    pub updated: usize,
    /// Fetched again but unchanged (or another URL of a stored article).
    pub unchanged: usize,
    /// Articles that failed.
    pub failures: Vec<Failure>,
    /// Of those, how many the queue will try again later.
    pub retry_later: usize,
    /// Whether the run was stopped early by a signal.
    pub interrupted: bool,
}

/// How long [`Ingester::work`] goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// Until nothing is due and no worker holds a claim (a dead worker's
    /// claims are waited for until their lease ends); retries scheduled for
    /// later are left for a later run.
    Drained,
    /// Until the stop flag is set (a worker).
    Stopped,
}

/// A source as given: an input `newskg` reads (URL, page, text file,
/// directory), or a local feed file.
#[derive(Debug)]
enum Source {
    Input { name: String, input: Input },
    FeedFile { name: String, path: PathBuf },
    Bad { name: String, error: InputError },
}

impl Source {
    /// Every source one text stands for (a directory stands for its pages).
    fn resolve(text: &str) -> Vec<Source> {
        input::resolve(text)
            .into_iter()
            .map(|item| match item.input {
                Ok(input) => Source::Input {
                    name: item.source,
                    input,
                },
                // Any other file is read as a feed (.xml, .rss, .atom...).
                Err(InputError::UnsupportedFile { path }) => Source::FeedFile {
                    name: item.source,
                    path: PathBuf::from(path),
                },
                Err(error) => Source::Bad {
                    name: item.source,
                    error,
                },
            })
            .collect()
    }

    fn name(&self) -> &str {
        match self {
            Source::Input { name, .. }
            | Source::FeedFile { name, .. }
            | Source::Bad { name, .. } => name,
        }
    }

    fn url(&self) -> Option<&str> {
        match self {
            Source::Input {
                input: Input::Url(u),
                ..
            } => Some(u),
            _ => None,
        }
    }
}

/// What reading a source gave.
enum Found {
    /// A feed's entries.
    Feed(Vec<FeedEntry>),
    /// An article page.
    Page(Page),
}

/// A worker's progress callback (see [`Ingester::on_progress`]).
type Progress = Box<dyn FnMut(&mut RoundReport) + Send>;

/// Runs ingestion against a store: discovery, work, or both.
pub struct Ingester<S: Store> {
    acquirer: Acquirer,
    pipeline: Arc<Pipeline>,
    store: S,
    stop: Arc<AtomicBool>,
    concurrency: usize,
    jobs: Arc<Semaphore>,
    worker: WorkerId,
    lease: Duration,
    enqueue_only: bool,
    progress: Option<(Duration, Progress)>,
}

impl<S: Store> std::fmt::Debug for Ingester<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ingester")
            .field("worker", &self.worker)
            .finish_non_exhaustive()
    }
}

/// The digest that tells an updated article from the stored one: title,
/// dates, publisher and body.
pub fn content_hash(article: &Article) -> String {
    let mut h = Sha256::new();
    for part in [
        article.title.as_deref().unwrap_or(""),
        article.published.as_deref().unwrap_or(""),
        article.publisher.as_deref().unwrap_or(""),
        article.text.as_str(),
    ] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether the feed's `new` modification time is later than the stored one.
/// Unparseable times compare as strings; a missing new time never is.
fn is_newer(new: Option<&str>, old: Option<&str>) -> bool {
    let (Some(new), old) = (new, old) else {
        return false;
    };
    let Some(old) = old else { return true };
    let parse = |s: &str| {
        chrono::DateTime::parse_from_rfc3339(s)
            .or_else(|_| chrono::DateTime::parse_from_rfc2822(s))
            .ok()
    };
    match (parse(new), parse(old)) {
        (Some(n), Some(o)) => n > o,
        _ => new != old && new > old,
    }
}

/// Whether a source that could not be read was meant as a feed: its path
/// says so (`.xml`, `rss`, `atom`, `feed`, `sitemap`; for a URL or a file
/// name). Otherwise its failure is an article's.
fn looks_like_feed_name(name: &str) -> bool {
    let path = match ::url::Url::parse(name) {
        Ok(u) if u.has_host() => u.path().to_ascii_lowercase(),
        _ => name.to_ascii_lowercase(),
    };
    path.ends_with(".xml")
        || path.ends_with(".rss")
        || path.ends_with(".atom")
        || path.ends_with(".rdf")
        || ["rss", "atom", "feed", "sitemap"]
            .iter()
            .any(|w| path.contains(w))
}

fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The record of an article: its key (normalised canonical URL, else
/// URL), every URL known to lead to it, its digest and dates.
fn record_of(
    article: Article,
    facts: ArticleFacts,
    fetched_as: &str,
    final_url: &str,
    feed: Option<(&str, Option<&str>)>,
) -> ArticleRecord {
    let key = url::normalize(&article_key(&article));
    let mut aliases = vec![
        url::normalize(fetched_as),
        url::normalize(final_url),
        key.clone(),
    ];
    if let Some((feed_key, _)) = feed {
        aliases.push(feed_key.to_string());
    }
    if let Some(c) = &article.canonical_url {
        aliases.push(url::normalize(c));
    }
    aliases.sort();
    aliases.dedup();
    let feed_modified = feed.and_then(|(_, m)| m.map(str::to_string));
    ArticleRecord {
        key,
        url: fetched_as.to_string(),
        canonical_url: article.canonical_url.clone(),
        aliases,
        content_hash: content_hash(&article),
        published: article.published.clone(),
        modified: article.modified.clone().or(feed_modified),
        fetched: now_rfc3339(),
        facts,
    }
}

/// Extracts and analyses a loaded page on the blocking pool (at most
/// `jobs` at once): the CPU half of every article.
async fn analyse(
    acquirer: Acquirer,
    pipeline: Arc<Pipeline>,
    jobs: Arc<Semaphore>,
    page: Page,
    feed: Option<(String, Option<String>)>,
) -> Result<ArticleRecord, ItemError> {
    let name = page.name().to_string();
    let _cpu = jobs.acquire_owned().await;
    let job = tokio::task::spawn_blocking(move || {
        let fetched_as = page.raw().url.clone();
        let final_url = page.raw().final_url.clone();
        let (article, facts) = acquirer.process_page(page, None, |article| {
            let facts = pipeline.process(&article);
            (article, facts)
        })?;
        let feed = feed.as_ref().map(|(k, m)| (k.as_str(), m.as_deref()));
        Ok(record_of(article, facts, &fetched_as, &final_url, feed))
    });
    match job.await {
        Ok(r) => r,
        Err(e) => Err(ItemError::Internal {
            input: name,
            message: e.to_string(),
        }),
    }
}

/// Fetches and analyses a claimed URL.
async fn work_on(
    acquirer: Acquirer,
    pipeline: Arc<Pipeline>,
    jobs: Arc<Semaphore>,
    claim: Claim,
) -> (Claim, Result<ArticleRecord, ItemError>) {
    let result = match acquirer.load_one(&Input::Url(claim.url.clone())).await {
        Ok(page) => {
            let feed = Some((claim.key.clone(), claim.feed_modified.clone()));
            analyse(acquirer, pipeline, jobs, page, feed).await
        }
        Err(e) => Err(e),
    };
    (claim, result)
}

/// Reads one source: a feed gives its entries (a sitemap index its
/// children's, unless `stop` is set meanwhile), anything else is an article
/// page.
async fn read_source(
    acquirer: &Acquirer,
    stop: &AtomicBool,
    source: &Source,
) -> Result<Found, ItemError> {
    let page = match source {
        Source::Input { input, .. } => acquirer.load_one(input).await?,
        Source::FeedFile { path, .. } => acquirer.load_one(&Input::Html(path.clone())).await?,
        Source::Bad { name, .. } => {
            return Err(ItemError::Internal {
                input: name.clone(),
                message: "unusable source".to_string(),
            });
        }
    };
    let raw = page.raw();
    let is_feed = !page.is_text() && feeds::looks_like_feed(&raw.body, raw.content_type.as_deref());
    if !is_feed {
        if let Source::FeedFile { .. } = source {
            // Neither a feed nor a page newskg reads: say what it is not.
            feeds::parse(&raw.final_url, &raw.body, raw.content_type.as_deref())?;
        }
        return Ok(Found::Page(page));
    }
    if raw.final_url != raw.url {
        tracing::info!("feed {} moved to {}", raw.url, raw.final_url);
    }
    let feed = feeds::parse(&raw.final_url, &raw.body, raw.content_type.as_deref())?;
    let mut entries = feed.entries;
    for child in feed.sitemaps.iter().take(MAX_CHILD_SITEMAPS) {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let child_page = acquirer.fetcher().fetch(child).await?;
        let f = feeds::parse(
            &child_page.final_url,
            &child_page.body,
            child_page.content_type.as_deref(),
        )?;
        entries.extend(f.entries);
    }
    Ok(Found::Feed(entries))
}

impl<S: Store> Ingester<S> {
    /// An ingester storing into `store`.
    pub fn new(
        fetcher: Fetcher,
        extractor: article::Extractor,
        pipeline: Pipeline,
        store: S,
    ) -> Self {
        Ingester {
            acquirer: Acquirer::new(fetcher, extractor),
            pipeline: Arc::new(pipeline),
            store,
            stop: Arc::new(AtomicBool::new(false)),
            concurrency: DEFAULT_ARTICLE_CONCURRENCY,
            jobs: Arc::new(Semaphore::new(
                std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
            )),
            worker: WorkerId::this_process(),
            lease: DEFAULT_LEASE,
            enqueue_only: false,
            progress: None,
        }
    }

    /// Articles in progress at once (default [`DEFAULT_ARTICLE_CONCURRENCY`]).
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }

    /// Articles analysed at once (default: one per CPU core).
    pub fn jobs(mut self, n: usize) -> Self {
        self.jobs = Arc::new(Semaphore::new(n.max(1)));
        self
    }

    /// How long a claim lasts without renewal (default [`DEFAULT_LEASE`]);
    /// it is renewed every third of it while the worker lives.
    pub fn lease(mut self, lease: Duration) -> Self {
        self.lease = lease.max(Duration::from_secs(1));
        self
    }

    /// Rounds only discover and queue (`ingest --enqueue-only`); workers
    /// elsewhere do the rest. Pages given directly are still processed.
    pub fn enqueue_only(mut self, yes: bool) -> Self {
        self.enqueue_only = yes;
        self
    }

    /// Calls `f` with the report so far every `every` while working (a
    /// worker's progress lines); `f` may drain the failures it has logged.
    pub fn on_progress(
        mut self,
        every: Duration,
        f: impl FnMut(&mut RoundReport) + Send + 'static,
    ) -> Self {
        self.progress = Some((every, Box::new(f)));
        self
    }

    /// This process's name in the queue's claims.
    pub fn worker_id(&self) -> &WorkerId {
        &self.worker
    }

    /// Set it to stop: no new article is started, the ones in flight are
    /// finished and stored.
    pub fn stop_flag(&self) -> Arc<AtomicBool> {
        self.stop.clone()
    }

    /// The store.
    pub fn store(&self) -> &S {
        &self.store
    }

    fn stopped(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }

    /// One round: discovers `sources` and queues what they list, then
    /// (unless queueing only) works the queue until it is drained. Fails
    /// only when the store does; feed and article failures are in the
    /// report. Must run on a multi-threaded Tokio runtime.
    pub async fn round(&mut self, sources: &[String]) -> Result<RoundReport, StoreError> {
        let mut report = RoundReport::default();
        self.discover(sources, &mut report).await?;
        if !self.enqueue_only && !self.stopped() {
            self.work(Until::Drained, &mut report).await?;
        }
        report.interrupted = self.stopped();
        Ok(report)
    }

    /// Reads every source: feed entries go to the queue (new ones, and
    /// stored ones whose feed gives a later modification time), article
    /// pages given directly are processed and stored now.
    pub async fn discover(
        &mut self,
        sources: &[String],
        report: &mut RoundReport,
    ) -> Result<(), StoreError> {
        let mut resolved: Vec<Source> = sources.iter().flat_map(|s| Source::resolve(s)).collect();
        // An article URL already stored is not fetched at all (whether a
        // URL is a feed is only known once it is read, and feeds are never
        // stored as articles).
        let keys: Vec<String> = resolved
            .iter()
            .filter_map(|s| s.url().map(url::normalize))
            .collect();
        if !keys.is_empty() {
            let known = blocking(|| self.store.known_urls(&keys))?;
            let known: HashSet<&str> = keys
                .iter()
                .zip(&known)
                .filter(|(_, k)| k.is_some())
                .map(|(key, _)| key.as_str())
                .collect();
            let before = resolved.len();
            resolved.retain(|s| {
                s.url()
                    .is_none_or(|u| !known.contains(url::normalize(u).as_str()))
            });
            report.known += before - resolved.len();
        }
        // Sources that are neither a URL nor a readable path fail here.
        let (bad, mut resolved): (Vec<Source>, Vec<Source>) = resolved
            .into_iter()
            .partition(|s| matches!(s, Source::Bad { .. }));
        for source in bad {
            if let Source::Bad { name, error } = source {
                let e = ItemError::Input(error);
                if looks_like_feed_name(&name) {
                    let reason = e.to_string();
                    blocking(|| self.store.record_feed(&name, Err(&reason), &now_rfc3339()))?;
                    report.feed_failures.push(Failure::of(&name, &e));
                } else {
                    report.failures.push(Failure::of(&name, &e));
                }
            }
        }
        // The same article URL given twice is read once; feed entries for
        // a page given directly are not queued (the page is stored now).
        let mut seen = HashSet::new();
        resolved.retain(|s| s.url().is_none_or(|u| seen.insert(url::normalize(u))));
        let mut pages: Vec<Page> = Vec::new();
        let acquirer = self.acquirer.clone();
        let stop = self.stop.clone();
        let mut discovered = stream::iter(resolved)
            .map(|source| {
                let (acquirer, stop) = (acquirer.clone(), stop.clone());
                async move {
                    let result = read_source(&acquirer, &stop, &source).await;
                    (source, result)
                }
            })
            .buffered(self.concurrency);
        while let Some((source, result)) = discovered.next().await {
            if self.stopped() {
                report.interrupted = true;
                break;
            }
            match result {
                Ok(Found::Feed(entries)) => {
                    report.feeds_ok += 1;
                    let name = source.name().to_string();
                    let n = entries.len() as u64;
                    blocking(|| self.store.record_feed(&name, Ok(n), &now_rfc3339()))?;
                    self.queue_entries(entries, &mut seen, report)?;
                }
                Ok(Found::Page(page)) => {
                    report.pages += 1;
                    report.found += 1;
                    pages.push(page);
                    if pages.len() >= PENDING_PAGES {
                        self.store_pages(std::mem::take(&mut pages), report).await?;
                    }
                }
                Err(e) => {
                    let name = source.name().to_string();
                    let feed = match &source {
                        Source::FeedFile { .. } => true,
                        Source::Input {
                            input: Input::Url(u),
                            ..
                        } => looks_like_feed_name(u) || blocking(|| self.store.is_feed(&name))?,
                        _ => false,
                    } || matches!(e, ItemError::Feed(_));
                    tracing::debug!("source failed: {e}");
                    if feed {
                        let reason = e.to_string();
                        blocking(|| self.store.record_feed(&name, Err(&reason), &now_rfc3339()))?;
                        report.feed_failures.push(Failure::of(&name, &e));
                    } else {
                        report.failures.push(Failure::of(&name, &e));
                    }
                }
            }
        }
        self.store_pages(pages, report).await
    }

    /// Queues the entries of one feed that are neither already seen in this
    /// round nor stored (unless the feed says they changed).
    fn queue_entries(
        &mut self,
        entries: Vec<FeedEntry>,
        seen: &mut HashSet<String>,
        report: &mut RoundReport,
    ) -> Result<(), StoreError> {
        let entries: Vec<QueueEntry> = entries
            .into_iter()
            .filter_map(|e| {
                let key = url::normalize(&e.url);
                seen.insert(key.clone()).then(|| QueueEntry {
                    key,
                    url: e.url,
                    feed_modified: e.modified.or(e.published),
                })
            })
            .collect();
        report.found += entries.len();
        for chunk in entries.chunks(1000) {
            let keys: Vec<String> = chunk.iter().map(|e| e.key.clone()).collect();
            let known = blocking(|| self.store.known_urls(&keys))?;
            let todo: Vec<QueueEntry> = chunk
                .iter()
                .zip(known)
                .filter(|(e, k)| match k {
                    Some(k) => is_newer(e.feed_modified.as_deref(), k.modified.as_deref()),
                    None => true,
                })
                .map(|(e, _)| e.clone())
                .collect();
            report.known += chunk.len() - todo.len();
            report.queued += blocking(|| self.store.enqueue(&todo))? as usize;
        }
        Ok(())
    }

    /// Processes and stores article pages given directly.
    async fn store_pages(
        &mut self,
        pages: Vec<Page>,
        report: &mut RoundReport,
    ) -> Result<(), StoreError> {
        let stop = self.stop.clone();
        let (acquirer, pipeline, jobs) = (
            self.acquirer.clone(),
            self.pipeline.clone(),
            self.jobs.clone(),
        );
        let mut results = stream::iter(pages)
            .take_while(move |_| std::future::ready(!stop.load(Ordering::SeqCst)))
            .map(|page| {
                let name = page.name().to_string();
                let job = analyse(acquirer.clone(), pipeline.clone(), jobs.clone(), page, None);
                async move { (name, job.await) }
            })
            .buffer_unordered(self.concurrency);
        while let Some((name, result)) = results.next().await {
            match result {
                Ok(record) => {
                    let outcome = blocking(|| self.store.put_article(&record, None))?;
                    count(report, &record.key, outcome);
                }
                Err(e) => report.failures.push(Failure::of(&name, &e)),
            }
        }
        Ok(())
    }

    /// Works the queue: claims due URLs (as many as there are free slots),
    /// fetches, analyses and stores them, renewing the claims meanwhile,
    /// until `until` says to stop. A signal stops new claims; the ones in
    /// flight are finished.
    pub async fn work(&mut self, until: Until, report: &mut RoundReport) -> Result<(), StoreError> {
        let mut in_flight = FuturesUnordered::new();
        let mut held: HashSet<String> = HashSet::new();
        let renew_every = self.lease / 3;
        let mut renew_at = Instant::now() + renew_every;
        let mut progress_at = self
            .progress
            .as_ref()
            .map(|(every, _)| Instant::now() + *every);
        loop {
            if progress_at.is_some_and(|t| Instant::now() >= t)
                && let Some((every, f)) = self.progress.as_mut()
            {
                f(report);
                progress_at = Some(Instant::now() + *every);
            }
            let free = self.concurrency - in_flight.len();
            // Claim in batches (half the slots) rather than one at a time.
            if !self.stopped() && (in_flight.is_empty() || free >= (self.concurrency / 2).max(1)) {
                let (worker, lease) = (self.worker.clone(), self.lease);
                let claims = blocking(|| self.store.claim(&worker, free, lease))?;
                for claim in claims {
                    held.insert(claim.key.clone());
                    // A task of its own, so that fetching goes on while this
                    // loop waits for the store.
                    let job = work_on(
                        self.acquirer.clone(),
                        self.pipeline.clone(),
                        self.jobs.clone(),
                        claim.clone(),
                    );
                    in_flight.push(tokio::spawn(async move {
                        match std::panic::AssertUnwindSafe(job).catch_unwind().await {
                            Ok(done) => done,
                            Err(panic) => {
                                let e = ItemError::Internal {
                                    input: claim.url.clone(),
                                    message: crate::acquire::panic_message(panic.as_ref()),
                                };
                                (claim, Err(e))
                            }
                        }
                    }));
                }
            }
            if in_flight.is_empty() {
                if self.stopped() {
                    break;
                }
                if until == Until::Drained {
                    let q = blocking(|| self.store.queue_stats())?;
                    if q.drained() {
                        break;
                    }
                }
                tokio::time::sleep(IDLE_POLL).await;
                continue;
            }
            tokio::select! {
                Some(first) = in_flight.next() => {
                    // Whatever else has finished meanwhile is stored in the
                    // same commit. (A task only fails to join when the
                    // runtime shuts down; its claim then returns to the
                    // queue when its lease ends.)
                    let mut finished: Vec<_> = first.into_iter().collect();
                    while let Some(Some(more)) = in_flight.next().now_or_never() {
                        finished.extend(more);
                    }
                    for (claim, _) in &finished {
                        held.remove(&claim.key);
                    }
                    self.settle(finished, report)?;
                }
                _ = tokio::time::sleep_until(renew_at.into()) => {
                    let (worker, keys): (WorkerId, Vec<String>) =
                        (self.worker.clone(), held.iter().cloned().collect());
                    blocking(|| self.store.renew(&worker, &keys))?;
                    renew_at = Instant::now() + renew_every;
                }
            }
        }
        if let Some((_, f)) = self.progress.as_mut() {
            f(report);
        }
        report.interrupted |= self.stopped();
        Ok(())
    }

    /// Stores what became of finished claims: the articles in one commit,
    /// the failures back to the queue.
    fn settle(
        &mut self,
        finished: Vec<(Claim, Result<ArticleRecord, ItemError>)>,
        report: &mut RoundReport,
    ) -> Result<(), StoreError> {
        let mut stored = Vec::new();
        for (claim, result) in finished {
            match result {
                Ok(record) => stored.push((record, claim)),
                Err(e) => {
                    tracing::debug!("article failed: {e}");
                    let release = queue::release_for(&claim, &e);
                    if matches!(release, Release::Retry { .. }) {
                        report.retry_later += 1;
                    }
                    let worker = self.worker.clone();
                    blocking(|| self.store.release(&worker, &claim, release))?;
                    report.failures.push(Failure::of(&claim.url, &e));
                }
            }
        }
        if !stored.is_empty() {
            let outcomes = blocking(|| self.store.put_claimed(&stored))?;
            for ((record, _), outcome) in stored.iter().zip(outcomes) {
                count(report, &record.key, outcome);
            }
        }
        Ok(())
    }
}

fn count(report: &mut RoundReport, key: &str, outcome: PutOutcome) {
    match outcome {
        PutOutcome::Added => {
            tracing::info!("added {key}");
            report.added += 1;
        }
        PutOutcome::Updated => {
            tracing::info!("updated {key}");
            report.updated += 1;
        }
        PutOutcome::Unchanged => report.unchanged += 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newer_times() {
        assert!(is_newer(
            Some("2026-11-02T10:00:00+09:00"),
            Some("2026-11-02T09:00:00+09:00")
        ));
        assert!(!is_newer(
            Some("2026-11-02T09:00:00+09:00"),
            Some("2026-11-02T00:00:00Z")
        ));
        assert!(is_newer(
            Some("Tue, 03 Nov 2026 09:00:00 +0900"),
            Some("Mon, 02 Nov 2026 09:00:00 +0900")
        ));
        assert!(!is_newer(None, Some("x")));
        assert!(is_newer(Some("x"), None));
    }

    #[test]
    fn sources_go_through_the_input_rules() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.xml"), "<rss/>").unwrap();
        std::fs::write(dir.path().join("b.txt"), "본문").unwrap();
        let feed = dir.path().join("a.xml").display().to_string();
        assert!(matches!(
            Source::resolve(&feed)[..],
            [Source::FeedFile { .. }]
        ));
        let text = dir.path().join("b.txt").display().to_string();
        assert!(matches!(
            Source::resolve(&text)[..],
            [Source::Input {
                input: Input::Text(_),
                ..
            }]
        ));
        assert!(matches!(
            Source::resolve("https://a.example/rss")[..],
            [Source::Input {
                input: Input::Url(_),
                ..
            }]
        ));
        assert!(matches!(
            Source::resolve("/no/such/feed.xml")[..],
            [Source::Bad { .. }]
        ));
    }

    #[test]
    fn feed_urls_by_their_path() {
        for u in [
            "https://n.example/rss.xml",
            "https://n.example/rss/economy",
            "https://n.example/sitemap_index.xml",
            "https://n.example/feed",
        ] {
            assert!(looks_like_feed_name(u), "{u}");
        }
        assert!(looks_like_feed_name("feeds/economy.xml"));
        assert!(!looks_like_feed_name("https://n.example/news/123"));
        assert!(!looks_like_feed_name("https://n.example/article/view?id=7"));
        assert!(!looks_like_feed_name("pages/123.html"));
    }
}
