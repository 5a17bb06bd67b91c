//! What became of one proposal between two editions: its state then and now
//! (status, owner, due date, progress, whether it was answered) and the situation
//! derived from them, as docs/data.md ("Situations") defines it once.
//!
//! Pure: it compares two proposals already paired by [`super::follow_up`]; it never
//! pairs them itself.

use serde::Serialize;

use crate::catalogue::Texts;
use crate::config::Lang;
use crate::format;
use crate::model::{Due, Proposal, Status};
use crate::stats::round4;

/// What became of a proposal since the previous edition (docs/data.md, "Situations").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Situation {
    /// Progress at 100 % in this edition.
    Done,
    /// Something moved: status, owner, due date, answer given, or progress up.
    Progressed,
    /// Nothing moved, and the proposal is not waiting without owner nor answer.
    Unchanged,
    /// Pending or escalated with neither owner nor answer in both editions, and no
    /// due date or progress gained.
    Stuck,
    /// Only in this edition.
    New,
    /// Withdrawn in this edition.
    Withdrawn,
    /// Only in the previous edition.
    Gone,
}

impl Situation {
    /// Every situation, in the order reports list them.
    pub const ALL: [Situation; 7] = [
        Situation::Done,
        Situation::Progressed,
        Situation::Unchanged,
        Situation::Stuck,
        Situation::New,
        Situation::Withdrawn,
        Situation::Gone,
    ];

    /// The code used in JSON and by templates.
    pub fn code(self) -> &'static str {
        match self {
            Situation::Done => "done",
            Situation::Progressed => "progressed",
            Situation::Unchanged => "unchanged",
            Situation::Stuck => "stuck",
            Situation::New => "new",
            Situation::Withdrawn => "withdrawn",
            Situation::Gone => "gone",
        }
    }

    /// The built-in label (`[situation]` of `templates/texts.toml`).
    pub fn label(self, lang: Lang) -> &'static str {
        self.label_in(crate::catalogue::builtin(), lang)
    }

    /// The label in `texts` (a project's catalogue may override it).
    pub fn label_in(self, texts: &Texts, lang: Lang) -> &str {
        texts.get(&format!("situation.{}", self.code()), lang)
    }
}

/// A proposal's state in one edition, as the follow-up compares it.
#[derive(Debug, Clone, Serialize)]
pub struct State {
    pub status: &'static str,
    pub status_label: String,
    pub owner: Option<String>,
    /// ISO date of the due date, or of the first day of a due period.
    pub due: Option<String>,
    /// The due date or period as readers see it.
    pub due_text: Option<String>,
    /// Progress as a fraction 0–1.
    pub progress: Option<f64>,
    pub progress_text: Option<String>,
    /// Whether the register gives a written answer.
    pub answered: bool,
}

impl State {
    /// The state of `p` as the reports show it, in the project's words.
    pub fn of(p: &Proposal, texts: &Texts, lang: Lang) -> State {
        let (due, due_text) = match &p.due {
            Some(Due::Date(d)) => (
                Some(format::iso_date(*d)),
                Some(format::short_date(*d, lang)),
            ),
            Some(Due::Period { text, start }) => {
                (Some(format::iso_date(*start)), Some(text.clone()))
            }
            None => (None, None),
        };
        State {
            status: p.status.code(),
            status_label: p.status.label_in(texts, lang).to_string(),
            owner: p.owner.clone(),
            due,
            due_text,
            progress: p.progress.map(round4),
            progress_text: p.progress.map(|x| format::percent(x, 0, lang)),
            answered: answered(p),
        }
    }
}

fn answered(p: &Proposal) -> bool {
    p.answer.as_deref().is_some_and(|a| !a.trim().is_empty())
}

/// Whether a proposal is finished: progress at 100 % (a withdrawn one never is).
pub fn is_done(p: &Proposal) -> bool {
    p.status != Status::Withdrawn && p.progress.is_some_and(|x| x >= 0.995)
}

/// Pending or escalated with neither an owner nor a written answer.
fn is_waiting(p: &Proposal) -> bool {
    let pending = matches!(p.status.group(), Some(crate::model::StatusGroup::Pending));
    (pending || p.status == Status::Escalated) && p.owner.is_none() && !answered(p)
}

fn owner_key(p: &Proposal) -> Option<String> {
    p.owner.as_deref().map(crate::text::fold)
}

/// The situation of a proposal present in both editions.
pub fn of_pair(then: &Proposal, now: &Proposal) -> Situation {
    if now.status == Status::Withdrawn {
        return Situation::Withdrawn;
    }
    if is_done(now) {
        return Situation::Done;
    }
    let progress_up = now.progress.unwrap_or(0.0) > then.progress.unwrap_or(0.0) + 1e-9;
    let due_moved = now.due.is_some() && now.due != then.due;
    if is_waiting(then) && is_waiting(now) && !progress_up && !due_moved {
        return Situation::Stuck;
    }
    let owner_moved = now.owner.is_some() && owner_key(now) != owner_key(then);
    let answer_given = answered(now) && !answered(then);
    if now.status != then.status || owner_moved || due_moved || progress_up || answer_given {
        Situation::Progressed
    } else {
        Situation::Unchanged
    }
}

/// The situation of a proposal only in this edition.
pub fn of_new(now: &Proposal) -> Situation {
    if now.status == Status::Withdrawn {
        Situation::Withdrawn
    } else {
        Situation::New
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    fn proposal(status: Status) -> Proposal {
        Proposal {
            id: "A".into(),
            theme: "T".into(),
            title: "Titre".into(),
            description: None,
            status,
            answer: None,
            owner: None,
            due: None,
            condition: None,
            progress: None,
            previous_id: None,
            origin: Origin::default(),
        }
    }

    #[test]
    fn escalated_without_owner_nor_answer_twice_is_stuck() {
        let then = proposal(Status::Escalated);
        let now = proposal(Status::Escalated);
        assert_eq!(of_pair(&then, &now), Situation::Stuck);
        // Moving from one waiting status to another without an owner is still stuck.
        assert_eq!(
            of_pair(&proposal(Status::ToClarify), &proposal(Status::Unanswered)),
            Situation::Stuck
        );
        // An owner gained unblocks it: it progressed.
        let mut owned = proposal(Status::Escalated);
        owned.owner = Some("Service des finances".into());
        assert_eq!(of_pair(&then, &owned), Situation::Progressed);
    }

    #[test]
    fn progress_due_answer_and_status_count_as_progress() {
        let then = proposal(Status::Accepted);
        assert_eq!(
            of_pair(&then, &proposal(Status::Accepted)),
            Situation::Unchanged
        );
        let mut later = proposal(Status::Accepted);
        later.progress = Some(0.4);
        assert_eq!(of_pair(&then, &later), Situation::Progressed);
        let mut done = proposal(Status::Accepted);
        done.progress = Some(1.0);
        assert_eq!(of_pair(&then, &done), Situation::Done);
        let mut dated = proposal(Status::Accepted);
        dated.due = Some(Due::Period {
            text: "2027".into(),
            start: time::macros::date!(2027 - 01 - 01),
        });
        assert_eq!(of_pair(&then, &dated), Situation::Progressed);
        // Progress going back is not progress.
        let mut back = proposal(Status::Accepted);
        back.progress = Some(0.2);
        assert_eq!(of_pair(&later, &back), Situation::Unchanged);
        assert_eq!(
            of_pair(&then, &proposal(Status::Withdrawn)),
            Situation::Withdrawn
        );
        assert_eq!(of_new(&proposal(Status::Unanswered)), Situation::New);
    }
}
