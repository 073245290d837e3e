//! The verifier: the layout's proof of its own output, run on every laid
//! out document before anything is written.
//!
//! - **Conservation**: every character of every text of the document (the
//!   kicker and title, the indicators, headings, paragraphs, the call-out,
//!   the notes, the footer) appears in the pages once and in order. Hyphens
//!   the layout adds and the marks at line ends are not counted; white
//!   space is not compared (collapsing it is the layout's job).
//! - **Geometry**: every item lies inside the trim (the title band may
//!   reach into the bleed), every run of text inside the region it was set
//!   into, that region is of the kind the text belongs in, and regions lie
//!   inside their parents without overlapping their siblings.
//! - **Notes**: every note starts on the page of its first marker.
//!
//! A violation is a bug of the layout engine, reported with the text's
//! place in the profile.

use std::collections::BTreeMap;

use super::Problem;
use super::output::{Item, ItemKind, Layout, Owner, PageLayout, Rect, RegionKind, TextId, TextRun};
use crate::design::{Design, Role};
use crate::diag::Loc;
use crate::doc::{Block, Document, Run, superscript};
use crate::fonts::FontSet;
use crate::units::Pt;

/// Horizontal slack: runs are measured by their advances.
const SLACK_X: Pt = Pt(0.05);
/// Vertical slack: a line's ascender-to-descender box may reach a little
/// past its line pitch.
const SLACK_Y: Pt = Pt(0.5);

/// Every violation found in a factsheet's layout; empty when it is sound.
pub fn verify(doc: &Document, design: &Design, fonts: &FontSet, laid: &Layout) -> Vec<Problem> {
    let texts = Texts {
        expected: expected(doc, design, laid),
        describe: &|id| describe(doc, id),
        loc: &|id| loc(doc, id),
        order: doc
            .body
            .iter()
            .enumerate()
            .map(|(i, b)| match b {
                Block::Callout(_) => TextId::CalloutLabel(i),
                _ => TextId::Block(i),
            })
            .collect(),
        fonts,
    };
    let mut out = verify_texts(laid, &texts);
    notes_on_their_pages(doc, laid, &mut out);
    out
}

/// What a layout must hold, and how to name its texts in problems.
pub struct Texts<'a> {
    /// Every text with what it reads, in reading order.
    pub expected: Vec<(TextId, String)>,
    pub describe: &'a dyn Fn(TextId) -> String,
    pub loc: &'a dyn Fn(TextId) -> Option<Loc>,
    /// Texts that must start in this order through the pages.
    pub order: Vec<TextId>,
    /// The fonts the runs are set in (for their glyphs' ink).
    pub fonts: &'a FontSet,
}

/// Conservation and geometry of any layout (a factsheet, a pack's front
/// matter) against the texts it must hold.
pub fn verify_texts(laid: &Layout, texts: &Texts<'_>) -> Vec<Problem> {
    let mut out = Vec::new();
    conservation(laid, texts, &mut out);
    for (p, page) in laid.pages.iter().enumerate() {
        geometry(laid, texts, p, page, &mut out);
    }
    out
}

/// What each text of the document should read, in reading order.
fn expected(doc: &Document, design: &Design, laid: &Layout) -> Vec<(TextId, String)> {
    let pages = laid.pages.len();
    let caps = |role: Role, s: &str| {
        if design.style(role).caps {
            s.to_uppercase()
        } else {
            s.to_string()
        }
    };
    let with_note = |s: &str, n: Option<u32>| match n {
        Some(n) => format!("{s}{}", superscript(n)),
        None => s.to_string(),
    };
    let mut out = vec![
        (TextId::Kicker, caps(Role::Kicker, &doc.kicker)),
        (TextId::Title, caps(Role::Title, &doc.title)),
    ];
    if let Some(row) = &doc.indicators {
        out.push((
            TextId::IndicatorHeading,
            caps(Role::IndicatorHeading, &row.heading),
        ));
        for (i, b) in row.boxes.iter().enumerate() {
            out.push((TextId::BoxLabel(i), caps(Role::IndicatorLabel, &b.label)));
            out.push((TextId::BoxValue(i), with_note(&b.value, b.note)));
            if let Some(d) = &b.detail {
                out.push((TextId::BoxDetail(i), d.clone()));
            }
        }
        if let Some(n) = &row.note {
            out.push((TextId::SampleNote, caps(Role::SampleNote, n)));
        }
    }
    for (i, block) in doc.body.iter().enumerate() {
        match block {
            Block::Heading(h) => out.push((TextId::Block(i), caps(Role::Heading, &h.text))),
            Block::Paragraph(p) => out.push((TextId::Block(i), runs_text(&p.runs))),
            Block::Callout(c) => {
                out.push((TextId::CalloutLabel(i), caps(Role::CalloutLabel, &c.label)));
                out.push((TextId::CalloutAmount(i), with_note(&c.amount, c.note)));
            }
        }
    }
    for n in &doc.notes {
        out.push((
            TextId::Note(n.number),
            format!("{}{}", superscript(n.number), runs_text(&n.runs)),
        ));
    }
    for p in 0..pages {
        let (page, total) = laid.numbering.label(p, pages);
        if laid.numbering.running_head && p > 0 {
            out.push((TextId::RunningHead(p), doc.title.clone()));
        }
        out.push((TextId::Footer(p), design.footer.text.clone()));
        out.push((
            TextId::PageNumber(p),
            design.footer.page_number.fill(page, total),
        ));
    }
    out
}

fn runs_text(runs: &[Run]) -> String {
    let mut s = String::new();
    for (i, r) in runs.iter().enumerate() {
        match r {
            Run::Text { text, .. } => s.push_str(text),
            Run::NoteRef(n) => {
                if crate::doc::marker_after_marker(runs, i) {
                    s.push_str(crate::doc::NOTE_SEPARATOR);
                }
                s.push_str(&superscript(*n));
            }
            Run::Break => s.push(' '),
        }
    }
    s
}

/// Text as compared: no white space, no soft hyphens or other marks the
/// layout adds at line ends, note numbers as plain digits (a font without
/// superscript figures gets raised digits).
fn normalise(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{ad}' | '\u{200b}'))
        .map(|c| match c {
            '\u{2070}' => '0',
            '\u{b9}' => '1',
            '\u{b2}' => '2',
            '\u{b3}' => '3',
            '\u{2074}'..='\u{2079}' => char::from_u32(c as u32 - 0x2074 + '4' as u32).unwrap_or(c),
            c => c,
        })
        .collect()
}

fn conservation(laid: &Layout, texts: &Texts<'_>, out: &mut Vec<Problem>) {
    let describe = texts.describe;
    let loc = texts.loc;
    // What the pages hold, by text, in page and reading order; and where
    // each text first appears.
    let mut actual: BTreeMap<TextId, String> = BTreeMap::new();
    let mut first: BTreeMap<TextId, (usize, usize)> = BTreeMap::new();
    // A line's runs share its baseline, but for a raised note number
    // (beside an indicator value, raised to the value's cap height): less
    // than half the type size apart, where the next line is a whole line
    // below.
    let same_line =
        |a: &TextRun, b: &TextRun| (a.origin.y - b.origin.y).abs() < a.size.max(b.size) * 0.5;
    for (p, page) in laid.pages.iter().enumerate() {
        // A line's runs stand in visual order; where it has right-to-left
        // runs, read them back in text order.
        let mut k = 0;
        while k < page.items.len() {
            let (ItemKind::Text(run), Some(id)) = (&page.items[k].kind, page.items[k].text) else {
                k += 1;
                continue;
            };
            let mut line: Vec<&TextRun> = vec![run];
            let mut j = k + 1;
            loop {
                match page.items.get(j).map(|i| &i.kind) {
                    // A link's area stands beside its text: the line goes
                    // on after it (a link in the middle of a right-to-left
                    // line would otherwise cut it in two, each half read
                    // back in its own order).
                    Some(ItemKind::Link { .. }) => j += 1,
                    Some(ItemKind::Text(next))
                        if page.items[j].text == Some(id) && same_line(run, next) =>
                    {
                        line.push(next);
                        j += 1;
                    }
                    _ => break,
                }
            }
            if line.iter().any(|r| r.rtl) {
                line.sort_by_key(|r| r.logical);
            }
            let text = actual.entry(id).or_default();
            for r in line {
                text.push_str(&r.text);
            }
            first.entry(id).or_insert((p, k));
            k = j;
        }
    }
    for (id, text) in &texts.expected {
        let got = actual.remove(id).unwrap_or_default();
        let (w, g) = (normalise(text), normalise(&got));
        if w != g {
            let at = w
                .chars()
                .zip(g.chars())
                .position(|(a, b)| a != b)
                .unwrap_or(w.chars().count().min(g.chars().count()));
            let near: String = w.chars().skip(at.saturating_sub(10)).take(30).collect();
            out.push(Problem::bug(
                format!(
                    "{} is not on the pages as written ({} of {} characters placed; they differ near \"{near}\")",
                    describe(*id),
                    g.chars().count(),
                    w.chars().count()
                ),
                loc(*id),
            ));
        }
    }
    for id in actual.keys() {
        out.push(Problem::bug(
            format!(
                "the pages hold text for {} that the document does not have",
                describe(*id)
            ),
            loc(*id),
        ));
    }
    // Texts in reading order: each starts after the one before.
    let mut last = (0, 0);
    for &id in &texts.order {
        if let Some(&at) = first.get(&id) {
            if at < last {
                out.push(Problem::bug(
                    format!("{} stands before the text that precedes it", describe(id)),
                    loc(id),
                ));
            }
            last = at;
        }
    }
}

/// The region kind a text belongs in.
fn home(id: TextId) -> RegionKind {
    match id {
        TextId::Kicker | TextId::Title => RegionKind::Title,
        TextId::IndicatorHeading | TextId::SampleNote => RegionKind::Indicators,
        TextId::BoxLabel(_) | TextId::BoxValue(_) | TextId::BoxDetail(_) => {
            RegionKind::IndicatorBox
        }
        TextId::Block(_) => RegionKind::Column,
        TextId::CalloutLabel(_) | TextId::CalloutAmount(_) => RegionKind::Callout,
        TextId::Note(_) => RegionKind::Notes,
        TextId::Footer(_) | TextId::PageNumber(_) => RegionKind::Footer,
        TextId::RunningHead(_) => RegionKind::Header,
        TextId::Cover(_) | TextId::Contents(_) => RegionKind::Front,
    }
}

/// The box a run's glyphs occupy: their advances across, their ink
/// (moved by any glyph offsets, such as stacked marks) up and down.
fn run_box(run: &TextRun, fonts: &FontSet) -> Rect {
    let (mut up, mut down) = (Pt::ZERO, Pt::ZERO);
    for g in &run.glyphs {
        let y = run.size * f64::from(g.y_offset);
        up = up.max(y);
        down = down.min(y);
    }
    let (top, bottom) = fonts
        .face(run.face)
        .ink_extent(run.glyphs.iter().map(|g| g.id));
    let width: Pt = run.glyphs.iter().map(|g| g.advance).sum();
    let (ascent, descent) = (run.size * top + up, run.size * -bottom - down);
    Rect {
        x: run.origin.x,
        y: run.origin.y - ascent,
        w: width,
        h: ascent + descent,
    }
}

fn inside(outer: &Rect, inner: &Rect) -> bool {
    inside_by(outer, inner, SLACK_Y)
}

/// As [`inside`], with `slack_y` up and down.
fn inside_by(outer: &Rect, inner: &Rect, slack_y: Pt) -> bool {
    inner.x >= outer.x - SLACK_X
        && inner.right() <= outer.right() + SLACK_X
        && inner.y >= outer.y - slack_y
        && inner.bottom() <= outer.bottom() + slack_y
}

fn geometry(laid: &Layout, texts: &Texts<'_>, p: usize, page: &PageLayout, out: &mut Vec<Problem>) {
    let describe = texts.describe;
    let loc = texts.loc;
    let trim = Rect {
        x: Pt::ZERO,
        y: Pt::ZERO,
        w: laid.width,
        h: laid.height,
    };
    let bleed = Rect {
        x: -laid.bleed,
        y: -laid.bleed,
        w: laid.width + laid.bleed * 2.0,
        h: laid.height + laid.bleed * 2.0,
    };
    let on_page = |what: String| format!("{what} on page {}", p + 1);
    for (r, region) in page.regions.iter().enumerate() {
        if !inside(&trim, &region.rect) {
            out.push(Problem::bug(
                on_page(format!(
                    "a {:?} region reaches outside the page",
                    region.kind
                )),
                None,
            ));
        }
        if let Some(parent) = region.parent.and_then(|i| page.regions.get(i))
            && !inside(&parent.rect, &region.rect)
        {
            out.push(Problem::bug(
                on_page(format!(
                    "a {:?} region reaches outside its {:?}",
                    region.kind, parent.kind
                )),
                None,
            ));
        }
        for other in &page.regions[r + 1..] {
            if other.parent == region.parent && region.rect.overlaps(&other.rect, Pt(0.01)) {
                out.push(Problem::bug(
                    on_page(format!(
                        "the {:?} and {:?} regions overlap",
                        region.kind, other.kind
                    )),
                    None,
                ));
            }
        }
    }
    for item in &page.items {
        let (rect, allowed) = match &item.kind {
            ItemKind::Text(run) => (run_box(run, texts.fonts), &trim),
            ItemKind::Fill { rect, .. } => {
                let bleeds = matches!(item.owner, Owner::Artifact(_));
                (*rect, if bleeds { &bleed } else { &trim })
            }
            ItemKind::Image { rect } | ItemKind::Link { rect, .. } => (*rect, &trim),
            ItemKind::Rule { from, to, .. } => (
                Rect {
                    x: from.x.min(to.x),
                    y: from.y.min(to.y),
                    w: (to.x - from.x).abs(),
                    h: (to.y - from.y).abs(),
                },
                &trim,
            ),
        };
        if !inside(allowed, &rect) {
            out.push(Problem::bug(
                on_page(format!(
                    "{} is drawn off the page",
                    item_what(describe, item)
                )),
                item.text.and_then(loc),
            ));
            continue;
        }
        let (ItemKind::Text(run), Some(id)) = (&item.kind, item.text) else {
            continue;
        };
        let region = item.region.and_then(|r| page.regions.get(r));
        match region {
            None => out.push(Problem::bug(
                on_page(format!("{} was set outside any region", describe(id))),
                loc(id),
            )),
            Some(region) if region.kind != home(id) => out.push(Problem::bug(
                on_page(format!(
                    "{} was set in the {:?} region, not the {:?}",
                    describe(id),
                    region.kind,
                    home(id)
                )),
                loc(id),
            )),
            // A script taller than the line's own face (an Arabic or
            // Devanagari word in Latin text) may reach a fifth of an em
            // past its region's edge; the gaps between regions are wider.
            Some(region)
                if !inside_by(
                    &region.rect,
                    &run_box(run, texts.fonts),
                    SLACK_Y.max(run.size * 0.2),
                ) =>
            {
                out.push(Problem::bug(
                    on_page(format!(
                        "{} runs past its {:?} region (\"{}\")",
                        describe(id),
                        region.kind,
                        run.text
                    )),
                    loc(id),
                ));
            }
            Some(_) => {}
        }
    }
}

fn notes_on_their_pages(doc: &Document, laid: &Layout, out: &mut Vec<Problem>) {
    for n in &doc.notes {
        let marker = laid
            .pages
            .iter()
            .position(|p| p.note_refs.contains(&n.number));
        let start = laid.pages.iter().position(|p| p.notes.contains(&n.number));
        if marker.is_none() || marker != start {
            out.push(Problem::bug(
                format!(
                    "footnote {} starts on page {} but its marker is on page {}",
                    n.number,
                    start.map_or("none".to_string(), |p| (p + 1).to_string()),
                    marker.map_or("none".to_string(), |p| (p + 1).to_string()),
                ),
                n.at.clone(),
            ));
        }
    }
}

fn item_what(describe: &dyn Fn(TextId) -> String, item: &Item) -> String {
    match (item.text, &item.kind) {
        (Some(id), _) => describe(id),
        (None, ItemKind::Image { .. }) => "the logo".into(),
        (None, ItemKind::Fill { .. }) => "a shaded area".into(),
        (None, ItemKind::Rule { .. }) => "a rule".into(),
        (None, _) => "an item".into(),
    }
}

/// A text's name, for messages.
pub fn describe(doc: &Document, id: TextId) -> String {
    let boxed = |i: usize| {
        doc.indicators
            .as_ref()
            .and_then(|r| r.boxes.get(i))
            .map_or(String::new(), |b| format!(" of indicator `{}`", b.id))
    };
    match id {
        TextId::Kicker => "the line above the title".into(),
        TextId::Title => "the title".into(),
        TextId::IndicatorHeading => "the indicator heading".into(),
        TextId::BoxLabel(i) => format!("the label{}", boxed(i)),
        TextId::BoxValue(i) => format!("the value{}", boxed(i)),
        TextId::BoxDetail(i) => format!("the source{}", boxed(i)),
        TextId::SampleNote => "the sample-data note".into(),
        TextId::Block(i) => match doc.body.get(i) {
            Some(Block::Heading(h)) => format!("heading `{}`", h.id),
            Some(Block::Paragraph(p)) => format!("paragraph `{}`", p.id),
            _ => "a block".into(),
        },
        TextId::CalloutLabel(_) => "the call-out's label".into(),
        TextId::CalloutAmount(_) => "the call-out's amount".into(),
        TextId::Note(n) => format!("footnote {n}"),
        TextId::Footer(p) => format!("the footer of page {}", p + 1),
        TextId::PageNumber(p) => format!("the page number of page {}", p + 1),
        TextId::RunningHead(p) => format!("the running head of page {}", p + 1),
        TextId::Cover(n) => format!("line {} of the cover", n + 1),
        TextId::Contents(n) => format!("entry {} of the contents", n + 1),
    }
}

/// A text's place in the profile.
pub fn loc(doc: &Document, id: TextId) -> Option<Loc> {
    let boxed = |i: usize| doc.indicators.as_ref().and_then(|r| r.boxes.get(i));
    match id {
        TextId::Kicker => doc.kicker_at.clone(),
        TextId::Title | TextId::Footer(_) => doc.title_at.clone(),
        TextId::BoxLabel(i) => boxed(i).and_then(|b| b.label_at.clone()),
        TextId::BoxValue(i) => boxed(i).and_then(|b| b.value_at.clone()),
        TextId::BoxDetail(i) => boxed(i).and_then(|b| b.detail_at.clone()),
        TextId::Block(i) | TextId::CalloutLabel(i) | TextId::CalloutAmount(i) => {
            match doc.body.get(i) {
                Some(Block::Heading(h)) => h.at.clone(),
                Some(Block::Paragraph(p)) => p.at.clone(),
                Some(Block::Callout(c)) => c.at.clone(),
                None => None,
            }
        }
        TextId::Note(n) => doc
            .notes
            .iter()
            .find(|x| x.number == n)
            .and_then(|x| x.at.clone()),
        TextId::RunningHead(_) => doc.title_at.clone(),
        TextId::IndicatorHeading
        | TextId::SampleNote
        | TextId::PageNumber(_)
        | TextId::Cover(_)
        | TextId::Contents(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalising_drops_spaces_and_added_marks() {
        assert_eq!(normalise("Tier 2.\u{b9} In"), "Tier2.1In");
        assert_eq!(normalise("traf\u{ad} fick"), "traffick");
        assert_eq!(normalise("\u{2074}\u{2070}"), "40");
    }
}
