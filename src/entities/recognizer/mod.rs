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
//!    (`전자`, `위원회`, `경찰서`…) or a landmark suffix (`호텔`, `공항`),
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

mod numbers;
mod people;
mod places;

use super::date::{self, Date};
use super::gazetteer::{Gazetteer, push_key};
use super::lexicon::*;
use super::money;
use super::places::{PLACE_RULE, Places};
use super::romanize::{is_hangul_syllable, surname};
use super::{EntityType, Mention, Value, generated_id};
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
    matches!(pos, "SF" | "SP" | "SS" | "SSO" | "SSC" | "SE" | "SO" | "SY")
}

struct Recognizer<'a, 't> {
    text: &'t str,
    toks: Vec<Tok<'t>>,
    claimed: Vec<bool>,
    gazetteer: &'a Gazetteer,
    places: &'a Places,
    published: Option<Date>,
    out: Vec<Mention>,
    /// During the person pass: `person_end[b]` is true when a PERSON
    /// mention in `out` ends at byte `b`.
    person_end: Vec<bool>,
}

/// Finds the mentions in `text`, given its tokens.
pub fn recognize<'t>(
    analyzer: &'t Analyzer,
    gazetteer: &Gazetteer,
    places: &Places,
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
        text,
        toks,
        claimed: vec![false; n],
        gazetteer,
        places,
        published,
        out: Vec::new(),
        person_end: Vec::new(),
    };
    r.gazetteer_pass();
    r.extend_products();
    r.place_data_pass();
    r.number_pass();
    r.person_pass();
    r.place_pass();
    r.org_pass();
    r.out.sort_by_key(|m| m.start);
    r.extend_subunits();
    merge_adjacent(text, &mut r.out);
    r.out
}

/// Joins mentions that are one name written in several words: a foreign
/// person's given and family names (`프랑크 베옌스`), or places from large to
/// small (`중국 베이징`, `서울 강남`).
fn merge_adjacent(text: &str, out: &mut Vec<Mention>) {
    let mut merged: Vec<Mention> = Vec::with_capacity(out.len());
    for m in out.drain(..) {
        if let Some(prev) = merged.last_mut() {
            let gap = &text[prev.byte_end..m.byte_start];
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
                && !(korean_name(&prev.text) && korean_name(&m.text))
                && !(prev.kind == EntityType::Org && korean_name(&m.text))
                && !(m.kind == EntityType::Org && korean_name(&prev.text));
            // `일본 정부`, `부산 기장경찰서`: a place qualifying an institution.
            let place_org = prev.kind == EntityType::Location
                && m.kind == EntityType::Org
                && matches!(m.rule, "institution" | "suffix")
                && !m.text.is_ascii();
            // Two places from the data stay apart unless one contains the
            // other, which the place pass has joined already.
            let places_apart = prev.rule == PLACE_RULE && m.rule == PLACE_RULE;
            let joinable = gap == " "
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

/// Whether `s` looks like a Korean personal name (three syllables starting
/// with a surname).
fn korean_name(s: &str) -> bool {
    // Two-syllable Korean names exist but are rare; two-syllable parts of
    // foreign names that start like a surname (`지나 데이비스`) are not.
    s.chars().count() == 3 && s.chars().all(is_hangul_syllable) && surname(first_char(s)).is_some()
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
                                || (t.pos == "NNG" && is_in(&ORG_SUFFIXES_SET, &t.s)))
                    });
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
            if glued || attribute || name.chars().count() < 2 || !self.free(i, b) {
                i += 1;
                continue;
            }
            self.push(i, b, EntityType::Location, None, "dictionary");
            i = b;
        }
    }

    fn org_pass(&mut self) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            if self.claimed[i] || !self.word_start(i) {
                i += 1;
                continue;
            }
            // The noun stem of this word.
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
            // Allow the analyser's odd splits inside a Latin-led name
            // (`KGC인삼공사` → KGC/인/삼공사).
            if b > i && self.toks[i].latin() {
                let mut c = b;
                while c < n
                    && !self.toks[c].sp
                    && !self.claimed[c]
                    && !self.toks[c].pos.starts_with('J')
                    && !self.toks[c].pos.starts_with('S')
                {
                    c += 1;
                }
                if c > b && self.toks[c - 1].noun() {
                    b = c;
                }
            }
            if b == i {
                i += 1;
                continue;
            }
            // Trailing bound nouns and suffixes are not part of a name (`등`),
            // unless they end one (`민주통합당` → 민주/통합/당).
            while b > i + 1
                && matches!(self.toks[b - 1].pos, "NNB" | "XSN")
                && !is_in(&ORG_SUFFIXES_SET, &self.toks[b - 1].s)
            {
                b -= 1;
            }
            let stem = self.slice(i, b);
            if let Some(kind) = self.org_kind(i, b, stem) {
                let generic = is_in(&INSTITUTIONS_SET, &stem);
                self.push(
                    i,
                    b,
                    kind,
                    None,
                    if generic { "institution" } else { "suffix" },
                );
                if generic && let Some(m) = self.out.last_mut() {
                    m.generic = true;
                }
                i = b;
                continue;
            }
            i += 1;
        }
    }

    fn org_kind(&self, i: usize, b: usize, stem: &str) -> Option<EntityType> {
        if is_in(&INSTITUTIONS_SET, &stem) {
            // `군` alone is too ambiguous (county, military, boy).
            return (stem != "군" && stem != "당국").then_some(EntityType::Org);
        }
        if is_in(&NOT_NAMES_SET, &stem) {
            return None;
        }
        let first = &self.toks[i];
        let chars = stem.chars().count();
        // Latin acronyms and Latin-led names.
        if first.latin() {
            let acr = first.s.to_ascii_uppercase();
            let caps = first.s.chars().filter(|c| c.is_ascii_uppercase()).count();
            if caps < 2 || is_in(&GENERIC_ACRONYMS_SET, &acr.as_str()) || first.s.len() > 10 {
                return None;
            }
            if b == i + 1
                || self.toks[i + 1..b]
                    .iter()
                    .all(|t| !t.pos.starts_with("NNG") || t.proper())
                || ORG_SUFFIXES.iter().any(|s| stem.ends_with(s))
                || b > i + 1
            {
                return Some(EntityType::Org);
            }
            return None;
        }
        if !stem.chars().all(is_hangul_syllable) {
            return None;
        }
        // Every check below needs a list entry that ends the stem: none can
        // unless one ends in the stem's last character.
        if !stem.chars().next_back().is_some_and(may_end_org_word) {
            return None;
        }
        // The stem's suffixes are looked up in the lists (a handful of
        // hash probes) rather than the lists' entries tried on the stem
        // with `ends_with` (hundreds of comparisons per word). Each check
        // below asks only whether some entry fits, so the order in which
        // entries are tried does not matter.
        // Proper suffixes (shorter than the stem), longest first, as
        // (suffix, its length in characters).
        let proper_suffixes = || {
            stem.char_indices()
                .enumerate()
                .skip(1)
                .map(move |(k, (at, _))| (&stem[at..], chars - k))
        };
        // Landmarks: a proper name with a kind of place (`신라호텔`,
        // `대천해수욕장`, `타흐리르광장`).
        let has_proper = self.toks[i..b].iter().any(|t| t.proper() || t.latin());
        if has_proper && proper_suffixes().any(|(x, _)| is_in(&LANDMARK_SUFFIXES_SET, &x)) {
            return Some(EntityType::Location);
        }
        if is_in(&NOT_ORG_ENDINGS_SET, &stem)
            || proper_suffixes().any(|(e, _)| is_in(&NOT_ORG_ENDINGS_SET, &e))
        {
            return None;
        }
        // Names ending in an organisation suffix (the whole stem is not
        // one: the name needs a head).
        let longest = *ORG_SUFFIX_MAX_CHARS;
        for (s, s_chars) in proper_suffixes() {
            if s_chars > longest || !is_in(&ORG_SUFFIXES_SET, &s) {
                continue;
            }
            let one_char = s_chars == 1;
            if one_char && chars < 3 {
                continue;
            }
            // One-syllable suffixes (`부`, `청`, `당`) only after a proper
            // noun or as the analyser's own organisation nouns.
            // Party names are compounds of common nouns (`민주통합당`).
            let party = s == "당" && chars >= 4;
            let single_org_noun = b == i + 1
                && self.toks[i].pos == "NNG"
                && chars >= 3
                && ONE_CHAR_ORG_OK.iter().any(|x| stem.ends_with(x));
            if one_char && !has_proper && !party && !single_org_noun {
                continue;
            }
            if !has_proper && chars < 5 && b > i + 1 {
                continue;
            }
            return Some(EntityType::Org);
        }
        None
    }

    /// `서울중앙지법 형사합의38부`, `수원지검 강력부`, `관악구청 복지과`: an
    /// organisation followed by one of its divisions is named as a whole.
    fn extend_subunits(&mut self) {
        let n = self.toks.len();
        let mut k = 0;
        while k < self.out.len() {
            let m = &self.out[k];
            if m.kind != EntityType::Org || m.generic {
                k += 1;
                continue;
            }
            let Some(e) = self.toks.iter().position(|t| t.bs >= m.byte_end) else {
                k += 1;
                continue;
            };
            if !self.toks[e].sp {
                k += 1;
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
            let word = if f > e { self.slice(e, f) } else { "" };
            // Divisions have short names or numbers (`강력부`, `형사1부`);
            // a long one is another organisation (`안전행정부`).
            let subunit = f > e
                && SUBUNIT_SUFFIXES.iter().any(|x| word.ends_with(x))
                && word.chars().count() >= 2
                && (word.chars().count() <= 4
                    || word.chars().any(|c| c.is_ascii_digit())
                    || word.ends_with("합의체")
                    || umbrella)
                && !self.out.iter().any(|o| {
                    o.byte_start >= self.toks[e].bs
                        && o.byte_end <= self.toks[f - 1].be
                        && !(o.kind == EntityType::Quantity
                            || (o.kind == EntityType::Org && umbrella))
                });
            if !subunit {
                k += 1;
                continue;
            }
            let (bs, be) = (self.toks[e].bs, self.toks[f - 1].be);
            self.out
                .retain(|o| !(o.byte_start >= bs && o.byte_end <= be));
            let m = &mut self.out[k];
            m.byte_end = be;
            m.end = self.toks[f - 1].end;
            m.text = self.text[m.byte_start..be].to_string();
            m.id = generated_id(EntityType::Org, &m.text);
            m.rule = "subunit";
            for c in &mut self.claimed[e..f] {
                *c = true;
            }
            k += 1;
        }
    }

    /// `‘애저 MCFS(금융 클라우드)’`: a gazetteer product followed by more of
    /// its name inside quotes becomes a product of its own.
    fn extend_products(&mut self) {
        let n = self.toks.len();
        for m in &mut self.out {
            if m.kind != EntityType::Product || m.rule != "gazetteer" {
                continue;
            }
            let Some(i) = self.toks.iter().position(|t| t.be == m.byte_end) else {
                continue;
            };
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
            let be = self.toks[b - 1].be;
            m.byte_end = be;
            m.end = self.toks[b - 1].end;
            m.text = self.text[m.byte_start..be].to_string();
            m.id = generated_id(EntityType::Product, &m.text);
            m.rule = "product-extension";
            for c in &mut self.claimed[i + 1..b] {
                *c = true;
            }
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
        has(
            "서울 강서구 화곡동의 주택",
            "서울 강서구 화곡동",
            EntityType::Location,
        );
        has("부산시는 밝혔다", "부산시", EntityType::Location);
        let f = found("업계 관계자는 CEO와 AI 서비스를 말했다");
        assert!(f.is_empty(), "{f:?}");
    }
}
