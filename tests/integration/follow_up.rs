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
    // This edition's id, or the previous one's for a proposal gone since (« Ancien N° »).
    let ids: Vec<String> = suivi
        .rows()
        .skip(1)
        .map(|r| {
            let id = r[0].to_string();
            if id.is_empty() { r[1].to_string() } else { id }
        })
        .collect();
    for id in ["EDU-01", "EDU-04", "INC-05", "ENV-05", "NEW-01", "INC-11"] {
        assert!(
            ids.iter().any(|i| i == id),
            "{id} missing from Suivi: {ids:?}"
        );
    }

    // And the note's follow-up section says what became of them (every table of the
    // note prints the ids: only the section itself proves anything).
    let note = pdf_text(&project.path().join("reports/2026/note-executif.pdf"));
    let heading = "Suivi depuis 2025";
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
    // A proposal gone from the register keeps its title and last status in the note.
    let gone = &data["follow_up"]["gone_proposals"][0];
    let gone_line = format!(
        "INC-11 — {} ({})",
        gone["title"].as_str().expect("title"),
        gone["status_label"].as_str().expect("label")
    );
    assert!(
        section.contains(&gone_line),
        "{gone_line:?} not in {section}"
    );
}

/// The 2025 fixture with its ids replaced by 101, 102… (as a Decidim export numbers
/// them), and each title passed through `title`; written as `inputs/decidim-2025.csv`
/// and made the previous edition.
fn renumbered_previous(project: &Project, title: impl Fn(&str) -> String) {
    let fixture = repo().join("tests/fixtures/follow-up/propositions-2025.csv");
    // Windows-1252 bytes, split on ';' and '\n' (both ASCII, so never inside a character).
    let bytes = std::fs::read(fixture).expect("2025 fixture");
    let mut out = Vec::new();
    for (n, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let mut cells: Vec<Vec<u8>> = line.split(|b| *b == b';').map(<[u8]>::to_vec).collect();
        if n > 0 {
            cells[0] = (100 + n).to_string().into_bytes();
            let latin1: String = cells[2].iter().map(|b| char::from(*b)).collect();
            cells[2] = title(&latin1).chars().map(|c| c as u8).collect();
        }
        out.extend(cells.join(&b';'));
        out.push(b'\n');
    }
    std::fs::write(project.path().join("inputs/decidim-2025.csv"), out).expect("write");
    project.edit_config(|doc| {
        doc["inputs"]["previous"] = toml_edit::value("inputs/decidim-2025.csv");
    });
}

fn stats_json(project: &Project) -> serde_json::Value {
    let out = project.ok(&["stats", "--format", "json"]);
    serde_json::from_slice(&out.stdout).expect("stats JSON")
}

fn few_matches_warnings(project: &Project) -> Vec<serde_json::Value> {
    let out = project.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("a JSON line"))
        .filter(|d| d["code"] == "few-matches")
        .collect()
}

#[test]
fn a_previous_edition_with_other_ids_is_matched_by_title() {
    let by_id = project();
    let expected = stats_json(&by_id)["follow_up"].clone();

    let project = project();
    renumbered_previous(&project, str::to_string);
    let f = stats_json(&project)["follow_up"].clone();
    // The same transitions as with the same ids: 4 proposals in both editions
    // (EDU-01, EDU-04, INC-05, ENV-05), 2 changed.
    assert_eq!(f["transitions"], expected["transitions"]);
    assert_eq!(f["transitions"]["escalated"]["accepted"], 1, "INC-05");
    assert_eq!(f["still_pending"], serde_json::json!(["EDU-04", "ENV-05"]));
    assert_eq!(
        (f["changed"].as_u64(), f["unchanged"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(f["new"], serde_json::json!(["NEW-01"]));
    // INC-11, fifth row of 2025, is 105: gone, with its title and last status.
    assert_eq!(f["gone"], serde_json::json!(["105"]));
    let gone = &f["gone_proposals"][0];
    assert_eq!(gone["title"], "Former les médiateurs aux langues");
    assert_eq!(
        (gone["theme"].as_str(), gone["status"].as_str()),
        (Some("Inclusion"), Some("rejected"))
    );
    // Each pair is a rename by title: 101 → EDU-01, 102 → EDU-04, 103 → INC-05,
    // 104 → ENV-05.
    let renamed: Vec<(String, String, String)> = f["renamed"]
        .as_array()
        .expect("renamed")
        .iter()
        .map(|r| {
            (
                r["from"].to_string(),
                r["to"].to_string(),
                r["by"].to_string(),
            )
        })
        .collect();
    let expected_renames: Vec<(String, String, String)> = [
        ("101", "EDU-01"),
        ("102", "EDU-04"),
        ("103", "INC-05"),
        ("104", "ENV-05"),
    ]
    .iter()
    .map(|(from, to)| {
        (
            format!("\"{from}\""),
            format!("\"{to}\""),
            "\"title\"".to_string(),
        )
    })
    .collect();
    assert_eq!(renamed, expected_renames);
    assert_eq!(f["matching"]["by_title"], 4);
    assert_eq!(expected["matching"]["by_id"], 4);
    assert!(few_matches_warnings(&project).is_empty());
    // The note says so in its follow-up section.
    project.ok(&["build"]);
    let note = pdf_text(&project.path().join("reports/2026/note-executif.pdf"));
    let section = &note[note.rfind("Suivi depuis 2025").expect("section")..];
    assert!(
        section.contains("Propositions renumérotées : 101 → EDU-01 (même titre)"),
        "{section}"
    );

    // Titles reworded as well: nothing matches, and check says why.
    renumbered_previous(&project, |t| format!("{t} (version 2025)"));
    assert_eq!(stats_json(&project)["follow_up"]["matching"]["matched"], 0);
    let warnings = few_matches_warnings(&project);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = &warnings[0];
    assert_eq!(
        (w["severity"].as_str(), w["file"].as_str()),
        (Some("warning"), Some("inputs/decidim-2025.csv"))
    );
    let message = w["message"].as_str().expect("message");
    assert!(
        message.starts_with("only 0 of the 5 proposals of the previous edition match one of the 5")
            && message.contains("another numbering (\"101\" then, \"EDU-01\" now)"),
        "{message}"
    );
}
