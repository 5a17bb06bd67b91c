//! Any text → the label readers (`parse_reading`, `match_status`) and the text helpers
//! (`fold`, `french`). Never a panic; folding is idempotent and ASCII; a status found
//! from a label is found again from its own label.

#![no_main]

use bilan::config::Lang;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = bilan::input::parse_reading(text);
    if let Ok(status) = bilan::input::match_status(text) {
        for lang in [Lang::Fr, Lang::En] {
            assert_eq!(
                bilan::input::match_status(status.label(lang)),
                Ok(status),
                "{text:?}"
            );
        }
    }
    let folded = bilan::text::fold(text);
    assert!(folded.is_ascii(), "{text:?} → {folded:?}");
    assert_eq!(bilan::text::fold(&folded), folded, "{text:?}");
    let typeset = bilan::text::french(text);
    // Typography only adds or swaps spaces and apostrophes: the words stay.
    let words = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '\'' | '’'))
            .collect()
    };
    assert_eq!(words(&typeset), words(text), "{text:?}");
});
