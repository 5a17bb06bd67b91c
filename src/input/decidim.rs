//! A Decidim proposals export (CSV with `;`, from a participatory space or its open-data
//! archive) read as a register without any mapping: `id`, `title/<lang>`,
//! `body/<lang>`, the category (or taxonomy) name as theme, `answer/<lang>`, `state`.
//! The first language present is used, French preferred; HTML is reduced to text. Also
//! the proposals CSV of an open-data archive (a zip), read through [`delimited`].
//!
//! A leaf adapter: it turns an export into proposals and leaves what every register gets
//! (duplicate ids, themes grouped, missing answers: `register::finish`) to its caller,
//! so it never depends on `register`. It neither decodes nor splits text itself.

use std::fs::File;
use std::io::{self, Cursor, Read};

use super::delimited::{self, MAX_TABLE_BYTES};
use super::values::match_status;
use super::{Place, Row, Table, html, io_diagnostic, lowercase_first};
use crate::config::InputPath;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::{Origin, Proposal, Status};

/// The theme of proposals that have neither category nor taxonomy.
const NO_CATEGORY: &str = "Sans catégorie";

/// The index of the header row when the table is a Decidim proposals export: an `id`,
/// a `state`, and translated `title/…` and `body/…` columns.
pub(crate) fn detect(table: &Table) -> Option<usize> {
    let (index, row) = table.rows.iter().enumerate().find(|(_, r)| !r.is_blank())?;
    let headers = headers(row);
    let has = |name: &str| headers.iter().any(|h| h == name);
    let has_translated = |base: &str| {
        headers
            .iter()
            .any(|h| h == base || h.strip_prefix(base).is_some_and(|r| r.starts_with('/')))
    };
    (has("id") && has("state") && has_translated("title") && has_translated("body"))
        .then_some(index)
}

fn headers(row: &Row) -> Vec<String> {
    row.cells
        .iter()
        .map(|c| {
            c.text()
                .map(|t| t.trim().to_lowercase())
                .unwrap_or_default()
        })
        .collect()
}

/// The column of a translated field: `base/fr`, else the first `base/<lang>`, else
/// `base` itself, else a machine translation.
fn translated(headers: &[String], base: &str) -> Option<usize> {
    let langs: Vec<(usize, &str)> = headers
        .iter()
        .enumerate()
        .filter_map(|(i, h)| {
            let lang = h.strip_prefix(base)?.strip_prefix('/')?;
            let is_lang = (2..=7).contains(&lang.len())
                && lang
                    .chars()
                    .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_');
            is_lang.then_some((i, lang))
        })
        .collect();
    langs
        .iter()
        .find(|(_, l)| *l == "fr")
        .or_else(|| langs.first())
        .map(|(i, _)| *i)
        .or_else(|| headers.iter().position(|h| h == base))
        .or_else(|| {
            let machine = format!("{base}/machine_translations/");
            headers
                .iter()
                .position(|h| h == &format!("{machine}fr"))
                .or_else(|| headers.iter().position(|h| h.starts_with(&machine)))
        })
}

/// The proposals of an export, with the labels of its answer and id columns, for the
/// checks every register gets.
pub(crate) struct Export {
    pub proposals: Vec<Proposal>,
    pub answer_column: Option<String>,
    pub id_column: Option<String>,
}

/// Reads the export.
pub(crate) fn read(
    input: &InputPath,
    table: &Table,
    header: usize,
    diags: &mut Diagnostics,
) -> Export {
    let place = Place::new(input, table.sheet.as_deref());
    let heads = headers(&table.rows[header]);
    let column = |name: &str| heads.iter().position(|h| h == name);
    let label =
        |col: usize| super::column_label(table.rows[header].cells.get(col), table.first_col + col);
    let id_col = column("id");
    let title_col = translated(&heads, "title");
    let body_col = translated(&heads, "body");
    let answer_col = translated(&heads, "answer");
    let state_col = column("state");
    let theme_col = translated(&heads, "category/name")
        .or_else(|| translated(&heads, "taxonomies/name"))
        .or_else(|| column("category"));
    let withdrawn_col = column("withdrawn");
    let withdrawn_at_col = column("withdrawn_at");

    let data: Vec<&Row> = table.rows[header + 1..]
        .iter()
        .filter(|r| !r.is_blank())
        .collect();
    let width = data.len().to_string().len().max(2);
    let mut proposals = Vec::new();
    let mut uncategorised = 0;
    for (ordinal, row) in data.iter().enumerate() {
        let text = |col: Option<usize>| -> Option<String> {
            let t = html::to_text(&row.get(col?).text()?);
            (!t.is_empty()).then_some(t)
        };
        let Some(title) = text(title_col) else {
            let mut d = place
                .error(Code::EmptyCell, "empty title (every proposal needs one)")
                .row(row.number)
                .hint("check the export: every Decidim proposal has a title");
            if let Some(col) = title_col {
                d = d.column(label(col));
            }
            diags.push(d);
            continue;
        };
        let withdrawn = withdrawn_col
            .and_then(|c| row.get(c).text())
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
            || withdrawn_at_col.is_some_and(|c| !row.get(c).is_blank());
        let state = state_col
            .and_then(|c| row.get(c).text())
            .map(|s| s.trim().to_string())
            .unwrap_or_default();
        let status = if withdrawn {
            Status::Withdrawn
        } else {
            match state.as_str() {
                "" | "not_answered" | "published" => Status::Unanswered,
                "accepted" => Status::Accepted,
                "rejected" => Status::Rejected,
                "evaluating" => Status::UnderStudy,
                "withdrawn" => Status::Withdrawn,
                custom => match match_status(custom) {
                    Ok(status) => status,
                    Err(close) => {
                        let hint = match close {
                            Some(close) => format!("did you mean \"{close}\"?"),
                            None => "Decidim states accepted, rejected, evaluating, withdrawn and not_answered are read; name a custom state after a status of the register".to_string(),
                        };
                        let mut d = place
                            .error(Code::UnknownStatus, format!("unknown status \"{custom}\""))
                            .row(row.number)
                            .hint(hint);
                        if let Some(col) = state_col {
                            d = d.column(label(col));
                        }
                        diags.push(d);
                        continue;
                    }
                },
            }
        };
        let theme = match text(theme_col).map(|t| list_first(&t)) {
            Some(t) if !t.is_empty() => t,
            _ => {
                uncategorised += 1;
                NO_CATEGORY.to_string()
            }
        };
        let id = id_col
            .and_then(|c| row.get(c).text().map(|t| t.into_owned()))
            .unwrap_or_else(|| format!("P{:0width$}", ordinal + 1));
        proposals.push(Proposal {
            id,
            theme,
            title,
            description: text(body_col),
            status,
            answer: text(answer_col),
            owner: None,
            due: None,
            condition: None,
            progress: None,
            origin: Origin {
                file: input.display.clone(),
                sheet: table.sheet.clone(),
                row: Some(row.number),
            },
        });
    }
    if uncategorised > 0 {
        diags.push(
            place
                .warning(
                    Code::EmptyCell,
                    if uncategorised == 1 {
                        format!("1 proposal has no category: it is grouped under \"{NO_CATEGORY}\"")
                    } else {
                        format!("{uncategorised} proposals have no category: they are grouped under \"{NO_CATEGORY}\"")
                    },
                )
                .hint("give them a category (or taxonomy) in Decidim and export again"),
        );
    }
    Export {
        proposals,
        answer_column: answer_col.map(label),
        id_column: id_col.map(label),
    }
}

/// The first name of a list some exports write for several taxonomies
/// (`["Inclusion", "Éducation"]`); other text as is.
fn list_first(value: &str) -> String {
    let v = value.trim();
    match v.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
        Some(inner) => inner
            .split("\", \"")
            .next()
            .unwrap_or_default()
            .trim_matches(|c: char| c == '"' || c.is_whitespace())
            .to_string(),
        None => v.to_string(),
    }
}

/// The proposals CSV of a Decidim open-data archive (`…-open-data-proposals.csv`).
pub(crate) fn read_zipped_proposals(input: &InputPath, diags: &mut Diagnostics) -> Option<Table> {
    let file = match File::open(&input.path) {
        Ok(f) => f,
        Err(e) => {
            diags.push(io_diagnostic(input, &e));
            return None;
        }
    };
    let mut archive = match zip::ZipArchive::new(io::BufReader::new(file)) {
        Ok(a) => a,
        Err(e) => {
            diags.push(
                Diagnostic::error(
                    Code::NotASpreadsheet,
                    &input.display,
                    format!(
                        "not a readable archive ({})",
                        lowercase_first(&e.to_string())
                    ),
                )
                .hint("download the export again: the file may be truncated"),
            );
            return None;
        }
    };
    let names: Vec<String> = archive
        .file_names()
        .flatten()
        .map(|n| n.into_owned())
        .collect();
    let Some(name) = names
        .iter()
        .find(|n| n.to_ascii_lowercase().ends_with("proposals.csv"))
        .cloned()
    else {
        let found = names
            .iter()
            .take(10)
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ");
        diags.push(
            Diagnostic::error(
                Code::NoSheet,
                &input.display,
                format!("the archive holds no proposals CSV file (files: {found})"),
            )
            .hint("point bilan.toml at a workbook, a CSV file or a Decidim open-data archive"),
        );
        return None;
    };
    let mut bytes = Vec::new();
    // At most one byte past the limit is inflated, whatever size the entry declares.
    let read = archive
        .by_name(&name)
        .map_err(|e| io::Error::other(e.to_string()))
        .and_then(|entry| entry.take(MAX_TABLE_BYTES + 1).read_to_end(&mut bytes));
    if let Err(e) = read {
        diags.push(io_diagnostic(input, &e));
        return None;
    }
    if bytes.len() as u64 > MAX_TABLE_BYTES {
        diags.push(
            Place::new(input, Some(&name))
                .error(
                    Code::TooLarge,
                    format!(
                        "the archive's proposals file inflates to more than {} MiB (bilan reads registers up to that)",
                        MAX_TABLE_BYTES / (1024 * 1024)
                    ),
                )
                .hint("download the export again: a Decidim proposals file is a few megabytes at most"),
        );
        return None;
    }
    delimited::read_table_from(input, &name, Box::new(Cursor::new(bytes)), diags)
}

#[cfg(test)]
mod tests {
    use super::super::Cell;
    use super::*;

    fn header_row(names: &[&str]) -> Row {
        Row {
            number: 1,
            cells: names.iter().map(|n| Cell::Text(n.to_string())).collect(),
        }
    }

    #[test]
    fn detects_an_export_and_prefers_french() {
        let row = header_row(&[
            "id",
            "category/id",
            "category/name/en",
            "category/name/fr",
            "title/en",
            "title/fr",
            "body/fr",
            "state",
            "answer/fr",
        ]);
        let table = Table {
            sheet: None,
            first_col: 0,
            rows: vec![row.clone()],
        };
        assert_eq!(detect(&table), Some(0));
        let h = headers(&row);
        assert_eq!(translated(&h, "title"), Some(5));
        assert_eq!(translated(&h, "category/name"), Some(3));
        assert_eq!(translated(&h, "answer"), Some(8));
        let plain = Table {
            sheet: None,
            first_col: 0,
            rows: vec![header_row(&["Thème", "Titre", "Statut"])],
        };
        assert_eq!(detect(&plain), None);
    }

    #[test]
    fn taxonomy_lists_give_their_first_name() {
        assert_eq!(
            list_first("[\"Inclusion numérique\", \"Éducation\"]"),
            "Inclusion numérique"
        );
        assert_eq!(list_first("Inclusion numérique"), "Inclusion numérique");
    }
}
