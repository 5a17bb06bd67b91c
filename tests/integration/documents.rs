//! The PDFs read back: structure, metadata, fonts, literal data, templates (issue 5).

use std::path::Path;

use lopdf::{Document, Object};

use crate::common::{Project, pdf_text};

/// A PDF text string: UTF-16BE with a byte-order mark, or PDFDocEncoding (ASCII here).
fn text_string(object: &Object) -> String {
    let Ok(bytes) = object.as_str() else {
        return String::new();
    };
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

fn load(path: &Path) -> Document {
    Document::load(path)
        .unwrap_or_else(|e| panic!("{} is not a readable PDF ({e})", path.display()))
}

/// Every dictionary of the file (direct objects and streams).
fn dictionaries(doc: &Document) -> Vec<&lopdf::Dictionary> {
    doc.objects
        .values()
        .filter_map(|o| match o {
            Object::Dictionary(d) => Some(d),
            Object::Stream(s) => Some(&s.dict),
            _ => None,
        })
        .collect()
}

fn name_is(dict: &lopdf::Dictionary, key: &[u8], value: &[u8]) -> bool {
    dict.get(key)
        .and_then(Object::as_name)
        .is_ok_and(|n| n == value)
}

/// The checks every bilan PDF must pass: tagged, language, title, embedded fonts,
/// alternative text on every figure.
fn assert_accessible(path: &Path, lang: &str) {
    let doc = load(path);
    let catalog = doc.catalog().expect("catalog");
    assert!(
        catalog.get(b"StructTreeRoot").is_ok(),
        "{}: no structure tree",
        path.display()
    );
    let mark = catalog
        .get(b"MarkInfo")
        .ok()
        .and_then(|m| doc.dereference(m).ok())
        .and_then(|(_, m)| m.as_dict().ok().cloned());
    assert!(
        mark.and_then(|m| m.get(b"Marked").ok().and_then(|b| b.as_bool().ok())) == Some(true),
        "{}: not marked as tagged",
        path.display()
    );
    let document_lang = catalog.get(b"Lang").map(text_string).unwrap_or_default();
    assert!(
        document_lang.starts_with(lang),
        "{}: /Lang is {document_lang:?}",
        path.display()
    );
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(|i| doc.dereference(i))
        .and_then(|(_, i)| i.as_dict())
        .expect("Info");
    let title = info.get(b"Title").map(text_string).unwrap_or_default();
    assert!(!title.trim().is_empty(), "{}: no title", path.display());

    let dicts = dictionaries(&doc);
    let fonts: Vec<_> = dicts
        .iter()
        .filter(|d| name_is(d, b"Type", b"FontDescriptor"))
        .collect();
    assert!(!fonts.is_empty(), "{}: no fonts", path.display());
    for f in fonts {
        assert!(
            f.has(b"FontFile") || f.has(b"FontFile2") || f.has(b"FontFile3"),
            "{}: a font is not embedded",
            path.display()
        );
    }
    for element in dicts.iter().filter(|d| name_is(d, b"S", b"Figure")) {
        let alt = element.get(b"Alt").map(text_string).unwrap_or_default();
        assert!(
            !alt.trim().is_empty(),
            "{}: a figure has no alternative text",
            path.display()
        );
    }
}

/// The standards a PDF declares in its XMP metadata (PDF/A part and level, PDF/UA part).
fn declared_standards(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).expect("read PDF");
    let text = String::from_utf8_lossy(&bytes);
    ["pdfaid:part", "pdfaid:conformance", "pdfuaid:part"]
        .iter()
        .filter_map(|tag| {
            let open = format!("<{tag}>");
            let start = text.find(&open)? + open.len();
            let end = start + text[start..].find('<')?;
            Some(format!("{tag}={}", &text[start..end]))
        })
        .collect()
}

#[test]
fn note_and_fact_sheets_are_tagged_titled_and_embed_their_fonts() {
    let project = Project::sample();
    project.ok(&["build"]);
    assert_accessible(&project.report("note-executif.pdf"), "fr");
    assert_accessible(&project.report("fiches/EDU-01.pdf"), "fr");
    for pdf in ["note-executif.pdf", "fiches/EDU-01.pdf"] {
        assert_eq!(
            declared_standards(&project.report(pdf)),
            ["pdfaid:part=2", "pdfaid:conformance=B", "pdfuaid:part=1"],
            "{pdf} declares PDF/A-2b and PDF/UA-1"
        );
    }
    // The note's charts are figures with alternative text.
    let doc = load(&project.report("note-executif.pdf"));
    let figures = dictionaries(&doc)
        .into_iter()
        .filter(|d| name_is(d, b"S", b"Figure"))
        .count();
    assert!(
        figures >= 2,
        "the note should have its two charts as figures, found {figures}"
    );
}

#[test]
fn fact_sheets_are_one_page() {
    let project = Project::sample();
    project.ok(&["build"]);
    let mut checked = 0;
    for entry in std::fs::read_dir(project.report("fiches")).expect("fiches") {
        let path = entry.expect("entry").path();
        assert_eq!(
            load(&path).get_pages().len(),
            1,
            "{} is not one page",
            path.display()
        );
        checked += 1;
    }
    // Every proposal of the sample has its sheet: the loop cannot pass on none.
    assert_eq!(
        checked,
        project.data()["proposals"]["items"]
            .as_array()
            .map_or(0, Vec::len)
    );
    assert_eq!(checked, 20);
}

/// The font sizes (`Tf` operands) used on a PDF's pages, in points.
fn font_sizes(path: &Path) -> Vec<f32> {
    let doc = load(path);
    let mut sizes = Vec::new();
    for page in doc.get_pages().values() {
        let content = doc
            .get_and_decode_page_content(*page)
            .expect("page content");
        for op in content.operations.iter().filter(|op| op.operator == "Tf") {
            if let Some(size) = op.operands.get(1).and_then(|o| o.as_float().ok()) {
                sizes.push(size);
            }
        }
    }
    sizes
}

#[test]
fn long_fact_sheets_are_set_smaller_to_fit_one_page_and_never_cut() {
    let sentence = "La collectivité étudiera la proposition avec les services concernés et \
                    rendra compte au conseil de l’avancement des travaux engagés. ";
    let answer = |n: usize| format!("{}FIN-{n}", sentence.repeat(n));
    let project = project_with_register(&format!(
        "id,thème,titre,statut,réponse\n\
         A-1,Thème,Court,acceptée,{}\n\
         A-2,Thème,Long,acceptée,{}\n\
         A-3,Thème,Très long,acceptée,{}\n",
        answer(2),
        answer(22),
        answer(60)
    ));
    project.ok(&["build"]);
    let sheet = |id: &str| project.report(&format!("fiches/{id}.pdf"));
    let has = |sizes: &[f32], size: f32| sizes.iter().any(|s| (s - size).abs() < 0.01);

    // A short sheet is set at the template's first size, 10.5 pt.
    assert_eq!(load(&sheet("A-1")).get_pages().len(), 1);
    assert!(has(&font_sizes(&sheet("A-1")), 10.5), "A-1 at 10.5 pt");

    // A longer one, which would run onto a second page at 10.5 pt, is set smaller,
    // whole, and stays on one page with all its text.
    assert_eq!(
        load(&sheet("A-2")).get_pages().len(),
        1,
        "A-2 fits one page"
    );
    let sizes = font_sizes(&sheet("A-2"));
    assert!(
        !has(&sizes, 10.5),
        "A-2 is set smaller than 10.5 pt: {sizes:?}"
    );
    assert!(
        !has(&sizes, 7.5),
        "A-2 needs no more than a step or two: {sizes:?}"
    );
    assert!(pdf_text(&sheet("A-2")).contains("FIN-22"));

    // Beyond the smallest size, the sheet runs onto a second page: nothing is cut.
    assert_eq!(load(&sheet("A-3")).get_pages().len(), 2);
    assert!(has(&font_sizes(&sheet("A-3")), 7.5), "A-3 at 7.5 pt");
    assert!(pdf_text(&sheet("A-3")).contains("FIN-60"));

    // The footers count the pages: a sheet kept below the last size step is written
    // as one page without counting (see docs/templates.md), the last step counts.
    for (id, pages) in [("A-1", 1), ("A-2", 1), ("A-3", 2)] {
        let text = pdf_text(&sheet(id));
        for page in 1..=pages {
            assert!(
                text.contains(&format!("Page {page} / {pages}")),
                "{id}: « Page {page} / {pages} » in {text}"
            );
        }
    }
}

#[test]
fn english_variant_has_its_own_file_and_language() {
    let project = Project::sample();
    project.ok(&["build", "--lang", "en"]);
    let note = project.report("note-executif.en.pdf");
    assert_accessible(&note, "en");
    let text = pdf_text(&note);
    assert!(text.contains("Saturday 15 November 2025"), "English date");
    assert!(
        text.contains("For the attention of the next executive"),
        "the addressee in English (bilan.toml gives it per language)"
    );
    assert!(
        text.contains("needs clarification"),
        "English status labels"
    );
}

/// A one-proposal project whose register is a CSV written by the test.
fn project_with_register(csv: &str) -> Project {
    let project = Project::sample();
    std::fs::write(project.path().join("inputs/register.csv"), csv).expect("write register");
    project.use_register("inputs/register.csv");
    project
}

#[test]
fn a_fact_sheet_shows_a_description_only_when_it_says_more_than_the_title() {
    let project = project_with_register(
        "id,thème,titre,description,statut,réponse\n\
         A-1,Thème,Trier les déchets,Trier les déchets,acceptée,Oui\n\
         A-2,Thème,Réparer les vélos,Un atelier chaque mois,acceptée,Oui\n",
    );
    project.ok(&["build"]);
    let same = pdf_text(&project.report("fiches/A-1.pdf"));
    assert!(!same.contains("Description"), "{same}");
    assert_eq!(same.matches("Trier les déchets").count(), 1, "{same}");
    let more = pdf_text(&project.report("fiches/A-2.pdf"));
    assert!(
        more.contains("Description Un atelier chaque mois"),
        "{more}"
    );
}

#[test]
fn typst_markup_in_the_data_prints_literally() {
    // No `: ; ! ?` here: French typography would rightly space them.
    let title = "#set page(width 1cm) $x^2$ *gras* _it_ <label> @ref `code` \\ #eval(\"1+1\")";
    let project = project_with_register(&format!(
        "id,thème,titre,statut,réponse\nX-1,Thème,\"{}\",acceptée,\"Réponse = 50 % *sûre*\"\n",
        title.replace('"', "\"\"")
    ));
    project.ok(&["build"]);
    for pdf in ["note-executif.pdf", "fiches/X-1.pdf"] {
        let text = pdf_text(&project.report(pdf));
        assert!(text.contains(title), "{pdf}: {text}");
        assert!(text.contains("Réponse = 50 % *sûre*"), "{pdf}: {text}");
    }
}

#[test]
fn a_broken_template_is_reported_with_file_line_and_column_and_exit_3() {
    let project = Project::sample();
    std::fs::create_dir(project.path().join("templates")).expect("templates dir");
    std::fs::write(
        project.path().join("templates/fiche.typ"),
        "#let d = json(\"/fiche.json\")\n= #d.proposal.title\n#unknown-function()\n",
    )
    .expect("write");
    let out = project.run(&["build"]);
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("templates/fiche.typ:3:2"), "{stderr}");
    assert!(
        stderr.contains("unknown variable: unknown-function"),
        "{stderr}"
    );
    assert!(
        !project.report("note-executif.pdf").exists(),
        "nothing written on failure"
    );
}

#[test]
fn a_template_cannot_read_outside_its_project() {
    let project = Project::sample();
    std::fs::create_dir(project.path().join("templates")).expect("templates dir");
    std::fs::write(
        project.path().join("templates/fiche.typ"),
        "#read(\"/../../../../etc/passwd\")\n",
    )
    .expect("write");
    let out = project.run(&["build"]);
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("templates/fiche.typ:1:"), "{stderr}");
    assert!(
        !stderr.contains("root:"),
        "no content of /etc/passwd may leak: {stderr}"
    );
}

#[test]
fn an_overridden_template_is_used_and_export_writes_the_builtins() {
    let project = Project::sample();
    project.ok(&["templates", "export", "templates"]);
    for name in ["common.typ", "note.typ", "fiche.typ"] {
        assert!(
            project.path().join("templates").join(name).is_file(),
            "{name}"
        );
    }
    let fiche = std::fs::read_to_string(project.path().join("templates/fiche.typ")).expect("read");
    std::fs::write(
        project.path().join("templates/fiche.typ"),
        fiche.replacen(
            "#let d = json(\"/fiche.json\")",
            "#let d = json(\"/fiche.json\")\nFICHE PERSONNALISÉE",
            1,
        ),
    )
    .expect("write");
    project.ok(&["build"]);
    assert!(pdf_text(&project.report("fiches/EDU-01.pdf")).contains("FICHE PERSONNALISÉE"));
    assert!(!pdf_text(&project.report("note-executif.pdf")).contains("FICHE PERSONNALISÉE"));
}

#[test]
fn pdf_a_3b_attaches_the_source_data() {
    let project = Project::sample();
    let config = std::fs::read_to_string(project.path().join("bilan.toml")).expect("config");
    std::fs::write(
        project.path().join("bilan.toml"),
        config.replace(
            "pdf_standards = [\"ua-1\", \"a-2b\"]",
            "pdf_standards = [\"ua-1\", \"a-3b\"]",
        ),
    )
    .expect("write");
    project.ok(&["build"]);
    for (pdf, name) in [
        ("note-executif.pdf", "data.json"),
        ("fiches/EDU-01.pdf", "fiche.json"),
    ] {
        let path = project.report(pdf);
        assert_accessible(&path, "fr");
        let doc = load(&path);
        let specs: Vec<String> = dictionaries(&doc)
            .into_iter()
            .filter(|d| name_is(d, b"Type", b"Filespec"))
            .map(|d| {
                d.get(b"UF")
                    .or_else(|_| d.get(b"F"))
                    .map(text_string)
                    .unwrap_or_default()
            })
            .collect();
        assert!(
            specs.iter().any(|s| s == name),
            "{pdf}: attachments {specs:?}"
        );
    }
    // The default, PDF/A-2b, attaches nothing (PDF/A-2 forbids it).
    let project = Project::sample();
    project.ok(&["build"]);
    let doc = load(&project.report("note-executif.pdf"));
    assert!(
        !dictionaries(&doc)
            .into_iter()
            .any(|d| name_is(d, b"Type", b"Filespec"))
    );
}

/// Issue 18: a blank answer cell reads as a sentence derived from the status (marked
/// as such), never as the administration staying silent.
#[test]
fn every_proposal_has_an_answer_line() {
    let project = Project::sample();
    project.ok(&["build"]);
    let data = project.data();
    let items = data["proposals"]["items"].as_array().expect("items");
    let mut documents = vec![project.report("note-executif.pdf")];
    documents.extend(
        items
            .iter()
            .map(|it| project.report(&format!("fiches/{}", it["file"].as_str().expect("file")))),
    );
    for path in &documents {
        let text = pdf_text(path);
        for silence in ["pas de réponse écrite", "non renseigné"] {
            assert!(!text.contains(silence), "{}: {silence:?}", path.display());
        }
    }
    let blank = |status: &str| {
        items
            .iter()
            .find(|it| it["status"] == status && it["answer"].is_null())
            .unwrap_or_else(|| panic!("the sample has a {status} proposal without answer"))
    };
    for (status, sentence) in [
        (
            "escalated",
            "Transmise à la direction générale le 15 novembre 2025 ; réponse attendue. (d’après le statut)",
        ),
        (
            "out_of_scope",
            "Hors du périmètre de la collectivité (séance du 15 novembre 2025). (d’après le statut)",
        ),
        (
            "to_clarify",
            "À préciser par le conseil (séance du 15 novembre 2025). (d’après le statut)",
        ),
    ] {
        let item = blank(status);
        let sheet = project.report(&format!("fiches/{}", item["file"].as_str().expect("file")));
        assert!(
            pdf_text(&sheet).contains(sentence),
            "{}: {sentence}",
            sheet.display()
        );
    }
    let note = pdf_text(&project.report("note-executif.pdf"));
    let derived = note.matches("(d’après le statut)").count();
    let blanks = items.iter().filter(|it| it["answer"].is_null()).count();
    assert!(
        derived >= blanks,
        "each of the {blanks} blank answers is derived in the note at least once ({derived})"
    );
}

/// The names of every file under the edition's folder, `/`-separated.
fn files_under(dir: &Path) -> std::collections::BTreeSet<String> {
    crate::common::files_under(dir)
        .into_iter()
        .map(|(name, _)| name.replace('\\', "/"))
        .collect()
}

/// Issue 18: a French build and an English one live side by side; neither replaces
/// the other's files, and each manifest lists exactly its language's outputs.
#[test]
fn french_and_english_outputs_coexist_and_each_manifest_lists_its_own() {
    use bilan::config::Lang;
    use bilan::layout;

    let project = Project::sample();
    project.ok(&["build"]);
    let french_data = std::fs::read(project.report(layout::data_json(Lang::Fr))).expect("data");
    project.ok(&["build", "--lang", "en"]);
    project.ok(&["build"]);
    assert_eq!(
        std::fs::read(project.report(layout::data_json(Lang::Fr))).expect("data"),
        french_data,
        "the French data.json is the one a French build alone writes"
    );

    let on_disk = files_under(&project.report(""));
    let mut listed = std::collections::BTreeSet::new();
    for lang in [Lang::Fr, Lang::En] {
        let manifest_name = layout::manifest(lang);
        let text = std::fs::read_to_string(project.report(manifest_name)).expect("manifest");
        let manifest: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(manifest["language"], lang.code());
        let outputs = manifest["outputs"].as_array().expect("outputs");
        let paths: Vec<&str> = outputs
            .iter()
            .map(|o| o["path"].as_str().expect("path"))
            .collect();
        for name in [
            layout::note_file_name(lang),
            layout::workbook(lang),
            layout::data_json(lang),
        ] {
            assert!(
                paths.contains(&name),
                "{manifest_name} lists {name}: {paths:?}"
            );
        }
        let sheets = paths.iter().filter(|p| layout::is_fiche(p)).count();
        assert_eq!(
            sheets,
            project.data()["proposals"]["items"]
                .as_array()
                .expect("items")
                .len(),
            "{manifest_name}: one fact sheet per proposal"
        );
        for output in outputs {
            let path = output["path"].as_str().expect("path");
            let bytes = std::fs::read(project.report(path))
                .unwrap_or_else(|e| panic!("{manifest_name} lists {path}, not on disk ({e})"));
            assert_eq!(
                output["sha256"].as_str(),
                Some(bilan::hash::sha256_hex(&bytes).as_str()),
                "{manifest_name}: {path} is the file it describes"
            );
            if layout::is_fiche(path) {
                assert!(path.starts_with(layout::fiches_dir(lang)), "{path}");
            }
            listed.insert(path.to_string());
        }
        listed.insert(manifest_name.to_string());
    }
    assert_eq!(
        on_disk, listed,
        "the folder holds exactly what the two manifests list"
    );

    // The English sheets are English, the French ones French.
    let sheet = |lang| project.report(&layout::fiche_path(lang, "INC-09.pdf"));
    assert!(pdf_text(&sheet(Lang::En)).contains("Outside the authority’s remit"));
    assert!(pdf_text(&sheet(Lang::Fr)).contains("Hors du périmètre de la collectivité"));
    // A `;` after a value in a catalogue sentence is kept (Typst markup ends an
    // expression at a bare `;`).
    let escalated = pdf_text(&project.report(&layout::fiche_path(Lang::En, "INC-06.pdf")));
    assert!(
        escalated.contains(
            "Forwarded to general management on 15 November 2025; answer awaited. (from the status)"
        ),
        "{escalated}"
    );
}

/// The text of a PDF's structure tree, as poppler's `pdfinfo -struct-text` reads it:
/// what a screen reader is given (artifacts such as page headers and footers left
/// out), spaces folded as in [`pdf_text`].
fn tagged_text(path: &Path) -> String {
    let out = std::process::Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(path)
        .output()
        .expect("pdfinfo (poppler-utils) must be installed");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Document"),
        "pdfinfo -struct-text gave no structure for {} (poppler too old?): {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            let start = line.find('"')?;
            let end = line.rfind('"')?;
            (end > start).then(|| &line[start + 1..end])
        })
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Issue 18: a fact sheet stands alone: its date, reference and contact are read by a
/// screen reader (tagged text, not the footer artifact), it prints no internal path,
/// and one proposal is « retenue », not « retenues ».
#[test]
fn fact_sheets_say_their_date_reference_and_contact_in_tagged_text() {
    let project = Project::sample();
    project.ok(&["build"]);
    let data = project.data();
    let report = &data["report"];
    let contact = &report["contact"];
    let items = data["proposals"]["items"].as_array().expect("items");
    for item in items {
        let id = item["id"].as_str().expect("id");
        let sheet = project.report(&format!("fiches/{}", item["file"].as_str().expect("file")));
        let tagged = tagged_text(&sheet);
        let reference = format!(
            "{} {} — {id}",
            report["short_title"].as_str().expect("short title"),
            report["edition"]
        );
        for expected in [
            reference.as_str(),
            report["date_text"].as_str().expect("date"),
            contact["name"].as_str().expect("name"),
            contact["phone"].as_str().expect("phone"),
        ] {
            assert!(
                tagged.contains(expected),
                "{id}: {expected:?} in the tagged text: {tagged}"
            );
        }
        let text = pdf_text(&sheet);
        for source in data["sources"].as_array().expect("sources") {
            let path = source["path"].as_str().expect("path");
            assert!(!text.contains(path), "{id}: {path} printed");
        }
        assert!(!text.contains("(retenues)"), "{id}: {text}");
        assert!(!text.contains("(non retenues)"), "{id}: {text}");
    }
    let escalated = items
        .iter()
        .find(|it| it["status"] == "escalated")
        .expect("an escalated proposal");
    let sheet = project.report(&format!(
        "fiches/{}",
        escalated["file"].as_str().expect("file")
    ));
    assert!(
        pdf_text(&sheet).contains("(retenue)"),
        "one proposal, singular"
    );
}
