//! `bilan check`: validate the inputs only, printing every problem found and how each
//! distinct status wording of the register was read (« Refusé » → non retenue), so
//! that no mapping is silent.

use std::process::ExitCode;

use bilan::diagnostics::Severity;

use bilan::msg;

use super::{load_config, report, say, status_for, ui_lang};
use crate::cli::{Common, DiagFormat};

pub fn run(common: &Common, format: DiagFormat) -> anyhow::Result<ExitCode> {
    let config = load_config(common)?;
    let loaded = bilan::load(&config);
    report(&loaded.diagnostics, format)?;
    let d = &loaded.diagnostics;
    if !common.quiet && format == DiagFormat::Human {
        let register = &loaded.register;
        if !register.status_wordings.is_empty() {
            say(msg!("check-wordings-title"));
            for w in &register.status_wordings {
                let line = msg!(
                    "check-wording",
                    wording = w.wording.as_str(),
                    status = w.status.label_in(&config.texts, ui_lang()),
                    count = w.rows
                );
                eprintln!("  {}", line.render(ui_lang()));
            }
        }
        let kept = register.proposals.len();
        let (errors, warnings) = (d.count(Severity::Error), d.count(Severity::Warning));
        // Rows refused (a missing id, a duplicate…) are proposals the user wrote: they
        // are counted, and said to be refused.
        say(match register.rows_read.saturating_sub(kept) {
            0 => msg!(
                "closing-check",
                proposals = kept,
                errors = errors,
                warnings = warnings
            ),
            refused => msg!(
                "closing-check-refused",
                rows = register.rows_read,
                proposals = kept,
                refused = refused,
                errors = errors,
                warnings = warnings
            ),
        });
    }
    Ok(status_for(d))
}
