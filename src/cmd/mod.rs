//! One module per command: each loads the configuration, calls the library's
//! pipeline, prints what the user sees and decides the exit status. Printing and exit
//! statuses live here and nowhere in the library.

mod build;
mod check;
mod init;
mod present;
mod stats;
mod templates;
mod watch;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use bilan::config::{Config, ConfigError, Lang, Overrides};
use bilan::diagnostics::{Class, DiagnosticFormat, Diagnostics};
use bilan::messages::{self, Message};
use bilan::output::OutputError;
use bilan::render::TemplateError;

use crate::cli::{Cli, Command, Common, DiagFormat, TemplatesCommand};

/// Exit statuses: 0 success (warnings allowed), then these.
pub mod exit {
    /// The input data has errors.
    pub const DATA: u8 = 1;
    /// Usage or configuration error.
    pub const USAGE: u8 = 2;
    /// A template failed to compile.
    pub const TEMPLATE: u8 = 3;
    /// I/O failure, a missing input file included.
    pub const IO: u8 = 4;
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build { format } => build::run(&cli.common, format),
        Command::Watch { format, max_builds } => watch::run(&cli.common, format, max_builds),
        Command::Check { format } => check::run(&cli.common, format),
        Command::Stats { format } => stats::run(&cli.common, format),
        Command::Init { dir } => init::run(&cli.common, &dir),
        Command::Templates(TemplatesCommand::Export { dir, force }) => {
            templates::export(&cli.common, &dir, force)
        }
    }
}

/// Prints an error that ended a command (or, in `watch`, a build) on stderr.
pub fn print_error(err: &anyhow::Error) {
    let prefix = bilan::msg!("error-prefix").render(ui_lang());
    let _ = writeln!(std::io::stderr(), "{prefix}: {err:#}");
}

/// The exit status for an error that ended a command.
pub fn exit_status(err: &anyhow::Error) -> u8 {
    for cause in err.chain() {
        if cause.is::<ConfigError>() {
            return exit::USAGE;
        }
        if cause.is::<TemplateError>() {
            return exit::TEMPLATE;
        }
        if cause.is::<OutputError>() || cause.is::<std::io::Error>() {
            return exit::IO;
        }
    }
    exit::IO
}

/// Reads the configuration that `--config` names, else the first `bilan.toml` of the
/// current folder or its parents.
fn load_config(common: &Common) -> Result<Config, ConfigError> {
    let cwd = std::env::current_dir().map_err(|source| ConfigError::Read {
        path: Path::new(".").to_path_buf(),
        source,
    })?;
    let path = Config::locate(common.config.as_deref(), &cwd)?;
    Config::load(
        &path,
        &Overrides {
            out: common.out.clone(),
            lang: common.lang,
        },
    )
}

/// The language bilan speaks to the user in: French when the locale is French
/// (`LC_ALL`, `LC_MESSAGES`, `LANG`, as gettext reads them), English otherwise. The
/// documents' language is the report's, set in `bilan.toml` or by `--lang`.
pub fn ui_lang() -> Lang {
    messages::lang_from_env(|name| std::env::var(name).ok())
}

/// Prints a message on stderr in the user's language.
fn say(message: Message) {
    eprintln!("{}", message.render(ui_lang()));
}

/// Prints the diagnostics to stderr (human) or stdout (JSON lines).
fn report(diagnostics: &Diagnostics, format: DiagFormat) -> std::io::Result<()> {
    let lang = ui_lang();
    match format {
        DiagFormat::Human => {
            diagnostics.print(&mut std::io::stderr().lock(), DiagnosticFormat::Human, lang)
        }
        DiagFormat::Json => {
            diagnostics.print(&mut std::io::stdout().lock(), DiagnosticFormat::Json, lang)
        }
    }
}

/// The exit status the diagnostics call for: that of the gravest error's class
/// (an unreadable input, a template, the data), success when there is no error.
fn status_for(diagnostics: &Diagnostics) -> ExitCode {
    match diagnostics.error_class() {
        None => ExitCode::SUCCESS,
        Some(Class::Data) => ExitCode::from(exit::DATA),
        Some(Class::Template) => ExitCode::from(exit::TEMPLATE),
        Some(Class::Io) => ExitCode::from(exit::IO),
    }
}

/// A path shown relative to the current folder when it is inside it.
fn display_relative(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(|p| p.display().to_string()))
        .unwrap_or_else(|| path.display().to_string())
}
