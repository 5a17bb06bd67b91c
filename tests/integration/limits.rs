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
    let (project, before) = built_with_limits(2, 4096);
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
    assert!(stderr.contains("2 s"), "{stderr}");
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
