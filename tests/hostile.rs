//! Hostile files and faults: oversized and damaged logos and fonts,
//! special files, symlink loops, output names that collide, planted links
//! and killed runs in the output folder, standard output that fails, bad
//! SOURCE_DATE_EPOCH values. Each test drives the `factsheet` binary as a
//! user (or an attacker) would, and `check` is held to what `build` refuses.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::{factsheet, files_in, root, scratch, stderr};

/// A reports folder with the example profile and theme and its logo.
fn reports(name: &str) -> PathBuf {
    let dir = scratch(name);
    fs::create_dir_all(dir.join("assets")).unwrap();
    fs::copy(
        root().join("reports/bolivia.toml"),
        dir.join("bolivia.toml"),
    )
    .unwrap();
    fs::copy(
        root().join("reports/assets/logo-sample.png"),
        dir.join("assets/logo.png"),
    )
    .unwrap();
    fs::write(
        dir.join("theme.toml"),
        "[organisation]\nlogo = \"assets/logo.png\"\nlogo_alt = \"Sample logo\"\n",
    )
    .unwrap();
    dir
}

/// Run the binary, killing it if it has not finished after a minute: a
/// guard against a hang (a FIFO read), not a measure of speed.
fn run_guarded(args: &[&str], cwd: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_factsheet"))
        .args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("factsheet {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// `check` and `build` both refuse, with exit 2, naming `words`.
fn both_refuse(dir: &Path, args: &[&str], words: &[&str]) {
    for verb in ["check", "build"] {
        let mut all = vec![verb];
        all.extend_from_slice(args);
        if verb == "build" {
            all.extend_from_slice(&["-o", "out"]);
        }
        let o = run_guarded(&all, dir);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{verb} {args:?}: {err}");
        assert!(!err.contains("panicked"), "{err}");
        for w in words {
            assert!(
                err.contains(w),
                "{verb} {args:?}: {w:?} missing from:\n{err}"
            );
        }
    }
    assert!(
        files_in(&dir.join("out")).is_empty(),
        "nothing written: {:?}",
        files_in(&dir.join("out"))
    );
}

/// A PNG that claims `w` x `h` pixels and holds one empty data chunk.
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    let mut d = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    d.extend_from_slice(&w.to_be_bytes());
    d.extend_from_slice(&h.to_be_bytes());
    d.extend_from_slice(&[8, 0, 0, 0, 0, 0, 0, 0, 0]);
    d.extend_from_slice(b"\0\0\0\0IDAT\0\0\0\0\0\0\0\0IEND\xaeB`\x82");
    d
}

#[test]
fn a_logo_of_too_many_pixels_is_refused_at_its_line() {
    let dir = reports("hostile-huge-logo");
    fs::write(dir.join("assets/logo.png"), png_claiming(30_000, 30_000)).unwrap();
    both_refuse(
        &dir,
        &["bolivia.toml"],
        &[
            "theme.toml:2:8",
            "30000 x 30000 pixels",
            "at most 20000 pixels a side",
        ],
    );
}

#[test]
fn a_damaged_or_oversized_logo_file_is_refused() {
    let dir = reports("hostile-bad-logo");
    let good = fs::read(root().join("reports/assets/logo-sample.png")).unwrap();
    fs::write(dir.join("assets/logo.png"), &good[..good.len() / 2]).unwrap();
    both_refuse(
        &dir,
        &["bolivia.toml"],
        &["theme.toml:2:8", "the logo does not decode"],
    );
    // A JPEG cut short is refused too, by decoding it (krilla would embed
    // its bytes unread).
    fs::write(
        dir.join("theme.toml"),
        "[organisation]\nlogo = \"assets/logo.jpg\"\n",
    )
    .unwrap();
    let jpeg = [
        0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 0, 0, 0xFF, 0xC0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0,
    ];
    fs::write(dir.join("assets/logo.jpg"), jpeg).unwrap();
    both_refuse(
        &dir,
        &["bolivia.toml"],
        &["theme.toml:2:8", "the logo does not decode"],
    );
    // A file over the byte limit, whatever its content.
    let mut big = good.clone();
    big.resize(9 * 1024 * 1024, 0);
    fs::write(dir.join("assets/logo.png"), big).unwrap();
    fs::write(
        dir.join("theme.toml"),
        "[organisation]\nlogo = \"assets/logo.png\"\n",
    )
    .unwrap();
    both_refuse(&dir, &["bolivia.toml"], &["theme.toml:2:8", "at most 8 MB"]);
    // Text named .png.
    fs::write(dir.join("assets/logo.png"), "not an image").unwrap();
    both_refuse(&dir, &["bolivia.toml"], &["neither PNG nor JPEG"]);
}

#[test]
fn an_empty_alt_text_is_refused_at_its_line() {
    let dir = reports("hostile-alt");
    fs::write(
        dir.join("theme.toml"),
        "[organisation]\nlogo = \"assets/logo.png\"\nlogo_alt = \"  \"\n",
    )
    .unwrap();
    both_refuse(
        &dir,
        &["bolivia.toml"],
        &["theme.toml:3:12", "`logo_alt` is empty"],
    );
}

#[test]
fn a_cmyk_percentage_with_a_fraction_is_refused() {
    let dir = reports("hostile-cmyk");
    fs::write(
        dir.join("theme.toml"),
        "[colors]\naccent = { cmyk = [91.5, 24, 0, 52], rgb = \"#0b5d7a\" }\n",
    )
    .unwrap();
    both_refuse(
        &dir,
        &["bolivia.toml"],
        &[
            "theme.toml:2:20",
            "not a whole percentage",
            "write 91 or 92",
        ],
    );
    // A whole number written as a decimal is the same percentage.
    fs::write(
        dir.join("theme.toml"),
        "[colors]\naccent = { cmyk = [91.0, 24, 0, 52], rgb = \"#0b5d7a\" }\n",
    )
    .unwrap();
    let o = factsheet(&["check", "bolivia.toml"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// The bundled regular face with its `cmap` table emptied: a sound font
/// that maps no character at all.
fn font_without_characters() -> Vec<u8> {
    let mut font = fs::read(root().join("fonts/NotoSans-Regular.ttf")).unwrap();
    let tables = u16::from_be_bytes([font[4], font[5]]) as usize;
    let record = (0..tables)
        .map(|i| 12 + 16 * i)
        .find(|&r| &font[r..r + 4] == b"cmap")
        .expect("a cmap table");
    let offset = u32::from_be_bytes(font[record + 8..record + 12].try_into().unwrap()) as usize;
    font[offset + 2] = 0;
    font[offset + 3] = 0;
    font
}

#[test]
fn damaged_fonts_and_fonts_without_latin_are_refused_once() {
    let dir = reports("hostile-fonts");
    fs::create_dir_all(dir.join("fonts")).unwrap();
    let good = fs::read(root().join("fonts/NotoSans-Regular.ttf")).unwrap();
    fs::write(dir.join("fonts/Half.ttf"), &good[..good.len() / 2]).unwrap();
    fs::write(
        dir.join("theme.toml"),
        "[fonts]\nregular = \"fonts/Half.ttf\"\n",
    )
    .unwrap();
    both_refuse(
        &dir,
        &["bolivia.toml"],
        &["theme.toml:2:11", "error[bad-font]", "cut short"],
    );

    fs::write(dir.join("fonts/NoLatin.ttf"), font_without_characters()).unwrap();
    fs::write(
        dir.join("theme.toml"),
        "[fonts]\nbold = \"fonts/NoLatin.ttf\"\n",
    )
    .unwrap();
    both_refuse(
        &dir,
        &["bolivia.toml"],
        &["theme.toml:2:8", "has no Latin letters or digits"],
    );
    let o = factsheet(&["check", "bolivia.toml"], &dir);
    let err = stderr(&o);
    assert_eq!(err.matches("error[").count(), 1, "reported once:\n{err}");
    assert!(err.len() < 2_000, "a short report:\n{err}");
}

/// Make a FIFO with the system's `mkfifo`.
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

#[cfg(unix)]
#[test]
fn special_files_never_block() {
    let dir = reports("hostile-fifo");
    // A FIFO as the profile, named or found in a folder.
    mkfifo(&dir.join("pipe.toml"));
    both_refuse(
        &dir,
        &["pipe.toml"],
        &["pipe.toml", "is a FIFO (named pipe), not a regular file"],
    );
    let o = run_guarded(&["check", "."], &dir);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("ok ./bolivia.toml"), "{}", stderr(&o));
    assert!(stderr(&o).contains("is a FIFO"), "{}", stderr(&o));
    fs::remove_file(dir.join("pipe.toml")).unwrap();
    // A device, and a socket.
    both_refuse(&dir, &["/dev/zero"], &["/dev/zero", "is a device"]);
    let listener = std::os::unix::net::UnixListener::bind(dir.join("sock.toml")).unwrap();
    both_refuse(&dir, &["sock.toml"], &["sock.toml", "is a socket"]);
    drop(listener);
    fs::remove_file(dir.join("sock.toml")).unwrap();
    // As the theme, the logo, a font and a locale.
    mkfifo(&dir.join("fifo-theme.toml"));
    both_refuse(
        &dir,
        &["bolivia.toml", "--theme", "fifo-theme.toml"],
        &["fifo-theme.toml", "is a FIFO"],
    );
    fs::remove_file(dir.join("assets/logo.png")).unwrap();
    mkfifo(&dir.join("assets/logo.png"));
    both_refuse(
        &dir,
        &["bolivia.toml"],
        &["theme.toml:2:8", "not a regular file"],
    );
    fs::create_dir_all(dir.join("fonts")).unwrap();
    mkfifo(&dir.join("fonts/Pipe.ttf"));
    fs::write(
        dir.join("theme.toml"),
        "[fonts]\nregular = \"fonts/Pipe.ttf\"\n",
    )
    .unwrap();
    both_refuse(
        &dir,
        &["bolivia.toml"],
        &["theme.toml:2:11", "not a regular file"],
    );
    fs::remove_file(dir.join("theme.toml")).unwrap();
    fs::create_dir_all(dir.join("locales")).unwrap();
    mkfifo(&dir.join("locales/en.toml"));
    both_refuse(&dir, &["bolivia.toml"], &["en.toml", "is a FIFO"]);
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_named_as_such() {
    let dir = reports("hostile-loops");
    std::os::unix::fs::symlink("loop.toml", dir.join("loop.toml")).unwrap();
    both_refuse(
        &dir,
        &["loop.toml"],
        &["loop.toml", "too many levels of symbolic links"],
    );
    fs::remove_file(dir.join("assets/logo.png")).unwrap();
    std::os::unix::fs::symlink("logo.png", dir.join("assets/logo.png")).unwrap();
    both_refuse(
        &dir,
        &["bolivia.toml"],
        &["theme.toml:2:8", "too many levels of symbolic links"],
    );
}

#[cfg(unix)]
#[test]
fn a_theme_or_locale_linked_from_outside_is_refused() {
    let dir = reports("hostile-linked-theme");
    let outside = dir.parent().unwrap().join("hostile-secret.toml");
    fs::write(&outside, "password = \"hunter2\"\n").unwrap();
    fs::remove_file(dir.join("theme.toml")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("theme.toml")).unwrap();
    both_refuse(&dir, &["bolivia.toml"], &["outside the reports folder"]);
    let o = factsheet(&["check", "bolivia.toml"], &dir);
    assert!(!stderr(&o).contains("hunter2"), "{}", stderr(&o));
}

#[cfg(unix)]
#[test]
fn output_names_never_collide() {
    use std::os::unix::ffi::OsStrExt;
    let dir = reports("hostile-collide");
    let text = fs::read(dir.join("bolivia.toml")).unwrap();
    fs::create_dir_all(dir.join("a")).unwrap();
    fs::create_dir_all(dir.join("b")).unwrap();
    fs::write(dir.join("a/x.toml"), &text).unwrap();
    fs::write(dir.join("b/x.toml"), &text).unwrap();
    let o = factsheet(
        &["build", "a/x.toml", "b/x.toml", "bolivia.toml", "-o", "out"],
        &dir,
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert_eq!(err.matches("error[output-collision]").count(), 2, "{err}");
    assert!(
        err.contains("b/x.toml") && err.contains("a/x.toml"),
        "{err}"
    );
    assert_eq!(
        files_in(&dir.join("out")),
        vec!["bolivia.docx", "bolivia.pdf"]
    );
    let o = factsheet(&["check", "a/x.toml", "b/x.toml"], &dir);
    assert_eq!(o.status.code(), Some(2), "check refuses it too");

    // Names that differ only in case collide on many systems.
    fs::write(dir.join("a/X.toml"), &text).unwrap();
    let o = factsheet(&["build", "a/X.toml", "b/x.toml", "-o", "case"], &dir);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(files_in(&dir.join("case")).is_empty());

    // Names that are not UTF-8 keep their own bytes.
    let n1 = std::ffi::OsStr::from_bytes(b"na\xefve.toml");
    let n2 = std::ffi::OsStr::from_bytes(b"na\xeeve.toml");
    fs::write(dir.join("b").join(n1), &text).unwrap();
    fs::write(dir.join("b").join(n2), &text).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_factsheet"))
        .current_dir(&dir)
        .arg("build")
        .args(["--format", "pdf", "-o", "raw"])
        .arg(Path::new("b").join(n1))
        .arg(Path::new("b").join(n2))
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut names: Vec<Vec<u8>> = fs::read_dir(dir.join("raw"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().as_bytes().to_vec())
        .collect();
    names.sort();
    assert_eq!(
        names,
        vec![b"na\xeeve.pdf".to_vec(), b"na\xefve.pdf".to_vec()]
    );

    // The same profile named three ways is built once, without a word.
    let o = factsheet(
        &[
            "build",
            "--format",
            "pdf",
            "-o",
            "same",
            "a/x.toml",
            "a/x.toml",
            "./b/../a/x.toml",
        ],
        &dir,
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(err.contains("built 1 profile: 1 file"), "{err}");
}

#[cfg(unix)]
#[test]
fn outputs_are_replaced_safely() {
    use std::os::unix::fs::PermissionsExt;
    let dir = reports("hostile-replace");
    let out = dir.join("out");
    fs::create_dir_all(&out).unwrap();
    // A link planted under an output's name is replaced, not followed.
    let victim = dir.join("victim.txt");
    fs::write(&victim, "keep me").unwrap();
    std::os::unix::fs::symlink(&victim, out.join("bolivia.pdf")).unwrap();
    // A stray temporary file of a killed run, and one a live run holds.
    fs::write(out.join(".factsheet-stray.tmp"), "half a file").unwrap();
    let held = fs::File::create(out.join(".factsheet-held.tmp")).unwrap();
    held.lock().unwrap();
    let o = factsheet(&["build", "bolivia.toml", "-o", "out"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&victim).unwrap(), "keep me");
    let pdf = fs::symlink_metadata(out.join("bolivia.pdf")).unwrap();
    assert!(pdf.is_file(), "the link was replaced by the file");
    assert_eq!(
        files_in(&out),
        vec![".factsheet-held.tmp", "bolivia.docx", "bolivia.pdf"]
    );
    drop(held);
    // A file that is replaced keeps its permissions.
    fs::set_permissions(out.join("bolivia.pdf"), fs::Permissions::from_mode(0o640)).unwrap();
    let o = factsheet(&["build", "bolivia.toml", "-o", "out"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mode = fs::metadata(out.join("bolivia.pdf"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o640);
    assert_eq!(files_in(&out), vec!["bolivia.docx", "bolivia.pdf"]);
}

/// Whether a file is a whole PDF or DOCX (a PDF ends with %%EOF, a zip
/// with its end-of-central-directory record).
fn complete(path: &Path) -> bool {
    let bytes = fs::read(path).unwrap();
    match path.extension().and_then(|e| e.to_str()) {
        Some("pdf") => bytes.starts_with(b"%PDF-") && bytes.trim_ascii_end().ends_with(b"%%EOF"),
        Some("docx") => {
            bytes.starts_with(b"PK\x03\x04")
                && bytes.len() >= 22
                && bytes[bytes.len() - 22..].starts_with(b"PK\x05\x06")
        }
        _ => false,
    }
}

#[cfg(unix)]
#[test]
fn killed_batches_leave_no_torn_outputs_and_no_strays() {
    let dir = scratch("hostile-kill");
    let text = fs::read_to_string(root().join("reports/bolivia.toml")).unwrap();
    fs::create_dir_all(dir.join("in")).unwrap();
    for i in 0..200 {
        fs::write(dir.join(format!("in/p{i:03}.toml")), &text).unwrap();
    }
    // Fixed pseudo-random kill times (a linear congruential sequence), so a
    // failure can be replayed.
    let mut seed: u64 = 0x5eed;
    let mut strays_seen = 0;
    for round in 0..20 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let after = Duration::from_millis(50 + (seed >> 33) % 1500);
        let mut child = Command::new(env!("CARGO_BIN_EXE_factsheet"))
            .args(["build", "in", "-o", "out"])
            .current_dir(&dir)
            .env_remove("SOURCE_DATE_EPOCH")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(after);
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        for name in files_in(&dir.join("out")) {
            if name.starts_with(".factsheet-") {
                strays_seen += 1;
                continue;
            }
            assert!(
                complete(&dir.join("out").join(&name)),
                "round {round}: {name} is torn"
            );
        }
    }
    // A run that finishes removes what the killed ones left.
    let o = factsheet(&["build", "in", "-o", "out"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let left = files_in(&dir.join("out"));
    assert_eq!(left.len(), 400, "{left:?}");
    assert!(left.iter().all(|n| !n.starts_with('.')), "{left:?}");
    assert!(left.iter().all(|n| complete(&dir.join("out").join(n))));
    eprintln!("stray temporary files seen after kills: {strays_seen}");
}

#[cfg(unix)]
#[test]
fn standard_output_failures() {
    // A full device: an error, not a panic.
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' completions zsh > /dev/full",
            env!("CARGO_BIN_EXE_factsheet")
        ))
        .output()
        .unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains("No space left on device"), "{err}");
    // A reader that stops after one line: quiet, and success.
    let o = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "set -o pipefail; '{}' man | head -1",
            env!("CARGO_BIN_EXE_factsheet")
        ))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).starts_with(".ie"),
        "one line of the page"
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_factsheet"))
        .arg("man")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away at once
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
    // Output thrown away on purpose is not an error.
    let o = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' man > /dev/null",
            env!("CARGO_BIN_EXE_factsheet")
        ))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // A closed standard output: an error.
    for args in ["man", "completions bash", "new Peru -o -"] {
        let o = Command::new("sh")
            .arg("-c")
            .arg(format!("'{}' {args} >&-", env!("CARGO_BIN_EXE_factsheet")))
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{args}: {}", stderr(&o));
        assert!(stderr(&o).contains("standard output"), "{}", stderr(&o));
    }
}

#[test]
fn source_date_epoch_must_be_a_date() {
    let dir = reports("hostile-epoch");
    for (value, words) in [
        ("abc", "is `abc`, not a whole number of seconds"),
        ("99999999999999", "outside the dates a document can carry"),
        ("-5", "outside the dates a document can carry"),
    ] {
        for verb in ["build", "check"] {
            let o = Command::new(env!("CARGO_BIN_EXE_factsheet"))
                .args([verb, "bolivia.toml"])
                .current_dir(&dir)
                .env("SOURCE_DATE_EPOCH", value)
                .output()
                .unwrap();
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{verb} {value}: {err}");
            assert!(
                err.contains("SOURCE_DATE_EPOCH") && err.contains(words),
                "{err}"
            );
        }
    }
    assert!(files_in(&dir.join("out")).is_empty());
}

#[test]
fn a_batch_of_200_decodes_its_logo_once() {
    let dir = reports("hostile-logo-once");
    let text = fs::read_to_string(dir.join("bolivia.toml")).unwrap();
    for i in 0..200 {
        fs::write(dir.join(format!("p{i:03}.toml")), &text).unwrap();
    }
    fs::remove_file(dir.join("bolivia.toml")).unwrap();
    let made_before = factsheet::pdf::logo_images_made();
    let again_before = factsheet::pdf::logos_decoded_again();
    let opts = factsheet::job::BuildOptions {
        out_dir: dir.join("out"),
        formats: vec![
            factsheet::output::Format::Pdf,
            factsheet::output::Format::Docx,
        ],
        locale: None,
        theme: None,
        color: factsheet::pdf::ColorMode::Screen,
        crop_marks: false,
        pdf_standard: factsheet::pdf::PdfStandard::Ua1,
        strict: false,
    };
    let outcome = factsheet::job::build(std::slice::from_ref(&dir), &opts, &mut |_| {});
    assert_eq!(outcome.exit_code(), 0, "{outcome:?}");
    assert_eq!(outcome.files_written, 400);
    let logo = dir.join("assets/logo.png");
    assert_eq!(factsheet::assets::decode_count(&logo), 1);
    assert_eq!(factsheet::pdf::logo_images_made() - made_before, 1);
    // The PDF writer took the pixels its check decoded: none decoded again.
    assert_eq!(factsheet::pdf::logos_decoded_again() - again_before, 0);
    // Each DOCX carries the logo's bytes as they are.
    let docx = fs::read(dir.join("out/p000.docx")).unwrap();
    let png = fs::read(&logo).unwrap();
    assert!(docx.windows(png.len()).any(|w| w == png.as_slice()));
}

#[cfg(unix)]
#[test]
fn a_locale_is_a_tag_never_a_path() {
    let dir = reports("hostile-locale");
    let outside = dir.parent().unwrap().join("hostile-locale-secret.toml");
    fs::write(&outside, "password = \"hunter2\"\n").unwrap();
    for tag in [
        "../../hostile-locale-secret",
        outside.with_extension("").to_str().unwrap(),
        "es/../../x",
        "",
    ] {
        let o = factsheet(
            &["build", "bolivia.toml", "--locale", tag, "-o", "out"],
            &dir,
        );
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{tag}: {err}");
        assert!(
            err.contains("locale tag") || err.contains("language tag"),
            "{tag}: {err}"
        );
        assert!(
            !err.contains("hunter2") && !err.contains("password"),
            "{err}"
        );
    }
    assert!(files_in(&dir.join("out")).is_empty());
    // A locale file that links out of locales/ is refused too.
    fs::create_dir_all(dir.join("locales")).unwrap();
    std::os::unix::fs::symlink(&outside, dir.join("locales/es.toml")).unwrap();
    let o = factsheet(
        &["build", "bolivia.toml", "--locale", "es", "-o", "out"],
        &dir,
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("outside the reports folder"), "{err}");
    assert!(!err.contains("hunter2"), "{err}");
}

#[test]
fn pdfa_takes_its_date_from_the_profile_not_the_clock() {
    let dir = reports("hostile-pdfa-date");
    let args = [
        "build",
        "bolivia.toml",
        "--pdf-standard",
        "a2b",
        "--format",
        "pdf",
        "-o",
        "out",
    ];
    let o = factsheet(&args, &dir);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("PDF/A requires a document date"), "{err}");
    assert!(
        err.contains("date = 2021-06-30") && err.contains("SOURCE_DATE_EPOCH"),
        "{err}"
    );
    assert!(files_in(&dir.join("out")).is_empty());
    // With a date in the profile, the bytes do not depend on the file's
    // modification time.
    let text = fs::read_to_string(dir.join("bolivia.toml"))
        .unwrap()
        .replacen(
            "language = \"en\"",
            "language = \"en\"\ndate = 2021-06-30",
            1,
        );
    fs::write(dir.join("bolivia.toml"), &text).unwrap();
    let o = factsheet(&args, &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let first = fs::read(dir.join("out/bolivia.pdf")).unwrap();
    std::thread::sleep(Duration::from_millis(1100));
    fs::write(dir.join("bolivia.toml"), &text).unwrap(); // a new mtime
    let o = factsheet(&args, &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(first, fs::read(dir.join("out/bolivia.pdf")).unwrap());
    assert!(
        first.windows(10).any(|w| w == b"2021-06-30"),
        "the profile's date is the document's"
    );
}

#[test]
fn diagnostics_never_replay_control_characters() {
    let dir = reports("hostile-escape");
    let text = fs::read_to_string(dir.join("bolivia.toml"))
        .unwrap()
        .replacen(
            "name = \"Bolivia\"",
            "name = \"Bol\u{1b}]0;pwned\u{7}\u{1b}[2Jivia\"",
            1,
        );
    fs::write(dir.join("bolivia.toml"), text).unwrap();
    let o = factsheet(&["check", "bolivia.toml"], &dir);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
    assert!(err.contains("\\u{1b}]0;pwned\\u{7}"), "{err}");
    // A 200 KB line: a small report.
    let long = format!(
        "language = \"en\"\n[country]\nname = \"{}\u{1b}\"\n",
        "x".repeat(200_000)
    );
    fs::write(dir.join("long.toml"), long).unwrap();
    let o = factsheet(&["check", "long.toml"], &dir);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.len() < 5_000, "{} bytes", err.len());
    // A file of carriage returns only.
    fs::write(dir.join("cr.toml"), "a = 1\r".repeat(40_000)).unwrap();
    let o = factsheet(&["check", "cr.toml"], &dir);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2));
    assert!(err.len() < 5_000, "{} bytes:\n{err}", err.len());
}

#[test]
fn new_never_guesses_a_country() {
    let dir = scratch("hostile-new");
    for (query, words) in [
        ("", "no country given"),
        ("a", "could be any of"),
        ("United", "United Kingdom (GB)"),
        ("Korea", "North Korea (KP)"),
    ] {
        let o = factsheet(&["new", query, "-o", "-"], &dir);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{query}: {err}");
        assert!(err.contains(words), "{query}: {err}");
        assert!(o.stdout.is_empty());
    }
    let o = factsheet(&["new", "KP", "-o", "-"], &dir);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("name = \"North Korea\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn invisible_characters_in_theme_and_locale_text_are_refused() {
    let dir = reports("hostile-theme-text");
    // Written as TOML escapes, which the TOML syntax allows.
    fs::write(
        dir.join("theme.toml"),
        "[organisation]\nname = \"Org\\u001b[2J\"\nlogo_alt = \"Logo\\u202e\"\n",
    )
    .unwrap();
    both_refuse(
        &dir,
        &["bolivia.toml"],
        &[
            "theme.toml:2:8",
            "`name` holds an invisible character, U+001B",
            "theme.toml:3:12",
            "U+202E",
        ],
    );
    fs::remove_file(dir.join("theme.toml")).unwrap();
    fs::create_dir_all(dir.join("locales")).unwrap();
    fs::write(
        dir.join("locales/en.toml"),
        "language = \"en\"\n[labels]\npage = \"Page {page}\\u0007 of {pages}\"\n",
    )
    .unwrap();
    both_refuse(&dir, &["bolivia.toml"], &["en.toml:3:8", "U+0007"]);
}
