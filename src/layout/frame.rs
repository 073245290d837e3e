//! The layout's output: pages of positioned items, and the document's
//! logical structure (for PDF tags and the outline). Positions are in
//! points from the top-left corner of the trimmed page, y growing down.

use std::ops::Range;
use std::sync::Arc;

use crate::fonts::FaceId;
use crate::units::Pt;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Point {
    pub x: Pt,
    pub y: Pt,
}

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: Pt,
    pub y: Pt,
    pub w: Pt,
    pub h: Pt,
}

impl Rect {
    pub fn right(&self) -> Pt {
        self.x + self.w
    }

    pub fn bottom(&self) -> Pt {
        self.y + self.h
    }

    pub fn contains(&self, other: &Rect, tolerance: Pt) -> bool {
        other.x >= self.x - tolerance
            && other.y >= self.y - tolerance
            && other.right() <= self.right() + tolerance
            && other.bottom() <= self.bottom() + tolerance
    }
}

/// A colour by role; the PDF writer maps it to the theme's RGB or CMYK.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Paint {
    Accent,
    Highlight,
    Text,
    Muted,
    Panel,
    OnAccent,
    Rule,
}

/// Index of a structure node in [`Layout::nodes`].
pub type NodeId = usize;

/// What a structure node is, for tagged PDF.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// A heading: its level and text (PDF/UA wants both).
    Heading(u16, String),
    Paragraph,
    /// A group (the indicator row, one box, the call-out).
    Division,
    /// A footnote: its number label and its text.
    Note,
    Label,
    /// A footnote marker in the text.
    Reference,
    Link(Arc<str>),
    Figure {
        alt: String,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub kind: NodeKind,
    /// `None`: a child of the document.
    pub parent: Option<NodeId>,
    /// Language when it differs from the document's.
    pub lang: Option<String>,
}

/// Why something is drawn but not content (page furniture, decoration).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Artifact {
    /// Backgrounds and rules.
    Layout,
    Footer,
}

/// One glyph, placed relative to its run's origin by the advances before it.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedGlyph {
    pub id: u32,
    pub advance: Pt,
    pub x_offset: Pt,
    pub y_offset: Pt,
    /// Byte range of the run's text this glyph stands for.
    pub text: Range<usize>,
}

/// A run of glyphs in one face, size and colour, on one baseline.
#[derive(Clone, Debug, PartialEq)]
pub struct TextRun {
    /// Start of the baseline.
    pub origin: Point,
    pub face: FaceId,
    pub size: Pt,
    pub paint: Paint,
    pub glyphs: Vec<PlacedGlyph>,
    /// The text the glyphs stand for (copy and paste, search).
    pub text: String,
    /// Height above and below the baseline the run occupies (for checks).
    pub ascent: Pt,
    pub descent: Pt,
}

impl TextRun {
    pub fn width(&self) -> Pt {
        self.glyphs.iter().map(|g| g.advance).sum()
    }

    /// The box the run's line occupies.
    pub fn bounds(&self) -> Rect {
        Rect {
            x: self.origin.x,
            y: self.origin.y - self.ascent,
            w: self.width(),
            h: self.ascent + self.descent,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ItemKind {
    Text(TextRun),
    Fill {
        rect: Rect,
        paint: Paint,
    },
    /// A straight rule between two points.
    Rule {
        from: Point,
        to: Point,
        width: Pt,
        paint: Paint,
    },
    Image {
        rect: Rect,
    },
    /// A clickable area leading to a web address.
    Link {
        rect: Rect,
        url: Arc<str>,
    },
}

/// Where an item belongs: a structure node, or page furniture.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Owner {
    Node(NodeId),
    Artifact(Artifact),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub kind: ItemKind,
    pub owner: Owner,
}

/// What a region of the page is, for checking that content stays inside.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RegionKind {
    /// The title band's text area.
    Title,
    /// The indicator row's heading and note.
    Indicators,
    Column,
    IndicatorBox,
    Callout,
    Notes,
    Footer,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Region {
    pub kind: RegionKind,
    pub rect: Rect,
}

/// One page: items in reading order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
    /// The regions content was set into (columns, boxes, the notes area).
    pub regions: Vec<Region>,
    /// Footnote numbers whose markers are on this page.
    pub note_refs: Vec<u32>,
    /// Footnote numbers whose text is on this page.
    pub notes: Vec<u32>,
}

/// An outline (bookmark) entry.
#[derive(Clone, Debug, PartialEq)]
pub struct OutlineEntry {
    pub title: String,
    pub level: u16,
    pub page: usize,
    pub y: Pt,
}

/// What a flow item is: for checking the keep rules on the result.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowRole {
    /// Line `line` of heading number `heading`.
    Heading {
        heading: usize,
        line: usize,
    },
    /// Line `line` of `lines` of body paragraph number `paragraph`.
    Line {
        paragraph: usize,
        line: usize,
        lines: usize,
    },
    Callout,
}

/// The items of one column, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnRecord {
    pub page: usize,
    pub column: usize,
    pub items: Vec<FlowRole>,
}

/// How a body line was set, for checking the spacing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineRecord {
    pub justified: bool,
    /// Factor applied to the word spaces (1.0 natural).
    pub space_factor: f64,
    /// The line has word spaces at all.
    pub has_spaces: bool,
    pub hyphenated: bool,
}

/// A laid-out document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub pages: Vec<Page>,
    pub nodes: Vec<Node>,
    pub outline: Vec<OutlineEntry>,
    /// Every column's items (for checks).
    pub columns: Vec<ColumnRecord>,
    /// Every body paragraph line (for checks).
    pub lines: Vec<LineRecord>,
    /// Trim size.
    pub width: Pt,
    pub height: Pt,
}
