//! Places from the place data ([`crate::entities::places`]): official
//! divisions, countries, cities and curated names, with the ids they share
//! (`부산` = `부산광역시`), a place written before its part joined to it
//! (`부산 중구`, `경기 이천시 마장면`), and homonyms told apart by that
//! context or left ambiguous.

use super::Recognizer;
use crate::entities::EntityType;
use crate::entities::gazetteer::push_key;
use crate::entities::places::{
    AMBIGUOUS_RULE, NameRef, PLACE_RULE, PlaceId, PlaceKind, Strength, one_syllable,
};

/// Most tokens a place name spans (`산루이스포토시`, `부산광역시` split).
const MAX_TOKENS: usize = 6;

impl<'t> Recognizer<'_, 't> {
    /// The longest place name starting at token `i`: its end token and the
    /// places it may name.
    fn place_name(&self, i: usize) -> Option<(usize, &[NameRef])> {
        let places = self.places;
        let n = self.toks.len();
        let mut key = String::new();
        let mut chars = 0;
        let mut best = None;
        for j in i + 1..=(i + MAX_TOKENS).min(n) {
            let t = &self.toks[j - 1];
            if self.claimed[j - 1] || (j > i + 1 && t.sp) {
                break;
            }
            if t.hangul {
                key.push_str(t.s);
            } else {
                push_key(&mut key, t.s);
            }
            chars += t.chars;
            if chars > places.max_key_chars() {
                break;
            }
            let refs = places.lookup_key(&key);
            if !refs.is_empty() {
                best = Some((j, refs));
            }
        }
        best
    }

    pub(super) fn place_data_pass(&mut self) {
        let n = self.toks.len();
        // The place just found: (index in `out`, end byte, its place).
        let mut last: Option<(usize, usize, PlaceId)> = None;
        let mut i = 0;
        while i < n {
            if self.claimed[i] {
                i += 1;
                continue;
            }
            let before = last.filter(|&(_, end, _)| {
                let gap = &self.text[end.min(self.toks[i].bs)..self.toks[i].bs];
                gap.is_empty() || gap == " "
            });
            match self.place_at(i, before.map(|(_, _, p)| p)) {
                Some((j, found)) => {
                    let (id, rule) = match found {
                        Some(p) => (self.places.place(p).id.clone(), PLACE_RULE),
                        None => (
                            crate::entities::generated_id(EntityType::Location, self.slice(i, j)),
                            AMBIGUOUS_RULE,
                        ),
                    };
                    self.push(i, j, EntityType::Location, Some(id), rule);
                    // `부산 중구`: a place followed by a part of it is one
                    // name, the part.
                    if let (Some(p), Some((k, _, q))) = (found, before)
                        && self.places.contains(q, p)
                        && k + 2 == self.out.len()
                    {
                        let part = self.out.pop().expect("just pushed");
                        let whole = &mut self.out[k];
                        whole.byte_end = part.byte_end;
                        whole.end = part.end;
                        whole.text = self.text[whole.byte_start..whole.byte_end].to_string();
                        whole.id = part.id;
                    }
                    let k = self.out.len() - 1;
                    last = found.map(|p| (k, self.toks[j - 1].be, p));
                    i = j;
                }
                None => i += 1,
            }
        }
    }

    /// A place name at token `i` (given the place written just before, if
    /// any): its end token and the place it names (`None`: several
    /// homonyms and nothing to choose).
    fn place_at(&self, i: usize, before: Option<PlaceId>) -> Option<(usize, Option<PlaceId>)> {
        let places = self.places;
        let t = &self.toks[i];
        let after_dot = i > 0 && self.toks[i - 1].s == "·" && !t.sp;
        if !t.word_start && !after_dot {
            return None;
        }
        let (j, refs) = self.place_name(i)?;
        let name = self.slice(i, j);
        let last = &self.toks[j - 1];
        let abbreviation = one_syllable(name);
        // `한·미`, `북·미`: a one-syllable name stands for its country only
        // in coordination with another.
        let coordinated = {
            let other = |k: usize| {
                self.toks
                    .get(k)
                    .is_some_and(|u| one_syllable(u.s) && !places.lookup(u.s).is_empty())
            };
            let dot_after = self.toks.get(j).is_some_and(|u| u.s == "·" && !u.sp) && other(j + 1);
            let dot_before = after_dot && i >= 2 && other(i - 2);
            dot_after || dot_before
        };
        if abbreviation && !coordinated && name.chars().all(is_hangul) {
            return None;
        }
        if !(abbreviation || last.noun() || last.pos == "SY") {
            return None;
        }
        // The word goes on: `부산역` is a station, `서울대` a university,
        // `한국형` a kind; `상하이시`, `미주리주` a place with its suffix.
        let mut end = j;
        if let Some(u) = self.toks.get(j).filter(|u| !u.sp) {
            let abroad = refs.iter().any(|r| {
                matches!(
                    places.place(r.place).kind,
                    PlaceKind::City | PlaceKind::State | PlaceKind::Country | PlaceKind::Area
                )
            });
            let suffix = matches!(u.s, "시" | "주" | "성" | "현" | "도")
                && u.pos.starts_with('N')
                && self.toks.get(j + 1).is_none_or(|v| v.sp || !v.noun());
            if suffix && abroad {
                end = j + 1;
            } else if (u.noun() && u.pos != "NNB") || u.latin() || u.number() {
                return None;
            }
        }
        // A name glued to the end of a longer word is not the place.
        if i > 0 && !t.sp && !after_dot {
            let p = &self.toks[i - 1];
            if p.noun() || p.latin() {
                return None;
            }
        }
        // What the analyser made of the word: a short word it reads as one
        // common noun (`이동`, `서구`) is that noun unless the context says
        // otherwise; longer ones it lists as nouns are names (`고성군`).
        let single = j == i + 1;
        let common_noun = single && t.pos == "NNG" && t.chars <= 2;
        let place_tag = single && t.proper() && t.sem == "지명";
        // A place it contains written right after (`경기 이천시`).
        let after: Vec<PlaceId> = match self.toks.get(end) {
            Some(u)
                if u.sp
                    && !self.claimed[end]
                    && refs
                        .iter()
                        .any(|r| r.strength < Strength::Full || common_noun) =>
            {
                self.place_name(end)
                    .map(|(_, next)| next.iter().map(|r| r.place).collect())
                    .unwrap_or_default()
            }
            _ => Vec::new(),
        };
        let in_context = |p: PlaceId| {
            before.is_some_and(|b| places.contains(b, p))
                || after.iter().any(|&c| places.contains(p, c))
        };
        let accepted: Vec<PlaceId> = refs
            .iter()
            .filter(|r| {
                in_context(r.place)
                    || match r.strength {
                        Strength::Strong => true,
                        Strength::Full => !common_noun,
                        Strength::Short => place_tag,
                        Strength::Context => false,
                    }
            })
            .map(|r| r.place)
            .collect();
        if accepted.is_empty() {
            return None;
        }
        let near: Vec<PlaceId> = accepted
            .iter()
            .copied()
            .filter(|&p| in_context(p))
            .collect();
        let pool = if near.is_empty() { accepted } else { near };
        let found = if let [one] = pool[..] {
            Some(one)
        } else {
            places.most_prominent(pool)
        };
        Some((end, found))
    }
}

fn is_hangul(c: char) -> bool {
    crate::entities::romanize::is_hangul_syllable(c)
}
