//! Person ↔ person: `spouse_of` (`…의 아내 …`, `… 부부`, `…와 결혼`), and
//! members of a music group that arrives typed as a person (`동방신기 멤버
//! 최강창민` → `employee_of`).

use super::context::Ctx;
use super::lexicon::SPOUSE_NOUNS as SPOUSE;
use super::{Arg, Found, RelationKind};

/// Person ↔ person: spouses, and members of a music group typed as a person
/// (`동방신기 멤버 최강창민`, `볼빨간사춘기 보컬 안지영`): the second is a
/// member (`employee_of`, role = the position).
pub(crate) fn classify(ctx: &Ctx, first: Arg, second: Arg) -> Option<Found> {
    let gap = ctx.text(first.end, second.start);
    if let Some(f) = spouses(ctx, first, second, &gap) {
        return Some(f);
    }
    let g = gap.strip_prefix('의').unwrap_or(&gap);
    let role = g.trim().trim_end_matches('인');
    if !g.starts_with(' ') || !g.ends_with(' ') {
        return None;
    }
    if matches!(
        role,
        "멤버" | "보컬" | "메인보컬" | "리더" | "래퍼" | "메인래퍼" | "막내"
    ) {
        return Some(Found::new(RelationKind::EmployeeOf, false, 0.75, second.end).role(role));
    }
    None
}

/// `김철수·이영희 부부`, `김철수의 아내 이영희`, `김철수는 이영희와 결혼했다`.
fn spouses(ctx: &Ctx, first: Arg, second: Arg, gap: &str) -> Option<Found> {
    let words: Vec<&str> = gap.split_whitespace().collect();
    // `P1의 아내 P2`, `P1 씨는 아내 P2`, `P1 대표의 부인 P2`
    if let Some((last, rest)) = words.split_last()
        && SPOUSE.contains(last)
        && gap.ends_with(' ')
        && rest.len() <= 2
        && !rest
            .iter()
            .any(|w| matches!(*w, "전" | "前" | "전처" | "옛"))
        && !gap.contains("전 ")
    {
        return Some(Found::new(RelationKind::SpouseOf, true, 0.8, second.end));
    }
    // `P1·P2 부부`, `P1 씨와 P2 씨 부부`
    let joined = matches!(
        gap.trim(),
        "·" | "," | "-" | "♥" | "와" | "과" | "씨와" | "씨·"
    );
    let after = ctx.text(second.end, (second.end + 6).min(ctx.len()));
    if joined && (after.starts_with(" 부부") || after.starts_with(" 씨 부부")) {
        return Some(Found::new(
            RelationKind::SpouseOf,
            true,
            0.85,
            second.end + 3,
        ));
    }
    // `P1은 P2와 결혼했다`, `P1과 P2의 결혼`
    let first_particle = ctx.particle_after(first.end)?;
    let second_particle = ctx.particle_after(second.end)?;
    let subject_with = matches!(first_particle.as_str(), "은" | "는" | "이" | "가")
        && gap.trim() == first_particle
        && matches!(second_particle.as_str(), "와" | "과");
    let pair_of = matches!(first_particle.as_str(), "와" | "과")
        && gap.trim() == first_particle
        && second_particle == "의";
    if subject_with || pair_of {
        let at = ctx.skip_ws(second.end + second_particle.chars().count());
        if ctx.starts_with(at, "결혼") {
            return Some(Found::new(RelationKind::SpouseOf, true, 0.8, at + 2));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::relations::tests::{classify_marked, rel};

    #[test]
    fn spouses() {
        assert_eq!(
            classify_marked("[P:김철수]·[P:이영희] 부부가 기부했다."),
            rel("spouse_of", "A", None)
        );
        assert_eq!(
            classify_marked("[P:김철수] 대표의 부인 [P:이영희] 여사가 왔다."),
            rel("spouse_of", "B", Some("부인"))
        );
        assert_eq!(
            classify_marked("[P:김철수]는 [P:이영희]와 결혼했다."),
            rel("spouse_of", "A", None)
        );
        assert_eq!(
            classify_marked("[P:김철수]와 전 부인 [P:이영희] 사이의 딸"),
            None
        );
        assert_eq!(
            classify_marked("[P:김철수]는 [P:이영희]와 만났다."),
            rel("meets", "A", None)
        );
    }
}
