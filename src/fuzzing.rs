//! What the fuzz targets (`fuzz/`) check on any input, in one place: `cargo fuzz`
//! runs it on generated inputs, and `cargo test` replays the committed corpora through
//! it (`tests/integration/fuzz_corpus.rs`). Each function panics when bilan breaks a
//! promise on `data`: never panic on bad input, diagnostics located in the file given,
//! figures finite and consistent. Not part of bilan's interface.

use std::path::Path;

use crate::config::{InputPath, Lang};
use crate::diagnostics::Diagnostics;
use crate::stats::SurveyAccumulator;

/// The register readers on `data`: its first byte picks the file's extension, the
/// rest is the file, written into `dir`.
pub fn register_bytes(dir: &Path, data: &[u8]) {
    const EXTENSIONS: [&str; 4] = ["xlsx", "csv", "ods", "xls"];
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let ext = EXTENSIONS[usize::from(choice) % EXTENSIONS.len()];
    let path = dir.join(format!("registre.{ext}"));
    std::fs::write(&path, bytes).expect("write the input");
    let display = format!("inputs/registre.{ext}");
    let input = InputPath {
        path: path.clone(),
        display: display.clone(),
    };
    let mut diags = Diagnostics::new();
    let register = crate::input::load_register(&input, None, Lang::Fr, &mut diags);
    let _ = std::fs::remove_file(&path);
    for d in diags.items() {
        assert_eq!(d.file, display, "{d}");
        assert!(!d.text().is_empty(), "{d:?}");
        assert!(d.row.is_none_or(|r| r >= 1), "{d}");
    }
    for p in &register.proposals {
        assert!(!p.id.trim().is_empty(), "{p:?}");
        assert!(!p.theme.trim().is_empty(), "{p:?}");
        assert!(!p.title.trim().is_empty(), "{p:?}");
    }
}

/// The survey reader and the statistics on `data` as a CSV file written into `dir`.
pub fn survey_csv(dir: &Path, data: &[u8]) {
    let path = dir.join("debat.csv");
    std::fs::write(&path, data).expect("write the input");
    let input = InputPath {
        path: path.clone(),
        display: "inputs/debat.csv".to_string(),
    };
    let mut survey = SurveyAccumulator::new();
    let mut diags = Diagnostics::new();
    crate::input::read_survey(&input, None, &mut survey, &mut diags);
    survey.file_read();
    let _ = std::fs::remove_file(&path);
    for d in diags.items() {
        assert_eq!(d.file, "inputs/debat.csv", "{d}");
        assert!(!d.text().is_empty(), "{d:?}");
        assert!(d.row.is_none_or(|r| r >= 1), "{d}");
    }
    let (_, statements) = survey.finish(Lang::Fr, 5);
    for s in statements {
        let shares = s.shares.values().chain([
            &s.agree.share,
            &s.agree.low,
            &s.agree.high,
            &s.net_agreement,
        ]);
        for x in shares {
            assert!(x.is_finite() && (-1.0..=1.0).contains(x), "{s:?}");
        }
        let counted: u64 = s.counts.values().sum();
        assert_eq!(counted, s.n, "{s:?}");
    }
}

/// Answer labels, statuses, folding and French typography on `data` as text.
pub fn header_and_labels(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = crate::input::parse_reading(text);
    if let Ok(status) = crate::input::match_status(text) {
        for lang in [Lang::Fr, Lang::En] {
            assert_eq!(
                crate::input::match_status(status.label(lang)),
                Ok(status),
                "{text:?}"
            );
        }
    }
    let folded = crate::text::fold(text);
    assert!(folded.is_ascii(), "{text:?} → {folded:?}");
    assert_eq!(crate::text::fold(&folded), folded, "{text:?}");
    let typeset = crate::text::french(text);
    // Typography only adds or swaps spaces and apostrophes: the words stay.
    let words = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '\'' | '’'))
            .collect()
    };
    assert_eq!(words(&typeset), words(text), "{text:?}");
}
