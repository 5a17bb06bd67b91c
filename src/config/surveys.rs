//! The entries of `inputs.surveys`: a path, or a path and the sheet of a workbook
//! that holds the answers. Plain paths stay valid; nothing here reads a file.

use std::fmt;
use std::path::PathBuf;

use serde::Deserialize;

use super::InputPath;

/// An entry of `inputs.surveys`: a path (`"inputs/s.csv"`), or a path and the sheet of
/// a workbook that holds the answers (`{ path = "inputs/s.xlsx", sheet = "Data" }`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawSurvey {
    pub path: PathBuf,
    pub sheet: Option<String>,
}

impl<'de> Deserialize<'de> for RawSurvey {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Table {
            path: PathBuf,
            sheet: Option<String>,
        }
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawSurvey;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#"a path, or a table { path = "…", sheet = "…" }"#)
            }
            fn visit_str<E: serde::de::Error>(self, path: &str) -> Result<RawSurvey, E> {
                Ok(RawSurvey {
                    path: PathBuf::from(path),
                    sheet: None,
                })
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RawSurvey, A::Error> {
                let table = Table::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(RawSurvey {
                    path: table.path,
                    sheet: table.sheet,
                })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A survey file, and the sheet of a workbook that holds its answers when the config
/// names one (else the sheet is found, see `docs/inputs.md`, "Surveys").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyInput {
    pub input: InputPath,
    pub sheet: Option<String>,
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::super::{Config, Overrides};

    fn config(surveys: &str) -> Result<Config, String> {
        let text = format!(
            "[report]\ntitle = \"T\"\norganisation = \"O\"\nedition = 2025\n\
             [inputs]\nproposals = \"p.xlsx\"\nsurveys = {surveys}\n"
        );
        Config::parse(&text, Path::new("/p"), &Overrides::default()).map_err(|problems| {
            problems
                .iter()
                .map(|m| m.render(crate::config::Lang::En))
                .collect::<Vec<_>>()
                .join("\n")
        })
    }

    #[test]
    fn plain_paths_and_sheets_may_be_mixed() {
        let c = config(r#"["a.csv", { path = "b.xlsx", sheet = "Data" }, { path = "c.ods" }]"#)
            .expect("valid");
        let entries: Vec<(&str, Option<&str>)> = c
            .surveys
            .iter()
            .map(|s| (s.input.display.as_str(), s.sheet.as_deref()))
            .collect();
        assert_eq!(
            entries,
            [("a.csv", None), ("b.xlsx", Some("Data")), ("c.ods", None)]
        );
        assert_eq!(c.surveys[1].input.path, Path::new("/p/b.xlsx"));
    }

    #[test]
    fn an_unknown_key_of_an_entry_is_refused_with_the_valid_ones() {
        let problems = config(r#"[{ path = "b.xlsx", shet = "Data" }]"#).unwrap_err();
        assert!(problems.contains("shet"), "{problems}");
        assert!(problems.contains("sheet"), "{problems}");
        let problems = config(r#"[{ sheet = "Data" }]"#).unwrap_err();
        assert!(problems.contains("path"), "{problems}");
    }
}
