//! `newskg ner`: line-mode named-entity recognition, for evaluation.
//!
//! Reads one sentence per stdin line (or file line) and writes one JSON
//! object per line, `{"entities": [{"start", "end", "type", "text", "id"}]}`
//! with character offsets (end exclusive), so output line N always answers
//! input line N. `../shared/tools/klue_ner.py score` reads it.

use std::io::{self, BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use serde::Serialize;

use super::entities::build_extractor;
use crate::entities::{Date, Extractor};
use crate::text::Session;

/// `newskg ner` arguments.
#[derive(Debug, Args)]
pub struct NerArgs {
    /// Files to read (UTF-8, one sentence per line); stdin when none.
    pub files: Vec<PathBuf>,
    /// Extra gazetteer file(s) (`id<TAB>TYPE<TAB>ko<TAB>en<TAB>aliases`), after the built-in one.
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for resolving relative dates.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: Option<String>,
}

#[derive(Serialize)]
struct NerEntity<'a> {
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: &'a str,
    text: &'a str,
    id: &'a str,
}

#[derive(Serialize)]
struct NerLine<'a> {
    entities: Vec<NerEntity<'a>>,
}

/// Runs `newskg ner`.
pub fn run(args: NerArgs) -> anyhow::Result<ExitCode> {
    let extractor = build_extractor(&args.gazetteer)?;
    let published = args
        .published
        .as_deref()
        .map(Date::parse)
        .transpose()
        .context("--published")?;
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut session = extractor.session();
    let mut failed = false;
    if args.files.is_empty() {
        let stdin = io::stdin();
        failed |= process(
            &extractor,
            &mut session,
            published,
            &mut out,
            "<stdin>",
            &mut stdin.lock(),
        )?;
    } else {
        for path in &args.files {
            let name = path.display().to_string();
            match std::fs::File::open(path) {
                Ok(f) => {
                    failed |= process(
                        &extractor,
                        &mut session,
                        published,
                        &mut out,
                        &name,
                        &mut io::BufReader::new(f),
                    )?
                }
                Err(e) => {
                    eprintln!("newskg: {name}: {e}");
                    failed = true;
                }
            }
        }
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

fn process(
    extractor: &Extractor,
    session: &mut Session<'_>,
    published: Option<Date>,
    out: &mut impl Write,
    name: &str,
    reader: &mut dyn BufRead,
) -> anyhow::Result<bool> {
    let mut failed = false;
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("reading {name}"))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        let mentions = match std::str::from_utf8(&buf) {
            Ok(line) => {
                // Offsets count a byte-order mark, if any, as the input has it.
                extractor.recognize_in(session, line, published)
            }
            Err(e) => {
                eprintln!(
                    "newskg: {name}:{line_no}: invalid UTF-8 at byte {} (line skipped)",
                    e.valid_up_to()
                );
                failed = true;
                Vec::new()
            }
        };
        let line = NerLine {
            entities: mentions
                .iter()
                .map(|m| NerEntity {
                    start: m.start,
                    end: m.end,
                    kind: m.kind.as_str(),
                    text: &m.text,
                    id: &m.id,
                })
                .collect(),
        };
        let r = serde_json::to_writer(&mut *out, &line)
            .map_err(io::Error::other)
            .and_then(|_| out.write_all(b"\n"));
        match r {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
            r => r.context("writing output")?,
        }
    }
    Ok(failed)
}
