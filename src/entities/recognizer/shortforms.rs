//! Korean short forms defined in parentheses: `중앙사고수습본부(중수본)`,
//! `범국민추모위원회(추모위)`, `씨제스 엔터테인먼트(이하 씨제스)`, and the
//! other way round, `조중방(조선중앙방송)`. A short form is taken from the
//! syllables of the long one, in order, starting with its first
//! (`중`앙사고`수`습`본`부 → 중수본), or is its first word; it then names
//! the same organisation wherever the text uses it.

use super::Recognizer;
use crate::entities::EntityType;
use crate::entities::romanize::is_hangul_syllable;

/// Whether `short` abbreviates `long`: two to five Hangul syllables, the
/// first of `long` first, the rest in `long`'s order, shorter than it.
fn abbreviates(short: &str, long: &str) -> bool {
    let n = short.chars().count();
    if !(2..=5).contains(&n)
        || !short.chars().all(is_hangul_syllable)
        || n >= long.chars().filter(|c| !c.is_whitespace()).count()
    {
        return false;
    }
    // The first word of a name written in words (`씨제스 엔터테인먼트`).
    if long.split_whitespace().next() == Some(short) {
        return true;
    }
    let mut it = long.chars().filter(|c| !c.is_whitespace());
    let mut sc = short.chars();
    if sc.next() != it.next() {
        return false;
    }
    sc.all(|c| it.any(|l| l == c))
}

impl Recognizer<'_, '_> {
    pub(super) fn short_forms(&mut self) {
        let n = self.toks.len();
        let by_end = self.mention_index(false);
        let by_start = self.mention_index(true);
        let mut found: Vec<(usize, usize, String)> = Vec::new();
        for o in 1..n.saturating_sub(2) {
            if self.s(o) != "(" || self.toks[o].sp {
                continue;
            }
            let Some(c) = (o + 2..n.min(o + 8)).find(|&c| self.s(c) == ")") else {
                continue;
            };
            // `X(Y)` and `X(이하 Y)`: Y short for the organisation X.
            // (A closing quote may come between: `‘…추모위원회’(추모위)`.)
            let quoted = matches!(self.s(o - 1), "’" | "'" | "”" | "\"");
            let before = by_end
                .get(&o)
                .or_else(|| quoted.then(|| by_end.get(&(o - 1))).flatten());
            if let Some(&m) = before
                && self.out[m].kind == EntityType::Org
            {
                let a = if self.s(o + 1) == "이하" {
                    o + 2
                } else {
                    o + 1
                };
                if a < c && self.free(a, c) && abbreviates(self.slice(a, c), &self.out[m].text) {
                    found.push((a, c, self.out[m].id.clone()));
                }
                continue;
            }
            // `Y(X)`: the word before is short for the organisation inside.
            if let Some(&m) = by_start.get(&(o + 1))
                && self.out[m].kind == EntityType::Org
                && self.token_from(self.out[m].byte_end) == c
            {
                let mut a = o - 1;
                while a > 0 && !self.toks[a].word_start {
                    a -= 1;
                }
                if self.free(a, o) && abbreviates(self.slice(a, o), &self.out[m].text) {
                    found.push((a, o, self.out[m].id.clone()));
                }
            }
        }
        for (a, e, id) in found {
            if self.free(a, e) {
                self.push(a, e, EntityType::Org, Some(id), "short-name");
            }
        }
    }
}

impl Recognizer<'_, '_> {
    /// `비대위`, `정보위`, `국방위`, `방통심의위`: the `위` that shortens
    /// `위원회` after the syllables of the committee's name. The word ends in
    /// `위` as a piece of its own glued to a Sino-Korean noun head (the
    /// analyser's `정보/위`), or the dictionary knows the whole short form as
    /// a proper noun (`비대위/NNP`). A place word after the head (`책상위에`,
    /// `수면위로`: `위` as "on") is left alone, and so are the dictionary's
    /// common nouns ending in the syllable (`하위`, `학위`, `최상위`).
    pub(super) fn committee_short_forms(&mut self) {
        let n = self.toks.len();
        let mut found: Vec<(usize, usize)> = Vec::new();
        let mut e = 0;
        while e < n {
            let t = &self.toks[e];
            let glued_wi = t.s == "위" && t.pos == "NNG" && !t.sp;
            let proper_wi = t.pos == "NNP" && t.s.ends_with('위') && t.chars >= 3;
            if !(glued_wi || proper_wi) || self.claimed[e] {
                e += 1;
                continue;
            }
            // The word ends here: a particle other than a place's, a space
            // or punctuation next.
            let ends = self.toks.get(e + 1).is_none_or(|u| {
                u.sp || u.pos.starts_with('S')
                    || (u.pos.starts_with('J') && !matches!(u.pos, "JKB" | "JKV"))
            });
            // The head: the noun pieces glued before it, back to the space.
            let mut a = e;
            while a > 0 && !self.toks[a].sp && self.toks[a - 1].noun() && self.toks[a - 1].hangul {
                a -= 1;
            }
            let head = if a < e { self.slice(a, e) } else { "" };
            let head_chars = head.chars().count();
            let ok = ends
                && self.word_start(a)
                && if glued_wi {
                    (2..=5).contains(&head_chars)
                        && !self.vocab.is_loanword(head)
                        && !self.vocab.is_not_name(head)
                        && self.vocab.descriptor(head).is_none()
                } else {
                    head_chars <= 4
                }
                && self.free(a, e + 1);
            if ok {
                found.push((a, e + 1));
            }
            e += 1;
        }
        for (a, b) in found {
            if self.free(a, b) {
                self.push(a, b, EntityType::Org, None, "committee");
            }
        }
    }
}

impl Recognizer<'_, '_> {
    /// `한국IDC`, `한국IBM`: a company's Korean arm, named by the country
    /// and the company's Latin name, shows that name to be the company
    /// wherever else the text writes it alone (`IDC가 조사했다`), even one
    /// the lists call a common acronym. The parent is an organisation of
    /// its own (it keeps its own entity).
    pub(super) fn arms_of_companies(&mut self) {
        let names: Vec<String> = self
            .out
            .iter()
            .filter(|m| m.kind == EntityType::Org && !m.generic)
            .filter_map(|m| m.text.strip_prefix("한국"))
            .filter(|rest| {
                (2..=6).contains(&rest.len())
                    && rest
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                    && rest.chars().any(|c| c.is_ascii_uppercase())
            })
            .map(str::to_string)
            .collect();
        if names.is_empty() {
            return;
        }
        let n = self.toks.len();
        let mut found = Vec::new();
        for i in 0..n {
            let t = &self.toks[i];
            // The Latin word alone: not glued to a word before it (`한국IDC`
            // itself) or to a noun after it (`IDC센터`).
            let alone = t.word_start
                && !self.claimed[i]
                && self.toks.get(i + 1).is_none_or(|u| u.sp || !u.noun());
            if alone && t.latin() && names.iter().any(|x| x == t.s) {
                found.push(i);
            }
        }
        for i in found {
            self.push(i, i + 1, EntityType::Org, None, "short-name");
        }
    }
}
