//! What calamine does not tell of an ODS sheet, read from its `content.xml`.
//!
//! Owns the scan of `content.xml` for each sheet's merged cells, percentage cells and the
//! cells it spans once repeats are expanded, counted as calamine counts them, so that
//! `guard` can refuse a sheet too large before calamine expands it and `Workbook` can
//! fill merges and mark percentages.
//!
//! Must not read cell values (calamine's) nor refuse anything (`guard` does), and must
//! hold no more than one event of the XML at a time.

use std::collections::{HashMap, HashSet};
use std::io::Read;

use calamine::Dimensions;

use super::MAX_SHEET_CELLS;
use super::guard::{Extent, MAX_INFLATED_BYTES};
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
/// counting rows and columns as calamine does (repeats included). Any problem gives an
/// empty answer: the values are then read without merge filling, which calamine
/// reports on its own if broken.
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
        scan_ods_content(xml, &mut out);
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
}
