//! Places: Korea's administrative divisions from the official 법정동 table,
//! countries, world regions and major cities, and the hierarchy between
//! them (금정구 → 부산광역시 → 한국; 모스크바 → 러시아).
//!
//! Takes the embedded data under `data/places/` (imported by
//! `newskg places import`, see [`import`]; plus the hand-written
//! `extra.tsv`) and the user's gazetteer rows of type LOCATION (with an
//! optional sixth column, the id of the place they lie in). Gives lookups
//! from a written name to the places it may name, ids shared by every name
//! of a place (`부산` = `부산시` = `부산광역시` = `kr-26`; `美` = `미국` =
//! `country-us`), ancestors, and the choice among homonyms (`중구` is in six
//! 시도) from what is written around a name.
//!
//! Ids: `kr-` + the legal code without its trailing zero groups (`kr-26`,
//! `kr-26410`, `kr-41500250`), `country-` + ISO 3166 alpha-2, `region-` +
//! the UN M49 code, `city-` + country + English name; the hand-written and
//! user rows keep the ids they are given.
//!
//! How sure a name is, as [`Strength`]: curated names (extra.tsv and the
//! user's rows) are names wherever they stand as a word; an official name
//! with its suffix (`금정구`, `신사동`) is one unless the analyser reads the
//! word as a common noun (`이동`, `서구`); a name without its suffix (`이천`
//! for 이천시) only where the analyser tags it a place name; and a 리 only
//! after a place that contains it. A place written just before (`부산 중구`)
//! or a place it contains written just after (`경기 이천시`) makes any of
//! these a place, and picks among homonyms.

pub mod import;

use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use super::gazetteer::{self, Gazetteer};
use super::romanize::is_hangul_syllable;
use super::{Entity, EntityType, Mention};
use crate::FastHash;
use crate::text::{Analyzer, UserDictionary};

/// Korea's divisions, imported from the 법정동 table (zstd).
pub const KOREA: &[u8] = include_bytes!("../../data/places/kr.tsv.zst");
/// Countries, regions and cities, imported from CLDR and GeoNames.
pub const WORLD: &str = include_str!("../../data/places/world.tsv");
/// Hand-written names, short forms and places no package gives.
pub const EXTRA: &str = include_str!("../../data/places/extra.tsv");

/// What kind of place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaceKind {
    /// A continent or part of the world (`유럽`, `동남아시아`).
    Region,
    /// A country or territory.
    Country,
    /// A first-level division abroad (a US state, a province).
    State,
    /// Korea: 특별시, 광역시, 특별자치시, 도, 특별자치도.
    Sido,
    /// A city abroad.
    City,
    /// Korea: 시, 군, 구.
    Sigungu,
    /// An area, district or island without an official code (`판교`).
    Area,
    /// Korea: 읍, 면, 동, 가.
    Emd,
    /// Korea: 리.
    Ri,
}

impl PlaceKind {
    /// The kind's name in the data files.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Region => "REGION",
            PlaceKind::Country => "COUNTRY",
            PlaceKind::State => "STATE",
            PlaceKind::Sido => "SIDO",
            PlaceKind::City => "CITY",
            PlaceKind::Sigungu => "SIGUNGU",
            PlaceKind::Area => "AREA",
            PlaceKind::Emd => "EMD",
            PlaceKind::Ri => "RI",
        }
    }

    fn from_name(s: &str) -> Option<Self> {
        Some(match s {
            "REGION" => PlaceKind::Region,
            "COUNTRY" => PlaceKind::Country,
            "STATE" => PlaceKind::State,
            "SIDO" => PlaceKind::Sido,
            "CITY" => PlaceKind::City,
            "SIGUNGU" => PlaceKind::Sigungu,
            "AREA" => PlaceKind::Area,
            "EMD" => PlaceKind::Emd,
            "RI" => PlaceKind::Ri,
            _ => return None,
        })
    }

    /// Prominence: when homonyms are otherwise equal, the lower rank is the
    /// one meant (`광주` is 광주광역시 before 경기 광주시).
    fn rank(self) -> u8 {
        match self {
            PlaceKind::Region => 0,
            PlaceKind::Country => 1,
            PlaceKind::Sido | PlaceKind::State => 2,
            PlaceKind::City => 3,
            PlaceKind::Sigungu => 4,
            PlaceKind::Area => 5,
            PlaceKind::Emd => 6,
            PlaceKind::Ri => 7,
        }
    }
}

/// Where a place comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The official 법정동 table.
    Official,
    /// Reference data (CLDR, GeoNames) or the hand-written file.
    Reference,
    /// The user's gazetteer.
    User,
}

impl Origin {
    /// The `source` attribute of the `located_in` edges a place's parent
    /// gives.
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Official => "official data",
            Origin::Reference => "reference data",
            Origin::User => "user data",
        }
    }
}

/// A place's index in its [`Places`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlaceId(u32);

/// One place.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// Canonical id (`kr-26410`, `country-ru`).
    pub id: String,
    /// Its kind.
    pub kind: PlaceKind,
    /// Korean name (official, with its suffix: `부산광역시`, `금정구`).
    pub ko: String,
    /// English name, when the data has one.
    pub en: String,
    /// Other names (`부산`, `부산시`, `Busan`).
    pub aliases: Vec<String>,
    /// The place it lies in.
    pub parent: Option<PlaceId>,
    /// Where it comes from (the parent link's source).
    pub origin: Origin,
}

/// How sure a written name is to be the place (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// Only with a containing place before it or a contained one after.
    Context,
    /// A name without its suffix: where the analyser tags it a place.
    Short,
    /// An official name with its suffix: unless it is a common noun.
    Full,
    /// A curated name: wherever it stands as a word.
    Strong,
}

/// One place a name may stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameRef {
    /// The place.
    pub place: PlaceId,
    /// How sure the name is.
    pub strength: Strength,
}

/// A bad line in a place file.
#[derive(Debug, thiserror::Error)]
#[error("{source_name}:{line}: {message}")]
pub struct PlacesError {
    /// File name.
    pub source_name: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Every place, indexed by id and by name.
#[derive(Debug, Clone, Default)]
pub struct Places {
    places: Vec<Place>,
    by_id: HashMap<String, PlaceId, FastHash>,
    by_name: HashMap<String, Vec<NameRef>, FastHash>,
    max_key_chars: usize,
}

static EMBEDDED: LazyLock<Arc<Places>> = LazyLock::new(|| {
    Arc::new(Places::load_embedded().expect("the embedded place data parses (tested)"))
});

fn kr_id(code: &str) -> String {
    let trimmed = if &code[8..] != "00" {
        code
    } else if &code[5..8] != "000" {
        &code[..8]
    } else if &code[2..5] != "000" {
        &code[..5]
    } else {
        &code[..2]
    };
    format!("kr-{trimmed}")
}

impl Places {
    /// The embedded data, loaded once per process.
    pub fn embedded() -> Arc<Places> {
        EMBEDDED.clone()
    }

    /// The embedded data plus the gazetteer's LOCATION rows (their names
    /// become curated names; a row with a known id adds to that place).
    pub fn with_gazetteer(gazetteer: &Gazetteer) -> Result<Arc<Places>, PlacesError> {
        let user: Vec<_> = gazetteer
            .entries()
            .iter()
            .filter(|e| e.kind == EntityType::Location)
            .collect();
        if user.is_empty() {
            return Ok(Self::embedded());
        }
        let mut places = (*Self::embedded()).clone();
        for e in &user {
            let parent = match e.parent.as_deref().filter(|p| !p.is_empty()) {
                Some(p) => Some(places.get(p).ok_or_else(|| PlacesError {
                    source_name: "gazetteer".into(),
                    line: 0,
                    message: format!("{}: unknown parent place {p:?}", e.id),
                })?),
                None => None,
            };
            let aliases: Vec<&str> = e.aliases.iter().map(String::as_str).collect();
            places.add(
                NewPlace {
                    id: &e.id,
                    kind: Some(PlaceKind::Area),
                    ko: &e.ko,
                    en: &e.en,
                    aliases: &aliases,
                },
                parent,
                Origin::User,
            );
        }
        Ok(Arc::new(places))
    }

    fn load_embedded() -> Result<Places, PlacesError> {
        let err = |message: String| PlacesError {
            source_name: "data/places/kr.tsv.zst".into(),
            line: 0,
            message,
        };
        let kr = zstd::decode_all(KOREA).map_err(|e| err(e.to_string()))?;
        let kr = String::from_utf8(kr).map_err(|e| err(e.to_string()))?;
        let mut p = Places::default();
        p.parse_korea(&kr)?;
        p.parse_rows(
            WORLD,
            "data/places/world.tsv",
            Origin::Reference,
            Strength::Full,
        )?;
        p.parse_rows(
            EXTRA,
            "data/places/extra.tsv",
            Origin::Reference,
            Strength::Strong,
        )?;
        Ok(p)
    }

    /// Adds `kr.tsv` (`code<TAB>name` lines, parents before children).
    fn parse_korea(&mut self, text: &str) -> Result<(), PlacesError> {
        let korea = self.add(
            NewPlace {
                id: "country-kr",
                kind: Some(PlaceKind::Country),
                ko: "",
                en: "",
                aliases: &[],
            },
            None,
            Origin::Official,
        );
        for (n, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let err = |message: String| PlacesError {
                source_name: "data/places/kr.tsv.zst".into(),
                line: n + 1,
                message,
            };
            let (code, name) = line
                .split_once('\t')
                .ok_or_else(|| err("expected code<TAB>name".into()))?;
            if code.len() != 10 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err(format!("bad code {code:?}")));
            }
            let find = |c: String| self.get(&kr_id(&c));
            let (kind, parent) = if &code[8..] != "00" {
                (PlaceKind::Ri, find(format!("{}00", &code[..8])))
            } else if &code[5..8] != "000" {
                let sgg = find(format!("{}00000", &code[..5]));
                (
                    PlaceKind::Emd,
                    sgg.or_else(|| find(format!("{}00000000", &code[..2]))),
                )
            } else if &code[2..5] != "000" {
                // `수원시 장안구`: a 구 of a 시 (41111 under 41110).
                let city = (&code[4..5] != "0")
                    .then(|| find(format!("{}000000", &code[..4])))
                    .flatten();
                (
                    PlaceKind::Sigungu,
                    city.or_else(|| find(format!("{}00000000", &code[..2]))),
                )
            } else {
                (PlaceKind::Sido, Some(korea))
            };
            let Some(parent) = parent else {
                return Err(err(format!("{code} {name}: no parent row")));
            };
            let id = self.add(
                NewPlace {
                    id: &kr_id(code),
                    kind: Some(kind),
                    ko: name,
                    en: "",
                    aliases: &[],
                },
                Some(parent),
                Origin::Official,
            );
            self.index_korean(id);
        }
        Ok(())
    }

    /// The names of an official Korean division: its name, and the short
    /// forms news writes (`부산`, `부산시` for 부산광역시; `충북` for
    /// 충청북도; `이천` for 이천시).
    fn index_korean(&mut self, id: PlaceId) {
        let place = &self.places[id.0 as usize];
        let name = place.ko.clone();
        let kind = place.kind;
        let (full, short): (Vec<String>, Vec<String>) = match kind {
            PlaceKind::Sido => {
                let mut full = vec![name.clone()];
                let mut short = Vec::new();
                if let Some((stem, suffix)) = ["특별자치시", "특별자치도", "특별시", "광역시"]
                    .iter()
                    .find_map(|s| name.strip_suffix(s).map(|stem| (stem, *s)))
                {
                    short.push(stem.to_string());
                    full.push(format!("{stem}{}", &suffix[suffix.len() - 3..]));
                } else if let Some(stem) = name.strip_suffix('도') {
                    let chars: Vec<char> = stem.chars().collect();
                    if chars.len() == 3 && matches!(chars[2], '북' | '남') {
                        // 충청북도 → 충북
                        short.push([chars[0], chars[2]].iter().collect());
                    } else {
                        short.push(stem.to_string());
                    }
                }
                (full, short)
            }
            PlaceKind::Sigungu => {
                let stem = name.strip_suffix(['시', '군', '구']).unwrap_or(&name);
                let short = (stem.chars().count() >= 2 && stem != name)
                    .then(|| stem.to_string())
                    .into_iter()
                    .collect();
                (vec![name.clone()], short)
            }
            PlaceKind::Ri => {
                self.index(&name, id, Strength::Context);
                return;
            }
            _ => (vec![name.clone()], Vec::new()),
        };
        for f in &full {
            self.index(f, id, Strength::Full);
        }
        for s in &short {
            self.index(s, id, Strength::Short);
        }
        let aliases: Vec<String> = full
            .into_iter()
            .chain(short)
            .filter(|a| *a != name)
            .collect();
        self.places[id.0 as usize].aliases.extend(aliases);
    }

    /// Adds rows `id<TAB>kind<TAB>ko<TAB>en<TAB>aliases<TAB>parent`. A row
    /// with a known id adds its names (and replaces a given English name,
    /// kind or parent); empty columns leave the place as it is.
    fn parse_rows(
        &mut self,
        text: &str,
        source_name: &str,
        origin: Origin,
        strength: Strength,
    ) -> Result<(), PlacesError> {
        for (n, line) in text.lines().enumerate() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| PlacesError {
                source_name: source_name.into(),
                line: n + 1,
                message,
            };
            let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
            if cols.len() != 6 {
                return Err(err(format!(
                    "expected 6 columns (id, kind, ko, en, aliases, parent), got {}",
                    cols.len()
                )));
            }
            let kind = match cols[1] {
                "" => None,
                k => Some(
                    PlaceKind::from_name(k).ok_or_else(|| err(format!("unknown kind {k:?}")))?,
                ),
            };
            let parent = match cols[5] {
                "" => None,
                p => Some(
                    self.get(p)
                        .ok_or_else(|| err(format!("unknown parent {p:?}")))?,
                ),
            };
            if cols[0].is_empty()
                || (self.get(cols[0]).is_none() && (cols[2].is_empty() || kind.is_none()))
            {
                return Err(err(
                    "a new place needs an id, a kind and a Korean name".into()
                ));
            }
            let aliases: Vec<&str> = cols[4]
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .collect();
            let id = self.add(
                NewPlace {
                    id: cols[0],
                    kind,
                    ko: cols[2],
                    en: cols[3],
                    aliases: &aliases,
                },
                parent,
                origin,
            );
            for name in std::iter::once(cols[2])
                .chain(aliases.iter().copied())
                .filter(|s| !s.is_empty())
            {
                self.index(name, id, strength);
            }
            if !cols[3].is_empty() && cols[3].chars().any(|c| c.is_ascii_alphabetic()) {
                self.index(cols[3], id, strength);
            }
        }
        Ok(())
    }

    /// Adds a place or, for a known id, adds to it.
    fn add(&mut self, new: NewPlace<'_>, parent: Option<PlaceId>, origin: Origin) -> PlaceId {
        let NewPlace {
            id,
            kind,
            ko,
            en,
            aliases,
        } = new;
        let pid = match self.by_id.get(id) {
            Some(&p) => p,
            None => {
                let p = PlaceId(self.places.len() as u32);
                self.places.push(Place {
                    id: id.to_string(),
                    kind: kind.unwrap_or(PlaceKind::Area),
                    ko: String::new(),
                    en: String::new(),
                    aliases: Vec::new(),
                    parent: None,
                    origin,
                });
                self.by_id.insert(id.to_string(), p);
                p
            }
        };
        // A parent that would make a cycle is refused.
        let parent = parent.filter(|&q| q != pid && !self.ancestors(q).any(|a| a == pid));
        let place = &mut self.places[pid.0 as usize];
        if let Some(k) = kind {
            place.kind = k;
        }
        if !ko.is_empty() && ko != place.ko {
            if !place.ko.is_empty() {
                let old = std::mem::take(&mut place.ko);
                place.aliases.push(old);
            }
            place.ko = ko.to_string();
        }
        if !en.is_empty() {
            place.en = en.to_string();
        }
        for a in aliases {
            if *a != place.ko && !place.aliases.iter().any(|x| x == a) {
                place.aliases.push(a.to_string());
            }
        }
        if parent.is_some() {
            place.parent = parent;
            place.origin = origin;
        }
        pid
    }

    fn index(&mut self, name: &str, place: PlaceId, strength: Strength) {
        let k = gazetteer::key(name);
        if k.is_empty() {
            return;
        }
        self.max_key_chars = self.max_key_chars.max(k.chars().count());
        let refs = self.by_name.entry(k).or_default();
        match refs.iter_mut().find(|r| r.place == place) {
            Some(r) => r.strength = r.strength.max(strength),
            None => refs.push(NameRef { place, strength }),
        }
    }

    /// Adds to `user` the names of places abroad (and curated areas) of four
    /// or more syllables, or with a space, that the analyser would split
    /// (`우크라이나` → 우크라+이+나): as single place nouns they keep their
    /// particles off (`우크라이나가`). Shorter names would also match inside
    /// longer words, and Korea's divisions are left to the analyser.
    pub fn add_to_user_dictionary(&self, analyzer: &Analyzer, user: &mut UserDictionary) {
        for p in &self.places {
            if matches!(
                p.kind,
                PlaceKind::Sido | PlaceKind::Sigungu | PlaceKind::Emd | PlaceKind::Ri
            ) {
                continue;
            }
            for name in std::iter::once(&p.ko).chain(&p.aliases) {
                let syllables = name.chars().filter(|&c| is_hangul_syllable(c)).count();
                if syllables == 0
                    || (syllables < 4 && !name.contains(' '))
                    || analyzer.analyze(name).len() <= 1
                {
                    continue;
                }
                // Errors only mean an unsupported POS, which this is not.
                let _ = user.add(name, "NNP", "지명");
            }
        }
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// Every place.
    pub fn places(&self) -> impl Iterator<Item = (PlaceId, &Place)> {
        self.places
            .iter()
            .enumerate()
            .map(|(i, p)| (PlaceId(i as u32), p))
    }

    /// The place with canonical id `id`.
    pub fn get(&self, id: &str) -> Option<PlaceId> {
        self.by_id.get(id).copied()
    }

    /// A place.
    pub fn place(&self, id: PlaceId) -> &Place {
        &self.places[id.0 as usize]
    }

    /// The places a written name may stand for (any spacing or case).
    pub fn lookup(&self, name: &str) -> &[NameRef] {
        self.lookup_key(&gazetteer::key(name))
    }

    /// [`Places::lookup`] for a normalised key ([`gazetteer::key`]).
    pub fn lookup_key(&self, key: &str) -> &[NameRef] {
        self.by_name.get(key).map_or(&[], Vec::as_slice)
    }

    /// The longest name key, in characters.
    pub fn max_key_chars(&self) -> usize {
        self.max_key_chars
    }

    /// The places `id` lies in, nearest first.
    pub fn ancestors(&self, id: PlaceId) -> impl Iterator<Item = PlaceId> + '_ {
        std::iter::successors(self.place(id).parent, |&p| self.place(p).parent)
    }

    /// Whether `ancestor` contains `id` (not itself).
    pub fn contains(&self, ancestor: PlaceId, id: PlaceId) -> bool {
        self.ancestors(id).any(|a| a == ancestor)
    }

    /// Among candidates, the one meant when nothing else tells: the single
    /// one of the most prominent kind, if there is a single one.
    pub fn most_prominent(&self, candidates: impl IntoIterator<Item = PlaceId>) -> Option<PlaceId> {
        let mut best: Option<(u8, PlaceId)> = None;
        let mut tie = false;
        for c in candidates {
            let r = self.place(c).kind.rank();
            match best {
                Some((b, p)) if r == b && p != c => tie = true,
                Some((b, _)) if r >= b => {}
                _ => {
                    best = Some((r, c));
                    tie = false;
                }
            }
        }
        if tie { None } else { best.map(|(_, p)| p) }
    }

    /// The place `name` stands for, given places known from its context
    /// (the province written before it, the article's other places): a
    /// candidate inside (or containing) a context place if exactly one is,
    /// else the most prominent candidate if one is; `None` when the name
    /// is unknown or stays ambiguous.
    pub fn resolve(&self, name: &str, context: &[PlaceId]) -> Option<PlaceId> {
        let cands: Vec<PlaceId> = self
            .lookup(name)
            .iter()
            .filter(|r| r.strength > Strength::Context || !context.is_empty())
            .map(|r| r.place)
            .collect();
        let near: Vec<PlaceId> = cands
            .iter()
            .copied()
            .filter(|&c| {
                context
                    .iter()
                    .any(|&x| x != c && (self.contains(x, c) || self.contains(c, x)))
            })
            .collect();
        match near.len() {
            1 => Some(near[0]),
            0 if cands.len() == 1 => Some(cands[0]),
            0 => self.most_prominent(cands),
            _ => self.most_prominent(near),
        }
    }

    /// Ambiguous place mentions of one article (rule `place-ambiguous`,
    /// `고성군` with no province before it) take the candidate that lies in
    /// the same 시도 (or 시군구, or country abroad) as one of the article's
    /// resolved places (`경남 통영시`), when exactly one does.
    pub fn resolve_article(&self, mentions: &mut [Mention]) {
        if !mentions.iter().any(|m| m.rule == AMBIGUOUS_RULE) {
            return;
        }
        // The article's places and what contains them, short of a country
        // (every Korean homonym is in Korea).
        let mut known: Vec<PlaceId> = Vec::new();
        for m in mentions.iter().filter(|m| m.kind == EntityType::Location) {
            if let Some(p) = self.get(&m.id) {
                known.extend(
                    std::iter::once(p)
                        .chain(self.ancestors(p))
                        .filter(|&a| self.place(a).kind.rank() > PlaceKind::Country.rank()),
                );
            }
        }
        for m in mentions.iter_mut().filter(|m| m.rule == AMBIGUOUS_RULE) {
            let inside: Vec<PlaceId> = self
                .lookup(&m.text)
                .iter()
                .map(|r| r.place)
                .filter(|&c| self.ancestors(c).any(|a| known.contains(&a)))
                .collect();
            if let [one] = inside[..] {
                m.id = self.place(one).id.clone();
                m.rule = PLACE_RULE;
            }
        }
    }

    /// Gives the entities that are places their official Korean name as
    /// label, their English name, and every name they go by as aliases.
    pub fn label_entities(&self, entities: &mut [Entity]) {
        for e in entities
            .iter_mut()
            .filter(|e| e.kind == EntityType::Location)
        {
            let Some(pid) = self.get(&e.id) else { continue };
            let p = self.place(pid);
            if p.ko.is_empty() {
                continue;
            }
            let mut names: Vec<String> = std::mem::take(&mut e.aliases);
            names.push(std::mem::take(&mut e.label_ko));
            names.extend(p.aliases.iter().cloned());
            if !p.en.is_empty() {
                e.label_en.clone_from(&p.en);
                names.push(p.en.clone());
            }
            e.label_ko.clone_from(&p.ko);
            let mut seen = vec![gazetteer::key(&e.label_ko)];
            e.aliases = names
                .into_iter()
                .filter(|n| {
                    let k = gazetteer::key(n);
                    !k.is_empty() && !seen.contains(&k) && {
                        seen.push(k);
                        true
                    }
                })
                .collect();
        }
    }
}

/// What a data row says about a place (empty strings: nothing).
struct NewPlace<'a> {
    id: &'a str,
    kind: Option<PlaceKind>,
    ko: &'a str,
    en: &'a str,
    aliases: &'a [&'a str],
}

/// The recognizer's rule name for a place found in the data.
pub const PLACE_RULE: &str = "place";
/// The rule name of a place name with several homonyms and nothing yet to
/// choose between them.
pub const AMBIGUOUS_RULE: &str = "place-ambiguous";

/// Whether `s` is one Hangul syllable (`미`, `중`): such names stand for a
/// country only in coordination (`미·중`).
pub fn one_syllable(s: &str) -> bool {
    let mut c = s.chars();
    c.next().is_some_and(is_hangul_syllable) && c.next().is_none()
}

#[cfg(test)]
mod tests;
