//! The catalogue of the documents' and workbook's words: `templates/texts.toml`,
//! French and English, read by the Typst templates (`toml("texts.toml")`) and by
//! bilan itself (status and level labels, the workbook's sheets, `bilan stats`).
//!
//! Owns parsing the built-in catalogue once, merging a project's override
//! (`templates/texts.toml` beside `bilan.toml`: missing entries keep the built-in
//! words, an unknown key is an error naming it) and serving the merged catalogue
//! back to Typst as TOML, and filling in the edition's years (`{edition}`,
//! `{next-edition}`), so that no year is written in the catalogue. It reads no
//! file: callers hand it the text.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::lang::Lang;

/// The built-in catalogue, as shipped in `templates/texts.toml`.
pub const BUILTIN_SOURCE: &str = include_str!("../templates/texts.toml");

/// The file name of the catalogue among the templates.
pub const FILE_NAME: &str = "texts.toml";

/// What [`Texts::get`] gives for a key the catalogue lacks.
pub const MISSING: &str = "[missing text]";

/// Every entry of a catalogue: a dotted key (`status.accepted`) and its words in
/// French and in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Texts {
    entries: BTreeMap<String, [String; 2]>,
    /// The catalogue as TOML for Typst; `None` when it is the built-in one.
    merged_source: Option<String>,
}

/// The built-in catalogue, parsed on first use.
pub fn builtin() -> &'static Texts {
    static BUILTIN: OnceLock<Texts> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        // The built-in file is part of the binary; a unit test parses it.
        Texts::parse(BUILTIN_SOURCE).expect("the built-in templates/texts.toml is valid")
    })
}

fn slot(lang: Lang) -> usize {
    match lang {
        Lang::Fr => 0,
        Lang::En => 1,
    }
}

impl Texts {
    /// A complete catalogue: every entry must give both languages.
    pub fn parse(source: &str) -> Result<Texts, String> {
        let mut entries = BTreeMap::new();
        for (key, words) in leaves(source)? {
            match words {
                [Some(fr), Some(en)] => {
                    entries.insert(key, [fr, en]);
                }
                _ => return Err(format!("`{key}` needs both `fr` and `en`")),
            }
        }
        Ok(Texts {
            entries,
            merged_source: None,
        })
    }

    /// This catalogue with the entries of `source` (a project's override) in
    /// place of its own. An entry may give one language only; a key this
    /// catalogue does not have is an error naming it.
    pub fn with_override(&self, source: &str) -> Result<Texts, String> {
        let mut entries = self.entries.clone();
        for (key, words) in leaves(source)? {
            let Some(known) = entries.get_mut(&key) else {
                return Err(format!(
                    "unknown key `{key}` (the built-in templates/texts.toml has no such entry)"
                ));
            };
            for (slot, word) in words.into_iter().enumerate() {
                if let Some(word) = word {
                    known[slot] = word;
                }
            }
        }
        let mut texts = Texts {
            entries,
            merged_source: None,
        };
        texts.merged_source = Some(texts.to_toml());
        Ok(texts)
    }

    /// The words of `key` in `lang`; [`MISSING`] when the catalogue lacks it
    /// (every key bilan asks for is in the built-in catalogue: tests look for
    /// [`MISSING`] in what bilan writes).
    pub fn get(&self, key: &str, lang: Lang) -> &str {
        self.entries
            .get(key)
            .map_or(MISSING, |words| words[slot(lang)].as_str())
    }

    /// This catalogue with `{edition}` and `{next-edition}` replaced, in every
    /// entry, by `edition` and the year after it.
    pub fn for_edition(&self, edition: i32) -> Texts {
        let next = edition.saturating_add(1).to_string();
        let edition = edition.to_string();
        let mut entries = self.entries.clone();
        for words in entries.values_mut() {
            for word in words.iter_mut() {
                if word.contains('{') {
                    *word = word
                        .replace("{next-edition}", &next)
                        .replace("{edition}", &edition);
                }
            }
        }
        let mut texts = Texts {
            entries,
            merged_source: None,
        };
        texts.merged_source = Some(texts.to_toml());
        texts
    }

    /// Whether `key` exists in this catalogue.
    pub fn contains(&self, key: &str) -> bool {
        self.entries.contains_key(key)
    }

    /// Every key, sorted.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.entries.keys().map(String::as_str)
    }

    /// The catalogue as Typst reads it: the built-in file itself, or the merged
    /// entries written out as TOML when a project overrides some.
    pub fn source(&self) -> &str {
        self.merged_source.as_deref().unwrap_or(BUILTIN_SOURCE)
    }

    fn to_toml(&self) -> String {
        let mut root = toml::Table::new();
        for (key, [fr, en]) in &self.entries {
            let mut words = toml::Table::new();
            words.insert("fr".into(), toml::Value::String(fr.clone()));
            words.insert("en".into(), toml::Value::String(en.clone()));
            insert(&mut root, key, words);
        }
        toml::to_string(&root).unwrap_or_default()
    }
}

/// Whether the entry at `key` is Typst markup (a sentence of the note, an
/// addressee form, a derived answer) rather than plain words.
pub fn is_markup(key: &str) -> bool {
    ["note.", "attention.", "answer."]
        .iter()
        .any(|section| key.starts_with(section))
}

/// Puts `words` at the dotted `key` of `table`, making the tables on the way.
pub(crate) fn insert(table: &mut toml::Table, key: &str, words: toml::Table) {
    match key.split_once('.') {
        None => {
            table.insert(key.into(), toml::Value::Table(words));
        }
        Some((head, rest)) => {
            let next = table
                .entry(head)
                .or_insert_with(|| toml::Value::Table(toml::Table::new()));
            if let toml::Value::Table(next) = next {
                insert(next, rest, words);
            }
        }
    }
}

/// An entry as a file gives it: its dotted key, its French and English words.
type Leaf = (String, [Option<String>; 2]);

/// The entries of a catalogue's text: every table holding `fr` or `en` is one,
/// named by its dotted path; other tables hold entries.
fn leaves(source: &str) -> Result<Vec<Leaf>, String> {
    let root: toml::Table = source
        .parse()
        .map_err(|e: toml::de::Error| format!("not valid TOML: {}", e.message()))?;
    let mut out = Vec::new();
    walk(&root, "", &mut out)?;
    Ok(out)
}

fn walk(table: &toml::Table, prefix: &str, out: &mut Vec<Leaf>) -> Result<(), String> {
    for (name, value) in table {
        let key = if prefix.is_empty() {
            name.clone()
        } else {
            format!("{prefix}.{name}")
        };
        let toml::Value::Table(inner) = value else {
            return Err(format!(
                "`{key}` must be a table of words: {name} = {{ fr = \"…\", en = \"…\" }}"
            ));
        };
        if !(inner.contains_key("fr") || inner.contains_key("en")) {
            walk(inner, &key, out)?;
            continue;
        }
        let mut words = [None, None];
        for (lang, word) in inner {
            let Some(lang) = Lang::from_code(lang) else {
                return Err(format!("`{key}.{lang}`: an entry holds only `fr` and `en`"));
            };
            let toml::Value::String(word) = word else {
                return Err(format!("`{key}.{}` must be a string", lang.code()));
            };
            words[slot(lang)] = Some(word.clone());
        }
        out.push((key, words));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_key_has_both_languages() {
        // `parse` refuses an entry lacking a language; count them to be sure the
        // file was read at all.
        let texts = Texts::parse(BUILTIN_SOURCE).unwrap();
        assert!(texts.keys().count() > 200);
        for key in texts.keys() {
            for lang in Lang::ALL {
                assert!(
                    !texts.get(key, lang).is_empty(),
                    "{key} is empty in {lang:?}"
                );
            }
        }
        let err = Texts::parse("[status]\naccepted = { fr = \"acceptée\" }").unwrap_err();
        assert!(err.contains("`status.accepted` needs both"), "{err}");
    }

    #[test]
    fn every_code_has_its_labels() {
        use crate::model::{Level, Scale, Status, StatusGroup};
        for lang in Lang::ALL {
            let mut labels: Vec<&str> = Status::ALL.iter().map(|s| s.label(lang)).collect();
            labels.extend(StatusGroup::ALL.iter().map(|g| g.label(lang)));
            for scale in [Scale::Two, Scale::Four, Scale::Five] {
                labels.extend(scale.levels().iter().map(|l| l.label(scale, lang)));
            }
            labels.extend(
                Scale::Nine
                    .strengths()
                    .iter()
                    .map(|&s| crate::model::wide_label(builtin(), s, lang)),
            );
            assert!(!labels.contains(&MISSING), "{labels:?}");
        }
        assert_eq!(Status::Accepted.label(Lang::Fr), "acceptée");
        assert_eq!(Level::Agree.label(Scale::Two, Lang::Fr), "d’accord");
        assert_eq!(Level::Agree.label(Scale::Five, Lang::Fr), "plutôt d’accord");
    }

    #[test]
    fn years_are_filled_from_the_edition() {
        let texts = builtin()
            .with_override("[status.accepted]\nfr = \"acceptée pour {edition}-{next-edition}\"\n")
            .unwrap()
            .for_edition(2030);
        assert_eq!(
            texts.get("status.accepted", Lang::Fr),
            "acceptée pour 2030-2031"
        );
        assert!(texts.get("note.step-inform", Lang::Fr).contains("en 2031"));
        assert!(texts.get("note.step-inform", Lang::En).contains("in 2031"));
        assert!(texts.source().contains("2031"));
        // No built-in entry names a year of its own.
        for key in builtin().keys() {
            for lang in Lang::ALL {
                let words = builtin().get(key, lang);
                assert!(
                    !words
                        .split(|c: char| !c.is_ascii_digit())
                        .any(|w| w.len() == 4),
                    "{key} names a year: {words}"
                );
            }
        }
    }

    #[test]
    fn override_merges_and_names_unknown_keys() {
        let texts = builtin()
            .with_override("[status.accepted]\nfr = \"adoptée\"\n")
            .unwrap();
        assert_eq!(texts.get("status.accepted", Lang::Fr), "adoptée");
        assert_eq!(texts.get("status.accepted", Lang::En), "accepted");
        assert_eq!(
            texts.get("status.rejected", Lang::Fr),
            builtin().get("status.rejected", Lang::Fr)
        );
        // What Typst reads is the merged catalogue.
        let back = Texts::parse(texts.source()).unwrap();
        assert_eq!(back.entries, texts.entries);

        let err = builtin()
            .with_override("[status]\nacepted = { fr = \"x\" }")
            .unwrap_err();
        assert!(err.contains("unknown key `status.acepted`"), "{err}");
        let err = builtin()
            .with_override("[status]\naccepted = \"x\"")
            .unwrap_err();
        assert!(err.contains("`status.accepted` must be a table"), "{err}");
        let err = builtin()
            .with_override("[status.accepted]\nfr = \"x\"\nde = \"y\"")
            .unwrap_err();
        assert!(err.contains("only `fr` and `en`"), "{err}");
    }
}
