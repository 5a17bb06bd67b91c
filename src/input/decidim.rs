//! A Decidim proposals export (CSV with `;`, from a participatory space or its open-data
//! archive) read as a register without any mapping: `id`, `title/<lang>`,
//! `body/<lang>`, the category (or taxonomy) name as theme, `answer/<lang>`, `state`.
//! Also the proposals CSV of an open-data archive (a zip), read through [`delimited`].
//!
//! What Decidim's `ProposalSerializer` writes, and how it is read so that no figure is
//! wrong:
//! - amendments are rows too (`is_amend` true, `original_proposal/…` filled): they are
//!   not proposals and are left aside, with one warning; a row that cannot be told is
//!   refused;
//! - `answer/<lang>` is written whether or not the answer is published; `state` is the
//!   published state (empty until then) and `state_published_at` the date it was
//!   published (exports since 0.27). An answer that is not published is not shown and
//!   its proposal counts as not answered, with a warning naming the rows;
//! - every translated field of every proposal is read in one language (the report's
//!   when the export holds it, else the one it fills most), never mixed: a title or a
//!   category missing in that language is refused, a description or an answer missing
//!   in it is left out with a warning.
//!
//! HTML is reduced to text. A leaf adapter: it turns an export into proposals and leaves
//! what every register gets (duplicate ids, themes grouped, missing answers:
//! `register::finish`) to its caller, so it never depends on `register`. It neither
//! decodes nor splits text itself.

use std::cmp::Reverse;
use std::fs::File;
use std::io::{self, Cursor};

use super::delimited::{self, MAX_TABLE_BYTES};
use super::values::match_status;
use super::{Place, Row, Table, html, io_diagnostic, lowercase_first};
use crate::config::{InputPath, Lang};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::{Origin, Proposal, Status};
use crate::msg;

/// The theme of proposals that have neither category nor taxonomy, in the report's
/// language.
fn no_category(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "Sans catégorie",
        Lang::En => "No category",
    }
}

/// The translated fields of an export, as Decidim names them.
const TRANSLATED: [&str; 5] = [
    "title",
    "body",
    "category/name",
    "taxonomies/name",
    "answer",
];

/// How many row numbers a warning lists before it says "…".
const LISTED_ROWS: usize = 10;

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

/// The language of a `base/<lang>` or `base/machine_translations/<lang>` header, and
/// whether it is a machine translation.
fn language_of<'h>(header: &'h str, base: &str) -> Option<(&'h str, bool)> {
    let rest = header.strip_prefix(base)?.strip_prefix('/')?;
    let (lang, machine) = match rest.strip_prefix("machine_translations/") {
        Some(lang) => (lang, true),
        None => (rest, false),
    };
    let is_lang = (2..=7).contains(&lang.len())
        && lang
            .chars()
            .all(|c| c.is_ascii_alphabetic() || c == '-' || c == '_');
    is_lang.then_some((lang, machine))
}

/// The columns one field is read from, in one language: the text as written first,
/// then its machine translation into the same language.
#[derive(Debug, Default, Clone, PartialEq)]
struct Field {
    columns: Vec<usize>,
}

impl Field {
    /// The columns of `base` in `lang`; when the export has no translated column for
    /// `base` at all, its untranslated column (whose language is not told).
    fn new(headers: &[String], base: &str, lang: Option<&str>) -> Field {
        if !headers.iter().any(|h| language_of(h, base).is_some()) {
            return Field {
                columns: headers.iter().position(|h| h == base).into_iter().collect(),
            };
        }
        let mut columns: Vec<(bool, usize)> = headers
            .iter()
            .enumerate()
            .filter_map(|(i, h)| {
                let (l, machine) = language_of(h, base)?;
                (Some(l) == lang).then_some((machine, i))
            })
            .collect();
        columns.sort();
        Field {
            columns: columns.into_iter().map(|(_, i)| i).collect(),
        }
    }

    fn is_read(&self) -> bool {
        !self.columns.is_empty()
    }

    /// The field's text on `row`, HTML reduced to text.
    fn text(&self, row: &Row) -> Option<String> {
        self.columns.iter().find_map(|&c| {
            let t = html::to_text(&row.get(c).text()?);
            (!t.is_empty()).then_some(t)
        })
    }
}

/// The languages of the translated columns, in the order they first appear.
fn languages(headers: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for h in headers {
        for base in TRANSLATED {
            if let Some((lang, _)) = language_of(h, base)
                && !out.iter().any(|l| l == lang)
            {
                out.push(lang.to_string());
            }
        }
    }
    out
}

/// The language every field of every proposal is read in; `None` when the export has
/// no translated column. Preferred, in this order: a language in which no proposal
/// lacks a text it has in another; one that gives every proposal its title; the one
/// that fills most cells; the report's language; the first.
fn choose_language(headers: &[String], rows: &[&Row], report: Lang) -> Option<String> {
    let langs = languages(headers);
    let fields_in = |lang: &str| -> Vec<Field> {
        TRANSLATED
            .iter()
            .map(|base| Field::new(headers, base, Some(lang)))
            .collect()
    };
    let all: Vec<(String, Vec<Field>)> = langs.iter().map(|l| (l.clone(), fields_in(l))).collect();
    let filled_anywhere = |row: &Row, field: usize| {
        all.iter()
            .any(|(_, fields)| fields[field].text(row).is_some())
    };
    let score = |(lang, fields): &(String, Vec<Field>)| {
        let mut complete = true;
        let mut titled = true;
        let mut filled = 0usize;
        for row in rows {
            for (i, field) in fields.iter().enumerate() {
                if field.text(row).is_some() {
                    filled += 1;
                } else if filled_anywhere(row, i) {
                    complete = false;
                    titled &= i != 0;
                }
            }
        }
        (complete, titled, filled, lang == report.code())
    };
    // The first of the best: ties go to the order of the columns.
    all.iter()
        .min_by_key(|candidate| Reverse(score(candidate)))
        .map(|(lang, _)| lang.clone())
}

/// The proposals of an export, with the labels of its answer and id columns, for the
/// checks every register gets.
pub(crate) struct Export {
    pub proposals: Vec<Proposal>,
    pub answer_column: Option<String>,
    pub id_column: Option<String>,
}

/// Whether a row is an amendment: `is_amend` as Decidim writes it (`true`, `false`),
/// else a filled `original_proposal/…` column. `Err` when it cannot be told.
fn is_amendment(
    row: &Row,
    flag: Option<usize>,
    original: &[usize],
) -> Result<bool, Option<String>> {
    let linked = original.iter().any(|&c| !row.get(c).is_blank());
    let Some(value) = flag.and_then(|c| row.get(c).text()) else {
        return Ok(linked);
    };
    match value.to_ascii_lowercase().as_str() {
        "true" | "1" => Ok(true),
        "false" | "0" if linked => Err(None),
        "false" | "0" => Ok(false),
        _ => Err(Some(value.into_owned())),
    }
}

/// `3, 7, 12`, the first [`LISTED_ROWS`] of them then `…`.
fn row_list(rows: &[usize]) -> String {
    let mut out: Vec<String> = rows
        .iter()
        .take(LISTED_ROWS)
        .map(ToString::to_string)
        .collect();
    if rows.len() > LISTED_ROWS {
        out.push("…".to_string());
    }
    out.join(", ")
}

/// The rows whose texts are left out, gathered for one warning each.
#[derive(Default)]
struct LeftOut {
    amendments: Vec<usize>,
    unpublished: Vec<usize>,
    body_elsewhere: Vec<usize>,
    answer_elsewhere: Vec<usize>,
    uncategorised: usize,
}

/// Reads the export, in the report's language `lang` when it holds it.
pub(crate) fn read(
    input: &InputPath,
    table: &Table,
    header: usize,
    lang: Lang,
    diags: &mut Diagnostics,
) -> Export {
    let place = Place::new(input, table.sheet.as_deref());
    let heads = headers(&table.rows[header]);
    let column = |name: &str| heads.iter().position(|h| h == name);
    let label =
        |col: usize| super::column_label(table.rows[header].cells.get(col), table.first_col + col);
    let id_col = column("id");
    let state_col = column("state");
    let published_col = column("state_published_at");
    let withdrawn_col = column("withdrawn");
    let withdrawn_at_col = column("withdrawn_at");
    let amend_col = column("is_amend");
    let original_cols: Vec<usize> = heads
        .iter()
        .enumerate()
        .filter(|(_, h)| h.starts_with("original_proposal/"))
        .map(|(i, _)| i)
        .collect();

    let mut left = LeftOut::default();
    let mut data: Vec<&Row> = Vec::new();
    for row in table.rows[header + 1..].iter().filter(|r| !r.is_blank()) {
        match is_amendment(row, amend_col, &original_cols) {
            Ok(true) => left.amendments.push(row.number),
            Ok(false) => data.push(row),
            Err(value) => {
                let message = match value {
                    Some(value) => msg!("decidim-amendment-unreadable", value = value),
                    None => msg!("decidim-amendment-contradiction"),
                };
                let mut d = place
                    .error(Code::LeftAside, message)
                    .row(row.number)
                    .hint(msg!("decidim-amendment-hint"));
                if let Some(col) = amend_col {
                    d = d.column(label(col));
                }
                diags.push(d);
            }
        }
    }

    let language = choose_language(&heads, &data, lang);
    let field = |base: &str| Field::new(&heads, base, language.as_deref());
    let title = field("title");
    let body = field("body");
    let answer = field("answer");
    let theme = [field("category/name"), field("taxonomies/name")]
        .into_iter()
        .find(Field::is_read)
        .unwrap_or_else(|| Field {
            columns: column("category").into_iter().collect(),
        });
    // The same fields in every other language, to tell "empty" from "not in this one".
    let elsewhere = |base: &str| -> Field {
        Field {
            columns: heads
                .iter()
                .enumerate()
                .filter(|(_, h)| {
                    language_of(h, base).is_some_and(|(l, _)| Some(l) != language.as_deref())
                })
                .map(|(i, _)| i)
                .collect(),
        }
    };
    let title_elsewhere = elsewhere("title");
    let theme_elsewhere = Field {
        columns: [elsewhere("category/name"), elsewhere("taxonomies/name")]
            .into_iter()
            .flat_map(|f| f.columns)
            .collect(),
    };
    let (body_elsewhere, answer_elsewhere) = (elsewhere("body"), elsewhere("answer"));
    let shown_lang = language.clone().unwrap_or_default();

    let width = data.len().to_string().len().max(2);
    let mut proposals = Vec::new();
    for (ordinal, row) in data.iter().enumerate() {
        let Some(title_text) = title.text(row) else {
            let message = if title_elsewhere.text(row).is_some() {
                msg!("decidim-title-other-language", lang = shown_lang.as_str())
            } else {
                msg!("decidim-empty-title")
            };
            let mut d = place
                .error(Code::EmptyCell, message)
                .row(row.number)
                .hint(msg!("decidim-empty-title-hint"));
            if let Some(&col) = title.columns.first() {
                d = d.column(label(col));
            }
            diags.push(d);
            continue;
        };
        let theme_text = match theme.text(row).map(|t| list_first(&t)) {
            Some(t) if !t.is_empty() => t,
            _ if theme_elsewhere.text(row).is_some() => {
                let mut d = place
                    .error(
                        Code::EmptyCell,
                        msg!(
                            "decidim-category-other-language",
                            lang = shown_lang.as_str()
                        ),
                    )
                    .row(row.number)
                    .hint(msg!("decidim-other-language-hint"));
                if let Some(&col) = theme.columns.first() {
                    d = d.column(label(col));
                }
                diags.push(d);
                continue;
            }
            _ => {
                left.uncategorised += 1;
                no_category(lang).to_string()
            }
        };
        let withdrawn = withdrawn_col
            .and_then(|c| row.get(c).text())
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
            || withdrawn_at_col.is_some_and(|c| !row.get(c).is_blank());
        let state = state_col
            .and_then(|c| row.get(c).text())
            .map(|s| s.trim().to_string())
            .unwrap_or_default();
        let state_said = !matches!(state.as_str(), "" | "not_answered" | "published");
        // Decidim writes the answer whether or not it is published: the publication
        // date tells, else the published state (empty until then).
        let published = match published_col {
            Some(c) => !row.get(c).is_blank(),
            None => state_said,
        };
        let mut answer_text = answer.text(row);
        if answer_text.is_none() && answer_elsewhere.text(row).is_some() {
            left.answer_elsewhere.push(row.number);
        }
        let description = body.text(row);
        if description.is_none() && body_elsewhere.text(row).is_some() {
            left.body_elsewhere.push(row.number);
        }
        let status = if withdrawn {
            if !published && answer_text.take().is_some() {
                left.unpublished.push(row.number);
            }
            Status::Withdrawn
        } else if !published {
            if answer_text.take().is_some() || state_said {
                left.unpublished.push(row.number);
            }
            Status::Unanswered
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
                            Some(close) => msg!("did-you-mean", label = close),
                            None => msg!("decidim-unknown-status-hint"),
                        };
                        let mut d = place
                            .error(Code::UnknownStatus, msg!("unknown-status", label = custom))
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
        let id = id_col
            .and_then(|c| row.get(c).text().map(|t| t.into_owned()))
            .unwrap_or_else(|| format!("P{:0width$}", ordinal + 1));
        proposals.push(Proposal {
            id,
            theme: theme_text,
            title: title_text,
            description,
            status,
            answer: answer_text,
            owner: None,
            due: None,
            condition: None,
            progress: None,
            previous_id: None,
            origin: Origin {
                file: input.display.clone(),
                sheet: table.sheet.clone(),
                row: Some(row.number),
            },
        });
    }
    warn_left_out(&place, &left, &shown_lang, lang, diags);
    Export {
        proposals,
        answer_column: answer.columns.first().map(|&c| label(c)),
        id_column: id_col.map(label),
    }
}

/// One warning per kind of row or text left out.
fn warn_left_out(
    place: &Place<'_>,
    left: &LeftOut,
    language: &str,
    lang: Lang,
    diags: &mut Diagnostics,
) {
    if !left.amendments.is_empty() {
        diags.push(
            place
                .warning(
                    Code::LeftAside,
                    msg!(
                        "decidim-amendments-left-aside",
                        count = left.amendments.len(),
                        rows = row_list(&left.amendments)
                    ),
                )
                .hint(msg!("decidim-amendments-left-aside-hint")),
        );
    }
    if !left.unpublished.is_empty() {
        diags.push(
            place
                .warning(
                    Code::LeftAside,
                    msg!(
                        "decidim-unpublished-answers",
                        count = left.unpublished.len(),
                        rows = row_list(&left.unpublished)
                    ),
                )
                .hint(msg!("decidim-unpublished-answers-hint")),
        );
    }
    for (field, rows) in [
        ("body", &left.body_elsewhere),
        ("answer", &left.answer_elsewhere),
    ] {
        if !rows.is_empty() {
            diags.push(
                place
                    .warning(
                        Code::LeftAside,
                        msg!(
                            "decidim-text-other-language",
                            field = field,
                            count = rows.len(),
                            rows = row_list(rows),
                            lang = language
                        ),
                    )
                    .hint(msg!("decidim-other-language-hint")),
            );
        }
    }
    if left.uncategorised > 0 {
        diags.push(
            place
                .warning(
                    Code::EmptyCell,
                    msg!(
                        "decidim-no-category",
                        count = left.uncategorised,
                        theme = no_category(lang)
                    ),
                )
                .hint(msg!("decidim-no-category-hint")),
        );
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
                    msg!(
                        "decidim-not-an-archive",
                        reason = lowercase_first(&e.to_string())
                    ),
                )
                .hint(msg!("decidim-not-an-archive-hint")),
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
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(", ");
        diags.push(
            Diagnostic::error(
                Code::NoSheet,
                &input.display,
                msg!("decidim-no-proposals-file", files = found),
            )
            .hint(msg!("decidim-no-proposals-file-hint")),
        );
        return None;
    };
    let too_large = || {
        Place::new(input, Some(&name))
            .error(
                Code::TooLarge,
                msg!(
                    "decidim-archive-too-large",
                    mib = MAX_TABLE_BYTES / (1024 * 1024)
                ),
            )
            .hint(msg!("decidim-archive-too-large-hint"))
    };
    // At most one byte past the limit is inflated, whatever size the entry declares.
    let entry = archive
        .by_name(&name)
        .map_err(|e| io::Error::other(e.to_string()));
    let bytes = super::read_capped(input, entry, too_large, diags)?;
    delimited::read_table_from(input, &name, Box::new(Cursor::new(bytes)), diags)
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::super::{Cell, load_register};
    use super::*;
    use crate::diagnostics::Severity;

    fn header_row(names: &[&str]) -> Row {
        Row {
            number: 1,
            cells: names.iter().map(|n| Cell::Text(n.to_string())).collect(),
        }
    }

    /// A table from `;`-separated lines, the first being the header (row 1).
    fn table(lines: &[&str]) -> Table {
        Table {
            sheet: None,
            first_col: 0,
            rows: lines
                .iter()
                .enumerate()
                .map(|(i, line)| Row {
                    number: i + 1,
                    cells: line
                        .split(';')
                        .map(|c| match c {
                            "" => Cell::Empty,
                            c => Cell::Text(c.to_string()),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    fn read_lines(lines: &[&str], lang: Lang) -> (Export, Diagnostics) {
        let input = InputPath {
            path: PathBuf::from("proposals.csv"),
            display: "inputs/proposals.csv".to_string(),
        };
        let table = table(lines);
        let header = detect(&table).expect("a Decidim export");
        let mut diags = Diagnostics::new();
        let export = read(&input, &table, header, lang, &mut diags);
        (export, diags)
    }

    /// (severity, code, row, English text) of every diagnostic.
    fn said(diags: &Diagnostics) -> Vec<(Severity, &'static str, Option<usize>, String)> {
        diags
            .items()
            .iter()
            .map(|d| (d.severity, d.code.as_str(), d.row, d.text()))
            .collect()
    }

    #[test]
    fn detects_an_export_and_reads_a_field_in_one_language() {
        let row = header_row(&[
            "id",
            "category/id",
            "category/name/en",
            "category/name/fr",
            "title/en",
            "title/fr",
            "title/machine_translations/fr",
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
        assert_eq!(languages(&h), ["en", "fr"]);
        // The text as written, then its machine translation into the same language.
        assert_eq!(Field::new(&h, "title", Some("fr")).columns, [5, 6]);
        assert_eq!(Field::new(&h, "category/name", Some("fr")).columns, [3]);
        assert_eq!(
            Field::new(&h, "answer", Some("en")).columns,
            Vec::<usize>::new()
        );
        // `category/id` is no language "id" of a field `category`.
        assert_eq!(language_of("category/id", "category/name"), None);
        let plain = Table {
            sheet: None,
            first_col: 0,
            rows: vec![header_row(&["Thème", "Titre", "Statut"])],
        };
        assert_eq!(detect(&plain), None);
    }

    #[test]
    fn amendments_are_left_aside_with_one_warning() {
        let (export, diags) = read_lines(
            &[
                "id;title/fr;body/fr;category/name/fr;state;answer/fr;is_amend;original_proposal/url",
                "1;Proposition;Texte;Mobilité;accepted;Oui;false;",
                "2;Amendement;Texte amendé;Mobilité;evaluating;;true;https://x/proposals/1",
                "3;Autre;Texte;Mobilité;;;false;",
                "4;Amendement orphelin;Texte;Mobilité;rejected;;true;",
            ],
            Lang::Fr,
        );
        let ids: Vec<&str> = export.proposals.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["1", "3"]);
        assert_eq!(
            said(&diags),
            [(
                Severity::Warning,
                "left-aside",
                None,
                "2 amendments left aside (rows 3, 5): an amendment is not a proposal".to_string()
            )]
        );
        assert_eq!(
            diags.items()[0].message.render(Lang::Fr),
            "2 amendements mis de côté (lignes 3, 5) : un amendement n’est pas une proposition"
        );
    }

    #[test]
    fn without_is_amend_an_original_proposal_marks_an_amendment() {
        let (export, diags) = read_lines(
            &[
                "id;title/fr;body/fr;state;original_proposal/url",
                "1;Proposition;Texte;;",
                "2;Amendement;Texte;;https://x/proposals/1",
            ],
            Lang::Fr,
        );
        assert_eq!(export.proposals.len(), 1);
        assert_eq!(
            diags.items()[0].text(),
            "1 amendment left aside (row 3): an amendment is not a proposal"
        );
    }

    #[test]
    fn a_row_that_cannot_be_told_is_refused() {
        let (export, diags) = read_lines(
            &[
                "id;title/fr;body/fr;state;is_amend;original_proposal/url",
                "1;Proposition;Texte;;peut-être;",
                "2;Proposition;Texte;;false;https://x/proposals/1",
                "3;Proposition;Texte;;FALSE;",
            ],
            Lang::Fr,
        );
        assert_eq!(export.proposals.len(), 1);
        let errors: Vec<_> = said(&diags)
            .into_iter()
            .filter(|d| d.0 == Severity::Error)
            .map(|d| (d.1, d.2))
            .collect();
        assert_eq!(errors, [("left-aside", Some(2)), ("left-aside", Some(3))]);
        assert!(diags.items()[0].text().contains("\"peut-être\""));
    }

    #[test]
    fn an_unpublished_answer_is_not_shown() {
        // Decidim 0.27 and later: the publication date of the state tells.
        let (export, diags) = read_lines(
            &[
                "id;title/fr;body/fr;category/name/fr;state;state_published_at;answer/fr;answered_at",
                "1;Publiée;Texte;Mobilité;accepted;2025-01-02 10:00:00 UTC;Oui;2025-01-01",
                "2;Pas publiée;Texte;Mobilité;accepted;;Oui, bientôt;2025-01-01",
                "3;Réponse seule;Texte;Mobilité;;;Brouillon de réponse;2025-01-01",
                "4;Sans réponse;Texte;Mobilité;;;;",
            ],
            Lang::Fr,
        );
        let got: Vec<(Status, Option<&str>)> = export
            .proposals
            .iter()
            .map(|p| (p.status, p.answer.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (Status::Accepted, Some("Oui")),
                (Status::Unanswered, None),
                (Status::Unanswered, None),
                (Status::Unanswered, None)
            ]
        );
        assert_eq!(
            said(&diags),
            [(
                Severity::Warning,
                "left-aside",
                None,
                "the answers on rows 3, 4 are not published in Decidim: they are not shown, and these 2 proposals count as not answered".to_string()
            )]
        );
        assert_eq!(
            diags.items()[0].message.render(Lang::Fr),
            "les réponses des lignes 3, 4 ne sont pas publiées dans Decidim : elles ne sont pas reprises, et ces 2 propositions comptent comme sans réponse"
        );
    }

    #[test]
    fn without_a_publication_date_an_empty_state_hides_the_answer() {
        // Older exports: `state` is the published state, empty until it is published.
        let (export, diags) = read_lines(
            &[
                "id;title/fr;body/fr;category;state;answer/fr",
                "1;Répondue;Texte;Mobilité;rejected;Non",
                "2;Pas publiée;Texte;Mobilité;;Réponse préparée",
                "3;Pas répondue;Texte;Mobilité;not_answered;",
            ],
            Lang::Fr,
        );
        let got: Vec<(Status, Option<&str>)> = export
            .proposals
            .iter()
            .map(|p| (p.status, p.answer.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (Status::Rejected, Some("Non")),
                (Status::Unanswered, None),
                (Status::Unanswered, None)
            ]
        );
        assert_eq!(said(&diags).len(), 1);
        assert_eq!(
            diags.items()[0].text(),
            "the answer on row 3 is not published in Decidim: it is not shown, and this proposal counts as not answered"
        );
    }

    const BILINGUAL: &str = "id;title/en;title/fr;body/en;body/fr;category/name/en;category/name/fr;state;answer/en;answer/fr";

    #[test]
    fn the_report_language_is_read_when_the_export_holds_it() {
        let lines = [
            BILINGUAL,
            "1;Bike lanes;Pistes cyclables;More lanes;Plus de pistes;Mobility;Mobilité;accepted;Yes;Oui",
            "2;Benches;Bancs;More benches;Plus de bancs;Public space;Espace public;rejected;No;Non",
        ];
        for (lang, title, theme, answer) in [
            (Lang::Fr, "Pistes cyclables", "Mobilité", "Oui"),
            (Lang::En, "Bike lanes", "Mobility", "Yes"),
        ] {
            let (export, diags) = read_lines(&lines, lang);
            assert!(diags.items().is_empty(), "{:?}", said(&diags));
            let p = &export.proposals[0];
            assert_eq!(
                (p.title.as_str(), p.theme.as_str(), p.answer.as_deref()),
                (title, theme, Some(answer))
            );
            assert_eq!(
                export.answer_column.as_deref(),
                Some(if lang == Lang::Fr {
                    "answer/fr"
                } else {
                    "answer/en"
                })
            );
        }
    }

    #[test]
    fn else_the_language_that_is_filled_and_never_a_mix() {
        // The case: the theme only in Catalan and English, the title only in
        // English; a French report reads everything in English.
        let (export, diags) = read_lines(
            &[
                "id;category/name/ca;category/name/en;title/en;body/en;state;answer/en;answer/ca",
                "1;Mobilitat;Mobility;Bike lanes;More lanes;accepted;Yes;Sí",
                "2;Mobilitat;Mobility;Benches;More benches;accepted;;Sí",
            ],
            Lang::Fr,
        );
        let p = &export.proposals[0];
        assert_eq!(
            (p.title.as_str(), p.theme.as_str()),
            ("Bike lanes", "Mobility")
        );
        assert_eq!(p.answer.as_deref(), Some("Yes"));
        // The Catalan answer is not shown as the English one.
        assert_eq!(export.proposals[1].answer, None);
        assert_eq!(
            said(&diags),
            [(
                Severity::Warning,
                "left-aside",
                None,
                "row 3 has its answer only in another language than \"en\", the language this export is read in: left out rather than mixed with it".to_string()
            )]
        );
    }

    #[test]
    fn a_partial_report_language_gives_way_to_a_complete_one() {
        let (export, diags) = read_lines(
            &[
                BILINGUAL,
                "1;Bike lanes;Pistes cyclables;More lanes;Plus de pistes;Mobility;Mobilité;accepted;Yes;Oui",
                "2;Benches;;More benches;;Public space;Espace public;rejected;No;",
            ],
            Lang::Fr,
        );
        assert!(diags.items().is_empty(), "{:?}", said(&diags));
        let titles: Vec<&str> = export.proposals.iter().map(|p| p.title.as_str()).collect();
        assert_eq!(titles, ["Bike lanes", "Benches"]);
        assert_eq!(export.proposals[0].theme, "Mobility");
    }

    #[test]
    fn a_title_or_category_missing_in_the_language_is_refused() {
        // No language has every title: the most filled one is read, and a proposal
        // whose title or category is only in another language is refused.
        let (export, diags) = read_lines(
            &[
                BILINGUAL,
                "1;Bike lanes;Pistes cyclables;More lanes;Plus de pistes;Mobility;Mobilité;accepted;Yes;Oui",
                "2;;Bancs;More benches;Plus de bancs;Public space;Espace public;rejected;No;Non",
                "3;Trees;Arbres;More trees;Plus d'arbres;;Nature;accepted;Yes;Oui",
                "4;Lights;;Less light;;Nature;;accepted;Yes;",
            ],
            Lang::Fr,
        );
        // English fills more cells than French (14 against 12): it is read.
        let ids: Vec<&str> = export.proposals.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["1", "4"], "{:?}", said(&diags));
        assert_eq!(export.proposals[1].theme, "Nature");
        assert_eq!(
            said(&diags),
            [
                (
                    Severity::Error,
                    "empty-cell",
                    Some(3),
                    "no title in \"en\", the language this export is read in (this proposal has one only in another language)".to_string()
                ),
                (
                    Severity::Error,
                    "empty-cell",
                    Some(4),
                    "the category has no name in \"en\", the language this export is read in (it has one only in another language)".to_string()
                )
            ]
        );
        assert_eq!(diags.items()[0].column.as_deref(), Some("title/en"));
    }

    #[test]
    fn taxonomy_lists_give_their_first_name() {
        assert_eq!(
            list_first("[\"Inclusion numérique\", \"Éducation\"]"),
            "Inclusion numérique"
        );
        assert_eq!(list_first("Inclusion numérique"), "Inclusion numérique");
    }

    fn real(name: &str) -> InputPath {
        InputPath {
            path: Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/real")
                .join(name),
            display: format!("tests/fixtures/real/{name}"),
        }
    }

    #[test]
    fn a_real_export_is_read_to_the_independent_figures() {
        // From tests/fixtures/real/expected.json, counted by count.py without bilan:
        // "decidim-proposals-dev-export.csv": 3 rows ("proposals": 3), of which
        // "amendments": 1. The amendment is the only "evaluating" row, so the two
        // proposals left have an empty state, and one of them ("with_answer_text_en": 1)
        // carries an answer that is not published.
        const ROWS: usize = 3;
        const AMENDMENTS: usize = 1;
        const WITH_ANSWER_TEXT: usize = 1;
        // The JSON export of the same proposals reads the same: its keys flattened
        // with `/` are the CSV's columns, proposal `n` is row `n + 1`.
        let files = [
            "decidim-proposals-dev-export.csv",
            "decidim-proposals-dev-export.json",
        ];
        for (file, lang) in files.iter().flat_map(|f| Lang::ALL.map(|l| (f, l))) {
            let mut diags = Diagnostics::new();
            let register = load_register(&real(file), None, lang, &mut diags);
            assert_eq!(register.proposals.len(), ROWS - AMENDMENTS);
            assert!(
                register
                    .proposals
                    .iter()
                    .all(|p| p.status == Status::Unanswered)
            );
            assert!(register.proposals.iter().all(|p| p.answer.is_none()));
            let mut ids: Vec<&str> = register.proposals.iter().map(|p| p.id.as_str()).collect();
            ids.sort();
            assert_eq!(ids, ["1", "3"]);
            // Read in English, the one language of the titles: the theme too.
            let p = register
                .proposals
                .iter()
                .find(|p| p.id == "3")
                .expect("proposal 3");
            assert_eq!(
                (p.title.as_str(), p.theme.as_str()),
                ("Nihil id.", "Quae laboriosam expedita omnis.")
            );
            let warnings: Vec<String> = diags.items().iter().map(|d| d.text()).collect();
            assert!(!diags.has_errors(), "{warnings:?}");
            assert_eq!(
                warnings,
                [
                    format!("{AMENDMENTS} amendment left aside (row 2): an amendment is not a proposal"),
                    "the answer on row 3 is not published in Decidim: it is not shown, and this proposal counts as not answered".to_string(),
                ]
            );
            let unpublished = &diags.items()[1].message;
            assert_eq!(
                unpublished.args.first(),
                Some(&(
                    "count",
                    crate::messages::Arg::Number(WITH_ANSWER_TEXT as f64)
                ))
            );
        }
    }
}
