//! bilan: from a citizens' council's register of proposals and its survey to an
//! accessible briefing note, one fact sheet per proposal and an Excel workbook.
//!
//! The pipeline: [`config`] → [`input`] (the only stage that reads inputs) →
//! [`stats`] (pure) → [`render`] (bytes, named by [`layout`]) → [`output`] (the only
//! stage that writes). [`pipeline`] chains them for a front end; the library knows
//! no command line (the `bilan` binary owns it).

pub mod catalogue;
pub mod config;
pub mod diagnostics;
pub mod files;
pub mod format;
#[doc(hidden)]
pub mod fuzzing;
pub mod hash;
pub mod input;
pub mod lang;
pub mod layout;
pub mod limits;
pub mod manifest;
pub mod messages;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod stats;
pub mod text;

pub use pipeline::{Loaded, build_timestamp, compute_stats, load};
