//! Document properties: docProps/core.xml (title, author, subject,
//! keywords, language and, only when SOURCE_DATE_EPOCH is set, the dates)
//! and docProps/app.xml. docx-rs cannot set title, creator or language,
//! so these parts are written here.

use super::xml::{Element, write};
use crate::doc::Document;

/// core.xml. Without an epoch no date is written: a date from the clock
/// would make two builds differ.
pub fn core(doc: &Document, epoch: Option<i64>) -> Vec<u8> {
    let m = &doc.meta;
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
        .child(Element::new("dc:language").text(&doc.lang))
        .child(Element::new("cp:lastModifiedBy").text(&m.author))
        .child(Element::new("cp:revision").text("1"));
    if let Some(epoch) = epoch {
        let date = w3c_date(epoch);
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
pub fn app(doc: &Document) -> Vec<u8> {
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
        .child(Element::new("Company").text(&doc.meta.author));
    write(&root)
}

/// Seconds since 1970 as `YYYY-MM-DDThh:mm:ssZ`.
pub fn w3c_date(epoch: i64) -> String {
    let (y, mo, d, h, mi, s) = civil(epoch);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// Seconds since 1970 as a UTC date and time (days to civil date after
/// Howard Hinnant's algorithm).
pub fn civil(epoch: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = epoch.div_euclid(86_400);
    let secs = epoch.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        m,
        d,
        (secs / 3600) as u32,
        (secs % 3600 / 60) as u32,
        (secs % 60) as u32,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(w3c_date(0), "1970-01-01T00:00:00Z");
        assert_eq!(w3c_date(1_700_000_000), "2023-11-14T22:13:20Z");
        assert_eq!(w3c_date(951_782_400), "2000-02-29T00:00:00Z");
    }
}
