//! Reading single values as people write them: proposal statuses, survey answer labels,
//! due dates and periods, progress percentages.
//!
//! Pure functions over text: no I/O, no diagnostics (callers locate the problem).

use std::sync::LazyLock;

use time::{Date, Month};

use super::Cell;
use crate::config::Lang;
use crate::model::{Due, Level, Reading, Status};
use crate::text::fold;

// ---------------------------------------------------------------------------
// Statuses

/// The ways registers write each status, French and English. Matching ignores case,
/// accents, punctuation, plural and feminine endings, and reads any 4-digit year as
/// the same year (`réalisable en 2026` or `en 2027`). A wording that is not one of
/// these is refused, with the closest label offered (spec §4.1): a register is an
/// official record, so a status is never guessed from a keyword.
const STATUS_WORDINGS: &[(Status, &[&str])] = &[
    (
        Status::Accepted,
        &[
            "accepted",
            "acceptée",
            "acceptée (réalisable en 2026)",
            "acceptée et réalisable en 2026",
            "acceptée, réalisable en 2026",
            "acceptée pour 2026",
            "réalisable en 2026",
            "retenue",
            "adoptée",
            "approuvée",
            "validée",
            "approved",
            "adopted",
            "accepted (feasible in 2026)",
            "accepted and feasible in 2026",
        ],
    ),
    (
        Status::AcceptedModified,
        &[
            "accepted_modified",
            "acceptée mais modifiée",
            "acceptée avec modifications",
            "acceptée avec modification",
            "acceptée sous une autre forme",
            "acceptée sous une forme modifiée",
            "retenue mais modifiée",
            "partiellement acceptée",
            "partiellement retenue",
            "accepted with changes",
            "accepted with modifications",
            "accepted with amendments",
            "accepted but modified",
            "accepted in a modified form",
            "partially accepted",
        ],
    ),
    (
        Status::Escalated,
        &[
            "escalated",
            "acceptée, transversale, remontée à la DGA",
            "acceptée mais transversale, remontée à la DGA",
            "acceptée mais transversale et remontée à la DGA",
            "acceptée mais de nature transversale et donc remontée à la DGA",
            "acceptée, de nature transversale, remontée à la DGA",
            "acceptée mais transversale",
            "acceptée et transversale",
            "acceptée, transversale",
            "transversale, remontée à la DGA",
            "transversale",
            "remontée à la DGA",
            "accepted, escalated (cross-cutting)",
            "accepted, escalated",
            "accepted but cross-cutting",
            "escalated (cross-cutting)",
            "cross-cutting",
        ],
    ),
    (
        Status::UnderStudy,
        &[
            "under_study",
            "encore à l'étude",
            "à l'étude",
            "en cours d'étude",
            "en étude",
            "à étudier",
            "en cours d'examen",
            "en cours d'instruction",
            "en cours d'évaluation",
            "under study",
            "under review",
            "being studied",
            "still under study",
            "evaluating",
            "in evaluation",
        ],
    ),
    (
        Status::ToClarify,
        &[
            "to_clarify",
            "à éclaircir",
            "à clarifier",
            "à préciser",
            "à reformuler",
            "éclaircissement nécessaire",
            "nécessite un éclaircissement",
            "nécessite un petit éclaircissement",
            "demande de précisions",
            "needs clarification",
            "need clarification",
            "clarification needed",
            "to clarify",
            "to be clarified",
        ],
    ),
    (
        Status::Rejected,
        &[
            "rejected",
            "non retenue",
            "non acceptée",
            "non adoptée",
            "pas retenue",
            "refusée",
            "rejetée",
            "not accepted",
            "not retained",
            "declined",
            "refused",
        ],
    ),
    (
        Status::OutOfScope,
        &[
            "out_of_scope",
            "hors périmètre",
            "hors du périmètre",
            "hors compétence",
            "hors champ",
            "hors champ de compétence",
            "outside remit",
            "outside our remit",
            "outside the remit",
            "out of scope",
            "out of remit",
        ],
    ),
    (
        Status::Unanswered,
        &[
            "unanswered",
            "not_answered",
            "sans réponse",
            "pas de réponse",
            "pas encore de réponse",
            "réponse à venir",
            "en attente",
            "en attente de réponse",
            "not answered yet",
            "not answered",
            "no answer",
            "no answer yet",
            "awaiting answer",
            "awaiting an answer",
        ],
    ),
    (
        Status::Withdrawn,
        &[
            "withdrawn",
            "retirée",
            "retirée par le conseil",
            "retirée par ses auteurs",
            "abandonnée",
            "withdrawn by the council",
        ],
    ),
];

/// Out-of-scope wordings often go on to name the remit (`hors périmètre des
/// compétences de l'EMS`): these beginnings are enough.
const OUT_OF_SCOPE_PREFIXES: &[&str] = &["hors périmètre", "hors du périmètre", "hors compétence"];

static STATUS_KEYS: LazyLock<Vec<(String, Status)>> = LazyLock::new(|| {
    STATUS_WORDINGS
        .iter()
        .flat_map(|(status, wordings)| wordings.iter().map(|w| (status_key(w), *status)))
        .collect()
});

static OUT_OF_SCOPE_KEYS: LazyLock<Vec<String>> = LazyLock::new(|| {
    OUT_OF_SCOPE_PREFIXES
        .iter()
        .map(|p| status_key(p))
        .collect()
});

/// The status a label names, or the closest known label (for "did you mean") when none.
///
/// Accepts the canonical codes (`accepted_modified`), the French and English labels of
/// spec §4.1 in singular or plural, feminine or not, with or without accents, and the
/// wordings registers use (`acceptées, mais de nature transversale et donc remontées à
/// la DGA`, `non acceptée`, `hors périmètre des compétences de l'EMS`…).
pub fn match_status(label: &str) -> Result<Status, Option<&'static str>> {
    let key = status_key(label);
    if key.is_empty() {
        return Err(None);
    }
    if let Some((_, status)) = STATUS_KEYS.iter().find(|(k, _)| *k == key) {
        return Ok(*status);
    }
    if OUT_OF_SCOPE_KEYS
        .iter()
        .any(|p| key.starts_with(p.as_str()) && key.as_bytes().get(p.len()) == Some(&b' '))
    {
        return Ok(Status::OutOfScope);
    }
    Err(crate::diagnostics::did_you_mean(label, status_labels()))
}

/// Every status label, French then English.
pub(crate) fn status_labels() -> impl Iterator<Item = &'static str> {
    Status::ALL
        .into_iter()
        .map(|s| s.label(Lang::Fr))
        .chain(Status::ALL.into_iter().map(|s| s.label(Lang::En)))
}

/// Folded, punctuation dropped, plural and feminine endings cut, years made `#`,
/// a leading `propositions` / `préconisations` dropped.
fn status_key(label: &str) -> String {
    let folded = fold(label);
    let spaced: String = folded
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<String> = spaced
        .split_whitespace()
        .map(|w| {
            if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
                "#".to_string()
            } else {
                stem(w)
            }
        })
        .collect();
    while words.len() > 1 && matches!(words[0].as_str(), "proposition" | "preconisation") {
        words.remove(0);
    }
    words.join(" ")
}

/// Cuts a final `s`, then final `e`s: `acceptées` → `accept`, `modifié` → `modifi`.
fn stem(word: &str) -> String {
    let mut w = word;
    if w.len() > 3 {
        w = w.strip_suffix('s').unwrap_or(w);
    }
    while w.len() > 3 && w.ends_with('e') {
        w = &w[..w.len() - 1];
    }
    w.to_string()
}

// ---------------------------------------------------------------------------
// Survey answers

const fn level(level: Level) -> Reading {
    Reading::Level {
        level,
        two_point: false,
        numeric: false,
    }
}

const fn two_point(level: Level) -> Reading {
    Reading::Level {
        level,
        two_point: true,
        numeric: false,
    }
}

const ANSWER_LABELS: &[(&str, Reading)] = &[
    // The 2-point wording of a débat mouvant.
    ("d'accord", two_point(Level::Agree)),
    ("pas d'accord", two_point(Level::Disagree)),
    ("en désaccord", two_point(Level::Disagree)),
    ("désaccord", two_point(Level::Disagree)),
    // French Likert.
    ("tout à fait d'accord", level(Level::StronglyAgree)),
    ("totalement d'accord", level(Level::StronglyAgree)),
    ("entièrement d'accord", level(Level::StronglyAgree)),
    ("complètement d'accord", level(Level::StronglyAgree)),
    ("très d'accord", level(Level::StronglyAgree)),
    ("plutôt d'accord", level(Level::Agree)),
    ("plutôt en accord", level(Level::Agree)),
    ("assez d'accord", level(Level::Agree)),
    ("ni d'accord ni pas d'accord", level(Level::Neutral)),
    ("ni d'accord, ni pas d'accord", level(Level::Neutral)),
    ("ni d'accord ni en désaccord", level(Level::Neutral)),
    ("ni en accord ni en désaccord", level(Level::Neutral)),
    ("neutre", level(Level::Neutral)),
    ("moyennement d'accord", level(Level::Neutral)),
    ("plutôt pas d'accord", level(Level::Disagree)),
    ("plutôt en désaccord", level(Level::Disagree)),
    ("pas vraiment d'accord", level(Level::Disagree)),
    ("peu d'accord", level(Level::Disagree)),
    ("pas du tout d'accord", level(Level::StronglyDisagree)),
    ("tout à fait en désaccord", level(Level::StronglyDisagree)),
    ("totalement en désaccord", level(Level::StronglyDisagree)),
    ("complètement en désaccord", level(Level::StronglyDisagree)),
    ("fortement en désaccord", level(Level::StronglyDisagree)),
    // English Likert.
    ("strongly agree", level(Level::StronglyAgree)),
    ("completely agree", level(Level::StronglyAgree)),
    ("totally agree", level(Level::StronglyAgree)),
    ("agree", level(Level::Agree)),
    ("somewhat agree", level(Level::Agree)),
    ("tend to agree", level(Level::Agree)),
    ("mostly agree", level(Level::Agree)),
    ("slightly agree", level(Level::Agree)),
    ("neither agree nor disagree", level(Level::Neutral)),
    ("neither agree or disagree", level(Level::Neutral)),
    ("neutral", level(Level::Neutral)),
    ("somewhat disagree", level(Level::Disagree)),
    ("tend to disagree", level(Level::Disagree)),
    ("mostly disagree", level(Level::Disagree)),
    ("slightly disagree", level(Level::Disagree)),
    ("disagree", level(Level::Disagree)),
    ("strongly disagree", level(Level::StronglyDisagree)),
    ("completely disagree", level(Level::StronglyDisagree)),
    ("totally disagree", level(Level::StronglyDisagree)),
    // Non-answers: counted, never averaged.
    ("sans avis", Reading::NonAnswer),
    ("sans opinion", Reading::NonAnswer),
    ("pas d'avis", Reading::NonAnswer),
    ("aucun avis", Reading::NonAnswer),
    ("ne sait pas", Reading::NonAnswer),
    ("je ne sais pas", Reading::NonAnswer),
    ("ne se prononce pas", Reading::NonAnswer),
    ("je ne me prononce pas", Reading::NonAnswer),
    ("ne souhaite pas répondre", Reading::NonAnswer),
    ("sans réponse", Reading::NonAnswer),
    ("pas de réponse", Reading::NonAnswer),
    ("non renseigné", Reading::NonAnswer),
    ("NSP", Reading::NonAnswer),
    ("NSPP", Reading::NonAnswer),
    ("NA", Reading::NonAnswer),
    ("N/A", Reading::NonAnswer),
    ("NR", Reading::NonAnswer),
    ("no opinion", Reading::NonAnswer),
    ("don't know", Reading::NonAnswer),
    ("dont know", Reading::NonAnswer),
    ("do not know", Reading::NonAnswer),
    ("i don't know", Reading::NonAnswer),
    ("no answer", Reading::NonAnswer),
    ("not applicable", Reading::NonAnswer),
    ("prefer not to say", Reading::NonAnswer),
    ("prefer not to answer", Reading::NonAnswer),
];

static ANSWER_KEYS: LazyLock<Vec<(String, Reading)>> = LazyLock::new(|| {
    ANSWER_LABELS
        .iter()
        .map(|(label, reading)| (label_key(label), *reading))
        .collect()
});

/// Reads a survey label: a level (with what it tells of the scale), a non-answer, or
/// `None` when it fits no scale.
///
/// 2-point `d'accord` / `pas d'accord`; French and English 4- and 5-point Likert labels;
/// integers 1–5 (5 = strongly agree); `sans avis`, `NSP`, `NA`, `N/A`, `no opinion`,
/// `don't know`, an empty cell… are non-answers. Case, accents, typographic or straight
/// apostrophes and punctuation are ignored; `5 - Tout à fait d'accord` reads as its label.
pub fn parse_reading(label: &str) -> Option<Reading> {
    let key = label_key(label);
    reading_of_key(&key)
}

fn reading_of_key(key: &str) -> Option<Reading> {
    if key.is_empty() {
        return Some(Reading::NonAnswer);
    }
    if let Some((_, reading)) = ANSWER_KEYS.iter().find(|(k, _)| k == key) {
        return Some(*reading);
    }
    if let Some(n) = numeric_level(key) {
        return Some(n);
    }
    // `5 - tout à fait d'accord`, `tout à fait d'accord (5)`: the label decides.
    let (first, rest) = key.split_once(' ')?;
    if numeric_level(first).is_some() {
        return ANSWER_KEYS.iter().find(|(k, _)| k == rest).map(|(_, r)| *r);
    }
    let (rest, last) = key.rsplit_once(' ')?;
    if numeric_level(last).is_some() {
        return ANSWER_KEYS.iter().find(|(k, _)| k == rest).map(|(_, r)| *r);
    }
    None
}

fn numeric_level(key: &str) -> Option<Reading> {
    let level = match key {
        "5" => Level::StronglyAgree,
        "4" => Level::Agree,
        "3" => Level::Neutral,
        "2" => Level::Disagree,
        "1" => Level::StronglyDisagree,
        _ => return None,
    };
    Some(Reading::Level {
        level,
        two_point: false,
        numeric: true,
    })
}

/// Every answer label with a level, for "did you mean".
pub(crate) fn answer_labels() -> impl Iterator<Item = &'static str> {
    ANSWER_LABELS.iter().map(|(label, _)| *label)
}

/// Folded, every run of punctuation made one space (`d’accord` → `d accord`,
/// `N/A` → `n a`), a decimal `.0` after an integer dropped (`5.0` → `5`).
fn label_key(label: &str) -> String {
    let folded = fold(label);
    let folded = folded.strip_suffix(".0").unwrap_or(&folded);
    let spaced: String = folded
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

// ---------------------------------------------------------------------------
// Headers

/// The form in which headers are compared: folded, a trailing `:` or `*` (a required
/// mark) dropped, `N°` read as `no` and the middle dot of inclusive writing dropped
/// (`participant·e` → `participante`).
pub(crate) fn header_key(header: &str) -> String {
    let header = header.replace(['°', 'º'], "o").replace('·', "");
    let folded = fold(&header);
    folded
        .trim_end_matches([':', '*', ' '])
        .trim_start_matches(['*', ' '])
        .to_string()
}

/// How well a folded header matches a folded alias: exactly, or as its beginning
/// followed by a non-alphanumeric character (`reponse de l'ems (15/11/2025)` starts
/// with `reponse de l'ems`). Returns the length matched, longer being better.
pub(crate) fn alias_match(header: &str, alias: &str, allow_prefix: bool) -> Option<Match> {
    if header == alias {
        return Some(Match::Exact);
    }
    if allow_prefix
        && header.starts_with(alias)
        && header[alias.len()..]
            .chars()
            .next()
            .is_some_and(|c| !c.is_ascii_alphanumeric())
    {
        return Some(Match::Prefix(alias.len()));
    }
    None
}

/// How a header matched an alias.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Match {
    /// The header begins with the alias; the number is the alias's length.
    Prefix(usize),
    Exact,
}

// ---------------------------------------------------------------------------
// Due dates and periods

/// Reads a due date: a date cell, an ISO or French date, or a period (`printemps 2026`,
/// `T2 2026`, `S1 2026`, `2026`, `mars 2026`, `fin 2026`…). `Ok(None)` for a blank cell
/// or an explicit "not set" (`-`, `à définir`, `n/a`…); `Err(())` when unreadable.
///
/// A period keeps its text and starts, for sorting, on the first day of the period:
/// seasons on the first day of their meteorological season (printemps 1 March, été
/// 1 June, automne 1 September, hiver YYYY 1 December of YYYY − 1: the winter that
/// ends in YYYY); `début` on 1 January, `mi` on 1 July, `fin` on 1 October; quarters
/// and half-years on their first day.
pub(crate) fn parse_due(cell: &Cell) -> Result<Option<Due>, ()> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(Due::Date(*d))),
        Cell::Number(n) | Cell::Percent(n) => due_from_number(*n).map(Some),
        Cell::Text(s) => parse_due_text(s),
        Cell::Bool(_) | Cell::Error(_) => Err(()),
    }
}

fn due_from_number(n: f64) -> Result<Due, ()> {
    if n.fract() == 0.0 && (1900.0..=2200.0).contains(&n) {
        let year = n as i32;
        return Ok(Due::Period {
            text: year.to_string(),
            start: ymd(year, 1, 1).ok_or(())?,
        });
    }
    // A date serial in a cell without a date format.
    if (20_000.0..2_958_466.0).contains(&n) {
        return excel_serial_date(n).map(Due::Date).ok_or(());
    }
    Err(())
}

/// An Excel serial date (1900 system) as a calendar date.
pub(crate) fn excel_serial_date(serial: f64) -> Option<Date> {
    // Day 60 is Excel's 29 February 1900, which did not exist; later serials are one
    // day ahead of a plain count from 31 December 1899.
    let days = serial.floor() as i64;
    if days < 61 {
        return None;
    }
    let epoch = ymd(1899, 12, 30)?;
    epoch.checked_add(time::Duration::days(days))
}

fn ymd(year: i32, month: u8, day: u8) -> Option<Date> {
    let month = Month::try_from(month).ok()?;
    Date::from_calendar_date(year, month, day).ok()
}

const NOT_SET: &[&str] = &[
    "",
    "-",
    "--",
    "?",
    "/",
    "n/a",
    "na",
    "nc",
    "n.c.",
    "nd",
    "a definir",
    "a determiner",
    "a preciser",
    "non defini",
    "non definie",
    "non determine",
    "aucune",
    "aucun",
    "sans objet",
    "sans echeance",
    "tbd",
    "tbc",
    "none",
    "to be defined",
];

fn parse_due_text(raw: &str) -> Result<Option<Due>, ()> {
    let text = raw.trim();
    let folded = fold(text);
    let folded = folded.trim_matches(|c: char| c == '.' || c == ' ');
    if NOT_SET.contains(&folded) || folded.chars().all(|c| matches!(c, '-' | '—' | '–' | ' ')) {
        return Ok(None);
    }
    if let Some(date) = numeric_date(folded) {
        return Ok(Some(Due::Date(date)));
    }
    let period = |start: Date| {
        Ok(Some(Due::Period {
            text: text.to_string(),
            start,
        }))
    };
    let tokens: Vec<&str> = folded
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '\'' | ',' | '(' | ')' | '/'))
        .filter(|t| !t.is_empty() && !FILLER.contains(t))
        .collect();
    match tokens.as_slice() {
        [y] => {
            let year = year(y).ok_or(())?;
            period(ymd(year, 1, 1).ok_or(())?)
        }
        [a, b] if year(a).is_some() && year(b).is_some() => {
            // `2025-2026`: from the first year.
            period(ymd(year(a).ok_or(())?, 1, 1).ok_or(())?)
        }
        [m, y] if year(y).is_some() => {
            let year = year(y).ok_or(())?;
            if let Some(month) = month(m) {
                return period(ymd(year, month, 1).ok_or(())?);
            }
            if let Some(start) = season_start(m, year) {
                return period(start);
            }
            if let Some(month) = modifier_month(m) {
                return period(ymd(year, month, 1).ok_or(())?);
            }
            if let Some(month) = quarter_or_half(m) {
                return period(ymd(year, month, 1).ok_or(())?);
            }
            Err(())
        }
        [y, q] if year(y).is_some() && quarter_or_half(q).is_some() => {
            let month = quarter_or_half(q).ok_or(())?;
            period(ymd(year(y).ok_or(())?, month, 1).ok_or(())?)
        }
        [d, m, y] if year(y).is_some() => {
            let year = year(y).ok_or(())?;
            if let (Some(day), Some(month)) = (day(d), month(m)) {
                return ymd(year, month, day).map(|d| Some(Due::Date(d))).ok_or(());
            }
            if let (Some(n), Some(unit)) = (ordinal(d), Some(*m)) {
                let month = match unit {
                    "trimestre" | "quarter" if (1..=4).contains(&n) => 3 * (n - 1) + 1,
                    "semestre" | "half" if (1..=2).contains(&n) => 6 * (n - 1) + 1,
                    _ => return Err(()),
                };
                return period(ymd(year, month, 1).ok_or(())?);
            }
            if let Some(day) = modifier_day(d) {
                if let Some(month) = month(m) {
                    return period(ymd(year, month, day).ok_or(())?);
                }
                if let Some(start) = season_start(m, year) {
                    return period(start);
                }
            }
            Err(())
        }
        _ => Err(()),
    }
}

/// Words that say nothing about the date: `d'ici fin 2026`, `au printemps 2026`,
/// `samedi 15 novembre 2025`, `courant 2026`.
const FILLER: &[&str] = &[
    "en",
    "d",
    "ici",
    "a",
    "au",
    "aux",
    "courant",
    "cours",
    "du",
    "de",
    "la",
    "le",
    "l",
    "des",
    "partir",
    "avant",
    "pour",
    "horizon",
    "dans",
    "vers",
    "annee",
    "prevu",
    "prevue",
    "by",
    "in",
    "from",
    "before",
    "the",
    "of",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// `2026-03-31` (time allowed after it), `31/03/2026`, `31.03.2026`, `31-03-2026`,
/// `31/03/26`.
fn numeric_date(s: &str) -> Option<Date> {
    let first = s.split(['t', ' ']).next()?;
    let parts: Vec<&str> = first.split(['-', '/', '.']).collect();
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    if parts[0].len() == 4 {
        return ymd(
            nums[0] as i32,
            u8::try_from(nums[1]).ok()?,
            u8::try_from(nums[2]).ok()?,
        );
    }
    let year = match parts[2].len() {
        4 => nums[2] as i32,
        2 => 2000 + nums[2] as i32,
        _ => return None,
    };
    ymd(
        year,
        u8::try_from(nums[1]).ok()?,
        u8::try_from(nums[0]).ok()?,
    )
}

fn year(s: &str) -> Option<i32> {
    if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = s.parse().ok()?;
        (1900..=2200).contains(&y).then_some(y)
    } else {
        None
    }
}

fn day(s: &str) -> Option<u8> {
    let digits = s.strip_suffix("er").unwrap_or(s);
    let d: u8 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn month(s: &str) -> Option<u8> {
    let s = s.trim_end_matches('.');
    Some(match s {
        "janvier" | "janv" | "jan" | "january" => 1,
        "fevrier" | "fevr" | "fev" | "feb" | "february" => 2,
        "mars" | "mar" | "march" => 3,
        "avril" | "avr" | "apr" | "april" => 4,
        "mai" | "may" => 5,
        "juin" | "jun" | "june" => 6,
        "juillet" | "juil" | "jul" | "july" => 7,
        "aout" | "aug" | "august" => 8,
        "septembre" | "sept" | "sep" | "september" => 9,
        "octobre" | "oct" | "october" => 10,
        "novembre" | "nov" | "november" => 11,
        "decembre" | "dec" | "december" => 12,
        _ => return None,
    })
}

fn season_start(s: &str, year: i32) -> Option<Date> {
    match s {
        "printemps" | "spring" => ymd(year, 3, 1),
        "ete" | "summer" => ymd(year, 6, 1),
        "rentree" => ymd(year, 9, 1),
        "automne" | "autumn" | "fall" => ymd(year, 9, 1),
        "hiver" | "winter" => ymd(year - 1, 12, 1),
        _ => None,
    }
}

/// `début 2026`, `mi-2026`, `fin 2026`.
fn modifier_month(s: &str) -> Option<u8> {
    match s {
        "debut" | "early" | "start" => Some(1),
        "mi" | "milieu" | "mid" | "middle" => Some(7),
        "fin" | "late" | "end" => Some(10),
        _ => None,
    }
}

/// `début mars 2026`, `mi-mars 2026`, `fin mars 2026`.
fn modifier_day(s: &str) -> Option<u8> {
    match s {
        "debut" | "early" | "start" => Some(1),
        "mi" | "milieu" | "mid" | "middle" => Some(15),
        "fin" | "late" | "end" => Some(20),
        _ => None,
    }
}

/// `T2`, `Q2` → April; `S2`, `H2` → July: the first month.
fn quarter_or_half(s: &str) -> Option<u8> {
    let (unit, n) = s.split_at_checked(1)?;
    let n: u8 = n.parse().ok()?;
    match unit {
        "t" | "q" if (1..=4).contains(&n) => Some(3 * (n - 1) + 1),
        "s" | "h" if (1..=2).contains(&n) => Some(6 * (n - 1) + 1),
        _ => None,
    }
}

fn ordinal(s: &str) -> Option<u8> {
    Some(match s {
        "1" | "1er" | "1ere" | "premier" | "premiere" | "first" | "1st" => 1,
        "2" | "2e" | "2eme" | "2nd" | "2nde" | "deuxieme" | "second" | "seconde" => 2,
        "3" | "3e" | "3eme" | "troisieme" | "third" | "3rd" => 3,
        "4" | "4e" | "4eme" | "quatrieme" | "fourth" | "4th" => 4,
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// Progress

/// Reads a progress as a fraction 0–1: a percent-formatted cell (`0.4`), `40 %`, `40%`,
/// `0,4`, `40`, or a number. A plain number from 0 to 1 is a fraction, above 1 a
/// percentage. `terminé` / `done` is 1, `non commencé` / `not started` 0. `Ok(None)` for
/// a blank cell, `Err(())` when unreadable or outside 0–100 %.
pub(crate) fn parse_progress(cell: &Cell) -> Result<Option<f64>, ()> {
    let value = match cell {
        Cell::Empty => return Ok(None),
        Cell::Percent(x) => *x,
        Cell::Number(x) => plain_progress(*x),
        Cell::Text(s) => {
            let folded = fold(s);
            let t = folded.trim();
            if t.is_empty() || t == "-" {
                return Ok(None);
            }
            match t {
                "termine" | "terminee" | "fait" | "faite" | "realise" | "realisee" | "acheve"
                | "achevee" | "done" | "complete" | "completed" | "finished" => 1.0,
                "non commence" | "non commencee" | "pas commence" | "pas commencee"
                | "not started" => 0.0,
                _ => {
                    let (number, percent) = match t.strip_suffix('%') {
                        Some(n) => (n.trim_end_matches([' ', '\u{a0}', '\u{202f}']), true),
                        None => (t, false),
                    };
                    let number = number.replace(',', ".");
                    let x: f64 = number.trim().parse().map_err(|_| ())?;
                    if percent {
                        x / 100.0
                    } else {
                        plain_progress(x)
                    }
                }
            }
        }
        Cell::Date(_) | Cell::Bool(_) | Cell::Error(_) => return Err(()),
    };
    if value.is_finite() && (0.0..=1.0 + 1e-9).contains(&value) {
        Ok(Some(value.min(1.0)))
    } else {
        Err(())
    }
}

fn plain_progress(x: f64) -> f64 {
    if x <= 1.0 { x } else { x / 100.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_in_every_form() {
        let cases = [
            ("accepted", Status::Accepted),
            ("Acceptée", Status::Accepted),
            ("ACCEPTEES", Status::Accepted),
            ("accepté", Status::Accepted),
            ("acceptée (réalisable en 2026)", Status::Accepted),
            ("acceptée et réalisable en 2026", Status::Accepted),
            ("acceptées et réalisables en 2027", Status::Accepted),
            ("accepted_modified", Status::AcceptedModified),
            ("acceptée mais modifiée", Status::AcceptedModified),
            ("Acceptées mais modifiées...", Status::AcceptedModified),
            ("acceptee mais modifiee", Status::AcceptedModified),
            ("Accepted with changes", Status::AcceptedModified),
            ("escalated", Status::Escalated),
            (
                "acceptée, transversale, remontée à la DGA",
                Status::Escalated,
            ),
            (
                "acceptées, mais de nature transversale et donc remontées à la DGA",
                Status::Escalated,
            ),
            ("accepted, escalated (cross-cutting)", Status::Escalated),
            ("under_study", Status::UnderStudy),
            ("encore à l’étude", Status::UnderStudy),
            ("encore a l'etude", Status::UnderStudy),
            ("Under study", Status::UnderStudy),
            ("à éclaircir", Status::ToClarify),
            ("A ECLAIRCIR", Status::ToClarify),
            ("needs clarification", Status::ToClarify),
            ("non retenue", Status::Rejected),
            ("Non retenues", Status::Rejected),
            ("non-retenu", Status::Rejected),
            ("non acceptée", Status::Rejected),
            ("not accepted", Status::Rejected),
            ("hors périmètre", Status::OutOfScope),
            ("Hors perimetre", Status::OutOfScope),
            (
                "hors périmètre des compétences de l'EMS",
                Status::OutOfScope,
            ),
            ("outside remit", Status::OutOfScope),
            ("out_of_scope", Status::OutOfScope),
            ("sans réponse", Status::Unanswered),
            ("not answered yet", Status::Unanswered),
            ("unanswered", Status::Unanswered),
            ("retirée", Status::Withdrawn),
            ("Retirées", Status::Withdrawn),
            ("withdrawn", Status::Withdrawn),
            ("Propositions acceptées", Status::Accepted),
        ];
        for (label, status) in cases {
            assert_eq!(match_status(label), Ok(status), "{label}");
        }
        // Every label the reports print reads back as its status.
        for status in Status::ALL {
            for lang in [Lang::Fr, Lang::En] {
                assert_eq!(
                    match_status(status.label(lang)),
                    Ok(status),
                    "{}",
                    status.label(lang)
                );
            }
            assert_eq!(match_status(status.code()), Ok(status));
        }
    }

    #[test]
    fn unknown_statuses_offer_the_closest_label() {
        assert_eq!(
            match_status("acceptee modifiee"),
            Err(Some("acceptée mais modifiée"))
        );
        assert_eq!(match_status("Hors périmère"), Err(Some("hors périmètre")));
        assert_eq!(match_status("non retenu e"), Err(Some("non retenue")));
        assert_eq!(match_status("zzzz"), Err(None));
        assert_eq!(match_status(""), Err(None));
        // A keyword is not enough.
        assert!(match_status("acceptable ?").is_err());
        assert!(match_status("inacceptable").is_err());
    }

    fn lv(level: Level) -> Option<Reading> {
        Some(Reading::Level {
            level,
            two_point: false,
            numeric: false,
        })
    }

    #[test]
    fn answer_labels_of_every_scale() {
        let two = |level| {
            Some(Reading::Level {
                level,
                two_point: true,
                numeric: false,
            })
        };
        assert_eq!(parse_reading("d'accord"), two(Level::Agree));
        assert_eq!(parse_reading("D’accord"), two(Level::Agree));
        assert_eq!(parse_reading("Pas d’accord"), two(Level::Disagree));
        assert_eq!(parse_reading("pas d'accord"), two(Level::Disagree));
        assert_eq!(
            parse_reading("Tout à fait d'accord"),
            lv(Level::StronglyAgree)
        );
        assert_eq!(
            parse_reading("tout a fait d’accord"),
            lv(Level::StronglyAgree)
        );
        assert_eq!(parse_reading("Plutôt d'accord"), lv(Level::Agree));
        assert_eq!(
            parse_reading("Ni d'accord ni pas d'accord"),
            lv(Level::Neutral)
        );
        assert_eq!(parse_reading("neutre"), lv(Level::Neutral));
        assert_eq!(parse_reading("Plutôt pas d’accord"), lv(Level::Disagree));
        assert_eq!(
            parse_reading("Pas du tout d'accord"),
            lv(Level::StronglyDisagree)
        );
        assert_eq!(parse_reading("Strongly agree"), lv(Level::StronglyAgree));
        assert_eq!(parse_reading("agree"), lv(Level::Agree));
        assert_eq!(parse_reading("Somewhat agree"), lv(Level::Agree));
        assert_eq!(
            parse_reading("Neither agree nor disagree"),
            lv(Level::Neutral)
        );
        assert_eq!(parse_reading("Neutral"), lv(Level::Neutral));
        assert_eq!(parse_reading("somewhat disagree"), lv(Level::Disagree));
        assert_eq!(parse_reading("Disagree"), lv(Level::Disagree));
        assert_eq!(
            parse_reading("strongly disagree"),
            lv(Level::StronglyDisagree)
        );
        assert_eq!(
            parse_reading("5 - Tout à fait d'accord"),
            lv(Level::StronglyAgree)
        );
        assert_eq!(
            parse_reading("Pas du tout d'accord (1)"),
            lv(Level::StronglyDisagree)
        );
    }

    #[test]
    fn numbers_one_to_five() {
        let num = |level| {
            Some(Reading::Level {
                level,
                two_point: false,
                numeric: true,
            })
        };
        assert_eq!(parse_reading("5"), num(Level::StronglyAgree));
        assert_eq!(parse_reading(" 4 "), num(Level::Agree));
        assert_eq!(parse_reading("3"), num(Level::Neutral));
        assert_eq!(parse_reading("2"), num(Level::Disagree));
        assert_eq!(parse_reading("1"), num(Level::StronglyDisagree));
        assert_eq!(parse_reading("5.0"), num(Level::StronglyAgree));
        assert_eq!(parse_reading("6"), None);
        assert_eq!(parse_reading("0"), None);
    }

    #[test]
    fn non_answers() {
        for label in [
            "",
            "  ",
            "sans avis",
            "Sans avis",
            "ne sait pas",
            "ne se prononce pas",
            "NSP",
            "nsp",
            "NA",
            "N/A",
            "n/a",
            "no opinion",
            "don't know",
            "Don’t know",
            "-",
        ] {
            assert_eq!(parse_reading(label), Some(Reading::NonAnswer), "{label:?}");
        }
        assert_eq!(parse_reading("plutôt ok"), None);
        assert_eq!(parse_reading("d'acord"), None);
    }

    #[test]
    fn headers_match_exactly_or_by_their_beginning() {
        assert_eq!(header_key(" Réponse de l’EMS : "), "reponse de l'ems");
        assert_eq!(header_key("Statut*"), "statut");
        assert_eq!(header_key("N°"), "no");
        assert_eq!(header_key("N° de série"), "no de serie");
        assert_eq!(header_key("Participant·e"), "participante");
        let h = header_key("Réponse de l'EMS (15/11/2025)");
        assert_eq!(
            alias_match(&h, "reponse de l'ems", true),
            Some(Match::Prefix(16))
        );
        assert_eq!(alias_match(&h, "reponse", true), Some(Match::Prefix(7)));
        assert_eq!(alias_match("idee", "id", true), None);
        assert_eq!(alias_match("id", "id", false), Some(Match::Exact));
        assert!(Match::Exact > Match::Prefix(40));
    }

    fn date(y: i32, m: u8, d: u8) -> Date {
        ymd(y, m, d).expect("valid test date")
    }

    fn due(s: &str) -> Result<Option<Due>, ()> {
        parse_due(&Cell::Text(s.to_string()))
    }

    fn period_start(s: &str) -> Date {
        match due(s) {
            Ok(Some(Due::Period { text, start })) => {
                assert_eq!(text, s.trim());
                start
            }
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn due_dates() {
        assert_eq!(due("2026-03-31"), Ok(Some(Due::Date(date(2026, 3, 31)))));
        assert_eq!(
            due("2026-03-31T00:00:00"),
            Ok(Some(Due::Date(date(2026, 3, 31))))
        );
        assert_eq!(due("31/03/2026"), Ok(Some(Due::Date(date(2026, 3, 31)))));
        assert_eq!(due("1/4/2026"), Ok(Some(Due::Date(date(2026, 4, 1)))));
        assert_eq!(due("31.03.26"), Ok(Some(Due::Date(date(2026, 3, 31)))));
        assert_eq!(
            due("15 novembre 2025"),
            Ok(Some(Due::Date(date(2025, 11, 15))))
        );
        assert_eq!(
            due("samedi 15 novembre 2025"),
            Ok(Some(Due::Date(date(2025, 11, 15))))
        );
        assert_eq!(due("1er mars 2026"), Ok(Some(Due::Date(date(2026, 3, 1)))));
        assert_eq!(
            parse_due(&Cell::Date(date(2026, 6, 30))),
            Ok(Some(Due::Date(date(2026, 6, 30))))
        );
        assert_eq!(
            parse_due(&Cell::Number(46112.0)),
            Ok(Some(Due::Date(date(2026, 3, 31))))
        );
        assert_eq!(excel_serial_date(45976.0), Some(date(2025, 11, 15)));
    }

    #[test]
    fn due_periods() {
        assert_eq!(period_start("printemps 2026"), date(2026, 3, 1));
        assert_eq!(period_start("Printemps 2026"), date(2026, 3, 1));
        assert_eq!(period_start("au printemps 2026"), date(2026, 3, 1));
        assert_eq!(period_start("été 2026"), date(2026, 6, 1));
        assert_eq!(period_start("automne 2026"), date(2026, 9, 1));
        assert_eq!(period_start("hiver 2026"), date(2025, 12, 1));
        assert_eq!(period_start("T2 2026"), date(2026, 4, 1));
        assert_eq!(period_start("Q3 2026"), date(2026, 7, 1));
        assert_eq!(period_start("S1 2026"), date(2026, 1, 1));
        assert_eq!(period_start("S2 2026"), date(2026, 7, 1));
        assert_eq!(period_start("2e trimestre 2026"), date(2026, 4, 1));
        assert_eq!(period_start("1er semestre 2026"), date(2026, 1, 1));
        assert_eq!(period_start("2026"), date(2026, 1, 1));
        assert_eq!(period_start("mars 2026"), date(2026, 3, 1));
        assert_eq!(period_start("fin 2026"), date(2026, 10, 1));
        assert_eq!(period_start("d'ici fin 2026"), date(2026, 10, 1));
        assert_eq!(period_start("début 2026"), date(2026, 1, 1));
        assert_eq!(period_start("mi-2026"), date(2026, 7, 1));
        assert_eq!(period_start("fin mars 2026"), date(2026, 3, 20));
        assert_eq!(period_start("spring 2026"), date(2026, 3, 1));
        assert_eq!(period_start("2025-2026"), date(2025, 1, 1));
        assert_eq!(
            parse_due(&Cell::Number(2026.0)),
            Ok(Some(Due::Period {
                text: "2026".into(),
                start: date(2026, 1, 1)
            }))
        );
    }

    #[test]
    fn due_not_set_or_unreadable() {
        assert_eq!(due(""), Ok(None));
        assert_eq!(due("-"), Ok(None));
        assert_eq!(due("À définir"), Ok(None));
        assert_eq!(due("fin du mandat"), Err(()));
        assert_eq!(due("31/02/2026"), Err(()));
        assert_eq!(due("T5 2026"), Err(()));
        assert_eq!(due("bientôt"), Err(()));
        assert_eq!(parse_due(&Cell::Error("#REF!".into())), Err(()));
    }

    #[test]
    fn progress_in_every_form() {
        let p = |s: &str| parse_progress(&Cell::Text(s.to_string()));
        assert_eq!(parse_progress(&Cell::Percent(0.4)), Ok(Some(0.4)));
        assert_eq!(parse_progress(&Cell::Number(0.4)), Ok(Some(0.4)));
        assert_eq!(parse_progress(&Cell::Number(40.0)), Ok(Some(0.4)));
        assert_eq!(p("40 %"), Ok(Some(0.4)));
        assert_eq!(p("40%"), Ok(Some(0.4)));
        assert_eq!(p("40\u{202f}%"), Ok(Some(0.4)));
        assert_eq!(p("40"), Ok(Some(0.4)));
        assert_eq!(p("0,4"), Ok(Some(0.4)));
        assert_eq!(p("12,5 %"), Ok(Some(0.125)));
        assert_eq!(p("100 %"), Ok(Some(1.0)));
        assert_eq!(p("terminé"), Ok(Some(1.0)));
        assert_eq!(p(""), Ok(None));
        assert_eq!(parse_progress(&Cell::Empty), Ok(None));
        assert_eq!(p("140 %"), Err(()));
        assert_eq!(p("-5"), Err(()));
        assert_eq!(p("en cours"), Err(()));
        assert_eq!(parse_progress(&Cell::Percent(1.2)), Err(()));
        assert_eq!(parse_progress(&Cell::Number(250.0)), Err(()));
    }
}
