//! A written body made into a package: docx-rs builds the body, style
//! sheet, footnotes and footers; each is parsed and finished where docx-rs
//! cannot say what is needed, put in schema order, and packed with the
//! parts written here. One factsheet and a combined document of several
//! go through the same steps.

use super::inline::Ctx;
use super::script::{self, Writing};
use super::{body, canonical, drawings, footnotes, logo, parts, props, styles, xml};
use crate::design::Design;
use crate::doc::Meta;
use crate::output::OutputError;
use crate::theme::Theme;
use crate::units::Pt;

/// What a document is besides its body.
pub struct Assembly<'a> {
    /// The body (docx-rs), ended by [`body::close`].
    pub docx: docx_rs::Docx,
    /// The footers, footer1.xml first, as the sections name them.
    pub footers: Vec<docx_rs::Footer>,
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

/// Finish the parts of `a`, with what `ctx` gathered while the body was
/// written (links, sized styles, pictures), and pack them.
pub fn package(a: Assembly<'_>, ctx: &Ctx<'_>) -> Result<Vec<u8>, OutputError> {
    let docx = a.docx.styles(styles::styles(
        a.design, a.theme, &ctx.sized, a.writing, ctx.nested,
    ));
    let built = build_parts(docx);
    let failed = |part: &str| {
        let part = part.to_string();
        move |e: String| OutputError::failed(format!("DOCX {part}: {e}"))
    };

    let pictures: Vec<(String, String)> = ctx
        .pictures
        .iter()
        .enumerate()
        .map(|(n, p)| (logo::rid(n), logo::media_name(p, n)))
        .collect();
    let alts: Vec<(String, String)> = ctx
        .pictures
        .iter()
        .enumerate()
        .map(|(n, p)| (logo::rid(n), p.alt.clone()))
        .collect();

    let mut document = xml::parse(&built.document).map_err(failed("document"))?;
    drawings::add_band(&mut document, a.design, a.theme);
    if let Some(height) = a.cover_band {
        drawings::add_rect(
            &mut document,
            styles::id::COVER_ANCHOR,
            a.design,
            height,
            a.theme,
        );
    }
    drawings::describe(&mut document, &alts);
    if let Some(body) = document.find_mut("w:body") {
        body::finish(body);
    }
    let document = finish(document, a.writing);

    let mut sheet = xml::parse(&built.styles).map_err(failed("styles"))?;
    styles::finish(
        &mut sheet,
        a.design,
        a.theme,
        (a.lang, a.label_lang),
        a.writing,
    );
    canonical::canonicalize(&mut sheet);
    let sheet = xml::write(&sheet);

    let mut footers = Vec::with_capacity(a.footers.len());
    for f in &a.footers {
        use docx_rs::BuildXML;
        let footer = xml::parse(&f.build()).map_err(failed("footer"))?;
        footers.push(finish(footer, a.writing));
    }

    let has_footnotes = built.has_footnotes;
    let footnotes = if has_footnotes {
        let mut notes = xml::parse(&built.footnotes).map_err(failed("footnotes"))?;
        footnotes::finish(&mut notes);
        Some(finish(notes, a.writing))
    } else {
        None
    };

    let contents = parts::Contents {
        has_footnotes,
        footers: footers.len(),
        pictures: &pictures,
        links: &ctx.links,
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
    let footer_names: Vec<String> = (1..=footers.len())
        .map(|n| format!("word/{}", parts::footer_part(n)))
        .collect();
    let picture_names: Vec<String> = pictures
        .iter()
        .map(|(_, name)| format!("word/{name}"))
        .collect();

    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", &content_types),
        ("_rels/.rels", &package_rels),
        ("docProps/core.xml", &core),
        ("docProps/app.xml", &app),
        ("word/document.xml", &document),
        ("word/_rels/document.xml.rels", &document_rels),
        ("word/styles.xml", &sheet),
        ("word/settings.xml", &settings),
        ("word/fontTable.xml", &font_table),
    ];
    for (name, f) in footer_names.iter().zip(&footers) {
        entries.push((name, f));
    }
    entries.push(("word/theme/theme1.xml", &theme_xml));
    if let Some(f) = &footnotes {
        entries.push(("word/footnotes.xml", f));
    }
    if let Some(r) = &footnote_rels {
        entries.push(("word/_rels/footnotes.xml.rels", r));
    }
    for (name, p) in picture_names.iter().zip(&ctx.pictures) {
        entries.push((name, p.data.as_slice()));
    }
    super::package::pack(&entries, a.epoch).map_err(OutputError::failed)
}

/// Mark what runs right to left, put the part in schema order, write it.
fn finish(mut part: xml::Element, writing: &Writing) -> Vec<u8> {
    script::mark(&mut part, writing);
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
