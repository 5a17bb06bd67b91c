//! Numbers and dates written for readers in the report language. Typst formats
//! nothing by locale, so every figure a template prints is formatted here.

use time::{Date, Month, Weekday};

use crate::config::Lang;
use crate::text::NNBSP;

/// An integer with thousands grouped: `1 234` (narrow no-break space) or `1,234`.
pub fn integer(n: u64, lang: Lang) -> String {
    let digits = n.to_string();
    let sep = match lang {
        Lang::Fr => NNBSP,
        Lang::En => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A decimal number with `decimals` digits after the separator: `1 234,5` or `1,234.5`.
pub fn decimal(x: f64, decimals: usize, lang: Lang) -> String {
    if !x.is_finite() {
        return "–".to_string();
    }
    // A true minus sign (U+2212), as typography wants.
    let sign = if x < 0.0 && (x * 10f64.powi(decimals as i32)).round() != 0.0 {
        "\u{2212}"
    } else {
        ""
    };
    let fixed = format!("{:.*}", decimals, x.abs());
    let (int, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let int = integer(int.parse().unwrap_or(0), lang);
    let point = match lang {
        Lang::Fr => ",",
        Lang::En => ".",
    };
    if frac.is_empty() {
        format!("{sign}{int}")
    } else {
        format!("{sign}{int}{point}{frac}")
    }
}

/// A fraction 0–1 as a percentage with `decimals` digits: `65,2 %` or `65.2%`.
pub fn percent(fraction: f64, decimals: usize, lang: Lang) -> String {
    let number = decimal(fraction * 100.0, decimals, lang);
    match lang {
        Lang::Fr => format!("{number}{NNBSP}%"),
        Lang::En => format!("{number}%"),
    }
}

/// `2025-11-15`.
pub fn iso_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// « samedi 15 novembre 2025 » or “Saturday 15 November 2025”.
pub fn long_date(date: Date, lang: Lang) -> String {
    format!(
        "{} {} {} {}",
        weekday_name(date.weekday(), lang),
        day(date.day(), lang),
        month_name(date.month(), lang),
        date.year()
    )
}

/// « 15 novembre 2025 » or “15 November 2025”.
pub fn short_date(date: Date, lang: Lang) -> String {
    format!(
        "{} {} {}",
        day(date.day(), lang),
        month_name(date.month(), lang),
        date.year()
    )
}

fn day(d: u8, lang: Lang) -> String {
    match (lang, d) {
        (Lang::Fr, 1) => "1er".to_string(),
        _ => d.to_string(),
    }
}

pub fn month_name(month: Month, lang: Lang) -> &'static str {
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let i = u8::from(month) as usize - 1;
    match lang {
        Lang::Fr => FR[i],
        Lang::En => EN[i],
    }
}

fn weekday_name(weekday: Weekday, lang: Lang) -> &'static str {
    let i = weekday.number_days_from_monday() as usize;
    match lang {
        Lang::Fr => [
            "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
        ][i],
        Lang::En => [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][i],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn french_numbers_use_narrow_spaces_and_commas() {
        assert_eq!(percent(12.345, 1, Lang::Fr), "1\u{202f}234,5\u{202f}%");
        assert_eq!(percent(0.652_17, 1, Lang::En), "65.2%");
        assert_eq!(integer(1_234_567, Lang::Fr), "1\u{202f}234\u{202f}567");
        assert_eq!(integer(999, Lang::En), "999");
        assert_eq!(decimal(-0.04, 1, Lang::Fr), "0,0");
        assert_eq!(decimal(-1.25, 2, Lang::En), "\u{2212}1.25");
    }

    #[test]
    fn dates_are_written_out() {
        assert_eq!(
            long_date(date!(2025 - 11 - 15), Lang::Fr),
            "samedi 15 novembre 2025"
        );
        assert_eq!(
            long_date(date!(2026 - 03 - 01), Lang::Fr),
            "dimanche 1er mars 2026"
        );
        assert_eq!(
            long_date(date!(2025 - 11 - 15), Lang::En),
            "Saturday 15 November 2025"
        );
    }
}
