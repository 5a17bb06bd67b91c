//! What survey headers say: the columns' roles (participant, group, statement,
//! answer of a long file), the metadata and identity columns of the tools' exports in
//! French, English and German, and a statement's text from its header.
//!
//! Pure functions over header text: no values, no diagnostics.

use ::csv::StringRecord;

use super::super::values::{alias_match, header_key, parse_reading};
use crate::model::{Heading, Reading};

/// What a column of a wide file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Role {
    Participant,
    Group,
    /// Export metadata (timestamps, ids, e-mail…) or a comment: never a statement.
    Ignored,
    /// A statement, with its text.
    Statement(String),
}

pub(super) const PARTICIPANT: &[&str] = &[
    "participant",
    "participante",
    "participant e",
    "participant id",
    "id participant",
    "participants",
    "respondent",
    "repondant",
    "repondante",
    "repondant e",
    "personne",
    "identifiant",
];
pub(crate) const GROUP: &[&str] = &[
    "groupe",
    "group",
    "sous groupe",
    "sous-groupe",
    "subgroup",
    "college",
    "groupe de travail",
    // Respondent-group questions as forms ask them.
    "vous etes",
    "vous etes ?",
    "tu es",
    "profil",
    "votre profil",
    "you are",
    "are you",
];
pub(super) const STATEMENT: &[&str] = &[
    "statement",
    "affirmation",
    "question",
    "enonce",
    "item",
    "proposition",
];
pub(super) const ANSWER: &[&str] = &[
    "answer", "reponse", "response", "valeur", "value", "avis", "position",
];

/// Columns of survey tools' exports and of hand-made files that are never statements.
pub(super) const METADATA: &[&str] = &[
    // LimeSurvey, codes and English / French headings.
    "id",
    "submitdate",
    "lastpage",
    "startlanguage",
    "seed",
    "startdate",
    "datestamp",
    "ipaddr",
    "refurl",
    "token",
    "optout",
    "interviewtime",
    "response id",
    "date submitted",
    "last page",
    "start language",
    "date started",
    "date last action",
    "ip address",
    "referrer url",
    "referring url",
    "total time",
    "id de la reponse",
    "date de soumission",
    "derniere page",
    "langue de depart",
    "tete de serie",
    "date de debut",
    "date de la derniere action",
    "adresse ip",
    "url de provenance",
    "url referente",
    "jeton",
    "temps total",
    "date de lancement",
    "duree totale",
    "langue",
    // LimeSurvey, German headings.
    "antwort id",
    "id der antwort",
    "datum abgeschickt",
    "letzte seite",
    "start sprache",
    "startsprache",
    "zufallsstartwert",
    "datum gestartet",
    "datum letzte aktivitat",
    "ip adresse",
    "weiterleitungs url",
    "gesamtzeit",
    "zugangsschlussel",
    // Qualtrics.
    "startdate",
    "enddate",
    "status",
    "ipaddress",
    "progress",
    "duration (in seconds)",
    "duration in seconds",
    "finished",
    "recordeddate",
    "responseid",
    "recipientlastname",
    "recipientfirstname",
    "recipientemail",
    "externalreference",
    "locationlatitude",
    "locationlongitude",
    "distributionchannel",
    "userlanguage",
    "answer id",
    // Framaforms / Drupal webform.
    "serial",
    "sid",
    "time",
    "submitted time",
    "completed time",
    "modified time",
    "draft",
    "uid",
    "username",
    "no de serie",
    "n de serie",
    "numero de serie",
    "heure de soumission",
    "heure d'achevement",
    "heure de modification",
    "brouillon",
    "nom d'utilisateur",
    "utilisateur",
    // Google Forms.
    "timestamp",
    "carimbo de data hora",
    "carimbo de data/hora",
    "marca temporal",
    "zeitstempel",
    "horodateur",
    "horodatage",
    "email address",
    "adresse e-mail",
    "adresse email",
    "e-mail",
    "score",
    "total score",
    "score total",
    // Microsoft Forms.
    "start time",
    "completion time",
    "email",
    "name",
    "last modified time",
    "heure de debut",
    "heure de fin",
    "adresse de messagerie",
    "nom",
    "heure de la derniere modification",
    "total points",
    "points",
    "quiz feedback",
    "commentaires sur le questionnaire",
    // Hand-made files.
    "date",
    "heure",
    "prenom",
    "first name",
    "last name",
    "courriel",
    "mail",
    "commentaire",
    "commentaires",
    "comment",
    "comments",
    "remarque",
    "remarques",
    "observation",
    "observations",
    "notes",
];

/// Beginnings of metadata headers (LimeSurvey timings).
pub(super) const METADATA_PREFIXES: &[&str] = &[
    "question time",
    "group time",
    "temps pour la question",
    "temps de la question",
    "temps du groupe",
    "temps pour le groupe",
    "duree pour le groupe",
    "duree pour la question",
    "gruppenzeit",
    "fragenzeit",
];

/// Ends of metadata headers: Qualtrics' timing questions (`Q7_First Click`, `Q7_Page
/// Submit`…), whose values are seconds and clicks, never a rating.
pub(super) const METADATA_SUFFIXES: &[&str] = &[
    " first click",
    " last click",
    " page submit",
    " click count",
];

/// Whether a folded header names an identifier: a short header whose last word is
/// `id` (`Respondent ID`, `Workshop ID`, `D-ID`) or one of the one-word forms
/// (`UniqueID`, `UserID`). An identifier's values are no answers.
pub(super) fn names_an_id(key: &str) -> bool {
    let words: Vec<&str> = key
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    matches!(words.as_slice(), [.., "id"] if words.len() <= 3)
        || matches!(
            words.as_slice(),
            ["uniqueid" | "userid" | "respondentid" | "participantid" | "uuid"]
        )
}

/// Words of headers that name a person (never a statement; their values are never
/// shown): checked on short headers only, where they are the whole point.
const IDENTITY_WORDS: &[&str] = &[
    "nom",
    "prenom",
    "name",
    "firstname",
    "surname",
    "lastname",
    "vorname",
    "nachname",
    "telephone",
    "phone",
    "portable",
    "mobile",
    "adresse",
    "address",
    "courriel",
    "email",
    "e mail",
    "mail",
];

/// Demographic questions whose answers are numbers (an age, a year of birth): personal
/// data, never a rating whose distribution is printed. Checked on short headers only.
const PERSONAL_NUMBERS: &[&str] = &[
    "age",
    "how old are you",
    "alter",
    "annee de naissance",
    "date de naissance",
    "year of birth",
    "birth year",
    "date of birth",
    "geburtsjahr",
    "geburtsdatum",
    "jahrgang",
];

/// Phrases naming a code a respondent makes up to be recognised later (`please create
/// a personal code`: its parts are a birth year's digit, a parent's initial…): identity
/// however long the header, though its values look like a rating.
const PERSONAL_CODE: &[&str] = &[
    "personal code",
    "code personnel",
    "personlicher code",
    "personlichen code",
    "pseudonym",
];

/// Whether a header names a person or how to reach one (`Nom & Post-nom`, `Full name`,
/// `Téléphone`) or asks for personal numbers (`Âge`, `Year of birth`): a short header
/// holding one of [`IDENTITY_WORDS`] or [`PERSONAL_NUMBERS`] as words, or any header
/// asking for a [`PERSONAL_CODE`].
pub(crate) fn names_identity(key: &str) -> bool {
    let words: Vec<&str> = key
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let holds = |phrase: &str| {
        let w: Vec<&str> = phrase.split(' ').collect();
        words.windows(w.len()).any(|window| window == w.as_slice())
    };
    PERSONAL_CODE.iter().any(|p| holds(p))
        || words.len() <= 6
            && IDENTITY_WORDS
                .iter()
                .chain(PERSONAL_NUMBERS)
                .any(|w| holds(w))
}

/// The key a header is recognised by: without its question code, HTML entities
/// decoded (LimeSurvey writes `Nom &amp; Post-nom`), folded.
pub(super) fn heading_key(header: &str) -> String {
    let header = without_code(header);
    if header.contains('&') {
        header_key(&crate::input::html::to_text(header))
    } else {
        header_key(header)
    }
}

/// A header without LimeSurvey's question code in front (`id. Response ID`,
/// `G01Q01[SQ001]. Le rythme…` with "Question code & question text" headings).
pub(super) fn without_code(header: &str) -> &str {
    let trimmed = header.trim_start();
    let Some((code, rest)) = trimmed.split_once(". ") else {
        return header;
    };
    let mut chars = code.chars();
    let starts_with_letter = chars.next().is_some_and(|c| c.is_ascii_alphabetic());
    let code_like = starts_with_letter
        && !code.contains(' ')
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '[' | ']'))
        && code.len() <= 40;
    if code_like && !rest.trim().is_empty() {
        rest
    } else {
        header
    }
}

pub(crate) fn matches_any(key: &str, aliases: &[&str]) -> bool {
    aliases.iter().any(|a| alias_match(key, a, false).is_some())
}

/// A header without its question code, and its grid's question and row when it is
/// one (`Question [row]`; a LimeSurvey code such as `G01Q01[SQ001]` is none).
fn grid_split(header: &str) -> (&str, Option<(&str, &str)>) {
    let text = without_code(header).trim();
    let split = text.strip_suffix(']').and_then(|inside| {
        let open = inside.rfind(" [")?;
        let row = inside[open + 2..].trim();
        (!row.is_empty()).then_some((&inside[..open], row))
    });
    (text, split)
}

/// Header text as the documents show it: HTML (tags and entities) decoded, runs of
/// spaces made one.
fn plain(text: &str) -> String {
    let text = if text.contains(['<', '&']) {
        crate::input::html::to_text(text)
    } else {
        text.to_string()
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A statement's text from its whole header, question and grid row (`Question [row]`),
/// without the question code, HTML (tags and entities) or runs of spaces.
pub(super) fn full_statement_text(header: &str) -> String {
    plain(grid_split(header).0)
}

/// The text of a statement from its header: `Votre avis [Le rythme…]` (LimeSurvey and
/// Google Forms grids) gives the bracketed sub-question; HTML is stripped.
pub(super) fn statement_text(header: &str) -> String {
    match grid_split(header) {
        (_, Some((_, row))) => plain(row),
        (text, None) => plain(text),
    }
}

/// The scale a header states, when it states one wider than five points: `(1-7)`, `de
/// 0 à 10`, `from 1 to 10`, `1–7`, `/10`, `sur 10`, `out of 10` give its lowest and
/// highest numbers (`None` for `/10` and the like: the lowest is the lowest answered).
/// A Google Forms linear scale's header often says its range; answers of 1 to 5 on it
/// are points of that scale, not agreement levels.
pub(super) fn stated_scale(header: &str) -> Option<(Option<i64>, i64)> {
    let key = crate::text::fold(header);
    let bytes = key.as_bytes();
    // Each whole number of the header with where it starts and ends.
    let mut numbers: Vec<(usize, usize, i64)> = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_digit() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            if let Ok(n) = key[start..i].parse() {
                numbers.push((start, i, n));
            }
        } else {
            i += 1;
        }
    }
    let wide = |high: i64| (6..=10).contains(&high);
    for pair in numbers.windows(2) {
        let ((_, end, low), (start, _, high)) = (pair[0], pair[1]);
        let between = key[end..start].trim();
        let joined = matches!(between, "-" | "a" | "to" | "bis" | "...");
        if joined && (0..=1).contains(&low) && wide(high) {
            return Some((Some(low), high));
        }
    }
    for (start, end, high) in numbers {
        let before = key[..start].trim_end();
        let after_ok = !key[end..].starts_with(|c: char| c.is_ascii_digit() || c == '.');
        // `/10` alone, not a date's `01/07`.
        let slash = before
            .strip_suffix('/')
            .is_some_and(|b| !b.ends_with(|c: char| c.is_ascii_digit()));
        let out_of = slash || before.ends_with(" sur") || before.ends_with(" out of");
        if out_of && after_ok && wide(high) {
            return Some((None, high));
        }
    }
    None
}

/// The question of a grid's row (`Question [row]` gives `Question`), without the
/// question code, HTML or runs of spaces; `None` for a header of no row.
pub(super) fn grid_question(header: &str) -> Option<String> {
    let (_, split) = grid_split(header);
    let question = plain(split?.0);
    (!question.is_empty()).then_some(question)
}

/// A column's header as read and as the documents show it: whole, and when it is a
/// grid's row, its question and row apart.
pub(super) fn heading(header: &str) -> Heading {
    let question = grid_question(header);
    Heading {
        column: header.to_string(),
        text: full_statement_text(header),
        row: question.is_some().then(|| statement_text(header)),
        question,
    }
}

/// What the row just below a header holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Below {
    /// Answers (or nothing telling them apart from answers).
    Answers,
    /// Qualtrics' third header row (`{"ImportId":"QID1"}`): skipped.
    ImportIds,
    /// A second header row of texts: under question codes (`G01Q01[SQ001]`, `Q1_1`),
    /// it is the header; under questions spread over their sub-questions' columns
    /// (merged cells, LimeSurvey re-saved by Excel), it names the sub-questions and
    /// `grouped` is set.
    SubHeader { grouped: bool },
}

/// Whether `next`, the first row below `header`, is answers or a second header row.
pub(super) fn below_header(header: &StringRecord, next: &StringRecord) -> Below {
    let cells: Vec<&str> = next
        .iter()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if !cells.is_empty() && cells.iter().all(|c| c.starts_with("{\"ImportId\"")) {
        return Below::ImportIds;
    }
    let answers = cells.iter().any(|c| {
        matches!(parse_reading(c), Some(Reading::Level { .. }))
            || YES_NO.contains(&crate::text::fold(c).as_str())
    });
    let heads: Vec<&str> = header
        .iter()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    // A header row names every column the row above names; a participant seldom
    // answers them all, never with no scale label nor yes/no among them.
    let names_every_column = header
        .iter()
        .enumerate()
        .all(|(col, h)| h.trim().is_empty() || next.get(col).is_some_and(|c| !c.trim().is_empty()));
    if answers || cells.len() < 2 || !names_every_column {
        return Below::Answers;
    }
    let grouped = header
        .iter()
        .zip(header.iter().skip(1))
        .any(|(left, cell)| !cell.trim().is_empty() && cell.trim() == left.trim());
    // Codes over texts: nearly every header a code, codes numbered as tools number
    // them, and below them texts of several words, each its own (answers repeat).
    let codes = heads.iter().filter(|h| is_code(h)).count();
    let numbered = heads
        .iter()
        .filter(|h| h.bytes().any(|b| b.is_ascii_digit()))
        .count();
    let texts = cells.iter().filter(|c| c.contains(' ')).count();
    let distinct = cells.iter().collect::<std::collections::HashSet<_>>().len() == cells.len();
    if grouped {
        Below::SubHeader { grouped: true }
    } else if codes * 5 >= heads.len() * 4
        && numbered * 2 >= heads.len()
        && texts * 2 >= cells.len()
        && distinct
    {
        Below::SubHeader { grouped: false }
    } else {
        Below::Answers
    }
}

/// Answers of yes/no questions, which a header row never holds.
const YES_NO: &[&str] = &[
    "ja", "nein", "oui", "non", "yes", "no", "true", "false", "vrai", "faux", "0", "1",
];

/// A question code as survey tools write them (`G01Q01[SQ001]`, `Q1_1`, `startdate`):
/// one word of letters, digits, `_ [ ] . -`.
fn is_code(header: &str) -> bool {
    header.len() <= 40
        && header
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '[' | ']' | '.' | '-'))
}

/// The question above each column when `above`, the row over the header, names
/// questions only above the first column of each (the cells to its right empty, as
/// merged cells saved as CSV leave them): each question carried right to the next.
/// `None` when `above` is not such a row.
pub(super) fn question_row(above: &StringRecord, header: &StringRecord) -> Option<Vec<String>> {
    let filled = |r: &StringRecord| r.iter().filter(|c| !c.trim().is_empty()).count();
    let fits = filled(above) >= 2
        && filled(above) < filled(header)
        && above.iter().enumerate().all(|(col, c)| {
            c.trim().is_empty() || header.get(col).is_some_and(|h| !h.trim().is_empty())
        });
    if !fits {
        return None;
    }
    let mut current = String::new();
    Some(
        (0..header.len())
            .map(|col| {
                let cell = above.get(col).unwrap_or("").trim();
                if !cell.is_empty() {
                    current = cell.to_string();
                }
                current.clone()
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> StringRecord {
        StringRecord::from(cells.to_vec())
    }

    /// Issue 16: an age or a year of birth is personal data, set aside with the
    /// identity columns, never a rating whose distribution is printed.
    #[test]
    fn ages_and_years_of_birth_are_personal_data() {
        use crate::input::values::header_key;
        for header in [
            "Âge",
            "Age",
            "Votre âge",
            "Quel est votre âge ?",
            "How old are you?",
            "Alter",
            "Ihr Alter",
            "Année de naissance",
            "Year of birth",
            "Geburtsjahr",
            "Q3. Date of birth",
            "Nom &amp; Post-nom /Firstname and Surname",
        ] {
            assert!(names_identity(&heading_key(header)), "{header}");
        }
        for header in [
            "Le rythme des séances était adapté",
            "How satisfied are you with the pace of the sessions (0-10)?",
            "Wie alt ist das Gebäude, in dem die Sitzungen stattfanden, ungefähr?",
            "Page",
            "Message",
        ] {
            assert!(
                !names_identity(&header_key(without_code(header))),
                "{header}"
            );
        }
        let header = row(&[
            "Horodateur",
            "Âge",
            "Année de naissance",
            "Le rythme était adapté",
        ]);
        let super::super::Shape::Wide { roles } = super::super::shape_of(&header, None) else {
            panic!("a wide file");
        };
        assert_eq!(roles[1], Role::Ignored);
        assert_eq!(roles[2], Role::Ignored);
        assert!(matches!(roles[3], Role::Statement(_)), "{roles:?}");
    }

    #[test]
    fn a_header_may_state_a_scale_wider_than_five_points() {
        for (header, scale) in [
            ("Votre satisfaction (1-7)", Some((Some(1), 7))),
            (
                "Sur une échelle de 0 à 10, recommanderiez-vous le conseil ?",
                Some((Some(0), 10)),
            ),
            (
                "From 1 to 10, how useful were the sessions?",
                Some((Some(1), 10)),
            ),
            ("Note globale /10", Some((None, 10))),
            ("Votre note sur 10", Some((None, 10))),
            ("Rate the venue out of 7", Some((None, 7))),
            // A five-point range, a date, a number of its own: no wider scale.
            ("De 1 à 5, le rythme était adapté", None),
            ("La séance du 01/07 était utile", None),
            ("Les 10 propositions sont claires", None),
            ("Le rythme était adapté", None),
        ] {
            assert_eq!(stated_scale(header), scale, "{header}");
        }
    }

    #[test]
    fn a_grid_row_gives_its_question() {
        assert_eq!(
            grid_question(
                "LSTestQ5[SQ002]. (If applicable) How satisfied are you  [with my family life.]"
            ),
            Some("(If applicable) How satisfied are you".to_string())
        );
        assert_eq!(
            grid_question("Diriez-vous que ... [Je suis très sensible aux questions RSE]"),
            Some("Diriez-vous que ...".to_string())
        );
        assert_eq!(grid_question("G01Q01[SQ001]"), None);
        assert_eq!(grid_question("Le rythme des séances était adapté"), None);
        assert_eq!(grid_question("Question []"), None);
    }

    /// What the documents show of a column set aside, rated or answered yes/no.
    #[test]
    fn a_heading_has_no_code_entity_or_run_of_spaces() {
        let raw = "Ag2[SQ002]. Agreement to  participate\n in study [I understand &amp; agree]";
        assert_eq!(
            heading(raw),
            Heading {
                column: raw.to_string(),
                text: "Agreement to participate in study [I understand & agree]".to_string(),
                question: Some("Agreement to participate in study".to_string()),
                row: Some("I understand & agree".to_string()),
            }
        );
        let plain = heading("Êtes-vous ?");
        assert_eq!(
            (plain.text.as_str(), plain.question, plain.row),
            ("Êtes-vous ?", None, None)
        );
    }

    #[test]
    fn texts_under_question_codes_are_the_header() {
        let codes = row(&["id", "submitdate", "G01Q01[SQ001]", "G01Q01[SQ002]"]);
        let texts = row(&[
            "Response ID",
            "Date submitted",
            "Votre avis [Le rythme était adapté.]",
            "Votre avis [Les moyens étaient suffisants.]",
        ]);
        assert_eq!(
            below_header(&codes, &texts),
            Below::SubHeader { grouped: false }
        );
        let answers = row(&["1", "2025-11-15", "Tout à fait d'accord", ""]);
        assert_eq!(below_header(&codes, &answers), Below::Answers);
        // Regression: a hand-made header of words over a row of mistyped answers.
        let hand_made = row(&["participant", "A"]);
        let mistyped = row(&["p0", "pas d'acord"]);
        assert_eq!(below_header(&hand_made, &mistyped), Below::Answers);
    }

    #[test]
    fn sub_questions_under_merged_questions_are_the_header() {
        let questions = row(&[
            "Welchen Hintergrund?",
            "Welchen Hintergrund?",
            "Aussagen",
            "Aussagen",
        ]);
        let subs = row(&[
            "Maschinenbau",
            "Informatik",
            "Die Modelle sind nützlich.",
            "Sonstiges",
        ]);
        assert_eq!(
            below_header(&questions, &subs),
            Below::SubHeader { grouped: true }
        );
        // Answers below such a header stay answers, yes/no ones included.
        let answers = row(&["Ja", "Nein", "Stimme eher zu", "Maschinen"]);
        assert_eq!(below_header(&questions, &answers), Below::Answers);
        let free_text = row(&["Nein", "", "", "eine Antwort"]);
        assert_eq!(below_header(&questions, &free_text), Below::Answers);
        // A participant who wrote only free text is a participant.
        let texts = row(&["", "eine Antwort", "", "noch eine"]);
        assert_eq!(below_header(&questions, &texts), Below::Answers);
    }

    #[test]
    fn qualtrics_import_ids_are_skipped() {
        let texts = row(&["Start Date", "Le rythme était adapté."]);
        let ids = row(&[r#"{"ImportId":"startDate"}"#, r#"{"ImportId":"QID1"}"#]);
        assert_eq!(below_header(&texts, &ids), Below::ImportIds);
    }

    #[test]
    fn a_header_of_words_over_an_answer_row_of_words_is_answers() {
        let header = row(&["Horodateur", "Le rythme était adapté.", "Commentaire"]);
        let answers = row(&["2025/11/15 10:00", "D'accord", "très bien"]);
        assert_eq!(below_header(&header, &answers), Below::Answers);
    }

    #[test]
    fn questions_written_above_their_first_column_are_carried_right() {
        let above = row(&["Hintergrund?", "", "", "Aussagen", ""]);
        let header = row(&["Maschinenbau", "Informatik", "Sonstiges", "A.", "B."]);
        assert_eq!(
            question_row(&above, &header).expect("a row of questions"),
            [
                "Hintergrund?",
                "Hintergrund?",
                "Hintergrund?",
                "Aussagen",
                "Aussagen"
            ]
        );
        // A title above the header is no row of questions.
        assert_eq!(
            question_row(&row(&["Enquête 2025", "", "", "", ""]), &header),
            None
        );
    }
}
