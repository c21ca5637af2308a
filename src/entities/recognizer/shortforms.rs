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
