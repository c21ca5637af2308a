//! The pipeline from an [`Article`] to the facts it adds to the graph:
//! entities (stage `entities`), then sentence by sentence the relations
//! between the entities mentioned together (stage `relations`), as
//! [`ArticleFacts`] for [`crate::graph::KnowledgeGraph::add_article`].
//!
//! Stages never call each other; this is the one place they are wired
//! together. Build a [`Pipeline`] once (it loads the dictionary and the
//! gazetteer) and call [`Pipeline::process`] per article; it is `Sync`, so
//! articles can be processed on several threads ([`crate::batch`] does).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::article::Article;
use crate::entities::{
    self, ArticleEntities, Date, Entity, EntityType, Extractor, Gazetteer, Vocabulary,
};
use crate::graph::{ArticleFacts, ArticleInfo, EntityFact, Evidence, Modality, RelationFact};
use crate::relations::{ArticleRelations, Patterns, RelationClassifier, RelationKind};
use crate::text::Token;
use crate::text::sentences::split_sentences;
use crate::timing::{CpuClock, Stage, Timings};

mod structure;

/// Entity types that become graph nodes. Amounts and dates are attributes of
/// relations (a contract's amount), not nodes.
pub const NODE_TYPES: [EntityType; 6] = [
    EntityType::Person,
    EntityType::Org,
    EntityType::Product,
    EntityType::Location,
    EntityType::Event,
    EntityType::Work,
];

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
    patterns: Arc<Patterns>,
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

impl Pipeline {
    /// A pipeline with the built-in gazetteer.
    pub fn new() -> Result<Self, PipelineError> {
        Self::with_gazetteer(Gazetteer::embedded()?)
    }

    /// A pipeline with the given gazetteer (built-in plus user files).
    pub fn with_gazetteer(gazetteer: Gazetteer) -> Result<Self, PipelineError> {
        Ok(Pipeline {
            extractor: Extractor::with_gazetteer(gazetteer)?,
            patterns: Patterns::embedded(),
            co_occurrence: true,
        })
    }

    /// A pipeline with the given gazetteer and entity word lists.
    pub fn with_data(gazetteer: Gazetteer, vocabulary: Vocabulary) -> Result<Self, PipelineError> {
        Ok(Pipeline {
            extractor: Extractor::with_data(gazetteer, vocabulary)?,
            patterns: Patterns::embedded(),
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

    /// The relation patterns to apply (default: the embedded ones; see
    /// [`Patterns::with_files`] for the user's `--relations` files).
    pub fn relation_patterns(mut self, patterns: Arc<Patterns>) -> Self {
        self.patterns = patterns;
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

    /// A worker for one thread: the pipeline with its relation step
    /// configured. Make one per thread and give it many articles.
    pub fn worker(&self) -> Worker<'_> {
        let classifier =
            RelationClassifier::with_patterns(self.extractor.analyzer(), self.patterns.clone());
        Worker {
            pipeline: self,
            relations: ArticleRelations::new(classifier, self.co_occurrence),
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
    relations: ArticleRelations<'p>,
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
        let mut clock = timings.map(|_| CpuClock::start());
        let mut lap = |stage: Stage| {
            if let (Some(t), Some(c)) = (timings, clock.as_mut()) {
                t.add(stage, c.lap());
            }
        };
        let info = article_info(article);
        let published = info.date().and_then(|d| Date::parse(d).ok());
        let text = article.analysed_text();
        let tokens = self.pipeline.tokenize(&text);
        lap(Stage::Tokenize);
        let found = self.pipeline.entities(&text, &tokens, published);
        lap(Stage::Entities);
        let mut facts = self.relations(info, &text, &tokens, &found);
        // Captions, speaker labels and programme headers: read at the
        // article stage, typed here with the titles and the recogniser.
        structure::add_facts(
            self.pipeline.extractor(),
            &self.pipeline.patterns,
            article,
            &text,
            &found,
            &mut facts,
        );
        lap(Stage::Relations);
        facts
    }

    /// [`Pipeline::relations`]: the graph nodes among `found` and the
    /// relations between them (`crate::relations::ArticleRelations`).
    pub fn relations(
        &self,
        info: ArticleInfo,
        text: &str,
        all_tokens: &[Token<'_>],
        found: &ArticleEntities,
    ) -> ArticleFacts {
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
        let mut relations = self
            .relations
            .facts(&info, text, all_tokens, found, &node_ids);
        // Article-level facts: a place's containers from the place data.
        let mut entities = entities;
        located_in_facts(
            self.pipeline.extractor.places(),
            text,
            &nodes,
            &mut entities,
            &mut relations,
            &Arc::from(info.url.as_str()),
            &info.date().map(Arc::from),
        );
        ArticleFacts {
            article: info,
            entities,
            relations,
        }
    }
}

/// The site written right before a mention of site `e` (`존슨카운티
/// 벌리슨시`: 존슨카운티), when the article has it as a node of its own.
fn site_written_before<'a>(nodes: &[&'a Entity], e: &Entity) -> Option<&'a Entity> {
    e.mentions.iter().find_map(|m| {
        let before = m.text.strip_suffix(e.label_ko.as_str())?.trim_end();
        let word = before.rsplit(' ').next().filter(|w| !w.is_empty())?;
        nodes.iter().copied().find(|o| {
            o.kind == EntityType::Location
                && o.id != e.id
                && o.id.starts_with(entities::places::SITE_ID_PREFIX)
                && o.label_ko == word
        })
    })
}

/// `located_in` facts from the place data: every place node to the place it
/// lies in, up to its country (`금정구` → `부산광역시` → `대한민국`), adding the
/// containing places as nodes of the article (with no mentions) where the
/// article does not name them. Where the article does name the containing
/// place on its own, the link is made only if the text states it (the
/// container written just before the place: `부산 금정구`, `중국의 상하이`):
/// an article that mentions 서울 and, elsewhere, 한국 does not say that one
/// lies in the other, and its graph should not claim it did. The evidence is
/// the sentence of the place's first mention; the attribute `source` says
/// the link comes from the data (`official data` for the 법정동 table).
fn located_in_facts(
    places: &entities::Places,
    text: &str,
    nodes: &[&Entity],
    entities: &mut Vec<EntityFact>,
    relations: &mut Vec<RelationFact>,
    url: &Arc<str>,
    date: &Option<Arc<str>>,
) {
    let mut sentences = None;
    // Places the article names itself (with mentions of their own).
    let named: BTreeSet<String> = entities
        .iter()
        .filter(|e| e.mentions > 0)
        .map(|e| e.id.clone())
        .collect();
    let mut have: BTreeSet<String> = entities.iter().map(|e| e.id.clone()).collect();
    let mut linked: BTreeSet<String> = BTreeSet::new();
    for e in nodes.iter().filter(|e| e.kind == EntityType::Location) {
        let Some(first) = e.mentions.first() else {
            continue;
        };
        // A site (`서울 강남구 삼성동 코엑스`, `해운대역`) lies in the place
        // its mention writes before it or its name starts with.
        let site = e.id.starts_with(entities::places::SITE_ID_PREFIX);
        // A site written right after another site lies in it (`존슨카운티
        // 벌리슨시`); the other one's own links start there.
        let in_site = site
            .then(|| site_written_before(nodes, e))
            .flatten()
            .map(|s| s.id.clone());
        let found = if in_site.is_some() {
            None
        } else if site {
            // The smallest one any mention writes (`미국 텍사스주 존슨카운티`
            // and later `미국 존슨카운티`: 텍사스주), also inside the mention
            // of a site written after it (`미국 텍사스주 존슨카운티 벌리슨시`).
            let inside = nodes
                .iter()
                .filter(|o| o.kind == EntityType::Location && o.id != e.id)
                .flat_map(|o| o.mentions.iter())
                .filter_map(|m| {
                    let at = m.text.find(&format!("{} ", e.label_ko))?;
                    Some(&m.text[..at + e.label_ko.len()])
                });
            e.mentions
                .iter()
                .map(|m| m.text.as_str())
                .chain(inside)
                .filter_map(|t| places.container_written(&e.label_ko, t))
                .max_by_key(|&p| places.ancestors(p).count())
        } else {
            places.get(&e.id)
        };
        if found.is_none() && in_site.is_none() {
            continue;
        }
        let sentences = sentences.get_or_insert_with(|| split_sentences(text));
        let Some(s) = sentences
            .iter()
            .find(|s| s.start <= first.start && first.start < s.end)
        else {
            continue;
        };
        let sentence: Arc<str> = Arc::from(s.text);
        let evidence = || Evidence {
            date: date.clone(),
            url: url.clone(),
            start: s.start,
            end: s.end,
            sentence: sentence.clone(),
            modality: Modality::Asserted,
        };
        if let Some(parent) = in_site {
            relations.push(RelationFact {
                source: e.id.clone(),
                target: parent,
                kind: RelationKind::LocatedIn,
                directed: true,
                confidence: 1.0,
                attributes: BTreeMap::from([("source".to_string(), "text".to_string())]),
                evidence: evidence(),
            });
            continue;
        }
        let Some(mut child) = found else {
            continue;
        };
        if site {
            let p = places.place(child);
            if have.insert(p.id.clone()) {
                entities.push(place_node(p));
            }
            relations.push(RelationFact {
                source: e.id.clone(),
                target: p.id.clone(),
                kind: RelationKind::LocatedIn,
                directed: true,
                confidence: 1.0,
                attributes: BTreeMap::from([("source".to_string(), "text".to_string())]),
                evidence: evidence(),
            });
        }
        for parent in places.ancestors(child) {
            let (c, p) = (places.place(child), places.place(parent));
            child = parent;
            let parent_named = named.contains(&p.id);
            if parent_named && !e.mentions.iter().any(|m| written_before(text, m, p)) {
                // Named apart from this place: its own links start there.
                break;
            }
            if !linked.insert(c.id.clone()) {
                break;
            }
            if have.insert(p.id.clone()) {
                entities.push(place_node(p));
            }
            relations.push(RelationFact {
                source: c.id.clone(),
                target: p.id.clone(),
                kind: RelationKind::LocatedIn,
                directed: true,
                confidence: 1.0,
                attributes: BTreeMap::from([("source".to_string(), c.origin.as_str().to_string())]),
                evidence: evidence(),
            });
        }
    }
}

/// The node of a place the article does not name itself (no mentions).
fn place_node(p: &entities::places::Place) -> EntityFact {
    EntityFact {
        id: p.id.clone(),
        kind: EntityType::Location.as_str().to_string(),
        label_ko: p.ko.clone(),
        label_en: if p.en.is_empty() {
            entities::romanize::capitalize_words(&entities::romanize::romanize_name(&p.ko))
        } else {
            p.en.clone()
        },
        aliases: p.aliases.clone(),
        roles: Vec::new(),
        mentions: 0,
    }
}

/// Whether `place` is written just before mention `m` as its container:
/// inside a joined mention (`경기 이천시 마장면`) or in one of the two words
/// before it (`부산 금정구`, `중국의 상하이`).
fn written_before(text: &str, m: &entities::Mention, place: &entities::places::Place) -> bool {
    let is_name = |w: &str| {
        let w = w.strip_suffix('의').filter(|w| !w.is_empty()).unwrap_or(w);
        place.ko == w || place.aliases.iter().any(|a| a == w)
    };
    let inside = m.text.split_whitespace().rev().skip(1).any(is_name);
    let line_start = text[..m.byte_start].rfind('\n').map_or(0, |i| i + 1);
    inside
        || text[line_start..m.byte_start]
            .split_whitespace()
            .rev()
            .take(2)
            .any(is_name)
}
