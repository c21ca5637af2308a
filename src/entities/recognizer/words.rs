//! Written words, for names the analyser cuts into odd pieces. A name it
//! does not know comes out as dictionary fragments, sometimes with the
//! particle glued to the last one (`누리벨로보틱스가` → 누리/벨로보/틱/스가,
//! `한결솔` → 한결/MAG 솔): rules that need the name whole read the written
//! word and cut the particle off its end instead.

use super::{Recognizer, punctuation_pos};
use crate::entities::{EntityType, Mention};

/// Particles (and the copula's forms) that end a written word after a name,
/// longest first where one ends another.
const PARTICLES: &[&str] = &[
    "으로부터",
    "로부터",
    "에서는",
    "에게서",
    "이었다",
    "으로서",
    "에서",
    "에게",
    "께서",
    "부터",
    "까지",
    "처럼",
    "보다",
    "과의",
    "와의",
    "에는",
    "으로",
    "이다",
    "였다",
    "이나",
    "로서",
    "가",
    "이",
    "은",
    "는",
    "을",
    "를",
    "의",
    "에",
    "와",
    "과",
    "도",
    "로",
    "만",
    "나",
    "인",
];

/// The length in bytes of a particle ending `word`, if one does and leaves
/// at least two characters before it.
pub(super) fn particle_end(word: &str) -> Option<usize> {
    PARTICLES.iter().find_map(|p| {
        let head = word.strip_suffix(p)?;
        (head.chars().count() >= 2).then_some(p.len())
    })
}

impl Recognizer<'_, '_> {
    /// The end (exclusive token index) of the written word starting at
    /// token `i`: up to the next space or punctuation.
    pub(super) fn written_word_end(&self, i: usize) -> usize {
        let n = self.toks.len();
        let mut e = i + 1;
        while e < n && !self.toks[e].sp && !punctuation_pos(self.toks[e].pos) {
            e += 1;
        }
        e
    }

    /// The name part of the written word starting at token `i`, as a byte
    /// end: the word without the particle or copula after it. Trailing
    /// particle tokens are cut at their token; a particle the analyser
    /// glued to a noun piece (`스가`) is cut from the string. `None` when
    /// the rest is not all Hangul syllables of at least two characters, or
    /// when a token of it is claimed.
    pub(super) fn written_name(&self, i: usize) -> Option<usize> {
        let e = self.written_word_end(i);
        // Pieces that are not nouns and particles (`엔/NNG 보/VV 라는/ETM`
        // for `엔보라는`): the analysis cannot be trusted, cut the string.
        let garbled = self.toks[i..e]
            .iter()
            .any(|t| !(t.noun() || t.pos.starts_with('J') || t.pos.starts_with("VCP")));
        if garbled && e > i + 1 {
            if self.claimed[i..e].iter().any(|&c| c) {
                return None;
            }
            let start = self.toks[i].bs;
            let word = &self.text[start..self.toks[e - 1].be];
            let end = start + word.len() - particle_end(word).unwrap_or(0);
            let name = &self.text[start..end];
            return (name.chars().count() >= 2 && name.chars().all(super::is_hangul_syllable))
                .then_some(end);
        }
        let mut last = e;
        while last > i + 1 {
            let t = &self.toks[last - 1];
            if t.pos.starts_with('J') || t.pos.starts_with('E') || t.pos.starts_with("VCP") {
                last -= 1;
            } else {
                break;
            }
        }
        if self.claimed[i..last].iter().any(|&c| c) {
            return None;
        }
        let start = self.toks[i].bs;
        let mut end = self.toks[last - 1].be;
        let t = &self.toks[last - 1];
        // `스가` (a person-name piece), `타가` (read as a verb suffix and an
        // ending): the particle glued to the name's last piece.
        let glued_piece = (t.noun() && (t.sem == "인명" || t.unknown || t.proper()))
            || (t.pos.starts_with("XS") || t.pos.starts_with('V')) && last > i + 1;
        if last == e
            && t.chars >= 2
            && !t.pos.starts_with("NNB")
            && glued_piece
            && let Some(p) = particle_end(&self.text[start..end])
            && t.s.len() > p
        {
            end -= p;
        }
        let name = &self.text[start..end];
        (name.chars().count() >= 2 && name.chars().all(super::is_hangul_syllable)).then_some(end)
    }

    /// Pushes a mention from token `i` to byte `end` (which may fall inside
    /// a token: the rest of that token, a glued particle, is claimed with
    /// it but named by nothing).
    pub(super) fn push_bytes(
        &mut self,
        i: usize,
        end: usize,
        kind: EntityType,
        rule: &'static str,
    ) -> bool {
        let last = self.toks.partition_point(|t| t.bs < end);
        if last <= i || !self.free(i, last) {
            return false;
        }
        if self.toks[last - 1].be == end {
            self.push(i, last, kind, None, rule);
            return true;
        }
        let start_b = self.toks[i].bs;
        let text = self.text[start_b..end].to_string();
        let start = self.toks[i].start;
        for c in &mut self.claimed[i..last] {
            *c = true;
        }
        self.out.push(Mention {
            start,
            end: start + text.chars().count(),
            byte_start: start_b,
            byte_end: end,
            id: crate::entities::generated_id(kind, &text),
            text,
            kind,
            value: None,
            rule,
            short_form: false,
            generic: false,
        });
        true
    }
}
