//! Decidim's JSON export of proposals, read as the table its CSV export is: an array
//! of objects whose nested keys are joined with `/` (`title/en`, `category/name/ca`,
//! `endorsements/total_count`), the same columns the CSV has, so that one reader
//! (`decidim.rs`) reads both. Proposal `n` of the array is row `n + 1`, the keys being
//! row 1. Owns reading and flattening the file; gives no meaning to a field.

use indexmap::IndexMap;
use serde_json::Value;

use super::delimited::MAX_TABLE_BYTES;
use super::{Cell, Place, Row, Table, read_capped};
use crate::config::InputPath;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::msg;

/// The table of a JSON file holding an array of objects; `None`, with an error, for a
/// file too large, not JSON, or JSON of another shape.
pub(crate) fn read_table(input: &InputPath, diags: &mut Diagnostics) -> Option<Table> {
    let too_large = || {
        Place::new(input, None)
            .error(
                Code::TooLarge,
                msg!("json-too-large", mib = MAX_TABLE_BYTES / (1024 * 1024)),
            )
            .hint(msg!("too-large-table-hint"))
    };
    let source = crate::files::open_regular(&input.path);
    let bytes = read_capped(input, source, too_large, diags)?;
    let value: Value = match serde_json::from_slice(&bytes) {
        Ok(value) => value,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    Code::NotASpreadsheet,
                    &input.display,
                    msg!(
                        "json-unreadable",
                        line = e.line(),
                        column = e.column(),
                        reason = e.to_string()
                    ),
                )
                .hint(msg!("json-shape-hint")),
            );
            return None;
        }
    };
    let Some(records) = value.as_array().filter(|a| a.iter().all(Value::is_object)) else {
        diags.push(
            Diagnostic::error(
                Code::NotASpreadsheet,
                &input.display,
                msg!("json-not-records"),
            )
            .hint(msg!("json-shape-hint")),
        );
        return None;
    };
    Some(table_of(records))
}

/// The records as rows under the union of their flattened keys, in the order first met.
fn table_of(records: &[Value]) -> Table {
    let flat: Vec<IndexMap<String, Cell>> = records
        .iter()
        .map(|record| {
            let mut fields = IndexMap::new();
            flatten("", record, &mut fields);
            fields
        })
        .collect();
    let mut keys: IndexMap<&str, ()> = IndexMap::new();
    for fields in &flat {
        for key in fields.keys() {
            keys.entry(key.as_str()).or_default();
        }
    }
    let header = Row {
        number: 1,
        cells: keys.keys().map(|k| Cell::Text((*k).to_string())).collect(),
    };
    let rows = flat.iter().enumerate().map(|(i, fields)| Row {
        number: i + 2,
        cells: keys
            .keys()
            .map(|k| fields.get(*k).cloned().unwrap_or(Cell::Empty))
            .collect(),
    });
    Table {
        sheet: None,
        first_col: 0,
        rows: std::iter::once(header).chain(rows).collect(),
    }
}

/// `value`'s leaves under `prefix`, keys joined with `/`; an array of plain values is
/// one cell, its values joined with `, ` (an array of objects, one cell of its JSON).
fn flatten(prefix: &str, value: &Value, out: &mut IndexMap<String, Cell>) {
    let key = |k: &str| {
        if prefix.is_empty() {
            k.to_string()
        } else {
            format!("{prefix}/{k}")
        }
    };
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                flatten(&key(k), v, out);
            }
        }
        leaf => {
            out.insert(prefix.to_string(), cell(leaf));
        }
    }
}

fn cell(value: &Value) -> Cell {
    match value {
        Value::Null => Cell::Empty,
        Value::Bool(b) => Cell::Text(b.to_string()),
        Value::Number(n) => Cell::Text(n.to_string()),
        Value::String(s) if s.is_empty() => Cell::Empty,
        Value::String(s) => Cell::Text(s.clone()),
        Value::Array(items) if items.is_empty() => Cell::Empty,
        Value::Array(items) if items.iter().all(|v| !v.is_object() && !v.is_array()) => {
            let texts: Vec<String> = items
                .iter()
                .map(|v| match v {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                })
                .collect();
            Cell::Text(texts.join(", "))
        }
        other => Cell::Text(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_keys_are_joined_and_missing_ones_are_empty() {
        let records: Vec<Value> = serde_json::from_str(
            r#"[{"id": 1, "title": {"en": "A", "ca": "B"}, "is_amend": false, "tags": ["x", 2]},
                {"id": 2, "title": {"en": "C"}, "original_proposal": null, "tags": []}]"#,
        )
        .expect("json");
        let table = table_of(&records);
        let texts = |row: &Row| -> Vec<String> {
            row.cells
                .iter()
                .map(|c| c.text().map(|t| t.to_string()).unwrap_or_default())
                .collect()
        };
        assert_eq!(
            texts(&table.rows[0]),
            [
                "id",
                "title/en",
                "title/ca",
                "is_amend",
                "tags",
                "original_proposal"
            ]
        );
        assert_eq!(texts(&table.rows[1]), ["1", "A", "B", "false", "x, 2", ""]);
        assert_eq!(texts(&table.rows[2]), ["2", "C", "", "", "", ""]);
        assert_eq!(
            table.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
            [1, 2, 3]
        );
    }
}
