//! `bilan watch`: a saved change rebuilds the edition; a broken one leaves the last
//! good outputs byte for byte and the watch goes on. Driven with the hidden
//! `--max-builds` and bounded waits, so a watcher that never wakes fails the test
//! instead of hanging it.

use std::io::{BufRead, BufReader};
use std::process::{Child, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use crate::common::{Project, files_under};

const TIMEOUT: Duration = Duration::from_secs(60);

/// A running `bilan watch` whose stderr is read line by line.
struct Watch {
    child: Child,
    lines: Receiver<String>,
    stderr: Vec<String>,
}

impl Watch {
    fn start(project: &Project, max_builds: u32) -> Watch {
        let max = max_builds.to_string();
        let mut child = project
            .command(&["watch", "--max-builds", &max], Some("1763164800"), "C")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start bilan watch");
        let stderr = child.stderr.take().expect("piped stderr");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Watch {
            child,
            lines,
            stderr: Vec::new(),
        }
    }

    /// Waits until `done` holds, failing after [`TIMEOUT`].
    fn until(&mut self, what: &str, mut done: impl FnMut(&Self) -> bool) {
        let started = Instant::now();
        while !done(self) {
            assert!(
                started.elapsed() < TIMEOUT,
                "timed out waiting for {what}; stderr so far:\n{}",
                self.stderr.join("\n")
            );
            self.read_for(Duration::from_millis(50));
        }
    }

    /// Collects the stderr lines that arrive within `wait`.
    fn read_for(&mut self, wait: Duration) {
        if let Ok(line) = self.lines.recv_timeout(wait) {
            self.stderr.push(line);
            self.stderr.extend(self.lines.try_iter());
        }
    }

    fn said(&self, text: &str) -> usize {
        self.stderr.iter().filter(|l| l.contains(text)).count()
    }

    /// Waits for the process to exit (it must, after its last build).
    fn exit(&mut self) -> ExitStatus {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for bilan watch") {
                // The reader thread ends with the pipe; keep what it still holds.
                self.read_for(Duration::from_millis(500));
                return status;
            }
            assert!(
                started.elapsed() < TIMEOUT,
                "bilan watch did not exit after its last build; stderr:\n{}",
                self.stderr.join("\n")
            );
            self.read_for(Duration::from_millis(50));
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        // A failed assertion must not leave a watcher running.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const REBUILD: &str = "changed: building again";
const KEPT: &str = "the last good outputs are kept";

#[test]
fn a_saved_config_change_rebuilds_the_edition() {
    let project = Project::sample();
    let mut watch = Watch::start(&project, 2);
    let data = project.report("data.json");
    watch.until("the first build", |_| data.is_file());
    let before = project.data()["report"]["title"].clone();
    let title = "Conseil citoyen de Villeneuve";
    assert_ne!(before, title);

    project.edit_config(|doc| doc["report"]["title"] = toml_edit::value(title));
    let status = watch.exit();

    assert!(status.success(), "{status:?}:\n{}", watch.stderr.join("\n"));
    assert_eq!(project.data()["report"]["title"], title);
    assert_eq!(
        watch.said("\"bilan.toml\" changed"),
        1,
        "{:?}",
        watch.stderr
    );
    assert_eq!(watch.said(KEPT), 0, "{:?}", watch.stderr);
}

#[test]
fn a_broken_template_keeps_the_last_good_outputs_and_the_watch_goes_on() {
    let project = Project::sample();
    let templates = project.path().join("templates");
    std::fs::create_dir(&templates).expect("templates dir");
    let mut watch = Watch::start(&project, 3);
    let data = project.report("data.json");
    watch.until("the first build", |_| data.is_file());
    let edition = project.path().join("reports/2025");
    let good = files_under(&edition);

    let broken = templates.join("note.typ");
    std::fs::write(&broken, "#let unclosed = (\n").expect("write broken template");
    watch.until("the failed build", |w| w.said(KEPT) == 1);
    assert!(
        watch.said("template of") == 1,
        "the template's failure is reported: {:?}",
        watch.stderr
    );
    assert!(
        files_under(&edition) == good,
        "a failed build left the outputs as they were"
    );

    std::fs::remove_file(&broken).expect("remove broken template");
    let status = watch.exit();
    assert!(status.success(), "{status:?}:\n{}", watch.stderr.join("\n"));
    assert_eq!(watch.said(REBUILD), 2, "{:?}", watch.stderr);
    assert_eq!(watch.said(KEPT), 1, "{:?}", watch.stderr);
    assert!(
        files_under(&edition) == good,
        "the fixed build wrote the same edition"
    );
}
