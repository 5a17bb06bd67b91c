//! Once a survey file is read: each tallied column typed, its answers sent to the sink
//! if it is an agreement statement, the others set aside with their reason; then the
//! diagnostics — every answer that fits no scale at its rows, and one line per kind of
//! column set aside. A value of a column set aside is never shown: such columns may
//! hold names, e-mail addresses or free comments.

use super::Column;
use super::columns::{ColumnKind, classify, summarize};
use super::headers::{heading, stated_scale};
use crate::diagnostics::{Code, Diagnostic, Diagnostics, Severity, did_you_mean};
use crate::input::values::answer_labels;
use crate::input::{Limiter, MAX_CELL_CHARS, Place};
use crate::messages::Message;
use crate::model::{ColumnSummary, SetAside, SurveySink};
use crate::msg;

/// Headers named in a summary line before "and N more".
const NAMED: usize = 3;

/// Types every column, sends the statements' answers to `sink` and reports, with the
/// problems `located` while reading, in the order of the file. Returns how many
/// columns were read as statements.
pub(super) fn finish(
    place: &Place<'_>,
    header_line: usize,
    columns: Vec<Column>,
    located: Vec<(usize, Diagnostic)>,
    sink: &mut dyn SurveySink,
    limiter: &mut Limiter,
    diags: &mut Diagnostics,
) -> (usize, usize) {
    let mut statements = 0;
    let mut bad: Vec<(usize, usize, Diagnostic)> =
        located.into_iter().map(|(row, d)| (row, 0, d)).collect();
    let mut skipped: Vec<(Code, usize)> = Vec::new();
    let mut numbers_only: Vec<String> = Vec::new();
    let mut aside: Vec<(SetAside, String)> = Vec::new();
    let mut summaries: Vec<(String, ColumnSummary)> = Vec::new();
    for (index, column) in columns.into_iter().enumerate() {
        let kind = match (classify(&column.tally), stated_scale(&column.label)) {
            // Numbers 1–5 on a scale its header says is wider (`(1-7)`, `0 à 10`):
            // points of that scale nobody rated higher, not agreement levels.
            (
                ColumnKind::Agreement {
                    numbers_only: true, ..
                },
                Some((low, high)),
            ) => {
                let seen = super::columns::numbers_seen(&column.tally);
                ColumnKind::Aside(SetAside::Rating {
                    min: low.unwrap_or(seen.0).min(seen.0),
                    max: high.max(seen.1),
                })
            }
            (kind, _) => kind,
        };
        let readings = match kind {
            ColumnKind::Agreement {
                readings,
                numbers_only: numbers,
            } => {
                if numbers {
                    numbers_only.push(column.label.clone());
                }
                readings
            }
            ColumnKind::Aside(reason) => {
                if let Some(summary) = summarize(&column.tally, &reason) {
                    summaries.push((column.label.clone(), summary));
                }
                aside.push((reason, column.label));
                continue;
            }
        };
        let tally = &column.tally;
        let key = sink.statement(&column.text);
        if let Some(question) = &column.question {
            sink.question(key, question);
        }
        statements += 1;
        for (g, group) in tally.groups.iter().enumerate() {
            for (v, reading) in readings.iter().enumerate() {
                let n = tally.counts[g][v];
                if let (Some(reading), true) = (reading, n > 0) {
                    sink.answers(key, *group, *reading, n);
                }
            }
        }
        for (v, value) in tally.values.iter().enumerate() {
            if readings[v].is_some() {
                continue;
            }
            let text = value.text();
            let chars = text.chars().count();
            let (code, message, hint) = if chars > MAX_CELL_CHARS {
                (
                    Code::CellTooLong,
                    msg!("survey-cell-too-long", chars = chars),
                    msg!("survey-cell-too-long-hint"),
                )
            } else {
                let shown: String = text.chars().take(80).collect();
                let hint = match did_you_mean(text, answer_labels()) {
                    Some(close) => msg!("did-you-mean", label = close),
                    None => msg!("survey-unknown-answer-hint"),
                };
                (
                    Code::UnknownAnswer,
                    msg!("survey-unknown-answer", value = shown),
                    hint,
                )
            };
            for &row in &value.rows {
                let d = place
                    .error(code, message.clone())
                    .row(row)
                    .column(column.label.as_str())
                    .hint(hint.clone());
                bad.push((row, index, d));
            }
            let unlisted = value.count.saturating_sub(value.rows.len() as u64);
            skipped.push((code, unlisted as usize));
        }
    }
    // In the order of the file, as a person reads it.
    bad.sort_by_key(|(row, index, _)| (*row, *index));
    for (_, _, d) in bad {
        limiter.push(diags, d);
    }
    for (code, n) in skipped {
        limiter.skip(code, Severity::Error, n);
    }
    if !numbers_only.is_empty() {
        let mut d = place
            .warning(
                Code::NumbersAsAgreement,
                msg!(
                    "survey-numbers-as-agreement",
                    count = numbers_only.len(),
                    columns = named(&numbers_only)
                ),
            )
            .row(header_line)
            .hint(msg!("survey-numbers-as-agreement-hint"));
        if let [label] = numbers_only.as_slice() {
            d = d.column(label.as_str());
        }
        diags.push(d);
    }
    for what in ASIDE_KINDS {
        let labels: Vec<String> = aside
            .iter()
            .filter(|(reason, _)| kind(reason) == what)
            .map(|(_, label)| label.clone())
            .collect();
        if labels.is_empty() {
            continue;
        }
        let (code, hint) = match what {
            "free-text" => (Code::FreeTextColumn, msg!("survey-aside-free-text-hint")),
            "wide-agreement" => (Code::LeftAside, msg!("survey-aside-wide-agreement-hint")),
            "rating" => (Code::LeftAside, msg!("survey-aside-rating-hint")),
            "yes-no" => (Code::LeftAside, msg!("survey-aside-yes-no-hint")),
            "answer-codes" => (Code::LeftAside, msg!("survey-aside-answer-codes-hint")),
            "single-choice" | "multiple-choice" => {
                (Code::LeftAside, msg!("survey-aside-choice-hint"))
            }
            "empty" => (Code::LeftAside, msg!("survey-aside-empty-hint")),
            _ => (Code::LeftAside, msg!("survey-aside-unknown-hint")),
        };
        let mut d = place
            .warning(
                code,
                msg!(
                    "survey-aside",
                    count = labels.len(),
                    what = what,
                    columns = named(&labels)
                ),
            )
            .row(header_line)
            .hint(hint);
        if let [label] = labels.as_slice() {
            d = d.column(label.as_str());
        }
        diags.push(d);
    }
    for (reason, label) in aside {
        sink.set_aside(place.file, &heading(&label), reason);
    }
    let summarised = summaries.len();
    for (label, summary) in summaries {
        sink.summary(place.file, &heading(&label), summary);
    }
    (statements, summarised)
}

/// The kinds of columns set aside, in the order they are reported, by the name the
/// messages select on.
const ASIDE_KINDS: [&str; 9] = [
    "answer-codes",
    "wide-agreement",
    "rating",
    "yes-no",
    "single-choice",
    "multiple-choice",
    "free-text",
    "empty",
    "unknown",
];

/// The name of `reason`'s kind in [`ASIDE_KINDS`].
fn kind(reason: &SetAside) -> &'static str {
    match reason {
        SetAside::WideAgreement { .. } => "wide-agreement",
        SetAside::Rating { .. } => "rating",
        SetAside::YesNo => "yes-no",
        SetAside::SingleChoice => "single-choice",
        SetAside::MultipleChoice => "multiple-choice",
        SetAside::AnswerCodes => "answer-codes",
        SetAside::FreeText => "free-text",
        SetAside::Empty => "empty",
        SetAside::Unknown => "unknown",
    }
}

/// `"A", "B", "C" and 4 more` — headers, never values.
fn named(labels: &[String]) -> Message {
    let shown: Vec<String> = labels
        .iter()
        .take(NAMED)
        .map(|l| {
            let short: String = l.chars().take(60).collect();
            if short.len() < l.len() {
                format!("\"{short}…\"")
            } else {
                format!("\"{short}\"")
            }
        })
        .collect();
    msg!(
        "survey-named-columns",
        shown = shown.join(", "),
        more = labels.len().saturating_sub(NAMED)
    )
}
