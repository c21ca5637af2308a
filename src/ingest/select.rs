//! Stored facts → the graph `newskg export` writes: a publication-date
//! window, optionally cut down to an entity's N-hop neighbourhood.
//!
//! The graph is rebuilt with [`KnowledgeGraph::add_article`] over the stored
//! [`ArticleFacts`], exactly what `newskg extract` does with the same
//! articles, so the two agree by construction.

use std::collections::{BTreeSet, HashMap};

use crate::graph::{ArticleFacts, KnowledgeGraph};
use crate::store::{Store, StoreError, Window};

/// The kind of plain co-occurrence edges.
const CO_OCCURS_WITH: &str = "co_occurs_with";

/// Why no neighbourhood could be cut.
#[derive(Debug, thiserror::Error)]
#[error(
    "no entity matches {name:?} (by id, Korean or English label, or alias) in the selected articles"
)]
pub struct NoSuchEntity {
    /// The name asked for.
    pub name: String,
}

/// The graph of every stored article published in `window`.
pub fn window_graph(
    store: &impl Store,
    window: &Window,
    max_evidence: usize,
) -> Result<KnowledgeGraph, StoreError> {
    let mut g = KnowledgeGraph::new(max_evidence);
    for facts in store.facts(window)? {
        g.add_article(&facts);
    }
    Ok(g)
}

/// Ids of the entities `name` designates: equal to the id, or (ignoring
/// case) to a label or an alias.
pub fn matching_entities(facts: &[ArticleFacts], name: &str) -> BTreeSet<String> {
    let want = name.trim().to_lowercase();
    let mut out = BTreeSet::new();
    for f in facts {
        for e in &f.entities {
            if e.id == name.trim()
                || e.label_ko.to_lowercase() == want
                || e.label_en.to_lowercase() == want
                || e.aliases.iter().any(|a| a.to_lowercase() == want)
            {
                out.insert(e.id.clone());
            }
        }
    }
    out
}

/// Keeps what lies within `hops` relations of the entity `name`: its
/// entities, the relations between them, and the articles that mention
/// them. Co-occurrence counts as a relation only with `co_occurrence`
/// (as in the export, where it is off by default).
pub fn neighbourhood(
    facts: Vec<ArticleFacts>,
    name: &str,
    hops: usize,
    co_occurrence: bool,
) -> Result<Vec<ArticleFacts>, NoSuchEntity> {
    let start = matching_entities(&facts, name);
    if start.is_empty() {
        return Err(NoSuchEntity {
            name: name.to_string(),
        });
    }
    // Undirected adjacency over the edges the graph would have.
    let mut adj: HashMap<&str, BTreeSet<&str>> = HashMap::new();
    for f in &facts {
        let ids: BTreeSet<&str> = f.entities.iter().map(|e| e.id.as_str()).collect();
        for r in &f.relations {
            if (!co_occurrence && r.kind == CO_OCCURS_WITH)
                || !ids.contains(r.source.as_str())
                || !ids.contains(r.target.as_str())
            {
                continue;
            }
            adj.entry(&r.source).or_default().insert(&r.target);
            adj.entry(&r.target).or_default().insert(&r.source);
        }
    }
    let mut keep: BTreeSet<String> = start.clone();
    let mut frontier: Vec<String> = start.into_iter().collect();
    for _ in 0..hops {
        let mut next = Vec::new();
        for id in &frontier {
            for n in adj.get(id.as_str()).into_iter().flatten() {
                if keep.insert((*n).to_string()) {
                    next.push((*n).to_string());
                }
            }
        }
        if next.is_empty() {
            break;
        }
        frontier = next;
    }
    Ok(facts
        .into_iter()
        .filter_map(|mut f| {
            f.entities.retain(|e| keep.contains(&e.id));
            if f.entities.is_empty() {
                return None;
            }
            f.relations
                .retain(|r| keep.contains(&r.source) && keep.contains(&r.target));
            Some(f)
        })
        .collect())
}

/// The graph of `facts`.
pub fn graph_of(facts: &[ArticleFacts], max_evidence: usize) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::new(max_evidence);
    for f in facts {
        g.add_article(f);
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;
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
            kind: kind.into(),
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
                rel("org:E", "org:A", CO_OCCURS_WITH),
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
