//! The vocabulary of relations: [`RelationKind`] (what links two arguments)
//! and [`ArgKind`] (what an argument is).
//!
//! Kind names are stable snake_case strings: they appear in exported graphs,
//! in `newskg relate` output and in the KLUE-RE mapping of
//! `../shared/tools/klue_re.py`, so a kind is never renamed, only added.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

macro_rules! relation_kinds {
    ($( $(#[$doc:meta])* $variant:ident => $name:literal, $directed:literal; )*) => {
        /// A typed relation between two arguments.
        ///
        /// Directed kinds read "source KIND target" (`김영섭 ceo_of KT`);
        /// undirected ones ([`RelationKind::is_directed`] false) hold both ways.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum RelationKind {
            $( $(#[$doc])* $variant, )*
        }

        impl RelationKind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [RelationKind] = &[$(RelationKind::$variant,)*];

            /// The stable snake_case name (`"ceo_of"`).
            pub fn as_str(self) -> &'static str {
                match self { $(RelationKind::$variant => $name,)* }
            }

            /// Whether the relation has a direction (`ceo_of`) or holds both
            /// ways (`partner_of`, `co_occurs_with`).
            pub fn is_directed(self) -> bool {
                match self { $(RelationKind::$variant => $directed,)* }
            }
        }

        impl FromStr for RelationKind {
            type Err = UnknownRelationKind;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($name => Ok(RelationKind::$variant),)*
                    _ => Err(UnknownRelationKind(s.to_string())),
                }
            }
        }
    };
}

relation_kinds! {
    /// Person → org: chief executive (대표, 대표이사, 사장, 회장, CEO, 최고경영자, 행장).
    CeoOf => "ceo_of", true;
    /// Person → org: was its chief executive (`전 대표`, `대표 시절`).
    FormerCeoOf => "former_ceo_of", true;
    /// Person → org: heads a non-company organisation (총장, 원장, 군수,
    /// 시장, 위원장, 장관, 감독, 이사장…).
    Leads => "leads", true;
    /// Person → org: works for or belongs to it (role attribute: CTO, 부사장,
    /// 이사회 의장, 의원, 교수, 연구원, 기자, 선수…).
    EmployeeOf => "employee_of", true;
    /// Person → org: used to work for it (`전 부사장`, `출신`).
    FormerEmployeeOf => "former_employee_of", true;
    /// Org → org: subsidiary or affiliate of (자회사, 손자회사, 계열사, 분사).
    SubsidiaryOf => "subsidiary_of", true;
    /// Person → org (party, group, band, team, assembly) or org → org
    /// (association, alliance, index; 산하, 소속 기관): a member of.
    MemberOf => "member_of", true;
    /// Org ↔ org: partnership, cooperation, alliance, MOU.
    PartnerOf => "partner_of", false;
    /// Org ↔ org: a contract between them (amount, currency, duration when stated).
    ContractWith => "contract_with", false;
    /// Org → org: buys from / adopts the offering of the target.
    CustomerOf => "customer_of", true;
    /// Org → org: supplies (or resells to) the target.
    SupplierOf => "supplier_of", true;
    /// Org → org: invests in the target.
    InvestsIn => "invests_in", true;
    /// Org → org: acquires the target (인수, 합병).
    Acquires => "acquires", true;
    /// Org ↔ org: competitors.
    CompetesWith => "competes_with", false;
    /// Product → org: made or offered by.
    ProductOf => "product_of", true;
    /// Org → product: uses or has adopted (도입, 이용, 채택).
    Uses => "uses", true;
    /// Org → location: seat of the organisation (본사, 연고지).
    HeadquarteredIn => "headquartered_in", true;
    /// Org → person: founded by (창업자, 설립자, 창당).
    FoundedBy => "founded_by", true;
    /// Org → date: founded on (설립, 창립, 창단, 개국).
    FoundedOn => "founded_on", true;
    /// Either → either: another name of the same entity (`마이크로소프트(MS)`).
    AliasOf => "alias_of", false;
    /// Person ↔ person: married (`…의 아내 …`, `… 부부`, `…와 결혼`).
    SpouseOf => "spouse_of", false;
    /// Person → title: the person's title or occupation (`방송인 전현무`).
    HasTitle => "has_title", true;
    /// Org → org: a unit, division, branch or regional office of (`LH
    /// 서울지역본부`, 사업부).
    PartOf => "part_of", true;
    /// Location, org or event → location: where it is (`X에 있는 Y`, 개최지).
    LocatedIn => "located_in", true;
    /// Person → location: lives there (거주, 주민, `이름 / 지역` captions).
    ResidentOf => "resident_of", true;
    /// Person ↔ person: kin other than spouse, parent, child and sibling
    /// (role attribute: 딸, 아들, 형, 동생, 부모…).
    FamilyOf => "family_of", false;
    /// Either ↔ either: a meeting, summit or talk (회담, 만나다, 면담, 접견).
    Meets => "meets", false;
    /// Person/org → person/org: brings a suit or complaint (소송, 고소, 고발, 제소).
    Sues => "sues", true;
    /// Org → person/org: investigates, arrests or charges (role: 수사,
    /// 조사, 체포, 기소, 압수수색).
    Investigates => "investigates", true;
    /// Person/org → person/org: criticises (비판, 비난, 반박, 규탄).
    Criticizes => "criticizes", true;
    /// Person/org → event: takes part (참가, 출전, 참석).
    ParticipatesIn => "participates_in", true;
    /// Org → event: organises or hosts (주최, 주관, 개최).
    Organizes => "organizes", true;
    /// Person → work: appears in (출연, 주연, `(X 분)` casting).
    AppearsIn => "appears_in", true;
    /// Org → org: sells a business or stake to (매각).
    Divests => "divests", true;
    /// Org → org: advises (role: 주관사, 회계 자문, 법률 자문).
    Advises => "advises", true;
    /// Org → org/product: regulates, approves or sanctions (role: 승인,
    /// 인증, 과징금, 제재).
    Regulates => "regulates", true;
    /// Org → org: listed on an exchange (코스닥 상장).
    ListedOn => "listed_on", true;
    /// Org → location: operates in a market or country (진출, 현지 법인).
    OperatesIn => "operates_in", true;
    /// Org → location/product/event: builds or constructs (수주, 시공, 구축, EPC).
    Builds => "builds", true;
    /// Person → date: born on.
    BornOn => "born_on", true;
    /// Person → date: died on.
    DiedOn => "died_on", true;
    /// Person → location: born in.
    BornIn => "born_in", true;
    /// Person → location: died in.
    DiedIn => "died_in", true;
    /// Person → location or org: comes from (출신).
    NativeOf => "native_of", true;
    /// Person → org: studied at (졸업, 재학).
    EducatedAt => "educated_at", true;
    /// Person → org: religion.
    Religion => "religion", true;
    /// Person → person: the source is a parent of the target.
    ParentOf => "parent_of", true;
    /// Person → person: the source is a child of the target.
    ChildOf => "child_of", true;
    /// Person → person: the source is a sibling of the target.
    SiblingOf => "sibling_of", true;
    /// Person ↔ person: colleagues (동료, 같은 팀).
    ColleagueOf => "colleague_of", false;
    /// Org → date: dissolved on (해체, 폐업, 해산).
    DissolvedOn => "dissolved_on", true;
    /// Org → org: political or religious affiliation.
    AffiliatedWith => "affiliated_with", true;
    /// Org → quantity: number of members or employees.
    NumberOfMembers => "number_of_members", true;
    /// Either → either: an open relation: two arguments of one predicate no
    /// typed pattern covers; the edge carries the predicate as written
    /// (`위자료 소송을 내다`). Never confused with a typed kind.
    Related => "related", true;
    /// Either ↔ either: mentioned in the same sentence, nothing more known.
    CoOccursWith => "co_occurs_with", false;
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A relation kind name that newskg does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown relation kind '{0}'")]
pub struct UnknownRelationKind(pub String);

/// What a relation argument is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArgKind {
    /// A person (KLUE `PER`, newskg `PERSON`).
    Person,
    /// An organisation: company, party, ministry, team (KLUE `ORG`, newskg `ORG`).
    Org,
    /// A product or service (newskg `PRODUCT`).
    Product,
    /// A place (KLUE `LOC`, newskg `LOCATION`).
    Location,
    /// A named event (newskg `EVENT`: 부산엑스포, 도쿄올림픽).
    Event,
    /// A named creative work (newskg `WORK`: a drama, film, album, book).
    Work,
    /// A date or time (KLUE `DAT`, newskg `DATE`, `TIME`).
    Date,
    /// An amount of money (newskg `MONEY`).
    Money,
    /// Anything else: KLUE `POH` (titles, works, other proper nouns), `NOH`
    /// (other numbers), newskg `QUANTITY`.
    Other,
}

impl ArgKind {
    /// Maps a KLUE-RE entity type (`PER ORG LOC DAT POH NOH`) or a newskg
    /// entity type name (`PERSON ORG PRODUCT LOCATION MONEY DATE TIME
    /// QUANTITY EVENT WORK`), case-insensitively; unknown names are [`ArgKind::Other`].
    pub fn from_type_name(name: &str) -> ArgKind {
        match name.trim().to_ascii_uppercase().as_str() {
            "PER" | "PERSON" | "PS" => ArgKind::Person,
            "ORG" | "OG" | "ORGANIZATION" => ArgKind::Org,
            "PRODUCT" => ArgKind::Product,
            "EVENT" => ArgKind::Event,
            "WORK" => ArgKind::Work,
            "LOC" | "LOCATION" | "LC" => ArgKind::Location,
            "DAT" | "DATE" | "TIME" | "DT" | "TI" => ArgKind::Date,
            "MONEY" => ArgKind::Money,
            _ => ArgKind::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &k in RelationKind::ALL {
            assert_eq!(k.as_str().parse::<RelationKind>(), Ok(k));
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
        assert!("chief_of".parse::<RelationKind>().is_err());
    }

    #[test]
    fn type_names_map() {
        assert_eq!(ArgKind::from_type_name("PER"), ArgKind::Person);
        assert_eq!(ArgKind::from_type_name("person"), ArgKind::Person);
        assert_eq!(ArgKind::from_type_name("ORG"), ArgKind::Org);
        assert_eq!(ArgKind::from_type_name("LOC"), ArgKind::Location);
        assert_eq!(ArgKind::from_type_name("LOCATION"), ArgKind::Location);
        assert_eq!(ArgKind::from_type_name("DAT"), ArgKind::Date);
        assert_eq!(ArgKind::from_type_name("TIME"), ArgKind::Date);
        assert_eq!(ArgKind::from_type_name("MONEY"), ArgKind::Money);
        assert_eq!(ArgKind::from_type_name("PRODUCT"), ArgKind::Product);
        assert_eq!(ArgKind::from_type_name("POH"), ArgKind::Other);
        assert_eq!(ArgKind::from_type_name("NOH"), ArgKind::Other);
        assert_eq!(ArgKind::from_type_name("QUANTITY"), ArgKind::Other);
    }
}
