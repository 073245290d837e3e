//! The DOCX writer: the document tree, in the design both writers share,
//! as an editable Word document.
//!
//! docx-rs writes the body, the styles, the footnotes and the footer
//! ([`body`] with [`band`] and [`indicators`], [`styles`] with [`sized`],
//! [`inline`], [`footer`]); its output is then parsed and finished where
//! docx-rs cannot say what is needed ([`canonical`] puts every element in
//! schema order; [`drawings`], [`footnotes`] and [`styles::finish`] add
//! what it has no API for), and the package is assembled here with parts
//! of our own ([`parts`], [`props`]) in a deterministic zip
//! ([`package`]). docs/docx.md lists each step and why.

mod band;
mod body;
mod canonical;
mod drawings;
mod footer;
mod footnotes;
mod indicators;
mod inline;
mod logo;
mod package;
mod page;
mod parts;
mod props;
mod schema;
mod sized;
mod styles;
mod theme_part;
mod xml;

use crate::design::Design;
use crate::doc::{self, Document};
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
    check_text(doc).map_err(OutputError::invalid)?;
    let mut ctx = inline::Ctx::new(doc, design, theme);
    let docx = body::factsheet(docx_rs::Docx::new(), &mut ctx, page::Start::NewPage);
    let docx = body::close(docx, &ctx)
        .styles(styles::styles(design, theme, &ctx.sized))
        .footer(footer::footer(&ctx));
    let built = build_parts(docx);
    let failed = |part: &str| {
        let part = part.to_string();
        move |e: String| OutputError::failed(format!("DOCX {part}: {e}"))
    };

    let mut document = xml::parse(&built.document).map_err(failed("document"))?;
    drawings::add_band(&mut document, design, theme);
    drawings::describe(&mut document, doc.logo.as_ref().map_or("", |l| &l.alt));
    canonical::canonicalize(&mut document);
    let document = xml::write(&document);

    let mut styles = xml::parse(&built.styles).map_err(failed("styles"))?;
    styles::finish(&mut styles, design, theme, &doc.lang, &doc.label_lang);
    canonical::canonicalize(&mut styles);
    let styles = xml::write(&styles);

    let footer_bytes = built
        .footer
        .ok_or_else(|| OutputError::failed("DOCX: the footer was not written"))?;
    let mut footer = xml::parse(&footer_bytes).map_err(failed("footer"))?;
    canonical::canonicalize(&mut footer);
    let footer = xml::write(&footer);

    let has_footnotes = !doc.notes.is_empty();
    let footnotes = if has_footnotes {
        let mut notes = xml::parse(&built.footnotes).map_err(failed("footnotes"))?;
        footnotes::finish(&mut notes);
        canonical::canonicalize(&mut notes);
        Some(xml::write(&notes))
    } else {
        None
    };

    let contents = parts::Contents {
        has_footnotes,
        logo: doc.logo.as_ref().map(logo::media_name),
        links: &ctx.links,
    };
    let content_types = parts::content_types(&contents);
    let package_rels = parts::package_rels();
    let core = props::core(doc, opts.epoch);
    let app = props::app(doc);
    let document_rels = parts::document_rels(&contents);
    let footnote_rels = parts::footnote_rels(&contents);
    let settings = parts::settings(design, &doc.lang, has_footnotes);
    let font_table = parts::font_table(theme);
    let theme_xml = theme_part::theme(theme, design);
    let logo_name = contents.logo.map(|n| format!("word/{n}"));

    let mut entries: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", &content_types),
        ("_rels/.rels", &package_rels),
        ("docProps/core.xml", &core),
        ("docProps/app.xml", &app),
        ("word/document.xml", &document),
        ("word/_rels/document.xml.rels", &document_rels),
        ("word/styles.xml", &styles),
        ("word/settings.xml", &settings),
        ("word/fontTable.xml", &font_table),
        ("word/footer1.xml", &footer),
        ("word/theme/theme1.xml", &theme_xml),
    ];
    if let Some(f) = &footnotes {
        entries.push(("word/footnotes.xml", f));
    }
    if let Some(r) = &footnote_rels {
        entries.push(("word/_rels/footnotes.xml.rels", r));
    }
    if let (Some(name), Some(l)) = (&logo_name, &doc.logo) {
        entries.push((name, l.data.as_slice()));
    }
    package::pack(&entries, opts.epoch).map_err(OutputError::failed)
}

/// The parts docx-rs writes for us.
struct Built {
    document: Vec<u8>,
    styles: Vec<u8>,
    footnotes: Vec<u8>,
    footer: Option<Vec<u8>>,
}

/// Only the parts we use: `Docx::build()` would also write the settings,
/// numbering, comments, properties and relationships that are replaced or
/// left out, which is a third of docx-rs's time.
fn build_parts(mut docx: docx_rs::Docx) -> Built {
    use docx_rs::BuildXML;
    docx.collect_footnotes();
    Built {
        document: docx.document.build(),
        styles: docx.styles.build(),
        footnotes: docx.footnotes.build(),
        footer: docx
            .document
            .section_property
            .footer
            .as_ref()
            .map(|(_, f)| f.build()),
    }
}

/// Text XML cannot hold (control characters, U+FFFE, U+FFFF) would make a
/// file Word and LibreOffice refuse; `check` reports it in the profile,
/// and this guards the writer on its own.
fn check_text(doc: &Document) -> Result<(), String> {
    let bad = |s: &str| {
        s.chars().find(|&c| {
            (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
        })
    };
    let runs = |runs: &[doc::Run]| -> Option<char> {
        runs.iter().find_map(|r| match r {
            doc::Run::Text { text, link, .. } => {
                bad(text).or_else(|| link.as_deref().and_then(bad))
            }
            _ => None,
        })
    };
    let mut found = None;
    let mut texts: Vec<&str> = vec![
        &doc.kicker,
        &doc.title,
        &doc.footer.text,
        &doc.footer.page_pattern,
        &doc.meta.title,
        &doc.meta.author,
        &doc.meta.subject,
    ];
    texts.extend(doc.meta.keywords.iter().map(String::as_str));
    if let Some(row) = &doc.indicators {
        texts.push(&row.heading);
        texts.extend(row.note.as_deref());
        for b in &row.boxes {
            texts.extend([b.label.as_str(), b.value.as_str()]);
            texts.extend(b.detail.as_deref());
        }
    }
    if let Some(l) = &doc.logo {
        texts.push(&l.alt);
    }
    for t in texts {
        found = found.or_else(|| bad(t));
    }
    for block in &doc.body {
        found = found.or_else(|| match block {
            doc::Block::Heading(h) => bad(&h.text),
            doc::Block::Paragraph(p) => runs(&p.runs),
            doc::Block::Callout(c) => bad(&c.label).or_else(|| bad(&c.amount)),
        });
    }
    for n in &doc.notes {
        found = found.or_else(|| runs(&n.runs));
    }
    match found {
        Some(c) => Err(format!(
            "the text holds the control character U+{:04X}, which a DOCX cannot carry",
            c as u32
        )),
        None => Ok(()),
    }
}
