//! A combined document's front matter, as the PDF's (layout/front.rs):
//! the cover, a band in the accent colour over the top of the page with
//! the organisation, the pack's title, its period and edition at the
//! band's foot and the logo at the top; then the contents, each country
//! with the page it starts on.
//!
//! A contents entry is a link to a bookmark on the country's title,
//! holding a PAGEREF field to that bookmark: the number shown is the page
//! the country starts on in the document as the reader lays it out
//! (LibreOffice computes it on opening; Word when it updates fields,
//! which the document asks for), and until then the page the caller
//! gives, where the combined PDF has it. A TOC field would be updated by
//! Word but left as written by LibreOffice.

use docx_rs::{
    AlignmentType, Docx, FieldCharType, HeightRule, Hyperlink, HyperlinkType, InstrPAGEREF,
    InstrText, Paragraph, Run, Style, Tab, TabLeaderType, TabValueType, Table, TableCell,
    TableCellMargins, TableLayoutType, TableRow, VAlignType, WidthType,
};

use super::band::{fill, no_borders};
use super::inline::Ctx;
use super::logo;
use super::page::{self, Start, twips};
use super::styles::{self, id};
use crate::design::{Design, Paint, Role, RoleStyle};
use crate::doc::Front;
use crate::layout::front::{COVER_BAND, COVER_TITLE_SCALE, ENTRY_PITCH};
use crate::theme::Theme;
use crate::units::Pt;

/// One line of the contents.
pub struct Entry<'a> {
    pub title: &'a str,
    /// The bookmark on the country's title.
    pub bookmark: String,
    /// The page it starts on, by index from 0, shown until the reader
    /// computes its own.
    pub page: usize,
}

/// The bookmark on the title of country `n` (from 1): hidden from Word's
/// list of bookmarks, as Word's own contents' bookmarks are.
pub fn bookmark(n: usize) -> String {
    format!("_Country{n}")
}

/// How tall the cover's band is, from the page's top edge.
pub fn cover_band(design: &Design) -> Pt {
    design.page.height * COVER_BAND
}

/// The cover: the band's table and, anchored to the page, the logo (the
/// band's rectangle is added to the anchor paragraph when the document is
/// finished). Its section has no footer.
pub fn cover(mut docx: Docx, ctx: &mut Ctx<'_>, front: &Front) -> Docx {
    let design = ctx.design;
    let g = &design.page;
    let band = &design.band;
    let mut anchor = Paragraph::new().style(id::COVER_ANCHOR);
    if let (Some(l), Some(size)) = (&front.logo, band.logo) {
        let rid = ctx.picture_rid(l);
        let pic = logo::place(l, &rid, size, g.margin_top, ctx.writing.rtl);
        anchor = anchor.add_run(Run::new().add_image(pic));
    }
    docx = docx.add_paragraph(anchor);

    let line = |style: &str, text: &str| {
        Paragraph::new()
            .style(style)
            .add_run(Run::new().add_text(text))
    };
    let width = twips(g.width);
    let mut cell = TableCell::new()
        .add_paragraph(line(id::COVER_KICKER, &front.organisation))
        .add_paragraph(line(id::COVER_TITLE, &front.title));
    for extra in [&front.period, &front.edition].into_iter().flatten() {
        cell = cell.add_paragraph(line(id::COVER_LINE, extra));
    }
    let mut cell = cell
        .width(width as usize, WidthType::Dxa)
        .shading(fill(ctx, Paint::Accent))
        .vertical_align(VAlignType::Bottom)
        .set_borders(no_borders());
    // The lines stand at the band's foot, between the page's margins;
    // their styles keep the logo's side clear.
    cell.property = cell
        .property
        .margin_top(0, WidthType::Dxa)
        .margin_bottom(twips(band.pad_bottom).max(0) as usize, WidthType::Dxa)
        .margin_left(twips(g.margin_left).max(0) as usize, WidthType::Dxa)
        .margin_right(twips(g.margin_right).max(0) as usize, WidthType::Dxa);
    // At least the band's height below the top margin: a long title
    // makes it taller rather than being cut.
    let height = cover_band(design) - g.margin_top;
    let row = TableRow::new(vec![cell])
        .cant_split()
        .row_height(twips(height).max(0) as f32)
        .height_rule(HeightRule::AtLeast);
    let table = Table::new(vec![row])
        .set_grid(vec![width as usize])
        .width(width as usize, WidthType::Dxa)
        .indent(-twips(g.margin_left))
        .layout(TableLayoutType::Fixed)
        .clear_all_border()
        .margins(TableCellMargins::new().margin(0, 0, 0, 0));
    docx.add_table(table).add_paragraph(
        Paragraph::new()
            .style(id::SECTION_BREAK)
            .section_property(page::section(design, 1, Start::NewPage, None)),
    )
}

/// The contents: its heading, then one line a country, the title linked
/// to the country's bookmark and its page number a PAGEREF field. Its
/// section begins a new page and has no footer.
pub fn contents(docx: Docx, design: &Design, heading: &str, entries: &[Entry<'_>]) -> Docx {
    let mut docx = docx.add_paragraph(
        Paragraph::new()
            .style(id::CONTENTS_HEADING)
            .add_run(Run::new().add_text(heading)),
    );
    // The link's text is set as the entry's style sets it, as Word sets
    // its own contents' links.
    for e in entries {
        let instr = InstrText::PAGEREF(InstrPAGEREF::new(&e.bookmark).hyperlink());
        let link = Hyperlink::new(&e.bookmark, HyperlinkType::Anchor)
            .add_run(Run::new().add_text(e.title))
            .add_run(Run::new().add_tab())
            .add_run(Run::new().add_field_char(FieldCharType::Begin, false))
            .add_run(Run::new().add_instr_text(instr))
            .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
            .add_run(Run::new().add_text((e.page + 1).to_string()))
            .add_run(Run::new().add_field_char(FieldCharType::End, false));
        docx = docx.add_paragraph(
            Paragraph::new()
                .style(id::CONTENTS_ENTRY)
                .add_hyperlink(link),
        );
    }
    docx.add_paragraph(
        Paragraph::new()
            .style(id::SECTION_BREAK)
            .section_property(page::section(design, 1, Start::NewPage, None)),
    )
}

/// The front matter's styles, from the design's roles as the PDF sets
/// them: the cover's lines, the contents' heading and entries.
pub fn styles(design: &Design, theme: &Theme, complex: bool) -> Vec<Style> {
    let band = &design.band;
    let zero = Pt::ZERO;
    let role = |id: &str, name: &str, r: &RoleStyle, role: Role, before: Pt, after: Pt| {
        styles::role_style(
            id,
            name,
            r,
            styles::lines_of(role, complex),
            before,
            after,
            theme,
        )
    };
    let kicker = design.style(Role::Kicker);
    let title = design.style(Role::Title);
    let cover_title = RoleStyle {
        size: title.size * COVER_TITLE_SCALE,
        leading: title.leading * COVER_TITLE_SCALE,
        ..title.clone()
    };
    let cover_line = RoleStyle {
        paint: Paint::OnAccent,
        ..kicker.clone()
    };
    let body = design.style(Role::Body);
    let entry = RoleStyle {
        leading: design.body.line * ENTRY_PITCH,
        justify: false,
        ..body.clone()
    };
    let mut entry_style = role(id::CONTENTS_ENTRY, "toc 1", &entry, Role::Body, zero, zero)
        .align(AlignmentType::Left)
        .ui_priority(39)
        .unhide_when_used();
    entry_style.paragraph_property = entry_style.paragraph_property.add_tab(
        Tab::new()
            .val(TabValueType::Right)
            .leader(TabLeaderType::Dot)
            .pos(styles::twips(design.page.text_width) as usize),
    );
    // On a line two body lines tall, as the PDF sets it.
    let heading = RoleStyle {
        leading: design.body.line * 2.0,
        ..design.style(Role::Heading).clone()
    };
    let mut contents_heading = role(
        id::CONTENTS_HEADING,
        "TOC Heading",
        &heading,
        Role::Heading,
        zero,
        design.body.line,
    )
    .next(id::CONTENTS_ENTRY)
    .outline_lvl(0)
    .ui_priority(39)
    .unhide_when_used();
    contents_heading.paragraph_property = contents_heading.paragraph_property.keep_next(true);
    // The cover's lines keep clear of the logo, at their end.
    let clear = |s: Style| styles::clear_logo(s, design);
    vec![
        clear(role(
            id::COVER_KICKER,
            "Cover Kicker",
            kicker,
            Role::Kicker,
            zero,
            zero,
        ))
        .next(id::COVER_TITLE),
        clear(role(
            id::COVER_TITLE,
            "Cover Title",
            &cover_title,
            Role::Title,
            band.kicker_gap,
            zero,
        ))
        .next(id::COVER_LINE)
        .outline_lvl(0),
        clear(role(
            id::COVER_LINE,
            "Cover Line",
            &cover_line,
            Role::Kicker,
            band.kicker_gap,
            zero,
        )),
        contents_heading,
        entry_style,
        styles::hairline(id::COVER_ANCHOR, "Cover Anchor").semi_hidden(),
    ]
}
