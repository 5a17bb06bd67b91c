//! What bilan says, in the user's language: configuration errors, diagnostics and the
//! closing line's counts.

use crate::common::Project;

/// The sample with its `bilan.toml` edited by `edit`.
fn sample_with_config(edit: impl Fn(&str) -> String) -> Project {
    let project = Project::sample();
    let path = project.path().join("bilan.toml");
    let config = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, edit(&config)).expect("write");
    project
}

#[test]
fn every_unknown_config_key_is_named_at_once_in_the_users_language() {
    let project = sample_with_config(|config| {
        config
            .replace("[privacy]", "[privacy]\nmin_groupe_size = 3")
            .replace("[outputs]", "[outputs]\nworkbok = true")
    });
    let en = project.run_in_locale(&["check"], "C");
    assert_eq!(en.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&en.stderr);
    assert!(
        stderr.contains("unknown field \"workbok\", expected one of \"dir\"")
            && stderr.contains("did you mean \"workbook\"?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("unknown field \"min_groupe_size\", expected one of \"min_group_size\"")
            && stderr.contains("did you mean \"min_group_size\"?"),
        "{stderr}"
    );
    let fr = project.run_in_locale(&["check"], "fr_FR.UTF-8");
    assert_eq!(fr.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&fr.stderr);
    assert!(
        stderr.starts_with("erreur: bilan.toml: clé inconnue"),
        "{stderr}"
    );
    assert!(
        stderr.contains("clé inconnue « workbok »")
            && stderr.contains("vouliez-vous dire « workbook » ?"),
        "{stderr}"
    );
    assert!(
        stderr.contains("clé inconnue « min_groupe_size »")
            && stderr.contains("vouliez-vous dire « min_group_size » ?"),
        "{stderr}"
    );
}

#[test]
fn the_closing_line_counts_the_problems_a_summary_stands_for() {
    const ROWS: usize = 70;
    let project = Project::sample();
    let mut survey = String::from("participant;groupe;Le rythme était adapté.\n");
    for i in 0..ROWS {
        survey.push_str(&format!("p{i};A;pas d'acord\n"));
    }
    std::fs::write(project.path().join("inputs/debat-mouvant-2025.csv"), survey).expect("write");
    let out = project.run_in_locale(&["check"], "C");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("more answers fit no scale (not listed one by one)"),
        "{stderr}"
    );
    let closing = stderr.lines().last().unwrap_or_default();
    assert!(closing.contains(&format!(": {ROWS} errors, ")), "{closing}");
    let out = project.run_in_locale(&["check"], "fr_FR.UTF-8");
    let stderr = String::from_utf8_lossy(&out.stderr);
    let closing = stderr.lines().last().unwrap_or_default();
    assert!(
        closing.contains(&format!(" : {ROWS} erreurs, ")),
        "{closing}"
    );
}

#[test]
fn a_register_with_errors_is_reported_in_french_for_a_french_locale() {
    let project = Project::sample();
    std::fs::copy(
        crate::common::repo().join("tests/fixtures/xlsx-errors/propositions-erreurs.xlsx"),
        project.path().join("inputs/propositions-2025.xlsx"),
    )
    .expect("copy");
    let fr = project.run_in_locale(&["check"], "fr_FR.UTF-8");
    assert_eq!(fr.status.code(), Some(1));
    let fr = String::from_utf8_lossy(&fr.stderr);
    let en = project.run_in_locale(&["check"], "C");
    let en = String::from_utf8_lossy(&en.stderr);
    assert_eq!(fr.lines().count(), en.lines().count(), "{fr}\n{en}");
    // Every diagnostic and hint is in the catalogue: none stays English in French.
    for english in [
        "cannot read",
        "empty ",
        "duplicate id",
        "formula error",
        "did you mean",
    ] {
        assert!(!fr.contains(english), "{english} in:\n{fr}");
    }
    assert!(fr.contains("erreur[") && fr.contains("= conseil: "), "{fr}");
}
