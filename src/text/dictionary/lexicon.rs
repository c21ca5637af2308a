//! The analyser's lexicon: a trie of mecab-ko-dic's surfaces whose nodes
//! point straight at their entries, context-id classes with their compact
//! connection matrix, and a (POS, semantic class) tag per word. Built and
//! checked against lindera's dictionary by `build.rs` (see
//! `lexicon_build.rs` for why it exists), read here in place.

use super::lexicon_format::{
    COUNT_SHIFT, ENTRY_LEN, WORD_ID_MASK, node_base, node_label, node_value,
};

/// Small generated tables: `LCLASS_OF_LEFT`, `RCLASS_OF_RIGHT` (class of each
/// of lindera's renumbered context ids), `LCLASS_PENALTY` (left-space
/// penalty per left class) and `TAGS` ((POS, semantic class) per tag id);
/// and the embedded binary files (`NODES`, `ENTRIES`, `CODES`, `MATRIX`,
/// `TAG_IDS`).
pub(crate) mod tables {
    include!(concat!(env!("OUT_DIR"), "/lexicon-tables.rs"));
}

/// A prefetch hint (no effect on results; any address is fine).
#[inline(always)]
fn prefetch<T>(p: *const T) {
    // SAFETY: SSE is part of the x86_64 baseline, and a prefetch neither
    // faults nor changes memory, whatever the address.
    #[cfg(target_arch = "x86_64")]
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(p.cast())
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// One dictionary entry of a surface.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry {
    pub word_id: u32,
    pub lclass: u16,
    pub rclass: u16,
    pub cost: i16,
}

/// The embedded lexicon (all views into static data).
pub(crate) struct Lexicon {
    nodes: &'static [[u8; 8]],
    entries: &'static [[u8; ENTRY_LEN]],
    codes: &'static [[u8; 2]],
    tag_ids: &'static [[u8; 2]],
    /// The matrix file as `i16`s: a 3-value header, then the costs
    /// `[rclass + lclass * n_rclass]`.
    matrix: &'static [i16],
    /// Number of right classes (the length of a matrix row).
    pub n_rclass: usize,
    /// Number of left classes (matrix rows).
    pub n_lclass: usize,
}

/// Values before the first cost in the matrix file.
const MATRIX_HEADER: usize = 3;

impl Lexicon {
    pub fn load() -> Result<Self, String> {
        if cfg!(target_endian = "big") {
            return Err("the lexicon is stored little-endian".into());
        }
        // SAFETY: every bit pattern is a valid i16, and the bytes are
        // 16-aligned (`include_bytes_aligned`), so the whole file is the
        // middle part; anything else is refused below.
        let (head, matrix, tail) = unsafe { tables::MATRIX.align_to::<i16>() };
        if !head.is_empty() || !tail.is_empty() || matrix.len() < MATRIX_HEADER {
            return Err("lexicon matrix is misaligned".into());
        }
        if matrix[0] != -1 || matrix[1] < 0 || matrix[2] < 0 {
            return Err("lexicon matrix header is malformed".into());
        }
        let (n_rclass, n_lclass) = (matrix[1] as usize, matrix[2] as usize);
        if matrix.len() != MATRIX_HEADER + n_rclass * n_lclass {
            return Err("lexicon matrix size does not match its header".into());
        }
        let lex = Lexicon {
            nodes: tables::NODES.as_chunks().0,
            entries: tables::ENTRIES.as_chunks().0,
            codes: tables::CODES.as_chunks().0,
            tag_ids: tables::TAG_IDS.as_chunks().0,
            matrix,
            n_rclass,
            n_lclass,
        };
        // The Viterbi search indexes the matrix with these classes, its
        // SIMD kernel without bounds checks.
        let in_range = |l: u16, r: u16| (l as usize) < n_lclass && (r as usize) < n_rclass;
        if !(0..lex.entries.len() as u32)
            .filter_map(|i| lex.entry(i))
            .all(|e| in_range(e.lclass, e.rclass))
        {
            return Err("lexicon entry with a context class out of range".into());
        }
        Ok(lex)
    }

    /// Connection costs from every right class to left class `lclass`.
    #[inline(always)]
    pub fn row(&self, lclass: u16) -> &'static [i16] {
        let start = MATRIX_HEADER + lclass as usize * self.n_rclass;
        self.matrix.get(start..start + self.n_rclass).unwrap_or(&[])
    }

    /// The whole matrix file (header included) as `i16`s, and where its
    /// first row starts: for the SIMD kernel, which reads the value before
    /// each cost as well.
    #[cfg(target_arch = "x86_64")]
    #[inline(always)]
    pub fn raw_rows(&self) -> (&'static [i16], usize) {
        (self.matrix, MATRIX_HEADER)
    }

    /// Asks the CPU to fetch node `slot` into the cache.
    #[inline(always)]
    pub fn prefetch_node(&self, slot: u32) {
        prefetch(self.nodes.as_ptr().wrapping_add(slot as usize));
    }

    /// Asks the CPU to fetch the entries starting at `index` (a surface has
    /// ~7.5 entries on average in text: two cache lines).
    #[inline(always)]
    pub fn prefetch_entries(&self, index: u32) {
        let p = self.entries.as_ptr().wrapping_add(index as usize);
        prefetch(p);
        prefetch(p.wrapping_add(64 / ENTRY_LEN));
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

    /// The slot where the child of `node` along `code` would be; it is
    /// that child if its label is `code` (every node has a base of its own,
    /// so a slot labelled `code` at `base + code` can only be this node's
    /// child).
    #[inline(always)]
    pub fn child_slot(node: u64, code: u32) -> Option<u32> {
        let base = node_base(node);
        // Code 0 (a character no surface contains) would read the free
        // label 0 as a match.
        if base == 0 || code == 0 {
            return None;
        }
        base.checked_add(code)
    }

    /// The label of a node (the code that leads to it; 0 for a free slot).
    #[inline(always)]
    pub fn label(node: u64) -> u32 {
        node_label(node)
    }

    /// Index of the first entry of the surface ending at `node`, if one does.
    #[inline(always)]
    pub fn entries_of(node: u64) -> Option<u32> {
        node_value(node).checked_sub(1)
    }

    /// The entry at `index`.
    #[inline(always)]
    pub fn entry(&self, index: u32) -> Option<Entry> {
        self.entries.get(index as usize).map(Self::decode)
    }

    /// The entries of the surface whose first entry is at `index` (they
    /// follow each other; the first one says how many there are).
    #[inline(always)]
    pub fn surface_entries(&self, index: u32) -> &'static [[u8; ENTRY_LEN]] {
        let entries: &'static [[u8; ENTRY_LEN]] = self.entries;
        let Some(first) = entries.get(index as usize) else {
            return &[];
        };
        let count = u32::from_le_bytes([first[0], first[1], first[2], first[3]]) >> COUNT_SHIFT;
        let index = index as usize;
        entries.get(index..index + count as usize).unwrap_or(&[])
    }

    /// Decodes a serialized entry.
    #[inline(always)]
    pub fn decode(e: &[u8; ENTRY_LEN]) -> Entry {
        Entry {
            word_id: u32::from_le_bytes([e[0], e[1], e[2], e[3]]) & WORD_ID_MASK,
            lclass: u16::from_le_bytes([e[4], e[5]]),
            rclass: u16::from_le_bytes([e[6], e[7]]),
            cost: i16::from_le_bytes([e[8], e[9]]),
        }
    }

    /// The (POS, semantic class) of a system word.
    #[inline]
    pub fn tag(&self, word_id: u32) -> Option<(&'static str, &'static str)> {
        let id = u16::from_le_bytes(*self.tag_ids.get(word_id as usize)?);
        tables::TAGS.get(id as usize).copied()
    }
}
