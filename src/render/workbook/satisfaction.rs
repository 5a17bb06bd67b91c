//! The satisfaction sheet: one row per survey statement, with the answers per
//! level (counts and shares; every level of 7- and 9-point scales), the share
//! agreeing with its 95 % interval, and a 100 % stacked bar chart; below it, when
//! the surveys have some, the numeric ratings and the yes/no questions.
//!
//! Owns the levels' columns and the chart's short labels. It must not compute
//! shares or intervals: they come from [`crate::stats::Stats`].

use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartFont, ChartLegendPosition, ChartType, Worksheet, XlsxError,
};

use super::cells::{Cell, put_heading};
use super::layout::{Column, Sheet, chart_height, col_num};
use super::styles::{Styles, bar_format, level_colour};
use super::{Words, WorkbookInput};
use crate::model::Level;
use crate::stats::Stats;
use crate::stats::likert::StatementStats;

/// The sheet's name, the same in both languages.
pub(super) const NAME: &str = "Satisfaction";

/// Level codes, most agreeing first, those of 7- and 9-point scales included.
const LEVEL_CODES: [&str; 9] = [
    "very_strongly_agree",
    "strongly_agree",
    "agree",
    "somewhat_agree",
    "neutral",
    "somewhat_disagree",
    "disagree",
    "strongly_disagree",
    "very_strongly_disagree",
];

/// The levels used by at least one statement, most agreeing first, with the
/// header label: the labels the statements use for it, joined when scales differ
/// (`plutôt d’accord / d’accord`).
fn level_headers(statements: &[StatementStats]) -> Vec<(&'static str, String)> {
    LEVEL_CODES
        .iter()
        .filter_map(|&code| {
            let mut labels: Vec<&str> = Vec::new();
            for s in statements {
                if let Some(l) = s.levels.iter().find(|l| l.code == code)
                    && !labels.contains(&l.label)
                {
                    labels.push(l.label);
                }
            }
            (!labels.is_empty()).then(|| (code, labels.join(" / ")))
        })
        .collect()
}

/// A level's colour in the chart: the five-point palette, and for the levels of 7-
/// and 9-point scales a lighter shade for `somewhat`, a darker one for `very
/// strongly`.
fn colour(code: &str) -> u32 {
    match code {
        "very_strongly_agree" => 0x0B3558,
        "somewhat_agree" => 0xCFE3F3,
        "somewhat_disagree" => 0xFEE0B6,
        "very_strongly_disagree" => 0x4F2A06,
        _ => level_colour(
            Level::ALL
                .into_iter()
                .find(|l| l.code() == code)
                .unwrap_or(Level::Neutral),
        ),
    }
}

/// The scale as the sheet names it.
fn scale_label<'a>(code: &str, w: Words<'a>) -> &'a str {
    match code {
        "two_point" => w.get("satisfaction.two_point"),
        "four_point" => w.get("satisfaction.four_point"),
        "seven_point" => w.get("satisfaction.seven_point"),
        "nine_point" => w.get("satisfaction.nine_point"),
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
            let level = |code: &str| s.levels.iter().find(|l| l.code == code);
            // A level outside the statement's scale stays blank, not zero.
            cells.extend(
                levels
                    .iter()
                    .map(|(l, _)| level(l).map_or(Cell::Empty, |l| Cell::Int(l.count))),
            );
            cells.extend(
                levels
                    .iter()
                    .map(|(l, _)| level(l).map_or(Cell::Empty, |l| Cell::Percent(l.share))),
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

    let mut next = placed.last_row + 2;
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
                .set_format(&mut bar_format(colour(level)))
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
        // Rows are 20 pixels high by default: what follows starts below the chart.
        next = placed.last_row + 2 + chart_height(statements.len()).div_ceil(20) + 3;
        next = put_groups(&mut sheet, statements, next, w, st)?;
    }
    ratings_tables(&mut sheet, input.stats, next, w, st)?;
    sheet.finish()
}

/// The ratings' and the yes/no questions' tables from `row` on, each only when the
/// surveys have some.
fn ratings_tables(
    sheet: &mut Sheet,
    stats: &Stats,
    mut row: u32,
    w: Words<'_>,
    st: &Styles,
) -> Result<(), XlsxError> {
    let ratings = &stats.survey.ratings;
    if !ratings.is_empty() {
        let columns = [
            Column::new(w.get("satisfaction.index")),
            Column::new(w.get("satisfaction.question")),
            Column::new(w.get("satisfaction.file")),
            Column::narrow(w.get("satisfaction.answers")),
            Column::narrow(w.get("satisfaction.non-answers")),
            Column::narrow(w.get("satisfaction.median")),
            Column::new(w.get("satisfaction.distribution")),
        ];
        let rows: Vec<Vec<Cell<'_>>> = ratings
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    Cell::Int(i as u64 + 1),
                    Cell::text(r.text.as_str()),
                    Cell::text(r.file.as_str()),
                    Cell::Int(r.n),
                    Cell::Int(r.non_answers),
                    Cell::text(r.median_text.as_str()),
                    Cell::text(r.distribution_text.as_str()),
                ]
            })
            .collect();
        let placed = sheet.put_table(
            row,
            w.get("satisfaction.ratings-table"),
            &columns,
            &rows,
            st,
        )?;
        row = placed.last_row + 3;
    }
    let yes_no = &stats.survey.yes_no;
    if !yes_no.is_empty() {
        let columns = [
            Column::new(w.get("satisfaction.index")),
            Column::new(w.get("satisfaction.question")),
            Column::new(w.get("satisfaction.file")),
            Column::narrow(w.get("satisfaction.answers")),
            Column::narrow(w.get("satisfaction.yes")),
            Column::narrow(w.get("satisfaction.no")),
            Column::narrow(w.get("satisfaction.non-answers")),
            Column::narrow(w.get("satisfaction.yes-share")),
            Column::narrow(w.get("satisfaction.ci-low")),
            Column::narrow(w.get("satisfaction.ci-high")),
        ];
        let rows: Vec<Vec<Cell<'_>>> = yes_no
            .iter()
            .enumerate()
            .map(|(i, y)| {
                vec![
                    Cell::Int(i as u64 + 1),
                    Cell::text(y.text.as_str()),
                    Cell::text(y.file.as_str()),
                    Cell::Int(y.n),
                    Cell::Int(y.yes),
                    Cell::Int(y.no),
                    Cell::Int(y.non_answers),
                    Cell::Percent(y.yes_share.share),
                    Cell::Percent(y.yes_share.low),
                    Cell::Percent(y.yes_share.high),
                ]
            })
            .collect();
        sheet.put_table(row, w.get("satisfaction.yes-no-table"), &columns, &rows, st)?;
    }
    Ok(())
}

/// The share agreeing per group of participants, as data.json gives it (groups
/// too small pooled as "others"), from `row` on; nothing when no statement has
/// groups. Returns the first row free below it.
fn put_groups(
    sheet: &mut Sheet,
    statements: &[StatementStats],
    row: rust_xlsxwriter::RowNum,
    w: Words<'_>,
    st: &Styles,
) -> Result<rust_xlsxwriter::RowNum, XlsxError> {
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
        return Ok(row);
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
    let placed = sheet.put_table(row, w.get("satisfaction.table-groups"), &columns, &rows, st)?;
    Ok(placed.last_row + 3)
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
    fn every_level_of_a_seven_point_scale_has_its_columns() {
        use crate::config::Lang;
        use crate::model::{Reading, SurveySink};
        use crate::stats::SurveyAccumulator;
        let mut acc = SurveyAccumulator::new();
        for strength in [3, 1, -2] {
            acc.answer_named(
                "S7",
                None,
                Reading::Wide {
                    strength,
                    points: 7,
                },
            );
        }
        let (_, statements) = acc.finish(Lang::En, 5);
        let headers = level_headers(&statements);
        let codes: Vec<&str> = headers.iter().map(|(c, _)| *c).collect();
        assert_eq!(
            codes,
            [
                "strongly_agree",
                "agree",
                "somewhat_agree",
                "neutral",
                "somewhat_disagree",
                "disagree",
                "strongly_disagree"
            ]
        );
        assert_eq!(headers[2].1, "somewhat agree");
        assert_ne!(colour("somewhat_agree"), colour("agree"));
    }

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
