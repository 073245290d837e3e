//! Every piece of text a factsheet puts in its DOCX, for the checks made
//! before writing: characters XML cannot carry, and the scripts the text
//! is in ([`super::script::Writing`]).

use crate::doc::{self, Document};

/// Call `f` with every text of `doc`: band, indicators, narrative, notes,
/// footer, properties, the logo's description and link targets.
pub fn each_text<'d>(doc: &'d Document, f: &mut dyn FnMut(&'d str)) {
    let runs = |runs: &'d [doc::Run], f: &mut dyn FnMut(&'d str)| {
        for r in runs {
            if let doc::Run::Text { text, link, .. } = r {
                f(text);
                if let Some(l) = link {
                    f(l);
                }
            }
        }
    };
    for t in [
        &doc.kicker,
        &doc.title,
        &doc.footer.text,
        &doc.footer.page_pattern,
        &doc.meta.title,
        &doc.meta.author,
        &doc.meta.subject,
    ] {
        f(t);
    }
    for k in &doc.meta.keywords {
        f(k);
    }
    if let Some(row) = &doc.indicators {
        f(&row.heading);
        if let Some(n) = &row.note {
            f(n);
        }
        for b in &row.boxes {
            f(&b.label);
            f(&b.value);
            if let Some(d) = &b.detail {
                f(d);
            }
        }
    }
    if let Some(l) = &doc.logo {
        f(&l.alt);
    }
    for block in &doc.body {
        match block {
            doc::Block::Heading(h) => f(&h.text),
            doc::Block::Paragraph(p) => runs(&p.runs, f),
            doc::Block::Callout(c) => {
                f(&c.label);
                f(&c.amount);
            }
        }
    }
    for n in &doc.notes {
        runs(&n.runs, f);
    }
}

/// The first character of `s` that XML cannot hold (control characters,
/// U+FFFE, U+FFFF).
pub fn unwritable(s: &str) -> Option<char> {
    s.chars().find(|&c| {
        (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
    })
}

/// Text XML cannot hold would make a file Word and LibreOffice refuse;
/// `check` reports it in the profile, and this guards the writer on its
/// own.
pub fn check<'t>(texts: impl IntoIterator<Item = &'t str>) -> Result<(), String> {
    match texts.into_iter().find_map(unwritable) {
        Some(c) => Err(format!(
            "the text holds the control character U+{:04X}, which a DOCX cannot carry",
            c as u32
        )),
        None => Ok(()),
    }
}

/// [`check`] on every text of a factsheet.
pub fn check_document(doc: &Document) -> Result<(), String> {
    let mut texts = Vec::new();
    each_text(doc, &mut |t| texts.push(t));
    check(texts)
}
