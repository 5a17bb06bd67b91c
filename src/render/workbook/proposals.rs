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
use super::{WorkbookInput, tr};
use crate::config::Lang;
use crate::model::Due;

/// The sheet's name.
pub(super) fn name(lang: Lang) -> &'static str {
    tr(lang, "Propositions", "Proposals")
}

/// The columns of the proposals sheet; the status column is the fifth.
const STATUS_COL: ColNum = 4;

/// Lays out the proposals sheet.
pub(super) fn sheet(input: &WorkbookInput<'_>, st: &Styles) -> Result<Worksheet, XlsxError> {
    let lang = input.lang;
    let mut sheet = Sheet::new(name(lang))?;
    sheet.print_as_list()?;
    let columns = [
        Column::new(tr(lang, "N°", "Id")),
        Column::new(tr(lang, "Thème", "Theme")),
        Column::new(tr(lang, "Titre", "Title")),
        Column::new("Description"),
        Column::new(tr(lang, "Statut", "Status")),
        Column::new(tr(lang, "Groupe", "Group")),
        Column::new(tr(lang, "Décision attendue", "Decision needed")),
        Column::new(tr(lang, "Réponse", "Answer")),
        Column::new(tr(lang, "Pilote", "Owner")),
        Column::new(tr(lang, "Échéance", "Due")),
        Column::new(tr(lang, "Échéance (début)", "Due (start)")),
        Column::new("Condition"),
        Column::narrow(tr(lang, "Avancement", "Progress")),
        Column::new(tr(lang, "Fichier source", "Source file")),
        Column::new(tr(lang, "Feuille", "Sheet")),
        Column::narrow(tr(lang, "Ligne", "Row")),
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
    let (yes, no) = (tr(lang, "oui", "yes"), tr(lang, "non", "no"));
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
                Cell::text(p.status.label(lang)),
                Cell::opt_text(p.status.group().map(|g| g.label(lang))),
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
    let placed = sheet.put_table(
        0,
        tr(lang, "tblPropositions", "tblProposals"),
        &columns,
        &rows,
        st,
    )?;
    add_status_fills(&mut sheet.ws, placed.data_rows(), STATUS_COL, lang)?;
    sheet.ws.set_freeze_panes(1, 1)?;
    sheet.finish()
}
