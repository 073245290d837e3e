//! The format-neutral document tree of the bundled example: everything the
//! writers need, in reading order, numbers and labels resolved.

mod common;

use factsheet::doc::{Block, Run, plain_text};

#[test]
fn the_bolivia_tree_holds_every_block_in_order() {
    let doc = common::example_doc();
    assert_eq!(doc.title, "Bolivia");
    assert_eq!(
        doc.kicker,
        "Country factsheet · Down to Zero Alliance 2016\u{2013}2020"
    );
    assert_eq!(doc.lang, "en");

    // Indicator row: four boxes, money formatted by the locale, the TIP
    // box carrying footnote 1 (read first, so numbered first).
    let row = doc.indicators.as_ref().unwrap();
    assert_eq!(row.heading, "Key national indicators in 2016\u{2013}2020");
    let values: Vec<&str> = row.boxes.iter().map(|b| b.value.as_str()).collect();
    assert_eq!(
        values,
        [
            "2016\u{2013}2020",
            "Tier 2",
            "Obstructed",
            "€\u{a0}1,243,315"
        ]
    );
    assert_eq!(row.boxes[1].note, Some(1));
    assert!(row.note.is_none(), "no sample data in the example");

    // Body: paragraphs in source order, headings, then the call-out right
    // after the section "focus".
    let kinds: Vec<String> = doc
        .body
        .iter()
        .map(|b| match b {
            Block::Heading(h) => format!("H:{}", h.text),
            Block::Paragraph(p) => format!("P:{}", p.id),
            Block::Callout(c) => format!("C:{} {}", c.label, c.amount),
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "P:context.1",
            "P:context.2",
            "H:FOCUS OF OUR WORK",
            "P:focus.1",
            "C:Budget 2016\u{2013}2020 €\u{a0}1,243,315",
            "H:MAIN RESULTS ON CHILDREN/YOUTH EMPOWERMENT",
            "P:results.1",
        ]
    );
    let paragraphs: Vec<String> = doc.paragraphs().map(|p| plain_text(&p.runs)).collect();
    assert!(
        paragraphs[0].starts_with("Despite improvements regarding the social economic situation")
    );
    assert!(paragraphs[1].contains("Bolivia ranks in Tier 2. In Bolivia"));
    assert!(paragraphs[3].ends_with("entered employment programmes."));

    // The footnote: number 1, referenced in paragraph 2 right after "Tier 2."
    assert_eq!(doc.notes.len(), 1);
    assert_eq!(doc.notes[0].number, 1);
    assert_eq!(doc.notes[0].key, "tip");
    assert!(
        plain_text(&doc.notes[0].runs)
            .starts_with("The Trafficking in Persons Report, or the TIP Report")
    );
    let Block::Paragraph(p) = &doc.body[1] else {
        panic!()
    };
    let at = p
        .runs
        .iter()
        .position(|r| *r == Run::NoteRef(1))
        .expect("marker");
    assert!(matches!(&p.runs[at - 1], Run::Text { text, .. } if text.ends_with("Tier 2.")));

    // Properties and furniture.
    assert_eq!(
        doc.meta.title,
        "Bolivia\u{a0}– Country factsheet 2016\u{2013}2020"
    );
    assert_eq!(doc.meta.author, "Down to Zero Alliance");
    assert_eq!(doc.footer.page_pattern, "Page {page} of {pages}");
    assert!(doc.logo.as_ref().is_some_and(|l| l.alt.contains("logo")));
}

#[test]
fn a_locale_with_its_translation_makes_the_whole_document_spanish() {
    let theme = common::example_theme();
    let (loaded, d) = factsheet::job::load_document(&common::example_path(), &theme, Some("es"));
    assert!(
        d.is_empty(),
        "{:?}",
        d.iter()
            .map(factsheet::diag::Diagnostics::render_plain)
            .collect::<Vec<_>>()
    );
    let doc = loaded.unwrap().1;
    assert_eq!(doc.label_lang, "es");
    assert_eq!(
        doc.lang, "es",
        "the text comes from translations/es/bolivia.toml"
    );
    let row = doc.indicators.as_ref().unwrap();
    assert_eq!(row.heading, "Indicadores nacionales clave 2016\u{2013}2020");
    assert_eq!(row.boxes[1].label, "Clasificación en el Informe TIP");
    assert_eq!(row.boxes[1].value, "Nivel 2");
    assert_eq!(row.boxes[3].value, "1.243.315\u{a0}€");
    assert_eq!(doc.footer.page_pattern, "Página {page} de {pages}");
    assert_eq!(
        doc.kicker,
        "Ficha de país \u{b7} Alianza Down to Zero 2016\u{2013}2020"
    );
    let callout = doc.body.iter().find_map(|b| match b {
        Block::Callout(c) => Some(c),
        _ => None,
    });
    assert_eq!(callout.unwrap().label, "Presupuesto 2016\u{2013}2020");
    // Translated texts point into the translation file.
    let first = doc.paragraphs().next().unwrap();
    let at = first.at.as_ref().unwrap();
    assert!(
        at.file.path.ends_with("translations/es/bolivia.toml"),
        "{:?}",
        at.file.path
    );
    assert!(at.file.text[at.span.clone()].contains("A pesar de las mejoras"));
    let quoted = doc
        .paragraphs()
        .map(|p| factsheet::doc::plain_text(&p.runs))
        .find(|t| t.contains("obstruido"))
        .unwrap();
    assert!(quoted.contains("\u{ab}obstruido\u{bb}"), "{quoted}");
}

/// Two markers side by side ("[^a] [^b]", with or without the space) are
/// kept together and set apart by a raised comma: in the tree, in the
/// PDF's text and in the DOCX, so that "¹²" never reads as note 12.
#[test]
fn markers_side_by_side_are_set_apart_by_a_comma() {
    let toml = std::fs::read_to_string(common::example_path())
        .unwrap()
        .replace("Tier 2.[^tip]", "Tier 2.[^tip] [^civ][^tip]")
        .replace(
            "[footnotes]\n",
            "[footnotes]\nciv = \"The CIVICUS Monitor rates civic space.\"\n",
        );
    let doc = common::doc_from(&toml);
    let Block::Paragraph(p) = &doc.body[1] else {
        panic!()
    };
    let at = p.runs.iter().position(|r| *r == Run::NoteRef(1)).unwrap();
    assert_eq!(
        p.runs[at..at + 3],
        [Run::NoteRef(1), Run::NoteRef(2), Run::NoteRef(1)],
        "no space is left between the markers"
    );
    assert!(factsheet::doc::marker_after_marker(&p.runs, at + 1));
    assert!(!factsheet::doc::marker_after_marker(&p.runs, at));

    let built = common::pipeline(&toml).unwrap();
    // The layout's own check compares the placed text with the tree's,
    // separators included; pdftotext reads them back.
    if common::have("pdftotext") {
        let dir = common::scratch("marker-commas");
        let pdf = dir.join("markers.pdf");
        std::fs::write(&pdf, &built.pdf).unwrap();
        let (ok, text, _) = common::run_tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
        assert!(ok);
        assert!(text.contains("Tier 2.¹,²,¹"), "{text}");
    } else {
        common::missing("pdftotext");
    }
    // In the DOCX: a raised comma run between the references.
    let xml = common::docx::part(&built.docx, "word/document.xml");
    let commas = xml
        .matches(
            r#"<w:rStyle w:val="FootnoteReference"/></w:rPr><w:t xml:space="preserve">,</w:t>"#,
        )
        .count();
    assert_eq!(commas, 2, "raised commas in the DOCX's body");
}

/// French puts a narrow no-break space before a colon; after a note
/// marker it goes after the marker, which stays on its word: "plus¹⁰ :",
/// not "plus ¹⁰:" (the marker drawn away from the word it qualifies).
#[test]
fn french_spacing_leaves_a_marker_on_its_word() {
    let toml = std::fs::read_to_string(common::example_path())
        .unwrap()
        .replace("language = \"en\"", "language = \"fr\"")
        .replace(
            "Tier 2.[^tip]",
            "enquête plus[^tip]: organisations, enquête national:[^tip] la",
        );
    let doc = common::doc_from(&toml);
    let Block::Paragraph(p) = &doc.body[1] else {
        panic!()
    };
    let at = p.runs.iter().position(|r| *r == Run::NoteRef(1)).unwrap();
    let text = |r: &Run| match r {
        Run::Text { text, .. } => text.clone(),
        other => panic!("{other:?}"),
    };
    assert!(
        text(&p.runs[at - 1]).ends_with("plus"),
        "{:?}",
        p.runs[at - 1]
    );
    assert!(
        text(&p.runs[at + 1]).starts_with("\u{202f}: organisations"),
        "{:?}",
        p.runs[at + 1]
    );
    // A marker after the colon: the space still goes before the colon.
    assert!(
        text(&p.runs[at + 1]).ends_with("national\u{202f}:"),
        "{:?}",
        p.runs[at + 1]
    );
}
