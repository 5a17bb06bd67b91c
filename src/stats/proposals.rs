//! Status counts and shares: overall, by group and by theme, and the list of
//! proposals as templates and the workbook show them.

use indexmap::IndexMap;
use serde::Serialize;

use super::{ratio, round4};
use crate::catalogue::Texts;
use crate::config::Lang;
use crate::format;
use crate::layout::fiche_file_names;
use crate::model::{Due, Proposal, Register, Status, StatusGroup};
use crate::text;

#[derive(Debug, Clone, Serialize)]
pub struct ProposalStats {
    /// Every proposal, withdrawn ones included.
    pub total: u64,
    /// Proposals counted in shares (withdrawn left out).
    pub counted: u64,
    /// Every status code, zeros included.
    pub by_status: IndexMap<&'static str, u64>,
    /// The same counts with labels and shares of `counted`, in report order.
    pub statuses: Vec<StatusCount>,
    /// The four groups of docs/inputs.md, "The register".
    pub groups: Vec<GroupCount>,
    pub by_theme: Vec<ThemeStats>,
    /// Every proposal, in register order.
    pub items: Vec<ProposalItem>,
    /// Ids of proposals that need a decision or a follow-up (to clarify, under study,
    /// escalated), in register order.
    pub needing_decision: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct StatusCount {
    pub code: &'static str,
    pub label: String,
    pub group: Option<&'static str>,
    pub count: u64,
    /// Share of the counted proposals (0 for withdrawn).
    pub share: f64,
    pub share_text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct GroupCount {
    pub code: &'static str,
    pub label: String,
    pub statuses: Vec<&'static str>,
    pub count: u64,
    pub share: f64,
    pub share_text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeStats {
    pub theme: String,
    pub total: u64,
    pub counted: u64,
    pub by_status: IndexMap<&'static str, u64>,
    /// Share of the theme's counted proposals per status code.
    pub shares: IndexMap<&'static str, f64>,
    pub retained: u64,
    pub retained_share_text: String,
}

/// One proposal as shown to readers.
#[derive(Debug, Clone, Serialize)]
pub struct ProposalItem {
    pub id: String,
    /// The fact sheet's file name under `fiches/`, safe on every file system.
    pub file: String,
    pub theme: String,
    pub title: String,
    pub description: Option<String>,
    pub status: &'static str,
    pub status_label: String,
    pub group: Option<&'static str>,
    pub group_label: Option<String>,
    pub needs_decision: bool,
    pub answer: Option<String>,
    pub owner: Option<String>,
    /// ISO date for a date, or the first day of a period.
    pub due: Option<String>,
    /// The due date or period as readers see it.
    pub due_text: Option<String>,
    pub condition: Option<String>,
    pub progress: Option<f64>,
    pub progress_text: Option<String>,
    /// The register file and row it came from.
    pub source: String,
    pub row: Option<usize>,
}

/// Computes the status statistics of a register.
/// Labels come from `texts`, the project's catalogue (`[texts]` of `bilan.toml`
/// included), as the documents and the workbook print them.
pub fn compute(
    register: &Register,
    theme_order: &[String],
    texts: &Texts,
    lang: Lang,
) -> ProposalStats {
    let proposals = &register.proposals;
    let total = proposals.len() as u64;
    let counted = proposals
        .iter()
        .filter(|p| p.status != Status::Withdrawn)
        .count() as u64;
    let by_status = count_by_status(proposals.iter());

    let statuses = Status::ALL
        .iter()
        .map(|&s| {
            let count = by_status[s.code()];
            let share = if s == Status::Withdrawn {
                0.0
            } else {
                round4(ratio(count, counted))
            };
            StatusCount {
                code: s.code(),
                label: s.label_in(texts, lang).to_string(),
                group: s.group().map(StatusGroup::code),
                count,
                share,
                share_text: format::percent(share, 0, lang),
            }
        })
        .collect();

    let groups = StatusGroup::ALL
        .iter()
        .map(|&g| {
            let members: Vec<Status> = Status::ALL
                .into_iter()
                .filter(|s| s.group() == Some(g))
                .collect();
            let count = members.iter().map(|s| by_status[s.code()]).sum();
            let share = round4(ratio(count, counted));
            GroupCount {
                code: g.code(),
                label: g.label_in(texts, lang).to_string(),
                statuses: members.iter().map(|s| s.code()).collect(),
                count,
                share,
                share_text: format::percent(share, 0, lang),
            }
        })
        .collect();

    let groups_by_theme = theme_groups(proposals, theme_order);
    // Every item names its theme as the theme table does (first spelling met).
    let theme_names: std::collections::HashMap<String, String> = groups_by_theme
        .iter()
        .map(|(theme, _)| (text::fold(theme), theme.clone()))
        .collect();
    let by_theme = groups_by_theme
        .into_iter()
        .map(|(theme, members)| {
            let by_status = count_by_status(members.iter().copied());
            let counted = members
                .iter()
                .filter(|p| p.status != Status::Withdrawn)
                .count() as u64;
            let shares = Status::ALL
                .iter()
                .filter(|s| **s != Status::Withdrawn)
                .map(|s| (s.code(), round4(ratio(by_status[s.code()], counted))))
                .collect();
            let retained = members
                .iter()
                .filter(|p| p.status.group() == Some(StatusGroup::Retained))
                .count() as u64;
            ThemeStats {
                theme,
                total: members.len() as u64,
                counted,
                by_status,
                shares,
                retained,
                retained_share_text: format::percent(ratio(retained, counted), 0, lang),
            }
        })
        .collect();

    // Named together: two ids whose cleaned names meet get distinct files.
    let files = fiche_file_names(proposals.iter().map(|p| p.id.as_str()));
    let items: Vec<ProposalItem> = proposals
        .iter()
        .zip(files)
        .map(|(p, file)| {
            let mut item = item(p, file, texts, lang);
            if let Some(name) = theme_names.get(&text::fold(&p.theme)) {
                item.theme = name.clone();
            }
            item
        })
        .collect();
    let needing_decision = proposals
        .iter()
        .filter(|p| p.status.needs_decision())
        .map(|p| p.id.clone())
        .collect();

    ProposalStats {
        total,
        counted,
        by_status,
        statuses,
        groups,
        by_theme,
        items,
        needing_decision,
    }
}

fn count_by_status<'a>(
    proposals: impl Iterator<Item = &'a Proposal>,
) -> IndexMap<&'static str, u64> {
    let mut counts: IndexMap<&'static str, u64> =
        Status::ALL.iter().map(|s| (s.code(), 0)).collect();
    for p in proposals {
        counts[p.status.code()] += 1;
    }
    counts
}

/// Groups proposals by theme, case-insensitively, keeping the first spelling met;
/// themes listed in the config come first, in that order.
pub fn theme_groups<'a>(
    proposals: &'a [Proposal],
    theme_order: &[String],
) -> Vec<(String, Vec<&'a Proposal>)> {
    let mut groups: IndexMap<String, (String, Vec<&Proposal>)> = IndexMap::new();
    for theme in theme_order {
        groups.insert(text::fold(theme), (theme.trim().to_string(), Vec::new()));
    }
    for p in proposals {
        groups
            .entry(text::fold(&p.theme))
            .or_insert_with(|| (p.theme.trim().to_string(), Vec::new()))
            .1
            .push(p);
    }
    groups
        .into_values()
        .filter(|(_, members)| !members.is_empty())
        .collect()
}

fn item(p: &Proposal, file: String, texts: &Texts, lang: Lang) -> ProposalItem {
    let (due, due_text) = match &p.due {
        Some(Due::Date(d)) => (
            Some(format::iso_date(*d)),
            Some(format::short_date(*d, lang)),
        ),
        Some(Due::Period { text, start }) => (Some(format::iso_date(*start)), Some(text.clone())),
        None => (None, None),
    };
    ProposalItem {
        id: p.id.clone(),
        file,
        theme: p.theme.trim().to_string(),
        title: p.title.clone(),
        description: p.description.clone(),
        status: p.status.code(),
        status_label: p.status.label_in(texts, lang).to_string(),
        group: p.status.group().map(StatusGroup::code),
        group_label: p
            .status
            .group()
            .map(|g| g.label_in(texts, lang).to_string()),
        needs_decision: p.status.needs_decision(),
        answer: p.answer.clone(),
        owner: p.owner.clone(),
        due,
        due_text,
        condition: p.condition.clone(),
        progress: p.progress.map(round4),
        progress_text: p.progress.map(|x| format::percent(x, 0, lang)),
        source: p.origin.file.clone(),
        row: p.origin.row,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Origin;

    fn proposal(id: &str, theme: &str, status: Status) -> Proposal {
        Proposal {
            id: id.into(),
            theme: theme.into(),
            title: format!("Titre {id}"),
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
    fn themes_group_case_insensitively_and_withdrawn_is_left_out_of_shares() {
        let register = Register {
            proposals: vec![
                proposal("P1", "Inclusion", Status::Accepted),
                proposal("P2", " inclusion ", Status::Rejected),
                proposal("P3", "Climat", Status::Withdrawn),
                proposal("P4", "Climat", Status::ToClarify),
            ],
            ..Register::default()
        };
        let s = compute(&register, &[], crate::catalogue::builtin(), Lang::Fr);
        assert_eq!(s.total, 4);
        assert_eq!(s.counted, 3);
        assert_eq!(s.by_status.len(), 9);
        assert_eq!(s.by_theme.len(), 2);
        assert_eq!(s.by_theme[0].theme, "Inclusion");
        assert_eq!(
            s.items[1].theme, "Inclusion",
            "items use the theme's first spelling"
        );
        assert_eq!(s.by_theme[0].total, 2);
        assert_eq!(s.by_theme[1].counted, 1);
        assert_eq!(s.by_theme[1].shares["to_clarify"], 1.0);
        let retained = &s.groups[0];
        assert_eq!((retained.code, retained.count), ("retained", 1));
        assert_eq!(retained.share, 0.3333);
        assert_eq!(s.needing_decision, vec!["P4".to_string()]);
    }

    #[test]
    fn configured_theme_order_comes_first() {
        let register = Register {
            proposals: vec![
                proposal("P1", "B", Status::Accepted),
                proposal("P2", "A", Status::Accepted),
            ],
            ..Register::default()
        };
        let s = compute(
            &register,
            &["a".to_string(), "Z".to_string()],
            crate::catalogue::builtin(),
            Lang::Fr,
        );
        let themes: Vec<_> = s.by_theme.iter().map(|t| t.theme.as_str()).collect();
        assert_eq!(themes, ["a", "B"]);
    }
}
