//! The PDF, read back by real consumers: poppler (pdftotext, pdffonts,
//! pdfinfo), qpdf, and lopdf (a Rust reader, which runs everywhere).

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{have, normalise, root, run_tool, scratch, sentences};
use lopdf::{Document as Pdf, Object};

/// Build the example (or `profile`) to PDF in `dir` with extra arguments.
fn build(dir: &Path, profile: &Path, args: &[&str], epoch: Option<&str>) -> PathBuf {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_factsheet"));
    cmd.args([
        "build",
        profile.to_str().unwrap(),
        "-o",
        dir.to_str().unwrap(),
        "--format",
        "pdf",
    ])
    .args(args)
    .env_remove("SOURCE_DATE_EPOCH");
    if let Some(e) = epoch {
        cmd.env("SOURCE_DATE_EPOCH", e);
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    dir.join(format!(
        "{}.pdf",
        profile.file_stem().unwrap().to_str().unwrap()
    ))
}

fn example_pdf(name: &str, args: &[&str]) -> PathBuf {
    build(&scratch(name), &common::example_path(), args, None)
}

fn number(o: &Object) -> f64 {
    match o {
        Object::Integer(i) => *i as f64,
        Object::Real(r) => f64::from(*r),
        _ => panic!("not a number: {o:?}"),
    }
}

fn rect(page: &lopdf::Dictionary, key: &[u8]) -> [f64; 4] {
    let a = page
        .get(key)
        .unwrap_or_else(|_| panic!("no {}", String::from_utf8_lossy(key)))
        .as_array()
        .unwrap();
    [number(&a[0]), number(&a[1]), number(&a[2]), number(&a[3])]
}

const A4: (f64, f64) = (595.2756, 841.8898);
const BLEED: f64 = 3.0 * 72.0 / 25.4;

#[test]
fn boxes_tags_outline_and_fonts_read_back_in_rust() {
    let path = example_pdf("pdf-lopdf", &[]);
    let pdf = Pdf::load_mem(&fs::read(&path).unwrap()).unwrap();
    let pages = pdf.get_pages();
    assert_eq!(pages.len(), 1, "the example is one page");
    let page = pdf.get_dictionary(*pages.get(&1).unwrap()).unwrap();
    let trim = rect(page, b"TrimBox");
    let bleed = rect(page, b"BleedBox");
    let media = rect(page, b"MediaBox");
    assert!(
        (trim[2] - trim[0] - A4.0).abs() < 0.01 && (trim[3] - trim[1] - A4.1).abs() < 0.01,
        "TrimBox A4: {trim:?}"
    );
    for i in 0..2 {
        assert!(
            (trim[i] - bleed[i] - BLEED).abs() < 0.01,
            "bleed 3 mm: {trim:?} {bleed:?}"
        );
        assert!(
            (bleed[i + 2] - trim[i + 2] - BLEED).abs() < 0.01,
            "bleed 3 mm: {trim:?} {bleed:?}"
        );
    }
    assert_eq!(
        media, bleed,
        "without crop marks the media box is the bleed box"
    );

    let catalog = pdf.catalog().unwrap();
    assert!(catalog.has(b"StructTreeRoot"), "tagged");
    assert!(catalog.has(b"Outlines"), "outline");
    assert!(catalog.has(b"Metadata"), "XMP");
    let lang = catalog.get(b"Lang").unwrap().as_str().unwrap();
    assert_eq!(lang, b"en");
    let mark = pdf
        .dereference(catalog.get(b"MarkInfo").unwrap())
        .unwrap()
        .1
        .as_dict()
        .unwrap();
    assert!(mark.get(b"Marked").unwrap().as_bool().unwrap());

    // Every font is embedded (a FontFile2 in its descriptor).
    let mut descriptors = 0;
    for obj in pdf.objects.values() {
        if let Ok(d) = obj.as_dict()
            && d.get(b"Type")
                .and_then(|t| t.as_name())
                .is_ok_and(|n| n == b"FontDescriptor")
        {
            descriptors += 1;
            assert!(
                d.has(b"FontFile2") || d.has(b"FontFile3"),
                "font not embedded: {d:?}"
            );
        }
    }
    assert!(descriptors >= 3, "regular, bold and italic faces are used");
}

#[test]
fn every_sentence_of_the_source_is_in_the_text() {
    if !have("pdftotext") {
        return;
    }
    let path = example_pdf("pdf-text", &[]);
    let (ok, text, err) = run_tool("pdftotext", &["-raw", path.to_str().unwrap(), "-"]);
    assert!(ok, "{err}");
    let text = normalise(&text);
    let doc = common::example_doc();
    let mut checked = 0;
    let mut all: Vec<String> = doc
        .paragraphs()
        .map(|p| factsheet::doc::plain_text(&p.runs))
        .collect();
    all.extend(
        doc.notes
            .iter()
            .map(|n| factsheet::doc::plain_text(&n.runs)),
    );
    // pdftotext drops a hyphen that ends a line ("awareness-" / "raising"
    // reads "awareness raising"): compare without hyphens and spaces.
    let squeeze = |t: &str| t.replace('-', "").split_whitespace().collect::<String>();
    let text = squeeze(&text);
    for para in all {
        for s in sentences(&normalise(&para)) {
            let s = squeeze(&s);
            assert!(
                text.contains(&s),
                "missing from the PDF text: {s:?}\n--- text ---\n{text}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 20, "only {checked} sentences checked");
    // The footnote marker follows "Tier 2." as in the source.
    let (_, raw, _) = run_tool("pdftotext", &["-raw", path.to_str().unwrap(), "-"]);
    assert!(raw.contains("Tier 2.\u{b9}"), "marker: {raw}");
    // Headings and labels are there.
    // (A heading may break after its slash: compared squeezed too.)
    for h in [
        "FOCUS OF OUR WORK",
        "MAIN RESULTS ON CHILDREN/YOUTH",
        "BUDGET 2016\u{2013}2020",
        "€ 1,243,315",
    ] {
        assert!(text.contains(&squeeze(h)), "{h}");
    }
}

#[test]
fn the_tag_tree_reads_in_order_with_every_word() {
    if !have("pdfinfo") {
        return;
    }
    let path = example_pdf("pdf-tags", &[]);
    let (ok, tree, err) = run_tool("pdfinfo", &["-struct-text", path.to_str().unwrap()]);
    assert!(ok, "{err}");
    // Structure in reading order: title, indicators, narrative, call-out, note.
    let order = [
        "H1 \"Bolivia\"",
        // pdfinfo prints a tag title that is not ASCII (this one has an
        // en dash) as raw UTF-16: match the heading's text instead.
        "\"KEY NATIONAL INDICATORS IN 2016\u{2013}2020\"",
        "P (block)",
        "H2 \"FOCUS OF OUR WORK\"",
        "\"BUDGET 2016\u{2013}2020\"",
        "H2 \"MAIN RESULTS ON CHILDREN/YOUTH EMPOWERMENT\"",
        "Note",
    ];
    let mut from = 0;
    for o in order {
        let at = tree[from..]
            .find(o)
            .unwrap_or_else(|| panic!("{o} missing or out of order:\n{tree}"));
        from += at + o.len();
    }
    assert!(
        tree.contains("Reference (inline)\n      \"¹\""),
        "the marker is a Reference: {tree}"
    );
    assert!(
        tree.contains("Figure"),
        "the logo has a figure with alt text"
    );
    // Every word is in the tree, with spaces between the lines' words:
    // the tagged text reads as the source.
    let text: String = tree
        .lines()
        .filter_map(|l| l.trim().strip_prefix('"').and_then(|l| l.strip_suffix('"')))
        .collect();
    let text = normalise(&text);
    for p in common::example_doc().paragraphs() {
        for s in sentences(&normalise(&factsheet::doc::plain_text(&p.runs))) {
            assert!(text.contains(&s), "not in the tag tree: {s:?}\n{text}");
        }
    }
}

#[test]
fn poppler_and_qpdf_accept_the_file() {
    if !(have("pdffonts") && have("pdfinfo") && have("qpdf")) {
        return;
    }
    let path = example_pdf("pdf-poppler", &[]);
    let p = path.to_str().unwrap();

    let (ok, fonts, _) = run_tool("pdffonts", &[p]);
    assert!(ok);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(rows.len() >= 3, "{fonts}");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type encoding emb sub uni ...: the three yes/no columns.
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "embedded, subset, unicode: {row}"
        );
        assert!(cols[0].contains('+'), "subset name tag: {row}");
    }

    let (ok, info, _) = run_tool("pdfinfo", &["-box", p]);
    assert!(ok);
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("Pages:           1"), "{info}");
    assert!(
        info.replace('\u{a0}', " ")
            .contains("Title:           Bolivia – Country factsheet 2016\u{2013}2020"),
        "{info}"
    );
    let trim = info.lines().find(|l| l.starts_with("TrimBox:")).unwrap();
    let nums: Vec<f64> = trim
        .split_whitespace()
        .skip(1)
        .map(|x| x.parse().unwrap())
        .collect();
    assert!(
        (nums[2] - nums[0] - A4.0).abs() < 0.01 && (nums[3] - nums[1] - A4.1).abs() < 0.01,
        "{trim}"
    );

    let (ok, out, err) = run_tool("qpdf", &["--check", p]);
    assert!(ok, "{out}{err}");
    assert!(
        out.contains("No syntax or stream encoding errors found"),
        "{out}"
    );
}

#[test]
fn footnotes_sit_on_the_page_of_their_markers() {
    if !have("pdftotext") {
        return;
    }
    // A long generated profile: notes spread over several pages.
    let dir = scratch("pdf-notes");
    let sentence = "The programme trained young peers and municipal committees to detect and report exploitation.";
    let mut toml = String::from(
        "language = \"en\"\n[country]\nname = \"Testland\"\ncode = \"BO\"\n[programme]\nname = \"P\"\nperiod = \"2021-2025\"\n[[section]]\nid = \"s\"\nparagraphs = [\n",
    );
    for i in 1..=8 {
        toml += &format!(
            "  \"{} Point {i} made.[^n{i}] {}\",\n",
            vec![sentence; 14].join(" "),
            sentence
        );
    }
    toml += "]\n[footnotes]\n";
    for i in 1..=8 {
        toml += &format!("n{i} = \"Footnote number {i} explains point {i}.\"\n");
    }
    let profile = dir.join("notes.toml");
    fs::write(&profile, toml).unwrap();
    let pdf = build(&dir, &profile, &[], None);
    let (_, info, _) = run_tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let pages: usize = info.lines().find(|l| l.starts_with("Pages:")).unwrap()[6..]
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 2, "{info}");
    for i in 1..=8 {
        let mut note_page = None;
        let mut marker_page = None;
        for p in 1..=pages {
            let ps = p.to_string();
            let (_, t, _) = run_tool(
                "pdftotext",
                &["-raw", "-f", &ps, "-l", &ps, pdf.to_str().unwrap(), "-"],
            );
            let t = normalise(&t);
            if t.contains(&format!("Footnote number {i} explains")) {
                note_page = Some(p);
            }
            // The marker's line: "Point" may end the page before.
            if t.contains(&format!("{i} made.")) {
                marker_page = Some(p);
            }
        }
        assert!(note_page.is_some(), "note {i} is missing");
        assert_eq!(note_page, marker_page, "note {i}");
    }
}

#[test]
fn same_inputs_same_bytes_and_the_epoch_date() {
    let a = fs::read(example_pdf("pdf-det-a", &[])).unwrap();
    let b = fs::read(example_pdf("pdf-det-b", &[])).unwrap();
    assert!(a == b, "two builds differ");
    let no_date = String::from_utf8_lossy(&a);
    assert!(
        !no_date.contains("/CreationDate"),
        "no clock date without SOURCE_DATE_EPOCH"
    );

    let dir = scratch("pdf-epoch");
    let with = fs::read(build(
        &dir,
        &common::example_path(),
        &[],
        Some("1600000000"),
    ))
    .unwrap();
    let again = fs::read(build(
        &scratch("pdf-epoch-2"),
        &common::example_path(),
        &[],
        Some("1600000000"),
    ))
    .unwrap();
    assert!(with == again);
    let text = String::from_utf8_lossy(&with);
    assert!(
        text.contains("D:20200913122640"),
        "the epoch's date (2020-09-13 12:26:40 UTC) is written"
    );
}

#[test]
fn same_bytes_in_a_parallel_batch_after_other_documents() {
    let alone = fs::read(example_pdf("pdf-alone", &[])).unwrap();
    // A batch: the example twice, with another factsheet between, built
    // in one process on several threads.
    let dir = scratch("pdf-batch");
    let src = fs::read_to_string(common::example_path()).unwrap();
    fs::write(dir.join("a.toml"), &src).unwrap();
    fs::write(dir.join("b.toml"), src.replace("Bolivia", "Testland")).unwrap();
    fs::write(dir.join("c.toml"), &src).unwrap();
    fs::copy(root().join("reports/theme.toml"), dir.join("theme.toml")).unwrap();
    fs::create_dir_all(dir.join("assets")).unwrap();
    fs::copy(
        root().join("reports/assets/logo-sample.png"),
        dir.join("assets/logo-sample.png"),
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_factsheet"))
        .args(["build", ".", "-o", "out", "--format", "pdf"])
        .current_dir(&dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("RAYON_NUM_THREADS", "3")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let a = fs::read(dir.join("out/a.pdf")).unwrap();
    let c = fs::read(dir.join("out/c.pdf")).unwrap();
    assert!(a == c, "the same profile twice in one batch");
    assert!(a == alone, "a batch build equals a build alone");
}

#[test]
fn print_colour_crop_marks_and_pdfa() {
    let path = example_pdf("pdf-print", &["--color", "print", "--crop-marks"]);
    let pdf = Pdf::load_mem(&fs::read(&path).unwrap()).unwrap();
    let page_id = *pdf.get_pages().get(&1).unwrap();
    let page = pdf.get_dictionary(page_id).unwrap();
    let media = rect(page, b"MediaBox");
    let bleed = rect(page, b"BleedBox");
    assert!(
        media[2] - media[0] > bleed[2] - bleed[0] + 10.0,
        "room for the marks outside the bleed"
    );
    let content = String::from_utf8_lossy(&pdf.get_page_content(page_id).unwrap()).into_owned();
    // Fills are set in CMYK (k) and none in RGB (rg) for the theme colours.
    assert!(
        content.contains(" k\n") || content.contains(" k "),
        "CMYK fills"
    );
    assert!(
        !content.contains(" rg\n") && !content.contains(" rg "),
        "no RGB fills in print mode"
    );

    let screen = example_pdf("pdf-screen", &[]);
    let pdf = Pdf::load_mem(&fs::read(&screen).unwrap()).unwrap();
    let page_id = *pdf.get_pages().get(&1).unwrap();
    let content = String::from_utf8_lossy(&pdf.get_page_content(page_id).unwrap()).into_owned();
    assert!(content.contains(" rg"), "RGB fills on screen");

    // PDF/A needs a date: the example profile has none, so the epoch gives it.
    let a = build(
        &scratch("pdf-a2b"),
        &common::example_path(),
        &["--pdf-standard", "a2b"],
        Some("1700000000"),
    );
    let bytes = fs::read(&a).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("pdfaid:part>2<") || text.contains("pdfaid:part=\"2\""),
        "PDF/A-2 identification in XMP"
    );
    assert!(text.contains("pdfuaid:part"), "PDF/UA identification too");
}

#[test]
fn a_fallback_font_covers_another_script() {
    let thai = Path::new("/usr/share/fonts/truetype/noto/NotoSansThai-Regular.ttf");
    if !thai.exists() {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("fonts-noto-core is required under CI=true");
        }
        eprintln!("NOTICE: fonts-noto-core is not installed; skipping the fallback font test");
        return;
    }
    let dir = scratch("pdf-fallback");
    fs::create_dir_all(dir.join("fonts")).unwrap();
    fs::copy(thai, dir.join("fonts/NotoSansThai-Regular.ttf")).unwrap();
    fs::write(
        dir.join("theme.toml"),
        "[fonts]\nfallback = \"fonts/NotoSansThai-Regular.ttf\"\n",
    )
    .unwrap();
    let text = fs::read_to_string(root().join("reports/bolivia.toml"))
        .unwrap()
        .replace(
            "Activities include training",
            "Activities include ภาษาไทย training",
        );
    fs::write(dir.join("mixed.toml"), text).unwrap();
    let pdf = build(&dir.join("out"), &dir.join("mixed.toml"), &[], None);
    if have("pdftotext") {
        let (_, t, _) = run_tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]);
        assert!(t.contains("ภาษาไทย"), "{t}");
    }
    if have("pdffonts") {
        let (_, f, _) = run_tool("pdffonts", &[pdf.to_str().unwrap()]);
        assert!(f.contains("NotoSansThai"), "{f}");
    }
}
