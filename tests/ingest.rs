//! Ingestion against a generated news site on a local wiremock server
//! (127.0.0.1, ephemeral port): RSS, EUC-KR RSS, Atom, sitemaps, a moved
//! feed, vanished and malformed feeds; idempotent re-runs, duplicate URLs,
//! updated articles, the schema version, concurrent writers, and export
//! from the store against `extract` on the same pages.

#[path = "support/news_site.rs"]
mod news_site;

#[path = "support/require.rs"]
mod require;

use std::path::Path;
use std::time::Duration;

use news_site::{NewsSite, serve};
use newskg::article::{Extractor, Profiles};
use newskg::fetch::{Fetcher, RawPage};
use newskg::graph::{KnowledgeGraph, json};
use newskg::ingest::{Ingester, select};
use newskg::pipeline::Pipeline;
use newskg::store::{SqliteStore, Store, StoreError, Window};

fn ingester(db: &Path) -> Ingester<SqliteStore> {
    let fetcher = Fetcher::builder()
        .host_delay(Duration::ZERO)
        .host_concurrency(8)
        .retry_base(Duration::from_millis(10))
        .retry_cap(Duration::from_millis(50))
        .max_retries(1)
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap();
    Ingester::new(
        fetcher,
        Extractor::new(Profiles::builtin()),
        Pipeline::new().unwrap(),
        SqliteStore::open(db).unwrap(),
    )
}

fn sources(base: &str, names: &[&str]) -> Vec<String> {
    names.iter().map(|n| format!("{base}{n}")).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_feed_kind_then_rerun_adds_nothing() {
    let server = serve(NewsSite::new(50)).await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kg.db");
    let mut ing = ingester(&db);
    let feeds = sources(
        &server.uri(),
        &[
            "/rss.xml?from=0&to=10",
            "/euckr.xml?from=10&to=20",
            "/atom.xml?from=20&to=30",
            "/sitemap-index.xml?from=30&to=40",
            "/moved.xml?from=40&to=50",
            "/gone.xml",
            "/missing.xml",
            "/malformed.xml",
        ],
    );
    let r = ing.round(&feeds).await.unwrap();
    assert_eq!(r.failures, vec![], "article failures");
    assert_eq!(r.added, 50, "{r:?}");
    assert_eq!(r.feeds_ok, 5);
    let failed: Vec<&str> = r.feed_failures.iter().map(|f| f.input.as_str()).collect();
    assert_eq!(failed.len(), 3, "{:?}", r.feed_failures);
    assert!(
        r.feed_failures[0].error.contains("410"),
        "{:?}",
        r.feed_failures
    );
    assert!(
        r.feed_failures[1].error.contains("404"),
        "{:?}",
        r.feed_failures
    );
    assert!(
        r.feed_failures[2].error.contains("malformed"),
        "{:?}",
        r.feed_failures
    );

    let stats = ing.store().stats().unwrap();
    assert_eq!(stats.articles, 50);
    // How many entities the recogniser finds in the generated pages is the
    // entity stage's business (measured by scripts/measure-ner.sh); here it
    // only matters that each article's facts were stored.
    assert!(stats.entities > 0, "{stats:?}");
    assert!(stats.relations > 0, "{stats:?}");
    assert_eq!(stats.feeds.len(), 8);
    let gone = stats
        .feeds
        .iter()
        .find(|f| f.url.ends_with("/gone.xml"))
        .unwrap();
    assert!(gone.last_success.is_none() && gone.last_failure.is_some());

    // EUC-KR titles went through: the stored facts carry Hangul titles.
    let facts = ing.store().facts(&Window::default()).unwrap();
    assert!(facts.iter().all(|f| {
        f.article
            .title
            .as_deref()
            .is_some_and(|t| t.contains("공급 계약"))
    }));

    let again = ing.round(&feeds).await.unwrap();
    assert_eq!((again.added, again.updated), (0, 0), "{again:?}");
    assert_eq!(again.known, 50);
    assert_eq!(ing.store().stats().unwrap().articles, 50);
    // Nothing was fetched again: the store knew every URL.
    let article_hits = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path().starts_with("/news/"))
        .count();
    assert_eq!(article_hits, 50);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_article_under_many_urls_is_stored_once() {
    let server = serve(NewsSite::new(10)).await;
    let dir = tempfile::tempdir().unwrap();
    let mut ing = ingester(&dir.path().join("kg.db"));
    let feeds = sources(&server.uri(), &["/dups.xml", "/rss.xml?from=5&to=6"]);
    let r = ing.round(&feeds).await.unwrap();
    assert_eq!(r.added, 1, "{r:?}");
    assert_eq!(ing.store().stats().unwrap().articles, 1);
    let again = ing.round(&feeds).await.unwrap();
    assert_eq!(
        (again.added, again.updated, again.unchanged),
        (0, 0, 0),
        "{again:?}"
    );
    let known = ing
        .store()
        .known_url(&format!(
            "{}/go/5",
            server.uri().replace("http://", "https://")
        ))
        .unwrap();
    assert!(known.is_some(), "the redirecting URL is remembered");
}

/// Articles given directly as sources are processed a group at a time (so
/// a long list of pages is never all in memory); across groups, a URL met
/// again later in the round still counts once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_long_list_of_article_pages_is_stored_once_each() {
    let server = serve(NewsSite::new(150)).await;
    let dir = tempfile::tempdir().unwrap();
    let mut ing = ingester(&dir.path().join("kg.db"));
    let mut list: Vec<String> = (0..150).map(|i| format!("/news/{i}")).collect();
    list.push("/news/3".to_string());
    list.push("/rss.xml?from=0&to=150".to_string());
    let names: Vec<&str> = list.iter().map(String::as_str).collect();
    let r = ing.round(&sources(&server.uri(), &names)).await.unwrap();
    assert!(r.failures.is_empty(), "{r:?}");
    assert_eq!(r.added, 150, "{r:?}");
    assert_eq!(
        r.found, 150,
        "duplicates within the round count once: {r:?}"
    );
    assert_eq!(ing.store().stats().unwrap().articles, 150);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_updated_article_replaces_its_facts() {
    let site = NewsSite::new(3);
    let server = serve(site.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    let mut ing = ingester(&dir.path().join("kg.db"));
    let feeds = sources(&server.uri(), &["/rss.xml"]);
    assert_eq!(ing.round(&feeds).await.unwrap().added, 3);
    let before = ing.store().stats().unwrap();

    site.bump();
    let r = ing.round(&feeds).await.unwrap();
    assert_eq!((r.added, r.updated, r.known), (0, 1, 2), "{r:?}");
    let after = ing.store().stats().unwrap();
    assert_eq!(after.articles, 3);
    // The new version's facts, exactly once: as if only it had been stored.
    let fresh_db = dir.path().join("fresh.db");
    let mut fresh = ingester(&fresh_db);
    fresh.round(&feeds).await.unwrap();
    let want = fresh.store().stats().unwrap();
    assert_eq!(
        (after.mentions, after.relations),
        (want.mentions, want.relations)
    );
    assert!(after.relations >= before.relations);
    let a =
        json::to_value(&select::window_graph(ing.store(), &Window::default(), 5, true).unwrap());
    let b =
        json::to_value(&select::window_graph(fresh.store(), &Window::default(), 5, true).unwrap());
    assert_eq!(a.unwrap(), b.unwrap());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_from_the_store_equals_extract_on_the_same_pages() {
    let site = NewsSite::new(40);
    let server = serve(site.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    let mut ing = ingester(&dir.path().join("kg.db"));
    ing.round(&sources(&server.uri(), &["/rss.xml"]))
        .await
        .unwrap();

    // `extract` on the same pages saved to disk.
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    let extractor = Extractor::new(Profiles::builtin());
    let pipeline = Pipeline::new().unwrap();
    let mut all = KnowledgeGraph::new(5);
    let mut week = KnowledgeGraph::new(5);
    for i in 0..site.articles {
        let path = pages.join(format!("{i}.html"));
        std::fs::write(&path, site.article_html(i)).unwrap();
        let article = extractor
            .extract(&RawPage::from_file(&path).unwrap())
            .unwrap();
        let facts = pipeline.process(&article);
        all.add_article(&facts);
        if ("2026-10-08".."2026-10-15").contains(&&NewsSite::published(i)[..10]) {
            week.add_article(&facts);
        }
    }
    let stored = select::window_graph(ing.store(), &Window::default(), 5, true).unwrap();
    assert_eq!(
        json::to_value(&stored).unwrap(),
        json::to_value(&all).unwrap()
    );
    let window = Window {
        since: Some("2026-10-08".into()),
        until: Some("2026-10-14".into()),
    };
    let stored_week = select::window_graph(ing.store(), &window, 5, true).unwrap();
    assert!(stored_week.article_count() > 0);
    assert!(stored_week.article_count() < 40);
    assert_eq!(
        json::to_value(&stored_week).unwrap(),
        json::to_value(&week).unwrap()
    );
}

#[test]
fn a_database_from_a_newer_newskg_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kg.db");
    drop(SqliteStore::open(&db).unwrap());
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch("PRAGMA user_version = 99").unwrap();
    drop(conn);
    let err = SqliteStore::open(&db).unwrap_err();
    assert!(matches!(err, StoreError::TooNew { found: 99, .. }));
    assert!(err.to_string().contains("newer newskg"), "{err}");
}

#[test]
fn a_second_writer_waits_then_says_who_holds_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kg.db");
    let mut store = SqliteStore::open_with_timeout(&db, Duration::from_millis(200)).unwrap();
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let err = store.record_feed("https://x.example/rss", Ok(1), "2026-11-01T00:00:00Z");
    let err = err.unwrap_err();
    assert!(matches!(err, StoreError::Busy { .. }), "{err:?}");
    assert!(err.to_string().contains("another newskg process"), "{err}");
    holder.execute_batch("ROLLBACK").unwrap();
    store
        .record_feed("https://x.example/rss", Ok(1), "2026-11-01T00:00:00Z")
        .unwrap();
}

/// Every real EUC-KR/CP949 feed of the shared corpus decodes without
/// replacement characters and yields its items.
#[test]
fn corpus_euc_kr_feeds_decode_and_parse() {
    let Some(dir) = require::shared("corpus_euc_kr_feeds_decode_and_parse", "corpus/rss-euc-kr")
    else {
        return;
    };
    let entries = std::fs::read_dir(&dir).unwrap();
    let mut n = 0;
    for e in entries {
        let path = e.unwrap().path();
        if path.extension().is_none_or(|x| x != "xml") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let decoded = newskg::fetch::charset::decode(&bytes, Some("text/xml")).unwrap();
        assert!(
            !decoded.text.contains('\u{FFFD}'),
            "{}: mojibake",
            path.display()
        );
        assert!(
            decoded.text.chars().any(|c| ('가'..='힣').contains(&c)),
            "{}: no Hangul after decoding",
            path.display()
        );
        let feed = newskg::ingest::feeds::parse("https://example.kr/rss", &bytes, Some("text/xml"))
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(!feed.entries.is_empty(), "{}: no entries", path.display());
        n += 1;
    }
    assert!(n >= 20, "only {n} feeds");
}

/// The binary end to end: `ingest` then `export` writes the same JSON, byte
/// for byte, as `extract` on the same pages saved to disk; `stats` counts them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cli_export_equals_cli_extract() {
    let site = NewsSite::new(20);
    let server = serve(site.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    for i in 0..site.articles {
        std::fs::write(pages.join(format!("{i}.html")), site.article_html(i)).unwrap();
    }
    let feed = format!("{}/rss.xml", server.uri());
    let d = dir.path().to_path_buf();
    let out = tokio::task::spawn_blocking(move || {
        let run = |args: &[&str]| {
            let o = std::process::Command::new(env!("CARGO_BIN_EXE_newskg"))
                .args(args)
                .output()
                .unwrap();
            assert!(
                o.status.success(),
                "{args:?}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            String::from_utf8_lossy(&o.stdout).into_owned()
        };
        let p = |name: &str| d.join(name).display().to_string();
        run(&[
            "ingest",
            "--db",
            &p("kg.db"),
            "--no-cache",
            "--delay",
            "0",
            &feed,
        ]);
        run(&["export", "--db", &p("kg.db"), "-o", &p("export.json")]);
        run(&["extract", &p("pages"), "-o", &p("extract.json")]);
        run(&["stats", "--db", &p("kg.db")])
    })
    .await
    .unwrap();
    assert!(out.contains("articles   20"), "{out}");
    let a = std::fs::read(dir.path().join("export.json")).unwrap();
    let b = std::fs::read(dir.path().join("extract.json")).unwrap();
    assert!(a == b, "export and extract differ");
}

/// `ingest --failures FILE` records what failed, as `extract` does; an
/// article URL given directly is an article (stored, or failing as an
/// article), never a feed; a re-run does not fetch a stored article again.
/// The queue works across processes on SQLite too: `ingest --enqueue-only`
/// then `worker --until-empty`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn article_urls_are_articles_and_failures_are_recorded() {
    let site = NewsSite::new(12);
    let server = serve(site.clone()).await;
    let base = server.uri();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    let site2 = site.clone();
    tokio::task::spawn_blocking(move || {
        let db = d.join("kg.db").display().to_string();
        let failures = d.join("failures.jsonl");
        let newskg = |args: &[&str]| {
            std::process::Command::new(env!("CARGO_BIN_EXE_newskg"))
                .args(args)
                .args(["--no-cache", "--delay", "0", "--progress", "lines"])
                .env_remove("NEWSKG_DB")
                .output()
                .unwrap()
        };
        let article = format!("{base}/news/3");
        let missing = format!("{base}/news/404");
        let feed = format!("{base}/rss.xml?from=5&to=12");
        let o = newskg(&[
            "ingest",
            "--db",
            &db,
            "--enqueue-only",
            "--failures",
            failures.to_str().unwrap(),
            &article,
            &missing,
            &feed,
            &format!("{base}/gone.xml"),
        ]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{err}");
        let log: Vec<serde_json::Value> = std::fs::read_to_string(&failures)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let inputs: Vec<&str> = log.iter().map(|v| v["input"].as_str().unwrap()).collect();
        assert_eq!(inputs.len(), 2, "{log:?}");
        assert!(
            inputs.contains(&missing.as_str()) && inputs.iter().any(|i| i.ends_with("/gone.xml"))
        );
        assert!(
            log.iter()
                .all(|v| v["kind"].as_str().unwrap().starts_with("http 4")),
            "{log:?}"
        );
        // The article page was stored by the discovering process; the feed's
        // 7 entries wait in the queue for a worker.
        let stats = |db: &str| {
            let o = std::process::Command::new(env!("CARGO_BIN_EXE_newskg"))
                .args(["stats", "--db", db])
                .output()
                .unwrap();
            String::from_utf8_lossy(&o.stdout).into_owned()
        };
        let s = stats(&db);
        assert!(
            s.contains("articles   1\n") && s.contains("queue      7 due"),
            "{s}"
        );
        // Only real feeds are feeds: the failing article URL is not one.
        assert!(
            s.contains("feeds      2") && !s.contains("/news/404"),
            "{s}"
        );
        let o = newskg(&["worker", "--db", &db, "--until-empty"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let s = stats(&db);
        assert!(
            s.contains("articles   8\n") && s.contains("0 due") && s.contains("7 done"),
            "{s}"
        );
        // A re-run fetches neither the stored article nor its feed's entries.
        let before = site2.article_hits();
        let o = newskg(&["ingest", "--db", &db, &article, &feed]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert_eq!(site2.article_hits(), before);
        assert!(String::from_utf8_lossy(&o.stderr).contains("0 added"));
    })
    .await
    .unwrap();
}

/// A database written before the work queue existed (schema 1) is brought
/// forward on open, its articles intact.
#[test]
fn a_version_1_database_gains_the_queue() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.db");
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(newskg::store::sqlite::MIGRATIONS[0])
        .unwrap();
    conn.execute_batch("PRAGMA user_version = 1").unwrap();
    drop(conn);
    let store = SqliteStore::open(&db).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        newskg::store::SCHEMA_VERSION
    );
    assert_eq!(store.queue_stats().unwrap(), Default::default());
}

/// SIGTERM stops a worker the way `watch` stops: the articles it holds are
/// finished and stored, nothing is left claimed, and it exits 0.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_terminated_worker_finishes_what_it_holds() {
    let site = NewsSite::new(60);
    let server = serve(site.clone()).await;
    let feed = format!("{}/rss.xml", server.uri());
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kg.db").display().to_string();
    tokio::task::spawn_blocking(move || {
        let newskg = || {
            let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_newskg"));
            c.env_remove("NEWSKG_DB");
            c
        };
        let o = newskg()
            .args(["ingest", "--db", &db, "--enqueue-only", "--no-cache", &feed])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        // A 50 ms delay: 60 articles take 3 s; stop it after one.
        let worker = newskg()
            .args(["worker", "--db", &db, "--no-cache", "--delay", "0.05"])
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Stop it once it has stored an article (so it is running, its signal
        // handler in place), not after a fixed sleep that a loaded machine
        // can outrun.
        let path = std::path::Path::new(&db);
        let started = std::time::Instant::now();
        while SqliteStore::open(path)
            .and_then(|s| s.queue_stats())
            .map_or(true, |q| q.done == 0)
        {
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "the worker stored nothing in 120 s"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let term = std::process::Command::new("kill")
            .args(["-TERM", &worker.id().to_string()])
            .status()
            .unwrap();
        assert!(term.success());
        let o = worker.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(o.status.success(), "{err}");
        assert!(
            err.contains("signal received") && err.contains("worker stopped (signal)"),
            "{err}"
        );
        let store = SqliteStore::open(std::path::Path::new(&db)).unwrap();
        let (q, stats) = (store.queue_stats().unwrap(), store.stats().unwrap());
        assert_eq!(q.claimed, 0, "{q:?}");
        assert!(q.done > 0 && q.due > 0, "stopped mid-way: {q:?}");
        assert_eq!(
            stats.articles, q.done,
            "every done entry is a stored article"
        );
    })
    .await
    .unwrap();
}
