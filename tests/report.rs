//! The HTML report in a real browser (issue 8): headless Chromium driven
//! through chromedriver opens reports written by `newskg report`.
//!
//! - a report of the 40 corpus pages (`../shared/corpus/news-html`; the
//!   bundled `data/samples/kt-azure.txt` when the corpus is absent), with
//!   co-occurrence edges: search `KT`, click the result, the side panel
//!   lists evidence sentences that name it and link to their articles; a
//!   screenshot goes to `target/report-artifacts/`;
//! - a report of an empty input shows "No entities found".
//!
//! Each test skips with a message when `/usr/bin/chromium` or `chromedriver`
//! is missing (`.ci/run` installs both). The time to first render of a
//! 5,000-node report is measured by `cargo bench --bench report_render`.

#[path = "support/webdriver.rs"]
mod webdriver;

#[path = "support/require.rs"]
mod require;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use webdriver::{Browser, artifacts_dir, file_url};

const CORPUS: &str = "../shared/corpus/news-html";
const SAMPLE: &str = "data/samples/kt-azure.txt";
const WAIT: Duration = Duration::from_secs(30);

/// Runs `newskg report ARGS... -o out`, returns the exit code.
fn report(args: &[&std::ffi::OsStr], out: &Path) -> i32 {
    let status = Command::new(env!("CARGO_BIN_EXE_newskg"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["report", "--no-cache", "--progress", "lines"])
        .args(args)
        .arg("-o")
        .arg(out)
        .status()
        .expect("run newskg");
    status.code().unwrap_or(-1)
}

async fn browser_or_skip(test: &str) -> Option<Browser> {
    match Browser::start().await.expect("start chromedriver") {
        Ok(b) => Some(b),
        Err(why) => {
            require::skip(test, &why);
            None
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn search_click_shows_evidence() {
    let Some(browser) = browser_or_skip("search_click_shows_evidence").await else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let input: PathBuf = if root.join(CORPUS).is_dir() {
        root.join(CORPUS)
    } else {
        require::skip(
            "the corpus report",
            &format!("{CORPUS} absent: using {SAMPLE}"),
        );
        root.join(SAMPLE)
    };
    let page = artifacts_dir().join("corpus-report.html");
    // The corpus has few typed relations (none for KT), so co-occurrence
    // edges are drawn too: they carry evidence sentences like the others.
    let args = [std::ffi::OsStr::new("--co-occurrence"), input.as_os_str()];
    assert_eq!(report(&args, &page), 0, "newskg report failed");
    browser.goto(&file_url(&page).unwrap()).await.unwrap();
    browser
        .wait_for("return document.body.dataset.ready === '1'", WAIT)
        .await
        .unwrap();
    let nodes = browser
        .execute("return document.querySelectorAll('#cy canvas').length")
        .await
        .unwrap();
    assert!(nodes.as_u64().unwrap_or(0) > 0, "the graph was not drawn");

    let search = browser.find("#search").await.unwrap();
    browser.send_keys(&search, "KT").await.unwrap();
    browser
        .wait_for(
            "return document.querySelectorAll('#search-results li').length",
            WAIT,
        )
        .await
        .unwrap();
    let first = browser.find("#search-results li").await.unwrap();
    let found = browser.text(&first).await.unwrap();
    assert!(found.starts_with("KT"), "first search result: {found:?}");
    browser.click(&first).await.unwrap();

    let heading = browser.find("#details h2").await.unwrap();
    assert_eq!(browser.text(&heading).await.unwrap(), "KT");
    let evidence = browser
        .wait_for(
            "return document.querySelectorAll('#details .evidence blockquote').length",
            WAIT,
        )
        .await
        .unwrap();
    let sentence = browser.find("#details .evidence blockquote").await.unwrap();
    let sentence = browser.text(&sentence).await.unwrap();
    // The sentence names the entity by one of its names.
    let names = browser
        .execute(
            "const g = JSON.parse(document.getElementById('newskg-data').textContent).graph;
             const n = g.nodes.find((n) => n.label === 'KT');
             return [n.label, n.label_en, ...n.aliases];",
        )
        .await
        .unwrap();
    let names: Vec<&str> = names
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(
        names.iter().any(|n| sentence.contains(n)),
        "evidence sentence {sentence:?} names none of {names:?}"
    );
    // Evidence links back to its article.
    let link = browser
        .execute("return document.querySelector('#details .evidence a').href")
        .await
        .unwrap();
    assert!(link.as_str().is_some_and(|u| !u.is_empty()), "{link}");
    // The tables are filled.
    let rows = browser
        .execute("return document.querySelectorAll('#articles tr').length")
        .await
        .unwrap();
    assert!(rows.as_u64().unwrap_or(0) > 1, "no article rows");

    let png = browser.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "screenshot is not a PNG");
    let shot = artifacts_dir().join("report-search-KT.png");
    std::fs::write(&shot, png).unwrap();

    // The corpus spans several days: the time slider is there (a text
    // sample has no date).
    let slider = browser
        .execute("return !document.getElementById('time-slider').hidden")
        .await
        .unwrap();
    if input.ends_with(CORPUS) {
        assert_eq!(slider, true, "no time slider for a multi-day graph");
    }

    // Nothing was fetched: everything is inline.
    let fetched = browser
        .execute("return performance.getEntriesByType('resource').map((r) => r.name)")
        .await
        .unwrap();
    assert_eq!(fetched, serde_json::json!([]), "the page fetched resources");

    // A relation of the panel opens the relation: kind, weight, evidence.
    let relation = browser.find("#details .relation").await.unwrap();
    browser.click(&relation).await.unwrap();
    let panel = browser.find("#details").await.unwrap();
    let text = browser.text(&panel).await.unwrap();
    assert!(
        text.contains("weight") && text.contains("Evidence ("),
        "{text:?}"
    );

    // Filters: unticking an entity type hides entities.
    let before = browser.find("#visible-count").await.unwrap();
    let before = browser.text(&before).await.unwrap();
    let type_box = browser.find("#filter-types input").await.unwrap();
    browser.click(&type_box).await.unwrap();
    let after = browser.find("#visible-count").await.unwrap();
    let after = browser.text(&after).await.unwrap();
    assert_ne!(before, after, "a type filter changed nothing");
    eprintln!(
        "KT: {} evidence sentences shown; screenshot {}",
        evidence,
        shot.display()
    );
    browser.quit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn empty_input_says_no_entities() {
    let Some(browser) = browser_or_skip("empty_input_says_no_entities").await else {
        return;
    };
    // An input list with nothing in it: the batch succeeds with no articles.
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("urls.txt");
    std::fs::write(&list, "# nothing to read today\n").unwrap();
    let page = artifacts_dir().join("empty-report.html");
    // A run where no input became an article keeps an existing output
    // (issue 16): the page of an earlier run must not pass for this one.
    let _ = std::fs::remove_file(&page);
    let args = [std::ffi::OsStr::new("--urls"), list.as_os_str()];
    assert_eq!(report(&args, &page), 0, "newskg report failed");
    browser.goto(&file_url(&page).unwrap()).await.unwrap();
    browser
        .wait_for("return document.body.dataset.ready === '1'", WAIT)
        .await
        .unwrap();
    let empty_state = browser.find("#empty").await.unwrap();
    let text = browser.text(&empty_state).await.unwrap();
    assert!(text.contains("No entities found"), "{text:?}");
    let png = browser.screenshot().await.unwrap();
    std::fs::write(artifacts_dir().join("report-empty.png"), png).unwrap();
    browser.quit().await.unwrap();
}

/// `--graph` renders a graph written by `newskg extract` (no browser needed).
#[test]
fn report_from_graph_json() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("kt.json");
    let status = Command::new(env!("CARGO_BIN_EXE_newskg"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["extract", "--no-cache", SAMPLE, "-o"])
        .arg(&json)
        .status()
        .unwrap();
    assert!(status.success());
    let page = dir.path().join("kt.html");
    let args = [std::ffi::OsStr::new("--graph"), json.as_os_str()];
    assert_eq!(report(&args, &page), 0);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains(r#"id="newskg-data""#));
    assert!(
        html.contains("애저"),
        "the sample's entities are in the page"
    );
}

/// What a reader sees of the labels in the graph's current view: the
/// entities drawn with a label (in view), the smallest label on screen in
/// pixels, and the pairs of drawn labels that overlap (cytoscape's own
/// label boxes).
const LABELS: &str = "
    const cy = window.newskgCy;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const z = cy.zoom(), ext = cy.extent();
    const drawn = cy.nodes(':visible').filter((n) => {
      const p = n.position();
      return n.style('label') !== '' && p.x >= ext.x1 && p.x <= ext.x2 && p.y >= ext.y1 && p.y <= ext.y2;
    });
    const boxes = drawn.map((n) => n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }));
    const names = drawn.map((n) => n.data('label'));
    const overlapping = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i], b = boxes[j];
        if (Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1) > 1 && Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1) > 1) {
          overlapping.push([names[i], names[j]]);
        }
      }
    }
    const px = drawn.map((n) => parseFloat(n.style('font-size')) * z);
    return { drawn: drawn.length, majorDrawn: drawn.filter((n) => n.hasClass('major')).length,
             shown: cy.nodes(':visible').length, minPx: px.length ? Math.min(...px) : 0,
             overlapping: overlapping.slice(0, 10), zoom: z };
";

/// Runs [`LABELS`] in the page.
async fn labels(browser: &webdriver::Browser) -> serde_json::Value {
    browser
        .execute(&format!("return (async () => {{ {LABELS} }})()"))
        .await
        .unwrap()
}

/// The report as a user first sees it (issue 16): the corpus graph without
/// co-occurrence is a few relations among hundreds of entities, so the
/// entities without a relation are hidden until asked for, the main
/// entities carry readable labels at the first zoom, no label covers
/// another, and the page fits a 1400×900 window. The toggle brings the
/// isolates back, still without overlapping labels; so does a dense graph
/// (with co-occurrence) zoomed in. Screenshots are left in
/// `target/report-artifacts/` (`report-first-view-1400x900.png`, …).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn first_view_is_readable_at_1400x900() {
    let test = "first_view_is_readable_at_1400x900";
    let Some(browser) = browser_or_skip(test).await else {
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let input = match require::shared(test, "corpus/news-html") {
        Some(p) => p,
        None => root.join(SAMPLE),
    };
    let page = artifacts_dir().join("corpus-report-default.html");
    assert_eq!(
        report(&[input.as_os_str()], &page),
        0,
        "newskg report failed"
    );
    browser.set_window_size(1400, 900).await.unwrap();
    browser.goto(&file_url(&page).unwrap()).await.unwrap();
    browser
        .wait_for("return document.body.dataset.ready === '1'", WAIT)
        .await
        .unwrap();
    let graph = browser
        .execute(
            "const g = JSON.parse(document.getElementById('newskg-data').textContent).graph;
             const linked = new Set(g.edges.flatMap((e) => [e.source, e.target]));
             return { nodes: g.nodes.length, edges: g.edges.length, linked: linked.size,
                      scroll: document.documentElement.scrollWidth,
                      toggle: document.getElementById('connected-only').checked };",
        )
        .await
        .unwrap();
    let first = labels(&browser).await;
    let shot = artifacts_dir().join("report-first-view-1400x900.png");
    std::fs::write(&shot, browser.screenshot().await.unwrap()).unwrap();
    eprintln!("first view: {graph} {first}; screenshot {}", shot.display());
    let n = |v: &serde_json::Value, k: &str| v[k].as_f64().unwrap_or(0.0);
    if n(&graph, "edges") > 0.0 {
        assert_eq!(
            graph["toggle"], true,
            "isolates are hidden by default: {graph}"
        );
        assert_eq!(
            n(&first, "shown"),
            n(&graph, "linked"),
            "only entities with relations: {first}"
        );
    }
    assert!(
        n(&first, "majorDrawn") >= n(&first, "shown").min(10.0),
        "main entities labelled: {first}"
    );
    assert!(
        n(&first, "minPx") >= 10.0,
        "labels readable at the first zoom: {first}"
    );
    assert_eq!(
        first["overlapping"],
        serde_json::json!([]),
        "labels overlap: {first}"
    );
    assert!(
        n(&graph, "scroll") <= 1400.0,
        "no horizontal scrolling at 1400 px: {graph}"
    );

    // The toggle brings every entity back; the labels still stay apart.
    let toggle = browser.find("#connected-only").await.unwrap();
    browser.click(&toggle).await.unwrap();
    let all = labels(&browser).await;
    std::fs::write(
        artifacts_dir().join("report-all-entities-1400x900.png"),
        browser.screenshot().await.unwrap(),
    )
    .unwrap();
    eprintln!("all entities: {all}");
    assert_eq!(
        n(&all, "shown"),
        n(&graph, "nodes"),
        "isolates come back: {all}"
    );
    assert!(
        n(&all, "majorDrawn") >= 10.0_f64.min(n(&all, "shown")),
        "{all}"
    );
    assert_eq!(
        all["overlapping"],
        serde_json::json!([]),
        "labels overlap: {all}"
    );

    // A dense graph (every co-occurrence drawn), zoomed in on its middle.
    let dense = artifacts_dir().join("corpus-report-dense.html");
    let args = [std::ffi::OsStr::new("--co-occurrence"), input.as_os_str()];
    assert_eq!(report(&args, &dense), 0, "newskg report failed");
    browser.goto(&file_url(&dense).unwrap()).await.unwrap();
    browser
        .wait_for("return document.body.dataset.ready === '1'", WAIT)
        .await
        .unwrap();
    let fitted = labels(&browser).await;
    std::fs::write(
        artifacts_dir().join("report-dense-1400x900.png"),
        browser.screenshot().await.unwrap(),
    )
    .unwrap();
    assert_eq!(
        fitted["overlapping"],
        serde_json::json!([]),
        "labels overlap: {fitted}"
    );
    browser
        .execute("const cy = window.newskgCy; cy.zoom({ level: 1.2, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });")
        .await
        .unwrap();
    let zoomed = labels(&browser).await;
    std::fs::write(
        artifacts_dir().join("report-dense-zoomed-1400x900.png"),
        browser.screenshot().await.unwrap(),
    )
    .unwrap();
    eprintln!("dense: {fitted}; zoomed: {zoomed}");
    assert!(
        n(&zoomed, "drawn") > n(&fitted, "drawn").min(10.0),
        "zooming in shows more labels: {zoomed}"
    );
    assert_eq!(
        zoomed["overlapping"],
        serde_json::json!([]),
        "labels overlap: {zoomed}"
    );
    browser.quit().await.unwrap();
}
