//! The command line as a user meets it: help, check, new, build, exit
//! codes, bad input of every kind, and batches with a broken profile.

mod common;

use std::fs;

use common::{factsheet, files_in, root, scratch, stderr};

#[test]
fn help_shows_examples() {
    let o = factsheet(&["--help"], &root());
    assert!(o.status.success());
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("Examples:") && out.contains("factsheet build reports/bolivia.toml"),
        "{out}"
    );
    let o = factsheet(&["build", "--help"], &root());
    let out = String::from_utf8_lossy(&o.stdout);
    for flag in [
        "--format",
        "--locale",
        "--color",
        "--crop-marks",
        "--pdf-standard",
        "--theme",
        "--output",
    ] {
        assert!(out.contains(flag), "{flag} missing from build --help");
    }
}

#[test]
fn check_the_bundled_reports() {
    let o = factsheet(&["check", "reports/"], &root());
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("ok reports/bolivia.toml"), "{err}");
    assert!(err.contains("ok reports/sample-peru.toml"), "{err}");
    assert!(err.contains("checked 3 profiles: all good"), "{err}");
}

#[test]
fn a_profile_with_a_typo() {
    let dir = scratch("cli-typo");
    let text = fs::read_to_string(root().join("reports/bolivia.toml"))
        .unwrap()
        .replacen("label =", "lable =", 1);
    fs::write(dir.join("typo.toml"), text).unwrap();
    let o = factsheet(&["check", "typo.toml"], &dir);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("error[unknown-key]: unknown key `lable`"),
        "{err}"
    );
    assert!(err.contains("typo.toml:21:1"), "{err}");
    assert!(
        !err.contains("has no `label`"),
        "the typo is reported once: {err}"
    );
    assert!(err.contains("did you mean `label`?"), "{err}");

    // build refuses it too, and writes nothing: not even the output
    // folder it would have made.
    let o = factsheet(&["build", "typo.toml", "-o", "out"], &dir);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!dir.join("out").exists(), "a failed build left its folder");
    // A folder that was there before stays.
    fs::create_dir(dir.join("kept")).unwrap();
    let o = factsheet(&["build", "typo.toml", "-o", "kept"], &dir);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(dir.join("kept").is_dir() && files_in(&dir.join("kept")).is_empty());
}

#[test]
fn new_writes_a_starter_that_passes_check() {
    let dir = scratch("cli-new");
    let o = factsheet(&["new", "Peru", "-o", "peru.toml"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = fs::read_to_string(dir.join("peru.toml")).unwrap();
    assert!(text.contains("name = \"Peru\"") && text.contains("code = \"PE\""));
    let o = factsheet(&["check", "peru.toml"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    // It does not overwrite without --force.
    let o = factsheet(&["new", "Peru", "-o", "peru.toml"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--force"));
    // An unknown country is a usage error.
    let o = factsheet(&["new", "Atlantis"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no country named `Atlantis`"));
    // Standard output.
    let o = factsheet(&["new", "bo", "-o", "-"], &dir);
    assert!(String::from_utf8_lossy(&o.stdout).contains("name = \"Bolivia\""));
}

#[test]
fn build_writes_named_outputs_atomically() {
    let dir = scratch("cli-build");
    let o = factsheet(
        &[
            "build",
            root().join("reports/bolivia.toml").to_str().unwrap(),
            "-o",
            "dist",
            "--format",
            "pdf",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        files_in(&dir.join("dist")),
        vec!["bolivia.pdf"],
        "no temporary files left"
    );
    assert!(stderr(&o).contains("wrote dist/bolivia.pdf"));
}

#[test]
fn a_theme_named_by_its_bare_file_name_finds_its_assets_in_the_current_folder() {
    let dir = scratch("cli-bare-theme");
    fs::create_dir_all(dir.join("assets")).unwrap();
    fs::copy(root().join("reports/theme.toml"), dir.join("house.toml")).unwrap();
    fs::copy(
        root().join("reports/assets/logo-sample.png"),
        dir.join("assets/logo-sample.png"),
    )
    .unwrap();
    let profile = root().join("reports/bolivia.toml");
    for theme in ["house.toml", "./house.toml"] {
        let o = factsheet(
            &[
                "build",
                profile.to_str().unwrap(),
                "--theme",
                theme,
                "-o",
                "out",
            ],
            &dir,
        );
        assert_eq!(o.status.code(), Some(0), "--theme {theme}: {}", stderr(&o));
    }
    // A missing asset names the current folder.
    fs::remove_file(dir.join("assets/logo-sample.png")).unwrap();
    let o = factsheet(
        &["check", profile.to_str().unwrap(), "--theme", "house.toml"],
        &dir,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("paths are relative to the current folder"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn bad_inputs_are_refused_cleanly() {
    let dir = scratch("cli-bad");
    let nested = format!("x = {}{}\n", "[".repeat(5000), "]".repeat(5000));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.toml", b"".to_vec(), "this profile is empty"),
        (
            "blank.toml",
            b"\n  \n# only a comment\n".to_vec(),
            "this profile is empty",
        ),
        (
            "binary.toml",
            vec![0x89, b'P', b'N', b'G', 0, 1, 2, 3],
            "this is a binary file",
        ),
        (
            "latin1.toml",
            b"language = \"en\"\n[country]\nname = \"Bol\xedvia\"\n".to_vec(),
            "not UTF-8",
        ),
        ("nested.toml", nested.into_bytes(), "TOML syntax"),
        (
            "huge.toml",
            vec![b'#'; 50 * 1024 * 1024],
            "input files are at most 4 MB",
        ),
    ];
    for (name, bytes, _) in &cases {
        fs::write(dir.join(name), bytes).unwrap();
    }
    for (name, _, message) in &cases {
        let o = factsheet(&["build", name, "-o", "out"], &dir);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{name}: {err}");
        assert!(err.contains(message), "{name}: {err}");
        assert!(err.contains(name), "{name}: the file is named: {err}");
        assert!(!err.contains("panicked"), "{name}: {err}");
    }
    assert!(
        files_in(&dir.join("out")).is_empty(),
        "no output for bad input"
    );
    fs::remove_file(dir.join("huge.toml")).unwrap();
}

#[test]
fn a_broken_profile_does_not_stop_the_batch() {
    let dir = scratch("cli-batch");
    fs::copy(
        root().join("reports/bolivia.toml"),
        dir.join("bolivia.toml"),
    )
    .unwrap();
    let broken = fs::read_to_string(root().join("reports/bolivia.toml"))
        .unwrap()
        .replace("amount = 1243315", "amount = -1");
    fs::write(dir.join("broken.toml"), broken).unwrap();
    let o = factsheet(&["build", ".", "-o", "out", "--format", "pdf"], &dir);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("broken.toml") && err.contains("the budget amount is negative"),
        "{err}"
    );
    assert_eq!(files_in(&dir.join("out")), vec!["bolivia.pdf"]);
    assert!(err.contains("1 profile with errors"), "{err}");
}

#[test]
fn missing_files_and_folders() {
    let dir = scratch("cli-missing");
    let o = factsheet(&["check", "nowhere.toml"], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nowhere.toml"));
    let o = factsheet(&["build", "--format", "pdf", "."], &dir);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("this folder holds no profiles"));
    let o = factsheet(&["build", "--format", "tiff", "x.toml"], &dir);
    assert_eq!(o.status.code(), Some(2), "clap reports bad usage with 2");
}

#[test]
fn unknown_locale_is_an_error_naming_the_choices() {
    let o = factsheet(
        &[
            "build",
            "reports/bolivia.toml",
            "--locale",
            "xx",
            "-o",
            "target/test-scratch/loc",
            "--format",
            "pdf",
        ],
        &root(),
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("no locale file for `xx`") && err.contains("ar, en, es, fr, hi, nl, pt"),
        "{err}"
    );
}

#[test]
fn completions_and_man_page() {
    let o = factsheet(&["completions", "bash"], &root());
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("factsheet"));
    let o = factsheet(&["man"], &root());
    assert!(o.status.success());
    let man = String::from_utf8_lossy(&o.stdout);
    assert!(
        man.contains(".TH factsheet") && man.contains("build"),
        "{man}"
    );
}
