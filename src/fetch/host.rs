//! Per-host politeness: at most N requests in flight to a host, and at least
//! a minimum delay between the starts of two requests to it.
//!
//! Takes a host name (and the host's robots.txt Crawl-delay); gives out a
//! [`HostPermit`] once a request may start. Hosts are independent, so a batch
//! runs concurrently across hosts and politely within each. A server's
//! `Retry-After` pushes the host's next start back ([`HostLimiter::defer`]).
//!
//! Several processes (a fleet of workers on several machines) share one
//! budget per host through [`SharedHosts`] (the PostgreSQL store gives one):
//! then the delay and the concurrency limit hold for the whole fleet, and
//! this process's own limits still bound what it sends.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

/// Per-host politeness shared beyond this process: every worker of a fleet
/// takes its turn through it.
pub trait SharedHosts: std::fmt::Debug + Send + Sync {
    /// Resolves when a request to `host` may start: at most `concurrency`
    /// requests to it in flight and, with a `delay`, this process's turn,
    /// at least `delay` after the previous request to it reached the
    /// server, counting every process that shares the budget. The turn ends
    /// with [`SharedTurn::started`], the slot when the permit is dropped.
    fn acquire(
        &self,
        host: &str,
        delay: Duration,
        concurrency: usize,
    ) -> Pin<Box<dyn Future<Output = SharedPermit> + Send + 'static>>;
    /// Makes the next start to `host` anywhere wait at least `wait` from
    /// now (a server asked for it with `Retry-After`).
    fn defer(
        &self,
        host: &str,
        wait: Duration,
    ) -> Pin<Box<dyn Future<Output = ()> + Send + 'static>>;
}

/// A slot (and turn) of a [`SharedHosts`] budget.
pub trait SharedTurn: Send + Sync {
    /// The request has reached the server (its response has begun): the
    /// next one to the host may be timed from now.
    fn started(&mut self);
}

/// A slot of a [`SharedHosts`] budget, freed on drop.
pub struct SharedPermit(pub Option<Box<dyn SharedTurn>>);

impl std::fmt::Debug for SharedPermit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SharedPermit")
    }
}

/// Limits requests per host.
#[derive(Debug)]
pub struct HostLimiter {
    concurrency: usize,
    min_delay: Duration,
    hosts: Mutex<HashMap<String, Arc<HostState>>>,
    shared: Option<Arc<dyn SharedHosts>>,
}

#[derive(Debug)]
struct HostState {
    slots: Arc<Semaphore>,
    next_start: tokio::sync::Mutex<Instant>,
}

/// Permission to send one request to a host; the slot is freed on drop.
#[derive(Debug)]
pub struct HostPermit {
    _slot: Option<OwnedSemaphorePermit>,
    shared: Option<SharedPermit>,
}

impl HostPermit {
    /// The request has reached the server (its response has begun); the
    /// shared budget times the next request from now.
    pub fn started(&mut self) {
        if let Some(SharedPermit(Some(turn))) = &mut self.shared {
            turn.started();
        }
    }
}

impl HostLimiter {
    /// A limiter allowing `concurrency` requests in flight per host (at least
    /// one) and starting them at least `min_delay` apart.
    pub fn new(concurrency: usize, min_delay: Duration) -> Self {
        HostLimiter {
            concurrency: concurrency.max(1),
            min_delay,
            hosts: Mutex::new(HashMap::new()),
            shared: None,
        }
    }

    /// Takes turns with other processes through `shared` as well: the
    /// delay is then kept by the shared budget, for all of them.
    pub fn shared(mut self, shared: Option<Arc<dyn SharedHosts>>) -> Self {
        self.shared = shared;
        self
    }

    fn state(&self, host: &str) -> Arc<HostState> {
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        hosts
            .entry(host.to_string())
            .or_insert_with(|| {
                Arc::new(HostState {
                    slots: Arc::new(Semaphore::new(self.concurrency)),
                    next_start: tokio::sync::Mutex::new(Instant::now()),
                })
            })
            .clone()
    }

    /// Waits until a request to `host` may start. `crawl_delay` (from
    /// robots.txt) lengthens the minimum delay, never shortens it.
    pub async fn acquire(&self, host: &str, crawl_delay: Option<Duration>) -> HostPermit {
        let state = self.state(host);
        // The semaphore is never closed, so this is always `Ok`.
        let slot = state.slots.clone().acquire_owned().await.ok();
        let delay = crawl_delay.map_or(self.min_delay, |c| c.max(self.min_delay));
        if let Some(shared) = &self.shared {
            let fleet = shared.acquire(host, delay, self.concurrency).await;
            return HostPermit {
                _slot: slot,
                shared: Some(fleet),
            };
        }
        let mut next = state.next_start.lock().await;
        let now = Instant::now();
        if *next > now {
            tokio::time::sleep_until(*next).await;
        }
        *next = Instant::now() + delay;
        HostPermit {
            _slot: slot,
            shared: None,
        }
    }

    /// Makes the next request to `host` wait at least `wait` from now (a
    /// server asked for it with `Retry-After`).
    pub async fn defer(&self, host: &str, wait: Duration) {
        if let Some(shared) = &self.shared {
            shared.defer(host, wait).await;
        }
        let state = self.state(host);
        let mut next = state.next_start.lock().await;
        let until = Instant::now() + wait;
        if until > *next {
            *next = until;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn requests_to_one_host_are_spaced() {
        let limiter = HostLimiter::new(4, Duration::from_millis(50));
        let start = Instant::now();
        for _ in 0..3 {
            drop(limiter.acquire("a.test", None).await);
        }
        assert!(start.elapsed() >= Duration::from_millis(100));
    }

    #[tokio::test]
    async fn hosts_are_independent() {
        let limiter = HostLimiter::new(1, Duration::from_millis(200));
        let start = Instant::now();
        let _a = limiter.acquire("a.test", None).await;
        let _b = limiter.acquire("b.test", None).await;
        assert!(start.elapsed() < Duration::from_millis(150));
    }

    #[tokio::test]
    async fn crawl_delay_lengthens_and_defer_postpones() {
        let limiter = HostLimiter::new(1, Duration::from_millis(10));
        let start = Instant::now();
        drop(
            limiter
                .acquire("a.test", Some(Duration::from_millis(100)))
                .await,
        );
        drop(limiter.acquire("a.test", None).await);
        assert!(start.elapsed() >= Duration::from_millis(100));
        limiter.defer("a.test", Duration::from_millis(100)).await;
        let t = Instant::now();
        drop(limiter.acquire("a.test", None).await);
        assert!(t.elapsed() >= Duration::from_millis(90));
    }
}
