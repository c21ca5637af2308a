//! The fetcher against local servers (wiremock on 127.0.0.1, ephemeral
//! ports): robots.txt, Crawl-delay, 429/Retry-After, 5xx retries, redirects,
//! timeouts, size limits, charsets, cache revalidation, non-HTML and
//! non-article pages, and batch semantics. Delays are short so the suite
//! stays fast; it asserts behaviour, never speed.

use std::path::Path;
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use newskg::acquire::{Acquirer, ItemError};
use newskg::article::{ArticleError, Extractor};
use newskg::fetch::{FetchError, Fetcher, FetcherBuilder};
use newskg::input;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
    .unwrap()
}

/// A fetcher with test-sized waits: no per-host delay, 10 ms backoff steps.
fn fast() -> FetcherBuilder {
    Fetcher::builder()
        .host_delay(Duration::ZERO)
        .retry_base(Duration::from_millis(10))
        .retry_cap(Duration::from_millis(50))
        .timeout(Duration::from_secs(5))
        .connect_timeout(Duration::from_secs(2))
}

fn html(body: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.as_bytes().to_vec(), "text/html; charset=utf-8")
}

async fn mount(server: &MockServer, p: &str, response: ResponseTemplate) {
    Mock::given(method("GET"))
        .and(path(p))
        .respond_with(response)
        .mount(server)
        .await;
}

async fn hits(server: &MockServer, p: &str) -> usize {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.url.path() == p)
        .count()
}

async fn run_batch(
    fetcher: Fetcher,
    inputs: &[String],
) -> Vec<Result<newskg::article::Article, ItemError>> {
    let acquirer = Acquirer::new(fetcher, Extractor::default());
    let items = input::expand(inputs, &[]).unwrap();
    acquirer
        .load(items, true)
        .map(|o| o.result.and_then(|page| acquirer.extract_page(page)))
        .collect()
        .await
}

#[tokio::test]
async fn robots_disallow_is_a_per_url_failure() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/robots.txt",
        ResponseTemplate::new(200).set_body_string("User-agent: *\nDisallow: /private/\n"),
    )
    .await;
    mount(&server, "/private/1", html(&fixture("cms_article.html"))).await;
    mount(&server, "/news/1", html(&fixture("cms_article.html"))).await;
    let base = server.uri();
    let results = run_batch(
        fast().build().unwrap(),
        &[format!("{base}/private/1"), format!("{base}/news/1")],
    )
    .await;
    let err = results[0].as_ref().unwrap_err();
    assert!(
        matches!(err, ItemError::Fetch(FetchError::Robots { .. })),
        "{err}"
    );
    assert!(
        err.to_string().contains("disallowed by robots.txt")
            && err.to_string().contains("/private/1")
    );
    assert!(results[1].is_ok());
    assert_eq!(
        hits(&server, "/private/1").await,
        0,
        "a disallowed URL is never requested"
    );
    assert_eq!(
        hits(&server, "/robots.txt").await,
        1,
        "robots.txt is fetched once per origin"
    );
}

#[tokio::test]
async fn crawl_delay_spaces_requests_to_a_host() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/robots.txt",
        ResponseTemplate::new(200).set_body_string("User-agent: *\nCrawl-delay: 0.4\n"),
    )
    .await;
    mount(&server, "/a", html("<p>a</p>")).await;
    let fetcher = fast().build().unwrap();
    let start = Instant::now();
    for _ in 0..3 {
        fetcher.fetch(&format!("{}/a", server.uri())).await.unwrap();
    }
    assert!(
        start.elapsed() >= Duration::from_millis(800),
        "3 requests need 2 crawl delays: {:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn host_delay_spaces_requests_to_a_host() {
    let server = MockServer::start().await;
    mount(&server, "/a", html("<p>a</p>")).await;
    let fetcher = fast()
        .host_delay(Duration::from_millis(300))
        .build()
        .unwrap();
    let start = Instant::now();
    let url = format!("{}/a", server.uri());
    let (a, b) = tokio::join!(fetcher.fetch(&url), fetcher.fetch(&url));
    a.unwrap();
    b.unwrap();
    assert!(start.elapsed() >= Duration::from_millis(300));
}

#[tokio::test]
async fn too_many_requests_honours_retry_after() {
    let server = MockServer::start().await;
    Mock::given(path("/a"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    mount(&server, "/a", html("<p>ok</p>")).await;
    let start = Instant::now();
    let page = fast()
        .build()
        .unwrap()
        .fetch(&format!("{}/a", server.uri()))
        .await
        .unwrap();
    assert_eq!(page.status, 200);
    assert!(
        start.elapsed() >= Duration::from_secs(1),
        "waited {:?}, Retry-After said 1 s",
        start.elapsed()
    );
    assert_eq!(hits(&server, "/a").await, 2);
}

#[tokio::test]
async fn retry_after_beyond_the_limit_fails_the_item() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/a",
        ResponseTemplate::new(429).insert_header("Retry-After", "3600"),
    )
    .await;
    let err = fast()
        .build()
        .unwrap()
        .fetch(&format!("{}/a", server.uri()))
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::Status { status: 429, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("Retry-After"), "{err}");
}

#[tokio::test]
async fn service_unavailable_then_success() {
    let server = MockServer::start().await;
    Mock::given(path("/a"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    mount(&server, "/a", html("<p>ok</p>")).await;
    let page = fast()
        .build()
        .unwrap()
        .fetch(&format!("{}/a", server.uri()))
        .await
        .unwrap();
    assert_eq!(page.body, b"<p>ok</p>");
    assert_eq!(hits(&server, "/a").await, 3);
}

#[tokio::test]
async fn persistent_server_error_exhausts_retries() {
    let server = MockServer::start().await;
    mount(&server, "/a", ResponseTemplate::new(500)).await;
    let err = fast()
        .max_retries(2)
        .build()
        .unwrap()
        .fetch(&format!("{}/a", server.uri()))
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::Status { status: 500, .. }),
        "{err}"
    );
    assert_eq!(hits(&server, "/a").await, 3, "one attempt and two retries");
}

#[tokio::test]
async fn not_found_is_not_retried() {
    let server = MockServer::start().await;
    mount(&server, "/a", ResponseTemplate::new(404)).await;
    let err = fast()
        .build()
        .unwrap()
        .fetch(&format!("{}/a", server.uri()))
        .await
        .unwrap_err();
    assert!(err.to_string().ends_with("HTTP 404"), "{err}");
    assert_eq!(hits(&server, "/a").await, 1);
}

#[tokio::test]
async fn redirects_are_followed_and_loops_reported() {
    let server = MockServer::start().await;
    let base = server.uri();
    mount(
        &server,
        "/old",
        ResponseTemplate::new(301).insert_header("Location", "/new"),
    )
    .await;
    mount(&server, "/new", html("<p>moved</p>")).await;
    mount(
        &server,
        "/loop-a",
        ResponseTemplate::new(302).insert_header("Location", "/loop-b"),
    )
    .await;
    mount(
        &server,
        "/loop-b",
        ResponseTemplate::new(302).insert_header("Location", format!("{base}/loop-a")),
    )
    .await;
    let fetcher = fast().build().unwrap();
    let page = fetcher.fetch(&format!("{base}/old")).await.unwrap();
    assert_eq!(page.final_url, format!("{base}/new"));
    assert_eq!(page.url, format!("{base}/old"));
    let err = fetcher.fetch(&format!("{base}/loop-a")).await.unwrap_err();
    assert!(matches!(err, FetchError::RedirectLoop { .. }), "{err}");
    assert!(err.to_string().contains("redirect loop"));
}

#[tokio::test]
async fn redirect_chains_are_bounded() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(|req: &Request| {
            let n: u32 = req
                .url
                .path()
                .trim_start_matches("/r/")
                .parse()
                .unwrap_or(0);
            ResponseTemplate::new(302).insert_header("Location", format!("/r/{}", n + 1))
        })
        .mount(&server)
        .await;
    let err = fast()
        .max_redirects(3)
        .build()
        .unwrap()
        .fetch(&format!("{}/r/0", server.uri()))
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::TooManyRedirects { max: 3, .. }),
        "{err}"
    );
}

#[tokio::test]
async fn slow_server_times_out() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/slow",
        html("<p>late</p>").set_delay(Duration::from_secs(3)),
    )
    .await;
    let start = Instant::now();
    let err = fast()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap()
        .fetch(&format!("{}/slow", server.uri()))
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::Timeout { .. }), "{err}");
    assert!(
        start.elapsed() < Duration::from_secs(2),
        "a timeout is not retried"
    );
}

#[tokio::test]
async fn oversized_body_is_refused() {
    let server = MockServer::start().await;
    mount(&server, "/big", html(&"가".repeat(2000))).await;
    let err = fast()
        .max_body_bytes(1000)
        .build()
        .unwrap()
        .fetch(&format!("{}/big", server.uri()))
        .await
        .unwrap_err();
    assert!(
        matches!(err, FetchError::TooLarge { limit: 1000, .. }),
        "{err}"
    );
}

#[tokio::test]
async fn euc_kr_pages_with_and_without_charset_header() {
    let server = MockServer::start().await;
    let page = fixture("generic_article.html");
    let no_meta = page.replace("<meta charset=\"utf-8\">", "");
    let with_meta = page.replace("<meta charset=\"utf-8\">", "<meta charset=\"euc-kr\">");
    let enc = |s: &str| encoding_rs::EUC_KR.encode(s).0.into_owned();
    let raw = |bytes: Vec<u8>, ct: &str| ResponseTemplate::new(200).set_body_raw(bytes, ct);
    mount(
        &server,
        "/header",
        raw(enc(&no_meta), "text/html; charset=EUC-KR"),
    )
    .await;
    mount(
        &server,
        "/cp949",
        raw(enc(&no_meta), "text/html; charset=ks_c_5601-1987"),
    )
    .await;
    mount(&server, "/meta", raw(enc(&with_meta), "text/html")).await;
    mount(&server, "/nothing", raw(enc(&no_meta), "text/html")).await;
    let base = server.uri();
    let inputs: Vec<String> = ["header", "cp949", "meta", "nothing"]
        .iter()
        .map(|p| format!("{base}/{p}"))
        .collect();
    for (input, result) in inputs
        .iter()
        .zip(run_batch(fast().build().unwrap(), &inputs).await)
    {
        let a = result.unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(
            a.title.as_deref(),
            Some("도심 공원에 '빗물 정원' 생긴다"),
            "{input}"
        );
        assert!(
            a.text.starts_with("시는 올여름 중앙공원"),
            "{input}: {}",
            a.text
        );
    }
}

#[tokio::test]
async fn cache_revalidation_answered_304() {
    let server = MockServer::start().await;
    Mock::given(path("/a"))
        .and(header("If-None-Match", "\"v1\""))
        .respond_with(ResponseTemplate::new(304))
        .mount(&server)
        .await;
    mount(
        &server,
        "/a",
        html(&fixture("cms_article.html"))
            .insert_header("ETag", "\"v1\"")
            .insert_header("Last-Modified", "Thu, 18 Jul 2024 00:30:00 GMT"),
    )
    .await;
    let cache = tempfile::tempdir().unwrap();
    let url = format!("{}/a", server.uri());
    let first = fast()
        .cache_dir(cache.path())
        .build()
        .unwrap()
        .fetch(&url)
        .await
        .unwrap();
    assert!(!first.from_cache);
    let second = fast()
        .cache_dir(cache.path())
        .build()
        .unwrap()
        .fetch(&url)
        .await
        .unwrap();
    assert!(second.from_cache, "the 304 answer reuses the cached bytes");
    assert_eq!(second.body, first.body);
    assert_eq!(second.content_type, first.content_type);
    let requests = server.received_requests().await.unwrap();
    let revalidation = requests
        .iter()
        .filter(|r| r.url.path() == "/a")
        .nth(1)
        .unwrap();
    assert_eq!(revalidation.headers.get("if-none-match").unwrap(), "\"v1\"");
    assert!(revalidation.headers.get("if-modified-since").is_some());

    let before = requests.len();
    let offline = fast()
        .cache_dir(cache.path())
        .offline(true)
        .build()
        .unwrap();
    assert_eq!(offline.fetch(&url).await.unwrap().body, first.body);
    let err = offline
        .fetch(&format!("{}/never", server.uri()))
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::NotCached { .. }), "{err}");
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        before,
        "offline never touches the network"
    );
}

#[tokio::test]
async fn non_html_and_non_article_pages_are_recorded_failures() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/img",
        ResponseTemplate::new(200).set_body_raw(vec![0x89, b'P', b'N', b'G', 0, 0], "image/png"),
    )
    .await;
    mount(&server, "/index", html(&fixture("not_article.html"))).await;
    let base = server.uri();
    let results = run_batch(
        fast().build().unwrap(),
        &[format!("{base}/img"), format!("{base}/index")],
    )
    .await;
    let img = results[0].as_ref().unwrap_err();
    assert!(
        matches!(img, ItemError::Article(ArticleError::NotHtml { .. })),
        "{img}"
    );
    assert!(img.to_string().contains("image/png") && img.to_string().contains("/img"));
    let index = results[1].as_ref().unwrap_err();
    assert!(
        matches!(index, ItemError::Article(ArticleError::NotAnArticle { .. })),
        "{index}"
    );
    assert_eq!(index.kind(), "not an article");
}

/// A server with a slow article (`/slow-ok`), a missing page and a quick
/// article (`/ok`), for the batch tests.
async fn mixed_server() -> MockServer {
    let server = MockServer::start().await;
    mount(
        &server,
        "/slow-ok",
        html(&fixture("cms_article.html")).set_delay(Duration::from_millis(200)),
    )
    .await;
    mount(&server, "/missing", ResponseTemplate::new(404)).await;
    mount(&server, "/ok", html(&fixture("generic_article.html"))).await;
    server
}

#[tokio::test]
async fn batch_keeps_input_order_and_goes_on_after_failures() {
    let server = mixed_server().await;
    let base = server.uri();
    let inputs = vec![
        format!("{base}/slow-ok"),
        format!("{base}/missing"),
        "http://exa mple.com/".to_string(),
        "gopher://example.com/".to_string(),
        "/definitely/not/here.html".to_string(),
        format!("{base}/ok"),
    ];
    let results = run_batch(fast().build().unwrap(), &inputs).await;
    assert_eq!(results.len(), inputs.len());
    assert!(
        results[0]
            .as_ref()
            .unwrap()
            .title
            .as_deref()
            .unwrap()
            .starts_with("한빛전자")
    );
    let kinds: Vec<String> = results[1..5]
        .iter()
        .map(|r| r.as_ref().unwrap_err().kind())
        .collect();
    assert_eq!(
        kinds,
        vec!["http 404", "bad input", "bad input", "bad input"]
    );
    for (input, r) in inputs[2..5].iter().zip(&results[2..5]) {
        let msg = r.as_ref().unwrap_err().to_string();
        assert!(
            msg.contains(input.trim_end_matches('/')),
            "{msg:?} names {input:?}"
        );
    }
    assert!(
        results[5]
            .as_ref()
            .unwrap()
            .title
            .as_deref()
            .unwrap()
            .starts_with("도심 공원")
    );
    let ua = server.received_requests().await.unwrap()[0]
        .headers
        .get("user-agent")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(ua.starts_with("newskg/"), "{ua}");
}

#[tokio::test]
async fn refused_connection_is_retried_then_reported() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let err = fast()
        .respect_robots(false)
        .max_retries(1)
        .build()
        .unwrap()
        .fetch(&format!("http://127.0.0.1:{port}/a"))
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::Connection { .. }), "{err}");
}

#[tokio::test]
async fn unreachable_robots_txt_disallows() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let err = fast()
        .build()
        .unwrap()
        .fetch(&format!("http://127.0.0.1:{port}/a"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            FetchError::Robots {
                detail: Some(_),
                ..
            }
        ),
        "{err}"
    );
}

#[tokio::test]
async fn fresh_cache_entries_skip_the_network() {
    let server = MockServer::start().await;
    mount(&server, "/a", html("<p>cached</p>")).await;
    let cache = tempfile::tempdir().unwrap();
    let url = format!("{}/a", server.uri());
    let fetcher = fast()
        .cache_dir(cache.path())
        .cache_ttl(Duration::from_secs(3600))
        .build()
        .unwrap();
    assert!(!fetcher.fetch(&url).await.unwrap().from_cache);
    assert!(fetcher.fetch(&url).await.unwrap().from_cache);
    assert_eq!(hits(&server, "/a").await, 1);
}

#[tokio::test]
async fn every_redirect_hop_obeys_robots_txt() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/robots.txt",
        ResponseTemplate::new(200).set_body_string("User-agent: newskg\nDisallow: /members/\n"),
    )
    .await;
    mount(
        &server,
        "/go",
        ResponseTemplate::new(302).insert_header("Location", "/members/1"),
    )
    .await;
    mount(&server, "/members/1", html("<p>secret</p>")).await;
    let err = fast()
        .build()
        .unwrap()
        .fetch(&format!("{}/go", server.uri()))
        .await
        .unwrap_err();
    assert!(matches!(err, FetchError::Robots { .. }), "{err}");
    assert!(
        err.to_string().contains("/go → ") && err.to_string().contains("/members/1"),
        "{err}"
    );
    assert_eq!(hits(&server, "/members/1").await, 0);
}

#[tokio::test]
async fn host_concurrency_limits_requests_in_flight() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/a",
        html("<p>a</p>").set_delay(Duration::from_millis(250)),
    )
    .await;
    let fetcher = fast().host_concurrency(1).build().unwrap();
    let url = format!("{}/a", server.uri());
    let start = Instant::now();
    let (a, b) = tokio::join!(fetcher.fetch(&url), fetcher.fetch(&url));
    a.unwrap();
    b.unwrap();
    assert!(
        start.elapsed() >= Duration::from_millis(500),
        "one at a time: {:?}",
        start.elapsed()
    );
}

#[tokio::test]
async fn revalidation_follows_the_redirect_to_the_cached_url() {
    let server = MockServer::start().await;
    mount(
        &server,
        "/short",
        ResponseTemplate::new(301).insert_header("Location", "/long"),
    )
    .await;
    Mock::given(path("/long"))
        .and(header("If-None-Match", "\"v2\""))
        .respond_with(ResponseTemplate::new(304))
        .mount(&server)
        .await;
    mount(
        &server,
        "/long",
        html("<p>long</p>").insert_header("ETag", "\"v2\""),
    )
    .await;
    let cache = tempfile::tempdir().unwrap();
    let url = format!("{}/short", server.uri());
    let first = fast()
        .cache_dir(cache.path())
        .build()
        .unwrap()
        .fetch(&url)
        .await
        .unwrap();
    let second = fast()
        .cache_dir(cache.path())
        .build()
        .unwrap()
        .fetch(&url)
        .await
        .unwrap();
    assert!(!first.from_cache && second.from_cache);
    assert_eq!(second.final_url, format!("{}/long", server.uri()));
}

/// The threaded batch (what `extract`, `entities` and `report` run on) with
/// URLs and files mixed: URLs go through the async loader, every input comes
/// out once, in input order when asked, failures in place.
#[test]
fn threaded_batch_mixes_urls_and_files_in_input_order() {
    use newskg::batch::{self, BatchOptions};
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime.block_on(mixed_server());
    let base = server.uri();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/generic_article.html");
    let inputs = vec![
        format!("{base}/slow-ok"),
        file.display().to_string(),
        format!("{base}/missing"),
        "/definitely/not/here.html".to_string(),
        format!("{base}/ok"),
    ];
    let acquirer = Acquirer::new(fast().build().unwrap(), Extractor::default());
    let mut seen = Vec::new();
    batch::run(
        &acquirer,
        input::expand(&inputs, &[]).unwrap(),
        BatchOptions::new(2).ordered(true),
        None,
        || |article: newskg::article::Article| article.title.unwrap_or_default(),
        |done| {
            let outcome = done.result.map_err(|e| e.kind());
            seen.push((done.index, done.source, outcome));
            Ok::<(), std::io::Error>(())
        },
    )
    .unwrap();
    let indices: Vec<usize> = seen.iter().map(|s| s.0).collect();
    assert_eq!(indices, vec![0, 1, 2, 3, 4]);
    let sources: Vec<&str> = seen.iter().map(|s| s.1.as_str()).collect();
    assert_eq!(
        sources,
        inputs.iter().map(String::as_str).collect::<Vec<_>>()
    );
    assert!(seen[0].2.as_ref().unwrap().starts_with("한빛전자"));
    assert!(seen[1].2.as_ref().unwrap().starts_with("도심 공원"));
    assert_eq!(seen[2].2, Err("http 404".to_string()));
    assert_eq!(seen[3].2, Err("bad input".to_string()));
    assert!(seen[4].2.as_ref().unwrap().starts_with("도심 공원"));
}
