//! `newskg tokenize`: morphological analysis in MeCab's output format (or JSON).
//!
//! Reads text line by line from stdin or files; each line is analysed on its
//! own and followed by `EOS`, exactly as `mecab` does, so existing MeCab-ko
//! tooling can read the output.

use std::io::{self, BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use serde::Serialize;

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
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut session = Session::new(&analyzer);
    let mut failed = false;
    if args.files.is_empty() {
        let stdin = io::stdin();
        failed |= process(
            &analyzer,
            &mut session,
            args.format,
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
                        &analyzer,
                        &mut session,
                        args.format,
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

/// Analyses every line of one input; returns whether any line was bad.
fn process(
    analyzer: &Analyzer,
    session: &mut Session,
    format: TokenFormat,
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
        match std::str::from_utf8(&buf) {
            Ok(line) => {
                // A byte-order mark is not text.
                let line = line.strip_prefix('\u{feff}').unwrap_or(line);
                let mut tokens: Vec<Token> = Vec::new();
                session.analyze(line, &mut tokens);
                write_line(out, analyzer, format, &tokens)?;
            }
            Err(e) => {
                // One bad line must not stop the rest: report it and print an
                // empty analysis so the output stays aligned with the input.
                eprintln!(
                    "newskg: {name}:{line_no}: invalid UTF-8 at byte {} (line skipped)",
                    e.valid_up_to()
                );
                failed = true;
                write_line(out, analyzer, format, &[])?;
            }
        }
    }
    Ok(failed)
}

fn write_line(
    out: &mut impl Write,
    analyzer: &Analyzer,
    format: TokenFormat,
    tokens: &[Token],
) -> anyhow::Result<()> {
    let result = match format {
        TokenFormat::Mecab => (|| {
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
        })(),
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
            serde_json::to_writer(&mut *out, &line)
                .map_err(io::Error::other)
                .and_then(|_| out.write_all(b"\n"))
        }
    };
    match result {
        // `newskg tokenize | head` is normal use, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
        r => r.context("writing output"),
    }
}
