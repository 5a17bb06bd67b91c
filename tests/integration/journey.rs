//! Issue 19: a new council's whole journey, from `bilan init` to the note. An
//! imaginary « Conseil citoyen de la transition écologique de Villeneuve », 2025
//! edition, with its own register headers and status wordings, a Google Forms
//! export, its own words, colour and logo in `bilan.toml`: the outputs carry its
//! words, its logo with the alternative text, and none of the sample's wording.

use std::path::{Path, PathBuf};
use std::process::Output;

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::common::{BIN, pdf_text};

const ALT: &str = "Logo de la Ville de Villeneuve";
const ACCEPTED: &str = "adoptée par le conseil municipal";
const NOTE_KIND: &str = "Note aux élus de Villeneuve";

const CONFIG: &str = r##"
[report]
title = "Conseil citoyen de la transition écologique de Villeneuve"
short_title = "CCTE"
organisation = "Ville de Villeneuve"
edition = 2025
session_date = 2025-12-12
language = "fr"
addressee = "conseil municipal"
contact = { name = "Mission participation", email = "participation@villeneuve.fr" }

[inputs]
proposals = "inputs/registre.xlsx"
surveys = ["inputs/questionnaire.csv"]
suggestions = { survey_column = "Une idée pour améliorer le conseil ?" }

[branding]
colour = "#2E7D32"
logo = "images/logo.svg"
logo_alt = "Logo de la Ville de Villeneuve"

[texts.status]
accepted = "adoptée par le conseil municipal"
rejected = "écartée"

[texts.ui]
note-kind = "Note aux élus de Villeneuve"

[texts.note]
step-inform = "*Rendre compte au conseil* le #date ; écrire à participation@villeneuve.fr <mission>."
"##;

const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="60" viewBox="0 0 120 60"><rect width="120" height="60" rx="8" fill="#2E7D32"/><circle cx="30" cy="30" r="18" fill="#FFFFFF"/></svg>"##;

/// The register as the town keeps it: its own headers and wordings.
fn write_register(path: &Path) {
    let rows: [[&str; 7]; 6] = [
        [
            "Réf.",
            "Axe",
            "Préconisation",
            "Décision",
            "Réponse de la Ville",
            "Service pilote",
            "Échéance",
        ],
        [
            "MOB-1",
            "Mobilités",
            "Des arceaux vélo devant chaque école",
            "Adoptée",
            "Quarante arceaux posés avant l’été.",
            "Voirie",
            "juin 2025",
        ],
        [
            "MOB-2",
            "Mobilités",
            "Gratuité des bus le samedi",
            "Refusée",
            "Coût hors de portée du budget.",
            "",
            "",
        ],
        [
            "ENE-1",
            "Énergie",
            "Un cadastre solaire public",
            "À l'étude",
            "Étude de faisabilité lancée.",
            "Urbanisme",
            "",
        ],
        [
            "ENE-2",
            "Énergie",
            "Interdire les chaudières au fioul",
            "Hors compétence",
            "",
            "",
            "",
        ],
        [
            "ENE-3",
            "Énergie",
            "Éteindre l’éclairage public la nuit",
            "Adoptée",
            "Extinction de 23 h à 5 h dans tous les quartiers.",
            "Éclairage public",
            "",
        ],
    ];
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Registre").expect("sheet name");
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_empty() {
                sheet
                    .write_string(r as u32, c as u16, *cell)
                    .expect("write cell");
            }
        }
    }
    book.save(path).expect("save register");
}

/// A Google Forms export: timestamp, a respondent group, a grid, an e-mail and a
/// free-text question.
fn write_survey(path: &Path) {
    let levels = [
        "Tout à fait d'accord",
        "Plutôt d'accord",
        "Plutôt pas d'accord",
        "Pas du tout d'accord",
    ];
    let mut csv = String::from(
        "Horodateur,Vous êtes :,Votre avis [Les séances du soir étaient adaptées.],\
         Votre avis [J'ai reçu les informations nécessaires.],Adresse e-mail,\
         Une idée pour améliorer le conseil ?\n",
    );
    for i in 0..12 {
        let group = if i % 2 == 0 {
            "Habitant"
        } else {
            "Association"
        };
        csv.push_str(&format!(
            "2025/12/12 20:{i:02}:00,{group},{},{},personne{i}@exemple.fr,Idée numéro {i}\n",
            levels[i % 4],
            levels[(i + 1) % 4]
        ));
    }
    std::fs::write(path, csv).expect("write survey");
}

fn run(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new(BIN)
        .args(args)
        .current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "fr_FR.UTF-8")
        .env("SOURCE_DATE_EPOCH", "1765497600")
        .output()
        .expect("run bilan")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "bilan {args:?}: {stderr}");
    stderr
}

/// A new project made by `bilan init`, then given the town's own files.
fn villeneuve() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    ok(tmp.path(), &["init", "villeneuve"]);
    let dir = tmp.path().join("villeneuve");
    // The sample's inputs go: the town has its own.
    std::fs::remove_dir_all(dir.join("inputs")).expect("remove sample inputs");
    std::fs::create_dir_all(dir.join("inputs")).expect("inputs");
    std::fs::create_dir_all(dir.join("images")).expect("images");
    std::fs::write(dir.join("bilan.toml"), CONFIG).expect("config");
    std::fs::write(dir.join("images/logo.svg"), LOGO).expect("logo");
    write_register(&dir.join("inputs/registre.xlsx"));
    write_survey(&dir.join("inputs/questionnaire.csv"));
    (tmp, dir)
}

/// The alternative texts of the figures of a PDF's structure tree.
fn figure_alts(path: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(path).expect("PDF");
    let mut alts = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else {
            continue;
        };
        let is_figure = dict
            .get(b"S")
            .and_then(|s| s.as_name())
            .is_ok_and(|s| s == b"Figure");
        if let (true, Ok(alt)) = (is_figure, dict.get(b"Alt")) {
            let bytes = alt.as_str().expect("Alt is a string");
            alts.push(decode_pdf_text(bytes));
        }
    }
    alts
}

/// A PDF text string: UTF-16BE after its byte-order mark, else single bytes.
fn decode_pdf_text(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> = utf16
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

fn assert_none_of_the_sample(what: &str, text: &str) {
    for sample in [
        "2026",
        "DGA",
        "débat mouvant",
        "world café",
        "CENR",
        "Strasbourg",
    ] {
        assert!(!text.contains(sample), "{what} says {sample:?}:\n{text}");
    }
}

#[test]
fn a_new_council_goes_from_init_to_its_note_in_its_own_words() {
    let (_tmp, dir) = villeneuve();

    // `check` shows how each wording of the register was read.
    let checked = ok(&dir, &["check"]);
    assert!(
        checked.contains("« Adoptée » → adoptée par le conseil municipal, 2 lignes"),
        "{checked}"
    );
    assert!(
        checked.contains("« Refusée » → écartée, 1 ligne"),
        "{checked}"
    );
    assert!(
        checked.contains("« Hors compétence » → hors périmètre, 1 ligne"),
        "{checked}"
    );

    ok(&dir, &["build"]);
    let reports = dir.join("reports/2025");
    let note = pdf_text(&reports.join("note-executif.pdf"));
    assert_none_of_the_sample("the note", &note);
    assert!(note.contains(ACCEPTED), "{note}");
    assert!(note.contains(NOTE_KIND), "{note}");
    assert!(note.contains("écartée"), "{note}");
    // Words written in bilan.toml are data: an e-mail address and angle brackets
    // print as written.
    assert!(
        note.contains("participation@villeneuve.fr <mission>"),
        "{note}"
    );
    assert!(note.contains("Ville de Villeneuve"), "{note}");
    // The survey's free-text question gives the suggestions, by respondent group;
    // its e-mail column is never shown.
    assert!(note.contains("Idée numéro 3"), "{note}");
    assert!(
        note.contains("Habitant") && note.contains("Association"),
        "{note}"
    );
    assert!(!note.contains("@exemple.fr"), "{note}");

    let mut pdfs = vec![reports.join("note-executif.pdf")];
    for entry in std::fs::read_dir(reports.join("fiches")).expect("fiches") {
        let path = entry.expect("entry").path();
        let text = pdf_text(&path);
        assert_none_of_the_sample(&path.display().to_string(), &text);
        pdfs.push(path);
    }
    assert_eq!(pdfs.len(), 6, "a note and five fact sheets");
    let fiche = pdf_text(&reports.join("fiches/MOB-1.pdf"));
    assert!(fiche.contains(ACCEPTED), "{fiche}");
    // The logo is on every PDF, with its alternative text.
    for pdf in &pdfs {
        let alts = figure_alts(pdf);
        assert!(alts.iter().any(|a| a == ALT), "{}: {alts:?}", pdf.display());
    }

    // The workbook says the same words.
    let mut book: Xlsx<_> = open_workbook(reports.join("synthese.xlsx")).expect("xlsx");
    let mut cells = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        for (_, _, value) in range.used_cells() {
            if let Data::String(s) = value {
                cells.push_str(s);
                cells.push('\n');
            }
        }
    }
    assert_none_of_the_sample("the workbook", &cells);
    assert!(cells.contains(ACCEPTED), "{cells}");
    assert!(cells.contains("écartée"), "{cells}");
    assert!(cells.contains("Idée numéro 11"), "{cells}");
    assert!(!cells.contains("@exemple.fr"), "{cells}");

    // The logo is an input of the edition.
    let manifest = std::fs::read_to_string(reports.join("manifest.json")).expect("manifest");
    assert!(manifest.contains("images/logo.svg"), "{manifest}");
}

#[test]
fn a_pale_accent_colour_is_refused_with_its_contrast() {
    let (_tmp, dir) = villeneuve();
    let config = CONFIG.replace("#2E7D32", "#8FBC8F");
    std::fs::write(dir.join("bilan.toml"), config).expect("config");
    let out = run(&dir, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("« #8FBC8F »"), "{stderr}");
    assert!(stderr.contains("2,15:1"), "{stderr}");
    assert!(stderr.contains("4,5:1"), "{stderr}");
}

#[test]
fn a_logo_needs_its_alternative_text_and_texts_their_known_keys() {
    let (_tmp, dir) = villeneuve();
    let config = CONFIG
        .replace("logo_alt = \"Logo de la Ville de Villeneuve\"\n", "")
        .replace("note-kind =", "note-kinds =");
    std::fs::write(dir.join("bilan.toml"), config).expect("config");
    let out = run(&dir, &["check"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("branding.logo_alt"), "{stderr}");
    assert!(
        stderr.contains("« ui.note-kinds »") && stderr.contains("« ui.note-kind »"),
        "{stderr}"
    );
}

/// Years come from the edition: the sample's own words, moved to 2027, say 2028.
#[test]
fn the_sample_a_year_later_says_the_next_year() {
    let project = crate::common::Project::sample();
    project.edit_config(|doc| {
        doc["report"]["edition"] = toml_edit::value(2027);
        let date: toml_edit::Datetime = "2027-11-13".parse().expect("date");
        doc["report"]["session_date"] = toml_edit::value(date);
    });
    project.ok(&["build"]);
    let note = pdf_text(&project.path().join("reports/2027/note-executif.pdf"));
    assert!(note.contains("acceptée (réalisable en 2028)"), "{note}");
    assert!(note.contains("Informer le conseil en 2028"), "{note}");
    assert!(!note.contains("réalisable en 2026"), "{note}");
}
