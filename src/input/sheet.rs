//! Workbooks (xlsx, xlsm, xlsb, xls, ods) read through calamine into plain [`Table`]s.
//!
//! Keeps what the register needs to know of each cell: text, number, a number shown as
//! a percentage, a date, a formula error. Merged cells take the value of their top-left
//! cell; row numbers are the sheet's own. Knows nothing of proposals or surveys.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{Data, Dimensions, Range, Reader, Sheets, open_workbook_auto};
use time::{Date, Month};

use super::{Cell, Place, Row, Table, io_diagnostic};
use crate::config::InputPath;
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};

/// An open workbook.
pub(crate) struct Workbook {
    sheets: Sheets<BufReader<File>>,
    names: Vec<String>,
    /// Merged regions and percentage cells of an ODS file, which calamine does not expose.
    ods: HashMap<String, OdsSheetInfo>,
}

impl Workbook {
    /// Opens a workbook; pushes `not-a-spreadsheet` or `no-sheet` and returns `None` when
    /// it cannot be read or holds no sheet.
    pub(crate) fn open(input: &InputPath, diags: &mut Diagnostics) -> Option<Workbook> {
        if let Err(e) = File::open(&input.path) {
            diags.push(io_diagnostic(input, &e));
            return None;
        }
        let sheets = match open_workbook_auto(&input.path) {
            Ok(s) => s,
            Err(e) => {
                diags.push(open_error(input, &e));
                return None;
            }
        };
        let names = sheets.sheet_names();
        if names.is_empty() {
            diags.push(
                Diagnostic::error(
                    "no-sheet",
                    &input.display,
                    "the workbook has no sheets (the file may be damaged)",
                )
                .hint("open it in Excel or LibreOffice and save it again"),
            );
            return None;
        }
        let ods = if matches!(sheets, Sheets::Ods(_)) {
            ods_sheet_info(&input.path)
        } else {
            HashMap::new()
        };
        Some(Workbook { sheets, names, ods })
    }

    /// The sheet named `wanted` (`no-sheet` if absent), or every sheet in workbook order.
    pub(crate) fn tables(
        &mut self,
        input: &InputPath,
        wanted: Option<&str>,
        diags: &mut Diagnostics,
    ) -> Vec<Table> {
        match wanted {
            Some(name) => {
                let Some(found) = self.find_sheet(name) else {
                    let list = self
                        .names
                        .iter()
                        .map(|n| format!("\"{n}\""))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let mut d = Diagnostic::error(
                        "no-sheet",
                        &input.display,
                        format!("no sheet named \"{name}\" (sheets: {list})"),
                    );
                    d = match did_you_mean(name, self.names.iter().map(String::as_str)) {
                        Some(close) => d.hint(format!("did you mean \"{close}\"?")),
                        None => d.hint(
                            "set proposals_sheet in bilan.toml to one of the sheets, or remove it",
                        ),
                    };
                    diags.push(d);
                    return Vec::new();
                };
                self.table(input, &found, diags).into_iter().collect()
            }
            None => {
                let names = self.names.clone();
                names
                    .iter()
                    .filter_map(|n| self.table(input, n, diags))
                    .collect()
            }
        }
    }

    /// The first sheet that holds anything.
    pub(crate) fn first_table(
        &mut self,
        input: &InputPath,
        diags: &mut Diagnostics,
    ) -> Option<Table> {
        let names = self.names.clone();
        let mut first = None;
        for name in &names {
            let Some(table) = self.table(input, name, diags) else {
                continue;
            };
            if table.rows.iter().any(|r| !r.is_blank()) {
                return Some(table);
            }
            first.get_or_insert(table);
        }
        first
    }

    /// A sheet by name: exactly, else ignoring case and surrounding spaces.
    fn find_sheet(&self, name: &str) -> Option<String> {
        self.names
            .iter()
            .find(|n| n.as_str() == name)
            .or_else(|| {
                self.names
                    .iter()
                    .find(|n| n.trim().to_lowercase() == name.trim().to_lowercase())
            })
            .cloned()
    }

    /// Reads one sheet.
    pub(crate) fn table(
        &mut self,
        input: &InputPath,
        name: &str,
        diags: &mut Diagnostics,
    ) -> Option<Table> {
        let range = match self.sheets.worksheet_range(name) {
            Ok(r) => r,
            Err(e) => {
                diags.push(
                    Place::new(input, Some(name))
                        .error(
                            "not-a-spreadsheet",
                            format!("failed to read the sheet ({})", describe(&e.to_string())),
                        )
                        .hint("open the workbook in Excel or LibreOffice and save it again"),
                );
                return None;
            }
        };
        let merges: Vec<Dimensions> = match &mut self.sheets {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
            Sheets::Ods(_) => self
                .ods
                .get(name)
                .map(|i| i.merges.clone())
                .unwrap_or_default(),
            Sheets::Xlsb(_) => Vec::new(),
        };
        let percent: Box<dyn Fn(u32, u32) -> bool> = match &mut self.sheets {
            Sheets::Xlsx(x) => match x.worksheet_style(name) {
                Ok(styles) => Box::new(move |r, c| {
                    styles
                        .get((r, c))
                        .and_then(|s| s.number_format.as_ref())
                        .is_some_and(|f| is_percent_format(&f.format_code))
                }),
                Err(_) => Box::new(|_, _| false),
            },
            Sheets::Ods(_) => {
                let cells = self
                    .ods
                    .get(name)
                    .map(|i| i.percent.clone())
                    .unwrap_or_default();
                Box::new(move |r, c| cells.contains(&(r, c)))
            }
            _ => Box::new(|_, _| false),
        };
        Some(to_table(name, &range, &merges, &*percent))
    }
}

/// Builds a table from a calamine range: converted cells, merged regions filled from
/// their top-left cell, absolute row numbers.
fn to_table(
    name: &str,
    range: &Range<Data>,
    merges: &[Dimensions],
    percent: &dyn Fn(u32, u32) -> bool,
) -> Table {
    let Some((row0, col0)) = range.start() else {
        return Table {
            sheet: Some(name.to_string()),
            first_col: 0,
            rows: Vec::new(),
        };
    };
    let mut grid: Vec<Vec<Cell>> = range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            row.iter()
                .enumerate()
                .map(|(j, d)| convert(d, percent(row0 + i as u32, col0 + j as u32)))
                .collect()
        })
        .collect();
    for m in merges {
        let (Some(top), Some(left)) = (m.start.0.checked_sub(row0), m.start.1.checked_sub(col0))
        else {
            continue;
        };
        let (top, left) = (top as usize, left as usize);
        let Some(value) = grid.get(top).and_then(|r| r.get(left)).cloned() else {
            continue;
        };
        if value.is_blank() {
            continue;
        }
        let bottom = (m.end.0.saturating_sub(row0) as usize).min(grid.len().saturating_sub(1));
        for row in grid.iter_mut().take(bottom + 1).skip(top) {
            let right = (m.end.1.saturating_sub(col0) as usize).min(row.len().saturating_sub(1));
            for cell in row.iter_mut().take(right + 1).skip(left) {
                if cell.is_blank() {
                    *cell = value.clone();
                }
            }
        }
    }
    Table {
        sheet: Some(name.to_string()),
        first_col: col0 as usize,
        rows: grid
            .into_iter()
            .enumerate()
            .map(|(i, cells)| Row {
                number: row0 as usize + i + 1,
                cells,
            })
            .collect(),
    }
}

fn convert(d: &Data, percent: bool) -> Cell {
    let number = |n: f64| {
        if percent {
            Cell::Percent(n)
        } else {
            Cell::Number(n)
        }
    };
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => number(*i as f64),
        Data::Float(f) => number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::Error(e) => Cell::Error(e.to_string()),
        Data::DateTime(dt) => {
            if dt.is_datetime() && dt.as_f64() >= 1.0 {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                match Month::try_from(m)
                    .ok()
                    .and_then(|m| Date::from_calendar_date(i32::from(y), m, d).ok())
                {
                    Some(date) => Cell::Date(date),
                    None => Cell::Number(dt.as_f64()),
                }
            } else {
                Cell::Number(dt.as_f64())
            }
        }
        Data::DateTimeIso(s) => iso_date(s).map_or_else(|| Cell::Text(s.clone()), Cell::Date),
        Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

/// The date part of an ISO 8601 date or date-time (`2026-03-31T00:00:00`).
fn iso_date(s: &str) -> Option<Date> {
    let date = s.get(..10)?;
    let mut parts = date.split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let d: u8 = parts.next()?.parse().ok()?;
    Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()
}

/// Whether a number format shows a percentage: a `%` outside quotes and brackets.
fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut bracket = false;
    let mut escaped = false;
    for c in code.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if !quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            '%' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

/// A human sentence for a workbook that cannot be opened.
fn open_error(input: &InputPath, e: &calamine::Error) -> Diagnostic {
    if let calamine::Error::Io(io) = e {
        return io_diagnostic(input, io);
    }
    let raw = e.to_string();
    let ext = input
        .path
        .extension()
        .and_then(|x| x.to_str())
        .unwrap_or("xlsx")
        .to_ascii_lowercase();
    let lower = raw.to_lowercase();
    let (cause, hint) = if lower.contains("password") || lower.contains("encrypt") {
        (
            "the workbook is password-protected".to_string(),
            "remove the password (in Excel: File › Info › Protect Workbook) and save it again"
                .to_string(),
        )
    } else if lower.contains("eocd") || lower.contains("zip") {
        (
            format!(
                "the file is not a valid zip archive: it may be truncated, damaged, or another kind of file renamed to .{ext}"
            ),
            if looks_like_text(&input.path) {
                "it looks like a text (CSV) file: rename it to .csv".to_string()
            } else {
                format!("open it in Excel or LibreOffice and save it again as .{ext}")
            },
        )
    } else if lower.contains("cannot detect file format") {
        (
            "the format is not one of xlsx, xlsm, xlsb, xls, ods".to_string(),
            "save it as .xlsx, .ods or .csv".to_string(),
        )
    } else {
        (
            describe(&raw),
            format!("open it in Excel or LibreOffice and save it again as .{ext}"),
        )
    };
    Diagnostic::error(
        "not-a-spreadsheet",
        &input.display,
        format!("not a readable spreadsheet ({cause})"),
    )
    .hint(hint)
}

/// calamine's message made a lowercase cause.
fn describe(raw: &str) -> String {
    let lower = raw.to_lowercase();
    if lower.contains("eocd") {
        return "the file is not a valid zip archive: it may be truncated or damaged".to_string();
    }
    super::lowercase_first(raw)
}

fn looks_like_text(path: &Path) -> bool {
    let mut head = [0u8; 512];
    let Ok(n) = File::open(path).and_then(|mut f| f.read(&mut head)) else {
        return false;
    };
    n > 0 && std::str::from_utf8(&head[..n]).is_ok() && !head[..n].contains(&0)
}

/// What calamine does not tell of an ODS sheet.
#[derive(Debug, Default, Clone)]
struct OdsSheetInfo {
    merges: Vec<Dimensions>,
    /// Absolute (row, column) of cells whose value type is `percentage`.
    percent: HashSet<(u32, u32)>,
}

/// Scans `content.xml` for spanned cells (`table:number-rows-spanned`,
/// `table:number-columns-spanned`) and percentage cells, counting rows and columns as
/// calamine does (repeats included). Any problem gives an empty answer: the values
/// are then read without merge filling, which calamine reports on its own if broken.
fn ods_sheet_info(path: &Path) -> HashMap<String, OdsSheetInfo> {
    let mut out = HashMap::new();
    let Ok(file) = File::open(path) else {
        return out;
    };
    let Ok(mut archive) = zip::ZipArchive::new(BufReader::new(file)) else {
        return out;
    };
    let Ok(entry) = archive.by_name("content.xml") else {
        return out;
    };
    if entry.size() > 256 * 1024 * 1024 {
        return out;
    }
    let mut xml = String::new();
    if entry
        .take(256 * 1024 * 1024)
        .read_to_string(&mut xml)
        .is_err()
    {
        return out;
    }
    scan_ods_content(&xml, &mut out);
    out
}

fn scan_ods_content(xml: &str, out: &mut HashMap<String, OdsSheetInfo>) {
    let mut sheet: Option<String> = None;
    let mut info = OdsSheetInfo::default();
    let mut depth = 0usize; // nesting of table:table (sub-tables are skipped)
    let mut row: u32 = 0;
    let mut col: u32 = 0;
    let mut row_repeat: u32 = 1;
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let Some(end) = tag_end(rest) else {
            break;
        };
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        let closing = tag.starts_with('/');
        let body = tag.trim_start_matches('/');
        let self_closing = body.ends_with('/');
        let name_end = body
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(body.len());
        let name = &body[..name_end];
        match (name, closing) {
            ("table:table", false) => {
                depth += 1;
                if depth == 1 {
                    sheet = attr(body, "table:name").map(unescape);
                    info = OdsSheetInfo::default();
                    row = 0;
                }
            }
            ("table:table", true) => {
                if depth == 1
                    && let Some(name) = sheet.take()
                {
                    out.insert(name, std::mem::take(&mut info));
                }
                depth = depth.saturating_sub(1);
            }
            _ if depth != 1 => {}
            ("table:table-row", false) => {
                row_repeat = attr_number(body, "table:number-rows-repeated").unwrap_or(1);
                col = 0;
                if self_closing {
                    row = row.saturating_add(row_repeat);
                }
            }
            ("table:table-row", true) => row = row.saturating_add(row_repeat),
            ("table:table-cell" | "table:covered-table-cell", false) => {
                let repeat = attr_number(body, "table:number-columns-repeated").unwrap_or(1);
                if name == "table:table-cell" {
                    let rows = attr_number(body, "table:number-rows-spanned").unwrap_or(1);
                    let cols = attr_number(body, "table:number-columns-spanned").unwrap_or(1);
                    if rows > 1 || cols > 1 {
                        info.merges.push(Dimensions::new(
                            (row, col),
                            (row.saturating_add(rows - 1), col.saturating_add(cols - 1)),
                        ));
                    }
                    if attr(body, "office:value-type") == Some("percentage") && repeat <= 1024 {
                        for c in 0..repeat {
                            info.percent.insert((row, col.saturating_add(c)));
                        }
                    }
                }
                col = col.saturating_add(repeat);
            }
            _ => {}
        }
    }
}

/// The end of a tag (`>`), skipping quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, b) in s.bytes().enumerate() {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before_ok = rest[..i].ends_with(char::is_whitespace);
        let after = &rest[i + name.len()..];
        if before_ok && let Some(after) = after.strip_prefix('=') {
            let quote = after.chars().next()?;
            if quote == '"' || quote == '\'' {
                let value = &after[1..];
                return value.find(quote).map(|end| &value[..end]);
            }
        }
        rest = &rest[i + name.len()..];
    }
    None
}

fn attr_number(tag: &str, name: &str) -> Option<u32> {
    attr(tag, name)?.parse().ok().filter(|n| *n >= 1)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats() {
        assert!(is_percent_format("0%"));
        assert!(is_percent_format("0.00 %"));
        assert!(is_percent_format("[Red]0%"));
        assert!(!is_percent_format("General"));
        assert!(!is_percent_format("0\" %\""));
        assert!(!is_percent_format("0\\%"));
        assert!(!is_percent_format("dd/mm/yyyy"));
    }

    #[test]
    fn ods_content_scan_finds_spans_and_percentages() {
        let xml = r#"<office:spreadsheet><table:table table:name="Registre &amp; suivi">
<table:table-column table:number-columns-repeated="3"/>
<table:table-row><table:table-cell office:value-type="string"><text:p>Titre</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>
<table:table-row><table:table-cell table:number-rows-spanned="2" office:value-type="string"><text:p>Inclusion</text:p></table:table-cell><table:table-cell/><table:table-cell office:value-type="percentage" office:value="0.4"/></table:table-row>
<table:table-row><table:covered-table-cell/><table:table-cell/></table:table-row>
</table:table><table:table table:name="Autre"></table:table></office:spreadsheet>"#;
        let mut out = HashMap::new();
        scan_ods_content(xml, &mut out);
        let info = &out["Registre & suivi"];
        assert_eq!(info.merges, vec![Dimensions::new((3, 0), (4, 0))]);
        assert!(info.percent.contains(&(3, 2)));
        assert!(out.contains_key("Autre"));
    }

    #[test]
    fn merged_cells_take_the_top_left_value() {
        let mut range = Range::new((2, 1), (5, 2));
        range.set_value((2, 1), Data::String("Thème".into()));
        range.set_value((3, 1), Data::String("Inclusion".into()));
        range.set_value((3, 2), Data::String("a".into()));
        range.set_value((4, 2), Data::String("b".into()));
        range.set_value((5, 2), Data::Float(0.5));
        let merges = [
            Dimensions::new((3, 1), (4, 1)),
            Dimensions::new((0, 0), (9, 9)),
        ];
        let table = to_table("S", &range, &merges, &|r, c| (r, c) == (5, 2));
        assert_eq!(table.first_col, 1);
        assert_eq!(table.rows[0].number, 3);
        assert_eq!(table.rows[2].cells[0], Cell::Text("Inclusion".into()));
        assert_eq!(table.rows[3].cells[0], Cell::Empty);
        assert_eq!(table.rows[3].cells[1], Cell::Percent(0.5));
    }

    #[test]
    fn iso_dates_from_ods() {
        assert_eq!(
            iso_date("2026-03-31T00:00:00"),
            Date::from_calendar_date(2026, Month::March, 31).ok()
        );
        assert_eq!(iso_date("PT12H"), None);
    }
}
