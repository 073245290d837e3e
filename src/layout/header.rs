//! The top of the first page: the title band that bleeds off the page
//! edges (kicker line, country name, logo) and the rows of indicator
//! boxes, as the design sizes them.

use super::collect::Inline;
use super::frame::{Frame, LineTarget, rect};
use super::output::{Artifact, ItemKind, NodeKind, Owner, Paint, Point, RegionKind, TextId};
use super::paragraph::Line;
use super::setter::{Placement, Setter};
use super::span_style::SpanStyle;
use crate::design::{IndicatorDesign, IndicatorRowDesign, PageGeometry, Role};
use crate::doc::{IndicatorBox, IndicatorRow, Run};
use crate::units::Pt;

/// The header: the title band and the indicator rows, on as many pages
/// as the rows take (page coordinates), and where the body starts on each.
pub struct Header {
    /// A frame per page the header reaches.
    pub frames: Vec<Frame>,
    /// Where the body may start on each of those pages (the page's foot
    /// when the header leaves no room). On a page the rows continue past,
    /// only the notes its boxes cite stand there: the body starts on the
    /// last page of the header.
    pub body_tops: Vec<Pt>,
    /// Where the indicator rows start on the first page, for the outline.
    pub indicators_top: Option<Pt>,
    /// The first row of boxes too tall for a page, named by the part
    /// that makes it tall.
    pub too_tall: Option<TallPart>,
}

/// The tallest part of a row of boxes: which box, and which of its texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TallPart {
    pub index: usize,
    pub part: BoxPart,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoxPart {
    Label,
    Value,
    Detail,
}

pub fn header(s: &mut Setter<'_>) -> Header {
    let mut frame = Frame::default();
    let band_bottom = title_band(s, &mut frame);
    let mut out = Header {
        frames: vec![frame],
        body_tops: Vec::new(),
        indicators_top: None,
        too_tall: None,
    };
    let mut y = band_bottom + s.design.band.gap_after;
    if let (Some(row), Some(d)) = (&s.doc.indicators, &s.design.indicators) {
        out.indicators_top = Some(y);
        y = indicator_rows(s, &mut out, row, d, y);
        y += s.design.band.gap_after;
    }
    let last = out.frames.len() - 1;
    out.frames[last].height = y;
    out.body_tops.push(y);
    out
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

    accent_band(frame, page, band_bottom);
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

/// The accent band across the top of a page down to `bottom` (a
/// factsheet's title band, a pack's cover): it reaches into the bleed on
/// three sides.
pub fn accent_band(frame: &mut Frame, page: &PageGeometry, bottom: Pt) {
    frame.push(
        ItemKind::Fill {
            rect: rect(
                -page.bleed,
                -page.bleed,
                page.width + page.bleed * 2.0,
                bottom + page.bleed,
            ),
            paint: Paint::Accent,
        },
        Owner::Artifact(Artifact::Layout),
        None,
    );
}

/// One box's parts, set at the box's inner width.
struct BoxText {
    label: Vec<Line>,
    value: Vec<Line>,
    detail: Vec<Line>,
}

/// A row of boxes, set and measured before it is placed.
struct SetRow<'d> {
    design: &'d IndicatorRowDesign,
    texts: Vec<BoxText>,
    value_style: SpanStyle,
    value_leading: Pt,
    label_h: Pt,
    value_h: Pt,
    height: Pt,
    /// Its tallest text, named when the row is too tall for a page.
    tallest: TallPart,
    /// Notes its values cite.
    notes: Vec<u32>,
}

/// The indicator heading, the rows of boxes and the sample-data note.
/// A row that does not fit the rest of a page starts the next, under its
/// top margin (the heading goes with the first row); each page keeps room
/// for the first lines of the notes its boxes cite. Returns where the
/// rows end on the last page they reach.
fn indicator_rows(
    s: &mut Setter<'_>,
    out: &mut Header,
    row: &IndicatorRow,
    d: &IndicatorDesign,
    top: Pt,
) -> Pt {
    let page = s.design.page.clone();
    let label_lang = s.label_lang_tag();
    let row_node = s.structure.add(NodeKind::Division, None, None);
    let label_style = s.span(Role::IndicatorLabel);
    let detail_style = s.span(Role::IndicatorDetail);
    let label_leading = s.style(Role::IndicatorLabel).leading;
    let detail_leading = s.style(Role::IndicatorDetail).leading;
    let full_value = s.style(Role::IndicatorValue).clone();

    // Set every row first: where rows break between pages depends on
    // their heights.
    let rows: Vec<SetRow<'_>> = d
        .rows
        .iter()
        .map(|r| {
            let inner = d.inner_width(r);
            let value_style = SpanStyle::of(&full_value).size(r.value_size);
            // Wrapped values keep the leading of the size they are set at.
            let value_leading = full_value.leading * (r.value_size / full_value.size);
            let texts: Vec<BoxText> = row.boxes[r.boxes.clone()]
                .iter()
                .map(|b| box_text(s, b, inner, &label_style, &value_style, &detail_style))
                .collect();
            let max_lines =
                |f: fn(&BoxText) -> usize| texts.iter().map(f).max().unwrap_or(0) as f64;
            let label_h = label_leading * max_lines(|t| t.label.len());
            let value_h = value_leading * max_lines(|t| t.value.len().max(1));
            let detail_h = detail_leading * max_lines(|t| t.detail.len());
            let height = d.rule
                + d.inset
                + label_h
                + d.label_gap
                + value_h
                + d.detail_gap
                + detail_h
                + d.inset;
            let mut notes: Vec<u32> = row.boxes[r.boxes.clone()]
                .iter()
                .filter_map(|b| b.note)
                .collect();
            notes.dedup();
            let mut tallest = TallPart {
                index: r.boxes.start,
                part: BoxPart::Label,
            };
            let mut most = Pt::ZERO;
            for (k, t) in texts.iter().enumerate() {
                for (part, h) in [
                    (BoxPart::Label, label_leading * t.label.len() as f64),
                    (BoxPart::Value, value_leading * t.value.len() as f64),
                    (BoxPart::Detail, detail_leading * t.detail.len() as f64),
                ] {
                    if h > most {
                        most = h;
                        tallest = TallPart {
                            index: r.boxes.start + k,
                            part,
                        };
                    }
                }
            }
            SetRow {
                design: r,
                texts,
                value_style,
                value_leading,
                label_h,
                value_h,
                height,
                tallest,
                notes,
            }
        })
        .collect();
    // Room a page keeps for the first two lines of each note its boxes cite.
    let notes = &s.design.notes;
    let note_line = s.style(Role::Footnote).leading;
    let note_room = |count: usize| {
        if count == 0 {
            Pt::ZERO
        } else {
            notes.area_gap
                + notes.rule_gap
                + (note_line * notes.min_first_lines as f64 + notes.note_gap) * count as f64
        }
    };

    let heading_style = s.span(Role::IndicatorHeading);
    let heading_leading = s.style(Role::IndicatorHeading).leading;
    let heading_lines = s
        .set(
            &Inline::plain(&row.heading, &heading_style),
            page.text_width,
            false,
            true,
            "the indicator heading",
            None,
        )
        .len()
        .max(1);
    let heading_h = heading_leading * heading_lines as f64 + d.heading_gap;

    let mut frame = out.frames.pop().expect("the band's frame");
    let mut y = top;
    // What follows the last row on its page before the body may start:
    // the sample-data note and the gap under the header. The notes the
    // page's boxes cite need their room below that.
    let tail_h = row.note.as_ref().map_or(Pt::ZERO, |_| {
        d.note_gap + s.style(Role::SampleNote).leading * 2.0
    }) + s.design.band.gap_after;
    // The heading and the first row start the next page if they do not
    // fit under the band.
    let first_h = rows.first().map_or(Pt::ZERO, |r| {
        r.height + note_room(r.notes.len()) + if rows.len() == 1 { tail_h } else { Pt::ZERO }
    });
    if y + heading_h + first_h > page.body_bottom() {
        out.body_tops.push(page.body_bottom());
        out.frames.push(std::mem::take(&mut frame));
        y = page.margin_top;
    }
    let mut area_top = y;
    let mut area = frame.region(
        RegionKind::Indicators,
        rect(page.margin_left, y, page.text_width, Pt::ZERO),
        None,
    );
    let heading_node = s.structure.add(
        NodeKind::Heading(2, row.heading.clone()),
        Some(row_node),
        label_lang,
    );
    let at = Placement {
        x: page.margin_left,
        top: y,
        width: page.text_width,
        leading: heading_leading,
        label: true,
        balance: false,
    };
    y += s.place_text(
        &mut frame,
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

    let mut page_notes: Vec<u32> = Vec::new();
    let mut rows_on_page = 0;
    for (k, r) in rows.iter().enumerate() {
        let mut cited = page_notes.clone();
        cited.extend(r.notes.iter().filter(|n| !page_notes.contains(n)));
        let tail = if k + 1 == rows.len() {
            tail_h
        } else {
            Pt::ZERO
        };
        if rows_on_page > 0 && y + r.height + tail + note_room(cited.len()) > page.body_bottom() {
            (area, area_top) = next_rows_page(out, &mut frame, area, area_top, y - d.gap, &page);
            y = area_top;
            page_notes.clear();
            rows_on_page = 0;
            cited = r.notes.clone();
        }
        if y + r.height > page.body_bottom() {
            out.too_tall.get_or_insert(r.tallest);
        }
        page_notes = cited;
        rows_on_page += 1;
        place_row(s, &mut frame, r, d, row_node, area, y);
        y += r.height + d.gap;
    }
    y -= d.gap;

    if let Some(note) = &row.note {
        y += d.note_gap;
        // The note stays with the last row; on the next page if it must.
        let note_h = s.style(Role::SampleNote).leading * 2.0;
        if y + note_h > page.body_bottom() && y > page.margin_top {
            (area, area_top) =
                next_rows_page(out, &mut frame, area, area_top, y - d.note_gap, &page);
            y = area_top;
        }
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
            &mut frame,
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
    frame.regions[area].rect.h = y - area_top;
    out.frames.push(frame);
    y
}

/// A note marker beside an indicator value, as a share of the value's
/// size.
const VALUE_MARKER_SCALE: f64 = 0.75;

/// End the indicator area of a page at `rows_end` and start the next
/// page's under its top margin. The body starts on a later page, but the
/// notes the left page's boxes cite stand on it, in the room under its
/// rows (the notes' own gap above them is part of their area). Returns
/// the new area and its top.
fn next_rows_page(
    out: &mut Header,
    frame: &mut Frame,
    area: usize,
    area_top: Pt,
    rows_end: Pt,
    page: &PageGeometry,
) -> (usize, Pt) {
    frame.regions[area].rect.h = (rows_end - area_top).max(Pt::ZERO);
    out.body_tops.push(rows_end.min(page.body_bottom()));
    out.frames.push(std::mem::take(frame));
    let top = page.margin_top;
    let area = frame.region(
        RegionKind::Indicators,
        rect(page.margin_left, top, page.text_width, Pt::ZERO),
        None,
    );
    (area, top)
}

/// Draw one row of boxes with its top at `y`.
fn place_row(
    s: &mut Setter<'_>,
    frame: &mut Frame,
    r: &SetRow<'_>,
    d: &IndicatorDesign,
    row_node: usize,
    area: usize,
    y: Pt,
) {
    let page = &s.design.page;
    let label_lang = s.label_lang_tag();
    let label_style = s.span(Role::IndicatorLabel);
    let detail_style = s.span(Role::IndicatorDetail);
    let label_leading = s.style(Role::IndicatorLabel).leading;
    let detail_leading = s.style(Role::IndicatorDetail).leading;
    let inner = d.inner_width(r.design);
    for (k, t) in r.texts.iter().enumerate() {
        let n = r.design.boxes.start + k;
        // Right-to-left documents read their boxes from the right, from
        // the right margin (a lone box, a column wide, stands there).
        let x = if s.rtl {
            page.margin_left + page.text_width
                - r.design.box_width
                - (r.design.box_width + d.gap) * k as f64
        } else {
            page.margin_left + (r.design.box_width + d.gap) * k as f64
        };
        let box_rect = rect(x, y, r.design.box_width, r.height);
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
                rect: rect(x, y, r.design.box_width, d.rule),
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
        ty += r.label_h + d.label_gap;
        let value_node = s.structure.add(NodeKind::Paragraph, Some(box_node), None);
        let at = Placement {
            top: ty,
            leading: r.value_leading,
            ..at
        };
        s.place_lines(
            frame,
            &t.value,
            &r.value_style,
            at,
            target(TextId::BoxValue(n), value_node),
        );
        ty += r.value_h + d.detail_gap;
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
    // A note's number beside a value is set smaller than the value (a
    // display size's own superscript would shout), but not as small as a
    // marker in running text, which beside 17 pt figures read as an
    // apostrophe: at three quarters of the value's size, its top raised
    // to the value's cap height.
    let mut inline = Inline::from_runs(&runs, value_style, s.fonts);
    let marker_size = s
        .style(Role::Body)
        .size
        .max(value_style.size * VALUE_MARKER_SCALE);
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
