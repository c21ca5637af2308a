//! Events named by their parties: an event word after the places,
//! organisations or country initials it is between or about (`한미
//! 정상회담`, `우크라이나 전쟁`, `러시아-우크라이나 전쟁`, `G7 회담`,
//! `남북정상회담`). The event words are the event endings of the
//! vocabulary (`data/entities/endings.tsv`) standing as a word of their
//! own; the country initials are its `country-initial` syllables.

use super::Recognizer;
use crate::entities::EntityType;

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
}
