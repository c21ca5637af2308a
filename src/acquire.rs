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

/// The result for one input.
#[derive(Debug)]
pub struct Outcome {
    /// Position in the input list.
    pub index: usize,
    /// The input as given.
    pub source: String,
    /// The article or why there is none.
    pub result: Result<Article, ItemError>,
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
    /// Tokio runtime.
    pub fn acquire(&self, items: Vec<InputItem>) -> impl Stream<Item = Outcome> + '_ {
        stream::iter(items.into_iter().enumerate())
            .map(move |(index, item)| async move {
                let result = match item.input {
                    Ok(input) => self.acquire_one(&input).await,
                    Err(e) => Err(ItemError::Input(e)),
                };
                Outcome {
                    index,
                    source: item.source,
                    result,
                }
            })
            .buffered(BATCH_WINDOW)
    }

    /// Acquires one input.
    pub async fn acquire_one(&self, input: &Input) -> Result<Article, ItemError> {
        match input {
            Input::Url(url) => {
                let page = self.fetcher.fetch(url).await?;
                self.extract(url.clone(), page).await
            }
            Input::Html(path) => {
                let page = read_file(path).await?;
                self.extract(path.display().to_string(), page).await
            }
            Input::Text(path) => {
                let page = read_file(path).await?;
                let name = path.display().to_string();
                let decoded =
                    charset::decode(&page.body, None).map_err(|source| ItemError::Decode {
                        path: name.clone(),
                        source,
                    })?;
                Ok(from_text(&decoded.text, Some(page.url))?)
            }
        }
    }

    async fn extract(&self, input: String, page: RawPage) -> Result<Article, ItemError> {
        let extractor = self.extractor.clone();
        match tokio::task::spawn_blocking(move || extractor.extract(&page)).await {
            Ok(result) => result.map_err(ItemError::Article),
            Err(e) => Err(ItemError::Internal {
                input,
                message: e.to_string(),
            }),
        }
    }
}

async fn read_file(path: &Path) -> Result<RawPage, ItemError> {
    let p = path.to_path_buf();
    match tokio::task::spawn_blocking(move || RawPage::from_file(&p)).await {
        Ok(Ok(page)) => Ok(page),
        Ok(Err(source)) => Err(ItemError::Read {
            path: path.display().to_string(),
            source,
        }),
        Err(e) => Err(ItemError::Internal {
            input: path.display().to_string(),
            message: e.to_string(),
        }),
    }
}
