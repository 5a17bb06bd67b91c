//! Issue 16: every survey column typed from its values — checked against the types a
//! person wrote down for the real exports (`tests/fixtures/real/count.py`), and the
//! columns set aside listed in the note's method annex, by heading, never by value.

use crate::common::{Project, pdf_text, project_with_real_survey as project_with_survey, real};

/// A heading as `count.py` writes it and as bilan lists it, compared on its first
/// words (count.py keeps 80 characters).
fn key(header: &str) -> String {
    header
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(60)
        .collect()
}

/// For every real survey export: (count.py's type, bilan's kind or `None` when bilan
/// did not set the column aside, the column's cells that hold something, heading).
fn typed_columns() -> Vec<(String, String, Option<String>, u64, String)> {
    let expected: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(real("expected.json")).expect("expected.json"),
    )
    .expect("JSON");
    let mut out = Vec::new();
    for (file, figures) in expected.as_object().expect("files") {
        let Some(columns) = figures["columns_detail"].as_array() else {
            continue; // Decidim registers
        };
        let project = project_with_survey(file);
        let run = project.run(&["stats", "--format", "json"]);
        let Ok(stats) = serde_json::from_slice::<serde_json::Value>(&run.stdout) else {
            continue; // refused: no statement to chart (checked in real_exports.rs)
        };
        let mut aside: Vec<(String, String)> = stats["survey"]["set_aside"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|c| {
                        (
                            key(c["column"].as_str().expect("column")),
                            c["kind"].as_str().expect("kind").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        for column in columns {
            let header = column["header"].as_str().expect("header");
            let kind = aside
                .iter()
                .position(|(h, _)| *h == key(header))
                .map(|i| aside.remove(i).1);
            let cells: u64 = column["non_empty"]
                .as_str()
                .and_then(|n| n.parse().ok())
                .or_else(|| column["non_empty"].as_u64())
                .expect("non_empty");
            out.push((
                file.clone(),
                column["type"].as_str().expect("type").to_string(),
                kind,
                cells,
                header.to_string(),
            ));
        }
    }
    out
}

#[test]
fn choice_columns_are_typed_as_the_person_who_counted_them_typed_them() {
    let columns = typed_columns();
    let multiple: Vec<_> = columns.iter().filter(|c| c.1 == "multi-choice").collect();
    assert!(
        multiple.len() >= 4,
        "the real exports hold checkbox questions: {multiple:?}"
    );
    for (file, _, kind, _, header) in &multiple {
        assert_eq!(
            kind.as_deref(),
            Some("multiple_choice"),
            "{file}: {header:?} is a checkbox question"
        );
    }
    // A choice among a few labels, or a labelled scale other than agreement, answered
    // enough to tell, is never taken for free text nor for several options ticked.
    let single: Vec<_> = columns
        .iter()
        .filter(|c| {
            c.1 == "choice"
                || ["importance", "frequency", "quality", "comfort", "interest"]
                    .iter()
                    .any(|t| c.1.starts_with(t))
        })
        .filter(|c| c.3 >= 5)
        .collect();
    assert!(single.len() > 100, "{}", single.len());
    let mut as_single = 0;
    for (file, kind_written, kind, _, header) in &single {
        assert!(
            !matches!(
                kind.as_deref(),
                Some("free_text" | "multiple_choice" | "wide_agreement")
            ),
            "{file}: {header:?} ({kind_written}) read as {kind:?}"
        );
        as_single += usize::from(kind.as_deref() == Some("single_choice"));
    }
    // Most are said to be a single choice (the others: ratings, yes/no, or values
    // that fit nothing, such as a labelled scale whose blanks outnumber its answers).
    assert!(
        as_single * 4 >= single.len() * 3,
        "{as_single} of {} read as a single choice",
        single.len()
    );
    // Free text is never said to be a checkbox's options.
    for (file, _, kind, _, header) in columns.iter().filter(|c| c.1 == "free-text") {
        assert_ne!(
            kind.as_deref(),
            Some("multiple_choice"),
            "{file}: {header:?} is free text"
        );
    }
}

/// The method annex lists every kind of column set aside with its reason and the
/// columns' headings — a grid's rows under their question — and never an answer.
#[test]
fn the_method_annex_lists_the_columns_set_aside_by_heading_only() {
    let file = "google-forms-fr-rse.generated.csv";
    let project = project_with_survey(file);
    project.ok(&["build"]);
    let data = project.data();
    let aside = data["survey"]["set_aside"].as_array().expect("set aside");
    let text = pdf_text(&project.report("note-executif.pdf"));
    let heading = "Colonnes de l’enquête laissées de côté";
    assert!(text.contains(heading), "no annex section:\n{text}");
    // After the heading (a table of contents may name it first), up to the next one.
    let annex = text.rsplit(heading).next().expect("section");
    let annex = annex.split("Sources").next().expect("section");
    for (kind, title) in [
        ("rating", "Notes chiffrées"),
        ("single_choice", "Choix unique"),
        ("multiple_choice", "Choix multiples"),
        ("free_text", "Texte libre"),
        ("empty", "Sans réponse"),
    ] {
        let n = aside.iter().filter(|c| c["kind"] == kind).count();
        assert!(n > 0, "{file} has {kind} columns");
        assert!(
            annex.contains(&format!("{title} ({n})")),
            "{title} ({n}) not in:\n{annex}"
        );
    }
    // The seven rows of the knowledge grid, under their question once.
    assert_eq!(
        annex.matches("Concernant les 7 domaines").count(),
        1,
        "{annex}"
    );
    for row in ["La gouvernance", "Le droit des personnes", "environnement"] {
        assert!(annex.contains(row), "{row} not in:\n{annex}");
    }
    // No answer of a column set aside is printed there.
    let mut rows = csv::Reader::from_path(real(file)).expect("csv");
    let headers: Vec<String> = rows
        .headers()
        .expect("headers")
        .iter()
        .map(String::from)
        .collect();
    let mut answers = std::collections::BTreeSet::new();
    for row in rows.records() {
        for (cell, header) in row.expect("row").iter().zip(&headers) {
            let set_aside = aside
                .iter()
                .any(|c| c["column"].as_str() == Some(header.as_str()) && c["kind"] != "rating");
            if set_aside && cell.chars().count() > 6 {
                answers.insert(cell.to_string());
            }
        }
    }
    assert!(answers.len() > 10, "{answers:?}");
    for answer in &answers {
        assert!(
            !annex.contains(answer.as_str()),
            "{answer:?} printed:\n{annex}"
        );
    }
}

/// A survey whose questions are yes/no or ratings only is answered: the feedback annex
/// says it holds no agreement statement, never that no answer was supplied.
#[test]
fn a_survey_without_agreement_statements_is_not_said_unanswered() {
    let project = project_with_survey("google-forms-en-autistica-citizen-science.csv");
    project.ok(&["build"]);
    let text = pdf_text(&project.report("note-executif.pdf"));
    assert!(
        text.contains("Le questionnaire ne porte sur aucune affirmation d’accord"),
        "{text}"
    );
    assert!(
        !text.contains("Aucune réponse au questionnaire n’a été fournie"),
        "{text}"
    );
}

/// A grid's rows (`Question [row]`) and the sub-questions of a two-row header are
/// statements whose question is said above them, once per run, in the chart and in
/// its table: « with my family life. » alone does not say what was asked.
#[test]
fn the_question_of_a_grid_is_said_above_its_rows() {
    for (file, question) in [
        (
            "limesurvey-en-wellbeing.generated.csv",
            "(If applicable) Here and now, I feel satisfied",
        ),
        (
            "excel-limesurvey-de-informal-models.csv",
            "Welche der folgenden Aussagen im Bezug auf die (Wieder-)Verwendung",
        ),
    ] {
        let project = project_with_survey(file);
        project.ok(&["build", "--lang", "en"]);
        let data: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(project.report("data.en.json")).expect("data.en.json"),
        )
        .expect("JSON");
        let statements = data["statements"].as_array().expect("statements");
        let asking: Vec<&serde_json::Value> = statements
            .iter()
            .filter(|s| {
                s["question"]
                    .as_str()
                    .is_some_and(|q| q.starts_with(question))
            })
            .collect();
        assert!(asking.len() >= 2, "{file}: {statements:?}");
        // The question is not repeated in the row's text.
        for s in &asking {
            assert!(!s["text"].as_str().expect("text").contains(question), "{s}");
        }
        let text = pdf_text(&project.report("note-executif.en.pdf"));
        let first = asking[0]["text"].as_str().expect("text");
        let full = asking[0]["question"].as_str().expect("question");
        // Once above the chart's run, once above the table's.
        assert_eq!(
            text.matches(&crate::common::flat(full)).count(),
            2,
            "{file}: {full:?} in:\n{text}"
        );
        let at = text.find(&crate::common::flat(full)).expect("question");
        let row = text[at..]
            .find(&crate::common::flat(first))
            .expect("the first row after its question");
        assert!(row < full.len() + 40, "{file}: {first:?} far from {full:?}");
    }
}

/// A LimeSurvey export of answer codes (`AO01` … rather than the labels): no figure is
/// made of codes, and the message asks for the full answers. (A file of ours: no real
/// export of codes with a licence was found.)
#[test]
fn answer_codes_are_refused_with_the_export_to_make() {
    let project = Project::sample();
    let mut csv = String::from(
        "id. Response ID,G01Q01[SQ001]. Votre avis [Le rythme était adapté],G01Q01[SQ002]. Votre avis [Les documents étaient clairs]\n",
    );
    for (i, (a, b)) in [
        ("AO01", "AO02"),
        ("AO04", "AO05"),
        ("AO05", "AO03"),
        ("AO02", "AO04"),
    ]
    .iter()
    .enumerate()
    {
        csv.push_str(&format!("{},{a},{b}\n", i + 1));
    }
    std::fs::write(project.path().join("inputs/codes.csv"), csv).expect("write");
    project.edit_config(|doc| {
        let mut surveys = toml_edit::Array::new();
        surveys.push("inputs/codes.csv");
        doc["inputs"]["surveys"] = toml_edit::value(surveys);
        doc["inputs"]["illustrative"] = toml_edit::value(toml_edit::Array::new());
    });
    let out = project.run(&["check"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("2 columns left aside, holding answer codes (A1, AO01…)"),
        "{err}"
    );
    assert!(err.contains("\"Full answers\""), "{err}");
    // No code is read as a level, nor printed as an unknown answer.
    assert!(!err.contains("unknown-answer"), "{err}");
}

/// Answers of 1 to 5 under a header that states a wider scale (`(1-7)`, `de 0 à 10`)
/// are points of that scale nobody rated higher: a rating, never agreement levels.
#[test]
fn numbers_one_to_five_on_a_stated_wider_scale_are_a_rating() {
    let project = Project::sample();
    let mut csv = String::from(
        "Horodateur,Votre satisfaction globale (1-7),De 0 à 10 recommanderiez-vous le conseil ?,Le rythme était adapté\n",
    );
    for (i, (a, b, c)) in [(1, 2, 4), (3, 5, 5), (5, 4, 2), (4, 1, 4), (2, 3, 5)]
        .iter()
        .enumerate()
    {
        csv.push_str(&format!("2025-11-{:02} 10:00,{a},{b},{c}\n", i + 1));
    }
    std::fs::write(project.path().join("inputs/scales.csv"), csv).expect("write");
    project.edit_config(|doc| {
        let mut surveys = toml_edit::Array::new();
        surveys.push("inputs/scales.csv");
        doc["inputs"]["surveys"] = toml_edit::value(surveys);
        doc["inputs"]["illustrative"] = toml_edit::value(toml_edit::Array::new());
    });
    let out = project.ok(&["stats", "--format", "json"]);
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let statements: Vec<&str> = stats["statements"]
        .as_array()
        .expect("statements")
        .iter()
        .map(|s| s["text"].as_str().expect("text"))
        .collect();
    // The header without a range stays agreement (and is said so in a warning).
    assert_eq!(statements, ["Le rythme était adapté"]);
    let aside = stats["survey"]["set_aside"].as_array().expect("set aside");
    let scale = |start: &str| -> (i64, i64) {
        let c = aside
            .iter()
            .find(|c| c["column"].as_str().is_some_and(|h| h.starts_with(start)))
            .unwrap_or_else(|| panic!("{start} not set aside: {aside:?}"));
        assert_eq!(c["kind"], "rating", "{c}");
        (
            c["min"].as_i64().expect("min"),
            c["max"].as_i64().expect("max"),
        )
    };
    assert_eq!(scale("Votre satisfaction"), (1, 7));
    assert_eq!(scale("De 0 à 10"), (0, 10));
    let ratings = stats["survey"]["ratings"].as_array().expect("ratings");
    assert_eq!(ratings.len(), 2);
    let err = String::from_utf8_lossy(&out.stderr);
    let numbers: Vec<&str> = err
        .lines()
        .filter(|l| l.starts_with("warning[numbers-as-agreement]"))
        .collect();
    assert_eq!(numbers.len(), 1, "{err}");
    assert!(numbers[0].contains("Le rythme"), "{err}");
}
