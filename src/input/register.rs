//! The proposals register (docs/inputs.md, "The register"): finds the header row and the columns by their
//! French or English names, reads each row into a [`Proposal`], and reports every bad
//! cell where it is. Rows are never dropped without a diagnostic; blank rows are skipped.

use std::collections::HashMap;

use super::values::{
    Match, alias_match, header_key, match_status, parse_due, parse_progress, status_labels,
};
use super::{Cell, MAX_CELL_CHARS, Place, Row, Table, column_label, decidim};
use crate::config::{InputPath, Lang};
use crate::diagnostics::{Code, Diagnostics};
use crate::model::{Origin, Proposal, Register, Status, StatusWording};
use crate::msg;
use crate::text::fold;

/// The columns of a register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Field {
    Id,
    Theme,
    Title,
    Description,
    Status,
    Answer,
    Owner,
    Due,
    Condition,
    Progress,
    PreviousId,
}

impl Field {
    const ALL: [Field; 11] = [
        Field::Id,
        Field::Theme,
        Field::Title,
        Field::Description,
        Field::Status,
        Field::Answer,
        Field::Owner,
        Field::Due,
        Field::Condition,
        Field::Progress,
        Field::PreviousId,
    ];

    const REQUIRED: [Field; 3] = [Field::Theme, Field::Title, Field::Status];

    /// Accepted headers, folded (see [`crate::text::fold`]).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Id => &[
                "id",
                "no",
                "numero",
                "num",
                "ref",
                "reference",
                "identifiant",
                "code",
            ],
            Field::Theme => &[
                "theme",
                "thematique",
                "axe",
                "groupe",
                "group",
                "groupe de travail",
                "categorie",
                "category",
                "topic",
            ],
            Field::Title => &[
                "titre",
                "proposition",
                "preconisation",
                "title",
                "intitule",
                "recommandation",
                "recommendation",
                "proposal",
            ],
            Field::Description => &[
                "description",
                "detail",
                "details",
                "contenu",
                "body",
                "texte",
            ],
            Field::Status => &[
                "statut",
                "etat",
                "decision",
                "status",
                "state",
                "suite donnee",
            ],
            Field::Answer => &[
                "reponse",
                "reponse de l'ems",
                "reponse de l'administration",
                "answer",
                "response",
                "reponses",
            ],
            Field::Owner => &[
                "pilote",
                "porteur",
                "service",
                "service pilote",
                "direction",
                "owner",
                "responsable",
                "referent",
            ],
            Field::Due => &[
                "echeance",
                "calendrier",
                "due",
                "due date",
                "date",
                "delai",
                "echeancier",
                "deadline",
                "date prevue",
                "date cible",
                "horizon",
            ],
            Field::Condition => &["condition", "conditions", "reserve", "reserves"],
            Field::Progress => &[
                "avancement",
                "progress",
                "% realise",
                "etat d'avancement",
                "taux de realisation",
                "% d'avancement",
                "realisation (%)",
                "pourcentage",
            ],
            Field::PreviousId => &[
                "ancien no",
                "ancien numero",
                "ancien identifiant",
                "ancien id",
                "previous id",
                "former id",
            ],
        }
    }

    /// Aliases too generic to be taken as the beginning of a longer header.
    fn exact_only(alias: &str) -> bool {
        matches!(alias, "date" | "code" | "texte" | "state" | "body")
    }

    /// The field's key in messages, which name it in each language (`due`: "due
    /// date", « échéance »).
    fn key(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Theme => "theme",
            Field::Title => "title",
            Field::Description => "description",
            Field::Status => "status",
            Field::Answer => "answer",
            Field::Owner => "owner",
            Field::Due => "due",
            Field::Condition => "condition",
            Field::Progress => "progress",
            Field::PreviousId => "previous_id",
        }
    }
}

/// Which column holds each field, and the headers as written.
#[derive(Debug, Clone, Default)]
pub(crate) struct Columns {
    map: HashMap<Field, usize>,
    headers: Vec<Cell>,
    first_col: usize,
}

impl Columns {
    /// Matches a header row: exact alias matches first, then headers that begin with an
    /// alias (`Réponse de l'EMS (15/11/2025)`), the longest alias winning.
    pub(crate) fn match_headers(row: &Row, first_col: usize) -> Columns {
        let keys: Vec<Option<String>> = row
            .cells
            .iter()
            .map(|c| c.text().map(|t| header_key(&t)))
            .collect();
        let mut map: HashMap<Field, usize> = HashMap::new();
        let mut taken = vec![false; keys.len()];
        // Exact matches.
        for (col, key) in keys.iter().enumerate() {
            let Some(key) = key else { continue };
            if let Some(field) = Field::ALL.iter().find(|f| {
                f.aliases()
                    .iter()
                    .any(|a| alias_match(key, a, false).is_some())
            }) && !map.contains_key(field)
            {
                map.insert(*field, col);
                taken[col] = true;
            }
        }
        // Headers that begin with an alias.
        for (col, key) in keys.iter().enumerate() {
            let Some(key) = key else { continue };
            if taken[col] {
                continue;
            }
            let best = Field::ALL
                .iter()
                .filter(|f| !map.contains_key(f))
                .filter_map(|f| {
                    f.aliases()
                        .iter()
                        .filter_map(|a| alias_match(key, a, !Field::exact_only(a)))
                        .max()
                        .map(|m| (m, *f))
                })
                .max_by_key(|(m, _)| *m);
            if let Some((Match::Prefix(_) | Match::Exact, field)) = best {
                map.insert(field, col);
                taken[col] = true;
            }
        }
        Columns {
            map,
            headers: row.cells.clone(),
            first_col,
        }
    }

    pub(crate) fn get(&self, field: Field) -> Option<usize> {
        self.map.get(&field).copied()
    }

    fn has_required(&self) -> bool {
        Field::REQUIRED.iter().all(|f| self.map.contains_key(f))
    }

    /// The header of a column as written (its letter when blank).
    pub(crate) fn label(&self, col: usize) -> String {
        column_label(self.headers.get(col), self.first_col + col)
    }

    /// The headers as written, for a message: their number and their list.
    fn found(&self) -> (usize, String) {
        let found: Vec<String> = self
            .headers
            .iter()
            .filter_map(|c| c.text().map(|t| ["\"", &t, "\""].concat()))
            .collect();
        (found.len(), found.join(", "))
    }
}

/// How many rows from the top may come before the header.
const HEADER_SEARCH_ROWS: usize = 30;

/// Reads a register from the tables of a workbook (or the one table of a CSV file):
/// the first table with the required columns, or a Decidim export.
pub(crate) fn read(
    input: &InputPath,
    tables: Vec<Table>,
    lang: Lang,
    diags: &mut Diagnostics,
) -> Register {
    if tables.is_empty() {
        return Register::default();
    }
    for table in &tables {
        if let Some(header) = decidim::detect(table) {
            let export = decidim::read(input, table, header, lang, diags);
            return finish(
                &Place::new(input, table.sheet.as_deref()),
                export.proposals,
                export.answer_column.as_deref(),
                export.id_column.as_deref(),
                diags,
            );
        }
    }
    let mut best: Option<(usize, usize, Columns)> = None; // (table, row index, columns)
    for (t, table) in tables.iter().enumerate() {
        for (i, row) in table
            .rows
            .iter()
            .enumerate()
            .filter(|(_, r)| !r.is_blank())
            .take(HEADER_SEARCH_ROWS)
        {
            let columns = Columns::match_headers(row, table.first_col);
            if columns.has_required() {
                return read_rows(input, table, i, columns, diags);
            }
            if best
                .as_ref()
                .is_none_or(|(_, _, b)| columns.map.len() > b.map.len())
            {
                best = Some((t, i, columns));
            }
        }
    }
    match best {
        None => {
            let table = &tables[0];
            let place = Place::new(input, table.sheet.as_deref());
            let what = if table.sheet.is_some() {
                msg!("empty-file-sheet")
            } else {
                msg!("empty-file")
            };
            diags.push(
                place
                    .error(Code::EmptyFile, what)
                    .hint(msg!("empty-file-register-hint")),
            );
        }
        Some((t, i, columns)) => {
            let table = &tables[t];
            let place = Place::new(input, table.sheet.as_deref());
            let found = columns.found();
            for field in Field::REQUIRED
                .iter()
                .filter(|f| columns.get(**f).is_none())
            {
                diags.push(
                    place
                        .error(
                            Code::MissingColumn,
                            msg!(
                                "missing-column-register",
                                field = field.key(),
                                count = found.0,
                                found = found.1.as_str()
                            ),
                        )
                        .row(table.rows[i].number)
                        .hint(msg!("missing-column-register-hint", field = field.key())),
                );
            }
        }
    }
    Register::default()
}

fn read_rows(
    input: &InputPath,
    table: &Table,
    header: usize,
    columns: Columns,
    diags: &mut Diagnostics,
) -> Register {
    let place = Place::new(input, table.sheet.as_deref());
    let mapped: Vec<usize> = columns.map.values().copied().collect();
    let data: Vec<&Row> = table.rows[header + 1..]
        .iter()
        .filter(|r| mapped.iter().any(|c| !r.get(*c).is_blank()))
        .collect();
    let width = data.len().to_string().len().max(2);
    let mut proposals = Vec::new();
    let mut wordings = Vec::new();
    for (ordinal, row) in data.iter().enumerate() {
        let generated = format!("P{:0width$}", ordinal + 1);
        let read = read_row(&place, &columns, row, generated, &mut wordings, diags);
        if let Some(p) = read {
            proposals.push(p);
        }
    }
    if proposals.is_empty() && data.is_empty() {
        diags.push(
            place
                .warning(Code::EmptyFile, msg!("empty-file-no-proposals"))
                .row(table.rows[header].number)
                .hint(msg!("empty-file-no-proposals-hint")),
        );
    }
    let answer_column = columns.get(Field::Answer).map(|c| columns.label(c));
    let id_column = columns.get(Field::Id).map(|c| columns.label(c));
    Register {
        // The rows refused by `read_row` count as read.
        rows_read: data.len(),
        status_wordings: wordings,
        ..finish(
            &place,
            proposals,
            answer_column.as_deref(),
            id_column.as_deref(),
            diags,
        )
    }
}

/// Reads one data row; `None` (after its diagnostics) when a required cell is unusable.
fn read_row(
    place: &Place<'_>,
    columns: &Columns,
    row: &Row,
    generated: String,
    wordings: &mut Vec<StatusWording>,
    diags: &mut Diagnostics,
) -> Option<Proposal> {
    let mut ok = true;
    // Cells as the fields see them: errors and over-long texts reported once here.
    let cell = |field: Field| -> Option<(&Cell, String)> {
        let col = columns.get(field)?;
        Some((row.get(col), columns.label(col)))
    };
    for field in Field::ALL {
        let Some((c, label)) = cell(field) else {
            continue;
        };
        match c {
            Cell::Error(e) => {
                diags.push(
                    place
                        .error(
                            Code::FormulaError,
                            msg!("formula-error-field", error = e, field = field.key()),
                        )
                        .row(row.number)
                        .column(label)
                        .hint(msg!("formula-error-hint")),
                );
                if Field::REQUIRED.contains(&field) {
                    ok = false;
                }
            }
            c if c.char_len() > MAX_CELL_CHARS => {
                diags.push(
                    place
                        .error(
                            Code::CellTooLong,
                            msg!("cell-too-long", chars = c.char_len().to_string()),
                        )
                        .row(row.number)
                        .column(label)
                        .hint(msg!("cell-too-long-hint")),
                );
            }
            _ => {}
        }
    }
    let text = |field: Field| -> Option<String> {
        let (c, _) = cell(field)?;
        match c {
            Cell::Error(_) => None,
            c => c.text().map(|t| t.into_owned()),
        }
    };
    let mut required = |field: Field| -> Option<String> {
        let (c, label) = cell(field)?;
        if matches!(c, Cell::Error(_)) {
            return None;
        }
        let value = c.text().map(|t| t.into_owned());
        if value.is_none() {
            diags.push(
                place
                    .error(
                        Code::EmptyCell,
                        msg!("empty-cell-proposal", field = field.key()),
                    )
                    .row(row.number)
                    .column(label)
                    .hint(msg!("empty-cell-proposal-hint")),
            );
        }
        value
    };
    let theme = required(Field::Theme);
    let title = required(Field::Title);
    let status_text = required(Field::Status);
    let status = match status_text {
        Some(label) => match match_status(&label) {
            Ok(status) => {
                crate::model::count_wording(wordings, &label, status);
                Some(status)
            }
            Err(close) => {
                let column = cell(Field::Status).map(|(_, l)| l).unwrap_or_default();
                let hint = match close {
                    Some(close) => msg!("did-you-mean", label = close),
                    None => msg!(
                        "unknown-status-hint",
                        labels = status_labels()
                            .take(Status::ALL.len())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                diags.push(
                    place
                        .error(Code::UnknownStatus, msg!("unknown-status", label = label))
                        .row(row.number)
                        .column(column)
                        .hint(hint),
                );
                None
            }
        },
        None => None,
    };
    let id = match columns.get(Field::Id) {
        None => generated,
        Some(col) => match row.get(col) {
            Cell::Error(_) => generated,
            c => match c.text() {
                Some(id) => id.into_owned(),
                None => {
                    diags.push(
                        place
                            .warning(Code::EmptyCell, msg!("empty-cell-id", id = &generated))
                            .row(row.number)
                            .column(columns.label(col))
                            .hint(msg!("empty-cell-id-hint")),
                    );
                    generated
                }
            },
        },
    };
    let due = match cell(Field::Due) {
        Some((c, label)) if !matches!(c, Cell::Empty | Cell::Error(_)) => match parse_due(c) {
            Ok(due) => due,
            Err(()) => {
                let shown = c.text().unwrap_or_default();
                diags.push(
                    place
                        .error(Code::BadDate, msg!("bad-date", value = shown))
                        .row(row.number)
                        .column(label)
                        .hint(msg!("bad-date-hint")),
                );
                None
            }
        },
        _ => None,
    };
    let progress = match cell(Field::Progress) {
        Some((c, label)) if !matches!(c, Cell::Empty | Cell::Error(_)) => match parse_progress(c) {
            Ok(p) => p,
            Err(()) => {
                let shown = c.text().unwrap_or_default();
                diags.push(
                    place
                        .error(Code::BadProgress, msg!("bad-progress", value = shown))
                        .row(row.number)
                        .column(label)
                        .hint(msg!("bad-progress-hint")),
                );
                None
            }
        },
        _ => None,
    };
    let (Some(theme), Some(title), Some(status), true) = (theme, title, status, ok) else {
        return None;
    };
    Some(Proposal {
        id,
        theme,
        title,
        description: text(Field::Description),
        status,
        answer: text(Field::Answer),
        owner: text(Field::Owner),
        due,
        condition: text(Field::Condition),
        progress,
        previous_id: text(Field::PreviousId),
        origin: Origin {
            file: place.file.to_string(),
            sheet: place.sheet.map(str::to_string),
            row: Some(row.number),
        },
    })
}

/// The key two ids are compared by: trimmed, case-folded and in Unicode's
/// compatibility form (NFKC), so that `é` typed as one character or as `e` and an
/// accent, or `ﬁ` and `fi`, are the same id: they look the same to a reader.
fn id_key(id: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = id.trim().nfkc().collect::<String>().to_lowercase();
    // Lower case can undo the form (`İ` becomes `i` and a dot above).
    folded.nfkc().collect()
}

/// What every register gets once read, whatever its source: duplicate ids refused,
/// themes grouped case- and accent-insensitively under their first spelling, and a
/// warning for each decided proposal without an answer.
pub(crate) fn finish(
    place: &Place<'_>,
    proposals: Vec<Proposal>,
    answer_column: Option<&str>,
    id_column: Option<&str>,
    diags: &mut Diagnostics,
) -> Register {
    let rows_read = proposals.len();
    // By id key: the id as first written, and its row.
    let mut seen: HashMap<String, (String, Option<usize>)> = HashMap::new();
    let mut themes: HashMap<String, String> = HashMap::new();
    let mut kept = Vec::with_capacity(proposals.len());
    for mut p in proposals {
        let key = id_key(&p.id);
        if let Some((first_id, first_row)) = seen.get(&key) {
            // Ids that differ only in case were always the same id: said as before.
            let same = first_id.trim().to_lowercase() == p.id.trim().to_lowercase();
            let message = match first_row {
                Some(row) if same => {
                    msg!("duplicate-id-row", id = &p.id, row = row.to_string())
                }
                None if same => msg!("duplicate-id", id = &p.id),
                Some(row) => msg!(
                    "duplicate-id-folded-row",
                    id = &p.id,
                    first = first_id,
                    row = row.to_string()
                ),
                None => msg!("duplicate-id-folded", id = &p.id, first = first_id),
            };
            let mut d = place
                .error(Code::DuplicateId, message)
                .hint(msg!("duplicate-id-hint"));
            if let Some(row) = p.origin.row {
                d = d.row(row);
            }
            if let Some(col) = id_column {
                d = d.column(col);
            }
            diags.push(d);
            continue;
        }
        seen.insert(key, (p.id.clone(), p.origin.row));
        let theme = fold(&p.theme);
        match themes.get(&theme) {
            Some(first) => p.theme = first.clone(),
            None => {
                themes.insert(theme, p.theme.clone());
            }
        }
        kept.push(p);
    }
    let decided_without_answer: Vec<&Proposal> = kept
        .iter()
        .filter(|p| p.status.needs_written_answer() && p.answer.is_none())
        .collect();
    match answer_column {
        Some(col) => {
            for p in decided_without_answer {
                let mut d = place
                    .warning(
                        Code::MissingAnswer,
                        msg!(
                            "missing-answer",
                            id = &p.id,
                            status = p.status.label(crate::config::Lang::Fr)
                        ),
                    )
                    .column(col)
                    .hint(msg!("missing-answer-hint"));
                if let Some(row) = p.origin.row {
                    d = d.row(row);
                }
                diags.push(d);
            }
        }
        None if !decided_without_answer.is_empty() => diags.push(
            place
                .warning(
                    Code::MissingAnswer,
                    msg!(
                        "missing-answer-column",
                        count = decided_without_answer.len()
                    ),
                )
                .hint(msg!("missing-answer-column-hint")),
        ),
        None => {}
    }
    Register {
        proposals: kept,
        rows_read,
        status_wordings: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_alike_once_normalised_have_one_key() {
        assert_eq!(id_key("\u{fb01}-01"), id_key("FI-01"));
        assert_eq!(id_key("caf\u{e9}"), id_key("cafe\u{301}"));
        // Full-width letters are their ASCII selves.
        assert_eq!(id_key("\u{ff21}1"), id_key("a1"));
        assert_ne!(id_key("EDU-01"), id_key("EDU-10"));
    }

    fn row(cells: &[&str]) -> Row {
        Row {
            number: 1,
            cells: cells
                .iter()
                .map(|c| {
                    if c.is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(c.to_string())
                    }
                })
                .collect(),
        }
    }

    #[test]
    fn headers_in_french_and_english() {
        let c = Columns::match_headers(
            &row(&[
                "N°",
                "Thème",
                "Préconisation",
                "Détail",
                "Statut",
                "Réponse de l'EMS (15/11/2025)",
                "Pilote",
                "Échéance",
                "Réserve",
                "% réalisé",
                "Ancien N°",
            ]),
            0,
        );
        for (i, field) in Field::ALL.iter().enumerate() {
            assert_eq!(c.get(*field), Some(i), "{field:?}");
        }
        let c = Columns::match_headers(
            &row(&[
                "ID",
                "Theme",
                "Title",
                "Status",
                "Answer",
                "Owner",
                "Due",
                "Progress",
                "Previous id",
            ]),
            0,
        );
        assert_eq!(c.get(Field::Id), Some(0));
        assert_eq!(c.get(Field::Progress), Some(7));
        assert_eq!(c.get(Field::PreviousId), Some(8));
        assert!(c.has_required());
        // « Ancien identifiant » is the previous id, not the id.
        let c = Columns::match_headers(&row(&["Identifiant", "Ancien identifiant"]), 0);
        assert_eq!(
            (c.get(Field::Id), c.get(Field::PreviousId)),
            (Some(0), Some(1))
        );
    }

    #[test]
    fn exact_headers_win_over_prefixes() {
        // "État d'avancement" is progress, not status; "Statut" is the status.
        let c = Columns::match_headers(&row(&["Titre", "État d'avancement", "Statut", "Axe"]), 0);
        assert_eq!(c.get(Field::Progress), Some(1));
        assert_eq!(c.get(Field::Status), Some(2));
        assert_eq!(c.get(Field::Theme), Some(3));
        // A longer header still matches by its beginning; "Date de dépôt" is not a due date.
        let c = Columns::match_headers(
            &row(&[
                "Thème de travail",
                "Titre de la proposition",
                "Statut :",
                "Date de dépôt",
            ]),
            0,
        );
        assert_eq!(c.get(Field::Theme), Some(0));
        assert_eq!(c.get(Field::Title), Some(1));
        assert_eq!(c.get(Field::Status), Some(2));
        assert_eq!(c.get(Field::Due), None);
    }

    #[test]
    fn column_labels_fall_back_to_letters() {
        let c = Columns::match_headers(&row(&["Thème", ""]), 2);
        assert_eq!(c.label(0), "Thème");
        assert_eq!(c.label(1), "D");
    }
}
