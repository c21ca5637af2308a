//! `newskg tokenize`: morphological analysis in MeCab's output format (or JSON).
//!
//! Reads text line by line from stdin or files; each line is analysed on its
//! own and followed by `EOS`, exactly as `mecab` does, so existing MeCab-ko
//! tooling can read the output.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use serde::Serialize;

use super::lines;
use crate::text::{Analyzer, Session, Token, UserDictionary};

/// `newskg tokenize` arguments.
#[derive(Debug, Args)]
pub struct TokenizeArgs {
    /// Files to read (UTF-8, one sentence or paragraph per line); stdin when none.
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = TokenFormat::Mecab)]
    pub format: TokenFormat,
    /// User dictionary file(s) (`surface,POS[,semantic]` lines; see README).
    #[arg(long = "user-dict", value_name = "FILE")]
    pub user_dict: Vec<PathBuf>,
}

/// Output formats of `newskg tokenize`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TokenFormat {
    /// `surface<TAB>POS,semantic,jongseong,reading,type,first,last,expression`, `EOS` per line.
    Mecab,
    /// One JSON object per input line: `{"tokens": [...]}` with character and byte offsets.
    Json,
}

#[derive(Serialize)]
struct JsonToken<'a> {
    surface: &'a str,
    pos: &'a str,
    features: Vec<&'a str>,
    start: usize,
    end: usize,
    byte_start: usize,
    byte_end: usize,
}

#[derive(Serialize)]
struct JsonLine<'a> {
    tokens: Vec<JsonToken<'a>>,
}

/// Builds the analyser with the user dictionaries named on the command line.
pub fn build_analyzer(user_dicts: &[PathBuf]) -> anyhow::Result<Analyzer> {
    let mut analyzer = Analyzer::new()?;
    if !user_dicts.is_empty() {
        let mut user = UserDictionary::new();
        for path in user_dicts {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading user dictionary {}", path.display()))?;
            user.parse(&text, &path.display().to_string())?;
        }
        analyzer = analyzer.with_user_dictionary(user);
    }
    Ok(analyzer)
}

/// Runs `newskg tokenize`.
pub fn run(args: TokenizeArgs) -> anyhow::Result<ExitCode> {
    let analyzer = build_analyzer(&args.user_dict)?;
    let mut session = Session::new(&analyzer);
    lines::run(&args.files, |line, out| {
        let mut tokens: Vec<Token> = Vec::new();
        let ok = match line.text() {
            Ok(text) => {
                // A byte-order mark is not text.
                let text = text.strip_prefix('\u{feff}').unwrap_or(text);
                session.analyze(text, &mut tokens);
                true
            }
            Err(message) => {
                // One bad line must not stop the rest: report it and print an
                // empty analysis so the output stays aligned with the input.
                line.report(&message);
                false
            }
        };
        write_line(out, &analyzer, args.format, &tokens)?;
        Ok(ok)
    })
}

fn write_line(
    out: &mut dyn Write,
    analyzer: &Analyzer,
    format: TokenFormat,
    tokens: &[Token],
) -> io::Result<()> {
    match format {
        TokenFormat::Mecab => {
            for t in tokens {
                out.write_all(t.surface.as_bytes())?;
                out.write_all(b"\t")?;
                for (i, f) in analyzer.features(t.word).enumerate() {
                    if i > 0 {
                        out.write_all(b",")?;
                    }
                    out.write_all(f.as_bytes())?;
                }
                out.write_all(b"\n")?;
            }
            out.write_all(b"EOS\n")
        }
        TokenFormat::Json => {
            let line = JsonLine {
                tokens: tokens
                    .iter()
                    .map(|t| JsonToken {
                        surface: t.surface,
                        pos: analyzer.pos(t.word),
                        features: analyzer.features(t.word).collect(),
                        start: t.start,
                        end: t.end,
                        byte_start: t.byte_start,
                        byte_end: t.byte_end,
                    })
                    .collect(),
            };
            serde_json::to_writer(&mut *out, &line).map_err(io::Error::other)?;
            out.write_all(b"\n")
        }
    }
}
