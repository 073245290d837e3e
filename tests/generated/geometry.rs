//! Geometry, on the `Layout`: everything drawn lies inside the page's trim
//! box (the title band's fill may reach into the bleed), and every text run
//! lies inside one of the page's regions (title band, indicator row and
//! boxes, columns, call-out, notes area, footer).

use factsheet::layout::{ItemKind, Layout, Rect, RegionKind};
use factsheet::units::Pt;

/// Rounding in positions: a hundredth of a point sideways. Up and down, a
/// line's ascent and descent are the font's, which may stand a little
/// outside the region its leading fills.
const ACROSS: Pt = Pt(0.01);
const DOWN: Pt = Pt(1.0);

fn inside(outer: &Rect, inner: &Rect) -> bool {
    inner.x >= outer.x - ACROSS
        && inner.right() <= outer.right() + ACROSS
        && inner.y >= outer.y - DOWN
        && inner.bottom() <= outer.bottom() + DOWN
}

fn show(r: &Rect) -> String {
    format!(
        "x {:.1}..{:.1}, y {:.1}..{:.1}",
        r.x.0,
        r.right().0,
        r.y.0,
        r.bottom().0
    )
}

/// The box a run is checked by: its line's, from the font's ascent and
/// descent. A face whose ascent and descent together exceed 1.6 em (Noto
/// Sans Arabic and Devanagari declare about 2.1, room for stacked marks
/// few words use) is checked by a Latin face's box, an em above the
/// baseline and 0.3 below: the layout's own verifier checks those glyphs'
/// actual ink against their region.
fn line_box(run: &factsheet::layout::TextRun) -> Rect {
    let mut b = run.bounds();
    if run.ascent + run.descent > run.size * 1.6 {
        b.y = run.origin.y - run.size;
        b.h = run.size * 1.3;
    }
    b
}

/// Every item out of place, described; `bleed`: the theme's bleed.
pub fn check(l: &Layout, bleed: Pt) -> Result<(), String> {
    let trim = Rect {
        x: Pt::ZERO,
        y: Pt::ZERO,
        w: l.width,
        h: l.height,
    };
    let bleed_box = Rect {
        x: -bleed,
        y: -bleed,
        w: l.width + bleed * 2.0,
        h: l.height + bleed * 2.0,
    };
    let mut problems = Vec::new();
    for (p, page) in l.pages.iter().enumerate() {
        let title = page.regions.iter().find(|r| r.kind == RegionKind::Title);
        for item in &page.items {
            match &item.kind {
                ItemKind::Text(run) => {
                    let b = line_box(run);
                    if !inside(&trim, &b) {
                        problems.push(format!(
                            "page {}: text {:?} outside the trim box ({})",
                            p + 1,
                            run.text,
                            show(&b)
                        ));
                    } else if !page.regions.iter().any(|r| inside(&r.rect, &b)) {
                        problems.push(format!(
                            "page {}: text {:?} in no region ({})",
                            p + 1,
                            run.text,
                            show(&b)
                        ));
                    }
                }
                ItemKind::Fill { rect, .. } => {
                    let band = title.is_some_and(|t| rect.contains(&t.rect, ACROSS));
                    let limit = if band { &bleed_box } else { &trim };
                    if !rect.w.0.is_finite() || !limit.contains(rect, ACROSS) {
                        problems.push(format!(
                            "page {}: a fill outside the {} ({})",
                            p + 1,
                            if band { "bleed box" } else { "trim box" },
                            show(rect)
                        ));
                    }
                }
                ItemKind::Rule { from, to, .. } => {
                    for pt in [from, to] {
                        let dot = Rect {
                            x: pt.x,
                            y: pt.y,
                            w: Pt::ZERO,
                            h: Pt::ZERO,
                        };
                        if !trim.contains(&dot, ACROSS) {
                            problems.push(format!(
                                "page {}: a rule ends outside the trim box ({})",
                                p + 1,
                                show(&dot)
                            ));
                        }
                    }
                }
                ItemKind::Image { rect } => {
                    if !trim.contains(rect, ACROSS) {
                        problems.push(format!(
                            "page {}: an image outside the trim box ({})",
                            p + 1,
                            show(rect)
                        ));
                    }
                }
                ItemKind::Link { .. } => {}
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        let n = problems.len();
        problems.truncate(8);
        Err(format!(
            "geometry: {n} items out of place, first: {}",
            problems.join("\n")
        ))
    }
}
