//! Scheduled ingestion: feeds and sitemaps → new article URLs → articles →
//! facts → the [`Store`].
//!
//! Takes a list of sources (feed, sitemap or article URLs, or local files);
//! each [`Ingester::round`] reads every feed, skips URLs the store already
//! knows (by their normalised form, [`url::normalize`]), fetches the new
//! ones with the polite [`Fetcher`] (robots.txt, per-host delay, cache),
//! extracts and processes them with the [`Pipeline`] and stores each
//! article in its own transaction. It gives out a [`RoundReport`]: what the
//! round found, added, updated and what failed. One failing feed or article
//! never stops the round.
//!
//! # Architecture
//!
//! - [`feeds`]: RSS/Atom/sitemap parsing with the fetcher's charset decoding.
//! - [`url`]: the de-duplication key of a URL.
//! - [`select`]: stored facts → the graph of a window or a neighbourhood.
//!
//! `newskg ingest` runs one round, `newskg watch` one every interval; both
//! set [`Ingester::stop_flag`] on SIGINT/SIGTERM, after which no new article
//! is started and the ones in flight are finished and stored.

pub mod feeds;
pub mod select;
pub mod url;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use futures_util::stream::{self, StreamExt};
use sha2::{Digest, Sha256};

use crate::article::{self, Article};
use crate::fetch::{FetchError, Fetcher, RawPage};
use crate::pipeline::{Pipeline, article_key};
use crate::store::{ArticleRecord, PutOutcome, Store, StoreError};

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

/// Why one feed or article failed. Messages name the URL.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// Fetching failed (HTTP status, timeout, robots.txt...).
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// The feed could not be parsed.
    #[error(transparent)]
    Feed(#[from] FeedError),
    /// The page is not an article.
    #[error(transparent)]
    Article(#[from] article::ArticleError),
    /// A local file could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Processing crashed; a bug, reported instead of ending the round.
    #[error("{url}: internal error: {message}")]
    Internal {
        /// The article.
        url: String,
        /// What happened.
        message: String,
    },
}

/// What one round did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoundReport {
    /// Feeds read successfully.
    pub feeds_ok: usize,
    /// Feeds that failed, with the reason (which names the feed).
    pub feed_failures: Vec<(String, String)>,
    /// Entry URLs found in the feeds (after removing duplicates).
    pub found: usize,
    /// Of those, already stored and not modified since.
    pub known: usize,
    /// New articles stored.
    pub added: usize,
    /// Stored articles replaced by a changed version.
    pub updated: usize,
    /// Fetched again but unchanged (or another URL of a stored article).
    pub unchanged: usize,
    /// Articles that failed, with the reason (which names the URL).
    pub failures: Vec<(String, String)>,
    /// Whether the round was stopped early by a signal.
    pub interrupted: bool,
}

/// A source: where to look for article URLs.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Source {
    Url(String),
    File(PathBuf),
}

impl Source {
    fn parse(s: &str) -> Source {
        let lower = s.to_ascii_lowercase();
        if lower.starts_with("http://") || lower.starts_with("https://") {
            return Source::Url(s.to_string());
        }
        if let Ok(u) = ::url::Url::parse(s)
            && u.scheme() == "file"
            && let Ok(p) = u.to_file_path()
        {
            return Source::File(p);
        }
        Source::File(PathBuf::from(s))
    }

    fn name(&self) -> String {
        match self {
            Source::Url(u) => u.clone(),
            Source::File(p) => p.display().to_string(),
        }
    }
}

/// One URL to fetch, with the times its feed gave.
#[derive(Debug, Clone)]
struct Candidate {
    url: String,
    key: String,
    feed_modified: Option<String>,
    /// Already-fetched bytes (an article given directly as a source).
    page: Option<RawPage>,
}

/// Runs ingestion rounds against a store.
pub struct Ingester<S: Store> {
    fetcher: Fetcher,
    extractor: Arc<article::Extractor>,
    pipeline: Arc<Pipeline>,
    store: S,
    stop: Arc<AtomicBool>,
    concurrency: usize,
}

impl<S: Store> std::fmt::Debug for Ingester<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Ingester").finish_non_exhaustive()
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

impl<S: Store> Ingester<S> {
    /// An ingester storing into `store`.
    pub fn new(
        fetcher: Fetcher,
        extractor: article::Extractor,
        pipeline: Pipeline,
        store: S,
    ) -> Self {
        Ingester {
            fetcher,
            extractor: Arc::new(extractor),
            pipeline: Arc::new(pipeline),
            store,
            stop: Arc::new(AtomicBool::new(false)),
            concurrency: DEFAULT_ARTICLE_CONCURRENCY,
        }
    }

    /// Articles in progress at once (default [`DEFAULT_ARTICLE_CONCURRENCY`]).
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }

    /// Set it to stop the round: no new article is started, the ones in
    /// flight are finished and stored.
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

    /// Runs one round over `sources`. Fails only when the store does
    /// (another writer held it too long, disk full); feed and article
    /// failures are in the report.
    pub async fn round(&mut self, sources: &[String]) -> Result<RoundReport, StoreError> {
        let mut report = RoundReport::default();
        let mut candidates: Vec<Candidate> = Vec::new();
        let mut seen = HashSet::new();
        let mut pages = 0;
        let now = || chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        // Sources are read several at a time (the fetcher keeps that polite
        // per host), their results taken in order.
        let fetcher = self.fetcher.clone();
        let stop = self.stop.clone();
        let mut discovered = stream::iter(sources)
            .map(|s| {
                let (fetcher, stop) = (fetcher.clone(), stop.clone());
                async move {
                    let source = Source::parse(s);
                    let result = discover(&fetcher, &stop, &source).await;
                    (s, source, result)
                }
            })
            .buffered(self.concurrency);
        while let Some((s, source, result)) = discovered.next().await {
            if self.stopped() {
                report.interrupted = true;
                return Ok(report);
            }
            match result {
                Ok(found) => {
                    report.feeds_ok += 1;
                    self.store.record_feed(s, Ok(found.len() as u64), &now())?;
                    pages += found.iter().filter(|c| c.page.is_some()).count();
                    candidates.extend(found);
                }
                Err(e) => {
                    let reason = e.to_string();
                    tracing::debug!("feed failed: {reason}");
                    self.store.record_feed(s, Err(&reason), &now())?;
                    report.feed_failures.push((source.name(), reason));
                }
            }
            // An article given directly comes with its page: process them a
            // group at a time rather than holding every page of a long
            // list of saved pages in memory first.
            if pages >= PENDING_PAGES {
                self.settle(std::mem::take(&mut candidates), &mut seen, &mut report)
                    .await?;
                pages = 0;
            }
        }
        self.settle(candidates, &mut seen, &mut report).await?;
        report.interrupted = self.stopped();
        Ok(report)
    }

    /// Processes and stores `candidates` (those not seen earlier in the
    /// round nor already stored), counting what became of them.
    async fn settle(
        &mut self,
        candidates: Vec<Candidate>,
        seen: &mut HashSet<String>,
        report: &mut RoundReport,
    ) -> Result<(), StoreError> {
        // Drop duplicates within the round and URLs already stored.
        let mut todo = Vec::new();
        for c in candidates {
            if !seen.insert(c.key.clone()) {
                continue;
            }
            report.found += 1;
            if let Some(known) = self.store.known_url(&c.key)?
                && c.page.is_none()
                && !is_newer(c.feed_modified.as_deref(), known.modified.as_deref())
            {
                report.known += 1;
                continue;
            }
            todo.push(c);
        }
        let stop = self.stop.clone();
        let fetcher = self.fetcher.clone();
        let extractor = self.extractor.clone();
        let pipeline = self.pipeline.clone();
        let mut results = stream::iter(todo)
            .take_while(move |_| std::future::ready(!stop.load(Ordering::SeqCst)))
            .map(|c| {
                let fetcher = fetcher.clone();
                let extractor = extractor.clone();
                let pipeline = pipeline.clone();
                async move {
                    let result = process(&fetcher, extractor, pipeline, &c).await;
                    (c, result)
                }
            })
            .buffer_unordered(self.concurrency);
        while let Some((c, result)) = results.next().await {
            match result {
                Ok(record) => match self
                    .store
                    .put_article(&record, c.feed_modified.as_deref())?
                {
                    PutOutcome::Added => {
                        tracing::info!("added {}", record.key);
                        report.added += 1
                    }
                    PutOutcome::Updated => {
                        tracing::info!("updated {}", record.key);
                        report.updated += 1
                    }
                    PutOutcome::Unchanged => report.unchanged += 1,
                },
                Err(e) => {
                    tracing::debug!("article failed: {e}");
                    report.failures.push((c.url.clone(), e.to_string()));
                }
            }
        }
        Ok(())
    }
}

/// Reads a source's bytes.
async fn read(fetcher: &Fetcher, source: &Source) -> Result<RawPage, IngestError> {
    match source {
        Source::Url(u) => Ok(fetcher.fetch(u).await?),
        Source::File(p) => RawPage::from_file(p).map_err(|source| IngestError::Read {
            path: p.display().to_string(),
            source,
        }),
    }
}

/// Reads one source: a feed gives its entries (a sitemap index its
/// children's, unless `stop` is set meanwhile), anything else is taken as
/// an article page.
async fn discover(
    fetcher: &Fetcher,
    stop: &AtomicBool,
    source: &Source,
) -> Result<Vec<Candidate>, IngestError> {
    let page = read(fetcher, source).await?;
    if !feeds::looks_like_feed(&page.body, page.content_type.as_deref()) {
        return Ok(vec![Candidate {
            key: url::normalize(&page.url),
            url: page.url.clone(),
            feed_modified: None,
            page: Some(page),
        }]);
    }
    if page.final_url != page.url {
        tracing::info!("feed {} moved to {}", page.url, page.final_url);
    }
    let feed = feeds::parse(&page.final_url, &page.body, page.content_type.as_deref())?;
    let mut entries = feed.entries;
    for child in feed.sitemaps.iter().take(MAX_CHILD_SITEMAPS) {
        if stop.load(Ordering::SeqCst) {
            break;
        }
        let child_page = fetcher.fetch(child).await?;
        let f = feeds::parse(
            &child_page.final_url,
            &child_page.body,
            child_page.content_type.as_deref(),
        )?;
        entries.extend(f.entries);
    }
    Ok(entries
        .into_iter()
        .map(|e| Candidate {
            key: url::normalize(&e.url),
            url: e.url,
            feed_modified: e.modified.or(e.published),
            page: None,
        })
        .collect())
}

/// Fetches, extracts and processes one article (CPU work on the blocking pool).
async fn process(
    fetcher: &Fetcher,
    extractor: Arc<article::Extractor>,
    pipeline: Arc<Pipeline>,
    c: &Candidate,
) -> Result<ArticleRecord, IngestError> {
    let page = match &c.page {
        Some(p) => p.clone(),
        None => fetcher.fetch(&c.url).await?,
    };
    let url = c.url.clone();
    let feed_key = c.key.clone();
    let final_url = page.final_url.clone();
    let job = tokio::task::spawn_blocking(move || {
        let article = extractor.extract(&page)?;
        let facts = pipeline.process(&article);
        Ok::<_, IngestError>((article, facts))
    });
    let (article, facts) = match job.await {
        Ok(r) => r?,
        Err(e) => {
            return Err(IngestError::Internal {
                url,
                message: e.to_string(),
            });
        }
    };
    let key = url::normalize(&article_key(&article));
    let mut aliases = vec![feed_key, url::normalize(&final_url), key.clone()];
    if let Some(c) = &article.canonical_url {
        aliases.push(url::normalize(c));
    }
    aliases.sort();
    aliases.dedup();
    Ok(ArticleRecord {
        key,
        url: c.url.clone(),
        canonical_url: article.canonical_url.clone(),
        aliases,
        content_hash: content_hash(&article),
        published: article.published.clone(),
        modified: article.modified.clone().or_else(|| c.feed_modified.clone()),
        fetched: chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        facts,
    })
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
    fn sources() {
        assert_eq!(
            Source::parse("https://a.example/rss"),
            Source::Url("https://a.example/rss".into())
        );
        assert_eq!(
            Source::parse("feeds/a.xml"),
            Source::File(PathBuf::from("feeds/a.xml"))
        );
    }
}
