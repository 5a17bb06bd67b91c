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
