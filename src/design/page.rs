//! Page geometry: the A4 trim, its margins and bleed, and the columns of
//! running text. Defined once; the PDF layout and the DOCX sections both
//! read it.

use crate::theme::Theme;
use crate::units::{Mm, Pt};

/// ISO 216 A4, the trim size of every factsheet.
pub const A4_WIDTH: Mm = Mm(210.0);
pub const A4_HEIGHT: Mm = Mm(297.0);

/// Page geometry in points, from the top-left corner of the trim.
#[derive(Clone, Debug, PartialEq)]
pub struct PageGeometry {
    /// Trim size.
    pub width: Pt,
    pub height: Pt,
    pub margin_left: Pt,
    pub margin_right: Pt,
    pub margin_top: Pt,
    pub margin_bottom: Pt,
    /// Printed beyond the trim on every side, for the title band.
    pub bleed: Pt,
    /// Width between the side margins.
    pub text_width: Pt,
    /// Columns of running text, and the gap between two.
    pub columns: usize,
    pub column_gap: Pt,
    pub column_width: Pt,
    /// Trim marks, when asked for.
    pub crop_marks: CropMarks,
}

/// Trim (crop) marks at the corners of the trim, outside the bleed so
/// that none shows on the trimmed page.
#[derive(Clone, Debug, PartialEq)]
pub struct CropMarks {
    /// From the trim's edge to a mark's start: the bleed, at least 3 mm.
    pub offset: Pt,
    pub length: Pt,
    /// A hairline: the thinnest rule print shops reproduce.
    pub stroke: Pt,
}

impl CropMarks {
    /// Room the marks take beyond the trim.
    pub fn reach(&self) -> Pt {
        self.offset + self.length + Mm(1.0).to_pt()
    }
}

impl PageGeometry {
    pub fn new(theme: &Theme) -> PageGeometry {
        let p = &theme.page;
        let width = A4_WIDTH.to_pt();
        let (left, right) = (p.margin_left.to_pt(), p.margin_right.to_pt());
        let text_width = width - left - right;
        let columns = usize::from(p.columns.max(1));
        let gap = p.column_gap.to_pt();
        PageGeometry {
            width,
            height: A4_HEIGHT.to_pt(),
            margin_left: left,
            margin_right: right,
            margin_top: p.margin_top.to_pt(),
            margin_bottom: p.margin_bottom.to_pt(),
            bleed: p.bleed.to_pt(),
            text_width,
            columns,
            column_gap: gap,
            column_width: (text_width - gap * (columns as f64 - 1.0)) / columns as f64,
            crop_marks: CropMarks {
                offset: p.bleed.to_pt().max(Mm(3.0).to_pt()),
                length: Mm(6.0).to_pt(),
                stroke: Pt(0.25),
            },
        }
    }

    /// The lowest point body text and notes may reach; the footer sits
    /// below it, in the bottom margin.
    pub fn body_bottom(&self) -> Pt {
        self.height - self.margin_bottom
    }

    /// The left edge of column `c`.
    pub fn column_x(&self, c: usize) -> Pt {
        self.margin_left + (self.column_width + self.column_gap) * c as f64
    }
}
