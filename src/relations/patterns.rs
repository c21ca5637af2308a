//! Relation patterns as data: the vocabulary the relation mechanisms of
//! [`super::engine`] read, from `data/relations/*.toml` (embedded at build
//! time) and the user's own files (`--relations FILE`, tried first).
//!
//! A file holds any of these tables (see README.md, "Your own relation patterns", for
//! the full reference):
//!
//! * `[[predicate]]`: a predicate (`인수하다`, the noun of a light verb
//!   `계약`, an object noun with its verb `소송+내다`), the case roles and
//!   entity types of its two arguments, and the kind and direction of the
//!   relation it states (`A가 B를 인수했다` → `A acquires B`).
//! * `[[noun]]`: a relational noun written between, before or after two
//!   entities of one noun phrase (`A의 자회사 B`, `B A 소속사`, `B는 A의
//!   자회사다`).
//! * `[[title]]`: what the titles of `data/titles.tsv` state, per class and
//!   organisation type (`김영섭 KT 대표` → `ceo_of`).
//! * `[[adjacent]]`: two entities written next to each other in one phrase
//!   (`MS 애저` → `product_of`, `미국 마이크론` → `headquartered_in`).
//! * `[[appointment]]`: verbs that give a person a title (`…를 대표로
//!   선임했다`).
//! * `[support]`: verbs whose object noun is the predicate (`계약을 맺다`).
//!
//! Every kind must be one of [`RelationKind`], every role a [`Case`] name
//! (or `subj` for subject, topic and additive), every type an entity type
//! name; anything else is refused with the file and the entry.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use serde::Deserialize;

use super::kind::{ArgKind, RelationKind};
use crate::FastHash;
use crate::text::Case;
use crate::text::titles::TitleClass;

/// The embedded pattern files, in order.
pub const EMBEDDED: &[(&str, &str)] = &[
    (
        "data/relations/people.toml",
        include_str!("../../data/relations/people.toml"),
    ),
    (
        "data/relations/business.toml",
        include_str!("../../data/relations/business.toml"),
    ),
    (
        "data/relations/general.toml",
        include_str!("../../data/relations/general.toml"),
    ),
];

/// A pattern file that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum PatternError {
    /// The file could not be read.
    #[error("cannot read the relation patterns {path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// Not TOML, or not the expected tables.
    #[error("relation patterns {path}: {message}")]
    Syntax {
        /// The file.
        path: String,
        /// What the TOML reader said.
        message: String,
    },
    /// An entry names something unknown.
    #[error("relation patterns {path}, {entry}: {message}")]
    Entry {
        /// The file.
        path: String,
        /// Which entry (`predicate 3 (인수하다)`).
        entry: String,
        /// What is wrong.
        message: String,
    },
}

// ---------------------------------------------------------------------
// The file format.

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    support: Option<SupportFile>,
    #[serde(default)]
    predicate: Vec<PredicateFile>,
    #[serde(default)]
    noun: Vec<NounFile>,
    #[serde(default)]
    title: Vec<TitleFile>,
    #[serde(default)]
    adjacent: Vec<AdjacentFile>,
    #[serde(default)]
    appointment: Vec<AppointmentFile>,
    #[serde(default)]
    anaphora: Option<AnaphoraFile>,
    #[serde(default)]
    open: Option<OpenFile>,
    #[serde(default)]
    pair: Vec<PairFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PairFile {
    words: Vec<String>,
    kind: String,
    types: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OpenFile {
    /// Verbs that never state an open relation: postpositional verbs (`X에
    /// 대한`, `X를 통해`), the copula.
    #[serde(default)]
    skip: Vec<String>,
    /// Light, existential and saying verbs: an open relation only through
    /// an object noun (`입장을 밝히다`).
    #[serde(default)]
    light: Vec<String>,
    /// Nouns that stand for the entity right before them (`X시 정부`).
    #[serde(default)]
    stand_for: Vec<String>,
    /// What another party does that the subject acts on (`B 초청으로`).
    #[serde(default)]
    by: Vec<String>,
    /// Verbs whose place in 에 is where the act happens or its object is
    /// put (`X선에 열차를 운행하다`), not a party.
    #[serde(default)]
    place: Vec<String>,
    /// Verbs of going abroad or across a border: the place they go to in
    /// 로 is a party (`헝가리로 출국하다`), unlike a place one moves to.
    #[serde(default)]
    to: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnaphoraFile {
    /// Words for the last two organisations named (`양사`).
    #[serde(default)]
    pair: Vec<String>,
    /// Words for the last one (`이 회사`).
    #[serde(default)]
    one: Vec<String>,
    /// Reflexive words for the subject (`자사`).
    #[serde(default)]
    reflexive: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SupportFile {
    verbs: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArgFile {
    roles: Vec<String>,
    types: Vec<String>,
    /// `referent` (default): the entity is what its phrase names; `owner`:
    /// it qualifies the phrase's head (`MS의 클라우드를`); `name`: the
    /// referent, or a name written right before the head noun (`'P' 용기`);
    /// `any`.
    #[serde(default)]
    at: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PredicateFile {
    words: Vec<String>,
    a: ArgFile,
    b: ArgFile,
    kind: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    joint: bool,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    hypothetical: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct NounFile {
    words: Vec<String>,
    kind: String,
    owner: Vec<String>,
    holder: Vec<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    suffix: bool,
    #[serde(default)]
    role: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TitleFile {
    class: String,
    owner: Vec<String>,
    kind: String,
    #[serde(default)]
    former: Option<String>,
    #[serde(default)]
    owner_ends: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AdjacentFile {
    first: Vec<String>,
    second: Vec<String>,
    kind: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    between: Vec<String>,
    #[serde(default)]
    second_ends: Vec<String>,
    #[serde(default)]
    first_ends: Vec<String>,
    #[serde(default)]
    second_head: bool,
    #[serde(default)]
    second_not_ends: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AppointmentFile {
    /// Verbs whose object is the person (`선임하다`).
    #[serde(default)]
    object: Vec<String>,
    /// Verbs whose subject is the person (`취임하다`, `선임되다`).
    #[serde(default)]
    subject: Vec<String>,
    /// Verbs whose subject held the title written as their object
    /// (`KT 대표를 역임했다`): a past post.
    #[serde(default)]
    held: Vec<String>,
}

// ---------------------------------------------------------------------
// Compiled patterns.

/// Entity types an argument may have (bits of [`ArgKind`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Types(u16);

impl Types {
    fn bit(k: ArgKind) -> u16 {
        1 << (k as u16)
    }
    /// Whether `k` is among them.
    pub fn has(self, k: ArgKind) -> bool {
        self.0 & Self::bit(k) != 0
    }
}

/// Case roles an argument may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Roles(u32);

impl Roles {
    /// The bit of `against`: a dative written `X를 상대로`/`X를 대상으로`
    /// only, not one written 에 (`dative` takes both).
    const AGAINST: u32 = 1 << 31;

    /// Whether `c` is among them.
    pub fn has(self, c: Case) -> bool {
        self.0 & (1 << (c as u32)) != 0
    }

    /// Whether a dative written `X를 상대로` is among them.
    pub fn against(self) -> bool {
        self.0 & Self::AGAINST != 0
    }
}

/// Where an argument sits in its phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// It is what the phrase names (`KT는`, `김영섭 KT 대표가`).
    Referent,
    /// It qualifies the phrase's head (`MS의 클라우드를`, `고려아연 지분`).
    Owner,
    /// Either.
    Any,
    /// The referent, or a name right before the head noun with no particle
    /// (`'스타십' 우주선`, `'P' 용기`): what the phrase is about.
    Name,
}

/// One argument of a predicate pattern.
#[derive(Debug, Clone, Copy)]
pub struct ArgPattern {
    /// Allowed case roles.
    pub roles: Roles,
    /// Allowed entity types.
    pub types: Types,
    /// Where in its phrase.
    pub at: At,
}

/// Which argument a relation starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `a` (predicates), the holder (nouns), the first (adjacency).
    First,
    /// `b`, the owner, the second.
    Second,
}

/// What a role attribute is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoleAttr {
    /// None.
    None,
    /// The predicate's noun as written (`수사`).
    Noun,
    /// This text.
    Text(String),
}

/// A predicate pattern.
#[derive(Debug, Clone)]
pub struct PredicatePattern {
    /// Its first argument.
    pub a: ArgPattern,
    /// Its second argument.
    pub b: ArgPattern,
    /// The kind.
    pub kind: RelationKind,
    /// Which argument is the source.
    pub source: Source,
    /// Also when `a` and `b` are coordinated in `a`'s role (`A와 B가 …`).
    pub joint: bool,
    /// The role attribute.
    pub role: RoleAttr,
    /// The relation is only planned or possible.
    pub hypothetical: bool,
    /// Where it was defined (`file, predicate 3`).
    pub origin: Arc<str>,
}

/// A relational noun.
#[derive(Debug, Clone)]
pub struct NounPattern {
    /// The kind.
    pub kind: RelationKind,
    /// Types of the entity the noun belongs to (`A` in `A의 자회사 B`).
    pub owner: Types,
    /// Types of the entity the noun names (`B`).
    pub holder: Types,
    /// Holder (`First`) or owner (`Second`) is the source.
    pub source: Source,
    /// Compounds ending in the word count.
    pub suffix: bool,
    /// The noun is the role attribute.
    pub role: bool,
}

/// What a title class states for an owner type.
#[derive(Debug, Clone)]
pub struct TitlePattern {
    /// The title class.
    pub class: TitleClass,
    /// Owner types.
    pub owner: Types,
    /// The kind of a current position.
    pub kind: RelationKind,
    /// The kind of a past one (`None`: the same).
    pub former: Option<RelationKind>,
    /// Only for owners whose name ends with one of these (when any):
    /// `대표` of a party (`…당`) leads it.
    pub owner_ends: Vec<String>,
}

impl TitlePattern {
    /// The kind it states for a current position, or a past one.
    pub fn kind_for(&self, former: bool) -> RelationKind {
        if former {
            self.former.unwrap_or(self.kind)
        } else {
            self.kind
        }
    }
}

/// A noun two coordinated entities own together: `A와 B의 결혼식` (spouses),
/// `A와 B의 정상회담` (a meeting), `A·B 부부`.
#[derive(Debug, Clone)]
pub struct PairPattern {
    /// The kind (between the two).
    pub kind: RelationKind,
    /// Their types.
    pub types: Types,
}

/// Two entities next to each other.
#[derive(Debug, Clone)]
pub struct AdjacentPattern {
    /// Types of the first.
    pub first: Types,
    /// Types of the second.
    pub second: Types,
    /// The kind.
    pub kind: RelationKind,
    /// Which is the source.
    pub source: Source,
    /// Words allowed between them (`북부`).
    pub between: Vec<String>,
    /// The second's name must end with one of these (when any).
    pub second_ends: Vec<String>,
    /// The first's name must end with one of these (when any).
    pub first_ends: Vec<String>,
    /// The second must be what its phrase names (`MS 애저를`, not `SBS
    /// 유튜브 채널`).
    pub second_head: bool,
    /// The second's name must not end with any of these.
    pub second_not_ends: Vec<String>,
}

/// All patterns, compiled for lookup.
#[derive(Debug, Clone, Default)]
pub struct Patterns {
    /// Predicate patterns, by key (see [`key_forms`]).
    predicates: HashMap<String, Vec<usize>, FastHash>,
    /// All predicate patterns, in order (user files first).
    pub predicate_list: Vec<PredicatePattern>,
    /// Relational nouns, by word.
    nouns: HashMap<String, Vec<NounPattern>, FastHash>,
    /// Nouns that also end compounds.
    noun_suffixes: Vec<String>,
    /// Title classes.
    pub titles: Vec<TitlePattern>,
    /// Adjacency patterns.
    pub adjacent: Vec<AdjacentPattern>,
    /// Support verb stems.
    support: Vec<String>,
    /// Appointment verb stems (person as object).
    appoint_object: Vec<String>,
    /// Appointment verb stems (person as subject).
    appoint_subject: Vec<String>,
    /// Verb stems whose subject held the title in their object.
    appoint_held: Vec<String>,
    /// Words that stand for organisations named before.
    anaphora: Anaphora,
    /// Verb stems that never state an open relation.
    open_skip: Vec<String>,
    /// Verb stems that state one only through an object noun.
    open_light: Vec<String>,
    /// Nouns that stand for the entity right before them.
    stand_for: Vec<String>,
    /// Nouns of what another party does (`초청`), by whose owner one acts.
    open_by: Vec<String>,
    /// Verb stems whose place in 에 is where, not a party.
    open_place: Vec<String>,
    /// Verb stems whose destination in 로 is a party, a place too.
    open_to: Vec<String>,
    /// Nouns two coordinated entities own together, by word.
    pairs: HashMap<String, Vec<PairPattern>, FastHash>,
}

/// What a word standing for organisations named before refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refers {
    /// The last two organisations named (`양사`).
    Pair,
    /// The last one (`이 회사`).
    One,
    /// The subject it belongs to (`A는 B의 X를 자사 Y에`: A), which is often
    /// not the last organisation named.
    Reflexive,
}

/// Words that stand for organisations named before: `양사` (the last two),
/// `이 회사` (the last one), `자사` (the subject).
#[derive(Debug, Clone, Default)]
pub struct Anaphora {
    /// (word as characters, what it refers to).
    words: Vec<(Vec<char>, Refers)>,
}

impl Anaphora {
    /// Where they occur in `chars` as words of their own (start of a word,
    /// followed by a particle, a space or punctuation): (offset, length,
    /// what it refers to).
    pub fn find(&self, chars: &[char]) -> Vec<(usize, usize, Refers)> {
        let mut out = Vec::new();
        let word_char = |c: char| c.is_alphanumeric();
        for i in 0..chars.len() {
            for (w, pair) in &self.words {
                let end = i + w.len();
                if w.first() != Some(&chars[i]) || end > chars.len() || chars[i..end] != w[..] {
                    continue;
                }
                // Only at a word's start. Tested after the match, which
                // rarely holds: `is_alphanumeric` is slow outside ASCII.
                if i > 0 && word_char(chars[i - 1]) {
                    break;
                }
                // A particle may follow (`양사는`, `이 회사가`), not more of
                // a noun (`양사간`, `이 회사원`).
                let next = chars.get(end).copied();
                let ok = match next {
                    None => true,
                    Some(c) if !word_char(c) => true,
                    Some(c) => "은는이가을를의와과도에로측".contains(c),
                };
                if ok {
                    out.push((i, w.len(), *pair));
                    break;
                }
            }
        }
        out
    }
}

/// The stem of a dictionary form: `인수하다` → `인수하`, `맺다` → `맺`.
fn stem(word: &str) -> String {
    word.strip_suffix('다').unwrap_or(word).to_string()
}

/// The lookup keys of a pattern word: `인수하다` → `인수하` and `인수`
/// (the verb and its noun are one predicate); `소송+내다` → `소송+내`;
/// `계약` → `계약`.
pub fn key_forms(word: &str) -> Vec<String> {
    let w = word.trim();
    if let Some((noun, verb)) = w.split_once('+') {
        return vec![format!("{}+{}", noun.trim(), stem(verb.trim()))];
    }
    let s = stem(w);
    let mut v = vec![s.clone()];
    if w.ends_with('다')
        && let Some(n) = s.strip_suffix('하')
        && n.chars().count() >= 1
    {
        v.push(n.to_string());
    }
    v
}

fn parse_types(list: &[String]) -> Result<Types, String> {
    let mut t = 0u16;
    for name in list {
        let k = match name.trim().to_ascii_uppercase().as_str() {
            "PERSON" => ArgKind::Person,
            "ORG" => ArgKind::Org,
            "PRODUCT" => ArgKind::Product,
            "LOCATION" => ArgKind::Location,
            "EVENT" => ArgKind::Event,
            "WORK" => ArgKind::Work,
            "DATE" => ArgKind::Date,
            "MONEY" => ArgKind::Money,
            "OTHER" => ArgKind::Other,
            _ => return Err(format!("unknown entity type '{name}'")),
        };
        t |= Types::bit(k);
    }
    if t == 0 {
        return Err("no entity type".into());
    }
    Ok(Types(t))
}

fn parse_roles(list: &[String]) -> Result<Roles, String> {
    let mut r = 0u32;
    for name in list {
        let n = name.trim();
        if n == "subj" {
            for c in [Case::Subject, Case::Topic, Case::Additive] {
                r |= 1 << (c as u32);
            }
            continue;
        }
        if n == "against" {
            r |= Roles::AGAINST;
            continue;
        }
        let c = Case::from_name(n).ok_or_else(|| format!("unknown role '{n}'"))?;
        r |= 1 << (c as u32);
    }
    if r == 0 {
        return Err("no role".into());
    }
    Ok(Roles(r))
}

fn parse_kind(name: &str) -> Result<RelationKind, String> {
    let k: RelationKind = name
        .parse()
        .map_err(|_| format!("unknown relation kind '{name}'"))?;
    if matches!(k, RelationKind::CoOccursWith | RelationKind::Related) {
        return Err(format!(
            "'{name}' is not a kind a pattern can state (open relations come from predicates no pattern covers)"
        ));
    }
    Ok(k)
}

fn parse_source(s: Option<&str>, first: &str, second: &str) -> Result<Source, String> {
    match s {
        None => Ok(Source::First),
        Some(x) if x == first => Ok(Source::First),
        Some(x) if x == second => Ok(Source::Second),
        Some(x) => Err(format!("source is '{x}', expected '{first}' or '{second}'")),
    }
}

fn parse_arg(a: &ArgFile) -> Result<ArgPattern, String> {
    Ok(ArgPattern {
        roles: parse_roles(&a.roles)?,
        types: parse_types(&a.types)?,
        at: match a.at.as_deref() {
            None | Some("referent") => At::Referent,
            Some("owner") => At::Owner,
            Some("any") => At::Any,
            Some("name") => At::Name,
            Some(x) => {
                return Err(format!(
                    "at is '{x}', expected referent, owner, name or any"
                ));
            }
        },
    })
}

fn title_class(name: &str) -> Result<TitleClass, String> {
    Ok(match name {
        "ceo" => TitleClass::Ceo,
        "head" => TitleClass::Head,
        "staff" => TitleClass::Staff,
        "member" => TitleClass::Member,
        "founder" => TitleClass::Founder,
        _ => return Err(format!("unknown title class '{name}'")),
    })
}

impl Patterns {
    /// The embedded patterns.
    pub fn embedded() -> Arc<Patterns> {
        static P: LazyLock<Arc<Patterns>> = LazyLock::new(|| {
            let mut p = Patterns::default();
            for (path, text) in EMBEDDED {
                // Checked by the tests: a broken embedded file is a build
                // defect, not bad input.
                p.add(path, text)
                    .unwrap_or_else(|e| panic!("embedded relation patterns: {e}"));
            }
            Arc::new(p)
        });
        P.clone()
    }

    /// The embedded patterns with the user's files added, which are tried
    /// before the embedded ones.
    pub fn with_files(files: &[impl AsRef<Path>]) -> Result<Arc<Patterns>, PatternError> {
        if files.is_empty() {
            return Ok(Patterns::embedded());
        }
        let mut p = Patterns::default();
        for f in files {
            let path = f.as_ref().display().to_string();
            let text = std::fs::read_to_string(f.as_ref()).map_err(|source| PatternError::Io {
                path: path.clone(),
                source,
            })?;
            p.add(&path, &text)?;
        }
        for (path, text) in EMBEDDED {
            p.add(path, text)?;
        }
        Ok(Arc::new(p))
    }

    /// Adds the patterns of one file (`path` names it in errors).
    pub fn add(&mut self, path: &str, text: &str) -> Result<(), PatternError> {
        let file: File = toml::from_str(text).map_err(|e| PatternError::Syntax {
            path: path.to_string(),
            message: e.to_string(),
        })?;
        let entry_err = |entry: String, message: String| PatternError::Entry {
            path: path.to_string(),
            entry,
            message,
        };
        if let Some(s) = &file.support {
            self.support.extend(s.verbs.iter().map(|v| stem(v)));
        }
        for (i, p) in file.predicate.iter().enumerate() {
            let name = format!(
                "predicate {} ({})",
                i + 1,
                p.words.first().map_or("", String::as_str)
            );
            let compile = || -> Result<PredicatePattern, String> {
                if p.words.is_empty() {
                    return Err("no words".into());
                }
                Ok(PredicatePattern {
                    a: parse_arg(&p.a).map_err(|e| format!("a: {e}"))?,
                    b: parse_arg(&p.b).map_err(|e| format!("b: {e}"))?,
                    kind: parse_kind(&p.kind)?,
                    source: parse_source(p.source.as_deref(), "a", "b")?,
                    joint: p.joint,
                    role: match p.role.as_deref() {
                        None => RoleAttr::None,
                        Some("noun") => RoleAttr::Noun,
                        Some(t) => RoleAttr::Text(t.to_string()),
                    },
                    hypothetical: p.hypothetical,
                    origin: Arc::from(format!("{path}, {name}")),
                })
            };
            let pat = compile().map_err(|m| entry_err(name.clone(), m))?;
            let ix = self.predicate_list.len();
            self.predicate_list.push(pat);
            for w in &p.words {
                for k in key_forms(w) {
                    if k.is_empty() {
                        return Err(entry_err(name.clone(), "an empty word".into()));
                    }
                    self.predicates.entry(k).or_default().push(ix);
                }
            }
        }
        for (i, n) in file.noun.iter().enumerate() {
            let name = format!(
                "noun {} ({})",
                i + 1,
                n.words.first().map_or("", String::as_str)
            );
            let compile = || -> Result<NounPattern, String> {
                Ok(NounPattern {
                    kind: parse_kind(&n.kind)?,
                    owner: parse_types(&n.owner).map_err(|e| format!("owner: {e}"))?,
                    holder: parse_types(&n.holder).map_err(|e| format!("holder: {e}"))?,
                    source: parse_source(n.source.as_deref(), "holder", "owner")?,
                    suffix: n.suffix,
                    role: n.role,
                })
            };
            let pat = compile().map_err(|m| entry_err(name.clone(), m))?;
            for w in &n.words {
                let w = w.trim();
                if w.is_empty() {
                    return Err(entry_err(name.clone(), "an empty word".into()));
                }
                self.nouns
                    .entry(w.to_string())
                    .or_default()
                    .push(pat.clone());
                if pat.suffix && !self.noun_suffixes.iter().any(|s| s == w) {
                    self.noun_suffixes.push(w.to_string());
                }
            }
        }
        for (i, t) in file.title.iter().enumerate() {
            let name = format!("title {} ({})", i + 1, t.class);
            let compile = || -> Result<TitlePattern, String> {
                Ok(TitlePattern {
                    class: title_class(&t.class)?,
                    owner: parse_types(&t.owner)?,
                    kind: parse_kind(&t.kind)?,
                    former: t.former.as_deref().map(parse_kind).transpose()?,
                    owner_ends: t.owner_ends.clone(),
                })
            };
            self.titles
                .push(compile().map_err(|m| entry_err(name.clone(), m))?);
        }
        for (i, a) in file.adjacent.iter().enumerate() {
            let name = format!("adjacent {} ({})", i + 1, a.kind);
            let compile = || -> Result<AdjacentPattern, String> {
                Ok(AdjacentPattern {
                    first: parse_types(&a.first).map_err(|e| format!("first: {e}"))?,
                    second: parse_types(&a.second).map_err(|e| format!("second: {e}"))?,
                    kind: parse_kind(&a.kind)?,
                    source: parse_source(a.source.as_deref(), "first", "second")?,
                    between: a.between.clone(),
                    second_ends: a.second_ends.clone(),
                    first_ends: a.first_ends.clone(),
                    second_head: a.second_head,
                    second_not_ends: a.second_not_ends.clone(),
                })
            };
            self.adjacent
                .push(compile().map_err(|m| entry_err(name.clone(), m))?);
        }
        if let Some(a) = &file.anaphora {
            for (list, pair) in [
                (&a.pair, Refers::Pair),
                (&a.one, Refers::One),
                (&a.reflexive, Refers::Reflexive),
            ] {
                for w in list {
                    let w: Vec<char> = w.trim().chars().collect();
                    if w.is_empty() {
                        return Err(entry_err("anaphora".into(), "an empty word".into()));
                    }
                    self.anaphora.words.push((w, pair));
                }
            }
            // Longest first, so `두 회사` is found before `회사`.
            self.anaphora
                .words
                .sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        for (i, p) in file.pair.iter().enumerate() {
            let name = format!("pair {} ({})", i + 1, p.kind);
            let compile = || -> Result<PairPattern, String> {
                Ok(PairPattern {
                    kind: parse_kind(&p.kind)?,
                    types: parse_types(&p.types)?,
                })
            };
            let pat = compile().map_err(|m| entry_err(name.clone(), m))?;
            for w in &p.words {
                self.pairs
                    .entry(w.trim().to_string())
                    .or_default()
                    .push(pat.clone());
            }
        }
        if let Some(o) = &file.open {
            self.open_skip.extend(o.skip.iter().map(|v| stem(v)));
            self.open_light.extend(o.light.iter().map(|v| stem(v)));
            self.stand_for
                .extend(o.stand_for.iter().map(|v| v.trim().to_string()));
            self.open_by
                .extend(o.by.iter().map(|v| v.trim().to_string()));
            self.open_place.extend(o.place.iter().map(|v| stem(v)));
            self.open_to.extend(o.to.iter().map(|v| stem(v)));
        }
        for a in &file.appointment {
            self.appoint_object.extend(a.object.iter().map(|v| stem(v)));
            self.appoint_subject
                .extend(a.subject.iter().map(|v| stem(v)));
            self.appoint_held.extend(a.held.iter().map(|v| stem(v)));
        }
        Ok(())
    }

    /// The predicate patterns filed under `key`, in order.
    pub fn predicates(&self, key: &str) -> impl Iterator<Item = &PredicatePattern> + '_ {
        self.predicates
            .get(key)
            .into_iter()
            .flatten()
            .map(|&i| &self.predicate_list[i])
    }

    /// Whether any predicate pattern is filed under `key`.
    pub fn has_predicate(&self, key: &str) -> bool {
        self.predicates.contains_key(key)
    }

    /// The relational-noun patterns of `word` (as written, or a compound
    /// ending in a noun marked `suffix`), with the noun matched.
    pub fn nouns(&self, word: &str) -> Option<(&str, &[NounPattern])> {
        if let Some((k, v)) = self.nouns.get_key_value(word) {
            return Some((k.as_str(), v.as_slice()));
        }
        let s = self
            .noun_suffixes
            .iter()
            .filter(|s| word.len() > s.len() && word.ends_with(s.as_str()))
            .max_by_key(|s| s.len())?;
        let v = self.nouns.get(s)?;
        Some((s.as_str(), v.as_slice()))
    }

    /// Whether `stem` is a support verb (`맺`, `체결하`).
    pub fn is_support(&self, stem: &str) -> bool {
        self.support.iter().any(|s| s == stem)
    }

    /// Whether `stem` appoints its object to a title (`선임하`).
    pub fn appoints_object(&self, stem: &str) -> bool {
        self.appoint_object.iter().any(|s| s == stem)
    }

    /// Whether `stem`'s subject held the title in its object (`역임하`).
    pub fn held_title(&self, stem: &str) -> bool {
        self.appoint_held.iter().any(|s| s == stem)
    }

    /// Whether `stem` gives its subject a title (`취임하`, `선임되`).
    pub fn appoints_subject(&self, stem: &str) -> bool {
        self.appoint_subject.iter().any(|s| s == stem)
    }

    /// Whether a predicate with stem `stem` never states an open relation.
    pub fn open_skips(&self, stem: &str) -> bool {
        self.open_skip.iter().any(|s| s == stem)
    }

    /// Whether a predicate with stem `stem` states an open relation only
    /// through an object noun (`입장을 밝히다`, not `말하다` alone).
    pub fn open_light(&self, stem: &str) -> bool {
        self.open_light.iter().any(|s| s == stem)
    }

    /// Whether `noun` names what another party does that the subject acts
    /// on (`B 초청으로 방문하다`).
    pub fn open_by(&self, noun: &str) -> bool {
        self.open_by.iter().any(|s| s == noun)
    }

    /// Whether a place in 에 of a predicate with stem `stem` is where the
    /// act happens, not a party (`X선에 열차를 운행하다`).
    pub fn open_place(&self, stem: &str) -> bool {
        self.open_place.iter().any(|s| s == stem)
    }

    /// Whether the place a predicate with stem `stem` goes to in 로 is a
    /// party (`헝가리로 출국하다`).
    pub fn open_to(&self, stem: &str) -> bool {
        self.open_to.iter().any(|s| s == stem)
    }

    /// Whether `noun` right after an entity stands for it as a party
    /// (`X시 정부는`, `X 측에`).
    pub fn stands_for(&self, noun: &str) -> bool {
        self.stand_for.iter().any(|s| s == noun)
    }

    /// Words that stand for organisations named before.
    pub fn anaphora(&self) -> &Anaphora {
        &self.anaphora
    }

    /// What a title of `class` states for an owner of type `owner` named
    /// `name`.
    pub fn title(&self, class: TitleClass, owner: ArgKind, name: &str) -> Option<&TitlePattern> {
        self.titles.iter().find(|t| {
            t.class == class
                && t.owner.has(owner)
                && (t.owner_ends.is_empty()
                    || t.owner_ends.iter().any(|e| name.ends_with(e.as_str())))
        })
    }

    /// What two coordinated entities of type `k` owning `noun` together are.
    pub fn pair(&self, noun: &str, k: ArgKind) -> Option<&PairPattern> {
        self.pairs.get(noun)?.iter().find(|p| p.types.has(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_file_parses_and_names_known_kinds_roles_and_types() {
        let mut all = Patterns::default();
        for (path, text) in EMBEDDED {
            all.add(path, text).unwrap_or_else(|e| panic!("{e}"));
        }
        assert!(all.predicate_list.len() > 30);
        assert!(!all.titles.is_empty() && !all.adjacent.is_empty());
    }

    #[test]
    fn embedded_files_hold_no_duplicates() {
        // The same word twice in one kind of table for the same argument
        // types is a duplicate.
        for (path, text) in EMBEDDED {
            let file: File = toml::from_str(text).unwrap();
            let mut seen = std::collections::HashSet::new();
            for p in &file.predicate {
                for w in &p.words {
                    let key = (
                        "predicate",
                        w.clone(),
                        format!(
                            "{:?}{:?}{:?}{:?}",
                            p.a.roles, p.a.types, p.b.roles, p.b.types
                        ),
                    );
                    assert!(seen.insert(key), "{path}: predicate word {w} twice");
                }
            }
            for n in &file.noun {
                for w in &n.words {
                    let key = ("noun", w.clone(), format!("{:?}{:?}", n.owner, n.holder));
                    assert!(seen.insert(key), "{path}: noun {w} twice");
                }
            }
        }
    }

    #[test]
    fn lexicon_file_parses_and_holds_no_duplicates() {
        use crate::relations::lexicon::{LEXICON, LexiconFile};
        let (path, text) = LEXICON;
        let lexicon = LexiconFile::parse(path, text).unwrap_or_else(|e| panic!("{e}"));
        for (section, words) in lexicon.sections() {
            assert!(!words.is_empty(), "{path}: section {section} is empty");
            let mut seen = std::collections::HashSet::new();
            for w in words {
                assert!(seen.insert(w), "{path}: {section}: {w:?} twice");
            }
        }
        // A misspelt or missing section is refused, naming the file.
        let e = LexiconFile::parse("mine.toml", &format!("{text}\nspouse_words = [\"아내\"]\n"))
            .unwrap_err();
        assert!(e.contains("mine.toml") && e.contains("spouse_words"), "{e}");
        assert!(LexiconFile::parse("mine.toml", "particles = [\"은\"]\n").is_err());
    }

    #[test]
    fn bad_entries_are_refused_with_file_and_entry() {
        let mut p = Patterns::default();
        let e = p
            .add(
                "mine.toml",
                "[[predicate]]\nwords = [\"사다\"]\nkind = \"buys\"\na = { roles = [\"subj\"], types = [\"ORG\"] }\nb = { roles = [\"object\"], types = [\"ORG\"] }\n",
            )
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("mine.toml") && e.contains("predicate 1 (사다)") && e.contains("'buys'"),
            "{e}"
        );
        let e = p
            .add(
                "mine.toml",
                "[[predicate]]\nwords = [\"사다\"]\nkind = \"acquires\"\na = { roles = [\"subjet\"], types = [\"ORG\"] }\nb = { roles = [\"object\"], types = [\"ORG\"] }\n",
            )
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown role 'subjet'"), "{e}");
        let e = p
            .add("mine.toml", "[[noun]]\nwords = [\"형제사\"]\nkind = \"subsidiary_of\"\nowner = [\"COMPANY\"]\nholder = [\"ORG\"]\n")
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown entity type 'COMPANY'"), "{e}");
        let e = p.add("mine.toml", "[[verb]]\n").unwrap_err().to_string();
        assert!(e.contains("mine.toml"), "{e}");
        let e = p
            .add(
                "mine.toml",
                "[[predicate]]\nwords = [\"사다\"]\nkind = \"related\"\na = { roles = [\"subj\"], types = [\"ORG\"] }\nb = { roles = [\"object\"], types = [\"ORG\"] }\n",
            )
            .unwrap_err()
            .to_string();
        assert!(e.contains("'related'"), "{e}");
    }

    #[test]
    fn key_forms_of_words() {
        assert_eq!(key_forms("인수하다"), ["인수하", "인수"]);
        assert_eq!(key_forms("맺다"), ["맺"]);
        assert_eq!(key_forms("계약"), ["계약"]);
        assert_eq!(key_forms("소송+내다"), ["소송+내"]);
    }
}
