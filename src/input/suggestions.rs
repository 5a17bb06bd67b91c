//! Improvement suggestions (docs/inputs.md, "Suggestions"): a file with columns
//! `groupe`, `catégorie` (optional), `suggestion`, `votes` (optional), found by their
//! French or English names in the first rows; or the answers to a free-text question
//! of a survey export, grouped by the respondent's group when the survey asks it.
//! A survey's identity columns are never read.

use super::survey::headers::{GROUP as SURVEY_GROUP, matches_any, names_identity};
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

/// The answers to the survey question headed `column` (its header as written, compared
/// as headers are) as suggestions: one per non-empty cell, in the group the respondent
/// gave when the survey has a group question, else under the question itself. `None`
/// when the table has no such column (the caller says so once for every survey).
pub(crate) fn from_survey(
    input: &InputPath,
    table: &Table,
    column: &str,
    diags: &mut Diagnostics,
) -> Option<Vec<Suggestion>> {
    let wanted = header_key(column);
    let keys = |row: &Row| -> Vec<Option<String>> {
        row.cells
            .iter()
            .map(|c| c.text().map(|t| header_key(&t)))
            .collect()
    };
    let (h, header_row) = table
        .rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.is_blank())
        .take(10)
        .find(|(_, r)| {
            keys(r)
                .iter()
                .any(|k| k.as_deref() == Some(wanted.as_str()))
        })?;
    let place = Place::new(input, table.sheet.as_deref());
    let header_keys = keys(header_row);
    let col = header_keys
        .iter()
        .position(|k| k.as_deref() == Some(wanted.as_str()))?;
    if names_identity(&wanted) {
        diags.push(
            place
                .error(
                    Code::MissingColumn,
                    msg!("suggestions-column-identity", column = column),
                )
                .row(header_row.number)
                .column(column_label(
                    header_row.cells.get(col),
                    table.first_col + col,
                )),
        );
        return Some(Vec::new());
    }
    let group_col = header_keys.iter().position(|k| {
        k.as_deref()
            .is_some_and(|k| matches_any(k, SURVEY_GROUP) && !names_identity(k))
    });
    let question = column.trim().to_string();
    let mut out = Vec::new();
    for row in table.rows[h + 1..].iter().filter(|r| !r.is_blank()) {
        let cell = row.get(col);
        if matches!(cell, Cell::Error(_)) || cell.char_len() > MAX_CELL_CHARS {
            continue;
        }
        let Some(text) = cell.text().map(|t| t.trim().to_string()) else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        let group = group_col
            .and_then(|g| row.get(g).text().map(|t| t.trim().to_string()))
            .filter(|g| !g.is_empty())
            .unwrap_or_else(|| question.clone());
        out.push(Suggestion {
            group,
            category: None,
            text,
            votes: None,
        });
    }
    Some(out)
}
