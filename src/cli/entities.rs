//! `newskg entities FILE...`: the entities of each article, as JSON.
//!
//! Each input file is one article in plain text (the body; paragraphs on
//! their own lines). Output is one JSON object per article, one per line:
//! `{"source", "published", "entities": [{id, type, label_ko, label_en,
//! aliases, roles, value, mentions: [{start, end, byte_start, byte_end,
//! text, type, id, value}]}], "reporters": [...]}`. A file that cannot be
//! read is reported and skipped; the exit code is then 1.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use serde::Serialize;

use crate::entities::{ArticleEntities, Date, Extractor, Gazetteer};

/// `newskg entities` arguments.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// Article text files (UTF-8, one article per file); `-` for stdin.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Extra gazetteer file(s) (`id<TAB>TYPE<TAB>ko<TAB>en<TAB>aliases`), after the built-in one.
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,
    /// Publication date of the articles (YYYY-MM-DD or RFC 3339), for relative dates.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: Option<String>,
    /// Pretty-print the JSON (one object spans several lines).
    #[arg(long)]
    pub pretty: bool,
}

#[derive(Serialize)]
struct ArticleOut<'a> {
    source: &'a str,
    published: Option<String>,
    #[serde(flatten)]
    entities: &'a ArticleEntities,
}

/// Builds the extractor with the built-in gazetteer plus the named files.
pub fn build_extractor(files: &[PathBuf]) -> anyhow::Result<Extractor> {
    let mut gazetteer = Gazetteer::embedded()?;
    for path in files {
        gazetteer.load(path)?;
    }
    Ok(Extractor::with_gazetteer(gazetteer)?)
}

/// Runs `newskg entities`.
pub fn run(args: EntitiesArgs) -> anyhow::Result<ExitCode> {
    let extractor = build_extractor(&args.gazetteer)?;
    let published = args
        .published
        .as_deref()
        .map(Date::parse)
        .transpose()
        .context("--published")?;
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    for path in &args.files {
        let name = path.display().to_string();
        let text = if name == "-" {
            io::read_to_string(io::stdin()).context("reading stdin")
        } else {
            std::fs::read_to_string(path).with_context(|| format!("reading {name}"))
        };
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                eprintln!("newskg: {e:#}");
                failed = true;
                continue;
            }
        };
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let found = extractor.extract(text, published);
        let article = ArticleOut {
            source: &name,
            published: published.map(|d| d.to_string()),
            entities: &found,
        };
        let r = if args.pretty {
            serde_json::to_writer_pretty(&mut out, &article)
        } else {
            serde_json::to_writer(&mut out, &article)
        };
        r.map_err(io::Error::other)
            .and_then(|_| out.write_all(b"\n"))
            .context("writing output")?;
    }
    match out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        r => r.context("writing output")?,
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
