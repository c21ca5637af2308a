//! `newskg relate`: classifies the relations of argument mentions given as
//! JSON lines, one answer line per input line (the evaluation mode used
//! with `../shared/tools/klue_re.py`), through the relation stage the
//! pipeline runs on every sentence.
//!
//! Input, either a pair: `{"sentence": S, "subject": {"start", "end",
//! "type"}, "object": {...}}` (character offsets, end exclusive; types as in
//! KLUE — `PER ORG LOC DAT POH NOH` — or newskg's entity names), answered by
//! `{"kind": K or null, "source": "subject"|"object", …}` with confidence,
//! role, flags and contract terms when found; or all the mentions of a
//! sentence: `{"sentence": S, "args": [{"start", "end", "type"}, …]}`,
//! answered by `{"relations": [{"a": i, "b": j, "kind", "source": i or j,
//! …}]}` with every pair's typed relation, or its open one (`related`, with
//! `predicate`). A bad line gives `{"kind": null, "error": …}`, a message on
//! stderr and exit code 1 at the end; the other lines go on.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use serde::{Deserialize, Serialize};

use super::lines;
use crate::relations::{
    Arg, ArgKind, Duration, Money, Patterns, RelationClassifier, RelationKind, SentenceRelations,
    Which,
};
use crate::text::{Analyzer, Session, Token};

/// `newskg relate` arguments.
#[derive(Debug, Args)]
pub struct RelateArgs {
    /// JSONL files to read; stdin when none.
    pub files: Vec<PathBuf>,
    /// Extra relation pattern file(s) (TOML, see README.md, "Your own relation patterns"),
    /// tried before the built-in ones.
    #[arg(long = "relations", value_name = "FILE")]
    pub relations: Vec<PathBuf>,
}

#[derive(Deserialize)]
struct Span {
    start: usize,
    end: usize,
    #[serde(rename = "type", default)]
    kind: String,
}

#[derive(Deserialize)]
struct Line {
    sentence: String,
    #[serde(default)]
    subject: Option<Span>,
    #[serde(default)]
    object: Option<Span>,
    #[serde(default)]
    args: Option<Vec<Span>>,
}

#[derive(Serialize)]
struct Answer<'a> {
    kind: Option<&'static str>,
    source: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    predicate: Option<String>,
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
            predicate: None,
            negated: false,
            hypothetical: false,
            money: None,
            duration: None,
            evidence: None,
            error: None,
        }
    }
}

/// One relation of a multi-argument line.
#[derive(Serialize)]
struct Found {
    a: usize,
    b: usize,
    kind: &'static str,
    /// The argument the relation starts from (`a` or `b`).
    source: usize,
    confidence: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    role: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    predicate: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    negated: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    hypothetical: bool,
}

#[derive(Serialize)]
struct Relations {
    relations: Vec<Found>,
}

/// Runs `newskg relate`.
pub fn run(args: RelateArgs) -> anyhow::Result<ExitCode> {
    let analyzer = Analyzer::new()?;
    let classifier =
        RelationClassifier::with_patterns(&analyzer, Patterns::with_files(&args.relations)?);
    let mut session = Session::new(&analyzer);
    lines::run(&args.files, |line, out| {
        let text = String::from_utf8_lossy(line.bytes);
        let text = text.trim();
        if text.is_empty() && !line.cut {
            return Ok(true);
        }
        let parsed = match serde_json::from_str::<Line>(text) {
            // Too long: skipped unread, its text is the reason.
            _ if line.cut => Err(line.text().err().unwrap_or_default()),
            Ok(l) => Ok(l),
            Err(e) => Err(format!("not a relate input line: {e}")),
        };
        let written = match parsed.and_then(|l| answer(&classifier, &mut session, &l)) {
            Ok(Output::Pair(a)) => serde_json::to_writer(&mut *out, &a).map(|_| true),
            Ok(Output::All(r)) => serde_json::to_writer(&mut *out, &r).map(|_| true),
            Err(message) => {
                line.report(&message);
                let failed = Answer {
                    error: Some(&message),
                    ..Answer::none()
                };
                serde_json::to_writer(&mut *out, &failed).map(|_| false)
            }
        }
        .map_err(io::Error::other)?;
        out.write_all(b"\n")?;
        Ok(written)
    })
}

enum Output {
    Pair(Answer<'static>),
    All(Relations),
}

fn arg_of(s: &Span, n: usize, name: &str) -> Result<Arg, String> {
    if s.start >= s.end || s.end > n {
        return Err(format!(
            "{name} span {}..{} is empty or outside the sentence ({n} characters)",
            s.start, s.end
        ));
    }
    Ok(Arg::new(s.start, s.end, ArgKind::from_type_name(&s.kind)))
}

fn answer(
    classifier: &RelationClassifier,
    session: &mut Session,
    line: &Line,
) -> Result<Output, String> {
    let n = line.sentence.chars().count();
    let spans: Vec<(&Span, String)> = match (&line.args, &line.subject, &line.object) {
        (Some(args), None, None) => args
            .iter()
            .enumerate()
            .map(|(i, s)| (s, format!("argument {i}")))
            .collect(),
        (None, Some(s), Some(o)) => vec![(s, "subject".into()), (o, "object".into())],
        _ => {
            return Err(
                "a relate input line has either \"subject\" and \"object\", or \"args\"".into(),
            );
        }
    };
    let mut args = spans
        .iter()
        .map(|(s, name)| arg_of(s, n, name))
        .collect::<Result<Vec<Arg>, String>>()?;
    if line.args.is_none() {
        let chars: Vec<char> = line.sentence.chars().collect();
        for i in 0..2 {
            if let Some(outer) = named_before(&chars, args[i], args[1 - i]) {
                args[i] = outer;
            }
        }
    }
    let mut tokens: Vec<Token> = Vec::new();
    session.analyze(&line.sentence, &mut tokens);
    let sentence = classifier.sentence(&line.sentence, &tokens, &args);
    if line.args.is_none() {
        return Ok(Output::Pair(match sentence.classify(0, 1) {
            Some(r) => Answer {
                kind: Some(pair_kind(&r, &args)),
                source: if r.source == Which::A {
                    "subject"
                } else {
                    "object"
                },
                confidence: Some(r.confidence),
                role: r.role,
                predicate: r.predicate,
                negated: r.negated,
                hypothetical: r.hypothetical,
                money: r.money,
                duration: r.duration,
                evidence: Some(r.evidence),
                error: None,
            },
            None => Answer::none(),
        }));
    }
    Ok(Output::All(Relations {
        relations: all_pairs(&sentence, args.len()),
    }))
}

/// A person's other name in parentheses right after the name it is known
/// by (`멤버 설현(김설현·28)`, `배우 하정우(김성훈)`, `X(Brian Ching, 1978년
/// …)`) stands for that name: entity linking makes the two one node in
/// `extract`, whose relations are read at the outer mention. So a relation
/// of the inner name to a third argument is read at the outer one. Not when
/// the other argument is the outer name itself (that is the alias), nor for
/// a list of names (`그룹(A, B)`: members, not aliases).
fn named_before(chars: &[char], arg: Arg, other: Arg) -> Option<Arg> {
    if arg.kind != ArgKind::Person || arg.start < 2 || chars.get(arg.start - 1) != Some(&'(') {
        return None;
    }
    let open = arg.start - 1;
    let start = (0..open)
        .rev()
        .find(|&i| {
            chars[i].is_whitespace()
                || matches!(chars[i], '(' | ')' | ',' | '·' | '\'' | '‘' | '"' | '“')
        })
        .map_or(0, |i| i + 1);
    if start == open || !chars[start..open].iter().all(|c| c.is_alphanumeric()) {
        return None;
    }
    // An alias closes the parenthesis, or is followed by an age or a
    // birth date.
    let after: String = chars[arg.end..chars.len().min(arg.end + 8)]
        .iter()
        .collect();
    let age = after
        .strip_prefix('·')
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    let born = after
        .strip_prefix(", ")
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    if !(after.starts_with(')') || age || born) {
        return None;
    }
    // The other argument is the outer name, or overlaps it.
    if other.start < open && other.end > start {
        return None;
    }
    Some(Arg::new(start, open, arg.kind))
}

/// The kind a subject/object answer names. KLUE-RE has one label pair for a
/// person in an organisation (`per:employee_of` / `org:top_members/employees`:
/// members, employees and heads alike) and keeps `org:member_of` /
/// `org:members` for organisations in organisations; a reader of this
/// answer sees only the kind and its direction, not the types. So a
/// person's membership (`member_of` from a PERSON: `바른정당 이혜훈 의원`, `Sexy
/// Zone의 멤버`) is answered as `employee_of`, its role (`의원`, `멤버`)
/// kept; the graph keeps `member_of`.
fn pair_kind(r: &crate::relations::Relation, args: &[Arg]) -> &'static str {
    let source = if r.source == Which::A {
        args[0]
    } else {
        args[1]
    };
    if r.kind == RelationKind::MemberOf && source.kind == ArgKind::Person {
        return RelationKind::EmployeeOf.as_str();
    }
    r.kind.as_str()
}

/// Every pair's typed relation, else its open one.
fn all_pairs(sentence: &SentenceRelations<'_>, n: usize) -> Vec<Found> {
    let mut out = Vec::new();
    for a in 0..n {
        for b in a + 1..n {
            let Some(r) = sentence.classify(a, b).or_else(|| sentence.open(a, b)) else {
                continue;
            };
            out.push(Found {
                a,
                b,
                kind: r.kind.as_str(),
                source: if r.source == Which::A { a } else { b },
                confidence: r.confidence,
                role: r.role,
                predicate: r.predicate,
                negated: r.negated,
                hypothetical: r.hypothetical,
            });
        }
    }
    out
}
