//! Which characters of the data no font can show: every text of the inputs that
//! reaches the documents (register cells, survey statements and groups, suggestions,
//! the report's settings) is checked against the coverage of the loaded fonts, and
//! each text holding a character none of them has is one warning, where the text was
//! read. The documents show such a character as U+FFFD (see
//! [`super::world::replace_missing`]): data text never fails a build.
//!
//! It reads nothing and changes no text; survey texts are recorded as the readers
//! send them, by [`SurveyTexts`].

use std::path::Path;

use crate::config::Config;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::model::{
    Due, GroupKey, Proposal, Reading, Register, SetAside, StatementKey, Suggestion, SurveySink,
};
use crate::msg;

use super::world::{Fonts, REPLACEMENT};

/// The most texts reported one by one; the others are counted in one last warning.
const MAX_REPORTED: usize = 50;

/// How many characters of a text a warning quotes.
const QUOTED_CHARS: usize = 60;

/// Everything read from the inputs whose text reaches the documents.
pub struct Texts<'a> {
    pub config: &'a Config,
    pub register: &'a Register,
    pub previous: Option<&'a Register>,
    pub survey: &'a SurveyTexts,
    pub suggestions: &'a [Suggestion],
}

/// Checks every text of `texts` against `fonts`: one warning per text (a cell)
/// holding characters no font has, naming them (`U+1F600`); and one per font folder
/// of the configuration that could not be read.
pub fn check(texts: &Texts, fonts: &Fonts) -> Diagnostics {
    let mut check = Check {
        fonts,
        reported: 0,
        diagnostics: Diagnostics::new(),
    };
    for (dir, why) in &fonts.unreadable {
        let shown = display_dir(&texts.config.root, dir);
        check.diagnostics.push(
            Diagnostic::warning(
                Code::MissingFile,
                texts.config.file.display().to_string(),
                msg!(
                    "font-folder-unreadable",
                    path = shown,
                    reason = why.as_str()
                ),
            )
            .hint(msg!("font-folder-unreadable-hint")),
        );
    }
    check.settings(texts.config);
    for register in std::iter::once(texts.register).chain(texts.previous) {
        for proposal in &register.proposals {
            check.proposal(proposal);
        }
    }
    for (file, text) in &texts.survey.statements {
        check.text(
            Diagnostic::warning(Code::MissingGlyph, file, ""),
            text,
            true,
        );
    }
    for (file, text) in &texts.survey.groups {
        check.text(
            Diagnostic::warning(Code::MissingGlyph, file, ""),
            text,
            true,
        );
    }
    if let Some(input) = &texts.config.suggestions {
        for suggestion in texts.suggestions {
            let place = || Diagnostic::warning(Code::MissingGlyph, &input.display, "");
            check.text(place(), &suggestion.group, true);
            if let Some(category) = &suggestion.category {
                check.text(place(), category, true);
            }
            check.text(place(), &suggestion.text, true);
        }
    }
    if check.reported > MAX_REPORTED {
        let more = check.reported - MAX_REPORTED;
        check.diagnostics.push(
            Diagnostic::warning(
                Code::MissingGlyph,
                texts.config.proposals.display.as_str(),
                msg!("missing-glyph-more", count = more),
            )
            .hint(msg!("missing-glyph-hint")),
        );
    }
    check.diagnostics
}

struct Check<'a> {
    fonts: &'a Fonts,
    /// Texts found with missing characters, reported or not.
    reported: usize,
    diagnostics: Diagnostics,
}

impl Check<'_> {
    fn settings(&mut self, config: &Config) {
        let file = config.file.display().to_string();
        let contact = &config.contact;
        let settings = [
            ("report.title", Some(config.title.as_str())),
            ("report.short_title", config.short_title.as_deref()),
            ("report.organisation", Some(config.organisation.as_str())),
            ("report.addressee", config.addressee.as_deref()),
            ("report.subject", config.subject.as_deref()),
            ("report.author", Some(config.author.as_str())),
            ("report.contact.name", Some(contact.name.as_str())),
            ("report.contact.service", Some(contact.service.as_str())),
            ("report.contact.phone", Some(contact.phone.as_str())),
            ("report.contact.email", Some(contact.email.as_str())),
        ];
        let themes = config
            .themes
            .iter()
            .map(|t| ("report.themes", Some(t.as_str())));
        for (key, text) in settings.into_iter().chain(themes) {
            let Some(text) = text else { continue };
            let Some(chars) = self.missing(text) else {
                continue;
            };
            self.push(
                Diagnostic::warning(
                    Code::MissingGlyph,
                    file.as_str(),
                    msg!(
                        "missing-glyph-setting",
                        key = key,
                        chars = chars.join(", "),
                        count = chars.len(),
                        replacement = REPLACEMENT.to_string(),
                    ),
                )
                .hint(msg!("missing-glyph-hint")),
            );
        }
    }

    /// The register's cells, by the name of their field (`title`).
    fn proposal(&mut self, proposal: &Proposal) {
        let origin = &proposal.origin;
        let due = match &proposal.due {
            Some(Due::Period { text, .. }) => Some(text.as_str()),
            _ => None,
        };
        let cells = [
            ("id", Some(proposal.id.as_str())),
            ("theme", Some(proposal.theme.as_str())),
            ("title", Some(proposal.title.as_str())),
            ("description", proposal.description.as_deref()),
            ("answer", proposal.answer.as_deref()),
            ("owner", proposal.owner.as_deref()),
            ("due", due),
            ("condition", proposal.condition.as_deref()),
        ];
        for (column, text) in cells {
            let Some(text) = text else { continue };
            let mut place = Diagnostic::warning(Code::MissingGlyph, origin.file.as_str(), "")
                .sheet(origin.sheet.as_deref())
                .column(column);
            place.row = origin.row;
            self.text(place, text, false);
        }
    }

    /// Warns at `place` when `text` holds characters no font has; `quote` says the
    /// text itself (a place without row and column).
    fn text(&mut self, place: Diagnostic, text: &str, quote: bool) {
        let Some(chars) = self.missing(text) else {
            return;
        };
        let count = chars.len();
        let chars = chars.join(", ");
        let replacement = REPLACEMENT.to_string();
        let message = if quote {
            msg!(
                "missing-glyph-text",
                text = excerpt(text),
                chars = chars,
                count = count,
                replacement = replacement,
            )
        } else {
            msg!(
                "missing-glyph",
                chars = chars,
                count = count,
                replacement = replacement,
            )
        };
        self.push(Diagnostic {
            message,
            ..place.hint(msg!("missing-glyph-hint"))
        });
    }

    fn push(&mut self, diagnostic: Diagnostic) {
        self.reported += 1;
        if self.reported <= MAX_REPORTED {
            self.diagnostics.push(diagnostic);
        }
    }

    /// The characters of `text` no font holds, each once, as `U+1F600`.
    fn missing(&self, text: &str) -> Option<Vec<String>> {
        let mut missing: Vec<char> = text.chars().filter(|c| !self.fonts.covers(*c)).collect();
        if missing.is_empty() {
            return None;
        }
        missing.sort_unstable();
        missing.dedup();
        Some(missing.into_iter().map(code_point).collect())
    }
}

/// `U+1F600`.
pub fn code_point(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

/// The start of a text, on one line.
fn excerpt(text: &str) -> String {
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(QUOTED_CHARS) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line,
    }
}

/// A font folder as the configuration wrote it, relative to the project when inside it.
fn display_dir(root: &Path, dir: &Path) -> String {
    dir.strip_prefix(root).unwrap_or(dir).display().to_string()
}

/// The statements and groups of the survey files as their readers name them, each
/// once with the file it was first met in; every call goes on to `inner`.
#[derive(Debug, Default)]
pub struct SurveyTexts {
    /// (file as written in the configuration, text).
    pub statements: Vec<(String, String)>,
    pub groups: Vec<(String, String)>,
    seen_statements: Vec<bool>,
    seen_groups: Vec<bool>,
}

impl SurveyTexts {
    /// A sink that records the texts of `file` and passes everything to `inner`.
    pub fn recorder<'a>(
        &'a mut self,
        file: &'a str,
        inner: &'a mut dyn SurveySink,
    ) -> impl SurveySink + 'a {
        Recorder {
            texts: self,
            file,
            inner,
        }
    }
}

struct Recorder<'a> {
    texts: &'a mut SurveyTexts,
    file: &'a str,
    inner: &'a mut dyn SurveySink,
}

/// Records `text` under `key` when the key is new.
fn record(
    seen: &mut Vec<bool>,
    texts: &mut Vec<(String, String)>,
    key: usize,
    file: &str,
    text: &str,
) {
    if seen.len() <= key {
        seen.resize(key + 1, false);
    }
    if !seen[key] {
        seen[key] = true;
        texts.push((file.to_string(), text.trim().to_string()));
    }
}

impl SurveySink for Recorder<'_> {
    fn statement(&mut self, text: &str) -> StatementKey {
        let key = self.inner.statement(text);
        let texts = &mut *self.texts;
        record(
            &mut texts.seen_statements,
            &mut texts.statements,
            key.0,
            self.file,
            text,
        );
        key
    }

    fn question(&mut self, statement: StatementKey, question: &str) {
        self.inner.question(statement, question);
    }

    fn group(&mut self, name: &str) -> GroupKey {
        let key = self.inner.group(name);
        let texts = &mut *self.texts;
        record(
            &mut texts.seen_groups,
            &mut texts.groups,
            key.0,
            self.file,
            name,
        );
        key
    }

    fn participant(&mut self, group: Option<GroupKey>) {
        self.inner.participant(group);
    }

    fn answer(&mut self, statement: StatementKey, group: Option<GroupKey>, reading: Reading) {
        self.inner.answer(statement, group, reading);
    }

    fn answers(
        &mut self,
        statement: StatementKey,
        group: Option<GroupKey>,
        reading: Reading,
        n: u64,
    ) {
        self.inner.answers(statement, group, reading, n);
    }

    fn set_aside(&mut self, file: &str, heading: &crate::model::Heading, reason: SetAside) {
        self.inner.set_aside(file, heading, reason);
    }

    fn summary(
        &mut self,
        file: &str,
        heading: &crate::model::Heading,
        summary: crate::model::ColumnSummary,
    ) {
        self.inner.summary(file, heading, summary);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Overrides;
    use crate::model::{Origin, Status};
    use crate::render::world;

    fn config() -> Config {
        let text = r#"
[report]
title = "Conseil ☎"
organisation = "EMS"
edition = 2025
contact = { name = "Secrétariat \ue000" }

[inputs]
proposals = "inputs/p.xlsx"
"#;
        Config::parse(text, Path::new("/p"), &Overrides::default()).unwrap()
    }

    fn proposal(row: usize, title: &str) -> Proposal {
        Proposal {
            id: format!("P{row}"),
            theme: "Thème".into(),
            title: title.into(),
            description: None,
            status: Status::Accepted,
            answer: Some("réponse 中".into()),
            owner: None,
            due: None,
            condition: None,
            progress: None,
            previous_id: None,
            origin: Origin {
                file: "inputs/p.xlsx".into(),
                sheet: Some("Propositions".into()),
                row: Some(row),
            },
        }
    }

    #[test]
    fn each_cell_holding_an_unknown_character_is_one_warning() {
        let config = config();
        let register = Register {
            proposals: vec![
                proposal(2, "مرحبا שלום ☎ ✔ ♻ 😀 ﬁ"),
                proposal(3, "\u{E000} et \u{E000}\u{4E2D}"),
            ],
            ..Register::default()
        };
        let survey = SurveyTexts::default();
        let found = check(
            &Texts {
                config: &config,
                register: &register,
                previous: None,
                survey: &survey,
                suggestions: &[],
            },
            &world::fonts(&[]),
        );
        let found: Vec<(Option<usize>, Option<&str>, String)> = found
            .items()
            .iter()
            .map(|d| {
                assert_eq!(d.code, Code::MissingGlyph);
                (d.row, d.column.as_deref(), d.text())
            })
            .collect();
        assert_eq!(found.len(), 4, "{found:#?}");
        // The settings first: the contact's name, not the title (☎ is shipped).
        assert!(found[0].2.contains("report.contact.name"), "{found:#?}");
        assert!(found[0].2.contains("U+E000"), "{found:#?}");
        assert_eq!((found[1].0, found[1].1), (Some(2), Some("answer")));
        assert!(found[1].2.contains("U+4E2D"), "{found:#?}");
        assert_eq!((found[2].0, found[2].1), (Some(3), Some("title")));
        assert!(found[2].2.contains("U+4E2D, U+E000"), "{found:#?}");
        assert_eq!((found[3].0, found[3].1), (Some(3), Some("answer")));
    }

    #[test]
    fn survey_texts_are_recorded_once_and_passed_on() {
        let mut survey = crate::stats::SurveyAccumulator::new();
        let mut texts = SurveyTexts::default();
        {
            let mut sink = texts.recorder("inputs/s.csv", &mut survey);
            for _ in 0..3 {
                sink.participant_named(Some("Jeunes \u{E000}"));
                sink.answer_named(
                    "Le vélo \u{E001}",
                    Some("Jeunes \u{E000}"),
                    Reading::NonAnswer,
                );
            }
        }
        assert_eq!(survey.participants(), 3);
        assert_eq!(
            texts.statements,
            vec![("inputs/s.csv".to_string(), "Le vélo \u{E001}".to_string())]
        );
        assert_eq!(texts.groups.len(), 1);
    }

    #[test]
    fn many_texts_end_in_one_count() {
        let config = config();
        let register = Register {
            proposals: (0..MAX_REPORTED + 5)
                .map(|row| proposal(row + 2, "vélo"))
                .collect(),
            ..Register::default()
        };
        let survey = SurveyTexts::default();
        let found = check(
            &Texts {
                config: &config,
                register: &register,
                previous: None,
                survey: &survey,
                suggestions: &[],
            },
            &world::fonts(&[]),
        );
        assert_eq!(found.items().len(), MAX_REPORTED + 1);
        // The contact's name and one answer per proposal: 6 over the limit.
        let last = found.items().last().unwrap().text();
        assert!(last.starts_with("6 "), "{last}");
    }

    #[test]
    fn excerpts_are_one_short_line() {
        assert_eq!(excerpt("a\n b"), "a b");
        let long = "é".repeat(QUOTED_CHARS + 10);
        assert_eq!(excerpt(&long).chars().count(), QUOTED_CHARS + 1);
    }
}
