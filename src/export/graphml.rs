//! GraphML writer.
//!
//! What real readers need (see ../shared/tools/README.md): descriptive key
//! ids equal to `attr.name`, `for` set per key, `label` and `weight` keys
//! where Gephi looks for them, `double` rather than `float` (Gephi reads
//! `float` as 32-bit), `long` for counts, ids that are XML name tokens, no
//! control characters, UTF-8 throughout. A value is written only when the row
//! has one; readers fill in their own default.

use std::io::{self, Write};

use super::{Column, ColumnType, EDGE_COLUMNS, NODE_COLUMNS, Row, View, xml_escape};

fn type_name(ty: ColumnType) -> &'static str {
    match ty {
        ColumnType::String => "string",
        ColumnType::Long => "long",
        ColumnType::Double => "double",
        ColumnType::Boolean => "boolean",
    }
}

/// Key ids must be unique across node and edge keys; edge keys that share a
/// name with a node key get an `e_` prefix. The edge label's key is
/// `edgelabel`, an id Gephi maps to the edge label (igraph cannot read a key
/// declared `for="all"`, so node and edge labels need two keys).
fn edge_key_id(c: &Column) -> String {
    if c.name == "label" {
        "edgelabel".to_string()
    } else if NODE_COLUMNS.iter().any(|n| n.name == c.name) {
        format!("e_{}", c.name)
    } else {
        c.name.to_string()
    }
}

fn node_key_id(c: &Column) -> String {
    c.name.to_string()
}

fn write_data(
    w: &mut impl Write,
    columns: &[Column],
    key: impl Fn(&Column) -> String,
    values: &Row,
) -> io::Result<()> {
    for c in columns {
        if let Some(v) = values.get(c.name) {
            write!(
                w,
                "<data key=\"{}\">{}</data>",
                key(c),
                xml_escape(&v.render())
            )?;
        }
    }
    Ok(())
}

/// Writes `view` as GraphML.
pub fn write(view: &View<'_>, w: &mut impl Write) -> io::Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for c in NODE_COLUMNS {
        writeln!(
            w,
            r#"  <key id="{}" for="node" attr.name="{}" attr.type="{}"/>"#,
            node_key_id(c),
            c.name,
            type_name(c.ty)
        )?;
    }
    for c in EDGE_COLUMNS {
        writeln!(
            w,
            r#"  <key id="{}" for="edge" attr.name="{}" attr.type="{}"/>"#,
            edge_key_id(c),
            c.name,
            type_name(c.ty)
        )?;
    }
    writeln!(w, r#"  <graph id="newskg" edgedefault="directed">"#)?;
    for n in view.nodes() {
        write!(w, r#"    <node id="{}">"#, xml_escape(&n.id))?;
        write_data(w, NODE_COLUMNS, node_key_id, &n.values)?;
        writeln!(w, "</node>")?;
    }
    for e in view.edges() {
        write!(
            w,
            r#"    <edge id="{}" source="{}" target="{}">"#,
            xml_escape(&e.id),
            xml_escape(&e.source),
            xml_escape(&e.target)
        )?;
        write_data(w, EDGE_COLUMNS, edge_key_id, &e.values)?;
        writeln!(w, "</edge>")?;
    }
    writeln!(w, "  </graph>")?;
    writeln!(w, "</graphml>")?;
    Ok(())
}
