//! The layers of the library only point down: a graph of which top-level
//! module uses which (from `crate::` paths in the source) has no cycle.
//! `input -> profile -> doc -> design -> layout -> pdf | docx`, with the
//! jobs and the command line on top.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

mod common;

/// Top-level module of a file under src/.
fn module_of(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.trim_end_matches(".rs");
    (!matches!(name, "lib" | "main")).then(|| name.to_string())
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = common::root().join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut g: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for f in all {
        let Some(from) = module_of(&src, &f) else {
            continue;
        };
        let text = fs::read_to_string(&f).unwrap();
        // Test code may reach anywhere.
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let deps = g.entry(from.clone()).or_default();
        for (i, _) in code.match_indices("crate::") {
            let name: String = code[i + 7..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != from {
                deps.insert(name);
            }
        }
    }
    g
}

#[test]
fn the_module_graph_has_no_cycle() {
    let g = graph();
    assert!(g.len() > 10, "{g:?}");
    // Depth-first search for a back edge.
    fn visit(
        n: &str,
        g: &BTreeMap<String, BTreeSet<String>>,
        state: &mut BTreeMap<String, u8>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match state.get(n) {
            Some(1) => {
                let at = path.iter().position(|p| p == n).unwrap_or(0);
                let mut cycle = path[at..].to_vec();
                cycle.push(n.to_string());
                return Some(cycle);
            }
            Some(2) => return None,
            _ => {}
        }
        state.insert(n.to_string(), 1);
        path.push(n.to_string());
        for d in g.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, g, state, path) {
                return Some(c);
            }
        }
        path.pop();
        state.insert(n.to_string(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in g.keys() {
        if let Some(cycle) = visit(n, &g, &mut state, &mut Vec::new()) {
            panic!("modules use each other in a loop: {}", cycle.join(" -> "));
        }
    }
}

#[test]
fn the_writers_and_the_layout_stay_below_the_jobs() {
    let g = graph();
    for low in ["layout", "design", "doc", "pdf", "docx", "fonts", "profile"] {
        for high in ["cli", "job"] {
            assert!(
                !g.get(low).is_some_and(|d| d.contains(high)),
                "{low} uses {high}"
            );
        }
    }
    assert!(
        !g.get("layout").is_some_and(|d| d.contains("pdf")),
        "the layout uses the PDF writer"
    );
}
