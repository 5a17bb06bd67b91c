//! The workbook `synthese.xlsx`: the statistics and the register laid out as Excel
//! tables that colleagues can filter, chart and re-use in Excel or LibreOffice.
//!
//! Owns the sheets, their columns, formats and native charts. It computes no
//! statistic of its own (everything comes from [`Stats`] and the [`Register`]) and
//! never touches the disk: it returns the bytes, [`crate::output`] writes them.
//!
//! Every piece of user text goes through `write_string*`, which stores a string
//! cell and never interprets it, so `=1+1` or `@SUM(A1)` stay text. Text that looks
//! like a formula also gets Excel's quote prefix, so that editing the cell later
//! does not turn it into one either. No formula is written anywhere.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rust_xlsxwriter::{
    Chart, ChartAxisCrossing, ChartFont, ChartFormat, ChartLegendPosition, ChartLine,
    ChartSolidFill, ChartType, ColNum, Color, ConditionalFormatCell, ConditionalFormatCellRule,
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, RowNum, Table, TableColumn,
    TableStyle, Workbook, Worksheet, XlsxError,
};

use crate::config::Lang;
use crate::diagnostics::{Diagnostics, Severity};
use crate::model::{Due, Level, Register, Status};
use crate::stats::Stats;
use crate::stats::likert::StatementStats;

/// What the workbook is made from.
pub struct WorkbookInput<'a> {
    pub stats: &'a Stats,
    /// The raw proposals: due dates as [`time::Date`], progress as a fraction.
    pub register: &'a Register,
    pub diagnostics: &'a Diagnostics,
    pub lang: Lang,
    /// The creation time recorded in the document properties; fixed, so that the
    /// same inputs give the same bytes.
    pub timestamp: time::PrimitiveDateTime,
}

/// Lays out the whole workbook and returns the `.xlsx` bytes.
pub fn write_workbook(input: &WorkbookInput<'_>) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new(input.lang);
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(input)?);
    workbook.push_worksheet(summary_sheet(input, &styles)?);
    workbook.push_worksheet(proposals_sheet(input, &styles)?);
    workbook.push_worksheet(satisfaction_sheet(input, &styles)?);
    workbook.push_worksheet(suggestions_sheet(input, &styles)?);
    if input.stats.follow_up.is_some() {
        workbook.push_worksheet(follow_up_sheet(input, &styles)?);
    }
    workbook.push_worksheet(checks_sheet(input, &styles)?);
    workbook.save_to_buffer()
}

/// The sheet names, in workbook order.
pub fn sheet_names(lang: Lang, follow_up: bool) -> Vec<&'static str> {
    let mut names = vec![
        tr(lang, "Synthèse", "Summary"),
        tr(lang, "Propositions", "Proposals"),
        "Satisfaction",
        "Suggestions",
    ];
    if follow_up {
        names.push(tr(lang, "Suivi", "Follow-up"));
    }
    names.push(tr(lang, "Contrôles", "Checks"));
    names
}

/// Title, author, company, subject and the fixed creation time.
fn properties(input: &WorkbookInput<'_>) -> Result<DocProperties, XlsxError> {
    let report = &input.stats.report;
    let t = input.timestamp;
    let created = ExcelDateTime::from_ymd(
        u16::try_from(t.year()).unwrap_or(0),
        u8::from(t.month()),
        t.day(),
    )?
    .and_hms(u16::from(t.hour()), t.minute(), t.second())?;
    Ok(DocProperties::new()
        .set_title(report.title.as_str())
        .set_subject(report.subject.as_str())
        .set_author(report.author.as_str())
        .set_company(report.organisation.as_str())
        .set_comment(input.stats.generator.as_str())
        .set_creation_datetime(&created))
}

/// The French or the English text.
fn tr(lang: Lang, fr: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

// ---------------------------------------------------------------------------
// Formats and colours
// ---------------------------------------------------------------------------

/// Widest a column grows to fit its text, in pixels (about 60 characters of
/// Calibri 11); longer text wraps.
const MAX_TEXT_WIDTH_PX: u32 = 430;

/// Excel keeps at most this many UTF-16 units in a cell.
const MAX_CELL_CHARS: usize = 32_767;

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
fn severity_fill(severity: Severity) -> (u32, u32) {
    match severity {
        Severity::Error => (0xFFC7CE, 0x9C0006),
        Severity::Warning => (0xFFEB9C, 0x7F4F00),
    }
}

/// Bar colours of the status chart: greens for accepted, blue for escalated,
/// ambers for pending, red for rejected, greys for the rest.
fn status_colour(status: Status) -> u32 {
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
fn level_colour(level: Level) -> u32 {
    match level {
        Level::StronglyAgree => 0x2166AC,
        Level::Agree => 0x92C5DE,
        Level::Neutral => 0xBDBDBD,
        Level::Disagree => 0xF4A582,
        Level::StronglyDisagree => 0xB2182B,
    }
}

struct Styles {
    header: Format,
    text: Format,
    /// Text that Excel would take for a formula if typed: quote-prefixed.
    literal: Format,
    integer: Format,
    percent: Format,
    date: Format,
    title: Format,
    subtitle: Format,
    note: Format,
}

impl Styles {
    fn new(lang: Lang) -> Self {
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
            date: cell.set_num_format(tr(lang, "dd/mm/yyyy", "d mmm yyyy")),
            title: Format::new().set_bold().set_font_size(14),
            subtitle: Format::new().set_bold(),
            note: Format::new().set_italic(),
        }
    }
}

// ---------------------------------------------------------------------------
// Cells and tables
// ---------------------------------------------------------------------------

/// One value to write, with the format its kind calls for.
enum Cell<'a> {
    Text(Cow<'a, str>),
    Int(u64),
    Percent(f64),
    Date(time::Date),
    Empty,
}

impl<'a> Cell<'a> {
    fn text(s: impl Into<Cow<'a, str>>) -> Self {
        Cell::Text(s.into())
    }

    fn opt_text(s: Option<&'a str>) -> Self {
        s.map_or(Cell::Empty, Cell::text)
    }
}

/// Whether Excel would read the text as a formula if it were typed in.
fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@'])
}

/// Cuts text to what a cell can hold (Excel's limit is in UTF-16 units).
fn cell_text(s: &str) -> Cow<'_, str> {
    if s.len() <= MAX_CELL_CHARS {
        return Cow::Borrowed(s);
    }
    let mut units = 0;
    let mut end = 0;
    for (i, c) in s.char_indices() {
        units += c.len_utf16();
        if units > MAX_CELL_CHARS - 1 {
            break;
        }
        end = i + c.len_utf8();
    }
    Cow::Owned(format!("{}…", &s[..end]))
}

fn put_text(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    text: &str,
    st: &Styles,
) -> Result<(), XlsxError> {
    if text.is_empty() {
        return Ok(());
    }
    let format = if looks_like_formula(text) {
        &st.literal
    } else {
        &st.text
    };
    ws.write_string_with_format(row, col, cell_text(text), format)?;
    Ok(())
}

fn put_cell(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    cell: &Cell<'_>,
    st: &Styles,
) -> Result<(), XlsxError> {
    match cell {
        Cell::Text(s) => put_text(ws, row, col, s, st)?,
        Cell::Int(n) => {
            ws.write_number_with_format(row, col, *n as f64, &st.integer)?;
        }
        Cell::Percent(x) if x.is_finite() => {
            ws.write_number_with_format(row, col, *x, &st.percent)?;
        }
        Cell::Percent(_) | Cell::Empty => {}
        Cell::Date(date) => match excel_date(*date) {
            Some(date) => {
                ws.write_datetime_with_format(row, col, &date, &st.date)?;
            }
            // Outside Excel's calendar (before 1900): keep it readable as text.
            None => put_text(ws, row, col, &crate::format::iso_date(*date), st)?,
        },
    }
    Ok(())
}

fn excel_date(date: time::Date) -> Option<ExcelDateTime> {
    let year = u16::try_from(date.year()).ok()?;
    ExcelDateTime::from_ymd(year, u8::from(date.month()), date.day()).ok()
}

fn row_num(i: usize) -> RowNum {
    RowNum::try_from(i).unwrap_or(RowNum::MAX)
}

fn col_num(i: usize) -> ColNum {
    ColNum::try_from(i).unwrap_or(ColNum::MAX)
}

/// A table column: its header and, for numeric columns with long headers, a fixed
/// width so that the header wraps instead of widening the column.
struct Column {
    header: String,
    narrow: bool,
}

impl Column {
    fn new(header: impl Into<String>) -> Self {
        Column {
            header: header.into(),
            narrow: false,
        }
    }

    fn narrow(header: impl Into<String>) -> Self {
        Column {
            header: header.into(),
            narrow: true,
        }
    }
}

/// Where a table landed: its header row and last row (an empty data row when
/// there is no data, since an Excel table needs one).
#[derive(Debug, Clone, Copy)]
struct Placed {
    header_row: RowNum,
    /// Number of data rows actually written.
    rows: usize,
    last_row: RowNum,
}

impl Placed {
    /// The data rows as an inclusive range, `None` when there are none.
    fn data_rows(&self) -> Option<(RowNum, RowNum)> {
        (self.rows > 0).then(|| (self.header_row + 1, self.header_row + row_num(self.rows)))
    }
}

/// A worksheet being laid out. Column widths and row heights are computed here
/// rather than left to the spreadsheet program: LibreOffice does not grow rows
/// for wrapped text when it opens a file, and Excel's autofit ignores wrapping.
struct Sheet {
    ws: Worksheet,
    /// Width wanted per column, in pixels: the widest need of any table on the sheet.
    widths: BTreeMap<ColNum, u32>,
    /// Text cells that may wrap, to size their rows once widths are known.
    texts: Vec<TextCell>,
}

struct TextCell {
    row: RowNum,
    col: ColNum,
    text: String,
    header: bool,
}

/// Cell padding Excel adds around text, and the room an autofilter button takes.
const PADDING_PX: u32 = 7;
const FILTER_BUTTON_PX: u32 = 16;

/// Width of a column whose long header wraps (about 15 characters).
const NARROW_PX: u32 = 110;

/// Height of one line of Calibri 11, in points.
const LINE_PT: f64 = 15.0;

/// Excel's tallest row, in points.
const MAX_ROW_PT: f64 = 409.0;

/// Width of text in Calibri 11, in pixels (Excel's character widths, as
/// rust_xlsxwriter's autofit uses them).
fn text_px(s: &str) -> u32 {
    s.chars()
        .map(|c| match c {
            ' ' | '\'' => 3,
            ',' | '.' | ':' | ';' | 'I' | '`' | 'i' | 'j' | 'l' => 4,
            '!' | '(' | ')' | '-' | 'J' | '[' | ']' | 'f' | 'r' | 't' | '{' | '}' => 5,
            '"' | '/' | 'L' | '\\' | 'c' | 's' | 'z' => 6,
            '#'
            | '$'
            | '*'
            | '+'
            | '0'..='9'
            | '<'
            | '='
            | '>'
            | '?'
            | 'E'
            | 'F'
            | 'S'
            | 'T'
            | 'Y'
            | 'Z'
            | '^'
            | '_'
            | 'a'
            | 'g'
            | 'k'
            | 'v'
            | 'x'
            | 'y'
            | '|'
            | '~' => 7,
            '&' | 'N' | 'O' | 'Q' => 10,
            '%' | 'w' => 11,
            'M' | 'm' => 12,
            '@' | 'W' => 13,
            _ => 8,
        })
        .fold(0u32, u32::saturating_add)
}

/// Text is measured with a 10 % margin, which also covers LibreOffice's
/// substitute fonts when neither Calibri nor Carlito is installed; headers are
/// measured closer, as a header cut short is only cosmetic.
fn scaled_px(s: &str, bold: bool) -> u32 {
    let px = f64::from(text_px(s)) * if bold { 1.05 } else { 1.1 };
    px.ceil() as u32
}

/// Width of one line of text, measured word by word as [`wrapped_lines`] does,
/// so that a column sized to a line holds it on one line.
fn line_px(line: &str, bold: bool) -> u32 {
    let space = scaled_px(" ", bold);
    let mut used = 0u32;
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        let w = scaled_px(word, bold);
        used = if used == 0 { w } else { used + space + w };
    }
    used
}

/// How many lines `text` takes in a column `width` pixels wide, words wrapped
/// greedily as Excel does.
fn wrapped_lines(text: &str, width: u32, bold: bool) -> u32 {
    let width = width.max(1);
    let space = scaled_px(" ", bold);
    let mut lines = 0u32;
    for paragraph in text.split('\n') {
        lines = lines.saturating_add(1);
        let mut used = 0u32;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let w = scaled_px(word, bold);
            if used > 0 && used + space + w <= width {
                used += space + w;
            } else {
                if used > 0 {
                    lines = lines.saturating_add(1);
                }
                // A word wider than the column is broken across lines.
                lines = lines.saturating_add(w.saturating_sub(1) / width);
                used = w % width;
            }
        }
    }
    lines
}

impl Sheet {
    fn new(name: &str) -> Result<Self, XlsxError> {
        let mut ws = Worksheet::new();
        ws.set_name(name)?;
        // Printed: A4, every column on the page width, header rows repeated.
        ws.set_paper_size(9).set_print_fit_to_pages(1, 0);
        Ok(Sheet {
            ws,
            widths: BTreeMap::new(),
            texts: Vec::new(),
        })
    }

    /// For a sheet holding one wide table from A1: printed landscape, with the
    /// header row repeated on every page.
    fn print_as_list(&mut self) -> Result<(), XlsxError> {
        self.ws.set_landscape().set_repeat_rows(0, 0)?;
        Ok(())
    }

    fn want_width(&mut self, col: ColNum, px: u32) {
        let width = self.widths.entry(col).or_insert(0);
        *width = (*width).max(px);
    }

    /// Writes an Excel table (header, autofilter, banded rows) at `header_row`.
    fn put_table(
        &mut self,
        header_row: RowNum,
        name: &str,
        columns: &[Column],
        rows: &[Vec<Cell<'_>>],
        st: &Styles,
    ) -> Result<Placed, XlsxError> {
        let mut needs: Vec<u32> = columns
            .iter()
            .map(|c| {
                let header = if c.narrow {
                    let widest_word = c.header.split(' ').map(|w| scaled_px(w, true)).max();
                    widest_word.unwrap_or(0).max(NARROW_PX)
                } else {
                    line_px(&c.header, true)
                };
                header + FILTER_BUTTON_PX + PADDING_PX
            })
            .collect();
        for (i, cells) in rows.iter().enumerate() {
            let row = header_row + 1 + row_num(i);
            for (j, cell) in cells.iter().enumerate() {
                let col = col_num(j);
                put_cell(&mut self.ws, row, col, cell, st)?;
                let px = match cell {
                    Cell::Text(s) => {
                        self.texts.push(TextCell {
                            row,
                            col,
                            text: cell_text(s).into_owned(),
                            header: false,
                        });
                        s.split('\n').map(|l| line_px(l, false)).max().unwrap_or(0)
                    }
                    Cell::Int(n) => 7 * n.to_string().len() as u32,
                    Cell::Percent(_) => 35,
                    Cell::Date(_) => 75,
                    Cell::Empty => 0,
                };
                if let Some(need) = needs.get_mut(j) {
                    *need = (*need).max(px + PADDING_PX);
                }
            }
        }
        for (j, (column, need)) in columns.iter().zip(needs).enumerate() {
            self.want_width(col_num(j), need.min(MAX_TEXT_WIDTH_PX));
            self.texts.push(TextCell {
                row: header_row,
                col: col_num(j),
                text: column.header.clone(),
                header: true,
            });
        }

        let table_columns: Vec<TableColumn> = columns
            .iter()
            .map(|c| {
                TableColumn::new()
                    .set_header(c.header.as_str())
                    .set_header_format(&st.header)
            })
            .collect();
        let table = Table::new()
            .set_name(name)
            .set_style(TableStyle::Light1)
            .set_banded_rows(true)
            .set_columns(&table_columns);
        let last_row = header_row + row_num(rows.len().max(1));
        let last_col = col_num(columns.len().saturating_sub(1));
        self.ws
            .add_table(header_row, 0, last_row, last_col, &table)?;
        Ok(Placed {
            header_row,
            rows: rows.len(),
            last_row,
        })
    }

    /// Sets the column widths, and the height of every row whose text wraps.
    fn finish(mut self) -> Result<Worksheet, XlsxError> {
        for (&col, &px) in &self.widths {
            self.ws.set_column_width_pixels(col, px)?;
        }
        let mut lines: BTreeMap<RowNum, u32> = BTreeMap::new();
        for cell in &self.texts {
            let width = self.widths.get(&cell.col).copied().unwrap_or(64);
            let room = if cell.header {
                width.saturating_sub(PADDING_PX + FILTER_BUTTON_PX)
            } else {
                width.saturating_sub(PADDING_PX)
            };
            let n = wrapped_lines(&cell.text, room, cell.header);
            let entry = lines.entry(cell.row).or_insert(1);
            *entry = (*entry).max(n);
        }
        for (row, n) in lines {
            if n > 1 {
                let height = (f64::from(n) * LINE_PT).min(MAX_ROW_PT);
                self.ws.set_row_height(row, height)?;
            }
        }
        Ok(self.ws)
    }
}

/// Adds the per-status conditional fill to a column of status labels.
fn status_fills(
    ws: &mut Worksheet,
    rows: Option<(RowNum, RowNum)>,
    col: ColNum,
    lang: Lang,
) -> Result<(), XlsxError> {
    let Some((first, last)) = rows else {
        return Ok(());
    };
    for status in Status::ALL {
        let (fill, text) = status_fill(status);
        let rule = ConditionalFormatCell::new()
            .set_rule(ConditionalFormatCellRule::EqualTo(status.label(lang)))
            .set_format(
                Format::new()
                    .set_background_color(Color::RGB(fill))
                    .set_font_color(Color::RGB(text)),
            );
        ws.add_conditional_format(first, col, last, col, &rule)?;
    }
    Ok(())
}

fn bar_format(colour: u32) -> ChartFormat {
    let mut format = ChartFormat::new();
    format
        .set_solid_fill(ChartSolidFill::new().set_color(Color::RGB(colour)))
        .set_border(ChartLine::new().set_color(Color::White));
    format
}

/// Chart height for `n` bars: enough room per bar, within sensible bounds.
fn chart_height(n: usize) -> u32 {
    let n = u32::try_from(n).unwrap_or(u32::MAX);
    n.saturating_mul(32).saturating_add(140).clamp(300, 1400)
}

/// Upper-cases the first letter: `retenues` → `Retenues`.
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
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

// ---------------------------------------------------------------------------
// Synthèse
// ---------------------------------------------------------------------------

fn summary_sheet(input: &WorkbookInput<'_>, st: &Styles) -> Result<Worksheet, XlsxError> {
    let lang = input.lang;
    let stats = input.stats;
    let p = &stats.proposals;
    let mut sheet = Sheet::new(tr(lang, "Synthèse", "Summary"))?;

    // Key figures.
    let key_columns = [
        Column::new(tr(lang, "Indicateur", "Figure")),
        Column::narrow(tr(lang, "Nombre", "Count")),
        Column::narrow(tr(lang, "Part", "Share")),
    ];
    let mut key_rows = vec![
        vec![
            Cell::text(tr(lang, "Propositions", "Proposals")),
            Cell::Int(p.total),
            Cell::Empty,
        ],
        vec![
            Cell::text(tr(
                lang,
                "Propositions prises en compte (hors retirées)",
                "Proposals counted (withdrawn left out)",
            )),
            Cell::Int(p.counted),
            Cell::Empty,
        ],
    ];
    for group in &p.groups {
        key_rows.push(vec![
            Cell::text(capitalised(group.label)),
            Cell::Int(group.count),
            Cell::Percent(group.share),
        ]);
    }
    key_rows.push(vec![
        Cell::text(tr(lang, "Participants à l’enquête", "Survey participants")),
        Cell::Int(stats.survey.participants),
        Cell::Empty,
    ]);
    let key = sheet.put_table(
        4,
        tr(lang, "tblChiffresCles", "tblKeyFigures"),
        &key_columns,
        &key_rows,
        st,
    )?;
    let note_row = key.last_row + 1;

    // Statuses.
    let status_columns = [
        Column::new(tr(lang, "Statut", "Status")),
        Column::narrow(tr(lang, "Groupe", "Group")),
        Column::narrow(tr(lang, "Nombre", "Count")),
        Column::narrow(tr(lang, "Part", "Share")),
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
                Cell::text(status.label(lang)),
                Cell::opt_text(status.group().map(|g| g.label(lang))),
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
        tr(lang, "tblStatuts", "tblStatuses"),
        &status_columns,
        &status_rows,
        st,
    )?;
    status_fills(&mut sheet.ws, statuses.data_rows(), 0, lang)?;

    // Theme × status.
    let mut theme_columns = vec![Column::new(tr(lang, "Thème", "Theme"))];
    theme_columns.extend(Status::ALL.iter().map(|s| Column::narrow(s.label(lang))));
    theme_columns.push(Column::narrow("Total"));
    let theme_rows: Vec<Vec<Cell<'_>>> = p
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
    let themes_header = statuses.last_row + 3;
    let themes = sheet.put_table(
        themes_header,
        tr(lang, "tblStatutsParTheme", "tblStatusByTheme"),
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
    put_heading(
        &mut sheet.ws,
        3,
        tr(lang, "Chiffres clés", "Key figures"),
        &st.subtitle,
    )?;
    put_heading(
        &mut sheet.ws,
        note_row,
        tr(
            lang,
            "Les parts portent sur les propositions prises en compte : les propositions retirées en sont exclues.",
            "Shares are of the proposals counted: withdrawn proposals are left out.",
        ),
        &st.note,
    )?;
    put_heading(
        &mut sheet.ws,
        statuses.header_row - 1,
        tr(lang, "Propositions par statut", "Proposals by status"),
        &st.subtitle,
    )?;
    put_heading(
        &mut sheet.ws,
        themes_header - 1,
        tr(
            lang,
            "Statut des propositions par thème",
            "Proposal status by theme",
        ),
        &st.subtitle,
    )?;

    if let Some((first, last)) = themes.data_rows() {
        let name = tr(lang, "Synthèse", "Summary");
        let mut chart = Chart::new(ChartType::BarStacked);
        for (j, status) in Status::ALL.iter().enumerate() {
            if p.by_status.get(status.code()).copied().unwrap_or(0) == 0 {
                continue;
            }
            let col = col_num(j + 1);
            chart
                .add_series()
                .set_name((name, themes.header_row, col))
                .set_categories((name, first, 0, last, 0))
                .set_values((name, first, col, last, col))
                .set_format(&mut bar_format(status_colour(*status)))
                .set_gap(60);
        }
        chart
            .title()
            .set_name(tr(
                lang,
                "Statut des propositions par thème",
                "Proposal status by theme",
            ))
            .set_font(ChartFont::new().set_size(12).set_bold());
        chart
            .x_axis()
            .set_name(tr(lang, "Nombre de propositions", "Number of proposals"))
            .set_num_format("0");
        // First theme on top, value axis kept at the bottom.
        chart
            .y_axis()
            .set_reverse()
            .set_crossing(ChartAxisCrossing::Max);
        chart.legend().set_position(ChartLegendPosition::Bottom);
        chart.set_alt_text(tr(
            lang,
            "Barres empilées : nombre de propositions par statut pour chaque thème (données dans le tableau ci-dessus).",
            "Stacked bars: number of proposals per status for each theme (data in the table above).",
        ));
        chart
            .set_width(760)
            .set_height(chart_height(p.by_theme.len()));
        sheet.ws.insert_chart(themes.last_row + 2, 0, &chart)?;
    }
    sheet.finish()
}

/// A title or note line: written without wrapping so it overflows to the right.
fn put_heading(
    ws: &mut Worksheet,
    row: RowNum,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if !text.is_empty() {
        let format = if looks_like_formula(text) {
            &format.clone().set_quote_prefix()
        } else {
            format
        };
        ws.write_string_with_format(row, 0, cell_text(text), format)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// Propositions
// ---------------------------------------------------------------------------

/// The columns of the proposals sheet; the status column is the fifth.
const STATUS_COL: ColNum = 4;

fn proposals_sheet(input: &WorkbookInput<'_>, st: &Styles) -> Result<Worksheet, XlsxError> {
    let lang = input.lang;
    let mut sheet = Sheet::new(tr(lang, "Propositions", "Proposals"))?;
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
    status_fills(&mut sheet.ws, placed.data_rows(), STATUS_COL, lang)?;
    sheet.ws.set_freeze_panes(1, 1)?;
    sheet.finish()
}

// ---------------------------------------------------------------------------
// Satisfaction
// ---------------------------------------------------------------------------

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

fn scale_label(code: &str, lang: Lang) -> &'static str {
    match code {
        "two_point" => tr(lang, "2 niveaux", "2-point"),
        "four_point" => tr(lang, "4 niveaux", "4-point"),
        _ => tr(lang, "5 niveaux", "5-point"),
    }
}

fn satisfaction_sheet(input: &WorkbookInput<'_>, st: &Styles) -> Result<Worksheet, XlsxError> {
    let lang = input.lang;
    let statements = &input.stats.statements;
    let mut sheet = Sheet::new("Satisfaction")?;
    sheet.print_as_list()?;
    let levels = level_headers(statements);

    let mut columns = vec![
        Column::new(tr(lang, "N°", "No.")),
        Column::new(tr(lang, "Affirmation", "Statement")),
        Column::new(tr(lang, "Échelle", "Scale")),
        Column::narrow(tr(lang, "Réponses (n)", "Answers (n)")),
        Column::narrow(tr(lang, "Sans réponse", "Non-answers")),
    ];
    columns.extend(
        levels
            .iter()
            .map(|(_, label)| Column::narrow(format!("{label} ({})", tr(lang, "nb", "n")))),
    );
    let shares_col = columns.len();
    columns.extend(
        levels
            .iter()
            .map(|(_, label)| Column::narrow(format!("{label} (%)"))),
    );
    columns.extend([
        Column::narrow(tr(lang, "D’accord (part)", "Agreeing (share)")),
        Column::narrow(tr(lang, "IC 95 % bas", "95% CI low")),
        Column::narrow(tr(lang, "IC 95 % haut", "95% CI high")),
        Column::new(tr(lang, "Libellé court (graphique)", "Short label (chart)")),
    ]);
    let label_col = columns.len() - 1;

    let rows: Vec<Vec<Cell<'_>>> = statements
        .iter()
        .map(|s| {
            let mut cells = vec![
                Cell::Int(s.index as u64),
                Cell::text(s.text.as_str()),
                Cell::text(scale_label(s.scale, lang)),
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
                Cell::text(format!("{}. {}", s.index, short_label(&s.text, 60))),
            ]);
            cells
        })
        .collect();
    let placed = sheet.put_table(
        0,
        tr(lang, "tblSatisfaction", "tblSatisfaction"),
        &columns,
        &rows,
        st,
    )?;
    sheet.ws.set_freeze_panes(1, 2)?;

    if let Some((first, last)) = placed.data_rows() {
        let mut chart = Chart::new(ChartType::BarPercentStacked);
        let label_col = col_num(label_col);
        for (j, (level, label)) in levels.iter().enumerate() {
            let col = col_num(shares_col + j);
            chart
                .add_series()
                // Literal name: the header cell also says "(%)".
                .set_name(label.as_str())
                .set_categories(("Satisfaction", first, label_col, last, label_col))
                .set_values(("Satisfaction", first, col, last, col))
                .set_format(&mut bar_format(level_colour(*level)))
                .set_gap(50);
        }
        chart
            .title()
            .set_name(tr(
                lang,
                "Répartition des réponses par affirmation",
                "Answers by statement",
            ))
            .set_font(ChartFont::new().set_size(12).set_bold());
        chart.x_axis().set_num_format("0%");
        chart
            .y_axis()
            .set_reverse()
            .set_crossing(ChartAxisCrossing::Max);
        chart.legend().set_position(ChartLegendPosition::Bottom);
        chart.set_alt_text(tr(
            lang,
            "Barres empilées à 100 % : part de chaque niveau de réponse pour chaque affirmation (données dans le tableau ci-dessus).",
            "100% stacked bars: share of each answer level for each statement (data in the table above).",
        ));
        chart
            .set_width(900)
            .set_height(chart_height(statements.len()));
        sheet.ws.insert_chart(placed.last_row + 2, 1, &chart)?;
    }
    sheet.finish()
}

// ---------------------------------------------------------------------------
// Suggestions, Suivi, Contrôles
// ---------------------------------------------------------------------------

fn suggestions_sheet(input: &WorkbookInput<'_>, st: &Styles) -> Result<Worksheet, XlsxError> {
    let lang = input.lang;
    let mut sheet = Sheet::new("Suggestions")?;
    sheet.print_as_list()?;
    let columns = [
        Column::new(tr(lang, "Groupe", "Group")),
        Column::new(tr(lang, "Catégorie", "Category")),
        Column::new("Suggestion"),
        Column::narrow("Votes"),
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
            Cell::text(tr(lang, "aucune suggestion", "no suggestions")),
            Cell::Empty,
        ]);
    }
    sheet.put_table(
        0,
        tr(lang, "tblSuggestions", "tblSuggestions"),
        &columns,
        &rows,
        st,
    )?;
    sheet.ws.set_freeze_panes(1, 0)?;
    sheet.finish()
}

fn follow_up_sheet(input: &WorkbookInput<'_>, st: &Styles) -> Result<Worksheet, XlsxError> {
    let lang = input.lang;
    let mut sheet = Sheet::new(tr(lang, "Suivi", "Follow-up"))?;
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
    status_fills(&mut sheet.ws, placed.data_rows(), 2, lang)?;
    status_fills(&mut sheet.ws, placed.data_rows(), 3, lang)?;
    sheet.ws.set_freeze_panes(1, 1)?;
    sheet.finish()
}

fn severity_label(severity: Severity, lang: Lang) -> &'static str {
    match severity {
        Severity::Error => tr(lang, "erreur", "error"),
        Severity::Warning => tr(lang, "avertissement", "warning"),
    }
}

fn checks_sheet(input: &WorkbookInput<'_>, st: &Styles) -> Result<Worksheet, XlsxError> {
    let lang = input.lang;
    let mut sheet = Sheet::new(tr(lang, "Contrôles", "Checks"))?;
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

#[cfg(test)]
mod tests {
    use std::io::Cursor;
    use std::path::Path;

    use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
    use time::macros::{date, datetime};

    use super::*;
    use crate::config::{Config, Overrides};
    use crate::diagnostics::{Code, Diagnostic};
    use crate::model::{Origin, Proposal, Reading, Suggestion, SurveySink};
    use crate::stats::{self, SurveyAccumulator};

    const CONFIG: &str = r#"
[report]
title = "Conseil eurométropolitain du numérique responsable"
short_title = "CENR"
organisation = "Eurométropole de Strasbourg"
edition = 2025
session_date = 2025-11-15

[inputs]
proposals = "inputs/p.xlsx"
"#;

    fn proposal(id: &str, theme: &str, title: &str, status: Status) -> Proposal {
        Proposal {
            id: id.into(),
            theme: theme.into(),
            title: title.into(),
            description: Some("Une description assez longue pour être renvoyée à la ligne dans la colonne, comme dans un vrai registre de propositions.".into()),
            status,
            answer: None,
            owner: Some("DNSI".into()),
            due: None,
            condition: None,
            progress: None,
            origin: Origin {
                file: "inputs/p.xlsx".into(),
                sheet: Some("Propositions".into()),
                row: Some(5),
            },
        }
    }

    fn register() -> Register {
        let mut p1 = proposal("P01", "Inclusion numérique", "=1+1", Status::Accepted);
        p1.due = Some(Due::Date(date!(2026 - 03 - 31)));
        p1.progress = Some(0.4);
        let mut p2 = proposal("P02", "inclusion numérique ", "@SUM(A1)", Status::ToClarify);
        p2.due = Some(Due::Period {
            text: "printemps 2026".into(),
            start: date!(2026 - 03 - 20),
        });
        let p3 = proposal(
            "P03",
            "Sobriété",
            "+33 et -2 : des chiffres",
            Status::Rejected,
        );
        let p4 = proposal("P04", "Sobriété", "Retirée en séance", Status::Withdrawn);
        Register {
            proposals: vec![p1, p2, p3, p4],
        }
    }

    struct Fixture {
        stats: Stats,
        register: Register,
        diagnostics: Diagnostics,
    }

    fn fixture(lang: Lang, previous: bool, diagnostics: bool) -> Fixture {
        let overrides = Overrides {
            lang: Some(lang),
            ..Overrides::default()
        };
        let config = Config::parse(CONFIG, Path::new("/project"), &overrides).unwrap();
        let register = register();
        let before = Register {
            proposals: vec![
                proposal("P01", "Inclusion", "Ancien titre", Status::UnderStudy),
                proposal("P09", "Inclusion", "Disparue", Status::Rejected),
            ],
        };
        let mut survey = SurveyAccumulator::new();
        let levels = [
            Level::StronglyAgree,
            Level::Agree,
            Level::Neutral,
            Level::Disagree,
        ];
        for (i, level) in levels.iter().cycle().take(12).enumerate() {
            survey.participant_named(None);
            let reading = Reading::Level {
                level: *level,
                two_point: false,
                numeric: false,
            };
            survey.answer_named(
                "Le rythme d’une rencontre par mois était adapté.",
                None,
                reading,
            );
            let two = Reading::Level {
                level: if i % 3 == 0 {
                    Level::Disagree
                } else {
                    Level::Agree
                },
                two_point: true,
                numeric: false,
            };
            survey.answer_named("=Je recommanderais le conseil", None, two);
        }
        survey.answer_named(
            "Le rythme d’une rencontre par mois était adapté.",
            None,
            Reading::NonAnswer,
        );
        let suggestions = vec![
            Suggestion {
                group: "finalité".into(),
                category: Some("suivi".into()),
                text: "Publier un tableau de suivi".into(),
                votes: Some(4),
            },
            Suggestion {
                group: "animation".into(),
                category: None,
                text: "-Plus de pauses".into(),
                votes: None,
            },
        ];
        let mut diags = Diagnostics::new();
        if diagnostics {
            diags.push(
                Diagnostic::error(Code::UnknownStatus, "inputs/p.xlsx", "unknown status \"x\"")
                    .sheet(Some("Propositions"))
                    .row(14)
                    .column("Statut")
                    .hint("did you mean \"non retenue\"?"),
            );
            diags.push(Diagnostic::warning(
                Code::MissingAnswer,
                "inputs/p.xlsx",
                "no answer",
            ));
        }
        let stats = stats::compute(
            &config,
            stats::Inputs {
                register: &register,
                previous: previous.then_some(&before),
                survey: &survey,
                suggestions: &suggestions,
                sources: Vec::new(),
                diagnostics: &diags,
            },
        );
        Fixture {
            stats,
            register,
            diagnostics: diags,
        }
    }

    fn build(f: &Fixture, lang: Lang) -> Vec<u8> {
        write_workbook(&WorkbookInput {
            stats: &f.stats,
            register: &f.register,
            diagnostics: &f.diagnostics,
            lang,
            timestamp: datetime!(2025-11-15 10:00:00),
        })
        .unwrap()
    }

    fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
        open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap()
    }

    /// The cell under `header` in data row `i` (0-based) of a sheet whose table starts at A1.
    fn cell(range: &calamine::Range<Data>, header: &str, i: usize) -> Data {
        let col = (0..range.width())
            .find(|&c| range.get((0, c)) == Some(&Data::String(header.into())))
            .unwrap_or_else(|| panic!("no column {header:?}"));
        range.get((i + 1, col)).cloned().unwrap_or(Data::Empty)
    }

    /// Whether the zip holds an entry of that name (names are stored uncompressed).
    fn has_entry(bytes: &[u8], name: &str) -> bool {
        bytes.windows(name.len()).any(|w| w == name.as_bytes())
    }

    #[test]
    fn sheets_are_named_and_ordered_in_french() {
        let f = fixture(Lang::Fr, true, true);
        let wb = open(&build(&f, Lang::Fr));
        assert_eq!(
            wb.sheet_names(),
            [
                "Synthèse",
                "Propositions",
                "Satisfaction",
                "Suggestions",
                "Suivi",
                "Contrôles"
            ]
        );
        assert_eq!(wb.sheet_names(), sheet_names(Lang::Fr, true));
    }

    #[test]
    fn english_names_and_no_follow_up_without_a_previous_edition() {
        let f = fixture(Lang::En, false, true);
        let mut wb = open(&build(&f, Lang::En));
        assert_eq!(
            wb.sheet_names(),
            [
                "Summary",
                "Proposals",
                "Satisfaction",
                "Suggestions",
                "Checks"
            ]
        );
        let proposals = wb.worksheet_range("Proposals").unwrap();
        assert_eq!(
            cell(&proposals, "Status", 2),
            Data::String("not accepted".into())
        );
    }

    #[test]
    fn proposals_sheet_has_one_row_per_proposal_with_typed_cells() {
        let f = fixture(Lang::Fr, true, true);
        let mut wb = open(&build(&f, Lang::Fr));
        let r = wb.worksheet_range("Propositions").unwrap();
        assert_eq!(r.start(), Some((0, 0)));
        assert_eq!(r.height(), 1 + f.register.proposals.len());

        // A due date is a date cell, and so is the start of a period.
        match cell(&r, "Échéance", 0) {
            Data::DateTime(d) => {
                assert!(d.is_datetime());
                assert_eq!(d.as_f64(), 46112.0, "2026-03-31");
            }
            other => panic!("due date is not a date: {other:?}"),
        }
        assert_eq!(
            cell(&r, "Échéance", 1),
            Data::String("printemps 2026".into())
        );
        assert!(
            matches!(cell(&r, "Échéance (début)", 1), Data::DateTime(d) if d.as_f64() == 46101.0)
        );
        // Progress is a number (formatted as a percentage), not text.
        assert_eq!(cell(&r, "Avancement", 0), Data::Float(0.4));
        assert_eq!(
            cell(&r, "Statut", 0),
            Data::String("acceptée (réalisable en 2026)".into())
        );
        assert_eq!(cell(&r, "Ligne", 0), Data::Float(5.0));
        // Themes as the statistics spell them, whatever the row's spelling.
        assert_eq!(
            cell(&r, "Thème", 1),
            Data::String("Inclusion numérique".into())
        );
    }

    #[test]
    fn formula_looking_text_stays_text() {
        let f = fixture(Lang::Fr, true, true);
        let bytes = build(&f, Lang::Fr);
        let mut wb = open(&bytes);
        let r = wb.worksheet_range("Propositions").unwrap();
        assert_eq!(cell(&r, "Titre", 0), Data::String("=1+1".into()));
        assert_eq!(cell(&r, "Titre", 1), Data::String("@SUM(A1)".into()));
        assert_eq!(
            cell(&r, "Titre", 2),
            Data::String("+33 et -2 : des chiffres".into())
        );
        for sheet in wb.sheet_names() {
            let formulas = wb.worksheet_formula(&sheet).unwrap();
            assert!(
                formulas.used_cells().all(|(_, _, f)| f.is_empty()),
                "a formula in {sheet}"
            );
        }
        let s = wb.worksheet_range("Suggestions").unwrap();
        assert!(
            s.used_cells()
                .any(|(_, _, v)| v == &Data::String("-Plus de pauses".into()))
        );
    }

    #[test]
    fn summary_sheet_has_key_figures_and_the_theme_table() {
        let f = fixture(Lang::Fr, true, true);
        let mut wb = open(&build(&f, Lang::Fr));
        let r = wb.worksheet_range("Synthèse").unwrap();
        let find = |label: &str| {
            r.rows()
                .find(|row| row.first() == Some(&Data::String(label.into())))
                .unwrap_or_else(|| panic!("no row {label:?}"))
                .to_vec()
        };
        assert_eq!(find("Propositions")[1], Data::Float(4.0));
        assert_eq!(
            find("Propositions prises en compte (hors retirées)")[1],
            Data::Float(3.0)
        );
        let retained = find("Retenues");
        assert_eq!(retained[1], Data::Float(1.0));
        assert_eq!(retained[2], Data::Float(0.3333));
        assert_eq!(find("Participants à l’enquête")[1], Data::Float(12.0));
        let theme = find("Inclusion numérique");
        assert_eq!(theme[1], Data::Float(1.0), "accepted");
        assert_eq!(theme.last(), Some(&Data::Float(2.0)), "total");
        assert_eq!(find("Sobriété").last(), Some(&Data::Float(2.0)));
    }

    #[test]
    fn satisfaction_sheet_gives_levels_agreement_and_interval() {
        let f = fixture(Lang::Fr, true, true);
        let mut wb = open(&build(&f, Lang::Fr));
        let r = wb.worksheet_range("Satisfaction").unwrap();
        assert_eq!(r.height(), 1 + f.stats.statements.len());
        let s = &f.stats.statements[0];
        assert_eq!(cell(&r, "Réponses (n)", 0), Data::Float(12.0));
        assert_eq!(cell(&r, "Sans réponse", 0), Data::Float(1.0));
        assert_eq!(cell(&r, "tout à fait d’accord (nb)", 0), Data::Float(3.0));
        assert_eq!(cell(&r, "tout à fait d’accord (%)", 0), Data::Float(0.25));
        assert_eq!(cell(&r, "D’accord (part)", 0), Data::Float(s.agree.share));
        assert_eq!(cell(&r, "IC 95 % bas", 0), Data::Float(s.agree.low));
        assert_eq!(cell(&r, "IC 95 % haut", 0), Data::Float(s.agree.high));
        // The 2-point statement shares the "agree" column and leaves the others blank.
        assert_eq!(
            cell(&r, "plutôt d’accord / d’accord (nb)", 1),
            Data::Float(8.0)
        );
        assert_eq!(cell(&r, "tout à fait d’accord (nb)", 1), Data::Empty);
        assert_eq!(
            cell(&r, "Affirmation", 1),
            Data::String("=Je recommanderais le conseil".into())
        );
    }

    #[test]
    fn follow_up_lists_changes_then_new_and_gone_ids() {
        let f = fixture(Lang::Fr, true, true);
        let mut wb = open(&build(&f, Lang::Fr));
        let r = wb.worksheet_range("Suivi").unwrap();
        let ids: Vec<_> = (0..r.height() - 1).map(|i| cell(&r, "N°", i)).collect();
        let s = |x: &str| Data::String(x.into());
        assert_eq!(ids, [s("P01"), s("P02"), s("P03"), s("P04"), s("P09")]);
        assert_eq!(
            cell(&r, "Statut (édition précédente)", 0),
            s("encore à l’étude")
        );
        assert_eq!(cell(&r, "Changé", 0), s("oui"));
        assert_eq!(cell(&r, "Éditions", 1), s("nouvelle"));
        assert_eq!(cell(&r, "Éditions", 4), s("absente de cette édition"));
    }

    #[test]
    fn checks_sheet_lists_diagnostics_or_says_there_are_none() {
        let f = fixture(Lang::Fr, false, true);
        let mut wb = open(&build(&f, Lang::Fr));
        let r = wb.worksheet_range("Contrôles").unwrap();
        assert_eq!(r.height(), 3);
        assert_eq!(cell(&r, "Gravité", 0), Data::String("erreur".into()));
        assert_eq!(cell(&r, "Ligne", 0), Data::Float(14.0));
        assert_eq!(cell(&r, "Colonne", 0), Data::String("Statut".into()));
        assert_eq!(
            cell(&r, "Conseil", 0),
            Data::String("did you mean \"non retenue\"?".into())
        );
        assert_eq!(cell(&r, "Gravité", 1), Data::String("avertissement".into()));

        let f = fixture(Lang::Fr, false, false);
        let mut wb = open(&build(&f, Lang::Fr));
        let r = wb.worksheet_range("Contrôles").unwrap();
        assert_eq!(r.height(), 2);
        assert_eq!(
            cell(&r, "Gravité", 0),
            Data::String("aucun problème".into())
        );
    }

    #[test]
    fn summary_and_satisfaction_carry_native_charts() {
        let f = fixture(Lang::Fr, true, true);
        let bytes = build(&f, Lang::Fr);
        assert!(has_entry(&bytes, "xl/charts/chart1.xml"));
        assert!(has_entry(&bytes, "xl/charts/chart2.xml"));
        assert!(!has_entry(&bytes, "xl/charts/chart3.xml"));
        assert!(has_entry(&bytes, "xl/drawings/drawing1.xml"));
        assert!(has_entry(&bytes, "xl/drawings/drawing2.xml"));

        // Without survey answers only the summary's chart is left: the second
        // chart is the Satisfaction one.
        let mut f = fixture(Lang::Fr, true, true);
        f.stats.statements.clear();
        let bytes = build(&f, Lang::Fr);
        assert!(has_entry(&bytes, "xl/charts/chart1.xml"));
        assert!(!has_entry(&bytes, "xl/charts/chart2.xml"));
    }

    #[test]
    fn same_input_gives_the_same_bytes() {
        let f = fixture(Lang::Fr, true, true);
        let first = build(&f, Lang::Fr);
        assert_eq!(first, build(&f, Lang::Fr));
        // The timestamp is what is recorded, not the clock.
        let later = write_workbook(&WorkbookInput {
            stats: &f.stats,
            register: &f.register,
            diagnostics: &f.diagnostics,
            lang: Lang::Fr,
            timestamp: datetime!(2026-01-01 00:00:00),
        })
        .unwrap();
        assert_ne!(first, later);
    }

    #[test]
    fn empty_inputs_still_give_a_valid_workbook() {
        let f = Fixture {
            stats: {
                let config = Config::parse(CONFIG, Path::new("/p"), &Overrides::default()).unwrap();
                stats::compute(
                    &config,
                    stats::Inputs {
                        register: &Register::default(),
                        previous: None,
                        survey: &SurveyAccumulator::new(),
                        suggestions: &[],
                        sources: Vec::new(),
                        diagnostics: &Diagnostics::new(),
                    },
                )
            },
            register: Register::default(),
            diagnostics: Diagnostics::new(),
        };
        let bytes = build(&f, Lang::Fr);
        let mut wb = open(&bytes);
        assert_eq!(wb.worksheet_range("Propositions").unwrap().height(), 1);
        assert!(!has_entry(&bytes, "xl/charts/chart1.xml"));
    }

    #[test]
    fn rows_are_as_tall_as_their_wrapped_text() {
        let line = "Lancer un appel à projets incitant à des actions croisées";
        // A column sized to a line holds it on one line.
        assert_eq!(wrapped_lines(line, line_px(line, false), false), 1);
        assert_eq!(wrapped_lines(line, line_px(line, false) - 1, false), 2);
        assert_eq!(wrapped_lines("un\ndeux\n\ntrois", 500, false), 4);
        // A word wider than the column breaks.
        assert_eq!(wrapped_lines(&"m".repeat(30), 100, false), 4);

        let mut sheet = Sheet::new("S").unwrap();
        let rows = vec![vec![Cell::text("court")], vec![Cell::text(line.repeat(4))]];
        sheet
            .put_table(
                0,
                "tblS",
                &[Column::new("Titre")],
                &rows,
                &Styles::new(Lang::Fr),
            )
            .unwrap();
        assert_eq!(sheet.widths[&0], MAX_TEXT_WIDTH_PX);
        let tall = sheet
            .texts
            .iter()
            .find(|t| t.row == 2)
            .map(|t| wrapped_lines(&t.text, MAX_TEXT_WIDTH_PX - PADDING_PX, false));
        assert!(matches!(tall, Some(n) if n >= 4), "{tall:?}");
    }

    #[test]
    fn long_text_is_cut_to_what_a_cell_holds() {
        let long = "é".repeat(40_000);
        let cut = cell_text(&long);
        assert_eq!(cut.encode_utf16().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with('…'));
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
