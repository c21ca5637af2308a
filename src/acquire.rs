//! Inputs → pages → [`Article`]s: where the fetch and article stages meet.
//!
//! [`Acquirer::load`] fetches or reads [`InputItem`]s (from
//! [`crate::input`]) concurrently, the [`Fetcher`] keeping that polite per
//! host, and gives out one [`Outcome`] per item: its [`Page`] or an
//! [`ItemError`] naming the input and the reason.
//! [`Acquirer::extract_page`] turns a page into its article, on whichever
//! thread does the CPU work ([`crate::batch`] runs both halves for every
//! command that reads articles). One bad item never stops a batch.

use std::path::Path;
use std::sync::Arc;

use futures_util::stream::{self, Stream, StreamExt};

use crate::article::{Article, ArticleError, Extractor};
use crate::fetch::charset::{self, DecodeError};
use crate::fetch::{FetchError, Fetcher, RawPage};
use crate::ingest::feeds::FeedError;
use crate::input::{Input, InputError, InputItem};
use crate::timing::{CpuClock, Stage, Timings};

/// How many items may be in progress (or finished, waiting for an earlier
/// one) at once. Wide, because a URL mostly waits (for its host's
/// politeness delay, for the network) and a narrow window of URLs of one
/// host would hold back every other host; the fetcher's own limits decide
/// how many requests are actually in flight, and a page only takes memory
/// once its body has arrived.
pub const BATCH_WINDOW: usize = 512;

/// Why one input did not become an article. Messages name the input.
#[derive(Debug, thiserror::Error)]
pub enum ItemError {
    /// The input itself is unusable.
    #[error(transparent)]
    Input(#[from] InputError),
    /// Fetching failed.
    #[error(transparent)]
    Fetch(#[from] FetchError),
    /// A local file could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A `.txt` file could not be decoded.
    #[error("{path}: {source}")]
    Decode {
        /// The file.
        path: String,
        /// What failed.
        source: DecodeError,
    },
    /// The page is not an article (or not HTML, or undecodable).
    #[error(transparent)]
    Article(#[from] ArticleError),
    /// A feed or sitemap could not be read (ingestion).
    #[error(transparent)]
    Feed(#[from] FeedError),
    /// Extraction crashed; a bug, reported instead of taking the batch down.
    #[error("{input}: internal error: {message}")]
    Internal {
        /// The input.
        input: String,
        /// What happened.
        message: String,
    },
}

impl ItemError {
    /// A short reason class for summaries ("http 404", "robots.txt",
    /// "not an article"...).
    pub fn kind(&self) -> String {
        match self {
            ItemError::Input(_) => "bad input".into(),
            ItemError::Fetch(e) => e.kind(),
            ItemError::Read { source, .. } if source.kind() == std::io::ErrorKind::FileTooLarge => {
                "too large".into()
            }
            ItemError::Read { .. } => "unreadable file".into(),
            ItemError::Decode { .. } | ItemError::Article(ArticleError::Decode { .. }) => {
                "decode error".into()
            }
            ItemError::Article(ArticleError::NotAnArticle { .. }) => "not an article".into(),
            ItemError::Article(ArticleError::NotHtml { .. }) => "not html".into(),
            ItemError::Feed(FeedError::Decode { .. }) => "decode error".into(),
            ItemError::Feed(FeedError::Malformed { .. }) => "malformed feed".into(),
            ItemError::Feed(FeedError::NotAFeed { .. }) => "not a feed".into(),
            ItemError::Feed(FeedError::EntityExpansion { .. }) => "entity expansion".into(),
            ItemError::Feed(FeedError::Internal { .. }) => "internal".into(),
            ItemError::Internal { .. } => "internal".into(),
        }
    }
}

/// What became of one input: its loaded [`Page`], or what a batch made of
/// it; or why there is none.
#[derive(Debug)]
pub struct Outcome<T> {
    /// Position in the input list.
    pub index: usize,
    /// The input as given.
    pub source: String,
    /// The result, or why there is none.
    pub result: Result<T, ItemError>,
}

/// One input's bytes, fetched or read but not yet parsed: the hand-over
/// between the I/O half of a batch ([`Acquirer::load`], async) and its CPU
/// half ([`Acquirer::extract_page`], on whichever thread does the work).
#[derive(Debug)]
pub struct Page {
    /// The input's name for messages (URL or path).
    name: String,
    /// A plain-text body rather than HTML.
    text: bool,
    raw: RawPage,
}

impl Page {
    fn file(path: &Path, text: bool, raw: RawPage) -> Self {
        Page {
            name: path.display().to_string(),
            text,
            raw,
        }
    }

    /// The bytes as fetched or read (ingestion looks at them to tell a feed
    /// from an article page).
    pub fn raw(&self) -> &RawPage {
        &self.raw
    }

    /// Whether it is a plain-text body (`.txt`) rather than HTML.
    pub fn is_text(&self) -> bool {
        self.text
    }

    /// The input's name for messages (URL or path).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// A page fetched from `raw.url`.
    pub fn fetched(raw: RawPage) -> Self {
        Page {
            name: raw.url.clone(),
            text: false,
            raw,
        }
    }
}

/// Runs batches: built once from a fetcher and an extractor.
#[derive(Debug, Clone)]
pub struct Acquirer {
    fetcher: Fetcher,
    extractor: Arc<Extractor>,
}

impl Acquirer {
    /// A batch runner using `fetcher` for URLs and `extractor` for pages.
    pub fn new(fetcher: Fetcher, extractor: Extractor) -> Self {
        Acquirer {
            fetcher,
            extractor: Arc::new(extractor),
        }
    }

    /// Fetches or reads every item, at most [`BATCH_WINDOW`] at a time,
    /// without parsing anything. With `ordered` the pages come in input
    /// order (a slow item holds back finished ones, up to the window);
    /// otherwise as they complete. Must be polled inside a Tokio runtime.
    pub fn load(
        &self,
        items: Vec<InputItem>,
        ordered: bool,
    ) -> impl Stream<Item = Outcome<Page>> + '_ {
        let loads = stream::iter(items.into_iter().enumerate()).map(move |(index, item)| {
            let InputItem { source, input } = item;
            async move {
                let result = match input {
                    Ok(input) => self.load_one(&input).await,
                    Err(e) => Err(ItemError::Input(e)),
                };
                Outcome {
                    index,
                    source,
                    result,
                }
            }
        });
        if ordered {
            loads.buffered(BATCH_WINDOW).left_stream()
        } else {
            loads.buffer_unordered(BATCH_WINDOW).right_stream()
        }
    }

    /// The fetcher (ingestion fetches child sitemaps with it).
    pub fn fetcher(&self) -> &Fetcher {
        &self.fetcher
    }

    /// Fetches or reads one input.
    pub async fn load_one(&self, input: &Input) -> Result<Page, ItemError> {
        match input {
            Input::Url(url) => Ok(Page {
                name: url.clone(),
                text: false,
                raw: self.fetcher.fetch(url).await?,
            }),
            Input::Html(path) | Input::Text(path) => {
                let raw = read_file(path, self.fetcher.max_body_bytes()).await?;
                Ok(Page::file(path, matches!(input, Input::Text(_)), raw))
            }
        }
    }

    /// Reads one local input (a file) on the calling thread, blocking it;
    /// `None` for a URL, which needs [`Acquirer::load_one`].
    pub fn read_local(&self, input: &Input) -> Option<Result<Page, ItemError>> {
        match input {
            Input::Url(_) => None,
            Input::Html(path) | Input::Text(path) => Some(
                read_file_now(path, self.fetcher.max_body_bytes())
                    .map(|raw| Page::file(path, matches!(input, Input::Text(_)), raw)),
            ),
        }
    }

    /// Turns a loaded page into its article: the CPU half of acquisition.
    /// Never panics on input; should extraction crash anyway (a bug), the
    /// crash becomes this input's [`ItemError::Internal`] instead of taking
    /// the batch down.
    pub fn extract_page(&self, page: Page) -> Result<Article, ItemError> {
        let Page { name, text, raw } = page;
        let run = std::panic::AssertUnwindSafe(|| self.extract_now(&name, text, raw));
        match std::panic::catch_unwind(run) {
            Ok(result) => result,
            Err(panic) => Err(ItemError::Internal {
                input: name,
                message: panic_message(panic.as_ref()),
            }),
        }
    }

    /// The CPU half of one input, for every command: the page's article
    /// ([`Acquirer::extract_page`]), then `work` on it (for most commands
    /// the NLP pipeline). A crash in `work` (a bug) also becomes this input's
    /// [`ItemError::Internal`]. `timings` collects the extraction time.
    pub fn process_page<T>(
        &self,
        page: Page,
        timings: Option<&Timings>,
        work: impl FnOnce(Article) -> T,
    ) -> Result<T, ItemError> {
        let started = timings.map(|_| CpuClock::start());
        let name = page.name.clone();
        let article = self.extract_page(page);
        if let (Some(t), Some(c)) = (timings, started) {
            t.add(Stage::Article, c.elapsed());
        }
        let article = article?;
        let name = article.url.clone().unwrap_or(name);
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(article))).map_err(|panic| {
            ItemError::Internal {
                input: name,
                message: panic_message(panic.as_ref()),
            }
        })
    }

    fn extract_now(&self, name: &str, text: bool, raw: RawPage) -> Result<Article, ItemError> {
        if !text {
            return Ok(self.extractor.extract(&raw)?);
        }
        let decoded = charset::decode(&raw.body, None).map_err(|source| ItemError::Decode {
            path: name.to_string(),
            source,
        })?;
        Ok(self.extractor.from_text(&decoded.text, Some(raw.url))?)
    }
}

/// The text of a caught panic.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = panic.downcast_ref::<&str>() {
        format!("panicked: {s}")
    } else if let Some(s) = panic.downcast_ref::<String>() {
        format!("panicked: {s}")
    } else {
        "panicked".to_string()
    }
}

async fn read_file(path: &Path, limit: u64) -> Result<RawPage, ItemError> {
    let p = path.to_path_buf();
    match tokio::task::spawn_blocking(move || read_file_now(&p, limit)).await {
        Ok(result) => result,
        Err(e) => Err(ItemError::Internal {
            input: path.display().to_string(),
            message: e.to_string(),
        }),
    }
}

/// Reads a local input, at most `limit` bytes of it (`--max-body`).
fn read_file_now(path: &Path, limit: u64) -> Result<RawPage, ItemError> {
    RawPage::from_file_limited(path, limit).map_err(|source| ItemError::Read {
        path: path.display().to_string(),
        source,
    })
}
