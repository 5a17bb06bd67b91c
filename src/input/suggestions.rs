//! World-café suggestions (spec §4.3): columns `groupe`, `catégorie` (optional),
//! `suggestion`, `votes` (optional), found by their French or English names in the
//! first rows.

use super::values::{alias_match, header_key};
use super::{Cell, MAX_CELL_CHARS, Place, Row, Table, column_label};
use crate::config::InputPath;
use crate::diagnostics::{Code, Diagnostics};
use crate::model::Suggestion;

const GROUP: &[&str] = &[
    "groupe",
    "group",
    "table",
    "atelier",
    "sous groupe",
    "sous-groupe",
    "workshop",
];
const CATEGORY: &[&str] = &[
    "categorie",
    "category",
    "theme",
    "thematique",
    "sous theme",
    "topic",
];
const TEXT: &[&str] = &[
    "suggestion",
    "suggestions",
    "texte",
    "text",
    "idee",
    "idees",
    "idea",
    "post-it",
    "contenu",
    "suggestion d'amelioration",
    "proposition",
];
const VOTES: &[&str] = &[
    "votes",
    "vote",
    "nombre de votes",
    "nb votes",
    "nb de votes",
    "gommettes",
    "points",
];

struct Columns {
    group: Option<usize>,
    category: Option<usize>,
    text: Option<usize>,
    votes: Option<usize>,
}

fn find(keys: &[Option<String>], aliases: &[&str]) -> Option<usize> {
    keys.iter()
        .position(|k| {
            k.as_deref()
                .is_some_and(|k| aliases.iter().any(|a| alias_match(k, a, false).is_some()))
        })
        .or_else(|| {
            keys.iter().position(|k| {
                k.as_deref().is_some_and(|k| {
                    aliases
                        .iter()
                        .any(|a| alias_match(k, a, a.len() >= 5).is_some())
                })
            })
        })
}

fn columns(row: &Row) -> Columns {
    let keys: Vec<Option<String>> = row
        .cells
        .iter()
        .map(|c| c.text().map(|t| header_key(&t)))
        .collect();
    Columns {
        group: find(&keys, GROUP),
        category: find(&keys, CATEGORY),
        text: find(&keys, TEXT),
        votes: find(&keys, VOTES),
    }
}

/// Reads the suggestions of a table.
pub(crate) fn read(input: &InputPath, table: Table, diags: &mut Diagnostics) -> Vec<Suggestion> {
    let place = Place::new(input, table.sheet.as_deref());
    let header = table
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.is_blank())
        .take(30)
        .find(|(_, r)| {
            let c = columns(r);
            c.group.is_some() && c.text.is_some()
        });
    let Some((h, header_row)) = header else {
        let first = table.rows.iter().find(|r| !r.is_blank());
        match first {
            None => diags.push(
                place
                    .error(Code::EmptyFile, "the suggestions file is empty")
                    .hint(
                        "one row per suggestion, under a header with columns groupe and suggestion",
                    ),
            ),
            Some(row) => {
                let c = columns(row);
                let found = row
                    .cells
                    .iter()
                    .filter_map(|c| c.text().map(|t| format!("\"{t}\"")))
                    .collect::<Vec<_>>()
                    .join(", ");
                for (missing, name, hint) in [
                    (
                        c.group.is_none(),
                        "group",
                        "name a column \"Groupe\" (or \"Group\", \"Table\")",
                    ),
                    (
                        c.text.is_none(),
                        "suggestion",
                        "name a column \"Suggestion\" (or \"Texte\", \"Idée\")",
                    ),
                ] {
                    if missing {
                        diags.push(
                            place
                                .error(
                                    Code::MissingColumn,
                                    format!("no {name} column (headers found: {found})"),
                                )
                                .row(row.number)
                                .hint(hint),
                        );
                    }
                }
            }
        }
        return Vec::new();
    };
    let cols = columns(header_row);
    let label = |col: usize| column_label(header_row.cells.get(col), table.first_col + col);
    let mut out = Vec::new();
    for row in table.rows[h + 1..].iter().filter(|r| !r.is_blank()) {
        let mut ok = true;
        let mut value = |col: Option<usize>,
                         required: Option<&str>,
                         diags: &mut Diagnostics|
         -> Option<String> {
            let col = col?;
            let cell = row.get(col);
            if let Cell::Error(e) = cell {
                diags.push(
                    place
                        .error(Code::FormulaError, format!("formula error {e} in the cell"))
                        .row(row.number)
                        .column(label(col))
                        .hint("fix the formula, or copy the column and paste it as values"),
                );
                ok = false;
                return None;
            }
            if cell.char_len() > MAX_CELL_CHARS {
                diags.push(
                    place
                        .error(
                            Code::CellTooLong,
                            format!(
                                "cell too long ({} characters; a spreadsheet cell holds at most 32,767)",
                                cell.char_len()
                            ),
                        )
                        .row(row.number)
                        .column(label(col))
                        .hint("shorten the text, or look for a quote (\") that is never closed"),
                );
            }
            let text = cell.text().map(|t| t.into_owned());
            if let (None, Some(what)) = (&text, required) {
                diags.push(
                    place
                        .error(
                            Code::EmptyCell,
                            format!("empty {what} (every suggestion needs one)"),
                        )
                        .row(row.number)
                        .column(label(col))
                        .hint("fill in the cell, or delete the row"),
                );
                ok = false;
            }
            text
        };
        let group = value(cols.group, Some("group"), diags);
        let text = value(cols.text, Some("suggestion"), diags);
        let category = value(cols.category, None, diags);
        let votes_text = value(cols.votes, None, diags);
        let votes = match (votes_text, cols.votes) {
            (Some(v), Some(col)) => match parse_votes(row.get(col), &v) {
                Some(n) => Some(n),
                None => {
                    diags.push(
                        place
                            .error(
                                Code::BadNumber,
                                format!("cannot read the votes \"{v}\" (expected a whole number)"),
                            )
                            .row(row.number)
                            .column(label(col))
                            .hint("write the number of votes, or leave the cell empty"),
                    );
                    None
                }
            },
            _ => None,
        };
        if let (Some(group), Some(text), true) = (group, text, ok) {
            out.push(Suggestion {
                group,
                category,
                text,
                votes,
            });
        }
    }
    out
}

fn parse_votes(cell: &Cell, text: &str) -> Option<u32> {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n <= f64::from(u32::MAX) => {
            Some(*n as u32)
        }
        _ => text.trim().parse().ok(),
    }
}
