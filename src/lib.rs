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
//! The `newskg` binary is a thin layer over these modules (see [`cli`]).
#![deny(missing_docs)]

pub mod cli;
pub mod relations;
pub mod text;
