//! The ingestion store: articles with the facts the pipeline found in them,
//! the URLs that lead to each article, the state of every feed, and the
//! shared work queue of URLs to fetch.
//!
//! Takes [`ArticleRecord`]s (an article's metadata plus its
//! [`ArticleFacts`]) from [`crate::ingest`]; gives back the facts of a time
//! window for export and the figures for `newskg stats`.
//!
//! # Architecture
//!
//! - [`Store`]: the interface ingestion, workers, export and `db copy` use;
//!   [`open`] picks the backend from the `--db` value ([`Location`]).
//! - [`sqlite`]: one embedded SQLite file (WAL, `synchronous=FULL`, one
//!   transaction per article, versioned schema with forward migrations).
//! - [`pg`]: a PostgreSQL server shared by any number of workers on any
//!   number of machines: the same tables, the queue claimed with
//!   `FOR UPDATE SKIP LOCKED`, per-host politeness for the whole fleet,
//!   reconnection with back-off when the server goes away.
//! - [`queue`]: the queue's vocabulary (entries, claims, leases, back-off).
//! - [`copy`]: one store into another (`newskg db copy`).
//!
//! Every article is stored whole or not at all, and its mentions and
//! relations are replaced, never duplicated, when it changes.

pub mod copy;
pub mod pg;
pub mod queue;
pub mod sqlite;

use std::path::PathBuf;
use std::time::Duration;

use crate::graph::ArticleFacts;

pub use pg::PgStore;
pub use queue::{Claim, QueueEntry, QueueStats, Release, WorkerId};
pub use sqlite::{SCHEMA_VERSION, SqliteStore};

/// Why a store operation failed. Messages name the database (never its
/// password) and the operation.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// An SQLite operation failed.
    #[error("{db}: {op}: {source}")]
    Sql {
        /// The database file.
        db: String,
        /// What was being done.
        op: &'static str,
        /// The SQLite error.
        source: rusqlite::Error,
    },
    /// A PostgreSQL operation failed.
    #[error("{db}: {op}: {}", pg::reason(.source))]
    Pg {
        /// The server and database (`postgres://user@host:port/db`).
        db: String,
        /// What was being done.
        op: &'static str,
        /// The client's error.
        source: postgres::Error,
    },
    /// The server could not be reached for longer than the retry window.
    #[error("{db}: {op}: the server has been unreachable for {waited_secs} s, giving up: {reason}")]
    Unavailable {
        /// The server and database.
        db: String,
        /// What was being done.
        op: &'static str,
        /// How long we kept retrying.
        waited_secs: u64,
        /// The last error.
        reason: String,
    },
    /// The `--db` value or the connection settings are unusable.
    #[error("{db}: {reason}")]
    Config {
        /// The database as given (password hidden).
        db: String,
        /// What is wrong.
        reason: String,
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
        /// The database.
        db: String,
        /// Its schema version.
        found: i64,
        /// The newest version this build knows.
        known: i64,
    },
    /// Stored facts could not be decoded.
    #[error("{db}: article {key}: stored facts are unreadable: {reason}")]
    Corrupt {
        /// The database.
        db: String,
        /// The article key.
        key: String,
        /// What failed.
        reason: String,
    },
}

/// Where a store lives, as the `--db` value says: a `postgres://` or
/// `postgresql://` URL is a PostgreSQL server, anything else an SQLite file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL.
    Postgres(String),
}

impl Location {
    /// Reads a `--db` value.
    pub fn parse(value: &str) -> Location {
        let lower = value.trim_start().to_ascii_lowercase();
        if lower.starts_with("postgres://") || lower.starts_with("postgresql://") {
            Location::Postgres(value.trim().to_string())
        } else {
            Location::Sqlite(PathBuf::from(value))
        }
    }

    /// The location for messages: the file, or the URL without its password.
    pub fn describe(&self) -> String {
        match self {
            Location::Sqlite(p) => p.display().to_string(),
            Location::Postgres(url) => pg::redact(url),
        }
    }
}

/// How [`open`] opens a store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenOptions {
    /// Create an SQLite file that does not exist (ingestion); export and
    /// stats refuse a missing one instead.
    pub create: bool,
    /// SQLite: how long a writer waits for another one.
    pub busy_timeout: Duration,
    /// PostgreSQL: how long an operation keeps retrying while the server is
    /// unreachable (restarting, failing over) before it fails.
    pub retry_for: Duration,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            create: true,
            busy_timeout: sqlite::DEFAULT_BUSY_TIMEOUT,
            retry_for: pg::DEFAULT_RETRY_FOR,
        }
    }
}

/// Opens the store `db` names (see [`Location`]), migrating its schema
/// forward; a database written by a newer newskg is refused.
pub fn open(db: &str, options: OpenOptions) -> Result<Box<dyn Store + Send>, StoreError> {
    match Location::parse(db) {
        Location::Sqlite(path) => {
            if !options.create && !path.exists() {
                return Err(StoreError::Config {
                    db: path.display().to_string(),
                    reason: "no such database (run newskg ingest first)".to_string(),
                });
            }
            Ok(Box::new(SqliteStore::open_with_timeout(
                &path,
                options.busy_timeout,
            )?))
        }
        Location::Postgres(url) => Ok(Box::new(PgStore::connect(&url, options.retry_for)?)),
    }
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
    /// The work queue.
    pub queue: QueueStats,
    /// The database's size on disk, when the backend can tell.
    pub bytes: Option<u64>,
}

/// An article as stored, with every URL that leads to it: what
/// `newskg db copy` carries from one store to another.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredArticle {
    /// The article (its `aliases` are in `urls`).
    pub record: ArticleRecord,
    /// Every URL key leading to it, with the feed time remembered for it.
    pub urls: Vec<(String, Option<String>)>,
}

/// A row of the `entities` table (the labels an entity was first stored with).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRow {
    /// The canonical id.
    pub id: String,
    /// Its type.
    pub kind: String,
    /// Korean label.
    pub label_ko: String,
    /// English label.
    pub label_en: String,
}

/// A row of the `url_queue` table, for `newskg db copy`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueRow {
    /// The entry.
    pub entry: QueueEntry,
    /// `todo`, `done` or `failed` (claims are copied as `todo`).
    pub state: String,
    /// Failed attempts.
    pub attempts: u32,
    /// The last failure.
    pub last_error: Option<String>,
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

/// The interface ingestion, the workers, export and `db copy` use. Every
/// method is one transaction (or none); a backend that reconnects retries
/// an operation whole, so a lost connection never leaves half of one.
///
/// The methods block: async code calls them through [`blocking`].
pub trait Store {
    /// The database for messages: the file, or the server and database
    /// without the password.
    fn describe(&self) -> String;
    /// The schema version of the open database.
    fn schema_version(&self) -> Result<i64, StoreError>;
    /// Per-host politeness shared by every process working on this store,
    /// when the backend can keep it (PostgreSQL); `None`: each process keeps
    /// its own.
    fn shared_hosts(&self) -> Option<std::sync::Arc<dyn crate::fetch::host::SharedHosts>> {
        None
    }
    /// The article a (normalised) URL leads to, if it was stored.
    fn known_url(&self, url: &str) -> Result<Option<KnownUrl>, StoreError>;
    /// [`Store::known_url`] for many URLs at once, in order.
    fn known_urls(&self, urls: &[String]) -> Result<Vec<Option<KnownUrl>>, StoreError> {
        urls.iter().map(|u| self.known_url(u)).collect()
    }
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
    /// Whether `url` has ever been read as a feed (so a failure to read it
    /// is a feed's failure, not an article's).
    fn is_feed(&self, url: &str) -> Result<bool, StoreError>;
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
    /// Counts, feed states and the queue.
    fn stats(&self) -> Result<Stats, StoreError>;

    // The work queue (see [`queue`]).

    /// Queues URLs discovery found, new ones as `todo`; one already queued
    /// is left as it is, unless it was `done` or `failed` and the feed now
    /// gives a later modification time (then it is `todo` again). The
    /// caller has already dropped URLs whose article is stored and
    /// unchanged. Returns how many became `todo`.
    fn enqueue(&mut self, entries: &[QueueEntry]) -> Result<u64, StoreError>;
    /// Claims up to `n` due entries for `worker`, oldest first, returning
    /// to `todo` first the claims whose lease (`lease`) ended and those of
    /// dead processes of this machine. Concurrent workers never get the
    /// same entry.
    fn claim(
        &mut self,
        worker: &WorkerId,
        n: usize,
        lease: Duration,
    ) -> Result<Vec<Claim>, StoreError>;
    /// Renews the lease of `worker`'s claims on `keys` (the ones it is
    /// working on); how many it still holds. A claim the worker lost track
    /// of (its connection broke while claiming) is not renewed and returns
    /// to the queue when its lease ends.
    fn renew(&mut self, worker: &WorkerId, keys: &[String]) -> Result<u64, StoreError>;
    /// [`Store::put_article`] for claimed entries, marking each `done` in
    /// the same transaction: several articles that finished together are
    /// stored in one commit (a worker waits for its commits; this is what
    /// keeps it busy).
    fn put_claimed(
        &mut self,
        done: &[(ArticleRecord, Claim)],
    ) -> Result<Vec<PutOutcome>, StoreError>;
    /// Gives a claim back without an article (see [`Release`]). Ignored
    /// when the claim is no longer `worker`'s (its lease ended and another
    /// worker took it).
    fn release(
        &mut self,
        worker: &WorkerId,
        claim: &Claim,
        release: Release,
    ) -> Result<(), StoreError>;
    /// What the queue holds.
    fn queue_stats(&self) -> Result<QueueStats, StoreError>;

    // Copying (`newskg db copy`).

    /// Hands every stored article, ordered by key, to `visit`.
    fn each_stored(
        &self,
        visit: &mut dyn FnMut(StoredArticle) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;
    /// Stores copied articles (as [`Store::put_article`] would, keeping
    /// their URLs' feed times) in one transaction.
    fn put_stored(&mut self, articles: &[StoredArticle]) -> Result<(), StoreError>;
    /// Every row of the `entities` table.
    fn entity_rows(&self) -> Result<Vec<EntityRow>, StoreError>;
    /// Sets entity rows (labels included) as given.
    fn put_entity_rows(&mut self, rows: &[EntityRow]) -> Result<(), StoreError>;
    /// Sets a feed's state as given.
    fn put_feed(&mut self, feed: &FeedStatus) -> Result<(), StoreError>;
    /// Every queue row.
    fn queue_rows(&self) -> Result<Vec<QueueRow>, StoreError>;
    /// Sets queue rows as given.
    fn put_queue_rows(&mut self, rows: &[QueueRow]) -> Result<(), StoreError>;
}

impl<S: Store + ?Sized> Store for Box<S> {
    fn describe(&self) -> String {
        (**self).describe()
    }
    fn schema_version(&self) -> Result<i64, StoreError> {
        (**self).schema_version()
    }
    fn shared_hosts(&self) -> Option<std::sync::Arc<dyn crate::fetch::host::SharedHosts>> {
        (**self).shared_hosts()
    }
    fn known_url(&self, url: &str) -> Result<Option<KnownUrl>, StoreError> {
        (**self).known_url(url)
    }
    fn known_urls(&self, urls: &[String]) -> Result<Vec<Option<KnownUrl>>, StoreError> {
        (**self).known_urls(urls)
    }
    fn put_article(
        &mut self,
        record: &ArticleRecord,
        feed_modified: Option<&str>,
    ) -> Result<PutOutcome, StoreError> {
        (**self).put_article(record, feed_modified)
    }
    fn record_feed(
        &mut self,
        url: &str,
        outcome: Result<u64, &str>,
        at: &str,
    ) -> Result<(), StoreError> {
        (**self).record_feed(url, outcome, at)
    }
    fn is_feed(&self, url: &str) -> Result<bool, StoreError> {
        (**self).is_feed(url)
    }
    fn each_fact(
        &self,
        window: &Window,
        visit: &mut dyn FnMut(ArticleFacts) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        (**self).each_fact(window, visit)
    }
    fn stats(&self) -> Result<Stats, StoreError> {
        (**self).stats()
    }
    fn enqueue(&mut self, entries: &[QueueEntry]) -> Result<u64, StoreError> {
        (**self).enqueue(entries)
    }
    fn claim(
        &mut self,
        worker: &WorkerId,
        n: usize,
        lease: Duration,
    ) -> Result<Vec<Claim>, StoreError> {
        (**self).claim(worker, n, lease)
    }
    fn renew(&mut self, worker: &WorkerId, keys: &[String]) -> Result<u64, StoreError> {
        (**self).renew(worker, keys)
    }
    fn put_claimed(
        &mut self,
        done: &[(ArticleRecord, Claim)],
    ) -> Result<Vec<PutOutcome>, StoreError> {
        (**self).put_claimed(done)
    }
    fn release(
        &mut self,
        worker: &WorkerId,
        claim: &Claim,
        release: Release,
    ) -> Result<(), StoreError> {
        (**self).release(worker, claim, release)
    }
    fn queue_stats(&self) -> Result<QueueStats, StoreError> {
        (**self).queue_stats()
    }
    fn each_stored(
        &self,
        visit: &mut dyn FnMut(StoredArticle) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        (**self).each_stored(visit)
    }
    fn put_stored(&mut self, articles: &[StoredArticle]) -> Result<(), StoreError> {
        (**self).put_stored(articles)
    }
    fn entity_rows(&self) -> Result<Vec<EntityRow>, StoreError> {
        (**self).entity_rows()
    }
    fn put_entity_rows(&mut self, rows: &[EntityRow]) -> Result<(), StoreError> {
        (**self).put_entity_rows(rows)
    }
    fn put_feed(&mut self, feed: &FeedStatus) -> Result<(), StoreError> {
        (**self).put_feed(feed)
    }
    fn queue_rows(&self) -> Result<Vec<QueueRow>, StoreError> {
        (**self).queue_rows()
    }
    fn put_queue_rows(&mut self, rows: &[QueueRow]) -> Result<(), StoreError> {
        (**self).put_queue_rows(rows)
    }
}

/// Runs a blocking store call from async code: on a multi-threaded Tokio
/// runtime the worker thread hands its other tasks over for the duration
/// ([`tokio::task::block_in_place`]); elsewhere it simply runs.
pub fn blocking<T>(f: impl FnOnce() -> T) -> T {
    match tokio::runtime::Handle::try_current() {
        Ok(h) if h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(f)
        }
        _ => f(),
    }
}

/// zstd level for the stored facts (JSON compresses about 5×).
const FACTS_ZSTD_LEVEL: i32 = 3;

/// An article's facts as stored: zstd-compressed JSON.
fn encode_facts(db: &str, record: &ArticleRecord) -> Result<Vec<u8>, StoreError> {
    let corrupt = |reason: String| StoreError::Corrupt {
        db: db.to_string(),
        key: record.key.clone(),
        reason,
    };
    let json = serde_json::to_vec(&record.facts).map_err(|e| corrupt(e.to_string()))?;
    zstd::encode_all(json.as_slice(), FACTS_ZSTD_LEVEL).map_err(|e| corrupt(e.to_string()))
}

/// The facts stored for article `key`.
fn decode_facts(db: &str, key: &str, blob: &[u8]) -> Result<ArticleFacts, StoreError> {
    let corrupt = |reason: String| StoreError::Corrupt {
        db: db.to_string(),
        key: key.to_string(),
        reason,
    };
    let json = zstd::decode_all(blob).map_err(|e| corrupt(e.to_string()))?;
    serde_json::from_slice(&json).map_err(|e| corrupt(e.to_string()))
}
