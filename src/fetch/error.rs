//! [`FetchError`]: why one URL could not be fetched, naming the URL.

use std::time::Duration;

/// Why a URL could not be fetched. Every message names the URL.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    /// The text is not a URL.
    #[error("cannot parse {input:?} as a URL: {reason}")]
    InvalidUrl {
        /// What was given.
        input: String,
        /// The parser's complaint.
        reason: String,
    },
    /// Not http or https.
    #[error("{url}: unsupported URL scheme {scheme:?} (only http and https)")]
    UnsupportedScheme {
        /// The URL.
        url: String,
        /// Its scheme.
        scheme: String,
    },
    /// robots.txt forbids it.
    #[error("{url}: disallowed by robots.txt{}", .detail.as_deref().map(|d| format!(" ({d})")).unwrap_or_default())]
    Robots {
        /// The URL.
        url: String,
        /// Why, when robots.txt itself was unavailable.
        detail: Option<String>,
    },
    /// The final response was not a success.
    #[error("{url}: HTTP {status}{}", .note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default())]
    Status {
        /// The URL.
        url: String,
        /// The status code.
        status: u16,
        /// Extra context (e.g. a Retry-After too long to wait for).
        note: Option<String>,
    },
    /// No complete response in time.
    #[error("{url}: timed out after {:.1}s", .after.as_secs_f64())]
    Timeout {
        /// The URL.
        url: String,
        /// The total timeout.
        after: Duration,
    },
    /// Could not connect or the connection broke.
    #[error("{url}: connection failed: {message}")]
    Connection {
        /// The URL.
        url: String,
        /// The underlying error.
        message: String,
    },
    /// More redirects than allowed.
    #[error("{url}: more than {max} redirects")]
    TooManyRedirects {
        /// The URL.
        url: String,
        /// The limit.
        max: usize,
    },
    /// A redirect chain came back to a URL it had visited.
    #[error("{url}: redirect loop at {target}")]
    RedirectLoop {
        /// The URL.
        url: String,
        /// The repeated URL.
        target: String,
    },
    /// A redirect without a usable `Location`.
    #[error("{url}: HTTP {status} redirect without a valid Location")]
    BadRedirect {
        /// The URL.
        url: String,
        /// The status code.
        status: u16,
    },
    /// The body is larger than allowed.
    #[error("{url}: body larger than {limit} bytes")]
    TooLarge {
        /// The URL.
        url: String,
        /// The limit.
        limit: u64,
    },
    /// Offline mode and nothing cached.
    #[error("{url}: not in the cache (offline)")]
    NotCached {
        /// The URL.
        url: String,
    },
    /// Building the HTTP client failed.
    #[error("cannot build the HTTP client: {0}")]
    Client(String),
    /// Fetching crashed; a bug, reported as this URL's failure instead of
    /// taking the batch down.
    #[error("{url}: internal error: {message}")]
    Internal {
        /// The URL.
        url: String,
        /// What happened.
        message: String,
    },
}

impl FetchError {
    /// A short reason class for summaries ("robots", "http 404", "timeout"...).
    pub fn kind(&self) -> String {
        match self {
            FetchError::InvalidUrl { .. } => "invalid url".into(),
            FetchError::UnsupportedScheme { .. } => "unsupported scheme".into(),
            FetchError::Robots { .. } => "robots.txt".into(),
            FetchError::Status { status, .. } => format!("http {status}"),
            FetchError::Timeout { .. } => "timeout".into(),
            FetchError::Connection { .. } => "connection".into(),
            FetchError::TooManyRedirects { .. }
            | FetchError::RedirectLoop { .. }
            | FetchError::BadRedirect { .. } => "redirect".into(),
            FetchError::TooLarge { .. } => "too large".into(),
            FetchError::NotCached { .. } => "not cached".into(),
            FetchError::Client(_) => "client".into(),
            FetchError::Internal { .. } => "internal".into(),
        }
    }
}
