//! An edition is replaced all or nothing (issue 17): a failure or an interrupt at any
//! step of the commit leaves the previous edition byte-identical, staging is cleaned
//! by the next build, an edition folder on another filesystem or a mount point
//! builds, and two builds never write the same edition at once.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::{BIN, Project, files_under};

/// Runs `bilan build` with `SOURCE_DATE_EPOCH=epoch` (different epochs make
/// different PDFs) and the failure hook set to `fail_at`.
fn build(project: &Project, epoch: &str, fail_at: Option<&str>) -> Output {
    command(project, epoch, fail_at)
        .output()
        .expect("run bilan")
}

fn command(project: &Project, epoch: &str, fail_at: Option<&str>) -> Command {
    let mut command = Command::new(BIN);
    command
        .arg("build")
        .current_dir(project.path())
        .env("SOURCE_DATE_EPOCH", epoch)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES");
    match fail_at {
        Some(step) => command.env("BILAN_TEST_FAIL_AT", step),
        None => command.env_remove("BILAN_TEST_FAIL_AT"),
    };
    command
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "{:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Staging folders left anywhere around the edition `real`.
fn staging_left(real: &Path) -> Vec<PathBuf> {
    let mut left = Vec::new();
    for dir in [real.parent().expect("parent"), real] {
        if let Ok(entries) = std::fs::read_dir(dir) {
            for entry in entries {
                let path = entry.expect("entry").path();
                if path
                    .file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(".bilan-staging-"))
                {
                    left.push(path);
                }
            }
        }
    }
    left
}

/// The manifest's outputs are exactly the files beside it.
fn assert_manifest_exact(real: &Path) {
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(real.join("manifest.json")).expect("manifest"))
            .expect("json");
    let mut listed: Vec<String> = manifest["outputs"]
        .as_array()
        .expect("outputs")
        .iter()
        .map(|o| o["path"].as_str().expect("path").to_string())
        .collect();
    listed.sort();
    let mut present: Vec<String> = files_under(real)
        .into_iter()
        .map(|(p, _)| p)
        .filter(|p| p != "manifest.json" && p != "notes-perso.txt")
        .collect();
    present.sort();
    assert_eq!(listed, present);
}

/// For each step: a first build, then a build failing there; the first edition is
/// byte-identical and no staging is left (after the next build, for an interrupt).
fn check_steps(project: &Project, real: &Path, steps: &[&str]) {
    ok(&build(project, "1763164800", None));
    let before = files_under(real);
    assert!(before.len() > 20);
    for step in steps {
        let out = build(project, "1763251200", Some(step));
        assert_ne!(out.status.code(), Some(0), "{step}");
        if step.ends_with(":exit") {
            // Interrupted: the next build, failing before the swap, must still find
            // and restore or remove what this one left.
            let out = build(project, "1763251200", Some("staged"));
            assert_eq!(out.status.code(), Some(4), "{step}");
        } else {
            assert_eq!(out.status.code(), Some(4), "{step}");
        }
        assert!(
            files_under(real) == before,
            "the edition changed after {step}"
        );
        assert_eq!(staging_left(real), Vec::<PathBuf>::new(), "{step}");
    }
    ok(&build(project, "1763251200", None));
    assert!(
        files_under(real) != before,
        "the new edition replaced the old"
    );
    assert_eq!(staging_left(real), Vec::<PathBuf>::new());
    assert_manifest_exact(real);
}

#[test]
fn a_failure_or_interrupt_at_any_step_leaves_the_previous_edition_byte_identical() {
    let project = Project::sample();
    let real = project.report("");
    check_steps(
        &project,
        &real,
        &[
            "staged",
            "staged:exit",
            "exchange,staged",
            "exchange,aside",
            "exchange,aside:exit",
        ],
    );
}

#[test]
fn an_interrupt_after_the_swap_leaves_the_new_edition_whole_and_the_next_build_cleans() {
    let project = Project::sample();
    let real = project.report("");
    ok(&build(&project, "1763164800", None));
    let out = build(&project, "1763251200", Some("swapped:exit"));
    assert_eq!(out.status.code(), Some(130));
    assert_manifest_exact(&real);
    assert_eq!(
        staging_left(&real).len(),
        1,
        "the previous edition, not yet removed"
    );
    ok(&build(&project, "1763251200", None));
    assert_eq!(staging_left(&real), Vec::<PathBuf>::new());
}

#[test]
fn files_of_the_users_own_are_kept_and_a_failed_in_place_update_leaves_no_manifest() {
    let project = Project::sample();
    let real = project.report("");
    ok(&build(&project, "1763164800", None));
    std::fs::write(real.join("notes-perso.txt"), "à garder").expect("write");
    check_steps(&project, &real, &["staged", "staged:exit"]);
    assert_eq!(
        std::fs::read_to_string(real.join("notes-perso.txt")).expect("kept"),
        "à garder"
    );
    // Midway through an in-place update, files may mix: then no manifest claims them.
    let out = build(&project, "1763337600", Some("in-place"));
    assert_eq!(out.status.code(), Some(4));
    assert!(!real.join("manifest.json").exists());
    ok(&build(&project, "1763337600", None));
    assert_manifest_exact(&real);
    assert_eq!(staging_left(&real), Vec::<PathBuf>::new());
}

/// A tmpfs mounted for the test, unmounted when dropped.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(at: &Path) -> Option<Tmpfs> {
        std::fs::create_dir_all(at).expect("mount point");
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=256m", "tmpfs"])
            .arg(at)
            .output();
        match out {
            Ok(out) if out.status.success() => Some(Tmpfs(at.to_path_buf())),
            Ok(out) => {
                eprintln!(
                    "skipped: cannot mount a tmpfs ({})",
                    String::from_utf8_lossy(&out.stderr).trim()
                );
                None
            }
            Err(e) => {
                eprintln!("skipped: cannot run mount ({e})");
                None
            }
        }
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn an_edition_folder_linked_to_another_filesystem_builds_all_or_nothing() {
    let project = Project::sample();
    let disk = tempfile::tempdir().expect("dir");
    let Some(_mounted) = Tmpfs::mount(&disk.path().join("mnt")) else {
        return;
    };
    let real = disk.path().join("mnt/2025");
    std::fs::create_dir(&real).expect("edition on the tmpfs");
    std::fs::create_dir(project.path().join("reports")).expect("reports");
    let link = project.path().join("reports/2025");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    check_steps(&project, &real, &["staged", "exchange,aside"]);
    assert!(link.is_symlink(), "the link is kept");
}

#[test]
fn an_edition_folder_that_is_a_mount_point_builds() {
    let project = Project::sample();
    let real = project.report("");
    let Some(_mounted) = Tmpfs::mount(&real) else {
        return;
    };
    check_steps(&project, &real, &["staged", "staged:exit"]);
}

#[test]
fn a_second_build_into_a_locked_edition_exits_4_and_concurrent_builds_never_mix() {
    let project = Project::sample();
    ok(&build(&project, "1763164800", None));
    let before = files_under(&project.report(""));
    let lock_path = project.path().join("reports/.bilan-2025.lock");
    let lock = std::fs::File::create(&lock_path).expect("lock file");
    lock.try_lock().expect("lock");
    let out = build(&project, "1763251200", None);
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("another bilan build"), "{stderr}");
    assert!(files_under(&project.report("")) == before);
    drop(lock);
    std::fs::remove_file(&lock_path).expect("rm lock");

    let children: Vec<_> = ["1763251200", "1763337600", "1763424000"]
        .iter()
        .map(|epoch| {
            command(&project, epoch, None)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .expect("run bilan")
        })
        .collect();
    let codes: Vec<_> = children
        .into_iter()
        .map(|mut c| c.wait().expect("wait").code())
        .collect();
    assert!(
        codes.iter().all(|c| *c == Some(0) || *c == Some(4)),
        "{codes:?}"
    );
    assert!(codes.contains(&Some(0)), "{codes:?}");
    assert_manifest_exact(&project.report(""));
    assert_eq!(staging_left(&project.report("")), Vec::<PathBuf>::new());
}
