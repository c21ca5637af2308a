//! Prints the article extracted from saved pages as JSON lines (debugging aid).
//!
//! ```text
//! cargo run --example article_dump -- page.html [--generic]
//! ```
use newskg::article::{Extractor, Profiles};
use newskg::fetch::RawPage;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let generic = args.iter().any(|a| a == "--generic");
    let ex = if generic {
        Extractor::new(Profiles::none())
    } else {
        Extractor::default()
    };
    for path in args.iter().filter(|a| !a.starts_with("--")) {
        let page = RawPage::from_file(std::path::Path::new(path))?;
        match ex.extract_with_source(&page) {
            Ok((a, src)) => println!("{src:?} {}", serde_json::to_string_pretty(&a)?),
            Err(e) => println!("error: {e}"),
        }
    }
    Ok(())
}
