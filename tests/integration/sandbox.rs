//! The template sandbox (issue 17): templates and every file they read must resolve
//! inside the project folder and be regular files; anything else ends the build with
//! exit 3 naming the path, before a byte of it is read. Inputs likewise must be
//! regular files (exit 4, `unreadable-file`).

#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::common::{BIN, Project, pdf_text};

fn templates(project: &Project) -> std::path::PathBuf {
    let dir = project.path().join("templates");
    std::fs::create_dir_all(&dir).expect("templates dir");
    dir
}

/// Runs `bilan build`, killing it if it has not ended after a minute (a hang).
fn build_bounded(project: &Project) -> Output {
    let mut child = Command::new(BIN)
        .arg("build")
        .current_dir(project.path())
        .env("SOURCE_DATE_EPOCH", "1763164800")
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run bilan");
    let started = Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > Duration::from_secs(60) {
            child.kill().expect("kill");
            panic!("bilan build hung");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

fn assert_refused(project: &Project, path: &str) -> String {
    let out = build_bounded(project);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains(path), "{stderr}");
    assert!(!project.report("note-executif.pdf").exists(), "{stderr}");
    stderr
}

fn mkfifo(path: &std::path::Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("mkfifo");
    assert!(status.success());
}

#[test]
fn a_template_linked_to_the_environment_or_to_passwd_is_refused() {
    for target in ["/proc/self/environ", "/etc/passwd"] {
        let project = Project::sample();
        let dir = templates(&project);
        symlink(target, dir.join("env.typ")).expect("symlink");
        std::fs::write(dir.join("note.typ"), "#include \"/templates/env.typ\"\n").expect("write");
        let stderr = assert_refused(&project, "templates/env.typ");
        // /proc/self resolves to the process's own number: the file name stays.
        let name = target.rsplit('/').next().unwrap_or(target);
        assert!(stderr.contains(name), "the target is named: {stderr}");
        assert!(stderr.contains("outside the project folder"), "{stderr}");
        assert!(
            !stderr.contains("root:x"),
            "nothing of the file leaks: {stderr}"
        );
    }
}

#[test]
fn a_file_read_by_a_template_through_a_link_outside_is_refused() {
    let project = Project::sample();
    let dir = templates(&project);
    symlink("/proc/self/environ", dir.join("env.txt")).expect("symlink");
    std::fs::write(dir.join("note.typ"), "#read(\"/templates/env.txt\")\n").expect("write");
    let out = build_bounded(&project);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("templates/note.typ:1:"), "{stderr}");
    assert!(stderr.contains("access denied"), "{stderr}");
    assert!(!stderr.contains("PATH="), "no environment leaks: {stderr}");
    assert!(!project.report("note-executif.pdf").exists());
}

#[test]
fn a_templates_folder_linked_outside_the_project_is_refused() {
    let project = Project::sample();
    let elsewhere = tempfile::tempdir().expect("dir");
    std::fs::write(elsewhere.path().join("note.typ"), "Ailleurs\n").expect("write");
    symlink(elsewhere.path(), project.path().join("templates")).expect("symlink");
    let stderr = assert_refused(&project, "templates");
    assert!(stderr.contains("outside the project folder"), "{stderr}");

    // The same through a folder of images the templates read from.
    let project = Project::sample();
    let dir = templates(&project);
    symlink("/etc", dir.join("images")).expect("symlink");
    std::fs::write(
        dir.join("note.typ"),
        "#read(\"/templates/images/passwd\")\n",
    )
    .expect("write");
    let out = build_bounded(&project);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(!stderr.contains("root:x"), "{stderr}");
}

/// A link that resolves inside the project is allowed: it reads nothing the project
/// does not already hold (a team may keep its templates in a shared sub-folder).
#[test]
fn a_template_linked_to_a_file_inside_the_project_is_used() {
    let project = Project::sample();
    project.ok(&["templates", "export", "shared"]);
    let fiche = project.path().join("shared/fiche.typ");
    let text = std::fs::read_to_string(&fiche).expect("read");
    std::fs::write(
        &fiche,
        text.replacen(
            "#let d = json(\"/fiche.json\")",
            "#let d = json(\"/fiche.json\")\nFICHE PARTAGÉE",
            1,
        ),
    )
    .expect("write");
    let dir = templates(&project);
    symlink("../shared/fiche.typ", dir.join("fiche.typ")).expect("symlink");
    let out = build_bounded(&project);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(pdf_text(&project.report("fiches/EDU-01.pdf")).contains("FICHE PARTAGÉE"));
}

#[test]
fn a_named_pipe_among_the_templates_or_read_by_one_never_hangs() {
    let project = Project::sample();
    let dir = templates(&project);
    mkfifo(&dir.join("pipe.typ"));
    let stderr = assert_refused(&project, "templates/pipe.typ");
    assert!(stderr.contains("named pipe"), "{stderr}");

    let project = Project::sample();
    let dir = templates(&project);
    mkfifo(&dir.join("data.txt"));
    std::fs::write(dir.join("note.typ"), "#read(\"/templates/data.txt\")\n").expect("write");
    let out = build_bounded(&project);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("not a regular file"), "{stderr}");

    // A device is no better than a pipe.
    let project = Project::sample();
    let dir = templates(&project);
    std::fs::write(dir.join("note.typ"), "#read(\"/templates/zero\")\n").expect("write");
    symlink("/dev/zero", dir.join("zero")).expect("symlink");
    let out = build_bounded(&project);
    assert_eq!(out.status.code(), Some(3));
}

/// Inputs too must be regular files: a device or a pipe is refused before it is
/// read, with `unreadable-file`, instead of hanging the build.
#[test]
fn an_input_that_is_a_device_or_a_pipe_is_refused_without_hanging() {
    let project = Project::sample();
    let pipe = project.path().join("inputs/suggestions.fifo");
    mkfifo(&pipe);
    let config = std::fs::read_to_string(project.path().join("bilan.toml")).expect("config");
    std::fs::write(
        project.path().join("bilan.toml"),
        config
            .replace("inputs/debat-mouvant-2025.csv", "/dev/zero")
            .replace("inputs/suggestions-2025.csv", "inputs/suggestions.fifo")
            .replace("inputs/propositions-2025.xlsx", "/dev/urandom"),
    )
    .expect("write");
    let out = build_bounded(&project);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(4), "{stderr}");
    for (file, kind) in [
        ("/dev/zero", "a device"),
        ("/dev/urandom", "a device"),
        ("suggestions.fifo", "a named pipe"),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains("unreadable-file") && l.contains(file))
            .unwrap_or_else(|| panic!("no unreadable-file for {file}: {stderr}"));
        assert!(line.contains(kind), "{line}");
    }
}
