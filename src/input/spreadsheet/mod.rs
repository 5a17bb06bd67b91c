//! Workbooks (xlsx, xlsm, xlsb, xls, ods) read through calamine into plain [`Table`]s.
//!
//! Owns the [`Workbook`] reader: opening a workbook, finding a sheet, reading its cells
//! (bounded, see [`MAX_SHEET_CELLS`]), converting them to the crate's [`Cell`] (text,
//! number, a number shown as a percentage, a date, a formula error), filling merged
//! cells from their top-left cell, and turning calamine's errors and panics into
//! diagnostics. Row numbers are the sheet's own.
//!
//! Must not know of proposals or surveys, nor hand calamine a file `guard` has not
//! checked: the limits and the checks made before calamine opens a file live in
//! `guard` (sizes, zip bombs), `xls` (BIFF structures) and `ods` (`content.xml`), see
//! `docs/fuzzing.md`.

mod extent;
mod guard;
mod ods;
mod xls;

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{Data, DataRef, Dimensions, Range, Reader, Sheets, open_workbook_auto};
use time::{Date, Month};

use self::extent::Extent;
use self::guard::{guard, too_many_cells};
use self::ods::OdsSheetInfo;
use super::{Cell, Place, Row, Table, io_diagnostic};
use crate::config::InputPath;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, did_you_mean};
use crate::msg;

pub(crate) use self::extent::MAX_SHEET_CELLS;

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
        let size = match File::open(&input.path).and_then(|f| f.metadata()) {
            Ok(m) => m.len(),
            Err(e) => {
                diags.push(io_diagnostic(input, &e));
                return None;
            }
        };
        let ods = match guard(input, size) {
            Ok(ods) => ods,
            Err(d) => {
                diags.push(*d);
                return None;
            }
        };
        let sheets = match shielded(|| open_workbook_auto(&input.path)) {
            Ok(Ok(s)) => s,
            Ok(Err(e)) => {
                diags.push(open_error(input, &e));
                return None;
            }
            Err(()) => {
                diags.push(reader_failed(input, None));
                return None;
            }
        };
        let names = sheets.sheet_names();
        if names.is_empty() {
            diags.push(
                Diagnostic::error(Code::NoSheet, &input.display, msg!("no-sheet-none"))
                    .hint(msg!("no-sheet-none-hint")),
            );
            return None;
        }
        let ods = if matches!(sheets, Sheets::Ods(_)) {
            ods.unwrap_or_default()
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
                    let mut d = Diagnostic::error(
                        Code::NoSheet,
                        &input.display,
                        msg!("no-sheet-named", name = name, sheets = self.sheet_list()),
                    );
                    d = match did_you_mean(name, self.names.iter().map(String::as_str)) {
                        Some(close) => d.hint(msg!("did-you-mean", label = close)),
                        None => d.hint(msg!("no-sheet-named-hint")),
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

    /// The sheets' names, in workbook order.
    pub(crate) fn sheet_names(&self) -> &[String] {
        &self.names
    }

    /// The sheets' names for a message: `"Notes", "Data"`.
    pub(crate) fn sheet_list(&self) -> String {
        self.names
            .iter()
            .map(|n| ["\"", n, "\""].concat())
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// A sheet by name: exactly, else ignoring case and surrounding spaces.
    pub(crate) fn find_sheet(&self, name: &str) -> Option<String> {
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
        let sheets = &mut self.sheets;
        let read = shielded(move || match sheets {
            Sheets::Xlsx(x) => match x.worksheet_cells_reader(name) {
                Ok(mut cells) => bounded_range(|| cells.next_cell().map_err(|e| e.to_string())),
                // A chart sheet holds no cells.
                Err(calamine::XlsxError::NotAWorksheet(_)) => Ok(Range::default()),
                Err(e) => Err(SheetError::Read(e.to_string())),
            },
            Sheets::Xlsb(x) => match x.worksheet_cells_reader(name) {
                Ok(mut cells) => bounded_range(|| cells.next_cell().map_err(|e| e.to_string())),
                Err(e) => Err(SheetError::Read(e.to_string())),
            },
            // calamine reads these whole when it opens them: `guard` checked them then.
            sheets => sheets
                .worksheet_range(name)
                .map_err(|e| SheetError::Read(e.to_string())),
        });
        let range = match read.unwrap_or(Err(SheetError::Panicked)) {
            Ok(r) => r,
            Err(SheetError::Panicked) => {
                diags.push(reader_failed(input, Some(name)));
                return None;
            }
            Err(SheetError::Read(e)) => {
                diags.push(
                    Place::new(input, Some(name))
                        .error(
                            Code::NotASpreadsheet,
                            match calamine_cause(&e) {
                                Some(cause) => msg!("not-a-spreadsheet-sheet", cause = cause),
                                None => msg!("not-a-spreadsheet-sheet-zip"),
                            },
                        )
                        .hint(msg!("not-a-spreadsheet-sheet-hint")),
                );
                return None;
            }
            Err(SheetError::TooLarge(extent, stop)) => {
                diags.push(too_many_cells(input, name, &extent, stop));
                return None;
            }
        };
        let merges: Vec<Dimensions> = match &mut self.sheets {
            Sheets::Xlsx(x) => shielded(|| x.merge_cells_by_sheet_name(name))
                .ok()
                .and_then(Result::ok)
                .unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
            Sheets::Ods(_) => self
                .ods
                .get(name)
                .map(|i| i.merges.clone())
                .unwrap_or_default(),
            Sheets::Xlsb(_) => Vec::new(),
        };
        let percent: Box<dyn Fn(u32, u32) -> bool> = match &mut self.sheets {
            Sheets::Xlsx(x) => match shielded(|| x.worksheet_style(name)).unwrap_or(Err(
                calamine::XlsxError::Unexpected("the style reader failed"),
            )) {
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

/// Runs a call into calamine, a panic in it made an error: calamine trusts what files
/// say (lengths, positions), and a damaged file must become a diagnostic, not a crash.
/// While the call runs, the panic hook stays quiet on this thread (the diagnostic says
/// what happened); on every other thread, and outside these calls, it prints as before.
fn shielded<T>(call: impl FnOnce() -> T) -> Result<T, ()> {
    thread_local! {
        static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|quiet| quiet.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(call));
    QUIET.with(|quiet| quiet.set(false));
    result.map_err(|_| ())
}

/// `not-a-spreadsheet` for a file calamine failed on.
fn reader_failed(input: &InputPath, sheet: Option<&str>) -> Diagnostic {
    Place::new(input, sheet)
        .error(
            Code::NotASpreadsheet,
            msg!("not-a-spreadsheet-reader-failed"),
        )
        .hint(msg!("not-a-spreadsheet-reader-failed-hint"))
}

/// Why a sheet could not be read.
enum SheetError {
    /// calamine's message.
    Read(String),
    /// calamine panicked.
    Panicked,
    /// Its cells span more than [`MAX_SHEET_CELLS`]: how far, and the cell where
    /// reading stopped.
    TooLarge(Extent, (u32, u32)),
}

/// Reads a sheet's cells one by one (as calamine's own `worksheet_range` does), but
/// stops as soon as they span more than [`MAX_SHEET_CELLS`]: two cells far apart
/// would otherwise make calamine allocate every cell between them.
fn bounded_range<'a>(
    mut next: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, String>,
) -> Result<Range<Data>, SheetError> {
    let mut cells = Vec::new();
    let mut extent: Option<Extent> = None;
    while let Some(cell) = next().map_err(SheetError::Read)? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let pos = cell.get_position();
        let e = extent.get_or_insert(Extent::at(pos));
        e.include(pos);
        if e.cells() > MAX_SHEET_CELLS || cells.len() as u64 >= MAX_SHEET_CELLS {
            return Err(SheetError::TooLarge(*e, pos));
        }
        cells.push(calamine::Cell::new(
            pos,
            Data::from(cell.get_value().clone()),
        ));
    }
    Ok(Range::from_sparse(cells))
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
    // Real merged regions do not overlap, so together they cover at most the grid once;
    // forged ones (the same region a million times) stop there rather than take hours.
    let mut budget: usize = grid.iter().map(Vec::len).sum();
    for m in merges {
        let (Some(top), Some(left)) = (m.start.0.checked_sub(row0), m.start.1.checked_sub(col0))
        else {
            continue;
        };
        let (top, left) = (top as usize, left as usize);
        let rows = (m.end.0.saturating_sub(m.start.0) as usize).saturating_add(1);
        let cols = (m.end.1.saturating_sub(m.start.1) as usize).saturating_add(1);
        let area = rows
            .min(grid.len().saturating_sub(top))
            .saturating_mul(cols.min(grid.get(top).map_or(0, Vec::len).saturating_sub(left)));
        if area > budget {
            break;
        }
        budget -= area;
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
    let save_again = msg!("not-a-spreadsheet-save-again-hint", ext = ext.as_str());
    let (message, hint) = if lower.contains("password") || lower.contains("encrypt") {
        (
            msg!("not-a-spreadsheet-password"),
            msg!("not-a-spreadsheet-password-hint"),
        )
    } else if lower.contains("eocd") || lower.contains("zip") {
        (
            msg!("not-a-spreadsheet-not-zip", ext = ext.as_str()),
            if looks_like_text(&input.path) {
                msg!("not-a-spreadsheet-text-hint")
            } else {
                save_again
            },
        )
    } else if lower.contains("cannot detect file format") {
        (
            msg!("not-a-spreadsheet-format"),
            msg!("not-a-spreadsheet-format-hint"),
        )
    } else {
        let message = match calamine_cause(&raw) {
            Some(cause) => msg!("not-a-spreadsheet", cause = cause),
            None => msg!("not-a-spreadsheet-zip"),
        };
        (message, save_again)
    };
    Diagnostic::error(Code::NotASpreadsheet, &input.display, message).hint(hint)
}

/// calamine's message made a lowercase cause; `None` for a damaged zip archive, which
/// the messages word themselves.
fn calamine_cause(raw: &str) -> Option<String> {
    if raw.to_lowercase().contains("eocd") {
        return None;
    }
    Some(super::lowercase_first(raw))
}

fn looks_like_text(path: &Path) -> bool {
    let mut head = [0u8; 512];
    let Ok(n) = File::open(path).and_then(|mut f| f.read(&mut head)) else {
        return false;
    };
    n > 0 && std::str::from_utf8(&head[..n]).is_ok() && !head[..n].contains(&0)
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
    fn forged_overlapping_merges_cost_one_pass_over_the_grid() {
        let mut range = Range::new((0, 0), (299, 299));
        range.set_value((0, 0), Data::String("Thème".into()));
        // A real merge, then the whole grid merged a hundred thousand times.
        let mut merges = vec![Dimensions::new((0, 0), (1, 0))];
        merges.extend(std::iter::repeat_n(
            Dimensions::new((0, 0), (299, 299)),
            100_000,
        ));
        let table = to_table("S", &range, &merges, &|_, _| false);
        assert_eq!(table.rows[1].cells[0], Cell::Text("Thème".into()));
    }

    #[test]
    fn a_panic_in_the_reader_becomes_an_error() {
        assert_eq!(shielded(|| 7), Ok(7));
        let failed = shielded(|| -> u8 { panic!("calamine trusted a length") });
        assert_eq!(failed, Err(()));
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
