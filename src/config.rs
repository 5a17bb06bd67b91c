//! `bilan.toml` in two steps: [`RawConfig`] is exactly what the file says (unknown
//! keys refused, every one of them at once), [`Config`] is validated and resolved
//! (paths made absolute against the config's folder, defaults applied, command-line
//! overrides merged). What is wrong with a configuration is told with messages of the
//! catalogue (`locales/*/config.ftl`).

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use time::Date;

use crate::messages::{self, Message};
use crate::msg;

pub use crate::lang::Lang;

mod checks;
mod custom;
mod explain;
mod keys;
mod previous;
mod surveys;

use keys::{describe_toml_error, line_column, unknown_keys};
pub use previous::Previous;

pub use self::surveys::{RawSurvey, SurveyInput};

pub use custom::{Branding, MIN_CONTRAST, RawSuggestions, contrast_with_white};

/// The name of a project's configuration file.
pub const FILE_NAME: &str = "bilan.toml";

/// The years an edition may be: four-digit years, the only ones the documents' dates,
/// the PDF metadata and the edition's folder name all hold.
pub const EDITION_YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// How many years before and after its edition a session may be held: the year before
/// (a council installed in the autumn for the next year's register) to five years
/// after (late answers).
pub const SESSION_YEARS_BEFORE: i32 = 1;
pub const SESSION_YEARS_AFTER: i32 = 5;

/// A text written once for every language, or once per language
/// (`addressee = { fr = "prochain exécutif", en = "the next executive" }`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PerLang {
    Same(String),
    ByLang { fr: String, en: String },
}

impl<'de> Deserialize<'de> for PerLang {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let expected = "must be a text, or a text per language: { fr = \"…\", en = \"…\" }";
        match toml::Value::deserialize(deserializer)? {
            toml::Value::String(text) => Ok(PerLang::Same(text)),
            toml::Value::Table(table) => {
                let text = |lang: &str| match table.get(lang) {
                    Some(toml::Value::String(text)) => Ok(text.clone()),
                    _ => Err(D::Error::custom(expected)),
                };
                if table.keys().any(|k| k != "fr" && k != "en") {
                    return Err(D::Error::custom(expected));
                }
                Ok(PerLang::ByLang {
                    fr: text("fr")?,
                    en: text("en")?,
                })
            }
            _ => Err(D::Error::custom(expected)),
        }
    }
}

impl PerLang {
    /// The text for `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match (self, lang) {
            (PerLang::Same(text), _) => text,
            (PerLang::ByLang { fr, .. }, Lang::Fr) => fr,
            (PerLang::ByLang { en, .. }, Lang::En) => en,
        }
    }
}

/// A PDF standard the documents conform to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum PdfStandard {
    #[serde(rename = "ua-1")]
    Ua1,
    #[serde(rename = "a-2b")]
    A2b,
    #[serde(rename = "a-2a")]
    A2a,
    #[serde(rename = "a-3b")]
    A3b,
    #[serde(rename = "a-3a")]
    A3a,
}

impl PdfStandard {
    /// The name used in `bilan.toml` and in `data.json`.
    pub fn code(self) -> &'static str {
        match self {
            PdfStandard::Ua1 => "ua-1",
            PdfStandard::A2b => "a-2b",
            PdfStandard::A2a => "a-2a",
            PdfStandard::A3b => "a-3b",
            PdfStandard::A3a => "a-3a",
        }
    }
}

/// A document kind that `outputs.documents` can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentKind {
    Note,
    Fiches,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub report: RawReport,
    pub inputs: RawInputs,
    #[serde(default)]
    pub outputs: RawOutputs,
    #[serde(default)]
    pub privacy: RawPrivacy,
    #[serde(default)]
    pub fonts: RawFonts,
    #[serde(default)]
    pub limits: RawLimits,
    /// Entries of the catalogue (`templates/texts.toml`) in the project's words.
    pub texts: Option<toml::Table>,
    #[serde(default)]
    pub branding: custom::RawBranding,
    /// Abbreviations and their expansion (`CCAS = "centre communal d’action sociale"`).
    #[serde(default)]
    pub glossary: std::collections::BTreeMap<String, PerLang>,
}

#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub service: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub email: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReport {
    pub title: String,
    pub short_title: Option<String>,
    pub organisation: String,
    pub edition: i32,
    pub session_date: Option<toml::value::Datetime>,
    pub language: Option<Lang>,
    pub addressee: Option<PerLang>,
    pub subject: Option<String>,
    pub author: Option<String>,
    #[serde(default)]
    pub contact: Contact,
    /// Theme order; themes not listed follow in order of appearance.
    #[serde(default)]
    pub themes: Vec<String>,
    /// A few lines saying what the council is, for the note's first page.
    #[serde(default)]
    pub context: Vec<PerLang>,
    /// The language the register's texts are written in; `language` when not given.
    pub data_language: Option<Lang>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawInputs {
    pub proposals: PathBuf,
    pub proposals_sheet: Option<String>,
    /// The previous edition's register, or several editions' (oldest first).
    pub previous: Option<Previous>,
    #[serde(default)]
    pub surveys: Vec<RawSurvey>,
    pub suggestions: Option<RawSuggestions>,
    /// Inputs whose answers are illustrative (made up for a demonstration): the
    /// method annex says so.
    #[serde(default)]
    pub illustrative: Vec<PathBuf>,
    /// Ids of proposals whose written answer is missing on purpose (not given yet at
    /// the session): no warning for them.
    #[serde(default)]
    pub expected_missing_answers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOutputs {
    #[serde(default = "default_out_dir")]
    pub dir: PathBuf,
    #[serde(default = "default_documents")]
    pub documents: Vec<DocumentKind>,
    #[serde(default = "default_true")]
    pub workbook: bool,
    #[serde(default = "default_standards")]
    pub pdf_standards: Vec<PdfStandard>,
}

impl Default for RawOutputs {
    fn default() -> Self {
        RawOutputs {
            dir: default_out_dir(),
            documents: default_documents(),
            workbook: true,
            pdf_standards: default_standards(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPrivacy {
    #[serde(default = "default_min_group")]
    pub min_group_size: u32,
}

/// `[fonts]`: folders of fonts loaded besides the shipped ones (CJK, for instance).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFonts {
    #[serde(default)]
    pub dirs: Vec<PathBuf>,
}

/// `[limits]`: the bounds of a build (see [`crate::limits`]).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLimits {
    #[serde(default = "default_document_seconds")]
    pub document_seconds: u64,
    #[serde(default = "default_memory_mb")]
    pub memory_mb: u64,
}

impl Default for RawLimits {
    fn default() -> Self {
        RawLimits {
            document_seconds: default_document_seconds(),
            memory_mb: default_memory_mb(),
        }
    }
}

fn default_document_seconds() -> u64 {
    crate::limits::Limits::DOCUMENT_SECONDS
}
fn default_memory_mb() -> u64 {
    crate::limits::Limits::MEMORY_MB
}

/// The range of `limits.document_seconds`: a second to a day.
pub const DOCUMENT_SECONDS_RANGE: std::ops::RangeInclusive<u64> = 1..=86_400;
/// The range of `limits.memory_mb`: 64 MiB to 1 TiB.
pub const MEMORY_MB_RANGE: std::ops::RangeInclusive<u64> = 64..=1_048_576;

impl Default for RawPrivacy {
    fn default() -> Self {
        RawPrivacy {
            min_group_size: default_min_group(),
        }
    }
}

fn default_out_dir() -> PathBuf {
    PathBuf::from("reports")
}
fn default_documents() -> Vec<DocumentKind> {
    vec![DocumentKind::Note, DocumentKind::Fiches]
}
fn default_true() -> bool {
    true
}
fn default_standards() -> Vec<PdfStandard> {
    vec![PdfStandard::Ua1, PdfStandard::A2b]
}
fn default_min_group() -> u32 {
    5
}

/// An input file: its absolute path and the path shown in messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputPath {
    pub path: PathBuf,
    /// As written in the config (relative to the project folder).
    pub display: String,
}

impl InputPath {
    fn resolve(root: &Path, path: &Path) -> Self {
        InputPath {
            path: root.join(path),
            display: path.display().to_string(),
        }
    }
}

/// The validated configuration every stage reads.
#[derive(Debug, Clone)]
pub struct Config {
    /// The configuration file, as given (`bilan.toml` in the root when parsed from text).
    pub file: PathBuf,
    /// The folder holding `bilan.toml`: the project root, the only place templates may read.
    pub root: PathBuf,
    pub title: String,
    pub short_title: Option<String>,
    pub organisation: String,
    pub edition: i32,
    pub session_date: Option<Date>,
    pub lang: Lang,
    pub addressee: Option<String>,
    pub subject: Option<String>,
    pub author: String,
    pub contact: Contact,
    pub themes: Vec<String>,
    /// `report.context` in the documents' language.
    pub context: Vec<String>,
    /// The language of the register's texts (titles, answers, statements).
    pub data_lang: Lang,
    /// `[glossary]`: each abbreviation and its expansion in the documents' language,
    /// in alphabetical order.
    pub glossary: Vec<(String, String)>,
    pub proposals: InputPath,
    pub proposals_sheet: Option<String>,
    /// The previous edition's register: the last of `inputs.previous`.
    pub previous: Option<InputPath>,
    /// The editions before the previous one, oldest first (the rest of a list given
    /// as `inputs.previous`): the follow-up traces each proposal's path across them.
    pub earlier: Vec<InputPath>,
    /// The years of `earlier` then `previous`, oldest first (`inputs.previous`'s
    /// `edition`, else consecutive years before this edition).
    pub previous_editions: Vec<i32>,
    pub surveys: Vec<SurveyInput>,
    pub suggestions: Option<InputPath>,
    /// The survey question whose answers are suggestions (`inputs.suggestions =
    /// { survey_column = "…" }`), as its header is written.
    pub suggestions_column: Option<String>,
    /// Absolute paths of the inputs marked illustrative.
    pub illustrative: Vec<PathBuf>,
    /// `<dir>/<edition>`: where this edition's outputs go.
    pub out_dir: PathBuf,
    pub documents: Vec<DocumentKind>,
    pub workbook: bool,
    pub pdf_standards: Vec<PdfStandard>,
    pub min_group_size: u32,
    /// Absolute paths of the folders whose fonts are loaded besides the shipped ones.
    pub font_dirs: Vec<PathBuf>,
    /// The bounds of a build: time per document, memory.
    pub limits: crate::limits::Limits,
    /// The catalogue of words with the project's `[texts]` and the edition's years
    /// (a project's `templates/texts.toml` is merged by the templates, under these).
    pub texts: crate::catalogue::Texts,
    /// `[texts]` as a catalogue override, for the templates to merge last.
    pub texts_override: Option<String>,
    /// The same words, their years not filled in: the follow-up names each earlier
    /// edition's statuses as that edition said them.
    pub words: crate::catalogue::Texts,
    pub branding: Branding,
    /// Ids of proposals whose written answer is missing on purpose.
    pub expected_missing_answers: Vec<String>,
}

/// Overrides given on the command line.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub out: Option<PathBuf>,
    pub lang: Option<Lang>,
}

/// Why a configuration could not be used (exit status 2). It displays in the user's
/// language (the locale's, as [`messages::lang_from_env`] reads it); [`ConfigError::render`]
/// renders it in a given one.
#[derive(Debug)]
pub enum ConfigError {
    Missing(PathBuf),
    /// No `bilan.toml` in this folder nor in any of its parents.
    NotFound(PathBuf),
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Every problem found in the file at `path`, one message each.
    Invalid {
        path: PathBuf,
        problems: Vec<Message>,
    },
}

impl ConfigError {
    /// The file (or setting) at `path` is wrong in one way.
    pub fn invalid(path: impl Into<PathBuf>, problem: impl Into<Message>) -> Self {
        ConfigError::Invalid {
            path: path.into(),
            problems: vec![problem.into()],
        }
    }

    /// The error in `lang`: one line per problem, each naming the file.
    pub fn render(&self, lang: Lang) -> String {
        match self {
            ConfigError::Missing(path) => {
                msg!("config-missing", path = path.display().to_string()).render(lang)
            }
            ConfigError::NotFound(start) => {
                msg!("config-not-found", dir = start.display().to_string()).render(lang)
            }
            ConfigError::Read { path, source } => msg!(
                "config-unreadable",
                path = path.display().to_string(),
                cause = source.to_string()
            )
            .render(lang),
            ConfigError::Invalid { path, problems } => problems
                .iter()
                .map(|problem| format!("{}: {}", path.display(), problem.render(lang)))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }
}

impl fmt::Display for ConfigError {
    /// In the language of the user's locale (`LANG=fr_FR.UTF-8`: French).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lang = messages::lang_from_env(|name| std::env::var(name).ok());
        f.write_str(&self.render(lang))
    }
}

/// The OS's words are in the message itself: no source, so that `{:#}` prints them once.
impl std::error::Error for ConfigError {}

impl Config {
    /// The configuration file to read: `given` (`DIR/bilan.toml` when `given` is a
    /// folder), else the first `bilan.toml` in `cwd` or its parent folders, as cargo and
    /// git look for theirs. One found in `cwd` is named `bilan.toml`, one in a parent by
    /// its absolute path.
    pub fn locate(given: Option<&Path>, cwd: &Path) -> Result<PathBuf, ConfigError> {
        if let Some(given) = given {
            return Ok(if given.is_dir() {
                given.join(FILE_NAME)
            } else {
                given.to_path_buf()
            });
        }
        if cwd.join(FILE_NAME).is_file() {
            return Ok(PathBuf::from(FILE_NAME));
        }
        cwd.ancestors()
            .skip(1)
            .map(|dir| dir.join(FILE_NAME))
            .find(|file| file.is_file())
            .ok_or_else(|| ConfigError::NotFound(cwd.to_path_buf()))
    }

    /// Reads and resolves the configuration at `path`.
    pub fn load(path: &Path, overrides: &Overrides) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(ConfigError::Missing(path.to_path_buf()));
            }
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        let root = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let root = std::path::absolute(root).map_err(|source| ConfigError::Read {
            path: root.to_path_buf(),
            source,
        })?;
        let mut config =
            Config::parse(&text, &root, overrides).map_err(|problems| ConfigError::Invalid {
                path: path.to_path_buf(),
                problems,
            })?;
        config.file = path.to_path_buf();
        Ok(config)
    }

    /// Parses configuration text whose relative paths are relative to `root`. On error,
    /// every problem found: all the unknown keys at once, else the first wrong value.
    pub fn parse(text: &str, root: &Path, overrides: &Overrides) -> Result<Config, Vec<Message>> {
        let table = toml::de::DeTable::parse(text).map_err(|e| {
            let path = e
                .span()
                .and_then(|span| explain::backslash_in_path(text, span.start));
            vec![path.unwrap_or_else(|| describe_toml_error(&e, text))]
        })?;
        let mut problems = unknown_keys(table.get_ref(), text);
        problems.extend(explain::wrong_forms(table.get_ref(), text));
        if !problems.is_empty() {
            return Err(problems);
        }
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| vec![describe_toml_error(&e, text)])?;
        let mut problems = checks::path_problems(&raw, text);
        problems.extend(checks::range_problems(&raw));
        let custom = custom::resolve(&raw, root, &mut problems);
        if !problems.is_empty() {
            return Err(problems);
        }
        Config::resolve(raw, root, overrides, custom).map_err(|problem| vec![problem])
    }

    fn resolve(
        raw: RawConfig,
        root: &Path,
        overrides: &Overrides,
        (texts_override, branding): (Option<String>, Branding),
    ) -> Result<Config, Message> {
        let words = custom::words(texts_override.as_deref())
            .map_err(|cause| msg!("config-texts-invalid", cause = cause))?;
        let texts = words.for_edition(raw.report.edition);
        let session_date = raw.report.session_date.map(session_date).transpose()?;
        let out_base = match &overrides.out {
            Some(out) => std::path::absolute(out)
                .map_err(|e| msg!("config-out-unusable", cause = e.to_string()))?,
            None => root.join(&raw.outputs.dir),
        };
        let contact = raw.report.contact;
        let lang = overrides.lang.or(raw.report.language).unwrap_or_default();
        Ok(Config {
            file: root.join("bilan.toml"),
            root: root.to_path_buf(),
            author: raw
                .report
                .author
                .unwrap_or_else(|| raw.report.organisation.clone()),
            title: raw.report.title,
            short_title: raw.report.short_title,
            organisation: raw.report.organisation,
            edition: raw.report.edition,
            session_date,
            lang,
            addressee: raw.report.addressee.map(|a| a.get(lang).to_string()),
            subject: raw.report.subject,
            contact,
            themes: raw.report.themes,
            context: raw
                .report
                .context
                .iter()
                .map(|c| c.get(lang).to_string())
                .collect(),
            data_lang: raw
                .report
                .data_language
                .or(raw.report.language)
                .unwrap_or_default(),
            glossary: raw
                .glossary
                .iter()
                .map(|(term, text)| (term.clone(), text.get(lang).to_string()))
                .collect(),
            proposals: InputPath::resolve(root, &raw.inputs.proposals),
            proposals_sheet: raw.inputs.proposals_sheet,
            previous: raw
                .inputs
                .previous
                .as_ref()
                .and_then(|p| p.paths().last())
                .map(|p| InputPath::resolve(root, p)),
            earlier: raw.inputs.previous.as_ref().map_or_else(Vec::new, |p| {
                let n = p.entries().len();
                p.paths()
                    .take(n - 1)
                    .map(|p| InputPath::resolve(root, p))
                    .collect()
            }),
            previous_editions: raw
                .inputs
                .previous
                .as_ref()
                .map_or_else(Vec::new, |p| p.years(raw.report.edition)),
            surveys: raw
                .inputs
                .surveys
                .iter()
                .map(|s| SurveyInput {
                    input: InputPath::resolve(root, &s.path),
                    sheet: s.sheet.clone(),
                })
                .collect(),
            suggestions: raw
                .inputs
                .suggestions
                .as_ref()
                .and_then(RawSuggestions::file)
                .map(|p| InputPath::resolve(root, p)),
            suggestions_column: match &raw.inputs.suggestions {
                Some(RawSuggestions::Survey { survey_column }) => Some(survey_column.clone()),
                _ => None,
            },
            illustrative: raw
                .inputs
                .illustrative
                .iter()
                .map(|p| root.join(p))
                .collect(),
            out_dir: out_base.join(raw.report.edition.to_string()),
            documents: raw.outputs.documents,
            workbook: raw.outputs.workbook,
            pdf_standards: raw.outputs.pdf_standards,
            min_group_size: raw.privacy.min_group_size,
            font_dirs: raw.fonts.dirs.iter().map(|p| root.join(p)).collect(),
            limits: crate::limits::Limits {
                document_seconds: raw.limits.document_seconds,
                memory_mb: raw.limits.memory_mb,
            },
            texts,
            words,
            texts_override,
            branding,
            expected_missing_answers: raw.inputs.expected_missing_answers,
        })
    }

    /// The date printed on the documents and used as their timestamp: the session
    /// date, else the 31 December of the edition.
    pub fn document_date(&self) -> Date {
        self.session_date.unwrap_or_else(|| {
            Date::from_calendar_date(self.edition, time::Month::December, 31).unwrap_or(Date::MIN)
        })
    }
}

/// The session date as a calendar date: a TOML local date, not a date-time.
pub(super) fn session_date(d: toml::value::Datetime) -> Result<Date, Message> {
    match d.date {
        Some(date) if d.time.is_none() => time::Month::try_from(date.month)
            .and_then(|month| Date::from_calendar_date(i32::from(date.year), month, date.day))
            .map_err(|e| msg!("config-session-date-invalid", cause = e.to_string())),
        _ => Err(msg!("config-session-date-not-date", value = d.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"
[report]
title = "Conseil"
organisation = "EMS"
edition = 2025
session_date = 2025-11-15

[inputs]
proposals = "inputs/p.xlsx"
surveys = ["inputs/s.csv"]
"#;

    #[test]
    fn relative_paths_resolve_against_the_config_folder() {
        let c = Config::parse(SAMPLE, Path::new("/proj"), &Overrides::default()).unwrap();
        assert_eq!(c.proposals.path, Path::new("/proj/inputs/p.xlsx"));
        assert_eq!(c.proposals.display, "inputs/p.xlsx");
        assert_eq!(c.out_dir, Path::new("/proj/reports/2025"));
        assert_eq!(c.pdf_standards, vec![PdfStandard::Ua1, PdfStandard::A2b]);
        assert_eq!(c.session_date, Some(time::macros::date!(2025 - 11 - 15)));
    }

    /// The problems of `text`, one line each, in `lang`.
    fn problems(text: &str, lang: Lang) -> String {
        let problems = Config::parse(text, Path::new("/p"), &Overrides::default()).unwrap_err();
        ConfigError::Invalid {
            path: "bilan.toml".into(),
            problems,
        }
        .render(lang)
    }

    #[test]
    fn unknown_key_names_the_key_and_the_valid_ones() {
        let text = SAMPLE.replace("edition = 2025", "edition = 2025\ncolour = 1");
        let err = problems(&text, Lang::En);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with(
                "bilan.toml: unknown field \"colour\", expected one of \"title\", \"short_title\", "
            ),
            "{err}"
        );
        assert!(
            err.ends_with("\"data_language\" (line 6, column 1)"),
            "{err}"
        );
    }

    #[test]
    fn every_unknown_key_is_named_at_once_with_the_closest_valid_one() {
        let text = SAMPLE
            .replace("edition = 2025", "edition = 2025\ntitel = \"x\"")
            .replace("[inputs]", "colour = 1\n[inputs]\nproposal = \"p.xlsx\"")
            + "[privacy]\nmin_groupe_size = 3\n[report.contact]\nmail = \"a@b.c\"\n";
        let en = problems(&text, Lang::En);
        let lines: Vec<&str> = en.lines().collect();
        assert_eq!(lines.len(), 5, "{en}");
        assert!(
            lines[0].contains("\"titel\", expected one of \"title\""),
            "{en}"
        );
        assert!(lines[0].ends_with("did you mean \"title\"?"), "{en}");
        assert!(
            lines[1].contains("\"colour\", expected one of \"title\""),
            "{en}"
        );
        assert!(lines[1].ends_with("(line 9, column 1)"), "{en}");
        assert!(lines[2].ends_with("did you mean \"proposals\"?"), "{en}");
        assert!(
            lines[3].ends_with("did you mean \"min_group_size\"?"),
            "{en}"
        );
        assert!(
            lines[4].contains("\"mail\", expected one of \"name\""),
            "{en}"
        );
        assert!(lines[4].ends_with("did you mean \"email\"?"), "{en}");
        let fr = problems(&text, Lang::Fr);
        assert!(
            fr.starts_with("bilan.toml: clé inconnue « titel », les clés valides sont \"title\", "),
            "{fr}"
        );
        assert!(
            fr.lines().next().is_some_and(
                |l| l.ends_with("(ligne 6, colonne 1) ; vouliez-vous dire « title » ?")
            ),
            "{fr}"
        );
        assert_eq!(fr.lines().count(), 5, "{fr}");
        // At the top level too.
        let top = problems(&format!("{SAMPLE}\n[ouptuts]\ndir = \"x\"\n"), Lang::En);
        assert!(
            top.contains("\"ouptuts\", expected one of \"report\", "),
            "{top}"
        );
        assert!(top.ends_with("did you mean \"outputs\"?"), "{top}");
    }

    #[test]
    fn every_known_key_is_accepted() {
        let text = r#"
[report]
title = "Conseil"
short_title = "C"
organisation = "EMS"
edition = 2025
session_date = 2025-11-15
language = "en"
addressee = "élus"
subject = "s"
author = "a"
themes = ["x"]
context = ["c", { fr = "f", en = "e" }]
data_language = "fr"
[report.contact]
name = "n"
service = "s"
phone = "p"
email = "e"
[inputs]
proposals = "p.xlsx"
proposals_sheet = "P"
previous = "q.xlsx"
surveys = ["s.csv"]
suggestions = "g.csv"
illustrative = ["s.csv"]
expected_missing_answers = ["A-1"]
[outputs]
dir = "out"
documents = ["note"]
workbook = false
pdf_standards = ["ua-1"]
[privacy]
min_group_size = 3
[fonts]
dirs = ["polices"]
[limits]
document_seconds = 30
memory_mb = 1024
[texts]
ui = { note-kind = "Note" }
[branding]
colour = '#2E7D32'
logo = "logo.svg"
logo_alt = "Ville"
[glossary]
DGA = "direction générale adjointe"
"#;
        // The file above sets every known key: none is refused that RawConfig reads.
        let table: toml::Table = text.parse().unwrap();
        for (section, keys) in keys::KNOWN_KEYS {
            let t = section
                .split('.')
                .filter(|s| *s != "top")
                .fold(&table, |t, name| t[name].as_table().unwrap());
            for key in *keys {
                assert!(t.contains_key(*key), "{section}.{key} is not set above");
            }
        }
        let c = Config::parse(text, Path::new("/p"), &Overrides::default()).unwrap();
        assert_eq!(c.min_group_size, 3);
        assert_eq!(c.contact.email, "e");
        assert_eq!(c.limits.document_seconds, 30);
        assert_eq!(c.limits.memory_mb, 1024);
    }

    #[test]
    fn the_addressee_may_be_written_per_language() {
        let text = SAMPLE.replace(
            "edition = 2025",
            "edition = 2025\naddressee = { fr = \"prochain exécutif\", en = \"the next executive\" }",
        );
        let fr = Config::parse(&text, Path::new("/p"), &Overrides::default()).unwrap();
        assert_eq!(fr.addressee.as_deref(), Some("prochain exécutif"));
        let english = Overrides {
            lang: Some(Lang::En),
            ..Overrides::default()
        };
        let en = Config::parse(&text, Path::new("/p"), &english).unwrap();
        assert_eq!(en.addressee.as_deref(), Some("the next executive"));
        // One text serves both languages.
        let same = SAMPLE.replace("edition = 2025", "edition = 2025\naddressee = \"élus\"");
        let en = Config::parse(&same, Path::new("/p"), &english).unwrap();
        assert_eq!(en.addressee.as_deref(), Some("élus"));
        // A table needs both languages.
        let half = SAMPLE.replace(
            "edition = 2025",
            "edition = 2025\naddressee = { fr = \"élus\" }",
        );
        let err = problems(&half, Lang::En);
        assert!(err.contains("a text per language"), "{err}");
        assert!(err.contains("line 6, column 13"), "{err}");
        let err = problems(&half, Lang::Fr);
        assert!(err.contains("(ligne 6, colonne 13)"), "{err}");
    }

    #[test]
    fn font_folders_resolve_against_the_config_folder() {
        let c = Config::parse(SAMPLE, Path::new("/proj"), &Overrides::default()).unwrap();
        assert!(c.font_dirs.is_empty());
        let text = format!("{SAMPLE}\n[fonts]\ndirs = [\"fonts/cjk\", \"/usr/share/fonts\"]\n");
        let c = Config::parse(&text, Path::new("/proj"), &Overrides::default()).unwrap();
        assert_eq!(
            c.font_dirs,
            vec![
                PathBuf::from("/proj/fonts/cjk"),
                PathBuf::from("/usr/share/fonts")
            ]
        );
    }

    #[test]
    fn two_pdfa_levels_are_refused() {
        let text = format!("{SAMPLE}\n[outputs]\npdf_standards = [\"a-2b\", \"a-3b\"]\n");
        assert_eq!(
            problems(&text, Lang::Fr),
            "bilan.toml: outputs.pdf_standards : un seul niveau PDF/A à la fois (par exemple [\"ua-1\", \"a-2b\"])"
        );
    }
}
