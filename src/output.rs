//! The only stage that writes the disk: every output is first written into a
//! staging folder beside the edition's folder, and moved into place only once the
//! whole build has succeeded, so a failed build leaves the previous outputs
//! untouched. It names no file itself: paths come from [`crate::layout`].

use std::io;
use std::path::{Path, PathBuf};

use crate::layout::{Artifact, FICHES_DIRS, is_fiche};

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
pub fn commit(out_dir: &Path, outputs: &[Artifact]) -> Result<(), OutputError> {
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
    // Only the folder of the language built is replaced: the other's stays.
    for dir in FICHES_DIRS {
        let staged_fiches = staging.path().join(dir);
        let fiches = out_dir.join(dir);
        if staged_fiches.is_dir() {
            let old = staging.path().join(format!(".previous-{dir}"));
            if fiches.exists() {
                std::fs::rename(&fiches, &old).map_err(err("move aside", &fiches))?;
            }
            std::fs::rename(&staged_fiches, &fiches).map_err(err("move into place", &fiches))?;
        }
    }
    for output in outputs.iter().filter(|o| !is_fiche(&o.path)) {
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
    fn commit_replaces_outputs_and_removes_stale_fiches() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("reports/2025");
        let first = [
            Artifact {
                path: "data.json".into(),
                bytes: b"1".to_vec(),
            },
            Artifact {
                path: "fiches/A.pdf".into(),
                bytes: b"a".to_vec(),
            },
            Artifact {
                path: "fiches/B.pdf".into(),
                bytes: b"b".to_vec(),
            },
        ];
        commit(&out, &first).unwrap();
        let second = [
            Artifact {
                path: "data.json".into(),
                bytes: b"2".to_vec(),
            },
            Artifact {
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
