//! Prints the clause analysis (`newskg::text::Clauses`) of each input line:
//! one line per predicate with its arguments, then the phrases no predicate
//! took. Atoms (entity mentions) may be marked `[text]`.
//!
//! ```sh
//! echo "[KT]는 [MS]와 계약을 체결했다고 밝혔다." | cargo run --release --example clauses
//! ```

use std::io::BufRead;

use newskg::text::sentences::split_sentences;
use newskg::text::{Analyzer, Atom, Clauses};

fn main() -> anyhow::Result<()> {
    let analyzer = Analyzer::new()?;
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let mut plain = String::new();
        let mut atoms = Vec::new();
        let (mut n, mut open) = (0, None);
        for c in line.chars() {
            match c {
                '[' => open = Some(n),
                ']' if open.is_some() => {
                    atoms.push(Atom {
                        start: open.take().unwrap_or(n),
                        end: n,
                        class: 0,
                    });
                }
                _ => {
                    plain.push(c);
                    n += 1;
                }
            }
        }
        if atoms.is_empty() {
            // Unmarked text: sentence by sentence.
            for s in split_sentences(&plain) {
                let tokens = analyzer.analyze(s.text);
                let c = Clauses::analyze(s.text, &tokens, &analyzer, &[]);
                println!("{}\n{c}", s.text);
            }
            continue;
        }
        let tokens = analyzer.analyze(&plain);
        let c = Clauses::analyze(&plain, &tokens, &analyzer, &atoms);
        println!("{plain}\n{c}");
    }
    Ok(())
}
