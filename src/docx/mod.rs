//! The DOCX writer: the document tree, in the design both writers share,
//! as an editable Word document; and a report pack's combined document,
//! every factsheet behind a cover and contents ([`pack`]).
//!
//! docx-rs writes the body, the styles, the footnotes and the footers
//! ([`body`] with [`band`] and [`indicators`], [`styles`] with [`sized`],
//! [`inline`], [`footer`], [`front`]); its output is then parsed and
//! finished where docx-rs cannot say what is needed ([`canonical`] puts
//! every element in schema order; [`drawings`], [`footnotes`],
//! [`script`] and [`styles::finish`] add what it has no API for), and the
//! package is assembled ([`assemble`]) with parts of our own ([`parts`],
//! [`props`]) in a deterministic zip ([`package`]). docs/docx.md lists
//! each step and why.

mod assemble;
mod band;
mod body;
mod canonical;
mod drawings;
mod footer;
mod footnotes;
mod front;
mod indicators;
mod inline;
mod logo;
mod long_words;
mod pack;
mod package;
mod page;
mod parts;
mod props;
mod schema;
mod script;
mod sized;
mod styles;
mod text;
mod theme_part;
mod variants;
mod xml;

pub use pack::{CombinedCountry, CombinedOptions, render_pack};

use crate::design::Design;
use crate::doc::Document;
use crate::output::OutputError;
use crate::theme::Theme;

pub struct DocxOptions {
    /// SOURCE_DATE_EPOCH, if set: the documents' dates.
    pub epoch: Option<i64>,
}

/// Render the document, in its design, as DOCX bytes.
pub fn render(
    doc: &Document,
    design: &Design,
    theme: &Theme,
    opts: &DocxOptions,
) -> Result<Vec<u8>, OutputError> {
    text::check_document(doc).map_err(OutputError::invalid)?;
    let fonts = crate::fonts::fonts_for(&theme.fonts).map_err(OutputError::invalid)?;
    let writing = script::Writing::of_document(doc, &fonts);
    let mut ctx = inline::Ctx::new(doc, design, theme, &writing);
    ctx.measure_with(&fonts);
    let docx = body::factsheet(docx_rs::Docx::new(), &mut ctx, page::Start::NewPage);
    let docx = body::close(docx, &ctx);
    let footers = [footer::footer(&ctx)];
    let a = assemble::Assembly {
        design,
        theme,
        writing: &writing,
        lang: &doc.lang,
        label_lang: &doc.label_lang,
        meta: &doc.meta,
        cover_band: None,
        update_fields: false,
        epoch: opts.epoch,
    };
    assemble::package(a, docx, &footers, &ctx)
}
