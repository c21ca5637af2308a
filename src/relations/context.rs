//! The view of one sentence the rules work on: its characters, its tokens
//! with part-of-speech tags, and small lexical helpers (the written word
//! after a position, a title at a position, clause boundaries).
//!
//! All positions are character offsets into the sentence.

use super::lexicon::{PARTICLES, TitleClass};
use crate::text::titles::{Marker, titles};

/// One token with its POS tag (e.g. `NNP`, `VV+EC`).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok<'a> {
    pub start: usize,
    pub end: usize,
    pub pos: &'a str,
    /// Which of the tags the rules test for occur among the `+`-joined
    /// parts of `pos` ([`EC`], [`EF`], [`JKS`], [`JX`], [`JKO`]): the rules
    /// scan the tokens of a sentence many times, so the tag is split once.
    pub parts: u8,
}

/// A connective ending (`EC`) among a token's tags.
pub(crate) const EC: u8 = 1;
/// A final ending (`EF`).
pub(crate) const EF: u8 = 2;
/// A subject particle (`JKS`).
pub(crate) const JKS: u8 = 4;
/// An auxiliary particle, the topic marker among them (`JX`).
pub(crate) const JX: u8 = 8;
/// An object particle (`JKO`).
pub(crate) const JKO: u8 = 16;

/// The [`Tok::parts`] bits of a POS tag.
pub(crate) fn pos_parts(pos: &str) -> u8 {
    pos.split('+').fold(0, |bits, p| {
        bits | match p {
            "EC" => EC,
            "EF" => EF,
            "JKS" => JKS,
            "JX" => JX,
            "JKO" => JKO,
            _ => 0,
        }
    })
}

impl Tok<'_> {
    /// Whether any of the `parts` bits is among the token's tags.
    pub fn has(&self, parts: u8) -> bool {
        self.parts & parts != 0
    }
}

/// A title found in the sentence.
#[derive(Debug, Clone)]
pub(crate) struct Title {
    /// The title as written, without particle (`대표이사`, `기업서비스본부장`).
    pub text: String,
    pub class: TitleClass,
    /// Where the title ends (before its particle).
    pub end: usize,
    /// The particle attached to it (`는`, `로`, or empty).
    pub particle: String,
    /// Where the written word (title + particle) ends.
    pub word_end: usize,
    /// `전` stood before it.
    pub former: bool,
}

#[derive(Debug)]
pub(crate) struct Ctx<'a> {
    pub chars: Vec<char>,
    pub toks: Vec<Tok<'a>>,
}

/// The class of `word` if it is a title the rules relate to an
/// organisation (`data/titles.tsv`), or a compound ending in one
/// (`전북지방경찰청장` → `청장`).
fn title_class(word: &str) -> Option<TitleClass> {
    titles().find(word).map(|t| t.class).filter(|c| {
        matches!(
            c,
            TitleClass::Ceo | TitleClass::Head | TitleClass::Staff | TitleClass::Member
        )
    })
}

/// A particle, or a short run of particle syllables (`과도`, `에게도`,
/// `이었다`) after a title: lets `부회장과도` be a title while `대표팀`
/// and `이사회` are not.
fn is_particle_like(tail: &str) -> bool {
    const SYLLABLES: &str =
        "은는이가을를의에게서로으와과도만까지부터께님인자며고였던었다라란나든요야";
    // The cheap test first (both are pure).
    tail.chars().count() <= 4 && tail.chars().all(|c| SYLLABLES.contains(c))
        || PARTICLES.contains(&tail)
}

/// Characters that end a written word besides whitespace.
fn is_word_break(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '.' | ','
                | '('
                | ')'
                | '['
                | ']'
                | '\''
                | '"'
                | '‘'
                | '’'
                | '“'
                | '”'
                | '·'
                | '/'
                | '…'
                | '「'
                | '」'
                | '『'
                | '』'
                | '<'
                | '>'
                | '《'
                | '》'
                | '〈'
                | '〉'
                | ';'
                | ':'
                | '!'
                | '?'
        )
}

/// The written word of `chars` starting at `i` (up to whitespace or
/// punctuation), and where it ends.
pub fn written_word(chars: &[char], i: usize) -> (String, usize) {
    let mut j = i.min(chars.len());
    while j < chars.len() && !is_word_break(chars[j]) {
        j += 1;
    }
    (chars[i.min(j)..j].iter().collect(), j)
}

impl<'a> Ctx<'a> {
    pub fn new(sentence: &str, toks: Vec<Tok<'a>>) -> Self {
        Ctx {
            chars: sentence.chars().collect(),
            toks,
        }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// The text between two character offsets (clamped).
    pub fn text(&self, a: usize, b: usize) -> String {
        let b = b.min(self.chars.len());
        if a >= b {
            return String::new();
        }
        self.chars[a..b].iter().collect()
    }

    /// The written word starting at `i` (up to whitespace or punctuation),
    /// and where it ends.
    pub fn word_at(&self, i: usize) -> (String, usize) {
        written_word(&self.chars, i)
    }

    /// The particle written right after an argument ending at `end`
    /// (`KT는` → `는`); empty when a space or punctuation follows. `None`
    /// when what follows is not a particle (the argument is part of a
    /// longer word).
    pub fn particle_after(&self, end: usize) -> Option<String> {
        let (w, _) = self.word_at(end);
        if PARTICLES.contains(&w.as_str()) || matches!(w.as_str(), "측은" | "측이" | "측과" | "씨")
        {
            Some(w)
        } else {
            None
        }
    }

    /// Skips whitespace from `i`.
    pub fn skip_ws(&self, mut i: usize) -> usize {
        while i < self.chars.len() && self.chars[i].is_whitespace() {
            i += 1;
        }
        i
    }

    /// Whether the text at `i` starts with `s`.
    pub fn starts_with(&self, i: usize, s: &str) -> bool {
        (i..)
            .zip(s.chars())
            .all(|(j, c)| self.chars.get(j) == Some(&c))
    }

    /// A title starting at `i` (after optional modifiers and `전`), if any.
    pub fn title_at(&self, i: usize) -> Option<Title> {
        let mut i = self.skip_ws(i);
        let mut former = false;
        // Modifiers (`신임`, `전`) are separate words before the title.
        for _ in 0..2 {
            let (w, end) = self.word_at(i);
            if titles().marker(&w) == Some(Marker::Former) && end < self.len() {
                former = true;
                i = self.skip_ws(end);
            } else if titles().marker(&w) == Some(Marker::Modifier)
                && self.chars.get(end).is_some_and(|c| c.is_whitespace())
                && self.title_word(self.skip_ws(end)).is_some()
            {
                i = self.skip_ws(end);
            }
        }
        for title in titles().multiword() {
            let (t, class) = (title.text, title.class);
            if self.starts_with(i, t) {
                let end = i + t.chars().count();
                let (p, word_end) = self.word_at(end);
                if PARTICLES.contains(&p.as_str()) {
                    return Some(Title {
                        text: t.to_string(),
                        class,
                        end,
                        particle: p,
                        word_end,
                        former,
                    });
                }
            }
        }
        let (text, class, end, particle, word_end) = self.title_word(i)?;
        Some(Title {
            text,
            class,
            end,
            particle,
            word_end,
            former,
        })
    }

    /// A single-word title at `i`: (title, class, title end, particle, word end).
    fn title_word(&self, i: usize) -> Option<(String, TitleClass, usize, String, usize)> {
        let (w, word_end) = self.word_at(i);
        // Byte end of the word's first 1, 2, … characters: the cuts between
        // a title and what follows it, tried longest title first.
        let cuts: Vec<usize> = w.char_indices().map(|(b, c)| b + c.len_utf8()).collect();
        for (k, &at) in cuts.iter().enumerate().rev() {
            let (head, tail) = w.split_at(at);
            if !is_particle_like(tail) {
                continue;
            }
            // A title, or a compound ending in one (`전북지방경찰청장`: the
            // compound is the title, with the class of its ending).
            if let Some(class) = title_class(head) {
                return Some((
                    head.to_string(),
                    class,
                    i + k + 1,
                    tail.to_string(),
                    word_end,
                ));
            }
        }
        None
    }

    /// Whether a clause ends somewhere in `a..b`: a connective or final
    /// ending, a quotation mark, or a sentence-ending punctuation mark. Two
    /// arguments on either side of a clause boundary belong to different
    /// predicates, so most rules refuse to look across one.
    pub fn clause_break(&self, a: usize, b: usize) -> bool {
        if a >= b {
            return false;
        }
        if self.chars[a..b.min(self.len())]
            .iter()
            .any(|c| matches!(c, '"' | '“' | '”' | ';' | '?' | '!'))
        {
            return true;
        }
        self.toks
            .iter()
            .any(|t| t.start >= a && t.end <= b && t.has(EC | EF))
    }

    /// Whether every token in `a..b` is a noun, number, foreign word,
    /// symbol, the genitive `의` or a copula adnominal (`인`): the stretch is
    /// one noun phrase.
    pub fn only_noun_phrase(&self, a: usize, b: usize) -> bool {
        self.toks
            .iter()
            .filter(|t| t.start >= a && t.end <= b)
            .all(|t| {
                t.pos.starts_with("NN")
                    || t.pos.starts_with('S')
                    || t.pos == "XSN"
                    || t.pos == "XPN"
                    || t.pos == "JKG"
                    || t.pos == "MM"
            })
    }

    /// The first occurrence of any of `words` in `a..b`, as (start, word).
    pub fn find_any<'w>(&self, a: usize, b: usize, words: &[&'w str]) -> Option<(usize, &'w str)> {
        let b = b.min(self.len());
        for i in a..b {
            for &w in words {
                if i + w.chars().count() <= b && self.starts_with(i, w) {
                    return Some((i, w));
                }
            }
        }
        None
    }

    /// The end of the clause that contains position `i`: the end of the
    /// first token at or after `i` with a connective or final ending, or
    /// the end of the sentence.
    pub fn clause_end(&self, i: usize) -> usize {
        self.toks
            .iter()
            .find(|t| t.start >= i && t.has(EC | EF))
            .map(|t| t.end)
            .unwrap_or(self.len())
    }

    /// Like [`Ctx::find_any`], but only where the word is a predicate or a
    /// noun of its own: followed by a particle, `하다`/`되다` forms,
    /// punctuation or a space (`도입했다`, `계약을`), not inside a longer
    /// noun (`사용료`, `경쟁력`). With `word_start`, it must also begin a word.
    pub fn find_word<'w>(
        &self,
        a: usize,
        b: usize,
        words: &[&'w str],
        word_start: bool,
    ) -> Option<(usize, &'w str)> {
        const NEXT: &str = "하했한할해합을를에의은는이과와도된되됐키중으로체식까며았아기고";
        let b = b.min(self.len());
        for i in a..b {
            if word_start && i > 0 && !is_word_break(self.chars[i - 1]) {
                continue;
            }
            for &w in words {
                let e = i + w.chars().count();
                if e <= b.max(e.min(self.len())) && e <= self.len() && self.starts_with(i, w) {
                    let ok = match self.chars.get(e) {
                        None => true,
                        Some(&c) => is_word_break(c) || NEXT.contains(c),
                    };
                    if ok && i < b {
                        return Some((i, w));
                    }
                }
            }
        }
        None
    }

    /// Whether `a..b` stays within one statement with one subject: no final
    /// ending, no other subject or topic, at most eight words.
    pub fn same_statement(&self, a: usize, b: usize) -> bool {
        self.text(a, b).split_whitespace().count() <= 8
            && !self
                .toks
                .iter()
                .any(|t| t.start >= a && t.end <= b && t.has(EF | JKS | JX))
    }
}
