//! The POS tag and semantic class of each token's dictionary entry, read
//! once per entry.
//!
//! The recognizer needs the first two feature fields of every token. Reading
//! them from the analyser walks and validates the entry's detail string and
//! boxes an iterator: it cost as much as all the recognizer's rules together.
//! News repeats its words (particles, endings, the article's names), so the
//! fields are remembered by entry for the life of the [`super::Extractor`]:
//! one map per extractor, since user-dictionary ids mean different entries
//! in different analysers.

use std::collections::{HashMap, HashSet};
use std::sync::{LazyLock, Mutex, RwLock};

use super::lexicon::WordHash;
use crate::text::{Analyzer, Token, Word};

/// At most this many entries are remembered (a few MB); past it, new
/// entries are read each time, which is correct, only slower.
const MAX_ENTRIES: usize = 1 << 17;

/// (POS tag, semantic class) of an entry, `"*"` where a field is missing.
pub(crate) type Tags = (&'static str, &'static str);

/// Remembered [`Tags`] by dictionary entry.
#[derive(Debug, Default)]
pub(crate) struct TagMemo {
    map: RwLock<HashMap<Word, Tags, WordHash>>,
}

impl TagMemo {
    /// The tags of each token, in order.
    pub(crate) fn tags(&self, analyzer: &Analyzer, tokens: &[Token<'_>]) -> Vec<Tags> {
        // Tokens whose entry is not remembered yet, filled in below.
        let mut misses: Vec<usize> = Vec::new();
        let mut out: Vec<Tags> = {
            // A poisoned map is still a correct map: entries are inserted
            // whole.
            let map = self.map.read().unwrap_or_else(|e| e.into_inner());
            tokens
                .iter()
                .enumerate()
                .map(|(k, t)| {
                    map.get(&t.word).copied().unwrap_or_else(|| {
                        misses.push(k);
                        ("*", "*")
                    })
                })
                .collect()
        };
        if !misses.is_empty() {
            let mut map = self.map.write().unwrap_or_else(|e| e.into_inner());
            for k in misses {
                let (Some(slot), Some(t)) = (out.get_mut(k), tokens.get(k)) else {
                    continue;
                };
                *slot = match map.get(&t.word) {
                    Some(&tags) => tags,
                    None => {
                        let tags = read_tags(analyzer, t.word);
                        if map.len() < MAX_ENTRIES {
                            map.insert(t.word, tags);
                        }
                        tags
                    }
                };
            }
        }
        out
    }
}

/// Reads the tags from the analyser.
pub(crate) fn read_tags(analyzer: &Analyzer, word: Word) -> Tags {
    let mut f = analyzer.features(word);
    let pos = f.next().unwrap_or("*");
    let sem = f.next().unwrap_or("*");
    (intern(pos), intern(sem))
}

/// One `'static` copy of each distinct field value. There are few of them
/// (the dictionary's POS tags and semantic classes, a few hundred), so the
/// copies are never freed; that lets the remembered tags outlive the lock
/// that guards the map.
fn intern(s: &str) -> &'static str {
    static SEEN: LazyLock<Mutex<HashSet<&'static str, WordHash>>> =
        LazyLock::new(|| Mutex::new(HashSet::default()));
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&s) = seen.get(s) {
        return s;
    }
    let s: &'static str = Box::leak(s.to_owned().into_boxed_str());
    seen.insert(s);
    s
}
