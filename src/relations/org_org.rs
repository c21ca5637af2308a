//! Organisation ↔ organisation: `subsidiary_of`, `member_of`,
//! `partner_of`, `contract_with`, `competes_with`, `customer_of`,
//! `supplier_of`, `invests_in`, `acquires`.
//!
//! Two shapes: a noun phrase that nests one organisation in the other
//! (`[ORG]의 CSP 자회사인 [ORG]`, `[ORG] 산하 [ORG]`, `[ORG]는 [ORG]의
//! 계열사다`), and a clause whose subject is one organisation (or both,
//! `[ORG]와 [ORG]가`) and whose predicate names the deal (`…와 계약을
//! 체결했다`, `…에 투자했다`, `…를 인수했다`). Nothing across clauses.

use super::context::{Ctx, EF, JKS, JX};
use super::lexicon::{
    COMPETE_NOUNS, CONTRACT_NOUNS, MEMBER_NOUNS, OBJECT_PARTICLES, PARTNER_NOUNS,
    SUBJECT_PARTICLES, SUBSIDIARY_NOUNS,
};
use super::{Arg, Found, RelationKind};

pub(crate) fn classify(ctx: &Ctx, x: Arg, y: Arg) -> Option<Found> {
    let xp = ctx.particle_after(x.end)?;
    let yp = ctx.particle_after(y.end)?;
    nested(ctx, x, y, &xp, &yp)
        .or_else(|| joint(ctx, x, y, &xp, &yp))
        .or_else(|| deal(ctx, x, y, &xp, &yp))
}

/// The last word of a nesting phrase: subsidiary or member.
fn nest_kind(word: &str) -> Option<RelationKind> {
    if SUBSIDIARY_NOUNS.contains(&word) {
        Some(RelationKind::SubsidiaryOf)
    } else if MEMBER_NOUNS.contains(&word) {
        Some(RelationKind::MemberOf)
    } else {
        None
    }
}

/// `[X]의 (CSP) 자회사(인) [Y]`, `[X] 산하 [Y]`, `[Y]는 [X]의 자회사다`,
/// `[X]에서 분사한 [Y]`.
fn nested(ctx: &Ctx, x: Arg, y: Arg, xp: &str, yp: &str) -> Option<Found> {
    let gap = ctx.text(x.end, y.start);
    // Y is nested in X: `X(의) [modifier ≤2 words] 자회사(인) Y`.
    if xp.is_empty() || xp == "의" {
        let rest = gap.get(xp.len()..).unwrap_or("").trim();
        let words: Vec<&str> = rest.split_whitespace().collect();
        if let Some((last, mods)) = words.split_last()
            && mods.len() <= 2
            && gap.ends_with(' ')
        {
            let mods_end = y.start - 1 - last.chars().count();
            if let Some(kind) = nest_kind(last)
                && ctx.only_noun_phrase(x.end, mods_end)
            {
                return Some(Found::new(kind, false, 0.85, y.end));
            }
        }
    }
    // `Y의 모회사 X`: the second is the parent.
    if (xp.is_empty() || xp == "의")
        && matches!(
            gap.get(xp.len()..).unwrap_or("").trim(),
            "모회사" | "모회사인" | "지주회사" | "지주회사인" | "지주사인" | "지주사"
        )
        && gap.ends_with(' ')
    {
        return Some(Found::new(RelationKind::SubsidiaryOf, true, 0.85, y.end));
    }
    // `Y는 … X에 소속된 …`, `Y는 X에 속하는 …`
    if SUBJECT_PARTICLES.contains(&xp) && yp == "에" {
        let after = ctx.skip_ws(y.end + 1);
        let (w, e) = ctx.word_at(after);
        if matches!(
            w.as_str(),
            "소속된" | "속하는" | "속한" | "소속돼" | "소속되어" | "속해"
        ) && !ctx.toks.iter().any(|t| {
            t.start >= x.end + xp.chars().count() && t.end <= y.start && t.has(EF | JKS | JX)
        }) {
            return Some(Found::new(RelationKind::MemberOf, true, 0.8, e));
        }
    }
    // `X에 소속된 Y`, `X 산하의 Y` is above; `X에 속한 Y`:
    if xp == "에"
        && matches!(
            gap.get(xp.len()..).unwrap_or("").trim(),
            "소속된" | "속한" | "속하는" | "소속된 팀인" | "소속한"
        )
    {
        return Some(Found::new(RelationKind::MemberOf, false, 0.8, y.end));
    }
    // `X에서 분사한 Y`, `X가 분사한 Y`
    let g = gap.trim();
    for p in ["에서", "이", "가", "로부터"] {
        if let Some(rest) = g.strip_prefix(p)
            && matches!(
                rest.trim(),
                "분사한" | "분사된" | "분사해 설립된" | "물적분할한" | "물적분할된"
            )
        {
            return Some(Found::new(RelationKind::SubsidiaryOf, false, 0.85, y.end));
        }
    }
    // `세리에 A의 AC 밀란은`: an organisation qualified by another with `의`
    // and ending its noun phrase is part of it (a club of a league, a
    // bureau of a ministry). Weak: low confidence.
    if xp == "의" && gap == "의 " && !yp.is_empty() && !matches!(yp, "의" | "와" | "과" | "및")
    {
        return Some(Found::new(RelationKind::MemberOf, false, 0.55, y.end));
    }
    // X is nested in Y: `X는 Y의 자회사다`, `X(Y 계열사)`.
    let subject_gap = SUBJECT_PARTICLES.contains(&xp) && g == xp;
    let paren_gap = gap == "(";
    if subject_gap || paren_gap {
        let after = y.end + yp.chars().count();
        let (w, _) = ctx.word_at(ctx.skip_ws(after));
        let stem = w
            .trim_end_matches("이다")
            .trim_end_matches('다')
            .trim_end_matches("이며")
            .trim_end_matches("로");
        if (yp.is_empty() || yp == "의")
            && let Some(kind) = nest_kind(stem)
        {
            let ok = if paren_gap {
                ctx.chars.get(ctx.skip_ws(after) + w.chars().count()) == Some(&')')
            } else {
                w != stem || w.ends_with('인')
            };
            if ok {
                return Some(Found::new(kind, true, 0.8, after + w.chars().count()));
            }
        }
    }
    None
}

/// The deal noun of a clause: a contract if one is named (`협력 계약` is a
/// contract), else a partnership, else competition.
fn deal_kind(ctx: &Ctx, from: usize, to: usize) -> Option<(RelationKind, usize)> {
    [
        (&CONTRACT_NOUNS[..], RelationKind::ContractWith),
        (&PARTNER_NOUNS[..], RelationKind::PartnerOf),
        (&COMPETE_NOUNS[..], RelationKind::CompetesWith),
    ]
    .into_iter()
    .find_map(|(words, kind)| {
        ctx.find_word(from, to, words, false)
            .map(|(at, w)| (kind, at + w.chars().count()))
    })
}

/// `[X]와 [Y]가 … MOU를 체결했다`, `[X]는 [Y]와 … 계약을 맺었다`.
fn joint(ctx: &Ctx, x: Arg, y: Arg, xp: &str, yp: &str) -> Option<Found> {
    let gap = ctx.text(x.end, y.start);
    let g = gap.trim();
    let coordinated = matches!(xp, "와" | "과") && g == xp || g == "·" || g == "및";
    let y_with = matches!(yp, "와" | "과" | "와의" | "과의");
    let joined = coordinated && (SUBJECT_PARTICLES.contains(&yp) || yp == "의");
    let with = SUBJECT_PARTICLES.contains(&xp)
        && y_with
        && !ctx.clause_break(x.end, y.start)
        && gap.split_whitespace().count() <= 4;
    if !joined && !with {
        return None;
    }
    let clause_start = y.end + yp.chars().count();
    let end = ctx.clause_end(clause_start);
    let (kind, trigger_end) = deal_kind(ctx, clause_start, end)?;
    // The deal noun must be followed by the clause's verb within a few
    // words, not sit in a subordinate noun phrase far away.
    if trigger_end > end {
        return None;
    }
    Some(Found::new(kind, true, 0.8, trigger_end))
}

/// One-sided deals: `[X]는 [Y]에 투자했다`, `[X]가 [Y]를 인수했다`,
/// `[X]는 [Y]에 … 공급한다`, `[X]는 [Y]의 … 를 도입했다`, `[X]의 [Y] 인수`.
fn deal(ctx: &Ctx, x: Arg, y: Arg, xp: &str, yp: &str) -> Option<Found> {
    let gap = ctx.text(x.end, y.start);
    let g = gap.trim();
    // `[X]의 [Y] 인수`
    if xp == "의" && g == "의" && yp.is_empty() {
        let after = ctx.skip_ws(y.end);
        for (w, kind) in [
            ("인수", RelationKind::Acquires),
            ("투자", RelationKind::InvestsIn),
        ] {
            if ctx.starts_with(after, w) {
                return Some(Found::new(kind, true, 0.75, after + 2));
            }
        }
    }
    // `[X]가 인수한 [Y]`
    if matches!(xp, "가" | "이") {
        let rest = g.get(xp.len()..).unwrap_or("").trim();
        if rest == "인수한" || rest == "투자한" {
            let kind = if rest == "인수한" {
                RelationKind::Acquires
            } else {
                RelationKind::InvestsIn
            };
            return Some(Found::new(kind, true, 0.75, y.start));
        }
    }
    // `[Y]를 인수한 [X]` is written Y first: here x is the object.
    if OBJECT_PARTICLES.contains(&xp) && g.strip_prefix(xp).is_some_and(|r| r.trim() == "인수한")
    {
        return Some(Found::new(RelationKind::Acquires, false, 0.75, y.start));
    }
    if !SUBJECT_PARTICLES.contains(&xp) || ctx.clause_break(x.end, y.start) {
        return None;
    }
    if gap.split_whitespace().count() > 4
        || !ctx.only_noun_phrase(x.end + xp.chars().count(), y.start)
    {
        return None;
    }
    let after = y.end + yp.chars().count();
    let end = ctx.clause_end(after);
    let verb = |words: &[&str]| {
        ctx.find_word(after, end, words, false)
            .map(|(i, w)| i + w.chars().count())
    };
    match yp {
        "을" | "를" => {
            let head = ctx.skip_ws(after);
            for (w, kind) in [
                ("인수", RelationKind::Acquires),
                ("합병", RelationKind::Acquires),
                ("흡수합병", RelationKind::Acquires),
            ] {
                if ctx.starts_with(head, w) {
                    return Some(Found::new(kind, true, 0.8, head + w.chars().count()));
                }
            }
            None
        }
        "에" | "에게" => {
            if let Some(e) = verb(&["투자"]) {
                return Some(Found::new(RelationKind::InvestsIn, true, 0.8, e));
            }
            if let Some(e) = verb(&["공급", "납품", "판매", "제공"])
                && ctx.find_any(after, end, &["공급받", "제공받"]).is_none()
            {
                return Some(Found::new(RelationKind::SupplierOf, true, 0.75, e));
            }
            None
        }
        "로부터" | "으로부터" | "에서" => {
            if let Some(e) = verb(&["공급받", "납품받", "구매", "구입", "도입", "제공받"])
            {
                return Some(Found::new(RelationKind::CustomerOf, true, 0.75, e));
            }
            if yp == "로부터"
                && let Some(e) = verb(&["투자를 유치", "투자 유치", "투자를 받"])
            {
                return Some(Found::new(RelationKind::InvestsIn, false, 0.75, e));
            }
            None
        }
        "의" => {
            if let Some(e) = verb(&["도입", "구매", "구입", "채택", "재판매"]) {
                return Some(Found::new(RelationKind::CustomerOf, true, 0.7, e));
            }
            None
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::relations::tests::{classify_marked, rel};

    #[test]
    fn a_listed_member_holds_the_noun_of_the_subject() {
        assert_eq!(
            classify_marked(
                "[O:한빛정보]는 [O:가온항공], 누리생명 등 다양한 고객사의 전환을 도왔다."
            ),
            rel("customer_of", "B", None)
        );
        assert_eq!(
            classify_marked(
                "[O:스마트홈연합]은 한빛전자와 [O:누리전자]를 포함한 20개 회원사로 구성된다."
            ),
            rel("member_of", "B", None)
        );
        assert_eq!(
            classify_marked(
                "[O:한빛은행]은 [O:누리뱅크] 등 경쟁사들의 이용자가 늘어난 것과 대조적이다."
            ),
            rel("competes_with", "B", None)
        );
        // Another subject between: the list is not said of the first.
        assert_eq!(
            classify_marked("[O:한빛정보]는 성장했고 누리전자는 [O:가온항공] 등 고객사를 잃었다."),
            None
        );
    }

    #[test]
    fn a_counted_quantity_before_the_noun_of_a_listed_member_is_no_name() {
        // The pipeline marks quantities (`12개`): the list still closes on
        // the subject's noun.
        let found = crate::relations::open_tests::all_marked(
            "[O:가전연동협의체]는 [O:한빛전자]와 [O:누리전자]를 포함한 [X:12개] 회원사의 앱으로 기기를 제어한다.",
        );
        for j in [1, 2] {
            assert!(
                crate::relations::open_tests::has(&found, 0, j, "member_of"),
                "{found:?}"
            );
        }
    }

    #[test]
    fn a_complaint_is_of_the_subject_of_its_reason_clause() {
        // `B가 …했다며 고소했다`: the quoted reason names whom the complaint is of.
        assert_eq!(
            classify_marked(
                "[O:한빛화장품]은 [O:누리코스메틱]이 자사 용기 디자인을 베꼈다며 경찰에 고소했다."
            ),
            rel("sues", "A", Some("고소"))
        );
        assert_eq!(
            classify_marked("[O:가온연대]는 [O:한빛건설]이 안전 규정을 어겼다며 비판했다."),
            rel("criticizes", "A", None)
        );
        // Whoever the complainant, written after the reason clause.
        assert_eq!(
            classify_marked(
                "[O:누리코스메틱]이 디자인을 베꼈다며 경찰에 고소한 [O:한빛화장품]은 입장을 밝혔다."
            ),
            rel("sues", "B", Some("고소"))
        );
        // A verb that states no complaint says nothing of the quoted subject.
        assert_eq!(
            classify_marked("[O:한빛화장품]은 [O:누리코스메틱]이 성장했다며 축하했다."),
            None
        );
    }

    #[test]
    fn what_stands_before_a_quoted_reason_belongs_to_the_verb_quoting_it() {
        // `상대로` and the 에서 subject are the suit's, not the reason clause's.
        assert_eq!(
            classify_marked(
                "최근 [O:한빛중개협회]에서도 [O:누리부동산]을 상대로 법 위반 혐의가 있다며 소송을 냈다."
            ),
            rel("sues", "A", Some("소송"))
        );
    }

    #[test]
    fn a_suit_is_against_its_opponent_not_the_court_it_is_filed_at() {
        assert_eq!(
            classify_marked("[O:한빛전자]는 [O:누리디스플레이]를 상대로 특허 침해 소송을 냈다."),
            rel("sues", "A", Some("소송"))
        );
        // The court in 에 is where it is filed.
        assert_eq!(
            classify_marked("[O:한빛전자]는 [O:서울중앙지방법원]에 특허 침해 소송을 제기했다."),
            None
        );
        assert_eq!(
            classify_marked("[O:누리식품]은 [O:수원지방법원]에 판매금지 가처분을 신청했다."),
            None
        );
        // Brought (걸다) against the dative.
        assert_eq!(
            classify_marked("[O:한빛전자]는 [O:누리디스플레이]에 특허 소송을 걸었다."),
            rel("sues", "A", Some("소송"))
        );
    }

    #[test]
    fn a_list_closed_by_deung_before_an_owner_and_its_line() {
        assert_eq!(
            classify_marked("[D:누리폰 X], 누리탭 등 [O:한빛전자] 모바일 제품을 도입했다."),
            rel("product_of", "A", None)
        );
        // A relational noun between is no product line.
        assert_eq!(
            classify_marked("[D:누리폰 X], 누리탭 등 [O:한빛전자] 협력사 제품을 도입했다."),
            None
        );
    }

    #[test]
    fn becoming_a_relational_noun() {
        assert_eq!(
            classify_marked("[O:누리로보틱스]는 [O:한빛전자]의 자회사가 됐다."),
            rel("subsidiary_of", "A", None)
        );
        assert_eq!(
            classify_marked("[O:누리로보틱스]는 내년 [O:한빛전자] 계열사가 된다."),
            rel("subsidiary_of", "A", None)
        );
        assert_eq!(
            classify_marked("[O:누리로보틱스]는 다음 달 [O:한빛전자] 자회사로 편입된다."),
            rel("subsidiary_of", "A", None)
        );
        // A subject that is no relational noun's owner says nothing.
        assert_eq!(
            classify_marked("[O:누리로보틱스]는 [O:한빛전자]의 적이 됐다."),
            None
        );
    }

    #[test]
    fn whoever_acts_at_an_event_takes_part() {
        assert_eq!(
            classify_marked("[O:누리맵]은 '[E:한빛쇼 2025]'에서 신형 지도를 내놨다."),
            rel("participates_in", "A", None)
        );
        assert_eq!(
            classify_marked("[P:정해진] 대표는 [E:한빛쇼 2025] 기자간담회에서 이같이 말했다."),
            rel("participates_in", "A", None)
        );
        // The place of an adnominal clause is not the subject's.
        assert_eq!(
            classify_marked("[O:누리맵]은 [E:한빛쇼 2025]에서 열린 회의 결과를 반겼다."),
            None
        );
    }

    #[test]
    fn an_organisation_in_eseo_is_the_subject() {
        assert_eq!(
            classify_marked("[O:한빛전자]에서 지난달 출시한 [D:누리폰]이 인기다."),
            rel("product_of", "B", None)
        );
        // Not beside a subject of the clause's own.
        assert_eq!(
            classify_marked("[O:한빛전자]에서 누리소프트가 출시한 [D:누리폰]이 인기다."),
            None
        );
    }

    #[test]
    fn a_topic_led_by_the_subject() {
        assert_eq!(
            classify_marked("[O:누리로봇]은 구글 출신인 [P:정해진] 대표가 이끌고 있다."),
            rel("leads", "B", Some("대표"))
        );
    }

    #[test]
    fn a_verbal_noun_with_jung() {
        assert_eq!(
            classify_marked("[O:한빛반도체]는 메모리를 [O:누리전자]에 공급 중이다."),
            rel("supplier_of", "A", None)
        );
    }

    #[test]
    fn a_product_named_before_its_descriptor() {
        assert_eq!(
            classify_marked("[O:한빛전자]는 '[D:누리 맥스]' 신제품을 출시했다."),
            rel("product_of", "B", None)
        );
        assert_eq!(
            classify_marked("[O:한빛우주]가 10년째 개발해온 [D:별빛] 로켓이 발사됐다."),
            rel("product_of", "B", None)
        );
        assert_eq!(
            classify_marked("[O:한빛화장품]이 지난 2021년 3월 출시한 '[D:누리크림]'이 인기다."),
            rel("product_of", "B", None)
        );
    }

    #[test]
    fn subsidiaries() {
        assert_eq!(
            classify_marked("[O:KT]의 CSP 자회사인 [O:KT클라우드]는 성장했다."),
            rel("subsidiary_of", "B", None)
        );
        assert_eq!(
            classify_marked("[O:KT] 계열사 [O:KT클라우드]가 나섰다."),
            rel("subsidiary_of", "B", None)
        );
        assert_eq!(
            classify_marked("[O:KT클라우드]는 [O:KT]의 자회사다."),
            rel("subsidiary_of", "A", None)
        );
        assert_eq!(
            classify_marked("[O:KT]에서 분사한 [O:KT클라우드]는 커졌다."),
            rel("subsidiary_of", "B", None)
        );
        assert_eq!(
            classify_marked("[O:세리에 A]의 [O:AC 밀란]은 이겼다."),
            rel("member_of", "B", None)
        );
        assert_eq!(classify_marked("[O:KT]의 [O:MS] 애저 도입은 늦었다."), None);
        assert_eq!(
            classify_marked("[O:신동아]의 모회사 [O:동아일보사]는 사과했다."),
            rel("subsidiary_of", "A", None)
        );
        assert_eq!(
            classify_marked("[O:오메가]는 스위스의 [O:스와치 그룹]에 속하는 회사다."),
            rel("member_of", "A", None)
        );
        assert_eq!(
            classify_marked("[O:과학기술정보통신부] 산하 [O:한국지능정보사회진흥원]이 맡는다."),
            rel("part_of", "B", None)
        );
    }

    #[test]
    fn a_stake_counted_by_a_quantity_and_a_headline_with_two_names() {
        // The object noun of `지분+인수하다` is the one a quantity counts.
        assert_eq!(
            classify_marked("[O:한빛전자]가 [O:대성정밀] 지분 30%를 인수했다."),
            rel("invests_in", "A", None)
        );
        assert_eq!(
            classify_marked("[O:한빛전자]는 [O:대성정밀] 주식 200만주를 사들였다."),
            rel("invests_in", "A", None)
        );
        // A headline's `A, B … 인수`: the comma marks the subject, not a list.
        assert_eq!(
            classify_marked("[O:한빛전자], [O:대성정밀] 지분 30% 인수"),
            rel("invests_in", "A", None)
        );
        assert_eq!(
            classify_marked("[O:한빛전자], [O:대성정밀] 인수"),
            rel("acquires", "A", None)
        );
        // A list of three stays a list.
        assert_eq!(
            classify_marked("[O:한빛전자], [O:대성정밀], 미래화학 인수"),
            None
        );
    }

    #[test]
    fn members_of_a_list_closed_by_deung_are_what_follows() {
        assert_eq!(
            classify_marked(
                "한빛전자는 '누리 클라우드', [D:누리 보안] 등 [O:대성정밀] 제품을 도입한다."
            ),
            rel("product_of", "A", None)
        );
        assert_eq!(
            classify_marked(
                "한빛전자는 [D:누리 클라우드], '누리 보안' 등 [O:대성정밀] 제품을 도입한다."
            ),
            rel("product_of", "A", None)
        );
    }

    #[test]
    fn deals() {
        assert_eq!(
            classify_marked(
                "[O:KT]는 최근 [O:MS]와 1억2000만달러 규모의 클라우드 계약을 체결했다."
            ),
            rel("contract_with", "A", None)
        );
        assert_eq!(
            classify_marked("[O:KT]와 [O:MS]는 인공지능 분야에서 전략적 파트너십을 맺었다."),
            rel("partner_of", "A", None)
        );
        assert_eq!(
            classify_marked("[O:MS]는 [O:오픈AI]에 대규모로 투자했다."),
            rel("invests_in", "A", None)
        );
        assert_eq!(
            classify_marked("[O:MS]가 [O:깃허브]를 인수했다."),
            rel("acquires", "A", None)
        );
        assert_eq!(
            classify_marked("[O:KT]는 [O:MS]의 클라우드를 도입했다."),
            rel("customer_of", "A", None)
        );
    }

    #[test]
    fn supply_and_flags() {
        assert_eq!(
            classify_marked("[O:현대차]는 [O:LG에너지솔루션]으로부터 배터리를 공급받는다."),
            rel("supplier_of", "B", None)
        );
        assert_eq!(
            classify_marked("[O:LG에너지솔루션]은 [O:현대차]에 배터리를 공급한다."),
            rel("supplier_of", "A", None)
        );
        assert_eq!(
            classify_marked("[O:KT]는 [O:MS]와의 협력을 통해 매출을 늘렸다."),
            rel("partner_of", "A", None)
        );
        let r = crate::relations::tests::classify_full(
            "업계에서는 [O:KT]가 [O:MS]와 합작법인을 세울 것이라는 전망이 나온다.",
        )
        .unwrap();
        assert!(r.hypothetical && r.kind.as_str() == "partner_of");
        let r = crate::relations::tests::classify_full(
            "[O:KT]는 [O:MS]와 계약을 체결했다는 보도를 부인했다.",
        )
        .unwrap();
        assert!(r.negated && r.kind.as_str() == "contract_with");
    }

    #[test]
    fn unrelated_orgs_are_none() {
        assert_eq!(
            classify_marked("[O:KT]는 올해 [O:LG유플러스]보다 높은 성장률을 기록했다."),
            None
        );
        assert_eq!(classify_marked("[O:KT]와 [O:MS]의 주가가 올랐다."), None);
        assert_eq!(
            classify_marked("[O:KT]는 실적을 발표했고 [O:MS]는 계약을 맺었다."),
            None
        );
        assert_eq!(
            classify_marked("[O:KT], [O:SK텔레콤], LG유플러스가 참여했다."),
            None
        );
    }

    #[test]
    fn owners_listed_before_a_joint_venture_are_not_parent_and_child() {
        assert_eq!(
            classify_marked("[O:한빛전자]-[O:대성정밀] 합작사 누리소재가 문을 열었다."),
            None
        );
        assert_eq!(
            classify_marked("[O:한빛전자]·[O:대성정밀] 합작법인이 출범했다."),
            None
        );
        assert_eq!(
            classify_marked("[O:한빛전자] 자회사 [O:대성정밀]이 문을 열었다."),
            rel("subsidiary_of", "B", None)
        );
    }

    #[test]
    fn owners_who_invest_to_found_a_company_founded_it() {
        // The relative clause right after the connective one shares its
        // subject: each owner listed founded the joint company.
        assert_eq!(
            classify_marked(
                "[O:한빛전자]가 대성정밀과 함께 출자해 세운 합작법인 [O:누리에너지]가 공장을 짓는다."
            ),
            rel("founded_by", "B", None)
        );
        assert_eq!(
            classify_marked(
                "[O:새봄테크]가 전액 출자해 설립한 현지법인 [O:누리에너지]가 문을 열었다."
            ),
            rel("founded_by", "B", None)
        );
    }

    #[test]
    fn who_holds_a_stake_in_the_company_a_clause_modifies_invests_in_it() {
        assert_eq!(
            classify_marked(
                "한빛전자는 [O:새봄테크]가 지분 40%를 보유한 [O:누리에너지]를 통해 배터리를 생산한다."
            ),
            rel("invests_in", "A", None)
        );
    }
}
