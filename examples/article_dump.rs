//! Prints the article extracted from saved pages as JSON (debugging aid),
//! or dumps whole directories as JSON lines so that two builds of the
//! extractor can be compared byte for byte.
//!
//! ```text
//! cargo run --example article_dump -- page.html [--generic]
//! cargo run --release --example article_dump -- --jsonl DIR_OR_FILE... > before.jsonl
//! ```
//!
//! With `--jsonl`, every `*.html` under the given directories (sorted by
//! path) gives one line with the file, the body source and the article (or
//! the error), for the built-in profiles and then for the generic path
//! alone (`--generic` keeps only the latter).
use std::path::{Path, PathBuf};

use newskg::article::{BodySource, Extractor, Profiles};
use newskg::fetch::RawPage;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let generic = args.iter().any(|a| a == "--generic");
    let jsonl = args.iter().any(|a| a == "--jsonl");
    let inputs: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    if jsonl {
        let mut files = Vec::new();
        for input in inputs {
            collect(Path::new(input), &mut files)?;
        }
        files.sort();
        let mut extractors = vec![("generic", Extractor::new(Profiles::none()))];
        if !generic {
            extractors.insert(0, ("profiles", Extractor::default()));
        }
        for (label, ex) in &extractors {
            for path in &files {
                let page = RawPage::from_file(path)?;
                let line = match ex.extract_with_source(&page) {
                    Ok((a, src)) => serde_json::json!({
                        "file": path.display().to_string(),
                        "extractor": label,
                        "source": source_name(src),
                        "article": a,
                    }),
                    Err(e) => serde_json::json!({
                        "file": path.display().to_string(),
                        "extractor": label,
                        "error": e.to_string(),
                    }),
                };
                println!("{line}");
            }
        }
        return Ok(());
    }
    let ex = if generic {
        Extractor::new(Profiles::none())
    } else {
        Extractor::default()
    };
    for path in inputs {
        let page = RawPage::from_file(Path::new(path))?;
        match ex.extract_with_source(&page) {
            Ok((a, src)) => println!("{src:?} {}", serde_json::to_string_pretty(&a)?),
            Err(e) => println!("error: {e}"),
        }
    }
    Ok(())
}

fn source_name(src: BodySource) -> String {
    match src {
        BodySource::Profile(i) => format!("profile {i}"),
        BodySource::Generic => "generic".to_string(),
    }
}

/// `path` itself when it is a file, else every `*.html` below it.
fn collect(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if !path.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    for entry in std::fs::read_dir(path)? {
        let p = entry?.path();
        if p.is_dir() {
            collect(&p, out)?;
        } else if p.extension().is_some_and(|e| e == "html" || e == "htm") {
            out.push(p);
        }
    }
    Ok(())
}
