//! `newskg relate` line mode (the evaluation interface), and the classifier
//! on KLUE-RE when `../shared/corpus` is present (skipped otherwise).

#[path = "support/require.rs"]
mod require;

use std::io::Write;
use std::process::{Command, Stdio};

use newskg::relations::{Arg, ArgKind, RelationClassifier, Which};
use newskg::text::Analyzer;

fn relate(stdin: &str) -> (i32, Vec<serde_json::Value>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newskg"))
        .arg("relate")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newskg");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.as_bytes().to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each answer is JSON"))
        .collect();
    (
        out.status.code().unwrap_or(-1),
        lines,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn answers_one_line_per_input_line() {
    let input = concat!(
        r#"{"sentence": "김영섭 KT 대표는 말했다.", "subject": {"start": 0, "end": 3, "type": "PER"}, "object": {"start": 4, "end": 6, "type": "ORG"}}"#,
        "\n",
        r#"{"sentence": "김영섭 KT 대표는 말했다.", "subject": {"start": 4, "end": 6, "type": "ORG"}, "object": {"start": 0, "end": 3, "type": "PERSON"}}"#,
        "\n",
        r#"{"sentence": "KT와 MS의 주가가 올랐다.", "subject": {"start": 0, "end": 2, "type": "ORG"}, "object": {"start": 4, "end": 6, "type": "ORG"}}"#,
        "\n",
    );
    let (code, lines, stderr) = relate(input);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0]["kind"], "ceo_of");
    assert_eq!(lines[0]["source"], "subject");
    assert_eq!(lines[0]["role"], "대표");
    assert_eq!(lines[1]["kind"], "ceo_of");
    assert_eq!(lines[1]["source"], "object");
    assert!(lines[2]["kind"].is_null());
}

#[test]
fn a_persons_membership_is_answered_as_klues_person_in_organisation() {
    // "정민당 이서준 의원은 …": `member_of` in the graph, KLUE's
    // `org:top_members/employees` / `per:employee_of` pair in the answer.
    let input = concat!(
        r#"{"sentence": "정민당 이서준 의원은 법안을 발의했다.", "subject": {"start": 0, "end": 3, "type": "ORG"}, "object": {"start": 4, "end": 7, "type": "PER"}}"#,
        "\n",
        r#"{"sentence": "정민당 이서준 의원은 법안을 발의했다.", "args": [{"start": 0, "end": 3, "type": "ORG"}, {"start": 4, "end": 7, "type": "PER"}]}"#,
        "\n",
    );
    let (code, lines, stderr) = relate(input);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(lines[0]["kind"], "employee_of");
    assert_eq!(lines[0]["source"], "object");
    assert_eq!(lines[0]["role"], "의원");
    assert_eq!(lines[1]["relations"][0]["kind"], "member_of");
}

#[test]
fn a_name_in_parentheses_stands_for_the_name_before_it() {
    // "누리걸스 멤버 하람(김하람·24)": the real name's relation to the group
    // is the stage name's; the two names themselves are aliases.
    let s = "그룹 누리걸스 멤버 하람(김하람·24)이 무대에 올랐다.";
    let line = |a: (usize, usize, &str), b: (usize, usize, &str)| {
        format!(
            r#"{{"sentence": "{s}", "subject": {{"start": {}, "end": {}, "type": "{}"}}, "object": {{"start": {}, "end": {}, "type": "{}"}}}}"#,
            a.0, a.1, a.2, b.0, b.1, b.2
        ) + "\n"
    };
    let input = line((14, 17, "PER"), (3, 7, "ORG")) + &line((14, 17, "PER"), (11, 13, "PER"));
    let (code, lines, stderr) = relate(&input);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(lines[0]["kind"], "employee_of", "{:?}", lines[0]);
    assert_eq!(lines[0]["source"], "subject");
    assert_eq!(lines[1]["kind"], "alias_of", "{:?}", lines[1]);
}

#[test]
fn bad_lines_are_reported_not_fatal() {
    let input = concat!(
        "not json\n",
        r#"{"sentence": "짧다", "subject": {"start": 0, "end": 9, "type": "PER"}, "object": {"start": 0, "end": 1, "type": "ORG"}}"#,
        "\n",
        r#"{"sentence": "KT클라우드는 KT의 자회사다.", "subject": {"start": 0, "end": 6, "type": "ORG"}, "object": {"start": 8, "end": 10, "type": "ORG"}}"#,
        "\n",
    );
    let (code, lines, stderr) = relate(input);
    assert_eq!(code, 1);
    assert_eq!(lines.len(), 3);
    assert!(lines[0]["kind"].is_null() && lines[0]["error"].is_string());
    assert!(lines[1]["kind"].is_null() && lines[1]["error"].is_string());
    assert_eq!(lines[2]["kind"], "subsidiary_of");
    assert_eq!(lines[2]["source"], "subject");
    assert!(
        stderr.contains("<stdin>:1:") && stderr.contains("<stdin>:2:"),
        "{stderr}"
    );
}

/// KLUE-RE's label for an answer (the table of `../shared/tools/klue_re.py`).
fn to_klue(kind: &str, subject_is_source: bool, subj_type: &str) -> &'static str {
    let s = subject_is_source;
    match kind {
        "ceo_of" | "former_ceo_of" | "employee_of" | "former_employee_of" | "leads" => {
            if s {
                "per:employee_of"
            } else {
                "org:top_members/employees"
            }
        }
        "subsidiary_of" | "member_of" => {
            if s {
                "org:member_of"
            } else {
                "org:members"
            }
        }
        "product_of" if !s && subj_type == "ORG" => "org:product",
        "alias_of" if subj_type == "ORG" => "org:alternate_names",
        "alias_of" => "per:alternate_names",
        "headquartered_in" if s && subj_type == "ORG" => "org:place_of_headquarters",
        "founded_by" if s => "org:founded_by",
        "founded_on" if s => "org:founded",
        "has_title" if s => "per:title",
        _ => "no_relation",
    }
}

/// Precision where the classifier answers, on KLUE-RE (the issue's target
/// is ≥ 0.80). Run `scripts/measure-relations.sh` for the full report.
#[test]
fn klue_re_precision_where_answered() {
    let Some(dir) = require::shared("klue_re_precision_where_answered", "corpus/klue-re") else {
        return;
    };
    let gold = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .expect("a .jsonl file in ../shared/corpus/klue-re");
    let analyzer = Analyzer::new().unwrap();
    let classifier = RelationClassifier::new(&analyzer);
    let (mut answered, mut right) = (0usize, 0usize);
    for line in std::fs::read_to_string(&gold).unwrap().lines() {
        let d: serde_json::Value = serde_json::from_str(line).unwrap();
        let sentence = d["sentence"].as_str().unwrap();
        let arg = |e: &serde_json::Value| {
            Arg::new(
                e["start_idx"].as_u64().unwrap() as usize,
                e["end_idx"].as_u64().unwrap() as usize + 1,
                ArgKind::from_type_name(e["type"].as_str().unwrap()),
            )
        };
        let (subj, obj) = (&d["subject_entity"], &d["object_entity"]);
        let tokens = analyzer.analyze(sentence);
        if let Some(r) = classifier.classify(sentence, &tokens, arg(subj), arg(obj)) {
            let label = to_klue(
                r.kind.as_str(),
                r.source == Which::A,
                subj["type"].as_str().unwrap(),
            );
            if label != "no_relation" {
                answered += 1;
                right += usize::from(label == d["label"].as_str().unwrap());
            }
        }
    }
    let precision = right as f64 / answered.max(1) as f64;
    eprintln!("KLUE-RE: {right}/{answered} answered correctly (precision {precision:.3})");
    assert!(answered > 300, "too few answers: {answered}");
    assert!(precision >= 0.80, "precision {precision:.3} < 0.80");
}
