//! Broadcast and newspaper structure: the lines of an article that are not
//! prose, and what they say.
//!
//! Korean broadcasters and newspapers surround the story with lines of
//! their own: segment and script markers (`[앵커]`, `◀ 리포트 ▶`,
//! `(스탠딩)`), on-screen interview captions (`▶ 인터뷰 : 이름 / 소속 직함`,
//! `[이름/소속 직함 : "…"]`, `이름 / 경기 수원시`), reporter sign-offs
//! (`…기자입니다`, `OO뉴스 이름입니다`), credit lines (`취재 : 이름 /
//! 영상편집 : 이름`, `(사진=… 제공)`, `이름 / 화면캡처 …`), transcript speaker
//! labels (`◇ 이름:`, `▷ 이름 :`), radio programme headers
//! (`YTN라디오(FM 94.5) [프로그램]`, `■ 진행 : 이름 직함`) and tip-line or
//! copyright footers. Read as prose they become junk nodes (the reporter, the
//! tip line's messenger app), inflated mention counts (one per transcript
//! turn) and sentences that are not sentences.
//!
//! [`Structure::read`] takes an article's paragraphs and gives a
//! [`Reading`]: the prose paragraphs (structure lines removed, speaker labels
//! and opening markers cut off the turn they open, a trailing photo credit
//! cut off its caption), the reporters the sign-offs and credit lines name
//! (the article's authors), the other [`Credit`]s, and the [`Caption`]s: who
//! was interviewed, who spoke in a transcript, who hosted or guested on a
//! programme, with what is written beside the name (`롯데마트 대리`, `경기
//! 수원시`). Typing that description (organisation and title, or place) is
//! the pipeline's business: it has the titles and the recogniser.
//! [`Structure::headline`] drops the section and programme tags of a
//! headline (`[단독]`, `[인터뷰M]`, `(종합)`).
//!
//! The mechanism (which shapes of line are structure) is here; the words it
//! looks for (markers, cue words, credit roles, sign-off endings, footer
//! cues, header keys) are data, `data/structure.toml` ([`DEFAULT_STRUCTURE`]),
//! extended by `--structure FILE`. Every step is linear in the text.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};

use super::sentences::split_sentences;
use crate::entities::romanize::{split_name, surname};

/// The built-in vocabulary, `data/structure.toml`.
pub const DEFAULT_STRUCTURE: &str = include_str!("../../data/structure.toml");

/// The credit role under which a programme header's programme is recorded
/// (`■ 방송 : SBS 김태현의 정치쇼` → `{"role": "프로그램", "name": "SBS 김태현의
/// 정치쇼"}`).
pub const PROGRAMME_ROLE: &str = "프로그램";

/// A credit: a role and who or what holds it (`영상편집` 김영호, `사진`
/// 한빛전자, `진행` 박지훈).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Credit {
    /// The role as written (`취재`, `영상편집`, `사진 출처`), or
    /// [`PROGRAMME_ROLE`].
    pub role: String,
    /// The person or source (`김영호`, `한빛전자`), without `기자` or `제공`.
    pub name: String,
}

/// What kind of line named the person of a [`Caption`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaptionKind {
    /// An interview caption (`▶ 인터뷰 : 김영호 / 롯데마트 대리`).
    Interview,
    /// A transcript speaker label (`◇ 박지훈:`), recorded once per speaker.
    Speaker,
    /// A programme header's host (`■ 진행 : 박지훈 변호사`).
    Host,
    /// A programme header's guest (`■ 출연 : 김현욱 국립외교원 부장`).
    Guest,
}

/// A person a structure line names, with what is written beside the name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caption {
    /// Which kind of line.
    pub kind: CaptionKind,
    /// The name as written (`김영호`; a withheld one stays as written,
    /// `유○○`, `김모 씨`).
    pub name: String,
    /// What stands beside the name: organisation and title (`롯데마트
    /// 대리`), a place (`경기 수원시`), a title or a description (`시민`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The line (for a speaker: the label) as written: the evidence for
    /// what it states.
    pub line: String,
    /// How many prose paragraphs precede it.
    pub paragraph: usize,
}

impl Caption {
    /// Whether the name is a name a graph can hold: not withheld (`유○○`,
    /// `김모 씨`, `A씨`).
    pub fn is_named(&self) -> bool {
        !self.name.is_empty()
            && !MASKED_NAME.is_match(&self.name)
            && self.name.chars().all(|c| c == ' ' || c.is_alphabetic())
    }
}

/// What [`Structure::read`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reading {
    /// The prose paragraphs.
    pub paragraphs: Vec<String>,
    /// Reporters named by sign-offs and author credits, in order, once each.
    pub authors: Vec<String>,
    /// Other credits, in order, once each.
    pub credits: Vec<Credit>,
    /// Interview captions, speakers, hosts and guests, in order.
    pub captions: Vec<Caption>,
}

/// Why a structure vocabulary could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StructureError {
    /// The file could not be read.
    #[error("cannot read structure words {path}: {error}")]
    Io {
        /// The file.
        path: String,
        /// What failed.
        error: std::io::Error,
    },
    /// The TOML is malformed or has unknown keys.
    #[error("invalid structure words in {origin}: {message}")]
    Parse {
        /// Where the text came from.
        origin: String,
        /// What is wrong.
        message: String,
    },
}

/// The words of `data/structure.toml` (see the file for what each list is).
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Vocabulary {
    /// Symbols opening a caption, label, header or footer line.
    #[serde(default)]
    pub symbols: Vec<String>,
    /// Segment and script markers.
    #[serde(default)]
    pub markers: Vec<String>,
    /// Cues that introduce an interview caption.
    #[serde(default)]
    pub interview_cues: Vec<String>,
    /// Credit roles.
    #[serde(default)]
    pub credits: CreditWords,
    /// Sign-off words.
    #[serde(default)]
    pub signoff: SignoffWords,
    /// Footer words.
    #[serde(default)]
    pub footer: FooterWords,
    /// Programme header keys.
    #[serde(default)]
    pub programme: ProgrammeWords,
    /// Speaker label words.
    #[serde(default)]
    pub speakers: SpeakerWords,
    /// Headline tag words.
    #[serde(default)]
    pub headline: HeadlineWords,
}

/// `[credits]`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct CreditWords {
    /// Roles whose values are people.
    #[serde(default)]
    pub people: Vec<String>,
    /// Of those, the roles of the article's authors.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Roles whose value is a source.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Words closing a source credit (`제공`, `캡처`).
    #[serde(default)]
    pub source_verbs: Vec<String>,
}

/// `[signoff]`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SignoffWords {
    /// What follows a reporter's name (`기자`, `특파원`).
    #[serde(default)]
    pub titles: Vec<String>,
    /// How the sentence ends after `이름 기자`.
    #[serde(default)]
    pub endings: Vec<String>,
    /// Outlets that open a sign-off without a title.
    #[serde(default)]
    pub outlets: Vec<String>,
    /// Openings of a closing with no name.
    #[serde(default)]
    pub closing_starts: Vec<String>,
    /// Endings of a closing with no name.
    #[serde(default)]
    pub closing_ends: Vec<String>,
}

/// `[footer]`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FooterWords {
    /// Phrases that make a short line a footer.
    #[serde(default)]
    pub cues: Vec<String>,
    /// Contact words, a footer after a symbol or a footer.
    #[serde(default)]
    pub contacts: Vec<String>,
}

/// `[programme]`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeWords {
    /// Keys naming the programme.
    #[serde(default)]
    pub programme: Vec<String>,
    /// Keys naming the hosts.
    #[serde(default)]
    pub host: Vec<String>,
    /// Keys naming the guests.
    #[serde(default)]
    pub guest: Vec<String>,
    /// Other header keys.
    #[serde(default)]
    pub other: Vec<String>,
}

/// `[speakers]`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SpeakerWords {
    /// Labels naming a role, not a person.
    #[serde(default)]
    pub roles: Vec<String>,
}

/// `[headline]`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct HeadlineWords {
    /// Tags in parentheses or angle brackets.
    #[serde(default)]
    pub tags: Vec<String>,
}

impl Vocabulary {
    /// Parses a vocabulary file's text; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<Self, StructureError> {
        toml::from_str(text).map_err(|e| StructureError::Parse {
            origin: origin.to_string(),
            message: e.to_string(),
        })
    }

    /// Every list with its name (`credits.people`), for checks.
    pub fn lists(&self) -> Vec<(&'static str, &[String])> {
        vec![
            ("symbols", &self.symbols),
            ("markers", &self.markers),
            ("interview_cues", &self.interview_cues),
            ("credits.people", &self.credits.people),
            ("credits.authors", &self.credits.authors),
            ("credits.sources", &self.credits.sources),
            ("credits.source_verbs", &self.credits.source_verbs),
            ("signoff.titles", &self.signoff.titles),
            ("signoff.endings", &self.signoff.endings),
            ("signoff.outlets", &self.signoff.outlets),
            ("signoff.closing_starts", &self.signoff.closing_starts),
            ("signoff.closing_ends", &self.signoff.closing_ends),
            ("footer.cues", &self.footer.cues),
            ("footer.contacts", &self.footer.contacts),
            ("programme.programme", &self.programme.programme),
            ("programme.host", &self.programme.host),
            ("programme.guest", &self.programme.guest),
            ("programme.other", &self.programme.other),
            ("speakers.roles", &self.speakers.roles),
            ("headline.tags", &self.headline.tags),
        ]
    }

    /// Appends `other`'s words to these (each word once).
    pub fn extend(&mut self, other: Vocabulary) {
        fn add(into: &mut Vec<String>, from: Vec<String>) {
            for w in from {
                if !into.contains(&w) {
                    into.push(w);
                }
            }
        }
        add(&mut self.symbols, other.symbols);
        add(&mut self.markers, other.markers);
        add(&mut self.interview_cues, other.interview_cues);
        add(&mut self.credits.people, other.credits.people);
        add(&mut self.credits.authors, other.credits.authors);
        add(&mut self.credits.sources, other.credits.sources);
        add(&mut self.credits.source_verbs, other.credits.source_verbs);
        add(&mut self.signoff.titles, other.signoff.titles);
        add(&mut self.signoff.endings, other.signoff.endings);
        add(&mut self.signoff.outlets, other.signoff.outlets);
        add(
            &mut self.signoff.closing_starts,
            other.signoff.closing_starts,
        );
        add(&mut self.signoff.closing_ends, other.signoff.closing_ends);
        add(&mut self.footer.cues, other.footer.cues);
        add(&mut self.footer.contacts, other.footer.contacts);
        add(&mut self.programme.programme, other.programme.programme);
        add(&mut self.programme.host, other.programme.host);
        add(&mut self.programme.guest, other.programme.guest);
        add(&mut self.programme.other, other.programme.other);
        add(&mut self.speakers.roles, other.speakers.roles);
        add(&mut self.headline.tags, other.headline.tags);
    }
}

/// A compiled vocabulary: reads articles' structure. Build once and share.
#[derive(Debug, Clone)]
pub struct Structure {
    vocab: Vocabulary,
    /// An opening symbol and the space after it.
    symbol: Regex,
    /// A line that is one marker.
    marker_line: Regex,
    /// A marker opening a line.
    marker_lead: Regex,
    /// A marker closing a line (`… 말했습니다. (인터뷰)`).
    marker_tail: Regex,
    /// An interview cue opening a line; `rest` is the record.
    interview: Regex,
    /// A credit role and its `:`/`=`.
    credit_cue: Regex,
    /// A credit role followed by a space (`사진제공 쿠팡플레이`).
    credit_word: Regex,
    /// A photo credit closing a prose paragraph.
    trailing_credit: Regex,
    /// `… /한빛전자 제공` closing a prose paragraph.
    trailing_slash_credit: Regex,
    /// A sign-off with a reporter title; `name`.
    signoff_titled: Regex,
    /// `OO뉴스 이름입니다`; `name`.
    signoff_outlet: Regex,
    /// A footer cue anywhere.
    footer_cue: Regex,
    /// A symbol then a contact word.
    footer_contact: Regex,
    /// `KEY : value` of a programme header; `key`, `value`.
    header: Regex,
    /// Words that are never a person's name in a label or caption.
    not_names: Vec<String>,
}

static BUILTIN: LazyLock<Structure> = LazyLock::new(|| {
    let vocab = Vocabulary::parse(DEFAULT_STRUCTURE, "built-in data/structure.toml")
        .expect("the built-in data/structure.toml parses (tested)");
    Structure::new(vocab)
});

/// A (masked) name the article withholds: `유○○`, `김모 씨`, `김 모씨`, `A씨`.
static MASKED_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:[가-힣]\s?(?:[○◯〇OＯ0*＊xX]{1,3}|모)(?:\s?씨)?|[A-Z]\s?씨|[가-힣]\s?씨)$")
        .expect("static regex")
});

/// A radio or TV frequency (`FM 94.5`, `AM 1134`).
static FREQUENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:FM|AM|fm|am)\s*\d{2,4}(?:\.\d+)?\s*(?:MHz|㎒|kHz|㎑)?").expect("static regex")
});

/// A sentence ending: the line is prose, not a label or caption.
static SENTENCE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:다|요|죠|까|니다|습니다|세요)[.!?…"”’']*\s*$"#).expect("static regex")
});

/// An age or similar aside after a name: `김영호(28)`, `김영호 (28살)`.
static NAME_ASIDE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*\(\s*\d{1,3}\s*[가-힣]{0,2}\s*\)").expect("static regex"));

/// `(이하 박지훈)` in a speaker label.
static ALIAS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\(\s*이하\s*([^)]{1,20}?)\s*\)").expect("static regex"));

/// Bracket pairs that wrap markers, captions and credits.
const BRACKETS: &[(char, char)] = &[
    ('[', ']'),
    ('<', '>'),
    ('(', ')'),
    ('【', '】'),
    ('〈', '〉'),
    ('＜', '＞'),
    ('◀', '▶'),
    ('〔', '〕'),
    ('［', '］'),
    ('《', '》'),
];

/// Longest first, so `영상편집` wins over `영상`; spaces may stand
/// between the letters of an entry (`사진출처` matches `사진 출처`).
fn alternation<'a>(words: impl IntoIterator<Item = &'a String>) -> String {
    let mut words: Vec<String> = words
        .into_iter()
        .map(|w| squash(w))
        .filter(|w| !w.is_empty())
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.dedup();
    if words.is_empty() {
        // Matches nothing.
        return r"[^\s\S]".to_string();
    }
    let alts: Vec<String> = words
        .iter()
        .map(|w| {
            w.chars()
                .map(|c| regex::escape(c.encode_utf8(&mut [0; 4])))
                .collect::<Vec<_>>()
                .join(r"\s*")
        })
        .collect();
    format!("(?:{})", alts.join("|"))
}

/// `inner` in any of [`BRACKETS`].
fn bracketed(inner: &str) -> String {
    // One class of openers and one of closers rather than one alternative
    // per pair: the word lists are long, and a mismatched pair (`[앵커>`)
    // is no less a marker.
    let class = |chars: &mut dyn Iterator<Item = char>| {
        let escaped: String = chars
            .map(|c| regex::escape(c.encode_utf8(&mut [0; 4])))
            .collect();
        format!("[{escaped}]")
    };
    let open = class(&mut BRACKETS.iter().map(|&(o, _)| o));
    let close = class(&mut BRACKETS.iter().map(|&(_, c)| c));
    format!(r"(?:{open}\s*{inner}\s*{close})")
}

fn compile(pattern: &str) -> Regex {
    // Every pattern is built from escaped words and fixed syntax.
    Regex::new(pattern).expect("patterns are built from escaped words")
}

fn is_hangul(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// A Korean personal name: two to four syllables.
fn looks_like_korean_name(s: &str) -> bool {
    let n = s.chars().count();
    (2..=4).contains(&n) && s.chars().all(is_hangul)
}

/// Normalises a word for comparison with vocabulary entries.
fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

impl Structure {
    /// Compiles `vocab`.
    pub fn new(vocab: Vocabulary) -> Self {
        let v = &vocab;
        let sym = alternation(&v.symbols);
        let markers = alternation(&v.markers);
        let cues = alternation(&v.interview_cues);
        let roles = alternation(v.credits.people.iter().chain(&v.credits.sources));
        let sources = alternation(&v.credits.sources);
        let verbs = alternation(&v.credits.source_verbs);
        let titles = alternation(&v.signoff.titles);
        let endings = alternation(&v.signoff.endings);
        let outlets = format!(
            r"(?:{}|[A-Z]{{2,6}}(?:TV)?|[가-힣A-Za-z0-9]*뉴스(?:TV)?)",
            alternation(&v.signoff.outlets)
        );
        let keys = alternation(
            v.programme
                .programme
                .iter()
                .chain(&v.programme.host)
                .chain(&v.programme.guest)
                .chain(&v.programme.other),
        );
        let mut not_names: Vec<String> = Vec::new();
        for w in v
            .markers
            .iter()
            .chain(&v.interview_cues)
            .chain(&v.credits.people)
            .chain(&v.credits.sources)
            .chain(&v.footer.contacts)
            .chain(&v.programme.programme)
            .chain(&v.programme.host)
            .chain(&v.programme.guest)
            .chain(&v.programme.other)
            .chain(&v.speakers.roles)
            .chain(&v.signoff.titles)
        {
            let w = squash(w);
            if !not_names.contains(&w) {
                not_names.push(w);
            }
        }
        Structure {
            symbol: compile(&format!(r"^{sym}\s*")),
            marker_line: compile(&format!(r"^(?:{}|{markers})$", bracketed(&markers))),
            marker_lead: compile(&format!(r"^{}\s*", bracketed(&markers))),
            marker_tail: compile(&format!(r"\s*{}$", bracketed(&markers))),
            interview: compile(&format!(
                r"^(?:{sym}\s*(?:{b}|{cues})\s*[:：]?|{b}\s*[:：]?|{cues}\s*[:：])\s*(?P<rest>.+)$",
                b = bracketed(&cues)
            )),
            credit_cue: compile(&format!(r"(?P<role>{roles})\s*[:=：]\s*")),
            credit_word: compile(&format!(
                r"^(?P<role>{roles})(?:\s*[:=：]\s*|\s+)(?P<value>.+)$"
            )),
            trailing_credit: compile(&format!(
                r"\s*[\[(]\s*(?P<role>{sources})\s*[=:：]\s*(?P<value>[^\[\]()]{{1,40}})[\])]\s*$"
            )),
            trailing_slash_credit: compile(&format!(
                r"(?:^|\s)/\s*(?P<value>[^/]{{1,25}}?)\s*{verbs}\s*$"
            )),
            signoff_titled: compile(&format!(
                r"^(?:\S+에서\s+)?(?:{outlets}\s*(?:뉴스)?\s+)?(?P<name>[가-힣]{{2,4}})\s*{titles}\s*{endings}\s*[.!]?$"
            )),
            signoff_outlet: compile(&format!(
                r"^(?:\S+에서\s+)?{outlets}\s*(?:뉴스)?\s*(?P<name>[가-힣]{{2,4}})입니다\s*[.!]?$"
            )),
            footer_cue: compile(&format!("(?i){}", alternation(&v.footer.cues))),
            footer_contact: compile(&format!(
                r"^(?:{sym}\s*|\[\s*){}\s*\]?\s*[:：]?\s*(?:[0-9@+(]|https?:|www\.|$)",
                alternation(&v.footer.contacts)
            )),
            header: compile(&format!(
                r"^(?:{sym}\s*)?(?P<key>{keys})\s*[:：]\s*(?P<value>.+)$"
            )),
            not_names,
            vocab,
        }
    }

    /// The built-in vocabulary, compiled once.
    pub fn builtin() -> &'static Structure {
        &BUILTIN
    }

    /// The built-in vocabulary extended by a file (`--structure FILE`).
    pub fn with_file(path: &Path) -> Result<Self, StructureError> {
        let text = std::fs::read_to_string(path).map_err(|error| StructureError::Io {
            path: path.display().to_string(),
            error,
        })?;
        let extra = Vocabulary::parse(&text, &path.display().to_string())?;
        let mut vocab = Structure::builtin().vocab.clone();
        vocab.extend(extra);
        Ok(Structure::new(vocab))
    }

    /// The vocabulary in use.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocab
    }

    /// The headline without its section or programme tags: bracketed
    /// groups at either end (`[단독]`, `[사진]`, `[인터뷰M]`, `[D리포트]`)
    /// and, in parentheses or angle brackets, the words of
    /// `headline.tags` (`(종합2보)`, `<인터뷰>`). A headline that is nothing
    /// but tags is returned empty.
    pub fn headline<'t>(&self, title: &'t str) -> &'t str {
        let mut t = title.trim();
        loop {
            let before = t.len();
            if let Some(rest) = self.strip_tag(t, true) {
                t = rest.trim_start();
            }
            if let Some(rest) = self.strip_tag(t, false) {
                t = rest.trim_end();
            }
            if t.len() == before {
                return t;
            }
        }
    }

    /// `t` without one tag at its start (`front`) or end.
    fn strip_tag<'t>(&self, t: &'t str, front: bool) -> Option<&'t str> {
        const MAX_TAG_CHARS: usize = 20;
        let (open, close) = if front {
            let o = t.chars().next()?;
            let &(o, c) = BRACKETS.iter().find(|(b, _)| *b == o)?;
            (o, c)
        } else {
            let c = t.chars().next_back()?;
            let &(o, c) = BRACKETS.iter().find(|(_, b)| *b == c)?;
            (o, c)
        };
        let (inner, rest) = if front {
            let end = t[open.len_utf8()..].find(close)? + open.len_utf8();
            (&t[open.len_utf8()..end], &t[end + close.len_utf8()..])
        } else {
            let body = &t[..t.len() - close.len_utf8()];
            let start = body.rfind(open)?;
            (&body[start + open.len_utf8()..], &t[..start])
        };
        if inner.chars().count() > MAX_TAG_CHARS || inner.contains(['[', ']']) {
            return None;
        }
        let always = matches!(open, '[' | '【' | '〔' | '［');
        (always || self.is_headline_tag(inner)).then_some(rest)
    }

    fn is_headline_tag(&self, inner: &str) -> bool {
        let mut w: String = squash(inner)
            .chars()
            .filter(|c| !c.is_ascii_digit())
            .collect();
        if w.ends_with('보') && w.chars().count() != 2 {
            w.pop();
        }
        w.is_empty() || self.vocab.headline.tags.iter().any(|t| squash(t) == w)
    }

    /// Reads the structure of an article's paragraphs (see the module docs).
    pub fn read(&self, paragraphs: Vec<String>) -> Reading {
        let mut lines: Vec<Line> = paragraphs.iter().map(|p| self.classify(p)).collect();
        self.speaker_labels(&paragraphs, &mut lines);
        self.footers(&paragraphs, &mut lines);
        let mut out = Reading::default();
        let mut speakers: HashSet<String> = HashSet::new();
        for (p, line) in paragraphs.into_iter().zip(lines) {
            match line {
                Line::Prose => self.prose(p, &mut out),
                Line::Drop | Line::Footer => {}
                Line::Credits(credits, authors) => {
                    for c in credits {
                        out.add_credit(c);
                    }
                    for a in authors {
                        out.add_author(a);
                    }
                }
                Line::Header(credits, captions) => {
                    for c in credits {
                        out.add_credit(c);
                    }
                    for mut c in captions {
                        c.paragraph = out.paragraphs.len();
                        out.captions.push(c);
                    }
                }
                Line::Caption(mut caption, quote) => {
                    caption.paragraph = out.paragraphs.len();
                    out.captions.push(caption);
                    if let Some(q) = quote {
                        self.prose(q, &mut out);
                    }
                }
                Line::Turn(speaker, rest) => {
                    if let Some(s) = speaker {
                        let known = speakers.contains(&s.name)
                            || s.alias.as_ref().is_some_and(|a| speakers.contains(a));
                        if !known {
                            speakers.insert(s.name.clone());
                            if let Some(a) = &s.alias {
                                speakers.insert(a.clone());
                            }
                            out.captions.push(Caption {
                                kind: CaptionKind::Speaker,
                                name: s.name,
                                description: s.description,
                                line: s.label,
                                paragraph: out.paragraphs.len(),
                            });
                        }
                    }
                    if !rest.is_empty() {
                        self.prose(rest, &mut out);
                    }
                }
                Line::SignOff(names) => {
                    for n in names {
                        out.add_author(n);
                    }
                }
            }
        }
        out
    }

    /// A prose paragraph: a closing sign-off sentence and a trailing photo
    /// credit are cut off; what is left is kept.
    fn prose(&self, p: String, out: &mut Reading) {
        let mut text = p.trim().to_string();
        if text.ends_with(|c: char| BRACKETS.iter().any(|&(_, close)| close == c))
            && let Some(m) = self.marker_tail.find(&text)
        {
            text.truncate(m.start());
        }
        let closing_credit = text.ends_with([')', ']']);
        if closing_credit && let Some(c) = self.trailing_credit.captures(&text) {
            let role = c["role"].trim().to_string();
            let name = self.source_name(&c["value"]);
            let at = c.get(0).map_or(text.len(), |m| m.start());
            if !name.is_empty() {
                out.add_credit(Credit { role, name });
            }
            text.truncate(at);
        } else if text.contains('/')
            && let Some(c) = self.trailing_slash_credit.captures(&text)
            && SENTENCE_END.is_match(&text[..c.get(0).map_or(0, |m| m.start())])
        {
            let name = c["value"].trim().to_string();
            let at = c.get(0).map_or(text.len(), |m| m.start());
            if !name.is_empty() {
                out.add_credit(Credit {
                    role: "사진".to_string(),
                    name,
                });
            }
            text.truncate(at);
        }
        // Sign-off sentences closing the paragraph ("… 입장입니다. 김영호
        // 기자가 보도합니다.").
        let mut cut = text.len();
        // Only a paragraph ending like a sign-off (`…니다.`, `…기자!`) is
        // split into sentences.
        let tail: String = text.chars().rev().take(6).collect();
        let may_sign_off = tail.contains("다니") || tail.starts_with('!');
        let sentences = if may_sign_off {
            split_sentences(&text)
        } else {
            Vec::new()
        };
        for sentence in sentences.iter().rev() {
            match self.signoff(sentence.text) {
                Some(name) => {
                    if let Some(n) = name {
                        out.add_author(n);
                    }
                    cut = sentence.byte_start;
                }
                None => break,
            }
        }
        text.truncate(cut);
        let trimmed = text.trim_end().len();
        text.truncate(trimmed);
        if !text.is_empty() {
            out.paragraphs.push(text);
        }
    }

    /// `Some(Some(name))` for a reporter's sign-off, `Some(None)` for a
    /// closing that names nobody, `None` for anything else.
    fn signoff(&self, sentence: &str) -> Option<Option<String>> {
        let s = sentence.trim();
        if s.chars().count() > 60 {
            return None;
        }
        for re in [&self.signoff_titled, &self.signoff_outlet] {
            if !re.is_match(s) {
                continue;
            }
            if let Some(c) = re.captures(s) {
                let name = c["name"].to_string();
                if !self.is_not_name(&name) {
                    return Some(Some(name));
                }
            }
        }
        let closing = s.chars().count() <= 40
            && self
                .vocab
                .signoff
                .closing_starts
                .iter()
                .any(|w| s.starts_with(w.as_str()))
            && self.vocab.signoff.closing_ends.iter().any(|w| {
                s.trim_end_matches(['.', '!'])
                    .ends_with(w.trim_end_matches('.'))
            });
        closing.then_some(None)
    }

    fn is_not_name(&self, w: &str) -> bool {
        let w = squash(w);
        self.not_names.contains(&w)
    }

    /// What one paragraph is, on its own.
    fn classify(&self, p: &str) -> Line {
        let p = p.trim();
        if p.is_empty() || self.marker_line.is_match(p) {
            return Line::Drop;
        }
        // Markers opening the line (`[앵커] 오늘…`): the rest is what counts.
        const MAX_MARKERS: usize = 4;
        let mut rest = p;
        for _ in 0..MAX_MARKERS {
            match self.marker_lead.find(rest) {
                Some(m) if m.end() < rest.len() => rest = rest[m.end()..].trim_start(),
                _ => break,
            }
        }
        if rest.len() == p.len() {
            return self.classify_unmarked(p);
        }
        // `<인터뷰> 김영호 롯데마트 대리`: the marker was a caption's cue.
        if let Some(c) = self.caption(p) {
            return c;
        }
        match self.classify_unmarked(rest) {
            Line::Prose => Line::Turn(None, rest.to_string()),
            line => line,
        }
    }

    /// [`Structure::classify`] for a line no marker opens.
    fn classify_unmarked(&self, p: &str) -> Line {
        let len = p.chars().count();
        // Cheap tests first: every structure line but a sign-off or a
        // footer has a separator or opens with a bracket or symbol.
        let separated = p.contains([':', '：', '=', '/', '>'])
            || p.starts_with(|c: char| !c.is_alphanumeric() && !c.is_whitespace());
        if len <= 160
            && (separated || FREQUENCY.is_match(p))
            && let Some(h) = self.header(p)
        {
            return h;
        }
        if len <= 160
            && separated
            && let Some(c) = self.credit_line(p)
        {
            return c;
        }
        if len <= 120 && self.is_footer(p) {
            return Line::Footer;
        }
        if separated && let Some(c) = self.caption(p) {
            return c;
        }
        if len <= 60
            && let Some(name) = self.signoff(p)
        {
            return Line::SignOff(name.into_iter().collect());
        }
        Line::Prose
    }

    /// A programme header line: `■ 진행 : 박지훈 변호사`, `YTN라디오(FM
    /// 94.5) [뉴스킹 박지훈입니다]`.
    fn header(&self, p: &str) -> Option<Line> {
        if let Some(c) = self.header.captures(p) {
            let key = squash(&c["key"]);
            let value = c["value"].trim();
            let in_list = |l: &[String]| l.iter().any(|w| squash(w) == key);
            let v = &self.vocab.programme;
            if in_list(&v.programme) {
                let name = programme_name(value);
                let credits = (!name.is_empty())
                    .then(|| Credit {
                        role: PROGRAMME_ROLE.to_string(),
                        name,
                    })
                    .into_iter()
                    .collect();
                return Some(Line::Header(credits, Vec::new()));
            }
            let kind = if in_list(&v.host) {
                CaptionKind::Host
            } else if in_list(&v.guest) {
                CaptionKind::Guest
            } else {
                return Some(Line::Header(Vec::new(), Vec::new()));
            };
            let role = c["key"].trim().to_string();
            let mut credits = Vec::new();
            let mut captions = Vec::new();
            for part in value.split([',', '，', '/', '、']) {
                let part = part.trim();
                if let Some((name, description)) = self.person_words(part) {
                    credits.push(Credit {
                        role: role.clone(),
                        name: name.clone(),
                    });
                    captions.push(Caption {
                        kind,
                        name,
                        description,
                        line: p.to_string(),
                        paragraph: 0,
                    });
                }
            }
            return Some(Line::Header(credits, captions));
        }
        // A channel line naming the programme: `YTN라디오(FM 94.5)
        // [뉴스킹 박지훈입니다]`, `CBS 라디오 <김현정의 뉴스쇼> FM 98.1`.
        if p.chars().count() <= 80 && FREQUENCY.is_match(p) && !SENTENCE_END.is_match(p) {
            let name = programme_name(p);
            let credits = (!name.is_empty())
                .then(|| Credit {
                    role: PROGRAMME_ROLE.to_string(),
                    name,
                })
                .into_iter()
                .collect();
            return Some(Line::Header(credits, Vec::new()));
        }
        None
    }

    /// A credit line: `취재 : 이름 / 영상편집 : 이름`, `(사진=… 제공)`,
    /// `[사진 출처 : …]`, `이름 / 사진제공 …`.
    fn credit_line(&self, p: &str) -> Option<Line> {
        if SENTENCE_END.is_match(p) {
            return None;
        }
        let inner = unwrap_brackets(p);
        let starts_with_role = self.credit_cue.find(inner).is_some_and(|m| m.start() == 0);
        let mut credits = Vec::new();
        let mut authors = Vec::new();
        if starts_with_role {
            let cues: Vec<_> = self.credit_cue.captures_iter(inner).collect();
            // Cues inside a word (`사진관: `) do not count.
            let cues: Vec<_> = cues
                .into_iter()
                .filter(|c| {
                    let m = c.get(0).expect("whole match");
                    m.start() == 0
                        || inner[..m.start()]
                            .chars()
                            .next_back()
                            .is_some_and(|ch| ch.is_whitespace() || "([/,|·;".contains(ch))
                })
                .collect();
            for (i, c) in cues.iter().enumerate() {
                let m = c.get(0).expect("whole match");
                let end = cues
                    .get(i + 1)
                    .and_then(|n| n.get(0))
                    .map_or(inner.len(), |n| n.start());
                let value = &inner[m.end()..end];
                self.credit_values(&c["role"], value, &mut credits, &mut authors);
            }
        } else {
            // Roles without colons, one per `/`-separated part: `이름 /
            // 화면캡처 MBC` (a byline name first), `[영상취재 이름 / 영상편집
            // 이름]`, `[화면출처 유튜브]` (a line wholly in brackets).
            let wrapped = inner.len() != p.trim().len();
            let parts: Vec<&str> = inner.split('/').map(str::trim).collect();
            if parts.len() < 2 && !wrapped {
                return None;
            }
            let mut byline = None;
            for (i, part) in parts.iter().enumerate() {
                if let Some(c) = self.credit_word.captures(part) {
                    self.credit_values(&c["role"], &c["value"], &mut credits, &mut authors);
                    continue;
                }
                let name = strip_reporter_title(part, &self.vocab.signoff.titles);
                if i > 0 || !self.is_person_name(name, false) || MASKED_NAME.is_match(name) {
                    return None;
                }
                byline = Some(name);
            }
            if credits.is_empty() && authors.is_empty() {
                return None;
            }
            if let Some(name) = byline {
                authors.insert(0, name.to_string());
            }
        }
        (!credits.is_empty() || !authors.is_empty()).then_some(Line::Credits(credits, authors))
    }

    /// Adds the credits of one `role : value` pair.
    fn credit_values(
        &self,
        role: &str,
        value: &str,
        credits: &mut Vec<Credit>,
        authors: &mut Vec<String>,
    ) {
        let role = role.trim();
        let key = squash(role);
        let value = value
            .trim()
            .trim_matches(['/', ',', '|', '·', ';', ' ', ')', ']']);
        if value.is_empty() {
            return;
        }
        let is = |l: &[String]| l.iter().any(|w| squash(w) == key);
        if is(&self.vocab.credits.sources) {
            let name = self.source_name(value);
            if !name.is_empty() {
                credits.push(Credit {
                    role: role.to_string(),
                    name,
                });
            }
            return;
        }
        let author = is(&self.vocab.credits.authors);
        let titles = &self.vocab.signoff.titles;
        let mut names: Vec<&str> = Vec::new();
        for piece in value.split([',', '·', 'ㆍ', '/', '、']) {
            let piece = strip_reporter_title(piece.trim(), titles);
            let words: Vec<&str> = piece.split_whitespace().collect();
            if words.len() > 1 && words.iter().all(|w| looks_like_korean_name(w)) {
                names.extend(words);
            } else if !piece.is_empty() {
                names.push(piece);
            }
        }
        for n in names {
            if author {
                authors.push(n.to_string());
            } else {
                credits.push(Credit {
                    role: role.to_string(),
                    name: n.to_string(),
                });
            }
        }
    }

    /// A source's name without the closing verb (`한빛전자 제공` →
    /// `한빛전자`) or, for a photographer, the title (`임대철 기자` → `임대철`).
    fn source_name(&self, value: &str) -> String {
        let v = value.trim().trim_matches(['/', ',', ' ']);
        let mut v = strip_reporter_title(v, &self.vocab.signoff.titles);
        loop {
            let before = v.len();
            for verb in &self.vocab.credits.source_verbs {
                if let Some(rest) = v.strip_suffix(verb.as_str()) {
                    v = rest.trim_end();
                }
            }
            if v.len() == before {
                break;
            }
        }
        v.to_string()
    }

    fn is_footer(&self, p: &str) -> bool {
        self.footer_cue.is_match(p) || self.footer_contact.is_match(p)
    }

    /// An interview caption line.
    fn caption(&self, p: &str) -> Option<Line> {
        // `[김영호/롯데마트 대리]`, `[김영호/롯데마트 대리 : "…"]`,
        // `[김영호 / 롯데마트 대리] "…"`.
        let body = match self.symbol.find(p) {
            Some(m) => p[m.end()..].trim(),
            None => p,
        };
        // `[인터뷰 : 김영호 / 롯데마트 대리]`: a cue inside the brackets.
        if let Some((inner, after)) = split_bracketed(body)
            && let Some((name, description, quote)) =
                self.record(inner, true).or_else(|| self.cued_record(inner))
        {
            let mut said: Vec<&str> = Vec::new();
            if let Some(q) = quote {
                said.push(q);
            }
            if !after.trim().is_empty() {
                said.push(after.trim());
            }
            let quote = (!said.is_empty()).then(|| said.join(" "));
            // The evidence is the caption as written, without the quote.
            let line = match &quote {
                Some(_) => inner
                    .split([':', '：'])
                    .next()
                    .unwrap_or(inner)
                    .trim()
                    .to_string(),
                None => p.to_string(),
            };
            return Some(Line::Caption(
                Caption {
                    kind: CaptionKind::Interview,
                    name,
                    description,
                    line,
                    paragraph: 0,
                },
                quote,
            ));
        }
        // `▶ 인터뷰 : 김영호 / 롯데마트 대리`, `<인터뷰> 김영호 롯데마트 대리`.
        if let Some(c) = self.interview.captures(p) {
            let rest = c["rest"].trim();
            if let Some((name, description, quote)) = self.record(rest, false) {
                return Some(Line::Caption(
                    Caption {
                        kind: CaptionKind::Interview,
                        name,
                        description,
                        line: p.to_string(),
                        paragraph: 0,
                    },
                    quote.map(str::to_string),
                ));
            }
        }
        // `김영호 / 롯데마트 대리`, `박순자 / 경기 수원시`.
        if body.chars().count() <= 40
            && body.matches('/').count() == 1
            && let Some((name, description, None)) = self.record(body, true)
        {
            return Some(Line::Caption(
                Caption {
                    kind: CaptionKind::Interview,
                    name,
                    description,
                    line: p.to_string(),
                    paragraph: 0,
                },
                None,
            ));
        }
        None
    }

    /// The record after an interview cue (`인터뷰 : 김영호 / 롯데마트 대리`).
    fn cued_record<'t>(&self, s: &'t str) -> Option<(String, Option<String>, Option<&'t str>)> {
        let rest = self.interview.captures(s)?.name("rest")?.as_str();
        self.record(rest, false)
    }

    /// `이름 / 소속 직함 [: 말]` (or, without `slash`, `이름 소속 직함`):
    /// the name, the description and what was said.
    fn record<'t>(
        &self,
        s: &'t str,
        slash: bool,
    ) -> Option<(String, Option<String>, Option<&'t str>)> {
        let (record, quote) = match s.find([':', '：']) {
            Some(i) => {
                let colon = s[i..].chars().next().map_or(1, char::len_utf8);
                (
                    &s[..i],
                    Some(s[i + colon..].trim()).filter(|q| !q.is_empty()),
                )
            }
            None => (s, None),
        };
        let record = record.trim();
        if record.is_empty() || SENTENCE_END.is_match(record) || record.contains(['"', '“', '”'])
        {
            return None;
        }
        if let Some((name, description)) = record.split_once('/') {
            let name = NAME_ASIDE.replace_all(name.trim(), "");
            let name = name.trim();
            let description = NAME_ASIDE.replace_all(description.trim(), "");
            let description = description.trim();
            if !self.is_person_name(name, true)
                || description.is_empty()
                || description.chars().count() > 40
                || description.contains('/')
            {
                return None;
            }
            return Some((name.to_string(), Some(description.to_string()), quote));
        }
        if slash {
            return None;
        }
        let (name, description) = self.person_words(record)?;
        Some((name, description, quote))
    }

    /// `이름 소속 직함` → the name and the rest.
    fn person_words(&self, s: &str) -> Option<(String, Option<String>)> {
        let s = NAME_ASIDE.replace_all(s.trim(), "");
        let s = s.trim();
        // `김 모 씨`, `김모 씨`: a withheld name of up to three words.
        let words: Vec<&str> = s.split_whitespace().collect();
        let (name, used) = (1..=3.min(words.len()))
            .rev()
            .map(|k| (words[..k].join(" "), k))
            .find(|(n, _)| MASKED_NAME.is_match(n))
            .or_else(|| {
                words
                    .first()
                    .filter(|w| self.is_person_name(w, false))
                    .map(|w| (w.to_string(), 1))
            })?;
        let rest = words[used..].join(" ");
        let rest = rest.trim_matches(['(', ')', ' ']).trim();
        if rest.chars().count() > 40 || SENTENCE_END.is_match(rest) {
            return None;
        }
        Some((name, (!rest.is_empty()).then(|| rest.to_string())))
    }

    /// Whether `s` can be a person's name in a caption; `foreign` allows
    /// two or three words (`마이클 스펜스`).
    fn is_person_name(&self, s: &str, foreign: bool) -> bool {
        if MASKED_NAME.is_match(s) {
            return true;
        }
        if self.is_not_name(s) {
            return false;
        }
        if looks_like_korean_name(s) {
            // Korean names open with a surname (`한미 연합:` is no label).
            return split_name(s).is_some_and(|(family, _)| surname(family).is_some());
        }
        let words: Vec<&str> = s.split_whitespace().collect();
        foreign
            && (2..=3).contains(&words.len())
            && s.chars().count() <= 14
            && words
                .iter()
                .all(|w| (1..=6).contains(&w.chars().count()) && w.chars().all(is_hangul))
    }

    /// A paragraph opened by a speaker label (`◇ 박지훈: …`, `▷김태현 : …`,
    /// `◆ 조원진 우리공화당 대표(이하 조원진): …`, `박지훈: …`, `진행자 > …`):
    /// the speaker (none for a role label such as `진행자`) and the turn.
    /// The caller confirms it ([`Structure::speaker_labels`]).
    fn turn(&self, p: &str) -> Option<(Option<Speaker>, String, bool)> {
        // A label is short: its separator is near the start.
        const LABEL_CHARS: usize = 48;
        let (at, sep) = p
            .char_indices()
            .take(LABEL_CHARS)
            .find(|(_, c)| matches!(c, ':' | '：' | '>'))?;
        let head = &p[..at];
        let (has_symbol, label) = match self.symbol.find(head) {
            Some(m) => (true, head[m.end()..].trim()),
            None => (false, head.trim()),
        };
        if label.is_empty()
            || (sep == '>' && !has_symbol)
            || label.contains(['"', '“', '”', '\'', '‘', '’', '[', ']', '<', '：', ':'])
        {
            return None;
        }
        let rest = p[at + sep.len_utf8()..].trim().to_string();
        let alias = ALIAS.captures(label).map(|a| a[1].trim().to_string());
        let core = ALIAS.replace(label, "");
        let core = core.trim();
        if self
            .vocab
            .speakers
            .roles
            .iter()
            .any(|r| squash(r) == squash(core))
        {
            return Some((None, rest, has_symbol));
        }
        let words: Vec<&str> = core.split_whitespace().collect();
        let first = *words.first()?;
        if (!has_symbol && words.len() > 1)
            || words.len() > 6
            || !self.is_person_name(first, false)
            || MASKED_NAME.is_match(first)
        {
            return None;
        }
        let description = (words.len() > 1).then(|| words[1..].join(" "));
        Some((
            Some(Speaker {
                name: first.to_string(),
                description,
                alias,
                label: head.trim().to_string(),
            }),
            rest,
            has_symbol,
        ))
    }

    /// Speaker labels are confirmed by the transcript they make: a name
    /// opens at least two paragraphs, introduces its short form (`(이하
    /// 박지훈)`) or is the programme header's host or guest; once two turns
    /// are confirmed, any label after a symbol is a turn too. A one-off
    /// `▲ 경제안보: …` or `결론: …` in an article that is no transcript stays
    /// prose. A role label (`진행자:`, `Q:`) counts after a symbol or when
    /// repeated.
    fn speaker_labels(&self, paragraphs: &[String], lines: &mut [Line]) {
        let mut counts: HashMap<String, usize> = HashMap::new();
        let mut turns: Vec<(usize, Option<Speaker>, String, bool)> = Vec::new();
        for (i, p) in paragraphs.iter().enumerate() {
            if !matches!(lines[i], Line::Prose) {
                continue;
            }
            if let Some((speaker, rest, symbol)) = self.turn(p.trim()) {
                let key = match &speaker {
                    Some(s) => s.name.clone(),
                    None => label_key(p),
                };
                *counts.entry(key).or_default() += 1;
                turns.push((i, speaker, rest, symbol));
            }
        }
        // A short form stands for the full label that introduced it.
        let mut alias_of: HashMap<String, String> = HashMap::new();
        for (_, s, _, _) in &turns {
            if let Some(s) = s
                && let Some(a) = &s.alias
            {
                alias_of.insert(a.clone(), s.name.clone());
            }
        }
        for (name, full) in &alias_of {
            if name != full {
                let n = counts.get(name).copied().unwrap_or(0);
                *counts.entry(full.clone()).or_default() += n;
            }
        }
        let billed: HashSet<String> = lines
            .iter()
            .filter_map(|l| match l {
                Line::Header(_, people) => Some(people.iter().map(|c| c.name.clone())),
                _ => None,
            })
            .flatten()
            .collect();
        let confirmed_by_itself = |speaker: &Option<Speaker>, p: &str, symbol: bool| match speaker {
            Some(s) => {
                let name = alias_of.get(&s.name).unwrap_or(&s.name);
                s.alias.is_some()
                    || billed.contains(name)
                    || counts.get(name).copied().unwrap_or(0) >= 2
            }
            None => symbol || counts.get(&label_key(p)).copied().unwrap_or(0) >= 2,
        };
        let transcript = turns
            .iter()
            .filter(|(i, s, _, symbol)| *symbol && confirmed_by_itself(s, &paragraphs[*i], *symbol))
            .count()
            >= 2;
        for (i, speaker, rest, symbol) in turns {
            let confirmed =
                confirmed_by_itself(&speaker, &paragraphs[i], symbol) || (symbol && transcript);
            if confirmed {
                let speaker = speaker.map(|mut s| {
                    if let Some(full) = alias_of.get(&s.name) {
                        s.name = full.clone();
                    }
                    s
                });
                lines[i] = Line::Turn(speaker, rest);
            }
        }
    }

    /// Footers stand where footers stand: after a symbol or a bracket
    /// (`▷ 전화 …`, `[메일] …`), before the story (`* 아래 텍스트는 실제
    /// 방송과 …`) or after it. A footer cue in a sentence inside the story
    /// (`이 노래의 저작권은 …`) is prose. The story ends at the first footer
    /// among the last few paragraphs after which every line is footer
    /// material: footers, credits, sign-offs, a line wholly in brackets
    /// (`[한빛라디오 아침광장]`) or a short one that is no sentence.
    fn footers(&self, paragraphs: &[String], lines: &mut [Line]) {
        const LAST: usize = 6;
        const SHORT: usize = 40;
        let n = paragraphs.len();
        let trailing = |i: usize, line: &Line| match line {
            Line::Prose => {
                let p = paragraphs[i].trim();
                unwrap_brackets(p).len() != p.len()
                    || (p.chars().count() <= SHORT && !SENTENCE_END.is_match(p))
            }
            Line::Turn(..) | Line::Caption(..) => false,
            _ => true,
        };
        let end = (n.saturating_sub(LAST)..n).find(|&f| {
            matches!(lines[f], Line::Footer) && (f + 1..n).all(|i| trailing(i, &lines[i]))
        });
        if let Some(f) = end {
            for line in &mut lines[f + 1..] {
                if matches!(line, Line::Prose) {
                    *line = Line::Drop;
                }
            }
        }
        // Where the story is: from its first line to the last, footers and
        // credits aside.
        let is_story = |l: &Line| matches!(l, Line::Prose | Line::Turn(..) | Line::Caption(..));
        let story_starts = lines.iter().position(is_story).unwrap_or(n);
        let story_ends = lines.iter().rposition(is_story).map_or(0, |i| i + 1);
        for (i, line) in lines.iter_mut().enumerate() {
            if matches!(line, Line::Footer)
                && i > story_starts
                && i < story_ends
                && !self.symbol.is_match(paragraphs[i].trim())
                && !paragraphs[i].trim_start().starts_with('[')
            {
                *line = Line::Prose;
            }
        }
    }
}

/// What one paragraph is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Line {
    /// Prose: kept.
    Prose,
    /// A marker: dropped.
    Drop,
    /// A footer line: dropped where footers stand (see
    /// [`Structure::footers`]), prose elsewhere.
    Footer,
    /// Credits and authors.
    Credits(Vec<Credit>, Vec<String>),
    /// A programme header: its credits and people.
    Header(Vec<Credit>, Vec<Caption>),
    /// An interview caption, and what the person said on the same line.
    Caption(Caption, Option<String>),
    /// A transcript turn or a line after a marker: the speaker (if the label
    /// names one) and the text.
    Turn(Option<Speaker>, String),
    /// A reporter's sign-off (the names it gives).
    SignOff(Vec<String>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Speaker {
    name: String,
    description: Option<String>,
    alias: Option<String>,
    label: String,
}

impl Reading {
    fn add_author(&mut self, name: String) {
        let name = name.trim().to_string();
        if !name.is_empty() && !self.authors.contains(&name) {
            self.authors.push(name);
        }
    }

    fn add_credit(&mut self, credit: Credit) {
        if !credit.name.is_empty() && !self.credits.contains(&credit) {
            self.credits.push(credit);
        }
    }
}

/// The content of a line wholly in brackets (`( 취재 : … )`, `[사진 출처 :
/// …]`), else the line.
fn unwrap_brackets(p: &str) -> &str {
    let p = p.trim();
    for &(o, c) in BRACKETS {
        if let Some(inner) = p.strip_prefix(o).and_then(|r| r.strip_suffix(c)) {
            return inner.trim();
        }
    }
    p
}

/// A line opening with a bracketed group: its content and what follows.
fn split_bracketed(p: &str) -> Option<(&str, &str)> {
    let first = p.chars().next()?;
    let &(o, c) = BRACKETS
        .iter()
        .find(|(o, _)| *o == first && *o != '(' && *o != '《')?;
    let rest = &p[o.len_utf8()..];
    // The whole line in brackets (a quote inside may hold brackets of its
    // own), else the first closing bracket.
    if let Some(inner) = rest.strip_suffix(c) {
        return Some((inner.trim(), ""));
    }
    let end = rest.find(c)?;
    Some((rest[..end].trim(), &rest[end + c.len_utf8()..]))
}

/// The label of a role turn (`진행자`, `Q`), for counting.
fn label_key(p: &str) -> String {
    let p = p.trim_start_matches(|c: char| !c.is_alphanumeric());
    squash(p.split([':', '：', '>']).next().unwrap_or(""))
}

/// `김영호 기자` → `김영호`.
fn strip_reporter_title<'t>(s: &'t str, titles: &[String]) -> &'t str {
    let s = s.trim();
    for t in titles {
        if let Some(rest) = s.strip_suffix(t.as_str()) {
            return rest.trim_end();
        }
    }
    s
}

/// The programme a header value names: the bracketed title if there is one
/// (`YTN라디오(FM 94.5) [뉴스킹 박지훈입니다]`, `CBS 라디오 <김현정의
/// 뉴스쇼>`), else the value without frequencies, times and asides (`SBS
/// 김태현의 정치쇼 (FM 103.5 MHz 7:00 ~ 9:00)` → `SBS 김태현의 정치쇼`).
fn programme_name(value: &str) -> String {
    for (o, c) in [
        ('[', ']'),
        ('<', '>'),
        ('《', '》'),
        ('『', '』'),
        ('「', '」'),
        ('〈', '〉'),
        ('＜', '＞'),
        ('‘', '’'),
        ('"', '"'),
        ('“', '”'),
        ('\'', '\''),
    ] {
        if let Some(start) = value.find(o) {
            let after = &value[start + o.len_utf8()..];
            if let Some(end) = after.find(c) {
                let inner = after[..end].trim();
                if !inner.is_empty() && !FREQUENCY.is_match(inner) {
                    return inner.to_string();
                }
            }
        }
    }
    // Asides in parentheses, then bare frequencies and times.
    let mut out = String::with_capacity(value.len());
    let mut depth = 0usize;
    for ch in value.chars() {
        match ch {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(ch),
            _ => {}
        }
    }
    let out = FREQUENCY.replace_all(&out, "");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests;
