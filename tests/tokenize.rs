//! `newskg tokenize` and the analyser behind it, on sentences written for
//! these tests. Segmentations are rendered one morpheme per line as
//! `surface/POS`; agreement with MeCab-ko itself on real news is measured by
//! `scripts/measure-segmentation.sh`, not here (it needs MeCab-ko installed).

use std::io::Write;
use std::process::{Command, Stdio};

use newskg::text::{Analyzer, UserDictionary};

fn render(analyzer: &Analyzer, text: &str) -> Vec<String> {
    analyzer
        .analyze(text)
        .iter()
        .map(|t| format!("{}/{}", t.surface, analyzer.pos(t.word)))
        .collect()
}

fn newskg(args: &[&str], stdin: &[u8]) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newskg"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newskg");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn whitespace_is_skipped_and_particles_attach() {
    let a = Analyzer::new().unwrap();
    // MeCab-ko connects across the space: 수 after a verb ending is the
    // bound noun NNB, which lindera's own lattice gets wrong.
    assert_eq!(
        render(&a, "회의에 들어갈 수 있다"),
        [
            "회의/NNG",
            "에/JKB",
            "들어갈/VV+ETM",
            "수/NNB",
            "있/VV",
            "다/EC"
        ]
    );
    // The person's name stays one NNP.
    assert!(render(&a, "신동빈 회장이 말했다").contains(&"신동빈/NNP".to_string()));
}

#[test]
fn offsets_point_into_the_text() {
    let a = Analyzer::new().unwrap();
    let text = "  KT가 마이크로소프트와 계약했다. ";
    let chars: Vec<char> = text.chars().collect();
    for t in a.analyze(text) {
        assert_eq!(&text[t.byte_start..t.byte_end], t.surface);
        let s: String = chars[t.start..t.end].iter().collect();
        assert_eq!(s, t.surface);
        assert!(!t.surface.trim().is_empty());
    }
}

#[test]
fn user_dictionary_words_become_single_tokens() {
    let plain = Analyzer::new().unwrap();
    assert!(!render(&plain, "KT클라우드는").contains(&"KT클라우드/NNP".to_string()));
    let mut user = UserDictionary::new();
    user.parse(include_str!("../data/user-dict/example.csv"), "example.csv")
        .unwrap();
    let a = Analyzer::new().unwrap().with_user_dictionary(user);
    assert_eq!(render(&a, "KT클라우드는"), ["KT클라우드/NNP", "는/JX"]);
    assert_eq!(
        render(&a, "마이크로소프트와"),
        ["마이크로소프트/NNP", "와/JKB"]
    );
    assert_eq!(render(&a, "LG CNS 출신"), ["LG CNS/NNP", "출신/NNG"]);
}

#[test]
fn cli_prints_mecab_format_with_eos_per_line() {
    let (code, out, _) = newskg(&["tokenize"], "KT가 계약했다.\n\n애저".as_bytes());
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "KT\tSL,*,*,*,*,*,*,*");
    assert_eq!(lines[1], "가\tJKS,*,F,가,*,*,*,*");
    assert_eq!(out.matches("EOS\n").count(), 3, "{out}");
}

#[test]
fn cli_json_has_character_offsets() {
    let (code, out, _) = newskg(&["tokenize", "--format", "json"], "김영섭 대표".as_bytes());
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
    let t = &v["tokens"][1];
    assert_eq!(t["surface"], "대표");
    assert_eq!(t["pos"], "NNG");
    assert_eq!((t["start"].as_u64(), t["end"].as_u64()), (Some(4), Some(6)));
    assert_eq!(t["byte_start"].as_u64(), Some(10));
}

#[test]
fn bad_input_gets_a_message_not_a_panic() {
    // Invalid UTF-8 on line 2: reported with its position, other lines analysed.
    let (code, out, err) = newskg(&["tokenize"], b"\xed\x95\x9c\n\xff\xfe bad\n\xea\xb0\x80\n");
    assert_eq!(code, 1);
    assert!(err.contains("<stdin>:2: invalid UTF-8"), "{err}");
    assert_eq!(out.matches("EOS").count(), 3);
    // NUL bytes and binary garbage that happens to be UTF-8 are just characters.
    let (code, out, _) = newskg(&["tokenize"], b"a\x00b\x01\x02 \x7f\n");
    assert_eq!(code, 0);
    assert!(out.ends_with("EOS\n"));
    // An empty input prints nothing; a missing file is named.
    let (code, out, _) = newskg(&["tokenize"], b"");
    assert_eq!((code, out.as_str()), (0, ""));
    let (code, _, err) = newskg(&["tokenize", "/nonexistent/file.txt"], b"");
    assert_eq!(code, 1);
    assert!(err.contains("/nonexistent/file.txt"), "{err}");
}

#[test]
fn a_ten_megabyte_line_is_analysed_in_bounded_pieces() {
    let a = Analyzer::new().unwrap();
    let sentence = "KT가 클라우드 계약을 체결했다. ";
    let line = sentence.repeat(10 * 1024 * 1024 / sentence.len());
    let tokens = a.analyze(&line);
    let per_sentence = a.analyze(sentence).len();
    // Every copy of the sentence is analysed; pieces are cut at spaces, so
    // the analysis of each copy is unchanged.
    assert_eq!(tokens.len(), per_sentence * (line.len() / sentence.len()));
    assert_eq!(tokens.last().unwrap().byte_end, line.trim_end().len());
}

#[test]
fn cli_reads_a_line_longer_than_its_buffer_in_pieces() {
    // Three times the piece size: one analysis, one EOS, offsets that run
    // on across pieces, after a byte-order mark as for a short line.
    let a = Analyzer::new().unwrap();
    let sentence = "KT가 클라우드 계약을 체결했다. ";
    let copies = 3 * (1 << 20) / sentence.len();
    let line = format!("\u{feff}{}\n짧은 줄이다.\n", sentence.repeat(copies));
    let per_sentence = a.analyze(sentence).len();
    let (code, out, err) = newskg(&["tokenize", "--format", "json"], line.as_bytes());
    assert_eq!(code, 0, "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    let tokens = lines[0]["tokens"].as_array().unwrap();
    assert_eq!(tokens.len(), per_sentence * copies);
    let body = sentence.repeat(copies);
    let mut last_end = 0;
    for t in tokens {
        let (start, end) = (
            t["byte_start"].as_u64().unwrap() as usize,
            t["byte_end"].as_u64().unwrap() as usize,
        );
        assert!(start >= last_end, "{t}");
        assert_eq!(&body[start..end], t["surface"].as_str().unwrap());
        last_end = end;
    }
    let chars = body.trim_end().chars().count() as u64;
    assert_eq!(tokens.last().unwrap()["end"].as_u64(), Some(chars));
    let (code, out, _) = newskg(&["tokenize"], line.as_bytes());
    assert_eq!(code, 0);
    assert_eq!(out.matches("EOS\n").count(), 2);
    assert_eq!(
        out.lines().count(),
        per_sentence * copies + 1 + 1 + a.analyze("짧은 줄이다.").len()
    );
}

#[test]
fn a_line_too_long_for_ner_is_reported_and_answered_empty() {
    let line = format!("{}\n김영섭 KT 대표가 말했다.\n", "가".repeat(2 << 20));
    let (code, out, err) = newskg(&["ner"], line.as_bytes());
    assert_eq!(code, 1);
    assert!(err.contains("<stdin>:1: line longer than"), "{err}");
    let answers: Vec<&str> = out.lines().collect();
    assert_eq!(answers.len(), 2);
    assert_eq!(answers[0], r#"{"entities":[]}"#);
    assert!(answers[1].contains("KT"), "{}", answers[1]);
}
