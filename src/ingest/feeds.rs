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
}

/// Parses a feed fetched from `url` (used to resolve relative links).
pub fn parse(url: &str, body: &[u8], content_type: Option<&str>) -> Result<Feed, FeedError> {
    let decoded = charset::decode(body, content_type).map_err(|source| FeedError::Decode {
        url: url.to_string(),
        source,
    })?;
    parse_str(url, &decoded.text)
}

/// Parses an already decoded feed.
pub fn parse_str(url: &str, text: &str) -> Result<Feed, FeedError> {
    // The declaration may still name the legacy charset the bytes were in;
    // the text is UTF-8 now, so it is dropped rather than trusted.
    let text = strip_xml_declaration(text);
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
    head.starts_with("<?xml")
        && ["<rss", "<feed", "<urlset", "<sitemapindex", "<rdf:rdf"]
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
    fn sniffing() {
        assert!(looks_like_feed(b"<?xml version='1.0'?>\n<rss>", None));
        assert!(looks_like_feed(b"", Some("application/rss+xml")));
        assert!(!looks_like_feed(
            b"<!doctype html><html>",
            Some("text/html")
        ));
    }
}
