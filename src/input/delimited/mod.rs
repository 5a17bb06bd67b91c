//! Delimited text files as people save them: UTF-8 with or without BOM, UTF-16 with a
//! BOM (Excel's "Unicode text"), or a legacy encoding such as Windows-1252 (French
//! Excel's "CSV (séparateur : point-virgule)"); `,` `;` or tab, detected from the first
//! lines; CRLF or LF.
//!
//! Files are decoded while they are read, so a survey of any size streams through in
//! constant memory: one record at a time, and no record longer than
//! [`MAX_RECORD_BYTES`] (a quote never closed would otherwise pull the rest of the file
//! into one cell). A register or suggestions file, read whole, stops at
//! [`MAX_TABLE_BYTES`] or [`MAX_SHEET_CELLS`] cells. Past a limit the file is refused
//! with `too-large`. This module only decodes and splits; it gives no meaning to cells.
//!
//! The files of this module:
//! - `fields`: the [`Fields`] of a record, as survey rows are read;
//! - `decode`: the encoding, and decoding to UTF-8 as the file is read;
//! - `sniff`: the delimiter;
//! - `split`: records split from the decoded text;
//! - `read_ahead`: the reading and hashing threads of a survey.
//!
//! This file is the API the rest of `input` uses ([`read_table`], [`read_table_from`],
//! [`Records`], [`Fields`]) and words the diagnostics of reading. Nothing here knows
//! which tool exported a file (a Decidim archive, Forms…): that is for the readers of
//! registers and surveys.

mod decode;
mod fields;
mod read_ahead;
mod sniff;
mod split;

use std::fs::File;
use std::io::Read;
use std::sync::{Arc, OnceLock};

use encoding_rs::Encoding;

use decode::{DecodingReader, Tap, detect_encoding};
use read_ahead::{CsvReader, Hashing, ReadAhead, ReadFailure, read_one};
use sniff::detect_delimiter;
use split::Splitter;

pub(crate) use fields::{Fields, as_text};

use super::spreadsheet::MAX_SHEET_CELLS;
use super::{Cell, FileDigest, Place, Row, Table, io_diagnostic, read_up_to};
use crate::config::InputPath;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::msg;

/// How much of the file is looked at to tell its encoding and delimiter.
const SNIFF_BYTES: usize = 64 * 1024;

/// The longest record (row) read, in decoded bytes: 128 cells of Excel's largest, far
/// more than any real export.
pub(crate) const MAX_RECORD_BYTES: u64 = 4 * 1024 * 1024;

/// The most text a file read whole (a register, suggestions) may hold, decoded. Real
/// Size from which a survey file is mapped rather than read: 64 MiB, about half a
/// million answers in a long file (a council's survey is a few kilobytes). On the 5
/// M-answer benchmark (609 MB) mapping saves a tenth of the CPU. Unit tests map from
/// 1 MiB, so that their files of a few windows are mapped.
const MAP_FROM_BYTES: u64 = if cfg!(test) {
    1024 * 1024
} else {
    64 * 1024 * 1024
};

/// ones hold a few hundred kilobytes.
pub(crate) const MAX_TABLE_BYTES: u64 = 64 * 1024 * 1024;

/// A CSV file read one record at a time.
pub(crate) struct Records {
    source: RecordSource,
    record: ::csv::StringRecord,
    /// The record last read by [`Records::next_raw`] when not reading ahead (a record
    /// read ahead stays in its batch), not yet checked as text.
    raw: ::csv::ByteRecord,
    encoding: &'static Encoding,
    /// The end of the file, or a failure, was reached.
    done: bool,
    /// The file's digest, once it was read to the end.
    digest: Arc<OnceLock<FileDigest>>,
}

/// Where records come from: the reader itself, or a thread that reads ahead.
enum RecordSource {
    Direct(Box<CsvReader>),
    Ahead(ReadAhead),
}

impl Records {
    /// Opens a file: encoding and delimiter detected. Pushes `missing-file`,
    /// `unreadable-file`, `empty-file` or `bad-encoding` and returns `None` when it cannot
    /// be read at all.
    pub(crate) fn open(input: &InputPath, diags: &mut Diagnostics) -> Option<Records> {
        Records::open_file(input, false, diags)
    }

    /// Like [`Records::open`], with the file read, decoded and split on another thread
    /// (for surveys, which may hold millions of rows).
    pub(crate) fn open_read_ahead(input: &InputPath, diags: &mut Diagnostics) -> Option<Records> {
        Records::open_file(input, true, diags)
    }

    fn open_file(input: &InputPath, ahead: bool, diags: &mut Diagnostics) -> Option<Records> {
        let file = match File::open(&input.path) {
            Ok(f) => f,
            Err(e) => {
                diags.push(io_diagnostic(input, &e));
                return None;
            }
        };
        if !ahead {
            return Records::from_reader(input, None, Box::new(file), None, None, ahead, diags);
        }
        let digest = Arc::new(OnceLock::new());
        let hashing = Box::new(Hashing::new(Arc::clone(&digest)));
        // A large survey past its first bytes is mapped rather than read, when it is a
        // regular file. Only a large one: a mapped file cut short by another program
        // while it is read stops the process (SIGBUS) where a read file ends early,
        // and below this size the kernel's copy that mapping saves is a few
        // milliseconds (docs/inputs.md says not to overwrite such a file in place).
        let large = file
            .metadata()
            .is_ok_and(|m| m.is_file() && m.len() >= MAP_FROM_BYTES);
        let map = large.then(|| file.try_clone().ok()).flatten();
        let source = Box::new(file);
        let mut records =
            Records::from_reader(input, None, source, map, Some(hashing), ahead, diags)?;
        records.digest = digest;
        Some(records)
    }

    /// The SHA-256 and size of the file, when [`Records::open_read_ahead`] read it to
    /// the end.
    pub(crate) fn digest(&self) -> Option<FileDigest> {
        self.digest.get().cloned()
    }

    /// Reads from any source (a zip entry); `inner` names it within the file. Every
    /// byte read also goes to `tap`, when given. `map`: the file `source` reads, to be
    /// mapped past the bytes read to sniff it.
    fn from_reader(
        input: &InputPath,
        inner: Option<&str>,
        mut source: Box<dyn Read + Send>,
        map: Option<File>,
        tap: Option<Box<dyn Tap>>,
        ahead: bool,
        diags: &mut Diagnostics,
    ) -> Option<Records> {
        let place = Place::new(input, inner);
        let mut prefix = vec![0u8; SNIFF_BYTES];
        let n = match read_up_to(&mut source, &mut prefix) {
            Ok(n) => n,
            Err(e) => {
                diags.push(io_diagnostic(input, &e));
                return None;
            }
        };
        prefix.truncate(n);
        let at_eof = n < SNIFF_BYTES;
        let encoding = match detect_encoding(&prefix, at_eof) {
            Ok(e) => e,
            Err(()) => {
                diags.push(
                    place
                        .error(Code::BadEncoding, msg!("bad-encoding-not-text"))
                        .hint(msg!("bad-encoding-not-text-hint")),
                );
                return None;
            }
        };
        let (text, _) = encoding.decode_with_bom_removal(&prefix);
        if at_eof && text.trim().is_empty() {
            diags.push(
                place
                    .error(Code::EmptyFile, msg!("empty-file-no-rows"))
                    .hint(msg!("empty-file-export-again-hint")),
            );
            return None;
        }
        let delimiter = detect_delimiter(&text);
        let mut decoding = DecodingReader::new(source, encoding, prefix, tap);
        if let Some(file) = map
            && !at_eof
        {
            decoding.map_rest(file, n as u64);
        }
        let reader = Splitter::new(decoding, delimiter, MAX_RECORD_BYTES);
        Some(Records {
            source: if ahead {
                RecordSource::Ahead(ReadAhead::start(reader))
            } else {
                RecordSource::Direct(Box::new(reader))
            },
            record: ::csv::StringRecord::new(),
            raw: ::csv::ByteRecord::new(),
            encoding,
            done: false,
            digest: Arc::default(),
        })
    }

    /// Reads the next record; returns the line where it starts, or `None` at the end (or
    /// after a read error, which is pushed as `unreadable-file`).
    pub(crate) fn next(&mut self, input: &InputPath, diags: &mut Diagnostics) -> Option<usize> {
        // The last record's buffers are reused.
        let mut bytes = std::mem::take(&mut self.record).into_byte_record();
        let line = self.fetch(Some(&mut bytes), input, diags);
        // The decoder only hands out UTF-8, and fields split at ASCII bytes.
        self.record = ::csv::StringRecord::from_byte_record(bytes)
            .unwrap_or_else(|e| ::csv::StringRecord::from_byte_record_lossy(e.into_byte_record()));
        line
    }

    /// Like [`Records::next`], the record left as bytes ([`Records::raw`]): a survey's
    /// rows are not checked as text as a whole, only the cells it reads.
    pub(crate) fn next_raw(&mut self, input: &InputPath, diags: &mut Diagnostics) -> Option<usize> {
        self.fetch(None, input, diags)
    }

    /// The record last read by [`Records::next_raw`]: UTF-8, field by field.
    pub(crate) fn raw(&self) -> &dyn Fields {
        match &self.source {
            RecordSource::Direct(_) => &self.raw,
            RecordSource::Ahead(ahead) => ahead,
        }
    }

    /// Reads the next record, into `bytes` when given, else where [`Records::raw`]
    /// finds it; its line, or `None` at the end or after a failure (pushed as
    /// `too-large` or `unreadable-file`).
    fn fetch(
        &mut self,
        bytes: Option<&mut ::csv::ByteRecord>,
        input: &InputPath,
        diags: &mut Diagnostics,
    ) -> Option<usize> {
        if self.done {
            return None;
        }
        let read = match &mut self.source {
            RecordSource::Direct(reader) => {
                let record = bytes.unwrap_or(&mut self.raw);
                // The splitter gives each record its row as a spreadsheet shows it.
                read_one(reader, record)
                    .map(|more| more.then(|| record.position().map_or(0, ::csv::Position::line)))
            }
            RecordSource::Ahead(ahead) => ahead.next().inspect(|line| {
                if let (Some(bytes), Some(_)) = (bytes, line) {
                    ahead.copy_to(bytes);
                }
            }),
        };
        match read {
            Ok(Some(line)) => Some(usize::try_from(line).unwrap_or(usize::MAX)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(failure) => {
                self.done = true;
                match failure {
                    ReadFailure::TooLong { start } => diags.push(
                        Diagnostic::error(
                            Code::TooLarge,
                            &input.display,
                            msg!("too-large-record", mib = MAX_RECORD_BYTES / (1024 * 1024)),
                        )
                        .row(start.max(1))
                        .hint(msg!("too-large-record-hint")),
                    ),
                    ReadFailure::Failed { cause, line } => {
                        let mut d = Diagnostic::error(
                            Code::UnreadableFile,
                            &input.display,
                            msg!("unreadable-file", cause = cause),
                        );
                        if let Some(line) = line {
                            d = d.row(line);
                        }
                        diags.push(d);
                    }
                }
                None
            }
        }
    }

    /// The record last read by [`Records::next`].
    pub(crate) fn record(&self) -> &::csv::StringRecord {
        &self.record
    }

    /// Reports bytes that could not be decoded (a file that mixes encodings).
    pub(crate) fn finish(&self, input: &InputPath, diags: &mut Diagnostics) {
        let replaced = match &self.source {
            RecordSource::Direct(reader) => reader.get_ref().replaced,
            RecordSource::Ahead(ahead) => ahead.replaced,
        };
        if replaced {
            diags.push(
                Diagnostic::warning(
                    Code::BadEncoding,
                    &input.display,
                    msg!("bad-encoding-replaced", encoding = self.encoding.name()),
                )
                .hint(msg!("bad-encoding-replaced-hint")),
            );
        }
    }
}

/// A whole CSV file as a table (registers and suggestions are small); `None` when it
/// cannot be read or goes past the limits.
pub(crate) fn read_table(input: &InputPath, diags: &mut Diagnostics) -> Option<Table> {
    let mut records = Records::open(input, diags)?;
    collect(input, None, &mut records, diags)
}

/// Every record of a file, up to [`MAX_TABLE_BYTES`] and [`MAX_SHEET_CELLS`]: past
/// them, `too-large` and `None`.
fn collect(
    input: &InputPath,
    inner: Option<&str>,
    records: &mut Records,
    diags: &mut Diagnostics,
) -> Option<Table> {
    let mut rows = Vec::new();
    let (mut bytes, mut cells_read) = (0u64, 0u64);
    while let Some(line) = records.next(input, diags) {
        let record = records.record();
        bytes += record.as_slice().len() as u64;
        cells_read += record.len() as u64;
        if bytes > MAX_TABLE_BYTES || cells_read > MAX_SHEET_CELLS {
            diags.push(
                Place::new(input, inner)
                    .error(
                        Code::TooLarge,
                        msg!(
                            "too-large-table",
                            mib = MAX_TABLE_BYTES / (1024 * 1024),
                            cells = MAX_SHEET_CELLS.to_string()
                        ),
                    )
                    .row(line.max(1))
                    .hint(msg!("too-large-table-hint")),
            );
            return None;
        }
        let cells = record
            .iter()
            .map(|f| {
                if f.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(f.to_string())
                }
            })
            .collect();
        rows.push(Row {
            number: line,
            cells,
        });
    }
    records.finish(input, diags);
    Some(Table {
        sheet: inner.map(str::to_string),
        first_col: 0,
        rows,
    })
}

/// A whole delimited file read from another source than a file of its own (a file
/// inside an archive, named `inner` in diagnostics), as a table; `None` when it cannot
/// be read or goes past the limits.
pub(crate) fn read_table_from(
    input: &InputPath,
    inner: &str,
    source: Box<dyn Read + Send>,
    diags: &mut Diagnostics,
) -> Option<Table> {
    let mut records = Records::from_reader(input, Some(inner), source, None, None, false, diags)?;
    collect(input, Some(inner), &mut records, diags)
}
