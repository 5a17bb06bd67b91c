//! The year-on-year follow-up on a pair of editions, 2025 → 2026 (issue 4).

use crate::common::{Project, pdf_text, repo};

/// A project whose 2026 register follows the 2025 one (both Windows-1252 CSV).
fn project() -> Project {
    let project = Project::sample();
    let fixtures = repo().join("tests/fixtures/follow-up");
    for name in ["propositions-2025.csv", "propositions-2026.csv"] {
        std::fs::copy(
            fixtures.join(name),
            project.path().join("inputs").join(name),
        )
        .expect("copy");
    }
    project.use_register("inputs/propositions-2026.csv");
    project.edit_config(|doc| {
        let report = doc["report"].as_table_mut().expect("[report]");
        report["edition"] = toml_edit::value(2026);
        report["session_date"] =
            toml_edit::value("2026-11-14".parse::<toml_edit::Datetime>().expect("a date"));
        // The 2026 register's themes are its own: their order comes from it.
        assert!(
            report.remove("themes").is_some(),
            "the sample orders its themes"
        );
        doc["inputs"]["previous"] = toml_edit::value("inputs/propositions-2025.csv");
    });
    project
}

#[test]
fn follow_up_tracks_transitions_pending_new_and_gone() {
    let project = project();
    project.ok(&["build"]);
    let text =
        std::fs::read_to_string(project.path().join("reports/2026/data.json")).expect("data.json");
    let data: serde_json::Value = serde_json::from_str(&text).expect("json");
    let f = &data["follow_up"];
    assert_eq!(f["transitions"]["to_clarify"]["under_study"], 1, "EDU-04");
    assert_eq!(f["transitions"]["to_clarify"]["to_clarify"], 1, "ENV-05");
    assert_eq!(f["transitions"]["escalated"]["accepted"], 1, "INC-05");
    assert_eq!(f["transitions"]["accepted"]["accepted"], 1, "EDU-01");
    assert_eq!(f["still_pending"], serde_json::json!(["EDU-04", "ENV-05"]));
    assert_eq!(f["new"], serde_json::json!(["NEW-01"]));
    assert_eq!(f["gone"], serde_json::json!(["INC-11"]));
    assert_eq!(
        (f["changed"].as_u64(), f["unchanged"].as_u64()),
        (Some(2), Some(2))
    );

    // The workbook has its Suivi sheet with one row per proposal of both editions.
    use calamine::{Reader, Xlsx, open_workbook};
    let mut book: Xlsx<_> =
        open_workbook(project.path().join("reports/2026/synthese.xlsx")).expect("xlsx");
    assert!(book.sheet_names().iter().any(|s| s == "Suivi"));
    let suivi = book.worksheet_range("Suivi").expect("Suivi");
    let ids: Vec<String> = suivi.rows().skip(1).map(|r| r[0].to_string()).collect();
    for id in ["EDU-01", "EDU-04", "INC-05", "ENV-05", "NEW-01", "INC-11"] {
        assert!(
            ids.iter().any(|i| i == id),
            "{id} missing from Suivi: {ids:?}"
        );
    }

    // And the note's follow-up section says what became of them (every table of the
    // note prints the ids: only the section itself proves anything).
    let note = pdf_text(&project.path().join("reports/2026/note-executif.pdf"));
    let heading = "Suivi depuis l’édition précédente";
    let start = note
        .rfind(heading)
        .expect("the note has a follow-up section");
    let section = &note[start..];
    let section = &section[..section.find("Prochaines étapes").unwrap_or(section.len())];
    assert!(section.len() > heading.len() + 100, "{section}");
    for id in ["NEW-01", "INC-11", "EDU-04"] {
        assert!(
            section.contains(id),
            "the note's follow-up lacks {id}: {section}"
        );
    }
}
