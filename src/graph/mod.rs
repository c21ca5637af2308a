//! The knowledge graph: one node per canonical entity, one edge per
//! (source, target, relation kind), merged across articles.
//!
//! Takes [`ArticleFacts`] (what the entity and relation stages found in one
//! article) and accumulates them into a petgraph `StableDiGraph`. The wrapper
//! only lets facts in through [`KnowledgeGraph::add_article`] and
//! [`KnowledgeGraph::merge`]: nodes are found by entity id, a repeated fact
//! strengthens its edge instead of adding a parallel one, and an edge can only
//! join entities the graph already has.
//!
//! Merging is order-independent, so `--merge` of a saved graph with a new
//! batch gives the same graph as processing both batches at once: counts are
//! sums, article sets are unions, dates are min/max, the label is the most
//! used one (ties broken alphabetically), and the bounded evidence list keeps
//! the N earliest records by (date, URL, position), not the first N seen.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use serde::{Deserialize, Serialize};

pub mod json;

/// Default number of evidence records kept per edge.
pub const DEFAULT_MAX_EVIDENCE: usize = 5;

/// An article as the graph records it (for provenance and article nodes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleInfo {
    /// Canonical URL (or `file://` path for saved pages); the article's identity.
    pub url: String,
    /// Headline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Publication time, RFC 3339.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// Outlet name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
}

impl ArticleInfo {
    /// The publication date (`YYYY-MM-DD`), if known.
    pub fn date(&self) -> Option<&str> {
        self.published.as_deref().and_then(date_part)
    }
}

/// `YYYY-MM-DD` from an RFC 3339 timestamp or a bare date.
fn date_part(s: &str) -> Option<&str> {
    let d = s.get(..10)?;
    let b = d.as_bytes();
    (b[4] == b'-' && b[7] == b'-' && d.bytes().filter(u8::is_ascii_digit).count() == 8).then_some(d)
}

/// An entity as one article mentions it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityFact {
    /// Canonical id, the same in every article (e.g. `org:KT`).
    pub id: String,
    /// Entity type (`PERSON`, `ORG`, `PRODUCT`, `LOCATION`, …).
    pub kind: String,
    /// Korean label.
    pub label_ko: String,
    /// English label.
    pub label_en: String,
    /// Other names used in the article.
    pub aliases: Vec<String>,
    /// Roles stated for a person (대표, CEO, …).
    pub roles: Vec<String>,
    /// Number of mentions in the article.
    pub mentions: u64,
}

/// Whether a statement is asserted as fact.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Stated as a fact.
    #[default]
    Asserted,
    /// Speculation, possibility, expectation (…할 가능성, …라는 관측).
    Hypothetical,
    /// Denied (…하지 않았다).
    Negated,
}

impl Modality {
    /// The name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Hypothetical => "hypothetical",
            Modality::Negated => "negated",
        }
    }
}

/// The sentence that supports a relation, where it was found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Evidence {
    /// Publication date of the article (`YYYY-MM-DD`), first so evidence
    /// sorts by date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The article's URL.
    pub url: String,
    /// Character span of the sentence in the article text.
    pub start: usize,
    /// End of the span (exclusive).
    pub end: usize,
    /// The sentence.
    pub sentence: String,
    /// Whether the sentence asserts, speculates or denies.
    #[serde(default)]
    pub modality: Modality,
}

/// A relation as one sentence of one article states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationFact {
    /// Source entity id.
    pub source: String,
    /// Target entity id.
    pub target: String,
    /// Relation kind (`ceo_of`, `contract_with`, …).
    pub kind: String,
    /// Whether direction matters (`co_occurs_with` is undirected).
    pub directed: bool,
    /// Confidence of the extraction, 0..1.
    pub confidence: f64,
    /// Extra attributes: role, amount, currency, duration…
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    /// Where it was stated.
    pub evidence: Evidence,
}

/// Everything one article contributes to the graph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleFacts {
    /// The article.
    pub article: ArticleInfo,
    /// Its entities.
    pub entities: Vec<EntityFact>,
    /// Its relations (between ids in `entities`).
    pub relations: Vec<RelationFact>,
}

/// A graph node: one canonical entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Node {
    /// Canonical id.
    pub id: String,
    /// Entity type.
    pub kind: String,
    /// Korean labels with the mentions that used them; the most used wins.
    pub labels_ko: BTreeMap<String, u64>,
    /// English labels with their mentions.
    pub labels_en: BTreeMap<String, u64>,
    /// Other names.
    pub aliases: BTreeSet<String>,
    /// Stated roles.
    pub roles: BTreeSet<String>,
    /// Total mentions.
    pub mentions: u64,
    /// Articles mentioning it (URLs).
    pub articles: BTreeSet<String>,
    /// Earliest article date.
    pub first_seen: Option<String>,
    /// Latest article date.
    pub last_seen: Option<String>,
}

fn top_label(votes: &BTreeMap<String, u64>) -> &str {
    // Most votes; among equals the alphabetically first (BTreeMap order).
    let mut best: Option<(&String, u64)> = None;
    for (label, &n) in votes {
        if best.is_none_or(|(_, b)| n > b) {
            best = Some((label, n));
        }
    }
    best.map_or("", |(l, _)| l.as_str())
}

impl Node {
    /// The Korean label (the one used by most mentions).
    pub fn label_ko(&self) -> &str {
        top_label(&self.labels_ko)
    }
    /// The English label.
    pub fn label_en(&self) -> &str {
        top_label(&self.labels_en)
    }
}

/// A graph edge: one relation kind between two entities.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// Relation kind.
    pub kind: String,
    /// Whether direction matters.
    pub directed: bool,
    /// Supporting mentions (sentences), by modality.
    pub mentions: BTreeMap<Modality, u64>,
    /// Articles stating it.
    pub articles: BTreeSet<String>,
    /// Earliest date stated.
    pub first_seen: Option<String>,
    /// Latest date stated.
    pub last_seen: Option<String>,
    /// Highest extraction confidence.
    pub confidence: f64,
    /// Attribute values seen (role → {CTO}, amount → {120000000}, …).
    pub attributes: BTreeMap<String, BTreeSet<String>>,
    /// Earliest evidence records, at most the graph's `max_evidence`.
    pub evidence: Vec<Evidence>,
}

impl Edge {
    /// All supporting mentions: the edge weight.
    pub fn weight(&self) -> u64 {
        self.mentions.values().sum()
    }
    /// `asserted` if any sentence asserts it, else the strongest other status.
    pub fn modality(&self) -> Modality {
        self.mentions
            .iter()
            .find(|(_, n)| **n > 0)
            .map_or(Modality::Asserted, |(m, _)| *m)
    }
}

fn min_opt(a: &mut Option<String>, b: Option<&str>) {
    if let Some(b) = b
        && a.as_deref().is_none_or(|a| b < a)
    {
        *a = Some(b.to_string());
    }
}

fn max_opt(a: &mut Option<String>, b: Option<&str>) {
    if let Some(b) = b
        && a.as_deref().is_none_or(|a| b > a)
    {
        *a = Some(b.to_string());
    }
}

/// Key of an edge: endpoints and kind; undirected edges are stored with
/// their endpoints in id order so both directions are one edge.
type EdgeKey = (NodeIndex, NodeIndex, String);

/// The merged knowledge graph.
#[derive(Debug, Clone)]
pub struct KnowledgeGraph {
    graph: StableDiGraph<Node, Edge>,
    nodes: HashMap<String, NodeIndex>,
    edges: HashMap<EdgeKey, EdgeIndex>,
    articles: BTreeMap<String, ArticleInfo>,
    max_evidence: usize,
}

impl Default for KnowledgeGraph {
    fn default() -> Self {
        Self::new(DEFAULT_MAX_EVIDENCE)
    }
}

impl KnowledgeGraph {
    /// An empty graph keeping at most `max_evidence` evidence records per edge.
    pub fn new(max_evidence: usize) -> Self {
        KnowledgeGraph {
            graph: StableDiGraph::new(),
            nodes: HashMap::new(),
            edges: HashMap::new(),
            articles: BTreeMap::new(),
            max_evidence,
        }
    }

    /// Evidence records kept per edge.
    pub fn max_evidence(&self) -> usize {
        self.max_evidence
    }

    /// Number of entity nodes.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of relation edges.
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The articles, by URL.
    pub fn articles(&self) -> impl Iterator<Item = &ArticleInfo> {
        self.articles.values()
    }

    /// The node for entity `id`.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.get(id).map(|&i| &self.graph[i])
    }

    /// Nodes in id order (deterministic output).
    pub fn nodes(&self) -> Vec<&Node> {
        let mut v: Vec<&Node> = self.graph.node_weights().collect();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    }

    /// Edges as (source node, target node, edge), ordered by source id,
    /// target id, kind.
    pub fn edges(&self) -> Vec<(&Node, &Node, &Edge)> {
        let mut v: Vec<(&Node, &Node, &Edge)> = self
            .graph
            .edge_indices()
            .filter_map(|e| {
                let (s, t) = self.graph.edge_endpoints(e)?;
                Some((&self.graph[s], &self.graph[t], &self.graph[e]))
            })
            .collect();
        v.sort_by(|a, b| (&a.0.id, &a.1.id, &a.2.kind).cmp(&(&b.0.id, &b.1.id, &b.2.kind)));
        v
    }

    fn upsert_node(&mut self, id: &str, kind: &str) -> NodeIndex {
        if let Some(&i) = self.nodes.get(id) {
            return i;
        }
        let i = self.graph.add_node(Node {
            id: id.to_string(),
            kind: kind.to_string(),
            labels_ko: BTreeMap::new(),
            labels_en: BTreeMap::new(),
            aliases: BTreeSet::new(),
            roles: BTreeSet::new(),
            mentions: 0,
            articles: BTreeSet::new(),
            first_seen: None,
            last_seen: None,
        });
        self.nodes.insert(id.to_string(), i);
        i
    }

    /// Adds what one article says. Entities are merged by id; relations
    /// whose endpoints are not among the article's entities are ignored
    /// (they would be dangling edges).
    pub fn add_article(&mut self, facts: &ArticleFacts) {
        let url = facts.article.url.clone();
        let date = facts.article.date().map(str::to_string);
        self.articles
            .entry(url.clone())
            .or_insert_with(|| facts.article.clone());
        for e in &facts.entities {
            let i = self.upsert_node(&e.id, &e.kind);
            let n = &mut self.graph[i];
            let votes = e.mentions.max(1);
            *n.labels_ko.entry(e.label_ko.clone()).or_default() += votes;
            if !e.label_en.is_empty() {
                *n.labels_en.entry(e.label_en.clone()).or_default() += votes;
            }
            n.aliases.extend(e.aliases.iter().cloned());
            n.roles.extend(e.roles.iter().cloned());
            n.mentions += e.mentions;
            n.articles.insert(url.clone());
            min_opt(&mut n.first_seen, date.as_deref());
            max_opt(&mut n.last_seen, date.as_deref());
        }
        for r in &facts.relations {
            let (Some(&s), Some(&t)) = (self.nodes.get(&r.source), self.nodes.get(&r.target))
            else {
                continue;
            };
            if !facts.entities.iter().any(|e| e.id == r.source)
                || !facts.entities.iter().any(|e| e.id == r.target)
            {
                continue;
            }
            let mut mentions = BTreeMap::new();
            mentions.insert(r.evidence.modality, 1);
            let edge = Edge {
                kind: r.kind.clone(),
                directed: r.directed,
                mentions,
                articles: BTreeSet::from([url.clone()]),
                first_seen: date.clone(),
                last_seen: date.clone(),
                confidence: r.confidence,
                attributes: r
                    .attributes
                    .iter()
                    .map(|(k, v)| (k.clone(), BTreeSet::from([v.clone()])))
                    .collect(),
                evidence: vec![r.evidence.clone()],
            };
            self.merge_edge(s, t, edge);
        }
    }

    fn merge_edge(&mut self, s: NodeIndex, t: NodeIndex, edge: Edge) {
        let (s, t) = if !edge.directed && self.graph[t].id < self.graph[s].id {
            (t, s)
        } else {
            (s, t)
        };
        let key = (s, t, edge.kind.clone());
        let max_evidence = self.max_evidence;
        match self.edges.get(&key) {
            Some(&e) => {
                let old = &mut self.graph[e];
                for (m, n) in edge.mentions {
                    *old.mentions.entry(m).or_default() += n;
                }
                old.articles.extend(edge.articles);
                min_opt(&mut old.first_seen, edge.first_seen.as_deref());
                max_opt(&mut old.last_seen, edge.last_seen.as_deref());
                old.confidence = old.confidence.max(edge.confidence);
                for (k, v) in edge.attributes {
                    old.attributes.entry(k).or_default().extend(v);
                }
                old.evidence.extend(edge.evidence);
                old.evidence.sort();
                old.evidence.dedup();
                old.evidence.truncate(max_evidence);
            }
            None => {
                let mut edge = edge;
                edge.evidence.sort();
                edge.evidence.dedup();
                edge.evidence.truncate(max_evidence);
                let e = self.graph.add_edge(s, t, edge);
                self.edges.insert(key, e);
            }
        }
    }

    /// A copy keeping only the edges `keep` accepts.
    pub fn filter_edges(&self, keep: impl Fn(&Edge) -> bool) -> KnowledgeGraph {
        let mut g = self.clone();
        g.graph.retain_edges(|gr, e| keep(&gr[e]));
        let graph = &g.graph;
        g.edges.retain(|_, e| graph.edge_weight(*e).is_some());
        g
    }

    /// Merges another graph into this one (as if its articles had been added
    /// here). An article present in both is counted once only if it was
    /// processed once: merging a graph with itself doubles its counts.
    pub fn merge(&mut self, other: &KnowledgeGraph) {
        for a in other.articles.values() {
            self.articles
                .entry(a.url.clone())
                .or_insert_with(|| a.clone());
        }
        for n in other.graph.node_weights() {
            let i = self.upsert_node(&n.id, &n.kind);
            let m = &mut self.graph[i];
            for (l, v) in &n.labels_ko {
                *m.labels_ko.entry(l.clone()).or_default() += v;
            }
            for (l, v) in &n.labels_en {
                *m.labels_en.entry(l.clone()).or_default() += v;
            }
            m.aliases.extend(n.aliases.iter().cloned());
            m.roles.extend(n.roles.iter().cloned());
            m.mentions += n.mentions;
            m.articles.extend(n.articles.iter().cloned());
            min_opt(&mut m.first_seen, n.first_seen.as_deref());
            max_opt(&mut m.last_seen, n.last_seen.as_deref());
        }
        for e in other.graph.edge_indices() {
            let Some((s, t)) = other.graph.edge_endpoints(e) else {
                continue;
            };
            let (s, t) = (
                self.nodes[&other.graph[s].id],
                self.nodes[&other.graph[t].id],
            );
            self.merge_edge(s, t, other.graph[e].clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn facts(url: &str, date: &str, sentence: &str) -> ArticleFacts {
        ArticleFacts {
            article: ArticleInfo {
                url: url.into(),
                title: None,
                published: Some(format!("{date}T09:00:00+09:00")),
                publisher: None,
            },
            entities: vec![
                entity("PERSON:김영섭", "PERSON", "김영섭", "Kim Young-shub"),
                entity("ORG:KT", "ORG", "KT", "KT"),
            ],
            relations: vec![RelationFact {
                source: "PERSON:김영섭".into(),
                target: "ORG:KT".into(),
                kind: "ceo_of".into(),
                directed: true,
                confidence: 0.9,
                attributes: BTreeMap::from([("role".into(), "대표".into())]),
                evidence: Evidence {
                    date: Some(date.into()),
                    url: url.into(),
                    start: 0,
                    end: sentence.chars().count(),
                    sentence: sentence.into(),
                    modality: Modality::Asserted,
                },
            }],
        }
    }

    #[test]
    fn repeated_facts_strengthen_one_edge() {
        let mut g = KnowledgeGraph::new(1);
        g.add_article(&facts(
            "https://a/1",
            "2024-07-18",
            "김영섭 KT 대표가 말했다.",
        ));
        g.add_article(&facts(
            "https://a/2",
            "2024-07-01",
            "김영섭 KT 대표는 웃었다.",
        ));
        assert_eq!((g.node_count(), g.edge_count()), (2, 1));
        let (_, _, e) = g.edges()[0];
        assert_eq!(e.weight(), 2);
        assert_eq!(e.articles.len(), 2);
        assert_eq!(e.first_seen.as_deref(), Some("2024-07-01"));
        // The earliest evidence is kept, whatever the order of arrival.
        assert_eq!(e.evidence[0].url, "https://a/2");
        assert_eq!(g.node("ORG:KT").unwrap().mentions, 4);
    }

    #[test]
    fn merging_is_order_independent() {
        let a = facts("https://a/1", "2024-07-18", "김영섭 KT 대표가 말했다.");
        let b = facts("https://a/2", "2024-07-01", "김영섭 KT 대표는 웃었다.");
        let mut all = KnowledgeGraph::new(1);
        all.add_article(&a);
        all.add_article(&b);
        let mut first = KnowledgeGraph::new(1);
        first.add_article(&b);
        let mut second = KnowledgeGraph::new(1);
        second.add_article(&a);
        second.merge(&first);
        assert_eq!(
            json::to_value(&all).unwrap(),
            json::to_value(&second).unwrap()
        );
    }

    #[test]
    fn undirected_edges_ignore_direction_and_dangling_relations_are_dropped() {
        let mut f = facts("https://a/1", "2024-07-18", "s");
        f.relations[0].kind = "co_occurs_with".into();
        f.relations[0].directed = false;
        let mut g2 = f.clone();
        let r = &mut g2.relations[0];
        std::mem::swap(&mut r.source, &mut r.target);
        g2.article.url = "https://a/2".into();
        g2.relations[0].evidence.url = "https://a/2".into();
        let mut g = KnowledgeGraph::default();
        g.add_article(&f);
        g.add_article(&g2);
        assert_eq!(g.edge_count(), 1);
        let mut bad = facts("https://a/3", "2024-07-18", "s");
        bad.relations[0].target = "ORG:없음".into();
        g.add_article(&bad);
        assert_eq!(g.edge_count(), 1);
    }
}
