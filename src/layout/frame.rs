//! Frames: positioned items relative to a block's top-left corner, the
//! regions they were set into, and the structure nodes they belong to.
//! Blocks are built as frames; the flow then moves them to their place on
//! a page.

use std::sync::Arc;

use super::output::{
    Item, ItemKind, LinkTarget, Node, NodeId, NodeKind, Owner, Point, Rect, Region, RegionKind,
    TextId,
};
use super::paragraph::Line;
use crate::units::Pt;

/// A block's items, positioned from its top-left corner.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Frame {
    pub height: Pt,
    pub items: Vec<Item>,
    /// Regions content was set into, which items point at by index.
    pub regions: Vec<Region>,
    /// Footnote markers inside, in reading order.
    pub notes: Vec<u32>,
}

impl Frame {
    /// Add a region (inside `parent`, an index in this frame); returns its
    /// index for the items set into it.
    pub fn region(&mut self, kind: RegionKind, rect: Rect, parent: Option<usize>) -> usize {
        self.regions.push(Region { kind, rect, parent });
        self.regions.len() - 1
    }

    /// An item that belongs to no text (a fill, a rule, an image).
    pub fn push(&mut self, kind: ItemKind, owner: Owner, region: Option<usize>) {
        self.items.push(Item {
            kind,
            owner,
            text: None,
            region,
        });
    }

    /// Place another frame's content at `at`, its regions under `parent`
    /// (an index in this frame) when they have none of their own.
    pub fn append(&mut self, other: Frame, at: Point, parent: Option<usize>) {
        let base = self.regions.len();
        for mut r in other.regions {
            r.rect.x += at.x;
            r.rect.y += at.y;
            r.parent = r.parent.map(|p| p + base).or(parent);
            self.regions.push(r);
        }
        for mut item in other.items {
            move_item(&mut item.kind, at);
            item.region = item.region.map(|r| r + base).or(parent);
            self.items.push(item);
        }
        self.notes.extend(other.notes);
    }
}

/// Move an item by `by`.
pub fn move_item(kind: &mut ItemKind, by: Point) {
    let shift = |p: &mut Point| {
        p.x += by.x;
        p.y += by.y;
    };
    match kind {
        ItemKind::Text(run) => shift(&mut run.origin),
        ItemKind::Fill { rect, .. } | ItemKind::Image { rect } | ItemKind::Link { rect, .. } => {
            rect.x += by.x;
            rect.y += by.y;
        }
        ItemKind::Rule { from, to, .. } => {
            shift(from);
            shift(to);
        }
    }
}

/// The document's structure, built in reading order.
#[derive(Default)]
pub struct Structure {
    pub nodes: Vec<Node>,
}

impl Structure {
    pub fn add(&mut self, kind: NodeKind, parent: Option<NodeId>, lang: Option<&str>) -> NodeId {
        self.nodes.push(Node {
            kind,
            parent,
            lang: lang.map(String::from),
        });
        self.nodes.len() - 1
    }
}

/// Where a set line goes: its text, region and structure node.
#[derive(Clone, Copy, Debug)]
pub struct LineTarget {
    pub text: TextId,
    pub region: Option<usize>,
    pub node: NodeId,
    /// A footnote's own number goes to this node (its label) instead of
    /// becoming a marker.
    pub label: Option<NodeId>,
}

/// Put a set line into `frame` with its baseline at `baseline` and its
/// start at `x`. Runs of footnote markers and links get nodes of their
/// own under the target's node.
pub fn place_line(
    frame: &mut Frame,
    structure: &mut Structure,
    line: &Line,
    x: Pt,
    baseline: Pt,
    to: LineTarget,
) {
    // A short right-to-left line stands at the right of its measure; an
    // indent is on the side the line starts.
    let x = if line.rtl {
        x + (line.measure - line.indent - line.width).max(Pt::ZERO)
    } else {
        x + line.indent
    };
    let mut link_node: Option<(Arc<str>, NodeId)> = None;
    // A marker set in two runs (the raised comma before a second marker,
    // then its figures) is one reference.
    let mut note_node: Option<(u32, NodeId)> = None;
    // The line's notes, with where their markers are read: the runs come
    // in visual order, which a right-to-left line reverses.
    let mut cited: Vec<(usize, u32)> = Vec::new();
    let url_node = |url: &Arc<str>| NodeKind::Link(LinkTarget::Url(url.clone()));
    for lr in &line.runs {
        let mut run = lr.run.clone();
        run.origin.x += x;
        run.origin.y += baseline;
        let owner = if let (Some(_), Some(l)) = (lr.note, to.label) {
            l
        } else if let Some(n) = lr.note {
            match note_node {
                Some((m, id)) if m == n => id,
                _ => {
                    cited.push((lr.run.logical, n));
                    let id = structure.add(NodeKind::Reference, Some(to.node), None);
                    note_node = Some((n, id));
                    id
                }
            }
        } else if let Some(url) = &lr.link {
            let id = match &link_node {
                Some((u, id)) if u == url => *id,
                _ => {
                    let id = structure.add(url_node(url), Some(to.node), None);
                    link_node = Some((url.clone(), id));
                    id
                }
            };
            frame.push(
                ItemKind::Link {
                    rect: run.bounds(),
                    target: LinkTarget::Url(url.clone()),
                },
                Owner::Node(id),
                to.region,
            );
            id
        } else {
            link_node = None;
            to.node
        };
        if lr.note.is_none() {
            note_node = None;
        }
        frame.items.push(Item {
            kind: ItemKind::Text(run),
            owner: Owner::Node(owner),
            text: Some(to.text),
            region: to.region,
        });
    }
    cited.sort_by_key(|&(at, _)| at);
    frame.notes.extend(cited.into_iter().map(|(_, n)| n));
}

/// A rectangle from its corner and size.
pub fn rect(x: Pt, y: Pt, w: Pt, h: Pt) -> Rect {
    Rect { x, y, w, h }
}
