//! Year-on-year follow-up: what became of each proposal between the previous
//! edition's register and this one.
//!
//! Proposals are paired through the register's « Ancien N° » column, then by id,
//! then by title (description breaking ties); every pair records how it was made.
//! Pure: the facts of a poor pairing are returned ([`FewMatches`]), never reported.

use std::collections::HashMap;

use indexmap::IndexMap;
use serde::Serialize;

use crate::catalogue::Texts;
use crate::config::Lang;
use crate::model::{Proposal, Register, Status};
use crate::stats::situation::{self, Situation, State};
use crate::text::fold;

#[derive(Debug, Clone, Serialize)]
pub struct FollowUp {
    /// This edition's year.
    pub edition: i32,
    /// The previous edition's year (`inputs.previous`'s, else the year before this one).
    pub previous_edition: i32,
    /// How many proposals are in each situation (every situation listed, in report
    /// order; docs/data.md, "Situations").
    pub situations: IndexMap<&'static str, u64>,
    /// The three figures of page 1: done, progressed, stuck.
    pub summary: Summary,
    /// Ids stuck since the previous edition, in this edition's order.
    pub stuck: Vec<String>,
    /// The years of every edition compared, oldest first (two unless
    /// `inputs.previous` lists several).
    pub editions: Vec<i32>,
    /// With more than one previous edition: each proposal of this edition and its
    /// path back across the editions, as far as it is matched; empty otherwise.
    pub paths: Vec<Path>,
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
    /// The proposals only in the previous edition, as they stood then.
    pub gone_proposals: Vec<Gone>,
    /// Proposals matched under another id than the previous edition's.
    pub renamed: Vec<Rename>,
    /// How many proposals each edition holds and how many were matched, and how.
    pub matching: Matching,
    pub changed: u64,
    pub unchanged: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub id: String,
    /// The proposal's id in the previous edition (the same as `id` unless renamed).
    pub previous_id: String,
    /// How it was matched to the previous edition.
    pub by: MatchedBy,
    pub title: String,
    pub theme: String,
    pub before: &'static str,
    pub before_label: String,
    pub now: &'static str,
    pub now_label: String,
    /// Whether the status changed.
    pub changed: bool,
    /// The proposal as it stood in the previous edition.
    pub previous: State,
    /// The proposal as it stands in this edition.
    pub current: State,
    pub situation: Situation,
    pub situation_label: String,
}

/// A proposal of this edition and what it was in each earlier edition.
#[derive(Debug, Clone, Serialize)]
pub struct Path {
    pub id: String,
    /// Oldest first, ending with this edition.
    pub steps: Vec<Step>,
}

/// A proposal as it stood in one edition.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub edition: i32,
    pub id: String,
    pub status: &'static str,
    pub status_label: String,
}

/// The registers the follow-up compares.
pub struct Editions<'a> {
    /// The editions before the previous one, oldest first.
    pub earlier: &'a [Register],
    pub previous: &'a Register,
    pub current: &'a Register,
    /// This edition's year.
    pub edition: i32,
    /// The years of `earlier` then `previous`, oldest first; when they do not match
    /// the registers given, each edition is a year before the next.
    pub previous_editions: &'a [i32],
    /// The project's words (statuses, situations), their years not filled in: each
    /// edition's statuses are named as that edition said them.
    pub texts: &'a Texts,
}

impl Editions<'_> {
    /// Every edition's year, oldest first, this one last.
    fn years(&self) -> Vec<i32> {
        let n = self.earlier.len() + 1;
        let mut years = if self.previous_editions.len() == n {
            self.previous_editions.to_vec()
        } else {
            (1..=n as i32)
                .rev()
                .map(|back| self.edition - back)
                .collect()
        };
        years.push(self.edition);
        years
    }
}

/// The year-on-year change in three figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub done: u64,
    pub progressed: u64,
    pub stuck: u64,
}

/// How a proposal of this edition was matched to one of the previous edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    /// The register's previous-id column (« Ancien N° ») names it.
    PreviousId,
    /// The same id (trimmed, case-insensitive).
    Id,
    /// The same title (folded), the description breaking ties.
    Title,
}

/// A proposal that kept its substance under another id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rename {
    pub from: String,
    pub to: String,
    pub by: MatchedBy,
}

/// A proposal of the previous edition missing from this one, as it stood then.
#[derive(Debug, Clone, Serialize)]
pub struct Gone {
    pub id: String,
    pub title: String,
    pub theme: String,
    pub status: &'static str,
    pub status_label: String,
}

/// The sizes of the two editions and how their proposals were paired.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Matching {
    /// Proposals in the previous edition.
    pub previous: u64,
    /// Proposals in this edition.
    pub current: u64,
    /// Pairs made, in all.
    pub matched: u64,
    pub by_id: u64,
    pub by_previous_id: u64,
    pub by_title: u64,
}

/// The facts of a pairing that matched less than half of either edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FewMatches {
    pub matching: Matching,
    /// The likely cause.
    pub cause: FewMatchesCause,
    /// The first unmatched id of each edition, to show the two numberings side by side.
    pub previous_example: Option<String>,
    pub current_example: Option<String>,
}

/// Why two editions barely match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FewMatchesCause {
    /// The unmatched ids are written on different patterns (`101` against `INC-01`):
    /// another numbering, such as a Decidim export's.
    OtherIdScheme,
    /// Ids of the same pattern that name other proposals: perhaps not the previous
    /// edition's register.
    OtherProposals,
}

fn is_pending(status: Status) -> bool {
    matches!(status, Status::UnderStudy | Status::ToClarify)
}

fn id_key(id: &str) -> String {
    id.trim().to_lowercase()
}

/// Titles and descriptions as compared: folded (case, accents, punctuation spacing,
/// runs of spaces).
fn text_key(text: &str) -> String {
    fold(text)
}

/// The pattern of an id: digits as `9`, letters as `a`, runs collapsed (`INC-02` →
/// `a-9`), to tell two numberings apart.
fn id_shape(id: &str) -> String {
    let mut shape = String::new();
    for c in id.trim().chars() {
        let class = if c.is_ascii_digit() {
            '9'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if !shape.ends_with(class) || !matches!(class, '9' | 'a') {
            shape.push(class);
        }
    }
    shape
}

/// For each proposal of `current`, the index of its match in `previous` and how.
fn pair(previous: &[Proposal], current: &[Proposal]) -> Vec<Option<(usize, MatchedBy)>> {
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (i, p) in previous.iter().enumerate() {
        by_id.entry(id_key(&p.id)).or_insert(i);
    }
    let mut taken = vec![false; previous.len()];
    let mut pairs: Vec<Option<(usize, MatchedBy)>> = vec![None; current.len()];
    // The register's own word first, then the id: an explicit « Ancien N° » wins over
    // an id that a new proposal happens to reuse.
    for (how, key_of) in [
        (
            MatchedBy::PreviousId,
            (|p: &Proposal| p.previous_id.as_deref().map(id_key)) as fn(&Proposal) -> _,
        ),
        (MatchedBy::Id, |p: &Proposal| Some(id_key(&p.id))),
    ] {
        for (c, p) in current.iter().enumerate() {
            if pairs[c].is_some() {
                continue;
            }
            let Some(&i) = key_of(p).and_then(|k| by_id.get(&k)) else {
                continue;
            };
            if !taken[i] {
                taken[i] = true;
                pairs[c] = Some((i, how));
            }
        }
    }
    // Then titles: a title left on exactly one side each pairs; where several share
    // it, the description must single them out.
    let mut groups: IndexMap<String, (Vec<usize>, Vec<usize>)> = IndexMap::new();
    for (c, p) in current.iter().enumerate() {
        if pairs[c].is_none() {
            groups.entry(text_key(&p.title)).or_default().0.push(c);
        }
    }
    for (i, p) in previous.iter().enumerate() {
        if !taken[i]
            && let Some(group) = groups.get_mut(&text_key(&p.title))
        {
            group.1.push(i);
        }
    }
    for (now, then) in groups.into_values() {
        if let ([c], [i]) = (now.as_slice(), then.as_slice()) {
            pairs[*c] = Some((*i, MatchedBy::Title));
            continue;
        }
        let description = |p: &Proposal| p.description.as_deref().map(text_key);
        let mut ties: IndexMap<Option<String>, (Vec<usize>, Vec<usize>)> = IndexMap::new();
        for &c in &now {
            ties.entry(description(&current[c])).or_default().0.push(c);
        }
        for &i in &then {
            ties.entry(description(&previous[i])).or_default().1.push(i);
        }
        for (_, (now, then)) in ties {
            if let ([c], [i]) = (now.as_slice(), then.as_slice()) {
                pairs[*c] = Some((*i, MatchedBy::Title));
            }
        }
    }
    pairs
}

/// The facts of the pairing of `previous` with `current` when less than half of
/// either edition matches; `None` when the follow-up can be trusted.
pub fn few_matches(previous: &Register, current: &Register) -> Option<FewMatches> {
    let pairs = pair(&previous.proposals, &current.proposals);
    let matching = count(&pairs, previous.proposals.len(), current.proposals.len());
    let few = |total: u64| matching.matched * 2 < total;
    if !few(matching.previous) && !few(matching.current) {
        return None;
    }
    let mut matched = vec![false; previous.proposals.len()];
    for &(i, _) in pairs.iter().flatten() {
        matched[i] = true;
    }
    let unmatched_previous: Vec<&str> = previous
        .proposals
        .iter()
        .zip(&matched)
        .filter(|(_, m)| !**m)
        .map(|(p, _)| p.id.as_str())
        .collect();
    let unmatched_current: Vec<&str> = current
        .proposals
        .iter()
        .zip(&pairs)
        .filter(|(_, m)| m.is_none())
        .map(|(p, _)| p.id.as_str())
        .collect();
    let shapes = |ids: &[&str]| -> std::collections::HashSet<String> {
        ids.iter().map(|id| id_shape(id)).collect()
    };
    let cause = if shapes(&unmatched_previous).is_disjoint(&shapes(&unmatched_current)) {
        FewMatchesCause::OtherIdScheme
    } else {
        FewMatchesCause::OtherProposals
    };
    Some(FewMatches {
        matching,
        cause,
        previous_example: unmatched_previous.first().map(|s| s.to_string()),
        current_example: unmatched_current.first().map(|s| s.to_string()),
    })
}

fn count(pairs: &[Option<(usize, MatchedBy)>], previous: usize, current: usize) -> Matching {
    let by = |how: MatchedBy| pairs.iter().flatten().filter(|(_, by)| *by == how).count() as u64;
    Matching {
        previous: previous as u64,
        current: current as u64,
        matched: pairs.iter().flatten().count() as u64,
        by_id: by(MatchedBy::Id),
        by_previous_id: by(MatchedBy::PreviousId),
        by_title: by(MatchedBy::Title),
    }
}

/// Matches the proposals of the two editions (see the module's documentation) and
/// says what became of each.
pub fn compute(editions: &Editions<'_>, lang: Lang) -> FollowUp {
    let (previous, current, edition) = (editions.previous, editions.current, editions.edition);
    let years = editions.years();
    let texts = editions.texts.for_edition(editions.edition);
    let then_texts = editions.texts.for_edition(years[years.len() - 2]);
    let (texts, then_texts) = (&texts, &then_texts);
    let pairs = pair(&previous.proposals, &current.proposals);
    let mut situations: IndexMap<&'static str, u64> =
        Situation::ALL.iter().map(|s| (s.code(), 0)).collect();
    let mut matched = vec![false; previous.proposals.len()];
    let mut proposals = Vec::new();
    let mut transitions: IndexMap<&'static str, IndexMap<&'static str, u64>> = IndexMap::new();
    let mut still_pending = Vec::new();
    let mut new = Vec::new();
    let mut renamed = Vec::new();
    for (p, pair) in current.proposals.iter().zip(&pairs) {
        let Some((i, by)) = *pair else {
            *situations.entry(situation::of_new(p).code()).or_default() += 1;
            new.push(p.id.clone());
            continue;
        };
        matched[i] = true;
        let then_proposal = &previous.proposals[i];
        let then = then_proposal.status;
        if id_key(&then_proposal.id) != id_key(&p.id) {
            renamed.push(Rename {
                from: then_proposal.id.clone(),
                to: p.id.clone(),
                by,
            });
        }
        *transitions
            .entry(then.code())
            .or_default()
            .entry(p.status.code())
            .or_default() += 1;
        if is_pending(then) && is_pending(p.status) {
            still_pending.push(p.id.clone());
        }
        let situation = situation::of_pair(then_proposal, p);
        *situations.entry(situation.code()).or_default() += 1;
        proposals.push(Change {
            id: p.id.clone(),
            previous_id: then_proposal.id.clone(),
            by,
            title: p.title.clone(),
            theme: p.theme.trim().to_string(),
            before: then.code(),
            before_label: then.label_in(then_texts, lang).to_string(),
            now: p.status.code(),
            now_label: p.status.label_in(texts, lang).to_string(),
            changed: then != p.status,
            previous: State::of(then_proposal, then_texts, lang),
            current: State::of(p, texts, lang),
            situation,
            situation_label: situation.label_in(texts, lang).to_string(),
        });
    }
    // Order the table rows and cells by the vocabulary, not by appearance.
    transitions.sort_by_cached_key(|from, _| Status::from_code(from));
    for row in transitions.values_mut() {
        row.sort_by_cached_key(|to, _| Status::from_code(to));
    }
    let gone_proposals: Vec<Gone> = previous
        .proposals
        .iter()
        .zip(&matched)
        .filter(|(_, m)| !**m)
        .map(|(p, _)| Gone {
            id: p.id.clone(),
            title: p.title.clone(),
            theme: p.theme.clone(),
            status: p.status.code(),
            status_label: p.status.label_in(then_texts, lang).to_string(),
        })
        .collect();
    let changed = proposals.iter().filter(|c| c.changed).count() as u64;
    *situations.entry(Situation::Gone.code()).or_default() += gone_proposals.len() as u64;
    let stuck: Vec<String> = proposals
        .iter()
        .filter(|c| c.situation == Situation::Stuck)
        .map(|c| c.id.clone())
        .collect();
    let years = editions.years();
    FollowUp {
        edition,
        previous_edition: years[years.len() - 2],
        summary: Summary {
            done: situations[Situation::Done.code()],
            progressed: situations[Situation::Progressed.code()],
            stuck: situations[Situation::Stuck.code()],
        },
        situations,
        stuck,
        editions: years,
        paths: if editions.earlier.is_empty() {
            Vec::new()
        } else {
            paths(editions, lang)
        },
        unchanged: proposals.len() as u64 - changed,
        changed,
        matching: count(&pairs, previous.proposals.len(), current.proposals.len()),
        proposals,
        transitions,
        still_pending,
        new,
        gone: gone_proposals.iter().map(|g| g.id.clone()).collect(),
        gone_proposals,
        renamed,
    }
}

/// Each proposal of this edition traced back, edition by edition, as far as it is
/// matched (each consecutive pair of editions matched as the module says).
fn paths(editions: &Editions<'_>, lang: Lang) -> Vec<Path> {
    let chain: Vec<&Register> = editions
        .earlier
        .iter()
        .chain([editions.previous, editions.current])
        .collect();
    let links: Vec<Vec<Option<(usize, MatchedBy)>>> = chain
        .windows(2)
        .map(|w| pair(&w[0].proposals, &w[1].proposals))
        .collect();
    let last = chain.len() - 1;
    let years = editions.years();
    let words: Vec<Texts> = years
        .iter()
        .map(|&year| editions.texts.for_edition(year))
        .collect();
    let step = |k: usize, p: &Proposal| Step {
        edition: years[k],
        id: p.id.clone(),
        status: p.status.code(),
        status_label: p.status.label_in(&words[k], lang).to_string(),
    };
    editions
        .current
        .proposals
        .iter()
        .enumerate()
        .map(|(c, p)| {
            let mut steps = vec![step(last, p)];
            let mut at = c;
            for k in (0..last).rev() {
                let Some((i, _)) = links[k][at] else {
                    break;
                };
                steps.push(step(k, &chain[k].proposals[i]));
                at = i;
            }
            steps.reverse();
            Path {
                id: p.id.clone(),
                steps,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Origin, Proposal};

    fn compute_pair(previous: &Register, current: &Register, lang: Lang) -> FollowUp {
        compute(
            &Editions {
                earlier: &[],
                previous,
                current,
                edition: 2026,
                previous_editions: &[],
                texts: crate::catalogue::builtin(),
            },
            lang,
        )
    }

    #[test]
    fn a_chain_traces_each_proposal_back_as_far_as_it_matches() {
        let first = register(&[("A", Status::UnderStudy), ("B", Status::Accepted)]);
        let second = register(&[("A", Status::Escalated), ("C", Status::Accepted)]);
        let third = register(&[
            ("A", Status::Accepted),
            ("C", Status::Accepted),
            ("D", Status::Unanswered),
        ]);
        let f = compute(
            &Editions {
                earlier: std::slice::from_ref(&first),
                previous: &second,
                current: &third,
                edition: 2027,
                previous_editions: &[2025, 2026],
                texts: crate::catalogue::builtin(),
            },
            Lang::Fr,
        );
        assert_eq!(f.editions, [2025, 2026, 2027]);
        let path = |id: &str| -> Vec<(i32, &str)> {
            f.paths
                .iter()
                .find(|p| p.id == id)
                .unwrap()
                .steps
                .iter()
                .map(|s| (s.edition, s.status))
                .collect()
        };
        assert_eq!(
            path("A"),
            [
                (2025, "under_study"),
                (2026, "escalated"),
                (2027, "accepted")
            ]
        );
        assert_eq!(path("C"), [(2026, "accepted"), (2027, "accepted")]);
        assert_eq!(path("D"), [(2027, "unanswered")]);
        // The follow-up itself compares the last two editions.
        assert_eq!(f.previous_edition, 2026);
        assert_eq!(f.transitions["escalated"]["accepted"], 1);
    }

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
                    previous_id: None,
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
        let f = compute_pair(&before, &now, Lang::Fr);
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

    fn proposal(id: &str, title: &str, description: Option<&str>) -> Proposal {
        let mut p = register(&[(id, Status::Accepted)]).proposals.remove(0);
        p.title = title.into();
        p.description = description.map(Into::into);
        p
    }

    fn of(proposals: Vec<Proposal>) -> Register {
        Register {
            proposals,
            ..Register::default()
        }
    }

    #[test]
    fn other_ids_are_matched_by_title_and_reported_as_renames() {
        let before = of(vec![
            proposal("101", "Appel à projets", None),
            proposal("102", "Mobilisation  citoyenne", None),
        ]);
        let now = of(vec![
            proposal("EDU-04", "mobilisation citoyenne", None),
            proposal("EDU-01", "Appel a projets", None),
        ]);
        let f = compute_pair(&before, &now, Lang::Fr);
        assert!(f.new.is_empty() && f.gone.is_empty(), "{f:?}");
        assert_eq!(
            f.renamed,
            [
                Rename {
                    from: "102".into(),
                    to: "EDU-04".into(),
                    by: MatchedBy::Title
                },
                Rename {
                    from: "101".into(),
                    to: "EDU-01".into(),
                    by: MatchedBy::Title
                },
            ]
        );
        assert_eq!((f.matching.matched, f.matching.by_title), (2, 2));
        assert_eq!(few_matches(&before, &now), None);
    }

    #[test]
    fn a_title_shared_by_several_is_told_apart_by_the_description() {
        let before = of(vec![
            proposal("1", "Un guichet", Some("à la mairie")),
            proposal("2", "Un guichet", Some("en ligne")),
            proposal("3", "Un guichet", None),
        ]);
        let now = of(vec![
            proposal("B", "Un guichet", Some("En ligne")),
            proposal("A", "Un guichet", Some("dans les écoles")),
        ]);
        let f = compute_pair(&before, &now, Lang::En);
        assert_eq!(
            f.renamed,
            [Rename {
                from: "2".into(),
                to: "B".into(),
                by: MatchedBy::Title
            }]
        );
        // The one left on each side is not paired on a title alone that several share.
        assert_eq!(f.new, ["A"]);
        assert_eq!(f.gone, ["1", "3"]);
    }

    #[test]
    fn the_previous_id_column_wins_over_a_reused_id() {
        let before = of(vec![
            proposal("INC-02", "Former les agents", None),
            proposal("INC-12", "Traduire les formulaires", None),
        ]);
        let mut renamed = proposal("INC-12", "Former les agents d'accueil", None);
        renamed.previous_id = Some(" inc-02 ".into());
        let now = of(vec![renamed]);
        let f = compute_pair(&before, &now, Lang::Fr);
        assert_eq!(f.proposals[0].by, MatchedBy::PreviousId);
        assert_eq!(f.proposals[0].previous_id, "INC-02");
        assert_eq!(
            f.renamed,
            [Rename {
                from: "INC-02".into(),
                to: "INC-12".into(),
                by: MatchedBy::PreviousId
            }]
        );
        assert_eq!(f.gone, ["INC-12"]);
        assert_eq!(f.matching.by_previous_id, 1);
    }

    #[test]
    fn gone_proposals_keep_their_title_theme_and_last_status() {
        let before = register(&[("A", Status::Accepted), ("B", Status::Rejected)]);
        let now = register(&[("A", Status::Accepted)]);
        let f = compute_pair(&before, &now, Lang::En);
        assert_eq!(f.gone, ["B"]);
        let gone = &f.gone_proposals[0];
        assert_eq!(
            (gone.id.as_str(), gone.title.as_str(), gone.theme.as_str()),
            ("B", "Titre B", "T")
        );
        assert_eq!(
            (gone.status, gone.status_label.clone()),
            ("rejected", Status::Rejected.label(Lang::En).to_string())
        );
        assert!(f.renamed.is_empty());
        assert_eq!(f.proposals[0].by, MatchedBy::Id);
    }

    #[test]
    fn few_matches_names_another_numbering_or_other_proposals() {
        let current = register(&[
            ("INC-01", Status::Accepted),
            ("INC-02", Status::Accepted),
            ("INC-03", Status::Accepted),
        ]);
        // Other ids, other titles: a numbering of its own.
        let numbered = of(["101", "102", "103"]
            .iter()
            .map(|id| proposal(id, &format!("Autre {id}"), None))
            .collect());
        let few = few_matches(&numbered, &current).expect("nothing matches");
        assert_eq!(few.cause, FewMatchesCause::OtherIdScheme);
        assert_eq!(
            (
                few.matching.matched,
                few.matching.previous,
                few.matching.current
            ),
            (0, 3, 3)
        );
        assert_eq!(few.previous_example.as_deref(), Some("101"));
        assert_eq!(few.current_example.as_deref(), Some("INC-01"));

        // One of three matches: still less than half; the ids look alike.
        let alike = register(&[
            ("INC-01", Status::Accepted),
            ("INC-08", Status::Accepted),
            ("INC-09", Status::Accepted),
        ]);
        let few = few_matches(&alike, &current).expect("one of three");
        assert_eq!(few.cause, FewMatchesCause::OtherProposals);
        assert_eq!(few.matching.matched, 1);

        // Half of a side matching is enough: 2 of 4 and 2 of 3.
        let half = register(&[
            ("INC-01", Status::Accepted),
            ("INC-02", Status::Accepted),
            ("X", Status::Accepted),
            ("Y", Status::Accepted),
        ]);
        assert_eq!(few_matches(&half, &current), None);
        // And less than half of this edition is enough to warn: 1 of 1 then, 1 of 3 now.
        assert!(few_matches(&register(&[("INC-01", Status::Accepted)]), &current).is_some());
    }

    #[test]
    fn id_shapes_tell_numberings_apart() {
        assert_eq!(id_shape("INC-02"), "a-9");
        assert_eq!(id_shape("101"), "9");
        assert_eq!(id_shape("P12b"), "a9a");
    }
}
