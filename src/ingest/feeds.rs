//! Feed bytes → article URLs: RSS 2.0 (and 1.0), Atom, sitemaps, news
//! sitemaps and sitemap indexes.
//!
//! Takes the raw bytes of a feed with its `Content-Type`; decodes them with
//! the fetcher's charset logic ([`crate::fetch::charset`]: header, XML
//! declaration, detection; EUC-KR read as CP949) and gives out a [`Feed`]:
//! the entries (URL and dates) and, for a sitemap index, the child sitemaps.
//! A document that is not XML or not one of these kinds is a [`FeedError`].

use crate::fetch::charset;

/// What kind of document a feed was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedKind {
    /// RSS 2.0 (or 0.9x, or RSS 1.0/RDF).
    Rss,
    /// Atom 1.0.
    Atom,
    /// A sitemap (`<urlset>`), news sitemaps included.
    Sitemap,
    /// A sitemap index (`<sitemapindex>`).
    SitemapIndex,
}

/// One article link found in a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedEntry {
    /// The article URL, resolved against the feed URL.
    pub url: String,
    /// Publication time as the feed gives it.
    pub published: Option<String>,
    /// Last modification time as the feed gives it (Atom `updated`,
    /// sitemap `lastmod`), else the publication time.
    pub modified: Option<String>,
}

/// A parsed feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feed {
    /// What it was.
    pub kind: FeedKind,
    /// Article links in document order.
    pub entries: Vec<FeedEntry>,
    /// Child sitemaps (sitemap index only).
    pub sitemaps: Vec<String>,
}

/// Why a document is not a usable feed. Messages name the feed.
#[derive(Debug, thiserror::Error)]
pub enum FeedError {
    /// The bytes are not text.
    #[error("{url}: {source}")]
    Decode {
        /// The feed.
        url: String,
        /// What failed.
        source: charset::DecodeError,
    },
    /// Not well-formed XML.
    #[error("{url}: malformed feed: {reason}")]
    Malformed {
        /// The feed.
        url: String,
        /// The XML parser's message.
        reason: String,
    },
    /// Well-formed, but not RSS, Atom or a sitemap.
    #[error("{url}: not a feed or sitemap (root element <{root}>)")]
    NotAFeed {
        /// The feed.
        url: String,
        /// The root element found.
        root: String,
    },
    /// The DTD's entities would expand the document past
    /// [`MAX_ENTITY_EXPANSION`] (an entity bomb, or a DTD no feed needs).
    #[error(
        "{url}: refused: its DTD entities would expand to {bytes} bytes (more than {MAX_ENTITY_EXPANSION})"
    )]
    EntityExpansion {
        /// The feed.
        url: String,
        /// The expanded size (saturating).
        bytes: u64,
    },
    /// Parsing crashed; a bug, reported as this feed's failure instead of
    /// ending the run.
    #[error("{url}: internal error: {message}")]
    Internal {
        /// The feed.
        url: String,
        /// What happened.
        message: String,
    },
}

/// The most text a feed's DTD entities may add to it when expanded. Feeds
/// declare entities rarely, and then for single characters (`&nbsp;`);
/// without a bound, one 100 KB entity referenced 10,000 times takes
/// gigabytes (roxmltree bounds the nesting of entities, not their size).
pub const MAX_ENTITY_EXPANSION: u64 = 1 << 20;

/// Parses a feed fetched from `url` (used to resolve relative links).
pub fn parse(url: &str, body: &[u8], content_type: Option<&str>) -> Result<Feed, FeedError> {
    let decoded = charset::decode(body, content_type).map_err(|source| FeedError::Decode {
        url: url.to_string(),
        source,
    })?;
    parse_str(url, &decoded.text)
}

/// Parses an already decoded feed. Never panics on input; should parsing
/// crash anyway (a bug), the crash is this feed's [`FeedError::Internal`].
pub fn parse_str(url: &str, text: &str) -> Result<Feed, FeedError> {
    std::panic::catch_unwind(|| parse_unguarded(url, text)).unwrap_or_else(|panic| {
        Err(FeedError::Internal {
            url: url.to_string(),
            message: crate::acquire::panic_message(panic.as_ref()),
        })
    })
}

fn parse_unguarded(url: &str, text: &str) -> Result<Feed, FeedError> {
    // The declaration may still name the legacy charset the bytes were in;
    // the text is UTF-8 now, so it is dropped rather than trusted.
    let text = strip_xml_declaration(text);
    let bytes = entity_expansion(text);
    if bytes > MAX_ENTITY_EXPANSION {
        return Err(FeedError::EntityExpansion {
            url: url.to_string(),
            bytes,
        });
    }
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc =
        roxmltree::Document::parse_with_options(text, opts).map_err(|e| FeedError::Malformed {
            url: url.to_string(),
            reason: e.to_string(),
        })?;
    let root = doc.root_element();
    let base = url::Url::parse(url).ok();
    let resolve = |href: &str| -> Option<String> {
        let href = href.trim();
        if href.is_empty() {
            return None;
        }
        match &base {
            Some(b) => b.join(href).ok().map(|u| u.to_string()),
            None => url::Url::parse(href).ok().map(|u| u.to_string()),
        }
    };
    let mut feed = Feed {
        kind: FeedKind::Rss,
        entries: Vec::new(),
        sitemaps: Vec::new(),
    };
    match root.tag_name().name() {
        "rss" | "RDF" => {
            for item in root.descendants().filter(|n| n.has_tag_name("item")) {
                let link = child_text(item, "link").or_else(|| {
                    // A permalink guid is the article URL when <link> is missing.
                    item.children()
                        .find(|c| c.has_tag_name("guid"))
                        .filter(|g| g.attribute("isPermaLink") != Some("false"))
                        .and_then(|g| g.text())
                        .map(str::to_string)
                });
                let Some(url) = link.as_deref().and_then(resolve) else {
                    continue;
                };
                let published = child_text(item, "pubDate").or_else(|| child_text(item, "date"));
                let modified = child_text(item, "updated").or_else(|| published.clone());
                feed.entries.push(FeedEntry {
                    url,
                    published,
                    modified,
                });
            }
        }
        "feed" => {
            feed.kind = FeedKind::Atom;
            for entry in root.children().filter(|n| n.has_tag_name("entry")) {
                let href = entry
                    .children()
                    .filter(|c| c.has_tag_name("link"))
                    .find(|l| matches!(l.attribute("rel"), None | Some("alternate")))
                    .and_then(|l| l.attribute("href"));
                let Some(url) = href.and_then(resolve) else {
                    continue;
                };
                let published = child_text(entry, "published");
                let modified = child_text(entry, "updated").or_else(|| published.clone());
                feed.entries.push(FeedEntry {
                    url,
                    published,
                    modified,
                });
            }
        }
        "urlset" => {
            feed.kind = FeedKind::Sitemap;
            for u in root.children().filter(|n| n.has_tag_name("url")) {
                let Some(url) = child_text(u, "loc").as_deref().and_then(resolve) else {
                    continue;
                };
                // news:news/news:publication_date in news sitemaps.
                let published = u
                    .descendants()
                    .find(|n| n.has_tag_name("publication_date"))
                    .and_then(|n| n.text())
                    .map(|s| s.trim().to_string());
                let modified = child_text(u, "lastmod").or_else(|| published.clone());
                feed.entries.push(FeedEntry {
                    url,
                    published,
                    modified,
                });
            }
        }
        "sitemapindex" => {
            feed.kind = FeedKind::SitemapIndex;
            for s in root.children().filter(|n| n.has_tag_name("sitemap")) {
                if let Some(url) = child_text(s, "loc").as_deref().and_then(resolve) {
                    feed.sitemaps.push(url);
                }
            }
        }
        other => {
            return Err(FeedError::NotAFeed {
                url: url.to_string(),
                root: other.to_string(),
            });
        }
    }
    Ok(feed)
}

/// The trimmed text of the first child element named `name` (any namespace).
fn child_text(node: roxmltree::Node<'_, '_>, name: &str) -> Option<String> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
        .and_then(|c| {
            let t: String = c
                .descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect();
            let t = t.trim();
            (!t.is_empty()).then(|| t.to_string())
        })
}

/// How many bytes the general entities declared in the document's internal
/// DTD subset add when every reference to them is expanded (saturating;
/// 0 without a DTD). Each entity's size counts the entities it refers to,
/// expanded in turn; a reference loop counts as unbounded (roxmltree
/// rejects loops too). The scan is linear in the document.
fn entity_expansion(text: &str) -> u64 {
    let Some(doctype) = text.find("<!DOCTYPE") else {
        return 0;
    };
    let b = text.as_bytes();
    // The internal subset runs from '[' to the ']' that closes it, outside
    // quoted literals and comments.
    let mut i = doctype + "<!DOCTYPE".len();
    let mut quote = None;
    while i < b.len() {
        match (quote, b[i]) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, q @ (b'"' | b'\'')) => quote = Some(q),
            (None, b'>') => return 0,
            (None, b'[') => break,
            _ => {}
        }
        i += 1;
    }
    let subset_start = i + 1;
    let mut values: Vec<(&str, &str)> = Vec::new();
    let mut i = subset_start;
    let mut subset_end = b.len();
    while i < b.len() {
        let rest = &text[i..];
        if rest.starts_with("<!--") {
            i += rest.find("-->").map_or(rest.len(), |e| e + 3);
        } else if rest.starts_with("<!ENTITY") {
            let (decl, len) = entity_declaration(rest);
            values.extend(decl);
            i += len.max(1);
        } else if let Some(q @ (b'"' | b'\'')) = rest.bytes().next() {
            i += 1 + rest[1..].find(q as char).map_or(rest.len() - 1, |e| e + 1);
        } else if b[i] == b']' {
            subset_end = i;
            break;
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    if values.is_empty() {
        return 0;
    }
    // Expanded size of each entity, memoised; None while being computed.
    let index: std::collections::HashMap<&str, usize> = values
        .iter()
        .enumerate()
        .map(|(k, (n, _))| (*n, k))
        .collect();
    let mut size: Vec<Option<Option<u64>>> = vec![None; values.len()];
    fn expanded(
        k: usize,
        values: &[(&str, &str)],
        index: &std::collections::HashMap<&str, usize>,
        size: &mut Vec<Option<Option<u64>>>,
        depth: usize,
    ) -> u64 {
        match size[k] {
            Some(Some(n)) => return n,
            // A loop, or nesting deeper than any real DTD.
            Some(None) => return u64::MAX,
            None if depth > 64 => return u64::MAX,
            None => {}
        }
        size[k] = Some(None);
        let value = values[k].1;
        let mut n = value.len() as u64;
        for name in references(value) {
            if let Some(&r) = index.get(name) {
                n = n.saturating_add(expanded(r, values, index, size, depth + 1));
            }
        }
        size[k] = Some(Some(n));
        n
    }
    let body = &text[subset_end.min(text.len())..];
    let mut total = 0u64;
    for name in references(body) {
        if let Some(&k) = index.get(name) {
            total = total.saturating_add(expanded(k, &values, &index, &mut size, 0));
        }
    }
    total
}

/// The names of the entity references (`&name;`) in `text`; character
/// references (`&#…;`) are not entities.
fn references(text: &str) -> impl Iterator<Item = &str> {
    text.split('&').skip(1).filter_map(|after| {
        let end = after.find(';')?;
        let name = &after[..end];
        let valid = !name.is_empty()
            && !name.starts_with('#')
            && !name.contains(|c: char| c.is_whitespace() || "<>&\"'".contains(c));
        valid.then_some(name)
    })
}

/// One `<!ENTITY …>` declaration at the start of `decl`: the general
/// entity's name and literal value (none for a parameter entity or an
/// external one, which roxmltree does not load), and the declaration's
/// length in bytes.
fn entity_declaration(decl: &str) -> (Option<(&str, &str)>, usize) {
    let after = &decl["<!ENTITY".len()..];
    let trimmed = after.trim_start();
    let skip = decl.len() - trimmed.len();
    let name_end = trimmed
        .find(|c: char| c.is_whitespace())
        .unwrap_or(trimmed.len());
    let name = &trimmed[..name_end];
    let rest = trimmed[name_end..].trim_start();
    let at = decl.len() - rest.len();
    match rest.bytes().next() {
        Some(q @ (b'"' | b'\'')) => match rest[1..].find(q as char) {
            Some(close) => {
                let value = &rest[1..1 + close];
                let end = at + 1 + close + 1;
                let end = end + decl[end..].find('>').map_or(decl.len() - end, |g| g + 1);
                let general = name != "%" && !name.is_empty();
                (general.then_some((name, value)), end)
            }
            None => (None, decl.len()),
        },
        _ => {
            let end = skip + decl[skip..].find('>').map_or(decl.len() - skip, |g| g + 1);
            (None, end)
        }
    }
}

fn strip_xml_declaration(text: &str) -> &str {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with("<?xml")
        && let Some(end) = t.find("?>")
    {
        return &t[end + 2..];
    }
    t
}

/// Whether `body` looks like XML rather than an HTML page (cheap sniff
/// before deciding whether an input is a feed or an article).
pub fn looks_like_feed(body: &[u8], content_type: Option<&str>) -> bool {
    if let Some(ct) = content_type.map(str::to_ascii_lowercase)
        && (ct.contains("rss") || ct.contains("atom") || ct.contains("xml"))
        && !ct.contains("xhtml")
    {
        return true;
    }
    let head = &body[..body.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    // A DTD may come first, naming the root (`<!DOCTYPE rss [...]>`), and
    // push the root element itself out of the head.
    head.starts_with("<?xml")
        && [
            "<rss",
            "<feed",
            "<urlset",
            "<sitemapindex",
            "<rdf:rdf",
            "<!doctype rss",
            "<!doctype feed",
            "<!doctype rdf",
        ]
        .iter()
        .any(|t| head.contains(t))
        || ["<rss", "<feed", "<urlset", "<sitemapindex"]
            .iter()
            .any(|t| head.starts_with(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_with_relative_links_and_guid_fallback() {
        let xml = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
            <item><title>가</title><link>/news/1?utm_source=rss</link>
              <pubDate>Mon, 02 Nov 2026 09:00:00 +0900</pubDate></item>
            <item><guid>https://other.example/2</guid></item>
            <item><guid isPermaLink="false">tag:x</guid></item>
            </channel></rss>"#;
        let f = parse_str("https://news.example/rss.xml", xml).unwrap();
        assert_eq!(f.kind, FeedKind::Rss);
        let urls: Vec<&str> = f.entries.iter().map(|e| e.url.as_str()).collect();
        assert_eq!(
            urls,
            [
                "https://news.example/news/1?utm_source=rss",
                "https://other.example/2"
            ]
        );
        assert_eq!(
            f.entries[0].published.as_deref(),
            Some("Mon, 02 Nov 2026 09:00:00 +0900")
        );
    }

    #[test]
    fn atom_prefers_alternate_link_and_updated() {
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
            <entry><link rel="self" href="https://x.example/self"/>
              <link href="https://x.example/a"/><updated>2026-11-03T10:00:00+09:00</updated>
              <published>2026-11-02T10:00:00+09:00</published></entry></feed>"#;
        let f = parse_str("https://x.example/atom", xml).unwrap();
        assert_eq!(f.kind, FeedKind::Atom);
        assert_eq!(f.entries[0].url, "https://x.example/a");
        assert_eq!(
            f.entries[0].modified.as_deref(),
            Some("2026-11-03T10:00:00+09:00")
        );
    }

    #[test]
    fn news_sitemap_and_index() {
        let xml = r#"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
            xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
            <url><loc>https://n.example/1</loc><news:news><news:publication_date>2026-11-01T08:00:00+09:00</news:publication_date></news:news></url>
            <url><loc>https://n.example/2</loc><lastmod>2026-11-02</lastmod></url></urlset>"#;
        let f = parse_str("https://n.example/sitemap.xml", xml).unwrap();
        assert_eq!(f.kind, FeedKind::Sitemap);
        assert_eq!(f.entries.len(), 2);
        assert_eq!(
            f.entries[0].published.as_deref(),
            Some("2026-11-01T08:00:00+09:00")
        );
        let idx = r#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
            <sitemap><loc>https://n.example/s1.xml</loc></sitemap></sitemapindex>"#;
        let f = parse_str("https://n.example/index.xml", idx).unwrap();
        assert_eq!(f.sitemaps, ["https://n.example/s1.xml"]);
    }

    #[test]
    fn euc_kr_bytes_are_decoded() {
        let xml = "<?xml version=\"1.0\" encoding=\"euc-kr\"?><rss><channel>\
            <item><title>가온테크 실적 발표</title><link>https://k.example/1</link></item>\
            </channel></rss>";
        let (bytes, _, _) = encoding_rs::EUC_KR.encode(xml);
        let f = parse("https://k.example/rss", &bytes, Some("text/xml")).unwrap();
        assert_eq!(f.entries.len(), 1);
    }

    #[test]
    fn malformed_and_html_are_errors() {
        assert!(matches!(
            parse_str("u", "<rss><channel><item>"),
            Err(FeedError::Malformed { .. })
        ));
        assert!(matches!(
            parse_str("u", "<html><body/></html>"),
            Err(FeedError::NotAFeed { .. })
        ));
    }

    #[test]
    fn entity_bombs_are_refused_and_small_entities_kept() {
        // One 100 KB entity referenced 10,000 times: a gigabyte expanded.
        let big = "가".repeat(100_000 / 3);
        let refs = "&big;".repeat(10_000);
        let bomb = format!(
            "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY big \"{big}\">]>\
             <rss><channel><item><title>{refs}</title><link>https://b.example/1</link></item></channel></rss>"
        );
        let err = parse_str("https://b.example/rss", &bomb).unwrap_err();
        assert!(matches!(err, FeedError::EntityExpansion { .. }), "{err}");
        assert!(
            err.to_string()
                .starts_with("https://b.example/rss: refused"),
            "{err}"
        );
        // Nested: each level multiplies; the sizes are computed, not expanded.
        let mut dtd = String::from("<!ENTITY a0 \"xxxxxxxxxx\">");
        for k in 1..40 {
            let prev = format!("&a{};", k - 1).repeat(10);
            dtd.push_str(&format!("<!ENTITY a{k} \"{prev}\">"));
        }
        let nested =
            format!("<!DOCTYPE rss [{dtd}]><rss><channel><title>&a39;</title></channel></rss>");
        assert!(matches!(
            parse_str("u", &nested),
            Err(FeedError::EntityExpansion { .. })
        ));
        // A feed that declares a character entity and uses it is read.
        let ok = "<!DOCTYPE rss [<!ENTITY nbsp \"&#160;\"> <!-- ] -->]><rss><channel>\
            <item><title>가&nbsp;나</title><link>https://b.example/2</link></item></channel></rss>";
        assert_eq!(
            parse_str("https://b.example/rss", ok)
                .unwrap()
                .entries
                .len(),
            1
        );
        // An external DTD (RSS 0.91) states no entities.
        let old = "<!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" \
            \"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss version=\"0.91\"><channel>\
            <item><link>https://b.example/3</link></item></channel></rss>";
        assert_eq!(
            parse_str("https://b.example/rss", old)
                .unwrap()
                .entries
                .len(),
            1
        );
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_feed(b"<?xml version='1.0'?>\n<rss>", None));
        let dtd = format!(
            "<?xml version='1.0'?>\n<!DOCTYPE rss [<!ENTITY a \"{}\">]><rss>",
            "x".repeat(5000)
        );
        assert!(looks_like_feed(dtd.as_bytes(), Some("text/html")));
        assert!(looks_like_feed(b"", Some("application/rss+xml")));
        assert!(!looks_like_feed(
            b"<!doctype html><html>",
            Some("text/html")
        ));
    }
}
