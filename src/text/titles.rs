//! Titles and positions written next to a person's name (`대표`, `부사장`,
//! `의원`, `씨`), with what each says about the person's relation to an
//! organisation: one vocabulary for the entity recognizer (a name is found
//! before a title), the relation rules (`김영섭 KT 대표` → `ceo_of`) and
//! anyone turning a caption's title into a fact.
//!
//! The list is `data/titles.tsv` (see its header for the columns), embedded
//! at build time. [`class_of`] answers "what does this title say?", also for
//! compounds ending in a title (`기업서비스본부장`) and titles after a
//! modifier (`신임 대표`).

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::FastHash;

/// The embedded titles file.
pub const TITLES_TSV: &str = include_str!("../../data/titles.tsv");

/// What a title says about its holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TitleClass {
    /// Chief executive of a company (`대표`, `사장`, `CEO`): `ceo_of`.
    Ceo,
    /// Head of a non-company body, country or region (`장관`, `총장`,
    /// `대통령`): `leads`.
    Head,
    /// Any other position or occupation (`부사장`, `교수`, `기자`):
    /// `employee_of` with the title as role.
    Staff,
    /// Member of a party, assembly, band or group (`의원`, `멤버`):
    /// `member_of`.
    Member,
    /// Founder (`창업자`): the organisation is `founded_by` the person.
    Founder,
    /// A form of address (`씨`, `여사`): no relation.
    Address,
    /// A title-like word that states no relation (`이사회`, `당선인`).
    Other,
}

impl TitleClass {
    fn from_name(s: &str) -> Option<Self> {
        Some(match s {
            "ceo" => TitleClass::Ceo,
            "head" => TitleClass::Head,
            "staff" => TitleClass::Staff,
            "member" => TitleClass::Member,
            "founder" => TitleClass::Founder,
            "address" => TitleClass::Address,
            "other" => TitleClass::Other,
            _ => return None,
        })
    }
}

/// One title of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Title {
    /// As written (`대표이사`, `이사회 의장`).
    pub text: &'static str,
    /// What it says.
    pub class: TitleClass,
    /// The entity recognizer finds a person's name before it.
    pub name: bool,
    /// A compound ending in it is a title of the same class.
    pub suffix: bool,
}

/// Words around titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// Before a title, keeping its meaning (`신임`, `초대`).
    Modifier,
    /// Before a title or organisation, making it a past position (`전`).
    Former,
    /// After a title, making its holder an acting one (`권한대행`).
    Acting,
}

/// The parsed titles file.
#[derive(Debug, Default)]
pub struct Titles {
    /// Every title, in file order.
    pub titles: Vec<Title>,
    by_text: HashMap<&'static str, usize, FastHash>,
    markers: HashMap<&'static str, Marker, FastHash>,
}

/// A line of the titles file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("titles line {line}: {message}")]
pub struct TitlesError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl Titles {
    /// Parses a titles file (the format of `data/titles.tsv`). Refuses
    /// unknown classes or flags and a title listed twice.
    pub fn parse(text: &'static str) -> Result<Titles, TitlesError> {
        let mut t = Titles::default();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| TitlesError {
                line: n + 1,
                message,
            };
            let mut cols = line.split('\t');
            let title = cols.next().unwrap_or("").trim();
            let class = cols.next().unwrap_or("").trim();
            let flags = cols.next().unwrap_or("").trim();
            if title.is_empty() {
                return Err(err("empty title".into()));
            }
            let marker = match class {
                "modifier" => Some(Marker::Modifier),
                "former" => Some(Marker::Former),
                "acting" => Some(Marker::Acting),
                _ => None,
            };
            if let Some(m) = marker {
                if t.markers.insert(title, m).is_some() {
                    return Err(err(format!("'{title}' listed twice as a marker")));
                }
                continue;
            }
            let class = TitleClass::from_name(class)
                .ok_or_else(|| err(format!("unknown class '{class}'")))?;
            let (mut name, mut suffix) = (false, false);
            for f in flags.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                match f {
                    "name" => name = true,
                    "suffix" => suffix = true,
                    _ => return Err(err(format!("unknown flag '{f}'"))),
                }
            }
            if t.by_text.insert(title, t.titles.len()).is_some() {
                return Err(err(format!("'{title}' listed twice")));
            }
            t.titles.push(Title {
                text: title,
                class,
                name,
                suffix,
            });
        }
        Ok(t)
    }

    /// The title written exactly `word`.
    pub fn get(&self, word: &str) -> Option<&Title> {
        self.by_text.get(word).map(|&i| &self.titles[i])
    }

    /// The title `word` is, or ends in (a title with the `suffix` flag,
    /// longest first: `기업서비스본부장` → `본부장`).
    pub fn find(&self, word: &str) -> Option<&Title> {
        self.get(word)
            .or_else(|| {
                word.char_indices()
                    .skip(1)
                    .filter_map(|(at, _)| self.get(&word[at..]))
                    .find(|t| t.suffix)
            })
            .or_else(|| {
                // An ordinal before the title: `1차장`, `제2부원장`.
                let numbered = word
                    .strip_prefix('제')
                    .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
                    .unwrap_or(word);
                let rest = numbered.trim_start_matches(|c: char| c.is_ascii_digit());
                (rest.len() < numbered.len() && !rest.is_empty())
                    .then(|| self.get(rest))
                    .flatten()
            })
    }

    /// The marker `word` is (`전`, `신임`, `권한대행`).
    pub fn marker(&self, word: &str) -> Option<Marker> {
        self.markers.get(word).copied()
    }

    /// Titles the entity recognizer finds names before (flag `name`).
    pub fn name_titles(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.titles.iter().filter(|t| t.name).map(|t| t.text)
    }

    /// Titles of more than one written word: with a space (`이사회 의장`)
    /// or a parenthesis (`최고경영자(CEO)`).
    pub fn multiword(&self) -> impl Iterator<Item = &Title> + '_ {
        self.titles.iter().filter(|t| t.text.contains([' ', '(']))
    }
}

/// The embedded titles file, parsed once.
pub fn titles() -> &'static Titles {
    static T: LazyLock<Titles> = LazyLock::new(|| {
        // The embedded file is checked by the tests below; a broken one is
        // a build defect, not bad input.
        Titles::parse(TITLES_TSV).unwrap_or_else(|e| panic!("data/titles.tsv: {e}"))
    });
    &T
}

/// What `title` says, for a title as written (`대표`), a compound ending in
/// one (`기업서비스본부장`), or either after modifiers (`신임 대표`, `전
/// 대표`; use [`is_former`] for the latter).
pub fn class_of(title: &str) -> Option<TitleClass> {
    let t = titles();
    let mut words: Vec<&str> = title.split_whitespace().collect();
    while words.len() > 1 && t.marker(words[0]).is_some() && t.get(&words.join(" ")).is_none() {
        words.remove(0);
    }
    while words.len() > 1 && t.marker(words[words.len() - 1]) == Some(Marker::Acting) {
        words.pop();
    }
    t.find(&words.join(" ")).map(|t| t.class)
}

/// Whether a title as written names a past position (`전 대표`, `前 사장`).
pub fn is_former(title: &str) -> bool {
    title
        .split_whitespace()
        .next()
        .is_some_and(|w| titles().marker(w) == Some(Marker::Former))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_parses_without_duplicates() {
        let t = Titles::parse(TITLES_TSV).expect("data/titles.tsv parses");
        assert!(t.titles.len() > 200);
        assert!(t.name_titles().count() > 100);
    }

    #[test]
    fn classes() {
        assert_eq!(class_of("대표"), Some(TitleClass::Ceo));
        assert_eq!(class_of("신임 대표"), Some(TitleClass::Ceo));
        assert_eq!(class_of("전 대표"), Some(TitleClass::Ceo));
        assert!(is_former("전 대표") && !is_former("대표"));
        assert_eq!(class_of("장관"), Some(TitleClass::Head));
        assert_eq!(class_of("기업서비스본부장"), Some(TitleClass::Staff));
        assert_eq!(class_of("국회의원"), Some(TitleClass::Member));
        assert_eq!(class_of("이사회 의장"), Some(TitleClass::Staff));
        assert_eq!(class_of("군수 권한대행"), Some(TitleClass::Head));
        assert_eq!(class_of("창업자"), Some(TitleClass::Founder));
        assert_eq!(class_of("씨"), Some(TitleClass::Address));
        // `장` alone is no suffix: `공장`, `시장` are not compounds of it.
        assert_eq!(class_of("공장"), None);
        assert_eq!(class_of("클라우드"), None);
    }

    #[test]
    fn bad_lines_are_refused() {
        assert!(Titles::parse("대표\tboss\n").is_err());
        assert!(Titles::parse("대표\tceo\tloud\n").is_err());
        assert_eq!(
            Titles::parse("대표\tceo\n대표\thead\n").unwrap_err().line,
            2
        );
        assert!(Titles::parse("전\tformer\n전\tformer\n").is_err());
        assert!(Titles::parse("수석\tstaff\n수석\tmodifier\n").is_ok());
    }
}
