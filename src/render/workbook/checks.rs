//! The checks sheet (`Contrôles`): every diagnostic found in the inputs, its
//! severity filled by colour, or one row saying there is none.
//!
//! Owns the diagnostics' columns and severity labels. It must not judge the
//! inputs: the diagnostics come from [`crate::diagnostics::Diagnostics`].

use rust_xlsxwriter::{
    Color, ConditionalFormatCell, ConditionalFormatCellRule, Format, Worksheet, XlsxError,
};

use super::cells::Cell;
use super::layout::{Column, Sheet};
use super::styles::{Styles, severity_fill};
use super::{WorkbookInput, tr};
use crate::config::Lang;
use crate::diagnostics::Severity;

/// The sheet's name.
pub(super) fn name(lang: Lang) -> &'static str {
    tr(lang, "Contrôles", "Checks")
}

/// The severity as the sheet writes it.
fn severity_label(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::Error => tr(lang, "erreur", "error"),
        Severity::Warning => tr(lang, "avertissement", "warning"),
    }
}

/// Lays out the checks sheet.
pub(super) fn sheet(input: &WorkbookInput<'_>, st: &Styles) -> Result<Worksheet, XlsxError> {
    let lang = input.lang;
    let mut sheet = Sheet::new(name(lang))?;
    sheet.print_as_list()?;
    let columns = [
        Column::new(tr(lang, "Gravité", "Severity")),
        Column::new("Code"),
        Column::new(tr(lang, "Fichier", "File")),
        Column::new(tr(lang, "Feuille", "Sheet")),
        Column::narrow(tr(lang, "Ligne", "Row")),
        Column::new(tr(lang, "Colonne", "Column")),
        Column::new("Message"),
        Column::new(tr(lang, "Conseil", "Hint")),
    ];
    let mut rows: Vec<Vec<Cell<'_>>> = input
        .diagnostics
        .items()
        .iter()
        .map(|d| {
            vec![
                Cell::text(severity_label(d.severity, lang)),
                Cell::text(d.code.as_str()),
                Cell::text(d.file.as_str()),
                Cell::opt_text(d.sheet.as_deref()),
                d.row.map_or(Cell::Empty, |r| Cell::Int(r as u64)),
                Cell::opt_text(d.column.as_deref()),
                Cell::text(d.text()),
                d.hint_text().map_or(Cell::Empty, Cell::text),
            ]
        })
        .collect();
    if rows.is_empty() {
        let mut row = vec![Cell::text(tr(lang, "aucun problème", "no problems found"))];
        row.extend((1..columns.len()).map(|_| Cell::Empty));
        rows.push(row);
    }
    let placed = sheet.put_table(
        0,
        tr(lang, "tblControles", "tblChecks"),
        &columns,
        &rows,
        st,
    )?;
    if let Some((first, last)) = placed.data_rows() {
        for severity in [Severity::Error, Severity::Warning] {
            let (fill, text) = severity_fill(severity);
            let rule = ConditionalFormatCell::new()
                .set_rule(ConditionalFormatCellRule::EqualTo(severity_label(
                    severity, lang,
                )))
                .set_format(
                    Format::new()
                        .set_background_color(Color::RGB(fill))
                        .set_font_color(Color::RGB(text)),
                );
            sheet.ws.add_conditional_format(first, 0, last, 0, &rule)?;
        }
    }
    sheet.ws.set_freeze_panes(1, 0)?;
    sheet.finish()
}
