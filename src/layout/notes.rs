//! Footnotes: each note set once at the text width, then placed at the
//! foot of the page that holds its marker, under a short rule.

use super::collect::Inline;
use super::frame::{Artifact, ItemKind, NodeKind, Owner, Paint, Point, Region, RegionKind};
use super::place::{Frame, place_line_with};
use super::setter::Setter;
use crate::doc::Run;
use crate::units::{Mm, Pt};

/// One footnote, set.
pub struct NoteBlock {
    pub number: u32,
    pub frame: Frame,
}

/// Space between the body and the rule above the notes.
pub fn area_gap() -> Pt {
    Mm(4.0).to_pt()
}

/// Rule above the notes to the first note.
fn rule_gap() -> Pt {
    Mm(1.8).to_pt()
}

/// Between two notes.
fn note_gap() -> Pt {
    Pt(2.0)
}

pub fn note_blocks(s: &mut Setter<'_>) -> Vec<NoteBlock> {
    let base = super::style::TextStyle::new(
        crate::fonts::FaceId::Regular,
        s.theme.sizes.footnote,
        Paint::Muted,
    )
    .hyphenate(s.theme.text.hyphenate);
    let leading = s.leading(base.size);
    let width = s.geo.text_width;
    let notes = s.doc.notes.clone();
    notes
        .iter()
        .map(|note| {
            let node = s.structure.add(NodeKind::Note, None, None);
            let label = s.structure.add(NodeKind::Label, Some(node), None);
            let text = s.structure.add(NodeKind::Paragraph, Some(node), None);
            let mut runs = vec![Run::NoteRef(note.number)];
            runs.extend(note.runs.iter().cloned());
            let inline = Inline::from_runs(&runs, &base, s.fonts);
            let lines = s.set(
                &inline,
                width,
                s.theme.text.justify,
                false,
                &format!("footnote `{}`", note.key),
            );
            let mut frame = Frame::default();
            for (i, line) in lines.iter().enumerate() {
                let baseline = leading * i as f64 + s.baseline_offset(&base, leading);
                place_line_with(
                    &mut frame,
                    &mut s.structure,
                    line,
                    Pt::ZERO,
                    baseline,
                    text,
                    Some(label),
                );
            }
            frame.height = leading * lines.len() as f64;
            NoteBlock {
                number: note.number,
                frame,
            }
        })
        .collect()
}

/// Height of the notes area holding `numbers` (zero when none), the gap
/// above it included.
pub fn area_height(blocks: &[NoteBlock], numbers: &[u32]) -> Pt {
    let mut h = Pt::ZERO;
    let mut count = 0;
    for b in blocks.iter().filter(|b| numbers.contains(&b.number)) {
        h += b.frame.height;
        count += 1;
    }
    if count == 0 {
        return Pt::ZERO;
    }
    area_gap() + rule_gap() + h + note_gap() * (count as f64 - 1.0)
}

/// The notes area for `numbers`, its bottom at `bottom`, spanning `width` from `left`.
pub fn area(blocks: &[NoteBlock], numbers: &[u32], left: Pt, width: Pt, bottom: Pt) -> Frame {
    let mut frame = Frame::default();
    let h = area_height(blocks, numbers);
    if h == Pt::ZERO {
        return frame;
    }
    let top = bottom - h + area_gap();
    frame.push(
        ItemKind::Rule {
            from: Point { x: left, y: top },
            to: Point {
                x: left + width / 3.0,
                y: top,
            },
            width: Pt(0.5),
            paint: Paint::Rule,
        },
        Owner::Artifact(Artifact::Layout),
    );
    frame.regions.push(Region {
        kind: RegionKind::Notes,
        rect: super::place::rect(left, top, width, bottom - top),
    });
    let mut y = top + rule_gap();
    for b in blocks.iter().filter(|b| numbers.contains(&b.number)) {
        frame.append(b.frame.clone(), Point { x: left, y });
        y += b.frame.height + note_gap();
    }
    frame
}
