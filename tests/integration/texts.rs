//! The catalogue of words `templates/texts.toml`: a project's override reaches
//! every output, an unknown key is refused by name, export writes it out.

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::common::{Project, pdf_text};

fn with_texts(texts: &str) -> Project {
    let project = Project::sample();
    std::fs::create_dir(project.path().join("templates")).expect("templates dir");
    std::fs::write(project.path().join("templates/texts.toml"), texts).expect("write");
    project
}

#[test]
fn an_overridden_status_label_reaches_the_note_the_fact_sheet_and_the_workbook() {
    // EDU-04 is "à éclaircir" in the sample register.
    let project = with_texts("[status.to_clarify]\nfr = \"RÉEXAMINER\"\n");
    project.ok(&["build"]);
    let note = pdf_text(&project.report("note-executif.pdf"));
    assert!(note.contains("RÉEXAMINER"), "{note}");
    let fiche = pdf_text(&project.report("fiches/EDU-04.pdf"));
    assert!(fiche.contains("RÉEXAMINER"), "{fiche}");
    assert!(!fiche.contains("à éclaircir"), "{fiche}");
    let mut book: Xlsx<_> = open_workbook(project.report("synthese.xlsx")).expect("xlsx");
    for sheet in ["Synthèse", "Propositions"] {
        let range = book.worksheet_range(sheet).expect("sheet");
        assert!(
            range
                .used_cells()
                .any(|(_, _, v)| v == &Data::String("RÉEXAMINER".into())),
            "{sheet}"
        );
    }
    // Only French was overridden: the English words stay.
    project.ok(&["build", "--lang", "en"]);
    let note = pdf_text(&project.report("note-executif.en.pdf"));
    assert!(note.contains("needs clarification"), "{note}");
    assert!(!note.contains("RÉEXAMINER"), "{note}");
}

#[test]
fn an_unknown_key_in_a_project_catalogue_is_named() {
    let project = with_texts("[status]\nacepted = { fr = \"adoptée\" }\n");
    let out = project.run(&["build"]);
    assert_ne!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("status.acepted"), "{stderr}");
    assert!(stderr.contains("texts.toml"), "{stderr}");
    assert!(!project.report("note-executif.pdf").exists());
}

#[test]
fn export_writes_the_catalogue_beside_the_templates() {
    let project = Project::sample();
    project.ok(&["templates", "export", "templates"]);
    let texts =
        std::fs::read_to_string(project.path().join("templates/texts.toml")).expect("texts");
    assert!(texts.contains("[status]"), "{texts}");
    // The exported catalogue is a valid override as it stands.
    project.ok(&["build"]);
    assert!(pdf_text(&project.report("note-executif.pdf")).contains("à éclaircir"));
}
