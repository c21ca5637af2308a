//! Command-line inputs → a list of things to read: URLs and local files.
//!
//! Takes what the user typed (`INPUT...`, `--urls FILE`, `-`) and gives out
//! one [`InputItem`] per article source, in order: an http(s) URL, a saved
//! `.html`/`.htm` page or a `.txt` body (given as a path or a `file://` URL). Directories expand to the supported
//! files directly inside them (sorted); list files and standard input hold
//! one URL or path per line, blank lines and `#` comments ignored. Anything
//! unusable becomes an item carrying an [`InputError`] that names it, so the
//! rest of the batch goes on. Every command that reads articles uses this.

use std::collections::HashSet;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

/// One article source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// An http(s) URL.
    Url(String),
    /// A saved HTML page.
    Html(PathBuf),
    /// A plain-text body.
    Text(PathBuf),
}

/// An input as given plus what it resolved to.
#[derive(Debug)]
pub struct InputItem {
    /// The text the user gave (or the file found in a directory).
    pub source: String,
    /// The resolved input, or why it cannot be used.
    pub input: Result<Input, InputError>,
}

/// Why an input cannot be used. Messages name the input.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// Looks like a URL but does not parse.
    #[error("{input}: malformed URL: {reason}")]
    InvalidUrl {
        /// The text.
        input: String,
        /// The parser's complaint.
        reason: String,
    },
    /// A URL with a scheme other than http(s).
    #[error("{input}: unsupported URL scheme {scheme:?} (only http and https)")]
    UnsupportedScheme {
        /// The text.
        input: String,
        /// The scheme.
        scheme: String,
    },
    /// Neither a URL nor an existing path.
    #[error("{path}: no such file or directory (and not an http(s) URL)")]
    NotFound {
        /// The path.
        path: String,
    },
    /// A file or directory that cannot be read.
    #[error("{path}: cannot read: {source}")]
    Io {
        /// The path.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file that is not `.html`, `.htm` or `.txt`.
    #[error("{path}: unsupported file type (expected .html, .htm or .txt)")]
    UnsupportedFile {
        /// The path.
        path: String,
    },
    /// A directory with no supported files.
    #[error("{path}: directory (and its sub-folders) holds no .html, .htm or .txt files")]
    EmptyDir {
        /// The path.
        path: String,
    },
}

/// Longest line accepted in a list of inputs (`--urls FILE`, `-`): no URL
/// or path is this long, so a longer line means the file is not a list (a
/// binary file, `/dev/zero`), and reading stops there instead of holding
/// the whole "line" in memory.
pub const MAX_LIST_LINE_BYTES: usize = 64 * 1024;

/// Expands command-line inputs and `--urls` list files into items, in
/// order: first `args` (where `-` reads a list from standard input), then
/// each list file (`-` again meaning standard input).
///
/// A list that cannot be read (missing, unreadable, not a list) is an error
/// for the whole run, not one bad input: the user named the file of inputs
/// itself, and going on would silently process none of them.
pub fn expand(args: &[String], url_lists: &[PathBuf]) -> Result<Vec<InputItem>, InputError> {
    let mut items = Vec::new();
    let add_list = |path: &Path, items: &mut Vec<InputItem>| -> Result<(), InputError> {
        let entries = if path.as_os_str() == "-" {
            read_list(std::io::stdin().lock(), "<stdin>")?
        } else {
            let file = std::fs::File::open(path).map_err(|source| InputError::Io {
                path: path.display().to_string(),
                source,
            })?;
            read_list(std::io::BufReader::new(file), &path.display().to_string())?
        };
        for line in entries {
            items.extend(resolve(&line));
        }
        Ok(())
    };
    for arg in args {
        if arg == "-" {
            add_list(Path::new("-"), &mut items)?;
        } else {
            items.extend(resolve(arg));
        }
    }
    for list in url_lists {
        add_list(list, &mut items)?;
    }
    Ok(items)
}

/// Reads a list of inputs line by line (see [`list_entries`]), each line
/// at most [`MAX_LIST_LINE_BYTES`] long.
fn read_list(mut reader: impl BufRead, name: &str) -> Result<Vec<String>, InputError> {
    let mut entries = Vec::new();
    let mut line = Vec::new();
    let io_error = |source| InputError::Io {
        path: name.to_string(),
        source,
    };
    for number in 1.. {
        line.clear();
        let limit = MAX_LIST_LINE_BYTES as u64 + 1;
        let n = (&mut reader)
            .take(limit)
            .read_until(b'\n', &mut line)
            .map_err(io_error)?;
        if n == 0 {
            break;
        }
        if line.len() > MAX_LIST_LINE_BYTES {
            return Err(io_error(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "line {number} is longer than {MAX_LIST_LINE_BYTES} bytes: not a list of URLs and paths"
                ),
            )));
        }
        entries.extend(list_entries(&String::from_utf8_lossy(&line)));
    }
    Ok(entries)
}

/// The entries of a list: one per line, trimmed, without blank lines and
/// `#` comments.
pub fn list_entries(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.trim().trim_start_matches('\u{FEFF}'))
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// Resolves one input: a URL, a file, or a directory (its supported files).
pub fn resolve(text: &str) -> Vec<InputItem> {
    let text = text.trim();
    let item = |input| {
        vec![InputItem {
            source: text.to_string(),
            input,
        }]
    };
    if let Some(scheme) = url_scheme(text) {
        // file:// URLs (as our own output's `url` field holds them) name local files.
        if scheme.eq_ignore_ascii_case("file")
            && let Some(path) = url::Url::parse(text)
                .ok()
                .and_then(|u| u.to_file_path().ok())
        {
            return resolve_path(text, &path);
        }
        if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
            return item(Err(InputError::UnsupportedScheme {
                input: text.to_string(),
                scheme,
            }));
        }
        return match url::Url::parse(text) {
            Ok(u) if u.host_str().is_some_and(|h| !h.is_empty()) => {
                item(Ok(Input::Url(u.to_string())))
            }
            Ok(_) => item(Err(InputError::InvalidUrl {
                input: text.to_string(),
                reason: "no host".into(),
            })),
            Err(e) => item(Err(InputError::InvalidUrl {
                input: text.to_string(),
                reason: e.to_string(),
            })),
        };
    }
    resolve_path(text, Path::new(text))
}

fn resolve_path(text: &str, path: &Path) -> Vec<InputItem> {
    let item = |input| {
        vec![InputItem {
            source: text.to_string(),
            input,
        }]
    };
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => dir_items(path),
        Ok(_) => item(file_input(path)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => item(Err(InputError::NotFound {
            path: text.to_string(),
        })),
        Err(source) => item(Err(InputError::Io {
            path: text.to_string(),
            source,
        })),
    }
}

/// The scheme of something written as a URL (`scheme://...` or
/// `mailto:`-like), not of a Windows drive path.
fn url_scheme(text: &str) -> Option<String> {
    let (scheme, rest) = text.split_once(':')?;
    let valid = scheme.len() >= 2
        && scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    let url_like =
        rest.starts_with("//") || matches!(scheme, "mailto" | "javascript" | "data" | "tel");
    (valid && url_like).then(|| scheme.to_string())
}

fn file_input(path: &Path) -> Result<Input, InputError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm") => Ok(Input::Html(path.to_path_buf())),
        Some("txt") => Ok(Input::Text(path.to_path_buf())),
        _ => Err(InputError::UnsupportedFile {
            path: path.display().to_string(),
        }),
    }
}

fn dir_items(dir: &Path) -> Vec<InputItem> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(source) => {
            return vec![InputItem {
                source: dir.display().to_string(),
                input: Err(InputError::Io {
                    path: dir.display().to_string(),
                    source,
                }),
            }];
        }
    };
    // Sub-folders are walked too (a corpus is often one folder per outlet);
    // hidden entries (`.cache`, `.git`) are skipped. Symbolic links are
    // followed, but every directory and file is taken once, by its real
    // path: a link back to an ancestor (a loop) leads nowhere new.
    let mut seen: HashSet<PathBuf> = HashSet::new();
    seen.extend(std::fs::canonicalize(dir).ok());
    let mut files: Vec<PathBuf> = Vec::new();
    let mut pending: Vec<std::fs::ReadDir> = vec![entries];
    while let Some(entries) = pending.pop() {
        // In name order, so which of two paths to one file is kept does
        // not depend on the file system's listing order.
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
        paths.sort();
        for p in paths {
            if p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            {
                continue;
            }
            let is_dir = p.is_dir();
            let is_input = is_dir || p.is_file() && file_input(&p).is_ok();
            if !is_input {
                continue;
            }
            // A path that cannot be resolved (a dangling link) is skipped.
            let Ok(real) = std::fs::canonicalize(&p) else {
                continue;
            };
            if !seen.insert(real) {
                continue;
            }
            if is_dir {
                if let Ok(sub) = std::fs::read_dir(&p) {
                    pending.push(sub);
                }
            } else {
                files.push(p);
            }
        }
    }
    files.sort();
    if files.is_empty() {
        return vec![InputItem {
            source: dir.display().to_string(),
            input: Err(InputError::EmptyDir {
                path: dir.display().to_string(),
            }),
        }];
    }
    files
        .into_iter()
        .map(|p| InputItem {
            source: p.display().to_string(),
            input: file_input(&p),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Result<Input, InputError> {
        resolve(text).remove(0).input
    }

    #[test]
    fn urls() {
        assert_eq!(
            one("https://example.com/a?b=1").unwrap(),
            Input::Url("https://example.com/a?b=1".into())
        );
        assert!(matches!(
            one("ftp://example.com/a"),
            Err(InputError::UnsupportedScheme { .. })
        ));
        assert!(matches!(
            one("mailto:desk@example.com"),
            Err(InputError::UnsupportedScheme { .. })
        ));
        assert!(matches!(
            one("http://exa mple.com/"),
            Err(InputError::InvalidUrl { .. })
        ));
        assert!(matches!(one("http://"), Err(InputError::InvalidUrl { .. })));
    }

    #[test]
    fn files_and_directories() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.html", "a.txt", "c.htm", "skip.pdf"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        let items = resolve(dir.path().to_str().unwrap());
        let names: Vec<String> = items
            .iter()
            .map(|i| i.source.rsplit('/').next().unwrap().to_string())
            .collect();
        assert_eq!(names, vec!["a.txt", "b.html", "c.htm"]);
        assert!(matches!(items[0].input, Ok(Input::Text(_))));
        assert!(matches!(
            one(dir.path().join("skip.pdf").to_str().unwrap()),
            Err(InputError::UnsupportedFile { .. })
        ));
        assert!(matches!(
            one("/no/such/file.html"),
            Err(InputError::NotFound { .. })
        ));
        let html = dir.path().join("b.html");
        let as_url = url::Url::from_file_path(&html).unwrap().to_string();
        assert_eq!(one(&as_url).unwrap(), Input::Html(html));
        let empty = tempfile::tempdir().unwrap();
        assert!(matches!(
            one(empty.path().to_str().unwrap()),
            Err(InputError::EmptyDir { .. })
        ));
    }

    #[test]
    fn list_files_skip_blanks_and_comments() {
        assert_eq!(
            list_entries("# urls\n\nhttps://a.test/1\n  https://a.test/2  \n#x\n"),
            vec!["https://a.test/1", "https://a.test/2"]
        );
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("urls.txt");
        std::fs::write(&list, "https://a.test/1\n# c\nftp://b.test\n").unwrap();
        let items = expand(&[], std::slice::from_ref(&list)).unwrap();
        assert_eq!(items.len(), 2);
        assert!(items[0].input.is_ok() && items[1].input.is_err());
        // A list that is not there is the run's error, naming it.
        let missing = expand(&[], &[list, dir.path().join("missing.txt")]).unwrap_err();
        assert!(missing.to_string().contains("missing.txt"), "{missing}");
    }

    #[test]
    fn a_file_with_a_huge_line_is_not_a_list() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("zeros.txt");
        std::fs::write(&list, vec![0u8; MAX_LIST_LINE_BYTES + 10]).unwrap();
        let err = expand(&[], &[list]).unwrap_err();
        assert!(err.to_string().contains("not a list"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_link_loops_are_walked_once() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let outlet = dir.path().join("outlet");
        std::fs::create_dir_all(outlet.join("2024")).unwrap();
        std::fs::write(outlet.join("2024/a.html"), "x").unwrap();
        std::fs::write(outlet.join("b.txt"), "x").unwrap();
        // A link to the folder itself, a link to its parent, and a second
        // name for one file.
        symlink(&outlet, outlet.join("2024/again")).unwrap();
        symlink(dir.path(), outlet.join("up")).unwrap();
        symlink(outlet.join("b.txt"), outlet.join("c.txt")).unwrap();
        let items = resolve(outlet.to_str().unwrap());
        let names: Vec<&str> = items
            .iter()
            .map(|i| i.source.strip_prefix(outlet.to_str().unwrap()).unwrap())
            .collect();
        assert_eq!(names, ["/2024/a.html", "/b.txt"]);
    }
}
