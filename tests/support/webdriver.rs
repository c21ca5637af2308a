//! A minimal W3C WebDriver client over HTTP, enough to drive headless
//! Chromium through chromedriver for the report tests and the report
//! benchmark: open a page, find elements, type, click, run a script, take a
//! screenshot. No extra crates: reqwest and serde_json are already here.
//!
//! [`Browser::start`] returns `Ok(None)` when `/usr/bin/chromium` or
//! `chromedriver` is missing, so callers can skip with a message.
#![allow(dead_code)] // each user needs a different part

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The key W3C WebDriver uses for element references.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The Chromium binary the tests use (Debian's `chromium` package).
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// chromedriver on PATH or at Debian's location.
fn chromedriver() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("chromedriver"))
            .find(|p| p.is_file())
    });
    on_path.or_else(|| {
        let p = PathBuf::from("/usr/bin/chromedriver");
        p.is_file().then_some(p)
    })
}

/// A chromedriver process with one headless Chromium session.
pub struct Browser {
    driver: Child,
    base: String,
    http: reqwest::Client,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium window of 1600×1000, or
    /// `Ok(None)` (with the reason) when either is not installed.
    pub async fn start() -> anyhow::Result<Result<Browser, String>> {
        if !Path::new(CHROMIUM).is_file() {
            return Ok(Err(format!(
                "{CHROMIUM} not found (apt-get install chromium)"
            )));
        }
        let Some(driver_bin) = chromedriver() else {
            return Ok(Err(
                "chromedriver not found (apt-get install chromium-driver)".into(),
            ));
        };
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let driver = Command::new(driver_bin)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        let profile = tempfile::tempdir()?;
        let mut browser = Browser {
            driver,
            base: format!("http://127.0.0.1:{port}"),
            http: reqwest::Client::new(),
            _profile: profile,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let ready = browser
                .http
                .get(format!("{}/status", browser.base))
                .send()
                .await;
            if let Ok(r) = ready {
                let v: Value = serde_json::from_slice(&r.bytes().await?)?;
                if v["value"]["ready"] == true {
                    break;
                }
            }
            anyhow::ensure!(Instant::now() < deadline, "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--window-size=1600,1000",
        ];
        let mut args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        args.push(format!(
            "--user-data-dir={}",
            browser._profile.path().display()
        ));
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": CHROMIUM, "args": args},
        }}});
        let session = browser.post("/session", caps).await?;
        let id = session["sessionId"]
            .as_str()
            .ok_or_else(|| anyhow::anyhow!("no session id in {session}"))?;
        browser.base = format!("{}/session/{id}", browser.base);
        Ok(Ok(browser))
    }

    async fn post(&self, path: &str, body: Value) -> anyhow::Result<Value> {
        let r = self
            .http
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .body(serde_json::to_vec(&body)?)
            .send()
            .await?;
        let v: Value = serde_json::from_slice(&r.bytes().await?)?;
        if v["value"]["error"].is_string() {
            anyhow::bail!("webdriver {path}: {}", v["value"]);
        }
        Ok(v["value"].clone())
    }

    async fn get(&self, path: &str) -> anyhow::Result<Value> {
        let r = self.http.get(format!("{}{path}", self.base)).send().await?;
        let v: Value = serde_json::from_slice(&r.bytes().await?)?;
        if v["value"]["error"].is_string() {
            anyhow::bail!("webdriver {path}: {}", v["value"]);
        }
        Ok(v["value"].clone())
    }

    /// Opens a page (a `file://` URL for reports).
    pub async fn goto(&self, url: &str) -> anyhow::Result<()> {
        self.post("/url", json!({"url": url})).await.map(drop)
    }

    /// The first element matching a CSS selector.
    pub async fn find(&self, css: &str) -> anyhow::Result<String> {
        let v = self
            .post("/element", json!({"using": "css selector", "value": css}))
            .await?;
        v[ELEMENT]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| anyhow::anyhow!("no element reference for {css}: {v}"))
    }

    /// Types text into an element.
    pub async fn send_keys(&self, element: &str, text: &str) -> anyhow::Result<()> {
        self.post(&format!("/element/{element}/value"), json!({"text": text}))
            .await
            .map(drop)
    }

    /// Clicks an element like a user (scrolls it into view first).
    pub async fn click(&self, element: &str) -> anyhow::Result<()> {
        self.post(&format!("/element/{element}/click"), json!({}))
            .await
            .map(drop)
    }

    /// The visible text of an element.
    pub async fn text(&self, element: &str) -> anyhow::Result<String> {
        Ok(self
            .get(&format!("/element/{element}/text"))
            .await?
            .as_str()
            .unwrap_or_default()
            .to_string())
    }

    /// Runs a synchronous script (`return …;`) and gives its result.
    pub async fn execute(&self, script: &str) -> anyhow::Result<Value> {
        self.post("/execute/sync", json!({"script": script, "args": []}))
            .await
    }

    /// Polls `script` until it returns something truthy, or fails after `timeout`.
    pub async fn wait_for(&self, script: &str, timeout: Duration) -> anyhow::Result<Value> {
        let deadline = Instant::now() + timeout;
        loop {
            let v = self.execute(script).await?;
            if !(v.is_null() || v == false || v == 0 || v == "") {
                return Ok(v);
            }
            anyhow::ensure!(
                Instant::now() < deadline,
                "timed out after {timeout:?} waiting for: {script}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Resizes the window (the outer size, as a user's would be).
    pub async fn set_window_size(&self, width: u32, height: u32) -> anyhow::Result<()> {
        self.post("/window/rect", json!({"width": width, "height": height}))
            .await
            .map(drop)
    }

    /// A PNG screenshot of the window.
    pub async fn screenshot(&self) -> anyhow::Result<Vec<u8>> {
        let v = self.get("/screenshot").await?;
        let b64 = v
            .as_str()
            .ok_or_else(|| anyhow::anyhow!("screenshot is not a string"))?;
        base64_decode(b64)
    }

    /// Ends the session (closes Chromium) and stops chromedriver; dropping
    /// the browser does the same.
    pub async fn quit(self) -> anyhow::Result<()> {
        tokio::task::spawn_blocking(move || drop(self)).await?;
        Ok(())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // After a failed test. Killing chromedriver alone would leave its
        // Chromium running, so end the session first, synchronously (this
        // may run while a panic unwinds inside the async runtime, where
        // nothing can be awaited): a bare HTTP DELETE on a std TcpStream.
        if let Some(rest) = self.base.strip_prefix("http://")
            && let Some((host, path)) = rest.split_once('/')
            && let Ok(mut conn) = std::net::TcpStream::connect(host)
        {
            use std::io::{Read, Write};
            let _ = conn.set_read_timeout(Some(Duration::from_secs(10)));
            let request = format!(
                "DELETE /{path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            // chromedriver answers once Chromium is gone; the first bytes
            // of the answer are enough (it may keep the connection open).
            if conn.write_all(request.as_bytes()).is_ok() {
                let _ = conn.read(&mut [0u8; 512]);
            }
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Standard base64 (with padding), as WebDriver sends screenshots.
fn base64_decode(s: &str) -> anyhow::Result<Vec<u8>> {
    let value = |c: u8| -> anyhow::Result<u32> {
        Ok(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => anyhow::bail!("not base64: {:?}", c as char),
        } as u32)
    };
    let bytes: Vec<u8> = s
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && *b != b'=')
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c)? << (18 - 6 * i);
        }
        out.push((n >> 16) as u8);
        if chunk.len() > 2 {
            out.push((n >> 8) as u8);
        }
        if chunk.len() > 3 {
            out.push(n as u8);
        }
    }
    Ok(out)
}

/// Where the tests leave screenshots and pages: `target/report-artifacts/`.
pub fn artifacts_dir() -> PathBuf {
    let tmp = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let dir = tmp
        .parent()
        .map(|t| t.join("report-artifacts"))
        .unwrap_or(tmp);
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// A `file://` URL for a local path.
pub fn file_url(path: &Path) -> anyhow::Result<String> {
    let abs = std::fs::canonicalize(path)?;
    url::Url::from_file_path(&abs)
        .map(|u| u.to_string())
        .map_err(|_| anyhow::anyhow!("cannot make a file URL of {}", abs.display()))
}
