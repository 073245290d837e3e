//! The document tree: one factsheet, format-neutral. A checked profile,
//! the locale's labels and the theme resolve into it ([`build`]); the PDF
//! layout and the DOCX writer only read it. All text is final here:
//! numbers formatted, labels filled in, footnotes numbered in reading
//! order. Case changes (small labels in capitals) are left to the writers,
//! so that a DOCX keeps the words as written.

mod build;
mod typography;

pub use build::build;
pub use typography::apply_typography;

use std::sync::Arc;

pub use crate::diag::Loc;

/// One factsheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// BCP 47 tag of the profile's text.
    pub lang: String,
    /// BCP 47 tag of the labels (may differ from `lang`).
    pub label_lang: String,
    pub meta: Meta,
    /// The line above the title: "Country factsheet · Down to Zero Alliance 2016-2020".
    pub kicker: String,
    /// The country's name.
    pub title: String,
    /// Where the title and the kicker come from in the profile.
    pub title_at: Option<Loc>,
    pub kicker_at: Option<Loc>,
    pub indicators: Option<IndicatorRow>,
    /// The narrative: headings, paragraphs and the call-out, in order.
    pub body: Vec<Block>,
    /// Footnotes by number, 1 first.
    pub notes: Vec<Note>,
    pub footer: Footer,
    pub logo: Option<Logo>,
    /// The pages the profile asks this factsheet to be fitted to, in
    /// place of its theme's `[fit] pages`.
    pub pages: Option<usize>,
}

/// Document properties (PDF info and XMP, DOCX core properties).
#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorRow {
    pub heading: String,
    pub boxes: Vec<IndicatorBox>,
    /// Under the row when any box holds sample data.
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IndicatorBox {
    pub id: String,
    pub label: String,
    pub value: String,
    /// Source and year, in small type under the value.
    pub detail: Option<String>,
    /// Footnote number attached to the value.
    pub note: Option<u32>,
    pub sample: bool,
    /// The `[[indicator]]` table, its label, value and source.
    pub at: Option<Loc>,
    pub label_at: Option<Loc>,
    pub value_at: Option<Loc>,
    pub detail_at: Option<Loc>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Heading(Heading),
    Paragraph(Paragraph),
    Callout(Callout),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Heading {
    pub id: String,
    pub text: String,
    pub at: Option<Loc>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Paragraph {
    pub id: String,
    pub runs: Vec<Run>,
    pub at: Option<Loc>,
}

/// The budget call-out: "Budget 2016-2020 / € 1,243,315".
#[derive(Clone, Debug, PartialEq)]
pub struct Callout {
    pub id: String,
    pub label: String,
    pub amount: String,
    /// Footnote number attached to the amount.
    pub note: Option<u32>,
    /// The `[budget]` table, and its label when the profile gives one.
    pub at: Option<Loc>,
    pub label_at: Option<Loc>,
}

/// Inline content.
#[derive(Clone, Debug, PartialEq)]
pub enum Run {
    Text {
        text: String,
        strong: bool,
        emphasis: bool,
        link: Option<Arc<str>>,
        /// Where the text is written in the profile (or its translation).
        at: Option<Loc>,
    },
    /// A footnote marker, by number.
    NoteRef(u32),
    /// A forced line break.
    Break,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Note {
    pub number: u32,
    pub key: String,
    pub runs: Vec<Run>,
    pub at: Option<Loc>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Footer {
    /// Programme, period and country: left of the footer.
    pub text: String,
    /// Shorter forms, in order, for when `text` does not fit the footer
    /// (a very long programme or country name): the programme and period,
    /// the country, its code.
    pub shorter: Vec<String>,
    /// "Page {page} of {pages}".
    pub page_pattern: String,
}

/// The organisation's logo, loaded with the theme ([`crate::assets`]).
pub use crate::assets::{ImageFormat, Logo};

impl Run {
    pub fn text(text: impl Into<String>) -> Run {
        Run::Text {
            text: text.into(),
            strong: false,
            emphasis: false,
            link: None,
            at: None,
        }
    }
}

/// A pack's front matter: the cover and the contents, in the pack's
/// language.
#[derive(Clone, Debug, PartialEq)]
pub struct Front {
    pub lang: String,
    pub meta: Meta,
    /// The pack's title, the organisation, the period and the edition, as
    /// the cover shows them.
    pub title: String,
    pub organisation: String,
    pub period: Option<String>,
    pub edition: Option<String>,
    /// "Contents".
    pub contents: String,
    pub logo: Option<Logo>,
}

impl Document {
    /// A document with no content, in `lang`: the setting for text that
    /// belongs to no factsheet (a pack's front matter).
    pub fn bare(lang: &str) -> Document {
        Document {
            lang: lang.to_string(),
            label_lang: lang.to_string(),
            meta: Meta {
                title: String::new(),
                author: String::new(),
                subject: String::new(),
                keywords: Vec::new(),
            },
            kicker: String::new(),
            title: String::new(),
            title_at: None,
            kicker_at: None,
            indicators: None,
            body: Vec::new(),
            notes: Vec::new(),
            footer: Footer {
                text: String::new(),
                shorter: Vec::new(),
                page_pattern: String::new(),
            },
            logo: None,
            pages: None,
        }
    }

    /// The paragraphs' plain text, in order (tests and text checks).
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.body.iter().filter_map(|b| match b {
            Block::Paragraph(p) => Some(p),
            _ => None,
        })
    }
}

/// Whether text in the language of a BCP 47 tag runs right to left.
pub use crate::locale::is_rtl;

impl Document {
    /// The document runs right to left (its text's language).
    pub fn rtl(&self) -> bool {
        is_rtl(&self.lang)
    }
}

/// A note's number as superscript figures ("12" -> "¹²"): how a marker
/// reads in running text.
pub fn superscript(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|c| match c {
            '0' => '\u{2070}',
            '1' => '\u{b9}',
            '2' => '\u{b2}',
            '3' => '\u{b3}',
            '4'..='9' => char::from_u32(0x2074 + (c as u32 - '4' as u32)).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// Whether `c` is one of the superscript figures [`superscript`] writes.
pub fn is_superscript_figure(c: char) -> bool {
    matches!(c, '\u{2070}'..='\u{2079}' | '\u{b9}' | '\u{b2}' | '\u{b3}')
}

/// What stands between two note markers side by side ("word¹,²"), raised
/// like them: without it they would read as one number ("word¹²").
pub const NOTE_SEPARATOR: &str = ",";

/// Whether run `i` is a note marker right after another one, and so
/// takes [`NOTE_SEPARATOR`] before it. The document tree keeps no space
/// between such markers (see `build`), so both writers and the layout's
/// verifier decide alike.
pub fn marker_after_marker(runs: &[Run], i: usize) -> bool {
    i > 0 && matches!(runs[i], Run::NoteRef(_)) && matches!(runs[i - 1], Run::NoteRef(_))
}

/// The plain text of runs, markers left out.
pub fn plain_text(runs: &[Run]) -> String {
    let mut s = String::new();
    for r in runs {
        match r {
            Run::Text { text, .. } => s.push_str(text),
            Run::Break => s.push(' '),
            Run::NoteRef(_) => {}
        }
    }
    s
}
