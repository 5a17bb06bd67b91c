//! `bilan stats` and `bilan check` as users read them (issues 3 and 4).

use crate::common::Project;

#[test]
fn stats_table_reads_well_in_a_terminal() {
    let project = Project::sample();
    let out = project.ok(&["stats"]);
    insta::assert_snapshot!("stats_table_fr", String::from_utf8_lossy(&out.stdout));
    let out = project.ok(&["stats", "--lang", "en"]);
    insta::assert_snapshot!("stats_table_en", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn stats_json_is_the_data_json_of_the_build() {
    let project = Project::sample();
    without_expected_missing_answers(&project);
    let out = project.ok(&["stats", "--format", "json"]);
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json on stdout");
    project.ok(&["build"]);
    assert_eq!(printed, project.data());
    // Diagnostics go to stderr, never into the JSON.
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing-answer"));
}

#[test]
fn stats_csv_has_one_figure_per_row() {
    let project = Project::sample();
    let out = project.ok(&["stats", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(&out.stdout[..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("csv row")).collect();
    let find = |a: &str, b: &str, c: &str| {
        rows.iter()
            .find(|r| &r[0] == a && &r[1] == b && &r[2] == c)
            .map(|r| r[3].to_string())
            .unwrap_or_else(|| panic!("no row {a},{b},{c}"))
    };
    assert_eq!(find("proposals", "total", ""), "20");
    assert_eq!(find("status", "escalated", "count"), "4");
    assert_eq!(find("theme", "Inclusion numérique", "out_of_scope"), "2");
}

#[test]
fn check_prints_every_problem_and_exits_0_on_warnings_only() {
    let project = Project::sample();
    // The sample marks ENV-01's missing answer as expected: no warning at all.
    let out = project.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    without_expected_missing_answers(&project);
    let out = project.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    // The slides give no written answer for one accepted proposal (ENV-01). Escalated,
    // out-of-remit and to-clarify proposals have their status for answer: no warning.
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["row"], 20, "ENV-01's row");
    for d in &lines {
        assert_eq!(d["severity"], "warning");
        assert_eq!(d["code"], "missing-answer");
        assert_eq!(d["file"], "inputs/propositions-2025.xlsx");
        assert_eq!(d["sheet"], "Propositions");
        assert_eq!(d["column"], "Réponse de l'EMS");
        assert!(
            d["row"].as_u64().is_some_and(|r| r > 4),
            "rows count the title rows"
        );
    }
    let human = project.run(&["check"]);
    insta::assert_snapshot!("check_human_fr", String::from_utf8_lossy(&human.stderr));
}

/// bilan speaks French to a user whose locale is French, English otherwise; codes
/// stay English in both (issue 15).
#[test]
fn check_speaks_the_language_of_the_locale() {
    let project = Project::sample();
    without_expected_missing_answers(&project);
    let fr = project.run_in_locale(&["check"], "fr_FR.UTF-8");
    assert_eq!(fr.status.code(), Some(0));
    let fr = String::from_utf8_lossy(&fr.stderr);
    assert!(
        fr.contains("avertissement[missing-answer]: inputs/propositions-2025.xlsx: feuille « Propositions », ligne 20, colonne « Réponse de l'EMS »: pas de réponse pour la proposition « ENV-01 », dont le statut est « acceptée (réalisable en 2026) »"),
        "{fr}"
    );
    assert!(fr.contains("= conseil: écrivez la réponse"), "{fr}");
    // Every wording of the register, and how it was read, in the project's words.
    assert!(
        fr.contains("« acceptée » → acceptée (réalisable en 2026), 9 lignes"),
        "{fr}"
    );
    assert!(
        fr.contains("« hors périmètre » → hors périmètre, 2 lignes"),
        "{fr}"
    );
    assert!(
        fr.trim_end()
            .ends_with("20 propositions vérifiées : 0 erreur, 1 avertissement"),
        "{fr}"
    );
    for english in ["warning", "checked", "no answer", "hint"] {
        assert!(!fr.contains(english), "{english:?} in French output: {fr}");
    }

    let c = project.run_in_locale(&["check"], "C");
    let c = String::from_utf8_lossy(&c.stderr);
    assert!(
        c.trim_end()
            .ends_with("checked 20 proposals: 0 errors, 1 warning"),
        "{c}"
    );
    assert!(c.contains("warning[missing-answer]"), "{c}");

    // JSON: texts in the user's language, codes in English.
    let json = project.run_in_locale(&["check", "--format", "json"], "fr_FR.UTF-8");
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8_lossy(&json.stdout)
            .lines()
            .next()
            .expect("a line"),
    )
    .expect("JSON");
    assert_eq!(first["code"], "missing-answer");
    assert_eq!(first["severity"], "warning");
    assert!(
        first["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("pas de réponse")),
        "{first}"
    );
}

/// The sample without `inputs.expected_missing_answers`: ENV-01's missing answer is
/// warned again.
fn without_expected_missing_answers(project: &Project) {
    project.edit_config(|doc| {
        let inputs = doc["inputs"].as_table_mut().expect("[inputs]");
        assert!(inputs.remove("expected_missing_answers").is_some());
    });
}
