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
///
/// A line longer than [`lines::MAX_LINE_BYTES`] is read and analysed a
/// piece at a time (cut after whitespace), never held whole: its analysis
/// is the pieces' one after the other, then one `EOS`.
pub fn run(args: TokenizeArgs) -> anyhow::Result<ExitCode> {
    let analyzer = build_analyzer(&args.user_dict)?;
    let mut session = Session::new(&analyzer);
    // Where the current line's piece starts, in characters and bytes of
    // the line after its byte-order mark, if any; how many tokens of the
    // line are written; whether a piece of it was bad.
    let (mut chars_before, mut bom) = (0usize, 0usize);
    let mut written = 0usize;
    let mut line_ok = true;
    lines::run_pieces(&args.files, |line, out| {
        let mut tokens: Vec<Token> = Vec::new();
        let first = line.byte_offset == 0;
        if first {
            (chars_before, bom, written, line_ok) = (0, 0, 0, true);
        }
        let mut chars = 0;
        match line.text() {
            Ok(text) => {
                // A byte-order mark is not text.
                let text = match text.strip_prefix('\u{feff}') {
                    Some(rest) if first => {
                        bom = text.len() - rest.len();
                        rest
                    }
                    _ => text,
                };
                session.analyze(text, &mut tokens);
                chars = text.chars().count();
            }
            Err(message) => {
                // One bad line must not stop the rest: report it and print an
                // empty analysis so the output stays aligned with the input.
                if line_ok {
                    line.report(&message);
                }
                line_ok = false;
            }
        }
        let bytes_before = line.byte_offset.saturating_sub(bom);
        for t in &mut tokens {
            t.start += chars_before;
            t.end += chars_before;
            t.byte_start += bytes_before;
            t.byte_end += bytes_before;
        }
        write_piece(out, &analyzer, args.format, &tokens, written, !line.cut)?;
        written += tokens.len();
        chars_before += chars;
        Ok(line_ok || line.cut)
    })
}

/// Writes the tokens of one piece of a line (the whole line, mostly):
/// `written` tokens of the line came before, `last` ends the line.
fn write_piece(
    out: &mut dyn Write,
    analyzer: &Analyzer,
    format: TokenFormat,
    tokens: &[Token],
    written: usize,
    last: bool,
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
            if last {
                out.write_all(b"EOS\n")?;
            }
            Ok(())
        }
        TokenFormat::Json => {
            // `{"tokens":[…]}`, the brackets around all pieces' tokens.
            if written == 0 && (!tokens.is_empty() || last) {
                out.write_all(b"{\"tokens\":[")?;
            }
            for (i, t) in tokens.iter().enumerate() {
                if written + i > 0 {
                    out.write_all(b",")?;
                }
                let token = JsonToken {
                    surface: t.surface,
                    pos: analyzer.pos(t.word),
                    features: analyzer.features(t.word).collect(),
                    start: t.start,
                    end: t.end,
                    byte_start: t.byte_start,
                    byte_end: t.byte_end,
                };
                serde_json::to_writer(&mut *out, &token).map_err(io::Error::other)?;
            }
            if last {
                out.write_all(b"]}\n")?;
            }
            Ok(())
        }
    }
}
