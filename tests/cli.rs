//! `newskg article` end to end on the hand-written fixtures: one JSON object
//! per line on stdout in input order, failures on stderr naming the input,
//! a summary, and the exit status (0 all ok, 1 some failed, 2 unusable
//! command line).

use std::path::Path;
use std::process::Command;

use newskg::article::Article;

fn newskg() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newskg"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// A directory holding a few of the fixtures (the test does not change
/// when fixtures are added).
fn fixture_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for name in [
        "a_cms.html",
        "b_generic.html",
        "c_not_article.html",
        "d_plain.txt",
    ] {
        let source = match name {
            "a_cms.html" => "cms_article.html",
            "b_generic.html" => "generic_article.html",
            "c_not_article.html" => "not_article.html",
            _ => "plain_article.txt",
        };
        std::fs::copy(fixtures.join(source), dir.path().join(name)).unwrap();
    }
    std::fs::write(dir.path().join("notes.md"), "not an input").unwrap();
    dir
}

#[test]
fn directory_of_fixtures() {
    let dir = fixture_dir();
    let failures = dir.path().join("failures.jsonl");
    let out = newskg()
        .args(["article", "--no-cache", "--progress", "lines"])
        .arg(dir.path())
        .arg("--failures")
        .arg(&failures)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let articles: Vec<Article> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let titles: Vec<Option<&str>> = articles.iter().map(|a| a.title.as_deref()).collect();
    assert_eq!(
        titles,
        vec![
            Some("한빛전자, 서해안에 데이터센터 짓는다"),
            Some("도심 공원에 '빗물 정원' 생긴다"),
            None, // d_plain.txt: no metadata
        ]
    );
    assert!(
        stderr.contains("c_not_article.html") && stderr.contains("not an article"),
        "{stderr}"
    );
    assert!(
        stderr.contains("4 inputs, 3 articles, 1 failed"),
        "{stderr}"
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed item makes the exit status 1"
    );
}

#[test]
fn url_list_with_comments_and_bad_entries() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("inputs.txt");
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cms_article.html");
    std::fs::write(
        &list,
        format!(
            "# saved pages\n\n{}\nnot a url or file\n",
            fixture.display()
        ),
    )
    .unwrap();
    let out = newskg()
        .args(["article", "--no-cache", "--progress", "lines", "--urls"])
        .arg(&list)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 1);
    let a: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    for key in [
        "url",
        "canonical_url",
        "title",
        "published",
        "modified",
        "authors",
        "publisher",
        "language",
        "paragraphs",
        "text",
    ] {
        assert!(a.get(key).is_some(), "output has {key}");
    }
    assert_eq!(a["published"], "2024-07-18T09:30:00+09:00");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("not a url or file: no such file"),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn all_good_exits_zero_and_no_input_exits_two() {
    let out = newskg()
        .args(["article", "tests/fixtures/plain_article.txt", "--no-cache"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let out = newskg().args(["article", "--no-cache"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn bad_profile_file_is_a_command_line_error() {
    let dir = tempfile::tempdir().unwrap();
    let sites = dir.path().join("sites.toml");
    std::fs::write(&sites, "[[site]]\nname = \"broken\"\ndetect = [\"div[\"]\n").unwrap();
    let out = newskg()
        .args(["article", "tests/fixtures", "--no-cache", "--sites"])
        .arg(&sites)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken"));
}

#[test]
fn dash_reads_a_list_from_stdin() {
    use std::io::Write;
    use std::process::Stdio;
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/generic_article.html");
    let mut child = newskg()
        .args(["article", "-", "--no-cache", "--progress", "lines"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    write!(
        child.stdin.take().unwrap(),
        "# from a pipe\n{}\n\n",
        fixture.display()
    )
    .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let a: Article = serde_json::from_slice(out.stdout.trim_ascii()).unwrap();
    assert_eq!(a.publisher.as_deref(), Some("마을소식"));
}

#[test]
fn broadcast_structure_is_read_out_of_the_body_and_extensible() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("script.txt");
    std::fs::write(
        &page,
        "[앵커]\n한빛전자가 오늘 평택에 새 공장을 열었습니다.\n정다은 기자입니다.\n\
         [김영호/한빛마트 대리 : \"손님이 늘었습니다.\"]\n영상편집 : 오세진\n\
         다시보기는 한빛 앱에서\n",
    )
    .unwrap();
    let words = dir.path().join("mine.toml");
    std::fs::write(&words, "[footer]\ncues = [\"다시보기는\"]\n").unwrap();
    let run = |extra: &[&Path]| {
        let out = newskg()
            .args(["article", "--no-cache", "--progress", "lines"])
            .args(extra.iter().flat_map(|p| [Path::new("--structure"), p]))
            .arg(&page)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (code, stdout, _) = run(&[]);
    assert_eq!(code, Some(0));
    let a: Article = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(
        a.paragraphs,
        vec![
            "한빛전자가 오늘 평택에 새 공장을 열었습니다.",
            "\"손님이 늘었습니다.\"",
            "다시보기는 한빛 앱에서"
        ]
    );
    assert_eq!(a.authors, vec!["정다은"]);
    assert_eq!(
        (a.credits[0].role.as_str(), a.credits[0].name.as_str()),
        ("영상편집", "오세진")
    );
    assert_eq!(a.captions[0].name, "김영호");
    assert_eq!(a.captions[0].description.as_deref(), Some("한빛마트 대리"));

    let (code, stdout, _) = run(&[&words]);
    assert_eq!(code, Some(0));
    let a: Article = serde_json::from_str(stdout.trim()).unwrap();
    assert_eq!(a.paragraphs.len(), 2, "{:?}", a.paragraphs);

    let (code, _, stderr) = run(&[&dir.path().join("missing.toml")]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("missing.toml"), "{stderr}");
}
