//! `/view.json`: what the templates need beyond the statistics, already shaped
//! for them, so that they neither fold theme names nor pick labels themselves.
//!
//! Owns the proposals grouped by theme (in the report's theme order, grouped the
//! way the statistics grouped them, with [`crate::text::fold`]) and the session
//! date as the derived answer lines write it. Words come from
//! the catalogue the templates read (`texts.toml`), not from here. It adds
//! nothing to `data.json`, which stays the statistics alone.
//!
//! Also owns what the note's first page asks of its reader: the headline counts
//! (commitments apart from what was only forwarded or is still pending) and the
//! numbered decisions, each naming the proposals it covers; and what the config
//! adds for the templates (context lines, glossary, the data's language,
//! attachments).

use serde::Serialize;

use crate::config::Config;
use crate::format;
use crate::layout;
use crate::stats::Stats;
use crate::stats::proposals::ProposalItem;
use crate::text::fold;

/// The data a template reads as `/view.json`.
#[derive(Debug, Serialize)]
pub struct View<'a> {
    /// The session date without its weekday (« 15 novembre 2025 »), for the
    /// answer lines derived from a status; none when the config gives no
    /// `session_date`.
    pub session_date_text: Option<String>,
    /// One entry per theme of `proposals.by_theme`, in the same order.
    pub themes: Vec<ThemeItems<'a>>,
    /// Positions in `proposals.items` of proposals whose theme matches none of
    /// `themes` (none, as the statistics group every proposal; listed so that a
    /// template never drops one).
    pub orphans: Vec<usize>,
    /// `report.context`: what the council is, in a few lines.
    pub context: &'a [String],
    /// `[glossary]`, alphabetical.
    pub glossary: Vec<Term<'a>>,
    /// The language of the register's texts (`fr`, `en`): the templates tag them
    /// with it when the document is in another language.
    pub data_lang: &'static str,
    /// The counts the first page's headline gives.
    pub headline: Headline,
    /// The decisions the first page asks for, in order (numbered 1, 2, …).
    pub decisions: Vec<Decision>,
    /// What goes with the note: the fact sheets' folder and count, the workbook.
    pub attachments: Attachments,
    /// The project's `[branding]`: accent colour and logo.
    pub branding: ViewBranding,
}

/// An abbreviation and its expansion.
#[derive(Debug, Serialize)]
pub struct Term<'a> {
    pub term: &'a str,
    pub expansion: &'a str,
}

/// The proposals counted apart, so that a commitment is never counted with what
/// was only forwarded or is still pending.
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct Headline {
    pub total: usize,
    /// Accepted, as is or modified: the administration's commitments.
    pub commitments: usize,
    /// Commitments with both an owner and a due date.
    pub with_owner_and_due: usize,
    /// Commitments that depend on a condition (credits, a funding request).
    pub conditional: usize,
    /// Accepted but forwarded to general management, with no due date.
    pub escalated: usize,
    /// Waiting for the council to clarify them.
    pub to_clarify: usize,
    pub under_study: usize,
    pub unanswered: usize,
    pub rejected: usize,
    pub out_of_scope: usize,
    pub withdrawn: usize,
}

/// One decision the executive is asked for.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Decision {
    /// `condition` (a commitment that depends on credits or a request: confirm
    /// it), `escalated` (forwarded: name an owner and a date), `study` (decide),
    /// `unanswered` (answer), `owner` (commitments without an owner: name one).
    pub kind: &'static str,
    /// Positions in `proposals.items`.
    pub items: Vec<usize>,
}

/// The files that go with the note.
#[derive(Debug, Serialize)]
pub struct Attachments {
    pub fiches_dir: &'static str,
    pub fiches: usize,
    /// The workbook's file name, none when not written.
    pub workbook: Option<&'static str>,
}

/// `[branding]` of `bilan.toml` as the templates read it.
#[derive(Debug, Default, Serialize)]
pub struct ViewBranding {
    /// The accent colour, `#RRGGBB`; none: the template's own.
    pub colour: Option<String>,
    /// The logo's path in the project folder, from its root (`/images/logo.svg`).
    pub logo: Option<String>,
    /// The logo's alternative text.
    pub logo_alt: Option<String>,
}

/// The branding of `config` for the templates.
pub fn branding(config: &Config) -> ViewBranding {
    let (logo, logo_alt) = match &config.branding.logo {
        Some((path, alt)) => {
            let inside = path.path.strip_prefix(&config.root).unwrap_or(&path.path);
            let parts: Vec<String> = inside
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            (Some(format!("/{}", parts.join("/"))), Some(alt.clone()))
        }
        None => (None, None),
    };
    ViewBranding {
        colour: config.branding.colour.clone(),
        logo,
        logo_alt,
    }
}

/// A theme and its proposals.
#[derive(Debug, Serialize)]
pub struct ThemeItems<'a> {
    /// The theme as `proposals.by_theme[].theme` writes it.
    pub theme: &'a str,
    /// Positions in `proposals.items` (0-based), in register order.
    pub items: Vec<usize>,
}

/// The view of `stats` for `config`'s documents.
pub fn view<'a>(stats: &'a Stats, config: &'a Config) -> View<'a> {
    let session_date_text = session_date_text(config);
    let p = &stats.proposals;
    let keys: Vec<String> = p.by_theme.iter().map(|t| fold(&t.theme)).collect();
    let mut themes: Vec<ThemeItems> = p
        .by_theme
        .iter()
        .map(|t| ThemeItems {
            theme: &t.theme,
            items: Vec::new(),
        })
        .collect();
    let mut orphans = Vec::new();
    for (i, item) in p.items.iter().enumerate() {
        let key = fold(&item.theme);
        match keys.iter().position(|k| *k == key) {
            Some(at) => themes[at].items.push(i),
            None => orphans.push(i),
        }
    }
    let fiches = if config
        .documents
        .contains(&crate::config::DocumentKind::Fiches)
    {
        p.items.len()
    } else {
        0
    };
    View {
        session_date_text,
        themes,
        orphans,
        context: &config.context,
        glossary: config
            .glossary
            .iter()
            .map(|(term, expansion)| Term { term, expansion })
            .collect(),
        data_lang: config.data_lang.code(),
        headline: headline(&p.items),
        decisions: match &stats.follow_up {
            Some(f) => decisions(&p.items, &f.stuck, &f.new),
            None => decisions(&p.items, &[], &[]),
        },
        branding: branding(config),
        attachments: Attachments {
            fiches_dir: layout::fiches_dir(config.lang),
            fiches,
            workbook: config.workbook.then(|| layout::workbook(config.lang)),
        },
    }
}

fn is_commitment(item: &ProposalItem) -> bool {
    matches!(item.status, "accepted" | "accepted_modified")
}

/// The headline's counts.
pub fn headline(items: &[ProposalItem]) -> Headline {
    let mut h = Headline {
        total: items.len(),
        ..Headline::default()
    };
    for item in items {
        match item.status {
            "accepted" | "accepted_modified" => {
                h.commitments += 1;
                h.with_owner_and_due += usize::from(item.owner.is_some() && item.due.is_some());
                h.conditional += usize::from(item.condition.is_some());
            }
            "escalated" => h.escalated += 1,
            "to_clarify" => h.to_clarify += 1,
            "under_study" => h.under_study += 1,
            "unanswered" => h.unanswered += 1,
            "rejected" => h.rejected += 1,
            "out_of_scope" => h.out_of_scope += 1,
            _ => h.withdrawn += 1,
        }
    }
    h
}

/// Whether a proposal is carried out (progress 100 %): nothing is asked of it.
fn is_done(item: &ProposalItem) -> bool {
    item.progress.is_some_and(|p| p >= 0.995)
}

/// The decisions, in the order the first page numbers them: what has been stuck
/// since the previous edition, conditional commitments one by one, then what was
/// forwarded without an owner or a date, what has no answer (new proposals apart),
/// what is under study, and the commitments that still lack an owner. Each
/// proposal is asked about once; a finished one (100 %) never, and an owner or a
/// date a proposal already has is never asked for.
/// `stuck` and `new` are the follow-up's ids (empty without a previous edition).
pub fn decisions(items: &[ProposalItem], stuck: &[String], new: &[String]) -> Vec<Decision> {
    let listed = |ids: &[String], id: &str| ids.iter().any(|x| x == id);
    let mut taken = vec![false; items.len()];
    let mut take = |keep: &dyn Fn(&ProposalItem) -> bool| -> Vec<usize> {
        let found: Vec<usize> = items
            .iter()
            .enumerate()
            .filter(|(i, it)| !taken[*i] && !is_done(it) && keep(it))
            .map(|(i, _)| i)
            .collect();
        for &i in &found {
            taken[i] = true;
        }
        found
    };
    let mut out = Vec::new();
    let group = |out: &mut Vec<Decision>, kind: &'static str, found: Vec<usize>| {
        if !found.is_empty() {
            out.push(Decision { kind, items: found });
        }
    };
    let one_by_one = |out: &mut Vec<Decision>, kind: &'static str, found: Vec<usize>| {
        out.extend(found.into_iter().map(|i| Decision {
            kind,
            items: vec![i],
        }));
    };
    group(&mut out, "stuck", take(&|it| listed(stuck, &it.id)));
    one_by_one(
        &mut out,
        "condition",
        take(&|it| is_commitment(it) && it.condition.is_some()),
    );
    group(
        &mut out,
        "escalated",
        take(&|it| it.status == "escalated" && (it.owner.is_none() || it.due.is_none())),
    );
    group(
        &mut out,
        "new",
        take(&|it| {
            listed(new, &it.id)
                && it.answer.is_none()
                && matches!(it.status, "unanswered" | "accepted" | "accepted_modified")
        }),
    );
    group(
        &mut out,
        "unanswered",
        take(&|it| it.status == "unanswered"),
    );
    one_by_one(&mut out, "study", take(&|it| it.status == "under_study"));
    group(
        &mut out,
        "owner",
        take(&|it| is_commitment(it) && it.owner.is_none()),
    );
    out
}

/// The session date as the derived answer lines write it: « 15 novembre 2025 »,
/// “15 November 2025”; none without a `session_date` (the edition's last day,
/// which the documents otherwise show, is no session).
pub fn session_date_text(config: &Config) -> Option<String> {
    config
        .session_date
        .map(|date| format::short_date(date, config.lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(
        id: &str,
        status: &'static str,
        owner: Option<&str>,
        due: bool,
        condition: bool,
    ) -> ProposalItem {
        ProposalItem {
            id: id.into(),
            file: format!("{id}.pdf"),
            theme: "T".into(),
            title: format!("title {id}"),
            description: None,
            status,
            status_label: status.to_string(),
            group: None,
            group_label: None,
            needs_decision: false,
            answer: None,
            owner: owner.map(str::to_string),
            due: due.then(|| "2026-01-01".to_string()),
            due_text: due.then(|| "2026".to_string()),
            condition: condition.then(|| "sous réserve de crédits".to_string()),
            progress: None,
            progress_text: None,
            source: "r.csv".into(),
            row: None,
        }
    }

    fn sample() -> Vec<ProposalItem> {
        vec![
            item("A", "accepted", None, true, true),
            item("B", "accepted", Some("DNSI"), true, false),
            item("C", "accepted_modified", None, false, false),
            item("D", "escalated", Some("DGA"), false, false),
            item("E", "escalated", Some("DGA"), false, false),
            item("F", "to_clarify", None, false, false),
            item("G", "under_study", None, false, false),
            item("H", "rejected", None, false, false),
            item("I", "out_of_scope", None, false, false),
        ]
    }

    #[test]
    fn the_headline_counts_commitments_apart_from_what_was_only_forwarded() {
        let h = headline(&sample());
        assert_eq!(
            h,
            Headline {
                total: 9,
                commitments: 3,
                with_owner_and_due: 1,
                conditional: 1,
                escalated: 2,
                to_clarify: 1,
                under_study: 1,
                unanswered: 0,
                rejected: 1,
                out_of_scope: 1,
                withdrawn: 0,
            }
        );
    }

    #[test]
    fn decisions_come_conditions_first_and_name_every_proposal_they_cover() {
        let d = decisions(&sample(), &[], &[]);
        let got: Vec<(&str, Vec<usize>)> = d.iter().map(|d| (d.kind, d.items.clone())).collect();
        assert_eq!(
            got,
            [
                ("condition", vec![0]),
                ("escalated", vec![3, 4]),
                ("study", vec![6]),
                ("owner", vec![2]),
            ]
        );
    }

    #[test]
    fn nothing_to_decide_gives_no_decision() {
        let items = [
            item("B", "accepted", Some("DNSI"), true, false),
            item("H", "rejected", None, false, false),
        ];
        assert!(decisions(&items, &[], &[]).is_empty());
    }

    #[test]
    fn with_a_follow_up_stuck_and_new_proposals_come_apart_and_finished_ones_are_never_asked() {
        let mut items = sample();
        // D (escalated) stuck since the previous edition; J new without answer;
        // K accepted, no owner, but finished; L escalated with owner and date.
        items.push(item("J", "unanswered", None, false, false));
        let mut k = item("K", "accepted", None, false, false);
        k.progress = Some(1.0);
        items.push(k);
        items.push(item("L", "escalated", Some("DGA"), true, false));
        let d = decisions(&items, &["D".into()], &["J".into(), "K".into()]);
        let got: Vec<(&str, Vec<usize>)> = d.iter().map(|d| (d.kind, d.items.clone())).collect();
        assert_eq!(
            got,
            [
                ("stuck", vec![3]),
                ("condition", vec![0]),
                ("escalated", vec![4]),
                ("new", vec![9]),
                ("study", vec![6]),
                ("owner", vec![2]),
            ]
        );
    }
}
