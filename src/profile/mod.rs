//! The country profile: what one factsheet says, as read and checked from
//! its TOML file. The format is described field by field in
//! `docs/profile-format.md`.

pub mod checks;
mod inline;
mod read;
mod text;

pub use inline::{InlineProblem, Mark, Markup, parse_inline};
pub use read::{load_profile, read_profile};
pub use text::{bad_chars, span_in_source};

use std::path::PathBuf;
use std::sync::Arc;

pub use crate::diag::Loc;
use crate::diag::SourceFile;

/// A checked country profile. Every piece of text a translator will need
/// has a stable id (see [`Profile::text_ids`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    pub path: PathBuf,
    /// The profile's text, for pointing at its places.
    pub source: Arc<SourceFile>,
    /// BCP 47 tag of the language the profile's text is written in.
    pub language: String,
    pub country: Country,
    pub programme: Programme,
    pub indicators: Vec<Indicator>,
    pub sections: Vec<Section>,
    pub budget: Option<Budget>,
    /// In file order; each was referenced at least once.
    pub footnotes: Vec<Footnote>,
    /// The factsheet's date (`date = 2021-06-30`), as seconds since 1970:
    /// the date documents carry when SOURCE_DATE_EPOCH is not set.
    pub date: Option<i64>,
    /// The pages this factsheet is fitted to (`pages = 2`), in place of
    /// its theme's `[fit] pages`.
    pub pages: Option<usize>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    pub name: String,
    /// ISO 3166-1 alpha-2, upper case.
    pub code: String,
    pub name_at: Loc,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Programme {
    pub name: String,
    pub period: String,
    /// The kind of document, shown above the title; the locale's label when absent.
    pub document: Option<String>,
    pub name_at: Loc,
    pub document_at: Option<Loc>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub label: String,
    pub value: IndicatorValue,
    pub unit: Option<String>,
    /// ISO 4217 code when the value is an amount of money.
    pub currency: Option<String>,
    pub year: Option<i64>,
    pub source: Option<String>,
    /// Key of a footnote attached to the value.
    pub footnote: Option<String>,
    /// Illustrative, not real data: the factsheet says so.
    pub sample: bool,
    /// The `[[indicator]]` table; its label, value and source.
    pub at: Loc,
    pub label_at: Loc,
    pub value_at: Loc,
    pub source_at: Option<Loc>,
    pub unit_at: Option<Loc>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum IndicatorValue {
    Number(f64),
    Text(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub id: String,
    pub heading: Option<String>,
    pub heading_at: Option<Loc>,
    pub paragraphs: Vec<Paragraph>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Paragraph {
    /// The explicit id, or `<section>.<n>` counting from 1.
    pub id: String,
    /// The text as written, markup and markers included (what a
    /// translator translates).
    pub raw: String,
    pub content: Markup,
    pub at: Loc,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Budget {
    pub amount: f64,
    /// ISO 4217 code, upper case.
    pub currency: String,
    pub period: String,
    /// The call-out's label; the locale's "Budget {period}" when absent.
    pub label: Option<String>,
    /// Id of the section the call-out follows; after the last when absent.
    pub after: Option<String>,
    /// Key of a footnote attached to the amount.
    pub footnote: Option<String>,
    /// The `[budget]` table and its label.
    pub at: Loc,
    pub label_at: Option<Loc>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Footnote {
    pub key: String,
    /// The text as written.
    pub raw: String,
    pub content: Markup,
    pub at: Loc,
}

impl Profile {
    /// Every translatable text item with its id, in reading order.
    /// Paragraphs and notes come as written, with their markup and markers.
    pub fn text_ids(&self) -> Vec<(String, String)> {
        let mut out = vec![
            ("country.name".to_string(), self.country.name.clone()),
            ("programme.name".to_string(), self.programme.name.clone()),
        ];
        if let Some(d) = &self.programme.document {
            out.push(("programme.document".into(), d.clone()));
        }
        for i in &self.indicators {
            out.push((format!("indicator.{}.label", i.id), i.label.clone()));
            if let IndicatorValue::Text(t) = &i.value {
                out.push((format!("indicator.{}.value", i.id), t.clone()));
            }
            if let Some(u) = i.unit.as_ref().filter(|u| is_word_unit(u)) {
                out.push((format!("indicator.{}.unit", i.id), u.clone()));
            }
            if let Some(s) = &i.source {
                out.push((format!("indicator.{}.source", i.id), s.clone()));
            }
        }
        for s in &self.sections {
            if let Some(h) = &s.heading {
                out.push((format!("{}.heading", s.id), h.clone()));
            }
            for p in &s.paragraphs {
                out.push((p.id.clone(), p.raw.clone()));
            }
        }
        if let Some(label) = self.budget.as_ref().and_then(|b| b.label.clone()) {
            out.push(("budget.label".into(), label));
        }
        for f in &self.footnotes {
            out.push((format!("footnote.{}", f.key), f.raw.clone()));
        }
        out
    }
}

/// A unit written in letters ("people", "km", "schools"), which reads in
/// a language and is translated with the profile's text; a symbol of no
/// letters ("%", "‰") reads the same in every language.
pub fn is_word_unit(unit: &str) -> bool {
    unit.chars().any(char::is_alphabetic)
}
