//! Word lists the recognizer's rules use: titles, units, date and time
//! words, organisation and place suffixes, generic words.
//!
//! Kept apart from the rules so they can be read and extended on their own.
//! They describe Korean (what a counter or a title is), not any corpus.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use super::EntityType;
use super::romanize::syllable_index;
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

/// Latin acronyms that are words, not organisations.
#[rustfmt::skip]
pub const GENERIC_ACRONYMS: &[&str] = &[
    "AI", "IT", "TV", "PC", "CEO", "CFO", "CTO", "COO", "CIO", "CSO", "CMO", "SNS", "IPO",
    "MOU", "GDP", "CPU", "GPU", "NPU", "OS", "UI", "UX", "API", "IOT", "VR", "AR", "XR", "MR",
    "DNA", "LTE", "VDI", "IDC", "CSP", "MSP", "SAAS", "PAAS", "IAAS", "B2B", "B2C", "ESG",
    "M&A", "R&D", "CCTV", "PD", "MC", "DJ", "VIP", "LED", "LCD", "OLED", "USB", "SW", "HW",
    "QR", "ID", "PR", "HR", "KPI", "ROI", "FTA", "ICT", "OTT", "SUV", "EV", "NFT", "CD", "DVD",
    "MP3", "HD", "UHD", "PDF", "URL", "SMS", "GPS", "IP", "AP", "ATM", "DX", "AX", "GX", "LLM",
    "SLLM", "GPT", "NO", "OK", "VS", "PPT", "CG", "OST", "MV", "SF", "PK", "FA", "MVP", "KO",
    "TKO", "ERA", "CT", "MRI", "PCR", "ICU", "ER", "SOS", "FAQ", "Q&A", "KM", "KG", "CM", "MM",
    "MW", "GW", "KW", "KWH", "GB", "TB", "MB", "ML", "HTML", "HTTP", "WWW", "APP", "CSAP",
    "SLA", "MSA", "HPC", "DB", "ERP", "CRM", "SCM", "BI", "RPA", "SI", "SM", "IPTV", "CES",
    "MWC", "IFA", "VC", "PEF", "ETF", "ELS", "CMA", "ISA", "IRP", "P2P", "EPS", "PER", "PBR",
    "ROE", "YOY", "QOQ", "BM", "PoC", "POC", "MAU", "DAU", "AWS", "IDC", "DC", "TF", "MERS", "SFTS", "NLL", "CC", "IO", "QHD",
    "BOOK", "SERIES", "FHD", "HDR", "LNG", "LPG", "EEZ", "ADIZ", "THAAD", "SLBM", "ICBM", "IRBM", "DMZ",
];

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

/// Words after a date (`11월 말`).
#[rustfmt::skip]
pub const DATE_SUFFIXES: &[&str] = &[
    "말", "초", "중순", "초순", "하순", "상순", "중", "께",
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

/// Endings of organisation names.
#[rustfmt::skip]
pub const ORG_SUFFIXES: &[&str] = &[
    "사관학교", "학교", "제과", "식품", "유업", "해운", "관광", "네트워크", "투데이",
    "대사관", "영사관", "경찰국", "의료원", "실업", "제분", "산업", "예술단", "대책위", "추진위", "전우회",
    "사이버대", "외대", "과기대", "교대", "여대", "공대", "의대", "대", "위원단", "사무국", "지부", "본점",
    "고법", "지검", "재판소", "검찰청", "중수부", "합수부", "수사본부", "특위", "위원회", "민주연합", "에너지",
    "전자", "그룹", "은행", "증권", "보험", "생명", "화재", "카드", "캐피탈", "대학교", "대학", "대학원", "위원회", "협회",
    "재단", "연구원", "연구소", "공사", "공단", "진흥원", "경찰서", "경찰청", "검찰청", "지검", "지법", "법원", "고법", "본부",
    "일보", "신문", "방송", "뉴스", "통신", "협동조합", "조합", "연합회", "연맹", "학회", "고등학교", "중학교", "초등학교", "병원",
    "백화점", "건설", "중공업", "화학", "제약", "바이오", "엔터테인먼트", "홀딩스", "지주", "컴퍼니", "텔레콤", "항공", "해운",
    "자동차", "모터스", "네트웍스", "커뮤니케이션즈", "파트너스", "인베스트먼트", "자산운용", "저축은행", "상사", "물산", "중앙회", "공화국",
    "교육청", "시청", "구청", "군청", "도청", "소방서", "거래소", "기구", "당", "부", "청", "처", "구단", "닷컴", "사무소",
    "연구회", "클럽", "협의회", "노조", "노동조합",
];

/// Nouns for institutions that KLUE and readers treat as organisations, but
/// that name no particular node (`경찰`, `정부`).
#[rustfmt::skip]
pub const INSTITUTIONS: &[&str] = &[
    "경찰", "검찰", "정부", "법원", "재판부", "여당", "야당", "당국", "군당국", "경찰당국", "보건당국", "방역당국", "소방당국",
    "금융당국", "외교당국", "군",
];

/// Proper nouns that are not entities worth a node.
#[rustfmt::skip]
pub const NOT_NAMES: &[&str] = &[
    "메르스", "사스", "코로나", "에볼라", "지카", "드론", "카지노", "크리스마스", "서커스", "브랜드",
    "이미지", "유튜버", "아티스트", "버거", "알바", "밀크티", "리코타", "루킹", "실버바",
    "바이오", "방미", "방한", "방북", "방중", "방일",
    "셰프", "라이브", "스페셜", "스타", "모델", "오피스", "마케팅", "시즌", "버전", "에디션", "시리즈",
    "클라우드", "인터넷", "서비스", "업계", "관계자", "국내", "해외", "글로벌", "당사", "양사", "자회사", "본사", "정부", "회사",
    "기업", "시장", "인공지능", "데이터", "플랫폼", "스마트폰", "모바일", "온라인", "오프라인", "디지털", "메인", "뉴스", "속보",
    "포토", "영상", "네티즌",
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

/// Endings that look like an organisation suffix but name places or things
/// (`중국식당`, `명동성당`).
#[rustfmt::skip]
pub const NOT_ORG_ENDINGS: &[&str] = &[
    "식당", "성당", "법당", "서당", "사당", "경로당", "강당", "본당", "카드", "신용카드",
];

/// Endings of landmark names (`신라호텔`, `대천해수욕장`, `인천국제공항`).
#[rustfmt::skip]
pub const LANDMARK_SUFFIXES: &[&str] = &[
    "호텔", "해수욕장", "궁", "공원", "광장", "역", "공항", "타워", "빌딩", "해협", "반도", "호수",
    "계곡", "폭포", "대교", "터미널", "경기장", "구장", "체육관", "사거리", "오거리", "고원", "평야",
    "사막", "열도", "제도", "운하", "댐", "항구", "부두", "면세점", "백화점", "교회", "성당", "사찰",
];

/// [`TITLES`] as a set.
pub static TITLES_SET: WordSet = LazyLock::new(|| TITLES.iter().copied().collect());

/// [`NOT_NAMES`] as a set.
pub static NOT_NAMES_SET: WordSet = LazyLock::new(|| NOT_NAMES.iter().copied().collect());

/// [`INSTITUTIONS`] as a set.
pub static INSTITUTIONS_SET: WordSet = LazyLock::new(|| INSTITUTIONS.iter().copied().collect());

/// [`COUNTER_NOUNS`] as a set.
pub static COUNTER_NOUNS_SET: WordSet = LazyLock::new(|| COUNTER_NOUNS.iter().copied().collect());

/// [`PLACE_SUFFIXES`] as a set.
pub static PLACE_SUFFIXES_SET: WordSet = LazyLock::new(|| PLACE_SUFFIXES.iter().copied().collect());

/// [`GENERIC_ACRONYMS`] as a set.
pub static GENERIC_ACRONYMS_SET: WordSet =
    LazyLock::new(|| GENERIC_ACRONYMS.iter().copied().collect());

/// [`ORG_SUFFIXES`] as a set.
pub static ORG_SUFFIXES_SET: WordSet = LazyLock::new(|| ORG_SUFFIXES.iter().copied().collect());

/// [`NOT_ORG_ENDINGS`] as a set.
pub static NOT_ORG_ENDINGS_SET: WordSet =
    LazyLock::new(|| NOT_ORG_ENDINGS.iter().copied().collect());

/// [`LANDMARK_SUFFIXES`] as a set.
pub static LANDMARK_SUFFIXES_SET: WordSet =
    LazyLock::new(|| LANDMARK_SUFFIXES.iter().copied().collect());

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

/// Length in characters of the longest [`ORG_SUFFIXES`] entry.
pub static ORG_SUFFIX_MAX_CHARS: LazyLock<usize> = LazyLock::new(|| {
    ORG_SUFFIXES
        .iter()
        .map(|s| s.chars().count())
        .max()
        .unwrap_or(0)
});

/// For each Hangul syllable, whether it ends some entry of
/// [`ORG_SUFFIXES`], [`NOT_ORG_ENDINGS`] or [`LANDMARK_SUFFIXES`] (a bit per
/// syllable). A word ending in any other character has none of them as a
/// suffix, which most nouns can learn with one look.
static ORG_WORD_ENDS: LazyLock<Vec<u64>> = LazyLock::new(|| {
    let mut bits = vec![0u64; 11172usize.div_ceil(64)];
    for w in ORG_SUFFIXES
        .iter()
        .chain(NOT_ORG_ENDINGS)
        .chain(LANDMARK_SUFFIXES)
    {
        if let Some(code) = w.chars().next_back().and_then(syllable_index)
            && let Some(word) = bits.get_mut(code / 64)
        {
            *word |= 1 << (code % 64);
        }
    }
    bits
});

/// Whether some organisation suffix, non-organisation ending or landmark
/// suffix could end a word whose last character is `c`. Every entry is
/// Hangul, so other characters never do.
pub fn may_end_org_word(c: char) -> bool {
    syllable_index(c).is_some_and(|code| {
        ORG_WORD_ENDS
            .get(code / 64)
            .is_some_and(|word| word & (1 << (code % 64)) != 0)
    })
}
