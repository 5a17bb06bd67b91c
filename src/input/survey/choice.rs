//! Choice questions told from free text, by the shape of their answers alone: a
//! single-choice question (or a scale of other words than agreement: `Sehr wichtig` …
//! `Nicht wichtig`) repeats a few answers; a multiple-choice question (a Google Forms
//! checkbox, a Qualtrics multi-select) joins a few options in one cell with `, ` or
//! `;`. Neither is a statement: the column is set aside under its kind, so that the
//! method annex and the warnings say what it is. Answers that are only codes (`A1`,
//! `AO01`: a LimeSurvey export of answer codes rather than full answers) are told
//! apart, so that the user is asked for the labels. Knows nothing of files or
//! diagnostics.

use std::collections::{HashMap, HashSet};

use crate::model::SetAside;

/// Most options a choice question is taken to offer; more distinct answers (or, for a
/// multiple choice, more distinct options) are free text.
const MAX_OPTIONS: usize = 20;
/// How often each answer of a column of more than [`MAX_OPTIONS`] different answers
/// must come on average for the column to be a choice.
const MANY_OPTIONS_REPEATS: u64 = 8;
/// Fewest cells before repeated answers say "choice" rather than a few comments.
const MIN_CELLS: u64 = 5;
/// The longest cell looked at as a join of options, in bytes (twenty options of four
/// hundred bytes).
const MAX_JOINED: usize = 8192;
/// What joins the options ticked in one cell, tried in this order.
const SEPARATORS: [char; 2] = [';', ','];

/// The choice kind of a column whose distinct values (neither blank nor a non-answer,
/// with how many cells held each) are no scale, or `None` when they read as free text.
pub(super) fn choice(texts: &[(&str, u64)]) -> Option<SetAside> {
    if texts.len() >= 2 && texts.iter().all(|(t, _)| is_answer_code(t)) {
        return Some(SetAside::AnswerCodes);
    }
    let cells: u64 = texts.iter().map(|(_, n)| n).sum();
    if cells < MIN_CELLS {
        return None;
    }
    if SEPARATORS.iter().any(|&sep| multiple(texts, sep)) {
        return Some(SetAside::MultipleChoice);
    }
    // Each of a few answers given twice on average, or each of many (a list of events
    // or places) given eight times: options picked, not sentences written.
    let distinct = texts.len() as u64;
    let picked = distinct <= MAX_OPTIONS as u64 && cells >= 2 * distinct
        || cells >= MANY_OPTIONS_REPEATS * distinct;
    picked.then_some(SetAside::SingleChoice)
}

/// An answer code as LimeSurvey exports them instead of the answer's words: one to
/// three letters then one to three digits (`A1`, `A12`, `AO01`, `SQ005`).
fn is_answer_code(text: &str) -> bool {
    let letters = text.chars().take_while(char::is_ascii_uppercase).count();
    let digits = text[letters..]
        .chars()
        .take_while(char::is_ascii_digit)
        .count();
    (1..=3).contains(&letters) && (1..=3).contains(&digits) && letters + digits == text.len()
}

/// Whether cells join options with `sep`: some cell is a join of answers that other
/// cells hold alone (`A., B.` beside `A.` and `B.`, whatever commas the options
/// themselves hold), or the parts between separators are a few options, each met in
/// two different cells on average (one comment holding a `;` is no checkbox). Split at commas, every part must start as an option does, not in
/// lower case: `Oui, souvent` is one option, `Laptop,Desktop` two.
fn multiple(texts: &[(&str, u64)], sep: char) -> bool {
    if !texts.iter().any(|(t, _)| t.contains(sep)) {
        return false;
    }
    let alone: HashSet<&str> = texts.iter().map(|(t, _)| *t).collect();
    if texts.iter().any(|(t, _)| joins_options(t, sep, &alone)) {
        return true;
    }
    // Each part: in how many different cells it is met.
    let mut parts: HashMap<&str, usize> = HashMap::new();
    let mut joined = 0;
    for (text, _) in texts {
        let mut own: Vec<&str> = text
            .split(sep)
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        joined += usize::from(own.len() > 1);
        own.sort_unstable();
        own.dedup();
        for part in own {
            *parts.entry(part).or_default() += 1;
        }
    }
    let met: usize = parts.values().sum();
    let capitalised = sep != ',' || parts.keys().all(|p| !p.starts_with(char::is_lowercase));
    capitalised && joined >= 2 && parts.len() <= MAX_OPTIONS && met >= 2 * parts.len()
}

/// Whether `text` splits at some of its separators into two options or more, each one
/// of `options`. A cell longer than [`MAX_JOINED`] bytes is no such join (and is not
/// tried: the splits to try grow with the square of its separators).
fn joins_options(text: &str, sep: char, options: &HashSet<&str>) -> bool {
    if text.len() > MAX_JOINED {
        return false;
    }
    // Part `k` of `text` is `text[starts[k]..ends[k]]`.
    let seps: Vec<usize> = text.match_indices(sep).map(|(i, _)| i).collect();
    let parts = seps.len() + 1;
    if !(2..=4 * MAX_OPTIONS).contains(&parts) {
        return false;
    }
    let starts: Vec<usize> = std::iter::once(0)
        .chain(seps.iter().map(|i| i + sep.len_utf8()))
        .collect();
    let ends: Vec<usize> = seps
        .iter()
        .copied()
        .chain(std::iter::once(text.len()))
        .collect();
    // `most[i]`: the most options parts `..i` split into (None: they do not).
    let mut most: Vec<Option<usize>> = vec![None; parts + 1];
    most[0] = Some(0);
    for end in 1..=parts {
        for start in 0..end {
            let Some(before) = most[start] else {
                continue;
            };
            if options.contains(text[starts[start]..ends[end - 1]].trim()) {
                let n = before + 1;
                if most[end].is_none_or(|best| n > best) {
                    most[end] = Some(n);
                }
            }
        }
    }
    most[parts].is_some_and(|n| n >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(cells: &[(&str, u64)]) -> Option<SetAside> {
        choice(cells)
    }

    #[test]
    fn a_checkbox_whose_options_hold_commas_is_a_multiple_choice() {
        // Google Forms joins ticked options with ", " though the options hold ", ".
        let a = "Oui, j'aimerais mieux comprendre la démarche.";
        let b = "Oui, j'aimerais savoir agir davantage.";
        let both = format!("{a}, {b}");
        let cells = [
            (a, 11),
            (both.as_str(), 7),
            ("Non, cela ne m'intéresse pas.", 3),
            ("Non, je connais suffisamment.", 7),
            (b, 7),
        ];
        assert_eq!(kind(&cells), Some(SetAside::MultipleChoice));
    }

    #[test]
    fn combinations_of_a_few_options_are_a_multiple_choice() {
        // No combination's options are all met alone: the parts tell it.
        let cells = [
            ("Laptop,Desktop", 6),
            ("Laptop,Tablet", 4),
            ("Desktop,Tablet,Phone", 2),
            ("Laptop,Phone", 3),
        ];
        assert_eq!(kind(&cells), Some(SetAside::MultipleChoice));
    }

    #[test]
    fn options_holding_commas_picked_one_at_a_time_are_a_single_choice() {
        let cells = [("Oui, souvent", 8), ("Oui, parfois", 6), ("Non, jamais", 9)];
        assert_eq!(kind(&cells), Some(SetAside::SingleChoice));
    }

    #[test]
    fn a_few_answers_repeated_are_a_single_choice() {
        let cells = [
            ("Personnel enseignant", 14),
            ("Personnel administratif", 21),
        ];
        assert_eq!(kind(&cells), Some(SetAside::SingleChoice));
        let scale = [
            ("Sehr wichtig", 9),
            ("Wichtig", 12),
            ("Mäßig wichtig", 5),
            ("Nicht wichtig", 2),
        ];
        assert_eq!(kind(&scale), Some(SetAside::SingleChoice));
    }

    #[test]
    fn many_options_each_picked_often_are_a_single_choice() {
        let events: Vec<String> = (1..=60).map(|i| format!("Workshop {i} (Online)")).collect();
        let often: Vec<(&str, u64)> = events.iter().map(|e| (e.as_str(), 9)).collect();
        assert_eq!(kind(&often), Some(SetAside::SingleChoice));
        let seldom: Vec<(&str, u64)> = events.iter().map(|e| (e.as_str(), 3)).collect();
        assert_eq!(kind(&seldom), None);
    }

    #[test]
    fn answer_codes_are_told_apart() {
        let codes = [("AO01", 4), ("AO02", 9), ("AO05", 2)];
        assert_eq!(kind(&codes), Some(SetAside::AnswerCodes));
        assert_eq!(kind(&[("A1", 1), ("A4", 1)]), Some(SetAside::AnswerCodes));
        // Words, lower case, or one code alone: not codes.
        assert_ne!(kind(&[("Oui", 9), ("Non", 9)]), Some(SetAside::AnswerCodes));
        assert_ne!(kind(&[("a1", 9), ("a2", 9)]), Some(SetAside::AnswerCodes));
        assert_ne!(kind(&[("A1", 9)]), Some(SetAside::AnswerCodes));
        assert_ne!(
            kind(&[("A1234", 9), ("B2", 9)]),
            Some(SetAside::AnswerCodes)
        );
    }

    #[test]
    fn comments_are_no_choice() {
        // Sentences with commas, each written once.
        let comments = [
            ("Trop long, mais utile.", 1),
            ("Rien à ajouter.", 1),
            ("D'abord le budget, puis les transports", 2),
            (
                "Plus de réunions, moins de courriels, et des comptes rendus",
                1,
            ),
            ("RAS", 4),
            ("Je ne sais pas", 2),
            ("Bonne initiative, questions longues.", 1),
            ("Voir réponse précédente", 1),
        ];
        assert_eq!(kind(&comments), None);
        // One comment holding a separator, beside answers repeated.
        let repeated = [
            (
                "Ça dépend des jours ; certains jours ça va, d'autres non.",
                4,
            ),
            ("RAS", 4),
            ("Je ne sais pas", 2),
            ("Rien à ajouter.", 1),
        ];
        assert_ne!(kind(&repeated), Some(SetAside::MultipleChoice));
        // A long cell of many separators is no join, and costs no square of them.
        let long = "a, ".repeat(5_000);
        let hostile: Vec<(&str, u64)> = vec![(long.as_str(), 3), ("a", 3)];
        assert_eq!(kind(&hostile), Some(SetAside::SingleChoice));
        // Too few cells to tell.
        assert_eq!(kind(&[("Je ne sais pas", 2)]), None);
        assert_eq!(kind(&[("RAS", 1), ("Rien", 1), ("Non", 1)]), None);
    }
}
