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
//! Where the time goes, for whoever profiles this next (KLUE-RE news
//! sentences): per character there are ~1.5 surface matches with ~7.5
//! entries each, so ~11 new nodes with ~9 distinct left classes, and ~11
//! nodes ending at the position, ~7.5 after pruning. Connecting them
//! (`best_predecessors`, about a third of the time), collecting the
//! candidates, and the memory latency of the trie walk (hidden by walking
//! 16 positions at once, see `walk`) dominate. Things measured and dropped:
//! `vpgatherdd` for the matrix reads (slower than scalar loads), folding
//! the candidates per right class, pruning nodes when they are filed,
//! a scalar compare tree for few candidates, run-length end lists, a
//! second pruning with the position's rows, huge pages (none granted here).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use lindera_dictionary::dictionary::Dictionary;
use lindera_dictionary::dictionary::context_id_map::ContextIdMap;

use super::dictionary::embedded;
use super::dictionary::lexicon::Lexicon;
use super::dictionary::lexicon::tables::{self, RCLASS_MAX, RCLASS_MIN};
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
    /// Whether the CPU has AVX2 (for `best_predecessors_avx2`).
    avx2: bool,
    /// Buffers that ended [`Session`]s gave back (every analysis runs in
    /// one), so one-off calls do not allocate a lattice each time.
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
    /// How many nodes end at each position.
    end_count: Vec<u32>,
    /// Surfaces found by `walk`: per start position, how many…
    nmatch: Vec<u8>,
    /// …and which (`MATCHES_PER_CHAR` slots per position).
    matches: Vec<u32>,
    /// The candidate predecessors at the position being connected.
    cands: CandBuf,
    /// The distinct left classes of the nodes starting at that position…
    lclasses: Vec<u16>,
    /// …and their best predecessor (cost, index into `cands`).
    best: Vec<(i32, u32)>,
    /// Per left class: the best predecessor (cost, node) at the position
    /// being connected, valid where `lstamp` is `stamp` (kept apart: the
    /// stamps are read for every node, the results once per class).
    lbest: Vec<(i32, u32)>,
    lstamp: Vec<u32>,
    stamp: u32,
}

/// The candidate predecessors at the position being connected: the nodes
/// ending there that pruning leaves, in MeCab's scan order (their total,
/// right class and index), then padding (see `PAD_TOTAL`).
#[derive(Debug, Default)]
struct CandBuf {
    total: Vec<i32>,
    rclass: Vec<u32>,
    node: Vec<u32>,
}

impl CandBuf {
    /// Collects the candidates among the nodes ending at a position (the
    /// list of `ending.1` nodes from `ending.0`, newest first as MeCab walks
    /// it); returns how many there are, the arrays padded to a multiple of
    /// 8 after them.
    #[inline(never)]
    fn collect(&mut self, nodes: &[Node], (head, count): (u32, usize)) -> usize {
        // Sized once, so the loops write plain slices.
        if self.total.len() < count + 8 {
            self.total.resize(count + 8, 0);
            self.rclass.resize(count + 8, 0);
            self.node.resize(count + 8, 0);
        }
        let (total, rclass, order) = (
            &mut self.total[..count + 8],
            &mut self.rclass[..count + 8],
            &mut self.node[..count + 8],
        );
        // In MeCab's scan order, which is what breaks ties. (Folding the
        // nodes to the cheapest per right class first cost more than the
        // pruning below leaves to do.)
        let mut n = 0;
        let mut l = head;
        while n < count {
            let Some(node) = nodes.get(l as usize) else {
                break;
            };
            order[n] = l;
            total[n] = node.total;
            rclass[n] = node.rclass as u32;
            n += 1;
            l = node.enext;
        }

        // Drop the candidates another one beats whatever the left class: if
        // t_j + min(column j) > t_i + max(column i), then
        // t_j + M[l][j] > t_i + M[l][i] for every l, strictly, so j can win
        // neither outright nor on a tie. (Path costs are far from
        // overflowing, see MAX_CHUNK_CHARS.) The survivors keep their order.
        let column_max = |r: u32| RCLASS_MAX.get(r as usize).map_or(i16::MAX, |&c| c) as i32;
        let column_min = |r: u32| RCLASS_MIN.get(r as usize).map_or(i16::MIN, |&c| c) as i32;
        let bound = total[..n]
            .iter()
            .zip(&rclass[..n])
            .map(|(&t, &r)| t + column_max(r))
            .min()
            .unwrap_or(i32::MAX);
        let mut kept = 0;
        for j in 0..n {
            let (t, r, node) = (total[j], rclass[j], order[j]);
            total[kept] = t;
            rclass[kept] = r;
            order[kept] = node;
            kept += (t + column_min(r) <= bound) as usize;
        }
        // Whole vectors for the SIMD kernel: padding that never wins, and
        // whose connection costs are read from where a real candidate's
        // are (class 0 would cost each row one more cache line).
        let pad_class = rclass[0];
        for j in kept..kept.next_multiple_of(8) {
            total[j] = PAD_TOTAL;
            rclass[j] = pad_class;
        }
        kept
    }
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
        let lex = Lexicon::load().map_err(AnalyzerError::Dictionary)?;
        let (n_lclass, n_rclass) = (lex.n_lclass, lex.n_rclass);
        if tables::LCLASS_PENALTY.len() != n_lclass
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
            #[cfg(target_arch = "x86_64")]
            avx2: std::arch::is_x86_feature_detected!("avx2")
                && std::env::var_os("NOAVX2").is_none(),
            #[cfg(not(target_arch = "x86_64"))]
            avx2: false,
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
        Session::new(self).analyze(text, &mut out);
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
        // Korean news has ~0.45 morphemes per character: one allocation
        // instead of the five or so a growing Vec makes per sentence.
        out.reserve(s.info.len() / 2 + 1);

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
        let chunk = Chunk {
            text,
            info: &s.info[from..to],
            byte_at: &s.byte_at[from..=to],
        };
        let len = chunk.info.len();
        s.nodes.clear();
        s.end_head.clear();
        s.end_head.resize(len + 1, NONE);
        s.end_count.clear();
        s.end_count.resize(len + 1, 0);
        // Filled by `walk` before they are read.
        if s.nmatch.len() < len {
            s.nmatch.resize(len, 0);
            s.matches.resize(len * MATCHES_PER_CHAR, 0);
        }
        if s.lbest.len() < self.lex.n_lclass {
            s.lbest.resize(self.lex.n_lclass, (0, NONE));
            s.lstamp.resize(self.lex.n_lclass, 0);
        }
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
        s.end_count[0] = 1;

        let mut stamp = s.stamp;
        let mut walked = 0;
        for pos in 0..len {
            if s.end_head[pos] == NONE {
                continue;
            }
            let (begin2, cinfo, _) = self.seek_to_other_type(chunk.info, pos, self.space);
            if begin2 >= len {
                // Only whitespace is left: MeCab's nodes here would end past
                // the sentence and never reach EOS.
                continue;
            }
            if begin2 >= walked {
                // Start positions only grow, so positions skipped between
                // blocks are never needed.
                walked = len.min(begin2 + WALK_AHEAD);
                self.walk(chunk.info, begin2, walked, &mut s.matches, &mut s.nmatch);
            }
            let first = s.nodes.len();
            let matches = s
                .matches
                .get(begin2 * MATCHES_PER_CHAR..)
                .and_then(|m| m.get(..s.nmatch[begin2] as usize))
                .unwrap_or_default();
            self.lookup(&chunk, pos, begin2, cinfo, matches, &mut s.nodes);
            if s.nodes.len() == first {
                continue;
            }
            stamp = stamp.wrapping_add(1);
            if stamp == 0 {
                s.lstamp.iter_mut().for_each(|e| *e = 0);
                stamp = 1;
            }

            // The nodes ending here, in MeCab's order (newest first); each
            // keeps its place in that order, so ties go to the node MeCab
            // meets first.
            let ending = (s.end_head[pos], s.end_count[pos] as usize);
            let n = s.cands.collect(&s.nodes, ending);
            let padded = n.next_multiple_of(8);

            // The best predecessor depends only on the node's left class
            // (its own cost is the same for every predecessor), so it is
            // computed once per left class and position, for all of them
            // at once (their matrix reads then overlap).
            // Branch-free, as above.
            s.lclasses.resize(s.nodes.len() - first, 0);
            let mut m = 0;
            for node in &s.nodes[first..] {
                let seen = &mut s.lstamp[node.lclass as usize];
                s.lclasses[m] = node.lclass;
                m += (*seen != stamp) as usize;
                *seen = stamp;
            }
            s.lclasses.truncate(m);
            s.best.resize(s.lclasses.len(), (0, 0));
            let c = &s.cands;
            let cand_arrays = (&c.total[..padded], &c.rclass[..padded]);
            self.best_predecessors(&s.lclasses, cand_arrays, n, &mut s.best);
            for (&lclass, &(cost, k)) in s.lclasses.iter().zip(&s.best) {
                let node = c.node.get(k as usize).copied().unwrap_or(0);
                s.lbest[lclass as usize] = (cost, node);
            }

            // The new nodes are in creation order; MeCab's list is newest
            // first, and connects (and files at their end) in that order.
            // Nodes of one surface share their end and are consecutive, so
            // each run is linked in registers and its end updated once
            // (a store and reload per node waited on store forwarding).
            let (lbest, end_head, end_count) =
                (&s.lbest[..], &mut s.end_head[..], &mut s.end_count[..]);
            let new_nodes = &mut s.nodes[first..];
            let mut r = new_nodes.len();
            while let Some(last) = r.checked_sub(1) {
                let end = new_nodes[last].end as usize;
                let mut head = end_head[end];
                let mut count = 0;
                while let Some(i) = r.checked_sub(1) {
                    let n = &mut new_nodes[i];
                    if n.end as usize != end {
                        break;
                    }
                    let (best, best_node) = lbest[n.lclass as usize];
                    n.total += best;
                    n.prev = best_node;
                    n.enext = head;
                    head = (first + i) as u32;
                    count += 1;
                    r = i;
                }
                end_head[end] = head;
                end_count[end] += count;
            }
        }
        s.stamp = stamp;

        // EOS connects at the last position where something ends (trailing
        // whitespace is not part of any node).
        let at = (0..=len)
            .rev()
            .find(|&p| s.end_head[p] != NONE)
            .unwrap_or(0);
        let row = self.lex.row(self.eos_lclass);
        let mut best = i32::MAX;
        let mut best_node = 0;
        let mut l = s.end_head[at];
        while let Some(n) = s.nodes.get(l as usize) {
            let cost = n.total + row.get(n.rclass as usize).copied().unwrap_or(0) as i32;
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

    /// Walks the trie from every position in `from..to` of `info` (a chunk)
    /// and records the surfaces starting there, shortest first: `nmatch[p]`
    /// of them at `matches[p * MATCHES_PER_CHAR..]`, each as
    /// `first entry << 5 | length in chars`.
    ///
    /// Why not walk in `lookup`: nearly every trie step is a cache miss, and
    /// one walk at a time waits for each. Walks from different positions
    /// are independent, so [`LANES`] of them advance in turn, each step's
    /// node (and each match's entries) prefetched a round before it is read.
    #[inline(never)]
    fn walk(&self, info: &[u32], from: usize, to: usize, matches: &mut [u32], nmatch: &mut [u8]) {
        #[derive(Clone, Copy, Default)]
        struct Lane {
            start: u32,
            /// Characters consumed so far.
            p: u32,
            /// The slot to read next, and the label it must have.
            slot: u32,
            code: u32,
            /// Matches recorded so far.
            n: u32,
            live: bool,
        }
        let lex = &self.lex;
        let root = lex.root();
        let code_at = |p: u32| info.get(p as usize).map_or(0, |&i| i >> 8);
        // Enters `child` (whose label was checked): records a surface ending
        // there, then heads for the next character's child, prefetching it.
        // False when the walk is over.
        let mut enter = |lane: &mut Lane, child: u64| {
            lane.p += 1;
            if let Some(e) = Lexicon::entries_of(child) {
                lex.prefetch_entries(e);
                let at = lane.start as usize * MATCHES_PER_CHAR + lane.n as usize;
                if let Some(m) = matches.get_mut(at) {
                    *m = e << 5 | (lane.p - lane.start);
                    lane.n += 1;
                }
            }
            let code = code_at(lane.p);
            match Lexicon::child_slot(child, code) {
                Some(slot) => {
                    lex.prefetch_node(slot);
                    lane.slot = slot;
                    lane.code = code;
                    true
                }
                None => false,
            }
        };
        let mut done = |lane: &Lane| {
            if let Some(n) = nmatch.get_mut(lane.start as usize) {
                *n = lane.n as u8;
            }
        };
        let mut lanes = [Lane::default(); LANES];
        let mut next = from;
        loop {
            for lane in &mut lanes {
                if lane.live {
                    let child = lex.node(lane.slot);
                    lane.live = Lexicon::label(child) == lane.code && enter(lane, child);
                    if !lane.live {
                        done(lane);
                    }
                }
                // Start the next walks. Their first step is taken at once:
                // the root's children are few and stay cached.
                while !lane.live && next < to {
                    let p = next as u32;
                    next += 1;
                    *lane = Lane {
                        start: p,
                        p,
                        slot: 0,
                        code: 0,
                        n: 0,
                        live: false,
                    };
                    let code = code_at(p);
                    let child = Lexicon::child_slot(root, code).map_or(0, |slot| lex.node(slot));
                    lane.live = Lexicon::label(child) == code && code != 0 && enter(lane, child);
                    if !lane.live {
                        done(lane);
                    }
                }
            }
            if next >= to && lanes.iter().all(|l| !l.live) {
                break;
            }
        }
    }

    /// MeCab's `Tokenizer::lookup`: the candidate nodes starting at `pos`
    /// (at `begin2`, of class `cinfo`, after skipping whitespace), pushed in
    /// MeCab's creation order. `matches` are the surfaces starting at
    /// `begin2` (see [`Analyzer::walk`]).
    #[inline(never)]
    fn lookup(
        &self,
        chunk: &Chunk<'_>,
        pos: usize,
        begin2: usize,
        cinfo: CharClass,
        matches: &[u32],
        out: &mut Vec<Node>,
    ) {
        let base = out.len();
        let info = chunk.info;
        let len = info.len();
        let spaced = begin2 > pos;
        let penalty_of = |lclass: u16| {
            tables::LCLASS_PENALTY
                .get(lclass as usize)
                .copied()
                .unwrap_or(0)
        };
        let node = |end: usize, lclass: u16, rclass: u16, cost: i16, word| Node {
            total: cost as i32 + if spaced { penalty_of(lclass) } else { 0 },
            prev: NONE,
            enext: NONE,
            word,
            start: begin2 as u16,
            end: end as u16,
            lclass,
            rclass,
        };
        let push = |out: &mut Vec<Node>, end, lclass, rclass, cost, word| {
            out.push(node(end, lclass, rclass, cost, word));
        };

        // Surfaces starting here, shortest first, each with its entries in
        // dictionary order (extended in one go: the count is known).
        for &m in matches {
            let end = begin2 + (m & 31) as usize;
            let entries = self.lex.surface_entries(m >> 5).iter().map(Lexicon::decode);
            out.extend(entries.map(|e| node(end, e.lclass, e.rclass, e.cost, e.word_id)));
        }
        if let Some(user) = &self.user {
            let rest = chunk
                .text
                .get(chunk.byte_at[begin2]..chunk.byte_at[len])
                .unwrap_or_default();
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

    /// For each left class in `lclasses`, the cheapest total + connection
    /// cost over the first `n` candidates and the first candidate reaching
    /// it (MeCab's strict `<` scan: on a tie the one it meets first), into
    /// `out` as (cost, candidate). The candidate arrays (total, right class)
    /// are padded to whole vectors of 8.
    #[inline(always)]
    fn best_predecessors(
        &self,
        lclasses: &[u16],
        (total, rclass): (&[i32], &[u32]),
        n: usize,
        out: &mut [(i32, u32)],
    ) {
        #[cfg(target_arch = "x86_64")]
        if self.avx2
            && n >= 1
            && total.len() == rclass.len()
            && total.len() == n.next_multiple_of(8)
            && lclasses.iter().all(|&l| (l as usize) < self.lex.n_lclass)
        {
            let (matrix, starts) = self.lex.raw_rows();
            // SAFETY: AVX2 is available (checked when the analyser was
            // built); the slices have the same length, `n` rounded up to a
            // multiple of 8, and every left class is a row of the matrix
            // (checked above); every right class is below `n_rclass` (node
            // classes come from the lexicon's entries or class tables, both
            // range-checked when loaded, or are the padding 0). So each
            // read at `starts + lclass * n_rclass + rclass` is inside
            // `matrix`.
            unsafe {
                best_predecessors_avx2(
                    matrix,
                    starts,
                    self.lex.n_rclass,
                    lclasses,
                    (total, rclass, n),
                    out,
                )
            };
            return;
        }
        let n = n.min(total.len()).min(rclass.len());
        for (o, &lclass) in out.iter_mut().zip(lclasses) {
            *o = best_predecessor_scalar(self.lex.row(lclass), &total[..n], &rclass[..n]);
        }
    }
}

/// The text of a chunk being analysed.
struct Chunk<'a> {
    text: &'a str,
    /// `char_info` per character.
    info: &'a [u32],
    /// Byte offset in `text` of each character boundary.
    byte_at: &'a [usize],
}

/// Padding candidates: a total no path reaches (path costs stay within
/// ±(MAX_CHUNK_CHARS + 1) · 3 · 2¹⁵, see above), low enough that adding a
/// connection cost cannot overflow.
const PAD_TOTAL: i32 = i32::MAX - (1 << 16);
const _: () = assert!((MAX_CHUNK_CHARS as i64 + 1) * 3 * (1 << 15) < PAD_TOTAL as i64);

/// Trie walks kept in flight at once (see [`Analyzer::walk`]; 16 measured
/// faster than 8, 32 no faster).
const LANES: usize = 16;
/// How many start positions are walked ahead of the one being connected.
const WALK_AHEAD: usize = 128;
/// Room for the matches of one start position: at most one per length.
const MATCHES_PER_CHAR: usize = tables::MAX_SURFACE_CHARS;

/// Portable [`Analyzer::best_predecessors`] for one left class: MeCab's
/// scan, the first strictly cheapest candidate.
fn best_predecessor_scalar(row: &[i16], total: &[i32], rclass: &[u32]) -> (i32, u32) {
    let mut best = (i32::MAX, 0);
    for (j, (&t, &r)) in total.iter().zip(rclass).enumerate() {
        let cost = t + row.get(r as usize).copied().unwrap_or(i16::MAX) as i32;
        if cost < best.0 {
            best = (cost, j as u32);
        }
    }
    best
}

/// AVX2 [`Analyzer::best_predecessors`], eight candidates per step (four
/// when there are at most four). The connection costs are loaded into a
/// vector with scalar loads (`vpgatherdd` measured slower, and is far slower
/// on Intel CPUs with the GDS mitigation); the candidates are in MeCab's
/// scan order, so the first lane holding the minimum is MeCab's choice.
///
/// # Safety
///
/// AVX2 must be available; `total` and `rclass` must have the same length,
/// `n` (≥ 1) rounded up to a multiple of 8, with padding from `n` on;
/// `first + lclass * n_rclass + r < matrix.len()` for every `lclass` and
/// every `r` in `rclass`.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn best_predecessors_avx2(
    matrix: &[i16],
    first: usize,
    n_rclass: usize,
    lclasses: &[u16],
    (total, rclass, n): (&[i32], &[u32], usize),
    out: &mut [(i32, u32)],
) {
    use std::arch::x86_64::*;
    // SAFETY (all pointer reads below): vectors are read at `i` with
    // `i + 8 <= len` (or `i + 4`), and every row read is in bounds (caller).
    let row = |lclass: u16| unsafe { matrix.as_ptr().add(first + lclass as usize * n_rclass) };
    let conn =
        |row: *const i16, j: usize| unsafe { *row.add(*rclass.as_ptr().add(j) as usize) } as i32;
    // The minimum of four lanes, in every lane.
    let min4 = |v: __m128i| {
        let v = _mm_min_epi32(v, _mm_shuffle_epi32::<0b01_00_11_10>(v));
        _mm_min_epi32(v, _mm_shuffle_epi32::<0b10_11_00_01>(v))
    };
    if n <= 4 {
        // Four candidates or fewer (a third of the positions): half
        // vectors, half the loads. Lanes from `n` on are padding.
        let t = unsafe { _mm_loadu_si128(total.as_ptr().cast()) };
        for (o, &lclass) in out.iter_mut().zip(lclasses) {
            let row = row(lclass);
            let c = _mm_setr_epi32(conn(row, 0), conn(row, 1), conn(row, 2), conn(row, 3));
            let cost = _mm_add_epi32(t, c);
            let min = min4(cost);
            let lanes = _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(cost, min)));
            *o = (_mm_cvtsi128_si32(min), lanes.trailing_zeros());
        }
        return;
    }
    let costs = |row: *const i16, i: usize| {
        let c = |j: usize| conn(row, i + j);
        let t = unsafe { _mm256_loadu_si256(total.as_ptr().add(i).cast()) };
        _mm256_add_epi32(
            t,
            _mm256_setr_epi32(c(0), c(1), c(2), c(3), c(4), c(5), c(6), c(7)),
        )
    };
    let min8 = |v: __m256i| {
        min4(_mm_min_epi32(
            _mm256_castsi256_si128(v),
            _mm256_extracti128_si256::<1>(v),
        ))
    };
    if total.len() == 8 {
        // One vector of candidates.
        for (o, &lclass) in out.iter_mut().zip(lclasses) {
            let cost = costs(row(lclass), 0);
            let min = min8(cost);
            let eq = _mm256_cmpeq_epi32(cost, _mm256_broadcastd_epi32(min));
            let lanes = _mm256_movemask_ps(_mm256_castsi256_ps(eq));
            *o = (_mm_cvtsi128_si32(min), lanes.trailing_zeros());
        }
        return;
    }
    // Several vectors: each lane keeps its cheapest cost and the first
    // candidate reaching it (updated only on a strictly lower cost, vectors
    // taken in order); then the first candidate among the lanes holding
    // the minimum.
    let lane_ids = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    for (o, &lclass) in out.iter_mut().zip(lclasses) {
        let base = row(lclass);
        let mut best = _mm256_set1_epi32(i32::MAX);
        let mut best_id = _mm256_setzero_si256();
        let mut i = 0;
        while i + 8 <= total.len() {
            let cost = costs(base, i);
            let lower = _mm256_cmpgt_epi32(best, cost);
            best = _mm256_min_epi32(best, cost);
            let ids = _mm256_add_epi32(lane_ids, _mm256_set1_epi32(i as i32));
            best_id = _mm256_blendv_epi8(best_id, ids, lower);
            i += 8;
        }
        let min = min8(best);
        let eq = _mm256_cmpeq_epi32(best, _mm256_broadcastd_epi32(min));
        let ids = _mm256_blendv_epi8(_mm256_set1_epi32(-1), best_id, eq);
        let first_id = {
            let v = _mm_min_epu32(
                _mm256_castsi256_si128(ids),
                _mm256_extracti128_si256::<1>(ids),
            );
            let v = _mm_min_epu32(v, _mm_shuffle_epi32::<0b01_00_11_10>(v));
            _mm_min_epu32(v, _mm_shuffle_epi32::<0b10_11_00_01>(v))
        };
        *o = (_mm_cvtsi128_si32(min), _mm_cvtsi128_si32(first_id) as u32);
    }
}

/// Analyses many lines with one set of buffers, taken from the analyser's
/// pool (so a session for one call allocates no lattice either) and given
/// back when the session ends.
#[derive(Debug)]
pub struct Session<'a> {
    analyzer: &'a Analyzer,
    scratch: Scratch,
}

impl<'a> Session<'a> {
    /// A session over `analyzer`.
    pub fn new(analyzer: &'a Analyzer) -> Self {
        let scratch = analyzer
            .pool
            .lock()
            .ok()
            .and_then(|mut p| p.pop())
            .unwrap_or_default();
        Session { analyzer, scratch }
    }

    /// Analyses `text`, replacing the contents of `out`.
    pub fn analyze<'t>(&mut self, text: &'t str, out: &mut Vec<Token<'t>>) {
        out.clear();
        self.analyzer.analyze_into(text, out, &mut self.scratch);
    }
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        if self.scratch.info.capacity() <= POOL_MAX_CHARS
            && let Ok(mut pool) = self.analyzer.pool.lock()
            && pool.len() < POOL_MAX
        {
            pool.push(std::mem::take(&mut self.scratch));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator (no dependency for a test).
    struct Lcg(u64);
    impl Lcg {
        fn next(&mut self, n: u32) -> u32 {
            self.0 = self
                .0
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((self.0 >> 33) % n as u64) as u32
        }
    }

    /// The SIMD kernel picks exactly what the portable one picks, ties
    /// included (small cost ranges make many).
    #[test]
    fn best_predecessor_kernels_agree() {
        let analyzer = Analyzer::new().unwrap();
        if !analyzer.avx2 {
            return;
        }
        let mut rng = Lcg(7);
        let mut out_simd = Vec::new();
        let mut out_scalar = Vec::new();
        for round in 0..4000 {
            let n = 1 + rng.next(if round % 3 == 0 { 40 } else { 9 }) as usize;
            let spread = if round % 2 == 0 { 3 } else { 20_000 };
            let mut total: Vec<i32> = (0..n).map(|_| rng.next(spread) as i32 - 100).collect();
            let mut rclass: Vec<u32> = (0..n)
                .map(|_| {
                    rng.next(if round % 4 == 0 {
                        2
                    } else {
                        analyzer.lex.n_rclass as u32
                    })
                })
                .collect();
            let lclasses: Vec<u16> = (0..1 + rng.next(12))
                .map(|_| rng.next(analyzer.lex.n_lclass as u32) as u16)
                .collect();
            let padded = n.next_multiple_of(8);
            total.resize(padded, PAD_TOTAL);
            rclass.resize(padded, 0);
            out_simd.resize(lclasses.len(), (0, 0));
            analyzer.best_predecessors(&lclasses, (&total, &rclass), n, &mut out_simd);
            out_scalar.clear();
            for &l in &lclasses {
                let row = analyzer.lex.row(l);
                out_scalar.push(best_predecessor_scalar(row, &total[..n], &rclass[..n]));
            }
            assert_eq!(out_simd, out_scalar, "round {round}");
        }
    }

    /// A user entry whose context ids are beyond the matrix is ignored, not
    /// a panic; a valid one still wins.
    #[test]
    fn user_entries_out_of_range_are_ignored() {
        let mut user = UserDictionary::new();
        user.parse(
            "클라우드,9999,9999,-30000,NNP,*,F,클라우드,*,*,*,*\nKT클라우드,NNP\n",
            "test",
        )
        .unwrap();
        let analyzer = Analyzer::new().unwrap().with_user_dictionary(user);
        let tokens = analyzer.analyze("KT클라우드는 클라우드를");
        assert_eq!(tokens[0].surface, "KT클라우드");
        assert!(matches!(tokens[0].word, Word::User(1)));
        assert!(tokens.iter().all(|t| t.word != Word::User(0)));
    }

    /// The whole analysis is the same with and without the SIMD kernel.
    #[test]
    fn analysis_does_not_depend_on_simd() {
        let text = include_str!("../../data/samples/kt-azure.txt");
        let mut analyzer = Analyzer::new().unwrap();
        let simd = analyzer.analyze(text);
        analyzer.avx2 = false;
        assert_eq!(simd, analyzer.analyze(text));
    }
}
