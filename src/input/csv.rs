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

use std::fs::File;
use std::io::{self, BufRead, Cursor, Read};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle;

use sha2::{Digest, Sha256};

use encoding_rs::{CoderResult, Decoder, Encoding, UTF_8};

use super::split::{Batch, Out, SplitError, Splitter};
use super::spreadsheet::MAX_SHEET_CELLS;
use super::survey::Fields;
use super::{Cell, FileDigest, Place, Row, Table, io_diagnostic, read_up_to};
use crate::config::InputPath;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// How much of the file is looked at to tell its encoding and delimiter.
const SNIFF_BYTES: usize = 64 * 1024;

/// The longest record (row) read, in decoded bytes: 128 cells of Excel's largest, far
/// more than any real export.
pub(crate) const MAX_RECORD_BYTES: u64 = 4 * 1024 * 1024;

/// The most text a file read whole (a register, suggestions) may hold, decoded. Real
/// ones hold a few hundred kilobytes.
pub(crate) const MAX_TABLE_BYTES: u64 = 64 * 1024 * 1024;

/// The CSV reader over a decoded file.
type CsvReader = Splitter<DecodingReader<Box<dyn Read + Send>>>;

/// Records read ahead are handed over this many at a time…
const BATCH_RECORDS: usize = 1024;
/// …or fewer, once they hold this many bytes.
const BATCH_BYTES: usize = 1024 * 1024;

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

/// Hashes the bytes read through it, on a thread of its own (SHA-256 would otherwise
/// be the reading thread's largest cost); at the end of the source, leaves their digest
/// in `digest`.
struct Hashing<R> {
    inner: R,
    /// Copies of the chunks read, to the hashing thread; dropped at the end.
    chunks: Option<SyncSender<Vec<u8>>>,
    /// Chunks hashed, handed back to be filled again.
    spare: Receiver<Vec<u8>>,
    hasher: Option<JoinHandle<FileDigest>>,
    digest: Arc<OnceLock<FileDigest>>,
}

impl<R: Read> Hashing<R> {
    fn new(inner: R, digest: Arc<OnceLock<FileDigest>>) -> Self {
        let (chunks, received) = sync_channel::<Vec<u8>>(4);
        let (spare_tx, spare) = sync_channel(4);
        // The thread ends when the reader reaches the end or is dropped.
        let hasher = std::thread::spawn(move || {
            let (mut sha, mut bytes) = (Sha256::new(), 0);
            for chunk in received {
                sha.update(&chunk);
                bytes += chunk.len() as u64;
                let _ = spare_tx.try_send(chunk);
            }
            let sha256 = crate::output::hex(&sha.finalize());
            FileDigest { sha256, bytes }
        });
        Hashing {
            inner,
            chunks: Some(chunks),
            spare,
            hasher: Some(hasher),
            digest,
        }
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n > 0 {
            if let Some(chunks) = &self.chunks {
                let mut chunk = self.spare.try_recv().unwrap_or_default();
                chunk.clear();
                chunk.extend_from_slice(&buf[..n]);
                if chunks.send(chunk).is_err() {
                    // The hashing thread is gone: no digest, the file is hashed again.
                    self.chunks = None;
                    self.hasher = None;
                }
            }
        } else if !buf.is_empty() {
            self.chunks = None;
            if let Some(Ok(digest)) = self.hasher.take().map(JoinHandle::join) {
                let _ = self.digest.set(digest);
            }
        }
        Ok(n)
    }
}

/// Where records come from: the reader itself, or a thread that reads ahead.
enum RecordSource {
    Direct(Box<CsvReader>),
    Ahead(ReadAhead),
}

/// Why reading stopped before the end of the file.
enum ReadFailure {
    /// A record pulled more than [`MAX_RECORD_BYTES`]; it starts on this line.
    TooLong { start: usize },
    /// An I/O error: its cause, and the line where it happened when known.
    Failed { cause: String, line: Option<usize> },
}

/// Reads one record into `record`: `Ok(false)` at the end of the file.
fn read_one(reader: &mut CsvReader, record: &mut impl Out) -> Result<bool, ReadFailure> {
    reader.read(record).map_err(|e| match e {
        SplitError::TooLong { start } => ReadFailure::TooLong {
            start: usize::try_from(start).unwrap_or(usize::MAX),
        },
        SplitError::Io { error, line } => ReadFailure::Failed {
            cause: super::lowercase_first(&error.to_string()),
            line: Some(usize::try_from(line).unwrap_or(usize::MAX)),
        },
    })
}

/// What the reading thread sends: records, then how the file ended.
enum Message {
    Records(Batch),
    /// The end of the file, or the failure that stopped reading; whether bytes were
    /// replaced.
    End(Option<ReadFailure>, bool),
}

/// Records read, decoded and split on another thread while the caller interprets the
/// previous ones: a large survey then keeps two cores busy. Batches go back and forth
/// over bounded channels, so memory stays a few batches whatever the file's size.
struct ReadAhead {
    batches: std::sync::mpsc::Receiver<Message>,
    /// Used batches handed back to be filled again.
    spare: SyncSender<Batch>,
    batch: Batch,
    /// The next record of `batch`; the current one is just before.
    pos: usize,
    /// Whether the decoder replaced bytes, known at the end of the file.
    replaced: bool,
}

impl ReadAhead {
    fn start(mut reader: CsvReader) -> ReadAhead {
        let (batches_tx, batches) = sync_channel(2);
        let (spare, spare_rx) = sync_channel::<Batch>(4);
        // The thread ends at the end of the file, or when the caller drops its side.
        std::thread::spawn(move || {
            loop {
                let mut batch = spare_rx.try_recv().unwrap_or_default();
                batch.clear();
                let mut ended = None;
                while batch.len() < BATCH_RECORDS && batch.text_len() < BATCH_BYTES {
                    match read_one(&mut reader, &mut batch) {
                        Ok(true) => {}
                        Ok(false) => {
                            ended = Some(None);
                            break;
                        }
                        Err(failure) => {
                            ended = Some(Some(failure));
                            break;
                        }
                    }
                }
                if batch.len() > 0 && batches_tx.send(Message::Records(batch)).is_err() {
                    return;
                }
                if let Some(failure) = ended {
                    let replaced = reader.get_ref().replaced;
                    let _ = batches_tx.send(Message::End(failure, replaced));
                    return;
                }
            }
        });
        ReadAhead {
            batches,
            spare,
            batch: Batch::default(),
            pos: 0,
            replaced: false,
        }
    }

    /// Moves to the next record: its line, or `None` at the end.
    fn next(&mut self) -> Result<Option<u64>, ReadFailure> {
        loop {
            if self.pos < self.batch.len() {
                self.pos += 1;
                return Ok(self.current().map(|r| self.batch.line(r)));
            }
            let used = std::mem::take(&mut self.batch);
            // A full channel or a finished thread: the batch is simply dropped.
            let _ = self.spare.try_send(used);
            match self.batches.recv() {
                Ok(Message::Records(batch)) => {
                    self.batch = batch;
                    self.pos = 0;
                }
                Ok(Message::End(failure, replaced)) => {
                    self.replaced = replaced;
                    return failure.map_or(Ok(None), Err);
                }
                Err(_) => {
                    return Err(ReadFailure::Failed {
                        cause: "the reading thread stopped".to_string(),
                        line: None,
                    });
                }
            }
        }
    }

    /// The current record's index in `batch`: the one before `pos`.
    fn current(&self) -> Option<usize> {
        self.pos.checked_sub(1)
    }

    /// Copies the current record into `record`.
    fn copy_to(&self, record: &mut ::csv::ByteRecord) {
        record.clear();
        let Some(current) = self.current() else {
            return;
        };
        for col in 0..self.batch.count(current) {
            record.push_field(self.batch.get(current, col).unwrap_or_default());
        }
    }
}

/// The current record.
impl Fields for ReadAhead {
    fn count(&self) -> usize {
        self.current().map_or(0, |r| self.batch.count(r))
    }
    fn bytes(&self, col: usize) -> Option<&[u8]> {
        self.batch.get(self.current()?, col)
    }
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
            return Records::from_reader(input, None, Box::new(file), ahead, diags);
        }
        let digest = Arc::new(OnceLock::new());
        let hashing = Hashing::new(file, Arc::clone(&digest));
        let mut records = Records::from_reader(input, None, Box::new(hashing), ahead, diags)?;
        records.digest = digest;
        Some(records)
    }

    /// The SHA-256 and size of the file, when [`Records::open_read_ahead`] read it to
    /// the end.
    pub(crate) fn digest(&self) -> Option<FileDigest> {
        self.digest.get().cloned()
    }

    /// Reads from any source (a zip entry); `inner` names it within the file.
    pub(crate) fn from_reader(
        input: &InputPath,
        inner: Option<&str>,
        mut source: Box<dyn Read + Send>,
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
            Err(message) => {
                diags.push(place.error("bad-encoding", message).hint(
                    "open the file in a spreadsheet program and save it as \"CSV UTF-8\" or \"CSV (point-virgule)\"",
                ));
                return None;
            }
        };
        let (text, _) = encoding.decode_with_bom_removal(&prefix);
        if at_eof && text.trim().is_empty() {
            diags.push(
                place
                    .error("empty-file", "the file is empty (no header, no rows)")
                    .hint("export the data again, or point bilan.toml at the right file"),
            );
            return None;
        }
        let delimiter = detect_delimiter(&text);
        let source: Box<dyn Read + Send> = Box::new(Cursor::new(prefix).chain(source));
        let reader = Splitter::new(
            DecodingReader::new(source, encoding),
            delimiter,
            MAX_RECORD_BYTES,
        );
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
                            "too-large",
                            &input.display,
                            format!(
                                "the record starting on this line is longer than {} MiB, and bilan reads no longer records",
                                MAX_RECORD_BYTES / (1024 * 1024)
                            ),
                        )
                        .row(start.max(1))
                        .hint("look for a quote (\") opened on this line and never closed: it makes the rest of the file one cell"),
                    ),
                    ReadFailure::Failed { cause, line } => {
                        let mut d = Diagnostic::error(
                            "unreadable-file",
                            &input.display,
                            format!("failed to read the file ({cause})"),
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
                    "bad-encoding",
                    &input.display,
                    format!(
                        "some bytes are not valid {} and were replaced by \"\u{fffd}\" (the file mixes encodings)",
                        self.encoding.name()
                    ),
                )
                .hint("open the file in a spreadsheet program and save it again as \"CSV UTF-8\""),
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
                        "too-large",
                        format!(
                            "the file holds more than {} MiB of text or {} cells by this line (bilan reads registers and suggestions up to that)",
                            MAX_TABLE_BYTES / (1024 * 1024),
                            MAX_SHEET_CELLS
                        ),
                    )
                    .row(line.max(1))
                    .hint("check that this is the right file: a register has one row per proposal"),
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

/// The proposals CSV of a Decidim open-data archive (`…-open-data-proposals.csv`).
pub(crate) fn read_zipped_proposals(input: &InputPath, diags: &mut Diagnostics) -> Option<Table> {
    let file = match File::open(&input.path) {
        Ok(f) => f,
        Err(e) => {
            diags.push(io_diagnostic(input, &e));
            return None;
        }
    };
    let mut archive = match zip::ZipArchive::new(io::BufReader::new(file)) {
        Ok(a) => a,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    "not-a-spreadsheet",
                    &input.display,
                    format!(
                        "not a readable archive ({})",
                        super::lowercase_first(&e.to_string())
                    ),
                )
                .hint("download the export again: the file may be truncated"),
            );
            return None;
        }
    };
    let names: Vec<String> = archive
        .file_names()
        .flatten()
        .map(|n| n.into_owned())
        .collect();
    let Some(name) = names
        .iter()
        .find(|n| n.to_ascii_lowercase().ends_with("proposals.csv"))
        .cloned()
    else {
        let found = names
            .iter()
            .take(10)
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ");
        diags.push(
            Diagnostic::error(
                "no-sheet",
                &input.display,
                format!("the archive holds no proposals CSV file (files: {found})"),
            )
            .hint("point bilan.toml at a workbook, a CSV file or a Decidim open-data archive"),
        );
        return None;
    };
    let mut bytes = Vec::new();
    // At most one byte past the limit is inflated, whatever size the entry declares.
    let read = archive
        .by_name(&name)
        .map_err(|e| io::Error::other(e.to_string()))
        .and_then(|entry| entry.take(MAX_TABLE_BYTES + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        diags.push(io_diagnostic(input, &e));
        return None;
    }
    if bytes.len() as u64 > MAX_TABLE_BYTES {
        diags.push(
            Place::new(input, Some(&name))
                .error(
                    "too-large",
                    format!(
                        "the archive's proposals file inflates to more than {} MiB (bilan reads registers up to that)",
                        MAX_TABLE_BYTES / (1024 * 1024)
                    ),
                )
                .hint("download the export again: a Decidim proposals file is a few megabytes at most"),
        );
        return None;
    }
    let mut records = Records::from_reader(
        input,
        Some(&name),
        Box::new(Cursor::new(bytes)),
        false,
        diags,
    )?;
    collect(input, Some(&name), &mut records, diags)
}

/// The encoding of a file from its first bytes: a BOM, else UTF-8 when the bytes are
/// valid UTF-8, else the legacy encoding that fits best (Windows-1252 for French text).
fn detect_encoding(prefix: &[u8], at_eof: bool) -> Result<&'static Encoding, String> {
    if let Some((encoding, _)) = Encoding::for_bom(prefix) {
        return Ok(encoding);
    }
    if prefix.contains(&0) {
        // UTF-16 without a BOM: every other byte of ASCII text is zero.
        let sample = &prefix[..prefix.len().min(4096) & !1];
        let zeros_at = |parity: usize| {
            sample
                .iter()
                .skip(parity)
                .step_by(2)
                .filter(|b| **b == 0)
                .count()
        };
        let half = sample.len() / 2;
        if half > 0 && zeros_at(1) * 10 >= half * 3 && zeros_at(0) * 10 < half {
            return Ok(encoding_rs::UTF_16LE);
        }
        if half > 0 && zeros_at(0) * 10 >= half * 3 && zeros_at(1) * 10 < half {
            return Ok(encoding_rs::UTF_16BE);
        }
        return Err("not a text file (it holds NUL bytes: a binary file, or UTF-16 text without a byte-order mark)".into());
    }
    match std::str::from_utf8(prefix) {
        Ok(_) => return Ok(UTF_8),
        // Cut in the middle of a character by the sniff window: still UTF-8.
        Err(e) if e.error_len().is_none() && !at_eof => return Ok(UTF_8),
        Err(_) => {}
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(prefix, at_eof);
    Ok(detector.guess(None, false))
}

/// The delimiter (`,` `;` or tab) that splits the first lines most consistently, counted
/// outside quotes. A file with a single column reads with `,`.
pub(crate) fn detect_delimiter(text: &str) -> u8 {
    let lines = logical_lines(text, 30);
    const CANDIDATES: [u8; 3] = [b';', b'\t', b','];
    let Some(header) = lines
        .iter()
        .find(|l| CANDIDATES.iter().any(|&c| count_outside_quotes(l, c) > 0))
    else {
        return b',';
    };
    CANDIDATES
        .iter()
        .enumerate()
        .filter_map(|(priority, &c)| {
            let n = count_outside_quotes(header, c);
            if n == 0 {
                return None;
            }
            let consistent = lines
                .iter()
                .filter(|l| count_outside_quotes(l, c) == n)
                .count();
            Some(((consistent, n, usize::MAX - priority), c))
        })
        .max_by_key(|(score, _)| *score)
        .map_or(b',', |(_, c)| c)
}

/// The first `max` non-empty lines, a quoted field's newlines kept inside its line.
fn logical_lines(text: &str, max: usize) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                let line = text[start..i].trim_end_matches('\r');
                if !line.trim().is_empty() {
                    lines.push(line);
                    if lines.len() == max {
                        return lines;
                    }
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    let last = text[start..].trim_end_matches('\r');
    if !last.trim().is_empty() && lines.len() < max {
        lines.push(last);
    }
    lines
}

fn count_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            n += 1;
        }
    }
    n
}

/// Where decoded text starts in [`DecodingReader`]'s buffer: room for a CR carried
/// over, and the same alignment as the raw input, which encoding_rs copies fastest.
const HEAD: usize = 64;

/// Decodes bytes to UTF-8 as they are read, whatever their encoding (BOM removed), and
/// turns CRLF into LF: the CSV reader then counts lines as a text editor does (with
/// CRLF it numbers every record after the first one line too low), and multi-line
/// cells read the same from Windows and Unix files.
pub(crate) struct DecodingReader<R> {
    inner: R,
    decoder: Decoder,
    input: Box<[u8]>,
    in_pos: usize,
    in_len: usize,
    eof: bool,
    /// Decoded text, from [`HEAD`] (the byte before it holds a CR carried over from
    /// the last chunk); CRLF is made LF in place, and `out_pos..out_end` is handed out.
    decoded: Box<[u8]>,
    out_pos: usize,
    out_end: usize,
    /// A CR that ended the last decoded chunk: dropped if the next chunk starts with LF.
    pending_cr: bool,
    finished: bool,
    /// Whether some bytes were invalid and replaced by U+FFFD.
    pub(crate) replaced: bool,
}

impl<R: Read> DecodingReader<R> {
    pub(crate) fn new(inner: R, encoding: &'static Encoding) -> Self {
        DecodingReader {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            input: vec![0; 128 * 1024].into_boxed_slice(),
            in_pos: 0,
            in_len: 0,
            eof: false,
            decoded: vec![0; HEAD + 256 * 1024].into_boxed_slice(),
            out_pos: 0,
            out_end: 0,
            pending_cr: false,
            finished: false,
            replaced: false,
        }
    }

    /// Makes the chunk just decoded (`written` bytes from [`HEAD`]) the output, CRLF
    /// made LF. Text is moved only after a CR: a file with LF line ends is handed out
    /// where it was decoded.
    fn push_chunk(&mut self, written: usize, last: bool) {
        let end = HEAD + written;
        let buf = &mut self.decoded;
        self.out_pos = HEAD;
        if self.pending_cr && buf[HEAD..end].first() != Some(&b'\n') && (written > 0 || last) {
            buf[HEAD - 1] = b'\r';
            self.out_pos = HEAD - 1;
        }
        if written > 0 || last {
            self.pending_cr = false;
        }
        // Runs between carriage returns move left over the CRs dropped.
        let (mut read, mut write) = (HEAD, HEAD);
        while let Some(offset) = memchr::memchr(b'\r', &buf[read..end]) {
            let i = read + offset;
            buf.copy_within(read..i, write);
            write += i - read;
            let keep = match buf[i + 1..end].first() {
                Some(b'\n') => false,
                Some(_) => true,
                None if last => true,
                None => {
                    self.pending_cr = true;
                    false
                }
            };
            if keep {
                buf[write] = b'\r';
                write += 1;
            }
            read = i + 1;
        }
        if read != write {
            buf.copy_within(read..end, write);
        }
        self.out_end = write + (end - read);
    }

    /// Decodes the next chunk of input, reading more first if all was decoded.
    fn decode_next(&mut self) -> io::Result<()> {
        if self.in_pos == self.in_len && !self.eof {
            match self.inner.read(&mut self.input) {
                Ok(0) => self.eof = true,
                Ok(n) => {
                    self.in_pos = 0;
                    self.in_len = n;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => return Ok(()),
                Err(e) => return Err(e),
            }
        }
        let (result, read, written, replaced) = self.decoder.decode_to_utf8(
            &self.input[self.in_pos..self.in_len],
            &mut self.decoded[HEAD..],
            self.eof,
        );
        self.in_pos += read;
        self.replaced |= replaced;
        let last = self.eof && result == CoderResult::InputEmpty && self.in_pos == self.in_len;
        self.push_chunk(written, last);
        if last {
            self.finished = true;
        }
        Ok(())
    }
}

/// The decoded text is handed out where it was decoded.
impl<R: Read> BufRead for DecodingReader<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.out_pos == self.out_end && !self.finished {
            self.decode_next()?;
        }
        Ok(&self.decoded[self.out_pos..self.out_end])
    }

    fn consume(&mut self, amount: usize) {
        self.out_pos = (self.out_pos + amount).min(self.out_end);
    }
}

impl<R: Read> Read for DecodingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let text = self.fill_buf()?;
        let n = buf.len().min(text.len());
        buf[..n].copy_from_slice(&text[..n]);
        self.consume(n);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hands out one byte per read, so that every chunk boundary is exercised.
    struct OneByte(Cursor<Vec<u8>>);

    impl Read for OneByte {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(1);
            self.0.read(&mut buf[..n])
        }
    }

    fn decode_all(bytes: &[u8], encoding: &'static Encoding) -> (String, bool) {
        let whole = decode_with(DecodingReader::new(Cursor::new(bytes.to_vec()), encoding));
        let bytewise = decode_with(DecodingReader::new(
            OneByte(Cursor::new(bytes.to_vec())),
            encoding,
        ));
        assert_eq!(whole, bytewise);
        whole
    }

    fn decode_with<R: Read>(mut reader: DecodingReader<R>) -> (String, bool) {
        let mut out = String::new();
        // Tiny reads exercise the buffering.
        let mut buf = [0u8; 3];
        let mut raw = Vec::new();
        loop {
            let n = reader.read(&mut buf).expect("in-memory read");
            if n == 0 {
                break;
            }
            raw.extend_from_slice(&buf[..n]);
        }
        out.push_str(&String::from_utf8(raw).expect("decoder output is UTF-8"));
        (out, reader.replaced)
    }

    #[test]
    fn decodes_bom_utf8_windows_1252_and_utf16() {
        assert_eq!(
            decode_all(b"\xEF\xBB\xBFth\xC3\xA8me;x", UTF_8),
            ("thème;x".to_string(), false)
        );
        assert_eq!(
            decode_all(b"Th\xE8me;\x92ok", encoding_rs::WINDOWS_1252),
            ("Thème;’ok".to_string(), false)
        );
        assert_eq!(
            decode_all(b"\xFF\xFEa\x00;\x00b\x00", encoding_rs::UTF_16LE),
            ("a;b".to_string(), false)
        );
        assert_eq!(
            decode_all(b"a\xE9b", UTF_8),
            ("a\u{fffd}b".to_string(), true)
        );
        // CRLF becomes LF, whatever the read sizes; a lone CR stays.
        assert_eq!(
            decode_all(b"a;b\r\n\"x\r\ny\"\r\nz\rw\r", UTF_8),
            ("a;b\n\"x\ny\"\nz\rw\r".to_string(), false)
        );
        // A CR last in the file, after a chunk that began with LF.
        assert_eq!(decode_all(b"\n\r", UTF_8), ("\n\r".to_string(), false));
        // A CR before a character split across reads, and before nothing decoded yet.
        assert_eq!(
            decode_all(b"\n\r\xC3\xA9\r\xC3\xA9", UTF_8),
            ("\n\r\u{e9}\r\u{e9}".to_string(), false)
        );
        assert_eq!(
            decode_all(b"\r\r\na\r\r\rb\r\n", UTF_8),
            ("\r\na\r\r\rb\n".to_string(), false)
        );
        assert_eq!(
            decode_all(
                b"\xFF\xFEa\x00\r\x00\n\x00b\x00\r\x00",
                encoding_rs::UTF_16LE
            ),
            ("a\nb\r".to_string(), false)
        );
    }

    /// Hands out reads of the given sizes, in turn.
    struct Uneven {
        inner: Cursor<Vec<u8>>,
        sizes: Vec<usize>,
        next: usize,
    }

    impl Read for Uneven {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let size = self.sizes[self.next % self.sizes.len()];
            self.next += 1;
            let n = buf.len().min(size);
            self.inner.read(&mut buf[..n])
        }
    }

    mod properties {
        use proptest::prelude::*;

        use super::*;

        const PIECES: [&str; 6] = ["\r", "\n", "\r\n", "a", "é", ";"];

        proptest! {
            /// Texts of CR, LF, multi-byte characters and letters, read in uneven
            /// pieces: the decoder gives what decoding the whole and replacing every
            /// CRLF by LF gives.
            #[test]
            fn line_ends_are_made_lf_whatever_the_reads(
                pieces in prop::collection::vec(0..PIECES.len(), 0..40),
                sizes in prop::collection::vec(1usize..8, 1..6),
            ) {
                let text: String = pieces.iter().map(|&i| PIECES[i]).collect();
                let reader = Uneven {
                    inner: Cursor::new(text.clone().into_bytes()),
                    sizes,
                    next: 0,
                };
                let (decoded, replaced) = decode_with(DecodingReader::new(reader, UTF_8));
                prop_assert_eq!(decoded, text.replace("\r\n", "\n"));
                prop_assert!(!replaced);
            }
        }
    }

    /// Every record and its line, read with or without the reading thread.
    fn all_records(bytes: &[u8], ahead: bool) -> (Vec<(usize, Vec<String>)>, Diagnostics) {
        let input = InputPath {
            path: "debat.csv".into(),
            display: "debat.csv".into(),
        };
        let mut diags = Diagnostics::new();
        let mut records = Records::from_reader(
            &input,
            None,
            Box::new(Cursor::new(bytes.to_vec())),
            ahead,
            &mut diags,
        )
        .expect("opens");
        let mut out = Vec::new();
        while let Some(line) = records.next(&input, &mut diags) {
            out.push((line, records.record().iter().map(str::to_string).collect()));
        }
        records.finish(&input, &mut diags);
        (out, diags)
    }

    #[test]
    fn reading_ahead_gives_the_same_records_lines_and_diagnostics() {
        // Windows-1252 with CRLF, a multi-line cell every 7 rows, over several batches.
        let mut text = String::from("participant;affirmation;réponse\r\n");
        for i in 0..(3 * BATCH_RECORDS + 17) {
            let answer = if i % 7 == 0 {
                "\"pas\r\nd’accord\""
            } else {
                "d’accord"
            };
            text.push_str(&format!("P{i};Énoncé {};{answer}\r\n", i % 5));
        }
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&text);
        let (direct, direct_diags) = all_records(&bytes, false);
        let (ahead, ahead_diags) = all_records(&bytes, true);
        assert_eq!(direct.len(), 3 * BATCH_RECORDS + 18);
        assert_eq!(
            direct[2],
            (4, vec!["P1".into(), "Énoncé 1".into(), "d’accord".into()])
        );
        assert_eq!(ahead, direct);
        assert!(direct_diags.is_empty() && ahead_diags.is_empty());

        // A quote never closed: the same too-large error, on the line where it starts.
        let mut text = String::from("participant;affirmation;réponse\n");
        for i in 0..(BATCH_RECORDS + 3) {
            text.push_str(&format!("P{i};Énoncé;d'accord\n"));
        }
        text.push_str("P;\"Énoncé;d'accord\n");
        // Past the limit by more than one decoded chunk.
        text.push_str(&"x".repeat(MAX_RECORD_BYTES as usize + 64 * 1024));
        let (direct, direct_diags) = all_records(text.as_bytes(), false);
        let (ahead, ahead_diags) = all_records(text.as_bytes(), true);
        assert_eq!(ahead, direct);
        assert_eq!(direct.len(), BATCH_RECORDS + 4);
        let codes = |d: &Diagnostics| {
            d.items()
                .iter()
                .map(|d| (d.code, d.row))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            codes(&direct_diags),
            vec![("too-large", Some(BATCH_RECORDS + 5))]
        );
        assert_eq!(codes(&ahead_diags), codes(&direct_diags));
    }

    #[test]
    fn detects_encodings() {
        assert_eq!(detect_encoding(b"\xEF\xBB\xBFabc", true), Ok(UTF_8));
        assert_eq!(detect_encoding("thème".as_bytes(), true), Ok(UTF_8));
        assert_eq!(
            detect_encoding(
                b"Th\xE8me;Titre;Statut\r\nInclusion num\xE9rique;Traduire;accept\xE9e\r\n",
                true
            ),
            Ok(encoding_rs::WINDOWS_1252)
        );
        assert_eq!(
            detect_encoding(b"a\x00;\x00b\x00c\x00", true),
            Ok(encoding_rs::UTF_16LE)
        );
        assert!(detect_encoding(b"PK\x03\x04\x00\x00\x01\x02\x00\x00\xff", true).is_err());
        // A prefix cut inside a character is still UTF-8.
        assert_eq!(detect_encoding(&"été".as_bytes()[..4], false), Ok(UTF_8));
    }

    #[test]
    fn detects_delimiters() {
        assert_eq!(detect_delimiter("a;b;c\n1;2;3\n"), b';');
        assert_eq!(detect_delimiter("a,b,c\r\n1,2,3\r\n"), b',');
        assert_eq!(detect_delimiter("a\tb\tc\n1\t2\t3"), b'\t');
        assert_eq!(detect_delimiter("\"x;y\",b,c\n\"1;2\",2,3"), b',');
        assert_eq!(
            detect_delimiter("Thème;Titre, long;Statut\nA;B, c, d;C\n"),
            b';'
        );
        assert_eq!(detect_delimiter("single\nvalue\n"), b',');
        assert_eq!(
            detect_delimiter("Registre 2025;;\n\nThème;Titre;Statut\n"),
            b';'
        );
        // A quoted newline does not end the line.
        assert_eq!(detect_delimiter("a,\"b\nc;d;e\",f\n1,2,3"), b',');
    }
}
