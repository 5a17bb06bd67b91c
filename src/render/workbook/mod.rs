//! The workbook `synthese.xlsx`: the statistics and the register laid out as Excel
//! tables that colleagues can filter, chart and re-use in Excel or LibreOffice.
//!
//! Owns the public entry point ([`write_workbook`], [`WorkbookInput`]), the sheet
//! order, the document properties and the sheets' words ([`Words`], from the catalogue
//! `templates/texts.toml`, `[workbook]`). The
//! sheets live in one module each; `layout` places their tables, `cells`
//! writes their values, `metrics` measures text and `styles` holds formats and
//! colours.
//!
//! It must compute no statistic of its own (everything comes from [`Stats`] and
//! the [`Register`]) and never touch the disk: it returns the bytes,
//! [`crate::output`] writes them.
//!
//! Every piece of user text goes through `write_string*`, which stores a string
//! cell and never interprets it, so `=1+1` or `@SUM(A1)` stay text. Text that looks
//! like a formula also gets Excel's quote prefix, so that editing the cell later
//! does not turn it into one either. No formula is written anywhere.

mod cells;
mod checks;
mod follow_up;
mod follow_up_summary;
mod layout;
mod metrics;
mod proposals;
mod satisfaction;
mod styles;
mod suggestions;
mod summary;

#[cfg(test)]
mod tests;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, XlsxError};

use crate::catalogue::Texts;
use crate::config::Lang;
use crate::diagnostics::Diagnostics;
use crate::model::{Register, Status, StatusGroup};
use crate::stats::Stats;

use styles::Styles;

/// What the workbook is made from.
pub struct WorkbookInput<'a> {
    /// The statistics every sheet shows.
    pub stats: &'a Stats,
    /// The raw proposals: due dates as [`time::Date`], progress as a fraction.
    pub register: &'a Register,
    /// The previous edition's proposals, when a follow-up is made: the checks sheet
    /// names the proposal of each of its diagnostics.
    pub previous: Option<&'a Register>,
    /// Whether the fact sheets are made: the proposals sheet then links to them.
    pub fiches: bool,
    /// The problems found in the inputs, listed on the checks sheet.
    pub diagnostics: &'a Diagnostics,
    /// The language of labels, sheet names and date formats.
    pub lang: Lang,
    /// The words of labels and sheet names: the built-in catalogue, or the
    /// project's (`Templates::texts`), so that an override reaches the workbook.
    pub texts: &'a Texts,
    /// The creation time recorded in the document properties; fixed, so that the
    /// same inputs give the same bytes.
    pub timestamp: time::PrimitiveDateTime,
}

/// Lays out the whole workbook and returns the `.xlsx` bytes.
pub fn write_workbook(input: &WorkbookInput<'_>) -> Result<Vec<u8>, XlsxError> {
    let styles = Styles::new(input.words());
    let mut workbook = Workbook::new();
    workbook.set_properties(&properties(input)?);
    workbook.push_worksheet(summary::sheet(input, &styles)?);
    workbook.push_worksheet(proposals::sheet(input, &styles)?);
    workbook.push_worksheet(satisfaction::sheet(input, &styles)?);
    workbook.push_worksheet(suggestions::sheet(input, &styles)?);
    if input.stats.follow_up.is_some() {
        workbook.push_worksheet(follow_up::sheet(input, &styles)?);
    }
    workbook.push_worksheet(checks::sheet(input, &styles)?);
    workbook.save_to_buffer()
}

/// The sheet names, in workbook order.
pub fn sheet_names(texts: &Texts, lang: Lang, follow_up: bool) -> Vec<&str> {
    let w = Words::new(texts, lang);
    let mut names = vec![
        summary::name(w),
        proposals::name(w),
        satisfaction::NAME,
        suggestions::NAME,
    ];
    if follow_up {
        names.push(follow_up::name(w));
    }
    names.push(checks::name(w));
    names
}

/// Title, author, company, subject and the fixed creation time.
fn properties(input: &WorkbookInput<'_>) -> Result<DocProperties, XlsxError> {
    let report = &input.stats.report;
    let t = input.timestamp;
    let created = ExcelDateTime::from_ymd(
        u16::try_from(t.year()).unwrap_or(0),
        u8::from(t.month()),
        t.day(),
    )?
    .and_hms(u16::from(t.hour()), t.minute(), t.second())?;
    Ok(DocProperties::new()
        .set_title(report.title.as_str())
        .set_subject(report.subject.as_str())
        .set_author(report.author.as_str())
        .set_company(report.organisation.as_str())
        .set_comment(input.stats.generator.as_str())
        .set_creation_datetime(&created))
}

impl<'a> WorkbookInput<'a> {
    /// The workbook's words in the report language.
    fn words(&self) -> Words<'a> {
        Words {
            texts: self.texts,
            lang: self.lang,
        }
    }
}

/// The workbook's words in one language.
#[derive(Clone, Copy)]
pub(super) struct Words<'a> {
    texts: &'a Texts,
    lang: Lang,
}

impl<'a> Words<'a> {
    /// The words of `texts` in `lang`.
    pub(super) fn new(texts: &'a Texts, lang: Lang) -> Self {
        Words { texts, lang }
    }

    /// The words of `workbook.<key>` in the catalogue.
    fn get(self, key: &str) -> &'a str {
        self.texts.get(&format!("workbook.{key}"), self.lang)
    }

    /// A status's label.
    fn status(self, status: Status) -> &'a str {
        status.label_in(self.texts, self.lang)
    }

    /// A status group's label.
    fn group(self, group: StatusGroup) -> &'a str {
        group.label_in(self.texts, self.lang)
    }
}
