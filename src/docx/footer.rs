//! The page footer: the programme and country on the left, the page
//! number in the locale's words on the right ("Page 1 of 2"), with live
//! PAGE and NUMPAGES fields so Word and LibreOffice count the pages. The
//! pattern is the design's, parsed once for both writers.

use docx_rs::{FieldCharType, Footer, InstrNUMPAGES, InstrPAGE, InstrText, Paragraph, Run};

use super::inline::Ctx;
use super::styles::id;
use crate::design::PagePiece;

/// A run in the page number's style, which carries the labels' language.
fn page_run() -> Run {
    Run::new().style(id::PAGE_NUMBER)
}

/// A complex field: begin, instruction, separator, a cached result (shown
/// until the reader updates it), end.
fn field(p: Paragraph, instr: InstrText) -> Paragraph {
    p.add_run(page_run().add_field_char(FieldCharType::Begin, false))
        .add_run(page_run().add_instr_text(instr))
        .add_run(page_run().add_field_char(FieldCharType::Separate, false))
        .add_run(page_run().add_text("1"))
        .add_run(page_run().add_field_char(FieldCharType::End, false))
}

pub fn footer(ctx: &Ctx<'_>) -> Footer {
    let mut p = Paragraph::new()
        .style(id::FOOTER)
        .add_run(Run::new().add_text(&ctx.doc.footer.text))
        .add_run(Run::new().add_tab());
    for piece in &ctx.design.footer.page_number.pieces {
        p = match piece {
            PagePiece::Text(t) => p.add_run(page_run().add_text(t)),
            PagePiece::Page => field(p, InstrText::PAGE(InstrPAGE::new())),
            PagePiece::Pages => field(p, InstrText::NUMPAGES(InstrNUMPAGES::new())),
        };
    }
    Footer::new().add_paragraph(p)
}
