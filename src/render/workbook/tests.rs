//! Tests of the whole workbook: sheets, typed cells, formula-looking text, charts
//! and determinism, read back with calamine. The pieces have their own tests in
//! their modules.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use time::macros::{date, datetime};

use super::*;
use crate::config::{Config, Overrides};
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{Due, Level, Origin, Proposal, Reading, Status, Suggestion, SurveySink};
use crate::stats::{self, SurveyAccumulator};

const CONFIG: &str = r#"
[report]
title = "Conseil eurométropolitain du numérique responsable"
short_title = "CENR"
organisation = "Eurométropole de Strasbourg"
edition = 2025
session_date = 2025-11-15

[inputs]
proposals = "inputs/p.xlsx"
"#;

fn proposal(id: &str, theme: &str, title: &str, status: Status) -> Proposal {
    Proposal {
        id: id.into(),
        theme: theme.into(),
        title: title.into(),
        description: Some("Une description assez longue pour être renvoyée à la ligne dans la colonne, comme dans un vrai registre de propositions.".into()),
        status,
        answer: None,
        owner: Some("DNSI".into()),
        due: None,
        condition: None,
        progress: None,
        previous_id: None,
        origin: Origin {
            file: "inputs/p.xlsx".into(),
            sheet: Some("Propositions".into()),
            row: Some(5),
        },
    }
}

fn register() -> Register {
    let mut p1 = proposal("P01", "Inclusion numérique", "=1+1", Status::Accepted);
    p1.due = Some(Due::Date(date!(2026 - 03 - 31)));
    p1.progress = Some(0.4);
    let mut p2 = proposal("P02", "inclusion numérique ", "@SUM(A1)", Status::ToClarify);
    p2.due = Some(Due::Period {
        text: "printemps 2026".into(),
        start: date!(2026 - 03 - 20),
    });
    let p3 = proposal(
        "P03",
        "Sobriété",
        "+33 et -2 : des chiffres",
        Status::Rejected,
    );
    let p4 = proposal("P04", "Sobriété", "Retirée en séance", Status::Withdrawn);
    Register {
        proposals: vec![p1, p2, p3, p4],
        ..Register::default()
    }
}

struct Fixture {
    stats: Stats,
    register: Register,
    diagnostics: Diagnostics,
}

fn fixture(lang: Lang, previous: bool, diagnostics: bool) -> Fixture {
    let overrides = Overrides {
        lang: Some(lang),
        ..Overrides::default()
    };
    let config = Config::parse(CONFIG, Path::new("/project"), &overrides).unwrap();
    let register = register();
    let before = Register {
        proposals: vec![
            proposal("P01", "Inclusion", "Ancien titre", Status::UnderStudy),
            proposal("P09", "Inclusion", "Disparue", Status::Rejected),
        ],
        ..Register::default()
    };
    let mut survey = SurveyAccumulator::new();
    let levels = [
        Level::StronglyAgree,
        Level::Agree,
        Level::Neutral,
        Level::Disagree,
    ];
    for (i, level) in levels.iter().cycle().take(12).enumerate() {
        survey.participant_named(None);
        let reading = Reading::Level {
            level: *level,
            two_point: false,
            numeric: false,
        };
        survey.answer_named(
            "Le rythme d’une rencontre par mois était adapté.",
            None,
            reading,
        );
        let two = Reading::Level {
            level: if i % 3 == 0 {
                Level::Disagree
            } else {
                Level::Agree
            },
            two_point: true,
            numeric: false,
        };
        survey.answer_named("=Je recommanderais le conseil", None, two);
    }
    survey.answer_named(
        "Le rythme d’une rencontre par mois était adapté.",
        None,
        Reading::NonAnswer,
    );
    let suggestions = vec![
        Suggestion {
            group: "finalité".into(),
            category: Some("suivi".into()),
            text: "Publier un tableau de suivi".into(),
            votes: Some(4),
        },
        Suggestion {
            group: "animation".into(),
            category: None,
            text: "-Plus de pauses".into(),
            votes: None,
        },
    ];
    let mut diags = Diagnostics::new();
    if diagnostics {
        diags.push(
            Diagnostic::error(Code::UnknownStatus, "inputs/p.xlsx", "unknown status \"x\"")
                .sheet(Some("Propositions"))
                .row(14)
                .column("Statut")
                .hint("did you mean \"non retenue\"?"),
        );
        diags.push(Diagnostic::warning(
            Code::MissingAnswer,
            "inputs/p.xlsx",
            "no answer",
        ));
    }
    let stats = stats::compute(
        &config,
        stats::Inputs {
            register: &register,
            previous: previous.then_some(&before),
            earlier: &[],
            survey: &survey,
            suggestions: &suggestions,
            sources: Vec::new(),
            diagnostics: &diags,
        },
    );
    Fixture {
        stats,
        register,
        diagnostics: diags,
    }
}

fn build(f: &Fixture, lang: Lang) -> Vec<u8> {
    build_with(f, lang, crate::catalogue::builtin())
}

fn build_with(f: &Fixture, lang: Lang, texts: &Texts) -> Vec<u8> {
    write_workbook(&WorkbookInput {
        stats: &f.stats,
        register: &f.register,
        previous: None,
        fiches: true,
        diagnostics: &f.diagnostics,
        lang,
        texts,
        timestamp: datetime!(2025-11-15 10:00:00),
    })
    .unwrap()
}

fn open(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap()
}

/// The cell under `header` in data row `i` (0-based) of a sheet whose table starts at A1.
fn cell(range: &calamine::Range<Data>, header: &str, i: usize) -> Data {
    let col = (0..range.width())
        .find(|&c| range.get((0, c)) == Some(&Data::String(header.into())))
        .unwrap_or_else(|| panic!("no column {header:?}"));
    range.get((i + 1, col)).cloned().unwrap_or(Data::Empty)
}

/// Whether the zip holds an entry of that name (names are stored uncompressed).
fn has_entry(bytes: &[u8], name: &str) -> bool {
    bytes.windows(name.len()).any(|w| w == name.as_bytes())
}

#[test]
fn sheets_are_named_and_ordered_in_french() {
    let f = fixture(Lang::Fr, true, true);
    let wb = open(&build(&f, Lang::Fr));
    assert_eq!(
        wb.sheet_names(),
        [
            "Synthèse",
            "Propositions",
            "Satisfaction",
            "Suggestions",
            "Suivi",
            "Contrôles"
        ]
    );
    assert_eq!(
        wb.sheet_names(),
        sheet_names(crate::catalogue::builtin(), Lang::Fr, true)
    );
}

#[test]
fn english_names_and_no_follow_up_without_a_previous_edition() {
    let f = fixture(Lang::En, false, true);
    let mut wb = open(&build(&f, Lang::En));
    assert_eq!(
        wb.sheet_names(),
        [
            "Summary",
            "Proposals",
            "Satisfaction",
            "Suggestions",
            "Checks"
        ]
    );
    let proposals = wb.worksheet_range("Proposals").unwrap();
    assert_eq!(
        cell(&proposals, "Status", 2),
        Data::String("not accepted".into())
    );
}

#[test]
fn proposals_sheet_has_one_row_per_proposal_with_typed_cells() {
    let f = fixture(Lang::Fr, true, true);
    let mut wb = open(&build(&f, Lang::Fr));
    let r = wb.worksheet_range("Propositions").unwrap();
    assert_eq!(r.start(), Some((0, 0)));
    assert_eq!(r.height(), 1 + f.register.proposals.len());

    // A due date is a date cell, and so is the start of a period.
    match cell(&r, "Échéance", 0) {
        Data::DateTime(d) => {
            assert!(d.is_datetime());
            assert_eq!(d.as_f64(), 46112.0, "2026-03-31");
        }
        other => panic!("due date is not a date: {other:?}"),
    }
    assert_eq!(
        cell(&r, "Échéance", 1),
        Data::String("printemps 2026".into())
    );
    assert!(matches!(cell(&r, "Échéance (début)", 1), Data::DateTime(d) if d.as_f64() == 46101.0));
    // Progress is a number (formatted as a percentage), not text.
    assert_eq!(cell(&r, "Avancement", 0), Data::Float(0.4));
    assert_eq!(cell(&r, "Statut", 0), Data::String("acceptée".into()));
    assert_eq!(cell(&r, "Ligne", 0), Data::Float(5.0));
    // Themes as the statistics spell them, whatever the row's spelling.
    assert_eq!(
        cell(&r, "Thème", 1),
        Data::String("Inclusion numérique".into())
    );
}

#[test]
fn formula_looking_text_stays_text() {
    let f = fixture(Lang::Fr, true, true);
    let bytes = build(&f, Lang::Fr);
    let mut wb = open(&bytes);
    let r = wb.worksheet_range("Propositions").unwrap();
    assert_eq!(cell(&r, "Titre", 0), Data::String("=1+1".into()));
    assert_eq!(cell(&r, "Titre", 1), Data::String("@SUM(A1)".into()));
    assert_eq!(
        cell(&r, "Titre", 2),
        Data::String("+33 et -2 : des chiffres".into())
    );
    for sheet in wb.sheet_names() {
        let formulas = wb.worksheet_formula(&sheet).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "a formula in {sheet}"
        );
    }
    let s = wb.worksheet_range("Suggestions").unwrap();
    assert!(
        s.used_cells()
            .any(|(_, _, v)| v == &Data::String("-Plus de pauses".into()))
    );
}

#[test]
fn every_word_comes_from_the_catalogue() {
    for lang in Lang::ALL {
        let f = fixture(lang, true, true);
        let mut wb = open(&build(&f, lang));
        for sheet in wb.sheet_names() {
            let r = wb.worksheet_range(&sheet).unwrap();
            assert!(
                r.used_cells()
                    .all(|(_, _, v)| v != &Data::String(crate::catalogue::MISSING.into())),
                "a key missing from texts.toml on {sheet} ({lang:?})"
            );
        }
    }
}

#[test]
fn a_project_catalogue_relabels_the_statuses() {
    let texts = crate::catalogue::builtin()
        .with_override(
            "[status.accepted]\nfr = \"adoptée\"\n[workbook.proposals]\nstatus = { fr = \"État\" }",
        )
        .unwrap();
    let f = fixture(Lang::Fr, true, true);
    let mut wb = open(&build_with(&f, Lang::Fr, &texts));
    let r = wb.worksheet_range("Propositions").unwrap();
    let statuses: Vec<Data> = (0..4).map(|i| cell(&r, "État", i)).collect();
    assert!(
        statuses.contains(&Data::String("adoptée".into())),
        "{statuses:?}"
    );
    let summary = wb.worksheet_range("Synthèse").unwrap();
    assert!(
        summary
            .used_cells()
            .any(|(_, _, v)| v == &Data::String("adoptée".into()))
    );
    assert!(
        !summary
            .used_cells()
            .any(|(_, _, v)| v == &Data::String(Status::Accepted.label(Lang::Fr).into()))
    );
}

#[test]
fn summary_sheet_has_key_figures_and_the_theme_table() {
    let f = fixture(Lang::Fr, true, true);
    let mut wb = open(&build(&f, Lang::Fr));
    let r = wb.worksheet_range("Synthèse").unwrap();
    let find = |label: &str| {
        r.rows()
            .find(|row| row.first() == Some(&Data::String(label.into())))
            .unwrap_or_else(|| panic!("no row {label:?}"))
            .to_vec()
    };
    assert_eq!(find("Propositions examinées")[1], Data::Float(4.0));
    assert_eq!(find("dont retirées")[1], Data::Float(1.0));
    assert_eq!(
        find("Propositions prises en compte (hors retirées)")[1],
        Data::Float(3.0)
    );
    let retained = find("Retenues");
    assert_eq!(retained[1], Data::Float(1.0));
    assert_eq!(retained[2], Data::Float(0.3333));
    assert_eq!(find("Participants à l’enquête")[1], Data::Float(12.0));
    let theme = find("Inclusion numérique");
    assert_eq!(theme[1], Data::Float(1.0), "accepted");
    assert_eq!(theme.last(), Some(&Data::Float(2.0)), "total");
    assert_eq!(find("Sobriété").last(), Some(&Data::Float(2.0)));
    // The totals row of the theme table.
    assert_eq!(find("Ensemble").last(), Some(&Data::Float(4.0)));
}

#[test]
fn satisfaction_sheet_gives_levels_agreement_and_interval() {
    let f = fixture(Lang::Fr, true, true);
    let mut wb = open(&build(&f, Lang::Fr));
    let r = wb.worksheet_range("Satisfaction").unwrap();
    assert_eq!(r.height(), 1 + f.stats.statements.len());
    let s = &f.stats.statements[0];
    assert_eq!(cell(&r, "Réponses (n)", 0), Data::Float(12.0));
    assert_eq!(cell(&r, "Sans réponse", 0), Data::Float(1.0));
    assert_eq!(cell(&r, "tout à fait d’accord (nb)", 0), Data::Float(3.0));
    assert_eq!(cell(&r, "tout à fait d’accord (%)", 0), Data::Float(0.25));
    assert_eq!(cell(&r, "D’accord (part)", 0), Data::Float(s.agree.share));
    assert_eq!(cell(&r, "IC 95 % bas", 0), Data::Float(s.agree.low));
    assert_eq!(cell(&r, "IC 95 % haut", 0), Data::Float(s.agree.high));
    // The 2-point statement shares the "agree" column and leaves the others blank.
    assert_eq!(
        cell(&r, "plutôt d’accord / d’accord (nb)", 1),
        Data::Float(8.0)
    );
    assert_eq!(cell(&r, "tout à fait d’accord (nb)", 1), Data::Empty);
    assert_eq!(
        cell(&r, "Affirmation", 1),
        Data::String("=Je recommanderais le conseil".into())
    );
}

#[test]
fn follow_up_lists_changes_then_new_and_gone_ids() {
    let f = fixture(Lang::Fr, true, true);
    let mut wb = open(&build(&f, Lang::Fr));
    let r = wb.worksheet_range("Suivi").unwrap();
    let ids: Vec<_> = (0..r.height() - 1).map(|i| cell(&r, "N°", i)).collect();
    let s = |x: &str| Data::String(x.into());
    // A proposal gone since has no id in this edition: its own is the previous one.
    assert_eq!(ids, [s("P01"), s("P02"), s("P03"), s("P04"), Data::Empty]);
    assert_eq!(cell(&r, "Ancien N°", 4), s("P09"));
    let follow_up = f.stats.follow_up.as_ref().unwrap();
    // Headers name the years, never « édition précédente ».
    let before = format!("Statut ({})", follow_up.previous_edition);
    assert_eq!(cell(&r, &before, 0), s("encore à l’étude"));
    assert_eq!(
        cell(&r, &before, 4),
        s(&follow_up.gone_proposals[0].status_label)
    );
    assert_eq!(
        cell(&r, "Situation", 0),
        s(&follow_up.proposals[0].situation_label)
    );
    assert_eq!(cell(&r, "Situation", 1), s("nouvelle"));
    assert_eq!(cell(&r, "Situation", 4), s("absente de cette édition"));
}

#[test]
fn checks_sheet_lists_diagnostics_or_says_there_are_none() {
    let f = fixture(Lang::Fr, false, true);
    let mut wb = open(&build(&f, Lang::Fr));
    let r = wb.worksheet_range("Contrôles").unwrap();
    assert_eq!(r.height(), 3);
    assert_eq!(cell(&r, "Gravité", 0), Data::String("erreur".into()));
    assert_eq!(cell(&r, "Ligne", 0), Data::Float(14.0));
    assert_eq!(cell(&r, "Colonne", 0), Data::String("Statut".into()));
    assert_eq!(
        cell(&r, "Conseil", 0),
        Data::String("did you mean \"non retenue\"?".into())
    );
    assert_eq!(cell(&r, "Gravité", 1), Data::String("avertissement".into()));

    let f = fixture(Lang::Fr, false, false);
    let mut wb = open(&build(&f, Lang::Fr));
    let r = wb.worksheet_range("Contrôles").unwrap();
    assert_eq!(r.height(), 2);
    assert_eq!(
        cell(&r, "Gravité", 0),
        Data::String("aucun problème".into())
    );
}

#[test]
fn summary_and_satisfaction_carry_native_charts() {
    let f = fixture(Lang::Fr, true, true);
    let bytes = build(&f, Lang::Fr);
    assert!(has_entry(&bytes, "xl/charts/chart1.xml"));
    assert!(has_entry(&bytes, "xl/charts/chart2.xml"));
    assert!(!has_entry(&bytes, "xl/charts/chart3.xml"));
    assert!(has_entry(&bytes, "xl/drawings/drawing1.xml"));
    assert!(has_entry(&bytes, "xl/drawings/drawing2.xml"));

    // Without survey answers only the summary's chart is left: the second
    // chart is the Satisfaction one.
    let mut f = fixture(Lang::Fr, true, true);
    f.stats.statements.clear();
    let bytes = build(&f, Lang::Fr);
    assert!(has_entry(&bytes, "xl/charts/chart1.xml"));
    assert!(!has_entry(&bytes, "xl/charts/chart2.xml"));
}

#[test]
fn same_input_gives_the_same_bytes() {
    let f = fixture(Lang::Fr, true, true);
    let first = build(&f, Lang::Fr);
    assert_eq!(first, build(&f, Lang::Fr));
    // The timestamp is what is recorded, not the clock.
    let later = write_workbook(&WorkbookInput {
        stats: &f.stats,
        register: &f.register,
        previous: None,
        fiches: true,
        diagnostics: &f.diagnostics,
        lang: Lang::Fr,
        texts: crate::catalogue::builtin(),
        timestamp: datetime!(2026-01-01 00:00:00),
    })
    .unwrap();
    assert_ne!(first, later);
}

#[test]
fn empty_inputs_still_give_a_valid_workbook() {
    let f = Fixture {
        stats: {
            let config = Config::parse(CONFIG, Path::new("/p"), &Overrides::default()).unwrap();
            stats::compute(
                &config,
                stats::Inputs {
                    register: &Register::default(),
                    previous: None,
                    earlier: &[],
                    survey: &SurveyAccumulator::new(),
                    suggestions: &[],
                    sources: Vec::new(),
                    diagnostics: &Diagnostics::new(),
                },
            )
        },
        register: Register::default(),
        diagnostics: Diagnostics::new(),
    };
    let bytes = build(&f, Lang::Fr);
    let mut wb = open(&bytes);
    assert_eq!(wb.worksheet_range("Propositions").unwrap().height(), 1);
    assert!(!has_entry(&bytes, "xl/charts/chart1.xml"));
}
