//! Line mode, shared by `tokenize`, `ner` and `relate`: every line of every
//! file (stdin when none) gets its answer on stdout, in order, so evaluation
//! tools can pair output with input.
//!
//! A bad line is reported on stderr with its file and line number and
//! answered with the command's empty answer; the run goes on and exits with
//! 1 at the end. A file that cannot be opened is reported the same way. A
//! closed stdout (`| head`) ends the run quietly with success.
//!
//! Memory is bounded whatever the input: a line is read at most
//! [`MAX_LINE_BYTES`] at a time. [`run`] reports a longer line as bad (the
//! rest of it is read and dropped); [`run_pieces`] hands it over in pieces
//! cut at whitespace (`tokenize` analyses a 20 MB line that way).

use std::io::{self, BufRead, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;

/// The most bytes of a line held at once (1 MiB): [`run`] skips longer
/// lines, [`run_pieces`] cuts them into pieces of at most this size.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// One input line (or, with [`run_pieces`], one piece of it), without its
/// line ending.
pub struct Line<'a> {
    /// The input's name (a path, or `<stdin>`).
    pub name: &'a str,
    /// 1-based line number.
    pub number: usize,
    /// The raw bytes (empty for a line that was too long).
    pub bytes: &'a [u8],
    /// With [`run`]: the line was longer than [`MAX_LINE_BYTES`] and was
    /// skipped. With [`run_pieces`]: more pieces of this line follow.
    pub cut: bool,
    /// With [`run_pieces`]: bytes of the line before this piece.
    pub byte_offset: usize,
}

impl Line<'_> {
    /// The line as UTF-8, or the message that says why it is not there.
    pub fn text(&self) -> Result<&str, String> {
        if self.cut && self.bytes.is_empty() {
            return Err(format!("line longer than {MAX_LINE_BYTES} bytes (skipped)"));
        }
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
/// errors it returns are output errors and end the run. A line longer than
/// [`MAX_LINE_BYTES`] is answered as an empty line with `cut` set (its
/// [`Line::text`] is the error to report).
pub fn run(
    files: &[PathBuf],
    answer: impl FnMut(&Line, &mut dyn Write) -> io::Result<bool>,
) -> anyhow::Result<ExitCode> {
    run_mode(files, false, answer)
}

/// Like [`run`], but a line longer than [`MAX_LINE_BYTES`] comes in pieces
/// cut after whitespace (or, without any, at a character boundary), each
/// with `cut` set but the last, and its `byte_offset` in the line.
pub fn run_pieces(
    files: &[PathBuf],
    answer: impl FnMut(&Line, &mut dyn Write) -> io::Result<bool>,
) -> anyhow::Result<ExitCode> {
    run_mode(files, true, answer)
}

fn run_mode(
    files: &[PathBuf],
    pieces: bool,
    mut answer: impl FnMut(&Line, &mut dyn Write) -> io::Result<bool>,
) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut failed = false;
    let result = if files.is_empty() {
        let stdin = io::stdin();
        each_line("<stdin>", &mut stdin.lock(), pieces, &mut out, &mut answer)
            .map(|ok| failed |= !ok)
    } else {
        files.iter().try_for_each(|path| {
            let name = path.display().to_string();
            match std::fs::File::open(path) {
                Ok(f) => each_line(
                    &name,
                    &mut io::BufReader::new(f),
                    pieces,
                    &mut out,
                    &mut answer,
                ),
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
    pieces: bool,
    out: &mut dyn Write,
    answer: &mut impl FnMut(&Line, &mut dyn Write) -> io::Result<bool>,
) -> Result<bool, Failure> {
    let mut ok = true;
    let mut buf = Vec::new();
    let mut number = 0usize;
    // Bytes of the current line already handed over (pieces), and whether
    // the current line is being skipped (too long, whole lines only).
    let mut offset = 0usize;
    let mut skipping = false;
    loop {
        let (piece_end, line_ends) = fill(reader, &mut buf, MAX_LINE_BYTES)
            .with_context(|| format!("reading {name}"))
            .map_err(Input)?;
        let at_end = buf.is_empty() && !line_ends;
        if at_end && !skipping {
            return Ok(ok);
        }
        if offset == 0 && !skipping {
            number += 1;
        }
        let mut piece = &buf[..piece_end];
        if line_ends {
            while let [rest @ .., b'\n' | b'\r'] = piece {
                piece = rest;
            }
        }
        if !pieces && !line_ends && !at_end {
            // Too long: drop what is read, answer once the line ends.
            skipping = true;
            buf.clear();
            continue;
        }
        let line = Line {
            name,
            number,
            bytes: if skipping { &[] } else { piece },
            cut: skipping || !line_ends,
            byte_offset: offset,
        };
        ok &= answer(&line, out).map_err(Output)? && !skipping;
        if at_end {
            return Ok(ok);
        }
        if line_ends {
            offset = 0;
            skipping = false;
        } else {
            offset += piece_end;
        }
        buf.drain(..piece_end);
    }
}

/// Reads into `buf` until it holds a line ending or `max` bytes. Returns
/// where the piece to hand over ends (just past the line feed, or at a cut
/// after the last whitespace, or a character boundary) and whether that is
/// the end of the line (a line feed or the end of input). The end of input
/// with nothing read gives `(0, false)`.
fn fill(reader: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<(usize, bool)> {
    if let Some(k) = memchr::memchr(b'\n', buf) {
        return Ok((k + 1, true));
    }
    loop {
        if buf.len() >= max {
            return Ok((cut_point(buf), false));
        }
        let available = reader.fill_buf()?;
        if available.is_empty() {
            let n = buf.len();
            return Ok((n, n > 0));
        }
        let room = max - buf.len();
        let take = available.len().min(room);
        if let Some(k) = memchr::memchr(b'\n', &available[..take]) {
            buf.extend_from_slice(&available[..=k]);
            reader.consume(k + 1);
            return Ok((buf.len(), true));
        }
        buf.extend_from_slice(&available[..take]);
        reader.consume(take);
    }
}

/// Where to cut a piece of a long line: just after its last space or tab
/// in the second half, else at the last UTF-8 character boundary.
fn cut_point(buf: &[u8]) -> usize {
    let half = buf.len() / 2;
    if let Some(k) = buf[half..].iter().rposition(|&c| c == b' ' || c == b'\t') {
        return half + k + 1;
    }
    // Back over at most three continuation bytes to a character's start.
    let mut k = buf.len();
    while k > buf.len().saturating_sub(4) && k > 0 && buf[k - 1] & 0xC0 == 0x80 {
        k -= 1;
    }
    // `k - 1` starts a character: cut before it unless it is complete.
    match buf.get(k.wrapping_sub(1)) {
        Some(&lead) if lead >= 0xC0 => {
            let len = if lead >= 0xF0 {
                4
            } else if lead >= 0xE0 {
                3
            } else {
                2
            };
            if buf.len() - (k - 1) >= len {
                buf.len()
            } else {
                k - 1
            }
        }
        _ => buf.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(input: &[u8], pieces: bool, max: usize) -> Vec<(usize, Vec<u8>, bool, usize)> {
        // `each_line` with a small piece size, through `fill` directly.
        let mut reader = io::BufReader::with_capacity(7, input);
        let mut buf = Vec::new();
        let mut got = Vec::new();
        let mut offset = 0;
        loop {
            let (end, line_ends) = fill(&mut reader, &mut buf, max).unwrap();
            if buf.is_empty() && !line_ends {
                break;
            }
            let mut piece = &buf[..end];
            if line_ends {
                while let [rest @ .., b'\n' | b'\r'] = piece {
                    piece = rest;
                }
            }
            if pieces || line_ends {
                got.push((offset, piece.to_vec(), !line_ends, end));
            }
            offset = if line_ends { 0 } else { offset + end };
            buf.drain(..end);
        }
        got
    }

    #[test]
    fn long_lines_come_in_pieces_cut_at_whitespace() {
        let got = lines_of("가나 다라 마바사\n짧다\r\n".as_bytes(), true, 16);
        let texts: Vec<(usize, String, bool)> = got
            .iter()
            .map(|(o, b, cut, _)| (*o, String::from_utf8(b.clone()).unwrap(), *cut))
            .collect();
        assert_eq!(
            texts,
            [
                (0, "가나 다라 ".to_string(), true),
                (14, "마바사".to_string(), false),
                (0, "짧다".to_string(), false),
            ]
        );
        // No whitespace: cut at a character boundary, never inside one.
        let got = lines_of("가나다라마바사".as_bytes(), true, 8);
        let joined: Vec<u8> = got.iter().flat_map(|(_, b, _, _)| b.clone()).collect();
        assert_eq!(joined, "가나다라마바사".as_bytes());
        for (_, b, _, _) in &got {
            assert!(std::str::from_utf8(b).is_ok(), "{b:?}");
        }
    }

    #[test]
    fn a_line_is_never_held_whole() {
        // An endless line: pieces of at most `max` bytes.
        let endless = io::Read::take(io::repeat(b'x'), 10 * MAX_LINE_BYTES as u64);
        let mut reader = io::BufReader::new(endless);
        let mut buf = Vec::new();
        let mut total = 0;
        loop {
            let (end, line_ends) = fill(&mut reader, &mut buf, MAX_LINE_BYTES).unwrap();
            assert!(buf.len() <= MAX_LINE_BYTES);
            total += end;
            buf.drain(..end);
            if line_ends || end == 0 {
                break;
            }
        }
        assert_eq!(total, 10 * MAX_LINE_BYTES);
    }
}
