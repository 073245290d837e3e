//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use factsheet::diag::SourceFile;
use factsheet::doc::{self, Document};
use factsheet::locale::Locale;
use factsheet::theme::Theme;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn example_path() -> PathBuf {
    root().join("reports/bolivia.toml")
}

/// The bundled example's theme.
pub fn example_theme() -> Theme {
    let (theme, d) = factsheet::theme::load_theme(&root().join("reports/theme.toml"));
    theme.unwrap_or_else(|| panic!("{}", d.render_plain()))
}

/// The bundled example as a document tree.
pub fn example_doc() -> Document {
    let (loaded, diags) = factsheet::job::load_document(&example_path(), &example_theme(), None);
    let rendered: Vec<String> = diags
        .iter()
        .map(factsheet::diag::Diagnostics::render_plain)
        .collect();
    loaded
        .unwrap_or_else(|| panic!("{}", rendered.join("\n")))
        .1
}

/// A document tree from profile text (built-in theme, English labels).
pub fn doc_from(toml: &str) -> Document {
    let (p, d) = factsheet::profile::read_profile(SourceFile::new("generated.toml", toml), true);
    let p = p.unwrap_or_else(|| panic!("{}\n{toml}", d.render_plain()));
    doc::build(&p, &Locale::english(), &Theme::default())
}

/// A fresh folder under the target directory, removed first if present.
pub fn scratch(name: &str) -> PathBuf {
    let dir = root().join("target").join("test-scratch").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The names in a folder, sorted; none when it does not exist.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|r| {
            r.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// Run the `factsheet` binary.
pub fn factsheet(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_factsheet"))
        .args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .expect("run factsheet")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Whether an external tool is here. Missing: a notice and `false`, so the
/// test can skip -- except under CI=true, where every tool must be present.
pub fn have(tool: &str) -> bool {
    let found = Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{tool} is required under CI=true (.ci/run installs it)");
        }
        eprintln!("NOTICE: {tool} is not installed; skipping the checks that need it");
    }
    found
}

/// Run an external tool and return its standard output.
pub fn run_tool(tool: &str, args: &[&str]) -> (bool, String, String) {
    let o = Command::new(tool).args(args).output().expect("run tool");
    (
        o.status.success(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Text as a reader sees it: typographic quotes straightened, soft hyphens
/// and the line breaks after them removed, footnote markers dropped, and
/// whitespace collapsed.
pub fn normalise(s: &str) -> String {
    let s = s
        .replace("\u{ad}\n", "")
        .replace('\u{ad}', "")
        .replace(['\u{2018}', '\u{2019}'], "'")
        .replace(['\u{201c}', '\u{201d}'], "\"")
        .replace(['\u{b9}', '\u{b2}', '\u{b3}'], "")
        .replace('\u{a0}', " ");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The sentences of a text (split after . ! ? followed by a space).
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        cur.push(*c);
        if matches!(c, '.' | '!' | '?') && chars.get(i + 1).is_none_or(|n| n.is_whitespace()) {
            let s = cur.trim().to_string();
            if s.len() > 3 {
                out.push(s);
            }
            cur.clear();
        }
    }
    if cur.trim().len() > 3 {
        out.push(cur.trim().to_string());
    }
    out
}
