//! The graph as node-link JSON: `{"nodes": [...], "edges": [...],
//! "articles": [...]}` plus a format marker.
//!
//! This is both the JSON export (for scripts and web viewers: every node and
//! edge has its display fields flat, `label`, `type`, `weight`…) and the full
//! record `--merge` reads back: label votes, article sets (as indices into
//! `articles`) and evidence are all kept, so loading and merging loses
//! nothing. Output is deterministic: nodes by id, edges by (source, target,
//! kind), articles by URL.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{ArticleInfo, Edge, Evidence, KnowledgeGraph, Modality, Node};

/// Value of the `format` field.
pub const FORMAT: &str = "newskg-graph";
/// Current version of the document layout.
pub const VERSION: u32 = 1;

/// Why a graph document could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GraphJsonError {
    /// Not JSON, or not the expected shape.
    #[error("not a newskg graph document: {0}")]
    Shape(#[from] serde_json::Error),
    /// Another format or a newer version.
    #[error("{0}")]
    Version(String),
    /// An edge or node refers to something that is not there.
    #[error("inconsistent graph document: {0}")]
    Inconsistent(String),
}

#[derive(Serialize, Deserialize)]
struct Document {
    format: String,
    version: u32,
    directed: bool,
    multigraph: bool,
    max_evidence: usize,
    nodes: Vec<NodeRecord>,
    edges: Vec<EdgeRecord>,
    articles: Vec<ArticleInfo>,
}

#[derive(Serialize, Deserialize)]
struct NodeRecord {
    id: String,
    label: String,
    label_en: String,
    #[serde(rename = "type")]
    kind: String,
    aliases: BTreeSet<String>,
    roles: BTreeSet<String>,
    mentions: u64,
    article_count: usize,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    first_seen: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    last_seen: Option<String>,
    labels_ko: BTreeMap<String, u64>,
    labels_en: BTreeMap<String, u64>,
    articles: Vec<usize>,
}

#[derive(Serialize, Deserialize)]
struct EdgeRecord {
    source: String,
    target: String,
    kind: String,
    directed: bool,
    weight: u64,
    status: Modality,
    article_count: usize,
    confidence: f64,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    first_seen: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    last_seen: Option<String>,
    attributes: BTreeMap<String, BTreeSet<String>>,
    mentions: BTreeMap<Modality, u64>,
    articles: Vec<usize>,
    evidence: Vec<Evidence>,
}

/// Renders the graph as a JSON value.
pub fn to_value(g: &KnowledgeGraph) -> Result<serde_json::Value, serde_json::Error> {
    let articles: Vec<ArticleInfo> = g.articles().cloned().collect();
    let index: BTreeMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.url.as_str(), i))
        .collect();
    let article_ids = |set: &BTreeSet<String>| -> Vec<usize> {
        set.iter()
            .filter_map(|u| index.get(u.as_str()).copied())
            .collect()
    };
    let nodes = g
        .nodes()
        .into_iter()
        .map(|n| NodeRecord {
            id: n.id.clone(),
            label: n.label_ko().to_string(),
            label_en: n.label_en().to_string(),
            kind: n.kind.clone(),
            aliases: n.aliases.clone(),
            roles: n.roles.clone(),
            mentions: n.mentions,
            article_count: n.articles.len(),
            first_seen: n.first_seen.clone(),
            last_seen: n.last_seen.clone(),
            labels_ko: n.labels_ko.clone(),
            labels_en: n.labels_en.clone(),
            articles: article_ids(&n.articles),
        })
        .collect();
    let edges = g
        .edges()
        .into_iter()
        .map(|(s, t, e)| EdgeRecord {
            source: s.id.clone(),
            target: t.id.clone(),
            kind: e.kind.clone(),
            directed: e.directed,
            weight: e.weight(),
            status: e.modality(),
            article_count: e.articles.len(),
            confidence: e.confidence,
            first_seen: e.first_seen.clone(),
            last_seen: e.last_seen.clone(),
            attributes: e.attributes.clone(),
            mentions: e.mentions.clone(),
            articles: article_ids(&e.articles),
            evidence: e.evidence.clone(),
        })
        .collect();
    serde_json::to_value(Document {
        format: FORMAT.into(),
        version: VERSION,
        directed: true,
        multigraph: true,
        max_evidence: g.max_evidence(),
        nodes,
        edges,
        articles,
    })
}

/// Writes the graph as pretty JSON.
pub fn write(g: &KnowledgeGraph, w: impl std::io::Write) -> Result<(), serde_json::Error> {
    serde_json::to_writer_pretty(w, &to_value(g)?)
}

/// Reads a graph written by [`write`]. `max_evidence` overrides the
/// document's own limit when given.
pub fn read(
    r: impl std::io::Read,
    max_evidence: Option<usize>,
) -> Result<KnowledgeGraph, GraphJsonError> {
    let doc: Document = serde_json::from_reader(r)?;
    if doc.format != FORMAT {
        return Err(GraphJsonError::Version(format!(
            "format is {:?}, expected {FORMAT:?}",
            doc.format
        )));
    }
    if doc.version > VERSION {
        return Err(GraphJsonError::Version(format!(
            "written by a newer newskg (document version {}, this newskg reads up to {VERSION})",
            doc.version
        )));
    }
    let urls = |ids: &[usize]| -> Result<BTreeSet<String>, GraphJsonError> {
        ids.iter()
            .map(|&i| {
                doc.articles.get(i).map(|a| a.url.clone()).ok_or_else(|| {
                    GraphJsonError::Inconsistent(format!("article index {i} out of range"))
                })
            })
            .collect()
    };
    let mut g = KnowledgeGraph::new(max_evidence.unwrap_or(doc.max_evidence));
    for a in &doc.articles {
        g.articles.insert(a.url.clone(), a.clone());
    }
    for n in &doc.nodes {
        let node = Node {
            id: n.id.clone(),
            kind: n.kind.clone(),
            labels_ko: n.labels_ko.clone(),
            labels_en: n.labels_en.clone(),
            aliases: n.aliases.clone(),
            roles: n.roles.clone(),
            mentions: n.mentions,
            articles: urls(&n.articles)?,
            first_seen: n.first_seen.clone(),
            last_seen: n.last_seen.clone(),
        };
        if g.nodes.contains_key(&n.id) {
            return Err(GraphJsonError::Inconsistent(format!("node {} twice", n.id)));
        }
        let i = g.graph.add_node(node);
        g.nodes.insert(n.id.clone(), i);
    }
    for e in &doc.edges {
        let find = |id: &str| {
            g.nodes.get(id).copied().ok_or_else(|| {
                GraphJsonError::Inconsistent(format!("edge endpoint {id} is not a node"))
            })
        };
        let (s, t) = (find(&e.source)?, find(&e.target)?);
        let edge = Edge {
            kind: e.kind.clone(),
            directed: e.directed,
            mentions: e.mentions.clone(),
            articles: urls(&e.articles)?,
            first_seen: e.first_seen.clone(),
            last_seen: e.last_seen.clone(),
            confidence: e.confidence,
            attributes: e.attributes.clone(),
            evidence: e.evidence.clone(),
        };
        g.merge_edge(s, t, edge);
    }
    Ok(g)
}
