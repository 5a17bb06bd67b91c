//! End-to-end tests through the real `bilan` binary, one module per feature.

mod bad_inputs;
mod common;
mod documents;
mod failures;
mod follow_up;
mod registers;
mod sample;
mod snapshot;
mod stats;
mod texts;
