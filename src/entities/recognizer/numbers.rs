//! Numbers with units and time words → MONEY, DATE, TIME, QUANTITY
//! mentions (`1억2000만달러`, `지난해 8월`, `오후 3시`, `3명`, `10%`).

use super::Recognizer;
use crate::entities::EntityType;
use crate::entities::lexicon::*;
use crate::entities::money;

/// A word made only of numeral units (`만`, `천억`, `백만`).
fn numeral_units(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| matches!(c, '만' | '억' | '조' | '천' | '백' | '십' | '경'))
}

impl Recognizer<'_, '_> {
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
                !t.sp || self.toks[j - 1].s.ends_with(['만', '억', '조'])
            } else if t.pos == "NR" {
                // `3천억`, `2천만`: the analyser keeps 천/백/십 and the
                // myriad unit after it as one word.
                !t.sp && numeral_units(t.s)
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

    pub(super) fn number_pass(&mut self) {
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
                self.trim_number(a, b);
                i = b;
                continue;
            }
            i += 1;
        }
    }

    /// Narrows the mention just pushed for tokens `a..b` to the figure
    /// itself, as KLUE marks it: a leading hedge (`약`, `총`, `단`) stays
    /// out of the span but in the value (`approximate`), and a percent sign
    /// the analyser glued to punctuation (`%)`) is cut after the sign.
    fn trim_number(&mut self, a: usize, b: usize) {
        let hedge = b > a + 1 && self.toks[a].pos == "MM" && self.toks[a].sem.contains("수표현");
        let first = if hedge { a + 1 } else { a };
        let (next_start, next_bs) = (self.toks[first].start, self.toks[first].bs);
        let last = self.toks[b - 1].s;
        let Some(m) = self.out.last_mut() else { return };
        if hedge {
            m.start = next_start;
            m.byte_start = next_bs;
        }
        // `30분경`: the approximation is not part of the time.
        if unit_word(last) != last && unit_kind(unit_word(last)).is_some() {
            let cut = last.len() - unit_word(last).len();
            m.byte_end = self.toks[b - 1].be - cut;
            m.end = self.toks[b - 1].end - last[last.len() - cut..].chars().count();
        }
        if last.len() > 1 && (last.starts_with('%') || last.starts_with('％')) {
            let sign = last.chars().next().map_or(1, char::len_utf8);
            m.byte_end = self.toks[b - 1].bs + sign;
            m.end = self.toks[b - 1].start + 1;
        }
        m.text = self.text[m.byte_start..m.byte_end].to_string();
        if m.value.is_none() {
            m.id = crate::entities::generated_id(m.kind, &m.text);
        }
    }

    /// The end of a date word's phrase from token `e` (its end): the part
    /// of the period it names written after it (`지난달 말`, `이틀 동안`),
    /// or the half or weekday within it (`내년 상반기`, `매주 금요일`).
    fn date_parts_after(&self, mut e: usize) -> usize {
        let n = self.toks.len();
        while e < n && self.toks[e].sp {
            let mut f = e + 1;
            while f < n && !self.toks[f].sp && !self.toks[f].pos.starts_with('J') {
                f += 1;
            }
            let word = self.slice(e, f);
            let part = f == e + 1
                && self.toks[e].pos.starts_with("NN")
                && DATE_SUFFIXES.contains(&word)
                && !matches!(word, "중" | "께");
            let within = matches!(word, "상반기" | "하반기")
                || (word.ends_with("요일")
                    && word
                        .chars()
                        .all(crate::entities::romanize::is_hangul_syllable));
            if !(part || within) {
                break;
            }
            e = f;
        }
        e
    }

    /// A number expression around token `i`: (start, end, type).
    fn number_expr(&self, i: usize) -> Option<(usize, usize, EntityType)> {
        let n = self.toks.len();
        let t = &self.toks[i];
        // Time and date words on their own (`이날`, `오후`, `수요일`,
        // `한글날`), possibly followed by a number expression (`지난해 8월`,
        // `오후 3시`). The analyser may split the word (`다음`+`달`,
        // `오`+`는`), so the whole word is compared.
        if self.word_start(i) {
            let mut e = i + 1;
            while e < n && !self.toks[e].sp && !self.toks[e].pos.starts_with('J') {
                e += 1;
            }
            let word = self.slice(i, e);
            let listed = date_time_word(word);
            let is_date_word = (listed & DATE_WORD != 0 || word.ends_with("요일"))
                && word
                    .chars()
                    .all(crate::entities::romanize::is_hangul_syllable);
            let is_time_word = listed & TIME_WORD != 0;
            let is_prefix = listed & DATE_PREFIX != 0;
            if is_date_word || is_time_word || is_prefix {
                if let Some((_, b, kind)) = self
                    .toks
                    .get(e)
                    .filter(|u| u.sp)
                    .and_then(|_| self.unit_expr(e))
                {
                    let kind = if is_time_word { EntityType::Time } else { kind };
                    if kind != EntityType::Quantity && kind != EntityType::Money {
                        return Some((i, b, kind));
                    }
                }
                if is_date_word {
                    return Some((i, self.date_parts_after(e), EntityType::Date));
                }
                if is_time_word {
                    return Some((i, e, EntityType::Time));
                }
                return None;
            }
        }
        // `한 달`, `석 달`, `한 해`: spans of time.
        if t.pos.starts_with("MM")
            && matches!(t.s, "한" | "두" | "세" | "석" | "넉" | "몇")
            && self
                .toks
                .get(i + 1)
                .is_some_and(|u| u.sp && matches!(u.s, "달" | "해"))
        {
            return Some((i, i + 2, EntityType::Date));
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
        // `두 번째`, `한 명`, `두 회사` (but `한 관계자` is "an official" and
        // `첫 방송` "the first broadcast").
        if t.pos.starts_with("MM") && NUMERAL_DETERMINERS.contains(&t.s) && i + 1 < n {
            let u = &self.toks[i + 1];
            let counted_noun = u.pos == "NNG" && !matches!(t.s, "한" | "첫");
            if u.sp && (u.pos == "NNBC" || counted_noun) {
                let mut b = i + 2;
                if self.s(b) == "째" {
                    b += 1;
                }
                return Some((i, b, EntityType::Quantity));
            }
        }
        // `하나` on its own is a number.
        if t.pos == "NR"
            && matches!(t.s, "하나" | "둘" | "셋" | "넷")
            && self.word_start(i)
            && self
                .toks
                .get(i + 1)
                .is_none_or(|u| u.sp || u.pos.starts_with('J'))
        {
            return Some((i, i + 1, EntityType::Quantity));
        }
        // A Korean numeral inside a word is a piece of it (`비츠로넷`).
        if t.pos == "NR" && !t.number() && !self.word_start(i) {
            return None;
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
        // A bare four-digit figure from 1900 to 2099 is a year (`2014 시즌`).
        let year = j == i + 1
            && self.toks[i].s.len() == 4
            && (self.toks[i].s.starts_with("19") || self.toks[i].s.starts_with("20"));
        let bare = if year {
            EntityType::Date
        } else {
            EntityType::Quantity
        };
        let Some(u) = self.toks.get(j).filter(|u| !u.sp || u.pos == "NNBC") else {
            return digits.then_some((i, j, bare));
        };
        // `이 모 씨` is Mr Lee, not two of something.
        if !digits && matches!(u.s, "모" | "씨") {
            return None;
        }
        let kind = if u.s.starts_with('%') || u.s.starts_with('％') {
            EntityType::Quantity
        } else if u.latin() {
            if !is_latin_unit(u.s) {
                return digits.then_some((i, j, EntityType::Quantity));
            }
            EntityType::Quantity
        } else if let Some(k) = unit_kind(unit_word(u.s)) {
            // `5분의 3` is a fraction, not minutes.
            if u.s == "분" && self.s(j + 1) == "의" {
                let b = self.number_end(j + 2);
                return (b > j + 2).then_some((i, b, EntityType::Quantity));
            }
            k
        } else if u.pos == "NNBC" || (u.pos.starts_with("NN") && is_in(&COUNTER_NOUNS_SET, &u.s)) {
            EntityType::Quantity
        } else if digits && !u.sp && u.pos == "NNG" && !u.s.is_ascii() {
            // A title glued to a figure after a noun names a post in a
            // numbered department (`사회1부장`, `경제2부장`), not an amount.
            if is_in(&TITLES_SET, &u.s) && i > 0 && !self.toks[i].sp && self.toks[i - 1].noun() {
                return None;
            }
            // Any noun glued to a figure counts or ranks (`8강`, `1심`,
            // `29라운드`, `4호선`).
            EntityType::Quantity
        } else {
            return digits.then_some((i, j, EntityType::Quantity));
        };
        let mut b = j + 1;
        // `100여명` has 여 after the unit too (`1시간여`); `5년간`, `1990년대`.
        if self.s(b) == "여" && !self.toks[b].sp {
            b += 1;
        }
        if kind == EntityType::Date && matches!(self.s(b), "간" | "대") && !self.toks[b].sp {
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
                        && unit_kind(unit_word(u2.s)) == Some(kind)
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
                        && unit_kind(unit_word(u2.s)) == Some(kind)
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
}

/// A unit token without a glued approximation (`분경` → `분`, `시께` → `시`).
fn unit_word(s: &str) -> &str {
    for suffix in ["경", "께", "쯤"] {
        if let Some(head) = s.strip_suffix(suffix)
            && unit_kind(head).is_some()
        {
            return head;
        }
    }
    s
}
