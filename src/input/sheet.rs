//! Workbooks (xlsx, xlsm, xlsb, xls, ods) read through calamine into plain [`Table`]s.
//!
//! Keeps what the register needs to know of each cell: text, number, a number shown as
//! a percentage, a date, a formula error. Merged cells take the value of their top-left
//! cell; row numbers are the sheet's own. Knows nothing of proposals or surveys.
//!
//! A workbook is refused (`too-large`) before calamine inflates it when its file, the
//! sizes its zip directory declares, or the cells a sheet spans go past the limits
//! below: a hostile or broken file costs bounded memory and time (see
//! `docs/fuzzing.md`).

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{Data, DataRef, Dimensions, Range, Reader, Sheets, open_workbook_auto};
use time::{Date, Month};

use super::{Cell, Place, Row, Table, column_letters, io_diagnostic};
use crate::config::InputPath;
use crate::diagnostics::{Code, Diagnostic, Diagnostics, did_you_mean};

/// The largest workbook file read (calamine holds an `.xls` file whole in memory).
pub(crate) const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;
/// The most a workbook may inflate to: the sum of the sizes its zip directory declares.
pub(crate) const MAX_INFLATED_BYTES: u64 = 512 * 1024 * 1024;
/// A part that inflates more than this many times over…
const MAX_RATIO: u64 = 1000;
/// …to more than this is a zip bomb, whatever the total.
const RATIO_MIN_BYTES: u64 = 50 * 1024 * 1024;
/// The most cells a sheet may span (first to last cell holding a value, rows × columns):
/// every cell of that rectangle is held in memory. 40,000 rows × 100 columns; a
/// register has a few hundred cells, a large survey export a few hundred thousand.
pub(crate) const MAX_SHEET_CELLS: u64 = 4_000_000;

/// An open workbook.
pub(crate) struct Workbook {
    sheets: Sheets<BufReader<File>>,
    names: Vec<String>,
    /// Merged regions and percentage cells of an ODS file, which calamine does not expose.
    ods: HashMap<String, OdsSheetInfo>,
}

impl Workbook {
    /// Opens a workbook; pushes `not-a-spreadsheet` or `no-sheet` and returns `None` when
    /// it cannot be read or holds no sheet.
    pub(crate) fn open(input: &InputPath, diags: &mut Diagnostics) -> Option<Workbook> {
        let size = match File::open(&input.path).and_then(|f| f.metadata()) {
            Ok(m) => m.len(),
            Err(e) => {
                diags.push(io_diagnostic(input, &e));
                return None;
            }
        };
        let ods = match guard(input, size) {
            Ok(ods) => ods,
            Err(d) => {
                diags.push(*d);
                return None;
            }
        };
        let sheets = match shielded(|| open_workbook_auto(&input.path)) {
            Ok(Ok(s)) => s,
            Ok(Err(e)) => {
                diags.push(open_error(input, &e));
                return None;
            }
            Err(()) => {
                diags.push(reader_failed(input, None));
                return None;
            }
        };
        let names = sheets.sheet_names();
        if names.is_empty() {
            diags.push(
                Diagnostic::error(
                    Code::NoSheet,
                    &input.display,
                    "the workbook has no sheets (the file may be damaged)",
                )
                .hint("open it in Excel or LibreOffice and save it again"),
            );
            return None;
        }
        let ods = if matches!(sheets, Sheets::Ods(_)) {
            ods.unwrap_or_default()
        } else {
            HashMap::new()
        };
        Some(Workbook { sheets, names, ods })
    }

    /// The sheet named `wanted` (`no-sheet` if absent), or every sheet in workbook order.
    pub(crate) fn tables(
        &mut self,
        input: &InputPath,
        wanted: Option<&str>,
        diags: &mut Diagnostics,
    ) -> Vec<Table> {
        match wanted {
            Some(name) => {
                let Some(found) = self.find_sheet(name) else {
                    let list = self
                        .names
                        .iter()
                        .map(|n| format!("\"{n}\""))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let mut d = Diagnostic::error(
                        Code::NoSheet,
                        &input.display,
                        format!("no sheet named \"{name}\" (sheets: {list})"),
                    );
                    d = match did_you_mean(name, self.names.iter().map(String::as_str)) {
                        Some(close) => d.hint(format!("did you mean \"{close}\"?")),
                        None => d.hint(
                            "set proposals_sheet in bilan.toml to one of the sheets, or remove it",
                        ),
                    };
                    diags.push(d);
                    return Vec::new();
                };
                self.table(input, &found, diags).into_iter().collect()
            }
            None => {
                let names = self.names.clone();
                names
                    .iter()
                    .filter_map(|n| self.table(input, n, diags))
                    .collect()
            }
        }
    }

    /// The first sheet that holds anything.
    pub(crate) fn first_table(
        &mut self,
        input: &InputPath,
        diags: &mut Diagnostics,
    ) -> Option<Table> {
        let names = self.names.clone();
        let mut first = None;
        for name in &names {
            let Some(table) = self.table(input, name, diags) else {
                continue;
            };
            if table.rows.iter().any(|r| !r.is_blank()) {
                return Some(table);
            }
            first.get_or_insert(table);
        }
        first
    }

    /// A sheet by name: exactly, else ignoring case and surrounding spaces.
    fn find_sheet(&self, name: &str) -> Option<String> {
        self.names
            .iter()
            .find(|n| n.as_str() == name)
            .or_else(|| {
                self.names
                    .iter()
                    .find(|n| n.trim().to_lowercase() == name.trim().to_lowercase())
            })
            .cloned()
    }

    /// Reads one sheet.
    pub(crate) fn table(
        &mut self,
        input: &InputPath,
        name: &str,
        diags: &mut Diagnostics,
    ) -> Option<Table> {
        let sheets = &mut self.sheets;
        let read = shielded(move || match sheets {
            Sheets::Xlsx(x) => match x.worksheet_cells_reader(name) {
                Ok(mut cells) => bounded_range(|| cells.next_cell().map_err(|e| e.to_string())),
                // A chart sheet holds no cells.
                Err(calamine::XlsxError::NotAWorksheet(_)) => Ok(Range::default()),
                Err(e) => Err(SheetError::Read(e.to_string())),
            },
            Sheets::Xlsb(x) => match x.worksheet_cells_reader(name) {
                Ok(mut cells) => bounded_range(|| cells.next_cell().map_err(|e| e.to_string())),
                Err(e) => Err(SheetError::Read(e.to_string())),
            },
            // calamine reads these whole when it opens them: `guard` checked them then.
            sheets => sheets
                .worksheet_range(name)
                .map_err(|e| SheetError::Read(e.to_string())),
        });
        let range = match read.unwrap_or(Err(SheetError::Panicked)) {
            Ok(r) => r,
            Err(SheetError::Panicked) => {
                diags.push(reader_failed(input, Some(name)));
                return None;
            }
            Err(SheetError::Read(e)) => {
                diags.push(
                    Place::new(input, Some(name))
                        .error(
                            Code::NotASpreadsheet,
                            format!("failed to read the sheet ({})", describe(&e)),
                        )
                        .hint("open the workbook in Excel or LibreOffice and save it again"),
                );
                return None;
            }
            Err(SheetError::TooLarge(extent, stop)) => {
                diags.push(too_many_cells(input, name, &extent, stop));
                return None;
            }
        };
        let merges: Vec<Dimensions> = match &mut self.sheets {
            Sheets::Xlsx(x) => shielded(|| x.merge_cells_by_sheet_name(name))
                .ok()
                .and_then(Result::ok)
                .unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
            Sheets::Ods(_) => self
                .ods
                .get(name)
                .map(|i| i.merges.clone())
                .unwrap_or_default(),
            Sheets::Xlsb(_) => Vec::new(),
        };
        let percent: Box<dyn Fn(u32, u32) -> bool> = match &mut self.sheets {
            Sheets::Xlsx(x) => match shielded(|| x.worksheet_style(name)).unwrap_or(Err(
                calamine::XlsxError::Unexpected("the style reader failed"),
            )) {
                Ok(styles) => Box::new(move |r, c| {
                    styles
                        .get((r, c))
                        .and_then(|s| s.number_format.as_ref())
                        .is_some_and(|f| is_percent_format(&f.format_code))
                }),
                Err(_) => Box::new(|_, _| false),
            },
            Sheets::Ods(_) => {
                let cells = self
                    .ods
                    .get(name)
                    .map(|i| i.percent.clone())
                    .unwrap_or_default();
                Box::new(move |r, c| cells.contains(&(r, c)))
            }
            _ => Box::new(|_, _| false),
        };
        Some(to_table(name, &range, &merges, &*percent))
    }
}

/// Runs a call into calamine, a panic in it made an error: calamine trusts what files
/// say (lengths, positions), and a damaged file must become a diagnostic, not a crash.
/// While the call runs, the panic hook stays quiet on this thread (the diagnostic says
/// what happened); on every other thread, and outside these calls, it prints as before.
fn shielded<T>(call: impl FnOnce() -> T) -> Result<T, ()> {
    thread_local! {
        static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|quiet| quiet.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(call));
    QUIET.with(|quiet| quiet.set(false));
    result.map_err(|_| ())
}

/// `not-a-spreadsheet` for a file calamine failed on.
fn reader_failed(input: &InputPath, sheet: Option<&str>) -> Diagnostic {
    Place::new(input, sheet)
        .error(
            Code::NotASpreadsheet,
            "not a readable spreadsheet (the file is damaged: the spreadsheet reader failed on it)",
        )
        .hint("open it in Excel or LibreOffice and save it again as .xlsx, or export it as CSV")
}

/// Why a sheet could not be read.
enum SheetError {
    /// calamine's message.
    Read(String),
    /// calamine panicked.
    Panicked,
    /// Its cells span more than [`MAX_SHEET_CELLS`]: how far, and the cell where
    /// reading stopped.
    TooLarge(Extent, (u32, u32)),
}

/// The rectangle spanned by the cells that hold a value (0-based, inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Extent {
    first: (u32, u32),
    last: (u32, u32),
}

impl Extent {
    fn at(pos: (u32, u32)) -> Extent {
        Extent {
            first: pos,
            last: pos,
        }
    }

    fn include(&mut self, (row, col): (u32, u32)) {
        self.first = (self.first.0.min(row), self.first.1.min(col));
        self.last = (self.last.0.max(row), self.last.1.max(col));
    }

    fn cells(&self) -> u64 {
        (u64::from(self.last.0 - self.first.0) + 1) * (u64::from(self.last.1 - self.first.1) + 1)
    }

    /// `A1:XFD1048576`.
    fn a1(&self) -> String {
        let cell = |(row, col): (u32, u32)| {
            format!("{}{}", column_letters(col as usize), u64::from(row) + 1)
        };
        format!("{}:{}", cell(self.first), cell(self.last))
    }
}

/// Reads a sheet's cells one by one (as calamine's own `worksheet_range` does), but
/// stops as soon as they span more than [`MAX_SHEET_CELLS`]: two cells far apart
/// would otherwise make calamine allocate every cell between them.
fn bounded_range<'a>(
    mut next: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, String>,
) -> Result<Range<Data>, SheetError> {
    let mut cells = Vec::new();
    let mut extent: Option<Extent> = None;
    while let Some(cell) = next().map_err(SheetError::Read)? {
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let pos = cell.get_position();
        let e = extent.get_or_insert(Extent::at(pos));
        e.include(pos);
        if e.cells() > MAX_SHEET_CELLS || cells.len() as u64 >= MAX_SHEET_CELLS {
            return Err(SheetError::TooLarge(*e, pos));
        }
        cells.push(calamine::Cell::new(
            pos,
            Data::from(cell.get_value().clone()),
        ));
    }
    Ok(Range::from_sparse(cells))
}

/// `too-large` for a sheet whose cells span `extent`, located at the cell `stop`.
fn too_many_cells(input: &InputPath, sheet: &str, extent: &Extent, stop: (u32, u32)) -> Diagnostic {
    Place::new(input, Some(sheet))
        .error(
            Code::TooLarge,
            format!(
                "the sheet's cells span at least {} ({} cells; bilan reads sheets of at most {})",
                extent.a1(),
                thousands(extent.cells()),
                thousands(MAX_SHEET_CELLS)
            ),
        )
        .row(stop.0 as usize + 1)
        .column(column_letters(stop.1 as usize))
        .hint("delete the stray cells far from the table (Ctrl+End shows the last cell in use), or copy the table alone into a new file")
}

/// Checks a workbook before calamine opens it: its file size, and for a zip-based
/// workbook (xlsx, xlsm, xlsb, ods) the sizes its central directory declares, which
/// are read without inflating anything. An ODS workbook, which calamine reads whole
/// when it opens it, also has its `content.xml` scanned for the cells each sheet spans;
/// that scan is returned for [`Workbook::table`]. A file whose zip directory cannot
/// be read is left to calamine, which says what is wrong with it.
///
/// Declared sizes can lie: this stops honest bombs and large files, not an archive
/// forged to inflate past what it declares (calamine streams sheets, so that costs
/// time and at most the largest text of a cell, not the whole inflated size).
fn guard(
    input: &InputPath,
    file_size: u64,
) -> Result<Option<HashMap<String, OdsSheetInfo>>, Box<Diagnostic>> {
    let refuse = |message: String, hint: &str| {
        Box::new(Diagnostic::error(Code::TooLarge, &input.display, message).hint(hint))
    };
    if file_size > MAX_FILE_BYTES {
        return Err(refuse(
            format!(
                "the workbook is too large ({}; bilan reads workbooks of at most {})",
                mib(file_size),
                mib(MAX_FILE_BYTES)
            ),
            "save the table alone in a new file, without images, or export it as CSV",
        ));
    }
    let Ok(mut file) = File::open(&input.path) else {
        return Ok(None);
    };
    let mut magic = [0u8; 8];
    if super::read_up_to(&mut file, &mut magic).is_ok() && magic == OLE_SIGNATURE {
        let mut bytes = Vec::new();
        if File::open(&input.path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .is_err()
        {
            return Ok(None);
        }
        return match xls::check(&bytes) {
            Ok(()) => Ok(None),
            Err(xls::Problem::Damaged(why)) => Err(Box::new(
                Diagnostic::error(
                    Code::NotASpreadsheet,
                    &input.display,
                    format!("not a readable spreadsheet (the .xls file is damaged: {why})"),
                )
                .hint("open it in Excel or LibreOffice and save it again as .xlsx"),
            )),
            Err(xls::Problem::TooLarge { sheet, extent }) => Err(Box::new(too_many_cells(
                input,
                &sheet,
                &extent,
                extent.last,
            ))),
        };
    }
    let Ok(archive) = zip::ZipArchive::new(BufReader::new(file)) else {
        return Ok(None);
    };
    let mut total: u64 = 0;
    let mut ods = false;
    let mut xlsx = false;
    for i in 0..archive.len() {
        let Ok(entry) = archive.by_index_data(i) else {
            continue;
        };
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let (size, packed) = (entry.size(), entry.compressed_size());
        if size > RATIO_MIN_BYTES && size / packed.max(1) > MAX_RATIO {
            return Err(refuse(
                format!(
                    "the workbook's part \"{name}\" inflates {} times over, to {}: the file looks like a zip bomb",
                    thousands(size / packed.max(1)),
                    mib(size)
                ),
                "it is not a spreadsheet saved by Excel or LibreOffice: check where it comes from",
            ));
        }
        total = total.saturating_add(size);
        ods |= name == "content.xml";
        xlsx |= name.starts_with("xl/");
    }
    if total > MAX_INFLATED_BYTES {
        return Err(refuse(
            format!(
                "the workbook inflates to {} once unzipped (bilan reads workbooks of at most {})",
                mib(total),
                mib(MAX_INFLATED_BYTES)
            ),
            "save the table alone in a new file, without images, or export it as CSV",
        ));
    }
    if !ods || xlsx {
        return Ok(None);
    }
    let info = ods_sheet_info(archive);
    for (sheet, i) in &info {
        if let Some(extent) = i.extent
            && (extent.cells() > MAX_SHEET_CELLS || i.cells > MAX_SHEET_CELLS)
        {
            return Err(Box::new(too_many_cells(input, sheet, &extent, extent.last)));
        }
    }
    Ok(Some(info))
}

/// The first bytes of an OLE compound file (an `.xls` workbook, or an encrypted `.xlsx`).
const OLE_SIGNATURE: [u8; 8] = *b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// A look at an `.xls` workbook before calamine opens it. calamine reads every sheet
/// of an `.xls` file when it opens it, trusting what the file says: a sector chain that
/// loops is followed forever, a chain pointing outside its table or a sheet placed past
/// the end of the stream panics, and a sheet's declared dimensions or two cells far
/// apart make it allocate the whole grid at once (a 5 kB file then aborts the process,
/// which no diagnostic can report). This walks the same structures the same way,
/// bounded, and says which of those the file holds; anything else is left to calamine.
mod xls {
    use super::{Extent, MAX_SHEET_CELLS};

    const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
    const RESERVED: u32 = 0xFFFF_FFFA;
    const DIF_SECTOR: u32 = 0xFFFF_FFFC;
    /// Streams shorter than this live in the mini stream.
    const MINI_CUTOFF: usize = 4096;

    /// What makes a file unsafe to hand to calamine.
    #[derive(Debug, PartialEq, Eq)]
    pub(super) enum Problem {
        Damaged(&'static str),
        TooLarge { sheet: String, extent: Extent },
    }

    fn u16_at(b: &[u8], at: usize) -> Option<u16> {
        Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
    }

    fn u32_at(b: &[u8], at: usize) -> Option<u32> {
        Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
    }

    fn u32s(b: &[u8]) -> impl Iterator<Item = u32> + '_ {
        b.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
    }

    /// Checks `file`; `Ok` when calamine can be trusted with it (or will refuse it
    /// cleanly on its own).
    pub(super) fn check(file: &[u8]) -> Result<(), Problem> {
        match workbook_stream(file)? {
            Some(stream) => check_sheets(&stream),
            None => Ok(()),
        }
    }

    /// Sectors of one size laid after the header, as calamine reads them.
    struct Sectors<'a> {
        data: &'a [u8],
        size: usize,
        max_id: usize,
    }

    impl<'a> Sectors<'a> {
        /// A sector, or what the file holds of it when the file ends inside it (calamine
        /// reads that too); `whole` for the allocation tables, which calamine can only
        /// read whole.
        fn get(&self, id: u32, whole: bool) -> Result<&'a [u8], Problem> {
            let id = id as usize;
            if id > self.max_id {
                return Err(Problem::Damaged(
                    "a sector number lies past the end of the file",
                ));
            }
            let start = id * self.size;
            let end = start + self.size;
            if start >= self.data.len() || (whole && end > self.data.len()) {
                return Err(Problem::Damaged("a sector lies past the end of the file"));
            }
            Ok(&self.data[start..end.min(self.data.len())])
        }

        /// A chain of sectors through `table`, at most `len` bytes; refused when it
        /// points outside the table or runs longer than the file has sectors (a loop).
        fn chain(&self, start: u32, table: &[u32], len: usize) -> Result<Vec<u8>, Problem> {
            let mut out = Vec::new();
            let mut id = start;
            let mut steps = 0usize;
            while id != END_OF_CHAIN {
                let sector = self.get(id, false)?;
                let take = sector.len().min(len - out.len());
                out.extend_from_slice(&sector[..take]);
                if out.len() >= len {
                    break;
                }
                steps += 1;
                if steps > self.max_id + 1 {
                    return Err(Problem::Damaged("a chain of sectors loops"));
                }
                id = *table
                    .get(id as usize)
                    .ok_or(Problem::Damaged("a chain of sectors leaves its table"))?;
            }
            Ok(out)
        }
    }

    /// The `Workbook` (or `Book`) stream, found as calamine finds it; `None` when the
    /// file is not one calamine will read that far.
    fn workbook_stream(file: &[u8]) -> Result<Option<Vec<u8>>, Problem> {
        if file.len() < 512 || file[..8] != super::OLE_SIGNATURE {
            return Ok(None);
        }
        let size = match u16_at(file, 30) {
            Some(9) => 512,
            Some(12) => 4096,
            _ => return Ok(None),
        };
        if u16_at(file, 32) != Some(6) || file.len() < size {
            return Ok(None);
        }
        let field = |at| u32_at(file, at).unwrap_or(0);
        let (dir_start, mini_fat_start, mini_fat_len, difat_start) =
            (field(48), field(60), field(64) as usize, field(68));
        let version = u16_at(file, 26).unwrap_or(0);
        let sectors = Sectors {
            data: &file[size..],
            size,
            max_id: file.len() / size,
        };
        // The sector allocation table, from the header's list and the DIFAT chain.
        let mut difat: Vec<u32> = u32s(&file[76..512]).collect();
        let mut id = difat_start;
        let mut steps = 0usize;
        while id < RESERVED {
            steps += 1;
            if steps > sectors.max_id + 1 {
                return Ok(None); // calamine stops there with an error
            }
            difat.extend(u32s(sectors.get(id, true)?));
            id = difat.pop().unwrap_or(END_OF_CHAIN);
        }
        let fat_sectors: Vec<u32> = difat.into_iter().filter(|id| *id < DIF_SECTOR).collect();
        if fat_sectors.len() > sectors.max_id + 1 {
            // Each listed sector is read whole: the same one listed a million times
            // would make a table many times the file's size.
            return Err(Problem::Damaged(
                "its allocation table lists more sectors than it has",
            ));
        }
        let mut fat = Vec::new();
        for id in fat_sectors {
            fat.extend(u32s(sectors.get(id, true)?));
        }
        // Directory entries; the root's stream holds the mini sectors.
        let directory = sectors.chain(dir_start, &fat, usize::MAX)?;
        let entries: Vec<(String, u32, usize)> = directory
            .chunks_exact(128)
            .map(|e| {
                let (name, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(&e[..64]);
                let name = name.split('\0').next().unwrap_or_default().to_string();
                let start = u32_at(e, 116).unwrap_or(END_OF_CHAIN);
                let len = if size == 512 {
                    u32_at(e, 120).unwrap_or(0) as usize
                } else {
                    e.get(120..128)
                        .and_then(|b| b.try_into().ok())
                        .map_or(0, |b| {
                            usize::try_from(u64::from_le_bytes(b)).unwrap_or(usize::MAX)
                        })
                };
                (name, start, len)
            })
            .collect();
        let Some(root) = entries.first() else {
            return Ok(None);
        };
        if version != 3 && root.1 == END_OF_CHAIN {
            return Ok(None);
        }
        let (mini_fat, mini_stream) = if mini_fat_len > 0 {
            let stream = sectors.chain(root.1, &fat, root.2)?;
            let table = sectors.chain(mini_fat_start, &fat, mini_fat_len.saturating_mul(size))?;
            (u32s(&table).collect::<Vec<u32>>(), stream)
        } else {
            (Vec::new(), Vec::new())
        };
        let found = ["Workbook", "Book"].iter().find_map(|wanted| {
            entries
                .iter()
                .find(|(name, ..)| name.as_bytes().eq_ignore_ascii_case(wanted.as_bytes()))
        });
        let Some((_, start, len)) = found else {
            return Ok(None);
        };
        let stream = if *len < MINI_CUTOFF {
            let mini = Sectors {
                data: &mini_stream,
                size: 64,
                max_id: sectors.max_id * 8,
            };
            mini.chain(*start, &mini_fat, *len)?
        } else {
            sectors.chain(*start, &fat, *len)?
        };
        Ok(Some(stream))
    }

    /// BIFF records as calamine's `RecordIter` splits them (continuations skipped).
    fn records(mut stream: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
        std::iter::from_fn(move || {
            let typ = u16_at(stream, 0)?;
            let len = usize::from(u16_at(stream, 2)?);
            let data = stream.get(4..4 + len)?;
            stream = &stream[4 + len..];
            while stream.len() > 4 && u16_at(stream, 0) == Some(0x003C) {
                let len = usize::from(u16_at(stream, 2)?);
                stream = stream.get(4 + len..)?;
            }
            Some((typ, data))
        })
    }

    /// Each sheet's declared dimensions and the cells it holds, walked from where its
    /// BoundSheet record places it, nested substreams (charts) skipped, as calamine does.
    fn check_sheets(stream: &[u8]) -> Result<(), Problem> {
        let sheets: Vec<(usize, String)> = records(stream)
            .filter(|(typ, data)| *typ == 0x0085 && data.len() >= 6)
            .enumerate()
            .map(|(i, (_, data))| {
                let pos = u32_at(data, 0).unwrap_or(0) as usize;
                (
                    pos,
                    sheet_name(data).unwrap_or_else(|| format!("{}", i + 1)),
                )
            })
            .collect();
        for (pos, sheet) in sheets {
            let Some(body) = stream.get(pos..) else {
                return Err(Problem::Damaged(
                    "a sheet is placed past the end of the workbook",
                ));
            };
            let too_large = |extent: Extent| Problem::TooLarge {
                sheet: sheet.clone(),
                extent,
            };
            let mut extent: Option<Extent> = None;
            let (mut seen_bof, mut depth) = (false, 0usize);
            for (typ, data) in records(body) {
                if depth > 0 {
                    match typ {
                        0x0809 => depth += 1,
                        0x000A => depth -= 1,
                        _ => {}
                    }
                    continue;
                }
                let cell =
                    |data: &[u8]| Some((u32::from(u16_at(data, 0)?), u32::from(u16_at(data, 2)?)));
                let cells: Vec<(u32, u32)> = match typ {
                    0x0809 if seen_bof => {
                        depth += 1;
                        continue;
                    }
                    0x0809 => {
                        seen_bof = true;
                        continue;
                    }
                    0x000A => break,
                    0x0200 => {
                        if let Some(declared) = dimensions(data)
                            && declared.1 > MAX_SHEET_CELLS
                        {
                            return Err(too_large(declared.0));
                        }
                        continue;
                    }
                    0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                        cell(data).into_iter().collect()
                    }
                    0x00BD if data.len() >= 6 => {
                        let row = u32::from(u16_at(data, 0).unwrap_or(0));
                        let first = u32::from(u16_at(data, 2).unwrap_or(0));
                        let last = u32::from(u16_at(data, data.len() - 2).unwrap_or(0));
                        vec![(row, first), (row, last)]
                    }
                    _ => continue,
                };
                for pos in cells {
                    let e = extent.get_or_insert(Extent::at(pos));
                    e.include(pos);
                    if e.cells() > MAX_SHEET_CELLS {
                        return Err(too_large(*e));
                    }
                }
            }
        }
        Ok(())
    }

    /// A DIMENSIONS record read as calamine reads it, with the number of cells calamine
    /// reserves for it (its arithmetic wraps on a record whose last row comes first).
    fn dimensions(data: &[u8]) -> Option<(Extent, u64)> {
        let (first_row, last_row, mut first_col, last_col) = match data.len() {
            10 => (
                u32::from(u16_at(data, 0)?),
                u32::from(u16_at(data, 2)?),
                u32::from(u16_at(data, 4)?),
                u32::from(u16_at(data, 6)?),
            ),
            14 | 16 => (
                u32_at(data, 0)?,
                u32_at(data, 4)?,
                u32::from(u16_at(data, 8)?),
                u32::from(u16_at(data, 10)?),
            ),
            _ => return None,
        };
        if first_col > 0xFF || last_col < first_col {
            first_col = 0;
        }
        let (start, end) = if last_row >= 1 && last_col >= 1 {
            ((first_row, first_col), (last_row - 1, last_col - 1))
        } else {
            ((first_row, first_col), (first_row, first_col))
        };
        let rows = end.0.wrapping_sub(start.0).wrapping_add(1) as u64;
        let cols = end.1.wrapping_sub(start.1).wrapping_add(1) as u64;
        let shown = Extent {
            first: (start.0.min(end.0), start.1.min(end.1)),
            last: (start.0.max(end.0), start.1.max(end.1)),
        };
        Some((shown, rows.saturating_mul(cols)))
    }

    /// The name in a BoundSheet8 record (a short string, one byte or UTF-16 a character).
    fn sheet_name(data: &[u8]) -> Option<String> {
        let len = usize::from(*data.get(6)?);
        let wide = *data.get(7)? & 1 == 1;
        let bytes = data.get(8..8 + if wide { len * 2 } else { len })?;
        Some(if wide {
            encoding_rs::UTF_16LE
                .decode_without_bom_handling(bytes)
                .0
                .into_owned()
        } else {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned()
        })
    }
}

/// Bytes in MiB, for messages: `512 MiB`.
fn mib(bytes: u64) -> String {
    format!("{} MiB", thousands(bytes.div_ceil(1024 * 1024)))
}

/// `17,179,869,184`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Builds a table from a calamine range: converted cells, merged regions filled from
/// their top-left cell, absolute row numbers.
fn to_table(
    name: &str,
    range: &Range<Data>,
    merges: &[Dimensions],
    percent: &dyn Fn(u32, u32) -> bool,
) -> Table {
    let Some((row0, col0)) = range.start() else {
        return Table {
            sheet: Some(name.to_string()),
            first_col: 0,
            rows: Vec::new(),
        };
    };
    let mut grid: Vec<Vec<Cell>> = range
        .rows()
        .enumerate()
        .map(|(i, row)| {
            row.iter()
                .enumerate()
                .map(|(j, d)| convert(d, percent(row0 + i as u32, col0 + j as u32)))
                .collect()
        })
        .collect();
    // Real merged regions do not overlap, so together they cover at most the grid once;
    // forged ones (the same region a million times) stop there rather than take hours.
    let mut budget: usize = grid.iter().map(Vec::len).sum();
    for m in merges {
        let (Some(top), Some(left)) = (m.start.0.checked_sub(row0), m.start.1.checked_sub(col0))
        else {
            continue;
        };
        let (top, left) = (top as usize, left as usize);
        let rows = (m.end.0.saturating_sub(m.start.0) as usize).saturating_add(1);
        let cols = (m.end.1.saturating_sub(m.start.1) as usize).saturating_add(1);
        let area = rows
            .min(grid.len().saturating_sub(top))
            .saturating_mul(cols.min(grid.get(top).map_or(0, Vec::len).saturating_sub(left)));
        if area > budget {
            break;
        }
        budget -= area;
        let Some(value) = grid.get(top).and_then(|r| r.get(left)).cloned() else {
            continue;
        };
        if value.is_blank() {
            continue;
        }
        let bottom = (m.end.0.saturating_sub(row0) as usize).min(grid.len().saturating_sub(1));
        for row in grid.iter_mut().take(bottom + 1).skip(top) {
            let right = (m.end.1.saturating_sub(col0) as usize).min(row.len().saturating_sub(1));
            for cell in row.iter_mut().take(right + 1).skip(left) {
                if cell.is_blank() {
                    *cell = value.clone();
                }
            }
        }
    }
    Table {
        sheet: Some(name.to_string()),
        first_col: col0 as usize,
        rows: grid
            .into_iter()
            .enumerate()
            .map(|(i, cells)| Row {
                number: row0 as usize + i + 1,
                cells,
            })
            .collect(),
    }
}

fn convert(d: &Data, percent: bool) -> Cell {
    let number = |n: f64| {
        if percent {
            Cell::Percent(n)
        } else {
            Cell::Number(n)
        }
    };
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => number(*i as f64),
        Data::Float(f) => number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::Error(e) => Cell::Error(e.to_string()),
        Data::DateTime(dt) => {
            if dt.is_datetime() && dt.as_f64() >= 1.0 {
                let (y, m, d, ..) = dt.to_ymd_hms_milli();
                match Month::try_from(m)
                    .ok()
                    .and_then(|m| Date::from_calendar_date(i32::from(y), m, d).ok())
                {
                    Some(date) => Cell::Date(date),
                    None => Cell::Number(dt.as_f64()),
                }
            } else {
                Cell::Number(dt.as_f64())
            }
        }
        Data::DateTimeIso(s) => iso_date(s).map_or_else(|| Cell::Text(s.clone()), Cell::Date),
        Data::DurationIso(s) => Cell::Text(s.clone()),
    }
}

/// The date part of an ISO 8601 date or date-time (`2026-03-31T00:00:00`).
fn iso_date(s: &str) -> Option<Date> {
    let date = s.get(..10)?;
    let mut parts = date.split('-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u8 = parts.next()?.parse().ok()?;
    let d: u8 = parts.next()?.parse().ok()?;
    Date::from_calendar_date(y, Month::try_from(m).ok()?, d).ok()
}

/// Whether a number format shows a percentage: a `%` outside quotes and brackets.
fn is_percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut bracket = false;
    let mut escaped = false;
    for c in code.chars() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if !quoted => escaped = true,
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            '%' if !quoted && !bracket => return true,
            _ => {}
        }
    }
    false
}

/// A human sentence for a workbook that cannot be opened.
fn open_error(input: &InputPath, e: &calamine::Error) -> Diagnostic {
    if let calamine::Error::Io(io) = e {
        return io_diagnostic(input, io);
    }
    let raw = e.to_string();
    let ext = input
        .path
        .extension()
        .and_then(|x| x.to_str())
        .unwrap_or("xlsx")
        .to_ascii_lowercase();
    let lower = raw.to_lowercase();
    let (cause, hint) = if lower.contains("password") || lower.contains("encrypt") {
        (
            "the workbook is password-protected".to_string(),
            "remove the password (in Excel: File › Info › Protect Workbook) and save it again"
                .to_string(),
        )
    } else if lower.contains("eocd") || lower.contains("zip") {
        (
            format!(
                "the file is not a valid zip archive: it may be truncated, damaged, or another kind of file renamed to .{ext}"
            ),
            if looks_like_text(&input.path) {
                "it looks like a text (CSV) file: rename it to .csv".to_string()
            } else {
                format!("open it in Excel or LibreOffice and save it again as .{ext}")
            },
        )
    } else if lower.contains("cannot detect file format") {
        (
            "the format is not one of xlsx, xlsm, xlsb, xls, ods".to_string(),
            "save it as .xlsx, .ods or .csv".to_string(),
        )
    } else {
        (
            describe(&raw),
            format!("open it in Excel or LibreOffice and save it again as .{ext}"),
        )
    };
    Diagnostic::error(
        Code::NotASpreadsheet,
        &input.display,
        format!("not a readable spreadsheet ({cause})"),
    )
    .hint(hint)
}

/// calamine's message made a lowercase cause.
fn describe(raw: &str) -> String {
    let lower = raw.to_lowercase();
    if lower.contains("eocd") {
        return "the file is not a valid zip archive: it may be truncated or damaged".to_string();
    }
    super::lowercase_first(raw)
}

fn looks_like_text(path: &Path) -> bool {
    let mut head = [0u8; 512];
    let Ok(n) = File::open(path).and_then(|mut f| f.read(&mut head)) else {
        return false;
    };
    n > 0 && std::str::from_utf8(&head[..n]).is_ok() && !head[..n].contains(&0)
}

/// What calamine does not tell of an ODS sheet.
#[derive(Debug, Default, Clone)]
struct OdsSheetInfo {
    merges: Vec<Dimensions>,
    /// Absolute (row, column) of cells whose value type is `percentage`.
    percent: HashSet<(u32, u32)>,
    /// The rectangle of the cells that may hold a value, repeats expanded.
    extent: Option<Extent>,
    /// The cells calamine keeps before expanding repeated rows: per row, up to the
    /// last cell that may hold a value, repeated columns expanded.
    cells: u64,
}

/// Scans `content.xml` for spanned cells (`table:number-rows-spanned`,
/// `table:number-columns-spanned`), percentage cells and the cells each sheet spans,
/// counting rows and columns as calamine does (repeats included). Any problem gives an
/// empty answer: the values are then read without merge filling, which calamine
/// reports on its own if broken.
fn ods_sheet_info<R: Read + std::io::Seek>(
    mut archive: zip::ZipArchive<R>,
) -> HashMap<String, OdsSheetInfo> {
    let mut out = HashMap::new();
    let Ok(entry) = archive.by_name("content.xml") else {
        return out;
    };
    if entry.size() > MAX_INFLATED_BYTES {
        return out;
    }
    let mut xml = String::new();
    if entry
        .take(MAX_INFLATED_BYTES)
        .read_to_string(&mut xml)
        .is_err()
    {
        return out;
    }
    scan_ods_content(&xml, &mut out);
    out
}

fn scan_ods_content(xml: &str, out: &mut HashMap<String, OdsSheetInfo>) {
    // calamine's own caps on repeats (Excel's sheet size).
    const MAX_ROWS: u32 = 1_048_576;
    const MAX_COLUMNS: u32 = 16_384;
    let mut sheet: Option<String> = None;
    let mut info = OdsSheetInfo::default();
    let mut depth = 0usize; // nesting of table:table (sub-tables are skipped)
    let mut row: u32 = 0;
    let mut col: u32 = 0;
    let mut row_repeat: u32 = 1;
    // Where the last cell that may hold a value ends in the current row.
    let mut row_end: u32 = 0;
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let Some(end) = tag_end(rest) else {
            break;
        };
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        let closing = tag.starts_with('/');
        let body = tag.trim_start_matches('/');
        let self_closing = body.ends_with('/');
        let name_end = body
            .find(|c: char| c.is_whitespace() || c == '/')
            .unwrap_or(body.len());
        let name = &body[..name_end];
        match (name, closing) {
            ("table:table", false) => {
                depth += 1;
                if depth == 1 {
                    sheet = attr(body, "table:name").map(unescape);
                    info = OdsSheetInfo::default();
                    row = 0;
                }
            }
            ("table:table", true) => {
                if depth == 1
                    && let Some(name) = sheet.take()
                {
                    out.insert(name, std::mem::take(&mut info));
                }
                depth = depth.saturating_sub(1);
            }
            _ if depth != 1 => {}
            ("table:table-row", false) => {
                row_repeat = attr_number(body, "table:number-rows-repeated")
                    .unwrap_or(1)
                    .min(MAX_ROWS.saturating_sub(row).max(1));
                col = 0;
                row_end = 0;
                if self_closing {
                    row = row.saturating_add(row_repeat);
                }
            }
            ("table:table-row", true) => {
                info.cells = info.cells.saturating_add(u64::from(row_end));
                row = row.saturating_add(row_repeat);
            }
            ("table:table-cell" | "table:covered-table-cell", false) => {
                let repeat = attr_number(body, "table:number-columns-repeated")
                    .unwrap_or(1)
                    .min(MAX_COLUMNS.saturating_sub(col).max(1));
                if name == "table:table-cell" {
                    let rows = attr_number(body, "table:number-rows-spanned").unwrap_or(1);
                    let cols = attr_number(body, "table:number-columns-spanned").unwrap_or(1);
                    if rows > 1 || cols > 1 {
                        info.merges.push(Dimensions::new(
                            (row, col),
                            (row.saturating_add(rows - 1), col.saturating_add(cols - 1)),
                        ));
                    }
                    if attr(body, "office:value-type") == Some("percentage")
                        && repeat <= 1024
                        && (info.percent.len() as u64) < MAX_SHEET_CELLS
                    {
                        for c in 0..repeat {
                            info.percent.insert((row, col.saturating_add(c)));
                        }
                    }
                }
                // A cell with a value type, a formula or content may hold a value.
                let valued = !self_closing
                    || attr(body, "office:value-type").is_some()
                    || attr(body, "table:formula").is_some();
                if valued {
                    let last = (
                        row.saturating_add(row_repeat - 1),
                        col.saturating_add(repeat - 1),
                    );
                    let e = info.extent.get_or_insert(Extent::at((row, col)));
                    e.include((row, col));
                    e.include(last);
                    row_end = col.saturating_add(repeat);
                }
                col = col.saturating_add(repeat);
            }
            _ => {}
        }
    }
}

/// The end of a tag (`>`), skipping quoted attribute values.
fn tag_end(s: &str) -> Option<usize> {
    let mut quote = None;
    for (i, b) in s.bytes().enumerate() {
        match (quote, b) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before_ok = rest[..i].ends_with(char::is_whitespace);
        let after = &rest[i + name.len()..];
        if before_ok && let Some(after) = after.strip_prefix('=') {
            let quote = after.chars().next()?;
            if quote == '"' || quote == '\'' {
                let value = &after[1..];
                return value.find(quote).map(|end| &value[..end]);
            }
        }
        rest = &rest[i + name.len()..];
    }
    None
}

fn attr_number(tag: &str, name: &str) -> Option<u32> {
    attr(tag, name)?.parse().ok().filter(|n| *n >= 1)
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_formats() {
        assert!(is_percent_format("0%"));
        assert!(is_percent_format("0.00 %"));
        assert!(is_percent_format("[Red]0%"));
        assert!(!is_percent_format("General"));
        assert!(!is_percent_format("0\" %\""));
        assert!(!is_percent_format("0\\%"));
        assert!(!is_percent_format("dd/mm/yyyy"));
    }

    #[test]
    fn ods_content_scan_finds_spans_and_percentages() {
        let xml = r#"<office:spreadsheet><table:table table:name="Registre &amp; suivi">
<table:table-column table:number-columns-repeated="3"/>
<table:table-row><table:table-cell office:value-type="string"><text:p>Titre</text:p></table:table-cell><table:table-cell table:number-columns-repeated="2"/></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="3"/></table:table-row>
<table:table-row><table:table-cell table:number-rows-spanned="2" office:value-type="string"><text:p>Inclusion</text:p></table:table-cell><table:table-cell/><table:table-cell office:value-type="percentage" office:value="0.4"/></table:table-row>
<table:table-row><table:covered-table-cell/><table:table-cell/></table:table-row>
</table:table><table:table table:name="Autre"></table:table></office:spreadsheet>"#;
        let mut out = HashMap::new();
        scan_ods_content(xml, &mut out);
        let info = &out["Registre & suivi"];
        assert_eq!(info.merges, vec![Dimensions::new((3, 0), (4, 0))]);
        assert!(info.percent.contains(&(3, 2)));
        assert!(out.contains_key("Autre"));
    }

    #[test]
    fn merged_cells_take_the_top_left_value() {
        let mut range = Range::new((2, 1), (5, 2));
        range.set_value((2, 1), Data::String("Thème".into()));
        range.set_value((3, 1), Data::String("Inclusion".into()));
        range.set_value((3, 2), Data::String("a".into()));
        range.set_value((4, 2), Data::String("b".into()));
        range.set_value((5, 2), Data::Float(0.5));
        let merges = [
            Dimensions::new((3, 1), (4, 1)),
            Dimensions::new((0, 0), (9, 9)),
        ];
        let table = to_table("S", &range, &merges, &|r, c| (r, c) == (5, 2));
        assert_eq!(table.first_col, 1);
        assert_eq!(table.rows[0].number, 3);
        assert_eq!(table.rows[2].cells[0], Cell::Text("Inclusion".into()));
        assert_eq!(table.rows[3].cells[0], Cell::Empty);
        assert_eq!(table.rows[3].cells[1], Cell::Percent(0.5));
    }

    fn temp_input(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> InputPath {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        InputPath {
            path,
            display: format!("inputs/{name}"),
        }
    }

    /// A zip of one stored part whose central directory declares `declared` bytes.
    fn forged_zip(declared: u32) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("xl/worksheets/sheet1.xml", stored)
            .expect("start");
        zip.write_all(b"<worksheet/>").expect("write");
        let mut bytes = zip.finish().expect("finish").into_inner();
        let central = bytes
            .windows(4)
            .position(|w| w == b"PK\x01\x02")
            .expect("central directory");
        bytes[central + 24..central + 28].copy_from_slice(&declared.to_le_bytes());
        bytes
    }

    #[test]
    fn declared_sizes_are_checked_without_inflating_anything() {
        let dir = tempfile::tempdir().expect("dir");
        // 12 bytes stored, 3 GiB declared: only the directory can have said so.
        let input = temp_input(&dir, "bombe.xlsx", &forged_zip(3 << 30));
        let d = guard(&input, 200).expect_err("refused");
        assert_eq!(d.code.as_str(), "too-large");
        assert_eq!(d.file, "inputs/bombe.xlsx");
        assert_eq!(
            d.text(),
            "the workbook's part \"xl/worksheets/sheet1.xml\" inflates 268,435,456 times over, to 3,072 MiB: the file looks like a zip bomb"
        );
        // Honest and small: accepted; not a zip: left to calamine.
        let input = temp_input(&dir, "petit.xlsx", &forged_zip(12));
        assert!(matches!(guard(&input, 200), Ok(None)));
        let input = temp_input(&dir, "texte.xlsx", b"not a zip");
        assert!(matches!(guard(&input, 9), Ok(None)));
        let d = guard(&input, MAX_FILE_BYTES + 1).expect_err("refused");
        assert_eq!(
            d.text(),
            "the workbook is too large (513 MiB; bilan reads workbooks of at most 512 MiB)"
        );
    }

    #[test]
    fn many_parts_are_refused_on_their_total() {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for i in 0..3 {
            zip.start_file(format!("xl/media/image{i}.png"), stored)
                .expect("start");
            zip.write_all(b"png").expect("write");
        }
        let mut bytes = zip.finish().expect("finish").into_inner();
        // Each declares 200 MiB: no ratio a bomb would need, 600 MiB in all.
        let mut at = 0;
        while let Some(i) = bytes[at..].windows(4).position(|w| w == b"PK\x01\x02") {
            let central = at + i;
            bytes[central + 20..central + 24].copy_from_slice(&(1u32 << 20).to_le_bytes());
            bytes[central + 24..central + 28].copy_from_slice(&(200u32 << 20).to_le_bytes());
            at = central + 4;
        }
        let dir = tempfile::tempdir().expect("dir");
        let input = temp_input(&dir, "images.xlsx", &bytes);
        let d = guard(&input, 1000).expect_err("refused");
        assert_eq!(
            d.text(),
            "the workbook inflates to 600 MiB once unzipped (bilan reads workbooks of at most 512 MiB)"
        );
    }

    #[test]
    fn ods_scan_measures_what_repeats_expand_to() {
        let xml = r#"<table:table table:name="S">
<table:table-row><table:table-cell office:value-type="string"><text:p>Thème</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1000"/></table:table-row>
<table:table-row table:number-rows-repeated="3"><table:table-cell/><table:table-cell table:number-columns-repeated="4" office:value-type="float" office:value="1"/><table:table-cell table:number-columns-repeated="16000"/></table:table-row>
<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="20000"/></table:table-row>
</table:table>"#;
        let mut out = HashMap::new();
        scan_ods_content(xml, &mut out);
        let info = &out["S"];
        // Empty cells, even repeated a million times, do not count.
        assert_eq!(
            info.extent,
            Some(Extent {
                first: (0, 0),
                last: (3, 4)
            })
        );
        assert_eq!(info.extent.map(|e| e.cells()), Some(20));
        assert_eq!(info.cells, 1 + 5);
        assert_eq!(
            Extent::at((1_048_575, 16_383)).a1(),
            "XFD1048576:XFD1048576"
        );
        assert_eq!(thousands(17_179_869_184), "17,179,869,184");
        assert_eq!(thousands(999), "999");
    }

    #[test]
    fn forged_overlapping_merges_cost_one_pass_over_the_grid() {
        let mut range = Range::new((0, 0), (299, 299));
        range.set_value((0, 0), Data::String("Thème".into()));
        // A real merge, then the whole grid merged a hundred thousand times.
        let mut merges = vec![Dimensions::new((0, 0), (1, 0))];
        merges.extend(std::iter::repeat_n(
            Dimensions::new((0, 0), (299, 299)),
            100_000,
        ));
        let table = to_table("S", &range, &merges, &|_, _| false);
        assert_eq!(table.rows[1].cells[0], Cell::Text("Thème".into()));
    }

    #[test]
    fn a_panic_in_the_reader_becomes_an_error() {
        assert_eq!(shielded(|| 7), Ok(7));
        let failed = shielded(|| -> u8 { panic!("calamine trusted a length") });
        assert_eq!(failed, Err(()));
        // Outside the shield, panics unwind as before.
        assert!(std::panic::catch_unwind(|| panic!("not quiet")).is_err());
    }

    #[test]
    fn iso_dates_from_ods() {
        assert_eq!(
            iso_date("2026-03-31T00:00:00"),
            Date::from_calendar_date(2026, Month::March, 31).ok()
        );
        assert_eq!(iso_date("PT12H"), None);
    }
}
