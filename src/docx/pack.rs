//! A report pack's combined DOCX: the cover and the contents
//! ([`super::front`]), then every country as its own factsheet would be
//! (the same styles, tables and notes), each beginning a new page (or the
//! next right-hand page, for print), with its own footer and page numbers
//! that run on through the document. Word's navigation pane shows each
//! country's title with its sections under it; footnote ids run on from
//! one country to the next, so that every note stays its own.

use docx_rs::Docx;

use super::assemble::{self, Assembly};
use super::front::{self, Entry};
use super::inline::Ctx;
use super::page::{self, Start};
use super::script::Writing;
use super::{body, footer, text};
use crate::design::Design;
use crate::doc::{Document, Front};
use crate::output::OutputError;
use crate::theme::Theme;

/// One country of a combined document.
pub struct CombinedCountry<'a> {
    pub doc: &'a Document,
    pub design: &'a Design,
    /// The page it starts on, by index from 0 (the cover is 0), as the
    /// contents show it until the reader computes its own.
    pub first_page: usize,
}

/// How a combined DOCX is made.
pub struct CombinedOptions {
    /// SOURCE_DATE_EPOCH, if set: the document's dates.
    pub epoch: Option<i64>,
    /// Each country starts on a right-hand (odd-numbered) page.
    pub right_hand: bool,
}

/// The combined DOCX of `countries`, in order, behind the cover and the
/// contents `front` describes, set in `front_design` (the pack's design:
/// page, band and logo).
pub fn render_pack(
    front: &Front,
    front_design: &Design,
    countries: &[CombinedCountry<'_>],
    theme: &Theme,
    opts: &CombinedOptions,
) -> Result<Vec<u8>, OutputError> {
    let mut texts: Vec<&str> = vec![
        &front.title,
        &front.organisation,
        &front.contents,
        &front.meta.title,
        &front.meta.author,
        &front.meta.subject,
    ];
    texts.extend(front.period.as_deref());
    texts.extend(front.edition.as_deref());
    texts.extend(front.logo.as_ref().map(|l| l.alt.as_str()));
    texts.extend(front.meta.keywords.iter().map(String::as_str));
    for c in countries {
        text::each_text(c.doc, &mut |t| texts.push(t));
    }
    text::check(texts.iter().copied()).map_err(OutputError::invalid)?;
    let fonts = crate::fonts::fonts_for(&theme.fonts).map_err(OutputError::invalid)?;
    let writing = Writing::of(&front.lang, texts, &fonts);

    let bare = Document::bare(&front.lang);
    let mut ctx = Ctx::new(&bare, front_design, theme, &writing);
    ctx.nested = true;
    let docx = front::cover(Docx::new(), &mut ctx, front);
    let entries: Vec<Entry<'_>> = countries
        .iter()
        .enumerate()
        .map(|(i, c)| Entry {
            title: &c.doc.title,
            bookmark: front::bookmark(i + 1),
            page: c.first_page,
        })
        .collect();
    let mut docx = front::contents(docx, front_design, &front.contents, &entries);
    let start = if opts.right_hand {
        Start::OddPage
    } else {
        Start::NewPage
    };
    let mut footers = Vec::with_capacity(countries.len());
    for (i, c) in countries.iter().enumerate() {
        ctx.begin(c.doc, c.design, page::footer_rid(i + 1));
        docx = body::factsheet(docx, &mut ctx, start);
        footers.push(footer::footer(&ctx));
    }
    let docx = body::close(docx, &ctx);
    // The style sheet follows the countries' design (the same theme's),
    // with its indicator spacing where a country has boxes.
    let sheet = countries
        .iter()
        .map(|c| c.design)
        .find(|d| d.indicators.is_some())
        .or_else(|| countries.first().map(|c| c.design))
        .unwrap_or(front_design);
    let a = Assembly {
        docx,
        footers,
        design: sheet,
        theme,
        writing: &writing,
        lang: &front.lang,
        label_lang: &front.lang,
        meta: &front.meta,
        cover_band: Some(front::cover_band(front_design)),
        update_fields: true,
        epoch: opts.epoch,
    };
    assemble::package(a, &ctx)
}
