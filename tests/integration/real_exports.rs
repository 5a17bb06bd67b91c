//! Survey exports other people and tools made (`tests/fixtures/real/`, with their
//! origin, commit and licence in its README), read to the figures counted
//! independently by `tests/fixtures/real/count.py` (`expected.json`), or refused with
//! the expected message (issue 16). The count script records each column's answers as
//! written and a human's judgement of its type; the level each label stands for is
//! written below, by hand.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

use crate::common::{
    Project, flat, pdf_text, project_with_real_survey as project_with_survey, real, repo,
};

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
    // SurveyMonkey's wording, capitalised.
    ("Strongly Agree", "strongly_agree"),
    ("Agree", "agree"),
    ("Neither Agree nor Disagree", "neutral"),
    ("Disagree", "disagree"),
    ("Strongly Disagree", "strongly_disagree"),
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

/// The columns of `types` in `expected.json`.
fn expected_columns(file: &str, types: &[&str]) -> Vec<serde_json::Value> {
    expected(file)["columns_detail"]
        .as_array()
        .expect("columns")
        .iter()
        .filter(|c| types.contains(&c["type"].as_str().unwrap_or("")))
        .cloned()
        .collect()
}

/// Counts per level of each column of `types` in `expected.json`, sorted: the levels
/// `count.py` gives (7-point scales), else each label's level from [`LEVELS`].
fn expected_counts(file: &str, types: &[&str]) -> Vec<BTreeMap<String, u64>> {
    let mut all: Vec<BTreeMap<String, u64>> = expected_columns(file, types)
        .iter()
        .map(|c| {
            if let Some(levels) = c["levels"].as_object() {
                return levels
                    .iter()
                    .map(|(level, n)| (level.clone(), n.as_u64().expect("count")))
                    .collect();
            }
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
    // …and get their own figures: counts per value and median, as count.py found.
    check_ratings(
        "google-forms-fr-rse.generated.csv",
        &stats,
        &["rating-1-7", "choice"],
    );
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
    check_ratings(file, &stats, &["rating-1-10", "choice"]);
}

/// Issue 16: the shape of an English Google Forms export with three 0–10 linear scales
/// (net-promoter style) and no agreement question: each 0–10 column is a rating with
/// count.py's counts per value (0 included) and median, the file gives their figures
/// with a warning, and its other columns (a labelled 5-point food rating, free text) are
/// set aside, never read as agreement.
#[test]
fn google_forms_english_zero_to_ten_scales_are_ratings_from_zero() {
    let file = "google-forms-en-conference-nps.generated.csv";
    let (out, json) = stats(file);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.lines().any(|l| l.starts_with("warning[missing-column]")
            && l.contains("no agreement statement: only the 3 questions rated")),
        "{err}"
    );
    let stats = json.expect("stats JSON");
    assert_eq!(
        stats["statements"].as_array().map_or(0, Vec::len),
        0,
        "{stats}"
    );
    assert_eq!(
        stats["survey"]["participants"],
        expected(file)["responses"],
        "one participant per response"
    );
    check_ratings(file, &stats, &["rating-0-10"]);
    let ratings = stats["survey"]["ratings"].as_array().expect("ratings");
    assert!(
        ratings.iter().all(|r| r["min"] == 0 && r["max"] == 10),
        "{ratings:?}"
    );
    // Every other column is set aside by name: none is a statement or a rating.
    let aside = stats["survey"]["set_aside"].as_array().expect("set aside");
    for header in expected_headers(file, &["quality-5", "free-text"]) {
        let entry = aside
            .iter()
            .find(|c| c["column"] == header.as_str())
            .unwrap_or_else(|| panic!("{header:?} not set aside: {aside:?}"));
        assert_ne!(entry["kind"], "rating", "{entry}");
    }
}

/// Issue 16: a real SurveyMonkey export (CC BY 4.0, cleaned by its authors in OpenRefine:
/// metadata removed, headers renamed) with a 5-point agreement grid in SurveyMonkey's
/// capitalised wording, a 0–10 likelihood to recommend, and seven other ordinal scales
/// (pace, frequency, ability, knowledge, motivation): the agreement columns are the
/// statements, with count.py's counts per level and blanks as non-answers; the 0–10
/// question is the only rating, with count.py's counts and median; no other scale is
/// read as agreement or as a rating.
#[test]
fn surveymonkey_english_agreement_grid_and_likelihood_to_recommend_are_read() {
    let file = "surveymonkey-openrefine-en-instructor-training.csv";
    let stats = check_read(file, &["agreement-5"]);
    assert_eq!(
        read_with_non_answers(&stats),
        expected_with_non_answers(file, &["agreement-5"]),
        "{file}: a blank cell is a non-answer"
    );
    assert!(
        stats["statements"]
            .as_array()
            .expect("statements")
            .iter()
            .all(|s| s["scale"] == "five_point"),
        "{stats}"
    );
    check_ratings(file, &stats, &["rating-0-10", "choice"]);
}

/// Each rating bilan found — its count per value and median — against the columns of
/// `types` that `count.py` found numbered (every one of them; of `choice` columns,
/// those holding only numbers: an age, a year of birth), both sorted.
fn check_ratings(file: &str, stats: &serde_json::Value, types: &[&str]) {
    let responses = expected(file)["responses"].as_u64().expect("responses");
    let mut expected: Vec<(BTreeMap<i64, u64>, f64, u64)> = expected_columns(file, types)
        .iter()
        .filter(|c| c["type"] != "choice" || c["values"].is_object())
        .map(|c| {
            let values: BTreeMap<i64, u64> = c["values"]
                .as_object()
                .unwrap_or_else(|| panic!("{file}: no values counted for {}", c["header"]))
                .iter()
                .map(|(v, n)| (v.parse().expect("value"), n.as_u64().expect("count")))
                .collect();
            // Every response that gave no number, blank or not, is a non-answer.
            let numbered: u64 = values.values().sum();
            (
                values,
                c["median"].as_f64().expect("median"),
                responses - numbered,
            )
        })
        .collect();
    let mut read: Vec<(BTreeMap<i64, u64>, f64, u64)> = stats["survey"]["ratings"]
        .as_array()
        .unwrap_or_else(|| panic!("{file}: no ratings"))
        .iter()
        .map(|r| {
            let values = r["distribution"]
                .as_array()
                .expect("distribution")
                .iter()
                .map(|v| {
                    (
                        v["value"].as_i64().expect("value"),
                        v["count"].as_u64().expect("count"),
                    )
                })
                .collect();
            (
                values,
                r["median"].as_f64().expect("median"),
                r["non_answers"].as_u64().expect("non-answers"),
            )
        })
        .collect();
    let order = |a: &(BTreeMap<i64, u64>, f64, u64), b: &(BTreeMap<i64, u64>, f64, u64)| {
        a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2))
    };
    expected.sort_by(order);
    read.sort_by(order);
    assert!(!expected.is_empty(), "{file}: no rating to compare");
    assert_eq!(
        read, expected,
        "{file}: every rating, with count.py's counts, median and non-answers"
    );
}

/// Each yes/no column bilan found — yes, no, non-answers — against count.py's
/// `yes-no` columns, each answer read by hand below, both sorted.
fn check_yes_no(file: &str, stats: &serde_json::Value) {
    let responses = expected(file)["responses"].as_u64().expect("responses");
    let mut expected: Vec<(u64, u64, u64)> = expected_columns(file, &["yes-no"])
        .iter()
        .map(|c| {
            let mut counts = (0, 0, 0);
            for (label, n) in c["counts"].as_object().expect("counts") {
                let n = n.as_u64().expect("count");
                match label.as_str() {
                    "Yes" | "yes" | "Ja" | "Oui" => counts.0 += n,
                    "No" | "Nein" | "Non" => counts.1 += n,
                    "N/A" => counts.2 += n,
                    other => panic!("{file}: no reading written for {other:?}"),
                }
            }
            // A blank cell is a non-answer, as on a statement.
            counts.2 += responses - non_empty(c);
            counts
        })
        .collect();
    let mut read: Vec<(u64, u64, u64)> = stats["survey"]["yes_no"]
        .as_array()
        .unwrap_or_else(|| panic!("{file}: no yes/no columns"))
        .iter()
        .map(|y| {
            let n = |k: &str| y[k].as_u64().expect("count");
            let (yes, no) = (n("yes"), n("no"));
            // The share and its interval are over the yes and no answers.
            let share = y["yes_share"]["share"].as_f64().expect("share");
            assert!((share - ratio(yes, yes + no)).abs() < 1e-4, "{y}");
            (yes, no, n("non_answers"))
        })
        .collect();
    expected.sort();
    read.sort();
    assert_eq!(
        read, expected,
        "{file}: every yes/no column, with count.py's counts"
    );
}

/// The cells of a column of `expected.json` that hold something.
fn non_empty(column: &serde_json::Value) -> u64 {
    column["non_empty"]
        .as_u64()
        .or_else(|| column["non_empty"].as_str().and_then(|n| n.parse().ok()))
        .expect("non_empty")
}

fn ratio(a: u64, b: u64) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

#[test]
fn limesurvey_seven_point_agreement_is_read_with_every_level() {
    let file = "limesurvey-en-wellbeing.generated.csv";
    // 36 statements, each level counted apart: `Somewhat agree` is not `Agree`.
    let figures = check_read(file, &["agreement-7"]);
    let statements = figures["statements"].as_array().expect("statements");
    assert_eq!(statements.len(), 36);
    assert!(statements.iter().all(|s| s["scale"] == "seven_point"));
    assert!(
        statements
            .iter()
            .all(|s| s["levels"].as_array().map(Vec::len) == Some(7))
    );
    // The share agreeing is the three levels above neutral, over count.py's n.
    let mut expected: Vec<(u64, u64)> = expected_columns(file, &["agreement-7"])
        .iter()
        .map(|c| {
            (
                c["n"].as_u64().expect("n"),
                c["agree"].as_u64().expect("agree"),
            )
        })
        .collect();
    let mut read: Vec<(u64, u64)> = statements
        .iter()
        .map(|s| {
            let n = s["n"].as_u64().expect("n");
            let agree = ["somewhat_agree", "agree", "strongly_agree"]
                .iter()
                .map(|l| s["counts"][l].as_u64().expect("count"))
                .sum::<u64>();
            let share = s["agree"]["share"].as_f64().expect("share");
            assert!((share - ratio(agree, n)).abs() < 1e-4, "{s}");
            (n, agree)
        })
        .collect();
    expected.sort();
    read.sort();
    assert_eq!(read, expected);
    // Numbered 1–7 points (and the numbered frequency and comparison scales) are
    // ratings; yes/no sub-questions get their share of yes.
    check_ratings(
        file,
        &figures,
        &["rating-1-7", "comparison-7", "frequency-5", "choice"],
    );
    check_yes_no(file, &figures);
    let (out, _) = stats(file);
    let err = stderr(&out);
    // Metadata headed `id. Response ID` and the like are never statements.
    assert!(!err.contains("unknown answer"), "{err}");
    assert!(!err.contains("more than five points"), "{err}");
}

/// No agreement statement: its yes/no questions' figures (count.py's) with a warning,
/// and the respondents' names never printed.
#[test]
fn limesurvey_french_export_without_agreement_gives_yes_no_figures_and_never_echoes_names() {
    let file = "limesurvey-fr-drc-internet.generated.csv";
    let (out, json) = stats(file);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("warning[missing-column]"), "{err}");
    assert!(err.contains("no agreement statement"), "{err}");
    check_yes_no(file, &json.expect("stats JSON"));
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

#[test]
fn a_seven_point_export_builds_with_every_level_and_its_ratings_shown() {
    use calamine::{Data, Reader};

    let project = project_with_survey("limesurvey-en-wellbeing.generated.csv");
    project.ok(&["build", "--quiet"]);
    let data = project.data();
    let ratings = data["survey"]["ratings"].as_array().expect("ratings");
    let yes_no = data["survey"]["yes_no"].as_array().expect("yes/no");
    assert!(!ratings.is_empty() && !yes_no.is_empty());

    // The note: the seven levels in the legend and the counts table, then the
    // ratings' and the yes/no questions' tables.
    let note = pdf_text(&project.report("note-executif.pdf"));
    for words in [
        "plutôt d’accord",
        "plutôt pas d’accord",
        "pas du tout d’accord",
        "Questions à note chiffrée",
        "Questions à réponse oui ou non",
    ] {
        assert!(note.contains(words), "{words:?} not in the note");
    }

    // The workbook's Satisfaction sheet: a column per level, a row per rating and
    // per yes/no question.
    let mut book = calamine::open_workbook_auto(project.report("synthese.xlsx")).expect("xlsx");
    let range = book.worksheet_range("Satisfaction").expect("sheet");
    let texts: Vec<String> = range
        .used_cells()
        .filter_map(|(_, _, d)| match d {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    for level in [
        "plutôt d’accord (nb)",
        "plutôt pas d’accord (%)",
        "7 niveaux",
    ] {
        assert!(texts.iter().any(|t| t == level), "{level:?} missing");
    }
    for r in ratings {
        let shown = r["distribution_text"].as_str().expect("text");
        assert!(texts.iter().any(|t| t == shown), "{shown:?} missing");
    }
    let questions = |list: &[serde_json::Value]| -> usize {
        list.iter()
            .filter(|q| texts.iter().any(|t| Some(t.as_str()) == q["text"].as_str()))
            .count()
    };
    assert_eq!(questions(ratings), ratings.len());
    assert_eq!(questions(yes_no), yes_no.len());
}

/// A sheet named for a CSV survey is not silently ignored: one warning names the
/// entry and the sheet, and the answers are read all the same.
#[test]
fn a_sheet_named_for_a_csv_survey_is_a_warning_naming_the_entry() {
    let file = "excel-limesurvey-de-informal-models.csv";
    let project = project_with_sheet(file, Some("Data"));
    let out = project.run(&["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let err = stderr(&out);
    let warnings: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("warning[no-sheet]"))
        .collect();
    assert_eq!(
        warnings,
        [format!(
            "warning[no-sheet]: inputs/{file}: this file is text, not a workbook: the sheet \
             \"Data\" named for it in bilan.toml is ignored"
        )],
        "{err}"
    );
    // Without the sheet, no such warning.
    let out = project_with_survey(file).run(&["check"]);
    assert!(!stderr(&out).contains("no-sheet"), "{}", stderr(&out));
}

/// The headers of the columns `count.py` typed as one of `types`, for `file`.
fn expected_headers(file: &str, types: &[&str]) -> Vec<String> {
    expected_columns(file, types)
        .iter()
        .map(|c| c["header"].as_str().expect("header").to_string())
        .collect()
}

/// A survey with no agreement question is one error; its other columns are each
/// said once, with the reason they are left aside.
fn check_refused_without_agreement(file: &str) -> String {
    let (out, _) = stats(file);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error[")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert!(
        errors[0].starts_with(&format!("error[missing-column]: inputs/{file}")),
        "{err}"
    );
    assert!(errors[0].contains("no statement columns"), "{err}");
    err
}

/// Issue 16: a real English Google Forms export (CC BY 4.0) — a consent and a yes/no
/// question, free text and checkboxes, no agreement grid — gives its two yes/no
/// questions' figures (count.py: two `yes-no` columns, 42 yes each) with one warning
/// that it has no statement to chart; no free-text answer is echoed.
#[test]
fn google_forms_english_export_without_agreement_gives_its_yes_no_figures() {
    let file = "google-forms-en-autistica-citizen-science.csv";
    let expected_file = expected(file);
    assert_eq!(expected_file["responses"], 42, "the committed export");
    let (out, json) = stats(file);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.lines().any(|l| l.starts_with("warning[missing-column]")
            && l.contains("no agreement statement: only the 2 questions rated or answered yes/no are summarised")),
        "{err}"
    );
    let json = json.expect("stats JSON");
    assert_eq!(
        json["statements"].as_array().map_or(0, Vec::len),
        0,
        "{json}"
    );
    check_yes_no(file, &json);
    let yes_no = expected_headers(file, &["yes-no"]);
    let line = err
        .lines()
        .find(|l| l.starts_with("warning[left-aside]") && l.contains("yes/no"))
        .unwrap_or_else(|| panic!("no yes/no line:\n{err}"));
    assert!(
        line.contains(&format!("{} columns left aside", yes_no.len())),
        "{line}"
    );
    for header in &yes_no {
        let start: String = header.chars().take(40).collect();
        assert!(line.contains(&start), "{start:?} not named in {line}");
    }
    // No free-text answer is echoed.
    let mut reader = csv::Reader::from_path(real(file)).expect("read export");
    for record in reader.records() {
        let answer = record.expect("record")[2].trim().to_string();
        if answer.chars().count() > 20 {
            let start: String = answer.chars().take(20).collect();
            assert!(!err.contains(&start), "{start:?} printed:\n{err}");
        }
    }
}

/// Issue 16: the shape of a Microsoft Forms workbook (an Excel table, times as date
/// serials, e-mails as hyperlinks) is read from its only sheet; with free-text questions
/// only it is refused in one error, and the respondents' names and e-mail addresses
/// appear nowhere.
#[test]
fn microsoft_forms_workbook_is_read_and_never_echoes_names_or_emails() {
    use calamine::{Data, Reader};
    let file = "microsoft-forms-en-msforms2doc.generated.xlsx";
    let err = check_refused_without_agreement(file);
    assert!(err.contains("sheet \"Sheet1\""), "{err}");
    // Every column is said: metadata and identity set aside silently, the questions
    // (count.py: three free-text columns) as left aside, each named once.
    for header in expected_headers(file, &["free-text"]) {
        let said = err
            .lines()
            .filter(|l| l.starts_with("warning[") && l.contains(&format!("\"{header}\"")))
            .count();
        assert_eq!(said, 1, "{header:?} said {said} times:\n{err}");
    }
    let mut book = calamine::open_workbook_auto(real(file)).expect("xlsx");
    let sheet = book.worksheet_range("Sheet1").expect("Sheet1");
    let mut identities = 0;
    for row in sheet.rows().skip(1) {
        for col in [3, 4] {
            let Some(Data::String(value)) = row.get(col) else {
                panic!("an e-mail and a name in {row:?}");
            };
            identities += 1;
            assert!(!err.contains(value.as_str()), "{value:?} printed:\n{err}");
        }
    }
    assert_eq!(
        identities as u64,
        2 * expected(file)["responses"].as_u64().expect("responses")
    );
}

/// Issue 16: `bilan stats` prints the ratings (n, median, count per value) and the
/// yes/no questions (share of yes with its interval) that data.json holds, in both
/// languages, one line each.
#[test]
fn stats_table_prints_ratings_and_yes_no_questions() {
    let file = "limesurvey-en-wellbeing.generated.csv";
    let project = project_with_survey(file);
    let json: serde_json::Value =
        serde_json::from_slice(&project.ok(&["stats", "--format", "json"]).stdout).expect("json");
    let ratings = json["survey"]["ratings"].as_array().expect("ratings");
    let yes_no = json["survey"]["yes_no"].as_array().expect("yes_no");
    assert!(!ratings.is_empty() && !yes_no.is_empty(), "{file}");
    for (lang, median, share) in [
        ("en", "Median", "Share yes"),
        ("fr", "Médiane", "Part de oui"),
    ] {
        let out = project.ok(&["stats", "--lang", lang]);
        let table = String::from_utf8_lossy(&out.stdout).replace('\u{202f}', " ");
        assert!(table.contains(median) && table.contains(share), "{table}");
        let plain = |s: &serde_json::Value| {
            s.as_str()
                .expect("text")
                .replace(['\u{202f}', '\u{a0}'], " ")
        };
        // The lines that begin as `column` does (a grid's rows share a beginning).
        let lines_of = |column: &str| {
            let start: String = column
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .chars()
                .take(20)
                .collect();
            let lines: Vec<String> = table
                .lines()
                .filter(|l| l.starts_with(&start))
                .map(str::to_string)
                .collect();
            assert!(!lines.is_empty(), "{lang}: no line for {start:?}:\n{table}");
            lines
        };
        // Figures in the report's language: the JSON of this language.
        let json: serde_json::Value = serde_json::from_slice(
            &project
                .ok(&["stats", "--format", "json", "--lang", lang])
                .stdout,
        )
        .expect("json");
        for r in json["survey"]["ratings"].as_array().expect("ratings") {
            let lines = lines_of(r["text"].as_str().expect("text"));
            let (n, median) = (format!("  {}  ", r["n"]), plain(&r["median_text"]));
            let distribution = plain(&r["distribution_text"]);
            assert!(
                lines.iter().any(|l| l.contains(&n)
                    && l.contains(&format!("  {median}  "))
                    && l.ends_with(&distribution)),
                "{lang}: n {n:?}, median {median:?}, {distribution:?} in {lines:#?}"
            );
        }
        for y in json["survey"]["yes_no"].as_array().expect("yes_no") {
            let lines = lines_of(y["text"].as_str().expect("text"));
            let yes = format!("  {}  ", y["yes"]);
            let share = plain(&y["yes_share"]["text"]);
            let interval = plain(&y["yes_share"]["interval_text"]);
            assert!(
                lines.iter().any(|l| l.contains(&yes)
                    && l.contains(&format!("  {share}  "))
                    && l.ends_with(&interval)),
                "{lang}: yes {yes:?}, {share:?} {interval:?} in {lines:#?}"
            );
        }
    }
}

/// Issue 16: the method annex defines a rating's median and a yes/no question's share
/// of yes (with its Wilson interval) when the survey has such questions, in both
/// languages, and only then.
#[test]
fn the_method_annex_defines_ratings_and_yes_no_only_when_the_survey_has_them() {
    let catalogue: toml::Table = std::fs::read_to_string(repo().join("templates/texts.toml"))
        .expect("texts.toml")
        .parse()
        .expect("TOML");
    let definitions = &catalogue["note"]["definitions"];
    let term = |key: &str, lang: &str| definitions[key][lang].as_str().expect("term").to_string();
    let project = project_with_survey("limesurvey-en-wellbeing.generated.csv");
    project.ok(&["build", "--lang", "en"]);
    project.ok(&["build"]);
    let sample = Project::sample();
    sample.ok(&["build", "--lang", "en"]);
    sample.ok(&["build"]);
    let sample_data = sample.data();
    assert!(
        sample_data["survey"]["ratings"]
            .as_array()
            .is_none_or(Vec::is_empty)
            && sample_data["survey"]["yes_no"]
                .as_array()
                .is_none_or(Vec::is_empty),
        "the sample has no rating and no yes/no question"
    );
    for (lang, file) in [("en", "note-executif.en.pdf"), ("fr", "note-executif.pdf")] {
        let with = flat(&pdf_text(&project.report(file)));
        let without = flat(&pdf_text(&sample.report(file)));
        for key in ["rating-median-term", "yes-share-term"] {
            let words = flat(&term(key, lang));
            assert!(with.contains(&words), "{lang}: {words:?} not defined");
            assert!(
                !without.contains(&words),
                "{lang}: {words:?} defined with no such question"
            );
        }
    }
}
