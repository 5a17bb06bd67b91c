//! Survey answers (spec §4.2), in one pass: wide files (one row per participant, one
//! column per statement) and long files (participant, statement, answer), as typed by
//! hand or exported by LimeSurvey, Framaforms (Drupal webform), Google Forms or
//! Microsoft Forms. Every participant and answer goes to a [`SurveySink`]; nothing is
//! kept but the header and a small sample used to recognise free-text columns.

use std::collections::{HashMap, VecDeque};

use ::csv::StringRecord;

use super::delimited::{Fields, Records, as_text};
use super::values::{alias_match, answer_labels, header_key, parse_reading};
use super::{Cell, Limiter, MAX_CELL_CHARS, Place, Row, Table, column_letters};
use crate::config::InputPath;
use crate::diagnostics::{Code, Diagnostics, did_you_mean};
use crate::model::{GroupKey, Reading, StatementKey, SurveySink};

/// Rows looked at to find the header (webform exports put two rows above it).
const HEADER_SEARCH_ROWS: usize = 10;
/// Data rows looked at before answers are sent, to recognise free-text columns.
const SAMPLE_ROWS: usize = 200;
/// Distinct labels whose reading is remembered.
const CACHE_LIMIT: usize = 4096;

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

/// What a column of a wide file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Role {
    Participant,
    Group,
    /// Export metadata (timestamps, ids, e-mail…) or a comment: never a statement.
    Ignored,
    /// A statement, with its text.
    Statement(String),
}

const PARTICIPANT: &[&str] = &[
    "participant",
    "participante",
    "participant e",
    "participant id",
    "id participant",
    "participants",
    "respondent",
    "repondant",
    "repondante",
    "repondant e",
    "personne",
    "identifiant",
];
const GROUP: &[&str] = &[
    "groupe",
    "group",
    "sous groupe",
    "sous-groupe",
    "subgroup",
    "college",
    "groupe de travail",
];
const STATEMENT: &[&str] = &[
    "statement",
    "affirmation",
    "question",
    "enonce",
    "item",
    "proposition",
];
const ANSWER: &[&str] = &[
    "answer", "reponse", "response", "valeur", "value", "avis", "position",
];

/// Columns of survey tools' exports and of hand-made files that are never statements.
const METADATA: &[&str] = &[
    // LimeSurvey, codes and English / French headings.
    "id",
    "submitdate",
    "lastpage",
    "startlanguage",
    "seed",
    "startdate",
    "datestamp",
    "ipaddr",
    "refurl",
    "token",
    "optout",
    "interviewtime",
    "response id",
    "date submitted",
    "last page",
    "start language",
    "date started",
    "date last action",
    "ip address",
    "referrer url",
    "referring url",
    "total time",
    "id de la reponse",
    "date de soumission",
    "derniere page",
    "langue de depart",
    "tete de serie",
    "date de debut",
    "date de la derniere action",
    "adresse ip",
    "url de provenance",
    "url referente",
    "jeton",
    "temps total",
    // Framaforms / Drupal webform.
    "serial",
    "sid",
    "time",
    "submitted time",
    "completed time",
    "modified time",
    "draft",
    "uid",
    "username",
    "no de serie",
    "n de serie",
    "numero de serie",
    "heure de soumission",
    "heure d'achevement",
    "heure de modification",
    "brouillon",
    "nom d'utilisateur",
    "utilisateur",
    // Google Forms.
    "timestamp",
    "horodateur",
    "horodatage",
    "email address",
    "adresse e-mail",
    "adresse email",
    "e-mail",
    "score",
    "total score",
    "score total",
    // Microsoft Forms.
    "start time",
    "completion time",
    "email",
    "name",
    "last modified time",
    "heure de debut",
    "heure de fin",
    "adresse de messagerie",
    "nom",
    "heure de la derniere modification",
    "total points",
    "points",
    "quiz feedback",
    "commentaires sur le questionnaire",
    // Hand-made files.
    "date",
    "heure",
    "prenom",
    "first name",
    "last name",
    "courriel",
    "mail",
    "commentaire",
    "commentaires",
    "comment",
    "comments",
    "remarque",
    "remarques",
    "observation",
    "observations",
    "notes",
];

/// Beginnings of metadata headers (LimeSurvey timings).
const METADATA_PREFIXES: &[&str] = &[
    "question time",
    "group time",
    "temps pour la question",
    "temps de la question",
    "temps du groupe",
    "temps pour le groupe",
];

fn matches_any(key: &str, aliases: &[&str]) -> bool {
    aliases.iter().any(|a| alias_match(key, a, false).is_some())
}

/// The text of a statement from its header: `Votre avis [Le rythme…]` (LimeSurvey and
/// Google Forms grids) gives the bracketed sub-question; HTML is stripped.
fn statement_text(header: &str) -> String {
    let mut text = header.trim();
    // `Question [row]`, not a LimeSurvey code such as `G01Q01[SQ001]`.
    if text.ends_with(']')
        && let Some(open) = text.rfind(" [")
    {
        let inner = text[open + 2..text.len() - 1].trim();
        if !inner.is_empty() {
            text = inner;
        }
    }
    let text = if text.contains('<') {
        super::html::to_text(text)
    } else {
        text.to_string()
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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

fn shape_of(header: &StringRecord) -> Shape {
    let keys: Vec<String> = header.iter().map(header_key).collect();
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
    let roles = header
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
            {
                Role::Ignored
            } else {
                Role::Statement(statement_text(raw))
            }
        })
        .collect();
    Shape::Wide { roles }
}

/// Whether a row looks like a header: it names a column survey files have.
fn names_known_column(record: &StringRecord) -> bool {
    record.iter().map(header_key).any(|k| {
        !k.is_empty()
            && (matches_any(&k, PARTICIPANT)
                || matches_any(&k, GROUP)
                || matches_any(&k, STATEMENT)
                || (matches_any(&k, METADATA) && k != "date" && k != "nom"))
    })
}

/// A row and its line (or sheet row) number.
type Numbered = (usize, StringRecord);

/// Finds the header among the first rows: the first naming a column survey files have,
/// else the first at least half as full as the fullest (title rows above a header fill
/// less). Returns it with the rows read after it, still to be handled.
fn find_header(
    input: &InputPath,
    source: &mut Source<'_>,
    diags: &mut Diagnostics,
) -> Option<(usize, StringRecord, VecDeque<Numbered>)> {
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
    let after: VecDeque<Numbered> = top.split_off(index + 1).into();
    let (line, header) = top.pop()?;
    Some((line, header, after))
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

    let Some((header_line, header, mut pending)) = find_header(input, source, diags) else {
        diags.push(
            place
                .error(
                    Code::EmptyFile,
                    "the survey file is empty (no header, no answers)",
                )
                .hint("export the answers again, or point bilan.toml at the right file"),
        );
        return;
    };
    // Column names for diagnostics, made once: a survey may have millions of cells.
    let labels: Vec<String> = (0..header.len().max(1))
        .map(|col| match header.get(col).map(str::trim) {
            Some(h) if !h.is_empty() => h.to_string(),
            _ => column_letters(first_col + col),
        })
        .collect();
    let label = |col: usize| -> &str { labels.get(col).map_or("", String::as_str) };

    let mut reader = AnswerReader::default();
    let mut rows = 0usize;
    match shape_of(&header) {
        Shape::Wide { mut roles } => {
            // A sample of rows to recognise free-text columns before any answer is sent.
            while pending.len() < SAMPLE_ROWS {
                let Some(line) = source.next(input, diags) else {
                    break;
                };
                if !is_blank(source.record()) {
                    pending.push_back((line, source.record().clone()));
                }
            }
            for (col, role) in roles.iter_mut().enumerate() {
                if matches!(role, Role::Statement(_))
                    && is_free_text(col, pending.iter().map(|(_, r)| r))
                {
                    diags.push(
                        place
                            .warning(
                                Code::FreeTextColumn,
                                "the column holds free text, not answers on a scale: it is not read as a statement",
                            )
                            .row(header_line)
                            .column(label(col))
                            .hint("if it is a statement, its answers must be scale labels such as \"d'accord\" / \"pas d'accord\""),
                    );
                    *role = Role::Ignored;
                }
            }
            if !roles.iter().any(|r| matches!(r, Role::Statement(_))) {
                let found = header
                    .iter()
                    .filter(|h| !h.trim().is_empty())
                    .map(|h| format!("\"{}\"", h.trim()))
                    .collect::<Vec<_>>()
                    .join(", ");
                diags.push(
                    place
                        .error(Code::MissingColumn, format!("no statement columns (headers found: {found})"))
                        .row(header_line)
                        .hint("a wide file has one column per statement, its header being the statement's text; a long file has columns participant, statement and answer"),
                );
                return;
            }
            let group_col = roles.iter().position(|r| *r == Role::Group);
            // Each statement column's key, asked for once.
            let keys: Vec<(usize, StatementKey)> = roles
                .iter()
                .enumerate()
                .filter_map(|(col, role)| match role {
                    Role::Statement(text) => Some((col, sink.statement(text))),
                    _ => None,
                })
                .collect();
            let mut groups = GroupCache::default();
            let mut handle = |line: usize, record: &dyn Fields, diags: &mut Diagnostics| {
                if is_blank(record) {
                    return;
                }
                rows += 1;
                let group = group_col.and_then(|c| groups.key(record.bytes(c), sink));
                sink.participant(group);
                for &(col, key) in &keys {
                    let value = record.bytes(col).unwrap_or_default();
                    if let Some(reading) =
                        reader.read(value, &place, line, label(col), &mut limiter, diags)
                    {
                        sink.answer(key, group, reading);
                    }
                }
            };
            while let Some((line, record)) = pending.pop_front() {
                handle(line, &record, diags);
            }
            while let Some(line) = source.next_fields(input, diags) {
                handle(line, source.fields(), diags);
            }
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
            // and its key asked for once (no key: an empty statement).
            let mut statements: Vec<(Vec<u8>, Option<StatementKey>)> = Vec::new();
            let mut last_statement = 0;
            let mut groups = GroupCache::default();
            let mut handle = |line: usize, record: &dyn Fields, diags: &mut Diagnostics| {
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
                let key = match found {
                    Some(i) => {
                        last_statement = i + 1;
                        statements[i].1
                    }
                    None => {
                        let text = statement_text(as_text(raw));
                        let key = (!text.is_empty()).then(|| sink.statement(&text));
                        if statements.len() < STATEMENT_CACHE {
                            statements.push((raw.to_vec(), key));
                        }
                        key
                    }
                };
                let Some(key) = key else {
                    limiter.push(
                        diags,
                        place
                            .error(
                                Code::EmptyCell,
                                "empty statement: the answer cannot be counted",
                            )
                            .row(line)
                            .column(label(statement))
                            .hint("write the statement's text on every row"),
                    );
                    return;
                };
                let value = record.bytes(answer).unwrap_or_default();
                if let Some(reading) =
                    reader.read(value, &place, line, label(answer), &mut limiter, diags)
                {
                    sink.answer(key, group, reading);
                }
            };
            while let Some((line, record)) = pending.pop_front() {
                handle(line, &record, diags);
            }
            while let Some(line) = source.next_fields(input, diags) {
                handle(line, source.fields(), diags);
            }
        }
    }
    limiter.finish(place, diags);
    if rows == 0 {
        diags.push(
            place
                .warning(Code::EmptyFile, "the survey has a header but no answers")
                .row(header_line)
                .hint("export the answers again, or point bilan.toml at the right file"),
        );
    }
}

/// Whether a column of the sample is free text: some values, none of them an answer,
/// and most of them not even close to a scale label.
fn is_free_text<'a>(col: usize, sample: impl Iterator<Item = &'a StringRecord>) -> bool {
    let mut distinct: Vec<&str> = Vec::new();
    for record in sample {
        let value = record.get(col).unwrap_or("").trim();
        if value.is_empty() {
            continue;
        }
        if parse_reading(value).is_some() {
            return false;
        }
        if distinct.len() < 20 && !distinct.contains(&value) {
            distinct.push(value);
        }
    }
    if distinct.is_empty() {
        return false;
    }
    let close = distinct
        .iter()
        .filter(|v| v.chars().count() <= 40 && did_you_mean(v, answer_labels()).is_some())
        .count();
    close * 2 < distinct.len()
}

/// The key of the group column's last value: a long file repeats a participant's
/// group on each of their rows, a wide file often sorts rows by group.
#[derive(Default)]
struct GroupCache {
    /// The last value as read, and its key (none for an empty cell).
    last: Option<(Vec<u8>, Option<GroupKey>)>,
}

impl GroupCache {
    fn key(&mut self, raw: Option<&[u8]>, sink: &mut dyn SurveySink) -> Option<GroupKey> {
        let raw = raw.unwrap_or_default();
        match &mut self.last {
            Some((last, key)) if last.as_slice() == raw => *key,
            _ => {
                let name = as_text(raw).trim();
                let key = (!name.is_empty()).then(|| sink.group(name));
                self.last = Some((raw.to_vec(), key));
                key
            }
        }
    }
}

/// How many distinct statement texts a long file's reader remembers (a survey has a
/// few dozen; past this, texts are cleaned on every row, still correctly).
const STATEMENT_CACHE: usize = 64;

/// Reads answer labels, remembering those already seen, and reports the ones that fit
/// no scale.
#[derive(Default)]
struct AnswerReader {
    cache: HashMap<String, Option<Reading>>,
    /// The first cells met, as read (a scale has a handful of labels), scanned before
    /// anything else: most answers are found here without being checked as text.
    recent: Vec<(Vec<u8>, Option<Reading>)>,
}

impl AnswerReader {
    /// The reading of a cell, given as the bytes it was read from (UTF-8).
    fn read(
        &mut self,
        raw: &[u8],
        place: &Place<'_>,
        line: usize,
        column: &str,
        limiter: &mut Limiter,
        diags: &mut Diagnostics,
    ) -> Option<Reading> {
        let known = self
            .recent
            .iter()
            .find(|(cell, _)| cell.as_slice() == raw)
            .map(|(_, r)| *r);
        let value = || as_text(raw).trim();
        let reading = match known {
            Some(r) => r,
            None => {
                let value = value();
                // A string has at least as many bytes as characters: count only long ones.
                let chars = if value.len() > MAX_CELL_CHARS {
                    value.chars().count()
                } else {
                    0
                };
                if chars > MAX_CELL_CHARS {
                    limiter.push(
                        diags,
                        place
                            .error(
                                Code::CellTooLong,
                                format!("cell too long ({chars} characters; a spreadsheet cell holds at most 32,767)"),
                            )
                            .row(line)
                            .column(column)
                            .hint("look for a quote (\") that is never closed above this cell"),
                    );
                    return None;
                }
                let r = match self.cache.get(value) {
                    Some(r) => *r,
                    None => {
                        let r = parse_reading(value);
                        if self.cache.len() < CACHE_LIMIT {
                            self.cache.insert(value.to_string(), r);
                        }
                        r
                    }
                };
                if self.recent.len() < 16 {
                    self.recent.push((raw.to_vec(), r));
                }
                r
            }
        };
        if reading.is_none() {
            let value = value();
            let shown: String = value.chars().take(80).collect();
            let hint = match did_you_mean(value, answer_labels()) {
                Some(close) => format!("did you mean \"{close}\"?"),
                None => "use a scale label (\"d'accord\", \"pas d'accord\", \"tout à fait d'accord\"… \"pas du tout d'accord\", or English), a number 1–5, or \"sans avis\"".to_string(),
            };
            limiter.push(
                diags,
                place
                    .error(
                        Code::UnknownAnswer,
                        format!("unknown answer \"{shown}\" (it fits no scale)"),
                    )
                    .row(line)
                    .column(column)
                    .hint(hint),
            );
        }
        reading
    }
}

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
        ]);
        let Shape::Wide { roles } = shape_of(&header) else {
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

    #[test]
    fn long_shape_is_detected() {
        let header = record(&["participant", "groupe", "affirmation", "réponse"]);
        assert!(matches!(
            shape_of(&header),
            Shape::Long {
                participant: 0,
                statement: 2,
                answer: 3,
                group: Some(1)
            }
        ));
    }

    #[test]
    fn free_text_columns_are_recognised() {
        let rows = [
            record(&["Très bonne ambiance, merci", "d'accord"]),
            record(&["", "pas d'accord"]),
            record(&["Plus de temps pour les échanges", "d'acord"]),
        ];
        assert!(is_free_text(0, rows.iter()));
        assert!(!is_free_text(1, rows.iter()));
        // Misspelt scale labels are answers to fix, not free text.
        let typos = [record(&["d'acord"]), record(&["pas d'acord"])];
        assert!(!is_free_text(0, typos.iter()));
    }
}
