//! The recognizer's vocabulary as data: descriptor nouns (`업체`, `드라마`),
//! endings of names (`…테크`, `…위원회`, `…올림픽`), words that are not
//! names, institutions, and headline abbreviations (`美`, `尹`).
//!
//! Takes TSV text (the embedded `data/entities/*.tsv`, then any files the
//! user names with `--entity-words`), gives lookups. The rules that read
//! these lists live in [`super::recognizer`]; the lists say what words are,
//! never which names exist (that is the gazetteer's job).
//!
//! Format, one entry per line, tab-separated, `#` comments:
//! `word  LIST  [value]`, where LIST is one of
//!
//! * `descriptor` TYPE: a noun that says what a name next to it is
//!   (`스타트업` ORG, `드라마` WORK); also matches as the end of a longer
//!   noun (`리튬 생산업체` ends in `업체`);
//! * `ending` TYPE [`proper`]: a word ending in it names a TYPE (ORG, EVENT,
//!   LOCATION; NONE for endings that look like an organisation's but are
//!   not); `proper` asks for a proper-noun, Latin or unknown head;
//! * `generic-acronym`: a Latin acronym that is a word (`CEO`);
//! * `not-name`: a noun that looks like a name but names nothing;
//! * `relational`: a noun a name or descriptor modifies (`관계자`, `출신`);
//! * `institution` EN [`node`]: a generic institution (`법원` court), or
//!   with `node` one national body that is a graph node (`검찰`);
//! * `abbreviation` VALUE: a one-character abbreviation (`美` →
//!   `LOCATION:미국`, `尹` → `surname:윤`, `與` → `institution:여당`);
//! * `product-verb`, `work-verb`: the stem of a verb whose object or
//!   subject is a product (`출시`, `선보`) or a creative work (`출연`);
//! * `country-prefix` COUNTRY: a short form of a country before a
//!   government body (`미 국방부`); `government-ending`: an ending of such
//!   bodies' names; `home-country`: the country unqualified bodies belong
//!   to;
//! * `administration`: a word that after a leader's name names the
//!   government the leader heads (`오바마 행정부`, `박근혜 정부`);
//! * `event-word`: a common noun that names an event on its own
//!   (`총선`, `부활절`);
//! * `occasion`: an occasion that is an event once its people are named
//!   before it in the genitive (`A와 B의 결혼식`, `C의 장례식`);
//! * `crime`: a crime that, after a place and before an `incident`
//!   word, names an event (`강남 납치·살해 사건`); `incident`: that word;
//! * `country-initial` COUNTRY: a syllable that stands for a country in
//!   a compound naming the parties of an event (`한미 정상회담`, `남북`);
//! * `company-title`: the title of a company's head (`대표`): in `Y X
//!   대표`, X names a company whatever its words;
//! * `org-word`: a common noun that, written after an organisation's
//!   name and closed by a particle, is part of the name (`아사히 신문`,
//!   `AFP 통신`);
//! * `role-noun`: a noun after a quoted name that makes it a character
//!   (`역`);
//! * `sino-korean`: a syllable that is the reading of a Chinese character
//!   (a word with other syllables is a loanword or a coined name).
//!
//! A later line for the same word and list replaces an earlier one, so user
//! files can correct the defaults.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::EntityType;
use super::romanize::syllable_index;
use crate::FastHash;

/// The embedded vocabulary files, by name.
pub const DEFAULT_FILES: &[(&str, &str)] = &[
    (
        "data/entities/descriptors.tsv",
        include_str!("../../data/entities/descriptors.tsv"),
    ),
    (
        "data/entities/endings.tsv",
        include_str!("../../data/entities/endings.tsv"),
    ),
    (
        "data/entities/not-names.tsv",
        include_str!("../../data/entities/not-names.tsv"),
    ),
    (
        "data/entities/abbreviations.tsv",
        include_str!("../../data/entities/abbreviations.tsv"),
    ),
    (
        "data/entities/government.tsv",
        include_str!("../../data/entities/government.tsv"),
    ),
    (
        "data/entities/contexts.tsv",
        include_str!("../../data/entities/contexts.tsv"),
    ),
    (
        "data/entities/events.tsv",
        include_str!("../../data/entities/events.tsv"),
    ),
    (
        "data/entities/sino-korean.tsv",
        include_str!("../../data/entities/sino-korean.tsv"),
    ),
];

/// A vocabulary problem, naming the file and line.
#[derive(Debug, thiserror::Error)]
pub enum VocabularyError {
    /// The file could not be read.
    #[error("cannot read entity word list {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A line is malformed.
    #[error("{source_name}:{line}: {message}")]
    Line {
        /// File name (or other source label).
        source_name: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// What a name ending says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ending {
    /// The type of the names it ends, or `None` for endings that look like
    /// an organisation's but are not (`식당`).
    pub kind: Option<EntityType>,
    /// Whether the head before it must be a proper noun, a Latin or an
    /// unknown word (`현대카드`, not `신용카드`).
    pub proper: bool,
}

/// What a headline abbreviation stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Abbreviation {
    /// The entity a word names (`美` → LOCATION `미국`).
    Name(EntityType, String),
    /// A surname (`尹` → `윤`).
    Surname(String),
    /// A generic institution (`與` → `여당`).
    Institution(String),
}

/// The recognizer's word lists.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    descriptors: HashMap<String, EntityType, FastHash>,
    descriptor_max_chars: usize,
    endings: HashMap<String, Ending, FastHash>,
    ending_max_chars: usize,
    /// A bit per Hangul syllable: whether some ending ends in it.
    ending_last_syllables: Vec<u64>,
    generic_acronyms: HashSet<String, FastHash>,
    not_names: HashSet<String, FastHash>,
    relational: HashSet<String, FastHash>,
    institutions: HashMap<String, String, FastHash>,
    national_institutions: HashSet<String, FastHash>,
    abbreviations: HashMap<String, Abbreviation, FastHash>,
    /// A bit per Hangul syllable: a Sino-Korean reading.
    sino_korean: Vec<u64>,
    product_verbs: HashSet<String, FastHash>,
    work_verbs: HashSet<String, FastHash>,
    role_nouns: HashSet<String, FastHash>,
    company_titles: HashSet<String, FastHash>,
    org_words: HashSet<String, FastHash>,
    country_prefixes: HashMap<String, String, FastHash>,
    government_endings: HashSet<String, FastHash>,
    home_countries: HashSet<String, FastHash>,
    administrations: HashSet<String, FastHash>,
    event_words: HashSet<String, FastHash>,
    occasions: HashSet<String, FastHash>,
    crimes: HashSet<String, FastHash>,
    incidents: HashSet<String, FastHash>,
    country_initials: HashSet<String, FastHash>,
}

/// The list names a line may use.
const LISTS: &[&str] = &[
    "descriptor",
    "ending",
    "generic-acronym",
    "not-name",
    "relational",
    "institution",
    "abbreviation",
    "sino-korean",
    "product-verb",
    "work-verb",
    "role-noun",
    "company-title",
    "org-word",
    "country-prefix",
    "government-ending",
    "home-country",
    "administration",
    "event-word",
    "occasion",
    "crime",
    "incident",
    "country-initial",
];

/// Sets the bit of Hangul syllable `code` in `bits`.
fn set_bit(bits: &mut [u64], code: usize) {
    if let Some(word) = bits.get_mut(code / 64) {
        *word |= 1 << (code % 64);
    }
}

fn has_bit(bits: &[u64], code: usize) -> bool {
    bits.get(code / 64)
        .is_some_and(|word| word & (1 << (code % 64)) != 0)
}

/// Initial consonants (of the 19) that the initial-sound rule changes.
const RIEUL: usize = 5;
const NIEUN: usize = 2;
const IEUNG: usize = 11;

impl Vocabulary {
    /// An empty vocabulary.
    pub fn new() -> Self {
        Vocabulary {
            ending_last_syllables: vec![0; 11172usize.div_ceil(64)],
            sino_korean: vec![0; 11172usize.div_ceil(64)],
            ..Default::default()
        }
    }

    /// The embedded default vocabulary.
    pub fn embedded() -> Result<Self, VocabularyError> {
        let mut v = Self::new();
        for (name, text) in DEFAULT_FILES {
            v.parse(text, name)?;
        }
        Ok(v)
    }

    /// Adds the entries of a file.
    pub fn load(&mut self, path: &Path) -> Result<(), VocabularyError> {
        let text = std::fs::read_to_string(path).map_err(|source| VocabularyError::Io {
            path: path.display().to_string(),
            source,
        })?;
        self.parse(&text, &path.display().to_string())
    }

    /// Adds the entries in `text`; `source_name` labels errors.
    pub fn parse(&mut self, text: &str, source_name: &str) -> Result<(), VocabularyError> {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let err = |message: String| VocabularyError::Line {
                source_name: source_name.to_string(),
                line: n + 1,
                message,
            };
            let (word, list, value, flag) = split_line(line).map_err(err)?;
            self.add(word, list, value, flag).map_err(err)?;
        }
        Ok(())
    }

    fn add(&mut self, word: &str, list: &str, value: &str, flag: &str) -> Result<(), String> {
        let word_type = |value: &str| {
            EntityType::from_name(value).ok_or_else(|| {
                format!(
                    "unknown type {value:?} (use ORG, PERSON, PRODUCT, LOCATION, EVENT or WORK)"
                )
            })
        };
        match list {
            "descriptor" => {
                let kind = word_type(value)?;
                self.descriptor_max_chars = self.descriptor_max_chars.max(word.chars().count());
                self.descriptors.insert(word.to_string(), kind);
            }
            "ending" => {
                let kind = if value == "NONE" {
                    None
                } else {
                    Some(word_type(value)?)
                };
                let proper = match flag {
                    "" => false,
                    "proper" => true,
                    other => return Err(format!("unknown ending flag {other:?} (only `proper`)")),
                };
                self.ending_max_chars = self.ending_max_chars.max(word.chars().count());
                if let Some(code) = word.chars().next_back().and_then(syllable_index) {
                    set_bit(&mut self.ending_last_syllables, code);
                }
                self.endings
                    .insert(word.to_string(), Ending { kind, proper });
            }
            "generic-acronym" => {
                self.generic_acronyms.insert(word.to_ascii_uppercase());
            }
            "not-name" => {
                self.not_names.insert(word.to_string());
            }
            "relational" => {
                self.relational.insert(word.to_string());
            }
            "institution" => {
                match flag {
                    "" => {}
                    "node" => {
                        self.national_institutions.insert(word.to_string());
                    }
                    other => {
                        return Err(format!("unknown institution flag {other:?} (only `node`)"));
                    }
                }
                self.institutions
                    .insert(word.to_string(), value.to_string());
            }
            "abbreviation" => {
                let (what, target) = value
                    .split_once(':')
                    .filter(|(_, t)| !t.is_empty())
                    .ok_or_else(|| {
                        format!("abbreviation value {value:?} is not TYPE:word, surname:S or institution:word")
                    })?;
                let a = match what {
                    "surname" => Abbreviation::Surname(target.to_string()),
                    "institution" => Abbreviation::Institution(target.to_string()),
                    t => Abbreviation::Name(word_type(t)?, target.to_string()),
                };
                self.abbreviations.insert(word.to_string(), a);
            }
            "product-verb" => {
                self.product_verbs.insert(word.to_string());
            }
            "work-verb" => {
                self.work_verbs.insert(word.to_string());
            }
            "role-noun" => {
                self.role_nouns.insert(word.to_string());
            }
            "org-word" => {
                self.org_words.insert(word.to_string());
            }
            "company-title" => {
                self.company_titles.insert(word.to_string());
            }
            "country-prefix" => {
                if value.is_empty() {
                    return Err("a country-prefix needs the country's name".into());
                }
                self.country_prefixes
                    .insert(word.to_string(), value.to_string());
            }
            "government-ending" => {
                self.government_endings.insert(word.to_string());
            }
            "home-country" => {
                self.home_countries.insert(word.to_string());
            }
            "administration" => {
                self.administrations.insert(word.to_string());
            }
            "event-word" => {
                self.event_words.insert(word.to_string());
            }
            "occasion" => {
                self.occasions.insert(word.to_string());
            }
            "crime" => {
                self.crimes.insert(word.to_string());
            }
            "incident" => {
                self.incidents.insert(word.to_string());
            }
            "country-initial" => {
                if word.chars().count() != 1 || value.is_empty() {
                    return Err("a country-initial is one syllable with the country's name".into());
                }
                self.country_initials.insert(word.to_string());
            }
            "sino-korean" => {
                let mut cs = word.chars();
                let (Some(code), None) = (cs.next().and_then(syllable_index), cs.next()) else {
                    return Err(format!("{word:?} is not one Hangul syllable"));
                };
                set_bit(&mut self.sino_korean, code);
                // The initial-sound rule: 리 is also written 이, 녀 여,
                // 로 노 (`이`씨, `여`자, `노`인).
                let (initial, rest) = (code / (21 * 28), code % (21 * 28));
                let variants: &[usize] = match initial {
                    RIEUL => &[NIEUN, IEUNG],
                    NIEUN => &[IEUNG],
                    _ => &[],
                };
                for &v in variants {
                    set_bit(&mut self.sino_korean, v * 21 * 28 + rest);
                }
            }
            other => {
                return Err(format!("unknown list {other:?} (use {})", LISTS.join(", ")));
            }
        }
        Ok(())
    }

    /// The type a descriptor noun gives (`업체` → ORG, `드라마` → WORK).
    /// The recognizer also tries the ends of a compound, morpheme by
    /// morpheme (`시장조사업체` ends in `업체`; `대행사` does not end in
    /// `행사`).
    pub fn descriptor(&self, noun: &str) -> Option<EntityType> {
        if noun.chars().count() > self.descriptor_max_chars {
            return None;
        }
        self.descriptors.get(noun).copied()
    }

    /// The longest ending that `word` has after a head of at least one
    /// character, with the head's length in bytes.
    pub fn ending(&self, word: &str) -> Option<(Ending, usize)> {
        if !word
            .chars()
            .next_back()
            .and_then(syllable_index)
            .is_some_and(|code| has_bit(&self.ending_last_syllables, code))
        {
            return None;
        }
        let chars = word.chars().count();
        word.char_indices()
            .enumerate()
            .skip(1)
            .filter(|&(k, _)| chars - k <= self.ending_max_chars)
            .find_map(|(_, (at, _))| self.endings.get(&word[at..]).map(|&e| (e, at)))
    }

    /// The ending `word` is itself, if it is listed as one.
    pub fn ending_entry(&self, word: &str) -> Option<Ending> {
        self.endings.get(word).copied()
    }

    /// Whether `word` is itself listed as an event ending (`엑스포`).
    pub fn is_event_ending(&self, word: &str) -> bool {
        self.endings
            .get(word)
            .is_some_and(|e| e.kind == Some(EntityType::Event))
    }

    /// Whether `word` is itself listed as an ending (`중학교`).
    pub fn is_ending(&self, word: &str) -> bool {
        self.endings.contains_key(word)
    }

    /// Whether `word` has a Hangul syllable that is no Sino-Korean reading
    /// (`카운터포인트`, `롯데`, `칼`): a loanword, a native word or a coined
    /// name, not a Sino-Korean compound (`신용`, `석유화학`).
    pub fn is_loanword(&self, word: &str) -> bool {
        word.chars()
            .filter_map(syllable_index)
            .any(|code| !has_bit(&self.sino_korean, code))
    }

    /// What a verb says of its object or subject: PRODUCT for `출시`, WORK
    /// for `출연`. `word` is a noun before 하다 or a verb as written; verbs
    /// are matched by their listed first syllables (`선보` in `선보였다`).
    pub fn verb_object(&self, word: &str) -> Option<EntityType> {
        let mut ends = word.char_indices().map(|(at, c)| at + c.len_utf8());
        for end in ends.by_ref().take(4) {
            let stem = &word[..end];
            if self.product_verbs.contains(stem) {
                return Some(EntityType::Product);
            }
            if self.work_verbs.contains(stem) {
                return Some(EntityType::Work);
            }
        }
        None
    }

    /// [`Vocabulary::verb_object`] of a noun before 하다/되다 (`출시`), which
    /// must be listed whole.
    pub fn noun_verb_object(&self, noun: &str) -> Option<EntityType> {
        if self.product_verbs.contains(noun) {
            Some(EntityType::Product)
        } else if self.work_verbs.contains(noun) {
            Some(EntityType::Work)
        } else {
            None
        }
    }

    /// Whether `word` is two to four country initials written as one word,
    /// the parties of a meeting or a war (`한미`, `남북`, `한중일`).
    pub fn is_country_initials(&self, word: &str) -> bool {
        let n = word.chars().count();
        (2..=4).contains(&n)
            && word
                .char_indices()
                .all(|(at, c)| self.country_initials.contains(&word[at..at + c.len_utf8()]))
    }

    /// The country a short prefix stands for before a government body
    /// (`미` → `미국`).
    pub fn country_prefix(&self, word: &str) -> Option<&str> {
        self.country_prefixes.get(word).map(String::as_str)
    }

    /// Whether `name` is a government body's (ends in a listed ending:
    /// `국방부`, `외무성`, `백악관`'s `관` is not one).
    pub fn is_government_body(&self, name: &str) -> bool {
        name.char_indices()
            .any(|(at, _)| self.government_endings.contains(&name[at..]))
    }

    /// Whether `word` names, after a leader's name, the government the
    /// leader heads (`행정부` in `오바마 행정부`).
    pub fn is_administration(&self, word: &str) -> bool {
        self.administrations.contains(word)
    }

    /// Whether `word` names an event on its own (`총선`, `부활절`).
    pub fn is_event_word(&self, word: &str) -> bool {
        self.event_words.contains(word)
    }

    /// Whether `word` is an occasion named by its people (`결혼식`).
    pub fn is_occasion(&self, word: &str) -> bool {
        self.occasions.contains(word)
    }

    /// Whether `word` names a crime (`납치`, `살해`).
    pub fn is_crime(&self, word: &str) -> bool {
        self.crimes.contains(word)
    }

    /// Whether `word` names an incident after its crimes (`사건`).
    pub fn is_incident(&self, word: &str) -> bool {
        self.incidents.contains(word)
    }

    /// Whether `country` is the home country (`한국`).
    pub fn is_home_country(&self, country: &str) -> bool {
        self.home_countries.contains(country)
    }

    /// Whether `word` is the title of a company's head (`대표`, `CEO`): in
    /// `Y X 대표`, X is a company even as a compound of common nouns.
    pub fn is_company_title(&self, word: &str) -> bool {
        self.company_titles.contains(word)
    }

    /// Whether `word`, after an organisation's name, is part of it (`신문`
    /// in `아사히 신문`).
    pub fn is_org_word(&self, word: &str) -> bool {
        self.org_words.contains(word)
    }

    /// Whether `word` makes the quoted name before it a character (`역`).
    pub fn is_role_noun(&self, word: &str) -> bool {
        self.role_nouns.contains(word)
    }

    /// Whether a Latin word is a generic acronym (`CEO`), in any case.
    pub fn is_generic_acronym(&self, word: &str) -> bool {
        if word.bytes().any(|b| b.is_ascii_lowercase()) {
            self.generic_acronyms.contains(&word.to_ascii_uppercase())
        } else {
            self.generic_acronyms.contains(word)
        }
    }

    /// Whether `word` looks like a name but names nothing.
    pub fn is_not_name(&self, word: &str) -> bool {
        self.not_names.contains(word)
    }

    /// Whether `word` is a relational noun (`관계자`).
    pub fn is_relational(&self, word: &str) -> bool {
        self.relational.contains(word)
    }

    /// The English word of a generic institution (`경찰` → `police`).
    pub fn institution(&self, word: &str) -> Option<&str> {
        self.institutions.get(word).map(String::as_str)
    }

    /// Whether an institution noun names one national body, a graph node
    /// (`검찰`, `경찰`), rather than any of many (`법원`, `정부`).
    pub fn is_national_institution(&self, word: &str) -> bool {
        self.national_institutions.contains(word)
    }

    /// What a one-character abbreviation stands for.
    pub fn abbreviation(&self, word: &str) -> Option<&Abbreviation> {
        self.abbreviations.get(word)
    }
}

/// `word<TAB>list[<TAB>value[<TAB>flag]]`.
fn split_line(line: &str) -> Result<(&str, &str, &str, &str), String> {
    let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
    if cols.len() < 2 || cols[0].is_empty() {
        return Err(format!(
            "expected `word<TAB>list[<TAB>value]`, got {} column(s)",
            cols.len()
        ));
    }
    if cols.len() > 4 {
        return Err(format!("expected at most 4 columns, got {}", cols.len()));
    }
    Ok((
        cols[0],
        cols[1],
        cols.get(2).copied().unwrap_or(""),
        cols.get(3).copied().unwrap_or(""),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::romanize::is_hangul_syllable;

    #[test]
    fn embedded_files_parse_and_hold_no_duplicates() {
        let v = Vocabulary::embedded().unwrap();
        let mut seen = HashSet::new();
        for (name, text) in DEFAULT_FILES {
            for (n, line) in text.lines().enumerate() {
                if line.trim().is_empty() || line.starts_with('#') {
                    continue;
                }
                let (word, list, _, _) = split_line(line).unwrap();
                assert!(
                    seen.insert((word.to_string(), list.to_string())),
                    "{name}:{}: {word} is listed twice as {list}",
                    n + 1
                );
            }
        }
        assert_eq!(v.descriptor("업체"), Some(EntityType::Org));
        assert_eq!(v.descriptor("드라마"), Some(EntityType::Work));
        assert_eq!(v.descriptor("냉장고"), None);
        let (e, head) = v.ending("롯데케미칼").unwrap();
        assert_eq!(
            (e.kind, e.proper, head),
            (Some(EntityType::Org), false, "롯데".len())
        );
        let (e, _) = v.ending("삼성카드").unwrap();
        assert_eq!((e.kind, e.proper), (Some(EntityType::Org), true));
        assert!(v.ending("케미칼").is_none(), "an ending needs a head");
        assert!(v.is_ending("중학교"));
        assert!(v.is_generic_acronym("ceo"));
        assert_eq!(v.institution("경찰"), Some("police"));
        assert_eq!(
            v.abbreviation("美"),
            Some(&Abbreviation::Name(EntityType::Location, "미국".into()))
        );
        assert_eq!(
            v.abbreviation("尹"),
            Some(&Abbreviation::Surname("윤".into()))
        );
        for loan in ["카운터포인트", "롯데", "칼호텔", "크라우드"] {
            assert!(v.is_loanword(loan), "{loan}");
        }
        for sino in [
            "신용",
            "중앙",
            "석유화학",
            "이동",
            "노동",
            "여자",
            "매출",
            "투자",
            "특허",
        ] {
            assert!(!v.is_loanword(sino), "{sino}");
        }
    }

    /// `data/entities/sino-korean.tsv` is what its header says: the
    /// readings of the dictionary's one-character Chinese entries, and the
    /// first-character readings of its Chinese words for the characters
    /// without such an entry (`出` → 출).
    #[test]
    fn sino_korean_syllables_are_the_dictionarys_readings() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/mecab-ko-dic/entries.csv.zst"
        );
        let raw = zstd::decode_all(std::fs::File::open(path).unwrap()).unwrap();
        let entries = String::from_utf8(raw).unwrap();
        let chinese = |c: char| ('\u{4E00}'..='\u{9FFF}').contains(&c);
        let mut readings: Vec<&str> = Vec::new();
        let mut single: HashSet<char> = HashSet::new();
        // First character → its reading as a word's first syllable → words.
        let mut first: HashMap<char, HashMap<char, usize>> = HashMap::new();
        for line in entries.lines() {
            let mut cols = line.split(',');
            let surface = cols.next().unwrap_or("");
            if surface.is_empty() || !surface.chars().all(chinese) {
                continue;
            }
            let Some(reading) = cols.nth(6) else {
                continue;
            };
            let mut cs = surface.chars();
            let c = cs.next().unwrap();
            if cs.next().is_none() {
                single.insert(c);
                readings.push(reading);
            } else if reading.chars().count() == surface.chars().count()
                && reading.chars().all(is_hangul_syllable)
            {
                let r = reading.chars().next().unwrap();
                *first.entry(c).or_default().entry(r).or_default() += 1;
            }
        }
        let mut derived: Vec<String> = Vec::new();
        for (c, rs) in &first {
            if single.contains(c) {
                continue;
            }
            let total: usize = rs.values().sum();
            let (best, n) = rs
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                .unwrap();
            if *n >= 20 && 2 * n >= total {
                derived.push(best.to_string());
            }
        }
        readings.extend(derived.iter().map(String::as_str));
        readings.sort_unstable();
        readings.dedup();
        let listed: Vec<&str> = DEFAULT_FILES
            .iter()
            .find(|(name, _)| name.ends_with("sino-korean.tsv"))
            .unwrap()
            .1
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .collect();
        assert_eq!(listed, readings);
    }

    #[test]
    fn errors_name_the_line_and_user_lines_replace() {
        let mut v = Vocabulary::embedded().unwrap();
        let e = v
            .parse("# x\n업체\tdescriptor\tTHING\n", "mine.tsv")
            .unwrap_err();
        assert!(e.to_string().starts_with("mine.tsv:2:"), "{e}");
        let e = v.parse("업체\tlist-of-things\n", "mine.tsv").unwrap_err();
        assert!(e.to_string().contains("unknown list"), "{e}");
        v.parse(
            "업체\tdescriptor\tPRODUCT\n우주항공청\tnot-name\n",
            "mine.tsv",
        )
        .unwrap();
        assert_eq!(v.descriptor("업체"), Some(EntityType::Product));
        assert!(v.is_not_name("우주항공청"));
    }
}
