//! Issue 17: a build's bounds. A template that never ends or grows without bound is
//! stopped by `[limits]` with exit status 3, a message naming the document and the
//! limit, the previous edition byte-identical and nothing of the build left behind.

use std::path::{Path, PathBuf};

use crate::common::{Project, files_under};

/// The sample, built once, with its templates exported for editing and `[limits]`
/// set to `seconds` and `mb`.
fn built_with_limits(seconds: i64, mb: i64) -> (Project, Vec<(String, Vec<u8>)>) {
    let project = Project::sample();
    project.edit_config(|doc| {
        let mut limits = toml_edit::Table::new();
        limits["document_seconds"] = toml_edit::value(seconds);
        limits["memory_mb"] = toml_edit::value(mb);
        doc["limits"] = toml_edit::Item::Table(limits);
    });
    project.ok(&["templates", "export", "templates"]);
    // An honest build stays within these limits.
    project.ok(&["build"]);
    let before = files_under(&project.report(""));
    assert!(before.len() > 20);
    (project, before)
}

/// Prepends `code` to the note's template.
fn add_to_note(project: &Project, code: &str) {
    let path = project.path().join("templates/note.typ");
    let note = std::fs::read_to_string(&path).expect("note.typ");
    std::fs::write(&path, format!("{code}\n{note}")).expect("write note.typ");
}

/// What a build left beside the edition and in it besides bilan's outputs: staging
/// folders, the lock file.
fn leftovers(project: &Project) -> Vec<PathBuf> {
    let reports = project.path().join("reports");
    let beside = std::fs::read_dir(&reports)
        .expect("reports")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n != "2025"));
    let inside = std::fs::read_dir(reports.join("2025"))
        .expect("edition")
        .map(|e| e.expect("entry").path())
        .filter(|p| is_hidden(p));
    beside.chain(inside).collect()
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'))
}

#[test]
fn a_runaway_template_is_ended_by_the_time_limit() {
    let (project, before) = built_with_limits(5, 4096);
    // typst stops a `while` after 10,000 rounds, but not nested `for` loops: 10^10
    // rounds take hours.
    add_to_note(
        &project,
        "#let n = 0\n#for i in range(100000) { for j in range(100000) { n += 1 } }",
    );
    let started = std::time::Instant::now();
    let out = project.run(&["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
    assert!(stderr.contains("note-executif.pdf"), "{stderr}");
    assert!(stderr.contains("5 s"), "{stderr}");
    assert!(stderr.contains("limits.document_seconds"), "{stderr}");
    assert!(files_under(&project.report("")) == before);
    assert_eq!(leftovers(&project), Vec::<PathBuf>::new());
}

#[test]
fn a_memory_bomb_is_ended_by_the_memory_limit() {
    let (project, before) = built_with_limits(600, 256);
    // 2^40 bytes if nothing stopped it.
    add_to_note(
        &project,
        "#let s = \"x\"\n#for i in range(40) { s = s + s }\n#s.len()",
    );
    let out = project.run(&["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("note-executif.pdf"), "{stderr}");
    assert!(stderr.contains("256 MiB"), "{stderr}");
    assert!(stderr.contains("limits.memory_mb"), "{stderr}");
    // A message, not an allocator's abort and its backtrace.
    assert!(!stderr.contains("memory allocation"), "{stderr}");
    assert!(files_under(&project.report("")) == before);
    assert_eq!(leftovers(&project), Vec::<PathBuf>::new());
}

#[test]
fn limits_out_of_range_are_configuration_errors() {
    for (key, value) in [("document_seconds", 0), ("memory_mb", 1)] {
        let project = Project::sample();
        project.edit_config(|doc| {
            let mut limits = toml_edit::Table::new();
            limits[key] = toml_edit::value(value);
            doc["limits"] = toml_edit::Item::Table(limits);
        });
        let out = project.run(&["build"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(&format!("limits.{key}")), "{stderr}");
        assert!(!project.path().join("reports").exists());
    }
}

/// A survey of `count` statements of about `length` characters each, answered by 25
/// participants in two groups, in place of the sample's.
fn with_survey(count: usize, length: usize) -> Project {
    let project = Project::sample();
    let levels = [
        "tout à fait d'accord",
        "plutôt d'accord",
        "ni d'accord ni pas d'accord",
        "plutôt pas d'accord",
        "pas du tout d'accord",
    ];
    let mut header = vec!["participant".to_string(), "groupe".to_string()];
    for i in 1..=count {
        let base = format!("Énoncé {i} : le conseil a pu travailler sur ce point sereinement et ");
        let text: String = base.chars().cycle().take(length).collect();
        header.push(format!("{} ({i})", text.trim()));
    }
    let mut csv = header.join(";") + "\n";
    for p in 0..25 {
        let group = if p % 2 == 0 { "Groupe A" } else { "Groupe B" };
        let answers: Vec<&str> = (0..count).map(|i| levels[(p * 7 + i * 3) % 5]).collect();
        csv += &format!("P{p:02};{group};{}\n", answers.join(";"));
    }
    std::fs::write(project.path().join("inputs/debat-mouvant-2025.csv"), csv).expect("survey");
    project
}

/// Issue 17: the note's chart descriptions and the documents' metadata held every
/// text in full, and a PDF string holds at most 32,767 bytes: 400 statements, or 30
/// statements of 1,000 characters, failed the note with exit 3.
#[test]
fn a_survey_of_400_statements_makes_a_note() {
    let project = with_survey(400, 60);
    project.ok(&["build"]);
    let note = crate::common::flat(&crate::common::pdf_text(
        &project.report("note-executif.pdf"),
    ));
    // The last statement is in the note's table.
    assert!(note.contains("(400)"), "{note}");
}

#[test]
fn thirty_statements_of_a_thousand_characters_make_a_note() {
    let project = with_survey(30, 1000);
    project.ok(&["build"]);
    assert!(project.report("note-executif.pdf").is_file());
}

#[test]
fn a_proposal_title_of_32700_characters_makes_its_fact_sheet() {
    let project = Project::sample();
    let title: String = "Réduire l'empreinte des services publics en mutualisant le matériel. "
        .chars()
        .cycle()
        .take(32_700)
        .collect();
    std::fs::write(
        project.path().join("inputs/register.csv"),
        format!("id,thème,titre,statut\nA-01,Thème,\"{title}\",à éclaircir\nA-02,Thème,Titre court,à éclaircir\n"),
    )
    .expect("register");
    project.use_register("inputs/register.csv");
    project.ok(&["build"]);
    let sheet = project.report("fiches/A-01.pdf");
    assert!(sheet.is_file());
    // The document title is the id and the start of the title, shortened.
    let pdf = lopdf::Document::load(&sheet).expect("pdf");
    let info = pdf
        .trailer
        .get(b"Info")
        .and_then(|i| pdf.dereference(i))
        .and_then(|(_, i)| i.as_dict())
        .expect("Info");
    let bytes = info.get(b"Title").and_then(|t| t.as_str()).expect("Title");
    let units: Vec<u16> = bytes
        .strip_prefix(&[0xFE, 0xFF])
        .expect("a UTF-16 title")
        .chunks(2)
        .map(|c| u16::from_be_bytes([c[0], c[1]]))
        .collect();
    let shown = String::from_utf16_lossy(&units);
    assert!(shown.starts_with("A-01 — Réduire"), "{shown}");
    assert!(
        shown.ends_with('…') && shown.chars().count() <= 200,
        "{shown}"
    );
}

/// Issue 17: a 10,000-column survey spent 52 s and 7 GB before failing. It is
/// refused on its header, with exit 1 and the limit named.
#[test]
fn a_survey_of_10000_columns_is_refused_early() {
    let project = with_survey(10_000, 20);
    let started = std::time::Instant::now();
    let out = project.run(&["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[too-large]"), "{stderr}");
    assert!(
        stderr.contains("10002") && stderr.contains("1000"),
        "{stderr}"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );
    assert!(!project.path().join("reports").exists());
}
