//! The shape of `bilan.toml` as TOML: the keys each table accepts, unknown keys
//! reported all at once with the closest valid one, and the toml reader's errors
//! placed at their line and column. It decides nothing about values.

use crate::diagnostics::did_you_mean;
use crate::messages::Message;
use crate::msg;

/// Turns a toml/serde error into one message that names the key and its place. The
/// toml reader's own words (`invalid type: string "x", expected a boolean`) are kept as
/// they are: they quote the file.
pub(super) fn describe_toml_error(e: &toml::de::Error, text: &str) -> Message {
    let message = e.message().trim().replace('`', "\"");
    match e.span().and_then(|span| line_column(text, span.start)) {
        Some((line, column)) => msg!(
            "config-toml-error-at",
            message = message,
            line = line.to_string(),
            column = column.to_string()
        ),
        None => msg!("config-toml-error", message = message),
    }
}

/// The line and column (1-based, in characters) of byte `offset` of `text`.
pub(super) fn line_column(text: &str, offset: usize) -> Option<(usize, usize)> {
    let before = text.get(..offset)?;
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    Some((line, column))
}

/// The keys each table of `bilan.toml` accepts, by the table's dotted name (`top` for
/// the file itself). They are [`RawConfig`]'s fields: a test parses a file that sets
/// every one of them.
pub(super) const KNOWN_KEYS: &[(&str, &[&str])] = &[
    (
        "top",
        &[
            "report", "inputs", "outputs", "privacy", "fonts", "limits", "texts", "branding",
            "glossary",
        ],
    ),
    (
        "report",
        &[
            "title",
            "short_title",
            "organisation",
            "edition",
            "session_date",
            "language",
            "addressee",
            "subject",
            "author",
            "contact",
            "themes",
            "context",
            "data_language",
        ],
    ),
    ("report.contact", &["name", "service", "phone", "email"]),
    (
        "inputs",
        &[
            "proposals",
            "proposals_sheet",
            "previous",
            "surveys",
            "suggestions",
            "illustrative",
            "expected_missing_answers",
        ],
    ),
    (
        "outputs",
        &["dir", "documents", "workbook", "pdf_standards"],
    ),
    ("privacy", &["min_group_size"]),
    ("fonts", &["dirs"]),
    ("limits", &["document_seconds", "memory_mb"]),
    ("branding", &["colour", "logo", "logo_alt"]),
];

/// One message per key of `table` (and of its known sub-tables) that bilan does not
/// know, in the order of the file, each with the valid keys and the closest of them.
pub(super) fn unknown_keys(table: &toml::de::DeTable<'_>, text: &str) -> Vec<Message> {
    let mut found = Vec::new();
    walk_keys("top", table, text, &mut found);
    found.sort_by_key(|(offset, _)| *offset);
    found.into_iter().map(|(_, message)| message).collect()
}

fn walk_keys(
    section: &str,
    table: &toml::de::DeTable<'_>,
    text: &str,
    found: &mut Vec<(usize, Message)>,
) {
    let Some((_, known)) = KNOWN_KEYS.iter().find(|(name, _)| *name == section) else {
        return;
    };
    for (key, value) in table {
        let name: &str = key.get_ref();
        if known.contains(&name) {
            if let toml::de::DeValue::Table(inner) = value.get_ref() {
                let path = if section == "top" {
                    name.to_string()
                } else {
                    [section, ".", name].concat()
                };
                walk_keys(&path, inner, text, found);
            }
            continue;
        }
        let start = key.span().start;
        let (line, column) = line_column(text, start).unwrap_or((1, 1));
        let valid = known
            .iter()
            .map(|k| ["\"", k, "\""].concat())
            .collect::<Vec<_>>()
            .join(", ");
        let message = msg!(
            "config-unknown-key",
            key = name,
            valid = valid.as_str(),
            line = line.to_string(),
            column = column.to_string()
        );
        let message = match did_you_mean(name, known.iter().copied()) {
            Some(close) => Message {
                id: "config-unknown-key-close",
                ..message
            }
            .arg("close", close),
            None => message,
        };
        found.push((start, message));
    }
}
