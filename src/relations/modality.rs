//! What the sentence says about a relation beyond its kind: denied
//! (`negated`), only possible or expected (`hypothetical`), and for
//! contracts the amount and duration (`1억2000만달러`, `5년간`).
//!
//! [`find_money`] and [`find_duration`] are public so the caller can also
//! read the terms of a contract from the sentence after the one that names
//! it ("계약 기간은 5년이다").

use serde::Serialize;

use super::context::{Ctx, EC, EF};
use super::lexicon::{CURRENCIES, HYPOTHETICAL, NEGATION};

/// Endings that close a clause for modality purposes: a negation or a
/// "possibility" noun after them belongs to another statement.
const CLAUSE_ENDINGS: &[&str] = &[
    "고",
    "며",
    "으며",
    "면서",
    "으면서",
    "지만",
    "는데",
    "은데",
    "ㄴ데",
    "나",
    "으나",
    "어서",
    "아서",
    "서",
];

/// `(negated, hypothetical)` for a relation whose evidence is `start..end`.
pub(crate) fn flags(ctx: &Ctx, start: usize, end: usize) -> (bool, bool) {
    // The statement runs from the evidence to the end of its clause.
    let clause_end = ctx
        .toks
        .iter()
        .find(|t| {
            t.start >= end
                && (t.has(EF)
                    || t.has(EC) && {
                        let s = ctx.text(t.start, t.end);
                        CLAUSE_ENDINGS.iter().any(|e| s.ends_with(e))
                    })
        })
        .map(|t| t.end)
        .unwrap_or(ctx.len());
    let after = ctx.text(end, clause_end);
    // `…라는 관측이 나온다` comes after a quotative ending, which is a
    // final ending inside an adnominal: look one clause further then.
    let after = if after.ends_with("다는") || after.ends_with("라는") || after.ends_with("냐는")
    {
        ctx.text(end, ctx.len())
    } else {
        let next: String = ctx.text(clause_end, (clause_end + 12).min(ctx.len()));
        let next_t = next.trim_start();
        if ["관측", "전망", "추측", "가능성", "예상", "분석"]
            .iter()
            .any(|m| next_t.starts_with(m))
        {
            format!("{after}{next}")
        } else {
            after
        }
    };
    let before = ctx.text(0, start);
    let negated = NEGATION.iter().any(|m| after.contains(m))
        && !after.contains("아니냐")
        && !after.contains("아니라");
    let hypothetical = HYPOTHETICAL.iter().any(|m| after.contains(m))
        || before.contains("만약")
        || before.contains("만일");
    (negated, hypothetical)
}

/// An amount of money stated in the sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Money {
    /// The amount in units of the currency (`1억2000만달러` → 120000000).
    pub amount: f64,
    /// ISO 4217 code (`USD`, `KRW`, `EUR`, `JPY`, `CNY`, `GBP`).
    pub currency: &'static str,
    /// The amount as written.
    pub text: String,
}

/// A duration stated in the sentence (`5년간` → 5 years).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duration {
    /// How many units.
    pub value: u32,
    /// `year`, `month` or `day`.
    pub unit: &'static str,
}

fn is_amount_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, ',' | '.' | '조' | '억' | '만' | '천' | '백')
}

/// Parses `1억2000만`, `3조5000억`, `1,200`, `5천만` into a number.
fn parse_amount(s: &str) -> Option<f64> {
    let mut total = 0f64;
    let mut section = 0f64;
    let mut num = String::new();
    let mut any_digit = false;
    let take = |num: &mut String| -> f64 {
        let v = num.parse::<f64>().unwrap_or(1.0);
        num.clear();
        v
    };
    for c in s.chars() {
        match c {
            '0'..='9' | '.' => {
                num.push(c);
                any_digit = true;
            }
            ',' | ' ' => {}
            '천' => section += take(&mut num) * 1e3,
            '백' => section += take(&mut num) * 1e2,
            '만' | '억' | '조' => {
                let unit = match c {
                    '만' => 1e4,
                    '억' => 1e8,
                    _ => 1e12,
                };
                let n = if num.is_empty() { 0.0 } else { take(&mut num) };
                let group = if section + n == 0.0 { 1.0 } else { section + n };
                total += group * unit;
                section = 0.0;
            }
            _ => return None,
        }
    }
    if !num.is_empty() {
        total += section + take(&mut num);
    } else {
        total += section;
    }
    any_digit.then_some(total)
}

/// The first amount of money in `text` (`1억2000만달러`, `120억 원`, `$1.2`
/// is not recognised: Korean news writes `1.2달러`).
pub fn find_money(text: &str) -> Option<Money> {
    let chars: Vec<char> = text.chars().collect();
    for i in 0..chars.len() {
        for &(word, code) in CURRENCIES.iter() {
            let w: Vec<char> = word.chars().collect();
            if i + w.len() > chars.len() || chars[i..i + w.len()] != w[..] {
                continue;
            }
            // Walk back over the amount (allowing single spaces between groups).
            let mut j = i;
            while j > 0
                && (is_amount_char(chars[j - 1])
                    || chars[j - 1] == ' ' && j >= 2 && is_amount_char(chars[j - 2]))
            {
                j -= 1;
            }
            let raw: String = chars[j..i].iter().collect::<String>().trim().to_string();
            if raw.is_empty() || !raw.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            if j > 0 && chars[j - 1].is_alphanumeric() && !chars[j - 1].is_whitespace() {
                continue;
            }
            // `원장`, `엔진`: the currency word must end the word or take a particle.
            let next = chars.get(i + w.len()).copied();
            if next.is_some_and(|c| {
                ('\u{AC00}'..='\u{D7A3}').contains(&c)
                    && !"을를이가은는에의과와어대씩까도로".contains(c)
            }) {
                continue;
            }
            if let Some(amount) = parse_amount(&raw) {
                return Some(Money {
                    amount,
                    currency: code,
                    text: format!("{raw}{word}"),
                });
            }
        }
    }
    None
}

/// The first duration in `text`: `5년간`, `5년 동안`, `향후 5년`, `3개월간`,
/// `5년 계약`. A bare `2024년` is a year, not a duration.
pub fn find_duration(text: &str) -> Option<Duration> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit()
            || i > 0 && (chars[i - 1].is_ascii_digit() || chars[i - 1] == '.')
        {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
        let n: u32 = chars[i..j]
            .iter()
            .collect::<String>()
            .parse()
            .unwrap_or(u32::MAX);
        let rest: String = chars[j..(j + 8).min(chars.len())].iter().collect();
        let before: String = chars[i.saturating_sub(4)..i].iter().collect();
        let (unit, ulen) = if rest.starts_with("개월") {
            ("month", 2)
        } else if rest.starts_with('년') {
            ("year", 1)
        } else if rest.starts_with('일') {
            ("day", 1)
        } else {
            i = j;
            continue;
        };
        let tail = &rest[rest.char_indices().nth(ulen).map_or(rest.len(), |(b, _)| b)..];
        let span = tail.starts_with('간')
            || tail.starts_with(" 동안")
            || tail.starts_with("동안")
            || unit != "day" && (tail.starts_with(" 계약") || tail.starts_with(" 장기"))
            || tail.starts_with("짜리")
            || before.ends_with("향후 ")
            || before.ends_with("기간 ")
            || before.ends_with("기간은 ");
        if span && n > 0 && n < 100 {
            return Some(Duration { value: n, unit });
        }
        i = j;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money() {
        let m = find_money("KT는 MS와 1억2000만달러 규모의 계약을 맺었다.").unwrap();
        assert_eq!((m.amount, m.currency), (120_000_000.0, "USD"));
        let m = find_money("총 3조5000억 원을 투자한다").unwrap();
        assert_eq!((m.amount, m.currency), (3.5e12, "KRW"));
        let m = find_money("5천만원").unwrap();
        assert_eq!(m.amount, 5e7);
        assert_eq!(find_money("연구원장이 엔진을 바꿨다 2024년"), None);
        assert_eq!(find_money("1,200유로").map(|m| m.amount), Some(1200.0));
    }

    #[test]
    fn durations() {
        assert_eq!(
            find_duration("향후 5년간 협력한다"),
            Some(Duration {
                value: 5,
                unit: "year"
            })
        );
        assert_eq!(
            find_duration("계약 기간은 5년이다"),
            Some(Duration {
                value: 5,
                unit: "year"
            })
        );
        assert_eq!(
            find_duration("36개월 동안"),
            Some(Duration {
                value: 36,
                unit: "month"
            })
        );
        assert_eq!(find_duration("2024년 3월 5일 계약"), None);
    }
}
