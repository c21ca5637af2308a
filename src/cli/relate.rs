//! `newskg relate`: classifies argument pairs given as JSON lines, one
//! answer line per input line (the evaluation mode used with
//! `../shared/tools/klue_re.py`).
//!
//! Input: `{"sentence": S, "subject": {"start", "end", "type"}, "object":
//! {...}}` (character offsets, end exclusive; types as in KLUE — `PER ORG
//! LOC DAT POH NOH` — or newskg's entity names). Output: `{"kind": K or
//! null, "source": "subject"|"object", …}` with confidence, role, flags and
//! contract terms when found. A bad line gives `{"kind": null, "error": …}`,
//! a message on stderr and exit code 1 at the end; the other lines go on.

use std::io::{self, BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use serde::{Deserialize, Serialize};

use crate::relations::{Arg, ArgKind, Duration, Money, RelationClassifier, Which};
use crate::text::{Analyzer, Session, Token};

/// `newskg relate` arguments.
#[derive(Debug, Args)]
pub struct RelateArgs {
    /// JSONL files to read; stdin when none.
    pub files: Vec<PathBuf>,
}

#[derive(Deserialize)]
struct Span {
    start: usize,
    end: usize,
    #[serde(rename = "type", default)]
    kind: String,
}

#[derive(Deserialize)]
struct Pair {
    sentence: String,
    subject: Span,
    object: Span,
}

#[derive(Serialize)]
struct Answer<'a> {
    kind: Option<&'static str>,
    source: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    negated: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    hypothetical: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    money: Option<Money>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration: Option<Duration>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<(usize, usize)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
}

impl Answer<'_> {
    fn none() -> Self {
        Answer {
            kind: None,
            source: "subject",
            confidence: None,
            role: None,
            negated: false,
            hypothetical: false,
            money: None,
            duration: None,
            evidence: None,
            error: None,
        }
    }
}

/// Runs `newskg relate`.
pub fn run(args: RelateArgs) -> anyhow::Result<ExitCode> {
    let analyzer = Analyzer::new()?;
    let classifier = RelationClassifier::new(&analyzer);
    let mut session = Session::new(&analyzer);
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut failed = false;
    if args.files.is_empty() {
        let stdin = io::stdin();
        failed |= process(
            &classifier,
            &mut session,
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
                        &classifier,
                        &mut session,
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

/// Answers every line of one input; returns whether any line was bad.
fn process(
    classifier: &RelationClassifier,
    session: &mut Session,
    out: &mut impl Write,
    name: &str,
    reader: &mut dyn BufRead,
) -> anyhow::Result<bool> {
    let mut failed = false;
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    loop {
        buf.clear();
        if reader
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("reading {name}"))?
            == 0
        {
            break;
        }
        line_no += 1;
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let answer = match serde_json::from_str::<Pair>(line) {
            Ok(pair) => answer(classifier, session, &pair),
            Err(e) => Err(format!("not a relate input line: {e}")),
        };
        let text = match answer {
            Ok(a) => serde_json::to_string(&a),
            Err(msg) => {
                eprintln!("newskg: {name}:{line_no}: {msg}");
                failed = true;
                serde_json::to_string(&Answer {
                    error: Some(&msg),
                    ..Answer::none()
                })
            }
        }
        .context("serialising an answer")?;
        let written = out
            .write_all(text.as_bytes())
            .and_then(|_| out.write_all(b"\n"));
        match written {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
            r => r.context("writing output")?,
        }
    }
    Ok(failed)
}

fn answer(
    classifier: &RelationClassifier,
    session: &mut Session,
    pair: &Pair,
) -> Result<Answer<'static>, String> {
    let n = pair.sentence.chars().count();
    for (side, s) in [("subject", &pair.subject), ("object", &pair.object)] {
        if s.start >= s.end || s.end > n {
            return Err(format!(
                "{side} span {}..{} is empty or outside the sentence ({n} characters)",
                s.start, s.end
            ));
        }
    }
    let mut tokens: Vec<Token> = Vec::new();
    session.analyze(&pair.sentence, &mut tokens);
    let a = Arg::new(
        pair.subject.start,
        pair.subject.end,
        ArgKind::from_type_name(&pair.subject.kind),
    );
    let b = Arg::new(
        pair.object.start,
        pair.object.end,
        ArgKind::from_type_name(&pair.object.kind),
    );
    Ok(match classifier.classify(&pair.sentence, &tokens, a, b) {
        Some(r) => Answer {
            kind: Some(r.kind.as_str()),
            source: if r.source == Which::A {
                "subject"
            } else {
                "object"
            },
            confidence: Some(r.confidence),
            role: r.role,
            negated: r.negated,
            hypothetical: r.hypothetical,
            money: r.money,
            duration: r.duration,
            evidence: Some(r.evidence),
            error: None,
        },
        None => Answer::none(),
    })
}
