//! The mechanisms that type names the gazetteer does not know (issue 14,
//! items 2, 4, 5 and 6), each on sentences written for these tests. The
//! companies, products and people here are made up, so what is found comes
//! from the construction, never from a list of names.

use std::sync::LazyLock;

use newskg::entities::{ArticleEntities, EntityType, Extractor, Gazetteer, Vocabulary};

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new().unwrap());

fn found(text: &str) -> Vec<(String, EntityType)> {
    EXTRACTOR
        .recognize(text, None)
        .into_iter()
        .map(|m| (m.text, m.kind))
        .collect()
}

#[track_caller]
fn has(text: &str, name: &str, kind: EntityType) {
    let f = found(text);
    assert!(
        f.iter().any(|(t, k)| t == name && *k == kind),
        "{name} as {} in {text:?}: {f:?}",
        kind.as_str()
    );
}

#[track_caller]
fn lacks(text: &str, name: &str) {
    let f = found(text);
    assert!(
        !f.iter().any(|(t, _)| t == name),
        "{name} in {text:?}: {f:?}"
    );
}

fn article(text: &str) -> ArticleEntities {
    EXTRACTOR.extract(text, None)
}

#[track_caller]
fn node<'a>(a: &'a ArticleEntities, label: &str) -> &'a newskg::entities::Entity {
    a.entities
        .iter()
        .find(|e| e.label_ko == label || e.aliases.iter().any(|x| x == label))
        .unwrap_or_else(|| {
            let all: Vec<String> = a
                .entities
                .iter()
                .map(|e| format!("{} {}", e.kind.as_str(), e.label_ko))
                .collect();
            panic!("no entity {label} in {all:?}")
        })
}

#[test]
fn company_endings_name_organisations() {
    has(
        "누리벨로보틱스가 신형 로봇을 공개했다.",
        "누리벨로보틱스",
        EntityType::Org,
    );
    has(
        "하늘솔테크는 상장을 추진한다.",
        "하늘솔테크",
        EntityType::Org,
    );
    has(
        "코다리인베스트먼트가 투자를 이끌었다.",
        "코다리인베스트먼트",
        EntityType::Org,
    );
    // A Sino-Korean common compound with a company ending is no company.
    lacks("신용카드 사용액이 늘었다.", "신용카드");
    lacks("중앙은행이 금리를 올렸다.", "중앙은행");
    lacks("1개 중학교가 있다.", "중학교");
    // A sector word is not a company.
    lacks("핀테크 업계가 긴장했다.", "핀테크");
}

#[test]
fn descriptor_nouns_introduce_names() {
    has(
        "리튬 생산업체 아르벨라가 증설에 나섰다.",
        "아르벨라",
        EntityType::Org,
    );
    // The analyser cuts this one inside the word (르노/벨타).
    has(
        "리튬 생산업체 르노벨타가 증설에 나섰다.",
        "르노벨타",
        EntityType::Org,
    );
    has(
        "시장조사업체 모노그램리서치에 따르면 출하량이 늘었다.",
        "모노그램리서치",
        EntityType::Org,
    );
    has(
        "보안 스타트업 키웨이브는 투자를 유치했다.",
        "키웨이브",
        EntityType::Org,
    );
    has(
        "게임사 픽셀포지가 신작을 낸다.",
        "픽셀포지",
        EntityType::Org,
    );
    has(
        "로봇 스타트업 노바 AI, 헬릭스 테크놀로지 등에 투자했다.",
        "노바 AI",
        EntityType::Org,
    );
    has(
        "배달 플랫폼 퀵버디를 운영하는 회사다.",
        "퀵버디",
        EntityType::Product,
    );
    // A common noun after a descriptor is what the company does.
    lacks("스타트업 투자가 줄었다.", "투자");
    lacks("업체 관계자는 말했다.", "관계자");
}

#[test]
fn a_product_named_after_its_company() {
    // After a product descriptor, the company's name and the word after it
    // are the product (the company alone stays in the gazetteer).
    has(
        "네이버의 간편결제 서비스인 네이버 페이는 인기가 많다.",
        "네이버 페이",
        EntityType::Product,
    );
    // Not when the word after the company is a common noun.
    lacks("결제 서비스인 네이버 매출이 늘었다.", "네이버 매출");
}

#[test]
fn names_listed_before_a_descriptor_take_its_type() {
    has(
        "브라이트오크, 하멜른 같은 글로벌 대형 출판기업들도 뛰어들었다.",
        "하멜른",
        EntityType::Org,
    );
    has(
        "브라이트오크, 하멜른 같은 글로벌 대형 출판기업들도 뛰어들었다.",
        "브라이트오크",
        EntityType::Org,
    );
}

#[test]
fn head_in_parentheses_and_person_org_title() {
    let t = "세모랩(대표 윤다온)은 새 서비스를 내놓았다.";
    has(t, "세모랩", EntityType::Org);
    has(t, "윤다온", EntityType::Person);
    let t = "한결솔 바람곶 대표는 계획을 밝혔다.";
    has(t, "한결솔", EntityType::Person);
    has(t, "바람곶", EntityType::Org);
    // One common word before a title is part of it, not a company.
    lacks("김민재 전 대표는 떠났다.", "전");
}

#[test]
fn quoted_names_typed_by_what_is_said_of_them() {
    has(
        "다온소프트는 번역 앱 '말벗'을 출시했다.",
        "말벗",
        EntityType::Product,
    );
    has(
        "회사가 선보인 '구름다리'는 호평을 받았다.",
        "구름다리",
        EntityType::Product,
    );
    has(
        "매달 열리는 '초록 장터' 이벤트에는 할인이 있다.",
        "초록 장터",
        EntityType::Event,
    );
    has(
        "그는 드라마 '푸른 계단'에서 주연을 맡았다.",
        "푸른 계단",
        EntityType::Work,
    );
    has(
        "배우 도하늘은 '은빛 정원'에 출연했다.",
        "은빛 정원",
        EntityType::Work,
    );
    has("그는 '강태오' 역을 맡았다.", "강태오", EntityType::Person);
    // A quoted phrase nothing types is not a name.
    lacks("시장은 '빅딜'에 주목했다.", "빅딜");
}

#[test]
fn occupations_before_names_give_people() {
    has("가수 이솔이 무대에 올랐다.", "이솔", EntityType::Person);
    lacks("배우 섭외 등이 늦어졌다.", "섭외");
}

#[test]
fn foreign_names_of_several_words_are_whole() {
    has(
        "에밀리오 바르덴사 박사는 발표했다.",
        "에밀리오 바르덴사",
        EntityType::Person,
    );
    // A Korean name after a foreign-looking word is another person.
    lacks("주범 윤미래(45)씨가 붙잡혔다.", "주범 윤미래");
}

#[test]
fn headline_abbreviations() {
    has("美 국무부 \"동맹 강화\"", "美 국무부", EntityType::Org);
    has("中 반발…日 침묵", "中", EntityType::Location);
    // `尹` is a surname standing for the president named in the body.
    let a = article("尹 \"협치 하겠다\"\n\n윤석열 대통령은 19일 말했다. 윤 대통령은 덧붙였다.");
    let yoon = node(&a, "윤석열");
    assert!(yoon.mentions.iter().any(|m| m.text == "尹"), "{yoon:?}");
}

#[test]
fn a_country_before_a_body_names_that_countrys_body() {
    let a = article("미 국방부는 성명을 냈다. 국방부는 반박했다. 미국 국방부도 거들었다.");
    let us = node(&a, "미 국방부");
    let kr = node(&a, "국방부");
    assert_ne!(us.id, kr.id);
    assert_eq!(node(&a, "미국 국방부").kind, EntityType::Org);
}

#[test]
fn user_word_lists_extend_the_built_in_ones() {
    let mut v = Vocabulary::embedded().unwrap();
    v.parse("조합사\tdescriptor\tORG\n", "mine.tsv").unwrap();
    let x = Extractor::with_data(Gazetteer::embedded().unwrap(), v).unwrap();
    let f: Vec<_> = x
        .recognize("조합사 다솜누리가 참여했다.", None)
        .into_iter()
        .map(|m| (m.text, m.kind))
        .collect();
    assert!(
        f.contains(&("다솜누리".to_string(), EntityType::Org)),
        "{f:?}"
    );
}

#[test]
fn names_listed_with_a_known_name_take_its_type() {
    // 삼성전자 and SK텔레콤 are curated; the names beside them are not.
    let t = "그는 삼성전자, SK텔레콤, 모아플랜트, 비츠로넷 등에서 일했다.";
    has(t, "모아플랜트", EntityType::Org);
    has(t, "비츠로넷", EntityType::Org);
    // Quoted products listed together.
    let t = "회사는 '하늘길'과 '별마루' 운영 노하우를 살린다.";
    has(t, "하늘길", EntityType::Product);
    has(t, "별마루", EntityType::Product);
}

#[test]
fn a_type_shown_once_holds_through_the_article() {
    // The headline says nothing of 엔보라; the body's descriptor does.
    let a = article(
        "엔보라, 일본 결제 시장에 진출\n\n결제 스타트업 엔보라는 일본에 진출한다. 엔보라의 목표는 크다.",
    );
    let e = node(&a, "엔보라");
    assert_eq!(e.kind, EntityType::Org);
    assert_eq!(e.mentions.len(), 3, "{e:?}");
}

#[test]
fn editions_of_events() {
    has(
        "그는 CES 2024 기자간담회에서 말했다.",
        "CES 2024",
        EntityType::Event,
    );
    has(
        "이 제품은 서울 뷰티 엑스포 2025에 전시된다.",
        "뷰티 엑스포 2025",
        EntityType::Event,
    );
    has("동계올림픽이 끝났다.", "동계올림픽", EntityType::Event);
}

#[test]
fn forms_of_products_and_national_bodies() {
    has("HBM3E 판매가 늘었다.", "HBM3E", EntityType::Product);
    // The prosecution service is one body, a graph node.
    let a = article("검찰은 압수수색을 벌였다. 법원은 영장을 발부했다.");
    assert_eq!(node(&a, "검찰").kind, EntityType::Org);
    assert!(!a.entities.iter().any(|e| e.label_ko == "법원"));
}

#[test]
fn gazetteer_names_respect_word_boundaries() {
    // `이 마트` is "this mart"; 이마트 is in the gazetteer.
    lacks("이 마트에서 1리터짜리 우유가 팔렸다.", "이 마트");
    // A Latin name glued to more of a name is another company.
    has("LG생활건강이 반박했다.", "LG생활건강", EntityType::Org);
    lacks("LG생활건강이 반박했다.", "LG");
}

#[test]
fn events_named_by_their_parties() {
    use EntityType::Event;
    has(
        "양국은 한미 정상회담에서 반도체 협력을 논의했다.",
        "한미 정상회담",
        Event,
    );
    has("남북정상회담이 판문점에서 열린다.", "남북정상회담", Event);
    has(
        "에스토니아 전쟁이 길어지자 곡물값이 올랐다.",
        "에스토니아 전쟁",
        Event,
    );
    has(
        "핀란드-스웨덴 전쟁 이후 국경이 바뀌었다.",
        "핀란드-스웨덴 전쟁",
        Event,
    );
    has("G20 회담에 각국 정상이 모였다.", "G20 회담", Event);
    // An event word alone names no particular event.
    lacks("회담이 끝난 뒤 기자회견이 열렸다.", "회담");
}

#[test]
fn people_listed_with_people_are_people() {
    use EntityType::Person;
    // Names the analyser reads as other words (`한/MM 소라`, `진달래`),
    // listed with commas or the hyphens of cast lists.
    let cast = "드라마에는 김태리-한소라-진달래-박서준 등이 출연한다.";
    has(cast, "한소라", Person);
    has(cast, "진달래", Person);
    has(
        "시상식에는 박서준, 한소라, 유재석 등이 참석했다.",
        "한소라",
        Person,
    );
    // A hyphen between places is no list of people.
    lacks("서울-부산 노선이 새로 열렸다.", "노선");
}

#[test]
fn a_company_between_its_head_and_the_title() {
    use EntityType::{Org, Person};
    // A compound of common nouns is a company before a company head's title.
    has("최민호 미래교과서 대표는 이렇게 말했다.", "미래교과서", Org);
    has("최민호 미래교과서 대표는 이렇게 말했다.", "최민호", Person);
    // A figure glued to the name is the name's, not a quantity.
    has("정수빈 마켓31 대표는 새 서비스를 소개했다.", "마켓31", Org);
    // Quoted titles keep their figures too.
    has(
        "그는 드라마 '별빛택시2'에 출연했다.",
        "별빛택시2",
        EntityType::Work,
    );
}

#[test]
fn acronyms_the_text_defines_as_terms_are_no_names() {
    let text = "두 회사는 원격근무를 위한 가상사설망(VPN) 기술을 공개했다. VPN 시장은 커지고 있다.";
    let f = found(text);
    assert!(!f.iter().any(|(t, _)| t == "VPN"), "{f:?}");
    lacks("보안 업체는 '양자난수생성기'(QRNG)를 선보였다.", "QRNG");
    // `이하` ("hereafter") defines a short form the same way.
    lacks("전세자금대출(이하 전대출) 시장이 커졌다.", "전대출");
    // A kind of bank is no bank (`proper` endings need a proper noun).
    lacks("올해 투자은행(IB) 부문의 이익이 늘었다.", "투자은행");
    // An organisation's own name before its acronym keeps it a name.
    has(
        "국제해양위원회(IMOC)는 새 규정을 발표했다.",
        "국제해양위원회",
        EntityType::Org,
    );
}

#[test]
fn a_coined_one_word_name_in_quotes_is_no_sentence() {
    // `‘가네’` reads as a verb ending a sentence (가/VV 네/EF): a short
    // quoted word is a name all the same.
    has(
        "물류 회사는 새 배송 브랜드 ‘오가네’를 공개했다.",
        "오가네",
        EntityType::Product,
    );
}

#[test]
fn a_quoted_name_after_a_company_is_its_product() {
    use EntityType::Product;
    has(
        "삼성전자 '루미큐브'로 집안 가전을 제어한다.",
        "루미큐브",
        Product,
    );
    has(
        "LG전자의 '스마트코어'가 새로 나왔다.",
        "스마트코어",
        Product,
    );
    // A quoted phrase of common words is no product.
    lacks("KT의 ‘CEO 수난사’를 돌아봤다.", "CEO 수난사");
}

#[test]
fn words_the_analyser_cannot_read_as_nouns_are_names_by_their_ending() {
    use EntityType::Org;
    // 크라운해태제과-like splits: pieces that are no nouns inside one word.
    has(
        "양평군과 파란해태제과가 함께 축제를 준비했다.",
        "파란해태제과",
        Org,
    );
    has(
        "국민과 함께 하는 새정치추진위원회가 주최했다.",
        "새정치추진위원회",
        Org,
    );
    // A word ending in a descriptor is a kind of company.
    lacks("저비용항공사 한빛항공이 신입을 뽑는다.", "저비용항공사");
}

#[test]
fn a_persons_name_in_chinese_characters_is_the_same_person() {
    let a = article("왕리쥔(王立軍) 전 부시장이 기자회견을 열었다. 왕리쥔은 말했다.");
    let p = node(&a, "왕리쥔");
    assert_eq!(p.kind, EntityType::Person);
    assert!(p.aliases.iter().any(|x| x == "王立軍"), "{:?}", p.aliases);
}

#[test]
fn a_name_in_parentheses_after_a_person_is_their_club_or_company() {
    has(
        "결승골은 박서준(레드윙스)이 넣었다.",
        "레드윙스",
        EntityType::Org,
    );
    has(
        "금메달은 한소라(누리은행)에게 돌아갔다.",
        "누리은행",
        EntityType::Org,
    );
    // Notes about the person are not.
    lacks("김민수(가명)씨는 이렇게 말했다.", "가명");
    // A Korean name there is the actor of a role.
    has(
        "영화에서 이몽룡(박서준)의 친구로 나온다.",
        "박서준",
        EntityType::Person,
    );
}

#[test]
fn a_known_company_glued_to_a_loanword_is_another_name() {
    use EntityType::Org;
    // Affiliates and clubs: the known name with a coined word after it.
    has("롯데그린테크가 새 공장을 짓는다.", "롯데그린테크", Org);
    has(
        "시구는 삼성블루윙스의 응원단장이 맡았다.",
        "삼성블루윙스",
        Org,
    );
    // A Sino-Korean word after it is no part of the name.
    has("삼성전자는 새 제품을 내놓았다.", "삼성전자", Org);
}

#[test]
fn clubs_named_by_owner_and_plural_nickname() {
    use EntityType::Org;
    has(
        "롯데 크라운스가 어제 경기에서 이겼다.",
        "롯데 크라운스",
        Org,
    );
    has("시카고 팔콘스와의 원정경기가 열렸다.", "시카고 팔콘스", Org);
    // A venue after a district is no club.
    lacks(
        "행사는 서울 강남구 삼성동 파크스에서 열린다.",
        "삼성동 파크스",
    );
}

#[test]
fn a_ministry_after_a_country_is_that_countrys() {
    has(
        "브라질 농무부가 수출 통계를 냈다.",
        "브라질 농무부",
        EntityType::Org,
    );
    // Regions are not ministries.
    lacks("브라질 동북부 지역에 비가 내렸다.", "브라질 동북부");
}

#[test]
fn a_quoted_coined_name_used_as_a_noun_is_a_product() {
    use EntityType::Product;
    has(
        "‘클래스노트’는 교사가 만든 퀴즈를 공유하는 도구다.",
        "클래스노트",
        Product,
    );
    has(
        "학생들은 '스마트T'로 수업 내용을 복습한다.",
        "스마트T",
        Product,
    );
    // Quoted words, phrases and Korean names are not.
    lacks("그는 그 문제를 '돌멩이'라고 표현했다.", "돌멩이");
    let f = found("주인공 '김하늘'과 친구들이 나온다.");
    assert!(!f.iter().any(|(_, k)| *k == Product), "{f:?}");
    // A type said elsewhere wins over the guess.
    let a = article("드라마 '별빛나루'가 방영된다. '별빛나루'는 시청률 1위다.");
    assert_eq!(node(&a, "별빛나루").kind, EntityType::Work);
}

#[test]
fn a_headline_subject_comma_is_no_list() {
    lacks("한빛전자, 가짜광고 대응 강화", "가짜광고");
}

#[test]
fn a_word_ending_in_a_descriptor_is_a_kind() {
    lacks("중개플랫폼인 프롭테크업체가 늘어난다.", "프롭테크업체");
}

#[test]
fn an_ambiguous_surname_before_a_title_needs_a_namesake() {
    // `신` is also "new": a short form only when the text names a 신.
    has(
        "신동수 회장이 취임했다. 신 회장은 첫 회의를 열었다.",
        "신",
        EntityType::Person,
    );
    lacks("신 회장은 다음 달 선임된다.", "신");
    // After a name it means "former".
    lacks("박민국 전 대통령, 전두식 전 대통령이 참석했다.", "전");
}

#[test]
fn a_place_in_parentheses_after_a_common_noun_is_a_note() {
    // A charge in parentheses reads like a city's Sino-Korean name: it is
    // no alias, and the noun before it no place.
    let a = article("경찰은 이웃을 때린 남성을 폭행 혐의(상해)로 불구속 입건했다.");
    assert!(
        !a.entities
            .iter()
            .any(|e| e.label_ko == "혐의" || e.aliases.iter().any(|x| x == "혐의")),
        "{:?}",
        a.entities.iter().map(|e| &e.label_ko).collect::<Vec<_>>()
    );
}

#[test]
fn a_post_in_a_numbered_department_is_no_quantity() {
    has(
        "조한결 경제2부장이 회의를 이끌었다.",
        "조한결",
        EntityType::Person,
    );
    lacks("조한결 경제2부장이 회의를 이끌었다.", "2부장");
    // A figure glued to other nouns still counts.
    has("결승 8강에 올랐다.", "8강", EntityType::Quantity);
}

#[test]
fn a_name_before_a_place_and_its_head_is_a_person() {
    // The analyser cuts the name into a noun and a suffix (공재/NNG 광/XSN).
    has(
        "공재광 평택시장은 이날 회견을 열었다.",
        "공재광",
        EntityType::Person,
    );
    // A common word before the place's market is no name.
    lacks("정치권 평택시장 선거에 관심이 쏠린다.", "정치권");
}

#[test]
fn a_country_before_a_coined_company_name_is_its_nationality() {
    // The company and its ending are a whole name; the country stays a place.
    has(
        "미국 클로버필드그룹은 실적을 발표했다.",
        "클로버필드그룹",
        EntityType::Org,
    );
    has(
        "미국 클로버필드그룹은 실적을 발표했다.",
        "미국",
        EntityType::Location,
    );
    // An institution takes the place before it as part of its name.
    has(
        "부산 기장경찰서는 수사에 나섰다.",
        "부산 기장경찰서",
        EntityType::Org,
    );
}

#[test]
fn seats_of_government_named_by_their_building_are_organisations() {
    has("백악관은 성명을 내고 반박했다.", "백악관", EntityType::Org);
    has("크렘린은 이 보도를 부인했다.", "크렘린", EntityType::Org);
}

#[test]
fn mixed_case_latin_glued_to_a_company_ending_is_a_company() {
    has("kW증권은 목표가를 올렸다.", "kW증권", EntityType::Org);
    has(
        "eGreen투자증권은 전망을 내놨다.",
        "eGreen투자증권",
        EntityType::Org,
    );
}

#[test]
fn a_descriptor_after_a_split_prefix_still_introduces_a_name() {
    // The analyser reads 모기업 as 모/MM 기업.
    has(
        "모기업인 한빛교육은 센터를 열었다.",
        "한빛교육",
        EntityType::Org,
    );
}

#[test]
fn anonymised_people_are_nodes_and_never_named_mo() {
    // `모` after a bare surname is "a certain": the surname is the mention.
    let text = "검찰은 사업가 도 모 씨를 사기 혐의로 구속했다. 도 씨는 혐의를 부인했다.";
    has(text, "도", EntityType::Person);
    lacks(text, "모");
    has(
        "배후로 지목된 주 모(61) 씨가 체포됐다.",
        "주",
        EntityType::Person,
    );
    // With no full name anywhere, the anonymised person is a node of its own
    // that the later `도 씨` joins.
    let a = article(text);
    let e = node(&a, "도 모 씨");
    assert_eq!(e.kind, EntityType::Person);
    assert!(e.aliases.iter().any(|x| x == "도 씨"), "{e:?}");
    // A plain `X 씨` with no full name is still dropped.
    let b = article("현장에 있던 차 씨는 경찰에 신고했다.");
    assert!(
        !b.entities.iter().any(|e| e.kind == EntityType::Person),
        "{:?}",
        b.entities
    );
}

#[test]
fn a_name_read_as_noun_and_particle_before_company_and_title() {
    // `박정과` cut as 박정/NNG + 과/JC: before a company and its CEO's title it
    // is one name, and the company words between are the company.
    let text = "남궁과 하늘출판사 대표는 새 플랫폼을 공개했다.";
    let f = found(text);
    assert!(
        f.iter()
            .any(|(t, k)| t.ends_with('과') && *k == EntityType::Person),
        "{f:?}"
    );
    has(text, "하늘출판사", EntityType::Org);
    // Joining two parties is still a conjunction.
    lacks("정부와 노조 대표가 만났다.", "정부와");
}

#[test]
fn a_quoted_name_leaves_its_parenthetical_alias_outside() {
    let text = "두 가수는 방콕에서 열린 음악 축제 '선셋웨이브(Sunset Wave)'에 출연했다.";
    has(text, "선셋웨이브", EntityType::Event);
    lacks(text, "선셋웨이브(Sunset Wave)");
    let b = "은행은 '전세안심대출(이하 전안대)' 상품을 출시했다.";
    has(b, "전세안심대출", EntityType::Product);
}

#[test]
fn global_ends_a_company_name_and_sessions_are_events() {
    has(
        "두 회사가 세운 현지법인 KXR 글로벌이 공장을 인수했다.",
        "KXR 글로벌",
        EntityType::Org,
    );
    lacks("그룹의 글로벌 전략 회의가 열렸다.", "글로벌");
    has(
        "국정감사에서 장관이 답변했다.",
        "국정감사",
        EntityType::Event,
    );
}
