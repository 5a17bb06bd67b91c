//! `inputs.previous`: the earlier editions' registers and their years. Each entry is
//! a path, or `{ path = "…", edition = 2023 }` when the editions are not consecutive;
//! a plain path is the year its place gives (the last is this edition − 1, the one
//! before it − 2…). Owns the parsing and the check that the years run in order before
//! this edition; reads no file.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::messages::Message;
use crate::msg;

/// `inputs.previous`: one register, or a list of them, oldest first.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Previous {
    One(Entry),
    Chain(Vec<Entry>),
}

/// One earlier edition: its register, and its year when not the one its place gives.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Entry {
    Path(PathBuf),
    Dated(Dated),
}

/// `{ path = "…", edition = 2023 }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dated {
    path: PathBuf,
    edition: Option<i32>,
}

impl Entry {
    pub fn path(&self) -> &Path {
        match self {
            Entry::Path(path) | Entry::Dated(Dated { path, .. }) => path,
        }
    }

    fn edition(&self) -> Option<i32> {
        match self {
            Entry::Path(_) => None,
            Entry::Dated(dated) => dated.edition,
        }
    }
}

impl Previous {
    /// The entries, oldest first.
    pub fn entries(&self) -> &[Entry] {
        match self {
            Previous::One(entry) => std::slice::from_ref(entry),
            Previous::Chain(entries) => entries,
        }
    }

    /// The registers, oldest first.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.entries().iter().map(Entry::path)
    }

    /// Each entry's year, oldest first: the one given, else the one its place gives
    /// before `edition`.
    pub fn years(&self, edition: i32) -> Vec<i32> {
        let entries = self.entries();
        let n = entries.len();
        entries
            .iter()
            .enumerate()
            .map(|(i, e)| e.edition().unwrap_or(edition - (n - i) as i32))
            .collect()
    }

    /// The years out of order: each must come after the one before it and before
    /// this `edition`.
    pub fn problems(&self, edition: i32) -> Vec<Message> {
        let years = self.years(edition);
        let mut problems = Vec::new();
        for (i, (entry, &year)) in self.entries().iter().zip(&years).enumerate() {
            let path = entry.path().display().to_string();
            if year >= edition {
                problems.push(msg!(
                    "config-previous-not-before",
                    path = path,
                    year = year.to_string(),
                    edition = edition.to_string()
                ));
            } else if i > 0 && year <= years[i - 1] {
                problems.push(msg!(
                    "config-previous-not-increasing",
                    path = path,
                    year = year.to_string(),
                    before = years[i - 1].to_string()
                ));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(toml: &str) -> Previous {
        #[derive(Deserialize)]
        struct Holder {
            previous: Previous,
        }
        toml::from_str::<Holder>(toml).expect("parses").previous
    }

    #[test]
    fn plain_paths_are_consecutive_years_before_the_edition() {
        let p = parse(r#"previous = ["a.csv", "b.csv"]"#);
        assert_eq!(p.years(2026), [2024, 2025]);
        assert!(p.problems(2026).is_empty());
        assert_eq!(parse(r#"previous = "a.csv""#).years(2026), [2025]);
    }

    #[test]
    fn an_entry_may_give_its_year() {
        let p = parse(r#"previous = [{ path = "a.csv", edition = 2021 }, "b.csv"]"#);
        assert_eq!(p.years(2026), [2021, 2025]);
        assert_eq!(
            p.paths().collect::<Vec<_>>(),
            [Path::new("a.csv"), Path::new("b.csv")]
        );
        assert!(p.problems(2026).is_empty());
        let one = parse(r#"previous = { path = "a.csv", edition = 2023 }"#);
        assert_eq!(one.years(2026), [2023]);
    }

    #[test]
    fn years_out_of_order_or_not_before_the_edition_are_refused() {
        // 2025 then the default 2025 for the last: not increasing.
        let p = parse(r#"previous = [{ path = "a.csv", edition = 2025 }, "b.csv"]"#);
        assert_eq!(p.problems(2026).len(), 1);
        let p = parse(r#"previous = { path = "a.csv", edition = 2026 }"#);
        assert_eq!(p.problems(2026).len(), 1);
        let p = parse(
            r#"previous = [{ path = "a.csv", edition = 2024 }, { path = "b.csv", edition = 2023 }]"#,
        );
        assert_eq!(p.problems(2026).len(), 1);
    }
}
