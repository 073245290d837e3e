//! The narrative as a list of flow items: each line of a heading or
//! paragraph, and the call-out as one unbreakable item. Each item says
//! whether a column may end before it, which encodes the keep rules:
//! a heading stays with the two lines after it, a paragraph is never
//! split to leave one line alone at a column's foot or head, and a column
//! never ends after a hyphenated line.

use super::collect::Inline;
use super::frame::{Frame, LineTarget, place_line, rect};
use super::output::{
    Artifact, FlowRole, ItemKind, LineRecord, NodeKind, Owner, Paint, Point, RegionKind, TextId,
};
use super::setter::{Placement, Setter, Setting};
use super::span_style::SpanStyle;
use crate::design::Role;
use crate::diag::Loc;
use crate::doc::{Block, Callout, Run};
use crate::units::Pt;

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
    /// Footnote numbers whose markers this item holds, in order.
    pub notes: Vec<u32>,
    /// Content from the item's top-left corner (column-relative).
    pub frame: Frame,
    /// An outline entry for headings.
    pub outline: Option<String>,
    pub role: FlowRole,
    /// Where the item comes from in the profile (for problems).
    pub at: Option<Loc>,
    /// A line that ends in a hyphen.
    pub hyphenated: bool,
    /// What the item is, in words (for problems).
    pub what: String,
}

/// The body's flow items, and a record of every paragraph line. The
/// paragraphs of `tighten` (block indices) are set a line shorter where
/// they can be.
pub fn body_items(s: &mut Setter<'_>, tighten: &[usize]) -> (Vec<FlowItem>, Vec<LineRecord>) {
    let mut items: Vec<FlowItem> = Vec::new();
    let mut records = Vec::new();
    let (mut headings, mut paragraphs) = (0, 0);
    let width = s.design.page.column_width;
    let spacing = s.design.body.clone();
    let body = s.span(Role::Body);
    let leading = s.style(Role::Body).leading;
    let justify = s.style(Role::Body).justify;
    let mut after_heading = false;
    let mut after_paragraph = false;
    for (index, block) in s.doc.body.iter().enumerate() {
        match block {
            Block::Heading(h) => {
                let style = s.span(Role::Heading);
                let lead = s.style(Role::Heading).leading;
                let node = s
                    .structure
                    .add(NodeKind::Heading(2, h.text.clone()), None, None);
                let what = format!("heading `{}`", h.id);
                let lines = s.set_balanced(
                    &Inline::plain(&h.text, &style),
                    width,
                    false,
                    &what,
                    h.at.as_ref(),
                );
                let n = lines.len();
                // On the body's baseline grid, whatever the heading's size.
                let base = s.baseline_offset(&body, lead);
                for (i, line) in lines.iter().enumerate() {
                    let mut frame = Frame::default();
                    place_line(
                        &mut frame,
                        &mut s.structure,
                        line,
                        Pt::ZERO,
                        base,
                        target(index, node),
                    );
                    frame.height = lead;
                    items.push(FlowItem {
                        height: lead,
                        space_before: if i == 0 {
                            spacing.heading_before
                        } else {
                            Pt::ZERO
                        },
                        gap_after: if i + 1 == n {
                            spacing.heading_after
                        } else {
                            Pt::ZERO
                        },
                        break_before: i == 0 && !after_heading,
                        notes: frame.notes.clone(),
                        outline: (i == 0).then(|| h.text.clone()),
                        frame,
                        role: FlowRole::Heading {
                            heading: headings,
                            line: i,
                        },
                        at: h.at.clone(),
                        what: what.clone(),
                        hyphenated: false,
                    });
                }
                headings += 1;
                after_heading = n > 0;
                after_paragraph = false;
            }
            Block::Paragraph(p) => {
                let node = s.structure.add(NodeKind::Paragraph, None, None);
                let inline = Inline::from_runs(&p.runs, &body, s.fonts);
                let what = format!("paragraph `{}`", p.id);
                // A paragraph that follows another starts indented; after
                // a heading or the call-out, or first, it does not.
                let how = Setting {
                    width,
                    justify,
                    tighten: tighten.contains(&index),
                    indent: if after_paragraph {
                        spacing.indent
                    } else {
                        Pt::ZERO
                    },
                    ..Setting::default()
                };
                let lines = s.set_with(&inline, &how, &what, p.at.as_ref());
                let n = lines.len();
                let base = s.baseline_offset(&body, leading);
                for (i, line) in lines.iter().enumerate() {
                    let mut frame = Frame::default();
                    place_line(
                        &mut frame,
                        &mut s.structure,
                        line,
                        Pt::ZERO,
                        base,
                        target(index, node),
                    );
                    frame.height = leading;
                    let keeps = i >= spacing.min_lines && n - i >= spacing.min_lines;
                    let after_hyphen = i > 0 && lines[i - 1].hyphenated;
                    let break_before = if i == 0 {
                        !after_heading
                    } else {
                        keeps && !after_hyphen
                    };
                    records.push(LineRecord {
                        block: index,
                        justified: line.justified,
                        space_factor: line.space_factor,
                        letter_spacing: line.letter_spacing,
                        has_spaces: line
                            .runs
                            .iter()
                            .any(|r| r.run.text.trim_end().contains(' ')),
                        hyphenated: line.hyphenated,
                        last: i + 1 == n,
                        width: line.width,
                        measure: width,
                    });
                    items.push(FlowItem {
                        height: leading,
                        space_before: if i == 0 { spacing.paragraph } else { Pt::ZERO },
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
                        at: first_run_loc(&p.runs, i).or_else(|| p.at.clone()),
                        what: what.clone(),
                        hyphenated: line.hyphenated,
                    });
                }
                paragraphs += 1;
                after_heading = false;
                after_paragraph = true;
            }
            Block::Callout(c) => {
                let frame = callout(s, c, index, width);
                items.push(FlowItem {
                    height: frame.height,
                    space_before: spacing.callout,
                    gap_after: spacing.callout,
                    break_before: !after_heading,
                    notes: frame.notes.clone(),
                    outline: None,
                    frame,
                    role: FlowRole::Callout,
                    at: c.label_at.clone().or_else(|| c.at.clone()),
                    what: "the budget call-out".into(),
                    hyphenated: false,
                });
                after_heading = false;
                after_paragraph = false;
            }
        }
    }
    (items, records)
}

fn target(block: usize, node: usize) -> LineTarget {
    LineTarget {
        text: TextId::Block(block),
        region: None,
        node,
        label: None,
    }
}

/// The place of a paragraph's text, for line `i` (the whole paragraph's
/// first run: lines do not map back to runs one to one).
fn first_run_loc(runs: &[Run], _line: usize) -> Option<Loc> {
    runs.iter().find_map(|r| match r {
        Run::Text { at, .. } => at.clone(),
        _ => None,
    })
}

/// The budget call-out: a shaded box with an edge in the highlight
/// colour, the label above the amount. Never split.
fn callout(s: &mut Setter<'_>, c: &Callout, index: usize, width: Pt) -> Frame {
    let d = s.design.callout.clone();
    let inner = width - d.inset_x * 2.0 - d.edge;
    let label_lang = s.label_lang_tag();
    let node = s.structure.add(NodeKind::Division, None, None);
    let label_style = s.span(Role::CalloutLabel);
    let amount_role = s.style(Role::CalloutAmount).clone();
    let mut amount_style = SpanStyle::of(&amount_role);

    let mut frame = Frame::default();
    let region = frame.region(
        RegionKind::Callout,
        rect(Pt::ZERO, Pt::ZERO, width, Pt::ZERO),
        None,
    );
    let label_node = s.structure.add(NodeKind::Paragraph, Some(node), label_lang);
    let at = Placement {
        // The highlight edge is where lines start: the left, or the right
        // in a right-to-left document.
        x: if s.rtl { d.inset_x } else { d.edge + d.inset_x },
        top: d.inset_y,
        width: inner,
        leading: s.style(Role::CalloutLabel).leading,
        label: true,
        balance: true,
    };
    let target = |text, node| LineTarget {
        text,
        region: Some(region),
        node,
        label: None,
    };
    let mut y = d.inset_y
        + s.place_text(
            &mut frame,
            &c.label,
            &label_style,
            at,
            target(TextId::CalloutLabel(index), label_node),
            "the call-out",
            c.label_at.as_ref().or(c.at.as_ref()),
        );
    let mut runs = vec![Run::text(c.amount.clone())];
    if let Some(n) = c.note {
        runs.push(Run::NoteRef(n));
    }
    // An amount too wide for the box is set smaller, never cut.
    let natural = s.natural_width(
        &Inline::from_runs(&runs, &amount_style, s.fonts),
        "the call-out",
        c.at.as_ref(),
    );
    if natural > inner {
        amount_style.size = amount_style.size * (inner / natural * 0.995).max(0.5);
    }
    let amount_node = s.structure.add(NodeKind::Paragraph, Some(node), None);
    let lines = s.set_balanced(
        &Inline::from_runs(&runs, &amount_style, s.fonts),
        inner,
        false,
        "the call-out",
        c.at.as_ref(),
    );
    let at = Placement {
        top: y,
        leading: amount_role.leading * (amount_style.size / amount_role.size),
        label: false,
        ..at
    };
    y += s.place_lines(
        &mut frame,
        &lines,
        &amount_style,
        at,
        target(TextId::CalloutAmount(index), amount_node),
    );
    // Whole lines tall, the extra shared above and below the text, so the
    // lines after the call-out stay on the grid.
    let natural = y + d.inset_y;
    let line = s.design.body.line;
    let height = line * (natural / line - 1e-6).ceil();
    let lift = (height - natural) / 2.0;
    for item in &mut frame.items {
        super::frame::move_item(
            &mut item.kind,
            Point {
                x: Pt::ZERO,
                y: lift,
            },
        );
    }
    frame.regions[region].rect.h = height;
    // The fills go first: they are drawn under the text.
    let fills = [
        (rect(Pt::ZERO, Pt::ZERO, width, height), Paint::Accent),
        (
            rect(
                if s.rtl { width - d.edge } else { Pt::ZERO },
                Pt::ZERO,
                d.edge,
                height,
            ),
            Paint::Highlight,
        ),
    ];
    for (i, (r, paint)) in fills.into_iter().enumerate() {
        frame.items.insert(
            i,
            super::output::Item {
                kind: ItemKind::Fill { rect: r, paint },
                owner: Owner::Artifact(Artifact::Layout),
                text: None,
                region: Some(region),
            },
        );
    }
    frame.height = height;
    frame
}
