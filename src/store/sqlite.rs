//! [`SqliteStore`]: the [`Store`] in one embedded SQLite file.
//!
//! Durability and atomicity come from SQLite itself: the journal is a
//! write-ahead log with `synchronous=FULL`, so a transaction reported
//! committed survives `kill -9` and power loss, and each article is written
//! in one `BEGIN IMMEDIATE` transaction, so it is stored whole or not at all.
//!
//! Concurrency also uses SQLite's own locking, no lock file: a second
//! writer (another `ingest` or `watch` on the same file) waits for the lock
//! up to the busy timeout (default 30 s) per article, then stops with
//! [`StoreError::Busy`] ("another newskg process is writing to this
//! database"). Two ingests can therefore share a database safely; an article
//! both of them fetch is stored once, by whichever commits first.
//!
//! The schema version is `PRAGMA user_version`; [`MIGRATIONS`] bring an
//! older database forward on open, and a newer one is refused.
//!
//! The work queue lives in the same file (`url_queue`, times as Unix
//! seconds). Claims are taken in `BEGIN IMMEDIATE` transactions, so several
//! processes on one machine never take the same URL; per-host politeness is
//! per process here (a fleet shares it through PostgreSQL).

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{
    Connection, ErrorCode, OptionalExtension, Transaction, TransactionBehavior, params,
};

use super::queue::{MAX_ATTEMPTS, MAX_EXPIRED};
use super::{
    ArticleRecord, Claim, EntityRow, FeedStatus, KnownUrl, PutOutcome, QueueEntry, QueueRow,
    QueueStats, Release, Stats, Store, StoreError, StoredArticle, Window, WorkerId,
};
use crate::graph::ArticleFacts;

/// How long a writer waits for another one before giving up.
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Forward migrations: `MIGRATIONS[i]` takes a database from version `i` to
/// `i + 1`. Append only; never edit a released step.
pub const MIGRATIONS: &[&str] = &[
    // 1: articles, their URLs, entities, mentions, relations, feeds.
    "CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        url TEXT NOT NULL,
        canonical_url TEXT,
        title TEXT,
        published TEXT,
        pub_date TEXT,
        modified TEXT,
        content_hash TEXT NOT NULL,
        fetched TEXT NOT NULL,
        facts BLOB NOT NULL
     );
     CREATE INDEX articles_pub_date ON articles(pub_date);
     CREATE TABLE article_urls (
        url TEXT PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        feed_modified TEXT
     ) WITHOUT ROWID;
     CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        label_ko TEXT NOT NULL,
        label_en TEXT NOT NULL
     ) WITHOUT ROWID;
     CREATE TABLE mentions (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        entity_id TEXT NOT NULL REFERENCES entities(id),
        count INTEGER NOT NULL,
        PRIMARY KEY (article_id, entity_id)
     ) WITHOUT ROWID;
     CREATE INDEX mentions_entity ON mentions(entity_id);
     CREATE TABLE relations (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        kind TEXT NOT NULL,
        confidence REAL NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        PRIMARY KEY (article_id, seq)
     ) WITHOUT ROWID;
     CREATE INDEX relations_source ON relations(source);
     CREATE INDEX relations_target ON relations(target);
     CREATE TABLE feeds (
        url TEXT PRIMARY KEY,
        last_success TEXT,
        last_failure TEXT,
        last_error TEXT,
        entries INTEGER NOT NULL DEFAULT 0
     ) WITHOUT ROWID;",
    // 2: the work queue (see `super::queue`); times are Unix seconds.
    "CREATE TABLE url_queue (
        key TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        feed_modified TEXT,
        state TEXT NOT NULL DEFAULT 'todo',
        claimed_by TEXT,
        claimed_at REAL,
        lease_until REAL,
        attempts INTEGER NOT NULL DEFAULT 0,
        expired INTEGER NOT NULL DEFAULT 0,
        next_try REAL NOT NULL DEFAULT 0,
        last_error TEXT
     );
     CREATE INDEX url_queue_due ON url_queue(state, next_try);",
];

/// The SQLite store.
#[derive(Debug)]
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    busy_timeout: Duration,
}

impl SqliteStore {
    /// Opens (creating if needed) the database at `path` and migrates it to
    /// [`SCHEMA_VERSION`]; refuses a database from a newer newskg.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        Self::open_with_timeout(path, DEFAULT_BUSY_TIMEOUT)
    }

    /// [`SqliteStore::open`] with another busy timeout.
    pub fn open_with_timeout(path: &Path, busy_timeout: Duration) -> Result<Self, StoreError> {
        let db = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| StoreError::Sql {
            db: db.clone(),
            op: "open",
            source,
        })?;
        let mut store = SqliteStore {
            conn,
            path: path.to_path_buf(),
            busy_timeout,
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn configure(&mut self) -> Result<(), StoreError> {
        self.conn
            .busy_timeout(self.busy_timeout)
            .map_err(self.sql("set busy timeout"))?;
        // journal_mode answers with a row, so it is queried, not executed.
        self.conn
            .query_row("PRAGMA journal_mode=WAL", [], |_| Ok(()))
            .map_err(self.sql("enable WAL"))?;
        self.conn
            .execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")
            .map_err(self.sql("set pragmas"))
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let found: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(self.sql("read schema version"))?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                db: self.path.display().to_string(),
                found,
                known: SCHEMA_VERSION,
            });
        }
        if found == SCHEMA_VERSION {
            return Ok(());
        }
        let sql = self.sql_factory();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql("begin migration"))?;
        // Re-read inside the write lock: another process may have migrated.
        let now: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(sql("read schema version"))?;
        for (i, step) in MIGRATIONS.iter().enumerate().skip(now.max(0) as usize) {
            tx.execute_batch(step).map_err(sql("migrate schema"))?;
            tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))
                .map_err(sql("set schema version"))?;
        }
        tx.commit().map_err(sql("commit migration"))
    }

    fn decode_facts(&self, key: &str, blob: &[u8]) -> Result<ArticleFacts, StoreError> {
        super::decode_facts(&self.path.display().to_string(), key, blob)
    }

    /// The error mapper for operation `op`: it does not borrow the store, so
    /// it serves while a transaction borrows the connection too.
    fn sql(&self, op: &'static str) -> impl Fn(rusqlite::Error) -> StoreError + use<> {
        sql_error(
            self.path.display().to_string(),
            self.busy_timeout.as_secs(),
            op,
        )
    }

    /// [`SqliteStore::sql`] for any operation, not borrowing the store.
    fn sql_factory(
        &self,
    ) -> impl Fn(&'static str) -> Box<dyn Fn(rusqlite::Error) -> StoreError> + use<> {
        let (db, busy) = (self.path.display().to_string(), self.busy_timeout.as_secs());
        move |op| Box::new(sql_error(db.clone(), busy, op))
    }

    fn begin(&mut self) -> Result<Transaction<'_>, StoreError> {
        let map = self.sql("begin transaction");
        self.conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(map)
    }
}

fn sql_error(db: String, busy: u64, op: &'static str) -> impl Fn(rusqlite::Error) -> StoreError {
    move |source| {
        if let rusqlite::Error::SqliteFailure(e, _) = &source
            && matches!(e.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
        {
            return StoreError::Busy {
                db: db.clone(),
                waited_secs: busy,
            };
        }
        StoreError::Sql {
            db: db.clone(),
            op,
            source,
        }
    }
}

/// Now, in Unix seconds (the queue's clock in this backend).
fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// Unix seconds as RFC 3339 UTC.
fn rfc3339(secs: f64) -> String {
    chrono::DateTime::from_timestamp(secs as i64, 0)
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default()
}

/// Writes one article inside `tx` (see [`Store::put_article`]); `urls` are
/// the keys leading to it with the feed time to remember for each.
fn put_in(
    tx: &Transaction<'_>,
    record: &ArticleRecord,
    blob: &[u8],
    urls: &[(&str, Option<&str>)],
    sql: &dyn Fn(&'static str) -> Box<dyn Fn(rusqlite::Error) -> StoreError>,
) -> Result<PutOutcome, StoreError> {
    let existing: Option<(i64, String)> = tx
        .query_row(
            "SELECT id, content_hash FROM articles WHERE key = ?1",
            [&record.key],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .map_err(sql("look up article"))?;
    let pub_date = record.facts.article.date().map(str::to_string);
    let (id, outcome) = match existing {
        Some((id, hash)) if hash == record.content_hash => (id, PutOutcome::Unchanged),
        Some((id, _)) => {
            // An update replaces the article's own facts, never adds to them.
            exec(tx, "DELETE FROM mentions WHERE article_id = ?1", [id])
                .map_err(sql("delete old mentions"))?;
            exec(tx, "DELETE FROM relations WHERE article_id = ?1", [id])
                .map_err(sql("delete old relations"))?;
            exec(
                tx,
                "UPDATE articles SET url = ?2, canonical_url = ?3, title = ?4,
                 published = ?5, pub_date = ?6, modified = ?7, content_hash = ?8,
                 fetched = ?9, facts = ?10 WHERE id = ?1",
                params![
                    id,
                    record.url,
                    record.canonical_url,
                    record.facts.article.title,
                    record.published,
                    pub_date,
                    record.modified,
                    record.content_hash,
                    record.fetched,
                    blob
                ],
            )
            .map_err(sql("update article"))?;
            (id, PutOutcome::Updated)
        }
        None => {
            exec(
                tx,
                "INSERT INTO articles (key, url, canonical_url, title, published, pub_date,
                 modified, content_hash, fetched, facts)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                params![
                    record.key,
                    record.url,
                    record.canonical_url,
                    record.facts.article.title,
                    record.published,
                    pub_date,
                    record.modified,
                    record.content_hash,
                    record.fetched,
                    blob
                ],
            )
            .map_err(sql("insert article"))?;
            (tx.last_insert_rowid(), PutOutcome::Added)
        }
    };
    if outcome != PutOutcome::Unchanged {
        for e in &record.facts.entities {
            exec(
                tx,
                "INSERT INTO entities (id, kind, label_ko, label_en) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(id) DO NOTHING",
                params![e.id, e.kind, e.label_ko, e.label_en],
            )
            .map_err(sql("insert entity"))?;
            exec(
                tx,
                "INSERT INTO mentions (article_id, entity_id, count) VALUES (?1, ?2, ?3)
                 ON CONFLICT DO UPDATE SET count = count + excluded.count",
                params![id, e.id, e.mentions as i64],
            )
            .map_err(sql("insert mention"))?;
        }
        for (seq, r) in record.facts.relations.iter().enumerate() {
            exec(
                tx,
                "INSERT INTO relations (article_id, seq, source, target, kind, confidence,
                 sentence_start, sentence_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    id,
                    seq as i64,
                    r.source,
                    r.target,
                    r.kind.as_str(),
                    r.confidence,
                    r.evidence.start as i64,
                    r.evidence.end as i64
                ],
            )
            .map_err(sql("insert relation"))?;
        }
    }
    for (url, feed_modified) in urls {
        exec(
            tx,
            "INSERT INTO article_urls (url, article_id, feed_modified) VALUES (?1, ?2, ?3)
             ON CONFLICT(url) DO UPDATE SET article_id = excluded.article_id,
             feed_modified = coalesce(excluded.feed_modified, feed_modified)",
            params![url, id, feed_modified],
        )
        .map_err(sql("insert article url"))?;
        // A URL still waiting in the queue leads to an article now stored.
        exec(
            tx,
            "UPDATE url_queue SET state = 'done' WHERE key = ?1 AND state = 'todo'",
            [url],
        )
        .map_err(sql("mark queued url done"))?;
    }
    Ok(outcome)
}

/// Runs `sql` in `tx` through the connection's statement cache (an article
/// runs the same few statements dozens of times).
fn exec(tx: &Transaction<'_>, sql: &str, params: impl rusqlite::Params) -> rusqlite::Result<usize> {
    tx.prepare_cached(sql)?.execute(params)
}

/// Returns to `todo` (or gives up) the claims matching `cond`: their lease
/// ended, or their worker died. Counts a lost lease against the URL.
fn expire_claims(
    tx: &Transaction<'_>,
    cond: &str,
    args: &[&dyn rusqlite::ToSql],
    sql: &dyn Fn(&'static str) -> Box<dyn Fn(rusqlite::Error) -> StoreError>,
) -> Result<usize, StoreError> {
    tx.execute(
        &format!(
            "UPDATE url_queue SET
               state = CASE WHEN expired + 1 >= {MAX_EXPIRED} THEN 'failed' ELSE 'todo' END,
               expired = expired + 1,
               last_error = 'its worker stopped while holding it (' || claimed_by || ')',
               claimed_by = NULL, lease_until = NULL
             WHERE state = 'claimed' AND {cond}"
        ),
        args,
    )
    .map_err(sql("return expired claims"))
}

impl Store for SqliteStore {
    fn describe(&self) -> String {
        self.path.display().to_string()
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(self.sql("read schema version"))
    }

    fn known_url(&self, url: &str) -> Result<Option<KnownUrl>, StoreError> {
        self.conn
            .query_row(
                "SELECT a.key, u.feed_modified FROM article_urls u
                 JOIN articles a ON a.id = u.article_id WHERE u.url = ?1",
                [url],
                |r| {
                    Ok(KnownUrl {
                        key: r.get(0)?,
                        modified: r.get(1)?,
                    })
                },
            )
            .optional()
            .map_err(self.sql("look up url"))
    }

    fn put_article(
        &mut self,
        record: &ArticleRecord,
        feed_modified: Option<&str>,
    ) -> Result<PutOutcome, StoreError> {
        let blob = super::encode_facts(&self.describe(), record)?;
        let sql = self.sql_factory();
        let sql = &sql;
        let urls: Vec<(&str, Option<&str>)> = record
            .aliases
            .iter()
            .map(|a| (a.as_str(), feed_modified))
            .collect();
        let map = self.sql("commit article");
        let tx = self.begin()?;
        let outcome = put_in(&tx, record, &blob, &urls, sql)?;
        tx.commit().map_err(map)?;
        Ok(outcome)
    }

    fn record_feed(
        &mut self,
        url: &str,
        outcome: Result<u64, &str>,
        at: &str,
    ) -> Result<(), StoreError> {
        let r = match outcome {
            Ok(entries) => self.conn.execute(
                "INSERT INTO feeds (url, last_success, entries) VALUES (?1, ?2, ?3)
                 ON CONFLICT(url) DO UPDATE SET last_success = excluded.last_success,
                 entries = excluded.entries",
                params![url, at, entries as i64],
            ),
            Err(reason) => self.conn.execute(
                "INSERT INTO feeds (url, last_failure, last_error) VALUES (?1, ?2, ?3)
                 ON CONFLICT(url) DO UPDATE SET last_failure = excluded.last_failure,
                 last_error = excluded.last_error",
                params![url, at, reason],
            ),
        };
        r.map(|_| ()).map_err(self.sql("record feed"))
    }

    fn is_feed(&self, url: &str) -> Result<bool, StoreError> {
        self.conn
            .query_row(
                "SELECT 1 FROM feeds WHERE url = ?1 AND last_success IS NOT NULL",
                [url],
                |_| Ok(()),
            )
            .optional()
            .map(|r| r.is_some())
            .map_err(self.sql("look up feed"))
    }

    fn each_fact(
        &self,
        window: &Window,
        visit: &mut dyn FnMut(ArticleFacts) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut sql = String::from("SELECT key, facts FROM articles");
        let mut args: Vec<&str> = Vec::new();
        let mut conds = Vec::new();
        if let Some(s) = &window.since {
            args.push(s);
            conds.push(format!("pub_date >= ?{}", args.len()));
        }
        if let Some(u) = &window.until {
            args.push(u);
            conds.push(format!("pub_date <= ?{}", args.len()));
        }
        if !conds.is_empty() {
            sql.push_str(" WHERE ");
            sql.push_str(&conds.join(" AND "));
        }
        sql.push_str(" ORDER BY key");
        let mut stmt = self.conn.prepare(&sql).map_err(self.sql("query facts"))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
            })
            .map_err(self.sql("query facts"))?;
        for row in rows {
            let (key, blob) = row.map_err(self.sql("read facts"))?;
            visit(self.decode_facts(&key, &blob)?)?;
        }
        Ok(())
    }

    fn stats(&self) -> Result<Stats, StoreError> {
        let count = |sql: &str| -> Result<u64, StoreError> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n as u64)
                .map_err(self.sql("count"))
        };
        let dates: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT min(pub_date), max(pub_date) FROM articles",
                [],
                |r| {
                    Ok((
                        r.get::<_, Option<String>>(0)?,
                        r.get::<_, Option<String>>(1)?,
                    ))
                },
            )
            .map_err(self.sql("date range"))
            .map(|(a, b)| a.zip(b))?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT url, last_success, last_failure, last_error, entries FROM feeds
                 ORDER BY url",
            )
            .map_err(self.sql("query feeds"))?;
        let feeds = stmt
            .query_map([], |r| {
                Ok(FeedStatus {
                    url: r.get(0)?,
                    last_success: r.get(1)?,
                    last_failure: r.get(2)?,
                    last_error: r.get(3)?,
                    entries: r.get::<_, i64>(4)? as u64,
                })
            })
            .map_err(self.sql("query feeds"))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(self.sql("read feeds"))?;
        Ok(Stats {
            articles: count("SELECT count(*) FROM articles")?,
            entities: count("SELECT count(DISTINCT entity_id) FROM mentions")?,
            relations: count("SELECT count(*) FROM relations WHERE kind <> 'co_occurs_with'")?,
            mentions: count("SELECT count(*) FROM mentions")?,
            dates,
            feeds,
            queue: self.queue_stats()?,
            bytes: std::fs::metadata(&self.path).ok().map(|m| m.len()),
        })
    }

    fn enqueue(&mut self, entries: &[QueueEntry]) -> Result<u64, StoreError> {
        let map = self.sql("commit queue entries");
        let insert = self.sql("queue url");
        let tx = self.begin()?;
        let mut queued = 0u64;
        {
            let mut stmt = tx
                .prepare_cached(
                    "INSERT INTO url_queue (key, url, feed_modified) VALUES (?1, ?2, ?3)
                     ON CONFLICT(key) DO UPDATE SET state = 'todo', url = excluded.url,
                       feed_modified = excluded.feed_modified, attempts = 0, expired = 0,
                       next_try = 0, last_error = NULL, claimed_by = NULL, lease_until = NULL
                     WHERE url_queue.state = 'done'
                        OR (url_queue.state = 'failed' AND excluded.feed_modified IS NOT NULL
                            AND excluded.feed_modified IS NOT url_queue.feed_modified)",
                )
                .map_err(&insert)?;
            for e in entries {
                queued += stmt
                    .execute(params![e.key, e.url, e.feed_modified])
                    .map_err(&insert)? as u64;
            }
        }
        tx.commit().map_err(map)?;
        Ok(queued)
    }

    fn claim(
        &mut self,
        worker: &WorkerId,
        n: usize,
        lease: Duration,
    ) -> Result<Vec<Claim>, StoreError> {
        let sql = self.sql_factory();
        let sql = &sql;
        let map = self.sql("commit claims");
        let t = now();
        let tx = self.begin()?;
        expire_claims(&tx, "lease_until < ?1", &[&t], sql)?;
        let claimants: Vec<String> = {
            let mut stmt = tx
                .prepare("SELECT DISTINCT claimed_by FROM url_queue WHERE state = 'claimed'")
                .map_err(sql("list claimants"))?;
            stmt.query_map([], |r| r.get(0))
                .map_err(sql("list claimants"))?
                .collect::<Result<_, _>>()
                .map_err(sql("list claimants"))?
        };
        for dead in claimants.iter().filter(|c| WorkerId::is_dead_here(c)) {
            expire_claims(&tx, "claimed_by = ?1", &[dead], sql)?;
        }
        let claims = {
            let mut stmt = tx
                .prepare(
                    "UPDATE url_queue SET state = 'claimed', claimed_by = ?1, claimed_at = ?2,
                       lease_until = ?3
                     WHERE rowid IN (SELECT rowid FROM url_queue
                                     WHERE state = 'todo' AND next_try <= ?2
                                     ORDER BY next_try, rowid LIMIT ?4)
                     RETURNING key, url, feed_modified, attempts",
                )
                .map_err(sql("claim urls"))?;
            stmt.query_map(
                params![worker.as_str(), t, t + lease.as_secs_f64(), n as i64],
                |r| {
                    Ok(Claim {
                        key: r.get(0)?,
                        url: r.get(1)?,
                        feed_modified: r.get(2)?,
                        attempts: r.get::<_, i64>(3)? as u32,
                    })
                },
            )
            .map_err(sql("claim urls"))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(sql("claim urls"))?
        };
        tx.commit().map_err(map)?;
        Ok(claims)
    }

    fn renew(&mut self, worker: &WorkerId, keys: &[String]) -> Result<u64, StoreError> {
        // The lease is measured from each renewal: a claim keeps the length
        // it was taken with.
        let t = now();
        let renew = self.sql("renew claims");
        let map = self.sql("commit renewed claims");
        let tx = self.begin()?;
        let mut held = 0;
        {
            let mut stmt = tx
                .prepare_cached(
                    "UPDATE url_queue SET lease_until = ?2 + (lease_until - claimed_at),
                       claimed_at = ?2
                     WHERE state = 'claimed' AND claimed_by = ?1 AND key = ?3",
                )
                .map_err(&renew)?;
            for key in keys {
                held += stmt
                    .execute(params![worker.as_str(), t, key])
                    .map_err(&renew)? as u64;
            }
        }
        tx.commit().map_err(map)?;
        Ok(held)
    }

    fn put_claimed(
        &mut self,
        done: &[(ArticleRecord, Claim)],
    ) -> Result<Vec<PutOutcome>, StoreError> {
        let db = self.describe();
        let sql = self.sql_factory();
        let sql = &sql;
        let map = self.sql("commit articles");
        let tx = self.begin()?;
        let mut outcomes = Vec::with_capacity(done.len());
        for (record, claim) in done {
            let blob = super::encode_facts(&db, record)?;
            let urls: Vec<(&str, Option<&str>)> = record
                .aliases
                .iter()
                .map(|a| (a.as_str(), claim.feed_modified.as_deref()))
                .collect();
            outcomes.push(put_in(&tx, record, &blob, &urls, sql)?);
            exec(
                &tx,
                "UPDATE url_queue SET state = 'done', claimed_by = NULL, lease_until = NULL,
                   last_error = NULL WHERE key = ?1",
                [&claim.key],
            )
            .map_err(sql("mark url done"))?;
        }
        tx.commit().map_err(map)?;
        Ok(outcomes)
    }

    fn release(
        &mut self,
        worker: &WorkerId,
        claim: &Claim,
        release: Release,
    ) -> Result<(), StoreError> {
        let mine = "WHERE key = ?1 AND claimed_by = ?2 AND state = 'claimed'";
        let (sql, extra): (String, Vec<Box<dyn rusqlite::ToSql>>) = match release {
            Release::Done => (
                format!("UPDATE url_queue SET state = 'done', claimed_by = NULL {mine}"),
                vec![],
            ),
            Release::Unstarted => (
                format!(
                    "UPDATE url_queue SET state = 'todo', claimed_by = NULL, lease_until = NULL {mine}"
                ),
                vec![],
            ),
            Release::Retry { error, after } => (
                format!(
                    "UPDATE url_queue SET
                       state = CASE WHEN attempts + 1 >= {MAX_ATTEMPTS} THEN 'failed' ELSE 'todo' END,
                       attempts = attempts + 1, last_error = ?3, next_try = ?4,
                       claimed_by = NULL, lease_until = NULL {mine}"
                ),
                vec![Box::new(error), Box::new(now() + after.as_secs_f64())],
            ),
            Release::GiveUp { error } => (
                format!(
                    "UPDATE url_queue SET state = 'failed', attempts = attempts + 1,
                       last_error = ?3, claimed_by = NULL, lease_until = NULL {mine}"
                ),
                vec![Box::new(error)],
            ),
        };
        let me = worker.as_str();
        let mut args: Vec<&dyn rusqlite::ToSql> = vec![&claim.key, &me];
        args.extend(extra.iter().map(|b| b.as_ref()));
        self.conn
            .execute(&sql, args.as_slice())
            .map(|_| ())
            .map_err(self.sql("release claim"))
    }

    fn queue_stats(&self) -> Result<QueueStats, StoreError> {
        let t = now();
        self.conn
            .query_row(
                "SELECT
                   count(*) FILTER (WHERE state = 'todo' AND next_try <= ?1),
                   count(*) FILTER (WHERE state = 'todo' AND next_try > ?1),
                   count(*) FILTER (WHERE state = 'claimed'),
                   count(*) FILTER (WHERE state = 'done'),
                   count(*) FILTER (WHERE state = 'failed'),
                   count(DISTINCT claimed_by) FILTER (WHERE state = 'claimed'),
                   min(next_try) FILTER (WHERE state = 'todo' AND next_try > ?1)
                 FROM url_queue",
                [t],
                |r| {
                    let n = |i: usize| r.get::<_, i64>(i).map(|v| v as u64);
                    Ok(QueueStats {
                        due: n(0)?,
                        waiting: n(1)?,
                        claimed: n(2)?,
                        done: n(3)?,
                        failed: n(4)?,
                        workers: n(5)?,
                        next_retry: r.get::<_, Option<f64>>(6)?.map(rfc3339),
                    })
                },
            )
            .map_err(self.sql("count the queue"))
    }

    fn each_stored(
        &self,
        visit: &mut dyn FnMut(StoredArticle) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, key, url, canonical_url, published, modified, content_hash, fetched,
                   facts FROM articles ORDER BY key",
            )
            .map_err(self.sql("query articles"))?;
        let mut urls = self
            .conn
            .prepare(
                "SELECT url, feed_modified FROM article_urls WHERE article_id = ?1 ORDER BY url",
            )
            .map_err(self.sql("query article urls"))?;
        let mut rows = stmt.query([]).map_err(self.sql("query articles"))?;
        while let Some(r) = rows.next().map_err(self.sql("read articles"))? {
            let e = self.sql("read articles");
            let id: i64 = r.get(0).map_err(&e)?;
            let key: String = r.get(1).map_err(&e)?;
            let blob: Vec<u8> = r.get(8).map_err(&e)?;
            let (url, canonical_url, published, modified, content_hash, fetched) = (
                r.get(2).map_err(&e)?,
                r.get(3).map_err(&e)?,
                r.get(4).map_err(&e)?,
                r.get(5).map_err(&e)?,
                r.get(6).map_err(&e)?,
                r.get(7).map_err(&e)?,
            );
            let facts = self.decode_facts(&key, &blob)?;
            let record = ArticleRecord {
                key,
                url,
                canonical_url,
                aliases: Vec::new(),
                content_hash,
                published,
                modified,
                fetched,
                facts,
            };
            let urls = urls
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(self.sql("query article urls"))?
                .collect::<Result<Vec<_>, _>>()
                .map_err(self.sql("read article urls"))?;
            visit(StoredArticle { record, urls })?;
        }
        Ok(())
    }

    fn put_stored(&mut self, articles: &[StoredArticle]) -> Result<(), StoreError> {
        let db = self.describe();
        let sql = self.sql_factory();
        let sql = &sql;
        let map = self.sql("commit copied articles");
        let tx = self.begin()?;
        for a in articles {
            let blob = super::encode_facts(&db, &a.record)?;
            let urls: Vec<(&str, Option<&str>)> = a
                .urls
                .iter()
                .map(|(u, m)| (u.as_str(), m.as_deref()))
                .collect();
            put_in(&tx, &a.record, &blob, &urls, sql)?;
        }
        tx.commit().map_err(map)
    }

    fn entity_rows(&self) -> Result<Vec<EntityRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, kind, label_ko, label_en FROM entities ORDER BY id")
            .map_err(self.sql("query entities"))?;
        stmt.query_map([], |r| {
            Ok(EntityRow {
                id: r.get(0)?,
                kind: r.get(1)?,
                label_ko: r.get(2)?,
                label_en: r.get(3)?,
            })
        })
        .map_err(self.sql("query entities"))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(self.sql("read entities"))
    }

    fn put_entity_rows(&mut self, rows: &[EntityRow]) -> Result<(), StoreError> {
        let insert = self.sql("set entity");
        let map = self.sql("commit entities");
        let tx = self.begin()?;
        {
            let mut stmt = tx
                .prepare(
                    "INSERT INTO entities (id, kind, label_ko, label_en) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(id) DO UPDATE SET kind = excluded.kind,
                       label_ko = excluded.label_ko, label_en = excluded.label_en",
                )
                .map_err(&insert)?;
            for e in rows {
                stmt.execute(params![e.id, e.kind, e.label_ko, e.label_en])
                    .map_err(&insert)?;
            }
        }
        tx.commit().map_err(map)
    }

    fn put_feed(&mut self, f: &FeedStatus) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO feeds (url, last_success, last_failure, last_error, entries)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(url) DO UPDATE SET last_success = excluded.last_success,
                   last_failure = excluded.last_failure, last_error = excluded.last_error,
                   entries = excluded.entries",
                params![
                    f.url,
                    f.last_success,
                    f.last_failure,
                    f.last_error,
                    f.entries as i64
                ],
            )
            .map(|_| ())
            .map_err(self.sql("set feed"))
    }

    fn queue_rows(&self) -> Result<Vec<QueueRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT key, url, feed_modified, state, attempts, last_error FROM url_queue
                 ORDER BY rowid",
            )
            .map_err(self.sql("query the queue"))?;
        stmt.query_map([], |r| {
            Ok(QueueRow {
                entry: QueueEntry {
                    key: r.get(0)?,
                    url: r.get(1)?,
                    feed_modified: r.get(2)?,
                },
                state: r.get(3)?,
                attempts: r.get::<_, i64>(4)? as u32,
                last_error: r.get(5)?,
            })
        })
        .map_err(self.sql("query the queue"))?
        .collect::<Result<Vec<_>, _>>()
        .map_err(self.sql("read the queue"))
    }

    fn put_queue_rows(&mut self, rows: &[QueueRow]) -> Result<(), StoreError> {
        let insert = self.sql("set queue row");
        let map = self.sql("commit queue rows");
        let tx = self.begin()?;
        {
            let mut stmt = tx
                .prepare(
                    "INSERT INTO url_queue (key, url, feed_modified, state, attempts, last_error)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT(key) DO UPDATE SET url = excluded.url,
                       feed_modified = excluded.feed_modified, state = excluded.state,
                       attempts = excluded.attempts, last_error = excluded.last_error,
                       claimed_by = NULL, lease_until = NULL, next_try = 0",
                )
                .map_err(&insert)?;
            for q in rows {
                let state = if q.state == "claimed" {
                    "todo"
                } else {
                    &q.state
                };
                stmt.execute(params![
                    q.entry.key,
                    q.entry.url,
                    q.entry.feed_modified,
                    state,
                    q.attempts as i64,
                    q.last_error
                ])
                .map_err(&insert)?;
            }
        }
        tx.commit().map_err(map)
    }
}
