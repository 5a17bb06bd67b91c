//! bilan: from a citizens' council's register of proposals and its survey to an
//! accessible briefing note, one fact sheet per proposal and an Excel workbook.
//!
//! The pipeline: [`config`] → [`input`] (the only stage that reads inputs) →
//! [`stats`] (pure) → [`render`] (bytes) → [`output`] (the only stage that writes).

pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod format;
pub mod init;
pub mod input;
pub mod model;
pub mod output;
pub mod present;
pub mod render;
pub mod stats;
pub mod text;

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;

use cli::{Cli, Command, Common, DiagFormat, StatsFormat, TemplatesCommand};
use config::{Config, ConfigError, InputPath, Overrides};
use diagnostics::{DiagnosticFormat, Diagnostics};
use model::{Register, Suggestion};
use output::{FileEntry, Manifest, Output, OutputError};
use render::{PdfSettings, TemplateError, Templates};
use stats::{Source, Stats, SurveyAccumulator};

/// Exit statuses of spec §2.
pub mod exit {
    pub const DATA: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const TEMPLATE: u8 = 3;
    pub const IO: u8 = 4;
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

/// Runs a parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Build { format } => build(&cli.common, format),
        Command::Check { format } => check(&cli.common, format),
        Command::Stats { format } => print_stats(&cli.common, format),
        Command::Init { dir } => {
            let written = init::scaffold(&dir)?;
            if !cli.common.quiet {
                eprintln!(
                    "created a bilan project in \"{}\" ({} files); build it with `bilan --config {} build`",
                    dir.display(),
                    written.len(),
                    dir.join("bilan.toml").display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Templates(TemplatesCommand::Export { dir, force }) => {
            let written = render::templates::export(&dir, force)?;
            if !cli.common.quiet {
                for path in written {
                    eprintln!("wrote {}", path.display());
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn load_config(common: &Common) -> Result<Config, ConfigError> {
    Config::load(
        &common.config,
        &Overrides {
            out: common.out.clone(),
            lang: common.lang,
        },
    )
}

/// Everything read from the inputs.
pub struct Loaded {
    pub register: Register,
    pub previous: Option<Register>,
    pub survey: SurveyAccumulator,
    pub suggestions: Vec<Suggestion>,
    pub sources: Vec<Source>,
    pub diagnostics: Diagnostics,
}

/// Reads every configured input, collecting every problem found. The inputs are
/// hashed for the manifest on a second thread while they are parsed; a CSV survey,
/// which may be large, as it is read.
pub fn load(config: &Config) -> Loaded {
    let mut roles: Vec<(&'static str, &InputPath)> = vec![("proposals", &config.proposals)];
    roles.extend(config.previous.iter().map(|p| ("previous", p)));
    roles.extend(config.surveys.iter().map(|p| ("survey", p)));
    roles.extend(config.suggestions.iter().map(|p| ("suggestions", p)));

    std::thread::scope(|scope| {
        let hashing = scope.spawn(|| {
            roles
                .iter()
                .filter(|(role, _)| *role != "survey")
                .filter_map(|(role, input)| describe_source(role, input, config))
                .collect::<Vec<Source>>()
        });
        let mut diagnostics = Diagnostics::new();
        let sheet = config.proposals_sheet.as_deref();
        let register = input::load_register(&config.proposals, sheet, &mut diagnostics);
        let previous = config
            .previous
            .as_ref()
            .map(|p| input::load_register(p, None, &mut diagnostics));
        let mut survey = SurveyAccumulator::new();
        let mut survey_sources = Vec::new();
        for path in &config.surveys {
            let digest = input::read_survey(path, &mut survey, &mut diagnostics);
            survey.file_read();
            survey_sources.extend(match digest {
                Some(digest) => Some(source("survey", path, digest, config)),
                None => describe_source("survey", path, config),
            });
        }
        let suggestions = config
            .suggestions
            .as_ref()
            .map(|path| input::load_suggestions(path, &mut diagnostics))
            .unwrap_or_default();
        // A hashing thread cannot panic on data; should it ever, the manifest just
        // lacks the sources rather than the build failing.
        let mut sources = hashing.join().unwrap_or_default();
        // In the order of the roles: proposals, previous, surveys, suggestions.
        let at = sources
            .iter()
            .position(|s| s.role == "suggestions")
            .unwrap_or(sources.len());
        sources.splice(at..at, survey_sources);
        Loaded {
            register,
            previous,
            survey,
            suggestions,
            sources,
            diagnostics,
        }
    })
}

/// Hashes an input file (streamed, so a large survey is never held in memory). A
/// missing or unreadable file is reported by its reader, with its location.
fn describe_source(role: &'static str, input: &InputPath, config: &Config) -> Option<Source> {
    use sha2::Digest;
    let mut file = std::fs::File::open(&input.path).ok()?;
    let mut hasher = sha2::Sha256::new();
    let bytes = std::io::copy(&mut file, &mut hasher).ok()?;
    let sha256 = output::hex(&hasher.finalize());
    Some(source(
        role,
        input,
        input::FileDigest { sha256, bytes },
        config,
    ))
}

fn source(
    role: &'static str,
    input: &InputPath,
    digest: input::FileDigest,
    config: &Config,
) -> Source {
    Source {
        role,
        path: input.display.clone(),
        sha256: digest.sha256,
        bytes: digest.bytes,
        illustrative: config.illustrative.iter().any(|p| p == &input.path),
    }
}

fn diagnostic_format(format: DiagFormat) -> DiagnosticFormat {
    match format {
        DiagFormat::Human => DiagnosticFormat::Human,
        DiagFormat::Json => DiagnosticFormat::Json,
    }
}

/// Prints the diagnostics to stderr (human) or stdout (JSON lines).
fn report(diagnostics: &Diagnostics, format: DiagFormat) -> std::io::Result<()> {
    match format {
        DiagFormat::Human => {
            diagnostics.print(&mut std::io::stderr().lock(), DiagnosticFormat::Human)
        }
        DiagFormat::Json => {
            diagnostics.print(&mut std::io::stdout().lock(), diagnostic_format(format))
        }
    }
}

fn check(common: &Common, format: DiagFormat) -> anyhow::Result<ExitCode> {
    let config = load_config(common)?;
    let loaded = load(&config);
    report(&loaded.diagnostics, format)?;
    let d = &loaded.diagnostics;
    if !common.quiet && format == DiagFormat::Human {
        eprintln!(
            "checked {} proposals: {} errors, {} warnings",
            loaded.register.proposals.len(),
            d.count(diagnostics::Severity::Error),
            d.count(diagnostics::Severity::Warning)
        );
    }
    Ok(status_for(d))
}

fn status_for(diagnostics: &Diagnostics) -> ExitCode {
    if diagnostics.items().iter().any(|d| {
        d.severity == diagnostics::Severity::Error
            && matches!(d.code, "missing-file" | "unreadable-file")
    }) {
        ExitCode::from(exit::IO)
    } else if diagnostics.has_errors() {
        ExitCode::from(exit::DATA)
    } else {
        ExitCode::SUCCESS
    }
}

fn compute_stats(config: &Config, loaded: &Loaded) -> Stats {
    stats::compute(
        config,
        stats::Inputs {
            register: &loaded.register,
            previous: loaded.previous.as_ref(),
            survey: &loaded.survey,
            suggestions: &loaded.suggestions,
            sources: loaded.sources.clone(),
            diagnostics: &loaded.diagnostics,
        },
    )
}

fn print_stats(common: &Common, format: StatsFormat) -> anyhow::Result<ExitCode> {
    let config = load_config(common)?;
    let loaded = load(&config);
    report(&loaded.diagnostics, DiagFormat::Human)?;
    if loaded.diagnostics.has_errors() {
        return Ok(status_for(&loaded.diagnostics));
    }
    let stats = compute_stats(&config, &loaded);
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

/// The moment recorded in the outputs: `SOURCE_DATE_EPOCH` when set, else the
/// edition's session date at midnight UTC.
pub fn build_timestamp(config: &Config) -> anyhow::Result<time::PrimitiveDateTime> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => {
            let secs: i64 = value
                .trim()
                .parse()
                .with_context(|| {
                    format!("SOURCE_DATE_EPOCH must be a number of seconds, not \"{value}\"")
                })
                .map_err(|e| ConfigError::Invalid {
                    path: "SOURCE_DATE_EPOCH".into(),
                    message: format!("{e:#}"),
                })?;
            let at = time::OffsetDateTime::from_unix_timestamp(secs).map_err(|e| {
                ConfigError::Invalid {
                    path: "SOURCE_DATE_EPOCH".into(),
                    message: e.to_string(),
                }
            })?;
            Ok(time::PrimitiveDateTime::new(at.date(), at.time()))
        }
        Err(_) => Ok(time::PrimitiveDateTime::new(
            config.document_date(),
            time::Time::MIDNIGHT,
        )),
    }
}

fn build(common: &Common, format: DiagFormat) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let config = load_config(common)?;
    let timestamp = build_timestamp(&config)?;
    let settings = PdfSettings::new(&config.pdf_standards, timestamp).map_err(|message| {
        ConfigError::Invalid {
            path: common.config.clone(),
            message,
        }
    })?;
    let templates =
        Templates::load(&config.root).context("failed to read the project's templates")?;

    let loaded = load(&config);
    report(&loaded.diagnostics, format)?;
    if loaded.diagnostics.has_errors() {
        if !common.quiet && format == DiagFormat::Human {
            eprintln!(
                "build stopped: {} errors in the inputs; previous outputs left untouched",
                loaded.diagnostics.count(diagnostics::Severity::Error)
            );
        }
        return Ok(status_for(&loaded.diagnostics));
    }
    let stats = compute_stats(&config, &loaded);
    let data_json = serde_json::to_vec_pretty(&stats)?;

    let fiche_count = if config.documents.contains(&config::DocumentKind::Fiches) {
        stats.proposals.items.len()
    } else {
        0
    };
    let note_count = usize::from(config.documents.contains(&config::DocumentKind::Note));
    let show_progress = !common.quiet && std::io::stderr().is_terminal();
    let progress = if show_progress {
        let bar = indicatif::ProgressBar::new((note_count + fiche_count) as u64);
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
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(common.jobs.map(usize::from).unwrap_or(0))
        // Typst's layout recurses deeply on long tables: the default 2 MiB stack of a
        // thread overflows on a note with a few hundred proposals.
        .stack_size(64 * 1024 * 1024)
        .build()
        .context("failed to start the rendering threads")?;
    // The workbook is written while the documents render: it then fills the moments
    // when a core waits for the last document.
    let (documents, workbook) = std::thread::scope(|scope| {
        let workbook = config.workbook.then(|| {
            scope.spawn(|| {
                render::workbook::write_workbook(&render::workbook::WorkbookInput {
                    stats: &stats,
                    register: &loaded.register,
                    diagnostics: &loaded.diagnostics,
                    lang: config.lang,
                    timestamp,
                })
            })
        });
        let documents = render::render_documents(
            &config,
            &stats,
            &data_json,
            templates,
            &settings,
            &pool,
            &|| progress.inc(1),
        );
        let workbook = workbook.map(|thread| {
            thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        (documents, workbook)
    });
    let mut outputs = documents?;
    progress.finish_and_clear();
    if let Some(bytes) = workbook {
        outputs.push(Output {
            path: "synthese.xlsx".to_string(),
            bytes: bytes.context("failed to write the workbook")?,
        });
    }
    outputs.push(Output {
        path: "data.json".to_string(),
        bytes: data_json,
    });
    let manifest = Manifest {
        bilan_version: env!("CARGO_PKG_VERSION"),
        edition: config.edition,
        language: config.lang.code(),
        inputs: stats
            .sources
            .iter()
            .map(|s| FileEntry {
                path: s.path.clone(),
                sha256: s.sha256.clone(),
                bytes: s.bytes,
            })
            .collect(),
        outputs: outputs
            .iter()
            .map(|o| FileEntry::of(o.path.clone(), &o.bytes))
            .collect(),
    };
    outputs.push(Output {
        path: "manifest.json".to_string(),
        bytes: serde_json::to_vec_pretty(&manifest)?,
    });
    output::commit(&config.out_dir, &outputs)?;

    if !common.quiet {
        eprintln!(
            "wrote {}: {} in {:.1} s",
            display_relative(&config.out_dir),
            present::summary(note_count, fiche_count, config.workbook, config.lang),
            started.elapsed().as_secs_f64()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// A path shown relative to the current folder when it is inside it.
fn display_relative(path: &Path) -> String {
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(|p| p.display().to_string()))
        .unwrap_or_else(|| path.display().to_string())
}
