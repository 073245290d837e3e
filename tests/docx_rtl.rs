//! Scripts in the DOCX: the Arabic sample set right to left (paragraphs,
//! sections, tables and runs marked, the call-out's edge and the logo
//! mirrored, Latin words inside Arabic text left in runs of their own),
//! the Hindi sample in a Devanagari font with its language, and what
//! LibreOffice makes of both.
//!
//! Noto Sans Arabic and Noto Sans Devanagari are built in as fallback
//! fonts; LibreOffice sets the text in the fonts the DOCX names when they
//! are installed (Debian's fonts-noto-core), which the Devanagari test
//! checks only then, except under `CI=true`.

mod common;

use common::docx::part;

use std::path::{Path, PathBuf};

use factsheet::doc::Document;
use factsheet::docx::DocxOptions;
use factsheet::theme::Theme;

/// Whether Debian's Noto font `file` is installed for LibreOffice (a
/// notice when not; under `CI=true` it must be).
fn installed(file: &str) -> bool {
    let path = Path::new("/usr/share/fonts/truetype/noto").join(file);
    if path.exists() {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "{} is required under CI=true (fonts-noto-core)",
            path.display()
        );
    }
    eprintln!(
        "NOTICE: {} is not installed; skipping the check that needs it",
        path.display()
    );
    false
}

fn sample(lang: &str, theme: &Theme) -> Document {
    let path = common::root().join(format!("reports/samples/sample-{lang}.toml"));
    let (loaded, diags) = factsheet::job::load_document(&path, theme, None);
    let rendered: Vec<String> = diags
        .iter()
        .map(factsheet::diag::Diagnostics::render_plain)
        .collect();
    loaded
        .unwrap_or_else(|| panic!("{}", rendered.join("\n")))
        .1
}

fn build(doc: &Document, theme: &Theme) -> Vec<u8> {
    let (_, design) = factsheet::pipeline::resolve(doc, theme).expect("the design resolves");
    factsheet::docx::render(doc, &design, theme, &DocxOptions { epoch: None }).expect("renders")
}

/// One style's XML.
fn style<'a>(styles: &'a str, id: &str) -> &'a str {
    let at = styles
        .find(&format!(r#"w:styleId="{id}""#))
        .unwrap_or_else(|| panic!("no style {id}"));
    &styles[at..at + styles[at..].find("</w:style>").unwrap()]
}

fn arabic() -> (Document, Theme) {
    let theme = common::example_theme();
    (sample("ar", &theme), theme)
}

#[test]
fn the_arabic_sample_is_marked_right_to_left() {
    let (doc, theme) = arabic();
    assert!(doc.rtl());
    let docx = build(&doc, &theme);
    let styles = part(&docx, "word/styles.xml");
    let defaults =
        &styles[styles.find("<w:docDefaults>").unwrap()..styles.find("</w:docDefaults>").unwrap()];
    // Every paragraph right to left, Arabic named for complex script in a
    // font that has it.
    assert!(
        defaults.contains("<w:pPrDefault><w:pPr><w:bidi/></w:pPr></w:pPrDefault>"),
        "{defaults}"
    );
    assert!(
        defaults.contains(r#"<w:lang w:val="ar" w:bidi="ar"/>"#),
        "{defaults}"
    );
    assert!(
        defaults.contains(r#"w:cs="Noto Sans Arabic""#),
        "{defaults}"
    );
    assert!(part(&docx, "word/fontTable.xml").contains(r#"w:name="Noto Sans Arabic""#));
    assert!(
        part(&docx, "word/settings.xml").contains(r#"<w:themeFontLang w:val="ar" w:bidi="ar"/>"#)
    );
    // "left" is where a line starts: the right, in these paragraphs.
    assert!(style(&styles, "Heading1").contains(r#"<w:jc w:val="left"/>"#));
    // No letter-spaced capitals: Arabic letters join and have no case (and
    // LibreOffice then set these labels in another font, letters apart).
    for id in [
        "Kicker",
        "Heading1",
        "IndicatorHeading",
        "IndicatorLabel",
        "Callout",
    ] {
        let s = style(&styles, id);
        assert!(
            !s.contains("<w:caps/>") && !s.contains("<w:spacing w:val="),
            "{id}: {s}"
        );
    }
    // A Latin factsheet keeps them.
    let latin = build(&common::example_doc(), &theme);
    let latin_styles = part(&latin, "word/styles.xml");
    assert!(style(&latin_styles, "Kicker").contains("<w:caps/>"));
    assert!(style(&latin_styles, "Kicker").contains("<w:spacing w:val="));
    // The call-out's edge stands where lines start: on the right.
    let callout = style(&styles, "Callout");
    let edge = theme.colors.highlight.hex();
    assert!(
        callout.contains(&format!(
            r#"<w:right w:val="single" w:space="11" w:sz="32" w:color="{edge}"/>"#
        )) || callout
            .split("<w:right ")
            .nth(1)
            .is_some_and(|r| r[..r.find("/>").unwrap()].contains(&edge)),
        "{callout}"
    );
    assert!(
        !callout
            .split("<w:left ")
            .nth(1)
            .is_some_and(|l| l[..l.find("/>").unwrap()].contains(&edge))
    );

    let body = part(&docx, "word/document.xml");
    // Every section runs right to left (its columns from the right), every
    // table of boxes too; the band, one column, keeps its place.
    let sections = body.matches("<w:sectPr>").count();
    assert!(sections >= 3);
    assert_eq!(body.matches("<w:bidi/></w:sectPr>").count(), sections);
    let tables = body.matches("<w:tbl>").count();
    assert_eq!(body.matches("<w:bidiVisual/>").count(), tables - 1);
    // Arabic runs are marked right to left; the Latin name inside the
    // mixed paragraph is a run of its own, left to right.
    assert!(body.contains(
        r#"<w:r><w:rPr><w:rtl/></w:rPr><w:t xml:space="preserve">عن هذه الصحيفة</w:t></w:r>"#
    ));
    let down = body.find(">Down to Zero<").expect("the Latin words, whole");
    let run = &body[body[..down].rfind("<w:r>").unwrap()..down];
    assert!(!run.contains("<w:rtl/>"), "{run}");
    // The logo stands at the left margin, the end of a right-to-left line.
    assert!(body.contains(
        r#"<wp:positionH relativeFrom="margin"><wp:align>left</wp:align></wp:positionH>"#
    ));
    // The footnotes and the footer read right to left too.
    assert!(part(&docx, "word/footnotes.xml").contains("<w:rtl/>"));
    assert!(part(&docx, "word/footer1.xml").contains("<w:rtl/>"));
}

#[test]
fn a_left_to_right_document_has_no_right_to_left_marks() {
    let theme = common::example_theme();
    let (loaded, _) = factsheet::job::load_document(&common::example_path(), &theme, None);
    let docx = build(&loaded.unwrap().1, &theme);
    let body = part(&docx, "word/document.xml");
    for mark in ["<w:bidi/>", "<w:bidiVisual/>", "<w:rtl/>"] {
        assert!(!body.contains(mark), "{mark}");
    }
    let styles = part(&docx, "word/styles.xml");
    assert!(!styles.contains("<w:bidi/>"));
    assert!(styles.contains(r#"<w:lang w:val="en"/>"#));
    assert!(body.contains(
        r#"<wp:positionH relativeFrom="margin"><wp:align>right</wp:align></wp:positionH>"#
    ));
}

#[test]
fn the_hindi_sample_names_a_devanagari_font_and_its_language() {
    let theme = common::example_theme();
    let doc = sample("hi", &theme);
    let docx = build(&doc, &theme);
    let styles = part(&docx, "word/styles.xml");
    assert!(styles.contains(r#"w:cs="Noto Sans Devanagari""#));
    assert!(styles.contains(r#"<w:lang w:val="hi" w:bidi="hi"/>"#));
    // Devanagari reads left to right.
    let body = part(&docx, "word/document.xml");
    assert!(!body.contains("<w:bidi/>") && !body.contains("<w:rtl/>"));
    assert!(!styles.contains("<w:bidi/>"));
    // Its glyphs rise above the house font's: running text takes at least
    // the design's leading, not exactly it.
    assert!(style(&styles, "BodyText").contains(r#"w:lineRule="atLeast""#));
}

/// Convert a DOCX to PDF with LibreOffice; the PDF's path.
fn libreoffice(dir: &Path, docx: &Path) -> PathBuf {
    common::docx::libreoffice(dir, &[docx.to_path_buf()]).remove(0)
}

/// Text as pdftotext gives it back, for comparing: no spaces, no
/// direction marks, no vowel signs (Arabic harakat are drawn apart from
/// their letter, and come out wherever they stand), no kashida
/// (LibreOffice justifies Arabic by lengthening letters).
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|&c| {
            !c.is_whitespace()
                && !matches!(c,
                    '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'
                    | '\u{0640}' | '\u{064b}'..='\u{065f}' | '\u{0670}' | '+' | '\u{ad}')
        })
        .collect()
}

/// A word a PDF reader gives back as written: Arabic lam followed by an
/// alef is drawn as one ligature, which pdftotext spells in the other
/// order.
fn extractable(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    !chars
        .windows(2)
        .any(|w| w[0] == 'ل' && matches!(w[1], 'ا' | 'أ' | 'إ' | 'آ' | 'ى'))
}

#[test]
fn libreoffice_reads_the_arabic_right_to_left_with_its_latin_words() {
    let (doc, theme) = arabic();
    if !common::have("soffice") || !common::have("pdftotext") {
        return;
    }
    let dir = common::scratch("docx-rtl");
    let path = dir.join("sample-ar.docx");
    std::fs::write(&path, build(&doc, &theme)).unwrap();
    let pdf = libreoffice(&dir, &path);
    let (_, text, _) = common::run_tool("pdftotext", &[&pdf.to_string_lossy(), "-"]);
    assert_eq!(text.matches('\u{c}').count(), 1, "one page");
    let text = squeeze(&text);
    for p in doc.paragraphs() {
        let plain = factsheet::doc::plain_text(&p.runs);
        // Words of digits are checked below: a range reads from the right
        // ("2021–2023" is drawn 2023–2021), which pdftotext keeps.
        let words = plain
            .split_whitespace()
            .filter(|w| extractable(w) && !w.contains(|c: char| c.is_ascii_digit()));
        for word in words {
            let w = squeeze(word.trim_matches(|c: char| "«»:،.,()".contains(c)));
            assert!(text.contains(&w), "LibreOffice's PDF lacks {word}");
        }
    }
    for latin in ["Down", "Zero", "42.5%", "2022", "2021", "2023"] {
        assert!(text.contains(latin), "{latin}");
    }
    // Set from the right: the first section's heading ends at the right
    // margin, in the right-hand column.
    let heading = match &doc.body[0] {
        factsheet::doc::Block::Heading(h) => h.text.clone(),
        _ => panic!("the sample opens with a heading"),
    };
    // The bounding boxes spell a word as drawn: right to left.
    let last_word = heading.split_whitespace().last().unwrap();
    let drawn: String = last_word.chars().rev().collect();
    let (_, design) = factsheet::pipeline::resolve(&doc, &theme).unwrap();
    let right = design.page.width.0 - design.page.margin_right.0;
    let words = common::pdf_words(&pdf);
    let line = words
        .iter()
        .find(|w| w.text == last_word || w.text == drawn)
        .map(|w| w.y)
        .expect("the heading's last word");
    // The line's right end: its first word.
    let x_max = words
        .iter()
        .filter(|w| (w.y - line).abs() < 1.0)
        .map(|w| w.x_max)
        .fold(f64::NAN, f64::max);
    assert!(
        (x_max - right).abs() < 2.0,
        "the heading ends at {x_max:.1} pt, the right margin is at {right:.1} pt"
    );
}

#[test]
fn libreoffice_sets_the_hindi_in_its_devanagari_font() {
    if !common::have("soffice") || !common::have("pdftotext") || !common::have("pdffonts") {
        return;
    }
    let theme = common::example_theme();
    let doc = sample("hi", &theme);
    let dir = common::scratch("docx-devanagari");
    let path = dir.join("sample-hi.docx");
    std::fs::write(&path, build(&doc, &theme)).unwrap();
    let pdf = libreoffice(&dir, &path);
    if installed("NotoSansDevanagari-Regular.ttf") {
        let (_, fonts, _) = common::run_tool("pdffonts", &[&pdf.to_string_lossy()]);
        assert!(fonts.contains("NotoSansDevanagari"), "{fonts}");
    }
    // In the order LibreOffice wrote the text: the two columns' lines
    // stand side by side, which pdftotext's reading order interleaves.
    let (_, text, _) = common::run_tool("pdftotext", &["-raw", &pdf.to_string_lossy(), "-"]);
    let text = squeeze(&text);
    for p in doc.paragraphs() {
        for sentence in factsheet::doc::plain_text(&p.runs).split_inclusive('।') {
            assert!(
                text.contains(&squeeze(sentence)),
                "LibreOffice's PDF lacks {sentence}"
            );
        }
    }
}

/// The Arabic sample without its locale file has English labels in a
/// right-to-left document.
///
/// - "Page 1 of 1", in the footer: marks hold its fields in order
///   (LibreOffice set "1 Page 1 of" without them), and the page numbers
///   are not marked right to left.
/// - Its kicker is the profile's own Arabic ("صحيفة وقائع نموذجية: ..."),
///   and runs right to left like the document, as in the PDF.
/// - Its sample-data note is English: it runs left to right, as in the
///   PDF; LibreOffice set it ".Sample data: ... statistics" before.
#[test]
fn english_labels_in_an_arabic_document_read_in_order() {
    let (doc, theme) = common::arabic_sample_without_its_locale("docx-rtl-english-label");
    let dir = common::scratch("docx-rtl-english-label");
    let docx = build(&doc, &theme);
    let footer = common::docx::part(&docx, "word/footer1.xml");
    let label = &footer[footer.find("<w:tab/>").expect("a tab before the label")..];
    assert_eq!(label.matches('\u{200e}').count(), 2, "{label}");
    assert!(!label.contains("<w:rtl/>"), "{label}");
    let styles = part(&docx, "word/styles.xml");
    assert!(!style(&styles, "Kicker").contains("<w:bidi"));
    // The sample-data note is the tool's English: it runs left to right,
    // its full stop at its end ("...statistics."), at the right.
    let note = style(&styles, "IndicatorNote");
    assert!(note.contains(r#"<w:bidi w:val="0"/>"#), "{note}");
    assert!(note.contains(r#"<w:jc w:val="right"/>"#), "{note}");
    if !common::have("soffice") || !common::have("pdftotext") {
        return;
    }
    let path = dir.join("sample-ar.docx");
    std::fs::write(&path, &docx).unwrap();
    let pdf = libreoffice(&dir, &path);
    let (_, text, _) = common::run_tool("pdftotext", &[&pdf.to_string_lossy(), "-"]);
    assert!(text.contains("Page 1 of 1"), "{text}");
    let note = doc.indicators.as_ref().unwrap().note.clone().unwrap();
    assert!(note.ends_with('.'));
    // Word by word as drawn: the note's last word, with its full stop,
    // rightmost on its line.
    let words = common::pdf_words(&pdf);
    let last = note.split_whitespace().last().unwrap();
    let end = words.iter().find(|w| w.text == last).unwrap_or_else(|| {
        panic!(
            "{last:?} as drawn: {:?}",
            words.iter().map(|w| &w.text).collect::<Vec<_>>()
        )
    });
    assert!(
        words
            .iter()
            .filter(|w| (w.y - end.y).abs() < 1.0)
            .all(|w| w.x <= end.x),
        "{last:?} does not end its line"
    );
}

/// An Arabic profile without an Arabic locale, whose kicker starts with
/// the English label: "Country factsheet · أي 1990–1990" runs left to
/// right as in the PDF, still at the right where the document's lines
/// start, and keeps clear of the logo at the left. LibreOffice drew it
/// "1990–1990 أي · Country factsheet" from the right before.
#[test]
fn an_english_kicker_in_an_arabic_document_runs_left_to_right() {
    let toml = std::fs::read_to_string(
        common::root()
            .join("tests/fixtures/regress/arabic-name-and-figures-in-an-english-kicker.toml"),
    )
    .unwrap();
    let theme = common::example_theme();
    let profile =
        factsheet::profile::read_profile(factsheet::diag::SourceFile::new("k.toml", toml), true)
            .0
            .expect("the fixture reads");
    let doc = factsheet::doc::build(&profile, &factsheet::locale::Locale::english(), &theme);
    assert!(doc.rtl() && doc.label_lang == "en");
    let docx = build(&doc, &theme);
    let styles = part(&docx, "word/styles.xml");
    let kicker = style(&styles, "Kicker");
    assert!(kicker.contains(r#"<w:bidi w:val="0"/>"#), "{kicker}");
    assert!(kicker.contains(r#"<w:jc w:val="right"/>"#), "{kicker}");
    let indent = |side: &str| -> u32 {
        let at = kicker
            .find(&format!("w:{side}=\""))
            .map(|i| i + side.len() + 4);
        at.map_or(0, |at| {
            kicker[at..at + kicker[at..].find('"').unwrap()]
                .parse()
                .unwrap()
        })
    };
    assert!(
        indent("left") > 1000 && indent("right") == 0,
        "the logo's room on its side: {kicker}"
    );
    // Only the kicker: the title is the profile's, and runs with it.
    assert!(!style(&styles, "Title").contains("<w:bidi"));
    if !common::have("soffice") || !common::have("pdftotext") {
        return;
    }
    let dir = common::scratch("docx-rtl-english-kicker");
    let path = dir.join("kicker.docx");
    std::fs::write(&path, &docx).unwrap();
    let pdf = libreoffice(&dir, &path);
    // The kicker's line, word by word from the left as drawn.
    let words = common::pdf_words(&pdf);
    let country = words
        .iter()
        .find(|w| w.text == "Country")
        .expect("the kicker's first word");
    let mut line: Vec<_> = words
        .iter()
        .filter(|w| (w.y - country.y).abs() < 1.0)
        .collect();
    line.sort_by(|a, b| a.x.total_cmp(&b.x));
    let drawn: Vec<&str> = line.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(drawn[..2], ["Country", "factsheet"], "{drawn:?}");
    // The Arabic name, then the period after it, as an English line reads
    // them (the mark after the name keeps the figures out of its run).
    let arabic = |w: &&str| w.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c));
    assert!(
        drawn.len() >= 2
            && arabic(&drawn[drawn.len() - 2])
            && drawn[drawn.len() - 1].starts_with("1990"),
        "the period follows the programme's name at the right: {drawn:?}"
    );
    let (_, design) = factsheet::pipeline::resolve(&doc, &theme).unwrap();
    let right = design.page.width.0 - design.page.margin_right.0;
    let x_max = line.iter().map(|w| w.x_max).fold(f64::NAN, f64::max);
    assert!(
        (x_max - right).abs() < 2.0,
        "the kicker ends at {x_max:.1} pt, the right margin is at {right:.1} pt"
    );
}

/// A lone indicator box in a right-to-left document: its table stands at
/// the right, where lines start, as in the PDF (a table of one column is
/// not mirrored by `w:bidiVisual`).
#[test]
fn a_lone_box_stands_at_the_right() {
    let theme = Theme::default();
    for (lang, right) in [("ar", true), ("en", false)] {
        let doc = common::doc_from(&common::one_box_profile(lang));
        let xml = part(&build(&doc, &theme), "word/document.xml");
        let tables: Vec<&str> = xml.split("<w:tblPr>").skip(1).collect();
        let aligned = tables
            .iter()
            .any(|t| t[..t.find("</w:tblPr>").unwrap()].contains(r#"<w:jc w:val="right"/>"#));
        assert_eq!(aligned, right, "{lang}");
    }
}
