//! The checks sheet (`Contrôles`): every diagnostic found in the inputs, its
//! severity filled by colour, or one row saying there is none. Each names the
//! edition it concerns and the proposal (N°) of its row; this edition's come
//! first, the previous register's after them.
//!
//! Owns the diagnostics' columns and severity labels. It must not judge the
//! inputs: the diagnostics come from [`crate::diagnostics::Diagnostics`].

use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, Format, Worksheet, XlsxError,
};

use super::cells::Cell;
use super::layout::{Column, Sheet};
use super::styles::{Styles, severity_fill};
use super::{Words, WorkbookInput};
use crate::diagnostics::{Diagnostic, Severity};

/// The severity column, after the edition and the proposal's id.
const SEVERITY_COL: rust_xlsxwriter::ColNum = 2;

/// The sheet's name.
pub(super) fn name(w: Words<'_>) -> &str {
    w.get("checks.sheet")
}

/// The severity as the sheet writes it.
fn severity_label(severity: Severity, w: Words<'_>) -> &str {
    match severity {
        Severity::Error => w.get("checks.error"),
        Severity::Warning => w.get("checks.warning"),
    }
}

/// Lays out the checks sheet.
pub(super) fn sheet(input: &WorkbookInput<'_>, st: &Styles) -> Result<Worksheet, XlsxError> {
    let w = input.words();
    let mut sheet = Sheet::new(name(w))?;
    sheet.print_as_list()?;
    let columns = [
        Column::narrow(w.get("checks.edition")),
        Column::new(w.get("checks.id")),
        Column::new(w.get("checks.severity")),
        Column::new(w.get("checks.code")),
        Column::new(w.get("checks.file")),
        Column::new(w.get("checks.sheet-column")),
        Column::narrow(w.get("checks.row")),
        Column::new(w.get("checks.column")),
        Column::new(w.get("checks.message")),
        Column::new(w.get("checks.hint")),
    ];
    let edition = input.stats.report.edition;
    // The previous registers, oldest first: the last is the year before this edition.
    let previous_files: Vec<&str> = input
        .stats
        .sources
        .iter()
        .filter(|s| s.role == "previous")
        .map(|s| s.path.as_str())
        .collect();
    // Their years, oldest first, as the follow-up names them.
    let previous_years: Vec<i32> = input
        .stats
        .follow_up
        .as_ref()
        .map(|f| f.editions[..f.editions.len().saturating_sub(1)].to_vec())
        .unwrap_or_default();
    let year_of = |d: &Diagnostic| -> i32 {
        previous_files
            .iter()
            .position(|f| *f == d.file)
            .map_or(edition, |i| {
                previous_years
                    .get(i)
                    .copied()
                    .unwrap_or(edition - (previous_files.len() - i) as i32)
            })
    };
    let is_previous = |d: &Diagnostic| year_of(d) != edition;
    let last_previous = previous_files.last().copied();
    // The proposal at the diagnostic's row, in the register it concerns.
    let proposal_id = |d: &Diagnostic| -> Option<&str> {
        let register = if Some(d.file.as_str()) == last_previous {
            input.previous?
        } else if is_previous(d) {
            return None;
        } else {
            input.register
        };
        let row = d.row?;
        register
            .proposals
            .iter()
            .find(|p| p.origin.row == Some(row) && p.origin.file == d.file)
            .map(|p| p.id.as_str())
    };
    let (current, previous): (Vec<&Diagnostic>, Vec<&Diagnostic>) = input
        .diagnostics
        .items()
        .iter()
        .partition(|d| !is_previous(d));
    let mut rows: Vec<Vec<Cell<'_>>> = current
        .into_iter()
        .chain(previous)
        .map(|d| (year_of(d), d))
        .map(|(year, d)| {
            vec![
                Cell::Int(u64::try_from(year).unwrap_or(0)),
                Cell::opt_text(proposal_id(d)),
                Cell::text(severity_label(d.severity, w)),
                Cell::text(d.code.as_str()),
                Cell::text(d.file.as_str()),
                Cell::opt_text(d.sheet.as_deref()),
                d.row.map_or(Cell::Empty, |r| Cell::Int(r as u64)),
                Cell::opt_text(d.column.as_deref()),
                // In the report's language, as the rest of the workbook.
                Cell::text(d.message.render(input.lang)),
                d.hint
                    .as_ref()
                    .map_or(Cell::Empty, |h| Cell::text(h.render(input.lang))),
            ]
        })
        .collect();
    if rows.is_empty() {
        let mut row = vec![Cell::Empty, Cell::Empty, Cell::text(w.get("checks.none"))];
        row.extend((3..columns.len()).map(|_| Cell::Empty));
        rows.push(row);
    }
    let placed = sheet.put_table(0, w.get("checks.table"), &columns, &rows, st)?;
    if let Some((first, last)) = placed.data_rows() {
        for severity in [Severity::Error, Severity::Warning] {
            let (fill, text) = severity_fill(severity);
            let rule = ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::EqualTo(severity_label(
                    severity, w,
                )))
                .set_format(
                    Format::new()
                        .set_background_color(Color::RGB(fill))
                        .set_font_color(Color::RGB(text)),
                );
            sheet
                .ws
                .add_conditional_format(first, SEVERITY_COL, last, SEVERITY_COL, &rule)?;
        }
    }
    sheet.ws.set_freeze_panes(1, 0)?;
    sheet.finish()
}
