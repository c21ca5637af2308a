//! Builds the embedded mecab-ko-dic from the sources committed under
//! `data/mecab-ko-dic/` (see README, "The bundled dictionary").
//!
//! lindera's own `embed-ko-dic` feature downloads the dictionary at build
//! time, which fails on machines that only reach crates.io. Here everything
//! comes from the repository: decompress the sources into `OUT_DIR`, run
//! lindera's dictionary builder, and let `src/text/dictionary/embedded.rs`
//! `include_bytes!` the result.

use std::error::Error;
use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use lindera_dictionary::builder::DictionaryBuilder;
use lindera_dictionary::dictionary::Dictionary;
use lindera_dictionary::dictionary::metadata::Metadata;

#[path = "src/text/dictionary/lexicon_build.rs"]
mod lexicon_build;
// Shared with the reader in the library; build.rs uses only the packing half.
#[allow(dead_code)]
#[path = "src/text/dictionary/lexicon_format.rs"]
mod lexicon_format;

const SOURCES: &str = "data/mecab-ko-dic";

fn unzstd(from: &Path, to: &Path) -> Result<(), Box<dyn Error>> {
    let mut text = Vec::new();
    zstd::Decoder::new(fs::File::open(from)?)?.read_to_end(&mut text)?;
    fs::write(to, text)?;
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let sources = manifest.join(SOURCES);
    for name in [
        "entries.csv.zst",
        "matrix.def.zst",
        "char.def",
        "unk.def",
        "metadata.json",
        "left-space-penalty.def",
        "context-id-freq.txt",
    ] {
        println!("cargo:rerun-if-changed={SOURCES}/{name}");
    }
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/text/dictionary/lexicon_build.rs");
    println!("cargo:rerun-if-changed=src/text/dictionary/lexicon_format.rs");

    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    let src = out.join("mecab-ko-dic-src");
    let built = out.join("mecab-ko-dic");
    let _ = fs::remove_dir_all(&src);
    let _ = fs::remove_dir_all(&built);
    fs::create_dir_all(&src)?;
    unzstd(
        &sources.join("entries.csv.zst"),
        &src.join("mecab-ko-dic.csv"),
    )?;
    unzstd(&sources.join("matrix.def.zst"), &src.join("matrix.def"))?;
    fs::copy(sources.join("char.def"), src.join("char.def"))?;
    fs::copy(sources.join("unk.def"), src.join("unk.def"))?;
    fs::copy(
        sources.join("left-space-penalty.def"),
        out.join("left-space-penalty.def"),
    )?;

    let metadata = Metadata::load(&fs::read(sources.join("metadata.json"))?)
        .map_err(|e| format!("{SOURCES}/metadata.json: {e}"))?;
    // Context ids are renumbered by how often they occur in text, so the
    // hot part of the 20 MB connection matrix stays in cache.
    DictionaryBuilder::new(metadata)
        .with_context_id_freq(sources.join("context-id-freq.txt"))
        .build_dictionary(&src, &built)
        .map_err(|e| format!("building mecab-ko-dic from {SOURCES}: {e}"))?;
    fs::copy(
        sources.join("metadata.json"),
        built.join("source-metadata.json"),
    )?;
    // The analyser's own lexicon (trie, context classes, tags), derived
    // from and checked against the dictionary just built.
    let dict = Dictionary::load_from_path(&built)
        .map_err(|e| format!("loading the built mecab-ko-dic: {e}"))?;
    lexicon_build::write(
        &src.join("mecab-ko-dic.csv"),
        &out.join("left-space-penalty.def"),
        &dict,
        &out,
    )?;
    // The sources are 300 MB uncompressed; only the built files are needed.
    fs::remove_dir_all(&src)?;
    Ok(())
}
