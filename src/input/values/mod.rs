//! Reading single values as people write them: proposal statuses, survey answer labels,
//! column headers, due dates and periods, progress percentages. One file per kind of
//! value.
//!
//! Pure functions over text: no I/O, no diagnostics (callers locate the problem).

mod answers;
mod due;
mod headers;
mod progress;
mod status;

#[cfg(test)]
mod tests;

pub(crate) use answers::{answer_code_number, answer_labels, label_strength};
pub use answers::{non_answer_labels, parse_reading};
pub(crate) use due::parse_due;
pub(crate) use headers::{Match, alias_match, header_key};
pub(crate) use progress::parse_progress;
pub use status::match_status;
pub(crate) use status::status_labels;
