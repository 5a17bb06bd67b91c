//! The proposals sheet (`Propositions`): the register, one row per proposal, with
//! typed cells (dates, shares) and the status filled by colour.
//!
//! Owns the proposals' columns and their order. It must not reword or reorder the
//! register: rows follow it, and themes are only respelled as the statistics
//! spell them.

use rust_xlsxwriter::{ColNum, Worksheet, XlsxError};

use super::cells::Cell;
use super::layout::{Column, Sheet};
use super::styles::{Styles, add_status_fills};
use super::{Words, WorkbookInput};
use crate::model::Due;

/// The sheet's name.
pub(super) fn name(w: Words<'_>) -> &str {
    w.get("proposals.sheet")
}

/// The columns of the proposals sheet; the status column is the fifth.
const STATUS_COL: ColNum = 4;

/// Lays out the proposals sheet.
pub(super) fn sheet(input: &WorkbookInput<'_>, st: &Styles) -> Result<Worksheet, XlsxError> {
    let w = input.words();
    let mut sheet = Sheet::new(name(w))?;
    sheet.print_as_list()?;
    let columns = [
        Column::new(w.get("proposals.id")),
        Column::new(w.get("proposals.theme")),
        Column::new(w.get("proposals.title")),
        Column::new(w.get("proposals.description")),
        Column::new(w.get("proposals.status")),
        Column::new(w.get("proposals.group")),
        Column::new(w.get("proposals.needs-decision")),
        Column::new(w.get("proposals.answer")),
        Column::new(w.get("proposals.owner")),
        Column::new(w.get("proposals.due")),
        Column::new(w.get("proposals.due-start")),
        Column::new(w.get("proposals.condition")),
        Column::narrow(w.get("proposals.progress")),
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
            vec![
                Cell::text(p.id.as_str()),
                Cell::text(theme),
                Cell::text(p.title.as_str()),
                Cell::opt_text(p.description.as_deref()),
                Cell::text(w.status(p.status)),
                Cell::opt_text(p.status.group().map(|g| w.group(g))),
                Cell::text(if p.status.needs_decision() { yes } else { no }),
                Cell::opt_text(p.answer.as_deref()),
                Cell::opt_text(p.owner.as_deref()),
                due,
                due_start,
                Cell::opt_text(p.condition.as_deref()),
                p.progress.map_or(Cell::Empty, Cell::Percent),
                Cell::text(p.origin.file.as_str()),
                Cell::opt_text(p.origin.sheet.as_deref()),
                p.origin.row.map_or(Cell::Empty, |r| Cell::Int(r as u64)),
            ]
        })
        .collect();
    let placed = sheet.put_table(0, w.get("proposals.table"), &columns, &rows, st)?;
    add_status_fills(&mut sheet.ws, placed.data_rows(), STATUS_COL, w)?;
    sheet.ws.set_freeze_panes(1, 1)?;
    sheet.finish()
}
