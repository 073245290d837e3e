//! Language typography: rules applied to a text by its language, run over
//! every text of the document tree before either writer sees it.
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
//! are written. It knows texts and languages only: the document tree
//! applies it to its texts (`doc::typography`), and a locale gives its
//! choices ([`Choices`]).

mod quotes;
mod rules;

pub use quotes::Quotes;
pub use rules::{Choices, Rules, cldr_percent};

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

#[cfg(test)]
mod tests;

/// The primary language subtag: `fr` of `fr-CA`.
fn base(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or(tag)
}
