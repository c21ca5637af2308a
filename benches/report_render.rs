//! Time to first render of a 5,000-node report in headless Chromium.
//!
//! ```sh
//! cargo bench --bench report_render            # 5,000 nodes
//! cargo bench --bench report_render -- 20000   # another size
//! ```
//!
//! Builds a synthetic graph (articles of ten entities in a chain, sharing
//! hub entities, spread over 60 days), writes the report (timing the Rust
//! side: layout and page), opens it through chromedriver and reads the
//! page's own clock: from navigation start, and from the start of the
//! report script, to the first frame cytoscape drew. Then it times a search
//! and a filter change, to show the page stays responsive. Needs
//! `/usr/bin/chromium` and `chromedriver`; the page stays in
//! `target/report-artifacts/`.

#[path = "../tests/support/webdriver.rs"]
mod webdriver;

use std::time::{Duration, Instant};

use newskg::graph::{
    ArticleFacts, ArticleInfo, EntityFact, Evidence, KnowledgeGraph, RelationFact,
};
use newskg::report::{self, ReportOptions};

const TYPES: [&str; 4] = ["ORG", "PERSON", "PRODUCT", "LOCATION"];
const KINDS: [&str; 5] = [
    "partner_of",
    "ceo_of",
    "uses",
    "contract_with",
    "headquartered_in",
];

fn synthetic(nodes: usize) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new(3);
    let per_article = 10;
    for a in 0..nodes.div_ceil(per_article) {
        let url = format!("https://example.com/news/{a}");
        let date = format!("2024-{:02}-{:02}", 1 + (a / 28) % 2, 1 + a % 28);
        let mut ids: Vec<usize> = (a * per_article..((a + 1) * per_article).min(nodes)).collect();
        ids.push((a * 37) % nodes.min(200)); // shared hubs join the articles up
        let entities = ids
            .iter()
            .map(|&i| EntityFact {
                id: format!("e:{i}"),
                kind: TYPES[i % TYPES.len()].into(),
                label_ko: format!("기업{i}"),
                label_en: format!("Company {i}"),
                aliases: vec![format!("별칭{i}")],
                roles: vec![],
                mentions: 1 + (i % 7) as u64,
            })
            .collect();
        let relations = ids
            .windows(2)
            .enumerate()
            .map(|(k, w)| {
                let sentence = format!("기업{}은 기업{}과 협력한다고 밝혔다.", w[0], w[1]);
                RelationFact {
                    source: format!("e:{}", w[0]),
                    target: format!("e:{}", w[1]),
                    kind: KINDS[(a + k) % KINDS.len()].parse().unwrap(),
                    directed: true,
                    confidence: 0.8,
                    attributes: Default::default(),
                    evidence: Evidence {
                        date: Some(date.as_str().into()),
                        url: url.as_str().into(),
                        start: k * 40,
                        end: k * 40 + sentence.chars().count(),
                        sentence: sentence.into(),
                        modality: Default::default(),
                    },
                }
            })
            .collect();
        g.add_article(&ArticleFacts {
            article: ArticleInfo {
                url: url.clone(),
                title: Some(format!("합성 기사 {a}")),
                published: Some(format!("{date}T09:00:00+09:00")),
                publisher: Some("예시일보".into()),
            },
            entities,
            relations,
        });
    }
    g
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> anyhow::Result<()> {
    let nodes: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(5000);
    let g = synthetic(nodes);
    let page = webdriver::artifacts_dir().join(format!("perf-{nodes}.html"));
    let t = Instant::now();
    report::write_file(&g, &ReportOptions::default(), &page)?;
    let write = t.elapsed();
    let size = std::fs::metadata(&page)?.len();
    println!(
        "report: {} nodes, {} edges, {:.1} MB, written in {:.2} s (layout + page)",
        g.node_count(),
        g.edge_count(),
        size as f64 / 1e6,
        write.as_secs_f64()
    );
    let browser = match webdriver::Browser::start().await? {
        Ok(b) => b,
        Err(why) => {
            println!("browser part skipped: {why}");
            return Ok(());
        }
    };
    let wait = Duration::from_secs(120);
    let mut runs = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        browser.goto(&webdriver::file_url(&page)?).await?;
        browser
            .wait_for("return document.body.dataset.ready === '1'", wait)
            .await?;
        let wall = t.elapsed();
        let nav = browser
            .execute("return window.newskgFirstRender.sinceNavigation")
            .await?;
        let script = browser
            .execute("return window.newskgFirstRender.sinceScript")
            .await?;
        runs.push((
            nav.as_f64().unwrap_or(f64::NAN),
            script.as_f64().unwrap_or(f64::NAN),
            wall,
        ));
    }
    for (i, (nav, script, wall)) in runs.iter().enumerate() {
        println!(
            "run {}: first render {:.0} ms after navigation start ({:.0} ms of it in the report script); webdriver saw it after {:.0} ms",
            i + 1,
            nav,
            script,
            wall.as_secs_f64() * 1000.0
        );
    }
    let search = browser
        .execute(
            "const t = performance.now();
             const s = document.getElementById('search');
             s.value = '기업4242'; s.dispatchEvent(new Event('input'));
             document.querySelector('#search-results li').click();
             return performance.now() - t;",
        )
        .await?;
    let filter = browser
        .execute(
            "const t = performance.now();
             const c = document.querySelector('#filter-types input');
             c.click();
             return performance.now() - t;",
        )
        .await?;
    println!(
        "search + select: {:.0} ms; type filter: {:.0} ms",
        search.as_f64().unwrap_or(f64::NAN),
        filter.as_f64().unwrap_or(f64::NAN)
    );
    let shot = webdriver::artifacts_dir().join(format!("perf-{nodes}.png"));
    std::fs::write(&shot, browser.screenshot().await?)?;
    println!("screenshot: {}", shot.display());
    browser.quit().await?;
    Ok(())
}
