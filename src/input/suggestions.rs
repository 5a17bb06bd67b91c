//! World-café suggestions (docs/inputs.md, "Suggestions"): columns `groupe`, `catégorie` (optional),
//! `suggestion`, `votes` (optional), found by their French or English names in the
//! first rows.

use super::values::{alias_match, header_key};
use super::{Cell, MAX_CELL_CHARS, Place, Row, Table, column_label};
use crate::config::InputPath;
use crate::diagnostics::{Code, Diagnostics};
use crate::model::Suggestion;
use crate::msg;

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
                    .error(Code::EmptyFile, msg!("empty-file-suggestions"))
                    .hint(msg!("empty-file-suggestions-hint")),
            ),
            Some(row) => {
                let c = columns(row);
                let found = row
                    .cells
                    .iter()
                    .filter_map(|c| c.text().map(|t| ["\"", &t, "\""].concat()))
                    .collect::<Vec<_>>()
                    .join(", ");
                for (missing, field) in [
                    (c.group.is_none(), "group"),
                    (c.text.is_none(), "suggestion"),
                ] {
                    if missing {
                        diags.push(
                            place
                                .error(
                                    Code::MissingColumn,
                                    msg!(
                                        "missing-column-suggestions",
                                        field = field,
                                        found = found.as_str()
                                    ),
                                )
                                .row(row.number)
                                .hint(msg!("missing-column-suggestions-hint", field = field)),
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
                        .error(Code::FormulaError, msg!("formula-error", error = e))
                        .row(row.number)
                        .column(label(col))
                        .hint(msg!("formula-error-hint")),
                );
                ok = false;
                return None;
            }
            if cell.char_len() > MAX_CELL_CHARS {
                diags.push(
                    place
                        .error(
                            Code::CellTooLong,
                            msg!("cell-too-long", chars = cell.char_len().to_string()),
                        )
                        .row(row.number)
                        .column(label(col))
                        .hint(msg!("cell-too-long-hint")),
                );
            }
            let text = cell.text().map(|t| t.into_owned());
            if let (None, Some(what)) = (&text, required) {
                diags.push(
                    place
                        .error(Code::EmptyCell, msg!("empty-cell-suggestion", field = what))
                        .row(row.number)
                        .column(label(col))
                        .hint(msg!("empty-cell-suggestion-hint")),
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
                            .error(Code::BadNumber, msg!("bad-number-votes", value = &v))
                            .row(row.number)
                            .column(label(col))
                            .hint(msg!("bad-number-votes-hint")),
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
