//! The pipeline from an [`Article`] to the facts it adds to the graph:
//! entities (stage `entities`), then sentence by sentence the relations
//! between the entities mentioned together (stage `relations`), as
//! [`ArticleFacts`] for [`crate::graph::KnowledgeGraph::add_article`].
//!
//! Stages never call each other; this is the one place they are wired
//! together. Build a [`Pipeline`] once (it loads the dictionary and the
//! gazetteer) and call [`Pipeline::process`] per article; it is `Sync`, so
//! articles can be processed on several threads ([`crate::batch`] does).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use std::time::Instant;

use crate::article::Article;
use crate::entities::{self, ArticleEntities, Date, Entity, EntityType, Extractor, Gazetteer};
use crate::graph::{ArticleFacts, ArticleInfo, EntityFact, Evidence, Modality, RelationFact};
use crate::relations::{Arg, ArgKind, RelationClassifier, RelationKind, Which, find_duration};
use crate::text::Token;
use crate::text::sentences::split_sentences;
use crate::timing::{Stage, Timings};

/// Entity types that become graph nodes. Amounts and dates are attributes of
/// relations (a contract's amount), not nodes.
pub const NODE_TYPES: [EntityType; 4] = [
    EntityType::Person,
    EntityType::Org,
    EntityType::Product,
    EntityType::Location,
];

/// Relation kinds that become graph edges. `alias_of` is entity linking's
/// business (aliases merge into one node), `has_title` and `founded_on`
/// point at titles and dates, which are not nodes.
const GRAPH_KINDS: [RelationKind; 19] = [
    RelationKind::CeoOf,
    RelationKind::FormerCeoOf,
    RelationKind::Leads,
    RelationKind::EmployeeOf,
    RelationKind::FormerEmployeeOf,
    RelationKind::SubsidiaryOf,
    RelationKind::MemberOf,
    RelationKind::PartnerOf,
    RelationKind::ContractWith,
    RelationKind::CustomerOf,
    RelationKind::SupplierOf,
    RelationKind::InvestsIn,
    RelationKind::Acquires,
    RelationKind::CompetesWith,
    RelationKind::ProductOf,
    RelationKind::Uses,
    RelationKind::HeadquarteredIn,
    RelationKind::FoundedBy,
    RelationKind::SpouseOf,
];

/// Confidence given to plain sentence co-occurrence.
const CO_OCCURRENCE_CONFIDENCE: f64 = 0.1;

/// Why the pipeline could not be built.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The entity stage (dictionary or gazetteer) failed to load.
    #[error(transparent)]
    Entities(#[from] entities::EntityError),
    /// The built-in gazetteer is broken.
    #[error(transparent)]
    Gazetteer(#[from] entities::GazetteerError),
}

/// The configured pipeline.
pub struct Pipeline {
    extractor: Extractor,
    co_occurrence: bool,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pipeline").finish_non_exhaustive()
    }
}

/// What the graph records of an article.
pub fn article_info(article: &Article) -> ArticleInfo {
    ArticleInfo {
        url: article_key(article),
        title: article.title.clone(),
        published: article.published.clone(),
        publisher: article.publisher.clone(),
    }
}

/// The identity of an article in the graph: its canonical URL, else the URL
/// it came from, else a digest of its text.
pub fn article_key(article: &Article) -> String {
    if let Some(u) = article.canonical_url.as_ref().or(article.url.as_ref()) {
        return u.clone();
    }
    // FNV-1a: stable across runs and platforms.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in article.text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("urn:newskg:text:{h:016x}")
}

fn arg_kind(t: EntityType) -> ArgKind {
    match t {
        EntityType::Person => ArgKind::Person,
        EntityType::Org => ArgKind::Org,
        EntityType::Product => ArgKind::Product,
        EntityType::Location => ArgKind::Location,
        EntityType::Event => ArgKind::Event,
        EntityType::Work => ArgKind::Work,
        EntityType::Date | EntityType::Time => ArgKind::Date,
        EntityType::Money => ArgKind::Money,
        EntityType::Quantity => ArgKind::Other,
    }
}

/// Folds a parenthetical alias (and surrounding quotes) into the mention
/// before it: in
/// `마이크로소프트(MS)와` the relation rules should see one argument,
/// `마이크로소프트(MS)`, followed by its particle, not two mentions of the same
/// entity with a bracket between them. Returns the remaining mentions and
/// their argument spans (relative to the sentence starting at char `base`).
fn fold_parenthetical_aliases<'m>(
    mentions: &[&'m entities::Mention],
    chars: &[char],
    base: usize,
) -> (Vec<&'m entities::Mention>, Vec<Arg>) {
    let mut kept = Vec::with_capacity(mentions.len());
    let mut args: Vec<Arg> = Vec::with_capacity(mentions.len());
    let mut i = 0;
    while i < mentions.len() {
        let m = mentions[i];
        let (start, mut end) = (m.start - base, m.end - base);
        if let Some(next) = mentions.get(i + 1) {
            let (ns, ne) = (next.start - base, next.end - base);
            if next.id == m.id
                && ns == end + 1
                && chars.get(end) == Some(&'(')
                && chars.get(ne) == Some(&')')
            {
                end = ne + 1;
                i += 1;
            }
        }
        // `‘애저 버추얼 데스크톱(AVD)’을`: quotes around a name are part of
        // the argument, so the rules see the particle right after it.
        let (mut start, mut end) = (start, end);
        if start > 0
            && let (Some(&open), Some(&close)) = (chars.get(start - 1), chars.get(end))
            && matches!(
                (open, close),
                ('‘', '’') | ('“', '”') | ('\'', '\'') | ('"', '"') | ('「', '」') | ('『', '』')
            )
        {
            start -= 1;
            end += 1;
        }
        kept.push(m);
        args.push(Arg::new(start, end, arg_kind(m.kind)));
        i += 1;
    }
    (kept, args)
}

impl Pipeline {
    /// A pipeline with the built-in gazetteer.
    pub fn new() -> Result<Self, PipelineError> {
        Self::with_gazetteer(Gazetteer::embedded()?)
    }

    /// A pipeline with the given gazetteer (built-in plus user files).
    pub fn with_gazetteer(gazetteer: Gazetteer) -> Result<Self, PipelineError> {
        Ok(Pipeline {
            extractor: Extractor::with_gazetteer(gazetteer)?,
            co_occurrence: true,
        })
    }

    /// Whether to emit plain sentence co-occurrence (`co_occurs_with`)
    /// facts (default: yes). They are most of a graph's edges and of its
    /// memory; a run that will not export them should not build them.
    pub fn co_occurrence(mut self, yes: bool) -> Self {
        self.co_occurrence = yes;
        self
    }

    /// The entity extractor (and through it the analyser).
    pub fn extractor(&self) -> &Extractor {
        &self.extractor
    }

    /// Everything `article` contributes to the graph.
    pub fn process(&self, article: &Article) -> ArticleFacts {
        self.worker().process(article)
    }

    /// A worker for one thread: the pipeline with a relation classifier of
    /// its own (a classification locks the classifier's last-sentence
    /// cache, so threads must not share one). Make one per thread and give
    /// it many articles.
    pub fn worker(&self) -> Worker<'_> {
        Worker {
            pipeline: self,
            classifier: RelationClassifier::new(self.extractor.analyzer()),
        }
    }

    /// Stage `text`: the morphemes of an article's text. One analysis of
    /// the whole text serves both entities and relations.
    pub fn tokenize<'t>(&self, text: &'t str) -> Vec<Token<'t>> {
        self.extractor.analyzer().analyze(text)
    }

    /// Stage `entities`: the entities of `text` (relative dates resolved
    /// against `published`).
    pub fn entities(
        &self,
        text: &str,
        tokens: &[Token<'_>],
        published: Option<Date>,
    ) -> ArticleEntities {
        self.extractor.extract_tokens(text, tokens, published)
    }

    /// Stage `relations`: the graph nodes among `found` and, sentence by
    /// sentence, the relations between them, as the article's facts.
    pub fn relations(
        &self,
        info: ArticleInfo,
        text: &str,
        tokens: &[Token<'_>],
        found: &ArticleEntities,
    ) -> ArticleFacts {
        self.worker().relations(info, text, tokens, found)
    }
}

/// The pipeline as one thread runs it (see [`Pipeline::worker`]).
pub struct Worker<'p> {
    pipeline: &'p Pipeline,
    classifier: RelationClassifier<'p>,
}

impl std::fmt::Debug for Worker<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker").finish_non_exhaustive()
    }
}

impl Worker<'_> {
    /// Everything `article` contributes to the graph.
    pub fn process(&self, article: &Article) -> ArticleFacts {
        self.process_timed(article, None)
    }

    /// [`process`](Self::process), adding the time of each stage
    /// (tokenize, entities, relations) to `timings`.
    pub fn process_timed(&self, article: &Article, timings: Option<&Timings>) -> ArticleFacts {
        let mut clock = Instant::now();
        let mut lap = |stage: Stage| {
            if let Some(t) = timings {
                let now = Instant::now();
                t.add(stage, now - clock);
                clock = now;
            }
        };
        let info = article_info(article);
        let published = info.date().and_then(|d| Date::parse(d).ok());
        let text = article.analysed_text();
        let tokens = self.pipeline.tokenize(&text);
        lap(Stage::Tokenize);
        let found = self.pipeline.entities(&text, &tokens, published);
        lap(Stage::Entities);
        let facts = self.relations(info, &text, &tokens, &found);
        lap(Stage::Relations);
        facts
    }

    /// [`Pipeline::relations`].
    pub fn relations(
        &self,
        info: ArticleInfo,
        text: &str,
        all_tokens: &[Token<'_>],
        found: &ArticleEntities,
    ) -> ArticleFacts {
        // Shared by every evidence record of the article.
        let evidence_url: Arc<str> = Arc::from(info.url.as_str());
        let evidence_date: Option<Arc<str>> = info.date().map(Arc::from);
        let classifier = &self.classifier;
        let nodes: Vec<&Entity> = found
            .entities
            .iter()
            .filter(|e| NODE_TYPES.contains(&e.kind))
            .filter(|e| e.mentions.iter().any(|m| !m.generic))
            .collect();
        let node_ids: BTreeSet<&str> = nodes.iter().map(|e| e.id.as_str()).collect();
        let entities = nodes
            .iter()
            .map(|e| EntityFact {
                id: e.id.clone(),
                kind: e.kind.as_str().to_string(),
                label_ko: e.label_ko.clone(),
                label_en: e.label_en.clone(),
                aliases: e.aliases.clone(),
                roles: e.roles.clone(),
                mentions: e.mentions.len() as u64,
            })
            .collect();

        // Every mention (of any type: amounts and dates feed relation
        // attributes) by start offset.
        let mut mentions: Vec<&entities::Mention> = found
            .entities
            .iter()
            .flat_map(|e| e.mentions.iter())
            .collect();
        mentions.sort_by_key(|m| (m.start, m.end));

        let mut relations = Vec::new();
        let mut t = 0;
        let mut m = 0;
        let mut contract_without_term: Vec<usize> = Vec::new();
        for s in split_sentences(text) {
            while m < mentions.len() && mentions[m].start < s.start {
                m += 1;
            }
            let mut inside = Vec::new();
            let mut k = m;
            while k < mentions.len() && mentions[k].start < s.end {
                if mentions[k].end <= s.end {
                    inside.push(mentions[k]);
                }
                k += 1;
            }
            // A contract's term is often the next sentence's news ("…계약을
            //체결했다. 5년간 매년 …씩 지급하는 계약이다.").
            let awaiting_term = std::mem::take(&mut contract_without_term);
            if s.text.contains("계약")
                && let Some(d) = find_duration(s.text)
            {
                for &idx in &awaiting_term {
                    let fact: &mut RelationFact = &mut relations[idx];
                    fact.attributes
                        .insert("duration".to_string(), format!("{} {}", d.value, d.unit));
                }
            }
            if inside.len() < 2 {
                continue;
            }
            let sentence = s.text;
            // One copy of the sentence for all its facts (a sentence with
            // five entities gives ten co-occurrence facts).
            let shared_sentence: Arc<str> = Arc::from(sentence);
            let evidence = |modality| Evidence {
                date: evidence_date.clone(),
                url: evidence_url.clone(),
                start: s.start,
                end: s.end,
                sentence: shared_sentence.clone(),
                modality,
            };
            // The sentence's tokens, with offsets relative to it.
            while t < all_tokens.len() && all_tokens[t].start < s.start {
                t += 1;
            }
            let tokens: Vec<Token> = all_tokens[t..]
                .iter()
                .take_while(|tok| tok.end <= s.end)
                .map(|tok| Token {
                    start: tok.start - s.start,
                    end: tok.end - s.start,
                    byte_start: tok.byte_start - s.byte_start,
                    byte_end: tok.byte_end - s.byte_start,
                    ..*tok
                })
                .collect();
            let chars: Vec<char> = sentence.chars().collect();
            let (inside, args) = fold_parenthetical_aliases(&inside, &chars, s.start);
            // Typed relations between graph entities, one per entity pair
            // and kind in a sentence.
            let mut seen: HashMap<(String, String, &'static str), usize> = HashMap::new();
            let mut co: BTreeSet<(&str, &str)> = BTreeSet::new();
            for i in 0..inside.len() {
                for j in i + 1..inside.len() {
                    let (a, b) = (inside[i], inside[j]);
                    if a.id == b.id
                        || !node_ids.contains(a.id.as_str())
                        || !node_ids.contains(b.id.as_str())
                    {
                        continue;
                    }
                    let pair = if a.id < b.id {
                        (a.id.as_str(), b.id.as_str())
                    } else {
                        (b.id.as_str(), a.id.as_str())
                    };
                    if self.pipeline.co_occurrence {
                        co.insert(pair);
                    }
                    let Some(r) = classifier.classify(sentence, &tokens, args[i], args[j]) else {
                        continue;
                    };
                    if !GRAPH_KINDS.contains(&r.kind) {
                        continue;
                    }
                    let (src, dst) = match r.source {
                        Which::A => (a, b),
                        Which::B => (b, a),
                    };
                    // A title in apposition (`김영섭 KT 대표가 … 수 있다`) is
                    // presupposed, not claimed: the clause's modality is about
                    // something else.
                    let titled = r.role.is_some()
                        && matches!(
                            r.kind,
                            RelationKind::CeoOf
                                | RelationKind::FormerCeoOf
                                | RelationKind::Leads
                                | RelationKind::EmployeeOf
                                | RelationKind::FormerEmployeeOf
                        );
                    let modality = if titled {
                        Modality::Asserted
                    } else if r.negated {
                        Modality::Negated
                    } else if r.hypothetical {
                        Modality::Hypothetical
                    } else {
                        Modality::Asserted
                    };
                    let key = (src.id.clone(), dst.id.clone(), r.kind.as_str());
                    if let Some(&idx) = seen.get(&key) {
                        // The same fact twice in one sentence (two mentions
                        // of one entity) counts once, best confidence.
                        let fact: &mut RelationFact = &mut relations[idx];
                        fact.confidence = fact.confidence.max(r.confidence as f64);
                        continue;
                    }
                    let mut attributes = BTreeMap::new();
                    if let Some(role) = &r.role {
                        attributes.insert("role".to_string(), role.clone());
                    }
                    if let Some(money) = &r.money {
                        attributes.insert("amount".to_string(), money.amount.to_string());
                        attributes.insert("currency".to_string(), money.currency.to_string());
                    }
                    if let Some(d) = &r.duration {
                        attributes
                            .insert("duration".to_string(), format!("{} {}", d.value, d.unit));
                    }
                    if r.kind == RelationKind::ContractWith && r.duration.is_none() {
                        contract_without_term.push(relations.len());
                    }
                    seen.insert(key, relations.len());
                    relations.push(RelationFact {
                        source: src.id.clone(),
                        target: dst.id.clone(),
                        kind: r.kind,
                        directed: r.kind.is_directed(),
                        confidence: r.confidence as f64,
                        attributes,
                        evidence: evidence(modality),
                    });
                }
            }
            for (a, b) in co {
                relations.push(RelationFact {
                    source: a.to_string(),
                    target: b.to_string(),
                    kind: RelationKind::CoOccursWith,
                    directed: false,
                    confidence: CO_OCCURRENCE_CONFIDENCE,
                    attributes: BTreeMap::new(),
                    evidence: evidence(Modality::Asserted),
                });
            }
        }
        ArticleFacts {
            article: info,
            entities,
            relations,
        }
    }
}
