//! Open relations and the person and organisation attribute patterns of
//! `data/relations/people.toml`, on sentences written for these tests.

use super::tests::{analyzer, classify_marked, parse_marked, rel};
use super::*;

/// The open relation between the two marked arguments, when no typed one
/// holds: (source "A"/"B", predicate).
fn open_marked(marked: &str) -> Option<(String, String)> {
    let (s, args) = parse_marked(marked);
    assert_eq!(args.len(), 2, "two markers in {marked}");
    let tokens = analyzer().analyze(&s);
    let c = RelationClassifier::new(analyzer());
    let sentence = c.sentence(&s, &tokens, &args);
    if sentence.classify(0, 1).is_some() {
        return None;
    }
    let r = sentence.open(0, 1)?;
    assert_eq!(r.kind, RelationKind::Related);
    Some((format!("{:?}", r.source), r.predicate.unwrap_or_default()))
}

fn open(source: &str, predicate: &str) -> Option<(String, String)> {
    Some((source.to_string(), predicate.to_string()))
}

#[test]
fn subject_and_object_of_an_uncovered_predicate() {
    assert_eq!(
        open_marked("[P:홍길동]은 [P:김민수]에게 사과 편지를 보냈다."),
        open("A", "편지를 보내다")
    );
}

#[test]
fn an_organisation_something_goes_to() {
    assert_eq!(
        open_marked("[O:한화솔루션]은 울산 공장 설비를 [O:한화에너지]로 넘겼다.").map(|(s, _)| s),
        Some("A".to_string())
    );
}

#[test]
fn where_something_happens_is_not_a_party() {
    assert_eq!(
        open_marked("가수 [P:아이유]는 [L:부산]에서 공연했다."),
        None
    );
    assert_eq!(
        open_marked("배우 [P:박서준]은 [L:보스턴]으로 이동했다."),
        None
    );
    assert_eq!(
        open_marked("[O:삼성전자]는 [O:국제전기기술위원회]에서 표준 논의를 주도했다."),
        None
    );
}

#[test]
fn a_country_one_goes_abroad_to_is_a_party() {
    assert_eq!(
        open_marked("배우 [P:김하늘]은 영화 촬영을 위해 [L:헝가리]로 출국했다."),
        open("A", "출국하다")
    );
    assert_eq!(
        open_marked("[P:이도윤] 선수는 지난해 [L:캐나다]로 이민했다."),
        open("A", "이민하다")
    );
}

#[test]
fn who_announces_a_visit_is_not_the_visitor() {
    let found = all_marked(
        "[O:한빛청]은 두 장관이 내일 [L:부산]에 있는 [L:새봄기념관]을 찾을 예정이라고 밝혔다.",
    );
    assert!(!has(&found, 0, 2, "related"), "{found:?}");
}

#[test]
fn a_coordination_kept_apart_by_parentheses() {
    assert_eq!(
        open_marked("[P:홍길동] 대표(왼쪽)와 [P:김민수] 회장이 기념 사진을 찍고 있다."),
        None
    );
}

#[test]
fn what_qualifies_the_object() {
    assert_eq!(
        open_marked("[O:쿠팡플레이]가 [E:아시안게임] 중계권을 확보했다."),
        open("A", "중계권을 확보하다")
    );
    // A possessor is what the act concerns (`B의 바통을 이어받다`); a
    // relational noun or a title between states something else.
    assert_eq!(
        open_marked("[P:홍길동] 사장이 [P:김민수] 전 사장의 바통을 이어받았다."),
        None
    );
    assert_eq!(
        open_marked("[O:한화]는 [O:대우조선해양]의 자회사를 사들였다."),
        None
    );
}

#[test]
fn owner_of_what_is_given_and_its_recipient() {
    assert_eq!(
        open_marked("[O:두산]의 발전 사업 일부를 [O:두산에너빌리티]에 넘겼다.").map(|(s, _)| s),
        Some("A".to_string())
    );
}

#[test]
fn nationality_before_a_person_or_an_occupation() {
    assert_eq!(
        classify_marked("[L:브라질]의 [P:호나우지뉴]가 은퇴를 선언했다."),
        rel("native_of", "B", None)
    );
    assert_eq!(
        classify_marked("[P:이반 부닌]은 [L:러시아]의 소설가이다."),
        rel("native_of", "A", None)
    );
}

#[test]
fn founding_dates() {
    assert_eq!(
        classify_marked("[O:한빛문화재단]은 [T:1987년]에 설립되었다."),
        rel("founded_on", "A", None)
    );
    assert_eq!(
        classify_marked("[T:2004년] 창간된 [O:주간새벽]은 지역 소식을 전한다."),
        rel("founded_on", "B", None)
    );
}

#[test]
fn a_club_in_its_league() {
    assert_eq!(
        classify_marked("[O:세리에 A]의 [O:우디네세]가 승격팀을 꺾었다."),
        rel("member_of", "B", None)
    );
    assert_eq!(
        classify_marked("[O:KBO리그] [O:두산 베어스]는 새 감독을 뽑았다."),
        rel("member_of", "B", None)
    );
}

/// Every pair's typed relation (else open) among the marked arguments of a
/// sentence: `(i, j, kind, source)` with the source "A" meaning `i`.
pub(super) fn all_marked(marked: &str) -> Vec<(usize, usize, String, String)> {
    let (s, args) = parse_marked(marked);
    let tokens = analyzer().analyze(&s);
    let c = RelationClassifier::new(analyzer());
    let sentence = c.sentence(&s, &tokens, &args);
    let mut out = Vec::new();
    for i in 0..args.len() {
        for j in i + 1..args.len() {
            if let Some(r) = sentence.classify(i, j).or_else(|| sentence.open(i, j)) {
                out.push((i, j, r.kind.as_str().to_string(), format!("{:?}", r.source)));
            }
        }
    }
    out
}

pub(super) fn has(
    found: &[(usize, usize, String, String)],
    i: usize,
    j: usize,
    kind: &str,
) -> bool {
    found
        .iter()
        .any(|(a, b, k, _)| (*a, *b) == (i, j) && k == kind)
}

#[test]
fn a_title_glued_to_its_organisation_names_the_person_before_it() {
    let found = all_marked("[P:박영선] 장관은 [P:이정민] 신임 [O:국가정보원]장과 통화했다.");
    // A call is a meeting (`meets`), with the person, not the agency.
    assert!(has(&found, 0, 1, "meets"), "{found:?}");
    assert!(
        !has(&found, 0, 2, "related") && !has(&found, 0, 2, "meets"),
        "{found:?}"
    );
    assert!(
        has(&found, 1, 2, "leads") || has(&found, 1, 2, "employee_of"),
        "{found:?}"
    );
}

#[test]
fn who_exhibits_with_the_subject_takes_part_too() {
    let found = all_marked("[O:한빛전자]는 [O:누리소프트]와 [E:IFA 2025]에서 공동 전시를 열었다.");
    assert!(has(&found, 0, 2, "participates_in"), "{found:?}");
    assert!(has(&found, 1, 2, "participates_in"), "{found:?}");
}

#[test]
fn a_locative_with_a_topic_particle_is_still_where() {
    // `에선` is one token (에서 + ㄴ).
    let found = all_marked("[E:MWC 2026]에선 [O:한빛전자]가 새 스마트폰을 선보였다.");
    assert!(
        found.contains(&(0, 1, "participates_in".into(), "B".into())),
        "{found:?}"
    );
}

#[test]
fn an_event_named_before_the_noun_that_says_what_it_is() {
    let found = all_marked(
        "[O:한국데이터협회]가 서울에서 개최한 ‘[E:데이터 주권의 미래]’ 세미나에는 200명이 모였다.",
    );
    assert!(
        found.contains(&(0, 1, "organizes".into(), "A".into())),
        "{found:?}"
    );
}

#[test]
fn a_prime_minister_is_named_by_the_title_before_the_dative() {
    assert_eq!(
        open_marked("[P:김민국] 국무총리는 [P:박서진] 대통령에게 특별사면을 건의했다."),
        open("A", "특별사면을 건의하다")
    );
}

#[test]
fn a_saying_verb_with_what_is_said() {
    assert_eq!(
        open_marked("[P:홍길동] 의원은 [O:한빛일보] 취재진에게 사과 입장을 밝혔다.")
            .map(|(s, _)| s),
        Some("A".to_string())
    );
    assert_eq!(
        open_marked("[P:홍길동] 의원은 [O:한빛일보]에 대해 말했다."),
        None
    );
}

#[test]
fn a_verb_the_tagger_reads_as_an_adjective() {
    // `논의한` is tagged XSA; an object makes it a verb.
    assert_eq!(
        open_marked("[O:한빛화학]은 [O:미래소재]와 공장 통합안을 논의한 바 있다.").map(|(_, p)| p),
        Some("통합안을 논의하다".to_string())
    );
}

#[test]
fn a_noun_standing_for_the_entity_before_it() {
    assert_eq!(
        open_marked("[L:청주시] 정부는 [O:한빛전자] 측에 보조금을 제안했다.").map(|(s, _)| s),
        Some("A".to_string())
    );
}

#[test]
fn coordinated_subjects_kept_apart() {
    let (s, args) = parse_marked("[L:청주시]와 [L:충주시] 정부는 [O:한빛전자]에 부지를 제공했다.");
    let tokens = analyzer().analyze(&s);
    let c = RelationClassifier::new(analyzer());
    let sentence = c.sentence(&s, &tokens, &args);
    let r = sentence
        .open(0, 2)
        .expect("the first of two coordinated subjects acts too");
    assert_eq!(r.predicate.as_deref(), Some("부지를 제공하다"));
    assert_eq!(format!("{:?}", r.source), "A");
}

#[test]
fn who_invited_through_a_title() {
    // The inviter is named with a title before `초청으로`, and `오는` before
    // the date is a determiner, not a clause.
    let (s, args) = parse_marked(
        "[P:김민수] 총리는 [P:에마 라르센] [L:덴마크] 총리 초청으로 오는 12일부터 [L:덴마크]를 공식 방문한다.",
    );
    let tokens = analyzer().analyze(&s);
    let c = RelationClassifier::new(analyzer());
    let sentence = c.sentence(&s, &tokens, &args);
    let r = sentence.open(0, 1).expect("the inviter is a party");
    assert_eq!(r.predicate.as_deref(), Some("초청으로 방문하다"));
}

#[test]
fn a_complaint_goes_to_an_authority() {
    // `고소까지했던`: the noun, a particle, then 하다; the dative is where the
    // complaint goes, not who is sued.
    let (s, args) = parse_marked("[O:한빛제약]은 [O:경찰]에 고소까지했던 회사다.");
    let tokens = analyzer().analyze(&s);
    let c = RelationClassifier::new(analyzer());
    let sentence = c.sentence(&s, &tokens, &args);
    assert_eq!(sentence.classify(0, 1).map(|r| r.kind), None);
    assert_eq!(
        open_marked("[O:서울중앙지검]에 고소까지했던 [P:홍길동]이 오히려 피소됐다.")
            .map(|(_, p)| p),
        Some("고소하다".to_string())
    );
}

#[test]
fn no_party_inside_parentheses() {
    // The director named in the credits of the work is no party to the
    // interview the subject gives.
    assert_eq!(
        open_marked(
            "배우 [P:한지민]은 서울의 한 카페에서 영화 '봄날'(각본 김수정·감독 [P:이현우]) 인터뷰를 진행했다."
        ),
        None
    );
}

#[test]
fn a_comitative_in_a_list_of_things_is_no_counterpart() {
    assert_eq!(
        open_marked(
            "[O:새봄테크]는 '[D:하늘노트]'와 '바다노트' 운영 경험과 자체 연구를 바탕으로 기술 협력한다."
        ),
        None
    );
    // A counterpart before the predicate still is one.
    assert!(open_marked("[O:새봄테크]는 [O:한빛전자]와 설전을 벌였다.").is_some());
}

#[test]
fn a_subject_of_the_chained_clause_is_the_actor_not_the_topic() {
    assert_eq!(
        open_marked(
            "[P:박 장관]은 그간 양국 실무진이 긴밀히 협의해 [E:한일 정상회담]을 준비해 왔다고 말했다."
        ),
        None
    );
    // Without a subject of its own, the chain shares the topic.
    assert_eq!(
        open_marked("[P:박 장관]은 실무진과 긴밀히 협의해 [E:한일 정상회담]을 준비해 왔다.")
            .map(|(s, _)| s),
        Some("A".to_string())
    );
}

#[test]
fn nested_organisations_before_a_relational_noun_are_not_tied_by_it() {
    // The unit noun belongs to the second organisation; the first is not
    // part of it.
    let (s, args) =
        parse_marked("[O:한빛시청]은 [O:미래부] [O:중부전파관리소] 소속기관으로 설립됐다.");
    let tokens = analyzer().analyze(&s);
    let c = RelationClassifier::new(analyzer());
    let sentence = c.sentence(&s, &tokens, &args);
    assert!(
        sentence
            .classify(1, 2)
            .is_none_or(|r| !(r.kind == RelationKind::PartOf && r.source == Which::A)),
        "the first organisation is not part of the second"
    );
}

#[test]
fn a_place_where_something_is_run_or_put_is_not_a_party() {
    assert_eq!(
        open_marked("[O:한빛철도]는 다음 달부터 [L:호남선]에 새 고속열차를 운행할 계획이다."),
        None
    );
    assert_eq!(
        open_marked("[O:새봄유통]은 지난해 [L:부산]에 물류센터를 오픈했다."),
        None
    );
    // A state that receives something is a party.
    assert_eq!(
        open_marked("[L:폴란드]는 [L:우크라이나]에 전투기를 제공했다."),
        open("A", "전투기를 제공하다")
    );
}

#[test]
fn the_subject_of_a_relative_clause_on_the_object_acts_in_a_subjectless_clause() {
    assert_eq!(
        open_marked("[O:한빛화학]이 울산에 보유한 공장을 [O:새봄에너지]에 매각하기로 했다."),
        open("A", "공장을 매각하다")
    );
    // A plan under discussion is still the act, marked hypothetical.
    assert_eq!(
        open_marked("[O:한빛화학]이 여수에 보유한 설비를 [O:새봄에너지]로 넘기는 방안이 거론된다."),
        open("A", "설비를 넘기다")
    );
    // The main clause's own subject acts, not the relative clause's.
    assert_eq!(
        open_marked("[O:한빛화학]이 만든 설비를 [O:새봄에너지]가 사들였다."),
        None
    );
}

#[test]
fn criticism_of_an_event_and_by_a_state_is_typed() {
    assert_eq!(
        classify_marked("[L:북한]은 지난달 [E:한미연합훈련]을 비난했다."),
        rel("criticizes", "A", None)
    );
    assert_eq!(
        classify_marked("[L:중국] 외교부는 [P:홍길동] 의원의 발언을 규탄했다.").map(|r| r.0),
        None,
        "the ministry speaks, not the state qualifying it"
    );
    assert_eq!(
        classify_marked("[L:이란]은 [L:이스라엘]을 맹비난했다."),
        rel("criticizes", "A", None)
    );
}

#[test]
fn an_interview_with_someone_is_a_meeting() {
    assert_eq!(
        classify_marked("배우 [P:김하늘]은 서울의 한 카페에서 [O:한빛일보]와 인터뷰를 진행했다."),
        rel("meets", "A", None)
    );
    assert_eq!(
        classify_marked("[P:존 스미스] 보좌관은 [P:박민호] 실장과 통화하고 협력을 약속했다."),
        rel("meets", "A", None)
    );
}

#[test]
fn an_adjective_in_ge_is_an_adverb_not_a_predicate() {
    assert_ne!(
        open_marked("[O:한빛노조]는 [O:새봄전자]의 구조조정안을 강하게 반대했다.").map(|(_, p)| p),
        Some("강하다".to_string())
    );
}

/// What a subjectless main clause says of the topic carried from the
/// sentence before (a stand-in person): (kind, predicate).
fn carried_marked(marked: &str) -> Option<(String, String)> {
    let (s, args) = parse_marked(marked);
    assert_eq!(args.len(), 1, "one marker in {marked}");
    let tokens = analyzer().analyze(&s);
    let c = RelationClassifier::new(analyzer());
    let mut sentence = c.sentence(&s, &tokens, &args);
    sentence.add_standin(ArgKind::Person);
    let r = sentence.carried(0)?;
    assert_eq!(r.source, Which::A, "the stand-in acts");
    Some((r.kind.as_str().to_string(), r.predicate.unwrap_or_default()))
}

#[test]
fn a_subjectless_clause_acts_on_its_object_for_the_topic_before() {
    assert_eq!(
        carried_marked("또 [O:한빛대학교]를 방문해 학생들 앞에서 강연에 나선다."),
        Some(("related".to_string(), "방문하다".to_string()))
    );
    assert_eq!(
        carried_marked("이어 [P:김민수] 회장에게 감사 편지를 보냈다."),
        Some(("related".to_string(), "편지를 보내다".to_string()))
    );
    // Who does it with the subject may be who the topic carried stands
    // for; a place it happens in is no party.
    assert_eq!(
        carried_marked("또 [O:새봄전자]와 함께 로봇 시제품을 선보였다."),
        None
    );
    assert_eq!(carried_marked("또 [L:부산]에서 공연을 열었다."), None);
    // `X를 끝으로` says when, not what is acted on.
    assert_eq!(
        carried_marked("지난해 드라마 '[W:푸른 계절]'을 끝으로 입대했다."),
        None
    );
}

#[test]
fn a_conditional_clause_states_a_hypothetical_relation() {
    let (s, args) =
        parse_marked("[L:가나]가 [L:토고]에 무기를 제공할 경우 양국 관계가 악화될 것이다.");
    let tokens = analyzer().analyze(&s);
    let c = RelationClassifier::new(analyzer());
    let sentence = c.sentence(&s, &tokens, &args);
    assert!(sentence.classify(0, 1).is_none());
    let r = sentence.open(0, 1).expect("open relation");
    assert_eq!(r.source, Which::A);
    assert_eq!(r.predicate.as_deref(), Some("무기를 제공하다"));
    assert!(r.hypothetical, "a condition is not asserted");
}

#[test]
fn a_unit_an_organisation_sets_up_is_part_of_it() {
    assert_eq!(
        classify_marked("[O:한빛전자]는 대표이사 직속 [O:미래기술추진단]을 신설했다."),
        rel("part_of", "B", None)
    );
}

#[test]
fn a_certified_letter_is_no_suit() {
    assert_eq!(
        open_marked("[O:새봄테크]는 지난달 [O:한빛전자]에 내용증명을 발송했다."),
        open("A", "내용증명을 발송하다")
    );
}

#[test]
fn an_interview_with_someone_in_a_sentence_without_a_verb() {
    assert_eq!(
        open_marked(
            "어제 [P:김민호] 장관이 [O:한빛통신]과의 인터뷰에서 \"협력을 늘릴 수도 있다.\""
        ),
        open("A", "인터뷰")
    );
    // Another subject between: the phrase is not the first one's.
    assert_eq!(
        open_marked("[P:김민호] 장관이 떠난 뒤 기자들이 [O:한빛통신]과의 인터뷰에서 질문했다."),
        None
    );
}

#[test]
fn what_an_act_about_someone_is_aimed_at() {
    assert_eq!(
        open_marked("[O:한빛당]은 [P:김철수] 의원에 대한 조사를 신청했다."),
        open("A", "조사를 신청하다")
    );
    // The members of a party, in the plural, act for it.
    assert_eq!(
        open_marked("[O:한빛당] 소속 의원들이 [P:김철수] 의원에 대한 조사를 신청했다."),
        open("A", "조사를 신청하다")
    );
}

#[test]
fn an_additive_act_qualified_by_an_entity_is_the_object() {
    assert_eq!(
        carried_marked("또 [O:한빛재단] 연구 개발도 지원한다."),
        Some(("related".to_string(), "개발 지원하다".to_string()))
    );
}

#[test]
fn a_noun_standing_for_an_entity_names_the_topic() {
    let (s, args) = parse_marked("[O:새봄테크] 측은 지난달 소명을 요청했다.");
    let tokens = analyzer().analyze(&s);
    let c = RelationClassifier::new(analyzer());
    let sentence = c.sentence(&s, &tokens, &args);
    assert_eq!(sentence.topic(), engine::Topic::Entity(0));
}

#[test]
fn the_topic_sends_what_a_relative_clause_names() {
    assert_eq!(
        open_marked("[O:한빛전자]는 [O:서울중앙지법]에 낸 가처분 신청서를 통해 피해를 주장했다."),
        open("A", "신청서 내다")
    );
    // A relative clause's object shared with the topic stays for the
    // typed patterns.
    assert_eq!(
        open_marked("[O:한빛전자]는 최근 출시한 [D:새봄폰]을 공개했다.").map(|(_, p)| p),
        None
    );
}

#[test]
fn a_relative_clause_with_its_own_object_is_not_the_topics() {
    assert_eq!(
        open_marked("[L:가나]는 [L:토고]에 대해서 군사적 지원을 하지 못하는 상황이다."),
        None
    );
}

#[test]
fn parallel_topics_keep_their_own_items() {
    // `A는 'X', B는 'Y'를 각각 운영한다`: X is A's, never B's.
    assert_eq!(
        open_marked(
            "간편결제 시장에서 [O:다온]은 '[O:다온페이]', 가람은 '가람페이'를 각각 운영하고 있다."
        ),
        open("A", "운영하다")
    );
    assert_eq!(
        open_marked(
            "간편결제 시장에서 다온은 '[O:다온페이]', [O:가람]은 '가람페이'를 운영하고 있다."
        ),
        None
    );
    assert_eq!(
        open_marked(
            "간편결제 시장에서 다온은 '[O:다온페이]', 가람은 '[O:가람페이]'를 각각 운영하고 있다."
        ),
        None
    );
}

#[test]
fn a_causatives_object_is_no_party() {
    // `B를 V게 하다`: B does the act; the subject only brings it about.
    assert_eq!(
        open_marked("진행자 [P:박서윤]은 농담을 던져 [P:이도현]을 웃게 했다."),
        None
    );
    assert_eq!(
        open_marked("[P:박서윤]은 [P:이도현]에게 꽃다발을 건넸다."),
        open("A", "꽃다발을 건네다")
    );
}
