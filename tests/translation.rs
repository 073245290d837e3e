//! Translations as a user meets them: `check --locale` on translation
//! files made with missing, stale and orphaned entries; `--strict`; the
//! `translate` round trip through a PO file; the Spanish build; French
//! quotes and spacing; and bad input, each a clear error at its line and
//! column, exit 2, and nothing written.

mod common;

use std::fs;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use common::{factsheet, have, normalise, root, run_tool, scratch, stderr};

/// A reports folder with the Bolivia profile, the bundled locales and the
/// Spanish translation, to change for one case.
fn reports(name: &str) -> PathBuf {
    let dir = scratch(name);
    fs::copy(
        root().join("reports/bolivia.toml"),
        dir.join("bolivia.toml"),
    )
    .unwrap();
    fs::create_dir_all(dir.join("locales")).unwrap();
    for e in fs::read_dir(root().join("reports/locales")).unwrap() {
        let p = e.unwrap().path();
        fs::copy(&p, dir.join("locales").join(p.file_name().unwrap())).unwrap();
    }
    fs::create_dir_all(dir.join("translations/es")).unwrap();
    fs::copy(
        root().join("reports/translations/es/bolivia.toml"),
        dir.join("translations/es/bolivia.toml"),
    )
    .unwrap();
    dir
}

/// `factsheet build bolivia.toml --locale <tag> --format pdf -o <out>` in
/// `dir`.
fn build_pdf(dir: &Path, tag: &str, out: &str) -> std::process::Output {
    factsheet(
        &[
            "build",
            "bolivia.toml",
            "--locale",
            tag,
            "--format",
            "pdf",
            "-o",
            out,
        ],
        dir,
    )
}

fn edit(path: &Path, f: impl FnOnce(String) -> String) {
    let text = fs::read_to_string(path).unwrap();
    fs::write(path, f(text)).unwrap();
}

/// "file:line:col" of the first occurrence of `needle` in a file (column
/// in characters, as diagnostics count).
fn place(dir: &Path, file: &str, needle: &str) -> String {
    let text = fs::read_to_string(dir.join(file)).unwrap();
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} not in {file}"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    format!("{file}:{line}:{col}")
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn docx_part(path: &Path, name: &str) -> String {
    let bytes = fs::read(path).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut file = zip.by_name(name).expect("the part");
    let mut s = String::new();
    file.read_to_string(&mut s).unwrap();
    s
}

#[test]
fn check_lists_missing_stale_and_orphaned_entries() {
    let dir = reports("tr-check");
    let tr = dir.join("translations/es/bolivia.toml");
    edit(&tr, |t| {
        // Missing: the entry of the second heading goes.
        let start = t.find("[\"focus.heading\"]").unwrap();
        let end = start + t[start..].find("\n\n").unwrap() + 2;
        let mut t = format!("{}{}", &t[..start], &t[end..]);
        // Stale: the first paragraph was translated from another text.
        let c1 = t.find("[\"context.1\"]").unwrap();
        let from = c1 + t[c1..].find("from = \"").unwrap() + "from = \"".len();
        t.replace_range(from..from + 8, "00000000");
        // Orphan: an id no text has.
        t.push_str("\n[\"context.9\"]\ntext = \"Un párrafo que ya no existe.\"\n");
        t
    });
    let o = factsheet(&["check", "bolivia.toml", "--locale", "es"], &dir);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "warnings only: {err}");
    assert!(
        err.contains("warning[untranslated]: `focus.heading` has no Spanish translation"),
        "{err}"
    );
    assert!(
        err.contains(&place(&dir, "bolivia.toml", "\"FOCUS OF OUR WORK\"")),
        "{err}"
    );
    assert!(
        err.contains("warning[stale-translation]: the source text of `context.1` changed"),
        "{err}"
    );
    assert!(
        err.contains(&place(&dir, "translations/es/bolivia.toml", "\"00000000\"")),
        "{err}"
    );
    assert!(
        err.contains("warning[orphan-translation]: no text of the profile has the id `context.9`"),
        "{err}"
    );
    assert!(
        err.contains(&place(
            &dir,
            "translations/es/bolivia.toml",
            "\"context.9\""
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `context.1`?"), "{err}");
    assert!(err.contains("3 warnings"), "{err}");

    // Under --strict the same findings are errors, and nothing is built.
    let o = factsheet(
        &["check", "bolivia.toml", "--locale", "es", "--strict"],
        &dir,
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("error[orphan-translation]"), "{err}");
    let o = factsheet(
        &[
            "build",
            "bolivia.toml",
            "--locale",
            "es",
            "--strict",
            "-o",
            "out",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(files_under(&dir.join("out")).is_empty());

    // Without --strict the build uses the stale text and the English heading.
    let o = factsheet(
        &[
            "build",
            "bolivia.toml",
            "--locale",
            "es",
            "--format",
            "docx",
            "-o",
            "out",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let xml = docx_part(&dir.join("out/es/bolivia.docx"), "word/document.xml");
    assert!(xml.contains("FOCUS OF OUR WORK") && xml.contains("A pesar de las mejoras"));
}

/// Fill every empty entry of a translation file with `f(source text)`.
fn fill_in(path: &Path, profile: &Path, f: impl Fn(&str) -> String) {
    let (p, d) = factsheet::profile::load_profile(profile, true);
    let p = p.unwrap_or_else(|| panic!("{}", d.render_plain()));
    let mut text = fs::read_to_string(path).unwrap();
    for s in factsheet::translate::source_texts(&p) {
        let header = text.find(&format!("[\"{}\"]", s.id)).unwrap();
        let empty = header + text[header..].find("text = \"\"").unwrap();
        let filled = format!("text = {}", factsheet::translate::toml_string(&f(&s.text)));
        text.replace_range(empty..empty + "text = \"\"".len(), &filled);
    }
    fs::write(path, text).unwrap();
}

#[test]
fn translate_fill_in_build_and_round_trip_through_po() {
    let dir = reports("tr-round");
    let o = factsheet(&["translate", "bolivia.toml", "--locale", "fr"], &dir);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("0 translated, 0 stale, 18 to translate (18 new), 0 orphaned"),
        "{err}"
    );
    let tr = dir.join("translations/fr/bolivia.toml");
    let fresh = fs::read_to_string(&tr).unwrap();
    assert!(
        fresh.contains("[\"context.2\"]\n# en: The government of Bolivia"),
        "{fresh}"
    );

    // Untranslated: the source text is used, with a warning an entry.
    let o = factsheet(&["check", "bolivia.toml", "--locale", "fr"], &dir);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert_eq!(err.matches("warning[untranslated]").count(), 18, "{err}");

    // A translator fills it in (markers kept); translate fills in the
    // fingerprints, and running it again changes nothing.
    fill_in(&tr, &dir.join("bolivia.toml"), |s| format!("FR: {s}"));
    let o = factsheet(&["translate", "bolivia.toml", "--locale", "fr"], &dir);
    assert!(
        stderr(&o).contains("18 translated, 0 stale, 0 to translate (0 new)"),
        "{}",
        stderr(&o)
    );
    let filled = fs::read_to_string(&tr).unwrap();
    assert_eq!(filled.matches("\nfrom = \"").count(), 18);
    factsheet(&["translate", "bolivia.toml", "--locale", "fr"], &dir);
    assert_eq!(
        fs::read_to_string(&tr).unwrap(),
        filled,
        "translate is idempotent"
    );

    let o = factsheet(
        &[
            "build",
            "bolivia.toml",
            "--locale",
            "fr",
            "--strict",
            "-o",
            "out",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(dir.join("out/fr/bolivia.pdf").is_file() && dir.join("out/fr/bolivia.docx").is_file());

    // PO out and back: the same bytes.
    let o = factsheet(
        &[
            "translate",
            "bolivia.toml",
            "--locale",
            "fr",
            "--export",
            "po",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let po = fs::read_to_string(dir.join("translations/fr/bolivia.po")).unwrap();
    assert!(po.contains("msgctxt \"context.2\""), "{po}");
    assert!(po.contains("Language: fr"), "{po}");
    assert!(
        po.contains("Plural-Forms: nplurals=2; plural=(n > 1);"),
        "{po}"
    );
    assert!(!po.contains("fuzzy"), "{po}");
    let o = factsheet(
        &[
            "translate",
            "bolivia.toml",
            "--locale",
            "fr",
            "--import",
            "po",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(&tr).unwrap(),
        filled,
        "export then import changes nothing"
    );

    // The source changes: the entry is stale, the PO marks it fuzzy, and
    // the round trip still keeps every byte.
    edit(&dir.join("bolivia.toml"), |t| {
        t.replacen("large inequalities", "deep inequalities", 1)
    });
    let o = factsheet(&["translate", "bolivia.toml", "--locale", "fr"], &dir);
    assert!(
        stderr(&o).contains("18 translated, 1 stale"),
        "{}",
        stderr(&o)
    );
    let stale = fs::read_to_string(&tr).unwrap();
    assert!(stale.contains("# STALE: the source changed"), "{stale}");
    factsheet(
        &[
            "translate",
            "bolivia.toml",
            "--locale",
            "fr",
            "--export",
            "po",
        ],
        &dir,
    );
    let po = fs::read_to_string(dir.join("translations/fr/bolivia.po")).unwrap();
    assert_eq!(po.matches("#, fuzzy").count(), 1, "{po}");
    factsheet(
        &[
            "translate",
            "bolivia.toml",
            "--locale",
            "fr",
            "--import",
            "po",
        ],
        &dir,
    );
    assert_eq!(fs::read_to_string(&tr).unwrap(), stale);

    // An orphaned entry is kept by translate and survives the round trip.
    edit(&tr, |t| {
        t + "\n[\"context.9\"]\ntext = \"Paragraphe \\\"retiré\\\".\"\nfrom = \"0123abcd\"\n"
    });
    let o = factsheet(&["translate", "bolivia.toml", "--locale", "fr"], &dir);
    assert!(stderr(&o).contains("1 orphaned"), "{}", stderr(&o));
    let orphaned = fs::read_to_string(&tr).unwrap();
    assert!(
        orphaned.contains("# No text of the profile has the ids below"),
        "{orphaned}"
    );
    for mode in ["--export", "--import"] {
        let o = factsheet(
            &["translate", "bolivia.toml", "--locale", "fr", mode, "po"],
            &dir,
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    assert_eq!(fs::read_to_string(&tr).unwrap(), orphaned);
    if have("msgfmt") {
        let (ok, _, e) = run_tool(
            "msgfmt",
            &[
                "--check",
                "-o",
                "/dev/null",
                dir.join("translations/fr/bolivia.po").to_str().unwrap(),
            ],
        );
        assert!(ok, "msgfmt refuses the PO file: {e}");
    }
}

#[test]
fn french_text_takes_guillemets_and_narrow_no_break_spaces() {
    let dir = reports("tr-french");
    factsheet(&["translate", "bolivia.toml", "--locale", "fr"], &dir);
    let tr = dir.join("translations/fr/bolivia.toml");
    fill_in(&tr, &dir.join("bolivia.toml"), |s| {
        format!("Selon le rapport : {s}")
    });
    let o = factsheet(
        &["build", "bolivia.toml", "--locale", "fr", "-o", "out"],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // The source's 'obstructed' becomes « obstructed », with U+202F inside;
    // the colon takes U+202F before it.
    let xml = docx_part(&dir.join("out/fr/bolivia.docx"), "word/document.xml");
    assert!(
        xml.contains("\u{ab}\u{202f}obstructed\u{202f}\u{bb}"),
        "{xml}"
    );
    assert!(xml.contains("rapport\u{202f}:"), "{xml}");
    let pdf = dir.join("out/fr/bolivia.pdf");
    if have("pdftotext") {
        // pdftotext writes U+202F as a plain space; the font's map below
        // shows that the PDF holds it.
        let (ok, text, e) = run_tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
        assert!(ok, "{e}");
        let text = text.replace('\u{202f}', " ");
        assert!(text.contains("\u{ab} obstructed \u{bb}"), "{text}");
        assert!(text.contains("rapport :"), "{text}");
        assert!(text.contains("Page 1 sur"), "{text}");
    }
    if have("qpdf") {
        let plain = dir.join("out/fr/plain.pdf");
        let (ok, _, e) = run_tool(
            "qpdf",
            &[
                "--qdf",
                "--object-streams=disable",
                pdf.to_str().unwrap(),
                plain.to_str().unwrap(),
            ],
        );
        assert!(ok, "{e}");
        let bytes = fs::read(&plain).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            text.contains("<202F>"),
            "no glyph of the PDF maps to U+202F"
        );
    }
}

#[test]
fn the_spanish_build_is_wholly_spanish() {
    let dir = scratch("tr-spanish");
    let o = factsheet(
        &[
            "build",
            "reports/bolivia.toml",
            "--locale",
            "es",
            "-o",
            dir.to_str().unwrap(),
        ],
        &root(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    let es = fs::read_to_string(root().join("reports/translations/es/bolivia.toml")).unwrap();
    let spanish = [
        "A pesar de las mejoras de la situación socioeconómica",
        "Gracias a estos esfuerzos se denunciaron varios casos de ESNNA.",
    ];
    let english = [
        "Country factsheet",
        "Key national indicators",
        "Budget",
        "Page",
        "Programme",
        "sample data",
        "Tier",
        "Obstructed",
        "Civic space",
        "FOCUS OF OUR WORK",
        "Trafficking in Persons Report",
    ];
    let xml = docx_part(&dir.join("es/bolivia.docx"), "word/document.xml");
    let footer = docx_part(&dir.join("es/bolivia.docx"), "word/footer1.xml");
    let notes = docx_part(&dir.join("es/bolivia.docx"), "word/footnotes.xml");
    let docx_text = format!("{xml}{footer}{notes}");
    for s in spanish {
        assert!(es.contains(s));
        assert!(docx_text.contains(s), "{s} not in the DOCX");
    }
    assert!(docx_text.contains("1.243.315\u{a0}€"));
    assert!(docx_text.contains("Página") && docx_text.contains("Presupuesto 2016\u{2013}2020"));
    for w in english {
        assert!(!docx_text.contains(w), "English `{w}` in the Spanish DOCX");
    }
    if have("pdftotext") {
        let (ok, text, e) = run_tool(
            "pdftotext",
            &[dir.join("es/bolivia.pdf").to_str().unwrap(), "-"],
        );
        assert!(ok, "{e}");
        let text = normalise(&text);
        for s in spanish {
            assert!(text.contains(s), "{s} not in the PDF:\n{text}");
        }
        assert!(text.contains("1.243.315 €"), "{text}");
        assert!(
            text.contains("PRESUPUESTO 2016\u{2013}2020") && text.contains("Página 1 de"),
            "{text}"
        );
        assert!(text.contains("INDICADORES NACIONALES CLAVE"), "{text}");
        for w in english {
            // As written, or in capitals as labels are set.
            assert!(
                !text.contains(w) && !text.contains(&w.to_uppercase()),
                "English `{w}` in the Spanish PDF:\n{text}"
            );
        }
    }
}

#[test]
fn locales_fall_back_along_their_chain_and_count_in_plural_forms() {
    let dir = reports("tr-chain");
    fs::write(
        dir.join("locales/es-BO.toml"),
        "language = \"es-BO\"\n[labels]\nbudget = \"Presupuesto del programa {period}\"\n",
    )
    .unwrap();
    let found = factsheet::locale::find_locale(&dir, "es-BO")
        .unwrap_or_else(|d| panic!("{}", d[0].render_plain()));
    let l = found.locale;
    assert!(found.warnings.is_empty());
    assert_eq!(l.language, "es-BO");
    assert_eq!(
        l.labels.budget, "Presupuesto del programa {period}",
        "from es-BO.toml"
    );
    assert_eq!(l.labels.page, "Página {page} de {pages}", "from es.toml");
    assert_eq!(l.money(1_243_315.0, "EUR"), "1.243.315\u{a0}€");
    assert_eq!(l.count(&l.labels.pages, 1), "1 página");
    assert_eq!(l.count(&l.labels.pages, 12), "12 páginas");
    assert_eq!(l.count(&l.labels.pages, 1_000_000), "1.000.000 de páginas");

    // A label the language's files leave out stays English, with a warning
    // naming the key and the file.
    edit(&dir.join("locales/es.toml"), |t| {
        t.replace("contents = \"Índice\"\n", "")
    });
    let found = factsheet::locale::find_locale(&dir, "es-BO").unwrap();
    assert_eq!(found.locale.labels.contents, "Contents");
    let w = found
        .warnings
        .iter()
        .map(factsheet::diag::Diagnostics::render_plain)
        .collect::<String>();
    assert!(
        w.contains("has no `contents` label") && w.contains("locales/es.toml"),
        "{w}"
    );

    let ar = factsheet::locale::find_locale(&root().join("reports"), "ar").unwrap();
    assert!(ar.warnings.is_empty());
    let counts: Vec<String> = [0, 1, 2, 3, 11, 100]
        .iter()
        .map(|n| ar.locale.count(&ar.locale.labels.pages, *n))
        .collect();
    assert_eq!(counts[1], "صفحة واحدة");
    assert_eq!(counts[2], "صفحتان");
    assert!(counts[3].ends_with("صفحات"), "{counts:?}");
    for tag in ["en", "es", "fr", "nl", "pt", "ar", "hi"] {
        let found = factsheet::locale::find_locale(&root().join("reports"), tag).unwrap();
        assert!(
            found.warnings.is_empty(),
            "{tag}: {}",
            found.warnings[0].render_plain()
        );
    }
}

#[test]
fn locale_files_and_translation_folders_are_found_whatever_the_case() {
    // `locales/es-bo.toml` and `translations/ES/` were passed over on a
    // case-sensitive disk: `--locale es-BO` used es.toml alone, `check`
    // never read es-bo.toml, and the Spanish build was English.
    let dir = reports("tr-case");
    fs::write(
        dir.join("locales/es-bo.toml"),
        "language = \"es-BO\"\n[labels]\nbudget = \"Presupuesto del programa {period}\"\n",
    )
    .unwrap();
    let found = factsheet::locale::find_locale(&dir, "es-BO")
        .unwrap_or_else(|d| panic!("{}", d[0].render_plain()));
    assert_eq!(
        found.locale.labels.budget,
        "Presupuesto del programa {period}"
    );
    fs::rename(dir.join("translations/es"), dir.join("translations/ES")).unwrap();
    let o = build_pdf(&dir, "all", "out");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(!err.contains("untranslated"), "{err}");
    assert!(dir.join("out/es/bolivia.pdf").is_file(), "{err}");
    // check reads the file under its own name, and finds its errors.
    edit(&dir.join("locales/es-bo.toml"), |t| t + "garbage = = =\n");
    let o = factsheet(&["check", "bolivia.toml"], &dir);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("locales/es-bo.toml:4:"), "{err}");
}

#[test]
fn a_regional_translation_gives_only_what_differs() {
    // A one-entry translations/es-BO/ hid all of translations/es/: the
    // Bolivian build was English but for that entry.
    let dir = reports("tr-regional");
    fs::create_dir_all(dir.join("translations/es-BO")).unwrap();
    fs::write(
        dir.join("translations/es-BO/bolivia.toml"),
        "# Bolivian Spanish.\nlanguage = \"es-BO\"\n\n[\"country.name\"]\ntext = \"Estado Plurinacional de Bolivia\"\n\n[\"context.1\"]\ntext = \"\"\n",
    )
    .unwrap();
    let o = build_pdf(&dir, "es-BO", "out");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    // The empty entry is the Spanish file's, not untranslated.
    assert!(!err.contains("untranslated"), "{err}");
    if have("pdftotext") {
        let pdf = dir.join("out/es-BO/bolivia.pdf");
        let (_, t, _) = run_tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]);
        let t = normalise(&t);
        assert!(t.contains("Estado Plurinacional de Bolivia"), "{t}");
        assert!(t.contains("A pesar de las mejoras"), "from es: {t}");
    }
    // A file of the chain in another language is an error at its tag.
    edit(&dir.join("translations/es-BO/bolivia.toml"), |t| {
        t.replace("language = \"es-BO\"", "language = \"fr\"")
    });
    let o = build_pdf(&dir, "es-BO", "out2");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains(&place(&dir, "translations/es-BO/bolivia.toml", "\"fr\"")),
        "at the value, not the comment's word: {err}"
    );
}

/// Build in Spanish; expect exit 2, every `needles` in the report, and no
/// file written.
fn refused(dir: &Path, args: &[&str], needles: &[&str]) {
    let mut all = vec!["build", "bolivia.toml", "--locale", "es", "-o", "out"];
    all.extend_from_slice(args);
    let o = factsheet(&all, dir);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    for n in needles {
        assert!(err.contains(n), "`{n}` not in:\n{err}");
    }
    assert!(
        files_under(&dir.join("out")).is_empty(),
        "{:?}",
        files_under(&dir.join("out"))
    );
}

#[test]
fn bad_locale_tags_are_refused() {
    let dir = reports("tr-bad-tag");
    for tag in ["../x", "/etc/passwd", "e$", ""] {
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
        // Said once, and not summed up as a profile with errors: no
        // profile was read.
        assert_eq!(err.matches("--locale:").count(), 1, "{tag}: {err}");
        assert!(!err.contains("with errors"), "{tag}: {err}");
        assert!(files_under(&dir.join("out")).is_empty());
    }
    // POSIX's `es_ES` is the tag es-ES.
    let o = build_pdf(&dir, "es_ES", "out");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(dir.join("out/es-ES/bolivia.pdf").is_file());
    fs::remove_dir_all(dir.join("out")).unwrap();
    let o = factsheet(
        &["build", "bolivia.toml", "--locale", "zz", "-o", "out"],
        &dir,
    );
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("no locale file for `zz`"), "{err}");
    assert!(files_under(&dir.join("out")).is_empty());
}

#[test]
fn a_locale_file_missing_a_key_is_an_error_under_strict() {
    let dir = reports("tr-missing-key");
    edit(&dir.join("locales/es.toml"), |t| {
        t.replace("continued = \"continuación\"\n", "")
    });
    refused(
        &dir,
        &["--strict"],
        &[
            "error[missing-label]",
            "has no `continued` label",
            "locales/es.toml",
        ],
    );
    // Without --strict it is a warning and the build goes on.
    let o = factsheet(
        &[
            "build",
            "bolivia.toml",
            "--locale",
            "es",
            "-o",
            "out",
            "--format",
            "docx",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning[missing-label]"));
}

#[test]
fn an_unknown_placeholder_is_an_error_at_its_place() {
    let dir = reports("tr-placeholder");
    edit(&dir.join("locales/es.toml"), |t| {
        t.replace(
            "budget = \"Presupuesto {period}\"",
            "budget = \"Presupuesto {perod}\"",
        )
    });
    refused(
        &dir,
        &[],
        &[
            "error[bad-placeholder]: unknown placeholder {perod} in `budget`",
            &place(&dir, "locales/es.toml", "{perod}"),
            "did you mean {period}?",
        ],
    );
}

#[test]
fn an_orphan_is_an_error_under_strict() {
    let dir = reports("tr-orphan");
    edit(&dir.join("translations/es/bolivia.toml"), |t| {
        t + "\n[\"resultz.1\"]\ntext = \"Texto\"\n"
    });
    refused(
        &dir,
        &["--strict"],
        &[
            "error[orphan-translation]",
            &place(&dir, "translations/es/bolivia.toml", "\"resultz.1\""),
            "did you mean `results.1`?",
        ],
    );
}

#[test]
fn a_translation_of_a_number_or_a_code_is_an_error() {
    let dir = reports("tr-number");
    edit(&dir.join("translations/es/bolivia.toml"), |t| {
        t + "\n[\"indicator.budget.value\"]\ntext = \"un millón\"\n\n[\"country.code\"]\ntext = \"BOL\"\n"
    });
    refused(
        &dir,
        &[],
        &[
            "error[untranslatable]: `indicator.budget.value` is the number in indicator `budget`, not text",
            &place(
                &dir,
                "translations/es/bolivia.toml",
                "\"indicator.budget.value\"",
            ),
            "error[untranslatable]: `country.code` is the country's ISO code",
            &place(&dir, "translations/es/bolivia.toml", "\"country.code\""),
        ],
    );
}

#[test]
fn a_unit_in_words_is_translated_and_a_symbol_is_not() {
    // "11,673,029 people" stayed English in the Spanish build: the unit
    // could not be translated.
    let dir = reports("tr-unit");
    edit(&dir.join("bolivia.toml"), |t| {
        t.replacen(
            "value = 1243315\ncurrency = \"EUR\"\n",
            "value = 1243315\ncurrency = \"EUR\"\n\n[[indicator]]\nid = \"children\"\nlabel = \"Children reached\"\nvalue = 11500\nunit = \"people\"\n\n[[indicator]]\nid = \"share\"\nlabel = \"Share\"\nvalue = 4.5\nunit = \"%\"\n",
            1,
        )
    });
    let o = factsheet(&["translate", "bolivia.toml", "--locale", "es"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let tr = dir.join("translations/es/bolivia.toml");
    let text = fs::read_to_string(&tr).unwrap();
    assert!(text.contains("[\"indicator.children.unit\"]"), "{text}");
    assert!(!text.contains("indicator.share.unit"), "{text}");
    edit(&tr, |t| {
        t.replacen(
            "[\"indicator.children.unit\"]\n# en: people\ntext = \"\"",
            "[\"indicator.children.unit\"]\n# en: people\ntext = \"personas\"",
            1,
        )
    });
    let o = build_pdf(&dir, "es", "out");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    if have("pdftotext") {
        let pdf = dir.join("out/es/bolivia.pdf");
        let (_, t, _) = run_tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]);
        assert!(t.contains("11.500 personas"), "{t}");
    }
    // A symbol stays in the profile.
    fs::remove_dir_all(dir.join("out")).unwrap();
    edit(&tr, |t| {
        t + "\n[\"indicator.share.unit\"]\ntext = \"por ciento\"\n"
    });
    refused(
        &dir,
        &[],
        &[
            "error[untranslatable]: `indicator.share.unit` is the unit of indicator `share`, a symbol",
        ],
    );
}

#[test]
fn a_link_dropped_or_sent_elsewhere_is_a_warning() {
    let dir = reports("tr-links");
    edit(&dir.join("bolivia.toml"), |t| {
        t.replacen(
            "large inequalities in Bolivia",
            "large [inequalities](https://example.org/inequality) in Bolivia",
            1,
        )
    });
    let build = |dir: &Path| {
        let o = build_pdf(dir, "es", "out");
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stderr(&o)
    };
    // The Spanish text has no link: dropped.
    let err = build(&dir);
    assert!(
        err.contains("warning[link-dropped]: the translation of `context.1` drops the link to https://example.org/inequality"),
        "{err}"
    );
    // Another address: changed, at the link.
    edit(&dir.join("translations/es/bolivia.toml"), |t| {
        t.replacen(
            "grandes desigualdades",
            "grandes [desigualdades](https://example.org/es/desigualdad)",
            1,
        )
    });
    let err = build(&dir);
    assert!(err.contains("warning[link-changed]"), "{err}");
    assert!(
        err.contains(&place(
            &dir,
            "translations/es/bolivia.toml",
            "desigualdades]("
        )),
        "{err}"
    );
    assert!(!err.contains("link-dropped"), "{err}");
}

#[test]
fn markup_in_a_translated_heading_is_a_warning() {
    let dir = reports("tr-markup-plain");
    edit(&dir.join("translations/es/bolivia.toml"), |t| {
        t.replacen(
            "\"ENFOQUE DE NUESTRO TRABAJO\"",
            "\"**ENFOQUE** DE NUESTRO TRABAJO\"",
            1,
        )
    });
    let o = build_pdf(&dir, "es", "out");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.contains("warning[markup-in-plain]: bold in a field"),
        "{err}"
    );
    assert!(
        err.contains(&place(&dir, "translations/es/bolivia.toml", "**ENFOQUE")),
        "{err}"
    );
}

#[test]
fn a_translated_paragraph_keeps_its_markers() {
    let dir = reports("tr-markers");
    let tr = dir.join("translations/es/bolivia.toml");
    edit(&tr, |t| t.replacen("el Nivel 2.[^tip]", "el Nivel 2.", 1));
    refused(
        &dir,
        &[],
        &[
            "error[marker-dropped]: the translation of `context.2` drops the marker [^tip]",
            &place(
                &dir,
                "translations/es/bolivia.toml",
                "\"El Gobierno de Bolivia",
            ),
        ],
    );
    let dir = reports("tr-markers-added");
    let tr = dir.join("translations/es/bolivia.toml");
    edit(&tr, |t| {
        t.replacen(
            "en las redes sociales. La Alianza",
            "en las redes sociales.[^tip] La Alianza",
            1,
        )
    });
    refused(
        &dir,
        &[],
        &[
            "error[marker-added]: the marker [^tip] is not in the source text of `focus.1`",
            &place(&dir, "translations/es/bolivia.toml", "[^tip] La Alianza"),
        ],
    );
}

#[test]
fn a_translation_takes_the_checks_of_the_profiles_own_text() {
    // A right-to-left override in Spanish text reversed it in the PDF
    // ("0202 ,laidnuM") and not in Word, with exit 0: the profile refuses
    // it, and so does a translation, at its place.
    let dir = reports("tr-bidi-control");
    edit(&dir.join("translations/es/bolivia.toml"), |t| {
        t.replacen(
            "El Gobierno de Bolivia",
            "El Gobierno \u{202E}de Bolivia",
            1,
        )
    });
    refused(
        &dir,
        &[],
        &[
            "error[bidi-control]: an invisible bidirectional control (U+202E) in left-to-right text",
            &place(&dir, "translations/es/bolivia.toml", "\u{202E}"),
        ],
    );
}

#[test]
fn a_page_label_too_wide_for_the_footer_is_an_error() {
    // A page label of a sentence was drawn over the footer's text, with
    // exit 0; longer still, off the page, as "a bug in factsheet".
    for words in [
        " del informe anual de la organización sobre la protección de la infancia en el país y en toda la región andina",
        &" y más".repeat(60),
    ] {
        let dir = reports("tr-page-label");
        edit(&dir.join("locales/es.toml"), |t| {
            t.replacen("de {pages}\"", &format!("de {{pages}}{words}\""), 1)
        });
        refused(
            &dir,
            &[],
            &[
                "error[layout]: the page label \"Página 1 de 2 ",
                "shorten `page` under [labels] in the `es` locale file (locales/es.toml",
            ],
        );
    }
}

#[test]
fn a_broken_po_file_is_an_error_at_its_line_and_changes_nothing() {
    // polib read `msgstr Banco Mundial` (no quotes) as "anco Mundia" and
    // skipped lines it did not know, with exit 0.
    let dir = reports("tr-bad-po");
    let export = [
        "translate",
        "bolivia.toml",
        "--locale",
        "es",
        "--export",
        "po",
    ];
    let import = [
        "translate",
        "bolivia.toml",
        "--locale",
        "es",
        "--import",
        "po",
    ];
    let o = factsheet(&export, &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let tr = dir.join("translations/es/bolivia.toml");
    let before = fs::read_to_string(&tr).unwrap();
    let po = dir.join("translations/es/bolivia.po");
    let good = fs::read_to_string(&po).unwrap();
    let msgstr = good
        .lines()
        .find(|l| l.starts_with("msgstr \"") && l.len() > 12)
        .unwrap();
    let unquoted = msgstr.replacen("msgstr \"", "msgstr ", 1);
    for broken in [
        good.replacen(msgstr, &unquoted, 1),
        good.replacen(msgstr, &format!("{msgstr}\nGARBAGE LINE"), 1),
    ] {
        fs::write(&po, &broken).unwrap();
        let o = factsheet(&import, &dir);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{err}");
        assert!(err.contains("error[bad-po]"), "{err}");
        let line = broken[..broken
            .find(if broken.contains("GARBAGE") {
                "GARBAGE"
            } else {
                unquoted.as_str()
            })
            .unwrap()]
            .matches('\n')
            .count()
            + 1;
        assert!(
            err.contains(&format!("bolivia.po:{line}:1")),
            "line {line}: {err}"
        );
        assert_eq!(
            fs::read_to_string(&tr).unwrap(),
            before,
            "the translation file changed"
        );
    }
}

#[test]
fn a_malformed_translation_file_is_an_error_at_its_place() {
    let dir = reports("tr-malformed");
    edit(&dir.join("translations/es/bolivia.toml"), |t| {
        t.replacen("language = \"es\"", "language = \"e$\"", 1)
            .replacen("from = \"", "from = \"zz", 1)
    });
    refused(
        &dir,
        &[],
        &[
            "error[bad-language]: `e$` is not a language tag",
            &place(&dir, "translations/es/bolivia.toml", "\"e$\""),
            "error[bad-fingerprint]",
        ],
    );
}

#[test]
fn build_all_writes_every_translation_and_the_own_language() {
    let dir = reports("tr-all");
    let o = factsheet(
        &[
            "build",
            "bolivia.toml",
            "--locale",
            "all",
            "--format",
            "docx",
            "-o",
            "out",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut got: Vec<String> = files_under(&dir.join("out"))
        .iter()
        .map(|p| {
            p.strip_prefix(dir.join("out"))
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    got.sort();
    assert_eq!(got, ["en/bolivia.docx", "es/bolivia.docx"]);
    let o = factsheet(
        &[
            "build",
            "bolivia.toml",
            "--locale",
            "en,es",
            "--format",
            "docx",
            "-o",
            "two",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        fs::read(dir.join("two/es/bolivia.docx")).unwrap(),
        fs::read(dir.join("out/es/bolivia.docx")).unwrap()
    );
    // No --locale: the profile's own language, straight into the folder.
    let o = factsheet(
        &["build", "bolivia.toml", "--format", "docx", "-o", "plain"],
        &dir,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(dir.join("plain/bolivia.docx").is_file());
}

#[test]
fn the_arabic_and_hindi_samples_build_as_docx() {
    for (name, tag, text, label) in [
        (
            "sample-ar",
            "ar",
            "هذه صحيفة وقائع نموذجية",
            "بيانات نموذجية",
        ),
        ("sample-hi", "hi", "यह एक नमूना तथ्य-पत्र है", "नमूना डेटा"),
    ] {
        let dir = scratch(&format!("tr-{name}"));
        let profile = root().join(format!("reports/samples/{name}.toml"));
        let o = factsheet(
            &[
                "build",
                profile.to_str().unwrap(),
                "--format",
                "docx",
                "-o",
                dir.to_str().unwrap(),
            ],
            &root(),
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
        let docx = dir.join(format!("{name}.docx"));
        let xml = docx_part(&docx, "word/document.xml");
        assert!(xml.contains(text), "{name}: text");
        assert!(
            xml.contains(label),
            "{name}: the sample mark from locales/{tag}.toml"
        );
        if tag == "ar" {
            assert!(
                xml.contains("2022\u{60c} "),
                "the Arabic comma between year and mark"
            );
        }
        let core = docx_part(&docx, "docProps/core.xml");
        assert!(
            core.contains(&format!("<dc:language>{tag}</dc:language>")),
            "{core}"
        );
    }
}

#[test]
fn cut_translation_files_never_panic() {
    // The Spanish translation cut after every 11th character, and a locale
    // file after every 5th: each is read (and applied) or refused, never a
    // panic.
    let (profile, _) = factsheet::profile::load_profile(&root().join("reports/bolivia.toml"), true);
    let profile = profile.unwrap();
    let text = fs::read_to_string(root().join("reports/translations/es/bolivia.toml")).unwrap();
    let cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).step_by(11).collect();
    let mut applied = 0;
    for &cut in &cuts {
        let file = factsheet::diag::SourceFile::new("cut.toml", &text[..cut]);
        if let (Some(tr), _) = factsheet::translate::parse_translation(file) {
            let _ = factsheet::translate::apply(&profile, &tr, true);
            applied += 1;
        }
    }
    assert!(
        applied > 0 && applied < cuts.len(),
        "{applied} of {}",
        cuts.len()
    );
    let locale = fs::read_to_string(root().join("reports/locales/ar.toml")).unwrap();
    for (i, _) in locale.char_indices().step_by(5) {
        let _ = factsheet::locale::parse_layer(factsheet::diag::SourceFile::new(
            "ar.toml",
            &locale[..i],
        ));
    }
}

#[test]
fn languages_build_to_the_same_bytes_on_one_thread_or_two() {
    let dir = reports("tr-threads");
    let build = |threads: &str, out: &str| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_factsheet"))
            .args(["build", "bolivia.toml", "--locale", "all", "-o", out])
            .current_dir(&dir)
            .env_remove("SOURCE_DATE_EPOCH")
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    };
    build("1", "one");
    build("2", "two");
    let mut files = files_under(&dir.join("one"));
    files.sort();
    assert_eq!(files.len(), 4, "{files:?}");
    for f in files {
        let twin = dir
            .join("two")
            .join(f.strip_prefix(dir.join("one")).unwrap());
        assert_eq!(
            fs::read(&f).unwrap(),
            fs::read(&twin).unwrap(),
            "{}",
            f.display()
        );
    }
}
