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
    /// Org → org: part of a larger body (산하, 소속 기관).
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
    /// QUANTITY`), case-insensitively; unknown names are [`ArgKind::Other`].
    pub fn from_type_name(name: &str) -> ArgKind {
        match name.trim().to_ascii_uppercase().as_str() {
            "PER" | "PERSON" | "PS" => ArgKind::Person,
            "ORG" | "OG" | "ORGANIZATION" => ArgKind::Org,
            "PRODUCT" => ArgKind::Product,
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
