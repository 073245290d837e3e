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
            .section_property(page::section(design, 1, start)),
    );

    // The narrative, closed by its last paragraph. A paragraph that
    // follows another starts indented, as in the PDF.
    let mut narrative = Vec::new();
    let mut after_paragraph = false;
    for block in &doc.body {
        match block {
            Block::Heading(h) => narrative.push(
                Paragraph::new()
                    .style(id::HEADING1)
                    .add_run(Run::new().add_text(&h.text)),
            ),
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
        narrative.push(last.section_property(page::section(design, columns, Start::Continuous)));
    }
    for p in narrative {
        docx = docx.add_paragraph(p);
    }
    docx
}

/// End the document: one column again, holding only an empty paragraph,
/// so that no multi-column section is the last.
pub fn close(docx: Docx, ctx: &Ctx<'_>) -> Docx {
    let mut docx = docx.add_paragraph(Paragraph::new().style(id::SECTION_BREAK));
    docx.document.section_property = page::section(ctx.design, 1, Start::Continuous);
    docx.document.section_property.footer_reference = None;
    docx
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
