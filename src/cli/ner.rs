//! `newskg ner`: line-mode named-entity recognition, for evaluation.
//!
//! Reads one sentence per stdin line (or file line) and writes one JSON
//! object per line, `{"entities": [{"start", "end", "type", "text", "id", "rule"}]}`
//! with character offsets (end exclusive), so output line N always answers
//! input line N. `../shared/tools/klue_ner.py score` reads it.

use std::io;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Args;
use serde::Serialize;

use super::entities::build_extractor;
use super::lines;
use crate::entities::{Date, EntityType};

/// `newskg ner` arguments.
#[derive(Debug, Args)]
pub struct NerArgs {
    /// Files to read (UTF-8, one sentence per line); stdin when none.
    pub files: Vec<PathBuf>,
    /// Extra gazetteer file(s) (`id<TAB>TYPE<TAB>ko<TAB>en<TAB>aliases`), after the built-in one.
    #[arg(long = "gazetteer", value_name = "FILE")]
    pub gazetteer: Vec<PathBuf>,
    /// Extra entity word list(s) (descriptors, name endings, not-names,
    /// abbreviations: `word<TAB>list[<TAB>value]`), after the built-in ones.
    #[arg(long = "entity-words", value_name = "FILE")]
    pub entity_words: Vec<PathBuf>,
    /// Write spans as KLUE-NER annotates them rather than as the graph
    /// keeps them: places written side by side, from large to small, are one
    /// location (`중국 광둥성 푸저우`), though the graph keeps each place a
    /// node of its own; figures inside the name of a work, product or
    /// event are marked too (KLUE has no type for those names).
    #[arg(long)]
    pub klue: bool,
    /// Publication date (YYYY-MM-DD) for resolving relative dates.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: Option<String>,
}

#[derive(Serialize)]
struct NerEntity<'a> {
    start: usize,
    end: usize,
    #[serde(skip)]
    byte_start: usize,
    #[serde(rename = "type")]
    kind: &'a str,
    text: &'a str,
    id: &'a str,
    /// Which recognizer rule found it (`dictionary`, `gazetteer`, `joined`…), for debugging.
    rule: &'a str,
}

#[derive(Serialize)]
struct NerLine<'a> {
    entities: Vec<NerEntity<'a>>,
}

/// Runs `newskg ner`.
pub fn run(args: NerArgs) -> anyhow::Result<ExitCode> {
    let extractor = build_extractor(&args.gazetteer, &args.entity_words)?;
    let published = args
        .published
        .as_deref()
        .map(Date::parse)
        .transpose()
        .context("--published")?;
    let mut session = extractor.session();
    lines::run(&args.files, |line, out| {
        // Offsets count a byte-order mark, if any, as the input has it.
        let (mentions, ok) = match line.text() {
            Ok(text) => (extractor.recognize_in(&mut session, text, published), true),
            Err(message) => {
                line.report(&message);
                (Vec::new(), false)
            }
        };
        let text = line.text().unwrap_or_default();
        // KLUE has no type for works, products or events and marks the
        // figures inside their names (`'은하 3호'`): find them in the name.
        let mut figures = Vec::new();
        if args.klue {
            for m in &mentions {
                if !matches!(
                    m.kind,
                    EntityType::Work | EntityType::Product | EntityType::Event
                ) || !m.text.chars().any(|c| c.is_ascii_digit())
                {
                    continue;
                }
                for mut f in extractor.recognize_in(&mut session, &m.text, published) {
                    if f.kind == EntityType::Quantity {
                        f.start += m.start;
                        f.end += m.start;
                        f.byte_start += m.byte_start;
                        f.byte_end += m.byte_start;
                        figures.push(f);
                    }
                }
            }
        }
        let mentions = if figures.is_empty() {
            mentions
        } else {
            let mut all = mentions;
            all.extend(figures);
            all.sort_by_key(|m| m.start);
            all
        };
        let mut entities: Vec<NerEntity> = Vec::with_capacity(mentions.len());
        let mut last_byte_end = 0;
        for m in &mentions {
            if args.klue
                && m.kind == EntityType::Location
                && let Some(prev) = entities.last_mut()
                && prev.kind == EntityType::Location.as_str()
                && text.get(last_byte_end..m.byte_start) == Some(" ")
            {
                prev.end = m.end;
                prev.text = text.get(prev.byte_start..m.byte_end).unwrap_or(prev.text);
                prev.rule = "klue-joined";
                last_byte_end = m.byte_end;
                continue;
            }
            entities.push(NerEntity {
                start: m.start,
                end: m.end,
                byte_start: m.byte_start,
                kind: m.kind.as_str(),
                text: &m.text,
                id: &m.id,
                rule: m.rule,
            });
            last_byte_end = m.byte_end;
        }
        let answer = NerLine { entities };
        serde_json::to_writer(&mut *out, &answer).map_err(io::Error::other)?;
        out.write_all(b"\n")?;
        Ok(ok)
    })
}
