//! Progress as a fraction 0–1, from a percent cell, `40 %`, `0,4` or a word (`terminé`).
//!
//! Pure functions over text: no I/O, no diagnostics (callers locate the problem).

use crate::input::Cell;
use crate::text::fold;

/// Reads a progress as a fraction 0–1: a percent-formatted cell (`0.4`), `40 %`, `40%`,
/// `0,4`, `40`, or a number. A plain number from 0 to 1 is a fraction, above 1 a
/// percentage. `terminé` / `done` is 1, `non commencé` / `not started` 0. `Ok(None)` for
/// a blank cell, `Err(())` when unreadable or outside 0–100 %.
pub(crate) fn parse_progress(cell: &Cell) -> Result<Option<f64>, ()> {
    let value = match cell {
        Cell::Empty => return Ok(None),
        Cell::Percent(x) => *x,
        Cell::Number(x) => plain_progress(*x),
        Cell::Text(s) => {
            let folded = fold(s);
            let t = folded.trim();
            if t.is_empty() || t == "-" {
                return Ok(None);
            }
            match t {
                "termine" | "terminee" | "fait" | "faite" | "realise" | "realisee" | "acheve"
                | "achevee" | "done" | "complete" | "completed" | "finished" => 1.0,
                "non commence" | "non commencee" | "pas commence" | "pas commencee"
                | "not started" => 0.0,
                _ => {
                    let (number, percent) = match t.strip_suffix('%') {
                        Some(n) => (n.trim_end_matches([' ', '\u{a0}', '\u{202f}']), true),
                        None => (t, false),
                    };
                    let number = number.replace(',', ".");
                    let x: f64 = number.trim().parse().map_err(|_| ())?;
                    if percent {
                        x / 100.0
                    } else {
                        plain_progress(x)
                    }
                }
            }
        }
        Cell::Date(_) | Cell::Bool(_) | Cell::Error(_) => return Err(()),
    };
    if value.is_finite() && (0.0..=1.0 + 1e-9).contains(&value) {
        Ok(Some(value.min(1.0)))
    } else {
        Err(())
    }
}

fn plain_progress(x: f64) -> f64 {
    if x <= 1.0 { x } else { x / 100.0 }
}
