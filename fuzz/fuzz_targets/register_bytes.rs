//! Register bytes → `bilan::input::load_register`, through a file whose extension the
//! first byte chooses (`.xlsx`, `.csv`, `.ods`, `.xls`), as the binary reads a register.
//! Never a panic; every diagnostic names the file; every proposal read is complete.

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
    bilan::fuzzing::register_bytes(scratch(), data);
});
