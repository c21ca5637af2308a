//! newskg turns Korean news articles into a knowledge graph.
//!
//! The library is a pipeline of stages, one module per stage, each named
//! after what it produces:
//!
//! ```text
//! fetch  →  article  →  text  →  entities  →  relations  →  graph  →  export
//! (bytes)   (Article)   (tokens,  (Mention,    (Relation)    (petgraph)  (GraphML, GEXF,
//!                        sentences) Entity)                              JSON, CSV)
//! ```
//!
//! Articles enter through [`input`] (URLs, saved pages, text files, lists)
//! and [`acquire`], which loads each input through [`fetch`] and extracts
//! its article with [`article`], or names why it could not.
//! [`batch`] runs a batch of them through the CPU stages on several threads
//! with bounded memory, and [`timing`] measures each stage.
//!
//! [`report`] turns a graph into one self-contained HTML page for analysts.
//! Scheduled ingestion ([`ingest`]) reads feeds and sitemaps, runs the same
//! pipeline on the new articles and keeps their facts in a [`store`], from
//! which a graph of any time window is rebuilt.
//!
//! The `newskg` binary is a thin layer over these modules (see [`cli`]).
#![deny(missing_docs)]

pub mod acquire;
pub mod article;
pub mod batch;
pub mod cli;
pub mod entities;
pub mod export;
pub mod fetch;
pub mod graph;
pub mod ingest;
pub mod input;
pub mod pipeline;
pub mod relations;
pub mod report;
pub mod store;
pub mod text;

/// The hash of the maps probed for every token (gazetteer, word lists,
/// title tables): rustc's `FxHash`. Their keys are short strings and ids of
/// our own, not an attacker's, so SipHash's keyed rounds cost more than
/// they protect; no such map is iterated, so the hash cannot change an
/// output.
pub(crate) type FastHash = rustc_hash::FxBuildHasher;
pub mod timing;
