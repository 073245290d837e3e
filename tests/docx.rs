//! The DOCX writer, end to end: the parts of the package, the design it
//! shares with the PDF (indicator rows, the band, the logo), determinism,
//! and what Word's schema validator, LibreOffice and pandoc make of the
//! file.
//!
//! Tests that need an external tool (openxml-audit, soffice, pdftotext,
//! pdftoppm, pandoc) skip with a notice when it is missing, except under
//! `CI=true`, where a missing tool fails them (tests/common).

mod common;

use common::docx::{libreoffice, part, squeeze};
use common::{Word, pdf_words as words};

use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use factsheet::design::Design;
use factsheet::doc::{Block, Document, IndicatorBox, Note, Run};
use factsheet::docx::DocxOptions;
use factsheet::layout::{ItemKind, Layout};
use factsheet::output::{Format, OutputError};
use factsheet::pipeline::{self, RenderOptions};
use factsheet::theme::Theme;

/// The DOCX writer on a document and its design.
fn render(doc: &Document, theme: &Theme, opts: &DocxOptions) -> Result<Vec<u8>, OutputError> {
    let design = design(doc, theme);
    factsheet::docx::render(doc, &design, theme, opts)
}

fn design(doc: &Document, theme: &Theme) -> Design {
    let (_, design) = pipeline::resolve(doc, theme).expect("the design resolves");
    design
}

/// Both formats through the pipeline: the PDF, its layout and the DOCX.
fn both(doc: &Document, theme: &Theme) -> (Vec<u8>, Layout, Vec<u8>) {
    let opts = RenderOptions {
        formats: vec![Format::Pdf, Format::Docx],
        pdf: factsheet::pdf::PdfOptions {
            color: factsheet::pdf::ColorMode::Screen,
            crop_marks: false,
            standard: factsheet::pdf::PdfStandard::Ua1,
            epoch: None,
        },
        docx: DocxOptions { epoch: None },
    };
    let mut r = pipeline::render(doc, theme, &opts).unwrap_or_else(|e| panic!("renders: {e:?}"));
    let docx = r.outputs.pop().unwrap();
    let pdf = r.outputs.pop().unwrap();
    assert_eq!((pdf.0, docx.0), (Format::Pdf, Format::Docx));
    (pdf.1, r.layout.expect("a PDF has a layout"), docx.1)
}

/// The Bolivia example with the reports folder's theme (and so its logo).
fn bolivia() -> (Document, Theme) {
    let theme = common::example_theme();
    let (loaded, diags) = factsheet::job::load_document(&common::example_path(), &theme, None);
    let (_, doc) = loaded.unwrap_or_else(|| panic!("profile: {diags:?}"));
    (doc, theme)
}

/// The English text with Spanish labels (no translation applied).
fn spanish_labels() -> (Document, Theme) {
    let theme = common::example_theme();
    let (profile, d) = factsheet::profile::load_profile(&common::example_path(), true);
    let profile = profile.unwrap_or_else(|| panic!("{}", d.render_plain()));
    let es = factsheet::locale::find_locale(&common::root().join("reports"), "es")
        .unwrap_or_else(|_| panic!("the Spanish locale"))
        .locale;
    let doc = factsheet::doc::build(&profile, &es, &theme);
    (doc, theme)
}

fn build(doc: &Document, theme: &Theme) -> Vec<u8> {
    render(doc, theme, &DocxOptions { epoch: None }).expect("renders")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
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

/// Labels and values that broke inside words in a DOCX whose boxes all
/// shared one table row: long labels, wide figures, several words.
const BOXES: [(&str, &str); 9] = [
    ("Population under eighteen", "4,215,000"),
    ("Civic space rating", "Obstructed"),
    ("Programme budget 2016-2020", "€ 1,243,315"),
    ("Surface area of the country", "1,098,581 km²"),
    ("Trafficking report ranking", "Tier 2 Watch List"),
    ("Programme period", "2017-2021"),
    ("Girls reached by outreach", "12,480"),
    ("Municipal committees formed", "Seventeen"),
    ("Survivors back in education", "3,112"),
];

/// The example with `n` indicator boxes from [`BOXES`], without notes (a
/// note's marker would join the value's last word in extracted text).
fn with_boxes(n: usize) -> (Document, Theme) {
    let (mut doc, theme) = bolivia();
    let row = doc.indicators.as_mut().unwrap();
    let template = row.boxes[0].clone();
    row.boxes = BOXES[..n]
        .iter()
        .enumerate()
        .map(|(i, (label, value))| IndicatorBox {
            id: format!("box{i}"),
            label: (*label).into(),
            value: (*value).into(),
            detail: (i % 2 == 1).then(|| "Sample source, 2024".into()),
            note: None,
            ..template.clone()
        })
        .collect();
    // The TIP note was cited from a box; the paragraph still cites it.
    (doc, theme)
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
        ("Folio", "page number"),
        ("IndicatorValue", "Indicator Value"),
        ("IndicatorLabel", "Indicator Label"),
        ("Callout", "Callout"),
    ] {
        let style = format!(r#"w:styleId="{id}"><w:name w:val="{name}"/>"#);
        assert!(styles.contains(&style), "no style {id} named {name}");
    }
    let reference = style(&styles, "FootnoteReference");
    assert!(reference.contains(r#"<w:vertAlign w:val="superscript"/>"#));
    // Labels in capitals by the style, justified body text, the language.
    assert!(styles.contains("<w:caps/>"));
    assert!(styles.contains(r#"<w:jc w:val="both"/>"#));
    assert!(styles.contains(r#"<w:lang w:val="en"/>"#));
    assert!(styles.contains(r#"w:ascii="Noto Sans""#));
}

/// One style's XML.
fn style<'a>(styles: &'a str, id: &str) -> &'a str {
    let at = styles
        .find(&format!(r#"w:styleId="{id}""#))
        .unwrap_or_else(|| panic!("no style {id}"));
    let end = at + styles[at..].find("</w:style>").unwrap();
    &styles[at..end]
}

/// Twentieths of a point, as Word writes most lengths.
fn tw(p: factsheet::units::Pt) -> i32 {
    p.to_twips()
}

#[test]
fn styles_read_the_design() {
    let (doc, theme) = bolivia();
    let design = design(&doc, &theme);
    let styles = part(&build(&doc, &theme), "word/styles.xml");
    use factsheet::design::Role;
    let body = design.style(Role::Body);
    let body_style = style(&styles, "BodyText");
    assert!(
        body_style.contains(&format!(
            r#"<w:spacing w:before="{}" w:after="0" w:line="{}" w:lineRule="exact"/>"#,
            tw(design.body.paragraph),
            tw(body.leading)
        )),
        "{body_style}"
    );
    assert!(body_style.contains(&format!(
        r#"<w:sz w:val="{}"/>"#,
        body.size.to_half_points()
    )));
    // Tracking in em of the size, as twentieths of a point.
    let kicker = design.style(Role::Kicker);
    let spacing = tw(kicker.size * kicker.tracking);
    assert!(spacing > 0);
    assert!(style(&styles, "Kicker").contains(&format!(r#"<w:spacing w:val="{spacing}"/>"#)));
    // The title at the size the design chose for this title.
    let title = design.style(Role::Title);
    assert!(style(&styles, "Title").contains(&format!(
        r#"<w:sz w:val="{}"/>"#,
        title.size.to_half_points()
    )));
    // Hyphenation as the design asks.
    let settings = part(&build(&doc, &theme), "word/settings.xml");
    assert!(settings.contains("<w:autoHyphenation/>"));
    assert!(settings.contains(&format!(
        r#"<w:consecutiveHyphenLimit w:val="{}"/>"#,
        design.hyphenation.max_consecutive
    )));
    assert!(settings.contains(&format!(
        r#"<w:hyphenationZone w:val="{}"/>"#,
        tw(design.hyphenation.zone)
    )));
    // A paragraph that follows another starts indented, as in the PDF;
    // the first, and one after a heading, does not.
    assert!(
        style(&styles, "BodyTextFirstIndent")
            .contains(&format!(r#"w:firstLine="{}"/>"#, tw(design.body.indent)))
    );
    let body_xml = part(&build(&doc, &theme), "word/document.xml");
    let styles_in_order: Vec<&str> = body_xml
        .match_indices(r#"<w:pStyle w:val="BodyText"#)
        .map(|(i, _)| {
            let rest = &body_xml[i + r#"<w:pStyle w:val=""#.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert_eq!(
        styles_in_order,
        ["BodyText", "BodyTextFirstIndent", "BodyText", "BodyText"],
        "context (two paragraphs), focus, results"
    );
    assert!(style(&styles, "Heading1").contains("<w:suppressAutoHyphens/>"));
    assert!(!body_style.contains("<w:suppressAutoHyphens/>"));
}

#[test]
fn no_literal_sizes_in_the_writer() {
    // Sizes come from the design: no `Mm(`, `Pt(` or hand-made twips in
    // src/docx (the unit tests at the foot of a file may use them).
    let dir = common::root().join("src/docx");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap();
        for (i, line) in code.lines().enumerate() {
            let line = line.split("//").next().unwrap();
            for literal in ["Mm(", "Pt(", "twips(Mm", "twips(Pt"] {
                let found = line.match_indices(literal).any(|(at, _)| {
                    line[at + literal.len()..].starts_with(|c: char| c.is_ascii_digit())
                });
                assert!(
                    !found,
                    "{}:{}: a literal size: {line}",
                    path.display(),
                    i + 1
                );
            }
        }
    }
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

/// The indicator tables of document.xml, in order, each as its rows of
/// cells' text (gap cells left out).
fn indicator_tables(body: &str) -> Vec<Vec<Vec<String>>> {
    let start = body.find("IndicatorHeading").expect("an indicator heading");
    let mut out = Vec::new();
    let mut rest = &body[start..];
    while let Some(at) = rest.find("<w:tbl>") {
        let between = &rest[..at];
        // The rows are separated by space paragraphs only; the narrative's
        // first paragraph ends them.
        if !out.is_empty() && between.contains("BodyText") {
            break;
        }
        let end = at + rest[at..].find("</w:tbl>").unwrap();
        let table = &rest[at..end];
        let rows = table
            .split("<w:tr>")
            .skip(1)
            .map(|row| {
                row.split("<w:tc>")
                    .skip(1)
                    .filter(|cell| cell.contains("w:fill"))
                    .map(|cell| {
                        cell.split("<w:t")
                            .skip(1)
                            .filter_map(|t| Some(&t[t.find('>')? + 1..t.find("</w:t>")?]))
                            .collect::<Vec<_>>()
                            .join("")
                    })
                    .collect()
            })
            .collect();
        out.push(rows);
        rest = &rest[end..];
    }
    out
}

#[test]
fn indicator_rows_are_the_designs() {
    for n in [1, 4, 5, 7, 9, 13] {
        let (doc, theme) = with_boxes(n.min(9));
        let mut doc = doc;
        // 13 boxes: the nine again, then four more.
        if n == 13 {
            let row = doc.indicators.as_mut().unwrap();
            let extra: Vec<IndicatorBox> = row.boxes[..4].to_vec();
            row.boxes.extend(extra);
        }
        let design = design(&doc, &theme);
        let rows = &design.indicators.as_ref().unwrap().rows;
        let body = part(&build(&doc, &theme), "word/document.xml");
        let tables = indicator_tables(&body);
        assert_eq!(tables.len(), rows.len(), "{n} boxes: one table a row");
        let boxes = &doc.indicators.as_ref().unwrap().boxes;
        for (t, r) in tables.iter().zip(rows) {
            // Label, value and (when a box has one) source: one row each,
            // every box a cell of each, nothing empty in between.
            let labels: Vec<&str> = boxes[r.boxes.clone()]
                .iter()
                .map(|b| b.label.as_str())
                .collect();
            let values: Vec<&str> = boxes[r.boxes.clone()]
                .iter()
                .map(|b| b.value.as_str())
                .collect();
            assert_eq!(t[0], labels, "{n} boxes");
            assert_eq!(t[1], values, "{n} boxes");
        }
        assert!(!body.contains(r#"<w:vAlign w:val="center"/>"#));
        assert!(body.contains(r#"<w:vAlign w:val="top"/>"#));
    }
    // 7 boxes are 4 + 3.
    let (doc, theme) = with_boxes(7);
    let body = part(&build(&doc, &theme), "word/document.xml");
    let counts: Vec<usize> = indicator_tables(&body).iter().map(|t| t[0].len()).collect();
    assert_eq!(counts, vec![4, 3]);
}

#[test]
fn each_row_of_values_has_its_size() {
    let (doc, theme) = with_boxes(9);
    let design = design(&doc, &theme);
    let docx = build(&doc, &theme);
    let body = part(&docx, "word/document.xml");
    let styles = part(&docx, "word/styles.xml");
    let full = design.style(factsheet::design::Role::IndicatorValue).size;
    let rows = &design.indicators.as_ref().unwrap().rows;
    assert!(
        rows.iter().any(|r| r.value_size < full),
        "the long values shrink a row"
    );
    let tables: Vec<&str> = body.split("<w:tbl>").skip(2).collect();
    for (r, table) in rows.iter().zip(tables) {
        let at = table.find("w:val=\"IndicatorValue").unwrap() + "w:val=\"".len();
        let id = &table[at..at + table[at..].find('"').unwrap()];
        // Half points at or below the row's size: a value never grows.
        let half_points = (r.value_size.0 * 2.0 + 1e-6).floor() as usize;
        if r.value_size < full {
            assert_eq!(id, format!("IndicatorValue{half_points}"));
            assert!(style(&styles, id).contains(&format!(r#"<w:sz w:val="{half_points}"/>"#)));
        } else {
            assert_eq!(id, "IndicatorValue");
        }
    }
}

#[test]
fn the_band_is_anchored_to_the_page() {
    let (doc, theme) = bolivia();
    let design = design(&doc, &theme);
    let body = part(&build(&doc, &theme), "word/document.xml");
    // The first paragraph holds the band's rectangle, at the page's
    // top-left corner, as wide as the page, behind the text.
    let first = &body[body.find("<w:body>").unwrap()..body.find("</w:p>").unwrap()];
    assert!(
        first.contains(r#"<w:pStyle w:val="BandAnchor"/>"#),
        "{first}"
    );
    // Its drawings: the logo, then the band's rectangle.
    let drawings: Vec<&str> = first.split("<wp:anchor ").skip(1).collect();
    assert_eq!(drawings.len(), 2, "{first}");
    let (logo, anchor) = (drawings[0], drawings[1]);
    assert!(anchor.contains(r#"name="Title band""#), "{anchor}");
    assert!(anchor.contains(r#"behindDoc="1""#));
    assert!(anchor.contains(
        r#"<wp:positionH relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="page"><wp:posOffset>0</wp:posOffset></wp:positionV>"#
    ), "{anchor}");
    let cx = design.page.width.to_emu();
    assert!(anchor.contains(&format!(r#"<wp:extent cx="{cx}""#)));
    assert!(anchor.contains(&format!(
        r#"<a:srgbClr val="{}"/>"#,
        theme.colors.accent.hex()
    )));
    // The band's table starts in the left margin and is as wide as the
    // page; the logo is anchored to the page too.
    let table = &body[body.find("<w:tbl>").unwrap()..];
    assert!(table.contains(&format!(
        r#"<w:tblW w:w="{}" w:type="dxa"/>"#,
        tw(design.page.width)
    )));
    assert!(table.contains(&format!(
        r#"<w:tblInd w:w="-{}" w:type="dxa"/>"#,
        tw(design.page.margin_left)
    )));
    assert!(logo.contains(r#"descr="Down to Zero Alliance logo (sample mark)""#));
    // At the right margin, aligned to it.
    assert!(
        logo.contains(r#"<wp:positionH relativeFrom="margin"><wp:align>right</wp:align>"#),
        "{logo}"
    );
    assert!(
        logo.contains(r#"<wp:positionV relativeFrom="page">"#),
        "{logo}"
    );
}

#[test]
fn a_wide_logo_keeps_its_proportions_in_both_formats() {
    let (mut doc, theme) = bolivia();
    let logo = factsheet::assets::load_logo(
        &common::root().join("tests/fixtures/logo-10x1.png"),
        "A wide logo",
    )
    .expect("the fixture logo loads");
    assert_eq!((logo.width_px, logo.height_px), (600, 60));
    doc.logo = Some(logo);
    let (_, layout, docx) = both(&doc, &theme);
    let body = part(&docx, "word/document.xml");
    // The drawings' extents: the band's rectangle, and the logo.
    let extents: Vec<(f64, f64)> = body
        .match_indices("<wp:extent cx=\"")
        .map(|(i, m)| {
            let rest = &body[i + m.len()..];
            let cx: f64 = rest[..rest.find('"').unwrap()].parse().unwrap();
            let rest = &rest[rest.find("cy=\"").unwrap() + 4..];
            let cy: f64 = rest[..rest.find('"').unwrap()].parse().unwrap();
            (cx, cy)
        })
        .collect();
    let logo = extents
        .iter()
        .find(|(cx, cy)| (cx / cy - 10.0).abs() < 0.05)
        .unwrap_or_else(|| panic!("no 10:1 drawing in the DOCX: {extents:?}"));
    let images: Vec<_> = layout
        .pages
        .iter()
        .flat_map(|p| &p.items)
        .filter_map(|i| match &i.kind {
            ItemKind::Image { rect } => Some(*rect),
            _ => None,
        })
        .collect();
    assert_eq!(images.len(), 1, "one logo in the PDF");
    let ratio = images[0].w / images[0].h;
    assert!((ratio - 10.0).abs() < 0.05, "the PDF's logo is {ratio}:1");
    // And the two are the same size.
    let emu = 12700.0;
    assert!((logo.0 / emu - images[0].w.0).abs() < 0.5);
    assert!((logo.1 / emu - images[0].h.0).abs() < 0.5);
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
fn labels_in_another_language_carry_it_by_their_styles() {
    let (doc, theme) = spanish_labels();
    assert_eq!((doc.lang.as_str(), doc.label_lang.as_str()), ("en", "es"));
    let docx = build(&doc, &theme);
    let styles = part(&docx, "word/styles.xml");
    let es = r#"<w:lang w:val="es"/>"#;
    for id in ["Kicker", "IndicatorHeading", "Callout", "Folio"] {
        assert!(style(&styles, id).contains(es), "{id} is not Spanish");
    }
    for id in ["BodyText", "Heading1", "IndicatorLabel", "Title"] {
        assert!(!style(&styles, id).contains(es), "{id} is Spanish");
    }
    let body = part(&docx, "word/document.xml");
    let kicker = body.find("Ficha de país").expect("Spanish kicker");
    let paragraph = body[..kicker].rfind("<w:p>").unwrap();
    assert!(body[paragraph..kicker].contains(r#"<w:pStyle w:val="Kicker"/>"#));
    assert!(!body.contains("lang:"), "no language mark in the body");
    let footer = part(&docx, "word/footer1.xml");
    assert!(
        footer.contains(
            r#"<w:rStyle w:val="Folio"/></w:rPr><w:t xml:space="preserve">Página </w:t>"#
        )
    );
    // The text's own language is the document's default.
    let defaults = &styles[..styles.find("</w:docDefaults>").unwrap()];
    assert!(defaults.contains(r#"<w:lang w:val="en"/>"#));
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

/// The example with a second note, cited from the budget call-out.
fn with_callout_note() -> (Document, Theme) {
    let (mut doc, theme) = bolivia();
    for b in &mut doc.body {
        if let Block::Callout(c) = b {
            c.note = Some(2);
        }
    }
    doc.notes.push(Note {
        number: 2,
        key: "budget".into(),
        runs: vec![Run::text(
            "Budget note: the amount covers the whole programme period.",
        )],
        at: None,
    });
    (doc, theme)
}

#[test]
fn notes_are_cited_from_a_box_and_from_the_callout() {
    let (doc, theme) = with_callout_note();
    let docx = build(&doc, &theme);
    let body = part(&docx, "word/document.xml");
    let one = body.find(r#"<w:footnoteReference w:id="1"/>"#).unwrap();
    let two = body.find(r#"<w:footnoteReference w:id="2"/>"#).unwrap();
    assert!(body[..one].contains("Tier 2</w:t>"));
    let amount = body[..two].rfind("CalloutAmount").unwrap();
    assert!(body[amount..two].contains("1,243,315"));
    let notes = part(&docx, "word/footnotes.xml");
    assert!(notes.contains(r#"<w:footnote w:id="2">"#));
    assert!(notes.contains("Budget note: the amount covers"));
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
    let (other, _) = spanish_labels();
    let plain = Theme::default();
    let (boxes, _) = with_boxes(9);
    let _ = build(&other, &theme);
    let _ = build(&doc, &plain);
    let _ = build(&boxes, &theme);
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

/// Every DOCX the tests below look at: the example, its Spanish-labelled
/// variant with a link and no logo, a bare one, and 1, 5, 7 and 9 boxes.
fn audited(dir: &Path) -> Vec<PathBuf> {
    let (doc, theme) = bolivia();
    let mut paths = vec![write(dir, "bolivia.docx", &build(&doc, &theme))];
    let (es, _) = spanish_labels();
    paths.push(write(
        dir,
        "bolivia-es.docx",
        &build(&with_link(es), &Theme::default()),
    ));
    paths.push(write(
        dir,
        "bare.docx",
        &build(&bare(bolivia().0), &Theme::default()),
    ));
    for n in [1, 5, 7, 9] {
        let (doc, theme) = with_boxes(n);
        paths.push(write(dir, &format!("boxes-{n}.docx"), &build(&doc, &theme)));
    }
    // Optional hyphens (`w:softHyphen`) among a run's texts.
    let (doc, theme) = with_long_words();
    paths.push(write(dir, "long-words.docx", &build(&doc, &theme)));
    paths
}

#[test]
fn openxml_audit_finds_no_violation() {
    if !common::have("openxml-audit") {
        return;
    }
    let dir = common::scratch("docx-audit");
    for p in audited(&dir) {
        let p = p.to_string_lossy();
        let (ok, report, err) =
            common::run_tool("openxml-audit", &["-f", "microsoft365", "-m", "0", &p]);
        assert!(
            ok && report.contains("Errors: 0"),
            "openxml-audit on {p}:\n{report}{err}"
        );
    }
}

/// Which boxes share a line of values: the boxes' indices grouped by the
/// height their value's first word stands at on page 1.
fn rows_in(words: &[Word], boxes: &[IndicatorBox]) -> Vec<Vec<usize>> {
    // Below the first box's label: the band's kicker may hold a value's
    // words too ("2016-2020").
    let first_label = boxes[0].label.to_uppercase();
    let first_label = first_label.split_whitespace().next().unwrap();
    let top = words
        .iter()
        .find(|w| w.page == 1 && w.text == first_label)
        .expect("the first label")
        .y;
    let mut at: Vec<(f64, f64, usize)> = boxes
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let first = b.value.split_whitespace().next().unwrap();
            let w = words
                .iter()
                .find(|w| w.page == 1 && w.y >= top && w.text == first)
                .unwrap_or_else(|| panic!("value {:?} not found", b.value));
            (w.y, w.x, i)
        })
        .collect();
    at.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut last_y = f64::NEG_INFINITY;
    for (y, _, i) in at {
        // A row's values start on one baseline, within a point or two.
        if y - last_y > 4.0 {
            rows.push(Vec::new());
        }
        last_y = y;
        rows.last_mut().unwrap().push(i);
    }
    for r in &mut rows {
        r.sort_unstable();
    }
    rows
}

/// Every word of every label (in capitals) and value stands whole in the
/// rendered text: nothing was broken inside a word or a number.
fn assert_unbroken(name: &str, words: &[Word], boxes: &[IndicatorBox]) {
    for b in boxes {
        let label = b.label.to_uppercase();
        for token in label.split_whitespace().chain(b.value.split_whitespace()) {
            assert!(
                words.iter().any(|w| w.page == 1 && w.text == token),
                "{name}: `{token}` is broken (box {:?} / {:?})",
                b.label,
                b.value
            );
        }
    }
}

#[test]
fn libreoffice_sets_the_boxes_in_the_pdfs_rows_with_no_word_broken() {
    if !common::have("soffice") || !common::have("pdftotext") {
        return;
    }
    let dir = common::scratch("docx-boxes");
    let mut docx = Vec::new();
    let mut cases = Vec::new();
    for n in [1, 5, 7, 9] {
        let (doc, theme) = with_boxes(n);
        let (pdf, _, bytes) = both(&doc, &theme);
        write(&dir, &format!("ours-{n}.pdf"), &pdf);
        docx.push(write(&dir, &format!("boxes-{n}.docx"), &bytes));
        let design = design(&doc, &theme);
        cases.push((n, doc, design));
    }
    let converted = libreoffice(&dir, &docx);
    for ((n, doc, design), lo) in cases.iter().zip(&converted) {
        let boxes = &doc.indicators.as_ref().unwrap().boxes;
        let want: Vec<Vec<usize>> = design
            .indicators
            .as_ref()
            .unwrap()
            .rows
            .iter()
            .map(|r| r.boxes.clone().collect())
            .collect();
        let ours = words(&dir.join(format!("ours-{n}.pdf")));
        let theirs = words(lo);
        assert_unbroken(&format!("our PDF, {n} boxes"), &ours, boxes);
        assert_unbroken(&format!("LibreOffice, {n} boxes"), &theirs, boxes);
        assert_eq!(rows_in(&ours, boxes), want, "our PDF's rows, {n} boxes");
        assert_eq!(
            rows_in(&theirs, boxes),
            want,
            "LibreOffice's rows, {n} boxes"
        );
    }
}

const LONG: &str = "Identificationorganisationsprogrammes";

/// Five boxes, a label and a value holding [`LONG`], and a heading twice
/// as long a word.
fn with_long_words() -> (Document, Theme) {
    let (mut doc, theme) = with_boxes(5);
    let row = doc.indicators.as_mut().unwrap();
    row.boxes[1].label = format!("{LONG} served");
    row.boxes[2].value = format!("{LONG} 42");
    for block in &mut doc.body {
        if let Block::Heading(h) = block {
            h.text = format!("The {LONG}{LONG} of the year");
            break;
        }
    }
    (doc, theme)
}

/// A word too long for its box or column, in a label, a value and a
/// heading: the DOCX marks its syllables with optional hyphens, as the
/// PDF cuts it, and LibreOffice breaks it there with a hyphen (it cut
/// "IDENTIFICA / TION" anywhere, with none). Words that fit are left as
/// they are.
#[test]
fn a_word_too_long_for_its_place_gets_optional_hyphens() {
    let (doc, theme) = with_long_words();
    let (_, _, bytes) = both(&doc, &theme);
    let xml = part(&bytes, "word/document.xml");
    let soft = xml.matches("<w:softHyphen/>").count();
    assert!(soft >= 3 * 5, "{soft} optional hyphens");
    // Only in the long words: the text read without them is the text.
    let plain = xml.replace("</w:t><w:softHyphen/><w:t xml:space=\"preserve\">", "");
    assert!(plain.contains(&format!(">{LONG} served<")), "{plain}");
    assert!(plain.contains(&format!(">The {LONG}{LONG} of the year<")));
    // The example has no such word: none there.
    let (example, theme) = bolivia();
    assert!(!part(&build(&example, &theme), "word/document.xml").contains("softHyphen"));
    if !common::have("soffice") || !common::have("pdftotext") {
        return;
    }
    let dir = common::scratch("docx-long-words");
    let docx = write(&dir, "long.docx", &bytes);
    let lo = &libreoffice(&dir, &[docx])[0];
    // Word by word as drawn (pdftotext's text joins hyphenated lines):
    // the pieces of the long words LibreOffice ended lines with, each a
    // run of syllables and a hyphen.
    let long = LONG.to_lowercase();
    let pieces: Vec<String> = words(lo)
        .into_iter()
        .map(|w| w.text)
        .filter(|w| w.ends_with('-') && long.contains(&w.trim_end_matches('-').to_lowercase()))
        .collect();
    assert!(pieces.len() >= 3, "{pieces:?}");
    let syllables = factsheet::layout::breaks::cut_points(&long, 0, hypher::Lang::English);
    for piece in &pieces {
        let piece = piece.trim_end_matches('-').to_lowercase();
        let ends: Vec<usize> = long
            .match_indices(&piece)
            .map(|(at, _)| at + piece.len())
            .collect();
        assert!(
            ends.iter().any(|e| syllables.contains(e)),
            "{piece}- ends at no syllable: {pieces:?}"
        );
    }
}

/// The colour of one pixel of page 1 at (`x`, `y`) millimetres, as
/// pdftoppm renders it.
fn pixel(pdf: &Path, x: f64, y: f64) -> [u8; 3] {
    let dpi = 72.0;
    let px = |mm: f64| ((mm / 25.4 * dpi) as i64).to_string();
    let out = Command::new("pdftoppm")
        .args(["-f", "1", "-l", "1", "-r", "72", "-x", &px(x), "-y", &px(y)])
        .args(["-W", "1", "-H", "1"])
        .arg(pdf)
        .output()
        .expect("run pdftoppm");
    assert!(out.status.success());
    // Binary PPM: "P6\n1 1\n255\n" then one pixel.
    let data = out.stdout;
    let n = data.len();
    [data[n - 3], data[n - 2], data[n - 1]]
}

#[test]
fn libreoffice_renders_the_band_from_the_top_edge_and_both_notes() {
    if !common::have("soffice") || !common::have("pdftotext") || !common::have("pdftoppm") {
        return;
    }
    let dir = common::scratch("docx-band");
    let (doc, theme) = with_callout_note();
    let design = design(&doc, &theme);
    let path = write(&dir, "notes.docx", &build(&doc, &theme));
    let pdf = libreoffice(&dir, &[path]).remove(0);
    // The accent colour at the top edge, in the margin above the table,
    // and just above the band's foot; white below it.
    let accent = theme.colors.accent.rgb;
    let page = &design.page;
    let mm = |p: factsheet::units::Pt| p.to_mm().0;
    for (x, y) in [
        (mm(page.width) / 2.0, 0.5),
        (2.0, mm(page.margin_top) / 2.0),
        (mm(page.width) - 2.0, 1.0),
    ] {
        let got = pixel(&pdf, x, y);
        let near = got.iter().zip(accent).all(|(a, b)| a.abs_diff(b) < 12);
        assert!(
            near,
            "at ({x:.0}, {y:.0}) mm: {got:?}, not the band's {accent:?}"
        );
    }
    // Both notes, with their markers: after "Tier 2" and after the amount.
    let text = squeeze(&common::run_tool("pdftotext", &[&pdf.to_string_lossy(), "-"]).1);
    for n in &doc.notes {
        let note = squeeze(&factsheet::doc::plain_text(&n.runs));
        assert!(text.contains(&note), "note {} is missing", n.number);
    }
    assert!(text.contains("Tier21"), "the box's marker");
    assert!(text.contains("1,243,3152"), "the call-out's marker");
}

#[test]
fn libreoffice_converts_it_with_every_sentence() {
    if !common::have("soffice") || !common::have("pdftotext") {
        return;
    }
    let dir = common::scratch("docx-soffice");
    let (doc, theme) = bolivia();
    let path = write(&dir, "bolivia.docx", &build(&doc, &theme));
    let pdf = libreoffice(&dir, &[path]).remove(0);
    let raw = common::run_tool("pdftotext", &[&pdf.to_string_lossy(), "-"]).1;
    // One page, as the PDF: LibreOffice sets the narrative looser (it never
    // narrows word spaces, and hyphenates only with a dictionary for the
    // language), and it still fits.
    assert_eq!(raw.matches('\u{c}').count(), 1, "pages in LibreOffice");
    let whole = squeeze(&raw);
    // Sentences may run on to the next page: what stands between (the
    // footnote, the footer) is taken out.
    let mut text = whole.clone();
    for note in &doc.notes {
        let plain = factsheet::doc::plain_text(&note.runs);
        text = text.replace(&squeeze(&format!("{}{plain}", note.number)), "");
    }
    text = text.replace(&squeeze(&doc.footer.text), "");
    for page in 1..=9 {
        for total in 1..=9 {
            text = text.replace(&format!("Page{page}of{total}"), "");
        }
    }
    for p in doc.paragraphs() {
        let plain = factsheet::doc::plain_text(&p.runs);
        for sentence in plain.split_inclusive(". ") {
            assert!(
                text.contains(&squeeze(sentence)),
                "LibreOffice's PDF lacks: {sentence}"
            );
        }
    }
    for note in &doc.notes {
        let plain = squeeze(&factsheet::doc::plain_text(&note.runs));
        assert!(whole.contains(&plain), "the footnote is missing");
    }
}

#[test]
fn pandoc_sees_the_footnote() {
    if !common::have("pandoc") {
        return;
    }
    let dir = common::scratch("docx-pandoc");
    let (doc, theme) = bolivia();
    let path = write(&dir, "bolivia.docx", &build(&doc, &theme));
    let (ok, md, err) = common::run_tool(
        "pandoc",
        &[
            "-f",
            "docx",
            "-t",
            "markdown",
            "--wrap=none",
            &path.to_string_lossy(),
        ],
    );
    assert!(ok, "{err}");
    assert!(md.contains("Tier 2[^1]"), "{md}");
    assert!(
        md.contains("[^1]: The Trafficking in Persons Report"),
        "{md}"
    );
    assert!(md.contains("Bolivia") && md.contains("Obstructed"));
}

#[test]
fn a_callout_that_ends_the_narrative_leaves_no_empty_page() {
    // The call-out last: its label must not keep with the next paragraph,
    // nor its amount leave space below it, or LibreOffice opens a new,
    // empty page.
    let (mut doc, theme) = bolivia();
    let at = doc
        .body
        .iter()
        .position(|b| matches!(b, Block::Callout(_)))
        .unwrap();
    let callout = doc.body.remove(at);
    doc.body.push(callout);
    let docx = build(&doc, &theme);
    let body = part(&docx, "word/document.xml");
    assert!(body.contains(r#"<w:pPr><w:pStyle w:val="Callout"/><w:keepNext w:val="0"/></w:pPr>"#));
    // The amount never keeps with what follows (the style would inherit
    // the label's keep-with-next).
    let styles = part(&docx, "word/styles.xml");
    assert!(style(&styles, "CalloutAmount").contains(r#"<w:keepNext w:val="0"/>"#));
    // Where the call-out stands inside the narrative, it keeps with it.
    let (doc, theme) = bolivia();
    let body = part(&build(&doc, &theme), "word/document.xml");
    assert!(!body.contains(r#"<w:keepNext w:val="0"/>"#));
    assert!(!body.contains(r#"<w:spacing w:after="0"/>"#));

    if !common::have("soffice") || !common::have("pdftotext") {
        return;
    }
    let dir = common::scratch("docx-callout-last");
    let pdf = libreoffice(&dir, &[write(&dir, "last.docx", &docx)]).remove(0);
    let raw = common::run_tool("pdftotext", &[&pdf.to_string_lossy(), "-"]).1;
    assert_eq!(raw.matches('\u{c}').count(), 1, "pages in LibreOffice");
    assert!(raw.contains("1,243,315"));
}
