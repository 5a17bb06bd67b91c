//! Bad, hostile and failing inputs through the real binary (issue 8): a clear error
//! naming the file (and the row and column where there is one), the right exit status,
//! never a panic.
//!
//! Each folder of `tests/fixtures/bad/` is one case: the bad file(s) and an
//! `expect.toml` (format in `tests/fixtures/bad/README.md`). Inputs too large to commit
//! (a zip bomb, a record that never ends) are built here in a temporary folder. An
//! unwritable output folder is covered by `failures.rs`.

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

use calamine::{Data, Reader};
use serde::Deserialize;

use crate::common::{Project, repo};

/// One case of `tests/fixtures/bad/`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// What the case is, in a sentence.
    about: String,
    /// Which input the case's file replaces.
    role: Role,
    /// The bad file, copied into the project's `inputs/` (absent: a missing file).
    file: Option<String>,
    /// Replacements in `bilan.toml`, after the role's own.
    #[serde(default)]
    replace: Vec<(String, String)>,
    /// The exit status of `check` and `build`.
    status: i32,
    #[serde(default)]
    diagnostics: Vec<Expected>,
    /// Fragments stderr must hold (configuration errors, printed without a diagnostic).
    #[serde(default)]
    stderr: Vec<String>,
    /// For a file read despite its oddities: each statement's text and `n`.
    #[serde(default)]
    statements: Vec<(String, u64)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Role {
    Proposals,
    Survey,
    Config,
}

/// A diagnostic that must be printed.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    #[serde(default = "error")]
    severity: String,
    code: String,
    /// A fragment of the message.
    message: String,
    /// The file as shown; by default `inputs/<file>`.
    file: Option<String>,
    sheet: Option<String>,
    row: Option<u64>,
    column: Option<String>,
    /// A fragment of the hint.
    hint: Option<String>,
}

fn error() -> String {
    "error".to_string()
}

fn bad_dir() -> PathBuf {
    repo().join("tests/fixtures/bad")
}

/// Points the sample project's `role` input at `inputs/<file>` (the sample's own file
/// removed, so that nothing else is read by mistake).
fn use_input(project: &Project, role: Role, file: &str) {
    let config_path = project.path().join("bilan.toml");
    let mut config = std::fs::read_to_string(&config_path).expect("read bilan.toml");
    let target = format!("inputs/{file}");
    let sample = match role {
        Role::Proposals => {
            config = config.replace("proposals_sheet = \"Propositions\"\n", "");
            "inputs/propositions-2025.xlsx"
        }
        Role::Survey => "inputs/debat-mouvant-2025.csv",
        Role::Config => return,
    };
    if sample != target {
        std::fs::remove_file(project.path().join(sample)).expect("remove the sample input");
    }
    std::fs::write(&config_path, config.replace(sample, &target)).expect("write bilan.toml");
}

fn copy_into(from: &Path, to: &Path) {
    if from.is_dir() {
        std::fs::create_dir_all(to).expect("mkdir");
        for entry in std::fs::read_dir(from).expect("read dir") {
            let entry = entry.expect("entry");
            copy_into(&entry.path(), &to.join(entry.file_name()));
        }
    } else {
        std::fs::copy(from, to).expect("copy a case file");
    }
}

/// The diagnostics printed by `check --format json`.
fn json_diagnostics(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}

fn never_panicked(what: &str, out: &Output) -> Result<(), String> {
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code().is_none()
        || stderr.contains("panicked")
        || stderr.contains("RUST_BACKTRACE")
    {
        return Err(format!("{what}: crashed ({:?}):\n{stderr}", out.status));
    }
    Ok(())
}

macro_rules! ensure {
    ($cond:expr, $($fmt:tt)+) => {
        if !$cond {
            return Err(format!($($fmt)+));
        }
    };
}

/// Runs one case; the first thing that is not as expected, as a sentence.
fn run_case(name: &str, dir: &Path, case: &Case) -> Result<(), String> {
    let project = Project::sample();
    for entry in std::fs::read_dir(dir).expect("case dir") {
        let path = entry.expect("entry").path();
        let file_name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if !matches!(file_name, "expect.toml" | "make.py") {
            copy_into(&path, &project.path().join("inputs").join(file_name));
        }
    }
    if let Some(file) = &case.file {
        use_input(&project, case.role, file);
    }
    let config_path = project.path().join("bilan.toml");
    let mut config = std::fs::read_to_string(&config_path).expect("read bilan.toml");
    for (from, to) in &case.replace {
        ensure!(
            config.contains(from.as_str()),
            "{name}: bilan.toml has no {from:?}"
        );
        config = config.replace(from.as_str(), to);
    }
    std::fs::write(&config_path, config).expect("write bilan.toml");
    let shown = |e: &Expected| {
        e.file
            .clone()
            .unwrap_or_else(|| format!("inputs/{}", case.file.as_deref().unwrap_or("bilan.toml")))
    };

    // check --format json: the status and every expected diagnostic, field by field.
    let out = project.run(&["check", "--format", "json"]);
    never_panicked(name, &out)?;
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    ensure!(
        out.status.code() == Some(case.status),
        "{name}: `check` exited with {:?}, not {}:\n{stderr}",
        out.status.code(),
        case.status
    );
    let printed = json_diagnostics(&out);
    for e in &case.diagnostics {
        let file = shown(e);
        let found = printed.iter().any(|d| {
            d["severity"] == e.severity.as_str()
                && d["code"] == e.code.as_str()
                && d["file"] == file.as_str()
                && d["message"]
                    .as_str()
                    .is_some_and(|m| m.contains(&e.message))
                && d["sheet"].as_str() == e.sheet.as_deref()
                && d["row"].as_u64() == e.row
                && d["column"].as_str() == e.column.as_deref()
                && e.hint
                    .as_ref()
                    .is_none_or(|h| d["hint"].as_str().is_some_and(|d| d.contains(h.as_str())))
        });
        ensure!(
            found,
            "{name}: no diagnostic {e:?} (file {file}) among:\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
    if case.status == 1 {
        ensure!(
            printed.iter().any(|d| d["severity"] == "error"),
            "{name}: exit 1 without an error diagnostic"
        );
    }
    for fragment in &case.stderr {
        ensure!(
            stderr.contains(fragment.as_str()),
            "{name}: stderr lacks {fragment:?}:\n{stderr}"
        );
    }

    // build (human diagnostics): the same status, and each diagnostic names the file,
    // sheet, row and column on stderr. Only failing cases: they stop before rendering.
    if case.status != 0 {
        let out = project.run(&["build"]);
        never_panicked(name, &out)?;
        let stderr = String::from_utf8_lossy(&out.stderr);
        ensure!(
            out.status.code() == Some(case.status),
            "{name}: `build` exited with {:?}, not {}:\n{stderr}",
            out.status.code(),
            case.status
        );
        for e in &case.diagnostics {
            let mut place = vec![];
            if let Some(sheet) = &e.sheet {
                place.push(format!("sheet \"{sheet}\""));
            }
            if let Some(row) = e.row {
                place.push(format!("row {row}"));
            }
            if let Some(column) = &e.column {
                place.push(format!("column \"{column}\""));
            }
            let mut head = format!("{}[{}]: {}", e.severity, e.code, shown(e));
            if !place.is_empty() {
                head = format!("{head}: {}", place.join(", "));
            }
            ensure!(
                stderr
                    .lines()
                    .any(|l| l.starts_with(&head) && l.contains(&e.message)),
                "{name}: `build` printed no line starting {head:?} with {:?}:\n{stderr}",
                e.message
            );
        }
        if let Some(file) = &case.file {
            ensure!(
                stderr.contains(&format!("inputs/{file}")),
                "{name}: `build` does not name inputs/{file}:\n{stderr}"
            );
        }
        ensure!(
            !project.report("data.json").exists(),
            "{name}: a failed build wrote outputs"
        );
    }

    if !case.statements.is_empty() {
        let out = project.run(&["stats", "--format", "json"]);
        never_panicked(name, &out)?;
        let stats: serde_json::Value = serde_json::from_slice(&out.stdout)
            .map_err(|e| format!("{name}: stats is not JSON ({e})"))?;
        let read: Vec<(String, u64)> = stats["statements"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|s| {
                (
                    s["text"].as_str().unwrap_or_default().to_string(),
                    s["n"].as_u64().unwrap_or_default(),
                )
            })
            .collect();
        ensure!(
            read == case.statements,
            "{name}: statements read {read:?}, not {:?}",
            case.statements
        );
    }
    Ok(())
}

#[test]
fn every_bad_input_of_the_corpus_gets_its_status_and_located_diagnostics() {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(bad_dir())
        .expect("tests/fixtures/bad")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    cases.sort();
    assert!(cases.len() >= 20, "the corpus lost cases: {cases:?}");
    let mut failures = Vec::new();
    for dir in &cases {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let text = std::fs::read_to_string(dir.join("expect.toml"))
            .unwrap_or_else(|e| panic!("{name}: no expect.toml ({e})"));
        let case: Case =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{name}/expect.toml: {e}"));
        assert!(!case.about.is_empty(), "{name}: say what the case is");
        if let Err(failure) = run_case(name, dir, &case) {
            failures.push(failure);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Guards the corpus's reproducibility: each binary file comes with the script that made it.
#[test]
fn every_generated_binary_case_keeps_its_make_py() {
    for entry in std::fs::read_dir(bad_dir()).expect("tests/fixtures/bad") {
        let dir = entry.expect("entry").path();
        if !dir.is_dir() {
            continue;
        }
        let binary = std::fs::read_dir(&dir)
            .expect("case dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.is_file())
            .any(|p| {
                let bytes = std::fs::read(&p).expect("read");
                std::str::from_utf8(&bytes).is_err() || bytes.contains(&0)
            });
        if binary {
            assert!(
                dir.join("make.py").is_file(),
                "{} holds a binary file but no make.py",
                dir.display()
            );
        }
    }
}

/// Writes `bytes` as `inputs/<name>` of the project.
fn put(project: &Project, name: &str, bytes: &[u8]) {
    std::fs::write(project.path().join("inputs").join(name), bytes).expect("write input");
}

/// The one diagnostic of `code` on `file`, which must exist.
fn find<'a>(printed: &'a [serde_json::Value], code: &str, file: &str) -> &'a serde_json::Value {
    printed
        .iter()
        .find(|d| d["code"] == code && d["file"] == file)
        .unwrap_or_else(|| panic!("no {code} on {file} in {printed:#?}"))
}

/// An xlsx whose first sheet's XML is 1 GiB of zeros: the sample register's other
/// parts copied as they are, the sheet deflated to about a megabyte (1,000 to 1).
fn write_zip_bomb(path: &Path) {
    use zip::write::SimpleFileOptions;
    let sample = std::fs::File::open(repo().join("inputs/propositions-2025.xlsx")).expect("sample");
    let mut source = zip::ZipArchive::new(sample).expect("the sample is a zip");
    let out = std::fs::File::create(path).expect("create the bomb");
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(out));
    for i in 0..source.len() {
        let entry = source.by_index_raw(i).expect("entry");
        if entry.name().is_ok_and(|n| n == "xl/worksheets/sheet1.xml") {
            drop(entry);
            let options = SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .compression_level(Some(9));
            zip.start_file("xl/worksheets/sheet1.xml", options)
                .expect("start the sheet");
            let zeros = vec![b'0'; 1 << 20];
            for _ in 0..1024 {
                zip.write_all(&zeros).expect("deflate");
            }
        } else {
            zip.raw_copy_file(entry).expect("copy a part");
        }
    }
    zip.finish().expect("finish the bomb");
}

#[test]
fn a_zip_bomb_register_is_refused_from_its_directory_without_inflating_it() {
    let project = Project::sample();
    let path = project.path().join("inputs/propositions.xlsx");
    write_zip_bomb(&path);
    let size = std::fs::metadata(&path).expect("bomb").len();
    assert!(size < 2 << 20, "the bomb is {size} bytes");
    use_input(&project, Role::Proposals, "propositions.xlsx");

    let out = project.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let printed = json_diagnostics(&out);
    let d = find(&printed, "too-large", "inputs/propositions.xlsx");
    let message = d["message"].as_str().expect("message");
    // Refused from the declared sizes: the part and its ratio, or the total.
    assert!(
        message.contains("part \"xl/worksheets/sheet1.xml\" inflates")
            || message.contains("inflates to 1,024 MiB once unzipped"),
        "{message}"
    );

    let out = project.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("error[too-large]: inputs/propositions.xlsx: "),
        "{stderr}"
    );
}

#[test]
fn a_survey_record_that_never_ends_is_refused_where_it_starts() {
    let project = Project::sample();
    // A quote opened on line 3 and never closed: the rest of the file is one cell.
    let mut text = String::from("participant;groupe;Le rythme était adapté.\n");
    text.push_str("P01;habitants;d'accord\n");
    text.push_str("P02;habitants;\"d'accord\n");
    while text.len() < 5 << 20 {
        text.push_str("P03;habitants;pas d'accord\n");
    }
    put(&project, "debat.csv", text.as_bytes());
    use_input(&project, Role::Survey, "debat.csv");
    let out = project.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let printed = json_diagnostics(&out);
    let d = find(&printed, "too-large", "inputs/debat.csv");
    assert_eq!(d["row"], 3);
    assert_eq!(
        d["message"],
        "the record starting on this line is longer than 4 MiB, and bilan reads no longer records"
    );
    assert!(
        d["hint"]
            .as_str()
            .is_some_and(|h| h.contains("never closed"))
    );
}

#[test]
fn a_register_csv_past_four_million_cells_is_refused_at_the_line_that_crosses() {
    let project = Project::sample();
    let mut text = String::from("Thème;Titre;Statut;Réponse\n");
    for i in 0..1_000_100 {
        text.push_str(&format!("T;P{i};acceptée;Oui\n"));
    }
    put(&project, "registre.csv", text.as_bytes());
    use_input(&project, Role::Proposals, "registre.csv");
    let out = project.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let printed = json_diagnostics(&out);
    let d = find(&printed, "too-large", "inputs/registre.csv");
    // Four cells a line: line 1,000,001 takes the count past 4,000,000.
    assert_eq!(d["row"], 1_000_001);
    // Nothing of the refused file is read further (no flood of other diagnostics).
    assert_eq!(
        printed
            .iter()
            .filter(|d| d["file"] == "inputs/registre.csv")
            .count(),
        1
    );
}

#[test]
fn cells_longer_than_excel_allows_are_refused_in_csv_registers_and_surveys() {
    let project = Project::sample();
    let long = "é".repeat(33_000);
    put(
        &project,
        "registre.csv",
        format!("Thème;Titre;Statut;Réponse\nInclusion;Traduire;acceptée;{long}\n").as_bytes(),
    );
    put(
        &project,
        "debat.csv",
        format!("participant;Le rythme était adapté.\nP01;d'accord\nP02;{long}\n").as_bytes(),
    );
    use_input(&project, Role::Proposals, "registre.csv");
    use_input(&project, Role::Survey, "debat.csv");
    let out = project.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let printed = json_diagnostics(&out);
    let d = find(&printed, "cell-too-long", "inputs/registre.csv");
    assert_eq!(
        (d["row"].as_u64(), d["column"].as_str()),
        (Some(2), Some("Réponse"))
    );
    let d = find(&printed, "cell-too-long", "inputs/debat.csv");
    assert_eq!(
        (d["row"].as_u64(), d["column"].as_str()),
        (Some(3), Some("Le rythme était adapté."))
    );
    assert_eq!(
        d["message"],
        "cell too long (33000 characters; a spreadsheet cell holds at most 32,767)"
    );
}

/// Ids that are not file names, and text that looks like formulas.
const HOSTILE_REGISTER: &str = "\
N°;Thème;Proposition;Statut;Réponse;Pilote
../../x;=HYPERLINK(\"http://exemple.invalid\");=1+1;acceptée;@SUM(A1:A3);+33 6 12 34 56 78
a/b;Inclusion;-2+3;non retenue;=cmd|' /C calc'!A0;-
a-b;Inclusion;Une proposition ordinaire;acceptée;Oui.;DNSI
CON;Inclusion;Réservé sous Windows;acceptée;Oui.;DNSI
con.txt;Inclusion;Réservé aussi avec une extension;acceptée;Oui.;DNSI
/etc/passwd;Inclusion;Un chemin absolu;acceptée;Oui.;DNSI
C:\\Windows\\x;Inclusion;Un chemin Windows;acceptée;Oui.;DNSI
..;Inclusion;Deux points;acceptée;Oui.;DNSI
ID-LONG;Inclusion;Un id de 300 caractères (remplacé ci-dessous);acceptée;Oui.;DNSI
";

#[test]
fn hostile_ids_stay_inside_fiches_and_formula_text_stays_text() {
    let project = Project::sample();
    let long_id = "é/".repeat(150);
    assert_eq!(long_id.chars().count(), 300);
    put(
        &project,
        "registre.csv",
        HOSTILE_REGISTER.replace("ID-LONG", &long_id).as_bytes(),
    );
    put(
        &project,
        "debat.csv",
        "participant;=1+2 était une bonne idée.\nP01;d'accord\nP02;pas d'accord\n".as_bytes(),
    );
    use_input(&project, Role::Proposals, "registre.csv");
    use_input(&project, Role::Survey, "debat.csv");
    let config_path = project.path().join("bilan.toml");
    let config = std::fs::read_to_string(&config_path).expect("read");
    std::fs::write(
        &config_path,
        config.replace(
            "documents = [\"note\", \"fiches\"]",
            "documents = [\"fiches\"]",
        ),
    )
    .expect("write");

    let fiche_names = |project: &Project| -> BTreeSet<String> {
        std::fs::read_dir(project.report("fiches"))
            .expect("fiches")
            .map(|e| {
                let e = e.expect("entry");
                assert!(e.path().is_file(), "{} is not a file", e.path().display());
                e.file_name().into_string().expect("UTF-8 name")
            })
            .collect()
    };
    project.ok(&["build", "--quiet"]);
    let names = fiche_names(&project);
    let ids = HOSTILE_REGISTER.lines().skip(1).count();
    assert_eq!(names.len(), ids, "{names:?}");
    for name in &names {
        assert!(
            name.ends_with(".pdf")
                && name.len() <= 80
                && !name.starts_with('.')
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')),
            "unsafe file name {name:?}"
        );
        let stem = name.split('.').next().unwrap_or_default();
        assert!(
            !stem.eq_ignore_ascii_case("con"),
            "{name} is the console on Windows"
        );
    }
    assert!(names.contains("a-b.pdf"), "{names:?}");
    // Nothing was written outside the edition's folder.
    let mut outside = Vec::new();
    let mut stack = vec![project.path().to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "pdf")
                && !path.starts_with(project.report("fiches"))
            {
                outside.push(path);
            }
        }
    }
    assert!(outside.is_empty(), "{outside:?}");
    assert!(!Path::new("/etc/passwd.pdf").exists());
    // Stable: the same names on a second build.
    project.ok(&["build", "--quiet"]);
    assert_eq!(fiche_names(&project), names);

    // The workbook holds no formula anywhere, and the texts as they were typed.
    let mut book = calamine::open_workbook_auto(project.report("synthese.xlsx")).expect("xlsx");
    let mut texts = BTreeSet::new();
    for sheet in book.sheet_names() {
        let formulas = book.worksheet_formula(&sheet).expect("formulas");
        let found: Vec<_> = formulas
            .used_cells()
            .filter(|(_, _, f)| !f.is_empty())
            .collect();
        assert!(found.is_empty(), "formulas in {sheet}: {found:?}");
        let range = book.worksheet_range(&sheet).expect("range");
        texts.extend(range.used_cells().filter_map(|(_, _, d)| match d {
            Data::String(s) => Some(s.clone()),
            _ => None,
        }));
    }
    for typed in [
        "=1+1",
        "-2+3",
        "@SUM(A1:A3)",
        "+33 6 12 34 56 78",
        "=cmd|' /C calc'!A0",
        "=HYPERLINK(\"http://exemple.invalid\")",
        "=1+2 était une bonne idée.",
    ] {
        assert!(texts.contains(typed), "{typed:?} not kept as text");
    }
}

/// Windows reserves a device name before any extension: `con.txt` is the console too
/// (regression: `con.txt` gave `con.txt-<hash>.pdf`).
#[test]
fn fiche_names_never_start_with_a_reserved_windows_name() {
    for id in ["CON", "con.txt", "Nul.2025", "aux.", "LPT1.x", "com9.pdf"] {
        let name = bilan::layout::fiche_file_name(id);
        let stem = name
            .split('.')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        let reserved = ["con", "prn", "aux", "nul"].contains(&stem.as_str())
            || ((stem.starts_with("com") || stem.starts_with("lpt"))
                && stem.len() == 4
                && stem.as_bytes()[3].is_ascii_digit());
        assert!(!reserved, "{id:?} gives {name:?}");
    }
}
