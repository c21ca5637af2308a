//! Mentions → entities: which mentions name the same thing, which are not
//! graph entities at all, and what each entity is called.
//!
//! Takes the mentions of one text (from [`super::recognizer`]), gives
//! [`ArticleEntities`]. Merging, in order:
//!
//! * parenthetical definitions: `마이크로소프트(MS)`, `애저(Azure)`,
//!   `프랑크푸르터알게마이네차이퉁(FAZ)` — the form in parentheses becomes an
//!   alias of the one before it (and a mention, if nothing else found it);
//! * the gazetteer: every surface form of a curated entity has its id, so
//!   `MS`, `Microsoft` and `마이크로소프트` are one node in every article;
//! * a person's short forms within the article: `김 대표`, `구 전 대표` go to
//!   the full name with that surname (preferring one with the same title).
//!
//! Dropped: reporters (`권하영 기자`, kept as article metadata), mentions in
//! bylines and photo credits (`[디지털데일리 권하영기자]`, `[ⓒ KT]`) and
//! navigation lines, unresolved short forms (`A씨`), generic institutions
//! (`경찰`).

use std::collections::{BTreeSet, HashMap, HashSet};

use super::gazetteer::{Gazetteer, key};
use super::lexicon::{TITLES, TITLES_SET};
use super::romanize::{capitalize_words, romanize_name, romanize_person};
use super::vocab::{Abbreviation, Vocabulary};
use super::{ANONYMISED, ArticleEntities, Entity, EntityType, Mention, generated_id};
use crate::FastHash;

/// Words after which a parenthesis is a note, not another name.
const NOT_ALIASES: &[&str] = &[
    "현지시간",
    "왼쪽",
    "오른쪽",
    "가운데",
    "사진",
    "종합",
    "상보",
    "속보",
];

/// Whether `s` looks like another name of something rather than a note:
/// Latin words (`MS`, `Cloud Service Provider`) or Chinese characters.
fn name_like(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > 40 || NOT_ALIASES.contains(&s) {
        return false;
    }
    let latin = s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '&' | '.' | '-' | '\'' | '+'))
        && s.chars().any(|c| c.is_ascii_alphabetic());
    let hanja = s
        .chars()
        .all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || c == ' ');
    latin || hanja
}

/// Links `X(Y)` pairs: Y gets X's id (or X gets Y's when only Y is curated);
/// a name-like Y nothing else recognised becomes a mention of X's entity.
pub fn link_parentheticals(
    gazetteer: &Gazetteer,
    vocabulary: &Vocabulary,
    mentions: &mut Vec<Mention>,
    text: &str,
) {
    // Mentions are in text order and never overlap, so "which mention has
    // this span" and "does any overlap this range" are lookups, not scans.
    let by_span: HashMap<(usize, usize), usize, FastHash> = mentions
        .iter()
        .enumerate()
        .map(|(k, m)| ((m.byte_start, m.byte_end), k))
        .collect();
    let mut added = Vec::new();
    for i in 0..mentions.len() {
        let m = &mentions[i];
        if !matches!(
            m.kind,
            EntityType::Org | EntityType::Product | EntityType::Location | EntityType::Person
        ) {
            continue;
        }
        let rest = &text[m.byte_end..];
        let Some(inner) = rest.strip_prefix('(') else {
            continue;
        };
        let Some(close) = inner.find(')') else {
            continue;
        };
        let y = &inner[..close];
        let y_start = m.byte_end + 1;
        let y_end = y_start + close;
        if let Some(&j) = by_span.get(&(y_start, y_end)) {
            let (outer, inner_m) = (&mentions[i], &mentions[j]);
            if outer.kind == EntityType::Person && inner_m.kind != EntityType::Person {
                continue;
            }
            // `아이코닉스(031-8060-2560)`, `백남기(69)`: a number is no alias.
            if matches!(
                inner_m.kind,
                EntityType::Money | EntityType::Date | EntityType::Time | EntityType::Quantity
            ) {
                continue;
            }
            let outer_curated = gazetteer.get(&outer.id).is_some();
            let inner_curated = gazetteer.get(&inner_m.id).is_some();
            if inner_curated && !outer_curated {
                let (id, kind) = (inner_m.id.clone(), inner_m.kind);
                mentions[i].id = id;
                mentions[i].kind = kind;
            } else if !inner_curated {
                let (id, kind) = (outer.id.clone(), outer.kind);
                mentions[j].id = id;
                mentions[j].kind = kind;
            }
            continue;
        }
        // A person's name in Chinese characters (`시진핑(習近平)`) is the
        // same person; a person's Latin letters may be anything (an
        // affiliation, a nickname).
        let hanja_name = (2..=5).contains(&y.chars().count())
            && y.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c));
        if (m.kind == EntityType::Person && !hanja_name) || !name_like(y) {
            continue;
        }
        if overlapping(mentions, y_start, y_end).next().is_some() {
            continue;
        }
        let start = m.end + 1;
        let id = match gazetteer.lookup(y) {
            Some(e) if gazetteer.get(&m.id).is_none() => e.id.clone(),
            _ => m.id.clone(),
        };
        added.push(Mention {
            start,
            end: start + y.chars().count(),
            byte_start: y_start,
            byte_end: y_end,
            text: y.to_string(),
            kind: m.kind,
            id,
            value: None,
            rule: "parenthesis",
            short_form: false,
            generic: false,
        });
    }
    let mut replaced: Vec<usize> = Vec::new();
    let ends_at: HashMap<usize, usize, FastHash> = mentions
        .iter()
        .enumerate()
        .map(|(k, m)| (m.byte_end, k))
        .collect();
    // `프랑크푸르터알게마이네차이퉁(FAZ)`: only the name in parentheses was
    // recognised; the word before it is its long form.
    for n in mentions.iter() {
        if !matches!(
            n.kind,
            EntityType::Org | EntityType::Product | EntityType::Location
        ) || !text[..n.byte_start].ends_with('(')
            || !text[n.byte_end..].starts_with(')')
        {
            continue;
        }
        let open = n.byte_start - 1;
        let before = &text[..open];
        let word_start = before
            .rfind(|c: char| c.is_whitespace() || "([{'\"‘“·,".contains(c))
            .map_or(0, |p| {
                p + before[p..].chars().next().map_or(1, char::len_utf8)
            });
        // `매사추세츠 공대(MIT)`: a place right before belongs to the name.
        let place = word_start
            .checked_sub(1)
            .and_then(|end| ends_at.get(&end).copied())
            .filter(|&o| {
                mentions[o].kind == EntityType::Location && text[..word_start].ends_with(' ')
            });
        let word_start = place.map_or(word_start, |p| mentions[p].byte_start);
        let x = &before[word_start..];
        if x.chars().filter(|c| !c.is_whitespace()).count() < 2
            || !x
                .chars()
                .all(|c| super::romanize::is_hangul_syllable(c) || c == ' ')
            || ends_at.get(&open).is_some_and(|&k| Some(k) != place)
            || overlapping(mentions, word_start, open).any(|k| Some(k) != place)
            || (place.is_none() && !long_form_like(vocabulary, x))
            // `혐의(상해)`: a place in parentheses after a word is a note on
            // it (a charge, a reading), not the place's long form, unless
            // the word ends like a place's name.
            || (n.kind == EntityType::Location
                && place.is_none()
                && !matches!(vocabulary.ending(x), Some((e, _)) if e.kind == Some(EntityType::Location)))
        {
            continue;
        }
        let start = n.start - 1 - x.chars().count();
        replaced.extend(place);
        added.push(Mention {
            start,
            end: n.start - 1,
            byte_start: word_start,
            byte_end: open,
            text: x.to_string(),
            kind: n.kind,
            id: n.id.clone(),
            value: None,
            rule: "parenthesis",
            short_form: false,
            generic: false,
        });
    }
    replaced.sort_unstable();
    for k in replaced.into_iter().rev() {
        mentions.remove(k);
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| m.start);
    }
    // The outer name takes the curated id found through its alias.
    let ends_at: HashMap<usize, usize, FastHash> = mentions
        .iter()
        .enumerate()
        .map(|(k, m)| (m.byte_end, k))
        .collect();
    let mut remap: HashMap<String, String> = HashMap::new();
    for m in mentions.iter() {
        if m.rule == "parenthesis"
            && gazetteer.get(&m.id).is_some()
            && let Some(outer) = m
                .byte_start
                .checked_sub(1)
                .and_then(|end| ends_at.get(&end))
                .map(|&o| &mentions[o])
                .filter(|o| gazetteer.get(&o.id).is_none())
        {
            remap.insert(outer.id.clone(), m.id.clone());
        }
    }
    for m in mentions.iter_mut() {
        if let Some(id) = remap.get(&m.id) {
            m.id = id.clone();
        }
    }
}

/// Whether `x`, written before a name in parentheses, is that name's long
/// form (`프랑크푸르터알게마이네차이퉁(FAZ)`, `세계보건기구(WHO)`) rather than
/// the common noun the acronym abbreviates (`투자은행(IB)`): a loanword, or
/// a word with a name ending that holds there (`…기구`, not a bare
/// `…은행` after common nouns), or a long compound.
fn long_form_like(vocabulary: &Vocabulary, x: &str) -> bool {
    let x = x.trim();
    if vocabulary.is_loanword(x) {
        return true;
    }
    match vocabulary.ending(x) {
        Some((e, _)) if e.kind.is_some() => !e.proper || x.chars().count() >= 5,
        _ => false,
    }
}

/// Indices of the mentions (in text order, not overlapping) that overlap the
/// byte range `start..end`: a binary search and a short walk back.
fn overlapping(mentions: &[Mention], start: usize, end: usize) -> impl Iterator<Item = usize> {
    let before_end = mentions.partition_point(|m| m.byte_start < end);
    (0..before_end)
        .rev()
        .take_while(move |&k| mentions[k].byte_end > start)
}

/// Byte ranges that are not article prose: bylines and photo credits in
/// square brackets (`[디지털데일리 권하영기자]`, `[ⓒ KT]`) and navigation
/// lines (short lines that are not sentences: `실시간`, `네이버 메인추가`).
fn excluded_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find('[').map(|p| p + from) {
        let Some(close) = text[open..].find(']').map(|p| p + open) else {
            break;
        };
        let inside = &text[open..close];
        // `[서울경제] 본문…`: one word in brackets opening a line names the
        // source of the story, like a byline without the reporter.
        let line_start = text[..open]
            .rsplit('\n')
            .next()
            .is_some_and(|before| before.trim().is_empty());
        let source_tag = line_start
            && !inside[1..].trim().is_empty()
            && !inside[1..].trim().contains(char::is_whitespace)
            && text[close + 1..].starts_with(' ');
        if inside.contains("기자")
            || inside.contains('ⓒ')
            || inside.contains('©')
            || inside.contains("사진")
            || source_tag
        {
            out.push((open, close + 1));
        }
        from = close + 1;
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        let words = t.split_whitespace().count();
        let sentence = t.ends_with(['.', '?', '!', '…', '”', '’', '"', '\'', ')', '다']);
        if !t.is_empty() && words < 4 && !sentence {
            out.push((offset, offset + line.len()));
        }
        offset += line.len();
    }
    out
}

/// Roles stated right after a person's name: `김영섭 KT 대표` → `대표`,
/// `구 전 대표` → `전 대표`, `사티아 나델라 MS CEO 겸 이사회 의장` → `CEO`,
/// `이사회 의장`.
fn roles_after(text: &str, m: &Mention, mentions: &[Mention]) -> Vec<String> {
    let mut roles = Vec::new();
    let mut pos = m.byte_end;
    let mut former = false;
    let mut skipped_org = false;
    for _ in 0..6 {
        let rest = &text[pos..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        let ws = rest.len() - trimmed.len();
        let word_end = trimmed
            .find(|c: char| c.is_whitespace())
            .unwrap_or(trimmed.len());
        let word = &trimmed[..word_end];
        if word.is_empty() {
            break;
        }
        let start = pos + ws;
        if word == "전" {
            former = true;
            pos = start + word.len();
            continue;
        }
        if word == "겸" {
            pos = start + word.len();
            continue;
        }
        if !skipped_org
            && let Some(o) = mentions
                .get(mentions.partition_point(|o| o.byte_start < start))
                .filter(|o| {
                    o.byte_start == start && matches!(o.kind, EntityType::Org | EntityType::Product)
                })
            && o.byte_end == start + word_end.min(o.byte_end - start)
        {
            skipped_org = true;
            pos = o.byte_end;
            continue;
        }
        // `이사회 의장`: a two-word title.
        let title = longest_title_prefix(word);
        match title {
            Some("이사회") => {
                pos = start + word.len();
                let next = text[pos..].trim_start();
                if let Some(t) = TITLES.iter().find(|t| next.starts_with(**t)) {
                    roles.push(format!("이사회 {t}"));
                }
                break;
            }
            Some(t) => {
                let rest_word = &word[t.len()..];
                if !rest_word.is_empty()
                    && rest_word
                        .chars()
                        .next()
                        .is_some_and(super::romanize::is_hangul_syllable)
                    && !is_particle(rest_word)
                {
                    break;
                }
                roles.push(if former {
                    format!("전 {t}")
                } else {
                    t.to_string()
                });
                former = false;
                pos = start + word.len();
                if !text[pos..].trim_start().starts_with('겸') {
                    break;
                }
            }
            None => break,
        }
    }
    roles
}

/// The longest title that `word` starts with. Looks the word's prefixes up
/// in a set, longest first, rather than trying every title on the word.
fn longest_title_prefix(word: &str) -> Option<&'static str> {
    word.char_indices()
        .rev()
        .map(|(at, c)| &word[..at + c.len_utf8()])
        .find_map(|prefix| TITLES_SET.get(prefix).copied())
}

fn is_particle(s: &str) -> bool {
    const P: &[&str] = &[
        "가",
        "이",
        "는",
        "은",
        "를",
        "을",
        "의",
        "와",
        "과",
        "도",
        "로",
        "으로",
        "에",
        "에게",
        "께서",
        "로서",
        "으로서",
        "와의",
        "과의",
        "에서",
        "만",
        "이다",
        "였다",
        "이었다",
        "로부터",
        "님",
    ];
    P.iter().any(|p| s.starts_with(p))
}

/// Groups the mentions of one article into entities.
pub fn resolve(
    gazetteer: &Gazetteer,
    vocabulary: &Vocabulary,
    text: &str,
    mut mentions: Vec<Mention>,
) -> ArticleEntities {
    // Ranges by start, with the furthest end reached so far: a mention lies
    // inside some range when a range starting at or before it reaches its
    // end (a binary search per mention).
    let mut excluded = excluded_ranges(text);
    excluded.sort_unstable();
    let reach: Vec<usize> = excluded
        .iter()
        .scan(0, |r, &(_, b)| {
            *r = b.max(*r);
            Some(*r)
        })
        .collect();
    let inside = |m: &Mention| {
        let k = excluded.partition_point(|&(a, _)| a <= m.byte_start);
        k > 0 && reach[k - 1] >= m.byte_end
    };
    let mut reporters: Vec<String> = Vec::new();
    let mut reporter_set: HashSet<String, FastHash> = HashSet::default();
    // Roles stated after each mention, by mention index.
    let mut roles: Vec<Vec<String>> = vec![Vec::new(); mentions.len()];
    // Roles first, so reporters and short forms can be told apart.
    let mut keep = Vec::with_capacity(mentions.len());
    for (idx, m) in mentions.iter().enumerate() {
        // A date that resolves to no calendar date (`5년간`, `이틀`, or
        // `이날` without a publication date) and a bare time of day
        // (`오전`) name no node; neither does a bare number.
        let vague = match m.kind {
            EntityType::Date => m.value.is_none(),
            EntityType::Time => !m.text.chars().any(|c| c.is_ascii_digit()),
            EntityType::Quantity => m.text.chars().all(|c| c.is_ascii_digit() || c == '.'),
            _ => false,
        };
        let mut ok = !m.generic && !vague;
        if m.kind == EntityType::Person {
            let r = roles_after(text, m, &mentions);
            let byline_name = text[m.byte_end..].trim_start().starts_with("기자");
            if byline_name || r.iter().any(|r| r == "기자") {
                if !m.short_form && reporter_set.insert(m.text.clone()) {
                    reporters.push(m.text.clone());
                }
                ok = false;
            } else if !r.is_empty() {
                roles[idx].extend(r);
            }
        }
        if inside(m) {
            ok = false;
        }
        keep.push(ok);
    }
    // Short forms → the full name with the same surname.
    let mut person_roles: HashMap<String, Vec<String>, FastHash> = HashMap::default();
    for (idx, m) in mentions.iter().enumerate() {
        if m.kind == EntityType::Person && !m.short_form && keep[idx] {
            let e = person_roles.entry(m.id.clone()).or_default();
            for r in &roles[idx] {
                if !e.contains(r) {
                    e.push(r.clone());
                }
            }
        }
    }
    // The full names a short form may stand for, by the first one and two
    // characters of their label (surnames have one or two: `김`, `남궁`),
    // in text order; and, by (surname, role), those whose person has that
    // role. Each short form then needs a few binary searches, not a scan.
    let full_name: Vec<bool> = (0..mentions.len())
        .map(|j| {
            keep[j]
                && !mentions[j].short_form
                && mentions[j].kind == EntityType::Person
                && mentions[j].text.chars().count() >= 2
        })
        .collect();
    // The label's first one and two characters, for full names.
    let label_prefixes: Vec<Vec<String>> = (0..mentions.len())
        .map(|j| {
            if !full_name[j] {
                return Vec::new();
            }
            let label = label_of(gazetteer, &mentions[j]);
            label
                .char_indices()
                .skip(1)
                .map(|(b, _)| label[..b].to_string())
                .chain(std::iter::once(label.to_string()))
                .take(2)
                .collect()
        })
        .collect();
    let mut by_surname: HashMap<String, Vec<usize>, FastHash> = HashMap::default();
    let mut by_id: HashMap<String, Vec<usize>, FastHash> = HashMap::default();
    for j in (0..mentions.len()).filter(|&j| full_name[j]) {
        for p in &label_prefixes[j] {
            by_surname.entry(p.clone()).or_default().push(j);
        }
        by_id.entry(mentions[j].id.clone()).or_default().push(j);
    }
    type RoleIndex = HashMap<(String, String), BTreeSet<usize>, FastHash>;
    let mut with_role: RoleIndex = HashMap::default();
    let add_role = |with_role: &mut RoleIndex, id: &str, role: &str| {
        for &j in by_id.get(id).into_iter().flatten() {
            for p in &label_prefixes[j] {
                with_role
                    .entry((p.clone(), role.to_string()))
                    .or_default()
                    .insert(j);
            }
        }
    };
    for (id, rs) in &person_roles {
        for r in rs {
            add_role(&mut with_role, id, r);
        }
    }
    // Surnames the article writes anonymised (`유 모 씨`): their short forms
    // that no full name resolves name that person (`유 씨`).
    let anonymised: HashSet<String, FastHash> = mentions
        .iter()
        .enumerate()
        .filter(|(j, m)| keep[*j] && m.short_form && m.rule == ANONYMISED)
        .map(|(_, m)| m.text.clone())
        .collect();
    for idx in 0..mentions.len() {
        if !keep[idx] || !mentions[idx].short_form {
            continue;
        }
        // `尹` stands for the surname `윤`.
        let sur = match vocabulary.abbreviation(&mentions[idx].text) {
            Some(Abbreviation::Surname(s)) => s.clone(),
            _ => mentions[idx].text.clone(),
        };
        let my_roles = roles[idx].clone();
        // A surname of more than two characters is not indexed: scan.
        let scanned: Vec<usize>;
        let candidates: &[usize] = if sur.chars().count() <= 2 {
            by_surname.get(&sur).map_or(&[], Vec::as_slice)
        } else {
            scanned = (0..mentions.len())
                .filter(|&j| {
                    full_name[j] && label_of(gazetteer, &mentions[j]).starts_with(sur.as_str())
                })
                .collect();
            &scanned
        };
        let before = |list: &[usize]| list[..list.partition_point(|&j| j < idx)].last().copied();
        // The latest full name before the short form, preferring one with
        // the same title.
        let role_pick = my_roles
            .iter()
            .filter_map(|r| {
                with_role
                    .get(&(sur.clone(), r.clone()))
                    .and_then(|set| set.range(..idx).next_back().copied())
            })
            .max();
        let pick = role_pick
            .or_else(|| before(candidates))
            .or_else(|| candidates.first().copied());
        match pick {
            Some(j) => {
                let target = mentions[j].id.clone();
                mentions[idx].id.clone_from(&target);
                if let Some(e) = person_roles.get_mut(&target) {
                    for r in my_roles {
                        if !e.contains(&r) {
                            add_role(&mut with_role, &target, &r);
                            e.push(r);
                        }
                    }
                }
            }
            None => {
                keep[idx] = mentions[idx].kind == EntityType::Person
                    && anonymised.contains(&mentions[idx].text)
            }
        }
    }

    // `바이든` after `조 바이든`: a foreign family name alone is the person
    // named in full elsewhere in the article (the first such).
    let mut by_family_name: HashMap<&str, usize, FastHash> = HashMap::default();
    for (j, m) in mentions.iter().enumerate() {
        if keep[j]
            && m.kind == EntityType::Person
            && m.text.contains(' ')
            && let Some(last) = m.text.rsplit(' ').next()
        {
            by_family_name.entry(last).or_insert(j);
        }
    }
    let by_family_name: HashMap<String, usize, FastHash> = by_family_name
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    for idx in 0..mentions.len() {
        let m = &mentions[idx];
        if !keep[idx] || m.kind != EntityType::Person || m.short_form || m.text.contains(' ') {
            continue;
        }
        if let Some(&j) = by_family_name.get(m.text.as_str()) {
            let full_id = mentions[j].id.clone();
            let old = std::mem::replace(&mut mentions[idx].id, full_id);
            let moved = person_roles.remove(&old).unwrap_or_default();
            let e = person_roles.entry(mentions[j].id.clone()).or_default();
            for r in moved {
                if !e.contains(&r) {
                    e.push(r);
                }
            }
        }
    }

    // Group by id, in order of first mention.
    let mut groups: Vec<(String, Vec<Mention>)> = Vec::new();
    let mut group_of: HashMap<String, usize, FastHash> = HashMap::default();
    for (m, k) in mentions.into_iter().zip(keep) {
        if !k {
            continue;
        }
        let g = *group_of.entry(m.id.clone()).or_insert_with(|| {
            groups.push((m.id.clone(), Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(m);
    }
    let entities = groups
        .into_iter()
        .filter_map(|(id, ms)| {
            let roles = person_roles.remove(&id).unwrap_or_default();
            build_entity(gazetteer, id, ms, roles)
        })
        .collect();
    ArticleEntities {
        entities,
        reporters,
    }
}

/// The label a mention stands for: the gazetteer's Korean name, else the text.
fn label_of<'a>(gazetteer: &'a Gazetteer, m: &'a Mention) -> &'a str {
    gazetteer
        .get(&m.id)
        .map_or(m.text.as_str(), |e| e.ko.as_str())
}

/// The forms an entity goes by, each once up to case and spacing (by
/// [`key`], computed once per form rather than per comparison).
#[derive(Default)]
struct Forms {
    forms: Vec<String>,
    keys: Vec<String>,
    seen: HashSet<String, FastHash>,
}

impl Forms {
    fn add(&mut self, form: &str) {
        if form.is_empty() {
            return;
        }
        let k = key(form);
        if self.seen.insert(k.clone()) {
            self.forms.push(form.to_string());
            self.keys.push(k);
        }
    }

    /// The forms, less those that are the label (up to case and spacing).
    fn without(self, label: &str) -> Vec<String> {
        let label = key(label);
        self.forms
            .into_iter()
            .zip(self.keys)
            .filter(|(_, k)| *k != label)
            .map(|(form, _)| form)
            .collect()
    }
}

fn build_entity(
    gazetteer: &Gazetteer,
    id: String,
    mentions: Vec<Mention>,
    roles: Vec<String>,
) -> Option<Entity> {
    let first = mentions.first()?;
    let kind = first.kind;
    let value = first.value.clone();
    let mut aliases = Forms::default();
    let (label_ko, label_en) = match gazetteer.get(&id) {
        Some(e) => {
            for m in mentions.iter().filter(|m| !m.short_form) {
                aliases.add(&m.text);
            }
            for s in e.surfaces() {
                aliases.add(s);
            }
            (e.ko.clone(), e.en.clone())
        }
        // An anonymised person (`유 모 씨`, then `유 씨`): known by the
        // surname only, the label says so.
        None if kind == EntityType::Person && mentions.iter().all(|m| m.short_form) => {
            let ko = format!("{} 모 씨", first.text);
            aliases.add(&format!("{} 씨", first.text));
            let en = format!("Mr./Ms. {}", romanize_person(&first.text));
            (ko, en)
        }
        None => {
            // The Korean label: the first full (non-short) Hangul form.
            let full: Vec<&Mention> = mentions.iter().filter(|m| !m.short_form).collect();
            let hangul = |m: &&&Mention| m.text.chars().any(super::romanize::is_hangul_syllable);
            // An event's label is its fullest name: `이승기와 이다인의
            // 결혼식`, not a later bare `결혼식` (nor the headline's).
            let fullest = (kind == EntityType::Event)
                .then(|| {
                    full.iter()
                        .filter(hangul)
                        .max_by_key(|m| (m.text.chars().count(), std::cmp::Reverse(m.start)))
                })
                .flatten();
            let ko = fullest
                .or_else(|| full.iter().find(hangul))
                .or(full.first())
                .map_or_else(|| first.text.clone(), |m| m.text.clone());
            for m in &mentions {
                if !m.short_form {
                    aliases.add(&m.text);
                }
            }
            let latin_alias = full
                .iter()
                .find(|m| m.text.is_ascii() && m.text.chars().any(|c| c.is_ascii_alphabetic()))
                .map(|m| m.text.clone());
            let en = match (kind, &value) {
                (EntityType::Money, Some(super::Value::Money(v))) => format!(
                    "{}{} {}",
                    if v.approximate { "about " } else { "" },
                    group_thousands(v.amount),
                    v.currency
                ),
                (EntityType::Date, Some(super::Value::Date { date })) => date.clone(),
                (EntityType::Person, _) => romanize_person(&ko),
                // Words the gazetteer knows keep their English names
                // (`애저 MCFS` → `Microsoft Azure MCFS`).
                _ => latin_alias.unwrap_or_else(|| {
                    ko.split(' ')
                        .map(|w| match gazetteer.lookup(w) {
                            Some(e) if !e.en.is_empty() => e.en.clone(),
                            _ if w.is_ascii() => w.to_string(),
                            _ => capitalize_words(&romanize_name(w)),
                        })
                        .collect::<Vec<_>>()
                        .join(" ")
                }),
            };
            (ko, en)
        }
    };
    let aliases = aliases.without(&label_ko);
    // A non-curated entity whose id came from another form keeps a stable id.
    let keep_id = gazetteer.get(&id).is_some()
        || !id.contains(':')
        || matches!(
            kind,
            EntityType::Money | EntityType::Date | EntityType::Time | EntityType::Quantity
        );
    let id = if keep_id {
        id
    } else {
        generated_id(kind, &label_ko)
    };
    let mut mentions = mentions;
    for m in &mut mentions {
        m.id.clone_from(&id);
    }
    Some(Entity {
        id,
        kind,
        label_ko,
        label_en,
        aliases,
        roles,
        value,
        mentions,
    })
}

fn group_thousands(v: f64) -> String {
    if v.fract() != 0.0 || v.abs() >= 9.0e15 {
        return format!("{v}");
    }
    let s = format!("{}", v as i64);
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 && c.is_ascii_digit() {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_like_parentheses() {
        assert!(name_like("MS"));
        assert!(name_like("Cloud Service Provider"));
        assert!(name_like("京都"));
        assert!(!name_like("현지시간"));
        assert!(!name_like("금융 클라우드"));
        assert!(!name_like("44"));
    }

    #[test]
    fn thousands() {
        assert_eq!(group_thousands(120_000_000.0), "120,000,000");
        assert_eq!(group_thousands(999.0), "999");
    }

    #[test]
    fn bylines_and_navigation_are_excluded() {
        let t = "실시간\n[디지털데일리 권하영기자] KT가 계약을 맺었다.\n";
        let r = excluded_ranges(t);
        assert!(r.contains(&(0, "실시간\n".len())));
        assert!(r.iter().any(|&(a, _)| &t[a..a + 1] == "["));
    }

    #[test]
    fn a_source_tag_opening_a_line_is_excluded() {
        let t = "[한빛일보] 한빛전자가 신제품을 내놨다. [한빛전자] 설명이다.\n[반도체 전쟁]② 한빛전자의 선택\n";
        let r = excluded_ranges(t);
        assert!(r.contains(&(0, "[한빛일보]".len())), "{r:?}");
        // Inside a sentence, or several words (a series title): prose.
        let mid = t.find("[한빛전자]").unwrap();
        assert!(!r.iter().any(|&(a, _)| a == mid), "{r:?}");
        let series = t.find("[반도체").unwrap();
        assert!(!r.iter().any(|&(a, _)| a == series), "{r:?}");
    }
}
