//! The relation mechanisms: a sentence's clause analysis
//! ([`crate::text::Clauses`]) with its argument mentions as atoms, and the
//! [`Patterns`] that say what each construction states.
//!
//! For a pair of mentions, in order:
//!
//! 1. **Inside one noun phrase**: a relational noun or a title between,
//!    before or after them (`A의 자회사 B`, `김영섭 KT 대표`, `KT 대표
//!    김영섭`, `NDS(대표 김중원)`, `이준희(전 삼성전자 부사장)`, `구병삼/통일부
//!    대변인`, `'미끼'(극본 김진욱·연출 김홍선)`), two entities next to each
//!    other (`MS 애저`, `미국 마이크론`, `경기도 이천시`), dates in a
//!    person's parentheses (`김연자(1959년 1월 25일 ~)`).
//! 2. **Arguments of one predicate**: their case roles and types matched
//!    against the predicate's patterns (`A가 B를 인수했다`, `B와 계약을
//!    체결했다`, `A가 설립한 B`); a copula with a relational noun (`B는 A의
//!    자회사다`); an appointment (`A는 B를 대표로 선임했다`).
//! 3. **Open**: two referents that are arguments of one predicate no
//!    pattern covers give [`RelationKind::Related`] with the predicate as
//!    written (`위자료 소송을 내다`).

use std::sync::OnceLock;

use super::Arg;
use super::article::arg_kind;
use super::kind::{ArgKind, RelationKind};
use super::lexicon::{BECOME_VERBS, EVENT_PARTS};
use super::patterns::{At, Patterns, Source};
use crate::entities::vocab::Vocabulary;
use crate::text::clauses::{Argument, Ending, Predicate, WordKind};
use crate::text::titles::{Marker, TitleClass, titles};
use crate::text::{Analyzer, Atom, Case, Clauses, Token};

/// What the mechanisms found for a pair.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Hit {
    pub kind: RelationKind,
    /// The pair's first argument (as asked) is the source.
    pub first_is_source: bool,
    pub confidence: f32,
    pub role: Option<String>,
    /// For open relations: the predicate as written.
    pub predicate: Option<String>,
    pub negated: bool,
    pub hypothetical: bool,
    /// Character span of the words the relation rests on.
    pub span: (usize, usize),
    /// Where the words that may deny or hedge it begin (the predicate, or
    /// the end of the phrase).
    pub modality_from: usize,
}

/// Where a mention sits in its phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pos {
    /// What the phrase names.
    Referent,
    /// Before the phrase's head, qualifying it.
    Owner,
    /// Anywhere else (in parentheses, after the head, no phrase).
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Info {
    word: Option<usize>,
    phrase: Option<usize>,
    pos: Pos,
}

/// How an argument takes part in a predicate (open relations).
#[derive(Debug, Clone, Copy)]
struct Party {
    phrase: usize,
    case: Case,
    inherited: bool,
    /// It qualifies the phrase (`월드컵 중계권을`) rather than naming it.
    owner: bool,
}

/// A sentence prepared for the mechanisms: its clauses, its mentions and
/// where each sits.
#[derive(Debug)]
pub(crate) struct Prepared<'p> {
    pub c: Clauses,
    args: Vec<Arg>,
    info: Vec<Info>,
    patterns: &'p Patterns,
    /// The argument standing in for a subject the sentence leaves out
    /// (the topic of the sentence before), when one was added.
    standin: Option<usize>,
    /// The argument standing in for the subject a quotation leaves out:
    /// the organisation its speaker speaks for, when one was added.
    voice: Option<usize>,
}

/// The embedded descriptor nouns (`세미나` → EVENT, `드라마` → WORK).
fn descriptors() -> Option<&'static Vocabulary> {
    static V: OnceLock<Option<Vocabulary>> = OnceLock::new();
    V.get_or_init(|| Vocabulary::embedded().ok()).as_ref()
}

/// What a sentence says its topic is, for the sentences after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Topic {
    /// No subject or topic at all: the one before goes on.
    Absent,
    /// The subject or topic names this argument (an organisation or person).
    Entity(usize),
    /// Something else is the subject or topic (`회사 관계자는`, `양사는`,
    /// coordinated subjects).
    Other,
}

/// How much less sure a relation with a stand-in subject is.
const STANDIN_FACTOR: f32 = 0.75;

/// The class an argument kind gets as an atom (equal classes coordinate).
fn class(k: ArgKind) -> u8 {
    match k {
        // Places and organisations are listed together (`현대차, 네이버,
        // 포항시 등`).
        ArgKind::Location => ArgKind::Org as u8,
        k => k as u8,
    }
}

/// Whether a title class states a position (not a form of address).
fn relational(c: TitleClass) -> bool {
    matches!(
        c,
        TitleClass::Ceo
            | TitleClass::Head
            | TitleClass::Staff
            | TitleClass::Member
            | TitleClass::Founder
    )
}

impl<'p> Prepared<'p> {
    /// Analyses `sentence` with `args` as atoms. Arguments with the same
    /// span (`양사` standing for two organisations) share one atom.
    pub fn new(
        sentence: &str,
        tokens: &[Token<'_>],
        analyzer: &Analyzer,
        args: &[Arg],
        patterns: &'p Patterns,
    ) -> Prepared<'p> {
        let n = sentence.chars().count();
        let mut atoms: Vec<Atom> = Vec::new();
        let mut atom_of: Vec<Option<usize>> = Vec::with_capacity(args.len());
        for a in args {
            if a.start >= a.end || a.end > n {
                atom_of.push(None);
                continue;
            }
            match atoms
                .iter()
                .position(|x| x.start == a.start && x.end == a.end)
            {
                Some(k) => atom_of.push(Some(k)),
                None => {
                    atoms.push(Atom {
                        start: a.start,
                        end: a.end,
                        class: class(a.kind),
                    });
                    atom_of.push(Some(atoms.len() - 1));
                }
            }
        }
        let c = Clauses::analyze(sentence, tokens, analyzer, &atoms);
        // `NEWSKG_LOG=newskg::clauses=trace`: the clause reading of each sentence.
        tracing::trace!(target: "newskg::clauses", "{sentence}\n{c}");
        let mut p = Prepared {
            c,
            args: args.to_vec(),
            info: Vec::with_capacity(args.len()),
            patterns,
            standin: None,
            voice: None,
        };
        for (i, a) in args.iter().enumerate() {
            let word = atom_of[i].and_then(|k| {
                let w = p.c.word_at(a.start)?;
                (p.c.words[w].atom == Some(k)).then_some(w)
            });
            let phrase = word.and_then(|w| p.c.phrase_of(w));
            p.info.push(Info {
                word,
                phrase,
                pos: Pos::Other,
            });
        }
        // Positions once every argument's word is known: a title head's
        // referent is the person before it (`word_kind`).
        for i in 0..p.info.len() {
            let Info { word, phrase, .. } = p.info[i];
            let pos = match (word, phrase) {
                (Some(w), Some(ph)) if p.c.words[w].paren.is_none() => {
                    if p.referent(ph) == Some(w) {
                        Pos::Referent
                    } else if p.owner(ph) == Some(w) {
                        Pos::Owner
                    } else {
                        Pos::Other
                    }
                }
                _ => Pos::Other,
            };
            p.info[i].pos = pos;
        }
        p
    }

    // -----------------------------------------------------------------
    // Subjects left out.

    /// Adds an argument of `kind` that stands for a subject the sentence
    /// leaves out (Korean drops the subject it shares with the sentence
    /// before: `KT는 …했다. 또 B와 계약을 맺었다.`). It has no span; only
    /// [`Prepared::carried`] relates it. Returns its index.
    pub fn add_standin(&mut self, kind: ArgKind) -> usize {
        if let Some(x) = self.standin {
            return x;
        }
        let x = self.add_referent(kind);
        self.standin = Some(x);
        x
    }

    /// Adds an argument with no span that stands for someone the text
    /// leaves out; returns its index.
    fn add_referent(&mut self, kind: ArgKind) -> usize {
        self.args.push(Arg::new(0, 0, kind));
        self.info.push(Info {
            word: None,
            phrase: None,
            pos: Pos::Referent,
        });
        self.args.len() - 1
    }

    /// The stand-in's index, once added.
    pub fn standin(&self) -> Option<usize> {
        self.standin
    }

    /// Adds an argument of `kind` that stands for the subject the
    /// quotations of the sentence leave out: who the speaker speaks for
    /// (`김 대표는 "B와 협력을 시작했다"고 말했다`: the company that
    /// started working with B). Only [`Prepared::voiced`] relates it.
    /// Returns its index.
    pub fn add_voice(&mut self, kind: ArgKind) -> usize {
        if let Some(x) = self.voice {
            return x;
        }
        let x = self.add_referent(kind);
        self.voice = Some(x);
        x
    }

    /// The voice's index, once added.
    pub fn voice(&self) -> Option<usize> {
        self.voice
    }

    /// The topic the sentence gives the ones after it: the first topic
    /// (`은/는`) phrase of the main clauses, else their first subject; an
    /// entity when an organisation or person alone is what it names.
    pub fn topic(&self) -> Topic {
        // An argument of a main clause, not a relative clause's subject.
        let main = |k: usize| {
            self.c.predicates.iter().any(|p| {
                p.level == 0
                    && !matches!(p.ending, Ending::Adnominal | Ending::Nominal)
                    && p.args.iter().any(|a| a.phrase == k && a.case != Case::Head)
            })
        };
        // `X 측은`, `X 정부는` name X as the topic.
        let named = |ph: usize| -> Vec<usize> {
            (0..self.args.len())
                .filter(|&i| Some(i) != self.standin && Some(i) != self.voice)
                .filter(|&i| {
                    self.info[i].phrase == Some(ph)
                        && (self.info[i].pos == Pos::Referent
                            || self.info[i].pos == Pos::Owner && self.stands_for(i, ph))
                })
                .collect()
        };
        let person_or_org = |i: usize| matches!(self.args[i].kind, ArgKind::Org | ArgKind::Person);
        let candidates = |case: Case| {
            self.c
                .phrases
                .iter()
                .enumerate()
                .filter(move |(k, ph)| {
                    // A topic (`은/는`) is the sentence's even when it heads
                    // a relative clause (`2017년 설립된 A는`).
                    ph.level == 0 && ph.case == case && (case == Case::Topic || main(*k))
                })
                .map(|(k, _)| k)
        };
        let pick = candidates(Case::Topic)
            .next()
            .or_else(|| candidates(Case::Subject).next())
            // `KT도 …했다` names a new subject; `제품도 출시했다` is an
            // object.
            .or_else(|| {
                candidates(Case::Additive).find(|&k| named(k).into_iter().any(person_or_org))
            });
        let Some(p) = pick else {
            return Topic::Absent;
        };
        let group = self.c.phrases[p].group;
        if self.c.phrases.iter().filter(|ph| ph.group == group).count() != 1 {
            return Topic::Other;
        }
        // A product as topic (`P는 …`) stands for its maker, which the
        // caller knows.
        match named(p).as_slice() {
            [i] if person_or_org(*i) || self.args[*i].kind == ArgKind::Product => Topic::Entity(*i),
            _ => Topic::Other,
        }
    }

    /// Whether predicate `q` is a main clause with no subject of its own,
    /// so that the stand-in may be its subject with `y` as another
    /// argument. An additive phrase (`X도 운영한다`) with no object beside it
    /// is then the object, when it is `y` and names no organisation or
    /// person; any other additive phrase may be the subject.
    fn subjectless(&self, q: usize, y: usize) -> bool {
        self.subjectless_at(q, y, false)
    }

    /// [`Prepared::subjectless`] for the main clauses (`quoted` false) or
    /// for the clauses of a quotation (`quoted`: a clause inside double
    /// quotes, whose subject the speaker's side is when none is written).
    fn subjectless_at(&self, q: usize, y: usize, quoted: bool) -> bool {
        let p = &self.c.predicates[q];
        if (p.level != 0) != quoted {
            return false;
        }
        match p.ending {
            Ending::Final | Ending::Connective => {}
            // The quotation's last clause (`…해왔다"고 말했다`).
            Ending::Quotative
                if quoted
                    && !self.c.predicates[q + 1..]
                        .iter()
                        .any(|r| r.level == p.level) => {}
            // Reported speech with no subject (`…를 체결했다고 밝혔다`) when
            // the verb of saying has none either.
            Ending::Quotative => {
                let saying = self.c.predicates[q + 1..]
                    .iter()
                    .find(|r| r.level == 0 && r.ending != Ending::Quotative);
                if saying.is_none_or(|r| {
                    r.args
                        .iter()
                        .any(|a| a.case.is_subject_like() || a.case == Case::Head)
                }) {
                    return false;
                }
            }
            Ending::Adnominal | Ending::Nominal => return false,
        }
        let has_object = p.args.iter().any(|a| a.case == Case::Object);
        p.args.iter().all(|a| match a.case {
            Case::Subject | Case::Topic | Case::Head => false,
            Case::Additive => {
                !has_object
                    && self.info[y].phrase == Some(a.phrase)
                    && (self.info[y].pos == Pos::Referent
                        && !matches!(self.args[y].kind, ArgKind::Org | ArgKind::Person)
                        || self.info[y].pos == Pos::Owner && self.plain_head(a.phrase))
            }
            _ => true,
        })
    }

    /// Whether phrase `ph` is headed by a plain noun: no entity, title or
    /// relational noun (`개발도`, `피해구제도`), so that what qualifies it is
    /// what the act is about.
    fn plain_head(&self, ph: usize) -> bool {
        let h = self.c.phrases[ph].head;
        self.c.words[h].kind == WordKind::Noun
            && self.c.words[h].atom.is_none()
            && self.referent(ph).is_none()
            && self.title(h).is_none()
            && titles().get(&self.c.content(h)).is_none()
            && self.patterns.nouns(&self.stem_of(h)).is_none()
    }

    /// Whether phrase `ph` names no entity, by its head or as a title
    /// after one (`소장을`, `서한에서`).
    fn names_none(&self, ph: usize) -> bool {
        self.c.words[self.c.phrases[ph].head].atom.is_none() && self.referent(ph).is_none()
    }

    /// The typed relation between the stand-in subject and argument `y`:
    /// what a subjectless main clause says of them, less sure than a
    /// written subject. The hit's first argument is the stand-in.
    pub fn carried(&self, y: usize) -> Option<Hit> {
        let x = self.standin?;
        self.stood_in(x, y, false).or_else(|| self.carried_open(y))
    }

    /// The typed relation between the voice (who a quotation's speaker
    /// speaks for) and argument `y`: what a subjectless clause inside the
    /// quotation says of them, as sure as a carried subject. The hit's
    /// first argument is the voice.
    pub fn voiced(&self, y: usize) -> Option<Hit> {
        let x = self.voice?;
        if self.standin == Some(y) {
            return None;
        }
        self.stood_in(x, y, true)
    }

    /// What a subjectless clause (main, or quoted when `quoted`) says of
    /// stand-in `x` as its subject and `y`.
    fn stood_in(&self, x: usize, y: usize, quoted: bool) -> Option<Hit> {
        if y == x || self.info.get(y)?.phrase.is_none() {
            return None;
        }
        for q in 0..self.c.predicates.len() {
            if !self.subjectless_at(q, y, quoted) {
                continue;
            }
            let Some((mut cy, false)) = self.role_in(y, q) else {
                continue;
            };
            if cy == Case::Additive {
                cy = Case::Object;
            }
            let cx = Case::Subject;
            let hit = self
                .by_patterns(q, x, y, cx, cy, false)
                .or_else(|| self.copula(q, x, y, cx, cy))
                .or_else(|| self.appointment(q, x, y, cx, cy));
            if let Some(mut h) = hit {
                h.confidence *= STANDIN_FACTOR;
                return Some(h);
            }
        }
        None
    }

    /// The open relation between the stand-in subject and argument `y`
    /// when no pattern covers the subjectless main clause: `y` is who or
    /// what it acts on (`또 하버드대를 방문해`: the topic before visits
    /// it), as for a written subject; not who does it with the subject
    /// (`B와 함께`), which the topic carried may be part of. Less sure than
    /// a written subject.
    fn carried_open(&self, y: usize) -> Option<Hit> {
        for q in 0..self.c.predicates.len() {
            if !self.subjectless(q, y) || !self.open_predicate(q) {
                continue;
            }
            let Some(mut ry) = self.party(y, q) else {
                continue;
            };
            // `X 개발도 지원한다`: with no object, the additive is one.
            if ry.case == Case::Additive {
                ry.case = Case::Object;
            }
            let p = &self.c.predicates[q];
            if ry.inherited
                || ry.case == Case::Comitative
                || !self.undergoer(y, ry, q)
                || ry.case == Case::Dative
                    && !ry.owner
                    && self.args[y].kind == ArgKind::Location
                    && self.patterns.open_place(&p.stem)
            {
                continue;
            }
            let mut h = self.hit(
                RelationKind::Related,
                true,
                0.5 * STANDIN_FACTOR,
                self.clause_span(q, y, y),
            );
            let mut text = self.predicate_text(q);
            if ry.owner && Some(ry.phrase) != self.object_noun(q) && !p.nominal {
                let head = self.c.phrases[ry.phrase].head;
                text = format!("{} {text}", self.c.content(head));
            }
            h.predicate = Some(text);
            h.negated = p.negated;
            h.hypothetical = p.hypothetical;
            return Some(h);
        }
        None
    }

    // -----------------------------------------------------------------
    // Words.

    /// The kind of the argument whose atom word `w` holds.
    fn word_kind(&self, w: usize) -> Option<ArgKind> {
        let i = self.info.iter().position(|x| x.word == Some(w))?;
        Some(self.args[i].kind)
    }

    /// A word's content without a trailing copula adnominal that the
    /// analyser read as a noun (`사업부인` → `사업부`).
    fn stem_of(&self, w: usize) -> String {
        let mut s = self.c.content(w);
        for tail in ["이었던", "였던", "이던", "이자", "인"] {
            if let Some(x) = s.strip_suffix(tail)
                && !x.is_empty()
                && (self.patterns.nouns(x).is_some() || titles().find(x).is_some())
            {
                s = x.to_string();
                break;
            }
        }
        s
    }

    /// The title a word is (`대표`, `기업서비스본부장`, `대표인`), as
    /// (class, title as written).
    fn title(&self, w: usize) -> Option<(TitleClass, String)> {
        let word = &self.c.words[w];
        if word.atom.is_some() {
            return None;
        }
        if !matches!(word.kind, WordKind::Noun | WordKind::Apposition) {
            return None;
        }
        let s = self.stem_of(w);
        let t = titles().find(&s)?;
        relational(t.class).then_some((t.class, s))
    }

    /// A title glued to an organisation or place name: `부안군수` (the
    /// atom `부안군` and `수`), `성남시장`: (class, the whole as written).
    fn glued_title(&self, w: usize) -> Option<(TitleClass, String)> {
        let word = &self.c.words[w];
        word.atom?;
        let content = self.c.content(w);
        let i = self.info.iter().position(|x| x.word == Some(w))?;
        let a = self.args[i];
        let extra = word.content_end.checked_sub(a.end)?;
        if extra == 0 || extra > 3 {
            return None;
        }
        titles()
            .titles
            .iter()
            .filter(|t| relational(t.class) && !t.text.contains(' '))
            .filter(|t| content.ends_with(t.text) && t.text.chars().count() > extra)
            .max_by_key(|t| t.text.len())
            .map(|t| (t.class, content.clone()))
    }

    /// Whether word `w` is a marker of a past position (`전`, `前`).
    fn former_marker(&self, w: usize) -> bool {
        titles().marker(&self.c.content(w)) == Some(Marker::Former)
    }

    fn modifier(&self, w: usize) -> bool {
        matches!(
            titles().marker(&self.c.content(w)),
            Some(Marker::Modifier | Marker::Former)
        )
    }

    /// The word a phrase names: its head atom, or for a title head the
    /// person before it (`김영섭 KT 대표가` names `김영섭`).
    fn referent(&self, p: usize) -> Option<usize> {
        let h = self.c.head_word(p);
        if self.c.words[h].atom.is_some() {
            // A title glued to its organisation names the person before it
            // (`조태용 국가안보실장과`: `조태용`).
            if self.glued_title(h).is_some()
                && let Some(w) = self.person_before(p, h)
            {
                return Some(w);
            }
            return Some(h);
        }
        let head_is_title = self.title(h).is_some()
            || titles()
                .get(&self.c.content(h))
                .is_some_and(|t| t.class == TitleClass::Address);
        if head_is_title {
            return self.person_before(p, h);
        }
        // An event, work or product named before the noun that says what it
        // is (`‘AI의 미래’ 세미나에서`, `‘무빙’ 드라마에`, `'스타십' 우주선이`).
        let ph = &self.c.phrases[p];
        if h > ph.words.start && self.c.words[h].kind == WordKind::Noun {
            let w = h - 1;
            let kind = self
                .word_kind(w)
                .filter(|k| matches!(k, ArgKind::Event | ArgKind::Work | ArgKind::Product));
            let head = self.c.content(h);
            if self.c.words[w].paren.is_none()
                && self.c.words[w].atom.is_some()
                && kind.is_some()
                && (descriptors()
                    .and_then(|v| v.descriptor(&head))
                    .map(arg_kind)
                    == kind
                    || kind == Some(ArgKind::Event) && EVENT_PARTS.contains(&head.as_str()))
            {
                return Some(w);
            }
        }
        None
    }

    /// The first person named in phrase `p` before its head `h`, outside
    /// parentheses.
    fn person_before(&self, p: usize, h: usize) -> Option<usize> {
        (self.c.phrases[p].words.start..h).find(|&w| {
            self.c.words[w].paren.is_none()
                && self.c.words[w].atom.is_some()
                && self.word_kind(w) == Some(ArgKind::Person)
        })
    }

    /// The atom that qualifies a phrase's head: the nearest before it
    /// (`MS의 클라우드를`: `MS`; `코스닥 상장사인 A의 지분을`: `A`).
    fn owner(&self, p: usize) -> Option<usize> {
        let ph = &self.c.phrases[p];
        let h = self.c.head_word(p);
        let r = self.referent(p);
        (ph.words.start..h)
            .rev()
            .filter(|&w| self.c.words[w].paren.is_none() && Some(w) != r)
            .find(|&w| self.c.words[w].atom.is_some())
    }

    /// The words of phrase `p` outside parentheses in `a..b`.
    fn outside(&self, a: usize, b: usize) -> Vec<usize> {
        (a..b)
            .filter(|&w| self.c.words[w].paren.is_none())
            .collect()
    }

    /// Whether every word of `ws` is a bare noun or determiner with no atom
    /// (a modifier inside a phrase).
    fn bare_modifiers(&self, ws: &[usize]) -> bool {
        ws.iter().all(|&w| {
            let word = &self.c.words[w];
            word.atom.is_none()
                && matches!(word.kind, WordKind::Noun | WordKind::Determiner)
                && word.case == Case::Bare
        })
    }

    // -----------------------------------------------------------------
    // Pairs.

    /// The typed relation between arguments `i` and `j`, if any.
    pub fn relation(&self, i: usize, j: usize) -> Option<Hit> {
        if i == j {
            return None;
        }
        if self.args[i].start == self.args[j].start && self.args[i].end == self.args[j].end {
            return self
                .shared_mention(i.min(j), i.max(j))
                .map(|h| self.oriented(h, i.min(j), i));
        }
        let (x, y) = if self.args[i].start <= self.args[j].start {
            (i, j)
        } else {
            (j, i)
        };
        let hit = self
            .in_phrase(x, y)
            .or_else(|| self.listed_kind(x, y))
            .or_else(|| self.in_clause(x, y))
            .or_else(|| self.listed_for_subject(x, y))
            .or_else(|| self.apposed(x, y))
            .or_else(|| self.noun_act(x, y))
            .or_else(|| self.shared_qualifier(x, y))?;
        Some(self.oriented(hit, x, i))
    }

    /// `멕시코 일간지 A와 B`: the place that qualifies the first
    /// organisation of a list qualifies each bare one after it (B is a
    /// Mexican daily as A is), when the later name has nothing of its own
    /// before it. Not an organisation before people (`그룹 X 멤버 A와 B`:
    /// B need not be one).
    fn shared_qualifier(&self, x: usize, y: usize) -> Option<Hit> {
        if self.args[x].kind != ArgKind::Location || self.args[y].kind != ArgKind::Org {
            return None;
        }
        let (px, py) = (self.info[x].phrase?, self.info[y].phrase?);
        let wy = self.info[y].word?;
        if px >= py
            || self.c.phrases[px].group != self.c.phrases[py].group
            || self.info[y].pos != Pos::Referent
            || self.info[x].pos != Pos::Owner
            || self.c.phrases[py].words.start != wy
        {
            return None;
        }
        // The first name, of y's kind, that x qualifies.
        let first = (0..self.args.len()).find(|&k| {
            k != x
                && Some(k) != self.standin
                && self.info[k].phrase == Some(px)
                && self.info[k].pos == Pos::Referent
                && self.args[k].kind == self.args[y].kind
        })?;
        let mut h = self.in_phrase(x, first)?;
        h.confidence *= 0.9;
        h.span = self.span(x, y);
        Some(h)
    }

    /// `A는 'P'와 'Q' 운영 노하우를 바탕으로`, `A는 P 개발 경험을 살려`: a
    /// verbal noun written right after a product's or work's name (or
    /// after a later name of its list) is an act on it, and the act is the subject's of the
    /// clause the phrase is in (the predicate patterns of `운영하다`,
    /// `개발하다`, with the name as object); less sure than a written verb.
    fn noun_act(&self, x: usize, y: usize) -> Option<Hit> {
        // Only a product or a work: before a verbal noun an organisation
        // or a person may be who acts (`검찰 수사`), a thing never is.
        if self.info[x].pos != Pos::Referent
            || self.info[y].pos == Pos::Other
            || !matches!(self.args[y].kind, ArgKind::Product | ArgKind::Work)
        {
            return None;
        }
        let (px, py) = (self.info[x].phrase?, self.info[y].phrase?);
        if self.c.phrases[px].group == self.c.phrases[py].group {
            return None;
        }
        // The name the verbal noun follows: y's, or that of a later name of
        // its list (`'P'와 'Q' 운영`).
        let mut at = None;
        for ph in self.c.group(py).filter(|&ph| ph >= py) {
            let words = &self.c.phrases[ph].words;
            let name = if ph == py {
                self.info[y].word?
            } else {
                words
                    .clone()
                    .filter(|&w| self.c.words[w].paren.is_none())
                    .find(|&w| self.c.words[w].atom.is_some())?
            };
            if name + 1 < words.end {
                at = Some((ph, name + 1));
                break;
            }
        }
        let (last, n) = at?;
        let word = &self.c.words[n];
        if word.atom.is_some()
            || word.paren.is_some()
            || word.kind != WordKind::Noun
            || n != self.c.phrases[last].head && word.case != Case::Bare
        {
            return None;
        }
        let key = format!("{}하", self.c.content(n));
        if !self.patterns.has_predicate(&key) {
            return None;
        }
        let (kx, ky) = (self.args[x].kind, self.args[y].kind);
        (0..self.c.predicates.len()).find_map(|q| {
            let p = &self.c.predicates[q];
            if p.copula || self.role_in(y, q).is_none() {
                return None;
            }
            let (cx, _) = self.role_in(x, q)?;
            if !cx.is_subject_like() {
                return None;
            }
            let pat = self.patterns.predicates(&key).find(|pat| {
                pat.a.roles.has(cx)
                    && pat.a.types.has(kx)
                    && pat.b.roles.has(Case::Object)
                    && pat.b.types.has(ky)
            })?;
            let mut h = self.hit(
                pat.kind,
                pat.source == Source::First,
                0.6,
                self.clause_span(q, x, y),
            );
            h.modality_from = p.start;
            h.negated = p.negated;
            h.hypothetical = p.hypothetical || pat.hypothetical;
            Some(h)
        })
    }

    /// `A는 아내 B와 함께 왔다`, `A 씨는 소속사 B를 통해 밝혔다`, `A는 전문
    /// 자회사인 B를`: a person's or organisation's relational noun (kin,
    /// colleague, agency, subsidiary, partner) standing bare before a name
    /// names that of the subject or topic written before it, when no other
    /// subject or topic comes between.
    fn apposed(&self, x: usize, y: usize) -> Option<Hit> {
        if !matches!(self.args[x].kind, ArgKind::Person | ArgKind::Org)
            || self.info[x].pos != Pos::Referent
        {
            return None;
        }
        let (px, py) = (self.info[x].phrase?, self.info[y].phrase?);
        let wy = self.info[y].word?;
        let ph = &self.c.phrases[py];
        // Not a phrase coordinated with the name's (`A와 형 B는`: B is
        // someone else's brother).
        if px >= py || wy <= ph.words.start || self.c.phrases[px].group == ph.group {
            return None;
        }
        let n = wy - 1;
        // Bare nouns may say what kind it is first (`A는 의료AI 전문 자회사인
        // B를`).
        let before = self.outside(ph.words.start, n);
        // Not a word standing for someone (`자사 브랜드 B`: whose the
        // anaphora step says).
        let anaphora = self.patterns.anaphora();
        if before.len() > 3
            || !self.bare_modifiers(&before)
            || before.iter().any(|&w| {
                let chars: Vec<char> = self.c.content(w).chars().collect();
                !anaphora.find(&chars).is_empty()
            })
        {
            return None;
        }
        let noun = &self.c.words[n];
        // An organisation's noun after modifiers says what the name is
        // (`전문 자회사인 B`); bare (`NIH 산하 B`), the modifiers may name
        // the owner of the organisation B.
        if self.args[x].kind == ArgKind::Org
            && self.args[y].kind == ArgKind::Org
            && !before.is_empty()
            && noun.kind != WordKind::Apposition
        {
            return None;
        }
        if noun.atom.is_some()
            || noun.paren.is_some()
            || self.c.words[wy].paren.is_some()
            || !matches!(noun.kind, WordKind::Noun | WordKind::Apposition)
            || noun.case != Case::Bare
            || !matches!(self.c.phrases[px].case, Case::Subject | Case::Topic)
            || (px + 1..py).any(|p| matches!(self.c.phrases[p].case, Case::Subject | Case::Topic))
        {
            return None;
        }
        let (kind, holder_source, role) = self.noun_kind_stem(&self.stem_of(n), x, y)?;
        let mut h = self.hit(kind, !holder_source, 0.7, self.span(x, y));
        h.role = role;
        Some(h)
    }

    /// Two arguments written as one word (`양사는 … 협약을 맺었다`: the two
    /// organisations named before): what a predicate says of coordinated
    /// arguments together (`A와 B는 협약을 맺었다`), nothing else.
    fn shared_mention(&self, x: usize, y: usize) -> Option<Hit> {
        self.info[x].phrase?;
        (0..self.c.predicates.len()).find_map(|q| {
            let (c, _) = self.role_in(x, q)?;
            self.by_patterns(q, x, y, c, c, true)
        })
    }

    /// An open relation between `i` and `j`: both referents and arguments
    /// of one predicate.
    pub fn open(&self, i: usize, j: usize) -> Option<Hit> {
        let (x, y) = if self.args[i].start <= self.args[j].start {
            (i, j)
        } else {
            (j, i)
        };
        let hit = self.open_pair(x, y)?;
        Some(self.oriented(hit, x, i))
    }

    /// `hit` was found for (x, y) in text order; `first` is the argument
    /// asked about first.
    fn oriented(&self, mut hit: Hit, x: usize, first: usize) -> Hit {
        if x != first {
            hit.first_is_source = !hit.first_is_source;
        }
        hit
    }

    fn hit(
        &self,
        kind: RelationKind,
        x_is_source: bool,
        confidence: f32,
        span: (usize, usize),
    ) -> Hit {
        Hit {
            kind,
            first_is_source: x_is_source,
            confidence,
            role: None,
            predicate: None,
            negated: false,
            hypothetical: false,
            span,
            modality_from: span.1,
        }
    }

    /// An argument as written.
    fn arg_text(&self, i: usize) -> String {
        self.c.text(self.args[i].start, self.args[i].end)
    }

    fn span(&self, x: usize, y: usize) -> (usize, usize) {
        (
            self.args[x].start.min(self.args[y].start),
            self.args[x].end.max(self.args[y].end),
        )
    }

    // -----------------------------------------------------------------
    // Inside a phrase.

    fn in_phrase(&self, x: usize, y: usize) -> Option<Hit> {
        let (ix, iy) = (self.info[x], self.info[y]);
        let (wx, wy) = (ix.word?, iy.word?);
        let same = ix.phrase.is_some() && ix.phrase == iy.phrase;
        let py = &self.c.words[wy];
        let px = &self.c.words[wx];
        // `NDS(대표 김중원)`, `김연자(1959년 1월 25일 ~)`: y in parentheses
        // after x (or after x's phrase's title head).
        if let Some(owner) = py.paren
            && px.paren.is_none()
            && (owner == wx || ix.phrase.is_some() && self.c.phrase_of(owner) == ix.phrase)
        {
            if let Some(h) = self.life_dates(x, y) {
                return Some(h);
            }
            if (owner == wx || self.head_title_of(ix.phrase) == Some(owner))
                && let Some(h) = self.paren_inner(x, y, wx, wy, owner)
            {
                return Some(h);
            }
        }
        if !same || px.paren.is_some() || py.paren.is_some() {
            return None;
        }
        self.pair_noun(x, y, wx, wy)
            .or_else(|| self.owner_noun_holder(x, y, wx, wy))
            .or_else(|| self.holder_owner_noun(x, y, wx, wy))
            .or_else(|| self.owner_holder_noun(x, y, wx, wy))
            .or_else(|| self.adjacent(x, y, wx, wy))
    }

    /// `A, B 등 X 제품`: the members of a list closed by `등` are each one
    /// of what the noun after it names (x the member, y the owner). Words
    /// naming the owner's line may stand between the owner and the noun
    /// (`A, B 등 MS 애저 제품`, `A 등 MS 클라우드 서비스`): a product, or a
    /// plain noun that states no relation itself.
    fn listed_kind(&self, x: usize, y: usize) -> Option<Hit> {
        let (wx, wy) = (self.info[x].word?, self.info[y].word?);
        let (px, py) = (self.info[x].phrase?, self.info[y].phrase?);
        let ph = &self.c.phrases[py];
        let n = ph.words.end.checked_sub(1)?;
        if wy == ph.words.start || n <= wy || n > wy + 3 || ph.head != n || wx >= wy {
            return None;
        }
        if self.c.content(wy - 1) != "등" || self.c.words[n].paren.is_some() {
            return None;
        }
        let line = |w: usize| {
            let word = &self.c.words[w];
            word.paren.is_none()
                && match word.atom {
                    Some(_) => self.word_kind(w) == Some(ArgKind::Product),
                    None => {
                        word.kind == WordKind::Noun
                            && self.patterns.nouns(&self.stem_of(w)).is_none()
                            && self.title(w).is_none()
                    }
                }
        };
        if !(wy + 1..n).all(line) {
            return None;
        }
        // x in the phrase, coordinated with it, or a bare phrase of the
        // list before it (`A, B 등`).
        let listed = |a: usize| {
            a + 1 == py
                && self.c.phrases[a].marked == Case::Bare
                && self
                    .c
                    .text(self.c.phrases[a].end, ph.start)
                    .chars()
                    .filter(|c| !c.is_whitespace() && !"'\"‘’“”".contains(*c))
                    .eq([','])
        };
        if px != py && self.c.phrases[px].group != self.c.phrases[py].group && !listed(px) {
            return None;
        }
        if self.c.words[wx].paren.is_some() {
            return None;
        }
        let (kind, holder_source, role) = self.noun_kind(n, y, x, false)?;
        if self.args[x].kind == ArgKind::Person {
            return None;
        }
        let mut h = self.hit(kind, holder_source, 0.75, self.span(x, y));
        h.role = role;
        Some(h)
    }

    /// `S는 A, B 등 다양한 고객사의 …`, `S는 A와 B를 포함한 15개 회원사로
    /// …`, `A를 비롯한 주요 고객사들에`: a list closed by `등` (`포함한`,
    /// `비롯한`) and a relational noun that belongs to the subject: each
    /// member holds it of the subject (x the subject, y the member).
    fn listed_for_subject(&self, x: usize, y: usize) -> Option<Hit> {
        let (wx, wy) = (self.info[x].word?, self.info[y].word?);
        let words = &self.c.words;
        if self.info[x].pos != Pos::Referent
            || !matches!(words[wx].case, Case::Topic | Case::Subject)
            || words[wx].paren.is_some()
            || words[wy].paren.is_some()
            || words[wx].level != words[wy].level
            || !matches!(self.args[x].kind, ArgKind::Org)
            || !matches!(self.args[y].kind, ArgKind::Org)
        {
            return None;
        }
        // No other subject between: the list is said of x.
        if (wx + 1..wy).any(|w| {
            matches!(words[w].case, Case::Subject | Case::Topic) && words[w].paren.is_none()
        }) {
            return None;
        }
        // The list's close: the other members (entities, or their words in
        // parentheses) and then `등`, or `포함한`/`비롯한` after an object.
        let n = words.len();
        let mut k = wy + 1;
        let mut closed = None;
        while k < n && k <= wy + 8 {
            let w = &words[k];
            let c = self.c.text(w.start, w.end);
            let sep = self.c.text(words[k - 1].end, w.start);
            let member = matches!(sep.trim(), "," | "·") || words[k - 1].case == Case::Comitative;
            if w.paren.is_some()
                || (w.atom.is_some() || member && w.kind == WordKind::Noun)
                    && !matches!(w.case, Case::Topic | Case::Subject)
            {
                k += 1;
                continue;
            }
            let after_object = words[k - 1].case == Case::Object;
            if c == "등" || after_object && matches!(c.as_str(), "포함한" | "비롯한") {
                closed = Some(k);
            }
            break;
        }
        let close = closed?;
        // Then at most two words qualifying the noun (`다양한`, `주요`, `15개`).
        for (m, w) in words
            .iter()
            .enumerate()
            .take((close + 4).min(n))
            .skip(close + 1)
        {
            // A counted quantity may be marked (`15개 회원사`); a name may not.
            if w.atom.is_some() && !self.c.counted(m) || w.paren.is_some() {
                return None;
            }
            if w.atom.is_some() {
                continue;
            }
            let stem = self.stem_of(m);
            let stem = stem.strip_suffix('들').unwrap_or(&stem).to_string();
            if self.patterns.nouns(&stem).is_some() {
                let (kind, holder_source, role) = self.noun_kind_stem(&stem, x, y)?;
                let mut h = self.hit(kind, !holder_source, 0.7, self.span(x, y));
                h.role = role;
                return Some(h);
            }
        }
        None
    }

    /// `A와 B의 결혼식`, `A·B 부부`, `A와 B의 정상회담`: two coordinated
    /// entities owning a noun together.
    fn pair_noun(&self, x: usize, y: usize, wx: usize, wy: usize) -> Option<Hit> {
        if self.args[x].kind != self.args[y].kind {
            return None;
        }
        let gap = self.c.text(self.c.words[wx].end, self.c.words[wy].start);
        let joined = self.c.words[wx].case == Case::Comitative
            || matches!(gap.trim(), "·" | "," | "♥" | "-" | "와" | "과");
        if !joined || !matches!(self.c.words[wy].case, Case::Genitive | Case::Bare) {
            return None;
        }
        // Between the two, only the words of the second's title (`가수
        // 이승기와 배우 이다인의`).
        let between = self.outside(wx + 1, wy);
        if !between
            .iter()
            .all(|&w| self.c.words[w].atom.is_none() && self.c.words[w].case == Case::Bare)
        {
            return None;
        }
        let ph = self.info[y].phrase?;
        let end = self.c.phrases[ph].words.end;
        for &n in self.outside(wy + 1, end).iter().take(2) {
            // The shared noun may itself be the event it names (`A와 B의
            // 결혼식` as an EVENT): the pair still owns it.
            if self.c.words[n].atom.is_some() && self.word_kind(n) != Some(ArgKind::Event) {
                return None;
            }
            if let Some(p) = self.patterns.pair(&self.stem_of(n), self.args[x].kind) {
                return Some(self.hit(p.kind, true, 0.8, self.span(x, y)));
            }
        }
        None
    }

    /// The title head of a phrase (`김영섭 KT 대표`: `대표`).
    fn head_title_of(&self, p: Option<usize>) -> Option<usize> {
        let h = self.c.phrases[p?].head;
        self.title(h).map(|_| h)
    }

    /// What a relational word `n` states between owner `o` and holder `h`
    /// (argument indices): (kind, holder is source, role).
    fn noun_kind(
        &self,
        n: usize,
        o: usize,
        h: usize,
        former: bool,
    ) -> Option<(RelationKind, bool, Option<String>)> {
        let (ok, hk) = (self.args[o].kind, self.args[h].kind);
        if let Some((class, text)) = self.title(n).or_else(|| self.glued_title(n))
            && hk == ArgKind::Person
            && let Some(t) = self.patterns.title(class, ok, &self.arg_text(o))
        {
            let kind = t.kind_for(former);
            let holder_source = kind != RelationKind::FoundedBy;
            let role = if former { format!("전 {text}") } else { text };
            return Some((kind, holder_source, Some(role)));
        }
        if self.c.words[n].atom.is_some() {
            return None;
        }
        let s = self.stem_of(n);
        let (word, pats) = self.patterns.nouns(&s)?;
        let p = pats.iter().find(|p| p.owner.has(ok) && p.holder.has(hk))?;
        let role = p.role.then(|| word.to_string());
        Some((p.kind, p.source == Source::First, role))
    }

    /// What relational noun `stem` (as written) states between owner `o`
    /// and holder `h`: (kind, holder is source, role).
    fn noun_kind_stem(
        &self,
        stem: &str,
        o: usize,
        h: usize,
    ) -> Option<(RelationKind, bool, Option<String>)> {
        let (ok, hk) = (self.args[o].kind, self.args[h].kind);
        let (word, pats) = self.patterns.nouns(stem)?;
        let p = pats.iter().find(|p| p.owner.has(ok) && p.holder.has(hk))?;
        let role = p.role.then(|| word.to_string());
        Some((p.kind, p.source == Source::First, role))
    }

    /// `A의 (M) N(인) (M) B`: x the owner, y the holder.
    fn owner_noun_holder(&self, x: usize, y: usize, wx: usize, wy: usize) -> Option<Hit> {
        if !matches!(self.c.words[wx].case, Case::Bare | Case::Genitive) {
            return None;
        }
        let mut between = self.outside(wx + 1, wy);
        // `노태우 전 대통령의 장남 노재헌`: the owner's own title (maybe made
        // past) in the genitive comes first.
        if self.args[x].kind == ArgKind::Person
            && self.c.words[wx].case == Case::Bare
            && let Some(t) = between.iter().position(|&w| {
                self.c.words[w].case == Case::Genitive
                    && self.c.words[w].atom.is_none()
                    && self.title(w).is_some()
            })
            && t <= 1
            && between[..t].iter().all(|&w| self.modifier(w))
        {
            between.drain(..=t);
        }
        if between.is_empty() || between.len() > 6 {
            return None;
        }
        // Every word between is a noun without particles (but for `인`).
        if !between.iter().all(|&w| {
            let word = &self.c.words[w];
            word.atom.is_none()
                && matches!(
                    word.kind,
                    WordKind::Noun | WordKind::Determiner | WordKind::Apposition
                )
                && word.case == Case::Bare
        }) {
            return None;
        }
        let former = self.former_marker(between[0]) || wx > 0 && self.former_before(wx);
        // The relational noun, nearest to the holder first.
        for (k, &n) in between.iter().enumerate().rev() {
            if between.len() - k - 1 > 3 || k > 3 {
                continue;
            }
            if let Some((kind, holder_source, role)) = self.noun_kind(n, x, y, former) {
                let mut h = self.hit(kind, !holder_source, 0.85, self.span(x, y));
                h.role = role;
                return Some(h);
            }
        }
        None
    }

    /// `A B N`: x the owner, y the holder, and the title after y (`정의당
    /// 윤소하 의원`, `정의당 이민수의원은`), or glued to x (`부안군수 권익현`).
    fn owner_holder_noun(&self, x: usize, y: usize, wx: usize, wy: usize) -> Option<Hit> {
        if !matches!(self.c.words[wx].case, Case::Bare | Case::Genitive)
            || !self.outside(wx + 1, wy).is_empty()
        {
            return None;
        }
        // `A-B 합작사`, `A·B 합작사`: two owners listed, not an owner and
        // what it holds.
        if self
            .c
            .text(self.args[x].end, self.args[y].start)
            .contains(['-', '·', '/', ',', '&', '‧', 'ㆍ'])
        {
            return None;
        }
        if let Some((kind, holder_source, role)) = self.noun_kind_glued(x, y, false) {
            let mut h = self.hit(kind, !holder_source, 0.8, self.span(x, y));
            h.role = role;
            return Some(h);
        }
        // The title glued to the name (`이민수의원은`) or the word after it.
        let n = if self.title_after_atom(wy).is_some() {
            wy
        } else {
            let ph = self.info[y].phrase?;
            let next = self.outside(wy + 1, self.c.phrases[ph].words.end);
            *next.first()?
        };
        let former = self.former_after(n);
        let (kind, holder_source, role) = if n == wy {
            let (class, text) = self.title_after_atom(wy)?;
            let t = self
                .patterns
                .title(class, self.args[x].kind, &self.arg_text(x))?;
            (t.kind, t.kind != RelationKind::FoundedBy, Some(text))
        } else {
            self.noun_kind(n, x, y, former)?
        };
        let mut h = self.hit(kind, !holder_source, 0.85, self.span(x, y));
        h.role = role;
        Some(h)
    }

    /// A title written right after an atom in the same word (`이민수의원은`).
    fn title_after_atom(&self, w: usize) -> Option<(TitleClass, String)> {
        let word = &self.c.words[w];
        word.atom?;
        let i = self.info.iter().position(|x| x.word == Some(w))?;
        let rest = self.c.text(self.args[i].end, word.content_end);
        let t = titles().get(&rest)?;
        relational(t.class).then_some((t.class, rest))
    }

    /// Whether a former marker stands right before word `w` (`전 KT 대표`).
    fn former_before(&self, w: usize) -> bool {
        w > 0 && self.c.words[w - 1].paren.is_none() && self.former_marker(w - 1)
    }

    /// `B A (M) N`, `B / A N`, `B 전 A N`, `B A1 N1 겸 A2 N2`: x the holder,
    /// y the owner, the title or noun after y.
    fn holder_owner_noun(&self, x: usize, y: usize, wx: usize, wy: usize) -> Option<Hit> {
        if self.c.words[wx].case != Case::Bare {
            return None;
        }
        let between = self.outside(wx + 1, wy);
        let gap = self.c.text(self.c.words[wx].end, self.c.words[wy].start);
        let mut former = false;
        let ok_between = match between.as_slice() {
            [] => {
                matches!(gap.trim(), "" | "/" | "(")
                    || gap.trim_start().starts_with('(') && gap.trim_end().ends_with(')')
            }
            [m] if self.modifier(*m) => {
                former = self.former_marker(*m);
                true
            }
            ws => {
                // A second hat: `A1 N1 겸 A2`.
                let last = *ws.last()?;
                if self.c.content(last) == "겸" {
                    true
                } else if self.former_marker(last)
                    && ws.len() >= 2
                    && self.c.content(ws[ws.len() - 2]) == "겸"
                {
                    former = true;
                    true
                } else {
                    false
                }
            }
        };
        if !ok_between {
            return None;
        }
        // Two organisations written one after the other name a unit inside
        // the first (`A부 B청 소속기관`, `A법인 B대학교 설립위원회`): the
        // noun after them is of B, never a tie from A to B.
        if self.args[x].kind == ArgKind::Org && between.is_empty() && gap.trim().is_empty() {
            return None;
        }
        // After y: modifiers, then the title or noun, which ends the phrase
        // or comes before `겸`.
        let ph = self.info[y].phrase?;
        let end = self.c.phrases[ph].words.end;
        let after = self.outside(wy + 1, end);
        // y itself may end in the title (`부안군수`).
        if (after.is_empty() || self.c.content(after[0]) == "겸")
            && let Some((kind, holder_source, role)) = self.noun_kind_glued(y, x, former)
        {
            let mut h = self.hit(kind, holder_source, 0.8, self.span(x, y));
            h.role = role;
            return Some(h);
        }
        // The first title (or relational noun) after the owner, within a
        // few words, before another entity: `김정우 네이버 쇼핑플랫폼 책임리더
        // 겸 이사`, `조 바이든 미국 대통령 초청으로`.
        for (k, &n) in after.iter().enumerate() {
            if k > 5 || self.c.words[n].atom.is_some() {
                break;
            }
            if self.c.content(n) == "겸" {
                continue;
            }
            let former = former || k > 0 && self.former_marker(after[k - 1]);
            let former = former || self.former_after(n);
            if let Some((mut kind, holder_source, role)) = self.noun_kind(n, y, x, former) {
                // `박영희 한빛전자 결제그룹 대표`: a unit named between the
                // owner and a head's title is what the person heads; of the
                // owner the person is an employee.
                let unit_between = after[..k].iter().any(|&m| {
                    !self.modifier(m) && !self.former_marker(m) && self.c.content(m) != "겸"
                });
                if unit_between && self.args[x].kind == ArgKind::Person {
                    kind = match kind {
                        RelationKind::CeoOf | RelationKind::Leads => RelationKind::EmployeeOf,
                        RelationKind::FormerCeoOf => RelationKind::FormerEmployeeOf,
                        k => k,
                    };
                }
                let mut h = self.hit(kind, holder_source, 0.85, self.span(x, y));
                h.role = role;
                return Some(h);
            }
        }
        None
    }

    /// The glued title of owner `o`'s own word, with holder `h`.
    fn noun_kind_glued(
        &self,
        o: usize,
        h: usize,
        former: bool,
    ) -> Option<(RelationKind, bool, Option<String>)> {
        let w = self.info[o].word?;
        let (class, text) = self.glued_title(w)?;
        if self.args[h].kind != ArgKind::Person {
            return None;
        }
        let t = self
            .patterns
            .title(class, self.args[o].kind, &self.arg_text(o))?;
        let kind = t.kind_for(former);
        Some((kind, kind != RelationKind::FoundedBy, Some(text)))
    }

    /// `대표 시절`, `대표를 지낸`: words after a title that make it past.
    fn former_after(&self, n: usize) -> bool {
        let next = self.c.words.get(n + 1);
        let tail = self.c.tail(n);
        next.is_some_and(|w| {
            let c = self.c.text(w.start, w.content_end);
            matches!(c.as_str(), "시절" | "당시" | "때" | "출신")
                || (tail == "을" || tail == "를")
                    && ["지낸", "지냈", "역임"]
                        .iter()
                        .any(|v| c.starts_with(v) || self.c.text(w.start, w.end).starts_with(v))
        })
    }

    /// y inside parentheses owned by x's word (or its phrase's title head):
    /// `NDS(대표 김중원)`, `이준희(전 삼성전자 부사장)`, `X(극본 A·연출 B)`,
    /// `X 의원(정의당, 고양갑)`.
    fn paren_inner(&self, x: usize, y: usize, wx: usize, wy: usize, owner: usize) -> Option<Hit> {
        // The words of the parenthesis before y, back to a separator.
        let first_inner = (owner + 1..wy)
            .find(|&w| self.c.words[w].paren == Some(owner))
            .unwrap_or(wy);
        let chunk_start = |to: usize| -> usize {
            let mut k = to;
            while k > first_inner {
                let gap = self.c.text(self.c.words[k - 1].end, self.c.words[k].start);
                if gap.contains([',', '·', '/', '，']) {
                    break;
                }
                k -= 1;
            }
            k
        };
        let start = chunk_start(wy);
        let before: Vec<usize> = (start..wy).collect();
        // `(대표 김중원)`, `(극본 김진욱`: owner x, holder y.
        let try_nouns = |ws: &[usize]| -> Option<Hit> {
            for &n in ws.iter().rev() {
                if let Some((kind, holder_source, role)) = self.noun_kind(n, x, y, false) {
                    let mut h = self.hit(kind, !holder_source, 0.85, self.span(x, y));
                    h.role = role;
                    return Some(h);
                }
            }
            None
        };
        if !before.is_empty()
            && self.bare_modifiers(&before)
            && let Some(h) = try_nouns(&before)
        {
            return Some(h);
        }
        // `(극본 강은경, 임혜민/연출 …)`: a list goes on with the noun of
        // the chunk before, when a comma separates them.
        if before.is_empty() && start > first_inner {
            let gap = self
                .c
                .text(self.c.words[start - 1].end, self.c.words[start].start);
            if gap.contains(',') {
                let prev_start = chunk_start(start - 1);
                let prev: Vec<usize> = (prev_start..start).collect();
                let nouns: Vec<usize> = prev
                    .iter()
                    .copied()
                    .filter(|&w| self.c.words[w].atom.is_none())
                    .collect();
                if !nouns.is_empty()
                    && self.bare_modifiers(&nouns)
                    && let Some(h) = try_nouns(&nouns)
                {
                    return Some(h);
                }
            }
        }
        // `이준희(전 삼성전자 부사장)`: holder x, owner y, the title after y.
        let after: Vec<usize> = (wy + 1..self.c.words.len())
            .take_while(|&w| self.c.words[w].paren == Some(owner))
            .collect();
        let former = before.iter().any(|&w| self.former_marker(w));
        let lead_ok = before.iter().all(|&w| self.modifier(w));
        if lead_ok {
            let mut ws = Vec::new();
            for &w in &after {
                let gap = self.c.text(self.c.words[w - 1].end, self.c.words[w].start);
                if gap.contains([',', '/', '·']) || self.c.words[w].atom.is_some() {
                    break;
                }
                ws.push(w);
            }
            if let Some(&n) = ws.last()
                && let Some((kind, holder_source, role)) = self.noun_kind(n, y, x, former)
            {
                let mut h = self.hit(kind, holder_source, 0.85, self.span(x, y));
                h.role = role;
                return Some(h);
            }
            // `하이에어(윤형관 대표이사)`: owner x, holder y, the title after y.
            if let Some(&n) = ws.last()
                && let Some((kind, holder_source, role)) = self.noun_kind(n, x, y, former)
            {
                let mut h = self.hit(kind, !holder_source, 0.85, self.span(x, y));
                h.role = role;
                return Some(h);
            }
            // `손흥민(토트넘)`, `노태현(JBJ·핫샷)`: a person's organisation
            // alone in the parenthesis after the name is the one they belong
            // to. A name in Latin letters there is more often the person's own
            // name as spelt abroad (`나플라(nafla)`), unless an acronym.
            let yt = self.arg_text(y);
            let hangul = yt
                .chars()
                .any(crate::entities::romanize::is_hangul_syllable);
            let acronym = yt.chars().count() <= 6
                && yt
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
            let spelt = !hangul && !acronym;
            if before.is_empty()
                && ws.is_empty()
                && owner == wx
                && !spelt
                && self.args[x].kind == ArgKind::Person
                && self.args[y].kind == ArgKind::Org
                && matches!(self.c.chars().get(self.args[y].end), Some(')' | '·' | ','))
            {
                return Some(self.hit(RelationKind::MemberOf, true, 0.7, self.span(x, y)));
            }
            // `김모 씨(45·서울 강남구)`, `이민수 의원(부산 연제구)`: a place
            // there is where the person lives or stands for; a country alone
            // (`타이거 우즈(미국)`) is their nationality.
            if before.is_empty()
                && ws.is_empty()
                && self.args[x].kind == ArgKind::Person
                && self.args[y].kind == ArgKind::Location
                && matches!(self.c.chars().get(self.args[y].end), Some(')' | '·' | ','))
            {
                let local = yt.contains(' ')
                    || yt.ends_with(['시', '군', '구', '읍', '면', '동', '갑', '을']);
                let kind = if local {
                    RelationKind::ResidentOf
                } else {
                    RelationKind::NativeOf
                };
                return Some(self.hit(kind, true, 0.65, self.span(x, y)));
            }
            // `이민수 의원(정의당, 고양갑)`: the title outside, the owner
            // alone inside.
            if before.is_empty()
                && ws.is_empty()
                && owner != wx
                && let Some((kind, holder_source, role)) = self.noun_kind(owner, y, x, false)
            {
                let mut h = self.hit(kind, holder_source, 0.8, self.span(x, y));
                h.role = role;
                return Some(h);
            }
        }
        None
    }

    /// `김연자(1959년 1월 25일 ~)`: a person's (or organisation's) dates in
    /// the parenthesis after its name; before `~` born (founded), after it
    /// died (dissolved); `(1959년생)` born.
    fn life_dates(&self, x: usize, y: usize) -> Option<Hit> {
        let place = self.args[y].kind == ArgKind::Location;
        let (born, died) = match (self.args[x].kind, self.args[y].kind) {
            (ArgKind::Person, ArgKind::Date) => (RelationKind::BornOn, RelationKind::DiedOn),
            (ArgKind::Org, ArgKind::Date) => (RelationKind::FoundedOn, RelationKind::DissolvedOn),
            (ArgKind::Person, ArgKind::Location) => (RelationKind::BornIn, RelationKind::DiedIn),
            _ => return None,
        };
        let open = self.c.chars()[..self.args[y].start]
            .iter()
            .rposition(|&c| c == '(')?;
        let close = self.c.chars()[self.args[y].end..]
            .iter()
            .position(|&c| c == ')')
            .map(|k| k + self.args[y].end)?;
        let before: String = self.c.chars()[open + 1..self.args[y].start]
            .iter()
            .collect();
        let after: String = self.c.chars()[self.args[y].end..close].iter().collect();
        let (b, a) = (before.trim_end(), after.trim_start());
        let tilde = |t: &str| t.contains(['~', '∼']);
        // A place among the dates, before or after the `~`: `(1969년 2월
        // 1일, 아르헨티나 산타페주 ~)`, `(1907년 5월 23일 예천 출생 ~ …)`.
        if place {
            let dated = |t: &str| {
                t.match_indices('년')
                    .any(|(i, _)| t[..i].ends_with(|c: char| c.is_ascii_digit()))
            };
            if !dated(&before) && !dated(&after) {
                return None;
            }
            let kind = if tilde(&before) {
                died
            } else if tilde(&after) || a.starts_with("출생") {
                born
            } else {
                return None;
            };
            return Some(self.hit(kind, true, 0.85, self.span(x, y)));
        }
        // Before `~` or a dash born (founded), after it died (dissolved);
        // also `(1958년 6월 10일 횡성 ~)`, `(1170년 9월 6일 죽음)`, and a
        // date alone (`(장예모, 1950년 4월 2일)`) born.
        let kind = if tilde(&before)
            || b.ends_with(['-', '–'])
            || before.contains('–') && !after.contains('~')
            || a.starts_with("죽음")
            || a.starts_with("사망")
        {
            died
        } else if a.starts_with(['~', '∼', '-', '–'])
            || a.starts_with("생")
            || a.starts_with("출생")
            || tilde(&after)
            || a.is_empty() && (b.is_empty() || b.ends_with(','))
        {
            born
        } else {
            return None;
        };
        Some(self.hit(kind, true, 0.9, self.span(x, y)))
    }

    /// Two entities next to each other (`MS 애저`, `미국 마이크론`,
    /// `중국의 화웨이`), maybe with allowed words between (`이탈리아 북부
    /// 밀라노`).
    fn adjacent(&self, x: usize, y: usize, wx: usize, wy: usize) -> Option<Hit> {
        if !matches!(self.c.words[wx].case, Case::Bare | Case::Genitive) {
            return None;
        }
        // Only spaces (and allowed words) between: `러시아-우크라이나` and
        // `A, B` are pairs, not places in places.
        let spaced = (wx..wy).all(|w| {
            self.c
                .text(self.c.words[w].end, self.c.words[w + 1].start)
                .chars()
                .all(|c| c.is_whitespace() || matches!(c, '\'' | '‘' | '’' | '"' | '“' | '”'))
        });
        if !spaced {
            return None;
        }
        let between: Vec<String> = (wx + 1..wy).map(|w| self.c.content(w)).collect();
        let (xt, yt) = (
            self.c.text(self.args[x].start, self.args[x].end),
            self.c.text(self.args[y].start, self.args[y].end),
        );
        for a in &self.patterns.adjacent {
            if !a.first.has(self.args[x].kind) || !a.second.has(self.args[y].kind) {
                continue;
            }
            if !between.iter().all(|b| a.between.iter().any(|x| x == b)) {
                continue;
            }
            if a.second_not_ends.iter().any(|e| yt.ends_with(e.as_str())) {
                continue;
            }
            if !a.second_ends.is_empty() && !a.second_ends.iter().any(|e| yt.ends_with(e.as_str()))
            {
                continue;
            }
            if !a.first_ends.is_empty() && !a.first_ends.iter().any(|e| xt.ends_with(e.as_str())) {
                continue;
            }
            // `MS 애저를`, `MS 애저 제품을`, `미국 MS 본사`, but not `SBS 유튜브
            // 채널` or `카자흐스탄 알마티 소아병원` (a name the recognizer cut).
            if a.second_head && self.info[y].pos != Pos::Referent && !self.relational_next(wy) {
                continue;
            }
            // The second must not be followed by a noun that makes the two
            // a compound name the recognizer split (`알마티 소아병원`).
            return Some(self.hit(a.kind, a.source == Source::First, 0.6, self.span(x, y)));
        }
        None
    }

    /// Whether argument `i` qualifies the noun that heads its phrase (`SBS
    /// 유튜브 채널`: `유튜브` qualifies `채널`), so that the phrase names
    /// something else than `i`; a relational noun after it (`애저 제품`)
    /// still lets it stand for itself.
    pub fn qualifies_other(&self, i: usize) -> bool {
        let Some(info) = self.info.get(i) else {
            return false;
        };
        info.pos == Pos::Owner && info.word.is_some_and(|w| !self.relational_next(w))
    }

    /// Whether the word after `w` in its phrase is a title or a relational
    /// noun (`MS 본사`, `애저 제품`).
    fn relational_next(&self, w: usize) -> bool {
        let Some(ph) = self.c.phrase_of(w) else {
            return false;
        };
        let next = w + 1;
        next < self.c.phrases[ph].words.end
            && self.c.words[next].atom.is_none()
            && (self.title(next).is_some() || self.patterns.nouns(&self.stem_of(next)).is_some())
    }

    // -----------------------------------------------------------------
    // Arguments of a predicate.

    /// The role of argument `i` for predicate `q`, if it is one of its
    /// arguments (directly or through its coordination).
    fn role_in(&self, i: usize, q: usize) -> Option<(Case, bool)> {
        let ph = self.info[i].phrase?;
        let p = &self.c.predicates[q];
        let Some(a) = p.args.iter().find(|a: &&Argument| a.phrase == ph) else {
            return self.listed_head(ph, q).then_some((Case::Head, false));
        };
        // `삼성전자에서 출시한 X`: an organisation in 에서 is the subject of
        // a clause with none written (not of a passive one).
        if a.case == Case::Locative
            && self.args[i].kind == ArgKind::Org
            && self.info[i].pos == Pos::Referent
            && !p.copula
            && !["되", "받", "당하", "지"]
                .iter()
                .any(|e| p.stem.ends_with(e))
            && !p
                .args
                .iter()
                .any(|b| b.case.is_subject_like() && !b.inherited)
            && !self.meets_person_there(q)
        {
            return Some((Case::Subject, a.inherited));
        }
        Some((a.case, a.inherited))
    }

    /// Whether phrase `ph` names an argument of `kind`.
    fn phrase_names(&self, ph: usize, kind: ArgKind) -> bool {
        (0..self.args.len()).any(|j| self.info[j].phrase == Some(ph) && self.args[j].kind == kind)
    }

    /// `백악관에서 B 대통령과 정상회담을 열다`: with a person in the
    /// comitative, the organisation in 에서 is where they meet, not who.
    fn meets_person_there(&self, q: usize) -> bool {
        self.c.predicates[q]
            .args
            .iter()
            .any(|b| b.case == Case::Comitative && self.phrase_names(b.phrase, ArgKind::Person))
    }

    /// Whether phrase `ph` is named as what the head of relative clause
    /// `q` is: the head, a noun naming no entity, is the topic or subject
    /// of a copula whose complement lists `ph` (`KT 대표를 역임한 인물은
    /// A·B 등 5명이다`: A and B held the post; `삼성이 인수한 곳은 A다`).
    fn listed_head(&self, ph: usize, q: usize) -> bool {
        let Some(head) = self.c.predicates[q]
            .args
            .iter()
            .find(|a| a.case == Case::Head && !a.inherited)
            .map(|a| a.phrase)
        else {
            return false;
        };
        if !self.names_none(head) {
            return false;
        }
        self.c.predicates.iter().any(|c| {
            c.copula
                && !c.negated
                && c.args
                    .iter()
                    .any(|a| a.phrase == head && a.case.is_subject_like() && !a.inherited)
                && c.args
                    .iter()
                    .any(|a| a.phrase == ph && matches!(a.case, Case::Bare | Case::Complement))
        })
    }

    /// Whether argument `i` is in a dative written `X를 상대로` (against X),
    /// not 에.
    fn against(&self, i: usize) -> bool {
        self.info[i].phrase.is_some_and(|ph| {
            let ph = &self.c.phrases[ph];
            ph.case == Case::Dative && ph.marked == Case::Object
        })
    }

    /// Whether argument `i`'s position fits `at`.
    fn at_fits(&self, i: usize, at: At) -> bool {
        match at {
            At::Referent => self.info[i].pos == Pos::Referent,
            At::Owner => self.info[i].pos == Pos::Owner,
            At::Any => self.info[i].pos != Pos::Other,
            At::Name => self.info[i].pos == Pos::Referent || self.names_head(i),
        }
    }

    /// Whether argument `i` is a name written right before its phrase's
    /// head noun, with no particle (`'스타십' 우주선`, `'P' 용기에`): the
    /// phrase is about it, though it does not name it.
    fn names_head(&self, i: usize) -> bool {
        let (Some(w), Some(ph)) = (self.info[i].word, self.info[i].phrase) else {
            return false;
        };
        let h = self.c.head_word(ph);
        self.info[i].pos == Pos::Owner
            && w + 1 == h
            && self.c.words[w].case == Case::Bare
            && self.c.words[h].atom.is_none()
            && self.c.words[h].kind == WordKind::Noun
            && self.title(h).is_none()
            && !self.relational_next(w)
    }

    /// The noun a phrase is about: its head, or before a quantity head the
    /// noun it counts (`지분 5%를 인수했다`, `주식 100만주를 사들였다`:
    /// `지분`, `주식`).
    fn counted_noun(&self, p: usize) -> usize {
        let ph = &self.c.phrases[p];
        let h = ph.head;
        if !self.c.counted(h) || h == ph.words.start {
            return h;
        }
        let before = h - 1;
        let w = &self.c.words[before];
        if w.paren.is_none() && w.atom.is_none() && w.kind == WordKind::Noun {
            before
        } else {
            h
        }
    }

    /// The keys a predicate is looked up by, with the noun each stands for
    /// (for role attributes).
    fn keys(&self, q: usize) -> Vec<(String, String)> {
        let p = &self.c.predicates[q];
        let mut keys: Vec<(String, String)> = Vec::new();
        let noun = p.noun.clone().unwrap_or_else(|| p.stem.clone());
        keys.push((p.stem.clone(), noun.clone()));
        if let Some(n) = &p.noun {
            keys.push((n.clone(), n.clone()));
            // `투자받다`: the glued noun with its verb.
            if !p.stem.starts_with(n.as_str()) {
                keys.push((format!("{n}+{}", p.stem), n.clone()));
            }
        }
        // Object nouns (`계약을 체결하다`, `소송을 내다`) and nouns of
        // dative support (`협력에 나서다`).
        let support = self.patterns.is_support(&p.stem) || p.stem == "하" || p.stem == "되";
        for a in &p.args {
            if !matches!(a.case, Case::Object | Case::Bare) || a.inherited {
                continue;
            }
            let h = self.counted_noun(a.phrase);
            let word = &self.c.words[h];
            // A named event is still the noun of its verb (`한미정상회담을
            // 열다` is `정상회담+열다`).
            let event = word.atom.is_some()
                && a.case == Case::Object
                && self.phrase_names(a.phrase, ArgKind::Event);
            if !event && (word.atom.is_some() || word.kind != WordKind::Noun) {
                continue;
            }
            let obj = self.c.content(h);
            let mut forms = vec![obj.clone()];
            // Compounds: `이용계약` is also `계약`.
            for (at, _) in obj.char_indices().skip(1) {
                if obj[at..].chars().count() >= 2 {
                    forms.push(obj[at..].to_string());
                }
            }
            for f in forms {
                keys.push((format!("{f}+{}", p.stem), f.clone()));
                // A headline's nominal predicate is its 하다-verb
                // (`지분 인수` is `지분+인수하다`).
                if p.nominal {
                    keys.push((format!("{f}+{}하", p.stem), f.clone()));
                }
                if support && a.case == Case::Object {
                    keys.push((f.clone(), f));
                }
            }
        }
        // A noun in 으로 that brought the act about, whatever the verb
        // (`검찰 수사로 퇴진하다`: `수사+로`).
        for a in &p.args {
            if a.case != Case::Instrumental || a.inherited {
                continue;
            }
            let h = self.c.phrases[a.phrase].head;
            let word = &self.c.words[h];
            if word.atom.is_some() || word.kind != WordKind::Noun {
                continue;
            }
            let n = self.c.content(h);
            keys.push((format!("{n}+로"), n));
        }
        keys
    }

    /// A typed relation from a predicate both arguments belong to.
    fn in_clause(&self, x: usize, y: usize) -> Option<Hit> {
        for q in 0..self.c.predicates.len() {
            let (Some((cx, inx)), Some((cy, iny))) = (self.role_in(x, q), self.role_in(y, q))
            else {
                continue;
            };
            if inx && iny {
                continue;
            }
            let joint = self.info[x]
                .phrase
                .zip(self.info[y].phrase)
                .is_some_and(|(a, b)| a == b || self.c.phrases[a].group == self.c.phrases[b].group);
            if let Some(h) = self.by_patterns(q, x, y, cx, cy, joint) {
                return Some(h);
            }
            // A topic the clause took as its object (`W는 … A가 출연했다`) is
            // still a topic to a pattern that names that role.
            let as_topic = |i: usize, c: Case, inherited: bool| {
                (inherited
                    && c == Case::Object
                    && self.info[i]
                        .phrase
                        .is_some_and(|ph| self.c.phrases[ph].case == Case::Topic))
                .then_some(Case::Topic)
            };
            if let Some(tx) = as_topic(x, cx, inx)
                && let Some(h) = self.by_patterns(q, x, y, tx, cy, false)
            {
                return Some(h);
            }
            if let Some(ty) = as_topic(y, cy, iny)
                && let Some(h) = self.by_patterns(q, x, y, cx, ty, false)
            {
                return Some(h);
            }
            if let Some(h) = self.copula(q, x, y, cx, cy) {
                return Some(h);
            }
            if let Some(h) = self.becomes(q, x, y, cx, cy) {
                return Some(h);
            }
            if let Some(h) = self.at_event(q, x, y, cx, cy) {
                return Some(h);
            }
            if let Some(h) = self.appointment(q, x, y, cx, cy) {
                return Some(h);
            }
        }
        self.accused_in_reason(x, y)
            .or_else(|| self.accused_in_reason(y, x))
    }

    /// `A는 B가 …했다며 고소했다`, `A는 B가 …했다고 비판했다`: a complaint,
    /// a suit, a charge or a criticism is of the subject of the reason
    /// clause quoted right before its verb. `a` is the one who complains
    /// (the verb's subject or the noun it modifies), `b` the quoted
    /// clause's written subject.
    fn accused_in_reason(&self, a: usize, b: usize) -> Option<Hit> {
        let pb = self.info[b].phrase?;
        for q in 1..self.c.predicates.len() {
            let reason = &self.c.predicates[q - 1];
            let verb = &self.c.predicates[q];
            if reason.ending != Ending::Quotative
                || reason.level != verb.level
                || !reason
                    .args
                    .iter()
                    .any(|r| r.phrase == pb && r.case == Case::Subject && !r.inherited)
                || self.role_in(b, q).is_some()
                || self.info[b].pos != Pos::Referent
            {
                continue;
            }
            // Nothing but the verb's own arguments between the two.
            let Some((ca, _)) = self.role_in(a, q) else {
                continue;
            };
            if !(ca.is_subject_like() || ca == Case::Head) {
                continue;
            }
            let Some(mut h) = self.by_patterns(q, a, b, ca, Case::Object, false) else {
                continue;
            };
            if !matches!(
                h.kind,
                RelationKind::Sues | RelationKind::Criticizes | RelationKind::Investigates
            ) {
                continue;
            }
            h.confidence *= 0.9;
            // `a` was asked first here; the caller's pair is (x, y) in text
            // order.
            if self.args[a].start > self.args[b].start {
                h.first_is_source = !h.first_is_source;
            }
            return Some(h);
        }
        None
    }

    fn by_patterns(
        &self,
        q: usize,
        x: usize,
        y: usize,
        cx: Case,
        cy: Case,
        joint: bool,
    ) -> Option<Hit> {
        let p = &self.c.predicates[q];
        let (kx, ky) = (self.args[x].kind, self.args[y].kind);
        // What brought an act about (`수사로`) is of the arguments written in
        // that clause only, not of a topic it shares.
        let written = |i: usize| self.role_in(i, q).is_some_and(|(_, inherited)| !inherited);
        for (key, noun) in self.keys(q) {
            if key.ends_with("+로") && !(written(x) && written(y)) {
                continue;
            }
            for pat in self.patterns.predicates(&key) {
                let fits = |i: usize, c: Case, ap: &super::patterns::ArgPattern, k: ArgKind| {
                    (ap.roles.has(c)
                        || (c == Case::Dative && ap.roles.against() && self.against(i)))
                        && ap.types.has(k)
                        && self.at_fits(i, ap.at)
                };
                let (forward, backward) = if joint && cx == cy {
                    let ok = pat.joint
                        && fits(x, cx, &pat.a, kx)
                        && pat.a.types.has(ky)
                        && self.at_fits(y, pat.a.at);
                    (ok, false)
                } else {
                    (
                        fits(x, cx, &pat.a, kx) && fits(y, cy, &pat.b, ky),
                        fits(y, cy, &pat.a, ky) && fits(x, cx, &pat.b, kx),
                    )
                };
                if !forward && !backward {
                    continue;
                }
                // Forward: x is `a`.
                let x_is_a = forward;
                let x_is_source = (pat.source == Source::First) == x_is_a;
                let mut h = self.hit(pat.kind, x_is_source, 0.8, self.clause_span(q, x, y));
                h.modality_from = p.start;
                h.role = match &pat.role {
                    super::patterns::RoleAttr::None => None,
                    super::patterns::RoleAttr::Noun => Some(noun.clone()),
                    super::patterns::RoleAttr::Text(t) => Some(t.clone()),
                };
                // `박지성 감독이 이끄는 서울 FC`: the person's title is the
                // role the organisation gives.
                if h.role.is_none() {
                    h.role = self.role_title(x, y).or_else(|| self.role_title(y, x));
                }
                h.negated = p.negated;
                h.hypothetical = p.hypothetical || pat.hypothetical;
                return Some(h);
            }
        }
        None
    }

    /// The title heading person `i`'s phrase (`박지성 감독이`), when the
    /// other argument `j` is an organisation.
    fn role_title(&self, i: usize, j: usize) -> Option<String> {
        if self.args[i].kind != ArgKind::Person
            || self.args[j].kind != ArgKind::Org
            || self.info[i].pos != Pos::Referent
        {
            return None;
        }
        let (class, text) = self.title(self.head_title_of(self.info[i].phrase)?)?;
        relational(class).then_some(text)
    }

    fn clause_span(&self, q: usize, x: usize, y: usize) -> (usize, usize) {
        let (a, b) = self.span(x, y);
        let p = &self.c.predicates[q];
        (a.min(p.start), b.max(p.end))
    }

    /// `B는 A의 자회사다`, `B는 대한민국의 배우이다`: a copula whose noun
    /// relates its subject to the genitive before it.
    fn copula(&self, q: usize, x: usize, y: usize, cx: Case, cy: Case) -> Option<Hit> {
        let p = &self.c.predicates[q];
        if !p.copula {
            return None;
        }
        let noun = p.noun.as_deref()?;
        let (holder, owner) = if cx.is_subject_like() && matches!(cy, Case::Genitive | Case::Bare) {
            (x, y)
        } else if cy.is_subject_like() && matches!(cx, Case::Genitive | Case::Bare) {
            (y, x)
        } else {
            return None;
        };
        // The complement names the owner (`KT의`), or qualifies a noun
        // (`크루제이루 EC의 축구`); not a place qualifying the named owner
        // (`경기도 수원`).
        let owner_ok = match self.info[owner].pos {
            Pos::Referent => true,
            Pos::Owner => self.info[owner]
                .phrase
                .is_some_and(|p| self.referent(p).is_none()),
            Pos::Other => false,
        };
        if self.info[holder].pos != Pos::Referent || !owner_ok {
            return None;
        }
        // `A는 B의 부인이자 C의 할머니이다`: an owner before a complement
        // the copula chains (`이자`, `이며`) owns that one, not the last
        // when the last has an owner of its own (`L의 수학자이자
        // 천문학자이다` shares it).
        let between = self.c.text(self.args[owner].end, p.start);
        let chained = ["이자 ", "이며 "]
            .iter()
            .filter_map(|c| between.rfind(c).map(|i| i + c.len()))
            .max();
        if chained.is_some_and(|i| between[i..].contains("의 ")) {
            return None;
        }
        let past = self.c.text(p.start, p.end).contains("였")
            || self.c.text(p.start, p.end).contains("었");
        let mut h = self.complement(noun, owner, holder, past, self.clause_span(q, x, y), x)?;
        h.negated = p.negated;
        Some(h)
    }

    /// `B는 A의 자회사가 됐다`, `C는 A 대표가 됐다`: 되다 with a complement in
    /// 이/가 whose head is a relational noun or title states what the copula
    /// states, between the other subject and the complement's owner. A
    /// kinship, membership or nationality noun in 로 says it of the subject
    /// with any verb (`B는 A의 장남으로 태어났다`, `B는 A 소속으로 뛰었다`,
    /// `B는 A의 축구 선수로 활약했다`).
    fn becomes(&self, q: usize, x: usize, y: usize, cx: Case, cy: Case) -> Option<Hit> {
        let p = &self.c.predicates[q];
        if p.copula {
            return None;
        }
        // `되다` with its 이/가 complement; `편입되다` and the like with their
        // 으로 phrase (`A는 B 자회사로 편입된다`); any other verb's 으로 phrase
        // only for the kinship, membership and nationality nouns below.
        let into = BECOME_VERBS.contains(&p.stem.as_str());
        let case = if p.stem == "되" {
            Case::Subject
        } else {
            Case::Instrumental
        };
        let (holder, owner) = if self.info[y].pos == Pos::Owner && cy == case {
            (x, y)
        } else if self.info[x].pos == Pos::Owner && cx == case {
            (y, x)
        } else {
            return None;
        };
        let hc = if holder == x { cx } else { cy };
        let (hp, op) = (self.info[holder].phrase?, self.info[owner].phrase?);
        if !hc.is_subject_like() || self.info[holder].pos != Pos::Referent || hp == op {
            return None;
        }
        // The owner qualifies the complement's head, which is a noun.
        let head = self.c.head_word(op);
        if self.c.words[head].atom.is_some() || self.owner(op) != self.info[owner].word {
            return None;
        }
        let noun = self.c.content(head);
        let mut h = self.complement(&noun, owner, holder, false, self.clause_span(q, x, y), x)?;
        if case == Case::Instrumental
            && !into
            && !matches!(
                h.kind,
                RelationKind::ChildOf
                    | RelationKind::ParentOf
                    | RelationKind::SiblingOf
                    | RelationKind::SpouseOf
                    | RelationKind::FamilyOf
                    | RelationKind::MemberOf
                    | RelationKind::NativeOf
            )
        {
            return None;
        }
        h.negated = p.negated;
        h.modality_from = p.start;
        h.hypothetical = p.hypothetical;
        Some(h)
    }

    /// `A는 E에서 X를 선보였다`, `A는 E 기자간담회에서 말했다`: whoever does
    /// something at a named event (its place in 에서) takes part in it,
    /// whatever the verb.
    fn at_event(&self, q: usize, x: usize, y: usize, cx: Case, cy: Case) -> Option<Hit> {
        let p = &self.c.predicates[q];
        if p.copula || p.ending == Ending::Adnominal {
            return None;
        }
        let (actor, event, ca) = if self.args[y].kind == ArgKind::Event && cy == Case::Locative {
            (x, y, cx)
        } else if self.args[x].kind == ArgKind::Event && cx == Case::Locative {
            (y, x, cy)
        } else {
            return None;
        };
        if !matches!(self.args[actor].kind, ArgKind::Person | ArgKind::Org)
            || !ca.is_subject_like()
            || self.info[actor].pos != Pos::Referent
            || self.info[event].pos != Pos::Referent
        {
            return None;
        }
        let mut h = self.hit(
            RelationKind::ParticipatesIn,
            actor == x,
            0.6,
            self.clause_span(q, x, y),
        );
        h.modality_from = p.start;
        h.negated = p.negated;
        h.hypothetical = p.hypothetical;
        Some(h)
    }

    /// What a relational noun or title `noun` said of `holder` states
    /// between it and `owner` (`x` is the pair's first argument).
    fn complement(
        &self,
        noun: &str,
        owner: usize,
        holder: usize,
        past: bool,
        span: (usize, usize),
        x: usize,
    ) -> Option<Hit> {
        let (ok, hk) = (self.args[owner].kind, self.args[holder].kind);
        // A title states its relation to an owner it fits; an occupation
        // that is also a title (`선수`) may still be a relational noun for
        // other owners (`노르웨이의 선수이다`: nationality).
        let titled = titles()
            .find(noun)
            .filter(|t| relational(t.class) && hk == ArgKind::Person)
            .and_then(|t| self.patterns.title(t.class, ok, &self.arg_text(owner)));
        let (kind, holder_source, role) = if let Some(tp) = titled {
            let kind = if past {
                tp.former.unwrap_or(tp.kind)
            } else {
                tp.kind
            };
            (
                kind,
                kind != RelationKind::FoundedBy,
                Some(noun.to_string()),
            )
        } else {
            let (word, pats) = self.patterns.nouns(noun)?;
            let pat = pats
                .iter()
                .find(|pt| pt.owner.has(ok) && pt.holder.has(hk))?;
            (
                pat.kind,
                pat.source == Source::First,
                pat.role.then(|| word.to_string()),
            )
        };
        let holder_is_x = holder == x;
        let mut h = self.hit(kind, holder_source == holder_is_x, 0.8, span);
        h.role = role;
        Some(h)
    }

    /// `A는 B를 대표로 선임했다`, `B가 A 대표로 취임했다`, `A에서 부사장으로
    /// 일했던 B`.
    fn appointment(&self, q: usize, x: usize, y: usize, cx: Case, cy: Case) -> Option<Hit> {
        let p = &self.c.predicates[q];
        let by_object = self.patterns.appoints_object(&p.stem);
        let held = self.patterns.held_title(&p.stem);
        let by_subject = held || self.patterns.appoints_subject(&p.stem);
        if !by_object && !by_subject {
            return None;
        }
        let is_person_role = |c: Case| {
            if by_object {
                c == Case::Object
            } else {
                c.is_subject_like() || c == Case::Head
            }
        };
        let (person, other, co) = if self.args[x].kind == ArgKind::Person && is_person_role(cx) {
            (x, y, cy)
        } else if self.args[y].kind == ArgKind::Person && is_person_role(cy) {
            (y, x, cx)
        } else {
            return None;
        };
        if self.info[person].pos != Pos::Referent {
            return None;
        }
        // The title: the head of an instrumental or dative argument, or
        // (`A는 B 신임 대표를 발탁했다`) of the appointed person's own phrase.
        let title_arg = p.args.iter().find(|a| {
            (matches!(a.case, Case::Instrumental | Case::Dative) || held && a.case == Case::Object)
                && self.title(self.c.phrases[a.phrase].head).is_some()
        });
        let tp = match title_arg {
            Some(a) => a.phrase,
            None if by_object => {
                // Only a new post (`신임`, `차기`): `B 한빛전자 부사장을
                //발탁했다` names where B worked, not what A made B.
                let ph = self.info[person].phrase?;
                let h = self.head_title_of(Some(ph))?;
                if h == 0
                    || !matches!(
                        self.c.content(h - 1).as_str(),
                        "신임" | "차기" | "초대" | "새"
                    )
                {
                    return None;
                }
                ph
            }
            None => return None,
        };
        let head = self.c.phrases[tp].head;
        let (class, text) = self.title(head)?;
        // The owner: inside the title's phrase, or (for an object
        // appointment) the subject, or a locative/dative organisation.
        let owner_ok = if title_arg.is_some() && self.info[other].phrase == Some(tp) {
            self.info[other].pos == Pos::Owner
        } else if by_object {
            co.is_subject_like() && self.info[other].pos == Pos::Referent
        } else {
            matches!(co, Case::Locative | Case::Dative) && self.info[other].pos == Pos::Referent
        };
        if !owner_ok {
            return None;
        }
        let t = self
            .patterns
            .title(class, self.args[other].kind, &self.arg_text(other))?;
        let past = held
            || self.c.text(p.start, p.end).ends_with('던')
            || self.c.text(p.start, p.end).contains("했던")
            || p.stem == "퇴임하";
        let kind = if past {
            t.former.unwrap_or(t.kind)
        } else {
            t.kind
        };
        let holder_source = kind != RelationKind::FoundedBy;
        let mut h = self.hit(
            kind,
            holder_source == (person == x),
            0.8,
            self.clause_span(q, x, y),
        );
        h.role = Some(text);
        h.negated = p.negated;
        Some(h)
    }

    // -----------------------------------------------------------------
    // Open relations.

    /// Whether predicate `q` may state an open relation: not a copula or a
    /// state, not a verb used as a postposition, a light or saying verb
    /// only through an object noun.
    fn open_predicate(&self, q: usize) -> bool {
        let p = &self.c.predicates[q];
        // An adjective states a state, not an act between parties; one
        // with an object is a verb the tagger took for one (`구조조정안을
        // 논의한`: `한` as XSA).
        let object = p.args.iter().any(|a| a.case == Case::Object);
        if p.copula || p.adjective && !object || p.nominal && p.args.len() < 2 {
            return false;
        }
        // An adjective in -게 is an adverb of the verb after it (`X를 강하게
        // 비난하다`): the object is that verb's.
        if p.adjective
            && p.ending == Ending::Connective
            && self.c.text(p.start, p.end).trim_end().ends_with('게')
        {
            return false;
        }
        // A causative (`B를 웃음 짓게 했다`): its object is who does the
        // act, not a party to it.
        let text = self.c.text(p.start, p.end);
        if [
            "게 하",
            "게 했",
            "게 해",
            "게 한",
            "게 만들",
            "게 만든",
            "게 만드",
        ]
        .iter()
        .any(|c| text.contains(c))
        {
            return false;
        }
        // Postpositional verbs (`X에 대한`, `X를 통해`) state nothing of
        // their own; light and saying verbs only through an object noun
        // (`B에게 입장을 밝히다`, `B와 회담을 갖다`).
        let skip = self.patterns.open_skips(&p.stem);
        let light = skip && p.noun.is_some() || self.patterns.open_light(&p.stem);
        if skip && !light {
            return false;
        }
        !light || self.object_noun(q).is_some()
    }

    /// Two entities that are parties to one predicate (not a copula, not
    /// quoted speech): one is the subject (or the head of an adnominal
    /// clause), the other its object, dative, comitative or source, a
    /// place or organisation it goes to (`헝가리로 출국하다`), an
    /// organisation it acts in (`ETSI에서 활동하다`), or what qualifies its
    /// object (`JTBC가 월드컵 중계권을 확보하다`). Without a subject, the
    /// owner of the object and its recipient (`A의 사업을 B에 양도하다`).
    fn open_pair(&self, x: usize, y: usize) -> Option<Hit> {
        let no_party = |k: ArgKind| matches!(k, ArgKind::Date | ArgKind::Money | ArgKind::Other);
        if no_party(self.args[x].kind) || no_party(self.args[y].kind) {
            return None;
        }
        let (px, py) = (self.info[x].phrase?, self.info[y].phrase?);
        if px == py || self.c.phrases[px].group == self.c.phrases[py].group {
            return None;
        }
        for q in 0..self.c.predicates.len() {
            let p = &self.c.predicates[q];
            if !self.open_predicate(q) {
                continue;
            }
            let (Some(mut rx), Some(mut ry)) = (self.party(x, q), self.party(y, q)) else {
                continue;
            };
            // `X에 대한 조사를 신청하다`: X is whom the act is aimed at.
            for r in [&mut rx, &mut ry] {
                if r.case == Case::Other && !r.owner && self.about(r.phrase, q) {
                    r.case = Case::Dative;
                }
            }
            // A relative clause's subject shared from the clause around it
            // is for the typed patterns (`A는 최근 출시한 B를`), too loose
            // for an open statement; but the sentence's topic is who sends
            // what the clause names (its object, none written) to a
            // counterpart (`A는 B에 낸 소장을
            // 통해`, `A는 B에 보낸 서한에서`).
            let shared = |r: Party, o: Party| {
                r.inherited
                    && r.case == Case::Topic
                    && !o.inherited
                    && !o.owner
                    && matches!(o.case, Case::Dative | Case::Source)
                    && p.head.is_some_and(|h| self.names_none(h))
                    && !p.args.iter().any(|a| a.case == Case::Object)
            };
            if rx.inherited && ry.inherited
                || p.ending == Ending::Adnominal
                    && (rx.inherited || ry.inherited)
                    && !shared(rx, ry)
                    && !shared(ry, rx)
            {
                continue;
            }
            let x_first = if self.actor(rx) && self.undergoer(y, ry, q) {
                true
            } else if self.actor(ry) && self.undergoer(x, rx, q) {
                false
            } else if self.giver(rx) && self.recipient(y, ry) {
                true
            } else if self.giver(ry) && self.recipient(x, rx) {
                false
            } else {
                continue;
            };
            if rx.case == Case::Head && ry.case == Case::Head {
                continue;
            }
            // A place in 에 of a verb that puts or runs something somewhere
            // is where, not a party (`X선에 열차를 운행하다`).
            let (u, ru) = if x_first { (y, ry) } else { (x, rx) };
            if ru.case == Case::Dative
                && !ru.owner
                && self.args[u].kind == ArgKind::Location
                && self.patterns.open_place(&p.stem)
            {
                continue;
            }
            // A subject carried over from another clause is not this one's
            // when it has its own (`조 실장은 … 당국이 정상회담을 준비해`).
            let actor = if x_first { rx } else { ry };
            if actor.inherited
                && p.args
                    .iter()
                    .any(|a| !a.inherited && a.case.is_subject_like() && a.phrase != actor.phrase)
            {
                continue;
            }
            if self.subject_between(actor, q) {
                continue;
            }
            let mut h = self.hit(
                RelationKind::Related,
                x_first,
                0.5,
                self.clause_span(q, x, y),
            );
            let mut text = self.predicate_text(q);
            // What the owner qualifies, when it is not the object already
            // written (`초청으로 방문하다`).
            for r in [rx, ry] {
                if r.owner && Some(r.phrase) != self.object_noun(q) && !p.nominal {
                    let head = self.c.phrases[r.phrase].head;
                    text = format!("{}{} {text}", self.c.content(head), self.c.tail(head));
                }
            }
            h.predicate = Some(text);
            h.negated = p.negated;
            h.hypothetical = p.hypothetical;
            return Some(h);
        }
        self.relative_actor(x, y).or_else(|| self.with_phrase(x, y))
    }

    /// Whether phrase `ph` is `X에 대한`/`X에 관한` qualifying the object
    /// of predicate `q` (`X에 대한 조사를 신청하다`).
    fn about(&self, ph: usize, q: usize) -> bool {
        let next = ph + 1;
        let Some(n) = self.c.phrases.get(next) else {
            return false;
        };
        let between = self.c.text(self.c.phrases[ph].end, n.start);
        let between = between.trim();
        (between == "대한" || between == "관한")
            && self.c.predicates[q]
                .args
                .iter()
                .any(|a| a.phrase == next && !a.inherited && a.case == Case::Object)
            && self.plain_head(next)
    }

    /// `A가 B와의 인터뷰에서`: a phrase `B와의 N` names an act of its own
    /// between B and the nearest subject written before it, when no
    /// predicate joins the two (a quote or a headline that ends without
    /// one, a clause the parser gave the subject to). The predicate is N.
    fn with_phrase(&self, x: usize, y: usize) -> Option<Hit> {
        let (pa, pu) = (self.info[x].phrase?, self.info[y].phrase?);
        let actor = match self.info[x].pos {
            Pos::Referent => true,
            Pos::Owner => self.stands_for(x, pa),
            Pos::Other => false,
        };
        let (sa, su) = (&self.c.phrases[pa], &self.c.phrases[pu]);
        if pa >= pu
            || !actor
            || self.info[y].pos != Pos::Owner
            || !self.with_genitive(y)
            || !self.plain_head(pu)
            || !sa.case.is_subject_like()
            || sa.level != su.level
            || (pa + 1..pu).any(|k| self.c.phrases[k].case.is_subject_like())
        {
            return None;
        }
        let mut h = self.hit(RelationKind::Related, true, 0.5, self.span(x, y));
        h.predicate = Some(self.c.content(su.head));
        Some(h)
    }

    /// A main clause with no subject at all whose object is modified by a
    /// relative clause with a subject of its own: that subject is the one
    /// who acts in both (`A가 울산에 보유한 설비를 B로 넘기고`: A hands
    /// the plant over to B). The other argument is a counterpart of the
    /// main clause (dative, source, an organisation in 로), not its object.
    fn relative_actor(&self, x: usize, y: usize) -> Option<Hit> {
        for (q, p) in self.c.predicates.iter().enumerate() {
            if p.level != 0
                || !matches!(p.ending, Ending::Final | Ending::Connective)
                || p.args
                    .iter()
                    .any(|a| a.case.is_subject_like() || a.case == Case::Head)
                || !self.open_predicate(q)
            {
                continue;
            }
            for (a, u) in [(x, y), (y, x)] {
                if self.info[a].pos != Pos::Referent {
                    continue;
                }
                let Some(pa) = self.info[a].phrase else {
                    continue;
                };
                let of_object = |r: &Predicate| {
                    r.ending == Ending::Adnominal
                        && r.head.is_some_and(|h| {
                            p.args
                                .iter()
                                .any(|b| b.phrase == h && !b.inherited && b.case == Case::Object)
                        })
                        && r.args.iter().any(|b| {
                            b.phrase == pa
                                && !b.inherited
                                && b.case == Case::Subject
                                && self.c.phrases[pa].marked == Case::Subject
                        })
                };
                let Some(rel) = self.c.predicates.iter().find(|r| of_object(r)) else {
                    continue;
                };
                let Some(ru) = self.party(u, q) else {
                    continue;
                };
                if ru.inherited
                    || ru.owner
                    || Some(ru.phrase) == rel.head
                    || !matches!(ru.case, Case::Dative | Case::Source | Case::Instrumental)
                    || !self.undergoer(u, ru, q)
                    || ru.case == Case::Dative
                        && self.args[u].kind == ArgKind::Location
                        && self.patterns.open_place(&p.stem)
                {
                    continue;
                }
                let mut h = self.hit(
                    RelationKind::Related,
                    a == x,
                    0.5 * STANDIN_FACTOR,
                    self.clause_span(q, x, y),
                );
                h.predicate = Some(self.predicate_text(q));
                h.negated = p.negated;
                h.hypothetical = p.hypothetical;
                return Some(h);
            }
        }
        None
    }

    /// Whether a topic taken as the actor of `q` is only the sentence's
    /// topic: the connective clause chained right into `q` has a subject
    /// of its own, written after the topic (`조 실장은 … 당국이 협의해
    /// 정상회담을 준비해`: the authorities prepare it, not 조 실장). Such a
    /// subject goes on through the chain of `-어`/`-고` clauses.
    fn subject_between(&self, actor: Party, q: usize) -> bool {
        if actor.case != Case::Topic || q == 0 {
            return false;
        }
        let prev = &self.c.predicates[q - 1];
        let p = &self.c.predicates[q];
        prev.ending == Ending::Connective
            && prev.level == p.level
            && prev.args.iter().any(|a| {
                !a.inherited
                    && a.case == Case::Subject
                    && self.c.phrases[a.phrase].marked == Case::Subject
                    && self.c.phrases[a.phrase].start > self.c.phrases[actor.phrase].start
            })
    }

    /// How argument `i` takes part in predicate `q`: as what an argument
    /// phrase names, or as the entity qualifying an argument phrase headed
    /// by a plain noun (`월드컵 중계권을`: `월드컵`), not by a title or a
    /// relational noun (`KT 대표를`, `KT의 자회사를` state something else).
    fn party(&self, i: usize, q: usize) -> Option<Party> {
        let ph = self.info[i].phrase?;
        // What parentheses add after a word is an aside (`'미끼'(연출 B)
        // 인터뷰를`, `A(B 소속)가`), never a party to the clause.
        if self.info[i]
            .word
            .is_some_and(|w| self.c.words[w].paren.is_some() && w != self.c.phrases[ph].head)
        {
            return None;
        }
        let (case, inherited) = self.role_in(i, q)?;
        let owner = match self.info[i].pos {
            Pos::Referent => false,
            // A noun standing for the entity right before it (`X시 정부는`,
            // `X 측에`): the entity is the party.
            Pos::Owner if self.stands_for(i, ph) => false,
            // A person named by the title right before the head (`B 미국
            // 대통령 초청으로`): the person qualifies the head.
            Pos::Other if self.titled_owner(i, ph) => true,
            // A place qualifying a noun says where (`미주 지역 공략`, `일본
            // 택시`), unless it is a party through `와의` (`미국과의 협상`).
            Pos::Owner
                if self.referent(ph).is_none()
                    && (self.args[i].kind != ArgKind::Location || self.with_genitive(i)) =>
            {
                let h = self.c.phrases[ph].head;
                if self.c.words[h].kind != WordKind::Noun
                    || self.title(h).is_some()
                    || titles().get(&self.c.content(h)).is_some()
                    || self.patterns.nouns(&self.stem_of(h)).is_some()
                {
                    return None;
                }
                true
            }
            _ => return None,
        };
        Some(Party {
            phrase: ph,
            case,
            inherited,
            owner,
        })
    }

    /// Whether argument `i` is the person a title right before its phrase's
    /// plain-noun head names (`조 바이든 미국 대통령 초청으로`: `조 바이든`).
    fn titled_owner(&self, i: usize, ph: usize) -> bool {
        let h = self.c.phrases[ph].head;
        if self.args[i].kind != ArgKind::Person
            || h == self.c.phrases[ph].words.start
            || self.c.words[h].kind != WordKind::Noun
            || self.c.words[h].atom.is_some()
            || self.title(h).is_some()
            || titles().get(&self.c.content(h)).is_some()
        {
            return false;
        }
        let t = h - 1;
        (self.title(t).is_some() || titles().get(&self.c.content(t)).is_some())
            && self.info[i].word.is_some()
            && self.person_before(ph, t) == self.info[i].word
    }

    /// Whether argument `i` is written right before its phrase's head and
    /// that head stands for it (`벌리슨시 정부는`, `SPC 측에`).
    fn stands_for(&self, i: usize, ph: usize) -> bool {
        let head = self.c.phrases[ph].head;
        self.info[i].word.is_some_and(|w| {
            self.c.words[w].case == Case::Bare
                && (w + 1 == head && self.patterns.stands_for(&self.c.content(head))
                    || w + 2 == head && self.members(w + 1, head))
        })
    }

    /// `X 소속 의원들`: the members of X, in the plural, act for it.
    fn members(&self, link: usize, head: usize) -> bool {
        self.c.words[link].case == Case::Bare
            && self.c.content(link) == "소속"
            && self.c.content(head).ends_with('들')
    }

    /// Whether argument `i` qualifies its phrase with `와의`/`과의`
    /// (`로이터통신과의 인터뷰에서`): the other party of what the phrase
    /// names.
    fn with_genitive(&self, i: usize) -> bool {
        self.info[i].word.is_some_and(|w| {
            let t = self.c.tail(w);
            t == "와의" || t == "과의"
        })
    }

    /// The one who acts: a subject or the head of an adnominal clause.
    fn actor(&self, r: Party) -> bool {
        !r.owner && (r.case.is_subject_like() || r.case == Case::Head || self.co_subject(r))
    }

    /// A comitative right before the subject is one of coordinated subjects
    /// the parser kept apart (`A와 B 정부는 C에 제안했다`): it acts too.
    fn co_subject(&self, r: Party) -> bool {
        r.case == Case::Comitative
            && self
                .c
                .phrases
                .get(r.phrase + 1)
                .is_some_and(|next| next.case.is_subject_like())
    }

    /// Who the act is done to or with in predicate `q`. A locative is
    /// where something happens, not a party to it.
    fn undergoer(&self, i: usize, r: Party, q: usize) -> bool {
        let k = self.args[i].kind;
        // What names the topic of the object (`월드컵 중계권을`) is a
        // party; a possessor (`B의 바통을 이어받다`) is someone the act
        // concerns, not the actor's counterpart.
        if r.owner {
            let head = self.c.phrases[r.phrase].head;
            let bare = self.info[i]
                .word
                .is_some_and(|w| (w..head).all(|v| self.c.words[v].case == Case::Bare));
            // Who invited or asked (`B 대통령 초청으로 방문하다`).
            let by = r.case == Case::Instrumental
                && matches!(k, ArgKind::Person | ArgKind::Org)
                && self.patterns.open_by(&self.c.content(head));
            return bare && matches!(r.case, Case::Object | Case::Dative)
                || by
                || self.with_genitive(i) && r.case != Case::Genitive;
        }
        match r.case {
            Case::Object | Case::Dative | Case::Source => true,
            // `A와 B가 사진을 찍었다` is a coordination the parentheses
            // (`A(왼쪽)와 B가`) kept apart, not `B가 A와`.
            // `'A'과 'B' 운영 노하우와 …를 바탕으로` lists things: a
            // comitative followed by another one headed by a plain noun is
            // a member of the list, not a counterpart.
            Case::Comitative => self.c.phrases.get(r.phrase + 1).is_none_or(|next| {
                let listed = next.marked == Case::Comitative
                    && self.c.words[next.head].atom.is_none()
                    && self.referent(r.phrase + 1).is_none();
                !next.case.is_subject_like() && !listed
            }),
            // A recipient organisation (`설비를 B로 넘기다`); a place one goes
            // to is where, not a party (`보스턴으로 이동하다`), unless going
            // abroad (`헝가리로 출국하다`, the `[open] to` verbs).
            Case::Instrumental => {
                k == ArgKind::Org
                    || k == ArgKind::Location && self.patterns.open_to(&self.c.predicates[q].stem)
            }
            _ => false,
        }
    }

    /// The owner of what is given (`A의 사업을`).
    fn giver(&self, r: Party) -> bool {
        r.owner && r.case == Case::Object
    }

    /// Who receives it (`B에`, `B로`).
    fn recipient(&self, i: usize, r: Party) -> bool {
        !r.owner
            && (r.case == Case::Dative
                || r.case == Case::Instrumental && self.args[i].kind == ArgKind::Org)
    }

    /// The object phrase of predicate `q` that names no entity
    /// (`소송을 냈다`: `소송을`).
    fn object_noun(&self, q: usize) -> Option<usize> {
        self.c.predicates[q]
            .args
            .iter()
            .find(|a| {
                a.case == Case::Object
                    && !a.inherited
                    && self.c.words[self.c.phrases[a.phrase].head].atom.is_none()
                    && self.referent(a.phrase).is_none()
            })
            .map(|a| a.phrase)
    }

    /// A predicate as written in dictionary form, with its object noun
    /// (`소송을 내다`, `피해구제를 신청하다`, `인수`).
    pub fn predicate_text(&self, q: usize) -> String {
        let p = &self.c.predicates[q];
        if p.nominal {
            return p.stem.clone();
        }
        let verb = format!("{}다", p.stem);
        match self.object_noun(q) {
            Some(ph) => {
                let h = self.c.phrases[ph].head;
                format!("{}{} {verb}", self.c.content(h), self.c.tail(h))
            }
            // What a relative clause with no object names is its object
            // (`B에 낸 소장`: `소장 내다`).
            None => match p.head {
                Some(h)
                    if p.ending == Ending::Adnominal
                        && self.names_none(h)
                        && !p
                            .args
                            .iter()
                            .any(|a| a.case.is_subject_like() && !a.inherited) =>
                {
                    format!("{} {verb}", self.c.content(self.c.phrases[h].head))
                }
                _ => verb,
            },
        }
    }
}
