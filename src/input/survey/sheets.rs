//! Which sheet of a survey workbook holds the answers: the one the config names
//! (`surveys = [{ path = "…", sheet = "…" }]`), else the only sheet with anything in
//! it, else the sheet with the most agreement answers. When none fits, or the named
//! sheet is absent, one diagnostic names the file and lists its sheets.
//!
//! Reads nothing itself: the sheets come from [`Workbook`], the answers go to
//! [`super::read_table`].

use super::super::spreadsheet::Workbook;
use super::super::values::parse_reading;
use super::super::{Place, Table};
use crate::config::InputPath;
use crate::diagnostics::{Code, Diagnostics, did_you_mean};
use crate::model::{Reading, SurveySink};
use crate::msg;

/// Rows of a sheet looked at to tell whether it holds agreement answers.
const ROWS_LOOKED_AT: usize = 200;

/// Reads the survey answers of a workbook from the sheet that holds them.
pub(crate) fn read_workbook(
    input: &InputPath,
    book: &mut Workbook,
    wanted: Option<&str>,
    sink: &mut dyn SurveySink,
    diags: &mut Diagnostics,
) {
    if let Some(name) = wanted {
        match book.find_sheet(name) {
            Some(found) => {
                if let Some(table) = book.table(input, &found, diags) {
                    super::read_table(input, table, sink, diags);
                }
            }
            None => {
                let names = book.sheet_names();
                let d = Place::new(input, None).error(
                    Code::NoSheet,
                    msg!(
                        "survey-no-sheet-named",
                        name = name,
                        sheets = book.sheet_list()
                    ),
                );
                diags.push(match did_you_mean(name, names.iter().map(String::as_str)) {
                    Some(close) => d.hint(msg!("did-you-mean", label = close)),
                    None => d.hint(msg!("survey-no-sheet-named-hint")),
                });
            }
        }
        return;
    }
    let names = book.sheet_names().to_vec();
    let tables: Vec<Table> = names
        .iter()
        .filter_map(|name| book.table(input, name, diags))
        .collect();
    let filled: Vec<&Table> = tables
        .iter()
        .filter(|t| t.rows.iter().any(|r| !r.is_blank()))
        .collect();
    let chosen = match filled.as_slice() {
        // An empty workbook: the survey reader says so.
        [] => tables.first(),
        [only] => Some(*only),
        several => {
            let best = several
                .iter()
                .map(|t| (agreement_cells(t), *t))
                .max_by_key(|(cells, _)| *cells)
                .filter(|(cells, _)| *cells > 0)
                .map(|(_, t)| t);
            if best.is_none() {
                diags.push(
                    Place::new(input, None)
                        .error(
                            Code::NoSheet,
                            msg!("survey-no-answer-sheet", sheets = book.sheet_list()),
                        )
                        .hint(msg!("survey-no-sheet-named-hint")),
                );
            }
            best
        }
    };
    let Some(chosen) = chosen else {
        return;
    };
    let name = chosen.sheet.clone();
    if let Some(table) = tables.into_iter().find(|t| t.sheet == name) {
        super::read_table(input, table, sink, diags);
    }
}

/// How many cells of the first rows of `table` read as an agreement level (numbers
/// left out: a sheet of figures is no survey).
fn agreement_cells(table: &Table) -> usize {
    table
        .rows
        .iter()
        .take(ROWS_LOOKED_AT)
        .flat_map(|r| &r.cells)
        .filter_map(|c| c.text())
        .filter(|t| !t.trim().is_empty())
        .filter(|t| {
            matches!(
                parse_reading(t),
                Some(Reading::Level { numeric: false, .. })
            )
        })
        .count()
}
