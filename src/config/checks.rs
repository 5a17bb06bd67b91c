//! The values serde accepts but bilan does not, found before any input is read: paths
//! that TOML escapes made of a Windows path, years and dates out of range, settings
//! that cannot go together. Each problem is a message; nothing is decided here.

use std::path::Path;

use super::{
    EDITION_YEARS, PdfStandard, RawConfig, SESSION_YEARS_AFTER, SESSION_YEARS_BEFORE, session_date,
};
use crate::messages::Message;
use crate::msg;

/// Every path of the file that holds a control character: a Windows path between
/// double quotes whose backslashes TOML read as escapes.
pub(super) fn path_problems(raw: &RawConfig, text: &str) -> Vec<Message> {
    let inputs = &raw.inputs;
    let one = |key: &'static str, path: &Path| (key, path.to_path_buf());
    let mut paths = vec![one("inputs.proposals", &inputs.proposals)];
    paths.extend(
        inputs
            .previous
            .iter()
            .flat_map(|p| p.paths())
            .map(|p| one("inputs.previous", p)),
    );
    paths.extend(
        inputs
            .surveys
            .iter()
            .map(|s| one("inputs.surveys", &s.path)),
    );
    paths.extend(
        inputs
            .suggestions
            .iter()
            .filter_map(super::RawSuggestions::file)
            .map(|p| one("inputs.suggestions", p)),
    );
    paths.extend(
        inputs
            .illustrative
            .iter()
            .map(|p| one("inputs.illustrative", p)),
    );
    paths.push(one("outputs.dir", &raw.outputs.dir));
    paths.extend(raw.fonts.dirs.iter().map(|p| one("fonts.dirs", p)));
    paths
        .iter()
        .filter_map(|(key, path)| {
            super::explain::control_in_path(key, &path.to_string_lossy(), text)
        })
        .collect()
}

/// Every value out of its range, found before any input is read: the edition, the
/// session date (from [`SESSION_YEARS_BEFORE`] years before the edition to
/// [`SESSION_YEARS_AFTER`] after), the PDF standards, the smallest group shown.
pub(super) fn range_problems(raw: &RawConfig) -> Vec<Message> {
    let mut problems = Vec::new();
    let edition = raw.report.edition;
    let edition_ok = EDITION_YEARS.contains(&edition);
    if !edition_ok {
        problems.push(msg!(
            "config-edition-range",
            value = edition.to_string(),
            from = EDITION_YEARS.start().to_string(),
            to = EDITION_YEARS.end().to_string()
        ));
    }
    if let Some(d) = raw.report.session_date {
        match session_date(d) {
            Err(problem) => problems.push(problem),
            Ok(date) if edition_ok => {
                let from = (edition - SESSION_YEARS_BEFORE).max(*EDITION_YEARS.start());
                let to = (edition + SESSION_YEARS_AFTER).min(*EDITION_YEARS.end());
                if !(from..=to).contains(&date.year()) {
                    problems.push(msg!(
                        "config-session-date-range",
                        value = d.to_string(),
                        edition = edition.to_string(),
                        from = from.to_string(),
                        to = to.to_string()
                    ));
                }
            }
            Ok(_) => {}
        }
    }
    let pdfa = raw
        .outputs
        .pdf_standards
        .iter()
        .filter(|s| !matches!(s, PdfStandard::Ua1))
        .count();
    if pdfa > 1 {
        problems.push(msg!("config-pdf-standards-two-pdfa"));
    }
    if edition_ok && let Some(previous) = &raw.inputs.previous {
        problems.extend(previous.problems(edition));
    }
    if !(1..=1000).contains(&raw.privacy.min_group_size) {
        problems.push(msg!("config-min-group-size"));
    }
    for (key, value, range) in [
        (
            "limits.document_seconds",
            raw.limits.document_seconds,
            super::DOCUMENT_SECONDS_RANGE,
        ),
        (
            "limits.memory_mb",
            raw.limits.memory_mb,
            super::MEMORY_MB_RANGE,
        ),
    ] {
        if !range.contains(&value) {
            problems.push(msg!(
                "config-limit-range",
                key = key,
                value = value.to_string(),
                from = range.start().to_string(),
                to = range.end().to_string()
            ));
        }
    }
    problems
}
