//! The analyser's lexicon: a trie of mecab-ko-dic's surfaces whose nodes
//! point straight at their entries, context-id classes with their compact
//! connection matrix, and a (POS, semantic class) tag per word. Built and
//! checked against lindera's dictionary by `build.rs` (see
//! `lexicon_build.rs` for why it exists), read here in place.

use lindera_dictionary::dictionary::connection_cost_matrix::ConnectionCostMatrix;

use super::lexicon_format::{
    CODE_FILE, ENTRY_FILE, ENTRY_LEN, LAST_ENTRY, MATRIX_FILE, NODE_FILE, TAG_FILE, node_base,
    node_label, node_value,
};

/// Small generated tables: `LCLASS_OF_LEFT`, `RCLASS_OF_RIGHT` (class of each
/// of lindera's renumbered context ids), `LCLASS_PENALTY` (left-space
/// penalty per left class) and `TAGS` ((POS, semantic class) per tag id).
pub(crate) mod tables {
    include!(concat!(env!("OUT_DIR"), "/lexicon-tables.rs"));
}

macro_rules! lexicon_file {
    ($name:expr) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/", $name))
    };
}

static NODES: &[u8] = lexicon_file!("lexicon-nodes.bin");
static ENTRIES: &[u8] = lexicon_file!("lexicon-entries.bin");
static CODES: &[u8] = lexicon_file!("lexicon-codes.bin");
static MATRIX: &[u8] =
    lindera_dictionary::include_bytes_aligned!(concat!(env!("OUT_DIR"), "/lexicon-matrix.mtx"));
static TAG_IDS: &[u8] = lexicon_file!("lexicon-tags.bin");

// The file names above are spelled out because `include_bytes!` needs
// literals; keep them in step with the format module.
const _: () = {
    const fn eq(a: &str, b: &str) -> bool {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let mut i = 0;
        while i < a.len() {
            if a[i] != b[i] {
                return false;
            }
            i += 1;
        }
        true
    }
    assert!(eq(NODE_FILE, "lexicon-nodes.bin"));
    assert!(eq(ENTRY_FILE, "lexicon-entries.bin"));
    assert!(eq(CODE_FILE, "lexicon-codes.bin"));
    assert!(eq(MATRIX_FILE, "lexicon-matrix.mtx"));
    assert!(eq(TAG_FILE, "lexicon-tags.bin"));
};

/// One dictionary entry of a surface.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    pub word_id: u32,
    pub lclass: u16,
    pub rclass: u16,
    pub cost: i16,
    /// The surface has no further entries.
    pub last: bool,
}

/// The embedded lexicon (all views into static data).
pub(crate) struct Lexicon {
    nodes: &'static [[u8; 8]],
    entries: &'static [[u8; ENTRY_LEN]],
    codes: &'static [[u8; 2]],
    tag_ids: &'static [[u8; 2]],
    /// Connection costs, forward axis = right class, backward = left class.
    pub matrix: ConnectionCostMatrix,
}

impl Lexicon {
    pub fn load() -> lindera_dictionary::LinderaResult<Self> {
        let matrix = ConnectionCostMatrix::load(MATRIX)?;
        Ok(Lexicon {
            nodes: NODES.as_chunks().0,
            entries: ENTRIES.as_chunks().0,
            codes: CODES.as_chunks().0,
            tag_ids: TAG_IDS.as_chunks().0,
            matrix,
        })
    }

    /// The trie code of a character (0: no surface contains it).
    pub fn code(&self, c: char) -> u16 {
        self.codes
            .get(c as usize)
            .map_or(0, |b| u16::from_le_bytes(*b))
    }

    /// The root node.
    #[inline(always)]
    pub fn root(&self) -> u64 {
        self.node(0)
    }

    /// The node in `slot` (a free slot, label 0, when out of range).
    #[inline(always)]
    pub fn node(&self, slot: u32) -> u64 {
        self.nodes
            .get(slot as usize)
            .map_or(0, |b| u64::from_le_bytes(*b))
    }

    /// The child of `node` along `code`, if any.
    #[inline(always)]
    pub fn child(&self, node: u64, code: u32) -> Option<u64> {
        let base = node_base(node);
        // Code 0 (a character no surface contains) would read the free
        // label 0 as a match.
        if base == 0 || code == 0 {
            return None;
        }
        // Every node has a base of its own, so a slot labelled `code` at
        // `base + code` can only be this node's child.
        let child = self.node(base + code);
        (node_label(child) == code).then_some(child)
    }

    /// Index of the first entry of the surface ending at `node`, if one does.
    #[inline(always)]
    pub fn entries_of(node: u64) -> Option<u32> {
        node_value(node).checked_sub(1)
    }

    /// The entry at `index` (entries of a surface follow each other, the
    /// last one flagged).
    #[inline(always)]
    pub fn entry(&self, index: u32) -> Option<Entry> {
        let e = self.entries.get(index as usize)?;
        let word = u32::from_le_bytes([e[0], e[1], e[2], e[3]]);
        Some(Entry {
            word_id: word & !LAST_ENTRY,
            lclass: u16::from_le_bytes([e[4], e[5]]),
            rclass: u16::from_le_bytes([e[6], e[7]]),
            cost: i16::from_le_bytes([e[8], e[9]]),
            last: word & LAST_ENTRY != 0,
        })
    }

    /// The (POS, semantic class) of a system word.
    #[inline]
    pub fn tag(&self, word_id: u32) -> Option<(&'static str, &'static str)> {
        let id = u16::from_le_bytes(*self.tag_ids.get(word_id as usize)?);
        tables::TAGS.get(id as usize).copied()
    }
}
