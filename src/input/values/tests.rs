//! Tests of the value readers.

use time::Date;

use super::due::{excel_serial_date, ymd};
use super::*;
use crate::config::Lang;
use crate::input::Cell;
use crate::model::{Due, Level, Reading, Status};

#[test]
fn statuses_in_every_form() {
    let cases = [
        ("accepted", Status::Accepted),
        ("Acceptée", Status::Accepted),
        ("ACCEPTEES", Status::Accepted),
        ("accepté", Status::Accepted),
        ("acceptée (réalisable en 2026)", Status::Accepted),
        ("acceptée et réalisable en 2026", Status::Accepted),
        ("acceptées et réalisables en 2027", Status::Accepted),
        ("accepted_modified", Status::AcceptedModified),
        ("acceptée mais modifiée", Status::AcceptedModified),
        ("Acceptées mais modifiées...", Status::AcceptedModified),
        ("acceptee mais modifiee", Status::AcceptedModified),
        ("Accepted with changes", Status::AcceptedModified),
        ("escalated", Status::Escalated),
        (
            "acceptée, transversale, remontée à la DGA",
            Status::Escalated,
        ),
        (
            "acceptées, mais de nature transversale et donc remontées à la DGA",
            Status::Escalated,
        ),
        ("accepted, escalated (cross-cutting)", Status::Escalated),
        ("under_study", Status::UnderStudy),
        ("encore à l’étude", Status::UnderStudy),
        ("encore a l'etude", Status::UnderStudy),
        ("Under study", Status::UnderStudy),
        ("à éclaircir", Status::ToClarify),
        ("A ECLAIRCIR", Status::ToClarify),
        ("needs clarification", Status::ToClarify),
        ("non retenue", Status::Rejected),
        ("Non retenues", Status::Rejected),
        ("non-retenu", Status::Rejected),
        ("non acceptée", Status::Rejected),
        ("not accepted", Status::Rejected),
        ("hors périmètre", Status::OutOfScope),
        ("Hors perimetre", Status::OutOfScope),
        (
            "hors périmètre des compétences de l'EMS",
            Status::OutOfScope,
        ),
        ("outside remit", Status::OutOfScope),
        ("out_of_scope", Status::OutOfScope),
        ("sans réponse", Status::Unanswered),
        ("not answered yet", Status::Unanswered),
        ("unanswered", Status::Unanswered),
        ("retirée", Status::Withdrawn),
        ("Retirées", Status::Withdrawn),
        ("withdrawn", Status::Withdrawn),
        ("Propositions acceptées", Status::Accepted),
    ];
    for (label, status) in cases {
        assert_eq!(match_status(label), Ok(status), "{label}");
    }
    // Every label the reports print reads back as its status.
    for status in Status::ALL {
        for lang in [Lang::Fr, Lang::En] {
            assert_eq!(
                match_status(status.label(lang)),
                Ok(status),
                "{}",
                status.label(lang)
            );
        }
        assert_eq!(match_status(status.code()), Ok(status));
    }
}

#[test]
fn unknown_statuses_offer_the_closest_label() {
    assert_eq!(
        match_status("acceptee modifiee"),
        Err(Some("acceptée mais modifiée"))
    );
    assert_eq!(match_status("Hors périmère"), Err(Some("hors périmètre")));
    assert_eq!(match_status("non retenu e"), Err(Some("non retenue")));
    assert_eq!(match_status("zzzz"), Err(None));
    assert_eq!(match_status(""), Err(None));
    // A keyword is not enough.
    assert!(match_status("acceptable ?").is_err());
    assert!(match_status("inacceptable").is_err());
}

fn lv(level: Level) -> Option<Reading> {
    Some(Reading::Level {
        level,
        two_point: false,
        numeric: false,
    })
}

#[test]
fn answer_labels_of_every_scale() {
    let two = |level| {
        Some(Reading::Level {
            level,
            two_point: true,
            numeric: false,
        })
    };
    assert_eq!(parse_reading("d'accord"), two(Level::Agree));
    assert_eq!(parse_reading("D’accord"), two(Level::Agree));
    assert_eq!(parse_reading("Pas d’accord"), two(Level::Disagree));
    assert_eq!(parse_reading("pas d'accord"), two(Level::Disagree));
    assert_eq!(
        parse_reading("Tout à fait d'accord"),
        lv(Level::StronglyAgree)
    );
    assert_eq!(
        parse_reading("tout a fait d’accord"),
        lv(Level::StronglyAgree)
    );
    assert_eq!(parse_reading("Plutôt d'accord"), lv(Level::Agree));
    assert_eq!(
        parse_reading("Ni d'accord ni pas d'accord"),
        lv(Level::Neutral)
    );
    assert_eq!(parse_reading("neutre"), lv(Level::Neutral));
    assert_eq!(parse_reading("Plutôt pas d’accord"), lv(Level::Disagree));
    assert_eq!(
        parse_reading("Pas du tout d'accord"),
        lv(Level::StronglyDisagree)
    );
    assert_eq!(parse_reading("Strongly agree"), lv(Level::StronglyAgree));
    assert_eq!(parse_reading("agree"), lv(Level::Agree));
    assert_eq!(parse_reading("Somewhat agree"), lv(Level::Agree));
    assert_eq!(
        parse_reading("Neither agree nor disagree"),
        lv(Level::Neutral)
    );
    assert_eq!(parse_reading("Neutral"), lv(Level::Neutral));
    assert_eq!(parse_reading("somewhat disagree"), lv(Level::Disagree));
    assert_eq!(parse_reading("Disagree"), lv(Level::Disagree));
    assert_eq!(
        parse_reading("strongly disagree"),
        lv(Level::StronglyDisagree)
    );
    assert_eq!(
        parse_reading("5 - Tout à fait d'accord"),
        lv(Level::StronglyAgree)
    );
    assert_eq!(
        parse_reading("Pas du tout d'accord (1)"),
        lv(Level::StronglyDisagree)
    );
}

#[test]
fn numbers_one_to_five() {
    let num = |level| {
        Some(Reading::Level {
            level,
            two_point: false,
            numeric: true,
        })
    };
    assert_eq!(parse_reading("5"), num(Level::StronglyAgree));
    assert_eq!(parse_reading(" 4 "), num(Level::Agree));
    assert_eq!(parse_reading("3"), num(Level::Neutral));
    assert_eq!(parse_reading("2"), num(Level::Disagree));
    assert_eq!(parse_reading("1"), num(Level::StronglyDisagree));
    assert_eq!(parse_reading("5.0"), num(Level::StronglyAgree));
    assert_eq!(parse_reading("6"), None);
    assert_eq!(parse_reading("0"), None);
}

#[test]
fn non_answers() {
    for label in [
        "",
        "  ",
        "sans avis",
        "Sans avis",
        "ne sait pas",
        "ne se prononce pas",
        "NSP",
        "nsp",
        "NA",
        "N/A",
        "n/a",
        "no opinion",
        "don't know",
        "Don’t know",
        "-",
    ] {
        assert_eq!(parse_reading(label), Some(Reading::NonAnswer), "{label:?}");
    }
    assert_eq!(parse_reading("plutôt ok"), None);
    assert_eq!(parse_reading("d'acord"), None);
}

#[test]
fn headers_match_exactly_or_by_their_beginning() {
    assert_eq!(header_key(" Réponse de l’EMS : "), "reponse de l'ems");
    assert_eq!(header_key("Statut*"), "statut");
    assert_eq!(header_key("N°"), "no");
    assert_eq!(header_key("N° de série"), "no de serie");
    assert_eq!(header_key("Participant·e"), "participante");
    let h = header_key("Réponse de l'EMS (15/11/2025)");
    assert_eq!(
        alias_match(&h, "reponse de l'ems", true),
        Some(Match::Prefix(16))
    );
    assert_eq!(alias_match(&h, "reponse", true), Some(Match::Prefix(7)));
    assert_eq!(alias_match("idee", "id", true), None);
    assert_eq!(alias_match("id", "id", false), Some(Match::Exact));
    assert!(Match::Exact > Match::Prefix(40));
}

fn date(y: i32, m: u8, d: u8) -> Date {
    ymd(y, m, d).expect("valid test date")
}

fn due(s: &str) -> Result<Option<Due>, ()> {
    parse_due(&Cell::Text(s.to_string()))
}

fn period_start(s: &str) -> Date {
    match due(s) {
        Ok(Some(Due::Period { text, start })) => {
            assert_eq!(text, s.trim());
            start
        }
        other => panic!("{s}: {other:?}"),
    }
}

#[test]
fn due_dates() {
    assert_eq!(due("2026-03-31"), Ok(Some(Due::Date(date(2026, 3, 31)))));
    assert_eq!(
        due("2026-03-31T00:00:00"),
        Ok(Some(Due::Date(date(2026, 3, 31))))
    );
    assert_eq!(due("31/03/2026"), Ok(Some(Due::Date(date(2026, 3, 31)))));
    assert_eq!(due("1/4/2026"), Ok(Some(Due::Date(date(2026, 4, 1)))));
    assert_eq!(due("31.03.26"), Ok(Some(Due::Date(date(2026, 3, 31)))));
    assert_eq!(
        due("15 novembre 2025"),
        Ok(Some(Due::Date(date(2025, 11, 15))))
    );
    assert_eq!(
        due("samedi 15 novembre 2025"),
        Ok(Some(Due::Date(date(2025, 11, 15))))
    );
    assert_eq!(due("1er mars 2026"), Ok(Some(Due::Date(date(2026, 3, 1)))));
    assert_eq!(
        parse_due(&Cell::Date(date(2026, 6, 30))),
        Ok(Some(Due::Date(date(2026, 6, 30))))
    );
    assert_eq!(
        parse_due(&Cell::Number(46112.0)),
        Ok(Some(Due::Date(date(2026, 3, 31))))
    );
    assert_eq!(excel_serial_date(45976.0), Some(date(2025, 11, 15)));
}

#[test]
fn due_periods() {
    assert_eq!(period_start("printemps 2026"), date(2026, 3, 1));
    assert_eq!(period_start("Printemps 2026"), date(2026, 3, 1));
    assert_eq!(period_start("au printemps 2026"), date(2026, 3, 1));
    assert_eq!(period_start("été 2026"), date(2026, 6, 1));
    assert_eq!(period_start("automne 2026"), date(2026, 9, 1));
    assert_eq!(period_start("hiver 2026"), date(2025, 12, 1));
    assert_eq!(period_start("T2 2026"), date(2026, 4, 1));
    assert_eq!(period_start("Q3 2026"), date(2026, 7, 1));
    assert_eq!(period_start("S1 2026"), date(2026, 1, 1));
    assert_eq!(period_start("S2 2026"), date(2026, 7, 1));
    assert_eq!(period_start("2e trimestre 2026"), date(2026, 4, 1));
    assert_eq!(period_start("1er semestre 2026"), date(2026, 1, 1));
    assert_eq!(period_start("2026"), date(2026, 1, 1));
    assert_eq!(period_start("mars 2026"), date(2026, 3, 1));
    assert_eq!(period_start("fin 2026"), date(2026, 10, 1));
    assert_eq!(period_start("d'ici fin 2026"), date(2026, 10, 1));
    assert_eq!(period_start("début 2026"), date(2026, 1, 1));
    assert_eq!(period_start("mi-2026"), date(2026, 7, 1));
    assert_eq!(period_start("fin mars 2026"), date(2026, 3, 20));
    assert_eq!(period_start("spring 2026"), date(2026, 3, 1));
    assert_eq!(period_start("2025-2026"), date(2025, 1, 1));
    assert_eq!(
        parse_due(&Cell::Number(2026.0)),
        Ok(Some(Due::Period {
            text: "2026".into(),
            start: date(2026, 1, 1)
        }))
    );
}

#[test]
fn due_not_set_or_unreadable() {
    assert_eq!(due(""), Ok(None));
    assert_eq!(due("-"), Ok(None));
    assert_eq!(due("À définir"), Ok(None));
    assert_eq!(due("fin du mandat"), Err(()));
    assert_eq!(due("31/02/2026"), Err(()));
    assert_eq!(due("T5 2026"), Err(()));
    assert_eq!(due("bientôt"), Err(()));
    assert_eq!(parse_due(&Cell::Error("#REF!".into())), Err(()));
}

#[test]
fn progress_in_every_form() {
    let p = |s: &str| parse_progress(&Cell::Text(s.to_string()));
    assert_eq!(parse_progress(&Cell::Percent(0.4)), Ok(Some(0.4)));
    assert_eq!(parse_progress(&Cell::Number(0.4)), Ok(Some(0.4)));
    assert_eq!(parse_progress(&Cell::Number(40.0)), Ok(Some(0.4)));
    assert_eq!(p("40 %"), Ok(Some(0.4)));
    assert_eq!(p("40%"), Ok(Some(0.4)));
    assert_eq!(p("40\u{202f}%"), Ok(Some(0.4)));
    assert_eq!(p("40"), Ok(Some(0.4)));
    assert_eq!(p("0,4"), Ok(Some(0.4)));
    assert_eq!(p("12,5 %"), Ok(Some(0.125)));
    assert_eq!(p("100 %"), Ok(Some(1.0)));
    assert_eq!(p("terminé"), Ok(Some(1.0)));
    assert_eq!(p(""), Ok(None));
    assert_eq!(parse_progress(&Cell::Empty), Ok(None));
    assert_eq!(p("140 %"), Err(()));
    assert_eq!(p("-5"), Err(()));
    assert_eq!(p("en cours"), Err(()));
    assert_eq!(parse_progress(&Cell::Percent(1.2)), Err(()));
    assert_eq!(parse_progress(&Cell::Number(250.0)), Err(()));
}

#[test]
fn a_typo_is_never_taken_for_a_non_answer() {
    let suggestions: Vec<&str> = answer_labels().collect();
    for label in non_answer_labels() {
        assert_eq!(parse_reading(label), Some(Reading::NonAnswer), "{label}");
        assert!(
            !suggestions.contains(&label),
            "{label} is offered as a suggestion"
        );
    }
    for typo in ["Ja", "No", "NS", "sans avi", "ne sais pas"] {
        let close = crate::diagnostics::did_you_mean(typo, answer_labels());
        assert!(
            close.is_none_or(|c| parse_reading(c) != Some(Reading::NonAnswer)),
            "{typo} → {close:?}"
        );
    }
    assert_eq!(
        crate::diagnostics::did_you_mean("plutot d'acord", answer_labels()),
        Some("plutôt d'accord")
    );
}
