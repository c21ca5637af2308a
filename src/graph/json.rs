//! The graph as node-link JSON: `{"nodes": [...], "edges": [...],
//! "articles": [...]}` plus a format marker.
//!
//! This is both the JSON export (for scripts and web viewers: every node and
//! edge has its display fields flat, `label`, `type`, `weight`…) and the full
//! record `--merge` reads back: label votes, article sets (as indices into
//! `articles`) and evidence are all kept, so loading and merging loses
//! nothing. Output is deterministic: nodes by id, edges by (source, target,
//! kind), articles by URL, and the keys of every object in alphabetical
//! order.
//!
//! Writing streams: each node and edge is serialised from borrowed data
//! straight to the writer, so a graph of any size is written without a copy
//! of it in memory.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::Arc;

use serde::de::IgnoredAny;
use serde::ser::SerializeStruct as _;
use serde::{Deserialize, Serialize, Serializer};

use super::{
    ArticleInfo, ArticleSet, Edge, Evidence, KnowledgeGraph, Mentions, Modality, Names, Node, Votes,
};
use crate::relations::RelationKind;

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
    /// A value no graph newskg writes could hold: an unknown entity type,
    /// an empty or oversized id, an inverted span.
    #[error("invalid graph document: {0}")]
    Invalid(String),
    /// An edge of a relation kind this newskg does not know.
    #[error(
        "edge {from} → {to} has the relation kind '{kind}', which this newskg does not know \
         (a graph from another tool, or written by a newer newskg)"
    )]
    UnknownKind {
        /// The kind as written.
        kind: String,
        /// The edge's source id.
        from: String,
        /// The edge's target id.
        to: String,
    },
}

/// The longest entity id accepted (ids are a type and a name).
pub const MAX_ID_BYTES: usize = 1024;
/// The longest string of any kind accepted (an evidence sentence, a title).
pub const MAX_STRING_BYTES: usize = 1 << 20;

// ---------------------------------------------------------------------------
// Writing.
//
// The records borrow from the graph. Their fields are declared in
// alphabetical order of their JSON names: that is the order a
// `serde_json::Value` (a sorted map) gives, which is what the format has
// always been written through, so streaming gives the same bytes.

/// Serialises the items of an iterator made on demand as a JSON array.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// The document: the graph with the edges `keep` accepts.
struct DocumentOut<'a> {
    g: &'a KnowledgeGraph,
    keep: &'a dyn Fn(&Edge) -> bool,
    /// Article id → index in `articles` (URL order).
    ranks: Vec<u32>,
}

impl<'a> DocumentOut<'a> {
    fn new(g: &'a KnowledgeGraph, keep: &'a dyn Fn(&Edge) -> bool) -> Self {
        DocumentOut {
            g,
            keep,
            ranks: g.url_ranks(),
        }
    }

    /// Indices into `articles` of the articles of `set`, increasing.
    fn article_indices(&self, set: &ArticleSet) -> Vec<u32> {
        set.ranks(&self.ranks)
    }

    fn node(&self, n: &'a Node) -> NodeOut<'a> {
        NodeOut {
            aliases: &n.aliases,
            article_count: n.articles.len(),
            articles: self.article_indices(&n.articles),
            first_seen: n.first_seen.as_deref(),
            id: &n.id,
            label: n.label_ko(),
            label_en: n.label_en(),
            labels_en: &n.labels_en,
            labels_ko: &n.labels_ko,
            last_seen: n.last_seen.as_deref(),
            mentions: n.mentions,
            roles: &n.roles,
            kind: &n.kind,
        }
    }

    fn edge(&self, s: &'a Node, t: &'a Node, e: &'a Edge) -> EdgeOut<'a> {
        EdgeOut {
            article_count: e.articles.len(),
            articles: self.article_indices(&e.articles),
            attributes: &e.attributes,
            confidence: e.confidence,
            directed: e.directed,
            evidence: e.evidence.iter().map(EvidenceOut::from).collect(),
            first_seen: e.first_seen.as_deref(),
            kind: e.kind.as_str(),
            last_seen: e.last_seen.as_deref(),
            mentions: &e.mentions,
            source: &s.id,
            status: e.modality(),
            target: &t.id,
            weight: e.weight(),
        }
    }
}

impl Serialize for DocumentOut<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let g = self.g;
        let mut doc = s.serialize_struct("Document", 8)?;
        doc.serialize_field("articles", &Seq(|| g.articles().map(ArticleOut::from)))?;
        doc.serialize_field("directed", &true)?;
        doc.serialize_field(
            "edges",
            &Seq(|| {
                g.edges()
                    .into_iter()
                    .filter(|(_, _, e)| (self.keep)(e))
                    .map(|(s, t, e)| self.edge(s, t, e))
            }),
        )?;
        doc.serialize_field("format", FORMAT)?;
        doc.serialize_field("max_evidence", &g.max_evidence())?;
        doc.serialize_field("multigraph", &true)?;
        doc.serialize_field(
            "nodes",
            &Seq(|| g.nodes().into_iter().map(|n| self.node(n))),
        )?;
        doc.serialize_field("version", &VERSION)?;
        doc.end()
    }
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    published: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    url: &'a str,
}

impl<'a> From<&'a ArticleInfo> for ArticleOut<'a> {
    fn from(a: &'a ArticleInfo) -> Self {
        ArticleOut {
            published: a.published.as_deref(),
            publisher: a.publisher.as_deref(),
            title: a.title.as_deref(),
            url: &a.url,
        }
    }
}

#[derive(Serialize)]
struct NodeOut<'a> {
    aliases: &'a Names,
    article_count: usize,
    articles: Vec<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_seen: Option<&'a str>,
    id: &'a str,
    label: &'a str,
    label_en: &'a str,
    labels_en: &'a Votes,
    labels_ko: &'a Votes,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_seen: Option<&'a str>,
    mentions: u64,
    roles: &'a Names,
    #[serde(rename = "type")]
    kind: &'a str,
}

#[derive(Serialize)]
struct EdgeOut<'a> {
    article_count: usize,
    articles: Vec<u32>,
    attributes: &'a BTreeMap<String, BTreeSet<String>>,
    confidence: f64,
    directed: bool,
    evidence: Vec<EvidenceOut<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_seen: Option<&'a str>,
    kind: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_seen: Option<&'a str>,
    mentions: &'a Mentions,
    source: &'a str,
    status: Modality,
    target: &'a str,
    weight: u64,
}

#[derive(Serialize)]
struct EvidenceOut<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    end: usize,
    modality: Modality,
    sentence: &'a str,
    start: usize,
    url: &'a str,
}

impl<'a> From<&'a Evidence> for EvidenceOut<'a> {
    fn from(e: &'a Evidence) -> Self {
        EvidenceOut {
            date: e.date.as_deref(),
            end: e.end,
            modality: e.modality,
            sentence: &e.sentence,
            start: e.start,
            url: &e.url,
        }
    }
}

/// Renders the graph as a JSON value.
pub fn to_value(g: &KnowledgeGraph) -> Result<serde_json::Value, serde_json::Error> {
    to_value_filtered(g, |_| true)
}

/// Renders the graph with only the edges `keep` accepts as a JSON value.
pub fn to_value_filtered(
    g: &KnowledgeGraph,
    keep: impl Fn(&Edge) -> bool,
) -> Result<serde_json::Value, serde_json::Error> {
    serde_json::to_value(DocumentOut::new(g, &keep))
}

/// Writes the graph as pretty JSON.
pub fn write(g: &KnowledgeGraph, w: impl std::io::Write) -> Result<(), serde_json::Error> {
    write_filtered(g, |_| true, w)
}

/// Writes the graph with only the edges `keep` accepts as pretty JSON (the
/// same document as writing a copy of the graph without the other edges).
pub fn write_filtered(
    g: &KnowledgeGraph,
    keep: impl Fn(&Edge) -> bool,
    w: impl std::io::Write,
) -> Result<(), serde_json::Error> {
    serde_json::to_writer_pretty(w, &DocumentOut::new(g, &keep))
}

// ---------------------------------------------------------------------------
// Reading. Fields that are derived from others (labels, counts, status) are
// required, as in every document newskg writes, but not read.

#[derive(Deserialize)]
struct Document {
    format: String,
    version: u32,
    #[serde(rename = "directed")]
    _directed: bool,
    #[serde(rename = "multigraph")]
    _multigraph: bool,
    max_evidence: usize,
    nodes: Vec<NodeRecord>,
    edges: Vec<EdgeRecord>,
    articles: Vec<ArticleInfo>,
}

#[derive(Deserialize)]
struct NodeRecord {
    id: String,
    #[serde(rename = "label")]
    _label: IgnoredAny,
    #[serde(rename = "label_en")]
    _label_en: IgnoredAny,
    #[serde(rename = "type")]
    kind: String,
    aliases: BTreeSet<String>,
    roles: BTreeSet<String>,
    mentions: u64,
    #[serde(rename = "article_count")]
    _article_count: IgnoredAny,
    #[serde(default)]
    first_seen: Option<String>,
    #[serde(default)]
    last_seen: Option<String>,
    labels_ko: BTreeMap<String, u64>,
    labels_en: BTreeMap<String, u64>,
    articles: Vec<usize>,
}

#[derive(Deserialize)]
struct EdgeRecord {
    source: String,
    target: String,
    kind: String,
    directed: bool,
    #[serde(rename = "weight")]
    _weight: IgnoredAny,
    #[serde(rename = "status")]
    _status: IgnoredAny,
    #[serde(rename = "article_count")]
    _article_count: IgnoredAny,
    confidence: f64,
    #[serde(default)]
    first_seen: Option<String>,
    #[serde(default)]
    last_seen: Option<String>,
    attributes: BTreeMap<String, BTreeSet<String>>,
    mentions: BTreeMap<Modality, u64>,
    articles: Vec<usize>,
    evidence: Vec<Evidence>,
}

fn votes(map: BTreeMap<String, u64>) -> Votes {
    let mut v = Votes::default();
    for (label, n) in map {
        v.add(&label, n);
    }
    v
}

/// Refuses, while reading, any JSON string longer than
/// [`MAX_STRING_BYTES`]: the parser would hold all of it (a 1 GB id took
/// 6 GB) before the document could be checked.
struct StringBound<R> {
    inner: R,
    in_string: bool,
    escaped: bool,
    run: usize,
}

impl<R: std::io::Read> std::io::Read for StringBound<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        for &b in &buf[..n] {
            if self.in_string {
                self.run += 1;
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                }
                if self.run > MAX_STRING_BYTES {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        format!("a string longer than {MAX_STRING_BYTES} bytes"),
                    ));
                }
            } else if b == b'"' {
                self.in_string = true;
                self.run = 0;
            }
        }
        Ok(n)
    }
}

/// Checks what the document's shape cannot: types, ids, spans.
fn validate(doc: &Document) -> Result<(), GraphJsonError> {
    let invalid = |m: String| Err(GraphJsonError::Invalid(m));
    let id_ok = |id: &str| !id.trim().is_empty() && id.len() <= MAX_ID_BYTES;
    for n in &doc.nodes {
        if !id_ok(&n.id) {
            return invalid(format!(
                "node id {:?} is empty or longer than {MAX_ID_BYTES} bytes",
                n.id.chars().take(40).collect::<String>()
            ));
        }
        let known = crate::entities::EntityType::from_name(&n.kind).map(|t| t.as_str());
        if known != Some(n.kind.as_str()) {
            return invalid(format!("node {} has an unknown type {:?}", n.id, n.kind));
        }
    }
    for e in &doc.edges {
        if !id_ok(&e.source) || !id_ok(&e.target) || e.kind.trim().is_empty() {
            return invalid(format!(
                "edge {:?} → {:?} has an empty or oversized id or kind",
                e.source.chars().take(40).collect::<String>(),
                e.target.chars().take(40).collect::<String>()
            ));
        }
        if !(e.confidence.is_finite() && (0.0..=1.0).contains(&e.confidence)) {
            return invalid(format!(
                "edge {} {} {}: confidence {} is not between 0 and 1",
                e.source, e.kind, e.target, e.confidence
            ));
        }
        for ev in &e.evidence {
            if ev.start > ev.end {
                return invalid(format!(
                    "edge {} {} {}: evidence span {}..{} is inverted",
                    e.source, e.kind, e.target, ev.start, ev.end
                ));
            }
        }
    }
    for a in &doc.articles {
        if a.url.trim().is_empty() {
            return invalid("an article has an empty URL".to_string());
        }
    }
    Ok(())
}

/// Reads a graph written by [`write`]. `max_evidence` overrides the
/// document's own limit when given. The document is checked, not trusted:
/// unknown entity types, empty or oversized ids, inverted spans and
/// references to missing nodes or articles are errors naming what is
/// wrong; counts add up saturating. Its articles are final: adding one of
/// them again ([`KnowledgeGraph::add_article`]) changes nothing.
pub fn read(
    r: impl std::io::Read,
    max_evidence: Option<usize>,
) -> Result<KnowledgeGraph, GraphJsonError> {
    let bounded = StringBound {
        inner: r,
        in_string: false,
        escaped: false,
        run: 0,
    };
    let doc: Document = serde_json::from_reader(bounded)?;
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
    validate(&doc)?;
    let mut g = KnowledgeGraph::new(max_evidence.unwrap_or(doc.max_evidence));
    let mut ids = Vec::with_capacity(doc.articles.len());
    for a in doc.articles {
        let id = g.add_article_info(&a);
        // A URL listed twice: the later record wins.
        g.articles[id.index()] = a;
        g.settled.insert(id);
        ids.push(id);
    }
    let set = |indices: &[usize]| -> Result<ArticleSet, GraphJsonError> {
        indices
            .iter()
            .map(|&i| {
                ids.get(i).copied().ok_or_else(|| {
                    GraphJsonError::Inconsistent(format!("article index {i} out of range"))
                })
            })
            .collect()
    };
    for n in doc.nodes {
        if g.nodes.contains_key(&n.id) {
            return Err(GraphJsonError::Inconsistent(format!("node {} twice", n.id)));
        }
        let node = Node {
            id: n.id.clone(),
            kind: g.strings.get(&n.kind),
            labels_ko: votes(n.labels_ko),
            labels_en: votes(n.labels_en),
            aliases: n.aliases.into_iter().collect(),
            roles: n.roles.into_iter().collect(),
            mentions: n.mentions,
            articles: set(&n.articles)?,
            first_seen: g.strings.get_opt(n.first_seen.as_deref()),
            last_seen: g.strings.get_opt(n.last_seen.as_deref()),
        };
        let i = g.graph.add_node(node);
        g.nodes.insert(n.id, i);
    }
    // Edges from one sentence share its text, as they do when built.
    let mut sentences: HashSet<Arc<str>> = HashSet::new();
    for e in doc.edges {
        let find = |id: &str| {
            g.nodes.get(id).copied().ok_or_else(|| {
                GraphJsonError::Inconsistent(format!("edge endpoint {id} is not a node"))
            })
        };
        let (s, t) = (find(&e.source)?, find(&e.target)?);
        let kind: RelationKind = e.kind.parse().map_err(|_| GraphJsonError::UnknownKind {
            kind: e.kind.clone(),
            from: e.source.clone(),
            to: e.target.clone(),
        })?;
        let mut mentions = Mentions::default();
        for (m, n) in e.mentions {
            mentions.add(m, n);
        }
        let mut evidence = Vec::with_capacity(e.evidence.len());
        for ev in e.evidence {
            let mut ev = g.share_evidence(ev);
            match sentences.get(&ev.sentence) {
                Some(shared) => ev.sentence = shared.clone(),
                None => {
                    sentences.insert(ev.sentence.clone());
                }
            }
            evidence.push(ev);
        }
        let edge = Edge {
            kind,
            directed: e.directed,
            mentions,
            articles: set(&e.articles)?,
            first_seen: g.strings.get_opt(e.first_seen.as_deref()),
            last_seen: g.strings.get_opt(e.last_seen.as_deref()),
            confidence: super::round_confidence(e.confidence),
            attributes: e.attributes,
            evidence,
        };
        g.merge_edge(s, t, edge);
    }
    Ok(g)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{ArticleFacts, EntityFact, RelationFact};

    fn entity(id: &str, en: &str) -> EntityFact {
        EntityFact {
            id: id.into(),
            kind: if id.starts_with("PERSON") {
                "PERSON"
            } else {
                "ORG"
            }
            .into(),
            label_ko: id.split(':').nth(1).unwrap_or(id).into(),
            label_en: en.into(),
            aliases: vec!["별칭".into(), "\"quoted\"".into()],
            roles: vec![],
            mentions: 2,
        }
    }

    fn relation(s: &str, t: &str, kind: &str, url: &str, start: usize) -> RelationFact {
        RelationFact {
            source: s.into(),
            target: t.into(),
            kind: kind.parse().unwrap(),
            directed: kind != "co_occurs_with",
            confidence: 0.800000011920929,
            attributes: BTreeMap::from([("role".into(), "대표".into())]),
            evidence: Evidence {
                date: None,
                url: url.into(),
                start,
                end: start + 12,
                sentence: format!("문장 {start} \u{1}<&>\n").into(),
                modality: if start.is_multiple_of(2) {
                    Modality::Asserted
                } else {
                    Modality::Hypothetical
                },
            },
        }
    }

    /// Two articles, one without a date or title; attributes, several
    /// modalities, an undirected edge, an empty English label.
    fn sample() -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new(3);
        for (url, published, n) in [
            ("https://b/1", Some("2024-07-18T10:00:00+09:00"), 3),
            ("https://a/2", None, 2),
        ] {
            let relations = (0..n)
                .flat_map(|k| {
                    [
                        relation("PERSON:김영섭", "ORG:KT", "ceo_of", url, k),
                        relation("ORG:KT", "PERSON:김영섭", "co_occurs_with", url, k),
                    ]
                })
                .map(|mut r| {
                    r.evidence.date = published.map(|p| p[..10].into());
                    r
                })
                .collect();
            g.add_article(&ArticleFacts {
                article: ArticleInfo {
                    url: url.into(),
                    title: published.map(|_| "제목 \"따옴표\"".into()),
                    published: published.map(Into::into),
                    publisher: None,
                },
                entities: vec![entity("PERSON:김영섭", "Kim"), entity("ORG:KT", "")],
                relations,
            });
        }
        g
    }

    fn written(g: &KnowledgeGraph) -> String {
        let mut out = Vec::new();
        write(g, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn streaming_gives_the_bytes_of_the_value() {
        // The document used to be written through a serde_json::Value, whose
        // objects sort their keys; the streamed records must match it.
        let g = sample();
        let via_value = serde_json::to_string_pretty(&to_value(&g).unwrap()).unwrap();
        assert_eq!(written(&g), via_value);
        let keep = |e: &Edge| e.kind != RelationKind::CoOccursWith;
        let mut filtered = Vec::new();
        write_filtered(&g, keep, &mut filtered).unwrap();
        let via_value =
            serde_json::to_string_pretty(&to_value(&g.filter_edges(keep)).unwrap()).unwrap();
        assert_eq!(String::from_utf8(filtered).unwrap(), via_value);
        assert!(!via_value.contains("co_occurs_with"));
    }

    #[test]
    fn reading_back_writes_the_same_document() {
        let g = sample();
        let text = written(&g);
        let back = read(text.as_bytes(), None).unwrap();
        assert_eq!(written(&back), text);
        // Evidence of one sentence shares its text after reading too.
        let (_, _, e) = back.edges()[0];
        let (_, _, f) = back.edges()[1];
        assert!(Arc::ptr_eq(
            &e.evidence[0].sentence,
            &f.evidence[0].sentence
        ));
    }

    #[test]
    fn hostile_documents_are_refused_with_a_reason() {
        let good: serde_json::Value = serde_json::from_str(&written(&sample())).unwrap();
        let refused = |edit: &dyn Fn(&mut serde_json::Value), want: &str| {
            let mut doc = good.clone();
            edit(&mut doc);
            let err = read(doc.to_string().as_bytes(), None)
                .unwrap_err()
                .to_string();
            assert!(err.contains(want), "{want}: {err}");
        };
        refused(
            &|d| d["nodes"][0]["type"] = "ALIEN".into(),
            "unknown type \"ALIEN\"",
        );
        refused(&|d| d["nodes"][0]["id"] = "".into(), "empty");
        refused(
            &|d| d["nodes"][0]["id"] = "x".repeat(MAX_ID_BYTES + 1).into(),
            "longer than",
        );
        refused(&|d| d["edges"][0]["source"] = " ".into(), "empty");
        refused(
            &|d| {
                d["edges"][0]["evidence"][0]["start"] = 30.into();
                d["edges"][0]["evidence"][0]["end"] = 3.into();
            },
            "30..3 is inverted",
        );
        refused(
            &|d| d["edges"][0]["confidence"] = 7.5.into(),
            "not between 0 and 1",
        );
        refused(
            &|d| d["nodes"][0]["articles"] = serde_json::json!([99]),
            "out of range",
        );
        refused(&|d| d["articles"][0]["url"] = "".into(), "empty URL");
        refused(
            &|d| d["articles"][0]["title"] = "가".repeat(MAX_STRING_BYTES).into(),
            "a string longer than",
        );
        refused(&|d| d["version"] = 99.into(), "newer newskg");
        // Counts at the edge of u64 add up without wrapping.
        let mut doc = good.clone();
        doc["nodes"][0]["mentions"] = u64::MAX.into();
        let mut g = read(doc.to_string().as_bytes(), None).unwrap();
        let id = doc["nodes"][0]["id"].as_str().unwrap().to_string();
        g.add_article(&ArticleFacts {
            article: ArticleInfo {
                url: "https://c/3".into(),
                title: None,
                published: None,
                publisher: None,
            },
            entities: vec![entity(&id, "")],
            relations: vec![],
        });
        assert_eq!(g.node(&id).unwrap().mentions, u64::MAX);
    }

    #[test]
    fn unknown_kinds_are_refused_by_name() {
        let text = written(&sample()).replace("\"ceo_of\"", "\"chief_of\"");
        let err = read(text.as_bytes(), None).unwrap_err().to_string();
        assert!(err.contains("'chief_of'"), "{err}");
        assert!(err.contains("PERSON:김영섭 → ORG:KT"), "{err}");
    }
}
