//! newskg against hostile input (issue 16): each test builds the input an
//! adversary or an unlucky user would give, runs the `newskg` binary on it
//! and asserts what must happen instead of a crash, a blow-up or silent
//! loss. Servers are local (127.0.0.1); pages come from the generated news
//! site of `tests/support/news_site.rs` and the bundled sample article.
//!
//! Memory is checked by polling the child's peak resident set size
//! (`VmHWM` in `/proc`, Linux), against bounds far above what the fixed
//! program uses and far below what the broken one took; hangs are caught by
//! a watchdog far above the run's time. Neither is a timing goal (those are
//! in `benches/` and `scripts/bench-scale.sh`).

#[path = "support/news_site.rs"]
mod news_site;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use news_site::NewsSite;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/samples/kt-azure.txt");

fn newskg() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newskg"));
    // No configuration file of the machine's user gets in.
    cmd.arg("--no-config");
    cmd.env_remove("NEWSKG_LOG");
    cmd
}

/// What a run came to.
struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
    /// Peak resident set size in KiB (0 where `/proc` cannot tell).
    peak_kib: u64,
}

impl Run {
    fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }
}

/// Runs `cmd` (stdout and stderr captured, `stdin` fed when given), polling
/// its peak memory; fails the test when it runs longer than `watchdog`.
fn run(cmd: &mut Command, stdin: Option<Vec<u8>>, watchdog: Duration) -> Run {
    let mut child = cmd
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newskg");
    let feeder = stdin.map(|data| {
        let mut input = child.stdin.take().unwrap();
        std::thread::spawn(move || {
            let _ = input.write_all(&data);
        })
    });
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let status_path = PathBuf::from(format!("/proc/{}/status", child.id()));
    let started = Instant::now();
    let mut peak_kib = 0;
    let status = loop {
        if let Ok(status) = std::fs::read_to_string(&status_path)
            && let Some(kib) = status
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        {
            peak_kib = peak_kib.max(kib);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > watchdog {
            let _ = child.kill();
            let _ = child.wait();
            panic!("newskg did not finish within {watchdog:?}: {cmd:?}");
        }
        std::thread::sleep(Duration::from_millis(3));
    };
    if let Some(f) = feeder {
        let _ = f.join();
    }
    Run {
        code: status.code(),
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
        peak_kib,
    }
}

const MINUTE: Duration = Duration::from_secs(60);

/// Peak memory must stay under `mib` (checked where /proc tells it).
fn assert_peak_below(r: &Run, mib: u64, what: &str) {
    if r.peak_kib > 0 {
        assert!(
            r.peak_kib < mib * 1024,
            "{what}: peak RSS {} MiB, bound {mib} MiB",
            r.peak_kib / 1024
        );
    }
}

/// Starts the generated news site on 127.0.0.1, with the mocks `extra`
/// makes mounted first (they win over the site's own paths).
async fn site(
    articles: usize,
    extra: impl FnOnce(&NewsSite) -> Vec<wiremock::Mock>,
) -> (wiremock::MockServer, NewsSite) {
    let server = wiremock::MockServer::start().await;
    let site = NewsSite::new(articles);
    let _ = site.base.set(server.uri());
    for mock in extra(&site) {
        mock.mount(&server).await;
    }
    wiremock::Mock::given(wiremock::matchers::method("GET"))
        .respond_with(site.clone())
        .mount(&server)
        .await;
    (server, site)
}

fn json_file(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

// 1. A robots.txt with `Crawl-delay: 1e30` panicked the whole process
// (Duration::from_secs_f32 before the clamp): every other input was lost.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_absurd_crawl_delay_does_not_end_the_run() {
    let robots = wiremock::Mock::given(wiremock::matchers::path("/robots.txt")).respond_with(
        wiremock::ResponseTemplate::new(200)
            .set_body_raw("User-agent: *\nCrawl-delay: 1e30\n", "text/plain"),
    );
    let (server, _) = site(3, |_| vec![robots]).await;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.json");
    let url = format!("{}/news/1", server.uri());
    let r = tokio::task::spawn_blocking(move || {
        run(
            newskg()
                .args(["extract", "--no-cache", "--delay", "0", &url, SAMPLE, "-o"])
                .arg(&out),
            None,
            MINUTE,
        )
    })
    .await
    .unwrap();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    let g = json_file(&dir.path().join("g.json"));
    assert_eq!(
        g["articles"].as_array().unwrap().len(),
        2,
        "both inputs kept"
    );
}

// 2. A feed whose DTD defines one 100 KB entity referenced 10,000 times took
// ~2 GB (and a larger one aborted the run): refused as that feed's failure.
#[test]
fn a_feed_entity_bomb_is_that_feeds_failure() {
    let dir = tempfile::tempdir().unwrap();
    let big = "가".repeat(100_000 / 3);
    let refs =
        "<item><title>&big;</title><link>https://bomb.invalid/1</link></item>".repeat(10_000);
    let bomb = format!(
        "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY big \"{big}\">]>\n<rss version=\"2.0\"><channel>{refs}</channel></rss>\n"
    );
    let bomb_path = dir.path().join("bomb.xml");
    std::fs::write(&bomb_path, bomb).unwrap();
    let empty = dir.path().join("empty.xml");
    std::fs::write(
        &empty,
        "<rss version=\"2.0\"><channel><title>t</title></channel></rss>",
    )
    .unwrap();
    let db = dir.path().join("kg.db");
    let r = run(
        newskg()
            .args(["ingest", "--no-cache", "--db"])
            .arg(&db)
            .arg(&bomb_path)
            .arg(&empty),
        None,
        MINUTE,
    );
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr
            .contains("bomb.xml: refused: its DTD entities would expand"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("2 feeds (1 failed)"), "{}", r.stderr);
    assert_peak_below(&r, 400, "entity bomb");
    // The failure is recorded with the feed, the other feed succeeded.
    let stats = run(newskg().args(["stats", "--db"]).arg(&db), None, MINUTE);
    let text = stats.stdout();
    assert!(
        text.contains("FAILING") && text.contains("bomb.xml"),
        "{text}"
    );
}

// 4. 200,000 nested <div>s took 120 s in html5ever: nesting is bounded
// before parsing, the text inside is kept.
#[test]
fn deeply_nested_markup_is_parsed_in_bounded_work() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("deep.html");
    let n = 200_000;
    let text = std::fs::read_to_string(SAMPLE).unwrap();
    let body: String = text
        .split("\n\n")
        .map(|p| format!("<p>{}</p>", p.trim()))
        .collect();
    std::fs::write(
        &page,
        format!(
            "<html><head><title>깊은 문서</title></head><body>{}{body}{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        ),
    )
    .unwrap();
    let r = run(
        newskg().args(["article", "--no-cache"]).arg(&page),
        None,
        MINUTE,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let a: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert!(a["text"].as_str().unwrap().contains("애저"), "{a}");
    assert_peak_below(&r, 400, "nested divs");
}

// 5. Local files were read whole with no limit (50 MB of HTML: 1.4 GB), a
// FIFO with an endless writer grew to 1.6 GB in 1.5 s, and `tokenize` read
// a line of any length.
#[test]
fn files_pipes_and_lines_are_read_within_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.html");
    let para = "<p>KT가 마이크로소프트와 클라우드 계약을 맺었다.</p>\n";
    std::fs::write(
        &big,
        format!(
            "<html><body>{}</body></html>",
            para.repeat(50_000_000 / para.len())
        ),
    )
    .unwrap();
    let r = run(
        newskg().args(["article", "--no-cache"]).arg(&big),
        None,
        MINUTE,
    );
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(
        r.stderr.contains("larger than 10485760 bytes"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("1 too large"), "{}", r.stderr);
    assert_peak_below(&r, 200, "50 MB page");

    // A named pipe with a writer that never stops.
    let fifo = dir.path().join("endless.html");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if made.is_ok_and(|s| s.success()) {
        let path = fifo.clone();
        let writer = std::thread::spawn(move || {
            let Ok(mut f) = std::fs::OpenOptions::new().write(true).open(&path) else {
                return;
            };
            let chunk = "<p>끝없는 문단</p>".repeat(4096);
            while f.write_all(chunk.as_bytes()).is_ok() {}
        });
        // Not joined: should newskg never open the pipe, the writer would
        // wait for a reader forever, and the test would hang instead of
        // failing.
        let r = run(
            newskg()
                .args(["article", "--no-cache", "--max-body", "5000000"])
                .arg(&fifo),
            None,
            MINUTE,
        );
        assert_eq!(r.code, Some(1), "{}", r.stderr);
        assert!(
            r.stderr.contains("larger than 5000000 bytes"),
            "{}",
            r.stderr
        );
        assert_peak_below(&r, 200, "endless FIFO");
        drop(writer);
    }

    // A 20 MB line: analysed in pieces, one EOS.
    let sentence = "KT가 클라우드 계약을 체결했다. ";
    let line = sentence.repeat(20_000_000 / sentence.len()) + "\n";
    let r = run(
        newskg().arg("tokenize"),
        Some(line.into_bytes()),
        5 * MINUTE,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout().matches("EOS\n").count(), 1);
    assert_peak_below(&r, 250, "20 MB line");
}

// 6. Directory inputs followed symbolic links without remembering where
// they had been: one loop read a file 41 times, two loops never finished.
#[cfg(unix)]
#[test]
fn symbolic_link_loops_are_walked_once() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("news");
    std::fs::create_dir_all(root.join("a")).unwrap();
    std::fs::copy(SAMPLE, root.join("a/kt.txt")).unwrap();
    symlink(&root, root.join("a/loop1")).unwrap();
    symlink(root.join("a"), root.join("a/loop2")).unwrap();
    let r = run(
        newskg().args(["article", "--no-cache"]).arg(&root),
        None,
        MINUTE,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(r.stdout().lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("1 input, 1 article"), "{}", r.stderr);
}

// 7. Two runs sharing a cache directory corrupted it: `.body` and `.json`
// shared a temporary name, and 8 of 100 bodies held metadata JSON, later
// served by --offline as an article.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_runs_sharing_a_cache_never_cross_entries() {
    let (server, site) = site(100, |_| vec![]).await;
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("cache");
    let list = dir.path().join("urls.txt");
    let urls: String = (0..100)
        .map(|i| format!("{}/news/{i}\n", server.uri()))
        .collect();
    std::fs::write(&list, &urls).unwrap();
    // Each URL three times over, so that one run also stores a page while
    // storing it already.
    let repeated = dir.path().join("repeated.txt");
    let lines: String = urls
        .lines()
        .flat_map(|u| [u, u, u])
        .map(|u| format!("{u}\n"))
        .collect();
    std::fs::write(&repeated, lines).unwrap();
    let runs = (0..2).map(|_| {
        let (cache, list) = (cache.clone(), repeated.clone());
        tokio::task::spawn_blocking(move || {
            run(
                newskg()
                    .args([
                        "article",
                        "--delay",
                        "0",
                        "--host-concurrency",
                        "8",
                        "--cache-ttl",
                        "0",
                    ])
                    .args(["--progress", "lines", "--cache-dir"])
                    .arg(&cache)
                    .arg("--urls")
                    .arg(&list),
                None,
                MINUTE,
            )
        })
    });
    for r in futures_util::future::join_all(runs).await {
        let r = r.unwrap();
        assert_eq!(r.code, Some(0), "{}", r.stderr);
    }
    let r = tokio::task::spawn_blocking(move || {
        run(
            newskg()
                .args(["article", "--offline", "--cache-dir"])
                .arg(&cache)
                .arg("--urls")
                .arg(&list),
            None,
            MINUTE,
        )
    })
    .await
    .unwrap();
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let titles: Vec<Option<String>> = r
        .stdout()
        .lines()
        .map(|l| {
            let a: serde_json::Value = serde_json::from_str(l).unwrap();
            a["title"].as_str().map(str::to_string)
        })
        .collect();
    assert_eq!(titles.len(), 100);
    for (i, t) in titles.iter().enumerate() {
        assert_eq!(t.as_deref(), Some(site.title(i).as_str()), "page {i}");
    }
    // No temporary file is left behind.
    let stray = std::fs::read_dir(dir.path().join("cache"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert_eq!(stray, 0);
}

// 8. `extract --merge` added an article already in the graph again
// (mentions 6, 12, 18); a duplicate input did too. --merge input was
// trusted: wrapping counters, unknown types, empty ids, inverted spans.
#[test]
fn merging_the_same_article_changes_nothing_and_hostile_graphs_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let g1 = dir.path().join("g1.json");
    let g2 = dir.path().join("g2.json");
    let r = run(
        newskg().args(["extract", SAMPLE, SAMPLE, "-o"]).arg(&g1),
        None,
        MINUTE,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(
        r.stderr.contains("1 article was already in the graph"),
        "{}",
        r.stderr
    );
    let r = run(
        newskg()
            .args(["extract", SAMPLE, "--merge"])
            .arg(&g1)
            .arg("-o")
            .arg(&g2),
        None,
        MINUTE,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert_eq!(std::fs::read(&g1).unwrap(), std::fs::read(&g2).unwrap());

    let good = json_file(&g1);
    for (edit, want) in [
        (r#"{"type": "SPACESHIP"}"#, "unknown type"),
        (r#"{"id": ""}"#, "empty"),
    ] {
        let mut doc = good.clone();
        let patch: serde_json::Value = serde_json::from_str(edit).unwrap();
        for (k, v) in patch.as_object().unwrap() {
            doc["nodes"][0][k] = v.clone();
        }
        let bad = dir.path().join("bad.json");
        std::fs::write(&bad, doc.to_string()).unwrap();
        let out = dir.path().join("out.json");
        let r = run(
            newskg()
                .args(["extract", SAMPLE, "--merge"])
                .arg(&bad)
                .arg("-o")
                .arg(&out),
            None,
            MINUTE,
        );
        assert_eq!(r.code, Some(2), "{}", r.stderr);
        assert!(
            r.stderr.contains("bad.json") && r.stderr.contains(want),
            "{}",
            r.stderr
        );
        assert!(!out.exists());
    }
    let mut doc = good.clone();
    let edge = doc["edges"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| !e["evidence"].as_array().unwrap().is_empty())
        .unwrap();
    edge["evidence"][0]["start"] = 90.into();
    edge["evidence"][0]["end"] = 10.into();
    let bad = dir.path().join("inverted.json");
    std::fs::write(&bad, doc.to_string()).unwrap();
    let r = run(
        newskg()
            .args(["report", "--graph"])
            .arg(&bad)
            .arg("-o")
            .arg(dir.path().join("r.html")),
        None,
        MINUTE,
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("90..10 is inverted"), "{}", r.stderr);
    // An id of 100 MB is refused while reading, not after using gigabytes.
    let mut doc = good;
    doc["nodes"][0]["id"] = "가".repeat((100 << 20) / 3).into();
    let huge = dir.path().join("huge.json");
    std::fs::write(&huge, doc.to_string()).unwrap();
    drop(doc);
    let r = run(
        newskg()
            .args(["extract", SAMPLE, "--merge"])
            .arg(&huge)
            .arg("-o")
            .arg(dir.path().join("out.json")),
        None,
        MINUTE,
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(r.stderr.contains("a string longer than"), "{}", r.stderr);
    assert_peak_below(&r, 200, "100 MB id");
}

// 9. `extract nothere.html -o g.graphml` (or `--urls missing.txt`)
// overwrote an existing g.graphml with an empty graph.
#[test]
fn a_run_where_nothing_succeeded_keeps_the_old_output() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.graphml");
    std::fs::write(&out, "yesterday's graph").unwrap();
    let r = run(
        newskg().args(["extract", "nothere.html", "-o"]).arg(&out),
        None,
        MINUTE,
    );
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert!(r.stderr.contains("left as it was"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "yesterday's graph");
    let r = run(
        newskg()
            .args(["extract", "--urls"])
            .arg(dir.path().join("missing.txt"))
            .arg("-o")
            .arg(&out),
        None,
        MINUTE,
    );
    assert_eq!(
        r.code,
        Some(2),
        "a missing list is a run error: {}",
        r.stderr
    );
    assert!(r.stderr.contains("missing.txt"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "yesterday's graph");
    // CSV: two files, both kept.
    let csv = dir.path().join("g.csv");
    std::fs::write(dir.path().join("g.nodes.csv"), "old").unwrap();
    let r = run(
        newskg().args(["extract", "nothere.html", "-o"]).arg(&csv),
        None,
        MINUTE,
    );
    assert_eq!(r.code, Some(1), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("g.nodes.csv")).unwrap(),
        "old"
    );
}

// 10. Ctrl-C during extract died at once: no graph, no summary, no
// failures file.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_extract_writes_what_is_done() {
    let (server, _) = site(200, |site| {
        vec![
            wiremock::Mock::given(wiremock::matchers::path_regex("^/news/"))
                .respond_with(SlowSite(site.clone())),
        ]
    })
    .await;
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("urls.txt");
    let urls: String = (0..200)
        .map(|i| format!("{}/news/{i}\n", server.uri()))
        .collect();
    std::fs::write(&list, urls).unwrap();
    let out = dir.path().join("g.json");
    let failures = dir.path().join("failures.jsonl");
    let mut child = newskg()
        .args([
            "extract",
            "--no-cache",
            "--delay",
            "0",
            "--progress",
            "lines",
            "--urls",
        ])
        .arg(&list)
        .arg("--failures")
        .arg(&failures)
        .arg("-o")
        .arg(&out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let pid = child.id();
    let result = tokio::task::spawn_blocking(move || {
        use std::io::BufRead;
        let mut lines = std::io::BufReader::new(stderr).lines();
        let mut seen = String::new();
        // Interrupt once the first article is done.
        for line in lines.by_ref() {
            let line = line.unwrap();
            seen.push_str(&line);
            seen.push('\n');
            if line.contains("] ok ") {
                Command::new("kill")
                    .args(["-INT", &pid.to_string()])
                    .status()
                    .unwrap();
                break;
            }
        }
        for line in lines {
            seen.push_str(&line.unwrap());
            seen.push('\n');
        }
        let status = child.wait().unwrap();
        (status.code(), seen)
    })
    .await
    .unwrap();
    let (code, stderr) = result;
    assert_eq!(code, Some(130), "{stderr}");
    assert!(
        stderr.contains("interrupted:") && stderr.contains("not started"),
        "{stderr}"
    );
    let g = json_file(&out);
    let done = g["articles"].as_array().unwrap().len();
    assert!((1..200).contains(&done), "{done} articles written");
    let records = std::fs::read_to_string(&failures).unwrap();
    let interrupted = records
        .lines()
        .filter(|l| l.contains("\"interrupted\""))
        .count();
    assert!(interrupted > 0 && done + interrupted <= 200, "{records}");
}

/// The news site, a quarter of a second per article page.
struct SlowSite(NewsSite);

impl wiremock::Respond for SlowSite {
    fn respond(&self, req: &wiremock::Request) -> wiremock::ResponseTemplate {
        self.0.respond(req).set_delay(Duration::from_millis(250))
    }
}

// 11. CSV cells starting with `=`, `+`, `-` or `@` are formulas in Excel and
// LibreOffice; evidence sentences come from the web.
#[test]
fn csv_cells_that_would_be_formulas_are_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("formula.txt");
    std::fs::write(
        &article,
        "=HYPERLINK(\"http://evil.invalid\",\"클릭\") 김영섭 KT 대표는 마이크로소프트와 클라우드 계약을 맺었다고 밝혔다.\n\n\
         @SUM(1+1) KT는 마이크로소프트의 애저를 도입했다.\n",
    )
    .unwrap();
    let out = dir.path().join("g.csv");
    let r = run(
        newskg()
            .args(["extract", "--co-occurrence"])
            .arg(&article)
            .arg("-o")
            .arg(&out),
        None,
        MINUTE,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let edges = std::fs::read_to_string(dir.path().join("g.edges.csv")).unwrap();
    let nodes = std::fs::read_to_string(dir.path().join("g.nodes.csv")).unwrap();
    assert!(
        edges.contains("\"'=HYPERLINK(") || edges.contains("\"'@SUM("),
        "{edges}"
    );
    for line in edges.lines().chain(nodes.lines()) {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(
                !cell.starts_with(['=', '+', '@']),
                "a formula cell: {cell:?} in {line}"
            );
        }
    }
}

// 12. `newskg stats | head` sometimes panicked with a backtrace: every
// command must end quietly on a closed pipe.
#[test]
fn a_closed_pipe_ends_commands_quietly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kg.db");
    let feeds: Vec<PathBuf> = (0..200)
        .map(|i| {
            let p = dir.path().join(format!("feed{i}.xml"));
            std::fs::write(
                &p,
                "<rss version=\"2.0\"><channel><title>t</title></channel></rss>",
            )
            .unwrap();
            p
        })
        .collect();
    let r = run(
        newskg()
            .args(["ingest", "-q", "--no-cache", "--db"])
            .arg(&db)
            .args(&feeds),
        None,
        MINUTE,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    let closed = |cmd: &mut Command| {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .stdin(Stdio::null())
            .spawn()
            .unwrap();
        // The reader goes away before anything is written: `| head -0`.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let mut stats = newskg();
    stats.args(["stats", "--db"]).arg(&db);
    let mut extract = newskg();
    extract.args(["extract", SAMPLE, "-o", "-"]);
    let mut article = newskg();
    article.args(["article", SAMPLE]);
    let mut report = newskg();
    report.args(["report", SAMPLE, "-o", "-"]);
    for mut cmd in [stats, extract, article, report] {
        let (code, stderr) = closed(&mut cmd);
        assert_eq!(code, Some(0), "{cmd:?}: {stderr}");
        assert!(
            !stderr.contains("panicked") && !stderr.contains("error"),
            "{cmd:?}: {stderr}"
        );
    }
}

// 13. `-o -` wrote a file named `-`; `-o outdir/` failed unless --format
// csv; `report -o r.pdf` silently wrote HTML.
#[test]
fn outputs_mean_what_they_say() {
    let dir = tempfile::tempdir().unwrap();
    let r = run(
        newskg()
            .current_dir(dir.path())
            .args(["extract", SAMPLE, "-o", "-"]),
        None,
        MINUTE,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(r.stdout().starts_with("<?xml") && r.stdout().contains("<graphml"));
    assert!(!dir.path().join("-").exists(), "no file named -");
    assert!(r.stderr.contains("→ standard output"), "{}", r.stderr);
    let r = run(
        newskg()
            .current_dir(dir.path())
            .args(["extract", SAMPLE, "--format", "json", "-o", "-"]),
        None,
        MINUTE,
    );
    let g: serde_json::Value = serde_json::from_slice(&r.stdout).unwrap();
    assert_eq!(g["format"], "newskg-graph");
    let r = run(
        newskg()
            .current_dir(dir.path())
            .args(["extract", SAMPLE, "-o", "out/"]),
        None,
        MINUTE,
    );
    assert_eq!(r.code, Some(0), "{}", r.stderr);
    assert!(dir.path().join("out/nodes.csv").exists() && dir.path().join("out/edges.csv").exists());
    let r = run(
        newskg()
            .current_dir(dir.path())
            .args(["report", SAMPLE, "-o", "r.pdf"]),
        None,
        MINUTE,
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
    assert!(
        r.stderr.contains("r.pdf") && r.stderr.contains(".html"),
        "{}",
        r.stderr
    );
    assert!(!dir.path().join("r.pdf").exists());
    let r = run(
        newskg()
            .current_dir(dir.path())
            .args(["extract", SAMPLE, "--format", "csv", "-o", "-"]),
        None,
        MINUTE,
    );
    assert_eq!(r.code, Some(2), "{}", r.stderr);
}
