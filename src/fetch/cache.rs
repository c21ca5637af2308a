//! On-disk HTTP cache: raw bytes per URL with the validators needed to
//! revalidate them.
//!
//! Takes a URL and a response; stores `<sha256(url)>.body` and
//! `<sha256(url)>.json` (final URL, status, content type, ETag,
//! Last-Modified, when stored) in a directory. A re-run sends
//! `If-None-Match`/`If-Modified-Since` and a 304 answer reuses the bytes, so
//! nothing is downloaded twice; `--offline` answers from here alone. Writes
//! go to a temporary file and are renamed into place, so a killed run never
//! leaves a half-written entry.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What is stored beside the bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CacheEntry {
    /// The URL asked for (the key).
    pub url: String,
    /// The URL after redirects.
    pub final_url: String,
    /// HTTP status of the stored response.
    pub status: u16,
    /// `Content-Type` of the stored response.
    pub content_type: Option<String>,
    /// `ETag` validator.
    pub etag: Option<String>,
    /// `Last-Modified` validator.
    pub last_modified: Option<String>,
    /// When the entry was stored or last revalidated, RFC 3339.
    pub stored_at: String,
}

/// A cache directory.
#[derive(Debug, Clone)]
pub struct DiskCache {
    dir: PathBuf,
}

impl DiskCache {
    /// A cache in `dir` (created on first store).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        DiskCache { dir: dir.into() }
    }

    /// The directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file stem for `url`: hex SHA-256 of the URL.
    pub fn key(url: &str) -> String {
        Sha256::digest(url.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    fn paths(&self, url: &str) -> (PathBuf, PathBuf) {
        let key = Self::key(url);
        (
            self.dir.join(format!("{key}.json")),
            self.dir.join(format!("{key}.body")),
        )
    }

    /// The stored entry and bytes for `url`, if any (a damaged entry counts
    /// as missing).
    pub async fn load(&self, url: &str) -> Option<(CacheEntry, Vec<u8>)> {
        let (meta, body) = self.paths(url);
        let meta = tokio::fs::read(meta).await.ok()?;
        let entry: CacheEntry = serde_json::from_slice(&meta).ok()?;
        if entry.url != url {
            return None;
        }
        let body = tokio::fs::read(body).await.ok()?;
        Some((entry, body))
    }

    /// Stores `body` under `entry.url`.
    pub async fn store(&self, entry: &CacheEntry, body: &[u8]) -> std::io::Result<()> {
        tokio::fs::create_dir_all(&self.dir).await?;
        let (meta_path, body_path) = self.paths(&entry.url);
        write_atomic(&body_path, body).await?;
        let json = serde_json::to_vec_pretty(entry).map_err(std::io::Error::other)?;
        write_atomic(&meta_path, &json).await
    }
}

async fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    tokio::fs::write(&tmp, bytes).await?;
    tokio::fs::rename(&tmp, path).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn store_and_load() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DiskCache::new(dir.path().join("c"));
        let entry = CacheEntry {
            url: "http://x.test/a".into(),
            final_url: "http://x.test/b".into(),
            status: 200,
            content_type: Some("text/html".into()),
            etag: Some("\"v1\"".into()),
            last_modified: None,
            stored_at: "2024-07-18T09:00:00+09:00".into(),
        };
        assert!(cache.load("http://x.test/a").await.is_none());
        cache.store(&entry, "본문".as_bytes()).await.unwrap();
        let (e, body) = cache.load("http://x.test/a").await.unwrap();
        assert_eq!(e, entry);
        assert_eq!(body, "본문".as_bytes());
        assert_eq!(DiskCache::key("a").len(), 64);
    }
}
