//! User dictionary: extra words (company, product and person names) that
//! must come out of the analyser as single tokens, e.g. `KT클라우드`,
//! `LG CNS`, `애저 오픈AI`.
//!
//! Format, one entry per line (`#` starts a comment, blank lines ignored):
//!
//! * `surface,POS[,semantic]` — POS is `NNP` (proper noun), `NNG` (common
//!   noun) or `SL` (foreign word); semantic is `*` (default), `인명` (person)
//!   or `지명` (place), as mecab-ko-dic classifies its own entries. The
//!   context ids come from mecab-ko-dic's `left-id.def`/`right-id.def` for
//!   that POS, with the final-consonant (jongseong) variant computed from the
//!   surface so particles after it are analysed right (`KT클라우드는`,
//!   `IBM은`).
//! * a full mecab-ko-dic row,
//!   `surface,left_id,right_id,cost,POS,semantic,jongseong,reading,type,first,last,expression`,
//!   for complete control.
//!
//! A surface may contain spaces (`LG CNS`); it then matches the text only
//! with exactly those spaces. A full row whose context ids lie outside
//! mecab-ko-dic's connection matrix cannot be connected to anything; the
//! analyser ignores it.

use std::path::Path;

/// Word cost given to entries from the short format: low enough that the
/// entry beats the analyser's split of an unknown name, not so low that it
/// swallows neighbouring text.
pub const DEFAULT_USER_COST: i16 = -1000;

/// A user dictionary problem, naming the source and line.
#[derive(Debug, thiserror::Error)]
pub enum UserDictionaryError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A line is malformed.
    #[error("{source_name}:{line}: {what}")]
    Line {
        /// File name (or other source label).
        source_name: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        what: String,
    },
}

/// One user entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserEntry {
    /// The word as it appears in text.
    pub surface: String,
    /// Left context id.
    pub left_id: u16,
    /// Right context id.
    pub right_id: u16,
    /// Word cost.
    pub cost: i16,
    /// The eight feature fields, comma-joined.
    pub features: String,
}

/// The user dictionary: entries indexed by surface.
#[derive(Debug, Clone)]
pub struct UserDictionary {
    entries: Vec<UserEntry>,
    trie: CharTrie,
}

impl Default for UserDictionary {
    fn default() -> Self {
        UserDictionary {
            entries: Vec::new(),
            trie: CharTrie::new(),
        }
    }
}

/// The surfaces as a trie over characters. The analyser asks at every
/// position of every text which surfaces start there; with the gazetteer's
/// thousands of names loaded, looking each prefix up as a string (building
/// it, hashing it) cost a quarter of all analysis. A walk stops at the
/// first character no surface continues with, usually the first one.
#[derive(Debug, Clone)]
struct CharTrie {
    /// (node, next character) → child node; node 0 is the root.
    next: rustc_hash::FxHashMap<(u32, char), u32>,
    /// The entry ids whose surface ends at each node.
    ends: Vec<Vec<u32>>,
}

impl CharTrie {
    fn new() -> Self {
        CharTrie {
            next: rustc_hash::FxHashMap::default(),
            ends: vec![Vec::new()],
        }
    }

    fn insert(&mut self, surface: &str, id: u32) {
        let mut node = 0u32;
        for c in surface.chars() {
            let fresh = self.ends.len() as u32;
            node = *self.next.entry((node, c)).or_insert(fresh);
            if node == fresh {
                self.ends.push(Vec::new());
            }
        }
        self.ends[node as usize].push(id);
    }
}

/// Whether the last letter of `surface`, read aloud in Korean, ends in a
/// consonant: the Hangul syllable's final, or for Latin letters and digits
/// their Korean names (엘, 엠, 엔, 알; 일, 삼, 육, 칠, 팔, 십 …).
pub fn has_final_consonant(surface: &str) -> bool {
    match surface.trim_end().chars().last() {
        Some(c @ '가'..='힣') => !(c as u32 - 0xAC00).is_multiple_of(28),
        Some(c) if c.is_ascii_alphabetic() => {
            matches!(c.to_ascii_uppercase(), 'L' | 'M' | 'N' | 'R')
        }
        Some(c) => matches!(c, '0' | '1' | '3' | '6' | '7' | '8'),
        None => false,
    }
}

/// Context ids for a short-format entry: (left, right without final, right with final).
fn context_ids(pos: &str, semantic: &str) -> Option<(u16, u16, u16)> {
    // From mecab-ko-dic 2.1.1's left-id.def / right-id.def.
    Some(match (pos, semantic) {
        ("NNP", "*") => (1786, 3545, 3546),
        ("NNP", "인명") => (1788, 3549, 3550),
        ("NNP", "지명") => (1789, 3552, 3553),
        ("NNG", "*") => (1780, 3533, 3534),
        ("SL", "*") => (1796, 3532, 3532),
        _ => return None,
    })
}

impl UserDictionary {
    /// An empty dictionary.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Reads a user dictionary file.
    pub fn load(path: &Path) -> Result<Self, UserDictionaryError> {
        let text = std::fs::read_to_string(path).map_err(|source| UserDictionaryError::Io {
            path: path.display().to_string(),
            source,
        })?;
        let mut dict = Self::new();
        dict.parse(&text, &path.display().to_string())?;
        Ok(dict)
    }

    /// Adds the entries in `text` (the format above); `source_name` labels errors.
    pub fn parse(&mut self, text: &str, source_name: &str) -> Result<(), UserDictionaryError> {
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |what: String| UserDictionaryError::Line {
                source_name: source_name.to_string(),
                line: i + 1,
                what,
            };
            let fields: Vec<&str> = line.split(',').map(str::trim).collect();
            match fields.len() {
                2 | 3 => {
                    let semantic = fields.get(2).copied().unwrap_or("*");
                    self.add(fields[0], fields[1], semantic).map_err(err)?;
                }
                12 => {
                    let num = |k: usize| {
                        fields[k].parse::<i64>().map_err(|_| {
                            err(format!("column {} ({}) is not a number", k + 1, fields[k]))
                        })
                    };
                    let (l, r, c) = (num(1)?, num(2)?, num(3)?);
                    let l =
                        u16::try_from(l).map_err(|_| err(format!("left id {l} out of range")))?;
                    let r =
                        u16::try_from(r).map_err(|_| err(format!("right id {r} out of range")))?;
                    let c = i16::try_from(c).map_err(|_| err(format!("cost {c} out of range")))?;
                    if fields[0].is_empty() {
                        return Err(err("empty surface".into()));
                    }
                    self.push(UserEntry {
                        surface: fields[0].to_string(),
                        left_id: l,
                        right_id: r,
                        cost: c,
                        features: fields[4..].join(","),
                    });
                }
                n => {
                    return Err(err(format!(
                        "expected `surface,POS[,semantic]` or a 12-column mecab-ko-dic row, got {n} columns"
                    )));
                }
            }
        }
        Ok(())
    }

    /// Adds one word in the short format.
    pub fn add(&mut self, surface: &str, pos: &str, semantic: &str) -> Result<(), String> {
        let surface = surface.trim();
        if surface.is_empty() {
            return Err("empty surface".into());
        }
        let (left, right_f, right_t) = context_ids(pos, semantic).ok_or_else(|| {
            format!(
                "unsupported POS/semantic {pos}/{semantic} (use NNP, NNG or SL; *, 인명 or 지명)"
            )
        })?;
        let final_consonant = has_final_consonant(surface);
        let right = if final_consonant { right_t } else { right_f };
        self.push(UserEntry {
            surface: surface.to_string(),
            left_id: left,
            right_id: right,
            cost: DEFAULT_USER_COST,
            features: format!(
                "{pos},{semantic},{},{},*,*,*,*",
                if final_consonant { "T" } else { "F" },
                surface.replace(' ', "")
            ),
        });
        Ok(())
    }

    fn push(&mut self, entry: UserEntry) {
        let id = self.entries.len() as u32;
        self.trie.insert(&entry.surface, id);
        self.entries.push(entry);
    }

    /// Renumbers every entry's context ids (for a dictionary built with
    /// renumbered ids).
    pub(crate) fn map_context_ids(
        &mut self,
        left: impl Fn(u16) -> u16,
        right: impl Fn(u16) -> u16,
    ) {
        for e in &mut self.entries {
            e.left_id = left(e.left_id);
            e.right_id = right(e.right_id);
        }
    }

    /// The entry with id `id`.
    pub fn entry(&self, id: u32) -> Option<&UserEntry> {
        self.entries.get(id as usize)
    }

    /// Calls `f(chars matched, entry id, entry)` for every entry whose surface
    /// is a prefix of `rest`, shorter matches first.
    pub(crate) fn common_prefix(&self, rest: &str, mut f: impl FnMut(usize, u32, &UserEntry)) {
        let mut node = 0u32;
        for (n, c) in rest.chars().enumerate() {
            let Some(&child) = self.trie.next.get(&(node, c)) else {
                return;
            };
            node = child;
            for &id in &self.trie.ends[node as usize] {
                f(n + 1, id, &self.entries[id as usize]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn final_consonants() {
        assert!(!has_final_consonant("KT클라우드"));
        assert!(has_final_consonant("김영섭"));
        assert!(has_final_consonant("IBM"));
        assert!(!has_final_consonant("LG CNS"));
        assert!(!has_final_consonant("KT"));
    }

    #[test]
    fn parses_both_formats_and_reports_bad_lines() {
        let mut d = UserDictionary::new();
        d.parse(
            "# comment\nKT클라우드,NNP\n최지웅,NNP,인명\n\n애저,1786,3545,-500,NNP,*,F,애저,*,*,*,*\n",
            "test.csv",
        )
        .unwrap();
        assert_eq!(d.len(), 3);
        assert_eq!(d.entry(1).unwrap().left_id, 1788);
        assert_eq!(d.entry(2).unwrap().cost, -500);
        let err = d.parse("a,b,c,d\n", "bad.csv").unwrap_err().to_string();
        assert!(err.starts_with("bad.csv:1:"), "{err}");
        let err = d.parse("x,VV\n", "bad.csv").unwrap_err().to_string();
        assert!(err.contains("unsupported POS"), "{err}");
    }

    #[test]
    fn prefix_matches_shorter_first() {
        let mut d = UserDictionary::new();
        d.parse("KT,NNP\nKT클라우드,NNP\n", "t").unwrap();
        let mut got = Vec::new();
        d.common_prefix("KT클라우드는", |n, _, e| {
            got.push((n, e.surface.clone()))
        });
        assert_eq!(
            got,
            vec![(2, "KT".to_string()), (6, "KT클라우드".to_string())]
        );
    }
}
