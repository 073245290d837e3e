//! Helpers for the tests of a pack's combined documents.

use factsheet::doc::{Document, Front, Logo, Meta};
use factsheet::pipeline::{PackCountry, prepare};
use factsheet::theme::Theme;

/// The test pack's front matter.
pub fn front(logo: Option<Logo>) -> Front {
    Front {
        lang: "en".into(),
        meta: Meta {
            title: "Country factsheets 2016-2020".into(),
            author: "Down to Zero Alliance".into(),
            subject: "Report pack".into(),
            keywords: vec!["pack".into()],
        },
        title: "Country factsheets".into(),
        organisation: "Down to Zero Alliance".into(),
        period: Some("2016-2020".into()),
        edition: Some("Sample edition".into()),
        contents: "Contents".into(),
        logo,
    }
}

/// The page (index from 0) each country of a combined PDF starts on, from
/// the countries' page counts: after the cover and one contents page.
pub fn starts(counts: &[usize]) -> Vec<usize> {
    counts
        .iter()
        .scan(2, |at, n| {
            let s = *at;
            *at += n;
            Some(s)
        })
        .collect()
}

/// Each document laid out (and verified) as a country of a pack.
pub fn laid_out(docs: Vec<Document>, theme: &Theme) -> Vec<PackCountry> {
    docs.into_iter()
        .map(|doc| {
            let p = prepare(&doc, theme).expect("lays out");
            PackCountry {
                doc,
                design: p.design,
                layout: p.layout,
            }
        })
        .collect()
}

/// The top-level bookmarks of a PDF, in order: each title and its
/// outline item.
pub fn bookmarks(pdf: &lopdf::Document) -> Vec<(String, &lopdf::Dictionary)> {
    let catalog = pdf.catalog().unwrap();
    let outlines = pdf
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut item = outlines.get(b"First").unwrap().as_reference().ok();
    let mut out = Vec::new();
    while let Some(id) = item {
        let d = pdf.get_dictionary(id).unwrap();
        out.push((pdf_text(d.get(b"Title").unwrap().as_str().unwrap()), d));
        item = d.get(b"Next").ok().and_then(|n| n.as_reference().ok());
    }
    out
}

/// A PDF text string: UTF-16BE after its byte-order mark, else (for the
/// ASCII these tests read) bytes as they are.
pub fn pdf_text(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xfe, 0xff]) {
        Some(utf16) => String::from_utf16_lossy(
            &utf16
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect::<Vec<_>>(),
        ),
        None => String::from_utf8_lossy(bytes).into_owned(),
    }
}
