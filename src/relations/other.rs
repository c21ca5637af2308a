//! The smaller families: `alias_of` (any two names of the same kind),
//! `product_of` / `uses` (organisation ↔ product), `headquartered_in`
//! (organisation → place), `founded_on` (organisation → date) and
//! `has_title` (person → title, KLUE's `POH` titles).

use super::context::Ctx;
use super::lexicon::{
    FOUND_VERBS, MAKE_VERBS, NAME_LEADS as LEADS, ORG_BEFORE_PLACE as BETWEEN,
    PLACE_BEFORE_ORG as BEFORE_ORG, SUBJECT_PARTICLES, USE_VERBS,
};
use super::{Arg, ArgKind, Found, RelationKind};

/// `마이크로소프트(MS)`, `국제표준화기구(ISO)`, `전주방송(全州放送, 약칭
/// JTV)`, `시우민(김민석·29)`: the second name in parentheses right after
/// the first. Both must be the same kind of thing (or one of them
/// unclassified), and a number is never a name.
pub(crate) fn alias(ctx: &Ctx, x: Arg, y: Arg) -> Option<Found> {
    use ArgKind::*;
    let compatible = x.kind == y.kind && matches!(x.kind, Person | Org | Product | Location)
        || matches!(
            (x.kind, y.kind),
            (Other, Person | Org | Product) | (Person | Org | Product, Other)
        );
    if !compatible {
        return None;
    }
    let yt = ctx.text(y.start, y.end);
    if yt
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace() || c == '.' || c == ',')
    {
        return None;
    }
    let gap = ctx.text(x.end, y.start);
    let inner = gap.trim_start_matches(' ').strip_prefix('(')?;
    if inner.contains(')') || inner.contains('(') {
        return None;
    }
    let inner = inner.trim_end_matches(['\'', '‘', '"', '“']);
    let lead_ok = LEADS.contains(&inner.trim())
        || inner.rfind(", ").is_some_and(|i| {
            let (original, lead) = (&inner[..i], inner[i + 2..].trim());
            // `(國際氷上競技聯盟, ISU)`: the name in its own script first.
            LEADS.contains(&lead)
                && !original.is_empty()
                && original
                    .chars()
                    .all(|c| !('\u{AC00}'..='\u{D7A3}').contains(&c))
                || matches!(
                    lead,
                    "약칭" | "약칭:" | "이하" | "줄여서" | "영문명" | "본명" | "예명"
                )
        });
    if !lead_ok {
        return None;
    }
    let close = ctx.chars.get(y.end).copied();
    if !matches!(close, Some(')' | ',' | '·' | '/' | '\'' | '’' | '"' | '”')) {
        return None;
    }
    // `KT(대표 김영섭)` is not an alias: the parenthesis must hold a name
    // only, which the particle check on `lead_ok` already ensures.
    Some(Found::new(RelationKind::AliasOf, false, 0.85, y.end + 1))
}

/// Organisation ↔ product: `MS 애저`, `MS의 클라우드 서비스 '애저'` →
/// `product_of`; `KT는 MS 애저를 도입했다` → `uses`.
pub(crate) fn org_product(ctx: &Ctx, first: Arg, second: Arg) -> Option<Found> {
    let org_first = first.kind == ArgKind::Org;
    let fp = ctx.particle_after(first.end)?;
    let sp = ctx.particle_after(second.end)?;
    let gap = ctx.text(first.end, second.start);
    if org_first {
        let (o, p) = (first, second);
        // `MS 애저`, `MS의 애저`, `MS의 클라우드 서비스 '애저'`
        if fp.is_empty() || fp == "의" {
            let rest = gap
                .get(fp.len()..)
                .unwrap_or("")
                .trim_end_matches(['\'', '‘', '"', '“', '「', '《', '<']);
            let words = rest.split_whitespace().count();
            if (rest.is_empty() || rest.starts_with(' '))
                && words <= 3
                && ctx.only_noun_phrase(o.end, p.start)
            {
                return Some(Found::new(RelationKind::ProductOf, false, 0.8, p.end));
            }
        }
        // `MS가 개발한 애저`
        if matches!(fp.as_str(), "이" | "가") {
            let rest = gap.get(fp.len()..).unwrap_or("").trim();
            if MAKE_VERBS.contains(&rest) {
                return Some(Found::new(RelationKind::ProductOf, false, 0.8, p.end));
            }
        }
        // `KT는 (MS) 애저를 … 도입했다`
        if SUBJECT_PARTICLES.contains(&fp.as_str())
            && !ctx.clause_break(o.end, p.start)
            && gap.split_whitespace().count() <= 5
        {
            let after = p.end + sp.chars().count();
            let end = ctx.clause_end(after);
            let object = matches!(sp.as_str(), "을" | "를" | "" | "의");
            if object && let Some((i, w)) = ctx.find_word(after, end, &USE_VERBS, false) {
                // Not too far from the product: a few words at most.
                if ctx.text(after, i).split_whitespace().count() <= 4 {
                    return Some(Found::new(
                        RelationKind::Uses,
                        true,
                        0.75,
                        i + w.chars().count(),
                    ));
                }
            }
        }
        None
    } else {
        let (p, o) = (first, second);
        // `애저는 MS가 개발한 …`, `애저(MS)`
        if SUBJECT_PARTICLES.contains(&fp.as_str())
            && gap.trim() == fp
            && matches!(sp.as_str(), "이" | "가")
        {
            let after = ctx.skip_ws(o.end + sp.chars().count());
            if let Some(v) = MAKE_VERBS.iter().find(|v| ctx.starts_with(after, v)) {
                return Some(Found::new(
                    RelationKind::ProductOf,
                    true,
                    0.8,
                    after + v.chars().count(),
                ));
            }
        }
        // `[PRODUCT]를 개발한 [ORG]`
        if matches!(fp.as_str(), "을" | "를") {
            let rest = gap.get(fp.len()..).unwrap_or("").trim();
            if MAKE_VERBS
                .iter()
                .any(|v| rest == v.replace("하는", "한") || rest == *v)
            {
                return Some(Found::new(RelationKind::ProductOf, true, 0.8, o.end));
            }
        }
        let _ = p;
        None
    }
}

/// Organisation → place: `서울에 본사를 둔 KT`, `KT 본사가 있는 성남`,
/// `미국 캘리포니아주를 연고지로 하는 팀`.
pub(crate) fn org_location(ctx: &Ctx, first: Arg, second: Arg) -> Option<Found> {
    let gap = ctx.text(first.end, second.start);
    let g = gap.trim();
    let fp = ctx.particle_after(first.end)?;
    if first.kind == ArgKind::Location {
        // Place first: `L에 본사를 둔 O`, `L 소재 O`, `L를 연고지로 하는 O`.
        if BEFORE_ORG.contains(&g) {
            let conf = if g == "에 있는" { 0.7 } else { 0.85 };
            return Some(Found::new(
                RelationKind::HeadquarteredIn,
                false,
                conf,
                second.end,
            ));
        }
        // `미국 MS`, `중국의 화웨이`, `말레이시아 국영 에너지회사인 페트로나스`:
        // a place written as the organisation's origin.
        let (bare, _) = ctx.word_at(first.end);
        if !origin_shaped(ctx, first, second) {
            return None;
        }
        if (gap == " " || gap == "의 ") && (bare.is_empty() || bare == "의") {
            return Some(Found::new(
                RelationKind::HeadquarteredIn,
                false,
                0.6,
                second.end,
            ));
        }
        let words: Vec<&str> = g.trim_start_matches('의').split_whitespace().collect();
        if gap.starts_with([' ', '의'])
            && gap.ends_with("인 ")
            && (1..=3).contains(&words.len())
            && ctx.only_noun_phrase(first.end, second.start - 2)
        {
            return Some(Found::new(
                RelationKind::HeadquarteredIn,
                false,
                0.65,
                second.end,
            ));
        }
        None
    } else {
        // Org first: `O 본사가 있는 L`, `O는 L에 본사를 두고`, `O는 L를 연고지로`.
        let g2 = g.strip_prefix("의").map(str::trim).unwrap_or(g);
        if BETWEEN.contains(&g2) && (fp.is_empty() || fp == "의") {
            return Some(Found::new(
                RelationKind::HeadquarteredIn,
                true,
                0.8,
                second.end,
            ));
        }
        if SUBJECT_PARTICLES.contains(&fp.as_str())
            && !ctx.clause_break(first.end, second.start)
            && gap.split_whitespace().count() <= 3
            && ctx.only_noun_phrase(first.end + fp.chars().count(), second.start)
        {
            // The place may be followed by more of its own name
            // (`캘리포니아주 샌프란시스코를`): look at the next two words.
            let mut i = second.end;
            for _ in 0..2 {
                let rest = ctx.text(i, ctx.len());
                for pat in [
                    "에 본사를",
                    "에 본사가",
                    "에 본부를",
                    "에 위치",
                    "을 연고지로",
                    "를 연고지로",
                    "을 연고로",
                    "를 연고로",
                    "에 본거지를",
                    "에 본점을",
                    "에 있는",
                    "에 자리",
                    "에 소재",
                ] {
                    if rest.starts_with(pat) {
                        return Some(Found::new(
                            RelationKind::HeadquarteredIn,
                            true,
                            0.8,
                            i + pat.chars().count(),
                        ));
                    }
                }
                let (_, e) = ctx.word_at(i);
                i = ctx.skip_ws(e);
                let (w, e2) = ctx.word_at(i);
                if w.is_empty() {
                    break;
                }
                i = e2
                    - w.chars()
                        .rev()
                        .take_while(|c| matches!(c, '을' | '를' | '에'))
                        .count();
            }
        }
        None
    }
}

/// Whether `[place] [org]` can be read as "the org from that place": the
/// organisation ends its noun phrase (`중국 화웨이는`, not `알마티 소아심장
/// 병원`), is not itself an administrative unit (`강원도 평창군` is
/// nesting), and the place is not a league.
fn origin_shaped(ctx: &Ctx, place: Arg, org: Arg) -> bool {
    let org_text = ctx.text(org.start, org.end);
    let place_text = ctx.text(place.start, place.end);
    if org_text.ends_with(['군', '시', '구', '도', '읍', '면', '주'])
        || place_text.ends_with("리그")
    {
        return false;
    }
    match ctx.particle_after(org.end).as_deref() {
        None => false,
        Some("") => {
            let next = ctx.skip_ws(org.end);
            !ctx.toks
                .iter()
                .any(|t| t.start == next && (t.pos.starts_with("NN") || t.pos.starts_with("SL")))
        }
        Some(_) => true,
    }
}

/// Organisation → date: `KT는 1981년 설립됐다`, `2011년 창단한 NC 다이노스`.
pub(crate) fn org_date(ctx: &Ctx, first: Arg, second: Arg) -> Option<Found> {
    let gap = ctx.text(first.end, second.start);
    let g = gap.trim();
    let fp = ctx.particle_after(first.end)?;
    if first.kind == ArgKind::Date {
        // `2011년 (에) 창단한 O`, `1981년 설립된 O`
        let rest = g.strip_prefix('에').map(str::trim).unwrap_or(g);
        let words: Vec<&str> = rest.split_whitespace().collect();
        if words.len() == 1
            && FOUND_VERBS.iter().any(|v| words[0].starts_with(v))
            && (words[0].ends_with("된")
                || words[0].ends_with("한")
                || words[0].ends_with("되었던"))
        {
            return Some(Found::new(RelationKind::FoundedOn, false, 0.8, second.end));
        }
        // `1942년 2월 24일 … VOA를 개국하였다`, `1963년 분데스리가가 출범해서야`
        let sp = ctx.particle_after(second.end)?;
        if matches!(sp.as_str(), "을" | "를" | "이" | "가" | "은" | "는")
            && ctx.same_statement(first.end, second.start)
            && let Some(e) = founding_verb_after(ctx, second.end + sp.chars().count())
        {
            return Some(Found::new(RelationKind::FoundedOn, false, 0.75, e));
        }
        None
    } else {
        if !SUBJECT_PARTICLES.contains(&fp.as_str())
            || !ctx.same_statement(first.end + fp.chars().count(), second.start)
        {
            return None;
        }
        let sp = ctx.particle_after(second.end)?;
        if !matches!(sp.as_str(), "" | "에" | "에는") {
            return None;
        }
        let e = founding_verb_after(ctx, second.end + sp.chars().count())?;
        Some(Found::new(RelationKind::FoundedOn, true, 0.8, e))
    }
}

/// A founding verb in the next two words after `i` (`설립됐다`, `공식
/// 출범했다`), and where it ends.
fn founding_verb_after(ctx: &Ctx, i: usize) -> Option<usize> {
    let mut at = ctx.skip_ws(i);
    for _ in 0..2 {
        let (w, e) = ctx.word_at(at);
        if w.is_empty() {
            return None;
        }
        if FOUND_VERBS.iter().any(|v| w.starts_with(v))
            && !w.starts_with("설립자")
            && !w.starts_with("창업자")
            && !w.starts_with("창업주")
        {
            return Some(e);
        }
        at = ctx.skip_ws(e);
    }
    None
}

/// Person → title (KLUE `POH`): `방송인 전현무`, `조용식 전북지방경찰청장`,
/// `수비수인 백목화`.
pub(crate) fn person_title(ctx: &Ctx, first: Arg, second: Arg) -> Option<Found> {
    let gap = ctx.text(first.end, second.start);
    let person_first = first.kind == ArgKind::Person;
    let (p, t) = if person_first {
        (first, second)
    } else {
        (second, first)
    };
    let title_text = ctx.text(t.start, t.end);
    if !titled_number(&title_text) {
        return None;
    }
    if person_first {
        // `조용식 전북지방경찰청장`, `강용석(50) 변호사`, and the last of a
        // list of names sharing the title (`황인철, 홍성우 변호사`)
        let aged = gap
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(") "))
            .is_some_and(|age| !age.is_empty() && age.chars().all(|c| c.is_ascii_digit()));
        let listed = gap.ends_with(' ') && noun_list(ctx, first.end, second.start);
        if (gap == " " || aged || listed) && ctx.particle_after(t.end).is_some() {
            return Some(Found::new(RelationKind::HasTitle, true, 0.75, t.end).role(title_text));
        }
        // `척 노리스(1940년 3월 10일 ~)는 미국의 영화 배우이자 무술가이며`:
        // the person as subject, the title as the copula's complement.
        let mut i = p.end;
        if ctx.chars.get(i) == Some(&'(') {
            i = (i..t.start).find(|&j| ctx.chars[j] == ')')? + 1;
        }
        let (sp, se) = ctx.word_at(i);
        let tp = ctx.particle_after(t.end)?;
        let copula = matches!(
            tp.as_str(),
            "이다" | "다" | "이며" | "이자" | "이고" | "였다" | "이었다" | "였으며" | "이었으며"
        ) || tp.is_empty() && matches!(ctx.chars.get(t.end), Some(',' | '·'));
        // Coordinated titles count as one (`미국의 발명가, 물리학자이자
        // 전기공학자이다`).
        if matches!(sp.as_str(), "은" | "는" | "이" | "가")
            && copula
            && ctx.text(se, t.start).split_whitespace().count() <= 8
            && ctx
                .toks
                .iter()
                .filter(|k| k.start >= se && k.end <= t.start)
                .scan("", |prev, k| {
                    // A title chained by the copula's own connective
                    // (`영화 배우이자 무술가`): 이 + 자/며/고.
                    let ok = k.pos.starts_with("NN")
                        || k.pos.starts_with('S')
                        || matches!(
                            k.pos,
                            "JKG" | "JC" | "MM" | "XSN" | "XPN" | "VCP+ETM" | "VCP+EC" | "VCP"
                        )
                        || k.pos == "EC" && *prev == "VCP";
                    *prev = k.pos;
                    Some(ok)
                })
                .all(|ok| ok)
        {
            return Some(Found::new(RelationKind::HasTitle, true, 0.7, t.end).role(title_text));
        }
        None
    } else {
        // `방송인 전현무`, `수비수인 백목화`, `배우 겸 가수 아이유`; a title
        // before a list of names, or one of coordinated titles (`피아니스트
        // 카운트 베이시, 허비 행콕`, `언론인, 정치인 장준하`, `작곡가·연주가인 X`)
        let listed = noun_list(
            ctx,
            first.end,
            second.start - 2 * usize::from(gap.ends_with("인 ")),
        ) && (gap.ends_with(' ') || gap.ends_with(',') || gap.ends_with('·'))
            && (ctx.particle_after(p.end).is_some()
                || matches!(ctx.chars.get(p.end), Some(',' | '·' | '(' | ')')));
        // A title the person held (`국회부의장이던 X`, `주전 유격수였던 X`).
        let held = matches!(gap.as_str(), "이던 " | "였던 " | "이었던 ");
        if held || (gap == " " || gap == "인 " || listed) && ctx.particle_after(t.end).is_some() {
            let tp = if held {
                String::new()
            } else {
                ctx.particle_after(t.end)?
            };
            if !(tp.is_empty() || tp == "인") {
                return None;
            }
            // KLUE's POH before a name is nearly always the person's
            // title (`방송인 전현무`); a proper noun that is an
            // organisation arrives typed as one and never reaches here.
            let common = true;
            let before = if t.start > 0 {
                ctx.chars[t.start - 1]
            } else {
                ' '
            };
            if common
                && (before.is_whitespace()
                    || t.start == 0
                    || matches!(before, '(' | ',' | '\'' | '"'))
            {
                let _ = p;
                return Some(
                    Found::new(RelationKind::HasTitle, false, 0.75, p.end).role(title_text),
                );
            }
        }
        None
    }
}

/// Whether a title's digits are part of the title (`2루수`, `7선 의원`,
/// `제19대 국회의원`) rather than a number (`50`, `3명`).
fn titled_number(title: &str) -> bool {
    let Some(at) = title.rfind(|c: char| c.is_ascii_digit()) else {
        return true;
    };
    let rest = title[at + 1..].trim();
    rest.chars().count() >= 2
}

/// Whether the text from `a` to `b` is a list of names or nouns joined by
/// commas or `·` (`, 홍성우 `, ` 카운트 베이시, `, `, 정치인 `): at least
/// one separator, short items, and only nouns, foreign words and list
/// punctuation among its tokens.
fn noun_list(ctx: &Ctx, a: usize, b: usize) -> bool {
    if b <= a || b - a > 40 {
        return false;
    }
    let gap = ctx.text(a, b);
    let items: Vec<&str> = gap.split([',', '·']).collect();
    let n = items.len();
    if !(2..=8).contains(&n)
        || items.iter().enumerate().any(|(i, it)| {
            let words = it.split_whitespace().count();
            words > 3 || words == 0 && i != 0 && i != n - 1
        })
    {
        return false;
    }
    ctx.toks
        .iter()
        .filter(|k| k.start < b && k.end > a)
        .all(|k| {
            k.start >= a
                && k.end <= b
                && matches!(k.pos, "NNG" | "NNP" | "SL" | "SH" | "SC" | "NNB")
        })
}

/// Organisation ↔ unclassified (KLUE `POH`): only products named by a
/// making verb (`MS가 개발한 애저`).
pub(crate) fn org_other(ctx: &Ctx, first: Arg, second: Arg) -> Option<Found> {
    let fp = ctx.particle_after(first.end)?;
    let gap = ctx.text(first.end, second.start);
    if first.kind == ArgKind::Org && matches!(fp.as_str(), "이" | "가") {
        let rest = gap
            .get(fp.len()..)
            .unwrap_or("")
            .trim()
            .trim_end_matches(['\'', '‘', '"', '“', '「'])
            .trim();
        if MAKE_VERBS.contains(&rest) && rest != "운영하는" {
            return Some(Found::new(RelationKind::ProductOf, false, 0.75, second.end));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::relations::tests::{classify_marked, rel};

    #[test]
    fn where_a_company_produces_or_exports_is_a_market() {
        assert_eq!(
            classify_marked("[O:한빛화학]은 [L:서산단지]에서 연간 50만t의 에틸렌을 생산한다."),
            rel("operates_in", "A", None)
        );
        assert_eq!(
            classify_marked("[O:한빛화학]은 [L:멕시코] 등 20여 개국에 제품을 수출한다."),
            rel("operates_in", "A", None)
        );
        // A city supplied is a public customer.
        assert_eq!(
            classify_marked("[O:한빛맵]은 [L:김해시]에 지도 솔루션을 공급한다."),
            rel("supplier_of", "A", None)
        );
    }

    #[test]
    fn every_member_of_a_list_closed_by_a_counted_quantity_is_a_market() {
        // A quantity heading the list's phrase (`40여 개국에`) leaves every
        // member a market.
        let found = crate::relations::open_tests::all_marked(
            "[O:한빛화학]은 [L:멕시코], [L:칠레], [L:페루] 등 [X:40여 개국]에 제품을 수출한다.",
        );
        for j in [1, 2, 3] {
            assert!(
                crate::relations::open_tests::has(&found, 0, j, "operates_in"),
                "{found:?}"
            );
        }
    }

    #[test]
    fn aliases() {
        assert_eq!(
            classify_marked("[O:마이크로소프트]([O:MS])는 성장했다."),
            rel("alias_of", "B", None)
        );
        assert_eq!(
            classify_marked("[O:KT](대표 [P:김영섭])는 밝혔다."),
            rel("ceo_of", "B", Some("대표"))
        );
        assert_eq!(classify_marked("[O:KT]([X:030200])는 올랐다."), None);
    }

    #[test]
    fn products() {
        assert_eq!(
            classify_marked("[O:MS] [D:애저]가 성장했다."),
            rel("product_of", "B", None)
        );
        assert_eq!(
            classify_marked("[O:MS]의 클라우드 서비스 '[D:애저](Azure)'는 성장했다."),
            rel("product_of", "B", None)
        );
        assert_eq!(
            classify_marked("[O:KT]는 MS [D:애저]를 도입했다."),
            rel("uses", "A", None)
        );
        assert_eq!(
            classify_marked("[O:KT]는 [D:애저] 사용료를 냈고 다른 회사는 떠났다."),
            None
        );
    }

    #[test]
    fn headquarters_and_founding() {
        assert_eq!(
            classify_marked("[L:성남]에 본사를 둔 [O:KT]는 밝혔다."),
            rel("headquartered_in", "B", None)
        );
        assert_eq!(
            classify_marked(
                "[O:자이언츠]는 미국 [L:캘리포니아]주 샌프란시스코를 연고지로 하는 팀이다."
            ),
            rel("headquartered_in", "A", None)
        );
        assert_eq!(
            classify_marked("[O:KT]는 [T:1981년] 설립됐다."),
            rel("founded_on", "A", None)
        );
        assert_eq!(
            classify_marked("[T:2011년] 창단한 [O:NC 다이노스]가 이겼다."),
            rel("founded_on", "B", None)
        );
        assert_eq!(
            classify_marked("[T:1963년] [O:분데스리가]가 출범하면서 바뀌었다."),
            rel("founded_on", "B", None)
        );
        assert_eq!(
            classify_marked(
                "[O:한빛공사]는 정부 위탁을 받아 [T:2000년 7월 1일]에 설립된 기관이다."
            ),
            rel("founded_on", "A", None)
        );
    }

    #[test]
    fn person_attributes() {
        let kind = |m: &str| classify_marked(m).map(|(k, s, _)| (k, s));
        let is = |k: &str, s: &str| Some((k.to_string(), s.to_string()));
        // A religion's clergy, not a church's staff.
        assert_eq!(
            kind("[O:천주교] 신부 [P:박요한]이 미사를 집전했다."),
            is("religion", "B")
        );
        assert_eq!(
            kind("[O:명동성당] 신부 [P:박요한]이 미사를 집전했다."),
            is("employee_of", "B")
        );
        assert_eq!(
            kind("[P:윤서진]은 2015년 [O:한빛대학교]에 진학했다."),
            is("educated_at", "A")
        );
        assert_eq!(
            kind("[O:한빛레이싱]은 [T:2010년 10월] 해체됐다."),
            is("dissolved_on", "A")
        );
        // The owner of a kinship noun with a title of their own.
        assert_eq!(
            kind("[P:노태석] 전 대통령의 장남 [P:노재민] 씨가 광주를 찾았다."),
            is("child_of", "B")
        );
        // Kinship in a 로 complement; marriage in an adnominal clause.
        assert_eq!(
            kind("[P:이준호]는 [P:이만석]의 장남으로 태어났다."),
            is("child_of", "A")
        );
        assert_eq!(
            kind("[P:간서희] 씨와 결혼하는 [P:황도윤] 씨는 가수다.").map(|(k, _)| k),
            Some("spouse_of".to_string())
        );
        assert_eq!(
            kind("[P:김태민]은 [O:한빛 이글스] 소속으로 뛰었다."),
            is("member_of", "A")
        );
        assert_eq!(
            kind("[P:김태민]은 [O:한빛 이글스]의 투수로 뛰었다."),
            is("employee_of", "A")
        );
        // A relative named after a bare kinship noun is the subject's.
        assert_eq!(
            kind("[P:박도윤] 씨는 아내 [P:최유진] 씨와 함께 참석했다.").map(|(k, _)| k),
            Some("spouse_of".to_string())
        );
        assert_eq!(
            kind("배우 [P:김태오] 씨는 소속사 [O:한빛이엔티]를 통해 입장을 밝혔다."),
            is("member_of", "A")
        );
        assert_ne!(
            kind("[P:박도윤] 씨는 [P:김민재]의 아내 최유진 씨와 만났다.").map(|(k, _)| k),
            Some("spouse_of".to_string())
        );
        assert_eq!(
            kind("아버지 [P:박도윤]과 형 [P:박시우]는 고향에 남았다."),
            None
        );
        // Chained complements with owners of their own: the last one's
        // owner is not the earlier one's.
        assert_ne!(
            kind("[P:한소연]은 [P:이도준]의 부인이자 이하늘의 할머니이다.").map(|(k, _)| k),
            Some("family_of".to_string())
        );
        assert_eq!(
            kind("[P:한소연]은 [L:노르웨이]의 수학자이자 천문학자이다."),
            is("native_of", "A")
        );
        // A place alone in the parenthesis after a person.
        assert_eq!(
            kind("[P:김모](45·[L:서울 강남구]) 씨는 경찰에 붙잡혔다."),
            is("resident_of", "A")
        );
        assert_eq!(
            kind("[P:타일러 우드]([L:미국])가 우승했다."),
            is("native_of", "A")
        );
        // Life dates and places in the parenthesis after a name.
        assert_eq!(
            kind("[P:박한결](1969년 2월 1일, [L:전라남도 순천] ~)은 은퇴한 축구 선수이다."),
            is("born_in", "A")
        );
        assert_eq!(
            kind("[P:박한결]([T:1969년 2월 1일], 전라남도 순천 ~)은 은퇴한 축구 선수이다."),
            is("born_on", "A")
        );
        assert_eq!(
            kind("[P:박한결](1907년 ~ 1988년 [L:서울]에서 별세)은 시인이다."),
            is("died_in", "A")
        );
        assert_eq!(
            kind("[P:박한결](1807년 - [T:1880년 4월 23일])은 화가이다."),
            is("died_on", "A")
        );
        // Nationality through a compound occupation that is also a title.
        assert_eq!(
            kind("[P:올라 노르드만]은 [L:노르웨이]의 스피드스케이팅 선수이다."),
            is("native_of", "A")
        );
        // A person's organisation alone in parentheses; a title after the
        // person in the organisation's parentheses.
        assert_eq!(
            kind("[P:이서준]([O:한빛FC])이 결승골을 넣었다."),
            is("member_of", "A")
        );
        assert_eq!(
            kind("[O:한빛항공]([P:윤태오] 대표이사)이 새 노선에 취항했다."),
            is("ceo_of", "B")
        );
    }

    #[test]
    fn origin_places() {
        assert_eq!(
            classify_marked("[L:중국] [O:화웨이]는 신제품을 내놨다."),
            rel("headquartered_in", "B", None)
        );
        assert_eq!(
            classify_marked("[L:말레이시아] 국영 에너지회사인 [O:페트로나스]가 투자한다."),
            rel("headquartered_in", "B", None)
        );
        assert_eq!(
            classify_marked("[L:카자흐스탄] [O:알마티] 소아병원에서 치료했다."),
            None
        );
        assert_eq!(
            classify_marked("[L:강원도] [O:평창군]은 축제를 연다."),
            None
        );
    }

    #[test]
    fn titles_in_lists_and_roles() {
        // A title before a list of names, or after one, or among coordinated titles.
        assert_eq!(
            classify_marked("[X:피아니스트] 정재훈, [P:김도윤]이 무대에 올랐다."),
            rel("has_title", "B", Some("피아니스트"))
        );
        assert_eq!(
            classify_marked("[P:한서준], 박지호 [X:변호사]가 변론을 맡았다."),
            rel("has_title", "A", Some("변호사"))
        );
        assert_eq!(
            classify_marked("[X:작곡가], 피아니스트 [P:오민혁]이 강연했다."),
            rel("has_title", "B", Some("작곡가"))
        );
        assert_eq!(
            classify_marked("당시 [X:국회부의장]이던 [P:박서진] 의원은 말했다."),
            rel("has_title", "B", Some("국회부의장"))
        );
        // Digits that belong to the title.
        assert_eq!(
            classify_marked("주전 [X:2루수] [P:최강민]이 다쳤다."),
            rel("has_title", "B", Some("2루수"))
        );
        assert_eq!(classify_marked("[P:최강민] [X:35]는 다쳤다."), None);
        // What a person plays or serves as, a post held.
        let kind = |m: &str| classify_marked(m).map(|(k, s, _)| (k, s));
        let has = |s: &str| Some(("has_title".to_string(), s.to_string()));
        assert_eq!(
            kind("[P:이도현]은 팀의 주전 [X:공격수]로 뛰었다."),
            has("A")
        );
        assert_eq!(
            kind("이사회는 [P:김선우]를 [X:행장]으로 선임했다."),
            has("A")
        );
        assert_eq!(kind("[P:정하람]은 [X:외교부 장관]을 지냈다."), has("A"));
    }

    #[test]
    fn titles() {
        assert_eq!(
            classify_marked("[X:방송인] [P:전현무] 씨가 왔다."),
            rel("has_title", "B", Some("방송인"))
        );
        assert_eq!(
            classify_marked("[P:조용식] [X:전북지방경찰청장]이 참석했다."),
            rel("has_title", "A", Some("전북지방경찰청장"))
        );
        assert_eq!(
            classify_marked(
                "[P:홍길동](1950년 3월 1일 ~)은 대한민국의 영화 [X:배우]이자 감독이다."
            ),
            rel("has_title", "A", Some("배우"))
        );
        // The second of titles chained by the copula.
        assert_eq!(
            classify_marked("[P:홍길동]은 미국의 영화 배우이자 [X:무술가]이며, 감독이다."),
            rel("has_title", "A", Some("무술가"))
        );
        assert_eq!(
            classify_marked("[P:홍길동]은 어제 [X:배우]를 만났다."),
            None
        );
        assert_eq!(
            classify_marked("[P:김민수] [O:행정안전부 안전정책실장]도 동행했다."),
            rel("has_title", "A", None).map(|(k, s, _)| (
                k,
                s,
                Some("행정안전부 안전정책실장".into())
            ))
        );
    }
}
