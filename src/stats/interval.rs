//! The share of `successes` out of `n` with its 95 % Wilson score interval, as the
//! documents show it (docs/data.md): shared by the statements' share agreeing and the
//! yes/no questions' share of yes. Pure arithmetic and formatting.

use serde::Serialize;

use super::{ratio, round4};
use crate::config::Lang;
use crate::format;
use crate::text;

/// The normal quantile for a two-sided 95 % interval.
const Z95: f64 = 1.959_963_984_540_054;

/// The 95 % Wilson score interval of `successes` out of `n`, as `(low, high)`.
/// With `n = 0` nothing is known: `(0, 1)`.
pub fn wilson(successes: u64, n: u64) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let n = n as f64;
    let p = successes as f64 / n;
    let z2 = Z95 * Z95;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = Z95 / denom * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// A share with its 95 % Wilson interval, and both written for readers.
#[derive(Debug, Clone, Serialize)]
pub struct Interval {
    pub share: f64,
    pub low: f64,
    pub high: f64,
    pub text: String,
    /// `[45 % ; 81 %]`
    pub interval_text: String,
}

/// The share of `successes` out of `n`, with its interval, written for `lang`.
pub(super) fn interval(successes: u64, n: u64, lang: Lang) -> Interval {
    let share = round4(ratio(successes, n));
    let (low, high) = wilson(successes, n);
    let (low, high) = (round4(low), round4(high));
    let sep = match lang {
        Lang::Fr => format!("{}; ", text::NNBSP),
        Lang::En => ", ".to_string(),
    };
    Interval {
        share,
        low,
        high,
        text: format::percent(share, 0, lang),
        interval_text: format!(
            "[{}{sep}{}]",
            format::percent(low, 0, lang),
            format::percent(high, 0, lang)
        ),
    }
}
