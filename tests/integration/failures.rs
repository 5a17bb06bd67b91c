//! Bad configuration and failing builds: a clear error, the right exit status, and
//! nothing lost (issues 2 and 8).

use crate::common::{BIN, Project, repo};

#[test]
fn without_a_config_every_command_says_how_to_get_one() {
    let dir = tempfile::tempdir().expect("dir");
    for command in ["build", "check", "stats"] {
        let out = std::process::Command::new(BIN)
            .arg(command)
            .current_dir(dir.path())
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{command}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("bilan init"), "{command}: {stderr}");
    }
}

#[test]
fn an_unknown_config_key_names_the_key_and_the_valid_ones() {
    let project = Project::sample();
    let config = std::fs::read_to_string(project.path().join("bilan.toml")).expect("read");
    std::fs::write(
        project.path().join("bilan.toml"),
        config.replace("[privacy]", "[privacy]\nmin_groupe_size = 3"),
    )
    .expect("write");
    let out = project.run(&["check"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("min_groupe_size") && stderr.contains("min_group_size"),
        "{stderr}"
    );
}

#[test]
fn a_missing_input_file_is_an_io_failure_naming_the_file() {
    let project = Project::sample();
    std::fs::remove_file(project.path().join("inputs/suggestions-2025.csv")).expect("remove");
    let out = project.run(&["build"]);
    assert_eq!(out.status.code(), Some(4));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("inputs/suggestions-2025.csv"), "{stderr}");
}

#[test]
fn a_failed_build_leaves_every_earlier_output_byte_identical() {
    let project = Project::sample();
    project.ok(&["build"]);
    let snapshot = |project: &Project| -> Vec<(String, Vec<u8>)> {
        let mut files = Vec::new();
        let mut stack = vec![project.report("")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("read dir") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    files.push((
                        path.display().to_string(),
                        std::fs::read(&path).expect("read"),
                    ));
                }
            }
        }
        files.sort();
        files
    };
    let before = snapshot(&project);
    assert!(before.len() > 20);

    // A broken template: exit 3, nothing touched.
    std::fs::create_dir(project.path().join("templates")).expect("templates dir");
    std::fs::write(
        project.path().join("templates/note.typ"),
        "#panic(\"broken\")",
    )
    .expect("write");
    assert_eq!(project.run(&["build"]).status.code(), Some(3));
    assert!(
        snapshot(&project) == before,
        "outputs changed after a failed template"
    );
    std::fs::remove_dir_all(project.path().join("templates")).expect("clean");

    // A register with an unknown status: exit 1, nothing touched.
    std::fs::write(
        project.path().join("inputs/register.csv"),
        "id,thème,titre,statut\nA,T,Titre,peut-être\n",
    )
    .expect("write");
    let config = std::fs::read_to_string(project.path().join("bilan.toml")).expect("read");
    std::fs::write(
        project.path().join("bilan.toml"),
        config
            .replace("inputs/propositions-2025.xlsx", "inputs/register.csv")
            .replace("proposals_sheet = \"Propositions\"\n", ""),
    )
    .expect("write");
    assert_eq!(project.run(&["build"]).status.code(), Some(1));
    assert!(
        snapshot(&project) == before,
        "outputs changed after bad data"
    );
    // And no staging folder is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(project.path().join("reports"))
        .expect("reports")
        .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
        .collect();
    assert_eq!(leftovers, ["2025"]);
}

#[cfg(unix)]
#[test]
fn an_unwritable_output_folder_is_an_io_failure() {
    use std::os::unix::fs::PermissionsExt;
    let project = Project::sample();
    let reports = project.path().join("reports");
    std::fs::create_dir(&reports).expect("mkdir");
    std::fs::set_permissions(&reports, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    // Root ignores permissions: only meaningful when the folder is really read-only.
    if std::fs::write(reports.join("probe"), b"x").is_ok() {
        std::fs::set_permissions(&reports, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        std::fs::remove_file(reports.join("probe")).expect("rm");
        let out = project.run(&["build", "--out", "/proc/bilan-cannot-write-here"]);
        assert_eq!(
            out.status.code(),
            Some(4),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("/proc/bilan-cannot-write-here"));
        // The OS's message once, not once per link of the error chain.
        assert_eq!(stderr.matches("os error").count(), 1, "{stderr}");
        return;
    }
    let out = project.run(&["build"]);
    std::fs::set_permissions(&reports, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    assert_eq!(out.status.code(), Some(4));
    assert!(String::from_utf8_lossy(&out.stderr).contains("reports"));
}

#[test]
fn init_scaffolds_a_project_that_builds_as_is_and_is_never_overwritten() {
    let dir = tempfile::tempdir().expect("dir");
    let project = dir.path().join("mon-conseil");
    let run = |args: &[&str]| {
        std::process::Command::new(BIN)
            .args(args)
            .current_dir(dir.path())
            .env("SOURCE_DATE_EPOCH", "1763164800")
            .output()
            .expect("run")
    };
    let out = run(&["init", "mon-conseil"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run(&["--config", "mon-conseil/bilan.toml", "build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(project.join("reports/2025/note-executif.pdf").is_file());
    assert_eq!(
        std::fs::read_dir(project.join("reports/2025/fiches"))
            .expect("fiches")
            .count(),
        20
    );
    // A second init leaves the project alone and says so (exit 2).
    std::fs::write(project.join("bilan.toml"), "# mine\n").expect("write");
    let out = run(&["init", "mon-conseil"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(project.join("bilan.toml")).expect("read"),
        "# mine\n"
    );
}

/// Issue 17: an 80,000 × 80,000 image made the PDF writer panic in a task of its own,
/// and rayon aborted the process (exit 134). Now the build ends with exit 3, a template
/// error, and the previous edition untouched.
#[test]
fn an_image_bomb_ends_the_build_with_exit_3_not_an_abort() {
    let project = Project::sample();
    project.ok(&["build"]);
    let before = crate::common::files_under(&project.report(""));
    let templates = project.path().join("templates");
    project.ok(&["templates", "export", "templates"]);
    std::fs::copy(
        repo().join("tests/fixtures/image-bomb/big.png"),
        templates.join("big.png"),
    )
    .expect("copy the image");
    let note = std::fs::read_to_string(templates.join("note.typ")).expect("note.typ");
    std::fs::write(
        templates.join("note.typ"),
        format!("#image(\"big.png\", width: 1cm)\n{note}"),
    )
    .expect("write note.typ");
    let out = project.run(&["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("error[template]"), "{stderr}");
    assert!(stderr.contains("internal error"), "{stderr}");
    assert!(crate::common::files_under(&project.report("")) == before);
}

/// Issue 17: ids that differ only by Unicode normalisation (`é` as one character or
/// as `e` and a combining accent; the ligature `ﬁ` and `fi`) passed as two proposals
/// that look identical. Now each is a duplicate naming both ids and the first row.
#[test]
fn ids_alike_once_normalised_are_duplicates_naming_both_rows() {
    let project = Project::sample();
    std::fs::write(
        project.path().join("inputs/register.csv"),
        "id,thème,titre,statut\n\
         \u{fb01}-01,Thème,Un,à éclaircir\n\
         fi-01,Thème,Deux,à éclaircir\n\
         caf\u{e9},Thème,Trois,à éclaircir\n\
         cafe\u{301},Thème,Quatre,à éclaircir\n\
         autre,Thème,Cinq,à éclaircir\n",
    )
    .expect("register");
    project.use_register("inputs/register.csv");
    let out = project.run_in_locale(&["check"], "en_US.UTF-8");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.matches("error[duplicate-id]").count(), 2, "{stderr}");
    assert!(
        stderr.contains("duplicate id \"fi-01\": the same as \"\u{fb01}-01\" of row 2"),
        "{stderr}"
    );
    assert!(
        stderr.contains("duplicate id \"cafe\u{301}\": the same as \"caf\u{e9}\" of row 4"),
        "{stderr}"
    );
    assert!(
        stderr.contains("row 3") && stderr.contains("row 5"),
        "{stderr}"
    );
}
