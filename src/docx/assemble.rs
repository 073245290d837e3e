//! A written body made into a package: docx-rs builds the body, style
//! sheet, footnotes and footers; each is parsed and finished where docx-rs
//! cannot say what is needed, put in schema order, and packed with the
//! parts written here. One factsheet and a combined document of several
//! go through the same steps.

use super::inline::Ctx;
use super::script::{self, Writing};
use super::{body, canonical, drawings, footnotes, inline, logo, parts, props, styles, xml};
use crate::design::Design;
use crate::doc::Meta;
use crate::output::OutputError;
use crate::theme::Theme;
use crate::units::Pt;

/// What a document is besides its body.
pub struct Assembly<'a> {
    /// The design the style sheet, settings and document theme follow.
    pub design: &'a Design,
    pub theme: &'a Theme,
    pub writing: &'a Writing,
    /// The text's language and the labels'.
    pub lang: &'a str,
    pub label_lang: &'a str,
    pub meta: &'a Meta,
    /// A cover's band in the accent colour, this tall from the page's top
    /// edge (a combined document).
    pub cover_band: Option<Pt>,
    /// Ask Word to update fields on opening (page references).
    pub update_fields: bool,
    pub epoch: Option<i64>,
}

/// Finish the parts of a document: its body (`docx`, ended by
/// [`body::close`]) and its footers (footer1.xml first, as the sections
/// name them), with what `ctx` gathered while the body was written (links,
/// sized styles, pictures); pack them as `a` says.
pub fn package(
    a: Assembly<'_>,
    docx: docx_rs::Docx,
    footers: &[docx_rs::Footer],
    ctx: &Ctx<'_>,
) -> Result<Vec<u8>, OutputError> {
    let docx = docx.styles(styles::styles(
        a.design, a.theme, &ctx.sized, a.writing, ctx.nested,
    ));
    let built = build_parts(docx);
    let alts = alts(&ctx.pictures);

    let mut document = xml::parse(&built.document).map_err(failed("document"))?;
    if let Some(body) = document.find_mut("w:body") {
        finish_body(body, a.design, a.theme, a.cover_band, &alts, 0);
    }
    let document = finish(document, a.writing);
    let sheet = style_sheet(&built.styles, &a)?;

    let footers = footers
        .iter()
        .map(|f| footer(f, a.writing))
        .collect::<Result<Vec<_>, _>>()?;

    let footnotes = if built.has_footnotes {
        let mut notes = xml::parse(&built.footnotes).map_err(failed("footnotes"))?;
        footnotes::finish(&mut notes);
        Some(finish(notes, a.writing))
    } else {
        None
    };
    let parts = Parts {
        document: &[&document],
        styles: &sheet,
        footers: &footers,
        footnotes: footnotes.as_ref().map(|f| vec![f.as_slice()]),
        pictures: &ctx.pictures,
        links: &ctx.links,
    };
    pack(&a, &parts)
}

/// What docx-rs cannot say about a body (or a piece of one): the band's
/// rectangle (and a cover's, `cover_band` tall), the drawings' ids
/// (numbered after `drawings_before`), names and descriptions, and the
/// call-out's last paragraph. Gives how many drawings it numbered.
pub fn finish_body(
    body: &mut xml::Element,
    design: &Design,
    theme: &Theme,
    cover_band: Option<Pt>,
    alts: &[(String, String)],
    drawings_before: usize,
) -> usize {
    drawings::add_band(body, design, theme);
    if let Some(height) = cover_band {
        drawings::add_rect(body, styles::id::COVER_ANCHOR, design, height, theme);
    }
    let drawn = drawings::describe_from(body, alts, drawings_before);
    body::finish(body);
    drawn
}

/// The parts of a package that are written before it is packed; the
/// document and the footnotes may come in pieces (a combined document's
/// countries), packed one after another.
pub struct Parts<'a> {
    pub document: &'a [&'a [u8]],
    pub styles: &'a [u8],
    pub footers: &'a [Vec<u8>],
    pub footnotes: Option<Vec<&'a [u8]>>,
    pub pictures: &'a [crate::doc::Logo],
    pub links: &'a [inline::Link],
}

/// A message for a part docx-rs wrote that cannot be read back.
pub fn failed(part: &str) -> impl Fn(String) -> OutputError {
    let part = part.to_string();
    move |e: String| OutputError::failed(format!("DOCX {part}: {e}"))
}

/// The pictures' relationship ids and alternative texts.
pub fn alts(pictures: &[crate::doc::Logo]) -> Vec<(String, String)> {
    pictures
        .iter()
        .enumerate()
        .map(|(n, p)| (logo::rid(n), p.alt.clone()))
        .collect()
}

/// The style sheet docx-rs wrote (`xml`), finished.
pub fn style_sheet(xml: &[u8], a: &Assembly<'_>) -> Result<Vec<u8>, OutputError> {
    Ok(xml::write(&finished_sheet(xml, a)?))
}

/// The style sheet docx-rs wrote (`xml`), finished as `a` says.
pub fn finished_sheet(xml: &[u8], a: &Assembly<'_>) -> Result<xml::Element, OutputError> {
    let mut sheet = xml::parse(xml).map_err(failed("styles"))?;
    styles::finish(
        &mut sheet,
        a.design,
        a.theme,
        (a.lang, a.label_lang),
        a.writing,
    );
    canonical::canonicalize(&mut sheet);
    Ok(sheet)
}

/// A footer part, finished.
pub fn footer(f: &docx_rs::Footer, writing: &Writing) -> Result<Vec<u8>, OutputError> {
    footer_with(f, writing, &mut |_| {})
}

/// A footer part, changed by `edit` (a combined document's copies of
/// styles), then finished.
pub fn footer_with(
    f: &docx_rs::Footer,
    writing: &Writing,
    edit: &mut dyn FnMut(&mut xml::Element),
) -> Result<Vec<u8>, OutputError> {
    use docx_rs::BuildXML;
    let mut footer = xml::parse(&f.build()).map_err(failed("footer"))?;
    edit(&mut footer);
    Ok(finish(footer, writing))
}

/// Pack the finished `parts` with the parts written here.
pub fn pack(a: &Assembly<'_>, p: &Parts<'_>) -> Result<Vec<u8>, OutputError> {
    let pictures: Vec<(String, String)> = p
        .pictures
        .iter()
        .enumerate()
        .map(|(n, pic)| (logo::rid(n), logo::media_name(pic, n)))
        .collect();
    let has_footnotes = p.footnotes.is_some();
    let contents = parts::Contents {
        has_footnotes,
        footers: p.footers.len(),
        pictures: &pictures,
        links: p.links,
    };
    let content_types = parts::content_types(&contents);
    let package_rels = parts::package_rels();
    let core = props::core(a.meta, a.lang, a.epoch);
    let app = props::app(a.meta);
    let document_rels = parts::document_rels(&contents);
    let footnote_rels = parts::footnote_rels(&contents);
    let settings = parts::settings(
        a.design,
        &parts::Settings {
            lang: a.lang,
            writing: a.writing,
            has_footnotes,
            update_fields: a.update_fields,
        },
    );
    let font_table = parts::font_table(a.theme, a.writing);
    let theme_xml = super::theme_part::theme(a.theme, a.design);
    let footer_names: Vec<String> = (1..=p.footers.len())
        .map(|n| format!("word/{}", parts::footer_part(n)))
        .collect();
    let picture_names: Vec<String> = pictures
        .iter()
        .map(|(_, name)| format!("word/{name}"))
        .collect();

    let mut entries: Vec<(&str, Vec<&[u8]>)> = vec![
        ("[Content_Types].xml", one(&content_types)),
        ("_rels/.rels", one(&package_rels)),
        ("docProps/core.xml", one(&core)),
        ("docProps/app.xml", one(&app)),
        ("word/document.xml", p.document.to_vec()),
        ("word/_rels/document.xml.rels", one(&document_rels)),
        ("word/styles.xml", one(p.styles)),
        ("word/settings.xml", one(&settings)),
        ("word/fontTable.xml", one(&font_table)),
    ];
    for (name, f) in footer_names.iter().zip(p.footers) {
        entries.push((name, one(f)));
    }
    entries.push(("word/theme/theme1.xml", one(&theme_xml)));
    if let Some(f) = &p.footnotes {
        entries.push(("word/footnotes.xml", f.clone()));
    }
    if let Some(r) = &footnote_rels {
        entries.push(("word/_rels/footnotes.xml.rels", one(r)));
    }
    for (name, pic) in picture_names.iter().zip(p.pictures) {
        entries.push((name, one(pic.data.as_slice())));
    }
    super::package::pack(&entries, a.epoch).map_err(OutputError::failed)
}

/// An entry of one piece.
fn one(bytes: &[u8]) -> Vec<&[u8]> {
    vec![bytes]
}

/// Mark what runs right to left and the optional hyphens, put the part
/// in schema order, write it.
pub fn finish(mut part: xml::Element, writing: &Writing) -> Vec<u8> {
    script::mark(&mut part, writing);
    super::long_words::mark(&mut part);
    canonical::canonicalize(&mut part);
    xml::write(&part)
}

/// The parts docx-rs writes for us.
struct Built {
    document: Vec<u8>,
    styles: Vec<u8>,
    footnotes: Vec<u8>,
    has_footnotes: bool,
}

/// Only the parts we use: `Docx::build()` would also write the settings,
/// numbering, comments, properties and relationships that are replaced or
/// left out, which is a third of docx-rs's time.
fn build_parts(mut docx: docx_rs::Docx) -> Built {
    use docx_rs::BuildXML;
    let has_footnotes = docx.collect_footnotes();
    Built {
        document: docx.document.build(),
        styles: docx.styles.build(),
        has_footnotes,
        footnotes: docx.footnotes.build(),
    }
}
