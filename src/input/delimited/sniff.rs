//! The delimiter of a delimited text file (`,` `;` or tab), told from its first logical
//! lines (a quoted cell's line breaks kept inside its line).
//!
//! It only looks at text already decoded: it reads no file, splits no records and pushes
//! no diagnostics.

/// The delimiter (`,` `;` or tab) that splits the first lines most consistently, counted
/// outside quotes. A file with a single column reads with `,`.
pub(super) fn detect_delimiter(text: &str) -> u8 {
    let lines = logical_lines(text, 30);
    const CANDIDATES: [u8; 3] = [b';', b'\t', b','];
    let Some(header) = lines
        .iter()
        .find(|l| CANDIDATES.iter().any(|&c| count_outside_quotes(l, c) > 0))
    else {
        return b',';
    };
    CANDIDATES
        .iter()
        .enumerate()
        .filter_map(|(priority, &c)| {
            let n = count_outside_quotes(header, c);
            if n == 0 {
                return None;
            }
            let consistent = lines
                .iter()
                .filter(|l| count_outside_quotes(l, c) == n)
                .count();
            Some(((consistent, n, usize::MAX - priority), c))
        })
        .max_by_key(|(score, _)| *score)
        .map_or(b',', |(_, c)| c)
}

/// The first `max` non-empty lines, a quoted field's newlines kept inside its line.
fn logical_lines(text: &str, max: usize) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut start = 0;
    let mut quoted = false;
    for (i, b) in text.bytes().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => {
                let line = text[start..i].trim_end_matches('\r');
                if !line.trim().is_empty() {
                    lines.push(line);
                    if lines.len() == max {
                        return lines;
                    }
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    let last = text[start..].trim_end_matches('\r');
    if !last.trim().is_empty() && lines.len() < max {
        lines.push(last);
    }
    lines
}

fn count_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_delimiters() {
        assert_eq!(detect_delimiter("a;b;c\n1;2;3\n"), b';');
        assert_eq!(detect_delimiter("a,b,c\r\n1,2,3\r\n"), b',');
        assert_eq!(detect_delimiter("a\tb\tc\n1\t2\t3"), b'\t');
        assert_eq!(detect_delimiter("\"x;y\",b,c\n\"1;2\",2,3"), b',');
        assert_eq!(
            detect_delimiter("Thème;Titre, long;Statut\nA;B, c, d;C\n"),
            b';'
        );
        assert_eq!(detect_delimiter("single\nvalue\n"), b',');
        assert_eq!(
            detect_delimiter("Registre 2025;;\n\nThème;Titre;Statut\n"),
            b';'
        );
        // A quoted newline does not end the line.
        assert_eq!(detect_delimiter("a,\"b\nc;d;e\",f\n1,2,3"), b',');
    }
}
