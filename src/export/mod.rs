//! Exporters: the knowledge graph as GraphML, GEXF 1.3, node-link JSON or
//! CSV, for Gephi, networkx/igraph/graph-tool, scripts and spreadsheets.
//!
//! Every format is written from the same [`View`]: node rows and edge rows
//! with a fixed, typed column list ([`NODE_COLUMNS`], [`EDGE_COLUMNS`]), so a
//! column has the same name and type everywhere. Rows are made one at a time
//! and files are streamed, so exporting needs little memory beyond the graph.
//!
//! Gephi merges parallel edges by default: a `ceo_of` and an `employee_of`
//! edge between the same two people and companies would arrive as one edge
//! with one kind. newskg therefore writes, by default, at most one edge per
//! ordered pair of entities: its `kind` is the best-supported relation, its
//! `kinds` column lists all of them (`ceo_of|employee_of`) and its weight sums
//! them. `--parallel-edges` writes one edge per kind instead (choose "Don't
//! merge" in Gephi's import dialog then). See README, "Gephi and parallel edges".

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{BufWriter, Write as _};
use std::path::Path;

use crate::graph::{ArticleInfo, Edge, KnowledgeGraph, Modality, Node};
use crate::relations::RelationKind;

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
    col("predicate", ColumnType::String),
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

/// The exported graph, produced one row at a time: [`View::nodes`] and
/// [`View::edges`] build each row when the writer asks for it, so an export
/// holds one row in memory, not a copy of the graph. Only what needs the
/// whole graph is computed up front: the node order with their unique XML
/// ids and the edges sorted into their groups (references into the graph).
#[derive(Debug, Clone)]
pub struct View<'g> {
    /// Entity nodes in entity-id order.
    nodes: Vec<&'g Node>,
    /// Their XML ids (same index).
    ids: Vec<String>,
    /// Exported edges as (source, target) positions in `nodes` and the edge,
    /// sorted by source XML id, target XML id, kind: a group (one row) is a
    /// run with the same endpoints, or one edge with `parallel_edges`.
    edges: Vec<(u32, u32, &'g Edge)>,
    parallel_edges: bool,
    /// With `with_articles`: the article table for article nodes and edges.
    articles: Option<ArticleNodes<'g>>,
}

#[derive(Debug, Clone)]
struct ArticleNodes<'g> {
    /// Articles in URL order (node `article_{i}` is the i-th).
    by_rank: Vec<&'g ArticleInfo>,
    /// Article id → position in `by_rank`.
    ranks: Vec<u32>,
}

/// Builds the export view of `g`.
pub fn view<'g>(g: &'g KnowledgeGraph, opts: &ExportOptions) -> View<'g> {
    let nodes = g.nodes();
    // Unique XML ids, assigned in entity-id order.
    let mut ids = Vec::with_capacity(nodes.len());
    let mut used = HashSet::new();
    for n in &nodes {
        let base = xml_id(&n.id);
        let mut id = base.clone();
        let mut k = 2;
        while used.contains(&id) {
            id = format!("{base}_{k}");
            k += 1;
        }
        used.insert(id.clone());
        ids.push(id);
    }
    drop(used);
    let position: HashMap<&str, u32> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i as u32))
        .collect();
    let mut edges: Vec<(u32, u32, &Edge)> = g
        .edges()
        .into_iter()
        .filter(|(_, _, e)| opts.co_occurrence || !e.is_co_occurrence())
        .filter_map(|(s, t, e)| {
            Some((
                *position.get(s.id.as_str())?,
                *position.get(t.id.as_str())?,
                e,
            ))
        })
        .collect();
    drop(position);
    edges.sort_by(|a, b| {
        (&ids[a.0 as usize], &ids[a.1 as usize], a.2.kind.as_str()).cmp(&(
            &ids[b.0 as usize],
            &ids[b.1 as usize],
            b.2.kind.as_str(),
        ))
    });
    let articles = opts.with_articles.then(|| ArticleNodes {
        by_rank: g.articles().collect(),
        ranks: g.url_ranks(),
    });
    View {
        nodes,
        ids,
        edges,
        parallel_edges: opts.parallel_edges,
        articles,
    }
}

fn date(s: Option<&str>) -> Option<Value> {
    s.map(|d| Value::Str(d.to_string()))
}

fn join<'a>(it: impl IntoIterator<Item = &'a str>) -> String {
    it.into_iter().collect::<Vec<_>>().join("|")
}

impl<'g> View<'g> {
    /// How many relation rows [`View::edges`] gives (one per entity pair,
    /// or per kind with `parallel_edges`), `mentions` edges not counted.
    pub fn relation_rows(&self) -> usize {
        let parallel = self.parallel_edges;
        self.edges
            .chunk_by(|a, b| !parallel && a.0 == b.0 && a.1 == b.1)
            .count()
    }

    /// The node rows: entities in id order, then (with `with_articles`)
    /// articles in URL order.
    pub fn nodes(&self) -> impl Iterator<Item = NodeRow> + '_ {
        let entities = self
            .nodes
            .iter()
            .zip(&self.ids)
            .map(|(n, id)| entity_row(n, id));
        let articles = self
            .articles
            .iter()
            .flat_map(|a| a.by_rank.iter().enumerate())
            .map(|(i, a)| article_row(i, a));
        entities.chain(articles)
    }

    /// The edge rows: relation groups by (source, target), then (with
    /// `with_articles`) one `mentions` edge per entity and article, by
    /// entity id and article URL. Ids are `e0`, `e1`, … in this order.
    pub fn edges(&self) -> impl Iterator<Item = EdgeRow> + '_ {
        let parallel = self.parallel_edges;
        let groups = self
            .edges
            .chunk_by(move |a, b| !parallel && a.0 == b.0 && a.1 == b.1)
            .map(|group| {
                let (s, t, _) = group[0];
                let edges: Vec<&Edge> = group.iter().map(|&(_, _, e)| e).collect();
                relation_row(&self.ids[s as usize], &self.ids[t as usize], edges)
            });
        let mentions = self.articles.iter().flat_map(move |a| {
            self.nodes.iter().zip(&self.ids).flat_map(move |(n, id)| {
                n.articles.ranks(&a.ranks).into_iter().filter_map(move |r| {
                    let article = a.by_rank.get(r as usize)?;
                    Some(mention_row(r as usize, article, id))
                })
            })
        });
        groups.chain(mentions).enumerate().map(|(i, mut row)| {
            row.id = format!("e{i}");
            row
        })
    }
}

fn entity_row(n: &Node, id: &str) -> NodeRow {
    let mut values = Row::new();
    values.insert("label", Value::Str(n.label_ko().to_string()));
    values.insert("label_en", Value::Str(n.label_en().to_string()));
    values.insert("type", Value::Str(n.kind.to_string()));
    values.insert("entity_id", Value::Str(n.id.clone()));
    values.insert("aliases", Value::Str(join(n.aliases.iter())));
    values.insert("roles", Value::Str(join(n.roles.iter())));
    values.insert("mentions", Value::Long(n.mentions as i64));
    values.insert("article_count", Value::Long(n.articles.len() as i64));
    if let Some(v) = date(n.first_seen.as_deref()) {
        values.insert("first_seen", v);
    }
    if let Some(v) = date(n.last_seen.as_deref()) {
        values.insert("last_seen", v);
    }
    NodeRow {
        id: id.to_string(),
        start: n.first_seen.as_deref().map(str::to_string),
        end: n.last_seen.as_deref().map(str::to_string),
        values,
    }
}

/// The row of a group of edges between the same two entities (one edge
/// with `parallel_edges`): the best-supported kind, all kinds, summed weight.
fn relation_row(source: &str, target: &str, mut edges: Vec<&Edge>) -> EdgeRow {
    // Best supported first; ties by kind name.
    edges.sort_by(|a, b| {
        b.weight()
            .cmp(&a.weight())
            .then(a.kind.as_str().cmp(b.kind.as_str()))
    });
    let main = edges[0];
    let mut values = Row::new();
    let kinds: Vec<&str> = edges.iter().map(|e| e.kind.as_str()).collect();
    let weight: u64 = edges.iter().map(|e| e.weight()).sum();
    let article_count = if let [e] = edges.as_slice() {
        e.articles.len()
    } else {
        let mut all: Vec<_> = edges.iter().flat_map(|e| e.articles.iter()).collect();
        all.sort_unstable();
        all.dedup();
        all.len()
    };
    let first = edges.iter().filter_map(|e| e.first_seen.as_deref()).min();
    let last = edges.iter().filter_map(|e| e.last_seen.as_deref()).max();
    values.insert("label", Value::Str(main.kind.as_str().to_string()));
    values.insert("kind", Value::Str(main.kind.to_string()));
    values.insert("kinds", Value::Str(kinds.join("|")));
    values.insert("weight", Value::Double(weight as f64));
    values.insert("mentions", Value::Long(weight as i64));
    values.insert("article_count", Value::Long(article_count as i64));
    values.insert(
        "confidence",
        Value::Double(edges.iter().map(|e| e.confidence).fold(0.0, f64::max)),
    );
    let status = main.modality();
    values.insert("status", Value::Str(status.as_str().to_string()));
    values.insert("hypothetical", Value::Bool(status != Modality::Asserted));
    if let Some(v) = date(first) {
        values.insert("first_seen", v);
    }
    if let Some(v) = date(last) {
        values.insert("last_seen", v);
    }
    let attr = |k: &str| {
        main.attributes
            .get(k)
            .map(|v| join(v.iter().map(String::as_str)))
    };
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
    // An open relation's predicate as written (`위자료 소송을 내다`), also
    // when the open edge is folded under a typed one between the same pair.
    if let Some(v) = edges
        .iter()
        .find(|e| e.kind == RelationKind::Related)
        .and_then(|e| e.attributes.get("predicate"))
    {
        values.insert("predicate", Value::Str(join(v.iter().map(String::as_str))));
    }
    if let Some(ev) = main.evidence.first() {
        values.insert("evidence", Value::Str(ev.sentence.to_string()));
        values.insert("evidence_url", Value::Str(ev.url.to_string()));
    }
    values.insert(
        "evidence_count",
        Value::Long(edges.iter().map(|e| e.evidence.len()).sum::<usize>() as i64),
    );
    EdgeRow {
        id: String::new(),
        source: source.to_string(),
        target: target.to_string(),
        start: first.map(str::to_string),
        end: last.map(str::to_string),
        values,
    }
}

/// Article node `article_{rank}` (type `ARTICLE`).
fn article_row(rank: usize, a: &ArticleInfo) -> NodeRow {
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
    NodeRow {
        id: format!("article_{rank}"),
        start: d.clone(),
        end: d,
        values,
    }
}

/// The `mentions` edge from article node `article_{rank}` to entity node `target`.
fn mention_row(rank: usize, a: &ArticleInfo, target: &str) -> EdgeRow {
    let date = a.date().map(str::to_string);
    let mut values = Row::new();
    values.insert("label", Value::Str("mentions".into()));
    values.insert("kind", Value::Str("mentions".into()));
    values.insert("kinds", Value::Str("mentions".into()));
    values.insert("weight", Value::Double(1.0));
    values.insert("mentions", Value::Long(1));
    values.insert("article_count", Value::Long(1));
    values.insert("status", Value::Str("asserted".into()));
    values.insert("hypothetical", Value::Bool(false));
    EdgeRow {
        id: String::new(),
        source: format!("article_{rank}"),
        target: target.to_string(),
        start: date.clone(),
        end: date,
        values,
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

/// A failure while streaming a file, before the path is known to the error.
enum Failure {
    Io(std::io::Error),
    Json(serde_json::Error),
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Io(e)
    }
}

impl From<serde_json::Error> for Failure {
    fn from(e: serde_json::Error) -> Self {
        // An I/O error while serialising (a full disk) is an I/O error.
        if e.is_io() {
            Failure::Io(e.into())
        } else {
            Failure::Json(e)
        }
    }
}

impl Failure {
    fn at(self, path: &Path) -> ExportError {
        let path = path.display().to_string();
        match self {
            Failure::Io(source) => ExportError::Io { path, source },
            Failure::Json(source) => ExportError::Json { path, source },
        }
    }
}

/// What [`write`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// The files written (`-` for standard output).
    pub files: Vec<std::path::PathBuf>,
    /// Entity nodes written.
    pub entities: usize,
    /// Relation edges written: rows of GraphML, GEXF and CSV (one per
    /// entity pair unless `parallel_edges`), edges of JSON; article
    /// `mentions` edges not counted.
    pub relations: usize,
    /// Co-occurrence edges of the graph left out (no `co_occurrence`).
    pub left_out: usize,
}

impl Written {
    /// The files, for messages: "standard output" for `-`.
    pub fn names(&self) -> String {
        self.files
            .iter()
            .map(|p| {
                if is_stdout(p) {
                    "standard output".to_string()
                } else {
                    p.display().to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Whether an output path means standard output (`-o -`).
pub fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Writes `g` to `path` in `format`. CSV writes two files next to `path`
/// (`<stem>.nodes.csv`, `<stem>.edges.csv`), or `nodes.csv` and `edges.csv`
/// inside it when `path` is a directory. `-` is standard output (JSON,
/// GraphML, GEXF; CSV is two files). Returns what was written.
///
/// Each file is streamed to a temporary name and renamed into place, so a
/// crash or an error never leaves a half-written graph under the real name.
pub fn write(
    g: &KnowledgeGraph,
    format: ExportFormat,
    opts: &ExportOptions,
    path: &Path,
) -> Result<Written, ExportError> {
    let left_out = if opts.co_occurrence {
        0
    } else {
        g.edges()
            .iter()
            .filter(|(_, _, e)| e.is_co_occurrence())
            .count()
    };
    let mut written = Written {
        files: Vec::new(),
        entities: g.node_count(),
        relations: 0,
        left_out,
    };
    let to_stdout = is_stdout(path);
    match format {
        ExportFormat::Json => {
            let co_occurrence = opts.co_occurrence;
            let write = |w: &mut dyn std::io::Write| -> Result<(), Failure> {
                crate::graph::json::write_filtered(
                    g,
                    |e| co_occurrence || !e.is_co_occurrence(),
                    &mut *w,
                )?;
                w.write_all(b"\n")?;
                Ok(())
            };
            if to_stdout {
                stdout_with(write)
            } else {
                atomic_write_with(path, |w| write(w))
            }
            .map_err(|f| f.at(path))?;
            written.relations = g.edge_count() - left_out;
            written.files.push(path.to_path_buf());
        }
        ExportFormat::Graphml | ExportFormat::Gexf => {
            let v = view(g, opts);
            let write = |mut w: &mut dyn std::io::Write| -> Result<(), Failure> {
                Ok(if format == ExportFormat::Graphml {
                    graphml::write(&v, &mut w)
                } else {
                    gexf::write(&v, &mut w)
                }?)
            };
            if to_stdout {
                stdout_with(write)
            } else {
                atomic_write_with(path, |w| write(w))
            }
            .map_err(|f| f.at(path))?;
            written.relations = v.relation_rows();
            written.files.push(path.to_path_buf());
        }
        ExportFormat::Csv => {
            if to_stdout {
                return Err(ExportError::Io {
                    path: "-".into(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::InvalidInput,
                        "CSV is two files (nodes and edges): give a file name or a folder, not -",
                    ),
                });
            }
            let v = view(g, opts);
            let (nodes, edges) = csv::paths(path);
            atomic_write_with(&nodes, |w| csv::write_nodes(&v, w))
                .map_err(|source| Failure::Io(source).at(&nodes))?;
            atomic_write_with(&edges, |w| csv::write_edges(&v, w))
                .map_err(|source| Failure::Io(source).at(&edges))?;
            written.relations = v.relation_rows();
            written.files.push(nodes);
            written.files.push(edges);
        }
    }
    Ok(written)
}

/// Streams `write` to standard output, buffered, and flushes it.
fn stdout_with(
    write: impl FnOnce(&mut dyn std::io::Write) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let stdout = std::io::stdout();
    let mut w = BufWriter::with_capacity(1 << 16, stdout.lock());
    write(&mut w)?;
    w.flush()?;
    Ok(())
}

/// Writes `bytes` to a sibling temporary file, syncs it and renames it over `path`.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    atomic_write_with(path, |w| w.write_all(bytes))
}

/// Streams a file through `write` into a sibling temporary file, then
/// flushes, syncs and renames it over `path`: a reader (or a crash) sees the
/// old file or the whole new one, never part of it. When `write` or any step
/// fails the temporary file is removed and `path` is left as it was.
pub fn atomic_write_with<E: From<std::io::Error>>(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<File>) -> Result<(), E>,
) -> Result<(), E> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into());
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut w = BufWriter::with_capacity(1 << 16, File::create(&tmp)?);
        write(&mut w)?;
        let f = w.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        Ok(())
    })();
    if result.is_err() {
        // Best effort: the error that matters is the one returned.
        let _ = std::fs::remove_file(&tmp);
    }
    result
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

    #[test]
    fn a_failed_write_keeps_the_old_file_and_no_temporary() {
        let dir = std::env::temp_dir().join(format!("newskg-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("g.graphml");
        atomic_write(&path, b"old").unwrap();
        let result = atomic_write_with(&path, |w| {
            // More than the buffer holds, so part of it reaches the disk.
            w.write_all(&vec![b'x'; 200_000])?;
            Err(std::io::Error::other("disk full"))
        });
        assert!(result.is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
