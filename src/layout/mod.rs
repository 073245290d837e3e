//! The layout engine: from the document tree to positioned glyphs on A4
//! pages. One stage a file, data flowing one way:
//! [`collect`] -> [`shape`] -> [`breaks`] -> [`knuth_plass`] ->
//! [`paragraph`] (lines) -> blocks ([`header`], [`body`], [`notes`]) ->
//! [`flow`] (columns, pages, footnotes) -> pages with [`page`] furniture.

pub mod body;
pub mod breaks;
pub mod collect;
pub mod flow;
pub mod frame;
pub mod header;
pub mod knuth_plass;
pub mod notes;
pub mod page;
pub mod paragraph;
pub mod place;
pub mod setter;
pub mod shape;
pub mod style;

use std::fmt;

use crate::fonts::FontSet;
pub use frame::*;

use crate::doc::Document;
use crate::theme::Theme;
use crate::units::Pt;
use place::Frame;
use setter::Setter;

/// Something in the document the layout cannot set.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub message: String,
    pub help: String,
    /// Characters at fault (for pointing into the profile), if any.
    pub chars: Vec<char>,
}

/// Why a document could not be laid out: every problem found.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutError(pub Vec<Problem>);

impl fmt::Display for LayoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self
            .0
            .iter()
            .map(|p| format!("{}; {}", p.message, p.help))
            .collect();
        f.write_str(&lines.join("\n"))
    }
}

/// Lay out a document.
pub fn layout(doc: &Document, theme: &Theme, fonts: &FontSet) -> Result<Layout, LayoutError> {
    let mut s = Setter::new(doc, theme, fonts);
    let (header, body_top) = header::header(&mut s);
    let (items, line_records) = body::body_items(&mut s);
    let note_blocks = notes::note_blocks(&mut s);
    let geo = s.geo.clone();
    let first = geo.body_bottom() - body_top;
    let other = geo.body_bottom() - geo.top;
    for b in &note_blocks {
        if notes::area_height(&note_blocks, &[b.number]) > first * 0.6 {
            s.errors.push(Problem {
                message: format!(
                    "footnote {} is too long to share a page with its text",
                    b.number
                ),
                help: "shorten the note, or move part of it into the body text".into(),
                chars: Vec::new(),
            });
        }
    }
    if !s.errors.is_empty() {
        return Err(LayoutError(s.errors));
    }

    let heights = |p: usize| if p == 0 { first } else { other };
    let area = |n: &[u32]| notes::area_height(&note_blocks, n);
    let flows = flow::flow(&items, geo.columns, &heights, &area);

    let mut out = Layout {
        width: geo.width,
        height: geo.height,
        lines: line_records,
        ..Layout::default()
    };
    out.outline.push(OutlineEntry {
        title: doc.title.clone(),
        level: 1,
        page: 0,
        y: Pt::ZERO,
    });
    if let Some(row) = &doc.indicators {
        out.outline.push(OutlineEntry {
            title: row.heading.clone(),
            level: 2,
            page: 0,
            y: body_top - Pt(80.0),
        });
    }
    let count = flows.len();
    for (p, pf) in flows.iter().enumerate() {
        let mut page = Frame::default();
        if p == 0 {
            page.append(header.clone(), Point::default());
        }
        let top = if p == 0 { body_top } else { geo.top };
        let bottom = geo.body_bottom() - area(&pf.notes);
        for (c, range) in pf.columns.iter().enumerate() {
            let x = geo.left + (geo.column_width + geo.gap) * c as f64;
            page.regions.push(Region {
                kind: RegionKind::Column,
                rect: place::rect(x, top, geo.column_width, bottom - top),
            });
            out.columns.push(ColumnRecord {
                page: p,
                column: c,
                items: range.clone().map(|i| items[i].role).collect(),
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
                page.append(items[i].frame.clone(), Point { x, y });
                y += items[i].height;
            }
        }
        page.append(
            notes::area(
                &note_blocks,
                &pf.notes,
                geo.left,
                geo.text_width,
                geo.body_bottom(),
            ),
            Point::default(),
        );
        page.append(page::footer(&mut s, p, count), Point::default());
        let mut note_refs = page.notes.clone();
        note_refs.sort_unstable();
        note_refs.dedup();
        out.pages.push(Page {
            items: page.items,
            regions: page.regions,
            note_refs,
            notes: pf.notes.clone(),
        });
    }
    if !s.errors.is_empty() {
        return Err(LayoutError(s.errors));
    }
    out.nodes = s.structure.nodes;
    Ok(out)
}
