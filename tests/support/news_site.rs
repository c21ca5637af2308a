//! A generated Korean news site for ingestion tests and the ingestion bench:
//! templated business news about invented companies (text written for
//! newskg), feeds in every format ingestion reads, and feeds that fail.
//!
//! [`NewsSite`] answers every path from one wiremock responder, so a site of
//! thousands of articles costs one mock. Paths:
//!
//! - `/news/{i}`: article `i` (canonical link, published/modified meta);
//!   `/go/{i}` redirects (301) to it.
//! - `/rss.xml?from=A&to=B`, `/atom.xml?...`, `/sitemap.xml?...`,
//!   `/news-sitemap.xml?...`, `/sitemap-index.xml?...` (two child sitemaps),
//!   `/euckr.xml?...` (RSS 2.0 in EUC-KR): articles A..B.
//! - `/moved.xml?...` (301 to the RSS), `/gone.xml` (410), `/missing.xml`
//!   (404), `/malformed.xml` (broken XML), `/dups.xml` (one article under
//!   several URLs).
//!
//! Article `i` is published on day `i % 30` of October 2026. Bumping
//! [`NewsSite::bump`] rewrites article 0 (new body and modified time).
//!
//! Every request is logged with its arrival time ([`NewsSite::hits`], and a
//! file with [`NewsSite::log_to`]: `seconds-since-epoch path` per line), so
//! a test can count how often each article was fetched and how far apart
//! the requests to the site came, as the server saw them.

#![allow(dead_code)]

use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use wiremock::{Request, Respond, ResponseTemplate};

const COMPANIES: [&str; 8] = [
    "가온테크",
    "누리소프트",
    "다온바이오",
    "한빛로보틱스",
    "새봄에너지",
    "미르모빌리티",
    "라온페이",
    "해솔푸드",
];
const PEOPLE: [&str; 6] = ["김하늘", "이도윤", "박서연", "최민준", "정수아", "강지호"];
const PRODUCTS: [&str; 4] = ["전기차 배터리", "물류 로봇", "결제 단말기", "간편식"];

/// The generated site.
#[derive(Debug, Clone)]
pub struct NewsSite {
    /// The server's base URL (`http://127.0.0.1:PORT`), set after start.
    pub base: Arc<std::sync::OnceLock<String>>,
    /// Number of articles.
    pub articles: usize,
    version: Arc<AtomicUsize>,
    hits: Arc<Mutex<Vec<(SystemTime, String)>>>,
    log: Arc<Mutex<Option<std::fs::File>>>,
}

impl NewsSite {
    /// A site of `articles` articles.
    pub fn new(articles: usize) -> Self {
        NewsSite {
            base: Arc::new(std::sync::OnceLock::new()),
            articles,
            version: Arc::new(AtomicUsize::new(0)),
            hits: Arc::new(Mutex::new(Vec::new())),
            log: Arc::new(Mutex::new(None)),
        }
    }

    /// Also appends every request to `path` as `seconds-since-epoch path`.
    pub fn log_to(&self, path: &std::path::Path) -> std::io::Result<()> {
        *self.log.lock().unwrap() = Some(std::fs::File::create(path)?);
        Ok(())
    }

    /// Every request so far: arrival time and path (with the query).
    pub fn hits(&self) -> Vec<(SystemTime, String)> {
        self.hits.lock().unwrap().clone()
    }

    /// How many times each article was requested (`/news/{i}`), by `i`.
    pub fn article_hits(&self) -> Vec<usize> {
        let mut n = vec![0; self.articles];
        for (_, path) in self.hits() {
            if let Some(i) = path
                .strip_prefix("/news/")
                .and_then(|s| s.split('?').next())
                .and_then(|s| s.parse::<usize>().ok())
                .filter(|i| *i < self.articles)
            {
                n[i] += 1;
            }
        }
        n
    }

    /// The shortest time between two consecutive requests for articles, as
    /// the server saw them arrive.
    pub fn min_article_gap(&self) -> Option<Duration> {
        let mut times: Vec<SystemTime> = self
            .hits()
            .into_iter()
            .filter(|(_, p)| p.starts_with("/news/"))
            .map(|(t, _)| t)
            .collect();
        times.sort();
        times
            .windows(2)
            .filter_map(|w| w[1].duration_since(w[0]).ok())
            .min()
    }

    /// Rewrites article 0: a new body and a later modified time.
    pub fn bump(&self) {
        self.version.fetch_add(1, Ordering::SeqCst);
    }

    fn base(&self) -> &str {
        self.base
            .get()
            .map(String::as_str)
            .unwrap_or("http://127.0.0.1")
    }

    /// Publication time of article `i`.
    pub fn published(i: usize) -> String {
        format!("2026-10-{:02}T09:{:02}:00+09:00", i % 30 + 1, i % 60)
    }

    fn modified(&self, i: usize) -> String {
        let v = if i == 0 {
            self.version.load(Ordering::SeqCst)
        } else {
            0
        };
        format!("2026-10-{:02}T1{}:00:00+09:00", i % 30 + 1, v.min(9))
    }

    /// The title of article `i`.
    pub fn title(&self, i: usize) -> String {
        let a = COMPANIES[i % 8];
        let b = COMPANIES[(i / 8 + i + 1) % 8];
        format!("{a}, {b}와 {} 공급 계약 체결 ({i}호)", PRODUCTS[i % 4])
    }

    /// The body paragraphs of article `i`.
    pub fn paragraphs(&self, i: usize) -> Vec<String> {
        let a = COMPANIES[i % 8];
        let b = COMPANIES[(i / 8 + i + 1) % 8];
        let c = COMPANIES[(i + 3) % 8];
        let p = PEOPLE[i % 6];
        let q = PEOPLE[(i + 2) % 6];
        let product = PRODUCTS[i % 4];
        let day = i % 30 + 1;
        let amount = 100 + (i * 37) % 900;
        let mut v = vec![
            format!(
                "{a}(대표 {p})는 {day}일 {b}와 {amount}억원 규모의 {product} 공급 계약을 체결했다고 밝혔다."
            ),
            format!(
                "{a}는 이번 계약에 따라 {b}에 {product} 부품을 3년간 공급한다. 계약 번호는 {i}번이다."
            ),
            format!("{q} {b} 사장은 \"양사의 협력을 해외 시장으로 넓히겠다\"고 말했다."),
            format!("업계에서는 {a}가 {c}를 인수할 가능성도 있다는 관측이 나온다."),
        ];
        if i == 0 {
            let version = self.version.load(Ordering::SeqCst);
            if version > 0 {
                v.push(format!(
                    "{a}는 {c}와 기술 제휴를 맺었다고 추가로 밝혔다. 수정 {version}판이다."
                ));
            }
        }
        v
    }

    /// The page of article `i`.
    pub fn article_html(&self, i: usize) -> String {
        let body: String = self
            .paragraphs(i)
            .iter()
            .map(|p| format!("<p>{p}</p>\n"))
            .collect();
        format!(
            "<!doctype html>\n<html lang=\"ko\"><head><meta charset=\"utf-8\">\n\
             <title>{title} - 뉴스케이지 경제</title>\n\
             <link rel=\"canonical\" href=\"{base}/news/{i}\">\n\
             <meta property=\"og:title\" content=\"{title}\">\n\
             <meta property=\"og:site_name\" content=\"뉴스케이지 경제\">\n\
             <meta property=\"article:published_time\" content=\"{published}\">\n\
             <meta property=\"article:modified_time\" content=\"{modified}\">\n\
             </head><body><nav><a href=\"/\">홈</a> <a href=\"/economy\">경제</a></nav>\n\
             <article><h1>{title}</h1>\n<div class=\"article-body\" itemprop=\"articleBody\">\n{body}</div></article>\n\
             <footer>Copyright 뉴스케이지. All rights reserved.</footer></body></html>\n",
            title = self.title(i),
            base = self.base(),
            published = Self::published(i),
            modified = self.modified(i),
        )
    }

    fn range(req: &Request, n: usize) -> (usize, usize) {
        let mut from = 0;
        let mut to = n;
        for (k, v) in req.url.query_pairs() {
            match k.as_ref() {
                "from" => from = v.parse().unwrap_or(0),
                "to" => to = v.parse().unwrap_or(n),
                _ => {}
            }
        }
        (from.min(n), to.min(n))
    }

    fn link(&self, i: usize) -> String {
        // Feeds add tracking parameters, as real ones do.
        format!(
            "{}/news/{i}?utm_source=rss&amp;utm_medium=feed",
            self.base()
        )
    }

    /// RSS 2.0 over articles `from..to` (UTF-8 text; the caller encodes).
    pub fn rss(&self, from: usize, to: usize, encoding: &str) -> String {
        let items: String = (from..to)
            .map(|i| {
                let published = chrono::DateTime::parse_from_rfc3339(&self.modified(i))
                    .map(|d| d.to_rfc2822())
                    .unwrap_or_default();
                format!(
                    "<item><title>{}</title><link>{}</link><guid isPermaLink=\"false\">n{i}</guid><pubDate>{published}</pubDate></item>\n",
                    self.title(i),
                    self.link(i)
                )
            })
            .collect();
        format!(
            "<?xml version=\"1.0\" encoding=\"{encoding}\"?>\n<rss version=\"2.0\"><channel><title>뉴스케이지 경제</title><link>{}/</link>\n{items}</channel></rss>\n",
            self.base()
        )
    }

    fn atom(&self, from: usize, to: usize) -> String {
        let entries: String = (from..to)
            .map(|i| {
                format!(
                    "<entry><title>{}</title><link rel=\"alternate\" href=\"{}\"/><id>n{i}</id><published>{}</published><updated>{}</updated></entry>\n",
                    self.title(i),
                    self.link(i),
                    Self::published(i),
                    self.modified(i)
                )
            })
            .collect();
        format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>뉴스케이지</title>\n{entries}</feed>\n"
        )
    }

    fn sitemap(&self, from: usize, to: usize, news: bool) -> String {
        let urls: String = (from..to)
            .map(|i| {
                if news {
                    format!(
                        "<url><loc>{}/news/{i}</loc><news:news><news:publication><news:name>뉴스케이지</news:name><news:language>ko</news:language></news:publication><news:publication_date>{}</news:publication_date><news:title>{}</news:title></news:news></url>\n",
                        self.base(),
                        Self::published(i),
                        self.title(i)
                    )
                } else {
                    format!(
                        "<url><loc>{}/news/{i}</loc><lastmod>{}</lastmod></url>\n",
                        self.base(),
                        self.modified(i)
                    )
                }
            })
            .collect();
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n{urls}</urlset>\n"
        )
    }
}

fn xml(body: impl Into<Vec<u8>>, content_type: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(body.into(), content_type)
}

impl Respond for NewsSite {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let now = SystemTime::now();
        let full = match req.url.query() {
            Some(q) => format!("{}?{q}", req.url.path()),
            None => req.url.path().to_string(),
        };
        if let Some(f) = self.log.lock().unwrap().as_mut() {
            let secs = now
                .duration_since(SystemTime::UNIX_EPOCH)
                .map_or(0.0, |d| d.as_secs_f64());
            let _ = writeln!(f, "{secs:.6} {full}");
        }
        self.hits.lock().unwrap().push((now, full));
        let path = req.url.path();
        let (from, to) = Self::range(req, self.articles);
        let q = req.url.query().map(|q| format!("?{q}")).unwrap_or_default();
        if let Some(i) = path
            .strip_prefix("/news/")
            .and_then(|s| s.parse::<usize>().ok())
        {
            if i >= self.articles {
                return ResponseTemplate::new(404);
            }
            return ResponseTemplate::new(200).set_body_raw(
                self.article_html(i).into_bytes(),
                "text/html; charset=utf-8",
            );
        }
        if let Some(i) = path.strip_prefix("/go/") {
            return ResponseTemplate::new(301)
                .insert_header("Location", format!("{}/news/{i}", self.base()).as_str());
        }
        match path {
            "/rss.xml" => xml(self.rss(from, to, "utf-8"), "application/rss+xml"),
            "/euckr.xml" => {
                let text = self.rss(from, to, "euc-kr");
                let (bytes, _, _) = encoding_rs::EUC_KR.encode(&text);
                // No charset in the header: the XML declaration has to be read.
                xml(bytes.into_owned(), "text/xml")
            }
            "/atom.xml" => xml(self.atom(from, to), "application/atom+xml"),
            "/sitemap.xml" => xml(self.sitemap(from, to, false), "application/xml"),
            "/news-sitemap.xml" => xml(self.sitemap(from, to, true), "application/xml"),
            "/sitemap-index.xml" => {
                let mid = (from + to) / 2;
                xml(
                    format!(
                        "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\
                         <sitemap><loc>{b}/sitemap.xml?from={from}&amp;to={mid}</loc></sitemap>\
                         <sitemap><loc>{b}/news-sitemap.xml?from={mid}&amp;to={to}</loc></sitemap></sitemapindex>",
                        b = self.base()
                    ),
                    "application/xml",
                )
            }
            "/moved.xml" => ResponseTemplate::new(301)
                .insert_header("Location", format!("{}/rss.xml{q}", self.base()).as_str()),
            "/gone.xml" => ResponseTemplate::new(410),
            "/missing.xml" => ResponseTemplate::new(404),
            "/malformed.xml" => xml(
                "<?xml version=\"1.0\"?><rss><channel><item><link>x</link></channel>",
                "application/rss+xml",
            ),
            "/dups.xml" => {
                let b = self.base();
                let items: String = [
                    format!("{b}/news/5?utm_source=a&amp;fbclid=zz"),
                    format!("{b}/news/5/#comments"),
                    format!("{b}/news/5?gclid=1"),
                    format!("{b}/go/5"),
                ]
                .iter()
                .map(|l| format!("<item><link>{l}</link></item>"))
                .collect();
                xml(
                    format!("<rss version=\"2.0\"><channel>{items}</channel></rss>"),
                    "application/rss+xml",
                )
            }
            _ => ResponseTemplate::new(404),
        }
    }
}

/// Starts a wiremock server on 127.0.0.1 serving `site`.
pub async fn serve(site: NewsSite) -> wiremock::MockServer {
    let server = wiremock::MockServer::start().await;
    let _ = site.base.set(server.uri());
    wiremock::Mock::given(wiremock::matchers::method("GET"))
        .respond_with(site)
        .mount(&server)
        .await;
    server
}
