//! Text metrics: how wide a piece of text is in Calibri 11, and how many lines it
//! takes once wrapped in a column.
//!
//! Owns the measuring, with Excel's character widths. It must not set widths or heights on a sheet:
//! [`super::layout`] decides those from these measures.

/// Cell padding Excel adds around text; the layout adds it once per cell.
pub(super) const PADDING_PX: u32 = 7;

/// Width of text in Calibri 11, in pixels (Excel's character widths, as
/// rust_xlsxwriter's autofit uses them).
pub(super) fn text_px(s: &str) -> u32 {
    s.chars()
        .map(|c| match c {
            ' ' | '\'' => 3,
            ',' | '.' | ':' | ';' | 'I' | '`' | 'i' | 'j' | 'l' => 4,
            '!' | '(' | ')' | '-' | 'J' | '[' | ']' | 'f' | 'r' | 't' | '{' | '}' => 5,
            '"' | '/' | 'L' | '\\' | 'c' | 's' | 'z' => 6,
            '#'
            | '$'
            | '*'
            | '+'
            | '0'..='9'
            | '<'
            | '='
            | '>'
            | '?'
            | 'E'
            | 'F'
            | 'S'
            | 'T'
            | 'Y'
            | 'Z'
            | '^'
            | '_'
            | 'a'
            | 'g'
            | 'k'
            | 'v'
            | 'x'
            | 'y'
            | '|'
            | '~' => 7,
            '&' | 'N' | 'O' | 'Q' => 10,
            '%' | 'w' => 11,
            'M' | 'm' => 12,
            '@' | 'W' => 13,
            _ => 8,
        })
        .fold(0u32, u32::saturating_add)
}

/// Text is measured with a 10 % margin, which also covers LibreOffice's
/// substitute fonts when neither Calibri nor Carlito is installed; headers are
/// measured closer, as a header cut short is only cosmetic.
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
