//! The briefing note read as its readers read it (issue 18): page 1 is the note to
//! the executive (context, headline, numbered decisions with their conditions), the
//! rest is short annexes with no near-empty page, French data is tagged French in
//! the English note, and tables name their rows.

use std::path::Path;
use std::process::Command;

use lopdf::{Document, Object};

use crate::common::{Project, flat, pdf_page_text};

/// The text of one page, apostrophes folded to ’ (a PDF maps a glyph to one
/// character: the English note's ’ may come out as ').
fn page_text(path: &Path, page: usize) -> String {
    pdf_page_text(path, page).replace('\'', "’")
}

/// How many lines of text each page holds (`pdftotext -layout`, blank lines left out).
fn lines_per_page(path: &Path) -> Vec<usize> {
    let doc = Document::load(path).expect("a readable PDF");
    (1..=doc.get_pages().len())
        .map(|page| {
            let out = Command::new("pdftotext")
                .args(["-layout", "-f", &page.to_string(), "-l", &page.to_string()])
                .arg(path)
                .arg("-")
                .output()
                .expect("pdftotext");
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter(|l| !l.trim().is_empty())
                .count()
        })
        .collect()
}

/// The sample's `report.context` lines in `lang`.
fn context_lines(project: &Project, lang: &str) -> Vec<String> {
    let text = std::fs::read_to_string(project.path().join("bilan.toml")).expect("bilan.toml");
    let config: toml::Table = text.parse().expect("valid TOML");
    config["report"]["context"]
        .as_array()
        .expect("the sample has report.context")
        .iter()
        .map(|line| match line {
            toml::Value::String(s) => s.clone(),
            other => other[lang].as_str().expect("fr and en").to_string(),
        })
        .collect()
}

/// The sample's `[glossary]` expansions in `lang`.
fn glossary(project: &Project, lang: &str) -> Vec<String> {
    let text = std::fs::read_to_string(project.path().join("bilan.toml")).expect("bilan.toml");
    let config: toml::Table = text.parse().expect("valid TOML");
    config["glossary"]
        .as_table()
        .expect("the sample has a glossary")
        .values()
        .map(|v| match v {
            toml::Value::String(s) => s.clone(),
            other => other[lang].as_str().expect("fr and en").to_string(),
        })
        .collect()
}

fn items(data: &serde_json::Value) -> Vec<serde_json::Value> {
    data["proposals"]["items"]
        .as_array()
        .expect("items")
        .clone()
}

fn str_of<'a>(item: &'a serde_json::Value, key: &str) -> Option<&'a str> {
    item[key].as_str()
}

/// Issue 18: page 1 says what the council is, and asks for numbered decisions, each
/// with its proposal, its condition (the register's), and never an id alone.
#[test]
fn page_one_holds_the_context_and_the_decisions_with_their_conditions() {
    let project = Project::sample();
    project.ok(&["build"]);
    project.ok(&["build", "--lang", "en"]);
    let data = project.data();
    let items = items(&data);
    for (file, lang) in [("note-executif.pdf", "fr"), ("note-executif.en.pdf", "en")] {
        // Abbreviations are spelled out at their first use: compare without them.
        let mut page = page_text(&project.report(file), 1);
        for expansion in glossary(&project, lang) {
            page = page.replace(&format!(" ({})", flat(&expansion)), "");
        }
        for line in context_lines(&project, lang) {
            // The glossary may spell out an abbreviation inside a line: compare the
            // words before the first abbreviation.
            let head: String = flat(&line)
                .split(" (")
                .next()
                .unwrap_or_default()
                .chars()
                .take(40)
                .collect();
            assert!(
                page.contains(&head),
                "{file}: context {head:?} not on page 1:\n{page}"
            );
        }
        let conditional: Vec<_> = items
            .iter()
            .filter(|it| matches!(str_of(it, "status"), Some("accepted" | "accepted_modified")))
            .filter(|it| it["condition"].is_string())
            .collect();
        assert!(
            !conditional.is_empty(),
            "the sample has conditional commitments"
        );
        for it in &conditional {
            for key in ["title", "condition"] {
                let text = flat(str_of(it, key).expect("text")).replace('\'', "’");
                assert!(
                    page.contains(&text),
                    "{file}: {key} {text:?} not on page 1:\n{page}"
                );
            }
        }
        for it in items
            .iter()
            .filter(|it| str_of(it, "status") == Some("escalated"))
        {
            let title = flat(str_of(it, "title").expect("title")).replace('\'', "’");
            assert!(
                page.contains(&title),
                "{file}: escalated {title:?} not on page 1"
            );
        }
        // Every id on page 1 comes with its proposal's title.
        for it in &items {
            let id = str_of(it, "id").expect("id");
            if let Some(at) = page
                .find(&format!("{id} "))
                .or_else(|| page.find(&format!("({id})")))
            {
                let title = flat(str_of(it, "title").expect("title")).replace('\'', "’");
                let prefix: String = title.chars().take(30).collect();
                let window = title.len() + 20;
                assert!(
                    page.match_indices(&prefix)
                        .any(|(i, _)| i.abs_diff(at) <= window),
                    "{file}: {id} without its title {prefix:?} near it:\n{page}"
                );
            }
        }
    }
    let fr = page_text(&project.report("note-executif.pdf"), 1);
    assert!(fr.contains("Note") || fr.contains("attention"), "{fr}");
    assert!(fr.contains("À l’attention du prochain exécutif"), "{fr}");
    assert!(
        fr.contains("Décisions demandées") && fr.contains("1. ") && fr.contains("2. "),
        "{fr}"
    );
    // Illustrative survey answers are said on page 1, with the figure.
    assert!(fr.contains("ces réponses sont illustratives"), "{fr}");
    assert!(!fr.contains("pas de réponse écrite"), "{fr}");
}

/// Issue 18: no page of the note under a third of the fullest one, but the last
/// (the note was 12 pages with a 60 % blank outline page and an 80 % blank one).
#[test]
fn the_note_has_no_near_empty_page() {
    let project = Project::sample();
    project.ok(&["build"]);
    project.ok(&["build", "--lang", "en"]);
    for file in ["note-executif.pdf", "note-executif.en.pdf"] {
        let lines = lines_per_page(&project.report(file));
        let fullest = *lines.iter().max().expect("pages");
        for (i, n) in lines.iter().enumerate().take(lines.len() - 1) {
            assert!(
                3 * n >= fullest,
                "{file}: page {} holds {n} lines of {fullest}: {lines:?}",
                i + 1
            );
        }
        // Every section with something to say, and nothing said twice: ten pages at most.
        assert!(
            lines.len() <= 10,
            "{file}: {} pages: {lines:?}",
            lines.len()
        );
        let text = crate::common::pdf_text(&project.report(file));
        for gone in ["Sommaire", "Contents", "Aucune.", "None."] {
            assert!(!text.contains(gone), "{file}: {gone:?} printed");
        }
    }
}

/// The `/Lang` of every structure element and marked-content sequence of the
/// document (typst tags a whole paragraph in another language on its element, a
/// phrase inside a paragraph on its marked content).
fn marked_languages(path: &Path) -> Vec<String> {
    let doc = Document::load(path).expect("a readable PDF");
    let mut out: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").is_ok())
        .filter_map(|d| d.get(b"Lang").ok())
        .filter_map(|l| l.as_str().ok())
        .map(|l| String::from_utf8_lossy(l).into_owned())
        .collect();
    for (_, page) in doc.get_pages() {
        let content = doc.get_page_content(page);
        let text = String::from_utf8_lossy(&content);
        let mut rest = &text[..];
        while let Some(at) = rest.find("/Lang") {
            rest = &rest[at + 5..];
            let start = rest.find('(').map(|i| i + 1).unwrap_or(0);
            let end = rest.find(')').unwrap_or(start);
            out.push(rest[start..end].to_string());
        }
    }
    out
}

/// Issue 18: in the English note and fact sheets, the French data (titles, answers,
/// themes) is tagged French, so that a screen reader reads it in a French voice.
#[test]
fn french_data_in_the_english_documents_is_tagged_french() {
    let project = Project::sample();
    project.ok(&["build", "--lang", "en"]);
    project.ok(&["build"]);
    let items = items(&project.data());
    let en = marked_languages(&project.report("note-executif.en.pdf"));
    let french = en.iter().filter(|l| l.starts_with("fr")).count();
    assert!(
        french >= items.len(),
        "{french} French spans for {} proposals in the English note",
        items.len()
    );
    assert!(en.iter().any(|l| l == "en-GB"), "{en:?}");
    // No English text is tagged with a French region (“en-FR”).
    assert!(!en.iter().any(|l| l == "en-FR"), "{en:?}");
    let fr = marked_languages(&project.report("note-executif.pdf"));
    assert!(
        !fr.iter().any(|l| l.starts_with("en")),
        "French note: {fr:?}"
    );
    let sheet = marked_languages(&project.report(&format!(
        "fiches-en/{}",
        items[0]["file"].as_str().expect("file")
    )));
    assert!(
        sheet.iter().any(|l| l.starts_with("fr")),
        "English fact sheet: {sheet:?}"
    );
    // The survey's French statements too, in the chart and in the table of the
    // feedback annex: without the survey, that many French spans fewer.
    let statements = project.data()["statements"]
        .as_array()
        .expect("statements")
        .len();
    assert!(statements > 0, "the sample has a survey");
    project.edit_config(|doc| {
        doc["inputs"]["surveys"] = toml_edit::value(toml_edit::Array::new());
    });
    project.ok(&["build", "--lang", "en"]);
    let without = marked_languages(&project.report("note-executif.en.pdf"))
        .iter()
        .filter(|l| l.starts_with("fr"))
        .count();
    assert!(
        french >= without + 2 * statements,
        "{french} French spans with the survey's {statements} statements, {without} without"
    );
}

fn name_is(dict: &lopdf::Dictionary, key: &[u8], value: &[u8]) -> bool {
    dict.get(key)
        .and_then(Object::as_name)
        .is_ok_and(|n| n == value)
}

/// Issue 18: a table whose first column names the row has row headers (`TH` with
/// `/Scope /Row`): "non retenue, 1" is heard with its theme, an answer with its id.
#[test]
fn tables_have_row_headers() {
    let project = Project::sample();
    project.ok(&["build"]);
    let data = project.data();
    let doc = Document::load(project.report("note-executif.pdf")).expect("PDF");
    let mut row_headers = 0;
    for object in doc.objects.values() {
        let Object::Dictionary(dict) = object else {
            continue;
        };
        if !name_is(dict, b"S", b"TH") {
            continue;
        }
        let attributes = match dict.get(b"A") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(Object::Dictionary(d)) => vec![Object::Dictionary(d.clone())],
            _ => Vec::new(),
        };
        if attributes
            .iter()
            .any(|a| a.as_dict().is_ok_and(|d| name_is(d, b"Scope", b"Row")))
        {
            row_headers += 1;
        }
    }
    let proposals = items(&data).len();
    let themes = data["proposals"]["by_theme"]
        .as_array()
        .expect("themes")
        .len();
    assert!(
        row_headers >= proposals + themes,
        "{row_headers} row headers for {proposals} proposals and {themes} themes"
    );
}

/// Issue 18: each abbreviation of `[glossary]` is spelled out once, at its first use
/// in the note, listed in the « Sigles » annex, and listed on a fact sheet using it.
#[test]
fn abbreviations_are_spelled_out_at_first_use_and_listed() {
    let project = Project::sample();
    project.ok(&["build"]);
    let text = crate::common::pdf_text(&project.report("note-executif.pdf")).replace('\'', "’");
    let config: toml::Table = std::fs::read_to_string(project.path().join("bilan.toml"))
        .expect("bilan.toml")
        .parse()
        .expect("TOML");
    let glossary = config["glossary"].as_table().expect("glossary");
    assert!(!glossary.is_empty());
    let annex = text.rfind("Sigles").expect("an abbreviations annex");
    // The title keeps the short name it is known by: spelling out starts after it.
    let (body, list) = text.split_at(annex);
    let body = &body[body.find("Contact").expect("the contact line")..];
    for (term, value) in glossary {
        let expansion = flat(value.as_str().or_else(|| value["fr"].as_str()).expect("fr"));
        let spelled = format!("{term} ({expansion})");
        assert_eq!(
            body.matches(&spelled).count(),
            1,
            "{spelled:?} in the note's body"
        );
        let first_use = body
            .find(&format!("{term} "))
            .or_else(|| body.find(&format!("{term},")));
        assert_eq!(
            first_use,
            body.find(&spelled),
            "{term}: spelled out at its first use"
        );
        assert!(
            list.contains(&format!("{term} {expansion}")),
            "{term} not listed:\n{list}"
        );
    }
    // A fact sheet is read alone: it spells out the abbreviations it uses.
    let data = project.data();
    let sheet = items(&data)
        .into_iter()
        .find(|it| it["title"].as_str().is_some_and(|t| t.contains("RGAA")))
        .expect("a proposal about the RGAA");
    let file = sheet["file"].as_str().expect("file");
    let sheet_text = crate::common::pdf_text(&project.report(&format!("fiches/{file}")));
    let rgaa = flat(glossary["RGAA"]["fr"].as_str().expect("RGAA"));
    assert!(
        sheet_text.contains(&format!("RGAA : {rgaa}")),
        "{sheet_text}"
    );
}
