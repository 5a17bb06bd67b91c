//! The follow-up sheet (`Suivi`), written only when a previous edition is given:
//! each proposal's situation, then its status, owner, due date and progress in the
//! previous edition and in this one; then the new proposals, then those gone (with
//! the title, theme and status they last had).
//!
//! Owns the follow-up's columns. It must not match editions nor judge situations
//! itself: both come from [`crate::stats::Stats`]' follow-up.

use rust_xlsxwriter::{ColNum, Worksheet, XlsxError};

use super::cells::{Cell, id, numeric_ids};
use super::layout::{Column, Sheet};
use super::styles::{Styles, add_status_fills};
use super::{Words, WorkbookInput};
use crate::model::Status;
use crate::stats::situation::{Situation, State};

/// The sheet's name.
pub(super) fn name(w: Words<'_>) -> &str {
    w.get("follow_up.sheet")
}

/// The columns of the two statuses: previous, then current.
const STATUS_COLS: [ColNum; 2] = [5, 6];

/// Widest the title and path columns grow, in pixels (about 35 characters).
const TITLE: u32 = 250;
/// Widest a status, owner or theme column grows (about 22 characters).
const STATE: u32 = 160;
/// Widest an id, date or situation column grows (about 15 characters).
const NARROW: u32 = 115;

/// Lays out the follow-up sheet.
pub(super) fn sheet(input: &WorkbookInput<'_>, st: &Styles) -> Result<Worksheet, XlsxError> {
    let w = input.words();
    let mut sheet = Sheet::new(name(w))?;
    sheet.print_as_list()?;
    let Some(f) = &input.stats.follow_up else {
        return sheet.finish();
    };
    // Headers name the editions' years: « Statut (2025) », never « édition précédente ».
    let in_year = |key: &str, year: i32| format!("{} ({year})", w.get(key));
    let (then, now) = (f.previous_edition, f.edition);
    // Fourteen columns or more printed on the page width: the text columns wrap
    // early, the empty-looking year columns stay narrow, so the print stays legible.
    let mut columns = vec![
        Column::narrow(w.get("follow_up.id")).wrap_at(NARROW),
        Column::narrow(w.get("follow_up.previous-id")).wrap_at(NARROW),
        Column::new(w.get("follow_up.theme")).wrap_at(STATE),
        Column::new(w.get("follow_up.title")).wrap_at(TITLE),
        Column::narrow(w.get("follow_up.situation")).wrap_at(NARROW),
        Column::narrow(in_year("follow_up.status", then)).wrap_at(STATE),
        Column::narrow(in_year("follow_up.status", now)).wrap_at(STATE),
        Column::narrow(in_year("follow_up.owner", then)).wrap_at(STATE),
        Column::narrow(in_year("follow_up.owner", now)).wrap_at(STATE),
        Column::narrow(in_year("follow_up.due", then)).wrap_at(NARROW),
        Column::narrow(in_year("follow_up.due", now)).wrap_at(NARROW),
        Column::narrow(in_year("follow_up.progress", then)),
        Column::narrow(in_year("follow_up.progress", now)),
        Column::narrow(w.get("follow_up.matched-by")).wrap_at(NARROW),
    ];
    // With several previous editions, each proposal's path across them.
    let paths: std::collections::HashMap<&str, String> = f
        .paths
        .iter()
        .map(|p| {
            let steps: Vec<String> = p
                .steps
                .iter()
                .map(|s| format!("{} ({})", label(w, s.status), s.edition))
                .collect();
            (p.id.as_str(), steps.join(" → "))
        })
        .collect();
    if !paths.is_empty() {
        columns.push(Column::new(w.get("follow_up.path")).wrap_at(TITLE));
    }
    let path = |id: &str| paths.get(id).map_or(Cell::Empty, |p| Cell::text(p.clone()));
    let current_ids = input.register.proposals.iter().map(|p| p.id.as_str());
    let previous_ids = f.proposals.iter().map(|c| c.previous_id.as_str());
    let gone_ids = f.gone_proposals.iter().map(|g| g.id.as_str());
    let numeric = numeric_ids(current_ids.clone().chain(previous_ids).chain(gone_ids));
    let situation = |s: Situation| w.texts.get(&format!("situation.{}", s.code()), w.lang);
    let mut rows: Vec<Vec<Cell<'_>>> = Vec::new();
    for change in &f.proposals {
        // The title as written in the register, as on the proposals sheet.
        let title = input
            .register
            .proposals
            .iter()
            .find(|p| p.id == change.id)
            .map_or(change.title.as_str(), |p| p.title.as_str());
        let mut row = vec![
            id(&change.id, numeric),
            id(&change.previous_id, numeric),
            Cell::text(change.theme.as_str()),
            Cell::text(title),
            Cell::text(situation(change.situation)),
            Cell::text(label(w, change.before)),
            Cell::text(label(w, change.now)),
        ];
        row.extend(states(&change.previous, &change.current));
        row.push(Cell::text(
            w.get(&format!("follow_up.by-{}", by_key(change.by))),
        ));
        if !paths.is_empty() {
            row.push(path(&change.id));
        }
        rows.push(row);
    }
    for p in input
        .register
        .proposals
        .iter()
        .filter(|p| f.new.contains(&p.id))
    {
        let arrival = crate::stats::situation::of_new(p);
        let state = State::of(p, w.texts, input.lang);
        let mut row = vec![
            id(&p.id, numeric),
            Cell::Empty,
            Cell::text(p.theme.trim()),
            Cell::text(p.title.as_str()),
            Cell::text(situation(arrival)),
            Cell::Empty,
            Cell::text(w.status(p.status)),
        ];
        row.extend([
            Cell::Empty,
            Cell::opt_text(p.owner.as_deref()),
            Cell::Empty,
            opt_string(state.due_text),
            Cell::Empty,
            p.progress.map_or(Cell::Empty, Cell::Percent),
            Cell::Empty,
        ]);
        if !paths.is_empty() {
            row.push(path(&p.id));
        }
        rows.push(row);
    }
    for gone in &f.gone_proposals {
        let mut row = vec![
            Cell::Empty,
            id(&gone.id, numeric),
            Cell::text(gone.theme.trim()),
            Cell::text(gone.title.as_str()),
            Cell::text(situation(Situation::Gone)),
            Cell::text(label(w, gone.status)),
        ];
        row.extend((row.len()..columns.len()).map(|_| Cell::Empty));
        rows.push(row);
    }
    let placed = sheet.put_table(0, w.get("follow_up.table"), &columns, &rows, st)?;
    for col in STATUS_COLS {
        add_status_fills(&mut sheet.ws, placed.data_rows(), col, w)?;
    }
    sheet.ws.set_freeze_panes(1, 1)?;
    sheet.finish()
}

/// Owner, due date and progress, then and now, side by side.
fn states<'a>(then: &'a State, now: &'a State) -> [Cell<'a>; 6] {
    let progress = |s: &State| s.progress.map_or(Cell::Empty, Cell::Percent);
    [
        Cell::opt_text(then.owner.as_deref()),
        Cell::opt_text(now.owner.as_deref()),
        Cell::opt_text(then.due_text.as_deref()),
        Cell::opt_text(now.due_text.as_deref()),
        progress(then),
        progress(now),
    ]
}

fn opt_string<'a>(s: Option<String>) -> Cell<'a> {
    s.map_or(Cell::Empty, Cell::text)
}

fn by_key(by: crate::stats::follow_up::MatchedBy) -> &'static str {
    use crate::stats::follow_up::MatchedBy;
    match by {
        MatchedBy::PreviousId => "previous-id",
        MatchedBy::Id => "id",
        MatchedBy::Title => "title",
    }
}

/// The label of a status given by its code (a code from the statistics is always
/// known; the code itself otherwise).
pub(super) fn label<'a>(w: Words<'a>, code: &'a str) -> &'a str {
    Status::from_code(code).map_or(code, |status| w.status(status))
}
