//! The table layout engine: a worksheet being filled with Excel tables, whose
//! column widths and row heights are computed here once every table is placed.
//!
//! Owns where tables land, how wide columns grow and how tall rows get. It must
//! not choose what a sheet shows, nor labels or colours: the sheet modules and
//! [`super::styles`] do.

use std::collections::BTreeMap;

use rust_xlsxwriter::{ColNum, RowNum, Table, TableColumn, TableStyle, Worksheet, XlsxError};

use super::cells::{Cell, cell_text, put_cell};
use super::metrics::{PADDING_PX, line_px, scaled_px, wrapped_lines};
use super::styles::Styles;

/// Widest a column grows to fit its text, in pixels (about 60 characters of
/// Calibri 11); longer text wraps.
const MAX_TEXT_WIDTH_PX: u32 = 430;

/// The room an autofilter button takes.
const FILTER_BUTTON_PX: u32 = 16;

/// Width of a column whose long header wraps (about 15 characters).
const NARROW_PX: u32 = 110;

/// Height of one line of Calibri 11, in points.
const LINE_PT: f64 = 15.0;

/// Excel's tallest row, in points.
const MAX_ROW_PT: f64 = 409.0;

/// A row number from an index, saturating.
pub(super) fn row_num(i: usize) -> RowNum {
    RowNum::try_from(i).unwrap_or(RowNum::MAX)
}

/// A column number from an index, saturating.
pub(super) fn col_num(i: usize) -> ColNum {
    ColNum::try_from(i).unwrap_or(ColNum::MAX)
}

/// Chart height for `n` bars: enough room per bar, within sensible bounds.
pub(super) fn chart_height(n: usize) -> u32 {
    let n = u32::try_from(n).unwrap_or(u32::MAX);
    n.saturating_mul(32).saturating_add(140).clamp(300, 1400)
}

/// A table column: its header and, for numeric columns with long headers, a fixed
/// width so that the header wraps instead of widening the column.
pub(super) struct Column {
    header: String,
    narrow: bool,
    /// Widest the column grows for its cells, in pixels; longer text wraps.
    max_px: u32,
}

impl Column {
    /// A column as wide as its header and cells need.
    pub(super) fn new(header: impl Into<String>) -> Self {
        Column {
            header: header.into(),
            narrow: false,
            max_px: MAX_TEXT_WIDTH_PX,
        }
    }

    /// A column whose header wraps at about 15 characters.
    pub(super) fn narrow(header: impl Into<String>) -> Self {
        Column {
            header: header.into(),
            narrow: true,
            max_px: MAX_TEXT_WIDTH_PX,
        }
    }

    /// The same column, its cells wrapping beyond `px` pixels: for a sheet with many
    /// text columns side by side, so that printed on the page width it stays legible.
    pub(super) fn wrap_at(self, px: u32) -> Self {
        Column {
            max_px: px.min(MAX_TEXT_WIDTH_PX),
            ..self
        }
    }
}

/// Where a table landed: its header row and last row (an empty data row when
/// there is no data, since an Excel table needs one).
#[derive(Debug, Clone, Copy)]
pub(super) struct Placed {
    /// The row of the table's headers.
    pub(super) header_row: RowNum,
    /// Number of data rows actually written.
    rows: usize,
    /// The table's last row.
    pub(super) last_row: RowNum,
}

impl Placed {
    /// The data rows as an inclusive range, `None` when there are none.
    pub(super) fn data_rows(&self) -> Option<(RowNum, RowNum)> {
        (self.rows > 0).then(|| (self.header_row + 1, self.header_row + row_num(self.rows)))
    }
}

/// A worksheet being laid out. Column widths and row heights are computed here
/// rather than left to the spreadsheet program: LibreOffice does not grow rows
/// for wrapped text when it opens a file, and Excel's autofit ignores wrapping.
pub(super) struct Sheet {
    /// The worksheet, for what the layout leaves to the sheet (titles, charts,
    /// conditional fills, frozen panes).
    pub(super) ws: Worksheet,
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

impl Sheet {
    /// A sheet named `name`, printed on A4 with every column on the page width.
    pub(super) fn new(name: &str) -> Result<Self, XlsxError> {
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
    pub(super) fn print_as_list(&mut self) -> Result<(), XlsxError> {
        self.ws.set_landscape().set_repeat_rows(0, 0)?;
        Ok(())
    }

    fn want_width(&mut self, col: ColNum, px: u32) {
        let width = self.widths.entry(col).or_insert(0);
        *width = (*width).max(px);
    }

    /// Writes an Excel table (header, autofilter, banded rows) at `header_row`.
    pub(super) fn put_table(
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
                    Cell::Int(n) | Cell::Number(n) => 7 * n.to_string().len() as u32,
                    Cell::Link { text, .. } => line_px(text, false),
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
            self.want_width(col_num(j), need.min(column.max_px));
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
    pub(super) fn finish(mut self) -> Result<Worksheet, XlsxError> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Lang;

    #[test]
    fn rows_are_as_tall_as_their_wrapped_text() {
        let line = "Lancer un appel à projets incitant à des actions croisées";
        let mut sheet = Sheet::new("S").unwrap();
        let rows = vec![vec![Cell::text("court")], vec![Cell::text(line.repeat(4))]];
        sheet
            .put_table(
                0,
                "tblS",
                &[Column::new("Titre")],
                &rows,
                &Styles::new(super::super::Words::new(
                    crate::catalogue::builtin(),
                    Lang::Fr,
                )),
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
}
