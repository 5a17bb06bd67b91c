//! A temporary copy of the sample project and helpers to run `bilan` in it and
//! read back what it wrote.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_bilan");

/// The repository root (the sample project).
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A throw-away copy of the sample project.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    /// Copies `bilan.toml` and `inputs/` of the repository into a new folder.
    pub fn sample() -> Project {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::copy(repo().join("bilan.toml"), dir.path().join("bilan.toml"))
            .expect("copy config");
        let inputs = dir.path().join("inputs");
        std::fs::create_dir(&inputs).expect("inputs dir");
        for entry in std::fs::read_dir(repo().join("inputs")).expect("read inputs") {
            let path = entry.expect("entry").path();
            if path.is_file() {
                std::fs::copy(&path, inputs.join(path.file_name().expect("name")))
                    .expect("copy input");
            }
        }
        Project { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Edits `bilan.toml` as TOML (never as text: a key that the sample no longer has
    /// fails here, loudly, instead of the edit doing nothing).
    pub fn edit_config(&self, edit: impl FnOnce(&mut toml_edit::DocumentMut)) {
        let path = self.path().join("bilan.toml");
        let text = std::fs::read_to_string(&path).expect("read bilan.toml");
        let mut doc: toml_edit::DocumentMut = text.parse().expect("bilan.toml is TOML");
        edit(&mut doc);
        std::fs::write(&path, doc.to_string()).expect("write bilan.toml");
    }

    /// Points `inputs.proposals` at `file` (relative to the project), with no sheet.
    pub fn use_register(&self, file: &str) {
        self.edit_config(|doc| {
            let inputs = doc["inputs"]
                .as_table_mut()
                .expect("[inputs] in the sample");
            assert!(
                inputs.contains_key("proposals"),
                "the sample names its register"
            );
            inputs["proposals"] = toml_edit::value(file);
            inputs.remove("proposals_sheet");
        });
    }

    /// Runs `bilan ARGS` in the project folder, with a fixed SOURCE_DATE_EPOCH.
    pub fn run(&self, args: &[&str]) -> Output {
        self.run_with_epoch(args, Some("1763164800"))
    }

    /// Runs `bilan ARGS` in the project folder with SOURCE_DATE_EPOCH set to `epoch`,
    /// or unset, in the C locale (bilan speaks English).
    pub fn run_with_epoch(&self, args: &[&str], epoch: Option<&str>) -> Output {
        self.command(args, epoch, "C").output().expect("run bilan")
    }

    /// Runs `bilan ARGS` with `LANG` set to `locale` (and no `LC_ALL`, `LC_MESSAGES`).
    pub fn run_in_locale(&self, args: &[&str], locale: &str) -> Output {
        self.command(args, Some("1763164800"), locale)
            .output()
            .expect("run bilan")
    }

    pub fn command(&self, args: &[&str], epoch: Option<&str>, locale: &str) -> Command {
        let mut command = Command::new(BIN);
        command
            .args(args)
            .current_dir(self.path())
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", locale);
        match epoch {
            Some(epoch) => command.env("SOURCE_DATE_EPOCH", epoch),
            None => command.env_remove("SOURCE_DATE_EPOCH"),
        };
        command
    }

    /// Runs `bilan ARGS` and asserts it succeeded.
    pub fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "bilan {args:?} failed ({:?}):\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    pub fn report(&self, rel: &str) -> PathBuf {
        self.path().join("reports/2025").join(rel)
    }

    pub fn data(&self) -> serde_json::Value {
        let text = std::fs::read_to_string(self.report("data.json")).expect("data.json");
        serde_json::from_str(&text).expect("valid JSON")
    }
}

/// A file of `tests/fixtures/real/` (exports other people made).
pub fn real(name: &str) -> std::path::PathBuf {
    repo().join("tests/fixtures/real").join(name)
}

/// The sample project with the real export `file` as its only survey, no file of it
/// illustrative.
pub fn project_with_real_survey(file: &str) -> Project {
    let project = Project::sample();
    std::fs::copy(real(file), project.path().join("inputs").join(file)).expect("copy export");
    project.edit_config(|doc| {
        let mut surveys = toml_edit::Array::new();
        surveys.push(format!("inputs/{file}"));
        doc["inputs"]["surveys"] = toml_edit::value(surveys);
        doc["inputs"]["illustrative"] = toml_edit::value(toml_edit::Array::new());
    });
    project
}

/// The text of a PDF as poppler's pdftotext extracts it in content order (`-raw`:
/// cell by cell in tables, which is typst's reading order).
pub fn pdf_text(path: &Path) -> String {
    pdftotext(path, &[])
}

/// The text of page `page` (1-based) of a PDF, folded as [`pdf_text`] folds it.
pub fn pdf_page_text(path: &Path, page: usize) -> String {
    let page = page.to_string();
    pdftotext(path, &["-f", &page, "-l", &page])
}

fn pdftotext(path: &Path, pages: &[&str]) -> String {
    let out = Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .args(pages)
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) must be installed; .ci/run installs it");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        path.display()
    );
    // Join lines and fold every kind of space so that phrases wrapped across lines
    // match; a word hyphenated at a line end carries a soft hyphen (U+00AD), which
    // is not part of the word.
    flat(
        &String::from_utf8_lossy(&out.stdout)
            .replace("\u{ad}\n", "")
            .replace('\u{ad}', "")
            .replace('\n', " "),
    )
}

/// Folds spaces the same way as [`pdf_text`], for comparing data with PDF text.
pub fn flat(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The SHA-256 of each file, computed by coreutils' `sha256sum`: an implementation
/// independent of the one bilan uses.
pub fn sha256sum(paths: &[PathBuf]) -> Vec<String> {
    let out = Command::new("sha256sum")
        .args(paths)
        .output()
        .expect("sha256sum (coreutils) must be installed");
    assert!(out.status.success(), "sha256sum failed");
    let digests: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|line| {
            line.split_whitespace()
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(digests.len(), paths.len());
    digests
}

/// Every file under `dir` (an edition, fact sheets included), by its path relative to
/// `dir`, with its bytes, sorted.
pub fn files_under(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(at) = stack.pop() {
        for entry in std::fs::read_dir(&at).expect("read edition") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .expect("inside")
                    .display()
                    .to_string();
                files.push((rel, std::fs::read(&path).expect("read output")));
            }
        }
    }
    files.sort();
    files
}
