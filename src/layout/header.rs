//! The top of the first page: the title band that bleeds off the page
//! edges (kicker line, country name, logo) and the row of indicator boxes.

use super::collect::Inline;
use super::frame::{Artifact, ItemKind, NodeKind, Owner, Paint, Point, Region, RegionKind};
use super::paragraph::Line;
use super::place::{Frame, place_line, rect};
use super::setter::{Placement, Setter};
use super::style::TextStyle;
use crate::doc::{IndicatorBox, Run};
use crate::fonts::FaceId;
use crate::units::{Mm, Pt};

/// Indicator boxes side by side, at most.
const MAX_PER_ROW: usize = 6;
/// Values shrink to this share of their size before they wrap.
const MIN_VALUE_SCALE: f64 = 0.6;

/// The title band and indicator row; returns the frame (page coordinates)
/// and the y where the body starts.
pub fn header(s: &mut Setter<'_>) -> (Frame, Pt) {
    let mut frame = Frame::default();
    let band_bottom = title_band(s, &mut frame);
    let mut y = band_bottom + Mm(5.0).to_pt();
    if let Some(row) = &s.doc.indicators {
        let top = y;
        y = indicator_row(s, &mut frame, row, y);
        frame.regions.push(Region {
            kind: RegionKind::Indicators,
            rect: rect(s.geo.left, top, s.geo.text_width, y - top + Mm(1.0).to_pt()),
        });
        y += Mm(5.0).to_pt();
    } else {
        y += Mm(2.0).to_pt();
    }
    frame.height = y;
    (frame, y)
}

fn title_band(s: &mut Setter<'_>, frame: &mut Frame) -> Pt {
    let g = s.geo.clone();
    let sizes = s.theme.sizes.clone();
    let kicker_style = s.label_style(FaceId::Bold, sizes.kicker, Paint::Highlight, 0.08);
    let title_style = TextStyle::new(FaceId::Bold, sizes.title, Paint::OnAccent);

    // The logo sits at the right of the band; the title keeps clear of it.
    let logo_h = Mm(14.0).to_pt();
    let logo = s.doc.logo.as_ref().map(|l| {
        let width = logo_h * (f64::from(l.width_px) / f64::from(l.height_px.max(1)));
        (l.alt.clone(), width.min(g.text_width * 0.35))
    });
    let text_width = match &logo {
        Some((_, w)) => g.text_width - *w - Mm(6.0).to_pt(),
        None => g.text_width,
    };

    let mut content = Frame::default();
    let kicker_node = s.structure.add(NodeKind::Paragraph, None, None);
    let mut y = g.top + Mm(1.0).to_pt();
    let at = Placement {
        x: g.left,
        top: y,
        width: text_width,
        leading: s.leading(sizes.kicker),
        label: true,
    };
    let kicker = s.doc.kicker.clone();
    y += s.place_text(
        &mut content,
        &kicker,
        &kicker_style,
        at,
        kicker_node,
        "the line above the title",
    );
    y += Mm(2.0).to_pt();
    let title_node = s
        .structure
        .add(NodeKind::Heading(1, s.doc.title.clone()), None, None);
    let at = Placement {
        top: y,
        leading: sizes.title * 1.12,
        label: false,
        ..at
    };
    let title = s.doc.title.clone();
    y += s.place_text(
        &mut content,
        &title,
        &title_style,
        at,
        title_node,
        "the title",
    );
    let band_bottom = y + Mm(6.0).to_pt();
    content.regions.push(Region {
        kind: RegionKind::Title,
        rect: rect(g.left, Pt::ZERO, text_width, band_bottom),
    });

    // The band reaches into the bleed on three sides.
    frame.push(
        ItemKind::Fill {
            rect: rect(
                -g.bleed,
                -g.bleed,
                g.width + g.bleed * 2.0,
                band_bottom + g.bleed,
            ),
            paint: Paint::Accent,
        },
        Owner::Artifact(Artifact::Layout),
    );
    frame.append(content, Point::default());
    if let Some((alt, width)) = logo {
        let node = s.structure.add(NodeKind::Figure { alt }, None, None);
        let top = g.top + ((band_bottom - g.top - Mm(6.0).to_pt()) - logo_h) / 2.0;
        frame.push(
            ItemKind::Image {
                rect: rect(
                    g.width - g.right - width,
                    top.max(g.top * 0.5),
                    width,
                    logo_h,
                ),
            },
            Owner::Node(node),
        );
    }
    band_bottom
}

/// Set one box's parts at the box's inner width.
struct BoxText {
    label: Vec<Line>,
    value: Vec<Line>,
    detail: Vec<Line>,
}

fn indicator_row(
    s: &mut Setter<'_>,
    frame: &mut Frame,
    row: &crate::doc::IndicatorRow,
    top: Pt,
) -> Pt {
    let g = s.geo.clone();
    let sizes = s.theme.sizes.clone();
    let label_lang = s.label_lang_tag().map(String::from);
    let row_node = s.structure.add(NodeKind::Division, None, None);

    let heading_style = s.label_style(FaceId::Bold, sizes.indicator_heading, Paint::Accent, 0.04);
    let heading_node = s.structure.add(
        NodeKind::Heading(2, row.heading.clone()),
        Some(row_node),
        label_lang.as_deref(),
    );
    let at = Placement {
        x: g.left,
        top,
        width: g.text_width,
        leading: s.leading(sizes.indicator_heading),
        label: true,
    };
    let mut y = top
        + s.place_text(
            frame,
            &row.heading,
            &heading_style,
            at,
            heading_node,
            "the indicator heading",
        );
    y += Mm(1.5).to_pt();

    let n = row.boxes.len();
    let rows = n.div_ceil(MAX_PER_ROW).max(1);
    let per_row = n.div_ceil(rows).max(2);
    let gap = Mm(3.0).to_pt();
    let box_w = (g.text_width - gap * (per_row as f64 - 1.0)) / per_row as f64;
    let inset = Mm(3.0).to_pt();
    let inner = box_w - inset * 2.0;
    let rule = Pt(2.5);

    let label_style = s.label_style(FaceId::Bold, sizes.indicator_label, Paint::Accent, 0.04);
    let detail_style = TextStyle::new(FaceId::Italic, sizes.indicator_detail, Paint::Muted);
    let label_leading = s.leading(sizes.indicator_label) * 0.9;
    let detail_leading = s.leading(sizes.indicator_detail);
    let value_leading = sizes.indicator_value * 1.15;

    for chunk in row.boxes.chunks(per_row) {
        let texts: Vec<BoxText> = chunk
            .iter()
            .map(|b| box_text(s, b, inner, &label_style, &detail_style))
            .collect();
        let label_h = texts
            .iter()
            .map(|t| label_leading * t.label.len() as f64)
            .fold(Pt::ZERO, Pt::max);
        let value_h = texts
            .iter()
            .map(|t| value_leading * (t.value.len().max(1) as f64 - 1.0) + value_leading)
            .fold(Pt::ZERO, Pt::max);
        let detail_h = texts
            .iter()
            .map(|t| detail_leading * t.detail.len() as f64)
            .fold(Pt::ZERO, Pt::max);
        let box_h = rule
            + inset
            + label_h
            + Mm(2.5).to_pt()
            + value_h
            + Mm(1.5).to_pt()
            + detail_h
            + Mm(3.0).to_pt();

        for (i, t) in texts.iter().enumerate() {
            let x = g.left + (box_w + gap) * i as f64;
            let box_rect = rect(x, y, box_w, box_h);
            frame.push(
                ItemKind::Fill {
                    rect: box_rect,
                    paint: Paint::Panel,
                },
                Owner::Artifact(Artifact::Layout),
            );
            frame.push(
                ItemKind::Fill {
                    rect: rect(x, y, box_w, rule),
                    paint: Paint::Accent,
                },
                Owner::Artifact(Artifact::Layout),
            );
            frame.regions.push(Region {
                kind: RegionKind::IndicatorBox,
                rect: box_rect,
            });
            let box_node = s.structure.add(NodeKind::Division, Some(row_node), None);
            let mut ty = y + rule + inset;
            let label_node =
                s.structure
                    .add(NodeKind::Paragraph, Some(box_node), label_lang.as_deref());
            for (k, line) in t.label.iter().enumerate() {
                let base =
                    ty + label_leading * k as f64 + s.baseline_offset(&label_style, label_leading);
                place_line(frame, &mut s.structure, line, x + inset, base, label_node);
            }
            ty += label_h + Mm(2.5).to_pt();
            let value_node = s.structure.add(NodeKind::Paragraph, Some(box_node), None);
            // Shrunk values share the baseline of full-size ones.
            let full = TextStyle::new(FaceId::Bold, sizes.indicator_value, Paint::Accent);
            for (k, line) in t.value.iter().enumerate() {
                let base = ty + value_leading * k as f64 + s.baseline_offset(&full, value_leading);
                place_line(frame, &mut s.structure, line, x + inset, base, value_node);
            }
            ty += value_h + Mm(1.5).to_pt();
            if !t.detail.is_empty() {
                let detail_node = s.structure.add(NodeKind::Paragraph, Some(box_node), None);
                for (k, line) in t.detail.iter().enumerate() {
                    let base = ty
                        + detail_leading * k as f64
                        + s.baseline_offset(&detail_style, detail_leading);
                    place_line(frame, &mut s.structure, line, x + inset, base, detail_node);
                }
            }
        }
        y += box_h + gap;
    }
    y -= gap;

    if let Some(note) = &row.note {
        y += Mm(1.5).to_pt();
        let node = s
            .structure
            .add(NodeKind::Paragraph, Some(row_node), label_lang.as_deref());
        let at = Placement {
            top: y,
            leading: detail_leading,
            ..at
        };
        y += s.place_text(frame, note, &detail_style, at, node, "the sample-data note");
    }
    y
}

fn box_text(
    s: &mut Setter<'_>,
    b: &IndicatorBox,
    inner: Pt,
    label_style: &TextStyle,
    detail_style: &TextStyle,
) -> BoxText {
    let what = format!("indicator `{}`", b.id);
    let label = s.set(
        &Inline::plain(&b.label, label_style),
        inner,
        false,
        true,
        &what,
    );

    // Auto-fit: shrink the value to the box, down to a limit, then wrap.
    let full = s.theme.sizes.indicator_value;
    let runs = value_runs(b);
    let mut style = TextStyle::new(FaceId::Bold, full, Paint::Accent);
    let natural = s.natural_width(&Inline::from_runs(&runs, &style, s.fonts), &what);
    if natural > inner {
        let scale = (inner / natural * 0.995).max(MIN_VALUE_SCALE);
        style.size = full * scale;
    }
    let value = s.set(
        &Inline::from_runs(&runs, &style, s.fonts),
        inner,
        false,
        false,
        &what,
    );
    let detail = match &b.detail {
        Some(d) => s.set(&Inline::plain(d, detail_style), inner, false, false, &what),
        None => Vec::new(),
    };
    BoxText {
        label,
        value,
        detail,
    }
}

fn value_runs(b: &IndicatorBox) -> Vec<Run> {
    let mut runs = vec![Run::text(b.value.clone())];
    if let Some(n) = b.note {
        runs.push(Run::NoteRef(n));
    }
    runs
}
