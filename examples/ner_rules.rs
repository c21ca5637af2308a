//! Prints each mention of every input line with its type and the rule that
//! found it: `printf '…\n' | cargo run --release --example ner_rules`.
use std::io::BufRead;
fn main() {
    let x = newskg::entities::Extractor::new().unwrap();
    for line in std::io::stdin().lock().lines() {
        let line = line.unwrap();
        let ms = x.recognize(&line, None);
        let v: Vec<String> = ms
            .iter()
            .map(|m| format!("{}:{}[{}]", m.text, m.kind.as_str(), m.rule))
            .collect();
        println!("{}", v.join("  "));
    }
}
