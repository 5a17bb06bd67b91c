//! `bilan build`: validate the inputs, compute the statistics, render every
//! configured output and commit the edition, with a progress bar on a terminal and a
//! closing line.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Instant;

use bilan::diagnostics::{Diagnostics, Severity};
use bilan::limits::Exceeded;
use bilan::output::LockError;
use bilan::pipeline::{self, RenderOptions};
use bilan::render::TemplateError;

use bilan::msg;

use super::{display_relative, load_config, present, report, say, status_for};
use crate::cli::{Common, DiagFormat};

pub fn run(common: &Common, format: DiagFormat) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let config = load_config(common)?;
    // From here on a document over its time or the build over its memory ends the
    // process (typst cannot be stopped otherwise), before anything is written.
    bilan::limits::watch(config.limits, limit_passed);
    // Configuration and template errors are found before any input is read.
    let prepared = match pipeline::prepare(&config) {
        Ok(prepared) => prepared,
        Err(err) => return template_failure(err, common, format),
    };
    let loaded = bilan::load(&config);
    report(&loaded.diagnostics, format)?;
    if loaded.diagnostics.has_errors() {
        if !common.quiet && format == DiagFormat::Human {
            say(msg!(
                "closing-build-stopped",
                errors = loaded.diagnostics.count(Severity::Error)
            ));
        }
        return Ok(status_for(&loaded.diagnostics));
    }
    // Held from here to the commit: a second build into the same edition stops at
    // once instead of interleaving its files with this one's.
    let lock = match bilan::output::lock(&config.out_dir) {
        Ok(lock) => lock,
        Err(LockError::Busy(busy)) => {
            say(msg!(
                "edition-busy",
                dir = display_relative(&busy.out_dir),
                lock = display_relative(&busy.lock)
            ));
            return Ok(ExitCode::from(super::exit::IO));
        }
        Err(LockError::Io(e)) => return Err(e.into()),
    };
    *HELD_LOCK.lock().unwrap_or_else(|e| e.into_inner()) = Some(lock.lock_path().to_path_buf());
    let stats = bilan::compute_stats(&config, &loaded);
    let count = pipeline::document_count(&config, &stats);
    let progress = if !common.quiet && std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new((count.notes + count.fiches) as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} compiling documents {bar:30} {pos}/{len} {elapsed}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let rendered = pipeline::render(
        &config,
        prepared,
        &loaded,
        &stats,
        &RenderOptions {
            jobs: common.jobs.map(usize::from),
            on_document: &|| progress.inc(1),
            on_internal_panic: Some(std::sync::Arc::new(internal_panic)),
        },
    );
    progress.finish_and_clear();
    let edition = match rendered {
        Ok(edition) => edition,
        Err(err) => return template_failure(err, common, format),
    };
    report(&edition.warnings, format)?;
    // The outputs are made: writing them is never cut short by the memory limit.
    bilan::limits::release_memory();
    lock.commit(&edition.artifacts, config.lang)?;
    HELD_LOCK.lock().unwrap_or_else(|e| e.into_inner()).take();
    drop(lock);

    if !common.quiet {
        let lang = super::ui_lang();
        say(msg!(
            "closing-build",
            dir = display_relative(&config.out_dir),
            files = present::summary(count, config.workbook, config.lang, lang),
            seconds = format!("{:.1}", started.elapsed().as_secs_f64()),
        ));
    }
    Ok(ExitCode::SUCCESS)
}

/// A template's errors are diagnostics like the data's: located, in the chosen format,
/// then the closing line. Any other error ends the command as it is.
fn template_failure(
    err: anyhow::Error,
    common: &Common,
    format: DiagFormat,
) -> anyhow::Result<ExitCode> {
    let template = err.downcast::<TemplateError>()?;
    let mut diagnostics = Diagnostics::new();
    for d in template.diagnostics {
        diagnostics.push(d);
    }
    report(&diagnostics, format)?;
    if !common.quiet && format == DiagFormat::Human {
        say(msg!(
            "closing-template-failed",
            document = template.document
        ));
    }
    Ok(status_for(&diagnostics))
}

/// The lock file of the edition this build holds, removed by a process that ends
/// without unwinding ([`limit_passed`], [`internal_panic`]).
static HELD_LOCK: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Ends the process after the lock this build holds is removed (no staging exists
/// before the commit, and the previous edition is not touched).
fn end_build(d: bilan::diagnostics::Diagnostic) -> ! {
    let lang = super::ui_lang();
    eprintln!("{}", d.render(lang));
    if let Some(lock) = HELD_LOCK.lock().unwrap_or_else(|e| e.into_inner()).take() {
        let _ = std::fs::remove_file(lock);
    }
    std::process::exit(i32::from(super::exit::TEMPLATE));
}

/// A document ran over its time or the build over its memory (`[limits]`): said as
/// a template error naming the document and the limit, and the build ended with
/// exit status 3. Nothing was written: the previous outputs are untouched.
fn limit_passed(exceeded: Exceeded) {
    use bilan::diagnostics::{Code, Diagnostic};
    let d = match exceeded {
        Exceeded::Time { document, seconds } => Diagnostic::error(
            Code::Template,
            &document,
            msg!("limit-time", document = document.clone(), seconds = seconds),
        )
        .hint(msg!("limit-time-hint")),
        Exceeded::Memory { documents, mb } if documents.is_empty() => Diagnostic::error(
            Code::Template,
            "bilan.toml",
            msg!("limit-memory-build", mb = mb),
        )
        .hint(msg!("limit-memory-hint")),
        Exceeded::Memory { documents, mb } => Diagnostic::error(
            Code::Template,
            &documents[0],
            msg!("limit-memory", documents = documents.join(", "), mb = mb),
        )
        .hint(msg!("limit-memory-hint")),
    };
    end_build(d)
}

/// typst or the PDF writer panicked in a task of its own, which cannot unwind to the
/// document that started it: said as a template error and the build ended with exit
/// status 3 at once. Nothing was written: the previous outputs are untouched.
fn internal_panic(message: String) {
    // The first line: an assertion's values follow on the next ones.
    let message = message.lines().next().unwrap_or_default().to_string();
    let d = bilan::diagnostics::Diagnostic::error(
        bilan::diagnostics::Code::Template,
        "<typst>",
        msg!("template-internal-panic", message = message),
    )
    .hint(msg!("template-internal-panic-hint"));
    end_build(d)
}
