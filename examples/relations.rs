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

use newskg::relations::{Arg, ArgKind, RelationClassifier};
use newskg::text::Analyzer;

fn main() -> anyhow::Result<()> {
    let analyzer = Analyzer::new()?;
    let classifier = RelationClassifier::new(&analyzer);
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let mut plain = String::new();
        let mut args = Vec::new();
        let mut n = 0;
        let mut it = line.chars().peekable();
        while let Some(c) = it.next() {
            if c == '[' {
                let mut look = it.clone();
                if let (Some(k), Some(':')) = (look.next(), look.next())
                    && "PODLEWTMX".contains(k)
                {
                    it = look;
                    let start = n;
                    for d in it.by_ref() {
                        if d == ']' {
                            break;
                        }
                        plain.push(d);
                        n += 1;
                    }
                    let kind = match k {
                        'P' => ArgKind::Person,
                        'O' => ArgKind::Org,
                        'D' => ArgKind::Product,
                        'L' => ArgKind::Location,
                        'E' => ArgKind::Event,
                        'W' => ArgKind::Work,
                        'T' => ArgKind::Date,
                        'M' => ArgKind::Money,
                        _ => ArgKind::Other,
                    };
                    args.push(Arg::new(start, n, kind));
                    continue;
                }
            }
            plain.push(c);
            n += 1;
        }
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
