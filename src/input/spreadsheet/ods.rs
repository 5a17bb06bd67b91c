//! What calamine does not tell of an ODS sheet, read from its `content.xml`.
//!
//! Owns the scan of `content.xml` for each sheet's merged cells, percentage cells and the
//! cells it spans once repeats are expanded, counted as calamine counts them, so that
//! `guard` can refuse a sheet too large before calamine expands it and `Workbook` can
//! fill merges and mark percentages.
//!
//! Must not read cell values (calamine's) nor refuse anything (`guard` does), and must
//! not hold the XML whole: it is read one event at a time, with quick-xml as calamine
//! reads it (same reader, same settings, elements matched by their prefixed names as
//! calamine matches them), so that both see the same cells.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read};

use calamine::Dimensions;
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::MAX_SHEET_CELLS;
use super::extent::{Extent, MAX_INFLATED_BYTES};

/// What calamine does not tell of an ODS sheet.
#[derive(Debug, Default, Clone)]
pub(super) struct OdsSheetInfo {
    pub(super) merges: Vec<Dimensions>,
    /// Absolute (row, column) of cells whose value type is `percentage`.
    pub(super) percent: HashSet<(u32, u32)>,
    /// The rectangle of the cells that may hold a value, repeats expanded.
    pub(super) extent: Option<Extent>,
    /// The cells calamine keeps before expanding repeated rows: per row, up to the
    /// last cell that may hold a value, repeated columns expanded.
    pub(super) cells: u64,
}

/// Scans `content.xml` for spanned cells (`table:number-rows-spanned`,
/// `table:number-columns-spanned`), percentage cells and the cells each sheet spans,
/// counting rows and columns as calamine does (repeats included). A part that cannot
/// be read (damaged, or not UTF-8) gives an empty answer: the values are then read
/// without merge filling, which calamine reports on its own if broken. Markup broken
/// half-way gives the sheets closed before it.
pub(super) fn ods_sheet_info<R: Read + std::io::Seek>(
    mut archive: zip::ZipArchive<R>,
) -> HashMap<String, OdsSheetInfo> {
    let mut out = HashMap::new();
    let Ok(entry) = archive.by_name("content.xml") else {
        return out;
    };
    if entry.size() > MAX_INFLATED_BYTES {
        return out;
    }
    scan_ods_content(BufReader::new(entry.take(MAX_INFLATED_BYTES)), &mut out);
    out
}

fn scan_ods_content(xml: impl BufRead, out: &mut HashMap<String, OdsSheetInfo>) {
    let mut reader = Reader::from_reader(xml);
    // calamine's settings: end tags need not match their start, comments are not
    // checked. Empty elements stay `Event::Empty`: whether a cell is written `<…/>`
    // says whether it may hold a value.
    let config = reader.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    let mut scan = Scan {
        row_repeat: 1,
        ..Scan::default()
    };
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => scan.open(&e, false, out),
            Ok(Event::Empty(e)) => scan.open(&e, true, out),
            Ok(Event::End(e)) => scan.close(e.name().as_ref(), out),
            Ok(Event::Eof) => break,
            // Text, comments, CDATA, declarations: no cell there.
            Ok(_) => {}
            Err(quick_xml::Error::Io(_) | quick_xml::Error::Encoding(_)) => {
                out.clear();
                return;
            }
            Err(_) => break,
        }
    }
}

/// Where the scan stands in `content.xml`.
#[derive(Default)]
struct Scan {
    sheet: Option<String>,
    info: OdsSheetInfo,
    /// Nesting of `table:table` (sub-tables are skipped).
    depth: usize,
    row: u32,
    col: u32,
    row_repeat: u32,
    /// Where the last cell that may hold a value ends in the current row.
    row_end: u32,
}

impl Scan {
    // calamine's own caps on repeats (Excel's sheet size).
    const MAX_ROWS: u32 = 1_048_576;
    const MAX_COLUMNS: u32 = 16_384;

    /// A start tag, or an empty element (`self_closing`), which also ends.
    fn open(
        &mut self,
        e: &BytesStart<'_>,
        self_closing: bool,
        out: &mut HashMap<String, OdsSheetInfo>,
    ) {
        let name = e.name();
        match name.as_ref() {
            "table:table" => {
                self.depth += 1;
                if self.depth == 1 {
                    self.sheet = attr(e, "table:name").map(|v| {
                        quick_xml::escape::unescape(&v).map_or_else(|_| v.to_string(), Into::into)
                    });
                    self.info = OdsSheetInfo::default();
                    self.row = 0;
                }
                if self_closing {
                    self.close("table:table", out);
                }
            }
            _ if self.depth != 1 => {}
            "table:table-row" => {
                self.row_repeat = attr_number(e, "table:number-rows-repeated")
                    .unwrap_or(1)
                    .min(Self::MAX_ROWS.saturating_sub(self.row).max(1));
                self.col = 0;
                self.row_end = 0;
                if self_closing {
                    self.row = self.row.saturating_add(self.row_repeat);
                }
            }
            cell @ ("table:table-cell" | "table:covered-table-cell") => {
                self.cell(e, cell == "table:table-cell", self_closing);
            }
            _ => {}
        }
    }

    /// An end tag.
    fn close(&mut self, name: &str, out: &mut HashMap<String, OdsSheetInfo>) {
        match name {
            "table:table" => {
                if self.depth == 1
                    && let Some(name) = self.sheet.take()
                {
                    out.insert(name, std::mem::take(&mut self.info));
                }
                self.depth = self.depth.saturating_sub(1);
            }
            "table:table-row" if self.depth == 1 => {
                self.info.cells = self.info.cells.saturating_add(u64::from(self.row_end));
                self.row = self.row.saturating_add(self.row_repeat);
            }
            _ => {}
        }
    }

    /// A cell: a `table:table-cell`, which may span others (`spans`), or a covered one.
    fn cell(&mut self, e: &BytesStart<'_>, spans: bool, self_closing: bool) {
        let (row, col) = (self.row, self.col);
        let info = &mut self.info;
        let repeat = attr_number(e, "table:number-columns-repeated")
            .unwrap_or(1)
            .min(Self::MAX_COLUMNS.saturating_sub(col).max(1));
        let value_type = attr(e, "office:value-type");
        if spans {
            let rows = attr_number(e, "table:number-rows-spanned").unwrap_or(1);
            let cols = attr_number(e, "table:number-columns-spanned").unwrap_or(1);
            if rows > 1 || cols > 1 {
                info.merges.push(Dimensions::new(
                    (row, col),
                    (row.saturating_add(rows - 1), col.saturating_add(cols - 1)),
                ));
            }
            if value_type.as_deref() == Some("percentage")
                && repeat <= 1024
                && (info.percent.len() as u64) < MAX_SHEET_CELLS
            {
                for c in 0..repeat {
                    info.percent.insert((row, col.saturating_add(c)));
                }
            }
        }
        // A cell with a value type, a formula or content may hold a value.
        let valued = !self_closing || value_type.is_some() || attr(e, "table:formula").is_some();
        if valued {
            let last = (
                row.saturating_add(self.row_repeat - 1),
                col.saturating_add(repeat - 1),
            );
            let extent = info.extent.get_or_insert(Extent::at((row, col)));
            extent.include((row, col));
            extent.include(last);
            self.row_end = col.saturating_add(repeat);
        }
        self.col = col.saturating_add(repeat);
    }
}

/// The raw value of the attribute `name` (the first, if repeated; none past a malformed
/// attribute, which calamine refuses).
fn attr<'a>(e: &'a BytesStart<'_>, name: &str) -> Option<std::borrow::Cow<'a, str>> {
    let mut attributes = e.attributes();
    attributes.with_checks(false);
    attributes
        .map_while(Result::ok)
        .find(|a| a.key.as_ref() == name)
        .map(|a| a.value)
}

/// A count (`table:number-…`): a whole number from 1; calamine reads it unescaped.
fn attr_number(e: &BytesStart<'_>, name: &str) -> Option<u32> {
    attr(e, name)?.parse().ok().filter(|n| *n >= 1)
}

#[cfg(test)]
mod tests {
    use super::super::guard::thousands;
    use super::*;

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
        scan_ods_content(xml.as_bytes(), &mut out);
        let info = &out["Registre & suivi"];
        assert_eq!(info.merges, vec![Dimensions::new((3, 0), (4, 0))]);
        assert!(info.percent.contains(&(3, 2)));
        assert!(out.contains_key("Autre"));
    }

    #[test]
    fn ods_scan_measures_what_repeats_expand_to() {
        let xml = r#"<table:table table:name="S">
<table:table-row><table:table-cell office:value-type="string"><text:p>Thème</text:p></table:table-cell><table:table-cell table:number-columns-repeated="1000"/></table:table-row>
<table:table-row table:number-rows-repeated="3"><table:table-cell/><table:table-cell table:number-columns-repeated="4" office:value-type="float" office:value="1"/><table:table-cell table:number-columns-repeated="16000"/></table:table-row>
<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="20000"/></table:table-row>
</table:table>"#;
        let mut out = HashMap::new();
        scan_ods_content(xml.as_bytes(), &mut out);
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
    fn ods_scan_reads_the_xml_as_xml() {
        // What a scan of the text for `<…>` got wrong: an empty sheet written as one
        // self-closing element (which hid every later sheet, and so its size, from
        // `guard`), a sheet named through character references, a comment and a CDATA
        // section holding `>` then markup, spaces around `=`.
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:spreadsheet><table:table table:name="Vide"/>
<table:table table:name="Synth&#232;se &#x2014; ateliers">
<!-- rows > 2: <table:table-row table:number-rows-repeated="1000"></table:table-row> -->
<table:table-row><table:table-cell office:value-type="string"><text:p><![CDATA[a > b <table:table-row>]]></text:p></table:table-cell><table:table-cell table:number-columns-spanned = "2" office:value-type = 'percentage' office:value="0.4"/></table:table-row>
</table:table></office:spreadsheet>"#;
        let mut out = HashMap::new();
        scan_ods_content(xml.as_bytes(), &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!(out["Vide"].extent, None);
        let info = &out["Synthèse — ateliers"];
        assert_eq!(info.merges, vec![Dimensions::new((0, 1), (0, 2))]);
        assert_eq!(info.percent, HashSet::from([(0, 1)]));
        assert_eq!(
            info.extent,
            Some(Extent {
                first: (0, 0),
                last: (0, 1)
            })
        );
        assert_eq!(info.cells, 2);
    }

    /// `info` of a zip holding `content` as its `content.xml`.
    fn info_of(content: &[u8]) -> HashMap<String, OdsSheetInfo> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("content.xml", zip::write::SimpleFileOptions::default())
            .expect("start");
        zip.write_all(content).expect("write");
        let bytes = zip.finish().expect("finish").into_inner();
        ods_sheet_info(zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip"))
    }

    #[test]
    fn unreadable_content_gives_nothing_and_broken_markup_what_came_before() {
        let sheet = br#"<table:table table:name="A"><table:table-row><table:table-cell table:number-rows-spanned="2"><text:p>x</text:p></table:table-cell></table:table-row></table:table>"#;
        assert_eq!(info_of(sheet)["A"].merges.len(), 1);
        // Text that is not UTF-8, even after a whole sheet: nothing.
        let mut bad = sheet.to_vec();
        bad.extend_from_slice(b"<table:table table:name=\"B\"><text:p>\xFF</text:p></table:table>");
        assert!(info_of(&bad).is_empty());
        // Cut inside a tag: the sheets read until then.
        let mut cut = sheet.to_vec();
        cut.extend_from_slice(b"<table:table table:name=\"B\"><table:table-row table:number");
        let info = info_of(&cut);
        assert_eq!(info.keys().collect::<Vec<_>>(), ["A"]);
    }
}
