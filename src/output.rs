//! The only stage that writes the disk. A build's outputs become visible all at
//! once or not at all: the complete new edition is first written into a staging
//! folder on the edition's own filesystem (beside the edition's folder, after
//! resolving it through symbolic links), then swapped with the previous edition in
//! one step (`renameat2(RENAME_EXCHANGE)` on Linux, else a rename aside that is
//! undone on failure). A lock file keeps two builds from writing the same edition at
//! once; staging left by an interrupted build is removed (or, for a previous
//! edition moved aside, put back) by the next. It names no file itself: paths come
//! from [`crate::layout`].

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use crate::lang::Lang;
use crate::layout::{self, Artifact, STAGING_PREFIX};

/// An I/O failure while writing outputs (exit status 4). The OS's message is part of
/// this one and not a `source`, so that an error chain prints it once.
#[derive(Debug, thiserror::Error)]
#[error("failed to {action} \"{}\" ({cause})", path.display())]
pub struct OutputError {
    pub action: &'static str,
    pub path: PathBuf,
    pub cause: io::Error,
}

/// Another build holds the edition's lock (exit status 4).
#[derive(Debug, thiserror::Error)]
#[error("another bilan build is writing \"{}\" (lock \"{}\"); wait for it to end, then build again", out_dir.display(), lock.display())]
pub struct EditionBusy {
    pub out_dir: PathBuf,
    pub lock: PathBuf,
}

/// Why an edition could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error(transparent)]
    Busy(EditionBusy),
    #[error(transparent)]
    Io(OutputError),
}

fn err<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(io::Error) -> OutputError + 'a {
    move |cause| OutputError {
        action,
        path: path.to_path_buf(),
        cause,
    }
}

/// The edition's folder, locked for this build: `.bilan-<edition>.lock` beside its
/// real folder, held (an advisory lock) until dropped, then removed.
pub struct EditionLock {
    out_dir: PathBuf,
    /// The edition's folder resolved through symbolic links (itself when it does
    /// not exist yet).
    real: PathBuf,
    lock_path: PathBuf,
    _file: File,
}

/// Locks the edition folder `out_dir` (creating its parent folders); a second build
/// into the same folder gets [`LockError::Busy`] at once rather than waiting, so that
/// a CI job never hangs behind another.
pub fn lock(out_dir: &Path) -> Result<EditionLock, LockError> {
    let parent = out_dir.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .map_err(err("create", parent))
        .map_err(LockError::Io)?;
    let real = match std::fs::canonicalize(out_dir) {
        Ok(real) => real,
        Err(e) if e.kind() == io::ErrorKind::NotFound => out_dir.to_path_buf(),
        Err(e) => return Err(LockError::Io(err("resolve", out_dir)(e))),
    };
    let name = edition_name(&real);
    let lock_path = real_parent(&real).join(layout::lock_file_name(&name));
    loop {
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(err("create the lock", &lock_path))
            .map_err(LockError::Io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(LockError::Busy(EditionBusy {
                    out_dir: out_dir.to_path_buf(),
                    lock: lock_path,
                }));
            }
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(LockError::Io(err("lock", &lock_path)(e)));
            }
        }
        // The holder before us removes the file when it is done: if the path now
        // names another file than the one we locked, lock that one instead.
        if same_file(&file, &lock_path) {
            return Ok(EditionLock {
                out_dir: out_dir.to_path_buf(),
                real,
                lock_path,
                _file: file,
            });
        }
    }
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

impl Drop for EditionLock {
    fn drop(&mut self) {
        // Removed while still held, so that no other build can lock it in between.
        let _ = std::fs::remove_file(&self.lock_path);
    }
}

/// Writes `outputs` into `out_dir` all or nothing (see [`EditionLock::commit`]),
/// taking the edition's lock for the time of the commit.
pub fn commit(out_dir: &Path, outputs: &[Artifact], lang: Lang) -> anyhow::Result<()> {
    let lock = lock(out_dir)?;
    lock.commit(outputs, lang)?;
    Ok(())
}

impl EditionLock {
    /// Replaces the edition with `outputs`, all or nothing: after it, the edition's
    /// folder holds exactly these files (fact sheets of proposals that no longer
    /// exist disappear) and `manifest.json` describes them; on any failure, the
    /// previous edition is left as it was and no staging folder remains.
    ///
    /// When the folder cannot be swapped as a whole (it is a mount point, or holds
    /// files bilan did not write), it is updated file by file instead: see
    /// [`commit_in_place`].
    ///
    /// The outputs are those of one language (`lang`): the other languages' files of
    /// the edition are kept as they are, carried into the new edition.
    pub fn commit(&self, outputs: &[Artifact], lang: Lang) -> Result<(), OutputError> {
        let real = &self.real;
        let parent = real_parent(real);
        remove_stale(real)?;
        if real.exists() && !swappable(real)? {
            return commit_in_place(real, outputs, lang);
        }
        let staging = tempfile::Builder::new()
            .prefix(&format!("{STAGING_PREFIX}{}-", edition_name(real)))
            .tempdir_in(&parent)
            .map_err(err("create a staging folder in", &parent))?;
        write_all(staging.path(), outputs)?;
        if real.exists() {
            carry_other_languages(real, staging.path(), lang)?;
        }
        sync_staged(staging.path(), outputs)?;
        fail_point("staged").map_err(err("stage", staging.path()))?;
        if !real.exists() {
            std::fs::rename(staging.path(), real).map_err(err("move into place", real))?;
            sync_dir(&parent);
            return Ok(());
        }
        match exchange(staging.path(), real) {
            Ok(()) => {
                sync_dir(&parent);
                // The previous edition is now in the staging folder: removed when it
                // drops. A failure to remove it leaves it for the next build.
                if fail_point("swapped").is_err() {
                    let _ = staging.keep();
                }
                Ok(())
            }
            Err(e) if is_mount_point_error(&e) => {
                drop(staging);
                commit_in_place(real, outputs, lang)
            }
            Err(e) if exchange_unsupported(&e) => swap_by_renames(staging.path(), real),
            Err(e) => Err(err("swap in", real)(e)),
        }
    }

    /// The lock file, to remove when the process must end without unwinding (a
    /// limit passed, see [`crate::limits`]).
    pub fn lock_path(&self) -> &Path {
        &self.lock_path
    }

    /// The edition folder the lock was taken for, as given.
    pub fn out_dir(&self) -> &Path {
        &self.out_dir
    }
}

/// The portable swap: the previous edition renamed aside, the new one renamed in,
/// the previous one removed; on a failure in between, the previous one is renamed
/// back. Interrupted in between, the next build puts it back ([`remove_stale`]).
fn swap_by_renames(staging: &Path, real: &Path) -> Result<(), OutputError> {
    let aside = previous_path(staging);
    std::fs::rename(real, &aside).map_err(err("move aside", real))?;
    let moved = fail_point("aside").and_then(|()| std::fs::rename(staging, real));
    if let Err(e) = moved {
        let _ = std::fs::rename(&aside, real);
        return Err(err("move into place", real)(e));
    }
    let _ = std::fs::remove_dir_all(&aside);
    Ok(())
}

/// Where [`swap_by_renames`] keeps the previous edition: a name the next build
/// recognises as its staging.
fn previous_path(staging: &Path) -> PathBuf {
    let mut name = staging.file_name().unwrap_or_default().to_os_string();
    name.push(PREVIOUS_SUFFIX);
    staging.with_file_name(name)
}

const PREVIOUS_SUFFIX: &str = "-previous";

/// The edition updated inside its own folder, for a folder that cannot be swapped
/// (a mount point: a Docker volume, a network share) or that holds files of the
/// user's own (kept). The outputs are staged in a folder inside it, then:
/// `manifest.json` is removed, the fact sheets' folder swapped in one step, each
/// other file renamed over the old one, bilan's files that the build no longer makes
/// removed, and `manifest.json` moved in last.
///
/// What this guarantees: every file is whole (old or new, never half-written), and
/// whenever a `manifest.json` is present it describes exactly bilan's files beside
/// it. Interrupted midway, the folder may mix old and new files, but then has no
/// manifest; the next successful build completes it.
fn commit_in_place(real: &Path, outputs: &[Artifact], lang: Lang) -> Result<(), OutputError> {
    let (manifest_name, fiches_name) = (layout::manifest(lang), layout::fiches_dir(lang));
    let staging = tempfile::Builder::new()
        .prefix(STAGING_PREFIX)
        .tempdir_in(real)
        .map_err(err("create a staging folder in", real))?;
    write_all(staging.path(), outputs)?;
    sync_staged(staging.path(), outputs)?;
    fail_point("staged").map_err(err("stage", staging.path()))?;
    let manifest = real.join(manifest_name);
    match std::fs::remove_file(&manifest) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(err("remove", &manifest)(e)),
        _ => {}
    }
    let fiches = real.join(fiches_name);
    let staged_fiches = staging.path().join(fiches_name);
    if staged_fiches.is_dir() {
        if fiches.is_dir() {
            if let Err(e) = exchange(&staged_fiches, &fiches) {
                if !exchange_unsupported(&e) {
                    return Err(err("swap in", &fiches)(e));
                }
                let old = staging.path().join(".previous-fiches");
                std::fs::rename(&fiches, &old).map_err(err("move aside", &fiches))?;
                std::fs::rename(&staged_fiches, &fiches)
                    .map_err(err("move into place", &fiches))?;
            }
        } else {
            std::fs::rename(&staged_fiches, &fiches).map_err(err("move into place", &fiches))?;
        }
    }
    fail_point("in-place").map_err(err("move into place", real))?;
    let mut written = vec![fiches_name.to_string()];
    for output in outputs.iter().filter(|o| !layout::is_fiche(&o.path)) {
        let top = output
            .path
            .split('/')
            .next()
            .unwrap_or_default()
            .to_string();
        written.push(top);
        if output.path == manifest_name {
            continue;
        }
        let target = real.join(&output.path);
        std::fs::rename(staging.path().join(&output.path), &target)
            .map_err(err("move into place", &target))?;
    }
    for entry in std::fs::read_dir(real).map_err(err("read", real))? {
        let entry = entry.map_err(err("read", real))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        // Only this language's outputs are replaced: the other's stay.
        let stale = layout::entries(lang).contains(&name.as_str()) && !written.contains(&name);
        if stale {
            let path = entry.path();
            let removed = if path.is_dir() {
                std::fs::remove_dir_all(&path)
            } else {
                std::fs::remove_file(&path)
            };
            removed.map_err(err("remove", &path))?;
        }
    }
    let staged_manifest = staging.path().join(manifest_name);
    if staged_manifest.exists() {
        std::fs::rename(&staged_manifest, &manifest).map_err(err("move into place", &manifest))?;
    }
    Ok(())
}

/// Links (or, where a link cannot be made, copies) the files the previous edition
/// `real` holds in languages other than `lang` into the new edition `staging`, so that
/// a French build keeps the English outputs beside it and the other way round.
fn carry_other_languages(real: &Path, staging: &Path, lang: Lang) -> Result<(), OutputError> {
    for other in Lang::ALL.into_iter().filter(|&l| l != lang) {
        for name in layout::entries(other) {
            let from = real.join(name);
            if from.exists() {
                link_tree(&from, &staging.join(name))?;
            }
        }
    }
    Ok(())
}

fn link_tree(from: &Path, to: &Path) -> Result<(), OutputError> {
    if from.is_dir() {
        std::fs::create_dir_all(to).map_err(err("create", to))?;
        for entry in std::fs::read_dir(from).map_err(err("read", from))? {
            let entry = entry.map_err(err("read", from))?;
            link_tree(&entry.path(), &to.join(entry.file_name()))?;
        }
        return Ok(());
    }
    if std::fs::hard_link(from, to).is_err() {
        std::fs::copy(from, to).map_err(err("copy", from))?;
    }
    Ok(())
}

fn write_all(dir: &Path, outputs: &[Artifact]) -> Result<(), OutputError> {
    for output in outputs {
        let path = dir.join(&output.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(err("create", parent))?;
        }
        std::fs::write(&path, &output.bytes).map_err(err("write", &path))?;
    }
    Ok(())
}

/// Makes the staged outputs durable before any of them becomes visible, so that a
/// power cut after the swap never shows an edition of empty or partial files. On
/// Linux one `syncfs` of the staging folder's filesystem does it for every file and
/// folder at once (thousands of `fsync` calls would each wait for the journal);
/// elsewhere each file, then each folder, is synced.
fn sync_staged(dir: &Path, outputs: &[Artifact]) -> Result<(), OutputError> {
    #[cfg(target_os = "linux")]
    {
        let _ = outputs;
        let folder = File::open(dir).map_err(err("open", dir))?;
        rustix::fs::syncfs(&folder).map_err(|e| err("sync", dir)(e.into()))
    }
    #[cfg(not(target_os = "linux"))]
    {
        let mut folders = std::collections::BTreeSet::new();
        for output in outputs {
            let path = dir.join(&output.path);
            File::open(&path)
                .and_then(|f| f.sync_all())
                .map_err(err("sync", &path))?;
            folders.extend(path.parent().map(Path::to_path_buf));
        }
        folders.iter().for_each(|folder| sync_dir(folder));
        sync_dir(dir);
        Ok(())
    }
}

/// Syncs a folder's entries (a rename in it), where the system allows opening a
/// folder; best effort: the files themselves are already durable.
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(folder) = File::open(dir) {
        let _ = folder.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Whether the existing edition folder `real` can be swapped as a whole: it is on
/// the same filesystem as its parent (not a mount point) and holds only bilan's
/// files.
fn swappable(real: &Path) -> Result<bool, OutputError> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let parent = real_parent(real);
        let here = std::fs::metadata(real).map_err(err("read", real))?;
        let above = std::fs::metadata(&parent).map_err(err("read", &parent))?;
        if here.dev() != above.dev() {
            return Ok(false);
        }
    }
    if !real.is_dir() {
        return Ok(true);
    }
    for entry in std::fs::read_dir(real).map_err(err("read", real))? {
        let entry = entry.map_err(err("read", real))?;
        if !layout::is_edition_entry(&entry.file_name().to_string_lossy()) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Removes what an interrupted build left: staging folders of this edition beside
/// it (a previous edition moved aside is put back when the edition folder is
/// missing) and inside it.
fn remove_stale(real: &Path) -> Result<(), OutputError> {
    let parent = real_parent(real);
    let ours = format!("{STAGING_PREFIX}{}-", edition_name(real));
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(&parent) {
        Ok(entries) => entries.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => return Err(err("read", &parent)(e)),
    };
    // A previous edition first, so that it is put back before anything is removed.
    entries.sort_by_key(|p| !p.to_string_lossy().ends_with(PREVIOUS_SUFFIX));
    for path in entries {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let Some(rest) = name.strip_prefix(STAGING_PREFIX) else {
            continue;
        };
        // Ours, or an unnamed one from a bilan before edition names (`XXXXXX`).
        let unnamed = !rest.contains('-');
        if !name.starts_with(&ours) && !unnamed {
            continue;
        }
        if name.ends_with(PREVIOUS_SUFFIX) && !real.exists() {
            std::fs::rename(&path, real).map_err(err("put back", &path))?;
            continue;
        }
        std::fs::remove_dir_all(&path).map_err(err("remove", &path))?;
    }
    if real.is_dir() {
        for entry in std::fs::read_dir(real).map_err(err("read", real))? {
            let path = entry.map_err(err("read", real))?.path();
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            if name.starts_with(STAGING_PREFIX) && path.is_dir() {
                std::fs::remove_dir_all(&path).map_err(err("remove", &path))?;
            }
        }
    }
    Ok(())
}

fn real_parent(real: &Path) -> PathBuf {
    match real.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn edition_name(real: &Path) -> String {
    real.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "edition".to_string())
}

/// Swaps two paths in one step (`renameat2(RENAME_EXCHANGE)`).
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    if fail_point("exchange").is_err() {
        return Err(io::Error::from(io::ErrorKind::Unsupported));
    }
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::Error::from(io::ErrorKind::Unsupported))
}

/// The filesystem or kernel cannot exchange (EINVAL, ENOSYS, EOPNOTSUPP).
fn exchange_unsupported(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::Unsupported
        || e.kind() == io::ErrorKind::InvalidInput
        || matches!(e.raw_os_error(), Some(22 | 38 | 95))
}

/// The folder is a mount point or on another device after all (EBUSY, EXDEV).
fn is_mount_point_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ResourceBusy | io::ErrorKind::CrossesDevices
    )
}

/// For tests through the binary only: `BILAN_TEST_FAIL_AT=<step>[,<step>…]` makes
/// the commit fail at those steps (`staged`, `exchange`, `swapped`, `aside`,
/// `in-place`) as an I/O error would, and `<step>:exit` ends the process there as an
/// interrupt would (no clean-up). Steps: `staged` once the new edition is written,
/// `exchange` makes the one-step swap unavailable (the portable renames run),
/// `swapped` after the swap (the previous edition then stays for the next build to
/// remove), `aside` between moving the previous edition aside and the new one in,
/// `in-place` midway through an in-place update.
#[doc(hidden)]
pub fn fail_point(step: &str) -> io::Result<()> {
    let Ok(value) = std::env::var("BILAN_TEST_FAIL_AT") else {
        return Ok(());
    };
    for wanted in value.split(',') {
        match wanted.split_once(':') {
            Some((s, "exit")) if s == step => std::process::exit(130),
            None if wanted == step => {
                return Err(io::Error::other(format!("failure injected at {step}")));
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn artifact(path: &str, bytes: &[u8]) -> Artifact {
        Artifact {
            path: path.into(),
            bytes: bytes.to_vec(),
        }
    }

    fn leftovers(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn commit_replaces_outputs_and_removes_stale_fiches() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("reports/2025");
        let first = [
            artifact("data.json", b"1"),
            artifact("synthese.xlsx", b"x"),
            artifact("fiches/A.pdf", b"a"),
            artifact("fiches/B.pdf", b"b"),
        ];
        commit(&out, &first, Lang::Fr).unwrap();
        let second = [artifact("data.json", b"2"), artifact("fiches/A.pdf", b"a2")];
        commit(&out, &second, Lang::Fr).unwrap();
        assert_eq!(std::fs::read(out.join("data.json")).unwrap(), b"2");
        assert_eq!(std::fs::read(out.join("fiches/A.pdf")).unwrap(), b"a2");
        assert!(!out.join("fiches/B.pdf").exists());
        assert!(!out.join("synthese.xlsx").exists());
        assert_eq!(leftovers(&dir.path().join("reports")), ["2025"]);
    }

    #[test]
    fn files_of_the_users_own_are_kept_and_stale_outputs_removed_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("2025");
        commit(
            &out,
            &[
                artifact("synthese.xlsx", b"x"),
                artifact("manifest.json", b"m1"),
                artifact("fiches/B.pdf", b"b"),
            ],
            Lang::Fr,
        )
        .unwrap();
        std::fs::write(out.join("notes.txt"), b"mine").unwrap();
        commit(
            &out,
            &[
                artifact("data.json", b"2"),
                artifact("manifest.json", b"m2"),
                artifact("fiches/A.pdf", b"a"),
            ],
            Lang::Fr,
        )
        .unwrap();
        assert_eq!(
            leftovers(&out),
            ["data.json", "fiches", "manifest.json", "notes.txt"]
        );
        assert_eq!(leftovers(&out.join("fiches")), ["A.pdf"]);
        assert_eq!(std::fs::read(out.join("manifest.json")).unwrap(), b"m2");
    }

    #[test]
    fn a_second_lock_on_the_same_edition_is_refused_until_the_first_ends() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("2025");
        let first = lock(&out).unwrap();
        assert!(matches!(lock(&out), Err(LockError::Busy(_))));
        drop(first);
        let again = lock(&out).unwrap();
        drop(again);
        assert!(leftovers(dir.path()).is_empty(), "the lock file is removed");
    }

    #[test]
    fn a_previous_edition_left_aside_is_put_back_and_stale_staging_removed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("2025");
        let aside = dir.path().join(".bilan-staging-2025-abc-previous");
        std::fs::create_dir(&aside).unwrap();
        std::fs::write(aside.join("data.json"), b"old").unwrap();
        std::fs::create_dir(dir.path().join(".bilan-staging-2025-def")).unwrap();
        std::fs::create_dir(dir.path().join(".bilan-staging-2024-ghi")).unwrap();
        remove_stale(&out).unwrap();
        assert_eq!(std::fs::read(out.join("data.json")).unwrap(), b"old");
        assert_eq!(leftovers(dir.path()), [".bilan-staging-2024-ghi", "2025"]);
    }
}
