//! Names the dictionary does not know, typed by the construction that
//! introduces them rather than by their form:
//!
//! * a descriptor noun in apposition (`시장조사업체 카운터포인트리서치`,
//!   `전장 업체인 하만`, `드라마 '연인'`, `가수 이적`), and a list before
//!   `같은`/`등` and a descriptor (`맥그로힐, 피어슨 같은 출판기업`);
//! * `X(대표 Y)`: X an organisation, Y its head;
//! * `Y X 대표`: a person's name, an organisation, a title;
//! * quoted names with what is said of them: a descriptor after the quote
//!   (`'초이스 데이' 이벤트`), a verb of products or works (`'X'를
//!   출시했다`, `출시한 'X'`, `'X'에 출연했다`), a role (`'X' 역`).
//!
//! These run before the person pass, so a company whose name the
//! dictionary cuts into person-name pieces is not taken for a person.

use std::collections::{HashMap, HashSet};

use super::{Recognizer, first_char, korean_name, punctuation_pos};
use crate::FastHash;
use crate::entities::lexicon::*;
use crate::entities::romanize::{is_hangul_syllable, surname};
use crate::entities::{EntityType, generated_id};

/// Longest quoted name taken, in characters.
const MAX_QUOTED_CHARS: usize = 40;

/// Quote marks that open a name, with the mark that closes it.
fn closing_quote(open: &str) -> Option<&'static str> {
    Some(match open {
        "‘" => "’",
        "“" => "”",
        "'" => "'",
        "\"" => "\"",
        "「" => "」",
        "『" => "』",
        "《" => "》",
        "〈" => "〉",
        "<" => ">",
        _ => return None,
    })
}

impl Recognizer<'_, '_> {
    pub(super) fn context_pass(&mut self) {
        self.head_in_parentheses();
        self.person_org_title();
        self.descriptor_apposition();
        self.listed_before_descriptor();
        self.quoted_names();
    }

    /// `CES 2024`, `MWC 2023`, `코리아 나라장터 엑스포 2025`: a Latin acronym
    /// or an event word with a year after it names one edition of an event
    /// (even an acronym the lists call generic: `CES` alone is a word).
    /// Runs before the number pass, which would take the year for a date.
    pub(super) fn edition_events(&mut self) {
        let n = self.toks.len();
        for y in 1..n {
            let t = &self.toks[y];
            let year = t.number()
                && t.s.len() == 4
                && (t.s.starts_with("19") || t.s.starts_with("20"))
                && self
                    .toks
                    .get(y + 1)
                    .is_none_or(|u| u.sp || u.pos.starts_with('J') || punctuation_pos(u.pos));
            if !year || self.claimed[y] || self.claimed[y - 1] {
                continue;
            }
            let p = y - 1;
            let prev = &self.toks[p];
            // The word before the year: a Latin acronym of capitals.
            if prev.latin()
                && prev.word_start
                && prev.s.len() >= 2
                && prev.s.chars().all(|c| c.is_ascii_uppercase())
            {
                self.push(p, y + 1, EntityType::Event, None, "edition");
                continue;
            }
            // Or a word that is or ends in an event ending (`엑스포`), with
            // up to three name words before it.
            if !t.sp {
                continue;
            }
            let mut w = p;
            while w > 0 && !self.toks[w].word_start {
                w -= 1;
            }
            let Some(e) = self.noun_stem_end(w) else {
                continue;
            };
            let word = self.slice(w, e);
            let event_word = e == y
                && (self.vocab.ending(word).and_then(|(x, _)| x.kind) == Some(EntityType::Event)
                    || self.vocab.is_event_ending(word));
            if !event_word {
                continue;
            }
            let mut a = w;
            for _ in 0..3 {
                if a == 0 || !self.toks[a].sp {
                    break;
                }
                let mut b = a - 1;
                while b > 0 && !self.toks[b].word_start {
                    b -= 1;
                }
                if self.noun_stem_end(b) != Some(a) || !self.free(b, a) {
                    break;
                }
                let before = self.slice(b, a);
                if date_time_word(before) != 0
                    || !self.toks[b..a].iter().any(|t| t.proper() || t.latin())
                        && !self.vocab.is_loanword(before)
                {
                    break;
                }
                a = b;
            }
            self.push(a, y + 1, EntityType::Event, None, "edition");
        }
    }

    /// The quoted span opening at token `o`: the index of the closing
    /// quote, when it closes within [`MAX_QUOTED_CHARS`] on the same line
    /// and holds something.
    pub(super) fn quote_at(&self, o: usize) -> Option<usize> {
        let close = closing_quote(self.s(o))?;
        let n = self.toks.len();
        let limit = self.toks[o].end + MAX_QUOTED_CHARS + 1;
        let mut c = o + 1;
        while c < n && self.toks[c].end <= limit {
            if self.text[self.toks[c - 1].be..self.toks[c].bs].contains('\n') {
                return None;
            }
            // The analyser may glue punctuation after the closing quote
            // into one token (`'(`, `',`).
            let closes = self.s(c).strip_prefix(close).is_some_and(|rest| {
                rest.chars()
                    .all(|ch| matches!(ch, '(' | ')' | ',' | '.' | '·' | '['))
            });
            if closes {
                return (c > o + 1).then_some(c);
            }
            // A quote opening inside another is not this one's end.
            if c > o + 1 && closing_quote(self.s(c)).is_some() && self.s(c) != close {
                return None;
            }
            c += 1;
        }
        None
    }

    /// Whether the tokens `i..j` read as a name of type `kind` after a
    /// descriptor: a Latin word (not a generic acronym), a proper noun or
    /// a word the dictionary does not know, or a loanword compound; for
    /// people also a short common word (stage names: `가수 거미`).
    fn name_like(&self, i: usize, j: usize, kind: EntityType) -> bool {
        if i >= j || !self.free(i, j) {
            return false;
        }
        let stem = self.slice(i, j);
        if self.vocab.is_relational(stem)
            || self.vocab.is_not_name(stem)
            || self.vocab.institution(stem).is_some()
            || is_in(&TITLES_SET, &stem)
            || date_time_word(stem) != 0
            || self.vocab.descriptor(stem).is_some()
            || self.toks[i..j].iter().any(|t| is_in(&TITLES_SET, &t.s))
        {
            return false;
        }
        if self.ends_in_descriptor(stem) {
            return false;
        }
        let first = &self.toks[i];
        if first.latin() || (first.number() && self.toks[i + 1..j].iter().any(|t| t.latin())) {
            // People after a descriptor are written in Hangul (`방송인` is
            // also `방송`+`인`: "CNBC, a broadcaster").
            return kind != EntityType::Person && !(j == i + 1 && self.generic_acronym(first.s));
        }
        if !stem.chars().all(is_hangul_syllable) {
            return false;
        }
        let last = &self.toks[j - 1];
        if j == i + 1 {
            if first.proper() || first.unknown {
                return true;
            }
            // A person's stage name may be any short word (`가수 거미`),
            // but not an action or state noun (`배우 섭외`), and it ends its
            // noun phrase.
            return kind == EntityType::Person
                && first.pos == "NNG"
                && first.sem == "*"
                && first.chars <= 3
                && self
                    .toks
                    .get(j)
                    .is_none_or(|u| !u.sp && (u.pos.starts_with('J') || u.pos.starts_with('S')));
        }
        // Derived common nouns (`이용자`, `개발자들`) are not names.
        if last.pos == "XSN" && !self.toks[i..j].iter().any(|t| t.proper() || t.unknown) {
            return false;
        }
        self.toks[i..j].iter().any(|t| t.proper() || t.unknown) || self.vocab.is_loanword(stem)
    }

    /// The name introduced at token `k` (after a descriptor): a quoted span
    /// (its content), or up to four name-like words without a particle
    /// between them (`피규어 AI`, `프레시던스 리서치`). Returns the token
    /// range.
    fn name_after(&self, k: usize, kind: EntityType) -> Option<(usize, usize)> {
        let n = self.toks.len();
        if k >= n {
            return None;
        }
        if let Some(c) = self.quote_at(k) {
            return self.quoted_name_ok(k, c, kind).then(|| {
                (
                    k + 1,
                    self.toks[self.before_parenthetical_alias(k + 1, c) - 1].be,
                )
            });
        }
        let mut end = None;
        let mut w = k;
        for _ in 0..4 {
            if w >= n || (w > k && !self.toks[w].sp) {
                break;
            }
            let stem = self.noun_stem_end(w);
            // A stem the analyser ends inside the written word (`르노/벨`
            // `타가`/XSV+EC) is cut wrong: read the written word.
            let cut_short = stem.is_some_and(|e| {
                e < n
                    && !self.toks[e].sp
                    && !self.toks[e].pos.starts_with('J')
                    && !punctuation_pos(self.toks[e].pos)
            });
            let stem = if w == k && cut_short { None } else { stem };
            let word_end = match stem {
                Some(e) if self.name_like(w, e, kind) => Some((e, self.toks[e - 1].be)),
                // Further words: name endings and Latin words
                // (`프레시던스 리서치`, `노바 AI`).
                Some(e)
                    if w > k
                        && (self.vocab.is_ending(self.slice(w, e))
                            || (kind != EntityType::Person
                                && self.toks[w].latin()
                                && self.free(w, e))) =>
                {
                    Some((e, self.toks[e - 1].be))
                }
                // The analyser's pieces of an unknown loanword (`아르벨라가`,
                // `누리벨로보틱스가`): the written word without its particle.
                _ if w == k => self
                    .written_loanword(k, kind)
                    .map(|b| (self.token_from(b), b)),
                _ => None,
            };
            let Some((e, byte_end)) = word_end else {
                break;
            };
            end = Some(byte_end);
            // A particle, punctuation or anything else ends the name.
            if e >= n || self.toks[e - 1].be != byte_end || !self.toks[e].sp {
                break;
            }
            // Only names, Latin words and endings continue a name over a
            // space: a common noun after it is what the name does.
            w = e;
        }
        end.map(|e| (k, e))
    }

    /// The byte end of the written word at token `k` without its particle,
    /// when that is a loanword the lists do not call a common word: an
    /// unknown name the analyser cut into pieces.
    /// Whether `word` ends in a descriptor of a thing after a head of two
    /// syllables or more: a kind, not a name (`프롭테크업체`, `가전업체`).
    fn ends_in_descriptor(&self, word: &str) -> bool {
        word.char_indices().skip(2).any(|(at, _)| {
            self.vocab
                .descriptor(&word[at..])
                .is_some_and(|k| k != EntityType::Person)
        })
    }

    fn written_loanword(&self, k: usize, kind: EntityType) -> Option<usize> {
        if kind == EntityType::Person || !self.toks[k].word_start {
            return None;
        }
        let end = self.written_name(k)?;
        let name = &self.text[self.toks[k].bs..end];
        // One dictionary common noun is a word (`로켓인 부스터`), except
        // that companies take such names (`스타트업 노바`).
        let last = self.toks.partition_point(|t| t.bs < end);
        if kind != EntityType::Org
            && last == k + 1
            && self.toks[k].pos == "NNG"
            && self.toks[k].be == end
        {
            return None;
        }
        let ok = self.vocab.is_loanword(name)
            && name.chars().count() <= 10
            && !self.vocab.is_relational(name)
            && !self.vocab.is_not_name(name)
            && self.vocab.descriptor(name).is_none()
            && !self.ends_in_descriptor(name)
            && !is_in(&TITLES_SET, &name)
            && self.toks[k..].iter().take_while(|t| t.bs < end).all(|t| {
                t.noun()
                    || t.pos.starts_with('V')
                    || t.pos.starts_with('E')
                    || t.pos.starts_with("XS")
                    || t.pos == "MAG"
            });
        ok.then_some(end)
    }

    /// Whether the quoted tokens `o+1..c` can be a name of type `kind`:
    /// works may be sentences (`'스위치-세상을 바꿔라'`); other names hold
    /// no sentence ending and are short.
    /// The mentions of bare figures inside tokens `a..e` (`24` of `카페24`,
    /// `2` of `'모범택시2'`), when they are all that is claimed there and
    /// each is glued to a word: a name written around them owns them.
    /// `None` when other tokens are claimed or no figure is.
    pub(super) fn figures_within(&self, a: usize, e: usize) -> Option<Vec<usize>> {
        if e <= a + 1 || !self.toks[a + 1..e].iter().any(|t| t.number()) {
            return None;
        }
        if (a..e).any(|k| self.claimed[k] && (!self.toks[k].number() || self.toks[k].sp)) {
            return None;
        }
        let (from, to) = (self.toks[a].bs, self.toks[e - 1].be);
        let figures: Vec<usize> = self
            .out
            .iter()
            .enumerate()
            .filter(|(_, m)| {
                m.kind == EntityType::Quantity
                    && m.rule == "number"
                    && m.byte_start > from
                    && m.byte_end <= to
            })
            .map(|(k, _)| k)
            .collect();
        let covered: usize = figures
            .iter()
            .map(|&k| {
                let m = &self.out[k];
                self.token_from(m.byte_end) - self.token_from(m.byte_start)
            })
            .sum();
        let claimed = (a..e).filter(|&k| self.claimed[k]).count();
        (!figures.is_empty() && covered == claimed).then_some(figures)
    }

    pub(super) fn quoted_name_ok(&self, o: usize, c: usize, kind: EntityType) -> bool {
        if !self.free(o + 1, c)
            && self.figures_within(o + 1, c).is_none()
            && self.guesses_within(o + 1, c, kind).is_none()
        {
            return false;
        }
        let inner = &self.toks[o + 1..c];
        let text = self.slice(o + 1, c);
        if text.trim().is_empty() || !text.chars().any(|ch| ch.is_alphanumeric()) {
            return false;
        }
        if kind == EntityType::Work {
            return true;
        }
        let words = text.split_whitespace().count();
        // One short word "ending" a sentence is the analyser's reading of
        // a coined name (`‘오네’` → 오/VV 네/EF).
        let one_word = words == 1 && text.chars().count() <= 8;
        words <= 5
            && !inner
                .iter()
                .any(|t| t.pos == "SF" || (!one_word && (t.pos == "EF" || t.pos.contains("+EF"))))
    }

    /// Pushes a context mention over tokens `i..j` when they are free.
    fn push_context(&mut self, i: usize, j: usize, kind: EntityType, rule: &'static str) -> bool {
        if !self.free(i, j) {
            return false;
        }
        self.push(i, j, kind, None, rule);
        true
    }

    /// `현대아이티(대표 장제만)`: the word before is an organisation, the name
    /// inside its head.
    fn head_in_parentheses(&mut self) {
        let n = self.toks.len();
        for o in 1..n {
            if self.s(o) != "(" || self.toks[o].sp {
                continue;
            }
            let title = o + 1;
            if !matches!(
                self.s(title),
                "대표" | "대표이사" | "회장" | "사장" | "CEO" | "총장" | "원장"
            ) {
                continue;
            }
            let p = title + 1;
            let Some(close) = (p..n.min(p + 6)).find(|&c| self.s(c) == ")") else {
                continue;
            };
            let name = self.slice(p, close);
            let person = p < close
                && self.toks[p].sp
                && name.chars().all(is_hangul_syllable)
                && (2..=4).contains(&name.chars().count())
                && surname(first_char(name)).is_some();
            if !person {
                continue;
            }
            // The organisation: the word right before `(`.
            let mut w = o - 1;
            while w > 0 && !self.toks[w].word_start {
                w -= 1;
            }
            if self.noun_stem_end(w) == Some(o) {
                self.push_context(w, o, EntityType::Org, "apposition");
            }
            self.push_context(p, close, EntityType::Person, "apposition");
        }
    }

    /// `김본환 로앤컴퍼니 대표`, `심미선 순천향대 교수`: a person's name, one
    /// to three words of organisation, then a title. The name is a person,
    /// the words (when free) one organisation.
    fn person_org_title(&mut self) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            if !self.toks[i].sp && i > 0 || self.claimed[i] {
                i += 1;
                continue;
            }
            // The name, as the analyser found it or as written (`김본/NNP
            // 환`, `박정/NNP 과/JC`).
            let spaced = |b: usize| b < n && self.toks[b].sp;
            // A name whose last syllable the analyser read as the particle
            // `과`/`와` (`박정/NNG 과/JC`): taken only before a company and
            // its head's title (below), where "A and B's CEO" would need
            // `대표들`.
            let particle_split = |b: usize| {
                b > i + 1
                    && self.toks[b - 1].pos == "JC"
                    && matches!(self.toks[b - 1].s, "과" | "와")
                    && self.toks[i..b - 1]
                        .iter()
                        .all(|t| matches!(t.pos, "NNP" | "NNG"))
                    && !self.vocab.is_relational(self.slice(i, b - 1))
                    && !self.vocab.is_not_name(self.slice(i, b - 1))
            };
            let Some(b) = self.korean_name_at(i).filter(|&b| spaced(b)).or_else(|| {
                // Only a split of nouns, a proper noun first (`구속/NNG
                // 된` is a verb).
                self.written_korean_name(i).filter(|&b| {
                    let nouns = |tail: &[&str]| {
                        self.toks[i..b]
                            .iter()
                            .all(|t| matches!(t.pos, "NNP" | "NNG") || tail.contains(&t.pos))
                    };
                    // Before a place and its post (`공재/NNG 광/XSN
                    // 평택시장`: the mayor of Pyeongtaek) a noun suffix may
                    // end the split name too.
                    let place_next = self
                        .toks
                        .get(b)
                        .is_some_and(|u| u.proper() && u.sem == "지명");
                    (self.toks[i].proper() && nouns(&[]))
                        || particle_split(b)
                        || (place_next
                            && nouns(&["XSN"])
                            && !self.vocab.is_relational(self.slice(i, b))
                            && !self.vocab.is_not_name(self.slice(i, b)))
                })
            }) else {
                i += 1;
                continue;
            };
            // Up to three organisation words, each a noun stem ending the
            // written word (digits and Latin letters glued to it belong to
            // it: `카페24`), then the title.
            let mut w = b;
            let mut found = None;
            for _ in 0..3 {
                let Some(mut e) = self.noun_stem_end_any(w) else {
                    break;
                };
                while e < n
                    && !self.toks[e].sp
                    && (self.toks[e].number() || self.toks[e].latin() || self.toks[e].noun())
                {
                    e += 1;
                }
                if e >= n || !self.toks[e].sp {
                    break;
                }
                if self.title_at(e) && !is_in(&TITLES_SET, &self.slice(w, e)) {
                    found = Some(e);
                    break;
                }
                w = e;
            }
            let Some(e) = found else {
                i += 1;
                continue;
            };
            // A figure glued to the name was taken for a quantity (`24` of
            // `카페24`): it is the name's.
            let figures = self.figures_within(b, e).unwrap_or_default();
            let org_free = self.free(b, e) || !figures.is_empty();
            // A bare surname before a title is a person's short form
            // (`이러한 박 대통령`), not an organisation.
            let bare_surname =
                e == b + 1 && self.toks[b].chars == 1 && surname(self.toks[b].s).is_some();
            let org_ok = org_free && !bare_surname && {
                let org = self.slice(b, e);
                !self.vocab.is_relational(org)
                    && !self.vocab.is_not_name(org)
                    && self.vocab.institution(org).is_none()
                    && self.toks[b..e]
                        .iter()
                        .all(|t| t.noun() || t.number() || t.latin())
                    && date_time_word(org) == 0
            };
            // A company's head names a company, whatever its words
            // (`미래교과서 대표`): two nouns at least, three syllables.
            let company = org_ok
                && self.vocab.is_company_title(self.s(e))
                && e > b + 1
                && self.slice(b, e).chars().count() >= 3
                && self.vocab.descriptor(self.slice(b, e)).is_none()
                && !SUBUNIT_SUFFIXES.iter().any(|x| self.s(e - 1).ends_with(x));
            // One common word before a title is part of it, not a company
            // (`김 교수`, `박 전무`): the organisation needs a name's shape.
            let org_shape = org_ok
                && (company
                    || self.toks[b..e]
                        .iter()
                        .any(|t| t.proper() || t.latin() || t.unknown || t.number())
                    || self.vocab.is_loanword(self.slice(b, e))
                    || self.vocab.ending(self.slice(b, e)).is_some());
            // `마리오 드라기 총재`, `라두 스토레아 박사`: a foreign given name
            // and family name before a title, not a person and their
            // organisation: one written word after the name that the
            // dictionary calls a person's, or a loanword after a name of
            // foreign shape (not three syllables, as a Korean name has:
            // `한결솔 바람곶 대표` is a person and a company), with no
            // organisation's ending.
            // (A company's name holding a piece the dictionary calls a
            // person's is a company: `한송이 알리익스프레스 이사`.)
            let family_name = org_free && !company && !bare_surname && {
                let org = self.slice(b, e);
                let one_word = self.toks[b + 1..e].iter().all(|t| !t.sp);
                one_word
                    && org.chars().all(is_hangul_syllable)
                    && org.chars().count() <= 5
                    && !korean_name(self.vocab, org)
                    && self.vocab.ending(org).is_none()
                    && self.vocab.descriptor(org).is_none()
                    && ((e == b + 1 && self.toks[b].sem == "인명")
                        || (!korean_name(self.vocab, self.slice(i, b))
                            && self.slice(i, b).chars().count() != 3
                            && !self.vocab.is_company_title(self.s(e))
                            && self.vocab.is_loanword(org)))
            };
            if particle_split(b) && !company {
                i += 1;
                continue;
            }
            if family_name {
                self.push_context(i, e, EntityType::Person, "apposition");
                i = e;
                continue;
            }
            let org_claimed = !org_free && self.claimed[b];
            if org_shape || org_claimed {
                self.push_context(i, b, EntityType::Person, "apposition");
                if org_shape {
                    self.drop_mentions(&figures);
                    self.push_context(b, e, EntityType::Org, "apposition");
                }
                i = e;
                continue;
            }
            i += 1;
        }
    }

    /// The end of a Korean personal name (surname + one to three syllables,
    /// not a dictionary word) starting at token `i`, followed by a space.
    fn korean_name_at(&self, i: usize) -> Option<usize> {
        let n = self.toks.len();
        let t = &self.toks[i];
        if !t.hangul || surname(first_char(t.s)).is_none() {
            return None;
        }
        let mut b = i + 1;
        while b < n && !self.toks[b].sp && self.toks[b].hangul && self.toks[b].noun() {
            b += 1;
        }
        let name = self.slice(i, b);
        let chars = name.chars().count();
        if !t.noun() || !(2..=4).contains(&chars) {
            // `한결솔` read as 한결/MAG 솔: the written word is the name.
            return self.written_korean_name(i);
        }
        if !self.free(i, b) {
            return None;
        }
        // One dictionary word is a word (`정부`, `이번`), unless the
        // dictionary calls it a name.
        if b == i + 1 && !t.unknown && t.sem != "인명" && !(t.proper() && t.sem != "지명") {
            return None;
        }
        // A split name starts with the surname on its own (`권|하영`).
        if b > i + 1 && t.chars != 1 && !self.toks[i..b].iter().all(|u| u.sem == "인명") {
            return None;
        }
        if self.vocab.is_not_name(name) || is_in(&TITLES_SET, &name) {
            return None;
        }
        Some(b)
    }

    /// A Korean name the analyser cut into other words (`한결/MAG 솔`): a
    /// written word of three syllables, surname first, with nothing after
    /// it.
    fn written_korean_name(&self, i: usize) -> Option<usize> {
        let e = self.written_word_end(i);
        let name = self.slice(i, e);
        let ok = e > i + 1
            && name.chars().count() == 3
            && name.chars().all(is_hangul_syllable)
            && surname(first_char(name)).is_some()
            && self.free(i, e)
            && self.toks.get(e).is_some_and(|u| u.sp);
        ok.then_some(e)
    }

    /// [`Recognizer::noun_stem_end`] also over claimed tokens (a gazetteer
    /// organisation between a name and a title).
    fn noun_stem_end_any(&self, i: usize) -> Option<usize> {
        let n = self.toks.len();
        let mut b = i;
        while b < n && (b == i || !self.toks[b].sp) && self.toks[b].noun() {
            b += 1;
        }
        (b > i).then_some(b)
    }

    /// `시장조사업체 카운터포인트리서치`, `전장 업체인 하만`, `드라마 '연인'`,
    /// `가수 이적`: a descriptor noun, then the name it describes.
    fn descriptor_apposition(&mut self) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            // A prefix the analyser split off (`모/MM 기업`) leaves the
            // descriptor inside the word.
            let after_prefix = i > 0
                && self.toks[i - 1].word_start
                && !self.toks[i].sp
                && (self.toks[i - 1].pos.starts_with("MM") || self.toks[i - 1].pos == "XPN");
            if !(self.toks[i].word_start || after_prefix) || !self.toks[i].noun() {
                i += 1;
                continue;
            }
            let Some(b) = self.noun_stem_end_any(i) else {
                i += 1;
                continue;
            };
            let Some(kind) = self.descriptor_of(i, b) else {
                i = b;
                continue;
            };
            // The descriptor ends its word, or is joined by the copula
            // (`업체인 하만`: "X, a company").
            let mut k = b;
            if self.s(k) == "인" && self.toks[k].pos.starts_with("VCP") && !self.toks[k].sp {
                k += 1;
            }
            if k >= n || !self.toks[k].sp {
                i = b;
                continue;
            }
            if kind == EntityType::Product && self.company_product_after(k) {
                i = k;
                continue;
            }
            if let Some((a, end)) = self.name_after(k, kind) {
                let quoted = a > k;
                let rule = if quoted { "quoted" } else { "descriptor" };
                if self.push_bytes(a, end, kind, rule)
                    || (quoted && self.quoted_over_guesses(a, end, kind, rule))
                {
                    i = self.token_from(end);
                    if !quoted {
                        i = self.listed_after_descriptor(i, kind);
                    }
                    continue;
                }
            }
            i = b;
        }
    }

    /// `로봇 스타트업 피규어 AI, 1X 테크놀로지 등`: the names listed with
    /// commas after the one a descriptor introduces, when `등` closes the
    /// list, are of the descriptor's type too. `t` is the token after the
    /// first name; returns the token after the last one taken.
    fn listed_after_descriptor(&mut self, t: usize, kind: EntityType) -> usize {
        let n = self.toks.len();
        let mut names = Vec::new();
        let mut k = t;
        while k + 1 < n && self.s(k) == "," && self.toks[k + 1].sp {
            match self.name_after(k + 1, kind) {
                Some((a, end)) if a == k + 1 => {
                    names.push((a, end));
                    k = self.token_from(end);
                }
                _ => break,
            }
        }
        let closed = k < n && self.toks[k].sp && self.s(k) == "등";
        if names.is_empty() || !closed {
            return t;
        }
        for (a, end) in names {
            self.push_bytes(a, end, kind, "descriptor");
        }
        k
    }

    /// `금토드라마 '별빛병원 김사부3'`: a quoted name a descriptor types is
    /// one name, whatever the passes before guessed of its pieces (an
    /// organisation's ending in `김사부`, a figure in `3`, a person's name
    /// from the dictionary). Those guesses give way to it.
    fn quoted_over_guesses(
        &mut self,
        a: usize,
        end: usize,
        kind: EntityType,
        rule: &'static str,
    ) -> bool {
        let last = self.toks.partition_point(|t| t.bs < end);
        let Some(inside) = self.guesses_within(a, last, kind) else {
            return false;
        };
        self.drop_mentions(&inside);
        self.push_bytes(a, end, kind, rule)
    }

    /// The mentions over tokens `a..e` when every claimed token there is
    /// one of them and each is a guess (an ending, a figure, the
    /// dictionary's person) lying wholly inside; `None` otherwise (a
    /// mention the context or a list showed, or one reaching outside,
    /// keeps its tokens).
    /// A known name of the quote's own type lying strictly inside also
    /// gives way: a longer name built on it (`솔루션 '브리티 코파일럿'` holds
    /// the product `코파일럿`).
    fn guesses_within(&self, a: usize, e: usize, kind: EntityType) -> Option<Vec<usize>> {
        if e <= a {
            return None;
        }
        let (from, to) = (self.toks[a].bs, self.toks[e - 1].be);
        let mut inside = Vec::new();
        for (k, m) in self.out.iter().enumerate() {
            if m.byte_end <= from || m.byte_start >= to {
                continue;
            }
            let part =
                m.kind == kind && m.rule == "gazetteer" && (m.byte_start > from || m.byte_end < to);
            let guess = part || matches!(m.rule, "suffix" | "number" | "dictionary" | "joined");
            if !guess || m.byte_start < from || m.byte_end > to {
                return None;
            }
            inside.push(k);
        }
        // Tokens some pass claimed without a mention stay claimed.
        let reserved = (a..e).any(|k| {
            let (bs, be) = (self.toks[k].bs, self.toks[k].be);
            self.claimed[k]
                && !inside.iter().any(|&j| {
                    let m = &self.out[j];
                    m.byte_start <= bs && be <= m.byte_end
                })
        });
        (!inside.is_empty() && !reserved).then_some(inside)
    }

    /// `결제 서비스인 카카오 페이는`, `건강관리 앱 삼성 헬스를`: after a
    /// product descriptor, a company's name and one more word that a
    /// particle or punctuation ends name a product called after its
    /// company. The company's mention (from the gazetteer) gives way to the
    /// product's. Returns whether it took one.
    fn company_product_after(&mut self, k: usize) -> bool {
        let n = self.toks.len();
        if !self.claimed[k] {
            return false;
        }
        let bs = self.toks[k].bs;
        let Some(m) = self
            .out
            .iter()
            .position(|m| m.byte_start == bs && m.kind == EntityType::Org)
        else {
            return false;
        };
        let e = self.token_from(self.out[m].byte_end);
        if e >= n || !self.toks[e].sp || self.claimed[e] {
            return false;
        }
        let Some(b) = self.noun_stem_end(e) else {
            return false;
        };
        let word = self.slice(e, b);
        // The word after the name is one word, ended by a particle or
        // punctuation (not `카카오 이용자 수`), and not a common word the
        // lists know (`삼성 계열사`).
        let ended = b >= n
            || (!self.toks[b].sp
                && (self.toks[b].pos.starts_with('J') || punctuation_pos(self.toks[b].pos)))
            || self.toks[b].sp && punctuation_pos(self.toks[b].pos);
        let common = self.vocab.is_not_name(word)
            || self.vocab.descriptor(word).is_some()
            || is_in(&TITLES_SET, &word)
            || word.chars().count() > 6;
        // A product's own word is coined, foreign or a loanword (`헬스`,
        // `페이`, `PRO`), not a common noun (`이용자`) or an action noun
        // (`매출`).
        let coined = self.toks[e..b]
            .iter()
            .any(|t| (t.proper() && t.sem != "인명") || t.latin() || t.unknown)
            || (self.vocab.is_loanword(word) && self.toks[e..b].iter().all(|t| t.sem != "행위"));
        if !ended || common || !coined {
            return false;
        }
        let first = self.token_from(bs);
        let mention = self.out.remove(m);
        let last = self.token_from(mention.byte_end);
        for c in &mut self.claimed[first..last] {
            *c = false;
        }
        self.push(first, b, EntityType::Product, None, "descriptor");
        true
    }

    /// The type of the descriptor that the noun stem `i..b` is or ends in,
    /// morpheme by morpheme, longest first (`시장/조사/업체` ends in `업체`,
    /// `선거/홍보/대행/사` does not end in `행사`).
    /// A compound the dictionary keeps as one word (`결혼정보회사`) is
    /// tried by its characters, leaving a head of two or more.
    pub(super) fn descriptor_of(&self, i: usize, b: usize) -> Option<EntityType> {
        // `출판기업들`: the plural suffix is not part of the noun.
        let b = if b > i + 1 && self.s(b - 1) == "들" {
            b - 1
        } else {
            b
        };
        (i..b)
            .find_map(|k| self.vocab.descriptor(self.slice(k, b)))
            .or_else(|| {
                let last = self.toks[b - 1].s;
                last.char_indices()
                    .skip(2)
                    .find_map(|(at, _)| self.vocab.descriptor(&last[at..]))
            })
    }

    /// `맥그로힐, 피어슨 같은 출판기업`, `애경과 토니모리 등 화장품 업체`: the
    /// names listed before `같은`/`등` and a descriptor are of its type.
    fn listed_before_descriptor(&mut self) {
        let n = self.toks.len();
        for d in 0..n {
            if !self.toks[d].word_start {
                continue;
            }
            let Some(b) = self.noun_stem_end_any(d) else {
                continue;
            };
            let Some(kind) = self.descriptor_of(d, b) else {
                continue;
            };
            if kind == EntityType::Person {
                continue;
            }
            // Back from the descriptor over up to three modifiers (`글로벌
            // 대형 출판기업`) to `같은` or `등`.
            let mut k = d;
            let mut marker = None;
            for _ in 0..4 {
                if k == 0 {
                    break;
                }
                let prev = k - 1;
                let s = self.s(prev);
                if (s == "같" || s == "등") && self.toks[prev].sp {
                    marker = Some(prev);
                    break;
                }
                if s == "은" && prev > 0 && self.s(prev - 1) == "같" {
                    marker = Some(prev - 1);
                    break;
                }
                if matches!(s, "등" | "등의") {
                    marker = Some(prev);
                    break;
                }
                // A modifier word: step to its start.
                let mut w = prev;
                while w > 0 && !self.toks[w].word_start {
                    w -= 1;
                }
                if !self.toks[w].noun() && !self.toks[prev].pos.contains("ETM") {
                    break;
                }
                k = w;
            }
            let Some(m) = marker else {
                continue;
            };
            // The list: names separated by commas, `·`, `와`/`과`, `및`.
            let mut end = m;
            while end > 0 {
                let e = end;
                let mut w = e - 1;
                // Skip a conjunctive particle glued to the name.
                if matches!(self.toks[w].pos, "JC" | "JKB") && matches!(self.s(w), "와" | "과") {
                    if w == 0 {
                        break;
                    }
                    w -= 1;
                }
                let stem_end = w + 1;
                while w > 0 && !self.toks[w].word_start {
                    w -= 1;
                }
                if w == stem_end || !self.name_like_listed(w, stem_end) {
                    break;
                }
                self.push_context(w, stem_end, kind, "listed");
                // The separator before this name.
                if w == 0 {
                    break;
                }
                let sep = w - 1;
                if matches!(self.s(sep), "," | "·" | "、" | "및") {
                    end = sep;
                } else if self.toks[w].sp
                    && sep > 0
                    && matches!(self.s(sep), "와" | "과")
                    && matches!(self.toks[sep].pos, "JC" | "JKB")
                {
                    end = sep + 1;
                } else {
                    break;
                }
            }
        }
    }

    /// Whether tokens `i..j` can be a name in a list typed by a descriptor:
    /// as after a descriptor, and also the dictionary's person-name pieces
    /// (foreign company names read as people: `맥그로힐`).
    pub(super) fn name_like_listed(&self, i: usize, j: usize) -> bool {
        if i >= j || !self.toks[i..j].iter().all(|t| t.noun()) {
            return false;
        }
        self.name_like(i, j, EntityType::Org)
    }

    /// Quoted names that what surrounds them types: a descriptor after
    /// (`'초이스 데이' 이벤트`), a verb of products or works before or after
    /// (`출시한 'X'`, `'X'를 선보였다`, `'X'에 출연했다`), a role (`'X' 역`).
    fn quoted_names(&mut self) {
        let n = self.toks.len();
        // Organisations by the token right after them, found once: the
        // mentions only grow here, by quoted names.
        let orgs: HashSet<usize, FastHash> = self
            .out
            .iter()
            .filter(|m| m.kind == EntityType::Org && !m.generic)
            .map(|m| self.token_from(m.byte_end))
            .collect();
        let mut o = 0;
        while o < n {
            let Some(c) = self.quote_at(o) else {
                o += 1;
                continue;
            };
            let (kind, rule) = match self
                .quote_context(o, c)
                .or_else(|| self.maker_before(o, c, &orgs))
            {
                Some(kind) => (Some(kind), "quoted"),
                None => (self.bare_quoted_name(o, c), "quoted-bare"),
            };
            if let Some(kind) = kind
                && self.quoted_name_ok(o, c, kind)
                && {
                    if let Some(figures) = self.figures_within(o + 1, c) {
                        self.drop_mentions(&figures);
                    }
                    let end = self.before_parenthetical_alias(o + 1, c);
                    self.push_context(o + 1, end, kind, rule)
                }
            {
                o = c + 1;
                continue;
            }
            o += 1;
        }
    }

    /// The end of the name in tokens `a..c` without a parenthesis that
    /// closes it and gives another name of it (`'롤링라우드(Rolling Loud)'`,
    /// `'아파트담보대출(이하 아담대)'`): the parenthesis is an alias, linked
    /// as one written outside quotes. `c` when there is none.
    fn before_parenthetical_alias(&self, a: usize, c: usize) -> usize {
        if c < a + 4 || self.s(c - 1) != ")" {
            return c;
        }
        let Some(p) = (a + 1..c - 1).rev().find(|&k| self.s(k) == "(") else {
            return c;
        };
        let inner = &self.toks[p + 1..c - 1];
        let alias_like = !inner.is_empty()
            && !self.toks[p].sp
            && !inner.iter().any(|t| matches!(t.s, "(" | ")"))
            && (inner[0].s == "이하"
                || inner.iter().all(|t| {
                    t.latin() || t.number() || t.pos == "SH" || matches!(t.s, "-" | "&" | ".")
                }) && inner.iter().any(|t| t.latin() || t.pos == "SH"));
        if alias_like { p } else { c }
    }

    /// What the context of the quote `o..=c` says it names.
    fn quote_context(&self, o: usize, c: usize) -> Option<EntityType> {
        let n = self.toks.len();
        let after = c + 1;
        // A noun right after the quote: a descriptor (`'X' 이벤트`,
        // `‘X’시리즈`), a role (`'X' 역`) or what is done with a product
        // (`'X' 운영 노하우`).
        if after < n
            && self.toks[after].noun()
            && let Some(e) = self.noun_stem_end_any(after)
        {
            let word = self.slice(after, e);
            if self.vocab.is_role_noun(word) {
                return Some(EntityType::Person);
            }
            if let Some(kind) = self.vocab.descriptor(word)
                && kind != EntityType::Person
            {
                return Some(kind);
            }
            if self.toks[after].sp
                && let Some(kind) = self.vocab.noun_verb_object(self.toks[after].s)
            {
                return Some(kind);
            }
        }
        // A verb of products or works within the clause after the quote
        // (`'X'를 국내에 출시했다`, `'X' 등이 적용됐다`, `'X'에 출연`).
        let mut k = after;
        let mut steps = 0;
        while k < n && steps < 8 {
            let t = &self.toks[k];
            if matches!(t.pos, "SF" | "SC")
                || closing_quote(t.s).is_some()
                || t.pos.contains("EC")
                || t.pos.contains("EF")
            {
                break;
            }
            if let Some(kind) = self.verb_at(k) {
                return Some(kind);
            }
            k += 1;
            steps += 1;
        }
        // A verb before: `출시한 'X'`, `선보인 'X'`.
        if o >= 1 && self.toks[o - 1].pos.contains("ETM") {
            let v = o - 1;
            let stem = if self.toks[v].pos.starts_with("XS") && v > 0 {
                v - 1
            } else {
                v
            };
            if let Some(kind) = self.verb_at(stem) {
                return Some(kind);
            }
        }
        None
    }

    /// `기성용(스완지시티)`, `정다운(양주시청)`: a name in parentheses right
    /// after a person's is where the person belongs (a club, a company),
    /// when it looks like a name (a proper, unknown or foreign word, or an
    /// organisation's ending) and is no title, age or picture note.
    pub(super) fn affiliation_in_parentheses(&mut self) {
        let n = self.toks.len();
        let ends: Vec<usize> = self
            .out
            .iter()
            .filter(|m| m.kind == EntityType::Person && !m.short_form)
            .map(|m| self.token_from(m.byte_end))
            .collect();
        // The dictionary's guesses that a word is a person's name, by their
        // first token: in parentheses after a person they give way.
        let guesses: HashMap<usize, usize, FastHash> = self
            .out
            .iter()
            .enumerate()
            .filter(|(_, m)| m.rule == "dictionary" && m.kind == EntityType::Person)
            .map(|(k, m)| (self.token_from(m.byte_start), k))
            .collect();
        let mut retype = Vec::new();
        for o in ends {
            if o + 2 >= n || self.s(o) != "(" || self.toks[o].sp {
                continue;
            }
            let Some(c) = (o + 2..n.min(o + 6)).find(|&c| self.s(c) == ")") else {
                continue;
            };
            let (a, e) = (o + 1, c);
            let guess = guesses
                .get(&a)
                .copied()
                .filter(|&k| self.token_from(self.out[k].byte_end) == e);
            if !(self.free(a, e) || guess.is_some())
                || !self.toks[a..e].iter().all(|t| t.hangul && t.noun())
            {
                continue;
            }
            let name = self.slice(a, e);
            let chars = name.chars().count();
            // A Korean name there is the actor of a role (`윤동주(강하늘)`).
            let korean_name = chars == 3 && surname(first_char(name)).is_some();
            if !(2..=12).contains(&chars)
                || korean_name
                || name.contains(' ')
                || self.vocab.is_not_name(name)
                || self.vocab.is_relational(name)
                || self.vocab.descriptor(name).is_some()
                || is_in(&TITLES_SET, &name)
            {
                continue;
            }
            let named = self.toks[a..e]
                .iter()
                .any(|t| t.unknown || (t.proper() && t.sem != "인명"))
                || (self.vocab.is_loanword(name) && chars >= 3)
                || self
                    .vocab
                    .ending(name)
                    .is_some_and(|(ending, _)| ending.kind == Some(EntityType::Org));
            if !named {
                continue;
            }
            match guess {
                Some(k) => retype.push(k),
                None => self.push(a, e, EntityType::Org, None, "affiliation"),
            }
        }
        for k in retype {
            let m = &mut self.out[k];
            m.kind = EntityType::Org;
            m.id = generated_id(EntityType::Org, &m.text);
            m.rule = "affiliation";
        }
    }

    /// `‘클래스링크’를 통해`, `‘T셀파’는`: a quoted name used as a noun of
    /// the sentence (a particle right after the quote) with nothing else
    /// said of it is most often a product or service; a weak guess that a
    /// type shown elsewhere in the text overrules. The quote must read as
    /// a name: one to three words, one the dictionary does not know or
    /// Latin letters among them, no verb, and no Korean
    /// person's name (characters are quoted too: `'홍설'과`).
    fn bare_quoted_name(&self, o: usize, c: usize) -> Option<EntityType> {
        // A particle, but not a quotative one (`'돌덩이'라고 표현했다`).
        let after = self.toks.get(c + 1)?;
        if after.sp || !after.pos.starts_with('J') || after.pos == "JKQ" {
            return None;
        }
        let inner = &self.toks[o + 1..c];
        let text = self.slice(o + 1, c);
        let words = text.split_whitespace().count();
        let chars = text.chars().count();
        if words > 3 || !(2..=20).contains(&chars) {
            return None;
        }
        if !inner
            .iter()
            .all(|t| t.noun() || t.latin() || t.number() || matches!(t.s, "-" | "·" | "&"))
        {
            return None;
        }
        let korean_name = chars <= 3
            && text.chars().all(is_hangul_syllable)
            && surname(first_char(text)).is_some();
        // A word the dictionary does not know, or Latin letters; a word it
        // knows is a word (`'빅딜'에 주목했다`, `'큐비트'를 이용한다`).
        // (A piece it knows only as a person's name is a coined word's:
        // `클래스/NNP,인명 링크`.)
        let named = inner.iter().any(|t| {
            (t.hangul && (t.unknown || (t.proper() && t.sem == "인명")))
                || (t.latin() && !self.generic_acronym(t.s))
        });
        // A name with an organisation's or event's ending is typed by it
        // later (`'CN커뮤니케이션즈'의`).
        if self
            .vocab
            .ending(text)
            .is_some_and(|(ending, _)| ending.kind.is_some())
        {
            return None;
        }
        let common = self.vocab.is_not_name(text)
            || self.vocab.descriptor(text).is_some()
            || self.vocab.is_relational(text);
        (named && !korean_name && !common).then_some(EntityType::Product)
    }

    /// `삼성 '스마트싱스'`, `한빛전자의 ‘빛나래’`: a quoted name right after
    /// an organisation (with a space or `의`) is its product. `orgs` holds
    /// the token after each organisation mention.
    /// The quoted words must look like a name (`‘CEO 잔혹사’` is a phrase).
    fn maker_before(
        &self,
        o: usize,
        c: usize,
        orgs: &HashSet<usize, FastHash>,
    ) -> Option<EntityType> {
        if o == 0 || !self.toks[o].sp {
            return None;
        }
        let named = self.toks[o + 1..c].iter().any(|t| {
            (t.hangul && (t.proper() || t.unknown)) || (t.latin() && !self.generic_acronym(t.s))
        }) || self.vocab.is_loanword(self.slice(o + 1, c));
        if !named {
            return None;
        }
        let genitive = self.s(o - 1) == "의" && self.toks[o - 1].pos == "JKG";
        (orgs.contains(&o) || (genitive && orgs.contains(&(o - 1)))).then_some(EntityType::Product)
    }

    /// Whether token `k` is a verb of products or works: a listed noun
    /// before 하다/되다 (`출시`+`했다`) or a listed verb (`선보였다`).
    fn verb_at(&self, k: usize) -> Option<EntityType> {
        let t = &self.toks[k];
        let next_is_verb_suffix = self
            .toks
            .get(k + 1)
            .is_some_and(|u| !u.sp && (u.pos.starts_with("XSV") || u.pos.starts_with("XSA")));
        if t.pos == "NNG" && next_is_verb_suffix {
            return self.vocab.noun_verb_object(t.s);
        }
        if t.pos.starts_with("VV") {
            return self.vocab.verb_object(t.s);
        }
        None
    }
}
