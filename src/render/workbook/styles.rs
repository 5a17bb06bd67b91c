//! Formats and colours: the cell formats every sheet shares, the status and
//! severity fills, and the chart palettes.
//!
//! Owns every colour and number format of the workbook. It must not write values
//! or decide where anything goes: the sheets and [`super::layout`] do.

use rust_xlsxwriter::{
    ChartFormat, ChartLine, ChartSolidFill, ColNum, Color, ConditionalFormatCell,
    ConditionalFormatCellRule, Format, FormatAlign, FormatBorder, RowNum, Worksheet, XlsxError,
};

use super::Words;
use crate::diagnostics::Severity;
use crate::model::{Level, Status};

/// Pale fill and dark text per status, for the conditional fill of status cells.
/// Contrast ratios of text on fill (WCAG 2.x relative luminance), all ≥ 4.5:1:
/// accepted #006100 on #C6EFCE 6.14:1 (Excel's "Good" style); accepted with
/// changes #375623 on #E2EFDA 6.99:1; escalated #1F4E79 on #DDEBF7 7.14:1; under
/// study #7F4F00 on #FFEB9C 5.83:1; to clarify #833C0B on #FCE4D6 6.58:1; rejected
/// #9C0006 on #FFC7CE 5.92:1 (Excel's "Bad" style); outside remit #3A3A3A on
/// #EDEDED 9.72:1; unanswered #3F3151 on #E4DFEC 9.08:1; withdrawn #595959 on
/// #F2F2F2 6.26:1. The status is always written as text: colour only repeats it.
fn status_fill(status: Status) -> (u32, u32) {
    match status {
        Status::Accepted => (0xC6EFCE, 0x006100),
        Status::AcceptedModified => (0xE2EFDA, 0x375623),
        Status::Escalated => (0xDDEBF7, 0x1F4E79),
        Status::UnderStudy => (0xFFEB9C, 0x7F4F00),
        Status::ToClarify => (0xFCE4D6, 0x833C0B),
        Status::Rejected => (0xFFC7CE, 0x9C0006),
        Status::OutOfScope => (0xEDEDED, 0x3A3A3A),
        Status::Unanswered => (0xE4DFEC, 0x3F3151),
        Status::Withdrawn => (0xF2F2F2, 0x595959),
    }
}

/// Severity fills of the checks sheet: error #9C0006 on #FFC7CE 5.92:1, warning
/// #7F4F00 on #FFEB9C 5.83:1.
pub(super) fn severity_fill(severity: Severity) -> (u32, u32) {
    match severity {
        Severity::Error => (0xFFC7CE, 0x9C0006),
        Severity::Warning => (0xFFEB9C, 0x7F4F00),
    }
}

/// Bar colours of the status chart: greens for accepted, blue for escalated,
/// ambers for pending, red for rejected, greys for the rest.
pub(super) fn status_colour(status: Status) -> u32 {
    match status {
        Status::Accepted => 0x2E7D32,
        Status::AcceptedModified => 0x81C784,
        Status::Escalated => 0x1565C0,
        Status::UnderStudy => 0xFFB300,
        Status::ToClarify => 0xEF6C00,
        Status::Rejected => 0xC62828,
        Status::OutOfScope => 0x757575,
        Status::Unanswered => 0xBDBDBD,
        Status::Withdrawn => 0x5D4037,
    }
}

/// A diverging blue–orange palette (readable with the common colour-vision
/// deficiencies), grey in the middle.
pub(super) fn level_colour(level: Level) -> u32 {
    match level {
        Level::StronglyAgree => 0x2166AC,
        Level::Agree => 0x92C5DE,
        Level::Neutral => 0xBDBDBD,
        Level::Disagree => 0xF4A582,
        Level::StronglyDisagree => 0xB2182B,
    }
}

/// The cell formats every sheet shares.
pub(super) struct Styles {
    /// Table headers: bold, wrapped, on a pale blue band.
    pub(super) header: Format,
    /// Wrapped text.
    pub(super) text: Format,
    /// Text that Excel would take for a formula if typed: quote-prefixed.
    pub(super) literal: Format,
    /// Whole numbers.
    pub(super) integer: Format,
    /// Shares, as whole percentages.
    pub(super) percent: Format,
    /// Dates, in the language's usual order.
    pub(super) date: Format,
    /// The summary's title line.
    pub(super) title: Format,
    /// Section headings above tables.
    pub(super) subtitle: Format,
    /// Notes under tables.
    pub(super) note: Format,
}

impl Styles {
    /// The formats for the words' language (only the date format depends on it).
    pub(super) fn new(w: Words<'_>) -> Self {
        let cell = Format::new().set_align(FormatAlign::Top);
        let text = cell.clone().set_text_wrap();
        Styles {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0xD9E1F2))
                .set_border_bottom(FormatBorder::Thin),
            literal: text.clone().set_quote_prefix(),
            text,
            integer: cell.clone().set_num_format("0"),
            percent: cell.clone().set_num_format("0%"),
            date: cell.set_num_format(w.get("date-format")),
            title: Format::new().set_bold().set_font_size(14),
            subtitle: Format::new().set_bold(),
            note: Format::new().set_italic(),
        }
    }
}

/// Adds the per-status conditional fill to a column of status labels.
pub(super) fn add_status_fills(
    ws: &mut Worksheet,
    rows: Option<(RowNum, RowNum)>,
    col: ColNum,
    w: Words<'_>,
) -> Result<(), XlsxError> {
    let Some((first, last)) = rows else {
        return Ok(());
    };
    for status in Status::ALL {
        let (fill, text) = status_fill(status);
        let rule = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::EqualTo(w.status(status)))
            .set_format(
                Format::new()
                    .set_background_color(Color::RGB(fill))
                    .set_font_color(Color::RGB(text)),
            );
        ws.add_conditional_format(first, col, last, col, &rule)?;
    }
    Ok(())
}

/// A chart bar's fill, with a white edge between stacked bars.
pub(super) fn bar_format(colour: u32) -> ChartFormat {
    let mut format = ChartFormat::new();
    format
        .set_solid_fill(ChartSolidFill::new().set_color(Color::RGB(colour)))
        .set_border(ChartLine::new().set_color(Color::White));
    format
}
