//! The Typst templates and the catalogue of their words (`texts.toml`): built into
//! the binary, overridable file by file from the project's `templates/` folder
//! ([`BUILTIN`] is what `bilan templates export` writes out). A project's
//! `texts.toml` is merged entry by entry into the built-in catalogue.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::pdf::TemplateError;
use crate::catalogue::{self, Texts};
use crate::diagnostics::{Code, Diagnostic};
use crate::files::{self, Special};
use crate::msg;

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
    ///
    /// The sandbox: the folder and every file read from it are resolved through
    /// symbolic links first, and refused ([`LoadError::Template`]) when they resolve
    /// outside the project folder or are not a regular file (a pipe is never opened).
    /// A link that resolves inside the project is followed.
    pub fn load(root: &Path) -> Result<Templates, LoadError> {
        let mut templates = Templates::builtin();
        let dir = root.join("templates");
        match std::fs::symlink_metadata(&dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(templates),
            Err(e) => return Err(io_error(&dir, e).into()),
            Ok(_) => {}
        }
        let sandbox = Sandbox::new(root)?;
        let real_dir = sandbox.resolve(&dir)?;
        if !real_dir.is_dir() {
            return Err(sandbox.refuse(&dir, Special::Other).into());
        }
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&real_dir)
            .map_err(|e| io_error(&dir, e))?
            .map(|entry| entry.map(|e| dir.join(e.file_name())))
            .collect::<std::io::Result<_>>()
            .map_err(|e| io_error(&dir, e))?;
        // In name order, so that the first problem reported never varies.
        paths.sort();
        for path in paths {
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            let is_texts = name == catalogue::FILE_NAME;
            if !is_texts && path.extension().is_none_or(|e| e != "typ") {
                // Images and data are checked when a template reads them (world.rs).
                continue;
            }
            let text = sandbox.read(&path)?;
            if is_texts {
                templates.texts = catalogue::builtin().with_override(&text).map_err(|e| {
                    TemplateError::generated(
                        &sandbox.shown(&path),
                        &sandbox.shown(&path),
                        e.to_string(),
                    )
                })?;
            }
            templates.files.insert(
                name.to_string(),
                (text, TemplateOrigin::Project(path.clone())),
            );
        }
        Ok(templates)
    }

    /// These templates with the project's `[texts]` of `bilan.toml` (a catalogue
    /// override, checked when the configuration was read) merged last, and the
    /// edition's years filled in every entry.
    pub fn with_config_texts(
        mut self,
        override_source: Option<&str>,
        edition: i32,
    ) -> Result<Templates, String> {
        if let Some(source) = override_source {
            self.texts = self.texts.with_override(source)?;
        }
        self.texts = self.texts.for_edition(edition);
        Ok(self)
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

/// Why the project's templates could not be loaded: a file that could not be read
/// (exit status 4), or one the sandbox refuses or typst cannot take (exit status 3).
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("failed to read the project's templates: {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Template(#[from] TemplateError),
}

/// The project folder, resolved, that template files must resolve into.
struct Sandbox {
    root: PathBuf,
    real_root: PathBuf,
}

impl Sandbox {
    fn new(root: &Path) -> Result<Sandbox, std::io::Error> {
        Ok(Sandbox {
            root: root.to_path_buf(),
            real_root: std::fs::canonicalize(root).map_err(|e| io_error(root, e))?,
        })
    }

    /// `path` resolved through every symbolic link, if that is inside the project.
    fn resolve(&self, path: &Path) -> Result<PathBuf, LoadError> {
        let real = std::fs::canonicalize(path).map_err(|e| io_error(path, e))?;
        if !real.starts_with(&self.real_root) {
            let shown = self.shown(path);
            return Err(TemplateError {
                document: shown.clone(),
                diagnostics: vec![
                    Diagnostic::error(
                        Code::Template,
                        shown.clone(),
                        msg!(
                            "template-outside-project",
                            path = shown,
                            target = real.display().to_string()
                        ),
                    )
                    .hint(msg!("template-outside-project-hint")),
                ],
            }
            .into());
        }
        Ok(real)
    }

    /// The text of the template file `path`, resolved and checked.
    fn read(&self, path: &Path) -> Result<String, LoadError> {
        let real = self.resolve(path)?;
        let bytes = match files::read_regular(&real) {
            Ok(bytes) => bytes,
            Err(e) => match files::not_regular(&e) {
                Some(kind) => return Err(self.refuse(path, kind).into()),
                None => return Err(io_error(path, e).into()),
            },
        };
        String::from_utf8(bytes).map_err(|_| {
            let shown = self.shown(path);
            TemplateError {
                document: shown.clone(),
                diagnostics: vec![
                    Diagnostic::error(
                        Code::Template,
                        shown.clone(),
                        msg!("template-not-utf8", path = shown),
                    )
                    .hint(msg!("template-not-utf8-hint")),
                ],
            }
            .into()
        })
    }

    /// The error for `path`, which is not a regular file.
    fn refuse(&self, path: &Path, kind: Special) -> TemplateError {
        let shown = self.shown(path);
        TemplateError {
            document: shown.clone(),
            diagnostics: vec![
                Diagnostic::error(
                    Code::Template,
                    shown.clone(),
                    msg!("template-not-regular", path = shown, kind = kind.code()),
                )
                .hint(msg!("template-not-regular-hint")),
            ],
        }
    }

    /// `path` as the user knows it: relative to the project folder.
    fn shown(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }
}

fn io_error(path: &Path, e: std::io::Error) -> std::io::Error {
    std::io::Error::new(
        e.kind(),
        format!("failed to read \"{}\" ({e})", path.display()),
    )
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
