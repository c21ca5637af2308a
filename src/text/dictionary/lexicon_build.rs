//! Build-time half of the analyser's lexicon (compiled into `build.rs` only;
//! the layout is in `lexicon_format.rs`, the reader in `lexicon.rs`).
//!
//! Why a second copy of the dictionary next to lindera's: profiling the
//! analyser showed most of its time waiting on memory, not computing.
//! lindera's trie needs four dependent cache misses for one matched surface
//! (the trie node, a leaf node, the value index, the values), and its
//! 20 MB connection matrix keeps ~2,700 × 3,800 context ids although only
//! ~1,900 distinct rows and columns exist. This lexicon stores
//!
//! * a double-array trie whose 8-byte nodes carry their entries' index, so a
//!   match costs the node (already loaded by the walk) plus its entries;
//! * entries whose context ids are replaced by *classes* of ids that connect
//!   identically (same matrix row and same left-space penalty, or same
//!   column), so the matrix shrinks to 7 MB and nodes ending at the same
//!   position collapse to fewer candidates;
//! * a tag (POS, semantic class) id per word, so a token's POS is a table
//!   lookup instead of parsing lindera's feature string.
//!
//! Everything is derived from the lindera dictionary `build.rs` has just
//! built plus the CSV it was built from, and checked against that
//! dictionary entry by entry: if lindera's word ids, entry order or ids ever
//! differ from what is derived here, the build fails.

use std::collections::HashMap;
use std::error::Error;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use lindera_dictionary::dictionary::Dictionary;

use crate::lexicon_format::{
    BASE_BITS, CODE_FILE, COUNT_SHIFT, ENTRY_FILE, ENTRY_LEN, MATRIX_FILE, NODE_FILE, TABLES_FILE,
    TAG_FILE, VALUE_BITS, WORD_ID_MASK, pack_node,
};

type Res<T> = Result<T, Box<dyn Error>>;

/// One CSV row of mecab-ko-dic.
struct Row {
    surface: String,
    left: u16,
    right: u16,
    cost: i16,
    pos: String,
    semantic: String,
}

/// Splits one CSV line (fields may be quoted, `""` escapes a quote).
fn csv_fields(line: &str) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

fn read_rows(csv: &Path) -> Res<Vec<Row>> {
    let text = fs::read_to_string(csv)?;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let f = csv_fields(line);
        if f.len() < 6 {
            return Err(format!("{}:{}: {} fields", csv.display(), i + 1, f.len()).into());
        }
        let bad = |what: &str| format!("{}:{}: bad {what}", csv.display(), i + 1);
        rows.push(Row {
            surface: f[0].trim().to_string(),
            left: f[1].trim().parse().map_err(|_| bad("left id"))?,
            right: f[2].trim().parse().map_err(|_| bad("right id"))?,
            cost: f[3].trim().parse().map_err(|_| bad("cost"))?,
            pos: f[4].trim().to_string(),
            semantic: f[5].trim().to_string(),
        });
    }
    // lindera numbers words by their row after a stable sort by surface.
    rows.sort_by(|a, b| a.surface.cmp(&b.surface));
    Ok(rows)
}

/// Context-id classes: ids whose connection costs are identical everywhere
/// (and, for left ids, whose left-space penalty is too) are interchangeable
/// in the Viterbi search. Classes are numbered by their smallest id, which
/// keeps lindera's frequency order (hot classes first, close together).
struct Classes {
    lclass_of_left: Vec<u16>,
    rclass_of_right: Vec<u16>,
    penalty: Vec<i32>,
    /// Costs `[rclass + lclass * n_rclass]`.
    matrix: Vec<i16>,
    n_rclass: usize,
}

fn classes(dict: &Dictionary, penalty_def: &str) -> Res<Classes> {
    let m = &dict.connection_cost_matrix;
    let (f, b) = (m.forward_size as usize, m.backward_size as usize);
    let costs = m.costs();
    if costs.len() < f * b {
        return Err("connection matrix shorter than its axes".into());
    }
    let map = dict.metadata.context_id_map.as_ref();
    let mut penalty_of_left = vec![0i32; b];
    for line in penalty_def.lines() {
        let mut it = line.split_whitespace();
        if let (Some(id), Some(cost)) = (it.next(), it.next())
            && let (Ok(id), Ok(cost)) = (id.parse::<u16>(), cost.parse::<i32>())
        {
            let id = map.map_or(id, |m| m.map_left(id)) as usize;
            // The analyser's i32 path costs rely on every per-node term
            // fitting an i16 (see MAX_CHUNK_CHARS in analyzer.rs).
            if !(0..=i16::MAX as i32).contains(&cost) {
                return Err(format!("left-space penalty {cost} out of range").into());
            }
            *penalty_of_left
                .get_mut(id)
                .ok_or_else(|| format!("left-space penalty for unknown left id {id}"))? = cost;
        }
    }

    let mut lclass_of_left = Vec::with_capacity(b);
    let mut lrep = Vec::new();
    let mut seen: HashMap<(&[i16], i32), u16> = HashMap::new();
    for l in 0..b {
        let key = (&costs[l * f..(l + 1) * f], penalty_of_left[l]);
        let next = seen.len() as u16;
        let c = *seen.entry(key).or_insert(next);
        if c == next {
            lrep.push(l);
        }
        lclass_of_left.push(c);
    }
    let columns: Vec<Vec<i16>> = (0..f)
        .map(|r| (0..b).map(|l| costs[r + l * f]).collect())
        .collect();
    let mut rclass_of_right = Vec::with_capacity(f);
    let mut rrep = Vec::new();
    let mut seen: HashMap<&[i16], u16> = HashMap::new();
    for (r, column) in columns.iter().enumerate() {
        let next = seen.len() as u16;
        let c = *seen.entry(column).or_insert(next);
        if c == next {
            rrep.push(r);
        }
        rclass_of_right.push(c);
    }
    let mut matrix = Vec::with_capacity(lrep.len() * rrep.len());
    for &l in &lrep {
        for &r in &rrep {
            matrix.push(costs[r + l * f]);
        }
    }
    Ok(Classes {
        penalty: lrep.iter().map(|&l| penalty_of_left[l]).collect(),
        lclass_of_left,
        rclass_of_right,
        matrix,
        n_rclass: rrep.len(),
    })
}

/// A double array over character codes: the children of a node are at
/// `base + code`, and every node has a base of its own, so a slot's label
/// alone proves which parent it belongs to (see `lexicon_format.rs`).
struct DoubleArray {
    label: Vec<u32>,
    base: Vec<u32>,
    value: Vec<u32>,
    used: Vec<bool>,
    base_used: Vec<bool>,
    /// Union-find "next unused slot at or after i" (path-halving).
    next_free: Vec<u32>,
    /// Where `find_base` starts looking…
    hint: usize,
    /// …for nodes with four children or more.
    big_hint: usize,
}

impl DoubleArray {
    fn grow(&mut self, len: usize) {
        while self.used.len() < len {
            let i = self.used.len() as u32;
            self.label.push(0);
            self.base.push(0);
            self.value.push(0);
            self.used.push(false);
            self.base_used.push(false);
            self.next_free.push(i);
        }
    }

    /// The first unused slot at or after `i` (growing the arrays as needed).
    fn free_from(&mut self, mut i: usize) -> usize {
        loop {
            self.grow(i + 1);
            let n = self.next_free[i] as usize;
            if n == i {
                return i;
            }
            // Path halving keeps later searches short.
            self.grow(n + 1);
            let nn = self.next_free[n];
            self.next_free[i] = nn;
            i = n;
        }
    }

    fn occupy(&mut self, slot: usize, label: u32) {
        self.grow(slot + 2);
        self.used[slot] = true;
        self.label[slot] = label;
        self.next_free[slot] = slot as u32 + 1;
    }

    /// A base for children with these (ascending) codes.
    ///
    /// The search starts at `hint`, not at the first free slot: the front of
    /// the array fills up except for scattered slots few nodes fit, and
    /// scanning them for every node made the build quadratic (16 s, nearly
    /// all of it for nodes with many children). As in darts, the hint moves
    /// past a stretch once it is 95 % full.
    fn find_base(&mut self, codes: &[u32]) -> usize {
        let first = codes[0] as usize;
        let fits = |da: &mut Self, slot: usize| {
            let base = slot - first;
            da.grow(base + *codes.last().unwrap_or(&0) as usize + 1);
            !da.base_used[base] && codes.iter().all(|&c| !da.used[base + c as usize])
        };
        // Nodes with many children rarely fit among the scattered free
        // slots near the front: after a bounded search there, they go to
        // where the last such node went, further on.
        let big = codes.len() >= 4;
        let start = self.free_from(self.hint.max(first + 1));
        let mut slot = start;
        let mut tried = 0usize;
        loop {
            tried += 1;
            if fits(self, slot) {
                let span = slot - start + 1;
                if (span - tried) * 20 >= span * 19 {
                    self.hint = slot;
                }
                return slot - first;
            }
            if big && tried >= BIG_NODE_TRIES {
                break;
            }
            slot = self.free_from(slot + 1);
        }
        let mut slot = self.free_from(self.big_hint.max(first + 1));
        while !fits(self, slot) {
            slot = self.free_from(slot + 1);
        }
        self.big_hint = slot;
        slot - first
    }
}

/// How many free slots a node with four children or more tries near the
/// front of the array (see `find_base`).
const BIG_NODE_TRIES: usize = 2000;

/// Builds the trie over `keys` (code sequences, sorted), `values[i]` being
/// the value of `keys[i]` (never 0). Nodes are placed breadth first with
/// children in code order, and codes are ranked by frequency, so the nodes
/// common text visits first sit together at the front of the array.
fn build_trie(keys: &[Vec<u32>], values: &[u32]) -> Res<Vec<u64>> {
    let mut da = DoubleArray {
        label: Vec::new(),
        base: Vec::new(),
        value: Vec::new(),
        used: Vec::new(),
        base_used: Vec::new(),
        next_free: Vec::new(),
        hint: 0,
        big_hint: 0,
    };
    da.grow(1);
    da.occupy(0, 0);
    da.base_used[0] = true; // base 0 means "no children"
    let mut queue = std::collections::VecDeque::new();
    queue.push_back((0usize, 0usize, keys.len(), 0usize));
    let mut children: Vec<(u32, usize, usize)> = Vec::new();
    while let Some((slot, mut lo, hi, depth)) = queue.pop_front() {
        if lo < hi && keys[lo].len() == depth {
            da.value[slot] = values[lo];
            lo += 1;
        }
        children.clear();
        let mut i = lo;
        while i < hi {
            let c = keys[i][depth];
            let mut j = i + 1;
            while j < hi && keys[j][depth] == c {
                j += 1;
            }
            children.push((c, i, j));
            i = j;
        }
        if children.is_empty() {
            continue;
        }
        let codes: Vec<u32> = children.iter().map(|c| c.0).collect();
        let base = da.find_base(&codes);
        da.base_used[base] = true;
        da.base[slot] = base as u32;
        for &(c, clo, chi) in &children {
            da.occupy(base + c as usize, c);
            queue.push_back((base + c as usize, clo, chi, depth + 1));
        }
    }
    let len = da.used.iter().rposition(|&u| u).map_or(1, |i| i + 1);
    if len >= 1 << BASE_BITS {
        return Err(format!("trie too large: {len} slots").into());
    }
    Ok((0..len)
        .map(|i| pack_node(da.label[i], da.base[i], da.value[i]))
        .collect())
}

/// Writes the lexicon files into `out` (see `lexicon_format.rs`).
pub fn write(csv: &Path, penalty_def: &Path, dict: &Dictionary, out: &Path) -> Res<()> {
    let rows = read_rows(csv)?;
    let classes = classes(dict, &fs::read_to_string(penalty_def)?)?;
    let map = dict.metadata.context_id_map.as_ref();
    let lindera_left = |l: u16| map.map_or(l, |m| m.map_left(l));
    let lindera_right = |r: u16| map.map_or(r, |m| m.map_right(r));

    // Surfaces in lindera's order (its BTreeMap), each with its rows.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let mut j = i + 1;
        while j < rows.len() && rows[j].surface == rows[i].surface {
            j += 1;
        }
        groups.push((i, j));
        i = j;
    }

    // Check every surface against the dictionary lindera built: same word
    // ids, costs and context ids, in the same order.
    let prefix = &dict.prefix_dictionary;
    if prefix.vals_data.len() != rows.len() * 10 {
        return Err(format!(
            "lindera built {} entries, the CSV has {}",
            prefix.vals_data.len() / 10,
            rows.len()
        )
        .into());
    }
    let mut expected = Vec::new();
    for &(lo, hi) in &groups {
        let chars: Vec<char> = rows[lo].surface.chars().collect();
        let found = prefix
            .common_prefix_search(&chars)
            .filter(|&(_, n)| n == chars.len())
            .map(|(e, _)| e)
            .last()
            .ok_or_else(|| format!("surface {:?} missing from lindera's trie", rows[lo].surface))?;
        expected.clear();
        for (id, row) in rows.iter().enumerate().take(hi).skip(lo) {
            expected.extend_from_slice(&(id as u32).to_le_bytes());
            expected.extend_from_slice(&row.cost.to_le_bytes());
            expected.extend_from_slice(&lindera_left(row.left).to_le_bytes());
            expected.extend_from_slice(&lindera_right(row.right).to_le_bytes());
        }
        if found != expected.as_slice() {
            return Err(format!("entries of {:?} differ from lindera's", rows[lo].surface).into());
        }
    }

    // Character codes, most frequent first.
    let mut freq: HashMap<char, u64> = HashMap::new();
    for &(lo, _) in &groups {
        for c in rows[lo].surface.chars() {
            *freq.entry(c).or_default() += 1;
        }
    }
    let mut by_freq: Vec<(char, u64)> = freq.into_iter().collect();
    by_freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut codes = vec![0u16; 0x1_0000];
    for (rank, &(c, _)) in by_freq.iter().enumerate() {
        let code = u16::try_from(rank + 1).map_err(|_| "more than 65535 distinct characters")?;
        *codes
            .get_mut(c as usize)
            .ok_or_else(|| format!("surface character {c:?} is beyond the BMP"))? = code;
    }

    // Entries, grouped per surface; values point at a surface's first entry.
    let mut entries = Vec::with_capacity(rows.len() * ENTRY_LEN);
    let mut keyed: Vec<(Vec<u32>, u32)> = Vec::with_capacity(groups.len());
    for &(lo, hi) in &groups {
        let first = (entries.len() / ENTRY_LEN) as u32;
        for (id, row) in rows.iter().enumerate().take(hi).skip(lo) {
            let mut word = id as u32;
            // The analyser keeps a word's kind in the top two bits of a u32,
            // the lexicon an entry count above the word id.
            if word > WORD_ID_MASK || hi - lo >= 1 << (32 - COUNT_SHIFT) {
                return Err("word id too large or too many entries for a surface".into());
            }
            if id == lo {
                word |= ((hi - lo) as u32) << COUNT_SHIFT;
            }
            let l = classes.lclass_of_left[lindera_left(row.left) as usize];
            let r = classes.rclass_of_right[lindera_right(row.right) as usize];
            entries.extend_from_slice(&word.to_le_bytes());
            entries.extend_from_slice(&l.to_le_bytes());
            entries.extend_from_slice(&r.to_le_bytes());
            entries.extend_from_slice(&row.cost.to_le_bytes());
        }
        let key = rows[lo]
            .surface
            .chars()
            .map(|c| codes[c as usize] as u32)
            .collect();
        keyed.push((key, first + 1));
    }
    // The analyser packs (first entry, length in chars) of a match into a
    // u32: 27 and 5 bits.
    let max_chars = rows
        .iter()
        .map(|r| r.surface.chars().count())
        .max()
        .unwrap_or(0);
    if (entries.len() / ENTRY_LEN) as u64 >= 1 << VALUE_BITS.min(27) || max_chars >= 32 {
        return Err("too many entries or too long a surface for the lexicon".into());
    }
    keyed.sort();
    let (keys, values): (Vec<Vec<u32>>, Vec<u32>) = keyed.into_iter().unzip();
    let nodes = build_trie(&keys, &values)?;

    // Tags: (POS, semantic class) per word, checked against lindera's
    // feature strings, which `Analyzer::features` keeps reading.
    let mut tag_ids: HashMap<(&str, &str), u16> = HashMap::new();
    let mut tags: Vec<(&str, &str)> = Vec::new();
    let mut word_tags = Vec::with_capacity(rows.len() * 2);
    for (id, row) in rows.iter().enumerate() {
        let mut f = dict.word_details_iter(id);
        if f.next() != Some(row.pos.as_str()) || f.next() != Some(row.semantic.as_str()) {
            return Err(format!("features of word {id} differ from lindera's").into());
        }
        let key = (row.pos.as_str(), row.semantic.as_str());
        let next = u16::try_from(tags.len()).map_err(|_| "too many distinct tags")?;
        let t = *tag_ids.entry(key).or_insert_with(|| {
            tags.push(key);
            next
        });
        word_tags.extend_from_slice(&t.to_le_bytes());
    }

    let mut matrix = Vec::with_capacity(6 + classes.matrix.len() * 2);
    let n_lclass = classes.penalty.len();
    for v in [-1i16, classes.n_rclass as i16, n_lclass as i16] {
        matrix.extend_from_slice(&v.to_le_bytes());
    }
    for v in &classes.matrix {
        matrix.extend_from_slice(&v.to_le_bytes());
    }

    let mut tables = String::new();
    let _ = writeln!(
        tables,
        "/// The longest surface, in characters.\npub const MAX_SURFACE_CHARS: usize = {max_chars};"
    );
    let list = |v: &mut String, name: &str, ty: &str, items: Vec<String>| {
        let _ = writeln!(
            v,
            "pub static {name}: [{ty}; {}] = [{}];",
            items.len(),
            items.join(",")
        );
    };
    list(
        &mut tables,
        "LCLASS_OF_LEFT",
        "u16",
        classes.lclass_of_left.iter().map(u16::to_string).collect(),
    );
    list(
        &mut tables,
        "RCLASS_OF_RIGHT",
        "u16",
        classes.rclass_of_right.iter().map(u16::to_string).collect(),
    );
    list(
        &mut tables,
        "LCLASS_PENALTY",
        "i32",
        classes.penalty.iter().map(i32::to_string).collect(),
    );
    // Per right class, the cheapest and dearest connection to any left
    // class: bounds that let the analyser drop a candidate predecessor that
    // another one beats whatever the left class.
    let n_rclass = classes.n_rclass;
    let costs = &classes.matrix;
    let column = |r: usize| (0..n_lclass).map(move |l| costs[r + l * n_rclass]);
    list(
        &mut tables,
        "RCLASS_MIN",
        "i16",
        (0..n_rclass)
            .map(|r| column(r).min().unwrap_or(0).to_string())
            .collect(),
    );
    list(
        &mut tables,
        "RCLASS_MAX",
        "i16",
        (0..n_rclass)
            .map(|r| column(r).max().unwrap_or(0).to_string())
            .collect(),
    );
    list(
        &mut tables,
        "TAGS",
        "(&str, &str)",
        tags.iter()
            .map(|(p, s)| format!("({p:?}, {s:?})"))
            .collect(),
    );

    // The binary files are embedded here too: `include_bytes!` needs its
    // file name as a literal, and only generated code can spell it from the
    // format's constants.
    for (name, file) in [
        ("NODES", NODE_FILE),
        ("ENTRIES", ENTRY_FILE),
        ("CODES", CODE_FILE),
        ("TAG_IDS", TAG_FILE),
    ] {
        let _ = writeln!(
            tables,
            "pub static {name}: &[u8] = include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{file}\"));"
        );
    }
    let _ = writeln!(
        tables,
        "pub static MATRIX: &[u8] = lindera_dictionary::include_bytes_aligned!(concat!(env!(\"OUT_DIR\"), \"/{MATRIX_FILE}\"));"
    );

    let node_bytes: Vec<u8> = nodes.iter().flat_map(|n| n.to_le_bytes()).collect();
    let code_bytes: Vec<u8> = codes.iter().flat_map(|c| c.to_le_bytes()).collect();
    fs::write(out.join(NODE_FILE), node_bytes)?;
    fs::write(out.join(ENTRY_FILE), entries)?;
    fs::write(out.join(CODE_FILE), code_bytes)?;
    fs::write(out.join(MATRIX_FILE), matrix)?;
    fs::write(out.join(TAG_FILE), word_tags)?;
    fs::write(out.join(TABLES_FILE), tables)?;
    Ok(())
}
