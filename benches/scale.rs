//! How the stages' time grows with the size of one article (issue 16): every
//! stage must be linear (or n log n) in its input, so doubling the text must
//! no more than double the time.
//!
//! ```sh
//! cargo bench --bench scale                  # one article of 1, 2, 4 and 8 MB
//! cargo bench --bench scale -- 0.5 1 2       # other sizes, in MB of text
//! cargo bench --bench scale -- --article-only 1 2 4 8 16   # the article stage alone
//! NEWSKG_SCALE_CAP=600 cargo bench --bench scale   # seconds a size may take (default 300)
//! ```
//!
//! Input: one HTML page whose article body is N MB of Korean text, made from
//! the bundled sample `data/samples/*.txt` (our own sentences), repeated with
//! variation: each copy has its paragraphs in another order and its own
//! numbers, so copies are not byte-identical. Nothing from `../shared`.
//!
//! For each size it prints the time of the article stage (HTML → Article,
//! `Extractor::extract`) and of the language stages on that article
//! (`Worker::process_timed`: tokenize, entities, relations), each with its
//! time per MB; the last lines compare the time per MB at the largest size
//! with the smallest one: about 1× is linear, 2× per doubling is quadratic.
//! A size whose predecessor took more than half of the cap is skipped (a
//! quadratic stage would take hours), and said so.

use std::time::{Duration, Instant};

use newskg::article::{Article, Extractor};
use newskg::fetch::RawPage;
use newskg::pipeline::Pipeline;
use newskg::timing::{Stage, Timings};

const SAMPLES: &[&str] = &[include_str!("../data/samples/kt-azure.txt")];

/// The paragraphs of the samples.
fn paragraphs() -> Vec<String> {
    SAMPLES
        .iter()
        .flat_map(|t| t.lines())
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// `copy`'s variant of a paragraph: its digits shifted by the copy number,
/// so amounts and dates differ from copy to copy.
fn vary(paragraph: &str, copy: usize) -> String {
    paragraph
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_digit((d + copy as u32) % 10, 10).unwrap_or(c),
            None => c,
        })
        .collect()
}

/// About `bytes` of article text as paragraphs.
fn text_of(bytes: usize) -> Vec<String> {
    let base = paragraphs();
    let mut out = Vec::new();
    let mut size = 0;
    let mut copy = 0;
    while size < bytes {
        let n = base.len();
        for k in 0..n {
            let p = vary(&base[(k + copy) % n], copy);
            size += p.len() + 2;
            out.push(p);
        }
        copy += 1;
    }
    out
}

fn page_of(paragraphs: &[String]) -> RawPage {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    let html = format!(
        "<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\">\
         <title>긴 기사</title><meta property=\"og:title\" content=\"긴 기사\">\
         <meta property=\"article:published_time\" content=\"2024-07-18T10:00:00+09:00\">\
         <link rel=\"canonical\" href=\"https://news.example.kr/article/long\"></head>\
         <body><nav><a href=\"/\">홈</a></nav><article><h1>긴 기사</h1>{body}</article>\
         <footer>무단전재 및 재배포 금지</footer></body></html>"
    );
    RawPage {
        url: "https://news.example.kr/article/long".into(),
        final_url: "https://news.example.kr/article/long".into(),
        status: 200,
        content_type: Some("text/html; charset=utf-8".into()),
        body: html.into_bytes(),
        from_cache: false,
    }
}

struct Row {
    mb: f64,
    article: Duration,
    tokenize: Duration,
    entities: Duration,
    relations: Duration,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let article_only = args.iter().any(|a| a == "--article-only");
    let mut sizes: Vec<f64> = args.iter().filter_map(|a| a.parse().ok()).collect();
    if sizes.is_empty() {
        sizes = vec![1.0, 2.0, 4.0, 8.0];
    }
    let cap = std::env::var("NEWSKG_SCALE_CAP")
        .ok()
        .and_then(|s| s.parse().ok())
        .map_or(Duration::from_secs(300), Duration::from_secs_f64);
    let extractor = Extractor::default();
    let pipeline = Pipeline::new().expect("embedded dictionary and gazetteer");
    let worker = pipeline.worker();
    // Warm up: dictionary pages, the gazetteer's maps.
    let warm = extractor
        .extract(&page_of(&paragraphs()))
        .expect("sample page");
    worker.process(&warm);

    println!(
        "one article of N MB of text (data/samples, varied), one thread; cap {cap:?} per size"
    );
    println!(
        "{:>6}  {:>10} {:>8}  {:>10} {:>8}  {:>10} {:>8}  {:>10} {:>8}",
        "MB", "article s", "s/MB", "tokenize s", "s/MB", "entities s", "s/MB", "relations", "s/MB"
    );
    let mut rows: Vec<Row> = Vec::new();
    let mut last_total = Duration::ZERO;
    for mb in sizes {
        if last_total > cap / 2 {
            println!(
                "{mb:>6}  skipped: the previous size took {last_total:.1?}, over half the cap"
            );
            continue;
        }
        let page = page_of(&text_of((mb * 1_000_000.0) as usize));
        let started = Instant::now();
        let article: Article = extractor
            .extract(&page)
            .expect("the generated page is an article");
        let article_time = started.elapsed();
        let text_mb = article.text.len() as f64 / 1e6;
        drop(page);
        let timings = Timings::default();
        if !article_only {
            std::hint::black_box(worker.process_timed(&article, Some(&timings)));
        }
        let row = Row {
            mb: text_mb,
            article: article_time,
            tokenize: timings.get(Stage::Tokenize),
            entities: timings.get(Stage::Entities),
            relations: timings.get(Stage::Relations),
        };
        let per = |d: Duration| d.as_secs_f64() / row.mb.max(1e-9);
        println!(
            "{:>6.2}  {:>10.3} {:>8.3}  {:>10.3} {:>8.3}  {:>10.3} {:>8.3}  {:>10.3} {:>8.3}",
            row.mb,
            row.article.as_secs_f64(),
            per(row.article),
            row.tokenize.as_secs_f64(),
            per(row.tokenize),
            row.entities.as_secs_f64(),
            per(row.entities),
            row.relations.as_secs_f64(),
            per(row.relations),
        );
        last_total = row.article + row.tokenize + row.entities + row.relations;
        rows.push(row);
    }
    if let (Some(first), Some(last)) = (rows.first(), rows.last())
        && rows.len() > 1
    {
        let growth = |a: Duration, b: Duration| {
            (b.as_secs_f64() / last.mb) / (a.as_secs_f64() / first.mb).max(1e-12)
        };
        println!(
            "time per MB at {:.1} MB against {:.1} MB (1× linear, {:.0}× quadratic):",
            last.mb,
            first.mb,
            last.mb / first.mb
        );
        for (name, a, b) in [
            ("article", first.article, last.article),
            ("tokenize", first.tokenize, last.tokenize),
            ("entities", first.entities, last.entities),
            ("relations", first.relations, last.relations),
        ] {
            if !b.is_zero() {
                println!("  {name:<10} {:.2}×", growth(a, b));
            }
        }
    }
}
