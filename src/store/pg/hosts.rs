//! [`PgHosts`]: per-host politeness for a whole fleet of workers, kept by
//! the PostgreSQL server they share ([`SharedHosts`]).
//!
//! - **Delay.** A request to a host starts only in its worker's *turn*: the
//!   session-level advisory lock `(hash(host), -1)`, held from the moment
//!   the worker may send until its request has reached the site (the
//!   response has begun), when `host_budget.last_start` is set to the
//!   server's clock and the turn passes on. A turn begins no sooner than the
//!   delay after `last_start` (and after any pending `Retry-After`), so the
//!   site sees the fleet's requests at least the delay apart, however late a
//!   worker wakes. So that workers do not all wait on the same turn, each
//!   first reserves a start (`next_start` moves on by the delay, one
//!   statement on the server's clock) and sleeps until it.
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
use crate::fetch::host::{SharedHosts, SharedPermit, SharedTurn};
use crate::store::StoreError;

/// How long a budget operation retries while the server is unreachable.
pub const GATE_RETRY_FOR: Duration = Duration::from_secs(60);

/// The second advisory-lock key of a host's turn (slots are 0, 1, ...).
const TURN: i32 = -1;

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

    /// Takes `host`'s turn if free: then how long is left before the
    /// delay since the fleet's last request (and any `Retry-After`) has
    /// passed; `None` while another request has it.
    fn try_turn(&self, host: &str, key: i32, delay: f64) -> Result<Option<Duration>, StoreError> {
        if !self.held().insert((key, TURN)) {
            return Ok(None);
        }
        let taken = self.conn().run("take a host's turn", |s| {
            let take = s.stmt("SELECT pg_try_advisory_lock($1, $2)")?;
            if !s.client.query_one(&take, &[&key, &TURN])?.get::<_, bool>(0) {
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
        });
        match taken {
            Ok(Some(left)) => Ok(Some(Duration::try_from_secs_f64(left).unwrap_or_default())),
            Ok(None) => {
                self.held().remove(&(key, TURN));
                Ok(None)
            }
            Err(e) => {
                self.held().remove(&(key, TURN));
                Err(e)
            }
        }
    }

    /// The request has reached the site: the next one is timed from now,
    /// and the turn passes on.
    fn end_turn(&self, host: &str, key: i32) {
        let ended = self.conn().run("end a host's turn", |s| {
            let started =
                s.stmt("UPDATE host_budget SET last_start = clock_timestamp() WHERE host = $1")?;
            s.client.execute(&started, &[&host])?;
            let free = s.stmt("SELECT pg_advisory_unlock($1, $2)")?;
            s.client.query_one(&free, &[&key, &TURN]).map(|_| ())
        });
        if let Err(e) = ended {
            // The session, and with it the turn, is gone anyway.
            tracing::debug!("{e}");
        }
        self.held().remove(&(key, TURN));
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

/// A held slot and, while the request has not reached the site, the
/// host's turn.
struct FleetPermit {
    inner: Arc<Inner>,
    host: String,
    key: i32,
    slot: Option<i32>,
    turn: bool,
}

impl FleetPermit {
    fn end_turn(&mut self) {
        if !std::mem::take(&mut self.turn) {
            return;
        }
        let (inner, host, key) = (self.inner.clone(), self.host.clone(), self.key);
        match tokio::runtime::Handle::try_current() {
            Ok(h) => {
                h.spawn_blocking(move || inner.end_turn(&host, key));
            }
            Err(_) => inner.end_turn(&host, key),
        }
    }
}

impl SharedTurn for FleetPermit {
    fn started(&mut self) {
        self.end_turn();
    }
}

impl Drop for FleetPermit {
    fn drop(&mut self) {
        self.end_turn();
        let Some(slot) = self.slot else { return };
        let (inner, key) = (self.inner.clone(), self.key);
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
            let mut turn = false;
            if secs > 0.0 {
                let h = host.clone();
                match off_thread(&inner, move |i| i.reserve(&h, secs)).await {
                    Ok(wait) => tokio::time::sleep(wait).await,
                    Err(e) => tracing::warn!("{e}"),
                }
                let mut poll = Duration::from_millis(1);
                loop {
                    let h = host.clone();
                    match off_thread(&inner, move |i| i.try_turn(&h, key, secs)).await {
                        Ok(Some(left)) => {
                            turn = true;
                            tokio::time::sleep(left).await;
                            break;
                        }
                        Ok(None) => {
                            tokio::time::sleep(poll).await;
                            poll = (poll * 2).min(Duration::from_millis(20));
                        }
                        Err(e) => {
                            tracing::warn!("{e}; waiting this worker's own delay");
                            tokio::time::sleep(delay).await;
                            break;
                        }
                    }
                }
            }
            SharedPermit(Some(Box::new(FleetPermit {
                inner,
                host,
                key,
                slot,
                turn,
            })))
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
