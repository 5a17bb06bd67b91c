//! A look at an `.xls` workbook before calamine opens it.
//!
//! calamine reads every sheet of an `.xls` file when it opens it, trusting what the file
//! says: a sector chain that loops is followed forever, a chain pointing outside its
//! table or a sheet placed past the end of the stream panics, and a sheet's declared
//! dimensions or two cells far apart make it allocate the whole grid at once (a 5 kB
//! file then aborts the process, which no diagnostic can report). This walks the same
//! structures the same way, bounded, and says which of those the file holds; anything
//! else is left to calamine.
//!
//! Owns the walk of the OLE compound file (sectors, allocation tables, directory) down
//! to the `Workbook` stream, and of its BIFF records (sheets, dimensions, cells). Must
//! not read values nor build diagnostics (`guard` words them), and must keep what it
//! holds bounded by the file's size whatever the file claims.

// Written by hand: no crate does this check, and calamine has no limit to set. What
// must be predicted is how calamine's own compound-file and BIFF reader walks the file
// (it loops, panics or allocates where a stricter reader would refuse), so the walk
// mirrors calamine's, not a correct reader's: a compound-file crate (`cfb`) would judge
// a different reading, and knows nothing of BIFF records.

use super::MAX_SHEET_CELLS;
use super::extent::Extent;

/// The first bytes of an OLE compound file (an `.xls` workbook, or an encrypted `.xlsx`).
pub(super) const OLE_SIGNATURE: [u8; 8] = *b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const RESERVED: u32 = 0xFFFF_FFFA;
const DIF_SECTOR: u32 = 0xFFFF_FFFC;
/// Streams shorter than this live in the mini stream.
const MINI_CUTOFF: usize = 4096;

/// What makes a file unsafe to hand to calamine.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Problem {
    /// What is damaged, as the key the `not-a-spreadsheet-xls-damaged` message words
    /// (`chain-loops`).
    Damaged(&'static str),
    TooLarge {
        sheet: String,
        extent: Extent,
    },
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
            return Err(Problem::Damaged("sector-number-past-end"));
        }
        let start = id * self.size;
        let end = start + self.size;
        if start >= self.data.len() || (whole && end > self.data.len()) {
            return Err(Problem::Damaged("sector-past-end"));
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
                return Err(Problem::Damaged("chain-loops"));
            }
            id = *table
                .get(id as usize)
                .ok_or(Problem::Damaged("chain-leaves-table"))?;
        }
        Ok(out)
    }
}

/// The `Workbook` (or `Book`) stream, found as calamine finds it; `None` when the
/// file is not one calamine will read that far.
fn workbook_stream(file: &[u8]) -> Result<Option<Vec<u8>>, Problem> {
    if file.len() < 512 || file[..8] != OLE_SIGNATURE {
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
        return Err(Problem::Damaged("allocation-table-too-long"));
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
            return Err(Problem::Damaged("sheet-past-end"));
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
