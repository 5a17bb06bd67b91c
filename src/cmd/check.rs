//! `bilan check`: validate the inputs only, printing every problem found.

use std::process::ExitCode;

use bilan::diagnostics::Severity;

use bilan::msg;

use super::{load_config, report, say, status_for};
use crate::cli::{Common, DiagFormat};

pub fn run(common: &Common, format: DiagFormat) -> anyhow::Result<ExitCode> {
    let config = load_config(common)?;
    let loaded = bilan::load(&config);
    report(&loaded.diagnostics, format)?;
    let d = &loaded.diagnostics;
    if !common.quiet && format == DiagFormat::Human {
        say(msg!(
            "closing-check",
            proposals = loaded.register.proposals.len(),
            errors = d.count(Severity::Error),
            warnings = d.count(Severity::Warning),
        ));
    }
    Ok(status_for(d))
}
