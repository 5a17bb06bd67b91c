//! Proposal statuses as registers write them, French and English: a wording is matched or refused, never guessed.
//!
//! Pure functions over text: no I/O, no diagnostics (callers locate the problem).

use std::sync::LazyLock;

use crate::config::Lang;
use crate::model::Status;
use crate::text::fold;

/// The ways registers write each status, French and English. Matching ignores case,
/// accents, punctuation, plural and feminine endings, and reads any 4-digit year as
/// the same year (`réalisable en {year}` below reads `réalisable en 2031`). A wording that is not one of
/// these is refused, with the closest label offered (docs/inputs.md, "The register"): a register is an
/// official record, so a status is never guessed from a keyword.
const STATUS_WORDINGS: &[(Status, &[&str])] = &[
    (
        Status::Accepted,
        &[
            "accepted",
            "acceptée",
            "acceptée (réalisable en {year})",
            "acceptée et réalisable en {year}",
            "acceptée, réalisable en {year}",
            "acceptée pour {year}",
            "réalisable en {year}",
            "retenue",
            "adoptée",
            "approuvée",
            "validée",
            "approved",
            "adopted",
            "accepted (feasible in {year})",
            "accepted and feasible in {year}",
        ],
    ),
    (
        Status::AcceptedModified,
        &[
            "accepted_modified",
            "acceptée mais modifiée",
            "acceptée avec modifications",
            "acceptée avec modification",
            "acceptée sous une autre forme",
            "acceptée sous une forme modifiée",
            "retenue mais modifiée",
            "partiellement acceptée",
            "partiellement retenue",
            "accepted with changes",
            "accepted with modifications",
            "accepted with amendments",
            "accepted but modified",
            "accepted in a modified form",
            "partially accepted",
        ],
    ),
    (
        Status::Escalated,
        &[
            "escalated",
            "acceptée, transversale, remontée à la DGA",
            "acceptée mais transversale, remontée à la DGA",
            "acceptée mais transversale et remontée à la DGA",
            "acceptée mais de nature transversale et donc remontée à la DGA",
            "acceptée, de nature transversale, remontée à la DGA",
            "acceptée mais transversale",
            "acceptée et transversale",
            "acceptée, transversale",
            "transversale, remontée à la DGA",
            "transversale",
            "remontée à la DGA",
            "acceptée, transmise à la direction générale",
            "transmise à la direction générale",
            "remontée à la direction générale",
            "accepted, escalated (cross-cutting)",
            "accepted, escalated",
            "accepted, escalated to general management",
            "escalated to general management",
            "accepted but cross-cutting",
            "escalated (cross-cutting)",
            "cross-cutting",
        ],
    ),
    (
        Status::UnderStudy,
        &[
            "under_study",
            "encore à l'étude",
            "à l'étude",
            "en cours d'étude",
            "en étude",
            "à étudier",
            "en cours d'examen",
            "en cours d'instruction",
            "en cours d'évaluation",
            "under study",
            "under review",
            "being studied",
            "still under study",
            "evaluating",
            "in evaluation",
        ],
    ),
    (
        Status::ToClarify,
        &[
            "to_clarify",
            "à éclaircir",
            "à clarifier",
            "à préciser",
            "à reformuler",
            "éclaircissement nécessaire",
            "nécessite un éclaircissement",
            "nécessite un petit éclaircissement",
            "demande de précisions",
            "needs clarification",
            "need clarification",
            "clarification needed",
            "to clarify",
            "to be clarified",
        ],
    ),
    (
        Status::Rejected,
        &[
            "rejected",
            "non retenue",
            "non acceptée",
            "non adoptée",
            "pas retenue",
            "refusée",
            "rejetée",
            "not accepted",
            "not retained",
            "declined",
            "refused",
        ],
    ),
    (
        Status::OutOfScope,
        &[
            "out_of_scope",
            "hors périmètre",
            "hors du périmètre",
            "hors compétence",
            "hors champ",
            "hors champ de compétence",
            "outside remit",
            "outside our remit",
            "outside the remit",
            "out of scope",
            "out of remit",
        ],
    ),
    (
        Status::Unanswered,
        &[
            "unanswered",
            "not_answered",
            "sans réponse",
            "pas de réponse",
            "pas encore de réponse",
            "réponse à venir",
            "en attente",
            "en attente de réponse",
            "not answered yet",
            "not answered",
            "no answer",
            "no answer yet",
            "awaiting answer",
            "awaiting an answer",
        ],
    ),
    (
        Status::Withdrawn,
        &[
            "withdrawn",
            "retirée",
            "retirée par le conseil",
            "retirée par ses auteurs",
            "abandonnée",
            "withdrawn by the council",
        ],
    ),
];

/// Out-of-scope wordings often go on to name the remit (`hors périmètre des
/// compétences de l'EMS`): these beginnings are enough.
const OUT_OF_SCOPE_PREFIXES: &[&str] = &["hors périmètre", "hors du périmètre", "hors compétence"];

static STATUS_KEYS: LazyLock<Vec<(String, Status)>> = LazyLock::new(|| {
    STATUS_WORDINGS
        .iter()
        .flat_map(|(status, wordings)| {
            wordings
                .iter()
                .map(|w| (status_key(&w.replace("{year}", "2000")), *status))
        })
        .collect()
});

static OUT_OF_SCOPE_KEYS: LazyLock<Vec<String>> = LazyLock::new(|| {
    OUT_OF_SCOPE_PREFIXES
        .iter()
        .map(|p| status_key(p))
        .collect()
});

/// The status a label names, or the closest known label (for "did you mean") when none.
///
/// Accepts the canonical codes (`accepted_modified`), the French and English labels of
/// docs/inputs.md, "The register" in singular or plural, feminine or not, with or without accents, and the
/// wordings registers use (`acceptées, mais de nature transversale et donc remontées à
/// la DGA`, `non acceptée`, `hors périmètre des compétences de l'EMS`…).
pub fn match_status(label: &str) -> Result<Status, Option<&'static str>> {
    let key = status_key(label);
    if key.is_empty() {
        return Err(None);
    }
    if let Some((_, status)) = STATUS_KEYS.iter().find(|(k, _)| *k == key) {
        return Ok(*status);
    }
    if OUT_OF_SCOPE_KEYS
        .iter()
        .any(|p| key.starts_with(p.as_str()) && key.as_bytes().get(p.len()) == Some(&b' '))
    {
        return Ok(Status::OutOfScope);
    }
    Err(crate::diagnostics::did_you_mean(label, status_labels()))
}

/// Every status label, French then English.
pub(crate) fn status_labels() -> impl Iterator<Item = &'static str> {
    Status::ALL
        .into_iter()
        .map(|s| s.label(Lang::Fr))
        .chain(Status::ALL.into_iter().map(|s| s.label(Lang::En)))
}

/// Folded, punctuation dropped, plural and feminine endings cut, years made `#`,
/// a leading `propositions` / `préconisations` dropped.
fn status_key(label: &str) -> String {
    let folded = fold(label);
    let spaced: String = folded
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<String> = spaced
        .split_whitespace()
        .map(|w| {
            if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
                "#".to_string()
            } else {
                stem(w)
            }
        })
        .collect();
    while words.len() > 1 && matches!(words[0].as_str(), "proposition" | "preconisation") {
        words.remove(0);
    }
    words.join(" ")
}

/// Cuts a final `s`, then final `e`s: `acceptées` → `accept`, `modifié` → `modifi`.
fn stem(word: &str) -> String {
    let mut w = word;
    if w.len() > 3 {
        w = w.strip_suffix('s').unwrap_or(w);
    }
    while w.len() > 3 && w.ends_with('e') {
        w = &w[..w.len() - 1];
    }
    w.to_string()
}
