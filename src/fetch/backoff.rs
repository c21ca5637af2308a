//! When to retry and how long to wait: pure functions, tested without a
//! network.
//!
//! Takes a failed attempt (its status or error kind, its number, a
//! `Retry-After` header); gives out whether to retry and the delay.
//! Exponential backoff with full jitter (the delay is uniform in
//! `[0, min(cap, base·2^attempt)]`) spreads retries of many clients apart;
//! a server's `Retry-After` overrides it.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime};

/// Whether an HTTP status is worth retrying: 408, 429 and 5xx except the
/// ones that will not change (501 Not Implemented, 505 HTTP Version).
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 408 | 429) || (500..600).contains(&status) && !matches!(status, 501 | 505)
}

/// The backoff delay before retry number `attempt` (0 for the first retry):
/// `unit · min(cap, base · 2^attempt)`, where `unit` is a random number in
/// `[0, 1)` (full jitter). Taking `unit` as an argument keeps this pure.
pub fn backoff_delay(attempt: u32, base: Duration, cap: Duration, unit: f64) -> Duration {
    let exp = base.saturating_mul(2u32.saturating_pow(attempt.min(30)));
    exp.min(cap).mul_f64(unit.clamp(0.0, 1.0))
}

/// A random number in `[0, 1)` for jitter. Uses the standard library's
/// randomly seeded hasher so we need no RNG dependency; quality is ample for
/// spreading retries.
pub fn jitter_unit() -> f64 {
    let mut h = RandomState::new().build_hasher();
    h.write_u64(
        SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as u64),
    );
    (h.finish() >> 11) as f64 / (1u64 << 53) as f64
}

/// Parses a `Retry-After` value: delay-seconds or an HTTP-date (relative to
/// `now`; a date in the past means no wait).
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let when = SystemTime::UNIX_EPOCH + Duration::from_secs(u64::try_from(when.timestamp()).ok()?);
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retryable_statuses() {
        for s in [408, 429, 500, 502, 503, 504] {
            assert!(is_retryable_status(s), "{s}");
        }
        for s in [200, 301, 304, 400, 403, 404, 501, 505] {
            assert!(!is_retryable_status(s), "{s}");
        }
    }

    #[test]
    fn backoff_grows_and_is_capped() {
        let base = Duration::from_millis(100);
        let cap = Duration::from_secs(1);
        assert_eq!(backoff_delay(0, base, cap, 1.0), Duration::from_millis(100));
        assert_eq!(backoff_delay(2, base, cap, 1.0), Duration::from_millis(400));
        assert_eq!(backoff_delay(10, base, cap, 1.0), cap);
        assert_eq!(backoff_delay(40, base, cap, 0.5), cap / 2);
        assert_eq!(backoff_delay(3, base, cap, 0.0), Duration::ZERO);
    }

    #[test]
    fn jitter_is_a_unit_fraction() {
        for _ in 0..100 {
            let u = jitter_unit();
            assert!((0.0..1.0).contains(&u));
        }
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480); // 2015-10-21 07:28:00 UTC
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }
}
