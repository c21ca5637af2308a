//! Token → mention rules: which runs of morphemes name an entity, and of
//! what type.
//!
//! Takes the analyser's tokens of one text (with the gazetteer's names in
//! its user dictionary), gives non-overlapping [`Mention`]s. Because the
//! rules work on morphemes, particles and endings never stick to a name
//! (`KT클라우드는` → `KT클라우드`, `김영섭호` → `김영섭`).
//!
//! Passes, each claiming the tokens it uses so later ones cannot overlap:
//!
//! 1. gazetteer names (longest match over up to six tokens);
//! 2. numbers with units and time words → MONEY, DATE, TIME, QUANTITY
//!    (`1억2000만달러`, `지난해 8월`, `오후 3시`, `3명`, `10%`);
//! 3. people: the dictionary's 인명 class, surname + given name before a
//!    title (`권하영 기자`), a bare surname before a title (`김 대표`, a short
//!    form), an initial before `씨` (`A씨`);
//! 4. places: the dictionary's 지명 class with administrative suffixes;
//! 5. organisations: names ending in an organisation suffix (`전자`,
//!    `위원회`, `경찰서`…), Latin acronyms that are not generic (`MBC`, not
//!    `CEO`), institutions (`경찰`, `정부`, flagged generic);
//! 6. product names that extend a gazetteer product inside quotes
//!    (`‘애저 MCFS(금융 클라우드)’` → `애저 MCFS`).

use super::date::{self, Date};
use super::gazetteer::Gazetteer;
use super::money;
use super::romanize::{is_hangul_syllable, surname};
use super::{EntityType, Mention, Value, generated_id};
use crate::text::{Analyzer, Token, Word};

/// Titles and forms of address that follow a person's name.
pub const TITLES: &[&str] = &[
    "대표이사",
    "대표",
    "회장",
    "부회장",
    "사장",
    "부사장",
    "전무",
    "상무",
    "이사장",
    "이사",
    "의장",
    "위원장",
    "장관",
    "차관",
    "총리",
    "대통령",
    "부통령",
    "의원",
    "기자",
    "씨",
    "모씨",
    "교수",
    "박사",
    "원장",
    "청장",
    "총장",
    "감독",
    "선수",
    "코치",
    "변호사",
    "검사",
    "판사",
    "시장",
    "지사",
    "군수",
    "구청장",
    "대변인",
    "본부장",
    "부장",
    "팀장",
    "실장",
    "센터장",
    "소장",
    "총재",
    "대사",
    "특파원",
    "앵커",
    "아나운서",
    "작가",
    "배우",
    "가수",
    "군",
    "양",
    "옹",
    "여사",
    "할머니",
    "할아버지",
    "행장",
    "은행장",
    "부행장",
    "최고경영자",
    "최고기술책임자",
    "최고재무책임자",
    "창업자",
    "고문",
    "당선인",
    "후보",
    "단장",
    "국장",
    "처장",
    "원내대표",
    "대표님",
    "회장님",
    "사무총장",
    "위원",
    "수석",
    "비서관",
    "전무이사",
    "상무이사",
    "CEO",
    "CTO",
    "CFO",
    "COO",
    "CIO",
    "CSO",
    "CMO",
    "의사",
    "교사",
    "목사",
    "신부",
    "스님",
    "선생",
    "선생님",
    "주교",
    "추기경",
    "경위",
    "경감",
    "경정",
    "총경",
    "연구원",
    "연구위원",
    "책임연구원",
    "이사회",
    "부대표",
    "공동대표",
];

/// Latin acronyms that are words, not organisations.
const GENERIC_ACRONYMS: &[&str] = &[
    "AI", "IT", "TV", "PC", "CEO", "CFO", "CTO", "COO", "CIO", "CSO", "CMO", "SNS", "IPO", "MOU",
    "GDP", "CPU", "GPU", "NPU", "OS", "UI", "UX", "API", "IOT", "VR", "AR", "XR", "MR", "DNA",
    "LTE", "VDI", "IDC", "CSP", "MSP", "SAAS", "PAAS", "IAAS", "B2B", "B2C", "ESG", "M&A", "R&D",
    "CCTV", "PD", "MC", "DJ", "VIP", "LED", "LCD", "OLED", "USB", "SW", "HW", "QR", "ID", "PR",
    "HR", "KPI", "ROI", "FTA", "ICT", "OTT", "SUV", "EV", "NFT", "CD", "DVD", "MP3", "HD", "UHD",
    "PDF", "URL", "SMS", "GPS", "IP", "AP", "ATM", "DX", "AX", "GX", "LLM", "SLLM", "GPT", "NO",
    "OK", "VS", "PPT", "CG", "OST", "MV", "SF", "PK", "FA", "MVP", "KO", "TKO", "ERA", "CT", "MRI",
    "PCR", "ICU", "ER", "SOS", "FAQ", "Q&A", "KM", "KG", "CM", "MM", "MW", "GW", "KW", "KWH", "GB",
    "TB", "MB", "ML", "HTML", "HTTP", "WWW", "APP", "CSAP", "SLA", "MSA", "HPC", "DB", "ERP",
    "CRM", "SCM", "BI", "RPA", "SI", "SM", "IPTV", "CES", "MWC", "IFA", "VC", "PEF", "ETF", "ELS",
    "CMA", "ISA", "IRP", "P2P", "EPS", "PER", "PBR", "ROE", "YOY", "QOQ", "BM", "PoC", "POC",
    "MAU", "DAU", "AWS", "IDC",
];

/// Units after a number.
fn unit_kind(unit: &str) -> Option<EntityType> {
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

/// Words that are a date on their own.
const DATE_WORDS: &[&str] = &[
    "이날",
    "전날",
    "지난해",
    "올해",
    "오늘",
    "어제",
    "내일",
    "이듬해",
    "작년",
    "내년",
    "전일",
    "당일",
    "다음날",
    "이튿날",
    "금일",
    "하루",
    "이틀",
    "사흘",
    "나흘",
    "연말",
    "연초",
    "지난주",
    "이번주",
    "다음주",
    "지난달",
    "이달",
    "다음달",
    "내달",
    "상반기",
    "하반기",
    "그날",
    "한해",
    "전년",
    "올",
    "그저께",
    "그제",
    "모레",
    "새해",
    "주말",
    "매년",
    "매달",
    "매주",
    "연내",
];
/// Words that start a date expression before a number (`지난 1일`).
const DATE_PREFIXES: &[&str] = &[
    "지난",
    "오는",
    "올해",
    "지난해",
    "작년",
    "내년",
    "이달",
    "지난달",
    "다음달",
    "내달",
    "올",
    "이번",
    "다음",
    "매년",
    "매주",
    "매달",
    "이듬해",
    "전년",
    "같은",
    "금년",
];
/// Words after a date (`11월 말`).
const DATE_SUFFIXES: &[&str] = &["말", "초", "중순", "초순", "하순", "상순", "중", "께"];
/// Words that are a time of day (and start `오후 3시`).
const TIME_WORDS: &[&str] = &[
    "오전", "오후", "새벽", "밤", "저녁", "낮", "아침", "정오", "자정", "한낮", "심야", "밤새",
];
/// Korean numeral determiners (`두 번째`, `한 명`).
const NUMERAL_DETERMINERS: &[&str] = &[
    "한", "두", "세", "네", "다섯", "여섯", "일곱", "여덟", "아홉", "열", "첫", "스무", "서른",
];

/// Endings of organisation names.
const ORG_SUFFIXES: &[&str] = &[
    "전자",
    "그룹",
    "은행",
    "증권",
    "보험",
    "생명",
    "화재",
    "카드",
    "캐피탈",
    "대학교",
    "대학",
    "대학원",
    "위원회",
    "협회",
    "재단",
    "연구원",
    "연구소",
    "공사",
    "공단",
    "진흥원",
    "경찰서",
    "경찰청",
    "검찰청",
    "지검",
    "지법",
    "법원",
    "고법",
    "본부",
    "일보",
    "신문",
    "방송",
    "뉴스",
    "통신",
    "협동조합",
    "조합",
    "연합회",
    "연맹",
    "학회",
    "고등학교",
    "중학교",
    "초등학교",
    "병원",
    "백화점",
    "건설",
    "중공업",
    "화학",
    "제약",
    "바이오",
    "엔터테인먼트",
    "홀딩스",
    "지주",
    "컴퍼니",
    "텔레콤",
    "항공",
    "해운",
    "자동차",
    "모터스",
    "네트웍스",
    "커뮤니케이션즈",
    "파트너스",
    "인베스트먼트",
    "자산운용",
    "저축은행",
    "상사",
    "물산",
    "중앙회",
    "공화국",
    "교육청",
    "시청",
    "구청",
    "군청",
    "도청",
    "소방서",
    "거래소",
    "기구",
    "당",
    "부",
    "청",
    "처",
    "원",
    "위",
    "원회",
    "구단",
    "닷컴",
    "사무소",
    "연구회",
    "클럽",
    "협의회",
    "노조",
    "노동조합",
];
/// Nouns for institutions that KLUE and readers treat as organisations, but
/// that name no particular node (`경찰`, `정부`).
const INSTITUTIONS: &[&str] = &[
    "경찰",
    "검찰",
    "정부",
    "법원",
    "재판부",
    "여당",
    "야당",
    "당국",
    "군당국",
    "경찰당국",
    "보건당국",
    "방역당국",
    "소방당국",
    "금융당국",
    "외교당국",
    "군",
];
/// Proper nouns that are not entities worth a node.
const NOT_NAMES: &[&str] = &[
    "클라우드",
    "인터넷",
    "서비스",
    "업계",
    "관계자",
    "국내",
    "해외",
    "글로벌",
    "당사",
    "양사",
    "자회사",
    "본사",
    "정부",
    "회사",
    "기업",
    "시장",
    "인공지능",
    "데이터",
    "플랫폼",
    "스마트폰",
    "모바일",
    "온라인",
    "오프라인",
    "디지털",
    "메인",
    "뉴스",
    "속보",
    "포토",
    "영상",
    "네티즌",
];
/// Administrative suffixes attached to place names.
const PLACE_SUFFIXES: &[&str] = &[
    "시", "도", "군", "구", "동", "읍", "면", "리", "로", "길", "주", "성", "현", "역", "항",
    "공항", "광장", "공원", "섬", "산", "강", "만", "해", "반도", "대로",
];

/// A token with the facts the rules need.
struct Tok<'t> {
    s: &'t str,
    pos: String,
    sem: String,
    /// Whitespace between the previous token and this one.
    sp: bool,
    start: usize,
    end: usize,
    bs: usize,
    be: usize,
    unknown: bool,
}

impl Tok<'_> {
    fn noun(&self) -> bool {
        matches!(
            self.pos.as_str(),
            "NNG" | "NNP" | "NNB" | "NNBC" | "NR" | "NP" | "SL" | "SH" | "SN" | "XSN" | "XPN"
        )
    }
    fn proper(&self) -> bool {
        self.pos == "NNP"
    }
    fn latin(&self) -> bool {
        self.pos == "SL"
    }
    fn number(&self) -> bool {
        self.pos == "SN"
    }
}

struct Recognizer<'a, 't> {
    text: &'t str,
    toks: Vec<Tok<'t>>,
    claimed: Vec<bool>,
    gazetteer: &'a Gazetteer,
    published: Option<Date>,
    out: Vec<Mention>,
}

/// Finds the mentions in `text`, given its tokens.
pub fn recognize(
    analyzer: &Analyzer,
    gazetteer: &Gazetteer,
    text: &str,
    tokens: &[Token<'_>],
    published: Option<Date>,
) -> Vec<Mention> {
    let mut toks = Vec::with_capacity(tokens.len());
    let mut prev_end = 0;
    for t in tokens {
        let mut f = analyzer.features(t.word);
        let pos = f.next().unwrap_or("*").to_string();
        let sem = f.next().unwrap_or("*").to_string();
        toks.push(Tok {
            s: t.surface,
            pos,
            sem,
            sp: t.byte_start > prev_end || toks.is_empty(),
            start: t.start,
            end: t.end,
            bs: t.byte_start,
            be: t.byte_end,
            unknown: matches!(t.word, Word::Unknown(_)),
        });
        prev_end = t.byte_end;
    }
    let n = toks.len();
    let mut r = Recognizer {
        text,
        toks,
        claimed: vec![false; n],
        gazetteer,
        published,
        out: Vec::new(),
    };
    r.gazetteer_pass();
    r.extend_products();
    r.number_pass();
    r.person_pass();
    r.place_pass();
    r.org_pass();
    r.out.sort_by_key(|m| m.start);
    r.out
}

impl<'t> Recognizer<'_, 't> {
    fn free(&self, i: usize, j: usize) -> bool {
        j <= self.toks.len() && i < j && !self.claimed[i..j].iter().any(|&c| c)
    }

    fn slice(&self, i: usize, j: usize) -> &'t str {
        &self.text[self.toks[i].bs..self.toks[j - 1].be]
    }

    /// Surface of token `i`, or "" past the end.
    fn s(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.s)
    }

    /// Whether token `i` starts a word (whitespace or punctuation before it).
    fn word_start(&self, i: usize) -> bool {
        i == 0
            || self.toks[i].sp
            || matches!(
                self.toks[i - 1].pos.as_str(),
                "SF" | "SP" | "SS" | "SSO" | "SSC" | "SE" | "SO" | "SY"
            )
    }

    fn push(
        &mut self,
        i: usize,
        j: usize,
        kind: EntityType,
        id: Option<String>,
        rule: &'static str,
    ) {
        let text = self.slice(i, j).to_string();
        let value = match kind {
            EntityType::Money => money::parse_money(&text).map(Value::Money),
            EntityType::Date => {
                date::resolve(&text, self.published).map(|d| Value::Date { date: d })
            }
            _ => None,
        };
        let id = id.unwrap_or_else(|| match &value {
            Some(Value::Money(m)) => format!("money:{}:{}", m.amount, m.currency),
            Some(Value::Date { date }) => format!("date:{date}"),
            None => generated_id(kind, &text),
        });
        for c in &mut self.claimed[i..j] {
            *c = true;
        }
        self.out.push(Mention {
            start: self.toks[i].start,
            end: self.toks[j - 1].end,
            byte_start: self.toks[i].bs,
            byte_end: self.toks[j - 1].be,
            text,
            kind,
            id,
            value,
            rule,
            short_form: false,
            generic: false,
        });
    }

    fn gazetteer_pass(&mut self) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            let mut found = None;
            if self.toks[i].noun() || self.toks[i].pos == "SY" {
                for j in (i + 1..=(i + 6).min(n)).rev() {
                    if !self.toks[j - 1].noun() && self.toks[j - 1].pos != "SY" {
                        continue;
                    }
                    let Some(e) = self.gazetteer.lookup(self.slice(i, j)) else {
                        continue;
                    };
                    // A name glued to more of a name is a different name
                    // (`삼성` in `삼성바이오에피스`).
                    let glued_right = self.toks.get(j).is_some_and(|t| {
                        !t.sp
                            && (t.proper()
                                || t.latin()
                                || t.number()
                                || (t.pos == "XSN" && matches!(t.s, "형" | "식")))
                    });
                    let glued_left = i > 0
                        && !self.toks[i].sp
                        && (self.toks[i - 1].proper() || self.toks[i - 1].latin());
                    if !glued_right && !glued_left {
                        found = Some((j, e.kind, e.id.clone()));
                    }
                    break;
                }
            }
            if let Some((j, kind, id)) = found {
                self.push(i, j, kind, Some(id), "gazetteer");
                i = j;
            } else {
                i += 1;
            }
        }
    }

    /// The end of a number starting at `i` (digits, 만/억/조, separators,
    /// ranges), or `i` when there is none.
    fn number_end(&self, i: usize) -> usize {
        let n = self.toks.len();
        let mut j = i;
        while j < n {
            let t = &self.toks[j];
            let ok = if j == i {
                t.number() || (t.pos == "NR" && money::parse_number(t.s).is_some())
            } else if t.number() {
                // `8만 8000`: a space is allowed after a myriad unit.
                !t.sp || matches!(self.toks[j - 1].s, "만" | "억" | "조")
            } else if t.pos == "NR" {
                !t.sp && matches!(t.s, "만" | "억" | "조" | "천" | "백" | "십" | "경")
            } else if matches!(t.s, "," | "." | "-" | "~" | "∼" | "〜") {
                !t.sp && self.toks.get(j + 1).is_some_and(|u| u.number() && !u.sp)
            } else {
                t.s == "여" && !t.sp && t.pos.starts_with("XSN")
            };
            if !ok {
                break;
            }
            j += 1;
        }
        j
    }

    fn number_pass(&mut self) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            if self.claimed[i] {
                i += 1;
                continue;
            }
            if let Some((a, b, kind)) = self.number_expr(i)
                && self.free(a, b)
            {
                self.push(a, b, kind, None, "number");
                i = b;
                continue;
            }
            i += 1;
        }
    }

    /// A number expression around token `i`: (start, end, type).
    fn number_expr(&self, i: usize) -> Option<(usize, usize, EntityType)> {
        let n = self.toks.len();
        let t = &self.toks[i];
        // Time and date words on their own (`이날`, `오후`), possibly
        // followed by a number expression (`지난해 8월`, `오후 3시`).
        let is_date_word = DATE_WORDS.contains(&t.s) && t.pos.starts_with('N');
        let is_time_word = TIME_WORDS.contains(&t.s) && t.pos.starts_with('N');
        let is_prefix = DATE_PREFIXES.contains(&t.s);
        if (is_date_word || is_time_word || is_prefix) && self.word_start(i) {
            // Glued to a following noun it is part of another word (`올해`
            // is fine, `밤하늘` is not).
            if self
                .toks
                .get(i + 1)
                .is_some_and(|u| !u.sp && u.pos.starts_with("NN"))
            {
                return None;
            }
            if let Some((_, b, kind)) = self
                .toks
                .get(i + 1)
                .filter(|u| u.sp)
                .and_then(|_| self.unit_expr(i + 1))
            {
                let kind = if is_time_word { EntityType::Time } else { kind };
                if kind != EntityType::Quantity && kind != EntityType::Money {
                    return Some((i, b, kind));
                }
            }
            if is_date_word {
                return Some((i, i + 1, EntityType::Date));
            }
            if is_time_word {
                return Some((i, i + 1, EntityType::Time));
            }
            return None;
        }
        // `제1차`
        if t.s == "제"
            && t.pos.starts_with("XPN")
            && let Some((_, b, kind)) = self
                .toks
                .get(i + 1)
                .filter(|u| !u.sp)
                .and_then(|_| self.unit_expr(i + 1))
        {
            return Some((i, b, kind));
        }
        // `약 1658억원`: the hedge belongs to the amount.
        if t.pos == "MM"
            && t.sem.contains("수표현")
            && let Some((_, b, kind)) = self
                .toks
                .get(i + 1)
                .filter(|u| u.sp)
                .and_then(|_| self.unit_expr(i + 1))
            && (kind == EntityType::Money || kind == EntityType::Quantity)
        {
            return Some((i, b, kind));
        }
        // `두 번째`, `한 명`
        if NUMERAL_DETERMINERS.contains(&t.s) && t.pos.starts_with("MM") && i + 1 < n {
            let u = &self.toks[i + 1];
            if u.sp && u.pos == "NNBC" {
                let mut b = i + 2;
                if self.s(b) == "째" {
                    b += 1;
                }
                return Some((i, b, EntityType::Quantity));
            }
        }
        if t.number() || t.pos == "NR" {
            // Part of an alphanumeric name (`2NE1`, `G7`).
            if i > 0 && !t.sp && self.toks[i - 1].latin() {
                return None;
            }
            if i + 1 < n && !self.toks[i + 1].sp && self.toks[i + 1].latin() && t.number() {
                let u = self.toks[i + 1].s;
                if !is_latin_unit(u) {
                    return None;
                }
            }
            return self.unit_expr(i);
        }
        None
    }

    /// A number followed by its unit, chained (`2010년 5월`, `5시 30분`,
    /// `1년7개월`), from token `i`.
    fn unit_expr(&self, i: usize) -> Option<(usize, usize, EntityType)> {
        let n = self.toks.len();
        let j = self.number_end(i);
        if j == i {
            return None;
        }
        // Korean-only numerals (`하나`, `일`) need a unit to be numbers.
        let digits = self.toks[i..j].iter().any(|t| t.number());
        let Some(u) = self.toks.get(j).filter(|u| !u.sp || u.pos == "NNBC") else {
            return digits.then_some((i, j, EntityType::Quantity));
        };
        let kind = if u.s == "%" || u.s == "％" {
            EntityType::Quantity
        } else if u.latin() {
            if !is_latin_unit(u.s) {
                return digits.then_some((i, j, EntityType::Quantity));
            }
            EntityType::Quantity
        } else if let Some(k) = unit_kind(u.s) {
            // `5분의 3` is a fraction, not minutes.
            if u.s == "분" && self.s(j + 1) == "의" {
                let b = self.number_end(j + 2);
                return (b > j + 2).then_some((i, b, EntityType::Quantity));
            }
            k
        } else if u.pos == "NNBC" || (u.pos.starts_with("NN") && COUNTER_NOUNS.contains(&u.s)) {
            EntityType::Quantity
        } else {
            return digits.then_some((i, j, EntityType::Quantity));
        };
        let mut b = j + 1;
        // `100여명` has 여 after the unit too (`1시간여`).
        if self.s(b) == "여" && !self.toks[b].sp {
            b += 1;
        }
        if self.s(b) == "째" && !self.toks[b].sp {
            b += 1;
        }
        // Chain further date or time parts.
        if kind == EntityType::Date || kind == EntityType::Time {
            loop {
                if b < n
                    && DATE_SUFFIXES.contains(&self.s(b))
                    && kind == EntityType::Date
                    && self.s(b) != "께"
                    && self.toks[b].pos.starts_with("NN")
                {
                    b += 1;
                    continue;
                }
                if b < n && (self.toks[b].number()) {
                    let e = self.number_end(b);
                    if let Some(u2) = self.toks.get(e)
                        && unit_kind(u2.s) == Some(kind)
                        && (!u2.sp)
                    {
                        b = e + 1;
                        continue;
                    }
                }
                // Ranges `오전 1시∼3시`
                if b + 1 < n
                    && matches!(self.s(b), "~" | "∼" | "-" | "〜")
                    && self.toks[b + 1].number()
                {
                    let e = self.number_end(b + 1);
                    if let Some(u2) = self.toks.get(e)
                        && unit_kind(u2.s) == Some(kind)
                    {
                        b = e + 1;
                        continue;
                    }
                }
                break;
            }
        }
        Some((i, b, kind))
    }

    fn person_pass(&mut self) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            if self.claimed[i] {
                i += 1;
                continue;
            }
            if let Some((b, rule, short)) = self.person_at(i)
                && self.free(i, b)
            {
                self.push(i, b, EntityType::Person, None, rule);
                if short && let Some(m) = self.out.last_mut() {
                    m.short_form = true;
                }
                i = b;
                continue;
            }
            i += 1;
        }
    }

    /// Whether a title follows token `j` (in the same word or the next).
    fn title_at(&self, j: usize) -> bool {
        let Some(t) = self.toks.get(j) else {
            return false;
        };
        if TITLES.contains(&t.s) {
            return true;
        }
        // `구 전 대표`
        t.s == "전"
            && t.sp
            && self
                .toks
                .get(j + 1)
                .is_some_and(|u| u.sp && TITLES.contains(&u.s))
    }

    fn person_at(&self, i: usize) -> Option<(usize, &'static str, bool)> {
        let n = self.toks.len();
        let t = &self.toks[i];
        if !self.word_start(i) {
            return None;
        }
        // `A씨`, `B 씨`
        if t.latin() && t.s.len() == 1 && t.s.chars().all(|c| c.is_ascii_uppercase()) {
            if matches!(self.s(i + 1), "씨" | "군" | "양" | "모씨") {
                return Some((i + 1, "initial", true));
            }
            return None;
        }
        if !t.s.chars().all(is_hangul_syllable) {
            return None;
        }
        // The dictionary's person class.
        if t.sem == "인명" && t.proper() {
            let mut b = i + 1;
            while b < n && !self.toks[b].sp && self.toks[b].sem == "인명" && self.toks[b].proper()
            {
                b += 1;
            }
            let name = self.slice(i, b);
            let chars = name.chars().count();
            // `김모 씨`: the surname alone.
            if b == i + 2 && self.toks[i + 1].s == "모" {
                return Some((i + 1, "short-form", true));
            }
            // A glued common noun makes it another word.
            if self
                .toks
                .get(b)
                .is_some_and(|u| !u.sp && (u.pos == "NNG" || u.proper()))
            {
                return None;
            }
            if chars == 1 {
                return (surname(name).is_some() && self.title_at(b)).then_some((
                    b,
                    "short-form",
                    true,
                ));
            }
            // Foreign names are several words (`블레이크 라이블리`).
            let korean = chars <= 4 && surname(first_char(name)).is_some();
            if !korean {
                while b < n
                    && self.toks[b].sp
                    && self.toks[b].sem == "인명"
                    && self.toks[b].proper()
                    && self.toks[b].s.chars().count() >= 2
                    && !self
                        .toks
                        .get(b + 1)
                        .is_some_and(|u| !u.sp && (u.pos == "NNG" || u.proper()))
                {
                    b += 1;
                }
            }
            if NOT_NAMES.contains(&name) {
                return None;
            }
            return Some((b, "dictionary", false));
        }
        // Surname + given name the dictionary does not know, before a title:
        // `권하영 기자`, `권하영기자`.
        if let Some(sn) = surname(first_char(t.s)) {
            let _ = sn;
            for len in 1..=3 {
                let b = i + len;
                if b > n || (b > i + 1 && self.toks[b - 1].sp) {
                    break;
                }
                let name = self.slice(i, b);
                let chars = name.chars().count();
                if !(2..=4).contains(&chars) || !name.chars().all(is_hangul_syllable) {
                    if chars > 4 {
                        break;
                    }
                    continue;
                }
                // One known common word is a word (`정부 대표`), not a name;
                // a split name starts with the surname on its own (`권|하영`,
                // not `이사|회`).
                if len == 1 && !t.unknown && t.pos != "NNP" {
                    continue;
                }
                if len > 1 && t.s.chars().count() != 1 {
                    break;
                }
                if self.toks.get(b).is_some_and(|u| {
                    TITLES.contains(&u.s) && !matches!(u.s, "군" | "양" | "위원" | "이사회")
                }) && (b == n - 1
                    || !self
                        .toks
                        .get(b + 1)
                        .is_some_and(|u| !u.sp && u.pos.starts_with("NN")))
                {
                    return Some((b, "title", false));
                }
            }
            // A bare surname before a title: `김 대표`, `구 전 대표`.
            if t.s.chars().count() == 1
                && self.toks.get(i + 1).is_some_and(|u| u.sp)
                && self.title_at(i + 1)
            {
                return Some((i + 1, "short-form", true));
            }
            // `김 모씨`, `안모 씨`
            if t.s.chars().count() == 2 && t.s.ends_with('모') && matches!(self.s(i + 1), "씨") {
                return None;
            }
        }
        None
    }

    fn place_pass(&mut self) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            let t = &self.toks[i];
            if self.claimed[i] || !(t.sem == "지명" && t.proper()) || !self.word_start(i) {
                i += 1;
                continue;
            }
            let mut b = i + 1;
            loop {
                while b < n
                    && !self.toks[b].sp
                    && !self.claimed[b]
                    && ((self.toks[b].sem == "지명" && self.toks[b].proper())
                        || (PLACE_SUFFIXES.contains(&self.toks[b].s)
                            && self.toks[b].pos.starts_with('N')))
                {
                    b += 1;
                }
                // `서울 강서구 화곡동`: consecutive place words.
                if b < n
                    && self.toks[b].sp
                    && !self.claimed[b]
                    && self.toks[b].sem == "지명"
                    && self.toks[b].proper()
                    && self.toks[b].s.chars().count() >= 2
                {
                    b += 1;
                    continue;
                }
                break;
            }
            let name = self.slice(i, b);
            // A place glued to an organisation word is the organisation's
            // name (`의정부경찰서`); the org pass decides.
            let glued = self
                .toks
                .get(b)
                .is_some_and(|u| !u.sp && (u.pos == "NNG" || u.proper() || u.latin()));
            // `한국형`, `미국식`: an attribute, not the place.
            let attribute = self.toks.get(b).is_some_and(|u| {
                !u.sp && u.pos == "XSN" && matches!(u.s, "형" | "식" | "계" | "풍")
            });
            if glued || attribute || name.chars().count() < 2 || !self.free(i, b) {
                i += 1;
                continue;
            }
            self.push(i, b, EntityType::Location, None, "dictionary");
            i = b;
        }
    }

    fn org_pass(&mut self) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            if self.claimed[i] || !self.word_start(i) {
                i += 1;
                continue;
            }
            // The noun stem of this word.
            let mut b = i;
            while b < n && (b == i || !self.toks[b].sp) && self.toks[b].noun() && !self.claimed[b] {
                b += 1;
            }
            // Allow the analyser's odd splits inside a Latin-led name
            // (`KGC인삼공사` → KGC/인/삼공사).
            if b > i && self.toks[i].latin() {
                let mut c = b;
                while c < n
                    && !self.toks[c].sp
                    && !self.claimed[c]
                    && !self.toks[c].pos.starts_with('J')
                    && !self.toks[c].pos.starts_with('S')
                {
                    c += 1;
                }
                if c > b && self.toks[c - 1].noun() {
                    b = c;
                }
            }
            if b == i {
                i += 1;
                continue;
            }
            // Trailing bound nouns and suffixes are not part of a name (`등`).
            while b > i + 1 && matches!(self.toks[b - 1].pos.as_str(), "NNB" | "XSN") {
                b -= 1;
            }
            let stem = self.slice(i, b);
            if let Some(kind) = self.org_kind(i, b, stem) {
                let generic = INSTITUTIONS.contains(&stem);
                self.push(
                    i,
                    b,
                    kind,
                    None,
                    if generic { "institution" } else { "suffix" },
                );
                if generic && let Some(m) = self.out.last_mut() {
                    m.generic = true;
                }
                i = b;
                continue;
            }
            i += 1;
        }
    }

    fn org_kind(&self, i: usize, b: usize, stem: &str) -> Option<EntityType> {
        if INSTITUTIONS.contains(&stem) {
            // `군` alone is too ambiguous (county, military, boy).
            return (stem != "군" && stem != "당국").then_some(EntityType::Org);
        }
        if NOT_NAMES.contains(&stem) {
            return None;
        }
        let first = &self.toks[i];
        let chars = stem.chars().count();
        // Latin acronyms and Latin-led names.
        if first.latin() {
            let acr = first.s.to_ascii_uppercase();
            let caps = first.s.chars().filter(|c| c.is_ascii_uppercase()).count();
            if caps < 2 || GENERIC_ACRONYMS.contains(&acr.as_str()) || first.s.len() > 10 {
                return None;
            }
            if b == i + 1
                || self.toks[i + 1..b]
                    .iter()
                    .all(|t| !t.pos.starts_with("NNG") || t.proper())
                || ORG_SUFFIXES.iter().any(|s| stem.ends_with(s))
                || b > i + 1
            {
                return Some(EntityType::Org);
            }
            return None;
        }
        if !stem.chars().all(is_hangul_syllable) {
            return None;
        }
        // Names ending in an organisation suffix.
        for s in ORG_SUFFIXES {
            if let Some(head) = stem.strip_suffix(s) {
                let head_chars = head.chars().count();
                let one_char = s.chars().count() == 1;
                if head_chars == 0 || (one_char && chars < 3) {
                    continue;
                }
                // One-syllable suffixes (`부`, `청`, `당`) only after a proper
                // noun or as the analyser's own organisation nouns.
                let has_proper = self.toks[i..b].iter().any(|t| t.proper() || t.latin());
                if one_char
                    && !has_proper
                    && !(b == i + 1
                        && self.toks[i].pos == "NNG"
                        && chars >= 3
                        && ONE_CHAR_ORG_OK.iter().any(|x| stem.ends_with(x)))
                {
                    continue;
                }
                if !has_proper && chars < 4 && b > i + 1 {
                    continue;
                }
                return Some(EntityType::Org);
            }
        }
        None
    }

    /// `‘애저 MCFS(금융 클라우드)’`: a gazetteer product followed by more of
    /// its name inside quotes becomes a product of its own.
    fn extend_products(&mut self) {
        let n = self.toks.len();
        for m in &mut self.out {
            if m.kind != EntityType::Product || m.rule != "gazetteer" {
                continue;
            }
            let Some(i) = self.toks.iter().position(|t| t.be == m.byte_end) else {
                continue;
            };
            let quoted = self.text[..m.byte_start]
                .trim_end()
                .ends_with(['‘', '\'', '“', '"', '「']);
            let mut b = i + 1;
            while b < n
                && self.toks[b].sp
                && (self.toks[b].latin() || (self.toks[b].proper() && !self.claimed[b]))
            {
                b += 1;
                while b < n
                    && !self.toks[b].sp
                    && (self.toks[b].latin() || self.toks[b].number() || self.toks[b].proper())
                {
                    b += 1;
                }
            }
            if b == i + 1 || self.claimed[i + 1..b].iter().any(|&c| c) {
                continue;
            }
            let next = self.toks.get(b).map_or("", |t| t.s);
            if !quoted && !matches!(next, "(" | "’" | "'" | "”" | "\"") {
                continue;
            }
            let be = self.toks[b - 1].be;
            m.byte_end = be;
            m.end = self.toks[b - 1].end;
            m.text = self.text[m.byte_start..be].to_string();
            m.id = generated_id(EntityType::Product, &m.text);
            m.rule = "product-extension";
            for c in &mut self.claimed[i + 1..b] {
                *c = true;
            }
        }
    }
}

/// One-syllable organisation suffixes accepted on a single dictionary noun
/// (`국방부`, `기상청`, `새누리당`).
const ONE_CHAR_ORG_OK: &[&str] = &["부", "청", "처", "당", "원"];

/// Counting nouns that the dictionary tags as common nouns.
const COUNTER_NOUNS: &[&str] = &[
    "명",
    "개",
    "곳",
    "번",
    "차례",
    "가지",
    "마리",
    "배",
    "위",
    "등",
    "세",
    "살",
    "대",
    "권",
    "장",
    "편",
    "척",
    "채",
    "벌",
    "쌍",
    "점",
    "건",
    "회",
    "차",
    "호",
    "층",
    "단",
    "승",
    "패",
    "골",
    "표",
    "석",
    "개국",
    "인",
    "가구",
    "세대",
    "퍼센트",
    "포인트",
    "톤",
    "미터",
    "킬로미터",
    "킬로그램",
    "배럴",
    "명분",
    "인분",
    "평",
    "kg",
    "km",
];

fn is_latin_unit(u: &str) -> bool {
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

fn first_char(s: &str) -> &str {
    s.char_indices().nth(1).map_or(s, |(b, _)| &s[..b])
}
