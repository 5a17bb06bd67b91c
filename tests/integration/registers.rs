//! Registers in every spreadsheet format give the same figures (issue 3).

use crate::common::{Project, repo};

/// `bilan stats --format json` on the sample project with `register` as proposals.
fn stats_for(register: &str) -> serde_json::Value {
    let project = Project::sample();
    let source = repo().join("tests/fixtures").join(register);
    let name = source
        .file_name()
        .expect("name")
        .to_string_lossy()
        .to_string();
    std::fs::copy(&source, project.path().join("inputs").join(&name)).expect("copy");
    let config = std::fs::read_to_string(project.path().join("bilan.toml")).expect("config");
    std::fs::write(
        project.path().join("bilan.toml"),
        config
            .replace("propositions-2025.xlsx", &name)
            .replace("themes = [", "unused_themes = ["),
    )
    .expect("write");
    // The theme list of the sample is dropped so that the register's own order shows.
    let config = std::fs::read_to_string(project.path().join("bilan.toml")).expect("config");
    let start = config.find("unused_themes = [").expect("themes");
    let end = start + config[start..].find(']').expect("]") + 1;
    std::fs::write(
        project.path().join("bilan.toml"),
        format!("{}{}", &config[..start], &config[end..]),
    )
    .expect("write");
    let out = project.ok(&["stats", "--format", "json"]);
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn an_xls_saved_by_libreoffice_reads_like_its_xlsx() {
    let xls = stats_for("xls-register/propositions-2025.xls");
    let xlsx = stats_for("xlsx-title-merged/propositions-2025.xlsx");
    assert_eq!(xls["proposals"]["total"], 16);
    assert_eq!(
        xls["proposals"]["by_status"],
        xlsx["proposals"]["by_status"]
    );
    assert_eq!(xls["proposals"]["by_theme"], xlsx["proposals"]["by_theme"]);
    let fields = [
        "id", "theme", "title", "status", "answer", "owner", "due", "due_text", "progress", "row",
    ];
    let (a, b) = (&xls["proposals"]["items"], &xlsx["proposals"]["items"]);
    for i in 0..16 {
        for f in fields {
            assert_eq!(a[i][f], b[i][f], "item {i}, {f}");
        }
    }
}

/// Decidim's JSON export reads as its CSV export does (the same proposals, the
/// amendment set aside); JSON of another shape, or given as a survey, is one error
/// saying what bilan reads.
#[test]
fn a_decidim_json_export_is_a_register_and_other_json_is_refused() {
    let project = Project::sample();
    let json = "decidim-proposals-dev-export.json";
    std::fs::copy(
        repo().join("tests/fixtures/real").join(json),
        project.path().join("inputs").join(json),
    )
    .expect("copy");
    let csv = "decidim-proposals-dev-export.csv";
    std::fs::copy(
        repo().join("tests/fixtures/real").join(csv),
        project.path().join("inputs").join(csv),
    )
    .expect("copy");
    let ids = |register: &str| -> (Vec<String>, String) {
        project.edit_config(|doc| {
            doc["inputs"]["proposals"] = toml_edit::value(format!("inputs/{register}"));
            doc["inputs"]
                .as_table_mut()
                .expect("inputs")
                .remove("proposals_sheet");
        });
        let out = project.run(&["stats", "--format", "json"]);
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        let stats: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|_| panic!("{register} refused:\n{stderr}"));
        let ids = stats["proposals"]["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|p| p["id"].to_string())
            .collect();
        (ids, stderr)
    };
    let (from_json, said_json) = ids(json);
    let (from_csv, said_csv) = ids(csv);
    assert_eq!(from_json, from_csv);
    assert_eq!(from_json.len(), 2, "{said_json}");
    assert!(
        said_json.contains("amendment left aside (row 2)"),
        "{said_json}"
    );
    assert_eq!(
        said_json
            .replace(json, "FILE")
            .lines()
            .filter(|l| l.starts_with("warning["))
            .collect::<Vec<_>>(),
        said_csv
            .replace(csv, "FILE")
            .lines()
            .filter(|l| l.starts_with("warning["))
            .collect::<Vec<_>>()
    );

    std::fs::write(
        project.path().join("inputs/other.json"),
        r#"{"proposals": 3}"#,
    )
    .expect("write");
    project.edit_config(|doc| {
        doc["inputs"]["proposals"] = toml_edit::value("inputs/other.json");
    });
    let out = project.run(&["check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("is not a list of proposals"), "{err}");

    project.edit_config(|doc| {
        doc["inputs"]["proposals"] = toml_edit::value(format!("inputs/{csv}"));
        let mut surveys = toml_edit::Array::new();
        surveys.push(format!("inputs/{json}"));
        doc["inputs"]["surveys"] = toml_edit::value(surveys);
    });
    let out = project.run(&["check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("a JSON file is not a survey"), "{err}");
}
