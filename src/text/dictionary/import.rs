//! `newskg dict import`: turns a MeCab-compiled mecab-ko-dic (the files of the
//! PyPI wheel `python-mecab-ko-dic`) into the compressed sources committed under
//! `data/mecab-ko-dic/`, from which `build.rs` builds the embedded dictionary.
//!
//! What it writes, all MeCab source formats so any MeCab tool can read them:
//!
//! | file | content |
//! | --- | --- |
//! | `entries.csv.zst` | every `sys.dic` entry, `surface,left_id,right_id,cost,features` |
//! | `matrix.def.zst` | the connection costs, `rc lc cost` lines |
//! | `char.def` | character categories and code point ranges |
//! | `unk.def` | unknown-word entries per category |
//! | `left-space-penalty.def` | mecab-ko's `left-space-penalty-factor` from `dicrc`, as `left_id penalty` lines |
//!
//! The last file exists because mecab-ko keys its whitespace penalty on the
//! part-of-speech id (`posid`), which lindera's format does not keep. In
//! mecab-ko-dic the posid is a function of the left context id (both derive
//! from the leading part of speech); the import checks that this holds for
//! every entry and refuses to write a table that would be wrong.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::mecab_binary::{self, Dic, FormatError};

/// zstd level for the committed files: slow to compress once, fast to read.
pub const DEFAULT_ZSTD_LEVEL: i32 = 19;

/// Why an import failed; every variant names the file concerned.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A binary file is malformed.
    #[error(transparent)]
    Format(#[from] FormatError),
    /// The files are individually valid but do not fit together.
    #[error("{0}")]
    Inconsistent(String),
}

fn read(path: &Path) -> Result<Vec<u8>, ImportError> {
    fs::read(path).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), ImportError> {
    fs::write(path, bytes).map_err(|source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn compress(path: &Path, text: &str, level: i32) -> Result<(), ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = fs::File::create(path).map_err(io)?;
    let mut enc = zstd::Encoder::new(file, level).map_err(io)?;
    // Long-distance matching pays off on the highly repetitive matrix.
    enc.long_distance_matching(true).map_err(io)?;
    enc.write_all(text.as_bytes()).map_err(io)?;
    enc.finish().map_err(io)?;
    Ok(())
}

/// What an import found, for the command's report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    /// Entries in `sys.dic`.
    pub entries: usize,
    /// Entries in `unk.dic`.
    pub unknown_entries: usize,
    /// Matrix size (right ids × left ids).
    pub matrix: (u16, u16),
    /// Character categories.
    pub categories: usize,
    /// Left context ids that carry a whitespace penalty.
    pub penalised_left_ids: usize,
}

/// Parses `left-space-penalty-factor = posid,cost,posid,cost,...` from `dicrc`.
pub fn parse_space_penalty(dicrc: &str) -> Result<BTreeMap<u16, i32>, ImportError> {
    let mut out = BTreeMap::new();
    for line in dicrc.lines() {
        let Some((key, value)) = line.split_once('=') else {
            continue;
        };
        if key.trim() != "left-space-penalty-factor" {
            continue;
        }
        let nums: Vec<&str> = value.split(',').map(str::trim).collect();
        if !nums.len().is_multiple_of(2) {
            return Err(ImportError::Inconsistent(
                "dicrc: left-space-penalty-factor needs posid,cost pairs".into(),
            ));
        }
        for pair in nums.chunks(2) {
            let bad = || ImportError::Inconsistent(format!("dicrc: bad penalty pair {pair:?}"));
            let posid: u16 = pair[0].parse().map_err(|_| bad())?;
            let cost: i32 = pair[1].parse().map_err(|_| bad())?;
            out.insert(posid, cost);
        }
    }
    Ok(out)
}

/// Maps each left context id to the penalty of its entries' posid, checking
/// that all entries sharing a left id agree.
fn penalty_by_left_id(
    dics: &[&Dic],
    by_posid: &BTreeMap<u16, i32>,
) -> Result<BTreeMap<u16, i32>, ImportError> {
    let mut table: BTreeMap<u16, i32> = BTreeMap::new();
    let mut seen: BTreeMap<u16, i32> = BTreeMap::new();
    for dic in dics {
        for e in &dic.entries {
            let penalty = by_posid.get(&e.pos_id).copied().unwrap_or(0);
            match seen.insert(e.left_id, penalty) {
                Some(prev) if prev != penalty => {
                    return Err(ImportError::Inconsistent(format!(
                        "left id {} has entries with penalties {prev} and {penalty} ({}): \
                         the penalty cannot be keyed on the left id",
                        e.left_id, e.surface
                    )));
                }
                _ => {}
            }
            if penalty != 0 {
                table.insert(e.left_id, penalty);
            }
        }
    }
    Ok(table)
}

/// Imports the MeCab dictionary in `src` (a folder holding `sys.dic`,
/// `unk.dic`, `matrix.bin`, `char.bin`, `dicrc`) into `out`, compressing the
/// large files at zstd `level` ([`DEFAULT_ZSTD_LEVEL`] for the committed copy;
/// the content does not depend on it).
pub fn import(src: &Path, out: &Path, level: i32) -> Result<ImportSummary, ImportError> {
    let sys = mecab_binary::read_dic("sys.dic", &read(&src.join("sys.dic"))?)?;
    let unk = mecab_binary::read_dic("unk.dic", &read(&src.join("unk.dic"))?)?;
    let matrix = mecab_binary::read_matrix("matrix.bin", &read(&src.join("matrix.bin"))?)?;
    let chars = mecab_binary::read_char_property("char.bin", &read(&src.join("char.bin"))?)?;
    let dicrc_path = src.join("dicrc");
    let dicrc = String::from_utf8_lossy(&read(&dicrc_path)?).into_owned();

    if (sys.lsize, sys.rsize) != (matrix.lsize as u32, matrix.rsize as u32) {
        return Err(ImportError::Inconsistent(format!(
            "sys.dic is for a {}×{} matrix but matrix.bin is {}×{}",
            sys.lsize, sys.rsize, matrix.lsize, matrix.rsize
        )));
    }
    for e in sys.entries.iter().chain(&unk.entries) {
        if e.right_id as u32 >= sys.lsize || e.left_id as u32 >= sys.rsize {
            return Err(ImportError::Inconsistent(format!(
                "entry {} has context ids outside the matrix",
                e.surface
            )));
        }
    }
    for e in &unk.entries {
        if !chars.names.contains(&e.surface) {
            return Err(ImportError::Inconsistent(format!(
                "unk.dic names category {} which char.bin does not define",
                e.surface
            )));
        }
    }
    let penalties = penalty_by_left_id(&[&sys, &unk], &parse_space_penalty(&dicrc)?)?;

    fs::create_dir_all(out).map_err(|source| ImportError::Io {
        path: out.to_path_buf(),
        source,
    })?;

    let mut csv = String::with_capacity(sys.entries.len() * 48);
    for e in &sys.entries {
        csv.push_str(&e.to_csv());
        csv.push('\n');
    }
    compress(&out.join("entries.csv.zst"), &csv, level)?;
    compress(&out.join("matrix.def.zst"), &matrix.to_def(), level)?;
    write(&out.join("char.def"), chars.to_def()?.as_bytes())?;

    // unk.def lists entries by category in the order MeCab's char.def
    // declares them, each category's tokens in token order.
    let mut unk_def = String::new();
    for name in &chars.names {
        for e in unk.entries.iter().filter(|e| &e.surface == name) {
            unk_def.push_str(&e.to_csv());
            unk_def.push('\n');
        }
    }
    write(&out.join("unk.def"), unk_def.as_bytes())?;

    let mut pen = String::from(
        "# mecab-ko's left-space-penalty-factor (dicrc), keyed on the left context id:\n\
         # the cost added to a morpheme with this left id when whitespace precedes it.\n",
    );
    for (left_id, cost) in &penalties {
        pen.push_str(&format!("{left_id} {cost}\n"));
    }
    write(&out.join("left-space-penalty.def"), pen.as_bytes())?;

    Ok(ImportSummary {
        entries: sys.entries.len(),
        unknown_entries: unk.entries.len(),
        matrix: (matrix.lsize, matrix.rsize),
        categories: chars.names.len(),
        penalised_left_ids: penalties.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dicrc_penalty_pairs() {
        let p =
            parse_space_penalty("; c\nleft-space-penalty-factor = 100,3000,120,6000\n").unwrap();
        assert_eq!(p.get(&100), Some(&3000));
        assert_eq!(p.get(&120), Some(&6000));
        assert!(parse_space_penalty("left-space-penalty-factor = 100\n").is_err());
        assert!(parse_space_penalty("left-space-penalty-factor = a,b\n").is_err());
    }
}
