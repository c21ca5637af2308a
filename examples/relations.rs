//! Prints, for each input line with marked arguments, the clause analysis
//! and the relation (typed or open) of every pair: the relation stage as
//! the pipeline runs it on one sentence.
//!
//! ```sh
//! echo "[P:김영섭] [O:KT] 대표는 [O:MS]와 계약을 체결했다." | cargo run --release --example relations
//! ```
//!
//! Markers: `[X:text]` with X one of P (person), O (org), D (product), L
//! (location), E (event), W (work), T (date), M (money), X (other).

use std::io::BufRead;

use newskg::relations::{Arg, RelationClassifier, parse_marked};
use newskg::text::Analyzer;

fn main() -> anyhow::Result<()> {
    let analyzer = Analyzer::new()?;
    let classifier = RelationClassifier::new(&analyzer);
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let (plain, args) = parse_marked(&line);
        let tokens = analyzer.analyze(&plain);
        let s = classifier.sentence(&plain, &tokens, &args);
        println!("{plain}\n{}", s.clauses());
        let text = |a: &Arg| {
            plain
                .chars()
                .skip(a.start)
                .take(a.end - a.start)
                .collect::<String>()
        };
        for i in 0..args.len() {
            for j in i + 1..args.len() {
                let r = s.classify(i, j).or_else(|| s.open(i, j));
                if let Some(r) = r {
                    let (a, b) = match r.source {
                        newskg::relations::Which::A => (&args[i], &args[j]),
                        newskg::relations::Which::B => (&args[j], &args[i]),
                    };
                    let extra = r.predicate.clone().or(r.role.clone()).unwrap_or_default();
                    println!("  {} -{}-> {} {extra}", text(a), r.kind, text(b));
                }
            }
        }
    }
    Ok(())
}
