//! Survey answer labels (agreement levels in French, English and German wordings, numeric levels) read as a [`Reading`].
//!
//! Pure functions over text: no I/O, no diagnostics (callers locate the problem).

use std::sync::LazyLock;

use crate::model::{Level, Reading};
use crate::text::fold;

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
    // The ends of a nine-point scale.
    ("très fortement d'accord", level(Level::StronglyAgree)),
    (
        "très fortement en désaccord",
        level(Level::StronglyDisagree),
    ),
    // English Likert.
    ("strongly agree", level(Level::StronglyAgree)),
    ("very strongly agree", level(Level::StronglyAgree)),
    ("very strongly disagree", level(Level::StronglyDisagree)),
    ("completely agree", level(Level::StronglyAgree)),
    ("totally agree", level(Level::StronglyAgree)),
    ("agree completely", level(Level::StronglyAgree)),
    ("fully agree", level(Level::StronglyAgree)),
    ("rather agree", level(Level::Agree)),
    ("rather disagree", level(Level::Disagree)),
    ("disagree completely", level(Level::StronglyDisagree)),
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
    // German Likert (LimeSurvey's German labels and hand-made ones).
    ("stimme voll zu", level(Level::StronglyAgree)),
    ("stimme voll und ganz zu", level(Level::StronglyAgree)),
    ("stimme vollständig zu", level(Level::StronglyAgree)),
    ("stimme völlig zu", level(Level::StronglyAgree)),
    ("stimme zu", level(Level::Agree)),
    ("stimme eher zu", level(Level::Agree)),
    ("teils teils", level(Level::Neutral)),
    ("teils/teils", level(Level::Neutral)),
    ("weder noch", level(Level::Neutral)),
    ("stimme eher nicht zu", level(Level::Disagree)),
    ("stimme nicht zu", level(Level::Disagree)),
    ("stimme gar nicht zu", level(Level::StronglyDisagree)),
    ("stimme garnicht zu", level(Level::StronglyDisagree)),
    ("stimme überhaupt nicht zu", level(Level::StronglyDisagree)),
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
    ("keine angabe", Reading::NonAnswer),
    ("weiß nicht", Reading::NonAnswer),
    ("weiss nicht", Reading::NonAnswer),
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
    // `agree (6)`, `stimme eher zu (a3)`: LimeSurvey's "label (code)"; the code is not
    // always the scale's order, so the label decides.
    if numeric_level(last).is_some() || is_answer_code(last) {
        return ANSWER_KEYS.iter().find(|(k, _)| k == rest).map(|(_, r)| *r);
    }
    None
}

/// A short answer code as LimeSurvey appends it: `6`, `a6`, `sq01`.
fn is_answer_code(token: &str) -> bool {
    token.len() <= 5 && token.bytes().any(|b| b.is_ascii_digit())
}

/// How strongly an agreement label agrees (positive) or disagrees (negative): 3 for
/// `strongly` / `tout à fait` / `voll`, 1 for `somewhat` / `plutôt` / `eher`, 2 for the
/// plain word, 4 for `very strongly` (the ends of a nine-point scale); 0 for a neutral
/// label, `None` for anything else. A scale holding three strengths on one side has
/// more than five points.
pub(crate) fn label_strength(label: &str) -> Option<i8> {
    let reading = parse_reading(label)?;
    let Reading::Level { level, numeric, .. } = reading else {
        return None;
    };
    let key = label_key(label);
    let side: i8 = match level {
        Level::StronglyAgree | Level::Agree => 1,
        Level::Neutral => return Some(0),
        Level::Disagree | Level::StronglyDisagree => -1,
    };
    if numeric {
        return Some(
            side * if matches!(level, Level::StronglyAgree | Level::StronglyDisagree) {
                3
            } else {
                2
            },
        );
    }
    const STRONG: &[&str] = &[
        "strongly",
        "completely",
        "totally",
        "fully",
        "tout a fait",
        "totalement",
        "entierement",
        "completement",
        "tres",
        "fortement",
        "pas du tout",
        "voll",
        "vollstandig",
        "vollig",
        "gar nicht",
        "garnicht",
        "uberhaupt nicht",
    ];
    const MILD: &[&str] = &[
        "somewhat",
        "slightly",
        "tend to",
        "mostly",
        "rather",
        "plutot",
        "assez",
        "moyennement",
        "pas vraiment",
        "peu",
        "eher",
    ];
    let has = |words: &[&str]| {
        words
            .iter()
            .any(|w| format!(" {key} ").contains(&format!(" {w} ")))
    };
    const VERY_STRONG: &[&str] = &["very strongly", "extremely", "tres fortement"];
    let strength = if has(VERY_STRONG) {
        4
    } else if has(STRONG) {
        3
    } else if has(MILD) {
        1
    } else {
        2
    };
    Some(side * strength)
}

/// The code a LimeSurvey "label (code)" answer ends with, when it is a number: `6`
/// for `Agree (6)`.
pub(crate) fn answer_code_number(label: &str) -> Option<u32> {
    let inner = label.trim().strip_suffix(')')?;
    let (_, code) = inner.rsplit_once('(')?;
    let digits: String = code.chars().filter(char::is_ascii_digit).collect();
    digits.parse().ok()
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

/// Every answer label with a level, for "did you mean": never a non-answer, which a
/// typo must not be read as (`Ja` is not `NA`).
pub(crate) fn answer_labels() -> impl Iterator<Item = &'static str> {
    ANSWER_LABELS
        .iter()
        .filter(|(_, reading)| *reading != Reading::NonAnswer)
        .map(|(label, _)| *label)
}

/// Every label read as a non-answer (`sans avis`, `NSP`, `NA`…).
pub fn non_answer_labels() -> impl Iterator<Item = &'static str> {
    ANSWER_LABELS
        .iter()
        .filter(|(_, reading)| *reading == Reading::NonAnswer)
        .map(|(label, _)| *label)
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
