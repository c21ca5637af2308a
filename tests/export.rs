//! Exports of a small graph written for these tests: every format is written,
//! read back where we can, and (when ../shared/tools is present) checked with
//! the real readers: the GraphML cross-check (XSD, networkx, igraph,
//! graph-tool) and the official GEXF 1.3 schema.

#[path = "support/require.rs"]
mod require;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use newskg::export::{self, ExportFormat, ExportOptions};
use newskg::graph::{
    ArticleFacts, ArticleInfo, EntityFact, Evidence, KnowledgeGraph, Modality, RelationFact, json,
};

fn entity(id: &str, kind: &str, ko: &str, en: &str, mentions: u64) -> EntityFact {
    EntityFact {
        id: id.into(),
        kind: kind.into(),
        label_ko: ko.into(),
        label_en: en.into(),
        aliases: vec![],
        roles: vec![],
        mentions,
    }
}

fn relation(s: &str, t: &str, kind: &str, url: &str, date: &str, sentence: &str) -> RelationFact {
    RelationFact {
        source: s.into(),
        target: t.into(),
        kind: kind.parse().unwrap(),
        directed: kind != "co_occurs_with",
        confidence: 0.9,
        attributes: BTreeMap::new(),
        evidence: Evidence {
            date: Some(date.into()),
            url: url.into(),
            start: 0,
            end: sentence.chars().count(),
            sentence: sentence.into(),
            modality: Modality::Asserted,
        },
    }
}

pub fn sample_graph() -> KnowledgeGraph {
    let url1 = "https://news.example.kr/articleView.html?idxno=1&page=2";
    let url2 = "https://news.example.kr/articleView.html?idxno=2";
    let mut ms = entity(
        "ORG:마이크로소프트",
        "ORG",
        "마이크로소프트",
        "Microsoft",
        3,
    );
    ms.aliases = vec!["MS".into(), "Microsoft".into()];
    let mut kim = entity("PERSON:김영섭", "PERSON", "김영섭", "Kim Young-shub", 2);
    kim.roles = vec!["대표".into()];
    let mut contract = relation(
        "ORG:KT",
        "ORG:마이크로소프트",
        "contract_with",
        url1,
        "2024-07-18",
        "KT가 마이크로소프트와 1억2000만달러 규모의 \"애저\" 계약을 맺었다.\u{8}",
    );
    contract
        .attributes
        .insert("amount".into(), "120000000".into());
    contract.attributes.insert("currency".into(), "USD".into());
    contract.attributes.insert("duration".into(), "P5Y".into());
    let mut hypo = relation(
        "ORG:KT",
        "ORG:KT클라우드",
        "competes_with",
        url1,
        "2024-07-18",
        "KT가 KT클라우드와 경쟁할 가능성도 있다.",
    );
    hypo.evidence.modality = Modality::Hypothetical;
    let a1 = ArticleFacts {
        article: ArticleInfo {
            url: url1.into(),
            title: Some("KT, MS와 <클라우드> 계약 & 협력".into()),
            published: Some("2024-07-18T10:00:00+09:00".into()),
            publisher: Some("예시일보".into()),
        },
        entities: vec![
            entity("ORG:KT", "ORG", "KT", "KT", 5),
            ms.clone(),
            kim.clone(),
            entity("ORG:KT클라우드", "ORG", "KT클라우드", "KT Cloud", 1),
            entity(
                "MONEY:120000000 USD",
                "MONEY",
                "1억2000만달러",
                "US$120,000,000",
                1,
            ),
        ],
        relations: vec![
            contract,
            hypo,
            relation(
                "PERSON:김영섭",
                "ORG:KT",
                "ceo_of",
                url1,
                "2024-07-18",
                "김영섭 KT 대표가 말했다.",
            ),
            relation(
                "PERSON:김영섭",
                "ORG:KT",
                "employee_of",
                url1,
                "2024-07-18",
                "김영섭 KT 대표가 말했다.",
            ),
            relation(
                "ORG:KT",
                "PERSON:김영섭",
                "co_occurs_with",
                url1,
                "2024-07-18",
                "김영섭 KT 대표가 말했다.",
            ),
        ],
    };
    let a2 = ArticleFacts {
        article: ArticleInfo {
            url: url2.into(),
            title: Some("김영섭 대표 인터뷰".into()),
            published: Some("2024-08-01T09:00:00+09:00".into()),
            publisher: None,
        },
        entities: vec![entity("ORG:KT", "ORG", "KT", "KT", 2), kim],
        relations: vec![relation(
            "PERSON:김영섭",
            "ORG:KT",
            "ceo_of",
            url2,
            "2024-08-01",
            "김영섭 대표는 KT를 이끌고 있다.",
        )],
    };
    let mut g = KnowledgeGraph::new(3);
    g.add_article(&a1);
    g.add_article(&a2);
    g
}

fn tmp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newskg-export-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn tools() -> Option<PathBuf> {
    require::shared("real-reader checks", "tools")
}

#[test]
fn graphml_passes_the_real_readers() {
    let g = sample_graph();
    for (name, opts) in [
        ("default.graphml", ExportOptions::default()),
        (
            "all.graphml",
            ExportOptions {
                co_occurrence: true,
                with_articles: true,
                parallel_edges: true,
            },
        ),
    ] {
        let path = tmp(name);
        export::write(&g, ExportFormat::Graphml, &opts, &path).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("마이크로소프트"));
        assert!(
            !text.contains('\u{8}'),
            "control characters must be stripped"
        );
        assert!(text.contains(r#"attr.type="double""#) && !text.contains(r#"attr.type="float""#));
        if let Some(tools) = tools() {
            let out = Command::new(tools.join("graphml/check.sh"))
                .arg(&path)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{name}: {}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
}

#[test]
fn default_export_has_one_edge_per_pair_and_no_co_occurrence() {
    let g = sample_graph();
    let v = export::view(&g, &ExportOptions::default());
    let kim_kt: Vec<_> = v
        .edges()
        .filter(|e| e.source == "PERSON:김영섭" && e.target == "ORG:KT")
        .collect();
    assert_eq!(kim_kt.len(), 1);
    let e = &kim_kt[0];
    assert_eq!(e.values["kind"], export::Value::Str("ceo_of".into()));
    assert_eq!(
        e.values["kinds"],
        export::Value::Str("ceo_of|employee_of".into())
    );
    assert_eq!(e.values["weight"], export::Value::Double(3.0));
    assert!(
        !v.edges()
            .any(|e| e.values["kind"] == export::Value::Str("co_occurs_with".into()))
    );
    let parallel = export::view(
        &g,
        &ExportOptions {
            parallel_edges: true,
            ..Default::default()
        },
    );
    assert_eq!(parallel.edges().count(), v.edges().count() + 1);
}

#[test]
fn gexf_validates_against_the_official_schema() {
    let g = sample_graph();
    let path = tmp("g.gexf");
    export::write(
        &g,
        ExportFormat::Gexf,
        &ExportOptions {
            with_articles: true,
            ..Default::default()
        },
        &path,
    )
    .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(r#"timeformat="date""#) && text.contains(r#"start="2024-07-18""#));
    let Some(tools) = tools() else { return };
    let xmllint = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(tools.join("gexf-1.3/gexf.xsd"))
        .arg(&path)
        .output();
    match xmllint {
        Ok(out) => assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(_) => require::skip(
            "GEXF schema check",
            "xmllint not installed (Debian libxml2-utils)",
        ),
    }
}

#[test]
fn json_round_trips_and_merge_equals_one_batch() {
    let g = sample_graph();
    let path = tmp("g.json");
    export::write(
        &g,
        ExportFormat::Json,
        &ExportOptions {
            co_occurrence: true,
            ..Default::default()
        },
        &path,
    )
    .unwrap();
    let back = json::read(std::fs::File::open(&path).unwrap(), None).unwrap();
    assert_eq!(json::to_value(&back).unwrap(), json::to_value(&g).unwrap());
    let v = json::to_value(&g).unwrap();
    assert!(v["nodes"].is_array() && v["edges"].is_array() && v["articles"].is_array());
    // A document from a newer newskg is refused clearly.
    let newer = serde_json::to_string(&serde_json::json!({
        "format": "newskg-graph", "version": 99, "directed": true, "multigraph": true,
        "max_evidence": 1, "nodes": [], "edges": [], "articles": []
    }))
    .unwrap();
    let err = json::read(newer.as_bytes(), None).unwrap_err().to_string();
    assert!(err.contains("newer newskg"), "{err}");
}

#[test]
fn csv_has_gephi_headers() {
    let g = sample_graph();
    let path = tmp("g.csv");
    let files = export::write(&g, ExportFormat::Csv, &ExportOptions::default(), &path)
        .unwrap()
        .files;
    let nodes = std::fs::read_to_string(&files[0]).unwrap();
    let edges = std::fs::read_to_string(&files[1]).unwrap();
    assert!(nodes.starts_with("Id,Label,label_en,type,"));
    assert!(edges.starts_with("Source,Target,Type,Id,Label,Weight,"));
    assert!(
        edges
            .contains("\"KT가 마이크로소프트와 1억2000만달러 규모의 \"\"애저\"\" 계약을 맺었다.\"")
    );
}

#[test]
fn article_nodes_link_every_entity_to_its_articles() {
    let g = sample_graph();
    let v = export::view(
        &g,
        &ExportOptions {
            with_articles: true,
            ..Default::default()
        },
    );
    let str = |s: &str| export::Value::Str(s.into());
    let articles: Vec<_> = v
        .nodes()
        .filter(|n| n.values["type"] == str("ARTICLE"))
        .collect();
    assert_eq!(articles.len(), 2);
    assert_eq!(articles[0].id, "article_0");
    assert_eq!(
        articles[0].values["entity_id"],
        str("https://news.example.kr/articleView.html?idxno=1&page=2")
    );
    let mentions: Vec<_> = v
        .edges()
        .filter(|e| e.values["kind"] == str("mentions"))
        .collect();
    // KT and 김영섭 are in both articles, three other entities in the first.
    assert_eq!(mentions.len(), 7);
    let kt: Vec<_> = mentions
        .iter()
        .filter(|e| e.target == "ORG:KT")
        .map(|e| (e.source.as_str(), e.start.as_deref()))
        .collect();
    assert_eq!(
        kt,
        [
            ("article_0", Some("2024-07-18")),
            ("article_1", Some("2024-08-01"))
        ]
    );
    // Edge ids run on from the relations' to the article edges.
    let ids: Vec<String> = v.edges().map(|e| e.id).collect();
    let expected: Vec<String> = (0..ids.len()).map(|i| format!("e{i}")).collect();
    assert_eq!(ids, expected);
}

#[test]
fn open_relations_carry_their_predicate_in_every_format() {
    let mut g = sample_graph();
    let url = "https://news.example.kr/articleView.html?idxno=3";
    let mut open = relation(
        "PERSON:김영섭",
        "ORG:마이크로소프트",
        "related",
        url,
        "2024-09-02",
        "김영섭 대표는 마이크로소프트 본사를 방문했다.",
    );
    open.attributes
        .insert("predicate".into(), "본사를 방문하다".into());
    g.add_article(&ArticleFacts {
        article: ArticleInfo {
            url: url.into(),
            title: None,
            published: Some("2024-09-02T10:00:00+09:00".into()),
            publisher: None,
        },
        entities: vec![
            entity("PERSON:김영섭", "PERSON", "김영섭", "Kim Young-shub", 1),
            entity(
                "ORG:마이크로소프트",
                "ORG",
                "마이크로소프트",
                "Microsoft",
                1,
            ),
        ],
        relations: vec![open],
    });
    for (format, name) in [
        (ExportFormat::Graphml, "open.graphml"),
        (ExportFormat::Gexf, "open.gexf"),
        (ExportFormat::Csv, "open.csv"),
    ] {
        let path = tmp(name);
        let files = export::write(&g, format, &ExportOptions::default(), &path)
            .unwrap()
            .files;
        let text: String = files
            .iter()
            .map(|f| std::fs::read_to_string(f).unwrap())
            .collect();
        assert!(text.contains("predicate"), "{name}: no predicate column");
        assert!(
            text.contains("본사를 방문하다"),
            "{name}: predicate missing"
        );
        assert!(text.contains("related"), "{name}: kind missing");
    }
}
