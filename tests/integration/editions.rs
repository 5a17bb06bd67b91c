//! Three editions, 2025 → 2026 → 2027, built through the binary from the committed
//! registers of `tests/fixtures/editions` (issue 20): a Decidim export matched by title,
//! a rename through « Ancien N° », stuck proposals, owners, due dates and progress
//! gained, a withdrawn proposal counted the same way everywhere, next steps that follow
//! the data; and the workbook read back.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::{Value, json};

use crate::common::{Project, pdf_page_text, pdf_text, repo};

/// The sample project turned into edition `edition` of the fixtures' register, with
/// `previous` (fixtures' names, oldest first) as the previous editions.
fn project(edition: i32, previous: &[&str]) -> Project {
    let project = Project::sample();
    let fixtures = repo().join("tests/fixtures/editions");
    for name in [
        "autre-2024.csv",
        "decidim-2025.csv",
        "propositions-2026.csv",
        "propositions-2027.csv",
    ] {
        std::fs::copy(
            fixtures.join(name),
            project.path().join("inputs").join(name),
        )
        .expect("copy");
    }
    let register = if edition == 2025 {
        "inputs/decidim-2025.csv".to_string()
    } else {
        format!("inputs/propositions-{edition}.csv")
    };
    project.use_register(&register);
    project.edit_config(|doc| {
        let report = doc["report"].as_table_mut().expect("[report]");
        report["edition"] = toml_edit::value(i64::from(edition));
        report["session_date"] = toml_edit::value(
            format!("{edition}-11-14")
                .parse::<toml_edit::Datetime>()
                .expect("a date"),
        );
        assert!(
            report.remove("themes").is_some(),
            "the sample orders themes"
        );
        let paths: Vec<String> = previous.iter().map(|p| format!("inputs/{p}")).collect();
        match paths.as_slice() {
            [] => {}
            [one] => doc["inputs"]["previous"] = toml_edit::value(one.as_str()),
            many => {
                doc["inputs"]["previous"] =
                    toml_edit::value(toml_edit::Array::from_iter(many.iter().map(String::as_str)))
            }
        }
    });
    project
}

fn data(project: &Project, edition: i32) -> Value {
    let path = project.path().join(format!("reports/{edition}/data.json"));
    serde_json::from_str(&std::fs::read_to_string(path).expect("data.json")).expect("JSON")
}

fn book(project: &Project, edition: i32) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(
        project
            .path()
            .join(format!("reports/{edition}/synthese.xlsx")),
    )
    .expect("xlsx")
}

/// A sheet as rows of header → cell, from its table at A1.
fn table(
    book: &mut Xlsx<std::io::BufReader<std::fs::File>>,
    sheet: &str,
) -> Vec<HashMap<String, Data>> {
    let range = book.worksheet_range(sheet).expect(sheet);
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .expect("header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    rows.take_while(|r| r.iter().any(|c| !matches!(c, Data::Empty)))
        .map(|r| header.iter().cloned().zip(r.iter().cloned()).collect())
        .collect()
}

fn row<'a>(rows: &'a [HashMap<String, Data>], column: &str, id: &str) -> &'a HashMap<String, Data> {
    rows.iter()
        .find(|r| shown(&r[column]) == id)
        .unwrap_or_else(|| panic!("no row {id} in column {column}"))
}

/// A cell as the sheet shows it (`101` for the number 101).
fn shown(cell: &Data) -> String {
    cell.to_string()
}

/// A part of the workbook's zip archive, as text.
fn part(xlsx: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).expect("xlsx")).expect("zip");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|_| panic!("{name} in the workbook"))
        .read_to_string(&mut text)
        .expect("UTF-8");
    text
}

/// `text` from the first `from` to the next `to` (or its end).
fn between<'a>(text: &'a str, from: &str, to: &str) -> &'a str {
    let start = text
        .find(from)
        .unwrap_or_else(|| panic!("{from:?} in {text}"));
    let rest = &text[start..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

/// The note's text from `from` to `to` (or its end).
fn section<'a>(note: &'a str, from: &str, to: &str) -> &'a str {
    let start = note
        .rfind(from)
        .unwrap_or_else(|| panic!("{from:?} in the note"));
    let rest = &note[start..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

#[test]
fn edition_2025_alone_stores_decidim_ids_as_numbers_and_says_why_satisfaction_is_empty() {
    let project = project(2025, &[]);
    project.edit_config(|doc| {
        let inputs = doc["inputs"].as_table_mut().expect("[inputs]");
        inputs.remove("surveys");
        inputs["illustrative"] =
            toml_edit::value(toml_edit::Array::from_iter(["inputs/suggestions-2025.csv"]));
    });
    project.ok(&["build"]);
    let mut book = book(&project, 2025);
    let proposals = table(&mut book, "Propositions");
    // 8 proposals, ids 101…108: all numbers, so stored as numbers (sorted as numbers).
    assert_eq!(proposals.len(), 8);
    let ids: Vec<&Data> = proposals.iter().map(|r| &r["N°"]).collect();
    assert!(ids.iter().all(|d| matches!(d, Data::Float(_))), "{ids:?}");
    assert_eq!(ids[0], &Data::Float(101.0));
    // No survey: one row says why, and the summary counts no participant.
    let satisfaction = table(&mut book, "Satisfaction");
    assert_eq!(satisfaction.len(), 1);
    assert!(
        satisfaction[0]["Affirmation"]
            .to_string()
            .contains("aucune enquête"),
        "{satisfaction:?}"
    );
    let summary = book.worksheet_range("Synthèse").expect("Synthèse");
    assert!(
        !summary
            .rows()
            .any(|r| shown(&r[0]) == "Participants à l’enquête"),
        "no survey, no participants row"
    );
}

#[test]
fn edition_2026_follows_a_decidim_2025_and_shows_what_moved_and_what_is_stuck() {
    let project = project(2026, &["decidim-2025.csv"]);
    project.ok(&["build"]);
    let data = data(&project, 2026);
    let f = &data["follow_up"];
    assert_eq!(
        (f["edition"].as_i64(), f["previous_edition"].as_i64()),
        (Some(2026), Some(2025))
    );
    // Matching: 101 EDU-01, 102 EDU-04, 104 INC-05, 105 ENV-05, 106 ENV-06, 108 EDU-08
    // by title (6); 103 → INC-12 through « Ancien N° » (title reworded) (1); 107 gone;
    // NEW-01 and NEW-02 new. 7 of 8 and 7 of 9 match: no warning.
    let m = &f["matching"];
    assert_eq!(
        (
            m["matched"].as_u64(),
            m["by_title"].as_u64(),
            m["by_previous_id"].as_u64()
        ),
        (Some(7), Some(6), Some(1))
    );
    assert!(
        f["renamed"]
            .as_array()
            .expect("renamed")
            .contains(&json!({"from": "103", "to": "INC-12", "by": "previous_id"})),
        "{}",
        f["renamed"]
    );
    assert_eq!(f["new"], json!(["NEW-01", "NEW-02"]));
    assert_eq!(f["gone"], json!(["107"]));
    assert_eq!(
        f["gone_proposals"][0]["title"],
        "Former les médiateurs aux langues"
    );
    // Situations, by hand:
    // EDU-01 owner, due and 40 % gained → progressed; EDU-04 under study without owner
    // nor answer both years → stuck; INC-12 owner and 20 % gained → progressed; INC-05
    // under study then escalated, never an owner nor an answer → stuck; ENV-05 answered
    // in 2025, to clarify now → progressed (status); ENV-06 100 % → done; EDU-08 same
    // status and answer → unchanged; NEW-01 new; NEW-02 new but withdrawn; 107 gone.
    assert_eq!(
        f["situations"],
        json!({"done": 1, "progressed": 3, "unchanged": 1, "stuck": 2, "new": 1, "withdrawn": 1, "gone": 1})
    );
    assert_eq!(
        f["summary"],
        json!({"done": 1, "progressed": 3, "stuck": 2})
    );
    assert_eq!(f["stuck"], json!(["EDU-04", "INC-05"]));
    let edu01 = f["proposals"]
        .as_array()
        .expect("proposals")
        .iter()
        .find(|c| c["id"] == "EDU-01")
        .expect("EDU-01");
    assert_eq!(edu01["previous_id"], "101");
    assert_eq!(
        (
            edu01["previous"]["owner"].as_str(),
            edu01["current"]["owner"].as_str()
        ),
        (None, Some("DNSI"))
    );
    assert_eq!(edu01["current"]["due"], "2027-06-30");
    assert_eq!(edu01["current"]["progress"], 0.4);
    assert_eq!(edu01["situation"], "progressed");
    // Transitions: 101, 103, 106, 108 accepted → accepted (4); 102 under study twice;
    // 104 under study → escalated; 105 under study → to clarify. 2 changed, 5 kept.
    assert_eq!(f["transitions"]["accepted"]["accepted"], 4);
    assert_eq!(
        f["transitions"]["under_study"],
        json!({"escalated": 1, "under_study": 1, "to_clarify": 1})
    );
    assert_eq!(
        (f["changed"].as_u64(), f["unchanged"].as_u64()),
        (Some(2), Some(5))
    );
    // 9 proposals, NEW-02 withdrawn: shares over 8.
    assert_eq!(
        (
            data["proposals"]["total"].as_u64(),
            data["proposals"]["counted"].as_u64()
        ),
        (Some(9), Some(8))
    );

    let note = pdf_text(&project.path().join("reports/2026/note-executif.pdf"));
    let page1 = pdf_page_text(&project.path().join("reports/2026/note-executif.pdf"), 1);
    // Page 1: the year-on-year change in three figures, and the withdrawn one apart.
    assert!(
        page1.contains("Depuis 2025 : 1 proposition réalisée, 3 ont avancé, 2 sont bloquées"),
        "{page1}"
    );
    assert!(
        page1.contains("9 propositions examinées, dont 1 retirée ; parts sur 8"),
        "{page1}"
    );
    // The same rule in the annex.
    assert!(
        note.contains(
            "9 propositions examinées, dont 1 retirée ; les parts se calculent sur les 8 autres"
        ),
        "annex"
    );
    // The follow-up names years, never « l'édition précédente ».
    let follow_up = section(&note, "Suivi depuis 2025", "Sigles");
    assert!(!follow_up.contains("édition précédente"), "{follow_up}");
    assert!(
        follow_up.contains("Statut (2025)") && follow_up.contains("Statut (2026)"),
        "{follow_up}"
    );
    assert!(follow_up.contains("Bloquées depuis 2025"), "{follow_up}");
    // Each edition's statuses in that edition's words: the sample's label for accepted
    // names the year after its edition.
    assert!(
        follow_up.contains(
            "Appel à projets croisés a avancé acceptée (réalisable en 2026) acceptée (réalisable en 2027)"
        ),
        "{follow_up}"
    );
    assert!(
        follow_up.contains("103 → INC-12 (colonne « Ancien N° »)"),
        "{follow_up}"
    );
    assert!(follow_up.contains("Pilote : DNSI"), "{follow_up}");
    // The decisions on page 1, from the same facts: the two stuck ones first (EDU-04,
    // INC-05: pending or escalated, no owner nor answer in 2025 and 2026), each asked
    // once (INC-05 is not asked again for an owner as an escalated one); NEW-01, new,
    // without answer; EDU-08 accepted without owner; ENV-06 done (100 %): made known,
    // never asked for anything.
    let decisions = between(&page1, "Décisions demandées", "Avec le conseil");
    for expected in [
        "1. Débloquer les 2 propositions restées sans pilote ni réponse depuis 2025",
        "EDU-04 Mobilisation citoyenne INC-05 Simplifier le langage administratif",
        "2. Répondre à la nouvelle proposition de cette édition, encore sans réponse écrite. NEW-01",
        "3. Nommer un pilote pour l’engagement qui n’en a pas. EDU-08",
    ] {
        assert!(
            decisions.contains(expected),
            "{expected:?} not in {decisions}"
        );
    }
    assert!(!decisions.contains("ENV-06"), "{decisions}");
    assert!(!decisions.contains("là où il en manque"), "{decisions}");
    let council = between(&page1, "Avec le conseil", "Pièces jointes");
    assert!(
        council.contains("Faire connaître la proposition réalisée (ENV-06)"),
        "{council}"
    );
    assert!(
        council.contains("Éclaircir avec le conseil"),
        "ENV-05: {council}"
    );

    // The workbook.
    let xlsx = project.path().join("reports/2026/synthese.xlsx");
    let mut book = book(&project, 2026);
    // Synthèse: the same rule (9, of which 1 withdrawn, 8 counted) and the totals row.
    let summary = book.worksheet_range("Synthèse").expect("Synthèse");
    let figure = |label: &str| {
        summary
            .rows()
            .find(|r| shown(&r[0]) == label)
            .map(|r| r[1].clone())
            .unwrap_or_else(|| panic!("{label} in Synthèse"))
    };
    assert_eq!(figure("Propositions examinées"), Data::Float(9.0));
    assert_eq!(figure("dont retirées"), Data::Float(1.0));
    assert_eq!(
        figure("Propositions prises en compte (hors retirées)"),
        Data::Float(8.0)
    );
    let all = summary
        .rows()
        .find(|r| shown(&r[0]) == "Ensemble")
        .expect("Ensemble row");
    assert_eq!(
        all.iter().rev().find(|c| !matches!(c, Data::Empty)),
        Some(&Data::Float(9.0))
    );
    assert_eq!(figure("bloquée"), Data::Float(2.0));
    assert_eq!(figure("réalisée"), Data::Float(1.0));
    // Suivi: theme, owner, due, progress and situation, before and now, with years.
    let suivi = table(&mut book, "Suivi");
    let edu01 = row(&suivi, "N°", "EDU-01");
    assert_eq!(edu01["Pilote (2026)"].to_string(), "DNSI");
    assert_eq!(edu01["Pilote (2025)"], Data::Empty);
    assert_eq!(edu01["Avancement (2026)"], Data::Float(0.4));
    assert_eq!(edu01["Situation"].to_string(), "a avancé");
    assert_eq!(edu01["Thème"].to_string(), "Éducation");
    assert_eq!(row(&suivi, "N°", "INC-12")["Ancien N°"].to_string(), "103");
    assert_eq!(
        row(&suivi, "N°", "INC-05")["Situation"].to_string(),
        "bloquée"
    );
    let gone = row(&suivi, "Ancien N°", "107");
    assert_eq!(
        gone["Titre"].to_string(),
        "Former les médiateurs aux langues"
    );
    assert_eq!(gone["Statut (2025)"].to_string(), "non retenue");
    // Contrôles: French, with the edition and the proposal of each row; NEW-01 is
    // accepted without an answer.
    let checks = table(&mut book, "Contrôles");
    let new01 = row(&checks, "N°", "NEW-01");
    assert_eq!(new01["Gravité"].to_string(), "avertissement");
    assert_eq!(new01["Édition"], Data::Float(2026.0));
    assert!(
        new01["Message"].to_string().contains("réponse"),
        "{new01:?}"
    );
    // The 2025 register's own warnings (102 and 104 under study without an answer) come
    // after this edition's, named by their 2025 id.
    let decidim102 = row(&checks, "N°", "102");
    assert_eq!(decidim102["Édition"], Data::Float(2025.0));
    assert_eq!(decidim102["Fichier"].to_string(), "inputs/decidim-2025.csv");
    let position = |id: &str| checks.iter().position(|r| shown(&r["N°"]) == id);
    assert!(position("NEW-01") < position("102"), "this edition's first");
    // Each proposal links to its fact sheet, which exists.
    let proposals = table(&mut book, "Propositions");
    assert_eq!(proposals.len(), 9);
    let sheet_names = book.sheet_names();
    let index = sheet_names
        .iter()
        .position(|s| s == "Propositions")
        .expect("sheet")
        + 1;
    let rels = part(&xlsx, &format!("xl/worksheets/_rels/sheet{index}.xml.rels"));
    let targets: Vec<&str> = rels
        .split("Target=\"")
        .skip(1)
        .filter_map(|t| t.split('"').next())
        .filter(|t| t.ends_with(".pdf"))
        .collect();
    assert_eq!(targets.len(), 9, "{rels}");
    for target in &targets {
        assert!(target.starts_with("fiches/"), "{target}");
        assert!(
            project.path().join("reports/2026").join(target).is_file(),
            "{target} exists"
        );
    }
    // Print areas: the useful columns of Propositions (A to J).
    let workbook_xml = part(&xlsx, "xl/workbook.xml");
    assert!(
        workbook_xml.contains("_xlnm.Print_Area")
            && workbook_xml.contains("Propositions!$A$1:$J$10"),
        "{workbook_xml}"
    );
    // Satisfaction: every figure of data.json.
    let satisfaction = table(&mut book, "Satisfaction");
    let statements = data["statements"].as_array().expect("statements");
    assert!(!statements.is_empty());
    for s in statements {
        let r = row(&satisfaction, "N°", &s["index"].to_string());
        assert_eq!(
            r["Accord net"],
            Data::Float(s["net_agreement"].as_f64().expect("net"))
        );
        assert_eq!(r["Réponses (n)"], Data::Float(s["n"].as_f64().expect("n")));
        assert_eq!(
            r["D’accord (part)"],
            Data::Float(s["agree"]["share"].as_f64().expect("share"))
        );
        assert_eq!(
            r["Médiane"].to_string(),
            s["median"]["label"].as_str().unwrap_or_default()
        );
    }
    let satisfaction_range = book.worksheet_range("Satisfaction").expect("Satisfaction");
    let group_rows = satisfaction_range
        .rows()
        .skip_while(|r| shown(&r[0]) != "N°" || shown(&r[2]) != "Groupe")
        .skip(1)
        .count();
    let groups: usize = statements
        .iter()
        .map(|s| s["groups"].as_array().map_or(0, Vec::len))
        .sum();
    assert_eq!(group_rows, groups, "one row per statement and group");
}

#[test]
fn edition_2027_next_steps_follow_the_data() {
    // The whole chain: 2025 (Decidim), then 2026, compared with 2027.
    let project = project(2027, &["decidim-2025.csv", "propositions-2026.csv"]);
    project.ok(&["build"]);
    let f = &data(&project, 2027)["follow_up"];
    assert_eq!(f["editions"], json!([2025, 2026, 2027]));
    let path = |id: &str| -> Vec<(i64, String, String)> {
        f["paths"]
            .as_array()
            .expect("paths")
            .iter()
            .find(|p| p["id"] == id)
            .expect("a path")["steps"]
            .as_array()
            .expect("steps")
            .iter()
            .map(|s| {
                (
                    s["edition"].as_i64().expect("year"),
                    s["id"].as_str().expect("id").to_string(),
                    s["status"].as_str().expect("status").to_string(),
                )
            })
            .collect()
    };
    let step = |year: i64, id: &str, status: &str| (year, id.to_string(), status.to_string());
    // INC-12 was 103 in the Decidim export (« Ancien N° » in 2026).
    assert_eq!(
        path("INC-12"),
        [
            step(2025, "103", "accepted"),
            step(2026, "INC-12", "accepted"),
            step(2027, "INC-12", "accepted")
        ]
    );
    // EDU-04: under study twice (stuck in 2026), accepted in 2027.
    assert_eq!(
        path("EDU-04"),
        [
            step(2025, "102", "under_study"),
            step(2026, "EDU-04", "under_study"),
            step(2027, "EDU-04", "accepted")
        ]
    );
    assert_eq!(
        path("NEW-01"),
        [
            step(2026, "NEW-01", "accepted"),
            step(2027, "NEW-01", "accepted")
        ]
    );
    assert_eq!(path("NEW-03"), [step(2027, "NEW-03", "unanswered")]);
    let mut book = book(&project, 2027);
    let suivi = table(&mut book, "Suivi");
    // The sample's label for accepted is edition-relative: the 2027 edition says 2028.
    assert_eq!(
        row(&suivi, "N°", "EDU-04")["Parcours"].to_string(),
        "encore à l’étude (2025) → encore à l’étude (2026) → acceptée (réalisable en 2028) (2027)"
    );
    // By hand, 2026 → 2027: EDU-01 100 % and ENV-06 still 100 % → done (2); EDU-04
    // answered with an owner, INC-05 owner and due gained, NEW-01 answered with an owner
    // and 50 % → progressed (3); INC-12 as it was → unchanged (1); ENV-05 to clarify
    // without owner nor answer both years → stuck (1); NEW-03 new (1); EDU-08 and NEW-02
    // withdrawn (2); nothing gone.
    assert_eq!(
        f["situations"],
        json!({"done": 2, "progressed": 3, "unchanged": 1, "stuck": 1, "new": 1, "withdrawn": 2, "gone": 0})
    );
    assert_eq!(f["stuck"], json!(["ENV-05"]));
    let note = pdf_text(&project.path().join("reports/2027/note-executif.pdf"));
    assert!(
        note.contains("Parcours de 2025 à 2027"),
        "the note shows the paths"
    );
    assert!(
        note.contains("Depuis 2026 : 2 propositions réalisées, 3 ont avancé, 1 est bloquée"),
        "page 1"
    );
    assert!(
        note.contains("10 propositions examinées, dont 2 retirées ; parts sur 8"),
        "page 1"
    );
    // « Ce qui a bougé »: EDU-08, withdrawn in 2027, is there; NEW-02, withdrawn in
    // 2026 already, did not move (it is counted once among the 2 withdrawn above).
    let moved = section(&note, "Ce qui a bougé", "Parcours de 2025 à 2027");
    assert!(moved.contains("EDU-08"), "{moved}");
    assert!(!moved.contains("NEW-02"), "{moved}");
    let page1 = pdf_page_text(&project.path().join("reports/2027/note-executif.pdf"), 1);
    // By hand, 2027: ENV-05 stuck since 2026 (to clarify, no owner nor answer) is the
    // first decision and not asked again with the council; INC-05 now has an owner and a
    // date: nothing is asked of it; NEW-03, new, without answer; EDU-01 and ENV-06
    // done, made known.
    let decisions = between(&page1, "Décisions demandées", "Avec le conseil");
    for expected in [
        "1. Débloquer la proposition restée sans pilote ni réponse depuis 2026",
        "ENV-05 Mutualisation du recyclage",
        "2. Répondre à la nouvelle proposition de cette édition, encore sans réponse écrite. NEW-03",
    ] {
        assert!(
            decisions.contains(expected),
            "{expected:?} not in {decisions}"
        );
    }
    assert!(!decisions.contains("INC-05"), "{decisions}");
    assert!(!decisions.contains("3."), "two decisions only: {decisions}");
    let council = between(&page1, "Avec le conseil", "Pièces jointes");
    assert!(
        council.contains("Faire connaître les 2 propositions réalisées (EDU-01, ENV-06)"),
        "{council}"
    );
    assert!(
        !council.contains("ENV-05"),
        "stuck, among the decisions: {council}"
    );
}

/// `inputs.previous` as a list of entries, each a path (`"inputs/NAME"`) or a path with
/// its edition (`{ path = "inputs/NAME", edition = YEAR }`).
fn set_previous(project: &Project, entries: &[(&str, Option<i64>)]) {
    project.edit_config(|doc| {
        let mut list = toml_edit::Array::new();
        for (name, edition) in entries {
            let path = format!("inputs/{name}");
            match edition {
                None => list.push(path),
                Some(year) => {
                    let mut entry = toml_edit::InlineTable::new();
                    entry.insert("path", path.into());
                    entry.insert("edition", (*year).into());
                    list.push(entry);
                }
            }
        }
        doc["inputs"]["previous"] = toml_edit::value(list);
    });
}

#[test]
fn earlier_editions_given_their_years_are_named_by_them_everywhere() {
    // The Decidim register is the 2023 edition, 2026's is the one before 2027 (a plain
    // path: the year before this edition). Nothing else changes from the consecutive
    // chain: the same paths and situations, under other years.
    let project = project(2027, &[]);
    set_previous(
        &project,
        &[
            ("decidim-2025.csv", Some(2023)),
            ("propositions-2026.csv", None),
        ],
    );
    project.ok(&["build"]);
    let f = &data(&project, 2027)["follow_up"];
    assert_eq!(f["editions"], json!([2023, 2026, 2027]));
    assert_eq!(f["previous_edition"], 2026);
    // INC-12 was 103 in the Decidim export, now dated 2023.
    let steps: Vec<(i64, String)> = f["paths"]
        .as_array()
        .expect("paths")
        .iter()
        .find(|p| p["id"] == "INC-12")
        .expect("INC-12")["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .map(|s| (s["edition"].as_i64().expect("year"), s["id"].to_string()))
        .collect();
    assert_eq!(
        steps,
        [
            (2023, "\"103\"".to_string()),
            (2026, "\"INC-12\"".to_string()),
            (2027, "\"INC-12\"".to_string())
        ]
    );
    let mut workbook = book(&project, 2027);
    let suivi = table(&mut workbook, "Suivi");
    assert_eq!(
        row(&suivi, "N°", "EDU-04")["Parcours"].to_string(),
        "encore à l’étude (2023) → encore à l’étude (2026) → acceptée (réalisable en 2028) (2027)"
    );
    assert!(
        suivi[0].contains_key("Statut (2026)"),
        "{:?}",
        suivi[0].keys()
    );
    let note = pdf_text(&project.path().join("reports/2027/note-executif.pdf"));
    assert!(note.contains("Parcours de 2023 à 2027"), "the note's paths");

    // A single previous edition two years back: 2024 → 2026.
    let project = project_2026_after(Some(2024));
    let f = &data(&project, 2026)["follow_up"];
    assert_eq!(
        (f["previous_edition"].as_i64(), f["editions"].clone()),
        (Some(2024), json!([2024, 2026]))
    );
    let page1 = pdf_page_text(&project.path().join("reports/2026/note-executif.pdf"), 1);
    // The same figures as after 2025 (edition_2026_follows_a_decidim_2025…), since 2024.
    assert!(
        page1.contains("Depuis 2024 : 1 proposition réalisée, 3 ont avancé, 2 sont bloquées"),
        "{page1}"
    );
    let mut workbook = book(&project, 2026);
    let suivi = table(&mut workbook, "Suivi");
    assert!(
        suivi[0].contains_key("Statut (2024)") && suivi[0].contains_key("Statut (2026)"),
        "{:?}",
        suivi[0].keys()
    );
}

/// The 2026 edition built with the Decidim register as its only previous edition,
/// dated `year` when given.
fn project_2026_after(year: Option<i64>) -> Project {
    let project = project(2026, &[]);
    project.edit_config(|doc| {
        let path = "inputs/decidim-2025.csv";
        doc["inputs"]["previous"] = match year {
            None => toml_edit::value(path),
            Some(year) => {
                let mut entry = toml_edit::InlineTable::new();
                entry.insert("path", path.into());
                entry.insert("edition", year.into());
                toml_edit::value(entry)
            }
        };
    });
    project.ok(&["build"]);
    project
}

#[test]
fn earlier_editions_out_of_order_are_a_config_error() {
    for (entries, expected) in [
        // Not before this edition (2026).
        (
            vec![("decidim-2025.csv", Some(2026))],
            "\"inputs/decidim-2025.csv\" is given the edition 2026, which is not before this edition (2026)",
        ),
        // 2025, then the default for the last (2026 − 1 = 2025): not increasing.
        (
            vec![
                ("decidim-2025.csv", Some(2025)),
                ("propositions-2026.csv", None),
            ],
            "\"inputs/propositions-2026.csv\" is given the edition 2025, not after the one before it in the list (2025)",
        ),
    ] {
        let project = project(2026, &[]);
        set_previous(&project, &entries);
        let out = project.run(&["check"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(expected), "{expected:?} not in {stderr}");
    }
}

#[test]
fn a_chain_warns_when_two_earlier_editions_hardly_match() {
    // autre-2024 holds another council's 4 proposals (ids 1–4, no title of 2025's):
    // 0 of its 4 match one of the Decidim register's 8. The Decidim register and 2026
    // match well (7 of 8 and 7 of 9): one warning, naming the older file of the pair.
    let project = project(2026, &["autre-2024.csv", "decidim-2025.csv"]);
    let out = project.run(&["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let warnings: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("a JSON line"))
        .filter(|d| d["code"] == "few-matches")
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(warnings[0]["file"], "inputs/autre-2024.csv");
    let message = warnings[0]["message"].as_str().expect("message");
    assert!(
        message.starts_with("only 0 of the 4 proposals of the previous edition match one of the 8"),
        "{message}"
    );
}

#[test]
fn follow_up_labels_and_warnings_use_the_projects_words() {
    // The sample's [texts] calls accepted proposals « acceptée (réalisable en
    // {next-edition}) »; a situation is renamed too.
    let project = project(2026, &["decidim-2025.csv"]);
    project.edit_config(|doc| {
        doc["texts"]["situation"]["stuck"] = toml_edit::value("au point mort");
    });
    // EDU-01 accepted, its written answer removed.
    let register = project.path().join("inputs/propositions-2026.csv");
    let text = std::fs::read_to_string(&register).expect("register");
    let text = text.replace(";acceptée;Appel prévu en 2026.;", ";acceptée;;");
    std::fs::write(&register, text).expect("write");
    let out = project.ok(&["stats", "--format", "json"]);
    let stats: Value = serde_json::from_slice(&out.stdout).expect("stats JSON");
    let f = &stats["follow_up"];
    let change = f["proposals"]
        .as_array()
        .expect("proposals")
        .iter()
        .find(|c| c["id"] == "EDU-01")
        .expect("EDU-01");
    // 101 was accepted in 2025 and EDU-01 still is: both in the project's words, each
    // edition's as that edition said it (2025: « réalisable en 2026 »).
    for label in [&change["before_label"], &change["previous"]["status_label"]] {
        assert_eq!(label, "acceptée (réalisable en 2026)", "{change}");
    }
    for label in [&change["now_label"], &change["current"]["status_label"]] {
        assert_eq!(label, "acceptée (réalisable en 2027)", "{change}");
    }
    let stuck = f["proposals"]
        .as_array()
        .expect("proposals")
        .iter()
        .find(|c| c["situation"] == "stuck")
        .expect("a stuck proposal");
    assert_eq!(stuck["situation_label"], "au point mort");
    // The missing-answer warning names the status as the project does.
    let out = project.run(&["check", "--format", "json"]);
    let warning = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("a JSON line"))
        .find(|d| d["code"] == "missing-answer")
        .expect("a missing-answer warning");
    let message = warning["message"].as_str().expect("message");
    assert_eq!(
        message,
        "no answer for proposal \"EDU-01\", whose status is \"acceptée (réalisable en 2027)\""
    );
}

#[test]
fn every_sheet_colleagues_print_fits_the_page_width_with_its_headers_repeated() {
    let project = project(2026, &["decidim-2025.csv"]);
    project.ok(&["build"]);
    let xlsx = project.path().join("reports/2026/synthese.xlsx");
    let workbook = part(&xlsx, "xl/workbook.xml");
    // rust_xlsxwriter writes sheet N as xl/worksheets/sheetN.xml, in the book's order.
    let names: Vec<&str> = workbook
        .split("<sheet name=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').expect("a quoted name")])
        .collect();
    for (sheet, repeated) in [
        ("Synthèse", false),
        ("Suivi", true),
        ("Satisfaction", true),
        ("Contrôles", true),
    ] {
        let index = names
            .iter()
            .position(|n| *n == sheet)
            .unwrap_or_else(|| panic!("{sheet} in {names:?}"));
        let xml = part(&xlsx, &format!("xl/worksheets/sheet{}.xml", index + 1));
        // Fit to one page wide, as many pages tall as needed, on A4.
        assert!(xml.contains("<pageSetUpPr fitToPage=\"1\"/>"), "{sheet}");
        assert!(
            xml.contains("paperSize=\"9\"") && xml.contains("fitToHeight=\"0\""),
            "{sheet}: {xml}"
        );
        if repeated {
            // A list: landscape, its header row on every page.
            assert!(xml.contains("orientation=\"landscape\""), "{sheet}");
            let titles = format!(
                "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"{index}\">{sheet}!$1:$1</definedName>"
            );
            assert!(workbook.contains(&titles), "{titles} in {workbook}");
        }
    }
    // Suivi's fourteen columns wrap their text rather than widen the print: no column
    // wider than the title's 250 px (about 35 characters, 35.0 width units).
    let index = names.iter().position(|n| *n == "Suivi").expect("Suivi");
    let xml = part(&xlsx, &format!("xl/worksheets/sheet{}.xml", index + 1));
    let widths: Vec<f64> = xml
        .split(" width=\"")
        .skip(1)
        .map(|s| s[..s.find('"').expect("quoted")].parse().expect("a width"))
        .collect();
    // (Neighbouring columns of the same width share one <col> element.)
    assert!(!widths.is_empty(), "{xml}");
    assert!(widths.iter().all(|w| *w <= 36.0), "{widths:?}");
}
