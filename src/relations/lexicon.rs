//! Word lists the rules match against: the trigger nouns and verbs of each
//! relation family, the particles written after a name, the words that deny
//! or hedge a statement. The words are data, `data/relations/lexicon.toml`
//! (one named section per list, embedded at build time); this module reads
//! them once and hands them out as the statics the rules use. Titles and
//! their classes are `data/titles.tsv`, read by [`crate::text::titles`].
//!
//! Kept in code: [`OBJECT_PARTICLES`] (`을`/`를`, the closed grammatical
//! class the clause layer also spells out in `src/text/clauses.rs`).

use std::sync::LazyLock;

use serde::Deserialize;

pub(crate) use crate::text::titles::TitleClass;

/// The embedded word lists: (path, text).
pub(crate) const LEXICON: (&str, &str) = (
    "data/relations/lexicon.toml",
    include_str!("../../data/relations/lexicon.toml"),
);

/// The sections of `data/relations/lexicon.toml` (documented there).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct LexiconFile {
    pub particles: Vec<String>,
    pub subject_particles: Vec<String>,
    pub former_after: Vec<String>,
    pub appoint_verbs: Vec<String>,
    pub found_verbs: Vec<String>,
    pub subsidiary_nouns: Vec<String>,
    pub member_nouns: Vec<String>,
    pub partner_nouns: Vec<String>,
    pub contract_nouns: Vec<String>,
    pub compete_nouns: Vec<String>,
    pub use_verbs: Vec<String>,
    pub make_verbs: Vec<String>,
    pub name_leads: Vec<String>,
    pub place_before_org: Vec<String>,
    pub org_before_place: Vec<String>,
    pub spouse_nouns: Vec<String>,
    pub event_parts: Vec<String>,
    pub become_verbs: Vec<String>,
    pub continuing: Vec<String>,
    pub cast_markers: Vec<String>,
    pub negation: Vec<String>,
    pub hypothetical: Vec<String>,
    pub currencies: Vec<(String, String)>,
}

impl LexiconFile {
    /// Reads a lexicon file (`path` names it in errors).
    pub(crate) fn parse(path: &str, text: &str) -> Result<LexiconFile, String> {
        toml::from_str(text).map_err(|e| format!("relation lexicon {path}: {e}"))
    }

    /// Every section as (name, words), for the checks of the tests.
    #[cfg(test)]
    pub(crate) fn sections(&self) -> Vec<(&'static str, Vec<&str>)> {
        fn s(v: &[String]) -> Vec<&str> {
            v.iter().map(String::as_str).collect()
        }
        vec![
            ("particles", s(&self.particles)),
            ("subject_particles", s(&self.subject_particles)),
            ("former_after", s(&self.former_after)),
            ("appoint_verbs", s(&self.appoint_verbs)),
            ("found_verbs", s(&self.found_verbs)),
            ("subsidiary_nouns", s(&self.subsidiary_nouns)),
            ("member_nouns", s(&self.member_nouns)),
            ("partner_nouns", s(&self.partner_nouns)),
            ("contract_nouns", s(&self.contract_nouns)),
            ("compete_nouns", s(&self.compete_nouns)),
            ("use_verbs", s(&self.use_verbs)),
            ("make_verbs", s(&self.make_verbs)),
            ("name_leads", s(&self.name_leads)),
            ("place_before_org", s(&self.place_before_org)),
            ("org_before_place", s(&self.org_before_place)),
            ("spouse_nouns", s(&self.spouse_nouns)),
            ("event_parts", s(&self.event_parts)),
            ("become_verbs", s(&self.become_verbs)),
            ("continuing", s(&self.continuing)),
            ("cast_markers", s(&self.cast_markers)),
            ("negation", s(&self.negation)),
            ("hypothetical", s(&self.hypothetical)),
            (
                "currencies",
                self.currencies.iter().map(|(w, _)| w.as_str()).collect(),
            ),
        ]
    }
}

/// The embedded lexicon, read once.
fn lexicon() -> &'static LexiconFile {
    static L: LazyLock<LexiconFile> = LazyLock::new(|| {
        // Checked by the tests: a broken embedded file is a build defect,
        // not bad input.
        LexiconFile::parse(LEXICON.0, LEXICON.1).unwrap_or_else(|e| panic!("embedded {e}"))
    });
    &L
}

/// A word list of the embedded lexicon, as the `&str` slice the rules match
/// against.
pub(crate) type Words = LazyLock<Vec<&'static str>>;

macro_rules! words {
    ($($(#[$doc:meta])* $name:ident = $field:ident;)*) => {
        $(
            $(#[$doc])*
            pub(crate) static $name: Words =
                LazyLock::new(|| lexicon().$field.iter().map(String::as_str).collect());
        )*
    };
}

words! {
    /// Particles and copula endings that may follow a title or a name in the
    /// same written word (`대표는`, `의원이었던`).
    PARTICLES = particles;
    /// Words after a title that make it a past position (`대표 시절`).
    FORMER_AFTER = former_after;
    /// Verbs of appointment (`…를 대표로 선임했다`).
    APPOINT_VERBS = appoint_verbs;
    /// Subject/topic particles.
    SUBJECT_PARTICLES = subject_particles;
    /// Nouns that make the second organisation a subsidiary of the first.
    SUBSIDIARY_NOUNS = subsidiary_nouns;
    /// Nouns that make the second organisation a part of the first.
    MEMBER_NOUNS = member_nouns;
    /// Nouns of a partnership between two organisations.
    PARTNER_NOUNS = partner_nouns;
    /// Nouns of a contract between two organisations.
    CONTRACT_NOUNS = contract_nouns;
    /// Nouns of competition.
    COMPETE_NOUNS = compete_nouns;
    /// Verbs of adopting or using a product.
    USE_VERBS = use_verbs;
    /// Verbs of making or offering a product.
    MAKE_VERBS = make_verbs;
    /// Verbs of founding an organisation.
    FOUND_VERBS = found_verbs;
    /// What may open the parenthesis after a name that gives another name
    /// of the same entity (`B(약칭 C)`).
    NAME_LEADS = name_leads;
    /// Between a place and the organisation based there (`L에 본사를 둔 O`).
    PLACE_BEFORE_ORG = place_before_org;
    /// Between an organisation and the place of its headquarters (`O 본사가
    /// 있는 L`).
    ORG_BEFORE_PLACE = org_before_place;
    /// Nouns between two people that make them spouses (`P1의 아내 P2`).
    SPOUSE_NOUNS = spouse_nouns;
    /// Nouns after an event's name for a part of it or a place at it (`CES
    /// 2024 기자간담회에서`, `MWC 부스에서`): the phrase still names the event.
    EVENT_PARTS = event_parts;
    /// Verb stems that make their subject what the noun of their 으로
    /// phrase names (`A는 B 자회사로 편입된다`), as `되다` does with 이/가.
    BECOME_VERBS = become_verbs;
    /// Sentence adverbs that keep the topic of the sentence before across a
    /// paragraph break (`또 B를 방문해`).
    CONTINUING = continuing;
    /// What closes the parenthesis after a character's name around the
    /// actor playing it (`김사부(한석규 분)`).
    CAST_MARKERS = cast_markers;
    /// Words after a relation's evidence that deny it.
    NEGATION = negation;
    /// Words after a relation's evidence that make it only possible.
    HYPOTHETICAL = hypothetical;
}

/// Currency words after an amount and their ISO 4217 codes, in the order
/// they are tried.
pub(crate) static CURRENCIES: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    lexicon()
        .currencies
        .iter()
        .map(|(w, c)| (w.as_str(), c.as_str()))
        .collect()
});

/// Object particles.
pub(crate) const OBJECT_PARTICLES: &[&str] = &["을", "를"];
