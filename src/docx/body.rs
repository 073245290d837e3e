//! One factsheet's body, laid out like the PDF: the title band across the
//! page, the indicator heading and its rows of boxes, the sample-data
//! note, then the narrative (headings, paragraphs, the call-out) in
//! columns. Every paragraph names a style; nothing is formatted directly
//! except what belongs to one table (widths, shading and margins of its
//! cells).
//!
//! [`factsheet`] adds the two sections of one factsheet to a document; a
//! combined document calls it once per factsheet and then [`close`]s.

use docx_rs::{Docx, Paragraph, Run};

use super::band;
use super::indicators;
use super::inline::{Ctx, Part};
use super::page::{self, Start};
use super::styles::id;
use super::xml::{Element, Node};
use crate::design::Role;
use crate::doc::Block;
use crate::units::Pt;

/// Add one factsheet: the band and indicators in one full-width section
/// beginning as `start` says, then the narrative in columns.
pub fn factsheet(mut docx: Docx, ctx: &mut Ctx<'_>, start: Start) -> Docx {
    let doc = ctx.doc;
    let design = ctx.design;
    docx = docx
        .add_paragraph(band::anchor(ctx))
        .add_table(band::table(ctx));
    let footer = ctx.footer.clone();
    let footer = Some(footer.as_str());
    if let (Some(row), Some(d)) = (&doc.indicators, &design.indicators) {
        docx = indicators::add(docx, ctx, row, d);
    }
    // The band's gap above the narrative, less what its first block has
    // above it by its style (Word adds the two). An empty paragraph holds
    // it: LibreOffice drops the empty paragraph that closes a section, so
    // that one cannot.
    let above = doc.body.first().map_or(Pt::ZERO, |b| space_above(ctx, b));
    let gap = design.band.gap_after - above;
    if gap > Pt::ZERO {
        docx = docx.add_paragraph(Paragraph::new().style(&ctx.sized.space(gap)));
    }
    docx = docx.add_paragraph(
        Paragraph::new()
            .style(id::SECTION_BREAK)
            .section_property(page::section(design, 1, start, footer)),
    );

    // The narrative, closed by its last paragraph. A paragraph that
    // follows another starts indented, as in the PDF.
    let mut narrative = Vec::new();
    let mut after_paragraph = false;
    // In a combined document the sections are a level below the country.
    let heading = if ctx.nested {
        id::SECTION_HEADING
    } else {
        id::HEADING1
    };
    for block in &doc.body {
        match block {
            Block::Heading(h) => narrative.push(Paragraph::new().style(heading).add_run(
                Run::new().add_text(ctx.fit(
                    &h.text,
                    ctx.design.page.column_width,
                    ctx.design.style(Role::Heading),
                )),
            )),
            Block::Paragraph(p) => {
                let style = if after_paragraph {
                    id::BODY_INDENT
                } else {
                    id::BODY
                };
                let para = Paragraph::new().style(style);
                narrative.push(ctx.add_runs(para, &p.runs, Part::Document));
            }
            Block::Callout(c) => {
                narrative.push(
                    Paragraph::new()
                        .style(id::CALLOUT)
                        .add_run(Run::new().add_text(&c.label)),
                );
                let mut amount = Paragraph::new()
                    .style(id::CALLOUT_AMOUNT)
                    .add_run(Run::new().add_text(&c.amount));
                if let Some(note) = c.note {
                    amount = amount.add_run(ctx.note_ref(note));
                }
                narrative.push(amount);
            }
        }
        after_paragraph = matches!(block, Block::Paragraph(_));
    }
    if let Some(last) = narrative.pop() {
        let columns = design.page.columns;
        let section = page::section(design, columns, Start::Continuous, footer);
        narrative.push(last.section_property(section));
    }
    for p in narrative {
        docx = docx.add_paragraph(p);
    }
    docx
}

/// End the document: one column again, holding only an empty paragraph,
/// so that no multi-column section is the last. It names no footer: it
/// has the last factsheet's.
pub fn close(docx: Docx, ctx: &Ctx<'_>) -> Docx {
    let mut docx = docx.add_paragraph(Paragraph::new().style(id::SECTION_BREAK));
    docx.document.section_property = page::section(ctx.design, 1, Start::Continuous, None);
    docx
}

/// What docx-rs cannot say about the body: a call-out that closes a
/// section in columns neither keeps with the next paragraph nor leaves
/// space below it. Elsewhere its label keeps with its amount, and the
/// amount is spaced from what follows; as the last two paragraphs of a
/// section in columns, either makes LibreOffice open an empty page after
/// the section (each in other cases; both checked with LibreOffice 7.4).
pub fn finish(body: &mut Element) {
    let style_of = |n: &Node| match n {
        Node::Element(p) if p.name == "w:p" => paragraph_style(p).map(str::to_string),
        _ => None,
    };
    let closes_section = |n: &Node| match n {
        Node::Element(p) => p
            .elements()
            .any(|c| c.name == "w:pPr" && c.elements().any(|s| s.name == "w:sectPr")),
        Node::Text(_) => false,
    };
    for i in 1..body.children.len() {
        let amount = &body.children[i];
        let closing = style_of(amount).as_deref() == Some(id::CALLOUT_AMOUNT)
            && closes_section(amount)
            && style_of(&body.children[i - 1]).as_deref() == Some(id::CALLOUT);
        if !closing {
            continue;
        }
        let direct = |n: &mut Node, e: Element| {
            if let Node::Element(p) = n {
                p.find_or_insert("w:pPr").children.push(Node::Element(e));
            }
        };
        direct(
            &mut body.children[i - 1],
            Element::new("w:keepNext").attr("w:val", "0"),
        );
        direct(
            &mut body.children[i],
            Element::new("w:spacing").attr("w:after", "0"),
        );
    }
}

/// The style a paragraph names.
pub fn paragraph_style(p: &Element) -> Option<&str> {
    p.elements()
        .find(|e| e.name == "w:pPr")?
        .elements()
        .find(|e| e.name == "w:pStyle")?
        .get_attr("w:val")
}

/// The space a block's style puts above it.
fn space_above(ctx: &Ctx<'_>, block: &Block) -> Pt {
    let body = &ctx.design.body;
    match block {
        Block::Heading(_) => body.heading_before,
        Block::Paragraph(_) => body.paragraph,
        Block::Callout(_) => body.callout,
    }
}
