//! The only stage that writes the disk: every output is first written into a
//! staging folder beside the edition's folder, and moved into place only once the
//! whole build has succeeded, so a failed build leaves the previous outputs
//! untouched. Also the manifest, and safe file names for fact sheets.

use std::io;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

/// One file the build produced, relative to the edition's folder.
#[derive(Debug, Clone)]
pub struct Output {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// One file listed in the manifest.
#[derive(Debug, Clone, Serialize)]
pub struct FileEntry {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Manifest {
    pub bilan_version: &'static str,
    pub edition: i32,
    pub language: &'static str,
    pub inputs: Vec<FileEntry>,
    pub outputs: Vec<FileEntry>,
}

/// The SHA-256 of `bytes`, in lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// A digest in lowercase hex.
pub fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

impl FileEntry {
    pub fn of(path: impl Into<String>, bytes: &[u8]) -> Self {
        FileEntry {
            path: path.into(),
            sha256: sha256_hex(bytes),
            bytes: bytes.len() as u64,
        }
    }
}

/// Windows device names that cannot be file names, whatever the extension.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// The fact sheet's file name for a proposal id: the id itself when it is a safe,
/// portable name (`EDU-01.pdf`), else a cleaned form followed by a short hash of
/// the id, so that distinct ids never share a file and the name is stable.
pub fn fiche_file_name(id: &str) -> String {
    let mut clean = String::new();
    for c in deunicode::deunicode(id).chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
            clean.push(c);
        } else if !clean.ends_with('-') {
            clean.push('-');
        }
    }
    let clean: String = clean.trim_matches(['-', '.']).chars().take(60).collect();
    let stem = clean.split('.').next().unwrap_or("").to_ascii_lowercase();
    let safe = !clean.is_empty() && clean == id && !RESERVED.contains(&stem.as_str());
    if safe {
        format!("{clean}.pdf")
    } else {
        let hash = &sha256_hex(id.as_bytes())[..8];
        if clean.is_empty() {
            format!("fiche-{hash}.pdf")
        } else if RESERVED.contains(&stem.as_str()) {
            // Windows reads the part before the first dot: `con.txt-…` is still CON.
            format!("_{clean}-{hash}.pdf")
        } else {
            format!("{clean}-{hash}.pdf")
        }
    }
}

/// An I/O failure while writing outputs (exit status 4).
#[derive(Debug, thiserror::Error)]
#[error("failed to {action} \"{}\" ({source})", path.display())]
pub struct OutputError {
    pub action: &'static str,
    pub path: PathBuf,
    pub source: io::Error,
}

fn err<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> OutputError + 'a {
    move |source| OutputError {
        action,
        path: path.to_path_buf(),
        source,
    }
}

/// Writes `outputs` into `out_dir` all or nothing: staged first in a temporary
/// folder beside it, then moved into place. Fact sheets are replaced as a whole
/// folder, so those of proposals that no longer exist disappear.
pub fn commit(out_dir: &Path, outputs: &[Output]) -> Result<(), OutputError> {
    let parent = out_dir.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(err("create", parent))?;
    let staging = tempfile::Builder::new()
        .prefix(".bilan-staging-")
        .tempdir_in(parent)
        .map_err(err("create a staging folder in", parent))?;
    for output in outputs {
        let path = staging.path().join(&output.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(err("create", dir))?;
        }
        std::fs::write(&path, &output.bytes).map_err(err("write", &path))?;
    }
    // Everything is staged: now move into place.
    std::fs::create_dir_all(out_dir).map_err(err("create", out_dir))?;
    let staged_fiches = staging.path().join("fiches");
    let fiches = out_dir.join("fiches");
    if staged_fiches.is_dir() {
        let old = staging.path().join(".previous-fiches");
        if fiches.exists() {
            std::fs::rename(&fiches, &old).map_err(err("move aside", &fiches))?;
        }
        std::fs::rename(&staged_fiches, &fiches).map_err(err("move into place", &fiches))?;
    }
    for output in outputs.iter().filter(|o| !o.path.starts_with("fiches/")) {
        let target = out_dir.join(&output.path);
        std::fs::rename(staging.path().join(&output.path), &target)
            .map_err(err("move into place", &target))?;
    }
    // The staging folder, with the previous fact sheets, is removed on drop.
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_ids_keep_their_name_and_others_get_a_stable_unique_one() {
        assert_eq!(fiche_file_name("EDU-01"), "EDU-01.pdf");
        let hostile = [
            "../../x",
            "a/b",
            "a\\b",
            "CON",
            "con.txt",
            "LPT1.x",
            "",
            "é",
            &"x".repeat(300),
        ];
        let names: Vec<String> = hostile.iter().map(|id| fiche_file_name(id)).collect();
        for (id, name) in hostile.iter().zip(&names) {
            assert!(!name.contains(['/', '\\']), "{id:?} -> {name}");
            assert!(!name.starts_with('.'), "{id:?} -> {name}");
            let stem = name.split('.').next().unwrap_or("").to_ascii_lowercase();
            assert!(!RESERVED.contains(&stem.as_str()), "{id:?} -> {name}");
            assert!(name.len() <= 80, "{id:?} -> {name}");
            assert_eq!(name, &fiche_file_name(id), "stable");
        }
        let unique: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
        assert_ne!(fiche_file_name("a/b"), fiche_file_name("a-b"));
    }

    #[test]
    fn commit_replaces_outputs_and_removes_stale_fiches() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("reports/2025");
        let first = [
            Output {
                path: "data.json".into(),
                bytes: b"1".to_vec(),
            },
            Output {
                path: "fiches/A.pdf".into(),
                bytes: b"a".to_vec(),
            },
            Output {
                path: "fiches/B.pdf".into(),
                bytes: b"b".to_vec(),
            },
        ];
        commit(&out, &first).unwrap();
        let second = [
            Output {
                path: "data.json".into(),
                bytes: b"2".to_vec(),
            },
            Output {
                path: "fiches/A.pdf".into(),
                bytes: b"a2".to_vec(),
            },
        ];
        commit(&out, &second).unwrap();
        assert_eq!(std::fs::read(out.join("data.json")).unwrap(), b"2");
        assert_eq!(std::fs::read(out.join("fiches/A.pdf")).unwrap(), b"a2");
        assert!(!out.join("fiches/B.pdf").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("reports"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, ["2025"]);
    }
}
