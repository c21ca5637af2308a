//! People: the dictionary's 인명 class, surname + given name before a title
//! or an age, bare surnames before a title (short forms), initials before
//! `씨`, and foreign names of several words.

use std::collections::HashSet;

use super::{Recognizer, first_char, group_member_names, korean_name};
use crate::FastHash;
use crate::entities::generated_id;
use crate::entities::lexicon::*;
use crate::entities::romanize::{is_hangul_syllable, surname};
use crate::entities::{ANONYMISED, EntityType};

/// Suffixes glued to a person's name that keep it a name (`김씨`, `선생님`,
/// `형제들`, `대표 측`, `이씨 일가`).
const PERSON_SUFFIXES: &[&str] = &["씨", "님", "들", "측", "군", "양", "가", "네", "이", "께"];

impl Recognizer<'_, '_> {
    /// `오바마 행정부`, `박근혜 정부`: a leader's name and a word for the
    /// government they head (`data/entities/government.tsv`,
    /// `administration`) name that government, an organisation.
    pub(super) fn administrations(&mut self) {
        let n = self.toks.len();
        for k in 0..self.out.len() {
            let m = &self.out[k];
            if m.kind != EntityType::Person || m.short_form {
                continue;
            }
            let t = self.token_from(m.byte_end);
            let ok = t < n
                && self.toks[t].sp
                && !self.claimed[t]
                && self.vocab.is_administration(self.toks[t].s)
                // A glued noun makes another word (`정부청사`).
                && self.toks.get(t + 1).is_none_or(|u| u.sp || !u.noun());
            if !ok {
                continue;
            }
            self.absorb(k, t, t + 1);
            let m = &mut self.out[k];
            m.kind = EntityType::Org;
            m.id = generated_id(EntityType::Org, &m.text);
            m.rule = "administration";
        }
    }

    pub(super) fn person_pass(&mut self) {
        let n = self.toks.len();
        // Where the people found so far end (byte offsets), so `person_at`
        // need not scan every mention for each token.
        let mut person_end = vec![false; self.text.len() + 1];
        for m in &self.out {
            if m.kind == EntityType::Person
                && let Some(e) = person_end.get_mut(m.byte_end)
            {
                *e = true;
            }
        }
        self.person_end = person_end;
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
                    && !korean_name(self.vocab, self.slice(i, b))
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
                    let end = m.byte_end;
                    self.mark_person_end(end);
                }
                i = b;
                continue;
            }
            i += 1;
        }
    }

    /// `김앤장 법무법인을`, `다우니 제품을`: the dictionary's guess that a
    /// name is a person's gives way to a descriptor of an organisation or
    /// a product written right after it and closed by a particle (a name
    /// of Korean shape stays a person's).
    pub(super) fn person_before_descriptor(&mut self) {
        let n = self.toks.len();
        for k in 0..self.out.len() {
            let m = &self.out[k];
            if m.kind != EntityType::Person
                || m.rule != "dictionary"
                || m.short_form
                || korean_name(self.vocab, &m.text)
            {
                continue;
            }
            let t = self.token_from(m.byte_end);
            if t >= n || !self.toks[t].sp || self.toks[t].bs != m.byte_end + 1 {
                continue;
            }
            let Some(b) = self.noun_stem_end(t) else {
                continue;
            };
            let closed = b < n && !self.toks[b].sp && self.toks[b].pos.starts_with('J');
            let kind = self.descriptor_of(t, b);
            if !closed || !matches!(kind, Some(EntityType::Org | EntityType::Product)) {
                continue;
            }
            let Some(kind) = kind else { continue };
            let m = &mut self.out[k];
            m.kind = kind;
            m.id = generated_id(kind, &m.text);
            m.rule = "descriptor";
        }
    }

    /// `빼마 친조르 장관`, `리언 패네타 전 장관`: two written words of a
    /// foreign name that the analyser cut into odd pieces (or does not
    /// know), right before a title, are a person's name. Each word is a
    /// loanword of two to six syllables, and a split, unknown or proper
    /// word (a one-piece common noun of fewer than three syllables is a word:
    /// `우리 나라 대표`).
    pub(super) fn foreign_names_before_titles(&mut self) {
        let n = self.toks.len();
        let mut found = Vec::new();
        let mut i = 0;
        while i < n {
            if !self.toks[i].word_start || !self.toks[i].sp && i > 0 {
                i += 1;
                continue;
            }
            let e1 = self.written_word_end(i);
            let e2 = if e1 < n && self.toks[e1].sp {
                self.written_word_end(e1)
            } else {
                i += 1;
                continue;
            };
            let titled = e2 < n && self.toks[e2].sp && self.title_at(e2);
            if titled
                && self.foreign_word(i, e1, true)
                && self.foreign_word(e1, e2, false)
                && self.free(i, e2)
            {
                found.push((i, e2));
                i = e2;
                continue;
            }
            i += 1;
        }
        for (a, b) in found {
            self.push(a, b, EntityType::Person, None, "foreign-titled");
            if let Some(m) = self.out.last() {
                let end = m.byte_end;
                self.mark_person_end(end);
            }
        }
    }

    /// Whether the written word `a..e` can be a word of a foreign name
    /// before a title ([`Recognizer::foreign_names_before_titles`]).
    fn foreign_word(&self, a: usize, e: usize, first: bool) -> bool {
        let word = self.slice(a, e);
        let chars = word.chars().count();
        let one_piece_common = e == a + 1
            && !self.toks[a].unknown
            && !(self.toks[a].proper() && self.toks[a].sem != "지명")
            && !(first && self.toks[a].pos == "NNG" && chars >= 3);
        (2..=6).contains(&chars)
            && word.chars().all(is_hangul_syllable)
            && !one_piece_common
            && self.vocab.is_loanword(word)
            && !self.toks[a..e]
                .iter()
                .any(|t| t.pos.starts_with('J') || is_in(&TITLES_SET, &t.s))
            // A verb or adjective before the name (`근무하던`, `제기되자`).
            && !self.toks[a..e].iter().any(|t| {
                t.pos.starts_with("XSV") || t.pos.starts_with("XSA") || t.pos.contains("ETM")
            })
            && !self.toks[e - 1].pos.starts_with('E')
            && !self.vocab.is_not_name(word)
            && !self.vocab.is_relational(word)
            && self.vocab.descriptor(word).is_none()
            && self.vocab.ending(word).is_none()
            && !is_in(&TITLES_SET, &word)
    }

    /// `신 회장`, `전 대표`: a surname that is also a common prefix (`신`
    /// new, `전` former, `현` current, `고` the late) before a title is the
    /// person's short form when the text names someone of that surname
    /// (`신격호`); the person pass leaves them, being unsure.
    pub(super) fn ambiguous_surnames(&mut self) {
        let surnames: HashSet<char, FastHash> = self
            .out
            .iter()
            .filter(|m| m.kind == EntityType::Person && !m.short_form)
            .filter(|m| (2..=4).contains(&m.text.chars().count()))
            .filter_map(|m| m.text.chars().next())
            .filter(|c| matches!(c, '신' | '전' | '현' | '고'))
            .collect();
        if surnames.is_empty() {
            return;
        }
        let n = self.toks.len();
        for i in 0..n.saturating_sub(1) {
            let t = &self.toks[i];
            // After a name, `전` is "former" (`박정희 전 대통령`).
            let after_name = i > 0 && self.person_end.get(self.toks[i - 1].be) == Some(&true);
            let ok = !self.claimed[i]
                && !after_name
                && t.word_start
                && t.chars == 1
                && t.s.chars().next().is_some_and(|c| surnames.contains(&c))
                && self.toks[i + 1].sp
                && self.title_at(i + 1)
                && self.s(i + 1) != "전";
            if ok {
                self.push(i, i + 1, EntityType::Person, None, "short-form");
                if let Some(m) = self.out.last_mut() {
                    m.short_form = true;
                }
            }
        }
    }

    /// Whether the dictionary's person name `i..b`, one Sino-Korean word
    /// of two syllables, is a common noun the sentence made a name of
    /// (`메르스 의심 환자`, `찬양·고무`): read alone, the analyser takes it
    /// for a common noun with a class of meaning, and nothing around it
    /// says a person is meant (a title, `씨`, an age in parentheses).
    fn common_word_read_as_name(&self, i: usize, b: usize) -> bool {
        if b != i + 1 || self.toks[i].chars != 2 || self.vocab.is_loanword(self.toks[i].s) {
            return false;
        }
        let named = self.title_at(b)
            || matches!(self.s(b), "씨" | "(")
            || self.toks.get(b).is_some_and(|u| u.sp && u.s == "씨");
        if named {
            return false;
        }
        // A common noun the dictionary gives a class of meaning (`의심`:
        // 정적사태, `찬양`: 행위); a bare NNG may be a given name (`지현`).
        let alone = self.analyzer.analyze(self.toks[i].s);
        alone.len() == 1 && {
            let tag = self.analyzer.tag(alone[0].word);
            tag.pos == "NNG" && tag.semantic != "*"
        }
    }

    fn mark_person_end(&mut self, byte_end: usize) {
        if let Some(e) = self.person_end.get_mut(byte_end) {
            *e = true;
        }
    }

    /// Whether token `j` is a whole word that can be part of a foreign
    /// name: a proper noun or unknown Hangul word, with at most a particle
    /// after it.
    fn name_word(&self, j: usize) -> bool {
        let t = &self.toks[j];
        !self.claimed[j]
            && (t.proper() || t.unknown)
            && t.hangul
            && !is_in(&TITLES_SET, &t.s)
            && !self.vocab.is_not_name(t.s)
            // `김앤장 법무법인`: a descriptor names what the name is.
            && self.vocab.descriptor(t.s).is_none()
            && self.toks.get(j + 1).is_none_or(|u| {
                u.sp || u.pos.starts_with('J') || u.pos.starts_with('S') || u.pos == "VCP"
            })
    }

    /// The end of a further word of a foreign name starting at token `j`
    /// (`아바우드` in `압델하미드 아바우드(27)`, `베옌스` in `프랑크 베옌스`): a
    /// proper noun or unknown word as in [`Recognizer::name_word`], or a
    /// written word of several noun pieces that is a loanword or holds a
    /// person-name piece (the dictionary cuts foreign names: `베/옌스`,
    /// `캄/메노/스`), ending at a particle, punctuation or a space.
    fn foreign_name_word(&self, j: usize) -> Option<usize> {
        // A Korean name is another person (`주범 윤길자`).
        // A word with a syllable foreign to Sino-Korean is no Korean name
        // even when it starts like one (`가네코 지히로`).
        if self.name_word(j) {
            return (!korean_name(self.vocab, self.toks[j].s)).then_some(j + 1);
        }
        let n = self.toks.len();
        let mut e = j;
        while e < n
            && (e == j || !self.toks[e].sp)
            && !self.claimed[e]
            && self.toks[e].hangul
            && matches!(self.toks[e].pos, "NNP" | "NNG" | "XSN")
        {
            e += 1;
        }
        if e < j + 2 {
            // `마이클 오언은`, `링고 스타가`: a family name the dictionary
            // reads as one common noun, closed by a particle or punctuation
            // right after it (`스타 콘서트` goes on: a noun phrase).
            if e == j + 1 && self.surname_noun(j) {
                return Some(e);
            }
            // `바르/VV 덴/EC 사/VV+EC`: an unknown name read as a verb.
            return self.written_foreign_word(j);
        }
        let ends_word = self.toks.get(e).is_none_or(|u| {
            u.sp || u.pos.starts_with('J') || u.pos.starts_with('S') || u.pos == "VCP"
        });
        let word = self.slice(j, e);
        let named = self.toks[j..e].iter().any(|t| t.sem == "인명") || self.vocab.is_loanword(word);
        // A Korean name is another person (`주범 윤길자`), a place word a
        // place (`의정부시 행복로`).
        if korean_name(self.vocab, word)
            || self.toks[j..e].iter().any(|t| t.sem == "지명")
            || is_in(&PLACE_SUFFIXES_SET, &self.toks[e - 1].s)
        {
            return None;
        }
        (ends_word
            && named
            && word.chars().count() <= 8
            && !self.toks[j..e].iter().any(|t| is_in(&TITLES_SET, &t.s))
            && !self.vocab.is_not_name(word)
            && !self.vocab.is_relational(word)
            && !self.vocab.is_ending(word)
            && self.vocab.ending(word).is_none()
            && self.vocab.descriptor(word).is_none())
        .then_some(e)
    }

    /// Whether token `j`, one common noun of two or three syllables after
    /// a foreign given name, is the family name: a particle or a closing
    /// mark follows it in the same word, and it is no title, descriptor,
    /// relational or listed non-name word (`마이클 측은` is his side).
    fn surname_noun(&self, j: usize) -> bool {
        let t = &self.toks[j];
        let particle = self.toks.get(j + 1).is_some_and(|u| {
            !u.sp
                && (matches!(u.pos, "JKS" | "JX" | "JKG" | "JKO" | "JC")
                    || (u.pos == "JKB" && matches!(u.s, "와" | "과")))
        });
        let closed = particle
            || self.toks.get(j + 1).is_some_and(|u| {
                !u.sp
                    && ((u.pos == "JKB" && matches!(u.s, "에게" | "에게서" | "한테" | "와" | "과"))
                        || matches!(u.s, "(" | "," | "·"))
            })
            // `아웅산 수치 여사`: a title after the word closes the name.
            || self
                .toks
                .get(j + 1)
                .is_some_and(|u| u.sp && is_in(&TITLES_SET, &u.s));
        // `미셸 위와`: a Korean surname of one syllable is a family name of
        // its own, closed by a particle.
        let one_syllable_surname = t.chars == 1 && particle && surname(t.s).is_some();
        closed
            && t.pos == "NNG"
            && t.hangul
            && !self.claimed[j]
            && ((2..=3).contains(&t.chars) || one_syllable_surname)
            && t.s.chars().all(is_hangul_syllable)
            && !is_in(&TITLES_SET, &t.s)
            && !self.vocab.is_not_name(t.s)
            && !self.vocab.is_relational(t.s)
            && !self.vocab.is_ending(t.s)
            && self.vocab.descriptor(t.s).is_none()
    }

    /// A written word of a foreign name the analyser read as other words:
    /// a loanword of two to six syllables, with at most a particle after.
    fn written_foreign_word(&self, j: usize) -> Option<usize> {
        let mut e = self.written_word_end(j);
        while e > j + 1 && self.toks[e - 1].pos.starts_with('J') {
            e -= 1;
        }
        let word = self.slice(j, e);
        let chars = word.chars().count();
        // One dictionary noun is a word (`신형 로봇`), not a name.
        let one_word = e == j + 1 && !self.toks[j].unknown && !self.toks[j].proper();
        let ok = !one_word
            && (2..=6).contains(&chars)
            && word.chars().all(is_hangul_syllable)
            && self.vocab.is_loanword(word)
            && self.free(j, e)
            && !self.toks[j..e].iter().any(|t| is_in(&TITLES_SET, &t.s))
            && !self.vocab.is_not_name(word)
            && !self.vocab.is_relational(word)
            && self.vocab.ending(word).is_none();
        ok.then_some(e)
    }

    /// Whether a title follows token `j` (in the same word or the next).
    /// Whether a place name glued to the post of its head (`평택시장`,
    /// `충남지사`, `종로구청장`) starts at token `j`, after a space, and ends
    /// the noun there.
    pub(super) fn place_head_at(&self, j: usize) -> bool {
        let (Some(p), Some(h)) = (self.toks.get(j), self.toks.get(j + 1)) else {
            return false;
        };
        p.sp && p.proper()
            && p.sem == "지명"
            && !h.sp
            && matches!(
                h.s,
                "시장" | "군수" | "구청장" | "도지사" | "지사" | "교육감"
            )
            && !self
                .toks
                .get(j + 2)
                .is_some_and(|u| !u.sp && u.pos.starts_with("NN"))
    }

    pub(super) fn title_at(&self, j: usize) -> bool {
        let Some(t) = self.toks.get(j) else {
            return false;
        };
        if is_in(&TITLES_SET, &t.s) {
            return true;
        }
        // `구 전 대표`
        t.s == "전"
            && t.sp
            && self
                .toks
                .get(j + 1)
                .is_some_and(|u| u.sp && is_in(&TITLES_SET, &u.s))
    }

    fn person_at(&self, i: usize) -> Option<(usize, &'static str, bool)> {
        let n = self.toks.len();
        let t = &self.toks[i];
        if !self.word_start(i) {
            return None;
        }
        // `신동주 전 부회장`: `전` after a name means "former"; `이 모 씨`:
        // `모` after a surname is "a certain".
        if t.chars == 1 && i > 0 && self.person_end.get(self.toks[i - 1].be) == Some(&true) {
            return None;
        }
        // `유 모 씨`: `모` after a bare surname is "a certain", never the
        // surname 모 itself.
        if t.s == "모"
            && i > 0
            && self.toks[i - 1].word_start
            && self.toks[i - 1].chars == 1
            && surname(self.toks[i - 1].s).is_some()
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
                let rule = if second == '모' {
                    ANONYMISED
                } else {
                    "short-form"
                };
                return Some((i + 1, rule, true));
            }
        }
        if !t.hangul {
            return None;
        }
        // The dictionary's person class (not a noun that introduces a
        // name: `주범 윤미래`).
        if t.sem == "인명" && t.proper() && self.vocab.descriptor(t.s).is_none() {
            let mut b = i + 1;
            while b < n && !self.toks[b].sp && self.toks[b].sem == "인명" && self.toks[b].proper()
            {
                b += 1;
            }
            let name = self.slice(i, b);
            let chars = name.chars().count();
            // `김모 씨`, `김모(48)씨`: the surname alone.
            if chars == 1 && self.s(b) == "모" && !self.toks[b].sp {
                return Some((b, ANONYMISED, true));
            }
            if b == i + 2 && self.toks[i + 1].s == "모" {
                return Some((i + 1, ANONYMISED, true));
            }
            // A glued common noun makes it another word, unless it is a
            // title (`박지민기자`); so do a glued number, Latin letters, a
            // prefix or a suffix other than a person's (`서해5도`,
            // `아프리카TV`, `레브론`), which a name never takes.
            if self.toks.get(b).is_some_and(|u| {
                !u.sp
                    && (u.pos == "NNG"
                        || u.proper()
                        || u.number()
                        || u.latin()
                        || u.pos == "XPN"
                        || (u.pos == "XSN" && !PERSON_SUFFIXES.contains(&u.s)))
                    && !is_in(&TITLES_SET, &u.s)
            }) {
                return None;
            }
            if chars == 1 {
                // `유 모 씨`, `유 모(52) 씨`
                if surname(name).is_some()
                    && self.s(b) == "모"
                    && matches!(self.s(b + 1), "씨" | "군" | "양" | "(")
                {
                    return Some((b, ANONYMISED, true));
                }
                return (surname(name).is_some() && self.title_at(b)).then_some((
                    b,
                    "short-form",
                    true,
                ));
            }
            // Foreign names are several words (`블레이크 라이블리`, `딕
            // 코스톨로`): take the following name-like words too.
            if !korean_name(self.vocab, name) {
                let mut words = 1;
                while b < n && self.toks[b].sp {
                    let Some(e) = self.foreign_name_word(b) else {
                        break;
                    };
                    // `슈퍼주니어 규현`: a group, then a member's name.
                    if words == 1
                        && e == b + 1
                        && self.toks[b].sem == "인명"
                        && group_member_names(self.vocab, name, self.toks[b].s)
                    {
                        break;
                    }
                    // `부이 응옥 바오 페트로리멕스 회장`: after three words, the
                    // word before a title is the organisation.
                    if words >= 3 && e < n && self.toks[e].sp && self.title_at(e) {
                        break;
                    }
                    b = e;
                    words += 1;
                }
            }
            if self.vocab.is_not_name(name) || self.common_word_read_as_name(i, b) {
                return None;
            }
            return Some((b, "dictionary", false));
        }
        // A name followed by an age in parentheses: `백남기(69)씨`,
        // `윤길자(69·여)`.
        if surname(first_char(t.s)).is_some() {
            let mut b = i + 1;
            while b < n && !self.toks[b].sp && self.toks[b].hangul {
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
                // The analyser may also read a name's last syllable as a
                // noun suffix (`공재/NNG 광/XSN`): such a name counts only
                // before a place's head (below).
                let suffix_split = len == 2
                    && t.chars == 2
                    && t.pos.starts_with("NN")
                    && self.toks[i + 1].pos == "XSN"
                    && self.toks[i + 1].chars == 1;
                if len > 1
                    && !suffix_split
                    && (t.chars != 1 || !(t.unknown || t.pos.starts_with("NN")))
                {
                    break;
                }
                // `공재광 평택시장`: a name, then a place glued to the post
                // of its head (mayor, governor): a person.
                // A split name needs the post to end the phrase (`평택시장은`,
                // not `정치권 평택시장 선거`).
                if self.place_head_at(b)
                    && (!suffix_split
                        || self.toks.get(b + 2).is_some_and(|u| {
                            !u.sp
                                && (matches!(u.pos, "JKS" | "JX" | "JKG" | "JC" | "SC")
                                    || u.s == "에게")
                        }))
                    && !(suffix_split && self.s(i + 1) == "들")
                {
                    return Some((b, "title", false));
                }
                if suffix_split {
                    break;
                }
                // A title glued to the word makes a compound (`도쿄특파원`,
                // `서울시장`), except in bylines and forms of address
                // (`권하영기자`, `이씨`).
                if self.toks.get(b).is_some_and(|u| {
                    is_in(&TITLES_SET, &u.s)
                        && !matches!(u.s, "군" | "양" | "위원" | "이사회")
                        && (u.sp || matches!(u.s, "기자" | "씨" | "모씨" | "님"))
                }) && t.sem != "지명"
                    && (b == n - 1
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
            if t.chars == 1 {
                let next = self.s(i + 1);
                if next == "모" && matches!(self.s(i + 2), "씨" | "군" | "양" | "(") {
                    return Some((i + 1, ANONYMISED, true));
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
            if t.chars == 2 && t.s.ends_with('모') && matches!(self.s(i + 1), "씨") {
                return None;
            }
        }
        None
    }
}
