//! Headline style: one-character abbreviations (`美`, `尹`, `與`) and
//! countries before government bodies (`미 국방부`, `美 국무부`, `미국
//! 국방부`), which name that country's body rather than Korea's.

use super::{Recognizer, punctuation_pos};
use crate::entities::lexicon::*;
use crate::entities::vocab::Abbreviation;
use crate::entities::{EntityType, generated_id};

impl Recognizer<'_, '_> {
    /// `美 국방부`, `미 국방부`: a government body (found so far) after a
    /// country's short form is that country's body. The mention takes the
    /// prefix in and an id of its own (`org:미국국방부`), so it never merges
    /// with the Korean body the gazetteer knows.
    pub(super) fn country_bodies(&mut self) {
        for k in 0..self.out.len() {
            let m = &self.out[k];
            if m.kind != EntityType::Org || m.rule == "country-body" {
                continue;
            }
            let label = self
                .gazetteer
                .get(&m.id)
                .map_or(m.text.as_str(), |e| e.ko.as_str());
            if !self.vocab.is_government_body(label) {
                continue;
            }
            let first = self.token_from(m.byte_start);
            if first == 0 || first >= self.toks.len() || !self.toks[first].sp {
                continue;
            }
            let p = first - 1;
            if self.claimed[p] || !self.toks[p].word_start {
                continue;
            }
            let Some(country) = self.vocab.country_prefix(self.toks[p].s) else {
                continue;
            };
            if self.vocab.is_home_country(country) {
                continue;
            }
            let id = generated_id(EntityType::Org, &format!("{country} {label}"));
            let (bs, start) = (self.toks[p].bs, self.toks[p].start);
            let m = &mut self.out[k];
            m.byte_start = bs;
            m.start = start;
            m.text = self.text[bs..m.byte_end].to_string();
            m.id = id;
            m.rule = "country-body";
            m.generic = false;
            self.claimed[p] = true;
        }
    }

    /// `美 국무부`, `中 상무부`: a country prefix before a word that ends like
    /// a government body, which no pass has found (the gazetteer knows
    /// Korea's bodies, not every country's).
    pub(super) fn country_prefixed_bodies(&mut self) {
        let n = self.toks.len();
        for p in 0..n.saturating_sub(1) {
            let t = &self.toks[p];
            if self.claimed[p] || !t.word_start || !self.toks[p + 1].sp {
                continue;
            }
            let Some(country) = self.vocab.country_prefix(t.s) else {
                continue;
            };
            if self.vocab.is_home_country(country) {
                continue;
            }
            let Some(e) = self.noun_stem_end(p + 1) else {
                continue;
            };
            let body = self.slice(p + 1, e);
            if body.chars().count() < 2
                || !self.vocab.is_government_body(body)
                || self.vocab.is_ending(body) && body.chars().count() < 2
            {
                continue;
            }
            let id = generated_id(EntityType::Org, &format!("{country} {body}"));
            self.push(p, e, EntityType::Org, Some(id), "country-body");
        }
    }

    /// `美`, `尹`, `與` on their own: the country, a surname standing for the
    /// person named in full elsewhere (a short form, like `윤 대통령`), or
    /// a generic institution.
    pub(super) fn abbreviation_pass(&mut self) {
        let n = self.toks.len();
        for i in 0..n {
            let t = &self.toks[i];
            if self.claimed[i] || !t.word_start || t.chars != 1 {
                continue;
            }
            let Some(a) = self.vocab.abbreviation(t.s) else {
                continue;
            };
            let ends_word = self.toks.get(i + 1).is_none_or(|u| {
                u.sp || punctuation_pos(u.pos) || u.pos.starts_with('J') || is_in(&TITLES_SET, &u.s)
            });
            if !ends_word {
                continue;
            }
            match a.clone() {
                Abbreviation::Name(kind, word) => {
                    let id = self
                        .gazetteer
                        .lookup(&word)
                        .map_or_else(|| generated_id(kind, &word), |e| e.id.clone());
                    self.push(i, i + 1, kind, Some(id), "abbreviation");
                }
                Abbreviation::Surname(_) => {
                    self.push(i, i + 1, EntityType::Person, None, "abbreviation");
                    if let Some(m) = self.out.last_mut() {
                        m.short_form = true;
                    }
                }
                Abbreviation::Institution(word) => {
                    let id = generated_id(EntityType::Org, &word);
                    self.push(i, i + 1, EntityType::Org, Some(id), "abbreviation");
                    if let Some(m) = self.out.last_mut() {
                        m.generic = true;
                    }
                }
            }
        }
    }
}
