//! Korean numbers and amounts of money: `1억2000만달러` → 120,000,000 USD,
//! `약 1658억원` → 165,800,000,000 KRW (approximate).
//!
//! Takes the text of a MONEY (or QUANTITY) mention, gives its value. Korean
//! writes large numbers in groups of four digits named 만 (10⁴), 억 (10⁸),
//! 조 (10¹²) and 경 (10¹⁶), each group itself written in digits or with
//! 천/백/십 (`1천912억`), so a number is parsed group by group. Hedges such as
//! `약`, `여`, `가량`, `정도`, `수` make the value approximate; `매년`,
//! `연간`, `월` before it are kept as a period by the caller if wanted.

use serde::Serialize;

/// A normalised amount of money.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Money {
    /// The amount in units of the currency (e.g. won, dollars).
    #[serde(serialize_with = "serialize_amount")]
    pub amount: f64,
    /// ISO 4217 code: `KRW`, `USD`, `JPY`, `EUR`, `CNY`, `GBP`.
    pub currency: &'static str,
    /// Whether the text hedges the figure (`약`, `여`, `가량`, `수`…).
    pub approximate: bool,
}

fn serialize_amount<S: serde::Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

/// Currency words and symbols, longest first.
const CURRENCIES: &[(&str, &str)] = &[
    ("달러", "USD"),
    ("불", "USD"),
    ("$", "USD"),
    ("US$", "USD"),
    ("원", "KRW"),
    ("₩", "KRW"),
    ("엔", "JPY"),
    ("유로", "EUR"),
    ("€", "EUR"),
    ("위안", "CNY"),
    ("파운드", "GBP"),
];

/// Words that make a figure approximate.
const HEDGES: &[&str] = &[
    "약", "여", "가량", "정도", "쯤", "수", "대략", "최대", "최소", "이상", "이하", "남짓", "안팎",
    "내외",
];

/// Value of one Korean numeral word (`일`…`구`, `하나`…) or digit string.
fn small_number(s: &str) -> Option<f64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let digits: String = s.chars().filter(|c| *c != ',').collect();
    if let Ok(v) = digits.parse::<f64>() {
        return Some(v);
    }
    let v = match s {
        "일" | "한" | "하나" => 1.0,
        "이" | "두" | "둘" => 2.0,
        "삼" | "세" | "셋" => 3.0,
        "사" | "네" | "넷" => 4.0,
        "오" | "다섯" => 5.0,
        "육" | "여섯" => 6.0,
        "칠" | "일곱" => 7.0,
        "팔" | "여덟" => 8.0,
        "구" | "아홉" => 9.0,
        "십" | "열" => 10.0,
        _ => return None,
    };
    Some(v)
}

/// Parses a number below 10,000 written with digits and/or 천/백/십
/// (`1천912`, `3000`, `이천`, `천`).
fn below_myriad(s: &str) -> Option<f64> {
    if s.is_empty() {
        return None;
    }
    if let Some(v) = small_number(s) {
        return Some(v);
    }
    let mut total = 0.0;
    let mut rest = s;
    for (unit, mult) in [("천", 1000.0), ("백", 100.0), ("십", 10.0)] {
        if let Some(pos) = rest.find(unit) {
            let head = &rest[..pos];
            let k = if head.is_empty() {
                1.0
            } else {
                small_number(head)?
            };
            total += k * mult;
            rest = &rest[pos + unit.len()..];
        }
    }
    if !rest.is_empty() {
        total += small_number(rest)?;
    }
    Some(total)
}

/// Parses a Korean number: digit groups with 만/억/조/경 (`1억2000만`,
/// `1,658억`, `1.5조`, `120`). Returns `None` when `s` is not a number.
pub fn parse_number(s: &str) -> Option<f64> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return None;
    }
    let mut total = 0.0;
    let mut rest = s.as_str();
    for (unit, mult) in [("경", 1e16), ("조", 1e12), ("억", 1e8), ("만", 1e4)] {
        if let Some(pos) = rest.find(unit) {
            let head = &rest[..pos];
            let k = if head.is_empty() {
                1.0
            } else {
                below_myriad(head)?
            };
            total += k * mult;
            rest = &rest[pos + unit.len()..];
        }
    }
    if !rest.is_empty() {
        total += below_myriad(rest)?;
    }
    Some(total)
}

/// Normalises the text of a money expression (`1억2000만달러`,
/// `약 1658억원`, `$120 million` is not handled). `None` when no currency or
/// no number is found.
pub fn parse_money(text: &str) -> Option<Money> {
    let mut s = text.trim();
    let mut approximate = false;
    // Leading hedges and periods (`약`, `매년 약`, `연간`).
    loop {
        let before = s;
        for w in ["매년", "연간", "매달", "매월", "월", "연", "총", "무려"] {
            if let Some(r) = s.strip_prefix(w) {
                s = r.trim_start();
            }
        }
        for h in HEDGES {
            if let Some(r) = s.strip_prefix(h)
                && r.starts_with(|c: char| c.is_whitespace() || c.is_ascii_digit())
            {
                approximate = true;
                s = r.trim_start();
            }
        }
        if s == before {
            break;
        }
    }
    let mut currency = None;
    for (sym, code) in CURRENCIES {
        if let Some(r) = s.strip_prefix(sym) {
            currency = Some(*code);
            s = r.trim_start();
            break;
        }
    }
    // Trailing hedges (`가량`, `여원` is handled below), then the currency word.
    for h in HEDGES {
        if let Some(r) = s.strip_suffix(h) {
            approximate = true;
            s = r.trim_end();
        }
    }
    if currency.is_none() {
        for (word, code) in CURRENCIES {
            if let Some(r) = s.strip_suffix(word) {
                currency = Some(*code);
                s = r.trim_end();
                break;
            }
        }
    }
    let currency = currency?;
    // `1000여` / `100여만` : 여 marks an approximate figure.
    let cleaned: String = s
        .chars()
        .filter(|&c| {
            if c == '여' {
                approximate = true;
                false
            } else {
                true
            }
        })
        .collect();
    let amount = parse_number(&cleaned)?;
    Some(Money {
        amount,
        currency,
        approximate,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> (f64, &'static str, bool) {
        let v = parse_money(text).unwrap_or_else(|| panic!("{text}: no money"));
        (v.amount, v.currency, v.approximate)
    }

    #[test]
    fn issue_examples() {
        assert_eq!(m("1억2000만달러"), (120_000_000.0, "USD", false));
        assert_eq!(m("약 1658억원"), (165_800_000_000.0, "KRW", true));
        assert_eq!(m("매년 약 320억원"), (32_000_000_000.0, "KRW", true));
        assert_eq!(m("1600억원"), (160_000_000_000.0, "KRW", false));
        assert_eq!(m("약 1600억원"), (160_000_000_000.0, "KRW", true));
    }

    #[test]
    fn digits_units_and_hedges() {
        assert_eq!(m("1천912억원"), (191_200_000_000.0, "KRW", false));
        assert_eq!(m("1,658억원"), (165_800_000_000.0, "KRW", false));
        assert_eq!(m("1.5조원"), (1_500_000_000_000.0, "KRW", false));
        assert_eq!(m("100여억원"), (10_000_000_000.0, "KRW", true));
        assert_eq!(m("3000만원 가량"), (30_000_000.0, "KRW", true));
        assert_eq!(m("$120"), (120.0, "USD", false));
        assert_eq!(m("5000엔"), (5000.0, "JPY", false));
        assert_eq!(m("천만원"), (10_000_000.0, "KRW", false));
    }

    #[test]
    fn not_money() {
        assert_eq!(parse_money("3명"), None);
        assert_eq!(parse_money("원"), None);
        assert_eq!(parse_money(""), None);
        assert_eq!(parse_number("12억3456만7890"), Some(1_234_567_890.0));
    }
}
