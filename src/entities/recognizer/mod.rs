//! Token → mention rules: which runs of morphemes name an entity, and of
//! what type.
//!
//! Takes the analyser's tokens of one text (with the gazetteer's names in
//! its user dictionary), gives non-overlapping [`Mention`]s. Because the
//! rules work on morphemes, particles and endings never stick to a name
//! (`KT클라우드는` → `KT클라우드`, `김영섭호` → `김영섭`).
//!
//! Passes, each claiming the tokens it uses so later ones cannot overlap:
//!
//! 1. gazetteer names (longest match over up to six tokens), and product
//!    names that extend a gazetteer product (`‘애저 MCFS(금융 클라우드)’` →
//!    `애저 MCFS`);
//! 2. numbers with units and time words → MONEY, DATE, TIME, QUANTITY
//!    (`1억2000만달러`, `지난해 8월`, `오후 3시`, `3명`, `10%`), in
//!    [`numbers`];
//! 3. people, in [`people`]: the dictionary's 인명 class, surname + given
//!    name before a title or an age (`권하영 기자`, `백남기(69)씨`), a bare
//!    surname before a title (`김 대표`, a short form), an initial before
//!    `씨` (`A씨`), foreign names of several words;
//! 4. places: the dictionary's 지명 class with administrative suffixes;
//! 5. organisations and landmarks: names ending in an organisation suffix
//!    (`전자`, `위원회`, `경찰서`…) or a landmark suffix (`호텔`, `공항`)
//!    that the site pass of [`places`] (`data/places/words.tsv`, run
//!    before) left,
//!    Latin acronyms that are not generic (`MBC`, not `CEO`), institutions
//!    (`경찰`, `정부`, flagged generic);
//! 6. joining: foreign given + family names, places from large to small
//!    (`중국 베이징`), a place before an institution (`일본 정부`), an
//!    organisation before its division (`수원지검 강력부`).
//!
//! Other proper nouns (mecab-ko-dic's NNP without a person or place class)
//! are deliberately not made organisations: on KLUE-NER that rule cost more
//! precision than it added recall, and most of them are titles of shows,
//! products or loanwords (`런닝맨`, `콘퍼런스`).

mod abbrev;
mod context;
mod document;
mod events;
mod numbers;
mod people;
mod places;
mod shortforms;
mod teams;
mod terms;
mod words;

use std::collections::HashSet;

use super::date::{self, Date};
use super::gazetteer::{Gazetteer, push_key};
use super::lexicon::*;
use super::money;
use super::places::{PLACE_RULE, Places, SITE_RULE};
use super::romanize::{is_hangul_syllable, surname};
use super::vocab::Vocabulary;
use super::{EntityType, Mention, Value, generated_id};
use crate::FastHash;
use crate::text::analyzer::Tag;
use crate::text::{Analyzer, Token, Word};

/// A token with the facts the rules need. The passes ask the same questions
/// about a token many times (is it a noun, how many characters, all Hangul,
/// does a word start here), so the answers are computed once, when the token
/// is built.
struct Tok<'t> {
    s: &'t str,
    pos: &'t str,
    sem: &'t str,
    /// Whitespace between the previous token and this one.
    sp: bool,
    start: usize,
    end: usize,
    bs: usize,
    be: usize,
    unknown: bool,
    /// A noun-like POS (see [`Tok::noun`]).
    noun: bool,
    /// Whether a written word starts here (see [`Recognizer::word_start`]).
    word_start: bool,
    /// `s.chars().count()`.
    chars: usize,
    /// Every character of `s` is a Hangul syllable.
    hangul: bool,
}

impl Tok<'_> {
    fn noun(&self) -> bool {
        self.noun
    }
    fn proper(&self) -> bool {
        self.pos == "NNP"
    }
    fn latin(&self) -> bool {
        self.pos == "SL"
    }
    fn number(&self) -> bool {
        self.pos == "SN"
    }
}

/// Whether a POS tag is noun-like: nouns, numerals, pronouns, foreign words,
/// Chinese characters, digits and noun affixes.
fn noun_pos(pos: &str) -> bool {
    matches!(
        pos,
        "NNG" | "NNP" | "NNB" | "NNBC" | "NR" | "NP" | "SL" | "SH" | "SN" | "XSN" | "XPN"
    )
}

/// Whether a token with this POS ends a word even without a space after it
/// (punctuation and symbols).
fn punctuation_pos(pos: &str) -> bool {
    matches!(
        pos,
        "SF" | "SP" | "SS" | "SSO" | "SSC" | "SC" | "SE" | "SO" | "SY"
    )
}

/// Characters in `stem[..head]`.
fn head_chars(stem: &str, head: usize) -> usize {
    stem[..head].chars().count()
}

/// How a name showed its type (see [`Recognizer::org_kind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// A generic institution noun (`경찰`).
    Institution,
    /// A Latin name (`MBC`).
    Latin,
    /// An ending of this many syllables.
    Ending(usize),
}

/// The data the rules read: curated names and word lists.
#[derive(Clone, Copy)]
pub struct Lists<'a> {
    /// Curated names.
    pub gazetteer: &'a Gazetteer,
    /// Descriptors, endings, abbreviations and other word lists.
    pub vocabulary: &'a Vocabulary,
    /// Places from the place data (official divisions, countries, cities).
    pub places: &'a Places,
}

struct Recognizer<'a, 't> {
    analyzer: &'t Analyzer,
    text: &'t str,
    toks: Vec<Tok<'t>>,
    claimed: Vec<bool>,
    gazetteer: &'a Gazetteer,
    vocab: &'a Vocabulary,
    places: &'a Places,
    published: Option<Date>,
    out: Vec<Mention>,
    /// During the person pass: `person_end[b]` is true when a PERSON
    /// mention in `out` ends at byte `b`.
    person_end: Vec<bool>,
    /// Latin acronyms the text defines as common terms (`가상사설망(VPN)`):
    /// words, never organisations, anywhere in the text.
    terms: HashSet<String, FastHash>,
}

/// Finds the mentions in `text`, given its tokens.
pub fn recognize<'t>(
    analyzer: &'t Analyzer,
    lists: &Lists<'_>,
    text: &'t str,
    tokens: &[Token<'t>],
    published: Option<Date>,
) -> Vec<Mention> {
    let mut toks: Vec<Tok<'t>> = Vec::with_capacity(tokens.len());
    let mut prev_end = 0;
    for t in tokens {
        let Tag { pos, semantic: sem } = analyzer.tag(t.word);
        let sp = t.byte_start > prev_end || toks.is_empty();
        let word_start = sp || toks.last().is_none_or(|p| punctuation_pos(p.pos));
        toks.push(Tok {
            s: t.surface,
            pos,
            sem,
            sp,
            start: t.start,
            end: t.end,
            bs: t.byte_start,
            be: t.byte_end,
            unknown: matches!(t.word, Word::Unknown(_)),
            noun: noun_pos(pos),
            word_start,
            chars: t.surface.chars().count(),
            hangul: t.surface.chars().all(is_hangul_syllable),
        });
        prev_end = t.byte_end;
    }
    let n = toks.len();
    let mut r = Recognizer {
        analyzer,
        text,
        toks,
        claimed: vec![false; n],
        gazetteer: lists.gazetteer,
        vocab: lists.vocabulary,
        places: lists.places,
        published,
        out: Vec::new(),
        person_end: Vec::new(),
        terms: HashSet::default(),
    };
    r.defined_terms();
    r.gazetteer_pass();
    r.country_bodies();
    // Before the place data claims `美` or `미` as the country itself.
    r.country_prefixed_bodies();
    r.extend_products();
    r.place_data_pass();
    r.edition_events();
    r.number_pass();
    r.site_pass();
    r.org_pass(true);
    r.country_bodies();
    r.context_pass();
    r.person_pass();
    r.person_before_descriptor();
    r.foreign_names_before_titles();
    r.ambiguous_surnames();
    r.administrations();
    r.affiliation_in_parentheses();
    r.place_pass();
    r.org_pass(false);
    r.venue_pass();
    r.team_names();
    r.country_bodies();
    r.country_prefixed_bodies();
    r.abbreviation_pass();
    r.short_forms();
    r.arms_of_companies();
    r.committee_short_forms();
    r.named_occasions();
    r.event_phrases();
    r.event_words();
    r.coordination_pass();
    r.propagation_pass();
    r.out.sort_by_key(|m| m.start);
    r.org_words();
    r.extend_subunits();
    merge_adjacent(text, r.vocab, &mut r.out);
    r.out
}

/// Joins mentions that are one name written in several words: a foreign
/// person's given and family names (`프랑크 베옌스`), or places from large to
/// small (`중국 베이징`, `서울 강남`).
fn merge_adjacent(text: &str, vocab: &Vocabulary, out: &mut Vec<Mention>) {
    let mut merged: Vec<Mention> = Vec::with_capacity(out.len());
    for m in out.drain(..) {
        if let Some(prev) = merged.last_mut() {
            let gap = &text[prev.byte_end..m.byte_start];
            // `슈퍼주니어 규현`: a Sino-Korean given name of two syllables
            // after a coined name of four or more is a member after their
            // group, not a foreign name in two words: the group is an
            // organisation.
            if gap == " " && group_and_member(vocab, prev, &m) {
                prev.kind = EntityType::Org;
                prev.id = generated_id(EntityType::Org, &prev.text);
                prev.rule = "group";
                merged.push(m);
                continue;
            }
            // Two Korean names side by side are two people (`김구라 김동현`);
            // otherwise neighbouring name words are one foreign name
            // (`제이미 라이트`, `오기미 유키`).
            let name_part = |x: &Mention| {
                matches!(x.rule, "dictionary" | "joined")
                    && matches!(x.kind, EntityType::Person | EntityType::Org)
            };
            let foreign_person = (prev.kind == EntityType::Person || m.kind == EntityType::Person)
                && name_part(prev)
                && name_part(&m)
                && !(korean_name(vocab, &prev.text) && korean_name(vocab, &m.text))
                && !(prev.kind == EntityType::Org && korean_name(vocab, &m.text))
                && !(m.kind == EntityType::Org && korean_name(vocab, &prev.text));
            // `일본 정부`, `부산 기장경찰서`: a place qualifying an institution.
            // One place word only: `서울 서초동 서울중앙지방법원` is where the
            // court is, not its name.
            // A coined name with a company's ending (`알리바바그룹`) is whole
            // on its own: a place before it says where the company is from.
            let coined_company = m.rule == "suffix"
                && vocab
                    .ending(&m.text)
                    .is_some_and(|(e, at)| e.proper && vocab.is_loanword(&m.text[..at]));
            let place_org = prev.kind == EntityType::Location
                && m.kind == EntityType::Org
                && !coined_company
                && (matches!(m.rule, "institution" | "suffix")
                    || (m.rule == "gazetteer"
                        && vocab.is_government_body(&m.text)
                        && !vocab.is_home_country(&prev.text)))
                && !m.text.is_ascii()
                && !prev.text.contains(' ');
            // Two places from the data stay apart unless one contains the
            // other, which the place pass has joined already; a place the
            // data lacks contains none of its places (`이하 한국시각`).
            let places_apart = (m.rule == PLACE_RULE
                && matches!(prev.rule, PLACE_RULE | "dictionary"))
                || prev.rule == SITE_RULE
                || m.rule == SITE_RULE;
            // `케빈-프린스 보아텡`: a hyphened given name.
            let hyphened = gap == "-"
                && foreign_person
                && !korean_name(vocab, &prev.text)
                && !korean_name(vocab, &m.text);
            let joinable = (gap == " " || hyphened)
                && !places_apart
                && !prev.short_form
                && !m.short_form
                && (foreign_person
                    || place_org
                    || (prev.kind == EntityType::Location && m.kind == EntityType::Location));
            if joinable {
                prev.byte_end = m.byte_end;
                prev.end = m.end;
                prev.text = text[prev.byte_start..prev.byte_end].to_string();
                if foreign_person {
                    prev.kind = EntityType::Person;
                }
                if place_org {
                    prev.kind = EntityType::Org;
                    prev.generic = false;
                }
                if !prev.rule.starts_with("gazetteer")
                    || prev.kind != EntityType::Location
                    || m.rule != "gazetteer"
                {
                    prev.id = generated_id(prev.kind, &prev.text);
                } else {
                    // `중국 베이징` is Beijing: the smaller place names it.
                    prev.id = m.id;
                }
                prev.rule = "joined";
                continue;
            }
        }
        merged.push(m);
    }
    *out = merged;
}

/// Whether `prev` and `m`, side by side, are a group (or company) the
/// dictionary took for a person and a member's given name (`슈퍼주니어
/// 규현`): a loanword of four syllables or more, then two Sino-Korean
/// syllables, both the dictionary's person names. (A given name of three,
/// `키이스 어번`, is a foreign name in two words.)
fn group_and_member(vocab: &Vocabulary, prev: &Mention, m: &Mention) -> bool {
    prev.kind == EntityType::Person
        && m.kind == EntityType::Person
        && prev.rule == "dictionary"
        && m.rule == "dictionary"
        && !prev.short_form
        && !m.short_form
        && group_member_names(vocab, &prev.text, &m.text)
}

/// The names' side of [`group_and_member`].
fn group_member_names(vocab: &Vocabulary, group: &str, member: &str) -> bool {
    let hangul = |s: &str| s.chars().all(is_hangul_syllable);
    hangul(group)
        && group.chars().count() >= 4
        && vocab.is_loanword(group)
        && hangul(member)
        && member.chars().count() == 2
        && !vocab.is_loanword(member)
}

/// Whether `s` looks like a Korean personal name: three syllables starting
/// with a surname, and no syllable foreign to Sino-Korean (`라이트` in
/// `제이미 라이트` is not one; given names are mostly Sino-Korean).
fn korean_name(vocab: &Vocabulary, s: &str) -> bool {
    // Two-syllable Korean names exist but are rare; two-syllable parts of
    // foreign names that start like a surname (`지나 데이비스`) are not.
    s.chars().count() == 3
        && s.chars().all(is_hangul_syllable)
        && surname(first_char(s)).is_some()
        && !vocab.is_loanword(s)
}

impl<'t> Recognizer<'_, 't> {
    fn free(&self, i: usize, j: usize) -> bool {
        j <= self.toks.len() && i < j && !self.claimed[i..j].iter().any(|&c| c)
    }

    fn slice(&self, i: usize, j: usize) -> &'t str {
        &self.text[self.toks[i].bs..self.toks[j - 1].be]
    }

    /// Surface of token `i`, or "" past the end.
    fn s(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.s)
    }

    /// Whether token `i` starts a word (whitespace or punctuation before it).
    fn word_start(&self, i: usize) -> bool {
        self.toks[i].word_start
    }

    fn push(
        &mut self,
        i: usize,
        j: usize,
        kind: EntityType,
        id: Option<String>,
        rule: &'static str,
    ) {
        let text = self.slice(i, j).to_string();
        let value = match kind {
            EntityType::Money => money::parse_money(&text).map(Value::Money),
            EntityType::Date => {
                date::resolve(&text, self.published).map(|d| Value::Date { date: d })
            }
            _ => None,
        };
        let id = id.unwrap_or_else(|| match &value {
            Some(Value::Money(m)) => format!("money:{}:{}", m.amount, m.currency),
            Some(Value::Date { date }) => format!("date:{date}"),
            None => generated_id(kind, &text),
        });
        for c in &mut self.claimed[i..j] {
            *c = true;
        }
        self.out.push(Mention {
            start: self.toks[i].start,
            end: self.toks[j - 1].end,
            byte_start: self.toks[i].bs,
            byte_end: self.toks[j - 1].be,
            text,
            kind,
            id,
            value,
            rule,
            short_form: false,
            generic: false,
        });
    }

    fn gazetteer_pass(&mut self) {
        let n = self.toks.len();
        // The key being matched, reused from token to token.
        let mut key = String::new();
        let mut i = 0;
        while i < n {
            let mut found = None;
            // Any token may start a name the analyser split oddly (`한수원` →
            // 한/VV+ETM 수원): the key has to match in full anyway.
            if !self.toks[i].pos.starts_with('J') && !self.toks[i].pos.starts_with('E') {
                // Longest gazetteer key over tokens i..j, built one token at
                // a time and abandoned as soon as no key starts with it.
                key.clear();
                let mut best = None;
                for j in i + 1..=(i + 6).min(n) {
                    let t = &self.toks[j - 1];
                    // A name crosses a space only where one of its forms has
                    // one (`애저 오픈AI`), or between Latin words (`LG CNS`):
                    // `이 마트에서` is "this mart", not 이마트.
                    if j - 1 > i
                        && t.sp
                        && !self.gazetteer.space_after(&key)
                        && !(t.latin() && self.toks[j - 2].latin())
                    {
                        break;
                    }
                    if t.hangul {
                        // Hangul has no case and no spaces: the key is the text.
                        key.push_str(t.s);
                    } else {
                        push_key(&mut key, t.s);
                    }
                    if !self.gazetteer.is_key_prefix(&key) {
                        break;
                    }
                    if (t.noun() || t.pos == "SY")
                        && let Some(e) = self.gazetteer.lookup_key(&key)
                    {
                        best = Some((j, e));
                    }
                }
                if let Some((j, e)) = best {
                    // A name glued to more of a name is a different name
                    // (`삼성` in `삼성바이오에피스`).
                    let glued_right = self.toks.get(j).is_some_and(|t| {
                        !t.sp
                            && (t.proper()
                                || t.latin()
                                || t.number()
                                || matches!(t.s, "&" | "-")
                                || (t.pos == "XSN" && matches!(t.s, "형" | "식"))
                                || (t.pos == "NNG" && self.vocab.is_ending(t.s)))
                    });
                    // `LG생활건강`, `CJ대한통운`: a Latin name glued to a Hangul
                    // noun is another company's name.
                    let glued_right = glued_right
                        || (self.toks[j - 1].latin()
                            && self.toks.get(j).is_some_and(|t| {
                                // A particle with a noun glued after it is a
                                // piece of the name (`SK에너지` → SK/에/너지).
                                let inner_particle = t.pos.starts_with('J')
                                    && self
                                        .toks
                                        .get(j + 1)
                                        .is_some_and(|u| !u.sp && u.hangul && u.noun());
                                !t.sp
                                    && t.hangul
                                    && (inner_particle
                                        || !t.pos.starts_with('J')
                                            && !t.pos.starts_with('E')
                                            && !t.pos.starts_with("VCP")
                                            && !t.pos.starts_with("XS"))
                            }));
                    // `서울중앙지법` is a court, not Seoul.
                    let glued_right = glued_right
                        || (e.kind == EntityType::Location
                            && self.toks.get(j).is_some_and(|t| !t.sp && t.pos == "NNG"));
                    let glued_left = i > 0
                        && !self.toks[i].sp
                        && (self.toks[i - 1].proper() || self.toks[i - 1].latin());
                    // `상하이시`, `경기도`: a place with its administrative suffix.
                    let place_suffix = e.kind == EntityType::Location
                        && self.toks.get(j).is_some_and(|t| {
                            !t.sp && is_in(&PLACE_SUFFIXES_SET, &t.s) && t.pos.starts_with('N')
                        })
                        && self
                            .toks
                            .get(j + 1)
                            .is_none_or(|t| !t.pos.starts_with("NN") || t.sp);
                    let compound = if e.kind == EntityType::Org && !glued_left {
                        self.company_compound(i, j)
                    } else {
                        None
                    };
                    if let Some((last, kind)) = compound {
                        self.push(i, last, kind, None, "company-compound");
                        i = last;
                        continue;
                    }
                    if place_suffix && !glued_left {
                        found = Some((j + 1, e.kind, e.id.clone()));
                    } else if !glued_right && !glued_left {
                        found = Some((j, e.kind, e.id.clone()));
                    }
                }
            }
            if let Some((j, kind, id)) = found {
                self.push(i, j, kind, Some(id), "gazetteer");
                i = j;
            } else {
                i += 1;
            }
        }
    }

    /// `HD현대오일뱅크`, `SK플래닛`: a known company's name (tokens `i..j`)
    /// with a loanword or Latin word glued after it names something of
    /// its own, most often an affiliate: an organisation unless the whole
    /// ends like an event or product. Returns the end token and type.
    fn company_compound(&self, i: usize, j: usize) -> Option<(usize, EntityType)> {
        let n = self.toks.len();
        let mut e = j;
        while e < n && !self.toks[e].sp && !punctuation_pos(self.toks[e].pos) {
            e += 1;
        }
        while e > j && {
            let p = self.toks[e - 1].pos;
            p.starts_with('J') || p.starts_with('E') || p.starts_with("VCP") || p.starts_with("XS")
        } {
            e -= 1;
        }
        if e == j || !self.free(j, e) {
            return None;
        }
        let tail = self.slice(j, e);
        let latin = tail.chars().all(|c| c.is_ascii_alphanumeric())
            && tail.chars().any(|c| c.is_ascii_alphabetic());
        let hangul = tail.chars().all(is_hangul_syllable);
        let ok = tail.chars().count() >= 2
            && ((latin && !self.generic_acronym(tail)) || (hangul && self.vocab.is_loanword(tail)))
            && !self.vocab.is_not_name(tail)
            && self.vocab.descriptor(tail).is_none()
            && !is_in(&TITLES_SET, &tail);
        if !ok {
            return None;
        }
        // A site word after it (`삼성라이온즈 파크`, `LG아트 센터`): the
        // whole is a site named after the company; the site pass decides.
        if e < n && self.toks[e].sp && {
            let w = self.word_end(e);
            let stem = self.stem_end(e, w);
            self.places
                .words()
                .ending_of(self.slice(e, stem))
                .is_some_and(|(at, ending)| {
                    at == 0 && ending == crate::entities::places::Ending::Site
                })
        } {
            return None;
        }
        let whole = self.slice(i, e);
        let kind = match self.vocab.ending(whole).and_then(|(ending, _)| ending.kind) {
            Some(k @ (EntityType::Event | EntityType::Product)) => k,
            _ => EntityType::Org,
        };
        Some((e, kind))
    }

    fn place_pass(&mut self) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            let t = &self.toks[i];
            if self.claimed[i] || !(t.sem == "지명" && t.proper()) || !self.word_start(i) {
                i += 1;
                continue;
            }
            let mut b = i + 1;
            loop {
                while b < n
                    && !self.toks[b].sp
                    && !self.claimed[b]
                    && ((self.toks[b].sem == "지명" && self.toks[b].proper())
                        || (is_in(&PLACE_SUFFIXES_SET, &self.toks[b].s)
                            && self.toks[b].pos.starts_with('N')))
                {
                    b += 1;
                }
                // `서울 강서구 화곡동`: consecutive place words.
                if b < n
                    && self.toks[b].sp
                    && !self.claimed[b]
                    && self.toks[b].sem == "지명"
                    && self.toks[b].proper()
                    && self.toks[b].chars >= 2
                {
                    b += 1;
                    continue;
                }
                break;
            }
            let name = self.slice(i, b);
            // A place glued to an organisation word is the organisation's
            // name (`의정부경찰서`); the org pass decides.
            let glued = self
                .toks
                .get(b)
                .is_some_and(|u| !u.sp && (u.pos == "NNG" || u.proper() || u.latin()));
            // `한국형`, `미국식`: an attribute, not the place.
            let attribute = self.toks.get(b).is_some_and(|u| {
                !u.sp && u.pos == "XSN" && matches!(u.s, "형" | "식" | "계" | "풍")
            });
            // A word the analyser tags a place only in this sentence, the
            // place data does not know, and that is a common noun on its
            // own (`내부`, `내장`, `이하`), is that noun.
            let common = b == i + 1 && self.places.lookup(name).is_empty() && {
                let alone = self.analyzer.analyze(name);
                alone.len() == 1 && self.analyzer.tag(alone[0].word).pos == "NNG"
            };
            // Two compass points or country abbreviations (`남북`, `북중`)
            // pair two places; they name none.
            let pair =
                b == i + 1 && name.chars().count() == 2 && self.places.lookup(name).is_empty() && {
                    name.char_indices().all(|(at, c)| {
                        let one = &name[at..at + c.len_utf8()];
                        matches!(one, "동" | "서" | "남" | "북")
                            || !self.places.lookup(one).is_empty()
                    })
                };
            if glued || attribute || common || pair || name.chars().count() < 2 || !self.free(i, b)
            {
                i += 1;
                continue;
            }
            self.push(i, b, EntityType::Location, None, "dictionary");
            i = b;
        }
    }

    /// Names by their form: generic institutions, Latin names, and names
    /// with the ending of an organisation, event or landmark. The `early`
    /// run (before people and places) takes only endings of two syllables
    /// or more (`…로보틱스`, `…위원회`, `…올림픽`), which decide a word
    /// whatever the dictionary says of its parts (`레인보우로보틱스` is split
    /// into two person-name pieces); the late run takes the rest.
    fn org_pass(&mut self, early: bool) {
        let n = self.toks.len();
        // Tokens right after a country or other place: a ministry there is
        // that country's (`러시아 외무부`).
        let after_place: HashSet<usize, FastHash> = if early {
            HashSet::default()
        } else {
            self.out
                .iter()
                .filter(|m| m.kind == EntityType::Location)
                .map(|m| self.token_from(m.byte_end))
                .collect()
        };
        let mut i = 0;
        while i < n {
            if self.claimed[i] || !self.word_start(i) {
                i += 1;
                continue;
            }
            let Some(b) = self.noun_stem_end(i) else {
                // A word the analyser did not start with a noun (`새/MM
                // 정치추진위원회`): only its written form can name.
                if early
                    && let Some(end) = self.written_name(i)
                    && let Some(kind) = self.written_ending(i, end)
                    && self.push_bytes(i, end, kind, "suffix")
                {
                    i = self.token_from(end);
                    continue;
                }
                i += 1;
                continue;
            };
            let stem = self.slice(i, b);
            if after_place.contains(&i) && self.toks[i].sp && self.ministry(stem) {
                self.push(i, b, EntityType::Org, None, "suffix");
                i = b;
                continue;
            }
            if early
                && self.org_kind(i, b, stem).is_none()
                && let Some(end) = self.written_name(i)
                && let Some(kind) = self.written_ending(i, end)
                && self.push_bytes(i, end, kind, "suffix")
            {
                i = self.token_from(end);
                continue;
            }
            if let Some((kind, how)) = self.org_kind(i, b, stem) {
                let take = !early || matches!(how, Form::Ending(chars) if chars >= 2);
                if take {
                    let generic =
                        how == Form::Institution && !self.vocab.is_national_institution(stem);
                    let rule = match (how, kind) {
                        (Form::Institution, _) => "institution",
                        (_, EntityType::Event) => "event-ending",
                        _ => "suffix",
                    };
                    self.push(i, b, kind, None, rule);
                    if generic && let Some(m) = self.out.last_mut() {
                        m.generic = true;
                    }
                    i = b;
                    continue;
                }
            }
            i += 1;
        }
    }

    /// The end of the noun stem of the word starting at token `i` (its
    /// nouns, without a particle after them), or `None` when it has none.
    /// A word the analyser cut into odd pieces (`크라우드웍스` → 크/VA 라/EC
    /// 우드 웍스) is taken whole when it ends in a noun and is a loanword.
    fn noun_stem_end(&self, i: usize) -> Option<usize> {
        let n = self.toks.len();
        // `대한석탄공사` comes out as 대한/VV+ETM 석탄 공사: a leading
        // `대한`/`한` glued to a noun belongs to the name.
        let korea_prefix = matches!(self.toks[i].s, "대한" | "한")
            && self.toks.get(i + 1).is_some_and(|u| !u.sp && u.noun());
        let mut b = i;
        while b < n
            && (b == i || !self.toks[b].sp)
            && (self.toks[b].noun() || (b == i && korea_prefix))
            && !self.claimed[b]
        {
            b += 1;
        }
        // The analyser's odd splits inside a Latin-led name (`KGC인삼공사` →
        // KGC/인/삼공사) or a loanword (`크라우드웍스`).
        // A "particle" with more of the word glued after it is a piece of
        // the name (`SK에너지` → SK/에/JKB 너지).
        let inner_particle = |c: usize| {
            self.toks[c].pos.starts_with('J')
                && self
                    .toks
                    .get(c + 1)
                    .is_some_and(|u| !u.sp && u.hangul && u.noun())
        };
        let mut c = b;
        while c < n
            && (c == i || !self.toks[c].sp)
            && !self.claimed[c]
            && (!self.toks[c].pos.starts_with('J') || (c > i && inner_particle(c)))
            && !self.toks[c].pos.starts_with('S')
            && !matches!(self.toks[c].pos, "VCP" | "EF" | "EP")
        {
            c += 1;
        }
        if c > b
            && self.toks[c - 1].noun()
            && (self.toks[i].latin()
                || (b > i || c > i + 1) && self.vocab.is_loanword(self.slice(i, c)))
        {
            b = c;
        }
        if b == i {
            return None;
        }
        // Trailing bound nouns and suffixes are not part of a name (`등`),
        // unless they end one (`민주통합당` → 민주/통합/당).
        while b > i + 1
            && matches!(self.toks[b - 1].pos, "NNB" | "XSN")
            && !self.vocab.is_ending(self.toks[b - 1].s)
            && self.vocab.ending(self.slice(i, b)).is_none()
        {
            b -= 1;
        }
        Some(b)
    }

    /// The type a written name (token `i` to byte `end`, cut by
    /// [`Recognizer::written_name`]) has by a company or event ending of two
    /// syllables or more after a loanword head (`누리벨로보틱스`).
    fn written_ending(&self, i: usize, end: usize) -> Option<EntityType> {
        let name = &self.text[self.toks[i].bs..end];
        if self.vocab.is_not_name(name) || self.vocab.is_ending(name) {
            return None;
        }
        let (ending, head) = self.vocab.ending(name)?;
        let kind = ending
            .kind
            .filter(|k| matches!(k, EntityType::Org | EntityType::Event))?;
        let long_enough = name[head..].chars().count() >= 2 && name[..head].chars().count() >= 2;
        // Pieces that are neither nouns nor particles (`크라운/해/XSV+EC
        // 태제/과`, `교육/과/JC 학기/술부`): the analyser could not read the
        // word as common nouns, so it is a coined name.
        let last = self.token_from(end);
        let garbled = self.toks[i..last].iter().any(|t| {
            !(t.noun() || t.pos.starts_with('J') || t.pos.starts_with('E') || t.pos == "VCP")
        }) && name.chars().count() >= 4;
        // `저비용항공사` ends in a descriptor: a kind of company.
        let descriptor = name
            .char_indices()
            .any(|(at, _)| self.vocab.descriptor(&name[at..]).is_some());
        let ok = long_enough
            && !descriptor
            && (garbled || (!ending.proper && self.vocab.is_loanword(&name[..head])));
        ok.then_some(kind)
    }

    /// What the noun stem `stem` (tokens `i..b`) names by its form: a
    /// generic institution, a Latin name, or a name with the ending of an
    /// organisation, event or landmark (`…위원회`, `…올림픽`, `…호텔`).
    fn org_kind(&self, i: usize, b: usize, stem: &str) -> Option<(EntityType, Form)> {
        if self.terms.contains(stem) {
            return None;
        }
        if self.vocab.institution(stem).is_some() {
            // `군` alone is too ambiguous (county, military, boy).
            return (stem != "군" && stem != "당국")
                .then_some((EntityType::Org, Form::Institution));
        }
        if self.vocab.is_not_name(stem) || self.vocab.is_ending(stem) {
            return None;
        }
        let first = &self.toks[i];
        let chars = stem.chars().count();
        // A proper noun, Latin or unknown word in the stem: the head of a
        // name rather than a common compound (`현대카드`, not `신용카드`).
        // Pronouns and numerals head names too (`우리투자증권`, `하나카드`).
        let has_proper = self.toks[i..b]
            .iter()
            .any(|t| t.proper() || t.latin() || t.unknown || matches!(t.pos, "NP" | "NR"));
        let ending = self.vocab.ending(stem);
        let ending_chars = |head: usize| stem[head..].chars().count();
        // Latin acronyms and Latin-led names (`KBO리그` is an event).
        if first.latin() {
            if let Some((e, head)) = ending
                && e.kind == Some(EntityType::Event)
            {
                return Some((EntityType::Event, Form::Ending(ending_chars(head))));
            }
            let caps = first.s.chars().filter(|c| c.is_ascii_uppercase()).count();
            // Mixed-case Latin glued to a company's ending (`iM증권`,
            // `eBest투자증권`): the ending makes it a company.
            if let Some((e, head)) = ending
                && e.kind == Some(EntityType::Org)
                && head == first.s.len()
                && first.s.len() >= 2
                && caps >= 1
            {
                return Some((EntityType::Org, Form::Ending(ending_chars(head))));
            }
            if caps < 2 || self.generic_acronym(first.s) || first.s.len() > 10 {
                return None;
            }
            // Letters and digits in one word are a model, a part or a
            // standard (`HBM3E`, `DDR5`, `EQ900`), not a company.
            let alnum = b > i + 1
                && self.toks[i + 1].number()
                && !self.toks[i + 1].sp
                && self.toks[i..b].iter().all(|t| t.latin() || t.number());
            if alnum {
                return Some((EntityType::Product, Form::Latin));
            }
            return Some((EntityType::Org, Form::Latin));
        }
        if !stem.chars().all(is_hangul_syllable) {
            return None;
        }
        let (ending, head) = ending?;
        let kind = ending.kind?;
        // One dictionary person name (`이상부`) is the person pass's.
        if b == i + 1 && first.sem == "인명" {
            return None;
        }
        // A loanword head of two syllables or more is a name's too
        // (`카운터포인트리서치`, `칼호텔네트워크`; not `빅테크`).
        let named_head = has_proper
            || (self.vocab.is_loanword(&stem[..head]) && stem[..head].chars().count() >= 2);
        // `항공사` is not `항`+`공사`: a head of one syllable needs a proper
        // noun.
        if head_chars(stem, head) < 2 && !has_proper && ending_chars(head) >= 2 {
            return None;
        }
        if ending.proper && !has_proper {
            return None;
        }
        let form = Form::Ending(ending_chars(head));
        if kind == EntityType::Location {
            // `징역`, `지역`: a one-syllable landmark ending (`역`) needs a
            // proper name before it.
            return (ending_chars(head) > 1 || has_proper).then_some((kind, form));
        }
        if ending_chars(head) == 1 {
            // One-syllable endings (`부`, `청`, `당`) only after a proper
            // noun, as the analyser's own organisation nouns (`기상청`), or
            // in party names, compounds of common nouns (`민주통합당`).
            let party = stem.ends_with('당') && chars >= 4;
            let single_org_noun = b == i + 1
                && self.toks[i].pos == "NNG"
                && chars >= 3
                && ONE_CHAR_ORG_OK.iter().any(|x| stem.ends_with(x));
            if chars < 3 || (!has_proper && !party && !single_org_noun) {
                return None;
            }
        }
        // A short compound of common nouns is a common noun (`본부장실`).
        if !named_head && chars < 5 && b > i + 1 {
            return None;
        }
        Some((kind, form))
    }

    /// Whether `stem` names a ministry after a place (`외무부`, `국무부`,
    /// `국토안보부`): a Sino-Korean compound of two syllables or more and
    /// `부`, not a region (`서남부`, `중부`) or a common word the lists know.
    fn ministry(&self, stem: &str) -> bool {
        let Some(head) = stem.strip_suffix('부') else {
            return false;
        };
        let head_chars = head.chars().count();
        (2..=5).contains(&head_chars)
            && head.chars().all(is_hangul_syllable)
            && !self.vocab.is_loanword(head)
            && !head.ends_with(['동', '서', '남', '북', '중'])
            && !self.vocab.is_not_name(stem)
            && self.vocab.descriptor(stem).is_none()
            && !is_in(&TITLES_SET, &stem)
    }

    /// The first token that starts at or after byte `b` (tokens are in
    /// text order, so this is a binary search, not a scan).
    fn token_from(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.bs < b)
    }

    /// Mention `k` takes in the tokens `from..to` written after it: they
    /// are claimed, and the mention ends (offsets and text) where the last
    /// of them ends. Its kind, id and rule are the caller's to set.
    fn absorb(&mut self, k: usize, from: usize, to: usize) {
        for c in &mut self.claimed[from..to] {
            *c = true;
        }
        let (be, end) = (self.toks[to - 1].be, self.toks[to - 1].end);
        let m = &mut self.out[k];
        m.byte_end = be;
        m.end = end;
        m.text = self.text[m.byte_start..be].to_string();
    }

    /// `서울중앙지법 형사합의38부`, `수원지검 강력부`, `관악구청 복지과`: an
    /// organisation followed by one of its divisions is named as a whole.
    /// `out` is sorted by start; each mention looks only at the word after
    /// it and the mentions inside that word (binary searches), and the
    /// mentions a division swallows are dropped in one pass at the end, so
    /// the pass is linear in the mentions (times a logarithm).
    fn extend_subunits(&mut self) {
        let n = self.toks.len();
        let mut swallowed = vec![false; self.out.len()];
        let mut divisions = Vec::new();
        for k in 0..self.out.len() {
            let m = &self.out[k];
            if swallowed[k] || m.kind != EntityType::Org || m.generic {
                continue;
            }
            let e = self.token_from(m.byte_end);
            if e >= n || !self.toks[e].sp {
                continue;
            }
            // Only umbrella bodies have other organisations as divisions
            // (`국회 국토교통위원회`); `하이투자증권 안전행정부` are two.
            let umbrella = matches!(m.text.as_str(), "국회" | "청와대" | "대통령실" | "정부");
            let mut f = e;
            while f < n
                && (f == e || !self.toks[f].sp)
                && (self.toks[f].noun() || self.toks[f].number())
                && !self.toks[f].pos.starts_with('J')
            {
                f += 1;
            }
            if f == e {
                continue;
            }
            let word = self.slice(e, f);
            let (bs, be) = (self.toks[e].bs, self.toks[f - 1].be);
            // The mentions inside the division's word.
            let first = self.out.partition_point(|o| o.byte_start < bs);
            let mut last = first;
            while last < self.out.len() && self.out[last].byte_start < be {
                last += 1;
            }
            let inside = (first..last).filter(|&j| self.out[j].byte_end <= be);
            // Divisions have short names or numbers (`강력부`, `형사1부`);
            // a long one is another organisation (`안전행정부`).
            // `부산시당` holds a place, `생활가전사업부` may be a name of its own.
            let division = DIVISION_SUFFIXES.iter().any(|x| word.ends_with(x));
            let subunit = (SUBUNIT_SUFFIXES.iter().any(|x| word.ends_with(x)) || division)
                && word.chars().count() >= 2
                && (word.chars().count() <= 4
                    || division
                    || word.chars().any(|c| c.is_ascii_digit())
                    || word.ends_with("합의체")
                    || umbrella)
                && !inside.clone().any(|j| {
                    let o = &self.out[j];
                    let place_or_org = matches!(o.kind, EntityType::Org | EntityType::Location);
                    !(o.kind == EntityType::Quantity
                        || (o.kind == EntityType::Org && umbrella)
                        || (place_or_org && division))
                });
            if !subunit {
                continue;
            }
            for j in inside {
                swallowed[j] = true;
            }
            for c in &mut self.claimed[e..f] {
                *c = true;
            }
            // A party's chapter is named by the party (`국민의힘 서울시당`:
            // `서울시당` alone is every party's); a company's division has a
            // name of its own.
            if division && !CHAPTER_SUFFIXES.iter().any(|x| word.ends_with(x)) {
                // A division of a company or party is an organisation of its
                // own next to it (`삼성전자` `생활가전사업부`): the relations
                // read the pair as part_of, and the person before them as the
                // company's.
                let text = word.to_string();
                divisions.push(Mention {
                    start: self.toks[e].start,
                    end: self.toks[f - 1].end,
                    byte_start: bs,
                    byte_end: be,
                    id: generated_id(EntityType::Org, &text),
                    text,
                    kind: EntityType::Org,
                    value: None,
                    rule: "subunit",
                    short_form: false,
                    generic: false,
                });
                continue;
            }
            let end = self.toks[f - 1].end;
            let text = self.text[self.out[k].byte_start..be].to_string();
            let m = &mut self.out[k];
            m.byte_end = be;
            m.end = end;
            m.id = generated_id(EntityType::Org, &text);
            m.text = text;
            m.rule = "subunit";
        }
        if swallowed.contains(&true) {
            let mut k = 0;
            self.out.retain(|_| {
                k += 1;
                !swallowed[k - 1]
            });
        }
        if !divisions.is_empty() {
            self.out.extend(divisions);
            self.out.sort_by_key(|m| m.start);
        }
    }

    /// `아사히 신문에`, `AFP 통신은`: a word of a news organisation's name
    /// (`data/entities/contexts.tsv`, `org-word`) written after the name
    /// and closed by a particle or punctuation is part of it. The mention
    /// keeps its entity (`AFP 통신` is AFP); a noun after the word makes it
    /// a phrase of its own (`KT 통신 요금`).
    fn org_words(&mut self) {
        let n = self.toks.len();
        for k in 0..self.out.len() {
            let m = &self.out[k];
            if m.kind != EntityType::Org || m.generic || m.short_form {
                continue;
            }
            let t = self.token_from(m.byte_end);
            let ok = t + 1 < n
                && self.toks[t].sp
                && self.toks[t].bs == m.byte_end + 1
                && !self.claimed[t]
                && self.vocab.is_org_word(self.toks[t].s)
                && !self.toks[t + 1].sp
                && (self.toks[t + 1].pos.starts_with('J') || punctuation_pos(self.toks[t + 1].pos));
            if !ok {
                continue;
            }
            self.absorb(k, t, t + 1);
        }
    }

    /// `‘애저 MCFS(금융 클라우드)’`: a gazetteer product followed by more of
    /// its name inside quotes becomes a product of its own.
    fn extend_products(&mut self) {
        let n = self.toks.len();
        for k in 0..self.out.len() {
            let m = &self.out[k];
            if m.kind != EntityType::Product || m.rule != "gazetteer" {
                continue;
            }
            // The mention's last token.
            let i = self.toks.partition_point(|t| t.be < m.byte_end);
            if self.toks.get(i).is_none_or(|t| t.be != m.byte_end) {
                continue;
            }
            let quoted = self.text[..m.byte_start]
                .trim_end()
                .ends_with(['‘', '\'', '“', '"', '「']);
            let mut b = i + 1;
            while b < n
                && self.toks[b].sp
                && (self.toks[b].latin() || (self.toks[b].proper() && !self.claimed[b]))
            {
                b += 1;
                while b < n
                    && !self.toks[b].sp
                    && (self.toks[b].latin() || self.toks[b].number() || self.toks[b].proper())
                {
                    b += 1;
                }
            }
            if b == i + 1 || self.claimed[i + 1..b].iter().any(|&c| c) {
                continue;
            }
            let next = self.toks.get(b).map_or("", |t| t.s);
            if !quoted && !matches!(next, "(" | "’" | "'" | "”" | "\"") {
                continue;
            }
            self.absorb(k, i + 1, b);
            let m = &mut self.out[k];
            m.id = generated_id(EntityType::Product, &m.text);
            m.rule = "product-extension";
        }
    }
}

fn first_char(s: &str) -> &str {
    s.char_indices().nth(1).map_or(s, |(b, _)| &s[..b])
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use crate::entities::{EntityType, Extractor};

    static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new().unwrap());

    fn found(text: &str) -> Vec<(String, &'static str)> {
        EXTRACTOR
            .recognize(text, None)
            .into_iter()
            .map(|m| (m.text, m.kind.as_str()))
            .collect()
    }

    fn has(text: &str, span: &str, kind: EntityType) {
        let f = found(text);
        assert!(
            f.iter().any(|(t, k)| t == span && *k == kind.as_str()),
            "{span} as {} in {text:?}: {f:?}",
            kind.as_str()
        );
    }

    #[test]
    fn numbers_with_units() {
        has(
            "오후 5시 30분께 도착했다",
            "오후 5시 30분",
            EntityType::Time,
        );
        has("2010년 5월부터 일했다", "2010년 5월", EntityType::Date);
        has("지난 1일 열렸다", "지난 1일", EntityType::Date);
        has("100여명이 모였다", "100여명", EntityType::Quantity);
        has("지분 19.9%를 보유", "19.9%", EntityType::Quantity);
        has("두 번째 시도", "두 번째", EntityType::Quantity);
        // The hedge stays out of the span but makes the value approximate.
        has("약 1658억원 규모", "1658억원", EntityType::Money);
        let m = EXTRACTOR.recognize("약 1658억원 규모", None);
        assert!(matches!(
            &m[0].value,
            Some(crate::entities::Value::Money(v)) if v.approximate && v.amount == 165_800_000_000.0
        ));
        has("11월 말 방송된다", "11월 말", EntityType::Date);
    }

    #[test]
    fn people() {
        has("권하영 기자가 썼다", "권하영", EntityType::Person);
        has("A(57)씨는 말했다", "A", EntityType::Person);
        has("김모(48)씨를 체포했다", "김", EntityType::Person);
        has("이 모 씨도 일했다", "이", EntityType::Person);
        has("백남기(69)씨가 숨졌다", "백남기", EntityType::Person);
        // `전` after a name is "former", not a surname.
        let f = found("신동주 전 부회장이 말했다");
        assert!(!f.iter().any(|(t, _)| t == "전"), "{f:?}");
    }

    #[test]
    fn thousands_glued_to_a_myriad_unit() {
        // The analyser keeps `천억`, `천만` as one numeral word.
        has("총 3천억원을 투자한다", "3천억원", EntityType::Money);
        has(
            "연봉 84억2천만원에 계약했다",
            "84억2천만원",
            EntityType::Money,
        );
        has("관객 9천만 명이 봤다", "9천만 명", EntityType::Quantity);
        let m = EXTRACTOR.recognize("총 3천억원을 투자한다", None);
        assert!(matches!(
            &m[0].value,
            Some(crate::entities::Value::Money(v)) if v.amount == 300_000_000_000.0
        ));
    }

    #[test]
    fn a_family_name_read_as_a_common_noun() {
        has(
            "마이클 오언은 은퇴를 선언했다",
            "마이클 오언",
            EntityType::Person,
        );
        has(
            "앤서니 리조에게 안타를 맞았다",
            "앤서니 리조",
            EntityType::Person,
        );
        // A noun phrase goes on after a space: the given name alone.
        let f = found("마이클 측은 부인했다");
        assert!(!f.iter().any(|(t, _)| t == "마이클 측"), "{f:?}");
    }

    #[test]
    fn foreign_family_names_after_a_given_name() {
        // A family name that starts like a Korean surname but has a
        // syllable foreign to Sino-Korean.
        has(
            "결승전에서 가네코 지히로의 호투가 빛났다",
            "가네코 지히로",
            EntityType::Person,
        );
        // A one-syllable Korean surname closed by a particle.
        has(
            "마지막 홀에서 미셸 위와 함께 경기했다",
            "미셸 위",
            EntityType::Person,
        );
        // A family name read as a common noun, closed by a title.
        has(
            "아웅산 수치 여사가 서울을 방문했다",
            "아웅산 수치",
            EntityType::Person,
        );
    }

    #[test]
    fn a_companys_name_shown_by_its_korean_arm() {
        let text = "시장조사업체 IDC가 점유율을 조사했다. 한국IDC 관계자는 설명했다.";
        has(text, "IDC", EntityType::Org);
        // Without the arm, a common acronym stays a word.
        let f = found("IDC가 늘어났다");
        assert!(!f.iter().any(|(t, _)| t == "IDC"), "{f:?}");
    }

    #[test]
    fn a_group_before_its_members_name() {
        let text = "원더걸스 선예가 무대에 올랐다";
        has(text, "선예", EntityType::Person);
        has(text, "원더걸스", EntityType::Org);
        // A foreign name in two words stays one.
        has(
            "제이미 라이트가 입국했다",
            "제이미 라이트",
            EntityType::Person,
        );
    }

    #[test]
    fn a_descriptor_after_a_guessed_name() {
        has("매장에서 질레트 제품을 샀다", "질레트", EntityType::Product);
        // A Korean name stays a person's.
        has(
            "김민수 법무법인 대표가 말했다",
            "김민수",
            EntityType::Person,
        );
    }

    #[test]
    fn a_surname_before_a_title_is_no_organisation() {
        let f = found("이러한 김 장관의 발언은 논란이 됐다");
        assert!(!f.iter().any(|(t, _)| t == "이러한"), "{f:?}");
        assert!(!f.iter().any(|(t, k)| t == "김" && *k == "ORG"), "{f:?}");
        let f = found("그는 박민수와 함께 무대에 올랐다");
        assert!(!f.iter().any(|(t, _)| t == "함께"), "{f:?}");
    }

    #[test]
    fn a_foreign_name_before_a_title() {
        has(
            "회견에는 나렌드라 모디 총리가 참석했다",
            "나렌드라 모디",
            EntityType::Person,
        );
        has(
            "회견에는 마리오 드라기 총재가 참석했다",
            "마리오 드라기",
            EntityType::Person,
        );
        // Common words before a title are no name, nor is a verb before a
        // name.
        let f = found("우리 나라 대표가 입장했다");
        assert!(!f.iter().any(|(t, _)| t == "우리 나라"), "{f:?}");
        let f = found("공장에서 근무하던 수라판 씨가 다쳤다");
        assert!(!f.iter().any(|(t, _)| t.starts_with("근무")), "{f:?}");
        // A company after a Korean name is the person's company.
        has(
            "김민지 알리익스프레스 이사는 설명했다",
            "김민지",
            EntityType::Person,
        );
    }

    #[test]
    fn a_news_organisation_with_its_medium() {
        has(
            "1950년 요미우리 신문에 실린 기사다",
            "요미우리 신문",
            EntityType::Org,
        );
        has(
            "로이터 통신은 이렇게 전했다",
            "로이터 통신",
            EntityType::Org,
        );
        // A noun after the word: a phrase about the company.
        let f = found("KT 통신 요금이 올랐다");
        assert!(!f.iter().any(|(t, _)| t == "KT 통신"), "{f:?}");
    }

    #[test]
    fn stage_names_in_a_list_of_people() {
        // `이` before a list comma is the name's own syllable.
        has(
            "무대에는 김종국, 순이, 박명수가 올랐다",
            "순이",
            EntityType::Person,
        );
        // Any short word between two people is a stage name.
        let text = "녹화에는 유재석, 길, 노홍철이 참여했다";
        has(text, "길", EntityType::Person);
        // With a person on one side only, a common word stays a word.
        let f = found("유재석, 길 건너편에서 만났다");
        assert!(!f.iter().any(|(t, _)| t == "길"), "{f:?}");
        // A name with a title after it is sure enough to type its list.
        has(
            "그룹은 유빈, 선미 씨로 구성됐다",
            "유빈",
            EntityType::Person,
        );
    }

    #[test]
    fn a_place_glued_to_a_word_of_origin_or_destination() {
        has("중국발 공급 과잉이 이어졌다", "중국", EntityType::Location);
        has("뉴욕행 항공편이 결항됐다", "뉴욕", EntityType::Location);
    }

    #[test]
    fn committee_short_forms() {
        has("비대위는 이날 회의를 열었다", "비대위", EntityType::Org);
        has("국회 정보위 소속 의원이 말했다", "정보위", EntityType::Org);
        has("혁신위가 쇄신안을 냈다", "혁신위", EntityType::Org);
        // `위` as "on", and common nouns ending in the syllable.
        for text in [
            "책상위에 올려놓았다",
            "수면위로 떠올랐다",
            "최하위를 기록했다",
            "학위를 받았다",
        ] {
            let f = found(text);
            assert!(!f.iter().any(|(_, k)| *k == "ORG"), "{text}: {f:?}");
        }
    }

    #[test]
    fn elections_and_named_days_are_events() {
        has("다음 총선에 출마한다", "총선", EntityType::Event);
        has("부활절에 행사가 열렸다", "부활절", EntityType::Event);
        has(
            "스승의 날(15일)을 맞아 꽃을 샀다",
            "스승의 날",
            EntityType::Event,
        );
        has(
            "정유재란과 임진왜란을 다룬 책",
            "임진왜란",
            EntityType::Event,
        );
        // `날` glued to more is another word.
        let f = found("그의 날개가 다쳤다");
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn occasions_of_named_people_and_incidents_of_a_place() {
        let ids = |text: &str| -> Vec<(String, String, &'static str)> {
            EXTRACTOR
                .recognize(text, None)
                .into_iter()
                .map(|m| (m.text, m.id, m.kind.as_str()))
                .collect()
        };
        let events = |f: &[(String, String, &'static str)]| -> Vec<(String, String)> {
            f.iter()
                .filter(|m| m.2 == "EVENT")
                .map(|m| (m.0.clone(), m.1.clone()))
                .collect()
        };
        // One possessor: the occasion word is the event, the person stays.
        let f = ids("고인이 된 배우 김태리의 영결식이 열렸다. 영결식에는 동료들이 모였다.");
        let e = events(&f);
        assert_eq!(e.len(), 2, "{f:?}");
        assert!(e.iter().all(|m| m.0 == "영결식" && m.1 == e[0].1), "{f:?}");
        assert!(
            f.iter().any(|m| m.0 == "김태리" && m.2 == "PERSON"),
            "{f:?}"
        );
        // Two people: their shared noun is the event (the pair relation
        // still reads it), and so are later bare mentions.
        let f = ids(
            "가수 박재범과 배우 김태리의 약혼식이 제주에서 열렸다. 두 사람의 약혼식에는 하객 50명이 왔다.",
        );
        let e = events(&f);
        assert_eq!(e.len(), 2, "{f:?}");
        assert!(
            e.iter().all(|m| m.1 == e[0].1 && m.1.contains("박재범")),
            "{f:?}"
        );
        // Without named people, no event.
        let f = found("결혼식 하객이 몰렸다. 두 사람의 결혼식은 비공개였다.");
        assert!(f.iter().all(|(_, k)| *k != "EVENT"), "{f:?}");
        // A place, crimes and `사건`; the same crimes and `이 사건` later.
        let f = ids(
            "대전 강도·살인 사건 피의자가 잡혔다. 경찰은 강도살인 사건 공범을 쫓는다. 이 사건은 지난달 일어났다.",
        );
        let e = events(&f);
        assert_eq!(e.len(), 3, "{f:?}");
        assert_eq!(e[0].0, "강도·살인 사건");
        assert!(e.iter().all(|m| m.1 == e[0].1), "{f:?}");
        assert!(
            f.iter().any(|m| m.0 == "대전" && m.2 == "LOCATION"),
            "{f:?}"
        );
        // Crimes without a place name no event.
        let f = found("폭행 사건이 잇따랐다. 이 사건으로 두 명이 다쳤다.");
        assert!(f.iter().all(|(_, k)| *k != "EVENT"), "{f:?}");
    }

    #[test]
    fn a_city_inside_a_hotels_name() {
        // The city belongs to the brand's name; the district before it is
        // where the hotel is.
        has(
            "두 회사는 종로구 그랜드 하얏트 서울 타워스 호텔에서 협약을 맺었다.",
            "종로구 그랜드 하얏트 서울 타워스 호텔",
            EntityType::Location,
        );
        // A place before a site with no name of its own stays its place.
        has(
            "서울 롯데호텔에서 만났다.",
            "서울 롯데호텔",
            EntityType::Location,
        );
    }

    #[test]
    fn a_leader_and_administration_name_a_government() {
        has(
            "김대중 정부는 외환위기를 넘겼다",
            "김대중 정부",
            EntityType::Org,
        );
        has(
            "오바마 행정부가 제재를 발표했다",
            "오바마 행정부",
            EntityType::Org,
        );
        // A glued noun is another word: the person stays.
        has("김대중 정부안이 통과됐다", "김대중", EntityType::Person);
    }

    #[test]
    fn divisions_of_companies_and_parties() {
        // A company's division is an organisation of its own beside it.
        let f = found("김철수 현대자동차 전동화사업부 부사장은 이렇게 말했다.");
        assert!(
            f.iter().any(|(t, k)| t == "현대자동차" && *k == "ORG")
                && f.iter().any(|(t, k)| t == "전동화사업부" && *k == "ORG"),
            "{f:?}"
        );
        has(
            "회사는 대표 직속 신사업추진단을 꾸렸다.",
            "신사업추진단",
            EntityType::Org,
        );
        // A party's chapter is named with its party.
        has(
            "국민의힘 부산시당은 성명을 냈다.",
            "국민의힘 부산시당",
            EntityType::Org,
        );
    }

    #[test]
    fn organisations_and_places() {
        has(
            "중앙징계위원회의 의결을 거쳐",
            "중앙징계위원회",
            EntityType::Org,
        );
        has(
            "수원지검 강력부에 전화를 걸어",
            "수원지검 강력부",
            EntityType::Org,
        );
        has("일본 정부는 밝혔다", "일본 정부", EntityType::Org);
        // A local council is named with its city or province.
        has(
            "인천시의회는 조례안을 가결했다",
            "인천시의회",
            EntityType::Org,
        );
        has("경기도의회 본회의에서", "경기도의회", EntityType::Org);
        has(
            "서울 강서구 화곡동의 주택",
            "서울 강서구 화곡동",
            EntityType::Location,
        );
        has("부산시는 밝혔다", "부산시", EntityType::Location);
        let f = found("업계 관계자는 CEO와 AI 서비스를 말했다");
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn a_name_glued_to_digits_letters_or_a_suffix_is_no_person() {
        for text in [
            "인터넷 방송인 아프리카TV로 중계했다.",
            "새 광고는 갤럭시S5의 화면을 보여줬다.",
        ] {
            let f = found(text);
            assert!(!f.iter().any(|(_, k)| *k == "PERSON"), "{text}: {f:?}");
        }
        // A common noun the sentence made a dictionary name of.
        for text in [
            "그는 메르스 의심 환자로 분류돼 격리됐다.",
            "그는 국가보안법 위반(찬양·고무) 혐의로 기소됐다.",
        ] {
            let f = found(text);
            assert!(!f.iter().any(|(_, k)| *k == "PERSON"), "{text}: {f:?}");
        }
        has(
            "케빈-프린스 보아텡이 두 골을 넣었다.",
            "케빈-프린스 보아텡",
            EntityType::Person,
        );
    }

    #[test]
    fn names_listed_after_a_descriptor_and_closed_by_deung() {
        let t = "한울투자는 물류 스타트업 노바 AI, 2B 로지스틱스 등에 투자했다.";
        has(t, "노바 AI", EntityType::Org);
        has(t, "2B 로지스틱스", EntityType::Org);
        // Without 등 the comma may start another clause's subject.
        let f = found("물류 스타트업 노바 AI, 2B 로지스틱스는 따로 움직였다.");
        assert!(!f.iter().any(|(t, _)| t == "2B 로지스틱스"), "{f:?}");
    }

    #[test]
    fn a_quoted_product_takes_in_a_known_product_inside_it() {
        has(
            "다온정보는 문서 관리 솔루션 '다온 제미나이 노트'를 선보였다.",
            "다온 제미나이 노트",
            EntityType::Product,
        );
    }

    #[test]
    fn a_quoted_title_after_its_descriptor_is_one_name() {
        // The closing quote glued to a parenthesis, a name piece with an
        // organisation's ending and a figure inside the quote.
        has(
            "KBS 새 월화드라마 '푸른바다 김선장2'(극본 박지은)가 첫 방송된다.",
            "푸른바다 김선장2",
            EntityType::Work,
        );
        has(
            "SBS 새 금토드라마 '별빛병원 김사부3'(극본 강은경)는 병원 이야기다.",
            "별빛병원 김사부3",
            EntityType::Work,
        );
    }

    #[test]
    fn dates_take_the_part_of_the_period_written_after_them() {
        has(
            "공사는 지난달 말부터 시작됐다.",
            "지난달 말",
            EntityType::Date,
        );
        has(
            "내년 상반기까지 마치겠다고 밝혔다.",
            "내년 상반기",
            EntityType::Date,
        );
        has("그는 이틀 동안 머물렀다.", "이틀 동안", EntityType::Date);
        has(
            "시장은 매주 금요일 열린다.",
            "매주 금요일",
            EntityType::Date,
        );
        has(
            "건물은 1990년대 초반 지어졌다.",
            "1990년대 초반",
            EntityType::Date,
        );
    }
}
