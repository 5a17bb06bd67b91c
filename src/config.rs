//! `bilan.toml` in two steps: [`RawConfig`] is exactly what the file says (unknown
//! keys refused), [`Config`] is validated and resolved (paths made absolute against
//! the config's folder, defaults applied, command-line overrides merged).

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use time::Date;

/// The report language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// Every language, in the order they are offered.
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// The language whose code is `code` (`fr`, `en`).
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language's code: `fr`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

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
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawInputs {
    pub proposals: PathBuf,
    pub proposals_sheet: Option<String>,
    pub previous: Option<PathBuf>,
    #[serde(default)]
    pub surveys: Vec<PathBuf>,
    pub suggestions: Option<PathBuf>,
    /// Inputs whose answers are illustrative (made up for a demonstration): the
    /// method annex says so.
    #[serde(default)]
    pub illustrative: Vec<PathBuf>,
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
    pub proposals: InputPath,
    pub proposals_sheet: Option<String>,
    pub previous: Option<InputPath>,
    pub surveys: Vec<InputPath>,
    pub suggestions: Option<InputPath>,
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
}

/// Overrides given on the command line.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    pub out: Option<PathBuf>,
    pub lang: Option<Lang>,
}

/// Why a configuration could not be used (exit status 2).
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error(
        "no configuration file at \"{0}\" (run `bilan init DIR` to create a project, or pass --config PATH)"
    )]
    Missing(PathBuf),
    #[error("failed to read \"{path}\" ({source})")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Invalid { path: PathBuf, message: String },
}

impl Config {
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
            Config::parse(&text, &root, overrides).map_err(|message| ConfigError::Invalid {
                path: path.to_path_buf(),
                message,
            })?;
        config.file = path.to_path_buf();
        Ok(config)
    }

    /// Parses configuration text whose relative paths are relative to `root`.
    pub fn parse(text: &str, root: &Path, overrides: &Overrides) -> Result<Config, String> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| describe_toml_error(&e, text))?;
        Config::resolve(raw, root, overrides)
    }

    fn resolve(raw: RawConfig, root: &Path, overrides: &Overrides) -> Result<Config, String> {
        let session_date = raw
            .report
            .session_date
            .map(|d| match d.date {
                Some(date) if d.time.is_none() => {
                    let month = time::Month::try_from(date.month).map_err(|e| e.to_string())?;
                    Date::from_calendar_date(i32::from(date.year), month, date.day)
                        .map_err(|e| e.to_string())
                }
                _ => Err(format!("must be a date like 2025-11-15, not {d}")),
            })
            .transpose()
            .map_err(|e| format!("report.session_date: {e}"))?;
        let standards = &raw.outputs.pdf_standards;
        let pdfa = standards
            .iter()
            .filter(|s| !matches!(s, PdfStandard::Ua1))
            .count();
        if pdfa > 1 {
            return Err(
                "outputs.pdf_standards: only one PDF/A level at a time (e.g. [\"ua-1\", \"a-2b\"])"
                    .into(),
            );
        }
        if !(1..=1000).contains(&raw.privacy.min_group_size) {
            return Err("privacy.min_group_size: must be between 1 and 1000".into());
        }
        let out_base = match &overrides.out {
            Some(out) => std::path::absolute(out).map_err(|e| e.to_string())?,
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
            proposals: InputPath::resolve(root, &raw.inputs.proposals),
            proposals_sheet: raw.inputs.proposals_sheet,
            previous: raw
                .inputs
                .previous
                .as_deref()
                .map(|p| InputPath::resolve(root, p)),
            surveys: raw
                .inputs
                .surveys
                .iter()
                .map(|p| InputPath::resolve(root, p))
                .collect(),
            suggestions: raw
                .inputs
                .suggestions
                .as_deref()
                .map(|p| InputPath::resolve(root, p)),
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

/// Turns a toml/serde error into one line that names the key, its place and, for an
/// unknown key, the valid ones.
fn describe_toml_error(e: &toml::de::Error, text: &str) -> String {
    let message = e.message().trim().replace('`', "\"");
    match e.span().and_then(|span| text.get(..span.start)) {
        Some(before) => {
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            format!("{message} (line {line}, column {column})")
        }
        None => message,
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

    #[test]
    fn unknown_key_names_the_key_and_the_valid_ones() {
        let text = SAMPLE.replace("edition = 2025", "edition = 2025\ncolour = 1");
        let err = Config::parse(&text, Path::new("/p"), &Overrides::default()).unwrap_err();
        assert!(err.contains("colour"), "{err}");
        assert!(err.contains("organisation"), "{err}");
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
        let err = Config::parse(&half, Path::new("/p"), &Overrides::default()).unwrap_err();
        assert!(err.contains("a text per language"), "{err}");
        assert!(err.contains("line 6, column 13"), "{err}");
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
        assert!(Config::parse(&text, Path::new("/p"), &Overrides::default()).is_err());
    }
}
