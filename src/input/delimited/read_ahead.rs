//! The threads that keep a large survey's read on two cores: [`ReadAhead`] reads, decodes
//! and splits records on a thread of its own and hands them over in [`Batch`]es, and
//! [`Hashing`] computes the file's SHA-256 on another from the chunks it reads. Also the reading
//! of one record ([`read_one`]), the same on this thread or the reading thread.
//!
//! It moves records and bytes between threads, in bounded memory, and nothing else: it
//! words no diagnostics (it returns a [`ReadFailure`]) and gives no meaning to cells.

use std::io::Read;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle;

use sha2::{Digest, Sha256};

use super::decode::{Chunk, DecodingReader, Tap};
use super::fields::Fields;
use super::split::{Batch, Out, SplitError, Splitter};
use crate::input::{FileDigest, lowercase_first};

/// The CSV reader over a decoded file.
pub(super) type CsvReader = Splitter<DecodingReader<Box<dyn Read + Send>>>;

/// Records read ahead are handed over this many at a time… (each hand-over may put a
/// thread to sleep: 1,024 records a batch cost 7,000 context switches on 5 M answers)
const BATCH_RECORDS: usize = 8192;
/// …or fewer, once they hold this many bytes.
const BATCH_BYTES: usize = 1024 * 1024;
/// Batches sent and not yet taken by the caller.
const BATCHES_AHEAD: usize = 2;
/// Every batch there is: those sent, the one the caller reads and the one being filled.
/// They go round, so that their memory is written again rather than given back and
/// asked anew (fresh pages cost the kernel zeroing them: 4 % of a 600 MB survey's read).
const BATCHES: usize = BATCHES_AHEAD + 2;

/// Hashes the chunks a [`DecodingReader`] reads, on a thread of its own (SHA-256 would
/// otherwise be the reading thread's largest cost); at the end of the source, leaves
/// their digest in `digest`. The chunks are shared with the decoder, not copied.
pub(super) struct Hashing {
    /// Chunks read, to the hashing thread; dropped at the end.
    chunks: Option<SyncSender<(Chunk, usize)>>,
    hasher: Option<JoinHandle<FileDigest>>,
    digest: Arc<OnceLock<FileDigest>>,
}

impl Hashing {
    pub(super) fn new(digest: Arc<OnceLock<FileDigest>>) -> Self {
        // A few chunks ahead: the decoder reads into chunks the thread let go.
        let (chunks, received) = sync_channel::<(Chunk, usize)>(4);
        // The thread ends when the reader reaches the end or is dropped.
        let hasher = std::thread::spawn(move || {
            let (mut sha, mut bytes) = (Sha256::new(), 0);
            for (chunk, len) in received {
                let read = chunk.get(..len).unwrap_or_default();
                sha.update(read);
                bytes += read.len() as u64;
            }
            let sha256 = crate::hash::hex(&sha.finalize());
            FileDigest { sha256, bytes }
        });
        Hashing {
            chunks: Some(chunks),
            hasher: Some(hasher),
            digest,
        }
    }
}

impl Tap for Hashing {
    fn chunk(&mut self, chunk: Chunk, len: usize) {
        if let Some(chunks) = &self.chunks
            && chunks.send((chunk, len)).is_err()
        {
            // The hashing thread is gone: no digest, the file is hashed again.
            self.chunks = None;
            self.hasher = None;
        }
    }

    fn end(&mut self) {
        self.chunks = None;
        if let Some(Ok(digest)) = self.hasher.take().map(JoinHandle::join) {
            let _ = self.digest.set(digest);
        }
    }
}

/// Why reading stopped before the end of the file.
pub(super) enum ReadFailure {
    /// A record pulled more than [`MAX_RECORD_BYTES`]; it starts on this line.
    TooLong { start: usize },
    /// An I/O error: its cause, and the line where it happened when known.
    Failed { cause: String, line: Option<usize> },
}

/// Reads one record into `record`: `Ok(false)` at the end of the file.
pub(super) fn read_one(reader: &mut CsvReader, record: &mut impl Out) -> Result<bool, ReadFailure> {
    reader.read(record).map_err(|e| match e {
        SplitError::TooLong { start } => ReadFailure::TooLong {
            start: usize::try_from(start).unwrap_or(usize::MAX),
        },
        SplitError::Io { error, line } => ReadFailure::Failed {
            cause: lowercase_first(&error.to_string()),
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
pub(super) struct ReadAhead {
    batches: Receiver<Message>,
    /// Used batches handed back to be filled again.
    spare: SyncSender<Batch>,
    batch: Batch,
    /// The next record of `batch`; the current one is just before.
    pos: usize,
    /// The current record's fields, as indices of `batch`'s fields (looked up once a
    /// record: each cell of millions of rows is read through them).
    fields: std::ops::Range<usize>,
    /// Whether the decoder replaced bytes, known at the end of the file.
    pub(super) replaced: bool,
}

impl ReadAhead {
    pub(super) fn start(mut reader: CsvReader) -> ReadAhead {
        let (batches_tx, batches) = sync_channel(BATCHES_AHEAD);
        let (spare, spare_rx) = sync_channel::<Batch>(BATCHES);
        // The thread ends at the end of the file, or when the caller drops its side.
        std::thread::spawn(move || {
            let mut made = 0;
            loop {
                // A new batch until there are enough; then the next one handed back.
                let mut batch = match spare_rx.try_recv() {
                    Ok(batch) => batch,
                    Err(_) if made < BATCHES => {
                        made += 1;
                        Batch::default()
                    }
                    Err(_) => match spare_rx.recv() {
                        Ok(batch) => batch,
                        // The caller is gone.
                        Err(_) => return,
                    },
                };
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
            fields: 0..0,
            replaced: false,
        }
    }

    /// Moves to the next record: its line, or `None` at the end.
    pub(super) fn next(&mut self) -> Result<Option<u64>, ReadFailure> {
        loop {
            if self.pos < self.batch.len() {
                self.fields = self.batch.fields(self.pos);
                self.pos += 1;
                return Ok(self.current().map(|r| self.batch.line(r)));
            }
            let used = std::mem::take(&mut self.batch);
            self.fields = 0..0;
            // The channel holds every batch there is, so it is never full; once the
            // thread has finished, the batch is simply dropped.
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
    pub(super) fn copy_to(&self, record: &mut ::csv::ByteRecord) {
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
        self.fields.len()
    }
    fn bytes(&self, col: usize) -> Option<&[u8]> {
        let k = self.fields.start.checked_add(col)?;
        (k < self.fields.end).then(|| self.batch.field(k))
    }
}

#[cfg(test)]
mod tests {
    use std::io::{self, Cursor};

    use super::super::decode::WINDOW as WINDOW_BYTES;
    use super::super::{MAX_RECORD_BYTES, Records};
    use super::*;
    use crate::config::InputPath;
    use crate::diagnostics::Diagnostics;

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
            None,
            None,
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
            // Row 3 as a spreadsheet shows it; the answer above spans two lines.
            (3, vec!["P1".into(), "Énoncé 1".into(), "d’accord".into()])
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
                .map(|d| (d.code.as_str(), d.row))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            codes(&direct_diags),
            vec![("too-large", Some(BATCH_RECORDS + 5))]
        );
        assert_eq!(codes(&ahead_diags), codes(&direct_diags));
    }

    #[test]
    fn the_chunks_shared_with_the_hashing_thread_hash_to_the_file_digest() {
        // A BOM, CRLF, a quoted cell holding a line break every 1,000 rows (some across
        // a read chunk's end), no final line end; several chunks past the sniffed
        // prefix, read whole or one short piece at a time.
        let mut text = String::from("\u{feff}participant;affirmation;réponse\r\n");
        for i in 0..40_000 {
            let answer = if i % 1000 == 999 {
                "\"plutôt\r\nd'accord\""
            } else {
                "plutôt d'accord"
            };
            text.push_str(&format!("P{i};\"Énoncé {}\";{answer}\r\n", i % 7));
        }
        text.push_str("P;\"Énoncé\";d'accord");
        let input = InputPath {
            path: "debat.csv".into(),
            display: "debat.csv".into(),
        };
        // The records the csv crate reads from the text decoded (BOM off, CRLF made LF).
        let decoded = text.trim_start_matches('\u{feff}').replace("\r\n", "\n");
        let mut reader = ::csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .from_reader(decoded.as_bytes());
        let expected_records: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.expect("valid").iter().map(str::to_string).collect())
            .collect();
        assert_eq!(expected_records.len(), 40_002);
        assert_eq!(expected_records[1000][2], "plutôt\nd'accord");
        for pieces in [usize::MAX, 1000] {
            let source = Pieces(Cursor::new(text.clone().into_bytes()), pieces);
            let digest = Arc::new(OnceLock::new());
            let hashing = Box::new(Hashing::new(Arc::clone(&digest)));
            let mut diags = Diagnostics::new();
            let mut records = Records::from_reader(
                &input,
                None,
                Box::new(source),
                None,
                Some(hashing),
                true,
                &mut diags,
            )
            .expect("opens");
            let mut read = Vec::new();
            while records.next(&input, &mut diags).is_some() {
                read.push(
                    records
                        .record()
                        .iter()
                        .map(str::to_string)
                        .collect::<Vec<_>>(),
                );
            }
            assert!(read == expected_records, "reads of {pieces} bytes");
            assert!(diags.is_empty());
            let expected = FileDigest {
                sha256: crate::hash::sha256_hex(text.as_bytes()),
                bytes: text.len() as u64,
            };
            assert_eq!(digest.get(), Some(&expected), "reads of {pieces} bytes");
        }
    }

    #[test]
    fn batches_handed_back_hold_nothing_of_their_last_records() {
        // Lines shorter and shorter, over many times the batches there are: each batch
        // is filled again after longer records than its new ones.
        let records = (BATCHES + 3) * BATCH_RECORDS;
        let mut text = String::from("participant;affirmation;réponse\n");
        for i in 0..records {
            let long = "x".repeat((records - i) * 40 / records);
            text.push_str(&format!("P{i};\"É{long}\";{}\n", i % 3));
        }
        let (direct, _) = all_records(text.as_bytes(), false);
        let (ahead, diags) = all_records(text.as_bytes(), true);
        assert_eq!(ahead.len(), records + 1);
        assert_eq!(ahead, direct);
        assert!(diags.is_empty());
        let last = &ahead[records];
        assert_eq!(last.0, records + 1);
        let expected = [
            format!("P{}", records - 1),
            "É".into(),
            ((records - 1) % 3).to_string(),
        ];
        assert_eq!(last.1, expected);
    }

    #[test]
    fn a_survey_file_is_read_through_its_mapped_windows() {
        // Several windows past the sniffed prefix; a 3-byte unit of text ("aé") makes
        // some window end inside a character, and CRLF some end between CR and LF.
        let mut text = String::from("participant;affirmation;réponse\r\n");
        let mut i = 0;
        while text.len() < 3 * WINDOW_BYTES + 1000 {
            let cell = if i % 1000 == 999 {
                "\"aé\r\naé\""
            } else {
                "aéaé"
            };
            text.push_str(&format!("P{i};{cell};d'accord\r\n"));
            i += 1;
        }
        let dir = tempfile::tempdir().expect("a temporary directory");
        let path = dir.path().join("debat.csv");
        std::fs::write(&path, &text).expect("written");
        let input = InputPath {
            path: path.clone(),
            display: "debat.csv".into(),
        };
        let mut diags = Diagnostics::new();
        let mut records = Records::open_read_ahead(&input, &mut diags).expect("opens");
        let mut read = Vec::new();
        while records.next(&input, &mut diags).is_some() {
            read.push(
                records
                    .record()
                    .iter()
                    .map(str::to_string)
                    .collect::<Vec<_>>(),
            );
        }
        records.finish(&input, &mut diags);
        assert!(diags.is_empty());
        let decoded = text.replace("\r\n", "\n");
        let mut reader = ::csv::ReaderBuilder::new()
            .delimiter(b';')
            .has_headers(false)
            .from_reader(decoded.as_bytes());
        let expected: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.expect("valid").iter().map(str::to_string).collect())
            .collect();
        assert_eq!(read.len(), i + 1);
        assert!(read == expected);
        let digest = FileDigest {
            sha256: crate::hash::sha256_hex(text.as_bytes()),
            bytes: text.len() as u64,
        };
        assert_eq!(records.digest(), Some(digest));
    }

    /// Hands out at most so many bytes per read.
    struct Pieces(Cursor<Vec<u8>>, usize);

    impl Read for Pieces {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = buf.len().min(self.1);
            self.0.read(&mut buf[..n])
        }
    }
}
