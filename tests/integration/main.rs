//! End-to-end tests through the real `bilan` binary, one module per feature.

mod architecture;
mod bad_inputs;
mod column_types;
mod common;
mod config;
mod documents;
mod edition;
mod editions;
mod failures;
mod follow_up;
mod fonts;
mod fuzz_corpus;
mod journey;
mod limits;
mod messages;
mod note;
mod pdfua;
mod real_exports;
mod registers;
mod sample;
mod sandbox;
mod snapshot;
mod stats;
mod texts;
mod watch;
