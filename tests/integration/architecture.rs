//! The library's shape, checked on its sources (issue 15): the CLI stays outside the
//! library, the stages never reach the output stage, modules import no circle, and no
//! file grows past 700 lines of non-test code.

use std::collections::{BTreeMap, BTreeSet};

use crate::common::repo;

/// Every `.rs` file under `src/`, by its path relative to `src/`.
fn sources() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![repo().join("src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path
                    .strip_prefix(repo().join("src"))
                    .expect("inside src")
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&path).expect("read source")));
            }
        }
    }
    out.sort();
    assert!(out.len() > 20, "found only {} sources", out.len());
    out
}

/// Whether a source file belongs to the binary rather than the library.
fn is_binary(rel: &str) -> bool {
    rel == "main.rs" || rel == "cli.rs" || rel.starts_with("cmd/")
}

/// The code of a file before its test module, if it has one.
fn non_test_code(text: &str) -> &str {
    match text.find("#[cfg(test)]\nmod tests") {
        Some(at) => &text[..at],
        None => text,
    }
}

/// The lines of code of a file before its tests, comments left out.
fn code_lines(text: &str) -> String {
    non_test_code(text)
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module path of a library file: `input/values/mod.rs` → `input::values`.
fn module_of(rel: &str) -> String {
    let rel = rel.trim_end_matches(".rs");
    let rel = rel.strip_suffix("/mod").unwrap_or(rel);
    if rel == "lib" {
        return "crate".into();
    }
    format!("crate::{}", rel.replace('/', "::"))
}

#[test]
fn the_library_knows_no_command_line() {
    for (rel, text) in sources() {
        if is_binary(&rel) {
            continue;
        }
        let code = code_lines(&text);
        assert!(
            !code.contains("clap") && !code.contains("crate::cli") && !code.contains("crate::cmd"),
            "src/{rel} names the command line"
        );
    }
}

#[test]
fn the_stages_never_import_the_output_stage() {
    for (rel, text) in sources() {
        if ["input/", "stats/", "render/"]
            .iter()
            .any(|p| rel.starts_with(p))
        {
            assert!(
                !code_lines(&text).contains("crate::output"),
                "src/{rel} imports the output stage"
            );
        }
    }
}

#[test]
fn no_file_holds_more_than_700_lines_of_code() {
    let mut checked = 0;
    for (rel, text) in sources() {
        // A `tests.rs` file is a test module of its folder.
        if rel.ends_with("/tests.rs") {
            continue;
        }
        let lines = non_test_code(&text).lines().count();
        assert!(lines <= 700, "src/{rel}: {lines} lines before its tests");
        checked += 1;
    }
    assert!(checked > 20);
}

/// The library's modules and the modules each one imports (`use crate::…`,
/// `use super::…`, `crate::x::y` paths in code), at the depth of the folders.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let files: Vec<(String, String)> = sources()
        .into_iter()
        .filter(|(rel, _)| !is_binary(rel))
        .collect();
    let modules: BTreeSet<String> = files.iter().map(|(rel, _)| module_of(rel)).collect();
    let mut graph = BTreeMap::new();
    for (rel, text) in &files {
        let me = module_of(rel);
        let parent = match me.rfind("::") {
            // A file `x/mod.rs` is module `x`: its `super` is x's parent.
            Some(at) => me[..at].to_string(),
            None => "crate".to_string(),
        };
        let mut deps = BTreeSet::new();
        let code = code_lines(text);
        for token in code.split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')) {
            let path = if let Some(rest) = token.strip_prefix("super::") {
                format!("{parent}::{rest}")
            } else if token.starts_with("crate::") {
                token.to_string()
            } else {
                continue;
            };
            // The longest module the path names.
            let mut best = None;
            for m in &modules {
                if (path == *m || path.starts_with(&format!("{m}::"))) && m != "crate" {
                    best = Some(m.clone());
                }
            }
            if let Some(dep) = best
                && dep != me
                && !me.starts_with(&format!("{dep}::"))
            {
                deps.insert(dep);
            }
        }
        graph.insert(me, deps);
    }
    graph
}

#[test]
fn modules_import_no_circle() {
    let graph = imports();
    assert!(graph.len() > 20);
    // Depth-first search for a cycle; the path is printed when one is found.
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if done.contains(node) {
            return;
        }
        if let Some(at) = stack.iter().position(|n| n == node) {
            panic!("import circle: {} -> {node}", stack[at..].join(" -> "));
        }
        stack.push(node.to_string());
        for dep in graph.get(node).into_iter().flatten() {
            visit(dep, graph, stack, done);
        }
        stack.pop();
        done.insert(node.to_string());
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        visit(node, &graph, &mut Vec::new(), &mut done);
    }
}
