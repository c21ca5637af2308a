//! The gazetteer: curated names with their type, canonical id, English name
//! and aliases (`마이크로소프트` = `MS` = `Microsoft`).
//!
//! Takes TSV text (the embedded `data/gazetteer/default.tsv`, then any files
//! the user names with `--gazetteer`), gives lookups from any surface form to
//! its entry and a [`UserDictionary`] so the analyser keeps multi-token names
//! (`LG CNS`, `아마존웹서비스`, `애저 오픈AI`) in one token.
//!
//! Format, one entry per line, tab-separated, `#` comments:
//! `id  TYPE  ko  en  aliases` with TYPE one of `ORG`, `PERSON`, `PRODUCT`,
//! `LOCATION`, `EVENT`, `WORK` and aliases `|`-separated. A LOCATION row may
//! add a sixth column, the id of the place it lies in (`kr-41135`,
//! `country-us`: see [`super::places`]). A later entry with the same id
//! replaces an earlier one, so user files can correct the default.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::EntityType;
use super::romanize::is_hangul_syllable;
use crate::FastHash;
use crate::text::{Analyzer, UserDictionary};

/// The default gazetteer, compiled in.
pub const DEFAULT_GAZETTEER: &str = include_str!("../../data/gazetteer/default.tsv");

/// A gazetteer problem, naming the file and line.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    /// The file could not be read.
    #[error("cannot read gazetteer {path}: {source}")]
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

/// One curated entity.
#[derive(Debug, Clone, PartialEq)]
pub struct GazetteerEntry {
    /// Canonical id (`microsoft`).
    pub id: String,
    /// Entity type.
    pub kind: EntityType,
    /// Korean label (`마이크로소프트`).
    pub ko: String,
    /// Conventional English name (`Microsoft`).
    pub en: String,
    /// Other surface forms (`MS`, `Microsoft`).
    pub aliases: Vec<String>,
    /// For places: the id of the place it lies in.
    pub parent: Option<String>,
}

impl GazetteerEntry {
    /// Every surface form: the Korean label, the English name, the aliases.
    pub fn surfaces(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.ko.as_str())
            .chain(std::iter::once(self.en.as_str()))
            .chain(self.aliases.iter().map(String::as_str))
            .filter(|s| !s.is_empty())
    }
}

/// Lookup key of a surface form: case and whitespace do not matter
/// (`LG CNS` = `LGCNS`, `KT Cloud` = `kt cloud`).
pub fn key(surface: &str) -> String {
    let mut k = String::with_capacity(surface.len());
    push_key(&mut k, surface);
    k
}

/// Appends the [`key`] of `surface` to `out` (so a key can be built from
/// several tokens without allocating for each).
pub fn push_key(out: &mut String, surface: &str) {
    for c in surface.chars() {
        if c.is_ascii() {
            // Whitespace is dropped, letters lower-cased.
            if !c.is_whitespace() {
                out.push(c.to_ascii_lowercase());
            }
        } else if is_hangul_syllable(c) {
            // Hangul syllables have no case (most keys are Korean): skip
            // the Unicode case tables.
            out.push(c);
        } else if !c.is_whitespace() {
            out.extend(c.to_lowercase());
        }
    }
}

/// Curated entities indexed by every surface form.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entries: Vec<GazetteerEntry>,
    by_id: HashMap<String, usize, FastHash>,
    by_key: HashMap<String, usize, FastHash>,
    /// Every prefix of every key, so a token-by-token search can stop early.
    prefixes: HashSet<String, FastHash>,
    /// Keys of the parts of surfaces written with a space before the next
    /// word (`애저` of `애저 오픈AI`), where a match may cross a space.
    spaced: HashSet<String, FastHash>,
    max_key_chars: usize,
}

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Self {
        Self::default()
    }

    /// The embedded default gazetteer.
    pub fn embedded() -> Result<Self, GazetteerError> {
        let mut g = Self::new();
        g.parse(DEFAULT_GAZETTEER, "data/gazetteer/default.tsv")?;
        Ok(g)
    }

    /// Adds the entries of a gazetteer file.
    pub fn load(&mut self, path: &Path) -> Result<(), GazetteerError> {
        let text = std::fs::read_to_string(path).map_err(|source| GazetteerError::Io {
            path: path.display().to_string(),
            source,
        })?;
        self.parse(&text, &path.display().to_string())
    }

    /// Adds the entries in `text`; `source_name` labels errors.
    pub fn parse(&mut self, text: &str, source_name: &str) -> Result<(), GazetteerError> {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let err = |message: String| GazetteerError::Line {
                source_name: source_name.to_string(),
                line: n + 1,
                message,
            };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() < 3 {
                return Err(err(format!(
                    "expected `id<TAB>TYPE<TAB>ko[<TAB>en<TAB>aliases]`, got {} column(s)",
                    cols.len()
                )));
            }
            let kind = EntityType::from_name(cols[1])
                .filter(|k| {
                    matches!(
                        k,
                        EntityType::Org
                            | EntityType::Person
                            | EntityType::Product
                            | EntityType::Location
                            | EntityType::Event
                            | EntityType::Work
                    )
                })
                .ok_or_else(|| {
                    err(format!(
                        "unknown type {:?} (use ORG, PERSON, PRODUCT, LOCATION, EVENT or WORK)",
                        cols[1]
                    ))
                })?;
            if cols[0].is_empty() || cols[2].is_empty() {
                return Err(err("empty id or Korean label".into()));
            }
            let entry = GazetteerEntry {
                id: cols[0].to_string(),
                kind,
                ko: cols[2].to_string(),
                en: cols.get(3).copied().unwrap_or_default().to_string(),
                aliases: cols
                    .get(4)
                    .map(|a| {
                        a.split('|')
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default(),
                parent: cols
                    .get(5)
                    .filter(|p| !p.is_empty() && kind == EntityType::Location)
                    .map(|p| p.to_string()),
            };
            self.insert(entry);
        }
        Ok(())
    }

    /// Adds (or replaces, by id) one entry.
    pub fn insert(&mut self, entry: GazetteerEntry) {
        let index = match self.by_id.get(&entry.id) {
            Some(&i) => {
                self.entries[i] = entry;
                i
            }
            None => {
                self.entries.push(entry);
                self.entries.len() - 1
            }
        };
        let e = &self.entries[index];
        self.by_id.insert(e.id.clone(), index);
        for s in e.surfaces() {
            let k = key(s);
            let mut words = s.split(' ').filter(|w| !w.is_empty()).peekable();
            let mut before = String::new();
            while let Some(w) = words.next() {
                push_key(&mut before, w);
                if words.peek().is_some() {
                    self.spaced.insert(before.clone());
                }
            }
            self.max_key_chars = self.max_key_chars.max(k.chars().count());
            for (b, c) in k.char_indices() {
                self.prefixes.insert(k[..b + c.len_utf8()].to_string());
            }
            self.by_key.insert(k, index);
        }
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry a surface form names, if any.
    pub fn lookup(&self, surface: &str) -> Option<&GazetteerEntry> {
        let k = key(surface);
        if k.is_empty() || k.chars().count() > self.max_key_chars {
            return None;
        }
        self.by_key.get(&k).map(|&i| &self.entries[i])
    }

    /// The entry for an already normalised key (see [`key`]).
    pub fn lookup_key(&self, key: &str) -> Option<&GazetteerEntry> {
        self.by_key.get(key).map(|&i| &self.entries[i])
    }

    /// Whether some surface has a space right after the words whose key is
    /// `prefix` (`애저` in `애저 오픈AI`).
    pub fn space_after(&self, prefix: &str) -> bool {
        self.spaced.contains(prefix)
    }

    /// Whether some key starts with `prefix` (a normalised key).
    pub fn is_key_prefix(&self, prefix: &str) -> bool {
        self.prefixes.contains(prefix)
    }

    /// The entry with canonical id `id`.
    pub fn get(&self, id: &str) -> Option<&GazetteerEntry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// All entries.
    pub fn entries(&self) -> &[GazetteerEntry] {
        &self.entries
    }

    /// User-dictionary entries for the surfaces the analyser would split
    /// (`마이크로소프트` → 마이크+로+소프트): those become single proper nouns.
    /// Surfaces the analyser already keeps whole are left out, and so are
    /// all-Hangul ones under four syllables (`금융위`), which as dictionary
    /// words would also match inside longer words (`금융위기`).
    pub fn user_dictionary(&self, analyzer: &Analyzer) -> UserDictionary {
        let mut user = UserDictionary::new();
        for e in &self.entries {
            let semantic = match e.kind {
                EntityType::Person => "인명",
                EntityType::Location => "지명",
                _ => "*",
            };
            for s in e.surfaces() {
                // Latin names (`LG CNS`, `Amazon Web Services`) are joined
                // from their tokens by the recognizer; only Hangul names need
                // the analyser's help.
                let has_hangul = s.chars().any(super::romanize::is_hangul_syllable);
                let has_space = s.contains(' ');
                if !has_hangul {
                    continue;
                }
                if has_hangul && !has_space && s.chars().count() < 4 {
                    continue;
                }
                if analyzer.analyze(s).len() <= 1 {
                    continue;
                }
                // Errors here only mean an unsupported POS, which we never pass.
                let _ = user.add(s, "NNP", semantic);
            }
        }
        user
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_parses_and_finds_aliases() {
        let g = Gazetteer::embedded().unwrap();
        assert!(g.len() > 200);
        assert_eq!(g.lookup("MS").unwrap().id, "microsoft");
        assert_eq!(g.lookup("마이크로소프트").unwrap().en, "Microsoft");
        assert_eq!(g.lookup("LGCNS").unwrap().id, "lg-cns");
        assert_eq!(g.lookup("kt cloud").unwrap().id, "kt-cloud");
        assert!(g.lookup("업계").is_none());
    }

    #[test]
    fn later_entries_replace_and_errors_name_the_line() {
        let mut g = Gazetteer::new();
        g.parse("x\tORG\t엑스\tX\n", "a.tsv").unwrap();
        g.parse("x\tPRODUCT\t엑스\tX Two\tX2\n", "b.tsv").unwrap();
        assert_eq!(g.len(), 1);
        assert_eq!(g.lookup("X2").unwrap().kind, EntityType::Product);
        let e = g.parse("# c\ny\tTHING\t와이\n", "c.tsv").unwrap_err();
        assert!(e.to_string().starts_with("c.tsv:2:"), "{e}");
    }
}
