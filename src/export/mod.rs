//! Exporters: the knowledge graph as GraphML, GEXF 1.3, node-link JSON or
//! CSV, for Gephi, networkx/igraph/graph-tool, scripts and spreadsheets.
//!
//! Every format is written from the same [`View`]: one table of node rows and
//! one of edge rows with a fixed, typed column list ([`NODE_COLUMNS`],
//! [`EDGE_COLUMNS`]), so a column has the same name and type everywhere.
//!
//! Gephi merges parallel edges by default: a `ceo_of` and an `employee_of`
//! edge between the same two people and companies would arrive as one edge
//! with one kind. newskg therefore writes, by default, at most one edge per
//! ordered pair of entities: its `kind` is the best-supported relation, its
//! `kinds` column lists all of them (`ceo_of|employee_of`) and its weight sums
//! them. `--parallel-edges` writes one edge per kind instead (choose "Don't
//! merge" in Gephi's import dialog then). See README, "Gephi and parallel edges".

use std::collections::BTreeMap;
use std::path::Path;

use crate::graph::{KnowledgeGraph, Modality};

pub mod csv;
pub mod gexf;
pub mod graphml;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// GraphML (Gephi, networkx, igraph, graph-tool, Cytoscape).
    Graphml,
    /// GEXF 1.3 with dates, for Gephi's timeline.
    Gexf,
    /// Node-link JSON (`nodes`, `edges`, `articles`); also what `--merge` reads.
    Json,
    /// `nodes.csv` and `edges.csv` for Gephi's spreadsheet import and pandas.
    Csv,
}

impl ExportFormat {
    /// The format a file name asks for, by extension.
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "graphml" | "xml" => ExportFormat::Graphml,
            "gexf" => ExportFormat::Gexf,
            "json" => ExportFormat::Json,
            "csv" => ExportFormat::Csv,
            _ => return None,
        })
    }
}

/// What goes into an export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ExportOptions {
    /// Include `co_occurs_with` edges (off by default: they swamp the typed relations).
    pub co_occurrence: bool,
    /// Add a node per article, linked to the entities it mentions.
    pub with_articles: bool,
    /// One edge per relation kind instead of one per entity pair.
    pub parallel_edges: bool,
}

/// Type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnType {
    /// Text.
    String,
    /// 64-bit integer (GraphML `long`).
    Long,
    /// 64-bit float (GraphML `double`; Gephi reads `float` as 32-bit).
    Double,
    /// true/false.
    Boolean,
}

/// A column: name (also the GraphML key id) and type.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Column name.
    pub name: &'static str,
    /// Column type.
    pub ty: ColumnType,
}

const fn col(name: &'static str, ty: ColumnType) -> Column {
    Column { name, ty }
}

/// Node columns, in order. `label` is what Gephi shows.
pub const NODE_COLUMNS: &[Column] = &[
    col("label", ColumnType::String),
    col("label_en", ColumnType::String),
    col("type", ColumnType::String),
    col("entity_id", ColumnType::String),
    col("aliases", ColumnType::String),
    col("roles", ColumnType::String),
    col("mentions", ColumnType::Long),
    col("article_count", ColumnType::Long),
    col("first_seen", ColumnType::String),
    col("last_seen", ColumnType::String),
];

/// Edge columns, in order. `weight` is what Gephi uses as the edge weight.
pub const EDGE_COLUMNS: &[Column] = &[
    col("label", ColumnType::String),
    col("kind", ColumnType::String),
    col("kinds", ColumnType::String),
    col("weight", ColumnType::Double),
    col("mentions", ColumnType::Long),
    col("article_count", ColumnType::Long),
    col("confidence", ColumnType::Double),
    col("status", ColumnType::String),
    col("hypothetical", ColumnType::Boolean),
    col("first_seen", ColumnType::String),
    col("last_seen", ColumnType::String),
    col("role", ColumnType::String),
    col("amount", ColumnType::Double),
    col("currency", ColumnType::String),
    col("duration", ColumnType::String),
    col("evidence", ColumnType::String),
    col("evidence_url", ColumnType::String),
    col("evidence_count", ColumnType::Long),
];

/// A cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Text.
    Str(String),
    /// Integer.
    Long(i64),
    /// Float.
    Double(f64),
    /// Boolean.
    Bool(bool),
}

impl Value {
    /// The value as text (CSV cells, XML attribute values).
    pub fn render(&self) -> String {
        match self {
            Value::Str(s) => s.clone(),
            Value::Long(n) => n.to_string(),
            Value::Double(x) => {
                if x.fract() == 0.0 && x.abs() < 1e15 {
                    format!("{x:.1}")
                } else {
                    x.to_string()
                }
            }
            Value::Bool(b) => b.to_string(),
        }
    }
}

/// One row: values by column name (missing = no value).
pub type Row = BTreeMap<&'static str, Value>;

/// A node ready for export.
#[derive(Debug, Clone)]
pub struct NodeRow {
    /// Id valid in every format (an XML name token).
    pub id: String,
    /// Start date (GEXF), `YYYY-MM-DD`.
    pub start: Option<String>,
    /// End date (GEXF).
    pub end: Option<String>,
    /// Column values.
    pub values: Row,
}

/// An edge ready for export.
#[derive(Debug, Clone)]
pub struct EdgeRow {
    /// Edge id.
    pub id: String,
    /// Source node id.
    pub source: String,
    /// Target node id.
    pub target: String,
    /// Start date (GEXF).
    pub start: Option<String>,
    /// End date (GEXF).
    pub end: Option<String>,
    /// Column values.
    pub values: Row,
}

/// The exported graph: rows in deterministic order.
#[derive(Debug, Clone, Default)]
pub struct View {
    /// Node rows.
    pub nodes: Vec<NodeRow>,
    /// Edge rows.
    pub edges: Vec<EdgeRow>,
}

/// Removes what XML 1.0 forbids even escaped (most C0 controls, U+FFFE,
/// U+FFFF) so every reader accepts the file.
pub fn xml_safe(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
        })
        .collect()
}

/// Escapes text for XML content and attribute values.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in xml_safe(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

/// Turns an entity id into an XML name token: letters (Korean included),
/// digits and `._-:` are kept, anything else becomes `_`; a leading
/// character that cannot start a name gets an `n` prefix (some readers want
/// a Name, not just a token).
pub fn xml_id(id: &str) -> String {
    let mut out: String = id
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ':') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !out
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
    {
        out.insert(0, 'n');
    }
    out
}

fn date(s: &Option<String>) -> Option<Value> {
    s.as_ref().map(|d| Value::Str(d.clone()))
}

fn join<'a>(it: impl IntoIterator<Item = &'a String>) -> String {
    it.into_iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("|")
}

/// Builds the export view of `g`.
pub fn view(g: &KnowledgeGraph, opts: &ExportOptions) -> View {
    let mut view = View::default();
    // Unique XML ids, assigned in entity-id order.
    let mut ids: BTreeMap<&str, String> = BTreeMap::new();
    let mut used = std::collections::HashSet::new();
    for n in g.nodes() {
        let base = xml_id(&n.id);
        let mut id = base.clone();
        let mut k = 2;
        while !used.insert(id.clone()) {
            id = format!("{base}_{k}");
            k += 1;
        }
        ids.insert(&n.id, id);
    }
    for n in g.nodes() {
        let mut values = Row::new();
        values.insert("label", Value::Str(n.label_ko().to_string()));
        values.insert("label_en", Value::Str(n.label_en().to_string()));
        values.insert("type", Value::Str(n.kind.clone()));
        values.insert("entity_id", Value::Str(n.id.clone()));
        values.insert("aliases", Value::Str(join(&n.aliases)));
        values.insert("roles", Value::Str(join(&n.roles)));
        values.insert("mentions", Value::Long(n.mentions as i64));
        values.insert("article_count", Value::Long(n.articles.len() as i64));
        if let Some(v) = date(&n.first_seen) {
            values.insert("first_seen", v);
        }
        if let Some(v) = date(&n.last_seen) {
            values.insert("last_seen", v);
        }
        view.nodes.push(NodeRow {
            id: ids[n.id.as_str()].clone(),
            start: n.first_seen.clone(),
            end: n.last_seen.clone(),
            values,
        });
    }

    // Edges grouped per ordered pair unless parallel edges are wanted.
    let mut groups: BTreeMap<(String, String, String), Vec<&crate::graph::Edge>> = BTreeMap::new();
    for (s, t, e) in g.edges() {
        if e.kind == "co_occurs_with" && !opts.co_occurrence {
            continue;
        }
        let key_kind = if opts.parallel_edges {
            e.kind.clone()
        } else {
            String::new()
        };
        groups
            .entry((
                ids[s.id.as_str()].clone(),
                ids[t.id.as_str()].clone(),
                key_kind,
            ))
            .or_default()
            .push(e);
    }
    for ((source, target, _), mut edges) in groups {
        // Best supported first; ties by kind name.
        edges.sort_by(|a, b| b.weight().cmp(&a.weight()).then(a.kind.cmp(&b.kind)));
        let main = edges[0];
        let mut values = Row::new();
        let kinds: Vec<&str> = edges.iter().map(|e| e.kind.as_str()).collect();
        let weight: u64 = edges.iter().map(|e| e.weight()).sum();
        let articles: std::collections::BTreeSet<&String> =
            edges.iter().flat_map(|e| e.articles.iter()).collect();
        let first = edges.iter().filter_map(|e| e.first_seen.clone()).min();
        let last = edges.iter().filter_map(|e| e.last_seen.clone()).max();
        values.insert("label", Value::Str(main.kind.clone()));
        values.insert("kind", Value::Str(main.kind.clone()));
        values.insert("kinds", Value::Str(kinds.join("|")));
        values.insert("weight", Value::Double(weight as f64));
        values.insert("mentions", Value::Long(weight as i64));
        values.insert("article_count", Value::Long(articles.len() as i64));
        values.insert(
            "confidence",
            Value::Double(edges.iter().map(|e| e.confidence).fold(0.0, f64::max)),
        );
        let status = main.modality();
        values.insert("status", Value::Str(status.as_str().to_string()));
        values.insert("hypothetical", Value::Bool(status != Modality::Asserted));
        if let Some(v) = date(&first) {
            values.insert("first_seen", v);
        }
        if let Some(v) = date(&last) {
            values.insert("last_seen", v);
        }
        let attr = |k: &str| main.attributes.get(k).map(join);
        if let Some(v) = attr("role") {
            values.insert("role", Value::Str(v));
        }
        if let Some(v) = main
            .attributes
            .get("amount")
            .and_then(|s| s.iter().next())
            .and_then(|a| a.parse::<f64>().ok())
        {
            values.insert("amount", Value::Double(v));
        }
        if let Some(v) = attr("currency") {
            values.insert("currency", Value::Str(v));
        }
        if let Some(v) = attr("duration") {
            values.insert("duration", Value::Str(v));
        }
        if let Some(ev) = main.evidence.first() {
            values.insert("evidence", Value::Str(ev.sentence.clone()));
            values.insert("evidence_url", Value::Str(ev.url.clone()));
        }
        values.insert(
            "evidence_count",
            Value::Long(edges.iter().map(|e| e.evidence.len()).sum::<usize>() as i64),
        );
        let id = format!("e{}", view.edges.len());
        view.edges.push(EdgeRow {
            id,
            source,
            target,
            start: first,
            end: last,
            values,
        });
    }

    if opts.with_articles {
        add_article_nodes(g, &ids, &mut view);
    }
    view
}

/// Article nodes (type `ARTICLE`) and `mentions` edges to their entities.
fn add_article_nodes(g: &KnowledgeGraph, ids: &BTreeMap<&str, String>, view: &mut View) {
    let mut article_ids = BTreeMap::new();
    for (i, a) in g.articles().enumerate() {
        let id = format!("article_{i}");
        let mut values = Row::new();
        values.insert(
            "label",
            Value::Str(a.title.clone().unwrap_or_else(|| a.url.clone())),
        );
        values.insert("type", Value::Str("ARTICLE".into()));
        values.insert("entity_id", Value::Str(a.url.clone()));
        if let Some(d) = a.date() {
            values.insert("first_seen", Value::Str(d.to_string()));
            values.insert("last_seen", Value::Str(d.to_string()));
        }
        let d = a.date().map(str::to_string);
        view.nodes.push(NodeRow {
            id: id.clone(),
            start: d.clone(),
            end: d,
            values,
        });
        article_ids.insert(a.url.clone(), id);
    }
    for n in g.nodes() {
        for url in &n.articles {
            let Some(aid) = article_ids.get(url) else {
                continue;
            };
            let date = g
                .articles()
                .find(|a| &a.url == url)
                .and_then(|a| a.date())
                .map(str::to_string);
            let mut values = Row::new();
            values.insert("label", Value::Str("mentions".into()));
            values.insert("kind", Value::Str("mentions".into()));
            values.insert("kinds", Value::Str("mentions".into()));
            values.insert("weight", Value::Double(1.0));
            values.insert("mentions", Value::Long(1));
            values.insert("article_count", Value::Long(1));
            values.insert("status", Value::Str("asserted".into()));
            values.insert("hypothetical", Value::Bool(false));
            let id = format!("e{}", view.edges.len());
            view.edges.push(EdgeRow {
                id,
                source: aid.clone(),
                target: ids[n.id.as_str()].clone(),
                start: date.clone(),
                end: date,
                values,
            });
        }
    }
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Writing failed.
    #[error("writing {path}: {source}")]
    Io {
        /// The output file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// JSON serialisation failed.
    #[error("writing {path}: {source}")]
    Json {
        /// The output file.
        path: String,
        /// The error.
        source: serde_json::Error,
    },
}

/// Writes `g` to `path` in `format`. CSV writes two files next to `path`
/// (`<stem>.nodes.csv`, `<stem>.edges.csv`), or `nodes.csv` and `edges.csv`
/// inside it when `path` is a directory. Returns the files written.
///
/// Files are written to a temporary name and renamed into place, so a
/// crash never leaves a half-written graph under the real name.
pub fn write(
    g: &KnowledgeGraph,
    format: ExportFormat,
    opts: &ExportOptions,
    path: &Path,
) -> Result<Vec<std::path::PathBuf>, ExportError> {
    let io = |p: &Path| {
        let p = p.display().to_string();
        move |source| ExportError::Io {
            path: p.clone(),
            source,
        }
    };
    let mut written = Vec::new();
    match format {
        ExportFormat::Json => {
            let mut buf = Vec::new();
            let filtered;
            let g = if opts.co_occurrence {
                g
            } else {
                filtered = without_co_occurrence(g);
                &filtered
            };
            crate::graph::json::write(g, &mut buf).map_err(|source| ExportError::Json {
                path: path.display().to_string(),
                source,
            })?;
            buf.push(b'\n');
            atomic_write(path, &buf).map_err(io(path))?;
            written.push(path.to_path_buf());
        }
        ExportFormat::Graphml | ExportFormat::Gexf => {
            let v = view(g, opts);
            let mut buf = Vec::new();
            let r = if format == ExportFormat::Graphml {
                graphml::write(&v, &mut buf)
            } else {
                gexf::write(&v, &mut buf)
            };
            r.map_err(io(path))?;
            atomic_write(path, &buf).map_err(io(path))?;
            written.push(path.to_path_buf());
        }
        ExportFormat::Csv => {
            let v = view(g, opts);
            let (nodes, edges) = csv::paths(path);
            let mut buf = Vec::new();
            csv::write_nodes(&v, &mut buf).map_err(io(&nodes))?;
            atomic_write(&nodes, &buf).map_err(io(&nodes))?;
            buf.clear();
            csv::write_edges(&v, &mut buf).map_err(io(&edges))?;
            atomic_write(&edges, &buf).map_err(io(&edges))?;
            written.push(nodes);
            written.push(edges);
        }
    }
    Ok(written)
}

fn without_co_occurrence(g: &KnowledgeGraph) -> KnowledgeGraph {
    g.filter_edges(|e| e.kind != "co_occurs_with")
}

/// Writes `bytes` to a sibling temporary file, syncs it and renames it over `path`.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write as _;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let mut f = std::fs::File::create(&tmp)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    drop(f);
    std::fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_name_tokens() {
        assert_eq!(xml_id("ORG:KT"), "ORG:KT");
        assert_eq!(xml_id("PERSON:김영섭"), "PERSON:김영섭");
        assert_eq!(xml_id("ORG:LG CNS (주)"), "ORG:LG_CNS__주_");
        assert_eq!(xml_id("1st"), "n1st");
    }

    #[test]
    fn control_characters_are_dropped() {
        assert_eq!(xml_escape("a\u{8}b<&>\"\u{1}"), "ab&lt;&amp;&gt;&quot;");
        assert_eq!(xml_escape("한글\n"), "한글&#10;");
    }

    #[test]
    fn format_from_extension() {
        assert_eq!(
            ExportFormat::from_path(Path::new("g.GraphML")),
            Some(ExportFormat::Graphml)
        );
        assert_eq!(
            ExportFormat::from_path(Path::new("g.gexf")),
            Some(ExportFormat::Gexf)
        );
        assert_eq!(ExportFormat::from_path(Path::new("g.txt")), None);
    }
}
