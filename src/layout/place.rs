//! Frames: positioned items relative to a block's top-left corner, and the
//! structure nodes they belong to. Blocks are built as frames, then the
//! flow moves them to their place on a page.

use std::sync::Arc;

use super::frame::{Item, ItemKind, Node, NodeId, NodeKind, Owner, Point, Rect};
use super::paragraph::Line;
use crate::units::Pt;

/// A block's items, positioned from its top-left corner.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Frame {
    pub height: Pt,
    pub items: Vec<Item>,
    /// Content regions inside the frame (boxes), for layout checks.
    pub regions: Vec<super::frame::Region>,
    /// Footnote markers inside.
    pub notes: Vec<u32>,
}

impl Frame {
    pub fn push(&mut self, kind: ItemKind, owner: Owner) {
        self.items.push(Item { kind, owner });
    }

    /// Place another frame's content at `at`.
    pub fn append(&mut self, other: Frame, at: Point) {
        for mut item in other.items {
            move_item(&mut item.kind, at);
            self.items.push(item);
        }
        for mut r in other.regions {
            r.rect.x += at.x;
            r.rect.y += at.y;
            self.regions.push(r);
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

/// Put a set line into `frame` with its baseline at `baseline` and its
/// start at `x`. Runs of footnote markers and links get nodes of their
/// own under `node`.
pub fn place_line(
    frame: &mut Frame,
    structure: &mut Structure,
    line: &Line,
    x: Pt,
    baseline: Pt,
    node: NodeId,
) {
    place_line_with(frame, structure, line, x, baseline, node, None);
}

/// As [`place_line`]; a footnote's own number goes to `label` instead of
/// becoming a marker.
pub fn place_line_with(
    frame: &mut Frame,
    structure: &mut Structure,
    line: &Line,
    x: Pt,
    baseline: Pt,
    node: NodeId,
    label: Option<NodeId>,
) {
    let mut link_node: Option<(Arc<str>, NodeId)> = None;
    for lr in &line.runs {
        let mut run = lr.run.clone();
        run.origin.x += x;
        run.origin.y += baseline;
        let owner = if let (Some(_), Some(l)) = (lr.note, label) {
            l
        } else if let Some(n) = lr.note {
            frame.notes.push(n);
            structure.add(NodeKind::Reference, Some(node), None)
        } else if let Some(url) = &lr.link {
            let id = match &link_node {
                Some((u, id)) if u == url => *id,
                _ => {
                    let id = structure.add(NodeKind::Link(url.clone()), Some(node), None);
                    link_node = Some((url.clone(), id));
                    id
                }
            };
            let rect = run.bounds();
            frame.push(
                ItemKind::Link {
                    rect,
                    url: url.clone(),
                },
                Owner::Node(id),
            );
            id
        } else {
            link_node = None;
            node
        };
        frame.push(ItemKind::Text(run), Owner::Node(owner));
    }
}

/// A rectangle from its corner and size.
pub fn rect(x: Pt, y: Pt, w: Pt, h: Pt) -> Rect {
    Rect { x, y, w, h }
}
