//! Events named by their parties: an event word after the places,
//! organisations or country initials it is between or about (`한미
//! 정상회담`, `우크라이나 전쟁`, `러시아-우크라이나 전쟁`, `G7 회담`,
//! `남북정상회담`). The event words are the event endings of the
//! vocabulary (`data/entities/endings.tsv`) standing as a word of their
//! own; the country initials are its `country-initial` syllables.

use std::collections::HashMap;

use super::Recognizer;
use crate::FastHash;
use crate::entities::{EntityType, generated_id};

/// Separators between the crimes of one incident (`납치·살해`).
fn crime_separator(s: &str) -> bool {
    matches!(s, "·" | "ㆍ" | "・")
}

/// One event named by its people or its place, or a later bare mention.
struct Occurrence {
    start: usize,
    end: usize,
    /// The occasion word or the crimes (`결혼식`, `납치·살해`); empty for
    /// `이 사건`, which may stand for any incident.
    key: String,
    /// The mentions of the people or the place naming it; `None` for a
    /// bare mention.
    parties: Option<Vec<usize>>,
    /// Where the name starts: the first token of the people or the
    /// place. They stay mentions of their own (`강남` is a place, `이승기`
    /// a person), so the event's mention is its own words.
    name_start: usize,
}

impl Recognizer<'_, '_> {
    /// Events named by a word of their own (`내년 총선`, `부활절`: the
    /// `event-word` list) and days named `X의 날` (`장애인의 날`): a noun
    /// of two syllables or more, the genitive and `날` as a whole word.
    pub(super) fn event_words(&mut self) {
        let n = self.toks.len();
        let mut k = 0;
        while k < n {
            if self.claimed[k] || !self.toks[k].word_start {
                k += 1;
                continue;
            }
            let Some(b) = self.noun_stem_end(k) else {
                k += 1;
                continue;
            };
            if self.vocab.is_event_word(self.slice(k, b)) {
                self.push(k, b, EntityType::Event, None, "event-word");
                k = b;
                continue;
            }
            let day = b + 1 < n
                && b == k + 1
                && matches!(self.toks[k].pos, "NNG" | "NNP")
                && self.toks[k].chars >= 2
                && self.toks[k].hangul
                && self.toks[b].pos == "JKG"
                && self.toks[b].s == "의"
                && self.toks[b + 1].sp
                && self.toks[b + 1].s == "날"
                && self.toks[b + 1].pos == "NNG"
                && !self.claimed[b + 1]
                && self.toks.get(b + 2).is_none_or(|u| u.sp || !u.noun());
            if day {
                self.push(k, b + 2, EntityType::Event, None, "event-word");
                k = b + 2;
                continue;
            }
            k = b;
        }
    }

    pub(super) fn event_phrases(&mut self) {
        let n = self.toks.len();
        let by_end = self.mention_index(false);
        let mut found: Vec<(usize, usize, Vec<usize>)> = Vec::new();
        let mut k = 1;
        while k < n {
            if self.claimed[k] || !self.toks[k].word_start {
                k += 1;
                continue;
            }
            let Some(b) = self.noun_stem_end(k) else {
                k += 1;
                continue;
            };
            let stem = self.slice(k, b);
            let found_ending = match self.vocab.ending_entry(stem) {
                Some(e) => Some((e, 0)),
                None => self.vocab.ending(stem),
            };
            let Some((ending, head)) = found_ending else {
                k = b;
                continue;
            };
            if ending.kind != Some(EntityType::Event) {
                k = b;
                continue;
            }
            // `남북정상회담`, `한미연합훈련`: the parties glued to the word.
            if head > 0 {
                if self.vocab.is_country_initials(&stem[..head]) {
                    found.push((k, b, Vec::new()));
                }
                k = b;
                continue;
            }
            if !self.toks[k].sp {
                k = b;
                continue;
            }
            // The parties: the word before, a place or organisation found
            // there, a Latin name (`G7`, `APEC`), or country initials.
            let mut start = None;
            let mut parties = Vec::new();
            if let Some(&m) = by_end.get(&k) {
                let mention = &self.out[m];
                if matches!(mention.kind, EntityType::Location | EntityType::Org)
                    && !mention.generic
                {
                    parties.push(m);
                    let mut a = self.token_from(mention.byte_start);
                    // `러시아-우크라이나`, `미국·중국`: more parties joined.
                    while a >= 2
                        && matches!(self.s(a - 1), "-" | "·" | "–")
                        && !self.toks[a].sp
                        && !self.toks[a - 1].sp
                        && let Some(&p) = by_end.get(&(a - 1))
                        && matches!(self.out[p].kind, EntityType::Location | EntityType::Org)
                    {
                        parties.push(p);
                        a = self.token_from(self.out[p].byte_start);
                    }
                    start = Some(a);
                }
            } else {
                let mut a = k - 1;
                while a > 0 && !self.toks[a].word_start {
                    a -= 1;
                }
                let word = self.slice(a, k);
                let latin = self.toks[a].latin()
                    && self.toks[a].s.starts_with(|c: char| c.is_ascii_uppercase())
                    && self.toks[a..k].iter().all(|t| t.latin() || t.number());
                if self.free(a, k) && (latin || self.vocab.is_country_initials(word)) {
                    start = Some(a);
                }
            }
            if let Some(a) = start {
                found.push((a, b, parties));
            }
            k = b;
        }
        if found.is_empty() {
            return;
        }
        let drop: Vec<usize> = found.iter().flat_map(|f| f.2.iter().copied()).collect();
        self.drop_mentions(&drop);
        for (a, b, _) in found {
            if self.free(a, b) {
                self.push(a, b, EntityType::Event, None, "event-phrase");
            }
        }
    }

    /// Events named by the people they are of or the place they happened
    /// in: an occasion after its people in the genitive (`이승기와 배우
    /// 이다인의 결혼식`, `오바마의 취임식`: the `occasion` list) and an
    /// incident after its place and crimes (`강남 납치·살해 사건`: the
    /// `crime` and `incident` lists). The names become part of the event.
    /// Later bare mentions in the same text (`결혼식`, `두 사람의
    /// 결혼식`, `납치살해 사건`, `이 사건`) are that event when the text
    /// names one event of their word; a bare word alone makes none.
    pub(super) fn named_occasions(&mut self) {
        let n = self.toks.len();
        let by_end = self.mention_index(false);
        let mut found: Vec<Occurrence> = Vec::new();
        let mut k = 0;
        while k < n {
            if self.claimed[k] || !self.toks[k].word_start {
                k += 1;
                continue;
            }
            let Some(b) = self.noun_stem_end(k) else {
                k += 1;
                continue;
            };
            let stem = self.slice(k, b);
            if self.vocab.is_occasion(stem) {
                let people = self.occasion_people(k, &by_end);
                found.push(Occurrence {
                    start: k,
                    end: b,
                    key: stem.to_string(),
                    name_start: people.as_ref().map_or(k, |p| p.0),
                    parties: people.map(|p| p.1),
                });
                k = b;
                continue;
            }
            if let Some((end, key)) = self.crimes_and_incident(k) {
                let place = by_end.get(&k).copied().filter(|&m| {
                    self.toks[k].sp
                        && self.out[m].kind == EntityType::Location
                        && !self.out[m].generic
                });
                found.push(Occurrence {
                    start: k,
                    end,
                    key,
                    name_start: place.map_or(k, |m| self.token_from(self.out[m].byte_start)),
                    parties: place.map(|m| vec![m]),
                });
                k = end;
                continue;
            }
            // `이 사건`, `이번 사건`: a determiner before the bare word.
            if b == k + 1
                && self.vocab.is_incident(stem)
                && self.toks[k].sp
                && k >= 1
                && self.toks[k - 1].word_start
                && matches!(self.toks[k - 1].s, "이" | "이번" | "해당" | "그")
                && matches!(self.toks[k - 1].pos, "MM" | "NP" | "NNG")
            {
                found.push(Occurrence {
                    start: k,
                    end: b,
                    key: String::new(),
                    parties: None,
                    name_start: k,
                });
            }
            k = b;
        }
        if !found.iter().any(|o| o.parties.is_some()) {
            return;
        }
        // One id per event: the same people or place and word, however
        // written (`강남 납치·살해 사건`, `강남 납치살해 사건`).
        let mut ids: HashMap<String, String, FastHash> = HashMap::default();
        let mut named: Vec<(usize, usize, String, String)> = Vec::new();
        for o in &found {
            let Some(parties) = &o.parties else { continue };
            let mut key = o.key.clone();
            for &p in parties {
                key.push('|');
                key.push_str(&self.out[p].id);
            }
            // The id names the people or place (`결혼식` of 이승기 and
            // 이다인), and carries no `:`, so the entity keeps it rather
            // than make one from its label, the event's own words.
            let text = self.slice(o.name_start, o.end);
            let id = ids
                .entry(key)
                .or_insert_with(|| generated_id(EntityType::Event, text).replacen(':', "-", 1))
                .clone();
            named.push((o.start, o.end, id, o.key.clone()));
        }
        // The id a bare word stands for: the one event of its word.
        let id_for = |key: &str| -> Option<String> {
            let mut it = named
                .iter()
                .filter(|e| key.is_empty() && self.vocab.is_crime(first_crime(&e.3)) || e.3 == key)
                .map(|e| &e.2);
            let first = it.next()?;
            it.all(|i| i == first).then(|| first.clone())
        };
        let bare: Vec<(usize, usize, String, bool)> = found
            .iter()
            .filter(|o| o.parties.is_none())
            .filter_map(|o| id_for(&o.key).map(|id| (o.start, o.end, id, o.key.is_empty())))
            .collect();
        for (a, b, id, _) in named {
            if self.free(a, b) {
                self.push(a, b, EntityType::Event, Some(id), "event-named");
            }
        }
        for (a, b, id, determiner) in bare {
            if self.free(a, b) {
                self.push(a, b, EntityType::Event, Some(id), "event-named");
                // `이 사건` names the event but is no name of it.
                if determiner && let Some(m) = self.out.last_mut() {
                    m.short_form = true;
                }
            }
        }
    }

    /// The people an occasion at token `k` is of: names of people or
    /// organisations joined by `와`/`과` or `·` (a descriptor may stand
    /// before each: `이승기와 배우 이다인`), the last one with the
    /// genitive glued to it. Gives the first token and the mentions.
    fn occasion_people(
        &self,
        k: usize,
        by_end: &HashMap<usize, usize, FastHash>,
    ) -> Option<(usize, Vec<usize>)> {
        if k < 2 || !self.toks[k].sp || self.toks[k - 1].pos != "JKG" || self.toks[k - 1].sp {
            return None;
        }
        let named = |m: usize| {
            let m = &self.out[m];
            matches!(m.kind, EntityType::Person | EntityType::Org) && !m.generic && !m.short_form
        };
        let &m = by_end.get(&(k - 1)).filter(|&&m| named(m))?;
        let mut parties = vec![m];
        let mut a = self.token_from(self.out[m].byte_start);
        loop {
            // A descriptor word before the name (`배우`).
            let mut c = a;
            if c >= 2
                && self.toks[c].sp
                && self.toks[c - 1].word_start
                && self.toks[c - 1].noun()
                && self.vocab.descriptor(self.toks[c - 1].s) == Some(EntityType::Person)
            {
                c -= 1;
            }
            let joined = c >= 2
                && !self.toks[c - 1].sp
                && (self.toks[c - 1].pos == "JC" && self.toks[c].sp
                    || crime_separator(self.toks[c - 1].s) && !self.toks[c].sp);
            let Some(&p) = by_end.get(&(c - 1)).filter(|&&p| joined && named(p)) else {
                break;
            };
            parties.push(p);
            a = self.token_from(self.out[p].byte_start);
        }
        Some((a, parties))
    }

    /// Crimes and the incident word from the word at token `k` (`납치·살해
    /// 사건`, `납치살해사건`, `흉기 난동 사건`): the end of the incident
    /// word and the crimes joined by `·`.
    fn crimes_and_incident(&self, k: usize) -> Option<(usize, String)> {
        let n = self.toks.len();
        let mut j = k;
        let mut crimes: Vec<&str> = Vec::new();
        while j < n && !self.claimed[j] && crimes.len() <= 4 {
            let t = &self.toks[j];
            if !crimes.is_empty() && t.pos == "NNG" && self.vocab.is_incident(t.s) {
                // The incident word ends the word (a particle may follow).
                if self.toks.get(j + 1).is_some_and(|u| !u.sp && u.noun()) {
                    return None;
                }
                return Some((j + 1, crimes.join("·")));
            }
            if t.pos == "NNG" && self.vocab.is_crime(t.s) {
                crimes.push(t.s);
                j += 1;
            } else if j + 1 < n
                && t.noun()
                && !self.toks[j + 1].sp
                && !self.claimed[j + 1]
                && self.vocab.is_crime(self.slice(j, j + 2))
            {
                crimes.push(self.slice(j, j + 2));
                j += 2;
            } else {
                return None;
            }
            if j < n && crime_separator(self.toks[j].s) && !self.toks[j].sp {
                j += 1;
                if j < n && self.toks[j].sp {
                    return None;
                }
            }
        }
        None
    }
}

/// The first crime of a key (`납치` of `납치·살해`).
fn first_crime(key: &str) -> &str {
    key.split('·').next().unwrap_or(key)
}
