//! The Typst templates and the catalogue of their words (`texts.toml`): built into
//! the binary, overridable file by file from the project's `templates/` folder
//! ([`BUILTIN`] is what `bilan templates export` writes out). A project's
//! `texts.toml` is merged entry by entry into the built-in catalogue.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::catalogue::{self, Texts};

/// The built-in templates and catalogue, by file name.
pub const BUILTIN: [(&str, &str); 4] = [
    ("common.typ", include_str!("../../templates/common.typ")),
    ("note.typ", include_str!("../../templates/note.typ")),
    ("fiche.typ", include_str!("../../templates/fiche.typ")),
    (catalogue::FILE_NAME, catalogue::BUILTIN_SOURCE),
];

/// Where a template's text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateOrigin {
    Builtin,
    /// The project's own file.
    Project(PathBuf),
}

/// The set of templates a build uses, and the catalogue of their words.
#[derive(Debug, Clone)]
pub struct Templates {
    files: BTreeMap<String, (String, TemplateOrigin)>,
    texts: Texts,
}

impl Templates {
    /// The built-in templates, overridden by any file of the same name in
    /// `<root>/templates/`. A project may also add templates of its own (e.g. a
    /// shared `logo.typ` imported by an override). A `texts.toml` there is merged
    /// into the built-in catalogue; an unknown key in it is an error naming it.
    pub fn load(root: &Path) -> std::io::Result<Templates> {
        let mut templates = Templates::builtin();
        let dir = root.join("templates");
        let texts_path = dir.join(catalogue::FILE_NAME);
        if texts_path.is_file() {
            let text = read(&texts_path)?;
            templates.texts = catalogue::builtin().with_override(&text).map_err(|e| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("\"{}\": {e}", texts_path.display()),
                )
            })?;
            templates.files.insert(
                catalogue::FILE_NAME.to_string(),
                (text, TemplateOrigin::Project(texts_path)),
            );
        }
        let files = &mut templates.files;
        if dir.is_dir() {
            for entry in std::fs::read_dir(&dir)? {
                let path = entry?.path();
                if path.extension().is_some_and(|e| e == "typ") && path.is_file() {
                    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                        continue;
                    };
                    let text = read(&path)?;
                    files.insert(
                        name.to_string(),
                        (text, TemplateOrigin::Project(path.clone())),
                    );
                }
            }
        }
        Ok(templates)
    }

    /// The built-in templates only.
    pub fn builtin() -> Templates {
        Templates {
            files: BUILTIN
                .iter()
                .map(|(name, text)| {
                    (
                        name.to_string(),
                        (text.to_string(), TemplateOrigin::Builtin),
                    )
                })
                .collect(),
            texts: catalogue::builtin().clone(),
        }
    }

    /// The text of template `name`, if there is one; for `texts.toml`, the merged
    /// catalogue.
    pub fn get(&self, name: &str) -> Option<String> {
        if name == catalogue::FILE_NAME {
            return Some(self.texts.source().to_string());
        }
        self.files.get(name).map(|(text, _)| text.clone())
    }

    /// The catalogue of words: the built-in one with the project's entries.
    pub fn texts(&self) -> &Texts {
        &self.texts
    }

    /// Where template `name` came from.
    pub fn origin(&self, name: &str) -> Option<&TemplateOrigin> {
        self.files.get(name).map(|(_, origin)| origin)
    }
}

fn read(path: &Path) -> std::io::Result<String> {
    std::fs::read_to_string(path).map_err(|e| {
        std::io::Error::new(
            e.kind(),
            format!("failed to read \"{}\" ({e})", path.display()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_file_overrides_one_builtin_only() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/fiche.typ"), "custom").unwrap();
        let t = Templates::load(dir.path()).unwrap();
        assert_eq!(t.get("fiche.typ").as_deref(), Some("custom"));
        assert_eq!(t.origin("note.typ"), Some(&TemplateOrigin::Builtin));
        assert!(t.get("common.typ").unwrap().contains("#let"));
    }
}
