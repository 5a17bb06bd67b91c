//! Cell values and how they are written: text (never a formula), whole numbers,
//! shares, dates, blanks.
//!
//! Owns the one place where a value becomes a cell, so that every piece of user
//! text is stored as a string, quote-prefixed when it looks like a formula, and
//! cut to what a cell holds. It must not place tables or size columns:
//! [`super::layout`] does.

use std::borrow::Cow;

use rust_xlsxwriter::{ColNum, ExcelDateTime, Format, RowNum, Url, Worksheet, XlsxError};

use super::styles::Styles;

/// Excel keeps at most this many UTF-16 units in a cell.
pub(super) const MAX_CELL_CHARS: usize = 32_767;

/// One value to write, with the format its kind calls for.
pub(super) enum Cell<'a> {
    /// Text, written as a string cell.
    Text(Cow<'a, str>),
    /// A whole number.
    Int(u64),
    /// A proposal's id stored as a number (when every id of the register is one), so
    /// that sorting is numeric.
    Number(u64),
    /// A link to a file beside the workbook (a relative path), shown as `text`.
    Link { path: String, text: Cow<'a, str> },
    /// A share in 0..=1, shown as a percentage; left blank when not finite.
    Percent(f64),
    /// A date, as an Excel date (as text before 1900).
    Date(time::Date),
    /// Nothing.
    Empty,
}

impl<'a> Cell<'a> {
    /// A text cell.
    pub(super) fn text(s: impl Into<Cow<'a, str>>) -> Self {
        Cell::Text(s.into())
    }

    /// A text cell, or a blank one for `None`.
    pub(super) fn opt_text(s: Option<&'a str>) -> Self {
        s.map_or(Cell::Empty, Cell::text)
    }
}

/// A proposal's id: a number when `numeric` (see [`numeric_ids`]), else text.
pub(super) fn id(id: &str, numeric: bool) -> Cell<'_> {
    match id.trim().parse::<u64>() {
        Ok(n) if numeric => Cell::Number(n),
        _ => Cell::text(id),
    }
}

/// Whether every id is a whole number written plainly (`12`, not `012` nor `1.0`),
/// so that storing them as numbers loses nothing.
pub(super) fn numeric_ids<'a>(ids: impl IntoIterator<Item = &'a str>) -> bool {
    let mut any = false;
    for id in ids {
        let id = id.trim();
        match id.parse::<u64>() {
            Ok(n) if n.to_string() == id => any = true,
            _ => return false,
        }
    }
    any
}

/// Whether Excel would read the text as a formula if it were typed in.
fn looks_like_formula(s: &str) -> bool {
    s.starts_with(['=', '+', '-', '@'])
}

/// Cuts text to what a cell can hold (Excel's limit is in UTF-16 units).
pub(super) fn cell_text(s: &str) -> Cow<'_, str> {
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

/// Writes wrapped text, quote-prefixed when it looks like a formula; nothing for
/// empty text.
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

/// Writes one value with the format its kind calls for.
pub(super) fn put_cell(
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
        Cell::Number(n) => {
            ws.write_number_with_format(row, col, *n as f64, &st.integer)?;
        }
        Cell::Link { path, text } => {
            // `file:///` + a relative path is stored as that relative path: the link
            // follows the workbook when the edition's folder is moved.
            let url = Url::new(format!("file:///{path}")).set_text(cell_text(text));
            ws.write_url(row, col, url)?;
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

/// A title or note line in column A: written without wrapping so it overflows to
/// the right.
pub(super) fn put_heading(
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

fn excel_date(date: time::Date) -> Option<ExcelDateTime> {
    let year = u16::try_from(date.year()).ok()?;
    ExcelDateTime::from_ymd(year, u8::from(date.month()), date.day()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_to_what_a_cell_holds() {
        let long = "é".repeat(40_000);
        let cut = cell_text(&long);
        assert_eq!(cut.encode_utf16().count(), MAX_CELL_CHARS);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn ids_are_numbers_only_when_all_are_plain_numbers() {
        assert!(numeric_ids(["1", "2", " 10 "]));
        assert!(!numeric_ids(["1", "INC-02"]));
        assert!(!numeric_ids(["007", "8"]), "a leading zero would be lost");
        assert!(!numeric_ids([]));
        assert!(matches!(id("12", true), Cell::Number(12)));
        assert!(matches!(id("12", false), Cell::Text(_)));
    }
}
