//! Criterion benchmarks of the three hot stages: reading a register, computing
//! survey statistics from a long CSV, and compiling + exporting one fact sheet.
//!
//! `cargo bench --bench pipeline`; whole-build timings are in `scripts/bench.sh`.

use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};

use bilan::config::{Config, InputPath, Overrides};
use bilan::diagnostics::Diagnostics;
use bilan::stats::SurveyAccumulator;

fn sample_config() -> Config {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    Config::load(&root.join("bilan.toml"), &Overrides::default()).expect("sample config")
}

fn input(path: &Path) -> InputPath {
    InputPath {
        path: path.to_path_buf(),
        display: path.display().to_string(),
    }
}

/// A long survey CSV of `answers` answers, written once into `dir`.
fn long_survey(dir: &Path, answers: usize) -> InputPath {
    use std::io::Write;
    let path = dir.join(format!("long-{answers}.csv"));
    let levels = [
        "tout à fait d'accord",
        "plutôt d'accord",
        "ni d'accord ni pas d'accord",
        "plutôt pas d'accord",
        "pas du tout d'accord",
        "sans avis",
    ];
    let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
    writeln!(out, "participant;groupe;affirmation;réponse").expect("write");
    for i in 0..answers {
        writeln!(
            out,
            "P{};G{};Affirmation {};{}",
            i / 5,
            i % 4,
            i % 5,
            levels[(i * 7 + i / 3) % 6]
        )
        .expect("write");
    }
    out.flush().expect("flush");
    input(&path)
}

fn register_reading(c: &mut Criterion) {
    let config = sample_config();
    c.bench_function("load_register/sample_xlsx_20", |b| {
        b.iter(|| {
            let mut diags = Diagnostics::new();
            let register = bilan::input::load_register(
                &config.proposals,
                config.proposals_sheet.as_deref(),
                config.lang,
                &mut diags,
            );
            assert_eq!(register.proposals.len(), 20);
        })
    });
}

fn survey_statistics(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("dir");
    let survey = long_survey(dir.path(), 100_000);
    let mut group = c.benchmark_group("survey");
    group.sample_size(10);
    group.bench_function("read_and_finish/long_100k", |b| {
        b.iter(|| {
            let mut diags = Diagnostics::new();
            let mut acc = SurveyAccumulator::new();
            bilan::input::read_survey(&survey, None, &mut acc, &mut diags);
            let (_, statements) = acc.finish(bilan::config::Lang::Fr, 5);
            assert_eq!(statements.len(), 5);
        })
    });
    group.finish();
}

fn fact_sheet(c: &mut Criterion) {
    let config = sample_config();
    let loaded = bilan::load(&config);
    let stats = bilan::stats::compute(
        &config,
        bilan::stats::Inputs {
            register: &loaded.register,
            previous: None,
            earlier: &[],
            survey: &loaded.survey,
            suggestions: &loaded.suggestions,
            sources: loaded.sources.clone(),
            diagnostics: &loaded.diagnostics,
        },
    );
    let timestamp = bilan::build_timestamp(&config).expect("timestamp");
    let settings =
        bilan::render::PdfSettings::new(&config.pdf_standards, timestamp).expect("standards");
    let mut one = config.clone();
    one.documents = vec![bilan::config::DocumentKind::Fiches];
    let mut stats_one = stats.clone();
    stats_one.proposals.items.truncate(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("pool");
    let data = serde_json::to_vec(&stats_one).expect("json");
    let mut group = c.benchmark_group("render");
    group.sample_size(20);
    // Each iteration gets a different title, as each fact sheet of a batch has its
    // own data: otherwise typst's memo cache would return the previous layout.
    let mut round = 0u64;
    group.bench_function("fact_sheet/compile_and_export", |b| {
        b.iter(|| {
            round += 1;
            let mut stats = stats_one.clone();
            stats.proposals.items[0].title =
                format!("{} ({round})", stats.proposals.items[0].title);
            let outputs = bilan::render::render_documents(
                &one,
                &stats,
                &data,
                bilan::render::Templates::builtin(),
                &settings,
                &pool,
                &|| {},
            )
            .expect("render");
            assert_eq!(outputs.artifacts.len(), 1);
        })
    });
    group.finish();
}

criterion_group!(benches, register_reading, survey_statistics, fact_sheet);
criterion_main!(benches);
