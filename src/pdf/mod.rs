//! The PDF writer: lays the document out and draws the pages with krilla.
//! Fonts are subset and embedded by krilla; the page is A4 trim with the
//! theme's bleed around it (TrimBox and BleedBox set), optionally with crop
//! marks; colour is RGB for screens or the theme's CMYK for print; the file
//! is tagged (PDF/UA-1, checked by krilla's validator) with an outline,
//! document properties and language.

mod draw;

pub use draw::logo_images_made;
mod fonts;
mod marks;
mod meta;
mod tags;

use krilla::configure::{Accessibility, Archival, Configuration, ConfigurationBuilder};
use krilla::{Document, SerializeSettings};

use crate::doc;
use crate::layout::{self, Layout};
use crate::output::OutputError;
use crate::theme::Theme;
use crate::units::{Mm, Pt};

/// Colour for print (CMYK) or screen (RGB).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorMode {
    /// RGB, for screens and office printers
    Screen,
    /// CMYK from the theme, for offset printing
    Print,
}

/// The conformance the PDF is validated against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum PdfStandard {
    /// Tagged PDF, validated as PDF/UA-1
    Ua1,
    /// PDF/A-2b (archival) and PDF/UA-1
    A2b,
    /// No validation
    None,
}

pub struct PdfOptions {
    pub color: ColorMode,
    pub crop_marks: bool,
    pub standard: PdfStandard,
    /// SOURCE_DATE_EPOCH: the creation date written, if any.
    pub epoch: Option<i64>,
}

/// Lay out and write one factsheet.
pub fn render(
    document: &doc::Document,
    theme: &Theme,
    opts: &PdfOptions,
) -> Result<Vec<u8>, OutputError> {
    let fonts = crate::fonts::fonts_for(&theme.fonts).map_err(OutputError::invalid)?;
    let laid =
        layout::layout(document, theme, &fonts).map_err(|e| OutputError::invalid(e.to_string()))?;
    write(document, &laid, theme, &fonts, opts)
}

/// Distance from the trim to the media box edge: the bleed, or room for
/// crop marks outside it.
fn media_margin(theme: &Theme, crop_marks: bool) -> Pt {
    let bleed = theme.page.bleed.to_pt();
    if crop_marks {
        bleed.max(Mm(3.0).to_pt()) + marks::MARK_SPACE
    } else {
        bleed
    }
}

/// Draw a laid-out document.
pub fn write(
    document: &doc::Document,
    laid: &Layout,
    theme: &Theme,
    fonts: &crate::fonts::FontSet,
    opts: &PdfOptions,
) -> Result<Vec<u8>, OutputError> {
    if opts.standard == PdfStandard::A2b && opts.color == ColorMode::Print {
        return Err(OutputError::invalid(
            "PDF/A-2b needs device-independent colour: use --color screen with --pdf-standard a2b, \
             or --pdf-standard ua1 for CMYK print files",
        ));
    }
    let settings = SerializeSettings {
        configuration: configuration(opts.standard)?,
        enable_tagging: true,
        ..SerializeSettings::default()
    };
    if let Some(face) = fonts.faces().find(|f| fonts::pdf_font(f).is_none()) {
        return Err(OutputError::invalid(format!(
            "the font {} cannot be embedded in a PDF",
            face.name
        )));
    }
    let mut pdf = Document::new_with(settings);
    let margin = media_margin(theme, opts.crop_marks);
    let logo = draw::logo_image(document)?;
    let mut tagger = tags::Tagger::new(&laid.nodes);
    for page in &laid.pages {
        draw::page(
            &mut pdf,
            page,
            laid,
            &draw::PageSetup {
                theme,
                fonts,
                color: opts.color,
                margin,
                crop_marks: opts.crop_marks,
                logo: logo.as_ref(),
            },
            &mut tagger,
        );
    }
    pdf.set_tag_tree(tagger.finish(&document.lang));
    pdf.set_outline(meta::outline(laid, margin));
    pdf.set_metadata(meta::metadata(document, opts.epoch));
    pdf.finish()
        .map_err(|e| OutputError::failed(format!("the PDF could not be written: {e:?}")))
}

fn configuration(standard: PdfStandard) -> Result<Configuration, OutputError> {
    let builder = ConfigurationBuilder::new();
    let builder = match standard {
        PdfStandard::Ua1 => builder.with_accessibility_validator(Accessibility::UA1),
        PdfStandard::A2b => builder
            .with_archival_validator(Archival::A2_B)
            .with_accessibility_validator(Accessibility::UA1),
        PdfStandard::None => builder,
    };
    builder
        .finish()
        .map_err(|e| OutputError::failed(format!("PDF configuration: {e:?}")))
}
