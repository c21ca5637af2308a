//! The pipeline from an [`Article`] to the facts it adds to the graph:
//! entities (stage `entities`), then sentence by sentence the relations
//! between the entities mentioned together (stage `relations`), as
//! [`ArticleFacts`] for [`crate::graph::KnowledgeGraph::add_article`].
//!
//! Stages never call each other; this is the one place they are wired
//! together. Build a [`Pipeline`] once (it loads the dictionary and the
//! gazetteer) and call [`Pipeline::process`] per article; it is `Sync`, so
//! articles can be processed on several threads ([`crate::batch`] does).

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Instant;

use crate::article::Article;
use crate::entities::{self, ArticleEntities, Date, Entity, EntityType, Extractor, Gazetteer};
use crate::graph::{ArticleFacts, ArticleInfo, EntityFact};
use crate::relations::{ArticleRelations, Patterns, RelationClassifier};
use crate::text::Token;
use crate::timing::{Stage, Timings};

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
        let relations = self
            .relations
            .facts(&info, text, all_tokens, found, &node_ids);
        // Article-level facts (a place hierarchy's `located_in`, …) join
        // `relations` here.
        ArticleFacts {
            article: info,
            entities,
            relations,
        }
    }
}
