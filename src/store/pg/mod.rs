//! [`PgStore`]: the [`Store`] on a PostgreSQL server, shared by any number
//! of workers on any number of machines.
//!
//! The tables are the SQLite store's (`articles`, `article_urls`,
//! `entities`, `mentions`, `relations`, `feeds`, `url_queue`) plus
//! `host_budget` for politeness across the fleet ([`hosts`]). Keys sort
//! byte-wise (`COLLATE "C"`) whatever the database's locale, so exports
//! list articles in the same order as from SQLite.
//!
//! - Every article is one transaction (article row, URL keys, entities,
//!   mentions, relations, and for a claimed URL its queue entry marked
//!   `done`), so a lost connection or a killed worker never leaves half of
//!   one. Two workers storing the same article (reached by different URLs)
//!   converge on one row: the second one's insert conflicts on the key and
//!   is retried as an update or a no-op.
//! - Workers claim URLs with `FOR UPDATE SKIP LOCKED`, so each goes to one
//!   worker, and renew their claims while they work; a claim not renewed for
//!   its lease returns to the queue (see [`super::queue`]).
//! - The schema version is the one row of `newskg_schema`; [`MIGRATIONS`]
//!   run on connect, one at a time under an advisory lock so that workers
//!   starting together migrate once; a newer schema is refused.
//! - The connection is reopened with back-off when the server goes away
//!   ([`conn`]); an export streams rows from the server and resumes after
//!   the last key it handed out.

pub mod conn;
pub mod hosts;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use postgres::types::ToSql;

use super::queue::{MAX_ATTEMPTS, MAX_EXPIRED};
use super::{
    ArticleRecord, Claim, EntityRow, FeedStatus, KnownUrl, PutOutcome, QueueEntry, QueueRow,
    QueueStats, Release, Stats, Store, StoreError, StoredArticle, Window, WorkerId,
};
use crate::fetch::host::SharedHosts;
use crate::graph::ArticleFacts;

use conn::{Conn, Session, Settings, Stmts};
pub use conn::{DEFAULT_RETRY_FOR, reason, redact};
pub use hosts::PgHosts;

/// The schema version this build writes (the same numbering as SQLite's).
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The advisory lock taken while migrating (single-key space; the host
/// slots use the two-key space, which does not overlap).
const MIGRATION_LOCK: i64 = 0x6e65_7773_6b67_0001;

/// Forward migrations: `MIGRATIONS[i]` takes a database from version `i` to
/// `i + 1`. Append only; never edit a released step.
pub const MIGRATIONS: &[&str] = &[
    // 1: articles, their URLs, entities, mentions, relations, feeds.
    r#"CREATE TABLE articles (
        id BIGSERIAL PRIMARY KEY,
        key TEXT COLLATE "C" NOT NULL UNIQUE,
        url TEXT NOT NULL,
        canonical_url TEXT,
        title TEXT,
        published TEXT,
        pub_date TEXT COLLATE "C",
        modified TEXT,
        content_hash TEXT NOT NULL,
        fetched TEXT NOT NULL,
        facts BYTEA NOT NULL
     );
     CREATE INDEX articles_pub_date ON articles (pub_date);
     CREATE TABLE article_urls (
        url TEXT COLLATE "C" PRIMARY KEY,
        article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        feed_modified TEXT
     );
     CREATE INDEX article_urls_article ON article_urls (article_id);
     CREATE TABLE entities (
        id TEXT COLLATE "C" PRIMARY KEY,
        kind TEXT NOT NULL,
        label_ko TEXT NOT NULL,
        label_en TEXT NOT NULL
     );
     CREATE TABLE mentions (
        article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        entity_id TEXT COLLATE "C" NOT NULL REFERENCES entities (id),
        count BIGINT NOT NULL,
        PRIMARY KEY (article_id, entity_id)
     );
     CREATE INDEX mentions_entity ON mentions (entity_id);
     CREATE TABLE relations (
        article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        seq INT NOT NULL,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        kind TEXT NOT NULL,
        confidence DOUBLE PRECISION NOT NULL,
        sentence_start BIGINT NOT NULL,
        sentence_end BIGINT NOT NULL,
        PRIMARY KEY (article_id, seq)
     );
     CREATE INDEX relations_source ON relations (source);
     CREATE INDEX relations_target ON relations (target);
     CREATE TABLE feeds (
        url TEXT COLLATE "C" PRIMARY KEY,
        last_success TEXT,
        last_failure TEXT,
        last_error TEXT,
        entries BIGINT NOT NULL DEFAULT 0
     );"#,
    // 2: the work queue (see `store::queue`) and the fleet's per-host budget.
    r#"CREATE TABLE url_queue (
        key TEXT COLLATE "C" PRIMARY KEY,
        seq BIGSERIAL NOT NULL,
        url TEXT NOT NULL,
        feed_modified TEXT,
        state TEXT NOT NULL DEFAULT 'todo'
            CHECK (state IN ('todo', 'claimed', 'done', 'failed')),
        claimed_by TEXT,
        claimed_at TIMESTAMPTZ,
        lease_until TIMESTAMPTZ,
        attempts INT NOT NULL DEFAULT 0,
        expired INT NOT NULL DEFAULT 0,
        next_try TIMESTAMPTZ NOT NULL DEFAULT now(),
        last_error TEXT
     );
     CREATE INDEX url_queue_due ON url_queue (next_try, seq) WHERE state = 'todo';
     CREATE INDEX url_queue_claims ON url_queue (lease_until) WHERE state = 'claimed';
     CREATE TABLE host_budget (
        host TEXT PRIMARY KEY,
        next_start TIMESTAMPTZ NOT NULL DEFAULT now(),
        last_start TIMESTAMPTZ,
        blocked_until TIMESTAMPTZ
     );"#,
];

/// The store on a PostgreSQL server.
#[derive(Debug)]
pub struct PgStore {
    conn: Mutex<Conn>,
    describe: String,
}

impl PgStore {
    /// Connects to the server `url` names (see [`conn`] for what the URL
    /// may hold), migrates the schema to [`SCHEMA_VERSION`] and refuses a
    /// newer one. While the server is unreachable, each operation retries
    /// for up to `retry_for`.
    pub fn connect(url: &str, retry_for: Duration) -> Result<PgStore, StoreError> {
        let settings = Arc::new(Settings::parse(url)?);
        let describe = settings.describe().to_string();
        let store = PgStore {
            conn: Mutex::new(Conn::new(settings, retry_for)),
            describe,
        };
        store.migrate()?;
        Ok(store)
    }

    fn conn(&self) -> MutexGuard<'_, Conn> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The fleet-wide per-host politeness on this server, over a
    /// connection of its own.
    pub fn hosts(&self) -> PgHosts {
        PgHosts::new(self.conn().settings())
    }

    fn migrate(&self) -> Result<(), StoreError> {
        let found = self.schema_version()?;
        if found > SCHEMA_VERSION {
            return Err(self.too_new(found));
        }
        if found == SCHEMA_VERSION {
            return Ok(());
        }
        let found = self.conn().run("migrate schema", |s| {
            let mut tx = s.client.transaction()?;
            tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
            tx.batch_execute("CREATE TABLE IF NOT EXISTS newskg_schema (version INT NOT NULL)")?;
            let now: i64 = tx
                .query_opt("SELECT version FROM newskg_schema", &[])?
                .map_or(0, |r| r.get::<_, i32>(0).into());
            for step in MIGRATIONS.iter().skip(now.max(0) as usize) {
                tx.batch_execute(step)?;
            }
            if now < SCHEMA_VERSION {
                tx.execute("DELETE FROM newskg_schema", &[])?;
                tx.execute(
                    "INSERT INTO newskg_schema (version) VALUES ($1)",
                    &[&(SCHEMA_VERSION as i32)],
                )?;
            }
            tx.commit()?;
            Ok(now)
        })?;
        if found > SCHEMA_VERSION {
            return Err(self.too_new(found));
        }
        Ok(())
    }

    fn too_new(&self, found: i64) -> StoreError {
        StoreError::TooNew {
            db: self.describe.clone(),
            found,
            known: SCHEMA_VERSION,
        }
    }
}

/// An article's rows, ready to be sent as arrays: entities sorted by id
/// (so concurrent transactions lock them in one order and cannot deadlock)
/// with their mentions summed per id.
struct Rows {
    ids: Vec<String>,
    kinds: Vec<String>,
    labels_ko: Vec<String>,
    labels_en: Vec<String>,
    counts: Vec<i64>,
    seqs: Vec<i32>,
    sources: Vec<String>,
    targets: Vec<String>,
    rel_kinds: Vec<String>,
    confidences: Vec<f64>,
    starts: Vec<i64>,
    ends: Vec<i64>,
}

impl Rows {
    fn of(facts: &ArticleFacts) -> Rows {
        let mut entities: BTreeMap<&str, (&str, &str, &str, i64)> = BTreeMap::new();
        for e in &facts.entities {
            entities
                .entry(&e.id)
                .or_insert((&e.kind, &e.label_ko, &e.label_en, 0))
                .3 += e.mentions.min(i64::MAX as u64) as i64;
        }
        let mut rows = Rows {
            ids: Vec::new(),
            kinds: Vec::new(),
            labels_ko: Vec::new(),
            labels_en: Vec::new(),
            counts: Vec::new(),
            seqs: Vec::new(),
            sources: Vec::new(),
            targets: Vec::new(),
            rel_kinds: Vec::new(),
            confidences: Vec::new(),
            starts: Vec::new(),
            ends: Vec::new(),
        };
        for (id, (kind, ko, en, count)) in entities {
            rows.ids.push(id.to_string());
            rows.kinds.push(kind.to_string());
            rows.labels_ko.push(ko.to_string());
            rows.labels_en.push(en.to_string());
            rows.counts.push(count);
        }
        for (seq, r) in facts.relations.iter().enumerate() {
            rows.seqs.push(seq as i32);
            rows.sources.push(r.source.clone());
            rows.targets.push(r.target.clone());
            rows.rel_kinds.push(r.kind.as_str().to_string());
            rows.confidences.push(r.confidence);
            rows.starts.push(r.evidence.start as i64);
            rows.ends.push(r.evidence.end as i64);
        }
        rows
    }
}

/// One article to write: its record, facts blob, rows and URL keys.
struct Put<'a> {
    record: &'a ArticleRecord,
    blob: Vec<u8>,
    rows: Rows,
    urls: Vec<String>,
    url_modified: Vec<Option<String>>,
}

impl<'a> Put<'a> {
    fn new(
        db: &str,
        record: &'a ArticleRecord,
        urls: impl IntoIterator<Item = (String, Option<String>)>,
    ) -> Result<Put<'a>, StoreError> {
        let mut urls: Vec<(String, Option<String>)> = urls.into_iter().collect();
        urls.sort();
        urls.dedup_by(|a, b| a.0 == b.0);
        let (urls, url_modified) = urls.into_iter().unzip();
        Ok(Put {
            record,
            blob: super::encode_facts(db, record)?,
            rows: Rows::of(&record.facts),
            urls,
            url_modified,
        })
    }
}

const SQL_FIND_ARTICLE: &str = "SELECT id, content_hash FROM articles WHERE key = $1 FOR UPDATE";
const SQL_UPDATE_ARTICLE: &str = "UPDATE articles SET url = $2, canonical_url = $3, title = $4,
       published = $5, pub_date = $6, modified = $7, content_hash = $8, fetched = $9, facts = $10
     WHERE id = $1";
const SQL_INSERT_ARTICLE: &str = "INSERT INTO articles (key, url, canonical_url, title, published,
       pub_date, modified, content_hash, fetched, facts)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
const SQL_DELETE_MENTIONS: &str = "DELETE FROM mentions WHERE article_id = $1";
const SQL_DELETE_RELATIONS: &str = "DELETE FROM relations WHERE article_id = $1";
const SQL_INSERT_ENTITIES: &str = "INSERT INTO entities (id, kind, label_ko, label_en)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
     ON CONFLICT (id) DO NOTHING";
const SQL_INSERT_MENTIONS: &str = "INSERT INTO mentions (article_id, entity_id, count)
     SELECT $1, * FROM unnest($2::text[], $3::int8[])";
const SQL_INSERT_RELATIONS: &str = "INSERT INTO relations (article_id, seq, source, target, kind,
       confidence, sentence_start, sentence_end)
     SELECT $1, * FROM unnest($2::int4[], $3::text[], $4::text[], $5::text[], $6::float8[],
       $7::int8[], $8::int8[])";
const SQL_UPSERT_URLS: &str = "INSERT INTO article_urls (url, article_id, feed_modified)
     SELECT u, $1, m FROM unnest($2::text[], $3::text[]) AS t (u, m)
     ON CONFLICT (url) DO UPDATE SET article_id = excluded.article_id,
       feed_modified = coalesce(excluded.feed_modified, article_urls.feed_modified)";
const SQL_QUEUED_DONE: &str =
    "UPDATE url_queue SET state = 'done' WHERE key = ANY($1) AND state = 'todo'";
const SQL_QUEUE_DONE: &str = "UPDATE url_queue SET state = 'done', claimed_by = NULL,
       lease_until = NULL, last_error = NULL WHERE key = ANY($1)";

/// Writes one article in `tx` (see [`Store::put_article`]).
fn put_in(
    s: &mut Stmts,
    tx: &mut postgres::Transaction<'_>,
    p: &Put<'_>,
) -> Result<PutOutcome, postgres::Error> {
    let r = p.record;
    let find_article = s.get(tx, SQL_FIND_ARTICLE)?;
    let delete_mentions = s.get(tx, SQL_DELETE_MENTIONS)?;
    let delete_relations = s.get(tx, SQL_DELETE_RELATIONS)?;
    let update_article = s.get(tx, SQL_UPDATE_ARTICLE)?;
    let insert_article = s.get(tx, SQL_INSERT_ARTICLE)?;
    let insert_entities = s.get(tx, SQL_INSERT_ENTITIES)?;
    let insert_mentions = s.get(tx, SQL_INSERT_MENTIONS)?;
    let insert_relations = s.get(tx, SQL_INSERT_RELATIONS)?;
    let upsert_urls = s.get(tx, SQL_UPSERT_URLS)?;
    let queued_done = s.get(tx, SQL_QUEUED_DONE)?;
    let pub_date = r.facts.article.date().map(str::to_string);
    let existing = tx.query_opt(&find_article, &[&r.key])?;
    let (id, outcome) = match existing {
        Some(row) if row.get::<_, String>(1) == r.content_hash => {
            (row.get::<_, i64>(0), PutOutcome::Unchanged)
        }
        Some(row) => {
            let id: i64 = row.get(0);
            // An update replaces the article's own facts, never adds to them.
            tx.execute(&delete_mentions, &[&id])?;
            tx.execute(&delete_relations, &[&id])?;
            tx.execute(
                &update_article,
                &[
                    &id,
                    &r.url,
                    &r.canonical_url,
                    &r.facts.article.title,
                    &r.published,
                    &pub_date,
                    &r.modified,
                    &r.content_hash,
                    &r.fetched,
                    &p.blob,
                ],
            )?;
            (id, PutOutcome::Updated)
        }
        None => {
            // A concurrent insert of the same key makes this fail with a
            // unique violation; the whole transaction is then run again and
            // finds the row.
            let row = tx.query_one(
                &insert_article,
                &[
                    &r.key,
                    &r.url,
                    &r.canonical_url,
                    &r.facts.article.title,
                    &r.published,
                    &pub_date,
                    &r.modified,
                    &r.content_hash,
                    &r.fetched,
                    &p.blob,
                ],
            )?;
            (row.get::<_, i64>(0), PutOutcome::Added)
        }
    };
    if outcome != PutOutcome::Unchanged {
        let rows = &p.rows;
        if !rows.ids.is_empty() {
            tx.execute(
                &insert_entities,
                &[&rows.ids, &rows.kinds, &rows.labels_ko, &rows.labels_en],
            )?;
            tx.execute(&insert_mentions, &[&id, &rows.ids, &rows.counts])?;
        }
        if !rows.seqs.is_empty() {
            tx.execute(
                &insert_relations,
                &[
                    &id,
                    &rows.seqs,
                    &rows.sources,
                    &rows.targets,
                    &rows.rel_kinds,
                    &rows.confidences,
                    &rows.starts,
                    &rows.ends,
                ],
            )?;
        }
    }
    if !p.urls.is_empty() {
        tx.execute(&upsert_urls, &[&id, &p.urls, &p.url_modified])?;
        // URLs still waiting in the queue lead to an article now stored.
        tx.execute(&queued_done, &[&p.urls])?;
    }
    Ok(outcome)
}

impl PgStore {
    /// Writes articles in one transaction; `done` marks a queue entry done
    /// in the same transaction.
    fn put(&self, puts: &[Put<'_>], done: &[&str]) -> Result<Vec<PutOutcome>, StoreError> {
        self.conn().run("store article", |s| {
            let Session { client, stmts } = s;
            let mut tx = client.transaction()?;
            let mut outcomes = Vec::with_capacity(puts.len());
            for p in puts {
                outcomes.push(put_in(stmts, &mut tx, p)?);
            }
            if !done.is_empty() {
                let mark = stmts.get(&mut tx, SQL_QUEUE_DONE)?;
                tx.execute(&mark, &[&done])?;
            }
            tx.commit()?;
            Ok(outcomes)
        })
    }
}

/// Returns to `todo` (or gives up) the claims matching `cond` (`$1` its
/// argument): their lease ended, or their worker died. A lost lease counts
/// against the URL.
fn expire_claims(
    client: &mut postgres::Client,
    cond: &str,
    arg: &(dyn ToSql + Sync),
) -> Result<u64, postgres::Error> {
    client.execute(
        &format!(
            "UPDATE url_queue SET
               state = CASE WHEN expired + 1 >= {MAX_EXPIRED} THEN 'failed' ELSE 'todo' END,
               expired = expired + 1,
               last_error = 'its worker stopped while holding it (' || claimed_by || ')',
               claimed_by = NULL, lease_until = NULL, next_try = now()
             WHERE state = 'claimed' AND {cond}"
        ),
        &[arg],
    )
}

/// A time as RFC 3339 UTC, in SQL.
const UTC: &str = r#"'YYYY-MM-DD"T"HH24:MI:SS"Z"'"#;

impl Store for PgStore {
    fn describe(&self) -> String {
        self.describe.clone()
    }

    fn shared_hosts(&self) -> Option<Arc<dyn SharedHosts>> {
        Some(Arc::new(self.hosts()))
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn().run("read schema version", |s| {
            let exists: bool = s
                .client
                .query_one("SELECT to_regclass('newskg_schema') IS NOT NULL", &[])?
                .get(0);
            if !exists {
                return Ok(0);
            }
            Ok(s.client
                .query_opt("SELECT version FROM newskg_schema", &[])?
                .map_or(0, |r| r.get::<_, i32>(0).into()))
        })
    }

    fn known_url(&self, url: &str) -> Result<Option<KnownUrl>, StoreError> {
        Ok(self.known_urls(&[url.to_string()])?.pop().flatten())
    }

    fn known_urls(&self, urls: &[String]) -> Result<Vec<Option<KnownUrl>>, StoreError> {
        let found = self.conn().run("look up urls", |s| {
            let st = s.stmt(
                "SELECT u.url, a.key, u.feed_modified FROM article_urls u
                 JOIN articles a ON a.id = u.article_id WHERE u.url = ANY($1)",
            )?;
            s.client.query(&st, &[&urls])
        })?;
        let mut by_url: std::collections::HashMap<String, KnownUrl> = found
            .into_iter()
            .map(|r| {
                (
                    r.get(0),
                    KnownUrl {
                        key: r.get(1),
                        modified: r.get(2),
                    },
                )
            })
            .collect();
        Ok(urls.iter().map(|u| by_url.remove(u)).collect())
    }

    fn put_article(
        &mut self,
        record: &ArticleRecord,
        feed_modified: Option<&str>,
    ) -> Result<PutOutcome, StoreError> {
        let urls = record
            .aliases
            .iter()
            .map(|a| (a.clone(), feed_modified.map(str::to_string)));
        let put = Put::new(&self.describe, record, urls)?;
        Ok(self.put(std::slice::from_ref(&put), &[])?[0])
    }

    fn record_feed(
        &mut self,
        url: &str,
        outcome: Result<u64, &str>,
        at: &str,
    ) -> Result<(), StoreError> {
        self.conn().run("record feed", |s| {
            match outcome {
                Ok(entries) => s.client.execute(
                    "INSERT INTO feeds (url, last_success, entries) VALUES ($1, $2, $3)
                     ON CONFLICT (url) DO UPDATE SET last_success = excluded.last_success,
                       entries = excluded.entries",
                    &[&url, &at, &(entries.min(i64::MAX as u64) as i64)],
                ),
                Err(reason) => s.client.execute(
                    "INSERT INTO feeds (url, last_failure, last_error) VALUES ($1, $2, $3)
                     ON CONFLICT (url) DO UPDATE SET last_failure = excluded.last_failure,
                       last_error = excluded.last_error",
                    &[&url, &at, &reason],
                ),
            }
            .map(|_| ())
        })
    }

    fn is_feed(&self, url: &str) -> Result<bool, StoreError> {
        self.conn().run("look up feed", |s| {
            Ok(s.client
                .query_opt(
                    "SELECT 1 FROM feeds WHERE url = $1 AND last_success IS NOT NULL",
                    &[&url],
                )?
                .is_some())
        })
    }

    fn each_fact(
        &self,
        window: &Window,
        visit: &mut dyn FnMut(ArticleFacts) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut sql = String::from("SELECT key, facts FROM articles WHERE key > $1");
        if window.since.is_some() {
            sql.push_str(" AND pub_date >= $2");
        }
        if window.until.is_some() {
            sql.push_str(if window.since.is_some() {
                " AND pub_date <= $3"
            } else {
                " AND pub_date <= $2"
            });
        }
        sql.push_str(" ORDER BY key");
        // Resumed after the last key handed out when the connection breaks.
        let mut last = String::new();
        let mut failed: Option<StoreError> = None;
        let db = self.describe.clone();
        self.conn().run("read facts", |s| {
            let mut params: Vec<&(dyn ToSql + Sync)> = vec![&last];
            params.extend(window.since.iter().map(|v| v as &(dyn ToSql + Sync)));
            params.extend(window.until.iter().map(|v| v as &(dyn ToSql + Sync)));
            let mut rows = s.client.query_raw(sql.as_str(), params)?;
            while let Some(row) = fallible_next(&mut rows)? {
                let key: &str = row.get(0);
                let blob: &[u8] = row.get(1);
                if let Err(e) = super::decode_facts(&db, key, blob).and_then(&mut *visit) {
                    failed = Some(e);
                    return Ok(());
                }
                // Kept up to date so that a retry resumes after it.
                last = key.to_string();
            }
            Ok(())
        })?;
        failed.map_or(Ok(()), Err)
    }

    fn stats(&self) -> Result<Stats, StoreError> {
        let (counts, dates, bytes, feeds) = self.conn().run("count", |s| {
            let c = s.client.query_one(
                "SELECT (SELECT count(*) FROM articles),
                        (SELECT count(DISTINCT entity_id) FROM mentions),
                        (SELECT count(*) FROM relations WHERE kind <> 'co_occurs_with'),
                        (SELECT count(*) FROM mentions),
                        (SELECT min(pub_date) FROM articles),
                        (SELECT max(pub_date) FROM articles),
                        pg_database_size(current_database())",
                &[],
            )?;
            let counts: [i64; 4] = [c.get(0), c.get(1), c.get(2), c.get(3)];
            let dates = c
                .get::<_, Option<String>>(4)
                .zip(c.get::<_, Option<String>>(5));
            let feeds = s
                .client
                .query(
                    "SELECT url, last_success, last_failure, last_error, entries FROM feeds
                     ORDER BY url",
                    &[],
                )?
                .iter()
                .map(feed_status)
                .collect::<Vec<_>>();
            Ok((counts, dates, c.get::<_, i64>(6), feeds))
        })?;
        Ok(Stats {
            articles: counts[0] as u64,
            entities: counts[1] as u64,
            relations: counts[2] as u64,
            mentions: counts[3] as u64,
            dates,
            feeds,
            queue: self.queue_stats()?,
            bytes: Some(bytes as u64),
        })
    }

    fn enqueue(&mut self, entries: &[QueueEntry]) -> Result<u64, StoreError> {
        let mut seen = std::collections::HashSet::new();
        let entries: Vec<&QueueEntry> = entries.iter().filter(|e| seen.insert(&e.key)).collect();
        let mut queued = 0;
        for chunk in entries.chunks(1000) {
            let keys: Vec<&str> = chunk.iter().map(|e| e.key.as_str()).collect();
            let urls: Vec<&str> = chunk.iter().map(|e| e.url.as_str()).collect();
            let modified: Vec<Option<&str>> =
                chunk.iter().map(|e| e.feed_modified.as_deref()).collect();
            queued += self.conn().run("queue urls", |s| {
                let st = s.stmt(
                    "INSERT INTO url_queue (key, url, feed_modified)
                     SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) AS t (k, u, m)
                     ORDER BY k
                     ON CONFLICT (key) DO UPDATE SET state = 'todo', url = excluded.url,
                       feed_modified = excluded.feed_modified, attempts = 0, expired = 0,
                       next_try = now(), last_error = NULL, claimed_by = NULL, lease_until = NULL
                     WHERE url_queue.state = 'done'
                        OR (url_queue.state = 'failed' AND excluded.feed_modified IS NOT NULL
                            AND excluded.feed_modified IS DISTINCT FROM url_queue.feed_modified)",
                )?;
                s.client.execute(&st, &[&keys, &urls, &modified])
            })?;
        }
        Ok(queued)
    }

    fn claim(
        &mut self,
        worker: &WorkerId,
        n: usize,
        lease: Duration,
    ) -> Result<Vec<Claim>, StoreError> {
        let me = worker.as_str();
        let n = n.min(i64::MAX as usize) as i64;
        let lease = lease.as_secs_f64();
        let rows = self.conn().run("claim urls", |s| {
            expire_claims(&mut s.client, "lease_until < now() AND $1::bool", &true)?;
            let claimants: Vec<String> = s
                .client
                .query(
                    "SELECT DISTINCT claimed_by FROM url_queue WHERE state = 'claimed'",
                    &[],
                )?
                .iter()
                .map(|r| r.get(0))
                .collect();
            let dead: Vec<&String> = claimants
                .iter()
                .filter(|c| WorkerId::is_dead_here(c))
                .collect();
            if !dead.is_empty() {
                expire_claims(&mut s.client, "claimed_by = ANY($1)", &dead)?;
            }
            let st = s.stmt(
                "UPDATE url_queue q SET state = 'claimed', claimed_by = $1, claimed_at = now(),
                   lease_until = now() + $3 * interval '1 second'
                 FROM (SELECT key FROM url_queue WHERE state = 'todo' AND next_try <= now()
                       ORDER BY next_try, seq LIMIT $2 FOR UPDATE SKIP LOCKED) c
                 WHERE q.key = c.key
                 RETURNING q.key, q.url, q.feed_modified, q.attempts, q.seq",
            )?;
            s.client.query(&st, &[&me, &n, &lease])
        })?;
        let mut claims: Vec<(i64, Claim)> = rows
            .iter()
            .map(|r| {
                (
                    r.get(4),
                    Claim {
                        key: r.get(0),
                        url: r.get(1),
                        feed_modified: r.get(2),
                        attempts: r.get::<_, i32>(3).max(0) as u32,
                    },
                )
            })
            .collect();
        claims.sort_by_key(|(seq, _)| *seq);
        Ok(claims.into_iter().map(|(_, c)| c).collect())
    }

    fn renew(&mut self, worker: &WorkerId, keys: &[String]) -> Result<u64, StoreError> {
        if keys.is_empty() {
            return Ok(0);
        }
        self.conn().run("renew claims", |s| {
            let st = s.stmt(
                "UPDATE url_queue SET lease_until = now() + (lease_until - claimed_at),
                   claimed_at = now()
                 WHERE state = 'claimed' AND claimed_by = $1 AND key = ANY($2)",
            )?;
            s.client.execute(&st, &[&worker.as_str(), &keys])
        })
    }

    fn put_claimed(
        &mut self,
        done: &[(ArticleRecord, Claim)],
    ) -> Result<Vec<PutOutcome>, StoreError> {
        let puts = done
            .iter()
            .map(|(record, claim)| {
                let urls = record
                    .aliases
                    .iter()
                    .map(|a| (a.clone(), claim.feed_modified.clone()));
                Put::new(&self.describe, record, urls)
            })
            .collect::<Result<Vec<_>, _>>()?;
        let keys: Vec<&str> = done.iter().map(|(_, c)| c.key.as_str()).collect();
        self.put(&puts, &keys)
    }

    fn release(
        &mut self,
        worker: &WorkerId,
        claim: &Claim,
        release: Release,
    ) -> Result<(), StoreError> {
        let mine = "WHERE key = $1 AND claimed_by = $2 AND state = 'claimed'";
        let me = worker.as_str();
        self.conn().run("release claim", |s| {
            match &release {
                Release::Done => s.client.execute(
                    &format!("UPDATE url_queue SET state = 'done', claimed_by = NULL {mine}"),
                    &[&claim.key, &me],
                ),
                Release::Unstarted => s.client.execute(
                    &format!(
                        "UPDATE url_queue SET state = 'todo', claimed_by = NULL,
                           lease_until = NULL {mine}"
                    ),
                    &[&claim.key, &me],
                ),
                Release::Retry { error, after } => s.client.execute(
                    &format!(
                        "UPDATE url_queue SET
                           state = CASE WHEN attempts + 1 >= {MAX_ATTEMPTS} THEN 'failed'
                                   ELSE 'todo' END,
                           attempts = attempts + 1, last_error = $3,
                           next_try = now() + $4 * interval '1 second',
                           claimed_by = NULL, lease_until = NULL {mine}"
                    ),
                    &[&claim.key, &me, error, &after.as_secs_f64()],
                ),
                Release::GiveUp { error } => s.client.execute(
                    &format!(
                        "UPDATE url_queue SET state = 'failed', attempts = attempts + 1,
                           last_error = $3, claimed_by = NULL, lease_until = NULL {mine}"
                    ),
                    &[&claim.key, &me, error],
                ),
            }
            .map(|_| ())
        })
    }

    fn queue_stats(&self) -> Result<QueueStats, StoreError> {
        let sql = format!(
            "SELECT count(*) FILTER (WHERE state = 'todo' AND next_try <= now()),
                    count(*) FILTER (WHERE state = 'todo' AND next_try > now()),
                    count(*) FILTER (WHERE state = 'claimed'),
                    count(*) FILTER (WHERE state = 'done'),
                    count(*) FILTER (WHERE state = 'failed'),
                    count(DISTINCT claimed_by) FILTER (WHERE state = 'claimed'),
                    to_char(min(next_try) FILTER (WHERE state = 'todo' AND next_try > now())
                            AT TIME ZONE 'UTC', {UTC})
             FROM url_queue"
        );
        self.conn().run("count the queue", |s| {
            let r = s.client.query_one(sql.as_str(), &[])?;
            let n = |i: usize| r.get::<_, i64>(i) as u64;
            Ok(QueueStats {
                due: n(0),
                waiting: n(1),
                claimed: n(2),
                done: n(3),
                failed: n(4),
                workers: n(5),
                next_retry: r.get(6),
            })
        })
    }

    fn each_stored(
        &self,
        visit: &mut dyn FnMut(StoredArticle) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut last = String::new();
        let mut failed: Option<StoreError> = None;
        let db = self.describe.clone();
        self.conn().run("read articles", |s| {
            let mut rows = s.client.query_raw(
                "SELECT a.key, a.url, a.canonical_url, a.published, a.modified, a.content_hash,
                   a.fetched, a.facts,
                   coalesce((SELECT array_agg(u.url ORDER BY u.url) FROM article_urls u
                             WHERE u.article_id = a.id), '{}'),
                   coalesce((SELECT array_agg(u.feed_modified ORDER BY u.url) FROM article_urls u
                             WHERE u.article_id = a.id), '{}')
                 FROM articles a WHERE a.key > $1 ORDER BY a.key",
                [&last],
            )?;
            while let Some(row) = fallible_next(&mut rows)? {
                let key: String = row.get(0);
                let facts = match super::decode_facts(&db, &key, row.get(7)) {
                    Ok(f) => f,
                    Err(e) => {
                        failed = Some(e);
                        return Ok(());
                    }
                };
                let urls: Vec<String> = row.get(8);
                let modified: Vec<Option<String>> = row.get(9);
                let article = StoredArticle {
                    record: ArticleRecord {
                        key: key.clone(),
                        url: row.get(1),
                        canonical_url: row.get(2),
                        aliases: Vec::new(),
                        content_hash: row.get(5),
                        published: row.get(3),
                        modified: row.get(4),
                        fetched: row.get(6),
                        facts,
                    },
                    urls: urls.into_iter().zip(modified).collect(),
                };
                if let Err(e) = visit(article) {
                    failed = Some(e);
                    return Ok(());
                }
                last = key;
            }
            Ok(())
        })?;
        failed.map_or(Ok(()), Err)
    }

    fn put_stored(&mut self, articles: &[StoredArticle]) -> Result<(), StoreError> {
        let puts = articles
            .iter()
            .map(|a| Put::new(&self.describe, &a.record, a.urls.iter().cloned()))
            .collect::<Result<Vec<_>, _>>()?;
        self.put(&puts, &[]).map(|_| ())
    }

    fn entity_rows(&self) -> Result<Vec<EntityRow>, StoreError> {
        self.conn().run("read entities", |s| {
            Ok(s.client
                .query(
                    "SELECT id, kind, label_ko, label_en FROM entities ORDER BY id",
                    &[],
                )?
                .iter()
                .map(|r| EntityRow {
                    id: r.get(0),
                    kind: r.get(1),
                    label_ko: r.get(2),
                    label_en: r.get(3),
                })
                .collect())
        })
    }

    fn put_entity_rows(&mut self, rows: &[EntityRow]) -> Result<(), StoreError> {
        for chunk in rows.chunks(5000) {
            let col = |f: fn(&EntityRow) -> &str| chunk.iter().map(f).collect::<Vec<_>>();
            let (ids, kinds, ko, en) = (
                col(|e| &e.id),
                col(|e| &e.kind),
                col(|e| &e.label_ko),
                col(|e| &e.label_en),
            );
            self.conn().run("set entities", |s| {
                s.client.execute(
                    "INSERT INTO entities (id, kind, label_ko, label_en)
                     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
                     ON CONFLICT (id) DO UPDATE SET kind = excluded.kind,
                       label_ko = excluded.label_ko, label_en = excluded.label_en",
                    &[&ids, &kinds, &ko, &en],
                )
            })?;
        }
        Ok(())
    }

    fn put_feed(&mut self, f: &FeedStatus) -> Result<(), StoreError> {
        self.conn().run("set feed", |s| {
            s.client
                .execute(
                    "INSERT INTO feeds (url, last_success, last_failure, last_error, entries)
                     VALUES ($1, $2, $3, $4, $5)
                     ON CONFLICT (url) DO UPDATE SET last_success = excluded.last_success,
                       last_failure = excluded.last_failure, last_error = excluded.last_error,
                       entries = excluded.entries",
                    &[
                        &f.url,
                        &f.last_success,
                        &f.last_failure,
                        &f.last_error,
                        &(f.entries.min(i64::MAX as u64) as i64),
                    ],
                )
                .map(|_| ())
        })
    }

    fn queue_rows(&self) -> Result<Vec<QueueRow>, StoreError> {
        self.conn().run("read the queue", |s| {
            Ok(s.client
                .query(
                    "SELECT key, url, feed_modified, state, attempts, last_error FROM url_queue
                     ORDER BY seq",
                    &[],
                )?
                .iter()
                .map(|r| QueueRow {
                    entry: QueueEntry {
                        key: r.get(0),
                        url: r.get(1),
                        feed_modified: r.get(2),
                    },
                    state: r.get(3),
                    attempts: r.get::<_, i32>(4).max(0) as u32,
                    last_error: r.get(5),
                })
                .collect())
        })
    }

    fn put_queue_rows(&mut self, rows: &[QueueRow]) -> Result<(), StoreError> {
        for chunk in rows.chunks(5000) {
            let keys: Vec<&str> = chunk.iter().map(|q| q.entry.key.as_str()).collect();
            let urls: Vec<&str> = chunk.iter().map(|q| q.entry.url.as_str()).collect();
            let modified: Vec<Option<&str>> = chunk
                .iter()
                .map(|q| q.entry.feed_modified.as_deref())
                .collect();
            let states: Vec<&str> = chunk
                .iter()
                .map(|q| {
                    if q.state == "claimed" {
                        "todo"
                    } else {
                        q.state.as_str()
                    }
                })
                .collect();
            let attempts: Vec<i32> = chunk
                .iter()
                .map(|q| q.attempts.min(i32::MAX as u32) as i32)
                .collect();
            let errors: Vec<Option<&str>> = chunk.iter().map(|q| q.last_error.as_deref()).collect();
            self.conn().run("set queue rows", |s| {
                s.client.execute(
                    "INSERT INTO url_queue (key, url, feed_modified, state, attempts, last_error)
                     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[],
                                          $5::int4[], $6::text[])
                     ON CONFLICT (key) DO UPDATE SET url = excluded.url,
                       feed_modified = excluded.feed_modified, state = excluded.state,
                       attempts = excluded.attempts, last_error = excluded.last_error,
                       claimed_by = NULL, lease_until = NULL, next_try = now()",
                    &[&keys, &urls, &modified, &states, &attempts, &errors],
                )
            })?;
        }
        Ok(())
    }
}

fn feed_status(r: &postgres::Row) -> FeedStatus {
    FeedStatus {
        url: r.get(0),
        last_success: r.get(1),
        last_failure: r.get(2),
        last_error: r.get(3),
        entries: r.get::<_, i64>(4).max(0) as u64,
    }
}

/// The next row of a streamed query.
fn fallible_next(
    rows: &mut postgres::RowIter<'_>,
) -> Result<Option<postgres::Row>, postgres::Error> {
    use postgres::fallible_iterator::FallibleIterator;
    rows.next()
}
