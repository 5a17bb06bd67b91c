//! The domain values that travel between pipeline stages: proposals and their
//! statuses, survey answer levels and scales, suggestions.
//!
//! Pure data: nothing here reads or writes the disk.

use serde::Serialize;
use time::Date;

use crate::catalogue::{self, Texts};
use crate::config::Lang;

/// Where a value came from, as the user sees it in their spreadsheet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// Path as written in the config (relative to the project).
    pub file: String,
    pub sheet: Option<String>,
    /// 1-based row number as shown by the spreadsheet program (title rows counted).
    pub row: Option<usize>,
}

/// The status of a proposal (docs/inputs.md, "The register").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Accepted,
    AcceptedModified,
    Escalated,
    UnderStudy,
    ToClarify,
    Rejected,
    OutOfScope,
    Unanswered,
    Withdrawn,
}

impl Status {
    /// Every status, in the order reports list them.
    pub const ALL: [Status; 9] = [
        Status::Accepted,
        Status::AcceptedModified,
        Status::Escalated,
        Status::UnderStudy,
        Status::ToClarify,
        Status::Rejected,
        Status::OutOfScope,
        Status::Unanswered,
        Status::Withdrawn,
    ];

    /// The canonical code used in JSON and by templates.
    pub fn code(self) -> &'static str {
        match self {
            Status::Accepted => "accepted",
            Status::AcceptedModified => "accepted_modified",
            Status::Escalated => "escalated",
            Status::UnderStudy => "under_study",
            Status::ToClarify => "to_clarify",
            Status::Rejected => "rejected",
            Status::OutOfScope => "out_of_scope",
            Status::Unanswered => "unanswered",
            Status::Withdrawn => "withdrawn",
        }
    }

    pub fn from_code(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The label shown to readers, from the built-in catalogue
    /// (`templates/texts.toml`, `[status]`).
    pub fn label(self, lang: Lang) -> &'static str {
        self.label_in(catalogue::builtin(), lang)
    }

    /// The label in `texts` (a project's catalogue may override it).
    pub fn label_in(self, texts: &Texts, lang: Lang) -> &str {
        texts.get(&format!("status.{}", self.code()), lang)
    }

    /// The statistics group, `None` for withdrawn proposals (left out of shares).
    pub fn group(self) -> Option<StatusGroup> {
        match self {
            Status::Accepted | Status::AcceptedModified | Status::Escalated => {
                Some(StatusGroup::Retained)
            }
            Status::UnderStudy | Status::ToClarify | Status::Unanswered => {
                Some(StatusGroup::Pending)
            }
            Status::Rejected => Some(StatusGroup::NotRetained),
            Status::OutOfScope => Some(StatusGroup::OutOfScope),
            Status::Withdrawn => None,
        }
    }

    /// Whether the administration has taken a position (an answer is then expected).
    pub fn is_decided(self) -> bool {
        !matches!(self, Status::Unanswered | Status::Withdrawn)
    }

    /// Whether the status calls for the administration's written answer: a proposal
    /// accepted (modified or not), under study or not retained is explained in words.
    /// Escalated, out of remit or to clarify, the status is itself the answer for now
    /// (the documents say so in a sentence derived from it).
    pub fn needs_written_answer(self) -> bool {
        matches!(
            self,
            Status::Accepted | Status::AcceptedModified | Status::UnderStudy | Status::Rejected
        )
    }

    /// Whether the next executive has something to decide or follow up.
    pub fn needs_decision(self) -> bool {
        matches!(
            self,
            Status::ToClarify | Status::UnderStudy | Status::Escalated
        )
    }
}

/// The four groups used in statistics (docs/inputs.md, "The register").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusGroup {
    Retained,
    Pending,
    NotRetained,
    OutOfScope,
}

impl StatusGroup {
    pub const ALL: [StatusGroup; 4] = [
        StatusGroup::Retained,
        StatusGroup::Pending,
        StatusGroup::NotRetained,
        StatusGroup::OutOfScope,
    ];

    pub fn code(self) -> &'static str {
        match self {
            StatusGroup::Retained => "retained",
            StatusGroup::Pending => "pending",
            StatusGroup::NotRetained => "not_retained",
            StatusGroup::OutOfScope => "out_of_scope",
        }
    }

    /// The label shown to readers, from the built-in catalogue
    /// (`[status_group]`).
    pub fn label(self, lang: Lang) -> &'static str {
        self.label_in(catalogue::builtin(), lang)
    }

    /// The label in `texts`.
    pub fn label_in(self, texts: &Texts, lang: Lang) -> &str {
        texts.get(&format!("status_group.{}", self.code()), lang)
    }
}

/// When a proposal is due: a calendar date or a period as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Due {
    Date(Date),
    /// A period such as `printemps 2026`, `T2 2026` or `2026`, kept as written,
    /// with the first day of the period for sorting.
    Period {
        text: String,
        start: Date,
    },
}

/// One recommendation of the council with the administration's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub id: String,
    pub theme: String,
    pub title: String,
    pub description: Option<String>,
    pub status: Status,
    pub answer: Option<String>,
    pub owner: Option<String>,
    pub due: Option<Due>,
    pub condition: Option<String>,
    /// Progress as a fraction 0–1.
    pub progress: Option<f64>,
    /// The proposal's id in the previous edition, when the register says it (a
    /// « Ancien N° » column): the follow-up matches it through this id.
    pub previous_id: Option<String>,
    pub origin: Origin,
}

/// A proposals register once read.
#[derive(Debug, Clone, Default)]
pub struct Register {
    /// The proposals kept.
    pub proposals: Vec<Proposal>,
    /// The proposals' rows read (blank rows aside), the refused ones included.
    pub rows_read: usize,
    /// Each distinct status wording of the register as written (trimmed), in order of
    /// first appearance, with the status it was read as and its number of rows:
    /// `bilan check` shows every mapping.
    pub status_wordings: Vec<StatusWording>,
}

/// A status wording of a register and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusWording {
    pub wording: String,
    pub status: Status,
    pub rows: usize,
}

/// Counts `wording` as read as `status`.
pub fn count_wording(wordings: &mut Vec<StatusWording>, wording: &str, status: Status) {
    let wording = wording.trim();
    match wordings.iter_mut().find(|w| w.wording == wording) {
        Some(found) => found.rows += 1,
        None => wordings.push(StatusWording {
            wording: wording.to_string(),
            status,
            rows: 1,
        }),
    }
}

/// A level of agreement on the council's survey scales, most agreeing first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    StronglyAgree,
    Agree,
    Neutral,
    Disagree,
    StronglyDisagree,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::StronglyAgree,
        Level::Agree,
        Level::Neutral,
        Level::Disagree,
        Level::StronglyDisagree,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn code(self) -> &'static str {
        match self {
            Level::StronglyAgree => "strongly_agree",
            Level::Agree => "agree",
            Level::Neutral => "neutral",
            Level::Disagree => "disagree",
            Level::StronglyDisagree => "strongly_disagree",
        }
    }

    /// The label shown to readers, from the built-in catalogue; a 2-point scale
    /// reads "d'accord / pas d'accord" (`[level_two_point]`).
    pub fn label(self, scale: Scale, lang: Lang) -> &'static str {
        self.label_in(catalogue::builtin(), scale, lang)
    }

    /// The label in `texts`.
    pub fn label_in(self, texts: &Texts, scale: Scale, lang: Lang) -> &str {
        let section = match (scale, self) {
            (Scale::Two, Level::Agree | Level::Disagree) => "level_two_point",
            _ => "level",
        };
        texts.get(&format!("{section}.{}", self.code()), lang)
    }
}

/// An answer scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scale {
    /// `d'accord` / `pas d'accord`.
    Two,
    /// Four levels, no neutral one.
    Four,
    /// Five levels with a neutral middle.
    Five,
    /// Seven levels: three strengths a side (`somewhat`, plain, `strongly`) and a
    /// neutral middle.
    Seven,
    /// Nine levels: four strengths a side (up to `very strongly`) and a neutral middle.
    Nine,
}

impl Scale {
    /// The levels of a 2-, 4- or 5-point scale, most agreeing first; a 7- or 9-point
    /// scale has none of these (its levels are [`Scale::strengths`]).
    pub fn levels(self) -> &'static [Level] {
        match self {
            Scale::Seven | Scale::Nine => &[],
            Scale::Two => &[Level::Agree, Level::Disagree],
            Scale::Four => &[
                Level::StronglyAgree,
                Level::Agree,
                Level::Disagree,
                Level::StronglyDisagree,
            ],
            Scale::Five => &Level::ALL,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Scale::Two => "two_point",
            Scale::Four => "four_point",
            Scale::Five => "five_point",
            Scale::Seven => "seven_point",
            Scale::Nine => "nine_point",
        }
    }

    /// The strengths of a 7- or 9-point scale, most agreeing first (`3` … `-3`);
    /// none for the smaller scales.
    pub fn strengths(self) -> &'static [i8] {
        match self {
            Scale::Seven => &[3, 2, 1, 0, -1, -2, -3],
            Scale::Nine => &[4, 3, 2, 1, 0, -1, -2, -3, -4],
            _ => &[],
        }
    }

    /// Levels that count as agreeing: the top two, or the top one on a 2-point scale.
    pub fn agreeing(self) -> &'static [Level] {
        match self {
            Scale::Two => &[Level::Agree],
            Scale::Seven | Scale::Nine => &[],
            _ => &[Level::StronglyAgree, Level::Agree],
        }
    }

    pub fn disagreeing(self) -> &'static [Level] {
        match self {
            Scale::Two => &[Level::Disagree],
            Scale::Seven | Scale::Nine => &[],
            _ => &[Level::Disagree, Level::StronglyDisagree],
        }
    }
}

/// The code of a level of a 7- or 9-point scale by its strength: positive agrees,
/// negative disagrees, 0 is the neutral middle (`somewhat_agree` is 1, `agree` 2,
/// `strongly_agree` 3, `very_strongly_agree` 4).
pub fn wide_code(strength: i8) -> &'static str {
    match strength {
        4.. => "very_strongly_agree",
        3 => "strongly_agree",
        2 => "agree",
        1 => "somewhat_agree",
        0 => "neutral",
        -1 => "somewhat_disagree",
        -2 => "disagree",
        -3 => "strongly_disagree",
        _ => "very_strongly_disagree",
    }
}

/// The label of a level of a 7- or 9-point scale (`[level_wide]` of the texts).
pub fn wide_label(texts: &Texts, strength: i8, lang: Lang) -> &str {
    texts.get(&format!("level_wide.{}", wide_code(strength)), lang)
}

/// What a survey label says: a level, and what it tells of the scale it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// A substantive answer; `two_point` when the label is the 2-point wording
    /// (`d'accord`, `pas d'accord`), `numeric` for an integer 1–5.
    Level {
        level: Level,
        two_point: bool,
        numeric: bool,
    },
    /// An answer on a 7- or 9-point agreement scale: its strength, −4 to 4 (0: the
    /// neutral middle; see [`wide_code`]), and the scale's size.
    Wide { strength: i8, points: u8 },
    /// `sans avis`, `NSP`, `NA`, an empty cell…
    NonAnswer,
}

/// One improvement suggestion (a workshop post-it, a free-text survey answer).
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion {
    pub group: String,
    pub category: Option<String>,
    pub text: String,
    pub votes: Option<u32>,
}

/// Where survey readers send what they read, one answer at a time, so that survey
/// files of any size are read in one pass without being held in memory.
///
/// Statements and groups are named once and then referred to by key: a reader asks
/// for the key of each distinct text it meets and sends keys with every answer, so
/// the millions of answers of a large survey are counted without comparing texts.
pub trait SurveySink {
    /// The key of a statement, from its text as in the header or the `statement`
    /// column. Texts the sink takes for the same statement may share a key.
    fn statement(&mut self, text: &str) -> StatementKey;
    /// The question a statement answers when its header is a grid's row (`Question
    /// [row]`) or a sub-question under a question written above it: the documents say
    /// it above the statement. The first one given stays.
    fn question(&mut self, statement: StatementKey, question: &str);
    /// The key of a group of participants, from its name (trimmed, not empty).
    fn group(&mut self, name: &str) -> GroupKey;
    /// One participant (a wide row, or a new participant in a long file).
    fn participant(&mut self, group: Option<GroupKey>);
    /// One answer of the current participant to a statement.
    fn answer(&mut self, statement: StatementKey, group: Option<GroupKey>, reading: Reading);

    /// `n` answers alike to a statement (a reader that counted them first). Required,
    /// like [`SurveySink::set_aside`], so that a sink wrapping another cannot drop
    /// them by forgetting to pass them on.
    fn answers(
        &mut self,
        statement: StatementKey,
        group: Option<GroupKey>,
        reading: Reading,
        n: u64,
    );

    /// A column of `file` that is not an agreement statement, left aside whole.
    fn set_aside(&mut self, file: &str, heading: &Heading, reason: SetAside);

    /// The answers of a rating or yes/no column of `file`, counted over all
    /// participants (never by group).
    fn summary(&mut self, file: &str, heading: &Heading, summary: ColumnSummary);

    /// One participant, the group given by name.
    fn participant_named(&mut self, group: Option<&str>) {
        let group = group
            .map(str::trim)
            .filter(|g| !g.is_empty())
            .map(|g| self.group(g));
        self.participant(group);
    }

    /// One answer, the statement and group given by text.
    fn answer_named(&mut self, statement: &str, group: Option<&str>, reading: Reading) {
        let statement = self.statement(statement);
        let group = group
            .map(str::trim)
            .filter(|g| !g.is_empty())
            .map(|g| self.group(g));
        self.answer(statement, group, reading);
    }
}

/// A survey column's header, as read and as the documents show it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Heading {
    /// The header as read.
    pub column: String,
    /// Without LimeSurvey's question code (`Ag2[SQ002]. `), HTML or runs of spaces; a
    /// grid's row kept (`Question [row]`).
    pub text: String,
    /// A grid's question and row, when the header is `Question [row]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub question: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub row: Option<String>,
}

/// Why a survey column is not read as a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SetAside {
    /// An agreement scale of more than five points: kept apart rather than merged.
    WideAgreement { points: u32 },
    /// Whole numbers beyond 1–5: a rating, an age…
    Rating { min: i64, max: i64 },
    /// Yes / no answers.
    YesNo,
    /// One of a few options per participant (or a scale of other words than
    /// agreement).
    SingleChoice,
    /// Several options joined in one cell (a checkbox question).
    MultipleChoice,
    /// Answer codes (`A1`, `AO01`) instead of the answers' words: the labels cannot
    /// be read.
    AnswerCodes,
    /// Free text.
    FreeText,
    /// No answer at all.
    Empty,
    /// Values of no known kind.
    Unknown,
}

/// What a rating or yes/no column held, for its own statistics.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnSummary {
    /// Whole numbers: how many cells held each value, smallest first, and the cells
    /// that were blank or held a non-answer label.
    Rating {
        counts: Vec<(i64, u64)>,
        non_answers: u64,
    },
    /// Yes and no answers, and the blank cells and non-answer labels.
    YesNo { yes: u64, no: u64, non_answers: u64 },
}

/// A statement as a [`SurveySink`] numbers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StatementKey(pub usize);

/// A group of participants as a [`SurveySink`] numbers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GroupKey(pub usize);
