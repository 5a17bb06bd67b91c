//! Any text of the data renders: scripts and symbols through the shipped fonts, a
//! character no font holds as a `missing-glyph` warning and U+FFFD in the documents,
//! never a failed build.

use crate::common::{Project, pdf_text};

/// The sample project with a register of `titles` (one proposal each, ids `T-01`…).
fn project_with_titles(titles: &[&str]) -> Project {
    let project = Project::sample();
    let mut register = String::from("Id;Thème;Titre;Statut;Réponse\n");
    for (i, title) in titles.iter().enumerate() {
        register.push_str(&format!(
            "T-{:02};Inclusion numérique;{title};acceptée;Réponse écrite\n",
            i + 1
        ));
    }
    std::fs::write(project.path().join("inputs/titres.csv"), register).expect("write register");
    project.use_register("inputs/titres.csv");
    project
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn arabic_hebrew_symbols_emoji_and_ligatures_render_in_every_document() {
    let titles = [
        "Accueil مرحبا",
        "Bienvenue שלום",
        "Téléphone ☎ validé ✔ recyclé ♻",
        "Vélo 😀 et ﬁnances",
    ];
    let project = project_with_titles(&titles);
    let check = project.ok(&["check"]);
    assert!(
        !stderr(&check).contains("missing-glyph"),
        "{}",
        stderr(&check)
    );
    let build = project.ok(&["build"]);
    assert!(
        !stderr(&build).contains("missing-glyph"),
        "{}",
        stderr(&build)
    );
    let note = pdf_text(&project.report("note-executif.pdf"));
    for (i, title) in titles.iter().enumerate() {
        let fiche = pdf_text(&project.report(&format!("fiches/T-{:02}.pdf", i + 1)));
        for word in title.split_whitespace() {
            assert!(fiche.contains(word), "fact sheet lacks {word:?}: {fiche}");
            assert!(note.contains(word), "note lacks {word:?}");
        }
    }
}

#[test]
fn a_character_no_font_holds_is_a_warning_and_a_replacement_character() {
    let project = project_with_titles(&["Vélo pour tous", "Centre 中 et \u{E000}"]);
    let check = project.run(&["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let said = stderr(&check);
    assert!(
        said.contains(
            "warning[missing-glyph]: inputs/titres.csv: row 3, column \"title\": \
             characters U+4E2D, U+E000 are in no font bilan has"
        ),
        "{said}"
    );
    assert_eq!(said.matches("missing-glyph").count(), 1, "{said}");

    let build = project.run(&["build"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    assert!(
        stderr(&build).contains("U+4E2D, U+E000"),
        "{}",
        stderr(&build)
    );
    let fiche = pdf_text(&project.report("fiches/T-02.pdf"));
    assert!(fiche.contains("Centre \u{FFFD} et \u{FFFD}"), "{fiche}");
    assert!(!fiche.contains('中'), "{fiche}");
    let note = pdf_text(&project.report("note-executif.pdf"));
    assert!(note.contains("Centre \u{FFFD} et \u{FFFD}"), "{note}");
    // The statistics keep the text as read.
    let data = project.data();
    let titles: Vec<&str> = data["proposals"]["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|p| p["title"].as_str())
        .collect();
    assert!(titles.contains(&"Centre 中 et \u{E000}"), "{titles:?}");
}

#[test]
fn a_font_folder_that_cannot_be_read_is_a_warning() {
    let project = project_with_titles(&["Vélo pour tous"]);
    let config = std::fs::read_to_string(project.path().join("bilan.toml")).expect("config");
    std::fs::write(
        project.path().join("bilan.toml"),
        format!("{config}\n[fonts]\ndirs = [\"polices\"]\n"),
    )
    .expect("write config");
    let check = project.run(&["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("cannot read the font folder \"polices\""),
        "{}",
        stderr(&check)
    );
    // Once the folder exists (here with a copy of a shipped font), all is well.
    std::fs::create_dir(project.path().join("polices")).expect("dir");
    std::fs::copy(
        crate::common::repo().join("fonts/NotoSansHebrew-Regular.ttf"),
        project.path().join("polices/NotoSansHebrew-Regular.ttf"),
    )
    .expect("copy font");
    let build = project.ok(&["build"]);
    assert!(
        !stderr(&build).contains("font folder"),
        "{}",
        stderr(&build)
    );
}
