//! Compiling a template into a PDF: typst layout, then export as tagged PDF with
//! the configured standards. Template problems come back as [`TemplateError`] with
//! the template's file, line and column.

use std::fmt;

use typst::World;
use typst::WorldExt;
use typst::diag::{Severity, SourceDiagnostic};
use typst::foundations::{Datetime, Label, Smart, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::utils::PicoStr;
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard as TypstStandard, PdfStandards, Timestamp};

use crate::config::PdfStandard;

/// One problem a template ran into, located in the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateDiagnostic {
    pub error: bool,
    /// `templates/note.typ`, or `<generated>` when there is no location.
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    pub hints: Vec<String>,
}

impl fmt::Display for TemplateDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let (Some(line), Some(column)) = (self.line, self.column) {
            write!(f, ":{line}:{column}")?;
        }
        let severity = if self.error { "error" } else { "warning" };
        write!(f, ": {severity}: {}", self.message)?;
        for hint in &self.hints {
            write!(f, "\n  = hint: {hint}")?;
        }
        Ok(())
    }
}

/// A document that could not be made because of its template (exit status 3).
#[derive(Debug, Clone)]
pub struct TemplateError {
    /// Which document: `note-executif.pdf`, `fiches/EDU-01.pdf`…
    pub document: String,
    pub diagnostics: Vec<TemplateDiagnostic>,
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "template failed for {}", self.document)?;
        for d in &self.diagnostics {
            write!(f, "\n{d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for TemplateError {}

/// PDF export settings shared by every document of a build.
#[derive(Clone)]
pub struct PdfSettings {
    standards: PdfStandards,
    timestamp: Timestamp,
    creator: String,
}

impl PdfSettings {
    /// `timestamp` is the document date (from `SOURCE_DATE_EPOCH` or the edition).
    pub fn new(
        standards: &[PdfStandard],
        timestamp: time::PrimitiveDateTime,
    ) -> Result<Self, String> {
        let list: Vec<TypstStandard> = standards
            .iter()
            .map(|s| match s {
                PdfStandard::Ua1 => TypstStandard::Ua_1,
                PdfStandard::A2b => TypstStandard::A_2b,
                PdfStandard::A2a => TypstStandard::A_2a,
                PdfStandard::A3b => TypstStandard::A_3b,
                PdfStandard::A3a => TypstStandard::A_3a,
            })
            .collect();
        let standards = PdfStandards::new(&list)
            .map_err(|e| format!("outputs.pdf_standards: {}", e.message()))?;
        let datetime = Datetime::Datetime(timestamp);
        Ok(PdfSettings {
            standards,
            timestamp: Timestamp::new_utc(datetime),
            creator: format!("bilan {} (typst 0.15)", env!("CARGO_PKG_VERSION")),
        })
    }
}

/// Compiles the world's main template into pages; `document` names it in errors.
pub fn compile(world: &dyn World, document: &str) -> Result<PagedDocument, TemplateError> {
    typst::compile::<PagedDocument>(world)
        .output
        .map_err(|errors| template_error(world, document, &errors))
}

/// Exports compiled pages as tagged PDF; `ident` identifies the document stably
/// across builds (e.g. `bilan/2025/fiche/EDU-01`).
pub fn export(
    world: &dyn World,
    doc: &PagedDocument,
    document: &str,
    ident: &str,
    settings: &PdfSettings,
) -> Result<Vec<u8>, TemplateError> {
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        creator: Smart::Custom(Some(settings.creator.clone())),
        timestamp: Some(settings.timestamp),
        page_ranges: None,
        standards: settings.standards.clone(),
        tagged: true,
        pretty: false,
    };
    typst_pdf::pdf(doc, &options).map_err(|errors| template_error(world, document, &errors))
}

/// Compiles the world's main template and exports it as PDF.
pub fn compile_pdf(
    world: &dyn World,
    document: &str,
    ident: &str,
    settings: &PdfSettings,
) -> Result<Vec<u8>, TemplateError> {
    export(world, &compile(world, document)?, document, ident, settings)
}

/// The label of the metadata a fact sheet template places to say which size step it
/// used and how many it has (see `templates/fiche.typ`).
pub const FIT_LABEL: &str = "bilan-fit";

/// How far the template's `fit` steps go, from the `<bilan-fit>` metadata it placed
/// (`(fit: n, steps: m)`); `None` when it placed none (it does not fit by steps).
pub fn fit_steps(doc: &PagedDocument) -> Option<(u64, u64)> {
    let label = Label::new(PicoStr::intern(FIT_LABEL))?;
    let content = doc.introspector().query_label(label).ok()?;
    let Value::Dict(dict) = &content.to_packed::<MetadataElem>()?.value else {
        return None;
    };
    let number = |key: &str| match dict.get(key) {
        Ok(Value::Int(n)) => u64::try_from(*n).ok(),
        _ => None,
    };
    Some((number("fit")?, number("steps")?))
}

fn template_error(world: &dyn World, document: &str, diags: &[SourceDiagnostic]) -> TemplateError {
    TemplateError {
        document: document.to_string(),
        diagnostics: diags.iter().map(|d| locate(world, d)).collect(),
    }
}

/// Maps a typst diagnostic to its template file, line and column (1-based).
fn locate(world: &dyn World, diag: &SourceDiagnostic) -> TemplateDiagnostic {
    let mut out = TemplateDiagnostic {
        error: diag.severity == Severity::Error,
        file: "<generated>".to_string(),
        line: None,
        column: None,
        message: diag.message.to_string(),
        hints: diag
            .hints
            .iter()
            .map(|h| h.v.to_string())
            // bilan has no `--root` option: the project folder is the root.
            .filter(|h| !h.contains("--root"))
            .collect(),
    };
    if let Some(id) = diag.span.id() {
        out.file = id.vpath().get_without_slash().to_string();
        if let (Some(range), Ok(source)) = (world.range(diag.span), world.source(id))
            && let Some((line, column)) = source.lines().byte_to_line_column(range.start)
        {
            out.line = Some(line + 1);
            out.column = Some(column + 1);
        }
    }
    out
}
