//! The mecab-ko-dic dictionary: importing it from MeCab's binaries
//! ([`import`]) and loading the copy embedded in the binary.

pub mod embedded;
pub mod import;
pub(crate) mod lexicon;
// Shared with build.rs, which uses the writing half.
#[allow(dead_code)]
mod lexicon_format;
pub mod mecab_binary;
