//! The statistics of docs/data.md, computed from typed inputs and serialised as the
//! versioned `data.json` that templates, `bilan stats` and checks read.
//!
//! Pure: nothing here touches the disk. Every figure shown to readers comes with a
//! `*_text` string already formatted for the report language, because Typst formats
//! no numbers by locale.

pub mod follow_up;
pub mod interval;
pub mod likert;
pub mod proposals;
pub mod ratings;
pub mod situation;
pub mod suggestions;

use serde::Serialize;

use crate::config::{Config, Contact, Lang};
use crate::diagnostics::{Diagnostics, Severity};
use crate::format;
use crate::model::{Register, Suggestion};

pub use follow_up::FollowUp;
pub use likert::{StatementStats, SurveyAccumulator, SurveyStats};
pub use proposals::ProposalStats;
pub use suggestions::SuggestionStats;

/// The version of the JSON layout; bump it when a field changes meaning or goes away.
pub const SCHEMA: u32 = 1;

/// Everything the reports show, as serialised to `data.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    pub schema: u32,
    pub generator: String,
    pub report: ReportInfo,
    pub proposals: ProposalStats,
    pub statements: Vec<StatementStats>,
    pub survey: SurveyStats,
    pub suggestions: SuggestionStats,
    pub follow_up: Option<FollowUp>,
    pub sources: Vec<Source>,
    pub checks: CheckSummary,
}

/// The report's identity, from the configuration.
#[derive(Debug, Clone, Serialize)]
pub struct ReportInfo {
    pub title: String,
    pub short_title: Option<String>,
    pub organisation: String,
    pub edition: i32,
    pub language: &'static str,
    pub addressee: Option<String>,
    pub subject: String,
    pub author: String,
    pub contact: Contact,
    /// The PDF standards the documents are made to (`ua-1`, `a-2b`…); with a PDF/A-3
    /// level the templates attach their source data to the PDF.
    pub pdf_standards: Vec<&'static str>,
    /// ISO date of the session (or the end of the edition year).
    pub date: String,
    /// The same date written out: « samedi 15 novembre 2025 ».
    pub date_text: String,
}

/// One input file as the method annex lists it.
#[derive(Debug, Clone, Serialize)]
pub struct Source {
    /// `proposals`, `previous`, `survey` or `suggestions`.
    pub role: &'static str,
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
    /// Whether the file holds illustrative rather than real answers (said by the file's name
    /// or the config), so the annex can say so.
    pub illustrative: bool,
}

/// How many problems the inputs had.
#[derive(Debug, Clone, Serialize)]
pub struct CheckSummary {
    pub errors: usize,
    pub warnings: usize,
}

/// The typed inputs the statistics are computed from.
pub struct Inputs<'a> {
    pub register: &'a Register,
    pub previous: Option<&'a Register>,
    /// The editions before the previous one, oldest first.
    pub earlier: &'a [Register],
    pub survey: &'a SurveyAccumulator,
    pub suggestions: &'a [Suggestion],
    pub sources: Vec<Source>,
    pub diagnostics: &'a Diagnostics,
}

/// Computes every statistic for the configured report.
pub fn compute(config: &Config, inputs: Inputs<'_>) -> Stats {
    let lang = config.lang;
    let date = config.document_date();
    let subject = config.subject.clone().unwrap_or_else(|| match lang {
        Lang::Fr => format!(
            "Bilan {} des préconisations du {} et suites à donner",
            config.edition,
            config.short_title.as_deref().unwrap_or(&config.title)
        ),
        Lang::En => format!(
            "{} review of the {} recommendations and next steps",
            config.edition,
            config.short_title.as_deref().unwrap_or(&config.title)
        ),
    });
    let (survey, statements) = inputs.survey.finish(lang, config.min_group_size);
    Stats {
        schema: SCHEMA,
        generator: format!("bilan {}", env!("CARGO_PKG_VERSION")),
        report: ReportInfo {
            title: config.title.clone(),
            short_title: config.short_title.clone(),
            organisation: config.organisation.clone(),
            edition: config.edition,
            language: lang.code(),
            addressee: config.addressee.clone(),
            subject,
            author: config.author.clone(),
            contact: config.contact.clone(),
            pdf_standards: config.pdf_standards.iter().map(|s| s.code()).collect(),
            date: format::iso_date(date),
            date_text: format::long_date(date, lang),
        },
        proposals: proposals::compute(inputs.register, &config.themes, &config.texts, lang),
        statements,
        survey,
        suggestions: suggestions::compute(inputs.suggestions),
        follow_up: inputs.previous.map(|previous| {
            follow_up::compute(
                &follow_up::Editions {
                    earlier: inputs.earlier,
                    previous,
                    current: inputs.register,
                    edition: config.edition,
                    previous_editions: &config.previous_editions,
                    texts: &config.words,
                },
                lang,
            )
        }),
        sources: inputs.sources,
        checks: CheckSummary {
            errors: inputs.diagnostics.count(Severity::Error),
            warnings: inputs.diagnostics.count(Severity::Warning),
        },
    }
}

/// `count / total`, 0 when the total is 0 (never NaN).
pub fn ratio(count: u64, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        count as f64 / total as f64
    }
}

/// Rounds to four decimals, the precision of every share in the JSON.
pub fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}
