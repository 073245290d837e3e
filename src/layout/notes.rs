//! Footnotes: each note set once, line by line, at the note measure with
//! its number hanging in front; then placed at the foot of pages under a
//! short rule, in as many columns as the body has. A note that does not
//! fit the room left on its marker's page is split between lines and
//! continues at the foot of the next.

use std::ops::Range;

use super::collect::Inline;
use super::frame::{Frame, LineTarget, place_line, rect};
use super::output::{Artifact, ItemKind, NodeKind, Owner, Paint, Point, RegionKind, TextId};
use super::setter::Setter;
use crate::design::{NoteDesign, Role};
use crate::diag::Loc;
use crate::doc::Run;
use crate::units::Pt;

/// One footnote, set: a frame per line, each from its line box's top.
pub struct NoteBlock {
    pub number: u32,
    pub lines: Vec<Frame>,
    /// Which lines end in a hyphen: a note is not split after one.
    pub hyphenated: Vec<bool>,
    pub at: Option<Loc>,
}

/// Lines `lines` of note `number`, placed on one page.
#[derive(Clone, Debug, PartialEq)]
pub struct NotePiece {
    pub number: u32,
    pub lines: Range<usize>,
}

/// How notes are placed at a page's foot.
pub struct NoteLayout<'a> {
    pub blocks: &'a [NoteBlock],
    pub design: &'a NoteDesign,
    pub leading: Pt,
    pub columns: usize,
    pub column_width: Pt,
    pub column_gap: Pt,
    /// A right-to-left document: the note columns read from the right,
    /// and the rule above them starts at the right edge.
    pub rtl: bool,
}

pub fn note_blocks(s: &mut Setter<'_>) -> Vec<NoteBlock> {
    let base = s.span(Role::Footnote);
    let style = s.style(Role::Footnote);
    let (leading, justify) = (style.leading, style.justify);
    let d = &s.design.notes;
    let width = s.design.page.column_width.min(d.measure) - d.marker_width;
    let marker_width = d.marker_width;
    let rtl = s.rtl;
    s.doc
        .notes
        .iter()
        .map(|note| {
            let node = s.structure.add(NodeKind::Note, None, None);
            let label = s.structure.add(NodeKind::Label, Some(node), None);
            let text = s.structure.add(NodeKind::Paragraph, Some(node), None);
            let to = LineTarget {
                text: TextId::Note(note.number),
                region: None,
                node: text,
                label: Some(label),
            };
            let what = format!("footnote `{}`", note.key);
            // The number hangs in the margin of the note's first line.
            let marker = Inline::from_runs(&[Run::NoteRef(note.number)], &base, s.fonts);
            let marker_lines = s.set(&marker, marker_width, false, false, &what, note.at.as_ref());
            let inline = Inline::from_runs(&note.runs, &base, s.fonts);
            let lines = s.set(&inline, width, justify, false, &what, note.at.as_ref());
            let baseline = s.baseline_offset(&base, leading);
            let frames = lines
                .iter()
                .enumerate()
                .map(|(i, line)| {
                    let mut frame = Frame::default();
                    // The number hangs before the note: at the left, or
                    // at the right in a right-to-left document.
                    let (marker_x, text_x) = if rtl {
                        (width, Pt::ZERO)
                    } else {
                        (Pt::ZERO, marker_width)
                    };
                    if i == 0 {
                        for m in &marker_lines {
                            place_line(&mut frame, &mut s.structure, m, marker_x, baseline, to);
                        }
                    }
                    place_line(&mut frame, &mut s.structure, line, text_x, baseline, to);
                    frame.height = leading;
                    frame
                })
                .collect();
            NoteBlock {
                number: note.number,
                hyphenated: lines.iter().map(|l| l.hyphenated).collect(),
                lines: frames,
                at: note.at.clone(),
            }
        })
        .collect()
}

impl NoteLayout<'_> {
    pub fn block(&self, number: u32) -> Option<&NoteBlock> {
        self.blocks.iter().find(|b| b.number == number)
    }

    /// Lines note `number` has.
    pub fn line_count(&self, number: u32) -> usize {
        self.block(number).map_or(0, |b| b.lines.len())
    }

    /// Whether line `line` of note `number` ends in a hyphen (the note may
    /// not be split after it).
    pub fn hyphenated(&self, number: u32, line: usize) -> bool {
        self.block(number)
            .and_then(|b| b.hyphenated.get(line).copied())
            .unwrap_or(false)
    }

    /// Height of the notes area holding `pieces` (zero when none), the
    /// gap above it and the rule included.
    pub fn area_height(&self, pieces: &[NotePiece]) -> Pt {
        if pieces.iter().all(|p| p.lines.is_empty()) {
            return Pt::ZERO;
        }
        self.design.area_gap + self.design.rule_gap + self.columns_height(pieces)
    }

    /// The height of the note columns: the least at which the pieces'
    /// lines, poured down the columns in order, all fit.
    fn columns_height(&self, pieces: &[NotePiece]) -> Pt {
        let one = self.stacked_height(pieces);
        if self.columns < 2 {
            return one;
        }
        let (mut lo, mut hi) = (one / self.columns as f64, one);
        if self.pour(pieces, lo).is_some() {
            return lo;
        }
        for _ in 0..20 {
            let mid = (lo + hi) / 2.0;
            if self.pour(pieces, mid).is_some() {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        hi
    }

    /// All pieces in one column.
    fn stacked_height(&self, pieces: &[NotePiece]) -> Pt {
        let lines: usize = pieces.iter().map(|p| p.lines.len()).sum();
        let count = pieces.iter().filter(|p| !p.lines.is_empty()).count();
        self.leading * lines as f64 + self.design.note_gap * (count.saturating_sub(1)) as f64
    }

    /// Pour the pieces' lines down the columns at `height`: each line's
    /// column and top, or `None` when they do not fit.
    fn pour(&self, pieces: &[NotePiece], height: Pt) -> Option<Vec<(usize, Pt)>> {
        let eps = Pt(0.01);
        let mut out = Vec::new();
        let (mut col, mut y) = (0, Pt::ZERO);
        let mut first_in_column = true;
        // Lines in the column being filled, and of them the note's.
        let mut lines_here = 0;
        for p in pieces.iter().filter(|p| !p.lines.is_empty()) {
            if !first_in_column {
                y += self.design.note_gap;
            }
            let mut note_here = 0;
            for line in p.lines.clone() {
                if y + self.leading > height + eps {
                    // A line taller than the columns fits nowhere.
                    if y == Pt::ZERO {
                        return None;
                    }
                    col += 1;
                    y = Pt::ZERO;
                    if col >= self.columns.max(1) || self.leading > height + eps {
                        return None;
                    }
                    let k = self.lines_to_move(p, line, note_here, lines_here)?;
                    for _ in 0..k {
                        out.pop();
                    }
                    for _ in 0..k {
                        out.push((col, y));
                        y += self.leading;
                    }
                    lines_here = k;
                    note_here = k;
                }
                out.push((col, y));
                y += self.leading;
                lines_here += 1;
                note_here += 1;
                first_in_column = false;
            }
        }
        Some(out)
    }

    /// How many of the note's lines before `line` go over to the next
    /// column with it, at a column break: `here` of its lines, and
    /// `column` lines in all, stand in the column that ends.
    ///
    /// A note does not leave one line alone at a column's foot, nor carry
    /// one alone to the next (a scrap such as "escuelas sobre." read as a
    /// note of its own): where that would empty the column (a short note
    /// alone), the columns are too short (`None`), and the search makes
    /// them taller. A word hyphenated at the foot goes over with the rest
    /// of it where the column keeps some lines, and otherwise stays:
    /// asking for taller columns for that made the search settle on
    /// nearly one column's height (a page's notes took twice their room,
    /// and its body columns ended early).
    fn lines_to_move(
        &self,
        p: &NotePiece,
        line: usize,
        here: usize,
        column: usize,
    ) -> Option<usize> {
        let after = p.lines.end - line;
        let hyphenated = |l: usize| l > p.lines.start && self.hyphenated(p.number, l - 1);
        let lone = if here == 1 {
            1
        } else if after == 1 && here >= 1 {
            if here >= 3 { 1 } else { here }
        } else {
            0
        };
        if lone > 0 {
            return (column > lone).then_some(lone);
        }
        let word = here >= 1 && hyphenated(line) && !(here >= 2 && hyphenated(line - 1));
        Some(if word && column > 1 { 1 } else { 0 })
    }

    /// The notes area for `pieces`, its bottom at `bottom`, spanning the
    /// text width from `left`.
    pub fn area(&self, pieces: &[NotePiece], left: Pt, width: Pt, bottom: Pt) -> Frame {
        let mut frame = Frame::default();
        let h = self.area_height(pieces);
        if h == Pt::ZERO {
            return frame;
        }
        let top = bottom - h + self.design.area_gap;
        let region = frame.region(
            RegionKind::Notes,
            rect(left, top, width, bottom - top),
            None,
        );
        let rule = width * self.design.rule_share;
        let rule_x = if self.rtl { left + width - rule } else { left };
        frame.push(
            ItemKind::Rule {
                from: Point { x: rule_x, y: top },
                to: Point {
                    x: rule_x + rule,
                    y: top,
                },
                width: self.design.rule_width,
                paint: Paint::Rule,
                dotted: false,
            },
            Owner::Artifact(Artifact::Layout),
            Some(region),
        );
        let columns_top = top + self.design.rule_gap;
        let height = self.columns_height(pieces);
        let places = self.pour(pieces, height).unwrap_or_default();
        let mut places = places.into_iter();
        for p in pieces {
            let Some(block) = self.block(p.number) else {
                continue;
            };
            for line in &block.lines[p.lines.clone()] {
                let Some((col, y)) = places.next() else {
                    return frame;
                };
                let col = if self.rtl {
                    self.columns.saturating_sub(1).saturating_sub(col)
                } else {
                    col
                };
                let x = left + (self.column_width + self.column_gap) * col as f64;
                frame.append(
                    line.clone(),
                    Point {
                        x,
                        y: columns_top + y,
                    },
                    Some(region),
                );
            }
        }
        frame
    }
}

/// A plain note design for unit tests (here and the flow's): no gaps, two
/// lines a note starts with at least.
#[cfg(test)]
pub(super) fn test_design() -> NoteDesign {
    NoteDesign {
        area_gap: Pt::ZERO,
        rule_gap: Pt::ZERO,
        rule_width: Pt(0.5),
        rule_share: 0.3,
        note_gap: Pt::ZERO,
        measure: Pt(100.0),
        marker_width: Pt(5.0),
        min_first_lines: 2,
    }
}

/// Notes of `lines` lines each (numbered from 1), every line hyphenated
/// when `hyphenated`.
#[cfg(test)]
pub(super) fn test_blocks(lines: &[usize], hyphenated: bool) -> Vec<NoteBlock> {
    lines
        .iter()
        .zip(1..)
        .map(|(&n, number)| NoteBlock {
            number,
            lines: vec![Frame::default(); n],
            hyphenated: vec![hyphenated; n],
            at: None,
        })
        .collect()
}

/// `columns` note columns of 100 pt, 10 pt apart, lines 10 pt apart.
#[cfg(test)]
pub(super) fn test_layout<'a>(
    blocks: &'a [NoteBlock],
    design: &'a NoteDesign,
    columns: usize,
) -> NoteLayout<'a> {
    NoteLayout {
        blocks,
        design,
        leading: Pt(10.0),
        columns,
        column_width: Pt(100.0),
        column_gap: Pt(10.0),
        rtl: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each note whole, in order.
    fn whole(blocks: &[NoteBlock]) -> Vec<NotePiece> {
        blocks
            .iter()
            .map(|b| NotePiece {
                number: b.number,
                lines: 0..b.lines.len(),
            })
            .collect()
    }

    /// A note whose every line ends in a hyphen, in two note columns: no
    /// column break can move its hyphenated line over, and the area is
    /// still about half the note's height, not all of it (the search for
    /// the columns' height settled near one column's height: a page's
    /// notes took twice their room).
    #[test]
    fn notes_that_cannot_break_well_still_share_the_columns() {
        let blocks = test_blocks(&[6], true);
        let design = test_design();
        let layout = test_layout(&blocks, &design, 2);
        let h = layout.area_height(&whole(&blocks));
        assert!(h <= Pt(30.0 + 0.1), "{h:?} for 6 lines in 2 columns");
    }

    /// Three notes of two lines in two columns: poured three lines a
    /// column, the second note would leave its first line alone at the
    /// first column's foot and its second at the top of the next. The
    /// columns are made four lines tall instead, the note whole.
    #[test]
    fn a_note_leaves_no_line_alone_in_a_column() {
        let design = test_design();
        let blocks = test_blocks(&[2, 2, 2], false);
        let layout = test_layout(&blocks, &design, 2);
        let pieces = whole(&blocks);
        let h = layout.columns_height(&pieces);
        let placed = layout.pour(&pieces, h).unwrap();
        let columns: Vec<usize> = placed.iter().map(|(c, _)| *c).collect();
        assert_eq!(columns, [0, 0, 0, 0, 1, 1], "{h:?}");
        // A longer note split across the columns keeps two lines each side.
        let longer = test_blocks(&[2, 5], false);
        let layout = test_layout(&longer, &design, 2);
        let pieces = whole(&longer);
        let h = layout.columns_height(&pieces);
        let placed = layout.pour(&pieces, h).unwrap();
        let second: Vec<usize> = placed[2..].iter().map(|(c, _)| *c).collect();
        for col in [0, 1] {
            let n = second.iter().filter(|c| **c == col).count();
            assert!(n == 0 || n >= 2, "{second:?}");
        }
    }
}
