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
            kind: newskg::relations::RelationKind::PartnerOf,
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
        store.put_claimed(&[(r, claims[2].clone())]).unwrap(),
        vec![PutOutcome::Added]
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

// ---------------------------------------------------------------------------
// The binary against a server: workers, kills, a restarted server, db copy.

#[path = "support/news_site.rs"]
mod news_site;

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

use news_site::{NewsSite, serve};

fn newskg(args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newskg"));
    c.args(args)
        .env_remove("NEWSKG_DB")
        .env_remove("NEWSKG_LOG");
    c
}

fn run(args: &[&str]) -> Output {
    let o = newskg(args).output().unwrap();
    assert!(
        o.status.success(),
        "newskg {args:?}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// Fetch flags every run of these tests uses: no HTTP cache (each worker
/// fetches for itself), a short per-host delay.
const FETCH: &[&str] = &["--no-cache", "--progress", "lines", "--retries", "1"];

fn spawn_worker(db: &str, delay: &str, log: &Path) -> Child {
    let mut args = vec![
        "worker",
        "--db",
        db,
        "--until-empty",
        "--lease",
        "3s",
        "--delay",
        delay,
    ];
    args.extend_from_slice(FETCH);
    newskg(&args)
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(log).unwrap())
        .spawn()
        .unwrap()
}

/// The JSON export of `db`.
fn export(db: &str, out: &Path) -> Vec<u8> {
    run(&["export", "--db", db, "-o", out.to_str().unwrap()]);
    std::fs::read(out).unwrap()
}

/// What a single uninterrupted SQLite process makes of the site.
fn reference(feed: &str, dir: &Path) -> Vec<u8> {
    let db = dir.join("ref.db").display().to_string();
    let mut args = vec!["ingest", "--db", &db, "--delay", "0", feed];
    args.extend_from_slice(FETCH);
    run(&args);
    export(&db, &dir.join("ref.json"))
}

fn assert_stored_once(cluster: &pg::Cluster, db: &str, n: usize) {
    let q = |sql: &str| cluster.psql(db, sql);
    assert_eq!(q("SELECT count(*) FROM articles"), n.to_string());
    assert_eq!(q("SELECT count(DISTINCT key) FROM articles"), n.to_string());
    assert_eq!(
        q("SELECT count(*) FROM url_queue WHERE state <> 'done'"),
        "0",
        "{}",
        q("SELECT key, state, last_error FROM url_queue WHERE state <> 'done' LIMIT 5")
    );
    // Every article's relations and mentions once: as many as its facts say
    // (the relations table's key is (article, seq), so a second copy of an
    // article's facts would show up as extra rows under another article).
    assert_eq!(
        q(
            "SELECT count(*) FROM mentions m LEFT JOIN articles a ON a.id = m.article_id WHERE a.id IS NULL"
        ),
        "0"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fleet_of_workers_stores_every_article_once_and_politely() {
    let Some(cluster) =
        pg::Cluster::start("a_fleet_of_workers_stores_every_article_once_and_politely")
    else {
        return;
    };
    let site = NewsSite::new(120);
    let server = serve(site.clone()).await;
    let feed = format!("{}/rss.xml", server.uri());
    let dir = tempfile::tempdir().unwrap();
    let db = cluster.create_db("fleet");
    let d = dir.path().to_path_buf();
    let (site2, db2) = (site.clone(), db.clone());
    let (ours, want) = tokio::task::spawn_blocking(move || {
        let mut args = vec!["ingest", "--db", &db2, "--enqueue-only", &feed];
        args.extend_from_slice(FETCH);
        run(&args);
        let workers: Vec<Child> = (0..3)
            .map(|i| spawn_worker(&db2, "0.02", &d.join(format!("w{i}.log"))))
            .collect();
        for (i, mut w) in workers.into_iter().enumerate() {
            let status = w.wait().unwrap();
            let log = std::fs::read_to_string(d.join(format!("w{i}.log"))).unwrap();
            assert!(status.success(), "worker {i}: {log}");
            assert!(!log.contains(pg::PASSWORD), "{log}");
        }
        // Each article URL was requested once, by one of the workers, and
        // the workers kept the 20 ms between requests to the site as a fleet.
        let hits = site2.article_hits();
        assert!(
            hits.iter().all(|&n| n == 1),
            "requests per article: {hits:?}"
        );
        let gap = site2.min_article_gap().unwrap();
        assert!(gap >= Duration::from_millis(20), "requests {gap:?} apart");
        let ours = export(&db2, &d.join("fleet.json"));
        (ours, reference(&feed, &d))
    })
    .await
    .unwrap();
    assert_stored_once(&cluster, "fleet", 120);
    assert!(
        ours == want,
        "the fleet's export differs from one SQLite process's"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn killed_workers_and_a_restarted_server_lose_nothing() {
    let Some(cluster) = pg::Cluster::start("killed_workers_and_a_restarted_server_lose_nothing")
    else {
        return;
    };
    let cluster = std::sync::Arc::new(cluster);
    let site = NewsSite::new(150);
    let server = serve(site.clone()).await;
    let feed = format!("{}/rss.xml", server.uri());
    let dir = tempfile::tempdir().unwrap();
    let db = cluster.create_db("kills");
    let d = dir.path().to_path_buf();
    let (c2, db2) = (cluster.clone(), db.clone());
    let (ours, want) = tokio::task::spawn_blocking(move || {
        let mut args = vec!["ingest", "--db", &db2, "--enqueue-only", &feed];
        args.extend_from_slice(FETCH);
        run(&args);
        let log = |i: usize| d.join(format!("w{i}.log"));
        let mut workers: Vec<Child> = (0..3)
            .map(|i| spawn_worker(&db2, "0.03", &log(i)))
            .collect();
        // kill -9 a worker every 300 ms and start another in its place.
        let mut seed = 0x2545_f491_u32;
        for k in 0..6 {
            std::thread::sleep(Duration::from_millis(300));
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let i = seed as usize % workers.len();
            let _ = workers[i].kill();
            let _ = workers[i].wait();
            workers[i] = spawn_worker(&db2, "0.03", &log(10 + k));
        }
        // The server goes down for two seconds while they work.
        c2.stop("fast");
        std::thread::sleep(Duration::from_secs(2));
        c2.start_again();
        for (i, mut w) in workers.into_iter().enumerate() {
            let status = w.wait().unwrap();
            assert!(status.success(), "worker {i} failed");
        }
        // A last worker finishes whatever the killed ones held.
        let mut args = vec![
            "worker",
            "--db",
            &db2,
            "--until-empty",
            "--lease",
            "3s",
            "--delay",
            "0",
        ];
        args.extend_from_slice(FETCH);
        run(&args);
        let ours = export(&db2, &d.join("kills.json"));
        (ours, reference(&feed, &d))
    })
    .await
    .unwrap();
    assert_stored_once(&cluster, "kills", 150);
    assert!(
        ours == want,
        "after kills and a restart the export differs from one SQLite process's"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn db_copy_to_postgres_and_back_gives_identical_exports() {
    let Some(cluster) = pg::Cluster::start("db_copy_to_postgres_and_back_gives_identical_exports")
    else {
        return;
    };
    let site = NewsSite::new(40);
    let server = serve(site.clone()).await;
    let feeds = [
        format!("{}/rss.xml?from=0&to=30", server.uri()),
        format!("{}/atom.xml?from=30&to=40", server.uri()),
        format!("{}/gone.xml", server.uri()),
    ];
    let dir = tempfile::tempdir().unwrap();
    let up = cluster.create_db("up");
    let direct = cluster.create_db("direct");
    let d = dir.path().to_path_buf();
    tokio::task::spawn_blocking(move || {
        let p = |n: &str| d.join(n).display().to_string();
        let sqlite = p("start.db");
        for db in [&sqlite, &direct] {
            let mut args = vec!["ingest", "--db", db, "--delay", "0"];
            args.extend(feeds.iter().map(String::as_str));
            args.extend_from_slice(FETCH);
            // The vanished feed makes the exit status 1; the rest is stored.
            let o = newskg(&args).output().unwrap();
            assert_eq!(
                o.status.code(),
                Some(1),
                "{}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        run(&["db", "copy", "--from", &sqlite, "--to", &up]);
        run(&["db", "copy", "--from", &up, "--to", &p("back.db")]);
        let want = export(&sqlite, &d.join("start.json"));
        assert!(
            export(&up, &d.join("up.json")) == want,
            "SQLite → PostgreSQL changed the export"
        );
        assert!(
            export(&p("back.db"), &d.join("back.json")) == want,
            "and back changed it"
        );
        assert!(
            export(&direct, &d.join("direct.json")) == want,
            "ingest into PostgreSQL differs from SQLite"
        );
        let stats = |db: &str| {
            let out = String::from_utf8(run(&["stats", "--db", db]).stdout).unwrap();
            out.lines().skip(1).collect::<Vec<_>>().join("\n")
        };
        let (a, b) = (stats(&sqlite), stats(&up));
        assert_eq!(a, b);
        assert!(a.contains("articles   40") && a.contains("FAILING"), "{a}");
        assert_eq!(stats(&p("back.db")), a);
    })
    .await
    .unwrap();
}

#[test]
fn tls_is_optional_and_checks_the_server_when_asked() {
    let test = "tls_is_optional_and_checks_the_server_when_asked";
    let Some(cluster) = pg::Cluster::start(test) else {
        return;
    };
    let Some(ca) = cluster.enable_tls(test) else {
        return;
    };
    let base = cluster.create_db("tls");
    let encrypted = || {
        cluster.psql(
            "postgres",
            "SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
             WHERE a.application_name = 'newskg' AND s.ssl",
        )
    };
    let connect =
        |query: &str| PgStore::connect(&format!("{base}?{query}"), Duration::from_secs(2));
    // Encrypted without checking the certificate (libpq's require).
    let store = connect("sslmode=require").unwrap();
    assert_eq!(encrypted(), "1");
    drop(store);
    // Checked against the CA, host name included.
    let ca = ca.display().to_string();
    let store = connect(&format!("sslmode=verify-full&sslrootcert={ca}")).unwrap();
    assert_eq!(store.stats().unwrap().articles, 0);
    assert_eq!(encrypted(), "1");
    drop(store);
    // An unknown CA is refused, naming the server, never the password.
    let err = connect("sslmode=verify-full").unwrap_err().to_string();
    assert!(
        err.contains("127.0.0.1") && !err.contains(pg::PASSWORD),
        "{err}"
    );
    assert!(
        err.to_lowercase().contains("certificate") || err.contains("TLS"),
        "{err}"
    );
    // And TLS is optional.
    let store = connect("sslmode=disable").unwrap();
    assert_eq!(encrypted(), "0");
    drop(store);
}
