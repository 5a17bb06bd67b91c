//! `bilan watch`: builds once, then again each time the configuration, one of its
//! inputs or a file of the project's `templates/` folder is saved, until Ctrl-C. A
//! failed build prints its diagnostics and leaves the outputs as they were (the output
//! stage commits an edition all or nothing); the watch goes on. Builds through
//! [`super::build::run`], so a rebuild is exactly a `bilan build`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use bilan::config::Config;
use bilan::msg;
// notify (inotify, FSEvents, ReadDirectoryChangesW) rather than polling mtimes: it is
// the maintained crate that cargo-watch and typst use, and it wakes on a save instead
// of every few hundred milliseconds. Not its debouncers: notify-debouncer-mini drops
// the event kinds, and the build's own reads (inotify's open events) would then start
// the next build, forever; the debouncing below is a few lines.
use notify::{Event, EventKind, RecursiveMode, Watcher};

use super::{display_relative, say};
use crate::cli::{Common, DiagFormat};

/// How long the watched folders must stay quiet before a rebuild starts.
const DEBOUNCE: Duration = Duration::from_millis(200);

/// Watches and rebuilds until interrupted, or until `max_builds` builds have run (a
/// hidden option for tests); the exit status is then that of the last build.
pub fn run(
    common: &Common,
    format: DiagFormat,
    max_builds: Option<u32>,
) -> anyhow::Result<ExitCode> {
    let mut watched = Watched::default();
    let mut builds = 0u32;
    loop {
        // The configuration is read again before each build: the inputs it names may
        // have changed. The watches are in place before the build reads anything, so a
        // save during the build triggers the next one.
        watched = Watched::for_project(common, watched);
        let (tx, rx) = mpsc::channel::<notify::Result<Event>>();
        let mut watcher = notify::recommended_watcher(tx)?;
        for (dir, mode) in watched.dirs() {
            // A folder that does not exist (yet) cannot be watched; its parent is, and
            // its creation is a change.
            let _ = watcher.watch(&dir, mode);
        }
        if builds == 0 && !common.quiet {
            say(msg!("watch-watching", count = watched.files.len()));
        }
        builds += 1;
        let status = match super::build::run(common, format) {
            Ok(status) => status,
            Err(err) => {
                super::print_error(&err);
                ExitCode::from(super::exit_status(&err))
            }
        };
        if status != ExitCode::SUCCESS && !common.quiet {
            say(msg!("watch-failed"));
        }
        if max_builds.is_some_and(|max| builds >= max) {
            return Ok(status);
        }
        let changed = loop {
            match rx.recv() {
                // Reading a file (the build's own reads included) changes nothing.
                Ok(Ok(event)) if matches!(event.kind, EventKind::Access(_)) => {}
                Ok(Ok(event)) => {
                    if let Some(path) = event.paths.iter().find(|p| watched.covers(p)) {
                        break path.clone();
                    }
                }
                Ok(Err(err)) => super::print_error(&err.into()),
                // The watcher is gone: nothing will ever wake us again.
                Err(_) => return Ok(status),
            }
        };
        // An editor's save is a burst (temporary file, rename, attributes): build once
        // it is over.
        while rx.recv_timeout(DEBOUNCE).is_ok() {}
        drop(watcher);
        if !common.quiet {
            say(msg!("watch-rebuild", path = display_relative(&changed)));
        }
    }
}

/// What a build reads: files, and folders read whole (the templates).
#[derive(Debug, Default)]
struct Watched {
    files: BTreeSet<PathBuf>,
    trees: BTreeSet<PathBuf>,
}

impl Watched {
    /// The configuration file, every input it names and the project's `templates/`.
    /// When the configuration cannot be read, what was watched before plus the
    /// configuration file, so that fixing it triggers a build.
    fn for_project(common: &Common, previous: Watched) -> Watched {
        let Ok(cwd) = std::env::current_dir() else {
            return previous;
        };
        let Ok(file) = Config::locate(common.config.as_deref(), &cwd) else {
            return previous;
        };
        let file = absolute(&file);
        let config = match super::load_config(common) {
            Ok(config) => config,
            Err(_) => {
                let mut watched = previous;
                watched.files.insert(file);
                return watched;
            }
        };
        let inputs = std::iter::once(&config.proposals)
            .chain(&config.previous)
            .chain(config.surveys.iter().map(|s| &s.input))
            .chain(&config.suggestions);
        let mut files: BTreeSet<PathBuf> = inputs.map(|input| absolute(&input.path)).collect();
        files.insert(file);
        Watched {
            files,
            trees: BTreeSet::from([absolute(&config.root.join("templates"))]),
        }
    }

    /// The folders to watch: each file's own folder (editors often save by writing a
    /// new file and renaming it over the old one, which a watch on the file itself
    /// would lose), each tree and the folder that holds it.
    fn dirs(&self) -> BTreeSet<(PathBuf, RecursiveMode)> {
        let parents = self
            .files
            .iter()
            .chain(&self.trees)
            .filter_map(|path| path.parent())
            .map(|dir| (dir.to_path_buf(), RecursiveMode::NonRecursive));
        let trees = self
            .trees
            .iter()
            .map(|tree| (tree.clone(), RecursiveMode::Recursive));
        parents.chain(trees).collect()
    }

    /// Whether a change at `path` concerns the build.
    fn covers(&self, path: &Path) -> bool {
        self.files.contains(path) || self.trees.iter().any(|tree| path.starts_with(tree))
    }
}

/// `path` made absolute against the current folder, without resolving links: the
/// watcher reports paths under the folder as it was given.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
