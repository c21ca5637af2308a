//! CSV writer: `nodes.csv` (`Id`, `Label`, then the node columns) and
//! `edges.csv` (`Source`, `Target`, `Type`, `Id`, `Label`, `Weight`, then the
//! edge columns): the headers Gephi's spreadsheet import recognises, and
//! plain tables for pandas. RFC 4180 quoting; UTF-8 without a byte-order mark.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{EDGE_COLUMNS, NODE_COLUMNS, Value, View, xml_safe};

/// Where the two files go for output path `path`: inside it when it is a
/// directory (or ends with `/`), else next to it as `<stem>.nodes.csv` and
/// `<stem>.edges.csv`.
pub fn paths(path: &Path) -> (PathBuf, PathBuf) {
    let is_dir = path.is_dir() || path.to_string_lossy().ends_with('/');
    if is_dir {
        return (path.join("nodes.csv"), path.join("edges.csv"));
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "graph".into());
    (
        path.with_file_name(format!("{stem}.nodes.csv")),
        path.with_file_name(format!("{stem}.edges.csv")),
    )
}

/// A text cell. Evidence sentences, titles and labels come from the web,
/// and a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage
/// return) is a formula to Excel and LibreOffice: as OWASP advises, such a
/// cell gets a leading `'` (shown as text, not evaluated) and is quoted.
fn field(s: &str) -> String {
    let s = xml_safe(s);
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula {
        format!("\"'{}\"", s.replace('"', "\"\""))
    } else if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

fn cell(v: Option<&Value>) -> String {
    match v {
        // Numbers are numbers: -3.5 stays a number.
        Some(Value::Str(s)) => field(s),
        Some(v) => v.render(),
        None => String::new(),
    }
}

/// Writes the node table.
pub fn write_nodes(view: &View<'_>, w: &mut impl Write) -> io::Result<()> {
    let mut header = vec!["Id".to_string(), "Label".to_string()];
    header.extend(
        NODE_COLUMNS
            .iter()
            .filter(|c| c.name != "label")
            .map(|c| c.name.to_string()),
    );
    writeln!(w, "{}", header.join(","))?;
    for n in view.nodes() {
        let mut row = vec![field(&n.id), cell(n.values.get("label"))];
        row.extend(
            NODE_COLUMNS
                .iter()
                .filter(|c| c.name != "label")
                .map(|c| cell(n.values.get(c.name))),
        );
        writeln!(w, "{}", row.join(","))?;
    }
    Ok(())
}

/// Writes the edge table.
pub fn write_edges(view: &View<'_>, w: &mut impl Write) -> io::Result<()> {
    let rest: Vec<_> = EDGE_COLUMNS
        .iter()
        .filter(|c| c.name != "label" && c.name != "weight")
        .collect();
    let mut header: Vec<String> = ["Source", "Target", "Type", "Id", "Label", "Weight"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    header.extend(rest.iter().map(|c| c.name.to_string()));
    writeln!(w, "{}", header.join(","))?;
    for e in view.edges() {
        let mut row = vec![
            field(&e.source),
            field(&e.target),
            "Directed".to_string(),
            field(&e.id),
            cell(e.values.get("label")),
            cell(e.values.get("weight")),
        ];
        row.extend(rest.iter().map(|c| cell(e.values.get(c.name))));
        writeln!(w, "{}", row.join(","))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(
            field("=HYPERLINK(\"http://x\",\"클릭\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"클릭\"\")\""
        );
        for s in ["+1", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            let f = field(s);
            assert!(f.starts_with("\"'"), "{s:?} → {f:?}");
        }
        assert_eq!(field("김영섭 = 대표"), "김영섭 = 대표");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(cell(Some(&Value::Double(-3.5))), "-3.5");
        assert_eq!(cell(Some(&Value::Long(-2))), "-2");
    }
}
