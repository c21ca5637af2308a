//! Tokenizer throughput, newskg's analyser side by side with lindera 6.2's own
//! `Segmenter` over the same embedded dictionary and the same text, one core.
//!
//!     cargo bench --bench tokenize [-- [FILE] [--no-pos] [--only newskg|lindera]]
//!
//! Both sides read each token's part of speech, as every user of a tokenizer
//! does (`--no-pos` measures segmentation alone). lindera runs with the
//! dictionary's metadata as lindera ships ko-dic, left-space penalty on.
//!
//! Text: FILE if given, else the KLUE sentences in ../shared/corpus (when
//! present), else the bundled sample. Reports MB/s (UTF-8 input bytes) as the
//! best of several rounds, so a busy machine disturbs it less.

use std::borrow::Cow;
use std::time::{Duration, Instant};

use lindera::segmenter::Segmenter;
use lindera_dictionary::mode::Mode;
use lindera_dictionary::viterbi::Lattice;
use newskg::text::{Analyzer, Session, Token};

fn corpus_lines() -> (String, Vec<String>) {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let file = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with('-') && (*i == 0 || args[i - 1] != "--only"))
        .map(|(_, a)| a.clone());
    if let Some(path) = file {
        let text = std::fs::read_to_string(&path).expect("read the input file");
        return (path, text.lines().map(str::to_string).collect());
    }
    let re = "../shared/corpus/klue-re/klue-re-v1_train_heldout3247.jsonl";
    if let Ok(text) = std::fs::read_to_string(re) {
        let lines = text
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v["sentence"].as_str().map(str::to_string))
            .collect();
        return (re.to_string(), lines);
    }
    let sample = include_str!("../data/samples/kt-azure.txt");
    (
        "data/samples/kt-azure.txt (corpus absent)".into(),
        sample.lines().map(str::to_string).collect(),
    )
}

fn best_of(rounds: usize, mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut count = 0;
    for _ in 0..rounds {
        let t = Instant::now();
        count = f();
        best = best.min(t.elapsed());
    }
    (best, count)
}

fn main() {
    let (source, lines) = corpus_lines();
    let bytes: usize = lines.iter().map(|l| l.len()).sum();
    // Repeat small inputs so each round takes a measurable time.
    let repeat = if std::env::args().any(|a| a == "--only") {
        1
    } else {
        (8_000_000 / bytes.max(1)).max(1)
    };
    let total_mb = (bytes * repeat) as f64 / 1e6;
    println!(
        "text: {source}, {} lines, {:.2} MB × {repeat}",
        lines.len(),
        bytes as f64 / 1e6
    );

    let analyzer = Analyzer::new().expect("embedded dictionary");
    let mut session = Session::new(&analyzer);
    let with_pos = !std::env::args().any(|a| a == "--no-pos");
    let mut run_ours = || {
        let mut n = 0;
        for _ in 0..repeat {
            for line in &lines {
                let mut tokens: Vec<Token> = Vec::new();
                session.analyze(line, &mut tokens);
                // What every user of a tokenizer reads: the part of speech.
                if with_pos {
                    n += tokens
                        .iter()
                        .filter(|t| analyzer.pos(t.word) == "NNP")
                        .count();
                } else {
                    n += tokens.len();
                }
            }
        }
        n
    };
    let segmenter = Segmenter::new(Mode::Normal, analyzer.dictionary().clone(), None);
    let mut lattice = Lattice::default();
    let mut run_theirs = || {
        let mut n = 0;
        for _ in 0..repeat {
            for line in &lines {
                let mut tokens = segmenter
                    .segment_with_lattice(Cow::Borrowed(line.as_str()), &mut lattice)
                    .expect("lindera segment");
                if with_pos {
                    for t in tokens.iter_mut() {
                        n += usize::from(t.get_detail(0) == Some("NNP"));
                    }
                } else {
                    n += tokens.len();
                }
            }
        }
        n
    };
    // Rounds alternate between the two, so load from other processes falls
    // on both alike; the best round of each counts.
    let (mut ours, mut theirs) = (Duration::MAX, Duration::MAX);
    let (mut ours_tokens, mut theirs_tokens) = (0, 0);
    // `--only newskg|lindera` runs one side once (for instruction counts
    // under `valgrind --tool=callgrind`).
    let only = std::env::args().skip_while(|a| a != "--only").nth(1);
    let rounds = if only.is_some() { 1 } else { 7 };
    for _ in 0..rounds {
        if only.as_deref() != Some("lindera") {
            let (d, n) = best_of(1, &mut run_ours);
            ours = ours.min(d);
            ours_tokens = n;
        }
        if only.as_deref() != Some("newskg") {
            let (d, n) = best_of(1, &mut run_theirs);
            theirs = theirs.min(d);
            theirs_tokens = n;
        }
    }

    let rate = |d: Duration| total_mb / d.as_secs_f64();
    println!(
        "newskg analyser : {:7.2} MB/s  ({} tokens/NNPs)",
        rate(ours),
        ours_tokens
    );
    println!(
        "lindera Segmenter: {:7.2} MB/s  ({} tokens/NNPs)",
        rate(theirs),
        theirs_tokens
    );
    println!(
        "ratio newskg / lindera: {:.2} ({})",
        rate(ours) / rate(theirs),
        if with_pos {
            "tokens with their part of speech; --no-pos for segmentation alone"
        } else {
            "segmentation alone"
        }
    );
}
