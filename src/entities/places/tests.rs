use std::collections::HashSet;
use std::sync::LazyLock;

use super::*;
use crate::entities::Extractor;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new().unwrap());

fn places() -> Arc<Places> {
    Places::embedded()
}

/// `(text, id)` of the LOCATION mentions of a sentence.
fn found(text: &str) -> Vec<(String, String)> {
    EXTRACTOR
        .recognize(text, None)
        .into_iter()
        .filter(|m| m.kind == EntityType::Location)
        .map(|m| (m.text, m.id))
        .collect()
}

fn id_of(text: &str, span: &str) -> Option<String> {
    found(text)
        .into_iter()
        .find(|(t, _)| t == span)
        .map(|(_, id)| id)
}

#[test]
fn the_data_is_complete_and_parses_without_duplicate_ids() {
    let p = places();
    let ids: HashSet<&str> = p.places().map(|(_, pl)| pl.id.as_str()).collect();
    assert_eq!(ids.len(), p.len(), "duplicate ids");
    let count = |k: PlaceKind| p.places().filter(|(_, pl)| pl.kind == k).count();
    assert_eq!(count(PlaceKind::Sido), 17);
    // Every 시군구 row of the source is a place under its 시도 (or its 시).
    let kr = String::from_utf8(zstd::decode_all(KOREA).unwrap()).unwrap();
    let mut sigungu = 0;
    for line in kr.lines().filter(|l| !l.starts_with('#')) {
        let (code, name) = line.split_once('\t').unwrap();
        let pid = p
            .get(&kr_id(code))
            .unwrap_or_else(|| panic!("{code} {name} missing"));
        assert_eq!(p.place(pid).ko, name);
        if &code[2..5] != "000" && &code[5..] == "00000" {
            sigungu += 1;
            assert_eq!(p.place(pid).kind, PlaceKind::Sigungu);
            let sido = p.get(&format!("kr-{}", &code[..2])).unwrap();
            assert!(p.contains(sido, pid), "{name} not under its 시도");
        }
    }
    assert_eq!(count(PlaceKind::Sigungu), sigungu);
    assert!(sigungu > 220, "{sigungu}");
    assert!(count(PlaceKind::Emd) > 5000 && count(PlaceKind::Ri) > 15000);
    assert!(count(PlaceKind::Country) > 200 && count(PlaceKind::City) > 300);
    // Every place but the roots lies in Korea or a country, without cycles.
    for (pid, pl) in p.places() {
        let chain: Vec<PlaceId> = p.ancestors(pid).take(20).collect();
        assert!(chain.len() < 10, "{} has a parent cycle", pl.id);
        if matches!(
            pl.kind,
            PlaceKind::Emd | PlaceKind::Ri | PlaceKind::Sigungu | PlaceKind::City
        ) {
            let top = p.place(*chain.last().unwrap());
            assert_eq!(top.kind, PlaceKind::Country, "{}", pl.id);
        }
    }
}

#[test]
fn the_row_files_hold_each_id_and_name_once() {
    let defined: HashSet<&str> = [WORLD, EXTRA]
        .iter()
        .flat_map(|t| t.lines())
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .collect();
    for (name, text) in [("world", WORLD), ("extra", EXTRA), ("regions", REGIONS)] {
        let mut ids = HashSet::new();
        let mut names = HashSet::new();
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&str> = line.split('\t').collect();
            assert!(cols.len() >= 5, "{name}.tsv: short row {line:?}");
            assert!(ids.insert(cols[0]), "{name}.tsv: id {} twice", cols[0]);
            let aliases = cols[4].split('|');
            for n in std::iter::once(cols[2])
                .chain(aliases)
                .filter(|n| !n.is_empty())
            {
                assert!(names.insert(n), "{name}.tsv: name {n} twice");
            }
        }
    }
    // The regional words only add names to places extra.tsv defines.
    for line in REGIONS.lines().filter(|l| !l.starts_with('#')) {
        let id = line.split('\t').next().unwrap();
        assert!(defined.contains(id), "regions.tsv: {id} is defined nowhere");
    }
}

#[test]
fn hierarchy() {
    let p = places();
    let names = |id: &str| -> Vec<String> {
        p.ancestors(p.get(id).unwrap())
            .map(|a| p.place(a).ko.clone())
            .collect()
    };
    assert_eq!(names("kr-26410"), ["부산광역시", "대한민국"]);
    let majang = p.resolve("마장면", &[p.get("kr-41500").unwrap()]).unwrap();
    assert_eq!(
        p.ancestors(majang)
            .map(|a| p.place(a).ko.as_str())
            .collect::<Vec<_>>(),
        ["이천시", "경기도", "대한민국"]
    );
    // A 구 of a 시 lies in the 시.
    let jangan = p.resolve("장안구", &[p.get("kr-41110").unwrap()]).unwrap();
    assert_eq!(p.place(p.place(jangan).parent.unwrap()).ko, "수원시");
    let moscow = p.get("city-ru-moscow").unwrap();
    assert_eq!(p.place(p.place(moscow).parent.unwrap()).id, "country-ru");
}

#[test]
fn aliases_resolve_to_one_place() {
    let p = places();
    for name in ["부산", "부산시", "부산광역시", "Busan"] {
        assert_eq!(p.resolve(name, &[]), p.get("kr-26"), "{name}");
    }
    for name in ["미국", "美", "미합중국", "USA"] {
        assert_eq!(p.resolve(name, &[]), p.get("country-us"), "{name}");
    }
    for name in ["충북", "충청북도"] {
        assert_eq!(p.resolve(name, &[]), p.get("kr-43"), "{name}");
    }
    assert_eq!(p.resolve("키예프", &[]), p.get("city-ua-kyiv"));
    assert_eq!(p.resolve("키이우", &[]), p.get("city-ua-kyiv"));
    // `광주` alone is the metropolitan city; 경기 makes it 광주시 of 경기도.
    assert_eq!(p.resolve("광주", &[]), p.get("kr-29"));
    assert_eq!(
        p.resolve("광주", &[p.get("kr-41").unwrap()]),
        p.get("kr-41610")
    );
}

#[test]
fn homonyms_need_context() {
    let p = places();
    assert_eq!(p.resolve("중구", &[]), None);
    assert_eq!(
        p.resolve("중구", &[p.get("kr-27").unwrap()]),
        p.get("kr-27110")
    );
    assert_eq!(
        p.resolve("고성군", &[p.get("kr-48").unwrap()]),
        p.get("kr-48820")
    );
    assert_eq!(p.resolve("고성군", &[]), None);
    // In sentences: the province written before decides.
    assert_eq!(
        id_of("대구 중구에서 축제가 열렸다", "대구 중구").as_deref(),
        Some("kr-27110")
    );
    assert_eq!(
        id_of("부산 중구 영주동 거리", "부산 중구 영주동").as_deref(),
        Some("kr-26110101")
    );
    // With nothing to decide, no parent: an id of its own.
    assert_eq!(
        id_of("고성군 주민들이 모였다", "고성군").as_deref(),
        Some("location:고성군")
    );
    // The article's other places decide.
    let found = EXTRACTOR.extract(
        "경남 통영시에 이어 고성군에서도 행사가 열렸다. 고성군은 밝혔다.",
        None,
    );
    let goseong = found
        .entities
        .iter()
        .find(|e| e.label_ko == "고성군")
        .unwrap();
    assert_eq!(goseong.id, "kr-48820");
}

#[test]
fn a_compound_about_a_place_keeps_the_place() {
    // Its time, its origin, its people, its correspondent: the place is named.
    for (text, span, id) in [
        (
            "경기는 3일(현지시각) 오후, 4일(한국시각) 새벽에 열린다",
            "한국",
            "country-kr",
        ),
        (
            "매장에는 칠레산 포도와 노르웨이산 연어가 놓였다",
            "노르웨이",
            "country-no",
        ),
        (
            "그는 도쿄특파원을 거쳐 논설위원이 됐다",
            "도쿄",
            "city-jp-tokyo",
        ),
        ("분당주민들이 시청 앞에 모였다", "분당", "kr-41135"),
    ] {
        assert_eq!(id_of(text, span).as_deref(), Some(id), "{text}");
    }
    // Any other noun makes the word something else.
    for (text, span) in [
        ("그는 서울대를 졸업했다", "서울"),
        ("부산은행이 금리를 내렸다", "부산"),
    ] {
        assert_eq!(id_of(text, span), None, "{text}");
    }
}

#[test]
fn a_common_noun_the_analyser_tags_a_place_in_context_stays_a_noun() {
    for text in [
        "공연은 극장 내부 사정으로 미뤄졌다",
        "새 휴대폰에는 내장 메모리가 넉넉하다",
        "경기는 5일(이하 한국시각) 열린다",
    ] {
        let found = found(text);
        assert!(
            found
                .iter()
                .all(|(t, _)| t != "내부" && t != "내장" && !t.contains("이하")),
            "{text}: {found:?}"
        );
    }
}

#[test]
fn north_korean_provinces_and_cities() {
    assert_eq!(
        id_of("함경북도 청진에서 열린 대회", "함경북도 청진").as_deref(),
        Some("city-kp-chongjin")
    );
    let p = places();
    let chongjin = p.get("city-kp-chongjin").unwrap();
    let chain: Vec<&str> = p
        .ancestors(chongjin)
        .map(|a| p.place(a).id.as_str())
        .collect();
    assert_eq!(chain, ["kp-09", "country-kp"]);
    // `개성` is a common noun too: a place beside another place only.
    assert_eq!(
        id_of("평양과 개성을 잇는 고속도로", "개성").as_deref(),
        Some("city-kp-kaesong")
    );
    assert_eq!(id_of("개성 있는 디자인이 눈에 띈다", "개성"), None);
}

#[test]
fn a_site_takes_in_its_number_and_the_place_before_it() {
    let found = found("행사는 울산 7호 근린공원에서 열리고, 배는 목포 3번 부두에 섰다");
    assert_eq!(
        found,
        [
            (
                "울산 7호 근린공원".to_string(),
                site_id("울산 7호 근린공원")
            ),
            ("목포 3번 부두".to_string(), site_id("목포 3번 부두")),
        ]
    );
    // The numbers are no mentions of their own.
    let all = EXTRACTOR.recognize("배는 목포 3번 부두에 섰다", None);
    assert_eq!(all.len(), 1, "{all:?}");
}

#[test]
fn sites_after_a_place_and_words_that_are_no_place() {
    // A site a place has one of, after the place alone: that site.
    assert_eq!(
        id_of("경기 광명 신도시가 들어선다", "경기 광명 신도시"),
        Some(site_id("경기 광명 신도시"))
    );
    // Other sites need a name of their own: a hotel in 대전.
    assert_eq!(
        found("관광객들은 대전 호텔에서 묵었다"),
        [("대전".to_string(), "kr-30".to_string())]
    );
    // A place does not take 하다: 천안 + 함 is a ship.
    assert!(found("해군은 천안함 용사들을 추모했다").is_empty());
    // Glued 지역 is the place's area: the place is named.
    assert_eq!(
        id_of("경남지역 학교들이 휴업했다", "경남").as_deref(),
        Some("kr-48")
    );
    // A common loanword is no name: an online shop is no place.
    assert!(found("온라인 쇼핑몰에서 샀다").is_empty());
}

#[test]
fn a_name_with_its_hanja_before_a_division_ending_is_a_division() {
    let found = found("중국 간쑤(甘肅)성 란저우(蘭州)시에서 지진이 났다");
    let id = |span: &str| {
        found
            .iter()
            .find(|(t, _)| t == span)
            .map(|(_, id)| id.clone())
    };
    // Unknown to the data: a place by its construction; the Hanja names it too.
    assert_eq!(id("간쑤"), Some(site_id("간쑤")));
    assert_eq!(id("甘肅"), id("간쑤"));
    // Known: the Hanja is another name of the data's place.
    assert_eq!(id("蘭州"), id("란저우"));
    assert!(
        id("란저우").is_some_and(|i| i.starts_with("city-cn-")),
        "{found:?}"
    );
    // Brackets with no division after them say nothing.
    assert_eq!(self::found("그는 이름을 민수(敏洙)로 바꿨다"), []);
}

#[test]
fn names_the_analyser_splits_and_pairs_of_places() {
    // 카이로 read as 카이 + the particle 로.
    assert_eq!(
        id_of("그는 카이로 시민들과 만났다", "카이로").as_deref(),
        Some("city-eg-cairo")
    );
    // Two compass points or abbreviations pair places and name none.
    assert_eq!(found("남북 정상이 만났다"), []);
    assert_eq!(found("북중 국경이 닫혔다"), []);
}

#[test]
fn a_named_site_takes_compounds_before_it_but_no_common_nouns() {
    assert_eq!(
        id_of(
            "시민들은 혁명의 상징 타흐리르 광장에 모였다",
            "타흐리르 광장"
        ),
        Some(site_id("타흐리르 광장"))
    );
    assert_eq!(
        id_of(
            "대구 삼성라이온즈 파크에서 열린 경기",
            "대구 삼성라이온즈 파크"
        ),
        Some(site_id("삼성라이온즈 파크"))
    );
}

#[test]
fn places_in_sentences() {
    assert_eq!(
        id_of("부산 금정구에서 불이 났다", "부산 금정구").as_deref(),
        Some("kr-26410")
    );
    assert_eq!(
        id_of("경기 이천시 마장면의 한 공장에서", "경기 이천시 마장면").as_deref(),
        Some("kr-41500340")
    );
    assert_eq!(
        id_of("서울 강남구 역삼동 사무실로", "서울 강남구 역삼동").as_deref(),
        Some("kr-11680101")
    );
    assert_eq!(
        id_of("충남 예산군에 내린 비", "충남 예산군").as_deref(),
        Some("kr-44810")
    );
    assert_eq!(
        id_of("러시아와 우크라이나가 맞섰다", "우크라이나").as_deref(),
        Some("country-ua")
    );
    assert_eq!(
        id_of("중국 베이징에서 열린 회의", "중국 베이징").as_deref(),
        Some("city-cn-beijing")
    );
    assert_eq!(
        id_of("미·중 무역 갈등이 길어졌다", "중").as_deref(),
        Some("country-cn")
    );
    assert_eq!(
        id_of("신사동 골목의 가게", "신사동").as_deref(),
        Some("location:신사동")
    );
}

#[test]
fn precision() {
    let none = |text: &str| {
        let f = found(text);
        assert!(f.is_empty(), "{text:?}: {f:?}");
    };
    // Common nouns that are also 동, 구, 리 or city names.
    none("서구 사회의 가치관이 바뀌었다");
    none("차량이 이동 중이다");
    none("경기 침체가 길어진다");
    none("예산을 편성했다");
    none("교리를 공부했다");
    let f = found("중국의 주장을 반박했다");
    assert!(!f.iter().any(|(t, _)| t == "주장"), "{f:?}");
    // One-syllable abbreviations only in coordination.
    none("미 국방부는 밝혔다");
    none("일 년이 지났다");
    // A station is not the city.
    let f = found("부산역에서 만났다");
    assert!(!f.iter().any(|(_, id)| id == "kr-26"), "{f:?}");
    // A university is not the city.
    let f = found("서울대 연구진이 밝혔다");
    assert!(!f.iter().any(|(_, id)| id == "kr-11"), "{f:?}");
}

#[test]
fn entities_get_official_labels_and_aliases() {
    let found = EXTRACTOR.extract("부산시는 밝혔다. 부산의 인구가 줄었다.", None);
    let busan: Vec<_> = found.entities.iter().filter(|e| e.id == "kr-26").collect();
    assert_eq!(busan.len(), 1, "{:?}", found.entities);
    assert_eq!(busan[0].label_ko, "부산광역시");
    assert_eq!(busan[0].label_en, "Busan");
    assert!(busan[0].aliases.iter().any(|a| a == "부산"));
}

#[test]
fn user_rows_add_places() {
    let mut g = crate::entities::Gazetteer::embedded().unwrap();
    g.parse(
        "saebom-campus\tLOCATION\t새봄캠퍼스\tSaebom Campus\t\tkr-41135\n",
        "user.tsv",
    )
    .unwrap();
    let p = Places::with_gazetteer(&g).unwrap();
    let id = p.get("saebom-campus").unwrap();
    assert_eq!(p.place(p.place(id).parent.unwrap()).ko, "분당구");
    let mut bad = crate::entities::Gazetteer::embedded().unwrap();
    bad.parse("x\tLOCATION\t엑스\tX\t\tnowhere\n", "bad.tsv")
        .unwrap();
    let e = Places::with_gazetteer(&bad).unwrap_err();
    assert!(e.to_string().contains("nowhere"), "{e}");
}

#[test]
fn the_pipeline_emits_located_in_edges_with_their_sentence() {
    let pipeline = crate::pipeline::Pipeline::new().unwrap();
    let article = crate::article::from_text(
        "부산 금정구에서 축제가 열린다. 구청은 1만 명이 찾을 것으로 내다봤다.",
        Some("https://example.com/a".into()),
    )
    .unwrap();
    let facts = pipeline.process(&article);
    let edges: Vec<(&str, &str)> = facts
        .relations
        .iter()
        .filter(|r| r.kind == crate::relations::RelationKind::LocatedIn)
        .map(|r| (r.source.as_str(), r.target.as_str()))
        .collect();
    assert_eq!(edges, [("kr-26410", "kr-26"), ("kr-26", "country-kr")]);
    let r = facts
        .relations
        .iter()
        .find(|r| r.kind == crate::relations::RelationKind::LocatedIn)
        .unwrap();
    assert_eq!(&*r.evidence.sentence, "부산 금정구에서 축제가 열린다.");
    assert_eq!(r.attributes["source"], "official data");
    // The containing places are nodes, with no mentions of their own.
    let busan = facts.entities.iter().find(|e| e.id == "kr-26").unwrap();
    assert_eq!((busan.label_ko.as_str(), busan.mentions), ("부산광역시", 0));
    let geumjeong = facts.entities.iter().find(|e| e.id == "kr-26410").unwrap();
    assert_eq!(geumjeong.label_ko, "금정구");
}

#[test]
fn a_site_lies_in_the_place_written_before_it_or_that_starts_its_name() {
    let pipeline = crate::pipeline::Pipeline::new().unwrap();
    let article = crate::article::from_text(
        "신제품 발표회는 서울 강남구 삼성동 코엑스에서 열렸다. 참석자들은 해운대역에서 \
         모였다. 대표단은 한국전쟁기념비를 찾았다. 귀국편은 김해 국제공항에서 떠났다.",
        Some("https://example.com/b".into()),
    )
    .unwrap();
    let facts = pipeline.process(&article);
    let edges: Vec<(&str, &str, &str)> = facts
        .relations
        .iter()
        .filter(|r| r.kind == crate::relations::RelationKind::LocatedIn)
        .map(|r| {
            (
                r.source.as_str(),
                r.target.as_str(),
                r.attributes["source"].as_str(),
            )
        })
        .collect();
    let coex = site_id("코엑스");
    let samseong = edges
        .iter()
        .find(|e| e.0 == coex)
        .expect("코엑스 lies somewhere");
    assert_eq!(
        places().place(places().get(samseong.1).unwrap()).ko,
        "삼성동"
    );
    assert_eq!(samseong.2, "text");
    // The places written before it are nodes, linked up to the country.
    for ko in ["강남구", "서울특별시"] {
        assert!(
            facts.entities.iter().any(|e| e.label_ko == ko),
            "{ko}: {edges:?}"
        );
    }
    let station = site_id("해운대역");
    let haeundae = edges
        .iter()
        .find(|e| e.0 == station)
        .expect("해운대역 lies somewhere");
    assert_eq!(
        places().place(places().get(haeundae.1).unwrap()).ko,
        "해운대구"
    );
    // A site named by its place lies in it.
    let airport = facts.relations.iter().find(|r| {
        r.kind == crate::relations::RelationKind::LocatedIn && r.source == site_id("김해 국제공항")
    });
    assert_eq!(
        airport.map(|r| r.target.as_str()),
        Some("kr-48250"),
        "{edges:?}"
    );
    // A country's name starts names of places anywhere.
    assert!(
        !edges.iter().any(|e| e.0 == site_id("한국전쟁기념비")),
        "{edges:?}"
    );
}

#[test]
fn places_named_apart_are_linked_only_where_the_text_writes_them_together() {
    let pipeline = crate::pipeline::Pipeline::new().unwrap();
    let edges = |text: &str| -> Vec<(String, String)> {
        let article =
            crate::article::from_text(text, Some("https://example.com/b".into())).unwrap();
        let mut e: Vec<(String, String)> = pipeline
            .process(&article)
            .relations
            .into_iter()
            .filter(|r| r.kind == crate::relations::RelationKind::LocatedIn)
            .map(|r| (r.source, r.target))
            .collect();
        e.sort();
        e
    };
    // 서울 and 한국 both named, never together: the article does not say one
    // lies in the other.
    let apart = edges("한국은 올해 성장률이 낮았다. 서울에서는 집회가 열렸다.");
    assert!(
        !apart.contains(&("kr-11".to_string(), "country-kr".to_string())),
        "{apart:?}"
    );
    // Written together (`부산 금정구`), the link holds even though 부산 is also
    // named on its own; the chain goes on through what the text wrote.
    let together = edges("부산은 관광객이 늘었다. 부산 금정구에서 축제가 열린다.");
    assert!(
        together.contains(&("kr-26410".to_string(), "kr-26".to_string())),
        "{together:?}"
    );
}
