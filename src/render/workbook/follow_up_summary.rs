//! The follow-up's part of the summary sheet (`Synthèse`), when a previous edition
//! is given: how many proposals are in each situation, then the transition matrix
//! (status in the previous edition × status now) with its totals row and column.
//!
//! Owns these two tables. It must not count anything itself: the figures come from
//! [`crate::stats::Stats`]' follow-up.

use rust_xlsxwriter::{RowNum, XlsxError};

use super::WorkbookInput;
use super::cells::{Cell, put_heading};
use super::follow_up::label;
use super::layout::{Column, Sheet};
use super::styles::{Styles, add_status_fills};
use crate::model::Status;
use crate::stats::situation::Situation;

/// Writes the follow-up figures and the transition matrix from `row` down; nothing
/// without a previous edition.
pub(super) fn put(
    sheet: &mut Sheet,
    input: &WorkbookInput<'_>,
    row: RowNum,
    st: &Styles,
) -> Result<(), XlsxError> {
    let Some(f) = &input.stats.follow_up else {
        return Ok(());
    };
    let w = input.words();
    let heading = format!(
        "{} ({} → {})",
        w.get("follow_up.figures"),
        f.previous_edition,
        f.edition
    );
    put_heading(&mut sheet.ws, row, &heading, &st.subtitle)?;
    let columns = [
        Column::new(w.get("follow_up.situation")),
        Column::narrow(w.get("summary.count")),
    ];
    let situation = |s: Situation| w.texts.get(&format!("situation.{}", s.code()), w.lang);
    let rows: Vec<Vec<Cell<'_>>> = Situation::ALL
        .iter()
        .map(|&s| {
            vec![
                Cell::text(situation(s)),
                Cell::Int(f.situations.get(s.code()).copied().unwrap_or(0)),
            ]
        })
        .collect();
    let figures = sheet.put_table(
        row + 1,
        w.get("follow_up.table-figures"),
        &columns,
        &rows,
        st,
    )?;

    // Only the statuses met on either side, in the vocabulary's order.
    let tos: Vec<Status> = Status::ALL
        .into_iter()
        .filter(|s| f.transitions.values().any(|r| r.contains_key(s.code())))
        .collect();
    let matrix_row = figures.last_row + 3;
    let title = w
        .get("follow_up.transitions")
        .replace("{before}", &f.previous_edition.to_string())
        .replace("{now}", &f.edition.to_string());
    put_heading(&mut sheet.ws, matrix_row - 1, &title, &st.subtitle)?;
    let corner = format!("{} \\ {}", f.previous_edition, f.edition);
    let mut columns = vec![Column::new(corner)];
    columns.extend(tos.iter().map(|s| Column::narrow(w.status(*s))));
    let total = w.get("follow_up.total");
    columns.push(Column::narrow(total));
    let mut rows: Vec<Vec<Cell<'_>>> = Vec::new();
    let mut totals = vec![0u64; tos.len()];
    for (from, cells) in &f.transitions {
        let mut row = vec![Cell::text(label(w, from))];
        for (j, to) in tos.iter().enumerate() {
            let n = cells.get(to.code()).copied().unwrap_or(0);
            totals[j] += n;
            row.push(Cell::Int(n));
        }
        row.push(Cell::Int(cells.values().sum()));
        rows.push(row);
    }
    let mut last = vec![Cell::text(total)];
    last.extend(totals.iter().map(|n| Cell::Int(*n)));
    last.push(Cell::Int(totals.iter().sum()));
    rows.push(last);
    let placed = sheet.put_table(
        matrix_row,
        w.get("follow_up.table-transitions"),
        &columns,
        &rows,
        st,
    )?;
    if let Some((first, last)) = placed.data_rows()
        && last > first
    {
        add_status_fills(&mut sheet.ws, Some((first, last - 1)), 0, w)?;
    }
    Ok(())
}
