//! An independent PDF/UA-1 checker (issue 18) run on the note and two fact sheets in
//! both languages. The checker is `outloud` (PyPI, pinned in `.ci/run`): PDF/UA-1
//! Matterhorn checkpoints and WCAG checks over the structure tree, written by others
//! than bilan. `.ci/run` installs it and sets `BILAN_PDFUA_CHECKER` to its path.

use std::process::Command;

use crate::common::Project;

const CHECKER: &str = "BILAN_PDFUA_CHECKER";

#[test]
fn an_independent_checker_finds_no_pdf_ua_error() {
    let Some(checker) = std::env::var_os(CHECKER) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "{CHECKER} is not set: .ci/run installs the PDF/UA checker and sets it"
        );
        eprintln!("skipped: {CHECKER} is not set (.ci/run sets it)");
        return;
    };
    let project = Project::sample();
    project.ok(&["build"]);
    project.ok(&["build", "--lang", "en"]);
    let data = project.data();
    let items = data["proposals"]["items"].as_array().expect("items");
    let mut files = vec![
        project.report("note-executif.pdf"),
        project.report("note-executif.en.pdf"),
    ];
    // The first sheet and the longest (the one set smallest to fit its page).
    let longest = items
        .iter()
        .max_by_key(|it| {
            it["answer"].as_str().map_or(0, str::len) + it["title"].as_str().map_or(0, str::len)
        })
        .expect("a proposal");
    for it in [&items[0], longest] {
        let file = it["file"].as_str().expect("file");
        files.push(project.report(&format!("fiches/{file}")));
        files.push(project.report(&format!("fiches-en/{file}")));
    }
    // A note on a real export: 7-point charts, ratings and yes/no tables, and the
    // method annex's list of the columns set aside.
    let export = "limesurvey-en-wellbeing.generated.csv";
    let real = crate::common::project_with_real_survey(export);
    real.ok(&["build"]);
    let real_note = real.path().join("reports/2025/real-export-note.pdf");
    std::fs::copy(real.report("note-executif.pdf"), &real_note).expect("copy note");
    files.push(real_note);
    let out = Command::new(&checker)
        .args(["--fail-on", "error", "--no-info"])
        .args(&files)
        .output()
        .unwrap_or_else(|e| panic!("could not run {checker:?} ({e})"));
    let report = String::from_utf8_lossy(&out.stdout);
    println!("{report}");
    assert!(
        out.status.success(),
        "the PDF/UA checker found errors ({:?}):\n{report}\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    // Alternative texts read as sentences, however many statements the chart has
    // (36 on the real export): a warning, so checked apart.
    assert!(!report.contains("FIG-012"), "{report}");
    // It did check every file (a checker that reads nothing passes everything).
    for file in &files {
        let name = file.file_name().expect("name").to_string_lossy();
        assert!(
            report.contains(&*name),
            "{name} not in the checker's report:\n{report}"
        );
    }
    assert!(
        report.contains(&format!("{} file(s)", files.len())),
        "{report}"
    );
}
