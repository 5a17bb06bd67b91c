//! The suggestions sheet: the improvement suggestions, one row each, by group and
//! category, with their votes.
//!
//! Owns the suggestions' columns. It must not regroup or rank suggestions: the
//! order is the statistics'.

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::WorkbookInput;
use super::cells::Cell;
use super::layout::{Column, Sheet};
use super::styles::Styles;

/// The sheet's name, the same in both languages.
pub(super) const NAME: &str = "Suggestions";

/// Lays out the suggestions sheet.
pub(super) fn sheet(input: &WorkbookInput<'_>, st: &Styles) -> Result<Worksheet, XlsxError> {
    let w = input.words();
    let mut sheet = Sheet::new(NAME)?;
    sheet.print_as_list()?;
    let columns = [
        Column::new(w.get("suggestions.group")),
        Column::new(w.get("suggestions.category")),
        Column::new(w.get("suggestions.suggestion")),
        Column::narrow(w.get("suggestions.votes")),
    ];
    let mut rows: Vec<Vec<Cell<'_>>> = Vec::new();
    for group in &input.stats.suggestions.groups {
        for category in &group.categories {
            for item in &category.items {
                rows.push(vec![
                    Cell::text(group.group.as_str()),
                    Cell::opt_text(category.category.as_deref()),
                    Cell::text(item.text.as_str()),
                    item.votes.map_or(Cell::Empty, |v| Cell::Int(u64::from(v))),
                ]);
            }
        }
    }
    if rows.is_empty() {
        rows.push(vec![
            Cell::Empty,
            Cell::Empty,
            Cell::text(w.get("suggestions.none")),
            Cell::Empty,
        ]);
    }
    sheet.put_table(0, w.get("suggestions.table"), &columns, &rows, st)?;
    sheet.ws.set_freeze_panes(1, 0)?;
    sheet.finish()
}
