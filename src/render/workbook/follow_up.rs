//! The follow-up sheet (`Suivi`), written only when a previous edition is given:
//! each proposal's status then and now, then the new and the dropped ids.
//!
//! Owns the follow-up's columns. It must not match editions itself: the pairing
//! comes from [`crate::stats::Stats`]' follow-up.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::cells::Cell;
use super::layout::{Column, Sheet};
use super::styles::{Styles, add_status_fills};
use super::{WorkbookInput, tr};
use crate::config::Lang;

/// The sheet's name.
pub(super) fn name(lang: Lang) -> &'static str {
    tr(lang, "Suivi", "Follow-up")
}

/// Lays out the follow-up sheet.
pub(super) fn sheet(input: &WorkbookInput<'_>, st: &Styles) -> Result<Worksheet, XlsxError> {
    let lang = input.lang;
    let mut sheet = Sheet::new(name(lang))?;
    sheet.print_as_list()?;
    let now_header = format!(
        "{} ({})",
        tr(lang, "Statut", "Status"),
        input.stats.report.edition
    );
    let columns = [
        Column::new(tr(lang, "N°", "Id")),
        Column::new(tr(lang, "Titre", "Title")),
        Column::new(tr(
            lang,
            "Statut (édition précédente)",
            "Status (previous edition)",
        )),
        Column::new(now_header),
        Column::new(tr(lang, "Changé", "Changed")),
        Column::new(tr(lang, "Éditions", "Editions")),
    ];
    let (yes, no) = (tr(lang, "oui", "yes"), tr(lang, "non", "no"));
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
                Cell::text(change.before_label),
                Cell::text(change.now_label),
                Cell::text(if change.changed { yes } else { no }),
                Cell::text(tr(lang, "les deux", "both")),
            ]);
        }
        for id in &follow_up.new {
            let proposal = input.register.proposals.iter().find(|p| &p.id == id);
            rows.push(vec![
                Cell::text(id.as_str()),
                Cell::opt_text(proposal.map(|p| p.title.as_str())),
                Cell::Empty,
                Cell::opt_text(proposal.map(|p| p.status.label(lang))),
                Cell::Empty,
                Cell::text(tr(lang, "nouvelle", "new")),
            ]);
        }
        for id in &follow_up.gone {
            rows.push(vec![
                Cell::text(id.as_str()),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::text(tr(lang, "absente de cette édition", "not in this edition")),
            ]);
        }
    }
    let placed = sheet.put_table(0, tr(lang, "tblSuivi", "tblFollowUp"), &columns, &rows, st)?;
    add_status_fills(&mut sheet.ws, placed.data_rows(), 2, lang)?;
    add_status_fills(&mut sheet.ws, placed.data_rows(), 3, lang)?;
    sheet.ws.set_freeze_panes(1, 1)?;
    sheet.finish()
}
