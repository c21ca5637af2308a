//! The clause structure of one sentence, read from the analyser's morphemes:
//! word units, noun phrases with their case role, coordination, predicates
//! with their lemma and ending class, and which predicate each phrase is an
//! argument of.
//!
//! Takes a sentence, its [`Token`]s (offsets relative to it), the
//! [`Analyzer`] that produced them (for POS tags and the stems of inflected
//! verbs) and optionally [`Atom`]s: spans the caller already knows are one
//! unit, such as entity mentions. Gives a [`Clauses`]. Deterministic, driven
//! by the MeCab-ko tags, linear in the sentence.
//!
//! # What it reads
//!
//! * **Words** ([`Word`]): eojeol split at spaces and punctuation, with a
//!   content part and a functional tail (particles, endings). An atom is one
//!   word whatever its spaces (`LG CNS는`).
//! * **Phrases** ([`Phrase`]): runs of bare nouns closed by a word with a
//!   case particle (`김영섭 KT 대표가`), with the [`Case`] of that particle.
//!   A genitive (`KT의 자회사인 KT클라우드는`), a copula adnominal (`…인`), a
//!   parenthesis (`NDS(대표 김중원)는`), a slash or hyphen (`구병삼/통일부
//!   대변인`) and single quotes stay inside the phrase; commas, middle dots,
//!   adverbs and predicates end it. A phrase of bare words at the start of a
//!   sentence followed by a comma is the subject (`SPC, 美텍사스에 …`).
//! * **Coordination**: `A와 B는`, `A, B, C 등에`, `A·B가`, `A 및 B`: phrases
//!   whose head atoms have the same class share the case of the last one.
//! * **Predicates** ([`Predicate`]): a verb's stem (`밝혔다` → `밝히`), a
//!   하다-noun with its light verb (`체결했다` → stem `체결하`, noun `체결`), a
//!   copula with its noun (`자회사다`), auxiliary constructions folded in
//!   (`-고 있다`, `-지 않다` (negated), `-게 되다`, `-ㄹ 수 있다` and
//!   `-ㄹ 가능성` (hypothetical), `-ㄹ 예정이다`), and a nominal predicate
//!   ending a sentence without a verb (`…고려아연 지분 5% 인수`,
//!   `…삼성전자와 맞손`). The [`Ending`] says whether the clause ends the
//!   sentence, connects to the next, is quoted (`…했다고 밝혔다`) or modifies
//!   the next phrase (`최 회장이 설립한 재단`: the phrase is the predicate's
//!   [`Case::Head`] argument).
//! * **Arguments**: Korean is head-final, so a phrase is an argument of the
//!   next predicate at its level; a topic before a clause that has its own
//!   subject waits for a later predicate (`A는 B가 C를 인수했다고 밝혔다`:
//!   `A` is the subject of `밝혔다`), a clause after a connective ending with
//!   no subject of its own takes the one before (`KT는 이사회를 열고 …
//!   선임했다`), and quotations in double quotes are their own level. An
//!   adnominal clause without a subject shares the subject of the clause
//!   whose argument it modifies (`A는 최근 출시한 B를`; not a passive one),
//!   a topic left before a final clause with a subject and no object is its
//!   object (`A는 B 대표가 이끈다`), 되다's 이/가 phrase is its complement
//!   (`A는 B의 자회사가 됐다`), and a date between a subject and an
//!   adnominal clause does not keep them apart (`A가 2월 출시한 B`).
//! * **`중`**: a verbal noun before `중이다`/`중인` is the predicate
//!   (`공급 중이다` is `공급하`).
//!   `…` and `:` end a segment as a sentence end does.

use std::ops::Range;

use super::{Analyzer, Token};

/// A span the caller knows to be one unit (an entity mention). `class`
/// is the caller's: phrases whose head atoms have equal classes may be
/// coordinated (`삼성전자와 LG전자는`), others not (`MS와 계약을`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Atom {
    /// Start offset in characters.
    pub start: usize,
    /// End offset in characters (exclusive).
    pub end: usize,
    /// Caller-defined class.
    pub class: u8,
}

/// The case role of a phrase, from its last particle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Case {
    /// 이/가, 께서, and a headline's `NAME,`.
    Subject,
    /// 은/는.
    Topic,
    /// 도, 만, 까지, 조차, 부터: additive and delimiting particles alone.
    Additive,
    /// 을/를.
    Object,
    /// 에, 에게, 께, 한테: dative and goal.
    Dative,
    /// 에서.
    Locative,
    /// 로부터, 에게서, 한테서.
    Source,
    /// (으)로, (으)로서, (으)로써.
    Instrumental,
    /// 와/과, 하고, (이)랑 when not coordinating.
    Comitative,
    /// 의.
    Genitive,
    /// 이/가 before 되다, 아니다.
    Complement,
    /// 라고, 고 after a quotation.
    Quotative,
    /// 아/야.
    Vocative,
    /// 처럼, 보다, 만큼, 같이.
    Comparative,
    /// Any other particle.
    Other,
    /// No particle.
    Bare,
    /// Not a particle: the phrase an adnominal clause modifies (`설립한
    /// 재단`), as an argument of that clause's predicate.
    Head,
}

impl Case {
    /// Subject, topic or additive: what can be a clause's subject.
    pub fn is_subject_like(self) -> bool {
        matches!(self, Case::Subject | Case::Topic | Case::Additive)
    }

    /// The stable lower-case name (`subject`, `object`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Case::Subject => "subject",
            Case::Topic => "topic",
            Case::Additive => "additive",
            Case::Object => "object",
            Case::Dative => "dative",
            Case::Locative => "locative",
            Case::Source => "source",
            Case::Instrumental => "instrumental",
            Case::Comitative => "comitative",
            Case::Genitive => "genitive",
            Case::Complement => "complement",
            Case::Quotative => "quotative",
            Case::Vocative => "vocative",
            Case::Comparative => "comparative",
            Case::Other => "other",
            Case::Bare => "bare",
            Case::Head => "head",
        }
    }

    /// Every case, for parsing names.
    pub const ALL: [Case; 17] = [
        Case::Subject,
        Case::Topic,
        Case::Additive,
        Case::Object,
        Case::Dative,
        Case::Locative,
        Case::Source,
        Case::Instrumental,
        Case::Comitative,
        Case::Genitive,
        Case::Complement,
        Case::Quotative,
        Case::Vocative,
        Case::Comparative,
        Case::Other,
        Case::Bare,
        Case::Head,
    ];

    /// The case named `name` ([`Case::as_str`]).
    pub fn from_name(name: &str) -> Option<Case> {
        Case::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

/// What a word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordKind {
    /// Nouns (or an atom), possibly with particles.
    Noun,
    /// A copula adnominal inside a phrase (`사업부인`, `의원이었던`).
    Apposition,
    /// A determiner (`전`, `새`, `각`).
    Determiner,
    /// A verb, adjective, 하다-noun or copula with an ending.
    Predicate,
    /// An adverb.
    Adverb,
    /// `및`.
    Conjunction,
    /// Particles only, written after a closing bracket or quote.
    Tail,
    /// Anything else (interjections, stray endings).
    Other,
}

/// One word unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Start offset in characters.
    pub start: usize,
    /// End offset in characters (exclusive), particles included.
    pub end: usize,
    /// Where the content ends and the particles or endings begin.
    pub content_end: usize,
    /// Its tokens.
    pub tokens: Range<usize>,
    /// What it is.
    pub kind: WordKind,
    /// The case of its particles (nouns; [`Case::Bare`] without any).
    pub case: Case,
    /// The atom it holds, if any.
    pub atom: Option<usize>,
    /// Whether whitespace comes right before it.
    pub space_before: bool,
    /// Depth of double quotes around it.
    pub level: u16,
    /// Inside parentheses: the word the parenthesis follows (`NDS(대표
    /// 김중원)`: `대표` and `김중원` have `NDS`), or itself when nothing
    /// precedes it.
    pub paren: Option<usize>,
}

/// How a predicate's clause ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// A final ending (`-다`), or the end of a segment.
    Final,
    /// A connective ending (`-고`, `-며`, `-어`): the clause goes on.
    Connective,
    /// A quotative ending (`-다고`, `-라며`): the clause is quoted by the
    /// next predicate.
    Quotative,
    /// An adnominal ending (`-ㄴ`, `-는`, `-ㄹ`): the clause modifies the
    /// next phrase.
    Adnominal,
    /// A nominal ending (`-ㅁ`, `-기`).
    Nominal,
}

/// An argument of a predicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Argument {
    /// The phrase.
    pub phrase: usize,
    /// Its role for this predicate.
    pub case: Case,
    /// Taken from the clause before (a shared subject).
    pub inherited: bool,
}

/// One predicate.
#[derive(Debug, Clone, PartialEq)]
pub struct Predicate {
    /// Its words (several when an auxiliary is folded in).
    pub words: Range<usize>,
    /// Start offset in characters.
    pub start: usize,
    /// End offset in characters (exclusive).
    pub end: usize,
    /// The stem: `밝히`, `맺`, `체결하`, `인수되`, `이` for the copula; the
    /// noun itself for a nominal predicate.
    pub stem: String,
    /// The noun of a 하다/되다-verb (`체결`), the noun before a glued verb
    /// (`투자받다`: `투자`), the copula's complement (`자회사`), or the
    /// nominal predicate's noun.
    pub noun: Option<String>,
    /// How its clause ends.
    pub ending: Ending,
    /// A copula (`…이다`).
    pub copula: bool,
    /// A noun ending a sentence with no verb (`…인수`).
    pub nominal: bool,
    /// Denied (`-지 않다`, `-지 못하다`, `아니다`).
    pub negated: bool,
    /// Only possible (`-ㄹ 수 있다`, `-ㄹ 가능성`, `-ㄹ 전망`).
    pub hypothetical: bool,
    /// An adjective (`가깝다`, `든든하다`), a state rather than an action.
    pub adjective: bool,
    /// Its arguments, in order of attachment (nearest first).
    pub args: Vec<Argument>,
    /// For an adnominal clause, the phrase it modifies.
    pub head: Option<usize>,
    /// Depth of double quotes.
    pub level: u16,
}

/// One noun phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    /// Its words (parenthesised words included).
    pub words: Range<usize>,
    /// Start offset in characters.
    pub start: usize,
    /// End offset in characters (exclusive), particles included.
    pub end: usize,
    /// Its head: the last word outside parentheses.
    pub head: usize,
    /// Its case: its own particle's, or the coordination's.
    pub case: Case,
    /// Its own particle's case.
    pub marked: Case,
    /// The coordination it belongs to: the index of the group's first
    /// phrase (itself when it is the first or alone).
    pub group: usize,
    /// The predicate it is an argument of (the first, when an inherited
    /// subject makes it one of several).
    pub governor: Option<usize>,
    /// The adnominal predicate whose head it is.
    pub head_of: Option<usize>,
    /// Depth of double quotes.
    pub level: u16,
}

/// The clause structure of a sentence.
#[derive(Debug, Clone, Default)]
pub struct Clauses {
    chars: Vec<char>,
    /// Word units, in order.
    pub words: Vec<Word>,
    /// Noun phrases, in order.
    pub phrases: Vec<Phrase>,
    /// Predicates, in order.
    pub predicates: Vec<Predicate>,
    /// For each word, its phrase.
    word_phrase: Vec<Option<usize>>,
    /// For each word, its predicate.
    word_predicate: Vec<Option<usize>>,
}

/// What the clause layer reads of a token's POS tag.
#[derive(Debug, Clone, Copy, Default)]
struct Tag {
    /// First part of the tag (`VV` of `VV+EP`).
    first: Part,
    /// Last part.
    last: Part,
    verb: bool,
    copula: bool,
    noun: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Part {
    /// Nouns, numbers, foreign words, roots and noun affixes.
    Noun,
    /// VV, VA, VX.
    Verb,
    /// VX alone.
    Aux,
    /// XSV, XSA.
    Light,
    /// VCP, VCN.
    Copula,
    Determiner,
    Adverb,
    Conjunctive,
    Interjection,
    /// JKS, JKC, …: a particle, with its tag.
    Particle(ParticleTag),
    Prefinal,
    Final,
    Connective,
    Adnominal,
    Nominal,
    Punct,
    #[default]
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ParticleTag {
    Jks,
    Jkc,
    Jkg,
    Jko,
    Jkb,
    Jkv,
    Jkq,
    Jx,
    Jc,
}

/// Bound nouns written glued to an adnominal ending (`할수`, `한것`):
/// the clause goes on through them.
const BOUND_NOUNS: &[&str] = &[
    "것", "수", "데", "때", "줄", "바", "듯", "만", "적", "뿐", "중", "지", "채", "리", "터", "양",
    "척", "게", "거", "걸", "건",
];

fn part(p: &str) -> Part {
    match p {
        "NNG" | "NNP" | "NNB" | "NNBC" | "NR" | "NP" | "SL" | "SH" | "SN" | "XR" | "XSN"
        | "XPN" => Part::Noun,
        "VV" | "VA" => Part::Verb,
        "VX" => Part::Aux,
        "XSV" | "XSA" => Part::Light,
        "VCP" | "VCN" => Part::Copula,
        "MM" => Part::Determiner,
        "MAG" => Part::Adverb,
        "MAJ" => Part::Conjunctive,
        "IC" => Part::Interjection,
        "JKS" => Part::Particle(ParticleTag::Jks),
        "JKC" => Part::Particle(ParticleTag::Jkc),
        "JKG" => Part::Particle(ParticleTag::Jkg),
        "JKO" => Part::Particle(ParticleTag::Jko),
        "JKB" => Part::Particle(ParticleTag::Jkb),
        "JKV" => Part::Particle(ParticleTag::Jkv),
        "JKQ" => Part::Particle(ParticleTag::Jkq),
        "JX" => Part::Particle(ParticleTag::Jx),
        "JC" => Part::Particle(ParticleTag::Jc),
        "EP" => Part::Prefinal,
        "EF" => Part::Final,
        "EC" => Part::Connective,
        "ETM" => Part::Adnominal,
        "ETN" => Part::Nominal,
        "SF" | "SE" | "SSO" | "SSC" | "SC" | "SY" => Part::Punct,
        _ => Part::Other,
    }
}

fn tag_of(pos: &str) -> Tag {
    let mut t = Tag::default();
    for (i, p) in pos.split('+').enumerate() {
        let k = part(p);
        if i == 0 {
            t.first = k;
        }
        t.last = k;
        match k {
            Part::Verb | Part::Aux | Part::Light => t.verb = true,
            Part::Copula => {
                t.verb = true;
                t.copula = true;
            }
            Part::Noun => t.noun = true,
            _ => {}
        }
    }
    t
}

/// Nouns after an adnominal ending that make the clause a modal or
/// aspectual construction rather than a relative clause (`인수할 예정이다`,
/// `공급할 수 있다`, `투자한 것으로 알려졌다`); with whether they make it
/// only possible.
const MODAL_NOUNS: &[(&str, bool)] = &[
    ("것", false),
    ("거", false),
    ("수", true),
    ("예정", false),
    ("계획", false),
    ("방침", false),
    ("전망", true),
    ("가능성", true),
    ("듯", true),
    ("중", false),
    ("뿐", false),
    ("바", false),
    ("적", false),
    ("모양", true),
    ("셈", false),
    ("의향", true),
    ("생각", true),
    ("예상", true),
    ("관측", true),
    ("방안", true),
];

/// Nouns after an adnominal ending that make it a connective (`여는 등`,
/// `…한 가운데`, `…하는 동시에`).
const CONNECTIVE_NOUNS: &[&str] = &[
    "등",
    "가운데",
    "데",
    "동시에",
    "한편",
    "반면",
    "뒤",
    "후",
    "만큼",
    "터",
    "채",
    "사이",
    "동안",
    "이후",
    "이래",
    "대신",
    "덕분",
    "탓",
    "끝",
    "경우",
];

/// Connective nouns that make the clause before them a condition (`…를
/// 제공할 경우`): what it says is not asserted.
const CONDITIONAL_NOUNS: &[&str] = &["경우"];

/// How a postpositional verb relates the phrase before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Post {
    /// `X에 대해` (about X): the dative stays for the next verb.
    About,
    /// `X를 통해`, `X에 따라`: an adjunct (the case the phrase must have).
    Adjunct(Case),
    /// `X를 비롯한 Y`, `X를 포함한 Y`: X is one of Y.
    Including,
}

/// Verbs used as postpositions, by stem.
const VERB_POSTPOSITIONS: &[(&str, Post)] = &[
    ("대하", Post::About),
    ("관하", Post::About),
    ("통하", Post::Adjunct(Case::Object)),
    ("위하", Post::Adjunct(Case::Object)),
    ("따르", Post::Adjunct(Case::Dative)),
    ("의하", Post::Adjunct(Case::Dative)),
    ("인하", Post::Adjunct(Case::Dative)),
    ("걸치", Post::Adjunct(Case::Dative)),
    ("비하", Post::Adjunct(Case::Dative)),
    ("제외하", Post::Adjunct(Case::Object)),
    ("비롯하", Post::Including),
    ("포함하", Post::Including),
];

/// Nouns in the instrumental after an object that make it a postposition:
/// (noun, the object is a target: `X를 상대로` is against X).
const NOUN_POSTPOSITIONS: &[(&str, bool)] = &[
    ("상대", true),
    ("대상", true),
    ("기반", false),
    ("바탕", false),
    ("중심", false),
    ("시작", false),
    ("끝", false),
    ("마지막", false),
    ("계기", false),
    ("토대", false),
    ("발판", false),
    ("필두", false),
    ("무기", false),
    ("담보", false),
];

/// Whether `c` is a date (`3월`, `2024년`, `5일`).
fn dated(c: &str) -> bool {
    c.starts_with(|ch: char| ch.is_ascii_digit()) && c.ends_with(['년', '월', '일', '시', '분'])
}

/// Nouns that say when (`올해`, `최근`): a bare phrase of them, of dates
/// (`2019년 2월`) and of `지난`/`오는` is an adverbial any clause may take.
const TIME_NOUNS: &[&str] = &[
    "올해",
    "지난해",
    "작년",
    "내년",
    "올",
    "이날",
    "전날",
    "당일",
    "최근",
    "현재",
    "당시",
    "오늘",
    "어제",
    "내일",
    "이달",
    "지난달",
    "다음달",
    "내달",
    "연내",
    "향후",
    "그동안",
    "이번",
    "앞서",
    "이후",
    "올초",
    "연초",
    "연말",
    "상반기",
    "하반기",
    "오전",
    "오후",
];

/// Nouns that pass the head of a phrase on to the word before them
/// (`포항시 등에`, `KT 측은`, `김 씨는`).
pub const TRANSPARENT_HEADS: &[&str] =
    &["등", "들", "측", "씨", "님", "등등", "군", "양", "외", "쪽"];

/// Quotative connective endings (`…했다고 밝혔다`, `…라며`).
fn is_quotative(ending: &str) -> bool {
    [
        "다고",
        "라고",
        "냐고",
        "자고",
        "다며",
        "라며",
        "다면서",
        "라면서",
        "냐며",
    ]
    .iter()
    .any(|e| ending.ends_with(e))
}

/// Characters that end a segment of a sentence (as a sentence end does).
fn is_segment_break(c: char) -> bool {
    matches!(
        c,
        '…' | ':'
            | '|'
            | '■'
            | '▲'
            | '△'
            | '▶'
            | '◆'
            | '□'
            | '◇'
            | '●'
            | '○'
            | '▷'
            | '※'
    )
}

/// Characters that end a phrase.
fn is_phrase_break(c: char) -> bool {
    matches!(
        c,
        ',' | '·' | ';' | '!' | '?' | '.' | '，' | '、' | '~' | '='
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Word(usize),
    Punct(char),
}

impl Clauses {
    /// Analyses `sentence`. `tokens` are the analyser's tokens of exactly
    /// this text (offsets relative to it), `atoms` any spans to keep as one
    /// unit, in any order (overlapping ones after the first are ignored).
    pub fn analyze(
        sentence: &str,
        tokens: &[Token<'_>],
        analyzer: &Analyzer,
        atoms: &[Atom],
    ) -> Clauses {
        let chars: Vec<char> = sentence.chars().collect();
        let tags: Vec<Tag> = tokens
            .iter()
            .map(|t| tag_of(analyzer.pos(t.word)))
            .collect();
        let mut sorted: Vec<(usize, Atom)> = atoms.iter().copied().enumerate().collect();
        sorted.sort_by_key(|(_, a)| (a.start, a.end));
        let mut c = Clauses {
            chars,
            ..Clauses::default()
        };
        let items = c.words_of(tokens, &tags, &sorted);
        c.kinds(tokens, &tags, atoms);
        c.levels(&items);
        c.word_phrase = vec![None; c.words.len()];
        c.word_predicate = vec![None; c.words.len()];
        // Segments: runs of items between segment breaks.
        let mut seg_start = 0;
        for i in 0..=items.len() {
            let end =
                i == items.len() || matches!(items[i], Item::Punct(ch) if is_segment_break(ch));
            if end {
                if seg_start < i {
                    c.segment(&items[seg_start..i], tokens, &tags, analyzer, atoms);
                }
                seg_start = i + 1;
            }
        }
        c
    }

    /// The sentence's characters.
    pub fn chars(&self) -> &[char] {
        &self.chars
    }

    /// The text between two character offsets (clamped).
    pub fn text(&self, a: usize, b: usize) -> String {
        let b = b.min(self.chars.len());
        if a >= b {
            return String::new();
        }
        self.chars[a..b].iter().collect()
    }

    /// A word's content (without particles or endings).
    pub fn content(&self, w: usize) -> String {
        let w = &self.words[w];
        self.text(w.start, w.content_end)
    }

    /// Whether a word is a counted quantity (`14개`, `30여`, `5%`): its
    /// content starts with a figure.
    pub fn counted(&self, w: usize) -> bool {
        let w = &self.words[w];
        w.content_end > w.start && self.chars[w.start].is_ascii_digit()
    }

    /// A word's particles or endings as written.
    pub fn tail(&self, w: usize) -> String {
        let w = &self.words[w];
        self.text(w.content_end, w.end)
    }

    /// The word at character `i`.
    pub fn word_at(&self, i: usize) -> Option<usize> {
        let k = self.words.partition_point(|w| w.end <= i);
        (k < self.words.len() && self.words[k].start <= i).then_some(k)
    }

    /// The phrase a word belongs to.
    pub fn phrase_of(&self, word: usize) -> Option<usize> {
        self.word_phrase.get(word).copied().flatten()
    }

    /// The predicate a word belongs to.
    pub fn predicate_of(&self, word: usize) -> Option<usize> {
        self.word_predicate.get(word).copied().flatten()
    }

    /// The phrases coordinated with `p` (itself included), in order.
    pub fn group(&self, p: usize) -> impl Iterator<Item = usize> + '_ {
        let g = self.phrases[p].group;
        (g..self.phrases.len()).take_while(move |&q| self.phrases[q].group == g)
    }

    /// The phrase's head word, looking through `등`, `측`, `씨` (`포항시
    /// 등에` has the head `포항시`), and through a description after `등`
    /// (`AWS·MS 등 글로벌 CSP와` has the head `MS`).
    pub fn head_word(&self, p: usize) -> usize {
        let ph = &self.phrases[p];
        let outside = |k: usize| self.words[k].paren.is_none();
        let mut h = ph.head;
        // A counted quantity the caller marked may be the head itself
        // (`A 등 30개국에`, `A 등 30여 개국에`).
        if self.words[h].atom.is_none() || self.counted(h) {
            // `A 등 X`: the last atom before `등`, when only nouns follow.
            let mut k = h;
            while k > ph.words.start {
                let c = self.content(k);
                // A counted quantity (`14개 나라에`) is no name the list
                // ends in, even when the caller marked it.
                if self.words[k].atom.is_some() && !self.counted(k) {
                    break;
                }
                if outside(k) && (c == "등" || c == "등의") {
                    let mut j = k - 1;
                    while j > ph.words.start && !outside(j) {
                        j -= 1;
                    }
                    if self.words[j].atom.is_some() && outside(j) {
                        return j;
                    }
                    break;
                }
                k -= 1;
            }
        }
        while h > ph.words.start
            && self.words[h].atom.is_none()
            && TRANSPARENT_HEADS.contains(&self.content(h).as_str())
        {
            // The previous word outside parentheses.
            let mut k = h - 1;
            while k > ph.words.start && !outside(k) {
                k -= 1;
            }
            if !outside(k) {
                break;
            }
            h = k;
        }
        h
    }

    /// The arguments of predicate `p`.
    pub fn arguments(&self, p: usize) -> &[Argument] {
        &self.predicates[p].args
    }

    // -----------------------------------------------------------------
    // Words.

    /// Groups tokens into words and punctuation, atoms kept whole.
    fn words_of(
        &mut self,
        tokens: &[Token<'_>],
        tags: &[Tag],
        atoms: &[(usize, Atom)],
    ) -> Vec<Item> {
        let mut items = Vec::with_capacity(tokens.len());
        let mut next_atom = 0;
        let mut i = 0;
        let mut prev_end = 0usize;
        let mut prev_punct = true;
        while i < tokens.len() {
            let t = &tokens[i];
            while next_atom < atoms.len() && atoms[next_atom].1.end <= t.start {
                next_atom += 1;
            }
            let space = t.start > prev_end || i == 0;
            let atom = atoms
                .get(next_atom)
                .filter(|(_, a)| a.start < t.end && t.start < a.end && a.start < a.end);
            if atom.is_none() && tags[i].first == Part::Punct && !self.symbol_in_word(t) {
                for ch in self.chars[t.start..t.end.min(self.chars.len())].iter() {
                    items.push(Item::Punct(*ch));
                }
                prev_end = t.end;
                prev_punct = true;
                i += 1;
                continue;
            }
            // A word: an atom (and what is glued to it), or tokens up to
            // the next space or punctuation.
            let start_tok = i;
            let mut atom_ix = None;
            let mut end = t.end;
            // Punctuation the analyser glued across the atom's end
            // (`'(` after `'노래'`): the rest stays punctuation after it.
            let mut spill = None;
            if let Some(&(ix, a)) = atom {
                atom_ix = Some(ix);
                next_atom += 1;
                while i < tokens.len() && tokens[i].start < a.end {
                    end = end.max(tokens[i].end);
                    i += 1;
                }
                if end > a.end && i > start_tok + 1 && tags[i - 1].first == Part::Punct {
                    spill = Some(a.end..end);
                    end = a.end;
                }
            } else {
                i += 1;
            }
            while spill.is_none()
                && i < tokens.len()
                && tokens[i].start == end
                && (tags[i].first != Part::Punct || self.symbol_in_word(&tokens[i]))
                && !atoms
                    .get(next_atom)
                    .is_some_and(|(_, a)| a.start < tokens[i].end && tokens[i].start < a.end)
            {
                end = tokens[i].end;
                i += 1;
            }
            let start = t
                .start
                .min(atom.map_or(t.start, |(_, a)| a.start.max(t.start)));
            items.push(Item::Word(self.words.len()));
            self.words.push(Word {
                start,
                end,
                content_end: end,
                tokens: start_tok..i,
                kind: WordKind::Other,
                case: Case::Bare,
                atom: atom_ix,
                space_before: space && !prev_punct || start == 0,
                level: 0,
                paren: None,
            });
            prev_end = end;
            prev_punct = false;
            if let Some(r) = spill {
                for ch in self.chars[r.start..r.end.min(self.chars.len())].iter() {
                    items.push(Item::Punct(*ch));
                }
                prev_end = r.end;
                prev_punct = true;
            }
        }
        items
    }

    /// Symbols that belong to the word they are written in (`5%`, `M&A`,
    /// `7.4조원`, `1,200명`).
    fn symbol_in_word(&self, t: &Token<'_>) -> bool {
        let digit = |i: Option<usize>| {
            i.and_then(|i| self.chars.get(i))
                .is_some_and(|c| c.is_ascii_digit())
        };
        if t.end == t.start + 1
            && matches!(self.chars.get(t.start), Some('.' | ','))
            && digit(t.start.checked_sub(1))
            && digit(Some(t.end))
        {
            return true;
        }
        self.chars[t.start.min(self.chars.len())..t.end.min(self.chars.len())]
            .iter()
            .all(|c| {
                matches!(
                    c,
                    '%' | '‰' | '℃' | '㎡' | '㎢' | '㎞' | '㎏' | '$' | '＄' | '&' | '+' | '#'
                )
            })
    }

    /// Each word's kind, content end and case.
    fn kinds(&mut self, tokens: &[Token<'_>], tags: &[Tag], atoms: &[Atom]) {
        for w in &mut self.words {
            let toks = w.tokens.clone();
            // Inside an atom everything is content; after it, the tags
            // decide.
            let free = match w.atom.and_then(|a| atoms.get(a)) {
                Some(a) => toks
                    .clone()
                    .find(|&k| tokens[k].start >= a.end)
                    .unwrap_or(toks.end),
                None => toks.start,
            };
            // After an atom only a copula or a light verb makes the word a
            // predicate (`한빛전자다`); anything else is the analyser
            // misreading the rest of a name.
            let any_verb = match w.atom {
                Some(_) => (free..toks.end)
                    .any(|k| tags[k].verb && matches!(tags[k].first, Part::Copula | Part::Light)),
                None => (free..toks.end).any(|k| tags[k].verb),
            };
            let any_noun = w.atom.is_some() || (free..toks.end).any(|k| tags[k].noun);
            let all_particles = w.atom.is_none()
                && toks
                    .clone()
                    .all(|k| matches!(tags[k].first, Part::Particle(_)));
            if all_particles {
                w.kind = WordKind::Tail;
                w.content_end = w.start;
                w.case = particle_case(tokens, tags, toks);
                continue;
            }
            // An adnominal ending never ends inside a word before a noun of
            // that word: `보은성` read as `보/VV 은/ETM 성/NNG` is a noun the
            // dictionary lacks, not a clause.
            let misread = any_verb
                && w.atom.is_none()
                && (toks.start + 1..toks.end).any(|k| {
                    tags[k - 1].last == Part::Adnominal
                        && tags[k].first == Part::Noun
                        && !tags[k].verb
                        && tokens[k].surface.chars().count() == 1
                        && !BOUND_NOUNS.contains(&tokens[k].surface)
                        && (k + 1..toks.end).all(|j| matches!(tags[j].first, Part::Particle(_)))
                });
            if any_verb && !misread {
                let v = (free..toks.end).find(|&k| tags[k].verb).unwrap_or(free);
                w.content_end = tokens[v].start.max(w.start);
                let last = tags[toks.end - 1].last;
                // `자회사인`, `의원이었던`: a copula adnominal inside a phrase;
                // `기업이자 파트너사인`: appositions joined by `이자`.
                let joined = last == Part::Connective
                    && matches!(tokens[toks.end - 1].surface, "이자" | "자");
                // `가동 중인 설비`: `중인` after a verbal noun is a clause
                // (folded into `가동하` with the predicates).
                let in_progress = v == toks.start + 1 && tokens[toks.start].surface == "중";
                if tags[v].first == Part::Copula
                    && (last == Part::Adnominal || joined)
                    && v > toks.start
                    && !in_progress
                {
                    w.kind = WordKind::Apposition;
                    w.case = Case::Bare;
                } else {
                    w.kind = WordKind::Predicate;
                }
                continue;
            }
            if any_noun {
                let tail = (free..toks.end)
                    .find(|&k| matches!(tags[k].first, Part::Particle(_)))
                    .unwrap_or(toks.end);
                w.content_end = if tail < toks.end {
                    tokens[tail].start
                } else {
                    w.end
                };
                w.kind = WordKind::Noun;
                w.case = particle_case(tokens, tags, tail..toks.end);
                // The analyser may read the end of a name and its particle
                // as something else (`베어로보틱스는` as `…스/VV 는/ETM`):
                // after an atom, a particle as written still counts.
                if w.atom.is_some() && tail == toks.end && free < toks.end {
                    let last = tokens[toks.end - 1].surface;
                    if let Some(c) = case_of_surface(last) {
                        w.case = c;
                        w.content_end = tokens[toks.end - 1].start;
                    }
                }
                continue;
            }
            let first = tags[toks.start].first;
            w.kind = match first {
                Part::Determiner => WordKind::Determiner,
                Part::Adverb => WordKind::Adverb,
                Part::Conjunctive if tokens[toks.start].surface == "및" => WordKind::Conjunction,
                Part::Conjunctive => WordKind::Adverb,
                _ => WordKind::Other,
            };
        }
        // `오는 24일`, `지난 3일`: a verb's adnominal form before a date is a
        // determiner (coming, last), not a clause modifying the date.
        for i in 1..self.words.len() {
            let (w, next) = (&self.words[i - 1], &self.words[i]);
            let text: String = self.chars[w.start..w.end].iter().collect();
            if w.kind == WordKind::Predicate
                && matches!(text.as_str(), "오는" | "지난")
                && self
                    .chars
                    .get(next.start)
                    .is_some_and(|c| c.is_ascii_digit())
            {
                self.words[i - 1].kind = WordKind::Determiner;
            }
        }
    }

    /// Quote depth and parentheses of every word.
    fn levels(&mut self, items: &[Item]) {
        let mut depth: u16 = 0;
        let mut paren: Vec<Option<usize>> = Vec::new();
        let mut last_word: Option<usize> = None;
        for (n, item) in items.iter().enumerate() {
            match *item {
                Item::Punct(ch) => match ch {
                    '“' | '《' | '「' => depth += 1,
                    '”' | '》' | '」' => depth = depth.saturating_sub(1),
                    // A straight quote closes whatever quote is open (news
                    // mixes `“…"`), else opens one.
                    '"' => {
                        if depth > 0 {
                            depth -= 1;
                        } else {
                            depth += 1;
                        }
                    }
                    '(' | '[' | '（' => {
                        // The word the parenthesis follows, if it is a noun
                        // (`NDS(대표 김중원)`, `김귀현 (1990년 ~)`).
                        let owner = match (paren.last().copied().flatten(), last_word) {
                            (Some(o), _) => Some(o),
                            (None, Some(w))
                                if matches!(
                                    items.get(n.wrapping_sub(1)),
                                    Some(Item::Word(_)) | Some(Item::Punct('’' | '\'' | '”'))
                                ) && matches!(
                                    self.words[w].kind,
                                    WordKind::Noun | WordKind::Tail
                                ) =>
                            {
                                Some(w)
                            }
                            _ => None,
                        };
                        paren.push(Some(owner.unwrap_or(usize::MAX)));
                    }
                    ')' | ']' | '）' => {
                        paren.pop();
                    }
                    _ => {}
                },
                Item::Word(w) => {
                    self.words[w].level = depth;
                    if let Some(&Some(o)) = paren.last() {
                        self.words[w].paren = Some(if o == usize::MAX { w } else { o });
                    } else {
                        last_word = Some(w);
                    }
                }
            }
        }
    }

    // -----------------------------------------------------------------
    // Phrases, predicates and arguments of one segment.

    fn segment(
        &mut self,
        items: &[Item],
        tokens: &[Token<'_>],
        tags: &[Tag],
        analyzer: &Analyzer,
        atoms: &[Atom],
    ) {
        let first_phrase = self.phrases.len();
        let first_pred = self.predicates.len();
        self.phrases_of(items, atoms);
        self.predicates_of(items, tokens, tags, analyzer);
        self.nominal_predicate(first_phrase, first_pred);
        self.postpositions(first_phrase, first_pred);
        self.coordinate(first_phrase, atoms);
        self.headline_subject(first_phrase, items);
        self.attach(first_phrase, first_pred);
        self.purpose_subjects(first_pred);
        self.shared_subjects(first_pred);
        self.gapped_pairs(first_phrase, first_pred);
    }

    /// `카카오는 'A', 네이버는 'B'를 (각각) 운영한다`: parallel topic–item
    /// pairs sharing one predicate (a gapped coordination). Each bare item
    /// after a topic belongs to that topic's clause, never to a later one: it
    /// takes the case of the last item, and each earlier pair becomes a copy
    /// of the predicate with its own two arguments.
    fn gapped_pairs(&mut self, first_phrase: usize, first_pred: usize) {
        // What separates two phrases, quotes and spaces left out.
        let sep = |c: &Clauses, a: usize, b: usize| -> String {
            c.text(c.phrases[a].end, c.phrases[b].start)
                .chars()
                .filter(|ch| !ch.is_whitespace() && !"'‘’\"“”".contains(*ch))
                .collect()
        };
        let n_pred = self.predicates.len();
        for v in first_pred..n_pred {
            let level = self.predicates[v].level;
            if level == u16::MAX {
                continue;
            }
            let Some(last) = self.predicates[v].args.iter().copied().find(|a| {
                !a.inherited
                    && matches!(a.case, Case::Object | Case::Dative | Case::Locative)
                    && a.phrase > first_phrase + 2
            }) else {
                continue;
            };
            let x = last.phrase;
            let t = x - 1;
            let same = |c: &Clauses, p: usize, m: Case| {
                c.phrases[p].marked == m && c.phrases[p].level == level
            };
            if !same(self, t, Case::Topic) || !sep(self, t, x).is_empty() {
                continue;
            }
            // Earlier pairs, walking back: `T는 X,`.
            let mut pairs = Vec::new();
            let mut k = t;
            while k >= first_phrase + 2 {
                let (ti, xi) = (k - 2, k - 1);
                if !same(self, xi, Case::Bare)
                    || !same(self, ti, Case::Topic)
                    || sep(self, xi, k) != ","
                    || !sep(self, ti, xi).is_empty()
                {
                    break;
                }
                pairs.push((ti, xi));
                k = ti;
            }
            if pairs.is_empty() {
                continue;
            }
            let mut all: Vec<usize> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
            all.push(t);
            for &p in &all {
                self.phrases[p].group = p;
            }
            self.phrases[t].case = Case::Topic;
            self.predicates[v]
                .args
                .retain(|a| !all.contains(&a.phrase) || a.phrase == t || a.phrase == x);
            if !self.predicates[v].args.iter().any(|a| a.phrase == t) {
                self.predicates[v].args.push(Argument {
                    phrase: t,
                    case: Case::Topic,
                    inherited: false,
                });
            }
            self.phrases[t].governor = Some(v);
            for (ti, xi) in pairs {
                let new = self.predicates.len();
                let mut copy = self.predicates[v].clone();
                copy.args = vec![
                    Argument {
                        phrase: xi,
                        case: last.case,
                        inherited: false,
                    },
                    Argument {
                        phrase: ti,
                        case: Case::Topic,
                        inherited: false,
                    },
                ];
                self.predicates.push(copy);
                for (p, case) in [(xi, last.case), (ti, Case::Topic)] {
                    self.phrases[p].case = case;
                    self.phrases[p].governor = Some(new);
                }
            }
        }
    }

    /// Builds the phrases of a segment.
    fn phrases_of(&mut self, items: &[Item], atoms: &[Atom]) {
        let mut open: Option<(usize, usize)> = None; // (first word, last word outside parens)
        let mut last_paren_owner: Option<usize> = None;
        let close =
            |c: &mut Clauses, open: &mut Option<(usize, usize)>, last: usize, case: Case| {
                if let Some((first, head)) = open.take() {
                    let ix = c.phrases.len();
                    let level = c.words[head].level;
                    c.phrases.push(Phrase {
                        words: first..last + 1,
                        start: c.words[first].start,
                        end: c.words[last].end,
                        head,
                        case,
                        marked: case,
                        group: ix,
                        governor: None,
                        head_of: None,
                        level,
                    });
                    for w in first..=last {
                        c.word_phrase[w] = Some(ix);
                    }
                }
            };
        let mut last_word_in_open = 0usize;
        for (n, item) in items.iter().enumerate() {
            match *item {
                Item::Punct(ch) => {
                    // A middle dot joins two names (`현대차·기아`) but not
                    // the parts of one noun (`택배·이커머스부문`).
                    let dot_in_noun = ch == '·'
                        && !(matches!(items.get(n.wrapping_sub(1)), Some(Item::Word(a)) if self.words[*a].atom.is_some())
                            && matches!(items.get(n + 1), Some(Item::Word(b)) if self.words[*b].atom.is_some()));
                    // A hyphen written without spaces between two names of
                    // one class lists them (`배우 A-B-C 등`), as `,` does; a
                    // hyphenated name (`장-폴`, `'스위치-세상을 바꿔라'`) is
                    // one name, no hyphen between two.
                    let hyphen_list = ch == '-'
                        && matches!(
                            (items.get(n.wrapping_sub(1)), items.get(n + 1)),
                            (Some(Item::Word(a)), Some(Item::Word(b)))
                                if self.hyphen_joins(*a, *b, atoms)
                        );
                    if (is_phrase_break(ch) || hyphen_list)
                        && last_paren_owner.is_none()
                        && !dot_in_noun
                    {
                        close(self, &mut open, last_word_in_open, Case::Bare);
                    }
                    if ch == '“' || ch == '”' || ch == '"' {
                        close(self, &mut open, last_word_in_open, Case::Bare);
                    }
                }
                Item::Word(w) => {
                    let word = self.words[w].clone();
                    if word.paren.is_some() {
                        // Inside parentheses: part of the owner's phrase.
                        if open.is_some() {
                            last_word_in_open = w;
                        } else if let Some(p) = self.phrases.last()
                            && word
                                .paren
                                .is_some_and(|o| o >= p.words.start && o < p.words.end)
                        {
                            // The phrase closed before the parenthesis
                            // (`대표가(…)`): leave it.
                        }
                        last_paren_owner = word.paren;
                        continue;
                    }
                    last_paren_owner = None;
                    match word.kind {
                        WordKind::Noun | WordKind::Apposition | WordKind::Determiner => {
                            // A new level closes the open phrase.
                            if let Some((_, head)) = open
                                && self.words[head].level != word.level
                            {
                                close(self, &mut open, last_word_in_open, Case::Bare);
                            }
                            match &mut open {
                                Some((_, head)) => *head = w,
                                None => open = Some((w, w)),
                            }
                            last_word_in_open = w;
                            let case = word.case;
                            if !matches!(case, Case::Bare | Case::Genitive)
                                && word.kind == WordKind::Noun
                            {
                                close(self, &mut open, w, case);
                            }
                        }
                        WordKind::Tail => {
                            let case = word.case;
                            if open.is_some() {
                                close(self, &mut open, w, case);
                            } else if let Some(ix) = self.phrases.len().checked_sub(1)
                                && self.phrases[ix].case == Case::Bare
                                && self.phrases[ix].end <= word.start
                                && self.chars[self.phrases[ix].end..word.start]
                                    .iter()
                                    .all(|c| !c.is_whitespace() && !is_phrase_break(*c))
                            {
                                let p = &mut self.phrases[ix];
                                p.case = case;
                                p.marked = case;
                                p.end = word.end;
                                p.words.end = w + 1;
                                self.word_phrase[w] = Some(ix);
                            }
                        }
                        _ => close(self, &mut open, last_word_in_open, Case::Bare),
                    }
                }
            }
        }
        close(self, &mut open, last_word_in_open, Case::Bare);
        // `N은/는 물론`: "not only N", a member of what follows rather than
        // the clause's topic (`국내는 물론 미국에서 서비스를 제공한다`).
        for ix in 0..self.phrases.len() {
            let p = &self.phrases[ix];
            if p.case == Case::Topic
                && self.words.get(p.words.end).is_some_and(|w| {
                    w.kind != WordKind::Noun && self.content(p.words.end).starts_with("물론")
                })
            {
                let p = &mut self.phrases[ix];
                p.case = Case::Bare;
                p.marked = Case::Bare;
            }
        }
        // A phrase that ends in a genitive before a break keeps that case.
        for p in &mut self.phrases {
            if p.case == Case::Bare && self.words[p.words.end - 1].case == Case::Genitive {
                p.case = Case::Genitive;
                p.marked = Case::Genitive;
            }
        }
    }

    /// Whether a hyphen between words `a` and `b` lists two names: both
    /// are whole names of one class with no particle, the hyphen touching
    /// both.
    fn hyphen_joins(&self, a: usize, b: usize, atoms: &[Atom]) -> bool {
        let (wa, wb) = (&self.words[a], &self.words[b]);
        let class = |w: &Word| w.atom.and_then(|x| atoms.get(x)).map(|x| (x.class, x.end));
        match (class(wa), class(wb)) {
            (Some((ca, ea)), Some((cb, _))) => {
                ca == cb
                    && ea == wa.end
                    && wa.case == Case::Bare
                    && wa.end + 1 == wb.start
                    && self.chars.get(wa.end) == Some(&'-')
            }
            _ => false,
        }
    }

    /// Builds the predicates of a segment, folding auxiliaries and modal
    /// nouns into the predicate before them.
    fn predicates_of(
        &mut self,
        items: &[Item],
        tokens: &[Token<'_>],
        tags: &[Tag],
        analyzer: &Analyzer,
    ) {
        let words: Vec<usize> = items
            .iter()
            .filter_map(|it| match it {
                Item::Word(w) => Some(*w),
                Item::Punct(_) => None,
            })
            .filter(|&w| self.words[w].paren.is_none())
            .collect();
        let mut k = 0;
        while k < words.len() {
            let w = words[k];
            if self.words[w].kind != WordKind::Predicate {
                k += 1;
                continue;
            }
            let mut pred = self.predicate(w, tokens, tags, analyzer);
            let mut last = w;
            // `공급 중이다`, `가동 중인`: a verbal noun before `중` is the
            // predicate (`공급하고 있다`).
            let mut w = w;
            if pred.copula
                && pred.noun.as_deref() == Some("중")
                && let Some(&prev) = k.checked_sub(1).and_then(|i| words.get(i))
                && prev + 1 == w
                && self.words[prev].kind == WordKind::Noun
                && self.words[prev].atom.is_none()
                && self.words[prev].case == Case::Bare
                && self.chars[self.words[prev].end..self.words[w].start]
                    .iter()
                    .all(|c| c.is_whitespace())
                && let Some(ph) = self.word_phrase[prev]
            {
                let noun = self.content(prev);
                let phrase = &self.phrases[ph];
                let whole = phrase.words.start == prev && phrase.words.end == prev + 1;
                let last_of = phrase.words.start < prev && phrase.head == prev;
                if noun.chars().count() >= 2
                    && !TIME_NOUNS.contains(&noun.as_str())
                    && (whole || last_of)
                {
                    pred.stem = format!("{noun}하");
                    pred.noun = Some(noun);
                    pred.copula = false;
                    pred.start = self.words[prev].start;
                    // The noun leaves its phrase (the words before it stay).
                    let phrase = &mut self.phrases[ph];
                    if last_of {
                        phrase.words.end = prev;
                        phrase.end = self.words[prev - 1].end;
                        phrase.head = prev - 1;
                        self.word_phrase[prev] = None;
                    }
                    w = prev;
                }
            }
            // Fold auxiliaries: `-고 있다`, `-지 않다`, `-게 되다`, `-야 한다`,
            // `-어 주다`, and modal nouns after an adnominal ending.
            while let Some(&next) = words.get(k + 1) {
                let nw = &self.words[next];
                let tail = self.tail_ending(last, tokens);
                if pred.ending == Ending::Connective
                    && nw.kind == WordKind::Predicate
                    && self.is_auxiliary(next, &tail, tokens, tags)
                {
                    let aux = self.predicate(next, tokens, tags, analyzer);
                    if matches!(aux.stem.as_str(), "않" | "못하" | "말" | "아니") {
                        pred.negated = true;
                    }
                    pred.ending = aux.ending;
                    pred.negated |= aux.negated;
                    last = next;
                    k += 1;
                    continue;
                }
                if pred.ending == Ending::Adnominal
                    && matches!(nw.kind, WordKind::Noun | WordKind::Predicate)
                {
                    let mut noun = self.content(next);
                    if noun.is_empty() && nw.kind == WordKind::Predicate {
                        noun = self
                            .predicate(next, tokens, tags, analyzer)
                            .noun
                            .unwrap_or_default();
                    }
                    if let Some(&(_, hyp)) = MODAL_NOUNS.iter().find(|(n, _)| *n == noun) {
                        pred.hypothetical |= hyp;
                        last = next;
                        k += 1;
                        if nw.kind == WordKind::Predicate {
                            // `예정이다`: the copula carries the ending.
                            let aux = self.predicate(next, tokens, tags, analyzer);
                            pred.ending = aux.ending;
                            pred.negated |= aux.negated;
                        } else if let Some(&after) = words.get(k + 1)
                            && self.words[after].kind == WordKind::Predicate
                        {
                            // `수 있다`, `것으로 알려졌다`, `가능성이 크다`.
                            let aux = self.predicate(after, tokens, tags, analyzer);
                            pred.ending = aux.ending;
                            pred.negated |= aux.negated && noun != "수";
                            if noun == "수" && aux.stem == "없" {
                                pred.negated = true;
                            }
                            last = after;
                            k += 1;
                        } else {
                            pred.ending = Ending::Connective;
                        }
                        continue;
                    }
                    if CONNECTIVE_NOUNS.contains(&noun.as_str()) {
                        pred.ending = Ending::Connective;
                        pred.hypothetical |= CONDITIONAL_NOUNS.contains(&noun.as_str());
                        last = next;
                        k += 1;
                        break;
                    }
                }
                break;
            }
            // A connective ending that closes the segment ends the sentence
            // (headlines: `…제빵공장 세운다…`).
            if matches!(pred.ending, Ending::Connective | Ending::Quotative)
                && !words[k + 1..].iter().any(|&x| {
                    matches!(
                        self.words[x].kind,
                        WordKind::Noun | WordKind::Predicate | WordKind::Determiner
                    )
                })
            {
                pred.ending = Ending::Final;
            }
            pred.words = w..last + 1;
            pred.end = self.words[last].end;
            let ix = self.predicates.len();
            for x in w..=last {
                self.word_predicate[x] = Some(ix);
                // A modal noun folded in is no argument; a phrase it began
                // goes on after it (`시작한 이후 CES에서`).
                if let Some(p) = self.word_phrase[x].take() {
                    let ph = &mut self.phrases[p];
                    if ph.words.end > last + 1 && ph.head > last {
                        ph.words.start = last + 1;
                        ph.start = self.words[last + 1].start;
                        continue;
                    }
                    ph.case = Case::Other;
                    ph.marked = Case::Other;
                    ph.level = u16::MAX;
                }
            }
            self.predicates.push(pred);
            k += 1;
        }
        // Phrases emptied by folding are dropped from attachment (level MAX).
    }

    /// The ending morphemes of a word as written (`다고`, `고`, `게`).
    fn tail_ending(&self, w: usize, tokens: &[Token<'_>]) -> String {
        let word = &self.words[w];
        tokens[word.tokens.clone()]
            .last()
            .map(|t| t.surface.to_string())
            .unwrap_or_default()
    }

    /// Whether `next` is an auxiliary of the word before, which ended in
    /// the connective `ending`.
    fn is_auxiliary(&self, next: usize, ending: &str, tokens: &[Token<'_>], tags: &[Tag]) -> bool {
        let nw = &self.words[next];
        let first = nw.tokens.start;
        let surface = tokens[first].surface;
        if tags[first].first == Part::Aux {
            return true;
        }
        // `-게 되다`, `-야 하다`, `-지 못하다`.
        (ending.ends_with('게') && surface.starts_with(['되', '됐', '돼']))
            || (ending.ends_with('야') && surface.starts_with(['하', '했', '해', '한']))
            || (ending.ends_with('지') && surface.starts_with('못'))
    }

    /// The predicate of word `w` (alone).
    fn predicate(
        &self,
        w: usize,
        tokens: &[Token<'_>],
        tags: &[Tag],
        analyzer: &Analyzer,
    ) -> Predicate {
        let word = &self.words[w];
        let toks = word.tokens.clone();
        let v = toks.clone().find(|&k| tags[k].verb).unwrap_or(toks.start);
        // The noun ends at a particle glued to the light verb (`고소까지했던`:
        // `고소`).
        let noun: String = (toks.start..v)
            .take_while(|&k| !matches!(tags[k].first, Part::Particle(_)))
            .map(|k| &tokens[k])
            .filter(|t| t.start >= word.start)
            .map(|t| t.surface)
            .collect();
        let vt = tags[v];
        let lemma = verb_lemma(&tokens[v], analyzer);
        // `엽니다` read as `엽/NNG 니다/VCP+EF`: the copula drops its 이 only
        // after a vowel, so a noun ending in ㅂ before `니다` is a verb stem
        // with `-ㅂ니다` (`열다`).
        let elided = (vt.first == Part::Copula && tokens[v].surface.starts_with('니'))
            .then(|| elided_verb(&noun, analyzer))
            .flatten();
        let (noun, lemma, vt) = match elided {
            Some((rest, verb)) => (
                rest,
                verb,
                Tag {
                    first: Part::Verb,
                    copula: false,
                    ..vt
                },
            ),
            None => (noun, lemma, vt),
        };
        // `텐데` (터+이+ㄴ데), `건데`: a bound noun and the copula in one token.
        let fused = vt.first == Part::Noun && vt.copula;
        let noun = if fused {
            format!("{noun}{lemma}")
        } else {
            noun
        };
        let copula = vt.first == Part::Copula || fused;
        let stem = if fused {
            "이".to_string()
        } else if copula {
            lemma.clone()
        } else if vt.first == Part::Light || lemma == "하" && !noun.is_empty() {
            // `고소까지했던`: the noun, a particle, then `하다` as a verb.
            format!("{noun}{lemma}")
        } else {
            // Serial verbs in one word (`이어오다`): the first verb.
            lemma.clone()
        };
        let last = &tokens[toks.end - 1];
        let ending = match tags[toks.end - 1].last {
            Part::Final => Ending::Final,
            Part::Connective if is_quotative(last.surface) => Ending::Quotative,
            Part::Connective => Ending::Connective,
            Part::Adnominal => Ending::Adnominal,
            Part::Nominal => Ending::Nominal,
            _ => Ending::Final,
        };
        let negated = copula && vt.first == Part::Copula && lemma == "아니"
            || matches!(stem.as_str(), "않" | "없");
        Predicate {
            words: w..w + 1,
            start: word.start,
            end: word.end,
            stem,
            noun: (!noun.is_empty()).then_some(noun),
            ending,
            copula,
            nominal: false,
            negated,
            hypothetical: false,
            adjective: vt.first == Part::Verb && tag_is_adjective(analyzer, &tokens[v])
                || vt.first == Part::Light && tag_is_adjective(analyzer, &tokens[v]),
            args: Vec::new(),
            head: None,
            level: word.level,
        }
    }

    /// A segment without a verb that ends in a bare noun phrase whose head
    /// is a common noun: the noun is its predicate (`현대차그룹, 고려아연
    /// 지분 5% 인수`, `엔라이즈, 삼성전자와 맞손`).
    fn nominal_predicate(&mut self, first_phrase: usize, first_pred: usize) {
        if self.predicates.len() > first_pred || self.phrases.len() < first_phrase + 2 {
            return;
        }
        let last = self.phrases.len() - 1;
        let p = &self.phrases[last];
        if p.case != Case::Bare || p.level == u16::MAX {
            return;
        }
        let h = p.head;
        let hw = &self.words[h];
        if hw.atom.is_some() || hw.kind != WordKind::Noun || hw.paren.is_some() {
            return;
        }
        let noun = self.content(h);
        if noun.chars().count() < 2 || !noun.chars().all(|c| ('가'..='힣').contains(&c)) {
            return;
        }
        let level = hw.level;
        let (start, end) = (hw.start, hw.end);
        self.predicates.push(Predicate {
            words: h..h + 1,
            start,
            end,
            stem: noun.clone(),
            noun: Some(noun),
            ending: Ending::Final,
            copula: false,
            nominal: true,
            negated: false,
            hypothetical: false,
            adjective: false,
            args: Vec::new(),
            head: None,
            level,
        });
        self.word_predicate[h] = Some(self.predicates.len() - 1);
        self.word_phrase[h] = None;
        // The rest of the phrase is the predicate's object.
        let p = &mut self.phrases[last];
        if p.words.start == h {
            p.level = u16::MAX;
            p.case = Case::Other;
        } else {
            let mut k = h - 1;
            while k > p.words.start && self.words[k].paren.is_some() {
                k -= 1;
            }
            p.words.end = h;
            p.head = k;
            p.end = self.words[h - 1].end;
            p.case = Case::Object;
        }
    }

    /// Verbs and nouns that work as postpositions fold into the phrase
    /// before them: `X를 상대로` (against X: a dative), `X를 기반으로`, `X를
    /// 통해`, `X에 따라` (adjuncts), `X에 대해 비판했다` (the dative stays for
    /// the verb), `X를 비롯한 Y` (X is one of Y: coordinated with it).
    fn postpositions(&mut self, first_phrase: usize, first_pred: usize) {
        let n = self.phrases.len();
        for p in first_phrase..n.saturating_sub(1) {
            let q = p + 1;
            if self.phrases[p].level == u16::MAX
                || self.phrases[q].level == u16::MAX
                || self.phrases[p].case != Case::Object
                || self.phrases[q].case != Case::Instrumental
                || self.phrases[q].words.len() != 1
            {
                continue;
            }
            let noun = self.content(self.phrases[q].head);
            let Some(&(_, target)) = NOUN_POSTPOSITIONS.iter().find(|(w, _)| *w == noun) else {
                continue;
            };
            if !self
                .text(self.phrases[p].end, self.phrases[q].start)
                .trim()
                .is_empty()
            {
                continue;
            }
            let case = if target { Case::Dative } else { Case::Other };
            let ph = &mut self.phrases[p];
            ph.case = case;
            // A target keeps 을/를 as its written particle: a dative written
            // 에 (`법원에 소송을 내다`: where it is filed) and one written
            // `X를 상대로` (against X) differ to patterns that ask.
            ph.marked = if target { Case::Object } else { case };
            let qq = &mut self.phrases[q];
            qq.level = u16::MAX;
            qq.case = Case::Other;
            let w = qq.head;
            self.word_phrase[w] = None;
        }
        for r in first_pred..self.predicates.len() {
            let stem = self.predicates[r].stem.clone();
            let Some(&(_, role)) = VERB_POSTPOSITIONS.iter().find(|(v, _)| *v == stem) else {
                continue;
            };
            let (start, level, ending) = {
                let pr = &self.predicates[r];
                (pr.start, pr.level, pr.ending)
            };
            // The phrase right before it.
            let Some(p) = (first_phrase..self.phrases.len())
                .rev()
                .find(|&p| self.phrases[p].level == level && self.phrases[p].end <= start)
            else {
                continue;
            };
            if !self.text(self.phrases[p].end, start).trim().is_empty() {
                continue;
            }
            let want = match role {
                Post::About | Post::Adjunct(Case::Dative) => Case::Dative,
                _ => Case::Object,
            };
            if self.phrases[p].marked != want && self.phrases[p].case != want {
                continue;
            }
            match role {
                Post::Including if ending == Ending::Adnominal => {
                    // `A를 비롯한 B`: A joins B's coordination.
                    if let Some(h) = (p + 1..self.phrases.len())
                        .find(|&h| self.phrases[h].level == level && self.phrases[h].start >= start)
                    {
                        let g = self.phrases[p].group;
                        let hg = self.phrases[h].group;
                        for x in h..self.phrases.len() {
                            if self.phrases[x].group == hg {
                                self.phrases[x].group = g;
                            }
                        }
                    }
                }
                Post::About if ending != Ending::Adnominal => {}
                _ => {
                    let ph = &mut self.phrases[p];
                    ph.case = Case::Other;
                    ph.marked = Case::Other;
                }
            }
            let pr = &mut self.predicates[r];
            pr.level = u16::MAX;
            pr.args.clear();
            for w in pr.words.clone() {
                self.word_predicate[w] = None;
            }
        }
    }

    /// Coordinated phrases share the case of the last one.
    fn coordinate(&mut self, first: usize, atoms: &[Atom]) {
        let n = self.phrases.len();
        let class_of = |c: &Clauses, p: usize| -> Option<u8> {
            let h = c.head_word(p);
            c.words[h].atom.and_then(|a| atoms.get(a)).map(|a| a.class)
        };
        for p in first..n.saturating_sub(1) {
            let q = p + 1;
            let (pp, qq) = (&self.phrases[p], &self.phrases[q]);
            if pp.level == u16::MAX || qq.level == u16::MAX || pp.level != qq.level {
                continue;
            }
            let between = self.text(pp.end, qq.start);
            let sep = between.trim();
            let joins = match pp.marked {
                Case::Comitative => sep.is_empty(),
                Case::Bare => matches!(sep, "," | "·" | "및" | "、" | "/" | "-"),
                _ => false,
            };
            if !joins {
                continue;
            }
            // `이승기와 이다인의 결혼식이`: the first joins the owner of the
            // next phrase, inside it.
            if pp.marked == Case::Comitative {
                let a = class_of(self, p);
                let owner = qq
                    .words
                    .clone()
                    .find(|&w| self.words[w].paren.is_none() && self.words[w].atom.is_some());
                if let Some(o) = owner
                    && a.is_some()
                    && self.words[o].case == Case::Genitive
                    && self.words[o]
                        .atom
                        .and_then(|x| atoms.get(x))
                        .map(|x| x.class)
                        == a
                    && o != qq.head
                {
                    let (start, words) = (pp.start, pp.words.clone());
                    let q_ix = q;
                    let qm = &mut self.phrases[q_ix];
                    qm.start = start;
                    qm.words.start = words.start;
                    for w in words {
                        self.word_phrase[w] = Some(q_ix);
                    }
                    let pm = &mut self.phrases[p];
                    pm.level = u16::MAX;
                    pm.case = Case::Other;
                    pm.marked = Case::Other;
                    continue;
                }
            }
            // `누리핏, 한빛전자와 맞손`: a sentence's first phrase before a
            // comma is its subject unless a longer list (`A, B, C`) or `등`
            // says it is a list.
            // The same holds before a headline's nominal predicate, whose
            // object the next phrase has become (`A, B 지분 인수`).
            let (a, b) = (class_of(self, p), class_of(self, q));
            // A list is the subject itself when its last name is
            // (`김하늘, 이서준이 출연했다`).
            let subject_list = a.is_some()
                && a == b
                && matches!(qq.marked, Case::Subject | Case::Topic | Case::Additive);
            if p == first
                && pp.marked == Case::Bare
                && (qq.marked != Case::Bare || qq.case == Case::Object)
                && !subject_list
                && self.head_word(q) == qq.head
            {
                continue;
            }
            // `한서진, 정해진, 김누리, 소라가 출연했다`: a list of two names
            // or more goes on through a last word the recogniser did not
            // know, which carries the list's case.
            let tail = a.is_some()
                && b.is_none()
                && sep == ","
                && pp.marked == Case::Bare
                && self.phrases[p].group != p
                && qq.words.len() == 1
                && self.words[qq.head].kind == WordKind::Noun
                && self.words[qq.head].paren.is_none()
                && matches!(
                    qq.marked,
                    Case::Subject | Case::Topic | Case::Additive | Case::Object
                );
            if tail {
                self.phrases[q].group = self.phrases[p].group;
                continue;
            }
            if a.is_none() || a != b {
                continue;
            }
            self.phrases[q].group = self.phrases[p].group;
        }
        // The group's case is its last member's.
        let mut p = first;
        while p < n {
            let g = self.phrases[p].group;
            let mut last = p;
            while last + 1 < n && self.phrases[last + 1].group == g {
                last += 1;
            }
            let case = self.phrases[last].case;
            for q in p..=last {
                self.phrases[q].case = case;
            }
            p = last + 1;
        }
    }

    /// `SPC, 美텍사스에 …`: a first bare phrase followed by a comma (and not
    /// a list) is the subject.
    fn headline_subject(&mut self, first: usize, items: &[Item]) {
        let Some(p) = self.phrases.get(first) else {
            return;
        };
        if p.case != Case::Bare || p.group != first || p.level == u16::MAX {
            return;
        }
        if self
            .phrases
            .get(first + 1)
            .is_some_and(|q| q.group == first)
        {
            return;
        }
        // The first item of the segment is the phrase.
        let starts = items.iter().find_map(|it| match it {
            Item::Word(w) => Some(*w),
            Item::Punct(_) => None,
        });
        if starts != Some(p.words.start) {
            return;
        }
        let end = p.end;
        let after = self.chars.get(end).copied();
        if after == Some(',') {
            self.phrases[first].case = Case::Subject;
        }
    }

    /// Whether every word of phrase `p` outside parentheses says when: a
    /// number with its unit (`2019년`, `2월`, `3일`), a determiner (`지난`)
    /// or a time noun (`올해`).
    fn is_time_phrase(&self, p: usize) -> bool {
        let ph = &self.phrases[p];
        let mut any = false;
        for w in ph.words.clone() {
            let word = &self.words[w];
            if word.paren.is_some() {
                continue;
            }
            // A date the caller marked as an atom (`지난 2019년 2월`) still
            // says when.
            if word.atom.is_some() {
                if self.content(w).split_whitespace().last().is_some_and(dated) {
                    any = true;
                    continue;
                }
                return false;
            }
            if !(word.kind == WordKind::Determiner || self.is_time_word(w)) {
                return false;
            }
            any = true;
        }
        any
    }

    /// Whether word `w` says when: a date (`3월`, `2024년`) or a time noun
    /// (`내년`, `오늘`).
    fn is_time_word(&self, w: usize) -> bool {
        let c = self.content(w);
        dated(&c) || TIME_NOUNS.contains(&c.as_str())
    }

    /// `A는 최근 출시한 B를 알렸다`: an adnominal clause with no subject of
    /// its own, modifying an object or adjunct of a clause, shares that
    /// clause's subject (not a passive or adjective clause: `A는 B에 인수된
    /// C를` is not A's doing).
    fn shared_subjects(&mut self, first_pred: usize) {
        // Outer clauses first: a relative clause inside another one's
        // object (`A는 [[최근 발표한] B를 C와 접목한] D로`) gets the subject
        // its outer one got.
        for q in (first_pred..self.predicates.len()).rev() {
            let subjects: Vec<Argument> = self.predicates[q]
                .args
                .iter()
                .filter(|a| a.case.is_subject_like())
                .copied()
                .collect();
            if subjects.is_empty() {
                continue;
            }
            let heads: Vec<usize> = self.predicates[q]
                .args
                .iter()
                .filter(|a| !a.case.is_subject_like() && !a.inherited)
                .filter_map(|a| self.phrases[a.phrase].head_of)
                .collect();
            for r in heads {
                let rel = &self.predicates[r];
                let passive = ["되", "받", "당하", "지"]
                    .iter()
                    .any(|e| rel.stem.ends_with(e));
                if r == q
                    || rel.adjective
                    || rel.copula
                    || passive
                    || rel.args.iter().any(|a| a.case.is_subject_like())
                {
                    continue;
                }
                for a in &subjects {
                    self.predicates[r].args.push(Argument {
                        phrase: a.phrase,
                        case: a.case,
                        inherited: true,
                    });
                }
            }
        }
    }

    /// `A가 X에 쓰기 위해 개발한 B`: a purpose clause (`-기 위해`) is said
    /// of the subject of the clause it leads to, so a clause after `위해`
    /// with no subject of its own takes the purpose clause's (not a
    /// passive one).
    fn purpose_subjects(&mut self, first_pred: usize) {
        for q in first_pred + 1..self.predicates.len().saturating_sub(1) {
            let (purpose, wei, next) = (
                &self.predicates[q - 1],
                &self.predicates[q],
                &self.predicates[q + 1],
            );
            let passive = ["되", "받", "당하", "지"]
                .iter()
                .any(|e| next.stem.ends_with(e));
            if wei.stem != "위하"
                || wei.ending != Ending::Connective
                || purpose.ending != Ending::Nominal
                || purpose.level != wei.level
                || next.level != wei.level
                || next.copula
                || passive
                || next.args.iter().any(|a| a.case.is_subject_like())
            {
                continue;
            }
            let subjects: Vec<Argument> = purpose
                .args
                .iter()
                .filter(|a| a.case.is_subject_like())
                .map(|a| Argument {
                    inherited: true,
                    ..*a
                })
                .collect();
            self.predicates[q + 1].args.extend(subjects);
        }
    }

    /// The offset of a single quote (`‘` or `'`) opened before `at` in the
    /// sentence and not closed before it.
    fn open_quote_before(&self, at: usize) -> Option<usize> {
        let mut open: Option<usize> = None;
        for (i, &c) in self.chars[..at.min(self.chars.len())].iter().enumerate() {
            match c {
                '‘' => open = Some(i),
                '’' => open = None,
                '\'' => open = if open.is_some() { None } else { Some(i) },
                _ => {}
            }
        }
        open
    }

    /// Attaches phrases to predicates (see the module docs).
    fn attach(&mut self, first_phrase: usize, first_pred: usize) {
        // Phrases and predicates of the segment in text order.
        #[derive(Clone, Copy)]
        enum Ev {
            Phrase(usize),
            Pred(usize),
        }
        let mut evs: Vec<(usize, Ev)> = (first_phrase..self.phrases.len())
            .filter(|&p| self.phrases[p].level != u16::MAX)
            .map(|p| (self.phrases[p].start, Ev::Phrase(p)))
            .chain(
                (first_pred..self.predicates.len())
                    .filter(|&q| self.predicates[q].level != u16::MAX)
                    .map(|q| (self.predicates[q].start, Ev::Pred(q))),
            )
            .collect();
        evs.sort_by_key(|(s, _)| *s);
        // `현재는`, `올해는`: a time with the topic particle says when, not
        // what the sentence is about; it takes no subject's place.
        for p in first_phrase..self.phrases.len() {
            if self.phrases[p].case == Case::Topic
                && self.phrases[p].level != u16::MAX
                && self.phrases[p].group == p
                && self.is_time_phrase(p)
            {
                self.phrases[p].case = Case::Bare;
            }
        }
        // Pending phrases per level (groups by their first phrase).
        let mut pending: Vec<Vec<usize>> = Vec::new();
        // Per level: the subject of the last connective clause.
        let mut chain: Vec<Option<(usize, Case)>> = Vec::new();
        let mut awaiting_head: Vec<usize> = Vec::new();
        for (_, ev) in evs {
            match ev {
                Ev::Phrase(p) => {
                    let level = self.phrases[p].level as usize;
                    // An adnominal clause before it modifies it.
                    for q in awaiting_head.drain(..) {
                        if self.predicates[q].level as usize == level {
                            self.predicates[q].head = Some(p);
                            self.phrases[p].head_of = Some(q);
                            self.predicates[q].args.push(Argument {
                                phrase: p,
                                case: Case::Head,
                                inherited: false,
                            });
                        }
                    }
                    if pending.len() <= level {
                        pending.resize(level + 1, Vec::new());
                        chain.resize(level + 1, None);
                    }
                    // Deeper levels are over.
                    for l in level + 1..pending.len() {
                        pending[l].clear();
                        chain[l] = None;
                    }
                    let g = self.phrases[p].group;
                    if g == p {
                        pending[level].push(p);
                    }
                }
                Ev::Pred(q) => {
                    let level = self.predicates[q].level as usize;
                    if pending.len() <= level {
                        pending.resize(level + 1, Vec::new());
                        chain.resize(level + 1, None);
                    }
                    for l in level + 1..pending.len() {
                        pending[l].clear();
                        chain[l] = None;
                    }
                    awaiting_head.clear();
                    let ending = self.predicates[q].ending;
                    let mut has_subject = false;
                    // An adjective modifying a noun (`든든한 동반자`) takes at
                    // most the subject right before it.
                    // An adjective takes no object: one right before it
                    // (`지분을 인수한`, read `인수/NNG 한/XSA`) makes the word a
                    // verb.
                    if self.predicates[q].adjective
                        && self.predicates[q].noun.is_some()
                        && let Some(&g) = pending[level].last()
                        && self.phrases[g].case == Case::Object
                    {
                        self.predicates[q].adjective = false;
                    }
                    let adjectival = ending == Ending::Adnominal && self.predicates[q].adjective;
                    // An adnominal clause with an object that modifies a name
                    // (`네이버부동산을 서비스하는 포털사이트 네이버`) has the name
                    // as its subject: a subject before the object belongs to
                    // the clause around it.
                    let end = self.predicates[q].end;
                    let names_head = ending == Ending::Adnominal
                        && (0..self.phrases.len())
                            .find(|&h| {
                                self.phrases[h].level as usize == level
                                    && self.phrases[h].start >= end
                            })
                            .filter(|&h| {
                                // Right after the clause.
                                self.chars[end..self.phrases[h].start].iter().all(|c| {
                                    c.is_whitespace() || matches!(c, '\'' | '‘' | '’' | '"')
                                })
                            })
                            .is_some_and(|h| {
                                // The name, or a name before the noun that
                                // says what it is (`'P' 신제품을`).
                                self.phrases[h].words.clone().any(|w| {
                                    self.words[w].atom.is_some() && self.words[w].paren.is_none()
                                })
                            });
                    let mut has_object = false;
                    // `A는 B의 자회사가 됐다`: 되다's 이/가 phrase next to it is
                    // its complement; the subject or topic is before it.
                    let mut complement =
                        self.predicates[q].stem == "되" && !self.predicates[q].copula;
                    let mut complement_of: Option<usize> = None;
                    let mut quoted_from: Option<usize> = None;
                    // A nominalised clause inside single quotes (`‘국회의원
                    // 쪼개기 후원’ 사건`) is a name: it takes nothing from
                    // before the opening quote.
                    let quote_open = (ending == Ending::Nominal)
                        .then(|| self.open_quote_before(self.predicates[q].start))
                        .flatten();
                    // `X가 … Y에 있는 Z`: an existential clause with a named
                    // place has its head as subject; a subject before the
                    // place belongs to the clause around it.
                    let existential = ending == Ending::Adnominal
                        && matches!(self.predicates[q].stem.as_str(), "있" | "위치하");
                    let mut has_place = false;
                    while let Some(&g) = pending[level].last() {
                        if names_head && has_object && self.phrases[g].case == Case::Subject {
                            break;
                        }
                        if quote_open.is_some_and(|o| self.phrases[g].start < o) {
                            break;
                        }
                        if existential && has_place && self.phrases[g].case == Case::Subject {
                            break;
                        }
                        if matches!(self.phrases[g].case, Case::Dative | Case::Locative)
                            && self.phrases[g]
                                .words
                                .clone()
                                .any(|w| self.words[w].atom.is_some() && !self.is_time_word(w))
                        {
                            has_place = true;
                        }
                        if self.phrases[g].case == Case::Object {
                            has_object = true;
                        }
                        // A date between (`A가 2월 출시한 B`) is no
                        // reason to stop: the subject before it is the
                        // clause's (the dictionary reads some 하다-verbs'
                        // adnominal `한` as an adjective's).
                        let when = self.phrases[g].case == Case::Bare && self.is_time_phrase(g);
                        if adjectival
                            && !when
                            && (has_subject
                                || !matches!(
                                    self.phrases[g].case,
                                    Case::Subject
                                        | Case::Comitative
                                        | Case::Dative
                                        | Case::Locative
                                ))
                        {
                            break;
                        }
                        let case = self.phrases[g].case;
                        if matches!(case, Case::Topic | Case::Additive)
                            && (has_subject || ending == Ending::Adnominal)
                        {
                            break;
                        }
                        if case == Case::Subject && has_subject {
                            break;
                        }
                        pending[level].pop();
                        for m in self.group(g).collect::<Vec<_>>() {
                            if self.phrases[m].governor.is_none() {
                                self.phrases[m].governor = Some(q);
                            }
                            self.predicates[q].args.push(Argument {
                                phrase: m,
                                case,
                                inherited: false,
                            });
                        }
                        if complement && case == Case::Subject && !has_subject {
                            complement_of = Some(g);
                        } else if case.is_subject_like() || adjectival && !when {
                            has_subject = true;
                        }
                        complement = false;
                        // A quoted clause begins with its own subject (`A는 B를
                        // 상대로 C가 있다며 소송을 냈다`): what stands before
                        // it belongs to the verb that quotes it.
                        if ending == Ending::Quotative && case == Case::Subject {
                            quoted_from = Some(g);
                            break;
                        }
                    }
                    // A clause with no subject of its own shares the one of
                    // the connective clause before it; a relative clause only
                    // when it has nothing of its own, the connective verb
                    // right before it (`A가 공동 투자해 설립한 X`: A founded X).
                    let bare_relative = ending == Ending::Adnominal
                        && !adjectival
                        && self.predicates[q].args.is_empty();
                    if !has_subject
                        && (ending != Ending::Adnominal || bare_relative)
                        && let Some((s, case)) = chain[level]
                    {
                        for m in self.group(s).collect::<Vec<_>>() {
                            self.predicates[q].args.push(Argument {
                                phrase: m,
                                case,
                                inherited: true,
                            });
                        }
                        has_subject = true;
                    }
                    let subject = self.predicates[q]
                        .args
                        .iter()
                        .find(|a| {
                            a.case.is_subject_like()
                                && Some(self.phrases[a.phrase].group) != complement_of
                        })
                        .map(|a| (self.phrases[a.phrase].group, a.case));
                    let _ = has_subject;
                    match ending {
                        Ending::Final => {
                            // `A는 B 대표가 이끌고 있다`: a topic left
                            // before a clause with a subject and no object of
                            // its own is its object.
                            let p = &self.predicates[q];
                            if !p.copula
                                && !p.adjective
                                && complement_of.is_none()
                                && p.args
                                    .iter()
                                    .any(|a| a.case == Case::Subject && !a.inherited)
                                && !p.args.iter().any(|a| a.case == Case::Object)
                                && let Some(&g) = pending[level].last()
                                && self.phrases[g].case == Case::Topic
                            {
                                for m in self.group(g).collect::<Vec<_>>() {
                                    if self.phrases[m].governor.is_none() {
                                        self.phrases[m].governor = Some(q);
                                    }
                                    self.predicates[q].args.push(Argument {
                                        phrase: m,
                                        case: Case::Object,
                                        inherited: true,
                                    });
                                }
                            }
                            pending[level].clear();
                            chain[level] = None;
                        }
                        // A quoted clause's subject is not the quoting
                        // verb's when the verb has phrases of its own before
                        // the quotation.
                        Ending::Quotative
                            if quoted_from.is_some() && !pending[level].is_empty() => {}
                        Ending::Connective | Ending::Quotative => {
                            chain[level] = subject.or(chain[level]);
                        }
                        Ending::Nominal => {}
                        Ending::Adnominal => awaiting_head.push(q),
                    }
                }
            }
        }
    }
}

impl std::fmt::Display for Clauses {
    /// One line per predicate with its arguments, then the phrases that are
    /// no predicate's argument: `체결하 [noun 체결, quotative]: 한빛전자는
    /// /topic, 누리소프트와/comitative, 계약을/object`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for p in &self.predicates {
            let mut flags = vec![format!("{:?}", p.ending).to_lowercase()];
            if let Some(n) = &p.noun {
                flags.insert(0, format!("noun {n}"));
            }
            for (on, name) in [
                (p.copula, "copula"),
                (p.nominal, "nominal"),
                (p.negated, "negated"),
                (p.hypothetical, "hypothetical"),
            ] {
                if on {
                    flags.push(name.to_string());
                }
            }
            let args: Vec<String> = p
                .args
                .iter()
                .map(|a| {
                    let ph = &self.phrases[a.phrase];
                    let inh = if a.inherited { "*" } else { "" };
                    format!("{}/{}{inh}", self.text(ph.start, ph.end), a.case.as_str())
                })
                .collect();
            writeln!(f, "{} [{}]: {}", p.stem, flags.join(", "), args.join(", "))?;
        }
        for ph in &self.phrases {
            if ph.governor.is_none() && ph.level != u16::MAX && ph.head_of.is_none() {
                writeln!(f, "  {}/{}", self.text(ph.start, ph.end), ph.case.as_str())?;
            }
        }
        Ok(())
    }
}

/// The case a particle written `s` marks, for the common ones.
fn case_of_surface(s: &str) -> Option<Case> {
    Some(match s {
        "은" | "는" => Case::Topic,
        "이" | "가" => Case::Subject,
        "을" | "를" => Case::Object,
        "의" => Case::Genitive,
        "에" | "에게" => Case::Dative,
        "에서" => Case::Locative,
        "와" | "과" => Case::Comitative,
        "로" | "으로" => Case::Instrumental,
        "도" | "만" => Case::Additive,
        _ => return None,
    })
}

/// The case of a word's particles `range`.
fn particle_case(tokens: &[Token<'_>], tags: &[Tag], range: Range<usize>) -> Case {
    let mut case = Case::Bare;
    for k in range {
        let s = tokens[k].surface;
        let Part::Particle(p) = tags[k].first else {
            continue;
        };
        let c = match p {
            ParticleTag::Jks => Case::Subject,
            ParticleTag::Jkc => Case::Complement,
            ParticleTag::Jkg => Case::Genitive,
            ParticleTag::Jko => Case::Object,
            ParticleTag::Jkv => Case::Vocative,
            ParticleTag::Jkq => Case::Quotative,
            ParticleTag::Jc => {
                if matches!(s, "와" | "과" | "하고" | "랑" | "이랑" | "이나" | "나") {
                    Case::Comitative
                } else {
                    Case::Other
                }
            }
            ParticleTag::Jkb => match s {
                // Contracted with a topic particle in one token (`에선`,
                // `엔`, `에겐`: JKB+JX), the case particle decides.
                "에" | "에게" | "께" | "한테" | "더러" | "에게로" | "에다" | "에다가" | "엔"
                | "에겐" | "한텐" | "께선" => Case::Dative,
                "에서" | "서" | "에서부터" | "에선" | "에서부턴" => Case::Locative,
                "로" | "으로" | "로서" | "으로서" | "로써" | "으로써" => {
                    Case::Instrumental
                }
                "로부터" | "으로부터" | "에게서" | "한테서" | "에서부터서" => {
                    Case::Source
                }
                "와" | "과" | "하고" | "랑" | "이랑" => Case::Comitative,
                "처럼" | "보다" | "만큼" | "같이" | "대로" | "보다도" => {
                    Case::Comparative
                }
                _ => Case::Other,
            },
            ParticleTag::Jx => {
                if case != Case::Bare {
                    // `에서는`, `과도`: the case particle decides.
                    continue;
                }
                match s {
                    "은" | "는" | "ㄴ" => Case::Topic,
                    "도" | "만" | "조차" | "마저" | "이나마" => Case::Additive,
                    // `서울에서 대구까지`, `2월부터`: a range, not a subject.
                    "까지" | "부터" | "마다" => Case::Other,
                    _ => continue,
                }
            }
        };
        // A genitive after another particle makes the phrase qualify the
        // next noun (`이다인과의 결혼`, `서울에서의 회의`).
        if c == Case::Genitive {
            case = c;
            continue;
        }
        // The first case particle wins (`으로부터는` is a source); a topic
        // or additive after a case particle never replaces it.
        if case == Case::Bare || matches!(case, Case::Topic | Case::Additive) && c != case {
            case = c;
        }
    }
    case
}

/// Whether a verb token is an adjective (`VA`, `XSA`).
fn tag_is_adjective(analyzer: &Analyzer, t: &Token<'_>) -> bool {
    let pos = analyzer.pos(t.word);
    pos.starts_with("VA") || pos.starts_with("XSA")
}

/// The verb a noun ending in ㅂ stands for before `니다` (`엽` → `열`,
/// `갑` → `가`), with the rest of the noun before it: the syllable without
/// its ㅂ, or with ㄹ instead (ㄹ drops before `-ㅂ니다`), when the dictionary
/// reads it as a verb stem.
fn elided_verb(noun: &str, analyzer: &Analyzer) -> Option<(String, String)> {
    let last = noun.chars().last()?;
    let code = u32::from(last).checked_sub(0xAC00)?;
    const BIEUP: u32 = 17;
    const RIEUL: u32 = 8;
    if code >= 11172 || code % 28 != BIEUP {
        return None;
    }
    let rest: String = noun.chars().take(noun.chars().count() - 1).collect();
    let open = code - BIEUP;
    for fin in [0, RIEUL] {
        let stem = char::from_u32(0xAC00 + open + fin)?.to_string();
        let probe = format!("{stem}다");
        let toks = analyzer.analyze(&probe);
        if let Some(t) = toks.first()
            && t.surface == stem
            && analyzer.pos(t.word).starts_with("VV")
        {
            return Some((rest, stem));
        }
    }
    None
}

/// The stem of a verb token (`밝혔` → `밝히`): the first morpheme of its
/// expression when the dictionary gives one, else the surface.
fn verb_lemma(t: &Token<'_>, analyzer: &Analyzer) -> String {
    let mut f = analyzer.features(t.word);
    let kind = f.nth(4);
    if kind == Some("Inflect")
        && let Some(expr) = f.nth(2)
        && let Some(first) = expr.split('+').next()
        && let Some(stem) = first.split('/').next()
        && !stem.is_empty()
    {
        return stem.to_string();
    }
    t.surface.to_string()
}

#[cfg(test)]
mod tests {
    use std::sync::OnceLock;

    use super::*;

    fn analyzer() -> &'static Analyzer {
        static A: OnceLock<Analyzer> = OnceLock::new();
        A.get_or_init(|| Analyzer::new().expect("analyzer"))
    }

    /// Analyses a sentence with atoms marked as `[text]` (class 0) or
    /// `[P:text]` (class by letter).
    fn marked(s: &str) -> (String, Clauses) {
        let mut plain = String::new();
        let mut atoms = Vec::new();
        let mut n = 0;
        let mut it = s.chars().peekable();
        while let Some(c) = it.next() {
            if c == '[' {
                let mut class = 0u8;
                let mut look = it.clone();
                if let (Some(k), Some(':')) = (look.next(), look.next())
                    && k.is_ascii_uppercase()
                {
                    class = k as u8;
                    it = look;
                }
                let start = n;
                for d in it.by_ref() {
                    if d == ']' {
                        break;
                    }
                    plain.push(d);
                    n += 1;
                }
                atoms.push(Atom {
                    start,
                    end: n,
                    class,
                });
                continue;
            }
            plain.push(c);
            n += 1;
        }
        let tokens = analyzer().analyze(&plain);
        let c = Clauses::analyze(&plain, &tokens, analyzer(), &atoms);
        (plain, c)
    }

    /// `text/case` for each phrase.
    fn phrases(c: &Clauses) -> Vec<String> {
        c.phrases
            .iter()
            .filter(|p| p.level != u16::MAX)
            .map(|p| format!("{}/{}", c.text(p.start, p.end), p.case.as_str()))
            .collect()
    }

    /// The predicate whose stem is `stem`.
    fn pred<'c>(c: &'c Clauses, stem: &str) -> &'c Predicate {
        c.predicates
            .iter()
            .find(|p| p.stem == stem)
            .unwrap_or_else(|| panic!("no predicate {stem} in {:?}", c.predicates))
    }

    /// `phrase text/role` of a predicate's arguments, in text order.
    fn args(c: &Clauses, stem: &str) -> Vec<String> {
        let p = pred(c, stem);
        let mut v: Vec<(usize, String)> = p
            .args
            .iter()
            .map(|a| {
                let ph = &c.phrases[a.phrase];
                let inh = if a.inherited { "*" } else { "" };
                (
                    ph.start,
                    format!("{}/{}{inh}", c.text(ph.start, ph.end), a.case.as_str()),
                )
            })
            .collect();
        v.sort();
        v.into_iter().map(|(_, s)| s).collect()
    }

    #[test]
    fn case_roles_of_particles() {
        let (_, c) = marked(
            "[O:한빛전자]는 [O:새봄에너지]에 배터리를 공급하고, [O:누리소프트]와 함께 서울에서 [O:다온바이오]로부터 기술을 넘겨받았다.",
        );
        assert_eq!(
            phrases(&c),
            [
                "한빛전자는/topic",
                "새봄에너지에/dative",
                "배터리를/object",
                "누리소프트와/comitative",
                "서울에서/locative",
                "다온바이오로부터/source",
                "기술을/object",
            ]
        );
        let (_, c) = marked("[P:김하늘]이 [P:이도윤]의 동생이고 [P:박서준]도 왔다.");
        assert_eq!(phrases(&c)[0], "김하늘이/subject");
        assert_eq!(phrases(&c)[1], "이도윤의/genitive");
        assert_eq!(phrases(&c)[2], "박서준도/additive");
    }

    #[test]
    fn phrases_keep_apposition_genitives_and_parentheses() {
        let (_, c) = marked("[P:이수민] [O:가온텔레콤] 대표가 기자간담회에서 말했다.");
        assert_eq!(phrases(&c)[0], "이수민 가온텔레콤 대표가/subject");
        let (_, c) = marked("[O:가온텔레콤]의 클라우드 자회사인 [O:가온클라우드]는 성장했다.");
        assert_eq!(
            phrases(&c)[0],
            "가온텔레콤의 클라우드 자회사인 가온클라우드는/topic"
        );
        let (_, c) = marked("[O:누리정보](대표 [P:정해진])는 1일 신제품을 내놨다.");
        let p = &c.phrases[0];
        assert_eq!(c.text(p.start, p.end), "누리정보(대표 정해진)는");
        assert_eq!(p.case, Case::Topic);
        assert_eq!(c.content(p.head), "누리정보");
        let (_, c) = marked("[P:홍지원]/[O:해양수산부] 대변인");
        assert_eq!(phrases(&c), ["홍지원/해양수산부 대변인/bare"]);
    }

    #[test]
    fn coordination_shares_the_last_case() {
        let (_, c) = marked("[O:한빛전자]와 [O:누리소프트]는 업무협약을 맺었다.");
        assert_eq!(phrases(&c)[..2], ["한빛전자와/topic", "누리소프트는/topic"]);
        assert_eq!(c.phrases[1].group, 0);
        let (_, c) =
            marked("[O:다온]은 [O:한빛전자], [O:누리소프트], [L:부산시] 등에 부품을 공급한다.");
        // A place is not coordinated with organisations of another class.
        assert_eq!(phrases(&c)[1], "한빛전자/bare");
        let (_, c) =
            marked("[O:다온]은 [O:한빛전자], [O:누리소프트], [O:가람] 등에 부품을 공급한다.");
        assert_eq!(
            phrases(&c)[1..4],
            ["한빛전자/dative", "누리소프트/dative", "가람 등에/dative"]
        );
        assert_eq!(args(&c, "공급하").len(), 5);
        // `MS와 계약을`: the comitative of a noun that is no atom stays one.
        let (_, c) = marked("[O:한빛전자]는 [O:누리소프트]와 계약을 체결했다.");
        assert_eq!(phrases(&c)[1], "누리소프트와/comitative");
        let (_, c) = marked("[O:한빛전자]·[O:누리소프트]·[O:가람]이 공동 투자했다.");
        assert_eq!(c.phrases[2].group, 0);
        assert_eq!(c.phrases[0].case, Case::Subject);
    }

    #[test]
    fn names_joined_by_hyphens_are_a_list() {
        let (_, c) = marked("배우 [P:김하늘]-[P:이서준]-[P:박도윤] 등이 시사회에 참석했다.");
        let ps = phrases(&c);
        assert_eq!(
            ps[..3],
            [
                "배우 김하늘/subject",
                "이서준/subject",
                "박도윤 등이/subject"
            ]
        );
        assert_eq!(c.phrases[2].group, 0);
        // A hyphen inside one name, or between a name and a common noun,
        // lists nothing.
        let (_, c) = marked("[P:장-폴]은 [W:'바람-저 너머']에 출연했다.");
        assert_eq!(
            phrases(&c)[..2],
            ["장-폴은/topic", "'바람-저 너머'에/dative"]
        );
        let (_, c) = marked("[O:한빛전자]-누리 합작사가 문을 열었다.");
        assert_eq!(c.phrases[0].group, 0);
        assert_eq!(phrases(&c)[0], "한빛전자-누리 합작사가/subject");
        // Spaces around the hyphen: no list.
        let (_, c) = marked("[P:김하늘] - [P:이서준]이 만났다.");
        assert!(c.phrases.iter().enumerate().all(|(i, p)| p.group == i));
    }

    #[test]
    fn a_quote_glued_to_a_parenthesis_after_a_name_opens_it() {
        // The analyser reads `'(` as one symbol; the quote belongs to the
        // name, the parenthesis still opens after it.
        let (_, c) = marked("[P:한서진]은 드라마 [W:'푸른 계절'](극본 [P:오다인])에 출연한다.");
        let owner = c
            .words
            .iter()
            .position(|w| w.atom == Some(1))
            .expect("work word");
        let inner = c
            .words
            .iter()
            .position(|w| w.atom == Some(2))
            .expect("inner");
        assert_eq!(c.words[inner].paren, Some(owner));
        assert_eq!(
            c.text(c.words[owner].start, c.words[owner].end),
            "'푸른 계절'"
        );
    }

    #[test]
    fn light_verbs_stems_and_endings() {
        let (_, c) = marked("[O:한빛전자]는 [O:누리소프트]와 계약을 체결했다고 밝혔다.");
        let p = pred(&c, "체결하");
        assert_eq!(p.noun.as_deref(), Some("체결"));
        assert_eq!(p.ending, Ending::Quotative);
        assert_eq!(
            args(&c, "체결하"),
            [
                "한빛전자는/topic",
                "누리소프트와/comitative",
                "계약을/object"
            ]
        );
        assert_eq!(args(&c, "밝히"), ["한빛전자는/topic*"]);
        // The topic waits for the quoting verb when the quoted clause has
        // its own subject.
        let (_, c) = marked("[O:한빛전자]는 [O:누리소프트]가 [O:가람]을 인수했다고 밝혔다.");
        assert_eq!(
            args(&c, "인수하"),
            ["누리소프트가/subject", "가람을/object"]
        );
        assert_eq!(args(&c, "밝히"), ["한빛전자는/topic"]);
        let (_, c) = marked("[O:가람]이 인수됐다.");
        assert_eq!(pred(&c, "인수되").ending, Ending::Final);
    }

    #[test]
    fn connective_clauses_share_their_subject() {
        let (_, c) =
            marked("[O:한빛전자]는 이사회를 열고 [P:정해진] 부사장을 신임 대표로 선임했다.");
        assert_eq!(args(&c, "열"), ["한빛전자는/topic", "이사회를/object"]);
        assert_eq!(
            args(&c, "선임하"),
            [
                "한빛전자는/topic*",
                "정해진 부사장을/object",
                "신임 대표로/instrumental"
            ]
        );
    }

    #[test]
    fn a_bare_relative_clause_shares_the_connective_subject_before_it() {
        let (_, c) = marked(
            "[O:한빛전자]·[O:새봄테크]가 함께 출자해 세운 합작법인 [O:누리에너지]가 공장을 짓는다.",
        );
        assert_eq!(
            args(&c, "세우"),
            [
                "한빛전자/subject*",
                "새봄테크가/subject*",
                "합작법인 누리에너지가/head"
            ]
        );
        // A relative clause with a subject of its own keeps it.
        let (_, c) = marked("[O:한빛전자]는 공장을 짓고 [O:새봄테크]가 만든 장비를 들여왔다.");
        assert_eq!(args(&c, "만들"), ["새봄테크가/subject", "장비를/head"]);
    }

    #[test]
    fn a_noun_the_dictionary_lacks_is_no_clause() {
        // `보은성` read as `보/VV 은/ETM 성/NNG`: the topic stays the
        // sentence's.
        let (_, c) = marked("[O:한빛전자]는 보은성 인사 논란으로 물러난 대표 이후 공백을 겪었다.");
        assert!(!c.predicates.iter().any(|p| p.stem == "보"));
        assert!(args(&c, "겪").contains(&"한빛전자는/topic".to_string()));
    }

    #[test]
    fn a_verbal_noun_read_as_an_adjective_takes_its_object() {
        // `인수한` read `인수/NNG 한/XSA+ETM`: an adjective takes no object.
        let (_, c) = marked("[O:한빛전자]가 지분을 인수한 회사는 성장했다.");
        assert_eq!(
            args(&c, "인수하"),
            ["한빛전자가/subject", "지분을/object", "회사는/head"]
        );
    }

    #[test]
    fn not_only_is_no_topic() {
        let (_, c) = marked("[O:한빛전자]는 국내는 물론 [L:일본]에서도 매장을 운영한다.");
        assert_eq!(
            args(&c, "운영하"),
            [
                "한빛전자는/topic",
                "국내는/bare",
                "일본에서도/locative",
                "매장을/object"
            ]
        );
    }

    #[test]
    fn relative_clauses_take_their_head() {
        let (_, c) = marked("[P:정해진] 회장이 설립한 [O:해봄재단]은 [O:다온]을 인수했다.");
        assert_eq!(
            args(&c, "설립하"),
            ["정해진 회장이/subject", "해봄재단은/head"]
        );
        assert_eq!(pred(&c, "설립하").ending, Ending::Adnominal);
        assert_eq!(args(&c, "인수하"), ["해봄재단은/topic", "다온을/object"]);
        // A topic stays out of a relative clause.
        let (_, c) = marked("[O:다온]은 [P:정해진] 회장이 세운 회사다.");
        assert_eq!(
            args(&c, "세우"),
            ["정해진 회장이/subject", "회사다/head"].map(|s| s.to_string())[..1]
        );
    }

    #[test]
    fn a_date_does_not_end_an_adnominal_clause() {
        // The dictionary reads `출시한` after a date as an adjective's `한`.
        let (_, c) = marked("[O:한빛화장품]이 지난 2021년 3월 출시한 [D:누리크림]이 인기다.");
        let a = args(&c, "출시하");
        assert!(a.contains(&"한빛화장품이/subject".to_string()), "{a:?}");
        let (_, c) = marked("[O:한빛화장품]이 작년 출시한 [D:누리크림]이 인기다.");
        assert!(args(&c, "출시하").contains(&"한빛화장품이/subject".to_string()));
    }

    #[test]
    fn a_date_marked_as_an_atom_does_not_end_an_adnominal_clause() {
        let (_, c) = marked("[O:한빛화장품]이 [T:지난 2021년 3월] 출시한 [D:누리크림]이 인기다.");
        let a = args(&c, "출시하");
        assert!(a.contains(&"한빛화장품이/subject".to_string()), "{a:?}");
        let (_, c) = marked("[O:한빛화장품]이 [T:2021년 3월] 출시한 [D:누리크림]이 인기다.");
        assert!(args(&c, "출시하").contains(&"한빛화장품이/subject".to_string()));
    }

    #[test]
    fn a_purpose_clause_shares_its_subject_with_the_next_clause() {
        let (_, c) = marked(
            "[O:새봄모빌리티]가 도심 배송에 쓰기 위해 개발한 [D:달림이]가 시험 주행에 나선다.",
        );
        let a = args(&c, "개발하");
        assert!(a.contains(&"새봄모빌리티가/subject*".to_string()), "{a:?}");
        // Not into a passive clause.
        let (_, c) = marked("[O:새봄모빌리티]가 도심 배송에 쓰기 위해 선정된 [D:달림이]가 나선다.");
        let a = args(&c, "선정되");
        assert!(!a.iter().any(|x| x.contains("새봄모빌리티")), "{a:?}");
    }

    #[test]
    fn a_verbal_noun_before_jung_is_the_predicate() {
        let (_, c) = marked("[O:한빛반도체]는 메모리를 [O:누리전자]에 공급 중이다.");
        assert_eq!(
            args(&c, "공급하"),
            ["한빛반도체는/topic", "메모리를/object", "누리전자에/dative"]
        );
        assert_eq!(pred(&c, "공급하").ending, Ending::Final);
        let (_, c) = marked("[O:한빛화학]이 울산에서 가동 중인 설비를 늘린다.");
        assert_eq!(pred(&c, "가동하").ending, Ending::Adnominal);
        // A modifier before the noun stays a phrase of its own.
        let (_, c) = marked("[O:한빛반도체]는 [O:누리전자]와 차세대 공동개발 중이다.");
        assert!(c.predicates.iter().any(|p| p.stem == "공동개발하"));
        assert!(phrases(&c).contains(&"차세대/bare".to_string()));
    }

    #[test]
    fn the_complement_of_doeda_is_no_subject() {
        let (_, c) = marked("[O:누리로보틱스]는 [O:한빛전자]의 자회사가 됐다.");
        assert_eq!(
            args(&c, "되"),
            ["누리로보틱스는/topic", "한빛전자의 자회사가/subject"]
        );
        // A clause after it shares the subject, not the complement.
        let (_, c) = marked("[O:누리로보틱스]는 [O:한빛전자] 계열사가 되고 사명을 바꾼다.");
        assert_eq!(args(&c, "바꾸"), ["누리로보틱스는/topic*", "사명을/object"]);
    }

    #[test]
    fn a_phrase_after_a_folded_connective_noun_stays() {
        let (_, c) = marked("[O:누리맵]은 협력을 시작한 이후 [E:한빛쇼 2025]에서 전시를 열었다.");
        assert_eq!(
            args(&c, "열"),
            [
                "누리맵은/topic*",
                "한빛쇼 2025에서/locative",
                "전시를/object"
            ]
        );
    }

    #[test]
    fn a_topic_left_before_a_subject_is_the_object() {
        let (_, c) = marked("[O:누리로봇]은 [P:정해진] 대표가 이끌고 있다.");
        assert_eq!(
            args(&c, "이끌"),
            ["누리로봇은/object*", "정해진 대표가/subject"]
        );
        // Not when the clause has an object of its own.
        let (_, c) = marked("[O:누리로봇]은 [P:정해진] 대표가 회사를 맡는다.");
        assert_eq!(args(&c, "맡"), ["정해진 대표가/subject", "회사를/object"]);
    }

    #[test]
    fn an_existential_clause_with_its_place_leaves_the_subject_before() {
        let (_, c) = marked(
            "[O:한빛청]은 두 장관이 내일 [L:부산]에 있는 [L:새봄기념관]을 찾을 예정이라고 밝혔다.",
        );
        // The subject is only shared with it (`*`), not its own.
        assert!(!args(&c, "있").contains(&"두 장관이/subject".to_string()));
        assert!(args(&c, "찾").contains(&"두 장관이/subject".to_string()));
        // Without a place, the subject is the clause's own.
        let (_, c) = marked("직원이 많이 있는 회사를 골랐다.");
        assert!(args(&c, "있").contains(&"직원이/subject".to_string()));
    }

    #[test]
    fn a_nominalised_clause_in_quotes_takes_nothing_before_them() {
        let (_, c) = marked(
            "[P:김하늘] 전 회장도 ‘예산 나누기 관행’ 사건과 관련 횡령 혐의로 경찰 조사를 받았다.",
        );
        assert!(
            args(&c, "받").contains(&"김하늘 전 회장도/additive".to_string()),
            "{:?}",
            args(&c, "받")
        );
    }

    #[test]
    fn a_relative_clause_without_subject_shares_the_clause_subject() {
        let (_, c) = marked("[O:한빛물류]는 최근 발표한 배송 브랜드 '[D:누리]'를 알렸다.");
        assert_eq!(
            args(&c, "발표하"),
            [
                "한빛물류는/topic*",
                "최근/bare",
                "배송 브랜드 '누리'를/head"
            ]
        );
        // Not a passive one.
        let (_, c) = marked("[O:한빛물류]는 [O:누리]에 인수된 회사를 팔았다.");
        assert_eq!(args(&c, "인수되"), ["누리에/dative", "회사를/head"]);
    }

    #[test]
    fn a_list_before_a_subject_is_the_subject() {
        let (_, c) = marked("[P:김하늘], [P:이바다]가 [W:달빛식당]에 출연했다.");
        assert_eq!(
            args(&c, "출연하"),
            ["김하늘/subject", "이바다가/subject", "달빛식당에/dative"]
        );
        // A headline's first name before a comitative is still its subject.
        let (_, c) = marked("[O:누리핏], [O:한빛전자]와 맞손");
        assert_eq!(phrases(&c)[0], "누리핏/subject");
    }

    #[test]
    fn auxiliaries_and_modal_nouns_fold_in() {
        let (_, c) = marked("[O:한빛전자]는 [O:누리소프트]와 협력하고 있다.");
        assert_eq!(c.predicates.len(), 1);
        assert_eq!(
            args(&c, "협력하"),
            ["한빛전자는/topic", "누리소프트와/comitative"]
        );
        let (_, c) = marked("[O:한빛전자]는 [O:누리소프트]에 투자하지 않았다.");
        assert!(pred(&c, "투자하").negated);
        let (_, c) = marked("[O:한빛전자]가 [O:누리소프트]를 인수할 가능성이 크다.");
        let p = pred(&c, "인수하");
        assert!(p.hypothetical && p.ending == Ending::Final);
        assert_eq!(
            args(&c, "인수하"),
            ["한빛전자가/subject", "누리소프트를/object"]
        );
        let (_, c) = marked("[O:한빛전자]는 [O:누리소프트]를 인수할 예정이다.");
        assert_eq!(pred(&c, "인수하").ending, Ending::Final);
        assert_eq!(c.predicates.len(), 1);
    }

    #[test]
    fn a_quoted_reason_begins_with_its_subject() {
        let (_, c) =
            marked("[O:한빛협회]에서도 [O:누리중개]를 상대로 법 위반 혐의가 있다며 소송을 냈다.");
        assert_eq!(args(&c, "있"), ["법 위반 혐의가/subject"]);
        let a = args(&c, "내");
        assert!(a.contains(&"누리중개를/dative".to_string()), "{a:?}");
        assert!(a.contains(&"한빛협회에서도/locative".to_string()), "{a:?}");
        // A topic before the quotation was the quoting verb's already.
        let (_, c) = marked("[P:정해진] 대표는 회사가 어렵다며 사임했다.");
        assert_eq!(args(&c, "사임하"), ["정해진 대표는/topic"]);
    }

    #[test]
    fn a_time_with_the_topic_particle_is_no_topic() {
        let (_, c) = marked(
            "한편 [P:정해진]은 2014년 데뷔했으며 현재는 배우로 전향, 최근 드라마 '[W:푸른 계절]'에 출연했다.",
        );
        let a = args(&c, "출연하");
        assert!(a.contains(&"한편 정해진은/topic*".to_string()), "{a:?}");
    }

    #[test]
    fn a_list_goes_on_through_an_unknown_last_name() {
        let (_, c) = marked("이날 방송에는 [P:한서진], [P:정해진], [P:김누리], 소라가 출연했다.");
        let a = args(&c, "출연하");
        for name in [
            "한서진/subject",
            "정해진/subject",
            "김누리/subject",
            "소라가/subject",
        ] {
            assert!(a.contains(&name.to_string()), "{a:?}");
        }
    }

    #[test]
    fn quotations_are_their_own_level() {
        let (_, c) = marked("[P:정해진] 대표는 “[O:누리소프트]와 협력을 넓히겠다”고 말했다.");
        assert_eq!(
            args(&c, "넓히"),
            ["누리소프트와/comitative", "협력을/object"]
        );
        assert_eq!(args(&c, "말하"), ["정해진 대표는/topic"]);
    }

    /// Every copy of a predicate's arguments, as `args` writes them.
    fn all_args(c: &Clauses, stem: &str) -> Vec<Vec<String>> {
        c.predicates
            .iter()
            .filter(|p| p.stem == stem)
            .map(|p| {
                let mut v: Vec<(usize, String)> = p
                    .args
                    .iter()
                    .map(|a| {
                        let ph = &c.phrases[a.phrase];
                        (
                            ph.start,
                            format!("{}/{}", c.text(ph.start, ph.end), a.case.as_str()),
                        )
                    })
                    .collect();
                v.sort();
                v.into_iter().map(|(_, s)| s).collect()
            })
            .collect()
    }

    #[test]
    fn parallel_topics_pair_in_order() {
        let (_, c) = marked(
            "간편결제 시장에서 [O:다온]은 '[O:다온페이]', [O:가람]은 '[O:가람페이]'를 각각 운영하고 있다.",
        );
        let got = all_args(&c, "운영하");
        assert!(
            got.contains(&vec![
                "다온은/topic".to_string(),
                "다온페이/object".to_string()
            ]),
            "{got:?}"
        );
        assert!(
            got.iter().any(|a| a.contains(&"가람은/topic".to_string())
                && a.iter()
                    .any(|s| s.starts_with("가람페이") && s.ends_with("/object"))),
            "{got:?}"
        );
        assert!(
            !got.iter()
                .any(|a| a.len() > 2 && a.iter().any(|s| s.starts_with("다온페이"))),
            "{got:?}"
        );
        // Without 각각, and with three pairs.
        let (_, c) = marked(
            "[O:한빛전자]는 '[O:누리홈]', [O:가람]은 '[O:가람링크]', [O:다온]은 '[O:다온캐스트]'를 서비스한다.",
        );
        let got = all_args(&c, "서비스하");
        assert_eq!(got.len(), 3, "{got:?}");
        for (t, x) in [
            ("한빛전자는", "누리홈"),
            ("가람은", "가람링크"),
            ("다온은", "다온캐스트"),
        ] {
            assert!(
                got.iter().any(|a| a.len() == 2
                    && a.iter().any(|s| s == &format!("{t}/topic"))
                    && a.iter().any(|s| s.starts_with(x) && s.ends_with("/object"))),
                "{t} {x}: {got:?}"
            );
        }
        // A plain list after one topic stays a list.
        let (_, c) = marked("[O:한빛전자]는 [O:누리홈], [O:가람링크]를 운영한다.");
        assert_eq!(all_args(&c, "운영하").len(), 1);
    }

    #[test]
    fn headlines() {
        let (_, c) = marked("[O:한빛전자], 美[L:텍사스]에 공장 세운다…해외 최대 규모");
        assert_eq!(
            args(&c, "세우"),
            ["한빛전자/subject", "美텍사스에/dative", "공장/bare"]
        );
        let (_, c) = marked("[O:다온그룹], [O:가람아연] 지분 5% 인수…공급망 협업");
        let p = pred(&c, "인수");
        assert!(p.nominal);
        assert_eq!(
            args(&c, "인수"),
            ["다온그룹/subject", "가람아연 지분 5%/object"]
        );
        let (_, c) = marked("[O:누리핏], [O:한빛전자]와 맞손…홈 피트니스 강화");
        assert_eq!(
            args(&c, "맞손"),
            ["누리핏/subject", "한빛전자와/comitative"]
        );
    }

    #[test]
    fn transparent_heads_and_atoms() {
        let (_, c) = marked("[O:LG CNS]는 [O:가람] 측과 만났다.");
        assert_eq!(phrases(&c)[0], "LG CNS는/topic");
        let h = c.head_word(1);
        assert_eq!(c.content(h), "가람");
        let (_, c) = marked("[O:다온]은 [O:가람]·[O:누리] 등 국내 업체와 협력했다.");
        assert_eq!(c.content(c.head_word(2)), "누리");
        assert_eq!(c.phrases[2].group, 1);
        assert_eq!(phrases(&c)[1], "가람/comitative");
        // A counted quantity the caller marked is no name of the list.
        let (_, c) = marked("[O:다온]은 [L:미국], [L:중국] 등 [Q:14개] 나라에 진출했다.");
        assert_eq!(c.content(c.head_word(2)), "중국");
        assert_eq!(c.phrases[2].group, 1);
        // Also when the quantity is the phrase's head (`30여 개국에`).
        for s in [
            "[O:한솔테크]는 [L:베트남], [L:인도] 등 [Q:40여 개국]에 부품을 판다.",
            "[O:한솔테크]는 [L:베트남], [L:인도] 등 [Q:40개국]에 부품을 판다.",
        ] {
            let (_, c) = marked(s);
            assert_eq!(c.content(c.head_word(2)), "인도", "{s}");
            assert_eq!(c.phrases[2].group, 1, "{s}");
        }
    }

    #[test]
    fn never_panics() {
        for s in [
            "",
            " ",
            "(",
            ")는",
            "“",
            "”라고",
            "…",
            "다.",
            "[가]",
            "((([가나]))) 는 ) ( 다",
            "A, B, C 등",
            "\"\"\"",
        ] {
            let _ = marked(s);
        }
    }
}
