//! The satisfaction sheet: one row per survey statement, with the answers per
//! level (counts and shares), the share agreeing with its 95 % interval, and a
//! 100 % stacked bar chart.
//!
//! Owns the levels' columns and the chart's short labels. It must not compute
//! shares or intervals: they come from [`crate::stats::Stats`].

use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartFont, ChartLegendPosition, ChartType, Worksheet, XlsxError,
};

use super::cells::{Cell, put_heading};
use super::layout::{Column, Sheet, chart_height, col_num, row_num};
use super::styles::{Styles, bar_format, level_colour};
use super::{Words, WorkbookInput};
use crate::model::Level;
use crate::stats::likert::StatementStats;

/// The sheet's name, the same in both languages.
pub(super) const NAME: &str = "Satisfaction";

/// The levels used by at least one statement, most agreeing first, with the
/// header label: the labels the statements use for it, joined when scales differ
/// (`plutôt d’accord / d’accord`).
fn level_headers(statements: &[StatementStats]) -> Vec<(Level, String)> {
    Level::ALL
        .iter()
        .filter_map(|&level| {
            let mut labels: Vec<&str> = Vec::new();
            for s in statements {
                if let Some(l) = s.levels.iter().find(|l| l.code == level.code())
                    && !labels.contains(&l.label)
                {
                    labels.push(l.label);
                }
            }
            (!labels.is_empty()).then(|| (level, labels.join(" / ")))
        })
        .collect()
}

/// The scale as the sheet names it.
fn scale_label<'a>(code: &str, w: Words<'a>) -> &'a str {
    match code {
        "two_point" => w.get("satisfaction.two_point"),
        "four_point" => w.get("satisfaction.four_point"),
        _ => w.get("satisfaction.five_point"),
    }
}

/// Lays out the satisfaction sheet.
pub(super) fn sheet(input: &WorkbookInput<'_>, st: &Styles) -> Result<Worksheet, XlsxError> {
    let w = input.words();
    let statements = &input.stats.statements;
    let mut sheet = Sheet::new(NAME)?;
    sheet.print_as_list()?;
    let levels = level_headers(statements);

    let mut columns = vec![
        Column::new(w.get("satisfaction.index")),
        Column::new(w.get("satisfaction.statement")),
        Column::new(w.get("satisfaction.scale")),
        Column::narrow(w.get("satisfaction.answers")),
        Column::narrow(w.get("satisfaction.non-answers")),
    ];
    columns.extend(
        levels
            .iter()
            .map(|(_, label)| Column::narrow(format!("{label} ({})", w.get("satisfaction.count")))),
    );
    let shares_col = columns.len();
    columns.extend(
        levels
            .iter()
            .map(|(_, label)| Column::narrow(format!("{label} (%)"))),
    );
    columns.extend([
        Column::narrow(w.get("satisfaction.agreeing")),
        Column::narrow(w.get("satisfaction.ci-low")),
        Column::narrow(w.get("satisfaction.ci-high")),
        Column::narrow(w.get("satisfaction.disagreeing")),
        Column::narrow(w.get("satisfaction.net")),
        Column::new(w.get("satisfaction.median")),
        Column::narrow(w.get("satisfaction.mean")),
        Column::new(w.get("satisfaction.short-label")),
    ]);
    let label_col = columns.len() - 1;

    let mut rows: Vec<Vec<Cell<'_>>> = statements
        .iter()
        .map(|s| {
            let mut cells = vec![
                Cell::Int(s.index as u64),
                Cell::text(s.text.as_str()),
                Cell::text(scale_label(s.scale, w)),
                Cell::Int(s.n),
                Cell::Int(s.non_answers),
            ];
            let level = |level: Level| s.levels.iter().find(|l| l.code == level.code());
            // A level outside the statement's scale stays blank, not zero.
            cells.extend(
                levels
                    .iter()
                    .map(|(l, _)| level(*l).map_or(Cell::Empty, |l| Cell::Int(l.count))),
            );
            cells.extend(
                levels
                    .iter()
                    .map(|(l, _)| level(*l).map_or(Cell::Empty, |l| Cell::Percent(l.share))),
            );
            cells.extend([
                Cell::Percent(s.agree.share),
                Cell::Percent(s.agree.low),
                Cell::Percent(s.agree.high),
                Cell::Percent(s.disagree.share),
                Cell::Percent(s.net_agreement),
                Cell::opt_text(s.median.as_ref().map(|m| m.label)),
                s.mean
                    .as_ref()
                    .map_or(Cell::Empty, |m| Cell::text(m.text.as_str())),
                Cell::text(format!("{}. {}", s.index, short_label(&s.text, 60))),
            ]);
            cells
        })
        .collect();
    // No survey: one row says so rather than an empty table.
    if rows.is_empty() {
        let mut row = vec![Cell::Empty, Cell::text(w.get("satisfaction.none"))];
        row.extend((2..columns.len()).map(|_| Cell::Empty));
        rows.push(row);
    }
    let placed = sheet.put_table(0, w.get("satisfaction.table"), &columns, &rows, st)?;
    sheet.ws.set_freeze_panes(1, 2)?;

    if let Some((first, last)) = placed.data_rows()
        && !statements.is_empty()
    {
        let mut chart = Chart::new(ChartType::BarPercentStacked);
        let label_col = col_num(label_col);
        for (j, (level, label)) in levels.iter().enumerate() {
            let col = col_num(shares_col + j);
            chart
                .add_series()
                // Literal name: the header cell also says "(%)".
                .set_name(label.as_str())
                .set_categories((NAME, first, label_col, last, label_col))
                .set_values((NAME, first, col, last, col))
                .set_format(&mut bar_format(level_colour(*level)))
                .set_gap(50);
        }
        chart
            .title()
            .set_name(w.get("satisfaction.chart-title"))
            .set_font(ChartFont::new().set_size(12).set_bold());
        chart.x_axis().set_num_format("0%");
        chart
            .y_axis()
            .set_reverse()
            .set_crossing(ChartAxisCrossing::Max);
        chart.legend().set_position(ChartLegendPosition::Bottom);
        chart.set_alt_text(w.get("satisfaction.chart-alt"));
        chart
            .set_width(900)
            .set_height(chart_height(statements.len()));
        sheet.ws.insert_chart(placed.last_row + 2, 1, &chart)?;
        // Rows are 20 pixels high by default: the groups' table starts below the chart.
        let below = placed.last_row + 2 + row_num(chart_height(statements.len()) as usize / 20) + 3;
        put_groups(&mut sheet, statements, below, w, st)?;
    }
    sheet.finish()
}

/// The share agreeing per group of participants, as data.json gives it (groups
/// too small pooled as "others"); nothing when no statement has groups.
fn put_groups(
    sheet: &mut Sheet,
    statements: &[StatementStats],
    row: rust_xlsxwriter::RowNum,
    w: Words<'_>,
    st: &Styles,
) -> Result<(), XlsxError> {
    let (yes, no) = (w.get("yes"), w.get("no"));
    let rows: Vec<Vec<Cell<'_>>> = statements
        .iter()
        .flat_map(|s| {
            s.groups.iter().map(move |g| {
                vec![
                    Cell::Int(s.index as u64),
                    Cell::text(s.text.as_str()),
                    Cell::text(g.group.as_str()),
                    Cell::text(if g.pooled { yes } else { no }),
                    Cell::Int(g.n),
                    Cell::Int(g.non_answers),
                    Cell::Percent(g.agree.share),
                    Cell::Percent(g.agree.low),
                    Cell::Percent(g.agree.high),
                ]
            })
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    put_heading(
        &mut sheet.ws,
        row - 1,
        w.get("satisfaction.by-group"),
        &st.subtitle,
    )?;
    let columns = [
        Column::new(w.get("satisfaction.index")),
        Column::new(w.get("satisfaction.statement")),
        Column::new(w.get("satisfaction.group")),
        Column::narrow(w.get("satisfaction.pooled")),
        Column::narrow(w.get("satisfaction.answers")),
        Column::narrow(w.get("satisfaction.non-answers")),
        Column::narrow(w.get("satisfaction.agreeing")),
        Column::narrow(w.get("satisfaction.ci-low")),
        Column::narrow(w.get("satisfaction.ci-high")),
    ];
    sheet.put_table(row, w.get("satisfaction.table-groups"), &columns, &rows, st)?;
    Ok(())
}

/// A statement shortened for a chart axis: at most `max` characters, cut at a word.
fn short_label(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([' ', ',', ';', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chart_labels_are_cut_at_a_word() {
        assert_eq!(short_label("court", 60), "court");
        assert_eq!(
            short_label(
                "Le rythme d’une rencontre par mois environ était adapté aux participants du conseil",
                40
            ),
            "Le rythme d’une rencontre par mois…"
        );
    }
}
