//! The HTML report: one self-contained page per graph, for analysts who want
//! to see who is connected to whom without Gephi.
//!
//! Takes a [`KnowledgeGraph`], gives one HTML file that opens offline in any
//! browser: the graph drawn by cytoscape.js (vendored under
//! `assets/report/vendor/`, MIT, inlined into the page), a search box, a
//! details panel with evidence sentences, filters and tables. Called by
//! `newskg report` (and meant for `newskg export --db … --report`).
//!
//! The page's data is the same node-link JSON the JSON exporter writes
//! ([`crate::graph::json`]), embedded in a `<script type="application/json">`
//! element next to the node positions. Positions are computed here
//! ([`layout`]) so that the browser only draws: a force layout in
//! JavaScript is far too slow for thousands of nodes.

use std::io::Write;
use std::path::Path;

use crate::graph::{KnowledgeGraph, json};

pub mod layout;

const TEMPLATE: &str = include_str!("../../assets/report/template.html");
const CSS: &str = include_str!("../../assets/report/report.css");
const SCRIPT: &str = include_str!("../../assets/report/report.js");
const CYTOSCAPE: &str = include_str!("../../assets/report/vendor/cytoscape.min.js");

/// Default page title.
pub const DEFAULT_TITLE: &str = "newskg report";

/// What goes into a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportOptions {
    /// Page title and heading. Default: [`DEFAULT_TITLE`].
    pub title: String,
    /// Include `co_occurs_with` edges. Default: off, as in exports (they
    /// swamp the typed relations).
    pub co_occurrence: bool,
    /// Force iterations of the layout. Default: [`layout::DEFAULT_ITERATIONS`].
    pub layout_iterations: usize,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            title: DEFAULT_TITLE.to_string(),
            co_occurrence: false,
            layout_iterations: layout::DEFAULT_ITERATIONS,
        }
    }
}

/// Why a report could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The graph could not be rendered as JSON.
    #[error("cannot render the graph as JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Writing failed.
    #[error("cannot write the report: {0}")]
    Io(#[from] std::io::Error),
    /// Writing the file failed.
    #[error("cannot write the report to {path}: {source}")]
    File {
        /// The output file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

/// Writes the report page for `g` to `w`.
pub fn write(
    g: &KnowledgeGraph,
    opts: &ReportOptions,
    mut w: impl Write,
) -> Result<(), ReportError> {
    w.write_all(render(g, opts)?.as_bytes())?;
    Ok(())
}

/// Writes the report page for `g` to `path`, atomically (a temporary file
/// renamed into place).
pub fn write_file(
    g: &KnowledgeGraph,
    opts: &ReportOptions,
    path: &Path,
) -> Result<(), ReportError> {
    let page = render(g, opts)?;
    if crate::export::is_stdout(path) {
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        return out
            .write_all(page.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|source| ReportError::File {
                path: "standard output".to_string(),
                source,
            });
    }
    crate::export::atomic_write(path, page.as_bytes()).map_err(|source| ReportError::File {
        path: path.display().to_string(),
        source,
    })
}

/// The page as a string.
pub fn render(g: &KnowledgeGraph, opts: &ReportOptions) -> Result<String, ReportError> {
    // Without co-occurrence the document simply leaves those edges out
    // (no copy of the graph without them).
    let graph = json::to_value_filtered(g, |e| opts.co_occurrence || !e.is_co_occurrence())?;
    let positions = positions(&graph, opts.layout_iterations);
    let data = serde_json::json!({
        "title": opts.title,
        "generator": concat!("newskg ", env!("CARGO_PKG_VERSION")),
        "graph": graph,
        "positions": positions,
    });
    let data = script_safe_json(&serde_json::to_string(&data)?);
    let title = html_escape(&opts.title);
    Ok(fill(TEMPLATE, |name| match name {
        "TITLE" => Some(title.as_str()),
        "CSS" => Some(CSS),
        "CYTOSCAPE" => Some(CYTOSCAPE),
        "SCRIPT" => Some(SCRIPT),
        "DATA" => Some(data.as_str()),
        _ => None,
    }))
}

/// Layout positions aligned with the document's `nodes` array, rounded to a
/// tenth of a pixel to keep the page small.
fn positions(graph: &serde_json::Value, iterations: usize) -> Vec<[f64; 2]> {
    let empty = Vec::new();
    let nodes = graph["nodes"].as_array().unwrap_or(&empty);
    let index: std::collections::HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .filter_map(|(i, n)| Some((n["id"].as_str()?, i)))
        .collect();
    let edges: Vec<(usize, usize)> = graph["edges"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .filter_map(|e| {
            Some((
                *index.get(e["source"].as_str()?)?,
                *index.get(e["target"].as_str()?)?,
            ))
        })
        .collect();
    layout::layout(nodes.len(), &edges, iterations)
        .into_iter()
        .map(|[x, y]| [(x * 10.0).round() / 10.0, (y * 10.0).round() / 10.0])
        .collect()
}

/// JSON that can sit inside a `<script>` element: `<` only occurs inside
/// strings in JSON, where `\u003c` means the same, so no `</script>` or
/// `<!--` can end or confuse the element. U+2028/U+2029 are escaped too.
pub fn script_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for HTML content and attribute values.
pub fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Replaces each `{{NAME}}` of the template (only the template's own text,
/// never inside what was inserted) by `value(NAME)`; unknown names stay.
fn fill<'a>(template: &str, value: impl Fn(&str) -> Option<&'a str>) -> String {
    let mut out = String::with_capacity(template.len() + (1 << 20));
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after
            .find("}}")
            .and_then(|end| Some((end, value(&after[..end])?)))
        {
            Some((end, v)) => {
                out.push_str(v);
                rest = &after[end + 2..];
            }
            None => {
                out.push_str("{{");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{ArticleFacts, ArticleInfo, EntityFact, Evidence, RelationFact};

    fn entity(id: &str, kind: &str, ko: &str, en: &str) -> EntityFact {
        EntityFact {
            id: id.into(),
            kind: kind.into(),
            label_ko: ko.into(),
            label_en: en.into(),
            aliases: vec![],
            roles: vec![],
            mentions: 2,
        }
    }

    fn sample() -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new(5);
        let url = "https://example.com/a";
        let relation = |kind: &str, sentence: &str| RelationFact {
            source: "org:KT".into(),
            target: "product:Azure".into(),
            kind: kind.parse().unwrap(),
            directed: true,
            confidence: 0.9,
            attributes: Default::default(),
            evidence: Evidence {
                date: Some("2024-06-01".into()),
                url: url.into(),
                start: 0,
                end: sentence.chars().count(),
                sentence: sentence.into(),
                modality: Default::default(),
            },
        };
        g.add_article(&ArticleFacts {
            article: ArticleInfo {
                url: url.into(),
                title: Some("KT, </script><!-- 애저 도입".into()),
                published: Some("2024-06-01T09:00:00+09:00".into()),
                publisher: Some("예시일보".into()),
            },
            entities: vec![
                entity("org:KT", "ORG", "KT", "KT"),
                entity("product:Azure", "PRODUCT", "애저", "Azure"),
            ],
            relations: vec![
                relation("uses", "KT가 애저를 도입했다."),
                relation("co_occurs_with", "KT와 애저."),
            ],
        });
        g
    }

    /// The embedded data element, parsed back.
    fn data(page: &str) -> serde_json::Value {
        let open = r#"<script type="application/json" id="newskg-data">"#;
        let start = page.find(open).expect("data element") + open.len();
        let end = start + page[start..].find("</script>").expect("end of data");
        serde_json::from_str(&page[start..end]).expect("data is JSON")
    }

    #[test]
    fn page_embeds_the_graph_json_and_positions() {
        let page = render(&sample(), &ReportOptions::default()).unwrap();
        let d = data(&page);
        assert_eq!(d["graph"]["format"], json::FORMAT);
        assert_eq!(d["graph"]["nodes"].as_array().unwrap().len(), 2);
        // co-occurrence is left out by default, as in exports
        let edges = d["graph"]["edges"].as_array().unwrap();
        assert_eq!(edges.len(), 1);
        assert_eq!(edges[0]["kind"], "uses");
        assert_eq!(d["positions"].as_array().unwrap().len(), 2);
        assert_eq!(
            d["graph"]["articles"][0]["title"],
            "KT, </script><!-- 애저 도입"
        );
        let with = ReportOptions {
            co_occurrence: true,
            ..Default::default()
        };
        let d = data(&render(&sample(), &with).unwrap());
        assert_eq!(d["graph"]["edges"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn page_is_self_contained() {
        let page = render(&sample(), &ReportOptions::default()).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>"));
        assert!(page.contains("cytoscape"));
        for name in ["TITLE", "CSS", "CYTOSCAPE", "SCRIPT", "DATA"] {
            assert!(
                !page.contains(&format!("{{{{{name}}}}}")),
                "{name} left unfilled"
            );
        }
        for fetch in ["src=\"http", "href=\"http", "@import", "url(http"] {
            assert!(!page.contains(fetch), "page fetches something: {fetch}");
        }
        // the only </script> closings are the page's own elements
        assert_eq!(page.matches("</script>").count(), 3);
        assert!(!page.contains("<!--"));
    }

    #[test]
    fn title_is_escaped() {
        let opts = ReportOptions {
            title: "<b>KT & 애저</b>".into(),
            ..Default::default()
        };
        let page = render(&sample(), &opts).unwrap();
        assert!(page.contains("<title>&lt;b&gt;KT &amp; 애저&lt;/b&gt;</title>"));
    }

    #[test]
    fn empty_graph_renders() {
        let page = render(&KnowledgeGraph::new(5), &ReportOptions::default()).unwrap();
        let d = data(&page);
        assert_eq!(d["graph"]["nodes"].as_array().unwrap().len(), 0);
        assert_eq!(d["positions"].as_array().unwrap().len(), 0);
    }

    #[test]
    fn script_safe_json_round_trips() {
        let v = serde_json::json!({"s": "</script><!-- a & b > c \u{2028}"});
        let safe = script_safe_json(&v.to_string());
        assert!(!safe.contains('<') && !safe.contains('>') && !safe.contains('&'));
        assert_eq!(serde_json::from_str::<serde_json::Value>(&safe).unwrap(), v);
    }

    #[test]
    fn fill_only_touches_the_template() {
        let out = fill("a{{X}}b{{Y}}c{{", |n| (n == "X").then_some("{{Y}}"));
        assert_eq!(out, "a{{Y}}b{{Y}}c{{");
    }
}
