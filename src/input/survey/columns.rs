//! What a survey column holds, decided from the whole set of its values before any
//! figure is computed.
//!
//! A reader tallies each candidate column as it streams the file ([`ColumnTally`]: its
//! distinct cells, how often each came, from which group, on which first rows); once
//! the file is read, [`classify`] types the column. Only agreement columns become
//! statements, each on its own scale (2, 4, 5, 7 or 9 points, every level kept): a
//! 1–7 or 0–10 rating, a yes/no question, free text or values that fit nothing are set
//! aside, whole, with the reason — never folded into an agreement scale; ratings and
//! yes/no columns are summarised ([`summarize`]) for their own statistics. Knows
//! nothing of files or diagnostics.

use std::collections::BTreeMap;

use std::collections::HashMap;

use super::super::delimited::as_text;
use super::super::values::{answer_code_number, label_strength, parse_reading};
use crate::model::{ColumnSummary, GroupKey, Level, Reading, SetAside};

/// Distinct cells a column may hold before it is taken for free text (a scale has a
/// handful of labels; past this, the column stops being tallied).
const MAX_DISTINCT: usize = 256;
/// Distinct cells looked through one by one before a hash index is built.
const LINEAR_LOOKUP: usize = 16;
/// Rows kept per distinct cell, to locate the diagnostics of a bad answer.
const ROWS_KEPT: usize = 64;

/// One distinct cell of a column.
#[derive(Debug, Clone)]
pub(super) struct Value {
    /// As read (UTF-8 bytes).
    pub raw: Vec<u8>,
    /// How many cells held it.
    pub count: u64,
    /// The first rows it was on.
    pub rows: Vec<usize>,
}

impl Value {
    pub fn text(&self) -> &str {
        as_text(&self.raw).trim()
    }
}

/// Everything a column (or a statement of a long file) held, counted without keeping
/// its cells.
#[derive(Debug, Default)]
pub(super) struct ColumnTally {
    pub values: Vec<Value>,
    index: HashMap<Vec<u8>, usize>,
    /// Groups in the order they first answered (`None`: no group).
    pub groups: Vec<Option<GroupKey>>,
    /// `counts[g][v]`: cells of value `v` from group `groups[g]`.
    pub counts: Vec<Vec<u64>>,
    last_group: usize,
    /// More than [`MAX_DISTINCT`] distinct cells: free text, no longer tallied.
    pub overflow: bool,
}

impl ColumnTally {
    /// Counts one cell.
    pub fn add(&mut self, raw: &[u8], group: Option<GroupKey>, row: usize) {
        if self.overflow {
            return;
        }
        let v = match self.find(raw) {
            Some(v) => v,
            None => {
                if self.values.len() == MAX_DISTINCT {
                    self.overflow = true;
                    self.values = Vec::new();
                    self.index = HashMap::new();
                    self.counts = Vec::new();
                    return;
                }
                self.values.push(Value {
                    raw: raw.to_vec(),
                    count: 0,
                    rows: Vec::new(),
                });
                let v = self.values.len() - 1;
                if self.values.len() > LINEAR_LOOKUP {
                    if self.index.is_empty() {
                        for (i, value) in self.values.iter().enumerate() {
                            self.index.insert(value.raw.clone(), i);
                        }
                    } else {
                        self.index.insert(raw.to_vec(), v);
                    }
                }
                for counts in &mut self.counts {
                    counts.push(0);
                }
                v
            }
        };
        let value = &mut self.values[v];
        value.count += 1;
        if value.rows.len() < ROWS_KEPT {
            value.rows.push(row);
        }
        let g = self.group_slot(group);
        self.counts[g][v] += 1;
    }

    fn find(&self, raw: &[u8]) -> Option<usize> {
        if self.values.len() > LINEAR_LOOKUP {
            self.index.get(raw).copied()
        } else {
            self.values.iter().position(|v| v.raw == raw)
        }
    }

    fn group_slot(&mut self, group: Option<GroupKey>) -> usize {
        if self.groups.get(self.last_group) == Some(&group) {
            return self.last_group;
        }
        let slot = match self.groups.iter().position(|g| *g == group) {
            Some(slot) => slot,
            None => {
                self.groups.push(group);
                self.counts.push(vec![0; self.values.len()]);
                self.groups.len() - 1
            }
        };
        self.last_group = slot;
        slot
    }

    /// Cells that hold something.
    #[cfg(test)]
    pub fn non_empty(&self) -> u64 {
        self.values
            .iter()
            .filter(|v| !v.text().is_empty())
            .map(|v| v.count)
            .sum()
    }
}

/// What a column holds: an agreement statement, or a column set aside and why.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum ColumnKind {
    /// Answers on a 2-, 4-, 5-, 7- or 9-point agreement scale: a statement. `readings`
    /// gives each distinct value's reading (`None`: an answer that fits no scale,
    /// reported); on 7 and 9 points, every level is a [`Reading::Wide`].
    Agreement {
        readings: Vec<Option<Reading>>,
        /// Its answers are plain numbers 1–5, read as agreement levels.
        numbers_only: bool,
    },
    /// Anything else, kept whole and listed: see [`SetAside`].
    Aside(SetAside),
}

/// Types a column from all its values.
pub(super) fn classify(tally: &ColumnTally) -> ColumnKind {
    if tally.overflow {
        return ColumnKind::Aside(SetAside::FreeText);
    }
    let filled: Vec<(usize, &Value)> = tally
        .values
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.text().is_empty())
        .collect();
    if filled.is_empty() {
        return ColumnKind::Aside(SetAside::Empty);
    }
    let readings: Vec<Option<Reading>> = tally
        .values
        .iter()
        .map(|v| parse_reading(v.text()))
        .collect();
    // Cells that say something: neither blank nor a non-answer label.
    let substantive: Vec<(usize, &Value)> = filled
        .iter()
        .copied()
        .filter(|(i, _)| readings[*i] != Some(Reading::NonAnswer))
        .collect();
    if substantive.is_empty() {
        // Only non-answers (`sans avis`, `N/A`…): nobody took a position, nothing to
        // chart; such a column is listed, not printed as a statement of 0 answers.
        return ColumnKind::Aside(SetAside::Empty);
    }
    if substantive.iter().all(|(_, v)| is_yes_no(v.text())) {
        return ColumnKind::Aside(SetAside::YesNo);
    }
    let integers: Option<Vec<i64>> = substantive.iter().map(|(_, v)| integer(v.text())).collect();
    if let Some(integers) = integers {
        let min = integers.iter().copied().min().unwrap_or(0);
        let max = integers.iter().copied().max().unwrap_or(0);
        let distinct = integers.len();
        if min == max && (min == 0 || min == 1) || (min, max) == (0, 1) {
            // A ticked box (`1`) or a 0/1 code.
            return ColumnKind::Aside(SetAside::YesNo);
        }
        // Points written `(n) label`: the labels say what the numbers measure. Only
        // agreement labels make agreement; `(1) Everyday` … `(5) Never` is a rating.
        let labelled: Vec<&str> = substantive
            .iter()
            .filter_map(|(_, v)| point_label(v.text()))
            .collect();
        if !labelled.is_empty()
            && !labelled
                .iter()
                .all(|l| matches!(parse_reading(l), Some(Reading::Level { .. })))
        {
            return ColumnKind::Aside(SetAside::Rating { min, max });
        }
        if !labelled.is_empty() {
            // The words decide the level, not the number: `(1) Strongly agree` exists.
            let readings = tally
                .values
                .iter()
                .zip(readings)
                .map(|(v, reading)| match point_label(v.text()) {
                    Some(words) => parse_reading(words),
                    None => reading,
                })
                .collect();
            return ColumnKind::Agreement {
                readings,
                numbers_only: false,
            };
        }
        if min >= 1 && max <= 5 && distinct >= 2 {
            // The number is the level, whatever words follow it.
            let readings = tally
                .values
                .iter()
                .zip(readings)
                .map(|(v, reading)| match integer(v.text()) {
                    Some(n) => Some(numeric(level_of_number(n)?)),
                    None => reading,
                })
                .collect();
            return ColumnKind::Agreement {
                readings,
                numbers_only: true,
            };
        }
        return ColumnKind::Aside(SetAside::Rating { min, max });
    }
    if let Some(kind) = labelled_ends(tally, &substantive) {
        return kind;
    }
    let cells: u64 = substantive.iter().map(|(_, v)| v.count).sum();
    let read: u64 = substantive
        .iter()
        .filter(|(i, _)| readings[*i].is_some())
        .map(|(_, v)| v.count)
        .sum();
    if read * 2 >= cells {
        if let Some(points) = wide_scale(&substantive) {
            return wide_agreement(tally, &substantive, readings, points);
        }
        return ColumnKind::Agreement {
            readings,
            numbers_only: false,
        };
    }
    // Misspelt scale labels are answers to fix, not something else: a column whose
    // cells are labels or near-misses of labels, at least half of them, is a statement
    // (its near-misses are reported one by one).
    let close: u64 = substantive
        .iter()
        .filter(|(i, v)| {
            readings[*i].is_none()
                && v.text().chars().count() <= 40
                && crate::diagnostics::did_you_mean(v.text(), super::super::values::answer_labels())
                    .is_some()
        })
        .map(|(_, v)| v.count)
        .sum();
    if (read + close) * 2 >= cells && read + close > 0 {
        return ColumnKind::Agreement {
            readings,
            numbers_only: false,
        };
    }
    let texts: Vec<(&str, u64)> = substantive
        .iter()
        .map(|(_, v)| (v.text(), v.count))
        .collect();
    if let Some(choice) = super::choice::choice(&texts) {
        return ColumnKind::Aside(choice);
    }
    // Sentences, or many different texts: free text. A few short words: values of
    // no known kind.
    let sentences = substantive
        .iter()
        .filter(|(_, v)| v.text().split_whitespace().count() >= 3)
        .count();
    if substantive.len() >= 10 || sentences * 2 >= substantive.len() {
        return ColumnKind::Aside(SetAside::FreeText);
    }
    ColumnKind::Aside(SetAside::Unknown)
}

/// A 7- or 9-point column read level by level: each label's strength is its level
/// (docs/data.md). Two different labels of the same strength (`somewhat` and
/// `slightly` on one scale) cannot be told apart: such a column is set aside whole
/// rather than merged. A bare number on a labelled scale fits no level (reported).
fn wide_agreement(
    tally: &ColumnTally,
    substantive: &[(usize, &Value)],
    readings: Vec<Option<Reading>>,
    points: u32,
) -> ColumnKind {
    let mut words: BTreeMap<i8, String> = BTreeMap::new();
    for (_, v) in substantive {
        if !matches!(
            parse_reading(v.text()),
            Some(Reading::Level { numeric: false, .. })
        ) {
            continue;
        }
        let Some(strength) = label_strength(v.text()) else {
            continue;
        };
        let key = label_words(v.text());
        if words.entry(strength).or_insert_with(|| key.clone()) != &key {
            return ColumnKind::Aside(SetAside::WideAgreement { points });
        }
    }
    let readings = tally
        .values
        .iter()
        .zip(readings)
        .map(|(v, reading)| match reading {
            Some(Reading::Level { numeric: true, .. }) => None,
            Some(Reading::Level { .. }) => label_strength(v.text()).map(|strength| Reading::Wide {
                strength,
                points: points as u8,
            }),
            other => other,
        })
        .collect();
    ColumnKind::Agreement {
        readings,
        numbers_only: false,
    }
}

/// A label's words, its LimeSurvey code (`(6)`) left out, folded.
fn label_words(text: &str) -> String {
    let text = text.trim();
    let words = match (answer_code_number(text), text.rsplit_once('(')) {
        (Some(_), Some((words, _))) => words,
        _ => text,
    };
    crate::text::fold(words).trim().to_string()
}

/// More than five points, and how many: three strengths on one side (`strongly
/// agree`, `agree`, `somewhat agree`) or LimeSurvey codes past 5 (`Agree (6)`) make
/// seven; a fourth strength (`very strongly agree`) or codes reaching 9 make nine.
fn wide_scale(values: &[(usize, &Value)]) -> Option<u32> {
    let strengths: Vec<i8> = values
        .iter()
        .filter_map(|(_, v)| label_strength(v.text()))
        .collect();
    let side = |positive: bool| {
        let mut seen: Vec<i8> = strengths
            .iter()
            .copied()
            .filter(|s| if positive { *s > 0 } else { *s < 0 })
            .collect();
        seen.sort_unstable();
        seen.dedup();
        seen.len()
    };
    let very = strengths.iter().any(|s| s.abs() >= 4);
    let by_strength =
        (side(true) >= 3 || side(false) >= 3 || very).then_some(if very { 9 } else { 7 });
    let by_code = values
        .iter()
        .filter(|(_, v)| matches!(parse_reading(v.text()), Some(Reading::Level { .. })))
        .filter_map(|(_, v)| answer_code_number(v.text()))
        .max()
        .filter(|max| *max > 5 && *max <= 11)
        .map(|max| if max >= 9 { 9 } else { 7 });
    match (by_strength, by_code) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// The answers of a rating or yes/no column, counted for their own statistics;
/// `None` for the other kinds. On a rating whose ends are labelled (`Not at all`, `2`
/// … `Completely`), the negative end is its lowest number and the other its highest.
pub(super) fn summarize(tally: &ColumnTally, kind: &SetAside) -> Option<ColumnSummary> {
    let filled = tally.values.iter().filter(|v| !v.text().is_empty());
    // A blank cell is a non-answer, as on a statement.
    let blank: u64 = tally
        .values
        .iter()
        .filter(|v| v.text().is_empty())
        .map(|v| v.count)
        .sum();
    match *kind {
        SetAside::Rating { min, max } => {
            let mut counts: BTreeMap<i64, u64> = BTreeMap::new();
            let mut non_answers = blank;
            for v in filled {
                let value = match integer(v.text()) {
                    Some(n) => n,
                    None if parse_reading(v.text()) == Some(Reading::NonAnswer) => {
                        non_answers += v.count;
                        continue;
                    }
                    None if is_negative(v.text()) => min,
                    None => max,
                };
                *counts.entry(value).or_default() += v.count;
            }
            Some(ColumnSummary::Rating {
                counts: counts.into_iter().collect(),
                non_answers,
            })
        }
        SetAside::YesNo => {
            let (mut yes, mut no, mut non_answers) = (0, 0, 0);
            for v in filled {
                if is_yes(v.text()) || integer(v.text()) == Some(1) {
                    yes += v.count;
                } else if is_yes_no(v.text()) || integer(v.text()) == Some(0) {
                    no += v.count;
                } else {
                    non_answers += v.count;
                }
            }
            // Only yeses (or only noes) beside blank cells is how a checkbox exports: a
            // blank there means "not ticked", not "no answer", and a share over the
            // ticked ones alone would read 100 %. Such a column gets no figure.
            if (yes == 0 || no == 0) && blank > 0 {
                return None;
            }
            Some(ColumnSummary::YesNo {
                yes,
                no,
                non_answers: non_answers + blank,
            })
        }
        _ => None,
    }
}

/// The smallest and largest whole numbers a column holds; (1, 5) when it holds none.
pub(super) fn numbers_seen(tally: &ColumnTally) -> (i64, i64) {
    tally
        .values
        .iter()
        .filter_map(|v| integer(v.text()))
        .fold(None, |seen, n| match seen {
            None => Some((n, n)),
            Some((low, high)) => Some((n.min(low), n.max(high))),
        })
        .unwrap_or((1, 5))
}

/// A Google Forms linear scale whose ends are labelled and middle numbered
/// (`Non, pas du tout`, `2`, `3`, `4`, `Oui, tout à fait`): a five-point one is read as
/// agreement, 1 at the negative end; any other length is a rating. `None` when the
/// column is not of that shape.
fn labelled_ends(tally: &ColumnTally, values: &[(usize, &Value)]) -> Option<ColumnKind> {
    let (numbers, labels): (Vec<_>, Vec<_>) = values
        .iter()
        .partition(|(_, v)| integer(v.text()).is_some());
    if labels.len() != 2 || numbers.is_empty() {
        return None;
    }
    let ints: Vec<i64> = numbers
        .iter()
        .filter_map(|(_, v)| integer(v.text()))
        .collect();
    let (min, max) = (*ints.iter().min()?, *ints.iter().max()?);
    if min < 2 {
        return None;
    }
    let points = max + 1;
    let negative = |text: &str| is_negative(text);
    let (low, high) = match (negative(labels[0].1.text()), negative(labels[1].1.text())) {
        (true, false) => (labels[0].0, labels[1].0),
        (false, true) => (labels[1].0, labels[0].0),
        // Which end is which cannot be told: not guessed.
        _ => {
            return Some(ColumnKind::Aside(SetAside::Unknown));
        }
    };
    if points != 5 {
        return Some(ColumnKind::Aside(SetAside::Rating {
            min: 1,
            max: points,
        }));
    }
    let readings = tally
        .values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            if i == low {
                Some(numeric(Level::StronglyDisagree))
            } else if i == high {
                Some(numeric(Level::StronglyAgree))
            } else {
                parse_reading(v.text())
            }
        })
        .collect();
    Some(ColumnKind::Agreement {
        readings,
        numbers_only: true,
    })
}

/// The words of a numbered scale point: `Everyday` for `(1) Everyday`; `None` for a
/// bare number or text that does not start with one.
fn point_label(text: &str) -> Option<&str> {
    let rest = text.trim().strip_prefix('(').unwrap_or(text.trim());
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    let words = rest[digits..].strip_prefix(')')?.trim();
    (digits > 0 && !words.is_empty()).then_some(words)
}

/// The agreement level of a number 1–5 (5: strongly agree).
fn level_of_number(n: i64) -> Option<Level> {
    Some(match n {
        5 => Level::StronglyAgree,
        4 => Level::Agree,
        3 => Level::Neutral,
        2 => Level::Disagree,
        1 => Level::StronglyDisagree,
        _ => return None,
    })
}

fn numeric(level: Level) -> Reading {
    Reading::Level {
        level,
        two_point: false,
        numeric: true,
    }
}

/// Whether an end label is the negative one (`Non, pas du tout`, `Not at all`,
/// `Strongly disagree`, `Gar nicht`).
fn is_negative(text: &str) -> bool {
    let key = format!(
        " {} ",
        crate::text::fold(text).replace(|c: char| !c.is_alphanumeric(), " ")
    );
    [
        " non ",
        " pas ",
        " not ",
        " no ",
        " never ",
        " jamais ",
        " nicht ",
        " nie ",
        " disagree ",
        " desaccord ",
        " nein ",
        " aucun ",
    ]
    .iter()
    .any(|w| key.contains(w))
}

/// Yes and no in French, English, German and Portuguese.
fn is_yes_no(text: &str) -> bool {
    let key = crate::text::fold(text);
    matches!(
        key.trim_end_matches(['.', '!']),
        "oui"
            | "non"
            | "yes"
            | "no"
            | "ja"
            | "nein"
            | "y"
            | "n"
            | "o"
            | "vrai"
            | "faux"
            | "true"
            | "false"
            | "sim"
            | "nao"
            | "si"
    )
}

/// The yes of [`is_yes_no`], or a ticked box (`1`).
fn is_yes(text: &str) -> bool {
    let key = crate::text::fold(text);
    matches!(
        key.trim_end_matches(['.', '!']).trim(),
        "oui" | "yes" | "ja" | "y" | "o" | "vrai" | "true" | "sim" | "si" | "1"
    )
}

/// A whole number, as a cell holds it (`7`, `7.0`, ` 10 `), or the position a
/// labelled scale point starts with (`(7) Very clear goals`, `7) …`, `(1)`): the number
/// is the scale's, the words only name it.
fn integer(text: &str) -> Option<i64> {
    let text = text.trim();
    let plain = text.strip_suffix(".0").unwrap_or(text);
    if !plain.is_empty()
        && plain.len() <= 6
        && let Ok(n) = plain.parse()
    {
        return Some(n);
    }
    let rest = text.strip_prefix('(').unwrap_or(text);
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 3 {
        return None;
    }
    rest[digits.len()..]
        .starts_with(')')
        .then(|| digits.parse().ok())?
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(cells: &[&str]) -> ColumnTally {
        let mut t = ColumnTally::default();
        for (row, cell) in cells.iter().enumerate() {
            t.add(cell.as_bytes(), None, row + 2);
        }
        t
    }

    #[test]
    fn agreement_labels_make_a_statement() {
        let t = tally(&["d'accord", "pas d'accord", "", "sans avis", "d'accord"]);
        assert!(matches!(
            classify(&t),
            ColumnKind::Agreement {
                numbers_only: false,
                ..
            }
        ));
        assert_eq!(t.values[0].count, 2);
        assert_eq!(t.values[0].rows, [2, 6]);
        assert_eq!(t.non_empty(), 4);
    }

    /// The readings of a column, value by value, in the order first met.
    fn read(cells: &[&str]) -> Vec<Option<Reading>> {
        match classify(&tally(cells)) {
            ColumnKind::Agreement { readings, .. } => readings,
            other => panic!("{cells:?}: {other:?}"),
        }
    }

    fn lv(level: Level, two_point: bool) -> Option<Reading> {
        Some(Reading::Level {
            level,
            two_point,
            numeric: false,
        })
    }

    fn wide(strength: i8, points: u8) -> Option<Reading> {
        Some(Reading::Wide { strength, points })
    }

    #[test]
    fn two_point_scale() {
        assert_eq!(
            read(&["d'accord", "pas d'accord", "d'accord"]),
            [lv(Level::Agree, true), lv(Level::Disagree, true)]
        );
    }

    #[test]
    fn four_point_scale() {
        assert_eq!(
            read(&[
                "Stimme vollständig zu",
                "Stimme eher zu",
                "Stimme eher nicht zu",
                "Stimme gar nicht zu"
            ]),
            [
                lv(Level::StronglyAgree, false),
                lv(Level::Agree, false),
                lv(Level::Disagree, false),
                lv(Level::StronglyDisagree, false)
            ]
        );
    }

    #[test]
    fn five_point_scale_keeps_two_strengths_a_side() {
        // `somewhat agree` is the agree level of a five-point scale.
        assert_eq!(
            read(&["Strongly agree", "Somewhat agree", "Neutral", "Disagree"]),
            [
                lv(Level::StronglyAgree, false),
                lv(Level::Agree, false),
                lv(Level::Neutral, false),
                lv(Level::Disagree, false)
            ]
        );
        let french = tally(&[
            "tout à fait d'accord",
            "plutôt d'accord",
            "plutôt pas d'accord",
        ]);
        assert!(matches!(classify(&french), ColumnKind::Agreement { .. }));
    }

    #[test]
    fn seven_point_scale_keeps_every_level() {
        let english = read(&[
            "Strongly agree",
            "Agree",
            "Somewhat agree",
            "Neither agree nor disagree",
            "Somewhat disagree",
            "Disagree",
            "Strongly disagree",
            "",
        ]);
        assert_eq!(
            english,
            [
                wide(3, 7),
                wide(2, 7),
                wide(1, 7),
                wide(0, 7),
                wide(-1, 7),
                wide(-2, 7),
                wide(-3, 7),
                Some(Reading::NonAnswer)
            ]
        );
        // LimeSurvey codes past 5 say seven points; the label, not the code, gives the
        // level (`Strongly Agree (1)` exists), and `Not Applicable (8)` is no answer.
        assert_eq!(
            read(&[
                "Agree (6)",
                "Neutral (4)",
                "Strongly Agree (1)",
                "Not Applicable (8)"
            ]),
            [wide(2, 7), wide(0, 7), wide(3, 7), Some(Reading::NonAnswer)]
        );
        // A bare number on a labelled scale fits no level: reported, not guessed.
        assert_eq!(
            read(&["Strongly agree", "Agree", "Somewhat agree", "4"]),
            [wide(3, 7), wide(2, 7), wide(1, 7), None]
        );
    }

    #[test]
    fn seven_point_scales_in_french_and_german() {
        let seven = [
            wide(3, 7),
            wide(2, 7),
            wide(1, 7),
            wide(0, 7),
            wide(-1, 7),
            wide(-2, 7),
            wide(-3, 7),
        ];
        assert_eq!(
            read(&[
                "Tout à fait d'accord",
                "D’accord",
                "Plutôt d'accord",
                "Ni d'accord ni pas d'accord",
                "Plutôt pas d'accord",
                "Pas d'accord",
                "Pas du tout d'accord"
            ]),
            seven
        );
        assert_eq!(
            read(&[
                "Stimme voll zu",
                "Stimme zu",
                "Stimme eher zu",
                "teils/teils",
                "Stimme eher nicht zu",
                "Stimme nicht zu",
                "Stimme gar nicht zu"
            ]),
            seven
        );
    }

    #[test]
    fn nine_point_scale_keeps_every_level() {
        assert_eq!(
            read(&[
                "Very strongly agree",
                "Strongly agree",
                "Agree",
                "Somewhat agree",
                "Neutral",
                "Disagree",
                "Very strongly disagree"
            ]),
            [
                wide(4, 9),
                wide(3, 9),
                wide(2, 9),
                wide(1, 9),
                wide(0, 9),
                wide(-2, 9),
                wide(-4, 9)
            ]
        );
        // Codes reaching 9 make nine points even when the ends went unused.
        assert_eq!(
            read(&[
                "Strongly agree (9)",
                "Agree (7)",
                "Neutral (5)",
                "Disagree (3)"
            ]),
            [wide(3, 9), wide(2, 9), wide(0, 9), wide(-2, 9)]
        );
    }

    #[test]
    fn two_labels_of_one_strength_set_the_scale_aside() {
        // `somewhat` and `slightly` are both the mildest strength: which is nearer
        // the middle cannot be told, so nothing is merged.
        assert_eq!(
            classify(&tally(&[
                "Strongly agree",
                "Agree",
                "Somewhat agree",
                "Slightly agree",
                "Disagree"
            ])),
            ColumnKind::Aside(SetAside::WideAgreement { points: 7 })
        );
    }

    /// A made-up personal code's digits look like a 0–9 rating: the header says
    /// otherwise, and its values are never summarised.
    #[test]
    fn a_personal_code_is_identity_however_long_its_header() {
        use super::super::headers::names_identity;
        use crate::input::values::header_key;
        let long = "IndiCode[SQ005]. Thank you for participating in our research study. To \
                    receive credit, please create a personal code. [Last number of your year \
                    of birth]";
        assert!(names_identity(&header_key(long)));
        assert!(names_identity(&header_key("Ihr persönlicher Code")));
        assert!(names_identity(&header_key("Full name")));
        assert!(!names_identity(&header_key(
            "PuLQ1. Right now, I have clear goals and a name for them in my daily life"
        )));
    }

    #[test]
    fn ratings_and_yes_no_are_summarised() {
        let rating = tally(&["(1) No goals", "(2)", "7) Clear", "2", "N/A", ""]);
        let kind = SetAside::Rating { min: 1, max: 7 };
        assert_eq!(classify(&rating), ColumnKind::Aside(kind));
        assert_eq!(
            summarize(&rating, &kind),
            Some(ColumnSummary::Rating {
                counts: vec![(1, 1), (2, 2), (7, 1)],
                // `N/A` and the blank cell.
                non_answers: 2
            })
        );
        // Labelled ends: the negative one is the lowest point, the other the highest.
        let ends = tally(&["Pas du tout", "3", "Tout à fait", "3", "6"]);
        let ColumnKind::Aside(kind) = classify(&ends) else {
            panic!()
        };
        assert_eq!(
            summarize(&ends, &kind),
            Some(ColumnSummary::Rating {
                counts: vec![(1, 1), (3, 2), (6, 1), (7, 1)],
                non_answers: 0
            })
        );
        // A checkbox: ticked "Oui" or blank; no figure (the blanks are "not ticked").
        let checkbox = tally(&["Oui", "", "", "Oui", ""]);
        assert_eq!(summarize(&checkbox, &SetAside::YesNo), None);
        // Unanimous and every cell filled: a real answer of 100 % yes.
        let unanimous = tally(&["Yes", "Yes", "Yes"]);
        assert_eq!(
            summarize(&unanimous, &SetAside::YesNo),
            Some(ColumnSummary::YesNo {
                yes: 3,
                no: 0,
                non_answers: 0
            })
        );
        let yes_no = tally(&["Oui", "Non", "oui", "NSP", "", "Non"]);
        assert_eq!(classify(&yes_no), ColumnKind::Aside(SetAside::YesNo));
        assert_eq!(
            summarize(&yes_no, &SetAside::YesNo),
            Some(ColumnSummary::YesNo {
                yes: 2,
                no: 2,
                // `NSP` and the blank cell.
                non_answers: 2
            })
        );
        let codes = tally(&["1", "0", "1", "1.0"]);
        assert_eq!(
            summarize(&codes, &SetAside::YesNo),
            Some(ColumnSummary::YesNo {
                yes: 3,
                no: 1,
                non_answers: 0
            })
        );
        assert_eq!(summarize(&codes, &SetAside::FreeText), None);
    }

    #[test]
    fn numbers_beyond_five_are_a_rating_not_agreement() {
        assert_eq!(
            classify(&tally(&["1", "4", "7", "3"])),
            ColumnKind::Aside(SetAside::Rating { min: 1, max: 7 })
        );
        assert_eq!(
            classify(&tally(&["0", "10", "8"])),
            ColumnKind::Aside(SetAside::Rating { min: 0, max: 10 })
        );
        assert_eq!(
            classify(&tally(&["34", "4", "61"])),
            ColumnKind::Aside(SetAside::Rating { min: 4, max: 61 })
        );
        assert!(matches!(
            classify(&tally(&["1", "5", "4", "2"])),
            ColumnKind::Agreement {
                numbers_only: true,
                ..
            }
        ));
    }

    #[test]
    fn numbered_scale_points_are_their_number() {
        // LimeSurvey arrays whose points are written `(n) label`: a 1–7 rating.
        let t = tally(&["(7) Very clear goals", "(4)", "(1) No goals", "3) Some"]);
        assert_eq!(
            classify(&t),
            ColumnKind::Aside(SetAside::Rating { min: 1, max: 7 })
        );
        assert_eq!(integer("(12) x"), Some(12));
        // Five numbered points whose words are not agreement: a rating, not agreement.
        let frequency = tally(&["(1) Everyday", "(3) Half of the days", "(5) Never"]);
        assert_eq!(
            classify(&frequency),
            ColumnKind::Aside(SetAside::Rating { min: 1, max: 5 })
        );
        let agreement = tally(&[
            "(1) Strongly disagree",
            "(2) Disagree",
            "(5) Strongly agree",
        ]);
        assert!(matches!(classify(&agreement), ColumnKind::Agreement { .. }));
        assert_eq!(integer("d'accord (5)"), None);
        assert_eq!(integer("(a) b"), None);
    }

    #[test]
    fn yes_no_and_ticked_boxes() {
        assert_eq!(
            classify(&tally(&["Oui", "Non", "oui"])),
            ColumnKind::Aside(SetAside::YesNo)
        );
        assert_eq!(
            classify(&tally(&["Ja", "Nein", ""])),
            ColumnKind::Aside(SetAside::YesNo)
        );
        assert_eq!(
            classify(&tally(&["1", "", "1"])),
            ColumnKind::Aside(SetAside::YesNo)
        );
        assert_eq!(
            classify(&tally(&["0", "1"])),
            ColumnKind::Aside(SetAside::YesNo)
        );
    }

    #[test]
    fn labelled_ends_with_numbered_middle() {
        let t = tally(&["Non, pas du tout", "2", "3", "4", "Oui, tout à fait", "2"]);
        let ColumnKind::Agreement { readings, .. } = classify(&t) else {
            panic!("{:?}", classify(&t));
        };
        assert_eq!(readings[0], Some(numeric(Level::StronglyDisagree)));
        assert_eq!(readings[4], Some(numeric(Level::StronglyAgree)));
        assert_eq!(readings[1], Some(numeric(Level::Disagree)));
        // Seven points with labelled ends: a rating.
        let seven = tally(&["Not at all", "3", "6", "Completely"]);
        assert_eq!(
            classify(&seven),
            ColumnKind::Aside(SetAside::Rating { min: 1, max: 7 })
        );
        // Ends that cannot be told apart are not guessed.
        let unclear = tally(&["Bleu", "2", "3", "Rouge"]);
        assert!(matches!(
            classify(&unclear),
            ColumnKind::Aside(SetAside::Unknown)
        ));
    }

    #[test]
    fn free_text_and_unknown_values() {
        let names: Vec<String> = (0..12).map(|i| format!("Personne {i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        assert_eq!(
            classify(&tally(&names)),
            ColumnKind::Aside(SetAside::FreeText)
        );
        assert_eq!(
            classify(&tally(&[
                "Très bonne ambiance, merci à toute l'équipe du conseil",
                "Plus de temps pour les échanges entre les membres"
            ])),
            ColumnKind::Aside(SetAside::FreeText)
        );
        assert_eq!(
            classify(&tally(&["Rouge", "Vert", "Bleu"])),
            ColumnKind::Aside(SetAside::Unknown)
        );
        assert_eq!(
            classify(&tally(&["", " "])),
            ColumnKind::Aside(SetAside::Empty)
        );
        // Misspelt labels stay a statement, to be corrected.
        assert!(matches!(
            classify(&tally(&["d'acord", "pas d'acord", "d'accord"])),
            ColumnKind::Agreement { .. }
        ));
    }

    #[test]
    fn a_column_of_many_distinct_cells_stops_being_tallied() {
        let mut t = ColumnTally::default();
        for i in 0..(MAX_DISTINCT + 10) {
            t.add(format!("texte {i}").as_bytes(), None, i);
        }
        assert!(t.overflow);
        assert!(t.values.is_empty());
        assert_eq!(classify(&t), ColumnKind::Aside(SetAside::FreeText));
    }

    #[test]
    fn counts_follow_groups_in_the_order_they_answered() {
        let mut t = ColumnTally::default();
        t.add(b"d'accord", Some(GroupKey(3)), 2);
        t.add(b"pas d'accord", None, 3);
        t.add(b"d'accord", Some(GroupKey(3)), 4);
        t.add(b"d'accord", None, 5);
        assert_eq!(t.groups, [Some(GroupKey(3)), None]);
        assert_eq!(t.counts, [vec![2, 0], vec![1, 1]]);
        // Past the linear lookup, the index finds the same values.
        for i in 0..40 {
            t.add(format!("{}", i % 20).as_bytes(), None, 10 + i);
        }
        assert_eq!(
            t.values.iter().find(|v| v.raw == b"7").map(|v| v.count),
            Some(2)
        );
        t.add(b"d'accord", None, 99);
        assert_eq!(t.values[0].count, 4);
    }
}
