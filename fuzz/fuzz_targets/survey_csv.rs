//! Survey bytes → `bilan::input::read_survey` (through a file, as the binary reads it)
//! → the statistics of every statement. Never a panic; every diagnostic names the file.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use bilan::config::{InputPath, Lang};
use bilan::diagnostics::Diagnostics;
use bilan::stats::SurveyAccumulator;
use libfuzzer_sys::fuzz_target;

fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("debat.csv");
        (dir, path)
    });
    path
}

fuzz_target!(|data: &[u8]| {
    let path = scratch();
    std::fs::write(path, data).expect("write the input");
    let input = InputPath {
        path: path.clone(),
        display: "inputs/debat.csv".to_string(),
    };
    let mut survey = SurveyAccumulator::new();
    let mut diags = Diagnostics::new();
    bilan::input::read_survey(&input, &mut survey, &mut diags);
    survey.file_read();
    for d in diags.items() {
        assert_eq!(d.file, "inputs/debat.csv", "{d}");
        assert!(!d.message.is_empty(), "{d:?}");
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
});
