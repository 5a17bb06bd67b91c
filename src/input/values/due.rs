//! Due dates and periods as people write them (`31/03/2026`, `printemps 2026`, `T2 2026`…), each with the first day it is sorted by.
//!
//! Pure functions over text: no I/O, no diagnostics (callers locate the problem).

use time::{Date, Month};

use crate::input::Cell;
use crate::model::Due;
use crate::text::fold;

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

pub(super) fn ymd(year: i32, month: u8, day: u8) -> Option<Date> {
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
