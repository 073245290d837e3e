//! Pages: the header, the flowed columns, the notes and the footer put
//! together on each page, with the outline's entries.

use super::body::{FlowItem, body_items};
use super::flow::{FlowError, FlowInput, flow};
use super::frame::{Frame, rect};
use super::header::{BoxPart, TallPart, header};
use super::notes::{NoteLayout, note_blocks};
use super::output::{
    Artifact, ColumnRecord, Layout, Numbering, OutlineEntry, Owner, PageLayout, Point, RegionKind,
};
use super::setter::Setter;
use super::{LayoutError, Problem, footer};
use crate::design::{Design, Role};
use crate::doc::Document;
use crate::fonts::FontSet;
use crate::units::Pt;

/// Lines alone on a last page that the layout tries to bring back.
const MAX_SPILL: usize = 3;
/// Paragraphs it may set a line shorter for that.
const MAX_TIGHTENED: usize = 4;

/// Lay out a document (not yet verified). When a few lines would stand
/// alone on a last page, paragraphs are set one line shorter (those with
/// the shortest last lines first) until the lines come back, if they do.
pub fn lay_out(doc: &Document, design: &Design, fonts: &FontSet) -> Result<Layout, LayoutError> {
    let laid = lay_out_once(doc, design, fonts, &[])?;
    let mut tight = Vec::new();
    while tight.len() < MAX_TIGHTENED && spill(&laid).is_some_and(|n| n <= MAX_SPILL) {
        let Some(block) = loosest_end(&laid, &tight) else {
            break;
        };
        tight.push(block);
        let trial = lay_out_once(doc, design, fonts, &tight)?;
        if trial.pages.len() < laid.pages.len() {
            return Ok(trial);
        }
    }
    Ok(laid)
}

/// Body items on the last page, when it is not the only one and holds no
/// note of its own.
fn spill(laid: &Layout) -> Option<usize> {
    let last = laid.pages.len().checked_sub(1).filter(|&l| l > 0)?;
    if !laid.pages[last].notes.is_empty() || !laid.pages[last].continued_notes.is_empty() {
        return None;
    }
    Some(
        laid.columns
            .iter()
            .filter(|c| c.page == last)
            .map(|c| c.items.len())
            .sum(),
    )
}

/// The paragraph, not yet tightened, whose last line is the shortest.
fn loosest_end(laid: &Layout, tight: &[usize]) -> Option<usize> {
    laid.lines
        .iter()
        .filter(|r| r.last && !tight.contains(&r.block))
        .min_by(|a, b| (a.width / a.measure).total_cmp(&(b.width / b.measure)))
        .map(|r| r.block)
}

fn lay_out_once(
    doc: &Document,
    design: &Design,
    fonts: &FontSet,
    tighten: &[usize],
) -> Result<Layout, LayoutError> {
    let mut s = Setter::new(doc, design, fonts);
    let head = header(&mut s);
    let (items, line_records) = body_items(&mut s, tighten);
    let blocks = note_blocks(&mut s);
    if !s.problems.is_empty() {
        return Err(LayoutError(s.problems));
    }
    let g = &design.page;
    if let Some(tall) = head.too_tall {
        return Err(LayoutError(vec![row_too_tall(doc, tall)]));
    }
    // Under the header, on each page it reaches, the body has the rest.
    let first_heights: Vec<Pt> = head
        .body_tops
        .iter()
        .map(|&top| (g.body_bottom() - top).max(Pt::ZERO))
        .collect();
    let notes = NoteLayout {
        blocks: &blocks,
        design: &design.notes,
        leading: design.style(Role::Footnote).leading,
        columns: g.columns,
        column_width: g.column_width,
        column_gap: g.column_gap,
        rtl: s.rtl,
    };
    let header_notes: Vec<Vec<u32>> = head
        .frames
        .iter()
        .map(|f| {
            let mut n = f.notes.clone();
            n.dedup();
            n
        })
        .collect();
    let flows = flow(&FlowInput {
        items: &items,
        columns: g.columns,
        first_heights: &first_heights,
        height: g.body_bottom() - g.margin_top,
        header_notes: &header_notes,
        notes: &notes,
        min_first_lines: design.notes.min_first_lines,
    })
    .map_err(|e| LayoutError(vec![flow_problem(e, &items, doc, design)]))?;

    let mut out = Layout {
        width: g.width,
        height: g.height,
        bleed: g.bleed,
        lines: line_records,
        ..Layout::default()
    };
    out.outline.push(OutlineEntry {
        title: doc.title.clone(),
        level: 1,
        page: 0,
        y: Pt::ZERO,
    });
    if let (Some(row), Some(y)) = (&doc.indicators, head.indicators_top) {
        out.outline.push(OutlineEntry {
            title: row.heading.clone(),
            level: 2,
            page: 0,
            y,
        });
    }
    let count = flows.len();
    for (p, pf) in flows.iter().enumerate() {
        let mut page = Frame::default();
        if let Some(frame) = head.frames.get(p) {
            page.append(frame.clone(), Point::default(), None);
        }
        let top = head.body_tops.get(p).copied().unwrap_or(g.margin_top);
        let bottom = g.body_bottom() - notes.area_height(&pf.notes);
        for (c, range) in pf.columns.iter().enumerate() {
            // Right-to-left documents read their columns from the right.
            let x = g.column_x(if s.rtl { g.columns - 1 - c } else { c });
            let column = page.region(
                RegionKind::Column,
                rect(x, top, g.column_width, bottom - top),
                None,
            );
            out.columns.push(ColumnRecord {
                page: p,
                column: c,
                items: range.clone().map(|i| items[i].role).collect(),
                ends_hyphenated: range.end > range.start && items[range.end - 1].hyphenated,
            });
            let mut y = top;
            for i in range.clone() {
                if i > range.start {
                    y += items[i].space_before.max(items[i - 1].gap_after);
                }
                if let Some(title) = &items[i].outline {
                    out.outline.push(OutlineEntry {
                        title: title.clone(),
                        level: 2,
                        page: p,
                        y,
                    });
                }
                page.append(items[i].frame.clone(), Point { x, y }, Some(column));
                y += items[i].height;
            }
        }
        page.append(
            notes.area(&pf.notes, g.margin_left, g.text_width, g.body_bottom()),
            Point::default(),
            None,
        );
        let furniture = footer::furniture(&mut s, p, count, &Numbering::default());
        page.append(furniture, Point::default(), None);
        let mut note_refs = page.notes.clone();
        note_refs.sort_unstable();
        note_refs.dedup();
        let (mut started, mut continued) = (Vec::new(), Vec::new());
        for piece in &pf.notes {
            if piece.lines.start == 0 {
                started.push(piece.number);
            } else {
                continued.push(piece.number);
            }
        }
        out.pages.push(PageLayout {
            items: page.items,
            regions: page.regions,
            note_refs,
            notes: started,
            continued_notes: continued,
        });
    }
    if !s.problems.is_empty() {
        return Err(LayoutError(s.problems));
    }
    out.nodes = s.structure.nodes;
    Ok(out)
}

/// A row of indicator boxes taller than a page: point at the text that
/// makes it so (the box's label, value or source).
fn row_too_tall(doc: &Document, tall: TallPart) -> Problem {
    let b = doc
        .indicators
        .as_ref()
        .and_then(|r| r.boxes.get(tall.index));
    let (what, at) = match tall.part {
        BoxPart::Label => ("label", b.and_then(|b| b.label_at.clone())),
        BoxPart::Value => ("value", b.and_then(|b| b.value_at.clone())),
        BoxPart::Detail => ("source", b.and_then(|b| b.detail_at.clone())),
    };
    Problem::input(
        format!(
            "a row of indicator boxes is taller than a page: the {what} of indicator `{}` is too long",
            b.map_or("?", |b| b.id.as_str())
        ),
        format!("shorten this {what}"),
        at.or_else(|| b.and_then(|b| b.at.clone())),
    )
}

fn flow_problem(e: FlowError, items: &[FlowItem], doc: &Document, _design: &Design) -> Problem {
    match e {
        FlowError::TooTall(i) => {
            let callout = matches!(items[i].role, super::output::FlowRole::Callout);
            Problem::input(
                format!("{} is taller than a column of the page", items[i].what),
                if callout {
                    "shorten the call-out's `label` under [budget]"
                } else {
                    "shorten it"
                },
                items[i].at.clone(),
            )
        }
        FlowError::NoRoomForNotes(i) => Problem::input(
            format!(
                "the footnotes of {} cannot start on the page of their markers",
                items[i].what
            ),
            "shorten the notes, or spread their markers over more text",
            items[i].at.clone(),
        ),
        FlowError::HeaderNotes => Problem::input(
            "the footnotes cited by the indicator boxes do not fit on the first page",
            "shorten those notes",
            doc.indicators
                .as_ref()
                .and_then(|r| r.boxes.iter().find(|b| b.note.is_some()))
                .and_then(|b| b.at.clone()),
        ),
    }
}

/// Number a laid-out factsheet's pages as part of a larger document (a
/// pack): its furniture is set again for `numbering`; nothing else moves.
pub fn renumber(
    laid: &mut Layout,
    doc: &Document,
    design: &Design,
    fonts: &FontSet,
    numbering: Numbering,
) -> Result<(), LayoutError> {
    let mut s = Setter::new(doc, design, fonts);
    let count = laid.pages.len();
    for (p, page) in laid.pages.iter_mut().enumerate() {
        // Drop the old furniture and its regions, keeping the other
        // items' region indices right.
        let furniture = |k: RegionKind| matches!(k, RegionKind::Footer | RegionKind::Header);
        let mut map = Vec::with_capacity(page.regions.len());
        let mut kept = Vec::new();
        for r in &page.regions {
            if furniture(r.kind) {
                map.push(None);
            } else {
                map.push(Some(kept.len()));
                kept.push(*r);
            }
        }
        for r in &mut kept {
            r.parent = r.parent.and_then(|i| map[i]);
        }
        page.items.retain(|it| {
            !matches!(it.owner, Owner::Artifact(Artifact::Footer))
                && it.region.is_none_or(|r| map[r].is_some())
        });
        for it in &mut page.items {
            it.region = it.region.and_then(|r| map[r]);
        }
        let mut frame = Frame {
            regions: kept,
            ..Frame::default()
        };
        frame.items = std::mem::take(&mut page.items);
        frame.append(
            footer::furniture(&mut s, p, count, &numbering),
            Point::default(),
            None,
        );
        page.items = frame.items;
        page.regions = frame.regions;
    }
    if !s.problems.is_empty() {
        return Err(LayoutError(s.problems));
    }
    laid.numbering = numbering;
    Ok(())
}
