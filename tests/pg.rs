//! The PostgreSQL store against a real server: a throwaway cluster started
//! by the test (`tests/support/pg.rs`; skipped where PostgreSQL is not
//! installed, failing under `NEWSKG_REQUIRE_ALL`).

#[path = "support/pg.rs"]
mod pg;

use std::time::Duration;

use newskg::graph::{ArticleFacts, ArticleInfo, EntityFact, Evidence, Modality, RelationFact};
use newskg::store::{
    ArticleRecord, PgStore, PutOutcome, QueueEntry, Release, SqliteStore, Store, StoreError,
    Window, WorkerId,
};

fn facts(i: usize, extra: bool) -> ArticleFacts {
    let url = format!("https://news.example.kr/a/{i}");
    let entity = |id: &str| EntityFact {
        id: id.into(),
        kind: "ORG".into(),
        label_ko: id.trim_start_matches("org:").into(),
        label_en: String::new(),
        aliases: vec![],
        roles: vec![],
        mentions: 2,
    };
    let mut entities = vec![entity("org:가온테크"), entity(&format!("org:회사{i}"))];
    if extra {
        entities.push(entity("org:누리소프트"));
    }
    ArticleFacts {
        article: ArticleInfo {
            url: url.clone(),
            title: Some(format!("기사 {i}")),
            published: Some(format!("2026-10-{:02}T09:00:00+09:00", i % 28 + 1)),
            publisher: None,
        },
        relations: vec![RelationFact {
            source: "org:가온테크".into(),
            target: format!("org:회사{i}"),
            kind: "partner_of".into(),
            directed: true,
            confidence: 0.8,
            attributes: Default::default(),
            evidence: Evidence {
                date: None,
                url: url.as_str().into(),
                start: 0,
                end: 10,
                sentence: "가온테크는 협력한다.".into(),
                modality: Modality::Asserted,
            },
        }],
        entities,
    }
}

fn record(i: usize, extra: bool) -> ArticleRecord {
    let key = format!("https://news.example.kr/a/{i}");
    ArticleRecord {
        key: key.clone(),
        url: key.clone(),
        canonical_url: Some(key.clone()),
        aliases: vec![key.clone(), format!("https://news.example.kr/go/{i}")],
        content_hash: format!("hash{i}{extra}"),
        published: Some(format!("2026-10-{:02}T09:00:00+09:00", i % 28 + 1)),
        modified: None,
        fetched: "2026-11-01T00:00:00Z".into(),
        facts: facts(i, extra),
    }
}

/// Both backends answer the same to the same calls.
fn exercise(store: &mut dyn Store) {
    assert_eq!(
        store.put_article(&record(1, false), None).unwrap(),
        PutOutcome::Added
    );
    assert_eq!(
        store.put_article(&record(1, false), None).unwrap(),
        PutOutcome::Unchanged
    );
    assert_eq!(
        store
            .put_article(&record(1, true), Some("2026-10-02T00:00:00Z"))
            .unwrap(),
        PutOutcome::Updated
    );
    store.put_article(&record(2, false), None).unwrap();
    let known = store
        .known_url("https://news.example.kr/go/1")
        .unwrap()
        .unwrap();
    assert_eq!(known.key, "https://news.example.kr/a/1");
    assert_eq!(known.modified.as_deref(), Some("2026-10-02T00:00:00Z"));
    assert!(
        store
            .known_url("https://news.example.kr/go/9")
            .unwrap()
            .is_none()
    );
    let s = store.stats().unwrap();
    assert_eq!(
        (s.articles, s.entities, s.relations, s.mentions),
        (2, 4, 2, 5),
        "{s:?}"
    );
    let all = store.facts(&Window::default()).unwrap();
    assert_eq!(all, vec![facts(1, true), facts(2, false)]);
    let one = store
        .facts(&Window {
            since: Some("2026-10-03".into()),
            until: None,
        })
        .unwrap();
    assert_eq!(one, vec![facts(2, false)]);

    // The queue: new entries, a claim, a failure with back-off, a done.
    let entries: Vec<QueueEntry> = (0..5)
        .map(|i| QueueEntry {
            key: format!("https://q.example/{i}"),
            url: format!("http://q.example/{i}?utm_source=x"),
            feed_modified: None,
        })
        .collect();
    assert_eq!(store.enqueue(&entries).unwrap(), 5);
    assert_eq!(store.enqueue(&entries).unwrap(), 0, "queued once");
    let me = WorkerId::this_process();
    let claims = store.claim(&me, 3, Duration::from_secs(60)).unwrap();
    assert_eq!(
        claims.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(),
        [
            "https://q.example/0",
            "https://q.example/1",
            "https://q.example/2"
        ]
    );
    assert_eq!(store.renew(&me, &[claims[0].key.clone()]).unwrap(), 1);
    store
        .release(
            &me,
            &claims[0],
            Release::Retry {
                error: "timeout".into(),
                after: Duration::from_secs(3600),
            },
        )
        .unwrap();
    store
        .release(
            &me,
            &claims[1],
            Release::GiveUp {
                error: "404".into(),
            },
        )
        .unwrap();
    let mut r = record(3, false);
    r.aliases.push(claims[2].key.clone());
    assert_eq!(
        store.put_claimed(&r, &claims[2]).unwrap(),
        PutOutcome::Added
    );
    let q = store.queue_stats().unwrap();
    assert_eq!(
        (q.due, q.waiting, q.claimed, q.done, q.failed),
        (2, 1, 0, 1, 1),
        "{q:?}"
    );
    assert!(q.next_retry.is_some());
    // A done entry comes back only when discovery says so (newer).
    assert_eq!(store.enqueue(&entries[2..3]).unwrap(), 1);
}

#[test]
fn the_postgres_store_behaves_like_the_sqlite_store() {
    let Some(cluster) = pg::Cluster::start("the_postgres_store_behaves_like_the_sqlite_store")
    else {
        return;
    };
    let url = cluster.create_db("same");
    let mut pg = PgStore::connect(&url, Duration::from_secs(5)).unwrap();
    exercise(&mut pg);
    let dir = tempfile::tempdir().unwrap();
    let mut lite = SqliteStore::open(&dir.path().join("kg.db")).unwrap();
    exercise(&mut lite);
    assert_eq!(
        pg.facts(&Window::default()).unwrap(),
        lite.facts(&Window::default()).unwrap()
    );
    assert_eq!(pg.schema_version().unwrap(), lite.schema_version().unwrap());
    assert!(
        pg.describe().starts_with("postgres://postgres@127.0.0.1:"),
        "{}",
        pg.describe()
    );
    assert!(!pg.describe().contains(pg::PASSWORD));
}

#[test]
fn schema_versions_migrate_forward_and_a_newer_one_is_refused() {
    let Some(cluster) =
        pg::Cluster::start("schema_versions_migrate_forward_and_a_newer_one_is_refused")
    else {
        return;
    };
    // A version-1 database, as the first release wrote it.
    let url = cluster.create_db("old");
    cluster.psql("old", newskg::store::pg::MIGRATIONS[0]);
    cluster.psql(
        "old",
        "CREATE TABLE newskg_schema (version INT NOT NULL); INSERT INTO newskg_schema VALUES (1)",
    );
    let store = PgStore::connect(&url, Duration::from_secs(5)).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        newskg::store::pg::SCHEMA_VERSION
    );
    assert_eq!(cluster.psql("old", "SELECT count(*) FROM url_queue"), "0");
    drop(store);
    cluster.psql("old", "UPDATE newskg_schema SET version = 99");
    let err = PgStore::connect(&url, Duration::from_secs(5)).unwrap_err();
    assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
    assert!(err.to_string().contains("newer newskg"), "{err}");
}

#[test]
fn errors_name_the_server_and_never_the_password() {
    let Some(cluster) = pg::Cluster::start("errors_name_the_server_and_never_the_password") else {
        return;
    };
    let wrong = cluster.url("postgres").replace("s3cret", "wrongpass");
    let err = PgStore::connect(&wrong, Duration::from_secs(5))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains(&format!("127.0.0.1:{}", cluster.port)),
        "{err}"
    );
    assert!(err.contains("password authentication failed"), "{err}");
    assert!(
        !err.contains("wrongpass") && !err.contains(pg::PASSWORD),
        "{err}"
    );
    // No server there: it retries for the window, then says so.
    let port = cluster.port;
    drop(cluster);
    let gone = format!("postgres://postgres:hunter2@127.0.0.1:{port}/postgres");
    let started = std::time::Instant::now();
    let err = PgStore::connect(&gone, Duration::from_secs(2)).unwrap_err();
    assert!(started.elapsed() >= Duration::from_secs(2));
    let text = err.to_string();
    assert!(matches!(err, StoreError::Unavailable { .. }), "{text}");
    assert!(
        text.contains("unreachable") && !text.contains("hunter2"),
        "{text}"
    );
}
