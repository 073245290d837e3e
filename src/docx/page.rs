//! The design's page in Word's units, and the section properties that
//! carry it. A factsheet has three sections on one page size: the title
//! band and indicators across the full width, the narrative in columns,
//! and a closing one-column section. LibreOffice pours the text of a
//! multi-column section down one column when that section is the LAST of
//! the document and holds footnotes; as an inner section, closed by its
//! own break, it flows and balances.

use docx_rs::{FooterReference, PageMargin, PageSize, SectionProperty, SectionType};

use crate::design::{Design, Role};
use crate::units::Pt;

/// The first footer part's relationship id (docx-rs names the first
/// footer so); a combined document has one footer per factsheet.
pub const FOOTER_RID: &str = "rIdFooter1";

/// The relationship id of footer part number `n` (from 1).
pub fn footer_rid(n: usize) -> String {
    format!("rIdFooter{n}")
}

pub fn twips(p: Pt) -> i32 {
    p.to_twips()
}

/// Where a section begins.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Start {
    /// On a new page (the first section of a factsheet).
    NewPage,
    /// Below the previous section, on the same page.
    Continuous,
    /// On the next odd-numbered (right-hand) page, for print.
    OddPage,
}

/// Margins, and the distance of the footer from the page's lower edge:
/// Word puts the footer's last line there, so that its rule and text
/// stand where the PDF draws them, below the body's foot. The page has no
/// header; its distance mirrors the footer's.
pub fn page_margin(design: &Design) -> PageMargin {
    let p = &design.page;
    let f = &design.footer;
    let footer_line = design.style(Role::Footer).leading;
    let footer = (p.margin_bottom - f.rule_offset - f.text_offset - footer_line).max(Pt::ZERO);
    PageMargin {
        top: twips(p.margin_top),
        left: twips(p.margin_left),
        bottom: twips(p.margin_bottom),
        right: twips(p.margin_right),
        header: twips(footer),
        footer: twips(footer),
        gutter: 0,
    }
}

pub fn page_size(design: &Design) -> PageSize {
    PageSize::new()
        .width(twips(design.page.width) as u32)
        .height(twips(design.page.height) as u32)
}

/// Properties of a section with `columns` columns, whose pages carry the
/// footer `footer` (a relationship id), or none.
pub fn section(
    design: &Design,
    columns: usize,
    start: Start,
    footer: Option<&str>,
) -> SectionProperty {
    let mut s = SectionProperty::new()
        .page_size(page_size(design))
        .page_margin(page_margin(design));
    s.columns = columns;
    s.space = twips(design.page.column_gap) as usize;
    s.doc_grid = None;
    s.section_type = match start {
        // Word's default: a section begins on a new page.
        Start::NewPage => None,
        Start::Continuous => Some(SectionType::Continuous),
        Start::OddPage => Some(SectionType::OddPage),
    };
    // Every section names its footer: inheriting it from the previous
    // section is what the standard says, but not every reader does it.
    s.footer_reference = footer.map(|rid| FooterReference::new("default", rid));
    s
}
