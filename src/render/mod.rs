//! The output renderers: PDF documents through Typst templates, and the Excel
//! workbook. Renderers turn statistics into bytes ([`Artifact`]s named by
//! [`crate::layout`]); they never write the disk (the output stage does).

pub mod coverage;
pub mod pdf;
pub mod templates;
pub mod typeset;
pub mod view;
pub mod workbook;
pub mod world;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use serde::Serialize;
use typst::foundations::Bytes;

use crate::config::{Config, DocumentKind};
use crate::diagnostics::Diagnostic;
use crate::layout::{Artifact, fiche_path, note_file_name};
use crate::stats::proposals::ProposalItem;
use crate::stats::{ReportInfo, Source, Stats};
pub use pdf::{PdfSettings, TemplateError};
pub use templates::{LoadError, Templates};
use world::WorldBase;

/// The most size steps a fact sheet is compiled at, whatever its template announces.
const MAX_FIT_STEPS: u64 = 12;

/// How many documents are compiled between two evictions of typst's memo cache.
const EVICT_EVERY: usize = 16;

/// The data a fact sheet template reads as `/fiche.json`.
#[derive(Serialize)]
struct FicheData<'a> {
    generator: &'a str,
    report: &'a ReportInfo,
    proposal: &'a ProposalItem,
    sources: &'a [Source],
    /// The session date for the derived answer line, as in `/view.json`.
    session_date_text: Option<&'a str>,
    /// Which of the template's size steps to set the sheet at (0: the largest).
    fit: u64,
}

/// One document to compile.
struct Job<'a> {
    template: &'static str,
    path: String,
    ident: String,
    fiche: Option<&'a ProposalItem>,
}

/// Compiles every configured document, `jobs` at a time, calling `done` after each.
/// Documents come back in a stable order (note first, then fact sheets in register
/// order), whatever the number of threads.
pub fn render_documents(
    config: &Config,
    stats: &Stats,
    data_json: &[u8],
    templates: Templates,
    settings: &PdfSettings,
    pool: &rayon::ThreadPool,
    done: &(dyn Fn() + Sync),
) -> Result<Rendered, TemplateError> {
    // The templates read the texts set in the report's typography; `data_json`, the
    // statistics as written to `reports/`, keeps them as read.
    let shown = typeset::for_documents(stats, config.lang, config.data_lang);
    let stats: &Stats = &shown;
    let data = match &shown {
        std::borrow::Cow::Borrowed(_) => data_json.to_vec(),
        std::borrow::Cow::Owned(typeset) => serde_json::to_vec(typeset).map_err(|e| {
            TemplateError::generated(
                note_file_name(config.lang),
                world::DATA_PATH,
                format!("could not serialise the templates' data ({e})"),
            )
        })?,
    };
    let session_date_text = view::session_date_text(config);
    let view = serde_json::to_vec(&view::view(stats, config)).map_err(|e| {
        TemplateError::generated(
            note_file_name(config.lang),
            world::VIEW_PATH,
            format!("could not serialise the templates' view ({e})"),
        )
    })?;
    let base: Arc<WorldBase> = WorldBase::new(
        templates,
        &config.root,
        config.document_date(),
        world::fonts(&config.font_dirs),
        Bytes::new(data),
        Bytes::new(view),
    );
    let mut jobs = Vec::new();
    if config.documents.contains(&DocumentKind::Note) {
        jobs.push(Job {
            template: "note.typ",
            path: note_file_name(config.lang).to_string(),
            ident: format!("bilan/{}/note/{}", config.edition, config.lang),
            fiche: None,
        });
    }
    if config.documents.contains(&DocumentKind::Fiches) {
        jobs.extend(stats.proposals.items.iter().map(|item| Job {
            template: "fiche.typ",
            path: fiche_path(config.lang, &item.file),
            ident: format!("bilan/{}/fiche/{}/{}", config.edition, config.lang, item.id),
            fiche: Some(item),
        }));
    }
    let compiled = AtomicUsize::new(0);
    let compile = |job: &Job| -> Result<(Artifact, Vec<Diagnostic>), TemplateError> {
        // Timed and named by the build's limits while it compiles.
        let _limits = crate::limits::document(&job.path);
        let mut warnings = Vec::new();
        let bytes = match job.fiche {
            None => pdf::compile_pdf(
                &base.document(job.template, None),
                &job.path,
                &job.ident,
                settings,
                &mut warnings,
            )?,
            Some(proposal) => compile_fiche(
                &base,
                job,
                FicheData {
                    generator: &stats.generator,
                    report: &stats.report,
                    proposal,
                    sources: &stats.sources,
                    session_date_text: session_date_text.as_deref(),
                    fit: 0,
                },
                settings,
                &mut warnings,
            )?,
        };
        // Long batches: keep typst's memo cache bounded; entries unused for a few
        // rounds are dropped, the shared template and fonts stay warm.
        if compiled.fetch_add(1, Ordering::Relaxed) % EVICT_EVERY == EVICT_EVERY - 1 {
            comemo::evict(2);
        }
        done();
        Ok((
            Artifact {
                path: job.path.clone(),
                bytes,
            },
            warnings,
        ))
    };
    // Documents are handed out one at a time by plain threads, one per rendering
    // thread, each waiting for its document's compilation in the pool (where typst
    // lays out pages in parallel): at most that many documents are in progress.
    // Handed to the pool as parallel iterator items, a document whose layout waited
    // for a stolen task let its thread start another document meanwhile, and so on:
    // a 2,000-proposal build held nearly every sheet in progress at once (1.8 GB at
    // its peak, 1.2 GB for the sheets alone, against 0.2 GB now) and completed 1,900
    // of them in its last 1.3 s.
    let next = AtomicUsize::new(0);
    let finished = Mutex::new(Vec::with_capacity(jobs.len()));
    std::thread::scope(|scope| {
        for _ in 0..pool.current_num_threads().min(jobs.len()) {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(index) else {
                        break;
                    };
                    // A panic of typst or of the PDF writer on this thread is the
                    // document's template error (exit 3), never an abort.
                    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        pool.install(|| compile(job))
                    }))
                    .unwrap_or_else(|payload| {
                        Err(TemplateError::generated(
                            &job.path,
                            job.template,
                            format!(
                                "typst stopped on an internal error ({})",
                                panic_message(&*payload)
                            ),
                        ))
                    });
                    finished
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push((index, result));
                }
            });
        }
    });
    let mut finished = finished.into_inner().unwrap_or_else(|e| e.into_inner());
    finished.sort_by_key(|(index, _)| *index);
    comemo::evict(4);
    let mut rendered = Rendered::default();
    for (_, result) in finished {
        let (artifact, warnings) = result?;
        rendered.artifacts.push(artifact);
        for warning in warnings {
            // A template's warning repeats in every document made from it: said once.
            let seen = rendered.warnings.iter().any(|w| {
                (&w.file, w.position, &w.hint) == (&warning.file, warning.position, &warning.hint)
            });
            if !seen {
                rendered.warnings.push(warning);
            }
        }
    }
    Ok(rendered)
}

/// The compiled documents and the warnings typst gave on their templates.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Note first, then fact sheets in register order.
    pub artifacts: Vec<Artifact>,
    /// Each template warning once, with the first document it came up in.
    pub warnings: Vec<Diagnostic>,
}

/// Compiles a fact sheet at the template's first size step (`fit` 0 in
/// `/fiche.json`); while it runs onto a second page and the template has a smaller
/// step (its `<bilan-fit>` metadata says how many, at most [`MAX_FIT_STEPS`]), compiles
/// it again one step further. A sheet that fits is laid out once; only the one kept is
/// exported.
fn compile_fiche(
    base: &Arc<WorldBase>,
    job: &Job,
    mut fiche: FicheData,
    settings: &PdfSettings,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<u8>, TemplateError> {
    loop {
        let data = serde_json::to_vec(&fiche).map_err(|e| {
            TemplateError::generated(
                &job.path,
                world::FICHE_PATH,
                format!("could not serialise the fact sheet data ({e})"),
            )
        })?;
        let world = base.document(job.template, Some(Bytes::new(data)));
        // Only the warnings of the size step kept are the document's.
        warnings.clear();
        let doc = pdf::compile(&world, &job.path, warnings)?;
        let fit = fiche.fit;
        let smaller = doc.pages().len() > 1
            && pdf::fit_steps(&doc)
                .is_some_and(|(used, steps)| used == fit && fit + 1 < steps.min(MAX_FIT_STEPS));
        if !smaller {
            return pdf::export(&world, &doc, &job.path, &job.ident, settings);
        }
        fiche.fit += 1;
    }
}

/// The message of a panic's payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_string())
}
