//! Stored facts → the graph `newskg export` writes: a publication-date
//! window, optionally cut down to an entity's N-hop neighbourhood.
//!
//! The graph is rebuilt with [`KnowledgeGraph::add_article`] over the stored
//! [`ArticleFacts`], exactly what `newskg extract` does with the same
//! articles, so the two agree by construction.

use std::collections::{BTreeSet, HashMap};

use crate::graph::{ArticleFacts, EntityFact, KnowledgeGraph};
use crate::relations::RelationKind;
use crate::store::{Store, StoreError, Window};

/// Why no neighbourhood could be cut.
#[derive(Debug, thiserror::Error)]
#[error(
    "no entity matches {name:?} (by id, Korean or English label, or alias) in the selected articles"
)]
pub struct NoSuchEntity {
    /// The name asked for.
    pub name: String,
}

/// Why an export selection failed.
#[derive(Debug, thiserror::Error)]
pub enum SelectError {
    /// The store could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The entity asked for is not in the window.
    #[error(transparent)]
    NoSuchEntity(#[from] NoSuchEntity),
}

/// The graph of every stored article published in `window`, built one
/// article at a time (a window of any size is never all in memory). The
/// stored co-occurrence facts (most of an article's relations) are left out
/// unless `co_occurrence`: an export that will not write those edges does
/// not hold them either, as `extract` does not build them.
pub fn window_graph(
    store: &(impl Store + ?Sized),
    window: &Window,
    max_evidence: usize,
    co_occurrence: bool,
) -> Result<KnowledgeGraph, StoreError> {
    let mut g = KnowledgeGraph::new(max_evidence);
    store.each_fact(window, &mut |mut facts| {
        if !co_occurrence {
            drop_co_occurrence(&mut facts);
        }
        g.add_article(&facts);
        Ok(())
    })?;
    Ok(g)
}

/// Removes an article's co-occurrence facts.
fn drop_co_occurrence(facts: &mut ArticleFacts) {
    facts
        .relations
        .retain(|r| r.kind != RelationKind::CoOccursWith);
}

/// The graph of what lies within `hops` relations of the entity `name` in
/// `window`: its entities, the relations between them, and the articles
/// that mention them. `name` is matched against ids and (ignoring case)
/// labels and aliases. Co-occurrence counts as a relation only with
/// `co_occurrence` (as in the export, where it is off by default). Two
/// passes over the stored facts: one for the adjacency, one for the graph.
pub fn neighbourhood_graph(
    store: &(impl Store + ?Sized),
    window: &Window,
    (name, hops): (&str, usize),
    co_occurrence: bool,
    max_evidence: usize,
) -> Result<KnowledgeGraph, SelectError> {
    let mut adjacency = Adjacency::new(name, co_occurrence);
    store.each_fact(window, &mut |facts| {
        adjacency.add(&facts);
        Ok(())
    })?;
    let within = adjacency.reach(hops)?;
    let mut g = KnowledgeGraph::new(max_evidence);
    store.each_fact(window, &mut |mut facts| {
        if !co_occurrence {
            drop_co_occurrence(&mut facts);
        }
        if let Some(facts) = within.cut(facts) {
            g.add_article(&facts);
        }
        Ok(())
    })?;
    Ok(g)
}

/// Whether `e` is designated by `name`: equal to the id, or (ignoring case)
/// to a label or an alias. `want` is `name` trimmed and lower-cased.
fn designates(e: &EntityFact, name: &str, want: &str) -> bool {
    e.id == name.trim()
        || e.label_ko.to_lowercase() == want
        || e.label_en.to_lowercase() == want
        || e.aliases.iter().any(|a| a.to_lowercase() == want)
}

/// The first pass of a neighbourhood: the entities a name designates and
/// the undirected adjacency over the edges the graph would have.
struct Adjacency {
    name: String,
    want: String,
    co_occurrence: bool,
    start: BTreeSet<String>,
    adj: HashMap<String, BTreeSet<String>>,
}

impl Adjacency {
    fn new(name: &str, co_occurrence: bool) -> Self {
        Adjacency {
            name: name.to_string(),
            want: name.trim().to_lowercase(),
            co_occurrence,
            start: BTreeSet::new(),
            adj: HashMap::new(),
        }
    }

    fn add(&mut self, f: &ArticleFacts) {
        for e in &f.entities {
            if designates(e, &self.name, &self.want) {
                self.start.insert(e.id.clone());
            }
        }
        let ids: BTreeSet<&str> = f.entities.iter().map(|e| e.id.as_str()).collect();
        for r in &f.relations {
            if (!self.co_occurrence && r.kind == RelationKind::CoOccursWith)
                || !ids.contains(r.source.as_str())
                || !ids.contains(r.target.as_str())
            {
                continue;
            }
            for (a, b) in [(&r.source, &r.target), (&r.target, &r.source)] {
                let neighbours = self.adj.entry(a.clone()).or_default();
                if !neighbours.contains(b) {
                    neighbours.insert(b.clone());
                }
            }
        }
    }

    /// The entities within `hops` edges of the start.
    fn reach(self, hops: usize) -> Result<Within, NoSuchEntity> {
        if self.start.is_empty() {
            return Err(NoSuchEntity { name: self.name });
        }
        let mut keep = self.start.clone();
        let mut frontier: Vec<String> = self.start.into_iter().collect();
        for _ in 0..hops {
            let mut next = Vec::new();
            for id in &frontier {
                for n in self.adj.get(id).into_iter().flatten() {
                    if keep.insert(n.clone()) {
                        next.push(n.clone());
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        Ok(Within { keep })
    }
}

/// The entities of a neighbourhood.
struct Within {
    keep: BTreeSet<String>,
}

impl Within {
    /// An article's facts cut down to the neighbourhood: its entities, the
    /// relations between them; `None` when none of them is in it.
    fn cut(&self, mut f: ArticleFacts) -> Option<ArticleFacts> {
        f.entities.retain(|e| self.keep.contains(&e.id));
        if f.entities.is_empty() {
            return None;
        }
        f.relations
            .retain(|r| self.keep.contains(&r.source) && self.keep.contains(&r.target));
        Some(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What [`neighbourhood_graph`] keeps, on facts in memory.
    fn neighbourhood(
        facts: Vec<ArticleFacts>,
        name: &str,
        hops: usize,
        co_occurrence: bool,
    ) -> Result<Vec<ArticleFacts>, NoSuchEntity> {
        let mut adjacency = Adjacency::new(name, co_occurrence);
        for f in &facts {
            adjacency.add(f);
        }
        let within = adjacency.reach(hops)?;
        Ok(facts.into_iter().filter_map(|f| within.cut(f)).collect())
    }
    use crate::graph::{ArticleInfo, EntityFact, Evidence, Modality, RelationFact};

    fn entity(id: &str) -> EntityFact {
        EntityFact {
            id: id.into(),
            kind: "ORG".into(),
            label_ko: id.trim_start_matches("org:").into(),
            label_en: String::new(),
            aliases: vec![],
            roles: vec![],
            mentions: 1,
        }
    }

    fn rel(a: &str, b: &str, kind: &str) -> RelationFact {
        RelationFact {
            source: a.into(),
            target: b.into(),
            kind: kind.parse().unwrap(),
            directed: true,
            confidence: 0.9,
            attributes: Default::default(),
            evidence: Evidence {
                date: None,
                url: "u".into(),
                start: 0,
                end: 1,
                sentence: "s".into(),
                modality: Modality::Asserted,
            },
        }
    }

    fn chain() -> Vec<ArticleFacts> {
        // A - B - C - D, and E co-occurring with A.
        vec![ArticleFacts {
            article: ArticleInfo {
                url: "u".into(),
                title: None,
                published: None,
                publisher: None,
            },
            entities: ["A", "B", "C", "D", "E"]
                .iter()
                .map(|x| entity(&format!("org:{x}")))
                .collect(),
            relations: vec![
                rel("org:A", "org:B", "partner_of"),
                rel("org:B", "org:C", "acquires"),
                rel("org:C", "org:D", "invests_in"),
                rel("org:E", "org:A", RelationKind::CoOccursWith.as_str()),
            ],
        }]
    }

    #[test]
    fn hops_bound_the_neighbourhood() {
        let ids = |f: &[ArticleFacts]| -> Vec<String> {
            f[0].entities.iter().map(|e| e.id.clone()).collect()
        };
        let one = neighbourhood(chain(), "B", 1, false).unwrap();
        assert_eq!(ids(&one), ["org:A", "org:B", "org:C"]);
        assert_eq!(one[0].relations.len(), 2);
        let two = neighbourhood(chain(), "org:A", 2, false).unwrap();
        assert_eq!(ids(&two), ["org:A", "org:B", "org:C"]);
        let co = neighbourhood(chain(), "a", 1, true).unwrap();
        assert_eq!(ids(&co), ["org:A", "org:B", "org:E"]);
        assert!(neighbourhood(chain(), "Z", 1, false).is_err());
    }
}
