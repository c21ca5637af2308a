//! `newskg extract` end to end: text files in, graph files out. Sentences in
//! `tests/fixtures/extract/` were written for these tests.

#[path = "support/require.rs"]
mod require;

use std::path::{Path, PathBuf};
use std::process::Command;

fn newskg(args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_newskg"))
        .args(args)
        .args(["--progress", "lines", "--no-cache"])
        .output()
        .expect("run newskg");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newskg-extract-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/extract")
        .join(name)
        .display()
        .to_string()
}

fn read_json(p: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
}

#[test]
fn builds_a_graph_with_typed_relations_and_evidence() {
    let out = tmp("ab.json");
    let (ok, err) = newskg(&[
        "extract",
        &fixture("a.txt"),
        &fixture("b.txt"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let g = read_json(&out);
    let ids: Vec<&str> = g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    for id in ["kt", "microsoft", "kt-cloud", "lg-cns"] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    let edges = g["edges"].as_array().unwrap();
    let has = |s: &str, kind: &str, t: &str| {
        edges
            .iter()
            .any(|e| e["source"] == s && e["kind"] == kind && e["target"] == t)
    };
    assert!(has("kt", "contract_with", "microsoft"), "{edges:#?}");
    assert!(has("kt-cloud", "subsidiary_of", "kt"), "{edges:#?}");
    for e in edges {
        let ev = &e["evidence"][0];
        assert!(!ev["sentence"].as_str().unwrap().is_empty());
        assert!(ev["url"].as_str().unwrap().starts_with("file://"));
    }
}

#[test]
fn merging_a_second_batch_equals_one_run() {
    let both = tmp("both.json");
    let first = tmp("first.json");
    let merged = tmp("merged.json");
    let (a, b) = (fixture("a.txt"), fixture("b.txt"));
    assert!(newskg(&["extract", &a, &b, "-o", both.to_str().unwrap()]).0);
    assert!(newskg(&["extract", &a, "-o", first.to_str().unwrap()]).0);
    let (ok, err) = newskg(&[
        "extract",
        &b,
        "--merge",
        first.to_str().unwrap(),
        "-o",
        merged.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert_eq!(read_json(&both), read_json(&merged));
}

#[test]
fn every_format_is_written_and_failures_do_not_abort() {
    for name in ["g.graphml", "g.gexf", "g.csv"] {
        let out = tmp(name);
        let (ok, err) = newskg(&[
            "extract",
            &fixture("a.txt"),
            "/nonexistent.html",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(!ok, "a failed input makes the exit status non-zero");
        assert!(err.contains("/nonexistent.html"), "{err}");
        let written = if name.ends_with(".csv") {
            tmp("g.nodes.csv")
        } else {
            out
        };
        assert!(
            std::fs::read_to_string(written)
                .unwrap()
                .contains("마이크로소프트")
        );
    }
    let (ok, err) = newskg(&[
        "extract",
        &fixture("a.txt"),
        "-o",
        tmp("g.txt").to_str().unwrap(),
    ]);
    assert!(!ok && err.contains("cannot tell the format"), "{err}");
}

#[test]
fn corpus_pages_make_one_graph_that_real_readers_accept() {
    let test = "corpus_pages_make_one_graph_that_real_readers_accept";
    let (Some(corpus), Some(check)) = (
        require::shared(test, "corpus/news-html"),
        require::shared(test, "tools/graphml/check.sh"),
    ) else {
        return;
    };
    let out = tmp("corpus.graphml");
    let (ok, err) = newskg(&[
        "extract",
        corpus.to_str().unwrap(),
        "--with-articles",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert!(err.contains("40 articles"), "{err}");
    let res = Command::new(check).arg(&out).output().unwrap();
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stdout)
    );
}

/// `--relations FILE` reaches every command that extracts facts: a predicate
/// no built-in pattern knows becomes a typed edge once a user file names it.
#[test]
fn user_relation_patterns_reach_extract_and_ingest() {
    let text = tmp("sponsor.txt");
    std::fs::write(
        &text,
        "삼성전자가 올해 한국축구협회를 후원했다.\n\n삼성전자는 이 행사를 매년 연다.\n",
    )
    .unwrap();
    let patterns = tmp("sponsor.toml");
    std::fs::write(
        &patterns,
        "[[predicate]]\nwords = [\"후원하다\"]\na = { roles = [\"subj\"], types = [\"ORG\"] }\n\
         b = { roles = [\"object\"], types = [\"ORG\"] }\nkind = \"invests_in\"\n",
    )
    .unwrap();
    let has_edge = |g: &serde_json::Value| {
        g["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["kind"] == "invests_in")
    };
    let plain = tmp("sponsor-plain.json");
    let (ok, err) = newskg(&[
        "extract",
        text.to_str().unwrap(),
        "-o",
        plain.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert!(
        !has_edge(&read_json(&plain)),
        "the built-in patterns do not know 후원하다"
    );
    let out = tmp("sponsor.json");
    let (ok, err) = newskg(&[
        "extract",
        "--relations",
        patterns.to_str().unwrap(),
        text.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert!(has_edge(&read_json(&out)), "{}", read_json(&out)["edges"]);
    let db = tmp("sponsor.db");
    let _ = std::fs::remove_file(&db);
    let (ok, err) = newskg(&[
        "ingest",
        "--db",
        db.to_str().unwrap(),
        "--relations",
        patterns.to_str().unwrap(),
        text.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let exported = tmp("sponsor-db.json");
    let export = Command::new(env!("CARGO_BIN_EXE_newskg"))
        .args(["export", "--db", db.to_str().unwrap(), "-o"])
        .arg(&exported)
        .output()
        .expect("run newskg");
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    assert!(
        has_edge(&read_json(&exported)),
        "{}",
        read_json(&exported)["edges"]
    );
    let bad = tmp("bad.toml");
    std::fs::write(
        &bad,
        "[[predicate]]\nwords = [\"x\"]\nkind = \"no_such_kind\"\n",
    )
    .unwrap();
    let (ok, err) = newskg(&[
        "extract",
        "--relations",
        bad.to_str().unwrap(),
        text.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(!ok && err.contains("bad.toml"), "{err}");
}

/// The edges of the graph `extract` makes of `body`, as "source kind target".
fn edges_of(name: &str, body: &str) -> Vec<String> {
    let text = tmp(&format!("{name}.txt"));
    std::fs::write(&text, body).unwrap();
    let out = tmp(&format!("{name}.json"));
    let (ok, err) = newskg(&[
        "extract",
        text.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    read_json(&out)["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| format!("{} {} {}", e["source"], e["kind"], e["target"]))
        .collect()
}

/// The company an article is about stays the subject a business article
/// leaves out: across a paragraph break, inside a quotation of its head,
/// and after a sentence about one of its products.
#[test]
fn the_company_an_article_is_about_is_the_subject_it_leaves_out() {
    let paragraph = edges_of(
        "company-paragraph",
        "카카오는 인공지능 서비스를 강화하고 있다. 카카오는 올해 새 조직도 꾸렸다.\n\n\
         해외 사업도 본격화한다. 이달 LG전자와 공급 계약을 체결했다.\n",
    );
    assert!(
        paragraph
            .iter()
            .any(|e| e.contains("kakao") && e.contains("contract_with") && e.contains("lg")),
        "{paragraph:?}"
    );
    let product = edges_of(
        "company-product",
        "삼성전자는 새 노트북 '갤럭시북5'를 출시했다. '갤럭시북5'는 가벼운 무게로 주목받았다. \
         'CES 2025'에선 LG전자와 함께 전시를 열었다.\n",
    );
    assert!(
        product
            .iter()
            .any(|e| e.contains("samsung") && e.contains("participates_in")),
        "{product:?}"
    );
    let quoted = edges_of(
        "company-quote",
        "김철수 카카오 대표는 \"지난해 네이버와 협력을 시작한 이후 공동 서비스를 운영하고 있다\"고 말했다.\n",
    );
    assert!(
        quoted
            .iter()
            .any(|e| e.contains("kakao") && e.contains("partner_of") && e.contains("naver")),
        "{quoted:?}"
    );
    assert!(
        !quoted
            .iter()
            .any(|e| e.contains("partner_of") && !e.contains("kakao")),
        "{quoted:?}"
    );
    // The last person named in a paragraph is not the next one's subject.
    let person = edges_of(
        "company-person",
        "네이버는 새 검색 서비스를 공개했다. 김철수 네이버 대표는 \"기대가 크다\"고 말했다.\n\n\
         지난달 카카오와 업무협약을 체결했다.\n",
    );
    assert!(
        !person
            .iter()
            .any(|e| e.contains("김철수") && e.contains("kakao")),
        "{person:?}"
    );
}

/// The reflexive `자사` stands for the topic, not for the organisation
/// named last: in `A는 B가 내놓은 X가 자사 브랜드 'Y'를 …`, Y is A's. Without
/// a topic in the sentence it takes the one carried from the sentence before.
#[test]
fn jasa_stands_for_the_topic_not_the_last_company_named() {
    let here = edges_of(
        "jasa-topic",
        "삼성전자는 LG전자가 내놓은 냉장고가 자사 브랜드 '비스포크' 디자인을 베꼈다며 소송을 냈다.\n",
    );
    let product = |e: &&String| e.contains("비스포크") && e.contains("product_of");
    assert!(
        here.iter().filter(product).any(|e| e.contains("samsung")),
        "{here:?}"
    );
    assert!(
        !here.iter().filter(product).any(|e| e.contains("lg")),
        "{here:?}"
    );
    let carried = edges_of(
        "jasa-carried",
        "네이버는 지난달 새 서비스를 내놨다. 그러나 카카오가 출시한 앱이 자사 브랜드 '클로바'와 비슷하다는 지적이 나왔다.\n",
    );
    let product = |e: &&String| e.contains("클로바") && e.contains("product_of");
    assert!(
        carried.iter().filter(product).any(|e| e.contains("naver")),
        "{carried:?}"
    );
    assert!(
        !carried.iter().filter(product).any(|e| e.contains("kakao")),
        "{carried:?}"
    );
}

/// A product named after another one and a word (`애저 센티넬` after
/// `애저`) in one sentence has the other one's maker.
#[test]
fn a_product_line_has_the_maker_of_its_brand() {
    let edges = edges_of(
        "brand-line",
        "한 은행은 MS의 클라우드 '애저'를 도입했다. 이어 '애저 센티넬', '애저 오픈AI' 등 애저 제품을 쓸 계획이다.\n",
    );
    for p in ["sentinel", "openai"] {
        assert!(
            edges
                .iter()
                .any(|e| e.contains(p) && e.contains("product_of") && e.contains("microsoft")),
            "{p}: {edges:?}"
        );
    }
}

/// `양사는` stands for the two organisations named before it: what a
/// predicate says of two coordinated organisations it says of them.
#[test]
fn the_two_companies_named_before_are_the_subject_of_yangsa() {
    let kinds = edges_of(
        "yangsa",
        "삼성전자는 지난해 매출이 크게 늘었다. 네이버도 이용자가 늘었다.\n\n\
         양사는 지난달 서울 본사에서 인공지능 공동 연구를 위한 업무협약을 체결한 바 있다.\n",
    );
    assert!(
        kinds
            .iter()
            .any(|k| k.contains("partner_of") && k.contains("samsung") && k.contains("naver")),
        "{kinds:?}"
    );
}

/// Once `양사` has stood for two companies, one organisation cited in
/// passing after them (a market researcher) does not become one of the two.
#[test]
fn yangsa_keeps_its_pair_past_an_organisation_cited_in_passing() {
    let edges = edges_of(
        "yangsa-pair",
        "삼성전자와 네이버가 인공지능 반도체를 함께 만든다. 양사는 공동 개발을 위한 업무협약을 맺었다. \
         시장조사업체 가트너의 보고서에 따르면 시장은 매년 커질 전망이다.\n\n\
         이에 양사는 신형 칩 '하이퍼원'을 공동 개발하기로 했다.\n",
    );
    assert!(
        !edges
            .iter()
            .any(|k| k.contains("gartner") || k.contains("가트너")),
        "{edges:?}"
    );
}

/// A sentence that leaves its subject out takes the topic of the sentence
/// before (`네이버는 …. 또 삼성전자와 계약을 체결했다`), within a paragraph
/// (or into one that opens with `또`) and while no other subject intervenes.
#[test]
fn a_left_out_subject_is_the_topic_of_the_sentence_before() {
    let related = |edges: &[String]| {
        edges
            .iter()
            .any(|k| k.contains("contract_with") && k.contains("samsung") && k.contains("naver"))
    };
    let edges = edges_of(
        "standin",
        "네이버는 지난해 매출이 크게 늘었다. 또 삼성전자와 인공지능 반도체 공급 계약을 체결했다.\n",
    );
    assert!(related(&edges), "{edges:?}");
    let edges = edges_of(
        "standin-paragraph",
        "네이버는 지난해 매출이 크게 늘었다.\n\n최근 삼성전자와 인공지능 반도체 공급 계약을 체결했다.\n",
    );
    assert!(!related(&edges), "{edges:?}");
    // A paragraph opening with an adverb that goes on (`또`, `이어`) keeps
    // the topic (broadcast scripts give each sentence its paragraph).
    let edges = edges_of(
        "standin-paragraph-also",
        "네이버는 지난해 매출이 크게 늘었다.\n\n또 삼성전자와 인공지능 반도체 공급 계약을 체결했다.\n",
    );
    assert!(related(&edges), "{edges:?}");
    let edges = edges_of(
        "standin-other",
        "네이버는 지난해 매출이 크게 늘었다. 업계 관계자는 이용자도 늘었다고 말했다. \
         또 삼성전자와 인공지능 반도체 공급 계약을 체결했다.\n",
    );
    assert!(!related(&edges), "{edges:?}");
}

/// `A와 B의 결혼식` names an event and still tells the pair are spouses;
/// a guest at the named wedding takes part in it.
#[test]
fn a_wedding_named_by_its_couple_is_an_event_and_a_marriage() {
    let here = edges_of(
        "wedding-pair",
        "가수 김민준과 배우 박서연의 결혼식이 지난 5일 서울 중구 신라호텔에서 열렸다. 결혼식에 참석한 배우 이도현은 두 사람을 축하했다.\n",
    );
    assert!(
        here.iter()
            .any(|e| e.contains("김민준") && e.contains("spouse_of") && e.contains("박서연")),
        "{here:?}"
    );
    assert!(
        here.iter()
            .any(|e| e.contains("이도현") && e.contains("participates_in") && e.contains("결혼식")),
        "{here:?}"
    );
}
