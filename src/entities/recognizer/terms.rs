//! Acronyms a text defines as common terms: a Latin acronym in parentheses
//! right after the Korean words it abbreviates (`가상사설망(VPN)`,
//! `'양자키분배기술'(QKD)`, `비밀유지계약(NDA)`) is a word of the trade,
//! not an organisation, there and wherever else the text uses it. So is a
//! short form after `이하` ("hereafter": `주택담보대출(이하 주담대)`). An
//! organisation's own name before it (`국제통신연합(ITU)`, an organisation
//! ending) keeps the acronym a name.

use super::Recognizer;
use crate::entities::EntityType;

impl Recognizer<'_, '_> {
    pub(super) fn defined_terms(&mut self) {
        let n = self.toks.len();
        for p in 1..n.saturating_sub(2) {
            if p + 2 >= n {
                break;
            }
            // `(`, or a closing quote glued to it (`'(`).
            let paren = self.toks[p].s;
            if !paren.ends_with('(') || self.toks[p].sp {
                continue;
            }
            let quoted = paren.len() > 1;
            // The short form: a Latin acronym alone (`(VPN)`), or a Hangul
            // word after `이하` ("hereafter": `(이하 주담대)`).
            let short = if self.toks[p + 1].latin()
                && self.toks[p + 1]
                    .s
                    .chars()
                    .filter(char::is_ascii_uppercase)
                    .count()
                    >= 2
                && self.toks[p + 2].s == ")"
            {
                self.toks[p + 1].s.to_ascii_uppercase()
            } else if self.toks[p + 1].s == "이하"
                && let Some(close) = (p + 3..n.min(p + 8)).find(|&c| self.toks[c].s == ")")
                && self.toks[p + 2..close].iter().all(|t| t.hangul)
            {
                self.slice(p + 2, close).to_string()
            } else {
                continue;
            };
            // The defined words end right before the parenthesis, or inside
            // quotes that end there.
            let mut e = p;
            if !quoted && matches!(self.s(e - 1), "'" | "’" | "\"" | "”") && e >= 2 {
                e -= 1;
            }
            let last = &self.toks[e - 1];
            if !matches!(last.pos, "NNG" | "NNP" | "XSN") {
                continue;
            }
            let mut a = e - 1;
            while a > 0 && !self.toks[a].word_start {
                a -= 1;
            }
            let words = self.slice(a, e);
            // A proper noun heads a name; after common nouns it is the
            // analyser's slip (`양자/내성/NNP/암호`, `난수/생성기/NNP`).
            let named = self.toks[a].proper()
                || self.vocab.ending(words).is_some_and(|(ending, _)| {
                    // `proper` endings make names only after a proper noun
                    // (`투자은행` is a kind of bank).
                    matches!(ending.kind, Some(EntityType::Org) | Some(EntityType::Event))
                        && !ending.proper
                })
                || self.vocab.descriptor(last.s).is_some()
                || self.gazetteer.lookup_key(words).is_some();
            if !named {
                self.terms.insert(short);
            }
        }
    }

    /// Whether `word` is a Latin acronym that is a word, not a name: one of
    /// the vocabulary's (`CEO`) or one the text defines (`VPN`).
    pub(super) fn generic_acronym(&self, word: &str) -> bool {
        self.vocab.is_generic_acronym(word) || self.terms.contains(&word.to_ascii_uppercase())
    }
}
