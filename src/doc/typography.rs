//! Language typography over the document tree: the profile's texts by the
//! rules of their language, the labels by those of the locale's (the rules
//! themselves are in [`crate::typo`]).

use super::{Block, Document, Run};
use crate::locale::Locale;
use crate::typo::{Piece, Rules, apply, apply_runs};

fn runs(runs: &mut [Run], rules: &Rules) {
    let mut pieces: Vec<Piece<'_>> = runs
        .iter_mut()
        .filter_map(|r| match r {
            Run::Text { link: Some(_), .. } => Some(Piece::Fixed),
            Run::Text { text, .. } => Some(Piece::Text(text)),
            // A marker ends the word it follows: the space French puts
            // before a colon goes after it ("plus¹⁰ :"), not between the
            // word and its marker ("plus ¹⁰:").
            Run::NoteRef(_) => Some(Piece::Fixed),
            Run::Break => None,
        })
        .collect();
    apply_runs(&mut pieces, rules);
}

/// Apply the pass to a whole document: the profile's texts by the rules
/// of their language, the labels by those of the locale's.
pub fn apply_typography(doc: &mut Document, locale: &Locale, smart_quotes: bool) {
    let choices = locale.typography();
    let text = Rules::for_language(&doc.lang, &choices, smart_quotes);
    let label = Rules::for_language(&doc.label_lang, &choices, smart_quotes);
    let fix = |s: &mut String, r: &Rules| *s = apply(s, r);

    fix(&mut doc.title, &text);
    fix(&mut doc.kicker, &text);
    fix(&mut doc.footer.text, &text);
    for t in &mut doc.footer.shorter {
        fix(t, &text);
    }
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
