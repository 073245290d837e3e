//! Layout invariants, asserted on the engine's own positioned output for
//! the bundled example and for generated profiles that push the engine:
//! very long and very short text, 1 and 9 indicators, an unbreakable word,
//! many footnotes, and footnote markers in the last line of a page.

mod common;

use factsheet::doc::Document;
use factsheet::layout::{self, FlowRole, ItemKind, Layout, Owner, RegionKind, TextId};
use factsheet::theme::Theme;
use factsheet::units::Pt;

/// Typographic rules the verifier does not hold the layout to (they may
/// give way when nothing else fits), as readable lines. Geometry,
/// conservation and notes are the library's verifier's: every layout
/// here has passed it.
fn violations(l: &Layout) -> Vec<String> {
    let mut v = Vec::new();
    // 1. Justified word spaces within bounds.
    for (i, line) in l.lines.iter().enumerate() {
        if line.justified && line.has_spaces && !(0.66..=2.26).contains(&line.space_factor) {
            v.push(format!(
                "line {i}: word spaces at {:.2} of their width",
                line.space_factor
            ));
        }
    }
    // 2. No heading last in a column; 3. no widow or orphan.
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
                ));
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
    v
}

fn lay(doc: &Document, theme: &Theme) -> Layout {
    match factsheet::pipeline::prepare(doc, theme) {
        Ok(p) => p.layout,
        Err(f) => panic!(
            "{}",
            f.diagnostics
                .iter()
                .map(factsheet::diag::Diagnostics::render_plain)
                .collect::<String>()
        ),
    }
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
    // The note's number beside "Tier 2" is smaller than the value, but
    // not a running-text marker's size, which read as an apostrophe.
    let runs: Vec<_> = l.pages[0]
        .items
        .iter()
        .filter_map(|i| match &i.kind {
            ItemKind::Text(run) => Some(run),
            _ => None,
        })
        .collect();
    let value = runs.iter().find(|r| r.text.contains("Tier 2")).unwrap();
    let marker = runs
        .iter()
        .find(|r| r.text == "\u{b9}" && (r.origin.y - value.origin.y).abs() < value.size)
        .expect("the marker beside the value");
    let share = marker.size.0 / value.size.0;
    assert!(
        (0.7..0.8).contains(&share),
        "marker at {share:.2} of the value"
    );
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

/// The verifier must be able to fail: a sound layout of the example,
/// tampered with in each way it guards against, is caught every time.
#[test]
fn the_verifier_catches_lost_moved_and_misplaced_text() {
    let doc = common::example_doc();
    let theme = common::example_theme();
    let prepared = factsheet::pipeline::prepare(&doc, &theme).unwrap();
    let verify = |l: &Layout| {
        layout::verify::verify(&doc, &prepared.design, &prepared.fonts, l)
            .into_iter()
            .map(|p| p.message)
            .collect::<Vec<_>>()
    };
    assert!(verify(&prepared.layout).is_empty());

    // A line of a paragraph dropped.
    let mut lost = prepared.layout.clone();
    let page = &mut lost.pages[0];
    let i = page
        .items
        .iter()
        .position(|it| matches!(it.text, Some(TextId::Block(_))))
        .unwrap();
    page.items.remove(i);
    let v = verify(&lost);
    assert!(
        v.iter().any(|m| m.contains("not on the pages as written")),
        "{v:?}"
    );

    // A line drawn twice.
    let mut twice = prepared.layout.clone();
    let item = twice.pages[0].items[i].clone();
    twice.pages[0].items.push(item);
    assert!(!verify(&twice).is_empty());

    // A run moved below the page.
    let mut off = prepared.layout.clone();
    if let ItemKind::Text(run) = &mut off.pages[0].items[i].kind {
        run.origin.y += off.height;
    }
    let v = verify(&off);
    assert!(v.iter().any(|m| m.contains("off the page")), "{v:?}");

    // A run moved out of its column into the other (still on the page).
    let mut strayed = prepared.layout.clone();
    if let ItemKind::Text(run) = &mut strayed.pages[0].items[i].kind {
        run.origin.x += factsheet::units::Pt(40.0);
    }
    let v = verify(&strayed);
    assert!(v.iter().any(|m| m.contains("runs past")), "{v:?}");

    // Text set into the wrong kind of region.
    let mut wrong = prepared.layout.clone();
    let notes = wrong.pages[0]
        .regions
        .iter()
        .position(|r| r.kind == RegionKind::Notes)
        .unwrap();
    wrong.pages[0].items[i].region = Some(notes);
    let v = verify(&wrong);
    assert!(v.iter().any(|m| m.contains("region, not the")), "{v:?}");

    // A note away from its marker's page.
    let mut moved = prepared.layout.clone();
    moved.pages.push(Default::default());
    let n = moved.pages[0].notes.remove(0);
    moved.pages[1].notes.push(n);
    let v = verify(&moved);
    assert!(v.iter().any(|m| m.contains("starts on page 2")), "{v:?}");

    // Two regions overlapping.
    let mut overlap = prepared.layout.clone();
    let cols: Vec<usize> = overlap.pages[0]
        .regions
        .iter()
        .enumerate()
        .filter(|(_, r)| r.kind == RegionKind::Column)
        .map(|(k, _)| k)
        .collect();
    overlap.pages[0].regions[cols[0]].rect.w = overlap.pages[0].regions[cols[0]].rect.w * 1.5;
    let v = verify(&overlap);
    assert!(v.iter().any(|m| m.contains("overlap")), "{v:?}");
}

#[test]
fn a_right_to_left_document_sets_its_notes_from_the_right() {
    let theme = common::example_theme();
    let path = common::root().join("reports/samples/sample-ar.toml");
    let (loaded, _) = factsheet::job::load_document(&path, &theme, None);
    let doc = loaded.expect("the Arabic sample loads").1;
    let l = lay(&doc, &theme);
    let page = &l.pages[0];
    let notes = page
        .regions
        .iter()
        .position(|r| r.kind == RegionKind::Notes)
        .expect("a note area");
    let area = page.regions[notes].rect;
    let middle = area.x + area.w / 2.0;
    let mut rules = 0;
    let mut texts = 0;
    for item in page.items.iter().filter(|i| i.region == Some(notes)) {
        match &item.kind {
            ItemKind::Rule { from, to, .. } => {
                rules += 1;
                // The short rule ends at the area's right edge.
                assert!((to.x.0.max(from.x.0) - (area.x + area.w).0).abs() < 0.01);
                assert!(from.x.0.min(to.x.0) > middle.0);
            }
            ItemKind::Text(run) => {
                texts += 1;
                // One short note: it stands in the right-hand column.
                assert!(run.origin.x > middle, "note text at {:?}", run.origin.x);
            }
            _ => {}
        }
    }
    assert_eq!(rules, 1);
    assert!(texts > 0);
}

#[test]
fn the_profiles_own_labels_run_in_their_own_direction_beside_english_ones() {
    // The Arabic sample without its locale file: the labels the tool
    // writes are English ("Key national indicators"), but the indicators'
    // labels are the profile's own Arabic, and run right to left: each
    // stands at the right of its box, not at the left.
    let (doc, theme) = common::arabic_sample_without_its_locale("rtl-english-labels");
    let l = lay(&doc, &theme);
    let page = &l.pages[0];
    let mut labels = 0;
    for item in &page.items {
        let (ItemKind::Text(run), Some(TextId::BoxLabel(_)), Some(r)) =
            (&item.kind, item.text, item.region)
        else {
            continue;
        };
        let area = page.regions[r].rect;
        labels += 1;
        assert!(run.rtl, "{:?} runs left to right", run.text);
        // Short labels: their left edge well into the box, their right
        // edge at its inner right.
        assert!(
            run.origin.x > area.x + area.w * 0.3,
            "{:?} starts at {:?} in a box from {:?} to {:?}",
            run.text,
            run.origin.x,
            area.x,
            area.x + area.w
        );
    }
    assert!(labels >= 3, "{labels} box labels");
    // The tool's own English labels still run left to right, but stand
    // where the document's lines start, at the right (as Word sets them).
    let (heading, region) = page
        .items
        .iter()
        .find_map(|i| match (&i.kind, i.text, i.region) {
            (ItemKind::Text(run), Some(TextId::IndicatorHeading), Some(r)) => Some((run, r)),
            _ => None,
        })
        .expect("the indicator heading");
    assert!(!heading.rtl);
    let area = page.regions[region].rect;
    let right = heading.origin.x + heading.width();
    assert!(
        (right - (area.x + area.w)).0.abs() < 0.5,
        "the heading ends at {right:?}, its region at {:?}",
        area.x + area.w
    );
}

#[test]
fn letters_that_join_or_share_a_headline_are_never_spaced() {
    // Arabic letters join and Devanagari letters hang from one headline:
    // letter-spacing (a label's tracking, or to justify a line) breaks the
    // word apart.
    let theme = common::example_theme();
    // Labels are tracked (letter-spaced) when set in capitals: not those
    // in a joined script. The kicker is as wide with tracking as without,
    // while a Latin kicker widens.
    // (width of the kicker's glyphs, characters it holds outside a joined
    // script)
    let kicker = |doc: &Document, caps: bool| {
        let mut theme = common::example_theme();
        theme.text.uppercase_labels = caps;
        let l = lay(doc, &theme);
        let runs: Vec<_> = l.pages[0]
            .items
            .iter()
            .filter(|i| i.text == Some(factsheet::layout::TextId::Kicker))
            .filter_map(|i| match &i.kind {
                ItemKind::Text(run) => Some(run.clone()),
                _ => None,
            })
            .collect();
        let width: f64 = runs
            .iter()
            .flat_map(|r| &r.glyphs)
            .map(|g| g.advance.0)
            .sum();
        let others = runs
            .iter()
            .flat_map(|r| r.text.chars())
            .filter(|&c| !factsheet::layout::shape::joined_script(c))
            .count();
        (width, others)
    };
    let path = common::root().join("reports/samples/sample-ar.toml");
    let (loaded, _) = factsheet::job::load_document(&path, &theme, None);
    let arabic = loaded.unwrap().1;
    let ((tracked, others), (plain, _)) = (kicker(&arabic, true), kicker(&arabic, false));
    // Only its spaces, figures and punctuation may take the 0.08 em of
    // tracking, at 8.5 pt.
    let most = 0.08 * 8.5 * others as f64 + 0.01;
    assert!(
        tracked - plain <= most,
        "{tracked} against {plain}: more than {most}"
    );
    let latin = common::example_doc();
    let ((tracked, _), (plain, _)) = (kicker(&latin, true), kicker(&latin, false));
    assert!(tracked - plain > 10.0, "{tracked} against {plain}");
}

/// A lone indicator box is a column wide; in a right-to-left document it
/// stands at the right margin, where lines start (it stood at the left).
#[test]
fn a_lone_box_stands_where_lines_start() {
    let theme = Theme::default();
    for (lang, at_right) in [("ar", true), ("en", false)] {
        let doc = common::doc_from(&common::one_box_profile(lang));
        let (_, design) = factsheet::pipeline::resolve(&doc, &theme).unwrap();
        let l = lay(&doc, &theme);
        let panel = l.pages[0]
            .items
            .iter()
            .find_map(|i| match &i.kind {
                ItemKind::Fill { rect, paint } if *paint == factsheet::design::Paint::Panel => {
                    Some(*rect)
                }
                _ => None,
            })
            .expect("the box");
        let page = &design.page;
        assert!(panel.w < page.text_width, "{lang}: a column wide");
        let edge = if at_right {
            (panel.x + panel.w - (page.margin_left + page.text_width)).0
        } else {
            (panel.x - page.margin_left).0
        };
        assert!(edge.abs() < 0.01, "{lang}: the box at {panel:?}");
    }
}

/// A running footer takes one line: where the whole text ("programme
/// period · country") would take two, a shorter form that takes one is
/// chosen (two lines crowded the trim edge).
#[test]
fn the_footer_takes_a_shorter_form_rather_than_two_lines() {
    let programme = "Alliance for the Protection of Children and Young People from Exploitation";
    let country = "The Plurinational State of Somewhere Far Away";
    let toml = std::fs::read_to_string(common::example_path())
        .unwrap()
        .replacen(
            "name = \"Down to Zero Alliance\"",
            &format!("name = \"{programme}\""),
            1,
        )
        .replacen("name = \"Bolivia\"", &format!("name = \"{country}\""), 1);
    let doc = common::doc_from(&toml);
    let theme = Theme::default();
    let (_, design) = factsheet::pipeline::resolve(&doc, &theme).unwrap();
    // The whole text would take two lines in the footer's measure.
    let fonts = factsheet::fonts::builtin_fonts();
    let m = factsheet::layout::measure::Measurer::new(&fonts, "en");
    let style = design.style(factsheet::design::Role::Footer);
    use factsheet::design::Measure;
    assert_eq!(
        m.line_count(&doc.footer.text, style, design.footer.text_width),
        2
    );
    assert_eq!(design.footer.text, doc.footer.shorter[0]);
    assert_eq!(
        m.line_count(&design.footer.text, style, design.footer.text_width),
        1
    );
}

#[test]
fn a_period_after_a_programme_name_of_the_other_direction_keeps_its_order() {
    // "Country factsheet · تحالف نحو الصفر 2016–2020": without a mark after
    // the Arabic name, the bidirectional algorithm takes the figures into
    // the name's right-to-left run, and the line read "2020–2016" before
    // the name.
    let toml = std::fs::read_to_string(common::example_path())
        .unwrap()
        .replace(
            "name = \"Down to Zero Alliance\"",
            "name = \"تحالف نحو الصفر\"",
        );
    let doc = common::doc_from(&toml);
    let l = lay(&doc, &common::example_theme());
    let kicker: Vec<_> = l.pages[0]
        .items
        .iter()
        .filter_map(|i| match (&i.kind, i.text) {
            (ItemKind::Text(run), Some(TextId::Kicker)) => Some(run),
            _ => None,
        })
        .collect();
    let arabic = kicker.iter().find(|r| r.rtl).expect("the name's run");
    let period = kicker
        .iter()
        .find(|r| r.text.contains("2016"))
        .expect("the period's run");
    assert!(!period.rtl);
    assert!(
        period.text.contains("2016–2020") || period.text.contains("2016-2020"),
        "{:?}",
        period.text
    );
    assert!(
        period.origin.x > arabic.origin.x,
        "the period stands before the name: {kicker:?}"
    );
}
