//! The combined DOCX of a report pack, read back: the cover and the
//! contents (a linked entry and a page reference per country), every
//! country in order after a page break with its own footer and page
//! numbers that run on, the outline country then section, footnotes kept
//! apart per country, the schema, LibreOffice's reading of it (every
//! country's text, and the contents' numbers its own pages), and
//! determinism.
//!
//! Tests that need an external tool (openxml-audit, soffice, pdftotext)
//! skip with a notice when it is missing, except under `CI=true`
//! (tests/common).

mod common;

use common::docx::{part, squeeze};

use std::path::{Path, PathBuf};

use factsheet::diag::SourceFile;
use factsheet::doc::{self, Document, Front};
use factsheet::docx::DocxOptions;
use factsheet::locale::Locale;
use factsheet::pipeline::{PackCountry, PackDocxOptions, combined_docx, prepare};
use factsheet::theme::Theme;

/// A sample country: `paragraphs` long paragraphs, and `notes` footnotes
/// cited from its first paragraph (their text names the country).
fn country(name: &str, paragraphs: usize, notes: usize, theme: &Theme) -> Document {
    let sentence = format!(
        "The programme in {name} trained young peers and municipal committees to detect and report exploitation."
    );
    let marks: String = (1..=notes).map(|n| format!("[^n{n}]")).collect();
    let mut toml = format!(
        "language = \"en\"\n[country]\nname = \"{name}\"\ncode = \"BO\"\n[programme]\nname = \"Sample programme\"\nperiod = \"2021-2025\"\n[[indicator]]\nid = \"a\"\nlabel = \"Sample value\"\nvalue = 12\nsample = true\n[[section]]\nid = \"s\"\nheading = \"Focus in {name}\"\nparagraphs = [\n"
    );
    for i in 0..paragraphs {
        // The first paragraph cites every note; the second cites the
        // first note again.
        let again = if notes > 0 { "[^n1]" } else { "" };
        let mark = match i {
            0 => marks.as_str(),
            1 => again,
            _ => "",
        };
        toml += &format!("  \"{}{mark}\",\n", [sentence.as_str(); 6].join(" "));
    }
    toml += &format!(
        "]\n[[section]]\nid = \"t\"\nheading = \"Results in {name}\"\nparagraphs = [\"Done in {name}.\"]\n"
    );
    if notes > 0 {
        toml += "[footnotes]\n";
        for n in 1..=notes {
            toml += &format!("n{n} = \"Note {n} of {name}: sample source.\"\n");
        }
    }
    let (p, d) =
        factsheet::profile::read_profile(SourceFile::new("generated.toml", toml.as_str()), true);
    let p = p.unwrap_or_else(|| panic!("{}\n{toml}", d.render_plain()));
    doc::build(&p, &Locale::english(), theme)
}

/// The countries of the test pack, in order: Bolivia (one note), a short
/// one with two notes, a long one (more than a page) with three.
fn countries(theme: &Theme) -> Vec<PackCountry> {
    let (loaded, diags) = factsheet::job::load_document(&common::example_path(), theme, None);
    let bolivia = loaded.unwrap_or_else(|| panic!("{diags:?}")).1;
    let docs = vec![
        bolivia,
        country("Sampleland", 2, 2, theme),
        country("Another Sample Republic", 14, 3, theme),
    ];
    common::pack::laid_out(docs, theme)
}

/// The pack's front matter, with the countries' logo (they share the
/// pack's theme).
fn front_of(countries: &[PackCountry]) -> Front {
    common::pack::front(countries.first().and_then(|c| c.doc.logo.clone()))
}

fn pack(right_hand: bool) -> (Vec<u8>, Vec<PackCountry>) {
    let theme = common::example_theme();
    let countries = countries(&theme);
    let opts = PackDocxOptions {
        docx: DocxOptions { epoch: None },
        right_hand,
    };
    let bytes = combined_docx(&front_of(&countries), &countries, &theme, &opts).expect("renders");
    (bytes, countries)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// Where each country starts in the combined PDF (page index from 0): after
/// the cover and one page of contents, one after the other.
fn pdf_starts(countries: &[PackCountry]) -> Vec<usize> {
    let counts: Vec<usize> = countries.iter().map(|c| c.layout.pages.len()).collect();
    common::pack::starts(&counts)
}

/// The paragraphs of document.xml, in order: (style, text).
fn paragraphs(body: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for p in body.split("<w:p>").skip(1) {
        let p = &p[..p.find("</w:p>").unwrap_or(p.len())];
        let style = p
            .find(r#"<w:pStyle w:val=""#)
            .map(|i| {
                let r = &p[i + r#"<w:pStyle w:val=""#.len()..];
                r[..r.find('"').unwrap()].to_string()
            })
            .unwrap_or_default();
        let mut text = String::new();
        for t in p.split("<w:t").skip(1) {
            // `<w:t>` or `<w:t xml:space=...>`, not `<w:tab/>` or `<w:tbl>`.
            if !(t.starts_with('>') || t.starts_with(' ')) {
                continue;
            }
            let t = &t[t.find('>').unwrap() + 1..];
            text.push_str(&t[..t.find("</w:t>").unwrap_or(0)]);
        }
        out.push((style, text));
    }
    out
}

#[test]
fn every_country_is_set_in_the_styles_of_its_own_docx() {
    // Bolivia as designed (the style sheet's), a short country, and a
    // long one whose design differs (its title is longer, and it runs
    // over the theme's one page): each names styles set as its own DOCX
    // sets them.
    let (docx, countries) = pack(false);
    let theme = common::example_theme();
    assert!(
        !countries[2].design.same_look(&countries[0].design),
        "the test pack has a country in another design"
    );
    // A footer naming another country does not make another design.
    let mut renamed = countries[0].design.clone();
    renamed.footer.text = "Another footer".into();
    assert_ne!(renamed, countries[0].design);
    assert!(renamed.same_look(&countries[0].design));
    for c in &countries {
        let own = factsheet::docx::render(&c.doc, &c.design, &theme, &DocxOptions { epoch: None })
            .expect("renders");
        common::docx::assert_country_keeps_its_styles(&own, &docx, &c.doc.title);
    }
}

#[test]
fn cover_contents_and_countries_in_order_after_page_breaks() {
    let (docx, countries) = pack(false);
    let body = part(&docx, "word/document.xml");
    let paras = paragraphs(&body);
    // A country in another design than the style sheet's (a long title
    // set smaller) names a copy of the style: `Title_v1`.
    let find = |style: &str, text: &str| {
        paras
            .iter()
            .position(|(s, t)| s.split("_v").next() == Some(style) && t.contains(text))
            .unwrap_or_else(|| panic!("no {style} paragraph with {text:?}"))
    };
    // The cover, then the contents, then the countries in order.
    let cover = find("CoverTitle", "Country factsheets");
    assert!(find("CoverKicker", "Down to Zero Alliance") < cover);
    assert!(find("CoverLine", "2016-2020") > cover);
    assert!(find("CoverLine", "Sample edition") > cover);
    let contents = find("TOCHeading", "Contents");
    assert!(cover < contents);
    let mut last = contents;
    for (i, c) in countries.iter().enumerate() {
        let entry = find("TOC1", &c.doc.title);
        assert!(entry > contents, "{}'s entry", c.doc.title);
        let title = find("Title", &c.doc.title);
        assert!(title > last, "{} after the one before", c.doc.title);
        last = title;
        // The entry links to a bookmark on the country's title, and shows
        // its page through a reference to it.
        let mark = format!("_Country{}", i + 1);
        assert!(body.contains(&format!(r#"<w:hyperlink w:anchor="{mark}""#)));
        assert!(body.contains(&format!("PAGEREF {mark} \\h")));
        let at = body.find(&format!(r#"w:name="{mark}""#)).expect("bookmark");
        let title_at = body[at..].find(&c.doc.title).unwrap();
        assert!(title_at < 300, "the bookmark is on the title");
    }
    // Until the reader computes its own, each entry shows the page the
    // country starts on in the combined PDF.
    let starts = pdf_starts(&countries);
    for (c, start) in countries.iter().zip(&starts) {
        let entry = &paras[find("TOC1", &c.doc.title)].1;
        assert_eq!(
            entry,
            &format!("{}{}", c.doc.title, start + 1),
            "contents entry"
        );
    }
    // Sections: the cover and the contents each a page of their own with
    // no footer; each country begins a new page and names its footer.
    let sections: Vec<&str> = body
        .split("<w:sectPr>")
        .skip(1)
        .map(|s| &s[..s.find("</w:sectPr>").unwrap()])
        .collect();
    // cover, contents, 2 a country, the closing one.
    assert_eq!(sections.len(), 2 + 2 * countries.len() + 1);
    for s in &sections[..2] {
        assert!(!s.contains("footerReference"), "{s}");
        assert!(!s.contains("<w:type "), "a new page: {s}");
    }
    for (i, pair) in sections[2..2 + 2 * countries.len()].chunks(2).enumerate() {
        let rid = format!(r#"r:id="rIdFooter{}""#, i + 1);
        assert!(
            !pair[0].contains("<w:type "),
            "country {i} begins a page: {}",
            pair[0]
        );
        assert!(pair[1].contains(r#"<w:type w:val="continuous"/>"#));
        assert!(pair[1].contains(r#"w:num="2""#), "the narrative in columns");
        assert!(pair[0].contains(&rid) && pair[1].contains(&rid));
    }
    // One footer a country, with its own text and live page numbers.
    let rels = part(&docx, "word/_rels/document.xml.rels");
    for (i, c) in countries.iter().enumerate() {
        let footer = part(&docx, &format!("word/footer{}.xml", i + 1));
        assert!(footer.contains(&c.doc.footer.text), "{footer}");
        assert!(footer.contains("PAGE") && footer.contains("NUMPAGES"));
        assert!(rels.contains(&format!(
            r#"Id="rIdFooter{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer{}.xml""#,
            i + 1,
            i + 1
        )));
    }
    // Word updates the page references when it opens the file.
    assert!(part(&docx, "word/settings.xml").contains("<w:updateFields/>"));
    // One logo, shared by the cover and every band.
    assert_eq!(rels.matches("relationships/image").count(), 1);
    assert_eq!(
        body.matches(r#"r:embed="rIdLogo""#).count(),
        1 + countries.len()
    );
}

#[test]
fn the_outline_is_country_then_section() {
    let (docx, countries) = pack(false);
    let styles = part(&docx, "word/styles.xml");
    let style = |id: &str| {
        let at = styles
            .find(&format!(r#"w:styleId="{id}""#))
            .unwrap_or_else(|| panic!("no style {id}"));
        styles[at..at + styles[at..].find("</w:style>").unwrap()].to_string()
    };
    assert!(style("Title").contains(r#"<w:outlineLvl w:val="0"/>"#));
    assert!(style("CoverTitle").contains(r#"<w:outlineLvl w:val="0"/>"#));
    assert!(style("TOCHeading").contains(r#"<w:outlineLvl w:val="0"/>"#));
    // Contents entries lead to their numbers with dots, as the PDF's do.
    assert!(
        style("TOC1").contains(r#"w:leader="dot""#),
        "{}",
        style("TOC1")
    );
    let section = style("SectionHeading");
    assert!(section.contains(r#"<w:basedOn w:val="Heading1"/>"#));
    assert!(section.contains(r#"<w:outlineLvl w:val="1"/>"#));
    let body = part(&docx, "word/document.xml");
    let paras = paragraphs(&body);
    for c in &countries {
        for b in &c.doc.body {
            if let doc::Block::Heading(h) = b {
                assert!(
                    paras
                        .iter()
                        .any(|(s, t)| s == "SectionHeading" && *t == h.text),
                    "{} is a section heading",
                    h.text
                );
            }
        }
    }
    assert!(!paras.iter().any(|(s, _)| s == "Heading1"));
}

#[test]
fn footnotes_are_kept_apart_per_country() {
    let (docx, countries) = pack(false);
    let body = part(&docx, "word/document.xml");
    let notes = part(&docx, "word/footnotes.xml");
    // Every country's notes, each under an id of its own, referred to in
    // document order.
    let mut id = 0;
    let mut last_ref = 0;
    for c in &countries {
        for n in &c.doc.notes {
            id += 1;
            let text = doc::plain_text(&n.runs);
            let note = notes
                .split(&format!(r#"<w:footnote w:id="{id}">"#))
                .nth(1)
                .unwrap_or_else(|| panic!("no footnote {id}"));
            let note = &note[..note.find("</w:footnote>").unwrap()];
            let first_words: String = text.chars().take(30).collect();
            assert!(
                note.contains(first_words.as_str()),
                "footnote {id} is {}'s note {}",
                c.doc.title,
                n.number
            );
            let at = body
                .find(&format!(r#"<w:footnoteReference w:id="{id}"/>"#))
                .unwrap_or_else(|| panic!("footnote {id} is referred to"));
            assert!(at > last_ref, "references in document order");
            last_ref = at;
        }
    }
    assert_eq!(id, 6, "1 + 2 + 3 notes");
    assert_eq!(notes.matches("<w:footnoteRef/>").count(), id);
    assert_eq!(body.matches("<w:footnoteReference ").count(), id);
    // Word numbers the notes on through the document: a note cited a
    // second time repeats the number Word gives it (Another Sample
    // Republic's first note is the fourth), not its number in its own
    // factsheet.
    let repeated: Vec<&str> = body
        .split(r#"<w:rStyle w:val="FootnoteReference"/></w:rPr><w:t xml:space="preserve">"#)
        .skip(1)
        .map(|r| &r[..r.find("</w:t>").unwrap()])
        // The raised commas between markers side by side.
        .filter(|r| *r != factsheet::doc::NOTE_SEPARATOR)
        .collect();
    assert_eq!(
        repeated,
        ["1", "2", "4"],
        "the first note of Bolivia (box and text), Sampleland and Another Sample Republic"
    );
}

#[test]
fn openxml_audit_finds_no_violation_in_the_pack() {
    if !common::have("openxml-audit") {
        return;
    }
    let dir = common::scratch("docx-pack-audit");
    for (name, right_hand) in [("pack.docx", false), ("pack-print.docx", true)] {
        let path = write(&dir, name, &pack(right_hand).0);
        let p = path.to_string_lossy();
        let (ok, report, err) =
            common::run_tool("openxml-audit", &["-f", "microsoft365", "-m", "0", &p]);
        assert!(
            ok && report.contains("Errors: 0"),
            "openxml-audit on {p}:\n{report}{err}"
        );
    }
}

#[test]
fn the_same_pack_twice_gives_the_same_bytes() {
    let first = pack(false).0;
    assert!(pack(false).0 == first, "twice in a row");
    let theme = common::example_theme();
    let countries = countries(&theme);
    let front = front_of(&countries);
    let opts = PackDocxOptions {
        docx: DocxOptions { epoch: None },
        right_hand: false,
    };
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..4)
            .map(|_| s.spawn(|| combined_docx(&front, &countries, &theme, &opts).unwrap()))
            .collect();
        for h in handles {
            assert!(h.join().unwrap() == first, "a parallel build differs");
        }
    });
}

/// Convert a DOCX to PDF with LibreOffice; the PDF's path.
fn libreoffice(dir: &Path, docx: &Path) -> PathBuf {
    common::docx::libreoffice(dir, &[docx.to_path_buf()]).remove(0)
}

/// The text of each page of a PDF.
fn pages(pdf: &Path) -> Vec<String> {
    let (ok, text, err) = common::run_tool("pdftotext", &[&pdf.to_string_lossy(), "-"]);
    assert!(ok, "{err}");
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// The page (index from 0) after the front matter that a country's title
/// opens: among its first lines (the kicker stands above it).
fn opening(pages: &[String], title: &str) -> usize {
    let title = squeeze(title);
    (2..pages.len())
        .find(|&i| {
            let head: String = pages[i].trim_start().lines().take(4).collect();
            squeeze(&head).contains(&title)
        })
        .unwrap_or_else(|| panic!("{title} opens no page"))
}

#[test]
fn libreoffice_reads_every_country_and_numbers_the_contents_itself() {
    if !common::have("soffice") || !common::have("pdftotext") {
        return;
    }
    let dir = common::scratch("docx-pack-soffice");
    let (bytes, countries) = pack(false);
    let pdf = libreoffice(&dir, &write(&dir, "pack.docx", &bytes));
    let pages = pages(&pdf);
    assert!(
        squeeze(&pages[0]).contains("Countryfactsheets"),
        "the cover"
    );
    assert!(pages[1].to_lowercase().contains("contents"), "the contents");
    // Each country's title opens a page of its own, in order.
    let starts: Vec<usize> = countries
        .iter()
        .map(|c| opening(&pages, &c.doc.title))
        .collect();
    assert!(starts.windows(2).all(|w| w[0] < w[1]), "{starts:?}");
    assert_eq!(starts[0], 2, "the first country follows the contents");
    // The contents show the pages LibreOffice set the countries on.
    // (Without the dots that lead each entry to its number.)
    let contents = squeeze(&pages[1]).replace('.', "");
    for (c, start) in countries.iter().zip(&starts) {
        let entry = format!("{}{}", squeeze(&c.doc.title), start + 1);
        assert!(contents.contains(&entry), "{entry} in {contents}");
    }
    // Every sentence of every country, and every note, somewhere after
    // its title; page numbers run on through the document.
    let whole = squeeze(&pages.join(""));
    for (c, start) in countries.iter().zip(&starts) {
        let from = squeeze(&pages[*start..].join(""));
        for p in c.doc.paragraphs() {
            for sentence in doc::plain_text(&p.runs).split_inclusive(". ") {
                let s = squeeze(sentence);
                assert!(
                    from.contains(&s) || whole.contains(&s),
                    "{}: LibreOffice's PDF lacks {sentence}",
                    c.doc.title
                );
            }
        }
        for n in &c.doc.notes {
            let note = squeeze(&doc::plain_text(&n.runs));
            assert!(whole.contains(&note), "{}'s note {}", c.doc.title, n.number);
        }
    }
    let total = pages.len();
    let last = &pages[total - 1];
    assert!(
        last.contains(&format!("Page {total} of {total}")),
        "continuous page numbers: {last}"
    );
}

#[test]
fn countries_start_on_right_hand_pages_for_print() {
    let (docx, countries) = pack(true);
    let body = part(&docx, "word/document.xml");
    assert_eq!(
        body.matches(r#"<w:type w:val="oddPage"/>"#).count(),
        countries.len()
    );
    if !common::have("soffice") || !common::have("pdftotext") {
        return;
    }
    let dir = common::scratch("docx-pack-print");
    let pdf = libreoffice(&dir, &write(&dir, "pack.docx", &docx));
    // LibreOffice lays out the blank pages before a right-hand start but
    // leaves them out of its PDF: the page numbers tell.
    let pages = pages(&pdf);
    for c in &countries {
        let page = &pages[opening(&pages, &c.doc.title)];
        let squeezed = squeeze(page);
        let at = squeezed.rfind("Page").expect("a page number") + 4;
        let number: String = squeezed[at..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let number: usize = number.parse().unwrap();
        assert_eq!(number % 2, 1, "{} starts on page {number}", c.doc.title);
    }
}

#[test]
fn libreoffice_replaces_the_page_numbers_given_with_its_own() {
    if !common::have("soffice") || !common::have("pdftotext") {
        return;
    }
    // Pages the document does not have: what LibreOffice shows must be
    // the pages it set the countries on.
    let theme = common::example_theme();
    let countries = countries(&theme);
    let front = front_of(&countries);
    let mut bare = Document::bare("en");
    bare.logo = front.logo.clone();
    let (_, front_design) = factsheet::pipeline::resolve(&bare, &theme).unwrap();
    let parts: Vec<factsheet::docx::CombinedCountry> = countries
        .iter()
        .enumerate()
        .map(|(i, c)| factsheet::docx::CombinedCountry {
            doc: &c.doc,
            design: &c.design,
            first_page: 40 + i,
        })
        .collect();
    let opts = factsheet::docx::CombinedOptions {
        epoch: None,
        right_hand: false,
    };
    let bytes = factsheet::docx::render_pack(&front, &front_design, &parts, &theme, &opts).unwrap();
    let body = part(&bytes, "word/document.xml");
    assert!(body.contains(">41</w:t>"), "the number given is written");
    let dir = common::scratch("docx-pack-pageref");
    let pdf = libreoffice(&dir, &write(&dir, "pack.docx", &bytes));
    let pages = pages(&pdf);
    let contents = squeeze(&pages[1]).replace('.', "");
    for c in &countries {
        let start = opening(&pages, &c.doc.title);
        let entry = format!("{}{}", squeeze(&c.doc.title), start + 1);
        assert!(contents.contains(&entry), "{entry} in {contents}");
    }
    assert!(!contents.contains("41"), "{contents}");
}

#[test]
fn a_right_to_left_pack_mirrors_its_front_matter() {
    let theme = common::example_theme();
    let path = common::root().join("reports/samples/sample-ar.toml");
    let (loaded, diags) = factsheet::job::load_document(&path, &theme, None);
    let doc = loaded.unwrap_or_else(|| panic!("{diags:?}")).1;
    let p = prepare(&doc, &theme).expect("lays out");
    let countries = vec![PackCountry {
        doc,
        design: p.design,
        layout: p.layout,
    }];
    let mut front = front_of(&countries);
    front.lang = "ar".into();
    front.title = "صحائف وقائع نموذجية".into();
    front.contents = "المحتويات".into();
    let opts = PackDocxOptions {
        docx: DocxOptions { epoch: None },
        right_hand: false,
    };
    let bytes = combined_docx(&front, &countries, &theme, &opts).expect("renders");
    let body = part(&bytes, "word/document.xml");
    // Every section right to left, the cover's included; the logos at the
    // left margin, where right-to-left lines end.
    let sections = body.matches("<w:sectPr>").count();
    assert_eq!(body.matches("<w:bidi/></w:sectPr>").count(), sections);
    assert_eq!(
        body.matches(r#"<wp:positionH relativeFrom="margin"><wp:align>left</wp:align>"#)
            .count(),
        2,
        "the cover's logo and the band's"
    );
    assert!(body.contains(r#"<w:rtl/></w:rPr><w:t xml:space="preserve">المحتويات</w:t>"#));
    let styles = part(&bytes, "word/styles.xml");
    assert!(styles.contains("<w:pPrDefault><w:pPr><w:bidi/></w:pPr></w:pPrDefault>"));
    if common::have("openxml-audit") {
        let dir = common::scratch("docx-pack-rtl");
        let path = write(&dir, "pack-ar.docx", &bytes);
        let p = path.to_string_lossy();
        let (ok, report, err) =
            common::run_tool("openxml-audit", &["-f", "microsoft365", "-m", "0", &p]);
        assert!(ok && report.contains("Errors: 0"), "{report}{err}");
    }
}
