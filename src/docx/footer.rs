//! The page footer: the programme and country on the left, the page
//! number in the layout's words on the right ("Page 1 of 2"), with live
//! PAGE and NUMPAGES fields so Word and LibreOffice count the pages.

use docx_rs::{FieldCharType, Footer, InstrNUMPAGES, InstrPAGE, InstrText, Paragraph, Run};

use super::inline::Ctx;
use super::styles::id;

/// A piece of the page pattern.
#[derive(Debug, PartialEq)]
enum Piece<'a> {
    Text(&'a str),
    Page,
    Pages,
}

/// Split "Page {page} of {pages}" into text and fields.
fn pieces(pattern: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = pattern;
    while !rest.is_empty() {
        let next = [("{pages}", Piece::Pages), ("{page}", Piece::Page)]
            .into_iter()
            .filter_map(|(tag, piece)| rest.find(tag).map(|at| (at, tag, piece)))
            .min_by_key(|(at, tag, _)| (*at, usize::MAX - tag.len()));
        match next {
            Some((at, tag, piece)) => {
                if at > 0 {
                    out.push(Piece::Text(&rest[..at]));
                }
                out.push(piece);
                rest = &rest[at + tag.len()..];
            }
            None => {
                out.push(Piece::Text(rest));
                rest = "";
            }
        }
    }
    out
}

/// A complex field: begin, instruction, separator, a cached result (shown
/// until the reader updates it), end.
fn field(p: Paragraph, instr: InstrText) -> Paragraph {
    p.add_run(Run::new().add_field_char(FieldCharType::Begin, false))
        .add_run(Run::new().add_instr_text(instr))
        .add_run(Run::new().add_field_char(FieldCharType::Separate, false))
        .add_run(Run::new().add_text("1"))
        .add_run(Run::new().add_field_char(FieldCharType::End, false))
}

pub fn footer(ctx: &Ctx<'_>) -> Footer {
    let doc = ctx.doc;
    let mut p = Paragraph::new()
        .style(id::FOOTER)
        .add_run(Run::new().add_text(&doc.footer.text))
        .add_run(Run::new().add_tab());
    for piece in pieces(&doc.footer.page_pattern) {
        p = match piece {
            Piece::Text(t) => p.add_run(ctx.label_run(t)),
            Piece::Page => field(p, InstrText::PAGE(InstrPAGE::new())),
            Piece::Pages => field(p, InstrText::NUMPAGES(InstrNUMPAGES::new())),
        };
    }
    Footer::new().add_paragraph(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_the_page_pattern() {
        assert_eq!(
            pieces("Page {page} of {pages}"),
            vec![
                Piece::Text("Page "),
                Piece::Page,
                Piece::Text(" of "),
                Piece::Pages
            ]
        );
        assert_eq!(pieces("{page}/{pages}").len(), 3);
        assert_eq!(pieces("p. {page}"), vec![Piece::Text("p. "), Piece::Page]);
    }
}
