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

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::{Deserialize, Serialize};

use super::lines;
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
    lines::run(&args.files, |line, out| {
        let text = String::from_utf8_lossy(line.bytes);
        let text = text.trim();
        if text.is_empty() && !line.cut {
            return Ok(true);
        }
        let answer = match serde_json::from_str::<Pair>(text) {
            // Too long: skipped unread, its text is the reason.
            _ if line.cut => Err(line.text().err().unwrap_or_default()),
            Ok(pair) => answer(&classifier, &mut session, &pair),
            Err(e) => Err(format!("not a relate input line: {e}")),
        };
        let ok = answer.is_ok();
        match answer {
            Ok(a) => serde_json::to_writer(&mut *out, &a),
            Err(message) => {
                line.report(&message);
                let failed = Answer {
                    error: Some(&message),
                    ..Answer::none()
                };
                serde_json::to_writer(&mut *out, &failed)
            }
        }
        .map_err(io::Error::other)?;
        out.write_all(b"\n")?;
        Ok(ok)
    })
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
