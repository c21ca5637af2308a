//! Inputs → [`Article`]s: the batch that fetches or loads every input and
//! extracts its article.
//!
//! Takes [`InputItem`]s (from [`crate::input`]); gives out one [`Outcome`]
//! per item, in input order, each an article or an [`ItemError`] naming the
//! input and the reason. This is where the fetch and article stages meet;
//! `newskg article` and every later command that reads articles use it.
//! Items run concurrently (the [`Fetcher`] keeps that polite per host);
//! extraction runs on Tokio's blocking pool so parsing never stalls I/O.
//! One bad item never stops the batch.

use std::path::Path;
use std::sync::Arc;

use futures_util::stream::{self, Stream, StreamExt};

use crate::article::{Article, ArticleError, Extractor, from_text};
use crate::fetch::charset::{self, DecodeError};
use crate::fetch::{FetchError, Fetcher, RawPage};
use crate::input::{Input, InputError, InputItem};

/// How many items may be in progress (or finished, waiting for an earlier
/// one) at once. Bounds memory on huge batches; the fetcher's own limits
/// decide how many requests are actually in flight.
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
            ItemError::Read { .. } => "unreadable file".into(),
            ItemError::Decode { .. } | ItemError::Article(ArticleError::Decode { .. }) => {
                "decode error".into()
            }
            ItemError::Article(ArticleError::NotAnArticle { .. }) => "not an article".into(),
            ItemError::Article(ArticleError::NotHtml { .. }) => "not html".into(),
            ItemError::Internal { .. } => "internal".into(),
        }
    }
}

/// What became of one input: its article (by default), its loaded
/// [`Page`], or whatever a batch made of it; or why there is none.
#[derive(Debug)]
pub struct Outcome<T = Article> {
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
    /// The raw page.
    pub fn raw(&self) -> &RawPage {
        &self.raw
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

    /// Acquires every item; the stream yields outcomes in input order while
    /// later items are already being worked on. Must be polled inside a
    /// Tokio runtime. Extraction runs on Tokio's blocking pool; a batch that
    /// does more CPU work per article (the graph) should rather
    /// [`load`](Self::load) pages and [`extract_page`](Self::extract_page)
    /// them on its own worker threads.
    pub fn acquire(&self, items: Vec<InputItem>) -> impl Stream<Item = Outcome> + '_ {
        per_input(
            items,
            move |input| async move { self.acquire_one(&input).await },
        )
        .buffered(BATCH_WINDOW)
    }

    /// Fetches or reads every item, at most `window` at a time, without
    /// parsing anything. With `ordered` the pages come in input order (a
    /// slow item holds back finished ones, up to `window` of them);
    /// otherwise as they complete. Must be polled inside a Tokio runtime.
    pub fn load(
        &self,
        items: Vec<InputItem>,
        window: usize,
        ordered: bool,
    ) -> impl Stream<Item = Outcome<Page>> + '_ {
        let loads = per_input(
            items,
            move |input| async move { self.load_one(&input).await },
        );
        let window = window.max(1);
        if ordered {
            loads.buffered(window).left_stream()
        } else {
            loads.buffer_unordered(window).right_stream()
        }
    }

    /// Fetches or reads one input.
    pub async fn load_one(&self, input: &Input) -> Result<Page, ItemError> {
        match input {
            Input::Url(url) => Ok(Page {
                name: url.clone(),
                text: false,
                raw: self.fetcher.fetch(url).await?,
            }),
            Input::Html(path) => Ok(Page {
                name: path.display().to_string(),
                text: false,
                raw: read_file(path).await?,
            }),
            Input::Text(path) => Ok(Page {
                name: path.display().to_string(),
                text: true,
                raw: read_file(path).await?,
            }),
        }
    }

    /// Reads one local input (a file) on the calling thread, blocking it;
    /// `None` for a URL, which needs [`Acquirer::load_one`].
    pub fn read_local(&self, input: &Input) -> Option<Result<Page, ItemError>> {
        let (path, text) = match input {
            Input::Url(_) => return None,
            Input::Html(path) => (path, false),
            Input::Text(path) => (path, true),
        };
        Some(read_file_now(path).map(|raw| Page {
            name: path.display().to_string(),
            text,
            raw,
        }))
    }

    /// Acquires one input.
    pub async fn acquire_one(&self, input: &Input) -> Result<Article, ItemError> {
        let page = self.load_one(input).await?;
        self.extract_async(page).await
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

    fn extract_now(&self, name: &str, text: bool, raw: RawPage) -> Result<Article, ItemError> {
        if !text {
            return Ok(self.extractor.extract(&raw)?);
        }
        let decoded = charset::decode(&raw.body, None).map_err(|source| ItemError::Decode {
            path: name.to_string(),
            source,
        })?;
        Ok(from_text(&decoded.text, Some(raw.url))?)
    }

    async fn extract_async(&self, page: Page) -> Result<Article, ItemError> {
        let this = self.clone();
        let input = page.name.clone();
        match tokio::task::spawn_blocking(move || this.extract_page(page)).await {
            Ok(result) => result,
            Err(e) => Err(ItemError::Internal {
                input,
                message: e.to_string(),
            }),
        }
    }
}

/// One future per item, in input order: `f`'s result for the item's input,
/// or the item's own error when it has no usable input.
fn per_input<'a, T, F, Fut>(
    items: Vec<InputItem>,
    f: F,
) -> impl Stream<Item = impl Future<Output = Outcome<T>> + 'a> + 'a
where
    T: 'a,
    F: Fn(Input) -> Fut + 'a,
    Fut: Future<Output = Result<T, ItemError>> + 'a,
{
    stream::iter(items.into_iter().enumerate()).map(move |(index, item)| {
        let InputItem { source, input } = item;
        let run = input.map(&f);
        async move {
            let result = match run {
                Ok(run) => run.await,
                Err(e) => Err(ItemError::Input(e)),
            };
            Outcome {
                index,
                source,
                result,
            }
        }
    })
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

async fn read_file(path: &Path) -> Result<RawPage, ItemError> {
    let p = path.to_path_buf();
    match tokio::task::spawn_blocking(move || read_file_now(&p)).await {
        Ok(result) => result,
        Err(e) => Err(ItemError::Internal {
            input: path.display().to_string(),
            message: e.to_string(),
        }),
    }
}

fn read_file_now(path: &Path) -> Result<RawPage, ItemError> {
    RawPage::from_file(path).map_err(|source| ItemError::Read {
        path: path.display().to_string(),
        source,
    })
}
