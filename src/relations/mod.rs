//! Relation extraction: two argument mentions of a sentence → a typed,
//! directed [`Relation`] with evidence, an open one (`related`, carrying the
//! predicate as written), or nothing.
//!
//! # How it decides
//!
//! A sentence is analysed once ([`RelationClassifier::sentence`]): its
//! clause structure ([`crate::text::Clauses`]: phrases with case roles,
//! predicates, which phrase is an argument of which predicate) with the
//! argument mentions as atoms. Then, per pair (`engine`):
//!
//! 1. inside one noun phrase: relational nouns and titles (`A의 자회사 B`,
//!    `김영섭 KT 대표`, `NDS(대표 김중원)`), adjacency (`MS 애저`), dates;
//! 2. as arguments of one predicate: the predicate's patterns (`A가 B를
//!    인수했다`), copulas (`B는 A의 자회사다`), appointments (`A는 B를 대표로
//!    선임했다`);
//! 3. hand-written rules kept from before the patterns (`person_org`,
//!    `org_org`, `other`, `person_person`) for what the patterns do not
//!    cover yet;
//! 4. on request ([`SentenceRelations::open`]): an open relation between two
//!    arguments of a predicate no pattern covers.
//!
//! The vocabulary is data: `data/relations/*.toml` ([`patterns`], extended
//! with `--relations FILE`) and `data/titles.tsv` ([`crate::text::titles`]).
//! Precision comes first: when nothing is sure, the answer is `None`.
//! Statements the sentence only reports as possible (`…할 가능성`) or denies
//! (`…않았다`) still give their relation, flagged [`Relation::hypothetical`]
//! / [`Relation::negated`], so the caller decides.
//!
//! [`ArticleRelations`] is the step the pipeline runs per article: sentence
//! by sentence, with `양사`/`이 회사` read as the organisations named before,
//! and contract terms carried over from the next sentence.
//!
//! # Use
//!
//! ```text
//! let analyzer = Analyzer::new()?;                          // once
//! let classifier = RelationClassifier::new(&analyzer);       // once (embedded patterns)
//! for s in split_sentences(body) {
//!     let tokens = analyzer.analyze(s.text);                 // offsets relative to s.text
//!     let args: Vec<Arg> = /* mentions inside s, shifted by s.start */;
//!     let sentence = classifier.sentence(s.text, &tokens, &args);
//!     let r = sentence.classify(0, 1).or_else(|| sentence.open(0, 1));
//! }
//! ```
//!
//! Measured on KLUE-RE by `scripts/measure-relations.sh` and on the
//! annotated articles by `../shared/tools/kg_score.py`.

mod article;
mod context;
mod engine;
#[cfg(test)]
mod event_tests;
mod kind;
mod lexicon;
mod modality;
#[cfg(test)]
mod open_tests;
mod org_org;
mod other;
pub mod patterns;
mod person_org;
mod person_person;
#[cfg(test)]
mod seed;

use std::sync::Arc;

use serde::Serialize;

pub use article::{ArticleRelations, arg_kind, is_graph_kind};
pub use kind::{ArgKind, RelationKind, UnknownRelationKind};
pub use modality::{Duration, Money, find_duration, find_money};
pub use patterns::{PatternError, Patterns};

use crate::text::{Analyzer, Clauses, Token};
use context::{Ctx, Tok};

/// One argument of a relation: a span of the sentence (character offsets,
/// end exclusive) and what it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arg {
    /// Start offset in characters.
    pub start: usize,
    /// End offset in characters (exclusive).
    pub end: usize,
    /// What the argument is.
    pub kind: ArgKind,
}

impl Arg {
    /// An argument over `start..end` (characters).
    pub fn new(start: usize, end: usize, kind: ArgKind) -> Self {
        Arg { start, end, kind }
    }
}

/// Which of the two arguments given to [`RelationClassifier::classify`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Which {
    /// The first argument (`a`).
    A,
    /// The second argument (`b`).
    B,
}

impl Which {
    /// The other one.
    pub fn other(self) -> Which {
        match self {
            Which::A => Which::B,
            Which::B => Which::A,
        }
    }
}

/// A relation found between two arguments of a sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relation {
    /// What the relation is.
    pub kind: RelationKind,
    /// Which argument the (directed) relation starts from: `김영섭 ceo_of
    /// KT` has the person as source. For undirected kinds, the one written first.
    pub source: Which,
    /// How sure the rule is, 0–1 (rules are precise by design; the value
    /// orders them, it is not a calibrated probability).
    pub confidence: f32,
    /// The person's role for person→org relations (`대표`, `CTO`, `부사장`,
    /// `이사회 의장`), the title for `has_title`, the predicate noun for
    /// some kinds (`수사`, `고소`).
    pub role: Option<String>,
    /// For an open relation ([`RelationKind::Related`]): the predicate as
    /// written, in dictionary form (`소송을 내다`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    /// The contract's amount when the sentence states one.
    pub money: Option<Money>,
    /// The contract's duration when the sentence states one.
    pub duration: Option<Duration>,
    /// The sentence denies the relation (`…하지 않았다`, `부인했다`).
    pub negated: bool,
    /// The sentence only reports it as possible or expected (`…할 가능성`,
    /// `…라는 관측`, `…할 수 있다`).
    pub hypothetical: bool,
    /// The evidence: the character span of the sentence that carries the
    /// relation (both arguments and the trigger words).
    pub evidence: (usize, usize),
}

/// What a rule found, before modality and contract terms are added.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub kind: RelationKind,
    /// The source is the argument written first.
    pub first_is_source: bool,
    pub confidence: f32,
    pub role: Option<String>,
    /// End of the last word the rule relied on.
    pub trigger_end: usize,
}

impl Found {
    pub(crate) fn new(
        kind: RelationKind,
        first_is_source: bool,
        confidence: f32,
        trigger_end: usize,
    ) -> Self {
        Found {
            kind,
            first_is_source,
            confidence,
            role: None,
            trigger_end,
        }
    }

    pub(crate) fn role(mut self, role: impl Into<String>) -> Self {
        self.role = Some(role.into());
        self
    }
}

/// Classifies the relations between argument mentions of sentences, with
/// the relation patterns of `data/relations/` (and the user's).
///
/// Per sentence: [`RelationClassifier::sentence`] analyses it once (clauses,
/// where each mention sits), then [`SentenceRelations::classify`] and
/// [`SentenceRelations::open`] answer for pairs. It holds no state between
/// sentences, so one classifier serves any number of threads.
#[derive(Debug, Clone)]
pub struct RelationClassifier<'a> {
    analyzer: &'a Analyzer,
    patterns: Arc<Patterns>,
}

/// A sentence analysed for relations: its clauses and its argument mentions.
#[derive(Debug)]
pub struct SentenceRelations<'s> {
    engine: engine::Prepared<'s>,
    ctx: Ctx<'s>,
    args: Vec<Arg>,
    len: usize,
}

impl<'a> RelationClassifier<'a> {
    /// A classifier with the embedded patterns, reading POS tags from
    /// `analyzer` (the one that produced the tokens).
    pub fn new(analyzer: &'a Analyzer) -> Self {
        Self::with_patterns(analyzer, Patterns::embedded())
    }

    /// A classifier with the given patterns (see [`Patterns::with_files`]).
    pub fn with_patterns(analyzer: &'a Analyzer, patterns: Arc<Patterns>) -> Self {
        RelationClassifier { analyzer, patterns }
    }

    /// The patterns it applies.
    pub fn patterns(&self) -> &Patterns {
        &self.patterns
    }

    /// Analyses `sentence` (whose analyser tokens are `tokens`, offsets
    /// relative to it) with its argument mentions `args`, once, for the
    /// pairs to be classified. Spans outside the sentence are kept but
    /// never related.
    pub fn sentence<'s>(
        &'s self,
        sentence: &str,
        tokens: &[Token<'_>],
        args: &[Arg],
    ) -> SentenceRelations<'s> {
        let toks = tokens
            .iter()
            .map(|t| {
                let pos = self.analyzer.pos(t.word);
                Tok {
                    start: t.start,
                    end: t.end,
                    pos,
                    parts: context::pos_parts(pos),
                }
            })
            .collect();
        SentenceRelations {
            engine: engine::Prepared::new(sentence, tokens, self.analyzer, args, &self.patterns),
            ctx: Ctx::new(sentence, toks),
            args: args.to_vec(),
            len: sentence.chars().count(),
        }
    }

    /// The relation between `a` and `b` in `sentence`, or `None` when no
    /// pattern is sure. `tokens` are the analyser's tokens of exactly this
    /// sentence (offsets relative to it). Spans outside the sentence or
    /// overlapping each other give `None`; this never panics.
    pub fn classify(
        &self,
        sentence: &str,
        tokens: &[Token<'_>],
        a: Arg,
        b: Arg,
    ) -> Option<Relation> {
        self.sentence(sentence, tokens, &[a, b]).classify(0, 1)
    }

    /// [`RelationClassifier::classify`] for a sentence not analysed yet.
    pub fn classify_sentence(&self, sentence: &str, a: Arg, b: Arg) -> Option<Relation> {
        let tokens = self.analyzer.analyze(sentence);
        self.classify(sentence, &tokens, a, b)
    }

    /// Classifies every pair of `args` (mentions of one sentence, offsets
    /// relative to it): `(i, j, relation)` with `i < j` indexing `args`,
    /// and the relation's [`Which::A`] meaning `args[i]`. Typed relations
    /// only; pairs without one are left out.
    pub fn classify_all(
        &self,
        sentence: &str,
        tokens: &[Token<'_>],
        args: &[Arg],
    ) -> Vec<(usize, usize, Relation)> {
        let s = self.sentence(sentence, tokens, args);
        let mut out = Vec::new();
        for i in 0..args.len() {
            for j in i + 1..args.len() {
                if let Some(r) = s.classify(i, j) {
                    out.push((i, j, r));
                }
            }
        }
        out
    }
}

impl SentenceRelations<'_> {
    /// The clause analysis of the sentence.
    pub fn clauses(&self) -> &Clauses {
        &self.engine.c
    }

    fn valid(&self, i: usize, j: usize) -> Option<(Arg, Arg)> {
        let (a, b) = (*self.args.get(i)?, *self.args.get(j)?);
        let n = self.len;
        if a.start >= a.end || b.start >= b.end || a.end > n || b.end > n {
            return None;
        }
        if a.start < b.end && b.start < a.end {
            return None;
        }
        Some((a, b))
    }

    /// The typed relation between arguments `i` and `j` ([`Which::A`] is
    /// `i`), or `None`. Two arguments on one span are two referents of one
    /// word (`양사`): only what is said of them together relates them.
    pub fn classify(&self, i: usize, j: usize) -> Option<Relation> {
        let (a, b) = match self.valid(i, j) {
            Some(ab) => ab,
            None => {
                let (a, b) = (*self.args.get(i)?, *self.args.get(j)?);
                let shared = i != j && a.start == b.start && a.end == b.end;
                if !shared || a.start >= a.end || a.end > self.len {
                    return None;
                }
                let hit = self.engine.relation(i, j)?;
                return Some(self.finish(hit, a, b));
            }
        };
        if let Some(hit) = self.engine.relation(i, j) {
            return Some(self.finish(hit, a, b));
        }
        // The older product rules read `SBS 유튜브 채널` as SBS's YouTube and
        // `'X' 도어를 적용한` as using X: a product that only qualifies the
        // noun its phrase names is neither made nor used there.
        let product = |k: ArgKind| matches!(k, ArgKind::Product | ArgKind::Work);
        self.legacy(a, b).filter(|r| {
            !matches!(r.kind, RelationKind::ProductOf | RelationKind::Uses)
                || !(product(a.kind) && self.engine.qualifies_other(i)
                    || product(b.kind) && self.engine.qualifies_other(j))
        })
    }

    /// Adds a stand-in for a subject the sentence leaves out: the topic of
    /// the sentence before, an entity of `kind` (see
    /// [`SentenceRelations::carried`]). Returns its index among the
    /// arguments.
    pub(crate) fn add_standin(&mut self, kind: ArgKind) -> usize {
        let x = self.engine.add_standin(kind);
        self.pad_args(x, kind)
    }

    /// Gives the engine's new referent `x` (no span) a place among the
    /// arguments; returns `x`.
    fn pad_args(&mut self, x: usize, kind: ArgKind) -> usize {
        while self.args.len() <= x {
            self.args.push(Arg::new(0, 0, kind));
        }
        x
    }

    /// The relation of referent `x` (a stand-in or the voice) with
    /// argument `j`, from the engine's `hit`.
    fn of_referent(
        &self,
        hit: Option<engine::Hit>,
        x: Option<usize>,
        j: usize,
    ) -> Option<Relation> {
        let (hit, x) = (hit?, x?);
        let b = *self.args.get(j)?;
        if b.start >= b.end || b.end > self.len {
            return None;
        }
        Some(self.finish(hit, self.args[x], b))
    }

    /// The typed relation between the stand-in subject and argument `j`
    /// ([`Which::A`] is the stand-in): what a main clause without a subject
    /// says of them (`또 B와 계약을 맺었다`).
    pub(crate) fn carried(&self, j: usize) -> Option<Relation> {
        self.of_referent(self.engine.carried(j), self.engine.standin(), j)
    }

    /// Adds a stand-in for the subject the sentence's quotations leave
    /// out: who the speaker speaks for, an entity of `kind` (see
    /// [`SentenceRelations::voiced`]). Returns its index among the
    /// arguments.
    pub(crate) fn add_voice(&mut self, kind: ArgKind) -> usize {
        let x = self.engine.add_voice(kind);
        self.pad_args(x, kind)
    }

    /// The typed relation between the voice and argument `j` ([`Which::A`]
    /// is the voice): what a clause inside the quotation, with no subject
    /// of its own, says of them (`"B와 협력을 시작했다"`).
    pub(crate) fn voiced(&self, j: usize) -> Option<Relation> {
        self.of_referent(self.engine.voiced(j), self.engine.voice(), j)
    }

    /// What the sentence gives the next ones as their topic.
    pub(crate) fn topic(&self) -> engine::Topic {
        self.engine.topic()
    }

    /// The open relation between arguments `i` and `j`: both are arguments
    /// of one predicate that no pattern covers. Ask only when
    /// [`SentenceRelations::classify`] found nothing.
    pub fn open(&self, i: usize, j: usize) -> Option<Relation> {
        let (a, b) = self.valid(i, j)?;
        let hit = self.engine.open(i, j)?;
        Some(self.finish(hit, a, b))
    }

    fn finish(&self, hit: engine::Hit, a: Arg, b: Arg) -> Relation {
        let ctx = &self.ctx;
        let n = ctx.len();
        let (first_start, _) = if a.start < b.start {
            (a.start, a.end)
        } else {
            (b.start, b.end)
        };
        let (neg, hyp) = modality::flags(ctx, first_start, hit.modality_from.min(n));
        let (money, duration) = if hit.kind == RelationKind::ContractWith {
            let from_args = ctx.text(first_start, n);
            let whole = ctx.text(0, n);
            (
                find_money(&from_args).or_else(|| find_money(&whole)),
                find_duration(&from_args).or_else(|| find_duration(&whole)),
            )
        } else {
            (None, None)
        };
        Relation {
            kind: hit.kind,
            source: if hit.first_is_source {
                Which::A
            } else {
                Which::B
            },
            confidence: hit.confidence,
            role: hit.role,
            predicate: hit.predicate,
            money,
            duration,
            negated: hit.negated || neg,
            hypothetical: hit.hypothetical || hyp,
            evidence: hit.span,
        }
    }

    /// The hand-written rules the patterns have not replaced yet.
    fn legacy(&self, a: Arg, b: Arg) -> Option<Relation> {
        let ctx = &self.ctx;
        let n = ctx.len();
        let (first, second, first_which) = if a.start < b.start {
            (a, b, Which::A)
        } else {
            (b, a, Which::B)
        };
        let (first, second) = (extend_group(ctx, first), extend_group(ctx, second));
        if first.end > second.start {
            return None;
        }
        let found = rules(ctx, first, second)?;
        let source = if found.first_is_source {
            first_which
        } else {
            first_which.other()
        };
        let evidence_end = found.trigger_end.max(second.end).min(n);
        let (negated, hypothetical) = modality::flags(ctx, first.start, evidence_end);
        let (money, duration) = if found.kind == RelationKind::ContractWith {
            // The terms written from the first argument on belong to this
            // contract more likely than an amount earlier in the sentence.
            let from_args = ctx.text(first.start, n);
            let whole = ctx.text(0, n);
            (
                find_money(&from_args).or_else(|| find_money(&whole)),
                find_duration(&from_args).or_else(|| find_duration(&whole)),
            )
        } else {
            (None, None)
        };
        Some(Relation {
            kind: found.kind,
            source,
            confidence: found.confidence,
            role: found.role,
            predicate: None,
            money,
            duration,
            negated,
            hypothetical,
            evidence: (first.start.min(second.start), evidence_end),
        })
    }
}

/// `신세계그룹`, `KT 측`: an organisation mention that stops before a
/// glued `그룹` is read as covering it, so particles and titles after it are
/// found.
fn extend_group(ctx: &Ctx, arg: Arg) -> Arg {
    if arg.kind == ArgKind::Org && ctx.starts_with(arg.end, "그룹") {
        Arg {
            end: arg.end + 2,
            ..arg
        }
    } else {
        arg
    }
}

/// Dispatches to the rule family of the argument kinds.
fn rules(ctx: &Ctx, first: Arg, second: Arg) -> Option<Found> {
    use ArgKind::*;
    // Another name of the same thing comes first: `마이크로소프트(MS)`.
    if let Some(f) = other::alias(ctx, first, second) {
        return Some(f);
    }
    match (first.kind, second.kind) {
        (Person, Org) => person_org::classify(ctx, first, second),
        (Org, Person) => person_org::classify(ctx, second, first).map(flip_back),
        (Org, Org) => org_org::classify(ctx, first, second),
        (Org, Product) | (Product, Org) => other::org_product(ctx, first, second),
        (Org, Location) | (Location, Org) => other::org_location(ctx, first, second),
        (Org, Date) | (Date, Org) => other::org_date(ctx, first, second),
        (Person, Other) | (Other, Person) => other::person_title(ctx, first, second),
        (Person, Person) => person_person::classify(ctx, first, second),
        (Org, Other) | (Other, Org) => other::org_other(ctx, first, second),
        _ => None,
    }
}

/// The relation a title states between its holder and the organisation
/// written with it, for lines that pair a name with an organisation and a
/// title outside a sentence (interview captions, programme headers): the
/// titles vocabulary's class read through the title patterns for an owner
/// named `owner` (`대표` → `ceo_of`, of a party `…당` → `leads`; `장관` →
/// `leads`, `대변인` → `employee_of`; their former kinds when `former`). A compound ending in a
/// title marked as a compound ending in `data/titles.tsv` is that title
/// (`미주연구부장` is a `부장`), `전 대표` a former one. `None` when `title`
/// is no known title or states no position (`씨`).
pub fn title_relation(
    patterns: &Patterns,
    title: &str,
    former: bool,
    owner: &str,
) -> Option<RelationKind> {
    use crate::text::titles::{self, TitleClass};
    let title = title.trim();
    let former = former || titles::is_former(title);
    match titles::class_of(title)? {
        // Forms of address and title-like words state no position.
        TitleClass::Address | TitleClass::Other => None,
        // The title patterns decide by the owner's name as they do in
        // sentences (`대표` of a party leads it).
        class => Some(patterns.title(class, ArgKind::Org, owner).map_or_else(
            || person_org::kind_of(class, former),
            |t| t.kind_for(former),
        )),
    }
}

/// `person_org::classify` reports `first_is_source` relative to the person
/// argument when called with (person, org) swapped; turn it back into
/// "the argument written first".
fn flip_back(mut f: Found) -> Found {
    f.first_is_source = !f.first_is_source;
    f
}

/// A sentence with its arguments marked inline, as the tests and
/// `examples/relations.rs` write them: `[P:김영섭] [O:KT] 대표` marks two
/// arguments, the letter giving the kind (P person, O org, D product,
/// L location, E event, W work, T date, M money, X other). Returns the plain
/// sentence and the arguments in order; text in brackets without a known
/// letter stays as written.
pub fn parse_marked(marked: &str) -> (String, Vec<Arg>) {
    let mut out = String::new();
    let mut args = Vec::new();
    let mut n = 0usize;
    let mut it = marked.chars().peekable();
    while let Some(c) = it.next() {
        if c == '[' {
            let mut look = it.clone();
            if let (Some(k), Some(':')) = (look.next(), look.next())
                && "PODLEWTMX".contains(k)
            {
                it = look;
                let start = n;
                for d in it.by_ref() {
                    if d == ']' {
                        break;
                    }
                    out.push(d);
                    n += 1;
                }
                let kind = match k {
                    'P' => ArgKind::Person,
                    'O' => ArgKind::Org,
                    'D' => ArgKind::Product,
                    'L' => ArgKind::Location,
                    'E' => ArgKind::Event,
                    'W' => ArgKind::Work,
                    'T' => ArgKind::Date,
                    'M' => ArgKind::Money,
                    _ => ArgKind::Other,
                };
                args.push(Arg::new(start, n, kind));
                continue;
            }
        }
        out.push(c);
        n += 1;
    }
    (out, args)
}

#[cfg(test)]
pub(crate) mod tests {
    //! Test helpers: sentences with inline argument markers.
    //!
    //! `[P:김영섭] [O:KT] 대표` marks two arguments; the letter is the kind
    //! (P person, O org, D product, L location, E event, W work, T date, M
    //! money, X other).
    //! The first marker is argument A, the second B.

    use std::sync::OnceLock;

    use super::*;

    pub(crate) fn analyzer() -> &'static Analyzer {
        static A: OnceLock<Analyzer> = OnceLock::new();
        A.get_or_init(|| Analyzer::new().expect("analyzer"))
    }

    pub(crate) use super::parse_marked;

    /// Classifies the two marked arguments: (kind, source "A"/"B", role).
    pub(crate) fn classify_full(marked: &str) -> Option<Relation> {
        let (s, args) = parse_marked(marked);
        assert_eq!(args.len(), 2, "two markers in {marked}");
        let tokens = analyzer().analyze(&s);
        RelationClassifier::new(analyzer()).classify(&s, &tokens, args[0], args[1])
    }

    pub(crate) fn classify_marked(marked: &str) -> Option<(String, String, Option<String>)> {
        classify_full(marked).map(|r| {
            (
                r.kind.as_str().to_string(),
                format!("{:?}", r.source),
                r.role,
            )
        })
    }

    pub(crate) fn rel(
        kind: &str,
        source: &str,
        role: Option<&str>,
    ) -> Option<(String, String, Option<String>)> {
        Some((
            kind.to_string(),
            source.to_string(),
            role.map(str::to_string),
        ))
    }

    #[test]
    fn a_product_named_before_the_head_of_its_makers_clause_is_its_product() {
        // `'P' 우주선`, `'P' 용기`: the clause's head is about the product.
        assert_eq!(
            classify_marked(
                "[O:누리항공우주]가 지난해 개발한 '[D:하늘별]' 탐사선이 발사대에 섰다."
            ),
            rel("product_of", "B", None)
        );
        assert_eq!(
            classify_marked(
                "[O:한빛화장품]이 지난 2021년 5월 출시한 '[D:누리 수분크림]' 포장에 성분을 적었다."
            ),
            rel("product_of", "B", None)
        );
        // Not a name further from the head (`P 기반 서비스`).
        assert_eq!(
            classify_marked("[O:한빛전자]가 출시한 [D:누리클라우드] 기반 보안 서비스가 인기다."),
            None
        );
    }

    #[test]
    fn a_verbal_noun_after_a_name_is_the_subjects_act_on_it() {
        assert_eq!(
            classify_marked(
                "[O:누리랩스]는 '[D:누리톡]' 운영 경험을 바탕으로 새 법률 서비스를 준비한다."
            ),
            rel("product_of", "B", None)
        );
        // A noun that is no act (`사용자 수`) says nothing.
        assert_eq!(
            classify_marked("[O:누리랩스]는 '[D:누리톡]' 사용자 수를 공개했다."),
            None
        );
    }

    #[test]
    fn what_qualifies_the_first_name_of_a_list_qualifies_the_next() {
        let kind = |marked: &str| {
            let (s, args) = parse_marked(marked);
            let tokens = analyzer().analyze(&s);
            let c = RelationClassifier::new(analyzer());
            c.sentence(&s, &tokens, &args)
                .classify(0, 2)
                .map(|r| (r.kind.as_str().to_string(), format!("{:?}", r.source)))
        };
        assert_eq!(
            kind("[L:칠레] 일간지 [O:라테르세라]와 [O:엘메르쿠리오]는 이를 보도했다."),
            Some(("headquartered_in".to_string(), "B".to_string()))
        );
        // Not a later name with a qualifier of its own.
        assert_eq!(
            kind("[L:칠레] 일간지 [O:라테르세라]와 페루 [O:엘코메르시오]는 이를 보도했다."),
            None
        );
    }

    #[test]
    fn a_tour_is_held_where_it_goes_round() {
        assert_eq!(
            classify_marked(
                "밴드 하늘소는 다음 달 광주, [L:대전] 등 전국 8개 도시를 순회하는 전국 투어 '[E:여름밤]'을 연다."
            ),
            rel("located_in", "B", None)
        );
    }

    #[test]
    fn a_purpose_clause_lends_its_subject_to_the_clause_it_leads_to() {
        assert_eq!(
            classify_marked(
                "[O:새봄모빌리티]가 도심 배송에 투입하기 위해 개발해온 '[D:달림이]' 로봇이 시험 주행에 나선다."
            ),
            rel("product_of", "B", None)
        );
    }

    #[test]
    fn a_product_qualifying_another_noun_is_not_made_or_used_there() {
        // The channel is the broadcaster's; the platform is not its product.
        assert_eq!(
            classify_marked("[O:한빛방송] 공식 [D:유튜브] 채널에서는 다시보기를 제공한다."),
            None
        );
        assert_eq!(
            classify_marked("[O:한빛전자]가 [D:스마트 쿨링] 도어를 적용한 냉장고를 내놨다."),
            None
        );
        assert_eq!(
            classify_marked("[O:한빛전자] [D:누리클라우드] 제품을 도입한다."),
            rel("product_of", "B", None)
        );
    }

    #[test]
    fn an_organisations_relational_noun_before_a_name_is_the_topics() {
        assert_eq!(
            classify_marked(
                "[O:한빛전자]는 반도체 장비 자회사인 [O:새봄테크]를 통해 장비를 만든다."
            ),
            rel("subsidiary_of", "B", None)
        );
        assert_eq!(
            classify_marked("[O:한빛전자]는 일본 파트너사인 [O:누리통신]과 손잡고 시장에 나선다."),
            rel("partner_of", "A", None)
        );
    }

    #[test]
    fn building_with_or_placing_on_another_organisation_is_partnership() {
        assert_eq!(
            classify_marked("[O:한빛은행]은 대출상품을 [O:누리페이]에 처음 입점시켰다.")
                .map(|r| r.0),
            Some("partner_of".to_string())
        );
        assert_eq!(
            classify_marked("[O:한빛전자]는 [O:누리통신]과 협업 기반을 만들었다.").map(|r| r.0),
            Some("partner_of".to_string())
        );
    }

    #[test]
    fn the_country_of_a_city_is_a_market_too() {
        assert_eq!(
            classify_marked("[O:한빛제과]가 [L:미국] 텍사스주에 제빵공장을 세운다.").map(|r| r.0),
            Some("builds".to_string())
        );
    }

    #[test]
    fn having_a_plant_somewhere_is_operating_there() {
        // 갖추다 is having it, as 보유하다 is, not building it.
        assert_eq!(
            classify_marked("[O:한빛제과]는 [L:음성군]에 자체 생산시설을 갖추고 있다.")
                .map(|r| r.0),
            Some("operates_in".to_string())
        );
    }

    #[test]
    fn a_programme_as_topic_is_where_its_guest_appears() {
        // The topic the clause took as its object is where the guests appear.
        assert_eq!(
            classify_marked("이날 방송된 '[W:한빛쇼]'는 가을 특집으로 배우 [P:한서진]이 출연했다."),
            rel("appears_in", "B", None)
        );
    }

    #[test]
    fn an_actor_filming_a_work_appears_in_it() {
        // 촬영하다 with a person as subject and a work as object: the part, not a loose `related`.
        assert_eq!(
            classify_marked("배우 [P:한서진]은 요즘 드라마 '[W:푸른 계절]'을 촬영 중이다."),
            rel("appears_in", "A", None)
        );
        assert_eq!(
            classify_marked("[P:한서진]이 영화 '[W:푸른 계절]'을 촬영했다."),
            rel("appears_in", "A", None)
        );
    }

    #[test]
    fn a_stand_in_subject_for_a_subjectless_clause() {
        let classifier = RelationClassifier::new(analyzer());
        let standin = |marked: &str| {
            let (s, args) = parse_marked(marked);
            let tokens = analyzer().analyze(&s);
            let mut sentence = classifier.sentence(&s, &tokens, &args);
            let topic = sentence.topic();
            sentence.add_standin(ArgKind::Org);
            let r = sentence.carried(0);
            (topic, r.map(|r| (r.kind.as_str().to_string(), r.source)))
        };
        let (topic, r) = standin("또 [O:대성정밀]과 반도체 공급 계약을 체결했다.");
        assert_eq!(topic, engine::Topic::Absent);
        assert_eq!(r, Some(("contract_with".to_string(), Which::A)));
        // The clause has a subject of its own.
        let (topic, r) = standin("업계 관계자는 [O:대성정밀]과 계약을 체결했다고 말했다.");
        assert_eq!(topic, engine::Topic::Other);
        assert_eq!(r, None);
        // `X도` with no object beside it is what the stand-in runs.
        let (_, r) = standin("자체 개발한 쇼핑 플랫폼 [D:누리몰]도 운영하고 있다.");
        assert_eq!(r, Some(("product_of".to_string(), Which::B)));
        let (topic, _) = standin("[O:대성정밀]은 지난해 흑자로 돌아섰다.");
        assert_eq!(topic, engine::Topic::Entity(0));
    }

    #[test]
    fn a_quotation_speaks_for_the_speakers_company() {
        let classifier = RelationClassifier::new(analyzer());
        let voiced = |marked: &str, y: usize| {
            let (s, args) = parse_marked(marked);
            let tokens = analyzer().analyze(&s);
            let mut sentence = classifier.sentence(&s, &tokens, &args);
            sentence.add_voice(ArgKind::Org);
            sentence
                .voiced(y)
                .map(|r| (r.kind.as_str().to_string(), r.source))
        };
        // The subjectless clauses inside the quotation are the company's.
        let quote = "[P:한도윤] [O:누리테크] 대표는 \"지난해 [O:새봄전자]와 협력을 시작한 이후 \
                     '[E:서울로봇쇼 2026]'에서 공동 전시를 열었다\"고 말했다.";
        assert_eq!(voiced(quote, 2), Some(("partner_of".to_string(), Which::A)));
        assert_eq!(
            voiced(quote, 3),
            Some(("participates_in".to_string(), Which::A))
        );
        // A quoted clause with a subject of its own is not the company's,
        // and a main clause is never the voice's.
        assert_eq!(
            voiced(
                "[P:한도윤] 대표는 \"[O:하늘소프트]가 [O:새봄전자]와 협력하고 있다\"고 말했다.",
                2
            ),
            None
        );
        assert_eq!(
            voiced(
                "[P:한도윤] 대표는 지난해 [O:새봄전자]와 협력을 시작했다.",
                1
            ),
            None
        );
    }

    #[test]
    fn a_product_topic_is_handed_on() {
        let classifier = RelationClassifier::new(analyzer());
        let (s, args) = parse_marked("[D:누리패드]는 올해 교육 현장에서 호평을 받았다.");
        let tokens = analyzer().analyze(&s);
        let sentence = classifier.sentence(&s, &tokens, &args);
        assert_eq!(sentence.topic(), engine::Topic::Entity(0));
    }

    #[test]
    fn all_pairs_of_a_sentence() {
        let (s, args) = parse_marked("[P:김영섭] [O:KT] 대표는 [O:MS]와 계약을 체결했다.");
        let tokens = analyzer().analyze(&s);
        let found: Vec<(usize, usize, &str)> = RelationClassifier::new(analyzer())
            .classify_all(&s, &tokens, &args)
            .iter()
            .map(|(i, j, r)| (*i, *j, r.kind.as_str()))
            .collect();
        assert_eq!(found, vec![(0, 1, "ceo_of")]);
        let r = RelationClassifier::new(analyzer()).classify_sentence(&s, args[0], args[1]);
        assert_eq!(r.map(|r| r.kind), Some(RelationKind::CeoOf));
    }

    #[test]
    fn bad_spans_are_none() {
        let s = "KT는 MS와 계약했다.";
        let tokens = analyzer().analyze(s);
        let c = RelationClassifier::new(analyzer());
        let o = |a, b| Arg::new(a, b, ArgKind::Org);
        assert_eq!(c.classify(s, &tokens, o(0, 2), o(1, 5)), None);
        assert_eq!(c.classify(s, &tokens, o(0, 2), o(4, 99)), None);
        assert_eq!(c.classify(s, &tokens, o(2, 2), o(4, 6)), None);
    }

    #[test]
    fn modality_flags() {
        let r =
            classify_full("[O:KT]가 [O:MS]와 계약을 맺을 가능성이 크다는 관측이 나온다.").unwrap();
        assert!(r.hypothetical && !r.negated);
        let r = classify_full("[O:KT]는 [O:MS]와 계약을 체결하지 않았다.").unwrap();
        assert!(r.negated && !r.hypothetical);
        let r =
            classify_full("[O:KT]는 [O:MS]와 계약을 체결했고, 주가가 오를 가능성이 있다.").unwrap();
        assert!(!r.negated && !r.hypothetical);
    }

    #[test]
    fn never_panics_on_any_span() {
        let s = "KT클라우드는 최지웅(55) 전 KT 부사장을 대표로 선임했다. “좋다”";
        let tokens = analyzer().analyze(s);
        let c = RelationClassifier::new(analyzer());
        let n = s.chars().count();
        let kinds = [
            ArgKind::Person,
            ArgKind::Org,
            ArgKind::Product,
            ArgKind::Location,
            ArgKind::Date,
            ArgKind::Other,
        ];
        for a0 in 0..n {
            for a1 in a0 + 1..(a0 + 4).min(n + 1) {
                for b0 in 0..n {
                    let b1 = (b0 + 3).min(n);
                    for (i, &ka) in kinds.iter().enumerate() {
                        let kb = kinds[(i + a0 + b0) % kinds.len()];
                        let _ = c.classify(s, &tokens, Arg::new(a0, a1, ka), Arg::new(b0, b1, kb));
                    }
                }
            }
        }
    }
}
