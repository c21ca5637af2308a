//! The relation step of one article: sentence by sentence, the mentions of
//! graph entities become arguments, each sentence is analysed once
//! ([`RelationClassifier::sentence`]), every pair is classified (typed
//! relations first, then open ones), and the results become
//! [`RelationFact`]s with their evidence.
//!
//! Article-level reading lives here too: `양사는` and `두 회사는` stand for
//! the last two organisations named, `이 회사는` and `동사는` for the last one
//! (the words are `[anaphora]` in the pattern files); a contract's term
//! written in the next sentence (`계약 기간은 5년이다`) is added to it; a
//! title in apposition (`김영섭 KT 대표가 … 수 있다`) is presupposed, so the
//! clause's modality does not touch it.
//!
//! A sentence whose main clauses have no subject takes the topic of the
//! sentence before (`KT는 …했다. 또 B와 계약을 맺었다.`: KT is the one
//! who signs) as a stand-in subject, with less confidence, as long as no
//! other subject intervenes, in the same paragraph and outside quotations.
//! A product as topic hands on its maker (`P는 …받았다. E에선 선보였다`).
//! A paragraph that opens without a subject takes the company the article
//! is about (the organisation most often the topic so far, at least
//! twice: itself, through its head or through its product), for typed
//! relations only; never the person the paragraph before ended with. The
//! clauses of a quotation with no subject of their own are the speaker's
//! side: the organisation that is the topic, or the one a person topic
//! heads (`김 대표는 "B와 협력을 시작했다"고 말했다`: the company partners
//! with B).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use super::context::written_word;
use super::engine::Topic;
use super::lexicon::{CAST_MARKERS, CONTINUING};
use super::patterns::Refers;
use super::{Arg, ArgKind, RelationClassifier, RelationKind, Which, find_duration};
use crate::entities::{ArticleEntities, EntityType, Mention};
use crate::graph::{ArticleInfo, Evidence, Modality, RelationFact};
use crate::text::Token;
use crate::text::sentences::split_sentences;

/// Whether a relation kind becomes a graph edge. `alias_of` is entity linking's
/// business (aliases merge into one node) and `has_title` points at a title,
/// not an entity; kinds whose target is a date or an amount drop out with
/// their target, which is no node.
pub fn is_graph_kind(k: RelationKind) -> bool {
    !matches!(
        k,
        RelationKind::AliasOf | RelationKind::HasTitle | RelationKind::CoOccursWith
    )
}

/// Confidence given to plain sentence co-occurrence.
const CO_OCCURRENCE_CONFIDENCE: f64 = 0.1;

/// The argument kind of an entity type.
pub fn arg_kind(t: EntityType) -> ArgKind {
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

/// One argument mention of a sentence: an entity mention, or a word that
/// refers back to one (`양사`).
#[derive(Debug, Clone)]
struct Mentioned<'m> {
    id: &'m str,
    kind: EntityType,
    /// Offsets in the article text.
    start: usize,
    end: usize,
}

/// The relation step, configured once and used for many articles.
#[derive(Debug, Clone)]
pub struct ArticleRelations<'a> {
    classifier: RelationClassifier<'a>,
    co_occurrence: bool,
}

impl<'a> ArticleRelations<'a> {
    /// The step with `classifier`; `co_occurrence` adds plain sentence
    /// co-occurrence facts.
    pub fn new(classifier: RelationClassifier<'a>, co_occurrence: bool) -> Self {
        ArticleRelations {
            classifier,
            co_occurrence,
        }
    }

    /// The relation facts of an article: `text` is what was analysed
    /// (headline and body), `tokens` its analysis, `found` its entities,
    /// `nodes` the ids of those that become graph nodes.
    pub fn facts(
        &self,
        info: &ArticleInfo,
        text: &str,
        all_tokens: &[Token<'_>],
        found: &ArticleEntities,
        nodes: &BTreeSet<&str>,
    ) -> Vec<RelationFact> {
        // Shared by every evidence record of the article.
        let evidence_url: Arc<str> = Arc::from(info.url.as_str());
        let evidence_date: Option<Arc<str>> = info.date().map(Arc::from);
        // Every mention (of any type: amounts and dates feed relation
        // attributes) by start offset.
        let mut mentions: Vec<&Mention> = found
            .entities
            .iter()
            .flat_map(|e| e.mentions.iter())
            .collect();
        mentions.sort_by_key(|m| (m.start, m.end));
        let anaphora = self.classifier.patterns().anaphora();

        let mut relations: Vec<RelationFact> = Vec::new();
        let mut t = 0;
        let mut m = 0;
        let mut contract_without_term: Vec<usize> = Vec::new();
        // Organisations named so far, most recent last (for `양사`).
        let mut orgs: Vec<&str> = Vec::new();
        // The pair the last `양사` stood for, and the organisations named
        // since that are not in it: one organisation cited in passing (`C의
        // 보고서에 따르면`) does not change which two companies the article
        // is about; two new ones do.
        let mut last_pair: Option<[&str; 2]> = None;
        let mut named_since: Vec<&str> = Vec::new();
        // The topic of the sentences so far in the paragraph: the stand-in
        // for a subject left out.
        let mut topic: Option<(&str, EntityType)> = None;
        // Who a person speaks for (the organisation they head, from the
        // article's own `ceo_of`/`leads` edges), the maker of each product,
        // and how often each organisation was a sentence's topic, in
        // person or through its head or its product: the company the
        // article is about.
        let mut speaks_for: HashMap<&str, &str> = HashMap::new();
        let mut makers: HashMap<&str, &str> = HashMap::new();
        let mut focus: HashMap<&str, usize> = HashMap::new();
        // Whether the topic carried is that company, taken up across a
        // paragraph break rather than named in the paragraph: it gives
        // typed relations only, as a paragraph may go on about someone
        // else (a new executive's career) without naming them.
        let mut weak = false;
        let mut prev_end = 0usize;
        // Sentences naming two products or more: (their ids, evidence).
        let mut product_sentences: Vec<(Vec<&str>, Evidence)> = Vec::new();
        // Cast lists (`A-B-C 등`): (the people, evidence).
        let mut cast_lists: Vec<(Vec<&str>, Evidence)> = Vec::new();
        for s in split_sentences(text) {
            while m < mentions.len() && mentions[m].start < s.start {
                m += 1;
            }
            let mut inside: Vec<Mentioned> = Vec::new();
            let mut k = m;
            while k < mentions.len() && mentions[k].start < s.end {
                let x = mentions[k];
                if x.end <= s.end {
                    inside.push(Mentioned {
                        id: &x.id,
                        kind: x.kind,
                        start: x.start,
                        end: x.end,
                    });
                }
                k += 1;
            }
            // A paragraph break or a quotation ends the topic, unless the
            // paragraph opens with an adverb that goes on (`또 B를 방문해`).
            let para_break = text
                .get(prev_end..s.byte_start)
                .is_some_and(|gap| gap.contains('\n'))
                && !CONTINUING.iter().any(|w| {
                    s.text
                        .trim_start()
                        .strip_prefix(w)
                        .is_some_and(|r| r.starts_with(' '))
                });
            prev_end = s.byte_start + s.text.len();
            let quoted = s.text.trim_start().starts_with(['"', '“', '「', '『']);
            let carry = if quoted {
                None
            } else if para_break {
                // A new paragraph that names no subject goes on about the
                // company the article is about, not about whoever the last
                // paragraph ended with.
                topic = None;
                weak = true;
                article_company(&focus).map(|id| (id, EntityType::Org))
            } else {
                topic.take()
            };
            // Words that stand for organisations named before.
            let chars: Vec<char> = s.text.chars().collect();
            let mut refs: Vec<Mentioned> = Vec::new();
            for (at, len, refers) in anaphora.find(&chars) {
                let (start, end) = (s.start + at, s.start + at + len);
                if inside.iter().any(|x| x.start < end && start < x.end) {
                    continue;
                }
                if refers == Refers::Reflexive {
                    // The topic before it in this sentence (`A는 B의 X를 자사
                    // Y에`), else the topic carried from the sentence before;
                    // a subject in 이/가 may head a relative clause (`B가
                    // 출시한 X를 두고 자사 Y와`), so it is not taken.
                    let topic_here = inside
                        .iter()
                        .rev()
                        .find(|x| {
                            x.end <= start
                                && x.kind == EntityType::Org
                                && nodes.contains(x.id)
                                && matches!(
                                    written_word(&chars, x.end - s.start).0.as_str(),
                                    "은" | "는"
                                )
                        })
                        .map(|x| x.id);
                    let carried = carry
                        .filter(|(id, kind)| *kind == EntityType::Org && nodes.contains(id))
                        .map(|(id, _)| id);
                    if let Some(id) = topic_here.or(carried) {
                        refs.push(Mentioned {
                            id,
                            kind: EntityType::Org,
                            start,
                            end,
                        });
                    }
                    continue;
                }
                let pair = refers == Refers::Pair;
                // The organisations named before it, most recent last.
                let mut before: Vec<&str> = orgs.clone();
                for x in inside
                    .iter()
                    .filter(|x| x.end <= start && x.kind == EntityType::Org)
                {
                    before.retain(|o| *o != x.id);
                    before.push(x.id);
                }
                let want = if pair { 2 } else { 1 };
                if before.len() < want || !before.iter().all(|o| nodes.contains(o)) {
                    continue;
                }
                let mut chosen: Vec<&str> = before[before.len() - want..].to_vec();
                if pair {
                    let new_here = inside.iter().filter(|x| {
                        x.end <= start
                            && x.kind == EntityType::Org
                            && last_pair.is_some_and(|p| !p.contains(&x.id))
                            && !named_since.contains(&x.id)
                    });
                    let fresh =
                        named_since.len() + new_here.map(|x| x.id).collect::<BTreeSet<_>>().len();
                    match last_pair {
                        Some(p) if fresh < 2 => chosen = p.to_vec(),
                        _ => {}
                    }
                    last_pair = Some([chosen[0], chosen[1]]);
                    named_since.clear();
                }
                for id in chosen {
                    refs.push(Mentioned {
                        id,
                        kind: EntityType::Org,
                        start,
                        end,
                    });
                }
            }
            for x in inside
                .iter()
                .filter(|x| x.kind == EntityType::Org && nodes.contains(x.id))
            {
                orgs.retain(|o| *o != x.id);
                orgs.push(x.id);
                if last_pair.is_some_and(|p| !p.contains(&x.id)) && !named_since.contains(&x.id) {
                    named_since.push(x.id);
                }
            }
            inside.extend(refs);
            inside.sort_by_key(|x| (x.start, x.end));
            // A contract's term is often the next sentence's news (`…계약을
            // 체결했다. 5년간 매년 …씩 지급하는 계약이다.`).
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
            let may_be_topic = inside.iter().any(|x| {
                matches!(
                    x.kind,
                    EntityType::Org | EntityType::Person | EntityType::Product
                )
            });
            if inside.len() < 2 && carry.is_none() && !may_be_topic {
                continue;
            }
            let sentence = s.text;
            // One copy of the sentence for all its facts.
            let shared_sentence: Arc<str> = Arc::from(sentence);
            let evidence = |modality| Evidence {
                date: evidence_date.clone(),
                url: evidence_url.clone(),
                start: s.start,
                end: s.end,
                sentence: shared_sentence.clone(),
                modality,
            };
            let mut products: Vec<&str> = inside
                .iter()
                .filter(|x| x.kind == EntityType::Product && nodes.contains(x.id))
                .map(|x| x.id)
                .collect();
            products.sort_unstable();
            products.dedup();
            if products.len() >= 2 {
                product_sentences.push((products, evidence(Modality::Asserted)));
            }
            for run in hyphen_runs(&inside, &chars, s.start) {
                let people: Vec<&str> = run.into_iter().filter(|id| nodes.contains(id)).collect();
                if people.len() >= CAST_LIST_MIN {
                    cast_lists.push((people, evidence(Modality::Asserted)));
                }
            }
            let cast: Vec<&str> = cast_in_parentheses(&inside, &chars, s.start)
                .into_iter()
                .filter(|id| nodes.contains(id))
                .collect();
            if !cast.is_empty() {
                cast_lists.push((cast, evidence(Modality::Asserted)));
            }
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
            let (inside, args) = fold_parenthetical_aliases(&inside, &chars, s.start);
            let mut analysed = self.classifier.sentence(sentence, &tokens, &args);
            let said = analysed.topic();
            if said != Topic::Absent {
                weak = false;
            }
            // A product as topic stands for its maker (`P는 …했다. E에선
            // 선보였다`: the maker shows it there).
            topic = match said {
                Topic::Absent => carry,
                Topic::Entity(i) => {
                    let x = &inside[i];
                    if !nodes.contains(x.id) {
                        None
                    } else if x.kind == EntityType::Product {
                        makers.get(x.id).map(|&m| (m, EntityType::Org))
                    } else {
                        Some((x.id, x.kind))
                    }
                }
                Topic::Other => None,
            };
            if matches!(said, Topic::Entity(_))
                && let Some(org) = company_of(topic, &speaks_for)
            {
                *focus.entry(org).or_default() += 1;
            }
            let n_real = inside.len();
            let first_fact = relations.len();
            let standin = match (carry, said) {
                (Some((id, kind)), Topic::Absent) if n_real > 0 && nodes.contains(id) => {
                    Some((analysed.add_standin(arg_kind(kind)), id, kind))
                }
                _ => None,
            };
            if n_real < 2 && standin.is_none() {
                continue;
            }
            let mut inside = inside;
            if let Some((_, id, kind)) = standin {
                inside.push(Mentioned {
                    id,
                    kind,
                    start: s.start,
                    end: s.start,
                });
            }
            // A quotation speaks for the speaker's side: an organisation
            // that is the topic, or the one a person topic heads (named so
            // here, `김 대표 A사 대표는 "…"`, or before in the article).
            let speaker = match said {
                Topic::Entity(i) => Some(i),
                _ => None,
            };
            let speaker_org = speaker.and_then(|i| {
                let x = &inside[i];
                if !nodes.contains(x.id) {
                    return None;
                }
                match x.kind {
                    EntityType::Org => Some(x.id),
                    EntityType::Person => speaks_for.get(x.id).copied().or_else(|| {
                        (0..n_real).find_map(|j| {
                            let r = analysed.classify(i, j)?;
                            (inside[j].kind == EntityType::Org
                                && nodes.contains(inside[j].id)
                                && r.source == Which::A
                                && heads(r.kind))
                            .then_some(inside[j].id)
                        })
                    }),
                    _ => None,
                }
            });
            let voice = speaker_org
                .or_else(|| company_of(carry.filter(|_| standin.is_some()), &speaks_for))
                .filter(|_| s.text.contains(['"', '“', '”']))
                .map(|id| {
                    let x = analysed.add_voice(ArgKind::Org);
                    debug_assert_eq!(x, inside.len());
                    inside.push(Mentioned {
                        id,
                        kind: EntityType::Org,
                        start: s.start,
                        end: s.start,
                    });
                    (x, id)
                });
            // Typed relations between graph entities, one per entity pair
            // and kind in a sentence; then open ones for pairs with none.
            let mut seen: HashMap<(&str, &str, RelationKind, Option<String>), usize> =
                HashMap::new();
            let mut typed_pairs: BTreeSet<(&str, &str)> = BTreeSet::new();
            let mut co: BTreeSet<(&str, &str)> = BTreeSet::new();
            let mut candidates: Vec<(usize, usize)> = Vec::new();
            for i in 0..n_real {
                for j in i + 1..n_real {
                    let (a, b) = (&inside[i], &inside[j]);
                    if a.id == b.id || !nodes.contains(a.id) || !nodes.contains(b.id) {
                        continue;
                    }
                    let pair = if a.id < b.id {
                        (a.id, b.id)
                    } else {
                        (b.id, a.id)
                    };
                    if self.co_occurrence {
                        co.insert(pair);
                    }
                    candidates.push((i, j));
                }
            }
            let mut record = |r: super::Relation,
                              i: usize,
                              j: usize,
                              relations: &mut Vec<RelationFact>,
                              contract_without_term: &mut Vec<usize>| {
                let (a, b) = (&inside[i], &inside[j]);
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
                            | RelationKind::MemberOf
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
                let key = (src.id, dst.id, r.kind, r.predicate.clone());
                if let Some(&idx) = seen.get(&key) {
                    // The same fact twice in one sentence counts once, best
                    // confidence.
                    let fact: &mut RelationFact = &mut relations[idx];
                    fact.confidence = fact.confidence.max(r.confidence as f64);
                    return;
                }
                let mut attributes = BTreeMap::new();
                if let Some(role) = &r.role {
                    attributes.insert("role".to_string(), role.clone());
                }
                if let Some(p) = &r.predicate {
                    attributes.insert("predicate".to_string(), p.clone());
                }
                if let Some(money) = &r.money {
                    attributes.insert("amount".to_string(), money.amount.to_string());
                    attributes.insert("currency".to_string(), money.currency.to_string());
                }
                if let Some(d) = &r.duration {
                    attributes.insert("duration".to_string(), format!("{} {}", d.value, d.unit));
                }
                if r.kind == RelationKind::ContractWith && r.duration.is_none() {
                    contract_without_term.push(relations.len());
                }
                seen.insert(key, relations.len());
                relations.push(RelationFact {
                    source: src.id.to_string(),
                    target: dst.id.to_string(),
                    kind: r.kind,
                    directed: r.kind.is_directed(),
                    confidence: r.confidence as f64,
                    attributes,
                    evidence: evidence(modality),
                });
            };
            // What subjectless main clauses say of the stand-in, then what
            // the quotation's subjectless clauses say of the voice.
            let referents = [
                standin.map(|(x, id, _)| (x, id, false)),
                voice.map(|(x, id)| (x, id, true)),
            ];
            for (x, id, voiced) in referents.into_iter().flatten() {
                let ids: Vec<&str> = inside[..n_real].iter().map(|m| m.id).collect();
                for (j, b) in ids.into_iter().enumerate() {
                    if b == id || !nodes.contains(b) {
                        continue;
                    }
                    let pair = if id < b { (id, b) } else { (b, id) };
                    if typed_pairs.contains(&pair) {
                        continue;
                    }
                    let found = if voiced {
                        analysed.voiced(j)
                    } else {
                        analysed.carried(j)
                    };
                    // A company taken up across a paragraph break gives
                    // typed relations only.
                    if let Some(r) = found
                        && is_graph_kind(r.kind)
                        && (voiced || !(weak && r.kind == RelationKind::Related))
                    {
                        typed_pairs.insert(pair);
                        record(r, x, j, &mut relations, &mut contract_without_term);
                    }
                }
            }
            let mut open: Vec<(usize, usize)> = Vec::new();
            for &(i, j) in &candidates {
                match analysed.classify(i, j) {
                    Some(r) if is_graph_kind(r.kind) => {
                        let (a, b) = (inside[i].id, inside[j].id);
                        typed_pairs.insert(if a < b { (a, b) } else { (b, a) });
                        record(r, i, j, &mut relations, &mut contract_without_term);
                    }
                    Some(_) => {}
                    None => open.push((i, j)),
                }
            }
            for (i, j) in open {
                let (a, b) = (inside[i].id, inside[j].id);
                if typed_pairs.contains(&if a < b { (a, b) } else { (b, a) }) {
                    continue;
                }
                if let Some(r) = analysed.open(i, j) {
                    record(r, i, j, &mut relations, &mut contract_without_term);
                }
            }
            for r in &relations[first_fact..] {
                let (Some(&src), Some(&dst)) =
                    (nodes.get(r.source.as_str()), nodes.get(r.target.as_str()))
                else {
                    continue;
                };
                let org = |id: &str| {
                    inside
                        .iter()
                        .any(|m| m.id == id && m.kind == EntityType::Org)
                };
                if heads(r.kind) && org(dst) {
                    speaks_for.entry(src).or_insert(dst);
                } else if r.kind == RelationKind::ProductOf && org(dst) {
                    makers.entry(src).or_insert(dst);
                }
            }
            if let Topic::Entity(i) = said
                && inside[i].kind == EntityType::Product
                && topic.is_none()
                && let Some(&m) = makers.get(inside[i].id)
            {
                topic = Some((m, EntityType::Org));
                *focus.entry(m).or_default() += 1;
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
        brand_lines(found, &product_sentences, &mut relations);
        cast_of_the_work(found, nodes, &cast_lists, &mut relations);
        // A pair with a typed relation anywhere in the article needs no
        // open one: the typed fact says more.
        let typed: BTreeSet<(&str, &str)> = relations
            .iter()
            .filter(|r| !matches!(r.kind, RelationKind::Related | RelationKind::CoOccursWith))
            .map(|r| ordered(&r.source, &r.target))
            .collect();
        let keep: Vec<bool> = relations
            .iter()
            .map(|r| {
                r.kind != RelationKind::Related || !typed.contains(&ordered(&r.source, &r.target))
            })
            .collect();
        let mut keep = keep.into_iter();
        relations.retain(|_| keep.next().unwrap_or(true));
        relations
    }
}

/// How much less sure a maker given by a product line is than the one it
/// comes from.
const BRAND_LINE_FACTOR: f64 = 0.8;

/// Products of one line: a product named after another one and a word
/// (`애저 센티넬` after `애저`, `갤럭시 S24` after `갤럭시`), both named in
/// one sentence, has the maker the article gives the other one, when it
/// has none of its own.
fn brand_lines(
    found: &ArticleEntities,
    sentences: &[(Vec<&str>, Evidence)],
    relations: &mut Vec<RelationFact>,
) {
    if sentences.is_empty() {
        return;
    }
    // Each entity's names of two letters or more, read once.
    let mut forms: HashMap<&str, Vec<&str>> = HashMap::new();
    for e in &found.entities {
        forms.entry(e.id.as_str()).or_insert_with(|| {
            std::iter::once(e.label_ko.as_str())
                .chain(e.aliases.iter().map(String::as_str))
                .filter(|f| f.chars().count() >= 2)
                .collect()
        });
    }
    let forms = |id: &str| forms.get(id).map_or(&[][..], Vec::as_slice);
    // Each product's best asserted maker, and which products have one.
    let mut makers: HashMap<String, (String, f64)> = HashMap::new();
    for r in relations.iter() {
        if r.kind != RelationKind::ProductOf {
            continue;
        }
        let best = makers
            .entry(r.source.clone())
            .or_insert_with(|| (r.target.clone(), f64::MIN));
        if r.evidence.modality == Modality::Asserted && r.confidence > best.1 {
            *best = (r.target.clone(), r.confidence);
        }
    }
    let mut added: Vec<RelationFact> = Vec::new();
    for (ids, evidence) in sentences {
        for &p in ids {
            if makers.contains_key(p) {
                continue;
            }
            let names = forms(p);
            let maker = ids.iter().filter(|&&q| q != p).find_map(|&q| {
                let (target, confidence) = makers.get(q)?;
                let of_line = forms(q).iter().any(|f| {
                    names.iter().any(|n| {
                        n.strip_prefix(f)
                            .is_some_and(|rest| rest.starts_with(' ') && !rest.trim().is_empty())
                    })
                });
                (of_line && target != p && *confidence > 0.0).then(|| (target.clone(), *confidence))
            });
            if let Some((target, confidence)) = maker {
                added.push(RelationFact {
                    source: p.to_string(),
                    target: target.clone(),
                    kind: RelationKind::ProductOf,
                    directed: true,
                    confidence: confidence * BRAND_LINE_FACTOR,
                    attributes: BTreeMap::new(),
                    evidence: evidence.clone(),
                });
                makers.insert(p.to_string(), (target, f64::MIN));
            }
        }
    }
    relations.extend(added);
}

/// How many names joined by hyphens make a cast list.
const CAST_LIST_MIN: usize = 3;

/// How sure a cast list's work is: the sentence does not name it.
const CAST_LIST_CONFIDENCE: f64 = 0.6;

/// Runs of people named one after another with only a hyphen between them
/// (`한서진-오다인-정해진`), the way entertainment news lists a cast; a
/// hyphenated name (`장-폴`) is one mention, no run.
fn hyphen_runs<'m>(inside: &[Mentioned<'m>], chars: &[char], base: usize) -> Vec<Vec<&'m str>> {
    let mut runs = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut last_end: Option<usize> = None;
    for m in inside.iter().filter(|m| m.kind == EntityType::Person) {
        let joined = last_end
            .is_some_and(|e| m.start == e + 1 && e >= base && chars.get(e - base) == Some(&'-'));
        if !joined {
            if run.len() >= CAST_LIST_MIN {
                runs.push(std::mem::take(&mut run));
            }
            run.clear();
        }
        if !run.contains(&m.id) {
            run.push(m.id);
        }
        last_end = Some(m.end);
    }
    if run.len() >= CAST_LIST_MIN {
        runs.push(run);
    }
    runs
}

/// The people cast in parentheses after a character (`김사부(한석규 분)`):
/// a person alone between `(` and a casting marker (`분`, data) before `)`.
fn cast_in_parentheses<'m>(inside: &[Mentioned<'m>], chars: &[char], base: usize) -> Vec<&'m str> {
    let mut cast = Vec::new();
    for m in inside.iter().filter(|m| m.kind == EntityType::Person) {
        let (Some(start), Some(end)) = (m.start.checked_sub(base), m.end.checked_sub(base)) else {
            continue;
        };
        let mut i = start;
        while i > 0 && chars.get(i - 1) == Some(&' ') {
            i -= 1;
        }
        if i == 0 || chars.get(i - 1) != Some(&'(') {
            continue;
        }
        let mut j = end;
        while chars.get(j) == Some(&' ') {
            j += 1;
        }
        let close = chars[j.min(chars.len())..]
            .iter()
            .take(CAST_MARKER_SPAN)
            .position(|&c| c == ')');
        let Some(close) = close else {
            continue;
        };
        let marker: String = chars[j..j + close].iter().collect();
        if CAST_MARKERS.contains(&marker.trim_end()) && !cast.contains(&m.id) {
            cast.push(m.id);
        }
    }
    cast
}

/// How far after the name the casting marker's `)` may be.
const CAST_MARKER_SPAN: usize = 8;

/// A cast list (`배우 A-B-C-D 등`) in an article about one work only (one
/// WORK among its nodes) is that work's cast: each person appears in it,
/// unless the article already relates them some other way.
fn cast_of_the_work(
    found: &ArticleEntities,
    nodes: &BTreeSet<&str>,
    lists: &[(Vec<&str>, Evidence)],
    relations: &mut Vec<RelationFact>,
) {
    if lists.is_empty() {
        return;
    }
    let mut works = found
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::Work && nodes.contains(e.id.as_str()));
    let (Some(work), None) = (works.next(), works.next()) else {
        return;
    };
    let related: BTreeSet<(&str, &str)> = relations
        .iter()
        .filter(|r| r.kind != RelationKind::CoOccursWith)
        .map(|r| ordered(&r.source, &r.target))
        .collect();
    let mut added: Vec<RelationFact> = Vec::new();
    let mut done: BTreeSet<&str> = BTreeSet::new();
    for (people, evidence) in lists {
        for &p in people {
            if related.contains(&ordered(p, &work.id)) || !done.insert(p) {
                continue;
            }
            added.push(RelationFact {
                source: p.to_string(),
                target: work.id.clone(),
                kind: RelationKind::AppearsIn,
                directed: true,
                confidence: CAST_LIST_CONFIDENCE,
                attributes: BTreeMap::new(),
                evidence: evidence.clone(),
            });
        }
    }
    relations.extend(added);
}

fn ordered<'s>(a: &'s str, b: &'s str) -> (&'s str, &'s str) {
    if a < b { (a, b) } else { (b, a) }
}

/// Folds a parenthetical alias (and surrounding quotes) into the mention
/// before it: in `마이크로소프트(MS)와` the relation rules should see one
/// argument, `마이크로소프트(MS)`, followed by its particle, not two mentions
/// of the same entity with a bracket between them. Returns the remaining
/// mentions and their argument spans (relative to the sentence starting at
/// char `base`).
fn fold_parenthetical_aliases<'m>(
    mentions: &[Mentioned<'m>],
    chars: &[char],
    base: usize,
) -> (Vec<Mentioned<'m>>, Vec<Arg>) {
    let mut kept = Vec::with_capacity(mentions.len());
    let mut args: Vec<Arg> = Vec::with_capacity(mentions.len());
    let mut i = 0;
    while i < mentions.len() {
        let m = &mentions[i];
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
        kept.push(m.clone());
        args.push(Arg::new(start, end, arg_kind(m.kind)));
        i += 1;
    }
    (kept, args)
}

/// Kinds that make a person speak for an organisation.
fn heads(k: RelationKind) -> bool {
    matches!(k, RelationKind::CeoOf | RelationKind::Leads)
}

/// The organisation a topic is or speaks for.
fn company_of<'x>(
    topic: Option<(&'x str, EntityType)>,
    speaks_for: &HashMap<&'x str, &'x str>,
) -> Option<&'x str> {
    match topic? {
        (id, EntityType::Org) => Some(id),
        (id, EntityType::Person) => speaks_for.get(id).copied(),
        _ => None,
    }
}

/// The company an article is about, so far: the organisation that was the
/// topic of most sentences (itself, through its head or its product), at
/// least twice and more often than any other.
fn article_company<'x>(focus: &HashMap<&'x str, usize>) -> Option<&'x str> {
    let mut best: Option<(&str, usize)> = None;
    let mut tie = false;
    for (&id, &n) in focus {
        match best {
            Some((_, m)) if n < m => {}
            Some((_, m)) if n == m => tie = true,
            _ => {
                best = Some((id, n));
                tie = false;
            }
        }
    }
    best.filter(|&(_, n)| n >= 2 && !tie).map(|(id, _)| id)
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use crate::article::from_text;
    use crate::graph::ArticleFacts;
    use crate::pipeline::Pipeline;

    static PIPELINE: LazyLock<Pipeline> = LazyLock::new(|| Pipeline::new().unwrap());

    fn facts(text: &str) -> ArticleFacts {
        let article = from_text(text, Some("https://news.example/1".into())).unwrap();
        PIPELINE.process(&article)
    }

    fn appears(f: &ArticleFacts, who: &str) -> bool {
        let Some(p) = f.entities.iter().find(|e| e.label_ko == who) else {
            return false;
        };
        f.relations
            .iter()
            .any(|r| r.source == p.id && r.kind.as_str() == "appears_in")
    }

    #[test]
    fn a_hyphenated_cast_list_appears_in_the_articles_one_work() {
        let f = facts(
            "새 드라마 '푸른 계절' 단체 포스터 공개\n\n\
             KBS 새 드라마 '푸른 계절'이 단체 포스터를 공개했다.\n\
             포스터에는 김하늘-이서준-박도윤-최유진 등 주요 배우들이 모두 담겼다.\n",
        );
        for who in ["김하늘", "이서준", "박도윤", "최유진"] {
            assert!(appears(&f, who), "{who} appears in the work");
        }
    }

    #[test]
    fn a_person_cast_in_parentheses_appears_in_the_articles_one_work() {
        let f = facts(
            "새 드라마 '바다의 끝' 첫 방송\n\n\
             SBS 새 드라마 '바다의 끝'이 오늘 밤 첫 방송된다.\n\
             극 중 선장 한도경(한석규 분)은 마지막 항해를 앞두고 있다.\n",
        );
        assert!(appears(&f, "한석규"), "the actor appears in the work");
        // Two works: which one the character belongs to is not said.
        let f = facts(
            "드라마 두 편 나란히 방송\n\n\
             드라마 '바다의 끝'과 '겨울 항구'가 같은 날 방송된다.\n\
             극 중 선장 한도경(한석규 분)은 마지막 항해를 앞두고 있다.\n",
        );
        assert!(!appears(&f, "한석규"));
    }

    #[test]
    fn a_hyphenated_list_without_one_work_appears_in_nothing() {
        // Two works: which one the list plays in is not said.
        let f = facts(
            "연말 시상식 소식\n\n\
             드라마 '푸른 계절'과 영화 '겨울 항구'가 나란히 후보에 올랐다.\n\
             시상식에는 김하늘-이서준-박도윤 등이 참석했다.\n",
        );
        assert!(!appears(&f, "이서준"));
        // Two names only are a pair, not a cast.
        let f = facts(
            "드라마 소식\n\n\
             드라마 '푸른 계절'이 화제다.\n\
             김하늘-이서준 커플의 열애설이 나왔다.\n",
        );
        assert!(!appears(&f, "이서준"));
    }
}
