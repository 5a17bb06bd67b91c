//! The input stage: the only part of bilan that reads the user's data files.
//!
//! It turns a proposals register (xlsx, xlsm, xls, ods, CSV or a Decidim export), survey
//! answers (CSV in any of the shapes real tools export, or a Microsoft Forms xlsx) and
//! improvement suggestions into the typed values of [`crate::model`].
//!
//! A problem in the data never panics and never stops the read: it becomes a
//! [`Diagnostic`] that names the file, sheet, row (as the user sees it in their
//! spreadsheet or text editor) and column (its header as written), and the read goes on.
//! This stage computes nothing and writes nothing.

mod decidim;
mod delimited;
mod html;
mod json;
mod register;
mod spreadsheet;
mod suggestions;
mod survey;
mod values;

#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

use crate::config::{InputPath, Lang};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Severity};
use crate::messages::Message;
use crate::model::{Register, Suggestion, SurveySink};
use crate::msg;

pub use values::{match_status, non_answer_labels, parse_reading};

/// Reads a proposals register (docs/inputs.md, "The register"): the configured sheet, or the first sheet that
/// holds the required columns. Problems are pushed to `diags`; the proposals that could
/// be read are returned. `lang` is the report's language: a Decidim export with
/// translated columns is read in it when it holds it.
pub fn load_register(
    input: &InputPath,
    sheet: Option<&str>,
    lang: Lang,
    diags: &mut Diagnostics,
) -> Register {
    if !office_lock(input, diags) {
        return Register::default();
    }
    let Some(kind) = sniff(input, diags) else {
        return Register::default();
    };
    let tables = match kind {
        Kind::Spreadsheet => {
            let Some(mut book) = spreadsheet::Workbook::open(input, diags) else {
                return Register::default();
            };
            book.tables(input, sheet, diags)
        }
        // A CSV file has no sheets: a configured sheet name does not apply to it.
        Kind::Text => delimited::read_table(input, diags).into_iter().collect(),
        Kind::DataZip => decidim::read_zipped_proposals(input, diags)
            .into_iter()
            .collect(),
        Kind::Json => json::read_table(input, diags).into_iter().collect(),
    };
    register::read(input, tables, lang, diags)
}

/// Reads survey answers (docs/inputs.md, "Surveys") in one pass, sending every participant and answer to
/// `sink`. A CSV file is streamed: its size is not limited by memory.
///
/// A CSV file is hashed as it is read, so that a large survey is read once: its
/// [`FileDigest`] is returned when it was read to the end. In a workbook, the answers
/// are read from `sheet` when given, else from the sheet that holds them.
pub fn read_survey(
    input: &InputPath,
    sheet: Option<&str>,
    sink: &mut dyn SurveySink,
    diags: &mut Diagnostics,
) -> Option<FileDigest> {
    let kind = sniff(input, diags)?;
    match kind {
        Kind::Spreadsheet => {
            let mut book = spreadsheet::Workbook::open(input, diags)?;
            survey::read_workbook(input, &mut book, sheet, sink, diags);
            None
        }
        Kind::Text => {
            if let Some(name) = sheet {
                diags.push(
                    Diagnostic::warning(
                        Code::NoSheet,
                        &input.display,
                        msg!("survey-sheet-of-text-file", name = name),
                    )
                    .hint(msg!("survey-sheet-of-text-file-hint")),
                );
            }
            let mut records = delimited::Records::open_read_ahead(input, diags)?;
            survey::read_records(input, &mut records, sink, diags);
            records.finish(input, diags);
            records.digest()
        }
        Kind::DataZip => {
            diags.push(
                Diagnostic::error(
                    Code::NotASpreadsheet,
                    &input.display,
                    msg!("not-a-spreadsheet-zip-survey"),
                )
                .hint(msg!("not-a-spreadsheet-zip-survey-hint")),
            );
            None
        }
        Kind::Json => {
            diags.push(json_not_here(input));
            None
        }
    }
}

/// The SHA-256 (lowercase hex) and size of a whole input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileDigest {
    pub sha256: String,
    pub bytes: u64,
}

/// All of `source` when it holds at most [`delimited::MAX_TABLE_BYTES`] (one byte past
/// it is read, whatever size the source declares); else `None`, with an I/O error or
/// `too_large` pushed.
pub(crate) fn read_capped(
    input: &InputPath,
    source: io::Result<impl Read>,
    too_large: impl FnOnce() -> Diagnostic,
    diags: &mut Diagnostics,
) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    let read = source.and_then(|s| {
        s.take(delimited::MAX_TABLE_BYTES + 1)
            .read_to_end(&mut bytes)
    });
    if let Err(e) = read {
        diags.push(io_diagnostic(input, &e));
        return None;
    }
    if bytes.len() as u64 > delimited::MAX_TABLE_BYTES {
        diags.push(too_large());
        return None;
    }
    Some(bytes)
}

/// Reads the improvement suggestions file (docs/inputs.md, "Suggestions").
pub fn load_suggestions(input: &InputPath, diags: &mut Diagnostics) -> Vec<Suggestion> {
    match whole_table(input, diags) {
        Some(table) => suggestions::read(input, table, diags),
        None => Vec::new(),
    }
}

/// The answers to the free-text question headed `column` of the survey files, as
/// suggestions (docs/inputs.md, "Suggestions"). Each survey is read whole a second
/// time; a survey that cannot be read was reported by the survey reader. No survey
/// with that question is a `missing-column` error.
pub fn load_survey_suggestions(
    surveys: &[crate::config::SurveyInput],
    column: &str,
    diags: &mut Diagnostics,
) -> Vec<Suggestion> {
    let mut found = false;
    let mut out = Vec::new();
    for survey in surveys {
        let input = &survey.input;
        let mut quiet = Diagnostics::new();
        // The named sheet, else the first sheet that has the question.
        for table in survey_tables(input, survey.sheet.as_deref(), &mut quiet) {
            if let Some(read) = suggestions::from_survey(input, &table, column, diags) {
                found = true;
                out.extend(read);
                break;
            }
        }
    }
    if !found {
        let file = surveys
            .first()
            .map_or("bilan.toml", |s| s.input.display.as_str());
        diags.push(
            Diagnostic::error(
                Code::MissingColumn,
                file,
                msg!("suggestions-column-missing", column = column),
            )
            .hint(msg!("suggestions-column-missing-hint")),
        );
    }
    out
}

/// The tables of a survey file: its one table, or a workbook's sheet named `sheet`,
/// or else every sheet that holds anything.
fn survey_tables(input: &InputPath, sheet: Option<&str>, diags: &mut Diagnostics) -> Vec<Table> {
    // The survey reader has said what is wrong with a file that cannot be read.
    let mut book = match sniff(input, diags) {
        Some(Kind::Spreadsheet) => match spreadsheet::Workbook::open(input, diags) {
            Some(book) => book,
            None => return Vec::new(),
        },
        Some(Kind::Text) => return delimited::read_table(input, diags).into_iter().collect(),
        Some(Kind::DataZip | Kind::Json) | None => return Vec::new(),
    };
    let names: Vec<String> = match sheet {
        Some(name) => book.find_sheet(name).into_iter().collect(),
        None => book.sheet_names().to_vec(),
    };
    names
        .iter()
        .filter_map(|name| book.table(input, name, diags))
        .filter(|t| t.rows.iter().any(|r| !r.is_blank()))
        .collect()
}

/// A suggestions or survey file read whole, as one table.
fn whole_table(input: &InputPath, diags: &mut Diagnostics) -> Option<Table> {
    match sniff(input, diags)? {
        Kind::Spreadsheet => {
            let mut book = spreadsheet::Workbook::open(input, diags)?;
            book.first_table(input, diags)
        }
        Kind::Text => delimited::read_table(input, diags),
        Kind::DataZip => {
            diags.push(Diagnostic::error(
                Code::NotASpreadsheet,
                &input.display,
                msg!("not-a-spreadsheet-zip-suggestions"),
            ));
            None
        }
        Kind::Json => {
            diags.push(json_not_here(input));
            None
        }
    }
}

/// A JSON file given as a survey or suggestions: bilan reads JSON registers only
/// (Decidim's export).
fn json_not_here(input: &InputPath) -> Diagnostic {
    Diagnostic::error(
        Code::NotASpreadsheet,
        &input.display,
        msg!("json-not-a-survey"),
    )
    .hint(msg!("json-not-a-survey-hint"))
}

/// One cell of a sheet or CSV file, with what the reader could tell of its type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// A number shown as a percentage (`0.4` displayed `40 %`).
    Percent(f64),
    Date(time::Date),
    Bool(bool),
    /// A formula error such as `#REF!` or `#N/A`, as displayed.
    Error(String),
}

impl Cell {
    /// Empty, or text made only of spaces.
    pub(crate) fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as text, trimmed; `None` when blank or an error.
    pub(crate) fn text(&self) -> Option<Cow<'_, str>> {
        let text = match self {
            Cell::Empty | Cell::Error(_) => return None,
            Cell::Text(s) => Cow::Borrowed(s.trim()),
            Cell::Number(n) => Cow::Owned(format_number(*n)),
            Cell::Percent(n) => Cow::Owned(format!("{} %", format_number(n * 100.0))),
            Cell::Date(d) => Cow::Owned(d.to_string()),
            Cell::Bool(b) => Cow::Borrowed(if *b { "TRUE" } else { "FALSE" }),
        };
        if text.is_empty() { None } else { Some(text) }
    }

    /// The number of characters of a text cell (what Excel limits to 32,767).
    pub(crate) fn char_len(&self) -> usize {
        match self {
            Cell::Text(s) => s.chars().count(),
            _ => 0,
        }
    }
}

/// A number as a person would write it: `12`, not `12.0`.
pub(crate) fn format_number(n: f64) -> String {
    if n.is_finite() && n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        // Float noise from percentages (0.29 * 100 = 28.999999999999996) rounded away.
        format!("{}", (n * 1e9).round() / 1e9)
    }
}

/// One table read from a sheet or a CSV file.
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    /// The sheet's name; `None` for a CSV file.
    pub sheet: Option<String>,
    /// The absolute index of the first column (for column letters).
    pub first_col: usize,
    pub rows: Vec<Row>,
}

/// One row with the number the user sees (1-based: title rows and header counted; the
/// line where the record starts in a CSV file).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    pub number: usize,
    pub cells: Vec<Cell>,
}

impl Row {
    pub(crate) fn get(&self, col: usize) -> &Cell {
        self.cells.get(col).unwrap_or(&Cell::Empty)
    }

    pub(crate) fn is_blank(&self) -> bool {
        self.cells.iter().all(Cell::is_blank)
    }
}

/// The longest text a spreadsheet cell may hold (Excel's limit).
pub(crate) const MAX_CELL_CHARS: usize = 32_767;

/// How many diagnostics of one kind a file may produce before the rest are only counted.
pub(crate) const MAX_REPEATED: usize = 50;

/// Where in a file a diagnostic points: builds diagnostics with file and sheet filled in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place<'a> {
    pub file: &'a str,
    pub sheet: Option<&'a str>,
}

impl<'a> Place<'a> {
    pub(crate) fn new(input: &'a InputPath, sheet: Option<&'a str>) -> Self {
        Place {
            file: &input.display,
            sheet,
        }
    }

    pub(crate) fn error(&self, code: Code, message: impl Into<Message>) -> Diagnostic {
        Diagnostic::error(code, self.file, message).sheet(self.sheet)
    }

    pub(crate) fn warning(&self, code: Code, message: impl Into<Message>) -> Diagnostic {
        Diagnostic::warning(code, self.file, message).sheet(self.sheet)
    }
}

/// The letters of a column (0 → `A`, 27 → `AB`), used when a column has no header.
pub(crate) fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8_lossy(&letters).into_owned()
}

/// The name a diagnostic gives a column: its header as written, else its letter.
pub(crate) fn column_label(header: Option<&Cell>, absolute_index: usize) -> String {
    match header.and_then(Cell::text) {
        Some(text) => text.into_owned(),
        None => column_letters(absolute_index),
    }
}

/// Counts diagnostics per code so that a huge bad file cannot flood memory: after
/// [`MAX_REPEATED`] of one code, the rest are counted and summed up once at the end.
#[derive(Debug, Default)]
pub(crate) struct Limiter {
    counts: Vec<(Code, Severity, usize)>,
}

impl Limiter {
    /// Pushes `d` unless its code has been seen too often.
    pub(crate) fn push(&mut self, diags: &mut Diagnostics, d: Diagnostic) {
        let i = match self.counts.iter().position(|(code, ..)| *code == d.code) {
            Some(i) => i,
            None => {
                self.counts.push((d.code, d.severity, 0));
                self.counts.len() - 1
            }
        };
        self.counts[i].2 += 1;
        if self.counts[i].2 <= MAX_REPEATED {
            diags.push(d);
        }
    }

    /// Counts `n` more problems of `code` that are not listed one by one (their
    /// diagnostics were never made): the summary says how many there were.
    /// Call it after the problems of `code` that are listed have been pushed.
    pub(crate) fn skip(&mut self, code: Code, severity: Severity, n: usize) {
        if n == 0 {
            return;
        }
        match self.counts.iter_mut().find(|(c, ..)| *c == code) {
            // Past the limit whatever was listed: the summary line is made.
            Some((_, _, count)) => *count = (*count).max(MAX_REPEATED) + n,
            None => self.counts.push((code, severity, MAX_REPEATED + n)),
        }
    }

    /// One summary diagnostic per code that went over the limit, of the severity of
    /// the problems it sums up and counting as all of them.
    pub(crate) fn finish(&self, place: Place<'_>, diags: &mut Diagnostics) {
        for &(code, severity, n) in &self.counts {
            if n > MAX_REPEATED {
                let more = n - MAX_REPEATED;
                let message = msg!("more-of-a-kind", count = more, what = code.as_str());
                let summary = match severity {
                    Severity::Error => place.error(code, message),
                    Severity::Warning => place.warning(code, message),
                };
                diags.push(summary.hint(msg!("more-of-a-kind-hint")).occurrences(more));
            }
        }
    }
}

/// Excel and LibreOffice write a lock file beside a workbook they have open:
/// `~$registre.xlsx` (Excel), `.~lock.registre.xlsx#` (LibreOffice). Beside the
/// register, it means the file may hold unsaved changes, which bilan cannot see: a
/// warning. Named as the register itself, it is not a register: an error. Returns
/// whether the register can be read.
fn office_lock(input: &InputPath, diags: &mut Diagnostics) -> bool {
    let Some(name) = input.path.file_name().and_then(|n| n.to_str()) else {
        return true;
    };
    if name.starts_with("~$") || (name.starts_with(".~lock.") && name.ends_with('#')) {
        diags.push(
            Diagnostic::error(
                Code::NotASpreadsheet,
                &input.display,
                msg!("office-lock-named"),
            )
            .hint(msg!("office-lock-named-hint")),
        );
        return false;
    }
    let locks = [format!("~${name}"), format!(".~lock.{name}#")];
    if let Some(dir) = input.path.parent()
        && locks.iter().any(|lock| dir.join(lock).exists())
    {
        diags.push(
            Diagnostic::warning(
                Code::OpenElsewhere,
                &input.display,
                msg!("office-lock-beside"),
            )
            .hint(msg!("office-lock-beside-hint")),
        );
    }
    true
}

/// What kind of file an input is, from its first bytes and its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// xlsx, xlsm, xlsb, xls, ods (or something named so: calamine says what is wrong).
    Spreadsheet,
    /// CSV or other delimited text.
    Text,
    /// A zip archive that is not a workbook: a Decidim open-data export.
    DataZip,
    /// A `.json` file: Decidim's JSON export (register only).
    Json,
}

/// Checks that the file exists and is not empty, and tells its kind.
fn sniff(input: &InputPath, diags: &mut Diagnostics) -> Option<Kind> {
    let mut head = [0u8; 8];
    // Only a regular file: a pipe would block the build and a device (`/dev/zero`)
    // never end; the type is checked before a byte is read.
    let opened = crate::files::open_regular(&input.path);
    let n = match opened.and_then(|mut f| read_up_to(&mut f, &mut head)) {
        Ok(n) => n,
        Err(e) => {
            diags.push(io_diagnostic(input, &e));
            return None;
        }
    };
    if n == 0 {
        diags.push(
            Diagnostic::error(
                Code::EmptyFile,
                &input.display,
                msg!("empty-file-zero-bytes"),
            )
            .hint(msg!("empty-file-export-again-hint")),
        );
        return None;
    }
    let ext = extension(&input.path);
    let spreadsheet_ext = matches!(
        ext.as_str(),
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" | "xla" | "xlam"
    );
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        if spreadsheet_ext || is_workbook_zip(&input.path) {
            return Some(Kind::Spreadsheet);
        }
        return Some(Kind::DataZip);
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // An OLE container: an .xls workbook, or an encrypted .xlsx.
        return Some(Kind::Spreadsheet);
    }
    if spreadsheet_ext || ext == "zip" {
        return Some(Kind::Spreadsheet);
    }
    if ext == "json" {
        return Some(Kind::Json);
    }
    Some(Kind::Text)
}

/// Whether a zip archive is a workbook (OOXML or OpenDocument) rather than a bundle of files.
fn is_workbook_zip(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    let Ok(archive) = zip::ZipArchive::new(io::BufReader::new(file)) else {
        // Let the spreadsheet reader report what is wrong with it.
        return true;
    };
    archive.file_names().flatten().any(|name| {
        name == "[Content_Types].xml"
            || name == "mimetype"
            || name == "content.xml"
            || name.starts_with("xl/")
    })
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(filled)
}

/// `missing-file` or `unreadable-file` for an I/O error on the input.
pub(crate) fn io_diagnostic(input: &InputPath, e: &io::Error) -> Diagnostic {
    if e.kind() == io::ErrorKind::NotFound {
        return Diagnostic::error(Code::MissingFile, &input.display, msg!("missing-file"))
            .hint(msg!("missing-file-hint"));
    }
    let hint = match crate::files::not_regular(e) {
        Some(kind) if kind != crate::files::Special::Folder => msg!("unreadable-file-special-hint"),
        _ => msg!("unreadable-file-hint"),
    };
    Diagnostic::error(Code::UnreadableFile, &input.display, unreadable(input, e)).hint(hint)
}

/// `failed to read the file (…)`: the cause in the user's words when bilan knows it,
/// else as the system tells it.
pub(crate) fn unreadable(input: &InputPath, e: &io::Error) -> Message {
    match crate::files::not_regular(e) {
        Some(crate::files::Special::Folder) => return msg!("unreadable-file-folder"),
        Some(kind) => return msg!("unreadable-file-special", kind = kind.code()),
        None => {}
    }
    match e.kind() {
        io::ErrorKind::PermissionDenied => msg!("unreadable-file-permission"),
        io::ErrorKind::IsADirectory => msg!("unreadable-file-folder"),
        _ if input.path.is_dir() => msg!("unreadable-file-folder"),
        _ => msg!("unreadable-file", cause = lowercase_first(&e.to_string())),
    }
}

pub(crate) fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
