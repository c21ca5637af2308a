//! Places from the place data ([`crate::entities::places`]): official
//! divisions, countries, cities and curated names, with the ids they share
//! (`부산` = `부산광역시`), a place written before its part joined to it
//! (`부산 중구`, `경기 이천시 마장면`), and homonyms told apart by that
//! context or left ambiguous.

use std::collections::HashMap;

use super::Recognizer;
use crate::FastHash;
use crate::entities::EntityType;
use crate::entities::Mention;
use crate::entities::gazetteer::push_key;
use crate::entities::places::{
    AMBIGUOUS_RULE, Ending, NameRef, PLACE_RULE, PlaceId, PlaceKind, SITE_RULE, Strength,
    one_syllable, site_id,
};

/// Most tokens a place name spans (`산루이스포토시`, `부산광역시` split).
const MAX_TOKENS: usize = 6;

impl<'t> Recognizer<'_, 't> {
    /// The longest place name starting at token `i`: its end token and the
    /// places it may name.
    fn place_name(&self, i: usize) -> Option<(usize, &[NameRef])> {
        let places = self.places;
        let n = self.toks.len();
        let mut key = String::new();
        let mut chars = 0;
        let mut best = None;
        for j in i + 1..=(i + MAX_TOKENS).min(n) {
            let t = &self.toks[j - 1];
            if self.claimed[j - 1] || (j > i + 1 && t.sp) {
                break;
            }
            if t.hangul {
                key.push_str(t.s);
            } else {
                push_key(&mut key, t.s);
            }
            chars += t.chars;
            if chars > places.max_key_chars() {
                break;
            }
            let refs = places.lookup_key(&key);
            if !refs.is_empty() {
                best = Some((j, refs));
            }
        }
        best
    }

    pub(super) fn place_data_pass(&mut self) {
        let n = self.toks.len();
        // The place just found: (index in `out`, end byte, its place).
        let mut last: Option<(usize, usize, PlaceId)> = None;
        let mut i = 0;
        while i < n {
            if self.claimed[i] {
                i += 1;
                continue;
            }
            let before = last.filter(|&(_, end, _)| {
                let gap = &self.text[end.min(self.toks[i].bs)..self.toks[i].bs];
                gap.is_empty() || gap == " "
            });
            match self.place_at(i, before.map(|(_, _, p)| p)) {
                Some((j, found)) => {
                    let (id, rule) = match found {
                        Some(p) => (self.places.place(p).id.clone(), PLACE_RULE),
                        None => (
                            crate::entities::generated_id(EntityType::Location, self.slice(i, j)),
                            AMBIGUOUS_RULE,
                        ),
                    };
                    self.push(i, j, EntityType::Location, Some(id), rule);
                    // `부산 중구`: a place followed by a part of it is one
                    // name, the part.
                    if let (Some(p), Some((k, _, q))) = (found, before)
                        && self.places.contains(q, p)
                        && k + 2 == self.out.len()
                    {
                        let part = self.out.pop().expect("just pushed");
                        let whole = &mut self.out[k];
                        whole.byte_end = part.byte_end;
                        whole.end = part.end;
                        whole.text = self.text[whole.byte_start..whole.byte_end].to_string();
                        whole.id = part.id;
                    }
                    let k = self.out.len() - 1;
                    last = found.map(|p| (k, self.toks[j - 1].be, p));
                    i = j;
                }
                None => i += 1,
            }
        }
    }

    /// A place name at token `i` (given the place written just before, if
    /// any): its end token and the place it names (`None`: several
    /// homonyms and nothing to choose).
    fn place_at(&self, i: usize, before: Option<PlaceId>) -> Option<(usize, Option<PlaceId>)> {
        let places = self.places;
        let t = &self.toks[i];
        let after_dot = i > 0 && self.toks[i - 1].s == "·" && !t.sp;
        // `24일(한국시각)`, `‘부산’`: a bracket or a quote opens a word.
        let after_open = i > 0
            && !t.sp
            && (self.toks[i - 1].pos == "SSO"
                || matches!(self.toks[i - 1].s, "'" | "\"" | "‘" | "“" | "「" | "『"));
        if !t.word_start && !after_dot && !after_open {
            return None;
        }
        let (j, refs) = self.place_name(i)?;
        let name = self.slice(i, j);
        let last = &self.toks[j - 1];
        // A one-syllable abbreviation (`미`, `중`), not a place whose name
        // is one syllable (`괌`).
        let abbreviation =
            one_syllable(name) && refs.iter().all(|r| places.place(r.place).ko != name);
        // `한·미`, `북·미`: a one-syllable name stands for its country only
        // in coordination with another.
        let coordinated = {
            let other = |k: usize| {
                self.toks
                    .get(k)
                    .is_some_and(|u| one_syllable(u.s) && !places.lookup(u.s).is_empty())
            };
            let dot_after = self.toks.get(j).is_some_and(|u| u.s == "·" && !u.sp) && other(j + 1);
            let dot_before = after_dot && i >= 2 && other(i - 2);
            dot_after || dot_before
        };
        if abbreviation && !coordinated && name.chars().all(is_hangul) {
            return None;
        }
        // `카이로` read as 카이 + 로: a name of three syllables or more the
        // analyser split into a proper noun and a particle, ending the word.
        let split_name = j > i + 1
            && t.proper()
            && last.pos.starts_with('J')
            && name.chars().count() >= 3
            && refs.iter().any(|r| r.strength >= Strength::Full)
            && self.toks.get(j).is_none_or(|u| u.word_start);
        if !(abbreviation || split_name || last.noun() || last.pos == "SY") {
            return None;
        }
        // The word goes on: `부산역` is a station, `서울대` a university,
        // `한국형` a kind; `상하이시`, `미주리주` a place with its suffix.
        let mut end = j;
        if let Some(u) = self.toks.get(j).filter(|u| !u.sp) {
            let abroad = refs.iter().any(|r| {
                matches!(
                    places.place(r.place).kind,
                    PlaceKind::City | PlaceKind::State | PlaceKind::Country | PlaceKind::Area
                )
            });
            let suffix = matches!(u.s, "시" | "주" | "성" | "현" | "도")
                && u.pos.starts_with('N')
                && self.toks.get(j + 1).is_none_or(|v| v.sp || !v.noun());
            // `한국시각`, `체코산`, `분당주민들`: a compound about the place,
            // the rest of the word its particles.
            let compound = u.noun()
                && places.words().is_compound(u.s)
                && self.toks[j + 1..self.word_end(j)]
                    .iter()
                    .take_while(|v| !v.pos.starts_with('S'))
                    .all(|v| tail_pos(v.pos) || v.pos == "XSN");
            if suffix && abroad {
                end = j + 1;
            } else if u.pos.starts_with("XSV") || u.pos.starts_with("XSA") {
                // No place takes 하다: `천안함` as 천안 + 함 is a ship.
                return None;
            } else if compound {
            } else if (u.noun() && u.pos != "NNB") || u.latin() || u.number() {
                return None;
            }
        }
        // A name glued to the end of a longer word is not the place.
        if i > 0 && !t.sp && !after_dot && !after_open {
            let p = &self.toks[i - 1];
            if p.noun() || p.latin() {
                return None;
            }
        }
        // What the analyser made of the word: a short word it reads as one
        // common noun (`이동`, `서구`) is that noun unless the context says
        // otherwise; longer ones it lists as nouns are names (`고성군`).
        let single = j == i + 1;
        let common_noun = single && t.pos == "NNG" && t.chars <= 2;
        let place_tag = single && t.proper() && t.sem == "지명";
        // A place it contains written right after (`경기 이천시`).
        let after: Vec<PlaceId> = match self.toks.get(end) {
            Some(u)
                if u.sp
                    && !self.claimed[end]
                    && refs
                        .iter()
                        .any(|r| r.strength < Strength::Full || common_noun) =>
            {
                self.place_name(end)
                    .map(|(_, next)| next.iter().map(|r| r.place).collect())
                    .unwrap_or_default()
            }
            _ => Vec::new(),
        };
        let in_context = |p: PlaceId| {
            before.is_some_and(|b| places.contains(b, p))
                || after.iter().any(|&c| places.contains(p, c))
        };
        // A name without its suffix or a regional word (`경기`, `경상`) is a
        // place beside another place (`경기·경북`, `경상, 제주 지역`) or
        // before a noun of area (`충청 지역`, `강원 산간`).
        let paired = || {
            let sep = |u: &super::Tok<'_>| matches!(u.s, "·" | "," | "、" | "ㆍ") || u.pos == "JC";
            let next_place = self.toks.get(end).is_some_and(sep)
                && end + 1 < self.toks.len()
                && self
                    .place_name(end + 1)
                    .is_some_and(|(_, r)| r.iter().any(|r| r.strength >= Strength::Short));
            let prev_place =
                i >= 1
                    && sep(&self.toks[i - 1])
                    && self.out.iter().rev().take(4).any(|m| {
                        m.kind == EntityType::Location && m.byte_end == self.toks[i - 1].bs
                    });
            let area = end < self.toks.len() && {
                let e = self.word_end(end);
                places
                    .words()
                    .is_area(self.slice(end, self.stem_end(end, e)))
            };
            next_place || prev_place || area
        };
        let accepted: Vec<PlaceId> = refs
            .iter()
            .filter(|r| {
                in_context(r.place)
                    || match r.strength {
                        Strength::Strong => true,
                        Strength::Full => !common_noun,
                        Strength::Short => place_tag || paired(),
                        Strength::Context => false,
                    }
            })
            .map(|r| r.place)
            .collect();
        if accepted.is_empty() {
            return None;
        }
        let near: Vec<PlaceId> = accepted
            .iter()
            .copied()
            .filter(|&p| in_context(p))
            .collect();
        let pool = if near.is_empty() { accepted } else { near };
        let found = if let [one] = pool[..] {
            Some(one)
        } else {
            places.most_prominent(pool)
        };
        Some((end, found))
    }
}

fn is_hangul(c: char) -> bool {
    crate::entities::romanize::is_hangul_syllable(c)
}

/// Whether a token ends a word's stem rather than belonging to it: a
/// particle, an ending, the copula or a verb-making suffix (`에서`,
/// `이다`, `했다`).
fn tail_pos(pos: &str) -> bool {
    let first = pos.split('+').next().unwrap_or(pos);
    first.starts_with('J')
        || first.starts_with('E')
        || matches!(first, "VCP" | "VCN" | "XSV" | "XSA")
}

/// Whether `s` is written in Hanja (CJK ideographs).
fn is_hanja_word(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// Districts abroad written with Korea's endings (`구이런(歸仁)구`), which
/// end too many Korean words to be endings of their own (`놀이기구`).
const DISTRICTS: &[&str] = &["구", "군"];

/// The particles a division's ending may carry after a name in brackets
/// (`창사(長沙)시의`, `민허우(閩侯)현에서`).
const PARTICLES: &[&str] = &[
    "의",
    "에",
    "에서",
    "에서는",
    "에는",
    "은",
    "는",
    "이",
    "가",
    "을",
    "를",
    "과",
    "와",
    "로",
    "으로",
    "도",
    "까지",
    "부터",
];

/// What the words before a site's ending say.
struct SiteName {
    /// First token of the name (after the places written before it).
    start: usize,
    /// Whether the name has a head of its own: a proper noun, a Latin,
    /// unknown or oddly split word, or a place name.
    named: bool,
    /// The place mention written just before the name (index in `out`).
    container: Option<usize>,
    /// Number mentions the name takes in (`115번 테라스`, indices in `out`).
    absorbed: Vec<usize>,
}

impl<'t> Recognizer<'_, 't> {
    /// The token after the word that starts at token `i`.
    pub(super) fn word_end(&self, i: usize) -> usize {
        let n = self.toks.len();
        let mut j = i + 1;
        while j < n && !self.toks[j].word_start {
            j += 1;
        }
        j
    }

    /// The end of the stem of word `i..j`: the word without its particles
    /// and endings.
    pub(super) fn stem_end(&self, i: usize, j: usize) -> usize {
        let mut k = j;
        while k > i + 1 && tail_pos(self.toks[k - 1].pos) {
            k -= 1;
        }
        k
    }

    /// Whether token `t` makes a name a name: a proper noun, a Latin word,
    /// a word the dictionary lacks, or a piece of an odd split (a verb
    /// form inside a noun stem).
    fn name_token(&self, k: usize) -> bool {
        let t = &self.toks[k];
        t.proper() || t.latin() || t.unknown || (t.pos.starts_with('V') && !tail_pos(t.pos))
    }

    /// Whether `word` is a loanword or coined word of two syllables or more
    /// (`선라이프`, `세빛둥둥`): a name's head, as a proper noun is, where
    /// the analyser splits it (one common noun, `온라인`, `트레이드`, is
    /// that noun).
    fn loanword(&self, word: &str) -> bool {
        word.chars().count() >= 2 && word.chars().all(is_hangul) && self.vocab.is_loanword(word)
    }

    /// The mention in `out` covering exactly tokens `a..b`, if any.
    fn mention_of(&self, ends: &Ends, a: usize, b: usize) -> Option<usize> {
        let (bs, be) = (self.toks[a].bs, self.toks[b - 1].be);
        ends.at(be).filter(|&k| self.out[k].byte_start == bs)
    }

    /// The place mention ending just before token `i` with one space
    /// between (`서울 강남구` before `코엑스`).
    fn place_before(&self, ends: &Ends, i: usize) -> Option<usize> {
        if i == 0 || !self.toks[i].sp {
            return None;
        }
        let gap = &self.text[self.toks[i - 1].be..self.toks[i].bs];
        if gap != " " {
            return None;
        }
        ends.at(self.toks[i - 1].be)
            .filter(|&k| self.out[k].kind == EntityType::Location)
    }

    /// The name of a site whose ending word starts at token `i` (glued head
    /// tokens `i..head_end`): the words before it that belong to it (nouns
    /// without particles, up to three words, numbers with a counter), and
    /// the place written before them.
    fn site_name(&self, ends: &Ends, i: usize, glued_named: bool) -> SiteName {
        let mut name = SiteName {
            start: i,
            named: glued_named,
            container: self.place_before(ends, i),
            absorbed: Vec::new(),
        };
        let mut start = i;
        for _ in 0..4 {
            // A city inside a brand's name (`그랜드 인터컨티넨탈 서울
            // 파르나스 호텔`): a named site, the place, and a name word
            // before the place. The place is part of the name.
            if let Some(c) = name.container
                && name.named
                && let inner = self.token_from(self.out[c].byte_start)
                && inner > 0
                && self.toks[inner].sp
                && self.name_word_before(inner)
            {
                name.absorbed.push(c);
                name.container = None;
                start = inner;
            }
            if name.container.is_some() || start == 0 || !self.toks[start].sp {
                break;
            }
            // The word before `start`.
            let end = start;
            let mut a = end - 1;
            while a > 0 && !self.toks[a].word_start {
                a -= 1;
            }
            if self.text[self.toks[a].be.min(self.toks[end].bs)..self.toks[end].bs].trim() != ""
                && a + 1 == end
            {
                break;
            }
            let number = self.claimed[a..end].iter().all(|&c| c)
                && self
                    .mention_of(ends, a, end)
                    .is_some_and(|m| self.out[m].kind == EntityType::Quantity);
            let free = self.claimed[a..end].iter().all(|&c| !c);
            let nouns = self.toks[a..end]
                .iter()
                .all(|t| t.noun() && t.pos != "NNB" && !t.pos.starts_with('J'));
            let named_word = !number
                && ((a..end).any(|k| self.name_token(k))
                    || (end > a + 1 && self.loanword(self.slice(a, end))));
            if number {
                name.absorbed
                    .push(self.mention_of(ends, a, end).expect("checked"));
            } else if !(free && nouns) || (name.named && !named_word && end == a + 1) {
                // A named site takes no common nouns before it (`민주화
                // 상징 타흐리르 광장` is 타흐리르 광장), but compounds that
                // may be names (`한화생명 이글스파크`).
                break;
            }
            if named_word {
                name.named = true;
            }
            start = a;
            name.start = a;
            name.container = self.place_before(ends, a);
        }
        name
    }

    /// Whether the word before token `i` is free and a name's (a proper
    /// noun, a Latin or unknown word, a loanword).
    fn name_word_before(&self, i: usize) -> bool {
        let mut a = i - 1;
        while a > 0 && !self.toks[a].word_start {
            a -= 1;
        }
        self.claimed[a..i].iter().all(|&c| !c)
            && self.toks[a..i]
                .iter()
                .all(|t| t.noun() && t.pos != "NNB" && !t.pos.starts_with('J'))
            && ((a..i).any(|k| self.name_token(k))
                || (i > a + 1 && self.loanword(self.slice(a, i))))
    }

    /// Sites, facilities and divisions abroad by their construction: a name
    /// and an ending of `data/places/words.tsv` (`해운대역`, `타흐리르
    /// 광장`, `FKI 컨퍼런스센터에서`, `코아우일라주`), joined to the place
    /// written before them (`잠실 보조경기장`, `대구 서문시장`) as one
    /// mention whose id is the site's (`place-…`).
    pub(super) fn site_pass(&mut self) {
        let words = self.places.words();
        let mut ends = Ends::new(&self.out);
        self.hanja_divisions(&mut ends);
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            if self.claimed[i] || !self.toks[i].word_start {
                i += 1;
                continue;
            }
            let j = self.word_end(i);
            let k = self.stem_end(i, j);
            let stem = self.slice(i, k);
            let next = j;
            // A name starts with a noun, a number or a foreign word, not a
            // verb the analyser split off (`가구장` as 가/VX 구/EC 장).
            let lead = self.toks[i].pos;
            if self.claimed[i..k].iter().any(|&c| c)
                || !self.toks[k - 1].noun()
                || lead.starts_with(['V', 'E', 'J'])
                || !stem.chars().next().is_some_and(|c| c.is_alphanumeric())
            {
                i = j;
                continue;
            }
            let Some((head_at, ending)) = words.ending_of(stem) else {
                i = j;
                continue;
            };
            let head = &stem[..head_at];
            let ending_word = &stem[head_at..];
            // The ending starts a token, or ends a proper noun (`해운대역`):
            // `지역`, `전단지` are words of their own.
            let last = &self.toks[k - 1];
            if last.bs < self.toks[i].bs + head_at && !last.proper() {
                i = j;
                continue;
            }
            let head_chars = head.chars().count();
            let head_end = self.toks[i].bs + head_at;
            let head_toks = (i..k).filter(|&t| self.toks[t].bs < head_end);
            let single = k == i + 1;
            // A head that is (or starts with) a place: `해운대역`, `평택캠퍼스`.
            let head_place = head_chars >= 2
                && (!self.places.lookup(head).is_empty()
                    || head_toks.clone().any(|t| {
                        self.toks[t].be <= head_end
                            && self.toks[t].chars >= 2
                            && self
                                .places
                                .lookup(self.toks[t].s)
                                .iter()
                                .any(|r| r.strength >= Strength::Short)
                    }));
            // A loanword head is a name's where the analyser splits it, or
            // after a place (`바옐사주 브라스섬`).
            let loan = head_chars > 0 && self.loanword(head);
            let glued_named = head_chars > 0
                && (head_place
                    || (loan
                        && (head_toks.clone().count() > 1
                            || self.place_before(&ends, i).is_some()))
                    || head_toks.clone().any(|t| self.name_token(t))
                    || (single && self.toks[i].proper() && self.toks[i].sem != "인명"));
            let person_like = single && self.toks[i].sem == "인명"
                || (stem.chars().count() == 3
                    && crate::entities::romanize::surname(
                        &stem[..stem.char_indices().nth(1).map_or(stem.len(), |(b, _)| b)],
                    )
                    .is_some()
                    && ending_word.chars().count() == 1);
            let after = self.toks.get(k);
            let locative = after.is_some_and(|u| {
                u.pos.starts_with("JKB")
                    && matches!(u.s, "에서" | "서" | "에" | "에서는" | "에서도")
            }) || (k == j
                && self
                    .toks
                    .get(next)
                    .is_some_and(|u| u.sp && words.is_near(u.s)));
            let accepted = match ending {
                Ending::Division => {
                    head_chars >= 2
                        && head.chars().all(is_hangul)
                        && (glued_named || loan)
                        && !person_like
                        && self.places.lookup(head).is_empty()
                }
                Ending::Site | Ending::WeakSite => {
                    if ending == Ending::WeakSite && ending_word == "시장" && head_place {
                        // `부산시장` is its mayor.
                        false
                    } else {
                        let name = self.site_name(&ends, i, glued_named);
                        let one = ending_word.chars().count() == 1;
                        let ok = if one {
                            glued_named && !person_like
                        } else {
                            // After a place, the bare name of a site a place
                            // has one of is its site (`과천 신도시`,
                            // `샌프란시스코 공항`); others need a head of
                            // their own (`잠실 보조경기장`, not `칭다오 호텔`).
                            name.named
                                || (name.container.is_some()
                                    && (head_chars > 0
                                        || name.start < i
                                        || words.is_own(ending_word)))
                        };
                        let ok =
                            ok && (ending == Ending::Site || locative || name.container.is_some());
                        if ok {
                            self.push_site(&mut ends, name, k);
                            i = j;
                            continue;
                        }
                        false
                    }
                }
            };
            if accepted {
                let name = SiteName {
                    start: i,
                    named: true,
                    container: self.place_before(&ends, i),
                    absorbed: Vec::new(),
                };
                self.push_site(&mut ends, name, k);
            }
            i = j;
        }
        self.finish_sites(ends);
    }

    /// `민허우(閩侯)현`, `창사(長沙)시의`: a name with its Hanja in
    /// brackets and a division's ending after them is a division abroad,
    /// and the Hanja is a name of the same place (`푸저우(福州)시`: the
    /// place the data knows).
    fn hanja_divisions(&mut self, ends: &mut Ends) {
        let words = self.places.words();
        let n = self.toks.len();
        for open in 1..n.saturating_sub(2) {
            if self.toks[open].s != "(" || self.toks[open].sp {
                continue;
            }
            // The Hanja and the closing bracket.
            let mut close = open + 1;
            while close < n && close - open <= 4 && is_hanja_word(self.toks[close].s) {
                close += 1;
            }
            if close == open + 1 || close >= n || self.toks[close].s != ")" {
                continue;
            }
            // A division's ending right after, then a particle or nothing.
            let after = &self.text[self.toks[close].be..];
            let run: &str = after.split(|c: char| !is_hangul(c)).next().unwrap_or("");
            let division = run
                .char_indices()
                .skip(1)
                .map(|(at, _)| at)
                .chain([run.len()])
                .any(|at| {
                    let (ending, rest) = run.split_at(at);
                    (words.ending_of(ending) == Some((0, Ending::Division))
                        || DISTRICTS.contains(&ending))
                        && (rest.is_empty() || PARTICLES.contains(&rest))
                });
            if !division {
                continue;
            }
            // The name: the word before the bracket, in Hangul.
            let mut a = open - 1;
            while a > 0 && !self.toks[a].word_start {
                a -= 1;
            }
            let name = self.slice(a, open);
            if name.chars().count() < 2 || !name.chars().all(is_hangul) {
                continue;
            }
            let id = match self.mention_of(ends, a, open) {
                Some(m) if self.out[m].kind == EntityType::Location => self.out[m].id.clone(),
                Some(_) => continue,
                None if self.claimed[a..open].iter().any(|&c| c) => continue,
                None => {
                    let name = SiteName {
                        start: a,
                        named: true,
                        container: None,
                        absorbed: Vec::new(),
                    };
                    self.push_site(ends, name, open);
                    let k = ends.at(self.toks[open - 1].be).expect("just pushed");
                    self.out[k].id.clone()
                }
            };
            if self.claimed[open + 1..close].iter().all(|&c| !c) {
                self.push(open + 1, close, EntityType::Location, Some(id), SITE_RULE);
                ends.moved(self.out.len() - 1, usize::MAX, self.toks[close - 1].be);
            }
        }
    }

    /// `킨텍스에서 열린`, `다저스타디움에서 열린`: a name nothing else
    /// typed, followed by `에서` and a venue's predicate, is a place.
    pub(super) fn venue_pass(&mut self) {
        let words = self.places.words();
        let mut ends = Ends::new(&self.out);
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            if self.claimed[i] || !self.toks[i].word_start {
                i += 1;
                continue;
            }
            let j = self.word_end(i);
            let k = self.stem_end(i, j);
            let free = self.claimed[i..j].iter().all(|&c| !c);
            let at = self
                .toks
                .get(k)
                .is_some_and(|u| u.pos.starts_with("JKB") && matches!(u.s, "에서" | "서"));
            let nouns = self.toks[i..k].iter().all(|t| t.noun() && t.pos != "NNB");
            let hangul_led = self.toks[i].hangul;
            let named =
                (i..k).any(|t| self.name_token(t)) && !(k == i + 1 && self.toks[i].sem == "인명");
            let site = words
                .ending_of(self.slice(i, k))
                .is_some_and(|(h, e)| h > 0 && e != Ending::Division);
            if !(free && at && k + 1 == j && nouns && hangul_led && (named || site)) {
                i = j;
                continue;
            }
            // The predicate within the next three words, before any other
            // verb.
            let mut w = j;
            let mut venue = false;
            for _ in 0..3 {
                if w >= n {
                    break;
                }
                let e = self.word_end(w);
                if words.is_venue(self.slice(w, e)) || words.is_venue(self.toks[w].s) {
                    venue = true;
                    break;
                }
                if self.toks[w..e].iter().any(|t| t.pos.starts_with('V')) {
                    break;
                }
                w = e;
            }
            if venue {
                let name = SiteName {
                    start: i,
                    named: true,
                    container: self.place_before(&ends, i),
                    absorbed: Vec::new(),
                };
                self.push_site(&mut ends, name, k);
            }
            i = j;
        }
        self.finish_sites(ends);
    }

    /// Pushes a site ending at token `end` (exclusive): one mention from
    /// the place written before it (if any) to its end, with the site's id.
    fn push_site(&mut self, ends: &mut Ends, name: SiteName, end: usize) {
        let label = match name.container {
            // A name with no head of its own keeps its place (`잠실
            // 보조경기장`).
            Some(c) if !name.named => {
                self.text[self.out[c].byte_start..self.toks[end - 1].be].to_string()
            }
            _ => self.slice(name.start, end).to_string(),
        };
        let id = site_id(&label);
        // Numbers taken into the name are no mentions of their own.
        for m in name.absorbed {
            ends.drop(m, self.out[m].byte_end);
        }
        self.push(name.start, end, EntityType::Location, Some(id), SITE_RULE);
        let site_end = self.toks[end - 1].be;
        match name.container {
            Some(c) => {
                let site = self.out.pop().expect("just pushed");
                let whole = &mut self.out[c];
                ends.moved(c, whole.byte_end, site_end);
                whole.byte_end = site.byte_end;
                whole.end = site.end;
                whole.text = self.text[whole.byte_start..whole.byte_end].to_string();
                whole.id = site.id;
                whole.rule = site.rule;
            }
            None => ends.moved(self.out.len() - 1, usize::MAX, site_end),
        }
    }

    /// Ends a site pass: drops the mentions its sites took in.
    fn finish_sites(&mut self, ends: Ends) {
        if ends.dropped.is_empty() {
            return;
        }
        let mut keep = vec![true; self.out.len()];
        for k in ends.dropped {
            keep[k] = false;
        }
        let mut k = 0;
        self.out.retain(|_| {
            k += 1;
            keep[k - 1]
        });
    }
}

/// The mentions of `out` by their end byte (the last one ending there) and
/// the ones a site took in, dropped when the pass ends: a site looks up the
/// place before it in constant time, so the site passes stay linear.
struct Ends {
    by_end: HashMap<usize, usize, FastHash>,
    dropped: Vec<usize>,
}

impl Ends {
    fn new(out: &[Mention]) -> Ends {
        let mut by_end = HashMap::default();
        for (k, m) in out.iter().enumerate() {
            by_end.insert(m.byte_end, k);
        }
        Ends {
            by_end,
            dropped: Vec::new(),
        }
    }

    /// The mention ending at byte `end`.
    fn at(&self, end: usize) -> Option<usize> {
        self.by_end.get(&end).copied()
    }

    /// Mention `k`, which ended at `end`, is gone.
    fn drop(&mut self, k: usize, end: usize) {
        if self.by_end.get(&end) == Some(&k) {
            self.by_end.remove(&end);
        }
        self.dropped.push(k);
    }

    /// Mention `k` now ends at `to` (it ended at `from`).
    fn moved(&mut self, k: usize, from: usize, to: usize) {
        if self.by_end.get(&from) == Some(&k) {
            self.by_end.remove(&from);
        }
        self.by_end.insert(to, k);
    }
}
