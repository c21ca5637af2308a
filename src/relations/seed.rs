//! What sentences like those of the seed article (KT, Microsoft, KT클라우드;
//! issue 5) must give. The sentences are written for this test; the facts
//! are from the news.

use super::tests::{classify_full, classify_marked, rel};
use super::{Duration, find_duration};

#[test]
fn kim_young_shub_heads_kt() {
    assert_eq!(
        classify_marked("[P:김영섭] [O:KT] 대표는 23일 서울 광화문 사옥에서 기자간담회를 열었다."),
        rel("ceo_of", "A", Some("대표"))
    );
}

#[test]
fn kim_young_shub_led_lg_cns_before() {
    assert_eq!(
        classify_marked("[O:LG CNS] 출신 [P:김영섭] KT 대표가 클라우드 사업을 직접 챙긴다."),
        rel("former_employee_of", "B", None)
    );
    assert_eq!(
        classify_marked("[P:김영섭] KT 대표는 [O:LG CNS] 대표 시절 클라우드 전환 사업을 키웠다."),
        rel("former_ceo_of", "A", Some("대표"))
    );
    assert_eq!(
        classify_marked("[P:김영섭]은 [O:LG CNS] 대표 시절부터 MS와 가까웠다."),
        rel("former_ceo_of", "A", Some("대표"))
    );
}

#[test]
fn satya_nadella_heads_microsoft() {
    assert_eq!(
        classify_marked("[P:사티아 나델라] [O:MS] CEO 겸 이사회 의장은 KT와의 협력을 강조했다."),
        rel("ceo_of", "A", Some("CEO"))
    );
}

#[test]
fn kt_cloud_is_a_kt_subsidiary() {
    assert_eq!(
        classify_marked("[O:KT]의 CSP 자회사인 [O:KT클라우드]는 공공 클라우드 시장을 노린다."),
        rel("subsidiary_of", "B", None)
    );
}

#[test]
fn choi_ji_woong_heads_kt_cloud() {
    assert_eq!(
        classify_marked(
            "[O:KT클라우드]는 이사회를 열고 [P:최지웅] KT 기업서비스부문장을 신임 대표로 선임했다."
        ),
        rel("ceo_of", "B", Some("대표"))
    );
}

#[test]
fn kt_contracts_with_microsoft() {
    let r = classify_full(
        "[O:KT]는 최근 [O:MS]와 1억2000만달러 규모의 클라우드·AI 협력 계약을 5년간 체결했다.",
    )
    .unwrap();
    assert_eq!(r.kind.as_str(), "contract_with");
    let money = r.money.unwrap();
    assert_eq!((money.amount, money.currency), (120_000_000.0, "USD"));
    assert_eq!(
        r.duration,
        Some(Duration {
            value: 5,
            unit: "year"
        })
    );
    assert!(!r.negated && !r.hypothetical);
    // An earlier amount in the sentence is not the contract's.
    let r = classify_full("매출 5000억원을 올린 [O:KT]는 [O:MS]와 2억달러 규모의 계약을 맺었다.")
        .unwrap();
    assert_eq!(
        r.money.map(|m| (m.amount, m.currency)),
        Some((200_000_000.0, "USD"))
    );
    // The duration may come in the next sentence: the caller reads it there.
    let r = classify_full("[O:KT]는 최근 [O:MS]와 1억2000만달러 규모의 계약을 체결했다.").unwrap();
    assert_eq!(r.duration, None);
    assert_eq!(
        find_duration("계약 기간은 향후 5년이다."),
        Some(Duration {
            value: 5,
            unit: "year"
        })
    );
}

#[test]
fn kt_uses_azure_and_azure_is_microsofts() {
    assert_eq!(
        classify_marked("[O:KT]는 MS [D:애저]를 자사 클라우드 서비스에 도입한다."),
        rel("uses", "A", None)
    );
    assert_eq!(
        classify_marked("KT는 [O:MS] [D:애저]를 도입한다."),
        rel("product_of", "B", None)
    );
    assert_eq!(
        classify_marked("[O:MS]의 클라우드 서비스 '[D:애저](Azure)'를 KT가 재판매한다."),
        rel("product_of", "B", None)
    );
}

#[test]
fn kt_turning_msp_is_hypothetical() {
    let r =
        classify_full("[O:KT]가 MS [D:애저]를 도입해 MSP로 전환할 가능성이 크다는 관측이 나온다.")
            .unwrap();
    assert_eq!(r.kind.as_str(), "uses");
    assert!(r.hypothetical);
}

#[test]
fn koo_hyun_mo_led_kt_before() {
    assert_eq!(
        classify_marked("[O:KT]는 [P:구현모] 전 대표 시절 클라우드 사업부를 떼어 냈다."),
        rel("former_ceo_of", "B", Some("대표"))
    );
    // Without a time phrase the title may belong to another organisation.
    assert_eq!(
        classify_marked("[O:금융위원회]는 [P:김철수] 대표에게 과징금을 물렸다."),
        None
    );
}
