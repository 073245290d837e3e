//! A pack's front matter: the cover (a band in the accent colour with the
//! pack's title, the organisation, the period and the logo) and the
//! contents (each country with its page number, each entry a link to
//! that page), set in the same design as the factsheets.

use super::LayoutError;
use super::collect::Inline;
use super::frame::{Frame, LineTarget, rect};
use super::output::{
    Artifact, ItemKind, Layout, LinkTarget, NodeKind, OutlineEntry, Owner, PageLayout, Paint,
    Point, RegionKind, TextId,
};
use super::setter::{Placement, Setter};
use super::verify::{Texts, verify_texts};
use crate::design::{Design, Role};
use crate::doc::{Document, Front};
use crate::fonts::FontSet;
use crate::units::Pt;

/// One line of the contents.
#[derive(Clone, Debug, PartialEq)]
pub struct ContentsEntry {
    pub title: String,
    /// The page it leads to, by index in the whole document (from 0).
    pub page: usize,
}

/// Share of the cover's height the band takes.
pub const COVER_BAND: f64 = 0.42;
/// A contents leader's dots, as a share of the entries' size.
const LEADER_DOT: f64 = 0.1;

/// The cover's title, as a multiple of the factsheet title's size.
pub const COVER_TITLE_SCALE: f64 = 1.4;
/// Contents lines, in body leadings.
pub const ENTRY_PITCH: f64 = 1.6;

/// The cover and contents pages, verified.
pub fn front(
    front: &Front,
    entries: &[ContentsEntry],
    design: &Design,
    fonts: &FontSet,
) -> Result<Layout, LayoutError> {
    let bare = Document::bare(&front.lang);
    let mut s = Setter::new(&bare, design, fonts);
    let g = &design.page;
    let mut pages = Vec::new();
    let mut outline = Vec::new();
    let mut expected = Vec::new();

    // The cover.
    let mut cover = Frame::default();
    let band_h = g.height * COVER_BAND;
    super::header::accent_band(&mut cover, g, band_h);
    let region = cover.region(
        RegionKind::Front,
        rect(
            g.margin_left,
            g.margin_top,
            g.text_width,
            band_h - g.margin_top,
        ),
        None,
    );
    let kicker = s.span(Role::Kicker);
    let mut title = s.span(Role::Title);
    title.size = title.size * COVER_TITLE_SCALE;
    let title_leading = s.style(Role::Title).leading * COVER_TITLE_SCALE;
    let mut lines: Vec<(String, super::span_style::SpanStyle, Pt, bool)> = vec![(
        front.organisation.clone(),
        kicker.clone(),
        s.style(Role::Kicker).leading,
        false,
    )];
    lines.push((front.title.clone(), title, title_leading, true));
    for extra in [&front.period, &front.edition].into_iter().flatten() {
        let mut style = kicker.clone();
        style.paint = Paint::OnAccent;
        lines.push((extra.clone(), style, s.style(Role::Kicker).leading, false));
    }
    // The lines stand at the band's foot, the title's weight at the bottom.
    let gap = design.band.kicker_gap;
    let mut block = |width: Pt| {
        let heights: Pt = lines
            .iter()
            .map(|(text, style, leading, _)| {
                let inline = Inline::plain(text, style);
                let n = s
                    .set_balanced(&inline, width, false, "the cover", None)
                    .len();
                *leading * n.max(1) as f64
            })
            .sum();
        heights + gap * (lines.len() as f64 - 1.0)
    };
    // The whole width when the lines stay below the logo (at the band's
    // top); beside it, the band's measure.
    let mut text_width = g.text_width;
    let mut total = block(text_width);
    if let Some(l) = design.band.logo
        && band_h - design.band.pad_bottom - total < g.margin_top + l.height + design.band.logo_gap
    {
        text_width = g.text_width - l.width - design.band.logo_gap;
        total = block(text_width);
    }
    let mut y = (band_h - design.band.pad_bottom - total).max(g.margin_top);
    for (n, (text, style, leading, heading)) in lines.iter().enumerate() {
        let kind = if *heading {
            NodeKind::Heading(1, text.clone())
        } else {
            NodeKind::Paragraph
        };
        let node = s.structure.add(kind, None, None);
        let at = Placement {
            x: g.margin_left,
            top: y,
            width: text_width,
            leading: *leading,
            label: false,
            balance: true,
        };
        let to = LineTarget {
            text: TextId::Cover(n),
            region: Some(region),
            node,
            label: None,
        };
        y += s.place_text(&mut cover, text, style, at, to, "the cover", None) + gap;
        let caps = style.caps;
        expected.push((
            TextId::Cover(n),
            if caps {
                text.to_uppercase()
            } else {
                text.clone()
            },
        ));
    }
    if let (Some(logo), Some(size)) = (&front.logo, design.band.logo) {
        let node = s.structure.add(
            NodeKind::Figure {
                alt: logo.alt.clone(),
            },
            None,
            None,
        );
        cover.push(
            ItemKind::Image {
                rect: rect(
                    g.width - g.margin_right - size.width,
                    g.margin_top,
                    size.width,
                    size.height,
                ),
            },
            Owner::Node(node),
            None,
        );
    }
    outline.push(OutlineEntry {
        title: front.title.clone(),
        level: 1,
        page: 0,
        y: Pt::ZERO,
    });
    pages.push(page(cover));

    // The contents, as many pages as it takes.
    let heading = s.span(Role::Heading);
    let entry_style = s.span(Role::Body);
    let pitch = design.body.line * ENTRY_PITCH;
    let number_width = entry_style.size * 4.0;
    // Each contents page's text area.
    let text_area = rect(
        g.margin_left,
        g.margin_top,
        g.text_width,
        g.body_bottom() - g.margin_top,
    );
    let mut frame = Frame::default();
    let mut region = frame.region(RegionKind::Front, text_area, None);
    let list = s.structure.add(NodeKind::Division, None, None);
    let head_node = s.structure.add(
        NodeKind::Heading(1, front.contents.clone()),
        Some(list),
        None,
    );
    let at = Placement {
        x: g.margin_left,
        top: g.margin_top,
        width: g.text_width,
        leading: design.body.line * 2.0,
        label: true,
        balance: false,
    };
    let mut y = g.margin_top
        + s.place_text(
            &mut frame,
            &front.contents,
            &heading,
            at,
            LineTarget {
                text: TextId::Cover(lines.len()),
                region: Some(region),
                node: head_node,
                label: None,
            },
            "the contents",
            None,
        )
        + design.body.line;
    expected.push((
        TextId::Cover(lines.len()),
        if heading.caps {
            front.contents.to_uppercase()
        } else {
            front.contents.clone()
        },
    ));
    outline.push(OutlineEntry {
        title: front.contents.clone(),
        level: 1,
        page: 1,
        y: g.margin_top,
    });
    for (n, e) in entries.iter().enumerate() {
        if y + pitch > g.body_bottom() {
            pages.push(page(std::mem::take(&mut frame)));
            region = frame.region(RegionKind::Front, text_area, None);
            y = g.margin_top;
        }
        let node = s.structure.add(
            NodeKind::Link(LinkTarget::Page {
                page: e.page,
                y: Pt::ZERO,
            }),
            Some(list),
            None,
        );
        let to = LineTarget {
            text: TextId::Contents(n),
            region: Some(region),
            node,
            label: None,
        };
        let at = Placement {
            x: g.margin_left,
            top: y,
            width: g.text_width - number_width,
            leading: pitch,
            label: false,
            balance: false,
        };
        let h = s.place_text(
            &mut frame,
            &e.title,
            &entry_style,
            at,
            to,
            "the contents",
            None,
        );
        let number = (e.page + 1).to_string();
        let inline = Inline::plain(&number, &entry_style);
        let width = s.natural_width(&inline, "the contents", None);
        // A leader of dots from a one-line title to its number.
        let title_width =
            s.natural_width(&Inline::plain(&e.title, &entry_style), "the contents", None);
        let dot = entry_style.size * LEADER_DOT;
        let (start, end) = (
            g.margin_left + title_width + entry_style.size * 0.5,
            g.margin_left + g.text_width - width - entry_style.size * 0.5,
        );
        if title_width <= g.text_width - number_width && end - start > dot * 6.0 {
            let baseline = y + s.baseline_offset(&entry_style, pitch) - dot / 2.0;
            frame.push(
                ItemKind::Rule {
                    from: Point {
                        x: start,
                        y: baseline,
                    },
                    to: Point {
                        x: end,
                        y: baseline,
                    },
                    width: dot,
                    paint: Paint::Muted,
                    dotted: true,
                },
                Owner::Artifact(Artifact::Layout),
                Some(region),
            );
        }
        let at = Placement {
            x: g.margin_left + g.text_width - width - Pt(0.01),
            width: width + Pt(0.02),
            ..at
        };
        s.place_text(
            &mut frame,
            &number,
            &entry_style,
            at,
            to,
            "the contents",
            None,
        );
        frame.push(
            ItemKind::Link {
                rect: rect(g.margin_left, y, g.text_width, h),
                target: LinkTarget::Page {
                    page: e.page,
                    y: Pt::ZERO,
                },
            },
            Owner::Node(node),
            Some(region),
        );
        expected.push((TextId::Contents(n), format!("{}{number}", e.title)));
        y += h;
    }
    pages.push(page(frame));

    if !s.problems.is_empty() {
        return Err(LayoutError(s.problems));
    }
    let laid = Layout {
        pages,
        nodes: s.structure.nodes,
        outline,
        width: g.width,
        height: g.height,
        bleed: g.bleed,
        ..Layout::default()
    };
    let describe = |id: TextId| match id {
        TextId::Contents(n) => format!("the contents entry for {}", entries[n].title),
        _ => "the cover".to_string(),
    };
    let violations = verify_texts(
        &laid,
        &Texts {
            expected,
            describe: &describe,
            loc: &|_| None,
            order: Vec::new(),
            fonts,
        },
    );
    if violations.is_empty() {
        Ok(laid)
    } else {
        Err(LayoutError(violations))
    }
}

fn page(frame: Frame) -> PageLayout {
    PageLayout {
        items: frame.items,
        regions: frame.regions,
        ..PageLayout::default()
    }
}

/// Where each country of a pack starts: after the `front` pages, each on
/// a right-hand (odd-numbered) page when `right_hand`, with a blank page
/// before it where needed. Returns each country's first page index,
/// whether a blank page precedes it, and the total page count.
pub fn plan(front: usize, counts: &[usize], right_hand: bool) -> (Vec<(usize, bool)>, usize) {
    let mut at = front;
    let mut out = Vec::with_capacity(counts.len());
    for &n in counts {
        // Page index `at` is page number `at + 1`: odd numbers are rectos.
        let blank = right_hand && at % 2 == 1;
        if blank {
            at += 1;
        }
        out.push((at, blank));
        at += n;
    }
    (out, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_start_on_right_hand_pages_when_asked() {
        let (starts, total) = plan(2, &[1, 2, 2], true);
        assert_eq!(starts, vec![(2, false), (4, true), (6, false)]);
        assert_eq!(total, 8);
        for (at, _) in starts {
            assert_eq!((at + 1) % 2, 1, "page number {} is a recto", at + 1);
        }
        let (starts, total) = plan(2, &[1, 2, 2], false);
        assert_eq!(starts, vec![(2, false), (3, false), (5, false)]);
        assert_eq!(total, 7);
    }
}
