//! [`PgHosts`]: per-host politeness for a whole fleet of workers, kept by
//! the PostgreSQL server they share ([`SharedHosts`]).
//!
//! - **Delay.** The row `host_budget(host)` holds the next free start. A
//!   worker reserves one (`next_start` moves on by the delay, in one
//!   statement, on the server's clock), sleeps until it, then confirms it
//!   with a compare-and-set of `last_start` that succeeds only if the
//!   previous start anywhere in the fleet is at least the delay ago (and no
//!   `Retry-After` is pending): a worker that woke late can push the next
//!   one back, never squeeze it. No lock is held while waiting.
//! - **Concurrency.** Slot `i` of a host is the session-level advisory lock
//!   `(hash(host), i)`; a worker takes a free one (`pg_try_advisory_lock`)
//!   before each request and unlocks it after the body is read. The server
//!   drops a session's locks when its connection closes, so a killed worker
//!   frees its slots at once.
//! - **Retry-After** sets `blocked_until` for everybody.
//!
//! The budget has a connection of its own (requests go on while the store
//! connection is inside a transaction). Should the server stay unreachable
//! past [`GATE_RETRY_FOR`], a worker falls back to its own per-process
//! delay and says so.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::conn::{Conn, Settings};
use crate::fetch::host::{SharedHosts, SharedPermit};
use crate::store::StoreError;

/// How long a budget operation retries while the server is unreachable.
pub const GATE_RETRY_FOR: Duration = Duration::from_secs(60);

/// The fleet's per-host budget on one server.
#[derive(Debug, Clone)]
pub struct PgHosts {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    conn: Mutex<Conn>,
    /// The server, for messages.
    db: String,
    /// The slots this process holds (`(host key, slot)`): advisory locks
    /// are re-entrant within a session, so two requests of one process must
    /// not count the same slot twice.
    held: Mutex<HashSet<(i32, i32)>>,
}

/// The advisory-lock key of a host: FNV-1a, the same on every machine and
/// build. Two hosts sharing a key only share their slots (more polite).
fn host_key(host: &str) -> i32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in host.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h as i32
}

impl Inner {
    fn conn(&self) -> std::sync::MutexGuard<'_, Conn> {
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn held(&self) -> std::sync::MutexGuard<'_, HashSet<(i32, i32)>> {
        self.held.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Takes a free slot of `key`, if any.
    fn try_slot(&self, key: i32, concurrency: usize) -> Result<Option<i32>, StoreError> {
        for slot in 0..concurrency.min(i32::MAX as usize) as i32 {
            if !self.held().insert((key, slot)) {
                continue;
            }
            let got = self.conn().run("take a host slot", |s| {
                s.client
                    .query_one("SELECT pg_try_advisory_lock($1, $2)", &[&key, &slot])
                    .map(|r| r.get::<_, bool>(0))
            });
            match got {
                Ok(true) => return Ok(Some(slot)),
                Ok(false) => {
                    self.held().remove(&(key, slot));
                }
                Err(e) => {
                    self.held().remove(&(key, slot));
                    return Err(e);
                }
            }
        }
        Ok(None)
    }

    fn free_slot(&self, key: i32, slot: i32) {
        let freed = self.conn().run("free a host slot", |s| {
            s.client
                .query_one("SELECT pg_advisory_unlock($1, $2)", &[&key, &slot])
                .map(|_| ())
        });
        if let Err(e) = freed {
            // The session, and with it the lock, is gone anyway.
            tracing::debug!("{e}");
        }
        self.held().remove(&(key, slot));
    }

    /// Reserves the next start for `host`: how long to wait for it.
    fn reserve(&self, host: &str, delay: f64) -> Result<Duration, StoreError> {
        let wait: f64 = self.conn().run("reserve a request start", |s| {
            let st = s.stmt(
                "INSERT INTO host_budget (host, next_start)
                 VALUES ($1, clock_timestamp() + $2 * interval '1 second')
                 ON CONFLICT (host) DO UPDATE SET next_start = greatest(
                     host_budget.next_start, clock_timestamp(), host_budget.blocked_until,
                     host_budget.last_start + $2 * interval '1 second')
                   + $2 * interval '1 second'
                 RETURNING extract(epoch FROM next_start - $2 * interval '1 second'
                                   - clock_timestamp())::float8",
            )?;
            s.client.query_one(&st, &[&host, &delay]).map(|r| r.get(0))
        })?;
        Ok(Duration::try_from_secs_f64(wait).unwrap_or(Duration::ZERO))
    }

    /// Starts now if the fleet's last start to `host` is `delay` ago and no
    /// `Retry-After` is pending (`None`); otherwise how long is left.
    fn confirm(&self, host: &str, delay: f64) -> Result<Option<Duration>, StoreError> {
        let left: Option<f64> = self.conn().run("start a request", |s| {
            let start = s.stmt(
                "UPDATE host_budget SET last_start = clock_timestamp()
                 WHERE host = $1
                   AND (last_start IS NULL
                        OR last_start + $2 * interval '1 second' <= clock_timestamp())
                   AND (blocked_until IS NULL OR blocked_until <= clock_timestamp())",
            )?;
            if s.client.execute(&start, &[&host, &delay])? == 1 {
                return Ok(None);
            }
            let left = s.stmt(
                "SELECT extract(epoch FROM greatest(last_start + $2 * interval '1 second',
                                                    blocked_until) - clock_timestamp())::float8
                 FROM host_budget WHERE host = $1",
            )?;
            Ok(Some(
                s.client
                    .query_opt(&left, &[&host, &delay])?
                    .and_then(|r| r.get::<_, Option<f64>>(0))
                    .unwrap_or(0.0),
            ))
        })?;
        // At least a millisecond: the clocks' rounding must not spin.
        Ok(left.map(|l| {
            Duration::try_from_secs_f64(l)
                .unwrap_or_default()
                .max(Duration::from_millis(1))
        }))
    }

    fn defer(&self, host: &str, wait: f64) -> Result<(), StoreError> {
        self.conn().run("defer a host", |s| {
            s.client
                .execute(
                    "INSERT INTO host_budget (host, blocked_until)
                     VALUES ($1, clock_timestamp() + $2 * interval '1 second')
                     ON CONFLICT (host) DO UPDATE SET blocked_until = greatest(
                       host_budget.blocked_until, clock_timestamp() + $2 * interval '1 second')",
                    &[&host, &wait],
                )
                .map(|_| ())
        })
    }
}

/// Runs a budget operation on the blocking pool.
async fn off_thread<T: Send + 'static>(
    inner: &Arc<Inner>,
    f: impl FnOnce(&Inner) -> Result<T, StoreError> + Send + 'static,
) -> Result<T, StoreError> {
    let db = inner.db.clone();
    let inner = inner.clone();
    match tokio::task::spawn_blocking(move || f(&inner)).await {
        Ok(r) => r,
        Err(e) => Err(StoreError::Config {
            db,
            reason: format!("host budget task failed: {e}"),
        }),
    }
}

/// A held slot, freed on drop.
struct Slot {
    inner: Arc<Inner>,
    key: i32,
    slot: i32,
}

impl Drop for Slot {
    fn drop(&mut self) {
        let (inner, key, slot) = (self.inner.clone(), self.key, self.slot);
        match tokio::runtime::Handle::try_current() {
            Ok(h) => {
                h.spawn_blocking(move || inner.free_slot(key, slot));
            }
            Err(_) => inner.free_slot(key, slot),
        }
    }
}

impl PgHosts {
    /// The budget on the server `settings` describe.
    pub fn new(settings: Arc<Settings>) -> PgHosts {
        PgHosts {
            inner: Arc::new(Inner {
                db: settings.describe().to_string(),
                conn: Mutex::new(Conn::new(settings, GATE_RETRY_FOR)),
                held: Mutex::new(HashSet::new()),
            }),
        }
    }
}

impl SharedHosts for PgHosts {
    fn acquire(
        &self,
        host: &str,
        delay: Duration,
        concurrency: usize,
    ) -> Pin<Box<dyn Future<Output = SharedPermit> + Send + 'static>> {
        let inner = self.inner.clone();
        let host = host.to_string();
        Box::pin(async move {
            let key = host_key(&host);
            let mut poll = Duration::from_millis(5);
            let slot = loop {
                match off_thread(&inner, move |i| i.try_slot(key, concurrency.max(1))).await {
                    Ok(Some(slot)) => break Some(slot),
                    Ok(None) => {
                        tokio::time::sleep(poll).await;
                        poll = (poll * 2).min(Duration::from_millis(200));
                    }
                    Err(e) => {
                        tracing::warn!("{e}; going on with this worker's own limits");
                        break None;
                    }
                }
            };
            let secs = delay.as_secs_f64();
            if secs > 0.0 {
                let h = host.clone();
                match off_thread(&inner, move |i| i.reserve(&h, secs)).await {
                    Ok(wait) => tokio::time::sleep(wait).await,
                    Err(e) => {
                        tracing::warn!("{e}; waiting this worker's own delay");
                        tokio::time::sleep(delay).await;
                    }
                }
                loop {
                    let h = host.clone();
                    match off_thread(&inner, move |i| i.confirm(&h, secs)).await {
                        Ok(None) => break,
                        Ok(Some(left)) => tokio::time::sleep(left).await,
                        Err(e) => {
                            tracing::warn!("{e}; going on with this worker's own delay");
                            break;
                        }
                    }
                }
            }
            SharedPermit(slot.map(|slot| {
                Box::new(Slot {
                    inner: inner.clone(),
                    key,
                    slot,
                }) as Box<dyn Send + Sync>
            }))
        })
    }

    fn defer(
        &self,
        host: &str,
        wait: Duration,
    ) -> Pin<Box<dyn Future<Output = ()> + Send + 'static>> {
        let inner = self.inner.clone();
        let host = host.to_string();
        Box::pin(async move {
            let secs = wait.as_secs_f64();
            if let Err(e) = off_thread(&inner, move |i| i.defer(&host, secs)).await {
                tracing::warn!("{e}");
            }
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn host_keys_are_stable() {
        // The same on every machine: FNV-1a of the bytes.
        assert_eq!(super::host_key(""), 0x811c_9dc5_u32 as i32);
        assert_ne!(super::host_key("a.example"), super::host_key("b.example"));
    }
}
