//! Line mode, shared by `tokenize`, `ner` and `relate`: every line of every
//! file (stdin when none) gets its answer on stdout, in order, so evaluation
//! tools can pair output with input.
//!
//! A bad line is reported on stderr with its file and line number and
//! answered with the command's empty answer; the run goes on and exits with
//! 1 at the end. A file that cannot be opened is reported the same way. A
//! closed stdout (`| head`) ends the run quietly with success.

use std::io::{self, BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

/// One input line, without its line ending.
pub struct Line<'a> {
    /// The input's name (a path, or `<stdin>`).
    pub name: &'a str,
    /// 1-based line number.
    pub number: usize,
    /// The raw bytes.
    pub bytes: &'a [u8],
}

impl Line<'_> {
    /// The line as UTF-8, or the message that says where it is not.
    pub fn text(&self) -> Result<&str, String> {
        std::str::from_utf8(self.bytes)
            .map_err(|e| format!("invalid UTF-8 at byte {} (line skipped)", e.valid_up_to()))
    }

    /// Reports a problem with this line on stderr.
    pub fn report(&self, message: &str) {
        eprintln!("newskg: {}:{}: {message}", self.name, self.number);
    }
}

/// Runs `answer` on every line of `files` (stdin when empty), with stdout
/// (buffered) to write to. `answer` returns whether the line was good;
/// errors it returns are output errors and end the run.
pub fn run(
    files: &[PathBuf],
    mut answer: impl FnMut(&Line, &mut dyn Write) -> io::Result<bool>,
) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut failed = false;
    let result = if files.is_empty() {
        let stdin = io::stdin();
        each_line("<stdin>", &mut stdin.lock(), &mut out, &mut answer).map(|ok| failed |= !ok)
    } else {
        files.iter().try_for_each(|path| {
            let name = path.display().to_string();
            match std::fs::File::open(path) {
                Ok(f) => each_line(&name, &mut io::BufReader::new(f), &mut out, &mut answer),
                Err(e) => {
                    eprintln!("newskg: {name}: {e}");
                    Ok(false)
                }
            }
            .map(|ok| failed |= !ok)
        })
    };
    let result = result.and_then(|()| out.flush().map_err(Output));
    match result {
        Err(Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(Output(e)) => Err(e).context("writing output"),
        Err(Input(e)) => Err(e),
        Ok(()) if failed => Ok(ExitCode::from(1)),
        Ok(()) => Ok(ExitCode::SUCCESS),
    }
}

use Failure::{Input, Output};

/// What ends a line-mode run early.
enum Failure {
    /// An input could not be read.
    Input(anyhow::Error),
    /// Stdout could not be written.
    Output(io::Error),
}

/// Answers every line of one input; returns whether all were good.
fn each_line(
    name: &str,
    reader: &mut dyn BufRead,
    out: &mut dyn Write,
    answer: &mut impl FnMut(&Line, &mut dyn Write) -> io::Result<bool>,
) -> Result<bool, Failure> {
    let mut ok = true;
    let mut buf = Vec::new();
    let mut number = 0usize;
    loop {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("reading {name}"))
            .map_err(Input)?;
        if n == 0 {
            return Ok(ok);
        }
        number += 1;
        while matches!(buf.last(), Some(b'\n' | b'\r')) {
            buf.pop();
        }
        let line = Line {
            name,
            number,
            bytes: &buf,
        };
        ok &= answer(&line, out).map_err(Output)?;
    }
}
