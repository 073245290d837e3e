//! The PDF writer: lays the document out and draws the pages with krilla.
//! Fonts are subset and embedded by krilla; the page is A4 trim with the
//! theme's bleed around it (TrimBox and BleedBox set), optionally with crop
//! marks; colour is RGB for screens or the theme's CMYK for print; the file
//! is tagged (PDF/UA-1, checked by krilla's validator) with an outline,
//! document properties and language.

mod draw;

pub use draw::{logo_images_made, logos_decoded_again};
mod errors;
mod fonts;
mod marks;
mod meta;
mod tags;

use krilla::configure::{Accessibility, Archival, Configuration, ConfigurationBuilder};
use krilla::outline::Outline;
use krilla::tagging::TagTree;
use krilla::{Document, SerializeSettings};

use crate::design::PageGeometry;
use crate::doc;
use crate::layout::Layout;
use crate::output::OutputError;
use crate::theme::Theme;
use crate::units::Pt;

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

/// Distance from the trim to the media box edge: the bleed, or room for
/// crop marks outside it.
fn media_margin(page: &PageGeometry, crop_marks: bool) -> Pt {
    if crop_marks {
        page.crop_marks.reach()
    } else {
        page.bleed
    }
}

/// Draw a laid-out document.
pub fn write(
    document: &doc::Document,
    design: &crate::design::Design,
    laid: &Layout,
    theme: &Theme,
    fonts: &crate::fonts::FontSet,
    opts: &PdfOptions,
) -> Result<Vec<u8>, OutputError> {
    check_faces(&[laid], fonts)?;
    let mut pdf = start(opts)?;
    let logo = draw::logo_image(document.logo.as_ref())?;
    let setup = setup(theme, &design.page, fonts, opts, logo.as_ref());
    let mut tagger = tags::Tagger::new(&laid.nodes);
    let mut locations = draw::Locations::default();
    for page in &laid.pages {
        draw::page(&mut pdf, page, laid, &setup, &mut tagger, &mut locations);
    }
    pdf.set_tag_tree(tagger.finish(&document.lang));
    pdf.set_outline(meta::outline(laid, setup.margin));
    pdf.set_metadata(meta::metadata(&document.meta, &document.lang, opts.epoch));
    pdf.finish()
        .map_err(|e| errors::explain(e, &[document], &locations, opts.standard))
}

/// Make the krilla image of `logo` (decoding and compressing it, once per
/// process and logo) ahead of [`write`], so that a caller can have it made
/// on another thread while it lays the document out. A logo that cannot be
/// used is reported by [`write`].
pub fn prepare_logo(logo: Option<&doc::Logo>) {
    let _ = draw::logo_image(logo);
}

/// A pack as one PDF: its front matter, then each country's pages (a
/// blank page before a country where it must start on a right-hand page),
/// with one tag tree, one outline (country, then its sections) and every
/// font embedded once.
pub struct Pack<'a> {
    pub front: &'a doc::Front,
    /// The design of the front matter (the pack's theme).
    pub design: &'a crate::design::Design,
    pub front_layout: &'a Layout,
    /// Each country's document, and whether a blank page comes before it.
    pub countries: Vec<(&'a doc::Document, bool)>,
}

/// Draw a pack. `country(i)` hands over country `i`'s layout, numbered for
/// the pack, when its turn comes, and each is dropped once drawn: a pack
/// holds one country's numbered copy at a time. `None` stops the drawing
/// (the caller keeps the reason) and the pack is not made.
pub fn write_pack(
    pack: &Pack<'_>,
    country: &mut dyn FnMut(usize) -> Option<Layout>,
    theme: &Theme,
    fonts: &crate::fonts::FontSet,
    opts: &PdfOptions,
) -> Result<Vec<u8>, OutputError> {
    check_faces(&[pack.front_layout], fonts)?;
    let mut pdf = start(opts)?;
    let logo = draw::logo_image(pack.front.logo.as_ref())?;
    let mut setup = setup(theme, &pack.design.page, fonts, opts, logo.as_ref());
    let mut tree = TagTree::new().with_lang(Some(pack.front.lang.clone()));
    let mut outline = Outline::new();
    let mut locations = draw::Locations::default();
    let bare = doc::Document::bare(&pack.front.lang);
    let mut docs: Vec<&doc::Document> = vec![&bare];
    docs.extend(pack.countries.iter().map(|(d, _)| *d));
    let mut offset = 0;
    let mut draw = |i: usize, laid: &Layout, blank: bool, offset: &mut usize| {
        if blank {
            draw::blank_page(&mut pdf, laid, &setup);
            *offset += 1;
        }
        setup.page_offset = *offset;
        locations.layout = i;
        let mut tagger = tags::Tagger::new(&laid.nodes);
        for page in &laid.pages {
            draw::page(&mut pdf, page, laid, &setup, &mut tagger, &mut locations);
        }
        tagger.finish_into(&mut tree);
        for node in meta::outline_nodes(laid, setup.margin, *offset) {
            outline.push_child(node);
        }
        *offset += laid.pages.len();
    };
    draw(0, pack.front_layout, false, &mut offset);
    for (i, (_, blank)) in pack.countries.iter().enumerate() {
        let Some(laid) = country(i) else {
            return Err(OutputError::failed(
                "a country could not be numbered for the pack",
            ));
        };
        check_faces(&[&laid], fonts)?;
        draw(i + 1, &laid, *blank, &mut offset);
    }
    pdf.set_tag_tree(tree);
    pdf.set_outline(outline);
    pdf.set_metadata(meta::metadata(
        &pack.front.meta,
        &pack.front.lang,
        opts.epoch,
    ));
    pdf.finish()
        .map_err(|e| errors::explain(e, &docs, &locations, opts.standard))
}

/// Every face the layouts use can be embedded (krilla reads it); the
/// others are never made into krilla fonts.
fn check_faces(layouts: &[&Layout], fonts: &crate::fonts::FontSet) -> Result<(), OutputError> {
    let mut used: Vec<crate::fonts::FaceId> = Vec::new();
    for laid in layouts {
        for page in &laid.pages {
            for item in &page.items {
                if let crate::layout::ItemKind::Text(run) = &item.kind
                    && !used.contains(&run.face)
                {
                    used.push(run.face);
                }
            }
        }
    }
    for id in used {
        let face = fonts.face(id);
        if fonts::pdf_font(face).is_none() {
            return Err(OutputError::invalid(format!(
                "the font {} cannot be embedded in a PDF",
                face.name
            )));
        }
    }
    Ok(())
}

/// A krilla document for `opts`.
fn start(opts: &PdfOptions) -> Result<Document, OutputError> {
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
    Ok(Document::new_with(settings))
}

fn setup<'a>(
    theme: &'a Theme,
    page: &PageGeometry,
    fonts: &'a crate::fonts::FontSet,
    opts: &PdfOptions,
    logo: Option<&'a krilla::image::Image>,
) -> draw::PageSetup<'a> {
    draw::PageSetup {
        theme,
        fonts,
        color: opts.color,
        margin: media_margin(page, opts.crop_marks),
        crop_marks: opts.crop_marks,
        logo,
        page_offset: 0,
        crop: page.crop_marks.clone(),
    }
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
