//! The words that make a name a place by its construction
//! (`data/places/words.tsv`): endings of sites and facilities (`…역`,
//! `…공항`, `…센터`), endings of divisions abroad (`…주`, `…카운티`),
//! predicates of a venue (`X에서 열린`), nouns that place something next
//! to a place (`인근`, `일대`), nouns after a regional word (`지역`) and
//! nouns that make a common compound with a place (`한국시각`).

use std::collections::HashMap;

use super::PlacesError;
use crate::FastHash;

/// What an ending says of the word it ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// A named site, facility or natural feature (`역`, `공항`, `해수욕장`).
    Site,
    /// A site whose ending also ends organisations or common compounds
    /// (`센터`, `시장`): a place only where the text puts something there.
    WeakSite,
    /// A division abroad (`주`, `성`, `카운티`), after a foreign name.
    Division,
}

/// The word lists of `words.tsv`.
#[derive(Debug, Clone, Default)]
pub struct SiteWords {
    endings: HashMap<String, Ending, FastHash>,
    venue: Vec<String>,
    near: HashMap<String, (), FastHash>,
    area: HashMap<String, (), FastHash>,
    compound: HashMap<String, (), FastHash>,
    own: HashMap<String, (), FastHash>,
    max_ending_chars: usize,
}

impl SiteWords {
    /// Reads `word<TAB>kind` lines (see the file's header).
    pub fn parse(text: &str, source_name: &str) -> Result<SiteWords, PlacesError> {
        let mut w = SiteWords::default();
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| PlacesError {
                source_name: source_name.into(),
                line: n + 1,
                message,
            };
            let Some((word, kind)) = line.split_once('\t') else {
                return Err(err("expected word<TAB>kind".into()));
            };
            let word = word.trim();
            if word.is_empty() || word.contains(char::is_whitespace) {
                return Err(err(format!("bad word {word:?}")));
            }
            if let Some(first) = seen.insert(word, n + 1) {
                return Err(err(format!("{word:?} is already on line {first}")));
            }
            for kind in kind.split(',') {
                match kind.trim() {
                    "site" => w.ending(word, Ending::Site),
                    "site?" => w.ending(word, Ending::WeakSite),
                    "division" => w.ending(word, Ending::Division),
                    "venue" => w.venue.push(word.to_string()),
                    "near" => {
                        w.near.insert(word.to_string(), ());
                    }
                    "area" => {
                        w.area.insert(word.to_string(), ());
                    }
                    "compound" => {
                        w.compound.insert(word.to_string(), ());
                    }
                    "own" => {
                        w.own.insert(word.to_string(), ());
                    }
                    k => return Err(err(format!("unknown kind {k:?}"))),
                }
            }
        }
        Ok(w)
    }

    fn ending(&mut self, word: &str, kind: Ending) {
        self.max_ending_chars = self.max_ending_chars.max(word.chars().count());
        self.endings.insert(word.to_string(), kind);
    }

    /// The longest ending of `stem` in the lists: its byte offset in
    /// `stem` (where the head ends) and its kind. The whole stem counts
    /// (`공항` alone ends in `공항`, head empty).
    pub fn ending_of(&self, stem: &str) -> Option<(usize, Ending)> {
        let chars = stem.chars().count();
        stem.char_indices()
            .enumerate()
            .filter(|&(k, _)| chars - k <= self.max_ending_chars)
            .find_map(|(_, (at, _))| self.endings.get(&stem[at..]).map(|&e| (at, e)))
    }

    /// Whether `word` is (or starts with) the stem of a venue predicate
    /// (`열린`, `개최한`).
    pub fn is_venue(&self, word: &str) -> bool {
        self.venue.iter().any(|v| word.starts_with(v.as_str()))
    }

    /// Whether `word` is a noun placing something next to a place (`인근`).
    pub fn is_near(&self, word: &str) -> bool {
        self.near.contains_key(word)
    }

    /// Whether `word` is a noun that makes the regional word before it a
    /// place (`지역`, `산간`), or a [`SiteWords::is_near`] noun.
    pub fn is_area(&self, word: &str) -> bool {
        self.area.contains_key(word) || self.is_near(word)
    }

    /// Whether `word` is a noun that, glued after a place, makes a common
    /// compound about it (`한국시각`, `체코산`, `도쿄특파원`).
    pub fn is_compound(&self, word: &str) -> bool {
        self.compound.contains_key(word)
    }

    /// Whether `word` names a site a place has one of (`공항`, `신도시`):
    /// after the place alone, that site (`샌프란시스코 공항`).
    pub fn is_own(&self, word: &str) -> bool {
        self.own.contains_key(word)
    }

    /// Number of endings.
    pub fn endings(&self) -> usize {
        self.endings.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_lists_parse_without_duplicates() {
        let w = SiteWords::parse(super::super::WORDS, "words.tsv").unwrap();
        assert!(w.endings() > 50);
        assert_eq!(
            w.ending_of("인천국제공항"),
            Some(("인천".len(), Ending::Site))
        );
        assert_eq!(
            w.ending_of("링컨센터"),
            Some(("링컨".len(), Ending::WeakSite))
        );
        assert_eq!(
            w.ending_of("코아우일라주"),
            Some(("코아우일라".len(), Ending::Division))
        );
        assert_eq!(w.ending_of("공항"), Some((0, Ending::Site)));
        assert_eq!(w.ending_of("회의"), None);
        assert!(w.is_venue("열린") && w.is_venue("개최한") && !w.is_venue("밝혔다"));
        assert!(w.is_near("인근") && w.is_area("인근") && w.is_area("지역"));
        assert!(w.is_compound("시각") && w.is_compound("특파원") && !w.is_compound("대"));
        assert!(
            w.is_own("공항") && w.is_area("지역") && w.is_compound("지역") && !w.is_own("호텔")
        );
        let dup = SiteWords::parse("역\tsite\n역\tsite\n", "x.tsv").unwrap_err();
        assert!(dup.to_string().contains("x.tsv:2"), "{dup}");
        let bad = SiteWords::parse("역\tplace\n", "x.tsv").unwrap_err();
        assert!(bad.to_string().contains("unknown kind"), "{bad}");
    }
}
