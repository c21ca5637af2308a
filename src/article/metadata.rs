//! Article metadata from the tags a page carries, in order of trust:
//! JSON-LD (`NewsArticle`/`Article`, also inside `@graph`), OpenGraph and
//! `article:` tags, `<meta name=...>`, `<link rel=canonical>`, the
//! `<title>`, and finally visible bylines such as "권하영 기자".
//!
//! Takes a parsed document; gives out [`Metadata`] with every string
//! entity-decoded and whitespace-collapsed, dates normalised to RFC 3339.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{FixedOffset, NaiveDate, TimeZone};
use regex::Regex;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use super::clean::{collapse_whitespace, decode_entities};
use super::select::{attr, elements};

/// Korea Standard Time, assumed for times given without an offset.
pub const KST_OFFSET_SECS: i32 = 9 * 3600;

/// The schema.org types that describe an article.
const ARTICLE_TYPES: &[&str] = &[
    "NewsArticle",
    "Article",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "BlogPosting",
    "Report",
];

/// Metadata found in a page; every field may be missing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Metadata {
    /// `<link rel=canonical>`, `og:url` or JSON-LD `url`.
    pub canonical_url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// Publication time, RFC 3339.
    pub published: Option<String>,
    /// Modification time, RFC 3339.
    pub modified: Option<String>,
    /// Authors' names without job titles.
    pub authors: Vec<String>,
    /// The outlet.
    pub publisher: Option<String>,
    /// Language tag.
    pub language: Option<String>,
    /// `og:type`, lower-cased ("article", "website", "video"...).
    pub og_type: Option<String>,
    /// Whether JSON-LD describes the page as an article.
    pub article_json_ld: bool,
    /// The page's summary: JSON-LD `description`, `og:description`,
    /// `twitter:description` or `<meta name=description>` (on a video page,
    /// its caption).
    pub description: Option<String>,
}

impl Metadata {
    /// Whether the page says it is one item of its own: an `og:type` of
    /// "article…" or "video…", article JSON-LD or a publication time. A
    /// section front or an error page says none of these.
    pub fn says_item(&self) -> bool {
        self.og_type
            .as_deref()
            .is_some_and(|t| t.starts_with("article") || t.starts_with("video"))
            || self.article_json_ld
            || self.published.is_some()
    }

    /// Whether the page says it is something other than an article (an
    /// `og:type` such as "website") and nothing else says it is one (no
    /// article JSON-LD, no publication time).
    pub fn says_not_an_article(&self) -> bool {
        self.og_type
            .as_deref()
            .is_some_and(|t| t != "article" && !t.starts_with("article"))
            && !self.article_json_ld
            && self.published.is_none()
    }
}

macro_rules! selector {
    ($name:ident, $css:expr) => {
        static $name: LazyLock<Selector> =
            LazyLock::new(|| Selector::parse($css).expect("static selector is valid"));
    };
}

selector!(JSON_LD, r#"script[type="application/ld+json"]"#);
selector!(LINK_CANONICAL, r#"link[rel="canonical"]"#);
selector!(
    TIME_PUBLISHED,
    r#"[itemprop="datePublished"][datetime], [itemprop="datePublished"][content], time[pubdate][datetime]"#
);
selector!(
    BYLINE_ELEMENTS,
    r#"[class*="byline"], [class*="reporter"], [class*="writer"], [class*="journalist"], [id*="byline"], [id*="reporter"], [rel="author"], [itemprop="author"]"#
);

/// The elements metadata always reads, found in one walk over the
/// document (in the order `Html::select` would give them) instead of one
/// walk per selector.
struct Tags<'a> {
    /// `meta`.
    metas: Vec<ElementRef<'a>>,
    /// `link[rel="canonical"]`.
    canonical: Vec<ElementRef<'a>>,
    /// `script[type="application/ld+json"]`.
    json_ld: Vec<ElementRef<'a>>,
    /// The first `title`, `h1` and `html`.
    title: Option<ElementRef<'a>>,
    h1: Option<ElementRef<'a>>,
    html: Option<ElementRef<'a>>,
}

impl<'a> Tags<'a> {
    fn of(doc: &'a Html) -> Tags<'a> {
        let mut t = Tags {
            metas: Vec::new(),
            canonical: Vec::new(),
            json_ld: Vec::new(),
            title: None,
            h1: None,
            html: None,
        };
        // A type selector is the element's name; the attribute selectors
        // (`rel` and `type` compare case-insensitively) are asked only of
        // elements with the right name.
        for el in elements(doc) {
            match el.value().name() {
                "meta" => t.metas.push(el),
                "link" if LINK_CANONICAL.matches(&el) => t.canonical.push(el),
                "script" if JSON_LD.matches(&el) => t.json_ld.push(el),
                "title" if t.title.is_none() => t.title = Some(el),
                "h1" if t.h1.is_none() => t.h1 = Some(el),
                "html" if t.html.is_none() => t.html = Some(el),
                _ => {}
            }
        }
        t
    }
}

/// Extracts the metadata of `doc`; `base` resolves relative canonical URLs.
pub fn extract(doc: &Html, base: &str) -> Metadata {
    let tags = Tags::of(doc);
    let ld = json_ld_article(&tags.json_ld);
    let metas = meta_tags(&tags.metas);
    let meta = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| metas.get(*k).map(|v| v.to_string()))
    };

    let canonical_url = tags
        .canonical
        .iter()
        .filter_map(|l| attr(l.value(), "href"))
        .map(str::to_string)
        .chain(meta(&["og:url"]))
        .chain(
            ld.as_ref()
                .and_then(|v| str_field(v, "url").or_else(|| str_field(v, "mainEntityOfPage"))),
        )
        .find_map(|u| resolve(base, &u));

    let title = meta(&["og:title"])
        .or_else(|| ld.as_ref().and_then(|v| str_field(v, "headline")))
        .or_else(|| meta(&["twitter:title", "title"]))
        .or_else(|| tags.title.map(|t| strip_site_suffix(&text_of(t))))
        .or_else(|| tags.h1.map(text_of))
        .map(|t| clean(&t))
        .filter(|t| !t.is_empty());

    let date_keys_published = [
        "article:published_time",
        "og:article:published_time",
        "datepublished",
        "article.published",
        "pubdate",
        "publishdate",
        "publish-date",
        "date",
        "dc.date.issued",
        "dc.date",
        "parsely-pub-date",
        "sailthru.date",
    ];
    let published = ld
        .as_ref()
        .and_then(|v| str_field(v, "datePublished").or_else(|| str_field(v, "dateCreated")))
        .and_then(|d| normalize_date(&d))
        .or_else(|| {
            date_keys_published
                .iter()
                .find_map(|k| metas.get(*k).and_then(|d| normalize_date(d)))
        })
        .or_else(|| {
            doc.select(&TIME_PUBLISHED)
                .find_map(|t| attr(t.value(), "datetime").or(attr(t.value(), "content")))
                .and_then(normalize_date)
        })
        .or_else(|| labelled_date(doc));
    let modified = ld
        .as_ref()
        .and_then(|v| str_field(v, "dateModified"))
        .and_then(|d| normalize_date(&d))
        .or_else(|| {
            [
                "article:modified_time",
                "og:updated_time",
                "datemodified",
                "lastmod",
                "last-modified",
            ]
            .iter()
            .find_map(|k| metas.get(*k).and_then(|d| normalize_date(d)))
        });

    let publisher = ld
        .as_ref()
        .and_then(|v| v.get("publisher"))
        .and_then(|p| match p {
            Value::String(s) => Some(s.clone()),
            Value::Array(a) => a.first().and_then(|x| str_field(x, "name")),
            other => str_field(other, "name"),
        })
        .or_else(|| {
            meta(&[
                "og:site_name",
                "publisher",
                "application-name",
                "twitter:site",
            ])
        })
        .map(|p| clean(&p))
        .filter(|p| !p.is_empty());

    let mut authors = ld
        .as_ref()
        .and_then(|v| v.get("author"))
        .map(names_of)
        .unwrap_or_default();
    if authors.is_empty() {
        authors = [
            "author",
            "article:author",
            "byline",
            "dable:author",
            "parsely-author",
            "dc.creator",
        ]
        .iter()
        .filter_map(|k| metas.get(*k))
        .flat_map(|s| split_names(s))
        .collect();
    }
    authors = normalize_authors(authors, publisher.as_deref());
    if authors.is_empty() {
        authors = byline_elements(doc);
    }

    let language = ld
        .as_ref()
        .and_then(|v| str_field(v, "inLanguage"))
        .or_else(|| {
            tags.html
                .and_then(|h| attr(h.value(), "lang"))
                .map(str::to_string)
        })
        .or_else(|| meta(&["og:locale", "content-language", "language"]))
        .map(|l| normalize_language(&l))
        .filter(|l| !l.is_empty());

    // "헤드라인 - 매체" in og:title: drop the outlet's name when we know it.
    let title = match (title, &publisher) {
        (Some(t), Some(p)) => Some(strip_publisher(&t, p)),
        (t, _) => t,
    };

    Metadata {
        canonical_url,
        title,
        published,
        modified,
        authors,
        publisher,
        language,
        og_type: meta(&["og:type"]).map(|t| t.trim().to_ascii_lowercase()),
        article_json_ld: ld.is_some(),
        description: ld
            .as_ref()
            .and_then(|v| str_field(v, "description"))
            .or_else(|| meta(&["og:description", "twitter:description", "description"]))
            .map(|d| clean(&d))
            .filter(|d| !d.is_empty()),
    }
}

fn clean(s: &str) -> String {
    collapse_whitespace(&decode_entities(s))
}

fn text_of(el: ElementRef<'_>) -> String {
    collapse_whitespace(&el.text().collect::<String>())
}

/// "헤드라인 - 조선일보" → "헤드라인": `<title>` usually carries the site name.
fn strip_site_suffix(title: &str) -> String {
    for sep in [" | ", " - ", " :: ", " : ", " – ", " — "] {
        if let Some(i) = title.rfind(sep)
            && title[i + sep.len()..].chars().count() <= 20
            && i > 0
        {
            return title[..i].to_string();
        }
    }
    title.to_string()
}

/// An absolute http(s) URL for `href`. Relative links resolve only against
/// a web base: a saved file's `file://` address says nothing about where the
/// page lives.
fn strip_publisher(title: &str, publisher: &str) -> String {
    for sep in [" | ", " - ", " :: ", " : ", " – ", " — ", " < "] {
        if let Some(head) = title
            .strip_suffix(publisher)
            .and_then(|t| t.strip_suffix(sep))
            && !head.trim().is_empty()
        {
            return head.trim().to_string();
        }
    }
    title.to_string()
}

fn resolve(base: &str, href: &str) -> Option<String> {
    let href = href.trim();
    let url = match url::Url::parse(href) {
        Ok(u) => u,
        Err(_) => {
            let base = url::Url::parse(base)
                .ok()
                .filter(|b| matches!(b.scheme(), "http" | "https"))?;
            base.join(href).ok()?
        }
    };
    matches!(url.scheme(), "http" | "https").then(|| url.to_string())
}

/// All `<meta>` tags by lower-cased `property`, `name` or `itemprop`; the
/// first non-empty value of each wins. Values are borrowed from the page.
fn meta_tags<'a>(metas: &[ElementRef<'a>]) -> HashMap<Cow<'a, str>, &'a str> {
    let mut map = HashMap::with_capacity(metas.len() * 2);
    let lower = |k: &'a str| -> Cow<'a, str> {
        let k = k.trim();
        if k.bytes().any(|c| c.is_ascii_uppercase()) {
            Cow::Owned(k.to_ascii_lowercase())
        } else {
            Cow::Borrowed(k)
        }
    };
    for m in metas {
        let v = m.value();
        let Some(content) = attr(v, "content").map(str::trim).filter(|c| !c.is_empty()) else {
            continue;
        };
        for key in [attr(v, "property"), attr(v, "name"), attr(v, "itemprop")]
            .into_iter()
            .flatten()
        {
            map.entry(lower(key)).or_insert(content);
        }
        if let Some(h) = attr(v, "http-equiv") {
            map.entry(lower(h)).or_insert(content);
        }
    }
    map
}

/// The first JSON-LD object typed as an article, looking inside arrays and
/// `@graph` containers.
fn json_ld_article(scripts: &[ElementRef<'_>]) -> Option<Value> {
    let mut found = None;
    for script in scripts {
        let raw: String = script.text().collect();
        // Raw line breaks inside JSON strings are invalid but common; outside
        // strings they are whitespace either way.
        let raw = raw.replace(['\n', '\r', '\t'], " ");
        let raw = raw
            .trim()
            .trim_start_matches("<!--")
            .trim_end_matches("-->");
        let raw = raw
            .trim()
            .trim_start_matches("//<![CDATA[")
            .trim_end_matches("//]]>");
        let Ok(value) = serde_json::from_str::<Value>(raw.trim()) else {
            continue;
        };
        if let Some(v) = find_article(&value) {
            found = Some(v.clone());
            break;
        }
    }
    found
}

fn find_article(v: &Value) -> Option<&Value> {
    match v {
        Value::Array(items) => items.iter().find_map(find_article),
        Value::Object(map) => {
            let typed = match map.get("@type") {
                Some(Value::String(t)) => ARTICLE_TYPES.contains(&t.as_str()),
                Some(Value::Array(ts)) => ts
                    .iter()
                    .any(|t| t.as_str().is_some_and(|t| ARTICLE_TYPES.contains(&t))),
                _ => false,
            };
            if typed {
                return Some(v);
            }
            map.get("@graph").and_then(find_article)
        }
        _ => None,
    }
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Array(a) => a.iter().find_map(|x| x.as_str().map(str::to_string)),
        Value::Object(o) => o
            .get("@id")
            .or_else(|| o.get("url"))
            .and_then(|x| x.as_str())
            .map(str::to_string),
        _ => None,
    }
}

fn names_of(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => split_names(s),
        Value::Array(items) => items.iter().flat_map(names_of).collect(),
        Value::Object(o) => o.get("name").map(names_of).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn split_names(s: &str) -> Vec<String> {
    let s = decode_entities(s);
    s.split([',', '/', '·', '&', '|'])
        .flat_map(|p| p.split(" 및 "))
        .map(collapse_whitespace)
        .filter(|p| !p.is_empty())
        .collect()
}

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\w.+-]+@[\w-]+(\.[\w-]+)+").expect("static regex"));
static ROLE_SUFFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*(?:선임|수석|인턴|객원|전문|취재|사진|영상)?\s*(?:기자|특파원|에디터|앵커|논설위원|칼럼니스트|리포터|PD|통신원)(?:단)?\s*$")
        .expect("static regex")
});

/// Strips e-mail addresses and job titles ("홍길동 기자" → "홍길동"), drops
/// URLs, the publisher's own name and duplicates.
pub fn normalize_authors(names: Vec<String>, publisher: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let name = EMAIL.replace_all(&name, "");
        let name = name.trim_matches(|c: char| c.is_whitespace() || "()[]<>".contains(c));
        if name.starts_with("http") || name.contains("://") {
            continue;
        }
        let name = collapse_whitespace(&ROLE_SUFFIX.replace(name, ""));
        if name.is_empty() || name.chars().count() > 30 || publisher == Some(name.as_str()) {
            continue;
        }
        if !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

selector!(
    DATE_ELEMENTS,
    r#"[class*="date"], [class*="Date"], [id*="date"], [class*="time"], [class*="info"], [class*="byline"], [class*="writer"]"#
);
static PUBLISHED_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:기사\s*)?(?:입력|등록|게재|발행|송고|작성)(?:일|시간|일시)?\s*[:：]?\s*(\d{4}\s*[-./년]\s*\d{1,2}\s*[-./월]\s*\d{1,2}\s*[.일]?\s*(?:\([월화수목금토일]\)\s*)?(?:(?:오전|오후)\s*)?(?:\d{1,2}:\d{2}(?::\d{2})?)?)")
        .expect("static regex")
});

/// The date after a visible "입력"/"등록" label in the article header, for
/// pages whose tags carry none ("입력 2023.11.03 14:10").
fn labelled_date(doc: &Html) -> Option<String> {
    doc.select(&DATE_ELEMENTS).take(40).find_map(|el| {
        let text = text_of(el);
        if text.chars().count() > 150 {
            return None;
        }
        let cap = PUBLISHED_LABEL.captures(&text)?;
        normalize_date(&cap[1])
    })
}

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"([가-힣]{2,4})\s?(?:선임|수석|인턴|객원)?\s?(?:기자|특파원)")
        .expect("static regex")
});

/// Names in visible bylines: elements whose class or id says byline,
/// reporter or writer.
fn byline_elements(doc: &Html) -> Vec<String> {
    let mut names = Vec::new();
    for el in doc.select(&BYLINE_ELEMENTS).take(10) {
        let text = text_of(el);
        if text.chars().count() > 200 {
            continue;
        }
        for cap in BYLINE.captures_iter(&text) {
            let n = cap[1].to_string();
            if !names.contains(&n) {
                names.push(n);
            }
        }
    }
    names
}

/// Names from byline lines in the body as found, before cleaning: "[디지털데일리
/// 권하영기자]" at the top or "권하영 기자 kwon@ddaily.co.kr" at the bottom.
pub fn bylines_in(paragraphs: &[String]) -> Vec<String> {
    let n = paragraphs.len();
    let mut names = Vec::new();
    let candidates = paragraphs
        .iter()
        .enumerate()
        .filter(|(i, _)| *i < 2 || *i + 4 >= n);
    for (i, p) in candidates {
        let short = p.chars().count() <= 80;
        let scope: &str = if short {
            p
        } else if i < 2 && p.starts_with('[') {
            p.split(']').next().unwrap_or("")
        } else {
            continue;
        };
        for cap in BYLINE.captures_iter(scope) {
            let name = cap[1].to_string();
            if !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

fn normalize_language(l: &str) -> String {
    let l = l.trim().replace('_', "-");
    let primary = l.split('-').next().unwrap_or("").to_ascii_lowercase();
    if primary.len() == 2 || primary.len() == 3 {
        primary
    } else {
        String::new()
    }
}

static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s*\((?:[월화수목금토일]|Mon|Tue|Wed|Thu|Fri|Sat|Sun)\)\s*").expect("static regex")
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        (\d{4})\s*[-./년]\s*(\d{1,2})\s*[-./월]\s*(\d{1,2})\s*[.일]?\s*
        (?:T?\s*(?:(오전|오후|AM|PM)\s*)?(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?
        \s*(Z|[+-]\d{2}:?\d{2})?",
    )
    .expect("static regex")
});

/// Normalises a date as pages write it to RFC 3339 with an offset:
/// `2023-04-07T10:11:02.613Z`, `2023-04-07 08:26:22`, `2023.04.07 18:36`,
/// `2023년 4월 7일 오후 6:36`. Times without an offset are KST; dates
/// without a time are midnight KST.
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    if let Ok(dt) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(dt.to_rfc3339_opts(chrono::SecondsFormat::Secs, false));
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(s) {
        return Some(dt.to_rfc3339_opts(chrono::SecondsFormat::Secs, false));
    }
    // "2023.11.03(금) 14:10": the weekday sits between date and time.
    let s = WEEKDAY.replace_all(s, " ");
    let c = DATE.captures(&s)?;
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (y, mo, d) = (num(1)? as i32, num(2)?, num(3)?);
    let mut h = num(5).unwrap_or(0);
    if matches!(c.get(4).map(|m| m.as_str()), Some("오후" | "PM")) && h < 12 {
        h += 12;
    }
    if matches!(c.get(4).map(|m| m.as_str()), Some("오전" | "AM")) && h == 12 {
        h = 0;
    }
    let naive = NaiveDate::from_ymd_opt(y, mo, d)?.and_hms_opt(
        h,
        num(6).unwrap_or(0),
        num(7).unwrap_or(0),
    )?;
    let offset = match c.get(8).map(|m| m.as_str()) {
        None => FixedOffset::east_opt(KST_OFFSET_SECS)?,
        Some("Z") => FixedOffset::east_opt(0)?,
        Some(o) => {
            let sign = if o.starts_with('-') { -1 } else { 1 };
            let digits: String = o.chars().filter(char::is_ascii_digit).collect();
            let hh: i32 = digits.get(0..2)?.parse().ok()?;
            let mm: i32 = digits.get(2..4)?.parse().ok()?;
            FixedOffset::east_opt(sign * (hh * 3600 + mm * 60))?
        }
    };
    let dt = offset.from_local_datetime(&naive).single()?;
    Some(dt.to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_get_an_offset() {
        assert_eq!(
            normalize_date("2023-04-07 08:26:22").unwrap(),
            "2023-04-07T08:26:22+09:00"
        );
        assert_eq!(
            normalize_date("2023-04-07T10:11:02.613Z").unwrap(),
            "2023-04-07T10:11:02+00:00"
        );
        assert_eq!(
            normalize_date("2023-04-19T23:32:12+09:00").unwrap(),
            "2023-04-19T23:32:12+09:00"
        );
        assert_eq!(
            normalize_date("2023.04.07. 18:36").unwrap(),
            "2023-04-07T18:36:00+09:00"
        );
        assert_eq!(
            normalize_date("2024년 7월 18일 오후 3:05").unwrap(),
            "2024-07-18T15:05:00+09:00"
        );
        assert_eq!(
            normalize_date("2024-07-18").unwrap(),
            "2024-07-18T00:00:00+09:00"
        );
        assert_eq!(
            normalize_date("2024-07-18T09:00:00+0900").unwrap(),
            "2024-07-18T09:00:00+09:00"
        );
        assert_eq!(
            normalize_date("2023.11.03(금) 오후 2:10").unwrap(),
            "2023-11-03T14:10:00+09:00"
        );
        assert!(normalize_date("어제").is_none());
        assert!(normalize_date("2024-13-45").is_none());
    }

    #[test]
    fn json_ld_in_graph_and_escaped_headline() {
        let html = r#"<html lang="ko-KR"><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
             {"@type":["NewsArticle"],"headline":"&quot;첫&quot; 기사","datePublished":"2024-07-18 09:00:00",
              "author":[{"@type":"Person","name":"권하영 기자"},{"name":"김철수"}],
              "publisher":{"@type":"Organization","name":"디지털데일리"}}]}
            </script></head><body></body></html>"#;
        let m = extract(&Html::parse_document(html), "https://example.com/a");
        assert_eq!(m.title.as_deref(), Some("\"첫\" 기사"));
        assert_eq!(m.published.as_deref(), Some("2024-07-18T09:00:00+09:00"));
        assert_eq!(m.authors, vec!["권하영", "김철수"]);
        assert_eq!(m.publisher.as_deref(), Some("디지털데일리"));
        assert_eq!(m.language.as_deref(), Some("ko"));
    }

    #[test]
    fn opengraph_and_meta_fallbacks() {
        let html = r#"<html><head><title>제목 - 신문</title>
            <link rel="canonical" href="/news/1">
            <meta property="og:site_name" content="신문">
            <meta property="article:published_time" content="2024-07-18T09:00:00+09:00">
            <meta name="author" content="신문"></head><body>
            <div class="byline">홍길동 기자</div></body></html>"#;
        let m = extract(&Html::parse_document(html), "https://example.com/a/b");
        assert_eq!(m.title.as_deref(), Some("제목"));
        assert_eq!(
            m.canonical_url.as_deref(),
            Some("https://example.com/news/1")
        );
        assert_eq!(m.authors, vec!["홍길동"]);
    }

    #[test]
    fn visible_labelled_date() {
        let html = r#"<div class="art_info"><span>홍길동 기자</span> <span>입력 2023.11.03 14:10</span> <span>수정 2023.11.04 09:00</span></div>"#;
        let m = extract(&Html::parse_document(html), "https://example.com/a");
        assert_eq!(m.published.as_deref(), Some("2023-11-03T14:10:00+09:00"));
        let html = r#"<ul class="list"><li><span class="date">2023.11.01</span></li></ul>"#;
        assert_eq!(
            extract(&Html::parse_document(html), "https://example.com/a").published,
            None
        );
    }

    #[test]
    fn bylines_in_body_lines() {
        let p = |s: &str| s.to_string();
        let paras = vec![
            p("[디지털데일리 권하영기자] 긴 본문이 이어진다."),
            p("본문"),
            p("권하영 기자 kwon@example.com"),
        ];
        assert_eq!(bylines_in(&paras), vec!["권하영"]);
    }
}
