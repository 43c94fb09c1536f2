//! The shape of the code, checked: no module of the library imports a module that
//! imports it back (directly or round a longer loop), so each can be read and tested on
//! its own, from the leaves (text, document) up to the reader.
//!
//! Edges are the `crate::module` paths a top-level module's code names, its submodules'
//! included; test code (`#[cfg(test)]` blocks and `tests.rs` files) is left out, as a
//! test may build its input with any part of the crate.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The top-level module a source file belongs to: `src/app.rs` and `src/app/*.rs` are
/// `app`; `lib.rs` and `main.rs` belong to none.
fn module_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

/// The code of a file without its test module (everything from a `#[cfg(test)]` that
/// stands before a `mod`, which this crate keeps at the end of a file; a test-only
/// method in the middle of an impl is not it) and its comments (a doc link to another
/// module is not an import).
fn code_without_tests(source: &str) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let tests_start = lines
        .windows(2)
        .position(|pair| {
            pair[0].trim() == "#[cfg(test)]"
                && pair[1]
                    .trim_start()
                    .trim_start_matches("pub(crate) ")
                    .starts_with("mod ")
        })
        .unwrap_or(lines.len());
    lines
        .iter()
        .take(tests_start)
        .filter(|line| !line.trim_start().starts_with("//"))
        .copied()
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::name` named in `code`.
fn named_modules(code: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = code.get(at + "crate::".len()..).unwrap_or_default();
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if !name.is_empty() {
            names.insert(name);
        }
    }
    // `use crate::{a, b::c}` names several at once.
    for (at, _) in code.match_indices("crate::{") {
        let rest = code.get(at + "crate::{".len()..).unwrap_or_default();
        let group = rest.split('}').next().unwrap_or_default();
        for part in group.split(',') {
            let name: String = part
                .trim()
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                names.insert(name);
            }
        }
    }
    names
}

fn collect(dir: &Path, root: &Path, graph: &mut BTreeMap<String, BTreeSet<String>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, root, graph);
            continue;
        }
        let is_test_file = path.file_name().is_some_and(|name| name == "tests.rs");
        if path.extension().is_none_or(|ext| ext != "rs") || is_test_file {
            continue;
        }
        let Some(module) = path.strip_prefix(root).ok().and_then(module_of) else {
            continue;
        };
        let source = std::fs::read_to_string(&path).expect("source is readable");
        let edges = graph.entry(module.clone()).or_default();
        edges.extend(
            named_modules(&code_without_tests(&source))
                .into_iter()
                .filter(|name| *name != module),
        );
    }
}

/// A loop of modules, each importing the next and the last the first, if there is one.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|n| n == node) {
            let mut cycle = path.get(start..).unwrap_or_default().to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if graph.contains_key(next)
                && let Some(cycle) = visit(next, graph, path, done)
            {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut graph = BTreeMap::new();
    collect(&root, &root, &mut graph);
    assert!(graph.len() > 10, "the modules were found: {graph:?}");
    if let Some(cycle) = find_cycle(&graph) {
        panic!("import cycle: {}", cycle.join(" → "));
    }
}

#[test]
fn the_cycle_check_finds_a_cycle() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph.insert("app".into(), ["keymap".into(), "document".into()].into());
    graph.insert("keymap".into(), ["action".into()].into());
    graph.insert("action".into(), BTreeSet::new());
    graph.insert("document".into(), BTreeSet::new());
    assert_eq!(find_cycle(&graph), None);
    graph.insert("action".into(), ["app".into()].into());
    assert_eq!(
        find_cycle(&graph),
        Some(vec![
            "action".into(),
            "app".into(),
            "keymap".into(),
            "action".into()
        ])
    );
    assert_eq!(
        named_modules("use crate::{app::App, layout};\nlet x = crate::json::write();"),
        ["app", "json", "layout"].map(String::from).into()
    );
}
