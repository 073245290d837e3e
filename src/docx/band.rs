//! The title band: the accent colour from the page's top edge down past
//! the title, the kicker and the country's name at the left margin, the
//! logo at the right.
//!
//! The band's text is a one-cell table in the accent colour, as wide as
//! the page (it starts in the left margin), padded as the design pads the
//! band; it grows with its text, whatever line breaks Word or LibreOffice
//! choose. A body cannot start above its top margin, so the band's part
//! above the table is a rectangle in the accent colour anchored to the
//! page's top edge, behind the text ([`super::drawings::add_band`]): a
//! floating table anchored to the page (`w:tblpPr`) would do it in Word,
//! but LibreOffice 7.4 makes a floating table as wide as the page an
//! ordinary one, at the margins. The logo is a picture anchored to the
//! page, so the table has no second cell whose edge would show as a seam.

use docx_rs::{
    Paragraph, Run, Shading, ShdType, Table, TableCell, TableCellBorders, TableCellMargins,
    TableLayoutType, TableRow, VAlignType, WidthType,
};

use super::inline::Ctx;
use super::logo;
use super::page::twips;
use super::styles::id;
use crate::design::{Paint, Role};

/// The first paragraph of a factsheet: near-invisible, it holds what is
/// anchored to the page: the band's part above the table and the logo.
/// Outside the table, these cannot make its cell grow. (LibreOffice would
/// otherwise also put an empty line of its own before the band's table,
/// which opens a section.)
pub fn anchor(ctx: &mut Ctx<'_>) -> Paragraph {
    let p = Paragraph::new().style(id::BAND_ANCHOR);
    match (&ctx.doc.logo, ctx.design.band.logo) {
        (Some(l), Some(size)) => {
            let rid = ctx.picture_rid(l);
            let pic = logo::picture(l, &rid, ctx.design, size, ctx.writing.rtl);
            p.add_run(Run::new().add_image(pic))
        }
        _ => p,
    }
}

pub fn no_borders() -> TableCellBorders {
    TableCellBorders::new().clear_all()
}

/// Cell shading in a colour of the design.
pub fn fill(ctx: &Ctx<'_>, paint: Paint) -> Shading {
    Shading::new()
        .shd_type(ShdType::Clear)
        .color("auto")
        .fill(super::styles::hex(ctx.theme, paint))
}

/// The band's table.
pub fn table(ctx: &Ctx<'_>) -> Table {
    let doc = ctx.doc;
    let design = ctx.design;
    let page = &design.page;
    let band = &design.band;
    let width = twips(page.width);
    let margin_left = twips(page.margin_left);

    let kicker = Paragraph::new()
        .style(id::KICKER)
        .add_run(Run::new().add_text(&doc.kicker));
    let mut title = Paragraph::new().style(id::TITLE);
    let title_text = ctx.fit(&doc.title, band.text_width, design.style(Role::Title));
    // In a combined document the contents link to the country's title.
    if ctx.nested {
        let bookmark = super::front::bookmark(ctx.country);
        title = title
            .add_bookmark_start(ctx.country, bookmark)
            .add_run(Run::new().add_text(title_text.as_ref()))
            .add_bookmark_end(ctx.country);
    } else {
        title = title.add_run(Run::new().add_text(title_text.as_ref()));
    }
    let mut cell = TableCell::new()
        .add_paragraph(kicker)
        .add_paragraph(title)
        .width(width as usize, WidthType::Dxa)
        .shading(fill(ctx, Paint::Accent))
        .vertical_align(VAlignType::Top)
        .set_borders(no_borders());
    // The page's margins; the logo's side is kept clear by the kicker's
    // and the title's styles (an indent at the end of their lines, which
    // a right-to-left paragraph puts on the left).
    cell.property = cell
        .property
        .margin_top(twips(band.pad_top) as usize, WidthType::Dxa)
        .margin_bottom(twips(band.pad_bottom) as usize, WidthType::Dxa)
        .margin_left(margin_left as usize, WidthType::Dxa)
        .margin_right(twips(page.margin_right).max(0) as usize, WidthType::Dxa);
    Table::new(vec![TableRow::new(vec![cell]).cant_split()])
        .set_grid(vec![width as usize])
        .width(width as usize, WidthType::Dxa)
        .indent(-margin_left)
        .layout(TableLayoutType::Fixed)
        .clear_all_border()
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
}
