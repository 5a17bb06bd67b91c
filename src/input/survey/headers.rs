//! What survey headers say: the columns' roles (participant, group, statement,
//! answer of a long file), the metadata and identity columns of the tools' exports in
//! French, English and German, and a statement's text from its header.
//!
//! Pure functions over header text: no values, no diagnostics.

use super::super::values::alias_match;

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

/// Whether a header names a person or how to reach one (`Nom & Post-nom`, `Full name`,
/// `Téléphone`): a short header holding one of [`IDENTITY_WORDS`] as a word.
pub(crate) fn names_identity(key: &str) -> bool {
    let words: Vec<&str> = key
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.len() <= 6
        && IDENTITY_WORDS.iter().any(|w| {
            let w: Vec<&str> = w.split(' ').collect();
            words.windows(w.len()).any(|window| window == w.as_slice())
        })
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

/// The text of a statement from its header: `Votre avis [Le rythme…]` (LimeSurvey and
/// Google Forms grids) gives the bracketed sub-question; HTML is stripped.
/// A statement's text from its whole header, question and grid row (`Question [row]`),
/// without the question code, HTML or runs of spaces.
pub(super) fn full_statement_text(header: &str) -> String {
    let text = without_code(header).trim();
    let text = if text.contains('<') {
        crate::input::html::to_text(text)
    } else {
        text.to_string()
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(super) fn statement_text(header: &str) -> String {
    let mut text = without_code(header).trim();
    // `Question [row]`, not a LimeSurvey code such as `G01Q01[SQ001]`.
    if text.ends_with(']')
        && let Some(open) = text.rfind(" [")
    {
        let inner = text[open + 2..text.len() - 1].trim();
        if !inner.is_empty() {
            text = inner;
        }
    }
    let text = if text.contains('<') {
        crate::input::html::to_text(text)
    } else {
        text.to_string()
    };
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
