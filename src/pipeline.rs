//! The pipeline as one library call per step, for any front end (the `bilan`
//! binary, a benchmark, a test): [`load`] the inputs, [`compute_stats`], [`render`]
//! every configured output into [`Artifact`]s, which the output stage commits.
//! It owns no command line, prints nothing and writes nothing.

use anyhow::Context;

use crate::config::{Config, ConfigError, DocumentKind, InputPath};
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::layout::{self, Artifact};
use crate::manifest::{FileEntry, Manifest};
use crate::model::{Register, Suggestion};
use crate::msg;
use crate::render::coverage::{self, SurveyTexts, Texts};
use crate::render::{self, LoadError, PdfSettings, Templates, world};
use crate::stats::{self, Source, Stats, SurveyAccumulator};

/// Everything read from the inputs.
pub struct Loaded {
    pub register: Register,
    pub previous: Option<Register>,
    /// The editions before the previous one, oldest first.
    pub earlier: Vec<Register>,
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
    roles.extend(
        config
            .earlier
            .iter()
            .chain(&config.previous)
            .map(|p| ("previous", p)),
    );
    roles.extend(config.surveys.iter().map(|s| ("survey", &s.input)));
    roles.extend(config.suggestions.iter().map(|p| ("suggestions", p)));
    roles.extend(config.branding.logo.iter().map(|(p, _)| ("logo", p)));

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
        let register =
            crate::input::load_register(&config.proposals, sheet, config.lang, &mut diagnostics);
        let diagnostics = without_expected_missing_answers(diagnostics, config);
        let mut diagnostics = in_project_words(diagnostics, &register, config);
        if let Some((logo, _)) = &config.branding.logo
            && let Err(e) = crate::files::open_regular(&logo.path)
        {
            diagnostics.push(crate::input::io_diagnostic(logo, &e));
        }
        let previous = config
            .previous
            .as_ref()
            .map(|p| crate::input::load_register(p, None, config.lang, &mut diagnostics));
        let earlier: Vec<Register> = config
            .earlier
            .iter()
            .map(|p| crate::input::load_register(p, None, config.lang, &mut diagnostics))
            .collect();
        if let (Some(input), Some(previous)) = (&config.previous, &previous)
            && let Some(few) = stats::follow_up::few_matches(previous, &register)
        {
            diagnostics.push(few_matches(&input.display, &few));
        }
        // Along a chain of editions, each pair is matched too: the older file is named.
        let later = earlier.iter().skip(1).chain(previous.as_ref());
        for ((input, older), newer) in config.earlier.iter().zip(&earlier).zip(later) {
            if let Some(few) = stats::follow_up::few_matches(older, newer) {
                diagnostics.push(few_matches(&input.display, &few));
            }
        }
        let mut survey = SurveyAccumulator::new();
        let mut survey_texts = SurveyTexts::default();
        let mut survey_sources = Vec::new();
        for entry in &config.surveys {
            let path = &entry.input;
            let digest = crate::input::read_survey(
                path,
                entry.sheet.as_deref(),
                &mut survey_texts.recorder(&path.display, &mut survey),
                &mut diagnostics,
            );
            survey.file_read();
            survey_sources.extend(match digest {
                Some(digest) => Some(source("survey", path, digest, config)),
                None => describe_source("survey", path, config),
            });
        }
        let mut suggestions = config
            .suggestions
            .as_ref()
            .map(|path| crate::input::load_suggestions(path, &mut diagnostics))
            .unwrap_or_default();
        if let Some(column) = &config.suggestions_column {
            suggestions.extend(crate::input::load_survey_suggestions(
                &config.surveys,
                column,
                &mut diagnostics,
            ));
            diagnostics = without_free_text_warning(diagnostics, column);
        }
        // Every text that reaches the documents, against the fonts they are set in:
        // `check` warns of what `build` will show as a replacement character.
        diagnostics.extend(coverage::check(
            &Texts {
                config,
                register: &register,
                previous: previous.as_ref(),
                survey: &survey_texts,
                suggestions: &suggestions,
            },
            &world::fonts(&config.font_dirs),
        ));
        // A hashing thread cannot panic on data; should it ever, the manifest just
        // lacks the sources rather than the build failing.
        let mut sources = hashing.join().unwrap_or_default();
        // In the order of the roles: proposals, previous, surveys, suggestions, logo.
        let at = sources
            .iter()
            .position(|s| s.role == "suggestions" || s.role == "logo")
            .unwrap_or(sources.len());
        sources.splice(at..at, survey_sources);
        Loaded {
            register,
            previous,
            earlier,
            survey,
            suggestions,
            sources,
            diagnostics,
        }
    })
}

/// `diagnostics` without the missing-answer warnings of the proposals the config
/// lists in `inputs.expected_missing_answers`.
fn without_expected_missing_answers(diagnostics: Diagnostics, config: &Config) -> Diagnostics {
    if config.expected_missing_answers.is_empty() {
        return diagnostics;
    }
    let expected = |d: &Diagnostic| {
        d.code == Code::MissingAnswer
            && d.message.args.iter().any(|(name, value)| {
                *name == "id"
                    && matches!(value, crate::messages::Arg::Text(id)
                        if config.expected_missing_answers.iter().any(|e| e.trim() == id.trim()))
            })
    };
    let mut kept = Diagnostics::new();
    for d in diagnostics.items().iter().filter(|d| !expected(d)) {
        kept.push(d.clone());
    }
    kept
}

/// The missing-answer warnings name the status in the project's words (`[texts]`),
/// as its documents do, not in the built-in ones the register reader knows.
fn in_project_words(diagnostics: Diagnostics, register: &Register, config: &Config) -> Diagnostics {
    let mut relabelled = Diagnostics::new();
    for d in diagnostics.items() {
        let mut d = d.clone();
        relabel(&mut d, register, config);
        relabelled.push(d);
    }
    relabelled
}

fn relabel(d: &mut Diagnostic, register: &Register, config: &Config) {
    {
        if d.code != Code::MissingAnswer {
            return;
        }
        let id = d.message.args.iter().find_map(|(name, value)| match value {
            crate::messages::Arg::Text(id) if *name == "id" => Some(id.clone()),
            _ => None,
        });
        let Some(p) = id.and_then(|id| {
            let mut same = register.proposals.iter().filter(|p| p.id == id);
            let first = same.clone().next();
            same.find(|p| p.origin.row.is_some() && p.origin.row == d.row)
                .or(first)
        }) else {
            return;
        };
        let label = p.status.label_in(&config.texts, config.lang).to_string();
        for (name, value) in &mut d.message.args {
            if *name == "status" {
                *value = crate::messages::Arg::Text(label.clone());
            }
        }
    }
}

/// `diagnostics` without the warning that the survey's free-text column `column` was
/// left aside: its answers are the suggestions.
fn without_free_text_warning(diagnostics: Diagnostics, column: &str) -> Diagnostics {
    let key = crate::text::fold(column.trim());
    let mut kept = Diagnostics::new();
    for d in diagnostics.items() {
        let ours = d.code == Code::FreeTextColumn
            && d.column
                .as_deref()
                .is_some_and(|c| crate::text::fold(c.trim()) == key);
        if !ours {
            kept.push(d.clone());
        }
    }
    kept
}

/// The warning that the follow-up pairs too few proposals to be trusted.
fn few_matches(file: &str, few: &stats::follow_up::FewMatches) -> Diagnostic {
    let m = few.matching;
    let cause = match few.cause {
        stats::follow_up::FewMatchesCause::OtherIdScheme => "other-ids",
        stats::follow_up::FewMatchesCause::OtherProposals => "other-proposals",
    };
    Diagnostic::warning(
        Code::FewMatches,
        file,
        msg!(
            "few-matches",
            matched = m.matched,
            previous = m.previous,
            current = m.current,
            cause = cause,
            previous_id = few.previous_example.as_deref().unwrap_or_default(),
            current_id = few.current_example.as_deref().unwrap_or_default(),
        ),
    )
    .hint(msg!("few-matches-hint"))
}

/// Hashes an input file (streamed, so a large survey is never held in memory). A
/// missing or unreadable file is reported by its reader, with its location.
fn describe_source(role: &'static str, input: &InputPath, config: &Config) -> Option<Source> {
    // A pipe or a device is never hashed (it would block or never end): the input
    // stage reports it as unreadable.
    let mut file = crate::files::open_regular(&input.path).ok()?;
    let (sha256, bytes) = crate::hash::sha256_reader(&mut file).ok()?;
    Some(source(
        role,
        input,
        crate::input::FileDigest { sha256, bytes },
        config,
    ))
}

fn source(
    role: &'static str,
    input: &InputPath,
    digest: crate::input::FileDigest,
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

/// The statistics of what [`load`] read.
pub fn compute_stats(config: &Config, loaded: &Loaded) -> Stats {
    stats::compute(
        config,
        stats::Inputs {
            register: &loaded.register,
            previous: loaded.previous.as_ref(),
            earlier: &loaded.earlier,
            survey: &loaded.survey,
            suggestions: &loaded.suggestions,
            sources: loaded.sources.clone(),
            diagnostics: &loaded.diagnostics,
        },
    )
}

/// The moment recorded in the outputs: `SOURCE_DATE_EPOCH` when set, else the
/// edition's session date at midnight UTC.
pub fn build_timestamp(config: &Config) -> Result<time::PrimitiveDateTime, ConfigError> {
    let invalid = |message: String| ConfigError::invalid("SOURCE_DATE_EPOCH", message);
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(value) => {
            let secs: i64 = value.trim().parse().map_err(|_| {
                invalid(format!(
                    "SOURCE_DATE_EPOCH must be a number of seconds, not \"{value}\""
                ))
            })?;
            let at = time::OffsetDateTime::from_unix_timestamp(secs)
                .map_err(|e| invalid(e.to_string()))?;
            Ok(time::PrimitiveDateTime::new(at.date(), at.time()))
        }
        Err(_) => Ok(time::PrimitiveDateTime::new(
            config.document_date(),
            time::Time::MIDNIGHT,
        )),
    }
}

/// How [`render`] runs.
pub struct RenderOptions<'a> {
    /// How many documents are compiled at once (`None`: one per core).
    pub jobs: Option<usize>,
    /// Called after each document is compiled (a progress bar's tick).
    pub on_document: &'a (dyn Fn() + Sync),
    /// Called, on a rendering thread, when typst or the PDF writer panics in a task of
    /// its own (a panic there cannot unwind to the document that started it, and rayon
    /// would abort the process): given the panic's message, it must end the process.
    /// `None`: rayon's default, an abort.
    pub on_internal_panic: Option<std::sync::Arc<dyn Fn(String) + Send + Sync>>,
}

/// The number of documents [`render`] compiles for `config` and `stats`.
pub fn document_count(config: &Config, stats: &Stats) -> DocumentCount {
    DocumentCount {
        notes: usize::from(config.documents.contains(&DocumentKind::Note)),
        fiches: if config.documents.contains(&DocumentKind::Fiches) {
            stats.proposals.items.len()
        } else {
            0
        },
    }
}

/// How many documents of each kind an edition holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentCount {
    pub notes: usize,
    pub fiches: usize,
}

/// What a build needs besides the data, checked before any input is read: the
/// timestamp, the PDF settings and the templates.
pub struct Prepared {
    pub timestamp: time::PrimitiveDateTime,
    pub settings: PdfSettings,
    pub templates: Templates,
}

/// Resolves the timestamp, the PDF standards and the templates of `config`; an error
/// here is the configuration's or the templates', found before any input is read.
pub fn prepare(config: &Config) -> anyhow::Result<Prepared> {
    let timestamp = build_timestamp(config)?;
    let settings = PdfSettings::new(&config.pdf_standards, timestamp)
        .map_err(|message| ConfigError::invalid(&config.file, message))?;
    let templates = Templates::load(&config.root).map_err(|e| match e {
        LoadError::Io(e) => anyhow::Error::new(e).context("failed to read the project's templates"),
        LoadError::Template(e) => anyhow::Error::new(e),
    })?;
    let templates = templates
        .with_config_texts(config.texts_override.as_deref(), config.edition)
        .map_err(|cause| {
            ConfigError::invalid(&config.file, msg!("config-texts-invalid", cause = cause))
        })?;
    Ok(Prepared {
        timestamp,
        settings,
        templates,
    })
}

/// What [`render`] made: every file of the edition, and the templates' warnings.
pub struct Edition {
    pub artifacts: Vec<Artifact>,
    pub warnings: Diagnostics,
}

/// Renders every configured output of the edition: the documents, the workbook,
/// `data.json` and, last, the manifest of all of them. Nothing is written.
pub fn render(
    config: &Config,
    prepared: Prepared,
    loaded: &Loaded,
    stats: &Stats,
    options: &RenderOptions,
) -> anyhow::Result<Edition> {
    let Prepared {
        timestamp,
        settings,
        templates,
    } = prepared;
    let data_json = serde_json::to_vec_pretty(stats)?;
    // The documents' world takes the templates; the workbook reads the same words.
    let texts = templates.texts().clone();
    let mut pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.unwrap_or(0))
        // Typst's layout recurses deeply on long tables: the default 2 MiB stack of a
        // thread overflows on a note with a few hundred proposals.
        .stack_size(64 * 1024 * 1024);
    if let Some(handler) = options.on_internal_panic.clone() {
        pool = pool.panic_handler(move |payload| handler(render::panic_message(&*payload)));
    }
    let pool = pool
        .build()
        .context("failed to start the rendering threads")?;
    // The workbook is written while the documents render: it then fills the moments
    // when a core waits for the last document.
    let (documents, workbook) = std::thread::scope(|scope| {
        let workbook = config.workbook.then(|| {
            scope.spawn(|| {
                render::workbook::write_workbook(&render::workbook::WorkbookInput {
                    stats,
                    register: &loaded.register,
                    previous: loaded.previous.as_ref(),
                    fiches: config.documents.contains(&DocumentKind::Fiches),
                    diagnostics: &loaded.diagnostics,
                    lang: config.lang,
                    texts: &texts,
                    timestamp,
                })
            })
        });
        let documents = render::render_documents(
            config,
            stats,
            &data_json,
            templates,
            &settings,
            &pool,
            options.on_document,
        );
        let workbook = workbook.map(|thread| {
            thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        });
        (documents, workbook)
    });
    let render::Rendered {
        mut artifacts,
        warnings: template_warnings,
    } = documents?;
    let mut warnings = Diagnostics::new();
    for warning in template_warnings {
        warnings.push(warning);
    }
    if let Some(bytes) = workbook {
        artifacts.push(Artifact {
            path: layout::workbook(config.lang).to_string(),
            bytes: bytes.context("failed to write the workbook")?,
        });
    }
    artifacts.push(Artifact {
        path: layout::data_json(config.lang).to_string(),
        bytes: data_json,
    });
    let manifest = Manifest::new(
        config.edition,
        config.lang.code(),
        stats
            .sources
            .iter()
            .map(|s| FileEntry {
                path: s.path.clone(),
                sha256: s.sha256.clone(),
                bytes: s.bytes,
            })
            .collect(),
        &artifacts,
    );
    artifacts.push(Artifact {
        path: layout::manifest(config.lang).to_string(),
        bytes: serde_json::to_vec_pretty(&manifest)?,
    });
    Ok(Edition {
        artifacts,
        warnings,
    })
}
