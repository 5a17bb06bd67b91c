//! `bilan stats`: the statistics on stdout (diagnostics on stderr).

use std::io::Write;
use std::process::ExitCode;

use super::{load_config, present, report, status_for};
use crate::cli::{Common, DiagFormat, StatsFormat};

pub fn run(common: &Common, format: StatsFormat) -> anyhow::Result<ExitCode> {
    let config = load_config(common)?;
    let loaded = bilan::load(&config);
    report(&loaded.diagnostics, DiagFormat::Human)?;
    if loaded.diagnostics.has_errors() {
        return Ok(status_for(&loaded.diagnostics));
    }
    let stats = bilan::compute_stats(&config, &loaded);
    let mut out = std::io::stdout().lock();
    match format {
        StatsFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &stats)?;
            writeln!(out)?;
        }
        StatsFormat::Table => present::write_table(&mut out, &stats, config.lang)?,
        StatsFormat::Csv => present::write_csv(&mut out, &stats)?,
    }
    Ok(ExitCode::SUCCESS)
}
