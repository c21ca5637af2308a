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
