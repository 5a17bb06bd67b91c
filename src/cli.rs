//! The command line, parsed with clap derive. Only the binary knows it: the library
//! takes a [`bilan::config::Config`] and plain options.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use bilan::config::Lang;

/// Turns a citizens' council register and survey into an accessible briefing note,
/// one fact sheet per proposal and an Excel workbook.
#[derive(Debug, Parser)]
#[command(name = "bilan", version, about, propagate_version = true)]
pub struct Cli {
    #[command(flatten)]
    pub common: Common,
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Clone, Args)]
pub struct Common {
    /// The project's configuration file, or its folder (DIR/bilan.toml). Default: the
    /// first bilan.toml in the current folder or its parents.
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Write outputs under DIR instead of the configured `outputs.dir`.
    #[arg(long, global = true, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The report language (overrides `report.language`).
    #[arg(long, global = true, value_parser = parse_lang)]
    pub lang: Option<Lang>,
    /// How many documents to compile at once (default: the number of cores).
    #[arg(long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Print nothing but errors and warnings.
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the inputs, compute the statistics and write every configured output.
    Build {
        /// How diagnostics are printed.
        #[arg(long, value_enum, default_value_t = DiagFormat::Human)]
        format: DiagFormat,
    },
    /// Build, then build again whenever the configuration, an input or a template is
    /// saved, until Ctrl-C. A failed build keeps the last good outputs.
    Watch {
        /// How diagnostics are printed.
        #[arg(long, value_enum, default_value_t = DiagFormat::Human)]
        format: DiagFormat,
        /// Stop after N builds (for tests).
        #[arg(long, hide = true, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
        max_builds: Option<u32>,
    },
    /// Validate the inputs only, printing every problem found.
    Check {
        /// How diagnostics are printed.
        #[arg(long, value_enum, default_value_t = DiagFormat::Human)]
        format: DiagFormat,
    },
    /// Print the computed statistics on stdout (diagnostics go to stderr).
    Stats {
        #[arg(long, value_enum, default_value_t = StatsFormat::Table)]
        format: StatsFormat,
    },
    /// Create a new project in DIR (config, sample inputs, README) that builds as is.
    Init { dir: PathBuf },
    /// Work with the Typst templates.
    #[command(subcommand)]
    Templates(TemplatesCommand),
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Write the built-in templates into DIR for customisation.
    Export {
        dir: PathBuf,
        /// Overwrite existing files.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiagFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StatsFormat {
    Table,
    Json,
    Csv,
}

/// `--lang`: one of the report languages.
fn parse_lang(value: &str) -> Result<Lang, String> {
    Lang::from_code(value).ok_or_else(|| {
        let codes: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        format!("expected one of {}", codes.join(", "))
    })
}
