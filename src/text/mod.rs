//! Korean text analysis: the mecab-ko-dic dictionary and a MeCab-ko-faithful
//! morphological analyser over it.
//!
//! Takes UTF-8 text, gives [`Token`]s (surface, features, character and byte
//! offsets into the input). Later stages (entities, relations) read tokens;
//! nothing here knows about articles or graphs. [`structure`] tells, for a
//! text's paragraphs, which lines are broadcast or newspaper structure
//! (captions, sign-offs, credits, speaker labels, footers) rather than prose.

pub mod analyzer;
pub mod clauses;
pub mod dictionary;
pub mod sentences;
pub mod structure;
pub mod titles;
pub mod user_dictionary;

pub use analyzer::{Analyzer, Session, Token, Word};
pub use clauses::{Atom, Case, Clauses};
pub use user_dictionary::UserDictionary;
