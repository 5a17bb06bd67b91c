//! Survey answers (docs/inputs.md, "Surveys"), in one pass: wide files (one row per participant, one
//! column per statement) and long files (participant, statement, answer), as typed by
//! hand or exported by LimeSurvey, Framaforms (Drupal webform), Google Forms or
//! Microsoft Forms. Every participant and answer goes to a [`SurveySink`]; nothing is
//! kept but the header and a small sample used to recognise free-text columns.

mod choice;
mod columns;
mod finish;
pub(crate) mod headers;
mod sheets;

use std::collections::{HashMap, VecDeque};

use ::csv::StringRecord;

use self::columns::ColumnTally;
use self::headers::{
    ANSWER, Below, GROUP, METADATA, METADATA_PREFIXES, METADATA_SUFFIXES, PARTICIPANT, Role,
    STATEMENT, below_header, full_statement_text, grid_question, heading_key, matches_any,
    names_an_id, names_identity, question_row, statement_text,
};
use super::delimited::{Fields, Records, as_text};
use super::{Cell, Limiter, Place, Row, Table, column_letters};
use crate::config::InputPath;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::{GroupKey, SurveySink};
use crate::msg;
use crate::text;

pub(crate) use self::sheets::read_workbook;

/// Rows looked at to find the header (webform exports put two rows above it).
const HEADER_SEARCH_ROWS: usize = 10;

/// The most columns a survey may have (docs/inputs.md): 1,000 statements build a
/// note in about 10 s and 0.8 GB; 10,000 took 52 s and 7 GB before failing.
pub const MAX_COLUMNS: usize = 1000;

/// Reads a CSV survey.
pub(crate) fn read_records(
    input: &InputPath,
    records: &mut Records,
    sink: &mut dyn SurveySink,
    diags: &mut Diagnostics,
) {
    let mut source = Source::Csv(records);
    read(input, None, 0, &mut source, sink, diags);
}

/// Reads a survey sheet (a Microsoft Forms workbook).
pub(crate) fn read_table(
    input: &InputPath,
    table: Table,
    sink: &mut dyn SurveySink,
    diags: &mut Diagnostics,
) {
    let first_col = table.first_col;
    let sheet = table.sheet.clone();
    let mut source = Source::Table {
        rows: table.rows.into_iter(),
        current: StringRecord::new(),
    };
    read(input, sheet.as_deref(), first_col, &mut source, sink, diags);
}

/// Rows one at a time, from a CSV stream or a sheet.
enum Source<'a> {
    Csv(&'a mut Records),
    Table {
        rows: std::vec::IntoIter<Row>,
        current: StringRecord,
    },
}

impl Source<'_> {
    fn next(&mut self, input: &InputPath, diags: &mut Diagnostics) -> Option<usize> {
        match self {
            Source::Csv(records) => records.next(input, diags),
            Source::Table { rows, current } => {
                let row = rows.next()?;
                current.clear();
                for cell in &row.cells {
                    match cell {
                        Cell::Error(e) => current.push_field(e),
                        c => current.push_field(c.text().as_deref().unwrap_or("")),
                    }
                }
                Some(row.number)
            }
        }
    }

    fn record(&self) -> &StringRecord {
        match self {
            Source::Csv(records) => records.record(),
            Source::Table { current, .. } => current,
        }
    }

    /// Like [`Source::next`], for the answers: a CSV record is left as bytes and only
    /// the cells read are checked as text ([`Source::fields`]).
    fn next_fields(&mut self, input: &InputPath, diags: &mut Diagnostics) -> Option<usize> {
        match self {
            Source::Csv(records) => records.next_raw(input, diags),
            Source::Table { .. } => self.next(input, diags),
        }
    }

    /// The row last read by [`Source::next_fields`].
    fn fields(&self) -> &dyn Fields {
        match self {
            Source::Csv(records) => records.raw(),
            Source::Table { current, .. } => current,
        }
    }
}

fn is_blank(record: &dyn Fields) -> bool {
    (0..record.count()).all(|col| {
        let bytes = record.bytes(col).unwrap_or_default();
        // A visible ASCII character settles it without reading the cell as text.
        !bytes.iter().any(u8::is_ascii_graphic) && record.text(col).unwrap_or("").trim().is_empty()
    })
}

/// The shape of the file once its header is known.
enum Shape {
    Wide {
        roles: Vec<Role>,
    },
    Long {
        participant: usize,
        statement: usize,
        answer: usize,
        group: Option<usize>,
    },
}

/// `questions`: the question above each column when the header names sub-questions
/// (two header rows), which tells apart sub-questions of the same name.
fn shape_of(header: &StringRecord, questions: Option<&[String]>) -> Shape {
    let keys: Vec<String> = header.iter().map(heading_key).collect();
    let find = |aliases: &[&str]| keys.iter().position(|k| matches_any(k, aliases));
    let participant =
        find(PARTICIPANT).or_else(|| keys.iter().position(|k| k == "id" || k == "no"));
    if let (Some(participant), Some(statement), Some(answer)) =
        (participant, find(STATEMENT), find(ANSWER))
    {
        return Shape::Long {
            participant,
            statement,
            answer,
            group: find(GROUP),
        };
    }
    let mut roles: Vec<Role> = header
        .iter()
        .zip(&keys)
        .map(|(raw, key)| {
            if key.is_empty() {
                Role::Ignored
            } else if matches_any(key, PARTICIPANT) {
                Role::Participant
            } else if matches_any(key, GROUP) {
                Role::Group
            } else if matches_any(key, METADATA)
                || METADATA_PREFIXES.iter().any(|p| key.starts_with(p))
                || METADATA_SUFFIXES.iter().any(|s| key.ends_with(s))
                || names_an_id(key)
                || names_identity(key)
            {
                Role::Ignored
            } else {
                Role::Statement(statement_text(raw))
            }
        })
        .collect();
    // A grid's row (`Question [row]`) names its statement, unless another question of
    // the file has a row of the same name: then each keeps its question, or their
    // answers would be counted as one statement's.
    let texts: Vec<Option<String>> = roles
        .iter()
        .map(|r| match r {
            Role::Statement(text) => Some(text::fold(text)),
            _ => None,
        })
        .collect();
    for (col, role) in roles.iter_mut().enumerate() {
        let shared = texts[col].is_some() && texts.iter().filter(|t| **t == texts[col]).count() > 1;
        if shared && let Role::Statement(text) = role {
            let raw = header.get(col).unwrap_or_default();
            *text = match questions.and_then(|q| q.get(col)) {
                Some(question) if !question.is_empty() && question.trim() != raw.trim() => {
                    full_statement_text(&format!("{question} [{raw}]"))
                }
                _ => full_statement_text(raw),
            };
        }
    }
    Shape::Wide { roles }
}

/// Whether a row looks like a header: it names a column survey files have.
fn names_known_column(record: &StringRecord) -> bool {
    record.iter().map(heading_key).any(|k| {
        !k.is_empty()
            && (matches_any(&k, PARTICIPANT)
                || matches_any(&k, GROUP)
                || matches_any(&k, STATEMENT)
                || (matches_any(&k, METADATA) && k != "date" && k != "nom"))
    })
}

/// A row and its line (or sheet row) number.
type Numbered = (usize, StringRecord);

/// The next row that is not blank, and its number.
fn next_filled(
    input: &InputPath,
    source: &mut Source<'_>,
    diags: &mut Diagnostics,
) -> Option<Numbered> {
    loop {
        let line = source.next(input, diags)?;
        if !is_blank(source.record()) {
            return Some((line, source.record().clone()));
        }
    }
}

/// A survey's header: its row, and the question above each column when a row of
/// questions stands over it (two header rows).
struct Header {
    line: usize,
    record: StringRecord,
    questions: Option<Vec<String>>,
}

/// Finds the header among the first rows: the first naming a column survey files have,
/// else the first at least half as full as the fullest (title rows above a header fill
/// less). Returns it with the rows read after it, still to be handled.
fn find_header(
    input: &InputPath,
    source: &mut Source<'_>,
    diags: &mut Diagnostics,
) -> Option<(Header, VecDeque<Numbered>)> {
    let mut top: Vec<Numbered> = Vec::new();
    while top.len() < HEADER_SEARCH_ROWS {
        let Some(line) = source.next(input, diags) else {
            break;
        };
        if is_blank(source.record()) {
            continue;
        }
        let record = source.record().clone();
        let known = names_known_column(&record);
        top.push((line, record));
        if known {
            break;
        }
    }
    let last = top.last()?;
    let index = if names_known_column(&last.1) {
        top.len() - 1
    } else {
        let filled = |r: &StringRecord| r.iter().filter(|f| !f.trim().is_empty()).count();
        let max = top.iter().map(|(_, r)| filled(r)).max().unwrap_or(0);
        top.iter()
            .position(|(_, r)| filled(r) * 2 > max)
            .unwrap_or(0)
    };
    let mut after: VecDeque<Numbered> = top.split_off(index + 1).into();
    let (line, record) = top.pop()?;
    let questions = top
        .last()
        .and_then(|(_, above)| question_row(above, &record));
    let mut header = Header {
        line,
        record,
        questions,
    };
    // A second header row below the first is never answers: Qualtrics' ImportId row
    // is skipped, a row of texts under codes or under grouped questions is the header.
    for _ in 0..2 {
        let Some(next) = after
            .pop_front()
            .or_else(|| next_filled(input, source, diags))
        else {
            break;
        };
        match below_header(&header.record, &next.1) {
            Below::Answers => {
                after.push_front(next);
                break;
            }
            Below::ImportIds => {}
            Below::SubHeader { grouped } => {
                let above = std::mem::replace(&mut header.record, next.1);
                header.line = next.0;
                header.questions =
                    grouped.then(|| above.iter().map(|q| q.trim().to_string()).collect());
            }
        }
    }
    Some((header, after))
}

fn read(
    input: &InputPath,
    sheet: Option<&str>,
    first_col: usize,
    source: &mut Source<'_>,
    sink: &mut dyn SurveySink,
    diags: &mut Diagnostics,
) {
    let place = Place::new(input, sheet);
    let mut limiter = Limiter::default();

    let Some((found, mut pending)) = find_header(input, source, diags) else {
        diags.push(
            place
                .error(Code::EmptyFile, msg!("survey-empty"))
                .hint(msg!("survey-empty-hint")),
        );
        return;
    };
    let (header_line, header) = (found.line, found.record);
    if header.len() > MAX_COLUMNS {
        let error = place.error(
            Code::TooLarge,
            msg!(
                "survey-too-many-columns",
                columns = header.len(),
                max = MAX_COLUMNS
            ),
        );
        diags.push(
            error
                .row(header_line)
                .hint(msg!("survey-too-many-columns-hint")),
        );
        return;
    }
    // Column names for diagnostics, made once: a survey may have millions of cells.
    let labels: Vec<String> = (0..header.len().max(1))
        .map(|col| match header.get(col).map(str::trim) {
            Some(h) if !h.is_empty() => h.to_string(),
            _ => column_letters(first_col + col),
        })
        .collect();
    let label = |col: usize| -> &str { labels.get(col).map_or("", String::as_str) };

    let mut rows = 0usize;
    // Problems found while reading, located by row: reported with the answers' own,
    // in the order of the file.
    let mut located: Vec<(usize, Diagnostic)> = Vec::new();
    let columns: Vec<Column> = match shape_of(&header, found.questions.as_deref()) {
        Shape::Wide { roles } => {
            let group_col = roles.iter().position(|r| *r == Role::Group);
            let mut columns: Vec<(usize, Column)> = roles
                .iter()
                .enumerate()
                .filter_map(|(col, role)| match role {
                    Role::Statement(text) => Some((
                        col,
                        Column {
                            label: label(col).to_string(),
                            text: text.clone(),
                            question: question_of(
                                text,
                                header.get(col).unwrap_or_default(),
                                found.questions.as_deref().and_then(|q| q.get(col)),
                            ),
                            tally: ColumnTally::default(),
                        },
                    )),
                    _ => None,
                })
                .collect();
            if columns.is_empty() {
                no_statement(&place, header_line, &header, diags);
                return;
            }
            let mut groups = GroupCache::default();
            let mut handle = |line: usize, record: &dyn Fields| {
                if is_blank(record) {
                    return;
                }
                rows += 1;
                let group = group_col.and_then(|c| groups.key(record.bytes(c), sink));
                sink.participant(group);
                for (col, column) in &mut columns {
                    let value = record.bytes(*col).unwrap_or_default();
                    column.tally.add(value, group, line);
                }
            };
            while let Some((line, record)) = pending.pop_front() {
                handle(line, &record);
            }
            while let Some(line) = source.next_fields(input, diags) {
                handle(line, source.fields());
            }
            columns.into_iter().map(|(_, column)| column).collect()
        }
        Shape::Long {
            participant,
            statement,
            answer,
            group,
        } => {
            // The participant of the previous row, as read (compared, never printed).
            let mut previous: Option<Vec<u8>> = None;
            // Long files repeat a few statements on every row: each text is cleaned
            // once (no column: an empty statement).
            let mut statements: Vec<(Vec<u8>, Option<usize>)> = Vec::new();
            let mut by_text: HashMap<String, usize> = HashMap::new();
            let mut columns: Vec<Column> = Vec::new();
            let mut last_statement = 0;
            let mut groups = GroupCache::default();
            let mut handle = |line: usize, record: &dyn Fields| {
                if is_blank(record) {
                    return;
                }
                rows += 1;
                let who = record.bytes(participant).unwrap_or_default().trim_ascii();
                let group = group.and_then(|c| groups.key(record.bytes(c), &mut *sink));
                if previous.as_deref() != Some(who) {
                    sink.participant(group);
                    let previous = previous.get_or_insert_default();
                    previous.clear();
                    previous.extend_from_slice(who);
                }
                let raw = record.bytes(statement).unwrap_or_default();
                // Rows usually go through the statements in the same order: look
                // first after the last one found.
                let found = (0..statements.len())
                    .map(|i| (last_statement + i) % statements.len())
                    .find(|&i| statements[i].0 == raw);
                let column = match found {
                    Some(i) => {
                        last_statement = i + 1;
                        statements[i].1
                    }
                    None => {
                        let text = statement_text(as_text(raw));
                        let column = (!text.is_empty()).then(|| {
                            *by_text.entry(text.clone()).or_insert_with(|| {
                                columns.push(Column {
                                    label: text.clone(),
                                    text,
                                    question: None,
                                    tally: ColumnTally::default(),
                                });
                                columns.len() - 1
                            })
                        });
                        if statements.len() < STATEMENT_CACHE {
                            statements.push((raw.to_vec(), column));
                        }
                        column
                    }
                };
                let Some(column) = column else {
                    located.push((
                        line,
                        place
                            .error(Code::EmptyCell, msg!("survey-empty-statement"))
                            .row(line)
                            .column(label(statement))
                            .hint(msg!("survey-empty-statement-hint")),
                    ));
                    return;
                };
                let value = record.bytes(answer).unwrap_or_default();
                columns[column].tally.add(value, group, line);
            };
            while let Some((line, record)) = pending.pop_front() {
                handle(line, &record);
            }
            while let Some(line) = source.next_fields(input, diags) {
                handle(line, source.fields());
            }
            // In a long file, a statement's answers are all in the answer column.
            let answer_label = label(answer).to_string();
            for column in &mut columns {
                column.label = answer_label.clone();
            }
            columns
        }
    };
    // A header and no answer: said once below; no column to type.
    let any_column = !columns.is_empty() && rows > 0;
    let columns = if rows > 0 { columns } else { Vec::new() };
    let (statements, summarised) = finish::finish(
        &place,
        header_line,
        columns,
        located,
        sink,
        &mut limiter,
        diags,
    );
    if any_column && statements == 0 {
        if summarised > 0 {
            // Ratings or yes/no questions and no agreement statement: their own figures
            // are given; the documents have no statement to chart.
            diags.push(
                place
                    .warning(
                        Code::MissingColumn,
                        msg!("survey-only-ratings", count = summarised),
                    )
                    .row(header_line)
                    .hint(msg!("survey-no-statement-hint")),
            );
        } else {
            no_statement(&place, header_line, &header, diags);
        }
    }
    limiter.finish(place, diags);
    if rows == 0 {
        diags.push(
            place
                .warning(Code::EmptyFile, msg!("survey-no-answers"))
                .row(header_line)
                .hint(msg!("survey-empty-hint")),
        );
    }
}

/// `missing-column`: no column holds agreement answers. Names the headers found (the
/// first ten: an export may have hundreds).
fn no_statement(
    place: &Place<'_>,
    header_line: usize,
    header: &StringRecord,
    diags: &mut Diagnostics,
) {
    let headers: Vec<String> = header
        .iter()
        .filter(|h| !h.trim().is_empty())
        .map(|h| format!("\"{}\"", h.trim()))
        .collect();
    let mut found = headers
        .iter()
        .take(10)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if headers.len() > 10 {
        found.push_str(", …");
    }
    diags.push(
        place
            .error(
                Code::MissingColumn,
                msg!("survey-no-statement", found = found),
            )
            .row(header_line)
            .hint(msg!("survey-no-statement-hint")),
    );
}

/// A column that may be a statement (a wide file's column, a long file's statement),
/// tallied while the file is read and typed once it is.
struct Column {
    /// Its name in diagnostics: the header as written (a long file: the answer column).
    label: String,
    /// The statement's text, if it is one.
    text: String,
    /// The question above it: a grid's (`Question [row]`), or the one written above
    /// its column in a second header row.
    question: Option<String>,
    tally: ColumnTally,
}

/// The question a statement of text `text`, headed `header`, answers: its grid's, or
/// the one written above it (`above`); none when the text already holds it (rows of
/// the same name under two questions keep their question in their text).
fn question_of(text: &str, header: &str, above: Option<&String>) -> Option<String> {
    let question = grid_question(header).or_else(|| {
        above
            .map(|q| headers::full_statement_text(q))
            .filter(|q| !q.is_empty() && q.as_str() != text)
    })?;
    (!text.contains(question.as_str())).then_some(question)
}

/// The keys of the group column's values last seen: a long file repeats a
/// participant's group on each of their rows, a wide file often sorts rows by group,
/// and participants of a few groups often alternate (asking the sink on every change
/// cost 3 % of reading a 5 M-answer survey whose four groups take turns).
#[derive(Default)]
struct GroupCache {
    /// Values as read, and their keys (none for an empty cell); the last one first
    /// looked at.
    seen: Vec<(Vec<u8>, Option<GroupKey>)>,
    last: usize,
}

/// How many group values [`GroupCache`] remembers: a survey has a handful of groups;
/// past this, the sink is asked again (its answer is the same).
const GROUP_CACHE: usize = 16;

impl GroupCache {
    fn key(&mut self, raw: Option<&[u8]>, sink: &mut dyn SurveySink) -> Option<GroupKey> {
        let raw = raw.unwrap_or_default();
        if let Some((last, key)) = self.seen.get(self.last)
            && last.as_slice() == raw
        {
            return *key;
        }
        if let Some(i) = self
            .seen
            .iter()
            .position(|(seen, _)| seen.as_slice() == raw)
        {
            self.last = i;
            return self.seen[i].1;
        }
        let name = as_text(raw).trim();
        let key = (!name.is_empty()).then(|| sink.group(name));
        if self.seen.len() < GROUP_CACHE {
            self.seen.push((raw.to_vec(), key));
            self.last = self.seen.len() - 1;
        }
        key
    }
}

/// How many distinct statement texts a long file's reader remembers (a survey has a
/// few dozen; past this, texts are cleaned on every row, still correctly).
const STATEMENT_CACHE: usize = 64;

#[cfg(test)]
mod tests {
    use ::csv::ByteRecord;

    use super::*;

    fn record(fields: &[&str]) -> StringRecord {
        StringRecord::from(fields.to_vec())
    }

    #[test]
    fn blank_rows_are_the_same_read_as_text_or_as_bytes() {
        for (fields, blank) in [
            (vec!["", " ", "\t"], true),
            (vec!["\u{a0}", "\u{202f} "], true),
            (vec!["", "", "x"], false),
            (vec!["\u{a0}é"], false),
            (vec![], true),
        ] {
            let text = record(&fields);
            let bytes = ByteRecord::from(fields.clone());
            assert_eq!(is_blank(&text), blank, "{fields:?} as text");
            assert_eq!(is_blank(&bytes), blank, "{fields:?} as bytes");
            for col in 0..fields.len() {
                assert_eq!(bytes.text(col), text.text(col));
            }
        }
    }

    #[test]
    fn statement_text_from_grid_headers() {
        assert_eq!(
            statement_text(
                "Votre avis sur le CENR [Le rythme d'une rencontre par mois environ était adapté.]"
            ),
            "Le rythme d'une rencontre par mois environ était adapté."
        );
        assert_eq!(
            statement_text("  Le CENR  a reçu\nles moyens "),
            "Le CENR a reçu les moyens"
        );
        assert_eq!(statement_text("<p>Texte <b>gras</b></p>"), "Texte gras");
        assert_eq!(statement_text("G01Q01[SQ001]"), "G01Q01[SQ001]");
    }

    #[test]
    fn metadata_is_never_a_statement() {
        let header = record(&[
            "ID de la réponse",
            "Date de soumission",
            "Dernière page",
            "Langue de départ",
            "Tête de série",
            "Horodateur",
            "Adresse e-mail",
            "Serial",
            "SID",
            "Submitted Time",
            "IP Address",
            "Heure de début",
            "Heure de fin",
            "Adresse de messagerie",
            "Nom",
            "Groupe",
            "Le rythme était adapté.",
            // Google Forms in Portuguese; Qualtrics timing; identifiers.
            "Carimbo de data/hora",
            "PF-0d_First Click",
            "PF-0d_Page Submit",
            "PF-0d_Click Count",
            "UniqueID",
            "Workshop ID",
            "D-ID",
            "Respondent ID",
        ]);
        let Shape::Wide { roles } = shape_of(&header, None) else {
            panic!("wide expected");
        };
        assert_eq!(
            roles
                .iter()
                .filter(|r| matches!(r, Role::Statement(_)))
                .count(),
            1
        );
        assert_eq!(roles[15], Role::Group);
    }

    /// Regression: 24 Google Forms columns, eight questions with the same three rows,
    /// were counted as three statements, each summing eight questions' answers.
    #[test]
    fn grid_rows_of_the_same_name_stay_apart() {
        let header = record(&[
            "Horodateur",
            "Problèmes techniques [Cours théoriques]",
            "Problèmes techniques [Travaux pratiques]",
            "Manque de contact [Cours théoriques]",
            "Votre avis [Le rythme était adapté.]",
        ]);
        let Shape::Wide { roles } = shape_of(&header, None) else {
            panic!("wide expected");
        };
        let texts: Vec<&str> = roles
            .iter()
            .filter_map(|r| match r {
                Role::Statement(t) => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(
            texts,
            [
                "Problèmes techniques [Cours théoriques]",
                "Travaux pratiques",
                "Manque de contact [Cours théoriques]",
                "Le rythme était adapté.",
            ]
        );
    }

    /// Issue 19: the respondent-group question of a form is the group.
    #[test]
    fn a_respondent_group_question_is_the_group() {
        for question in ["Vous êtes :", "Vous êtes ?", "Profil", "You are", "Collège"] {
            let header = record(&["Horodateur", question, "Le rythme était adapté."]);
            let Shape::Wide { roles } = shape_of(&header, None) else {
                panic!("wide expected");
            };
            assert_eq!(roles[1], Role::Group, "{question}");
        }
    }

    #[test]
    fn group_keys_are_the_sinks_whatever_the_cache_remembers() {
        let mut sink = crate::stats::SurveyAccumulator::new();
        let mut cache = GroupCache::default();
        // Four groups taking turns, an empty cell, then more names than the cache holds.
        let mut names: Vec<String> = ["Nord", " Sud", "Centre", "Nord", "", " Sud"]
            .iter()
            .map(|n| n.to_string())
            .collect();
        names.extend((0..2 * GROUP_CACHE).map(|i| format!("G{i}")));
        names.extend(["Centre", "G0", "Nord"].map(str::to_string));
        for name in names.iter().chain(&names) {
            let expected = (!name.trim().is_empty()).then(|| sink.group(name.trim()));
            assert_eq!(
                cache.key(Some(name.as_bytes()), &mut sink),
                expected,
                "{name:?}"
            );
        }
        assert_eq!(cache.key(None, &mut sink), None);
    }

    #[test]
    fn long_shape_is_detected() {
        let header = record(&["participant", "groupe", "affirmation", "réponse"]);
        assert!(matches!(
            shape_of(&header, None),
            Shape::Long {
                participant: 0,
                statement: 2,
                answer: 3,
                group: Some(1)
            }
        ));
    }
}
