//! The proposals sheet (`Propositions`): the register, one row per proposal, with
//! typed cells (dates, shares) and the status filled by colour.
//!
//! Owns the proposals' columns and their order. It must not reword or reorder the
//! register: rows follow it, and themes are only respelled as the statistics
//! spell them.

use rust_xlsxwriter::{ColNum, Worksheet, XlsxError};

use super::cells::{Cell, id, numeric_ids};
use super::layout::{Column, Sheet};
use super::styles::{Styles, add_status_fills};
use super::{Words, WorkbookInput};
use crate::layout;
use crate::model::Due;

/// The sheet's name.
pub(super) fn name(w: Words<'_>) -> &str {
    w.get("proposals.sheet")
}

/// The status column: the fourth, after the id, theme and title.
const STATUS_COL: ColNum = 3;

/// How many columns are printed: the useful ones, from the id to the condition; the
/// others (group, description, fact sheet, due start, source file, sheet, row) stay
/// on screen only.
const PRINTED_COLUMNS: ColNum = 10;

/// Lays out the proposals sheet: the useful columns first, the technical ones last.
pub(super) fn sheet(input: &WorkbookInput<'_>, st: &Styles) -> Result<Worksheet, XlsxError> {
    let w = input.words();
    let mut sheet = Sheet::new(name(w))?;
    sheet.print_as_list()?;
    let columns = [
        Column::new(w.get("proposals.id")),
        Column::new(w.get("proposals.theme")),
        Column::new(w.get("proposals.title")),
        Column::new(w.get("proposals.status")),
        Column::new(w.get("proposals.owner")),
        Column::new(w.get("proposals.due")),
        Column::narrow(w.get("proposals.progress")),
        Column::new(w.get("proposals.answer")),
        Column::new(w.get("proposals.needs-decision")),
        Column::new(w.get("proposals.condition")),
        Column::new(w.get("proposals.group")),
        Column::new(w.get("proposals.description")),
        Column::new(w.get("proposals.fiche")),
        Column::new(w.get("proposals.due-start")),
        Column::new(w.get("proposals.source")),
        Column::new(w.get("proposals.sheet-column")),
        Column::narrow(w.get("proposals.row")),
    ];
    // Themes as the statistics spell them (first spelling met), so that filtering
    // here matches the summary.
    let theme_names: std::collections::HashMap<String, &str> = input
        .stats
        .proposals
        .by_theme
        .iter()
        .map(|t| (crate::text::fold(&t.theme), t.theme.as_str()))
        .collect();
    // Each proposal's fact sheet, named as the statistics named it.
    let fiches: std::collections::HashMap<&str, &str> = input
        .stats
        .proposals
        .items
        .iter()
        .map(|it| (it.id.as_str(), it.file.as_str()))
        .collect();
    let numeric = numeric_ids(input.register.proposals.iter().map(|p| p.id.as_str()));
    let (yes, no) = (w.get("yes"), w.get("no"));
    let rows: Vec<Vec<Cell<'_>>> = input
        .register
        .proposals
        .iter()
        .map(|p| {
            let theme = theme_names
                .get(&crate::text::fold(&p.theme))
                .copied()
                .unwrap_or_else(|| p.theme.trim());
            let (due, due_start) = match &p.due {
                Some(Due::Date(date)) => (Cell::Date(*date), Cell::Date(*date)),
                Some(Due::Period { text, start }) => {
                    (Cell::text(text.as_str()), Cell::Date(*start))
                }
                None => (Cell::Empty, Cell::Empty),
            };
            let fiche = match fiches.get(p.id.as_str()) {
                Some(file) if input.fiches => Cell::Link {
                    path: layout::fiche_path(input.lang, file),
                    text: (*file).into(),
                },
                _ => Cell::Empty,
            };
            vec![
                id(&p.id, numeric),
                Cell::text(theme),
                Cell::text(p.title.as_str()),
                Cell::text(w.status(p.status)),
                Cell::opt_text(p.owner.as_deref()),
                due,
                p.progress.map_or(Cell::Empty, Cell::Percent),
                Cell::opt_text(p.answer.as_deref()),
                Cell::text(if p.status.needs_decision() { yes } else { no }),
                Cell::opt_text(p.condition.as_deref()),
                Cell::opt_text(p.status.group().map(|g| w.group(g))),
                Cell::opt_text(p.description.as_deref()),
                fiche,
                due_start,
                Cell::text(p.origin.file.as_str()),
                Cell::opt_text(p.origin.sheet.as_deref()),
                p.origin.row.map_or(Cell::Empty, |r| Cell::Int(r as u64)),
            ]
        })
        .collect();
    let placed = sheet.put_table(0, w.get("proposals.table"), &columns, &rows, st)?;
    add_status_fills(&mut sheet.ws, placed.data_rows(), STATUS_COL, w)?;
    sheet.ws.set_freeze_panes(1, 1)?;
    sheet
        .ws
        .set_print_area(0, 0, placed.last_row, PRINTED_COLUMNS - 1)?;
    sheet.finish()
}
