//! The ingestion store: articles with the facts the pipeline found in them,
//! the URLs that lead to each article, and the state of every feed.
//!
//! Takes [`ArticleRecord`]s (an article's metadata plus its
//! [`ArticleFacts`]) from [`crate::ingest`]; gives back the facts of a time
//! window for export and the figures for `newskg stats`.
//!
//! # Architecture
//!
//! - [`Store`]: the small interface ingestion and export need. It is all a
//!   second backend (PostgreSQL, many workers, see README "Scale-out") has to
//!   implement.
//! - [`sqlite`]: the default backend, one embedded SQLite file (WAL,
//!   `synchronous=FULL`, one transaction per article, versioned schema with
//!   forward migrations).
//!
//! Every article is stored whole or not at all, and its mentions and
//! relations are replaced, never duplicated, when it changes.

pub mod sqlite;

use crate::graph::ArticleFacts;

pub use sqlite::{SCHEMA_VERSION, SqliteStore};

/// Why a store operation failed. Messages name the database and the operation.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// An SQL operation failed.
    #[error("{db}: {op}: {source}")]
    Sql {
        /// The database file.
        db: String,
        /// What was being done.
        op: &'static str,
        /// The SQLite error.
        source: rusqlite::Error,
    },
    /// Another process holds the write lock for longer than the busy timeout.
    #[error(
        "{db}: another newskg process (ingest or watch) is writing to this database; \
         waited {waited_secs} s for it, giving up"
    )]
    Busy {
        /// The database file.
        db: String,
        /// How long we waited.
        waited_secs: u64,
    },
    /// The database was written by a newer newskg.
    #[error(
        "{db}: schema version {found} was written by a newer newskg (this one knows up to \
         version {known}); upgrade newskg, or use another --db"
    )]
    TooNew {
        /// The database file.
        db: String,
        /// Its schema version.
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// Stored facts could not be decoded.
    #[error("{db}: article {key}: stored facts are unreadable: {reason}")]
    Corrupt {
        /// The database file.
        db: String,
        /// The article key.
        key: String,
        /// What failed.
        reason: String,
    },
}

/// One article as ingestion stores it.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRecord {
    /// The article's identity: its normalised canonical URL (else URL).
    pub key: String,
    /// The URL it was fetched from.
    pub url: String,
    /// Its canonical URL, if the page gave one.
    pub canonical_url: Option<String>,
    /// Every normalised URL known to lead to it (feed link, final URL after
    /// redirects, canonical URL); later discoveries of these are skipped.
    pub aliases: Vec<String>,
    /// Digest of title and body; a change means the article was updated.
    pub content_hash: String,
    /// Publication time, RFC 3339.
    pub published: Option<String>,
    /// Modification time, RFC 3339 (from the page or the feed).
    pub modified: Option<String>,
    /// When it was fetched, RFC 3339 UTC.
    pub fetched: String,
    /// What the pipeline found in it.
    pub facts: ArticleFacts,
}

/// What storing an article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PutOutcome {
    /// A new article.
    Added,
    /// A known article whose content changed: its facts were replaced.
    Updated,
    /// A known article, unchanged (its URL aliases may have grown).
    Unchanged,
}

/// What is known about a URL before fetching it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownUrl {
    /// The key of the article it leads to.
    pub key: String,
    /// The modification time the feed gave when the URL was last fetched.
    pub modified: Option<String>,
}

/// A feed's last outcome, for `newskg stats`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedStatus {
    /// The feed URL as listed.
    pub url: String,
    /// Last time it was read successfully, RFC 3339 UTC.
    pub last_success: Option<String>,
    /// Last time it failed.
    pub last_failure: Option<String>,
    /// Why it last failed.
    pub last_error: Option<String>,
    /// Entries in the last successful read.
    pub entries: u64,
}

/// Counts for `newskg stats`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stats {
    /// Stored articles.
    pub articles: u64,
    /// Distinct entities.
    pub entities: u64,
    /// Stored relations (typed, not co-occurrence).
    pub relations: u64,
    /// Stored entity mentions (entity × article).
    pub mentions: u64,
    /// Earliest and latest publication date.
    pub dates: Option<(String, String)>,
    /// Every feed and its last outcome.
    pub feeds: Vec<FeedStatus>,
}

/// A publication-date window, inclusive, `YYYY-MM-DD` (either end open).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Window {
    /// First day included.
    pub since: Option<String>,
    /// Last day included.
    pub until: Option<String>,
}

impl Window {
    /// Whether the window is unbounded (everything, undated articles too).
    pub fn is_all(&self) -> bool {
        self.since.is_none() && self.until.is_none()
    }
}

/// The interface ingestion and export use; see README "Scale-out" for how a
/// PostgreSQL backend implements it for many workers.
pub trait Store {
    /// The article a (normalised) URL leads to, if it was stored.
    fn known_url(&self, url: &str) -> Result<Option<KnownUrl>, StoreError>;
    /// Stores one article atomically: new, replaced when its content
    /// changed, or left as it is. `feed_modified` is the time the feed gave
    /// for the entry, remembered for the URL aliases.
    fn put_article(
        &mut self,
        record: &ArticleRecord,
        feed_modified: Option<&str>,
    ) -> Result<PutOutcome, StoreError>;
    /// Records a feed read: `Ok(entries)` or `Err(reason)`.
    fn record_feed(
        &mut self,
        url: &str,
        outcome: Result<u64, &str>,
        at: &str,
    ) -> Result<(), StoreError>;
    /// Hands the facts of every article published in `window` to `visit`,
    /// one at a time, ordered by key: a window of any size is never all in
    /// memory. Stops at `visit`'s first error.
    fn each_fact(
        &self,
        window: &Window,
        visit: &mut dyn FnMut(ArticleFacts) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;
    /// The facts of every article published in `window`, ordered by key,
    /// all at once (see [`Store::each_fact`]).
    fn facts(&self, window: &Window) -> Result<Vec<ArticleFacts>, StoreError> {
        let mut out = Vec::new();
        self.each_fact(window, &mut |f| {
            out.push(f);
            Ok(())
        })?;
        Ok(out)
    }
    /// Counts and feed states.
    fn stats(&self) -> Result<Stats, StoreError>;
}
