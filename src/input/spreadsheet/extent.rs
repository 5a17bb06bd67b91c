//! The limits a workbook must keep to be read (file size, inflated zip, zip-bomb ratio,
//! cells a sheet spans) and the [`Extent`] of a sheet's cells. A leaf: the guard and
//! the ODS scan both measure against it.

use crate::input::column_letters;

/// The largest workbook file read (calamine holds an `.xls` file whole in memory).
pub(super) const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;
/// The most a workbook may inflate to: the sum of the sizes its zip directory declares.
pub(super) const MAX_INFLATED_BYTES: u64 = 512 * 1024 * 1024;
/// A part that inflates more than this many times over…
pub(super) const MAX_RATIO: u64 = 1000;
/// …to more than this is a zip bomb, whatever the total.
pub(super) const RATIO_MIN_BYTES: u64 = 50 * 1024 * 1024;
/// The most cells a sheet may span (first to last cell holding a value, rows × columns):
/// every cell of that rectangle is held in memory. 40,000 rows × 100 columns; a
/// register has a few hundred cells, a large survey export a few hundred thousand.
pub(crate) const MAX_SHEET_CELLS: u64 = 4_000_000;

/// The rectangle spanned by the cells that hold a value (0-based, inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Extent {
    pub(super) first: (u32, u32),
    pub(super) last: (u32, u32),
}

impl Extent {
    pub(super) fn at(pos: (u32, u32)) -> Extent {
        Extent {
            first: pos,
            last: pos,
        }
    }

    pub(super) fn include(&mut self, (row, col): (u32, u32)) {
        self.first = (self.first.0.min(row), self.first.1.min(col));
        self.last = (self.last.0.max(row), self.last.1.max(col));
    }

    pub(super) fn cells(&self) -> u64 {
        (u64::from(self.last.0 - self.first.0) + 1) * (u64::from(self.last.1 - self.first.1) + 1)
    }

    /// `A1:XFD1048576`.
    pub(super) fn a1(&self) -> String {
        let cell = |(row, col): (u32, u32)| {
            format!("{}{}", column_letters(col as usize), u64::from(row) + 1)
        };
        format!("{}:{}", cell(self.first), cell(self.last))
    }
}
