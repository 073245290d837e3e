//! The top of the first page: the title band that bleeds off the page
//! edges (kicker line, country name, logo) and the rows of indicator
//! boxes, as the design sizes them.

use super::collect::Inline;
use super::frame::{Frame, LineTarget, rect};
use super::output::{Artifact, ItemKind, NodeKind, Owner, Paint, Point, RegionKind, TextId};
use super::paragraph::Line;
use super::setter::{Placement, Setter};
use super::span_style::SpanStyle;
use crate::design::{IndicatorDesign, Role};
use crate::doc::{IndicatorBox, IndicatorRow, Run};
use crate::units::Pt;

/// The header: its frame (page coordinates) and where the body starts.
pub struct Header {
    pub frame: Frame,
    pub body_top: Pt,
    /// Where the indicator row starts, for the outline.
    pub indicators_top: Option<Pt>,
}

pub fn header(s: &mut Setter<'_>) -> Header {
    let mut frame = Frame::default();
    let band_bottom = title_band(s, &mut frame);
    let mut y = band_bottom + s.design.band.gap_after;
    let mut indicators_top = None;
    if let (Some(row), Some(d)) = (&s.doc.indicators, &s.design.indicators) {
        indicators_top = Some(y);
        y = indicator_rows(s, &mut frame, row, d, y);
        y += s.design.band.gap_after;
    }
    frame.height = y;
    Header {
        frame,
        body_top: y,
        indicators_top,
    }
}

fn title_band(s: &mut Setter<'_>, frame: &mut Frame) -> Pt {
    let page = &s.design.page;
    let band = &s.design.band;
    let kicker_style = s.span(Role::Kicker);
    let title_style = s.span(Role::Title);
    // The logo stands at the end of the reading direction, the text at
    // its start.
    let left = match (s.rtl, band.logo) {
        (true, Some(l)) => page.margin_left + l.width + band.logo_gap,
        _ => page.margin_left,
    };

    let mut content = Frame::default();
    let region = content.region(
        RegionKind::Title,
        rect(left, Pt::ZERO, band.text_width, Pt::ZERO),
        None,
    );
    let kicker_node = s.structure.add(NodeKind::Paragraph, None, None);
    let mut y = page.margin_top + band.pad_top;
    let at = Placement {
        x: left,
        top: y,
        width: band.text_width,
        leading: s.style(Role::Kicker).leading,
        label: true,
        balance: false,
    };
    let kicker_at = s.doc.kicker_at.clone();
    y += s.place_text(
        &mut content,
        &s.doc.kicker,
        &kicker_style,
        at,
        LineTarget {
            text: TextId::Kicker,
            region: Some(region),
            node: kicker_node,
            label: None,
        },
        "the line above the title",
        kicker_at.as_ref(),
    );
    y += band.kicker_gap;
    let title_node = s
        .structure
        .add(NodeKind::Heading(1, s.doc.title.clone()), None, None);
    let at = Placement {
        top: y,
        leading: s.style(Role::Title).leading,
        label: false,
        balance: true,
        ..at
    };
    let title_at = s.doc.title_at.clone();
    y += s.place_text(
        &mut content,
        &s.doc.title,
        &title_style,
        at,
        LineTarget {
            text: TextId::Title,
            region: Some(region),
            node: title_node,
            label: None,
        },
        "the title",
        title_at.as_ref(),
    );
    let band_bottom = y + band.pad_bottom;
    content.regions[region].rect.h = band_bottom;

    // The band reaches into the bleed on three sides.
    frame.push(
        ItemKind::Fill {
            rect: rect(
                -page.bleed,
                -page.bleed,
                page.width + page.bleed * 2.0,
                band_bottom + page.bleed,
            ),
            paint: Paint::Accent,
        },
        Owner::Artifact(Artifact::Layout),
        None,
    );
    frame.append(content, Point::default(), None);
    if let (Some(logo), Some(size)) = (&s.doc.logo, band.logo) {
        let node = s.structure.add(
            NodeKind::Figure {
                alt: logo.alt.clone(),
            },
            None,
            None,
        );
        // Centred on the band's text, never above the top margin's middle.
        let text_mid = (page.margin_top + band_bottom - band.pad_bottom) / 2.0;
        let top = (text_mid - size.height / 2.0).max(page.margin_top * 0.5);
        frame.push(
            ItemKind::Image {
                rect: rect(
                    if s.rtl {
                        page.margin_left
                    } else {
                        page.width - page.margin_right - size.width
                    },
                    top,
                    size.width,
                    size.height,
                ),
            },
            Owner::Node(node),
            None,
        );
    }
    band_bottom
}

/// One box's parts, set at the box's inner width.
struct BoxText {
    label: Vec<Line>,
    value: Vec<Line>,
    detail: Vec<Line>,
}

fn indicator_rows(
    s: &mut Setter<'_>,
    frame: &mut Frame,
    row: &IndicatorRow,
    d: &IndicatorDesign,
    top: Pt,
) -> Pt {
    let page = &s.design.page;
    let label_lang = s.label_lang_tag();
    let row_node = s.structure.add(NodeKind::Division, None, None);
    let area = frame.region(
        RegionKind::Indicators,
        rect(page.margin_left, top, page.text_width, Pt::ZERO),
        None,
    );

    let heading_style = s.span(Role::IndicatorHeading);
    let heading_node = s.structure.add(
        NodeKind::Heading(2, row.heading.clone()),
        Some(row_node),
        label_lang,
    );
    let at = Placement {
        x: page.margin_left,
        top,
        width: page.text_width,
        leading: s.style(Role::IndicatorHeading).leading,
        label: true,
        balance: false,
    };
    let mut y = top
        + s.place_text(
            frame,
            &row.heading,
            &heading_style,
            at,
            LineTarget {
                text: TextId::IndicatorHeading,
                region: Some(area),
                node: heading_node,
                label: None,
            },
            "the indicator heading",
            None,
        );
    y += d.heading_gap;

    let label_style = s.span(Role::IndicatorLabel);
    let detail_style = s.span(Role::IndicatorDetail);
    let label_leading = s.style(Role::IndicatorLabel).leading;
    let detail_leading = s.style(Role::IndicatorDetail).leading;
    let full_value = s.style(Role::IndicatorValue).clone();

    for r in &d.rows {
        let inner = d.inner_width(r);
        let value_style = SpanStyle::of(&full_value).size(r.value_size);
        // Wrapped values keep the leading of the size they are set at.
        let value_leading = full_value.leading * (r.value_size / full_value.size);
        let boxes = &row.boxes[r.boxes.clone()];
        let texts: Vec<BoxText> = boxes
            .iter()
            .map(|b| box_text(s, b, inner, &label_style, &value_style, &detail_style))
            .collect();
        let max_lines = |f: fn(&BoxText) -> usize| texts.iter().map(f).max().unwrap_or(0) as f64;
        let label_h = label_leading * max_lines(|t| t.label.len());
        let value_h = value_leading * max_lines(|t| t.value.len().max(1));
        let detail_h = detail_leading * max_lines(|t| t.detail.len());
        let box_h =
            d.rule + d.inset + label_h + d.label_gap + value_h + d.detail_gap + detail_h + d.inset;

        for (k, t) in texts.iter().enumerate() {
            let n = r.boxes.start + k;
            // Right-to-left documents read their boxes from the right.
            let slot = if s.rtl { r.boxes.len() - 1 - k } else { k };
            let x = page.margin_left + (r.box_width + d.gap) * slot as f64;
            let box_rect = rect(x, y, r.box_width, box_h);
            frame.push(
                ItemKind::Fill {
                    rect: box_rect,
                    paint: Paint::Panel,
                },
                Owner::Artifact(Artifact::Layout),
                Some(area),
            );
            frame.push(
                ItemKind::Fill {
                    rect: rect(x, y, r.box_width, d.rule),
                    paint: Paint::Accent,
                },
                Owner::Artifact(Artifact::Layout),
                Some(area),
            );
            let region = frame.region(RegionKind::IndicatorBox, box_rect, Some(area));
            let box_node = s.structure.add(NodeKind::Division, Some(row_node), None);
            let target = |text, node| LineTarget {
                text,
                region: Some(region),
                node,
                label: None,
            };
            let mut ty = y + d.rule + d.inset;
            let label_node = s
                .structure
                .add(NodeKind::Paragraph, Some(box_node), label_lang);
            let at = Placement {
                x: x + d.inset,
                top: ty,
                width: inner,
                leading: label_leading,
                label: true,
                balance: true,
            };
            s.place_lines(
                frame,
                &t.label,
                &label_style,
                at,
                target(TextId::BoxLabel(n), label_node),
            );
            ty += label_h + d.label_gap;
            let value_node = s.structure.add(NodeKind::Paragraph, Some(box_node), None);
            let at = Placement {
                top: ty,
                leading: value_leading,
                ..at
            };
            s.place_lines(
                frame,
                &t.value,
                &value_style,
                at,
                target(TextId::BoxValue(n), value_node),
            );
            ty += value_h + d.detail_gap;
            if !t.detail.is_empty() {
                let detail_node = s.structure.add(NodeKind::Paragraph, Some(box_node), None);
                let at = Placement {
                    top: ty,
                    leading: detail_leading,
                    ..at
                };
                s.place_lines(
                    frame,
                    &t.detail,
                    &detail_style,
                    at,
                    target(TextId::BoxDetail(n), detail_node),
                );
            }
        }
        y += box_h + d.gap;
    }
    y -= d.gap;

    if let Some(note) = &row.note {
        y += d.note_gap;
        let node = s
            .structure
            .add(NodeKind::Paragraph, Some(row_node), label_lang);
        let at = Placement {
            top: y,
            leading: s.style(Role::SampleNote).leading,
            ..at
        };
        let style = s.span(Role::SampleNote);
        y += s.place_text(
            frame,
            note,
            &style,
            at,
            LineTarget {
                text: TextId::SampleNote,
                region: Some(area),
                node,
                label: None,
            },
            "the sample-data note",
            None,
        );
    }
    frame.regions[area].rect.h = y - top;
    y
}

fn box_text(
    s: &mut Setter<'_>,
    b: &IndicatorBox,
    inner: Pt,
    label_style: &SpanStyle,
    value_style: &SpanStyle,
    detail_style: &SpanStyle,
) -> BoxText {
    let what = format!("indicator `{}`", b.id);
    let label = s.set_balanced(
        &Inline::plain(&b.label, label_style),
        inner,
        true,
        &what,
        b.label_at.as_ref(),
    );
    let mut runs = vec![Run::text(b.value.clone())];
    if let Some(n) = b.note {
        runs.push(Run::NoteRef(n));
    }
    // A note's number beside a value is set at a marker's size (that of a
    // marker in running text), raised to the value's cap height, not at
    // the value's display size.
    let mut inline = Inline::from_runs(&runs, value_style, s.fonts);
    let marker_size = s.style(Role::Body).size.max(value_style.size * 0.55);
    let face = s.fonts.face(value_style.face);
    for span in inline.spans.iter_mut().filter(|sp| sp.note.is_some()) {
        let lift = (value_style.size - marker_size) * face.cap_height;
        span.style.size = marker_size;
        span.style.rise += lift;
    }
    let value = s.set_balanced(&inline, inner, false, &what, b.value_at.as_ref());
    let detail = match &b.detail {
        Some(d) => s.set(
            &Inline::plain(d, detail_style),
            inner,
            false,
            false,
            &what,
            b.detail_at.as_ref(),
        ),
        None => Vec::new(),
    };
    BoxText {
        label,
        value,
        detail,
    }
}
