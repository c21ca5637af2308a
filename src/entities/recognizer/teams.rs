//! Clubs named by their owner or city and a nickname in the plural of a
//! foreign word (`한화 이글스`, `SSG 랜더스`, `피츠버그 파이어리츠`): a
//! company or place, a space, and a coined loanword ending in the plural
//! `스`/`즈`/`츠` that the dictionary does not know (it reads it as a person's
//! name) are one organisation.

use super::Recognizer;
use crate::entities::EntityType;

impl Recognizer<'_, '_> {
    pub(super) fn team_names(&mut self) {
        let n = self.toks.len();
        let by_end = self.mention_index(false);
        let by_start = self.mention_index(true);
        let mut teams: Vec<(usize, usize, Vec<usize>)> = Vec::new();
        for k in 1..n {
            let t = &self.toks[k];
            if !t.sp || !t.word_start || !t.hangul {
                continue;
            }
            // The owner or city right before.
            let Some(&owner) = by_end.get(&k) else {
                continue;
            };
            let o = &self.out[owner];
            if !matches!(o.kind, EntityType::Org | EntityType::Location) || o.generic {
                continue;
            }
            // A city, not a district or a street: after those come venues
            // (`삼성동 코엑스`, `고양시 킨텍스`).
            if o.kind == EntityType::Location
                && ["동", "구", "시", "군", "읍", "면", "리", "로", "길", "도"]
                    .iter()
                    .any(|x| o.text.ends_with(x))
            {
                continue;
            }
            // The nickname: the written word without its particle.
            let mut e = self.written_word_end(k);
            while e > k + 1 && self.toks[e - 1].pos.starts_with('J') {
                e -= 1;
            }
            let mut nick = self.slice(k, e);
            // A particle the analyser left on an unknown word (`크라운스가`).
            let glued = if (self.toks[e - 1].unknown || self.toks[e - 1].proper())
                && !nick.ends_with(['스', '즈', '츠'])
                && let Some(p) = super::words::particle_end(nick)
            {
                nick = &nick[..nick.len() - p];
                p
            } else {
                0
            };
            let chars = nick.chars().count();
            let plural = nick.ends_with('스') || nick.ends_with('즈') || nick.ends_with('츠');
            let unknown = self.toks[k..e]
                .iter()
                .all(|t| t.hangul && (t.unknown || t.proper() || t.pos == "NNG"))
                && self.toks[k..e].iter().any(|t| t.unknown || t.proper());
            if !(3..=6).contains(&chars)
                || !plural
                || !unknown
                || !self.vocab.is_loanword(nick)
                || self.vocab.descriptor(nick).is_some()
                || self.vocab.is_not_name(nick)
            {
                continue;
            }
            // Free, or the dictionary's guess that it is a person.
            let guess = by_start.get(&k).copied().filter(|&g| {
                let m = &self.out[g];
                m.rule == "dictionary" && self.toks[e - 1].be - m.byte_end <= glued
            });
            if !self.free(k, e) && guess.is_none() {
                continue;
            }
            let a = self.token_from(o.byte_start);
            let end = self.toks[e - 1].be - glued;
            teams.push((a, end, [Some(owner), guess].into_iter().flatten().collect()));
        }
        if teams.is_empty() {
            return;
        }
        let drop: Vec<usize> = teams.iter().flat_map(|t| t.2.iter().copied()).collect();
        self.drop_mentions(&drop);
        for (a, end, _) in teams {
            self.push_bytes(a, end, EntityType::Org, "team");
        }
    }
}
