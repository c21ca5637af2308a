//! The mecab-ko-dic built by `build.rs`, baked into the binary.
//!
//! Loading is cheap (the trie and matrix are used in place, zero-copy), which
//! is what keeps `newskg tokenize` on one line well under 0.3 s.

use std::sync::Arc;

use lindera_dictionary::dictionary::Dictionary;
use lindera_dictionary::dictionary::character_definition::CharacterDefinition;
use lindera_dictionary::dictionary::connection_cost_matrix::ConnectionCostMatrix;
use lindera_dictionary::dictionary::metadata::Metadata;
use lindera_dictionary::dictionary::prefix_dictionary::PrefixDictionary;
use lindera_dictionary::dictionary::unknown_dictionary::UnknownDictionary;

macro_rules! built {
    ($name:literal) => {
        concat!(env!("OUT_DIR"), "/mecab-ko-dic/", $name)
    };
}

static CHAR_DEFINITION: &[u8] = include_bytes!(built!("char_def.bin"));
static MATRIX: &[u8] = lindera_dictionary::include_bytes_aligned!(built!("matrix.mtx"));
static TRIE: &[u8] = include_bytes!(built!("dict.trie"));
static VALS_IDX: &[u8] = include_bytes!(built!("dict.valsidx"));
static VALS: &[u8] = include_bytes!(built!("dict.vals"));
static UNKNOWN: &[u8] = include_bytes!(built!("unk.bin"));
static WORDS_IDX: &[u8] = include_bytes!(built!("dict.wordsidx"));
static WORDS: &[u8] = include_bytes!(built!("dict.words"));
static METADATA: &[u8] = include_bytes!(built!("metadata.json"));

/// Loads the embedded dictionary.
pub fn load() -> lindera_dictionary::LinderaResult<Dictionary> {
    let metadata = Metadata::load(METADATA)?;
    metadata.validate_format_version()?;
    Ok(Dictionary {
        prefix_dictionary: Arc::new(PrefixDictionary::load(
            TRIE, VALS_IDX, VALS, WORDS_IDX, WORDS,
        )?),
        connection_cost_matrix: Arc::new(ConnectionCostMatrix::load(MATRIX)?),
        character_definition: Arc::new(CharacterDefinition::load(CHAR_DEFINITION)?),
        unknown_dictionary: Arc::new(UnknownDictionary::load(UNKNOWN)?),
        metadata: Arc::new(metadata),
    })
}
