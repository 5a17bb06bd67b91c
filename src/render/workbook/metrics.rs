//! Text metrics: how wide a piece of text is in Calibri 11, and how many lines it
//! takes once wrapped in a column.
//!
//! Owns the measuring, on top of rust_xlsxwriter's own character widths
//! ([`cell_autofit_width`]). It must not set widths or heights on a sheet:
//! [`super::layout`] decides those from these measures.

use rust_xlsxwriter::cell_autofit_width;

/// Cell padding Excel adds around text. [`cell_autofit_width`] includes it;
/// [`text_px`] takes it off, and the layout adds it back once per cell.
pub(super) const PADDING_PX: u32 = 7;

/// Longest run of characters measured in one call: [`cell_autofit_width`] answers
/// Excel's widest column (1,790 px) for anything over 233 characters, and 100 of
/// the widest characters (13 px) stay under that cap.
const RUN_CHARS: usize = 100;

/// Width of text in Calibri 11, in pixels, without padding (Excel's character
/// widths, as rust_xlsxwriter's autofit uses them).
pub(super) fn text_px(s: &str) -> u32 {
    // Measured in runs rather than whole: a long word (a URL, say) measured whole
    // would count as 1,790 px whatever its length, and `wrapped_lines` would then
    // miscount the lines it breaks across.
    let mut px = 0u32;
    let mut rest = s;
    while !rest.is_empty() {
        let end = rest
            .char_indices()
            .nth(RUN_CHARS)
            .map_or(rest.len(), |(i, _)| i);
        let (run, tail) = rest.split_at(end);
        px = px.saturating_add(cell_autofit_width(run).saturating_sub(PADDING_PX));
        rest = tail;
    }
    px
}

/// Text is measured with a 10 % margin, which also covers LibreOffice's
/// substitute fonts when neither Calibri nor Carlito is installed; headers are
/// measured closer, as a header cut short is only cosmetic.
// rust_xlsxwriter measures regular text only: the `bold` factor is what lets the
// same widths serve bold headers, so it stays here.
pub(super) fn scaled_px(s: &str, bold: bool) -> u32 {
    let px = f64::from(text_px(s)) * if bold { 1.05 } else { 1.1 };
    px.ceil() as u32
}

/// Width of one line of text, measured word by word as [`wrapped_lines`] does,
/// so that a column sized to a line holds it on one line.
pub(super) fn line_px(line: &str, bold: bool) -> u32 {
    let space = scaled_px(" ", bold);
    let mut used = 0u32;
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        let w = scaled_px(word, bold);
        used = if used == 0 { w } else { used + space + w };
    }
    used
}

/// How many lines `text` takes in a column `width` pixels wide, words wrapped
/// greedily as Excel does.
// rust_xlsxwriter has no wrapping measure: line breaks and word wrapping are
// counted here, for the row heights that LibreOffice does not compute on opening.
pub(super) fn wrapped_lines(text: &str, width: u32, bold: bool) -> u32 {
    let width = width.max(1);
    let space = scaled_px(" ", bold);
    let mut lines = 0u32;
    for paragraph in text.split('\n') {
        lines = lines.saturating_add(1);
        let mut used = 0u32;
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            let w = scaled_px(word, bold);
            if used > 0 && used + space + w <= width {
                used += space + w;
            } else {
                if used > 0 {
                    lines = lines.saturating_add(1);
                }
                // A word wider than the column is broken across lines.
                lines = lines.saturating_add(w.saturating_sub(1) / width);
                used = w % width;
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_rust_xlsxwriter_s_without_padding() {
        assert_eq!(text_px(""), 0);
        assert_eq!(text_px("Statut"), cell_autofit_width("Statut") - PADDING_PX);
        assert_eq!(text_px("é"), 8);
        // A long word is not capped at Excel's widest column.
        assert_eq!(text_px(&"m".repeat(300)), 300 * 12);
    }

    #[test]
    fn wrapped_text_takes_as_many_lines_as_it_needs() {
        let line = "Lancer un appel à projets incitant à des actions croisées";
        // A column sized to a line holds it on one line.
        assert_eq!(wrapped_lines(line, line_px(line, false), false), 1);
        assert_eq!(wrapped_lines(line, line_px(line, false) - 1, false), 2);
        assert_eq!(wrapped_lines("un\ndeux\n\ntrois", 500, false), 4);
        // A word wider than the column breaks.
        assert_eq!(wrapped_lines(&"m".repeat(30), 100, false), 4);
    }
}
