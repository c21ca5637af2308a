//! What one sentence shows of a name holds for the whole text:
//!
//! * coordination: a name listed with a typed one is of its type (`SK에너지와
//!   대한유화`, `맥스텔, 넥스윙, 오로라스퀘어 등`, `로톡과 빅케이스`);
//! * propagation: a name typed by its context or form in one place is that
//!   type wherever else it occurs, in the headline or in a sentence that
//!   says nothing of it (`엔라이즈` typed by `플랫폼 콰트를 운영하는
//!   엔라이즈`), and the dictionary's guess that it is a person's name is
//!   overruled (`'빅스비'` in a list of products).

use std::collections::{HashMap, HashSet};

use super::Recognizer;
use crate::FastHash;
use crate::entities::gazetteer::push_key;
use crate::entities::lexicon::{TITLES_SET, is_in};
use crate::entities::{EntityType, generated_id};

/// Rules whose type the context or the form of the name showed, strong
/// enough to hold across the text.
fn strong(rule: &str) -> bool {
    matches!(
        rule,
        "descriptor"
            | "quoted"
            | "apposition"
            | "listed"
            | "edition"
            | "suffix"
            | "event-ending"
            | "coordinated"
            | "gazetteer"
            | "product-extension"
            | "short-name"
    )
}

/// Rules that only guessed (the dictionary's person class, a title after
/// a word): a strong type for the same name overrules them.
fn weak(rule: &str) -> bool {
    matches!(rule, "dictionary" | "joined" | "quoted-bare")
}

/// Three syllables, the first a surname: how most Korean names look.
fn korean_shaped(s: &str) -> bool {
    s.chars().count() == 3
        && s.chars().all(crate::entities::romanize::is_hangul_syllable)
        && crate::entities::romanize::surname(super::first_char(s)).is_some()
}

/// Whether a mention of this type can spread to other names.
fn spreads(kind: EntityType) -> bool {
    matches!(
        kind,
        EntityType::Org
            | EntityType::Product
            | EntityType::Event
            | EntityType::Work
            | EntityType::Person
    )
}

impl Recognizer<'_, '_> {
    /// Names listed with a typed name take its type: `A, B 등`, `A·B`,
    /// `A와 B`, `A 및 B`. Pairs of neighbours, left to right and back, so
    /// a type runs along the list.
    pub(super) fn coordination_pass(&mut self) {
        // Mentions by their first and last token.
        for _ in 0..3 {
            let by_start = self.mention_index(true);
            let by_end = self.mention_index(false);
            let n = self.toks.len();
            let mut additions: Vec<(usize, usize, EntityType)> = Vec::new();
            let mut written: Vec<(usize, usize, EntityType)> = Vec::new();
            let mut retyped: Vec<usize> = Vec::new();
            for s in 1..n.saturating_sub(1) {
                // The separator and the items either side of it.
                let (left_end, right_start) = match self.s(s) {
                    // `문체부, 가짜뉴스 대응 강화`: a comma after the first
                    // word of the text (a headline's subject) is no list.
                    "," if !self.toks[s].sp && self.toks[1..s].iter().all(|t| !t.sp) => continue,
                    "," | "·" | "、" if !self.toks[s].sp => (s, s + 1),
                    "및" if self.toks[s].sp => (s, s + 1),
                    // `안효섭-이성경-김민재`: cast lists join names with a
                    // hyphen (people only, below).
                    "-" if !self.toks[s].sp && !self.toks[s + 1].sp => (s, s + 1),
                    "와" | "과"
                        if matches!(self.toks[s].pos, "JC" | "JKB")
                            && !self.toks[s].sp
                            && self.toks[s + 1].sp =>
                    {
                        (s, s + 1)
                    }
                    _ => continue,
                };
                if right_start >= n {
                    continue;
                }
                // Quoted items: look inside the quotes (`'로톡'과 '빅케이스'`).
                let left_quote = left_end >= 2 && self.is_closing_quote(left_end - 1);
                let right_quote = self.quote_at(right_start);
                let left_end = if left_quote { left_end - 1 } else { left_end };
                let right_start = if right_quote.is_some() {
                    right_start + 1
                } else {
                    right_start
                };
                let left = by_end.get(&left_end).copied();
                let right = by_start.get(&right_start).copied();
                let typed = |m: Option<usize>| {
                    m.map(|k| &self.out[k])
                        .filter(|m| {
                            // A Korean name's shape makes the dictionary's
                            // guess good enough to type its neighbours.
                            // So does a title after it (`선미 씨`).
                            let sure = !weak(m.rule)
                                || (m.kind == EntityType::Person
                                    && (korean_shaped(&m.text)
                                        || self.title_at(self.token_from(m.byte_end))));
                            spreads(m.kind) && !m.generic && sure && !m.short_form
                        })
                        .map(|m| m.kind)
                };
                // A word between this separator and the next comma, with a
                // person after that comma too.
                let between = |a: usize| {
                    let e = self.written_word_end(a);
                    self.listed_separator(e)
                        && self.s(e) == ","
                        && typed(by_start.get(&(e + 1)).copied()) == Some(EntityType::Person)
                        && self.person_between(a, e)
                };
                // The dictionary's guess that a listed name is a person's
                // gives way to its neighbour's type (`모아플랜트, 비츠로넷`).
                // A Korean name's shape stays a person (`새누리당 조원진,`).
                let guess = |m: Option<usize>| {
                    m.filter(|&k| {
                        let g = &self.out[k];
                        weak(g.rule)
                            && g.kind == EntityType::Person
                            && !korean_shaped(&g.text)
                            && !self.text[g.byte_end..].starts_with('(')
                    })
                };
                if let (Some(kind), Some(k)) = (typed(left), guess(right))
                    && kind != EntityType::Person
                {
                    retyped.push(k);
                    continue;
                }
                if let (Some(k), Some(kind)) = (guess(left), typed(right))
                    && kind != EntityType::Person
                {
                    retyped.push(k);
                    continue;
                }
                let hyphen = self.s(s) == "-";
                if hyphen
                    && typed(left) != Some(EntityType::Person)
                    && typed(right) != Some(EntityType::Person)
                {
                    continue;
                }
                match (typed(left), typed(right)) {
                    // `유재석, 길, 노홍철`: a word between two people.
                    (Some(EntityType::Person), None)
                        if right.is_none()
                            && right_quote.is_none()
                            && self.s(s) == ","
                            && between(right_start) =>
                    {
                        let e = self.written_word_end(right_start);
                        additions.push((right_start, e, EntityType::Person));
                    }
                    (Some(kind), None) if right.is_none() => {
                        if let Some(c) = right_quote {
                            if self.quoted_item_ok(right_start, c, kind) {
                                additions.push((right_start, c, kind));
                            }
                        } else if let Some(e) = self.listed_item_end(right_start, kind) {
                            additions.push((right_start, e, kind));
                        } else if let Some(end) = self.listed_written_item(right_start, kind) {
                            written.push((right_start, end, kind));
                        } else if let Some(e) = self.listed_person_word(right_start, kind) {
                            additions.push((right_start, e, kind));
                        }
                    }
                    (None, Some(kind)) if left.is_none() => {
                        if left_quote {
                            if let Some(o) = self.opening_quote_before(left_end)
                                && self.quoted_item_ok(o + 1, left_end, kind)
                            {
                                additions.push((o + 1, left_end, kind));
                            }
                        } else if let Some(a) = self.listed_item_start(left_end, kind) {
                            additions.push((a, left_end, kind));
                        } else if let Some(a) = self.listed_person_word_before(left_end, kind) {
                            additions.push((a, left_end, kind));
                        }
                    }
                    _ => {}
                }
            }
            if additions.is_empty() && written.is_empty() && retyped.is_empty() {
                break;
            }
            // Guesses to redo: drop them now, the next round types the
            // freed words from their neighbours.
            if !retyped.is_empty() {
                self.drop_mentions(&retyped);
                continue;
            }
            for (a, e, kind) in additions {
                if self.free(a, e) {
                    self.push(a, e, kind, None, "coordinated");
                }
            }
            for (a, end, kind) in written {
                self.push_bytes(a, end, kind, "coordinated");
            }
        }
    }

    /// Removes the mentions at indices `drop`, freeing their tokens.
    pub(super) fn drop_mentions(&mut self, drop: &[usize]) {
        let mut dropped = vec![false; self.out.len()];
        for &k in drop {
            dropped[k] = true;
            let m = &self.out[k];
            let (a, e) = (
                self.token_from(m.byte_start),
                self.toks.partition_point(|t| t.bs < m.byte_end),
            );
            for c in &mut self.claimed[a..e] {
                *c = false;
            }
        }
        let mut k = 0;
        self.out.retain(|_| {
            k += 1;
            !dropped[k - 1]
        });
    }

    /// Mention indices by their first token (`true`) or by the token right
    /// after their last one (`false`).
    pub(super) fn mention_index(&self, first: bool) -> HashMap<usize, usize, FastHash> {
        self.out
            .iter()
            .enumerate()
            .map(|(k, m)| {
                let t = if first {
                    self.token_from(m.byte_start)
                } else {
                    self.token_from(m.byte_end)
                };
                (t, k)
            })
            .collect()
    }

    /// The end of a listed item starting at token `a`: a name-like noun
    /// stem that ends at a separator, a particle or a space.
    fn listed_item_end(&self, a: usize, kind: EntityType) -> Option<usize> {
        if !self.toks[a].word_start {
            return None;
        }
        let e = self.noun_stem_end(a)?;
        self.listed_item_ok(a, e, kind).then_some(e)
    }

    /// A listed item the analyser cut into odd pieces (`모아/VV+EC 플랜트`,
    /// `비츠/로/JKB 넷`): the written word, without its particle, when it is
    /// a loanword of two syllables or more. Returns its byte end.
    fn listed_written_item(&self, a: usize, kind: EntityType) -> Option<usize> {
        if kind == EntityType::Person || !self.toks[a].word_start {
            return None;
        }
        let end = self.written_name(a)?;
        let name = &self.text[self.toks[a].bs..end];
        let pieces = self.toks[a..].iter().take_while(|t| t.bs < end).count();
        let ok = pieces > 1
            && self.vocab.is_loanword(name)
            && name.chars().count() <= 10
            && !self.vocab.is_not_name(name)
            && !self.vocab.is_relational(name)
            && self.vocab.descriptor(name).is_none();
        ok.then_some(end)
    }

    /// A person's name in a list of people that the analyser read as other
    /// words (`한/MM 효주`, `이/JKS 홍내`, `진경/NNG`): the written word
    /// starting at token `a`, without a particle after it, when it has a
    /// Korean name's shape (two or three syllables, a surname first).
    /// Returns its end token.
    fn listed_person_word(&self, a: usize, kind: EntityType) -> Option<usize> {
        if kind != EntityType::Person || !self.toks[a].word_start {
            return None;
        }
        let written = self.written_word_end(a);
        // An item of a list takes no case particle before the separator:
        // what looks like one is the name's own ending (`인순이, 길`).
        if self.listed_separator(written) && self.person_word_ok(a, written) {
            return Some(written);
        }
        let mut e = written;
        while e > a + 1 && self.toks[e - 1].pos.starts_with('J') {
            e -= 1;
        }
        self.person_word_ok(a, e).then_some(e)
    }

    /// Whether token `s` is a list separator glued to the word before it.
    fn listed_separator(&self, s: usize) -> bool {
        self.toks
            .get(s)
            .is_some_and(|t| !t.sp && matches!(t.s, "," | "·"))
    }

    /// A one-word item between two people in a comma list (`유재석, 길,
    /// 노홍철`): a stage name may be any short word, even one syllable, when
    /// people stand on both sides of it. The word from token `a` up to the
    /// separator at `e`, one to four Hangul syllables that no list calls a
    /// common word.
    fn person_between(&self, a: usize, e: usize) -> bool {
        if !self.toks[a].word_start || self.written_word_end(a) != e || !self.free(a, e) {
            return false;
        }
        let name = self.slice(a, e);
        (1..=4).contains(&name.chars().count())
            && self.toks[a..e].iter().all(|t| t.noun())
            && self.may_be_name(name)
    }

    /// A word of Hangul syllables that no list calls a common word, a
    /// relational noun, a descriptor or a title: a listed name may be it.
    fn may_be_name(&self, name: &str) -> bool {
        name.chars()
            .all(crate::entities::romanize::is_hangul_syllable)
            && !self.vocab.is_not_name(name)
            && !self.vocab.is_relational(name)
            && self.vocab.descriptor(name).is_none()
            && !is_in(&TITLES_SET, &name)
    }

    /// [`Recognizer::listed_person_word`] for the word that ends right
    /// before token `e` (a separator after it).
    fn listed_person_word_before(&self, e: usize, kind: EntityType) -> Option<usize> {
        if kind != EntityType::Person || e == 0 {
            return None;
        }
        let mut a = e - 1;
        while a > 0 && !self.toks[a].word_start {
            a -= 1;
        }
        (self.written_word_end(a) == e && self.person_word_ok(a, e)).then_some(a)
    }

    fn person_word_ok(&self, a: usize, e: usize) -> bool {
        if !self.free(a, e) {
            return false;
        }
        // An adverb is no name (`김성균과 함께`).
        if e == a + 1 && self.toks[a].pos.starts_with("MA") {
            return false;
        }
        let name = self.slice(a, e);
        (2..=3).contains(&name.chars().count())
            && crate::entities::romanize::surname(super::first_char(name)).is_some()
            && self.may_be_name(name)
    }

    /// The start of a listed item ending right before token `e`.
    fn listed_item_start(&self, e: usize, kind: EntityType) -> Option<usize> {
        let mut a = e - 1;
        while a > 0 && !self.toks[a].word_start {
            a -= 1;
        }
        (self.noun_stem_end(a) == Some(e) && self.listed_item_ok(a, e, kind)).then_some(a)
    }

    /// Whether token `c` closes a quote.
    fn is_closing_quote(&self, c: usize) -> bool {
        matches!(
            self.s(c),
            "’" | "”" | "'" | "\"" | "」" | "』" | "》" | "〉"
        ) && self.opening_quote_before(c).is_some()
    }

    /// The opening quote whose span closes at token `c`.
    fn opening_quote_before(&self, c: usize) -> Option<usize> {
        (c.saturating_sub(16)..c)
            .rev()
            .find(|&o| self.quote_at(o) == Some(c))
    }

    /// Whether the quoted tokens `a..c` can be an item of a list of `kind`.
    fn quoted_item_ok(&self, a: usize, c: usize, kind: EntityType) -> bool {
        a > 0 && a < c && kind != EntityType::Person && self.quoted_name_ok(a - 1, c, kind)
    }

    fn listed_item_ok(&self, a: usize, e: usize, kind: EntityType) -> bool {
        // `대한유화`: 대한/VV+ETM glued to a noun is a name's first part.
        let korea_prefix = matches!(self.toks[a].s, "대한" | "한") && e > a + 1;
        if !self.free(a, e)
            || !self.toks[a..e]
                .iter()
                .enumerate()
                .all(|(k, t)| t.noun() || (k == 0 && korea_prefix))
        {
            return false;
        }
        let stem = self.slice(a, e);
        if self.generic_acronym(stem) {
            return false;
        }
        if kind == EntityType::Person {
            // People: a Korean or dictionary name's shape.
            let chars = stem.chars().count();
            return (2..=4).contains(&chars)
                && self.toks[a..e]
                    .iter()
                    .any(|t| t.sem == "인명" || t.unknown || t.proper())
                && self.vocab.descriptor(stem).is_none()
                && !self.vocab.is_not_name(stem);
        }
        if self.vocab.is_not_name(stem) {
            return false;
        }
        // Next to a name, a compound of dictionary common nouns that only
        // looks foreign (`가짜뉴스`, `디지털트윈`) is no name; one with a
        // proper, Latin or unknown piece is.
        if korea_prefix
            || self.toks[a..e]
                .iter()
                .any(|t| t.proper() || t.latin() || t.unknown)
        {
            return self.name_like_listed(a, e) || korea_prefix;
        }
        if e == a + 1 {
            return false;
        }
        // Next to a company, a compound of three syllables or more is one
        // too (`SK에너지와 대한유화`), unless its head is a common noun of
        // the lists (`가전업계`, `협력사`).
        let last = self.toks[e - 1].s;
        e > a + 1
            && stem.chars().count() >= 3
            && stem
                .chars()
                .all(crate::entities::romanize::is_hangul_syllable)
            && self.toks[e - 1].pos != "XSN"
            && !self.vocab.is_not_name(last)
            && !self.vocab.is_relational(last)
            && self.vocab.descriptor(last).is_none()
            && self.vocab.descriptor(stem).is_none()
    }

    /// Spreads the types that context and form showed to the other
    /// occurrences of the same names, and lets them overrule the
    /// dictionary's person-name guesses.
    pub(super) fn propagation_pass(&mut self) {
        // The type shown for each name (by key), first shown first; curated
        // names only overrule guesses (the gazetteer pass found them all).
        let mut typed: HashMap<String, (EntityType, String), FastHash> = HashMap::default();
        let mut curated: HashMap<String, EntityType, FastHash> = HashMap::default();
        let mut prefixes: HashSet<String, FastHash> = HashSet::default();
        let mut max_chars = 0;
        for m in &self.out {
            if !strong(m.rule) || !spreads(m.kind) || m.generic || m.short_form {
                continue;
            }
            let chars = m.text.chars().count();
            if chars < 2 || self.generic_acronym(&m.text) {
                continue;
            }
            let mut k = String::new();
            push_key(&mut k, &m.text);
            if m.rule == "gazetteer" {
                curated.entry(k).or_insert(m.kind);
                continue;
            }
            typed.entry(k.clone()).or_insert((m.kind, m.id.clone()));
            max_chars = max_chars.max(k.chars().count());
            for (b, c) in k.char_indices() {
                prefixes.insert(k[..b + c.len_utf8()].to_string());
            }
        }
        if typed.is_empty() && curated.is_empty() {
            return;
        }
        // Guesses the typed names overrule.
        let mut dropped = vec![false; self.out.len()];
        for (k, m) in self.out.iter().enumerate() {
            if !weak(m.rule) {
                continue;
            }
            let mut key = String::new();
            push_key(&mut key, &m.text);
            let shown = typed
                .get(&key)
                .map(|(kind, _)| *kind)
                .or(curated.get(&key).copied());
            if shown.is_some_and(|kind| kind != m.kind) {
                dropped[k] = true;
            }
        }
        if dropped.contains(&true) {
            for (k, m) in self.out.iter().enumerate() {
                if dropped[k] {
                    let (a, e) = (self.token_from(m.byte_start), self.token_from(m.byte_end));
                    for c in &mut self.claimed[a..e] {
                        *c = false;
                    }
                }
            }
            let mut k = 0;
            self.out.retain(|_| {
                k += 1;
                !dropped[k - 1]
            });
        }
        // Other occurrences: at each free word start, the longest typed
        // name over whole tokens that ends the word's noun stem.
        let n = self.toks.len();
        let mut key = String::new();
        let mut i = 0;
        while i < n {
            if self.claimed[i] || !self.toks[i].word_start {
                i += 1;
                continue;
            }
            key.clear();
            let mut best = None;
            for j in i + 1..=(i + 8).min(n) {
                let t = &self.toks[j - 1];
                if self.claimed[j - 1] {
                    break;
                }
                push_key(&mut key, t.s);
                if key.chars().count() > max_chars || !prefixes.contains(&key) {
                    break;
                }
                let ends_stem = self.toks.get(j).is_none_or(|u| {
                    u.sp || u.pos.starts_with('J') || !u.noun() || u.pos.starts_with("XSN")
                });
                if ends_stem && let Some((kind, id)) = typed.get(&key) {
                    best = Some((j, *kind, id.clone()));
                }
            }
            // A name the analyser glued its particle to (`스가`).
            if best.is_none()
                && let Some(end) = self.written_name(i)
            {
                let mut k = String::new();
                push_key(&mut k, &self.text[self.toks[i].bs..end]);
                if let Some((kind, _)) = typed.get(&k) {
                    let kind = *kind;
                    if self.push_bytes(i, end, kind, "propagated") {
                        i = self.token_from(end);
                        continue;
                    }
                }
            }
            if let Some((j, kind, id)) = best
                && self.free(i, j)
            {
                let generated = generated_id(kind, self.slice(i, j));
                let id = if id.contains(':') { generated } else { id };
                self.push(i, j, kind, Some(id), "propagated");
                i = j;
                continue;
            }
            i += 1;
        }
    }
}
