//! The typst `World` bilan compiles its documents in.
//!
//! Modelled on typst's own test world: the shipped fonts are parsed once per
//! process and shared; templates come from the project's `templates/` folder when
//! it overrides them, else from the binary; the statistics are served as virtual
//! JSON files (`/data.json`, `/view.json`, and `/fiche.json` for a fact sheet); any other path is
//! read from the project folder only, and nothing outside it (no packages, no
//! network). `today()` is fixed so that builds are reproducible.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use typst::diag::{FileError, FileResult, PackageError};
use typst::foundations::{Bytes, Datetime};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::templates::Templates;

/// The fonts shipped with bilan (Inter, OFL), embedded in the binary.
const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../../fonts/Inter-Regular.otf"),
    include_bytes!("../../fonts/Inter-Italic.otf"),
    include_bytes!("../../fonts/Inter-Bold.otf"),
    include_bytes!("../../fonts/Inter-BoldItalic.otf"),
];

/// Parsed fonts and their book, shared by every document of the process.
pub struct Fonts {
    pub book: LazyHash<FontBook>,
    pub fonts: Vec<Font>,
}

/// The process-wide fonts, parsed on first use.
pub fn fonts() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let fonts: Vec<Font> = FONT_FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    })
}

/// The virtual path of the full statistics.
pub const DATA_PATH: &str = "/data.json";
/// The virtual path of the template-facing shaping ([`super::view`]).
pub const VIEW_PATH: &str = "/view.json";
/// The virtual path of one fact sheet's data.
pub const FICHE_PATH: &str = "/fiche.json";

/// What every document of a kind shares: library, templates, project root, date.
pub struct WorldBase {
    library: LazyHash<Library>,
    templates: Templates,
    root: PathBuf,
    today: Datetime,
    /// Parsed template sources, by file id, shared across documents and threads.
    sources: Mutex<HashMap<FileId, Source>>,
    data: Bytes,
    view: Bytes,
}

impl WorldBase {
    /// `data` is the full statistics JSON served as `/data.json`, `view` the
    /// templates' view served as `/view.json`.
    pub fn new(
        templates: Templates,
        root: &Path,
        today: time::Date,
        data: Bytes,
        view: Bytes,
    ) -> Arc<Self> {
        Arc::new(WorldBase {
            library: LazyHash::new(Library::builder().build()),
            templates,
            root: root.to_path_buf(),
            today: Datetime::Date(today),
            sources: Mutex::new(HashMap::new()),
            data,
            view,
        })
    }

    /// A world whose main file is the template `name` (e.g. `note.typ`), with
    /// `fiche` served as `/fiche.json` when given.
    pub fn document(self: &Arc<Self>, name: &str, fiche: Option<Bytes>) -> DocumentWorld {
        DocumentWorld {
            base: Arc::clone(self),
            main: template_id(name),
            fiche,
        }
    }

    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if let Some(source) = self.sources.lock().map_err(|_| poisoned())?.get(&id) {
            return Ok(source.clone());
        }
        let text = self.read_text(id)?;
        let source = Source::new(id, text);
        self.sources
            .lock()
            .map_err(|_| poisoned())?
            .insert(id, source.clone());
        Ok(source)
    }

    fn read_text(&self, id: FileId) -> FileResult<String> {
        let bytes = self.file(id, None)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| FileError::InvalidUtf8)
    }

    fn file(&self, id: FileId, fiche: Option<&Bytes>) -> FileResult<Bytes> {
        let rooted = id.get();
        if let VirtualRoot::Package(spec) = rooted.root() {
            return Err(FileError::Package(PackageError::Other(Some(
                format!(
                    "packages are not available to bilan templates ({spec}): draw with Typst itself"
                )
                .into(),
            ))));
        }
        let vpath = rooted.vpath().get_with_slash();
        match vpath {
            DATA_PATH => return Ok(self.data.clone()),
            VIEW_PATH => return Ok(self.view.clone()),
            FICHE_PATH => return fiche.cloned().ok_or_else(|| not_found(vpath)),
            _ => {}
        }
        if let Some(name) = vpath.strip_prefix("/templates/")
            && let Some(text) = self.templates.get(name)
        {
            return Ok(Bytes::from_string(text));
        }
        self.read_project_file(rooted.vpath())
    }

    /// Reads a file of the project folder, refusing anything that resolves outside it
    /// (through `..` or a symbolic link).
    fn read_project_file(&self, vpath: &VirtualPath) -> FileResult<Bytes> {
        let path = vpath
            .realize(&self.root)
            .map_err(|_| FileError::AccessDenied)?;
        let real = path
            .canonicalize()
            .map_err(|e| FileError::from_io(e, &path))?;
        let root = self
            .root
            .canonicalize()
            .map_err(|e| FileError::from_io(e, &self.root))?;
        if !real.starts_with(&root) {
            return Err(FileError::AccessDenied);
        }
        if real.is_dir() {
            return Err(FileError::IsDirectory);
        }
        std::fs::read(&real)
            .map(Bytes::new)
            .map_err(|e| FileError::from_io(e, &path))
    }
}

fn poisoned() -> FileError {
    FileError::Other(Some("template cache lock poisoned".into()))
}

fn not_found(vpath: &str) -> FileError {
    FileError::NotFound(PathBuf::from(vpath))
}

/// The file id of a template, `/templates/<name>`.
pub fn template_id(name: &str) -> FileId {
    let vpath = VirtualPath::new(format!("/templates/{name}"))
        .unwrap_or_else(|_| VirtualPath::new("/templates/invalid.typ").expect("static path"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

/// One document's world: the shared base, its main template and its data.
pub struct DocumentWorld {
    base: Arc<WorldBase>,
    main: FileId,
    fiche: Option<Bytes>,
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.base.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &fonts().book
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.base.source(id)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        self.base.file(id, self.fiche.as_ref())
    }

    fn font(&self, index: usize) -> Option<Font> {
        fonts().fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.base.today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_fonts_cover_french_typography() {
        let fonts = fonts();
        assert_eq!(fonts.fonts.len(), 4);
        for font in &fonts.fonts {
            for c in "àâäçéèêëîïôöùûüÿœæÀÂÇÉÈÊËÎÏÔŒÙÛÜ«»’·–—…€\u{a0}\u{202f}".chars()
            {
                assert!(
                    font.info().coverage.contains(c as u32),
                    "{} lacks U+{:04X}",
                    font.info().family,
                    c as u32
                );
            }
        }
    }
}
