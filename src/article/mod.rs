//! HTML → [`Article`]: metadata, body paragraphs, nothing else.
//!
//! Takes a [`RawPage`] (bytes from the network or a saved file) and gives
//! out an [`Article`]: title, dates, authors, publisher, canonical URL and the
//! body as paragraphs, with navigation, related-article lists, copyright
//! lines, reporter e-mail footers, photo captions and ads left out.
//!
//! # Architecture
//!
//! - [`metadata`]: JSON-LD, OpenGraph, `<meta name>` and `<link rel>` tags,
//!   then visible bylines, merged field by field in that order of trust.
//! - [`profile`]: site profiles, data that describes the body container of
//!   a CMS many outlets share ([`DEFAULT_PROFILES`] is `data/sites.toml`).
//! - [`generic`]: content scoring for the pages no profile matches — most
//!   pages a user brings.
//! - [`body`]: turns a chosen container into paragraphs and drops the
//!   boilerplate lines both paths leave behind.
//!
//! The extractor is built once ([`Extractor::new`]) and is cheap to share
//! between threads; parsing a page never panics, and a page with no body
//! text is an [`ArticleError::NotAnArticle`], not an empty article.

pub mod body;
mod clean;
pub mod generic;
pub mod metadata;
mod prepass;
pub mod profile;
pub mod score;
pub mod select;
mod tokenize;

use serde::{Deserialize, Serialize};

use crate::fetch::RawPage;
use crate::fetch::charset::{self, DecodeError};
use crate::text::structure::Structure;
pub use crate::text::structure::{Caption, CaptionKind, Credit};

pub use profile::{DEFAULT_PROFILES, ProfileError, Profiles, SiteProfile};

/// Fewer body characters than this and the page is not an article (an index
/// page, an error page), unless it has a headline and a caption: a video or
/// photo page takes its caption as its body ([`MIN_CAPTION_CHARS`]).
pub const MIN_BODY_CHARS: usize = 40;

/// Fewer caption characters than this and a page with a headline and no
/// body is not an article either (a caption of a few words names a photo,
/// it does not tell a story).
pub const MIN_CAPTION_CHARS: usize = 20;

/// A clean news article.
///
/// `text` is always `paragraphs.join("\n\n")`. Dates are RFC 3339 with an
/// offset; a page that gives a time without one is taken to be in KST
/// (+09:00).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Where the page came from: the requested URL, or a `file://` URL.
    pub url: Option<String>,
    /// The page's own idea of its address (`<link rel=canonical>`, `og:url`).
    pub canonical_url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// Publication time, RFC 3339 with offset.
    pub published: Option<String>,
    /// Last modification time, RFC 3339 with offset.
    pub modified: Option<String>,
    /// Reporters' names, without titles such as "기자".
    pub authors: Vec<String>,
    /// The outlet, e.g. "KBS뉴스".
    pub publisher: Option<String>,
    /// BCP 47 language tag, e.g. "ko".
    pub language: Option<String>,
    /// Body paragraphs in reading order: prose only (sign-offs, credit
    /// lines, captions, speaker labels, programme headers and footers are
    /// read out of them, see [`crate::text::structure`]).
    pub paragraphs: Vec<String>,
    /// The paragraphs joined by a blank line.
    pub text: String,
    /// Credits other than the authors: video editing, graphics, photo and
    /// footage sources, a programme and its hosts and guests.
    #[serde(default)]
    pub credits: Vec<Credit>,
    /// The people interview captions, transcript speaker labels and
    /// programme headers name, with what is written beside each name.
    #[serde(default)]
    pub captions: Vec<Caption>,
}

impl Article {
    /// The text the language stages analyse: the headline, then a blank
    /// line, then the body. Korean headlines state the main fact of the
    /// story ("김영섭 KT, … MS 택했다"), so they are read like the body.
    /// Without a headline, or when the body already starts with it (a
    /// plain-text article whose first line is the headline), this is the
    /// body. Mention and evidence offsets refer to this text.
    ///
    /// The headline's section and programme tags (`[단독]`, `[인터뷰M]`,
    /// `(종합)`) are not part of it ([`Structure::headline`]).
    pub fn analysed_text(&self) -> std::borrow::Cow<'_, str> {
        let headline = self
            .title
            .as_deref()
            .map(|t| Structure::builtin().headline(t));
        match headline {
            Some(title) if !title.is_empty() && !self.text.starts_with(title) => {
                std::borrow::Cow::Owned(format!("{title}\n\n{}", self.text))
            }
            _ => std::borrow::Cow::Borrowed(&self.text),
        }
    }

    /// Sets `paragraphs` and the matching `text`.
    pub fn set_paragraphs(&mut self, paragraphs: Vec<String>) {
        self.text = paragraphs.join("\n\n");
        self.paragraphs = paragraphs;
    }

    /// Reads the structure of `paragraphs` ([`Structure::read`]): sets the
    /// prose paragraphs, the credits and captions, and adds the reporters
    /// the sign-offs and credit lines name to the authors.
    fn set_body(&mut self, paragraphs: Vec<String>, structure: &Structure) {
        let reading = structure.read(paragraphs);
        for name in reading.authors {
            if !self.authors.contains(&name) {
                self.authors.push(name);
            }
        }
        self.credits = reading.credits;
        self.captions = reading.captions;
        self.set_paragraphs(reading.paragraphs);
    }
}

/// Why a page did not yield an article. Every message names the page.
#[derive(Debug, thiserror::Error)]
pub enum ArticleError {
    /// The response is not HTML (an image, a PDF, JSON...).
    #[error("{url}: not an HTML page (content type {content_type})")]
    NotHtml {
        /// The page.
        url: String,
        /// Its content type.
        content_type: String,
    },
    /// The bytes are not text in any encoding we know.
    #[error("{url}: {source}")]
    Decode {
        /// The page.
        url: String,
        /// What failed.
        source: DecodeError,
    },
    /// The page has no article body (an index page, an error page, an empty file).
    #[error("{url}: not an article ({reason})")]
    NotAnArticle {
        /// The page.
        url: String,
        /// What was missing.
        reason: String,
    },
}

/// Which path produced the body: useful for measuring the generic path alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodySource {
    /// A site profile matched (its name).
    Profile(usize),
    /// Generic content scoring.
    Generic,
}

/// Turns pages into articles. Build once, reuse for every page.
#[derive(Debug, Clone)]
pub struct Extractor {
    profiles: Profiles,
    structure: Structure,
}

impl Default for Extractor {
    /// An extractor with the built-in profiles ([`DEFAULT_PROFILES`]).
    fn default() -> Self {
        Extractor::new(Profiles::builtin())
    }
}

impl Extractor {
    /// An extractor using `profiles` (use [`Profiles::none`] for the generic
    /// path alone) and the built-in structure vocabulary.
    pub fn new(profiles: Profiles) -> Self {
        Extractor {
            profiles,
            structure: Structure::builtin().clone(),
        }
    }

    /// The same extractor reading article structure with `structure`
    /// (e.g. [`Structure::with_file`] for `--structure FILE`).
    pub fn with_structure(mut self, structure: Structure) -> Self {
        self.structure = structure;
        self
    }

    /// [`from_text`] with this extractor's structure vocabulary.
    pub fn from_text(&self, text: &str, url: Option<String>) -> Result<Article, ArticleError> {
        text_article(text, url, &self.structure)
    }

    /// The profiles in use.
    pub fn profiles(&self) -> &Profiles {
        &self.profiles
    }

    /// Extracts the article from a fetched or loaded page.
    ///
    /// `text/plain` pages go through [`from_text`]; other non-HTML content
    /// types are an error.
    pub fn extract(&self, page: &RawPage) -> Result<Article, ArticleError> {
        self.extract_with_source(page).map(|(a, _)| a)
    }

    /// Like [`Extractor::extract`], also telling which path found the body.
    pub fn extract_with_source(
        &self,
        page: &RawPage,
    ) -> Result<(Article, BodySource), ArticleError> {
        let url = page.final_url.clone();
        if let Some(ct) = page.content_type.as_deref() {
            let mime = ct
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if mime == "text/plain" {
                let decoded = charset::decode(&page.body, Some(ct)).map_err(|source| {
                    ArticleError::Decode {
                        url: url.clone(),
                        source,
                    }
                })?;
                let article = self.from_text(&decoded.text, Some(page.url.clone()))?;
                return Ok((article, BodySource::Generic));
            }
            let htmlish = mime.is_empty()
                || mime == "text/html"
                || mime == "application/xhtml+xml"
                || mime.ends_with("+xml") && mime.contains("html");
            if !htmlish {
                return Err(ArticleError::NotHtml {
                    url,
                    content_type: ct.to_string(),
                });
            }
        }
        let decoded =
            charset::decode(&page.body, page.content_type.as_deref()).map_err(|source| {
                ArticleError::Decode {
                    url: url.clone(),
                    source,
                }
            })?;
        self.extract_html(&decoded.text, &page.url, &page.final_url)
    }

    /// The body of a page whose only text is its headline and a caption
    /// (a broadcaster's video page, a photo story): the page's photo and
    /// video captions, else its description. Only for a page with a
    /// headline that says it is an item of its own
    /// ([`metadata::Metadata::says_item`]), and a caption of at least
    /// [`MIN_CAPTION_CHARS`] that is not the headline again.
    fn caption_body(&self, doc: &scraper::Html, meta: &metadata::Metadata) -> Option<Article> {
        let title = meta.title.as_deref()?;
        if !meta.says_item() {
            return None;
        }
        let mut texts = body::captions_of(doc);
        if texts.is_empty() {
            texts.extend(meta.description.clone());
        }
        let paragraphs = body::clean_paragraphs(texts, Some(title));
        let mut article = Article::default();
        article.set_body(paragraphs, &self.structure);
        let chars: usize = article.paragraphs.iter().map(|p| p.chars().count()).sum();
        (chars >= MIN_CAPTION_CHARS).then_some(article)
    }

    /// Extracts the article from decoded HTML. `url` is where it came from
    /// and `base` the address relative links resolve against.
    pub fn extract_html(
        &self,
        html: &str,
        url: &str,
        base: &str,
    ) -> Result<(Article, BodySource), ArticleError> {
        if html.trim().is_empty() {
            return Err(ArticleError::NotAnArticle {
                url: url.to_string(),
                reason: "empty page".into(),
            });
        }
        // Same tree as `Html::parse_document(html)` for everything the
        // extractor reads, at a fraction of the tokenizer work.
        let doc = prepass::parse(html);
        let meta = metadata::extract(&doc, base);
        let host = meta
            .canonical_url
            .as_deref()
            .and_then(host_of)
            .or_else(|| host_of(base));
        let profile = self.profiles.find(&doc, host.as_deref());
        let mut meta = meta;
        if let Some((_, p)) = profile {
            if meta.published.is_none() {
                meta.published = p.published(&doc).and_then(|d| metadata::normalize_date(&d));
            }
            if meta.modified.is_none() {
                meta.modified = p.modified(&doc).and_then(|d| metadata::normalize_date(&d));
            }
            if meta.authors.is_empty() {
                meta.authors =
                    metadata::normalize_authors(p.authors(&doc), meta.publisher.as_deref());
            }
        }
        let title = meta.title.as_deref();
        // Bylines are read before cleaning, which drops the reporter line.
        let finish = |raw: Vec<String>| {
            (
                metadata::bylines_in(&raw),
                body::clean_paragraphs(raw, title),
            )
        };
        let chars_of = |p: &[String]| p.iter().map(|s| s.chars().count()).sum::<usize>();
        // A profile whose container turns out empty (or all boilerplate)
        // hands over to the generic path rather than failing the page.
        let from_profile = profile
            .and_then(|(idx, p)| Some((idx, finish(p.extract_body(&doc)?))))
            .filter(|(_, (_, paragraphs))| chars_of(paragraphs) >= MIN_BODY_CHARS);
        let (source, (body_bylines, paragraphs)) = match from_profile {
            Some((idx, found)) => (BodySource::Profile(idx), found),
            None => (BodySource::Generic, finish(generic::extract_body(&doc))),
        };
        let mut body = Article::default();
        body.set_body(paragraphs, &self.structure);
        let mut chars = chars_of(&body.paragraphs);
        if chars < MIN_BODY_CHARS
            && let Some(captioned) = self.caption_body(&doc, &meta)
            && chars_of(&captioned.paragraphs) > chars
        {
            // A video (or photo) page: a headline and a caption, no body.
            body = captioned;
            chars = MIN_BODY_CHARS.max(chars_of(&body.paragraphs));
        }
        if chars < MIN_BODY_CHARS {
            return Err(ArticleError::NotAnArticle {
                url: url.to_string(),
                reason: format!("only {chars} characters of body text"),
            });
        }
        if meta.says_not_an_article() {
            // A section front with unlinked teasers has "body text" too.
            return Err(ArticleError::NotAnArticle {
                url: url.to_string(),
                reason: format!(
                    "og:type is {:?} and no article metadata or date",
                    meta.og_type.as_deref().unwrap_or("")
                ),
            });
        }
        let mut authors = meta.authors.clone();
        if authors.is_empty() {
            authors = body_bylines;
        }
        for name in body.authors {
            if !authors.contains(&name) {
                authors.push(name);
            }
        }
        let article = Article {
            url: Some(url.to_string()),
            canonical_url: meta.canonical_url,
            title: meta.title,
            published: meta.published,
            modified: meta.modified,
            authors,
            publisher: meta.publisher,
            language: meta.language.or_else(|| guess_language(&body.paragraphs)),
            ..body
        };
        Ok((article, source))
    }
}

/// Builds an article from plain text (a `.txt` file): no metadata, the text
/// is the body. Paragraphs are separated by blank lines; inside a block, a
/// line that ends a sentence or is short (a heading, a caption, a navigation
/// item) is a paragraph of its own, while long lines that do not end a
/// sentence are soft-wrapped prose and are joined. Repeated lines (a caption
/// printed twice) are kept once. Credit, copyright and e-mail lines are
/// dropped as for pages, but a caption keeps its sentence (only its `[ⓒ …]`
/// credit goes): in a text dump there is nothing else that marks it, and
/// "the text is the body". A byline near the top gives the authors.
///
/// Fails with [`ArticleError::NotAnArticle`] when no text is left.
///
/// The structure is read with the built-in vocabulary
/// ([`Extractor::from_text`] uses the extractor's).
pub fn from_text(text: &str, url: Option<String>) -> Result<Article, ArticleError> {
    text_article(text, url, Structure::builtin())
}

fn text_article(
    text: &str,
    url: Option<String>,
    structure: &Structure,
) -> Result<Article, ArticleError> {
    let text = text.replace("\r\n", "\n");
    let mut paragraphs: Vec<String> = Vec::new();
    for block in text.split("\n\n") {
        for p in text_block_paragraphs(block) {
            if paragraphs.last() != Some(&p) {
                paragraphs.push(p);
            }
        }
    }
    let mut authors: Vec<String> = Vec::new();
    for p in paragraphs.iter().take(TEXT_BYLINE_SEARCH) {
        for name in metadata::bylines_in(std::slice::from_ref(p)) {
            if !authors.contains(&name) {
                authors.push(name);
            }
        }
    }
    let paragraphs: Vec<String> = paragraphs
        .into_iter()
        .map(|p| TRAILING_CREDIT.replace(&p, "").into_owned())
        .collect();
    let paragraphs = body::clean_paragraphs(paragraphs, None);
    let mut article = Article {
        url,
        authors,
        ..Article::default()
    };
    article.set_body(paragraphs, structure);
    if article.paragraphs.is_empty() {
        return Err(ArticleError::NotAnArticle {
            url: article.url.unwrap_or_else(|| "<text>".to_string()),
            reason: "empty text".to_string(),
        });
    }
    article.language = guess_language(&article.paragraphs);
    Ok(article)
}

/// How many leading paragraphs of a text dump may hold the byline (dumps
/// start with navigation lines and the headline).
const TEXT_BYLINE_SEARCH: usize = 8;

/// Below this many characters a line is its own paragraph, not wrapped prose.
const SOFT_WRAP_MIN_CHARS: usize = 60;

/// A photo credit ending a line: `[ⓒ KT]`, `(사진=KT)`.
static TRAILING_CREDIT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"\s*[\[(]\s*(?:ⓒ|©|사진\s*=)[^\])]{0,30}[\])]\s*$").expect("static regex")
});

fn text_block_paragraphs(block: &str) -> Vec<String> {
    let lines: Vec<String> = block
        .lines()
        .map(clean::collapse_whitespace)
        .filter(|l| !l.is_empty())
        .collect();
    let ends_sentence = |l: &str| l.ends_with(['.', '?', '!', '…', '"', '”', '’', ']', ')', '다']);
    let wrapped = lines.len() > 1
        && lines[..lines.len() - 1]
            .iter()
            .all(|l| l.chars().count() >= SOFT_WRAP_MIN_CHARS && !ends_sentence(l));
    if wrapped {
        vec![clean::collapse_whitespace(&lines.join(" "))]
    } else {
        lines
    }
}

fn host_of(url: &str) -> Option<String> {
    url::Url::parse(url)
        .ok()?
        .host_str()
        .map(|h| h.to_ascii_lowercase())
}

/// "ko" when Hangul makes up a fair share of the letters.
fn guess_language(paragraphs: &[String]) -> Option<String> {
    let (mut hangul, mut letters) = (0usize, 0usize);
    for c in paragraphs.iter().flat_map(|p| p.chars()) {
        if c.is_alphabetic() {
            letters += 1;
            if ('\u{AC00}'..='\u{D7A3}').contains(&c) {
                hangul += 1;
            }
        }
    }
    (letters > 0 && hangul * 3 >= letters).then(|| "ko".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_paragraphs_joined() {
        let a = from_text("첫 문단입니다.\n\n둘째 문단입니다.\n", None).unwrap();
        assert_eq!(a.paragraphs, vec!["첫 문단입니다.", "둘째 문단입니다."]);
        assert_eq!(a.text, "첫 문단입니다.\n\n둘째 문단입니다.");
        assert_eq!(a.language.as_deref(), Some("ko"));
    }

    #[test]
    fn the_analysed_text_leads_with_the_headline_once() {
        let mut a = from_text("한빛전자는 새 공장을 짓는다.\n\n둘째 문단이다.", None).unwrap();
        assert_eq!(a.analysed_text(), a.text);
        a.title = Some(" 한빛전자, 청주에 새 공장 ".to_string());
        assert_eq!(
            a.analysed_text(),
            "한빛전자, 청주에 새 공장\n\n한빛전자는 새 공장을 짓는다.\n\n둘째 문단이다."
        );
        a.title = Some("한빛전자는 새 공장을 짓는다.".to_string());
        assert_eq!(a.analysed_text(), a.text);
        // Section and programme tags are not part of the analysed headline.
        a.title = Some("[단독] 한빛전자, 청주에 새 공장 [인터뷰M]".to_string());
        assert!(
            a.analysed_text()
                .starts_with("한빛전자, 청주에 새 공장\n\n")
        );
        a.title = Some("[포토]".to_string());
        assert_eq!(a.analysed_text(), a.text);
    }

    #[test]
    fn broadcast_structure_is_read_out_of_a_text_article() {
        let a = from_text(
            "◀ 앵커 ▶\n한빛전자가 청주에 새 공장을 짓습니다.\n오세진 기자가 보도합니다.\n\
             ◀ 리포트 ▶\n[김영호/한빛마트 대리]\n\"손님이 늘었습니다.\"\n\
             한빛뉴스 오세진입니다.\n영상편집 : 박서연\n",
            None,
        )
        .unwrap();
        assert_eq!(
            a.paragraphs,
            vec![
                "한빛전자가 청주에 새 공장을 짓습니다.",
                "\"손님이 늘었습니다.\""
            ]
        );
        assert_eq!(a.authors, vec!["오세진"]);
        assert_eq!(
            a.credits,
            vec![Credit {
                role: "영상편집".into(),
                name: "박서연".into()
            }]
        );
        assert_eq!(a.captions.len(), 1);
        assert_eq!(a.captions[0].kind, CaptionKind::Interview);
    }

    #[test]
    fn empty_text_is_an_error() {
        assert!(from_text(" \n\n ", None).is_err());
    }

    #[test]
    fn non_html_content_type_is_rejected() {
        let page = RawPage::for_test("http://x.test/a.pdf", Some("application/pdf"), b"%PDF-1.4");
        assert!(matches!(
            Extractor::default().extract(&page),
            Err(ArticleError::NotHtml { .. })
        ));
    }

    #[test]
    fn truncated_html_does_not_panic() {
        let page = RawPage::for_test(
            "http://x.test/",
            Some("text/html"),
            b"<html><body><div><p>\xEA\xB0",
        );
        assert!(Extractor::default().extract(&page).is_err());
    }
}
