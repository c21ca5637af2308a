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
//! sums (saturating), article sets are unions, dates are min/max, the label
//! is the most used one (ties broken alphabetically), and the bounded
//! evidence list keeps the N earliest records by (date, URL, position), not
//! the first N seen.
//!
//! An article is added once: [`KnowledgeGraph::add_article`] ignores facts
//! it has already added for the same URL (a duplicate input), and an
//! article of a graph read back from JSON (the `--merge` start) is never
//! added again, so re-running a batch over its own saved graph changes
//! nothing.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use serde::{Deserialize, Serialize};

use crate::relations::RelationKind;

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
///
/// URL, sentence and date are shared strings: the pipeline makes one
/// sentence for all the facts of a sentence (five entities give ten
/// co-occurrence facts), and the graph shares the URL with its article table
/// and the date with every other record of that day. They serialise as plain
/// strings.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Evidence {
    /// Publication date of the article (`YYYY-MM-DD`), first so evidence
    /// sorts by date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Arc<str>>,
    /// The article's URL.
    pub url: Arc<str>,
    /// Character span of the sentence in the article text.
    pub start: usize,
    /// End of the span (exclusive).
    pub end: usize,
    /// The sentence.
    pub sentence: Arc<str>,
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
    /// Relation kind (`ceo_of`, `contract_with`, …; `related` for an open
    /// relation, whose predicate is the `predicate` attribute).
    pub kind: RelationKind,
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

/// An article of the graph: its place in the graph's article table, in
/// order of arrival. [`KnowledgeGraph::article`] gives the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleId(u32);

impl ArticleId {
    /// Position in the article table.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A set of articles, as ids in increasing order.
///
/// Every node and edge records the articles that mention it; with URLs that
/// was a copy of the URL (and a B-tree node) per entity and relation of every
/// article, most of what the graph grew by per article. An id is 4 bytes, and
/// articles arrive with increasing ids, so adding one is a push.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleSet(Vec<ArticleId>);

impl ArticleSet {
    /// The set of one article.
    pub fn one(id: ArticleId) -> Self {
        ArticleSet(vec![id])
    }

    /// Number of articles.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether `id` is in the set.
    pub fn contains(&self, id: ArticleId) -> bool {
        self.0.binary_search(&id).is_ok()
    }

    /// The ids, increasing.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = ArticleId> + '_ {
        self.0.iter().copied()
    }

    /// The articles' positions in URL order, increasing, given
    /// [`KnowledgeGraph::url_ranks`] of the graph they belong to.
    pub fn ranks(&self, url_ranks: &[u32]) -> Vec<u32> {
        let mut v: Vec<u32> = self
            .iter()
            .filter_map(|a| url_ranks.get(a.index()).copied())
            .collect();
        v.sort_unstable();
        v
    }

    /// Adds `id`.
    pub fn insert(&mut self, id: ArticleId) {
        match self.0.last() {
            // The usual case: the article being added is the newest.
            Some(&last) if last < id => self.0.push(id),
            None => self.0.push(id),
            Some(_) => {
                if let Err(at) = self.0.binary_search(&id) {
                    self.0.insert(at, id);
                }
            }
        }
    }

    /// Adds every article of `other`.
    pub fn union(&mut self, other: &ArticleSet) {
        match (self.0.last(), other.0.first()) {
            (_, None) => {}
            (None, _) => self.0.extend_from_slice(&other.0),
            (Some(a), Some(b)) if a < b => self.0.extend_from_slice(&other.0),
            _ => {
                self.0.extend_from_slice(&other.0);
                self.0.sort_unstable();
                self.0.dedup();
            }
        }
    }
}

impl FromIterator<ArticleId> for ArticleSet {
    fn from_iter<I: IntoIterator<Item = ArticleId>>(iter: I) -> Self {
        let mut v: Vec<ArticleId> = iter.into_iter().collect();
        v.sort_unstable();
        v.dedup();
        ArticleSet(v)
    }
}

/// A graph node: one canonical entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Canonical id.
    pub id: String,
    /// Entity type (shared with the other nodes of the type).
    pub kind: Arc<str>,
    /// Korean labels with the mentions that used them; the most used wins.
    pub labels_ko: Votes,
    /// English labels with their mentions.
    pub labels_en: Votes,
    /// Other names.
    pub aliases: Names,
    /// Stated roles.
    pub roles: Names,
    /// Total mentions.
    pub mentions: u64,
    /// Articles mentioning it.
    pub articles: ArticleSet,
    /// Earliest article date.
    pub first_seen: Option<Arc<str>>,
    /// Latest article date.
    pub last_seen: Option<Arc<str>>,
}

impl Node {
    /// The Korean label (the one used by most mentions).
    pub fn label_ko(&self) -> &str {
        self.labels_ko.top()
    }
    /// The English label.
    pub fn label_en(&self) -> &str {
        self.labels_en.top()
    }
}

// A node's labels, aliases and roles are sorted Vecs, not B-trees: a node
// has one or two of each, and a B-tree allocates a node for eleven (~300 to
// 400 bytes), which made these four collections most of a node's memory
// (KLUE sample: 4.7 MB of a 24 MB graph).

/// Grows a small sorted Vec one slot at a time while it is small (Vec's own
/// growth would reserve four slots for the first element).
fn reserve_one<T>(v: &mut Vec<T>) {
    if v.len() < 8 {
        v.reserve_exact(1);
    } else {
        v.reserve(1);
    }
}

/// Label votes: how many mentions used each label, in label order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Votes(Vec<(String, u64)>);

impl Votes {
    /// Adds `n` votes for `label`.
    pub fn add(&mut self, label: &str, n: u64) {
        match self.0.binary_search_by(|(l, _)| l.as_str().cmp(label)) {
            Ok(i) => self.0[i].1 = self.0[i].1.saturating_add(n),
            Err(i) => {
                reserve_one(&mut self.0);
                self.0.insert(i, (label.to_string(), n));
            }
        }
    }

    /// The votes for `label`.
    pub fn get(&self, label: &str) -> u64 {
        self.0
            .binary_search_by(|(l, _)| l.as_str().cmp(label))
            .map_or(0, |i| self.0[i].1)
    }

    /// Labels and their votes, in label order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, u64)> {
        self.0.iter().map(|(l, n)| (l.as_str(), *n))
    }

    /// Number of labels.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there is no label.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The label with the most votes; among equals the alphabetically first
    /// ("" when there is none).
    pub fn top(&self) -> &str {
        let mut best: Option<(&str, u64)> = None;
        for (label, n) in self.iter() {
            if best.is_none_or(|(_, b)| n > b) {
                best = Some((label, n));
            }
        }
        best.map_or("", |(l, _)| l)
    }
}

impl Serialize for Votes {
    /// As a map from label to votes.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

/// A set of names, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Names(Vec<String>);

impl Names {
    /// Adds `name`.
    pub fn insert(&mut self, name: &str) {
        if let Err(i) = self.0.binary_search_by(|n| n.as_str().cmp(name)) {
            reserve_one(&mut self.0);
            self.0.insert(i, name.to_string());
        }
    }

    /// Whether `name` is in the set.
    pub fn contains(&self, name: &str) -> bool {
        self.0.binary_search_by(|n| n.as_str().cmp(name)).is_ok()
    }

    /// The names, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> {
        self.0.iter().map(String::as_str)
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl FromIterator<String> for Names {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        let mut v: Vec<String> = iter.into_iter().collect();
        v.sort_unstable();
        v.dedup();
        v.shrink_to_fit();
        Names(v)
    }
}

impl Serialize for Names {
    /// As an array of strings.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// Supporting mentions of an edge by modality: three counters in place of a
/// map (a B-tree node per edge).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Mentions([u64; 3]);

impl Mentions {
    const ALL: [Modality; 3] = [
        Modality::Asserted,
        Modality::Hypothetical,
        Modality::Negated,
    ];

    fn slot(m: Modality) -> usize {
        match m {
            Modality::Asserted => 0,
            Modality::Hypothetical => 1,
            Modality::Negated => 2,
        }
    }

    /// One mention with modality `m`.
    pub fn one(m: Modality) -> Self {
        let mut c = Mentions::default();
        c.add(m, 1);
        c
    }

    /// Mentions with modality `m`.
    pub fn get(&self, m: Modality) -> u64 {
        self.0[Self::slot(m)]
    }

    /// Adds `n` mentions with modality `m`.
    pub fn add(&mut self, m: Modality, n: u64) {
        let c = &mut self.0[Self::slot(m)];
        *c = c.saturating_add(n);
    }

    /// The modalities that have mentions, with their counts, in
    /// [`Modality`] order.
    pub fn iter(&self) -> impl Iterator<Item = (Modality, u64)> + '_ {
        Self::ALL
            .into_iter()
            .map(|m| (m, self.get(m)))
            .filter(|&(_, n)| n > 0)
    }

    /// All mentions.
    pub fn total(&self) -> u64 {
        self.0.iter().fold(0u64, |a, &n| a.saturating_add(n))
    }
}

impl Serialize for Mentions {
    /// As a map from modality to count, counts of zero left out.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.iter())
    }
}

/// A graph edge: one relation kind between two entities.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Relation kind.
    pub kind: RelationKind,
    /// Whether direction matters.
    pub directed: bool,
    /// Supporting mentions (sentences), by modality.
    pub mentions: Mentions,
    /// Articles stating it.
    pub articles: ArticleSet,
    /// Earliest date stated.
    pub first_seen: Option<Arc<str>>,
    /// Latest date stated.
    pub last_seen: Option<Arc<str>>,
    /// Highest extraction confidence.
    pub confidence: f64,
    /// Attribute values seen (role → {CTO}, amount → {120000000}, …).
    pub attributes: BTreeMap<String, BTreeSet<String>>,
    /// Earliest evidence records, at most the graph's `max_evidence`.
    pub evidence: Vec<Evidence>,
}

impl Edge {
    /// Whether the edge is plain sentence co-occurrence
    /// ([`RelationKind::CoOccursWith`]), which outputs leave out unless
    /// asked.
    pub fn is_co_occurrence(&self) -> bool {
        self.kind == RelationKind::CoOccursWith
    }

    /// All supporting mentions: the edge weight.
    pub fn weight(&self) -> u64 {
        self.mentions.total()
    }
    /// `asserted` if any sentence asserts it, else the strongest other status.
    pub fn modality(&self) -> Modality {
        self.mentions
            .iter()
            .next()
            .map_or(Modality::Asserted, |(m, _)| m)
    }
}

fn min_opt(a: &mut Option<Arc<str>>, b: Option<&Arc<str>>) {
    if let Some(b) = b
        && a.as_deref().is_none_or(|a| **b < *a)
    {
        *a = Some(b.clone());
    }
}

fn max_opt(a: &mut Option<Arc<str>>, b: Option<&Arc<str>>) {
    if let Some(b) = b
        && a.as_deref().is_none_or(|a| **b > *a)
    {
        *a = Some(b.clone());
    }
}

/// Adds `ev` to `kept`, a sorted list of at most `max` distinct records,
/// keeping the `max` smallest: a record that fell out can never come back,
/// so this equals sorting, deduplicating and truncating the union, in any
/// order of arrival. The list never grows past `max` (pushing and
/// truncating would leave room for twice as many).
fn keep_evidence(kept: &mut Vec<Evidence>, ev: Evidence, max: usize) {
    let Err(at) = kept.binary_search(&ev) else {
        return;
    };
    if at >= max {
        return;
    }
    if kept.len() >= max {
        kept.truncate(max - 1);
    } else {
        kept.reserve_exact(1);
    }
    kept.insert(at, ev);
}

/// One shared copy of each distinct short string: entity types, relation
/// kinds and dates, which every node and edge would otherwise copy. They are
/// few (a date per day), so they are kept for the graph's lifetime.
#[derive(Debug, Clone, Default)]
struct Interner(HashSet<Arc<str>>);

impl Interner {
    fn get(&mut self, s: &str) -> Arc<str> {
        if let Some(a) = self.0.get(s) {
            return a.clone();
        }
        let a: Arc<str> = Arc::from(s);
        self.0.insert(a.clone());
        a
    }

    fn get_opt(&mut self, s: Option<&str>) -> Option<Arc<str>> {
        s.map(|s| self.get(s))
    }
}

/// Key of an edge: endpoints and kind; undirected edges are stored with
/// their endpoints in id order so both directions are one edge.
type EdgeKey = (NodeIndex, NodeIndex, RelationKind);

/// The merged knowledge graph.
#[derive(Debug, Clone)]
pub struct KnowledgeGraph {
    graph: StableDiGraph<Node, Edge>,
    nodes: HashMap<String, NodeIndex>,
    edges: HashMap<EdgeKey, EdgeIndex>,
    /// Articles by [`ArticleId`].
    articles: Vec<ArticleInfo>,
    /// Article ids by URL; iterating gives URL order, the output order.
    article_ids: BTreeMap<Arc<str>, ArticleId>,
    strings: Interner,
    max_evidence: usize,
    /// Which facts each article added ([`facts_digest`]), so the same
    /// facts are not added twice.
    added: HashSet<(ArticleId, u64)>,
    /// Articles whose facts are final: read from a saved graph, so their
    /// facts (and digests) are not known and adding them again would count
    /// them twice.
    settled: HashSet<ArticleId>,
}

/// A digest of everything an article contributes, to recognise the same
/// facts arriving twice.
fn facts_digest(facts: &ArticleFacts) -> u64 {
    use std::hash::{BuildHasher, Hash, Hasher};
    let mut h = crate::FastHash::default().build_hasher();
    let a = &facts.article;
    (&a.url, &a.title, &a.published, &a.publisher).hash(&mut h);
    for e in &facts.entities {
        (
            &e.id,
            &e.kind,
            &e.label_ko,
            &e.label_en,
            &e.aliases,
            &e.roles,
        )
            .hash(&mut h);
        e.mentions.hash(&mut h);
    }
    for r in &facts.relations {
        (&r.source, &r.target, &r.kind, r.directed, &r.attributes).hash(&mut h);
        r.confidence.to_bits().hash(&mut h);
        let ev = &r.evidence;
        (
            &ev.date,
            &ev.url,
            ev.start,
            ev.end,
            &ev.sentence,
            ev.modality,
        )
            .hash(&mut h);
    }
    h.finish()
}

/// A confidence as exports show it: rounded to 6 decimals, so a value that
/// was an `f32` prints as `0.8`, not `0.800000011920929`.
pub fn round_confidence(c: f64) -> f64 {
    if c.is_finite() {
        (c * 1e6).round() / 1e6
    } else {
        0.0
    }
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
            articles: Vec::new(),
            article_ids: BTreeMap::new(),
            strings: Interner::default(),
            max_evidence,
            added: HashSet::new(),
            settled: HashSet::new(),
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

    /// Number of articles.
    pub fn article_count(&self) -> usize {
        self.articles.len()
    }

    /// The articles, in URL order.
    pub fn articles(&self) -> impl Iterator<Item = &ArticleInfo> {
        self.article_ids
            .values()
            .map(|&i| &self.articles[i.index()])
    }

    /// The article with id `id` (from a node's or an edge's
    /// [`articles`](Node::articles)).
    pub fn article(&self, id: ArticleId) -> Option<&ArticleInfo> {
        self.articles.get(id.index())
    }

    /// The article with URL `url`.
    pub fn article_id(&self, url: &str) -> Option<ArticleId> {
        self.article_ids.get(url).copied()
    }

    /// For each article id (by [`ArticleId::index`]), the article's position
    /// in URL order: where [`articles`](Self::articles) yields it.
    pub fn url_ranks(&self) -> Vec<u32> {
        let mut ranks = vec![0; self.articles.len()];
        for (rank, &id) in self.article_ids.values().enumerate() {
            // Fits: there are no more ranks than ids, and ids are u32.
            ranks[id.index()] = rank as u32;
        }
        ranks
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
        v.sort_by(|a, b| {
            (&a.0.id, &a.1.id, a.2.kind.as_str()).cmp(&(&b.0.id, &b.1.id, b.2.kind.as_str()))
        });
        v
    }

    /// Adds `info` to the article table unless its URL is there already;
    /// returns its id.
    fn add_article_info(&mut self, info: &ArticleInfo) -> ArticleId {
        if let Some(&id) = self.article_ids.get(info.url.as_str()) {
            return id;
        }
        // More than 4 billion articles would not fit in memory long before.
        let id = ArticleId(u32::try_from(self.articles.len()).unwrap_or(u32::MAX));
        self.articles.push(info.clone());
        self.article_ids.insert(Arc::from(info.url.as_str()), id);
        id
    }

    /// `ev` with its URL and date shared with the graph's copies.
    fn share_evidence(&mut self, mut ev: Evidence) -> Evidence {
        if let Some((url, _)) = self.article_ids.get_key_value(&*ev.url) {
            ev.url = url.clone();
        }
        ev.date = self.strings.get_opt(ev.date.as_deref());
        ev
    }

    fn upsert_node(&mut self, id: &str, kind: &str) -> NodeIndex {
        if let Some(&i) = self.nodes.get(id) {
            return i;
        }
        let kind = self.strings.get(kind);
        let i = self.graph.add_node(Node {
            id: id.to_string(),
            kind,
            labels_ko: Votes::default(),
            labels_en: Votes::default(),
            aliases: Names::default(),
            roles: Names::default(),
            mentions: 0,
            articles: ArticleSet::default(),
            first_seen: None,
            last_seen: None,
        });
        self.nodes.insert(id.to_string(), i);
        i
    }

    /// Adds what one article says. Entities are merged by id; relations
    /// whose endpoints are not among the article's entities are ignored
    /// (they would be dangling edges). Returns false, changing nothing,
    /// when these facts were added already (the same input twice) or the
    /// article came with a saved graph (`--merge` of a graph that has it).
    pub fn add_article(&mut self, facts: &ArticleFacts) -> bool {
        if let Some(id) = self.article_id(&facts.article.url)
            && self.settled.contains(&id)
        {
            return false;
        }
        let digest = facts_digest(facts);
        let article = self.add_article_info(&facts.article);
        if !self.added.insert((article, digest)) {
            return false;
        }
        let date = self.strings.get_opt(facts.article.date());
        for e in &facts.entities {
            let i = self.upsert_node(&e.id, &e.kind);
            let n = &mut self.graph[i];
            let votes = e.mentions.max(1);
            n.labels_ko.add(&e.label_ko, votes);
            if !e.label_en.is_empty() {
                n.labels_en.add(&e.label_en, votes);
            }
            for a in &e.aliases {
                n.aliases.insert(a);
            }
            for r in &e.roles {
                n.roles.insert(r);
            }
            n.mentions = n.mentions.saturating_add(e.mentions);
            n.articles.insert(article);
            min_opt(&mut n.first_seen, date.as_ref());
            max_opt(&mut n.last_seen, date.as_ref());
        }
        let entity_ids: HashSet<&str> = facts.entities.iter().map(|e| e.id.as_str()).collect();
        for r in &facts.relations {
            if !entity_ids.contains(r.source.as_str()) || !entity_ids.contains(r.target.as_str()) {
                continue;
            }
            let (Some(&s), Some(&t)) = (self.nodes.get(&r.source), self.nodes.get(&r.target))
            else {
                continue;
            };
            let edge = Edge {
                kind: r.kind,
                directed: r.directed,
                mentions: Mentions::one(r.evidence.modality),
                articles: ArticleSet::one(article),
                first_seen: date.clone(),
                last_seen: date.clone(),
                confidence: round_confidence(r.confidence),
                attributes: r
                    .attributes
                    .iter()
                    .map(|(k, v)| (k.clone(), BTreeSet::from([v.clone()])))
                    .collect(),
                evidence: vec![self.share_evidence(r.evidence.clone())],
            };
            self.merge_edge(s, t, edge);
        }
        true
    }

    /// Merges `edge`, whose strings and article ids are already this
    /// graph's, into the edge `s`–`t` of its kind.
    fn merge_edge(&mut self, s: NodeIndex, t: NodeIndex, edge: Edge) {
        let (s, t) = if !edge.directed && self.graph[t].id < self.graph[s].id {
            (t, s)
        } else {
            (s, t)
        };
        let key = (s, t, edge.kind);
        let max_evidence = self.max_evidence;
        match self.edges.get(&key) {
            Some(&e) => {
                let old = &mut self.graph[e];
                for (m, n) in edge.mentions.iter() {
                    old.mentions.add(m, n);
                }
                old.articles.union(&edge.articles);
                min_opt(&mut old.first_seen, edge.first_seen.as_ref());
                max_opt(&mut old.last_seen, edge.last_seen.as_ref());
                old.confidence = old.confidence.max(edge.confidence);
                for (k, v) in edge.attributes {
                    old.attributes.entry(k).or_default().extend(v);
                }
                for ev in edge.evidence {
                    keep_evidence(&mut old.evidence, ev, max_evidence);
                }
            }
            None => {
                let mut edge = edge;
                edge.evidence.sort();
                edge.evidence.dedup();
                edge.evidence.truncate(max_evidence);
                edge.evidence.shrink_to_fit();
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
        // The other graph's article ids in this graph.
        let ids: Vec<ArticleId> = other
            .articles
            .iter()
            .map(|a| self.add_article_info(a))
            .collect();
        let remap = |set: &ArticleSet| -> ArticleSet {
            set.iter()
                .filter_map(|a| ids.get(a.index()).copied())
                .collect()
        };
        for n in other.graph.node_weights() {
            let i = self.upsert_node(&n.id, &n.kind);
            let first_seen = self.strings.get_opt(n.first_seen.as_deref());
            let last_seen = self.strings.get_opt(n.last_seen.as_deref());
            let m = &mut self.graph[i];
            for (l, v) in n.labels_ko.iter() {
                m.labels_ko.add(l, v);
            }
            for (l, v) in n.labels_en.iter() {
                m.labels_en.add(l, v);
            }
            for a in n.aliases.iter() {
                m.aliases.insert(a);
            }
            for r in n.roles.iter() {
                m.roles.insert(r);
            }
            m.mentions = m.mentions.saturating_add(n.mentions);
            m.articles.union(&remap(&n.articles));
            min_opt(&mut m.first_seen, first_seen.as_ref());
            max_opt(&mut m.last_seen, last_seen.as_ref());
        }
        for e in other.graph.edge_indices() {
            let Some((s, t)) = other.graph.edge_endpoints(e) else {
                continue;
            };
            let (s, t) = (
                self.nodes[&other.graph[s].id],
                self.nodes[&other.graph[t].id],
            );
            let theirs = &other.graph[e];
            let edge = Edge {
                kind: theirs.kind,
                directed: theirs.directed,
                mentions: theirs.mentions,
                articles: remap(&theirs.articles),
                first_seen: self.strings.get_opt(theirs.first_seen.as_deref()),
                last_seen: self.strings.get_opt(theirs.last_seen.as_deref()),
                confidence: theirs.confidence,
                attributes: theirs.attributes.clone(),
                evidence: theirs
                    .evidence
                    .iter()
                    .map(|ev| self.share_evidence(ev.clone()))
                    .collect(),
            };
            self.merge_edge(s, t, edge);
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
                kind: RelationKind::CeoOf,
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
        assert_eq!(&*e.evidence[0].url, "https://a/2");
        assert_eq!(g.node("ORG:KT").unwrap().mentions, 4);
    }

    #[test]
    fn an_article_is_added_once() {
        let a = facts("https://a/1", "2024-07-18", "김영섭 KT 대표가 말했다.");
        let mut g = KnowledgeGraph::default();
        assert!(g.add_article(&a));
        let once = json::to_value(&g).unwrap();
        // The same input twice: nothing changes.
        assert!(!g.add_article(&a));
        assert_eq!(json::to_value(&g).unwrap(), once);
        assert_eq!(g.node("ORG:KT").unwrap().mentions, 2);
        // A saved graph read back: its articles are final, even when the
        // pipeline now finds other facts in them.
        let mut text = Vec::new();
        json::write(&g, &mut text).unwrap();
        let mut back = json::read(text.as_slice(), None).unwrap();
        let mut again = a.clone();
        again.entities[1].mentions = 7;
        assert!(!back.add_article(&a) && !back.add_article(&again));
        assert_eq!(json::to_value(&back).unwrap(), once);
        // New articles still add up.
        assert!(back.add_article(&facts(
            "https://a/2",
            "2024-07-19",
            "김영섭 KT 대표는 웃었다."
        )));
        assert_eq!(back.node("ORG:KT").unwrap().mentions, 4);
    }

    #[test]
    fn counters_saturate() {
        let mut a = facts("https://a/1", "2024-07-18", "s");
        a.entities[1].mentions = u64::MAX - 1;
        let mut b = facts("https://a/2", "2024-07-18", "t");
        b.entities[1].mentions = u64::MAX - 1;
        let mut g = KnowledgeGraph::default();
        g.add_article(&a);
        g.add_article(&b);
        assert_eq!(g.node("ORG:KT").unwrap().mentions, u64::MAX);
        assert_eq!(g.node("ORG:KT").unwrap().labels_ko.get("KT"), u64::MAX);
    }

    #[test]
    fn confidence_is_kept_as_its_decimal() {
        let mut a = facts("https://a/1", "2024-07-18", "s");
        a.relations[0].confidence = f64::from(0.8f32);
        let mut g = KnowledgeGraph::default();
        g.add_article(&a);
        assert_eq!(g.edges()[0].2.confidence, 0.8);
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
        f.relations[0].kind = RelationKind::CoOccursWith;
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

    #[test]
    fn evidence_keeps_the_earliest_whatever_the_order() {
        let ev = |date: &str, url: &str, start| Evidence {
            date: Some(date.into()),
            url: url.into(),
            start,
            end: start + 1,
            sentence: "s".into(),
            modality: Modality::Asserted,
        };
        let all = vec![
            ev("2024-07-02", "b", 0),
            ev("2024-07-01", "z", 5),
            ev("2024-07-01", "a", 9),
            ev("2024-07-01", "a", 3),
            ev("2024-07-02", "b", 0),
            ev("2024-06-30", "q", 1),
        ];
        let mut sorted = all.clone();
        sorted.sort();
        sorted.dedup();
        for max in 0..=6 {
            let want: Vec<Evidence> = sorted.iter().take(max).cloned().collect();
            for k in 0..all.len() {
                let mut order = all.clone();
                order.rotate_left(k);
                let reversed: Vec<Evidence> = order.iter().rev().cloned().collect();
                for order in [order, reversed] {
                    let mut kept = Vec::new();
                    for e in order {
                        keep_evidence(&mut kept, e, max);
                    }
                    assert_eq!(kept, want, "max {max}");
                }
            }
        }
    }

    #[test]
    fn article_sets_stay_sorted_and_distinct() {
        let ids = |s: &ArticleSet| s.iter().map(|a| a.0).collect::<Vec<_>>();
        let mut s = ArticleSet::default();
        for i in [3, 5, 5, 1, 4, 9] {
            s.insert(ArticleId(i));
        }
        assert_eq!(ids(&s), [1, 3, 4, 5, 9]);
        let mut t: ArticleSet = [ArticleId(10), ArticleId(2), ArticleId(2)]
            .into_iter()
            .collect();
        t.union(&s);
        assert_eq!(ids(&t), [1, 2, 3, 4, 5, 9, 10]);
        assert!(t.contains(ArticleId(4)) && !t.contains(ArticleId(6)));
        let mut u = ArticleSet::one(ArticleId(0));
        u.union(&ArticleSet::one(ArticleId(1)));
        u.union(&ArticleSet::default());
        assert_eq!(ids(&u), [0, 1]);
    }

    #[test]
    fn urls_dates_and_kinds_are_shared_not_copied() {
        let mut g = KnowledgeGraph::default();
        g.add_article(&facts(
            "https://a/2",
            "2024-07-18",
            "김영섭 KT 대표가 말했다.",
        ));
        g.add_article(&facts(
            "https://a/1",
            "2024-07-18",
            "김영섭 KT 대표는 웃었다.",
        ));
        let (s, t, e) = g.edges()[0];
        let table_url = |u: &str| g.article_ids.get_key_value(u).unwrap().0.clone();
        assert!(Arc::ptr_eq(&e.evidence[0].url, &table_url("https://a/1")));
        assert!(Arc::ptr_eq(&e.evidence[1].url, &table_url("https://a/2")));
        let day = |d: &Option<Arc<str>>| d.clone().unwrap();
        assert!(Arc::ptr_eq(&day(&e.first_seen), &day(&s.last_seen)));
        assert!(Arc::ptr_eq(&day(&t.first_seen), &day(&e.evidence[0].date)));
        // Ids in order of arrival, output in URL order.
        assert_eq!(g.article_id("https://a/2"), Some(ArticleId(0)));
        assert_eq!(g.url_ranks(), [1, 0]);
        let urls: Vec<&str> = g.articles().map(|a| a.url.as_str()).collect();
        assert_eq!(urls, ["https://a/1", "https://a/2"]);
    }

    #[test]
    fn merging_graphs_with_overlapping_articles_is_order_independent() {
        let a = facts("https://a/1", "2024-07-18", "김영섭 KT 대표가 말했다.");
        let b = facts("https://a/2", "2024-07-01", "김영섭 KT 대표는 웃었다.");
        let c = facts("https://a/0", "2024-07-09", "김영섭 KT 대표는 걸었다.");
        let mut all = KnowledgeGraph::new(2);
        for f in [&a, &b, &c] {
            all.add_article(f);
        }
        // The merged graph's articles arrive in another order, so its
        // article ids must be mapped.
        let mut later = KnowledgeGraph::new(2);
        later.add_article(&c);
        later.add_article(&b);
        let mut merged = KnowledgeGraph::new(2);
        merged.add_article(&a);
        merged.merge(&later);
        assert_eq!(
            json::to_value(&all).unwrap(),
            json::to_value(&merged).unwrap()
        );
    }

    #[test]
    fn votes_and_names_stay_sorted() {
        let mut v = Votes::default();
        assert_eq!(v.top(), "");
        v.add("케이티", 2);
        v.add("KT", 1);
        v.add("KT", 1);
        // Equal votes: the alphabetically first wins.
        assert_eq!(v.top(), "KT");
        v.add("케이티", 1);
        assert_eq!(v.top(), "케이티");
        assert_eq!(v.iter().collect::<Vec<_>>(), [("KT", 2), ("케이티", 3)]);
        assert_eq!((v.get("KT"), v.get("없음")), (2, 0));
        let mut n = Names::default();
        for name in ["MS", "Microsoft", "MS", "마소"] {
            n.insert(name);
        }
        assert_eq!(n.iter().collect::<Vec<_>>(), ["MS", "Microsoft", "마소"]);
        assert!(n.contains("마소") && !n.contains("ms"));
        let m: Names = ["b".to_string(), "a".into(), "b".into()]
            .into_iter()
            .collect();
        assert_eq!(m.iter().collect::<Vec<_>>(), ["a", "b"]);
    }
}
