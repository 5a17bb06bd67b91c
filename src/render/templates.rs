//! The Typst templates: built into the binary, overridable file by file from the
//! project's `templates/` folder, and written out by `bilan templates export`.

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

/// Writes the built-in templates into `dir` (created if needed), refusing to
/// overwrite an existing file unless `force`. Returns the paths written.
pub fn export(dir: &Path, force: bool) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| {
        std::io::Error::new(
            e.kind(),
            format!("failed to create \"{}\" ({e})", dir.display()),
        )
    })?;
    let mut written = Vec::new();
    for (name, text) in BUILTIN {
        let path = dir.join(name);
        if path.exists() && !force {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!(
                    "\"{}\" already exists (pass --force to overwrite)",
                    path.display()
                ),
            ));
        }
        std::fs::write(&path, text).map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!("failed to write \"{}\" ({e})", path.display()),
            )
        })?;
        written.push(path);
    }
    Ok(written)
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

    #[test]
    fn export_writes_every_builtin_and_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let written = export(dir.path(), false).unwrap();
        assert_eq!(written.len(), BUILTIN.len());
        assert!(export(dir.path(), false).is_err());
        assert!(export(dir.path(), true).is_ok());
    }
}
