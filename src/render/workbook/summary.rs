//! The summary sheet (`Synthèse`): key figures, proposals by status, status by
//! theme, and a stacked bar chart of the last table.
//!
//! Owns what the summary shows and in which order. It must not compute figures
//! (they come from [`crate::stats::Stats`]) nor size columns ([`super::layout`]).

use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartFont, ChartLegendPosition, ChartType, Format, Worksheet,
    XlsxError,
};

use super::cells::{Cell, put_heading};
use super::layout::{Column, Sheet, chart_height, col_num};
use super::styles::{Styles, add_status_fills, bar_format, status_colour};
use super::{Words, WorkbookInput};
use crate::model::Status;

/// The sheet's name.
pub(super) fn name(w: Words<'_>) -> &str {
    w.get("summary.sheet")
}

/// Lays out the summary sheet.
pub(super) fn sheet(input: &WorkbookInput<'_>, st: &Styles) -> Result<Worksheet, XlsxError> {
    let w = input.words();
    let stats = input.stats;
    let p = &stats.proposals;
    let mut sheet = Sheet::new(name(w))?;

    // Key figures.
    let key_columns = [
        Column::new(w.get("summary.figure")),
        Column::narrow(w.get("summary.count")),
        Column::narrow(w.get("summary.share")),
    ];
    // The same rule as the note's: all proposals examined, the withdrawn ones among
    // them, and the shares over the others.
    let withdrawn = p
        .by_status
        .get(Status::Withdrawn.code())
        .copied()
        .unwrap_or(0);
    let mut key_rows = vec![vec![
        Cell::text(w.get("summary.proposals")),
        Cell::Int(p.total),
        Cell::Empty,
    ]];
    if withdrawn > 0 {
        key_rows.push(vec![
            Cell::text(w.get("summary.withdrawn")),
            Cell::Int(withdrawn),
            Cell::Empty,
        ]);
    }
    key_rows.push(vec![
        Cell::text(w.get("summary.proposals-counted")),
        Cell::Int(p.counted),
        Cell::Empty,
    ]);
    for group in &p.groups {
        key_rows.push(vec![
            Cell::text(capitalised(&group.label)),
            Cell::Int(group.count),
            Cell::Percent(group.share),
        ]);
    }
    // Without a survey there is no participant to count, not zero participants.
    if stats.survey.participants > 0 || !stats.statements.is_empty() {
        key_rows.push(vec![
            Cell::text(w.get("summary.participants")),
            Cell::Int(stats.survey.participants),
            Cell::Empty,
        ]);
    }
    let key = sheet.put_table(
        4,
        w.get("summary.table-key-figures"),
        &key_columns,
        &key_rows,
        st,
    )?;
    let note_row = key.last_row + 1;

    // Statuses.
    let status_columns = [
        Column::new(w.get("summary.status")),
        Column::narrow(w.get("summary.group")),
        Column::narrow(w.get("summary.count")),
        Column::narrow(w.get("summary.share")),
    ];
    let status_rows: Vec<Vec<Cell<'_>>> = Status::ALL
        .iter()
        .map(|&status| {
            let count = p.by_status.get(status.code()).copied().unwrap_or(0);
            let share = p
                .statuses
                .iter()
                .find(|s| s.code == status.code())
                .map(|s| s.share);
            vec![
                Cell::text(w.status(status)),
                Cell::opt_text(status.group().map(|g| w.group(g))),
                Cell::Int(count),
                match (status, share) {
                    // Withdrawn proposals are left out of every share.
                    (Status::Withdrawn, _) | (_, None) => Cell::Empty,
                    (_, Some(share)) => Cell::Percent(share),
                },
            ]
        })
        .collect();
    let statuses = sheet.put_table(
        note_row + 3,
        w.get("summary.table-statuses"),
        &status_columns,
        &status_rows,
        st,
    )?;
    add_status_fills(&mut sheet.ws, statuses.data_rows(), 0, w)?;

    // Theme × status.
    let mut theme_columns = vec![Column::new(w.get("summary.theme"))];
    theme_columns.extend(Status::ALL.iter().map(|s| Column::narrow(w.status(*s))));
    theme_columns.push(Column::narrow("Total"));
    let mut theme_rows: Vec<Vec<Cell<'_>>> = p
        .by_theme
        .iter()
        .map(|theme| {
            let mut cells = vec![Cell::text(theme.theme.as_str())];
            cells.extend(
                Status::ALL
                    .iter()
                    .map(|s| Cell::Int(theme.by_status.get(s.code()).copied().unwrap_or(0))),
            );
            cells.push(Cell::Int(theme.total));
            cells
        })
        .collect();
    // The totals row, last: the chart leaves it out.
    let theme_data = theme_rows.len();
    if theme_data > 0 {
        let mut cells = vec![Cell::text(w.get("summary.all"))];
        cells.extend(
            Status::ALL
                .iter()
                .map(|s| Cell::Int(p.by_status.get(s.code()).copied().unwrap_or(0))),
        );
        cells.push(Cell::Int(p.total));
        theme_rows.push(cells);
    }
    let themes_header = statuses.last_row + 3;
    let themes = sheet.put_table(
        themes_header,
        w.get("summary.table-by-theme"),
        &theme_columns,
        &theme_rows,
        st,
    )?;

    // Titles and notes are outside the tables, so they leave column A's width
    // alone and overflow into the empty cells to their right.
    let report = &stats.report;
    put_heading(&mut sheet.ws, 0, &report.title, &st.title)?;
    put_heading(&mut sheet.ws, 1, &report.subject, &st.subtitle)?;
    put_heading(
        &mut sheet.ws,
        2,
        &format!("{} — {}", report.organisation, report.date_text),
        &Format::new(),
    )?;
    put_heading(&mut sheet.ws, 3, w.get("summary.key-figures"), &st.subtitle)?;
    put_heading(
        &mut sheet.ws,
        note_row,
        w.get("summary.shares-note"),
        &st.note,
    )?;
    put_heading(
        &mut sheet.ws,
        statuses.header_row - 1,
        w.get("summary.by-status"),
        &st.subtitle,
    )?;
    put_heading(
        &mut sheet.ws,
        themes_header - 1,
        w.get("summary.by-theme"),
        &st.subtitle,
    )?;

    let mut next_row = themes.last_row + 2;
    if let Some((first, _)) = themes.data_rows()
        && theme_data > 0
    {
        let last = first + super::layout::row_num(theme_data - 1);
        let sheet_name = name(w);
        let mut chart = Chart::new(ChartType::BarStacked);
        for (j, status) in Status::ALL.iter().enumerate() {
            if p.by_status.get(status.code()).copied().unwrap_or(0) == 0 {
                continue;
            }
            let col = col_num(j + 1);
            chart
                .add_series()
                .set_name((sheet_name, themes.header_row, col))
                .set_categories((sheet_name, first, 0, last, 0))
                .set_values((sheet_name, first, col, last, col))
                .set_format(&mut bar_format(status_colour(*status)))
                .set_gap(60);
        }
        chart
            .title()
            .set_name(w.get("summary.by-theme"))
            .set_font(ChartFont::new().set_size(12).set_bold());
        chart
            .x_axis()
            .set_name(w.get("summary.chart-axis"))
            .set_num_format("0");
        // First theme on top, value axis kept at the bottom.
        chart
            .y_axis()
            .set_reverse()
            .set_crossing(ChartAxisCrossing::Max);
        chart.legend().set_position(ChartLegendPosition::Bottom);
        chart.set_alt_text(w.get("summary.chart-alt"));
        chart
            .set_width(760)
            .set_height(chart_height(p.by_theme.len()));
        let height = chart_height(p.by_theme.len());
        sheet.ws.insert_chart(next_row, 0, &chart)?;
        // Rows are 20 pixels high by default: the next table starts below the chart.
        next_row += super::layout::row_num((height / 20) as usize + 3);
    }
    super::follow_up_summary::put(&mut sheet, input, next_row, st)?;
    sheet.finish()
}

/// Upper-cases the first letter: `retenues` → `Retenues`.
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
