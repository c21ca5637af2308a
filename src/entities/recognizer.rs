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
//! 1. gazetteer names (longest match over up to six tokens);
//! 2. numbers with units and time words → MONEY, DATE, TIME, QUANTITY
//!    (`1억2000만달러`, `지난해 8월`, `오후 3시`, `3명`, `10%`);
//! 3. people: the dictionary's 인명 class, surname + given name before a
//!    title (`권하영 기자`), a bare surname before a title (`김 대표`, a short
//!    form), an initial before `씨` (`A씨`);
//! 4. places: the dictionary's 지명 class with administrative suffixes;
//! 5. organisations: names ending in an organisation suffix (`전자`,
//!    `위원회`, `경찰서`…), Latin acronyms that are not generic (`MBC`, not
//!    `CEO`), institutions (`경찰`, `정부`, flagged generic);
//! 6. product names that extend a gazetteer product inside quotes
//!    (`‘애저 MCFS(금융 클라우드)’` → `애저 MCFS`).

use super::date::{self, Date};
use super::gazetteer::Gazetteer;
use super::lexicon::*;
use super::money;
use super::romanize::{is_hangul_syllable, surname};
use super::{EntityType, Mention, Value, generated_id};
use crate::text::{Analyzer, Token, Word};

/// A token with the facts the rules need.
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
    /// A dictionary compound of common nouns (`집행유예` = 집행+유예), which
    /// mecab-ko-dic files under NNP but which names no particular thing.
    common_compound: bool,
}

impl Tok<'_> {
    fn noun(&self) -> bool {
        matches!(
            self.pos,
            "NNG" | "NNP" | "NNB" | "NNBC" | "NR" | "NP" | "SL" | "SH" | "SN" | "XSN" | "XPN"
        )
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

struct Recognizer<'a, 't> {
    text: &'t str,
    toks: Vec<Tok<'t>>,
    claimed: Vec<bool>,
    gazetteer: &'a Gazetteer,
    published: Option<Date>,
    out: Vec<Mention>,
}

/// Finds the mentions in `text`, given its tokens.
pub fn recognize<'t>(
    analyzer: &'t Analyzer,
    gazetteer: &Gazetteer,
    text: &'t str,
    tokens: &[Token<'t>],
    published: Option<Date>,
) -> Vec<Mention> {
    let mut toks = Vec::with_capacity(tokens.len());
    let mut prev_end = 0;
    for t in tokens {
        let mut f = analyzer.features(t.word);
        let pos = f.next().unwrap_or("*");
        let sem = f.next().unwrap_or("*");
        let kind = f.nth(2).unwrap_or("*");
        let expression = f.nth(2).unwrap_or("*");
        let common_compound =
            kind == "Compound" && expression.split('+').all(|part| part.contains("/NNG/"));
        toks.push(Tok {
            s: t.surface,
            pos,
            sem,
            sp: t.byte_start > prev_end || toks.is_empty(),
            start: t.start,
            end: t.end,
            bs: t.byte_start,
            be: t.byte_end,
            unknown: matches!(t.word, Word::Unknown(_)),
            common_compound,
        });
        prev_end = t.byte_end;
    }
    let n = toks.len();
    let mut r = Recognizer {
        text,
        toks,
        claimed: vec![false; n],
        gazetteer,
        published,
        out: Vec::new(),
    };
    r.gazetteer_pass();
    r.extend_products();
    r.number_pass();
    r.person_pass();
    r.place_pass();
    r.org_pass();
    r.proper_noun_pass();
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
                matches!(x.rule, "dictionary" | "joined" | "proper-noun")
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
                && matches!(m.rule, "institution" | "suffix");
            let joinable = gap == " "
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
        i == 0
            || self.toks[i].sp
            || matches!(
                self.toks[i - 1].pos,
                "SF" | "SP" | "SS" | "SSO" | "SSC" | "SE" | "SO" | "SY"
            )
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
        let mut i = 0;
        while i < n {
            let mut found = None;
            if self.toks[i].noun() || self.toks[i].pos == "SY" {
                // Longest gazetteer key over tokens i..j, built one token at
                // a time and abandoned as soon as no key starts with it.
                let mut key = String::new();
                let mut best = None;
                for j in i + 1..=(i + 6).min(n) {
                    let t = &self.toks[j - 1];
                    key.extend(
                        t.s.chars()
                            .filter(|c| !c.is_whitespace())
                            .flat_map(char::to_lowercase),
                    );
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
                                || (t.pos == "NNG" && ORG_SUFFIXES.contains(&t.s)))
                    });
                    // `서울중앙지법` is a court, not Seoul.
                    let glued_right = glued_right
                        || (e.kind == EntityType::Location
                            && self.toks.get(j).is_some_and(|t| !t.sp && t.pos == "NNG"));
                    let glued_left = i > 0
                        && !self.toks[i].sp
                        && (self.toks[i - 1].proper() || self.toks[i - 1].latin());
                    if !glued_right && !glued_left {
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

    /// The end of a number starting at `i` (digits, 만/억/조, separators,
    /// ranges), or `i` when there is none.
    fn number_end(&self, i: usize) -> usize {
        let n = self.toks.len();
        let mut j = i;
        while j < n {
            let t = &self.toks[j];
            let ok = if j == i {
                t.number() || (t.pos == "NR" && money::parse_number(t.s).is_some())
            } else if t.number() {
                // `8만 8000`: a space is allowed after a myriad unit.
                !t.sp || matches!(self.toks[j - 1].s, "만" | "억" | "조")
            } else if t.pos == "NR" {
                !t.sp && matches!(t.s, "만" | "억" | "조" | "천" | "백" | "십" | "경")
            } else if matches!(t.s, "," | "." | "-" | "~" | "∼" | "〜") {
                !t.sp && self.toks.get(j + 1).is_some_and(|u| u.number() && !u.sp)
            } else {
                t.s == "여" && !t.sp && t.pos.starts_with("XSN")
            };
            if !ok {
                break;
            }
            j += 1;
        }
        j
    }

    fn number_pass(&mut self) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            if self.claimed[i] {
                i += 1;
                continue;
            }
            if let Some((a, b, kind)) = self.number_expr(i)
                && self.free(a, b)
            {
                self.push(a, b, kind, None, "number");
                i = b;
                continue;
            }
            i += 1;
        }
    }

    /// A number expression around token `i`: (start, end, type).
    fn number_expr(&self, i: usize) -> Option<(usize, usize, EntityType)> {
        let n = self.toks.len();
        let t = &self.toks[i];
        // Time and date words on their own (`이날`, `오후`), possibly
        // followed by a number expression (`지난해 8월`, `오후 3시`).
        let is_date_word = DATE_WORDS.contains(&t.s) && t.pos.starts_with('N');
        let is_time_word = TIME_WORDS.contains(&t.s) && t.pos.starts_with('N');
        let is_prefix = DATE_PREFIXES.contains(&t.s);
        if (is_date_word || is_time_word || is_prefix) && self.word_start(i) {
            // Glued to a following noun it is part of another word (`올해`
            // is fine, `밤하늘` is not).
            if self
                .toks
                .get(i + 1)
                .is_some_and(|u| !u.sp && u.pos.starts_with("NN"))
            {
                return None;
            }
            if let Some((_, b, kind)) = self
                .toks
                .get(i + 1)
                .filter(|u| u.sp)
                .and_then(|_| self.unit_expr(i + 1))
            {
                let kind = if is_time_word { EntityType::Time } else { kind };
                if kind != EntityType::Quantity && kind != EntityType::Money {
                    return Some((i, b, kind));
                }
            }
            if is_date_word {
                return Some((i, i + 1, EntityType::Date));
            }
            if is_time_word {
                return Some((i, i + 1, EntityType::Time));
            }
            return None;
        }
        // `제1차`
        if t.s == "제"
            && t.pos.starts_with("XPN")
            && let Some((_, b, kind)) = self
                .toks
                .get(i + 1)
                .filter(|u| !u.sp)
                .and_then(|_| self.unit_expr(i + 1))
        {
            return Some((i, b, kind));
        }
        // `약 1658억원`: the hedge belongs to the amount.
        if t.pos == "MM"
            && t.sem.contains("수표현")
            && let Some((_, b, kind)) = self
                .toks
                .get(i + 1)
                .filter(|u| u.sp)
                .and_then(|_| self.unit_expr(i + 1))
            && (kind == EntityType::Money || kind == EntityType::Quantity)
        {
            return Some((i, b, kind));
        }
        // `두 번째`, `한 명`
        if NUMERAL_DETERMINERS.contains(&t.s) && t.pos.starts_with("MM") && i + 1 < n {
            let u = &self.toks[i + 1];
            if u.sp && u.pos == "NNBC" {
                let mut b = i + 2;
                if self.s(b) == "째" {
                    b += 1;
                }
                return Some((i, b, EntityType::Quantity));
            }
        }
        if t.number() || t.pos == "NR" {
            // Part of an alphanumeric name (`2NE1`, `G7`).
            if i > 0 && !t.sp && self.toks[i - 1].latin() {
                return None;
            }
            if i + 1 < n && !self.toks[i + 1].sp && self.toks[i + 1].latin() && t.number() {
                let u = self.toks[i + 1].s;
                if !is_latin_unit(u) {
                    return None;
                }
            }
            return self.unit_expr(i);
        }
        None
    }

    /// A number followed by its unit, chained (`2010년 5월`, `5시 30분`,
    /// `1년7개월`), from token `i`.
    fn unit_expr(&self, i: usize) -> Option<(usize, usize, EntityType)> {
        let n = self.toks.len();
        let j = self.number_end(i);
        if j == i {
            return None;
        }
        // Korean-only numerals (`하나`, `일`) need a unit to be numbers.
        let digits = self.toks[i..j].iter().any(|t| t.number());
        let Some(u) = self.toks.get(j).filter(|u| !u.sp || u.pos == "NNBC") else {
            return digits.then_some((i, j, EntityType::Quantity));
        };
        // `이 모 씨` is Mr Lee, not two of something.
        if !digits && matches!(u.s, "모" | "씨") {
            return None;
        }
        let kind = if u.s == "%" || u.s == "％" {
            EntityType::Quantity
        } else if u.latin() {
            if !is_latin_unit(u.s) {
                return digits.then_some((i, j, EntityType::Quantity));
            }
            EntityType::Quantity
        } else if let Some(k) = unit_kind(u.s) {
            // `5분의 3` is a fraction, not minutes.
            if u.s == "분" && self.s(j + 1) == "의" {
                let b = self.number_end(j + 2);
                return (b > j + 2).then_some((i, b, EntityType::Quantity));
            }
            k
        } else if u.pos == "NNBC" || (u.pos.starts_with("NN") && COUNTER_NOUNS.contains(&u.s)) {
            EntityType::Quantity
        } else {
            return digits.then_some((i, j, EntityType::Quantity));
        };
        let mut b = j + 1;
        // `100여명` has 여 after the unit too (`1시간여`).
        if self.s(b) == "여" && !self.toks[b].sp {
            b += 1;
        }
        if self.s(b) == "째" && !self.toks[b].sp {
            b += 1;
        }
        // Chain further date or time parts.
        if kind == EntityType::Date || kind == EntityType::Time {
            loop {
                if b < n
                    && DATE_SUFFIXES.contains(&self.s(b))
                    && kind == EntityType::Date
                    && self.s(b) != "께"
                    && self.toks[b].pos.starts_with("NN")
                {
                    b += 1;
                    continue;
                }
                if b < n && (self.toks[b].number()) {
                    let e = self.number_end(b);
                    if let Some(u2) = self.toks.get(e)
                        && unit_kind(u2.s) == Some(kind)
                        && (!u2.sp)
                    {
                        b = e + 1;
                        continue;
                    }
                }
                // Ranges `오전 1시∼3시`
                if b + 1 < n
                    && matches!(self.s(b), "~" | "∼" | "-" | "〜")
                    && self.toks[b + 1].number()
                {
                    let e = self.number_end(b + 1);
                    if let Some(u2) = self.toks.get(e)
                        && unit_kind(u2.s) == Some(kind)
                    {
                        b = e + 1;
                        continue;
                    }
                }
                break;
            }
        }
        Some((i, b, kind))
    }

    fn person_pass(&mut self) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            if self.claimed[i] {
                i += 1;
                continue;
            }
            if let Some((b, rule, short)) = self.person_at(i)
                && self.free(i, b)
            {
                // A foreign given name before the family name (`딕 코스톨로`).
                let mut a = i;
                if rule == "dictionary"
                    && !korean_name(self.slice(i, b))
                    && i > 0
                    && self.toks[i].sp
                    && self.word_start(i - 1)
                    && self.toks[i - 1].sem == "인명"
                    && self.name_word(i - 1)
                {
                    a = i - 1;
                }
                self.push(a, b, EntityType::Person, None, rule);
                if let Some(m) = self.out.last_mut() {
                    m.short_form = short;
                    // `허씨`, `윤모` as one token: the surname alone is the name.
                    let mut cs = m.text.chars();
                    if let (Some(first), Some(last), None) = (cs.next(), cs.next(), cs.next())
                        && matches!(last, '씨' | '모')
                        && surname(first.encode_utf8(&mut [0; 4])).is_some()
                    {
                        m.byte_end = m.byte_start + first.len_utf8();
                        m.end = m.start + 1;
                        m.text = first.to_string();
                        m.id = generated_id(EntityType::Person, &m.text);
                        m.short_form = true;
                    }
                }
                i = b;
                continue;
            }
            i += 1;
        }
    }

    /// Whether token `j` is a whole word that can be part of a foreign
    /// name: a proper noun or unknown Hangul word, with at most a particle
    /// after it.
    fn name_word(&self, j: usize) -> bool {
        let t = &self.toks[j];
        !self.claimed[j]
            && (t.proper() || t.unknown)
            && t.s.chars().all(is_hangul_syllable)
            && !TITLES.contains(&t.s)
            && !NOT_NAMES.contains(&t.s)
            && self.toks.get(j + 1).is_none_or(|u| {
                u.sp || u.pos.starts_with('J') || u.pos.starts_with('S') || u.pos == "VCP"
            })
    }

    /// Whether a title follows token `j` (in the same word or the next).
    fn title_at(&self, j: usize) -> bool {
        let Some(t) = self.toks.get(j) else {
            return false;
        };
        if TITLES.contains(&t.s) {
            return true;
        }
        // `구 전 대표`
        t.s == "전"
            && t.sp
            && self
                .toks
                .get(j + 1)
                .is_some_and(|u| u.sp && TITLES.contains(&u.s))
    }

    fn person_at(&self, i: usize) -> Option<(usize, &'static str, bool)> {
        let n = self.toks.len();
        let t = &self.toks[i];
        if !self.word_start(i) {
            return None;
        }
        // `신동주 전 부회장`: `전` after a name means "former"; `이 모 씨`:
        // `모` after a surname is "a certain".
        if t.s.chars().count() == 1
            && i > 0
            && self
                .out
                .iter()
                .any(|m| m.kind == EntityType::Person && m.byte_end == self.toks[i - 1].be)
        {
            return None;
        }
        // `A씨`, `B 씨`, `A(57)씨`
        if t.latin() && t.s.len() == 1 && t.s.chars().all(|c| c.is_ascii_uppercase()) {
            let mut k = i + 1;
            if self.s(k) == "(" {
                while k < n && self.s(k) != ")" && k < i + 8 {
                    k += 1;
                }
                k += 1;
            }
            if matches!(self.s(k), "씨" | "군" | "양" | "모씨") {
                return Some((i + 1, "initial", true));
            }
            return None;
        }
        // `김모(48)씨`, `이모 씨`, `이씨`: the surname alone names the person.
        {
            let mut cs = t.s.chars();
            if let (Some(_), Some(second), None) = (cs.next(), cs.next(), cs.next())
                && surname(first_char(t.s)).is_some()
                && (second == '씨'
                    || (second == '모'
                        && (matches!(self.s(i + 1), "(" | "씨" | "군" | "양")
                            || (self.toks.get(i + 1).is_some_and(|u| u.sp)
                                && self.title_at(i + 1)))))
            {
                return Some((i + 1, "short-form", true));
            }
        }
        if !t.s.chars().all(is_hangul_syllable) {
            return None;
        }
        // The dictionary's person class.
        if t.sem == "인명" && t.proper() {
            let mut b = i + 1;
            while b < n && !self.toks[b].sp && self.toks[b].sem == "인명" && self.toks[b].proper()
            {
                b += 1;
            }
            let name = self.slice(i, b);
            let chars = name.chars().count();
            // `김모 씨`, `김모(48)씨`: the surname alone.
            if chars == 1 && self.s(b) == "모" && !self.toks[b].sp {
                return Some((b, "short-form", true));
            }
            if b == i + 2 && self.toks[i + 1].s == "모" {
                return Some((i + 1, "short-form", true));
            }
            // A glued common noun makes it another word, unless it is a
            // title (`박지민기자`).
            if self
                .toks
                .get(b)
                .is_some_and(|u| !u.sp && (u.pos == "NNG" || u.proper()) && !TITLES.contains(&u.s))
            {
                return None;
            }
            if chars == 1 {
                return (surname(name).is_some() && self.title_at(b)).then_some((
                    b,
                    "short-form",
                    true,
                ));
            }
            // Foreign names are several words (`블레이크 라이블리`, `딕
            // 코스톨로`): take the following name-like words too.
            if !korean_name(name) {
                while b < n && self.toks[b].sp && self.name_word(b) {
                    b += 1;
                }
            }
            if NOT_NAMES.contains(&name) {
                return None;
            }
            return Some((b, "dictionary", false));
        }
        // A name followed by an age in parentheses: `백남기(69)씨`,
        // `윤길자(69·여)`.
        if surname(first_char(t.s)).is_some() {
            let mut b = i + 1;
            while b < n && !self.toks[b].sp && self.toks[b].s.chars().all(is_hangul_syllable) {
                b += 1;
            }
            let chars = self.slice(i, b).chars().count();
            let age = self.s(b) == "("
                && self
                    .toks
                    .get(b + 1)
                    .is_some_and(|u| u.number() && u.s.len() <= 3)
                && matches!(self.s(b + 2), ")" | "·" | "," | "." | "세" | "살");
            if (2..=4).contains(&chars) && age && b > i {
                // Dictionary words (`사람(3)`) are not names.
                let one_word = b == i + 1 && !t.unknown && t.sem != "인명";
                if !one_word {
                    return Some((b, "age", false));
                }
            }
        }
        // Surname + given name the dictionary does not know, before a title:
        // `권하영 기자`, `권하영기자`.
        if let Some(sn) = surname(first_char(t.s)) {
            let _ = sn;
            for len in 1..=3 {
                let b = i + len;
                if b > n || (b > i + 1 && self.toks[b - 1].sp) {
                    break;
                }
                let name = self.slice(i, b);
                let chars = name.chars().count();
                if !(2..=4).contains(&chars) || !name.chars().all(is_hangul_syllable) {
                    if chars > 4 {
                        break;
                    }
                    continue;
                }
                // One known common word is a word (`정부 대표`), not a name;
                // a split name starts with the surname on its own (`권|하영`,
                // not `이사|회`).
                if len == 1 && !t.unknown && t.pos != "NNP" {
                    continue;
                }
                if len > 1 && (t.s.chars().count() != 1 || !(t.unknown || t.pos.starts_with("NN")))
                {
                    break;
                }
                if self.toks.get(b).is_some_and(|u| {
                    TITLES.contains(&u.s) && !matches!(u.s, "군" | "양" | "위원" | "이사회")
                }) && (b == n - 1
                    || !self
                        .toks
                        .get(b + 1)
                        .is_some_and(|u| !u.sp && u.pos.starts_with("NN")))
                {
                    return Some((b, "title", false));
                }
            }
            // A bare surname before a title: `김 대표`, `구 전 대표`, `이씨`,
            // `이 모 씨`. `전`/`현` before a title mean "former"/"current".
            if t.s.chars().count() == 1 {
                let next = self.s(i + 1);
                if next == "모" && matches!(self.s(i + 2), "씨" | "군" | "양" | "(") {
                    return Some((i + 1, "short-form", true));
                }
                if self.title_at(i + 1) {
                    let address = matches!(next, "씨" | "모씨" | "군" | "양");
                    if matches!(t.s, "전" | "현" | "고" | "신") && !address && next != "전" {
                        return None;
                    }
                    return Some((i + 1, "short-form", true));
                }
            }
            // `김 모씨`, `안모 씨`
            if t.s.chars().count() == 2 && t.s.ends_with('모') && matches!(self.s(i + 1), "씨") {
                return None;
            }
        }
        None
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
                        || (PLACE_SUFFIXES.contains(&self.toks[b].s)
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
                    && self.toks[b].s.chars().count() >= 2
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
            let mut b = i;
            while b < n && (b == i || !self.toks[b].sp) && self.toks[b].noun() && !self.claimed[b] {
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
            // Trailing bound nouns and suffixes are not part of a name (`등`).
            while b > i + 1 && matches!(self.toks[b - 1].pos, "NNB" | "XSN") {
                b -= 1;
            }
            let stem = self.slice(i, b);
            if let Some(kind) = self.org_kind(i, b, stem) {
                let generic = INSTITUTIONS.contains(&stem);
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
        if INSTITUTIONS.contains(&stem) {
            // `군` alone is too ambiguous (county, military, boy).
            return (stem != "군" && stem != "당국").then_some(EntityType::Org);
        }
        if NOT_NAMES.contains(&stem) {
            return None;
        }
        let first = &self.toks[i];
        let chars = stem.chars().count();
        // Latin acronyms and Latin-led names.
        if first.latin() {
            let acr = first.s.to_ascii_uppercase();
            let caps = first.s.chars().filter(|c| c.is_ascii_uppercase()).count();
            if caps < 2 || GENERIC_ACRONYMS.contains(&acr.as_str()) || first.s.len() > 10 {
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
        // Names ending in an organisation suffix.
        for s in ORG_SUFFIXES {
            if let Some(head) = stem.strip_suffix(s) {
                let head_chars = head.chars().count();
                let one_char = s.chars().count() == 1;
                if head_chars == 0 || (one_char && chars < 3) {
                    continue;
                }
                // One-syllable suffixes (`부`, `청`, `당`) only after a proper
                // noun or as the analyser's own organisation nouns.
                let has_proper = self.toks[i..b].iter().any(|t| t.proper() || t.latin());
                if one_char
                    && !has_proper
                    && !(b == i + 1
                        && self.toks[i].pos == "NNG"
                        && chars >= 3
                        && ONE_CHAR_ORG_OK.iter().any(|x| stem.ends_with(x)))
                {
                    continue;
                }
                if !has_proper && chars < 5 && b > i + 1 {
                    continue;
                }
                return Some(EntityType::Org);
            }
        }
        None
    }

    /// Remaining proper nouns that the dictionary does not class as a
    /// person or place, standing as a word of their own (`참여연대는`,
    /// `다저스의`), are most often organisations in news.
    fn proper_noun_pass(&mut self) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            let t = &self.toks[i];
            if self.claimed[i] || !t.proper() || t.sem != "*" || !self.word_start(i) {
                i += 1;
                continue;
            }
            let mut b = i + 1;
            while b < n
                && !self.toks[b].sp
                && !self.claimed[b]
                && (self.toks[b].proper() || self.toks[b].pos == "NNG")
            {
                b += 1;
            }
            let stem = self.slice(i, b);
            let ends_word = self.toks.get(b).is_none_or(|u| {
                u.sp || u.pos.starts_with('J') || u.pos.starts_with('S') || u.pos == "VCP"
            });
            if ends_word
                && stem.chars().count() >= 2
                && !NOT_NAMES.contains(&stem)
                && self.toks[i..b]
                    .iter()
                    .all(|t| t.proper() && !t.common_compound)
            {
                self.push(i, b, EntityType::Org, None, "proper-noun");
            }
            i = b;
        }
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
            let mut f = e;
            while f < n
                && (f == e || !self.toks[f].sp)
                && (self.toks[f].noun() || self.toks[f].number())
                && !self.toks[f].pos.starts_with('J')
            {
                f += 1;
            }
            let word = if f > e { self.slice(e, f) } else { "" };
            let subunit = f > e
                && SUBUNIT_SUFFIXES.iter().any(|x| word.ends_with(x))
                && word.chars().count() >= 2
                && !self.out.iter().any(|o| {
                    o.byte_start >= self.toks[e].bs
                        && o.byte_end <= self.toks[f - 1].be
                        && !matches!(o.kind, EntityType::Quantity | EntityType::Org)
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
