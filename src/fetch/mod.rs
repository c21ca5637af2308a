//! URLs → [`RawPage`]s: a polite, cached, retrying HTTP fetcher.
//!
//! Takes URLs; gives out the bytes of each page with its final URL, status
//! and content type, or a [`FetchError`] naming the URL and the reason.
//!
//! # Architecture
//!
//! - [`charset`]: bytes → text (header, `<meta charset>`, detection).
//! - [`backoff`]: which failures are retried and how long to wait; pure
//!   functions, tested without a network.
//! - [`robots`]: robots.txt rules and Crawl-delay per origin, fetched once.
//! - [`host`]: per-host politeness, a concurrency limit plus a minimum
//!   delay between requests.
//! - [`cache`]: on-disk cache of raw bytes with ETag/Last-Modified for
//!   conditional revalidation.
//! - [`builder`]: [`FetcherBuilder`], settings and their `DEFAULT_*` values.
//! - [`client`]: [`Fetcher`], which ties these together for one URL at a
//!   time; batches run many concurrently.
//! - [`error`]: [`FetchError`], one variant per reason a URL fails.

pub mod backoff;
pub mod builder;
pub mod cache;
pub mod charset;
pub mod client;
pub mod error;
pub mod host;
pub mod robots;

use std::path::Path;

pub use builder::{
    DEFAULT_CACHE_TTL, DEFAULT_CONNECT_TIMEOUT, DEFAULT_HOST_CONCURRENCY, DEFAULT_HOST_DELAY,
    DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_CRAWL_DELAY, DEFAULT_MAX_REDIRECTS, DEFAULT_MAX_RETRIES,
    DEFAULT_MAX_RETRY_AFTER, DEFAULT_PAGE_CACHE_TTL, DEFAULT_RETRY_BASE, DEFAULT_RETRY_CAP,
    DEFAULT_TIMEOUT, DEFAULT_TOTAL_CONCURRENCY, FetcherBuilder, MAX_ROBOTS_BYTES,
    default_user_agent,
};
pub use client::Fetcher;
pub use error::FetchError;

/// A page as fetched or loaded: bytes, not yet decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawPage {
    /// The URL asked for (a `file://` URL for local files).
    pub url: String,
    /// The URL after redirects.
    pub final_url: String,
    /// HTTP status of the final response (200 for local files and cache hits).
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The body bytes.
    pub body: Vec<u8>,
    /// Whether the bytes came from the on-disk cache (fresh or revalidated).
    pub from_cache: bool,
}

/// Reads everything `reader` gives, up to `limit` bytes: more is an error
/// of kind [`std::io::ErrorKind::FileTooLarge`], found after reading at most
/// `limit + 1` bytes, so an endless stream costs no more than that.
pub fn read_limited(reader: impl std::io::Read, limit: u64) -> std::io::Result<Vec<u8>> {
    read_limited_into(reader, limit, Vec::new())
}

/// [`read_limited`] into `body`, whose capacity (a file's size) spares the
/// doubling and copying of a growing buffer.
fn read_limited_into(
    reader: impl std::io::Read,
    limit: u64,
    mut body: Vec<u8>,
) -> std::io::Result<Vec<u8>> {
    use std::io::Read as _;
    reader
        .take(limit.saturating_add(1))
        .read_to_end(&mut body)?;
    if body.len() as u64 > limit {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!("larger than {limit} bytes (--max-body)"),
        ));
    }
    Ok(body)
}

impl RawPage {
    /// Loads a saved page from disk, refusing one larger than
    /// [`DEFAULT_MAX_BODY_BYTES`] (see [`RawPage::from_file_limited`]).
    pub fn from_file(path: &Path) -> std::io::Result<RawPage> {
        Self::from_file_limited(path, DEFAULT_MAX_BODY_BYTES)
    }

    /// Loads a saved page from disk. The content type is guessed from the
    /// extension: `.txt` is `text/plain`, anything else is HTML. A file (or
    /// a named pipe, a device) holding more than `limit` bytes is an error
    /// of kind [`std::io::ErrorKind::FileTooLarge`], found after reading at
    /// most `limit + 1` bytes of it, as `--max-body` bounds a download.
    pub fn from_file_limited(path: &Path, limit: u64) -> std::io::Result<RawPage> {
        let file = std::fs::File::open(path)?;
        // A named pipe or device says 0: the buffer grows as it reads.
        let size = file.metadata().map_or(0, |m| m.len()).min(limit);
        let body = read_limited_into(file, limit, Vec::with_capacity(size as usize + 1))?;
        let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        let url = url::Url::from_file_path(&abs)
            .map(|u| u.to_string())
            .unwrap_or_else(|_| abs.display().to_string());
        let is_txt = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
        Ok(RawPage {
            final_url: url.clone(),
            url,
            status: 200,
            content_type: Some(if is_txt { "text/plain" } else { "text/html" }.to_string()),
            body,
            from_cache: false,
        })
    }

    #[cfg(test)]
    pub(crate) fn for_test(url: &str, content_type: Option<&str>, body: &[u8]) -> RawPage {
        RawPage {
            url: url.to_string(),
            final_url: url.to_string(),
            status: 200,
            content_type: content_type.map(str::to_string),
            body: body.to_vec(),
            from_cache: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn local_files_are_held_to_the_body_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.html");
        std::fs::write(&path, vec![b'a'; 1000]).unwrap();
        assert_eq!(
            RawPage::from_file_limited(&path, 1000).unwrap().body.len(),
            1000
        );
        let err = RawPage::from_file_limited(&path, 999).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::FileTooLarge);
        assert!(err.to_string().contains("larger than 999 bytes"), "{err}");
        // An endless stream is read only to the limit.
        let err = read_limited(std::io::repeat(b'x'), 1 << 20).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::FileTooLarge);
    }
}
