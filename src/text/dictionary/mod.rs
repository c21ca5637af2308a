//! The mecab-ko-dic dictionary: importing it from MeCab's binaries
//! ([`import`]) and loading the copy embedded in the binary.

pub mod embedded;
pub mod import;
pub mod mecab_binary;
