//! The follow-up sheet (`Suivi`), written only when a previous edition is given:
//! each proposal's status then and now, then the new and the dropped ids.
//!
//! Owns the follow-up's columns. It must not match editions itself: the pairing
//! comes from [`crate::stats::Stats`]' follow-up.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::cells::Cell;
use super::layout::{Column, Sheet};
use super::styles::{Styles, add_status_fills};
use super::{Words, WorkbookInput};
use crate::model::Status;

/// The sheet's name.
pub(super) fn name(w: Words<'_>) -> &str {
    w.get("follow_up.sheet")
}

/// Lays out the follow-up sheet.
pub(super) fn sheet(input: &WorkbookInput<'_>, st: &Styles) -> Result<Worksheet, XlsxError> {
    let w = input.words();
    let mut sheet = Sheet::new(name(w))?;
    sheet.print_as_list()?;
    let now_header = format!(
        "{} ({})",
        w.get("follow_up.status"),
        input.stats.report.edition
    );
    let columns = [
        Column::new(w.get("follow_up.id")),
        Column::new(w.get("follow_up.title")),
        Column::new(w.get("follow_up.before")),
        Column::new(now_header),
        Column::new(w.get("follow_up.changed")),
        Column::new(w.get("follow_up.editions")),
    ];
    let (yes, no) = (w.get("yes"), w.get("no"));
    let mut rows: Vec<Vec<Cell<'_>>> = Vec::new();
    if let Some(follow_up) = &input.stats.follow_up {
        for change in &follow_up.proposals {
            // The title as written in the register, as on the proposals sheet.
            let title = input
                .register
                .proposals
                .iter()
                .find(|p| p.id == change.id)
                .map_or(change.title.as_str(), |p| p.title.as_str());
            rows.push(vec![
                Cell::text(change.id.as_str()),
                Cell::text(title),
                Cell::text(label(w, change.before)),
                Cell::text(label(w, change.now)),
                Cell::text(if change.changed { yes } else { no }),
                Cell::text(w.get("follow_up.both")),
            ]);
        }
        for id in &follow_up.new {
            let proposal = input.register.proposals.iter().find(|p| &p.id == id);
            rows.push(vec![
                Cell::text(id.as_str()),
                Cell::opt_text(proposal.map(|p| p.title.as_str())),
                Cell::Empty,
                Cell::opt_text(proposal.map(|p| w.status(p.status))),
                Cell::Empty,
                Cell::text(w.get("follow_up.new")),
            ]);
        }
        for id in &follow_up.gone {
            rows.push(vec![
                Cell::text(id.as_str()),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::text(w.get("follow_up.gone")),
            ]);
        }
    }
    let placed = sheet.put_table(0, w.get("follow_up.table"), &columns, &rows, st)?;
    add_status_fills(&mut sheet.ws, placed.data_rows(), 2, w)?;
    add_status_fills(&mut sheet.ws, placed.data_rows(), 3, w)?;
    sheet.ws.set_freeze_panes(1, 1)?;
    sheet.finish()
}

/// The label of a status given by its code (a code from the statistics is always
/// known; the code itself otherwise).
fn label<'a>(w: Words<'a>, code: &'a str) -> &'a str {
    Status::from_code(code).map_or(code, |status| w.status(status))
}
