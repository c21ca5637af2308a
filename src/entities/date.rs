//! Dates: a small calendar type and the resolution of Korean date
//! expressions against an article's publication date.
//!
//! Takes the text of a DATE mention (`18일`, `지난해 8월`, `올해 3월`,
//! `지난달 3일(현지시간)`, `2022년 4월`) and, when known, the publication date;
//! gives the date it denotes at the precision the text has (year, month or
//! day), as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. News writes dates relative to
//! the day of publication, so without that date only absolute expressions
//! resolve. Durations (`2년`, `하루`) and vague words (`최근`) resolve to nothing.

use std::fmt;

/// A calendar date (proleptic Gregorian).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    /// Year, e.g. 2024.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of month, 1–31.
    pub day: u32,
}

/// Why a publication date could not be read.
#[derive(Debug, thiserror::Error)]
#[error("cannot read {0:?} as a date (expected YYYY-MM-DD or RFC 3339)")]
pub struct DateParseError(pub String);

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl Date {
    /// A date, if the day exists.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// Reads `YYYY-MM-DD`, or the date part of an RFC 3339 timestamp
    /// (`2024-07-18T09:30:00+09:00`: the local date as written).
    pub fn parse(s: &str) -> Result<Self, DateParseError> {
        let err = || DateParseError(s.to_string());
        let head = s.trim().get(..10).ok_or_else(err)?;
        let mut parts = head.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(err());
        };
        let (y, m, d) = (
            y.parse().map_err(|_| err())?,
            m.parse().map_err(|_| err())?,
            d.parse().map_err(|_| err())?,
        );
        Date::new(y, m, d).ok_or_else(err)
    }

    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    fn to_days(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    fn from_days(z: i64) -> Self {
        let z = z + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// The date `n` days later (earlier when negative).
    pub fn add_days(self, n: i64) -> Self {
        Date::from_days(self.to_days() + n)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Reads the leading digits of `s` followed by `unit`, e.g. `2022년`.
fn number_before(s: &str, unit: &str) -> Option<u32> {
    let pos = s.find(unit)?;
    let head = s[..pos].trim();
    let digits: String = head
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if digits.is_empty() {
        return None;
    }
    digits.parse().ok()
}

/// Resolves a Korean date expression. Returns `YYYY`, `YYYY-MM` or
/// `YYYY-MM-DD`, or `None` when the text names no calendar date or needs a
/// publication date that is not given.
pub fn resolve(text: &str, published: Option<Date>) -> Option<String> {
    // `(현지시간)` and similar notes do not change the date.
    let s = text.split('(').next().unwrap_or(text).trim();
    let s_compact: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    let s = s_compact.as_str();
    // `5박 7일`, `3일간`, `사흘 동안` are lengths of time.
    if s.contains('박') || s.ends_with('간') || s.contains("동안") {
        return None;
    }
    let past = s.starts_with("지난") && !s.starts_with("지난해") && !s.starts_with("지난달");
    let coming = s.starts_with("오는");

    // Anchor words that fix the year or month relative to publication.
    let mut year: Option<i32> = None;
    let mut month: Option<u32> = None;
    let mut day: Option<u32> = None;
    let p = published;
    for (word, dy) in [
        ("지난해", -1),
        ("작년", -1),
        ("전년", -1),
        ("올해", 0),
        ("금년", 0),
        ("내년", 1),
        ("이듬해", 1),
    ] {
        if s.starts_with(word) {
            year = Some(p?.year + dy);
        }
    }
    for (word, dm) in [
        ("지난달", -1),
        ("전월", -1),
        ("이달", 0),
        ("이번달", 0),
        ("금월", 0),
        ("다음달", 1),
        ("내달", 1),
    ] {
        if s.starts_with(word) {
            let d = p?;
            let total = d.year * 12 + d.month as i32 - 1 + dm;
            year = Some(total.div_euclid(12));
            month = Some(total.rem_euclid(12) as u32 + 1);
        }
    }
    for (word, dd) in [
        ("이날", 0),
        ("오늘", 0),
        ("당일", 0),
        ("전날", -1),
        ("어제", -1),
        ("전일", -1),
        ("그제", -2),
        ("그저께", -2),
        ("내일", 1),
        ("다음날", 1),
        ("모레", 2),
    ] {
        if s == word {
            return Some(p?.add_days(dd).to_string());
        }
    }

    if let Some(y) = number_before(s, "년") {
        // `5년`, `2년차` are durations, not years: only four-digit years
        // name a calendar year.
        if y < 1000 {
            return None;
        }
        year = Some(y as i32);
    }
    if let Some(m) = number_before(s, "월") {
        month = Some(m);
    }
    if let Some(d) = number_before(s, "일") {
        day = Some(d);
    }
    // A bare `2024.7.18` / `2024-07-18`.
    if year.is_none() && month.is_none() && day.is_none() {
        let nums: Vec<&str> = s.split(['.', '-', '/']).filter(|x| !x.is_empty()).collect();
        if nums.len() == 3 && nums.iter().all(|n| n.chars().all(|c| c.is_ascii_digit())) {
            let y: i32 = nums[0].parse().ok()?;
            let d = Date::new(y, nums[1].parse().ok()?, nums[2].parse().ok()?)?;
            return Some(d.to_string());
        }
        return None;
    }
    // Fill in what the text leaves out from the publication date.
    match (year, month, day) {
        (Some(y), None, None) => Some(format!("{y:04}")),
        (Some(y), Some(m), None) => ((1..=12).contains(&m)).then(|| format!("{y:04}-{m:02}")),
        (Some(y), Some(m), Some(d)) => Date::new(y, m, d).map(|d| d.to_string()),
        (None, Some(m), d) => {
            let pd = p?;
            if !(1..=12).contains(&m) {
                return None;
            }
            // `지난 8월` in March means last year's August; `오는 3월` in
            // August means next year's.
            let y = if past && m > pd.month {
                pd.year - 1
            } else if coming && m < pd.month {
                pd.year + 1
            } else {
                pd.year
            };
            match d {
                None => Some(format!("{y:04}-{m:02}")),
                Some(d) => Date::new(y, m, d).map(|d| d.to_string()),
            }
        }
        (None, None, Some(d)) => {
            let pd = p?;
            // A bare day is in the month of publication, unless `지난` puts
            // it in the past (or `오는` in the future) across a month end.
            let (mut y, mut m) = (pd.year, pd.month);
            if past && d > pd.day {
                (y, m) = if m == 1 { (y - 1, 12) } else { (y, m - 1) };
            } else if coming && d < pd.day {
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
            Date::new(y, m, d).map(|d| d.to_string())
        }
        (Some(y), None, Some(_)) => Some(format!("{y:04}")),
        (None, None, None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pubdate() -> Option<Date> {
        Some(Date::new(2024, 7, 18).unwrap())
    }

    #[test]
    fn issue_examples() {
        assert_eq!(resolve("18일", pubdate()).as_deref(), Some("2024-07-18"));
        assert_eq!(resolve("지난해 8월", pubdate()).as_deref(), Some("2023-08"));
        assert_eq!(resolve("올해 3월", pubdate()).as_deref(), Some("2024-03"));
        assert_eq!(
            resolve("지난달 3일(현지시간)", pubdate()).as_deref(),
            Some("2024-06-03")
        );
        assert_eq!(resolve("2022년 4월", pubdate()).as_deref(), Some("2022-04"));
        assert_eq!(resolve("2022년 4월", None).as_deref(), Some("2022-04"));
    }

    #[test]
    fn relative_words() {
        assert_eq!(resolve("이날", pubdate()).as_deref(), Some("2024-07-18"));
        assert_eq!(resolve("전날", pubdate()).as_deref(), Some("2024-07-17"));
        assert_eq!(
            resolve("지난 27일", pubdate()).as_deref(),
            Some("2024-06-27")
        );
        assert_eq!(
            resolve("오는 3일", pubdate()).as_deref(),
            Some("2024-08-03")
        );
        assert_eq!(resolve("지난 2023년", pubdate()).as_deref(), Some("2023"));
        assert_eq!(resolve("지난 8월", pubdate()).as_deref(), Some("2023-08"));
        assert_eq!(resolve("18일", None), None);
        assert_eq!(resolve("최근", pubdate()), None);
        assert_eq!(resolve("5년", pubdate()), None);
        assert_eq!(resolve("5박 7일", pubdate()), None);
        assert_eq!(
            Date::new(2024, 3, 1).unwrap().add_days(-1),
            Date::new(2024, 2, 29).unwrap()
        );
    }

    #[test]
    fn parses_publication_dates() {
        assert_eq!(
            Date::parse("2024-07-18T09:30:00+09:00").unwrap(),
            Date::new(2024, 7, 18).unwrap()
        );
        assert!(Date::parse("18 July").is_err());
        assert!(Date::parse("2024-02-30").is_err());
    }
}
