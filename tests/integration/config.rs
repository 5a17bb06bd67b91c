//! `bilan.toml` as users write it: wrong forms answered with the right one, in English
//! and French; `--config DIR`; the file found in parent folders; values out of range
//! refused before any input is read; the closing line of `check` counting every row.

use std::path::Path;
use std::process::{Command, Output};

use crate::common::{BIN, Project};

const FR: &str = "fr_FR.UTF-8";

/// The sample with its `bilan.toml` edited by `edit`.
fn sample_with_config(edit: impl Fn(&str) -> String) -> Project {
    let project = Project::sample();
    let path = project.path().join("bilan.toml");
    let config = std::fs::read_to_string(&path).expect("read");
    let edited = edit(&config);
    assert_ne!(edited, config, "the edit changed nothing");
    std::fs::write(&path, edited).expect("write");
    project
}

/// The sample with the line of `key` replaced by `line`.
fn sample_with_line(key: &str, line: &str) -> Project {
    sample_with_config(|config| {
        config
            .lines()
            .map(|l| {
                if l.split('=').next().is_some_and(|k| k.trim() == key) {
                    line
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// `bilan check` in English and in French: (exit status, stderr) of each.
fn check_both(project: &Project) -> [(Option<i32>, String); 2] {
    ["C", FR].map(|locale| {
        let out = project.run_in_locale(&["check"], locale);
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    })
}

/// Runs `bilan ARGS` in `dir` with `LANG=locale`.
fn run_in(dir: &Path, args: &[&str], locale: &str) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", locale)
        .env("SOURCE_DATE_EPOCH", "1763164800")
        .output()
        .expect("run bilan")
}

/// Asserts a configuration error: exit 2, the one line holding `en` (English) and
/// `fr` (French), and no input read.
fn assert_config_error(project: &Project, en: &[&str], fr: &[&str]) {
    let [(en_code, en_err), (fr_code, fr_err)] = check_both(project);
    for (code, err, parts, prefix) in [
        (en_code, &en_err, en, "error: bilan.toml: "),
        (fr_code, &fr_err, fr, "erreur: bilan.toml: "),
    ] {
        assert_eq!(code, Some(2), "{err}");
        assert_eq!(err.lines().count(), 1, "one line: {err}");
        assert!(err.starts_with(prefix), "{err}");
        for part in parts {
            assert!(err.contains(part), "{part:?} not in {err}");
        }
    }
}

#[test]
fn an_edition_between_quotes_is_answered_with_the_year_as_a_number() {
    let project = sample_with_line("edition", "edition = \"2031\"");
    assert_config_error(
        &project,
        &[
            "report.edition: a year is written as a number, without quotes: edition = 2031, not \"2031\"",
            "(line 8, column 11)",
        ],
        &[
            "report.edition : une année s’écrit en chiffres, sans guillemets : edition = 2031, et non « 2031 »",
            "(ligne 8, colonne 11)",
        ],
    );
    let word = sample_with_line("min_group_size", "min_group_size = \"7\"");
    assert_config_error(
        &word,
        &["privacy.min_group_size: a number is written without quotes: min_group_size = 7"],
        &[
            "privacy.min_group_size : un nombre s’écrit en chiffres, sans guillemets : min_group_size = 7",
        ],
    );
}

#[test]
fn a_french_session_date_is_answered_with_its_toml_form() {
    let project = sample_with_line("session_date", "session_date = \"3/12/2025\"");
    assert_config_error(
        &project,
        &[
            "a date is written year-month-day, without quotes: \"3/12/2025\" is written session_date = 2025-12-03",
        ],
        &[
            "une date s’écrit année-mois-jour, sans guillemets : « 3/12/2025 » s’écrit session_date = 2025-12-03",
        ],
    );
    // Not a date at all: the expected form, with an example.
    let words = sample_with_line("session_date", "session_date = \"mi-novembre\"");
    assert_config_error(
        &words,
        &["without quotes: session_date = 2025-12-12, not \"mi-novembre\""],
        &["sans guillemets : session_date = 2025-12-12, et non « mi-novembre »"],
    );
}

#[test]
fn a_windows_path_between_double_quotes_is_answered_with_the_fix() {
    // `\r` is a valid escape: TOML reads a carriage return, and the file is not found.
    let project = sample_with_line("proposals", r#"proposals = "inputs\registre.xlsx""#);
    let line = line_of(&project, "proposals =");
    assert_config_error(
        &project,
        &[
            &format!(r#"the path "inputs\registre.xlsx" (line {line}, column 13)"#),
            r#"write the path with / ("inputs/registre.xlsx") or between single quotes ('inputs\registre.xlsx')"#,
        ],
        &[
            &format!(r#"le chemin « inputs\registre.xlsx » (ligne {line}, colonne 13)"#),
            r#"écrivez le chemin avec des / (« inputs/registre.xlsx ») ou entre apostrophes ('inputs\registre.xlsx')"#,
        ],
    );
    // `\U` wants eight hexadecimal digits: the file cannot be parsed.
    let project = sample_with_line("proposals", r#"proposals = "C:\Users\moi\registre.xlsx""#);
    assert_config_error(
        &project,
        &[
            r#"the path "C:\Users\moi\registre.xlsx""#,
            r#"("C:/Users/moi/registre.xlsx") or between single quotes ('C:\Users\moi\registre.xlsx')"#,
        ],
        &[
            r#"(« C:/Users/moi/registre.xlsx ») ou entre apostrophes ('C:\Users\moi\registre.xlsx')"#,
        ],
    );
    // In a list too, and for an escape TOML does not know (`\d`).
    let project = sample_with_line("surveys", r#"surveys = ["inputs\debat.csv"]"#);
    let line = line_of(&project, "surveys =");
    assert_config_error(
        &project,
        &[&format!(
            r#"the path "inputs\debat.csv" (line {line}, column 12)"#
        )],
        &[&format!(
            r#"le chemin « inputs\debat.csv » (ligne {line}, colonne 12)"#
        )],
    );
}

/// The line (from 1) of the project's bilan.toml that starts with `start`.
fn line_of(project: &Project, start: &str) -> usize {
    let config = std::fs::read_to_string(project.path().join("bilan.toml")).expect("bilan.toml");
    1 + config
        .lines()
        .position(|l| l.starts_with(start))
        .expect("the line")
}

#[test]
fn values_out_of_range_stop_at_the_config_before_any_input_is_read() {
    for edition in ["99999", "-1", "0"] {
        // The register is missing too: the configuration's error comes first, alone.
        let project = sample_with_line("edition", &format!("edition = {edition}"));
        std::fs::remove_file(project.path().join("inputs/propositions-2025.xlsx")).expect("remove");
        assert_config_error(
            &project,
            &[&format!(
                "report.edition: must be a year from 1900 to 9999, not {edition}"
            )],
            &[&format!(
                "report.edition : doit être une année de 1900 à 9999, et non {edition}"
            )],
        );
        let built = project.run(&["build"]);
        assert_eq!(built.status.code(), Some(2));
        assert!(!project.path().join("reports").exists());
    }
    let project = sample_with_line("session_date", "session_date = 0001-01-01");
    std::fs::remove_file(project.path().join("inputs/propositions-2025.xlsx")).expect("remove");
    assert_config_error(
        &project,
        &[
            "report.session_date: 0001-01-01 is too far from the edition 2025: the session must be held in a year from 2024 to 2030",
        ],
        &[
            "report.session_date : 0001-01-01 est trop loin de l’édition 2025 : la séance doit se tenir une année de 2024 à 2030",
        ],
    );
    // The bounds themselves are accepted.
    for line in ["session_date = 2024-01-01", "session_date = 2030-12-31"] {
        let project = sample_with_line("session_date", line);
        let out = project.run(&["check"]);
        assert_ne!(out.status.code(), Some(2), "{line}");
    }
}

#[test]
fn config_dir_means_the_bilan_toml_inside_it() {
    let project = Project::sample();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let dir = project.path().to_str().expect("utf-8 path");
    let out = run_in(elsewhere.path(), &["--config", dir, "check"], "C");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("checked "), "{stderr}");
    // A folder without one names the file looked for, once.
    let empty = elsewhere.path().to_str().expect("utf-8 path");
    let out = run_in(project.path(), &["--config", empty, "check"], "C");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    let wanted = elsewhere.path().join("bilan.toml");
    assert!(
        stderr.contains(&format!(
            "no configuration file at \"{}\"",
            wanted.display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("os error"), "{stderr}");
}

#[test]
fn an_unreadable_config_says_the_systems_words_once() {
    let project = Project::sample();
    std::fs::write(project.path().join("bilan.toml"), b"title = \"\xff\"\n").expect("write");
    let out = project.run(&["check"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("error: failed to read \"bilan.toml\" ("),
        "{stderr}"
    );
    assert_eq!(stderr.matches("UTF-8").count(), 1, "{stderr}");
}

#[test]
fn the_config_is_found_in_a_parent_folder() {
    let project = Project::sample();
    let at_root = project.run(&["check"]);
    let deeper = project.path().join("inputs/deeper");
    std::fs::create_dir(&deeper).expect("mkdir");
    let below = run_in(&deeper, &["check"], "C");
    assert_eq!(below.status.code(), at_root.status.code());
    // Same inputs read (relative to bilan.toml, not to the current folder): the same
    // diagnostics and closing line.
    assert_eq!(
        String::from_utf8_lossy(&below.stderr),
        String::from_utf8_lossy(&at_root.stderr)
    );
    // A build from below writes beside bilan.toml.
    let built = run_in(&deeper, &["build", "--quiet"], "C");
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(project.report("data.json").is_file());
    assert!(!deeper.join("reports").exists());
}

#[test]
fn without_a_config_anywhere_up_the_folders_says_so() {
    let empty = tempfile::tempdir().expect("temp dir");
    if empty
        .path()
        .ancestors()
        .any(|dir| dir.join("bilan.toml").is_file())
    {
        // A bilan.toml above the temporary folder would be found, rightly.
        return;
    }
    let en = run_in(empty.path(), &["check"], "C");
    assert_eq!(en.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&en.stderr);
    assert!(stderr.contains("no bilan.toml in \""), "{stderr}");
    assert!(stderr.contains("nor in its parent folders"), "{stderr}");
    let fr = run_in(empty.path(), &["check"], FR);
    let stderr = String::from_utf8_lossy(&fr.stderr);
    assert!(stderr.contains("ni dans ses dossiers parents"), "{stderr}");
}

/// The numbers of `error[` and `warning[` lines of a human report.
fn counted(stderr: &str) -> (usize, usize) {
    let lines = |prefix: &str| stderr.lines().filter(|l| l.starts_with(prefix)).count();
    (lines("error["), lines("warning["))
}

#[test]
fn the_closing_line_of_check_counts_every_row_and_the_refused_ones() {
    const KEPT: usize = 6;
    let project = sample_with_config(|config| {
        config
            .replace("propositions-2025.xlsx", "registre.csv")
            .replace("proposals_sheet = \"Propositions\"\n", "")
    });
    let mut register = String::from("Id;Thème;Titre;Statut;Réponse\n");
    for i in 1..=KEPT {
        register.push_str(&format!("P{i};Inclusion;Proposition {i};acceptée;Oui\n"));
    }
    // Refused: no title, no status, the same id again.
    register.push_str("R1;Inclusion;;acceptée;Oui\n");
    register.push_str("R2;Inclusion;Sans statut;;Oui\n");
    register.push_str("P1;Inclusion;Doublon;acceptée;Oui\n");
    let refused = 3;
    std::fs::write(project.path().join("inputs/registre.csv"), register).expect("write");
    let en = project.run_in_locale(&["check"], "C");
    let stderr = String::from_utf8_lossy(&en.stderr);
    let (errors, warnings) = counted(&stderr);
    assert!(errors >= refused, "{stderr}");
    let closing = stderr.lines().last().unwrap_or_default();
    assert_eq!(
        closing,
        format!(
            "checked {} proposals: {KEPT} read, {refused} refused; {errors} errors, {warnings} warning{}",
            KEPT + refused,
            if warnings == 1 { "" } else { "s" }
        ),
        "{stderr}"
    );
    let fr = project.run_in_locale(&["check"], FR);
    let stderr = String::from_utf8_lossy(&fr.stderr);
    let closing = stderr.lines().last().unwrap_or_default();
    assert!(
        closing.starts_with(&format!(
            "{} propositions vérifiées : {KEPT} lues, {refused} refusées ; {errors} erreurs, ",
            KEPT + refused
        )),
        "{stderr}"
    );
}

#[test]
fn the_closing_line_is_grammatical_for_one() {
    let project = sample_with_config(|config| {
        config
            .replace("propositions-2025.xlsx", "registre.csv")
            .replace("proposals_sheet = \"Propositions\"\n", "")
    });
    let register = "Id;Thème;Titre;Statut;Réponse\nP1;Inclusion;Une;acceptée;Oui\nP1;Inclusion;Doublon;acceptée;Oui\n";
    std::fs::write(project.path().join("inputs/registre.csv"), register).expect("write");
    let en = project.run_in_locale(&["check"], "C");
    let stderr = String::from_utf8_lossy(&en.stderr);
    let (errors, _) = counted(&stderr);
    assert_eq!(errors, 1, "{stderr}");
    let closing = stderr.lines().last().unwrap_or_default();
    assert!(
        closing.starts_with("checked 2 proposals: 1 read, 1 refused; 1 error, "),
        "{stderr}"
    );
    let fr = project.run_in_locale(&["check"], FR);
    let stderr = String::from_utf8_lossy(&fr.stderr);
    let closing = stderr.lines().last().unwrap_or_default();
    assert!(
        closing.starts_with("2 propositions vérifiées : 1 lue, 1 refusée ; 1 erreur, "),
        "{stderr}"
    );
}
