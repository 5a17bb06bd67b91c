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
use crate::diagnostics::{Code, Diagnostic};
use crate::messages::Message;
use crate::msg;

/// A document that could not be made because of its template (exit status 3): its
/// name and typst's diagnostics, located in the template's file, line and column.
#[derive(Debug, Clone)]
pub struct TemplateError {
    /// Which document: `note-executif.pdf`, `fiches/EDU-01.pdf`…
    pub document: String,
    pub diagnostics: Vec<Diagnostic>,
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

impl TemplateError {
    /// An error of bilan's own about `document`, located in `file` (a generated file
    /// such as `/fiche.json`).
    pub fn generated(document: &str, file: &str, message: String) -> Self {
        TemplateError {
            document: document.to_string(),
            diagnostics: vec![Diagnostic::error(
                Code::Template,
                file,
                msg!("template-problem", document = document, message = message),
            )],
        }
    }
}

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
/// typst's warnings are pushed to `warnings`.
pub fn compile(
    world: &dyn World,
    document: &str,
    warnings: &mut Vec<Diagnostic>,
) -> Result<PagedDocument, TemplateError> {
    let compiled = typst::compile::<PagedDocument>(world);
    warnings.extend(compiled.warnings.iter().map(|w| locate(world, document, w)));
    compiled
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
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<u8>, TemplateError> {
    export(
        world,
        &compile(world, document, warnings)?,
        document,
        ident,
        settings,
    )
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
        diagnostics: diags.iter().map(|d| locate(world, document, d)).collect(),
    }
}

/// Maps a typst diagnostic to a [`Diagnostic`] in its template file, at its line and
/// column (1-based). typst's own text is kept as it is (typst speaks English).
fn locate(world: &dyn World, document: &str, diag: &SourceDiagnostic) -> Diagnostic {
    let message = msg!(
        "template-problem",
        document = document,
        message = diag.message.to_string()
    );
    let mut file = "<generated>".to_string();
    let mut position = None;
    if let Some(id) = diag.span.id() {
        file = id.vpath().get_without_slash().to_string();
        if let (Some(range), Ok(source)) = (world.range(diag.span), world.source(id))
            && let Some((line, column)) = source.lines().byte_to_line_column(range.start)
        {
            position = Some((line + 1, column + 1));
        }
    }
    let mut out = match diag.severity {
        Severity::Error => Diagnostic::error(Code::Template, file, message),
        Severity::Warning => Diagnostic::warning(Code::Template, file, message),
    };
    if let Some((line, column)) = position {
        out = out.position(line, column);
    }
    // bilan has no `--root` option: the project folder is the root.
    let hints: Vec<String> = diag
        .hints
        .iter()
        .map(|h| h.v.to_string())
        .filter(|h| !h.contains("--root"))
        .collect();
    if !hints.is_empty() {
        out = out.hint(Message::from(hints.join("; ")));
    }
    out
}
