//! Each stage of the pipeline on its own (criterion), one thread:
//!
//! ```sh
//! cargo bench --bench stages                 # all stages
//! cargo bench --bench stages -- tokenize     # one of them (criterion filter)
//! ```
//!
//! Input: the real news pages in `../shared/corpus/news-html` when present
//! (40 pages, 80 KB of HTML and ~3 KB of Korean text each); otherwise one
//! page built from the bundled sample `data/samples/kt-azure.txt` (our own
//! sentences), so the bench runs anywhere. Every stage runs over all pages
//! per iteration and is reported in articles per second; each stage's input
//! is the previous stage's output, computed once beforehand:
//!
//! `article` (HTML → Article) → `tokenize` → `entities` → `relations` →
//! `graph merge` (all pages' facts into one graph) → `graphml write`.
//! Co-occurrence edges are built and written (`--co-occurrence`), so merge
//! and write have a graph of some size to work on.
//!
//! For the whole run over thousands of pages, side by side with the Python
//! reference, see `scripts/bench-e2e.sh`.

use std::path::PathBuf;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use newskg::article::Extractor;
use newskg::entities::Date;
use newskg::export::{self, ExportFormat, ExportOptions};
use newskg::fetch::RawPage;
use newskg::graph::KnowledgeGraph;
use newskg::input::{self, Input};
use newskg::pipeline::{Pipeline, article_info};

const CORPUS: &str = "../shared/corpus/news-html";

/// The pages to run on, and where they came from.
fn pages() -> (String, Vec<RawPage>) {
    let files: Vec<PathBuf> = if std::path::Path::new(CORPUS).exists() {
        input::expand(&[CORPUS.to_string()], &[])
            .unwrap()
            .into_iter()
            .filter_map(|item| match item.input {
                Ok(Input::Html(p)) => Some(p),
                _ => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    if !files.is_empty() {
        let pages = files
            .iter()
            .filter_map(|f| RawPage::from_file(f).ok())
            .collect();
        return (format!("{CORPUS} ({} pages)", files.len()), pages);
    }
    // No corpus: one HTML page around the bundled sample, with the metadata
    // a news page has.
    let text = include_str!("../data/samples/kt-azure.txt");
    let body: String = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| format!("<p>{l}</p>\n"))
        .collect();
    let html = format!(
        r#"<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">
<title>KT, 마이크로소프트와 애저 계약</title>
<meta property="og:title" content="KT, 마이크로소프트와 애저 계약">
<meta property="article:published_time" content="2024-07-18T10:00:00+09:00">
<link rel="canonical" href="https://news.example.kr/article/1"></head>
<body><nav><a href="/">홈</a> <a href="/it">IT</a></nav>
<article><h1>KT, 마이크로소프트와 애저 계약</h1>{body}</article>
<footer>무단전재 및 재배포 금지</footer></body></html>"#
    );
    let page = RawPage {
        url: "https://news.example.kr/article/1".into(),
        final_url: "https://news.example.kr/article/1".into(),
        status: 200,
        content_type: Some("text/html; charset=utf-8".into()),
        body: html.into_bytes(),
        from_cache: false,
    };
    (
        "data/samples/kt-azure.txt as one page (corpus absent)".into(),
        vec![page],
    )
}

fn stages(c: &mut Criterion) {
    let (source, pages) = pages();
    eprintln!("stages: {source}");
    let n = pages.len() as u64;
    let html_extractor = Extractor::default();
    let pipeline = Pipeline::new().expect("embedded dictionary and gazetteer");

    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Elements(n));
    group.sample_size(20);
    group.measurement_time(Duration::from_secs(8));

    group.bench_function("article", |b| {
        b.iter(|| {
            pages
                .iter()
                .filter_map(|p| html_extractor.extract(p).ok())
                .count()
        })
    });
    let articles: Vec<_> = pages
        .iter()
        .filter_map(|p| html_extractor.extract(p).ok())
        .collect();

    group.bench_function("tokenize", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|a| pipeline.tokenize(&a.text).len())
                .sum::<usize>()
        })
    });
    let tokens: Vec<_> = articles
        .iter()
        .map(|a| pipeline.tokenize(&a.text))
        .collect();
    let published: Vec<Option<Date>> = articles
        .iter()
        .map(|a| article_info(a).date().and_then(|d| Date::parse(d).ok()))
        .collect();

    group.bench_function("entities", |b| {
        b.iter(|| {
            articles
                .iter()
                .zip(&tokens)
                .zip(&published)
                .map(|((a, t), p)| pipeline.entities(&a.text, t, *p).entities.len())
                .sum::<usize>()
        })
    });
    let found: Vec<_> = articles
        .iter()
        .zip(&tokens)
        .zip(&published)
        .map(|((a, t), p)| pipeline.entities(&a.text, t, *p))
        .collect();

    group.bench_function("relations", |b| {
        b.iter(|| {
            articles
                .iter()
                .zip(&tokens)
                .zip(&found)
                .map(|((a, t), f)| {
                    pipeline
                        .relations(article_info(a), &a.text, t, f)
                        .relations
                        .len()
                })
                .sum::<usize>()
        })
    });
    let facts: Vec<_> = articles
        .iter()
        .zip(&tokens)
        .zip(&found)
        .map(|((a, t), f)| pipeline.relations(article_info(a), &a.text, t, f))
        .collect();

    group.bench_function("graph merge", |b| {
        b.iter(|| {
            let mut g = KnowledgeGraph::default();
            for f in &facts {
                g.add_article(f);
            }
            g.edge_count()
        })
    });
    let mut graph = KnowledgeGraph::default();
    for f in &facts {
        graph.add_article(f);
    }

    let dir = tempfile::tempdir().expect("temporary directory");
    let out = dir.path().join("bench.graphml");
    let opts = ExportOptions {
        co_occurrence: true,
        ..ExportOptions::default()
    };
    group.bench_function("graphml write", |b| {
        b.iter_batched(
            || (),
            |()| export::write(&graph, ExportFormat::Graphml, &opts, &out).expect("write"),
            BatchSize::SmallInput,
        )
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
