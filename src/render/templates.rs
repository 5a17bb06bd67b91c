//! The Typst templates: built into the binary, overridable file by file from the
//! project's `templates/` folder ([`BUILTIN`] is what `bilan templates export`
//! writes out).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The built-in templates, by file name.
pub const BUILTIN: [(&str, &str); 3] = [
    ("common.typ", include_str!("../../templates/common.typ")),
    ("note.typ", include_str!("../../templates/note.typ")),
    ("fiche.typ", include_str!("../../templates/fiche.typ")),
];

/// Where a template's text came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateOrigin {
    Builtin,
    /// The project's own file.
    Project(PathBuf),
}

/// The set of templates a build uses.
#[derive(Debug, Clone, Default)]
pub struct Templates {
    files: BTreeMap<String, (String, TemplateOrigin)>,
}

impl Templates {
    /// The built-in templates, overridden by any file of the same name in
    /// `<root>/templates/`. A project may also add templates of its own (e.g. a
    /// shared `logo.typ` imported by an override).
    pub fn load(root: &Path) -> std::io::Result<Templates> {
        let mut files: BTreeMap<String, (String, TemplateOrigin)> = BUILTIN
            .iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    (text.to_string(), TemplateOrigin::Builtin),
                )
            })
            .collect();
        let dir = root.join("templates");
        if dir.is_dir() {
            for entry in std::fs::read_dir(&dir)? {
                let path = entry?.path();
                if path.extension().is_some_and(|e| e == "typ") && path.is_file() {
                    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                        continue;
                    };
                    let text = std::fs::read_to_string(&path).map_err(|e| {
                        std::io::Error::new(
                            e.kind(),
                            format!("failed to read \"{}\" ({e})", path.display()),
                        )
                    })?;
                    files.insert(
                        name.to_string(),
                        (text, TemplateOrigin::Project(path.clone())),
                    );
                }
            }
        }
        Ok(Templates { files })
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
        }
    }

    /// The text of template `name`, if there is one.
    pub fn get(&self, name: &str) -> Option<String> {
        self.files.get(name).map(|(text, _)| text.clone())
    }

    /// Where template `name` came from.
    pub fn origin(&self, name: &str) -> Option<&TemplateOrigin> {
        self.files.get(name).map(|(_, origin)| origin)
    }
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
