//! robots.txt: fetched once per origin, shared by every request to it.
//!
//! Takes a URL; gives out whether our agent may fetch it and the origin's
//! Crawl-delay. Follows RFC 9309: a 4xx robots.txt means everything is
//! allowed, a 5xx or an unreachable one means nothing is (the site may be
//! overloaded), and rules are matched for the product token `newskg`.
//! Parsing is done by the `texting_robots` crate.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use texting_robots::Robot;
use tokio::sync::OnceCell;

/// The product token robots.txt groups are matched against.
pub const ROBOTS_AGENT: &str = "newskg";

/// The rules of one origin.
#[derive(Debug)]
pub enum RobotsRules {
    /// No usable robots.txt (404 and friends): everything is allowed.
    AllowAll,
    /// robots.txt answered 5xx or could not be fetched: nothing is allowed.
    DisallowAll(String),
    /// Parsed rules.
    Rules(Box<Robot>),
}

impl RobotsRules {
    /// Rules from a robots.txt response (`status` 0 when the request failed).
    pub fn from_response(status: u16, body: &[u8]) -> RobotsRules {
        match status {
            200..=299 => match Robot::new(ROBOTS_AGENT, body) {
                Ok(robot) => RobotsRules::Rules(Box::new(robot)),
                // An unparsable file states no rules.
                Err(_) => RobotsRules::AllowAll,
            },
            400..=499 => RobotsRules::AllowAll,
            0 => RobotsRules::DisallowAll("robots.txt unreachable".to_string()),
            s => RobotsRules::DisallowAll(format!("robots.txt answered HTTP {s}")),
        }
    }

    /// Whether `url` may be fetched.
    pub fn allowed(&self, url: &str) -> bool {
        match self {
            RobotsRules::AllowAll => true,
            RobotsRules::DisallowAll(_) => false,
            RobotsRules::Rules(r) => r.allowed(url),
        }
    }

    /// The Crawl-delay for our agent, if any. A value too large for a
    /// [`Duration`] (`Crawl-delay: 1e30`) is [`Duration::MAX`]: the
    /// fetcher clamps it to its longest delay, rather than the conversion
    /// panicking.
    pub fn crawl_delay(&self) -> Option<Duration> {
        match self {
            RobotsRules::Rules(r) => r
                .delay
                .filter(|d| d.is_finite() && *d > 0.0)
                .map(|d| Duration::try_from_secs_f32(d).unwrap_or(Duration::MAX)),
            _ => None,
        }
    }
}

/// robots.txt rules per origin (`scheme://host:port`), each fetched at most
/// once even when many requests for the origin start together.
#[derive(Debug, Default)]
pub struct RobotsCache {
    origins: Mutex<HashMap<String, Arc<OnceCell<Arc<RobotsRules>>>>>,
}

impl RobotsCache {
    /// The rules for `origin`, calling `fetch` to get them the first time.
    pub async fn get<F, Fut>(&self, origin: &str, fetch: F) -> Arc<RobotsRules>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = RobotsRules>,
    {
        let cell = {
            let mut map = self.origins.lock().unwrap_or_else(|e| e.into_inner());
            map.entry(origin.to_string()).or_default().clone()
        };
        cell.get_or_init(|| async { Arc::new(fetch().await) })
            .await
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_and_crawl_delay() {
        let txt = b"User-agent: *\nDisallow: /private/\nCrawl-delay: 2\n";
        let r = RobotsRules::from_response(200, txt);
        assert!(r.allowed("http://x.test/news/1"));
        assert!(!r.allowed("http://x.test/private/1"));
        assert_eq!(r.crawl_delay(), Some(Duration::from_secs(2)));
    }

    #[test]
    fn absurd_crawl_delays_do_not_panic() {
        for delay in [
            "1e30",
            "inf",
            "NaN",
            "-5",
            "340282366920938463463374607431768211456",
        ] {
            let txt = format!("User-agent: *\nCrawl-delay: {delay}\n");
            let r = RobotsRules::from_response(200, txt.as_bytes());
            assert!(
                r.crawl_delay().is_none_or(|d| d == Duration::MAX),
                "{delay}: {:?}",
                r.crawl_delay()
            );
        }
    }

    #[test]
    fn our_group_wins_over_star() {
        let txt = b"User-agent: *\nDisallow: /\n\nUser-agent: newskg\nAllow: /\n";
        assert!(RobotsRules::from_response(200, txt).allowed("http://x.test/a"));
    }

    #[test]
    fn status_semantics() {
        assert!(RobotsRules::from_response(404, b"").allowed("http://x.test/a"));
        assert!(!RobotsRules::from_response(503, b"").allowed("http://x.test/a"));
        assert!(!RobotsRules::from_response(0, b"").allowed("http://x.test/a"));
    }

    #[tokio::test]
    async fn fetched_once() {
        let cache = RobotsCache::default();
        let calls = std::sync::atomic::AtomicUsize::new(0);
        for _ in 0..3 {
            cache
                .get("http://x.test", || async {
                    calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    RobotsRules::AllowAll
                })
                .await;
        }
        assert_eq!(calls.load(std::sync::atomic::Ordering::SeqCst), 1);
    }
}
