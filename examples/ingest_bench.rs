//! Ingestion figures on a generated news site served locally (127.0.0.1).
//!
//! ```sh
//! cargo run --release --example ingest_bench -- 1000      # the figures
//! cargo run --release --example ingest_bench -- serve 300 # only the site (scripts/kill-test.sh)
//! cargo run --release --example ingest_bench -- serve 300 hits.log  # and log every request
//! ```
//!
//! The bench serves N generated articles (one RSS feed listing all of
//! them), ingests them with no per-host delay and no HTTP cache into a fresh
//! database, and reports articles/s, database bytes per article, what a
//! re-run adds, and the export time of a one-week window and of everything.

#[path = "../tests/support/news_site.rs"]
mod news_site;

use std::time::{Duration, Instant};

use newskg::article::{Extractor, Profiles};
use newskg::export::{self, ExportFormat, ExportOptions};
use newskg::fetch::Fetcher;
use newskg::ingest::{Ingester, select};
use newskg::pipeline::Pipeline;
use newskg::store::{SqliteStore, Store, Window};

fn ingester(db: &std::path::Path) -> anyhow::Result<Ingester<SqliteStore>> {
    let fetcher = Fetcher::builder()
        .host_delay(Duration::ZERO)
        .host_concurrency(16)
        .build()?;
    Ok(Ingester::new(
        fetcher,
        Extractor::new(Profiles::builtin()),
        Pipeline::new()?,
        SqliteStore::open(db)?,
    ))
}

#[tokio::main(flavor = "multi_thread")]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("serve") {
        let n: usize = args.get(1).map(|s| s.parse()).transpose()?.unwrap_or(300);
        let site = news_site::NewsSite::new(n);
        if let Some(log) = args.get(2) {
            site.log_to(std::path::Path::new(log))?;
        }
        let server = news_site::serve(site).await;
        println!("{}/rss.xml", server.uri());
        loop {
            tokio::time::sleep(Duration::from_secs(3600)).await;
        }
    }
    let n: usize = args.first().map(|s| s.parse()).transpose()?.unwrap_or(1000);
    let server = news_site::serve(news_site::NewsSite::new(n)).await;
    let feed = vec![format!("{}/rss.xml", server.uri())];
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("bench.db");

    let mut ing = ingester(&db)?;
    let t = Instant::now();
    let first = ing.round(&feed).await?;
    let secs = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let second = ing.round(&feed).await?;
    let rerun = t.elapsed().as_secs_f64();
    let stats = ing.store().stats()?;
    drop(ing); // the last connection checkpoints the WAL into the file
    let bytes = std::fs::metadata(&db)?.len();

    let store = SqliteStore::open(&db)?;
    let out = dir.path().join("g.graphml");
    let opts = ExportOptions::default();
    let export_time = |window: Window| -> anyhow::Result<(f64, usize, usize)> {
        let t = Instant::now();
        let g = select::window_graph(&store, &window, 5, false)?;
        export::write(&g, ExportFormat::Graphml, &opts, &out)?;
        Ok((t.elapsed().as_secs_f64(), g.article_count(), g.node_count()))
    };
    let week = export_time(Window {
        since: Some("2026-10-08".into()),
        until: Some("2026-10-14".into()),
    })?;
    let all = export_time(Window::default())?;

    println!("articles served        {n}");
    println!(
        "first run              {} added, {} failed, {:.1} s, {:.1} articles/s",
        first.added,
        first.failures.len(),
        secs,
        first.added as f64 / secs
    );
    println!(
        "re-run                 {} added, {} updated, {} already stored, {:.2} s",
        second.added, second.updated, second.known, rerun
    );
    println!(
        "store                  {} articles, {} entities, {} relations, {} bytes = {:.0} bytes/article",
        stats.articles,
        stats.entities,
        stats.relations,
        bytes,
        bytes as f64 / stats.articles.max(1) as f64
    );
    println!(
        "export 1-week window   {:.3} s ({} articles, {} nodes, GraphML)",
        week.0, week.1, week.2
    );
    println!(
        "export everything      {:.3} s ({} articles, {} nodes, GraphML)",
        all.0, all.1, all.2
    );
    Ok(())
}
