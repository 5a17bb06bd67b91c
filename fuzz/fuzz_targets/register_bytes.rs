//! Register bytes → `bilan::input::load_register`, through a file whose extension the
//! first byte chooses (`.xlsx`, `.csv`, `.ods`, `.xls`), as the binary reads a register.
//! Never a panic; every diagnostic names the file; every proposal read is complete.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use bilan::config::InputPath;
use bilan::diagnostics::Diagnostics;
use libfuzzer_sys::fuzz_target;

const EXTENSIONS: [&str; 4] = ["xlsx", "csv", "ods", "xls"];

fn scratch() -> &'static PathBuf {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        DIR.get_or_init(|| tempfile::tempdir().expect("temp dir"))
            .path()
            .to_path_buf()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let ext = EXTENSIONS[usize::from(choice) % EXTENSIONS.len()];
    let path = scratch().join(format!("registre.{ext}"));
    std::fs::write(&path, bytes).expect("write the input");
    let display = format!("inputs/registre.{ext}");
    let input = InputPath {
        path: path.clone(),
        display: display.clone(),
    };
    let mut diags = Diagnostics::new();
    let register = bilan::input::load_register(&input, None, bilan::config::Lang::Fr, &mut diags);
    let _ = std::fs::remove_file(&path);
    for d in diags.items() {
        assert_eq!(d.file, display, "{d}");
        assert!(!d.message.is_empty(), "{d:?}");
        assert!(d.row.is_none_or(|r| r >= 1), "{d}");
    }
    for p in &register.proposals {
        assert!(!p.id.trim().is_empty(), "{p:?}");
        assert!(!p.theme.trim().is_empty(), "{p:?}");
        assert!(!p.title.trim().is_empty(), "{p:?}");
    }
});
