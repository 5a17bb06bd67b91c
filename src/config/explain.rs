//! What a user most often gets wrong in `bilan.toml`, told in their words with the form
//! expected and an example built from what they wrote: a year or a number between
//! quotes, a date written `12/12/2025`, a Windows path whose backslashes TOML read as
//! escape sequences. It only reads the parsed file; it decides nothing else.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::line_column;
use crate::messages::Message;
use crate::msg;

/// The value of `section.key` in the parsed file, if written.
fn lookup<'a, 'i>(
    table: &'a DeTable<'i>,
    section: &str,
    key: &str,
) -> Option<&'a Spanned<DeValue<'i>>> {
    let find = |table: &'a DeTable<'i>, name: &str| {
        table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == name)
            .map(|(_, v)| v)
    };
    match find(table, section)?.get_ref() {
        DeValue::Table(inner) => find(inner, key),
        _ => None,
    }
}

/// The line and column of a value, as the messages give them.
fn place(value: &Spanned<DeValue<'_>>, text: &str) -> (String, String) {
    let (line, column) = line_column(text, value.span().start).unwrap_or((1, 1));
    (line.to_string(), column.to_string())
}

/// One message per value of a known key written in the wrong form, for the forms users
/// write: a number between quotes, a date as text.
pub(super) fn wrong_forms(table: &DeTable<'_>, text: &str) -> Vec<Message> {
    let mut found = Vec::new();
    for (section, key, id) in [
        ("report", "edition", "config-edition-not-number"),
        ("privacy", "min_group_size", "config-number-not-text"),
    ] {
        let Some(value) = lookup(table, section, key) else {
            continue;
        };
        if let DeValue::String(written) = value.get_ref() {
            let (line, column) = place(value, text);
            let digits: String = written.trim().to_string();
            let example = if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
                digits
            } else if key == "edition" {
                "2025".to_string()
            } else {
                "5".to_string()
            };
            found.push(
                Message::new(id)
                    .arg("key", [section, ".", key].concat())
                    .arg("name", key)
                    .arg("value", written.as_ref())
                    .arg("example", example)
                    .arg("line", line)
                    .arg("column", column),
            );
        }
    }
    if let Some(value) = lookup(table, "report", "session_date")
        && let DeValue::String(written) = value.get_ref()
    {
        let (line, column) = place(value, text);
        found.push(match iso_date(written) {
            Some(converted) => msg!(
                "config-session-date-text-read",
                value = written.as_ref(),
                converted = converted,
                line = line,
                column = column
            ),
            None => msg!(
                "config-session-date-text",
                value = written.as_ref(),
                line = line,
                column = column
            ),
        });
    }
    found
}

/// `12/12/2025`, `1.2.2025`, `01-02-2025` (day first, as in French) or `2025-12-12`
/// between quotes, written as TOML wants a date: `2025-12-12`. `None` when `text` is
/// not a valid date in one of these forms.
pub(super) fn iso_date(text: &str) -> Option<String> {
    let parts: Vec<&str> = text.trim().split(['/', '.', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let number = |s: &str| {
        (!s.is_empty() && s.len() <= 4 && s.chars().all(|c| c.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (year, month, day) = if a.len() == 4 {
        (number(a)?, number(b)?, number(c)?)
    } else if c.len() == 4 {
        (number(c)?, number(b)?, number(a)?)
    } else {
        return None;
    };
    let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
    let date =
        time::Date::from_calendar_date(i32::try_from(year).ok()?, month, u8::try_from(day).ok()?)
            .ok()?;
    Some(format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    ))
}

/// When the TOML reader failed at byte `offset` inside a double-quoted string holding
/// a backslash (a Windows path: `"C:\Users\…"`), the message that says how to write
/// it; `None` for any other error.
pub(super) fn backslash_in_path(text: &str, offset: usize) -> Option<Message> {
    let line_start = text.get(..offset)?.rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let line = &text[line_start..line_end];
    let at = offset - line_start;
    // The double-quoted strings of the line, as written (escapes skipped over).
    let mut start = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match (start, c) {
            (None, '"') => start = Some(i),
            (None, '#') => return None,
            (Some(_), _) if escaped => escaped = false,
            (Some(_), '\\') => escaped = true,
            (Some(s), '"') => {
                let raw = &line[s + 1..i];
                if (s..=i).contains(&at) && raw.contains('\\') {
                    let (line, column) = line_column(text, line_start + s)?;
                    return Some(path_message(raw, line, column));
                }
                start = None;
            }
            _ => {}
        }
    }
    // The string runs to the end of the line (its closing quote was escaped).
    let s = start?;
    let raw = line[s + 1..].trim_end().trim_end_matches('"');
    if at >= s && raw.contains('\\') {
        let (line, column) = line_column(text, line_start + s)?;
        return Some(path_message(raw, line, column));
    }
    None
}

/// When the path `value` of `key` holds a control character (`"inputs\registre.xlsx"`
/// read as `inputs`, carriage return, `egistre.xlsx`), the message that says how to
/// write it, located where the file writes it.
pub(super) fn control_in_path(key: &str, value: &str, text: &str) -> Option<Message> {
    if !value.chars().any(char::is_control) {
        return None;
    }
    let raw: String = value
        .chars()
        .map(|c| match c {
            '\r' => "\\r".to_string(),
            '\n' => "\\n".to_string(),
            '\t' => "\\t".to_string(),
            '\u{8}' => "\\b".to_string(),
            '\u{c}' => "\\f".to_string(),
            '\u{1b}' => "\\e".to_string(),
            c if c.is_control() => format!("\\x{:02x}", u32::from(c)),
            c => c.to_string(),
        })
        .collect();
    let quoted = ["\"", &raw, "\""].concat();
    match text.find(&quoted).and_then(|at| line_column(text, at)) {
        Some((line, column)) => Some(path_message(&raw, line, column)),
        None => Some(msg!("config-path-control", key = key)),
    }
}

fn path_message(raw: &str, line: usize, column: usize) -> Message {
    msg!(
        "config-path-backslash",
        path = raw,
        slashes = raw.replace('\\', "/"),
        line = line.to_string(),
        column = column.to_string()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_day_first_or_year_first() {
        assert_eq!(iso_date("12/12/2025").as_deref(), Some("2025-12-12"));
        assert_eq!(iso_date("1.2.2025").as_deref(), Some("2025-02-01"));
        assert_eq!(iso_date("2025-11-15").as_deref(), Some("2025-11-15"));
        assert_eq!(iso_date("31/02/2025"), None);
        assert_eq!(iso_date("12/12/25"), None);
        assert_eq!(iso_date("demain"), None);
    }

    #[test]
    fn only_a_string_with_a_backslash_around_the_error_is_a_path() {
        let text = "a = 1\nproposals = \"C:\\Users\\moi\\p.xlsx\"\n";
        let at = text.find("\\U").unwrap() + 2;
        let message = backslash_in_path(text, at).unwrap();
        assert_eq!(message.id, "config-path-backslash");
        assert!(backslash_in_path("a = \"x\" b\n", 8).is_none());
        assert!(backslash_in_path("a = \"x\\y\" # \"\n", 1).is_none());
    }

    #[test]
    fn a_control_character_is_written_back_as_its_escape() {
        let text = "proposals = \"inputs\\registre.xlsx\"\n";
        let message = control_in_path("inputs.proposals", "inputs\registre.xlsx", text).unwrap();
        assert_eq!(message.id, "config-path-backslash");
        assert!(control_in_path("inputs.proposals", "inputs/registre.xlsx", text).is_none());
        let elsewhere = control_in_path("inputs.proposals", "a\tb", text).unwrap();
        assert_eq!(elsewhere.id, "config-path-control");
    }
}
