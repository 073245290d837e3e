//! The tag tree: structure nodes from the layout, filled with the content
//! identifiers krilla returns as items are drawn. A node joins the tree
//! when its first content is drawn, so the tree follows reading order
//! (the order items are drawn in) and holds no empty elements.

use std::num::NonZeroU16;

use krilla::tagging::{Identifier, Node as KNode, Tag, TagGroup, TagKind, TagTree};

use crate::layout::{Node, NodeId, NodeKind};

enum Child {
    Node(NodeId),
    Leaf(Identifier),
}

pub struct Tagger<'a> {
    nodes: &'a [Node],
    children: Vec<Vec<Child>>,
    attached: Vec<bool>,
    roots: Vec<NodeId>,
}

impl<'a> Tagger<'a> {
    pub fn new(nodes: &'a [Node]) -> Self {
        Tagger {
            nodes,
            children: nodes.iter().map(|_| Vec::new()).collect(),
            attached: vec![false; nodes.len()],
            roots: Vec::new(),
        }
    }

    /// Content `id` was drawn for `node`.
    pub fn leaf(&mut self, node: NodeId, id: Identifier) {
        self.attach(node);
        self.children[node].push(Child::Leaf(id));
    }

    fn attach(&mut self, node: NodeId) {
        if self.attached[node] {
            return;
        }
        self.attached[node] = true;
        match self.nodes[node].parent {
            Some(p) => {
                self.attach(p);
                self.children[p].push(Child::Node(node));
            }
            None => self.roots.push(node),
        }
    }

    pub fn finish(self, lang: &str) -> TagTree {
        let mut tree = TagTree::new().with_lang(Some(lang.to_string()));
        self.finish_into(&mut tree);
        tree
    }

    /// Add this layout's structure to a tree (a pack holds several).
    pub fn finish_into(mut self, tree: &mut TagTree) {
        for root in std::mem::take(&mut self.roots) {
            tree.push(self.group(root));
        }
    }

    fn group(&mut self, node: NodeId) -> TagGroup {
        let n = &self.nodes[node];
        let kind: TagKind = match &n.kind {
            NodeKind::Heading(level, title) => Tag::Hn(
                NonZeroU16::new(*level).unwrap_or(NonZeroU16::MIN),
                Some(title.clone()),
            )
            .into(),
            NodeKind::Paragraph => Tag::P.into(),
            NodeKind::Division => Tag::Div.into(),
            NodeKind::Note => Tag::Note.into(),
            NodeKind::Label => Tag::Lbl.into(),
            NodeKind::Reference => Tag::Reference.into(),
            NodeKind::Link(_) => Tag::Link.into(),
            NodeKind::Figure { alt } => Tag::Figure(Some(alt.clone())).into(),
        };
        let kind = kind.with_lang(n.lang.clone());
        let mut group = TagGroup::new(kind);
        for child in std::mem::take(&mut self.children[node]) {
            match child {
                Child::Leaf(id) => group.push(KNode::Leaf(id)),
                Child::Node(c) => group.push(self.group(c)),
            }
        }
        group
    }
}
