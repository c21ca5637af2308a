//! Relations about people and events (meetings, taking part, criticism), on
//! sentences written for these tests.

use super::open_tests::{all_marked, has};

#[test]
fn a_summit_held_in_the_polite_form_is_a_meeting() {
    // `엽니다` is read `엽/NNG 니다/VCP`: the verb 열다 all the same.
    let found = all_marked(
        "[P:이재명] 대통령은 다음 주 [L:도쿄]에서 [P:기시다 후미오] 총리와 [E:정상회담]을 엽니다.",
    );
    assert!(has(&found, 0, 2, "meets"), "{found:?}");
    assert!(has(&found, 2, 3, "participates_in"), "{found:?}");
}

#[test]
fn an_organisation_where_two_people_meet_is_no_party() {
    let found =
        all_marked("오는 5일에는 [O:청와대]에서 [P:마크롱] 대통령과 [E:정상회담]을 엽니다.");
    assert!(!has(&found, 0, 1, "meets"), "{found:?}");
}

#[test]
fn whoever_acts_in_the_course_of_an_event_takes_part() {
    let found = all_marked(
        "[P:김민석] 장관은 지난주 [E:국정감사] 과정에서 예산 삭감 문제를 거듭 해명했다.",
    );
    assert!(has(&found, 0, 1, "participates_in"), "{found:?}");
}
