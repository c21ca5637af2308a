//! README.md stays true for the schema: every relation kind has its row in
//! the "Relations" table (and no row names an unknown kind), every entity
//! type is listed under `newskg ner`, and the example pattern file of "Your
//! own relation patterns" loads.

use newskg::entities::EntityType;
use newskg::relations::{Patterns, RelationKind};

const README: &str = include_str!("../README.md");

/// The text of the section that starts with the heading `heading` and ends
/// at the next heading of the same or a higher level (lines in fenced code
/// blocks, such as TOML comments, are no headings).
fn section(heading: &str) -> &'static str {
    let level = heading.chars().take_while(|&c| c == '#').count();
    let start = README
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("README.md has no heading '{heading}'"))
        + 1
        + heading.len();
    let body = &README[start..];
    let mut offset = 0;
    let mut fenced = false;
    for line in body.split_inclusive('\n') {
        if line.starts_with("```") {
            fenced = !fenced;
        }
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if !fenced && hashes > 0 && hashes <= level && line[hashes..].starts_with(' ') {
            return &body[..offset];
        }
        offset += line.len();
    }
    body
}

/// The rows of the table whose header starts with `header` in `text`.
fn table<'a>(text: &'a str, header: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| !l.starts_with(header))
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .collect()
}

/// The kinds named in the first column of the schema table
/// (`| `ceo_of` | → | …`).
fn table_kinds() -> Vec<String> {
    table(section("## Relations"), "| kind | direction |")
        .into_iter()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split_once('`'))
        .map(|(name, _)| name.to_string())
        .collect()
}

#[test]
fn every_relation_kind_has_a_row_in_the_readme_schema_table() {
    let rows = table_kinds();
    let missing: Vec<&str> = RelationKind::ALL
        .iter()
        .map(|k| k.as_str())
        .filter(|name| !rows.iter().any(|r| r == name))
        .collect();
    assert!(
        missing.is_empty(),
        "README.md \"Relations\" table lacks {missing:?}: add a row (direction, argument types, signals)"
    );
    let unknown: Vec<&String> = rows
        .iter()
        .filter(|r| r.parse::<RelationKind>().is_err())
        .collect();
    assert!(
        unknown.is_empty(),
        "README.md \"Relations\" table names kinds newskg does not have: {unknown:?}"
    );
    let mut sorted = rows.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), rows.len(), "a kind has two rows: {rows:?}");
}

#[test]
fn every_relation_row_states_direction_types_and_signals() {
    let rows = table(section("## Relations"), "| kind | direction |");
    assert!(rows.len() > 40, "the schema table was not found");
    for line in rows {
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").collect();
        assert_eq!(cells.len(), 4, "row should have 4 cells: {line}");
        let name = cells[0].trim().trim_matches('`');
        let kind: RelationKind = name.parse().unwrap();
        let arrow = if kind.is_directed() { "→" } else { "↔" };
        assert_eq!(
            cells[1].trim(),
            arrow,
            "{name}: direction column should be {arrow}"
        );
        assert!(
            cells[2].contains(arrow),
            "{name}: argument types should read source {arrow} target"
        );
        assert!(!cells[3].trim().is_empty(), "{name}: no signal given");
    }
}

/// Every entity type, by name. The `match` fails to compile when a type is
/// added, so that this list (and the README) gets it too.
fn entity_types() -> Vec<&'static str> {
    let all = [
        EntityType::Person,
        EntityType::Org,
        EntityType::Product,
        EntityType::Location,
        EntityType::Event,
        EntityType::Work,
        EntityType::Money,
        EntityType::Date,
        EntityType::Time,
        EntityType::Quantity,
    ];
    for t in all {
        match t {
            EntityType::Person
            | EntityType::Org
            | EntityType::Product
            | EntityType::Location
            | EntityType::Event
            | EntityType::Work
            | EntityType::Money
            | EntityType::Date
            | EntityType::Time
            | EntityType::Quantity => {}
        }
    }
    all.iter().map(|t| t.as_str()).collect()
}

#[test]
fn every_entity_type_is_listed_in_the_readme() {
    let ner = section("### `newskg entities` and `newskg ner`");
    for name in entity_types() {
        assert!(
            table(ner, "| type |")
                .iter()
                .any(|row| row.starts_with(&format!("| `{name}` |"))),
            "README.md `newskg ner` section lacks a row for entity type {name}"
        );
    }
}

#[test]
fn the_readme_example_pattern_file_loads() {
    let own = section("### Your own relation patterns (`--relations FILE`)");
    let start = own
        .find("```toml\n")
        .expect("an example pattern file in a ```toml block")
        + "```toml\n".len();
    let text = &own[start..start + own[start..].find("```").unwrap()];
    let mut patterns = (*Patterns::embedded()).clone();
    patterns
        .add("README.md example", text)
        .unwrap_or_else(|e| panic!("the README's example pattern file does not load: {e}"));
}
