//! [`FetcherBuilder`]: the fetcher's settings, each with a documented
//! default exported as a `DEFAULT_*` constant so the CLI and the library
//! agree, and the User-Agent newskg sends.

use std::path::PathBuf;
use std::time::Duration;

use super::client::Fetcher;
use super::error::FetchError;

/// Connect timeout per request.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Total time allowed for one request, body included.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// Redirects followed before giving up.
pub const DEFAULT_MAX_REDIRECTS: usize = 10;
/// Largest body accepted (news pages are ~100 KB; 10 MiB leaves room for
/// bloated ones and stops runaway downloads).
pub const DEFAULT_MAX_BODY_BYTES: u64 = 10 * 1024 * 1024;
/// Retries after the first attempt on 429, 5xx and connection errors.
pub const DEFAULT_MAX_RETRIES: u32 = 3;
/// First backoff step; it doubles per retry (full jitter).
pub const DEFAULT_RETRY_BASE: Duration = Duration::from_millis(500);
/// Largest backoff step.
pub const DEFAULT_RETRY_CAP: Duration = Duration::from_secs(30);
/// Longest `Retry-After` we wait for; a server asking for more fails the item.
pub const DEFAULT_MAX_RETRY_AFTER: Duration = Duration::from_secs(120);
/// Minimum delay between two requests to the same host.
pub const DEFAULT_HOST_DELAY: Duration = Duration::from_secs(1);
/// Requests in flight per host.
pub const DEFAULT_HOST_CONCURRENCY: usize = 2;
/// Requests in flight overall (across hosts).
pub const DEFAULT_TOTAL_CONCURRENCY: usize = 16;
/// How long a cached page is used without asking the server again; zero
/// means every run revalidates (a 304 answer still costs no download).
pub const DEFAULT_CACHE_TTL: Duration = Duration::ZERO;
/// Largest robots.txt read (Google reads 500 KiB).
pub const MAX_ROBOTS_BYTES: usize = 500 * 1024;
/// Longest robots.txt Crawl-delay honoured; a larger one is clamped so that
/// a single item cannot stall a run for hours.
pub const DEFAULT_MAX_CRAWL_DELAY: Duration = Duration::from_secs(60);

/// The User-Agent: names newskg, its version and how to reach whoever runs
/// it (`contact`, e.g. a URL or e-mail; the package repository otherwise).
pub fn default_user_agent(contact: Option<&str>) -> String {
    let repo = env!("CARGO_PKG_REPOSITORY");
    let contact = contact
        .filter(|c| !c.trim().is_empty())
        .or((!repo.is_empty()).then_some(repo));
    match contact {
        Some(c) => format!(
            "newskg/{} (Korean news knowledge-graph builder; +{c})",
            env!("CARGO_PKG_VERSION")
        ),
        None => format!(
            "newskg/{} (Korean news knowledge-graph builder)",
            env!("CARGO_PKG_VERSION")
        ),
    }
}

/// Builds a [`Fetcher`]. Every setter documents its default.
#[derive(Debug, Clone)]
pub struct FetcherBuilder {
    pub(super) user_agent: Option<String>,
    pub(super) contact: Option<String>,
    pub(super) connect_timeout: Duration,
    pub(super) timeout: Duration,
    pub(super) max_redirects: usize,
    pub(super) max_body_bytes: u64,
    pub(super) max_retries: u32,
    pub(super) retry_base: Duration,
    pub(super) retry_cap: Duration,
    pub(super) max_retry_after: Duration,
    pub(super) host_delay: Duration,
    pub(super) host_concurrency: usize,
    pub(super) total_concurrency: usize,
    pub(super) max_crawl_delay: Duration,
    pub(super) respect_robots: bool,
    pub(super) cache_dir: Option<PathBuf>,
    pub(super) cache_ttl: Duration,
    pub(super) offline: bool,
    pub(super) shared_hosts: Option<std::sync::Arc<dyn super::host::SharedHosts>>,
}

impl Default for FetcherBuilder {
    fn default() -> Self {
        FetcherBuilder::new()
    }
}

impl FetcherBuilder {
    /// A builder with the `DEFAULT_*` settings, robots.txt respected, no cache.
    pub fn new() -> Self {
        FetcherBuilder {
            user_agent: None,
            contact: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            max_redirects: DEFAULT_MAX_REDIRECTS,
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
            max_retries: DEFAULT_MAX_RETRIES,
            retry_base: DEFAULT_RETRY_BASE,
            retry_cap: DEFAULT_RETRY_CAP,
            max_retry_after: DEFAULT_MAX_RETRY_AFTER,
            host_delay: DEFAULT_HOST_DELAY,
            host_concurrency: DEFAULT_HOST_CONCURRENCY,
            total_concurrency: DEFAULT_TOTAL_CONCURRENCY,
            max_crawl_delay: DEFAULT_MAX_CRAWL_DELAY,
            respect_robots: true,
            cache_dir: None,
            cache_ttl: DEFAULT_CACHE_TTL,
            offline: false,
            shared_hosts: None,
        }
    }

    /// The whole User-Agent string. Default: [`default_user_agent`].
    pub fn user_agent(mut self, ua: impl Into<String>) -> Self {
        self.user_agent = Some(ua.into());
        self
    }
    /// Contact URL or e-mail put in the default User-Agent. Default: the
    /// package repository, if set.
    pub fn contact(mut self, contact: impl Into<String>) -> Self {
        self.contact = Some(contact.into());
        self
    }
    /// Connect timeout. Default: [`DEFAULT_CONNECT_TIMEOUT`].
    pub fn connect_timeout(mut self, d: Duration) -> Self {
        self.connect_timeout = d;
        self
    }
    /// Total timeout per request, body included. Default: [`DEFAULT_TIMEOUT`].
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }
    /// Redirects followed. Default: [`DEFAULT_MAX_REDIRECTS`].
    pub fn max_redirects(mut self, n: usize) -> Self {
        self.max_redirects = n;
        self
    }
    /// Largest body accepted. Default: [`DEFAULT_MAX_BODY_BYTES`].
    pub fn max_body_bytes(mut self, n: u64) -> Self {
        self.max_body_bytes = n;
        self
    }
    /// Retries on 429/5xx/connection errors. Default: [`DEFAULT_MAX_RETRIES`].
    pub fn max_retries(mut self, n: u32) -> Self {
        self.max_retries = n;
        self
    }
    /// First backoff step. Default: [`DEFAULT_RETRY_BASE`].
    pub fn retry_base(mut self, d: Duration) -> Self {
        self.retry_base = d;
        self
    }
    /// Largest backoff step. Default: [`DEFAULT_RETRY_CAP`].
    pub fn retry_cap(mut self, d: Duration) -> Self {
        self.retry_cap = d;
        self
    }
    /// Longest `Retry-After` waited for. Default: [`DEFAULT_MAX_RETRY_AFTER`].
    pub fn max_retry_after(mut self, d: Duration) -> Self {
        self.max_retry_after = d;
        self
    }
    /// Minimum delay between requests to one host. Default: [`DEFAULT_HOST_DELAY`].
    pub fn host_delay(mut self, d: Duration) -> Self {
        self.host_delay = d;
        self
    }
    /// Requests in flight per host. Default: [`DEFAULT_HOST_CONCURRENCY`].
    pub fn host_concurrency(mut self, n: usize) -> Self {
        self.host_concurrency = n;
        self
    }
    /// Requests in flight overall. Default: [`DEFAULT_TOTAL_CONCURRENCY`].
    pub fn total_concurrency(mut self, n: usize) -> Self {
        self.total_concurrency = n;
        self
    }
    /// Longest Crawl-delay honoured. Default: [`DEFAULT_MAX_CRAWL_DELAY`].
    pub fn max_crawl_delay(mut self, d: Duration) -> Self {
        self.max_crawl_delay = d;
        self
    }
    /// Whether to obey robots.txt. Default: `true`.
    pub fn respect_robots(mut self, yes: bool) -> Self {
        self.respect_robots = yes;
        self
    }
    /// Directory of the on-disk cache. Default: no cache.
    pub fn cache_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cache_dir = Some(dir.into());
        self
    }
    /// How long a cached page is served without revalidation. Default:
    /// [`DEFAULT_CACHE_TTL`] (always revalidate).
    pub fn cache_ttl(mut self, d: Duration) -> Self {
        self.cache_ttl = d;
        self
    }
    /// Answer from the cache only, never touching the network. Default: `false`.
    pub fn offline(mut self, yes: bool) -> Self {
        self.offline = yes;
        self
    }

    /// Shares the per-host delay and concurrency with other processes (a
    /// fleet of workers) through `shared`. Default: this process only.
    pub fn shared_hosts(mut self, shared: std::sync::Arc<dyn super::host::SharedHosts>) -> Self {
        self.shared_hosts = Some(shared);
        self
    }

    /// Builds the fetcher.
    pub fn build(self) -> Result<Fetcher, FetchError> {
        Fetcher::from_builder(self)
    }
}
