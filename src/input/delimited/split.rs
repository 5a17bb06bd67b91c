//! Records split from decoded CSV text.
//!
//! A survey export is mostly lines of the same plain shape: cells separated by the
//! delimiter, some of them quoted whole, no quote inside a cell and no line break inside
//! a quoted cell. Such a line is split in one pass over SIMD masks of the bytes that
//! shape records ([`Structural`]), many times faster than
//! `csv_core`'s byte-at-a-time state machine, which decided the time of a
//! 5-million-answer survey. Any other line (an escaped quote `""`, a cell spanning
//! lines, a quote inside an unquoted cell, a lone carriage return, a line cut by the end
//! of the decoded chunk) is read by `csv_core` from its first byte, so records are
//! always those `csv_core` gives (with `flexible` records and its default quoting).
//! The property test below checks that against the csv crate's own reader.
//!
//! Records go to an [`Out`]: a `ByteRecord`, or a [`Batch`] of records in flat buffers,
//! which a survey's reading thread fills for the thread that counts.

use std::io::{self, BufRead};

use csv::{ByteRecord, Position};
use csv_core::ReadRecordResult;

/// Why a record could not be read.
pub(crate) enum SplitError {
    /// The record on this row (as a spreadsheet shows the file) is longer than the limit.
    TooLong { start: u64 },
    /// The source failed, while reading the record of this row.
    Io { error: io::Error, line: u64 },
}

/// Where the fields of records go.
pub(crate) trait Out {
    /// Starts a record, dropping the fields of one started and not ended.
    fn start(&mut self);
    fn field(&mut self, bytes: &[u8]);
    /// The fields of a plain line: `spans` in `line` (which holds the delimiters and
    /// quotes between them too).
    fn fields_in(&mut self, line: &[u8], spans: &[(usize, usize)]) {
        for &(from, to) in spans {
            self.field(&line[from..to]);
        }
    }
    /// Ends the record, which is on `row` as a spreadsheet shows the file (a record
    /// whose quoted cells span lines is one row).
    fn end(&mut self, row: u64);
}

impl Out for ByteRecord {
    fn start(&mut self) {
        self.clear();
    }
    fn field(&mut self, bytes: &[u8]) {
        self.push_field(bytes);
    }
    fn end(&mut self, line: u64) {
        let mut position = Position::new();
        position.set_line(line);
        self.set_position(Some(position));
    }
}

/// Records one after another in flat buffers: their text (a plain line copied whole,
/// with its delimiters: one copy a line rather than one a field), where each field
/// lies in it, and where each record's fields and text end, with its line.
#[derive(Default)]
pub(crate) struct Batch {
    text: Vec<u8>,
    spans: Vec<(usize, usize)>,
    /// Per record: the end of its fields in `spans`, of its text in `text`, its line.
    records: Vec<(usize, usize, u64)>,
}

impl Batch {
    pub(crate) fn clear(&mut self) {
        self.text.clear();
        self.spans.clear();
        self.records.clear();
    }

    /// How many records it holds.
    pub(crate) fn len(&self) -> usize {
        self.records.len()
    }

    /// The bytes of its text.
    pub(crate) fn text_len(&self) -> usize {
        self.text.len()
    }

    /// The line record `record` starts on.
    pub(crate) fn line(&self, record: usize) -> u64 {
        self.records[record].2
    }

    /// The indices in `spans` of record `record`'s fields.
    pub(crate) fn fields(&self, record: usize) -> std::ops::Range<usize> {
        let from = record.checked_sub(1).map_or(0, |r| self.records[r].0);
        from..self.records[record].0
    }

    /// How many fields record `record` has.
    pub(crate) fn count(&self, record: usize) -> usize {
        self.fields(record).len()
    }

    /// Field `col` of record `record`.
    pub(crate) fn get(&self, record: usize, col: usize) -> Option<&[u8]> {
        let fields = self.fields(record);
        let k = fields.start + col;
        if k >= fields.end {
            return None;
        }
        Some(self.field(k))
    }

    /// The field at index `k` of all the batch's fields ([`Batch::fields`]).
    pub(crate) fn field(&self, k: usize) -> &[u8] {
        let (from, to) = self.spans[k];
        &self.text[from..to]
    }
}

impl Out for Batch {
    fn start(&mut self) {
        let (fields, text) = self.records.last().map_or((0, 0), |&(f, t, _)| (f, t));
        self.spans.truncate(fields);
        self.text.truncate(text);
    }
    fn field(&mut self, bytes: &[u8]) {
        let from = self.text.len();
        self.text.extend_from_slice(bytes);
        self.spans.push((from, self.text.len()));
    }
    fn fields_in(&mut self, line: &[u8], spans: &[(usize, usize)]) {
        let base = self.text.len();
        self.text.extend_from_slice(line);
        let moved = spans.iter().map(|&(from, to)| (base + from, base + to));
        self.spans.extend(moved);
    }
    fn end(&mut self, line: u64) {
        self.records.push((self.spans.len(), self.text.len(), line));
    }
}

/// Splits records from a buffered source of UTF-8 text.
pub(crate) struct Splitter<R> {
    source: R,
    delimiter: u8,
    core: csv_core::Reader,
    /// The line of the next byte, from 1.
    line: u64,
    /// The row of the next record as a spreadsheet shows the file, from 1: a blank line
    /// is a row, a record is one row however many lines its quoted cells span.
    row: u64,
    /// The last record read by `csv_core` ended on a CR: an LF right after it ends the
    /// same line, not a blank row.
    after_cr: bool,
    /// The most bytes one record read by `csv_core` may take from the source (a line
    /// split in one pass is within the source's buffer).
    limit: u64,
    /// `csv_core`'s output: the fields' bytes, and where each field ends.
    fields: Vec<u8>,
    ends: Vec<usize>,
    /// The fields of the plain line last split, in its text.
    spans: Vec<(usize, usize)>,
    done: bool,
}

impl<R: BufRead> Splitter<R> {
    pub(crate) fn new(source: R, delimiter: u8, limit: u64) -> Self {
        Splitter {
            source,
            delimiter,
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            line: 1,
            row: 1,
            after_cr: false,
            limit,
            fields: vec![0; 4096],
            ends: vec![0; 64],
            spans: Vec::new(),
            done: false,
        }
    }

    pub(crate) fn get_ref(&self) -> &R {
        &self.source
    }

    /// Reads the next record into `record`, with its row as a spreadsheet shows it
    /// ([`Splitter::row`]): `Ok(false)` at the end. Empty lines are skipped (and
    /// counted as rows).
    pub(crate) fn read(&mut self, record: &mut impl Out) -> Result<bool, SplitError> {
        record.start();
        if self.done {
            return Ok(false);
        }
        loop {
            let line = self.row;
            let buf = self
                .source
                .fill_buf()
                .map_err(|error| SplitError::Io { error, line })?;
            if std::mem::take(&mut self.after_cr) && buf.first() == Some(&b'\n') {
                self.source.consume(1);
                self.line += 1;
                continue;
            }
            // Empty lines, CR or LF, as csv_core skips them.
            let blank = buf.iter().take_while(|&&b| b == b'\n' || b == b'\r');
            let (skipped, lines) =
                blank.fold((0, 0), |(n, l), &b| (n + 1, l + u64::from(b == b'\n')));
            if skipped > 0 {
                self.source.consume(skipped);
                self.line += lines;
                self.row += lines;
                continue;
            }
            if let Some(taken) = split_line(buf, self.delimiter, &mut self.spans) {
                record.fields_in(&buf[..taken], &self.spans);
                record.end(self.row);
                self.source.consume(taken);
                self.line += 1;
                self.row += 1;
                return Ok(true);
            }
            break;
        }
        self.read_with_core(record)
    }

    /// Reads the next record with `csv_core`, across as many chunks as it takes.
    fn read_with_core(&mut self, record: &mut impl Out) -> Result<bool, SplitError> {
        let start = self.row;
        self.core.reset();
        self.core.set_line(self.line);
        let (mut out, mut ended, mut taken) = (0, 0, 0u64);
        loop {
            let buf = self
                .source
                .fill_buf()
                .map_err(|error| SplitError::Io { error, line: start })?;
            let (result, read, written, ends) =
                self.core
                    .read_record(buf, &mut self.fields[out..], &mut self.ends[ended..]);
            let ended_on_cr = read > 0 && buf[read - 1] == b'\r';
            self.source.consume(read);
            self.line = self.core.line();
            taken += read as u64;
            out += written;
            ended += ends;
            match result {
                ReadRecordResult::InputEmpty if taken > self.limit => {
                    return Err(SplitError::TooLong { start });
                }
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let grown = self.fields.len() * 2;
                    self.fields.resize(grown, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let grown = self.ends.len() * 2;
                    self.ends.resize(grown, 0);
                }
                ReadRecordResult::Record => {
                    let mut from = 0;
                    for &to in &self.ends[..ended] {
                        record.field(&self.fields[from..to]);
                        from = to;
                    }
                    record.end(start);
                    self.row += 1;
                    self.after_cr = ended_on_cr;
                    return Ok(true);
                }
                ReadRecordResult::End => {
                    self.done = true;
                    return Ok(false);
                }
            }
        }
    }
}

/// Splits the plain line that starts `buf` into `spans` (where each field lies in
/// `buf`): how many bytes it took, its LF included, or `None` when the line needs
/// `csv_core` (or does not end within `buf`).
fn split_line(buf: &[u8], delimiter: u8, spans: &mut Vec<(usize, usize)>) -> Option<usize> {
    spans.clear();
    let mut marks = Structural::new(buf, delimiter);
    // Every mark before `start` has been taken from `marks`.
    let mut start = 0;
    loop {
        if buf.get(start) == Some(&b'"') {
            marks.next();
            // A quoted cell ends at the next quote, which must close it: followed by
            // the delimiter or the end of the line, not by a second quote. A line
            // break before it is a cell spanning lines.
            let close = loop {
                let at = marks.next()?;
                match buf[at] {
                    b'"' => break at,
                    b'\n' => return None,
                    _ => {}
                }
            };
            spans.push((start + 1, close));
            match buf.get(close + 1) {
                Some(b'\n') => return Some(close + 2),
                Some(&b) if b == delimiter => {
                    marks.next();
                    start = close + 2;
                }
                _ => return None,
            }
        } else {
            let at = marks.next()?;
            match buf[at] {
                b'\n' => {
                    spans.push((start, at));
                    return Some(at + 1);
                }
                b if b == delimiter => {
                    spans.push((start, at));
                    start = at + 1;
                }
                // A quote inside an unquoted cell, a carriage return.
                _ => return None,
            }
        }
    }
}

/// The positions in a buffer of the bytes that shape records (the delimiter, `"`, CR
/// and LF), in order. They are found 64 bytes at a time with SSE2 compares: a line is
/// read once, where `memchr` for its end then `memchr3` for each cell read it twice
/// and paid a call per short cell (on the 5-million-answer long survey, 85 ms against
/// 205 ms for the same records, `,` unquoted or `;` quoted).
struct Structural<'a> {
    buf: &'a [u8],
    /// The start of the block `mask` covers.
    base: usize,
    /// The marks of the block not yet taken, bit `i` for `buf[base + i]`.
    mask: u64,
    delimiter: u8,
}

impl<'a> Structural<'a> {
    fn new(buf: &'a [u8], delimiter: u8) -> Self {
        let mut marks = Structural {
            buf,
            base: 0,
            mask: 0,
            delimiter,
        };
        marks.mask = marks.block(0);
        marks
    }

    /// The next mark's position, or `None` past the end of the buffer.
    #[inline]
    fn next(&mut self) -> Option<usize> {
        loop {
            if self.mask != 0 {
                let bit = self.mask.trailing_zeros() as usize;
                self.mask &= self.mask - 1;
                return Some(self.base + bit);
            }
            self.base += 64;
            if self.base >= self.buf.len() {
                return None;
            }
            self.mask = self.block(self.base);
        }
    }

    /// The marks of the 64 bytes from `at`; past the end of the buffer, none.
    fn block(&self, at: usize) -> u64 {
        match self.buf.get(at..at + 64) {
            Some(block) => marks64(block, self.delimiter),
            None => {
                // NUL is never a mark: the padding adds none.
                let mut block = [0u8; 64];
                let rest = self.buf.get(at..).unwrap_or_default();
                block[..rest.len()].copy_from_slice(rest);
                marks64(&block, self.delimiter)
            }
        }
    }
}

/// Bit `i` set when `block[i]` (64 bytes) is the delimiter, a quote, CR or LF.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[inline]
fn marks64(block: &[u8], delimiter: u8) -> u64 {
    // SAFETY: SSE2 is enabled for this build (the `cfg` above; every x86_64 has it).
    unsafe { marks64_sse2(block, delimiter) }
}

#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
fn marks64_sse2(block: &[u8], delimiter: u8) -> u64 {
    use std::arch::x86_64::{
        _mm_cmpeq_epi8, _mm_loadu_si128, _mm_movemask_epi8, _mm_or_si128, _mm_set1_epi8,
    };
    let byte = |b: u8| _mm_set1_epi8(i8::from_ne_bytes([b]));
    let (delimiter, quote, cr, lf) = (byte(delimiter), byte(b'"'), byte(b'\r'), byte(b'\n'));
    let mut mask = 0u64;
    for (k, part) in block.chunks_exact(16).take(4).enumerate() {
        // SAFETY: `part` holds 16 bytes, and an unaligned load reads those 16.
        let v = unsafe { _mm_loadu_si128(part.as_ptr().cast()) };
        let hits = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, delimiter), _mm_cmpeq_epi8(v, quote)),
            _mm_or_si128(_mm_cmpeq_epi8(v, cr), _mm_cmpeq_epi8(v, lf)),
        );
        // The low 16 bits are one per byte.
        let bits = u16::try_from(_mm_movemask_epi8(hits) & 0xffff).unwrap_or_default();
        mask |= u64::from(bits) << (16 * k);
    }
    mask
}

#[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
fn marks64(block: &[u8], delimiter: u8) -> u64 {
    block.iter().take(64).enumerate().fold(0, |mask, (i, &b)| {
        let mark = b == delimiter || b == b'"' || b == b'\r' || b == b'\n';
        mask | (u64::from(mark) << i)
    })
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Read};

    use proptest::prelude::*;

    use super::*;

    /// Records and their lines, read by the splitter over a buffer of `capacity` bytes.
    fn split(text: &str, delimiter: u8, capacity: usize) -> Vec<(u64, Vec<String>)> {
        let source = io::BufReader::with_capacity(capacity, Cursor::new(text.as_bytes().to_vec()));
        let mut splitter = Splitter::new(source, delimiter, u64::MAX);
        let mut record = ByteRecord::new();
        let mut out = Vec::new();
        while splitter.read(&mut record).unwrap_or(false) {
            let line = record.position().map_or(0, Position::line);
            let fields = record
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned());
            out.push((line, fields.collect()));
        }
        out
    }

    /// The same, all in one [`Batch`].
    fn split_batch(text: &str, delimiter: u8, capacity: usize) -> Vec<(u64, Vec<String>)> {
        let source = io::BufReader::with_capacity(capacity, Cursor::new(text.as_bytes().to_vec()));
        let mut splitter = Splitter::new(source, delimiter, u64::MAX);
        let mut batch = Batch::default();
        while splitter.read(&mut batch).unwrap_or(false) {}
        (0..batch.len())
            .map(|r| {
                let fields = (0..batch.count(r)).map(|col| {
                    String::from_utf8_lossy(batch.get(r, col).expect("a field")).into_owned()
                });
                (batch.line(r), fields.collect())
            })
            .collect()
    }

    /// The csv crate's records for the same text, each with the line its first byte
    /// is on (the crate gives the line where its reader stood, before empty lines).
    fn reference(text: &str, delimiter: u8) -> Vec<(u64, Vec<String>)> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut record = ByteRecord::new();
        let mut out = Vec::new();
        while reader.read_byte_record(&mut record).unwrap_or(false) {
            let position = record.position().expect("a position");
            let from = usize::try_from(position.byte()).expect("fits");
            let empty = text[from..]
                .bytes()
                .take_while(|&b| b == b'\n' || b == b'\r');
            let skipped = empty.filter(|&b| b == b'\n').count() as u64;
            let fields = record
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned());
            out.push((position.line() + skipped, fields.collect()));
        }
        out
    }

    #[test]
    fn rows_count_records_as_a_spreadsheet_shows_them() {
        let rows = |text: &str| -> Vec<u64> {
            split(text, b';', 4096)
                .into_iter()
                .map(|(row, _)| row)
                .collect()
        };
        // A cell over three lines is one row; a blank line is a row.
        assert_eq!(rows("a\n\"x\ny\nz\";1\nb\n\nc"), [1, 2, 3, 5]);
        assert_eq!(rows("a\r\nb\r\n\r\nc\r\n"), [1, 2, 4]);
    }

    #[test]
    fn plain_lines_and_the_others() {
        let text =
            "a;\"b c\";;d\n\n\"x \"\"y\"\"\";z\n\"multi\nline\";2\nq\"uote;1\n\"a\";\n;\nlast";
        let records = split(text, b';', 4096);
        let fields = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            records,
            vec![
                (1, fields(&["a", "b c", "", "d"])),
                (3, fields(&["x \"y\"", "z"])),
                (4, fields(&["multi\nline", "2"])),
                (5, fields(&["q\"uote", "1"])),
                (6, fields(&["a", ""])),
                (7, fields(&["", ""])),
                (8, fields(&["last"])),
            ]
        );
        let fields_only =
            |r: Vec<(u64, Vec<String>)>| r.into_iter().map(|(_, f)| f).collect::<Vec<_>>();
        assert_eq!(
            fields_only(records.clone()),
            fields_only(reference(text, b';'))
        );
        assert_eq!(split_batch(text, b';', 4096), records);
    }

    #[test]
    fn a_record_longer_than_the_limit_fails_on_its_first_line() {
        let text = format!("a;b\n\"open;{}\n", "x".repeat(10_000));
        let source = io::BufReader::with_capacity(512, Cursor::new(text.into_bytes()));
        let mut splitter = Splitter::new(source, b';', 4096);
        let mut record = ByteRecord::new();
        assert!(matches!(splitter.read(&mut record), Ok(true)));
        assert!(matches!(
            splitter.read(&mut record),
            Err(SplitError::TooLong { start: 2 })
        ));
    }

    #[test]
    fn a_failing_source_names_the_line() {
        struct Failing(Cursor<Vec<u8>>);
        impl Read for Failing {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                match self.0.read(buf)? {
                    0 => Err(io::Error::other("disk gone")),
                    n => Ok(n),
                }
            }
        }
        let source = io::BufReader::with_capacity(8, Failing(Cursor::new(b"a\nb\nc;d".to_vec())));
        let mut splitter = Splitter::new(source, b';', u64::MAX);
        let mut record = ByteRecord::new();
        assert!(matches!(splitter.read(&mut record), Ok(true)));
        assert!(matches!(splitter.read(&mut record), Ok(true)));
        assert!(matches!(
            splitter.read(&mut record),
            Err(SplitError::Io { line: 3, .. })
        ));
    }

    /// The long piece puts marks on either side of the scanner's 64-byte blocks.
    const PIECES: [&str; 10] = [
        "a",
        "é",
        " ",
        ";",
        ",",
        "\"",
        "\n",
        "\r",
        "\r\n",
        "Le CENR a reçu les moyens nécessaires pour travailler",
    ];

    proptest! {
        /// Any text of cells, quotes and line ends, through buffers of any size: the
        /// splitter gives the csv crate's records, each on its row as a spreadsheet
        /// shows the file — rows that go up, and are the records' lines when no cell
        /// spans lines and no record ends with a lone CR.
        #[test]
        fn splits_as_the_csv_crate_does(
            pieces in prop::collection::vec(0..PIECES.len(), 0..120),
            capacity in prop_oneof![1usize..40, 40usize..600],
            comma in any::<bool>(),
        ) {
            let text: String = pieces.iter().map(|&i| PIECES[i]).collect();
            let delimiter = if comma { b',' } else { b';' };
            let records = split(&text, delimiter, capacity);
            let expected = reference(&text, delimiter);
            let fields = |r: &[(u64, Vec<String>)]| r.iter().map(|(_, f)| f.clone()).collect::<Vec<_>>();
            prop_assert_eq!(fields(&records), fields(&expected));
            prop_assert!(records.windows(2).all(|w| w[0].0 < w[1].0), "rows go up: {:?}", records);
            let plain = !text.contains('"') && !text.replace("\r\n", "").contains('\r');
            if plain {
                prop_assert_eq!(&records, &expected);
            }
            prop_assert_eq!(split_batch(&text, delimiter, capacity), records);
        }
    }
}
