//! Layout invariants, asserted on the engine's own positioned output for
//! the bundled example and for generated profiles that push the engine:
//! very long and very short text, 1 and 9 indicators, an unbreakable word,
//! many footnotes, and footnote markers in the last line of a page.

mod common;

use factsheet::doc::Document;
use factsheet::layout::{self, FlowRole, ItemKind, Layout, Owner, RegionKind};
use factsheet::theme::Theme;
use factsheet::units::Pt;

/// Everything wrong with a layout, as readable lines.
fn violations(l: &Layout) -> Vec<String> {
    let mut v = Vec::new();
    // 1. Every glyph inside a region of its page (columns, boxes, call-out,
    //    notes, title band, footer); text never drawn outside.
    for (p, page) in l.pages.iter().enumerate() {
        for item in &page.items {
            let ItemKind::Text(run) = &item.kind else {
                continue;
            };
            let b = run.bounds();
            // Horizontal: exact. Vertical: the font's ascender may reach
            // a fraction of a point above a tight line box.
            let inside = page.regions.iter().any(|r| {
                b.x >= r.rect.x - Pt(0.01)
                    && b.right() <= r.rect.right() + Pt(0.01)
                    && b.y >= r.rect.y - Pt(1.0)
                    && b.bottom() <= r.rect.bottom() + Pt(1.0)
            });
            if !inside {
                v.push(format!(
                    "page {}: text {:?} at {:?} is outside every region",
                    p + 1,
                    run.text,
                    b
                ));
            }
        }
        for r in &page.regions {
            if r.rect.x < Pt(0.0) || r.rect.right() > l.width || r.rect.bottom() > l.height {
                v.push(format!("page {}: region {:?} leaves the trim", p + 1, r));
            }
        }
        // Body text stays above the footnotes.
        let notes_top = page
            .regions
            .iter()
            .filter(|r| r.kind == RegionKind::Notes)
            .map(|r| r.rect.y)
            .fold(l.height, Pt::min);
        for r in page.regions.iter().filter(|r| r.kind == RegionKind::Column) {
            if r.rect.bottom() > notes_top + Pt(0.01) {
                v.push(format!("page {}: a column runs into the notes", p + 1));
            }
        }
    }
    // 2. Justified word spaces within bounds.
    for (i, line) in l.lines.iter().enumerate() {
        if line.justified && line.has_spaces && !(0.66..=2.26).contains(&line.space_factor) {
            v.push(format!(
                "line {i}: word spaces at {:.2} of their width",
                line.space_factor
            ));
        }
    }
    // 3. No heading last in a column; 4. no widow or orphan.
    for c in &l.columns {
        match c.items.last() {
            Some(FlowRole::Heading { .. }) => v.push(format!(
                "page {} column {}: ends with a heading",
                c.page + 1,
                c.column + 1
            )),
            Some(FlowRole::Line { line, lines, .. })
                if line + 1 < *lines && (line + 1 < 2 || lines - line - 1 < 2) =>
            {
                v.push(format!(
                    "page {} column {}: a paragraph is split {}+{}",
                    c.page + 1,
                    c.column + 1,
                    line + 1,
                    lines - line - 1
                ))
            }
            _ => {}
        }
        if let Some(FlowRole::Line { line, lines, .. }) = c.items.first()
            && *line > 0
            && (*line < 2 || lines - line < 2)
        {
            v.push(format!(
                "page {} column {}: continues a paragraph {}+{}",
                c.page + 1,
                c.column + 1,
                line,
                lines - line
            ));
        }
    }
    // 5. Every note on the page of its first marker.
    let mut seen = Vec::new();
    for (p, page) in l.pages.iter().enumerate() {
        for n in &page.note_refs {
            if !seen.contains(n) && !page.notes.contains(n) {
                v.push(format!(
                    "note {n}: marker on page {} but the note is not",
                    p + 1
                ));
            }
        }
        for n in &page.notes {
            if !page.note_refs.contains(n) {
                v.push(format!("note {n}: on page {} without its marker", p + 1));
            }
        }
        seen.extend(page.note_refs.iter().copied());
    }
    v
}

fn lay(doc: &Document, theme: &Theme) -> Layout {
    let fonts = factsheet::fonts::fonts_for(&theme.fonts).unwrap();
    layout::layout(doc, theme, &fonts).unwrap_or_else(|e| panic!("{e}"))
}

fn assert_clean(name: &str, l: &Layout) {
    let v = violations(l);
    assert!(v.is_empty(), "{name}:\n{}", v.join("\n"));
}

/// A generated profile: `indicators` boxes, sections of paragraphs,
/// footnotes (key, text).
fn profile(
    indicators: usize,
    sections: &[(Option<&str>, Vec<String>)],
    notes: &[(String, String)],
) -> String {
    let mut s = String::from(
        "language = \"en\"\n[country]\nname = \"Testland\"\ncode = \"BO\"\n[programme]\nname = \"Test programme\"\nperiod = \"2021-2025\"\n",
    );
    for i in 0..indicators {
        s += &format!(
            "[[indicator]]\nid = \"i{i}\"\nlabel = \"Indicator number {i}\"\nvalue = {}\nsource = \"Sample source\"\nyear = 2024\nsample = true\n",
            1000 * (i + 1)
        );
    }
    for (n, (heading, paragraphs)) in sections.iter().enumerate() {
        s += &format!("[[section]]\nid = \"s{n}\"\n");
        if let Some(h) = heading {
            s += &format!("heading = \"{h}\"\n");
        }
        s += "paragraphs = [\n";
        for p in paragraphs {
            s += &format!("  \"{p}\",\n");
        }
        s += "]\n";
    }
    s += "[budget]\namount = 250000\ncurrency = \"EUR\"\nafter = \"s0\"\n";
    if !notes.is_empty() {
        s += "[footnotes]\n";
        for (k, t) in notes {
            s += &format!("{k} = \"{t}\"\n");
        }
    }
    s
}

const SENTENCE: &str = "The programme trained young peers and municipal committees to detect and report sexual exploitation, and supported survivors to return to school.";

fn paragraph(sentences: usize) -> String {
    vec![SENTENCE; sentences].join(" ")
}

#[test]
fn the_example_is_one_clean_page() {
    let l = lay(&common::example_doc(), &common::example_theme());
    assert_clean("example", &l);
    assert_eq!(
        l.pages.len(),
        1,
        "the Bolivia factsheet fits one page, as printed"
    );
    // The TIP note is on page 1 with its markers (indicator box and text).
    assert_eq!(l.pages[0].notes, vec![1]);
    assert!(l.pages[0].note_refs.contains(&1));
    // Lines are justified, and some hyphenated.
    assert!(l.lines.iter().filter(|r| r.justified).count() > 40);
    assert!(l.lines.iter().any(|r| r.hyphenated));
}

#[test]
fn very_long_and_very_short_profiles() {
    let long: Vec<(Option<&str>, Vec<String>)> = (0..6)
        .map(|i| {
            (
                if i % 2 == 0 {
                    Some("A heading of some length")
                } else {
                    None
                },
                vec![paragraph(9), paragraph(4), paragraph(1)],
            )
        })
        .collect();
    let l = lay(
        &common::doc_from(&profile(4, &long, &[])),
        &Theme::default(),
    );
    assert!(l.pages.len() >= 3, "{} pages", l.pages.len());
    assert_clean("long", &l);

    let short = vec![(None, vec!["Short.".to_string()])];
    let l = lay(
        &common::doc_from(&profile(2, &short, &[])),
        &Theme::default(),
    );
    assert_eq!(l.pages.len(), 1);
    assert_clean("short", &l);
}

#[test]
fn one_and_nine_indicators() {
    let body = vec![(Some("Focus"), vec![paragraph(3)])];
    for n in [1, 9] {
        let l = lay(
            &common::doc_from(&profile(n, &body, &[])),
            &Theme::default(),
        );
        assert_clean(&format!("{n} indicators"), &l);
        let boxes = l.pages[0]
            .regions
            .iter()
            .filter(|r| r.kind == RegionKind::IndicatorBox)
            .count();
        assert_eq!(boxes, n);
    }
}

#[test]
fn long_unbreakable_words_never_spill() {
    let word = "Desaguaderoawarenessraisingvideoonsexualandreproductivehealthandrights".repeat(2);
    let body = vec![(
        Some(word.as_str()),
        vec![format!("{word} {SENTENCE} {word}")],
    )];
    let mut toml = profile(3, &body, &[]);
    // An indicator value longer than its box, too.
    toml = toml.replacen("value = 1000", &format!("value = \"{word}\""), 1);
    let l = lay(&common::doc_from(&toml), &Theme::default());
    assert_clean("long word", &l);
}

#[test]
fn many_footnotes() {
    let notes: Vec<(String, String)> = (1..=14)
        .map(|i| {
            (
                format!("n{i}"),
                format!("Note {i}: {}", vec![SENTENCE; 1 + i % 3].join(" ")),
            )
        })
        .collect();
    let paragraphs: Vec<String> = (1..=14)
        .map(|i| format!("{} Marked here.[^n{i}] {}", paragraph(2), paragraph(1)))
        .collect();
    let body = vec![(Some("Notes everywhere"), paragraphs)];
    let l = lay(
        &common::doc_from(&profile(4, &body, &notes)),
        &Theme::default(),
    );
    assert_clean("many notes", &l);
    let placed: Vec<u32> = l.pages.iter().flat_map(|p| p.notes.clone()).collect();
    assert_eq!(
        placed,
        (1..=14).collect::<Vec<_>>(),
        "every note once, in order"
    );
    assert!(
        l.pages.iter().any(|p| p.notes.len() >= 2),
        "several notes share a page"
    );
}

#[test]
fn a_marker_in_the_last_line_of_a_page() {
    // Shift a marker through the foot of page 1 word by word: wherever it
    // lands, its note must be on its page. At least one variant must put
    // the marker in a column's last line, or the test proves nothing.
    let note = vec![(
        "late".to_string(),
        format!("A note for the bottom of the page. {SENTENCE}"),
    )];
    let mut exercised = 0;
    for step in 0..90 {
        let (sentences, words) = (step / 3, step % 3 * 4);
        let filler = vec!["word"; words].join(" ");
        let paragraphs = vec![
            paragraph(12),
            paragraph(12),
            paragraph(12),
            format!(
                "{} {filler} marker.[^late] {}",
                paragraph(sentences),
                paragraph(8)
            ),
        ];
        let body = vec![(Some("Late marker"), paragraphs)];
        let l = lay(
            &common::doc_from(&profile(4, &body, &note)),
            &Theme::default(),
        );
        assert_clean(
            &format!("marker after {sentences} sentences and {words} words"),
            &l,
        );
        // Is the marker's line the last of its column?
        for c in &l.columns {
            if l.pages[c.page].notes.contains(&1) && marker_line_is_last(&l, c.page, c.column) {
                exercised += 1;
            }
        }
    }
    assert!(
        exercised > 0,
        "no variant put the marker in a column's last line"
    );
}

/// Whether the footnote marker's line is the lowest line of its column.
fn marker_line_is_last(l: &Layout, page: usize, column: usize) -> bool {
    let p = &l.pages[page];
    let col = p
        .regions
        .iter()
        .filter(|r| r.kind == RegionKind::Column)
        .nth(column);
    let Some(col) = col else { return false };
    let in_col = |b: &layout::Rect| col.rect.contains(b, Pt(1.0));
    let mut lowest = Pt(f64::MIN);
    let mut marker_y = None;
    for item in &p.items {
        if let ItemKind::Text(run) = &item.kind {
            let b = run.bounds();
            if !in_col(&b) {
                continue;
            }
            let baseline = run.origin.y
                + if run.size < Pt(7.0) {
                    run.size * 0.6
                } else {
                    Pt::ZERO
                };
            lowest = lowest.max(baseline);
            if let Owner::Node(n) = item.owner
                && matches!(l.nodes[n].kind, layout::NodeKind::Reference)
            {
                marker_y = Some(baseline);
            }
        }
    }
    marker_y.is_some_and(|y| (y - lowest).abs() < Pt(2.0))
}

#[test]
fn ragged_and_single_column_themes() {
    let mut theme = Theme::default();
    theme.text.justify = false;
    theme.page.columns = 1;
    let l = lay(&common::example_doc(), &theme);
    assert_clean("ragged, one column", &l);
    assert!(l.lines.iter().all(|r| !r.justified));
}
