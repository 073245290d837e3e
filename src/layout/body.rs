//! The narrative as a list of flow items: each line of a heading or
//! paragraph, and the call-out as one unbreakable item. Each item says
//! whether a column may end before it, which encodes the keep rules:
//! a heading stays with the two lines after it, and a paragraph is never
//! split to leave one line alone at a column's foot or head.

use super::collect::Inline;
use super::frame::{
    Artifact, FlowRole, ItemKind, LineRecord, NodeKind, Owner, Paint, Region, RegionKind,
};
use super::place::{Frame, place_line, rect};
use super::setter::{Placement, Setter};
use super::style::TextStyle;
use crate::doc::{Block, Callout};
use crate::fonts::FaceId;
use crate::units::{Mm, Pt};

/// A unit the flow places whole.
#[derive(Clone, Debug)]
pub struct FlowItem {
    pub height: Pt,
    /// Space above, dropped at the top of a column.
    pub space_before: Pt,
    /// Space below, when more is wanted than the next item's `space_before`.
    pub gap_after: Pt,
    /// A column or page may end before this item.
    pub break_before: bool,
    /// Footnote numbers whose markers this item holds.
    pub notes: Vec<u32>,
    /// Content from the item's top-left corner (column-relative).
    pub frame: Frame,
    /// An outline entry for headings.
    pub outline: Option<String>,
    pub role: FlowRole,
}

/// Lines a paragraph may not be split into fewer of, at either end.
const MIN_LINES: usize = 2;

/// The body's flow items, and a record of every paragraph line.
pub fn body_items(s: &mut Setter<'_>) -> (Vec<FlowItem>, Vec<LineRecord>) {
    let mut items: Vec<FlowItem> = Vec::new();
    let mut records = Vec::new();
    let (mut headings, mut paragraphs) = (0, 0);
    let width = s.geo.column_width;
    let body = s.body_style();
    let leading = s.leading(body.size);
    let mut after_heading = false;
    let blocks = s.doc.body.clone();
    for block in &blocks {
        match block {
            Block::Heading(h) => {
                let style = s.label_style(FaceId::Bold, s.theme.sizes.heading, Paint::Accent, 0.03);
                let lead = s.leading(style.size) * 0.95;
                let node = s
                    .structure
                    .add(NodeKind::Heading(2, h.text.clone()), None, None);
                let lines = s.set(
                    &Inline::plain(&h.text, &style),
                    width,
                    false,
                    false,
                    &format!("heading `{}`", h.id),
                );
                let n = lines.len();
                let base = s.baseline_offset(&style, lead);
                for (i, line) in lines.iter().enumerate() {
                    let mut frame = Frame::default();
                    place_line(&mut frame, &mut s.structure, line, Pt::ZERO, base, node);
                    frame.height = lead;
                    items.push(FlowItem {
                        height: lead,
                        space_before: if i == 0 { leading * 0.9 } else { Pt::ZERO },
                        gap_after: if i + 1 == n { leading * 0.3 } else { Pt::ZERO },
                        break_before: i == 0 && !after_heading,
                        notes: frame.notes.clone(),
                        outline: (i == 0).then(|| h.text.clone()),
                        frame,
                        role: FlowRole::Heading {
                            heading: headings,
                            line: i,
                        },
                    });
                }
                headings += 1;
                after_heading = n > 0;
            }
            Block::Paragraph(p) => {
                let node = s.structure.add(NodeKind::Paragraph, None, None);
                let inline = Inline::from_runs(&p.runs, &body, s.fonts);
                let justify = s.theme.text.justify;
                let lines = s.set(
                    &inline,
                    width,
                    justify,
                    false,
                    &format!("paragraph `{}`", p.id),
                );
                let n = lines.len();
                let base = s.baseline_offset(&body, leading);
                for (i, line) in lines.iter().enumerate() {
                    let mut frame = Frame::default();
                    place_line(&mut frame, &mut s.structure, line, Pt::ZERO, base, node);
                    frame.height = leading;
                    let break_before = if i == 0 {
                        !after_heading
                    } else {
                        i >= MIN_LINES && n - i >= MIN_LINES
                    };
                    records.push(LineRecord {
                        justified: line.justified,
                        space_factor: line.space_factor,
                        has_spaces: line
                            .runs
                            .iter()
                            .any(|r| r.run.text.trim_end().contains(' ')),
                        hyphenated: line.hyphenated,
                    });
                    items.push(FlowItem {
                        height: leading,
                        space_before: if i == 0 { leading * 0.45 } else { Pt::ZERO },
                        gap_after: Pt::ZERO,
                        break_before,
                        notes: frame.notes.clone(),
                        outline: None,
                        frame,
                        role: FlowRole::Line {
                            paragraph: paragraphs,
                            line: i,
                            lines: n,
                        },
                    });
                }
                paragraphs += 1;
                after_heading = false;
            }
            Block::Callout(c) => {
                let frame = callout(s, c, width);
                items.push(FlowItem {
                    height: frame.height,
                    space_before: leading,
                    gap_after: leading,
                    break_before: !after_heading,
                    notes: Vec::new(),
                    outline: None,
                    frame,
                    role: FlowRole::Callout,
                });
                after_heading = false;
            }
        }
    }
    (items, records)
}

/// The budget call-out: a shaded box with an edge in the highlight
/// colour, the label above the amount. Never split.
fn callout(s: &mut Setter<'_>, c: &Callout, width: Pt) -> Frame {
    let sizes = s.theme.sizes.clone();
    let (inset_x, inset_y, edge) = (Mm(4.0).to_pt(), Mm(3.5).to_pt(), Pt(4.0));
    let inner = width - inset_x * 2.0 - edge;
    let label_lang = s.label_lang_tag().map(String::from);
    let node = s.structure.add(NodeKind::Division, None, None);
    let label_style = s.label_style(FaceId::Bold, sizes.callout_label, Paint::OnAccent, 0.04);
    let mut amount_style = TextStyle::new(FaceId::Bold, sizes.callout_amount, Paint::OnAccent);

    let mut frame = Frame::default();
    let mut text = Frame::default();
    let label_node = s
        .structure
        .add(NodeKind::Paragraph, Some(node), label_lang.as_deref());
    let at = Placement {
        x: edge + inset_x,
        top: inset_y,
        width: inner,
        leading: s.leading(sizes.callout_label),
        label: true,
    };
    let mut y = inset_y
        + s.place_text(
            &mut text,
            &c.label,
            &label_style,
            at,
            label_node,
            "the call-out",
        );
    let natural = s.natural_width(&Inline::plain(&c.amount, &amount_style), "the call-out");
    if natural > inner {
        amount_style.size = amount_style.size * (inner / natural * 0.995).max(0.5);
    }
    let amount_node = s.structure.add(NodeKind::Paragraph, Some(node), None);
    let at = Placement {
        top: y,
        leading: amount_style.size * 1.15,
        label: false,
        ..at
    };
    y += s.place_text(
        &mut text,
        &c.amount,
        &amount_style,
        at,
        amount_node,
        "the call-out",
    );
    let height = y + inset_y;
    frame.push(
        ItemKind::Fill {
            rect: rect(Pt::ZERO, Pt::ZERO, width, height),
            paint: Paint::Accent,
        },
        Owner::Artifact(Artifact::Layout),
    );
    frame.push(
        ItemKind::Fill {
            rect: rect(Pt::ZERO, Pt::ZERO, edge, height),
            paint: Paint::Highlight,
        },
        Owner::Artifact(Artifact::Layout),
    );
    frame.regions.push(Region {
        kind: RegionKind::Callout,
        rect: rect(Pt::ZERO, Pt::ZERO, width, height),
    });
    frame.append(text, Default::default());
    frame.height = height;
    frame
}
