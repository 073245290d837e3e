//! The DOCX writer, end to end: the parts of the package, determinism, and
//! what Word's schema validator, LibreOffice and pandoc make of the file.
//!
//! Tests that need an external tool (openxml-audit, soffice, pdftotext,
//! pandoc) skip with a notice when it is missing, except under `CI=true`,
//! where a missing tool fails them.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use factsheet::doc::{Block, Document, Run};
use factsheet::docx::DocxOptions;
use factsheet::output::OutputError;
use factsheet::theme::{Theme, load_theme};

/// The DOCX writer on a document and its design.
fn render(doc: &Document, theme: &Theme, opts: &DocxOptions) -> Result<Vec<u8>, OutputError> {
    let (_, design) = factsheet::pipeline::resolve(doc, theme).expect("the design resolves");
    factsheet::docx::render(doc, &design, theme, opts)
}

/// The Bolivia example with the reports folder's theme (and so its logo).
fn bolivia_with(locale: Option<&str>) -> (Document, Theme) {
    let (theme, d) = load_theme(Path::new("reports/theme.toml"));
    let theme = theme.unwrap_or_else(|| panic!("theme: {d:?}"));
    let (loaded, diags) =
        factsheet::job::load_document(Path::new("reports/bolivia.toml"), &theme, locale);
    let (_, doc) = loaded.unwrap_or_else(|| panic!("profile: {diags:?}"));
    (doc, theme)
}

fn bolivia() -> (Document, Theme) {
    bolivia_with(None)
}

fn build(doc: &Document, theme: &Theme) -> Vec<u8> {
    render(doc, theme, &DocxOptions { epoch: None }).expect("renders")
}

/// The text of one part of the package.
fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(docx)).expect("a zip");
    let mut file = zip
        .by_name(name)
        .unwrap_or_else(|_| panic!("no {name} in the DOCX"));
    let mut s = String::new();
    file.read_to_string(&mut s).expect("UTF-8");
    s
}

/// Whether an external tool can be run; a missing tool skips the test,
/// but fails it under CI.
fn have(tool: &str, version_arg: &str) -> bool {
    let found = Command::new(tool)
        .arg(version_arg)
        .output()
        .is_ok_and(|o| o.status.success());
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "{tool} is needed under CI but cannot be run"
        );
        eprintln!("SKIPPED: {tool} is not installed");
    }
    found
}

/// A fresh folder for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("factsheet-docx-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write_docx(dir: &Path, bytes: &[u8]) -> PathBuf {
    let path = dir.join("bolivia.docx");
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Text to compare across renderers: typographic quotes as straight ones;
/// spaces, line breaks and hyphens (a renderer may hyphenate at a line
/// end) left out.
fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{ad}' | '\u{2010}'))
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            c => c,
        })
        .collect()
}

/// The document with a hyperlink (and characters to escape) added to its
/// first paragraph.
fn with_link(mut doc: Document) -> Document {
    if let Some(Block::Paragraph(p)) = doc
        .body
        .iter_mut()
        .find(|b| matches!(b, Block::Paragraph(_)))
    {
        p.runs.push(Run::Text {
            text: " Source & <more>.".into(),
            strong: true,
            emphasis: false,
            link: Some(Arc::from("https://example.org/?a=1&b=2")),
            at: None,
        });
    }
    doc
}

#[test]
fn styles_carry_words_built_in_names() {
    let (doc, theme) = bolivia();
    let styles = part(&build(&doc, &theme), "word/styles.xml");
    for (id, name) in [
        ("Title", "Title"),
        ("Heading1", "heading 1"),
        ("Heading2", "heading 2"),
        ("BodyText", "Body Text"),
        ("FootnoteText", "footnote text"),
        ("FootnoteReference", "footnote reference"),
        ("IndicatorValue", "Indicator Value"),
        ("IndicatorLabel", "Indicator Label"),
        ("Callout", "Callout"),
    ] {
        let style = format!(r#"w:styleId="{id}"><w:name w:val="{name}"/>"#);
        assert!(styles.contains(&style), "no style {id} named {name}");
    }
    let reference = styles
        .split(r#"w:styleId="FootnoteReference""#)
        .nth(1)
        .unwrap();
    let reference = &reference[..reference.find("</w:style>").unwrap()];
    assert!(reference.contains(r#"<w:vertAlign w:val="superscript"/>"#));
    // Labels in capitals by the style, justified body text, the language.
    assert!(styles.contains("<w:caps/>"));
    assert!(styles.contains(r#"<w:jc w:val="both"/>"#));
    assert!(styles.contains(r#"<w:lang w:val="en"/>"#));
    assert!(styles.contains(r#"w:ascii="Noto Sans""#));
}

#[test]
fn footnote_holds_the_tip_note_and_is_referenced() {
    let (doc, theme) = bolivia();
    let docx = build(&doc, &theme);
    let notes = part(&docx, "word/footnotes.xml");
    assert!(notes.contains(r#"w:type="separator" w:id="-1""#));
    assert!(notes.contains(r#"w:type="continuationSeparator" w:id="0""#));
    let note = notes
        .split(r#"<w:footnote w:id="1">"#)
        .nth(1)
        .expect("note 1");
    assert!(note.contains("The Trafficking in Persons Report, or the TIP Report"));
    assert!(note.contains(r#"<w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteRef/>"#));
    let body = part(&docx, "word/document.xml");
    assert_eq!(body.matches("<w:footnoteReference ").count(), 1);
    // The note is numbered 1, as in the PDF: at the TIP ranking's value.
    let value = body.find("Tier 2</w:t>").unwrap();
    let reference = body.find(r#"<w:footnoteReference w:id="1"/>"#).unwrap();
    assert!(value < reference);
    let settings = part(&docx, "word/settings.xml");
    assert!(settings.contains(r#"<w:footnotePr><w:footnote w:id="-1"/>"#));
}

#[test]
fn indicator_boxes_are_shaded_cells_of_a_fixed_grid() {
    let (doc, theme) = bolivia();
    let body = part(&build(&doc, &theme), "word/document.xml");
    let panel = format!(
        r#"<w:shd w:val="clear" w:color="auto" w:fill="{}"/>"#,
        theme.colors.panel.hex()
    );
    assert_eq!(body.matches(&panel).count(), 4, "four shaded boxes");
    assert!(body.contains(r#"<w:tblLayout w:type="fixed"/>"#));
    assert!(body.contains(r#"<w:vAlign w:val="center"/>"#));
    assert!(!body.contains("<w:tblGrid/>"));
    assert!(body.contains(r#"<w:pStyle w:val="IndicatorValue"/>"#));
}

#[test]
fn page_is_a4_with_the_narrative_in_an_inner_two_column_section() {
    let (doc, theme) = bolivia();
    let docx = build(&doc, &theme);
    let body = part(&docx, "word/document.xml");
    assert_eq!(
        body.matches(r#"<w:pgSz w:w="11906" w:h="16838"/>"#).count(),
        3
    );
    assert!(body.contains(r#"w:left="907""#), "16 mm margins");
    let columns = body.find(r#"w:num="2""#).expect("a two-column section");
    let last = body.rfind("<w:sectPr").unwrap();
    assert!(columns < last, "the two-column section is not the last");
    assert!(body[last..].contains(r#"w:num="1""#));
    let footer = part(&docx, "word/footer1.xml");
    assert!(footer.contains("<w:instrText>PAGE</w:instrText>"));
    assert!(footer.contains("<w:instrText>NUMPAGES</w:instrText>"));
    assert!(footer.contains(">Page </w:t>") && footer.contains("> of </w:t>"));
}

#[test]
fn properties_language_logo_and_links() {
    let (doc, theme) = bolivia();
    let docx = build(&with_link(doc), &theme);
    let core = part(&docx, "docProps/core.xml");
    assert!(
        core.contains(
            "<dc:title>Bolivia\u{a0}\u{2013} Country factsheet 2016\u{2013}2020</dc:title>"
        )
    );
    assert!(core.contains("<dc:creator>Down to Zero Alliance</dc:creator>"));
    assert!(core.contains("<dc:language>en</dc:language>"));
    assert!(core.contains("<cp:keywords>Bolivia, BO, Down to Zero Alliance"));
    assert!(
        !core.contains("dcterms:created"),
        "no clock date without an epoch"
    );
    let body = part(&docx, "word/document.xml");
    assert!(body.contains(r#"descr="Down to Zero Alliance logo (sample mark)""#));
    assert!(body.contains(r#"<w:hyperlink r:id="rIdLink1""#));
    assert!(body.contains("Source &amp; &lt;more&gt;."));
    let rels = part(&docx, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Target="https://example.org/?a=1&amp;b=2" TargetMode="External""#));
    assert!(rels.contains(r#"Target="media/logo.png""#));
    let mut zip = zip::ZipArchive::new(Cursor::new(&docx)).unwrap();
    assert!(zip.by_name("word/media/logo.png").is_ok());
    let document = zip.by_name("word/document.xml").unwrap();
    assert_eq!(document.compression(), zip::CompressionMethod::Deflated);
}

#[test]
fn labels_in_another_language_are_marked() {
    // The English text with Spanish labels (no translation applied).
    let theme = bolivia().1;
    let (profile, d) = factsheet::profile::load_profile(Path::new("reports/bolivia.toml"), true);
    let profile = profile.unwrap_or_else(|| panic!("{}", d.render_plain()));
    let es = factsheet::locale::find_locale(Path::new("reports"), "es")
        .unwrap_or_else(|_| panic!("the Spanish locale"))
        .locale;
    let doc = factsheet::doc::build(&profile, &es, &theme);
    assert_eq!((doc.lang.as_str(), doc.label_lang.as_str()), ("en", "es"));
    let docx = build(&doc, &theme);
    let body = part(&docx, "word/document.xml");
    let kicker = body.find("Ficha de país").expect("Spanish kicker");
    let lang = body[..kicker].rfind(r#"<w:lang w:val="es"/>"#).unwrap();
    assert!(kicker - lang < 200, "the kicker's run is marked Spanish");
    assert!(!body.contains("lang:"), "no language mark is left");
    let footer = part(&docx, "word/footer1.xml");
    assert!(
        footer.contains(r#"<w:lang w:val="es"/></w:rPr><w:t xml:space="preserve">Página </w:t>"#)
    );
    assert!(part(&docx, "word/styles.xml").contains(r#"<w:lang w:val="en"/>"#));
}

#[test]
fn epoch_dates_the_properties_and_the_zip() {
    let (doc, theme) = bolivia();
    let opts = DocxOptions {
        epoch: Some(1_600_000_000),
    };
    let docx = render(&doc, &theme, &opts).unwrap();
    let core = part(&docx, "docProps/core.xml");
    assert!(core.contains(
        r#"<dcterms:created xsi:type="dcterms:W3CDTF">2020-09-13T12:26:40Z</dcterms:created>"#
    ));
    assert!(core.contains("<dcterms:modified"));
    let mut zip = zip::ZipArchive::new(Cursor::new(&docx)).unwrap();
    let time = zip.by_index(0).unwrap().last_modified().unwrap();
    assert_eq!((time.year(), time.month(), time.day()), (2020, 9, 13));
    assert_eq!(render(&doc, &theme, &opts).unwrap(), docx);
}

/// The document stripped to its title: no indicators, narrative, notes or
/// logo.
fn bare(mut doc: Document) -> Document {
    doc.indicators = None;
    doc.body.clear();
    doc.notes.clear();
    doc.logo = None;
    doc
}

#[test]
fn a_bare_document_still_makes_a_package() {
    let (doc, theme) = bolivia();
    let docx = build(&bare(doc), &theme);
    let body = part(&docx, "word/document.xml");
    assert!(body.contains(">Bolivia</w:t>"));
    assert!(!body.contains(r#"w:num="2""#), "no narrative, no columns");
    let mut zip = zip::ZipArchive::new(Cursor::new(&docx)).unwrap();
    assert!(zip.by_name("word/footnotes.xml").is_err());
    assert!(!part(&docx, "[Content_Types].xml").contains("footnotes"));
    assert!(!part(&docx, "word/settings.xml").contains("footnotePr"));
}

#[test]
fn a_second_reference_repeats_the_number_and_the_sample_note_shows() {
    let (mut doc, theme) = bolivia();
    if let Some(Block::Paragraph(p)) = doc
        .body
        .iter_mut()
        .rfind(|b| matches!(b, Block::Paragraph(_)))
    {
        p.runs.push(Run::NoteRef(1));
    }
    let row = doc.indicators.as_mut().unwrap();
    row.note = Some("Sample data: illustrative figures.".into());
    let docx = build(&doc, &theme);
    let body = part(&docx, "word/document.xml");
    assert_eq!(body.matches("<w:footnoteReference ").count(), 1);
    assert!(body.contains(
        r#"<w:rStyle w:val="FootnoteReference"/></w:rPr><w:t xml:space="preserve">1</w:t>"#
    ));
    assert_eq!(
        part(&docx, "word/footnotes.xml")
            .matches("<w:footnoteRef/>")
            .count(),
        1
    );
    let note = body.find("Sample data: illustrative figures.").unwrap();
    let style = body[..note].rfind("<w:pStyle").unwrap();
    assert!(body[style..note].contains(r#"w:val="IndicatorNote""#));
}

#[test]
fn control_characters_are_refused() {
    let (mut doc, theme) = bolivia();
    doc.title = "Bo\u{1}livia".into();
    let err = render(&doc, &theme, &DocxOptions { epoch: None }).unwrap_err();
    assert!(err.invalid_input);
    assert!(err.message.contains("U+0001"), "{}", err.message);
}

#[test]
fn builds_are_byte_identical() {
    let (doc, theme) = bolivia();
    let first = build(&doc, &theme);
    assert_eq!(build(&doc, &theme), first, "twice in a row");

    // After other documents, which move docx-rs's process-wide counters.
    let (other, _) = bolivia_with(Some("es"));
    let plain = Theme::default();
    let _ = build(&other, &theme);
    let _ = build(&doc, &plain);
    assert_eq!(build(&doc, &theme), first, "after other documents");

    // From several threads at once, mixed with other documents.
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let (doc, other, theme, plain) = (&doc, &other, &theme, &plain);
                s.spawn(move || {
                    let mut mine = Vec::new();
                    for _ in 0..5 {
                        if i % 2 == 0 {
                            let _ = build(other, plain);
                        }
                        mine.push(build(doc, theme));
                    }
                    mine
                })
            })
            .collect();
        for h in handles {
            for bytes in h.join().unwrap() {
                assert!(bytes == first, "a parallel build differs");
            }
        }
    });
}

/// The schema validator: its script, else the Python module (pip may put
/// scripts in a folder outside PATH).
fn openxml_audit() -> Option<Command> {
    let runs = |mut c: Command| c.arg("--help").output().is_ok_and(|o| o.status.success());
    if runs(Command::new("openxml-audit")) {
        return Some(Command::new("openxml-audit"));
    }
    let module = || {
        let mut c = Command::new("python3");
        c.args(["-m", "openxml_audit"]);
        c
    };
    if runs(module()) {
        return Some(module());
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "openxml-audit is needed under CI but cannot be run"
    );
    eprintln!("SKIPPED: openxml-audit is not installed");
    None
}

#[test]
fn openxml_audit_finds_no_violation() {
    if openxml_audit().is_none() {
        return;
    }
    let dir = scratch("audit");
    let (doc, theme) = bolivia();
    let path = write_docx(&dir, &build(&doc, &theme));
    // Spanish labels, no logo, a hyperlink.
    let (es, _) = bolivia_with(Some("es"));
    let es_path = dir.join("bolivia-es.docx");
    std::fs::write(&es_path, build(&with_link(es), &Theme::default())).unwrap();
    let bare_path = dir.join("bare.docx");
    std::fs::write(&bare_path, build(&bare(bolivia().0), &Theme::default())).unwrap();
    for p in [&path, &es_path, &bare_path] {
        let out = openxml_audit()
            .unwrap()
            .args(["-f", "microsoft365", "-m", "0"])
            .arg(p)
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && report.contains("Errors: 0"),
            "openxml-audit on {}:\n{report}{}",
            p.display(),
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn libreoffice_converts_it_with_every_sentence() {
    if !have("soffice", "--version") || !have("pdftotext", "-v") {
        return;
    }
    let dir = scratch("soffice");
    let (doc, theme) = bolivia();
    let path = write_docx(&dir, &build(&doc, &theme));
    // A profile of its own, so that tests running at once do not clash.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let out = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&dir)
        .arg(&path)
        .output()
        .unwrap();
    let pdf = dir.join("bolivia.pdf");
    assert!(
        out.status.success() && pdf.exists(),
        "soffice failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    // Sentences may run on to the next page: what stands between (the
    // footnote, the footer) is taken out.
    let mut text = normalise(&text);
    for note in &doc.notes {
        let plain = factsheet::doc::plain_text(&note.runs);
        text = text.replace(&normalise(&format!("{}{plain}", note.number)), "");
    }
    text = text.replace(&normalise(&doc.footer.text), "");
    let pages = ["Page", "of"].map(|w| w.to_string());
    for page in 1..=9 {
        for total in 1..=9 {
            text = text.replace(&format!("{}{page}{}{total}", pages[0], pages[1]), "");
        }
    }
    for p in doc.paragraphs() {
        let plain = factsheet::doc::plain_text(&p.runs);
        for sentence in plain.split_inclusive(". ") {
            assert!(
                text.contains(&normalise(sentence)),
                "LibreOffice's PDF lacks: {sentence}"
            );
        }
    }
    let whole = normalise(&String::from_utf8_lossy(
        &Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap()
            .stdout,
    ));
    for note in &doc.notes {
        let plain = normalise(&factsheet::doc::plain_text(&note.runs));
        assert!(whole.contains(&plain), "the footnote is missing");
    }
}

#[test]
fn pandoc_sees_the_footnote() {
    if !have("pandoc", "--version") {
        return;
    }
    let dir = scratch("pandoc");
    let (doc, theme) = bolivia();
    let path = write_docx(&dir, &build(&doc, &theme));
    let out = Command::new("pandoc")
        .args(["-f", "docx", "-t", "markdown", "--wrap=none"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("Tier 2[^1]"), "{md}");
    assert!(
        md.contains("[^1]: The Trafficking in Persons Report"),
        "{md}"
    );
    assert!(md.contains("Bolivia") && md.contains("Obstructed"));
}

/// Render time per factsheet, in process:
/// `cargo test --release --test docx -- --ignored --nocapture render_time`.
#[test]
#[ignore]
fn render_time() {
    let (doc, theme) = bolivia();
    let mut times: Vec<f64> = (0..200)
        .map(|_| {
            let t = std::time::Instant::now();
            std::hint::black_box(build(&doc, &theme));
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "DOCX render: median {:.3} ms, fastest {:.3} ms, slowest {:.3} ms (200 renders)",
        times[100], times[0], times[199]
    );
}
