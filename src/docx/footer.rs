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
        .add_run(Run::new().add_text(&ctx.design.footer.text))
        .add_run(Run::new().add_tab());
    let pieces = &ctx.design.footer.page_number.pieces;
    // A left-to-right page label in a right-to-left document ("Page 1 of
    // 3" beside Arabic): readers take a field as a neutral character,
    // which at the paragraph's end runs with the paragraph, and set
    // "3 Page 1 of". Left-to-right marks around the label hold the
    // fields in it.
    let label_ltr = ctx.writing.rtl && first_strong_is_ltr(pieces);
    if label_ltr {
        p = p.add_run(page_run().add_text(LRM));
    }
    for piece in pieces {
        p = match piece {
            PagePiece::Text(t) => p.add_run(page_run().add_text(t)),
            PagePiece::Page => field(p, InstrText::PAGE(InstrPAGE::new())),
            PagePiece::Pages => field(p, InstrText::NUMPAGES(InstrNUMPAGES::new())),
        };
    }
    if label_ltr {
        p = p.add_run(page_run().add_text(LRM));
    }
    Footer::new().add_paragraph(p)
}

/// LEFT-TO-RIGHT MARK: no width, a strong left-to-right character.
const LRM: &str = "\u{200e}";

/// Whether the page label's first letter runs left to right.
fn first_strong_is_ltr(pieces: &[PagePiece]) -> bool {
    use unicode_bidi::{BidiClass, bidi_class};
    pieces
        .iter()
        .filter_map(|piece| match piece {
            PagePiece::Text(t) => Some(t.as_str()),
            _ => None,
        })
        .flat_map(str::chars)
        .find_map(|c| match bidi_class(c) {
            BidiClass::L => Some(true),
            BidiClass::R | BidiClass::AL => Some(false),
            _ => None,
        })
        .unwrap_or(false)
}
