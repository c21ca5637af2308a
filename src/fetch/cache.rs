//! On-disk HTTP cache: raw bytes per URL with the validators needed to
//! revalidate them.
//!
//! Takes a URL and a response; stores `<sha256(url)>.body` and
//! `<sha256(url)>.json` (final URL, status, content type, ETag,
//! Last-Modified, when stored, and the SHA-256 of the body) in a directory.
//! A re-run sends `If-None-Match`/`If-Modified-Since` and a 304 answer
//! reuses the bytes, so nothing is downloaded twice; `--offline` answers
//! from here alone.
//!
//! Several runs may share a directory. Every write goes to a temporary
//! file of its own (process id, a per-process counter and a random number)
//! and is renamed into place, so a killed run never leaves a half-written
//! file and two writers never write into one temporary file. Body and
//! metadata are two renames, so another writer may come between them: the
//! body's digest in the metadata tells, and a body that is not the one its
//! metadata describes counts as missing, never as the page.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

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
    /// Hex SHA-256 of the body, set by [`DiskCache::store`]; an entry
    /// without it (written before it existed) counts as missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_sha256: Option<String>,
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
        hex_sha256(url.as_bytes())
    }

    fn paths(&self, url: &str) -> (PathBuf, PathBuf) {
        let key = Self::key(url);
        (
            self.dir.join(format!("{key}.json")),
            self.dir.join(format!("{key}.body")),
        )
    }

    /// The stored entry and bytes for `url`, if any. A damaged entry, or a
    /// body that is not the one the entry describes (another writer came
    /// between the two renames), counts as missing.
    pub async fn load(&self, url: &str) -> Option<(CacheEntry, Vec<u8>)> {
        let (meta, body) = self.paths(url);
        let meta = tokio::fs::read(meta).await.ok()?;
        let entry: CacheEntry = serde_json::from_slice(&meta).ok()?;
        if entry.url != url {
            return None;
        }
        let body = tokio::fs::read(body).await.ok()?;
        if entry.body_sha256.as_deref() != Some(hex_sha256(&body).as_str()) {
            return None;
        }
        Some((entry, body))
    }

    /// Stores `body` under `entry.url`, with its digest.
    pub async fn store(&self, entry: &CacheEntry, body: &[u8]) -> std::io::Result<()> {
        tokio::fs::create_dir_all(&self.dir).await?;
        let (meta_path, body_path) = self.paths(&entry.url);
        let entry = CacheEntry {
            body_sha256: Some(hex_sha256(body)),
            ..entry.clone()
        };
        write_atomic(&body_path, body).await?;
        let json = serde_json::to_vec_pretty(&entry).map_err(std::io::Error::other)?;
        write_atomic(&meta_path, &json).await
    }
}

fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A temporary name for one write of `path`, used by no other write: the
/// file name, then the process id (runs sharing the directory), a counter
/// (writes of this process) and a random number (machines sharing it).
fn temporary_name(path: &Path) -> PathBuf {
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let nonce = (super::backoff::jitter_unit() * (1u64 << 32) as f64) as u64;
    path.with_file_name(format!(
        ".{name}.{}.{}.{nonce:08x}.tmp",
        std::process::id(),
        WRITES.fetch_add(1, Ordering::Relaxed)
    ))
}

async fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let tmp = temporary_name(path);
    let result = async {
        tokio::fs::write(&tmp, bytes).await?;
        tokio::fs::rename(&tmp, path).await
    }
    .await;
    if result.is_err() {
        let _ = tokio::fs::remove_file(&tmp).await;
    }
    result
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
            body_sha256: None,
        };
        assert!(cache.load("http://x.test/a").await.is_none());
        cache.store(&entry, "본문".as_bytes()).await.unwrap();
        let (e, body) = cache.load("http://x.test/a").await.unwrap();
        assert_eq!(
            e,
            CacheEntry {
                body_sha256: e.body_sha256.clone(),
                ..entry.clone()
            }
        );
        assert_eq!(body, "본문".as_bytes());
        assert_eq!(DiskCache::key("a").len(), 64);
    }

    #[tokio::test]
    async fn writers_sharing_a_directory_never_cross_body_and_metadata() {
        let dir = tempfile::tempdir().unwrap();
        let entry = |etag: &str| CacheEntry {
            url: "http://x.test/a".into(),
            final_url: "http://x.test/a".into(),
            status: 200,
            content_type: Some("text/html".into()),
            etag: Some(etag.into()),
            last_modified: None,
            stored_at: "2024-07-18T09:00:00+09:00".into(),
            body_sha256: None,
        };
        // Many concurrent writers of one URL, each its own cache handle.
        let mut tasks = Vec::new();
        for i in 0..64 {
            let cache = DiskCache::new(dir.path());
            let e = entry(&format!("v{i}"));
            tasks.push(tokio::spawn(async move {
                let body = format!("<p>본문 {i}</p>").repeat(200 + i);
                cache.store(&e, body.as_bytes()).await.unwrap();
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let cache = DiskCache::new(dir.path());
        if let Some((e, body)) = cache.load("http://x.test/a").await {
            let i: usize = e.etag.unwrap()[1..].parse().unwrap();
            assert_eq!(
                body,
                format!("<p>본문 {i}</p>").repeat(200 + i).into_bytes()
            );
        }
        // No temporary file is left behind.
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
        // A body replaced behind the metadata's back is not served.
        let key = DiskCache::key("http://x.test/a");
        std::fs::write(dir.path().join(format!("{key}.body")), b"{\"url\": 1}").unwrap();
        assert!(cache.load("http://x.test/a").await.is_none());
    }
}
