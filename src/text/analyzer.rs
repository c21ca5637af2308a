//! A MeCab-ko-faithful morphological analyser over lindera's dictionary.
//!
//! Why not lindera's own `Segmenter`: lindera keeps whitespace as `SPACE`
//! nodes inside its lattice and drops them only from the output, so the
//! morphemes on either side of a space are never connected directly and every
//! eojeol boundary loses its context. mecab-ko, the analyser mecab-ko-dic was
//! trained for, *skips* whitespace: a node starting after spaces records them
//! in its `rlength`, is connected straight to the node before the spaces, and
//! pays mecab-ko's left-space penalty if it is a particle, ending, copula or
//! suffix. With lindera's lattice only ~31 % of news sentences come out as
//! MeCab-ko segments them and 11 % of its proper nouns are lost; this module
//! reproduces MeCab-ko's search (`tokenizer.cpp` `lookup`, `viterbi.cpp`
//! `connect`, mecab-ko's `Connector::cost`) step by step, including the order
//! in which candidates are created and compared, so that ties break the same
//! way.
//!
//! The dictionary is lindera's build of mecab-ko-dic, embedded at build time
//! (see `build.rs`): its character definitions, unknown-word entries and
//! feature strings are used as they are, plus an optional user dictionary.
//! The search itself reads a lexicon derived from the same build
//! (`dictionary/lexicon_build.rs`): a trie whose nodes point straight at their
//! entries, and context ids folded into classes that connect identically,
//! with their smaller connection matrix. Both were made for speed; neither
//! changes a cost, so the best path and its ties are the same.
//!
//! Where the time goes, for whoever profiles this next: per character of
//! Korean news there are ~1.5 surface matches with ~7.5 entries each, so
//! ~11 new nodes, ~9 distinct left classes and ~12 nodes ending at the
//! position; connecting them (`best_predecessor`) and the memory latency of
//! the trie walk dominate.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use lindera_dictionary::dictionary::Dictionary;
use lindera_dictionary::dictionary::context_id_map::ContextIdMap;

use super::dictionary::embedded;
use super::dictionary::lexicon::{Lexicon, tables};
use super::user_dictionary::{self, UserDictionary};

/// MeCab's default `max-grouping-size`: runs of a grouping character class
/// longer than this (plus the first character) get no grouped unknown word.
const MAX_GROUPING_SIZE: usize = 24;

/// Lines longer than this many characters are analysed in pieces cut at
/// whitespace. MeCab analyses a line in one lattice whatever its length; a
/// 10 MB line would then need gigabytes. Real sentences are far shorter, so
/// results only differ for pathological input, and only next to a cut.
pub const MAX_CHUNK_CHARS: usize = 8192;

// Positions inside a chunk are stored as u16.
const _: () = assert!(MAX_CHUNK_CHARS < u16::MAX as usize);
// Path costs are stored as i32. Every node of a path covers at least one
// character, and adds a word cost (i16), a left-space penalty (checked to
// fit an i16 when the lexicon is built) and a connection cost (i16); with
// EOS a path has at most MAX_CHUNK_CHARS + 1 such terms.
const _: () = assert!((MAX_CHUNK_CHARS as i64 + 1) * 3 * (1 << 15) < i32::MAX as i64);

/// Which lexicon a token's analysis comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Word {
    /// An entry of mecab-ko-dic (its word id).
    System(u32),
    /// An unknown word built from a character category (unknown-entry id).
    Unknown(u32),
    /// An entry of the user dictionary (its word id).
    User(u32),
}

/// One morpheme of the analysis, with offsets into the analysed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'t> {
    /// The morpheme as it appears in the text.
    pub surface: &'t str,
    /// Start offset in characters.
    pub start: usize,
    /// End offset in characters (exclusive).
    pub end: usize,
    /// Start offset in bytes.
    pub byte_start: usize,
    /// End offset in bytes (exclusive).
    pub byte_end: usize,
    /// The dictionary entry chosen for it.
    pub word: Word,
}

/// The first two feature fields of an entry: what most users of a token
/// read, without walking its feature string (see [`Analyzer::tag`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tag<'a> {
    /// Part of speech (`NNP`, `JKS`, `VV+EP`, …).
    pub pos: &'a str,
    /// Semantic class (`인명`, `지명`, … or `*`).
    pub semantic: &'a str,
}

/// Why the analyser could not be built.
#[derive(Debug, thiserror::Error)]
pub enum AnalyzerError {
    /// The embedded dictionary failed to load (a broken build).
    #[error("loading the embedded mecab-ko-dic: {0}")]
    Dictionary(String),
    /// A user dictionary could not be read or built.
    #[error(transparent)]
    UserDictionary(#[from] user_dictionary::UserDictionaryError),
}

/// A code point's character class, as MeCab's `CharInfo`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
struct CharClass {
    /// Bit `i` set: the character belongs to category `i`.
    mask: u32,
    /// The category whose unknown-word entries start at this character.
    default: u16,
    length: u8,
    group: bool,
    invoke: bool,
}

impl CharClass {
    fn is_kind_of(self, other: CharClass) -> bool {
        self.mask & other.mask != 0
    }
}

/// A node's word: the kind in the top two bits, the id below.
const KIND_SHIFT: u32 = 30;
const ID_MASK: u32 = (1 << KIND_SHIFT) - 1;
const KIND_UNKNOWN: u32 = 1 << KIND_SHIFT;
const KIND_USER: u32 = 2 << KIND_SHIFT;

fn decode_word(word: u32) -> Word {
    let id = word & ID_MASK;
    match word >> KIND_SHIFT {
        0 => Word::System(id),
        1 => Word::Unknown(id),
        _ => Word::User(id),
    }
}

/// One lattice node (24 bytes; ~11 are created per character).
#[derive(Debug, Clone, Copy)]
struct Node {
    /// Word cost plus the left-space penalty when whitespace precedes it
    /// until the node is connected, then the best total cost of a path from
    /// BOS ending with it. (mecab-ko adds the penalty on every connection;
    /// adding it once to the node is the same for the best path.)
    total: i32,
    /// Best predecessor (index into the node arena).
    prev: u32,
    /// The next older node ending at the same position.
    enext: u32,
    /// See [`decode_word`].
    word: u32,
    /// Start of the morpheme (after any skipped whitespace), in chars.
    start: u16,
    /// End of the morpheme, in chars.
    end: u16,
    lclass: u16,
    rclass: u16,
}

/// A possible predecessor at the position being connected: the best node
/// ending there for one right class.
#[derive(Debug, Clone, Copy)]
struct Cand {
    total: i32,
    rclass: u16,
    /// Its place in MeCab's scan order of the nodes ending there.
    k: u32,
}

/// An unknown-word entry with its context classes.
#[derive(Debug, Clone, Copy)]
struct UnknownEntry {
    id: u32,
    lclass: u16,
    rclass: u16,
    cost: i16,
}

/// The analyser: the dictionary plus precomputed tables. Build it once and
/// share it (`&Analyzer` is all analysis needs; it is `Send + Sync`).
pub struct Analyzer {
    dict: Dictionary,
    lex: Lexicon,
    user: Option<Arc<UserDictionary>>,
    /// Per code point of the BMP: trie code << 8 | index into `classes`.
    /// (MeCab's character table is UCS-2; it classifies characters beyond
    /// the BMP as U+0000, and no surface contains one.)
    char_info: Vec<u32>,
    classes: [CharClass; 256],
    space: CharClass,
    /// Unknown-word entries per character category.
    unknown: Vec<Vec<UnknownEntry>>,
    /// Tag per unknown-word id.
    unknown_tags: Vec<(Box<str>, Box<str>)>,
    /// How the built dictionary renumbered mecab-ko-dic's context ids.
    map: Option<ContextIdMap>,
    bos_rclass: u16,
    eos_lclass: u16,
    n_lclass: usize,
    n_rclass: usize,
    /// Buffers for [`Analyzer::analyze`], so one-off calls do not allocate
    /// a lattice each time.
    pool: Mutex<Vec<Scratch>>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("user_dictionary", &self.user.is_some())
            .finish_non_exhaustive()
    }
}

/// Reusable buffers, so analysing many sentences allocates once.
#[derive(Debug, Default)]
struct Scratch {
    /// `char_info` of each character of the text.
    info: Vec<u32>,
    /// Byte offset of each character boundary (one more than `info`).
    byte_at: Vec<usize>,
    /// Node arena: BOS first, EOS last once the search is done.
    nodes: Vec<Node>,
    /// For each char position, the newest node ending there (`NONE` if
    /// none); older ones follow through `Node::enext`. This is MeCab's
    /// `end_node_list`, walked newest first as MeCab does.
    end_head: Vec<u32>,
    /// The best node per right class ending at the position being connected.
    cands: Vec<Cand>,
    /// The nodes ending there, in MeCab's scan order (`Cand::k` indexes it).
    cand_node: Vec<u32>,
    /// Per right class: (stamp, index into `cands`).
    rseen: Vec<(u32, u32)>,
    /// Per left class: (stamp, best cost, best node) of the best predecessor
    /// at the position being connected.
    lbest: Vec<(u32, i32, u32)>,
    /// Entries of `rseen` and `lbest` are valid where their stamp is this.
    stamp: u32,
}

/// Scratch buffers kept for reuse at most this many (one per thread that
/// analyses at the same time)…
const POOL_MAX: usize = 64;
/// …and only if they were grown for at most this many characters.
const POOL_MAX_CHARS: usize = 1 << 20;

/// No node.
const NONE: u32 = u32::MAX;

impl Analyzer {
    /// Loads the embedded mecab-ko-dic.
    pub fn new() -> Result<Self, AnalyzerError> {
        let dict = embedded::load().map_err(|e| AnalyzerError::Dictionary(e.to_string()))?;
        Self::from_dictionary(dict)
    }

    fn from_dictionary(dict: Dictionary) -> Result<Self, AnalyzerError> {
        let broken = |what: &str| AnalyzerError::Dictionary(what.to_string());
        let lex = Lexicon::load().map_err(|e| AnalyzerError::Dictionary(e.to_string()))?;
        let n_lclass = tables::LCLASS_PENALTY.len();
        let n_rclass = lex.matrix.forward_size as usize;
        if lex.matrix.backward_size as usize != n_lclass
            || tables::RCLASS_OF_RIGHT
                .iter()
                .any(|&r| r as usize >= n_rclass)
            || tables::LCLASS_OF_LEFT
                .iter()
                .any(|&l| l as usize >= n_lclass)
        {
            return Err(broken("lexicon classes do not match its matrix"));
        }
        let map = dict.metadata.context_id_map.clone();

        let chardef = &dict.character_definition;
        let class_of = |c: char| {
            let cats = chardef.lookup_categories(c);
            let mut class = CharClass::default();
            for cat in cats {
                class.mask |= 1 << cat.0;
            }
            if let Some(first) = cats.first() {
                let def = chardef.lookup_definition(*first);
                class.default = first.0 as u16;
                class.length = def.length.min(u8::MAX as u32) as u8;
                class.group = def.group;
                class.invoke = def.invoke;
            }
            class
        };
        let mut classes = [CharClass::default(); 256];
        let mut class_index: HashMap<CharClass, u32> = HashMap::new();
        let mut char_info = Vec::with_capacity(0x1_0000);
        for cp in 0..=0xFFFFu32 {
            // Surrogates are not chars; they never occur in a &str.
            let (class, code) = char::from_u32(cp)
                .map(|c| (class_of(c), lex.code(c)))
                .unwrap_or_default();
            let next = class_index.len() as u32;
            let index = *class_index.entry(class).or_insert(next);
            *classes
                .get_mut(index as usize)
                .ok_or_else(|| broken("more than 256 character classes"))? = class;
            char_info.push((code as u32) << 8 | index);
        }
        let space = classes[(char_info[' ' as usize] & 0xFF) as usize];

        let unk = &dict.unknown_dictionary;
        let lclass_of = |l: u32| tables::LCLASS_OF_LEFT.get(l as usize).copied();
        let rclass_of = |r: u32| tables::RCLASS_OF_RIGHT.get(r as usize).copied();
        let mut unknown = Vec::new();
        for ids in &unk.category_references {
            let mut entries = Vec::new();
            for &id in ids {
                let e = unk
                    .costs
                    .get(id as usize)
                    .ok_or_else(|| broken("unknown-word id out of range"))?;
                entries.push(UnknownEntry {
                    id,
                    lclass: lclass_of(e.left_id())
                        .ok_or_else(|| broken("unknown-word left id out of range"))?,
                    rclass: rclass_of(e.right_id())
                        .ok_or_else(|| broken("unknown-word right id out of range"))?,
                    cost: e.word_cost(),
                });
            }
            unknown.push(entries);
        }
        let unknown_tags = (0..unk.costs.len())
            .map(|id| {
                let mut f = dict.unknown_word_details_iter(id);
                let pos = f.next().unwrap_or("*").into();
                (pos, f.next().unwrap_or("*").into())
            })
            .collect();

        Ok(Analyzer {
            bos_rclass: tables::RCLASS_OF_RIGHT[0],
            eos_lclass: tables::LCLASS_OF_LEFT[0],
            dict,
            lex,
            user: None,
            char_info,
            classes,
            space,
            unknown,
            unknown_tags,
            map,
            n_lclass,
            n_rclass,
            pool: Mutex::new(Vec::new()),
        })
    }

    /// Adds a user dictionary (see [`user_dictionary`] for the format).
    pub fn with_user_dictionary(mut self, mut user: UserDictionary) -> Self {
        if let Some(map) = &self.map {
            user.map_context_ids(|l| map.map_left(l), |r| map.map_right(r));
        }
        self.user = Some(Arc::new(user));
        self
    }

    /// The underlying lindera dictionary.
    pub fn dictionary(&self) -> &Dictionary {
        &self.dict
    }

    #[inline(always)]
    fn info(&self, c: char) -> u32 {
        // Beyond the BMP: U+0000's class and no code.
        self.char_info
            .get(c as usize)
            .map_or(self.char_info[0] & 0xFF, |&i| i)
    }

    #[inline(always)]
    fn class(&self, info: u32) -> CharClass {
        self.classes[(info & 0xFF) as usize]
    }

    /// MeCab's `seekToOtherType`: from `p`, skip characters while each shares
    /// a category with the one before it (starting from `c`). Returns the
    /// stop position, the class of the character that stopped the scan (or
    /// `c` if the text ended) and how many characters were skipped.
    fn seek_to_other_type(
        &self,
        info: &[u32],
        mut p: usize,
        mut c: CharClass,
    ) -> (usize, CharClass, usize) {
        let mut clen = 0;
        while let Some(&i) = info.get(p) {
            let next = self.class(i);
            if !c.is_kind_of(next) {
                return (p, next, clen);
            }
            c = next;
            p += 1;
            clen += 1;
        }
        (p, c, clen)
    }

    /// Feature fields of a token's dictionary entry (`POS`, semantic class,
    /// final consonant, reading, type, first POS, last POS, expression).
    pub fn features<'d>(&'d self, word: Word) -> impl Iterator<Item = &'d str> + 'd {
        let fields: Box<dyn Iterator<Item = &'d str> + 'd> = match word {
            Word::System(id) => Box::new(self.dict.word_details_iter(id as usize)),
            Word::Unknown(id) => Box::new(self.dict.unknown_word_details_iter(id as usize)),
            Word::User(id) => match self.user.as_ref().and_then(|u| u.entry(id)) {
                Some(e) => Box::new(e.features.split(',')),
                None => Box::new(std::iter::empty()),
            },
        };
        fields
    }

    /// The part-of-speech tag of a token's entry (e.g. `NNP`, `JKS`, `VV+EP`):
    /// the first of its [`features`](Self::features), from a table.
    pub fn pos(&self, word: Word) -> &str {
        self.tag(word).pos
    }

    /// The part of speech and semantic class of a token's entry (its first
    /// two [`features`](Self::features)) in O(1), from tables made when the
    /// dictionary was built: what the entity stage reads for every token.
    /// Fields an entry lacks are `*`.
    pub fn tag(&self, word: Word) -> Tag<'_> {
        let tag = match word {
            Word::System(id) => self.lex.tag(id),
            Word::Unknown(id) => self
                .unknown_tags
                .get(id as usize)
                .map(|(p, s)| (&**p, &**s)),
            Word::User(id) => self.user.as_ref().and_then(|u| u.entry(id)).map(|e| {
                let mut f = e.features.split(',');
                (f.next().unwrap_or("*"), f.next().unwrap_or("*"))
            }),
        };
        match tag {
            Some((pos, semantic)) => Tag { pos, semantic },
            // Ids no lexicon knows: what `features` yields for them.
            None => {
                let mut f = self.features(word);
                Tag {
                    pos: f.next().unwrap_or("*"),
                    semantic: f.next().unwrap_or("*"),
                }
            }
        }
    }

    /// Analyses `text` into morphemes. Whitespace is never a token.
    pub fn analyze<'t>(&self, text: &'t str) -> Vec<Token<'t>> {
        let mut out = Vec::new();
        let mut scratch = self
            .pool
            .lock()
            .ok()
            .and_then(|mut p| p.pop())
            .unwrap_or_default();
        self.analyze_into(text, &mut out, &mut scratch);
        if scratch.info.capacity() <= POOL_MAX_CHARS
            && let Ok(mut pool) = self.pool.lock()
            && pool.len() < POOL_MAX
        {
            pool.push(scratch);
        }
        out
    }

    fn analyze_into<'t>(&self, text: &'t str, out: &mut Vec<Token<'t>>, s: &mut Scratch) {
        s.info.clear();
        s.byte_at.clear();
        for (b, c) in text.char_indices() {
            s.byte_at.push(b);
            s.info.push(self.info(c));
        }
        s.byte_at.push(text.len());

        let mut chunk_start = 0;
        while chunk_start < s.info.len() {
            let chunk_end = self.chunk_end(&s.info, chunk_start);
            let first = out.len();
            self.viterbi(text, chunk_start, chunk_end, s);
            // Walk back from EOS.
            let mut cur = s.nodes.last().map_or(NONE, |n| n.prev);
            while cur != 0 && cur != NONE {
                let Some(n) = s.nodes.get(cur as usize) else {
                    break;
                };
                let (a, b) = (n.start as usize + chunk_start, n.end as usize + chunk_start);
                let (byte_start, byte_end) = (s.byte_at[a], s.byte_at[b]);
                out.push(Token {
                    surface: text.get(byte_start..byte_end).unwrap_or_default(),
                    start: a,
                    end: b,
                    byte_start,
                    byte_end,
                    word: decode_word(n.word),
                });
                cur = n.prev;
            }
            out[first..].reverse();
            chunk_start = chunk_end;
        }
    }

    /// Where the chunk starting at `start` ends: the whole rest if short
    /// enough, else just after the last whitespace before the limit (or at
    /// the limit when there is none).
    fn chunk_end(&self, info: &[u32], start: usize) -> usize {
        if info.len() - start <= MAX_CHUNK_CHARS {
            return info.len();
        }
        let limit = start + MAX_CHUNK_CHARS;
        (start + 1..limit)
            .rev()
            .find(|&i| self.class(info[i - 1]).is_kind_of(self.space))
            .unwrap_or(limit)
    }

    /// Builds the lattice over characters `from..to` of `text` and finds the
    /// best path. Afterwards `s.nodes[0]` is BOS and the last node is EOS
    /// (its `prev` starts the best path), positions relative to `from`.
    fn viterbi(&self, text: &str, from: usize, to: usize, s: &mut Scratch) {
        let info = &s.info[from..to];
        let byte_at = &s.byte_at[from..=to];
        let len = info.len();
        s.nodes.clear();
        s.end_head.clear();
        s.end_head.resize(len + 1, NONE);
        if s.rseen.len() < self.n_rclass {
            s.rseen.resize(self.n_rclass, (0, 0));
        }
        if s.lbest.len() < self.n_lclass {
            s.lbest.resize(self.n_lclass, (0, 0, NONE));
        }
        let matrix = &self.lex.matrix;
        let bos = Node {
            total: 0,
            prev: NONE,
            enext: NONE,
            word: KIND_UNKNOWN | ID_MASK,
            start: 0,
            end: 0,
            lclass: 0,
            rclass: self.bos_rclass,
        };
        s.nodes.push(bos);
        s.end_head[0] = 0;

        let mut stamp = s.stamp;
        for pos in 0..len {
            if s.end_head[pos] == NONE {
                continue;
            }
            let first = s.nodes.len();
            self.lookup(text, byte_at, info, pos, &mut s.nodes);
            if s.nodes.len() == first {
                continue;
            }
            stamp = stamp.wrapping_add(1);
            if stamp == 0 {
                s.rseen.iter_mut().for_each(|e| e.0 = 0);
                s.lbest.iter_mut().for_each(|e| e.0 = 0);
                stamp = 1;
            }

            // The nodes ending here, in MeCab's order (newest first), folded
            // to the best one per right class: all nodes of a class connect
            // at the same cost, so only the cheapest can win, and on a tie
            // the one MeCab meets first (the first kept). `k` keeps its
            // place in MeCab's order, so ties across classes still go to
            // the node MeCab meets first.
            s.cands.clear();
            s.cand_node.clear();
            let mut l = s.end_head[pos];
            while let Some(n) = s.nodes.get(l as usize) {
                let k = s.cand_node.len() as u32;
                s.cand_node.push(l);
                let seen = &mut s.rseen[n.rclass as usize];
                if seen.0 != stamp {
                    *seen = (stamp, s.cands.len() as u32);
                    s.cands.push(Cand {
                        total: n.total,
                        rclass: n.rclass,
                        k,
                    });
                } else {
                    let c = &mut s.cands[seen.1 as usize];
                    if n.total < c.total {
                        c.total = n.total;
                        c.k = k;
                    }
                }
                l = n.enext;
            }

            // The new nodes are in creation order; MeCab's list is newest
            // first, and connects (and files at their end) in that order.
            // The best predecessor depends only on the node's left class
            // (its own cost is the same for every predecessor), so it is
            // computed once per left class and position.
            for r in (first..s.nodes.len()).rev() {
                let node = s.nodes[r];
                let slot = &mut s.lbest[node.lclass as usize];
                if slot.0 != stamp {
                    let row = matrix.row(node.lclass as u32);
                    let (cost, k) = best_predecessor(row, &s.cands, s.cand_node.len());
                    *slot = (stamp, cost, s.cand_node.get(k).copied().unwrap_or(0));
                }
                let (_, best, best_node) = *slot;
                let end = node.end as usize;
                let n = &mut s.nodes[r];
                n.total += best;
                n.prev = best_node;
                n.enext = s.end_head[end];
                s.end_head[end] = r as u32;
            }
        }
        s.stamp = stamp;

        // EOS connects at the last position where something ends (trailing
        // whitespace is not part of any node).
        let at = (0..=len)
            .rev()
            .find(|&p| s.end_head[p] != NONE)
            .unwrap_or(0);
        let row = matrix.row(self.eos_lclass as u32);
        let mut best = i32::MAX;
        let mut best_node = 0;
        let mut l = s.end_head[at];
        while let Some(n) = s.nodes.get(l as usize) {
            let cost = n.total + row[n.rclass as usize] as i32;
            if cost < best {
                best = cost;
                best_node = l;
            }
            l = n.enext;
        }
        s.nodes.push(Node {
            start: at as u16,
            end: at as u16,
            total: best,
            prev: best_node,
            ..bos
        });
    }

    /// MeCab's `Tokenizer::lookup`: the candidate nodes starting at `pos`
    /// (after skipping whitespace), pushed in MeCab's creation order.
    /// `info` and `byte_at` cover the chunk being analysed.
    fn lookup(&self, text: &str, byte_at: &[usize], info: &[u32], pos: usize, out: &mut Vec<Node>) {
        let base = out.len();
        let (begin2, cinfo, _) = self.seek_to_other_type(info, pos, self.space);
        let len = info.len();
        if begin2 >= len {
            // Only whitespace is left: MeCab's nodes here would end past the
            // sentence and never reach EOS.
            return;
        }
        let spaced = begin2 > pos;
        let push = |out: &mut Vec<Node>, end: usize, lclass: u16, rclass: u16, cost: i16, word| {
            let penalty = if spaced {
                tables::LCLASS_PENALTY
                    .get(lclass as usize)
                    .copied()
                    .unwrap_or(0)
            } else {
                0
            };
            out.push(Node {
                total: cost as i32 + penalty,
                prev: NONE,
                enext: NONE,
                word,
                start: begin2 as u16,
                end: end as u16,
                lclass,
                rclass,
            });
        };

        // Surfaces starting here, shortest first, each with its entries in
        // dictionary order.
        let lex = &self.lex;
        let mut node = lex.root();
        let mut p = begin2;
        while let Some(&i) = info.get(p) {
            let Some(child) = lex.child(node, i >> 8) else {
                break;
            };
            p += 1;
            if let Some(mut e) = Lexicon::entries_of(child) {
                while let Some(entry) = lex.entry(e) {
                    push(
                        out,
                        p,
                        entry.lclass,
                        entry.rclass,
                        entry.cost,
                        entry.word_id,
                    );
                    if entry.last {
                        break;
                    }
                    e += 1;
                }
            }
            node = child;
        }
        if let Some(user) = &self.user {
            let rest = text.get(byte_at[begin2]..byte_at[len]).unwrap_or_default();
            user.common_prefix(rest, |n, id, e| {
                let l = tables::LCLASS_OF_LEFT.get(e.left_id as usize);
                let r = tables::RCLASS_OF_RIGHT.get(e.right_id as usize);
                // Context ids beyond mecab-ko-dic's cannot be connected.
                if let (Some(&l), Some(&r)) = (l, r)
                    && id <= ID_MASK
                {
                    push(out, begin2 + n, l, r, e.cost, KIND_USER | id);
                }
            });
        }
        if out.len() > base && !cinfo.invoke {
            return;
        }

        let unknown = self
            .unknown
            .get(cinfo.default as usize)
            .map_or(&[][..], Vec::as_slice);
        let add_unknown = |out: &mut Vec<Node>, end: usize| {
            for e in unknown {
                push(out, end, e.lclass, e.rclass, e.cost, KIND_UNKNOWN | e.id);
            }
        };

        let mut begin3 = begin2 + 1;
        let mut group_begin3 = usize::MAX;
        if cinfo.group {
            let (stop, _, clen) = self.seek_to_other_type(info, begin3, cinfo);
            if clen <= MAX_GROUPING_SIZE {
                add_unknown(out, stop);
            }
            group_begin3 = stop;
        }
        for _ in 1..=cinfo.length {
            if begin3 > len {
                break;
            }
            if begin3 == group_begin3 {
                continue;
            }
            add_unknown(out, begin3);
            if begin3 >= len || !cinfo.is_kind_of(self.class(info[begin3])) {
                break;
            }
            begin3 += 1;
        }
        if out.len() == base {
            add_unknown(out, begin2 + 1);
        }
    }
}

/// The cheapest `(total + connection cost, index into the scan order)` over
/// `cands` for a node whose left class has connection `row`; on a tie the
/// candidate MeCab meets first wins, as in MeCab's strict `<` scan.
/// `scanned` is the number of nodes the candidates were folded from.
///
/// Cost and scan index are packed into one integer (cost in the high bits,
/// index in the low 20), so the scan is a branch-free `min`: the comparison
/// in MeCab's loop is unpredictable, and mispredicting it cost more than
/// everything else in the lattice.
#[inline]
fn best_predecessor(row: &[i16], cands: &[Cand], scanned: usize) -> (i32, usize) {
    const INDEX_BITS: u32 = 20;
    if cands.is_empty() {
        return (i32::MAX, 0);
    }
    let cost = |c: &Cand| c.total as i64 + row[c.rclass as usize] as i64;
    if scanned < 1 << INDEX_BITS {
        let key = |c: &Cand| (cost(c) << INDEX_BITS) | c.k as i64;
        // Four independent minima keep the CPU's pipelines busy; the packed
        // index makes the result independent of how the scan is split.
        let mut best = [i64::MAX; 4];
        let chunks = cands.chunks_exact(4);
        let tail = chunks.remainder();
        for chunk in chunks {
            for (b, c) in best.iter_mut().zip(chunk) {
                *b = (*b).min(key(c));
            }
        }
        for (b, c) in best.iter_mut().zip(tail) {
            *b = (*b).min(key(c));
        }
        let best = best[0].min(best[1]).min(best[2].min(best[3]));
        (
            (best >> INDEX_BITS) as i32,
            (best & ((1 << INDEX_BITS) - 1)) as usize,
        )
    } else {
        let mut best = (i64::MAX, 0);
        for c in cands {
            let key = (cost(c), c.k as usize);
            if key < best {
                best = key;
            }
        }
        (best.0 as i32, best.1)
    }
}

/// Analyses many lines with one set of buffers.
#[derive(Debug)]
pub struct Session<'a> {
    analyzer: &'a Analyzer,
    scratch: Scratch,
}

impl<'a> Session<'a> {
    /// A session over `analyzer`.
    pub fn new(analyzer: &'a Analyzer) -> Self {
        Session {
            analyzer,
            scratch: Scratch::default(),
        }
    }

    /// Analyses `text`, replacing the contents of `out`.
    pub fn analyze<'t>(&mut self, text: &'t str, out: &mut Vec<Token<'t>>) {
        out.clear();
        self.analyzer.analyze_into(text, out, &mut self.scratch);
    }
}
