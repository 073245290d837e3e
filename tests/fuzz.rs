//! Fuzz targets, with bolero. On the stable toolchain each target is a
//! plain test: it replays its seed corpus (`tests/__fuzz__/<target>/corpus`,
//! bolero's layout) and then runs random inputs for
//! `BOLERO_RANDOM_TEST_TIME_MS` (1 s unless set). Where a nightly toolchain
//! exists, `cargo bolero test --test fuzz <target>` runs the same target
//! under libFuzzer, coverage-guided. Neither target may panic or hang;
//! `.ci/run` bounds the random pass with `timeout`, so a hang fails CI.
//! docs/fuzzing.md has the commands and the longest run.

mod common;

use std::cell::RefCell;
use std::path::PathBuf;

use factsheet::diag::Diagnostics;

/// (a) Any bytes as a profile, a theme and a locale file: file loading
/// (size, binary, encoding), the TOML reader and every check. Whatever is
/// refused is refused with an error that names the file.
#[test]
fn readers() {
    bolero::check!().for_each(readers_take);
}

/// (b) Profiles through check, layout and both writers. Valid UTF-8 is
/// read as profile text (the corpus holds the example and its variants);
/// anything else seeds the profile generator of the property tests, so
/// that random inputs reach the layout with valid profiles (its first 32
/// bytes are the seed).
#[test]
fn pipeline() {
    bolero::check!().for_each(pipeline_takes);
}

/// The regression fixtures of the property tests through both targets.
#[test]
fn regression_fixtures_through_both_targets() {
    let dir = common::root().join("tests/fixtures/regress");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        readers_take(&bytes);
        pipeline_takes(&bytes);
        n += 1;
    }
    assert!(n > 0, "no regression fixtures");
}

fn readers_take(bytes: &[u8]) {
    // A folder a thread, so that concurrent tests do not share files.
    thread_local! {
        static DIR: RefCell<Option<PathBuf>> = const { RefCell::new(None) };
    }
    let dir = DIR.with(|d| {
        d.borrow_mut()
            .get_or_insert_with(|| {
                let name = format!(
                    "fuzz-{}-{:?}",
                    std::process::id(),
                    std::thread::current().id()
                );
                common::scratch(&name.replace(['(', ')'], ""))
            })
            .clone()
    });

    let path = dir.join("profile.toml");
    std::fs::write(&path, bytes).unwrap();
    let (profile, d) = factsheet::profile::load_profile(&path, true);
    refused_with_reason(profile.is_some(), &d, "profile.toml");

    let path = dir.join("theme.toml");
    std::fs::write(&path, bytes).unwrap();
    let (theme, d) = factsheet::theme::load_theme(&path);
    refused_with_reason(theme.is_some(), &d, "theme.toml");

    // A locale file is named after its tag, in a `locales` folder.
    let path = dir.join("locales").join("es.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, bytes).unwrap();
    if let Err(found) = factsheet::locale::load_locale(&path) {
        let rendered: Vec<String> = found.iter().map(Diagnostics::render_plain).collect();
        assert!(
            found.iter().any(Diagnostics::has_errors),
            "es.toml refused without an error:\n{}",
            rendered.join("\n")
        );
        assert!(
            rendered.iter().any(|r| r.contains("es.toml")),
            "the report does not name es.toml:\n{}",
            rendered.join("\n")
        );
    }
}

/// A refusal carries an error, and the rendered report names the file.
fn refused_with_reason(accepted: bool, d: &Diagnostics, file: &str) {
    let rendered = d.render_plain();
    if !accepted {
        assert!(
            d.has_errors(),
            "{file} refused without an error:\n{rendered}"
        );
        assert!(
            rendered.contains(file),
            "the report does not name {file}:\n{rendered}"
        );
    }
}

fn pipeline_takes(bytes: &[u8]) {
    let generated;
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(_) => {
            let mut seed = [0u8; 32];
            let n = bytes.len().min(32);
            seed[..n].copy_from_slice(&bytes[..n]);
            generated = common::generator::from_seed(seed);
            &generated.toml
        }
    };
    if let Ok(b) = common::pipeline(text) {
        assert!(b.pdf.starts_with(b"%PDF-"), "not a PDF");
        assert!(b.docx.starts_with(b"PK"), "not a DOCX package");
        assert!(!b.layout.pages.is_empty(), "no pages");
    }
}
