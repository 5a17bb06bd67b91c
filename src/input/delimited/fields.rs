//! [`Fields`]: the cells of one record, as text or as the bytes they were read from, the
//! same whether a survey row comes from a delimited file (a `ByteRecord`, a record read
//! ahead) or a sheet (a `StringRecord`).
//!
//! A leaf: it depends on nothing else of bilan, so that the readers that implement it
//! and the survey that reads through it need not depend on each other.

use csv::{ByteRecord, StringRecord};

/// The cells of a row, as text or as the bytes they were read from.
pub(crate) trait Fields {
    fn count(&self) -> usize;
    fn bytes(&self, col: usize) -> Option<&[u8]>;
    /// CSV records come decoded to UTF-8 and split at ASCII bytes, so a cell is always
    /// text; were it not, it would read as U+FFFD (an unknown answer, reported).
    fn text(&self, col: usize) -> Option<&str> {
        self.bytes(col).map(as_text)
    }
}

impl Fields for StringRecord {
    fn count(&self) -> usize {
        self.len()
    }
    fn bytes(&self, col: usize) -> Option<&[u8]> {
        self.get(col).map(str::as_bytes)
    }
    fn text(&self, col: usize) -> Option<&str> {
        self.get(col)
    }
}

impl Fields for ByteRecord {
    fn count(&self) -> usize {
        self.len()
    }
    fn bytes(&self, col: usize) -> Option<&[u8]> {
        self.get(col)
    }
}

/// A cell read as bytes, as text: CSV records come decoded to UTF-8 and split at
/// ASCII bytes, so this is the cell itself (U+FFFD were it not, an unknown answer).
pub(crate) fn as_text(raw: &[u8]) -> &str {
    std::str::from_utf8(raw).unwrap_or("\u{fffd}")
}
