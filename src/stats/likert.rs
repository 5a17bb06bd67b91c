//! The council's feedback: per statement, counts per level, the share agreeing
//! with its 95 % Wilson interval, net agreement, median level, and group
//! breakdowns that respect the minimum group size. Every scale keeps all its levels:
//! on 7 and 9 points, "agreeing" is every level above the neutral middle
//! (docs/data.md). Rating and yes/no columns are handed to [`super::ratings`].
//!
//! Answers arrive one at a time through [`SurveySink`]; the accumulator holds
//! counters only (per statement and per group), so memory does not grow with the
//! number of answers.

use indexmap::IndexMap;
use serde::Serialize;

use super::interval::interval;
pub use super::interval::{Interval, wilson};
use super::{ratio, round4};
use crate::config::Lang;
use crate::format;
use crate::model::{
    ColumnSummary, GroupKey, Heading, Level, Reading, Scale, SetAside, StatementKey, SurveySink,
    wide_code, wide_label,
};
use crate::text;

/// Counters for one statement, or one group within a statement.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Tally {
    counts: [u64; 5],
    /// Answers on a 7- or 9-point scale, by strength + 4.
    wide: [u64; 9],
    /// The size of the widest scale answered on; 0 for none past five points.
    points: u8,
    non_answers: u64,
}

impl Tally {
    fn add_n(&mut self, reading: Reading, n: u64) {
        match reading {
            Reading::Level { level, .. } => self.counts[level.index()] += n,
            Reading::Wide { strength, points } => {
                self.wide[wide_slot(strength)] += n;
                self.points = self.points.max(points);
            }
            Reading::NonAnswer => self.non_answers += n,
        }
    }

    fn n(&self) -> u64 {
        self.counts.iter().sum::<u64>() + self.wide.iter().sum::<u64>()
    }

    fn merge(&mut self, other: &Tally) {
        for (a, b) in self.counts.iter_mut().zip(other.counts) {
            *a += b;
        }
        for (a, b) in self.wide.iter_mut().zip(other.wide) {
            *a += b;
        }
        self.points = self.points.max(other.points);
        self.non_answers += other.non_answers;
    }

    /// Answers at `strength` on a 7- or 9-point scale. The answers the same statement
    /// had on a smaller scale in another file count at the level of the same words:
    /// `strongly agree` 3, `agree` 2, neutral 0.
    fn at_strength(&self, strength: i8) -> u64 {
        let same_words = match strength {
            3 => Some(Level::StronglyAgree),
            2 => Some(Level::Agree),
            0 => Some(Level::Neutral),
            -2 => Some(Level::Disagree),
            -3 => Some(Level::StronglyDisagree),
            _ => None,
        };
        self.wide[wide_slot(strength)] + same_words.map_or(0, |l| self.counts[l.index()])
    }
}

fn wide_slot(strength: i8) -> usize {
    (strength.clamp(-4, 4) + 4) as usize
}

/// One level of a statement's scale, with its answers.
struct Point {
    code: &'static str,
    label: &'static str,
    /// 1 agrees, −1 disagrees, 0 is the neutral middle.
    side: i8,
    count: u64,
}

/// The levels of `scale` with the answers of `tally`, most agreeing first.
fn points(scale: Scale, tally: &Tally, lang: Lang) -> Vec<Point> {
    if matches!(scale, Scale::Seven | Scale::Nine) {
        let texts = crate::catalogue::builtin();
        return scale
            .strengths()
            .iter()
            .map(|&strength| Point {
                code: wide_code(strength),
                label: wide_label(texts, strength, lang),
                side: strength.signum(),
                count: tally.at_strength(strength),
            })
            .collect();
    }
    scale
        .levels()
        .iter()
        .map(|&level| Point {
            code: level.code(),
            label: level.label(scale, lang),
            side: match level {
                Level::StronglyAgree | Level::Agree => 1,
                Level::Neutral => 0,
                Level::Disagree | Level::StronglyDisagree => -1,
            },
            count: tally.counts[level.index()],
        })
        .collect()
}

/// Answers on the agreeing (`side` 1) or disagreeing (−1) levels.
fn on_side(points: &[Point], side: i8) -> u64 {
    points
        .iter()
        .filter(|p| p.side == side)
        .map(|p| p.count)
        .sum()
}

#[derive(Debug, Clone, Default)]
struct StatementAcc {
    /// The statement as first written.
    text: String,
    /// The question of a grid's row, as first given.
    question: Option<String>,
    all: Tally,
    /// By group key, in the order groups first answered.
    by_group: IndexMap<usize, Tally, rustc_hash::FxBuildHasher>,
    /// Labels seen: integers, and labels that are neither integers nor 2-point wording.
    numeric: u64,
    other: u64,
}

/// Collects survey answers from every survey file of the edition.
#[derive(Debug, Clone, Default)]
pub struct SurveyAccumulator {
    /// By folded text, so that spellings differing only in case or accents merge.
    statements: IndexMap<String, StatementAcc>,
    /// The statement index of each exact text met, so that a text is folded once.
    seen: rustc_hash::FxHashMap<String, usize>,
    participants: u64,
    /// Group names; a group's key is its index.
    groups: indexmap::IndexSet<String, rustc_hash::FxBuildHasher>,
    /// Participants by group key, in the order groups first had one.
    group_participants: IndexMap<usize, u64, rustc_hash::FxBuildHasher>,
    files: u64,
    set_aside: Vec<SetAsideColumn>,
    /// Rating and yes/no columns: file, header, answers.
    summaries: Vec<(String, Heading, ColumnSummary)>,
}

impl SurveyAccumulator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Counts one survey file read.
    pub fn file_read(&mut self) {
        self.files += 1;
    }

    pub fn participants(&self) -> u64 {
        self.participants
    }

    fn group_name(&self, key: usize) -> &str {
        self.groups.get_index(key).map_or("", String::as_str)
    }
}

impl SurveySink for SurveyAccumulator {
    fn statement(&mut self, text: &str) -> StatementKey {
        if let Some(&index) = self.seen.get(text) {
            return StatementKey(index);
        }
        // Folding allocates: once per distinct text, not once per answer.
        let entry = self.statements.entry(text::fold(text));
        let index = entry.index();
        entry.or_insert_with(|| StatementAcc {
            text: text.trim().to_string(),
            ..StatementAcc::default()
        });
        self.seen.insert(text.to_string(), index);
        StatementKey(index)
    }

    fn question(&mut self, statement: StatementKey, question: &str) {
        if let Some((_, acc)) = self.statements.get_index_mut(statement.0)
            && acc.question.is_none()
        {
            acc.question = Some(question.trim().to_string());
        }
    }

    fn group(&mut self, name: &str) -> GroupKey {
        let name = name.trim();
        GroupKey(match self.groups.get_index_of(name) {
            Some(index) => index,
            None => self.groups.insert_full(name.to_string()).0,
        })
    }

    fn participant(&mut self, group: Option<GroupKey>) {
        self.participants += 1;
        if let Some(GroupKey(group)) = group {
            *self.group_participants.entry(group).or_default() += 1;
        }
    }

    fn answer(&mut self, statement: StatementKey, group: Option<GroupKey>, reading: Reading) {
        self.answers(statement, group, reading, 1);
    }

    fn answers(
        &mut self,
        statement: StatementKey,
        group: Option<GroupKey>,
        reading: Reading,
        n: u64,
    ) {
        let Some((_, acc)) = self.statements.get_index_mut(statement.0) else {
            return;
        };
        acc.all.add_n(reading, n);
        if let Reading::Level {
            two_point, numeric, ..
        } = reading
        {
            if numeric {
                acc.numeric += n;
            } else if !two_point {
                acc.other += n;
            }
        }
        if let Some(GroupKey(group)) = group {
            acc.by_group.entry(group).or_default().add_n(reading, n);
        }
    }

    fn set_aside(&mut self, file: &str, heading: &Heading, reason: SetAside) {
        self.set_aside.push(SetAsideColumn {
            file: file.to_string(),
            heading: heading.clone(),
            reason,
        });
    }

    fn summary(&mut self, file: &str, heading: &Heading, summary: ColumnSummary) {
        self.summaries
            .push((file.to_string(), heading.clone(), summary));
    }
}

/// The scale a statement's labels belong to (docs/inputs.md, "Surveys": detected from the labels present).
fn detect_scale(acc: &StatementAcc) -> Scale {
    match acc.all.points {
        9.. => return Scale::Nine,
        1.. => return Scale::Seven,
        0 => {}
    }
    let c = &acc.all.counts;
    let has_extremes = c[Level::StronglyAgree.index()] + c[Level::StronglyDisagree.index()] > 0;
    if acc.numeric > 0 || c[Level::Neutral.index()] > 0 {
        Scale::Five
    } else if acc.other == 0 && !has_extremes {
        Scale::Two
    } else {
        Scale::Four
    }
}

/// Survey-wide figures.
#[derive(Debug, Clone, Serialize)]
pub struct SurveyStats {
    pub files: u64,
    pub participants: u64,
    pub min_group_size: u32,
    /// Groups of participants with their size; `shown` is false for groups whose
    /// answers are pooled or suppressed.
    pub groups: Vec<GroupSize>,
    /// Readers' text saying which groups were pooled or suppressed, if any.
    pub suppression_note: Option<String>,
    /// Survey columns that are not agreement statements, left aside whole.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub set_aside: Vec<SetAsideColumn>,
    /// Numeric rating columns: their distribution, n and median, over all participants.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub ratings: Vec<super::ratings::RatingStats>,
    /// Yes/no columns: the share of yes with its 95 % Wilson interval.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub yes_no: Vec<super::ratings::YesNoStats>,
}

/// A survey column left aside, and why.
#[derive(Debug, Clone, Serialize)]
pub struct SetAsideColumn {
    pub file: String,
    #[serde(flatten)]
    pub heading: Heading,
    #[serde(flatten)]
    pub reason: SetAside,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupSize {
    pub group: String,
    pub participants: u64,
    pub shown: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatementStats {
    /// 1-based position, in order of first appearance.
    pub index: usize,
    pub text: String,
    /// The question a grid's row answers (`text` is the row), said above it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    pub scale: &'static str,
    /// Substantive answers; every share is over `n`.
    pub n: u64,
    pub non_answers: u64,
    /// Counts per level code of the scale.
    pub counts: IndexMap<&'static str, u64>,
    pub shares: IndexMap<&'static str, f64>,
    /// The same per level, with the label in the report language, most agreeing first.
    pub levels: Vec<LevelStats>,
    pub agree: Interval,
    pub disagree: ShareText,
    /// Share agreeing minus share disagreeing, −1 to 1.
    pub net_agreement: f64,
    pub net_agreement_text: String,
    /// The level of the middle answer (lower median on the scale's order).
    pub median: Option<LevelRef>,
    /// Secondary figure: the mean position on the scale (1 = most disagreeing).
    pub mean: Option<Mean>,
    /// Groups with at least `min_group_size` answers, then the pooled rest as "autres".
    pub groups: Vec<GroupStats>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelStats {
    pub code: &'static str,
    pub label: &'static str,
    pub count: u64,
    pub share: f64,
    pub share_text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LevelRef {
    pub code: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct ShareText {
    pub share: f64,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Mean {
    pub value: f64,
    pub text: String,
    /// Always `"secondary"`: the mean of ordinal levels is shown for reference only.
    pub role: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupStats {
    pub group: String,
    /// True for the pool of groups too small to be shown apart.
    pub pooled: bool,
    pub n: u64,
    pub non_answers: u64,
    pub agree: Interval,
}

impl SurveyAccumulator {
    /// Turns the counters into the figures of docs/data.md.
    pub fn finish(&self, lang: Lang, min_group_size: u32) -> (SurveyStats, Vec<StatementStats>) {
        let min = u64::from(min_group_size);
        let other = match lang {
            Lang::Fr => "autres",
            Lang::En => "others",
        };
        let mut hidden_groups: Vec<&str> = Vec::new();
        // Groups large enough to be shown, pooled with the small ones so that these
        // cannot be recovered by subtraction.
        let mut complementary: Vec<&str> = Vec::new();
        // Whether some pool of small groups was itself below the threshold.
        let mut hidden_pool = false;
        let statements: Vec<StatementStats> = self
            .statements
            .values()
            .enumerate()
            .map(|(i, acc)| {
                let scale = detect_scale(acc);
                let mut s = statement_stats(i + 1, &acc.text, scale, &acc.all, lang);
                s.question.clone_from(&acc.question);
                let mut pool = Tally::default();
                let mut pooled_any = false;
                let mut shown: Vec<(&str, &Tally)> = Vec::new();
                for (&group, tally) in &acc.by_group {
                    let group = self.group_name(group);
                    if tally.n() >= min {
                        shown.push((group, tally));
                    } else {
                        pool.merge(tally);
                        pooled_any = true;
                        if !hidden_groups.contains(&group) {
                            hidden_groups.push(group);
                        }
                    }
                }
                // Complementary suppression: the statement's figures minus the groups
                // shown give the pool; a pool below the threshold would so show the
                // small groups' answers. The smallest groups shown join it (the last
                // of equals) until it reaches the threshold.
                while pooled_any && pool.n() > 0 && pool.n() < min && !shown.is_empty() {
                    let smallest = shown
                        .iter()
                        .enumerate()
                        .min_by(|(i, a), (j, b)| a.1.n().cmp(&b.1.n()).then(j.cmp(i)))
                        .map_or(0, |(i, _)| i);
                    let (group, tally) = shown.remove(smallest);
                    pool.merge(tally);
                    if !complementary.contains(&group) {
                        complementary.push(group);
                    }
                }
                for (group, tally) in shown.iter() {
                    s.groups.push(group_stats(group, false, scale, tally, lang));
                }
                // A pool holding every group is the statement itself: not shown twice.
                if pooled_any && pool.n() >= min && !shown.is_empty() {
                    s.groups.push(group_stats(other, true, scale, &pool, lang));
                } else if pooled_any && pool.n() < min {
                    hidden_pool = true;
                }
                s
            })
            .collect();
        let groups = self
            .group_participants
            .iter()
            .map(|(&group, &participants)| {
                let group = self.group_name(group);
                GroupSize {
                    group: group.to_string(),
                    participants,
                    shown: !hidden_groups.contains(&group) && !complementary.contains(&group),
                }
            })
            .collect();
        let complementary_note = (!complementary.is_empty()).then(|| {
            let groups = complementary.join(", ");
            match lang {
                Lang::Fr => format!(
                    " Pour que leurs réponses ne puissent pas être retrouvées par différence, {groups} {} aussi regroupé{} sous « {other} » lorsque c’est nécessaire.",
                    if complementary.len() > 1 { "sont" } else { "est" },
                    if complementary.len() > 1 { "s" } else { "" }
                ),
                Lang::En => format!(
                    " So that their answers cannot be recovered by subtraction, {groups} {} pooled as “{other}” too where needed.",
                    if complementary.len() > 1 { "are" } else { "is" }
                ),
            }
        });
        let suppression_note = (!hidden_groups.is_empty()).then(|| {
            let groups = hidden_groups.join(", ");
            match (lang, hidden_pool) {
                (Lang::Fr, false) => format!(
                    "Les groupes de moins de {min} réponses ne sont pas présentés à part ({groups}) : leurs réponses sont regroupées sous « {other} »."
                ),
                (Lang::Fr, true) => format!(
                    "Les groupes de moins de {min} réponses ne sont pas présentés à part ({groups}) : leurs réponses sont regroupées sous « {other} », et ce regroupement lui-même n’est pas montré quand il compte moins de {min} réponses."
                ),
                (Lang::En, false) => format!(
                    "Groups with fewer than {min} answers are not shown apart ({groups}): their answers are pooled as “{other}”."
                ),
                (Lang::En, true) => format!(
                    "Groups with fewer than {min} answers are not shown apart ({groups}): their answers are pooled as “{other}”, and the pool itself is not shown when it has fewer than {min} answers."
                ),
            }
        });
        let suppression_note =
            suppression_note.map(|note| note + complementary_note.as_deref().unwrap_or(""));
        let survey = SurveyStats {
            files: self.files,
            participants: self.participants,
            min_group_size,
            groups,
            suppression_note: suppression_note.map(|s| match lang {
                Lang::Fr => text::french(&s),
                Lang::En => s,
            }),
            set_aside: self.set_aside.clone(),
            ratings: super::ratings::ratings(&self.summaries, lang),
            yes_no: super::ratings::yes_no(&self.summaries, lang),
        };
        (survey, statements)
    }
}

fn group_stats(group: &str, pooled: bool, scale: Scale, tally: &Tally, lang: Lang) -> GroupStats {
    GroupStats {
        group: group.to_string(),
        pooled,
        n: tally.n(),
        non_answers: tally.non_answers,
        agree: interval(on_side(&points(scale, tally, lang), 1), tally.n(), lang),
    }
}

fn statement_stats(
    index: usize,
    text: &str,
    scale: Scale,
    tally: &Tally,
    lang: Lang,
) -> StatementStats {
    let n = tally.n();
    let points = points(scale, tally, lang);
    let levels: Vec<LevelStats> = points
        .iter()
        .map(|p| {
            let share = round4(ratio(p.count, n));
            LevelStats {
                code: p.code,
                label: p.label,
                count: p.count,
                share,
                share_text: format::percent(share, 0, lang),
            }
        })
        .collect();
    let agree = interval(on_side(&points, 1), n, lang);
    let disagree_share = round4(ratio(on_side(&points, -1), n));
    let net = round4(agree.share - disagree_share);
    let sign = if net > 0.0 { "+" } else { "" };

    // Positions on the scale, most disagreeing = 1.
    let median = (n > 0)
        .then(|| {
            let mut seen = 0;
            points.iter().rev().find(|p| {
                seen += p.count;
                2 * seen >= n
            })
        })
        .flatten()
        .map(|p| LevelRef {
            code: p.code,
            label: p.label,
        });
    let mean = (n > 0).then(|| {
        let total: u64 = points
            .iter()
            .rev()
            .enumerate()
            .map(|(i, p)| (i as u64 + 1) * p.count)
            .sum();
        let value = total as f64 / n as f64;
        Mean {
            value: round4(value),
            text: format!("{} / {}", format::decimal(value, 1, lang), points.len()),
            role: "secondary",
        }
    });

    StatementStats {
        index,
        text: text.to_string(),
        question: None,
        scale: scale.code(),
        n,
        non_answers: tally.non_answers,
        counts: levels.iter().map(|l| (l.code, l.count)).collect(),
        shares: levels.iter().map(|l| (l.code, l.share)).collect(),
        levels,
        agree,
        disagree: ShareText {
            share: disagree_share,
            text: format::percent(disagree_share, 0, lang),
        },
        net_agreement: net,
        net_agreement_text: format!("{sign}{}", format::decimal(net * 100.0, 0, lang))
            + match lang {
                Lang::Fr => "\u{202f}points",
                Lang::En => " points",
            },
        median,
        mean,
        groups: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(level: Level) -> Reading {
        Reading::Level {
            level,
            two_point: false,
            numeric: false,
        }
    }

    /// Reference values from statsmodels 0.14 `proportion_confint(count, nobs,
    /// alpha=0.05, method="wilson")`, an independent implementation.
    #[test]
    fn wilson_matches_statsmodels() {
        let cases = [
            (15, 23, 0.448_903_4, 0.811_887_2),
            (0, 10, 0.0, 0.277_532_8),
            (10, 10, 0.722_467_2, 1.0),
            (1, 2, 0.094_531_2, 0.905_468_8),
            (512, 1000, 0.481_032_6, 0.542_875_6),
        ];
        for (x, n, low, high) in cases {
            let (l, h) = wilson(x, n);
            assert!((l - low).abs() < 1e-6, "{x}/{n}: low {l} vs {low}");
            assert!((h - high).abs() < 1e-6, "{x}/{n}: high {h} vs {high}");
        }
    }

    #[test]
    fn spec_example_statement() {
        let mut acc = SurveyAccumulator::new();
        let plan = [
            (Level::StronglyAgree, 8),
            (Level::Agree, 7),
            (Level::Neutral, 3),
            (Level::Disagree, 3),
            (Level::StronglyDisagree, 2),
        ];
        for (l, k) in plan {
            for _ in 0..k {
                acc.answer_named("Le rythme", None, level(l));
            }
        }
        acc.answer_named("Le rythme", None, Reading::NonAnswer);
        acc.answer_named("Le rythme", None, Reading::NonAnswer);
        let (_, st) = acc.finish(Lang::Fr, 5);
        let s = &st[0];
        assert_eq!((s.n, s.non_answers), (23, 2));
        assert_eq!(s.scale, "five_point");
        assert_eq!(s.agree.share, 0.6522);
        assert_eq!(s.agree.low, 0.4489);
        assert_eq!(s.agree.high, 0.8119);
        assert_eq!(s.median.as_ref().map(|m| m.code), Some("agree"));
        assert_eq!(s.agree.text, "65\u{202f}%");
    }

    #[test]
    fn two_point_scale_counts_only_agree() {
        let mut acc = SurveyAccumulator::new();
        let two = |level| Reading::Level {
            level,
            two_point: true,
            numeric: false,
        };
        acc.answer_named("S", None, two(Level::Agree));
        acc.answer_named("S", None, two(Level::Disagree));
        let (_, st) = acc.finish(Lang::En, 5);
        assert_eq!(st[0].scale, "two_point");
        assert_eq!(
            st[0].counts.keys().copied().collect::<Vec<_>>(),
            ["agree", "disagree"]
        );
        assert_eq!(st[0].agree.share, 0.5);
    }

    fn wide(strength: i8, points: u8) -> Reading {
        Reading::Wide { strength, points }
    }

    #[test]
    fn seven_point_scale_counts_every_level_and_agrees_above_neutral() {
        let mut acc = SurveyAccumulator::new();
        // Strengths 3 … −3 answered 4, 3, 2, 5, 1, 1, 0 times: n = 16.
        for (strength, k) in [(3, 4), (2, 3), (1, 2), (0, 5), (-1, 1), (-2, 1), (-3, 0)] {
            for _ in 0..k {
                acc.answer_named("S", None, wide(strength, 7));
            }
        }
        acc.answer_named("S", None, Reading::NonAnswer);
        let (_, st) = acc.finish(Lang::En, 5);
        let s = &st[0];
        assert_eq!((s.scale, s.n, s.non_answers), ("seven_point", 16, 1));
        let counts: Vec<(&str, u64)> = s.counts.iter().map(|(c, n)| (*c, *n)).collect();
        assert_eq!(
            counts,
            [
                ("strongly_agree", 4),
                ("agree", 3),
                ("somewhat_agree", 2),
                ("neutral", 5),
                ("somewhat_disagree", 1),
                ("disagree", 1),
                ("strongly_disagree", 0)
            ]
        );
        assert_eq!(s.levels[2].label, "somewhat agree");
        // Agreeing: 4 + 3 + 2 = 9 of 16; disagreeing 2 of 16.
        assert_eq!(s.agree.share, 0.5625);
        assert_eq!(s.disagree.share, 0.125);
        // Counted from the most disagreeing: 0, 1, 2, 7 (neutral), 9 (somewhat
        // agree): half of 16 is reached at somewhat agree.
        assert_eq!(s.median.as_ref().map(|m| m.code), Some("somewhat_agree"));
        // Positions 1–7: (0·1 + 1·2 + 1·3 + 5·4 + 2·5 + 3·6 + 4·7) / 16 = 81 / 16.
        assert_eq!(s.mean.as_ref().map(|m| m.value), Some(5.0625));
        assert_eq!(s.mean.as_ref().map(|m| m.text.as_str()), Some("5.1 / 7"));
    }

    #[test]
    fn nine_point_scale_keeps_its_ends_and_a_five_point_file_joins_at_the_same_words() {
        let mut acc = SurveyAccumulator::new();
        acc.answer_named("S", None, wide(4, 9));
        acc.answer_named("S", None, wide(1, 9));
        acc.answer_named("S", None, wide(-4, 9));
        // The same statement on five points in another file: `agree` is `agree`.
        acc.answer_named("S", None, level(Level::Agree));
        acc.answer_named("S", None, level(Level::StronglyDisagree));
        let (_, st) = acc.finish(Lang::Fr, 5);
        let s = &st[0];
        assert_eq!((s.scale, s.n), ("nine_point", 5));
        assert_eq!(s.levels.len(), 9);
        assert_eq!(s.levels[0].code, "very_strongly_agree");
        assert_eq!(s.levels[0].label, "très fortement d’accord");
        assert_eq!(s.counts["agree"], 1);
        assert_eq!(s.counts["strongly_disagree"], 1);
        // Agreeing: very strongly, somewhat and agree = 3 of 5.
        assert_eq!(s.agree.share, 0.6);
    }

    #[test]
    fn small_groups_are_pooled_and_stated() {
        let mut acc = SurveyAccumulator::new();
        for i in 0..9 {
            let group = if i < 6 {
                "A"
            } else if i < 8 {
                "B"
            } else {
                "C"
            };
            acc.participant_named(Some(group));
            acc.answer_named("S", Some(group), level(Level::Agree));
        }
        let (survey, st) = acc.finish(Lang::Fr, 5);
        let shown: Vec<_> = st[0].groups.iter().map(|g| g.group.as_str()).collect();
        // B and C together have 3 answers, below the threshold; showing A would give
        // them by subtraction (9 − 6): A joins the pool, which is then the whole
        // statement, shown once.
        assert!(shown.is_empty(), "{shown:?}");
        let note = survey.suppression_note.unwrap();
        assert!(
            note.contains("B, C") && note.contains("par différence, A est"),
            "{note}"
        );
        assert!(survey.groups.iter().all(|g| !g.shown));
    }

    /// Regression: with one small group hidden, the statement's counts minus the
    /// groups shown gave the hidden group's answers.
    #[test]
    fn the_smallest_group_shown_joins_a_pool_below_the_threshold() {
        let mut acc = SurveyAccumulator::new();
        for (group, n) in [("A", 10), ("B", 8), ("C", 2)] {
            for _ in 0..n {
                acc.participant_named(Some(group));
                acc.answer_named("S", Some(group), level(Level::Agree));
            }
        }
        let (survey, st) = acc.finish(Lang::En, 5);
        let shown: Vec<(&str, u64)> = st[0]
            .groups
            .iter()
            .map(|g| (g.group.as_str(), g.n))
            .collect();
        assert_eq!(shown, [("A", 10), ("others", 10)]);
        assert!(survey.suppression_note.unwrap().contains("B is pooled"));
    }

    #[test]
    fn empty_statement_gives_finite_figures() {
        let mut acc = SurveyAccumulator::new();
        acc.answer_named("S", None, Reading::NonAnswer);
        let (_, st) = acc.finish(Lang::Fr, 5);
        let json = serde_json::to_string(&st).unwrap();
        assert!(!json.contains("NaN") && !json.contains("inf"), "{json}");
        assert_eq!((st[0].agree.low, st[0].agree.high), (0.0, 1.0));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn reading(code: u8) -> Reading {
            match code {
                0..=4 => level(Level::ALL[code as usize]),
                _ => Reading::NonAnswer,
            }
        }

        proptest! {
            #[test]
            fn shares_sum_to_one_and_intervals_hold(answers in prop::collection::vec(0u8..6, 0..200)) {
                let mut acc = SurveyAccumulator::new();
                for &a in &answers {
                    acc.answer_named("S", None, reading(a));
                }
                let (_, statements) = acc.finish(Lang::Fr, 5);
                for s in &statements {
                    let sum: f64 = s.levels.iter().map(|l| ratio(l.count, s.n)).sum();
                    if s.n > 0 {
                        prop_assert!((sum - 1.0).abs() < 1e-9);
                    }
                    let a = &s.agree;
                    prop_assert!(0.0 <= a.low && a.low <= a.share && a.share <= a.high && a.high <= 1.0);
                    prop_assert_eq!(s.n + s.non_answers, answers.len() as u64);
                    let json = serde_json::to_string(s).unwrap();
                    prop_assert!(!json.contains("null,\"low\"") && !json.contains("NaN"));
                }
            }

            /// Whatever the groups, what is not shown apart — the statement's answers
            /// less the groups shown by name — is none, the whole statement, or at
            /// least the threshold: no small group's answers follow by subtraction.
            #[test]
            fn no_small_group_follows_by_subtraction(
                sizes in prop::collection::vec(0usize..12, 1..6),
                min in 1u32..8,
            ) {
                let mut acc = SurveyAccumulator::new();
                for (g, &n) in sizes.iter().enumerate() {
                    for i in 0..n {
                        let group = format!("G{g}");
                        acc.participant_named(Some(&group));
                        acc.answer_named("S", Some(&group), reading((i % 5) as u8));
                    }
                }
                let (_, statements) = acc.finish(Lang::Fr, min);
                for s in &statements {
                    let named: u64 = s.groups.iter().filter(|g| !g.pooled).map(|g| g.n).sum();
                    let rest = s.n - named;
                    // With no group shown by name, the rest is the statement itself.
                    prop_assert!(
                        named == 0 || rest == 0 || rest >= u64::from(min),
                        "rest {} with min {}", rest, min
                    );
                    for g in &s.groups {
                        prop_assert!(g.n >= u64::from(min));
                    }
                }
            }

            #[test]
            fn wilson_bounds_are_ordered(n in 0u64..10_000, k in 0u64..10_000) {
                let x = k.min(n);
                let (low, high) = wilson(x, n);
                let p = ratio(x, n);
                prop_assert!(low.is_finite() && high.is_finite());
                prop_assert!(0.0 <= low && low <= high && high <= 1.0);
                if n > 0 {
                    prop_assert!(low <= p + 1e-12 && p <= high + 1e-12);
                }
            }
        }
    }
}
