//! Survey bytes → `bilan::input::read_survey` (through a file, as the binary reads it)
//! → the statistics of every statement. Never a panic; every diagnostic names the file.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().to_path_buf();
        (dir, path)
    });
    path
}

fuzz_target!(|data: &[u8]| {
    bilan::fuzzing::survey_csv(scratch(), data);
});
