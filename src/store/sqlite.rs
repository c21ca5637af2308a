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

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OptionalExtension, TransactionBehavior, params};

use super::{ArticleRecord, FeedStatus, KnownUrl, PutOutcome, Stats, Store, StoreError, Window};
use crate::graph::ArticleFacts;

/// How long a writer waits for another one before giving up.
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// zstd level for the stored facts (JSON compresses about 5×).
const FACTS_ZSTD_LEVEL: i32 = 3;

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

    fn err(&self, op: &'static str) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |source| {
            if let rusqlite::Error::SqliteFailure(e, _) = &source
                && matches!(e.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
            {
                return StoreError::Busy {
                    db: self.path.display().to_string(),
                    waited_secs: self.busy_timeout.as_secs(),
                };
            }
            StoreError::Sql {
                db: self.path.display().to_string(),
                op,
                source,
            }
        }
    }

    fn configure(&mut self) -> Result<(), StoreError> {
        self.conn
            .busy_timeout(self.busy_timeout)
            .map_err(self.err("set busy timeout"))?;
        // journal_mode answers with a row, so it is queried, not executed.
        self.conn
            .query_row("PRAGMA journal_mode=WAL", [], |_| Ok(()))
            .map_err(self.err("enable WAL"))?;
        self.conn
            .execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")
            .map_err(self.err("set pragmas"))
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let found: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(self.err("read schema version"))?;
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
        let path = self.path.display().to_string();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|source| StoreError::Sql {
                db: path.clone(),
                op: "begin migration",
                source,
            })?;
        // Re-read inside the write lock: another process may have migrated.
        let now: i64 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|source| StoreError::Sql {
                db: path.clone(),
                op: "read schema version",
                source,
            })?;
        for (i, step) in MIGRATIONS.iter().enumerate().skip(now.max(0) as usize) {
            tx.execute_batch(step).map_err(|source| StoreError::Sql {
                db: path.clone(),
                op: "migrate schema",
                source,
            })?;
            tx.execute_batch(&format!("PRAGMA user_version = {}", i + 1))
                .map_err(|source| StoreError::Sql {
                    db: path.clone(),
                    op: "set schema version",
                    source,
                })?;
        }
        tx.commit().map_err(|source| StoreError::Sql {
            db: path,
            op: "commit migration",
            source,
        })
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(self.err("read schema version"))
    }

    fn decode_facts(&self, key: &str, blob: &[u8]) -> Result<ArticleFacts, StoreError> {
        let corrupt = |reason: String| StoreError::Corrupt {
            db: self.path.display().to_string(),
            key: key.to_string(),
            reason,
        };
        let json = zstd::decode_all(blob).map_err(|e| corrupt(e.to_string()))?;
        serde_json::from_slice(&json).map_err(|e| corrupt(e.to_string()))
    }
}

fn encode_facts(facts: &ArticleFacts) -> Result<Vec<u8>, String> {
    let json = serde_json::to_vec(facts).map_err(|e| e.to_string())?;
    zstd::encode_all(json.as_slice(), FACTS_ZSTD_LEVEL).map_err(|e| e.to_string())
}

impl Store for SqliteStore {
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
            .map_err(self.err("look up url"))
    }

    fn put_article(
        &mut self,
        record: &ArticleRecord,
        feed_modified: Option<&str>,
    ) -> Result<PutOutcome, StoreError> {
        let blob = encode_facts(&record.facts).map_err(|reason| StoreError::Corrupt {
            db: self.path.display().to_string(),
            key: record.key.clone(),
            reason,
        })?;
        let path = self.path.display().to_string();
        let busy = self.busy_timeout.as_secs();
        let sql = |op: &'static str| {
            let path = path.clone();
            move |source: rusqlite::Error| {
                if let rusqlite::Error::SqliteFailure(e, _) = &source
                    && matches!(e.code, ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked)
                {
                    return StoreError::Busy {
                        db: path.clone(),
                        waited_secs: busy,
                    };
                }
                StoreError::Sql {
                    db: path.clone(),
                    op,
                    source,
                }
            }
        };
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql("begin article transaction"))?;
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
                tx.execute("DELETE FROM mentions WHERE article_id = ?1", [id])
                    .map_err(sql("delete old mentions"))?;
                tx.execute("DELETE FROM relations WHERE article_id = ?1", [id])
                    .map_err(sql("delete old relations"))?;
                tx.execute(
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
                tx.execute(
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
                tx.execute(
                    "INSERT INTO entities (id, kind, label_ko, label_en) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(id) DO NOTHING",
                    params![e.id, e.kind, e.label_ko, e.label_en],
                )
                .map_err(sql("insert entity"))?;
                tx.execute(
                    "INSERT INTO mentions (article_id, entity_id, count) VALUES (?1, ?2, ?3)
                     ON CONFLICT DO UPDATE SET count = count + excluded.count",
                    params![id, e.id, e.mentions as i64],
                )
                .map_err(sql("insert mention"))?;
            }
            for (seq, r) in record.facts.relations.iter().enumerate() {
                tx.execute(
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
        for alias in &record.aliases {
            tx.execute(
                "INSERT INTO article_urls (url, article_id, feed_modified) VALUES (?1, ?2, ?3)
                 ON CONFLICT(url) DO UPDATE SET article_id = excluded.article_id,
                 feed_modified = coalesce(excluded.feed_modified, feed_modified)",
                params![alias, id, feed_modified],
            )
            .map_err(sql("insert article url"))?;
        }
        tx.commit().map_err(sql("commit article"))?;
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
        r.map(|_| ()).map_err(self.err("record feed"))
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
        let mut stmt = self.conn.prepare(&sql).map_err(self.err("query facts"))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Vec<u8>>(1)?))
            })
            .map_err(self.err("query facts"))?;
        for row in rows {
            let (key, blob) = row.map_err(self.err("read facts"))?;
            visit(self.decode_facts(&key, &blob)?)?;
        }
        Ok(())
    }

    fn stats(&self) -> Result<Stats, StoreError> {
        let count = |sql: &str| -> Result<u64, StoreError> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n as u64)
                .map_err(self.err("count"))
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
            .map_err(self.err("date range"))
            .map(|(a, b)| a.zip(b))?;
        let mut stmt = self
            .conn
            .prepare(
                "SELECT url, last_success, last_failure, last_error, entries FROM feeds
                 ORDER BY url",
            )
            .map_err(self.err("query feeds"))?;
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
            .map_err(self.err("query feeds"))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(self.err("read feeds"))?;
        Ok(Stats {
            articles: count("SELECT count(*) FROM articles")?,
            entities: count("SELECT count(DISTINCT entity_id) FROM mentions")?,
            relations: count("SELECT count(*) FROM relations WHERE kind <> 'co_occurs_with'")?,
            mentions: count("SELECT count(*) FROM mentions")?,
            dates,
            feeds,
        })
    }
}
