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

/// The fonts shipped with bilan (all OFL, licences in `fonts/`), embedded in the
/// binary: Inter for Latin, Greek and Cyrillic, then Noto families for what Inter
/// lacks (ligatures such as `ﬁ`, the replacement character, Arabic, Hebrew, symbols,
/// monochrome emoji). The templates list the families in this order.
const FONT_FILES: [&[u8]; 14] = [
    include_bytes!("../../fonts/Inter-Regular.otf"),
    include_bytes!("../../fonts/Inter-Italic.otf"),
    include_bytes!("../../fonts/Inter-Bold.otf"),
    include_bytes!("../../fonts/Inter-BoldItalic.otf"),
    include_bytes!("../../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../../fonts/NotoSans-Bold.ttf"),
    include_bytes!("../../fonts/NotoSansArabic-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansArabic-Bold.ttf"),
    include_bytes!("../../fonts/NotoSansHebrew-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansHebrew-Bold.ttf"),
    include_bytes!("../../fonts/NotoSansSymbols-Regular.ttf"),
    include_bytes!("../../fonts/NotoSansSymbols-Bold.ttf"),
    include_bytes!("../../fonts/NotoSansSymbols2-Regular.ttf"),
    include_bytes!("../../fonts/NotoEmoji-Regular.ttf"),
];

/// The extensions of the font files read from `fonts.dirs`.
const FONT_EXTENSIONS: [&str; 4] = ["ttf", "otf", "ttc", "otc"];

/// How deep `fonts.dirs` folders are searched (`/usr/share/fonts/opentype/noto`).
const MAX_FONT_DIR_DEPTH: usize = 4;

/// Parsed fonts and their book, shared by every document of the process.
pub struct Fonts {
    pub book: LazyHash<FontBook>,
    pub fonts: Vec<Font>,
    /// The font folders of the configuration that could not be read, with why.
    pub unreadable: Vec<(PathBuf, String)>,
}

impl Fonts {
    /// Whether a document can show `c`: some font holds it, or it is a character
    /// that is never drawn (a joiner, a variation selector, a direction mark). A
    /// private-use character never is: its meaning belongs to the font it was typed
    /// in (Wingdings' symbols), and Inter's private glyphs would show another one.
    pub fn covers(&self, c: char) -> bool {
        c.is_ascii()
            || is_default_ignorable(c)
            || !is_private_use(c)
                && self
                    .fonts
                    .iter()
                    .any(|font| font.info().coverage.contains(c as u32))
    }

    fn new(fonts: Vec<Font>, unreadable: Vec<(PathBuf, String)>) -> Fonts {
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
            unreadable,
        }
    }
}

/// The private use areas: U+E000–U+F8FF and planes 15 and 16.
fn is_private_use(c: char) -> bool {
    matches!(c as u32, 0xE000..=0xF8FF | 0xF0000..=0x10FFFF)
}

/// Characters that shaping hides rather than draws (Unicode's
/// `Default_Ignorable_Code_Point`): no font needs a glyph for them.
fn is_default_ignorable(c: char) -> bool {
    matches!(
        c as u32,
        0x00AD
            | 0x034F
            | 0x061C
            | 0x115F..=0x1160
            | 0x17B4..=0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0x1BCA0..=0x1BCA3
            | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF
    )
}

/// The shipped fonts, parsed once per process.
fn shipped() -> &'static Arc<Fonts> {
    static SHIPPED: OnceLock<Arc<Fonts>> = OnceLock::new();
    SHIPPED.get_or_init(|| {
        let fonts = FONT_FILES
            .iter()
            .flat_map(|data| Font::iter(Bytes::new(*data)))
            .collect();
        Arc::new(Fonts::new(fonts, Vec::new()))
    })
}

/// The shipped fonts followed by those of the `dirs` folders (`fonts.dirs` of the
/// configuration, searched a few levels deep). Parsed once per process for the last
/// list of folders asked for: the check and the documents of a build share them.
pub fn fonts(dirs: &[PathBuf]) -> Arc<Fonts> {
    if dirs.is_empty() {
        return Arc::clone(shipped());
    }
    static LAST: Mutex<Option<(Vec<PathBuf>, Arc<Fonts>)>> = Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((cached, fonts)) = last.as_ref()
        && cached == dirs
    {
        return Arc::clone(fonts);
    }
    let mut fonts = shipped().fonts.clone();
    let mut unreadable = Vec::new();
    for dir in dirs {
        if let Err(e) = read_font_dir(dir, 0, &mut fonts) {
            unreadable.push((dir.clone(), e.to_string()));
        }
    }
    let loaded = Arc::new(Fonts::new(fonts, unreadable));
    *last = Some((dirs.to_vec(), Arc::clone(&loaded)));
    loaded
}

/// Adds the fonts of `dir` and of its sub-folders; a file that is not a font is
/// skipped, a folder that cannot be listed is an error only at the top.
fn read_font_dir(dir: &Path, depth: usize, fonts: &mut Vec<Font>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    // In name order, so that which of two fonts of a family wins never varies.
    entries.sort();
    for path in entries {
        if path.is_dir() {
            if depth < MAX_FONT_DIR_DEPTH {
                let _ = read_font_dir(&path, depth + 1, fonts);
            }
            continue;
        }
        let is_font = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| FONT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()));
        if is_font && let Ok(data) = crate::files::read_regular(&path) {
            fonts.extend(Font::iter(Bytes::new(data)));
        }
    }
    Ok(())
}

/// `text` with every character no font of `fonts` holds replaced by U+FFFD, the
/// replacement character (which the shipped Noto Sans draws): a document shows
/// where a character was lost instead of failing on a glyph it cannot embed.
pub fn replace_missing<'a>(text: &'a str, fonts: &Fonts) -> std::borrow::Cow<'a, str> {
    if text.chars().all(|c| fonts.covers(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| if fonts.covers(c) { c } else { REPLACEMENT })
            .collect(),
    )
}

/// What a document shows in place of a character no font holds.
pub const REPLACEMENT: char = '\u{FFFD}';

/// JSON served to the templates with [`replace_missing`] applied to its text (the
/// statistics written to `data.json` keep the characters as read). serde_json writes
/// every character from U+0080 up as itself, so the replacement keeps the JSON valid.
fn displayable(json: Bytes, fonts: &Fonts) -> Bytes {
    match std::str::from_utf8(&json).map(|text| replace_missing(text, fonts)) {
        Ok(std::borrow::Cow::Owned(text)) => Bytes::from_string(text),
        _ => json,
    }
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
    fonts: Arc<Fonts>,
    data: Bytes,
    view: Bytes,
}

impl WorldBase {
    /// `data` is the full statistics JSON served as `/data.json`, `view` the
    /// templates' view served as `/view.json`, `fonts` those the documents are set in
    /// (see [`fonts`]).
    pub fn new(
        templates: Templates,
        root: &Path,
        today: time::Date,
        fonts: Arc<Fonts>,
        data: Bytes,
        view: Bytes,
    ) -> Arc<Self> {
        Arc::new(WorldBase {
            // `a11y-extras` gives the templates `pdf.header-cell` (row headers).
            library: LazyHash::new(
                Library::builder()
                    .with_features([typst::Feature::A11yExtras].into_iter().collect())
                    .build(),
            ),
            templates,
            root: root.to_path_buf(),
            today: Datetime::Date(today),
            sources: Mutex::new(HashMap::new()),
            data: displayable(data, &fonts),
            view: displayable(view, &fonts),
            fonts,
        })
    }

    /// A world whose main file is the template `name` (e.g. `note.typ`), with
    /// `fiche` served as `/fiche.json` when given.
    pub fn document(self: &Arc<Self>, name: &str, fiche: Option<Bytes>) -> DocumentWorld {
        DocumentWorld {
            base: Arc::clone(self),
            main: template_id(name),
            fiche: fiche.map(|json| displayable(json, &self.fonts)),
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
    /// (through `..` or a symbolic link) or is not a regular file (the same sandbox
    /// as the templates themselves, see [`Templates::load`]).
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
        // Only a regular file is read: a pipe would block the build, a device
        // (`/dev/zero`) never end. The type is checked before the file is opened.
        crate::files::read_regular(&real)
            .map(Bytes::new)
            .map_err(|e| match crate::files::not_regular(&e) {
                Some(crate::files::Special::Folder) => FileError::IsDirectory,
                Some(kind) => FileError::Other(Some(
                    format!(
                        "\"{}\" is not a regular file ({}): templates read only files",
                        vpath.get_with_slash(),
                        kind.code()
                    )
                    .into(),
                )),
                None => FileError::from_io(e, &path),
            })
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
        &self.base.fonts.book
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
        self.base.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        Some(self.base.today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inter_covers_french_typography() {
        let fonts = shipped();
        let inter: Vec<&Font> = fonts
            .fonts
            .iter()
            .filter(|f| f.info().family == "Inter")
            .collect();
        assert_eq!(inter.len(), 4);
        for font in inter {
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

    #[test]
    fn shipped_fonts_cover_the_scripts_and_symbols_of_registers() {
        let fonts = shipped();
        assert_eq!(fonts.fonts.len(), FONT_FILES.len());
        let texts = [
            "Ελληνικά Русский язык ﬁ ﬂ Việt",
            "العربية مرحبا",
            "עברית שלום",
            "☎ ✔ ♻ ✓ ☐ ☑ ⚠ ★ ♀ ⌛ ❤",
            "😀 👍 🚲 🌱",
            "\u{FFFD}",
        ];
        for text in texts {
            for c in text.chars() {
                assert!(fonts.covers(c), "no font holds U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn characters_no_font_holds_are_replaced_and_the_rest_kept() {
        let fonts = shipped();
        assert!(!fonts.covers('\u{E000}'));
        assert!(!fonts.covers('中'));
        // Joiners and variation selectors are hidden by shaping, not drawn.
        assert!(fonts.covers('\u{200D}') && fonts.covers('\u{FE0F}'));
        assert_eq!(replace_missing("Vélo ✔", fonts), "Vélo ✔");
        assert!(matches!(
            replace_missing("Vélo ✔", fonts),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(
            replace_missing("a\u{E000}b 中文", fonts),
            "a\u{FFFD}b \u{FFFD}\u{FFFD}"
        );
        let json = Bytes::from_string("{\"title\":\"x\u{E000}\",\"n\":1}".to_string());
        let shown = displayable(json, fonts);
        let value: serde_json::Value = serde_json::from_slice(&shown).unwrap();
        assert_eq!(value["title"], "x\u{FFFD}");
    }

    #[test]
    fn font_folders_add_their_fonts_and_report_the_unreadable() {
        let shipped_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
        let missing = Path::new(env!("CARGO_MANIFEST_DIR")).join("no-such-fonts");
        let loaded = fonts(&[shipped_dir, missing.clone()]);
        assert_eq!(loaded.fonts.len(), 2 * FONT_FILES.len());
        assert_eq!(loaded.unreadable.len(), 1);
        assert_eq!(loaded.unreadable[0].0, missing);
        assert_eq!(fonts(&[]).fonts.len(), FONT_FILES.len());
    }
}
