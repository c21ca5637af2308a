//! Person ↔ organisation: `ceo_of`, `former_ceo_of`, `leads`,
//! `employee_of`, `former_employee_of` (with the title as role), and
//! `founded_by` (org → person).
//!
//! The title next to the person decides: `[PER] [ORG] 대표`, `[ORG] [PER]
//! 의원`, `[ORG] 대표 [PER]`, `[ORG](대표 [PER])`, `[PER]은 [ORG] 대표 시절`,
//! `[ORG]는 [PER]를 대표로 선임`, `[PER] 감독이 이끄는 [ORG]`. `전` before
//! the title or the organisation, or `시절`/`출신`/`역임` after it, makes the
//! position a past one.

use super::context::{Ctx, EF, JKO, JKS, JX, Title};
use super::lexicon::{
    APPOINT_VERBS, FORMER_AFTER, FOUND_VERBS, OBJECT_PARTICLES, SUBJECT_PARTICLES, TitleClass,
};
use super::{Arg, Found, RelationKind};
use crate::text::titles::titles;

/// The kind a title gives, current or former.
pub(super) fn kind_of(class: TitleClass, former: bool) -> RelationKind {
    match (class, former) {
        (TitleClass::Ceo, false) => RelationKind::CeoOf,
        (TitleClass::Ceo, true) => RelationKind::FormerCeoOf,
        (TitleClass::Head, false) => RelationKind::Leads,
        (TitleClass::Head, true) => RelationKind::FormerCeoOf,
        (TitleClass::Staff, false) => RelationKind::EmployeeOf,
        (TitleClass::Member, false) => RelationKind::MemberOf,
        (TitleClass::Staff | TitleClass::Member, true) => RelationKind::FormerEmployeeOf,
        // Founders, forms of address and other title-like words state no
        // position.
        (_, false) => RelationKind::EmployeeOf,
        (_, true) => RelationKind::FormerEmployeeOf,
    }
}

/// Whether the words after a title make it a past position (`대표 시절`,
/// `대표를 지낸`).
fn former_after(ctx: &Ctx, t: &Title) -> bool {
    let rest_start = if t.particle.is_empty() {
        ctx.skip_ws(t.end)
    } else {
        t.end
    };
    FORMER_AFTER.iter().any(|f| {
        ctx.starts_with(rest_start, f)
            || (!t.particle.is_empty()
                && ctx.starts_with(t.end, f.split(' ').next().unwrap_or(f))
                && ctx.starts_with(
                    ctx.skip_ws(t.word_end),
                    f.split(' ').nth(1).unwrap_or("\u{0}"),
                ))
    }) || {
        let after = ctx.skip_ws(t.word_end);
        (t.particle == "을" || t.particle == "를")
            && (ctx.starts_with(after, "지낸")
                || ctx.starts_with(after, "지냈")
                || ctx.starts_with(after, "역임"))
            || t.particle.is_empty() && FORMER_AFTER.iter().any(|f| ctx.starts_with(after, f))
    }
}

fn from_title(t: &Title, former: bool, confidence: f32) -> Found {
    Found::new(kind_of(t.class, former), true, confidence, t.end).role(t.text.clone())
}

/// Whether `gap` (between two arguments) is only whitespace, optionally
/// with `전`/`현` or an age in parentheses (`(58)`, `(58세)`).
fn light_gap(gap: &str) -> Option<bool> {
    let mut former = false;
    let mut g = gap.trim();
    if let Some(rest) = g.strip_prefix('(') {
        let inner: String = rest.chars().take_while(|c| *c != ')').collect();
        let inner_t = inner.trim_end_matches('세');
        if inner_t.is_empty() || !inner_t.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        g = rest[inner.len()..].trim_start_matches(')').trim();
    }
    match g {
        "" => {}
        "전" | "前" => former = true,
        "현" => {}
        _ => return None,
    }
    if !gap.is_empty() && !gap.starts_with([' ', '(']) {
        return None;
    }
    Some(former)
}

/// Classifies a person and an organisation. `Found::first_is_source` here
/// means "the person is the source".
pub(crate) fn classify(ctx: &Ctx, person: Arg, org: Arg) -> Option<Found> {
    if person.end <= org.start {
        person_first(ctx, person, org)
    } else {
        org_first(ctx, org, person)
    }
}

fn person_first(ctx: &Ctx, p: Arg, o: Arg) -> Option<Found> {
    let gap = ctx.text(p.end, o.start);
    // `[PER] [ORG]장`: `박남춘 인천광역시장`, `권익현 부안군수` (the title
    // glued to the organisation's name).
    if light_gap(&gap) == Some(false)
        && let Some((role, class, end)) = glued_title(ctx, o)
    {
        return Some(Found::new(kind_of(class, false), true, 0.8, end).role(role));
    }
    let org_particle = ctx.particle_after(o.end)?;
    // `윤종진 [행정안전부 안전정책실장]`: a title typed as part of the
    // organisation's name (KLUE does this) is the person's title.
    let org_text = ctx.text(o.start, o.end);
    if gap == " "
        && let Some(last_space) = org_text.rfind(' ')
        && let Some(t) = ctx.title_at(o.start + org_text[..last_space].chars().count() + 1)
        && t.end == o.end
    {
        return Some(Found::new(RelationKind::HasTitle, true, 0.75, o.end).role(org_text));
    }
    // `[PER] [ORG] 대표`, `[PER] 전 [ORG] 사장`, `[PER](58) [ORG] 부사장`,
    // `[PER] [ORG](WHO) 사무총장`
    let title_pos = match ctx.chars.get(o.end) {
        Some(c) if c.is_whitespace() => Some(o.end),
        Some('(') => (o.end + 1..(o.end + 24).min(ctx.len()))
            .find(|&i| ctx.chars[i] == ')')
            .filter(|&i| ctx.chars.get(i + 1).is_some_and(|c| c.is_whitespace()))
            .map(|i| i + 1),
        _ => None,
    };
    if let Some(former_before) = light_gap(&gap)
        && org_particle.is_empty()
        && let Some(pos) = title_pos
        && let Some(t) = ctx.title_at(pos)
    {
        let former = former_before || t.former || former_after(ctx, &t);
        return Some(from_title(&t, former, 0.9));
    }
    // `[PER] [ORG] [DIVISION] 부사장`, `[PER] [ORG](ticker) [DIVISION]
    // 그룹장`: a unit of the organisation between it and the title. The
    // person works for the organisation; a head's title heads the unit,
    // not the organisation, so it binds as employment.
    if let Some(former_before) = light_gap(&gap)
        && org_particle.is_empty()
        && let Some(pos) = title_pos
        && let Some(t) = division_title(ctx, pos)
    {
        let former = former_before || t.former || former_after(ctx, &t);
        let kind = if former {
            RelationKind::FormerEmployeeOf
        } else {
            RelationKind::EmployeeOf
        };
        return Some(Found::new(kind, true, 0.8, t.end).role(t.text.clone()));
    }
    let gap_t = gap.trim();
    // `[PER] 소속사 [ORG]`, `[PER] 씨의 소속사 '[ORG]'`: the agency.
    if matches!(
        gap_t.trim_end_matches(['\'', '‘', '"', '“']).trim_end(),
        "소속사" | "씨 소속사" | "씨의 소속사" | "의 소속사" | "소속사인" | "씨 소속사인"
    ) {
        return Some(Found::new(RelationKind::EmployeeOf, true, 0.75, o.end).role("소속사"));
    }
    // `[PER] 의원([ORG], 광주 동구)`, `[PER] 의원([ORG] 담양·함평)`: the
    // organisation in parentheses after the title, a district after it.
    if let Some(t) = ctx.title_at(p.end)
        && gap.starts_with(' ')
        && t.particle.is_empty()
        && t.word_end + 1 == o.start
        && ctx.chars.get(t.word_end) == Some(&'(')
        && (matches!(ctx.chars.get(o.end), Some(')' | ',' | '·')) || district_after(ctx, o.end))
    {
        return Some(from_title(&t, t.former, 0.8));
    }
    // `[PER] 공동위원장([ORG] 원장)`: the title inside the parentheses counts.
    if let Some(t) = ctx.title_at(p.end)
        && gap.starts_with(' ')
        && t.particle.is_empty()
        && t.word_end + 1 == o.start
        && ctx.chars.get(t.word_end) == Some(&'(')
        && ctx.chars.get(o.end) == Some(&' ')
        && let Some(t2) = ctx.title_at(o.end)
        && t2.particle.is_empty()
        && ctx.chars.get(t2.word_end) == Some(&')')
    {
        return Some(from_title(&t2, t2.former, 0.8));
    }
    // `[PER] 부총리 겸 [ORG] 장관`, `[PER] [ORG1] 이사 겸 [ORG2] 전 대표`:
    // the person's second hat.
    if gap_t.ends_with('겸')
        && let Some(t2) = ctx.title_at(o.end)
        && org_particle.is_empty()
        && second_hat(ctx, p.end, o.start)
    {
        return Some(from_title(&t2, t2.former, 0.85));
    }
    let p_particle = ctx.particle_after(p.end)?;
    let subj = SUBJECT_PARTICLES.contains(&p_particle.as_str()) || p_particle == "씨";
    // The person as subject: `[PER]은`, or with an apposition `[PER] KT
    // 대표는` / `[PER] 대표는`; `rest_gap` is what stands between the
    // subject and the organisation.
    let rest_gap: Option<String> = if subj {
        gap_t
            .strip_prefix(p_particle.as_str())
            .map(|r| r.trim().to_string())
    } else {
        appositive_subject(ctx, p.end, o.start).map(|e| ctx.text(e, o.start).trim().to_string())
    };
    let subj = rest_gap.is_some();
    // `[PER]은 [ORG] 대표 시절`, `[PER] KT 대표는 [ORG] 대표 시절`,
    // `[PER]이 [ORG] 신임 대표로 선임됐다`
    if subj
        && rest_gap
            .as_deref()
            .is_some_and(|r| matches!(r, "" | "전" | "前"))
        && (org_particle.is_empty() || org_particle == "의")
        && let Some(t) = ctx.title_at(o.end + org_particle.chars().count())
    {
        let after = ctx.skip_ws(t.word_end);
        let former = t.former
            || rest_gap.as_deref().is_some_and(|r| r.ends_with('전'))
            || former_after(ctx, &t);
        if former {
            return Some(from_title(&t, true, 0.85));
        }
        // `[PER]이 [ORG] 고문 겸 [ORG2] 단장을 맡아`: the verb after the
        // chain holds the first hat too.
        let (particle, after) = if t.particle.is_empty() {
            hat_chain_end(ctx, t.word_end).unwrap_or((String::new(), after))
        } else {
            (t.particle.clone(), after)
        };
        if holds_title(ctx, &particle, after) {
            return Some(from_title(&t, false, 0.85));
        }
    }
    // `[PER](1972년 ~)은 전 KBO 리그 [ORG]의 내야수이자 …`, `[PER]는 …
    // [ORG]의 축구 감독이다`: the title as the copula's complement.
    let mut i = p.end;
    if ctx.chars.get(i) == Some(&'(') {
        i = (i..o.start)
            .find(|&j| ctx.chars[j] == ')')
            .map_or(i, |j| j + 1);
    }
    let (sp, se) = ctx.word_at(i);
    if matches!(sp.as_str(), "은" | "는" | "이" | "가")
        && ctx.same_statement(se, o.start)
        && (org_particle.is_empty() || org_particle == "의")
    {
        let mut at = ctx.skip_ws(o.end + org_particle.chars().count());
        for _ in 0..3 {
            if let Some(t) = ctx.title_at(at)
                && matches!(
                    t.particle.as_str(),
                    "이다" | "다" | "이며" | "이자" | "이고" | "였다" | "이었다"
                )
            {
                let former = t.former || matches!(t.particle.as_str(), "였다" | "이었다");
                return Some(from_title(&t, former, 0.75));
            }
            let (w, e) = ctx.word_at(at);
            if w.is_empty() || !ctx.only_noun_phrase(at, e) {
                break;
            }
            at = ctx.skip_ws(e);
        }
    }
    // `[PER] 감독이 이끄는 [ORG]`, `[PER]이 대표를 맡고 있는 [ORG]`
    if let Some(f) = leads_before(ctx, p, o, &gap) {
        return Some(f);
    }
    // `[PER]이 (1998년) 설립한 [ORG]`
    if matches!(p_particle.as_str(), "이" | "가" | "은" | "는") && !ctx.clause_break(p.end, o.start)
    {
        let words: Vec<&str> = gap_t.split_whitespace().collect();
        if words.len() <= 4
            && let Some(last) = words.last()
            && (FOUND_VERBS
                .iter()
                .any(|v| last.starts_with(v) && last.ends_with('한'))
                || *last == "세운")
        {
            return Some(Found::new(RelationKind::FoundedBy, false, 0.8, o.end));
        }
        // `[PER]은 … [ORG]을 창당했다`
        if OBJECT_PARTICLES.contains(&org_particle.as_str()) && !ctx.clause_break(p.end, o.start) {
            let after = ctx.skip_ws(o.end + org_particle.chars().count());
            if let Some(v) = FOUND_VERBS.iter().find(|v| ctx.starts_with(after, v)) {
                return Some(Found::new(
                    RelationKind::FoundedBy,
                    false,
                    0.8,
                    after + v.chars().count(),
                ));
            }
        }
    }
    None
}

/// Whether a district closes the parenthesis after an organisation at `at`
/// (`(더불어민주당 담양·함평·영광)`): a space, then short names joined by
/// `·`, `,` or spaces, then `)`.
fn district_after(ctx: &Ctx, at: usize) -> bool {
    if ctx.chars.get(at) != Some(&' ') {
        return false;
    }
    let Some(close) = (at + 1..(at + 30).min(ctx.len())).find(|&i| ctx.chars[i] == ')') else {
        return false;
    };
    let inner = ctx.text(at + 1, close);
    !inner.trim().is_empty()
        && inner.split_whitespace().count() <= 3
        && inner.chars().all(|c| {
            c == '·' || c == ',' || c == ' ' || crate::entities::romanize::is_hangul_syllable(c)
        })
}

/// A title one or two plain nouns after `pos` (`생활가전사업부 부사장`,
/// `쇼핑플랫폼 책임리더`): the nouns name a unit of the organisation before
/// them. Words that date or qualify the position (`출신`, `당시`) are no
/// unit.
fn division_title(ctx: &Ctx, pos: usize) -> Option<Title> {
    let mut at = ctx.skip_ws(pos);
    for _ in 0..2 {
        let (w, end) = ctx.word_at(at);
        if w.is_empty()
            || !ctx.chars.get(end).is_some_and(|c| c.is_whitespace())
            || !unit_word(ctx, &w, at, end)
        {
            return None;
        }
        at = ctx.skip_ws(end);
        if let Some(t) = ctx.title_at(at) {
            return Some(t);
        }
    }
    None
}

/// Whether the word `w` at `at..end` can name a unit of an organisation
/// (`가전사업본부`, `미디어학과`): plain nouns, not a title nor a word that
/// dates or qualifies the position. A department in `학과` counts though the
/// analyser reads its `과` as the particle (`경영학` + `과`).
fn unit_word(ctx: &Ctx, w: &str, at: usize, end: usize) -> bool {
    w.chars().all(|c| c.is_alphanumeric() || c == '&')
        && (ctx.only_noun_phrase(at, end) || w.chars().count() >= 3 && w.ends_with("학과"))
        && titles().find(w).is_none()
        && titles().marker(w).is_none()
        && !matches!(
            w,
            "출신" | "당시" | "시절" | "소속" | "산하" | "및" | "등" | "겸" | "측"
        )
}

/// Whether `a..b` (after a person's name, before an organisation) is the
/// person's first hat and `겸`: a title (`부총리 겸`), or an organisation's
/// name and its title (`대교 CDO 겸`), each at most a few plain words.
fn second_hat(ctx: &Ctx, a: usize, b: usize) -> bool {
    let gap = ctx.text(a, b);
    let Some(before) = gap.trim().strip_suffix('겸') else {
        return false;
    };
    let words: Vec<&str> = before.split_whitespace().collect();
    if words.is_empty() || words.len() > 3 || !gap.starts_with(' ') {
        return false;
    }
    let last = words[words.len() - 1];
    let lead = gap.chars().take_while(|c| c.is_whitespace()).count();
    let last_at = a + lead + before.trim_end().chars().count() - last.chars().count();
    ctx.title_at(last_at).is_some_and(|t| t.particle.is_empty())
        && words.iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphanumeric() || "()&.·-".contains(c))
        })
}

/// `김영섭 KT 대표는 …`: the end of a person's appositive title phrase
/// that carries the subject particle (at most two words after the name).
fn appositive_subject(ctx: &Ctx, from: usize, limit: usize) -> Option<usize> {
    let mut i = ctx.skip_ws(from);
    if i == from {
        return None;
    }
    for _ in 0..3 {
        if i >= limit {
            return None;
        }
        if let Some(t) = ctx.title_at(i)
            && SUBJECT_PARTICLES.contains(&t.particle.as_str())
            && t.word_end <= limit
        {
            return Some(t.word_end);
        }
        let (w, e) = ctx.word_at(i);
        if w.is_empty() {
            return None;
        }
        // `오준호 한빛로보틱스 공동창업자(한빛대 명예교수)가`: a second title in
        // parentheses right after the first; the particle follows them.
        if titles().find(&w).is_some()
            && ctx.chars.get(e) == Some(&'(')
            && let Some(close) = (e + 1..(e + 30).min(limit)).find(|&j| ctx.chars[j] == ')')
        {
            let (p, pe) = ctx.word_at(close + 1);
            return (SUBJECT_PARTICLES.contains(&p.as_str()) && pe <= limit).then_some(pe);
        }
        i = ctx.skip_ws(e);
    }
    None
}

/// After a title with no particle (`고문`), the rest of a chain of titles
/// joined by `겸` that one verb holds (`고문 겸 초대 로봇사업단장을 맡아`):
/// the last title's particle and where the verb starts. Between `겸` and
/// the last title only modifiers and plain nouns (the second hat's
/// organisation) may stand.
fn hat_chain_end(ctx: &Ctx, title_end: usize) -> Option<(String, usize)> {
    let at = ctx.skip_ws(title_end);
    let (w, e) = ctx.word_at(at);
    if w != "겸" || at == title_end {
        return None;
    }
    let mut i = ctx.skip_ws(e);
    for _ in 0..3 {
        if let Some(t) = ctx.title_at(i) {
            if !t.particle.is_empty() {
                return Some((t.particle, ctx.skip_ws(t.word_end)));
            }
            return hat_chain_end(ctx, t.word_end);
        }
        let (w, e) = ctx.word_at(i);
        if w.is_empty() || !ctx.chars.get(e).is_some_and(|c| c.is_whitespace()) {
            return None;
        }
        i = ctx.skip_ws(e);
    }
    None
}

/// Whether the verb at `after`, with the title's `particle`, gives the
/// subject the title now: appointed to it (`대표로 선임됐다`), serving as
/// it (`고문으로 일한다`), holding it (`단장을 맡아`), or being it (`대표다`).
fn holds_title(ctx: &Ctx, particle: &str, after: usize) -> bool {
    let appointed = matches!(particle, "로" | "으로" | "에")
        && APPOINT_VERBS.iter().any(|v| ctx.starts_with(after, v));
    let serving = matches!(particle, "로" | "으로")
        && ["재직", "근무", "일하", "활동"]
            .iter()
            .any(|v| ctx.starts_with(after, v));
    let holding = matches!(particle, "을" | "를") && ctx.starts_with(after, "맡");
    let is = matches!(particle, "이다" | "다");
    appointed || serving || holding || is
}

/// `[PER] 감독이 이끄는 [ORG]`, `[PER]이 대표를 맡고 있는 [ORG]`.
fn leads_before(ctx: &Ctx, p: Arg, o: Arg, gap: &str) -> Option<Found> {
    let g = gap.trim_end();
    let lead = ["이끄는", "이끌고 있는", "이끌던", "이끈", "이끌고 있던"]
        .iter()
        .find(|v| g.ends_with(*v))?;
    let head = g[..g.len() - lead.len()].trim_end();
    if matches!(head, "이" | "가") {
        return Some(Found::new(RelationKind::Leads, true, 0.8, o.end));
    }
    let t = ctx.title_at(p.end)?;
    if ctx.text(t.word_end, o.start).trim() != *lead {
        return None;
    }
    if matches!(t.particle.as_str(), "이" | "가") {
        let kind = if t.class == TitleClass::Ceo {
            RelationKind::CeoOf
        } else {
            RelationKind::Leads
        };
        let former = lead.ends_with("던") || *lead == "이끈";
        let kind = if former {
            RelationKind::FormerCeoOf
        } else {
            kind
        };
        return Some(Found::new(kind, true, 0.8, o.end).role(t.text));
    }
    None
}

/// A title glued to an organisation's name that reaches into it:
/// `인천광역시` + `장` (시장), `부안군` + `수` (군수), `전라남도` + `지사`
/// (도지사). Gives (the whole title as written, its class, where it ends).
fn glued_title(ctx: &Ctx, o: Arg) -> Option<(String, TitleClass, usize)> {
    let (word, _) = ctx.word_at(o.end);
    let chars: Vec<char> = word.chars().collect();
    let org_text = ctx.text(o.start, o.end);
    for cut in (1..=chars.len().min(3)).rev() {
        let head: String = chars[..cut].iter().collect();
        let tail: String = chars[cut..].iter().collect();
        if !super::lexicon::PARTICLES.contains(&tail.as_str()) {
            continue;
        }
        let combined = format!("{org_text}{head}");
        if let Some(t) = crate::text::titles::titles()
            .titles
            .iter()
            .filter(|t| {
                matches!(
                    t.class,
                    TitleClass::Ceo | TitleClass::Head | TitleClass::Staff | TitleClass::Member
                ) && combined.ends_with(t.text)
                    && t.text.chars().count() > cut
            })
            .max_by_key(|t| t.text.len())
        {
            return Some((combined, t.class, o.end + cut));
        }
    }
    None
}

fn org_first(ctx: &Ctx, o: Arg, p: Arg) -> Option<Found> {
    let gap = ctx.text(o.end, p.start);
    // `부안군수 [PER]`: the glued title before the name.
    if let Some((role, class, end)) = glued_title(ctx, o)
        && ctx.text(end, p.start) == " "
    {
        return Some(Found::new(kind_of(class, false), true, 0.8, p.end).role(role));
    }
    let gap_t = gap.trim();
    let org_particle = ctx.particle_after(o.end)?;
    let p_particle = ctx.particle_after(p.end);
    // `[ORG] [PER] 의원`, `[ORG]의 [PER] 대표`, `[ORG] [PER] 전 사장`
    if (gap == " " || gap == "의 " || gap.is_empty() && org_particle.is_empty())
        && p_particle.as_deref() == Some("")
        && let Some(t) = ctx.title_at(p.end)
        && ctx.chars.get(p.end).is_some_and(|c| c.is_whitespace())
    {
        let former = t.former || former_after(ctx, &t);
        return Some(from_title(&t, former, 0.85));
    }
    // `[ORG] [DIVISION] [PER] 교수`: a unit of the organisation between it
    // and the person (`한양대 미디어학과 박세진 교수`); employment, as above.
    if org_particle.is_empty()
        && gap.starts_with(' ')
        && gap.ends_with(' ')
        && gap_t.split_whitespace().count() == 1
        && unit_word(ctx, gap_t, o.end + 1, p.start - 1)
        && p_particle.as_deref() == Some("")
        && ctx.chars.get(p.end).is_some_and(|c| c.is_whitespace())
        && let Some(t) = ctx.title_at(p.end)
    {
        let former = t.former || former_after(ctx, &t);
        let kind = if former {
            RelationKind::FormerEmployeeOf
        } else {
            RelationKind::EmployeeOf
        };
        return Some(Found::new(kind, true, 0.8, t.end).role(t.text.clone()));
    }
    // `KT는 구현모 전 대표 시절`: the topic organisation, then a person and
    // a title in a time phrase. Only with `시절`/`때`/`재임`: a bare
    // `[ORG]는 [PER] 대표를 …` may name the head of another organisation.
    // An era named by a past head (`A는 … 퇴진한 B 전 대표 이후`) is the
    // topic's too, with clause words between that name no other topic.
    let era = |t: &Title, words: &[&str]| {
        words
            .iter()
            .any(|w| ctx.starts_with(ctx.skip_ws(t.word_end), w))
    };
    let plain_gap = || {
        !gap.contains([',', '.', '"', '“', '”', '(', ')', '·'])
            && gap_t
                .split_whitespace()
                .skip(1)
                .all(|w| !w.ends_with(['은', '는', '이', '가']) && w.chars().count() > 1)
    };
    if matches!(org_particle.as_str(), "은" | "는")
        && gap_t.starts_with(org_particle.as_str())
        && p_particle.as_deref() == Some("")
        && let Some(t) = ctx.title_at(p.end)
        && t.particle.is_empty()
    {
        if gap_t == org_particle && era(&t, &["시절", "때", "재임"]) {
            return Some(from_title(&t, t.former, 0.8));
        }
        if t.former && plain_gap() && era(&t, &["시절", "재임", "이후", "이전", "당시", "체제"])
        {
            return Some(from_title(&t, true, 0.7));
        }
    }
    // `더불어민주당 오제세의원은`: the title glued to the name.
    if (gap == " " || gap == "의 ")
        && p_particle.is_none()
        && let Some(t) = ctx.title_at(p.end)
        && t.end == p.end + t.text.chars().count()
        && !t.former
    {
        return Some(from_title(&t, false, 0.8));
    }
    // `[ORG] 대표 [PER]`, `[ORG]의 전 CTO인 [PER]`, `[ORG] 소속 [PER]`,
    // `[ORG] 창업자 [PER]`, `[ORG](총장 [PER])`
    if let Some(f) = title_between(ctx, o, p, &gap, &org_particle) {
        return Some(f);
    }
    // `토트넘 홋스퍼의 손흥민은`, `아스널 조 윌록에게`: a name directly
    // qualified by an organisation, without a title, is one of its people.
    if (gap == " " || gap == "의 ")
        && org_particle.chars().count() <= 1
        && p_particle
            .as_deref()
            .is_some_and(|x| !x.is_empty() && x != "의" && x != "와" && x != "과")
        && (o.start == 0 || !ctx.chars[o.start - 1].is_alphanumeric())
    {
        return Some(Found::new(RelationKind::EmployeeOf, true, 0.6, p.end));
    }
    // `그룹 [ORG] [PER] 씨`, `[ORG]의 [PER] 씨`: a member named with `씨`
    // and no title.
    if (gap == " " || gap == "의 ")
        && p_particle.as_deref() == Some("")
        && ctx.starts_with(p.end, " 씨")
        && ctx.particle_after(p.end + 2).is_some()
    {
        return Some(Found::new(RelationKind::EmployeeOf, true, 0.6, p.end + 2));
    }
    // `[ORG]를 이끄는 [PER]`, `[ORG]를 창업한 [PER]`
    if OBJECT_PARTICLES.contains(&org_particle.as_str()) {
        let rest = gap_t.get(org_particle.len()..).unwrap_or("").trim();
        let words: Vec<&str> = rest.split_whitespace().collect();
        match words.as_slice() {
            [v] | [v, _]
                if ["이끄는", "이끌고", "이끌던", "이끈"]
                    .iter()
                    .any(|x| v.starts_with(x))
                    && (words.len() == 1
                        || words[1] == "있는"
                        || ctx
                            .title_at(p.start.saturating_sub(1 + words[1].chars().count()))
                            .is_some()) =>
            {
                return Some(Found::new(RelationKind::Leads, true, 0.8, p.end));
            }
            [v] if FOUND_VERBS.iter().any(|f| v.starts_with(f)) && v.ends_with('한') => {
                return Some(Found::new(RelationKind::FoundedBy, false, 0.8, p.end));
            }
            _ => {}
        }
    }
    appointed(ctx, o, p, &org_particle)
}

/// `[ORG] 대표 [PER]`, `[ORG]의 전 CTO인 [PER]`, `[ORG] 소속 [PER]`,
/// `[ORG] 창업자 [PER]`, `[ORG](총장 [PER])`.
fn title_between(ctx: &Ctx, o: Arg, p: Arg, gap: &str, org_particle: &str) -> Option<Found> {
    // `[ORG](주)(사장 [PER])`, `[ORG]은(군수 [PER])`: skip the legal form
    // or the particle before the parenthesis.
    let (gap, skipped) = match ["(주)(", "㈜(", "은(", "는(", "이(", "가("]
        .iter()
        .find(|p| gap.starts_with(**p))
    {
        Some(p) => (&gap[p.len() - 1..], p.chars().count() - 1),
        None => (gap, 0),
    };
    let o_end = o.end + skipped;
    let inner_start = if let Some(paren) = gap.strip_prefix('(') {
        if paren.contains(')') {
            return None;
        }
        // `[ORG](영산대학교, 총장 [PER])`: the title after the last comma.
        match paren.rfind(", ") {
            Some(i) => o_end + 1 + paren[..i + 2].chars().count(),
            None => o_end + 1,
        }
    } else if gap.starts_with(", ") && o.start > 0 && ctx.chars[o.start - 1] == '(' {
        // `와이즈유([ORG], 총장 [PER])`
        o_end + 2
    } else if org_particle == "의" || org_particle.is_empty() {
        o.end + org_particle.chars().count()
    } else {
        return None;
    };
    let inner = ctx.text(inner_start, p.start);
    let words: Vec<&str> = inner.split_whitespace().collect();
    match words.as_slice() {
        ["소속"] | ["소속인"] => {
            return Some(Found::new(RelationKind::EmployeeOf, true, 0.8, p.end));
        }
        ["출신"] | ["출신인"] => {
            return Some(Found::new(
                RelationKind::FormerEmployeeOf,
                true,
                0.75,
                p.end,
            ));
        }
        [w] | ["공동", w]
            if [
                "창업자",
                "창업주",
                "설립자",
                "창립자",
                "창업자인",
                "창업주인",
                "설립자인",
                "창립자인",
            ]
            .contains(w) =>
        {
            return Some(Found::new(RelationKind::FoundedBy, false, 0.85, p.end));
        }
        _ => {}
    }
    // The title, possibly after one modifier word (`우완 투수`, `비례대표 의원`).
    let title = ctx.title_at(inner_start).or_else(|| {
        let (w, e) = ctx.word_at(ctx.skip_ws(inner_start));
        let next = ctx.skip_ws(e);
        (!w.is_empty() && next > e && ctx.only_noun_phrase(inner_start, e))
            .then(|| ctx.title_at(next))
            .flatten()
    });
    if let Some(t) = title {
        let tail = ctx.text(t.word_end, p.start);
        // `(군수 권한대행 [PER])`: an acting head.
        let tail = match tail.trim() {
            "권한대행" | "직무대행" => " ".to_string(),
            _ => tail,
        };
        if tail.trim().is_empty()
            && !tail.is_empty()
            && matches!(t.particle.as_str(), "" | "인" | "이자" | "였던" | "이었던")
        {
            let former = t.former || matches!(t.particle.as_str(), "였던" | "이었던");
            return Some(from_title(&t, former, 0.85));
        }
    }
    None
}

/// `[ORG]는 [PER] 부사장을 신임 대표로 선임했다`, `[ORG]는 신임 대표에 [PER]를 내정했다`.
fn appointed(ctx: &Ctx, o: Arg, p: Arg, org_particle: &str) -> Option<Found> {
    if !SUBJECT_PARTICLES.contains(&org_particle) {
        return None;
    }
    // `[ORG]는 이사회를 열고 [PER]를 … 선임했다`: the organisation may stay
    // the subject across a connective, but not across a sentence end or
    // another subject.
    let other_subject = ctx.toks.iter().any(|t| {
        t.start >= o.end + org_particle.chars().count() && t.end <= p.start && t.has(EF | JKS | JX)
    });
    if other_subject {
        return None;
    }
    let clause_end = ctx.clause_end(p.end);
    let (verb_at, verb) = ctx.find_any(p.end, clause_end, &APPOINT_VERBS)?;
    // The person must be the object of the appointment.
    let object = ctx
        .toks
        .iter()
        .any(|t| t.start >= p.end && t.end <= verb_at && t.has(JKO))
        || ctx
            .particle_after(p.end)
            .is_some_and(|x| OBJECT_PARTICLES.contains(&x.as_str()));
    if !object {
        return None;
    }
    // The title it is appointed to: `…로`/`…에` somewhere before the verb.
    let mut i = o.end;
    while i < verb_at {
        if (i == 0 || ctx.chars[i - 1].is_whitespace() || ctx.chars[i - 1] == '(')
            && let Some(t) = ctx.title_at(i)
            && matches!(t.particle.as_str(), "로" | "으로" | "에")
            && t.word_end <= verb_at
        {
            let _ = verb;
            return Some(
                Found::new(
                    kind_of(t.class, false),
                    true,
                    0.8,
                    verb_at + verb.chars().count(),
                )
                .role(t.text),
            );
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::relations::tests::{classify_marked, rel};

    #[test]
    fn person_org_title_after_org() {
        assert_eq!(
            classify_marked("[P:김영섭] [O:KT] 대표는 23일 기자간담회를 열었다."),
            rel("ceo_of", "A", Some("대표"))
        );
        assert_eq!(
            classify_marked("[P:사티아 나델라] [O:MS] CEO 겸 이사회 의장이 방한했다."),
            rel("ceo_of", "A", Some("CEO"))
        );
        assert_eq!(
            classify_marked("[P:최지웅] 전 [O:KT] 부사장이 자리를 옮겼다."),
            rel("former_employee_of", "A", Some("전 부사장"))
        );
    }

    #[test]
    fn an_era_named_by_a_past_head_is_the_topics() {
        assert_eq!(
            classify_marked(
                "[O:한빛전자]는 배임 의혹으로 물러난 [P:정해진] 전 대표 이후 경영 공백을 겪었다."
            ),
            rel("former_ceo_of", "B", Some("대표"))
        );
        // Without an era the person may be anyone's former head.
        assert_eq!(
            classify_marked("[O:수원지검]은 배임 혐의로 [P:정해진] 전 대표를 기소했다.")
                .map(|r| r.0),
            Some("investigates".to_string())
        );
    }

    #[test]
    fn an_investigation_that_brought_the_act_about() {
        assert_eq!(
            classify_marked(
                "한빛건설은 [O:검찰] 수사로 물러난 [P:정해진] 전 대표의 빈자리를 채웠다."
            ),
            rel("investigates", "A", Some("수사"))
        );
        assert_eq!(
            classify_marked("[P:정해진] 전 대표는 [O:검찰] 수사로 물러났다."),
            rel("investigates", "B", Some("수사"))
        );
        assert_eq!(
            classify_marked("[O:경찰] 조사로 사임한 [P:김민수] 의원이 입장을 밝혔다."),
            rel("investigates", "A", Some("조사"))
        );
        // Another noun in 으로 says nothing of the sort.
        assert_eq!(
            classify_marked("[P:정해진] 전 대표는 [O:한빛건설] 사정으로 물러났다.").map(|r| r.0),
            None
        );
    }

    #[test]
    fn a_chain_of_hats_held_by_one_verb() {
        // The verb after the last title of a `겸` chain holds the first one.
        assert_eq!(
            classify_marked(
                "[P:한도윤] 한빛로보틱스 공동창업자(한빛대 명예교수)가 [O:대성전자] 고문 겸 초대 로봇사업단장을 맡는다."
            ),
            rel("employee_of", "A", Some("고문"))
        );
        // The second hat, glued to its unit's name, is still led.
        assert_eq!(
            classify_marked("[P:한도윤]이 대성전자 고문 겸 초대 [O:로봇사업단]장을 맡는다.")
                .map(|r| r.0),
            Some("leads".to_string())
        );
        // A title in a chain with no verb that holds it binds nothing here.
        assert_ne!(
            classify_marked("[P:한도윤]이 [O:대성전자] 고문 겸 단장을 비판했다.").map(|r| r.0),
            Some("employee_of".to_string())
        );
    }

    #[test]
    fn org_then_person() {
        assert_eq!(
            classify_marked("[O:정의당] [P:윤소하] 의원은 25일 말했다."),
            rel("member_of", "B", Some("의원"))
        );
        assert_eq!(
            classify_marked("[O:KT] 대표 [P:김영섭]은 말했다."),
            rel("ceo_of", "B", Some("대표"))
        );
        assert_eq!(
            classify_marked("[O:한국표준과학연구원](원장 [P:박상열])은 시험방송을 시작한다."),
            rel("leads", "B", Some("원장"))
        );
        assert_eq!(
            classify_marked("[O:LG CNS] 출신 [P:김영섭] 대표가 왔다."),
            rel("former_employee_of", "B", None)
        );
        assert_eq!(
            classify_marked("[O:KT] 창업자 [P:홍길동]이 말했다."),
            rel("founded_by", "A", Some("창업자"))
        );
    }

    #[test]
    fn people_listed_as_those_who_held_a_post() {
        // The head of `…를 역임한 인물은` is each person its copula lists.
        let s = "한빛전자 대표를 역임한 사람은 이서준, 김누리 등 모두 3명이다.";
        assert_eq!(
            classify_marked(
                &s.replace("한빛전자", "[O:한빛전자]")
                    .replace("김누리", "[P:김누리]")
            ),
            rel("former_ceo_of", "B", Some("대표"))
        );
        assert_eq!(
            classify_marked(
                &s.replace("한빛전자", "[O:한빛전자]")
                    .replace("이서준", "[P:이서준]")
            ),
            rel("former_ceo_of", "B", Some("대표"))
        );
        // A copula that only counts them names no one.
        assert_eq!(
            classify_marked(
                "[O:한빛전자] 대표를 역임한 인물은 모두 3명이며 [P:정해진]은 그중 막내다."
            )
            .map(|r| r.0),
            None
        );
    }

    #[test]
    fn former_positions() {
        assert_eq!(
            classify_marked("[P:김영섭]은 [O:LG CNS] 대표 시절 클라우드 사업을 키웠다."),
            rel("former_ceo_of", "A", Some("대표"))
        );
    }

    #[test]
    fn appointments_and_leading() {
        assert_eq!(
            classify_marked("[O:KT클라우드]는 [P:최지웅] KT 부사장을 신임 대표로 선임했다."),
            rel("ceo_of", "B", Some("대표"))
        );
        assert_eq!(
            classify_marked("[P:박지성] 감독이 이끄는 [O:서울 FC]가 이겼다."),
            rel("leads", "A", Some("감독"))
        );
    }

    #[test]
    fn heads_groups_and_legal_forms() {
        assert_eq!(
            classify_marked("[P:김철수] [O:성남시]장은 말했다."),
            rel("leads", "A", Some("성남시장"))
        );
        assert_eq!(
            classify_marked("[O:부안군]수 [P:권익현]은 말했다."),
            rel("leads", "B", Some("부안군수"))
        );
        assert_eq!(
            classify_marked("[P:권익현] [O:부안군]수는 말했다."),
            rel("leads", "A", Some("부안군수"))
        );
        assert_eq!(
            classify_marked("[O:한빛전자](주)(사장 [P:이영희])는 밝혔다."),
            rel("ceo_of", "B", Some("사장"))
        );
        assert_eq!(
            classify_marked("[O:가람군]은(군수 권한대행 [P:박민수]) 16일 밝혔다."),
            rel("leads", "B", Some("군수"))
        );
        assert_eq!(
            classify_marked("그룹 [P:별빛소년단] 멤버 [P:정하늘]이 솔로로 나선다."),
            rel("employee_of", "B", Some("멤버"))
        );
        assert_eq!(
            classify_marked("[P:홍길동] [O:세계보건기구](WHO) 사무총장이 말했다."),
            rel("employee_of", "A", Some("사무총장"))
        );
    }

    #[test]
    fn agencies_modifiers_and_parentheses() {
        assert_eq!(
            classify_marked("[P:김하늘] 씨 소속사 [O:별빛엔터테인먼트]는 입장을 밝혔다."),
            rel("member_of", "A", Some("소속사"))
        );
        assert_eq!(
            classify_marked("미국 프로야구 [O:뉴욕 양키스]의 우완 투수 [P:홍길동]이 던졌다."),
            rel("employee_of", "B", Some("투수"))
        );
        assert_eq!(
            classify_marked("[P:이민수] 의원([O:정의당], 고양갑)은 말했다."),
            rel("member_of", "A", Some("의원"))
        );
        assert_eq!(
            classify_marked("[P:서민준] 공동위원장([O:한국뇌연구원] 원장)은 말했다."),
            rel("leads", "A", Some("원장"))
        );
    }

    #[test]
    fn a_new_post_named_with_the_appointed_person() {
        assert_eq!(
            classify_marked(
                "[O:한빛데이터]는 [P:이민호](전 누리전자 부사장) 신임 대표를 발탁했다."
            ),
            rel("ceo_of", "B", Some("대표"))
        );
        // Where the person works now is no post the subject gives.
        assert_ne!(
            classify_marked("[O:한빛데이터]는 [P:이민호] 누리전자 부사장을 발탁했다.").map(|r| r.0),
            Some("employee_of".to_string())
        );
    }

    #[test]
    fn a_unit_between_the_organisation_and_the_title() {
        assert_eq!(
            classify_marked("[P:박영희] [O:한빛전자] 가전사업본부 부사장은 말했다."),
            rel("employee_of", "A", Some("부사장"))
        );
        // A head of a unit is no head of the organisation.
        assert_eq!(
            classify_marked("[P:박영희] [O:한빛전자](012345) 결제그룹 대표는 말했다."),
            rel("employee_of", "A", Some("대표"))
        );
        assert_eq!(
            classify_marked("[P:김철수] [O:국무조정실] 2차장은 회견을 열었다."),
            rel("employee_of", "A", Some("2차장"))
        );
        // A department in 학과, its 과 read as a particle by the analyser.
        assert_eq!(
            classify_marked("[P:이수진] [O:부산대] 경영학과 교수는 전망했다."),
            rel("employee_of", "A", Some("교수"))
        );
        assert_eq!(
            classify_marked("[O:부산대] 경영학과 [P:이수진] 교수는 전망했다."),
            rel("employee_of", "B", Some("교수"))
        );
    }

    #[test]
    fn the_party_and_district_in_parentheses() {
        assert_eq!(
            classify_marked("[P:김도윤] 의원([O:누리당] 순천·광양)이 말했다."),
            rel("member_of", "A", Some("의원"))
        );
        assert_eq!(
            classify_marked("[P:김도윤] 의원([O:누리당], 순천)이 말했다."),
            rel("member_of", "A", Some("의원"))
        );
    }

    #[test]
    fn the_second_hat_after_an_organisation_and_its_title() {
        assert_eq!(
            classify_marked("[P:정우성] 한빛소프트 CTO 겸 [O:누리랩] 전 대표가 발표했다."),
            rel("former_ceo_of", "A", Some("전 대표"))
        );
    }

    #[test]
    fn glued_words() {
        assert_eq!(
            classify_marked("[P:정용진] [O:신세계]그룹 부회장이 나섰다."),
            rel("employee_of", "A", Some("부회장"))
        );
        assert_eq!(
            classify_marked("[O:정의당] [P:이민수]의원은 말했다."),
            rel("member_of", "B", Some("의원"))
        );
        assert_eq!(
            classify_marked("[P:정의선] [O:현대자동차그룹] 수석부회장과도 만났다."),
            rel("employee_of", "A", Some("수석부회장"))
        );
    }

    #[test]
    fn name_qualified_by_org() {
        assert_eq!(
            classify_marked("[O:토트넘 홋스퍼]의 [P:손흥민]은 골을 넣었다."),
            rel("member_of", "B", None)
        );
        assert_eq!(
            classify_marked("[O:KT]의 [P:김영섭]과 만났다."),
            rel("member_of", "B", None)
        );
    }

    #[test]
    fn copula_titles() {
        assert_eq!(
            classify_marked(
                "[P:홍길동](1972년 9월 7일 ~)은 [O:삼성 라이온즈]의 내야수이자 코치이다."
            ),
            rel("employee_of", "A", Some("코치"))
        );
        assert_eq!(
            classify_marked("[P:홍길동]은 브라질 [O:크루제이루 EC]의 축구 감독이다."),
            rel("leads", "A", Some("감독"))
        );
        assert_eq!(
            classify_marked("[P:홍길동]은 [O:KT]의 감독을 만났다."),
            None
        );
    }

    #[test]
    fn unrelated_pairs_are_none() {
        assert_eq!(classify_marked("[P:김영섭]은 [O:MS] 대표와 만났다."), None);
        assert_eq!(
            classify_marked("[O:KT]는 [P:김영섭] 대표팀 감독을 만났다."),
            None
        );
        assert_eq!(
            classify_marked("[P:김영섭], [O:KT] 대표 등이 참석했다."),
            None
        );
    }
}
