//! Binary layout of the analyser's lexicon, shared by `build.rs` (which
//! writes it, see `lexicon_build.rs`) and [`super::lexicon`] (which reads it
//! in place). Plain constants and bit packing only, so both sides compile the
//! same definitions.

/// Trie node slots, one little-endian `u64` each: the label (the code of the
/// character that leads to the node; 0 marks a free slot, codes start at 1),
/// the base (children of the node live at `base + code`; 0 means no
/// children) and the value (1 + index of the node's first entry in the entry
/// array; 0 means no word ends here).
pub const NODE_FILE: &str = "lexicon-nodes.bin";
/// Word entries, [`ENTRY_LEN`] bytes each, grouped per surface.
pub const ENTRY_FILE: &str = "lexicon-entries.bin";
/// Character code per BMP code point, little-endian `u16`, 0 = the character
/// occurs in no surface.
pub const CODE_FILE: &str = "lexicon-codes.bin";
/// Connection costs between context-id classes, in lindera's transposed
/// `matrix.mtx` format (forward axis = right class, backward = left class).
pub const MATRIX_FILE: &str = "lexicon-matrix.mtx";
/// Tag id (see the generated tables) per system word id, little-endian `u16`.
pub const TAG_FILE: &str = "lexicon-tags.bin";
/// Generated Rust source with the small tables (class maps, penalties, tags).
pub const TABLES_FILE: &str = "lexicon-tables.rs";

/// Bits of a node's label.
pub const LABEL_BITS: u32 = 16;
/// Bits of a node's base.
pub const BASE_BITS: u32 = 24;
/// Bits of a node's value.
pub const VALUE_BITS: u32 = 64 - LABEL_BITS - BASE_BITS;

/// The label of a node slot (0 for a free slot).
#[inline(always)]
pub const fn node_label(node: u64) -> u32 {
    (node & ((1 << LABEL_BITS) - 1)) as u32
}

/// The base of a node (0: no children).
#[inline(always)]
pub const fn node_base(node: u64) -> u32 {
    ((node >> LABEL_BITS) & ((1 << BASE_BITS) - 1)) as u32
}

/// The value of a node (0: no word ends here, else 1 + first entry index).
#[inline(always)]
pub const fn node_value(node: u64) -> u32 {
    (node >> (LABEL_BITS + BASE_BITS)) as u32
}

/// Packs a node; each field must fit its bit width.
pub const fn pack_node(label: u32, base: u32, value: u32) -> u64 {
    label as u64 | (base as u64) << LABEL_BITS | (value as u64) << (LABEL_BITS + BASE_BITS)
}

/// Serialized size of one entry: `u32` word id (low 24 bits; the top 8 bits
/// of a surface's first entry hold how many entries the surface has, 0 on
/// the others), `u16` left class, `u16` right class, `i16` word cost.
pub const ENTRY_LEN: usize = 10;
/// Where the entry count sits in a surface's first word-id field.
pub const COUNT_SHIFT: u32 = 24;
/// The word-id bits of the word-id field.
pub const WORD_ID_MASK: u32 = (1 << COUNT_SHIFT) - 1;
