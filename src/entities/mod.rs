//! Entities: the graph's nodes. Text → typed, normalised [`Mention`]s →
//! [`Entity`]s with canonical ids, Korean and English labels, aliases and
//! (for people) roles.
//!
//! Takes plain text (an article body, or one sentence) and optionally the
//! publication date; gives mentions with character and byte spans into that
//! text, and per article the entities they resolve to. It knows nothing about
//! HTML or articles: the pipeline hands it `Article::text` and
//! `Article::published`.
//!
//! # Architecture
//!
//! * [`gazetteer`]: curated names (ids, English names, aliases); its surface
//!   forms are fed to the analyser as a user dictionary.
//! * [`recognizer`]: tokens → mentions (gazetteer, numbers with units, names
//!   before titles, dictionary person/place classes, organisation suffixes).
//! * [`aliases`]: mentions → entities (parenthetical definitions, a person's
//!   later short forms, gazetteer ids across languages), and which mentions
//!   are bylines or navigation rather than graph entities.
//! * [`money`], [`date`]: normalised values of MONEY and DATE mentions.
//! * [`romanize`]: English labels for names the gazetteer does not know.
//!
//! Invariant: every mention's `text` equals its span of the input, and spans
//! never overlap.

pub mod aliases;
pub mod date;
pub mod gazetteer;
pub mod lexicon;
pub mod money;
pub mod places;
pub mod recognizer;
pub mod romanize;
pub mod vocab;

use serde::Serialize;

pub use date::Date;
pub use gazetteer::{Gazetteer, GazetteerEntry, GazetteerError};
pub use money::Money;
pub use places::Places;
pub use vocab::{Vocabulary, VocabularyError};

use crate::text::analyzer::AnalyzerError;
use crate::text::{Analyzer, Session, Token};

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EntityType {
    /// A person.
    Person,
    /// A company, public body, university, party or media outlet.
    Org,
    /// A product, service or platform (`애저`, `애저 버추얼 데스크톱`).
    Product,
    /// A place.
    Location,
    /// A named event: a festival, tournament, exhibition, summit or
    /// election (`부산엑스포`, `도쿄올림픽`, `MWC 2023`).
    Event,
    /// A named creative work: a drama, film, album, song, book or
    /// programme.
    Work,
    /// An amount of money.
    Money,
    /// A calendar date or period (`18일`, `지난해 8월`).
    Date,
    /// A time of day or duration in hours and minutes (`오후 3시`).
    Time,
    /// A count or measure (`3명`, `10%`).
    Quantity,
}

impl EntityType {
    /// The upper-case name used in JSON (`PERSON`, `ORG`…).
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Product => "PRODUCT",
            EntityType::Location => "LOCATION",
            EntityType::Event => "EVENT",
            EntityType::Work => "WORK",
            EntityType::Money => "MONEY",
            EntityType::Date => "DATE",
            EntityType::Time => "TIME",
            EntityType::Quantity => "QUANTITY",
        }
    }

    /// Reads a type name (case-insensitive; `ORGANIZATION`, `PLACE` accepted).
    pub fn from_name(s: &str) -> Option<Self> {
        Some(match s.to_ascii_uppercase().as_str() {
            "PERSON" | "PS" => EntityType::Person,
            "ORG" | "ORGANIZATION" | "OG" => EntityType::Org,
            "PRODUCT" => EntityType::Product,
            "LOCATION" | "PLACE" | "LC" => EntityType::Location,
            "EVENT" => EntityType::Event,
            "WORK" => EntityType::Work,
            "MONEY" => EntityType::Money,
            "DATE" | "DT" => EntityType::Date,
            "TIME" | "TI" => EntityType::Time,
            "QUANTITY" | "QT" => EntityType::Quantity,
            _ => return None,
        })
    }

    /// Lower-case prefix of generated ids (`person:김영섭`).
    fn id_prefix(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Org => "org",
            EntityType::Product => "product",
            EntityType::Location => "location",
            EntityType::Event => "event",
            EntityType::Work => "work",
            EntityType::Money => "money",
            EntityType::Date => "date",
            EntityType::Time => "time",
            EntityType::Quantity => "quantity",
        }
    }
}

/// The normalised value of a MONEY, DATE or QUANTITY mention.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Value {
    /// An amount of money.
    Money(Money),
    /// A resolved date: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    Date {
        /// The date at the precision the text gives.
        date: String,
    },
}

/// The rule of a short form written with `모` ("a certain": `유 모 씨`,
/// `김모(48)씨`): the article keeps the person anonymous, so the short form
/// names them even when no full name resolves it.
pub(crate) const ANONYMISED: &str = "anonymised";

/// One occurrence of an entity in the text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Mention {
    /// Start offset in characters.
    pub start: usize,
    /// End offset in characters (exclusive).
    pub end: usize,
    /// Start offset in bytes.
    pub byte_start: usize,
    /// End offset in bytes (exclusive).
    pub byte_end: usize,
    /// The mention as written.
    pub text: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// The canonical id of the entity it refers to.
    pub id: String,
    /// The normalised value, for money and dates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// How the mention was found (`gazetteer`, `title`, `dictionary`,
    /// `suffix`, `number`, `parenthesis`…), for debugging rules.
    #[serde(skip)]
    pub rule: &'static str,
    /// A short form that names no entity by itself (`김` in `김 대표`).
    #[serde(skip)]
    pub short_form: bool,
    /// A generic institution noun (`경찰`, `정부`): an entity for NER, not a
    /// graph node.
    #[serde(skip)]
    pub generic: bool,
}

/// One entity of an article: every mention of it, merged.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    /// Canonical id, the same across articles (gazetteer id, else
    /// `type:normalised-label`).
    pub id: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Korean label.
    pub label_ko: String,
    /// English label (gazetteer name, else romanized).
    pub label_en: String,
    /// Other forms it appears under (in this article or the gazetteer).
    pub aliases: Vec<String>,
    /// For people: roles as stated (`대표`, `전 대표`, `CEO`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// The normalised value, for money and dates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    /// Where it occurs.
    pub mentions: Vec<Mention>,
}

/// The entities of one article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleEntities {
    /// Graph entities, in order of first mention.
    pub entities: Vec<Entity>,
    /// Reporters named in bylines (`권하영`): article metadata, not entities.
    pub reporters: Vec<String>,
}

/// Why the extractor could not be built.
#[derive(Debug, thiserror::Error)]
pub enum EntityError {
    /// The analyser failed to load.
    #[error("loading the morphological analyser: {0}")]
    Analyzer(#[from] AnalyzerError),
    /// A gazetteer file is bad.
    #[error(transparent)]
    Gazetteer(#[from] GazetteerError),
    /// An entity word list is bad.
    #[error(transparent)]
    Vocabulary(#[from] VocabularyError),
    /// A place row of a gazetteer file is bad.
    #[error(transparent)]
    Places(#[from] places::PlacesError),
}

/// Finds entities. Build it once (it owns the analyser and gazetteer) and
/// share it: `&Extractor` is all extraction needs.
pub struct Extractor {
    analyzer: Analyzer,
    gazetteer: Gazetteer,
    vocabulary: Vocabulary,
    places: std::sync::Arc<Places>,
}

impl Extractor {
    /// An extractor over the embedded default gazetteer.
    pub fn new() -> Result<Self, EntityError> {
        Self::with_gazetteer(Gazetteer::embedded()?)
    }

    /// An extractor over `gazetteer` and the embedded word lists; the
    /// gazetteer's multi-token names are added to the analyser's user
    /// dictionary.
    pub fn with_gazetteer(gazetteer: Gazetteer) -> Result<Self, EntityError> {
        Self::with_data(gazetteer, Vocabulary::embedded()?)
    }

    /// An extractor over `gazetteer` and the word lists `vocabulary`
    /// (descriptors, endings, abbreviations: see [`vocab`]).
    pub fn with_data(gazetteer: Gazetteer, vocabulary: Vocabulary) -> Result<Self, EntityError> {
        let analyzer = Analyzer::new()?;
        let mut user = gazetteer.user_dictionary(&analyzer);
        let places = Places::with_gazetteer(&gazetteer)?;
        places.add_to_user_dictionary(&analyzer, &mut user);
        let analyzer = analyzer.with_user_dictionary(user);
        Ok(Extractor {
            analyzer,
            gazetteer,
            vocabulary,
            places,
        })
    }

    /// The word lists.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// The analyser (with the gazetteer's names in its user dictionary).
    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    /// Reusable analysis buffers for [`Extractor::recognize_in`].
    pub fn session(&self) -> Session<'_> {
        Session::new(&self.analyzer)
    }

    /// The gazetteer.
    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    /// The places (embedded data plus the gazetteer's LOCATION rows).
    pub fn places(&self) -> &Places {
        &self.places
    }

    /// Mentions in `text` (a sentence or a paragraph), each with the id it
    /// would have on its own. Spans are into `text`. This is the NER view:
    /// generic institutions (`경찰`) and short forms (`김` of `김 씨`) are
    /// included, and relative dates resolve only when `published` is given.
    pub fn recognize(&self, text: &str, published: Option<Date>) -> Vec<Mention> {
        self.recognize_in(&mut Session::new(&self.analyzer), text, published)
    }

    /// [`Extractor::recognize`] reusing the analyser's buffers: for many
    /// short texts (line mode), make one session with [`Extractor::session`].
    pub fn recognize_in(
        &self,
        session: &mut Session<'_>,
        text: &str,
        published: Option<Date>,
    ) -> Vec<Mention> {
        let mut tokens = Vec::new();
        session.analyze(text, &mut tokens);
        let mut mentions = self.mentions(text, &tokens, published);
        aliases::link_parentheticals(&self.gazetteer, &self.vocabulary, &mut mentions, text);
        self.places.resolve_article(&mut mentions);
        mentions
    }

    fn mentions<'t>(
        &self,
        text: &'t str,
        tokens: &[Token<'t>],
        published: Option<Date>,
    ) -> Vec<Mention> {
        recognizer::recognize(
            &self.analyzer,
            &recognizer::Lists {
                gazetteer: &self.gazetteer,
                vocabulary: &self.vocabulary,
                places: &self.places,
            },
            text,
            tokens,
            published,
        )
    }

    /// The entities of one article: `text` is its body (paragraphs separated
    /// by newlines), `published` its publication date for relative dates.
    pub fn extract(&self, text: &str, published: Option<Date>) -> ArticleEntities {
        let mentions = self.recognize(text, published);
        let mut found = aliases::resolve(&self.gazetteer, &self.vocabulary, text, mentions);
        self.places.label_entities(&mut found.entities);
        found
    }

    /// [`Extractor::extract`] over tokens the caller already has (this
    /// extractor's analyser's tokens of exactly `text`), so a pipeline that
    /// needs the tokens for later stages analyses the text once.
    pub fn extract_tokens<'t>(
        &self,
        text: &'t str,
        tokens: &[Token<'t>],
        published: Option<Date>,
    ) -> ArticleEntities {
        let mut mentions = self.mentions(text, tokens, published);
        aliases::link_parentheticals(&self.gazetteer, &self.vocabulary, &mut mentions, text);
        self.places.resolve_article(&mut mentions);
        let mut found = aliases::resolve(&self.gazetteer, &self.vocabulary, text, mentions);
        self.places.label_entities(&mut found.entities);
        found
    }
}

/// The id of an entity the gazetteer does not know: `type:label` with the
/// label's case and spaces normalised, so the same name gets the same id in
/// every article.
pub fn generated_id(kind: EntityType, label: &str) -> String {
    let prefix = kind.id_prefix();
    let mut id = String::with_capacity(prefix.len() + 1 + label.len());
    id.push_str(prefix);
    id.push(':');
    gazetteer::push_key(&mut id, label);
    id
}
