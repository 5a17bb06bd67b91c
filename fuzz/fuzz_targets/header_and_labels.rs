//! Any text → the label readers (`parse_reading`, `match_status`) and the text helpers
//! (`fold`, `french`). Never a panic; folding is idempotent and ASCII; a status found
//! from a label is found again from its own label.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    bilan::fuzzing::header_and_labels(data);
});
