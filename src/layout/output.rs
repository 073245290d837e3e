//! The layout's output: pages of positioned items, and the document's
//! logical structure (for PDF tags and the outline). Positions are in
//! points from the top-left corner of the trimmed page, y growing down.

use std::ops::Range;
use std::sync::Arc;

pub use crate::design::Paint;
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

    /// Whether the two overlap by more than `tolerance` both ways.
    pub fn overlaps(&self, other: &Rect, tolerance: Pt) -> bool {
        self.x + tolerance < other.right()
            && other.x + tolerance < self.right()
            && self.y + tolerance < other.bottom()
            && other.y + tolerance < self.bottom()
    }

    pub fn contains(&self, other: &Rect, tolerance: Pt) -> bool {
        other.x >= self.x - tolerance
            && other.y >= self.y - tolerance
            && other.right() <= self.right() + tolerance
            && other.bottom() <= self.bottom() + tolerance
    }
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
    Link(LinkTarget),
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
/// A page holds thousands and a pack keeps every country's layout until its
/// combined PDF is drawn, so the rarely used fields are small: the offsets
/// in em as the PDF takes them, the text range in 32 bits (32 bytes a
/// glyph, not 48).
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedGlyph {
    pub id: u32,
    pub advance: Pt,
    /// Offsets from where the advances put the glyph, in em of the run's
    /// size, y upwards (mark positioning, mostly zero).
    pub x_offset: f32,
    pub y_offset: f32,
    /// Byte range of the run's text this glyph stands for.
    pub text: Range<u32>,
}

impl PlacedGlyph {
    /// The byte range of the run's text this glyph stands for.
    pub fn text(&self) -> Range<usize> {
        self.text.start as usize..self.text.end as usize
    }
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
    /// Where the run's text starts in its paragraph, and whether it runs
    /// right to left: a line's runs are in visual order, and these give
    /// back the reading order.
    pub logical: usize,
    pub rtl: bool,
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
        /// Round dots `width` wide rather than a line (a contents entry's
        /// leader).
        dotted: bool,
    },
    Image {
        rect: Rect,
    },
    /// A clickable area leading to a web address or a page.
    Link {
        rect: Rect,
        target: LinkTarget,
    },
}

/// Where a link leads.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkTarget {
    Url(Arc<str>),
    /// A page of the same document (index from 0) at height `y`.
    Page {
        page: usize,
        y: Pt,
    },
}

/// Where an item belongs: a structure node, or page furniture.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Owner {
    Node(NodeId),
    Artifact(Artifact),
}

/// Which text of the document a run sets, for checking that every
/// character is placed once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TextId {
    Kicker,
    Title,
    IndicatorHeading,
    /// Label, value and detail of box number `n` of the indicator row.
    BoxLabel(usize),
    BoxValue(usize),
    BoxDetail(usize),
    SampleNote,
    /// A heading or paragraph: block number `n` of the document's body.
    Block(usize),
    CalloutLabel(usize),
    CalloutAmount(usize),
    /// Footnote number `n`, its marker included.
    Note(u32),
    /// The footer's text and page number on page `n` (from 0).
    Footer(usize),
    PageNumber(usize),
    /// The country's name at the head of page `n` (from 0) in a pack.
    RunningHead(usize),
    /// Line `n` of a pack's cover, entry `n` of its contents.
    Cover(usize),
    Contents(usize),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub kind: ItemKind,
    pub owner: Owner,
    /// The text a run sets (runs only).
    pub text: Option<TextId>,
    /// Index of the region in the page's (or frame's) `regions` the item
    /// was set into.
    pub region: Option<usize>,
}

/// What a region of the page is, for checking that content stays inside.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
    /// The running head at the top of a page in a pack.
    Header,
    /// A pack's cover and contents.
    Front,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Region {
    pub kind: RegionKind,
    pub rect: Rect,
    /// The region this one lies in (a box in the indicator area, the
    /// call-out in a column), as an index in the same list.
    pub parent: Option<usize>,
}

/// One laid-out page: items in reading order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PageLayout {
    pub items: Vec<Item>,
    /// The regions content was set into (columns, boxes, the notes area).
    pub regions: Vec<Region>,
    /// Footnote numbers whose markers are on this page.
    pub note_refs: Vec<u32>,
    /// Footnote numbers whose text starts on this page.
    pub notes: Vec<u32>,
    /// Footnote numbers continued from an earlier page.
    pub continued_notes: Vec<u32>,
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
    /// The column's last line ends in a hyphen.
    pub ends_hyphenated: bool,
}

/// How a body line was set, for checking the spacing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LineRecord {
    /// The paragraph's block in the document's body.
    pub block: usize,
    pub justified: bool,
    /// Factor applied to the word spaces (1.0 natural).
    pub space_factor: f64,
    /// Letter-spacing added to justify the line, in em.
    pub letter_spacing: f64,
    /// The line has word spaces at all.
    pub has_spaces: bool,
    pub hyphenated: bool,
    /// The paragraph's last line.
    pub last: bool,
    /// The set line's width, and the column's.
    pub width: Pt,
    pub measure: Pt,
}

/// How a layout's pages are numbered: on their own ("Page 1 of 2"), or
/// as part of a pack.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Numbering {
    /// Index of the first page among all the document's pages.
    pub first: usize,
    /// Pages in all; 0 means the layout's own count.
    pub total: usize,
    /// Continuation pages carry the country's name at their head.
    pub running_head: bool,
}

impl Numbering {
    /// The printed number of page `p` (from 0) of a layout of `pages`.
    pub fn label(&self, p: usize, pages: usize) -> (usize, usize) {
        let total = if self.total == 0 { pages } else { self.total };
        (self.first + p + 1, total)
    }
}

/// A laid-out document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout {
    pub pages: Vec<PageLayout>,
    pub nodes: Vec<Node>,
    pub outline: Vec<OutlineEntry>,
    /// Every column's items (for checks).
    pub columns: Vec<ColumnRecord>,
    /// Every body paragraph line (for checks).
    pub lines: Vec<LineRecord>,
    /// Trim size, and how far the bleed reaches beyond it.
    pub width: Pt,
    pub height: Pt,
    pub bleed: Pt,
    pub numbering: Numbering,
}
