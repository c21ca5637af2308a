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
//! The dictionary itself stays lindera's: its prefix trie, connection matrix,
//! character definitions and unknown-word entries, loaded from the copy
//! embedded at build time (see `build.rs`), plus an optional user dictionary.

use std::sync::Arc;

use lindera_dictionary::dictionary::Dictionary;
use lindera_dictionary::dictionary::character_definition::CategoryId;
use lindera_dictionary::dictionary::context_id_map::ContextIdMap;

use super::dictionary::embedded;
use super::user_dictionary::{self, UserDictionary};

/// MeCab's default `max-grouping-size`: runs of a grouping character class
/// longer than this (plus the first character) get no grouped unknown word.
const MAX_GROUPING_SIZE: usize = 24;

/// Lines longer than this many characters are analysed in pieces cut at
/// whitespace. MeCab analyses a line in one lattice whatever its length; a
/// 10 MB line would then need gigabytes. Real sentences are far shorter, so
/// results only differ for pathological input, and only next to a cut.
pub const MAX_CHUNK_CHARS: usize = 8192;

/// Serialized size of one lindera `WordEntry` in the prefix dictionary's
/// value array: `u32 word_id, i16 cost, u16 left_id, u16 right_id`.
const WORD_ENTRY_LEN: usize = 10;

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
#[derive(Debug, Clone, Copy, Default)]
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

/// One lattice node.
#[derive(Debug, Clone, Copy)]
struct Node {
    /// Start of the morpheme (after any skipped whitespace), in chars.
    start: u32,
    /// End of the morpheme, in chars.
    end: u32,
    left_id: u16,
    right_id: u16,
    /// Word cost plus the left-space penalty when whitespace precedes it
    /// (mecab-ko adds the penalty on every connection; adding it once to the
    /// node is the same for the best path).
    cost: i32,
    word: Word,
    /// Best total cost of a path from BOS ending with this node.
    total: i64,
    /// Best predecessor (index into the node arena).
    prev: u32,
    /// The next older node ending at the same position.
    enext: u32,
}

/// The analyser: the dictionary plus precomputed tables. Build it once and
/// share it (`&Analyzer` is all analysis needs; it is `Send + Sync`).
pub struct Analyzer {
    dict: Dictionary,
    user: Option<Arc<UserDictionary>>,
    /// Left-space penalty per left context id.
    penalty: Vec<i32>,
    /// Character classes of U+0000..=U+FFFF (MeCab's table is UCS-2; it
    /// classifies characters beyond the BMP as U+0000).
    classes: Vec<CharClass>,
    space: CharClass,
    /// How the built dictionary renumbered mecab-ko-dic's context ids.
    map: Option<ContextIdMap>,
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
    chars: Vec<char>,
    /// Node arena: BOS first, EOS last once the search is done.
    nodes: Vec<Node>,
    /// For each char position, the newest node ending there (`NONE` if
    /// none); older ones follow through `Node::enext`. This is MeCab's
    /// `end_node_list`, walked newest first as MeCab does.
    end_head: Vec<u32>,
    /// (total cost, right id, node) of the nodes ending at the current position.
    lcands: Vec<(i64, u16, u32)>,
    /// Per left id: (stamp, (best cost, best node)) of the best predecessor
    /// at the position being connected; other stamps are stale.
    left_best: Vec<(u32, (i64, u32))>,
    stamp: u32,
}

/// No node.
const NONE: u32 = u32::MAX;

impl Analyzer {
    /// Loads the embedded mecab-ko-dic.
    pub fn new() -> Result<Self, AnalyzerError> {
        let dict = embedded::load().map_err(|e| AnalyzerError::Dictionary(e.to_string()))?;
        Ok(Self::from_dictionary(dict, embedded::LEFT_SPACE_PENALTY))
    }

    fn from_dictionary(dict: Dictionary, penalty_def: &str) -> Self {
        // The penalty table and user entries use mecab-ko-dic's own context
        // ids; the built dictionary renumbers them (see build.rs).
        let map = dict.metadata.context_id_map.clone();
        let mut penalty = vec![0i32; u16::MAX as usize + 1];
        for line in penalty_def.lines() {
            let mut it = line.split_whitespace();
            if let (Some(id), Some(cost)) = (it.next(), it.next())
                && let (Ok(id), Ok(cost)) = (id.parse::<u16>(), cost.parse::<i32>())
            {
                let id = map.as_ref().map_or(id, |m| m.map_left(id));
                penalty[id as usize] = cost;
            }
        }
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
        let mut classes = Vec::with_capacity(0x1_0000);
        for cp in 0..=0xFFFFu32 {
            // Surrogates are not chars; they never occur in a &str.
            classes.push(char::from_u32(cp).map(class_of).unwrap_or_default());
        }
        let space = classes[' ' as usize];
        Analyzer {
            dict,
            user: None,
            penalty,
            classes,
            space,
            map,
        }
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

    fn class(&self, c: char) -> CharClass {
        let cp = c as usize;
        if cp <= 0xFFFF {
            self.classes[cp]
        } else {
            self.classes[0]
        }
    }

    /// MeCab's `seekToOtherType`: from `p`, skip characters while each shares
    /// a category with the one before it (starting from `c`). Returns the
    /// stop position, the class of the character that stopped the scan (or
    /// `c` if the text ended) and how many characters were skipped.
    fn seek_to_other_type(
        &self,
        chars: &[char],
        mut p: usize,
        mut c: CharClass,
    ) -> (usize, CharClass, usize) {
        let mut clen = 0;
        while p < chars.len() {
            let next = self.class(chars[p]);
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

    /// The part-of-speech tag of a token's entry (e.g. `NNP`, `JKS`, `VV+EP`).
    pub fn pos(&self, word: Word) -> &str {
        let first = match word {
            Word::System(id) => self.dict.word_details_iter(id as usize).next(),
            Word::Unknown(id) => self.dict.unknown_word_details_iter(id as usize).next(),
            Word::User(id) => self
                .user
                .as_ref()
                .and_then(|u| u.entry(id))
                .and_then(|e| e.features.split(',').next()),
        };
        first.unwrap_or("*")
    }

    /// Analyses `text` into morphemes. Whitespace is never a token.
    pub fn analyze<'t>(&self, text: &'t str) -> Vec<Token<'t>> {
        let mut out = Vec::new();
        let mut scratch = Scratch::default();
        self.analyze_into(text, &mut out, &mut scratch);
        out
    }

    fn analyze_into<'t>(&self, text: &'t str, out: &mut Vec<Token<'t>>, s: &mut Scratch) {
        s.chars.clear();
        s.chars.extend(text.chars());
        // Byte offset of every char boundary (len + 1 entries).
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());

        let mut chunk_start = 0;
        while chunk_start < s.chars.len() {
            let chunk_end = self.chunk_end(&s.chars, chunk_start);
            let first = out.len();
            self.viterbi(chunk_start, chunk_end, s);
            // Walk back from EOS.
            let mut cur = s.nodes.last().map(|n| n.prev);
            while let Some(i) = cur {
                if i == 0 || i == NONE {
                    break; // BOS
                }
                let n = s.nodes[i as usize];
                let (a, b) = (n.start as usize + chunk_start, n.end as usize + chunk_start);
                out.push(Token {
                    surface: &text[bytes[a]..bytes[b]],
                    start: a,
                    end: b,
                    byte_start: bytes[a],
                    byte_end: bytes[b],
                    word: n.word,
                });
                cur = Some(n.prev);
            }
            out[first..].reverse();
            chunk_start = chunk_end;
        }
    }

    /// Where the chunk starting at `start` ends: the whole rest if short
    /// enough, else just after the last whitespace before the limit (or at
    /// the limit when there is none).
    fn chunk_end(&self, chars: &[char], start: usize) -> usize {
        if chars.len() - start <= MAX_CHUNK_CHARS {
            return chars.len();
        }
        let limit = start + MAX_CHUNK_CHARS;
        (start + 1..limit)
            .rev()
            .find(|&i| self.class(chars[i - 1]).is_kind_of(self.space))
            .unwrap_or(limit)
    }

    /// Builds the lattice over `chars[from..to]` and finds the best path.
    /// Afterwards `s.nodes[0]` is BOS and the last node is EOS (its `prev`
    /// starts the best path), positions relative to `from`.
    fn viterbi(&self, from: usize, to: usize, s: &mut Scratch) {
        let chars = &s.chars[from..to];
        let len = chars.len();
        s.nodes.clear();
        s.end_head.clear();
        s.end_head.resize(len + 1, NONE);
        let matrix = &self.dict.connection_cost_matrix;
        let bos = Node {
            start: 0,
            end: 0,
            left_id: 0,
            right_id: 0,
            cost: 0,
            word: Word::Unknown(u32::MAX),
            total: 0,
            prev: NONE,
            enext: NONE,
        };
        s.nodes.push(bos);
        s.end_head[0] = 0;

        let lcands = &mut s.lcands;
        let left_best = &mut s.left_best;
        if left_best.len() < matrix.backward_size as usize {
            left_best.resize(matrix.backward_size as usize, (0, (0, NONE)));
        }
        let mut stamp = s.stamp;
        for pos in 0..len {
            if s.end_head[pos] == NONE {
                continue;
            }
            let first = s.nodes.len();
            self.lookup(chars, pos, &mut s.nodes);
            // The nodes ending here, newest first as MeCab walks them, with
            // just what the inner loop reads.
            lcands.clear();
            let mut l = s.end_head[pos];
            while l != NONE {
                let n = &s.nodes[l as usize];
                lcands.push((n.total, n.right_id, l));
                l = n.enext;
            }
            // The best predecessor depends only on the candidate's left id
            // (its own cost is the same for every predecessor), so it is
            // computed once per left id and position (`left_best`, valid
            // where its stamp is this position's).
            stamp = stamp.wrapping_add(1);
            if stamp == 0 {
                left_best.iter_mut().for_each(|e| e.0 = 0);
                stamp = 1;
            }
            // The new nodes are in creation order; MeCab's list is newest
            // first, and connects (and files at their end) in that order.
            for r in (first..s.nodes.len()).rev() {
                let left_id = s.nodes[r].left_id;
                let slot = &mut left_best[left_id as usize];
                if slot.0 != stamp {
                    *slot = (stamp, best_predecessor(matrix.row(left_id as u32), lcands));
                }
                let (best, best_node) = slot.1;
                let end = s.nodes[r].end as usize;
                let node = &mut s.nodes[r];
                node.total = best + node.cost as i64;
                node.prev = best_node;
                node.enext = s.end_head[end];
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
        let mut best = i64::MAX;
        let mut best_node = 0;
        let mut l = s.end_head[at];
        while l != NONE {
            let lnode = &s.nodes[l as usize];
            let cost = lnode.total + matrix.cost(lnode.right_id as u32, 0) as i64;
            if cost < best {
                best = cost;
                best_node = l;
            }
            l = lnode.enext;
        }
        s.nodes.push(Node {
            start: at as u32,
            end: at as u32,
            total: best,
            prev: best_node,
            ..bos
        });
    }

    /// MeCab's `Tokenizer::lookup`: the candidate nodes starting at `pos`
    /// (after skipping whitespace), pushed in MeCab's creation order.
    fn lookup(&self, chars: &[char], pos: usize, out: &mut Vec<Node>) {
        let base = out.len();
        let (begin2, cinfo, _) = self.seek_to_other_type(chars, pos, self.space);
        if begin2 >= chars.len() {
            // Only whitespace is left: MeCab's nodes here would end past the
            // sentence and never reach EOS.
            return;
        }
        let spaced = begin2 > pos;
        let push = |out: &mut Vec<Node>,
                    end: usize,
                    left_id: u16,
                    right_id: u16,
                    cost: i16,
                    word: Word| {
            let penalty = if spaced {
                self.penalty[left_id as usize]
            } else {
                0
            };
            out.push(Node {
                start: begin2 as u32,
                end: end as u32,
                left_id,
                right_id,
                cost: cost as i32 + penalty,
                word,
                total: 0,
                prev: NONE,
                enext: NONE,
            });
        };

        let rest = &chars[begin2..];
        for (entries, n) in self.dict.prefix_dictionary.common_prefix_search(rest) {
            for e in entries.chunks_exact(WORD_ENTRY_LEN) {
                let (id, cost, l, r) = decode_entry(e);
                push(out, begin2 + n, l, r, cost, Word::System(id));
            }
        }
        if let Some(user) = &self.user {
            user.common_prefix(rest, |n, id, e| {
                push(
                    out,
                    begin2 + n,
                    e.left_id,
                    e.right_id,
                    e.cost,
                    Word::User(id),
                );
            });
        }
        if out.len() > base && !cinfo.invoke {
            return;
        }

        let unk = &self.dict.unknown_dictionary;
        let unk_ids = unk.lookup_word_ids(CategoryId(cinfo.default as usize));
        let add_unknown = |out: &mut Vec<Node>, end: usize| {
            for &id in unk_ids {
                let e = unk.word_entry(id);
                push(
                    out,
                    end,
                    e.left_id() as u16,
                    e.right_id() as u16,
                    e.word_cost(),
                    Word::Unknown(id),
                );
            }
        };

        let len = chars.len();
        let mut begin3 = begin2 + 1;
        let mut group_begin3 = usize::MAX;
        if cinfo.group {
            let (stop, _, clen) = self.seek_to_other_type(chars, begin3, cinfo);
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
            if begin3 >= len || !cinfo.is_kind_of(self.class(chars[begin3])) {
                break;
            }
            begin3 += 1;
        }
        if out.len() == base {
            add_unknown(out, begin2 + 1);
        }
    }
}

/// The cheapest `(total + connection cost, node)` over `lcands` for a node
/// whose left id has connection `row`; on a tie the earliest candidate wins,
/// as in MeCab's strict `<` scan.
///
/// Cost and candidate index are packed into one integer (cost in the high
/// bits, index in the low 20), so the scan is a branch-free `min`: the
/// comparison in MeCab's loop is unpredictable, and mispredicting it cost
/// more than everything else in the lattice.
#[inline]
fn best_predecessor(row: &[i16], lcands: &[(i64, u16, u32)]) -> (i64, u32) {
    const INDEX_BITS: u32 = 20;
    if lcands.is_empty() {
        return (i64::MAX, NONE);
    }
    if lcands.len() < 1 << INDEX_BITS {
        let key = |i: usize, &(total, right_id, _): &(i64, u16, u32)| {
            ((total + row[right_id as usize] as i64) << INDEX_BITS) | i as i64
        };
        // Four independent minima keep the CPU's pipelines busy; the packed
        // index makes the result independent of how the scan is split.
        let mut best = [i64::MAX; 4];
        let chunks = lcands.chunks_exact(4);
        let tail = chunks.remainder();
        for (c, chunk) in chunks.enumerate() {
            for (k, cand) in chunk.iter().enumerate() {
                best[k] = best[k].min(key(4 * c + k, cand));
            }
        }
        let base = lcands.len() - tail.len();
        for (k, cand) in tail.iter().enumerate() {
            best[k] = best[k].min(key(base + k, cand));
        }
        let best = best[0].min(best[1]).min(best[2].min(best[3]));
        let index = (best & ((1 << INDEX_BITS) - 1)) as usize;
        (best >> INDEX_BITS, lcands[index].2)
    } else {
        let mut best = (i64::MAX, NONE);
        for &(total, right_id, l) in lcands {
            let cost = total + row[right_id as usize] as i64;
            if cost < best.0 {
                best = (cost, l);
            }
        }
        best
    }
}

#[inline]
fn decode_entry(e: &[u8]) -> (u32, i16, u16, u16) {
    (
        u32::from_le_bytes([e[0], e[1], e[2], e[3]]),
        i16::from_le_bytes([e[4], e[5]]),
        u16::from_le_bytes([e[6], e[7]]),
        u16::from_le_bytes([e[8], e[9]]),
    )
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
