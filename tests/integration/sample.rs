//! The whole pipeline on the CENR 2025 sample (issue 2).

use crate::common::{Project, files_under, flat, pdf_text, sha256sum};

/// The seed (slides of 15 November 2025) announces 20 proposals: per theme and
/// status, as counted on the slides.
const SEED_BY_THEME: [(&str, [(&str, u64); 9]); 3] = [
    (
        "Éducation et cultures numériques",
        [
            ("accepted", 2),
            ("accepted_modified", 0),
            ("escalated", 0),
            ("under_study", 0),
            ("to_clarify", 1),
            ("rejected", 1),
            ("out_of_scope", 0),
            ("unanswered", 0),
            ("withdrawn", 0),
        ],
    ),
    (
        "Inclusion numérique",
        [
            ("accepted", 3),
            ("accepted_modified", 1),
            ("escalated", 4),
            ("under_study", 0),
            ("to_clarify", 0),
            ("rejected", 1),
            ("out_of_scope", 2),
            ("unanswered", 0),
            ("withdrawn", 0),
        ],
    ),
    (
        "Impact environnemental du numérique",
        [
            ("accepted", 4),
            ("accepted_modified", 0),
            ("escalated", 0),
            ("under_study", 0),
            ("to_clarify", 1),
            ("rejected", 0),
            ("out_of_scope", 0),
            ("unanswered", 0),
            ("withdrawn", 0),
        ],
    ),
];

#[test]
fn build_writes_every_output_and_data_matches_the_seed() {
    let project = Project::sample();
    project.ok(&["build"]);
    for file in [
        "note-executif.pdf",
        "synthese.xlsx",
        "data.json",
        "manifest.json",
    ] {
        assert!(project.report(file).is_file(), "{file} missing");
    }
    let data = project.data();
    assert_eq!(data["schema"], 1);
    let proposals = &data["proposals"];
    assert_eq!(proposals["total"], 20);

    let mut expected_total = std::collections::HashMap::new();
    let themes = proposals["by_theme"].as_array().expect("by_theme");
    assert_eq!(themes.len(), SEED_BY_THEME.len());
    for ((name, counts), theme) in SEED_BY_THEME.iter().zip(themes) {
        assert_eq!(theme["theme"], *name);
        let mut total = 0;
        for (code, count) in counts {
            assert_eq!(theme["by_status"][code], *count, "{name} / {code}");
            *expected_total.entry(*code).or_insert(0) += count;
            total += count;
        }
        assert_eq!(theme["total"], total, "{name}");
    }
    let by_status = proposals["by_status"].as_object().expect("by_status");
    assert_eq!(by_status.len(), 9, "every code, zeros included");
    for (code, count) in expected_total {
        assert_eq!(by_status[code], count, "{code}");
    }

    // One fact sheet per proposal, named after its id.
    let items = proposals["items"].as_array().expect("items");
    let fiches: Vec<_> = std::fs::read_dir(project.report("fiches"))
        .expect("fiches/")
        .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
        .collect();
    assert_eq!(fiches.len(), items.len());
    for item in items {
        let file = item["file"].as_str().expect("file");
        assert_eq!(file, format!("{}.pdf", item["id"].as_str().expect("id")));
        assert!(fiches.iter().any(|f| f == file), "{file}");
    }
}

#[test]
fn note_names_every_proposal_with_its_theme_and_status_in_french() {
    let project = Project::sample();
    project.ok(&["build"]);
    // data.json keeps the register's apostrophes; the French note sets them curly.
    let text = pdf_text(&project.report("note-executif.pdf"));
    let data = project.data();
    assert!(text.contains("projets pour l’éducation"));
    assert!(data.to_string().contains("projets pour l'éducation"));
    let text = text.replace('’', "'");
    for item in data["proposals"]["items"].as_array().expect("items") {
        for field in ["title", "theme", "status_label"] {
            let value = flat(item[field].as_str().expect(field)).replace('’', "'");
            assert!(
                text.contains(&value),
                "the note lacks the {field} {value:?}"
            );
        }
    }
    for label in [
        "à éclaircir",
        "non retenue",
        "hors périmètre",
        "acceptée mais modifiée",
    ] {
        assert!(text.contains(label), "{label}");
    }
}

#[test]
fn workbook_reads_back_with_one_row_per_proposal() {
    use calamine::{Reader, Xlsx, open_workbook};
    let project = Project::sample();
    project.ok(&["build"]);
    let mut book: Xlsx<_> = open_workbook(project.report("synthese.xlsx")).expect("xlsx");
    let sheet = book
        .worksheet_range("Propositions")
        .expect("Propositions sheet");
    let data = project.data();
    let items = data["proposals"]["items"].as_array().expect("items");
    // The header row, then one row per proposal.
    assert_eq!(sheet.height(), items.len() + 1);
    let ids: Vec<String> = sheet.rows().skip(1).map(|r| r[0].to_string()).collect();
    let expected: Vec<String> = items
        .iter()
        .map(|i| i["id"].as_str().expect("id").to_string())
        .collect();
    assert_eq!(ids, expected);
}

#[test]
fn manifest_lists_every_output_with_its_hash() {
    let project = Project::sample();
    project.ok(&["build"]);
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(project.report("manifest.json")).expect("manifest"))
            .expect("json");
    assert_eq!(manifest["bilan_version"], env!("CARGO_PKG_VERSION"));
    let outputs = manifest["outputs"].as_array().expect("outputs");
    // The note, 20 fact sheets, the workbook and data.json.
    assert_eq!(outputs.len(), 1 + 20 + 1 + 1);
    // Hashes checked with coreutils' sha256sum, not the function the build uses.
    let check = |entries: &[serde_json::Value], base: &std::path::Path| {
        let paths: Vec<_> = entries
            .iter()
            .map(|e| base.join(e["path"].as_str().expect("path")))
            .collect();
        for ((entry, path), digest) in entries.iter().zip(&paths).zip(sha256sum(&paths)) {
            let bytes = std::fs::metadata(path).expect("listed file").len();
            assert_eq!(entry["bytes"], bytes, "{}", path.display());
            assert_eq!(entry["sha256"], digest, "{}", path.display());
        }
    };
    check(outputs, &project.report(""));
    // Each input's hash, whether taken by the hashing thread (the register) or as the
    // file was read (the CSV survey).
    check(
        manifest["inputs"].as_array().expect("inputs"),
        project.path(),
    );
    let inputs: Vec<&str> = manifest["inputs"]
        .as_array()
        .expect("inputs")
        .iter()
        .map(|i| i["path"].as_str().expect("path"))
        .collect();
    assert_eq!(
        inputs,
        [
            "inputs/propositions-2025.xlsx",
            "inputs/debat-mouvant-2025.csv",
            "inputs/suggestions-2025.csv"
        ]
    );
}

/// Same inputs, any `--jobs`, with or without SOURCE_DATE_EPOCH: the same bytes in
/// every file, each of the 20 fact sheets included.
#[test]
fn two_builds_are_byte_identical() {
    for epoch in [Some("1763164800"), None] {
        let a = Project::sample();
        let b = Project::sample();
        assert!(
            a.run_with_epoch(&["build", "--jobs", "1"], epoch)
                .status
                .success()
        );
        assert!(
            b.run_with_epoch(&["build", "--jobs", "2"], epoch)
                .status
                .success()
        );
        let x = files_under(&a.report(""));
        let y = files_under(&b.report(""));
        let names: Vec<&str> = x.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names.len(), 1 + 20 + 3, "{names:?}");
        assert_eq!(
            names,
            y.iter().map(|(name, _)| name.as_str()).collect::<Vec<_>>()
        );
        for ((name, x), (_, y)) in x.iter().zip(&y) {
            assert!(
                x == y,
                "{name} differs between two builds (epoch {epoch:?})"
            );
        }
    }
}
