//! Page geometry in Word's units, and the section properties that carry
//! it. The factsheet has three sections on one A4 page size: the title
//! block and indicators across the full width, the narrative in columns,
//! and a closing one-column section. LibreOffice pours the text of a
//! multi-column section down one column when that section is the LAST of
//! the document and holds footnotes; as an inner section, closed by its
//! own break, it flows and balances.

use docx_rs::{FooterReference, PageMargin, PageSize, SectionProperty, SectionType};

use crate::theme::Theme;
use crate::units::Mm;

pub const A4_WIDTH: Mm = Mm(210.0);
pub const A4_HEIGHT: Mm = Mm(297.0);

/// The footer part's relationship id (docx-rs names the first footer so).
pub const FOOTER_RID: &str = "rIdFooter1";

pub fn twips(mm: Mm) -> i32 {
    mm.to_pt().to_twips()
}

/// Width between the margins.
pub fn text_width(theme: &Theme) -> i32 {
    twips(A4_WIDTH) - twips(theme.page.margin_left) - twips(theme.page.margin_right)
}

pub fn page_margin(theme: &Theme) -> PageMargin {
    let p = &theme.page;
    PageMargin {
        top: twips(p.margin_top),
        left: twips(p.margin_left),
        bottom: twips(p.margin_bottom),
        right: twips(p.margin_right),
        // The header is empty; the footer sits in the bottom margin.
        header: twips(Mm(8.0)).min(twips(p.margin_top)),
        footer: twips(Mm(p.margin_bottom.0 * 0.45)),
        gutter: 0,
    }
}

pub fn page_size() -> PageSize {
    PageSize::new()
        .width(twips(A4_WIDTH) as u32)
        .height(twips(A4_HEIGHT) as u32)
}

/// Properties of a section with `columns` columns that follows the
/// previous one on the same page.
pub fn section(theme: &Theme, columns: usize, first: bool) -> SectionProperty {
    let mut s = SectionProperty::new()
        .page_size(page_size())
        .page_margin(page_margin(theme));
    s.columns = columns;
    s.space = twips(theme.page.column_gap) as usize;
    s.doc_grid = None;
    if !first {
        s.section_type = Some(SectionType::Continuous);
    }
    // Every section names the footer: inheriting it from the previous
    // section is what the standard says, but not every reader does it.
    s.footer_reference = Some(FooterReference::new("default", FOOTER_RID));
    s
}
