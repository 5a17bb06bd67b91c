//! Decoding: tells a file's encoding from its first bytes (a BOM, valid UTF-8, UTF-16
//! without a BOM, else the legacy encoding that fits best), and decodes the file to UTF-8
//! as it is read, CRLF made LF, in constant memory. A survey's file may be mapped a
//! window at a time rather than read ([`DecodingReader::map_rest`]): the same bytes, in
//! the same order, without the kernel's copy.
//!
//! It only decodes: it does not split records, gives no meaning to text and pushes no
//! diagnostics (its caller words them from what it returns).

use std::fs::File;
use std::io::{self, BufRead, Read, Seek, SeekFrom};
use std::sync::Arc;

use encoding_rs::{CoderResult, Decoder, Encoding, UTF_8};

/// The encoding of a file from its first bytes: a BOM, else UTF-8 when the bytes are
/// valid UTF-8, else the legacy encoding that fits best (Windows-1252 for French text).
/// `Err` when the bytes are not text (NUL bytes that are not UTF-16).
pub(super) fn detect_encoding(prefix: &[u8], at_eof: bool) -> Result<&'static Encoding, ()> {
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
        return Err(());
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

/// Where decoded text starts in [`DecodingReader`]'s buffer: room for a CR carried
/// over, and the same alignment as the raw input, which encoding_rs copies fastest.
const HEAD: usize = 64;

/// How much is read from the source at a time: each chunk goes to the hashing thread,
/// and larger ones wake it less often (with 128 KiB, a 600 MB survey's read took
/// three times as many context switches).
const CHUNK: usize = 512 * 1024;

/// How much of a file is mapped at a time when it is mapped rather than read
/// ([`DecodingReader::map_rest`]): mapping and unmapping cost less the larger the
/// window (on a 600 MB survey, 512 KiB windows saved a third of what 2 MiB ones saved
/// against reading, and 4 MiB ones no more than 2 MiB), and the windows the hashing
/// thread holds are memory.
pub(super) const WINDOW: usize = 2 * 1024 * 1024;

/// Raw bytes of the source, shared by the decoder and the tap: read into a buffer, or a
/// window of the file mapped in memory (unmapped once both let it go).
#[derive(Clone)]
pub(crate) enum Chunk {
    Read(Arc<[u8]>),
    Mapped(Arc<memmap2::Mmap>),
}

impl std::ops::Deref for Chunk {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Chunk::Read(bytes) => bytes,
            Chunk::Mapped(map) => map,
        }
    }
}

/// Where the raw bytes go as they are read, besides the decoder: a survey's hashing.
/// A chunk is shared, not copied (a copy of every chunk for the hashing thread cost
/// 4 % of reading a 600 MB survey).
pub(crate) trait Tap: Send {
    /// The first `len` bytes of `chunk` come next in the source; `chunk` is written to
    /// again only once the tap has dropped its clone.
    fn chunk(&mut self, chunk: Chunk, len: usize);
    /// The source ended: every byte was passed on.
    fn end(&mut self);
}

/// Decodes bytes to UTF-8 as they are read, whatever their encoding (BOM removed), and
/// turns CRLF into LF: the CSV reader then counts lines as a text editor does (with
/// CRLF it numbers every record after the first one line too low), and multi-line
/// cells read the same from Windows and Unix files.
pub(crate) struct DecodingReader<R> {
    inner: R,
    decoder: Decoder,
    /// The chunk being decoded; with a tap, it may be shared with it.
    input: Chunk,
    /// Chunks the tap may still hold, to be read into again once it let them go.
    spare: Vec<Arc<[u8]>>,
    /// The file `inner` reads, mapped from this offset on ([`DecodingReader::map_rest`]).
    mapped: Option<(File, u64)>,
    tap: Option<Box<dyn Tap>>,
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
    /// Decodes `first` (bytes already read from the source), then what `inner` reads;
    /// every raw byte also goes to `tap`, when given.
    pub(crate) fn new(
        inner: R,
        encoding: &'static Encoding,
        first: Vec<u8>,
        mut tap: Option<Box<dyn Tap>>,
    ) -> Self {
        let in_len = first.len();
        let input = Chunk::Read(first.into());
        if let Some(tap) = &mut tap
            && in_len > 0
        {
            tap.chunk(input.clone(), in_len);
        }
        DecodingReader {
            inner,
            decoder: encoding.new_decoder_with_bom_removal(),
            input,
            spare: Vec::new(),
            mapped: None,
            tap,
            in_pos: 0,
            in_len,
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

    /// A chunk to read into that the tap no longer holds: the current one, a spare
    /// one, else a new one (the tap holds a bounded number).
    fn free_chunk(&mut self) -> Arc<[u8]> {
        let free = |chunk: &Arc<[u8]>| Arc::strong_count(chunk) == 1 && chunk.len() == CHUNK;
        let held = match std::mem::replace(&mut self.input, Chunk::Read(Arc::from(Vec::new()))) {
            Chunk::Read(held) if free(&held) => return held,
            Chunk::Read(held) => Some(held),
            Chunk::Mapped(_) => None,
        };
        let found = self.spare.iter().position(free);
        let chunk = match found {
            Some(i) => self.spare.swap_remove(i),
            None => vec![0; CHUNK].into(),
        };
        if let Some(held) = held.filter(|held| held.len() == CHUNK) {
            self.spare.push(held);
        }
        chunk
    }

    /// From now on, maps `file` (the file `inner` reads, which has read `offset` bytes
    /// of it) a window at a time rather than reading it: the kernel's copy of every
    /// byte was a tenth of the time of reading a large survey.
    pub(crate) fn map_rest(&mut self, file: File, offset: u64) {
        self.mapped = Some((file, offset));
    }

    /// The next window of the mapped file, or `None` when it cannot be mapped (its end
    /// reached, a mapping refused): then `inner` reads on from where the windows
    /// stopped.
    fn map_next(&mut self) -> io::Result<Option<(Chunk, usize)>> {
        let Some((file, offset)) = self.mapped.as_mut() else {
            return Ok(None);
        };
        // The size is asked again before each window: a file cut short while it is
        // read is read to its new end, not mapped past it.
        let size = file.metadata().map_or(0, |m| m.len());
        let len = usize::try_from(size.saturating_sub(*offset)).map_or(WINDOW, |n| n.min(WINDOW));
        let window = (len > 0)
            .then(|| {
                // SAFETY: the window lies within the file as it is now, and is only
                // read; were the file cut short by another program while it is read,
                // reading past its new end would stop the process (SIGBUS), as with
                // any mapped file.
                unsafe {
                    memmap2::MmapOptions::new()
                        .offset(*offset)
                        .len(len)
                        .map(&*file)
                }
                .ok()
            })
            .flatten();
        match window {
            Some(map) => {
                // Read ahead further, and the pages read need not be kept (a hint).
                #[cfg(unix)]
                let _ = map.advise(memmap2::Advice::Sequential);
                *offset += len as u64;
                Ok(Some((Chunk::Mapped(Arc::new(map)), len)))
            }
            None => {
                // `inner` shares the file's offset with this handle; were it not moved
                // past the windows, what they held would be read again.
                if let Some((mut file, offset)) = self.mapped.take() {
                    file.seek(SeekFrom::Start(offset))?;
                }
                Ok(None)
            }
        }
    }

    /// Decodes the next chunk of input, reading more first if all was decoded.
    fn decode_next(&mut self) -> io::Result<()> {
        if self.in_pos == self.in_len && !self.eof {
            let read = if let Some((window, n)) = self.map_next()? {
                self.input = window;
                Ok(n)
            } else {
                let mut chunk = self.free_chunk();
                let read = match Arc::get_mut(&mut chunk) {
                    Some(buf) => self.inner.read(buf),
                    None => Err(io::Error::other("a chunk still shared")),
                };
                self.input = Chunk::Read(chunk);
                read
            };
            (self.in_pos, self.in_len) = (0, 0);
            match read {
                Ok(0) => {
                    self.eof = true;
                    if let Some(mut tap) = self.tap.take() {
                        tap.end();
                    }
                }
                Ok(n) => {
                    self.in_pos = 0;
                    self.in_len = n;
                    if let Some(tap) = &mut self.tap {
                        tap.chunk(self.input.clone(), n);
                    }
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
    use std::io::Cursor;

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
        let whole = decode_with(DecodingReader::new(
            Cursor::new(bytes.to_vec()),
            encoding,
            Vec::new(),
            None,
        ));
        let bytewise = decode_with(DecodingReader::new(
            OneByte(Cursor::new(bytes.to_vec())),
            encoding,
            Vec::new(),
            None,
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
                let (decoded, replaced) = decode_with(DecodingReader::new(reader, UTF_8, Vec::new(), None));
                prop_assert_eq!(decoded, text.replace("\r\n", "\n"));
                prop_assert!(!replaced);
            }
        }
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
}
