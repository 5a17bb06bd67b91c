//! Survey exports other people and tools made (`tests/fixtures/real/`, with their
//! origin, commit and licence in its README), read to the figures counted
//! independently by `tests/fixtures/real/count.py` (`expected.json`), or refused with
//! the expected message (issue 16). The count script records each column's answers as
//! written and a human's judgement of its type; the level each label stands for is
//! written below, by hand.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;

use crate::common::{Project, repo};

fn real(name: &str) -> PathBuf {
    repo().join("tests/fixtures/real").join(name)
}

/// The sample project with `file` as its only survey.
fn project_with_survey(file: &str) -> Project {
    let project = Project::sample();
    std::fs::copy(real(file), project.path().join("inputs").join(file)).expect("copy export");
    project.edit_config(|doc| {
        let mut surveys = toml_edit::Array::new();
        surveys.push(format!("inputs/{file}"));
        doc["inputs"]["surveys"] = toml_edit::value(surveys);
        doc["inputs"]["illustrative"] = toml_edit::value(toml_edit::Array::new());
    });
    project
}

/// `bilan stats --format json` on the export: its output and the statistics.
fn stats(file: &str) -> (Output, Option<serde_json::Value>) {
    let project = project_with_survey(file);
    let out = project.run(&["stats", "--format", "json"]);
    let json = serde_json::from_slice(&out.stdout).ok();
    (out, json)
}

/// The figures `count.py` wrote for `file`.
fn expected(file: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(real("expected.json")).expect("expected.json");
    let all: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    all[file].clone()
}

/// The level a person reads in each answer of these exports.
const LEVELS: &[(&str, &str)] = &[
    ("Stimme vollständig zu", "strongly_agree"),
    ("Stimme eher zu", "agree"),
    ("Stimme eher nicht zu", "disagree"),
    ("Stimme gar nicht zu", "strongly_disagree"),
    ("Stimme garnicht zu", "strongly_disagree"),
    ("Agree completely", "strongly_agree"),
    ("Rather agree", "agree"),
    ("Rather disagree", "disagree"),
    ("Disagree completely", "strongly_disagree"),
    ("Strongly agree", "strongly_agree"),
    ("Somewhat agree", "agree"),
    ("Neither agree nor disagree", "neutral"),
    ("Somewhat disagree", "disagree"),
    ("Strongly disagree", "strongly_disagree"),
    // Google Forms linear scales: the ends labelled, the middle numbered.
    ("Non, pas du tout", "strongly_disagree"),
    ("Oui, tout à fait", "strongly_agree"),
    // Plain numbers 1–5, read as agreement (and said so in a warning).
    ("1", "strongly_disagree"),
    ("2", "disagree"),
    ("3", "neutral"),
    ("4", "agree"),
    ("5", "strongly_agree"),
];

/// Counts per level of each column of `types` in `expected.json`, sorted.
fn expected_counts(file: &str, types: &[&str]) -> Vec<BTreeMap<String, u64>> {
    let mut all: Vec<BTreeMap<String, u64>> = expected(file)["columns_detail"]
        .as_array()
        .expect("columns")
        .iter()
        .filter(|c| types.contains(&c["type"].as_str().unwrap_or("")))
        .map(|c| {
            let mut levels = BTreeMap::new();
            for (label, n) in c["counts"].as_object().expect("counts") {
                let level = LEVELS
                    .iter()
                    .find(|(l, _)| l == label)
                    .unwrap_or_else(|| panic!("{file}: no level written for {label:?}"))
                    .1;
                *levels.entry(level.to_string()).or_default() += n.as_u64().expect("count");
            }
            levels
        })
        .collect();
    all.sort();
    all
}

/// Counts per level of each statement bilan read, zeros left out, sorted.
fn read_counts(stats: &serde_json::Value) -> Vec<BTreeMap<String, u64>> {
    let mut all: Vec<BTreeMap<String, u64>> = stats["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .map(|s| {
            s["counts"]
                .as_object()
                .expect("counts")
                .iter()
                .filter(|(_, n)| n.as_u64() != Some(0))
                .map(|(level, n)| (level.clone(), n.as_u64().expect("count")))
                .collect()
        })
        .collect();
    all.sort();
    all
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn check_read(file: &str, types: &[&str]) -> serde_json::Value {
    let (out, stats) = stats(file);
    let stats = stats.unwrap_or_else(|| panic!("{file} refused:\n{}", stderr(&out)));
    let expected_counts = expected_counts(file, types);
    assert!(!expected_counts.is_empty(), "{file}: nothing to compare");
    assert_eq!(
        read_counts(&stats),
        expected_counts,
        "{file}: every agreement column read, with the counts count.py found, and nothing else"
    );
    assert_eq!(
        stats["survey"]["participants"],
        expected(file)["responses"],
        "{file}: one participant per response"
    );
    stats
}

#[test]
fn limesurvey_german_four_point_agreement_is_read_and_the_rest_set_aside() {
    let stats = check_read("limesurvey-de-digital-twins.csv", &["agreement-4"]);
    let aside = stats["survey"]["set_aside"].as_array().expect("set aside");
    // 206 yes/no sub-questions (checkbox arrays), an importance scale, free text: none
    // becomes a statement, each is listed with its reason.
    assert!(aside.iter().filter(|c| c["kind"] == "yes_no").count() > 100);
    assert!(
        aside
            .iter()
            .all(|c| c["file"] == "inputs/limesurvey-de-digital-twins.csv")
    );
}

#[test]
fn limesurvey_english_labels_are_read_the_same() {
    check_read(
        "limesurvey-en-digital-twins-translated.csv",
        &["agreement-4"],
    );
}

#[test]
fn google_forms_french_scale_with_labelled_ends_is_read_on_five_points() {
    let stats = check_read("google-forms-fr-rse.generated.csv", &["agreement-5"]);
    // The two 1–7 linear scales are ratings, set aside whole, never squeezed.
    let ratings: Vec<&serde_json::Value> = stats["survey"]["set_aside"]
        .as_array()
        .expect("set aside")
        .iter()
        .filter(|c| c["kind"] == "rating")
        .collect();
    assert_eq!(ratings.len(), 2);
    assert!(ratings.iter().all(|c| c["max"] == 7), "{ratings:?}");
}

#[test]
fn qualtrics_labels_and_numbers_one_to_five_are_read_and_the_numbers_said() {
    let file = "qualtrics-en-locus-of-control.csv";
    check_read(file, &["agreement-5", "rating-1-5"]);
    let (out, _) = stats(file);
    assert!(
        stderr(&out).contains("60 columns of numbers 1–5 are read as agreement levels"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn google_forms_portuguese_grids_keep_each_question_and_a_0_to_10_scale_is_a_rating() {
    let file = "google-forms-pt-remote-learning.generated.csv";
    // Eight questions share the same three grid rows: 24 statements, not 3.
    let stats = check_read(file, &["rating-1-5"]);
    assert_eq!(stats["statements"].as_array().map(Vec::len), Some(24));
    let aside = stats["survey"]["set_aside"].as_array().expect("set aside");
    let ten = aside
        .iter()
        .find(|c| {
            c["column"]
                .as_str()
                .is_some_and(|h| h.starts_with("O quanto você acha"))
        })
        .expect("the 1–10 question is listed");
    assert_eq!((&ten["kind"], &ten["max"]), (&"rating".into(), &10.into()));
}

#[test]
fn limesurvey_seven_point_agreement_is_refused_not_squeezed() {
    let (out, stats) = stats("limesurvey-en-wellbeing.generated.csv");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stats.is_none());
    let err = stderr(&out);
    assert!(
        err.contains("36 columns left aside, on an agreement scale of more than five points"),
        "{err}"
    );
    assert!(err.contains("error[missing-column]"), "{err}");
    // Metadata headed `id. Response ID` and the like are never statements.
    assert!(!err.contains("unknown answer"), "{err}");
}

#[test]
fn limesurvey_french_export_without_agreement_is_refused_and_never_echoes_names() {
    let file = "limesurvey-fr-drc-internet.generated.csv";
    let (out, _) = stats(file);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error[missing-column]"), "{err}");
    // The respondents' names (column « Nom & Post-nom ») appear nowhere.
    let mut reader = csv::ReaderBuilder::new()
        .from_path(Path::new(&real(file)))
        .expect("read export");
    let headers = reader.headers().expect("headers").clone();
    let col = headers
        .iter()
        .position(|h| h.starts_with("Nom &amp; Post-nom"))
        .expect("name column");
    let mut names = 0;
    for record in reader.records() {
        let name = record.expect("record")[col].trim().to_string();
        if name.chars().count() >= 3 {
            names += 1;
            assert!(!err.contains(&name), "{name:?} printed:\n{err}");
        }
    }
    assert!(names > 10, "the export holds names ({names})");
}

// --- Survey workbooks: the sheet that holds the answers; two header rows ----------

/// The sample project reading `file` as its only survey, from `sheet` when given
/// (`surveys = [{ path = "…", sheet = "…" }]`).
fn project_with_sheet(file: &str, sheet: Option<&str>) -> Project {
    let project = project_with_survey(file);
    if let Some(sheet) = sheet {
        project.edit_config(|doc| {
            let mut entry = toml_edit::InlineTable::new();
            entry.insert("path", format!("inputs/{file}").into());
            entry.insert("sheet", sheet.into());
            let mut surveys = toml_edit::Array::new();
            surveys.push(entry);
            doc["inputs"]["surveys"] = toml_edit::value(surveys);
        });
    }
    project
}

/// Per statement, the counts per level and the non-answers, as `count.py` counted
/// the columns of `types` (an answer no level is written for is a non-answer).
fn expected_with_non_answers(file: &str, types: &[&str]) -> Vec<(BTreeMap<String, u64>, u64)> {
    let expected = expected(file);
    let responses = expected["responses"].as_u64().expect("responses");
    let mut all: Vec<(BTreeMap<String, u64>, u64)> = expected["columns_detail"]
        .as_array()
        .expect("columns")
        .iter()
        .filter(|c| types.contains(&c["type"].as_str().unwrap_or("")))
        .map(|c| {
            let mut levels = BTreeMap::new();
            for (label, n) in c["counts"].as_object().expect("counts") {
                match LEVELS.iter().find(|(l, _)| l == label) {
                    Some((_, level)) => {
                        *levels.entry(level.to_string()).or_default() += n.as_u64().expect("count")
                    }
                    None => assert_eq!(label, "Keine Angabe", "{file}: no level for {label:?}"),
                }
            }
            let answered: u64 = levels.values().sum();
            (levels, responses - answered)
        })
        .collect();
    all.sort();
    all
}

/// Per statement bilan read, its counts per level (zeros left out) and non-answers.
fn read_with_non_answers(stats: &serde_json::Value) -> Vec<(BTreeMap<String, u64>, u64)> {
    let mut all: Vec<(BTreeMap<String, u64>, u64)> = stats["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .map(|s| {
            let levels: BTreeMap<String, u64> = s["counts"]
                .as_object()
                .expect("counts")
                .iter()
                .filter(|(_, n)| n.as_u64() != Some(0))
                .map(|(level, n)| (level.clone(), n.as_u64().expect("count")))
                .collect();
            (levels, s["non_answers"].as_u64().expect("non-answers"))
        })
        .collect();
    all.sort();
    all
}

/// The second header row of the Excel-cleaned export, as written in the CSV file.
fn informal_models_sub_questions() -> Vec<String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_path(real("excel-limesurvey-de-informal-models.csv"))
        .expect("read export");
    let record = reader.records().nth(1).expect("two rows").expect("record");
    record.iter().map(str::to_string).collect()
}

/// `file` read to the figures `count.py` found, with the second header row's texts
/// as statements and rows numbered as the spreadsheet shows them.
fn check_two_header_rows(file: &str, sheet: Option<&str>, place: &str) {
    let project = project_with_sheet(file, sheet);
    let out = project.run(&["stats", "--format", "json"]);
    let err = stderr(&out);
    let stats: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|_| panic!("{file} refused:\n{err}"));
    assert_eq!(
        read_with_non_answers(&stats),
        expected_with_non_answers(file, &["agreement-4"]),
        "{file}: the agreement columns, counted as count.py counted them"
    );
    assert_eq!(
        stats["survey"]["participants"],
        expected(file)["responses"],
        "{file}: the second header row is no participant"
    );
    let sub_questions = informal_models_sub_questions();
    for statement in stats["statements"].as_array().expect("statements") {
        let text = statement["text"].as_str().expect("text");
        assert!(
            sub_questions.iter().any(|s| s.trim() == text),
            "{file}: {text:?} is not a sub-question of the second header row"
        );
    }
    // Diagnostics point at the header as the spreadsheet numbers it: row 2.
    assert!(err.contains(&format!("{place}row 2")), "{err}");
    assert!(!err.contains("row 1,") && !err.contains("row 3:"), "{err}");
}

#[test]
fn two_header_rows_of_an_excel_cleaned_limesurvey_csv_are_read_as_a_header() {
    check_two_header_rows(
        "excel-limesurvey-de-informal-models.csv",
        None,
        "excel-limesurvey-de-informal-models.csv: ",
    );
}

/// Regression: only the first sheet was read, a 7-row note about the cleanup.
#[test]
fn the_answers_of_a_workbook_are_found_on_its_second_sheet_under_merged_questions() {
    check_two_header_rows(
        "excel-limesurvey-de-informal-models.xlsx",
        None,
        "sheet \"Data\", ",
    );
}

#[test]
fn the_sheet_of_a_survey_workbook_may_be_named_in_the_config() {
    check_two_header_rows(
        "excel-limesurvey-de-informal-models.xlsx",
        Some("data"),
        "sheet \"Data\", ",
    );
}

#[test]
fn a_sheet_named_in_the_config_and_absent_is_one_error_listing_the_sheets() {
    let file = "excel-limesurvey-de-informal-models.xlsx";
    let project = project_with_sheet(file, Some("Antworten"));
    let out = project.run(&["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error[")).collect();
    assert_eq!(
        errors,
        [format!(
            "error[no-sheet]: inputs/{file}: no sheet named \"Antworten\" in this workbook \
             (sheets: \"Table Cleanup\", \"Data\")"
        )],
        "{err}"
    );
    assert!(
        err.contains("sheet = "),
        "the hint shows the config entry:\n{err}"
    );
}

#[test]
fn a_workbook_whose_sheets_hold_no_agreement_answers_is_one_error_listing_them() {
    let project = Project::sample();
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows) in [
        ("Notes", [["Exported by hand", ""], ["", ""]]),
        ("Figures", [["Age", "Score"], ["34", "12"]]),
    ] {
        let sheet = book.add_worksheet().set_name(name).expect("name");
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                sheet.write(r as u32, c as u16, *cell).expect("cell");
            }
        }
    }
    book.save(project.path().join("inputs/answers.xlsx"))
        .expect("write workbook");
    project.edit_config(|doc| {
        let mut surveys = toml_edit::Array::new();
        surveys.push("inputs/answers.xlsx");
        doc["inputs"]["surveys"] = toml_edit::value(surveys);
        doc["inputs"]["illustrative"] = toml_edit::value(toml_edit::Array::new());
    });
    let out = project.run(&["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "error[no-sheet]: inputs/answers.xlsx: no sheet of this workbook holds agreement \
             answers (sheets: \"Notes\", \"Figures\")"
        ),
        "{err}"
    );
}
