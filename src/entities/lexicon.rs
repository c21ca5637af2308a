//! Word lists the recognizer's rules use: titles, units, date and time
//! words, place suffixes. (Descriptors, name endings and words that are not
//! names are data: see [`super::vocab`].)
//!
//! Kept apart from the rules so they can be read and extended on their own.
//! They describe Korean (what a counter or a title is), not any corpus.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::EntityType;
use crate::FastHash;

/// A word list as a set, for the lookups done once per token.
pub type WordSet = LazyLock<HashSet<&'static str, FastHash>>;

/// Whether `word` is in `set` (takes `&&str` like `slice::contains`).
pub fn is_in(set: &WordSet, word: &&str) -> bool {
    set.contains(*word)
}

/// Titles and forms of address that follow a person's name: the titles of
/// `data/titles.tsv` with the `name` flag (one file for entities and
/// relations, see [`crate::text::titles`]), longest first so that a scan
/// finds `대표이사` before `대표`.
pub static TITLES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut v: Vec<&str> = crate::text::titles::titles().name_titles().collect();
    v.sort_by_key(|t| std::cmp::Reverse(t.chars().count()));
    v
});

/// Words that are a date on their own.
#[rustfmt::skip]
pub const DATE_WORDS: &[&str] = &[
    "설", "설날", "추석", "한글날", "광복절", "삼일절", "현충일", "어린이날", "제헌절", "개천절", "성탄절",
    "석가탄신일", "부처님오신날", "춘절", "춘제", "반년", "초여름", "초겨울", "장마철", "올겨울", "올여름",
    "이날", "전날", "지난해", "올해", "오늘", "어제", "내일", "이듬해", "작년", "내년", "전일", "당일", "다음날", "이튿날",
    "금일", "하루", "이틀", "사흘", "나흘", "연말", "연초", "지난주", "이번주", "다음주", "지난달", "이달", "다음달", "내달",
    "상반기", "하반기", "그날", "한해", "전년", "올", "그저께", "그제", "모레", "새해", "주말", "매년", "매달", "매주", "연내",
];

/// Words that start a date expression before a number (`지난 1일`).
#[rustfmt::skip]
pub const DATE_PREFIXES: &[&str] = &[
    "지난", "오는", "올해", "지난해", "작년", "내년", "이달", "지난달", "다음달", "내달", "올", "이번", "다음", "매년", "매주",
    "매달", "이듬해", "전년", "같은", "금년",
];

/// Words after a date that are part of it (`11월 말`, `1980년대 초반`, `이틀 동안`).
#[rustfmt::skip]
pub const DATE_SUFFIXES: &[&str] = &[
    "말", "초", "중순", "초순", "하순", "상순", "중", "께", "초반", "중반", "후반", "동안",
];

/// Words that are a time of day (and start `오후 3시`).
#[rustfmt::skip]
pub const TIME_WORDS: &[&str] = &[
    "오전", "오후", "새벽", "밤", "저녁", "낮", "아침", "정오", "자정", "한낮", "심야", "밤새",
];

/// Korean numeral determiners (`두 번째`, `한 명`).
#[rustfmt::skip]
pub const NUMERAL_DETERMINERS: &[&str] = &[
    "한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉", "열", "첫", "스무", "서른",
];

/// Administrative suffixes attached to place names.
#[rustfmt::skip]
pub const PLACE_SUFFIXES: &[&str] = &[
    "시", "도", "군", "구", "동", "읍", "면", "리", "로", "길", "주", "성", "현", "역", "항", "공항", "광장", "공원",
    "섬", "산", "강", "만", "해", "반도", "대로",
];

/// One-syllable organisation suffixes accepted on a single dictionary noun
/// (`국방부`, `기상청`, `새누리당`).
#[rustfmt::skip]
pub const ONE_CHAR_ORG_OK: &[&str] = &[
    "청", "처", "당",
];

/// Counting nouns that the dictionary tags as common nouns.
#[rustfmt::skip]
pub const COUNTER_NOUNS: &[&str] = &[
    "명", "개", "곳", "번", "차례", "가지", "마리", "배", "위", "등", "세", "살", "대", "권", "장", "편", "척", "채",
    "벌", "쌍", "점", "건", "회", "차", "호", "층", "단", "승", "패", "골", "표", "석", "개국", "인", "가구", "세대",
    "퍼센트", "포인트", "톤", "미터", "킬로미터", "킬로그램", "배럴", "명분", "인분", "평", "kg", "km",
];

/// Units after a number.
pub fn unit_kind(unit: &str) -> Option<EntityType> {
    Some(match unit {
        "원" | "달러" | "엔" | "유로" | "위안" | "파운드" | "불" | "원어치" => {
            EntityType::Money
        }
        "년" | "월" | "일" | "년대" | "세기" | "개월" | "분기" | "주" | "주일" | "주년" | "박" => {
            EntityType::Date
        }
        "시" | "분" | "초" | "시간" | "시간여" => EntityType::Time,
        _ => return None,
    })
}

/// Whether a Latin token after a number is a unit of measure (`km`, `GB`).
pub fn is_latin_unit(u: &str) -> bool {
    matches!(
        u,
        "km" | "m"
            | "cm"
            | "mm"
            | "kg"
            | "g"
            | "t"
            | "GB"
            | "TB"
            | "MB"
            | "ml"
            | "L"
            | "ha"
            | "MW"
            | "GW"
            | "kW"
            | "kWh"
            | "W"
            | "K"
            | "nm"
            | "mg"
            | "Mbps"
            | "Gbps"
            | "bp"
            | "p"
            | "x"
    )
}

/// Endings of an organisation's divisions (`형사1부`, `강력부`, `복지과`).
#[rustfmt::skip]
pub const SUBUNIT_SUFFIXES: &[&str] = &[
    "부", "과", "팀", "실", "국", "지원", "지청", "위원회", "합의체", "특위", "본부", "사령부", "연구소",
    "단독", "비서진", "분과", "소위", "지부", "지사", "법인",
];

/// Endings of a company's or party's divisions that make a division of any
/// length (`생활가전사업부`, `플랫폼사업센터`, `미래전략추진단`, `부산시당`),
/// where [`SUBUNIT_SUFFIXES`] alone allow short ones only.
#[rustfmt::skip]
pub const DIVISION_SUFFIXES: &[&str] = &[
    "사업부", "사업센터", "사업본부", "사업단", "추진단", "연구소", "시당", "도당",
];

/// Divisions named with their organisation, never alone: a party's regional
/// chapters (`민주당 부산시당`).
pub const CHAPTER_SUFFIXES: &[&str] = &["시당", "도당"];

/// [`TITLES`] as a set.
pub static TITLES_SET: WordSet = LazyLock::new(|| TITLES.iter().copied().collect());

/// [`COUNTER_NOUNS`] as a set.
pub static COUNTER_NOUNS_SET: WordSet = LazyLock::new(|| COUNTER_NOUNS.iter().copied().collect());

/// [`PLACE_SUFFIXES`] as a set.
pub static PLACE_SUFFIXES_SET: WordSet = LazyLock::new(|| PLACE_SUFFIXES.iter().copied().collect());

/// What a word is in the date and time lists: [`DATE_WORD`],
/// [`TIME_WORD`] and [`DATE_PREFIX`] bits (one lookup instead of three).
pub static DATE_TIME_WORDS: LazyLock<HashMap<&'static str, u8, FastHash>> = LazyLock::new(|| {
    let mut m: HashMap<&'static str, u8, FastHash> = HashMap::default();
    for (list, bit) in [
        (DATE_WORDS, DATE_WORD),
        (TIME_WORDS, TIME_WORD),
        (DATE_PREFIXES, DATE_PREFIX),
    ] {
        for w in list {
            *m.entry(w).or_default() |= bit;
        }
    }
    m
});

/// In [`DATE_WORDS`].
pub const DATE_WORD: u8 = 1;
/// In [`TIME_WORDS`].
pub const TIME_WORD: u8 = 2;
/// In [`DATE_PREFIXES`].
pub const DATE_PREFIX: u8 = 4;

/// The [`DATE_TIME_WORDS`] bits of `word` (0 when in none of the lists).
pub fn date_time_word(word: &str) -> u8 {
    DATE_TIME_WORDS.get(word).copied().unwrap_or(0)
}
