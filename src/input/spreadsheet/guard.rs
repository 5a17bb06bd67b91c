//! The check made before calamine opens a workbook, against the limits of [`super::extent`].
//!
//! Owns the `too-large` diagnostics and [`guard`], which
//! refuses a workbook past a limit from its file size and its zip directory, and hands
//! an `.xls` file to [`xls::check`] and an ODS `content.xml` to [`ods`].
//!
//! Must not inflate a zip part to judge it (the directory's declared sizes only) nor
//! read a workbook's values: that is calamine's, through `Workbook`.

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufReader, Read};

use super::extent::{
    Extent, MAX_FILE_BYTES, MAX_INFLATED_BYTES, MAX_RATIO, MAX_SHEET_CELLS, RATIO_MIN_BYTES,
};
use super::ods::{self, OdsSheetInfo};
use super::xls::{self, OLE_SIGNATURE};
use crate::config::InputPath;
use crate::diagnostics::{Code, Diagnostic};
use crate::input::{Place, column_letters};
use crate::messages::Message;
use crate::msg;

/// `too-large` for a sheet whose cells span `extent`, located at the cell `stop`.
pub(super) fn too_many_cells(
    input: &InputPath,
    sheet: &str,
    extent: &Extent,
    stop: (u32, u32),
) -> Diagnostic {
    Place::new(input, Some(sheet))
        .error(
            Code::TooLarge,
            msg!(
                "too-large-sheet",
                range = extent.a1(),
                cells = thousands(extent.cells()),
                max = thousands(MAX_SHEET_CELLS)
            ),
        )
        .row(stop.0 as usize + 1)
        .column(column_letters(stop.1 as usize))
        .hint(msg!("too-large-sheet-hint"))
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
pub(super) fn guard(
    input: &InputPath,
    file_size: u64,
) -> Result<Option<HashMap<String, OdsSheetInfo>>, Box<Diagnostic>> {
    let refuse = |message: Message, hint: Message| {
        Box::new(Diagnostic::error(Code::TooLarge, &input.display, message).hint(hint))
    };
    if file_size > MAX_FILE_BYTES {
        return Err(refuse(
            msg!(
                "too-large-workbook",
                mib = mib(file_size),
                max = mib(MAX_FILE_BYTES)
            ),
            msg!("too-large-workbook-hint"),
        ));
    }
    let Ok(mut file) = File::open(&input.path) else {
        return Ok(None);
    };
    let mut magic = [0u8; 8];
    if crate::input::read_up_to(&mut file, &mut magic).is_ok() && magic == OLE_SIGNATURE {
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
                    msg!("not-a-spreadsheet-xls-damaged", why = why),
                )
                .hint(msg!("not-a-spreadsheet-xls-damaged-hint")),
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
                msg!(
                    "too-large-zip-bomb",
                    part = name,
                    ratio = thousands(size / packed.max(1)),
                    mib = mib(size)
                ),
                msg!("too-large-zip-bomb-hint"),
            ));
        }
        total = total.saturating_add(size);
        ods |= name == "content.xml";
        xlsx |= name.starts_with("xl/");
    }
    if total > MAX_INFLATED_BYTES {
        return Err(refuse(
            msg!(
                "too-large-inflated",
                mib = mib(total),
                max = mib(MAX_INFLATED_BYTES)
            ),
            msg!("too-large-workbook-hint"),
        ));
    }
    if !ods || xlsx {
        return Ok(None);
    }
    let info = ods::ods_sheet_info(archive);
    for (sheet, i) in &info {
        if let Some(extent) = i.extent
            && (extent.cells() > MAX_SHEET_CELLS || i.cells > MAX_SHEET_CELLS)
        {
            return Err(Box::new(too_many_cells(input, sheet, &extent, extent.last)));
        }
    }
    Ok(Some(info))
}

/// Bytes as a number of MiB, rounded up, for messages (which write the unit): `512`.
fn mib(bytes: u64) -> String {
    thousands(bytes.div_ceil(1024 * 1024))
}

/// `17,179,869,184`.
pub(super) fn thousands(n: u64) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
