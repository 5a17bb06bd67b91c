//! The statistics of survey columns that are not agreement statements but still
//! measure something: numeric ratings (1–7, 0–10…) get their distribution, n and
//! median; yes/no questions the share of yes with its 95 % Wilson interval.
//!
//! Figures are over all participants of the column, never by group: no group's
//! answers can be shown below `min_group_size`, nor follow by subtraction. Must not
//! read files or classify columns (the survey reader does, `input/survey/columns.rs`).

use serde::Serialize;

use super::interval::{Interval, interval};
use super::{ratio, round4};
use crate::config::Lang;
use crate::format;
use crate::model::{ColumnSummary, Heading};

/// A numeric rating column.
#[derive(Debug, Clone, Serialize)]
pub struct RatingStats {
    /// The survey file, as configured.
    pub file: String,
    /// The column's header, as read.
    pub column: String,
    /// The header as the documents show it ([`Heading::text`]).
    pub text: String,
    /// Cells holding a number.
    pub n: u64,
    /// Blank cells and cells holding a non-answer label (`N/A`, `sans avis`…).
    pub non_answers: u64,
    pub min: Option<i64>,
    pub max: Option<i64>,
    /// The middle value; with an even `n`, the mean of the two middle values.
    pub median: Option<f64>,
    pub median_text: String,
    /// How many cells held each value, smallest first (values no one gave left out).
    pub distribution: Vec<ValueCount>,
    /// `1 : 9 · 2 : 8 · …`, for a compact table.
    pub distribution_text: String,
}

/// One value of a rating and how many gave it.
#[derive(Debug, Clone, Serialize)]
pub struct ValueCount {
    pub value: i64,
    pub count: u64,
    /// Share of `n`.
    pub share: f64,
}

/// A yes/no column.
#[derive(Debug, Clone, Serialize)]
pub struct YesNoStats {
    pub file: String,
    /// The column's header, as read.
    pub column: String,
    /// The header as the documents show it.
    pub text: String,
    /// Yes and no answers; the share is over them.
    pub n: u64,
    pub yes: u64,
    pub no: u64,
    /// Blank cells and cells holding a non-answer label.
    pub non_answers: u64,
    /// The share of yes with its 95 % Wilson interval.
    pub yes_share: Interval,
}

/// The rating columns of `summaries` (file, header, answers), in the order read.
pub fn ratings(summaries: &[(String, Heading, ColumnSummary)], lang: Lang) -> Vec<RatingStats> {
    summaries
        .iter()
        .filter_map(|(file, heading, summary)| match summary {
            ColumnSummary::Rating {
                counts,
                non_answers,
            } => Some(rating(file, heading, counts, *non_answers, lang)),
            ColumnSummary::YesNo { .. } => None,
        })
        .collect()
}

/// The yes/no columns of `summaries`, in the order read.
pub fn yes_no(summaries: &[(String, Heading, ColumnSummary)], lang: Lang) -> Vec<YesNoStats> {
    summaries
        .iter()
        .filter_map(|(file, heading, summary)| match *summary {
            ColumnSummary::YesNo {
                yes,
                no,
                non_answers,
            } => Some(YesNoStats {
                file: file.clone(),
                column: heading.column.clone(),
                text: heading.text.clone(),
                n: yes + no,
                yes,
                no,
                non_answers,
                yes_share: interval(yes, yes + no, lang),
            }),
            ColumnSummary::Rating { .. } => None,
        })
        .collect()
}

fn rating(
    file: &str,
    heading: &Heading,
    counts: &[(i64, u64)],
    non_answers: u64,
    lang: Lang,
) -> RatingStats {
    let mut counts: Vec<(i64, u64)> = counts.iter().copied().filter(|(_, c)| *c > 0).collect();
    counts.sort_unstable();
    let n: u64 = counts.iter().map(|(_, c)| c).sum();
    let median = median(&counts);
    let sep = match lang {
        Lang::Fr => "\u{a0}: ",
        Lang::En => ": ",
    };
    RatingStats {
        file: file.to_string(),
        column: heading.column.clone(),
        text: heading.text.clone(),
        n,
        non_answers,
        min: counts.first().map(|(v, _)| *v),
        max: counts.last().map(|(v, _)| *v),
        median,
        median_text: median.map_or_else(String::new, |m| {
            format::decimal(m, if m.fract() == 0.0 { 0 } else { 1 }, lang)
        }),
        distribution: counts
            .iter()
            .map(|&(value, count)| ValueCount {
                value,
                count,
                share: round4(ratio(count, n)),
            })
            .collect(),
        distribution_text: counts
            .iter()
            .map(|&(value, count)| format!("{value}{sep}{}", format::integer(count, lang)))
            .collect::<Vec<_>>()
            .join(" · "),
    }
}

/// The median of values given with their counts, smallest first: the middle value,
/// or the mean of the two middle ones when their number is even.
fn median(counts: &[(i64, u64)]) -> Option<f64> {
    let n: u64 = counts.iter().map(|(_, c)| c).sum();
    if n == 0 {
        return None;
    }
    // The value at a 0-based rank of the sorted answers.
    let at = |rank: u64| {
        let mut seen = 0;
        counts
            .iter()
            .find(|(_, c)| {
                seen += c;
                seen > rank
            })
            .map_or(0, |(v, _)| *v)
    };
    let (low, high) = (at((n - 1) / 2), at(n / 2));
    Some((low as f64 + high as f64) / 2.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading() -> Heading {
        Heading {
            column: "Q".into(),
            text: "Q".into(),
            question: None,
            row: None,
        }
    }

    fn summary(counts: &[(i64, u64)]) -> Vec<(String, Heading, ColumnSummary)> {
        vec![(
            "s.csv".into(),
            heading(),
            ColumnSummary::Rating {
                counts: counts.to_vec(),
                non_answers: 2,
            },
        )]
    }

    #[test]
    fn median_of_an_odd_and_an_even_number_of_answers() {
        // 1,1,2,5,7 sorted: the third is 2.
        assert_eq!(median(&[(1, 2), (2, 1), (5, 1), (7, 1)]), Some(2.0));
        // 1,1,2,5,7,7 sorted: the third and fourth are 2 and 5, mean 3.5.
        assert_eq!(median(&[(1, 2), (2, 1), (5, 1), (7, 2)]), Some(3.5));
        // 0,10: mean 5.
        assert_eq!(median(&[(0, 1), (10, 1)]), Some(5.0));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn a_rating_gives_its_distribution_n_and_median() {
        let r = &ratings(
            &summary(&[(7, 2), (1, 2), (5, 1), (2, 1), (3, 0)]),
            Lang::Fr,
        )[0];
        assert_eq!((r.n, r.non_answers, r.min, r.max), (6, 2, Some(1), Some(7)));
        assert_eq!(r.median, Some(3.5));
        assert_eq!(r.median_text, "3,5");
        let values: Vec<(i64, u64)> = r.distribution.iter().map(|v| (v.value, v.count)).collect();
        assert_eq!(values, [(1, 2), (2, 1), (5, 1), (7, 2)]);
        assert_eq!(r.distribution[0].share, 0.3333);
        assert_eq!(
            r.distribution_text,
            "1\u{a0}: 2 · 2\u{a0}: 1 · 5\u{a0}: 1 · 7\u{a0}: 2"
        );
        assert!(yes_no(&summary(&[(1, 1)]), Lang::Fr).is_empty());
    }

    #[test]
    fn yes_no_gives_the_share_of_yes_with_its_wilson_interval() {
        let all = vec![(
            "s.csv".to_string(),
            heading(),
            ColumnSummary::YesNo {
                yes: 25,
                no: 28,
                non_answers: 1,
            },
        )];
        let y = &yes_no(&all, Lang::En)[0];
        assert_eq!((y.n, y.yes, y.no, y.non_answers), (53, 25, 28, 1));
        // By hand: p = 25/53 = 0.471698, z = 1.959964, z² = 3.841459;
        // centre = (p + z²/106) / (1 + z²/53) = 0.507938 / 1.072480 = 0.473611;
        // half = z / 1.072480 · √(p(1−p)/53 + z²/(4·53²)) = 1.827506 · √(0.00470187 +
        // 0.00034189) = 1.827506 · 0.0710194 = 0.129788; interval [0.3438, 0.6034].
        assert_eq!(y.yes_share.share, 0.4717);
        assert_eq!((y.yes_share.low, y.yes_share.high), (0.3438, 0.6034));
        assert_eq!(y.yes_share.interval_text, "[34%, 60%]");
        assert!(ratings(&all, Lang::En).is_empty());
    }
}
