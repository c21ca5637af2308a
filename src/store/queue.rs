//! The shared work queue's vocabulary: what discovery puts in
//! ([`QueueEntry`]), what a worker takes out ([`Claim`]) and gives back
//! ([`Release`]), how long a failed URL waits before its next attempt
//! ([`retry_delay`]), and who a worker is ([`WorkerId`]).
//!
//! Every backend keeps the queue in a `url_queue` table, one row per
//! de-duplication key, in one of four states:
//!
//! - `todo`: waiting; due once `next_try` has passed;
//! - `claimed`: a worker took it (`claimed_by`, `claimed_at`). A claim is a
//!   lease: the worker renews it while it works ([`crate::store::Store::renew`]);
//!   a claim not renewed for a lease period goes back to `todo`, which is how
//!   a crashed or killed worker's URLs come back. On the claimant's own
//!   machine a dead process is noticed at once ([`WorkerId::is_dead_here`]);
//! - `done`: its article was stored, in the same transaction that stored it,
//!   so an article is never stored without its entry being done, nor the
//!   other way round;
//! - `failed`: given up after [`MAX_ATTEMPTS`] failed attempts (or
//!   [`MAX_EXPIRED`] lost leases, a URL that keeps killing its workers).
//!
//! Discovery puts a URL back to `todo` only when it is new or its feed gives
//! it a later modification time than when it was stored.

use std::time::Duration;

use crate::acquire::ItemError;
use crate::fetch::FetchError;

/// Failed attempts after which a URL is given up (`failed`).
pub const MAX_ATTEMPTS: u32 = 5;

/// Lost leases (the worker died while holding it) after which a URL is
/// given up: it is probably what kills the workers.
pub const MAX_EXPIRED: u32 = 10;

/// How long a claim lasts without being renewed.
pub const DEFAULT_LEASE: Duration = Duration::from_secs(120);

/// A URL discovery found: the de-duplication key, the URL to fetch and the
/// modification time its feed gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueEntry {
    /// The normalised URL ([`crate::ingest::url::normalize`]).
    pub key: String,
    /// The URL as the feed gave it.
    pub url: String,
    /// The feed's modification (or publication) time for it.
    pub feed_modified: Option<String>,
}

/// An entry a worker has claimed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    /// The de-duplication key.
    pub key: String,
    /// The URL to fetch.
    pub url: String,
    /// The feed's modification time for it.
    pub feed_modified: Option<String>,
    /// Failed attempts before this one.
    pub attempts: u32,
}

/// What becomes of a claim that did not store an article.
#[derive(Debug, Clone, PartialEq)]
pub enum Release {
    /// Nothing more to do (e.g. it led to an article stored meanwhile).
    Done,
    /// It failed; try again after `after` (or give up when it has failed
    /// [`MAX_ATTEMPTS`] times).
    Retry {
        /// Why it failed (names the URL).
        error: String,
        /// Wait before the next attempt.
        after: Duration,
    },
    /// It failed for good (`failed`).
    GiveUp {
        /// Why.
        error: String,
    },
    /// Not started (the worker is stopping): back to `todo` at once, no
    /// attempt counted.
    Unstarted,
}

/// What the queue holds, for `newskg stats` and for knowing when it is drained.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueStats {
    /// Waiting and due now.
    pub due: u64,
    /// Waiting for a later retry.
    pub waiting: u64,
    /// Claimed by a worker.
    pub claimed: u64,
    /// Stored.
    pub done: u64,
    /// Given up.
    pub failed: u64,
    /// Workers holding claims.
    pub workers: u64,
    /// When the earliest waiting retry is due (RFC 3339 UTC).
    pub next_retry: Option<String>,
}

impl QueueStats {
    /// Whether nothing is due and nobody holds a claim (a crashed worker's
    /// claims count until their lease ends).
    pub fn drained(&self) -> bool {
        self.due == 0 && self.claimed == 0
    }
}

/// Whether a failure may go away by itself (a timeout, a refused
/// connection, a 5xx or 429 the fetcher's own retries did not outlast) and
/// so deserves another attempt soon, rather than in a day.
pub fn is_transient(e: &ItemError) -> bool {
    match e {
        ItemError::Fetch(f) => match f {
            FetchError::Timeout { .. } | FetchError::Connection { .. } => true,
            FetchError::Status { status, .. } => *status == 429 || *status >= 500,
            // robots.txt that answered 5xx or was unreachable disallows
            // everything until it comes back.
            FetchError::Robots { detail, .. } => detail.is_some(),
            _ => false,
        },
        ItemError::Read { .. } | ItemError::Internal { .. } => true,
        _ => false,
    }
}

/// The wait before attempt `attempts + 1` of a URL that has failed
/// `attempts` times: transient failures 1, 4, 16, 64 minutes (capped at 6
/// hours); permanent ones (404, not an article...) a day, in case the page
/// is fixed.
pub fn retry_delay(attempts: u32, transient: bool) -> Duration {
    if !transient {
        return Duration::from_secs(24 * 3600);
    }
    let minutes = 4u64.saturating_pow(attempts.saturating_sub(1)).min(360);
    Duration::from_secs(60 * minutes)
}

/// How a failed attempt is released: retried later, or given up once it
/// has failed [`MAX_ATTEMPTS`] times.
pub fn release_for(claim: &Claim, error: &ItemError) -> Release {
    let attempts = claim.attempts + 1;
    if attempts >= MAX_ATTEMPTS {
        return Release::GiveUp {
            error: error.to_string(),
        };
    }
    Release::Retry {
        error: error.to_string(),
        after: retry_delay(attempts, is_transient(error)),
    }
}

/// Who holds a claim: `host:pid:nonce`. The host and pid let a worker that
/// starts on the same machine return the claims of a dead process at once
/// instead of waiting for their lease to end; the nonce tells a reused pid
/// apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkerId(String);

impl WorkerId {
    /// This process's id.
    pub fn this_process() -> WorkerId {
        let nonce: u32 = {
            use std::hash::{BuildHasher, Hasher};
            let mut h = std::collections::hash_map::RandomState::new().build_hasher();
            h.write_u128(
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos()),
            );
            h.finish() as u32
        };
        WorkerId(format!(
            "{}:{}:{nonce:08x}",
            this_host(),
            std::process::id()
        ))
    }

    /// The id as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether `claimant` (an id as stored) is a process of this machine
    /// that no longer runs. Other machines' processes, and any process on a
    /// system where this cannot be told, are presumed alive: their leases
    /// decide.
    pub fn is_dead_here(claimant: &str) -> bool {
        let mut parts = claimant.rsplitn(3, ':');
        let (Some(_nonce), Some(pid), Some(host)) = (parts.next(), parts.next(), parts.next())
        else {
            return false;
        };
        if host != this_host() {
            return false;
        }
        let Ok(pid) = pid.parse::<u32>() else {
            return false;
        };
        if pid == std::process::id() {
            return false;
        }
        let proc = std::path::Path::new("/proc");
        proc.join("self").exists() && !proc.join(pid.to_string()).exists()
    }
}

impl std::fmt::Display for WorkerId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// This machine's name (colons, which separate the parts of a worker id,
/// replaced).
fn this_host() -> String {
    whoami::hostname()
        .ok()
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".to_string())
        .replace(':', "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_and_permanent_failures_wait_a_day() {
        assert_eq!(retry_delay(1, true), Duration::from_secs(60));
        assert_eq!(retry_delay(2, true), Duration::from_secs(240));
        assert_eq!(retry_delay(3, true), Duration::from_secs(960));
        assert_eq!(retry_delay(30, true), Duration::from_secs(6 * 3600));
        assert_eq!(retry_delay(1, false), Duration::from_secs(86400));
        let claim = Claim {
            key: "k".into(),
            url: "https://a.example/1".into(),
            feed_modified: None,
            attempts: MAX_ATTEMPTS - 1,
        };
        let e = ItemError::Fetch(FetchError::Status {
            url: claim.url.clone(),
            status: 503,
            note: None,
        });
        assert!(is_transient(&e));
        assert!(matches!(release_for(&claim, &e), Release::GiveUp { .. }));
        let first = Claim {
            attempts: 0,
            ..claim
        };
        assert_eq!(
            release_for(&first, &e),
            Release::Retry {
                error: e.to_string(),
                after: Duration::from_secs(60)
            }
        );
    }

    #[test]
    fn a_dead_process_of_this_machine_is_noticed() {
        let me = WorkerId::this_process();
        assert!(!WorkerId::is_dead_here(me.as_str()));
        // pid_max is at most 2^22 on Linux: this pid cannot run.
        let dead = format!("{}:{}:0000abcd", this_host(), 9_999_999);
        assert_eq!(
            WorkerId::is_dead_here(&dead),
            std::path::Path::new("/proc/self").exists()
        );
        assert!(!WorkerId::is_dead_here("elsewhere.example:1:0000abcd"));
        assert!(!WorkerId::is_dead_here("garbage"));
    }
}
