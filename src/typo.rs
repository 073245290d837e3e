//! Language typography: a pass over every text of the document tree, by
//! the language of the text, run before either writer sees it.
//!
//! - quotes: straight ones made typographic (apostrophes too, in headings,
//!   labels and sources as in paragraphs), then set in the language's marks
//!   (« » in French and Spanish, “ ” in English; a locale file may choose);
//! - French spacing: a narrow no-break space (U+202F) inside « » and before
//!   ; : ! ?, so that no line starts with the mark;
//! - a no-break space between a number and a percent sign where CLDR puts
//!   one (es, fr, de), and between a number and its unit or currency sign;
//! - en dashes in year ranges (2016–2020);
//! - a no-break space before a spaced dash, so that no line starts with one.
//!
//! The pass works across a paragraph's runs (a quotation may open in plain
//! text and close after an emphasised word); link texts are left as they
//! are written.

mod quotes;
mod rules;

pub use quotes::Quotes;
pub use rules::Rules;

use crate::doc::{Block, Document, Run};
use crate::locale::Locale;

const NBSP: char = '\u{a0}';
const NNBSP: char = '\u{202f}';

/// One text, by the rules of its language.
pub fn apply(text: &str, rules: &Rules) -> String {
    let mut s = text.to_string();
    apply_runs(&mut [Piece::Text(&mut s)], rules);
    s
}

/// A piece of a paragraph: text the pass may change, or a link text it
/// leaves alone (seen as a word by its neighbours).
pub enum Piece<'a> {
    Text(&'a mut String),
    Fixed,
}

/// Several runs of one paragraph, as one text: rules see across run
/// boundaries; a character the pass adds goes into the run before it.
pub fn apply_runs(pieces: &mut [Piece<'_>], rules: &Rules) {
    const FIXED: char = '\u{fffc}';
    let mut stream: Vec<(char, usize)> = Vec::new();
    for (i, p) in pieces.iter().enumerate() {
        match p {
            Piece::Text(s) => stream.extend(s.chars().map(|c| (c, i))),
            Piece::Fixed => stream.push((FIXED, usize::MAX)),
        }
    }
    let out = rules::rewrite(stream, rules);
    for p in pieces.iter_mut() {
        if let Piece::Text(s) = p {
            s.clear();
        }
    }
    for (c, i) in out {
        if let Some(Piece::Text(s)) = pieces.get_mut(i) {
            s.push(c);
        }
    }
}

fn runs(runs: &mut [Run], rules: &Rules) {
    let mut pieces: Vec<Piece<'_>> = runs
        .iter_mut()
        .filter_map(|r| match r {
            Run::Text { link: Some(_), .. } => Some(Piece::Fixed),
            Run::Text { text, .. } => Some(Piece::Text(text)),
            Run::NoteRef(_) | Run::Break => None,
        })
        .collect();
    apply_runs(&mut pieces, rules);
}

/// Apply the pass to a whole document: the profile's texts by the rules
/// of their language, the labels by those of the locale's.
pub fn apply_document(doc: &mut Document, locale: &Locale, smart_quotes: bool) {
    let text = Rules::for_language(&doc.lang, locale, smart_quotes);
    let label = Rules::for_language(&doc.label_lang, locale, smart_quotes);
    let fix = |s: &mut String, r: &Rules| *s = apply(s, r);

    fix(&mut doc.title, &text);
    fix(&mut doc.kicker, &text);
    fix(&mut doc.footer.text, &text);
    fix(&mut doc.footer.page_pattern, &label);
    fix(&mut doc.meta.title, &text);
    fix(&mut doc.meta.subject, &text);
    for k in &mut doc.meta.keywords {
        fix(k, &text);
    }
    if let Some(row) = &mut doc.indicators {
        fix(&mut row.heading, &label);
        if let Some(n) = &mut row.note {
            fix(n, &label);
        }
        for b in &mut row.boxes {
            fix(&mut b.label, &text);
            fix(&mut b.value, &text);
            if let Some(d) = &mut b.detail {
                fix(d, &text);
            }
        }
    }
    for block in &mut doc.body {
        match block {
            Block::Heading(h) => fix(&mut h.text, &text),
            Block::Paragraph(p) => runs(&mut p.runs, &text),
            Block::Callout(c) => {
                let r = if c.label_at.is_some() { &text } else { &label };
                fix(&mut c.label, r);
                fix(&mut c.amount, &label);
            }
        }
    }
    for n in &mut doc.notes {
        runs(&mut n.runs, &text);
    }
}

#[cfg(test)]
mod tests;
