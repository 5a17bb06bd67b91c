//! Writes a synthetic bilan project of any size, to reproduce the benchmarks:
//! a register of N proposals (xlsx), a survey of M answers in wide and long form,
//! and a `bilan.toml` pointing at them.
//!
//! ```sh
//! cargo run --release --example scale_data -- DIR --proposals 2000 --answers 1000000 [--shape long|wide]
//! ```
//!
//! The data is deterministic (a fixed linear congruential sequence), so two runs
//! write the same bytes.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use rust_xlsxwriter::Workbook;

const THEMES: [&str; 3] = [
    "Éducation et cultures numériques",
    "Inclusion numérique",
    "Impact environnemental du numérique",
];
const STATUSES: [&str; 8] = [
    "acceptée",
    "acceptée",
    "acceptée mais modifiée",
    "acceptée, transversale, remontée à la DGA",
    "encore à l'étude",
    "à éclaircir",
    "non retenue",
    "hors périmètre",
];
const LEVELS: [&str; 6] = [
    "tout à fait d'accord",
    "plutôt d'accord",
    "ni d'accord ni pas d'accord",
    "plutôt pas d'accord",
    "pas du tout d'accord",
    "sans avis",
];
const STATEMENTS: [&str; 5] = [
    "Le rythme d'une rencontre par mois environ était adapté.",
    "Le temps global que j'ai consacré au CENR correspondait à ce à quoi je m'attendais au départ.",
    "La composition du CENR reflète bien la diversité des usagers du numérique.",
    "Le CENR a reçu les moyens nécessaires (temps, informations, accompagnement) pour travailler efficacement.",
    "Se lever le samedi matin pour aller au CENR, c'était l'assurance d'un moment convivial !",
];
const GROUPS: [&str; 4] = ["Nord", "Sud", "Centre", "Ouest"];

/// A small deterministic pseudo-random sequence (no dependency needed for this).
struct Sequence(u64);

impl Sequence {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % bound as u64) as usize
    }
}

struct Args {
    dir: PathBuf,
    proposals: usize,
    answers: usize,
    long: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut parsed = Args {
        dir: PathBuf::new(),
        proposals: 20,
        answers: 10_000,
        long: true,
    };
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--proposals" => {
                parsed.proposals = value("--proposals")?
                    .parse()
                    .map_err(|e| format!("--proposals: {e}"))?
            }
            "--answers" => {
                parsed.answers = value("--answers")?
                    .parse()
                    .map_err(|e| format!("--answers: {e}"))?
            }
            "--shape" => parsed.long = value("--shape")? == "long",
            dir if !dir.starts_with('-') => parsed.dir = PathBuf::from(dir),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if parsed.dir.as_os_str().is_empty() {
        return Err(
            "usage: scale_data DIR [--proposals N] [--answers M] [--shape long|wide]".into(),
        );
    }
    Ok(parsed)
}

fn write_register(
    path: &Path,
    n: usize,
    seq: &mut Sequence,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Propositions")?;
    let header = [
        "N°",
        "Thème",
        "Proposition",
        "Description",
        "Statut",
        "Réponse",
        "Pilote",
        "Échéance",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    for i in 0..n {
        let row = i as u32 + 1;
        let status = STATUSES[seq.next(STATUSES.len())];
        sheet.write_string(row, 0, format!("P{:05}", i + 1))?;
        sheet.write_string(row, 1, THEMES[seq.next(THEMES.len())])?;
        sheet.write_string(
            row,
            2,
            format!(
                "Proposition de test numéro {} sur le numérique responsable",
                i + 1
            ),
        )?;
        sheet.write_string(
            row,
            3,
            "Une description de plusieurs phrases, comme celles que le conseil rédige : contexte, objectif, moyens envisagés et publics concernés.",
        )?;
        sheet.write_string(row, 4, status)?;
        sheet.write_string(
            row,
            5,
            "Réponse de l'administration : la proposition est examinée avec les services concernés et un point d'étape sera fait au printemps.",
        )?;
        sheet.write_string(row, 6, "DNSI")?;
        sheet.write_string(row, 7, "printemps 2026")?;
    }
    book.save(path)
}

fn write_survey(
    path: &Path,
    answers: usize,
    long: bool,
    seq: &mut Sequence,
) -> std::io::Result<()> {
    let mut out = BufWriter::new(std::fs::File::create(path)?);
    let participants = answers.div_ceil(STATEMENTS.len());
    if long {
        writeln!(out, "participant;groupe;affirmation;réponse")?;
        let mut written = 0;
        'outer: for p in 0..participants {
            let group = GROUPS[p % GROUPS.len()];
            for statement in STATEMENTS {
                if written == answers {
                    break 'outer;
                }
                writeln!(
                    out,
                    "P{p};{group};\"{statement}\";{}",
                    LEVELS[seq.next(LEVELS.len())]
                )?;
                written += 1;
            }
        }
    } else {
        write!(out, "participant;groupe")?;
        for statement in STATEMENTS {
            write!(out, ";\"{statement}\"")?;
        }
        writeln!(out)?;
        for p in 0..participants {
            write!(out, "P{p};{}", GROUPS[p % GROUPS.len()])?;
            for _ in STATEMENTS {
                write!(out, ";{}", LEVELS[seq.next(LEVELS.len())])?;
            }
            writeln!(out)?;
        }
    }
    out.flush()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args()?;
    let inputs = args.dir.join("inputs");
    std::fs::create_dir_all(&inputs)?;
    let mut seq = Sequence(2025);
    write_register(&inputs.join("propositions.xlsx"), args.proposals, &mut seq)?;
    let survey = if args.long {
        "survey-long.csv"
    } else {
        "survey-wide.csv"
    };
    write_survey(&inputs.join(survey), args.answers, args.long, &mut seq)?;
    std::fs::write(
        args.dir.join("bilan.toml"),
        format!(
            "[report]\ntitle = \"Conseil de test\"\nshort_title = \"CT\"\norganisation = \"Collectivité de test\"\nedition = 2025\nsession_date = 2025-11-15\n\n[inputs]\nproposals = \"inputs/propositions.xlsx\"\nsurveys = [\"inputs/{survey}\"]\nillustrative = [\"inputs/{survey}\"]\n"
        ),
    )?;
    eprintln!(
        "wrote {}: {} proposals, {} answers ({})",
        args.dir.display(),
        args.proposals,
        args.answers,
        if args.long { "long" } else { "wide" }
    );
    Ok(())
}
