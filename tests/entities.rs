//! Entity extraction end to end: the behaviours issue 4 asks for, on
//! sentences written for these tests (`tests/fixtures/cloud-deal.txt` is a
//! made-up article in the style of Korean tech news), plus the seed article
//! and KLUE-NER from `../shared/corpus` when that folder exists.

#[path = "support/require.rs"]
mod require;

use std::sync::LazyLock;

use newskg::entities::{ArticleEntities, Date, EntityType, Extractor, Value};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new().unwrap());

fn article(text: &str, published: &str) -> ArticleEntities {
    EXTRACTOR.extract(text, Some(Date::parse(published).unwrap()))
}

fn fixture() -> ArticleEntities {
    let text = include_str!("fixtures/cloud-deal.txt");
    article(text, "2024-09-20")
}

fn entity<'a>(a: &'a ArticleEntities, id: &str) -> &'a newskg::entities::Entity {
    a.entities
        .iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no entity {id} in {:#?}", ids(a)))
}

fn ids(a: &ArticleEntities) -> Vec<String> {
    a.entities
        .iter()
        .map(|e| format!("{} {} {}", e.kind.as_str(), e.id, e.label_ko))
        .collect()
}

fn texts(text: &str) -> Vec<(String, EntityType)> {
    EXTRACTOR
        .recognize(text, None)
        .into_iter()
        .map(|m| (m.text, m.kind))
        .collect()
}

#[test]
fn particles_never_stick_to_names() {
    let found = texts("KT클라우드는 MS와 손잡았고 김영섭호 KT가 앞장섰다.");
    assert!(
        found.contains(&("KT클라우드".into(), EntityType::Org)),
        "{found:?}"
    );
    assert!(found.contains(&("MS".into(), EntityType::Org)), "{found:?}");
    assert!(
        found.contains(&("김영섭".into(), EntityType::Person)),
        "{found:?}"
    );
    assert!(found.contains(&("KT".into(), EntityType::Org)), "{found:?}");
    for (t, _) in &found {
        assert!(!["KT클라우드는", "MS와", "김영섭호", "KT가"].contains(&t.as_str()));
    }
}

#[test]
fn split_names_are_joined() {
    let found = texts("LG CNS와 KT DS, 마이크로소프트, 아마존웹서비스가 애저 오픈AI를 쓴다.");
    for name in [
        "LG CNS",
        "KT DS",
        "마이크로소프트",
        "아마존웹서비스",
        "애저 오픈AI",
    ] {
        assert!(found.iter().any(|(t, _)| t == name), "{name}: {found:?}");
    }
}

#[test]
fn aliases_merge_into_one_entity() {
    let a = fixture();
    let ms = entity(&a, "microsoft");
    assert_eq!(ms.label_en, "Microsoft");
    assert!(ms.mentions.iter().any(|m| m.text == "MS"));
    assert!(ms.mentions.iter().any(|m| m.text == "마이크로소프트"));
    let aws = entity(&a, "aws");
    assert_eq!(aws.mentions.len(), 2, "{aws:?}");
    // The same ids in another article: one node per real entity.
    let b = article(
        "MS가 AWS를 앞섰다. 아마존웹서비스는 반박했다.",
        "2024-09-21",
    );
    assert_eq!(entity(&b, "microsoft").mentions.len(), 1);
    assert_eq!(entity(&b, "aws").mentions.len(), 2);
}

#[test]
fn parenthetical_definition_of_an_unknown_name() {
    let a = article(
        "프랑크푸르터알게마이네차이퉁(FAZ)은 보도했다. FAZ는 독일 일간지다.",
        "2024-01-02",
    );
    let e = a
        .entities
        .iter()
        .find(|e| e.aliases.iter().any(|x| x == "FAZ"))
        .unwrap_or_else(|| panic!("{:#?}", ids(&a)));
    assert_eq!(e.label_ko, "프랑크푸르터알게마이네차이퉁");
    assert_eq!(e.label_en, "FAZ");
}

#[test]
fn person_short_forms_resolve_and_roles_are_kept() {
    let a = fixture();
    let hwang = entity(&a, "hwang-hyun-sik");
    assert_eq!(hwang.label_en, "Hwang Hyun-sik");
    assert!(hwang.roles.contains(&"대표".to_string()), "{hwang:?}");
    assert!(hwang.mentions.iter().any(|m| m.text == "황"), "{hwang:?}");
    let kim = a
        .entities
        .iter()
        .find(|e| e.label_ko == "김태호")
        .unwrap_or_else(|| panic!("{:#?}", ids(&a)));
    assert_eq!(kim.id, "person:김태호");
    assert_eq!(kim.label_en, "Kim Tae-ho");
    assert!(kim.roles.iter().any(|r| r.starts_with("전 ")), "{kim:?}");
    assert_eq!(kim.mentions.len(), 2, "{kim:?}");
}

#[test]
fn reporters_navigation_and_generic_words_are_not_entities() {
    let a = fixture();
    assert_eq!(a.reporters, vec!["박지민".to_string()]);
    for e in &a.entities {
        for junk in [
            "박지민",
            "업계",
            "관계자",
            "클라우드",
            "테크데일리",
            "CSP",
            "뉴스",
        ] {
            assert_ne!(e.label_ko, junk, "junk entity {e:?}");
        }
    }
}

#[test]
fn money_is_normalised() {
    let a = fixture();
    let amounts: Vec<(f64, &str, bool)> = a
        .entities
        .iter()
        .filter_map(|e| match &e.value {
            Some(Value::Money(m)) => Some((m.amount, m.currency, m.approximate)),
            _ => None,
        })
        .collect();
    assert!(
        amounts.contains(&(350_000_000.0, "USD", false)),
        "{amounts:?}"
    );
    assert!(
        amounts.contains(&(480_000_000_000.0, "KRW", true)),
        "{amounts:?}"
    );
    assert!(
        amounts.contains(&(96_000_000_000.0, "KRW", true)),
        "{amounts:?}"
    );
}

#[test]
fn dates_resolve_against_publication() {
    let a = fixture();
    let dates: Vec<&str> = a
        .entities
        .iter()
        .filter_map(|e| match &e.value {
            Some(Value::Date { date }) => Some(date.as_str()),
            _ => None,
        })
        .collect();
    for d in ["2024-09-20", "2024-08-14", "2023-11", "2024-03", "2021-04"] {
        assert!(dates.contains(&d), "{d}: {dates:?}");
    }
}

#[test]
fn english_labels_by_romanization() {
    let a = article("오픈컨설팅과 한빛소프트웨어가 협약을 맺었다.", "2024-01-01");
    let e = entity(&a, "open-consulting");
    assert_eq!(e.label_en, "Open Consulting");
    let p = article("권하영 대표가 말했다.", "2024-01-01");
    assert_eq!(entity(&p, "person:권하영").label_en, "Kwon Ha-yeong");
}

#[test]
fn spans_point_into_the_text_and_never_overlap() {
    let text = include_str!("fixtures/cloud-deal.txt");
    let ms = EXTRACTOR.recognize(text, None);
    let chars: Vec<char> = text.chars().collect();
    let mut last_end = 0;
    for m in &ms {
        assert_eq!(&text[m.byte_start..m.byte_end], m.text);
        assert_eq!(chars[m.start..m.end].iter().collect::<String>(), m.text);
        assert!(m.start >= last_end, "overlap at {m:?}");
        last_end = m.end;
    }
}

#[test]
fn never_panics_on_odd_input() {
    for t in [
        "",
        " ",
        "(",
        "()",
        "[기자]",
        "약",
        "1억",
        "억원",
        "지난",
        "A씨",
        "김",
        "\u{feff}KT",
        "ㄱㄴㄷ 🙂 \u{0}",
        "(((MS)))",
        "1,2,3,4,5,6,7,8,9,0억만조원",
    ] {
        let _ = EXTRACTOR.extract(t, None);
        let _ = EXTRACTOR.recognize(t, Some(Date::parse("2024-01-31").unwrap()));
    }
}

/// The seed article, when `../shared/corpus` is there.
#[test]
fn seed_article() {
    let Some(path) = require::shared("seed_article", "corpus/seed/ddaily-kt-azure.txt") else {
        return;
    };
    let text = std::fs::read_to_string(path).unwrap();
    let a = article(&text, "2024-07-18");
    for id in [
        "kt",
        "kt-cloud",
        "microsoft",
        "lg-cns",
        "kt-ds",
        "aws",
        "kim-young-shub",
        "koo-hyun-mo",
        "person:윤동식",
        "person:최지웅",
        "satya-nadella",
        "azure",
        "azure-virtual-desktop",
        "azure-openai",
        "azure-databricks",
        "microsoft-sentinel",
        "open-consulting",
    ] {
        entity(&a, id);
    }
    assert_eq!(entity(&a, "microsoft").label_en, "Microsoft");
    assert!(
        entity(&a, "koo-hyun-mo")
            .roles
            .contains(&"전 대표".to_string())
    );
    let money: Vec<(f64, &str)> = a
        .entities
        .iter()
        .filter_map(|e| match &e.value {
            Some(Value::Money(m)) => Some((m.amount, m.currency)),
            _ => None,
        })
        .collect();
    assert!(money.contains(&(120_000_000.0, "USD")), "{money:?}");
    assert!(money.contains(&(165_800_000_000.0, "KRW")), "{money:?}");
    assert!(money.contains(&(32_000_000_000.0, "KRW")), "{money:?}");
    for e in &a.entities {
        assert!(
            ![
                "업계",
                "관계자",
                "권하영",
                "디지털데일리",
                "클라우드",
                "이사회",
                "CSP",
                "MSP"
            ]
            .contains(&e.label_ko.as_str()),
            "junk entity {} {}",
            e.kind.as_str(),
            e.label_ko
        );
    }
    assert_eq!(a.reporters, vec!["권하영".to_string()]);
}

/// Random mixtures of the characters the rules care about never panic and
/// always give spans that are inside the text and on char boundaries.
#[test]
fn never_panics_on_random_input() {
    let pool: Vec<char> =
        "김이박 씨모전(){}[]‘’\"'·,.-~∼%1234567890억만원달러년월일시분 KTMSA애저클라우드\n\t🙂ㄱ"
            .chars()
            .collect();
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    for _ in 0..300 {
        let len = (state % 40) as usize;
        let text: String = (0..len)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                pool[(state % pool.len() as u64) as usize]
            })
            .collect();
        for m in EXTRACTOR.recognize(&text, Some(Date::parse("2024-02-29").unwrap())) {
            assert_eq!(&text[m.byte_start..m.byte_end], m.text, "{text:?}");
        }
        let _ = EXTRACTOR.extract(&text, None);
    }
}

#[test]
fn user_gazetteer_adds_names_without_recompiling() {
    let mut g = newskg::entities::Gazetteer::embedded().unwrap();
    g.parse(
        "hanbit-soft\tORG\t한빛소프트웨어\tHanbit Software\tHBS|한빛SW\n",
        "user.tsv",
    )
    .unwrap();
    let x = Extractor::with_gazetteer(g).unwrap();
    let a = x.extract("한빛소프트웨어(HBS)가 한빛SW 브랜드를 알렸다.", None);
    let e = entity(&a, "hanbit-soft");
    assert_eq!(e.label_en, "Hanbit Software");
    assert_eq!(e.mentions.len(), 3, "{e:?}");
}

/// `newskg ner ARGS` with `input` on its standard input: its output lines.
fn ner_lines(args: &[&str], input: &str) -> Vec<serde_json::Value> {
    use std::io::Write as _;
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_newskg"))
        .arg("ner")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn cli_ner_line_mode_and_entities_json() {
    use std::process::Command;
    let bin = env!("CARGO_BIN_EXE_newskg");
    let lines = ner_lines(&[], "KT가 MS와 계약했다.\n\n김영섭 대표는 18일 말했다.\n");
    assert_eq!(lines.len(), 3, "one output line per input line");
    assert_eq!(lines[1]["entities"].as_array().unwrap().len(), 0);
    let first = &lines[0]["entities"][0];
    assert_eq!(first["text"], "KT");
    assert_eq!(
        (first["start"].as_u64(), first["end"].as_u64()),
        (Some(0), Some(2))
    );
    assert_eq!(first["type"], "ORG");
    assert_eq!(first["id"], "kt");
    // `--klue`: places side by side are one span, as KLUE-NER marks them.
    let klue = &ner_lines(&["--klue"], "그는 미국 뉴욕 맨해튼에서 살았다.\n")[0];
    assert_eq!(klue["entities"][0]["text"], "미국 뉴욕 맨해튼", "{klue}");

    let dir = std::env::temp_dir().join(format!("newskg-entities-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("a.txt");
    std::fs::write(
        &file,
        "KT는 18일 마이크로소프트(MS)와 1억2000만달러 계약을 맺었다.\n",
    )
    .unwrap();
    let out = Command::new(bin)
        .args(["entities", "--published", "2024-07-18"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ents = v["entities"].as_array().unwrap();
    let ms = ents.iter().find(|e| e["id"] == "microsoft").unwrap();
    assert_eq!(ms["label_en"], "Microsoft");
    assert_eq!(ms["mentions"].as_array().unwrap().len(), 2);
    let money = ents.iter().find(|e| e["type"] == "MONEY").unwrap();
    assert_eq!(money["value"]["amount"], 120_000_000);
    assert_eq!(money["value"]["currency"], "USD");
    let date = ents.iter().find(|e| e["type"] == "DATE").unwrap();
    assert_eq!(date["value"]["date"], "2024-07-18");
    // A missing file is reported and the exit code says so, the rest still runs.
    let out = Command::new(bin)
        .args(["entities", "/nonexistent/x.txt"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8(out.stdout).unwrap().lines().count(), 1);
    let _ = std::fs::remove_dir_all(&dir);
}
