//! `newskg entities INPUT...`: the entities of each article, as JSON.
//!
//! Reads articles like `newskg article` (URLs, saved pages, `.txt` files,
//! directories, lists). Output is one JSON object per article, one per line,
//! in input order: `{"url", "title", "published", "entities": [{id, type,
//! label_ko, label_en, aliases, roles, value, mentions: [{start, end,
//! byte_start, byte_end, text, type, id, value}]}], "reporters": [...]}`.
//! Mention offsets are into the article's `text` (as `newskg article`
//! prints it). A failed input is reported and the exit code is then 1.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use serde::Serialize;

use super::source::{SourceArgs, default_jobs};
use crate::article::Article;
use crate::batch::BatchOptions;
use crate::entities::{ArticleEntities, Date, Extractor};

/// `newskg entities` arguments.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Inputs and fetching.
    #[command(flatten)]
    pub source: SourceArgs,
    /// Extra gazetteer file(s) (`id<TAB>TYPE<TAB>ko<TAB>en<TAB>aliases`), after the built-in one.
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,
    /// Extra entity word list(s) (descriptors, name endings, not-names,
    /// abbreviations: `word<TAB>list[<TAB>value]`), after the built-in ones.
    #[arg(long = "entity-words", value_name = "FILE")]
    pub entity_words: Vec<PathBuf>,
    /// Publication date for articles that give none (e.g. `.txt` files), for
    /// relative dates (`18일`, `지난해 8월`): YYYY-MM-DD or RFC 3339.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: Option<String>,
    /// Pretty-print the JSON (one object spans several lines).
    #[arg(long)]
    pub pretty: bool,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    url: Option<&'a str>,
    title: Option<&'a str>,
    published: Option<String>,
    #[serde(flatten)]
    entities: &'a ArticleEntities,
}

/// Builds the extractor with the built-in gazetteer and word lists plus
/// the named files.
pub fn build_extractor(gazetteer: &[PathBuf], words: &[PathBuf]) -> anyhow::Result<Extractor> {
    Ok(Extractor::with_data(
        super::extract::load_gazetteer(gazetteer)?,
        super::extract::load_vocabulary(words)?,
    )?)
}

/// Runs `newskg entities`.
pub fn run(args: EntitiesArgs) -> anyhow::Result<ExitCode> {
    let extractor = build_extractor(&args.gazetteer, &args.entity_words)?;
    let fallback = args
        .published
        .as_deref()
        .map(Date::parse)
        .transpose()
        .context("--published")?;
    let stdout = io::stdout();
    // Entities are found on the batch's worker threads; lines are written
    // in input order.
    let options = BatchOptions::new(default_jobs()).ordered(true);
    let summary = args.source.run_batch(
        options,
        None,
        || {
            |article: Article| {
                let published = article
                    .published
                    .as_deref()
                    .and_then(|p| Date::parse(p.get(..10).unwrap_or(p)).ok())
                    .or(fallback);
                let found = extractor.extract(&article.analysed_text(), published);
                let out = ArticleOut {
                    url: article.canonical_url.as_deref().or(article.url.as_deref()),
                    title: article.title.as_deref(),
                    published: published.map(|d| d.to_string()),
                    entities: &found,
                };
                if args.pretty {
                    serde_json::to_string_pretty(&out)
                } else {
                    serde_json::to_string(&out)
                }
            }
        },
        |line| {
            let line = line.context("cannot serialise the entities")?;
            let mut w = stdout.lock();
            writeln!(w, "{line}")
                .and_then(|_| w.flush())
                .context("cannot write to standard output")
        },
    )?;
    Ok(if summary.failed() == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
