//! `factsheet pack` and `watch` as a user meets them: a pack with a broken
//! profile, byte-identical outputs whatever the threads or the shard
//! split, incremental runs, the manifest, pack.toml errors.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{root, scratch};
use factsheet::pack::inputs::sha256_hex;
use serde_json::Value;

/// A copy of the bundled reports folder to work on.
fn reports_copy(name: &str) -> PathBuf {
    let dir = scratch(name);
    copy_dir(&root().join("reports"), &dir.join("reports"));
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// Run `factsheet` in `cwd` with extra environment.
fn run(args: &[&str], cwd: &Path, env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_factsheet"));
    c.args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("RAYON_NUM_THREADS")
        .env("NO_COLOR", "1");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run factsheet")
}

fn pack(cwd: &Path, extra: &[&str], env: &[(&str, &str)]) -> (Output, Value) {
    let mut args = vec!["pack", "reports", "--json"];
    args.extend_from_slice(extra);
    let o = run(&args, cwd, env);
    let json = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "no JSON summary ({e}): {}\n{}",
            String::from_utf8_lossy(&o.stdout),
            err(&o)
        )
    });
    (o, json)
}

fn err(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn n(v: &Value, key: &str) -> u64 {
    v[key].as_u64().unwrap_or_else(|| panic!("no {key} in {v}"))
}

/// Every file under `dir` by relative path, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(base: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in fs::read_dir(dir).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                let rel = p
                    .strip_prefix(base)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The per-country outputs the bundled pack.toml asks for.
fn country_outputs() -> Vec<String> {
    let mut out = Vec::new();
    for locale in ["en", "es"] {
        for country in ["bolivia", "sample-peru", "sample-kenya"] {
            for ext in ["pdf", "docx"] {
                out.push(format!("{locale}/{country}.{ext}"));
            }
        }
    }
    out.sort();
    out
}

fn outputs_in(dir: &Path) -> Vec<String> {
    files(dir)
        .into_keys()
        .filter(|p| p.ends_with(".pdf") || p.ends_with(".docx"))
        .collect()
}

#[test]
fn the_bundled_pack_builds_every_country_and_locale() {
    let dir = reports_copy("pack-bundled");
    let (o, summary) = pack(&dir, &[], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let built = outputs_in(&dir.join("dist"));
    for want in country_outputs() {
        assert!(built.contains(&want), "{want} missing: {built:?}");
    }
    assert_eq!(n(&summary, "failed"), 0);
    assert_eq!(summary["locales"], serde_json::json!(["en", "es"]));
    assert_eq!(n(&summary, "countries"), 3);
    // The summary line is printed for people too.
    assert!(
        err(&o).contains("packed 3 countries x 2 locales"),
        "{}",
        err(&o)
    );
    // The Spanish build has the Spanish labels.
    if common::have("pdftotext") {
        let (ok, text, _) = common::run_tool(
            "pdftotext",
            &[dir.join("dist/es/bolivia.pdf").to_str().unwrap(), "-"],
        );
        assert!(ok);
        assert!(text.contains("1.243.315"), "{text}");
        let (_, sample, _) = common::run_tool(
            "pdftotext",
            &[dir.join("dist/en/sample-peru.pdf").to_str().unwrap(), "-"],
        );
        let flat = common::normalise(&sample);
        assert!(
            flat.contains("Sample factsheet") || flat.contains("SAMPLE FACTSHEET"),
            "{flat}"
        );
        assert!(flat.to_lowercase().contains("sample data"), "{flat}");
    }
}

#[test]
fn a_broken_profile_is_named_and_the_others_are_built() {
    let dir = reports_copy("pack-broken");
    let (o, _) = pack(&dir, &[], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let combined_pdf = dir.join("dist/en/country-factsheets.pdf");
    let before = fs::read(&combined_pdf).unwrap();
    let kenya = dir.join("reports/sample-kenya.toml");
    let text = fs::read_to_string(&kenya)
        .unwrap()
        .replacen("label =", "lable =", 1);
    fs::write(&kenya, text).unwrap();

    let (o, summary) = pack(&dir, &[], &[]);
    let e = err(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(e.contains("error[unknown-key]: unknown key `lable`"), "{e}");
    assert!(e.contains("sample-kenya.toml:22:1"), "{e}");
    assert!(e.contains("did you mean `label`?"), "{e}");
    // The others are current; Kenya's previous files stay, unchanged.
    assert_eq!(n(&summary, "built"), 0, "{summary}");
    assert_eq!(n(&summary, "skipped"), 8, "{summary}");
    // Kenya failed in both locales (2 formats each), and the 4 combined
    // documents (a PDF and a DOCX per locale) are not rebuilt.
    assert_eq!(n(&summary, "failed"), 4 + 4, "{summary}");
    let failures = summary["failures"].as_array().unwrap();
    assert_eq!(failures.len(), 2);
    assert!(failures.iter().all(|f| {
        f["profile"]
            .as_str()
            .unwrap()
            .ends_with("sample-kenya.toml")
    }));
    // The JSON names the error itself: it has no "errors above".
    for f in failures {
        let errors: Vec<&str> = f["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_str().unwrap())
            .collect();
        assert!(
            errors
                .iter()
                .any(|e| e
                    .contains("sample-kenya.toml:22:1: error[unknown-key]: unknown key `lable`")),
            "{f}"
        );
    }
    // The combined documents are left as they were.
    let combined = summary["combined"].as_array().unwrap();
    assert_eq!(combined.len(), 4);
    assert!(combined_are(&summary, "kept"), "{summary}");
    assert!(e.contains("--allow-partial"), "{e}");
    assert_eq!(fs::read(&combined_pdf).unwrap(), before);

    // --allow-partial goes ahead with the countries that succeeded.
    let (o, summary) = pack(&dir, &["--allow-partial"], &[]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(combined_are(&summary, "partial"), "{summary}");
    let titles = outline_titles(&lopdf::Document::load(&combined_pdf).unwrap());
    assert!(titles.contains(&"Peru".to_string()), "{titles:?}");
    assert!(!titles.contains(&"Kenya".to_string()), "{titles:?}");

    // Fixed, the next run rebuilds Kenya and the whole combined document.
    let text = fs::read_to_string(&kenya)
        .unwrap()
        .replacen("lable =", "label =", 1);
    fs::write(&kenya, text).unwrap();
    let (o, summary) = pack(&dir, &[], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    // Kenya's files from the first run were made from these very bytes,
    // and are still there: only the combined documents are rebuilt, the
    // same as they first were.
    assert_eq!(
        n(&summary, "built"),
        n_built_combined(&summary),
        "{summary}"
    );
    assert!(combined_are(&summary, "built"), "{summary}");
    assert_eq!(fs::read(&combined_pdf).unwrap(), before);
}

/// A country laid out well whose own file then cannot be written (the
/// combined documents are made beside the countries' files): it fails, the
/// others are written, and the combined documents are not replaced, with
/// or without --allow-partial, since they would hold it.
#[test]
fn a_country_whose_file_cannot_be_written_keeps_the_combined_documents() {
    let dir = reports_copy("pack-unwritable");
    let (o, _) = pack(&dir, &[], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let combined_pdf = dir.join("dist/en/country-factsheets.pdf");
    let before = fs::read(&combined_pdf).unwrap();
    // Peru's English PDF is in the way: a folder where the file goes.
    let peru = dir.join("dist/en/sample-peru.pdf");
    fs::remove_file(&peru).unwrap();
    fs::create_dir(&peru).unwrap();
    fs::write(peru.join("keep"), "").unwrap();

    for extra in [&[][..], &["--allow-partial"][..]] {
        let (o, summary) = pack(
            &dir,
            &["--force"].iter().chain(extra).copied().collect::<Vec<_>>(),
            &[],
        );
        let e = err(&o);
        assert_eq!(o.status.code(), Some(1), "{e}");
        assert!(e.contains("sample-peru.pdf"), "{e}");
        let failures = summary["failures"].as_array().unwrap();
        assert_eq!(failures.len(), 1, "{summary}");
        // Every other country file is written (12 in all, Peru's English
        // PDF not); in Spanish the combined documents are made.
        assert_eq!(n(&summary, "built"), 11 + 2, "{summary}");
        let combined = summary["combined"].as_array().unwrap();
        let en: Vec<&Value> = combined
            .iter()
            .filter(|c| c["path"].as_str().unwrap().contains("/en/"))
            .collect();
        assert_eq!(en.len(), 2);
        assert!(en.iter().all(|c| c["status"] == "kept"), "{summary}");
        assert_eq!(fs::read(&combined_pdf).unwrap(), before);
    }
}

/// Whether every combined document has `status`.
fn combined_are(summary: &Value, status: &str) -> bool {
    summary["combined"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["status"] == status)
}

/// Top-level bookmarks of a PDF, in order.
fn outline_titles(pdf: &lopdf::Document) -> Vec<String> {
    common::pack::bookmarks(pdf)
        .into_iter()
        .map(|(title, _)| title)
        .collect()
}

/// Pages (from 0) that the links of page `page` lead to.
fn link_targets(pdf: &lopdf::Document, page: usize) -> Vec<usize> {
    use lopdf::Object;
    let pages: Vec<lopdf::ObjectId> = pdf.get_pages().into_values().collect();
    let dest_page = |dest: &Object| -> Option<usize> {
        let arr = match dest {
            Object::Array(a) => a.clone(),
            Object::Reference(r) => pdf.get_object(*r).ok()?.as_array().ok()?.clone(),
            _ => return None,
        };
        let id = arr.first()?.as_reference().ok()?;
        pages.iter().position(|p| *p == id)
    };
    let dict = pdf.get_dictionary(pages[page]).unwrap();
    let Ok(annots) = dict.get(b"Annots").and_then(|a| a.as_array()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for a in annots {
        let a = pdf.get_dictionary(a.as_reference().unwrap()).unwrap();
        if let Ok(dest) = a.get(b"Dest") {
            out.extend(dest_page(dest));
        } else if let Ok(action) = a.get(b"A") {
            let action = match action {
                Object::Reference(r) => pdf.get_dictionary(*r).unwrap(),
                Object::Dictionary(d) => d,
                _ => continue,
            };
            out.extend(action.get(b"D").ok().and_then(dest_page));
        }
    }
    out
}

#[test]
fn the_combined_pdf_holds_every_country_in_pack_order() {
    let dir = reports_copy("pack-combined");
    let (o, _) = pack(&dir, &[], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    for (locale, names) in [
        ("en", ["Bolivia", "Peru", "Kenya"]),
        ("es", ["Bolivia", "Perú", "Kenia"]),
    ] {
        let dist = dir.join("dist").join(locale);
        let path = dist.join("country-factsheets.pdf");
        let pdf = lopdf::Document::load(&path).unwrap();
        // Cover and contents, then each country's pages as built alone.
        let counts: Vec<usize> = ["bolivia", "sample-peru", "sample-kenya"]
            .iter()
            .map(|c| {
                lopdf::Document::load(dist.join(format!("{c}.pdf")))
                    .unwrap()
                    .get_pages()
                    .len()
            })
            .collect();
        let pages = pdf.get_pages().len();
        assert_eq!(pages, 2 + counts.iter().sum::<usize>(), "{locale}");
        let starts = common::pack::starts(&counts);
        let titles = outline_titles(&pdf);
        let countries: Vec<&String> = titles
            .iter()
            .filter(|t| names.contains(&t.as_str()))
            .collect();
        assert_eq!(countries, names, "{locale}: {titles:?}");
        assert_eq!(link_targets(&pdf, 1), starts, "{locale}: contents links");
        if common::have("pdftotext") {
            let (_, cover, _) = common::run_tool(
                "pdftotext",
                &["-f", "1", "-l", "2", path.to_str().unwrap(), "-"],
            );
            // The cover's title, its letters in order: this checks that the
            // pack's title reaches the cover, not how the title is broken
            // into lines.
            let title = if locale == "es" {
                "Fichasdepaís"
            } else {
                "Countryfactsheets"
            };
            let squeezed: String = cover.split_whitespace().collect();
            assert!(squeezed.contains(title), "{locale}: {cover}");
            for name in names {
                assert!(cover.contains(name), "{locale}: {name} in {cover}");
            }
            for s in &starts {
                assert!(
                    cover.contains(&(s + 1).to_string()),
                    "{locale}: page {} in {cover}",
                    s + 1
                );
            }
        }
    }
}

#[test]
fn the_combined_docx_holds_every_country_in_pack_order() {
    let dir = reports_copy("pack-combined-docx");
    let (o, summary) = pack(&dir, &[], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(combined_are(&summary, "built"), "{summary}");
    for (locale, names) in [
        ("en", ["Bolivia", "Peru", "Kenya"]),
        ("es", ["Bolivia", "Perú", "Kenia"]),
    ] {
        let path = dir
            .join("dist")
            .join(locale)
            .join("country-factsheets.docx");
        let body = common::docx::part(&fs::read(&path).unwrap(), "word/document.xml");
        // Each country's title, after the one before, each with the
        // bookmark its contents entry links to.
        let mut at = 0;
        for (i, name) in names.iter().enumerate() {
            let mark = format!(r#"w:name="_Country{}""#, i + 1);
            let found = body[at..]
                .find(&mark)
                .unwrap_or_else(|| panic!("{locale}: no bookmark for {name} after the one before"));
            at += found;
            assert!(
                body[at..].find(name).is_some_and(|d| d < 300),
                "{locale}: {name}'s title at its bookmark"
            );
        }
        assert!(
            !body.contains("_Country4"),
            "{locale}: three countries, no more"
        );
    }
}

#[test]
fn the_same_bytes_whatever_the_threads_or_shards() {
    let one = reports_copy("pack-threads-1");
    let (o, _) = pack(&one, &[], &[("RAYON_NUM_THREADS", "1")]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let two = reports_copy("pack-threads-2");
    let (o, _) = pack(&two, &[], &[("RAYON_NUM_THREADS", "2")]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let a = files(&one.join("dist"));
    assert_eq!(a, files(&two.join("dist")), "1 thread against 2");
    assert!(a.contains_key("manifest.json"));

    // Three CI jobs each build a shard into their own folder; their
    // folders are gathered into one, and a final run makes the rest.
    let sharded = reports_copy("pack-shards");
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for k in 1..=3 {
        let job = scratch(&format!("pack-shard-job-{k}"));
        copy_dir(&sharded.join("reports"), &job.join("reports"));
        let shard = format!("{k}/3");
        let (o, summary) = pack(&job, &["--shard", &shard], &[]);
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        assert_eq!(summary["shard"], shard.as_str());
        assert!(
            summary["combined"].as_array().unwrap().is_empty(),
            "shards make no combined documents"
        );
        let mine = outputs_in(&job.join("dist"));
        assert!(!mine.is_empty(), "shard {shard} built nothing");
        for p in &mine {
            *seen.entry(p.clone()).or_default() += 1;
        }
        let manifest = job.join(format!("dist/manifest-shard-{k}-of-3.json"));
        assert!(manifest.exists(), "shard {shard} wrote no manifest");
        copy_dir(&job.join("dist"), &sharded.join("dist"));
    }
    // Every per-country output is built by exactly one shard.
    let all: Vec<String> = seen.keys().cloned().collect();
    assert_eq!(all, country_outputs());
    assert!(seen.values().all(|&n| n == 1), "{seen:?}");

    let (o, summary) = pack(&sharded, &[], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(
        n(&summary, "skipped") as usize,
        country_outputs().len() + n_combined_skipped(&summary),
        "the final run reuses every shard's outputs: {summary}"
    );
    let b = files(&sharded.join("dist"));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    assert_eq!(a, b, "3 shards against none");
}

fn n_combined_skipped(summary: &Value) -> usize {
    summary["combined"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "skipped")
        .count()
}

#[test]
fn unchanged_outputs_are_skipped_and_force_rebuilds() {
    let dir = reports_copy("pack-incremental");
    let (o, first) = pack(&dir, &[], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let total = country_outputs().len() as u64;
    assert_eq!(n(&first, "built") - n_built_combined(&first), total);

    let (_, again) = pack(&dir, &[], &[]);
    assert_eq!(n(&again, "built"), 0, "{again}");
    assert_eq!(
        n(&again, "skipped") - n_combined_skipped(&again) as u64,
        total
    );

    // A changed profile rebuilds that country only, in both locales.
    let peru = dir.join("reports/sample-peru.toml");
    let text = fs::read_to_string(&peru)
        .unwrap()
        .replace("value = 2400", "value = 2500");
    fs::write(&peru, text).unwrap();
    let (_, changed) = pack(&dir, &[], &[]);
    assert_eq!(
        n(&changed, "built") - n_built_combined(&changed),
        4,
        "{changed}"
    );

    // So does an output edited or removed behind the pack's back.
    fs::write(dir.join("dist/en/bolivia.pdf"), b"not the pdf").unwrap();
    fs::remove_file(dir.join("dist/es/bolivia.docx")).unwrap();
    let (_, repaired) = pack(&dir, &[], &[]);
    assert_eq!(
        n(&repaired, "built") - n_built_combined(&repaired),
        2,
        "{repaired}"
    );
    assert!(
        fs::read(dir.join("dist/en/bolivia.pdf"))
            .unwrap()
            .starts_with(b"%PDF")
    );

    // A changed locale file rebuilds that locale.
    let es = dir.join("reports/locales/es.toml");
    let text = fs::read_to_string(&es)
        .unwrap()
        .replace("Ficha de país", "Ficha del país");
    fs::write(&es, text).unwrap();
    let (_, relabelled) = pack(&dir, &[], &[]);
    assert_eq!(
        n(&relabelled, "built") - n_built_combined(&relabelled),
        6,
        "{relabelled}"
    );

    // A changed theme rebuilds everything, and so does --force.
    let theme = dir.join("reports/theme.toml");
    let text = fs::read_to_string(&theme)
        .unwrap()
        .replace("body = 9.5", "body = 9.4");
    fs::write(&theme, text).unwrap();
    let (_, restyled) = pack(&dir, &[], &[]);
    assert_eq!(n(&restyled, "built") - n_built_combined(&restyled), total);
    let (_, forced) = pack(&dir, &["--force"], &[]);
    assert_eq!(n(&forced, "built") - n_built_combined(&forced), total);
    assert_eq!(n(&forced, "skipped"), 0);
}

fn n_built_combined(summary: &Value) -> u64 {
    summary["combined"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "built" || c["status"] == "partial")
        .count() as u64
}

#[test]
fn the_manifest_lists_every_output_with_its_inputs() {
    let dir = reports_copy("pack-manifest");
    let (o, _) = pack(&dir, &[], &[("SOURCE_DATE_EPOCH", "1600000000")]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let dist = dir.join("dist");
    let m: Value = serde_json::from_slice(&fs::read(dist.join("manifest.json")).unwrap()).unwrap();
    assert!(m["tool"].as_str().unwrap().starts_with("factsheet "));
    let outputs = m["outputs"].as_array().unwrap();
    let paths: Vec<&str> = outputs
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "sorted by path");
    let on_disk = outputs_in(&dist);
    assert_eq!(
        paths,
        on_disk.iter().map(String::as_str).collect::<Vec<_>>()
    );
    let reports = dir.join("reports");
    for r in outputs {
        let path = r["path"].as_str().unwrap();
        let bytes = fs::read(dist.join(path)).unwrap();
        assert_eq!(r["sha256"].as_str().unwrap(), sha256_hex(&bytes), "{path}");
        assert_eq!(r["size"].as_u64().unwrap(), bytes.len() as u64, "{path}");
        let inputs = r["inputs"].as_array().unwrap();
        for i in inputs {
            let file = reports.join(i["path"].as_str().unwrap());
            assert_eq!(
                i["sha256"].as_str().unwrap(),
                sha256_hex(&fs::read(&file).unwrap()),
                "{path}: {}",
                file.display()
            );
        }
        let roles: Vec<&str> = inputs.iter().map(|i| i["role"].as_str().unwrap()).collect();
        if r["kind"] == "country" {
            let name = r["name"].as_str().unwrap();
            let locale = r["locale"].as_str().unwrap();
            assert!(path.starts_with(&format!("{locale}/{name}.")), "{path}");
            for role in ["profile", "theme", "logo"] {
                assert!(roles.contains(&role), "{path} lacks its {role}: {roles:?}");
            }
            if locale == "es" {
                let locale_file = inputs.iter().find(|i| i["role"] == "locale").unwrap();
                assert_eq!(locale_file["path"], "locales/es.toml");
            }
        }
    }
}

#[test]
fn pack_toml_errors_are_placed_and_nothing_is_built() {
    let dir = reports_copy("pack-bad-spec");
    let spec = dir.join("reports/pack.toml");
    let text = fs::read_to_string(&spec)
        .unwrap()
        .replace("\"sample-peru\"", "\"sample-pery\"")
        .replace(
            "formats = [\"pdf\", \"docx\"]",
            "formats = [\"pdf\", \"odt\"]",
        );
    fs::write(&spec, text).unwrap();
    let o = run(&["pack", "reports"], &dir, &[]);
    let e = err(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("error[unknown-country]"), "{e}");
    assert!(e.contains("did you mean \"sample-peru\"?"), "{e}");
    assert!(e.contains("error[bad-format]"), "{e}");
    assert!(e.contains("reports/pack.toml:16:19"), "{e}");
    // The unknown format alone: not also "lists no format".
    assert!(!e.contains("no-formats"), "{e}");
    assert!(outputs_in(&dir.join("dist")).is_empty());

    // `check` on the folder finds them too.
    let o = run(&["check", "reports"], &dir, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("reports/pack.toml:16:19"), "{}", err(&o));
}

#[test]
fn a_folder_without_pack_toml_packs_every_profile() {
    let dir = scratch("pack-defaults");
    let reports = dir.join("reports");
    fs::create_dir_all(&reports).unwrap();
    fs::copy(
        root().join("reports/bolivia.toml"),
        reports.join("bolivia.toml"),
    )
    .unwrap();
    fs::copy(
        root().join("reports/sample-peru.toml"),
        reports.join("sample-peru.toml"),
    )
    .unwrap();
    let (o, summary) = pack(&dir, &["-o", "out"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(summary["locales"], serde_json::json!(["en"]));
    assert_eq!(
        outputs_in(&dir.join("out")),
        [
            "en/bolivia.docx",
            "en/bolivia.pdf",
            "en/reports.docx",
            "en/reports.pdf",
            "en/sample-peru.docx",
            "en/sample-peru.pdf"
        ]
    );
    // The combined documents are named after the folder.
    let combined: Vec<&str> = summary["combined"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["path"].as_str().unwrap())
        .collect();
    assert_eq!(combined, ["out/en/reports.pdf", "out/en/reports.docx"]);
}

/// A locale with no locale file is a mistake in `pack.toml`, placed
/// there, and nothing is built (it failed every country of that locale,
/// exit 1, pointing at the missing file); a format listed twice too.
#[test]
fn a_locale_without_its_file_is_an_error_in_pack_toml() {
    let dir = reports_copy("pack-missing-locale");
    let spec = dir.join("reports/pack.toml");
    let text = fs::read_to_string(&spec)
        .unwrap()
        .replace("locales = [\"en\", \"es\"]", "locales = [\"en\", \"de\"]")
        .replace(
            "formats = [\"pdf\", \"docx\"]",
            "formats = [\"pdf\", \"pdf\"]",
        );
    fs::write(&spec, text).unwrap();
    let (o, summary) = pack(&dir, &[], &[]);
    let e = err(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(
        e.contains("error[unknown-locale]: no locale file for `de`"),
        "{e}"
    );
    assert!(e.contains("reports/pack.toml:15:18"), "{e}");
    assert!(e.contains("available: ar, en, es"), "{e}");
    assert!(e.contains("error[duplicate]: `pdf` is listed twice"), "{e}");
    assert!(outputs_in(&dir.join("dist")).is_empty());
    // The JSON says why the pack is invalid.
    assert_eq!(summary["invalid"], true);
    assert!(
        summary["errors"].as_array().unwrap().iter().any(|e| e
            .as_str()
            .unwrap()
            .ends_with("pack.toml:15:18: error[unknown-locale]: no locale file for `de`")),
        "{summary}"
    );
    // A regional locale is served by its language's file.
    let text = fs::read_to_string(&spec)
        .unwrap()
        .replace("\"de\"", "\"es-BO\"")
        .replace("[\"pdf\", \"pdf\"]", "[\"pdf\"]");
    fs::write(&spec, text).unwrap();
    let o = run(&["pack", "reports"], &dir, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    // A list of only unknown locales: each is named, and the list is not
    // also said to be empty.
    let text = fs::read_to_string(&spec)
        .unwrap()
        .replace("[\"en\", \"es-BO\"]", "[\"zz\"]");
    fs::write(&spec, text).unwrap();
    let o = run(&["pack", "reports"], &dir, &[]);
    let e = err(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("no locale file for `zz`"), "{e}");
    assert!(!e.contains("lists no locale"), "{e}");
}

/// A folder without `pack.toml` named like one of its profiles
/// (`bolivia/bolivia.toml`): the combined documents take another name
/// rather than the pack being refused.
#[test]
fn a_folder_named_like_its_country_packs_under_another_name() {
    let dir = scratch("pack-folder-named-like-country");
    let folder = dir.join("bolivia");
    fs::create_dir_all(&folder).unwrap();
    fs::copy(
        root().join("reports/bolivia.toml"),
        folder.join("bolivia.toml"),
    )
    .unwrap();
    let o = run(&["pack", "bolivia", "-o", "out", "-q"], &dir, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(
        outputs_in(&dir.join("out")),
        [
            "en/bolivia-factsheets.docx",
            "en/bolivia-factsheets.pdf",
            "en/bolivia.docx",
            "en/bolivia.pdf"
        ]
    );
}

#[test]
fn shard_and_folder_mistakes_are_usage_errors() {
    let dir = reports_copy("pack-usage");
    let o = run(&["pack", "reports", "--shard", "4/3"], &dir, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("K must be from 1 to N"), "{}", err(&o));
    let o = run(&["pack", "nowhere"], &dir, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("no such folder"), "{}", err(&o));
    let o = run(&["pack", "reports/bolivia.toml"], &dir, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(
        err(&o).contains("a pack is built from a folder, not a file"),
        "{}",
        err(&o)
    );
    // An output "folder" that is a file: one error, before any work.
    fs::write(dir.join("taken"), b"a file").unwrap();
    let o = run(&["pack", "reports", "-o", "taken"], &dir, &[]);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert_eq!(err(&o).matches("error[").count(), 1, "{}", err(&o));
    assert!(
        err(&o).contains("the output folder is a file"),
        "{}",
        err(&o)
    );
    let o = run(
        &["pack", "reports"],
        &dir,
        &[("SOURCE_DATE_EPOCH", "yesterday")],
    );
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("SOURCE_DATE_EPOCH"), "{}", err(&o));
    assert!(outputs_in(&dir.join("dist")).is_empty());
}

/// Wait (up to two minutes: the machine may be busy) for `ready`.
fn wait_for(what: &str, mut ready: impl FnMut() -> bool) {
    for _ in 0..1200 {
        if ready() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    panic!("gave up waiting for {what}");
}

#[test]
fn watch_rebuilds_what_a_save_changed() {
    let dir = reports_copy("pack-watch");
    let mut child = Command::new(env!("CARGO_BIN_EXE_factsheet"))
        .args(["watch", "reports", "-o", "dist", "--quiet", "--json"])
        .current_dir(&dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("run factsheet watch");
    let dist = dir.join("dist");
    let manifest = dist.join("manifest.json");
    let digest = |p: &str| fs::read(dist.join(p)).map(|b| sha256_hex(&b)).ok();
    // Its summaries, a line each, as they come.
    let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let stdout = child.stdout.take().unwrap();
    let reader = {
        let lines = lines.clone();
        std::thread::spawn(move || {
            use std::io::BufRead;
            for l in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                lines.lock().unwrap().push(l);
            }
        })
    };
    wait_for("the first build", || manifest.exists());
    let peru_before = digest("en/sample-peru.pdf").unwrap();
    let bolivia_before = digest("en/bolivia.pdf").unwrap();
    let combined_before = digest("en/country-factsheets.pdf").unwrap();

    let peru = dir.join("reports/sample-peru.toml");
    let text = fs::read_to_string(&peru)
        .unwrap()
        .replace("value = 2400", "value = 2600");
    fs::write(&peru, text).unwrap();
    wait_for("the rebuild", || {
        digest("en/sample-peru.pdf").is_some_and(|d| d != peru_before)
            && digest("en/country-factsheets.pdf").is_some_and(|d| d != combined_before)
    });
    assert_eq!(digest("en/bolivia.pdf").unwrap(), bolivia_before);
    wait_for("the rebuild's summary", || lines.lock().unwrap().len() >= 2);
    child.kill().expect("stop watch");
    let out = child.wait_with_output().unwrap();
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("watching reports for changes"), "{e}");
    assert!(
        e.contains("changed:") && e.contains("sample-peru.toml"),
        "{e}"
    );
    // A summary a run, one a line (JSON Lines).
    reader.join().unwrap();
    let summaries: Vec<Value> = lines
        .lock()
        .unwrap()
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    assert!(summaries.len() >= 2, "{summaries:?}");
    assert!(summaries.iter().all(|s| s["built"].is_u64()));
    if common::have("pdftotext") {
        let (_, text, _) = common::run_tool(
            "pdftotext",
            &[dist.join("en/sample-peru.pdf").to_str().unwrap(), "-"],
        );
        assert!(text.contains("2,600"), "{text}");
    }
}

/// `cd reports && factsheet watch .`: the output folder inside the
/// watched one, not made yet. Its own writes set off a run about four
/// times a second, forever; now they are not changes.
#[test]
fn watch_is_not_set_off_by_its_own_writes_in_a_new_output_folder() {
    let dir = reports_copy("pack-watch-inside");
    let reports = dir.join("reports");
    let mut child = Command::new(env!("CARGO_BIN_EXE_factsheet"))
        .args(["watch", "."])
        .current_dir(&reports)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("run factsheet watch");
    let manifest = reports.join("dist/manifest.json");
    wait_for("the first build", || manifest.exists());
    // Several debounce periods, in which a loop would have run again.
    std::thread::sleep(std::time::Duration::from_millis(2000));
    child.kill().expect("stop watch");
    let out = child.wait_with_output().unwrap();
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("watching . for changes"), "{e}");
    assert!(!e.contains("changed:"), "set off by its own writes:\n{e}");
}

/// `--json > summary.json` on a full disk: the summary is lost, so the
/// run fails (it passed with an empty file), and says why.
#[test]
fn a_json_summary_that_cannot_be_written_fails_the_run() {
    let Ok(full) = fs::OpenOptions::new().write(true).open("/dev/full") else {
        eprintln!("NOTICE: no /dev/full here; skipping");
        return;
    };
    let dir = reports_copy("pack-json-full");
    let o = Command::new(env!("CARGO_BIN_EXE_factsheet"))
        .args(["pack", "reports", "-q", "--json"])
        .current_dir(&dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .stdout(full)
        .output()
        .expect("run factsheet pack");
    let e = err(&o);
    assert_eq!(o.status.code(), Some(1), "{e}");
    assert!(e.contains("cannot write the JSON summary"), "{e}");
}

/// `--allow-partial` when no country could be built: nothing to combine,
/// so no combined document (it wrote a cover and an empty contents).
#[test]
fn allow_partial_makes_no_combined_document_of_no_country() {
    let dir = scratch("pack-partial-of-none");
    let reports = dir.join("reports");
    fs::create_dir_all(&reports).unwrap();
    let text = fs::read_to_string(root().join("reports/bolivia.toml"))
        .unwrap()
        .replacen("label =", "lable =", 1);
    fs::write(reports.join("bolivia.toml"), text).unwrap();
    let (o, summary) = pack(&dir, &["--allow-partial"], &[]);
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(combined_are(&summary, "kept"), "{summary}");
    assert!(outputs_in(&dir.join("dist")).is_empty(), "{summary}");
    assert!(
        err(&o).contains("none of its countries was built"),
        "{}",
        err(&o)
    );
}

/// A run killed mid-write leaves its temporary files; the next pack into
/// the folder removes them, where its outputs are.
#[test]
fn a_pack_removes_the_temporary_files_a_killed_run_left() {
    let dir = reports_copy("pack-stray");
    let dist = dir.join("dist");
    fs::create_dir_all(dist.join("en")).unwrap();
    fs::write(dist.join(".factsheet-AAAAAA.tmp"), b"").unwrap();
    fs::write(dist.join("en/.factsheet-BBBBBB.tmp"), b"%PDF-1.7 half").unwrap();
    let (o, _) = pack(&dir, &[], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(!dist.join(".factsheet-AAAAAA.tmp").exists());
    assert!(!dist.join("en/.factsheet-BBBBBB.tmp").exists());
}

/// Two packs into one folder at once, of different dates: the second
/// waits for the first (the folder is locked), and the manifest then
/// describes the files there. Unlocked, both wrote, and the manifest
/// listed digests of files the other run had replaced.
#[test]
fn two_packs_into_one_folder_take_turns() {
    let dir = reports_copy("pack-two-at-once");
    let reports = dir.join("reports");
    let mut countries = Vec::new();
    for i in 0..20 {
        fs::copy(
            reports.join("bolivia.toml"),
            reports.join(format!("c{i:02}.toml")),
        )
        .unwrap();
        countries.push(format!("\"c{i:02}\""));
    }
    let spec = fs::read_to_string(reports.join("pack.toml")).unwrap();
    let spec = spec.replace(
        "countries = [\"bolivia\", \"sample-peru\", \"sample-kenya\"]",
        &format!("countries = [{}]", countries.join(", ")),
    );
    fs::write(reports.join("pack.toml"), spec).unwrap();
    let start = |epoch: &str| {
        Command::new(env!("CARGO_BIN_EXE_factsheet"))
            .args(["pack", "reports", "-q"])
            .current_dir(&dir)
            .env("SOURCE_DATE_EPOCH", epoch)
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run factsheet pack")
    };
    let (a, b) = (start("1000000000"), start("1100000000"));
    for child in [a, b] {
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    }
    let m: Value =
        serde_json::from_slice(&fs::read(dir.join("dist/manifest.json")).unwrap()).unwrap();
    let outputs = m["outputs"].as_array().unwrap();
    assert_eq!(outputs.len(), 2 * (20 * 2 + 2));
    for r in outputs {
        let path = r["path"].as_str().unwrap();
        let bytes = fs::read(dir.join("dist").join(path)).unwrap();
        assert_eq!(r["sha256"].as_str().unwrap(), sha256_hex(&bytes), "{path}");
    }
}

/// Outputs whose names differ only in case are one file on macOS and
/// Windows: refused, as `build` refuses them, before anything is built.
#[test]
fn names_that_differ_only_in_case_are_refused() {
    let dir = reports_copy("pack-case");
    let reports = dir.join("reports");
    fs::copy(reports.join("bolivia.toml"), reports.join("Bolivia.toml")).unwrap();
    fs::remove_file(reports.join("pack.toml")).unwrap();
    let o = run(&["pack", "reports"], &dir, &[]);
    let e = err(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("error[output-collision]"), "{e}");
    assert!(!dir.join("dist").exists());
    // The combined documents' name, against a country's.
    fs::remove_file(reports.join("Bolivia.toml")).unwrap();
    fs::write(reports.join("pack.toml"), "name = \"Bolivia\"\n").unwrap();
    let o = run(&["pack", "reports"], &dir, &[]);
    let e = err(&o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    assert!(e.contains("error[name-taken]"), "{e}");
}

/// A manifest is a file anyone can edit, or a shard job's artifact: a
/// record of a path outside the output folder, with that file's true
/// digest, had the next run remove the file ("removed
/// dist/../reports/sample-kenya.toml"). Such records are now ignored,
/// with a warning, and the files left alone.
#[test]
fn a_manifest_cannot_have_a_file_outside_the_output_folder_removed() {
    let dir = reports_copy("pack-manifest-outside");
    let (o, _) = pack(&dir, &[], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let victim = dir.join("victim.pdf");
    fs::write(&victim, b"not the pack's").unwrap();
    let manifest = dir.join("dist/manifest.json");
    let mut m: Value = serde_json::from_slice(&fs::read(&manifest).unwrap()).unwrap();
    let outputs = m["outputs"].as_array_mut().unwrap();
    let template = outputs[0].clone();
    for (path, file) in [
        (
            "../reports/sample-kenya.toml".to_string(),
            dir.join("reports/sample-kenya.toml"),
        ),
        (victim.to_string_lossy().into_owned(), victim.clone()),
    ] {
        let bytes = fs::read(&file).unwrap();
        let mut r = template.clone();
        r["path"] = path.into();
        r["sha256"] = sha256_hex(&bytes).into();
        r["size"] = (bytes.len() as u64).into();
        outputs.push(r);
    }
    fs::write(&manifest, serde_json::to_vec(&m).unwrap()).unwrap();
    let (o, _) = pack(&dir, &[], &[]);
    let e = err(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    assert!(dir.join("reports/sample-kenya.toml").exists(), "{e}");
    assert!(victim.exists(), "{e}");
    assert_eq!(
        e.matches("which is not an output of a pack").count(),
        2,
        "{e}"
    );
    assert!(!e.contains("removed"), "{e}");
}

#[test]
fn what_the_pack_no_longer_holds_is_removed() {
    let dir = reports_copy("pack-removed");
    let (o, _) = pack(&dir, &[], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    // A file of ours edited by hand is not ours to remove any more.
    fs::write(dir.join("dist/es/sample-kenya.docx"), b"edited").unwrap();
    let spec = dir.join("reports/pack.toml");
    let text = fs::read_to_string(&spec)
        .unwrap()
        .replace(", \"sample-kenya\"]", "]")
        .replace("formats = [\"pdf\", \"docx\"]", "formats = [\"pdf\"]");
    fs::write(&spec, text).unwrap();
    let (o, summary) = pack(&dir, &[], &[]);
    let e = err(&o);
    assert_eq!(o.status.code(), Some(0), "{e}");
    assert!(e.contains("warning[not-in-pack]"), "{e}");
    assert!(
        e.contains("removed dist/en/sample-kenya.pdf (no longer in the pack)"),
        "{e}"
    );
    let left = outputs_in(&dir.join("dist"));
    assert_eq!(
        left,
        [
            "en/bolivia.pdf",
            "en/country-factsheets.pdf",
            "en/sample-peru.pdf",
            "es/bolivia.pdf",
            "es/country-factsheets.pdf",
            "es/sample-kenya.docx",
            "es/sample-peru.pdf"
        ],
        "{summary}"
    );
    // Kenya's 3 files left of 4, the DOCX of Bolivia and Peru in both
    // locales, and the 2 combined DOCX.
    assert_eq!(n(&summary, "removed"), 3 + 4 + 2, "{summary}");
    let m: Value =
        serde_json::from_slice(&fs::read(dir.join("dist/manifest.json")).unwrap()).unwrap();
    let listed: Vec<&str> = m["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    assert!(
        !listed
            .iter()
            .any(|p| p.contains("kenya") || p.ends_with(".docx")),
        "{listed:?}"
    );
}

#[test]
fn the_cover_sets_its_title_on_one_line_below_the_logo_and_its_period_with_a_dash() {
    let dir = reports_copy("pack-cover");
    let o = common::factsheet(&["pack", "reports", "-o", "dist", "--quiet"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", common::stderr(&o));
    if !common::have("pdftotext") {
        return;
    }
    for (locale, title) in [("en", "Country factsheets"), ("es", "Fichas de país")] {
        let pdf = dir.join(format!("dist/{locale}/country-factsheets.pdf"));
        let (_, text, _) = common::run_tool(
            "pdftotext",
            &["-f", "1", "-l", "1", pdf.to_str().unwrap(), "-"],
        );
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        // The title's lines stand below the logo: the band's whole width.
        assert!(lines.contains(&title), "{locale}: {lines:?}");
        // The period as a factsheet writes it, with an en dash.
        assert!(lines.contains(&"2016\u{2013}2020"), "{locale}: {lines:?}");
    }
}
