//! Year-on-year follow-up: what became of each proposal between the previous
//! edition's register and this one.

use indexmap::IndexMap;
use serde::Serialize;

use crate::config::Lang;
use crate::model::{Register, Status};

#[derive(Debug, Clone, Serialize)]
pub struct FollowUp {
    /// Proposals present in both editions, in this edition's order.
    pub proposals: Vec<Change>,
    /// `transitions[from][to]` = how many proposals went from status `from` to `to`
    /// (only non-zero rows and cells are listed).
    pub transitions: IndexMap<&'static str, IndexMap<&'static str, u64>>,
    /// Ids pending (under study / to clarify) in both editions.
    pub still_pending: Vec<String>,
    /// Ids only in this edition.
    pub new: Vec<String>,
    /// Ids only in the previous edition.
    pub gone: Vec<String>,
    pub changed: u64,
    pub unchanged: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub id: String,
    pub title: String,
    pub before: &'static str,
    pub before_label: &'static str,
    pub now: &'static str,
    pub now_label: &'static str,
    pub changed: bool,
}

fn is_pending(status: Status) -> bool {
    matches!(status, Status::UnderStudy | Status::ToClarify)
}

/// Matches proposals by id (trimmed, case-insensitive) across the two editions.
pub fn compute(previous: &Register, current: &Register, lang: Lang) -> FollowUp {
    let key = |id: &str| id.trim().to_lowercase();
    let before: IndexMap<String, Status> = previous
        .proposals
        .iter()
        .map(|p| (key(&p.id), p.status))
        .collect();
    let now_ids: std::collections::HashSet<String> =
        current.proposals.iter().map(|p| key(&p.id)).collect();

    let mut proposals = Vec::new();
    let mut transitions: IndexMap<&'static str, IndexMap<&'static str, u64>> = IndexMap::new();
    let mut still_pending = Vec::new();
    let mut new = Vec::new();
    for p in &current.proposals {
        let Some(&then) = before.get(&key(&p.id)) else {
            new.push(p.id.clone());
            continue;
        };
        *transitions
            .entry(then.code())
            .or_default()
            .entry(p.status.code())
            .or_default() += 1;
        if is_pending(then) && is_pending(p.status) {
            still_pending.push(p.id.clone());
        }
        proposals.push(Change {
            id: p.id.clone(),
            title: match lang {
                Lang::Fr => crate::text::french(&p.title),
                Lang::En => p.title.clone(),
            },
            before: then.code(),
            before_label: then.label(lang),
            now: p.status.code(),
            now_label: p.status.label(lang),
            changed: then != p.status,
        });
    }
    // Order the table rows and cells by the vocabulary, not by appearance.
    transitions.sort_by_cached_key(|from, _| Status::from_code(from));
    for row in transitions.values_mut() {
        row.sort_by_cached_key(|to, _| Status::from_code(to));
    }
    let gone = previous
        .proposals
        .iter()
        .filter(|p| !now_ids.contains(&key(&p.id)))
        .map(|p| p.id.clone())
        .collect();
    let changed = proposals.iter().filter(|c| c.changed).count() as u64;
    FollowUp {
        unchanged: proposals.len() as u64 - changed,
        changed,
        proposals,
        transitions,
        still_pending,
        new,
        gone,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Origin, Proposal};

    fn register(items: &[(&str, Status)]) -> Register {
        Register {
            proposals: items
                .iter()
                .map(|(id, status)| Proposal {
                    id: (*id).into(),
                    theme: "T".into(),
                    title: format!("Titre {id}"),
                    description: None,
                    status: *status,
                    answer: None,
                    owner: None,
                    due: None,
                    condition: None,
                    progress: None,
                    origin: Origin::default(),
                })
                .collect(),
            ..Register::default()
        }
    }

    #[test]
    fn transitions_new_gone_and_still_pending() {
        let before = register(&[
            ("A", Status::UnderStudy),
            ("B", Status::ToClarify),
            ("C", Status::Accepted),
            ("D", Status::Rejected),
        ]);
        let now = register(&[
            ("a", Status::Accepted),
            ("B", Status::UnderStudy),
            ("C", Status::Accepted),
            ("E", Status::Unanswered),
        ]);
        let f = compute(&before, &now, Lang::Fr);
        assert_eq!(f.transitions["under_study"]["accepted"], 1);
        assert_eq!(f.transitions["to_clarify"]["under_study"], 1);
        assert_eq!(f.transitions["accepted"]["accepted"], 1);
        assert_eq!(f.still_pending, ["B"]);
        assert_eq!(f.new, ["E"]);
        assert_eq!(f.gone, ["D"]);
        assert_eq!((f.changed, f.unchanged), (2, 1));
        assert_eq!(
            f.transitions.keys().copied().collect::<Vec<_>>(),
            ["accepted", "under_study", "to_clarify"]
        );
    }
}
