//! [`Fetcher`]: one URL → one [`RawPage`], politely.
//!
//! Takes a URL; gives out its bytes or a [`FetchError`] naming the URL and
//! the reason (robots.txt, HTTP status, timeout, redirect loop, size...).
//! Every request goes through robots.txt ([`super::robots`]) and the
//! per-host limiter ([`super::host`]), is retried on 429/5xx/connection
//! errors with backoff ([`super::backoff`]), and is cached on disk
//! ([`super::cache`]). Redirects are followed here rather than inside
//! reqwest so that every hop is checked against its own host's robots.txt
//! and politeness, and loops are reported as such.
//!
//! A `Fetcher` is cheap to clone (its state is shared) and is meant to be
//! built once per run with [`FetcherBuilder`].

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::header::{
    CONTENT_LENGTH, CONTENT_TYPE, ETAG, HeaderMap, HeaderValue, IF_MODIFIED_SINCE, IF_NONE_MATCH,
    LAST_MODIFIED, LOCATION, RETRY_AFTER,
};
use url::Url;

use super::RawPage;
use super::backoff::{backoff_delay, is_retryable_status, jitter_unit, parse_retry_after};
use super::builder::{FetcherBuilder, MAX_ROBOTS_BYTES, default_user_agent};
use super::cache::{CacheEntry, DiskCache};
use super::error::FetchError;
use super::host::{HostLimiter, HostPermit};
use super::robots::{RobotsCache, RobotsRules};

/// Fetches URLs politely; clone it freely, clones share state.
#[derive(Debug, Clone)]
pub struct Fetcher {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    client: reqwest::Client,
    user_agent: String,
    hosts: HostLimiter,
    robots: RobotsCache,
    cache: Option<DiskCache>,
    total: Arc<tokio::sync::Semaphore>,
    config: FetcherBuilder,
}

/// A response whose body is still to be read, with its host slot.
struct Response {
    resp: reqwest::Response,
    _permit: HostPermit,
    /// The overall slot, held until the body is read.
    _total: Option<tokio::sync::OwnedSemaphorePermit>,
}

impl Fetcher {
    pub(super) fn from_builder(config: FetcherBuilder) -> Result<Fetcher, FetchError> {
        let user_agent = config
            .user_agent
            .clone()
            .unwrap_or_else(|| default_user_agent(config.contact.as_deref()));
        let client = reqwest::Client::builder()
            .user_agent(user_agent.clone())
            .connect_timeout(config.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| FetchError::Client(e.to_string()))?;
        Ok(Fetcher {
            inner: Arc::new(Inner {
                client,
                user_agent,
                hosts: HostLimiter::new(config.host_concurrency, config.host_delay)
                    .shared(config.shared_hosts.clone()),
                robots: RobotsCache::default(),
                cache: config.cache_dir.clone().map(DiskCache::new),
                total: Arc::new(tokio::sync::Semaphore::new(config.total_concurrency.max(1))),
                config,
            }),
        })
    }

    /// A builder with the defaults.
    pub fn builder() -> FetcherBuilder {
        FetcherBuilder::new()
    }

    /// The User-Agent sent.
    pub fn user_agent(&self) -> &str {
        &self.inner.user_agent
    }

    /// Fetches one URL: robots.txt, politeness, retries, redirects, cache.
    pub async fn fetch(&self, input: &str) -> Result<RawPage, FetchError> {
        let url = Url::parse(input.trim()).map_err(|e| FetchError::InvalidUrl {
            input: input.to_string(),
            reason: e.to_string(),
        })?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(FetchError::UnsupportedScheme {
                url: url.to_string(),
                scheme: url.scheme().to_string(),
            });
        }
        let key = url.to_string();
        let cached = match &self.inner.cache {
            Some(c) => c.load(&key).await,
            None => None,
        };
        if let Some((entry, _)) = &cached
            && is_fresh(entry, self.inner.config.cache_ttl)
            && let Some((entry, body)) = cached
        {
            return Ok(page_from_cache(&key, entry, body));
        }
        if self.inner.config.offline {
            return match cached {
                Some((entry, body)) => Ok(page_from_cache(&key, entry, body)),
                None => Err(FetchError::NotCached { url: key }),
            };
        }
        // The overall limit is taken only once a request is about to go out,
        // so items waiting on a slow host do not block other hosts.
        let mut current = url;
        let mut seen: HashSet<String> = HashSet::from([key.clone()]);
        for _hop in 0..=self.inner.config.max_redirects {
            self.check_robots(&key, &current).await?;
            // Validators belong to the URL that answered with the stored
            // bytes, which is the last hop of a redirect chain.
            let conditional = cached
                .as_ref()
                .map(|(e, _)| e)
                .filter(|e| e.final_url == current.as_str());
            let Response {
                resp,
                _permit,
                _total,
            } = self.send(&key, &current, conditional).await?;
            let status = resp.status().as_u16();
            if status == 304
                && let Some((mut entry, body)) = cached
            {
                entry.stored_at = chrono::Utc::now().to_rfc3339();
                self.store(&entry, &body).await;
                return Ok(page_from_cache(&key, entry, body));
            }
            if (300..400).contains(&status) && status != 304 {
                let next = resp
                    .headers()
                    .get(LOCATION)
                    .and_then(|l| l.to_str().ok())
                    .and_then(|l| current.join(l).ok())
                    .filter(|u| matches!(u.scheme(), "http" | "https"))
                    .ok_or_else(|| FetchError::BadRedirect {
                        url: key.clone(),
                        status,
                    })?;
                if !seen.insert(next.to_string()) {
                    return Err(FetchError::RedirectLoop {
                        url: key,
                        target: next.to_string(),
                    });
                }
                current = next;
                continue;
            }
            if !(200..300).contains(&status) {
                return Err(FetchError::Status {
                    url: key,
                    status,
                    note: None,
                });
            }
            let header = |name| {
                resp.headers()
                    .get(name)
                    .and_then(|v: &HeaderValue| v.to_str().ok())
                    .map(str::to_string)
            };
            let content_type = header(CONTENT_TYPE);
            let etag = header(ETAG);
            let last_modified = header(LAST_MODIFIED);
            let final_url = current.to_string();
            let body = self.read_body(&key, resp).await?;
            let entry = CacheEntry {
                url: key.clone(),
                final_url: final_url.clone(),
                status,
                content_type: content_type.clone(),
                etag,
                last_modified,
                stored_at: chrono::Utc::now().to_rfc3339(),
            };
            self.store(&entry, &body).await;
            return Ok(RawPage {
                url: key,
                final_url,
                status,
                content_type,
                body,
                from_cache: false,
            });
        }
        Err(FetchError::TooManyRedirects {
            url: key,
            max: self.inner.config.max_redirects,
        })
    }

    async fn store(&self, entry: &CacheEntry, body: &[u8]) {
        if let Some(cache) = &self.inner.cache
            && let Err(e) = cache.store(entry, body).await
        {
            tracing::warn!(
                "{}: cannot write cache in {}: {e}",
                entry.url,
                cache.dir().display()
            );
        }
    }

    async fn check_robots(&self, key: &str, url: &Url) -> Result<(), FetchError> {
        if !self.inner.config.respect_robots {
            return Ok(());
        }
        let rules = self.robots_for(url).await;
        if rules.allowed(url.as_str()) {
            return Ok(());
        }
        let detail = match rules.as_ref() {
            RobotsRules::DisallowAll(why) => Some(why.clone()),
            _ => None,
        };
        Err(FetchError::Robots {
            url: if key == url.as_str() {
                key.to_string()
            } else {
                format!("{key} → {url}")
            },
            detail,
        })
    }

    async fn robots_for(&self, url: &Url) -> Arc<RobotsRules> {
        let origin = url.origin().ascii_serialization();
        self.inner
            .robots
            .get(&origin, || async {
                let Ok(robots_url) = Url::parse(&format!("{origin}/robots.txt")) else {
                    return RobotsRules::AllowAll;
                };
                let host = robots_url.host_str().unwrap_or("").to_string();
                let _permit = self.inner.hosts.acquire(&host, None).await;
                let resp = self
                    .inner
                    .client
                    .get(robots_url)
                    .timeout(self.inner.config.timeout)
                    .send()
                    .await;
                match resp {
                    Ok(r) => {
                        let status = r.status().as_u16();
                        // Redirects are not followed for robots.txt here; RFC 9309
                        // allows treating an unfollowed one as unavailable (4xx).
                        let status = if (300..400).contains(&status) {
                            404
                        } else {
                            status
                        };
                        let mut r = r;
                        let mut body = Vec::new();
                        while let Ok(Some(chunk)) = r.chunk().await {
                            body.extend_from_slice(&chunk);
                            if body.len() >= MAX_ROBOTS_BYTES {
                                body.truncate(MAX_ROBOTS_BYTES);
                                break;
                            }
                        }
                        RobotsRules::from_response(status, &body)
                    }
                    Err(_) => RobotsRules::from_response(0, b""),
                }
            })
            .await
    }

    fn crawl_delay(&self, rules: &RobotsRules) -> Option<Duration> {
        rules
            .crawl_delay()
            .map(|d| d.min(self.inner.config.max_crawl_delay))
    }

    /// Sends one GET, retrying on 429/5xx/connection errors.
    async fn send(
        &self,
        key: &str,
        url: &Url,
        cached: Option<&CacheEntry>,
    ) -> Result<Response, FetchError> {
        let cfg = &self.inner.config;
        let host = url.host_str().unwrap_or("").to_string();
        let crawl_delay = if cfg.respect_robots {
            self.crawl_delay(&*self.robots_for(url).await)
        } else {
            None
        };
        let mut headers = HeaderMap::new();
        if let Some(entry) = cached {
            if let Some(v) = entry
                .etag
                .as_deref()
                .and_then(|v| HeaderValue::from_str(v).ok())
            {
                headers.insert(IF_NONE_MATCH, v);
            }
            if let Some(v) = entry
                .last_modified
                .as_deref()
                .and_then(|v| HeaderValue::from_str(v).ok())
            {
                headers.insert(IF_MODIFIED_SINCE, v);
            }
        }
        let mut attempt = 0u32;
        loop {
            let mut permit = self.inner.hosts.acquire(&host, crawl_delay).await;
            // The semaphore is never closed, so this is always `Some`.
            let total = self.inner.total.clone().acquire_owned().await.ok();
            let result = {
                tracing::debug!("GET {url} (attempt {})", attempt + 1);
                self.inner
                    .client
                    .get(url.clone())
                    .headers(headers.clone())
                    .timeout(cfg.timeout)
                    .send()
                    .await
            };
            permit.started();
            let retry_wait = match result {
                Ok(resp) => {
                    let status = resp.status().as_u16();
                    if !is_retryable_status(status) || attempt >= cfg.max_retries {
                        return Ok(Response {
                            resp,
                            _permit: permit,
                            _total: total,
                        });
                    }
                    let retry_after = resp
                        .headers()
                        .get(RETRY_AFTER)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| parse_retry_after(v, SystemTime::now()));
                    match retry_after {
                        Some(wait) if wait > cfg.max_retry_after => {
                            return Err(FetchError::Status {
                                url: key.to_string(),
                                status,
                                note: Some(format!(
                                    "Retry-After {}s exceeds the {}s limit",
                                    wait.as_secs(),
                                    cfg.max_retry_after.as_secs()
                                )),
                            });
                        }
                        Some(wait) => {
                            // The server's wish applies to the host, not just this URL.
                            self.inner.hosts.defer(&host, wait).await;
                            wait
                        }
                        None => {
                            backoff_delay(attempt, cfg.retry_base, cfg.retry_cap, jitter_unit())
                        }
                    }
                }
                Err(e) if e.is_timeout() => {
                    return Err(FetchError::Timeout {
                        url: key.to_string(),
                        after: cfg.timeout,
                    });
                }
                Err(e) if e.is_connect() && attempt < cfg.max_retries => {
                    backoff_delay(attempt, cfg.retry_base, cfg.retry_cap, jitter_unit())
                }
                Err(e) => {
                    return Err(FetchError::Connection {
                        url: key.to_string(),
                        message: error_chain(&e),
                    });
                }
            };
            drop((permit, total));
            tracing::info!("{url}: retrying in {:.1}s", retry_wait.as_secs_f64());
            tokio::time::sleep(retry_wait).await;
            attempt += 1;
        }
    }

    async fn read_body(
        &self,
        key: &str,
        mut resp: reqwest::Response,
    ) -> Result<Vec<u8>, FetchError> {
        let limit = self.inner.config.max_body_bytes;
        let declared = resp
            .headers()
            .get(CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
        if declared.is_some_and(|n| n > limit) {
            return Err(FetchError::TooLarge {
                url: key.to_string(),
                limit,
            });
        }
        let mut body = Vec::with_capacity(declared.unwrap_or(64 * 1024).min(limit) as usize);
        loop {
            match resp.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() as u64 + chunk.len() as u64 > limit {
                        return Err(FetchError::TooLarge {
                            url: key.to_string(),
                            limit,
                        });
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => return Ok(body),
                Err(e) if e.is_timeout() => {
                    return Err(FetchError::Timeout {
                        url: key.to_string(),
                        after: self.inner.config.timeout,
                    });
                }
                Err(e) => {
                    return Err(FetchError::Connection {
                        url: key.to_string(),
                        message: error_chain(&e),
                    });
                }
            }
        }
    }
}

/// Whether a cache entry is younger than `ttl`.
fn is_fresh(entry: &CacheEntry, ttl: Duration) -> bool {
    if ttl.is_zero() {
        return false;
    }
    let Ok(stored) = chrono::DateTime::parse_from_rfc3339(&entry.stored_at) else {
        return false;
    };
    let age = chrono::Utc::now().signed_duration_since(stored);
    age.to_std().is_ok_and(|age| age < ttl)
}

fn page_from_cache(key: &str, entry: CacheEntry, body: Vec<u8>) -> RawPage {
    RawPage {
        url: key.to_string(),
        final_url: entry.final_url,
        status: entry.status,
        content_type: entry.content_type,
        body,
        from_cache: true,
    }
}

/// The error and its causes on one line (reqwest's top-level message alone
/// says little: "error sending request").
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    msg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agent_names_newskg_and_contact() {
        let ua = default_user_agent(Some("mailto:desk@example.com"));
        assert!(
            ua.starts_with("newskg/") && ua.contains("mailto:desk@example.com"),
            "{ua}"
        );
    }

    #[tokio::test]
    async fn bad_urls_are_per_item_errors() {
        let f = Fetcher::builder().build().unwrap();
        assert!(matches!(
            f.fetch("not a url").await,
            Err(FetchError::InvalidUrl { .. })
        ));
        assert!(matches!(
            f.fetch("ftp://x.test/a").await,
            Err(FetchError::UnsupportedScheme { .. })
        ));
    }

    #[tokio::test]
    async fn offline_without_cache_entry() {
        let dir = tempfile::tempdir().unwrap();
        let f = Fetcher::builder()
            .cache_dir(dir.path())
            .offline(true)
            .build()
            .unwrap();
        let err = f.fetch("http://127.0.0.1:9/a").await.unwrap_err();
        assert!(err.to_string().contains("not in the cache"), "{err}");
    }
}
