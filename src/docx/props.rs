//! Document properties: docProps/core.xml (title, author, subject,
//! keywords, language and, only when SOURCE_DATE_EPOCH is set, the dates)
//! and docProps/app.xml. docx-rs cannot set title, creator or language,
//! so these parts are written here.

use super::xml::{Element, write};
use crate::doc::Meta;

/// core.xml, for a document in `lang`. Without an epoch no date is
/// written: a date from the clock would make two builds differ.
pub fn core(m: &Meta, lang: &str, epoch: Option<i64>) -> Vec<u8> {
    let mut root = Element::new("cp:coreProperties")
        .attr(
            "xmlns:cp",
            "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        )
        .attr("xmlns:dc", "http://purl.org/dc/elements/1.1/")
        .attr("xmlns:dcterms", "http://purl.org/dc/terms/")
        .attr("xmlns:dcmitype", "http://purl.org/dc/dcmitype/")
        .attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        .child(Element::new("dc:title").text(&m.title))
        .child(Element::new("dc:subject").text(&m.subject))
        .child(Element::new("dc:creator").text(&m.author))
        .child(Element::new("cp:keywords").text(&m.keywords.join(", ")))
        .child(Element::new("dc:language").text(lang))
        .child(Element::new("cp:lastModifiedBy").text(&m.author))
        .child(Element::new("cp:revision").text("1"));
    if let Some(epoch) = epoch {
        let date = crate::time::UtcDateTime::from_epoch(epoch).iso8601();
        for name in ["dcterms:created", "dcterms:modified"] {
            root = root.child(
                Element::new(name)
                    .attr("xsi:type", "dcterms:W3CDTF")
                    .text(&date),
            );
        }
    }
    write(&root)
}

/// app.xml: the application and the organisation.
pub fn app(m: &Meta) -> Vec<u8> {
    let root = Element::new("Properties")
        .attr(
            "xmlns",
            "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
        )
        .attr(
            "xmlns:vt",
            "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
        )
        .child(Element::new("Application").text("factsheet"))
        .child(Element::new("Company").text(&m.author));
    write(&root)
}
